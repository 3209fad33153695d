//! The terminal UI's model, in The Elm Architecture: one [`App`], one [`Message`], one
//! [`App::update`]. Pure: no drawing, no files, no terminal. Rendering ([`crate::ui`]) reads an
//! `&App`; the TUI entry ([`crate::tui`]) runs the loop, the workers and the saving.
//!
//! ```text
//!  key ──keymap::message_for──▶ Message ──App::update──▶ nav::transition ──▶ App ──ui──▶ screen
//!                                  ▲                                          │
//!   worker thread (flow::Runner) ──┘ WorkerEvent              jobs, records ◀─┘ (taken by the loop)
//! ```
//!
//! Where the learner is and what has the keys is one state machine, [`nav`]; every key goes
//! through it, and only a key it lets through ([`nav::Effect::Pass`]) does its mode's own thing
//! (a quiz letter, scrolling, typing in the form). The other files hold the rest by
//! responsibility: [`mode`], [`jobs`] (what to compute), [`detour`] (the quiz's "show the
//! step"), [`predict`] (predictions), [`record`] (what to save), [`say`] (the words).
//!
//! Cryptography is slow on purpose (argon2id, RSA), so runs are computed on worker threads
//! ([`worker`]) that stream frames back; the learner can step through what is computed while the
//! rest is still being checked, and stepping past it shows a "Cognito is checking…" state.

pub mod class_view;
mod click;
mod detour;
pub mod export;
pub mod glossary;
mod jobs;
pub mod keymap;
pub mod lesson;
pub mod live;
mod menus;
pub mod mode;
pub mod nav;
pub mod predict;
pub mod quiz;
pub mod record;
mod revoked;
pub(crate) mod say;
pub mod scroll;
pub mod tryit;
pub mod worker;

use std::sync::Arc;

use crate::flow::{Check, Frame};
use crate::quiz::PredictionLog;
use crate::scenario::Scenario;
use crate::scenario::model::TokenKind;
use crate::words::Word;

pub use click::{Click, Clicks};
pub use export::TokenExport;
pub use keymap::{Binding, Command, Context, KeyContext};
pub use lesson::{Finished, PathKind, PathRun};
pub use live::{Live, LiveEvent, LiveRequest};
pub use mode::Mode;
pub use nav::{Ask, Detour, Layer, Nav, Overlay, Place};
pub use quiz::{Feedback, Quiz};
pub use record::Record;
pub use revoked::Revocation;
pub use scroll::{Scroll, Slot};
pub use tryit::{Field, TryIt};
pub use worker::{Job, JobKind, WorkerEvent};

use nav::{BranchFacts, Effect, Event, NameKey, Pick, Refusal, Towards, World};

/// Everything that changes the model: key commands, worker reports, reloads.
#[derive(Debug, Clone, PartialEq)]
pub enum Message {
    /// A key command without data (see [`keymap::BINDINGS`]).
    Do(Command),
    /// A digit 1-9: switch to that mode.
    ModeDigit(u8),
    /// A digit of a step number being typed after `:`.
    JumpDigit(u8),
    /// A quiz choice picked by its letter (0 = A).
    QuizLetter(usize),
    /// A prediction's choice picked by its letter (0 = A).
    PredictLetter(usize),
    /// A character typed into the "try it" form.
    Type(char),
    /// Something a worker computed.
    Worker(WorkerEvent),
    /// `--watch` checked the saved file: the new lesson when it has no error, and every
    /// problem `check` finds in it.
    Reloaded(Reload),
    /// Time passed with nothing else happening (animates the "checking" spinner).
    Tick,
    /// Something to tell the learner that did not come from a key (a progress file moved
    /// aside, saving turned off): shown in the status line.
    Notices(Vec<String>),
    /// What the last drawing found: the largest useful scroll offset of each view it drew
    /// ([`Scroll::UNKNOWN`] for the others), so scrolling stops where the content does.
    Viewport(Scroll),
    /// Something happened on the server of a live session (`cogflow serve`).
    Live(LiveEvent),
    /// A mouse click on something the screen drew ([`Clicks`]).
    Click(Click),
    /// A mouse click at this cell (column, row): what the last drawing put there, if anything.
    Mouse(u16, u16),
    /// Where the last drawing put what can be clicked.
    Clickable(Clicks),
    /// The lesson library with this learner's progress (the `L` list, the lesson to take
    /// next), read on another thread beside the first screen: reading 18 lessons is most of
    /// what a launch would otherwise wait for.
    Library(Vec<crate::library::Lesson>),
}

