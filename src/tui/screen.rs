//! [`Screen`]: the terminal while a TUI holds it (raw mode, alternate screen), and the signals
//! that must give it back. Every full-screen loop (the lesson, the class report) waits for
//! input through [`Screen::wait`], so each gets the same answers to signals:
//!
//! ```text
//!   SIGTERM, SIGHUP, SIGINT, SIGQUIT --> Wake::Ended(signal): the loop returns, the caller
//!                                        restores the terminal, saves, and ends by the signal
//!   SIGTSTP, or Ctrl-Z (a key in raw mode) --> restore, stop; after `fg`: raw mode, redraw
//!   SIGCONT (also after an outside SIGSTOP) --> raw mode, alternate screen, full redraw
//! ```
//!
//! The mouse is captured while a screen holds the terminal (clicks on tabs, rows, choices) and
//! released on every way out: drop, suspension, a signal, a panic (a hook before ratatui's
//! own restoring one, see [`release_mouse_on_panic`]).
//!
//! The signals arrive on a thread of their own (signal-hook's iterator), which hands them to
//! the loop; the loop looks at them between short polls for keys. crossterm spins inside its
//! poll once the terminal is gone (crossterm#793, measured in crates.md "Signals"), so a
//! closed window could leave the loop deaf: when an ending signal is not acted on within
//! [`GRACE`], the signal thread restores the terminal and ends the process itself.

use std::io;
use std::process::ExitCode;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Mutex, mpsc};
use std::time::{Duration, Instant};

use crossterm::event::{
    self, DisableMouseCapture, EnableMouseCapture, Event, KeyCode, KeyEvent, KeyEventKind,
    KeyModifiers,
};
use crossterm::terminal::{EnterAlternateScreen, enable_raw_mode};
use ratatui::Terminal;
use ratatui::backend::CrosstermBackend;
use ratatui::layout::{Position, Rect};
use signal_hook::consts::{SIGCONT, SIGHUP, SIGINT, SIGQUIT, SIGTERM, SIGTSTP};

/// How long a loop may wait for a key before it looks at the signals again.
const SIGNAL_POLL: Duration = Duration::from_millis(50);
/// How long the signal thread gives the loop to act on an ending signal before it ends the
/// process itself (the loop normally answers within one [`SIGNAL_POLL`], plus a save).
const GRACE: Duration = Duration::from_secs(1);

/// What [`Screen::wait`] woke up for.
#[derive(Debug)]
pub enum Wake {
    /// A key, a resize, a paste…
    Input(Event),
    /// The screen came back after a suspension and was cleared: draw it again.
    Resumed,
    /// Nothing happened within the timeout.
    Timeout,
    /// A signal asked the program to end (its number): leave the loop.
    Ended(i32),
}

/// How a full-screen loop ended.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Exit {
    /// The learner or instructor quit.
    Quit,
    /// A signal ended it: after saving, end the process by it ([`end_by`]).
    Signal(i32),
}

/// The terminal in raw mode on the alternate screen, with the signals watched. Dropping it
/// gives the terminal back (raw mode off, main screen, cursor shown).
pub struct Screen {
    terminal: Terminal<CrosstermBackend<Frames>>,
}

/// Standard output one frame at a time: what a drawing writes is held until ratatui flushes
/// at its end, then written at once. Through std's stdout alone a frame left in 1 KiB pieces
/// (8 writes for a 120x40 step-through), and a terminal could show one half drawn over the
/// last. A frame cut short by a panic is dropped, never written after the terminal is given
/// back.
pub struct Frames {
    held: Vec<u8>,
}

impl io::Write for Frames {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        self.held.extend_from_slice(buf);
        Ok(buf.len())
    }

    fn flush(&mut self) -> io::Result<()> {
        let mut out = io::stdout();
        let written = out.write_all(&self.held);
        self.held.clear();
        written?;
        out.flush()
    }
}

/// True while a [`Screen`] holds the terminal (read by the signal thread).
static ACTIVE: AtomicBool = AtomicBool::new(false);
/// The signals the thread handed over, once it runs (one thread for the process).
static SIGNALS: Mutex<Option<mpsc::Receiver<i32>>> = Mutex::new(None);

