//! The live view of `cogflow serve`: the learner's own code calls the served pool and each
//! call becomes a step of one live branch, shown with the lesson's panels. The server makes
//! each answered call's frame (`serve::live`); this keeps the calls still in flight as pending
//! frames, what `--step` holds, the codes delivered and the clock, and queues what the loop
//! must do for the server (let a held call go on, move the clock).
//!
//! ```text
//!  a call:  Received ──> pending frame ─(InitiateAuth)─> Checked: its checks ──> Responded:
//!           (the request, "with Cognito")                (outcome known)         the server's
//!  under --step each phase is held: → on the newest call lets it go on            frame
//! ```

use std::collections::VecDeque;

use serde_json::Value;

use super::nav::Event;
use super::{App, Message, Options, PathRun};
use crate::flow::{self, ApiCall, Check, Frame, Outcome, Row, Vars};
use crate::scenario::Scenario;

pub mod lab;
pub mod lights;

use super::record::Record;
use crate::flow::lab::session::Said;
use crate::flow::lab::{Seen, SeenCall};
use lab::Lab;

/// What happened on the server, as the app takes it (the loop turns server events into these).
#[derive(Debug, Clone, PartialEq)]
pub enum LiveEvent {
    /// A request arrived and was read.
    Received {
        /// The call's number (1, 2, 3… in arrival order).
        call: u64,
        /// The operation.
        operation: String,
        /// The request, passwords hidden.
        request: Value,
        /// Who sent it, in words ("unsigned, Boto3/1.43.11").
        caller: String,
        /// The SDK and how long it waits for the answer, when known ("boto3", 60 s).
        waits: Option<(String, Option<u64>)>,
        /// Held by `--step`.
        held: bool,
    },
    /// A sign-in's checks ran; the outcome is known but not sent.
    Checked {
        /// The call.
        call: u64,
        /// What Cognito checked, in order.
        checks: Vec<Check>,
        /// "tokens", "challenge NEW_PASSWORD_REQUIRED" or the exception.
        outcome: String,
        /// Held by `--step`.
        held: bool,
    },
    /// The answer: the call's frame, made by the server.
    Responded {
        /// The call.
        call: u64,
        /// The frame.
        frame: Box<Frame>,
        /// Held by `--step` (the answer is not sent yet).
        held: bool,
    },
    /// A code or a temporary password was "delivered".
    Delivered(String),
    /// The clock moved on purpose.
    Clock {
        /// The new time (epoch seconds).
        now: u64,
        /// By how much.
        advanced: u64,
    },
    /// The real time, for "the client has waited 12 s" (sent by the loop about once a second).
    Now(u64),
}

/// What the loop does for the server, in order.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LiveRequest {
    /// Let held call `n` go on to its next phase.
    Resume(u64),
    /// Move the served clock forward this many seconds.
    AdvanceClock(u64),
}

/// A call waiting at a phase under `--step`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Held {
    /// The call.
    pub call: u64,
    /// "request received", "credentials checked" or "response returned".
    pub phase: &'static str,
    /// The SDK and how long it waits, when known.
    pub waits: Option<(String, Option<u64>)>,
    /// The real time the call arrived (epoch seconds).
    pub since: u64,
}

/// The live session's state besides its frames.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Live {
    /// `--step` is on.
    pub step: bool,
    /// What the learner pastes to point their code here (the banner's export lines).
    pub exports: Vec<String>,
    /// The pool's first app client (what the learner's code passes as `ClientId`).
    pub client_id: String,
    /// The hosted UI's sign-in URL to open in a browser (the banner's `login_url`), when the
    /// pool has one.
    pub login_url: Option<String>,
    /// Calls waiting for →, oldest first.
    pub held: VecDeque<Held>,
    /// Every code delivered, oldest first.
    pub delivered: Vec<String>,
    /// The served clock, once it moved on purpose (epoch seconds).
    pub clock: Option<u64>,
    /// The real time as the loop last said (epoch seconds).
    pub now: u64,
    /// The lab being served (`cogflow serve LAB`), if the scenario is one.
    pub lab: Option<Lab>,
    /// Calls not answered yet: their frame, the SDK's wait, when they arrived.
    in_flight: Vec<InFlight>,
    /// What the loop must do for the server.
    outbox: Vec<LiveRequest>,
}

