//! A lab in the live view (`cogflow serve LAB` in a terminal). The UI-free
//! [`Session`] judges each call the learner's code makes; this keeps what it said for the lab
//! panel (the calls each step received and what differed, the hints earned, who met it), which
//! language's sample shows, and the samples the learner asked to copy (the TUI entry writes
//! them: the app does no IO).
//!
//! ```text
//!  Responded frame ──SeenCall──┐
//!  clock moved ───Seen::Clock──┴─> Session::see ──Said──> step logs (tries, hints, met)
//!                                                  └─Met─> Record::LabStep (saved as the plain log saves)
//!  y/Y ──> SampleCopy { lab, step, language, text, clipboard } ──> tui::live writes it under
//!          COGFLOW_HOME/labs (Y: and to the clipboard, OSC 52)
//! ```

use crate::flow::lab::session::{LabStep, Said, Session};
use crate::flow::lab::{self, Seen};
use crate::scenario::model::ScenarioFile;

/// A call (or a clock move) the waiting step judged and found wanting.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Try {
    /// "call #3 InitiateAuth", "the clock moving on 1 hour".
    pub what: String,
    /// What differs, one sentence each.
    pub differences: Vec<String>,
    /// True for something the step does not judge (the clock moved while it waits for a
    /// call): no hint was spent on it.
    pub aside: bool,
}

/// How a step was met.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Met {
    /// What met it ("call #4 InitiateAuth").
    pub by: String,
    /// Calls it took, the one that met it included.
    pub calls: u32,
    /// Hints shown before.
    pub hints: usize,
}

/// What one step has seen so far.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct StepLog {
    /// What did not meet it, oldest first.
    pub tries: Vec<Try>,
    /// The hints earned, in order (one per differing call, while there are more).
    pub hints: Vec<String>,
    /// How it was met, once it is.
    pub met: Option<Met>,
}

/// A sample the learner asked to copy: the lab's script as far as one step.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SampleCopy {
    /// The lab's id (names the file).
    pub lab: String,
    /// The 1-based step the script runs up to.
    pub step: usize,
    /// `python`, `javascript` or `cli`.
    pub language: &'static str,
    /// The script.
    pub text: String,
    /// Put it on the terminal's clipboard too (OSC 52).
    pub clipboard: bool,
}

impl SampleCopy {
    /// `lab-first-sign-in-step-3.py`: the file it is written to.
    #[must_use]
    pub fn file_name(&self) -> String {
        let extension = match self.language {
            "python" => "py",
            "javascript" => "mjs",
            _ => "sh",
        };
        format!("{}-step-{}.{extension}", self.lab, self.step)
    }

    /// "the set-up and steps 1-3", "the set-up and step 1": what the script runs.
    #[must_use]
    pub fn through(&self) -> String {
        through(self.step)
    }

    /// How the learner runs the file at `path`.
    #[must_use]
    pub fn run_with(&self, path: &str) -> String {
        match self.language {
            "python" => format!("python3 {path}"),
            "javascript" => format!("node {path}"),
            _ => format!("sh {path}"),
        }
    }
}

/// The lab being served, as the live view shows it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Lab {
    session: Session,
    /// One log per step of the session, in order.
    logs: Vec<StepLog>,
    /// The languages the lab gives code in (python, javascript, cli order).
    languages: Vec<&'static str>,
    /// The one whose sample shows.
    language: usize,
    /// The lab panel is on screen (else the calls, one per step, in the lesson's modes).
    pub shown: bool,
    /// Progress is saved (said when the lab is complete).
    pub saving: bool,
    /// Samples to copy, oldest first (taken by the TUI entry).
    copies: Vec<SampleCopy>,
}

impl Lab {
    /// The lab of `file`, standing at its first waiting step, its panel on screen.
    #[must_use]
    pub fn new(file: &ScenarioFile, saving: bool) -> Self {
        let mut session = Session::new(file);
        session.start();
        let languages = ["python", "javascript", "cli"]
            .into_iter()
            .filter(|language| lab::program(file, language).is_some())
            .collect();
        Self {
            logs: vec![StepLog::default(); session.steps().len()],
            session,
            languages,
            language: 0,
            shown: true,
            saving,
            copies: Vec::new(),
        }
    }

    /// Every step.
    #[must_use]
    pub fn steps(&self) -> &[LabStep] {
        self.session.steps()
    }

    /// The step waiting, or `None` once the lab is complete.
    #[must_use]
    pub fn waiting(&self) -> Option<&LabStep> {
        self.session.waiting()
    }

    /// What step `number` (1-based) has seen.
    #[must_use]
    pub fn log(&self, number: usize) -> &StepLog {
        &self.logs[number - 1]
    }