impl Screen {
    /// Watches the signals, then takes the terminal (ratatui's `try_init`: an error instead of
    /// a panic without a terminal, and a panic hook that restores it).
    ///
    /// # Errors
    /// The signals could not be watched, or there is no usable terminal (the terminal is then
    /// already given back).
    pub fn start() -> io::Result<Screen> {
        watch_signals()?;
        while next_signal().is_some() {} // left from an earlier screen
        ACTIVE.store(true, Ordering::SeqCst);
        // ratatui's own set-up (raw mode, the alternate screen, the restoring panic hook),
        // drawing through [`Frames`] rather than its unbuffered stdout.
        let frames = CrosstermBackend::new(Frames { held: Vec::new() });
        match ratatui::try_init().and_then(|_| Terminal::new(frames)) {
            Ok(terminal) => {
                release_mouse_on_panic();
                // A terminal without mouse reporting ignores the request: not an error.
                let _ = crossterm::execute!(io::stdout(), EnableMouseCapture);
                Ok(Screen { terminal })
            }
            Err(e) => {
                ACTIVE.store(false, Ordering::SeqCst);
                give_back();
                Err(e)
            }
        }
    }

    /// The terminal, to draw on.
    pub fn terminal(&mut self) -> &mut Terminal<CrosstermBackend<Frames>> {
        &mut self.terminal
    }

    /// Waits up to `timeout` for input, answering suspend and continue signals (and the
    /// Ctrl-Z key) on the way.
    ///
    /// # Errors
    /// The terminal could not be read or set up again after a suspension.
    pub fn wait(&mut self, timeout: Duration) -> io::Result<Wake> {
        let deadline = Instant::now() + timeout;
        loop {
            if let Some(signal) = next_signal() {
                return match signal {
                    SIGTSTP => self.suspend().map(|()| Wake::Resumed),
                    SIGCONT => self.resume().map(|()| Wake::Resumed),
                    ending => Ok(Wake::Ended(ending)),
                };
            }
            let left = deadline.saturating_duration_since(Instant::now());
            if event::poll(left.min(SIGNAL_POLL))? {
                let input = event::read()?;
                if is_ctrl_z(&input) {
                    self.suspend()?;
                    return Ok(Wake::Resumed);
                }
                return Ok(Wake::Input(input));
            }
            if left.is_zero() {
                return Ok(Wake::Timeout);
            }
        }
    }

    /// Gives the terminal back and stops the process, as a shell's Ctrl-Z would; returns after
    /// `fg` (SIGCONT) with the screen set up again.
    fn suspend(&mut self) -> io::Result<()> {
        give_back();
        // SIGTSTP's default action, from a handler we installed: raise(SIGSTOP).
        signal_hook::low_level::emulate_default_handler(SIGTSTP)?;
        self.resume()
    }

    /// Raw mode and the alternate screen again, and a full redraw on the next draw. Not
    /// `terminal.clear()`: it asks the terminal for the cursor position, and after `fg` the
    /// answer can arrive while the terminal is still cooked and be echoed (crates.md).
    /// `resize` asks nothing and picks up a size changed while stopped.
    fn resume(&mut self) -> io::Result<()> {
        enable_raw_mode()?;
        crossterm::execute!(io::stdout(), EnterAlternateScreen, EnableMouseCapture)?;
        let size = self.terminal.size()?;
        self.terminal.resize(Rect::from((Position::ORIGIN, size)))
    }
}

impl Drop for Screen {
    fn drop(&mut self) {
        ACTIVE.store(false, Ordering::SeqCst);
        give_back();
    }
}

impl std::fmt::Debug for Screen {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Screen").finish_non_exhaustive()
    }
}

/// Ends the process by `signal` once its work is saved, so the shell sees what ended it
/// ("Terminated", status 128 + N): this returns only for SIGQUIT, whose default would dump
/// core (a file in the working folder, outside `COGFLOW_HOME`), with its status instead.
#[must_use]
pub fn end_by(signal: i32) -> ExitCode {
    if signal != SIGQUIT {
        let _ = signal_hook::low_level::emulate_default_handler(signal);
    }
    ExitCode::from(u8::try_from(128 + signal).unwrap_or(1))
}

