//! The two top rows: the lesson title and the branch shown; the mode tabs and "Step N/M" with
//! a progress gauge. Both are on every screen.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};

use super::Ctx;
use super::text::{truncate, width};
use crate::app::Mode;
use crate::words::Word;

/// Frames of the "checking" spinner.
const SPINNER: [&str; 4] = ["◐", "◓", "◑", "◒"];
/// Columns of the progress gauge.
const GAUGE: usize = 12;

pub(crate) fn render(area: Rect, buf: &mut Buffer, ctx: &Ctx<'_>) {
    let app = ctx.app;
    let t = ctx.theme;
    let w = usize::from(area.width);
    let words = &ctx.words;

    // Row 2 first: tabs left, progress right. The tabs keep their names first (the same names at
    // every width), then the step count, then the gauge; a note (checking, or an error) takes
    // what room is left and shrinks to its glyph, so the tabs never change as a run computes.
    let path = app.current();
    let step = app.cursor() + 1;
    let total = path.total();
    let total_shown = total.map_or_else(|| "…".to_owned(), |t| t.to_string());
    let live = app.live_state().is_some();
    let (progress, short) = if live {
        live_progress(app, words)
    } else {
        let n = step.to_string();
        (
            format!(
                "{} ",
                words.fill(Word::StepOf, &[("n", &n), ("total", &total_shown)])
            ),
            format!("{n}/{total_shown}"),
        )
    };
    let done = total.map_or(0, |total| {
        if total == 0 {
            0
        } else {
            (step.min(total) * GAUGE).div_ceil(total)
        }
    });
    // A live session has no end to measure against: no gauge.
    let gauge_room = if live { 0 } else { GAUGE + 1 };
    let named = |style| tabs(app.mode(), style, ctx);
    let spaced = named(Tabs::Spaced);
    let compact = named(Tabs::Compact);
    // Last, the step count moves up beside the branch ("Branch 1/4: Main path · Step 1/5").
    let full_progress = progress.clone();
    let (tabs, progress, gauge) = [
        (&spaced, &progress, gauge_room),
        (&compact, &progress, gauge_room),
        (&compact, &progress, 0),
        (&compact, &String::new(), 0),
    ]
    .into_iter()
    .find(|(tabs, progress, gauge)| spans_width(tabs) + width(progress) + gauge + NOTE_GLYPH <= w)
    .map_or_else(
        || {
            let numbers = named(Tabs::Numbers);
            if spans_width(&numbers) + width(&progress) + gauge_room + NOTE_GLYPH <= w {
                (numbers, progress.clone(), gauge_room)
            } else {
                let room = w.saturating_sub(width(&short) + NOTE_GLYPH + 1);
                let current = app.mode();
                let only = truncate(
                    &format!(
                        " [{} {}]",
                        current.number(),
                        words.get(current.short_name())
                    ),
                    room,
                );
                (vec![Span::styled(only, t.tab_active)], short.clone(), 0)
            }
        },
        |(tabs, progress, gauge)| (tabs.clone(), progress.clone(), gauge),
    );
    // Row 1: title left, branch right.
    let meta = &app.scenario().file.scenario;
    let label = app.current().label_in(words);
    let mut branch = match app.branch_place() {
        Some((n, of)) if of > 1 => {
            let (n, of) = (n.to_string(), of.to_string());
            let place = [("n", n.as_str()), ("total", of.as_str()), ("name", &label)];
            format!("{} ", words.fill(Word::BranchOf, &place))
        }
        _ => format!("{} ", words.fill(Word::BranchIs, &[("name", &label)])),
    };
    if app.watching() {
        branch = format!("{} · {branch}", words.get(Word::Watching));
    }
    // The lesson's title, longest first: with its minutes, without them, then its head
    // before ": " ("First sign-in", "Setting up an authenticator"); each whole. The branch
    // keeps what room the title leaves it, and is cut only after a whole word.
    let live_title = app.live_state().is_some();
    let mut titles = Vec::new();
    if live_title {
        titles.push(format!(
            " {}",
            words.fill(Word::LiveTitle, &[("title", &meta.title)])
        ));
    } else {
        if let Some(minutes) = meta.minutes {
            titles.push(format!(
                " {} · {}",
                meta.title,
                words.fill(Word::Minutes, &[("n", &minutes.to_string())])
            ));
        }
        titles.push(format!(" {}", meta.title));
        if let Some((head, _)) = meta.title.split_once(": ") {
            titles.push(format!(" {head}"));
        }
    }
    let up = if progress.is_empty() {
        format!(" · {full_progress}")
    } else {
        String::new()
    };
    let branch_full = format!(
        "{}{up}",
        if up.is_empty() {
            branch.as_str()
        } else {
            branch.trim_end()
        }
    );
    let title = titles
        .iter()
        .find(|title| width(title) + width(&branch_full) + 2 <= w)
        .or_else(|| titles.last())
        .cloned()
        .unwrap_or_default();
    // The shortest title, when even it leaves the branch too little, is cut after a whole word:
    // to what the whole branch leaves when that is a quarter of the row or more (the branch is
    // what tells one screen of the lesson from another), else to half the row.
    let title_room = w.saturating_sub(width(&branch_full) + 2);
    let title = if width(&title) <= title_room {
        title
    } else if title_room >= w / 4 {
        truncate(&title, title_room)
    } else {
        truncate(&title, (w / 2).max(title_room))
    };
    let branch = if width(&title) + width(&branch_full) + 2 <= w {
        branch_full
    } else {
        let room = w.saturating_sub(width(&title) + 2 + width(&up));
        if up.is_empty() {
            truncate(&branch, room)
        } else {
            format!("{}{up}", truncate(branch.trim_end(), room))
        }
    };
    let gap = w.saturating_sub(width(&title) + width(&branch));
    let row1 = Line::from(vec![
        Span::styled(title, t.title),
        Span::raw(" ".repeat(gap)),
        Span::styled(branch, t.visited),
    ]);
    buf.set_line(area.x, area.y, &row1, area.width);

    // Row 2.
    let gauge = gauge.saturating_sub(1);
    let mut right = vec![Span::styled(progress.clone(), t.title)];
    if gauge > 0 {
        right.push(Span::styled("█".repeat(done.min(gauge)), t.gauge));
        right.push(Span::styled("░".repeat(gauge - done.min(gauge)), t.muted));
        right.push(Span::raw(" "));
    }
    let mut right_w = width(&progress) + gauge + usize::from(gauge > 0);
    let tabs_w = spans_width(&tabs);
    let room = w.saturating_sub(tabs_w + right_w + 1);
    let note = if app.checking() {
        let spin = SPINNER[usize::try_from(app.tick() % 4).unwrap_or(0)];
        let full = format!("{spin} {} ", words.get(Word::CognitoIsChecking));
        Some((
            if width(&full) <= room {
                full
            } else {
                format!("{spin} ")
            },
            t.changed,
        ))
    } else {
        path.error.as_ref().map(|error| {
            let full = truncate(&format!("✗ {error} "), (w / 3).min(room));
            let full = if width(&full) > 3 {
                full
            } else {
                "✗ ".to_owned()
            };
            (full, t.bad)
        })
    };
    if let Some((note, style)) = note {
        right_w += width(&note);
        right.insert(0, Span::styled(note, style));
    }
    clickable_tabs(
        &tabs,
        Rect {
            y: area.y + 1,
            height: 1,
            ..area
        },
        ctx,
    );
    let mut spans = tabs;
    spans.push(Span::raw(" ".repeat(w.saturating_sub(tabs_w + right_w))));
    spans.extend(right);
    buf.set_line(area.x, area.y + 1, &Line::from(spans), area.width);
}

