//! The class report in the terminal (`cogflow class report --tui`, `cogflow class PATH...`):
//! its own small model, one message type and one update, beside the lesson's [`super::App`].
//! One key table ([`KEYS`]) drives the keys, the footer and the help line.
//!
//! Four views of the lesson shown: questions (one at a time, a bar chart of what the class did
//! with it), predictions (likewise), learners (a table), needs attention (a list). ←/→ step
//! through the questions or predictions; Tab changes view; `[`/`]` change lesson when the
//! files held several.

use crossterm::event::{KeyCode, KeyEvent, KeyEventKind, KeyModifiers};

use crate::class::{LessonReport, Report};

/// The four views.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum View {
    /// One question at a time.
    Questions,
    /// One prediction at a time.
    Predictions,
    /// Every learner, a row each.
    Learners,
    /// Questions and learners under 50% right the first time.
    Attention,
}

impl View {
    /// Every view, in tab order.
    pub const ALL: [View; 4] = [
        View::Questions,
        View::Predictions,
        View::Learners,
        View::Attention,
    ];

    /// The tab's title.
    #[must_use]
    pub fn title(self) -> &'static str {
        match self {
            View::Questions => "Questions",
            View::Predictions => "Predictions",
            View::Learners => "Learners",
            View::Attention => "Needs attention",
        }
    }

    fn index(self) -> usize {
        View::ALL.iter().position(|v| *v == self).unwrap_or(0)
    }
}

/// Everything the view can be asked to do.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Message {
    /// The next question or prediction; the next learner row.
    Next,
    /// The previous one.
    Prev,
    /// The first one.
    First,
    /// The last one.
    Last,
    /// The next view.
    NextView,
    /// The previous view.
    PrevView,
    /// A view by its number (1-4).
    Show(View),
    /// The next lesson (version) in the report.
    NextLesson,
    /// The previous lesson.
    PrevLesson,
    /// Open or close the key help.
    Help,
    /// Leave.
    Quit,
}

/// The key table: the keys as the footer and help show them, what they do, and the message.
pub const KEYS: &[(&str, &str, Message)] = &[
    ("→ l n", "next", Message::Next),
    ("← h p", "previous", Message::Prev),
    ("Home g", "first", Message::First),
    ("End G", "last", Message::Last),
    ("Tab", "next view", Message::NextView),
    ("Shift-Tab", "previous view", Message::PrevView),
    ("1-4", "a view", Message::Show(View::Questions)),
    ("] [", "next / previous lesson", Message::NextLesson),
    ("?", "keys", Message::Help),
    ("q Esc", "quit", Message::Quit),
];

/// The message a key press means, if any (releases and repeats of other platforms ignored).
#[must_use]
pub fn message_for(key: KeyEvent) -> Option<Message> {
    if key.kind != KeyEventKind::Press {
        return None;
    }
    if key.modifiers.contains(KeyModifiers::CONTROL) && key.code == KeyCode::Char('c') {
        return Some(Message::Quit);
    }
    Some(match key.code {
        KeyCode::Right | KeyCode::Down | KeyCode::Char('l' | 'n' | 'j' | ' ') => Message::Next,
        KeyCode::Left | KeyCode::Up | KeyCode::Char('h' | 'p' | 'k') => Message::Prev,
        KeyCode::Home | KeyCode::Char('g') => Message::First,
        KeyCode::End | KeyCode::Char('G') => Message::Last,
        KeyCode::Tab => Message::NextView,
        KeyCode::BackTab => Message::PrevView,
        KeyCode::Char(c @ '1'..='4') => Message::Show(View::ALL[usize::from(c as u8 - b'1')]),
        KeyCode::Char(']') => Message::NextLesson,
        KeyCode::Char('[') => Message::PrevLesson,
        KeyCode::Char('?') => Message::Help,
        KeyCode::Char('q') | KeyCode::Esc => Message::Quit,
        _ => return None,
    })
}

/// The class report being looked at.
#[derive(Debug, Clone)]
pub struct ClassView {
    report: Report,
    lesson: usize,
    view: View,
    /// Per view: which question, prediction or learner row is selected.
    selected: [usize; 4],
    help: bool,
    quit: bool,
}

impl ClassView {
    /// The first lesson's questions.
    #[must_use]
    pub fn new(report: Report) -> Self {
        Self {
            report,
            lesson: 0,
            view: View::Questions,
            selected: [0; 4],
            help: false,
            quit: false,
        }
    }

    /// The whole report.
    #[must_use]
    pub fn report(&self) -> &Report {
        &self.report
    }

    /// The lesson shown, if the report has any.
    #[must_use]
    pub fn lesson(&self) -> Option<&LessonReport> {
        self.report.lessons.get(self.lesson)
    }

    /// Which lesson (0-based) of how many.
    #[must_use]
    pub fn lesson_position(&self) -> (usize, usize) {
        (self.lesson, self.report.lessons.len())
    }

    /// The view shown.
    #[must_use]
    pub fn view(&self) -> View {
        self.view
    }

    /// The selected item of the view shown (a question, prediction or learner index).
    #[must_use]
    pub fn selected(&self) -> usize {
        self.selected[self.view.index()]
    }

    /// Whether the key help is open.
    #[must_use]
    pub fn help_open(&self) -> bool {
        self.help
    }

    /// Whether the learner asked to leave.
    #[must_use]
    pub fn quitting(&self) -> bool {
        self.quit
    }

