//! The live view's loop: `cogflow serve` without `--plain`. The server runs on its own thread
//! (and the mock's work on tokio's blocking pool); this loop reads keys, turns the server's
//! events into app messages, keeps the calls `--step` holds, and does what the app asks of
//! the server. Neither side waits for the other: events arrive over a channel, a hold is let
//! go by a oneshot, and a clock key moves the clock on a thread of its own (the mock may be
//! busy with an argon2 check).
//!
//! ```text
//!  server thread ──Event──> rx ──message──> App::update ──> take_live_requests
//!        ▲                                                     │ Resume(n): holds[n].resume()
//!        └──────────── Hold (oneshot) / Shared::advance_clock ─┘ AdvanceClock(s): a thread
//! ```

use std::collections::HashMap;
use std::io;
use std::sync::Arc;
use std::time::{Duration, Instant};

use super::{Exit, Read, Screen};
use crate::app::live::lab::SampleCopy;
use crate::app::{App, LiveEvent, LiveRequest, Message, Scroll};
use crate::progress::Recorder;
use crate::serve::Server;
use crate::serve::clock::wall_now;
use crate::serve::events::{CallEvent, Event, Hold, Phase, SdkWait};
use crate::serve::log::{caller_words, hide_secrets, message_words};

/// How often to look for server events and keys: a call shows within this.
const POLL: Duration = Duration::from_millis(40);
/// How often the screen is redrawn when nothing happens (the waiting clock of a held call).
const IDLE_REDRAW: Duration = Duration::from_secs(1);

/// Runs the live view until the learner quits or a signal ends it. The caller stops the server
/// afterwards, which closes the listener; holds still open are let go when this returns.
/// `observe` sees every server event before the view does (a recording keeps the calls).
///
/// # Errors
/// The terminal could not be read or drawn.
pub fn run(
    screen: &mut Screen,
    app: &mut App,
    server: &Server,
    recorder: &mut Recorder,
    observe: &mut dyn FnMut(&crate::serve::events::Event),
) -> io::Result<Exit> {
    let mut holds: HashMap<u64, Hold> = HashMap::new();
    let mut last_draw = None::<Instant>;
    let mut dirty = true;
    let mut drawn = Scroll::UNKNOWN;
    app.update(Message::Live(LiveEvent::Now(wall_now())));
    loop {
        for request in app.take_live_requests() {
            carry_out(request, &mut holds, server);
        }
        // A lab's steps met, saved as they are met; its samples copied as asked.
        super::save(app, recorder);
        for copy in app.take_lab_copies() {
            let home = crate::progress::default_home().unwrap_or_else(std::env::temp_dir);
            let said = write_copy(&copy, &home, &mut io::stdout());
            app.update(Message::Notices(vec![said]));
            dirty = true;
        }
        if dirty || last_draw.is_none_or(|t| t.elapsed() >= IDLE_REDRAW) {
            app.update(Message::Live(LiveEvent::Now(wall_now())));
            super::draw(screen, app, &mut drawn)?;
            last_draw = Some(Instant::now());
            dirty = false;
        }
        if app.should_quit() {
            return Ok(Exit::Quit);
        }
        match super::read_keys(screen, app, POLL, &mut None)? {
            Read::Nothing => {}
            Read::Events { .. } => dirty = true,
            Read::Ended(signal) => return Ok(Exit::Signal(signal)),
        }
        while let Ok(event) = server.events().try_recv() {
            // Whoever else follows the session (`--record`) sees each event first.
            observe(&event);
            if let Some(message) = message(event, &mut holds) {
                app.update(message);
            }
            dirty = true;
        }
    }
}

/// Does what the app asked of the server.
fn carry_out(request: LiveRequest, holds: &mut HashMap<u64, Hold>, server: &Server) {
    match request {
        LiveRequest::Resume(call) => {
            if let Some(hold) = holds.remove(&call) {
                hold.resume();
            }
        }
        LiveRequest::AdvanceClock(secs) => {
            // The mock may be in the middle of an argon2 check: the lock is taken off the UI
            // thread, and the server says on the event stream when the clock has moved.
            let shared = Arc::clone(server.shared());
            let _ = std::thread::Builder::new()
                .name("cogflow-clock".to_owned())
                .spawn(move || shared.advance_clock(secs));
        }
    }
}

