//! The execution sample: its short numbered lines, the current step's line marked with ▶ and
//! reverse.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::Widget;

use std::borrow::Cow;

use super::predict::{mark_glyph, mark_legend};
use super::text::{pad, truncate, width, wrap};
use super::{Ctx, inner, panel, put_lines, wrapped};
use crate::app::predict::Mark;

/// The sample's lines in `w` columns (the caption too when `caption`). A line too long for
/// the panel wraps under its own text (never cut: the sample is what the learner's code does).
pub(crate) fn lines(w: u16, caption: bool, ctx: &Ctx<'_>) -> Vec<Line<'static>> {
    let t = ctx.theme;
    let Some(sample) = &ctx.app.scenario().file.sample else {
        return Vec::new();
    };
    let marked = ctx.frame().and_then(|f| f.sample_line);
    let inner_w = usize::from(w).saturating_sub(2);
    let marks = ctx.app.sample_marks();
    let mut out: Vec<Line<'static>> = Vec::new();
    for (i, text) in sample.lines.iter().enumerate() {
        let here = marked.is_some_and(|m| usize::try_from(m).ok() == Some(i + 1));
        let text = with_mark(text, i, &marks);
        for (row, part) in rows(&text, inner_w).into_iter().enumerate() {
            let lead = match (here, row) {
                (true, 0) => Span::styled("▶ ", t.changed),
                _ => Span::raw("  "),
            };
            let body = if here {
                Span::styled(pad(&part, inner_w), t.current)
            } else {
                Span::styled(part, Style::new())
            };
            out.push(Line::from(vec![lead, body]));
        }
    }
    if caption && let Some(text) = &sample.caption {
        out.extend(wrapped(text, w, t.muted));
    }
    out
}

/// Sample line `i` (0-based) with the mark of the step that asks a prediction there, if any.
fn with_mark<'t>(text: &'t str, i: usize, marks: &[(u32, Mark)]) -> Cow<'t, str> {
    let line = u32::try_from(i + 1).unwrap_or(u32::MAX);
    match marks.iter().find(|(l, _)| *l == line) {
        Some((_, mark)) => Cow::Owned(format!("{text}  {}", mark_glyph(*mark))),
        None => Cow::Borrowed(text),
    }
}

/// What the marks on the sample's lines mean (`None` without any).
pub(crate) fn legend(ctx: &Ctx<'_>) -> Option<String> {
    let marks = ctx.app.sample_marks();
    mark_legend(marks.into_iter().map(|(_, mark)| mark), ctx.words)
}

/// Indent of a sample line's continuation rows, under the text after "2. ".
const HANG: usize = 3;

/// One sample line in rows of `w` columns: as written when it fits, else wrapped with its
/// continuation rows indented by [`HANG`].
fn rows(text: &str, w: usize) -> Vec<String> {
    if width(text) <= w || w <= HANG + 1 {
        return vec![truncate(text, w)];
    }
    let mut parts = wrap(text, w - HANG).into_iter();
    let first = parts.next().unwrap_or_default();
    std::iter::once(first)
        .chain(parts.map(|p| format!("{}{p}", " ".repeat(HANG))))
        .collect()
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
    let mut block = panel(title, area.width, t);
    if let Some(legend) = legend(ctx) {
        block = block.title_bottom(Line::from(Span::styled(format!(" {legend} "), t.muted)));
    }
    block.render(area, buf);
    let body = inner(area);
    let caption = usize::from(body.height) > row_count(body.width, ctx);
    put_lines(body, buf, &lines(body.width, caption, ctx), 0);
}

/// Rows the sample panel needs at `w` columns (border included), without its caption.
pub(crate) fn height(w: u16, ctx: &Ctx<'_>) -> u16 {
    u16::try_from(row_count(w.saturating_sub(2), ctx) + 2).unwrap_or(u16::MAX)
}

/// How many rows the lesson's execution sample takes in a body `w` columns wide (0 without one).
fn row_count(w: u16, ctx: &Ctx<'_>) -> usize {
    let inner_w = usize::from(w).saturating_sub(2);
    ctx.app.scenario().file.sample.as_ref().map_or(0, |s| {
        let marks = ctx.app.sample_marks();
        s.lines
            .iter()
            .enumerate()
            .map(|(i, l)| rows(&with_mark(l, i, &marks), inner_w).len())
            .sum()
    })
}

#[cfg(test)]
mod tests {
    use super::rows;

    #[test]
    fn a_line_that_fits_is_one_row_and_a_long_one_wraps_under_its_text() {
        assert_eq!(rows("1. SignUp(jo)", 20), ["1. SignUp(jo)"]);
        assert_eq!(
            rows("2. InitiateAuth -> UserNotConfirmedException", 24),
            // A name too long for its row breaks before a capital: never "…Excep" / "tion".
            ["2. InitiateAuth ->", "   UserNotConfirmed", "   Exception"]
        );
        // Too narrow to indent: cut, after a whole word.
        assert_eq!(rows("2. InitiateAuth", 4), ["2.…"]);
    }
}
