//! Below the minimum size: a plain message instead of a broken layout.

use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};

use super::text::{center, wrap};
use super::{Ctx, MIN_HEIGHT, MIN_WIDTH};
use crate::app::keymap;
use crate::words::Word;

pub(crate) fn render(area: Rect, buf: &mut Buffer, ctx: &Ctx<'_>) {
    let w = usize::from(area.width);
    let need = ctx.words.fill(
        Word::TooSmallSizes,
        &[
            ("need", &format!("{MIN_WIDTH}x{MIN_HEIGHT}")),
            ("have", &format!("{}x{}", area.width, area.height)),
        ],
    );
    let title = ctx.words.get(Word::TooSmall);
    let whole = format!("{title} {need}");
    // Too narrow for one line: break after the colon, so the sizes stay together.
    let message = if crate::columns::width(&whole) <= w {
        vec![whole]
    } else {
        let mut parts = wrap(title, w);
        parts.extend(wrap(&need, w));
        parts
    };
    let mut lines: Vec<Line<'static>> = message
        .into_iter()
        .map(|l| Line::from(Span::styled(center(&l, w), ctx.theme.title)))
        .collect();
    // The keys work as on a screen big enough: q types into a form or the name question, so
    // there Ctrl-C is the key that quits (the key table says which).
    let q = KeyEvent::new(KeyCode::Char('q'), KeyModifiers::NONE);
    let quits = keymap::binding_for(&q, ctx.app.key_context())
        .is_some_and(|b| b.command == keymap::Command::Quit);
    let key = if quits { "q" } else { "Ctrl-C" };
    lines.extend(
        wrap(&ctx.words.fill(Word::TooSmallEnlarge, &[("key", key)]), w)
            .into_iter()
            .map(|l| Line::raw(center(&l, w))),
    );
    let top = usize::from(area.height).saturating_sub(lines.len()) / 2;
    for (i, line) in lines.iter().enumerate().take(usize::from(area.height)) {
        let y = area.y + u16::try_from(top + i).unwrap_or(0);
        if y < area.bottom() {
            buf.set_line(area.x, y, line, area.width);
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::app::{Command, Message, Mode};
    use crate::ui::tests::{app, screen};

    /// Issue 8 (minor): the too-small screen's quit key is true in every state: q on the
    /// lesson and with help open, Ctrl-C with the try-it form open (q types there).
    #[test]
    fn the_too_small_screen_names_the_key_that_quits_here() {
        let mut app = app(None, 1, Mode::Token);
        let says = |app: &crate::app::App| screen(app, 50, 12);
        assert!(says(&app).contains("press q to quit"), "{}", says(&app));
        app.update(Message::Do(Command::Help));
        assert!(says(&app).contains("press q to quit"), "{}", says(&app));
        app.update(Message::Do(Command::CloseHelp));
        app.update(Message::Do(Command::TryOpen));
        assert!(app.key_context().layer == crate::app::Layer::Form);
        assert!(
            says(&app).contains("press Ctrl-C to quit"),
            "{}",
            says(&app)
        );
    }
}
