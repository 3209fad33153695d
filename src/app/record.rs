//! What the lesson saves as the learner goes: moves, quiz answers, predictions, lab steps. The model
//! only queues [`Record`]s; the TUI entry ([`crate::tui::save`]) hands them to a
//! [`crate::progress::Recorder`] outside `update`, so key handling never touches the disk and
//! tests can read the queue.

use super::{App, PathKind};
use crate::quiz::{Attempt, PredictionEntry};

/// One thing to save.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Record {
    /// The learner is at `step` (1-based) of `variant` (`None`: the main path).
    Step {
        /// 1-based step number within the run shown.
        step: usize,
        /// The variant shown.
        variant: Option<String>,
    },
    /// A quiz answer or reveal.
    Attempt(Attempt),
    /// A prediction made.
    Prediction(PredictionEntry),
    /// The learner's name, given when the quiz asked (cleaned): recorded with what follows
    /// and remembered for later runs.
    Learner(String),
    /// `R`, confirmed: forget this lesson's saved progress (step, predictions, quiz answers).
    StartOver,
    /// A prediction skipped: step `step_index` (file order) on `variant`.
    PredictionSkipped {
        /// 0-based index of the step in the file's `[[steps]]`.
        step_index: usize,
        /// The variant shown.
        variant: Option<String>,
    },
    /// A lab step met by the learner's own call (`cogflow serve LAB`).
    LabStep {
        /// 0-based index of the step in the file's `[[steps]]`.
        step_index: usize,
        /// Calls it took, the one that met it included.
        calls: u32,
        /// Hints shown before it was met.
        hints: usize,
    },
}

impl App {
    /// The position to save: the step shown and its branch. `None` on the learner's own try,
    /// whose inputs (a typed password among them) are never saved, and in a live session.
    pub(crate) fn position(&self) -> Option<(usize, Option<String>)> {
        match &self.current().kind {
            // A live session's calls are not a lesson's steps: nothing to resume.
            PathKind::Try { .. } | PathKind::Live { .. } => None,
            PathKind::Main | PathKind::Variant { .. } => Some((
                self.cursor() + 1,
                self.current().variant_id().map(str::to_owned),
            )),
        }
    }

    /// Queues the position when it changed since the last one queued.
    pub(crate) fn note_position(&mut self) {
        if let Some(position) = self.position()
            && self.saved_position.as_ref() != Some(&position)
        {
            self.records.push(Record::Step {
                step: position.0,
                variant: position.1.clone(),
            });
            self.saved_position = Some(position);
        }
    }

    /// Takes what is waiting to be saved, oldest first.
    pub fn take_records(&mut self) -> Vec<Record> {
        std::mem::take(&mut self.records)
    }
}
