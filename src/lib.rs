//! cogflow: a terminal lesson on how Amazon Cognito signs a user in.
//!
//! Dependencies point one way:
//!
//! ```text
//! scenario (TOML -> validated Scenario) ─┐
//! cognito  (mock user pool, no UI)  ─────┼─> flow (runs steps, records frames) ─> app (state, keys) ─> ui (ratatui)
//!                                        │                                    └─> transcript / plain / quiz (text)
//! ```
//!
//! Only `app`, `ui` and the TUI entry in `commands` use ratatui or crossterm.

/// The terminal UI's model: one App, one Message, one update, one key table.
pub mod app;
/// The cache directory and the mock pool's keys kept in it between runs.
pub mod cache;
/// UTC calendar arithmetic shared by the mock, the lesson clock and the progress files.
pub mod calendar;
pub mod cli;
pub mod cognito;
pub mod commands;
pub mod flow;
/// The lesson as linear text, for screen readers and pipes (`--plain`).
pub mod plain;
// The learner's saved progress and quiz results (atomic, locked, versioned files).
pub mod progress;
// Quiz logic: grading, hints, reveals, score, retries, shuffled choices, predictions (pure).
pub mod quiz;
pub mod sanitize;
pub mod scenario;
pub mod transcript;
/// The terminal UI's panels: render an `&App` into a frame.
pub mod ui;
