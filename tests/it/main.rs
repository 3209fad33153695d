//! The one integration-test binary: one module per area.

mod cognito;
mod progress_results;
mod quiz_plain;
mod quiz_support;
mod transcript;
