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
//! `tui` (the terminal and its event loop) sits above both `app` and `ui`. Only `app`, `ui` and
//! `tui` use ratatui or crossterm; nothing in `app` uses `ui`.

/// The terminal UI's model: one App, one Message, one update, one key table.
pub mod app;
/// The cache directory and the mock pool's keys kept in it between runs.
pub mod cache;
/// UTC calendar arithmetic shared by the mock, the lesson clock and the progress files.
pub mod calendar;
/// A class's results merged into one report (`cogflow class report`).
pub mod class;
pub mod cli;
pub mod cognito;
/// Text measured in terminal columns by grapheme cluster: width, truncate, pad, wrap.
pub mod columns;
pub mod commands;
pub mod flow;
/// The lesson library as a learning path (`cogflow list`, the `L` menu).
pub mod library;
/// The lesson as linear text, for screen readers and pipes (`--plain`).
pub mod plain;
// The learner's saved progress and quiz results (atomic, locked, versioned files).
pub mod progress;
// Quiz logic: grading, hints, reveals, score, retries, shuffled choices, predictions (pure).
/// Self-contained HTML pages: escaping and the shared document shell.
pub mod page;
pub mod quiz;
pub mod sanitize;
pub mod scenario;
/// `cogflow serve`: the mock on Cognito's wire protocol, every call an event.
pub mod serve;
pub mod transcript;
/// The TUI entry: the terminal, the event loop, workers, saving (above `app` and `ui`).
pub mod tui;
/// The terminal UI's panels: render an `&App` into a frame.
pub mod ui;
/// The app's own words in each language a lesson may be written in (one typed table).
pub mod words;
