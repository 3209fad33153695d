//! Mode 6's state: a [`crate::quiz::QuizSession`] (grading, hints, reveal, score) plus what the
//! screen says about the last thing the learner did. The grading rules live in `crate::quiz`,
//! shared with `cogflow quiz --plain`; this only keeps what the TUI needs to show.

use crate::quiz::{Attempt, QuizError, QuizSession, Retry};
use crate::scenario::model::ScenarioFile;
use crate::words::{Word, Words};

/// What the last key press in the quiz came to, for the current question.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Feedback {
    /// Answered right.
    Right {
        /// The choice, as shown.
        choice: usize,
    },
    /// Answered wrong.
    Wrong {
        /// The choice, as shown.
        choice: usize,
        /// The learner had tried it already.
        again: bool,
    },
    /// Gave up: the answer is shown.
    Revealed {
        /// The right choice, as shown.
        answer: usize,
    },
}

/// The quiz as the learner has it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Quiz {
    /// The session; `None` when the lesson has no (usable) quiz.
    pub session: Option<QuizSession>,
    /// Why there is no session.
    pub unavailable: Option<String>,
    /// Feedback for the current question, cleared when another question is shown.
    pub feedback: Option<Feedback>,
    /// The summary after the last question is on screen (Enter on a finished quiz).
    pub summary: bool,
}

impl Quiz {
    /// The quiz of `file`, its choices shuffled from `seed` when the file asks for that.
    #[must_use]
    pub fn new(file: &ScenarioFile, seed: u64) -> Quiz {
        match QuizSession::for_scenario(file, seed) {
            Ok(session) => Quiz {
                session: Some(session),
                unavailable: None,
                feedback: None,
                summary: false,
            },
            // No questions (a lab's lesson) is not a fault: mode 6 says so in the lesson's words.
            Err(crate::quiz::QuizError::Empty) => Quiz {
                session: None,
                unavailable: None,
                feedback: None,
                summary: false,
            },
            Err(e) => Quiz {
                session: None,
                unavailable: Some(e.to_string()),
                feedback: None,
                summary: false,
            },
        }
    }

    /// Selects choice `index` (as shown) of the current question, when it has one.
    pub fn select(&mut self, index: usize) {
        if let Some(s) = &mut self.session {
            // A letter past the last choice is simply ignored.
            let _ = s.select(index);
        }
    }

    /// Moves the selection up (`-1`) or down (`1`), wrapping.
    pub fn move_selection(&mut self, delta: i8) {
        if let Some(s) = &mut self.session {
            if delta < 0 {
                s.select_prev();
            } else {
                s.select_next();
            }
        }
    }

    /// Enter: answers with the selected choice and returns the attempt to save; on a
    /// finished question, moves to the next open one, or to the summary when none is left.
    pub fn enter(&mut self) -> Option<Attempt> {
        let s = self.session.as_mut()?;
        if self.summary {
            return None;
        }
        if s.current_state().is_finished() {
            if s.advance() {
                self.feedback = None;
            } else if s.is_finished() {
                self.summary = true;
            }
            return None;
        }
        let choice = s.current_state().selected();
        let v = s.answer_selected().ok()?;
        self.feedback = Some(if v.correct {
            Feedback::Right { choice }
        } else {
            Feedback::Wrong {
                choice,
                again: v.already_tried,
            }
        });
        Some(v.attempt)
    }

    /// Gives up on the current question: shows the answer; returns the attempt to save (a
    /// reveal).
    pub fn reveal(&mut self) -> Option<Attempt> {
        if self.summary {
            return None;
        }
        let r = self.session.as_mut()?.reveal().ok()?;
        self.feedback = Some(Feedback::Revealed {
            answer: r.answer_shown,
        });
        Some(r.attempt)
    }

    /// Shows the current question's next hint. Returns what to tell the learner when there
    /// is none to show.
    pub fn hint(&mut self, words: &Words) -> Option<String> {
        if self.summary {
            return None;
        }
        match self.session.as_mut()?.hint() {
            Ok(Some(_)) => None,
            Ok(None) => Some("No more hints for this question: r shows the answer.".to_owned()),
            Err(QuizError::Finished { .. }) => Some(words.get(Word::QuestionFinished).to_owned()),
            Err(e) => Some(e.to_string()),
        }
    }

    /// Starts the missed questions (or all) over, from the summary. Returns what to tell the
    /// learner.
    pub fn retry(&mut self, which: Retry) -> Option<String> {
        if !self.summary {
            return None;
        }
        let s = self.session.as_mut()?;
        let again = s.retry(which);
        if again.is_empty() {
            return Some("Nothing to retry: every question was right the first time.".to_owned());
        }
        self.summary = false;
        self.feedback = None;
        let n = again.len();
        Some(format!(
            "Round {}: {n} question{} to answer again, the choices in a new order.",
            s.round(),
            if n == 1 { "" } else { "s" }
        ))
    }

    /// Makes question `index` current (coming back from its step).
    pub fn go_to(&mut self, index: usize) {
        if let Some(s) = &mut self.session
            && s.current_index() != index
            && s.go_to(index)
        {
            self.feedback = None;
        }
        self.summary = false;
    }

    /// Moves to the next (`1`) or previous (`-1`) question.
    pub fn go(&mut self, delta: i8) {
        if let Some(s) = &mut self.session {
            let moved = if delta < 0 {
                s.prev_question()
            } else {
                s.next_question()
            };
            if moved || self.summary {
                self.feedback = None;
            }
        }
        self.summary = false;
    }

    /// Moves to the first question, or the last (`last`): Home and End in the quiz.
    pub fn go_end(&mut self, last: bool) {
        if let Some(s) = &mut self.session {
            let index = if last { s.len().saturating_sub(1) } else { 0 };
            let moved = s.current_index() != index && s.go_to(index);
            if moved || self.summary {
                self.feedback = None;
            }
        }
        self.summary = false;
    }

    /// (right the first time, total): the headline score.
    #[must_use]
    pub fn score(&self) -> (usize, usize) {
        self.session
            .as_ref()
            .map_or((0, 0), |s| (s.score().first_try, s.score().total))
    }
}
