//! The execution sample: its short numbered lines, the current step's line marked with ▶ and
//! reverse.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::Widget;

use super::text::{pad, truncate};
use super::{Ctx, inner, panel, put_lines, wrapped};

/// The sample's lines in `w` columns (the caption too when `caption`).
pub(crate) fn lines(w: u16, caption: bool, ctx: &Ctx<'_>) -> Vec<Line<'static>> {
    let t = ctx.theme;
    let Some(sample) = &ctx.app.scenario().file.sample else {
        return Vec::new();
    };
    let marked = ctx.frame().and_then(|f| f.sample_line);
    let inner_w = usize::from(w).saturating_sub(2);
    let mut out: Vec<Line<'static>> = sample
        .lines
        .iter()
        .enumerate()
        .map(|(i, text)| {
            let here = marked.is_some_and(|m| usize::try_from(m).ok() == Some(i + 1));
            if here {
                Line::from(vec![
                    Span::styled("▶ ", t.changed),
                    Span::styled(pad(text, inner_w), t.current),
                ])
            } else {
                Line::from(vec![
                    Span::raw("  "),
                    Span::styled(truncate(text, inner_w), Style::new()),
                ])
            }
        })
        .collect();
    if caption && let Some(text) = &sample.caption {
        out.extend(wrapped(text, w, t.muted));
    }
    out
}

/// The sample in a panel.
pub(crate) fn render(area: Rect, buf: &mut Buffer, ctx: &Ctx<'_>) {
    let t = ctx.theme;
    let language = ctx
        .app
        .scenario()
        .file
        .sample
        .as_ref()
        .and_then(|s| s.language.clone());
    let name = ctx.words.get(crate::words::Word::ExecutionSample);
    let title = match language {
        Some(l) => format!("{name} ({l})"),
        None => name.to_owned(),
    };
    panel(title, t).render(area, buf);
    let body = inner(area);
    let caption = usize::from(body.height) > line_count(ctx);
    put_lines(body, buf, &lines(body.width, caption, ctx), 0);
}

/// Rows the sample panel needs (border included), without its caption.
pub(crate) fn height(ctx: &Ctx<'_>) -> u16 {
    u16::try_from(line_count(ctx) + 2).unwrap_or(u16::MAX)
}

/// How many lines the lesson's execution sample has (0 without one).
fn line_count(ctx: &Ctx<'_>) -> usize {
    ctx.app
        .scenario()
        .file
        .sample
        .as_ref()
        .map_or(0, |s| s.lines.len())
}
