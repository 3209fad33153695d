//! Predictions: a question asked *before* a step is shown, scored apart from the quiz.

use std::fmt;

use serde::Serialize;

use super::{QuizError, answer_index, letter_list, letter_str};
use crate::flow::Frame;
use crate::scenario::model::{Prediction, StepSpec};
use crate::scenario::vocab::choices_naming;

/// The prediction to ask before showing `frame`, if its step has one (`steps` is the scenario
/// file's `[[steps]]`).
#[must_use]
pub fn prediction_for<'a>(steps: &'a [StepSpec], frame: &Frame) -> Option<&'a Prediction> {
    steps.get(frame.step_index)?.predict.as_ref()
}

/// The result of one prediction.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PredictionVerdict {
    /// Whether the learner predicted right.
    pub correct: bool,
    /// The right choice (0 = `A`).
    pub right_choice: usize,
    /// The prediction's explanation.
    pub explanation: Option<String>,
    /// False when this step already had a prediction in the log: only the first one counts.
    pub counted: bool,
}

/// Grades `choice` (0 = `A`) for `prediction`. With a fixed `answer` the run does not matter;
/// with `field`, the right choice is the one that names `run_value` (equals it, or explains it:
/// [`choices_naming`]), the value of that field of the step in the run being shown (the
/// caller reads it from the frame).
///
/// # Errors
/// [`QuizError::NoSuchChoice`], [`QuizError::NoAnswerKey`] (no `answer`, and no `field` or no
/// run value), [`QuizError::NoRightChoice`] (no one choice names the run's value).
pub fn grade_prediction(
    prediction: &Prediction,
    choice: usize,
    run_value: Option<&str>,
) -> Result<PredictionVerdict, QuizError> {
    let count = prediction.choices.len();
    if choice >= count {
        return Err(QuizError::NoSuchChoice {
            letter: letter_str(choice),
            letters: letter_list(count),
        });
    }
    let right_choice = match (&prediction.answer, &prediction.field, run_value) {
        (Some(answer), _, _) => answer_index(answer, count).ok_or(QuizError::NoAnswerKey)?,
        (None, Some(_), Some(value)) => match choices_naming(&prediction.choices, value)[..] {
            [right] => right,
            _ => {
                return Err(QuizError::NoRightChoice {
                    value: value.to_owned(),
                });
            }
        },
        (None, Some(_) | None, None) | (None, None, Some(_)) => {
            return Err(QuizError::NoAnswerKey);
        }
    };
    Ok(PredictionVerdict {
        correct: choice == right_choice,
        right_choice,
        explanation: prediction.explanation.clone(),
        counted: true,
    })
}

/// One prediction made.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct PredictionEntry {
    /// 0-based index of the step in the file's `[[steps]]` (`Frame::step_index`).
    pub step_index: usize,
    /// The run's variant, `None` for the main path.
    pub variant: Option<String>,
    /// The choice made (0 = `A`).
    pub choice: usize,
    /// The right choice.
    pub right_choice: usize,
    /// Whether they match.
    pub correct: bool,
    /// The chosen choice's text.
    pub choice_text: String,
}

/// Predictions made (and skipped) in one sitting, scored apart from the quiz.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct PredictionLog {
    entries: Vec<PredictionEntry>,
    /// Predictions the learner chose not to make, as (step index, variant): not scored, not
    /// asked again.
    skipped: Vec<(usize, Option<String>)>,
}

/// How many predictions were right.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize)]
pub struct PredictionScore {
    /// Right predictions.
    pub right: usize,
    /// Predictions made.
    pub total: usize,
}

impl fmt::Display for PredictionScore {
    /// "1 of 2 predictions right".
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let noun = if self.total == 1 {
            "prediction"
        } else {
            "predictions"
        };
        write!(f, "{} of {} {noun} right", self.right, self.total)
    }
}

impl PredictionLog {
    /// An empty log.
    #[must_use]
    pub fn new() -> Self {
        Self::default()
    }

