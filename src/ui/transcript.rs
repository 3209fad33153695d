//! Mode 8, the full transcript: the lesson's prose, then the run being shown in words, one
//! line per step (the same lines as plain mode). Scrollable.

use crate::app::Slot;
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::Line;
use ratatui::widgets::Widget;

use super::{Ctx, clamp_scroll, inner, panel, put_lines, scroll_hint, wrapped};
use crate::words::Word;

pub(crate) fn render(area: Rect, buf: &mut Buffer, ctx: &Ctx<'_>) {
    let t = ctx.theme;
    let app = ctx.app;
    let file = &app.scenario().file;
    panel(ctx.words.get(Word::TranscriptTitle), t).render(area, buf);
    let body = inner(area);
    let w = body.width;
    let mut lines: Vec<Line<'static>> = Vec::new();
    match &file.transcript {
        Some(transcript) => {
            for (i, paragraph) in transcript.text.split("\n\n").enumerate() {
                if i > 0 {
                    lines.push(Line::raw(""));
                }
                lines.extend(wrapped(&paragraph.replace('\n', " "), w, Style::new()));
            }
        }
        None => lines.extend(wrapped(ctx.words.get(Word::TranscriptNone), w, t.muted)),
    }
    let path = app.current();
    // The run's rows as laid out: the real run's rows, known before its steps are computed.
    let frames = path.laid_out();
    if !frames.is_empty() {
        lines.push(Line::raw(""));
        lines.extend(wrapped(
            &ctx.words
                .fill(Word::TranscriptRun, &[("name", &path.label_in(ctx.words))]),
            w,
            t.heading,
        ));
        let total = path.total();
        for frame in frames {
            let style = if frame.number == app.shown_index() + 1 {
                t.visited
            } else {
                Style::new()
            };
            lines.extend(wrapped(
                &crate::plain::step_line(frame, total, ctx.words),
                w,
                style,
            ));
        }
        if let Some(outcome) = path.outcome() {
            lines.extend(wrapped(
                &ctx.words.fill(Word::Outcome, &[("outcome", outcome)]),
                w,
                t.heading,
            ));
        }
    }
    ctx.limit(Slot::Transcript, lines.len(), body.height);
    let skip = clamp_scroll(app.scroll().transcript, lines.len(), body.height);
    put_lines(body, buf, &lines, skip);
    scroll_hint(area, buf, skip, lines.len(), body.height, ctx);
}
