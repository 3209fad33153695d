//! Navigation: where the learner is and what has the keys, changed only by [`transition`].
//!
//! A [`Nav`] is a [`Cursor`] (branch, place on it, mode) and one [`Overlay`]. The machine is
//! pure: it reads a [`World`] (what is computed of each branch, which steps ask a prediction)
//! and returns the next `Nav` with the [`Effect`]s the app carries out, or a [`Refusal`] that
//! says why the move cannot be made (the state is then unchanged).
//!
//! ```text
//!                       ┌────────── Esc, Enter, other keys: back to the base ───────────┐
//!                       │                                                               │
//!   Help { under } ◀─?──┤        Jump { digits, under } ◀── : ──┐                       │
//!   Form { under } ◀─e──┤ (mode 9)                              │                       │
//!                       │                                       │                       │
//!             ┌─────────┴───────── the bases (what a modal layer opens over) ───────────┴─┐
//!             │                                                                           │
//!             │   None ──→ onto a step that asks──▶ Prediction(ask)                       │
//!             │    ▲  ◀──Enter (graded) / s → (skipped) / Esc ← (not now)──┘              │
//!             │    │                                                                      │
//!             │    ├──s in the quiz (the step a question is about)──▶ Detour(way back)    │
//!             │    └──Esc, Backspace, 6: back on the question ◀─────────┘                 │
//!             └───────────────────────────────────────────────────────────────────────────┘
//!
//!   Pick { list, selected, under } ◀─b (branches) / L (lessons)── a base; ↑↓ choose, Enter takes
//!     (another branch at the same step / another lesson), Esc back to the base.
//!   Compare { other, row, under } ◀─c── Pick(branches): the cursor's branch beside `other`;
//!     ↑↓ ←→ move the row, Enter shows that step on `other`, Esc back to the list.
//!   Name { text, under } ◀─6 (the quiz, while World.ask_name)── None / Prediction: typing
//!     edits it, Enter keeps a clean name (Named), Esc goes on without (NameSkipped).
//!   Confirm { what, under } ◀─R── a base: y does it (StartOver: step 1 of the main path,
//!     mode 1, nothing answered), Esc or n back to the base.
//!
//!   Esc on None: refused ("q quits").        q, Ctrl-C: quit from every state (q types in a form).
//!   Digits 1-9: modes, never a step.         `:` 1 2 Enter: step 12; a number with no step is refused.
//!   →, ←, Home, End, v, V move the cursor; a move drops a prediction being asked (→ asks again).
//! ```
//!
//! The cursor's [`Place`] may name a step not computed yet (the run streams in: argon2id and
//! RSA are slow on purpose); [`Event::Arrived`] settles it once the frames are there, asking
//! the prediction of a step reached with →, landing on the last step after End, or on the
//! step a quiz question is about.

use super::Mode;
use crate::flow::Frame;
use crate::progress::learner::{BadName, MAX_NAME_CHARS, clean_name};
use crate::quiz::{PredictionLog, prediction_for};
use crate::scenario::model::StepSpec;

/// Where on its branch the cursor is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Place {
    /// Frame `i` (0-based) of the branch. Past what is computed the screen says "checking".
    At(usize),
    /// The step after frame `from`, reached with →: asked first if it has a prediction, once
    /// it is computed.
    Next {
        /// The frame → was pressed on.
        from: usize,
    },
    /// The branch's last step, once it is known (End before the run finished).
    Last {
        /// The frame End was pressed on (to say which predictions were passed over).
        from: usize,
    },
    /// The frame of the file's step `step_index` ("show the step this question is about" on a
    /// branch not computed yet).
    Seek(usize),
}

/// Where the learner is: a branch, a place on it, and the mode it is shown in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Cursor {
    /// The branch (index into the app's paths: main, variants, the learner's try).
    pub branch: usize,
    /// The step.
    pub place: Place,
    /// The mode.
    pub mode: Mode,
}

/// A prediction being asked before frame `index` of the cursor's branch; the cursor stays on
/// the frame before, so nothing on screen gives the answer away.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Ask {
    /// The frame it is asked before.
    pub index: usize,
    /// The highlighted choice.
    pub selected: usize,
}

/// Where the learner was when a quiz question sent them to its step; going back returns there.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Detour {
    /// The branch shown before.
    pub branch: usize,
    /// The frame shown before.
    pub step: usize,
    /// The question (index in the quiz) that sent them.
    pub question: usize,
}

/// What a modal layer (help, the form, a step number) opens over, and returns to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Base {
    /// The lesson itself.
    Lesson,
    /// A prediction waiting for an answer.
    Prediction(Ask),
    /// A step the quiz showed.
    Detour(Detour),
}

/// What has the keys besides the mode.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Overlay {
    /// Nothing: the lesson in its mode.
    None,
    /// A prediction asked before a step.
    Prediction(Ask),
    /// On a step the quiz sent the learner to.
    Detour(Detour),
    /// A step number being typed after `:`.
    Jump {
        /// The digits so far (at most four).
        digits: String,
        /// What Esc returns to.
        under: Base,
    },
    /// The `?` overlay.
    Help {
        /// What closing it returns to.
        under: Base,
    },
    /// Mode 9's "try it" form has the keyboard.
    Form {
        /// What leaving it returns to.
        under: Base,
    },
    /// A list to pick from: the branches (`b`) or the lessons (`L`).
    Pick(Picking),
    /// Two branches side by side: the cursor's and another.
    Compare(Comparing),
    /// A question before something that forgets what the learner did: `y` does it.
    Confirm {
        /// What `y` does.
        what: Confirm,
        /// What Esc returns to.
        under: Base,
    },
    /// The learner's name being typed (asked on the first visit to the quiz).
    Name {
        /// Typed so far.
        text: String,
        /// What Enter or Esc returns to.
        under: Base,
    },
}

