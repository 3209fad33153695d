//! Mode 7, the concept snapshot: the lesson's takeaways on one screen.

use crate::app::Slot;
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::Line;
use ratatui::widgets::Widget;

use super::{Ctx, clamp_scroll, hanging, inner, panel, put_lines, wrapped};
use crate::words::Word;

pub(crate) fn render(area: Rect, buf: &mut Buffer, ctx: &Ctx<'_>) {
    let t = ctx.theme;
    let app = ctx.app;
    let file = &app.scenario().file;
    panel(ctx.words.get(Word::SnapshotTitle), area.width, t).render(area, buf);
    let body = inner(area);
    let w = body.width;
    let mut lines: Vec<Line<'static>> = Vec::new();
    if let Some(summary) = &file.scenario.summary {
        lines.extend(wrapped(summary, w, t.heading));
        lines.push(Line::raw(""));
    }
    match &file.snapshot {
        Some(snapshot) => {
            for line in &snapshot.lines {
                lines.extend(hanging("• ", line, w, t.changed, Style::new()));
            }
        }
        None => lines.extend(wrapped(ctx.words.get(Word::SnapshotNone), w, t.muted)),
    }
    if let Some(outcome) = app.current().outcome().map(str::to_owned) {
        lines.push(Line::raw(""));
        lines.extend(hanging(
            ctx.words.get(Word::BranchEnds),
            &outcome,
            w,
            t.muted,
            Style::new(),
        ));
    }
    ctx.limit(Slot::Snapshot, lines.len(), body.height);
    let skip = clamp_scroll(app.scroll().snapshot, lines.len(), body.height);
    put_lines(body, buf, &lines, skip);
}
