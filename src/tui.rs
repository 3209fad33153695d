//! The TUI entry, above [`crate::app`] and [`crate::ui`]: it owns the terminal and the event
//! loop. It reads keys, hands the app's jobs to worker threads and feeds their frames back,
//! reloads a watched file, saves what the app queued, and redraws. The app itself stays pure
//! (no terminal, no files); this is the one place where they meet.

pub mod class;
pub mod screen;

use std::io;
use std::path::PathBuf;
use std::sync::mpsc;
use std::time::{Duration, SystemTime};

use crossterm::event::Event;

pub use self::screen::{Exit, Screen, Wake};
use crate::app::{App, Message, Record, Reload, Scroll, TokenExport, keymap, worker};
use crate::progress::Recorder;
use crate::scenario;
use crate::words::{Word, Words};

pub mod live;

/// How often to look for worker results while a run is being computed.
const BUSY_POLL: Duration = Duration::from_millis(25);
/// How often to look at a watched file.
const WATCH_POLL: Duration = Duration::from_millis(300);
/// How long to wait for a key when nothing else is going on.
const IDLE_POLL: Duration = Duration::from_secs(1);
/// How long the first draw waits for step 1. Step 1 is laid out and computed within a few
/// milliseconds (no key, no hash), so the first screen already has "Step 1/5" and the layout
/// it keeps; a lesson whose step 1 waits for cryptography is drawn after this, saying so.
const FIRST_FRAME_WAIT: Duration = Duration::from_millis(300);
/// How soon after the last key the place is written (see [`run`]).
const QUIET: Duration = Duration::from_millis(200);

/// A scenario file watched for changes (`--watch`). Each save is checked as `cogflow check`
/// checks it (the loader, then every branch run for the proofs and predictions) on a thread of
/// its own, so a slow check never holds a key press up.
#[derive(Debug)]
pub struct Watch {
    path: PathBuf,
    seen: Option<(SystemTime, u64)>,
    /// The check of the latest save, while it runs.
    checking: Option<mpsc::Receiver<Message>>,
}

impl Watch {
    /// Watches `path`. The file as it is now is checked first, so its warnings and run-level
    /// problems show at once (and the first save finds the password work already done).
    #[must_use]
    pub fn new(path: PathBuf) -> Watch {
        Watch {
            path,
            seen: None,
            checking: None,
        }
    }

    /// The reload message when a check of a save has finished; starts one when the file
    /// changed since the last look (a save during a check is picked up after it).
    fn poll(&mut self) -> Option<Message> {
        if let Some(checking) = &self.checking {
            match checking.try_recv() {
                Ok(reload) => {
                    self.checking = None;
                    return Some(reload);
                }
                Err(mpsc::TryRecvError::Empty) => return None,
                Err(mpsc::TryRecvError::Disconnected) => self.checking = None,
            }
        }
        let now = stamp(&self.path);
        if now == self.seen {
            return None;
        }
        self.seen = now;
        let (tx, rx) = mpsc::channel();
        let path = self.path.clone();
        let spawned = std::thread::Builder::new()
            .name("watch-check".into())
            .spawn(move || {
                let _ = tx.send(Message::Reloaded(check(&path)));
            });
        match spawned {
            Ok(_) => self.checking = Some(rx),
            // No thread to spare: check here rather than not at all.
            Err(_) => return Some(Message::Reloaded(check(&self.path))),
        }
        None
    }
}

/// What `cogflow check` says of the file at `path`, as a reload.
fn check(path: &std::path::Path) -> Reload {
    let (scenario, problems) = crate::flow::check::check_path(path, Some(crate::flow::check_run));
    let broken = problems
        .iter()
        .any(|p| p.severity == scenario::Severity::Error);
    Reload {
        scenario: scenario.filter(|_| !broken).map(Box::new),
        problems: problems.iter().map(ToString::to_string).collect(),
    }
}

/// When the file last changed, and its size: a coarse clock on some file systems may not
/// tell two quick saves apart, a different size still does.
fn stamp(path: &std::path::Path) -> Option<(SystemTime, u64)> {
    let meta = std::fs::metadata(path).ok()?;
    Some((meta.modified().ok()?, meta.len()))
}

