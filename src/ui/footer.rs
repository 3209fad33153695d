//! The bottom row: the key hints that apply right now, taken from the key table, or a status
//! message, or the step number being typed after `:`.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};

use super::Ctx;
use super::text::{truncate, width};
use crate::app::keymap;
use crate::words::{Word, Words};

/// A key table hint in the lesson's language (the table writes them in English).
fn hint_in(words: &Words, hint: &str) -> String {
    Word::key_hint(hint).map_or_else(|| hint.to_owned(), |w| words.get(w).to_owned())
}

pub(crate) fn render(area: Rect, buf: &mut Buffer, ctx: &Ctx<'_>) {
    let app = ctx.app;
    let t = ctx.theme;
    let w = usize::from(area.width);
    let line = if let Some(digits) = app.pending_jump() {
        let words = ctx.words;
        let mut spans = vec![Span::styled(
            format!(" {}{digits}▏ ", words.get(Word::GoToStep)),
            t.title,
        )];
        // A number that names no step stays typed to be corrected: say why beside it (the
        // status clears on the next key).
        if let Some(status) = app.status() {
            spans.push(Span::styled(
                format!("{} ", crate::sanitize::line(status)),
                t.changed,
            ));
        }
        spans.extend([
            Span::styled("Enter", t.key),
            Span::raw(format!(" {} · ", words.get(Word::KeyGo))),
            Span::styled("Esc", t.key),
            Span::raw(format!(" {}", words.get(Word::KeyCancel))),
        ]);
        Line::from(spans)
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
    let said = |list: Vec<(&str, &str)>| -> Vec<(String, String)> {
        list.into_iter()
            .map(|(k, h)| (k.to_owned(), hint_in(ctx.words, h)))
            .collect()
    };
    let (help, rest) = (said(help), said(rest));
    let help_w: usize = help.iter().map(|(k, h)| width(k) + width(h) + 3).sum();
    let mut spans = vec![Span::raw(" ")];
    let mut used = 1;
    for (key, hint) in rest {
        let cost = width(&key) + 1 + width(&hint) + 2;
        if used + cost + help_w > w {
            break;
        }
        spans.push(Span::styled(key, t.key));
        spans.push(Span::raw(format!(" {hint}  ")));
        used += cost;
    }
    for (key, hint) in help {
        spans.push(Span::styled(key, t.key));
        spans.push(Span::raw(format!(" {hint}  ")));
    }
    Line::from(spans)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_footer_hint_has_a_word_in_every_language() {
        for binding in keymap::BINDINGS.iter().filter(|b| !b.hint.is_empty()) {
            assert!(
                Word::key_hint(binding.hint).is_some(),
                "the hint `{}` has no word in crate::words",
                binding.hint
            );
        }
    }

    #[test]
    fn every_key_help_text_has_a_word_in_every_language() {
        for binding in keymap::BINDINGS {
            assert!(
                Word::help_text(binding.does).is_some(),
                "help's `{}` has no word in crate::words (add a help.* row)",
                binding.does
            );
        }
    }
}
