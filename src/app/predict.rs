//! Predict before reveal: stepping forward onto a step whose file entry has a `predict`
//! asks it first ("What will Cognito answer?"), instead of showing the step. Answering or
//! skipping shows the step; the learner's predictions are scored apart from the quiz.
//!
//! While a prediction is asked the cursor stays on the step before, so nothing on screen
//! (table row, tracker, diagram, token) gives the answer away. A prediction is asked once per
//! step and branch: one answered (now or in an earlier sitting) or skipped is not asked again.

use super::{App, PathKind, Record};
use crate::flow::Frame;
use crate::quiz::{PredictionEntry, PredictionLog, letter_str, prediction_for};
use crate::scenario::model::Prediction;

/// A prediction being asked.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Ask {
    /// The path it is asked on.
    pub path: usize,
    /// The frame (0-based, in that path) it is asked before.
    pub index: usize,
    /// The highlighted choice.
    pub selected: usize,
}

impl App {
    /// After → presses (and as their frames arrive): asks the first step stepped onto that
    /// has a prediction not yet answered or skipped on this branch, pulling the cursor back
    /// to the step before it.
    pub(crate) fn check_prediction(&mut self) {
        let Some(from) = self.forward_from else {
            return;
        };
        if self.asking.is_some() || matches!(self.current().kind, PathKind::Try { .. }) {
            self.forward_from = None;
            return;
        }
        let path = self.current();
        let steps = &self.scenario.file.steps;
        let variant = path.variant_id();
        let computed = path.frames.len();
        let reached = self.cursor.min(computed.saturating_sub(1));
        let waiting = (from + 1..=reached).find(|&i| {
            prediction_for(steps, &path.frames[i]).is_some()
                && !self.prediction_done(path.frames[i].step_index, variant)
        });
        match waiting {
            Some(index) => {
                self.asking = Some(Ask {
                    path: self.path,
                    index,
                    selected: 0,
                });
                self.cursor = index - 1;
                self.follow_last = false;
                self.forward_from = None;
            }
            // Every step up to the cursor is computed and none asks: the run of → is over.
            None if self.cursor < computed => self.forward_from = None,
            // Steps still being computed may ask when they arrive.
            None => {}
        }
    }

    /// True when the prediction of step `step_index` on `variant` was answered or skipped.
    fn prediction_done(&self, step_index: usize, variant: Option<&str>) -> bool {
        self.predictions.is_done(step_index, variant)
    }

    /// The prediction on screen, the frame it is about and the ask, if one is being asked.
    #[must_use]
    pub fn prediction_asked(&self) -> Option<(&Prediction, &Frame, &Ask)> {
        let ask = self.asking.as_ref()?;
        let frame = self.paths.get(ask.path)?.frames.get(ask.index)?;
        let prediction = prediction_for(&self.scenario.file.steps, frame)?;
        Some((prediction, frame, ask))
    }

    /// The learner's prediction for the step on screen, with the prediction itself, once made.
    #[must_use]
    pub fn prediction_made(&self) -> Option<(&Prediction, &PredictionEntry)> {
        if self.asking.is_some() {
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
        self.current()
            .frames
            .iter()
            .filter(|f| prediction_for(steps, f).is_some())
            .map(|f| f.number)
            .collect()
    }

    pub(crate) fn select_prediction(&mut self, choice: usize) {
        let count = self
            .prediction_asked()
            .map_or(0, |(p, _, _)| p.choices.len());
        if let Some(ask) = &mut self.asking
            && choice < count
        {
            ask.selected = choice;
        }
    }

    pub(crate) fn move_prediction(&mut self, delta: i8) {
        let count = self
            .prediction_asked()
            .map_or(0, |(p, _, _)| p.choices.len());
        if let Some(ask) = &mut self.asking
            && count > 0
        {
            ask.selected = if delta < 0 {
                (ask.selected + count - 1) % count
            } else {
                (ask.selected + 1) % count
            };
        }
    }

    /// Enter: grades the highlighted choice against the run shown, saves it, shows the step.
    pub(crate) fn answer_prediction(&mut self) {
        let Some((_, frame, ask)) = self.prediction_asked() else {
            self.asking = None;
            return;
        };
        let (frame, ask) = (frame.clone(), ask.clone());
        let variant = self.current().variant_id().map(str::to_owned);
        let graded = self.predictions.record_frame(
            &self.scenario.file.steps,
            &frame,
            variant.as_deref(),
            ask.selected,
        );
        self.asking = None;
        self.cursor = ask.index;
        self.status = Some(match graded {
            Ok(Some(verdict)) => {
                if verdict.counted
                    && let Some(entry) = self.predictions.get(frame.step_index, variant.as_deref())
                {
                    self.records.push(Record::Prediction(entry.clone()));
                }
                let score = self.predictions.score();
                let said = if verdict.correct {
                    format!("✓ You predicted {}: right.", letter_str(ask.selected))
                } else {
                    format!(
                        "✗ You predicted {}; it is {}.",
                        letter_str(ask.selected),
                        letter_str(verdict.right_choice)
                    )
                };
                format!(
                    "{said} Predictions: {} of {} right.",
                    score.right, score.total
                )
            }
            Ok(None) => "This step has no prediction after all.".to_owned(),
            Err(e) => format!("This prediction cannot be graded: {e}"),
        });
    }

    /// s or →: shows the step without predicting; not asked again this sitting.
    pub(crate) fn skip_prediction(&mut self) {
        let Some((_, frame, ask)) = self.prediction_asked() else {
            self.asking = None;
            return;
        };
        let (step_index, index) = (frame.step_index, ask.index);
        let variant = self.current().variant_id().map(str::to_owned);
        self.predictions.skip(step_index, variant.as_deref());
        self.asking = None;
        self.cursor = index;
        self.status = Some("Skipped the prediction.".to_owned());
    }

    /// Esc or ←: not now; stays on the step before (→ asks again).
    pub(crate) fn cancel_prediction(&mut self) {
        self.asking = None;
        self.forward_from = None;
    }
}