/// Runs the app until the learner quits or a signal ends it, saving progress through
/// `recorder` as it goes. Moves are written at the first quiet moment ([`QUIET`] without a
/// key), not on every key (a write costs a frame's time): a closed window may leave this loop
/// deaf (see [`screen`]), and the place is then already saved. The caller flushes after the
/// loop.
///
/// `later` computes a message the first screen does not need (the lesson library): it starts on
/// its own thread once that screen is drawn, so it never competes with it for a core, and the
/// app gets it when it is ready, and before any key, so no key meets the app without it.
///
/// # Errors
/// The terminal could not be read or drawn, or a worker thread could not start.
pub fn run(
    screen: &mut Screen,
    app: &mut App,
    mut watch: Option<Watch>,
    recorder: &mut Recorder,
    later: Option<Later>,
) -> io::Result<Exit> {
    let mut pending = later;
    let mut later = None;
    let (tx, rx) = mpsc::channel::<Message>();
    let jobs = worker::start(tx, Message::Worker)?;
    let mut drawn = Scroll::UNKNOWN;
    let mut first = true;
    let mut keys_since_flush = false;
    loop {
        for job in app.take_jobs() {
            if jobs.send(job).is_err() {
                return Err(io::Error::other("the worker thread stopped"));
            }
        }
        if std::mem::take(&mut first) {
            wait_for_step_one(app, &rx);
        }
        save(app, recorder);
        export(app);
        draw(screen, app, &mut drawn)?;
        if let Some(work) = pending.take() {
            later = start_later(work, app);
        }
        if later
            .as_ref()
            .is_some_and(std::thread::JoinHandle::is_finished)
        {
            deliver(app, &mut later);
        }
        if app.should_quit() {
            return Ok(Exit::Quit);
        }
        let timeout = if app.busy() {
            BUSY_POLL
        } else if watch.is_some() {
            WATCH_POLL
        } else {
            IDLE_POLL
        };
        let timeout = if keys_since_flush {
            timeout.min(QUIET)
        } else {
            timeout
        };
        let mut happened = match read_keys(screen, app, timeout, &mut later)? {
            Read::Nothing => false,
            Read::Events { keys } => {
                keys_since_flush |= keys;
                true
            }
            Read::Ended(signal) => return Ok(Exit::Signal(signal)),
        };
        while let Ok(message) = rx.try_recv() {
            app.update(message);
            happened = true;
        }
        if let Some(reload) = watch.as_mut().and_then(Watch::poll) {
            app.update(reload);
            happened = true;
        }
        if !happened {
            if keys_since_flush {
                recorder.flush();
                keys_since_flush = false;
            }
            app.update(Message::Tick);
        }
    }
}

/// Takes the terminal for a full-screen view, with the signals watched ([`Screen::start`]:
/// `try_init`, not `init`, so with no usable terminal it returns an error instead of panicking;
/// like `init` it installs the panic hook that restores the terminal). On failure the terminal
/// is given back and `err` says why, as "`who`: cannot start the terminal UI (…); try `instead`".
pub fn open(err: &mut dyn io::Write, who: &str, instead: &str) -> Option<Screen> {
    match Screen::start() {
        Ok(screen) => Some(screen),
        Err(e) => {
            let _ = writeln!(
                err,
                "{who}: cannot start the terminal UI ({e}); try {instead}"
            );
            None
        }
    }
}

/// Draws the app and tells it how far each view drawn can scroll (the model stops scrolling
/// where content ends), when that changed since `drawn`.
fn draw(screen: &mut Screen, app: &mut App, drawn: &mut Scroll) -> io::Result<()> {
    let mut limits = Scroll::UNKNOWN;
    let mut clicks = crate::app::Clicks::default();
    screen.terminal().draw(|frame| {
        (limits, clicks) = crate::ui::render_drawn(app, frame.area(), frame.buffer_mut());
    })?;
    if limits != *drawn {
        *drawn = limits;
        app.update(Message::Viewport(limits));
    }
    // Where a click lands (the app looks it up when one comes).
    app.update(Message::Clickable(clicks));
    Ok(())
}

