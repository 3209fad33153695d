//! The integration tests: one binary, one module per area.

// clippy.toml allows `unwrap` in `#[test]` functions; this binary's helpers are test code too.
#![allow(clippy::unwrap_used)]

mod scenario_cli;
mod scenario_fixtures;
mod scenario_props;