#[derive(Debug, Clone, PartialEq)]
struct InFlight {
    call: u64,
    index: usize,
    waits: Option<(String, Option<u64>)>,
    since: u64,
}

impl InFlight {
    /// This call, held by `--step` at `phase`.
    fn held_at(&self, phase: &'static str) -> Held {
        Held {
            call: self.call,
            phase,
            waits: self.waits.clone(),
            since: self.since,
        }
    }
}

impl Live {
    /// A session with nothing happened yet; `step` is `--step`, `exports` the banner's export
    /// lines and `client_id` its app client (shown until the first call).
    #[must_use]
    pub fn new(step: bool, exports: Vec<String>, client_id: &str) -> Self {
        Self {
            step,
            exports,
            client_id: client_id.to_owned(),
            ..Self::default()
        }
    }

    /// The same session serving `lab`.
    #[must_use]
    pub fn with_lab(mut self, lab: Lab) -> Self {
        self.lab = Some(lab);
        self
    }
}

/// How the clock keys move the served clock.
pub const CLOCK_STEPS: [(u64, &str); 2] = [(60, "1 minute"), (3600, "1 hour")];

impl App {
    /// The live view of a `cogflow serve` session on `scenario`'s pool: one branch (a
    /// [`super::PathKind::Live`] with the pool's facts and the tracker's start), empty until the
    /// learner's code makes its first call, following the newest.
    #[must_use]
    pub fn live(scenario: Scenario, options: &Options, branch: PathRun, live: Live) -> App {
        let mut app = App::new(scenario, options);
        app.paths = vec![branch];
        app.jobs.clear();
        app.nav = super::Nav::new(0, super::Place::Last { from: 0 }, options.mode);
        app.saved_position = None;
        app.live = Some(live);
        app
    }

    /// The live session, when this is one.
    #[must_use]
    pub fn live_state(&self) -> Option<&Live> {
        self.live.as_ref()
    }

    /// Takes what the loop must do for the server.
    pub fn take_live_requests(&mut self) -> Vec<LiveRequest> {
        self.live
            .as_mut()
            .map(|live| std::mem::take(&mut live.outbox))
            .unwrap_or_default()
    }

    /// True when `→` lets a held call go on: a call is held and the newest call is on screen.
    #[must_use]
    pub fn holding_here(&self) -> bool {
        let newest = self.current().frames.len().saturating_sub(1);
        self.live
            .as_ref()
            .is_some_and(|live| !live.held.is_empty() && self.shown_index() >= newest)
    }

    /// `→` on the newest call while one is held: the oldest held call goes on.
    pub(crate) fn resume_held(&mut self) {
        let Some(live) = self.live.as_mut() else {
            return;
        };
        if let Some(held) = live.held.pop_front() {
            live.outbox.push(LiveRequest::Resume(held.call));
            self.status = Some(format!(
                "Call #{} goes on from “{}”.",
                held.call, held.phase
            ));
        }
    }

    /// A clock key: the served clock moves `secs` forward (the server says when it has).
    pub(crate) fn advance_clock(&mut self, secs: u64) {
        if let Some(live) = self.live.as_mut() {
            live.outbox.push(LiveRequest::AdvanceClock(secs));
        }
    }

