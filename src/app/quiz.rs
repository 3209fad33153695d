//! Mode 6's small quiz state: which question, which choice, what was answered and which hints
//! are showing. Kept apart so it can give way to `crate::quiz`'s session type (issue 5).

use crate::scenario::model::Question;

/// The letter of choice `index` (0 = A).
#[must_use]
pub fn letter(index: usize) -> char {
    u8::try_from(index)
        .ok()
        .filter(|i| *i < 26)
        .map_or('?', |i| char::from(b'A' + i))
}

/// The index of a choice letter ("A" = 0), case-insensitive.
#[must_use]
pub fn index_of_letter(text: &str) -> Option<usize> {
    let mut chars = text.trim().chars();
    let c = chars.next()?.to_ascii_uppercase();
    (chars.next().is_none() && c.is_ascii_uppercase()).then(|| usize::from(c as u8 - b'A'))
}

/// What happened to one question so far.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct QuestionState {
    /// Answers given, right or wrong.
    pub attempts: u32,
    /// The wrong choices tried, in order.
    pub wrong: Vec<usize>,
    /// How many hints are showing (one more after each wrong answer).
    pub hints_shown: usize,
    /// Answered right.
    pub right: bool,
    /// The last answer given: (choice, was it right).
    pub last: Option<(usize, bool)>,
}

/// The quiz as the learner has it.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct QuizState {
    /// The question shown (0-based).
    pub current: usize,
    /// The selected choice (0-based).
    pub selected: usize,
    /// One per question.
    pub questions: Vec<QuestionState>,
}

impl QuizState {
    /// A fresh quiz of `count` questions.
    #[must_use]
    pub fn new(count: usize) -> QuizState {
        QuizState {
            current: 0,
            selected: 0,
            questions: vec![QuestionState::default(); count],
        }
    }

    /// The shown question's state.
    #[must_use]
    pub fn state(&self) -> Option<&QuestionState> {
        self.questions.get(self.current)
    }

    /// Moves the selection by `delta` among `count` choices, wrapping.
    pub fn move_choice(&mut self, delta: isize, count: usize) {
        if count == 0 {
            return;
        }
        let count = isize::try_from(count).unwrap_or(isize::MAX);
        let at = isize::try_from(self.selected).unwrap_or(0);
        self.selected = usize::try_from((at + delta).rem_euclid(count)).unwrap_or(0);
    }

    /// Moves to the next (`1`) or previous (`-1`) question, if there is one.
    pub fn go_question(&mut self, delta: isize) {
        let Some(next) = self.current.checked_add_signed(delta) else {
            return;
        };
        if next < self.questions.len() {
            self.current = next;
            self.selected = 0;
        }
    }

    /// Answers `question` (the shown one) with the selected choice. After a right answer, a
    /// further Enter moves on to the next question.
    pub fn answer(&mut self, question: &Question) {
        let selected = self.selected;
        let Some(state) = self.questions.get_mut(self.current) else {
            return;
        };
        if state.right {
            self.go_question(1);
            return;
        }
        let right = index_of_letter(&question.answer) == Some(selected);
        state.attempts += 1;
        state.last = Some((selected, right));
        if right {
            state.right = true;
        } else {
            if !state.wrong.contains(&selected) {
                state.wrong.push(selected);
            }
            state.hints_shown = (state.hints_shown + 1).min(question.hints.len());
        }
    }

    /// (answered right, total).
    #[must_use]
    pub fn score(&self) -> (usize, usize) {
        (
            self.questions.iter().filter(|q| q.right).count(),
            self.questions.len(),
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn question(answer: &str, hints: usize) -> Question {
        Question {
            id: "q".into(),
            prompt: "?".into(),
            choices: vec!["w".into(), "x".into(), "y".into(), "z".into()],
            answer: answer.into(),
            hints: (0..hints).map(|i| format!("hint {i}")).collect(),
            explanation: None,
            about_step: None,
            proof: None,
        }
    }

    #[test]
    fn letters_round_trip() {
        for (i, l) in [(0, 'A'), (2, 'C'), (5, 'F')] {
            assert_eq!(letter(i), l);
            assert_eq!(index_of_letter(&l.to_string()), Some(i));
        }
        assert_eq!(index_of_letter(" b "), Some(1));
        assert_eq!(index_of_letter("AB"), None);
        assert_eq!(index_of_letter("1"), None);
    }

    #[test]
    fn wrong_answers_show_hints_one_at_a_time_then_right_moves_on() {
        let q = question("C", 2);
        let mut quiz = QuizState::new(2);
        quiz.answer(&q); // A: wrong
        assert_eq!(quiz.state().unwrap().hints_shown, 1);
        quiz.move_choice(1, 4); // B
        quiz.answer(&q);
        quiz.move_choice(1, 4); // C
        quiz.answer(&q);
        let state = quiz.state().unwrap();
        assert_eq!(
            (state.attempts, state.hints_shown, state.right),
            (3, 2, true)
        );
        assert_eq!(state.wrong, [0, 1]);
        assert_eq!(quiz.score(), (1, 2));
        quiz.answer(&q); // Enter again: next question
        assert_eq!((quiz.current, quiz.selected), (1, 0));
    }

    #[test]
    fn selection_wraps() {
        let mut quiz = QuizState::new(1);
        quiz.move_choice(-1, 4);
        assert_eq!(quiz.selected, 3);
        quiz.move_choice(1, 4);
        assert_eq!(quiz.selected, 0);
        quiz.go_question(-1);
        assert_eq!(quiz.current, 0);
    }
}