/// What [`read_keys`] saw.
enum Read {
    Nothing,
    /// Something arrived (a resize, the screen back after a suspension…); `keys` if keys did.
    Events {
        keys: bool,
    },
    /// A signal asks the program to end.
    Ended(i32),
}

/// A message [`run`] computes on another thread once the first screen is drawn.
pub type Later = fn() -> Message;

/// `work` started on its own thread; with no thread to spare it runs here and the app has its
/// message at once (a lesson list read in place, rather than none).
fn start_later(work: Later, app: &mut App) -> Option<std::thread::JoinHandle<Message>> {
    let started = std::thread::Builder::new()
        .name("cogflow-later".to_owned())
        .spawn(work);
    if started.is_err() {
        app.update(work());
    }
    started.ok()
}

/// Hands the app the message `later` computes, waiting for it if need be. A thread that
/// panicked has nothing to give (its panic message is on stderr, after the screen).
fn deliver(app: &mut App, later: &mut Option<std::thread::JoinHandle<Message>>) {
    if let Some(Ok(message)) = later.take().map(std::thread::JoinHandle::join) {
        app.update(message);
    }
}

/// Waits up to `timeout` for terminal events and hands every queued key to the app (a burst of
/// keys costs one frame), after what `later` computes.
fn read_keys(
    screen: &mut Screen,
    app: &mut App,
    timeout: Duration,
    later: &mut Option<std::thread::JoinHandle<Message>>,
) -> io::Result<Read> {
    let mut wait = timeout;
    let mut read = Read::Nothing;
    loop {
        let wake = screen.wait(wait)?;
        if matches!(wake, Wake::Input(_)) {
            deliver(app, later);
        }
        match wake {
            Wake::Input(Event::Key(key)) => {
                if let Some(message) = keymap::message_for(&key, app.key_context()) {
                    app.update(message);
                }
                read = Read::Events { keys: true };
            }
            Wake::Input(Event::Mouse(mouse)) => {
                if let Some(message) = mouse_message(&mouse, app) {
                    app.update(message);
                    read = Read::Events { keys: true };
                }
            }
            Wake::Input(_) | Wake::Resumed => {
                if matches!(read, Read::Nothing) {
                    read = Read::Events { keys: false };
                }
            }
            Wake::Timeout => return Ok(read),
            Wake::Ended(signal) => return Ok(Read::Ended(signal)),
        }
        if app.should_quit() {
            return Ok(read);
        }
        wait = Duration::ZERO;
    }
}

/// What a mouse event does: a left click is a click where it lands; the wheel is ↑ or ↓
/// (whatever those keys do where the pointer is not needed: scroll, choose).
fn mouse_message(mouse: &crossterm::event::MouseEvent, app: &App) -> Option<Message> {
    use crossterm::event::{KeyCode, KeyEvent, KeyModifiers, MouseButton, MouseEventKind};
    let key = |code| KeyEvent::new(code, KeyModifiers::NONE);
    match mouse.kind {
        MouseEventKind::Down(MouseButton::Left) => Some(Message::Mouse(mouse.column, mouse.row)),
        MouseEventKind::ScrollUp => keymap::message_for(&key(KeyCode::Up), app.key_context()),
        MouseEventKind::ScrollDown => keymap::message_for(&key(KeyCode::Down), app.key_context()),
        _ => None,
    }
}

/// Takes the worker's news until the path shown has its first frame (or failed), for at most
/// [`FIRST_FRAME_WAIT`]: drawing before it would show a screen that rearranges a moment later.
fn wait_for_step_one(app: &mut App, rx: &mpsc::Receiver<Message>) {
    let until = std::time::Instant::now() + FIRST_FRAME_WAIT;
    while app.current().frames.is_empty() && app.current().error.is_none() {
        let left = until.saturating_duration_since(std::time::Instant::now());
        match rx.recv_timeout(left) {
            Ok(message) => app.update(message),
            Err(_) => return,
        }
    }
}

