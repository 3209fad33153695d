//! The status tracker. In step-through, condensed as the seed shows it (Start, a column only
//! after steps that changed something, Final); mode 4 shows every variable after every step.
//! A changed cell is marked by a glyph (+ set, ~ changed, - cleared) and bold, not colour alone.

use crate::app::Slot;
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::Widget;

use super::grid::{Cell, fit_widths, row_lines};
use super::text::{looks_like_jwt, short_value, width};
use super::{Ctx, clamp_scroll, inner, panel, put_lines, scroll_hint, wrapped};
use crate::flow::{self, Change, Frame, Vars};
use crate::words::Word;

/// The longest a JWT gets in a tracker cell before it is shortened.
const VALUE_MAX: usize = 16;
/// Columns between cells: the change glyph column already separates values.
const GAP: usize = 1;

/// The glyph of a change.
pub(crate) fn glyph(change: Change) -> &'static str {
    match change {
        Change::Same => " ",
        Change::Set => "+",
        Change::Changed => "~",
        Change::Cleared => "-",
    }
}

/// One column: a heading and one (value, change) per row.
struct Column {
    heading: String,
    values: Vec<(String, Change)>,
    current: bool,
}

/// The variable-name column's natural width.
fn name_width(names: &[String]) -> usize {
    names.iter().map(|n| width(n)).max().unwrap_or(8).max(8)
}

/// A column's width with its heading on one line.
fn natural_width(c: &Column) -> usize {
    unwrapped_width(c).max(width(&c.heading))
}

/// Columns a value asks for (its change glyph included): a JWT only its first characters,
/// since modes 4 and 9 show it whole.
fn value_width(value: &str) -> usize {
    if looks_like_jwt(value) {
        8
    } else {
        width(value).min(VALUE_MAX) + 1
    }
}

/// A column's width with its values whole and its heading wrapped at spaces.
fn unwrapped_width(c: &Column) -> usize {
    let longest_word = c.heading.split_whitespace().map(width).max().unwrap_or(0);
    c.values
        .iter()
        .map(|(v, _)| value_width(v))
        .chain(std::iter::once(longest_word))
        .max()
        .unwrap_or(5)
}

/// The narrowest a column gets: values are never cut before headings wrap ("After" over
/// "Step 1").
fn min_width_of(c: &Column) -> usize {
    unwrapped_width(c).min(VALUE_MAX + 1)
}

/// Lays out `names` × `columns` in `w` columns. When even the narrowest layout does not fit,
/// the earliest columns after "Start" give way, so the latest (the step on screen) always
/// shows. Returns the lines and whether columns were hidden.
fn grid(
    names: &[String],
    mut columns: Vec<Column>,
    w: usize,
    ctx: &Ctx<'_>,
) -> (Vec<Line<'static>>, bool) {
    let t = ctx.theme;
    let name_w = name_width(names);
    let name_min = name_w.min(10);
    let mut hidden = false;
    while columns.len() > 2
        && name_min + columns.iter().map(|c| min_width_of(c) + GAP).sum::<usize>() > w
    {
        columns.remove(1);
        hidden = true;
    }
    let mut nat = vec![name_w];
    nat.extend(columns.iter().map(natural_width));
    let mut min = vec![name_min];
    min.extend(columns.iter().map(min_width_of));
    let mut widths = fit_widths(&nat, &min, w, GAP);
    // A heading that no longer fits on one line wraps at its narrowest ("After" over
    // "Step 1"), never mid-way ("After Step" over "1").
    for (i, c) in columns.iter().enumerate() {
        if widths[i + 1] < width(&c.heading) {
            widths[i + 1] = min[i + 1];
        }
    }
    let mut heading = vec![Cell::new(ctx.words.get(Word::ColumnVariable), t.heading)];
    heading.extend(columns.iter().map(|c| {
        let style = if c.current {
            t.heading.patch(t.current)
        } else {
            t.heading
        };
        Cell::new(c.heading.clone(), style)
    }));
    let mut lines = row_lines(&heading, &widths, GAP, Style::new());
    for (r, name) in names.iter().enumerate() {
        let mut cells = vec![Cell::new(name.clone(), t.visited)];
        for (c, column) in columns.iter().enumerate() {
            let (value, change) = column
                .values
                .get(r)
                .cloned()
                .unwrap_or_else(|| (String::new(), Change::Same));
            let shown = short_value(ctx.words.value(&value), widths[c + 1].saturating_sub(1));
            let style = if change == Change::Same {
                Style::new()
            } else {
                t.changed
            };
            cells.push(Cell::new(format!("{}{shown}", glyph(change)), style));
        }
        // One line per variable: values are already shortened to their column.
        lines.extend(
            row_lines(&cells, &widths, GAP, Style::new())
                .into_iter()
                .take(1),
        );
    }
    (lines, hidden)
}

