//! The bottom rows: the key hints that apply right now, taken from the key table, the step
//! number being typed after `:`, and a status message that never hides the hints.
//!
//! With a status, a screen of [`TWO_ROWS_FROM`] rows or more gives the status rows of its own
//! above the hints: as many as it needs, up to [`STATUS_ROWS_MAX`] (the body gives them up
//! while the status shows), so the end of a lesson's "That was the last step … Next lesson:
//! “…”" reads whole at 80 columns. A smaller screen keeps one row: the status, cut to leave room for the hints
//! that are always shown (help and quit, or close), which end the row.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};

use super::Ctx;
use super::text::{truncate, width, wrap};
use crate::app::keymap;
use crate::words::{Word, Words};

/// A key table hint in the lesson's language (the table writes them in English).
fn hint_in(words: &Words, hint: &str) -> String {
    Word::key_hint(hint).map_or_else(|| hint.to_owned(), |w| words.get(w).to_owned())
}

/// The screen height from which a status gets rows of its own above the hints.
pub(crate) const TWO_ROWS_FROM: u16 = 24;
/// The most rows a status takes above the hints (the rest is cut after a whole word, "…").
const STATUS_ROWS_MAX: usize = 3;

/// The status as shown: notices carry paths and file contents, so controls are shown escaped,
/// not dropped.
fn status_text(app: &crate::app::App) -> Option<String> {
    app.status().map(|s| crate::sanitize::line(s).into_owned())
}

/// The status wrapped to rows of its own on a screen `w`x`h` (after a one-column margin):
/// none without a status, beside a step number being typed (that row has room for it), or
/// below [`TWO_ROWS_FROM`] rows (it shares the hints' row).
fn status_rows(app: &crate::app::App, w: u16, h: u16) -> Vec<String> {
    let Some(status) = status_text(app) else {
        return Vec::new();
    };
    if h < TWO_ROWS_FROM || jump_line(app).is_some_and(|line| width(&line) <= usize::from(w)) {
        return Vec::new();
    }
    let room = usize::from(w).saturating_sub(2).max(1);
    let mut rows = wrap(&status, room);
    if rows.len() > STATUS_ROWS_MAX {
        let rest = rows[STATUS_ROWS_MAX - 1..].join(" ");
        rows.truncate(STATUS_ROWS_MAX - 1);
        rows.push(truncate(&rest, room));
    }
    rows
}

/// The row of a step number being typed, with the status beside it when there is one
/// (" Go to step: 24▏ There is no step 24; … Enter go · Esc cancel"); none when no number is
/// being typed. Where it does not fit, the status takes rows of its own above it.
fn jump_line(app: &crate::app::App) -> Option<String> {
    let digits = app.pending_jump()?;
    let words = app.scenario().words();
    let status = status_text(app)
        .map(|s| format!("{s} "))
        .unwrap_or_default();
    Some(format!(
        " {}{digits}▏ {status}Enter {} · Esc {}",
        words.get(Word::GoToStep),
        words.get(Word::KeyGo),
        words.get(Word::KeyCancel)
    ))
}

/// The rows a status adds above the hints on a screen `w`x`h` (0 to [`STATUS_ROWS_MAX`]). The step panels
/// choose their layout as if these rows were still theirs, so a status never makes the
/// layout jump (the explanation gives them up).
pub(crate) fn status_height(app: &crate::app::App, w: u16, h: u16) -> u16 {
    u16::try_from(status_rows(app, w, h).len()).unwrap_or(0)
}

/// The footer's rows on a screen `w`x`h`: the hints' row and the status's rows above it.
pub(crate) fn height(app: &crate::app::App, w: u16, h: u16) -> u16 {
    1 + status_height(app, w, h)
}