/// What [`Overlay::Confirm`] asks before doing.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Confirm {
    /// Start the lesson over: its saved step, predictions and quiz answers are forgotten.
    StartOver,
}

/// Which list [`Overlay::Pick`] shows.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum List {
    /// The lesson's branches (the world's).
    Branches,
    /// The lesson library, in learning order.
    Lessons {
        /// Its entries.
        count: usize,
        /// The entry of the lesson on screen, when it is one of them.
        current: Option<usize>,
    },
}

/// An open list.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Picking {
    /// Which list.
    pub list: List,
    /// The highlighted entry.
    pub selected: usize,
    /// What closing it returns to.
    pub under: Base,
}

/// Two branches side by side, from the branch list.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Comparing {
    /// The branch beside the cursor's.
    pub other: usize,
    /// The highlighted step row (0-based).
    pub row: usize,
    /// What the branch list opened over.
    pub under: Base,
}

impl Base {
    /// The prediction, when the base is one.
    #[must_use]
    pub fn prediction(self) -> Option<Ask> {
        match self {
            Base::Prediction(ask) => Some(ask),
            Base::Lesson | Base::Detour(_) => None,
        }
    }
}

impl From<Base> for Overlay {
    fn from(base: Base) -> Overlay {
        match base {
            Base::Lesson => Overlay::None,
            Base::Prediction(ask) => Overlay::Prediction(ask),
            Base::Detour(detour) => Overlay::Detour(detour),
        }
    }
}

impl Overlay {
    /// The base: itself for a base, what it opened over for a modal layer.
    #[must_use]
    pub fn base(&self) -> Base {
        match self {
            Overlay::None => Base::Lesson,
            Overlay::Prediction(ask) => Base::Prediction(*ask),
            Overlay::Detour(detour) => Base::Detour(*detour),
            Overlay::Pick(Picking { under, .. }) | Overlay::Compare(Comparing { under, .. }) => {
                *under
            }
            Overlay::Jump { under, .. }
            | Overlay::Help { under }
            | Overlay::Form { under }
            | Overlay::Confirm { under, .. }
            | Overlay::Name { under, .. } => *under,
        }
    }

    /// Its kind, for the key table.
    #[must_use]
    pub fn layer(&self) -> Layer {
        match self {
            Overlay::None => Layer::Lesson,
            Overlay::Prediction(_) => Layer::Prediction,
            Overlay::Detour(_) => Layer::Detour,
            Overlay::Jump { .. } => Layer::Jump,
            Overlay::Help { .. } => Layer::Help,
            Overlay::Form { .. } => Layer::Form,
            Overlay::Pick(Picking {
                list: List::Branches,
                ..
            }) => Layer::Branches,
            Overlay::Pick(Picking {
                list: List::Lessons { .. },
                ..
            }) => Layer::Lessons,
            Overlay::Compare(_) => Layer::Compare,
            Overlay::Name { .. } => Layer::Name,
            Overlay::Confirm { .. } => Layer::Confirm,
        }
    }
}

/// An overlay's kind, without its data (what the key table needs).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Layer {
    /// [`Overlay::None`].
    Lesson,
    /// [`Overlay::Prediction`].
    Prediction,
    /// [`Overlay::Detour`].
    Detour,
    /// [`Overlay::Jump`].
    Jump,
    /// [`Overlay::Help`].
    Help,
    /// [`Overlay::Form`].
    Form,
    /// [`Overlay::Pick`] of the branches.
    Branches,
    /// [`Overlay::Pick`] of the lessons.
    Lessons,
    /// [`Overlay::Compare`].
    Compare,
    /// [`Overlay::Name`].
    Name,
    /// [`Overlay::Confirm`].
    Confirm,
}

/// Which way `v`/`V` go through the branches.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Towards {
    /// The next branch (`v`), wrapping.
    Next,
    /// The previous branch (`V`), wrapping.
    Prev,
}

/// A key in the name question.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum NameKey {
    /// A typed character.
    Char(char),
    /// Backspace.
    Backspace,
    /// Enter: keep the name.
    Enter,
}

/// The most characters the name editor takes: a little over what a name may have, so a name
/// one too long is refused saying so rather than cut where the typing stopped.
const NAME_TYPED_MAX: usize = MAX_NAME_CHARS + 8;

/// How a prediction's choice is picked.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Pick {
    /// The choice above (↑), wrapping.
    Up,
    /// The choice below (↓), wrapping.
    Down,
    /// By its letter (0 = A), or a list's row by its place (a click).
    Letter(usize),
}

/// Where the step a quiz question is about was found.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Found {
    /// Computed: frame `index` of `branch`.
    At {
        /// The branch.
        branch: usize,
        /// The frame.
        index: usize,
    },
    /// Not computed yet: `branch` is the first that may have file step `step_index`.
    Pending {
        /// The branch.
        branch: usize,
        /// The file's step.
        step_index: usize,
    },
    /// In no run of the lesson.
    Nowhere,
}

