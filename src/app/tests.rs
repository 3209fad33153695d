//! Unit tests of the app model.
