//! The one integration-test binary: one module per area.

mod cognito;
mod plain;
mod tui;
mod tui_tmux;