/// Saves what the app queued through `recorder` (a move costs nothing until the recorder
/// flushes; an answer or prediction is written at once) and shows its messages (a damaged
/// file moved aside, saving turned off) in the status line.
pub fn save(app: &mut App, recorder: &mut Recorder) {
    for record in app.take_records() {
        match record {
            Record::Step { step, variant } => recorder.step(step, variant.as_deref()),
            Record::Attempt(attempt) => recorder.attempt(&attempt),
            Record::Prediction(entry) => recorder.prediction(&entry),
            Record::Learner(name) => recorder.name_learner(&name),
            Record::StartOver => recorder.start_over(),
            Record::PredictionSkipped {
                step_index,
                variant,
            } => recorder.prediction_skipped(step_index, variant.as_deref()),
            Record::LabStep {
                step_index,
                calls,
                hints,
            } => recorder.lab_step(step_index, calls, hints),
        }
    }
    let messages = recorder.take_messages();
    if !messages.is_empty() {
        app.update(Message::Notices(messages));
    }
}

/// Copies the tokens the learner asked for (mode 9's `y` / `Y`) and says where they went.
fn export(app: &mut App) {
    let exports = app.take_exports();
    if exports.is_empty() {
        return;
    }
    let words = app.scenario().words();
    for export in exports {
        let home = crate::progress::default_home().unwrap_or_else(std::env::temp_dir);
        let said = write_export(&export, &home, &mut io::stdout(), &words);
        app.update(Message::Notices(vec![said]));
    }
}

/// Writes `export` to its file under `home` (cogflow's data directory) in `tokens/` and,
/// when asked, to `terminal` as an OSC 52 clipboard request; returns what to tell the learner.
fn write_export(
    export: &TokenExport,
    home: &std::path::Path,
    terminal: &mut dyn io::Write,
    words: &Words,
) -> String {
    // A JWT is base64url and dots: anything else is not put in a file or an escape.
    if !export.is_clean() {
        return words.get(Word::TokenNotJwt).to_owned();
    }
    let (shown, written) = copy_to_file(home, "tokens", &export.file_name(), &export.token);
    let kind = words.get(export.kind_word());
    if let Err(e) = written {
        let error = e.to_string();
        return words.fill(
            Word::TokenWriteFailed,
            &[("path", &shown), ("error", &error)],
        );
    }
    if !export.clipboard {
        let n = export.token.len().to_string();
        return words.fill(
            Word::TokenWritten,
            &[("kind", kind), ("n", &n), ("path", &shown)],
        );
    }
    let sent = to_clipboard(terminal, &export.token);
    // The news first: a long path is what the footer cuts.
    match sent {
        Ok(()) => words.fill(Word::TokenClipped, &[("kind", kind), ("path", &shown)]),
        Err(e) => {
            let error = e.to_string();
            words.fill(
                Word::TokenClipFailed,
                &[("kind", kind), ("path", &shown), ("error", &error)],
            )
        }
    }
}

/// Writes `text` to the file `name` in `home`'s `folder` (made if missing, written whole or not
/// at all); returns the path as it may be shown, and how writing went.
pub(crate) fn copy_to_file(
    home: &std::path::Path,
    folder: &str,
    name: &str,
    text: &str,
) -> (String, io::Result<()>) {
    let dir = home.join(folder);
    let path = dir.join(name);
    let shown = crate::sanitize::line(&path.display().to_string()).into_owned();
    let written = std::fs::create_dir_all(&dir)
        .and_then(|()| crate::progress::file::write_atomic(&path, text.as_bytes()));
    (shown, written)
}

