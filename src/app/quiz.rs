//! Mode 6's state: a [`crate::quiz::QuizSession`] (grading, hints, reveal, score) plus what the
//! screen says about the last thing the learner did. The grading rules live in `crate::quiz`,
//! shared with `cogflow quiz --plain`; this only keeps what the TUI needs to show.

use crate::quiz::{Hint, QuizSession};
use crate::scenario::model::ScenarioFile;

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
        /// The hint this answer uncovered; `None` when every hint is already showing.
        hint: Option<Hint>,
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
            },
            Err(e) => Quiz {
                session: None,
                unavailable: Some(e.to_string()),
                feedback: None,
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

    /// Enter: answers with the selected choice; on a finished question, moves to the next
    /// open one.
    pub fn enter(&mut self) {
        let Some(s) = &mut self.session else {
            return;
        };
        if s.current_state().is_finished() {
            if s.advance() {
                self.feedback = None;
            }
            return;
        }
        let choice = s.current_state().selected();
        if let Ok(v) = s.answer_selected() {
            self.feedback = Some(if v.correct {
                Feedback::Right { choice }
            } else {
                Feedback::Wrong {
                    choice,
                    again: v.already_tried,
                    hint: v.next_hint,
                }
            });
        }
    }

    /// Gives up on the current question.
    pub fn reveal(&mut self) {
        if let Some(s) = &mut self.session
            && let Ok(r) = s.reveal()
        {
            self.feedback = Some(Feedback::Revealed {
                answer: r.answer_shown,
            });
        }
    }

    /// Moves to the next (`1`) or previous (`-1`) question.
    pub fn go(&mut self, delta: i8) {
        if let Some(s) = &mut self.session {
            let moved = if delta < 0 {
                s.prev_question()
            } else {
                s.next_question()
            };
            if moved {
                self.feedback = None;
            }
        }
    }

    /// (answered right, total).
    #[must_use]
    pub fn score(&self) -> (usize, usize) {
        self.session
            .as_ref()
            .map_or((0, 0), |s| (s.score().right, s.score().total))
    }
}
