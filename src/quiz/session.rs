//! A quiz session: the questions in the order shown, and where the learner is in each.

use std::fmt;

use serde::Serialize;

use super::{QuizError, StepTarget, answer_index, letter_list, letter_str, shuffle};
use crate::scenario::model::{Meta, Question, ScenarioFile, StepSpec};

/// How choices are ordered on screen.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ChoiceOrder {
    /// As written in the scenario file in the first round; a retry round shuffles from `seed`.
    Original {
        /// The seed of the retry rounds' orders.
        seed: u64,
    },
    /// Shuffled per question (and per round) from this seed (see [`super::permutation`]).
    Shuffled {
        /// The seed (`--seed`, or a random one that is then recorded).
        seed: u64,
    },
}

impl ChoiceOrder {
    /// The order a scenario asks for: shuffled from `seed` if its `shuffle_choices` is set.
    #[must_use]
    pub fn for_meta(meta: &Meta, seed: u64) -> Self {
        if meta.shuffle_choices {
            Self::Shuffled { seed }
        } else {
            Self::Original { seed }
        }
    }

    /// The seed, however the first round is ordered.
    #[must_use]
    pub fn seed(self) -> u64 {
        match self {
            Self::Original { seed } | Self::Shuffled { seed } => seed,
        }
    }
}

/// One question, prepared for showing: choices in shown order, answer key resolved.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct QuizQuestion {
    /// Stable id from the file (recorded in results).
    pub id: String,
    /// The question.
    pub prompt: String,
    /// The choices in the order shown: `choices[0]` is shown as `A`.
    pub choices: Vec<String>,
    /// The choices in the file's order.
    pub original: Vec<String>,
    /// The file pins this question's order (`pin_order`): never shuffled.
    pub pinned: bool,
    /// The permutation: `order[shown] = original` index in the file. Identity when unshuffled.
    pub order: Vec<usize>,
    /// The right choice's 0-based index in the file (what the answer key names).
    pub answer_original: usize,
    /// Hints, in the order they are given.
    pub hints: Vec<String>,
    /// Shown after a right answer or a reveal.
    pub explanation: Option<String>,
    /// The step this question is about, if the file names one that exists.
    pub about: Option<StepTarget>,
}

impl QuizQuestion {
    /// The right choice's index as shown.
    #[must_use]
    pub fn answer_shown(&self) -> usize {
        self.order
            .iter()
            .position(|&o| o == self.answer_original)
            .expect("order is a permutation of the choices, so it contains the answer")
    }

    /// The original index of the choice shown at `shown`, if there is one.
    #[must_use]
    pub fn original_of(&self, shown: usize) -> Option<usize> {
        self.order.get(shown).copied()
    }

    /// The choices' letters as an English list, e.g. `"A, B, C or D"`.
    #[must_use]
    pub fn letters(&self) -> String {
        letter_list(self.choices.len())
    }

    fn prepare(q: &Question, steps: &[StepSpec], order: ChoiceOrder) -> Result<Self, QuizError> {
        let count = q.choices.len();
        if !(2..=super::MAX_CHOICES).contains(&count) {
            return Err(QuizError::ChoiceCount {
                question: q.id.clone(),
                count,
            });
        }
        let answer_original =
            answer_index(&q.answer, count).ok_or_else(|| QuizError::BadAnswerKey {
                question: q.id.clone(),
                answer: q.answer.clone(),
                letters: letter_list(count),
            })?;
        let mut question = Self {
            id: q.id.clone(),
            prompt: q.prompt.clone(),
            choices: q.choices.clone(),
            original: q.choices.clone(),
            pinned: q.pin_order,
            order: (0..count).collect(),
            answer_original,
            hints: q.hints.clone(),
            explanation: q.explanation.clone(),
            about: q
                .about_step
                .as_ref()
                .and_then(|r| StepTarget::resolve(r, steps)),
        };
        question.reorder(order, 1);
        Ok(question)
    }

    /// Shows the choices in `order` for round `round`: shuffled from the seed (each round its
    /// own order, so a letter remembered from a round before says nothing), unless pinned.
    /// Returns true when the order shown is a shuffle.
    fn reorder(&mut self, order: ChoiceOrder, round: u32) -> bool {
        let count = self.original.len();
        self.order = match order {
            ChoiceOrder::Shuffled { seed } if !self.pinned => {
                let key = if round <= 1 {
                    self.id.clone()
                } else {
                    format!("{}#round{round}", self.id)
                };
                shuffle::permutation(seed, &key, count)
            }
            ChoiceOrder::Original { .. } | ChoiceOrder::Shuffled { .. } => (0..count).collect(),
        };
        self.choices = self
            .order
            .iter()
            .map(|&o| self.original[o].clone())
            .collect();
        !self.pinned && matches!(order, ChoiceOrder::Shuffled { .. })
    }
}

/// Where a question stands. See [`QuizSession`] for the transitions.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Status {
    /// Not answered yet (hints may have been shown).
    Unanswered,
    /// Answered wrong at least once, not yet right.
    Wrong,
    /// Answered right. Finished.
    Right,
    /// Given up: the answer was shown. Finished.
    Revealed,
}

impl Status {
    /// Right or revealed: nothing more to do on this question until a retry.
    #[must_use]
    pub fn is_finished(self) -> bool {
        matches!(self, Status::Right | Status::Revealed)
    }
}

/// What happens to one question.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Event {
    Answer { correct: bool },
    Hint,
    Reveal,
}