/// What a save of the watched file came to: everything `cogflow check` says of it.
#[derive(Debug, Clone, PartialEq)]
pub struct Reload {
    /// The new lesson, when the check found no error (warnings allowed).
    pub scenario: Option<Box<Scenario>>,
    /// Every error and warning, each as `file:line:col: severity: message`.
    pub problems: Vec<String>,
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
    /// `step` and `variant` come from saved progress: say so ("Resumed at step 4 — g goes
    /// to step 1 · R starts the lesson over").
    pub resumed: bool,
    /// A first launch of this lesson (nothing saved): greet with the two keys to know.
    pub welcome: bool,
    /// No learner name is known (no --learner, COGFLOW_LEARNER or learner.json) and answers
    /// are saved: the first visit to the quiz asks for one.
    pub ask_name: bool,
    /// Predictions this learner already made (from saved progress): not asked again.
    pub predictions: PredictionLog,
    /// Quiz answers this learner already gave (from saved progress): the quiz stands where
    /// it was left.
    pub answers: Vec<crate::quiz::Answered>,
    /// Messages to show at start (from opening the progress store).
    pub notices: Vec<String>,
    /// The lesson library in learning order, with this learner's progress (the `L` list);
    /// empty where no other lesson can be opened (a live session).
    pub library: Vec<crate::library::Lesson>,
}

impl Options {
    /// What snapshot tests draw with: seed 1, timings shown as "N ms" (a measured time
    /// differs on every run), starting in `mode`. Add other fields with `..` on top.
    pub fn for_snapshots(mode: Mode) -> Self {
        Self {
            seed: 1,
            redact_timings: true,
            mode,
            ..Self::default()
        }
    }
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
    /// Cognito revoked the token (the checks cannot see that).
    pub revoked: Option<Revocation>,
}

/// The model of the terminal UI.
#[derive(Debug)]
pub struct App {
    pub(crate) scenario: Arc<Scenario>,
    pub(crate) seed: u64,
    /// Main path first, then each variant in file order, then the learner's try.
    pub(crate) paths: Vec<PathRun>,
    /// Where the learner is and what has the keys.
    pub(crate) nav: Nav,
    pub(crate) scroll: Scroll,
    /// The largest useful offset of each view, as last drawn ([`Message::Viewport`]).
    pub(crate) scroll_max: Scroll,
    pub(crate) quiz: Quiz,
    pub(crate) token_kind: TokenKind,
    pub(crate) tryit: TryIt,
    /// The pool the learner's tries share (a new one when the lesson is reloaded).
    pub(crate) try_pool: worker::TryPool,
    pub(crate) status: Option<String>,
    /// (branch, 1-based step) when the status says that step is still being checked: once
    /// its frame arrives the sentence is false, and goes ([`App::worker_event`]).
    pub(crate) status_awaits: Option<(usize, usize)>,
    /// The quiz asks the learner's name on its next visit ([`Options::ask_name`]; false once
    /// given or skipped).
    pub(crate) ask_name: bool,
    /// The problems the last save of the watched file had, and whether the lesson on screen
    /// is the last good one (the file is broken now).
    pub(crate) watch_problems: Vec<String>,
    pub(crate) watch_stale: bool,
    pub(crate) quit: bool,
    pub(crate) jobs: Vec<Job>,
    pub(crate) next_job: u64,
    pub(crate) redact_timings: bool,
    pub(crate) watching: bool,
    pub(crate) monochrome: bool,
    pub(crate) tick: u64,
    /// Predictions made (this sitting and, from saved progress, before).
    pub(crate) predictions: PredictionLog,
    /// What to save, in order (taken by [`App::take_records`]).
    pub(crate) records: Vec<Record>,
    /// Tokens the learner asked to copy, for the TUI entry to write ([`App::take_exports`]).
    pub(crate) exports: Vec<TokenExport>,
    /// The position last queued for saving: (1-based step, variant).
    pub(crate) saved_position: Option<(usize, Option<String>)>,
    /// A live session's state (`cogflow serve`); `None` in a lesson.
    pub(crate) live: Option<Live>,
    /// The lesson library (the `L` list).
    pub(crate) library: Vec<crate::library::Lesson>,
    /// The lesson picked in the `L` list, to open in place of this one (taken by the TUI).
    pub(crate) opening: Option<String>,
    /// Where the last drawing put what can be clicked.
    pub(crate) clicks: Clicks,
}

