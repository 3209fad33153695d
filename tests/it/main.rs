//! The one integration-test binary: one module per area.

// clippy.toml allows `unwrap` in `#[test]` functions; this binary's helpers are test code too.
#![allow(clippy::unwrap_used)]

mod browser;
mod class_report;
mod cognito;
mod exceptions;
mod format2;
mod hostile;
mod key_cache;
mod lessons;
mod plain;
mod progress_results;
mod qr_tmux;
mod quiz_plain;

mod scenario_cli;
mod scenario_fixtures;
mod scenario_props;
mod serve;
mod service_model;
mod signals;
mod support;
mod transcript;
mod tui;
mod tui_tmux;