/// The condensed tracker's lines in `w` columns and whether columns were hidden; `None`
/// before the run has started.
fn condensed(ctx: &Ctx<'_>, w: usize) -> Option<(Vec<Line<'static>>, bool)> {
    let upto = ctx.app.shown_index();
    let path = ctx.app.current();
    let frames = &path.frames[..(upto + 1).min(path.frames.len())];
    let (tracked, columns) = condensed_columns(ctx, frames)?;
    Some(grid(tracked, columns, w, ctx))
}

/// The tracked names and the condensed columns of `frames` (the run's first ones).
fn condensed_columns<'a>(ctx: &Ctx<'a>, frames: &[Frame]) -> Option<(&'a [String], Vec<Column>)> {
    let path = ctx.app.current();
    // Nothing to show before the run has started (the pool is its first news).
    path.pool.as_ref()?;
    let at_end = path.total().is_some_and(|total| frames.len() >= total);
    let cols = flow::tracker_of(&path.tracked, &path.start, frames);
    let count = cols.len();
    let columns: Vec<Column> = cols
        .into_iter()
        .enumerate()
        .map(|(i, c)| {
            let last = i + 1 == count;
            let words = ctx.words;
            let heading = match c.step {
                None => words.get(Word::ColumnStart).to_owned(),
                // Until the run's end, the last column is "now", not "Final".
                Some(_) if last && at_end => words.get(Word::ColumnFinal).to_owned(),
                Some(n) => words.fill(Word::ColumnAfterStep, &[("n", &n.to_string())]),
            };
            Column {
                heading,
                values: c.values,
                current: last && count > 1,
            }
        })
        .collect();
    Some((&path.tracked, columns))
}

/// The narrowest panel (border included) that shows the whole run's condensed tracker with
/// no value cut, headings wrapped; so the layout can make room for it from the start.
pub(crate) fn min_width(ctx: &Ctx<'_>) -> u16 {
    // The whole run as laid out: the panel is that wide from step 1 on.
    let Some((tracked, columns)) = condensed_columns(ctx, ctx.app.current().laid_out()) else {
        return 0;
    };
    let w = name_width(tracked)
        + columns
            .iter()
            .map(|c| unwrapped_width(c) + GAP)
            .sum::<usize>();
    u16::try_from(w + 2).unwrap_or(u16::MAX)
}

/// Rows the condensed tracker panel takes in `w` columns (border included).
pub(crate) fn height(ctx: &Ctx<'_>, w: u16) -> u16 {
    let rows = condensed(ctx, usize::from(w.saturating_sub(2))).map_or_else(
        || ctx.app.scenario().file.scenario.track.len() + 1,
        |(lines, _)| lines.len(),
    );
    u16::try_from(rows + 2).unwrap_or(u16::MAX)
}

/// The condensed tracker panel for step-through. Columns hidden to fit are said on its bottom
/// border, which costs the panel no row.
pub(crate) fn render(area: Rect, buf: &mut Buffer, ctx: &Ctx<'_>) {
    let t = ctx.theme;
    let body = inner(area);
    let condensed = condensed(ctx, usize::from(body.width));
    let mut block = panel(
        format!(
            "{} · {}",
            ctx.words.get(Word::StatusTracker),
            ctx.words.get(Word::TrackerLegend)
        ),
        t,
    );
    if let Some((_, true)) = &condensed {
        block = block.title_bottom(Line::from(Span::styled(
            format!(" {} ", ctx.words.get(Word::TrackerHidden)),
            t.muted,
        )));
    }
    block.render(area, buf);
    let lines = match condensed {
        Some((lines, _)) => lines,
        None => wrapped("Setting up the pool…", body.width, t.muted),
    };
    put_lines(body, buf, &lines, 0);
}

