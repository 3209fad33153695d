//! The terminal UI's model, in The Elm Architecture: one [`App`], one [`Message`], one
//! [`App::update`]. Rendering lives in [`crate::ui`] and only reads an `&App`.
//!
//! ```text
//!  key ──keymap::message_for──▶ Message ──App::update──▶ App ──ui::render──▶ screen
//!                                  ▲                      │
//!   worker thread (flow::Runner) ──┘ WorkerEvent          └─▶ jobs (App::take_jobs) ──▶ worker
//! ```
//!
//! Cryptography is slow on purpose (argon2id, RSA), so runs are computed on worker threads
//! ([`worker`]) that stream frames back; the learner can step through what is computed while the
//! rest is still being checked, and stepping past it shows a "Cognito is checking…" state.

pub mod keymap;
pub mod lesson;
pub mod predict;
pub mod quiz;
pub mod record;
pub mod terminal;
pub mod tryit;
pub mod worker;

use std::sync::Arc;

use crate::flow::{Check, Frame};
use crate::quiz::{PredictionLog, StepTarget};
use crate::scenario::Scenario;
use crate::scenario::model::TokenKind;

pub use keymap::{Binding, Command, Context, KeyContext};
pub use lesson::{Finished, PathKind, PathRun};
pub use predict::Ask;
pub use quiz::{Feedback, Quiz};
pub use record::Record;
pub use tryit::{Field, TryIt};
pub use worker::{Job, JobKind, WorkerEvent};

/// The nine modes (keys 1-9; Tab and Shift-Tab cycle).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub enum Mode {
    /// 1: diagram, sample, process table, tracker and explanation together.
    #[default]
    StepThrough,
    /// 2: the concept flow diagram.
    Flow,
    /// 3: the process table with the step's real request and response.
    Table,
    /// 4: every variable at every step.
    Tracker,
    /// 5: the key moments.
    Moments,
    /// 6: the quiz.
    Quiz,
    /// 7: the concept snapshot.
    Snapshot,
    /// 8: the full transcript.
    Transcript,
    /// 9: the tokens decoded, the app's checks, and the "try it" form.
    Token,
}

impl Mode {
    /// All modes, in key order.
    pub const ALL: [Mode; 9] = [
        Mode::StepThrough,
        Mode::Flow,
        Mode::Table,
        Mode::Tracker,
        Mode::Moments,
        Mode::Quiz,
        Mode::Snapshot,
        Mode::Transcript,
        Mode::Token,
    ];

    /// The key that selects it, 1 to 9.
    #[must_use]
    pub fn number(self) -> u8 {
        match self {
            Mode::StepThrough => 1,
            Mode::Flow => 2,
            Mode::Table => 3,
            Mode::Tracker => 4,
            Mode::Moments => 5,
            Mode::Quiz => 6,
            Mode::Snapshot => 7,
            Mode::Transcript => 8,
            Mode::Token => 9,
        }
    }

    /// The mode on key `n` (1 to 9).
    #[must_use]
    pub fn from_number(n: u8) -> Option<Mode> {
        Mode::ALL.into_iter().find(|m| m.number() == n)
    }

    /// Its name on tabs and in help.
    #[must_use]
    pub fn title(self) -> &'static str {
        match self {
            Mode::StepThrough => "Step-through",
            Mode::Flow => "Flow",
            Mode::Table => "Table",
            Mode::Tracker => "Tracker",
            Mode::Moments => "Key moments",
            Mode::Quiz => "Quiz",
            Mode::Snapshot => "Snapshot",
            Mode::Transcript => "Transcript",
            Mode::Token => "Token",
        }
    }

    /// A short name for narrow tab bars.
    #[must_use]
    pub fn short(self) -> &'static str {
        match self {
            Mode::StepThrough => "Steps",
            Mode::Flow => "Flow",
            Mode::Table => "Table",
            Mode::Tracker => "Track",
            Mode::Moments => "Moments",
            Mode::Quiz => "Quiz",
            Mode::Snapshot => "Snap",
            Mode::Transcript => "Text",
            Mode::Token => "Token",
        }
    }

    /// The next mode (Tab), wrapping.
    #[must_use]
    pub fn next(self) -> Mode {
        Mode::from_number(self.number() % 9 + 1).unwrap_or_default()
    }

    /// The previous mode (Shift-Tab), wrapping.
    #[must_use]
    pub fn prev(self) -> Mode {
        Mode::from_number((self.number() + 7) % 9 + 1).unwrap_or_default()
    }

    /// True for the modes that show the current step (and so would give away a step whose
    /// prediction is being asked): 1, 2, 3, 4 and 9.
    #[must_use]
    pub fn shows_step(self) -> bool {
        match self {
            Mode::StepThrough | Mode::Flow | Mode::Table | Mode::Tracker | Mode::Token => true,
            Mode::Moments | Mode::Quiz | Mode::Snapshot | Mode::Transcript => false,
        }
    }
}

