//! The bottom row: the key hints that apply right now, taken from the key table, or a status
//! message, or the step number being typed after `:`.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};

use super::Ctx;
use super::text::{truncate, width};
use crate::app::keymap;

pub(crate) fn render(area: Rect, buf: &mut Buffer, ctx: &Ctx<'_>) {
    let app = ctx.app;
    let t = ctx.theme;
    let w = usize::from(area.width);
    let line = if let Some(digits) = app.pending_jump() {
        Line::from(vec![
            Span::styled(format!(" Go to step: {digits}▏ "), t.title),
            Span::styled("Enter", t.key),
            Span::raw(" go · "),
            Span::styled("Esc", t.key),
            Span::raw(" cancel"),
        ])
    } else if let Some(status) = app.status() {
        Line::from(vec![
            Span::styled(" ", t.changed),
            // Notices carry paths and file contents: controls shown escaped, not dropped.
            Span::styled(
                truncate(&crate::sanitize::line(status), w.saturating_sub(2)),
                t.changed,
            ),
        ])
    } else {
        hints(w, ctx)
    };
    buf.set_line(area.x, area.y, &line, area.width);
}

/// "→ next  ← back  …" for as many hints as fit; help and quit always shown, last.
fn hints(w: usize, ctx: &Ctx<'_>) -> Line<'static> {
    let t = ctx.theme;
    let all = keymap::footer(ctx.app.key_context());
    let (help, rest): (Vec<_>, Vec<_>) = all
        .into_iter()
        .partition(|(_, hint)| matches!(*hint, "help" | "quit" | "close"));
    let help_w: usize = help.iter().map(|(k, h)| width(k) + width(h) + 3).sum();
    let mut spans = vec![Span::raw(" ")];
    let mut used = 1;
    for (shown, hint) in rest {
        let key = shown.to_owned();
        let cost = width(&key) + 1 + width(hint) + 2;
        if used + cost + help_w > w {
            break;
        }
        spans.push(Span::styled(key, t.key));
        spans.push(Span::raw(format!(" {hint}  ")));
        used += cost;
    }
    for (shown, hint) in help {
        spans.push(Span::styled(shown.to_owned(), t.key));
        spans.push(Span::raw(format!(" {hint}  ")));
    }
    Line::from(spans)
}
