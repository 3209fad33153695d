//! The nine modes of the lesson screen (the seed page's "9 modes").

use crate::words::Word;

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

    /// Its name on tabs and in help, in English (the lesson's words: [`Mode::name`]).
    #[must_use]
    pub fn title(self) -> &'static str {
        self.name().in_language(crate::words::Language::En)
    }

    /// Its name on tabs and in help, as a word of the lesson's language.
    #[must_use]
    pub fn name(self) -> Word {
        match self {
            Mode::StepThrough => Word::ModeStepThrough,
            Mode::Flow => Word::ModeFlow,
            Mode::Table => Word::ModeTable,
            Mode::Tracker => Word::ModeTracker,
            Mode::Moments => Word::ModeMoments,
            Mode::Quiz => Word::ModeQuiz,
            Mode::Snapshot => Word::ModeSnapshot,
            Mode::Transcript => Word::ModeTranscript,
            Mode::Token => Word::ModeToken,
        }
    }

    /// A short name for narrow tab bars, in English.
    #[must_use]
    pub fn short(self) -> &'static str {
        self.short_name().in_language(crate::words::Language::En)
    }

    /// A short name for narrow tab bars, as a word of the lesson's language.
    #[must_use]
    pub fn short_name(self) -> Word {
        match self {
            Mode::StepThrough => Word::ShortStepThrough,
            Mode::Flow => Word::ShortFlow,
            Mode::Table => Word::ShortTable,
            Mode::Tracker => Word::ShortTracker,
            Mode::Moments => Word::ShortMoments,
            Mode::Quiz => Word::ShortQuiz,
            Mode::Snapshot => Word::ShortSnapshot,
            Mode::Transcript => Word::ShortTranscript,
            Mode::Token => Word::ShortToken,
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
