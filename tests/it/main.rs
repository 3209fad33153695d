//! The integration tests: one binary, one module per area.

mod progress_results;
mod quiz_plain;
mod quiz_support;