/// Everything that changes the model: key commands, worker reports, reloads.
#[derive(Debug, Clone, PartialEq)]
pub enum Message {
    /// A key command without data (see [`keymap::BINDINGS`]).
    Do(Command),
    /// A digit 1-9 outside the form: switch to that mode and start a step number.
    ModeDigit(u8),
    /// A further digit of a step number being typed.
    JumpDigit(u8),
    /// A quiz choice picked by its letter (0 = A).
    QuizLetter(usize),
    /// A prediction's choice picked by its letter (0 = A).
    PredictLetter(usize),
    /// A character typed into the "try it" form.
    Type(char),
    /// Something a worker computed.
    Worker(WorkerEvent),
    /// `--watch` reloaded the file: the new scenario, or every problem found in it.
    Reloaded(Result<Box<Scenario>, Vec<String>>),
    /// Time passed with nothing else happening (animates the "checking" spinner).
    Tick,
    /// Something to tell the learner that did not come from a key (a progress file moved
    /// aside, saving turned off): shown in the status line.
    Notices(Vec<String>),
}

/// How the app is set up from the command line.
#[derive(Debug, Clone, Default)]
pub struct Options {
    /// Start on this variant.
    pub variant: Option<String>,
    /// Start at this step (1-based).
    pub step: Option<usize>,
    /// The seed of every random value in the runs.
    pub seed: u64,
    /// Show cryptography timings as "N ms" instead of measured values (snapshot tests).
    pub redact_timings: bool,
    /// Start in this mode.
    pub mode: Mode,
    /// The file is being watched (shown in the title bar).
    pub watching: bool,
    /// Draw with the monochrome theme (`NO_COLOR`).
    pub monochrome: bool,
    /// `step` and `variant` come from saved progress: say so ("resumed at step 4 — press g
    /// to start over").
    pub resumed: bool,
    /// Predictions this learner already made (from saved progress): not asked again.
    pub predictions: PredictionLog,
    /// Messages to show at start (from opening the progress store).
    pub notices: Vec<String>,
}

/// Where the token checks mode 9 shows come from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ChecksSource {
    /// The lesson's app made them, at this step.
    App {
        /// The step (1-based).
        step: usize,
    },
    /// The app has not checked this token: the verifier run on it now, by the lesson clock.
    Preview,
}

/// Checks of a token, for mode 9.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TokenChecks {
    /// Who made them.
    pub source: ChecksSource,
    /// The checks, in the order an app makes them.
    pub checks: Vec<Check>,
}

/// A step number being typed ("3" then Enter jumps to step 3).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PendingJump {
    /// The digits so far.
    pub digits: String,
    /// The mode before the first digit switched it; Enter goes back there.
    pub mode_before: Mode,
}

/// Scroll offsets of the scrollable views, in lines.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Scroll {
    /// Mode 1's explanation.
    pub step: u16,
    /// Mode 3's request/response pane.
    pub table: u16,
    /// Mode 4.
    pub tracker: u16,
    /// Mode 5.
    pub moments: u16,
    /// Mode 8.
    pub transcript: u16,
    /// Mode 9.
    pub token: u16,
    /// Mode 2.
    pub flow: u16,
    /// Mode 7.
    pub snapshot: u16,
    /// The help overlay.
    pub help: u16,
}

/// Where the learner was when a quiz question sent them to its step; going back to the quiz
/// returns there.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Detour {
    /// The path shown before.
    pub path: usize,
    /// The step (cursor) shown before.
    pub cursor: usize,
    /// The question (index in the quiz) that sent them.
    pub question: usize,
}