impl App {
    /// A new app on `scenario`. Nothing is computed yet: the job for the first path waits in
    /// [`App::take_jobs`] for a worker (or [`App::run_jobs_here`]).
    #[must_use]
    pub fn new(scenario: Scenario, options: &Options) -> App {
        let scenario = Arc::new(scenario);
        let mut quiz = Quiz::new(&scenario.file, options.seed);
        if let Some(session) = &mut quiz.session {
            session.replay(&options.answers);
        }
        let paths = lesson::paths_of(&scenario);
        let mut status = None;
        let branch = match &options.variant {
            Some(variant) => paths
                .iter()
                .position(|p| p.variant_id() == Some(variant))
                .unwrap_or_else(|| {
                    status = Some(format!(
                        "There is no variant `{variant}`; showing the main path."
                    ));
                    0
                }),
            None => 0,
        };
        let step = options.step.unwrap_or(1).saturating_sub(1);
        let mut app = App {
            paths,
            scenario,
            seed: options.seed,
            nav: Nav::new(branch, Place::At(step), options.mode),
            scroll: Scroll::default(),
            scroll_max: Scroll::UNKNOWN,
            quiz,
            token_kind: TokenKind::Id,
            tryit: TryIt::default(),
            try_pool: worker::TryPool::default(),
            status,
            status_awaits: None,
            ask_name: options.ask_name,
            watch_problems: Vec::new(),
            watch_stale: false,
            quit: false,
            jobs: Vec::new(),
            next_job: 1,
            redact_timings: options.redact_timings,
            watching: options.watching,
            monochrome: options.monochrome,
            tick: 0,
            predictions: options.predictions.clone(),
            records: Vec::new(),
            exports: Vec::new(),
            saved_position: None,
            live: None,
            library: options.library.clone(),
            opening: None,
            clicks: Clicks::default(),
        };
        if options.welcome && !options.resumed {
            app.status = Some(app.scenario.words().get(Word::Welcome).to_owned());
        }
        if options.resumed {
            let words = app.scenario.words();
            let n = (step + 1).to_string();
            app.status =
                Some(words.fill(Word::Resumed, &[("n", &n), ("branch", &app.of_branch())]));
        }
        if !options.notices.is_empty() {
            let notices = options.notices.join(" · ");
            app.status = Some(match app.status.take() {
                Some(status) => format!("{notices} · {status}"),
                None => notices,
            });
        }
        app.saved_position = app.position();
        app.request(branch);
        app
    }

