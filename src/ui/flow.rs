//! Mode 2, the concept flow: the whole diagram with the current node marked and the path taken
//! so far drawn heavy (the error path when it was taken), the execution sample and a legend.

use crate::app::Slot;
use ratatui::buffer::Buffer;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::Widget;

use super::diagram::{self, Progress};
use super::{Ctx, clamp_scroll, inner, panel, put_lines, sample, scroll_hint, wrapped};
use crate::flow::diagram::layout;
use crate::words::Word;

fn legend(ctx: &Ctx<'_>) -> Vec<Line<'static>> {
    let t = ctx.theme;
    let said = |word: Word| Span::raw(format!(" {}", ctx.words.get(word)));
    vec![
        Line::from(vec![
            Span::styled("╔═╗", t.visited),
            said(Word::FlowThisStep),
        ]),
        Line::from(vec![Span::styled("┏━┓", t.visited), said(Word::FlowPassed)]),
        Line::from(vec![Span::raw("╭─╮"), said(Word::FlowNotReached)]),
        Line::from(vec![Span::styled("━━▶", t.visited), said(Word::FlowWay)]),
    ]
}

pub(crate) fn render(area: Rect, buf: &mut Buffer, ctx: &Ctx<'_>) {
    let t = ctx.theme;
    let app = ctx.app;
    let scenario = app.scenario();
    let Some(d) = &scenario.file.diagram else {
        panel(
            ctx.words.get(crate::words::Word::ProcessFlow),
            area.width,
            t,
        )
        .render(area, buf);
        put_lines(
            inner(area),
            buf,
            &wrapped(ctx.words.get(Word::FlowNone), area.width, t.muted),
            0,
        );
        return;
    };
    let laid = layout(d);
    let frame = ctx.frame();
    let path: &[String] = frame.map_or(&[], |f| f.path.as_slice());
    let progress = Progress {
        current: frame.and_then(|f| f.node.as_deref()),
        path,
        yes: ctx.words.get(crate::words::Word::Yes),
        no: ctx.words.get(crate::words::Word::No),
    };
    let natural = u16::try_from(diagram::natural_width(&laid) + 4).unwrap_or(u16::MAX);
    let side_w = 44;
    let beside = area.width >= natural + side_w;
    let (left, right) = if beside {
        let [l, r] = area.layout(&Layout::horizontal([
            Constraint::Length(natural),
            Constraint::Min(1),
        ]));
        (l, Some(r))
    } else {
        (area, None)
    };
    panel(
        ctx.words.get(crate::words::Word::ProcessFlow),
        left.width,
        t,
    )
    .render(left, buf);
    let body = inner(left);
    let drawn = diagram::draw(
        &laid,
        usize::from(body.width.saturating_sub(2)),
        progress,
        t,
    );
    let mut lines: Vec<Line<'static>> = drawn.lines.clone();
    if let Some(caption) = &d.caption {
        lines.push(Line::raw(""));
        lines.extend(wrapped(caption, body.width.saturating_sub(2), t.muted));
    }
    if right.is_none() {
        lines.push(Line::raw(""));
        lines.extend(legend(ctx));
        lines.push(Line::raw(""));
        lines.extend(sample::lines(body.width.saturating_sub(2), true, ctx));
        if let Some(legend) = sample::legend(ctx) {
            lines.extend(wrapped(&legend, body.width.saturating_sub(2), t.muted));
        }
    }
    // Keep the current node in sight unless the learner scrolled.
    let requested = if app.scroll().flow == 0 {
        drawn
            .current_row
            .map_or(0, |r| r.saturating_sub(usize::from(body.height) / 3))
    } else {
        usize::from(app.scroll().flow)
    };
    ctx.limit(Slot::Flow, lines.len(), body.height);
    let skip = clamp_scroll(
        u16::try_from(requested).unwrap_or(0),
        lines.len(),
        body.height,
    );
    let x = body.x + 1;
    put_lines(
        Rect {
            x,
            width: body.width.saturating_sub(1),
            ..body
        },
        buf,
        &lines,
        skip,
    );
    scroll_hint(left, buf, skip, lines.len(), body.height, ctx);
    if let Some(right) = right {
        let sample_h = if scenario.file.sample.is_some() {
            sample::height(right.width, ctx) + 2
        } else {
            0
        };
        let [s, rest] = right.layout(&Layout::vertical([
            Constraint::Length(sample_h),
            Constraint::Min(1),
        ]));
        if sample_h > 0 {
            sample::render(s, buf, ctx);
        }
        panel(ctx.words.get(Word::FlowReading), rest.width, t).render(rest, buf);
        let rb = inner(rest);
        let mut info = legend(ctx);
        info.push(Line::raw(""));
        if let Some(frame) = frame {
            let node = frame
                .node
                .as_deref()
                .and_then(|id| d.nodes.iter().find(|n| n.id == id))
                .map_or_else(
                    || ctx.words.get(Word::FlowNoBox).to_owned(),
                    |n| n.label.clone(),
                );
            let step = if app.live_state().is_some() {
                Word::FlowCallLights
            } else {
                Word::FlowStepLights
            };
            info.extend(wrapped(
                &ctx.words.fill(
                    step,
                    &[
                        ("n", &frame.number.to_string()),
                        ("action", &frame.row.action),
                        ("node", &node),
                    ],
                ),
                rb.width,
                Style::new(),
            ));
        }
        if let Some(decision) = d.nodes.iter().find(|n| n.no.is_some()) {
            // A live session's other branch is whatever the learner's code sends next.
            let other = if app.live_state().is_some() {
                Word::FlowOtherLive
            } else {
                Word::FlowOtherBranch
            };
            info.push(Line::raw(""));
            info.extend(wrapped(
                &ctx.words.fill(
                    Word::FlowDecision,
                    &[("node", &decision.label), ("other", ctx.words.get(other))],
                ),
                rb.width,
                t.muted,
            ));
        }
        put_lines(rb, buf, &info, 0);
    }
}
