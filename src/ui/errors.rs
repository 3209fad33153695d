//! `--watch` with a broken file: its problems on screen until it is saved again.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::text::Line;
use ratatui::widgets::Widget;

use super::{Ctx, hanging, inner, panel, put_lines, wrapped};

pub(crate) fn render(area: Rect, buf: &mut Buffer, ctx: &Ctx<'_>) {
    let t = ctx.theme;
    panel("The scenario file has problems", t).render(area, buf);
    let body = inner(area);
    let mut lines = wrapped(
        "Fix them and save: the lesson reloads and stays on the same step.",
        body.width,
        t.title,
    );
    lines.push(Line::raw(""));
    for error in ctx.app.load_errors() {
        lines.extend(hanging(
            "✗ ",
            error,
            body.width,
            t.bad,
            ratatui::style::Style::new(),
        ));
    }
    put_lines(body, buf, &lines, 0);
}