/// Columns kept beside the tabs for the note's glyph (the checking spinner, an error's ✗).
const NOTE_GLYPH: usize = 2;

fn spans_width(spans: &[Span<'_>]) -> usize {
    spans.iter().map(|s| width(&s.content)).sum()
}

/// Each tab drawn (a lead space, then one span per mode) is a click on its mode; the last
/// resort, the current mode's name alone, has none.
fn clickable_tabs(tabs: &[Span<'_>], row: Rect, ctx: &Ctx<'_>) {
    if tabs.len() != Mode::ALL.len() + 1 {
        return;
    }
    let mut x = row.x + u16::try_from(width(&tabs[0].content)).unwrap_or(0);
    for (span, mode) in tabs[1..].iter().zip(Mode::ALL) {
        let w = u16::try_from(width(&span.content)).unwrap_or(0);
        let area = Rect { x, width: w, ..row }.intersection(row);
        ctx.click(area, crate::app::Click::Tab(mode));
        x = x.saturating_add(w);
    }
}

/// "Call 3 of 5 " while stepping back; "Call 5 of 5 · following " on the newest; "No calls
/// yet " before the first; and the short form for a narrow header ("3/5", at the edge).
fn live_progress(app: &crate::app::App, words: &crate::words::Words) -> (String, String) {
    let calls = app.current().frames.len();
    if calls == 0 {
        return (
            format!("{} ", words.get(Word::NoCallsYet)),
            "0/0".to_owned(),
        );
    }
    let (n, total) = ((app.shown_index() + 1).to_string(), calls.to_string());
    let shown = words.fill(Word::CallOf, &[("n", &n), ("total", &total)]);
    let short = format!("{n}/{total}");
    let following = matches!(app.nav().cursor().place, crate::app::Place::Last { .. });
    if following {
        (format!("{shown} · {} ", words.get(Word::Following)), short)
    } else {
        (format!("{shown} "), short)
    }
}

/// How the tabs are drawn, widest first. A tab says its mode's one name (the same at every
/// width) while the bar fits in the header.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Tabs {
    /// `  1 Steps  2 Flow [3 Table] 4 Track` (120 columns and up, in English).
    Spaced,
    /// ` 1 Steps 2 Flow [3 Table] 4 Track` (80 columns, in English).
    Compact,
    /// ` 1  2 [3 Table] 4`: only the current mode named.
    Numbers,
}

/// The mode tabs: a lead space, then one span per mode (its separator included, so a click
/// on it lands on the mode).
fn tabs(current: Mode, style: Tabs, ctx: &Ctx<'_>) -> Vec<Span<'static>> {
    let t = ctx.theme;
    let name = |m: Mode| ctx.words.get(m.short_name()).to_owned();
    let mut spans = vec![Span::raw(" ")];
    let last = Mode::ALL.len() - 1;
    for (i, mode) in Mode::ALL.into_iter().enumerate() {
        let label = match style {
            Tabs::Numbers if mode != current => mode.number().to_string(),
            _ => format!("{} {}", mode.number(), name(mode)),
        };
        // Compact: one space between tabs, outside the current tab's (reversed) brackets.
        let after_current = i > 0 && Mode::ALL[i - 1] == current;
        let lead = if after_current { " " } else { "" };
        let gap = if i < last && mode != current { " " } else { "" };
        let span = match style {
            Tabs::Compact if mode == current => Span::styled(format!("[{label}]"), t.tab_active),
            Tabs::Compact => Span::styled(format!("{lead}{label}{gap}"), t.muted),
            _ if mode == current => Span::styled(format!("[{label}]"), t.tab_active),
            Tabs::Spaced | Tabs::Numbers => Span::styled(format!(" {label} "), t.muted),
        };
        spans.push(span);
    }
    spans
}

#[cfg(test)]
mod tests {
    use crate::app::worker::{WorkerEvent, run_job};
    use crate::app::{App, Command, Message, Mode, Options};
    use crate::ui::tests::screen;

    /// The tab row without the progress at its right (the tabs end with the last mode's).
    fn tab_row(app: &App, w: u16) -> String {
        let row = screen(app, w, 40)
            .lines()
            .nth(1)
            .unwrap_or_default()
            .to_owned();
        let last = format!("9 {}", Mode::Token.short());
        let end = row.find(&last).map_or(row.len(), |i| i + last.len());
        let end = end + usize::from(row[end..].starts_with(']'));
        row[..end].split_whitespace().collect::<Vec<_>>().join(" ")
    }

    /// Issue 8: mode names are the same at every width; at 80 columns the tabs still say what
    /// 2-9 are; and they do not change when the run finishes computing (the checking spinner
    /// shrinks to its glyph instead). In every language: the Spanish lesson's names are as
    /// compact (" 1 Pasos 2 Flujo [3 Tabla] 4 Estado 5 Claves 6 Test 7 Resumen …" at 80).
    #[test]
    fn every_tab_is_named_the_same_at_every_width_and_while_checking() {
        let mut spanish = 0;
        for scenario in crate::scenario::builtins().unwrap() {
            let words = scenario.words();
            spanish += usize::from(words.language() == crate::words::Language::Es);
            let id = scenario.file.scenario.id.clone();
            let options = Options::for_snapshots(Mode::Table);
            let mut app = App::new(scenario, &options);
            let mut events = run_job(&app.take_jobs()[0]).into_iter();
            // The layout and step 1 are known; the rest is still being checked.
            for event in events.by_ref() {
                let frame = matches!(event, WorkerEvent::Frame { .. });
                app.update(Message::Worker(event));
                if frame {
                    break;
                }
            }
            app.update(Message::Do(Command::Last));
            assert!(app.checking(), "{id}");
            let checking = [80, 120, 200].map(|w| tab_row(&app, w));
            for event in events {
                app.update(Message::Worker(event));
            }
            app.run_jobs_here();
            assert!(!app.checking(), "{id}");
            let done = [80, 120, 200].map(|w| tab_row(&app, w));
            assert_eq!(
                checking, done,
                "{id}: the tabs changed when the run finished"
            );
            for tabs in &done {
                assert_eq!(tabs, &done[0], "{id}: names differ between widths");
                for mode in Mode::ALL {
                    let name = format!("{} {}", mode.number(), words.get(mode.short_name()));
                    assert!(tabs.contains(&name), "{id}: {name:?} missing from {tabs:?}");
                }
            }
        }
        assert!(spanish > 0, "a Spanish lesson was read");
    }
}