    /// Applies one message. Side effects (runs to compute, things to save) are queued for
    /// [`App::take_jobs`] and [`App::take_records`].
    pub fn update(&mut self, message: Message) {
        let is_key = !matches!(
            message,
            Message::Worker(_)
                | Message::Tick
                | Message::Reloaded(_)
                | Message::Notices(_)
                | Message::Viewport(_)
                | Message::Live(_)
                | Message::Clickable(_)
                | Message::Library(_)
        );
        if is_key {
            self.status = None;
        }
        let before = (self.nav.branch(), self.cursor());
        match message {
            Message::Do(command) => self.command(command),
            Message::ModeDigit(n) => {
                // A mode's view is asked for: a lab's panel makes way for it.
                self.hide_lab();
                if let Some(mode) = Mode::from_number(n) {
                    self.navigate(Event::Mode(mode));
                }
            }
            Message::JumpDigit(n) => {
                self.navigate(Event::JumpDigit(n));
            }
            Message::QuizLetter(i) => {
                if self.navigate(Event::Other) {
                    self.quiz.select(i);
                }
            }
            Message::PredictLetter(i) => {
                self.navigate(Event::Choose(Pick::Letter(i)));
            }
            Message::Type(c) if self.name_typed().is_some() => {
                self.navigate(Event::Name(NameKey::Char(c)));
            }
            Message::Type(c) => {
                if self.navigate(Event::Other) && self.form_open() && !self.tryit.type_char(c) {
                    self.status = Some(format!(
                        "The form takes at most {} characters (Cognito's own limits are 128 for a username, 256 for a password).",
                        tryit::MAX_LEN
                    ));
                }
            }
            Message::Worker(event) => self.worker_event(event),
            Message::Reloaded(result) => self.reloaded(result),
            Message::Tick => self.tick = self.tick.wrapping_add(1),
            Message::Notices(notices) => self.status = Some(notices.join(" · ")),
            Message::Viewport(limits) => {
                self.scroll_max.take_drawn(limits);
                self.scroll.clamp_to(self.scroll_max);
            }
            Message::Live(event) => self.live_event(event),
            Message::Click(click) => self.click(click),
            Message::Mouse(column, row) => {
                if let Some(click) = self.clicks.at(column, row) {
                    self.click(click);
                }
            }
            Message::Clickable(clicks) => self.clicks = clicks,
            Message::Library(lessons) => self.library = lessons,
        }
        if (self.nav.branch(), self.cursor()) != before {
            // A new step starts at the top of its explanation and its request, and the table
            // follows it again.
            self.scroll.step = 0;
            self.scroll.table = 0;
            self.scroll.rows = 0;
        }
        self.note_position();
    }

    /// What the navigation machine reads: what is computed of each branch and which of its
    /// steps ask a prediction not yet made.
    fn world(&self) -> World {
        let steps = &self.scenario.file.steps;
        let branches = self
            .paths
            .iter()
            .map(|path| {
                let live = matches!(path.kind, PathKind::Live { .. });
                let asks = !live && !matches!(path.kind, PathKind::Try { .. });
                let (variant, total) = (path.variant_id(), path.total());
                let facts =
                    BranchFacts::of(&path.frames, steps, &self.predictions, variant, asks, total);
                if live { facts.live() } else { facts }
            })
            .collect();
        World {
            branches,
            file_steps: steps.len().max(1),
            ask_name: self.ask_name,
        }
    }

    /// Sends `event` through the navigation machine and carries out its effects. Returns true
    /// when the machine lets the key do its own thing ([`Effect::Pass`]).
    pub(crate) fn navigate(&mut self, event: Event) -> bool {
        let moved = match nav::transition(&self.nav, event, &self.world()) {
            Ok(moved) => moved,
            Err(refusal) => {
                if let Some(words) = self.say_refusal(&refusal) {
                    self.status = Some(words);
                }
                if let Refusal::StillChecking { step } = refusal {
                    self.status_awaits = Some((self.nav.branch(), step));
                }
                return false;
            }
        };
        self.nav = moved.nav;
        let mut pass = false;
        for effect in moved.effects {
            match effect {
                Effect::Request(branch) => self.request(branch),
                Effect::QuizGoTo(question) => self.quiz.go_to(question),
                Effect::Predicted { index, choice } => self.grade_prediction(index, choice),
                Effect::SkippedPrediction { index } => self.skip_prediction(index),
                Effect::OpenLesson(index) => self.open_lesson(index),
                Effect::Named(name) => {
                    let words = self.scenario.words();
                    self.status = Some(words.fill(Word::NameThanks, &[("name", &name)]));
                    self.records.push(Record::Learner(name));
                    self.ask_name = false;
                }
                Effect::NameSkipped => {
                    self.status = Some(self.scenario.words().get(Word::NameSkipped).to_owned());
                    self.ask_name = false;
                }
                Effect::StartOver => self.start_over(),
                Effect::Say(notice) => self.status = Some(self.say_notice(&notice)),
                Effect::Pass => pass = true,
                Effect::Quit => self.quit = true,
            }
        }
        pass
    }