/// The app's message for a server event, keeping its hold (if any) until the app lets it go.
fn message(event: Event, holds: &mut HashMap<u64, Hold>) -> Option<Message> {
    let event = match event {
        Event::Call(call) => {
            let CallEvent {
                call,
                operation,
                phase,
                hold,
                ..
            } = *call;
            let held = hold.is_some();
            let event = match phase {
                Phase::Received {
                    caller,
                    mut request,
                } => {
                    hide_secrets(&mut request);
                    let waits = caller.sdk_wait().map(|(sdk, wait)| {
                        let secs = match wait {
                            SdkWait::Seconds(secs) => Some(secs),
                            SdkWait::NoLimit => None,
                        };
                        (sdk.to_owned(), secs)
                    });
                    LiveEvent::Received {
                        call,
                        operation,
                        request,
                        caller: caller_words(&caller),
                        waits,
                        held,
                    }
                }
                Phase::Checked { checks, outcome } => LiveEvent::Checked {
                    call,
                    checks,
                    outcome,
                    held,
                },
                // Without its frame there is nothing to show: the hold is dropped here,
                // which lets the call go on.
                Phase::Responded { frame, .. } => LiveEvent::Responded {
                    call,
                    frame: frame?,
                    held,
                },
            };
            if let Some(hold) = hold {
                holds.insert(call, hold);
            }
            event
        }
        Event::Message { message, .. } => LiveEvent::Delivered(message_words(&message)),
        Event::Clock { now, advanced } => LiveEvent::Clock { now, advanced },
    };
    Some(Message::Live(event))
}

/// Writes a lab sample the learner asked to copy to `home`'s `labs/` folder (cogflow's data
/// directory) and, when asked, to `terminal`'s clipboard (OSC 52, as mode 9's tokens); returns
/// what to tell them: where it went and how to run it.
fn write_copy(copy: &SampleCopy, home: &std::path::Path, terminal: &mut dyn io::Write) -> String {
    let (shown, written) = super::copy_to_file(home, "labs", &copy.file_name(), &copy.text);
    if let Err(e) = written {
        return format!("Could not write {shown}: {e}");
    }
    let what = format!("{} lines ({})", copy.text.lines().count(), copy.through());
    let run = copy.run_with(&shown);
    if !copy.clipboard {
        return format!("Wrote {what} to {shown} · run: {run} · Y: to the clipboard too");
    }
    match super::to_clipboard(terminal, &copy.text) {
        Ok(()) => format!(
            "Sent {what} to the clipboard (OSC 52: the terminal, or tmux's set-clipboard, must allow it) and wrote them to {shown}"
        ),
        Err(e) => format!("Wrote {what} to {shown}; the clipboard request failed: {e}"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_copied_sample_is_written_under_the_home_and_to_the_clipboard_only_when_asked() {
        let home = std::env::temp_dir().join(format!("cogflow-lab-copy-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&home);
        let mut copy = SampleCopy {
            lab: "lab-first-sign-in".to_owned(),
            step: 3,
            language: "python",
            text: "import boto3\n\nprint(1)\n".to_owned(),
            clipboard: false,
        };
        let mut terminal = Vec::new();
        let said = write_copy(&copy, &home, &mut terminal);
        let file = home.join("labs").join("lab-first-sign-in-step-3.py");
        assert_eq!(
            std::fs::read_to_string(&file).unwrap(),
            "import boto3\n\nprint(1)\n"
        );
        assert_eq!(
            said,
            format!(
                "Wrote 3 lines (the set-up and steps 1-3) to {0} · run: python3 {0} · Y: to the clipboard too",
                file.display()
            )
        );
        assert!(terminal.is_empty(), "nothing on the clipboard unasked");
        copy.clipboard = true;
        let said = write_copy(&copy, &home, &mut terminal);
        assert_eq!(
            String::from_utf8(terminal).unwrap(),
            "\x1b]52;c;aW1wb3J0IGJvdG8zCgpwcmludCgxKQo=\x07"
        );
        assert!(
            said.starts_with("Sent 3 lines (the set-up and steps 1-3) to the clipboard (OSC 52"),
            "{said}"
        );
        let _ = std::fs::remove_dir_all(&home);
    }
}