/// The model of the terminal UI.
#[derive(Debug)]
pub struct App {
    pub(crate) scenario: Arc<Scenario>,
    pub(crate) seed: u64,
    /// Main path first, then each variant in file order, then the learner's tries.
    pub(crate) paths: Vec<PathRun>,
    pub(crate) path: usize,
    /// The requested step, 0-based; may point past what is computed yet.
    pub(crate) cursor: usize,
    /// Keep the cursor on the last step as frames arrive (End pressed before the run finished).
    pub(crate) follow_last: bool,
    pub(crate) mode: Mode,
    pub(crate) help: bool,
    pub(crate) jump: Option<PendingJump>,
    pub(crate) scroll: Scroll,
    pub(crate) quiz: Quiz,
    pub(crate) token_kind: TokenKind,
    pub(crate) tryit: TryIt,
    pub(crate) status: Option<String>,
    pub(crate) load_errors: Vec<String>,
    pub(crate) quit: bool,
    pub(crate) jobs: Vec<Job>,
    pub(crate) next_job: u64,
    pub(crate) redact_timings: bool,
    pub(crate) watching: bool,
    pub(crate) monochrome: bool,
    pub(crate) tick: u64,
    /// Predictions made (this sitting and, from saved progress, before).
    pub(crate) predictions: PredictionLog,
    /// The prediction on screen, waiting for an answer.
    pub(crate) asking: Option<Ask>,
    /// Where a run of → presses started (the step shown before the first): a step with a
    /// prediction stepped onto from there is asked, even if its frame arrives later.
    pub(crate) forward_from: Option<usize>,
    /// Set while the learner looks at the step a quiz question is about.
    pub(crate) detour: Option<Detour>,
    /// A step (index in the file) to land on when the shown path's frames arrive: "show the
    /// step this is about" on a branch not computed yet.
    pub(crate) seek: Option<usize>,
    /// What to save, in order, for [`App::save`].
    pub(crate) records: Vec<Record>,
    /// The position last queued for saving: (1-based step, variant).
    pub(crate) saved_position: Option<(usize, Option<String>)>,
}

impl App {
    /// A new app on `scenario`. Nothing is computed yet: the job for the first path waits in
    /// [`App::take_jobs`] for a worker (or [`App::run_jobs_here`]).
    #[must_use]
    pub fn new(scenario: Scenario, options: &Options) -> App {
        let scenario = Arc::new(scenario);
        let quiz = Quiz::new(&scenario.file, options.seed);
        let mut app = App {
            paths: lesson::paths_of(&scenario),
            scenario,
            seed: options.seed,
            path: 0,
            cursor: options.step.unwrap_or(1).saturating_sub(1),
            follow_last: false,
            mode: options.mode,
            help: false,
            jump: None,
            scroll: Scroll::default(),
            quiz,
            token_kind: TokenKind::Id,
            tryit: TryIt::default(),
            status: None,
            load_errors: Vec::new(),
            quit: false,
            jobs: Vec::new(),
            next_job: 1,
            redact_timings: options.redact_timings,
            watching: options.watching,
            monochrome: options.monochrome,
            tick: 0,
            predictions: options.predictions.clone(),
            asking: None,
            forward_from: None,
            detour: None,
            seek: None,
            records: Vec::new(),
            saved_position: None,
        };
        if let Some(variant) = &options.variant {
            match app
                .paths
                .iter()
                .position(|p| p.variant_id() == Some(variant))
            {
                Some(i) => app.path = i,
                None => {
                    app.status = Some(format!(
                        "There is no variant `{variant}`; showing the main path."
                    ));
                }
            }
        }
        if options.resumed {
            app.status = Some(format!(
                "Resumed at step {}{} — press g to start over.",
                app.cursor + 1,
                app.of_branch()
            ));
        }
        if !options.notices.is_empty() {
            let notices = options.notices.join(" · ");
            app.status = Some(match app.status.take() {
                Some(status) => format!("{notices} · {status}"),
                None => notices,
            });
        }
        app.saved_position = app.position();
        app.request(app.path);
        app
    }

    /// Applies one message. Side effects (runs to compute) are queued for [`App::take_jobs`].
    pub fn update(&mut self, message: Message) {
        let keeps_jump = matches!(
            message,
            Message::ModeDigit(_)
                | Message::JumpDigit(_)
                | Message::Worker(_)
                | Message::Tick
                | Message::Do(Command::JumpBackspace)
        );
        if !keeps_jump {
            self.jump_before(&message);
        }
        let is_key = !matches!(
            message,
            Message::Worker(_) | Message::Tick | Message::Reloaded(_) | Message::Notices(_)
        );
        if is_key && !keeps_jump {
            self.status = None;
        }
        if is_key {
            // A key while a branch is being searched for a step: the learner moved on.
            self.seek = None;
        }
        let before = (self.path, self.cursor);
        match message {
            Message::Do(command) => self.command(command),
            Message::ModeDigit(n) => {
                let mode_before = self.jump.as_ref().map_or(self.mode, |j| j.mode_before);
                let mut digits = self.jump.take().map(|j| j.digits).unwrap_or_default();
                digits.push(char::from(b'0' + n));
                if let Some(mode) = Mode::from_number(n) {
                    self.set_mode(mode);
                }
                self.jump = Some(PendingJump {
                    digits,
                    mode_before,
                });
            }
            Message::JumpDigit(n) => {
                if let Some(jump) = &mut self.jump {
                    if jump.digits.len() < 4 {
                        jump.digits.push(char::from(b'0' + n));
                    }
                    if let Some(mode) = Mode::from_number(n) {
                        self.set_mode(mode);
                    }
                }
            }
            Message::QuizLetter(i) => self.quiz.select(i),
            Message::PredictLetter(i) => self.select_prediction(i),
            Message::Type(c) => self.tryit.type_char(c),
            Message::Worker(event) => self.worker_event(event),
            Message::Reloaded(result) => self.reloaded(result),
            Message::Tick => self.tick = self.tick.wrapping_add(1),
            Message::Notices(notices) => self.status = Some(notices.join(" · ")),
        }
        if (self.path, self.cursor) != before {
            // A new step starts at the top of its explanation and its request.
            self.scroll.step = 0;
            self.scroll.table = 0;
        }
        self.note_position();
    }