    /// A key command: a move goes to the navigation machine; the others run when it lets
    /// them through.
    fn command(&mut self, command: Command) {
        let event = match command {
            Command::Next => Event::Next,
            Command::Back => Event::Back,
            Command::First => Event::First,
            Command::Last => Event::Last,
            Command::NextVariant => Event::Branch(Towards::Next),
            Command::PrevVariant => Event::Branch(Towards::Prev),
            Command::Help => Event::Help,
            Command::Quit => Event::Quit,
            Command::NextMode => {
                self.hide_lab();
                Event::Mode(self.mode().next())
            }
            Command::PrevMode => {
                self.hide_lab();
                Event::Mode(self.mode().prev())
            }
            Command::JumpStart => Event::JumpStart,
            Command::JumpConfirm => Event::JumpGo,
            Command::JumpBackspace => Event::JumpBackspace,
            Command::Escape
            | Command::CloseHelp
            | Command::JumpCancel
            | Command::PredictCancel
            | Command::FormClose
            | Command::NameSkip
            | Command::ConfirmNo => Event::BackOut,
            Command::StartOver => Event::StartOver,
            Command::ConfirmYes => Event::Confirm,
            Command::NameKeep => Event::Name(NameKey::Enter),
            Command::NameBackspace => Event::Name(NameKey::Backspace),
            Command::BackToQuiz => Event::BackToQuiz,
            Command::PredictUp => Event::Choose(Pick::Up),
            Command::PredictDown => Event::Choose(Pick::Down),
            Command::PredictAnswer => Event::Predict,
            Command::PredictSkip => Event::SkipPrediction,
            // No lesson pool to try against in a live session: the learner's client is the try.
            Command::TryOpen if self.live.is_some() => {
                self.status = Some(self.scenario.words().get(Word::TryLiveRefused).to_owned());
                return;
            }
            Command::TryOpen => Event::OpenForm,
            Command::OpenBranches => Event::OpenList(nav::List::Branches),
            Command::OpenLessons => Event::OpenList(self.lesson_list()),
            Command::ListUp => Event::Choose(Pick::Up),
            Command::ListDown => Event::Choose(Pick::Down),
            Command::ListTake => Event::Take,
            Command::ListClose => Event::BackOut,
            Command::CompareOpen => Event::Compare,
            // These look things up first, then send their own event.
            Command::QuizShowStep => return self.show_quiz_step(),
            Command::FormSubmit => return self.submit_try(),
            // A live session's own: they ask the server, they move nothing.
            Command::Resume => return self.resume_held(),
            Command::ClockMinute => return self.advance_clock(live::CLOCK_STEPS[0].0),
            Command::ClockHour => return self.advance_clock(live::CLOCK_STEPS[1].0),
            Command::LabToggle => return self.toggle_lab(),
            Command::LabLanguage => return self.next_lab_language(),
            Command::LabCopy => return self.copy_lab_sample(false),
            Command::LabClip => return self.copy_lab_sample(true),
            Command::ScrollUp
            | Command::ScrollDown
            | Command::PageUp
            | Command::PageDown
            | Command::PanelUp
            | Command::PanelDown
            | Command::QuizUp
            | Command::QuizDown
            | Command::QuizAnswer
            | Command::QuizReveal
            | Command::QuizHint
            | Command::QuizRetryMissed
            | Command::QuizRetryAll
            | Command::QuizNextQuestion
            | Command::QuizPrevQuestion
            | Command::QuizFirstQuestion
            | Command::QuizLastQuestion
            | Command::TokenSwitch
            | Command::CopyToken
            | Command::ClipToken
            | Command::FormBackspace
            | Command::FormNextField
            | Command::FormPrevField
            | Command::FormReveal
            // Placeholders in the key table (their messages carry data); never sent as `Do`.
            | Command::ModeDigit
            | Command::JumpDigit
            | Command::QuizLetter
            | Command::PredictLetter
            | Command::FormType
            | Command::NameType => Event::Other,
        };
        let was_form = self.form_open();
        if self.navigate(event) {
            self.own_command(command);
        }
        if !was_form && self.form_open() {
            let main = self.paths.iter().find(|p| p.kind == PathKind::Main);
            let frames = main.map_or(&[][..], PathRun::laid_out);
            self.tryit.open_on(&self.scenario.file, frames);
        }
        if command == Command::Help && self.help_open() {
            self.scroll.help = 0;
        }
    }