/// Everything that moves the cursor or an overlay: the learner's keys (the app turns key
/// commands into these) and the world changing under them.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Event {
    /// → : the next step.
    Next,
    /// ← : the previous step.
    Back,
    /// Home: the first step.
    First,
    /// End: the last step.
    Last,
    /// A digit 1-9 (or Tab): show this mode.
    Mode(Mode),
    /// `v` / `V`: another branch, at the same step number.
    Branch(Towards),
    /// `:` : start typing a step number.
    JumpStart,
    /// A digit of the step number.
    JumpDigit(u8),
    /// Backspace in the step number.
    JumpBackspace,
    /// Enter: go to the typed step.
    JumpGo,
    /// Go to step `n` (1-based) at once: plain mode's number, a click on a table row.
    GoTo(usize),
    /// Esc: back out of whatever is open.
    BackOut,
    /// `?`: open or close help.
    Help,
    /// ↑ ↓ or a letter while a prediction is asked.
    Choose(Pick),
    /// Enter while a prediction is asked: answer it with the highlighted choice.
    Predict,
    /// `s` or → while a prediction is asked: see the step without predicting.
    SkipPrediction,
    /// `s` in the quiz: the step question `question` is about, found where `found` says.
    ShowStep {
        /// The question (index in the quiz).
        question: usize,
        /// Where its step is.
        found: Found,
    },
    /// Backspace on a step the quiz showed: back to the question.
    BackToQuiz,
    /// `e` in mode 9: open the "try it" form.
    OpenForm,
    /// The form's inputs are being run as branch `branch`.
    TryStarted {
        /// The try's branch.
        branch: usize,
    },
    /// Frames arrived (or a run ended): settle a place that was waiting for them.
    Arrived,
    /// The scenario was reloaded: stay on `step` of `branch` (the same branch in the new file).
    Reloaded {
        /// The branch.
        branch: usize,
        /// The frame.
        step: usize,
    },
    /// `b` (the branches) or `L` (the lessons): open that list.
    OpenList(List),
    /// Enter in a list: take the highlighted entry.
    Take,
    /// `c` in the branch list: the highlighted branch beside the cursor's.
    Compare,
    /// A key in the learner's name question.
    Name(NameKey),
    /// `R`: ask before starting the lesson over.
    StartOver,
    /// `y` in a confirmation: do it.
    Confirm,
    /// `q` or Ctrl-C.
    Quit,
    /// A key with no navigation meaning (a quiz letter, scrolling, typing in the form): the
    /// machine only lets it through, or first closes what it does not belong to.
    Other,
}

/// What the app does after a transition, in order.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Effect {
    /// Compute this branch (if it is not computed or under way).
    Request(usize),
    /// Make this quiz question current (back from its step).
    QuizGoTo(usize),
    /// Grade, save and show the prediction before frame `index` with `choice`.
    Predicted {
        /// The frame.
        index: usize,
        /// The choice (0 = A).
        choice: usize,
    },
    /// The prediction before frame `index` was skipped: not asked again this sitting.
    SkippedPrediction {
        /// The frame.
        index: usize,
    },
    /// Open lesson `index` of the library in place of this one.
    OpenLesson(usize),
    /// The learner gave their name (cleaned): record and remember it.
    Named(String),
    /// The learner skipped the name question: do not ask again.
    NameSkipped,
    /// Forget this lesson's saved progress and what the screen holds of it (predictions,
    /// quiz answers); the cursor is already on step 1.
    StartOver,
    /// Tell the learner.
    Say(Notice),
    /// The key's own action runs (it is not a move).
    Pass,
    /// Quit.
    Quit,
}

/// What the machine tells the learner; the app puts it into words ([`super::say`]).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Notice {
    /// Now on another branch.
    Branch,
    /// On the step (1-based) question `question` (0-based) is about.
    DetourStep {
        /// The step, 1-based.
        step: usize,
        /// The question, 0-based.
        question: usize,
    },
    /// Computing the branch that has the step a question is about.
    Finding,
    /// The branch finished without the step the question is about.
    NotOnBranch,
    /// A move passed over steps (1-based) whose predictions were not made.
    PassedPredictions(Vec<usize>),
    /// On the newest call of a live branch: each new call shows as it arrives.
    Following,
    /// The run ended on the step shown: there is no next step.
    RunEnded {
        /// Its steps.
        total: usize,
    },
}

/// Why a move cannot be made. The state is unchanged; the app says why.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Refusal {
    /// ← or Home on the first step.
    AtFirst,
    /// → on the last step.
    AtLast {
        /// The branch's steps.
        total: usize,
    },
    /// A step number that names no step.
    NoSuchStep {
        /// The number typed.
        number: usize,
        /// The branch's steps, when known; else the most it can have.
        steps: usize,
    },
    /// Enter with no digits typed.
    NoNumber,
    /// `v` in a lesson with one branch.
    NoOtherBranch,
    /// → in a mode that hides the step while its prediction waits.
    PredictionWaiting {
        /// The step (1-based) waiting.
        step: usize,
    },
    /// → on the newest call of a live branch: the next is not made yet.
    NoNewerCall,
    /// → while the next step is still being computed.
    StillChecking {
        /// The step (1-based) being computed.
        step: usize,
    },
    /// Esc with nothing open.
    NothingOpen,
    /// The step a question is about is in no run.
    NotInAnyRun,
    /// A letter past the prediction's last choice.
    NoSuchChoice,
    /// `c` on the branch shown: there is nothing to compare it with.
    CompareWithItself,
    /// `L` where the lesson library is not known (a live session).
    NoLessonList,
    /// Enter on a name that cannot be recorded.
    BadName(BadName),
    /// The event means nothing here (the key table never sends it in this state).
    NotHere,
}

/// What is known of one branch.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct BranchFacts {
    /// The frames computed so far.
    pub frames: Vec<FrameFacts>,
    /// The branch's steps, once known: laid out when its run starts, before its frames are
    /// computed (so a jump or → past the end is refused at once); for a run that failed, the
    /// frames it computed.
    pub total: Option<usize>,
    /// A live branch (`cogflow serve`): it grows as calls arrive and never ends (`total` is
    /// `None`). End follows its newest frame ([`Place::Last`] stays there as frames arrive).
    pub live: bool,
}

/// What the machine needs of one computed frame.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct FrameFacts {
    /// The file's step it is.
    pub step_index: usize,
    /// Its prediction.
    pub predict: Predict,
}

/// A frame's prediction, as the machine sees it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Predict {
    /// The step asks none (or it is the learner's own try).
    None,
    /// It asks one with this many choices, not yet made or skipped on this branch.
    Open {
        /// The choices.
        choices: usize,
    },
    /// Made or skipped already.
    Done,
}

/// What the machine reads: every branch, and the most steps a run can have.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct World {
    /// Per branch, in the app's order.
    pub branches: Vec<BranchFacts>,
    /// The file's steps (no run has more frames).
    pub file_steps: usize,
    /// No learner name is known and answers are saved: the quiz asks for one first.
    pub ask_name: bool,
}

