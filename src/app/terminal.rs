//! Drives an [`App`] with a real terminal: reads keys, hands jobs to worker threads, takes in
//! their frames, reloads a watched file, and redraws.

use std::io;
use std::path::PathBuf;
use std::sync::mpsc;
use std::time::{Duration, SystemTime};

use crossterm::event::{self, Event};
use ratatui::DefaultTerminal;

use super::{App, Message, keymap, worker};
use crate::progress::Recorder;
use crate::scenario;

/// How often to look for worker results while a run is being computed.
const BUSY_POLL: Duration = Duration::from_millis(25);
/// How often to look at a watched file.
const WATCH_POLL: Duration = Duration::from_millis(300);
/// How long to wait for a key when nothing else is going on.
const IDLE_POLL: Duration = Duration::from_secs(1);

/// A scenario file watched for changes (`--watch`).
#[derive(Debug)]
pub struct Watch {
    path: PathBuf,
    seen: Option<(SystemTime, u64)>,
}

impl Watch {
    /// Watches `path` from its current state.
    #[must_use]
    pub fn new(path: PathBuf) -> Watch {
        let seen = stamp(&path);
        Watch { path, seen }
    }

    /// The reload message when the file changed since the last look.
    fn poll(&mut self) -> Option<Message> {
        let now = stamp(&self.path);
        if now == self.seen {
            return None;
        }
        self.seen = now;
        Some(Message::Reloaded(
            scenario::load_path(&self.path)
                .map(Box::new)
                .map_err(|e| e.diagnostics.iter().map(ToString::to_string).collect()),
        ))
    }
}

/// When the file last changed, and its size: a coarse clock on some file systems may not
/// tell two quick saves apart, a different size still does.
fn stamp(path: &std::path::Path) -> Option<(SystemTime, u64)> {
    let meta = std::fs::metadata(path).ok()?;
    Some((meta.modified().ok()?, meta.len()))
}

/// Runs the app until the learner quits, saving progress through `recorder` as it goes
/// (moves are written when the recorder flushes; the caller flushes after quitting).
///
/// # Errors
/// The terminal could not be read or drawn, or a worker thread could not start.
pub fn run(
    terminal: &mut DefaultTerminal,
    app: &mut App,
    mut watch: Option<Watch>,
    recorder: &mut Recorder,
) -> io::Result<()> {
    let (tx, rx) = mpsc::channel::<Message>();
    let jobs = worker::start(tx, Message::Worker)?;
    loop {
        for job in app.take_jobs() {
            if jobs.send(job).is_err() {
                return Err(io::Error::other("the worker thread stopped"));
            }
        }
        app.save(recorder);
        terminal.draw(|frame| crate::ui::render(app, frame))?;
        if app.should_quit() {
            return Ok(());
        }
        let timeout = if app.busy() {
            BUSY_POLL
        } else if watch.is_some() {
            WATCH_POLL
        } else {
            IDLE_POLL
        };
        let mut happened = false;
        if event::poll(timeout)? {
            // Take every queued event before redrawing, so a burst of keys costs one frame.
            loop {
                if let Event::Key(key) = event::read()?
                    && let Some(message) = keymap::message_for(&key, app.key_context())
                {
                    app.update(message);
                }
                happened = true;
                if app.should_quit() || !event::poll(Duration::ZERO)? {
                    break;
                }
            }
        }
        while let Ok(message) = rx.try_recv() {
            app.update(message);
            happened = true;
        }
        if let Some(reload) = watch.as_mut().and_then(Watch::poll) {
            app.update(reload);
            happened = true;
        }
        if !happened {
            app.update(Message::Tick);
        }
    }
}