    /// What a key the navigation machine let through does in its mode.
    fn own_command(&mut self, command: Command) {
        match command {
            Command::ScrollUp => self.scroll_by(-1, false),
            Command::ScrollDown => self.scroll_by(1, false),
            Command::PageUp => self.scroll_by(-10, false),
            Command::PageDown => self.scroll_by(10, false),
            Command::PanelUp => self.scroll_by(-1, true),
            Command::PanelDown => self.scroll_by(1, true),
            Command::CopyToken => self.export_token(false),
            Command::ClipToken => self.export_token(true),
            Command::TokenSwitch => {
                self.token_kind = match self.token_kind {
                    TokenKind::Id => TokenKind::Access,
                    TokenKind::Access | TokenKind::Refresh => TokenKind::Id,
                };
                self.scroll.token = 0;
            }
            Command::FormBackspace if self.form_open() => self.tryit.backspace(),
            Command::FormNextField if self.form_open() => self.tryit.next_field(),
            Command::FormPrevField if self.form_open() => self.tryit.previous_field(),
            Command::FormReveal if self.form_open() => self.tryit.reveal = !self.tryit.reveal,
            command => self.quiz_command(command),
        }
    }

    /// The quiz's own keys: answers and reveals are queued for saving.
    fn quiz_command(&mut self, command: Command) {
        if self.mode() != Mode::Quiz {
            return;
        }
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
                self.status = self.quiz.hint(&self.scenario.words());
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
            Command::QuizFirstQuestion => {
                self.quiz.go_end(false);
                None
            }
            Command::QuizLastQuestion => {
                self.quiz.go_end(true);
                None
            }
            _ => None,
        };
        if let Some(attempt) = attempt {
            self.records.push(Record::Attempt(attempt));
        }
    }

    /// Enter in the form: runs the typed inputs as the learner's own branch.
    fn submit_try(&mut self) {
        if !self.form_open() {
            return;
        }
        let Some(overrides) = self.tryit.overrides() else {
            self.status = Some("Type a username first.".to_owned());
            return;
        };
        let branch = self.start_try(overrides);
        self.navigate(Event::TryStarted { branch });
        self.status = Some("Running your try against the lesson's pool…".to_owned());
    }

    /// Scrolls the view the key belongs to: help when it is open, else the mode's (in mode 3,
    /// ↑↓ PgUp PgDn move the table's rows and `[` `]` the request and response).
    fn scroll_by(&mut self, delta: i32, panel: bool) {
        let slot = match self.mode() {
            _ if self.help_open() => Slot::Help,
            _ if self.lab().is_some_and(|lab| lab.shown) => Slot::Lab,
            Mode::Table if panel => Slot::Table,
            Mode::Table => Slot::Rows,
            Mode::Tracker => Slot::Tracker,
            Mode::Moments => Slot::Moments,
            Mode::Transcript => Slot::Transcript,
            Mode::Token => Slot::Token,
            Mode::Flow => Slot::Flow,
            Mode::Snapshot => Slot::Snapshot,
            Mode::StepThrough => Slot::Step,
            Mode::Quiz => return,
        };
        // The table's rows count up from the bottom (0 follows the current step), so ↑ adds.
        let delta = if slot == Slot::Rows { -delta } else { delta };
        let max = i32::from(self.scroll_max.get(slot));
        let next = (i32::from(self.scroll.get(slot)) + delta).clamp(0, max);
        *self.scroll.get_mut(slot) = u16::try_from(next).unwrap_or(0);
    }

    /// A save of the watched file: a lesson without errors replaces the one shown, on the same
    /// branch and step; a broken one leaves the last good lesson on screen. Either way its
    /// problems are listed.
    fn reloaded(&mut self, reload: Reload) {
        self.watch_problems = reload.problems;
        self.watch_stale = reload.scenario.is_none();
        // A save that changed nothing the lesson means (or the first check) moves nothing.
        let Some(scenario) = reload.scenario.filter(|s| **s != *self.scenario) else {
            return;
        };
        let shown = self.current().kind.clone();
        let step = self.shown_index();
        self.scenario = Arc::from(scenario);
        self.paths = lesson::paths_of(&self.scenario);
        let branch = self
            .paths
            .iter()
            .position(|p| p.kind.same_branch(&shown))
            .unwrap_or(0);
        self.quiz = Quiz::new(&self.scenario.file, self.seed);
        self.try_pool = worker::TryPool::default();
        self.navigate(Event::Reloaded { branch, step });
        self.status = Some("Reloaded the scenario; still on the same step.".to_owned());
    }

    /// True once the learner asked to quit.
    #[must_use]
    pub fn should_quit(&self) -> bool {
        self.quit
    }

    /// The navigation state: cursor and overlay.
    #[must_use]
    pub fn nav(&self) -> &Nav {
        &self.nav
    }

    /// The mode shown.
    #[must_use]
    pub fn mode(&self) -> Mode {
        self.nav.mode()
    }

    /// The scenario.
    #[must_use]
    pub fn scenario(&self) -> &Scenario {
        &self.scenario
    }

    /// The path shown.
    #[must_use]
    pub fn current(&self) -> &PathRun {
        &self.paths[self.nav.branch()]
    }

    /// Every path: main, variants, the learner's try.
    #[must_use]
    pub fn paths(&self) -> &[PathRun] {
        &self.paths
    }

    /// The index of the path shown, in [`App::paths`].
    #[must_use]
    pub fn path_index(&self) -> usize {
        self.nav.branch()
    }

    /// The requested step, 0-based (it may not be computed yet).
    #[must_use]
    pub fn cursor(&self) -> usize {
        let computed = self.current().frames.len();
        match self.nav.cursor().place {
            Place::At(i) => i,
            Place::Next { from } => from + 1,
            // Following a live session: its newest call (as nav::Nav::requested).
            Place::Last { .. } if self.live.is_some() => computed.saturating_sub(1),
            Place::Last { .. } | Place::Seek(_) => computed,
        }
    }

    /// The one-line status message, if any.
    #[must_use]
    pub fn status(&self) -> Option<&str> {
        self.status.as_deref()
    }

    /// True while the help overlay is open.
    #[must_use]
    pub fn help_open(&self) -> bool {
        self.nav.overlay().layer() == Layer::Help
    }

    /// True while the "try it" form has the keyboard.
    #[must_use]
    pub fn form_open(&self) -> bool {
        self.nav.overlay().layer() == Layer::Form
    }

    /// The step number being typed after `:`, if any.
    #[must_use]
    pub fn pending_jump(&self) -> Option<&str> {
        match self.nav.overlay() {
            Overlay::Jump { digits, .. } => Some(digits),
            Overlay::None
            | Overlay::Prediction(_)
            | Overlay::Detour(_)
            | Overlay::Help { .. }
            | Overlay::Form { .. }
            | Overlay::Pick(_)
            | Overlay::Compare(_)
            | Overlay::Name { .. }
            | Overlay::Confirm { .. } => None,
        }
    }

    /// The question a confirmation asks, while one is open.
    #[must_use]
    pub fn confirming(&self) -> Option<nav::Confirm> {
        match self.nav.overlay() {
            Overlay::Confirm { what, .. } => Some(*what),
            _ => None,
        }
    }

    /// `R`, confirmed: the lesson as on a first launch (the machine put the cursor on step 1
    /// of the main path): no predictions, no quiz answers, and its saved progress forgotten
    /// ([`Record::StartOver`]). Step 1 is not saved as a position, so the next launch greets
    /// the learner as new.
    fn start_over(&mut self) {
        self.records.push(Record::StartOver);
        self.predictions = PredictionLog::new();
        self.quiz = Quiz::new(&self.scenario.file, self.seed);
        self.scroll = Scroll::default();
        self.saved_position = Some((1, None));
        self.status = Some(self.scenario.words().get(Word::StartedOver).to_owned());
    }

    /// True until the learner gave their name or skipped the question ([`Options::ask_name`]).
    #[must_use]
    pub fn asks_name(&self) -> bool {
        self.ask_name
    }

    /// The learner's name as typed so far, while the quiz asks for it.
    #[must_use]
    pub fn name_typed(&self) -> Option<&str> {
        match self.nav.overlay() {
            Overlay::Name { text, .. } => Some(text),
            _ => None,
        }
    }

    /// The quiz.
    #[must_use]
    pub fn quiz(&self) -> &Quiz {
        &self.quiz
    }

    /// Where the learner was when a quiz question sent them to the step on screen.
    #[must_use]
    pub fn detour(&self) -> Option<Detour> {
        match self.nav.overlay().base() {
            nav::Base::Detour(detour) => Some(detour),
            nav::Base::Lesson | nav::Base::Prediction(_) => None,
        }
    }

    /// The prediction waiting for an answer, if any.
    #[must_use]
    pub fn asking(&self) -> Option<Ask> {
        self.nav.overlay().base().prediction()
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

    /// What `check` says of the watched file's last save (errors and warnings), shown above
    /// the lesson.
    #[must_use]
    pub fn watch_problems(&self) -> &[String] {
        &self.watch_problems
    }

    /// True when the watched file is broken, so the lesson shown is the last good one.
    #[must_use]
    pub fn watch_stale(&self) -> bool {
        self.watch_stale
    }

    /// True while the requested step is not computed yet.
    #[must_use]
    pub fn checking(&self) -> bool {
        let path = self.current();
        // A live session waits for calls, not for a computation.
        self.live.is_none() && path.error.is_none() && self.cursor() >= path.frames.len()
    }

    /// The index of the frame on screen: the requested one, or the last computed one while
    /// the requested one is being checked.
    #[must_use]
    pub fn shown_index(&self) -> usize {
        let len = self.current().frames.len();
        self.cursor().min(len.saturating_sub(1))
    }

    /// The frame on screen, if any is computed.
    #[must_use]
    pub fn frame(&self) -> Option<&Frame> {
        self.current().frames.get(self.shown_index())
    }

    /// The key context for [`keymap::message_for`].
    #[must_use]
    pub fn key_context(&self) -> KeyContext {
        let overlay = self.nav.overlay();
        KeyContext {
            mode: self.mode(),
            layer: overlay.layer(),
            base: Overlay::from(overlay.base()).layer(),
            quiz_summary: self.mode() == Mode::Quiz && self.quiz.summary,
            quiz_answered: self
                .quiz
                .session
                .as_ref()
                .is_some_and(|s| s.current_state().is_finished()),
            quiz_empty: self.quiz.session.is_none(),
            live: self.live.is_some(),
            holding: self.holding_here(),
            lab: self.lab().map(|lab| lab.shown),
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
        let so_far = &path.frames[..(shown + 1).min(path.frames.len())];
        let revoked = revoked::revocation(so_far, kind);
        let made = so_far.iter().rev().find_map(|f| {
            f.verification
                .as_ref()
                .filter(|v| v.token == kind)
                .map(|v| (f.number, v))
        });
        if let Some((step, v)) = made {
            return Some(TokenChecks {
                source: ChecksSource::App { step },
                checks: v.checks.clone(),
                revoked,
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
            revoked,
        })
    }
}

#[cfg(test)]
mod tests;
