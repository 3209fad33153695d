//! The class report's event loop: keys in, redraw, until q.

use std::io;

use std::time::Duration;

use crossterm::event::Event;

use super::{Exit, Screen, Wake};
use crate::app::class_view::{ClassView, message_for};
use crate::ui::class_view;
use crate::ui::theme::Theme;

/// Nothing animates, so the loop only wakes for input and signals.
const IDLE: Duration = Duration::from_secs(3600);

/// Shows `view` until the instructor quits or a signal ends it.
///
/// # Errors
/// The terminal could not be read or drawn.
pub fn run(screen: &mut Screen, view: &mut ClassView, theme: &Theme) -> io::Result<Exit> {
    while !view.quitting() {
        screen
            .terminal()
            .draw(|frame| class_view::render(view, theme, frame))?;
        // A resize is an event too, and redraws.
        match screen.wait(IDLE)? {
            Wake::Input(Event::Key(key)) => {
                if let Some(message) = message_for(key) {
                    view.update(message);
                }
            }
            Wake::Input(_) | Wake::Resumed | Wake::Timeout => {}
            Wake::Ended(signal) => return Ok(Exit::Signal(signal)),
        }
    }
    Ok(Exit::Quit)
}