impl World {
    fn branch(&self, i: usize) -> &BranchFacts {
        static EMPTY: BranchFacts = BranchFacts {
            frames: Vec::new(),
            total: None,
            live: false,
        };
        self.branches.get(i).unwrap_or(&EMPTY)
    }
}

impl BranchFacts {
    /// The facts of a branch whose computed `frames` are these: which steps ask a prediction
    /// (`steps` is the file's `[[steps]]`) not yet made or skipped on `variant` in `log`.
    /// `asks` is false for the learner's own try (their experiment asks nothing).
    #[must_use]
    pub fn of(
        frames: &[Frame],
        steps: &[StepSpec],
        log: &PredictionLog,
        variant: Option<&str>,
        asks: bool,
        total: Option<usize>,
    ) -> BranchFacts {
        let frames = frames
            .iter()
            .map(|frame| FrameFacts {
                step_index: frame.step_index,
                predict: match prediction_for(steps, frame) {
                    _ if !asks => Predict::None,
                    None => Predict::None,
                    Some(_) if log.is_done(frame.step_index, variant) => Predict::Done,
                    Some(p) => Predict::Open {
                        choices: p.choices.len(),
                    },
                },
            })
            .collect();
        BranchFacts {
            frames,
            total,
            live: false,
        }
    }

    /// The same facts, of a live branch.
    #[must_use]
    pub fn live(self) -> BranchFacts {
        BranchFacts { live: true, ..self }
    }

    /// The steps a step number may name: all there are once known (or, live, so far).
    fn numbered(&self, most: usize) -> usize {
        if self.live {
            self.frames.len()
        } else {
            self.total().unwrap_or(most)
        }
    }

    /// Its steps, once known.
    #[must_use]
    pub fn total(&self) -> Option<usize> {
        self.total
    }

    /// True once every step is computed: `frames` is all there is.
    fn done(&self) -> bool {
        self.total.is_some_and(|total| self.frames.len() >= total)
    }

    fn open_choices(&self, index: usize) -> Option<usize> {
        match self.frames.get(index)?.predict {
            Predict::Open { choices } => Some(choices),
            Predict::None | Predict::Done => None,
        }
    }

    /// Steps (1-based) in `from+1 ..= to` whose prediction is open.
    fn open_between(&self, from: usize, to: usize) -> Vec<usize> {
        (from + 1..=to)
            .filter(|&i| self.open_choices(i).is_some())
            .map(|i| i + 1)
            .collect()
    }
}

/// The navigation state.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Nav {
    cursor: Cursor,
    overlay: Overlay,
}

/// A transition made: the next state and what to do.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Moved {
    /// The next state.
    pub nav: Nav,
    /// What the app does, in order.
    pub effects: Vec<Effect>,
}

impl Nav {
    /// At `place` of `branch` in `mode`, nothing open.
    #[must_use]
    pub fn new(branch: usize, place: Place, mode: Mode) -> Nav {
        Nav {
            cursor: Cursor {
                branch,
                place,
                mode,
            },
            overlay: Overlay::None,
        }
    }

    /// Where the learner is.
    #[must_use]
    pub fn cursor(&self) -> Cursor {
        self.cursor
    }

    /// What has the keys.
    #[must_use]
    pub fn overlay(&self) -> &Overlay {
        &self.overlay
    }

    /// The mode shown.
    #[must_use]
    pub fn mode(&self) -> Mode {
        self.cursor.mode
    }

    /// The branch shown.
    #[must_use]
    pub fn branch(&self) -> usize {
        self.cursor.branch
    }

    /// The frame asked for (0-based): it may not be computed yet.
    #[must_use]
    pub fn requested(&self, world: &World) -> usize {
        let facts = world.branch(self.cursor.branch);
        match self.cursor.place {
            Place::At(i) => i,
            Place::Next { from } => from + 1,
            // Following a live branch: its newest frame.
            Place::Last { .. } if facts.live => facts.frames.len().saturating_sub(1),
            Place::Last { .. } | Place::Seek(_) => facts.frames.len(),
        }
    }

    /// The frame on screen: the one asked for, or the last computed while it is checked.
    #[must_use]
    pub fn shown(&self, world: &World) -> usize {
        let computed = world.branch(self.cursor.branch).frames.len();
        self.requested(world).min(computed.saturating_sub(1))
    }

    fn with(&self, cursor: Cursor, overlay: Overlay) -> Nav {
        Nav { cursor, overlay }
    }

    /// The same cursor with `overlay` on top: a transition with nothing to do.
    #[allow(clippy::unnecessary_wraps)] // a transition's result, like every other arm's
    fn show(&self, overlay: Overlay) -> Result<Moved, Refusal> {
        ok(self.with(self.cursor, overlay), Vec::new())
    }

    fn at(&self, place: Place) -> Cursor {
        Cursor {
            place,
            ..self.cursor
        }
    }
}

fn ok(nav: Nav, effects: Vec<Effect>) -> Result<Moved, Refusal> {
    Ok(Moved { nav, effects })
}

