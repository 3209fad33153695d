//! Mouse clicks: the screen says where it drew what can be clicked ([`Clicks`], filled while
//! drawing), the TUI looks a click up there, and the app gets the [`Click`] as a message, the
//! same move a key makes (a tab is its digit, a table row is `:` N Enter, a list row is ↑↓
//! then Enter, a quiz choice is its letter, and a click on the chosen one answers it).

use ratatui::layout::{Position, Rect};

use super::Mode;

/// What a click landed on.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Click {
    /// A mode's tab.
    Tab(Mode),
    /// A step's row of the process table (1-based step).
    Step(usize),
    /// A quiz choice (0 = A).
    Choice(usize),
    /// An entry of the open list (branches, lessons), or a row of two branches side by side.
    Row(usize),
}

/// Where each clickable thing was drawn last, in drawing order (a later one is on top).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Clicks(Vec<(Rect, Click)>);

impl Clicks {
    /// Notes that `click` is what `area` shows.
    pub fn add(&mut self, area: Rect, click: Click) {
        if area.width > 0 && area.height > 0 {
            self.0.push((area, click));
        }
    }

    /// What a click at (`column`, `row`) lands on: the topmost thing drawn there.
    #[must_use]
    pub fn at(&self, column: u16, row: u16) -> Option<Click> {
        let at = Position::new(column, row);
        self.0
            .iter()
            .rev()
            .find(|(area, _)| area.contains(at))
            .map(|(_, click)| *click)
    }

    /// Forgets what an area covered by an overlay showed (a box drawn on top hides what is
    /// under it, even where the box has nothing clickable).
    pub fn cover(&mut self, area: Rect) {
        self.0.retain(|(a, _)| a.intersection(area).is_empty());
    }
}

impl super::App {
    /// A click: the move the same thing's key makes. A click on the highlighted entry (a list
    /// row, a choice) takes it, as Enter would.
    pub(super) fn click(&mut self, click: Click) {
        use super::keymap::Command;
        use super::nav::{Event, Pick};
        match click {
            Click::Tab(mode) => {
                self.navigate(Event::Mode(mode));
            }
            Click::Step(number) => {
                self.navigate(Event::GoTo(number));
            }
            Click::Choice(i) => match self.asking() {
                Some(ask) if self.mode().shows_step() => {
                    if ask.selected == i {
                        self.command(Command::PredictAnswer);
                    } else {
                        self.navigate(Event::Choose(Pick::Letter(i)));
                    }
                }
                _ if self.mode() == Mode::Quiz => {
                    let selected = self
                        .quiz
                        .session
                        .as_ref()
                        .map(|s| s.current_state().selected());
                    if selected == Some(i) {
                        self.command(Command::QuizAnswer);
                    } else if self.navigate(Event::Other) {
                        self.quiz.select(i);
                    }
                }
                _ => {}
            },
            Click::Row(i) => {
                let selected = match (self.picking(), self.comparing()) {
                    (Some(picking), _) => Some(picking.selected),
                    (None, Some(comparing)) => Some(comparing.row),
                    (None, None) => None,
                };
                if selected == Some(i) {
                    self.command(Command::ListTake);
                } else {
                    self.navigate(Event::Choose(Pick::Letter(i)));
                }
            }
        }
    }
}
