//! The class report's event loop: keys in, redraw, until q.

use std::io;

use crossterm::event::{self, Event};
use ratatui::DefaultTerminal;

use crate::app::class_view::{ClassView, message_for};
use crate::ui::class_view;
use crate::ui::theme::Theme;

/// Shows `view` until the instructor quits.
///
/// # Errors
/// The terminal could not be read or drawn.
pub fn run(terminal: &mut DefaultTerminal, view: &mut ClassView, theme: &Theme) -> io::Result<()> {
    while !view.quitting() {
        terminal.draw(|frame| class_view::render(view, theme, frame))?;
        // Nothing animates: block until a key (a resize is an event too, and redraws).
        if let Event::Key(key) = event::read()?
            && let Some(message) = message_for(key)
        {
            view.update(message);
        }
    }
    Ok(())
}
