//! The quiz: grading, hints, reveals, score, retries, shuffled choices and predictions.
//!
//! Pure logic with no terminal code and no I/O: the TUI's quiz mode and `cogflow quiz --plain`
//! drive the same [`QuizSession`], and whatever they show comes from its return values.
//! Everything a results export needs about one try comes out as an [`Attempt`], which
//! [`crate::progress`] stamps with a time and stores.
//!
//! Letters are how learners and answer keys name choices: `A` is the first choice *as shown*.
//! When a scenario shuffles its choices, each question carries the permutation (see
//! [`QuizQuestion::order`]), answers are graded against the file's original answer, and every
//! [`Attempt`] records both the letter shown and the original choice.

mod predict;
mod session;
mod shuffle;

use std::fmt;

use crate::scenario::model::StepSpec;

pub use predict::{
    PredictionEntry, PredictionLog, PredictionScore, PredictionVerdict, grade_prediction,
    prediction_for,
};
pub use session::{
    Answered, Attempt, ChoiceOrder, Hint, QuestionState, QuizQuestion, QuizSession, Retry, Reveal,
    Score, Status, Verdict,
};
pub use shuffle::permutation;

/// Choice letters are the scenario format's vocabulary (answer keys are letters), so they live
/// with it; the quiz uses them as they are.
pub use crate::scenario::vocab::{MAX_CHOICES, answer_index, index_of, letter, letter_str};

/// Reads a learner's answer: one letter, optionally followed by `.` or `)`, surrounding spaces
/// ignored (`"b"`, `" B. "`, `"b)"`). Returns the letter's index without checking it against a
/// question's choices.
#[must_use]
pub fn parse_choice(input: &str) -> Option<usize> {
    let trimmed = input.trim();
    let core = trimmed
        .strip_suffix('.')
        .or_else(|| trimmed.strip_suffix(')'))
        .unwrap_or(trimmed);
    let mut chars = core.chars();
    match (chars.next(), chars.next()) {
        (Some(c), None) => index_of(c),
        _ => None,
    }
}

/// The letters of `count` choices as an English list: `"A, B, C or D"`, `"A or B"`, `"A"`.
#[must_use]
pub fn letter_list(count: usize) -> String {
    letter_list_in(count, "or")
}

/// The letters of `count` choices as a list in a language whose "or" is `or`.
#[must_use]
pub fn letter_list_in(count: usize, or: &str) -> String {
    let letters: Vec<String> = (0..count.min(MAX_CHOICES)).map(letter_str).collect();
    match letters.split_last() {
        None => String::new(),
        Some((last, [])) => last.clone(),
        Some((last, rest)) => format!("{} {or} {last}", rest.join(", ")),
    }
}

/// The letters of a permutation, in shown order: `[2, 0, 1]` → `"CAB"` (the original choice
/// shown as A, then as B, …).
#[must_use]
pub fn order_letters(order: &[usize]) -> String {
    order.iter().map(|&i| letter_str(i)).collect()
}

/// The step a question is about, resolved against the scenario's `[[steps]]`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StepTarget {
    /// 0-based index in the scenario file's `[[steps]]` (what [`crate::flow::Frame::step_index`]
    /// holds).
    pub index: usize,
    /// The step's id, when the file gave one.
    pub id: Option<String>,
    /// The step's table label, when the file gave one.
    pub label: Option<String>,
}

impl StepTarget {
    /// Resolves a question's `about_step` against `steps`; `None` when it names no step.
    #[must_use]
    pub fn resolve(about: &crate::scenario::model::StepRef, steps: &[StepSpec]) -> Option<Self> {
        let index = about.index_in(steps)?;
        let step = &steps[index];
        Some(Self {
            index,
            id: step.id.clone(),
            label: step.label.clone(),
        })
    }

    /// The position in `frames` of this step's frame, if the run being shown reached it (a step
    /// that only applies after an error is absent from the main path, for instance). The TUI
    /// uses it for "jump to the step this is about".
    #[must_use]
    pub fn frame_in(&self, frames: &[crate::flow::Frame]) -> Option<usize> {
        frames.iter().position(|f| f.step_index == self.index)
    }

    /// How to name the step to a learner: its label, else its id, else "step N" (file order).
    #[must_use]
    pub fn name(&self) -> String {
        self.label
            .clone()
            .or_else(|| self.id.clone())
            .unwrap_or_else(|| format!("step {}", self.index + 1))
    }
}