/// The whole navigation machine: every (overlay, event) pair is listed, so a new overlay or
/// event does not compile until each move is decided. See the module diagram.
///
/// # Errors
/// A [`Refusal`] when the move cannot be made; the state is then unchanged.
#[allow(clippy::too_many_lines)] // one match, one row per move, read against the diagram
pub fn transition(nav: &Nav, event: Event, world: &World) -> Result<Moved, Refusal> {
    use Event as E;
    use Overlay as O;
    let stay = |effects: Vec<Effect>| ok(nav.clone(), effects);
    match (&nav.overlay, event) {
        // Quitting works in every state; reloading and arrivals are the world's, not a key.
        (_, E::Quit) => stay(vec![Effect::Quit]),
        (_, E::Reloaded { branch, step }) => ok(
            nav.with(
                Cursor {
                    branch,
                    place: Place::At(step),
                    mode: nav.cursor.mode,
                },
                O::None,
            ),
            vec![Effect::Request(branch)],
        ),
        (overlay, E::Arrived) => Ok(settle(nav.cursor, overlay.clone(), world, Vec::new())),

        // Help: ? and Esc close it, its own keys (scrolling) pass, nothing else reaches it.
        (O::Help { under }, E::Help | E::BackOut) => nav.show((*under).into()),
        (O::Help { .. }, E::Other) => stay(vec![Effect::Pass]),
        (
            O::Help { .. },
            E::Next
            | E::Back
            | E::First
            | E::Last
            | E::Mode(_)
            | E::Branch(_)
            | E::JumpStart
            | E::JumpDigit(_)
            | E::JumpBackspace
            | E::JumpGo
            | E::GoTo(_)
            | E::Choose(_)
            | E::Predict
            | E::SkipPrediction
            | E::ShowStep { .. }
            | E::BackToQuiz
            | E::OpenForm
            | E::TryStarted { .. }
            | E::OpenList(_)
            | E::Take
            | E::Compare
            | E::Name(_)
            | E::StartOver
            | E::Confirm,
        ) => Err(Refusal::NotHere),

        // The form: typing passes, Esc leaves it, a started try shows the try's run.
        (O::Form { under }, E::BackOut) => nav.show((*under).into()),
        (O::Form { .. }, E::Other) => stay(vec![Effect::Pass]),
        (O::Form { .. }, E::TryStarted { branch }) => Ok(settle(
            Cursor {
                branch,
                place: Place::Last { from: 0 },
                mode: nav.cursor.mode,
            },
            O::None,
            world,
            Vec::new(),
        )),
        (
            O::Form { .. },
            E::Next
            | E::Back
            | E::First
            | E::Last
            | E::Mode(_)
            | E::Branch(_)
            | E::JumpStart
            | E::JumpDigit(_)
            | E::JumpBackspace
            | E::JumpGo
            | E::GoTo(_)
            | E::Help
            | E::Choose(_)
            | E::Predict
            | E::SkipPrediction
            | E::ShowStep { .. }
            | E::BackToQuiz
            | E::OpenForm
            | E::OpenList(_)
            | E::Take
            | E::Compare
            | E::Name(_)
            | E::StartOver
            | E::Confirm,
        ) => Err(Refusal::NotHere),

        // A step number: digits add to it, Backspace takes one off (the last closes it), Enter
        // goes there, Esc forgets it; any other key forgets it and acts as without it.
        (O::Jump { digits, under }, E::JumpDigit(d)) => {
            let mut digits = digits.clone();
            if digits.len() < 4 && !(digits.is_empty() && d == 0) {
                digits.push(char::from(b'0' + d.min(9)));
            }
            nav.show(O::Jump {
                digits,
                under: *under,
            })
        }
        (O::Jump { digits, under }, E::JumpBackspace) => {
            let mut digits = digits.clone();
            digits.pop();
            let overlay = if digits.is_empty() {
                (*under).into()
            } else {
                O::Jump {
                    digits,
                    under: *under,
                }
            };
            nav.show(overlay)
        }
        (O::Jump { under, .. }, E::BackOut) => nav.show((*under).into()),
        (O::Jump { digits, under }, E::JumpGo) => match digits.parse::<usize>() {
            Ok(number) => jump(nav, number, *under, world),
            Err(_) => Err(Refusal::NoNumber),
        },
        (O::Jump { under, .. }, E::GoTo(number)) => jump(nav, number, *under, world),
        (O::Jump { under, .. }, E::JumpStart) => nav.show(O::Jump {
            digits: String::new(),
            under: *under,
        }),
        (
            O::Jump { under, .. },
            event @ (E::Next
            | E::Back
            | E::First
            | E::Last
            | E::Mode(_)
            | E::Branch(_)
            | E::Help
            | E::Choose(_)
            | E::Predict
            | E::SkipPrediction
            | E::ShowStep { .. }
            | E::BackToQuiz
            | E::OpenForm
            | E::OpenList(_)
            | E::StartOver
            | E::Other),
        ) => transition(&nav.with(nav.cursor, (*under).into()), event, world),
        (O::Jump { .. }, E::TryStarted { .. } | E::Take | E::Compare | E::Name(_) | E::Confirm) => {
            Err(Refusal::NotHere)
        }

        // A list (branches, lessons) and two branches side by side: see nav/pick.rs.
        (O::Pick(picking), event) => pick::transition(nav, *picking, event, world),
        (O::Compare(comparing), event) => pick::compare(nav, *comparing, event, world),

        // Opening a modal layer over a base.
        (O::None | O::Prediction(_) | O::Detour(_), E::Help) => nav.show(O::Help {
            under: nav.overlay.base(),
        }),
        (O::None | O::Prediction(_) | O::Detour(_), E::GoTo(number)) => {
            jump(nav, number, nav.overlay.base(), world)
        }
        (O::None | O::Prediction(_) | O::Detour(_), E::JumpStart) => nav.show(O::Jump {
            digits: String::new(),
            under: nav.overlay.base(),
        }),
        (O::None | O::Prediction(_) | O::Detour(_), E::OpenForm) => nav.show(O::Form {
            under: nav.overlay.base(),
        }),
        (O::None | O::Prediction(_) | O::Detour(_), E::Other) => stay(vec![Effect::Pass]),
        (O::None | O::Prediction(_) | O::Detour(_), E::OpenList(list)) => {
            pick::open(nav, list, nav.overlay.base(), world)
        }
        // A live session's calls are not a lesson to start over.
        (O::None | O::Prediction(_) | O::Detour(_), E::StartOver)
            if world.branch(nav.cursor.branch).live =>
        {
            Err(Refusal::NotHere)
        }
        (O::None | O::Prediction(_) | O::Detour(_), E::StartOver) => nav.show(O::Confirm {
            what: Confirm::StartOver,
            under: nav.overlay.base(),
        }),

        // A confirmation: y does it, Esc (or n) keeps things as they are.
        (
            O::Confirm {
                what: Confirm::StartOver,
                ..
            },
            E::Confirm,
        ) => ok(
            Nav::new(0, Place::At(0), Mode::StepThrough),
            vec![Effect::StartOver, Effect::Request(0)],
        ),
        (O::Confirm { under, .. }, E::BackOut) => nav.show((*under).into()),
        (
            O::Confirm { .. },
            E::Next
            | E::Back
            | E::First
            | E::Last
            | E::Mode(_)
            | E::Branch(_)
            | E::JumpStart
            | E::JumpDigit(_)
            | E::JumpBackspace
            | E::JumpGo
            | E::GoTo(_)
            | E::Help
            | E::Choose(_)
            | E::Predict
            | E::SkipPrediction
            | E::ShowStep { .. }
            | E::BackToQuiz
            | E::OpenForm
            | E::TryStarted { .. }
            | E::OpenList(_)
            | E::Take
            | E::Compare
            | E::Name(_)
            | E::StartOver
            | E::Other,
        ) => Err(Refusal::NotHere),

        // The bare lesson.
        (O::None, E::Next) => next(nav, world),
        (O::None | O::Detour(_), E::Back) => back(nav, world),
        (O::None | O::Detour(_), E::First) => first(nav, world),
        (O::None | O::Detour(_), E::Last) => last(nav, world),
        (O::None | O::Prediction(_), E::Mode(Mode::Quiz)) if world.ask_name => ok(
            nav.with(
                Cursor {
                    mode: Mode::Quiz,
                    ..nav.cursor
                },
                O::Name {
                    text: String::new(),
                    under: nav.overlay.base(),
                },
            ),
            vec![],
        ),
        (O::None | O::Prediction(_), E::Mode(mode)) => ok(
            nav.with(Cursor { mode, ..nav.cursor }, nav.overlay.clone()),
            vec![],
        ),
        (O::None | O::Detour(_), E::Branch(towards)) => branch(nav, towards, world),
        (O::None, E::BackOut) => Err(Refusal::NothingOpen),
        (O::None | O::Prediction(_), E::ShowStep { question, found }) => {
            show_step(nav, question, found, world)
        }
        (
            O::None,
            E::JumpDigit(_)
            | E::JumpBackspace
            | E::JumpGo
            | E::Choose(_)
            | E::Predict
            | E::SkipPrediction
            | E::BackToQuiz
            | E::TryStarted { .. }
            | E::Take
            | E::Compare
            | E::Name(_)
            | E::Confirm,
        ) => Err(Refusal::NotHere),

        // A prediction asked: choose, answer, skip, or not now; a move drops it (→ asks again).
        (O::Prediction(ask), E::Choose(pick)) => {
            let choices = world
                .branch(nav.cursor.branch)
                .open_choices(ask.index)
                .unwrap_or(0);
            let selected = match pick {
                _ if choices == 0 => return Err(Refusal::NoSuchChoice),
                Pick::Up => (ask.selected + choices - 1) % choices,
                Pick::Down => (ask.selected + 1) % choices,
                Pick::Letter(i) if i < choices => i,
                Pick::Letter(_) => return Err(Refusal::NoSuchChoice),
            };
            nav.show(O::Prediction(Ask { selected, ..*ask }))
        }
        (O::Prediction(ask), E::Predict) => ok(
            nav.with(nav.at(Place::At(ask.index)), O::None),
            vec![Effect::Predicted {
                index: ask.index,
                choice: ask.selected,
            }],
        ),
        (O::Prediction(ask), E::SkipPrediction) => ok(
            nav.with(nav.at(Place::At(ask.index)), O::None),
            vec![Effect::SkippedPrediction { index: ask.index }],
        ),
        (O::Prediction(_), E::BackOut) => nav.show(O::None),
        // → where the key table does not make it a skip (a mode that hides the step).
        (O::Prediction(ask), E::Next) => Err(Refusal::PredictionWaiting {
            step: ask.index + 1,
        }),
        (O::Prediction(_), event @ (E::Back | E::First | E::Last | E::Branch(_))) => {
            transition(&nav.with(nav.cursor, O::None), event, world)
        }
        (
            O::Prediction(_),
            E::JumpDigit(_)
            | E::JumpBackspace
            | E::JumpGo
            | E::BackToQuiz
            | E::TryStarted { .. }
            | E::Take
            | E::Compare
            | E::Name(_)
            | E::Confirm,
        ) => Err(Refusal::NotHere),

        // A step the quiz showed: look around freely (no prediction is asked), then Esc,
        // Backspace or 6 goes back to the question, where the learner had been.
        (O::Detour(_), E::Next) => next(nav, world),
        (O::Detour(detour), E::BackOut | E::BackToQuiz | E::Mode(Mode::Quiz)) => {
            back_to_quiz(nav, *detour, world)
        }
        (
            O::Detour(_),
            E::Mode(
                mode @ (Mode::StepThrough
                | Mode::Flow
                | Mode::Table
                | Mode::Tracker
                | Mode::Moments
                | Mode::Snapshot
                | Mode::Transcript
                | Mode::Token),
            ),
        ) => ok(
            nav.with(Cursor { mode, ..nav.cursor }, nav.overlay.clone()),
            vec![],
        ),
        (
            O::Detour(_),
            E::JumpDigit(_)
            | E::JumpBackspace
            | E::JumpGo
            | E::Choose(_)
            | E::Predict
            | E::SkipPrediction
            | E::ShowStep { .. }
            | E::TryStarted { .. }
            | E::Take
            | E::Compare
            | E::Name(_)
            | E::Confirm,
        ) => Err(Refusal::NotHere),

        // The learner's name, asked on the first visit to the quiz: typed keys edit it,
        // Enter keeps a valid one (an invalid one is refused, saying why), Esc skips the
        // question (answers are then recorded without a name, and it is not asked again).
        (O::Name { text, under }, E::Name(NameKey::Char(c))) => {
            let mut text = text.clone();
            if text.chars().count() < NAME_TYPED_MAX {
                text.push(c);
            }
            nav.show(O::Name {
                text,
                under: *under,
            })
        }
        (O::Name { text, under }, E::Name(NameKey::Backspace)) => {
            let mut text = text.clone();
            text.pop();
            nav.show(O::Name {
                text,
                under: *under,
            })
        }
        (O::Name { text, under }, E::Name(NameKey::Enter)) => match clean_name(text) {
            Ok(name) => ok(
                nav.with(nav.cursor, (*under).into()),
                vec![Effect::Named(name)],
            ),
            Err(bad) => Err(Refusal::BadName(bad)),
        },
        (O::Name { under, .. }, E::BackOut) => ok(
            nav.with(nav.cursor, (*under).into()),
            vec![Effect::NameSkipped],
        ),
        (O::Name { .. }, E::Other) => stay(vec![]),
        (
            O::Name { .. },
            E::Next
            | E::Back
            | E::First
            | E::Last
            | E::Mode(_)
            | E::Branch(_)
            | E::JumpStart
            | E::JumpDigit(_)
            | E::JumpBackspace
            | E::JumpGo
            | E::GoTo(_)
            | E::Help
            | E::Choose(_)
            | E::Predict
            | E::SkipPrediction
            | E::ShowStep { .. }
            | E::BackToQuiz
            | E::OpenForm
            | E::TryStarted { .. }
            | E::OpenList(_)
            | E::Take
            | E::Compare
            | E::StartOver
            | E::Confirm,
        ) => Err(Refusal::NotHere),
    }
}