/// The whole state machine of one question: every (state, event) pair is listed, so adding a
/// state or an event does not compile until each move is decided. `None` = refused.
fn transition(status: Status, event: Event) -> Option<Status> {
    match (status, event) {
        (Status::Unanswered | Status::Wrong, Event::Answer { correct: true }) => {
            Some(Status::Right)
        }
        (Status::Unanswered | Status::Wrong, Event::Answer { correct: false }) => {
            Some(Status::Wrong)
        }
        (Status::Unanswered, Event::Hint) => Some(Status::Unanswered),
        (Status::Wrong, Event::Hint) => Some(Status::Wrong),
        (Status::Unanswered | Status::Wrong, Event::Reveal) => Some(Status::Revealed),
        (Status::Right | Status::Revealed, Event::Answer { .. } | Event::Hint | Event::Reveal) => {
            None
        }
    }
}

/// A learner's progress on one question.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct QuestionState {
    status: Status,
    attempts: u32,
    hints_shown: usize,
    tried: Vec<usize>,
    selected: usize,
}

impl QuestionState {
    fn new() -> Self {
        Self {
            status: Status::Unanswered,
            attempts: 0,
            hints_shown: 0,
            tried: Vec::new(),
            selected: 0,
        }
    }

    /// Where the question stands.
    #[must_use]
    pub fn status(&self) -> Status {
        self.status
    }

    /// Answers given so far (right and wrong).
    #[must_use]
    pub fn attempts(&self) -> u32 {
        self.attempts
    }

    /// How many hints have been shown (the first `hints_shown` of the question's hints).
    #[must_use]
    pub fn hints_shown(&self) -> usize {
        self.hints_shown
    }

    /// Wrong choices given, as shown indices, in the order tried (for marking them).
    #[must_use]
    pub fn tried(&self) -> &[usize] {
        &self.tried
    }

    /// The highlighted choice (shown index), for ↑/↓ and Enter.
    #[must_use]
    pub fn selected(&self) -> usize {
        self.selected
    }

    /// Right or revealed.
    #[must_use]
    pub fn is_finished(&self) -> bool {
        self.status.is_finished()
    }

    /// Answered right on the first answer.
    #[must_use]
    pub fn right_first_time(&self) -> bool {
        self.status == Status::Right && self.attempts == 1
    }

    /// Shows the next of `hints` (now counted as shown); `None` when all have been shown.
    fn next_hint(&mut self, hints: &[String]) -> Option<Hint> {
        let text = hints.get(self.hints_shown)?.clone();
        self.hints_shown += 1;
        Some(Hint {
            text,
            number: self.hints_shown,
            of: hints.len(),
        })
    }
}

/// A hint, numbered.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Hint {
    /// The hint.
    pub text: String,
    /// 1-based position among the question's hints.
    pub number: usize,
    /// How many hints the question has.
    pub of: usize,
}

impl fmt::Display for Hint {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "Hint {} of {}: {}", self.number, self.of, self.text)
    }
}

/// One answer or reveal, with everything a results export needs except the time and the
/// scenario (which [`crate::progress`] adds).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Attempt {
    /// The question's id.
    pub question_id: String,
    /// The choice given, as shown (0 = `A`); `None` for a reveal.
    pub choice_shown: Option<usize>,
    /// The same choice's index in the file; `None` for a reveal.
    pub choice_original: Option<usize>,
    /// Whether it was the right answer (always false for a reveal).
    pub correct: bool,
    /// 1 for the first answer to the question, 2 for the second…; for a reveal, the number of
    /// answers given before giving up.
    pub attempt: u32,
    /// The session's round: 1, then one more for each retry (attempt numbers restart).
    pub round: u32,
    /// Hints shown before this answer.
    pub hints_used: usize,
    /// A reveal (give up) rather than an answer.
    pub revealed: bool,
    /// The shuffle seed; `None` when choices were not shuffled.
    pub seed: Option<u64>,
    /// The order shown: `order[shown] = original`.
    pub order: Vec<usize>,
    /// The chosen choice's text; `None` for a reveal.
    pub choice_text: Option<String>,
}

/// The result of answering.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Verdict {
    /// Right or wrong.
    pub correct: bool,
    /// The learner had already tried this (wrong) choice.
    pub already_tried: bool,
    /// Hints shown so far. A wrong answer shows none: it offers the next ([`QuizSession::hint`]).
    pub hints_shown: usize,
    /// Hints still unseen after this answer.
    pub hints_left: usize,
    /// After a right answer: the question's explanation.
    pub explanation: Option<String>,
    /// What to record.
    pub attempt: Attempt,
}

/// The result of giving up.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Reveal {
    /// The right choice, as shown.
    pub answer_shown: usize,
    /// Its text.
    pub answer_text: String,
    /// The question's explanation.
    pub explanation: Option<String>,
    /// What to record.
    pub attempt: Attempt,
}

/// One answer or give-up saved in an earlier sitting, as [`QuizSession::replay`] takes it
/// back: enough to make the same moves again (the choice by its index in the file, so a new
/// shuffle does not matter).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Answered {
    /// The question's id.
    pub question_id: String,
    /// The choice given, by its index in the file; `None` for a reveal.
    pub choice_original: Option<usize>,
    /// A give-up rather than an answer.
    pub revealed: bool,
    /// Hints shown before it.
    pub hints_used: usize,
    /// Its round in its sitting (1, then one more per retry).
    pub round: u32,
}

impl From<&Attempt> for Answered {
    fn from(attempt: &Attempt) -> Self {
        Self {
            question_id: attempt.question_id.clone(),
            choice_original: attempt.choice_original,
            revealed: attempt.revealed,
            hints_used: attempt.hints_used,
            round: attempt.round,
        }
    }
}

/// Which questions [`QuizSession::retry`] starts over.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Retry {
    /// Those not answered right at the first answer (wrong first, revealed, or unanswered).
    Missed,
    /// Every question.
    All,
}

/// The score so far.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize)]
pub struct Score {
    /// Questions answered right now (not revealed), however many answers and rounds it took.
    pub right: usize,
    /// Questions whose very first answer was right: the headline score (a guess that needed
    /// a second answer or a retry round does not count).
    pub first_try: usize,
    /// Questions in the quiz.
    pub total: usize,
    /// Hints shown, over all questions and rounds.
    pub hints_used: usize,
    /// Questions given up.
    pub revealed: usize,
    /// Answers given, over all questions.
    pub attempts: u32,
}

