//! `--watch`: what `check` says of the file's last save, above the lesson. While the file is
//! broken the lesson below is the last good one; warnings alone sit above the new lesson.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::Line;
use ratatui::widgets::Widget;

use super::{Ctx, clamp_scroll, hanging, inner, panel, put_lines, scroll_hint, wrapped};

/// The panel's lines in `w` columns.
fn lines(w: u16, ctx: &Ctx<'_>) -> Vec<Line<'static>> {
    let t = ctx.theme;
    let app = ctx.app;
    let mut lines = if app.watch_stale() {
        wrapped(
            "Fix them and save: the lesson reloads on the same step. Below: the last good version.",
            w,
            t.title,
        )
    } else {
        Vec::new()
    };
    for problem in app.watch_problems() {
        let (glyph, style) = if problem.contains(": error: ") {
            ("✗ ", t.bad)
        } else {
            ("! ", t.changed)
        };
        lines.extend(hanging(glyph, problem, w, style, Style::new()));
    }
    lines
}

/// The rows the panel takes of a body `height` rows high: all it needs, at most half.
pub(crate) fn height(width: u16, height: u16, ctx: &Ctx<'_>) -> u16 {
    let needed = lines(width.saturating_sub(2), ctx).len() + 2;
    u16::try_from(needed)
        .unwrap_or(u16::MAX)
        .min((height / 2).max(4))
}

pub(crate) fn render(area: Rect, buf: &mut Buffer, ctx: &Ctx<'_>) {
    let t = ctx.theme;
    let errors = ctx
        .app
        .watch_problems()
        .iter()
        .filter(|p| p.contains(": error: "))
        .count();
    let warnings = ctx.app.watch_problems().len() - errors;
    let title = match (errors, warnings) {
        (0, w) => format!("The scenario file has {}", count(w, "warning")),
        (e, 0) => format!("The scenario file has {}", count(e, "error")),
        (e, w) => format!(
            "The scenario file has {} and {}",
            count(e, "error"),
            count(w, "warning")
        ),
    };
    panel(title, area.width, t).render(area, buf);
    let body = inner(area);
    let lines = lines(body.width, ctx);
    let skip = clamp_scroll(0, lines.len(), body.height);
    put_lines(body, buf, &lines, skip);
    scroll_hint(area, buf, skip, lines.len(), body.height, ctx);
}

fn count(n: usize, what: &str) -> String {
    if n == 1 {
        format!("1 {what}")
    } else {
        format!("{n} {what}s")
    }
}
