//! A confirmation before something that forgets what the learner did (`R`: start the lesson
//! over): a box over the lesson with the question and its keys.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::Style;

use super::{Ctx, message_box, wrapped};
use crate::app::nav::Confirm;
use crate::words::Word;

/// The widest the box gets.
const BOX_MAX: u16 = 64;

/// Draws the question over `area` (the body) while one is asked.
pub(crate) fn render(area: Rect, buf: &mut Buffer, ctx: &Ctx<'_>) {
    let Some(what) = ctx.app.confirming() else {
        return;
    };
    let (title, question) = match what {
        Confirm::StartOver => (Word::ConfirmTitle, Word::ConfirmStartOver),
    };
    let (t, words) = (ctx.theme, ctx.words);
    let box_w = area.width.min(BOX_MAX);
    let text_w = box_w.saturating_sub(4);
    // "The question? What it forgets · y does it · Esc keeps them": the question, then each
    // key on its own line.
    let mut parts = words.get(question).split(" · ");
    let mut lines = wrapped(parts.next().unwrap_or_default(), text_w, Style::default());
    lines.push(ratatui::text::Line::default());
    for keys in parts {
        lines.extend(wrapped(keys, text_w, t.key));
    }
    message_box(area, box_w, words.get(title), &lines, buf, ctx);
}