    /// Handles a pending step number before `message`: Enter confirms it (in `command`), any
    /// other key abandons it.
    fn jump_before(&mut self, message: &Message) {
        if !matches!(
            message,
            Message::Do(Command::JumpConfirm | Command::JumpCancel)
        ) {
            self.jump = None;
        }
    }

    fn command(&mut self, command: Command) {
        if matches!(
            command,
            Command::Back
                | Command::First
                | Command::Last
                | Command::NextVariant
                | Command::JumpConfirm
                | Command::FormSubmit
        ) {
            // Moving anywhere but forward drops a prediction being asked (it is asked again
            // the next time → reaches its step).
            self.asking = None;
            self.forward_from = None;
        }
        match command {
            Command::Next => self.step_forward(),
            Command::Back => {
                let shown = self.shown_index();
                self.follow_last = false;
                self.cursor = shown.saturating_sub(1);
            }
            Command::First => {
                self.follow_last = false;
                self.cursor = 0;
            }
            Command::Last => match self.current().total() {
                Some(total) => {
                    self.follow_last = false;
                    self.cursor = total.saturating_sub(1);
                }
                None => {
                    self.follow_last = true;
                    self.cursor = self.cursor.max(self.current().frames.len());
                }
            },
            Command::NextVariant => self.next_path(),
            Command::Help => {
                self.help = !self.help;
                self.scroll.help = 0;
            }
            Command::CloseHelp => self.help = false,
            Command::Quit => self.quit = true,
            Command::NextMode => self.set_mode(self.mode.next()),
            Command::PrevMode => self.set_mode(self.mode.prev()),
            Command::JumpConfirm => self.confirm_jump(),
            Command::JumpCancel => {
                if let Some(jump) = self.jump.take() {
                    self.set_mode(jump.mode_before);
                }
            }
            Command::JumpBackspace => {
                if let Some(jump) = &mut self.jump {
                    jump.digits.pop();
                    if jump.digits.is_empty() {
                        self.jump = None;
                    }
                }
            }
            Command::ScrollUp => self.scroll_by(-1),
            Command::ScrollDown => self.scroll_by(1),
            Command::PageUp => self.scroll_by(-10),
            Command::PageDown => self.scroll_by(10),
            Command::QuizUp
            | Command::QuizDown
            | Command::QuizAnswer
            | Command::QuizReveal
            | Command::QuizHint
            | Command::QuizRetryMissed
            | Command::QuizRetryAll
            | Command::QuizNextQuestion
            | Command::QuizPrevQuestion => self.quiz_command(command),
            Command::QuizShowStep => self.show_quiz_step(),
            Command::BackToQuiz => self.set_mode(Mode::Quiz),
            Command::PredictUp => self.move_prediction(-1),
            Command::PredictDown => self.move_prediction(1),
            Command::PredictAnswer => self.answer_prediction(),
            Command::PredictSkip => self.skip_prediction(),
            Command::PredictCancel => self.cancel_prediction(),
            Command::TokenSwitch => {
                self.token_kind = match self.token_kind {
                    TokenKind::Id => TokenKind::Access,
                    TokenKind::Access | TokenKind::Refresh => TokenKind::Id,
                };
                self.scroll.token = 0;
            }
            Command::TryOpen => self.tryit.open(),
            Command::FormBackspace => self.tryit.backspace(),
            Command::FormNextField => self.tryit.next_field(),
            Command::FormReveal => self.tryit.reveal = !self.tryit.reveal,
            Command::FormClose => self.tryit.editing = false,
            Command::FormSubmit => self.submit_try(),
            // Placeholders in the key table (their messages carry data); never sent as `Do`.
            Command::ModeDigit
            | Command::JumpDigit
            | Command::QuizLetter
            | Command::PredictLetter
            | Command::FormType => {}
        }
    }