    pub(crate) fn live_event(&mut self, event: LiveEvent) {
        let Some(live) = self.live.as_mut() else {
            return;
        };
        let now = live.now;
        match event {
            LiveEvent::Now(secs) => {
                live.now = secs;
                return;
            }
            LiveEvent::Delivered(words) => {
                self.status = Some(format!("Delivered {words}"));
                live.delivered.push(words);
                return;
            }
            LiveEvent::Clock { now, advanced } => {
                live.clock = Some(now);
                self.status = Some(format!(
                    "The clock moved forward {} (now {}); tokens, codes and lockouts expire by it.",
                    flow::time::human_duration(advanced),
                    flow::time::format_utc(now)
                ));
                let what = format!(
                    "the clock moving on {}",
                    flow::time::human_duration(advanced)
                );
                self.lab_sees(&Seen::Clock { advanced }, what);
                return;
            }
            LiveEvent::Received {
                call,
                operation,
                request,
                caller,
                waits,
                held,
            } => {
                let path = &mut self.paths[0];
                let frame = pending_frame(path, call, &operation, request, &caller);
                path.frames.push(frame);
                let index = path.frames.len() - 1;
                light(
                    &self.scenario,
                    &mut path.frames[index],
                    lights::Phase::Received,
                );
                let flight = InFlight {
                    call,
                    index,
                    waits,
                    since: now,
                };
                if held {
                    live.held.push_back(flight.held_at("request received"));
                }
                live.in_flight.push(flight);
            }
            LiveEvent::Checked {
                call,
                checks,
                outcome,
                held,
            } => {
                let Some(flight) = live.in_flight.iter().find(|f| f.call == call).cloned() else {
                    return;
                };
                if let Some(frame) = self.paths[0].frames.get_mut(flight.index) {
                    frame.explanation = Some(format!(
                        "Call #{call}: Cognito has checked and decided ({outcome}); the answer is not sent yet."
                    ));
                    frame.cognito_checks = checks;
                    light(&self.scenario, frame, lights::Phase::Checked);
                    frame.row.response = format!("checked: {outcome}");
                    frame.row.result = "Cognito has decided; the answer is not sent yet".to_owned();
                }
                if held {
                    live.held.push_back(flight.held_at("credentials checked"));
                }
            }
            LiveEvent::Responded { call, frame, held } => {
                let Some(at) = live.in_flight.iter().position(|f| f.call == call) else {
                    return;
                };
                let flight = live.in_flight.remove(at);
                if held {
                    live.held.push_back(flight.held_at("response returned"));
                }
                let seen = SeenCall::of_frame(&frame);
                if let Some(slot) = self.paths[0].frames.get_mut(flight.index) {
                    *slot = *frame;
                    light(&self.scenario, slot, lights::Phase::Responded);
                }
                if let Some(seen) = seen {
                    let what = format!("call #{call} {}", seen.operation);
                    self.lab_sees(&Seen::Call(seen), what);
                }
            }
        }
        self.navigate(Event::Arrived);
    }
}

impl App {
    /// The lab (if this session serves one) judges what the learner did: a step met is saved
    /// and said, and so is a call that differs (with its hint).
    fn lab_sees(&mut self, seen: &Seen, what: String) {
        let Some(lab) = self.live.as_mut().and_then(|l| l.lab.as_mut()) else {
            return;
        };
        let said = lab.see(seen, what);
        let total = lab.steps().len();
        let mut words = Vec::new();
        for s in said {
            match s {
                Said::Met { step, calls, hints } => {
                    let index = lab.steps()[step - 1].index;
                    self.records.push(Record::LabStep {
                        step_index: index,
                        calls,
                        hints,
                    });
                    words.push(format!("✓ Step {step}/{total} met"));
                }
                Said::Differs { step, hint, .. } => words.push(match hint {
                    Some((n, of, _)) => {
                        format!("✗ Step {step}/{total} not met: see what differs, hint {n} of {of}")
                    }
                    None => format!("✗ Step {step}/{total} not met: see what differs"),
                }),
                Said::Waiting { step } => words.push(format!("step {step} waits")),
                Said::Done => words.push(format!(
                    "✓ Lab complete: all {total} steps done{}",
                    if lab.saving { " (saved)" } else { "" }
                )),
                Said::Read { .. } | Said::Aside { .. } => {}
            }
        }
        if !words.is_empty() {
            self.status = Some(words.join(" · "));
        }
    }