impl fmt::Display for Score {
    /// "1 of 3 right the first time, 1 hint used", with ", 3 right in the end" when more were
    /// answered right later, and ", 1 revealed" when any were.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{} of {} right the first time, ",
            self.first_try, self.total
        )?;
        if self.right > self.first_try {
            write!(f, "{} right in the end, ", self.right)?;
        }
        match self.hints_used {
            0 => f.write_str("no hints used")?,
            1 => f.write_str("1 hint used")?,
            n => write!(f, "{n} hints used")?,
        }
        if self.revealed > 0 {
            write!(f, ", {} revealed", self.revealed)?;
        }
        Ok(())
    }
}

/// A quiz being taken: the questions in shown order and each one's state, plus which question is
/// current. Always holds at least one question.
///
/// Each question is its own small state machine (one total function, `transition`):
///
/// ```text
///   Unanswered ──answer(wrong)──▶ Wrong ──answer(right)──▶ Right
///     │    │                        │
///     │    └──answer(right)──▶ Right │
///     └──reveal──▶ Revealed ◀──reveal┘
///
///   hint:          Unanswered → Unanswered, Wrong → Wrong
///   answer(wrong): Wrong → Wrong
///   Right and Revealed are final: every event is refused (QuizError::Finished)
///   until retry() starts the question over.
/// ```
///
/// A wrong answer also shows the next hint, one at a time and in order; `hint()` shows the next
/// one without answering. Both count as hints used.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct QuizSession {
    questions: Vec<QuizQuestion>,
    states: Vec<QuestionState>,
    /// Per question: how its very first answer went (a reveal counts as not right). Retries
    /// never change it: it is what the headline score counts.
    first: Vec<Option<bool>>,
    /// Per question: its choices are shown in a shuffled order this round.
    shuffled: Vec<bool>,
    /// Hints shown in earlier rounds (a retry starts a question over, not its hint count).
    earlier_hints: usize,
    current: usize,
    order: ChoiceOrder,
    round: u32,
}

impl QuizSession {
    /// Prepares `questions` (validating each answer key), resolving `about_step` against `steps`.
    ///
    /// # Errors
    /// [`QuizError::Empty`] with no questions; [`QuizError::ChoiceCount`] or
    /// [`QuizError::BadAnswerKey`] for a malformed question.
    pub fn new(
        questions: &[Question],
        steps: &[StepSpec],
        order: ChoiceOrder,
    ) -> Result<Self, QuizError> {
        if questions.is_empty() {
            return Err(QuizError::Empty);
        }
        let questions = questions
            .iter()
            .map(|q| QuizQuestion::prepare(q, steps, order))
            .collect::<Result<Vec<_>, _>>()?;
        let shuffled = questions
            .iter()
            .map(|q| !q.pinned && matches!(order, ChoiceOrder::Shuffled { .. }))
            .collect();
        Ok(Self {
            states: questions.iter().map(|_| QuestionState::new()).collect(),
            first: vec![None; questions.len()],
            shuffled,
            earlier_hints: 0,
            questions,
            current: 0,
            order,
            round: 1,
        })
    }

    /// The quiz of a scenario file, shuffled from `seed` only if the file asks for it.
    ///
    /// # Errors
    /// As [`QuizSession::new`].
    pub fn for_scenario(file: &ScenarioFile, seed: u64) -> Result<Self, QuizError> {
        Self::new(
            &file.questions,
            &file.steps,
            ChoiceOrder::for_meta(&file.scenario, seed),
        )
    }

    /// How many questions.
    #[must_use]
    pub fn len(&self) -> usize {
        self.questions.len()
    }

    /// Never true (a session has at least one question); here for clippy's `len` convention.
    #[must_use]
    pub fn is_empty(&self) -> bool {
        self.questions.is_empty()
    }

    /// The shuffle seed, when the current question's choices are shown shuffled (the file
    /// asks for it, or this is a retry round).
    #[must_use]
    pub fn seed(&self) -> Option<u64> {
        self.seed_of(self.current)
    }

    fn seed_of(&self, index: usize) -> Option<u64> {
        self.shuffled
            .get(index)
            .copied()
            .unwrap_or(false)
            .then(|| self.order.seed())
    }

    /// 1 at first; each [`retry`](Self::retry) adds one.
    #[must_use]
    pub fn round(&self) -> u32 {
        self.round
    }

    /// Every question, in quiz order.
    #[must_use]
    pub fn questions(&self) -> &[QuizQuestion] {
        &self.questions
    }

    /// Question `index`, if it exists.
    #[must_use]
    pub fn question(&self, index: usize) -> Option<&QuizQuestion> {
        self.questions.get(index)
    }

    /// The state of question `index`, if it exists.
    #[must_use]
    pub fn state(&self, index: usize) -> Option<&QuestionState> {
        self.states.get(index)
    }

    /// The current question's index.
    #[must_use]
    pub fn current_index(&self) -> usize {
        self.current
    }

    /// The current question.
    #[must_use]
    pub fn current(&self) -> &QuizQuestion {
        &self.questions[self.current]
    }

    /// The current question's state.
    #[must_use]
    pub fn current_state(&self) -> &QuestionState {
        &self.states[self.current]
    }

    /// The hints of the current question shown so far, in order.
    #[must_use]
    pub fn hints_shown(&self) -> &[String] {
        let q = self.current();
        &q.hints[..self.current_state().hints_shown.min(q.hints.len())]
    }

    /// The step the current question is about ("jump to the step this is about").
    #[must_use]
    pub fn about_step(&self) -> Option<&StepTarget> {
        self.current().about.as_ref()
    }