    /// The quiz's own keys: answers and reveals are queued for saving.
    fn quiz_command(&mut self, command: Command) {
        let attempt = match command {
            Command::QuizUp => {
                self.quiz.move_selection(-1);
                None
            }
            Command::QuizDown => {
                self.quiz.move_selection(1);
                None
            }
            Command::QuizAnswer => self.quiz.enter(),
            Command::QuizReveal => self.quiz.reveal(),
            Command::QuizHint => {
                self.status = self.quiz.hint();
                None
            }
            Command::QuizRetryMissed => {
                self.status = self.quiz.retry(crate::quiz::Retry::Missed);
                None
            }
            Command::QuizRetryAll => {
                self.status = self.quiz.retry(crate::quiz::Retry::All);
                None
            }
            Command::QuizNextQuestion => {
                self.quiz.go(1);
                None
            }
            Command::QuizPrevQuestion => {
                self.quiz.go(-1);
                None
            }
            _ => None,
        };
        if let Some(attempt) = attempt {
            self.records.push(Record::Attempt(attempt));
        }
    }

    fn set_mode(&mut self, mode: Mode) {
        self.mode = mode;
        if mode != Mode::Token {
            self.tryit.editing = false;
        }
        if mode == Mode::Quiz
            && let Some(detour) = self.detour.take()
        {
            // Back from the step a question is about: where the learner was, on the question.
            if detour.path < self.paths.len() {
                self.path = detour.path;
                self.cursor = detour.cursor;
                self.follow_last = false;
            }
            self.asking = None;
            self.forward_from = None;
            self.quiz.go_to(detour.question);
        }
    }

    /// →: the next step, unless a prediction is waiting to be answered first.
    fn step_forward(&mut self) {
        if let Some(ask) = &self.asking {
            self.status = Some(format!(
                "Step {} waits for your prediction: press 1 to see it (s there skips it).",
                ask.index + 1
            ));
            return;
        }
        let from = self.forward_from.unwrap_or_else(|| self.shown_index());
        self.step_to(self.cursor.saturating_add(1));
        self.forward_from = Some(from);
        self.check_prediction();
    }

    fn step_to(&mut self, index: usize) {
        self.follow_last = false;
        let path = self.current();
        match path.total() {
            Some(total) if index >= total => {
                self.cursor = total.saturating_sub(1);
                self.status = Some(format!(
                    "That was the last step ({total} of {total}). ← goes back, v shows another branch."
                ));
            }
            _ => {
                // Past what is computed: the cursor waits there and the screen says
                // "Cognito is checking…" until the frame arrives. A run has at most one frame
                // per step of the file, so key presses queue up to that and no further.
                let most = self.scenario.file.steps.len().max(1) - 1;
                self.cursor = index.min(most);
            }
        }
    }

    fn confirm_jump(&mut self) {
        let Some(jump) = self.jump.take() else {
            return;
        };
        let Ok(number) = jump.digits.parse::<usize>() else {
            return;
        };
        let total = self.current().total();
        let known = total.unwrap_or(self.current().frames.len());
        if number == 0 || total.is_some_and(|t| number > t) {
            if self.mode == Mode::Quiz {
                // "6" then Enter: the digit opened the quiz and Enter answers; there is no
                // step 6 to go to.
                self.quiz_command(Command::QuizAnswer);
                return;
            }
            self.status = Some(format!(
                "There is no step {number}: this path has steps 1 to {known}."
            ));
            return;
        }
        self.follow_last = false;
        self.cursor = number - 1;
        self.set_mode(jump.mode_before);
    }

    fn next_path(&mut self) {
        let count = self.paths.len();
        if count < 2 {
            self.status = Some("This lesson has no other branch to show.".to_owned());
            return;
        }
        let step = self.shown_index();
        self.path = (self.path + 1) % count;
        self.request(self.path);
        // Stay on the same step number when the other path has it (clamped when it finishes).
        self.cursor = step;
        self.follow_last = false;
        if let Some(total) = self.current().total() {
            self.cursor = self.cursor.min(total.saturating_sub(1));
        }
        self.status = Some(format!("Branch: {}", self.current().label()));
    }

    fn scroll_by(&mut self, delta: i32) {
        let slot = match self.mode {
            _ if self.help => &mut self.scroll.help,
            Mode::Table => &mut self.scroll.table,
            Mode::Tracker => &mut self.scroll.tracker,
            Mode::Moments => &mut self.scroll.moments,
            Mode::Transcript => &mut self.scroll.transcript,
            Mode::Token => &mut self.scroll.token,
            Mode::Flow => &mut self.scroll.flow,
            Mode::Snapshot => &mut self.scroll.snapshot,
            Mode::StepThrough => &mut self.scroll.step,
            Mode::Quiz => return,
        };
        let next = i32::from(*slot) + delta;
        // The renderer clamps to the content; this only keeps the number sane.
        *slot = u16::try_from(next.clamp(0, 2000)).unwrap_or(0);
    }