pub(crate) fn render(area: Rect, buf: &mut Buffer, ctx: &Ctx<'_>) {
    let app = ctx.app;
    let t = ctx.theme;
    let w = usize::from(area.width);
    let status_line = |room: usize| {
        Line::from(vec![
            Span::styled(" ", t.changed),
            Span::styled(
                truncate(&status_text(app).unwrap_or_default(), room),
                t.changed,
            ),
        ])
    };
    let line = if let Some(digits) = app.pending_jump() {
        let words = ctx.words;
        let mut spans = vec![Span::styled(
            format!(" {}{digits}▏ ", words.get(Word::GoToStep)),
            t.title,
        )];
        // A number that names no step stays typed to be corrected: say why beside it (the
        // status clears on the next key), or above it when the row is too narrow.
        let above = status_rows(app, area.width, u16::MAX);
        for (y, row) in (area.y..area.bottom().saturating_sub(1)).zip(&above) {
            let line = Line::from(vec![Span::raw(" "), Span::styled(row.clone(), t.changed)]);
            buf.set_line(area.x, y, &line, area.width);
        }
        if let Some(status) = app.status().filter(|_| above.is_empty()) {
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
    } else if area.height >= 2 {
        // The status's rows (the layout gave them from the screen's height: see `height`),
        // then the hints.
        let rows = status_rows(app, area.width, u16::MAX);
        for (y, row) in (area.y..area.bottom() - 1).zip(rows) {
            let line = Line::from(vec![Span::raw(" "), Span::styled(row, t.changed)]);
            buf.set_line(area.x, y, &line, area.width);
        }
        hints(w, ctx)
    } else if app.status().is_some() {
        // One row: the status, then the hints always shown.
        let always = hints(0, ctx);
        let always_w = always.width();
        let mut line = status_line(w.saturating_sub(always_w + 3));
        line.spans.push(Span::raw("  "));
        let used = line.width();
        if used + always_w <= w {
            line.spans.push(Span::raw(" ".repeat(w - used - always_w)));
        }
        line.spans.extend(always.spans);
        line
    } else {
        hints(w, ctx)
    };
    buf.set_line(area.x, area.bottom() - 1, &line, area.width);
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
    use crate::app::{Command, Message, Mode};
    use crate::ui::tests::{app, screen};

    /// A refused step number stays typed with the refusal beside it where the row has room
    /// (120 columns), above it where it has not (80): never cut.
    #[test]
    fn a_refused_step_number_is_said_whole_beside_or_above_it() {
        let mut app = app(None, 1, Mode::StepThrough);
        app.update(Message::Do(Command::JumpStart));
        app.update(Message::JumpDigit(2));
        app.update(Message::JumpDigit(4));
        app.update(Message::Do(Command::JumpConfirm));
        let refusal = "There is no step 24; this branch has steps 1 to 5.";
        let text = screen(&app, 120, 40);
        let last = text.lines().last().unwrap();
        assert_eq!(
            last.trim_end(),
            format!(" Go to step: 24▏ {refusal} Enter go · Esc cancel"),
            "{text}"
        );
        let text = screen(&app, 80, 24);
        let rows: Vec<&str> = text.lines().collect();
        assert_eq!(rows[22].trim(), refusal, "{text}");
        assert_eq!(
            rows[23].trim_end(),
            " Go to step: 24▏ Enter go · Esc cancel",
            "{text}"
        );
    }

    /// A status (here: ← on step 1) and the key hints are on screen together: on a row each
    /// from 24 rows up, on one row below that (the status cut, help and quit kept).
    #[test]
    fn a_status_never_hides_the_key_hints() {
        let mut app = app(None, 1, Mode::StepThrough);
        app.update(Message::Do(Command::Back));
        let status = app.status().expect("a refusal at step 1").to_owned();
        for (w, h) in [(80, 24), (120, 40)] {
            let text = screen(&app, w, h);
            let rows: Vec<&str> = text.lines().collect();
            let n = rows.len();
            assert_eq!(rows[n - 2].trim(), status, "{w}x{h}:\n{text}");
            assert!(
                rows[n - 1].contains("→ next") && rows[n - 1].contains("? help"),
                "{w}x{h}:\n{text}"
            );
        }
        let text = screen(&app, 60, 18);
        let last = text.lines().last().unwrap();
        assert!(
            last.contains(&status[..20]) && last.ends_with("? help  q quit"),
            "60x18:\n{text}"
        );
        // A status too long for one row (End passes the predictions of steps 3 and 4) wraps
        // to two above the hints at 80 columns, whole; at 120 it takes one.
        let mut ended = crate::ui::tests::app(None, 1, Mode::StepThrough);
        ended.update(Message::Do(Command::Last));
        let status = ended.status().expect("End says what it passed").to_owned();
        assert!(status.chars().count() > 78, "{status}");
        let text = screen(&ended, 80, 24);
        let rows: Vec<&str> = text.lines().collect();
        let said = format!("{} {}", rows[21].trim(), rows[22].trim());
        assert_eq!(said, status, "\n{text}");
        assert!(rows[23].contains("? help"), "{text}");
        let text = screen(&ended, 120, 40);
        let rows: Vec<&str> = text.lines().collect();
        assert_eq!(rows[38].trim(), status, "\n{text}");
        // No status: one footer row, the body keeps the other.
        app.update(Message::Do(Command::Next));
        app.run_jobs_here();
        assert_eq!(app.status(), None);
        let text = screen(&app, 80, 24);
        let rows: Vec<&str> = text.lines().collect();
        assert!(rows[22].starts_with('└'), "{text}");
    }

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
