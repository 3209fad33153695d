//! Predict before reveal: stepping forward onto a step whose file entry has a `predict` asks it
//! first ("What will Cognito answer?"), instead of showing the step. The navigation machine
//! decides when a prediction is asked and keeps it ([`super::nav::Overlay::Prediction`]); this
//! file grades and saves the answers, and says what the screen shows of them.
//!
//! While a prediction is asked the cursor stays on the step before, so nothing on screen
//! (table row, tracker, diagram, token) gives the answer away. A prediction is asked once per
//! step and branch: one answered (now or in an earlier sitting) or skipped is not asked again.

use super::{App, Ask, PathKind, Record};
use crate::flow::Frame;
use crate::quiz::{PredictionEntry, PredictionLog, letter_str, prediction_for};
use crate::scenario::model::Prediction;
use crate::words::Word;

/// Where the learner stands with a step's prediction: what the mark beside the step's table
/// row and sample line says (modes 1, 2 and 3).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Mark {
    /// The step asks a prediction, not made yet: stepping onto it asks it.
    Asks,
    /// Predicted right.
    Right,
    /// Predicted wrong.
    Wrong,
    /// Skipped (not asked again).
    Skipped,
}

impl App {
    /// The mark of `frame`'s step on the branch shown: `None` when the step asks no
    /// prediction, or the branch asks none (the learner's try, a live session).
    #[must_use]
    pub fn prediction_mark(&self, frame: &Frame) -> Option<Mark> {
        let path = self.current();
        if matches!(path.kind, PathKind::Try { .. } | PathKind::Live { .. }) {
            return None;
        }
        prediction_for(&self.scenario.file.steps, frame)?;
        let variant = path.variant_id();
        Some(match self.predictions.get(frame.step_index, variant) {
            Some(entry) if entry.correct => Mark::Right,
            Some(_) => Mark::Wrong,
            None if self.predictions.was_skipped(frame.step_index, variant) => Mark::Skipped,
            None => Mark::Asks,
        })
    }

    /// The mark of each execution-sample line (1-based) whose step asks a prediction on the
    /// branch shown, as laid out (known before the steps are computed).
    #[must_use]
    pub fn sample_marks(&self) -> Vec<(u32, Mark)> {
        let mut marks: Vec<(u32, Mark)> = Vec::new();
        for frame in self.current().laid_out() {
            if let (Some(line), Some(mark)) = (frame.sample_line, self.prediction_mark(frame))
                && !marks.iter().any(|(l, _)| *l == line)
            {
                marks.push((line, mark));
            }
        }
        marks
    }

    /// The prediction on screen, the frame it is about and the ask, if one is being asked.
    #[must_use]
    pub fn prediction_asked(&self) -> Option<(&Prediction, &Frame, Ask)> {
        let ask = self.asking()?;
        let frame = self.current().frames.get(ask.index)?;
        let prediction = prediction_for(&self.scenario.file.steps, frame)?;
        Some((prediction, frame, ask))
    }

    /// The learner's prediction for the step on screen, with the prediction itself, once made.
    #[must_use]
    pub fn prediction_made(&self) -> Option<(&Prediction, &PredictionEntry)> {
        if self.asking().is_some() {
            return None;
        }
        let frame = self.frame()?;
        let prediction = prediction_for(&self.scenario.file.steps, frame)?;
        let entry = self
            .predictions
            .get(frame.step_index, self.current().variant_id())?;
        Some((prediction, entry))
    }

    /// Every prediction made.
    #[must_use]
    pub fn predictions(&self) -> &PredictionLog {
        &self.predictions
    }

    /// The steps (1-based, on the shown path) that ask a prediction.
    #[must_use]
    pub fn prediction_steps(&self) -> Vec<usize> {
        let steps = &self.scenario.file.steps;
        // As laid out: known before the steps are computed.
        self.current()
            .laid_out()
            .iter()
            .filter(|f| prediction_for(steps, f).is_some())
            .map(|f| f.number)
            .collect()
    }

    /// Grades `choice` for the prediction before frame `index` against the run shown, saves
    /// it and says how it went.
    pub(crate) fn grade_prediction(&mut self, index: usize, choice: usize) {
        let Some(frame) = self.current().frames.get(index).cloned() else {
            return;
        };
        let variant = self.current().variant_id().map(str::to_owned);
        let words = self.scenario.words();
        let graded = self.predictions.record_frame(
            &self.scenario.file.steps,
            &frame,
            variant.as_deref(),
            choice,
        );
        self.status = Some(match graded {
            Ok(Some(verdict)) => {
                if verdict.counted
                    && let Some(entry) = self.predictions.get(frame.step_index, variant.as_deref())
                {
                    self.records.push(Record::Prediction(entry.clone()));
                }
                let score = self.predictions.score();
                let letter = letter_str(choice);
                let said = if verdict.correct {
                    words.fill(Word::PredictedRight, &[("letter", &letter)])
                } else {
                    words.fill(
                        Word::PredictedWrong,
                        &[
                            ("letter", &letter),
                            ("answer", &letter_str(verdict.right_choice)),
                        ],
                    )
                };
                let score = words.fill(
                    Word::PredictScore,
                    &[
                        ("right", &score.right.to_string()),
                        ("total", &score.total.to_string()),
                    ],
                );
                format!("{said} {score}")
            }
            Ok(None) => words.get(Word::PredictNoneAfterAll).to_owned(),
            Err(e) => words.fill(Word::PlainUngradable, &[("error", &e.to_string())]),
        });
    }

    /// The prediction before frame `index` was skipped: not asked again this sitting.
    pub(crate) fn skip_prediction(&mut self, index: usize) {
        let Some(step_index) = self.current().frames.get(index).map(|f| f.step_index) else {
            return;
        };
        let variant = self.current().variant_id().map(str::to_owned);
        if self.predictions.skip(step_index, variant.as_deref()) {
            self.records.push(Record::PredictionSkipped {
                step_index,
                variant,
            });
        }
        self.status = Some(self.scenario.words().get(Word::PlainSkipped).to_owned());
    }
}
