//! The learner's name, asked on the first visit to the quiz when no name is known: a box over
//! the quiz with why it is asked, the name as typed, what is wrong with it (after Enter) and
//! the keys.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};

use super::{Ctx, message_box, wrapped};
use crate::sanitize;
use crate::words::Word;

/// The widest the box gets.
const BOX_MAX: u16 = 72;

/// Draws the question over `area` (the body) while it is open.
pub(crate) fn render(area: Rect, buf: &mut Buffer, ctx: &Ctx<'_>) {
    let Some(typed) = ctx.app.name_typed() else {
        return;
    };
    let (t, words) = (ctx.theme, ctx.words);
    let box_w = area.width.min(BOX_MAX);
    let text_w = box_w.saturating_sub(4);
    let mut lines = wrapped(
        words.get(Word::NameAsk),
        text_w,
        ratatui::style::Style::default(),
    );
    lines.push(Line::default());
    lines.push(Line::from(vec![
        Span::styled(words.get(Word::NameTyped).to_owned(), t.title),
        // What the learner typed is data: controls shown escaped (the editor takes only
        // printable keys, but a paste can carry anything).
        Span::styled(format!("{}▏", sanitize::line(typed)), t.current),
    ]));
    // A refused name says why under it (the status clears on the next key).
    if let Some(status) = ctx.app.status() {
        lines.extend(wrapped(&sanitize::line(status), text_w, t.changed));
    }
    lines.push(Line::default());
    lines.extend(wrapped(words.get(Word::NameKeys), text_w, t.key));
    message_box(area, box_w, words.get(Word::NameTitle), &lines, buf, ctx);
}