    /// Makes question `index` current. Returns false (and changes nothing) if there is none.
    pub fn go_to(&mut self, index: usize) -> bool {
        let exists = index < self.questions.len();
        if exists {
            self.current = index;
        }
        exists
    }

    /// Moves to the next question; false at the last one.
    pub fn next_question(&mut self) -> bool {
        self.go_to(self.current + 1)
    }

    /// Moves to the previous question; false at the first one.
    pub fn prev_question(&mut self) -> bool {
        self.current
            .checked_sub(1)
            .is_some_and(|index| self.go_to(index))
    }

    /// The first unfinished question after the current one, wrapping around; `None` when every
    /// question is finished.
    #[must_use]
    pub fn next_open(&self) -> Option<usize> {
        let n = self.questions.len();
        (1..=n)
            .map(|k| (self.current + k) % n)
            .find(|&i| !self.states[i].is_finished())
    }

    /// Moves to [`next_open`](Self::next_open); false (staying put) when all are finished.
    pub fn advance(&mut self) -> bool {
        self.next_open().is_some_and(|i| self.go_to(i))
    }

    /// True when every question is right or revealed.
    #[must_use]
    pub fn is_finished(&self) -> bool {
        self.states.iter().all(QuestionState::is_finished)
    }

    /// Highlights choice `shown` of the current question.
    ///
    /// # Errors
    /// [`QuizError::NoSuchChoice`] when it has no such choice.
    pub fn select(&mut self, shown: usize) -> Result<(), QuizError> {
        self.check_choice(shown)?;
        self.states[self.current].selected = shown;
        Ok(())
    }

    /// Highlights the next choice (wrapping), as ↓ does.
    pub fn select_next(&mut self) {
        let n = self.current().choices.len();
        let state = &mut self.states[self.current];
        state.selected = (state.selected + 1) % n;
    }

    /// Highlights the previous choice (wrapping), as ↑ does.
    pub fn select_prev(&mut self) {
        let n = self.current().choices.len();
        let state = &mut self.states[self.current];
        state.selected = (state.selected + n - 1) % n;
    }

    /// Answers the current question with the highlighted choice.
    ///
    /// # Errors
    /// As [`answer`](Self::answer).
    pub fn answer_selected(&mut self) -> Result<Verdict, QuizError> {
        self.answer(self.current_state().selected)
    }

    /// Answers the current question with choice `shown` (0 = `A` as shown), graded against the
    /// file's original answer.
    ///
    /// # Errors
    /// [`QuizError::NoSuchChoice`] or [`QuizError::Finished`]; the state is unchanged.
    pub fn answer(&mut self, shown: usize) -> Result<Verdict, QuizError> {
        self.check_choice(shown)?;
        let seed = self.seed_of(self.current);
        let question = &self.questions[self.current];
        let original = question.order[shown];
        let correct = original == question.answer_original;
        let status = self.step(Event::Answer { correct })?;
        let hint_count = question.hints.len();
        let state = &mut self.states[self.current];
        let hints_before = state.hints_shown;
        state.status = status;
        state.attempts += 1;
        state.selected = shown;
        let already_tried = state.tried.contains(&shown);
        if !correct && !already_tried {
            state.tried.push(shown);
        }
        let first = &mut self.first[self.current];
        if first.is_none() {
            *first = Some(correct);
        }
        let attempt = Attempt {
            question_id: question.id.clone(),
            choice_shown: Some(shown),
            choice_original: Some(original),
            correct,
            attempt: state.attempts,
            round: self.round,
            hints_used: hints_before,
            revealed: false,
            seed,
            order: question.order.clone(),
            choice_text: question.choices.get(shown).cloned(),
        };
        Ok(Verdict {
            correct,
            already_tried,
            hints_shown: state.hints_shown,
            hints_left: hint_count - state.hints_shown.min(hint_count),
            explanation: if correct {
                question.explanation.clone()
            } else {
                None
            },
            attempt,
        })
    }

    /// Shows the current question's next hint. `Ok(None)` when every hint has been shown.
    ///
    /// # Errors
    /// [`QuizError::Finished`] once the question is right or revealed.
    pub fn hint(&mut self) -> Result<Option<Hint>, QuizError> {
        let status = self.step(Event::Hint)?;
        let question = &self.questions[self.current];
        let state = &mut self.states[self.current];
        state.status = status;
        Ok(state.next_hint(&question.hints))
    }

    /// Gives up on the current question: shows the answer and explanation, recorded as revealed.
    ///
    /// # Errors
    /// [`QuizError::Finished`] once the question is right or revealed.
    pub fn reveal(&mut self) -> Result<Reveal, QuizError> {
        let status = self.step(Event::Reveal)?;
        let seed = self.seed_of(self.current);
        let first = &mut self.first[self.current];
        if first.is_none() {
            *first = Some(false);
        }
        let question = &self.questions[self.current];
        let state = &mut self.states[self.current];
        state.status = status;
        let answer_shown = question.answer_shown();
        state.selected = answer_shown;
        Ok(Reveal {
            answer_shown,
            answer_text: question.choices[answer_shown].clone(),
            explanation: question.explanation.clone(),
            attempt: Attempt {
                question_id: question.id.clone(),
                choice_shown: None,
                choice_original: None,
                correct: false,
                attempt: state.attempts,
                round: self.round,
                hints_used: state.hints_shown,
                revealed: true,
                seed,
                order: question.order.clone(),
                choice_text: None,
            },
        })
    }

    /// The score so far, over every question.
    #[must_use]
    pub fn score(&self) -> Score {
        let mut score = Score {
            total: self.questions.len(),
            ..Score::default()
        };
        for state in &self.states {
            score.hints_used += state.hints_shown;
            score.attempts += state.attempts;
            match state.status {
                Status::Right => score.right += 1,
                Status::Revealed => score.revealed += 1,
                Status::Unanswered | Status::Wrong => {}
            }
        }
        score.first_try = self.first.iter().filter(|f| **f == Some(true)).count();
        score.hints_used += self.earlier_hints;
        score
    }