/// → : the next step, or waiting for it while it is computed. Its prediction is asked when
/// the base is the bare lesson (never on a detour), once the step is computed.
fn next(nav: &Nav, world: &World) -> Result<Moved, Refusal> {
    let facts = world.branch(nav.cursor.branch);
    let requested = nav.requested(world);
    if facts.live && requested + 1 >= facts.frames.len() {
        // The newest call: → starts following (new calls then show as they arrive).
        return match nav.cursor.place {
            Place::Last { .. } => Err(Refusal::NoNewerCall),
            Place::At(_) | Place::Next { .. } | Place::Seek(_) => ok(
                nav.with(nav.at(Place::Last { from: requested }), nav.overlay.clone()),
                vec![Effect::Say(Notice::Following)],
            ),
        };
    }
    // Already waiting for a step: one → at a time. A step asked for by place (the first
    // screen, a resumed lesson) is drawn from the layout before its frame, so → from it waits
    // for the next one rather than being refused.
    let waiting = !matches!(nav.cursor.place, Place::At(_));
    if waiting && requested >= facts.frames.len() && !facts.done() {
        return Err(Refusal::StillChecking {
            step: requested + 1,
        });
    }
    let from = match nav.cursor.place {
        Place::At(i) => i,
        _ => nav.shown(world),
    };
    if let Some(total) = facts.total()
        && from + 1 >= total
    {
        return Err(Refusal::AtLast { total });
    }
    Ok(settle(
        nav.at(Place::Next { from }),
        nav.overlay.clone(),
        world,
        Vec::new(),
    ))
}