    /// The lab being served, if any.
    #[must_use]
    pub fn lab(&self) -> Option<&Lab> {
        self.live.as_ref().and_then(|l| l.lab.as_ref())
    }

    /// `c`: the lab panel, or the calls in the lesson's modes.
    pub(crate) fn toggle_lab(&mut self) {
        if let Some(lab) = self.live.as_mut().and_then(|l| l.lab.as_mut()) {
            lab.shown = !lab.shown;
        }
    }

    /// A mode's view was asked for: the lab panel makes way for it.
    pub(crate) fn hide_lab(&mut self) {
        if let Some(lab) = self.live.as_mut().and_then(|l| l.lab.as_mut()) {
            lab.shown = false;
        }
    }

    /// `t` on the lab panel: the next language's sample.
    pub(crate) fn next_lab_language(&mut self) {
        if let Some(lab) = self.live.as_mut().and_then(|l| l.lab.as_mut()) {
            lab.next_language();
        }
    }

    /// `y` (`Y`: and the clipboard) on the lab panel: the script so far, to copy (the TUI entry writes it and says
    /// where).
    pub(crate) fn copy_lab_sample(&mut self, clipboard: bool) {
        let file = &self.scenario.file;
        let Some(lab) = self.live.as_mut().and_then(|l| l.lab.as_mut()) else {
            return;
        };
        if lab.copy(file, clipboard).is_none() {
            self.status = Some("This lab has no code sample to copy.".to_owned());
        }
    }

    /// Takes the samples waiting to be copied.
    pub fn take_lab_copies(&mut self) -> Vec<lab::SampleCopy> {
        self.live
            .as_mut()
            .and_then(|l| l.lab.as_mut())
            .map(Lab::take_copies)
            .unwrap_or_default()
    }
}

/// Lights the lesson's diagram box for `frame`'s call at `phase` (none when the lesson has no
/// step for it).
fn light(scenario: &Scenario, frame: &mut Frame, phase: lights::Phase) {
    let (node, path) = lights::lit(scenario, frame.action, phase, &frame.outcome).unzip();
    frame.node = node;
    frame.path = path.unwrap_or_default();
}

/// The frame of a call still with Cognito: its request, what the app held before it.
fn pending_frame(
    path: &PathRun,
    call: u64,
    operation: &str,
    request: Value,
    caller: &str,
) -> Frame {
    let before = path.frames.last();
    let (vars, tokens, clock) = match before {
        Some(frame) => (frame.vars.clone(), frame.tokens.clone(), frame.clock),
        None => (path.start.clone(), flow::Tokens::default(), 0),
    };
    let recorded = flow::Call {
        operation: operation.to_owned(),
        request: request.clone(),
        result: Ok(Value::Null),
        checks: Vec::new(),
        srp: None,
    };
    let action = recorded
        .action()
        .unwrap_or(crate::scenario::model::Action::Narrate);
    let label = match recorded.action() {
        Some(action) => flow::labels::action_label(action).to_owned(),
        None => operation.to_owned(),
    };
    Frame {
        number: usize::try_from(call).unwrap_or(usize::MAX),
        step_index: 0,
        step_id: None,
        action,
        row: Row {
            action: label,
            input: String::new(),
            response: "…".to_owned(),
            result: "with Cognito".to_owned(),
        },
        vars: unchanged(vars),
        node: None,
        path: Vec::new(),
        sample_line: None,
        explanation: Some(format!("Call #{call} ({caller}): {operation} arrived.")),
        snippet: None,
        outcome: Outcome::Pending,
        api: Some(ApiCall {
            operation: operation.to_owned(),
            request: Some(request),
            response: None,
            status: None,
        }),
        token_checks: before.map(|f| f.token_checks.clone()).unwrap_or_default(),
        tokens,
        cognito_checks: Vec::new(),
        verification: None,
        crypto: Vec::new(),
        clock,
        notes: Vec::new(),
        srp: Vec::new(),
    }
}

