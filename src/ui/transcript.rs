//! Mode 8, the full transcript: the lesson's prose, then the run being shown in words, one
//! line per step (the same lines as plain mode). Scrollable.

use crate::app::Slot;
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::Line;
use ratatui::widgets::Widget;

use super::text::wrap_count;
use super::{Ctx, STEPS_IN_VIEW, Window, clamp_scroll, inner, panel, scroll_hint, wrapped};
use crate::flow::Frame;
use crate::words::Word;

pub(crate) fn render(area: Rect, buf: &mut Buffer, ctx: &Ctx<'_>) {
    let t = ctx.theme;
    let app = ctx.app;
    let file = &app.scenario().file;
    panel(ctx.words.get(Word::TranscriptTitle), area.width, t).render(area, buf);
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
    let total = path.total();
    let mut tail = Vec::new();
    if !frames.is_empty() {
        lines.push(Line::raw(""));
        lines.extend(wrapped(
            &ctx.words
                .fill(Word::TranscriptRun, &[("name", &path.label_in(ctx.words))]),
            w,
            t.heading,
        ));
        if let Some(outcome) = path.outcome() {
            tail = wrapped(
                &ctx.words.fill(Word::Outcome, &[("outcome", outcome)]),
                w,
                t.heading,
            );
        }
    }
    // One line per step, made only where the window shows it: a step line whose bytes fit
    // is one line, so a 10,000-step run is counted, not written out.
    let step = |frame: &Frame| {
        let style = if frame.number == app.shown_index() + 1 {
            t.visited
        } else {
            Style::new()
        };
        wrapped(&crate::plain::step_line(frame, total, ctx.words), w, style)
    };
    // A long run: the steps around the one on screen.
    let all_frames = frames;
    let from = (app.shown_index() + 1)
        .saturating_sub(STEPS_IN_VIEW / 2)
        .min(all_frames.len().saturating_sub(STEPS_IN_VIEW));
    let frames = &all_frames[from..(from + STEPS_IN_VIEW).min(all_frames.len())];
    let after = all_frames.len() - from - frames.len();
    let left_out = |first: usize, last: usize| {
        wrapped(
            &format!("Steps {first}-{last} are left out here (`:` N goes to a step)."),
            w,
            t.muted,
        )
    };
    if from > 0 {
        lines.extend(left_out(1, from));
    }
    if after > 0 {
        tail.splice(0..0, left_out(from + frames.len() + 1, all_frames.len()));
    }
    let counts: Vec<usize> = frames
        .iter()
        .map(
            |frame| match crate::plain::step_line_width_at_most(frame, total, ctx.words) {
                Some(most) if most <= usize::from(w) => 1,
                _ => wrap_count(
                    &crate::plain::step_line(frame, total, ctx.words),
                    usize::from(w),
                ),
            },
        )
        .collect();
    let all = lines.len() + counts.iter().sum::<usize>() + tail.len();
    ctx.limit(Slot::Transcript, all, body.height);
    let skip = clamp_scroll(app.scroll().transcript, all, body.height);
    let mut window = Window::new(skip, body.height);
    window.lines(lines);
    for (frame, &count) in frames.iter().zip(&counts) {
        window.part(count, || step(frame));
    }
    window.lines(tail);
    window.draw(body, buf);
    scroll_hint(area, buf, skip, all, body.height, ctx);
}