fn back(nav: &Nav, world: &World) -> Result<Moved, Refusal> {
    let shown = nav.shown(world);
    let computed = world.branch(nav.cursor.branch).frames.len();
    // Waiting for a step: ← stops waiting and stays on the one shown.
    let place = if nav.requested(world) >= computed && computed > 0 {
        Place::At(shown)
    } else if shown == 0 {
        return Err(Refusal::AtFirst);
    } else {
        Place::At(shown - 1)
    };
    ok(nav.with(nav.at(place), nav.overlay.clone()), vec![])
}

fn first(nav: &Nav, _world: &World) -> Result<Moved, Refusal> {
    // Only step 1 itself refuses: a pending End or → (no frame computed yet, so nothing
    // requested past 0) is taken back, or it would land on the last step once frames arrive.
    if nav.cursor.place == Place::At(0) {
        return Err(Refusal::AtFirst);
    }
    ok(nav.with(nav.at(Place::At(0)), nav.overlay.clone()), vec![])
}

fn last(nav: &Nav, world: &World) -> Result<Moved, Refusal> {
    let from = nav.shown(world);
    let facts = world.branch(nav.cursor.branch);
    if let Some(total) = facts.total()
        && from + 1 >= total
    {
        return Err(Refusal::AtLast { total });
    }
    Ok(settle(
        nav.at(Place::Last { from }),
        nav.overlay.clone(),
        world,
        Vec::new(),
    ))
}

fn branch(nav: &Nav, towards: Towards, world: &World) -> Result<Moved, Refusal> {
    let count = world.branches.len();
    if count < 2 {
        return Err(Refusal::NoOtherBranch);
    }
    let branch = match towards {
        Towards::Next => (nav.cursor.branch + 1) % count,
        Towards::Prev => (nav.cursor.branch + count - 1) % count,
    };
    // The step asked for, not the one shown: the same step number on the other branch
    // (clamped once its length is known). The shown step is wrong while a branch is still
    // computed (it shows its first frame): v then V before it arrived lost the step.
    let cursor = Cursor {
        branch,
        place: nav.cursor.place,
        mode: nav.cursor.mode,
    };
    Ok(settle(
        cursor,
        nav.overlay.clone(),
        world,
        vec![Effect::Request(branch), Effect::Say(Notice::Branch)],
    ))
}