    /// "Jump to the step this is about": step-through at that step, on the branch whose run
    /// has it (the shown one first); Esc (or 6) comes back to the question.
    fn show_quiz_step(&mut self) {
        let Some(session) = self.quiz.session.as_ref() else {
            return;
        };
        let question = session.current_index();
        let Some(target) = session.about_step().cloned() else {
            self.status = Some("This question is not tied to one step.".to_owned());
            return;
        };
        let origin = Detour {
            path: self.path,
            cursor: self.cursor,
            question,
        };
        let found = self.find_step(&target);
        let waiting = self.search_order().find(|&p| !self.paths[p].is_done());
        self.asking = None;
        self.forward_from = None;
        match (found, waiting) {
            (Some((path, index)), _) => {
                self.path = path;
                self.cursor = index;
                self.follow_last = false;
                self.set_mode(Mode::StepThrough);
                self.detour = Some(origin);
                self.status = Some(self.detour_status(index));
            }
            // Not computed yet: go to that branch and land on the step when it arrives.
            (None, Some(path)) => {
                self.path = path;
                self.request(path);
                self.cursor = self.paths[path].frames.len();
                self.follow_last = false;
                self.set_mode(Mode::StepThrough);
                self.detour = Some(origin);
                self.seek = Some(target.index);
                self.status = Some(format!("Finding “{}”…", target.name()));
            }
            (None, None) => {
                self.status = Some(format!(
                    "“{}” is not in any run of this lesson.",
                    target.name()
                ));
            }
        }
    }

