//! The bottom row: the key hints that apply right now, taken from the key table, or a status
//! message, or the step number being typed.

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
    let line = if let Some(jump) = app.pending_jump().filter(|_| app.pending_step().is_some()) {
        Line::from(vec![
            Span::raw(" "),
            Span::styled("Enter", t.key),
            Span::styled(format!(" go to step {} instead", jump.digits), t.title),
            Span::raw(" · "),
            Span::styled("Esc", t.key),
            Span::raw(format!(
                " back to {} · other keys stay here",
                jump.mode_before.title()
            )),
        ])
    } else if let Some(status) = app.status() {
        Line::from(vec![
            Span::styled(" ", t.changed),
            Span::styled(truncate(status, w.saturating_sub(2)), t.changed),
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
    let key_of = |shown: &str| shown.split_whitespace().next().unwrap_or(shown).to_owned();
    let help_w: usize = help
        .iter()
        .map(|(k, h)| width(&key_of(k)) + width(h) + 3)
        .sum();
    let mut spans = vec![Span::raw(" ")];
    let mut used = 1;
    for (shown, hint) in rest {
        let key = key_of(shown);
        let cost = width(&key) + 1 + width(hint) + 2;
        if used + cost + help_w > w {
            break;
        }
        spans.push(Span::styled(key, t.key));
        spans.push(Span::raw(format!(" {hint}  ")));
        used += cost;
    }
    for (shown, hint) in help {
        spans.push(Span::styled(key_of(shown), t.key));
        spans.push(Span::raw(format!(" {hint}  ")));
    }
    Line::from(spans)
}