/// Why a quiz operation was refused. These are values for the caller to show or ignore; none
/// of them changes any state.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum QuizError {
    /// A question's answer key is not the letter of one of its choices.
    #[error("question `{question}`: the answer `{answer}` is not one of the letters {letters}")]
    BadAnswerKey {
        /// The question's id.
        question: String,
        /// The answer as written.
        answer: String,
        /// The letters it could have been.
        letters: String,
    },
    /// A question has fewer than two choices or more than [`MAX_CHOICES`].
    #[error("question `{question}` has {count} choices; a question needs 2 to 26")]
    ChoiceCount {
        /// The question's id.
        question: String,
        /// How many it has.
        count: usize,
    },
    /// The choice is not one of the question's letters.
    #[error("there is no choice {letter}; the choices are {letters}")]
    NoSuchChoice {
        /// The letter tried (`?` if past `Z`).
        letter: String,
        /// The question's letters.
        letters: String,
    },
    /// The question was already answered right or revealed.
    #[error("question `{question}` is already finished")]
    Finished {
        /// The question's id.
        question: String,
    },
    /// The quiz has no questions.
    #[error("this quiz has no questions")]
    Empty,
    /// A prediction gives neither `answer` nor `field`, or `field` without the run's value.
    #[error("the prediction has no answer key (give `answer`, or `field` and the run's value)")]
    NoAnswerKey,
    /// A prediction's `field` names a value none of its choices equals.
    #[error("no choice of the prediction equals the run's value `{value}`")]
    NoRightChoice {
        /// The run's value.
        value: String,
    },
}

impl fmt::Display for StepTarget {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.name())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn letters_and_indices() {
        let cases: &[(usize, Option<char>)] = &[
            (0, Some('A')),
            (1, Some('B')),
            (3, Some('D')),
            (25, Some('Z')),
            (26, None),
            (300, None),
        ];
        for &(index, want) in cases {
            assert_eq!(letter(index), want, "letter({index})");
        }
        let back: &[(char, Option<usize>)] = &[
            ('A', Some(0)),
            ('a', Some(0)),
            ('d', Some(3)),
            ('Z', Some(25)),
            ('1', None),
            ('é', None),
            (' ', None),
        ];
        for &(c, want) in back {
            assert_eq!(index_of(c), want, "index_of({c:?})");
        }
    }

    #[test]
    fn parses_answers() {
        let cases: &[(&str, Option<usize>)] = &[
            ("A", Some(0)),
            ("b", Some(1)),
            ("  C  ", Some(2)),
            ("d.", Some(3)),
            ("B)", Some(1)),
            ("c\r", Some(2)),
            ("", None),
            ("AB", None),
            ("1", None),
            ("hint", None),
            ("é", None),
            (".", None),
        ];
        for &(input, want) in cases {
            assert_eq!(parse_choice(input), want, "parse_choice({input:?})");
        }
    }

    #[test]
    fn lists_letters() {
        let cases: &[(usize, &str)] = &[(0, ""), (1, "A"), (2, "A or B"), (4, "A, B, C or D")];
        for &(n, want) in cases {
            assert_eq!(letter_list(n), want);
        }
        assert_eq!(order_letters(&[2, 0, 3, 1]), "CADB");
    }

    #[test]
    fn resolves_step_targets() {
        use crate::scenario::model::StepRef;
        let lesson = crate::scenario::resolve(None).unwrap();
        let steps = &lesson.file.steps;
        let by_number = StepTarget::resolve(&StepRef::Number(3), steps).unwrap();
        assert_eq!(by_number.index, 2);
        assert_eq!(by_number.id.as_deref(), Some("verify"));
        assert_eq!(by_number.name(), "Cognito verifies credentials");
        let by_id = StepTarget::resolve(&StepRef::Id("rejected".into()), steps).unwrap();
        assert_eq!(by_id.index, 5);
        assert_eq!(StepTarget::resolve(&StepRef::Number(0), steps), None);
        assert_eq!(StepTarget::resolve(&StepRef::Number(99), steps), None);
        assert_eq!(
            StepTarget::resolve(&StepRef::Id("nope".into()), steps),
            None
        );
    }
}