fn jump(nav: &Nav, number: usize, under: Base, world: &World) -> Result<Moved, Refusal> {
    let facts = world.branch(nav.cursor.branch);
    let steps = facts.numbered(world.file_steps);
    if number == 0 || number > steps {
        return Err(Refusal::NoSuchStep { number, steps });
    }
    let index = number - 1;
    // The modes that hide the step show it in step-through.
    let mode = if nav.cursor.mode.shows_step() {
        nav.cursor.mode
    } else {
        Mode::StepThrough
    };
    let from = nav.shown(world);
    let mut effects = Vec::new();
    let passed = facts.open_between(from, index);
    if index > from && !passed.is_empty() {
        effects.push(Effect::Say(Notice::PassedPredictions(passed)));
    }
    // A jump is a move: a prediction being asked is dropped (→ asks it again).
    let base = match under {
        Base::Prediction(_) => Overlay::None,
        Base::Lesson | Base::Detour(_) => under.into(),
    };
    Ok(settle(
        Cursor {
            place: Place::At(index),
            mode,
            ..nav.cursor
        },
        base,
        world,
        effects,
    ))
}

fn show_step(nav: &Nav, question: usize, found: Found, world: &World) -> Result<Moved, Refusal> {
    let origin = Detour {
        branch: nav.cursor.branch,
        step: nav.shown(world),
        question,
    };
    let (branch, place, effects) = match found {
        // Found as laid out: its frame may still have to be computed.
        Found::At { branch, index } => (
            branch,
            Place::At(index),
            vec![
                Effect::Request(branch),
                Effect::Say(Notice::DetourStep {
                    step: index + 1,
                    question,
                }),
            ],
        ),
        Found::Pending { branch, step_index } => (
            branch,
            Place::Seek(step_index),
            vec![Effect::Request(branch), Effect::Say(Notice::Finding)],
        ),
        Found::Nowhere => return Err(Refusal::NotInAnyRun),
    };
    Ok(settle(
        Cursor {
            branch,
            place,
            mode: Mode::StepThrough,
        },
        Overlay::Detour(origin),
        world,
        effects,
    ))
}

fn back_to_quiz(nav: &Nav, detour: Detour, world: &World) -> Result<Moved, Refusal> {
    let branch = if detour.branch < world.branches.len() {
        detour.branch
    } else {
        nav.cursor.branch
    };
    ok(
        nav.with(
            Cursor {
                branch,
                place: Place::At(detour.step),
                mode: Mode::Quiz,
            },
            Overlay::None,
        ),
        vec![Effect::QuizGoTo(detour.question)],
    )
}

/// Resolves a place that waited for frames, once they are there: the step after `from` (its
/// prediction asked first), the last step, or the step a question is about. A place that
/// needs more frames stays as it is.
fn settle(cursor: Cursor, overlay: Overlay, world: &World, mut effects: Vec<Effect>) -> Moved {
    let facts = world.branch(cursor.branch);
    let computed = facts.frames.len();
    let last = computed.saturating_sub(1);
    let mut overlay = overlay;
    let place = match cursor.place {
        Place::At(i) if facts.total().is_some_and(|total| i >= total) => {
            Place::At(facts.total().unwrap_or(0).saturating_sub(1))
        }
        Place::At(i) => Place::At(i),
        Place::Next { from } if from + 1 < computed => {
            let asks = facts.open_choices(from + 1).is_some();
            // Only over the bare lesson: not on a detour, nor when something else is open.
            let base_is_lesson = matches!(overlay.base(), Base::Lesson);
            if asks && base_is_lesson {
                let ask = Ask {
                    index: from + 1,
                    selected: 0,
                };
                overlay = set_base(&overlay, Base::Prediction(ask));
                Place::At(from)
            } else {
                Place::At(from + 1)
            }
        }
        Place::Next { from } if facts.total().is_some_and(|total| from + 1 >= total) => {
            let total = facts.total().unwrap_or(computed);
            effects.push(Effect::Say(Notice::RunEnded { total }));
            Place::At(from.min(total.saturating_sub(1)))
        }
        Place::Next { from } => Place::Next { from },
        Place::Last { from } if facts.done() => {
            let passed = facts.open_between(from, last);
            if !passed.is_empty() {
                effects.push(Effect::Say(Notice::PassedPredictions(passed)));
            }
            Place::At(last)
        }
        Place::Last { from } => Place::Last { from },
        Place::Seek(step_index) => {
            match facts.frames.iter().position(|f| f.step_index == step_index) {
                Some(index) => {
                    if let Base::Detour(detour) = overlay.base() {
                        effects.push(Effect::Say(Notice::DetourStep {
                            step: index + 1,
                            question: detour.question,
                        }));
                    }
                    Place::At(index)
                }
                None if facts.done() => {
                    effects.push(Effect::Say(Notice::NotOnBranch));
                    Place::At(last)
                }
                None => Place::Seek(step_index),
            }
        }
    };
    Moved {
        nav: Nav {
            cursor: Cursor { place, ..cursor },
            overlay,
        },
        effects,
    }
}

/// `overlay` with its base replaced (a modal layer keeps its place on top).
fn set_base(overlay: &Overlay, base: Base) -> Overlay {
    match overlay {
        Overlay::None | Overlay::Prediction(_) | Overlay::Detour(_) => base.into(),
        Overlay::Jump { digits, .. } => Overlay::Jump {
            digits: digits.clone(),
            under: base,
        },
        Overlay::Help { .. } => Overlay::Help { under: base },
        Overlay::Form { .. } => Overlay::Form { under: base },
        Overlay::Pick(picking) => Overlay::Pick(Picking {
            under: base,
            ..*picking
        }),
        Overlay::Compare(comparing) => Overlay::Compare(Comparing {
            under: base,
            ..*comparing
        }),
        Overlay::Name { text, .. } => Overlay::Name {
            text: text.clone(),
            under: base,
        },
        Overlay::Confirm { what, .. } => Overlay::Confirm {
            what: *what,
            under: base,
        },
    }
}

mod pick;
#[cfg(test)]
mod tests;