    /// Grades and logs a prediction for step `step_index` of the run `variant`. Only the first
    /// prediction per (step, variant) is logged; a later one is graded with `counted = false`.
    ///
    /// # Errors
    /// As [`grade_prediction`]; nothing is logged then.
    pub fn record(
        &mut self,
        step_index: usize,
        variant: Option<&str>,
        prediction: &Prediction,
        choice: usize,
        run_value: Option<&str>,
    ) -> Result<PredictionVerdict, QuizError> {
        let mut verdict = grade_prediction(prediction, choice, run_value)?;
        if self.get(step_index, variant).is_some() {
            verdict.counted = false;
        } else {
            self.entries.push(PredictionEntry {
                step_index,
                variant: variant.map(str::to_owned),
                choice,
                right_choice: verdict.right_choice,
                correct: verdict.correct,
                choice_text: prediction.choices.get(choice).cloned().unwrap_or_default(),
            });
        }
        Ok(verdict)
    }

    /// Grades and logs the learner's `choice` for the prediction of `frame`'s step, reading the
    /// run's value of the prediction's `field` from the frame itself ([`Frame::field`]).
    /// `Ok(None)` when the step has no prediction.
    ///
    /// # Errors
    /// As [`grade_prediction`].
    pub fn record_frame(
        &mut self,
        steps: &[StepSpec],
        frame: &Frame,
        variant: Option<&str>,
        choice: usize,
    ) -> Result<Option<PredictionVerdict>, QuizError> {
        let Some(prediction) = prediction_for(steps, frame) else {
            return Ok(None);
        };
        let value = prediction.field.as_deref().and_then(|f| frame.field(f));
        self.record(
            frame.step_index,
            variant,
            prediction,
            choice,
            value.as_deref(),
        )
        .map(Some)
    }

    /// The prediction made for this step of this run, if any (so a UI asks only once).
    #[must_use]
    pub fn get(&self, step_index: usize, variant: Option<&str>) -> Option<&PredictionEntry> {
        self.entries
            .iter()
            .find(|e| e.step_index == step_index && e.variant.as_deref() == variant)
    }

    /// Notes that the learner skipped the prediction of step `step_index` on `variant`.
    /// Returns false when it was already made or skipped (so a caller records a skip once).
    pub fn skip(&mut self, step_index: usize, variant: Option<&str>) -> bool {
        let new = !self.is_done(step_index, variant);
        if new {
            self.skipped.push((step_index, variant.map(str::to_owned)));
        }
        new
    }

    /// True when the learner skipped the prediction of step `step_index` on `variant` (and has
    /// not made it since).
    #[must_use]
    pub fn was_skipped(&self, step_index: usize, variant: Option<&str>) -> bool {
        self.get(step_index, variant).is_none()
            && self
                .skipped
                .iter()
                .any(|(i, v)| *i == step_index && v.as_deref() == variant)
    }

    /// True when the prediction of step `step_index` on `variant` was made or skipped, so a UI
    /// does not ask it again.
    #[must_use]
    pub fn is_done(&self, step_index: usize, variant: Option<&str>) -> bool {
        self.get(step_index, variant).is_some()
            || self
                .skipped
                .iter()
                .any(|(i, v)| *i == step_index && v.as_deref() == variant)
    }

    /// Every logged prediction, in order.
    #[must_use]
    pub fn entries(&self) -> &[PredictionEntry] {
        &self.entries
    }