/// The variables as they were, none marked as changed by this call (it has changed nothing
/// yet).
fn unchanged(mut vars: Vars) -> Vars {
    for var in &mut vars.0 {
        var.change = flow::Change::Same;
    }
    vars
}

impl From<LiveEvent> for Message {
    fn from(event: LiveEvent) -> Message {
        Message::Live(event)
    }
}

#[cfg(test)]
mod tests {
    use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
    use serde_json::json;

    use super::*;
    use crate::app::keymap::message_for;

    fn press(app: &mut App, code: KeyCode) {
        let key = KeyEvent::new(code, KeyModifiers::NONE);
        if let Some(message) = message_for(&key, app.key_context()) {
            app.update(message);
        }
    }

    fn received(call: u64, held: bool) -> Message {
        Message::Live(LiveEvent::Received {
            call,
            operation: "InitiateAuth".to_owned(),
            request: json!({"AuthFlow": "USER_PASSWORD_AUTH", "ClientId": "c"}),
            caller: "unsigned, Boto3/1.43.11".to_owned(),
            waits: Some(("boto3".to_owned(), Some(60))),
            held,
        })
    }

    #[test]
    fn a_held_call_shows_at_once_and_right_lets_it_go_on_only_from_the_newest_call() {
        let scenario = crate::scenario::resolve(None).unwrap();
        let branch = PathRun::new(super::super::PathKind::Live {
            endpoint: "http://127.0.0.1:9".to_owned(),
        });
        let live = Live::new(true, vec![], "c");
        let mut app = App::live(scenario, &Options::default(), branch, live);
        assert!(
            !app.checking(),
            "a live session waits for calls, not a computation"
        );
        app.update(Message::Live(LiveEvent::Now(1_000)));
        app.update(received(1, true));
        assert_eq!(app.current().frames.len(), 1);
        assert_eq!(app.shown_index(), 0, "the new call is on screen");
        assert_eq!(app.current().frames[0].outcome, Outcome::Pending);
        assert_eq!(
            app.current().frames[0].node.as_deref(),
            Some("send"),
            "signin-basic's box for a request sent"
        );
        assert!(app.holding_here());
        press(&mut app, KeyCode::Right);
        assert_eq!(app.take_live_requests(), vec![LiveRequest::Resume(1)]);
        assert!(app.take_live_requests().is_empty(), "taken once");
        app.update(Message::Live(LiveEvent::Checked {
            call: 1,
            checks: vec![Check::new(
                "password (argon2id, the mock's stand-in)",
                true,
                "",
            )],
            outcome: "tokens".to_owned(),
            held: true,
        }));
        assert_eq!(app.current().frames[0].row.response, "checked: tokens");
        assert_eq!(app.current().frames[0].node.as_deref(), Some("verify"));
        // A second call arrives while the first is held; stepping back, → moves, not resumes.
        app.update(received(2, true));
        assert_eq!(app.shown_index(), 1, "following: the newest call");
        press(&mut app, KeyCode::Left);
        assert_eq!(app.shown_index(), 0);
        assert!(!app.holding_here());
        press(&mut app, KeyCode::Right);
        assert!(
            app.take_live_requests().is_empty(),
            "→ went to the newer call"
        );
        assert_eq!(app.shown_index(), 1);
        press(&mut app, KeyCode::Right);
        assert_eq!(
            app.take_live_requests(),
            vec![LiveRequest::Resume(1)],
            "the oldest held call goes on first"
        );
        press(&mut app, KeyCode::Char('>'));
        assert_eq!(
            app.take_live_requests(),
            vec![LiveRequest::AdvanceClock(3600)]
        );
    }
}