    /// How many items the view shown steps through.
    fn items(&self) -> usize {
        self.lesson().map_or(0, |l| match self.view {
            View::Questions => l.questions.len(),
            View::Predictions => l.predictions.len(),
            View::Learners => l.learners.len(),
            View::Attention => l.needs_attention.questions.len() + l.needs_attention.learners.len(),
        })
    }

    /// The one update.
    pub fn update(&mut self, message: Message) {
        let items = self.items();
        let at = &mut self.selected[self.view.index()];
        let views = View::ALL.len();
        let lessons = self.report.lessons.len().max(1);
        match message {
            Message::Next => *at = (*at + 1).min(items.saturating_sub(1)),
            Message::Prev => *at = at.saturating_sub(1),
            Message::First => *at = 0,
            Message::Last => *at = items.saturating_sub(1),
            Message::NextView => self.view = View::ALL[(self.view.index() + 1) % views],
            Message::PrevView => self.view = View::ALL[(self.view.index() + views - 1) % views],
            Message::Show(view) => self.view = view,
            Message::NextLesson => {
                self.lesson = (self.lesson + 1) % lessons;
                self.selected = [0; 4];
            }
            Message::PrevLesson => {
                self.lesson = (self.lesson + lessons - 1) % lessons;
                self.selected = [0; 4];
            }
            Message::Help => self.help = !self.help,
            Message::Quit if self.help => self.help = false,
            Message::Quit => self.quit = true,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::class::{Attention, LessonReport, QuestionStats};

    fn report(questions: usize, lessons: usize) -> Report {
        let question = |i: usize| QuestionStats {
            question_id: format!("q{}", i + 1),
            prompt: None,
            answered: 1,
            first_try_right: 1,
            first_try_right_pct: Some(100),
            after_hints: 0,
            revealed: 0,
            still_wrong: 0,
            never_answered: 0,
            top_wrong_choice: None,
            median_hints: Some(0.0),
        };
        let lesson = |i: usize| LessonReport {
            scenario_id: format!("lesson-{i}"),
            content_hash: "h".into(),
            title: None,
            version: None,
            learner_count: 1,
            questions: (0..questions).map(question).collect(),
            predictions: Vec::new(),
            learners: Vec::new(),
            needs_attention: Attention::default(),
        };
        Report {
            report_format: 1,
            files_read: 1,
            files_skipped: 0,
            rows_read: 1,
            duplicate_rows: 0,
            warnings: Vec::new(),
            lessons: (0..lessons).map(lesson).collect(),
        }
    }

    #[test]
    fn keys_step_views_and_lessons() {
        let mut view = ClassView::new(report(3, 2));
        // (message, view after, selected after, lesson after)
        let steps: &[(Message, View, usize, usize)] = &[
            (Message::Next, View::Questions, 1, 0),
            (Message::Next, View::Questions, 2, 0),
            (Message::Next, View::Questions, 2, 0),
            (Message::Prev, View::Questions, 1, 0),
            (Message::First, View::Questions, 0, 0),
            (Message::Last, View::Questions, 2, 0),
            (Message::NextView, View::Predictions, 0, 0),
            (Message::Next, View::Predictions, 0, 0),
            (Message::PrevView, View::Questions, 2, 0),
            (Message::Show(View::Attention), View::Attention, 0, 0),
            (Message::NextView, View::Questions, 2, 0),
            (Message::NextLesson, View::Questions, 0, 1),
            (Message::NextLesson, View::Questions, 0, 0),
            (Message::PrevLesson, View::Questions, 0, 1),
        ];
        for (i, &(message, want_view, want_selected, want_lesson)) in steps.iter().enumerate() {
            view.update(message);
            assert_eq!(
                (view.view(), view.selected(), view.lesson_position().0),
                (want_view, want_selected, want_lesson),
                "step {i}: {message:?}"
            );
        }
        view.update(Message::Help);
        view.update(Message::Quit);
        assert!(
            !view.help_open() && !view.quitting(),
            "q closes the help first"
        );
        view.update(Message::Quit);
        assert!(view.quitting());
    }

    #[test]
    fn an_empty_report_does_not_move_or_panic() {
        let mut view = ClassView::new(report(0, 0));
        for message in [
            Message::Next,
            Message::Last,
            Message::NextLesson,
            Message::PrevView,
        ] {
            view.update(message);
        }
        assert_eq!(view.selected(), 0);
        assert!(view.lesson().is_none());
    }

    #[test]
    fn keys_map_to_messages() {
        let key = |code| message_for(KeyEvent::from(code));
        assert_eq!(key(KeyCode::Right), Some(Message::Next));
        assert_eq!(key(KeyCode::Char('h')), Some(Message::Prev));
        assert_eq!(key(KeyCode::Char('3')), Some(Message::Show(View::Learners)));
        assert_eq!(key(KeyCode::Char('5')), None);
        assert_eq!(key(KeyCode::Tab), Some(Message::NextView));
        assert_eq!(key(KeyCode::Esc), Some(Message::Quit));
        assert_eq!(
            message_for(KeyEvent::new(KeyCode::Char('c'), KeyModifiers::CONTROL)),
            Some(Message::Quit)
        );
        // Every message a key can send is in the table the footer shows.
        for code in [
            KeyCode::Right,
            KeyCode::Left,
            KeyCode::Home,
            KeyCode::End,
            KeyCode::Tab,
            KeyCode::BackTab,
            KeyCode::Char(']'),
            KeyCode::Char('?'),
            KeyCode::Char('q'),
        ] {
            let message = key(code).unwrap();
            assert!(KEYS.iter().any(|(_, _, m)| *m == message), "{message:?}");
        }
    }
}