    /// The languages with code, and the one shown.
    #[must_use]
    pub fn languages(&self) -> (&[&'static str], Option<&'static str>) {
        (&self.languages, self.languages.get(self.language).copied())
    }

    /// Judges what the learner did (`what` names it for the panel); returns what the session
    /// said, for the app to save and say.
    pub fn see(&mut self, seen: &Seen, what: String) -> Vec<Said> {
        let said = self.session.see(seen);
        for s in &said {
            match s {
                Said::Differs {
                    step,
                    differences,
                    hint,
                } => {
                    let log = &mut self.logs[step - 1];
                    log.tries.push(Try {
                        what: what.clone(),
                        differences: differences.clone(),
                        aside: false,
                    });
                    if let Some((_, _, text)) = hint {
                        log.hints.push(text.clone());
                    }
                }
                Said::Aside { step, text } => self.logs[step - 1].tries.push(Try {
                    what: what.clone(),
                    differences: vec![text.clone()],
                    aside: true,
                }),
                Said::Met { step, calls, hints } => {
                    self.logs[step - 1].met = Some(Met {
                        by: what.clone(),
                        calls: *calls,
                        hints: *hints,
                    });
                }
                Said::Read { .. } | Said::Waiting { .. } | Said::Done => {}
            }
        }
        said
    }

    /// The next language's sample.
    pub fn next_language(&mut self) {
        if !self.languages.is_empty() {
            self.language = (self.language + 1) % self.languages.len();
        }
    }

    /// Queues the script (to a file; `clipboard`: to the clipboard too) as far as the step on the panel (the waiting one, or the whole lab
    /// once complete) in the language shown; `None` when the lab has no code.
    pub fn copy(&mut self, file: &ScenarioFile, clipboard: bool) -> Option<&SampleCopy> {
        let language = self.languages().1?;
        let step = self.sample_step();
        let through = self.steps().get(step.checked_sub(1)?)?.index + 1;
        let text = lab::sample(file, language, through)?;
        self.copies.push(SampleCopy {
            lab: file.scenario.id.clone(),
            step,
            language,
            text,
            clipboard,
        });
        self.copies.last()
    }

    /// The 1-based step whose sample the panel shows: the waiting one, else the last.
    #[must_use]
    pub fn sample_step(&self) -> usize {
        self.waiting()
            .map_or(self.steps().len(), |step| step.number)
    }

    /// Takes the samples waiting to be copied.
    pub fn take_copies(&mut self) -> Vec<SampleCopy> {
        std::mem::take(&mut self.copies)
    }
}

/// "the set-up and steps 1-3", "the set-up and step 1".
#[must_use]
pub fn through(step: usize) -> String {
    if step > 1 {
        format!("the set-up and steps 1-{step}")
    } else {
        format!("the set-up and step {step}")
    }
}

/// A served lab for tests: `lab-first-sign-in` in the live view, and its sample solution's
/// frames (what the server makes of each call) to feed it as the learner's calls.
#[cfg(test)]
pub(crate) mod served {
    use super::Lab;
    use crate::app::live::{Live, LiveEvent};
    use crate::app::{App, Message, Options, PathKind, PathRun};
    use crate::flow::Frame;

    /// The app serving `lab-first-sign-in`, before any call.
    pub(crate) fn app() -> App {
        let scenario = crate::scenario::resolve(Some("lab-first-sign-in")).unwrap();
        let branch = PathRun::new(PathKind::Live {
            endpoint: "http://127.0.0.1:9".to_owned(),
        });
        let exports =
            vec!["export AWS_ENDPOINT_URL_COGNITO_IDENTITY_PROVIDER=http://127.0.0.1:9".to_owned()];
        let live = Live::new(false, exports, "c").with_lab(Lab::new(&scenario.file, true));
        App::live(scenario, &Options::default(), branch, live)
    }

    /// The frames of the lab's own sample solution: SignUp, ConfirmSignUp, InitiateAuth,
    /// GetUser, as the engine makes them.
    pub(crate) fn solution() -> Vec<Frame> {
        let scenario = crate::scenario::resolve(Some("lab-first-sign-in")).unwrap();
        crate::flow::run(&scenario, None, 1).unwrap().frames
    }

    /// The solution's InitiateAuth sent with USER_SRP_AUTH (a wrong call: the flow differs).
    pub(crate) fn srp_sign_in(solution: &[Frame]) -> Frame {
        let mut frame = solution[2].clone();
        if let Some(api) = frame.api.as_mut()
            && let Some(request) = api.request.as_mut()
        {
            request["AuthFlow"] = "USER_SRP_AUTH".into();
        }
        frame
    }

    /// `frame` arriving as call `call` and answered.
    pub(crate) fn call(app: &mut App, call: u64, frame: &Frame) {
        let api = frame.api.as_ref().unwrap();
        app.update(Message::Live(LiveEvent::Received {
            call,
            operation: api.operation.clone(),
            request: api.request.clone().unwrap(),
            caller: "unsigned, Boto3/1.43.11".to_owned(),
            waits: None,
            held: false,
        }));
        app.update(Message::Live(LiveEvent::Responded {
            call,
            frame: Box::new(frame.clone()),
            held: false,
        }));
    }
}

#[cfg(test)]
mod tests {
    use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

