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

    // Row 1: title left, branch right.
    let meta = &app.scenario().file.scenario;
    let words = &ctx.words;
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
    let branch = truncate(&branch, w / 2);
    let title_room = w.saturating_sub(width(&branch) + 2);
    let title = match meta.minutes {
        _ if app.live_state().is_some() => {
            format!(
                " {}",
                words.fill(Word::LiveTitle, &[("title", &meta.title)])
            )
        }
        Some(minutes) => format!(
            " {} · {}",
            meta.title,
            words.fill(Word::Minutes, &[("n", &minutes.to_string())])
        ),
        None => format!(" {}", meta.title),
    };
    let title = truncate(&title, title_room);
    let gap = w.saturating_sub(width(&title) + width(&branch));
    let row1 = Line::from(vec![
        Span::styled(title, t.title),
        Span::raw(" ".repeat(gap)),
        Span::styled(branch, t.visited),
    ]);
    buf.set_line(area.x, area.y, &row1, area.width);

    // Row 2: tabs left, progress right.
    let path = app.current();
    let step = app.cursor() + 1;
    let total = path.total();
    let total_shown = total.map_or_else(|| "…".to_owned(), |t| t.to_string());
    let progress = match total {
        _ if app.live_state().is_some() => live_progress(app, words),
        _ => format!(
            "{} ",
            words.fill(
                Word::StepOf,
                &[("n", &step.to_string()), ("total", &total_shown)]
            )
        ),
    };
    let done = total.map_or(0, |total| {
        if total == 0 {
            0
        } else {
            (step.min(total) * GAUGE).div_ceil(total)
        }
    });
    // A live session has no end to measure against: no gauge.
    let gauge = if app.live_state().is_some() { 0 } else { GAUGE };
    let mut right = vec![
        Span::styled(progress.clone(), t.title),
        Span::styled("█".repeat(done.min(gauge)), t.gauge),
        Span::styled("░".repeat(gauge - done.min(gauge)), t.muted),
        Span::raw(if gauge == 0 { "" } else { " " }),
    ];
    let mut right_w = width(&progress) + gauge + usize::from(gauge > 0);
    if app.checking() {
        let spin = SPINNER[usize::try_from(app.tick() % 4).unwrap_or(0)];
        let note = format!("{spin} {} ", words.get(Word::CognitoIsChecking));
        right_w += width(&note);
        right.insert(0, Span::styled(note, t.changed));
    } else if let Some(error) = &path.error {
        let note = truncate(&format!("✗ {error} "), w / 3);
        right_w += width(&note);
        right.insert(0, Span::styled(note, t.bad));
    }
    let tabs_room = w.saturating_sub(right_w + 1);
    let tabs = tabs(app.mode(), tabs_room, ctx);
    let tabs_w: usize = tabs.iter().map(|s| width(&s.content)).sum();
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
/// yet " before the first.
fn live_progress(app: &crate::app::App, words: &crate::words::Words) -> String {
    let calls = app.current().frames.len();
    if calls == 0 {
        return format!("{} ", words.get(Word::NoCallsYet));
    }
    let shown = words.fill(
        Word::CallOf,
        &[
            ("n", &(app.shown_index() + 1).to_string()),
            ("total", &calls.to_string()),
        ],
    );
    let following = matches!(app.nav().cursor().place, crate::app::Place::Last { .. });
    if following {
        format!("{shown} · {} ", words.get(Word::Following))
    } else {
        format!("{shown} ")
    }
}

/// The mode tabs in `room` columns: full names, else short ones, else numbers with the current
/// mode named.
fn tabs(current: Mode, room: usize, ctx: &Ctx<'_>) -> Vec<Span<'static>> {
    let t = ctx.theme;
    let build = |name: &dyn Fn(Mode) -> String| -> Vec<Span<'static>> {
        let mut spans = vec![Span::raw(" ")];
        for mode in Mode::ALL {
            let label = name(mode);
            if mode == current {
                spans.push(Span::styled(format!("[{label}]"), t.tab_active));
            } else {
                spans.push(Span::styled(format!(" {label} "), t.muted));
            }
        }
        spans
    };
    let fits = |spans: &[Span<'_>]| spans.iter().map(|s| width(&s.content)).sum::<usize>() <= room;
    let name = |m: Mode| ctx.words.get(m.name()).to_owned();
    let short_name = |m: Mode| ctx.words.get(m.short_name()).to_owned();
    let full = build(&|m| format!("{} {}", m.number(), name(m)));
    if fits(&full) {
        return full;
    }
    let short = build(&|m| format!("{} {}", m.number(), short_name(m)));
    if fits(&short) {
        return short;
    }
    let numbers = build(&|m| {
        if m == current {
            format!("{} {}", m.number(), short_name(m))
        } else {
            m.number().to_string()
        }
    });
    if fits(&numbers) {
        return numbers;
    }
    vec![Span::styled(
        truncate(&format!(" [{} {}]", current.number(), name(current)), room),
        t.tab_active,
    )]
}