/// Asks the terminal to put `text` on its clipboard (OSC 52: ESC ] 52 ; c ; base64 BEL). The
/// text travels base64-encoded, so nothing in it reaches the terminal as a control.
pub(crate) fn to_clipboard(terminal: &mut dyn io::Write, text: &str) -> io::Result<()> {
    use base64::Engine as _;
    let encoded = base64::engine::general_purpose::STANDARD.encode(text);
    write!(terminal, "\x1b]52;c;{encoded}\x07").and_then(|()| terminal.flush())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn saving_writes_the_place_and_answers_and_never_a_typed_password() {
        use crate::app::{Command, Options};
        use crate::progress::{ScenarioKey, Store};
        let home = std::env::temp_dir().join(format!("cogflow-app-save-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&home);
        let scenario = crate::scenario::resolve(None).unwrap();
        let key = ScenarioKey::of(&scenario);
        let mut recorder = Recorder::with_store(Store::at(&home), key.clone());
        let mut app = App::new(
            scenario.clone(),
            &Options {
                seed: 7,
                ..Options::default()
            },
        );
        app.run_jobs_here();
        let send = |app: &mut App, commands: &[Command]| {
            for c in commands {
                app.update(Message::Do(*c));
            }
        };
        send(
            &mut app,
            &[Command::Next, Command::Next, Command::PredictAnswer],
        );
        app.update(Message::ModeDigit(6));
        send(&mut app, &[Command::QuizAnswer]);
        app.update(Message::ModeDigit(9));
        send(&mut app, &[Command::TryOpen]);
        for c in "user123".chars() {
            app.update(Message::Type(c));
        }
        send(&mut app, &[Command::FormNextField]);
        for c in "s3cret-typed".chars() {
            app.update(Message::Type(c));
        }
        send(&mut app, &[Command::FormSubmit]);
        app.run_jobs_here();
        save(&mut app, &mut recorder);
        recorder.flush();
        assert!(recorder.take_messages().is_empty());
        let text = std::fs::read_to_string(Store::at(&home).path_for(&key.id)).unwrap();
        assert!(!text.contains("s3cret-typed"), "{text}");
        let progress = Store::at(&home).load(&key.id).unwrap().unwrap();
        let position = progress.position.unwrap();
        assert_eq!((position.step, position.variant), (3, None));
        assert_eq!(progress.attempts.len(), 1);
        assert!(progress.attempts[0].correct);
        assert_eq!(progress.predictions.len(), 1);
        assert_eq!(progress.predictions[0].choice.as_deref(), Some("A"));
        std::fs::remove_dir_all(home).unwrap();
    }

    #[test]
    fn a_copied_token_goes_to_its_file_and_to_the_clipboard_only_when_asked() {
        use crate::app::TokenExport;
        use crate::scenario::model::TokenKind;
        let home = std::env::temp_dir().join(format!("cogflow-export-{}", std::process::id()));
        let words = Words::default();
        let _ = std::fs::remove_dir_all(&home);
        let jwt = "eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJ4In0.c2ln";
        let mut export = TokenExport {
            kind: TokenKind::Access,
            lesson: "signin-basic".to_owned(),
            token: jwt.to_owned(),
            clipboard: false,
        };
        let file = home.join("tokens").join("signin-basic-access-token.jwt");
        let mut terminal = Vec::new();
        let said = write_export(&export, &home, &mut terminal, &words);
        assert_eq!(std::fs::read_to_string(&file).unwrap(), jwt);
        assert!(said.contains(&file.display().to_string()), "{said}");
        assert!(said.contains("Y: to the clipboard too"), "{said}");
        assert!(terminal.is_empty(), "nothing on the clipboard unasked");
        export.clipboard = true;
        let said = write_export(&export, &home, &mut terminal, &words);
        // OSC 52: ESC ] 52 ; c ; base64 BEL
        let want = "\x1b]52;c;ZXlKaGJHY2lPaUpTVXpJMU5pSjkuZXlKemRXSWlPaUo0SW4wLmMybG4=\x07";
        assert_eq!(String::from_utf8(terminal).unwrap(), want);
        assert!(
            said.starts_with("Sent the access token to the clipboard (OSC 52"),
            "{said}"
        );
        // Not a JWT's characters: neither written nor sent.
        export.token = "eyJ\x1b]0;owned\x07".to_owned();
        let mut terminal = Vec::new();
        let said = write_export(&export, &home, &mut terminal, &words);
        assert!(said.contains("not copied"), "{said}");
        assert!(terminal.is_empty());
        assert_eq!(std::fs::read_to_string(&file).unwrap(), jwt);
        let _ = std::fs::remove_dir_all(&home);
    }
}