    use super::served;
    use crate::app::keymap::message_for;
    use crate::app::{App, Message, Mode, Record};

    fn press(app: &mut App, c: char) {
        let key = KeyEvent::new(KeyCode::Char(c), KeyModifiers::NONE);
        if let Some(message) = message_for(&key, app.key_context()) {
            app.update(message);
        }
    }

    #[test]
    fn the_learners_calls_meet_the_steps_in_order_and_each_met_step_is_saved() {
        let mut app = served::app();
        let solution = served::solution();
        let lab = app.lab().unwrap();
        assert_eq!(lab.waiting().unwrap().number, 1);
        assert!(lab.shown, "a lab opens on its panel");
        assert_eq!(lab.languages().0, ["python", "javascript", "cli"]);

        served::call(&mut app, 1, &solution[0]);
        served::call(&mut app, 2, &solution[1]);
        served::call(&mut app, 3, &served::srp_sign_in(&solution));
        let lab = app.lab().unwrap();
        assert_eq!(
            lab.waiting().unwrap().number,
            3,
            "the wrong call met nothing"
        );
        let log = lab.log(3);
        assert_eq!(log.tries.len(), 1);
        assert_eq!(log.tries[0].what, "call #3 InitiateAuth");
        assert_eq!(
            log.tries[0].differences,
            ["AuthFlow is USER_SRP_AUTH; this step expects USER_PASSWORD_AUTH"]
        );
        assert_eq!(
            log.hints,
            ["InitiateAuth takes AuthFlow, ClientId and AuthParameters."],
            "one hint earned by the call that differs"
        );
        assert_eq!(
            app.status(),
            Some("✗ Step 3/4 not met: see what differs, hint 1 of 2")
        );

        served::call(&mut app, 4, &solution[2]);
        served::call(&mut app, 5, &solution[3]);
        let lab = app.lab().unwrap();
        assert!(lab.waiting().is_none());
        let met = lab.log(3).met.as_ref().unwrap();
        assert_eq!(
            (met.by.as_str(), met.calls, met.hints),
            ("call #4 InitiateAuth", 2, 1)
        );
        assert_eq!(
            app.status(),
            Some("✓ Step 4/4 met · ✓ Lab complete: all 4 steps done (saved)")
        );
        let saved: Vec<(usize, u32, usize)> = app
            .take_records()
            .into_iter()
            .filter_map(|r| match r {
                Record::LabStep {
                    step_index,
                    calls,
                    hints,
                } => Some((step_index, calls, hints)),
                _ => None,
            })
            .collect();
        assert_eq!(saved, [(0, 1, 0), (1, 1, 0), (2, 2, 1), (3, 1, 0)]);
        assert_eq!(app.current().frames.len(), 5, "every call is a step too");
    }

    #[test]
    fn keys_switch_the_sample_copy_it_and_put_the_panel_away() {
        let mut app = served::app();
        let solution = served::solution();
        served::call(&mut app, 1, &solution[0]);
        press(&mut app, 't');
        assert_eq!(app.lab().unwrap().languages().1, Some("javascript"));
        press(&mut app, 'y');
        let copies = app.take_lab_copies();
        assert_eq!(copies.len(), 1);
        let copy = &copies[0];
        assert_eq!((copy.step, copy.language), (2, "javascript"));
        assert_eq!(copy.file_name(), "lab-first-sign-in-step-2.mjs");
        let file = &app.scenario().file;
        assert_eq!(
            Some(copy.text.clone()),
            crate::flow::lab::sample(file, "javascript", 2),
            "the set-up, then steps 1 and 2"
        );
        assert!(copy.text.contains("pool.signUp(") && copy.text.contains("confirmRegistration("));
        assert!(
            !copy.text.contains("authenticateUser("),
            "not step 3's call"
        );
        assert!(!copy.clipboard, "y: to a file only");
        assert!(app.take_lab_copies().is_empty(), "taken once");
        press(&mut app, 'Y');
        assert!(app.take_lab_copies()[0].clipboard, "Y: the clipboard too");
        press(&mut app, 't');
        press(&mut app, 't');
        assert_eq!(
            app.lab().unwrap().languages().1,
            Some("python"),
            "round again"
        );

        press(&mut app, 'c');
        assert!(!app.lab().unwrap().shown, "c shows the calls");
        assert_eq!(app.key_context().lab, Some(false));
        press(&mut app, 'c');
        assert!(app.lab().unwrap().shown, "and c comes back");
        press(&mut app, '3');
        assert!(!app.lab().unwrap().shown, "a mode's digit shows that mode");
        assert_eq!(app.mode(), Mode::Table);
        app.update(Message::Do(crate::app::Command::LabToggle));
        assert!(app.lab().unwrap().shown);
    }
}