    /// The paths to look for a step on: the shown one first, then the lesson's other branches
    /// (never a try: its inputs are the learner's, not the lesson's).
    fn search_order(&self) -> impl Iterator<Item = usize> + '_ {
        std::iter::once(self.path).chain(
            (0..self.paths.len())
                .filter(|&i| i != self.path && !matches!(self.paths[i].kind, PathKind::Try { .. })),
        )
    }

    /// Where step `target` is computed: (path, frame index), on the path shown when it has the
    /// step, else on the first other branch of the lesson that has it. This is where the quiz's
    /// "show the step" goes.
    #[must_use]
    pub fn find_step(&self, target: &StepTarget) -> Option<(usize, usize)> {
        self.search_order()
            .find_map(|p| target.frame_in(&self.paths[p].frames).map(|i| (p, i)))
    }

    /// The index of the path shown, in [`App::paths`].
    #[must_use]
    pub fn path_index(&self) -> usize {
        self.path
    }

    /// "Step 4 of “What if…”: what question 3 is about. Esc goes back to it."
    fn detour_status(&self, index: usize) -> String {
        let question = self.detour.as_ref().map_or(0, |d| d.question) + 1;
        format!(
            "Step {}{}: what question {question} is about. Esc goes back to the question.",
            index + 1,
            self.of_branch()
        )
    }

    /// " of “What if the password is wrong?”" after a step number, on any path but the main one.
    fn of_branch(&self) -> String {
        match self.current().kind {
            PathKind::Main => String::new(),
            PathKind::Variant { .. } | PathKind::Try { .. } => {
                format!(" of “{}”", self.current().label())
            }
        }
    }

    fn submit_try(&mut self) {
        let Some(overrides) = self.tryit.overrides() else {
            self.status = Some("Type a username first.".to_owned());
            return;
        };
        let username = overrides.username.clone().unwrap_or_default();
        self.tryit.editing = false;
        self.detour = None;
        let path = PathRun::new(PathKind::Try { username });
        // One try at a time: a new try replaces the previous one.
        if let Some(i) = self
            .paths
            .iter()
            .position(|p| matches!(p.kind, PathKind::Try { .. }))
        {
            self.paths[i] = path;
            self.path = i;
        } else {
            self.paths.push(path);
            self.path = self.paths.len() - 1;
        }
        let id = self.next_job_id();
        self.paths[self.path].job = Some(id);
        self.jobs.push(Job {
            id,
            scenario: Arc::clone(&self.scenario),
            seed: self.seed,
            kind: JobKind::Try(overrides),
        });
        self.follow_last = true;
        self.cursor = 0;
        self.status = Some("Running your try against the lesson's pool…".to_owned());
    }

    fn next_job_id(&mut self) -> u64 {
        let id = self.next_job;
        self.next_job += 1;
        id
    }

    /// Queues the computation of path `index` unless it is computed or under way.
    fn request(&mut self, index: usize) {
        let Some(path) = self.paths.get(index) else {
            return;
        };
        if path.job.is_some() {
            return;
        }
        let kind = match &path.kind {
            PathKind::Main => JobKind::Path(None),
            PathKind::Variant { id, .. } => JobKind::Path(Some(id.clone())),
            // A try is queued by `submit_try`, with its inputs.
            PathKind::Try { .. } => return,
        };
        let id = self.next_job_id();
        self.paths[index].job = Some(id);
        self.jobs.push(Job {
            id,
            scenario: Arc::clone(&self.scenario),
            seed: self.seed,
            kind,
        });
    }

    fn worker_event(&mut self, event: WorkerEvent) {
        let Some(index) = self.paths.iter().position(|p| p.job == Some(event.job())) else {
            return; // a job from before a reload
        };
        let finished = matches!(event, WorkerEvent::Finished { .. });
        self.paths[index].accept(event);
        if finished && let PathKind::Try { username } = &self.paths[index].kind {
            let outcome = self.paths[index]
                .finished
                .as_ref()
                .map(|f| f.outcome.clone())
                .unwrap_or_default();
            self.status = Some(format!(
                "Your try as {username}: {outcome}. Step through it with ← →; v returns to the lesson."
            ));
        }
        if index == self.path {
            self.settle_cursor();
            self.check_prediction();
        }
        // Once the shown path is done, compute the other branches in the background so that
        // `v` is instant.
        if finished && index == self.path {
            for i in 0..self.paths.len() {
                self.request(i);
            }
        }
    }

    /// Clamps the cursor once the shown path's length is known, and follows the last step
    /// when End was pressed early.
    fn settle_cursor(&mut self) {
        if let Some(step_index) = self.seek {
            let path = &self.paths[self.path];
            match path.frames.iter().position(|f| f.step_index == step_index) {
                Some(index) => {
                    self.seek = None;
                    self.cursor = index;
                    self.status = Some(self.detour_status(index));
                    return;
                }
                None if path.is_done() => {
                    self.seek = None;
                    self.status = Some("That step is not on this branch after all.".to_owned());
                }
                None => {
                    self.cursor = path.frames.len();
                    return;
                }
            }
        }
        let path = &self.paths[self.path];
        if let Some(total) = path.total() {
            let last = total.saturating_sub(1);
            if self.follow_last {
                self.cursor = last;
                self.follow_last = false;
            } else {
                self.cursor = self.cursor.min(last);
            }
        } else if self.follow_last {
            self.cursor = path.frames.len();
        }
    }

    fn reloaded(&mut self, result: Result<Box<Scenario>, Vec<String>>) {
        match result {
            Ok(scenario) => {
                let shown = self.current().kind.clone();
                self.load_errors.clear();
                self.scenario = Arc::from(scenario);
                self.paths = lesson::paths_of(&self.scenario);
                self.path = self
                    .paths
                    .iter()
                    .position(|p| p.kind.same_branch(&shown))
                    .unwrap_or(0);
                self.quiz = Quiz::new(&self.scenario.file, self.seed);
                self.asking = None;
                self.forward_from = None;
                self.detour = None;
                self.seek = None;
                self.request(self.path);
                self.status = Some("Reloaded the scenario; still on the same step.".to_owned());
            }
            Err(errors) => self.load_errors = errors,
        }
    }

    /// Runs queued jobs on this thread, feeding their results back, until none are left.
    /// For tests, benchmarks and plain mode; the TUI hands jobs to worker threads instead.
    pub fn run_jobs_here(&mut self) {
        while !self.jobs.is_empty() {
            for job in std::mem::take(&mut self.jobs) {
                for event in worker::run_job(&job) {
                    self.update(Message::Worker(event));
                }
            }
        }
    }

    /// Takes the queued jobs (to hand to worker threads).
    pub fn take_jobs(&mut self) -> Vec<Job> {
        std::mem::take(&mut self.jobs)
    }

    /// True once the learner asked to quit.
    #[must_use]
    pub fn should_quit(&self) -> bool {
        self.quit
    }

    /// The mode shown.
    #[must_use]
    pub fn mode(&self) -> Mode {
        self.mode
    }

    /// The scenario.
    #[must_use]
    pub fn scenario(&self) -> &Scenario {
        &self.scenario
    }

    /// The path shown.
    #[must_use]
    pub fn current(&self) -> &PathRun {
        &self.paths[self.path]
    }

    /// Every path: main, variants, the learner's try.
    #[must_use]
    pub fn paths(&self) -> &[PathRun] {
        &self.paths
    }

    /// The requested step, 0-based (it may not be computed yet).
    #[must_use]
    pub fn cursor(&self) -> usize {
        self.cursor
    }

    /// The one-line status message, if any.
    #[must_use]
    pub fn status(&self) -> Option<&str> {
        self.status.as_deref()
    }

    /// True while the help overlay is open.
    #[must_use]
    pub fn help_open(&self) -> bool {
        self.help
    }

    /// The step number being typed, if any.
    #[must_use]
    pub fn pending_jump(&self) -> Option<&PendingJump> {
        self.jump.as_ref()
    }

    /// The step number being typed, when it can name a step of the path shown (so Enter
    /// would go there).
    #[must_use]
    pub fn pending_step(&self) -> Option<usize> {
        let number = self.jump.as_ref()?.digits.parse::<usize>().ok()?;
        let fits = number >= 1 && self.current().total().is_none_or(|t| number <= t);
        fits.then_some(number)
    }

    /// The quiz.
    #[must_use]
    pub fn quiz(&self) -> &Quiz {
        &self.quiz
    }

    /// Where the learner was when a quiz question sent them to the step on screen.
    #[must_use]
    pub fn detour(&self) -> Option<&Detour> {
        self.detour.as_ref().filter(|_| self.mode != Mode::Quiz)
    }

    /// The "try it" form.
    #[must_use]
    pub fn tryit(&self) -> &TryIt {
        &self.tryit
    }

    /// Which token mode 9 shows.
    #[must_use]
    pub fn token_kind(&self) -> TokenKind {
        self.token_kind
    }

    /// Problems in the watched file, shown instead of the lesson until it is fixed.
    #[must_use]
    pub fn load_errors(&self) -> &[String] {
        &self.load_errors
    }

    /// True while the requested step is not computed yet.
    #[must_use]
    pub fn checking(&self) -> bool {
        let path = self.current();
        path.error.is_none() && self.cursor >= path.frames.len()
    }

    /// The index of the frame on screen: the requested one, or the last computed one while
    /// the requested one is being checked.
    #[must_use]
    pub fn shown_index(&self) -> usize {
        let len = self.current().frames.len();
        self.cursor.min(len.saturating_sub(1))
    }

    /// The frame on screen, if any is computed.
    #[must_use]
    pub fn frame(&self) -> Option<&Frame> {
        self.current().frames.get(self.shown_index())
    }

    /// The key context for [`keymap::message_for`].
    #[must_use]
    pub fn key_context(&self) -> KeyContext {
        KeyContext {
            mode: self.mode,
            help: self.help,
            editing: self.mode == Mode::Token && self.tryit.editing,
            // A typed number that names no step takes no keys: Enter keeps its meaning.
            jump: self.pending_step().is_some(),
            predict: self.asking.is_some() && self.mode.shows_step(),
            detour: self.detour.is_some() && self.mode != Mode::Quiz,
            quiz_summary: self.mode == Mode::Quiz && self.quiz.summary,
        }
    }

    /// True when drawing with the monochrome theme.
    #[must_use]
    pub fn monochrome(&self) -> bool {
        self.monochrome
    }

    /// True while the file is watched for changes.
    #[must_use]
    pub fn watching(&self) -> bool {
        self.watching
    }

    /// Counts idle ticks (animates the "checking" spinner).
    #[must_use]
    pub fn tick(&self) -> u64 {
        self.tick
    }

    /// Cryptography timings are shown as "N ms" (for snapshot tests).
    #[must_use]
    pub fn redact_timings(&self) -> bool {
        self.redact_timings
    }

    /// The scroll offsets.
    #[must_use]
    pub fn scroll(&self) -> Scroll {
        self.scroll
    }

    /// The checks of the held `kind` token: the app's own when it made them at or before the
    /// step shown, else the offline verifier run on the token now (once the run, and so its
    /// JWKS, is complete). `None` without such a token, or for the opaque refresh token.
    #[must_use]
    pub fn token_checks(&self, kind: TokenKind) -> Option<TokenChecks> {
        let path = self.current();
        let shown = self.shown_index();
        let made = path.frames.iter().take(shown + 1).rev().find_map(|f| {
            f.verification
                .as_ref()
                .filter(|v| v.token == kind)
                .map(|v| (f.number, v))
        });
        if let Some((step, v)) = made {
            return Some(TokenChecks {
                source: ChecksSource::App { step },
                checks: v.checks.clone(),
            });
        }
        let checks = self
            .frame()?
            .token_checks
            .iter()
            .find(|v| v.token == kind)?
            .checks
            .clone();
        Some(TokenChecks {
            source: ChecksSource::Preview,
            checks,
        })
    }

    /// True while any path's run is queued or computing (the loop then polls the workers often).
    #[must_use]
    pub fn busy(&self) -> bool {
        self.paths.iter().any(|p| p.job.is_some() && !p.is_done())
    }
}

#[cfg(test)]
mod tests;
