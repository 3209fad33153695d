//! Below the minimum size: a plain message instead of a broken layout.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};

use super::text::{center, wrap};
use super::{Ctx, MIN_HEIGHT, MIN_WIDTH};
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
    lines.extend(
        wrap(ctx.words.get(Word::TooSmallEnlarge), w)
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