    /// The score over logged predictions.
    #[must_use]
    pub fn score(&self) -> PredictionScore {
        PredictionScore {
            right: self.entries.iter().filter(|e| e.correct).count(),
            total: self.entries.len(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_skipped_prediction_is_done_but_not_scored() {
        let mut log = PredictionLog::new();
        assert!(!log.is_done(2, None));
        log.skip(2, None);
        log.skip(2, None);
        assert!(log.is_done(2, None));
        assert!(!log.is_done(2, Some("wrong-password")), "per branch");
        assert_eq!(log.score(), PredictionScore::default());
        assert!(log.entries().is_empty());
    }

    fn predictions() -> Vec<Prediction> {
        let lesson = crate::scenario::resolve(None).unwrap();
        lesson
            .file
            .steps
            .iter()
            .filter_map(|s| s.predict.clone())
            .collect()
    }

    fn fixed(answer: &str) -> Prediction {
        Prediction {
            prompt: "p".into(),
            choices: vec!["yes".into(), "no".into(), "maybe".into()],
            answer: Some(answer.into()),
            field: None,
            explanation: Some("why".into()),
        }
    }

    #[test]
    fn grading_table() {
        let lesson = predictions();
        let verify = &lesson[0];
        let token = &lesson[1];
        let wrong_password = "NotAuthorizedException: Incorrect username or password.";
        // (prediction, choice, run value, Ok(correct, right) or Err)
        type Case<'a> = (
            &'a Prediction,
            usize,
            Option<&'a str>,
            Result<(bool, usize), QuizError>,
        );
        let cases: Vec<Case> = vec![
            (verify, 0, Some("Valid"), Ok((true, 0))),
            (verify, 1, Some("Valid"), Ok((false, 0))),
            (verify, 1, Some(wrong_password), Ok((true, 1))),
            (verify, 0, Some(wrong_password), Ok((false, 1))),
            (verify, 0, Some(" Valid "), Ok((true, 0))),
            (token, 1, Some("JWT token"), Ok((true, 1))),
            (token, 0, Some("JWT token"), Ok((false, 1))),
            (verify, 0, None, Err(QuizError::NoAnswerKey)),
            (
                verify,
                0,
                Some("Something else"),
                Err(QuizError::NoRightChoice {
                    value: "Something else".into(),
                }),
            ),
            (
                verify,
                5,
                Some("Valid"),
                Err(QuizError::NoSuchChoice {
                    letter: "F".into(),
                    letters: "A, B, C, D or E".into(),
                }),
            ),
        ];
        for (p, choice, value, want) in cases {
            let got = grade_prediction(p, choice, value).map(|v| (v.correct, v.right_choice));
            assert_eq!(got, want, "choice {choice}, value {value:?}");
        }
        let key = fixed("b");
        assert!(grade_prediction(&key, 1, None).unwrap().correct);
        assert!(!grade_prediction(&key, 0, Some("yes")).unwrap().correct);
        assert_eq!(
            grade_prediction(&fixed("Q"), 0, None),
            Err(QuizError::NoAnswerKey)
        );
    }

    #[test]
    fn records_against_real_runs() {
        let lesson = crate::scenario::resolve(None).unwrap();
        let steps = &lesson.file.steps;
        let main = crate::flow::run(&lesson, None, 1).unwrap();
        let wrong = crate::flow::run(&lesson, Some("wrong-password"), 1).unwrap();
        let mut log = PredictionLog::new();
        // Step 1 (enter credentials) has no prediction.
        assert_eq!(log.record_frame(steps, &main.frames[0], None, 0), Ok(None));
        // Step 3 (verify): "Valid" on the main path, NotAuthorizedException on the variant.
        let verify = &main.frames[2];
        assert_eq!(verify.step_id.as_deref(), Some("verify"));
        let verdict = log.record_frame(steps, verify, None, 0).unwrap().unwrap();
        assert!(verdict.correct, "A. Valid");
        let verdict = log
            .record_frame(steps, &wrong.frames[2], Some("wrong-password"), 0)
            .unwrap()
            .unwrap();
        assert!(!verdict.correct);
        assert_eq!(verdict.right_choice, 1, "B. NotAuthorizedException");
        // Step 4 (token) exists only on the main path; its right choice is "JWT token".
        let token = &main.frames[3];
        let verdict = log.record_frame(steps, token, None, 1).unwrap().unwrap();
        assert!(verdict.correct);
        assert_eq!(log.score().to_string(), "2 of 3 predictions right");
    }

    #[test]
    fn log_scores_first_prediction_per_step() {
        let mut log = PredictionLog::new();
        let key = fixed("A");
        assert!(log.record(2, None, &key, 0, None).unwrap().counted);
        let again = log.record(2, None, &key, 1, None).unwrap();
        assert!(!again.counted);
        assert!(!again.correct);
        assert!(
            log.record(2, Some("wrong-password"), &key, 1, None)
                .unwrap()
                .counted
        );
        assert!(log.record(9, None, &key, 9, None).is_err());
        assert_eq!(log.entries().len(), 2);
        assert_eq!(log.get(2, None).map(|e| e.correct), Some(true));
        assert_eq!(log.score().to_string(), "1 of 2 predictions right");
        assert_eq!(
            PredictionScore { right: 1, total: 1 }.to_string(),
            "1 of 1 prediction right"
        );
    }
}