    /// Questions not answered right at the first answer, in quiz order.
    #[must_use]
    pub fn missed(&self) -> Vec<usize> {
        (0..self.states.len())
            .filter(|&i| !self.states[i].right_first_time())
            .collect()
    }

    /// Forgets every answer, hint and round: the quiz as it was before its first answer, its
    /// choices in the first round's order (a start-over of the lesson, `reset` in the plain
    /// quiz). Unlike [`retry`](Self::retry), the first answers go too: the score is 0 again.
    pub fn start_over(&mut self) {
        for (question, shuffled) in self.questions.iter_mut().zip(&mut self.shuffled) {
            *shuffled = question.reorder(self.order, 1);
        }
        self.states = self
            .questions
            .iter()
            .map(|_| QuestionState::new())
            .collect();
        self.first = vec![None; self.questions.len()];
        self.earlier_hints = 0;
        self.current = 0;
        self.round = 1;
    }

    /// Starts questions over (state, attempts, hints) and makes the first of them current.
    /// Returns the indices started over; empty (and nothing changes) if none qualify.
    pub fn retry(&mut self, which: Retry) -> Vec<usize> {
        let again = match which {
            Retry::Missed => self.missed(),
            Retry::All => (0..self.states.len()).collect(),
        };
        if let Some(&first) = again.first() {
            self.round += 1;
            // A new round, a new order: a letter remembered from the last round is no help.
            let order = ChoiceOrder::Shuffled {
                seed: self.order.seed(),
            };
            for &i in &again {
                self.earlier_hints += self.states[i].hints_shown;
                self.states[i] = QuestionState::new();
                self.shuffled[i] = self.questions[i].reorder(order, self.round);
            }
            self.current = first;
        }
        again
    }

    /// Takes back what earlier sittings saved, in the order it was saved, by making the same
    /// moves through the same transitions: hints up to the count shown, then the answer or the
    /// give-up. A round that goes up is a retry of that sitting (of every question when one
    /// right the first time is in it, else of the missed ones). A move the state refuses is
    /// skipped: a file written before answers were restored has sittings that each started
    /// afresh, so a question right in one may be answered again in the next. Then the first
    /// open question is current. Returns how many moves were taken back.
    pub fn replay(&mut self, answers: &[Answered]) -> usize {
        let mut round = 1;
        let mut taken = 0;
        for (i, answer) in answers.iter().enumerate() {
            if answer.round > round {
                let this_round = answers[i..].iter().take_while(|a| a.round == answer.round);
                let all = this_round.into_iter().any(|a| {
                    self.index_of(&a.question_id)
                        .is_some_and(|q| self.states[q].right_first_time())
                });
                self.retry(if all { Retry::All } else { Retry::Missed });
            }
            round = answer.round;
            let Some(index) = self.index_of(&answer.question_id) else {
                continue;
            };
            self.current = index;
            while self.states[index].hints_shown < answer.hints_used {
                if !matches!(self.hint(), Ok(Some(_))) {
                    break;
                }
            }
            let shown = answer
                .choice_original
                .and_then(|o| self.questions[index].order.iter().position(|&x| x == o));
            let moved = match (answer.revealed, shown) {
                (true, _) => self.reveal().is_ok(),
                (false, Some(shown)) => self.answer(shown).is_ok(),
                (false, None) => false,
            };
            taken += usize::from(moved);
        }
        self.current = (0..self.len())
            .find(|&i| !self.states[i].is_finished())
            .unwrap_or(0);
        taken
    }

    fn index_of(&self, question_id: &str) -> Option<usize> {
        self.questions.iter().position(|q| q.id == question_id)
    }

    fn check_choice(&self, shown: usize) -> Result<(), QuizError> {
        let q = self.current();
        if shown < q.choices.len() {
            Ok(())
        } else {
            Err(QuizError::NoSuchChoice {
                letter: letter_str(shown),
                letters: q.letters(),
            })
        }
    }