/// [`end_by`] from the signal thread, which has no `main` to return to.
#[allow(clippy::disallowed_methods)] // the one exit outside main: the main thread is stuck
fn end_now(signal: i32) -> ! {
    let _ = end_by(signal);
    std::process::exit(128 + signal)
}

/// Raw mode off, the main screen, the cursor shown. Safe to call twice, and silent: once the
/// window is closed every step fails, and `ratatui::restore` would then print to a stderr
/// that is gone (a panic, which on the signal thread would leave the process running).
fn give_back() {
    let _ = crossterm::execute!(io::stdout(), DisableMouseCapture);
    let _ = ratatui::try_restore();
    let _ = crossterm::execute!(io::stdout(), crossterm::cursor::Show);
}

/// [`give_back`] from the signal thread. The main thread holds std's stdout lock for the whole
/// command (`commands::dispatch` locks it once), so writing through `io::stdout()` here would
/// wait forever (measured: the process kept spinning): raw mode goes off by ioctl, and the
/// escape sequences go through a handle of our own on the same terminal.
fn give_back_aside() {
    let _ = crossterm::terminal::disable_raw_mode();
    if let Ok(mut tty) = std::fs::OpenOptions::new().write(true).open("/dev/stdout") {
        let _ = crossterm::execute!(
            tty,
            DisableMouseCapture,
            crossterm::terminal::LeaveAlternateScreen,
            crossterm::cursor::Show
        );
    }
}

/// Puts a hook before ratatui's (which restores raw mode and the screen on a panic) that
/// releases the mouse too: a panicking lesson must not leave the shell reporting clicks.
fn release_mouse_on_panic() {
    static ONCE: std::sync::Once = std::sync::Once::new();
    ONCE.call_once(|| {
        let next = std::panic::take_hook();
        std::panic::set_hook(Box::new(move |info| {
            let _ = crossterm::execute!(io::stdout(), DisableMouseCapture);
            next(info);
        }));
    });
}

fn is_ctrl_z(input: &Event) -> bool {
    matches!(
        input,
        Event::Key(KeyEvent {
            code: KeyCode::Char('z'),
            modifiers,
            kind: KeyEventKind::Press,
            ..
        }) if modifiers.contains(KeyModifiers::CONTROL)
    )
}

/// The next signal the thread handed over, if any.
fn next_signal() -> Option<i32> {
    SIGNALS.lock().ok()?.as_ref()?.try_recv().ok()
}

/// Starts the signal thread, once per process. It lives as long as the process: signal-hook
/// cannot put back a default action once its handler is installed (unregistering would leave
/// SIGTERM ignored), so while no screen is up the thread does the default itself.
fn watch_signals() -> io::Result<()> {
    let mut slot = SIGNALS
        .lock()
        .map_err(|_| io::Error::other("the signal thread failed"))?;
    if slot.is_some() {
        return Ok(());
    }
    let mut signals =
        signal_hook::iterator::Signals::new([SIGTERM, SIGHUP, SIGINT, SIGQUIT, SIGTSTP, SIGCONT])?;
    let (tx, rx) = mpsc::channel();
    std::thread::Builder::new()
        .name("signals".into())
        .spawn(move || {
            for signal in signals.forever() {
                if !ACTIVE.load(Ordering::SeqCst) {
                    match signal {
                        SIGCONT => {}
                        SIGTSTP => {
                            let _ = signal_hook::low_level::emulate_default_handler(SIGTSTP);
                        }
                        ending => end_now(ending),
                    }
                    continue;
                }
                let _ = tx.send(signal);
                if matches!(signal, SIGTERM | SIGHUP | SIGINT | SIGQUIT) {
                    let asked = Instant::now();
                    while ACTIVE.load(Ordering::SeqCst) && asked.elapsed() < GRACE {
                        std::thread::sleep(SIGNAL_POLL);
                    }
                    if ACTIVE.load(Ordering::SeqCst) {
                        // The loop is stuck (the terminal is gone): finish here.
                        give_back_aside();
                        end_now(signal);
                    }
                }
            }
        })?;
    *slot = Some(rx);
    Ok(())
}