/// The names mode 4 shows: tracked first, then any other variable the run ever set.
fn names_to_show(tracked: &[String], start: &Vars, steps: &[&Vars]) -> (Vec<String>, Vec<String>) {
    let mut names: Vec<String> = tracked.to_vec();
    let mut never = Vec::new();
    let all = steps.first().copied().unwrap_or(start);
    for var in &all.0 {
        if names.contains(&var.name) {
            continue;
        }
        let ever_set = std::iter::once(start)
            .chain(steps.iter().copied())
            .any(|v| !flow::vars::is_unset(v.value(&var.name)));
        if ever_set {
            names.push(var.name.clone());
        } else {
            never.push(var.name.clone());
        }
    }
    // An SRP number (or a variable of another optional family) is worth naming as never set
    // only in a run that set some of its family.
    for family in crate::scenario::vocab::OPTIONAL_FAMILIES {
        if !names.iter().any(|n| family.contains(&n.as_str())) {
            never.retain(|n| !family.contains(&n.as_str()));
        }
    }
    (names, never)
}

/// Mode 4: every variable after every step so far.
pub(crate) fn render_mode(area: Rect, buf: &mut Buffer, ctx: &Ctx<'_>) {
    let t = ctx.theme;
    let app = ctx.app;
    let path = app.current();
    let frames = ctx.frames_so_far();
    let steps: Vec<&Vars> = frames.iter().map(|f| &f.vars).collect();
    let (names, never) = names_to_show(&path.tracked, &path.start, &steps);
    let mut columns = vec![Column {
        heading: ctx.words.get(Word::ColumnStart).to_owned(),
        values: names
            .iter()
            .map(|n| (path.start.value(n).to_owned(), Change::Same))
            .collect(),
        current: frames.is_empty(),
    }];
    for (i, frame) in frames.iter().enumerate() {
        columns.push(Column {
            heading: ctx.words.step(frame.number),
            values: names
                .iter()
                .map(|n| {
                    frame
                        .vars
                        .get(n)
                        .map_or((String::new(), Change::Same), |v| {
                            (v.value.clone(), v.change)
                        })
                })
                .collect(),
            current: i + 1 == frames.len(),
        });
    }
    let title = if area.width >= 100 {
        format!(
            "{}: {} · {}",
            ctx.words.get(Word::ModeTracker),
            ctx.words.get(Word::TrackerAll),
            ctx.words.get(Word::TrackerLegend)
        )
    } else {
        format!(
            "{} · {}",
            ctx.words.get(Word::ModeTracker),
            ctx.words.get(Word::TrackerLegend)
        )
    };
    panel(title, t).render(area, buf);
    let body = inner(area);
    let (mut lines, hidden) = grid(&names, columns, usize::from(body.width), ctx);
    lines.push(Line::raw(""));
    if hidden {
        lines.extend(wrapped(
            "Earlier steps are hidden to fit: widen the window to see them all.",
            body.width,
            t.muted,
        ));
    }
    lines.push(Line::from(Span::styled(
        "What each step changed",
        t.heading,
    )));
    for frame in frames {
        let changed: Vec<String> = frame
            .vars
            .0
            .iter()
            .filter(|v| v.change != Change::Same)
            .map(|v| format!("{} {}", glyph(v.change), v.name))
            .collect();
        let what = if changed.is_empty() {
            "nothing".to_owned()
        } else {
            changed.join(", ")
        };
        let current = Some(frame.number) == ctx.frame().map(|f| f.number);
        let style = if current { t.changed } else { Style::new() };
        let text = format!("Step {} ({}): {what}", frame.number, frame.row.action);
        lines.extend(wrapped(&text, body.width, style));
    }
    if let Some(frame) = ctx.frame()
        && let Some(token) = frame
            .vars
            .get("token")
            .filter(|v| !flow::vars::is_unset(&v.value))
    {
        lines.extend(wrapped(
            &format!(
                "token is a real JWT of {} characters: mode 9 decodes it.",
                token.value.len()
            ),
            body.width,
            t.muted,
        ));
    }
    if !never.is_empty() {
        lines.extend(wrapped(
            &format!("Never set in this run: {}.", never.join(", ")),
            body.width,
            t.muted,
        ));
    }
    ctx.limit(Slot::Tracker, lines.len(), body.height);
    let skip = clamp_scroll(app.scroll().tracker, lines.len(), body.height);
    put_lines(body, buf, &lines, skip);
    scroll_hint(area, buf, skip, lines.len(), body.height, ctx);
}