    fn step(&self, event: Event) -> Result<Status, QuizError> {
        transition(self.current_state().status, event).ok_or_else(|| QuizError::Finished {
            question: self.current().id.clone(),
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::scenario::model::StepRef;

    fn lesson() -> QuizSession {
        let s = crate::scenario::resolve(None).unwrap();
        QuizSession::for_scenario(&s.file, 0).unwrap()
    }

    fn question(id: &str, answer: &str, choices: usize, hints: usize) -> Question {
        Question {
            id: id.into(),
            prompt: format!("{id}?"),
            choices: (0..choices).map(|i| format!("choice {i}")).collect(),
            answer: answer.into(),
            hints: (1..=hints).map(|i| format!("hint {i}")).collect(),
            explanation: Some(format!("because {id}")),
            about_step: None,
            proof: None,
            pin_order: false,
        }
    }

    #[test]
    fn transition_table() {
        use Event::{Answer, Hint, Reveal};
        use Status::{Revealed, Right, Unanswered, Wrong};
        let right = Answer { correct: true };
        let wrong = Answer { correct: false };
        let cases: &[(Status, Event, Option<Status>)] = &[
            (Unanswered, right, Some(Right)),
            (Unanswered, wrong, Some(Wrong)),
            (Unanswered, Hint, Some(Unanswered)),
            (Unanswered, Reveal, Some(Revealed)),
            (Wrong, right, Some(Right)),
            (Wrong, wrong, Some(Wrong)),
            (Wrong, Hint, Some(Wrong)),
            (Wrong, Reveal, Some(Revealed)),
            (Right, right, None),
            (Right, wrong, None),
            (Right, Hint, None),
            (Right, Reveal, None),
            (Revealed, right, None),
            (Revealed, wrong, None),
            (Revealed, Hint, None),
            (Revealed, Reveal, None),
        ];
        for &(from, event, want) in cases {
            assert_eq!(transition(from, event), want, "{from:?} + {event:?}");
        }
    }

    #[test]
    fn grades_the_built_in_lesson() {
        // (question, letter given, correct?)
        let cases: &[(usize, usize, bool)] = &[
            (0, 0, true),
            (0, 1, false),
            (0, 2, false),
            (0, 3, false),
            (1, 0, false),
            (1, 1, false),
            (1, 2, true),
            (1, 3, false),
            (2, 0, false),
            (2, 1, true),
            (2, 2, false),
            (2, 3, false),
        ];
        for &(q, choice, correct) in cases {
            let mut quiz = lesson();
            assert!(quiz.go_to(q));
            let verdict = quiz.answer(choice).unwrap();
            assert_eq!(verdict.correct, correct, "question {q}, choice {choice}");
            assert_eq!(verdict.attempt.choice_original, Some(choice));
            assert_eq!(verdict.attempt.attempt, 1);
            assert_eq!(verdict.attempt.seed, None, "the lesson does not shuffle");
            assert_eq!(verdict.attempt.order, vec![0, 1, 2, 3]);
            if correct {
                assert!(verdict.explanation.is_some());
            } else {
                assert_eq!(verdict.explanation, None);
                assert_eq!(
                    (verdict.hints_shown, verdict.hints_left),
                    (0, 2),
                    "a wrong answer offers a hint, it does not spend one"
                );
            }
        }
    }

    #[test]
    fn rejects_bad_answer_keys_and_choice_counts() {
        let cases: &[(&str, usize, bool)] = &[
            ("A", 4, true),
            ("d", 4, true),
            (" B ", 2, true),
            ("E", 4, false),
            ("", 4, false),
            ("AB", 4, false),
            ("1", 4, false),
            ("A", 1, false),
            ("A", 27, false),
        ];
        for &(answer, choices, ok) in cases {
            let result = QuizSession::new(
                &[question("q", answer, choices, 1)],
                &[],
                ChoiceOrder::Original { seed: 0 },
            );
            assert_eq!(
                result.is_ok(),
                ok,
                "answer {answer:?} with {choices} choices"
            );
        }
        assert_eq!(
            QuizSession::new(&[], &[], ChoiceOrder::Original { seed: 0 }),
            Err(QuizError::Empty)
        );
    }

    #[test]
    fn wrong_answers_offer_hints_and_only_asking_shows_them() {
        let mut quiz = QuizSession::new(
            &[question("q", "C", 4, 2)],
            &[],
            ChoiceOrder::Original { seed: 0 },
        )
        .unwrap();
        let first = quiz.answer(0).unwrap();
        assert!(!first.correct);
        assert_eq!((first.hints_shown, first.hints_left), (0, 2));
        assert!(
            quiz.hints_shown().is_empty(),
            "nothing spent by a wrong answer"
        );
        assert_eq!(
            quiz.hint().unwrap().unwrap().to_string(),
            "Hint 1 of 2: hint 1"
        );
        let second = quiz.answer(1).unwrap();
        assert_eq!((second.hints_shown, second.hints_left), (1, 1));
        assert_eq!(second.attempt.hints_used, 1);
        assert_eq!(second.attempt.attempt, 2);
        assert_eq!(quiz.hint().unwrap().unwrap().number, 2);
        assert_eq!(quiz.hint().unwrap(), None, "no hints left");
        let third = quiz.answer(0).unwrap();
        assert!(third.already_tried);
        assert_eq!(third.hints_left, 0);
        assert_eq!(quiz.current_state().tried(), &[0, 1]);
        assert_eq!(quiz.hints_shown(), &["hint 1", "hint 2"]);
        let right = quiz.answer(2).unwrap();
        assert!(right.correct);
        assert_eq!(right.attempt.attempt, 4);
        assert_eq!(right.explanation.as_deref(), Some("because q"));
        assert_eq!(
            quiz.score().to_string(),
            "0 of 1 right the first time, 1 right in the end, 2 hints used"
        );
        assert_eq!(
            quiz.answer(2),
            Err(QuizError::Finished {
                question: "q".into()
            })
        );
        assert!(matches!(quiz.hint(), Err(QuizError::Finished { .. })));
        assert!(matches!(quiz.reveal(), Err(QuizError::Finished { .. })));
    }

    #[test]
    fn hint_before_answering_counts_as_used() {
        let mut quiz = QuizSession::new(
            &[question("q", "A", 3, 3)],
            &[],
            ChoiceOrder::Original { seed: 0 },
        )
        .unwrap();
        assert_eq!(quiz.hint().unwrap().unwrap().number, 1);
        assert_eq!(quiz.current_state().status(), Status::Unanswered);
        let verdict = quiz.answer(0).unwrap();
        assert_eq!(verdict.attempt.hints_used, 1);
        assert_eq!(
            quiz.score().to_string(),
            "1 of 1 right the first time, 1 hint used"
        );
    }

    #[test]
    fn reveal_records_a_give_up() {
        let mut quiz = QuizSession::new(
            &[question("q", "B", 3, 1)],
            &[],
            ChoiceOrder::Original { seed: 0 },
        )
        .unwrap();
        quiz.answer(0).unwrap();
        let reveal = quiz.reveal().unwrap();
        assert_eq!(reveal.answer_shown, 1);
        assert_eq!(reveal.answer_text, "choice 1");
        assert_eq!(reveal.explanation.as_deref(), Some("because q"));
        assert!(reveal.attempt.revealed);
        assert!(!reveal.attempt.correct);
        assert_eq!(reveal.attempt.choice_shown, None);
        assert_eq!(reveal.attempt.attempt, 1);
        assert_eq!(reveal.attempt.hints_used, 0);
        assert_eq!(quiz.current_state().status(), Status::Revealed);
        let score = quiz.score();
        assert_eq!((score.right, score.revealed), (0, 1));
        assert_eq!(
            score.to_string(),
            "0 of 1 right the first time, no hints used, 1 revealed"
        );
    }

    #[test]
    fn invalid_choice_changes_nothing() {
        let mut quiz = lesson();
        let before = quiz.clone();
        assert_eq!(
            quiz.answer(4),
            Err(QuizError::NoSuchChoice {
                letter: "E".into(),
                letters: "A, B, C or D".into()
            })
        );
        assert!(quiz.select(9).is_err());
        assert_eq!(quiz, before);
    }

    #[test]
    fn start_over_forgets_answers_hints_and_rounds() {
        let file = crate::scenario::resolve(None).unwrap().file;
        let fresh = QuizSession::new(
            &file.questions,
            &file.steps,
            ChoiceOrder::Shuffled { seed: 3 },
        )
        .unwrap();
        let mut quiz = fresh.clone();
        quiz.hint().unwrap();
        let wrong = (0..quiz.current().choices.len())
            .find(|&c| c != quiz.current().answer_shown())
            .unwrap();
        quiz.answer(wrong).unwrap();
        quiz.retry(Retry::All);
        assert_eq!(quiz.round(), 2);
        quiz.start_over();
        assert_eq!(
            quiz, fresh,
            "as new: states, first answers, hints, round 1, order"
        );
        assert_eq!(quiz.score().first_try, 0);
    }

    #[test]
    fn score_display_table() {
        let score = |first_try, right, hints_used, revealed| Score {
            first_try,
            right,
            total: 3,
            hints_used,
            revealed,
            ..Score::default()
        };
        let cases: &[(Score, &str)] = &[
            (
                score(2, 2, 1, 0),
                "2 of 3 right the first time, 1 hint used",
            ),
            (
                score(3, 3, 0, 0),
                "3 of 3 right the first time, no hints used",
            ),
            (
                score(0, 2, 0, 0),
                "0 of 3 right the first time, 2 right in the end, no hints used",
            ),
            (
                score(1, 1, 4, 2),
                "1 of 3 right the first time, 4 hints used, 2 revealed",
            ),
        ];
        for (score, want) in cases {
            assert_eq!(score.to_string(), *want);
        }
    }

    #[test]
    fn selection_moves_and_wraps() {
        let mut quiz = lesson();
        assert_eq!(quiz.current_state().selected(), 0);
        quiz.select_prev();
        assert_eq!(quiz.current_state().selected(), 3);
        quiz.select_next();
        quiz.select_next();
        assert_eq!(quiz.current_state().selected(), 1);
        quiz.select(0).unwrap();
        assert!(quiz.answer_selected().unwrap().correct);
    }

    #[test]
    fn navigation_and_next_open() {
        let mut quiz = lesson();
        assert!(!quiz.prev_question());
        assert!(quiz.next_question());
        assert!(quiz.next_question());
        assert!(!quiz.next_question());
        assert_eq!(quiz.current_index(), 2);
        assert!(quiz.answer(1).unwrap().correct);
        assert_eq!(quiz.next_open(), Some(0));
        assert!(quiz.advance());
        assert!(quiz.answer(0).unwrap().correct);
        assert_eq!(quiz.next_open(), Some(1));
        assert!(quiz.advance());
        assert!(quiz.answer(2).unwrap().correct);
        assert_eq!(quiz.next_open(), None);
        assert!(!quiz.advance());
        assert!(quiz.is_finished());
    }

    #[test]
    fn a_replay_of_the_saved_moves_restores_every_question_and_the_score() {
        let mut quiz = lesson();
        let mut saved = Vec::new();
        quiz.hint().unwrap();
        saved.push(quiz.answer(0).unwrap().attempt); // q1 right first time, after a hint
        quiz.next_question();
        saved.push(quiz.answer(0).unwrap().attempt); // q2 wrong
        quiz.retry(Retry::Missed); // round 2: q2 and the unanswered q3
        saved.push(quiz.answer(quiz.current().answer_shown()).unwrap().attempt);
        quiz.next_question();
        saved.push(quiz.reveal().unwrap().attempt); // q3 given up in round 2
        let answers: Vec<Answered> = saved.iter().map(Answered::from).collect();
        // Another sitting: another seed, so another order in round 2; the moves still land.
        let file = crate::scenario::resolve(None).unwrap().file;
        let mut again = QuizSession::new(
            &file.questions,
            &file.steps,
            ChoiceOrder::Original { seed: 99 },
        )
        .unwrap();
        assert_eq!(again.replay(&answers), 4);
        let seen = |q: &QuizSession, i| {
            let s = q.state(i).unwrap();
            (s.status(), s.attempts(), s.hints_shown())
        };
        for i in 0..3 {
            assert_eq!(seen(&again, i), seen(&quiz, i), "question {i}");
        }
        assert_eq!(again.score(), quiz.score());
        assert_eq!(again.round(), 2);
        assert!(again.is_finished());
        // A sitting from before answers were restored started afresh: its answer to a
        // question already right is refused and skipped; the rest is taken back.
        let mut fresh = lesson();
        let stale = Answered {
            round: 1,
            ..answers[0].clone()
        };
        assert_eq!(
            fresh.replay(&[answers[0].clone(), stale, answers[1].clone()]),
            2
        );
        assert_eq!(fresh.score().first_try, 1);
        assert_eq!(
            fresh.current_index(),
            1,
            "the first open question is current"
        );
    }

    #[test]
    fn retry_missed_or_all() {
        let mut quiz = lesson();
        quiz.answer(0).unwrap(); // q1 right first time
        quiz.next_question();
        quiz.answer(0).unwrap(); // q2 wrong…
        quiz.answer(2).unwrap(); // …then right
        quiz.next_question();
        quiz.reveal().unwrap(); // q3 given up
        assert_eq!(quiz.missed(), vec![1, 2]);
        let score = quiz.score();
        assert_eq!((score.right, score.first_try, score.revealed), (2, 1, 1));
        assert_eq!(quiz.retry(Retry::Missed), vec![1, 2]);
        assert_eq!(quiz.round(), 2);
        assert_eq!(quiz.current_index(), 1);
        assert_eq!(quiz.state(0).unwrap().status(), Status::Right);
        assert_eq!(quiz.state(1).unwrap().status(), Status::Unanswered);
        assert_eq!(quiz.state(2).unwrap().attempts(), 0);
        let right = quiz.current().answer_shown();
        let verdict = quiz.answer(right).unwrap();
        assert!(verdict.correct);
        assert_eq!(
            verdict.attempt.seed,
            Some(0),
            "round 2 is shuffled, and says so"
        );
        assert_eq!(verdict.attempt.round, 2);
        quiz.next_question();
        let right = quiz.current().answer_shown();
        assert!(quiz.answer(right).unwrap().correct);
        assert!(quiz.missed().is_empty());
        assert_eq!(
            quiz.score().to_string(),
            "1 of 3 right the first time, 3 right in the end, no hints used",
            "a retry round never raises the headline"
        );
        assert!(quiz.retry(Retry::Missed).is_empty());
        assert_eq!(quiz.round(), 2, "nothing to retry: nothing changes");
        assert_eq!(quiz.retry(Retry::All), vec![0, 1, 2]);
        assert_eq!(quiz.score().right, 0);
        assert_eq!(quiz.score().first_try, 1);
        assert_eq!(quiz.current_index(), 0);
    }

    #[test]
    fn every_retry_round_has_its_own_seeded_order_unless_pinned() {
        let mut pinned = question("pinned", "D", 4, 1);
        pinned.pin_order = true;
        let questions = [question("q", "A", 4, 1), pinned];
        let orders = |seed: u64| {
            let mut quiz =
                QuizSession::new(&questions, &[], ChoiceOrder::Original { seed }).unwrap();
            let mut seen = vec![(quiz.question(0).unwrap().order.clone(), quiz.seed())];
            for _ in 0..6 {
                quiz.retry(Retry::All);
                seen.push((quiz.question(0).unwrap().order.clone(), quiz.seed()));
                let pin = quiz.question(1).unwrap();
                assert_eq!(pin.order, [0, 1, 2, 3], "a pinned question keeps its order");
                assert_eq!(pin.choices, pin.original);
            }
            seen
        };
        let first = orders(7);
        assert_eq!(first, orders(7), "the same seed, the same orders");
        assert_eq!(first[0], (vec![0, 1, 2, 3], None), "round 1 as in the file");
        assert!(first[1..].iter().all(|(_, seed)| *seed == Some(7)));
        let distinct: std::collections::BTreeSet<&Vec<usize>> =
            first.iter().map(|(o, _)| o).collect();
        assert!(distinct.len() >= 3, "rounds differ: {first:?}");
        // The shown choices follow the order, and grading follows the file's answer.
        let mut quiz =
            QuizSession::new(&questions, &[], ChoiceOrder::Original { seed: 7 }).unwrap();
        quiz.retry(Retry::All);
        let q = quiz.current().clone();
        for (shown, &original) in q.order.iter().enumerate() {
            assert_eq!(q.choices[shown], q.original[original]);
        }
        assert_eq!(q.order[q.answer_shown()], 0, "A in the file");
    }

    #[test]
    fn about_step_resolves_numbers_and_ids() {
        let mut quiz = lesson();
        assert_eq!(quiz.about_step().map(|t| t.index), Some(2));
        quiz.go_to(2);
        assert_eq!(
            quiz.about_step().and_then(|t| t.id.as_deref()),
            Some("rejected")
        );
        let mut q = question("q", "A", 2, 1);
        q.about_step = Some(StepRef::Id("missing".into()));
        let quiz = QuizSession::new(&[q], &[], ChoiceOrder::Original { seed: 0 }).unwrap();
        assert_eq!(quiz.about_step(), None);
    }

    #[test]
    fn shuffled_choices_grade_against_the_original_answer() {
        let file = crate::scenario::resolve(None).unwrap().file;
        for seed in 0..30 {
            let mut quiz =
                QuizSession::new(&file.questions, &file.steps, ChoiceOrder::Shuffled { seed })
                    .unwrap();
            assert_eq!(quiz.seed(), Some(seed));
            for (i, original) in file.questions.iter().enumerate() {
                quiz.go_to(i);
                let q = quiz.current().clone();
                assert_eq!(q.order, super::super::permutation(seed, &q.id, 4));
                for (shown, &o) in q.order.iter().enumerate() {
                    assert_eq!(q.choices[shown], original.choices[o], "seed {seed}");
                }
                let right = q.answer_shown();
                assert_eq!(
                    super::super::letter_str(q.order[right]),
                    original.answer,
                    "seed {seed}, {}",
                    q.id
                );
                let wrong = (right + 1) % 4;
                let verdict = quiz.answer(wrong).unwrap();
                assert!(!verdict.correct);
                assert_eq!(verdict.attempt.choice_shown, Some(wrong));
                assert_eq!(verdict.attempt.choice_original, Some(q.order[wrong]));
                assert_eq!(verdict.attempt.seed, Some(seed));
                assert!(quiz.answer(right).unwrap().correct);
            }
        }
    }

    #[test]
    fn shuffle_only_when_the_scenario_asks() {
        let mut file = crate::scenario::resolve(None).unwrap().file;
        let plain = QuizSession::for_scenario(&file, 5).unwrap();
        assert_eq!(plain.seed(), None);
        file.scenario.shuffle_choices = true;
        let shuffled = QuizSession::for_scenario(&file, 5).unwrap();
        assert_eq!(shuffled.seed(), Some(5));
        assert_eq!(shuffled, QuizSession::for_scenario(&file, 5).unwrap());
    }
}
