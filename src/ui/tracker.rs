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
use super::text::{looks_like_jwt, short_value, width, wrap, wrap_count};
use super::{Ctx, Window, clamp_scroll, inner, panel, put_lines, scroll_hint, wrapped};
use crate::flow::{self, Change, Frame, Vars};
use crate::words::Word;

/// The longest an opaque value (a JWT, a Session, an SRP number) gets in a tracker cell
/// before it is shortened: modes 4 and 9 show it whole, and its characters teach nothing.
const OPAQUE_MAX: usize = 16;
/// A column is not narrowed below this (or its values' one-line width, if less) while
/// hiding an earlier column would let it keep it: a value wrapped over three lines in
/// every column reads worse than fewer columns.
const COMFORT: usize = 17;
/// An opaque value longer than this with no space in it is shortened, not wrapped.
const OPAQUE_FROM: usize = 24;
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

/// How a tracker lays its values out.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Fit {
    /// Mode 4, and step-through's panel when it has the rows: every value whole, wrapped in
    /// its cell (opaque ones shortened).
    Whole,
    /// Step-through's summary panel when whole values would take too many rows: one line per
    /// variable, values shortened to their column (the panel says so, and mode 4 shows them
    /// whole).
    OneLine,
}

/// A laid-out tracker.
#[derive(Clone)]
struct Grid {
    lines: Vec<Line<'static>>,
    /// How many of the earliest columns after "Start" were hidden to fit.
    hidden: usize,
    /// True when some value that is not opaque was shortened ([`Fit::OneLine`] only).
    cut: bool,
}

/// One column: a heading and one (value, change) per row.
struct Column {
    heading: String,
    values: Vec<(String, Change)>,
    current: bool,
}

/// The variable-name column's width: names are never cut ("accessToken", not "accessToke").
fn name_width(names: &[String]) -> usize {
    names.iter().map(|n| width(n)).max().unwrap_or(8).max(8)
}

/// True for variable `name`'s value when it is shortened rather than wrapped: a JWT, or a
/// long run of characters with no space (a refresh token, a Session, an SRP number). A key
/// the learner types somewhere ([`crate::scenario::vocab::TYPED_VARIABLES`]: the
/// authenticator's secretCode) is never opaque: it wraps whole like every value it teaches.
fn opaque(name: &str, value: &str) -> bool {
    !crate::scenario::vocab::TYPED_VARIABLES.contains(&name)
        && !is_url(value)
        && (looks_like_jwt(value) || (width(value) > OPAQUE_FROM && !value.contains(' ')))
}

/// True for a URL (`http://localhost:3000/callback`): it teaches by its parts (a redirect URI
/// must match exactly), so it wraps between them rather than being shortened.
fn is_url(value: &str) -> bool {
    value.starts_with("http://") || value.starts_with("https://")
}

/// The pieces a value may wrap between: after a space, `_`, `-`, `@`, `.` or `/`, so
/// `FORCE_CHANGE_PASSWORD` wraps as `FORCE_CHANGE_` / `PASSWORD`, a clock between its date
/// and its time, and a URL between its parts.
fn pieces(value: &str) -> Vec<&str> {
    let mut out = Vec::new();
    let mut start = 0;
    for (i, c) in value.char_indices() {
        if matches!(c, ' ' | '_' | '-' | '@' | '.' | '/') {
            out.push(&value[start..i + c.len_utf8()]);
            start = i + c.len_utf8();
        }
    }
    if start < value.len() {
        out.push(&value[start..]);
    }
    out
}

/// `value` in lines of at most `w` columns, broken between [`pieces`] (a piece longer than
/// the line is broken between characters). Nothing is dropped.
fn value_lines(value: &str, w: usize) -> Vec<String> {
    let w = w.max(1);
    if width(value) <= w {
        return vec![value.to_owned()];
    }
    let mut lines = Vec::new();
    let mut line = String::new();
    for piece in pieces(value) {
        if !line.is_empty() && width(&line) + width(piece.trim_end()) > w {
            lines.push(line.trim_end().to_owned());
            line.clear();
        }
        if width(piece.trim_end()) > w {
            let mut broken = wrap(piece, w);
            line = broken.pop().unwrap_or_default();
            lines.extend(broken);
        } else {
            line.push_str(piece);
        }
    }
    if !line.trim_end().is_empty() {
        lines.push(line.trim_end().to_owned());
    }
    lines
}

/// Holds a cell's leading space through [`row_lines`]' wrapping (which drops spaces at line
/// starts); [`grid`] turns it back into a space before drawing.
const KEEP: char = '\u{a0}';

/// A cell's text in a column `w` wide: the glyph, then the value whole (wrapped, each further
/// line indented under the first) or, for an opaque value, shortened.
fn cell_text(name: &str, value: &str, change: Change, w: usize) -> String {
    let room = w.saturating_sub(1);
    let lines = if opaque(name, value) {
        vec![short_value(value, room.min(OPAQUE_MAX + 1))]
    } else {
        value_lines(value, room)
    };
    let glyph = glyph(change).replace(' ', &KEEP.to_string());
    format!("{glyph}{}", lines.join(&format!("\n{KEEP}")))
}

/// Columns a value asks for on one line, its change glyph included.
fn value_width(name: &str, value: &str) -> usize {
    if !opaque(name, value) {
        width(value) + 1
    } else if looks_like_jwt(value) {
        8
    } else {
        OPAQUE_MAX + 1
    }
}

/// The narrowest a value can be wrapped to: its longest piece (its first characters, if
/// opaque), glyph included.
fn value_min_width(name: &str, value: &str) -> usize {
    if opaque(name, value) {
        return value_width(name, value).min(9);
    }
    pieces(value)
        .iter()
        .map(|p| width(p.trim_end()))
        .max()
        .unwrap_or(0)
        + 1
}

/// A column's width with its values whole on one line and its heading wrapped at spaces.
fn unwrapped_width(c: &Column, names: &[String]) -> usize {
    let longest_word = c.heading.split_whitespace().map(width).max().unwrap_or(0);
    c.values
        .iter()
        .zip(names)
        .map(|((v, _), name)| value_width(name, v))
        .chain(std::iter::once(longest_word))
        .max()
        .unwrap_or(5)
}

/// A column's width with its heading on one line too.
fn natural_width(c: &Column, names: &[String]) -> usize {
    unwrapped_width(c, names).max(width(&c.heading))
}

/// The width of a heading's last two words ("Step 12" of "After Step 12"): a heading is never
/// narrower, so its number stays with its word.
fn heading_tail(heading: &str) -> usize {
    let words: Vec<&str> = heading.split_whitespace().collect();
    let tail = &words[words.len().saturating_sub(2)..];
    tail.iter().map(|w| width(w)).sum::<usize>() + tail.len().saturating_sub(1)
}

/// The narrowest a column gets: every value wrapped between its pieces, the heading between
/// its words ("After" over "Step 1"); no narrower than [`COMFORT`] when its values need it.
/// On one line, values give way (shortened) before the heading wraps further.
fn min_width_of(c: &Column, names: &[String], fit: Fit) -> usize {
    if fit == Fit::OneLine {
        return unwrapped_width(c, names)
            .min(OPAQUE_MAX + 1)
            .max(heading_tail(&c.heading));
    }
    let wrapped = c
        .values
        .iter()
        .zip(names)
        .map(|((v, _), name)| value_min_width(name, v))
        .chain(std::iter::once(heading_tail(&c.heading)))
        .max()
        .unwrap_or(5);
    wrapped.max(unwrapped_width(c, names).min(COMFORT))
}

/// The most columns after "Start" a tracker `w` wide can show: each takes at least one
/// column and its gap. Trackers build only this many of the latest columns, so a long run
/// costs what fits on screen.
fn most_columns(w: usize) -> usize {
    w / (1 + GAP) + 1
}

/// Lays out `names` × `columns` in `w` columns, every value whole (wrapped in its cell) but
/// the opaque ones. When even the narrowest layout does not fit, the earliest columns after
/// "Start" give way, so the latest (the step on screen) always shows. Returns the lines and
/// how many columns were hidden.
fn grid(names: &[String], mut columns: Vec<Column>, w: usize, fit: Fit, ctx: &Ctx<'_>) -> Grid {
    let t = ctx.theme;
    // Values as shown (`empty`, `none` in the lesson's language) before any width is taken,
    // so a longer word ("ninguno") is measured, not cut.
    for column in &mut columns {
        for (value, _) in &mut column.values {
            *value = ctx.words.value(value).to_owned();
        }
    }
    let name_w = name_width(names);
    // Hide the earliest columns after "Start" until the narrowest layout fits (the last
    // always stays).
    let needs: Vec<usize> = columns
        .iter()
        .map(|c| min_width_of(c, names, fit) + GAP)
        .collect();
    let mut total = name_w + needs.iter().sum::<usize>();
    let mut hidden = 0;
    while columns.len() - hidden > 2 && total > w {
        hidden += 1;
        total -= needs[hidden];
    }
    columns.drain(1..=hidden);
    let mut nat = vec![name_w];
    nat.extend(columns.iter().map(|c| natural_width(c, names)));
    let mut min = vec![name_w];
    min.extend(columns.iter().map(|c| min_width_of(c, names, fit)));
    let mut widths = fit_widths(&nat, &min, w, GAP);
    // A heading that wraps keeps its number with its word ("After" over "Step 1"), never
    // "After Step" over "1".
    for (i, c) in columns.iter().enumerate() {
        let orphan = wrap(&c.heading, widths[i + 1])
            .last()
            .is_some_and(|l| !l.contains(' ') && width(l) < heading_tail(&c.heading));
        if orphan {
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
    let mut cut = false;
    for (r, name) in names.iter().enumerate() {
        let mut cells = vec![Cell::new(name.clone(), t.visited)];
        for (c, column) in columns.iter().enumerate() {
            let (value, change) = column
                .values
                .get(r)
                .cloned()
                .unwrap_or_else(|| (String::new(), Change::Same));
            let style = if change == Change::Same {
                Style::new()
            } else {
                t.changed
            };
            let w = widths[c + 1];
            let text = match fit {
                Fit::Whole => cell_text(name, &value, change, w),
                Fit::OneLine => {
                    cut |= !opaque(name, &value) && width(&value) >= w;
                    format!(
                        "{}{}",
                        glyph(change),
                        short_value(&value, w.saturating_sub(1))
                    )
                }
            };
            cells.push(Cell::new(text, style));
        }
        let row = row_lines(&cells, &widths, GAP, Style::new());
        let take = if fit == Fit::OneLine { 1 } else { row.len() };
        lines.extend(row.into_iter().take(take));
    }
    for span in lines.iter_mut().flat_map(|l| l.spans.iter_mut()) {
        if span.content.contains(KEEP) {
            span.content = span.content.replace(KEEP, " ").into();
        }
    }
    Grid { lines, hidden, cut }
}

/// Rows of wrapped values the condensed tracker may add to its one line per variable before
/// it shortens values instead (saying so), when the layout has no spare rows for it: the
/// explanation below keeps its room.
const WRAP_ROWS: usize = 2;

/// The condensed tracker's lines in `w` columns and how many columns it hides; `None` before
/// the run has started. Values are whole, wrapped in their cells (`FORCE_CHANGE_` over
/// `PASSWORD`), unless the whole run's values would need more than [`WRAP_ROWS`] extra rows
/// and more than the `room` lines the layout can spare: then every step is shortened alike,
/// so the panel keeps one height through the run.
fn condensed(ctx: &Ctx<'_>, w: usize, room: usize) -> Option<Grid> {
    let fit = condensed_fit(ctx, w, room);
    if let Some((_, grid)) = ctx
        .tracker
        .condensed
        .borrow()
        .iter()
        .find(|(at, _)| *at == (w, fit))
    {
        return grid.clone();
    }
    let laid = (|| {
        let (tracked, columns, left_out) =
            condensed_columns(ctx, ctx.frames_so_far(), most_columns(w))?;
        let mut grid = grid(tracked, columns, w, fit, ctx);
        grid.hidden += usize::from(left_out);
        Some(grid)
    })();
    ctx.tracker
        .condensed
        .borrow_mut()
        .push(((w, fit), laid.clone()));
    laid
}

/// The condensed trackers one drawing has laid out, by width and fit, and the whole run's
/// rows with values whole, by width: a panel's height is measured before it is drawn at that
/// same width, and laying a tracker out is most of a step's drawing (every value measured at
/// every width tried).
#[derive(Default)]
pub(crate) struct Memo {
    condensed: std::cell::RefCell<Vec<LaidOut>>,
    whole_rows: std::cell::RefCell<Vec<WholeRows>>,
}

/// A condensed tracker laid out at a width and fit (`None` before the run has started).
type LaidOut = ((usize, Fit), Option<Grid>);

/// At a width, the whole run's rows with values whole and with one line per variable.
type WholeRows = (usize, Option<(usize, usize)>);

/// How the condensed tracker fits `w` columns and `room` lines: decided on the whole run as
/// laid out (its last steps hold the most values), so every step of it draws the same way.
/// (At 120x40 verify-token's `lastError`, "TokenRejected: signature: …", wraps over four more
/// lines, which the screen has: it read "+TokenRejected: sign…" when two were the limit.)
fn condensed_fit(ctx: &Ctx<'_>, w: usize, room: usize) -> Fit {
    let known = ctx
        .tracker
        .whole_rows
        .borrow()
        .iter()
        .find(|(at, _)| *at == w)
        .map(|(_, rows)| *rows);
    // The whole run's rows with every value whole, and its one-line rows.
    let rows = known.unwrap_or_else(|| {
        let frames = ctx.app.current().laid_out();
        let rows = condensed_columns(ctx, frames, most_columns(w)).map(|(tracked, columns, _)| {
            (
                grid(tracked, columns, w, Fit::Whole, ctx).lines.len(),
                tracked.len() + 1,
            )
        });
        ctx.tracker.whole_rows.borrow_mut().push((w, rows));
        rows
    });
    let Some((rows, one_line)) = rows else {
        return Fit::Whole;
    };
    if rows <= one_line + WRAP_ROWS || rows <= room {
        Fit::Whole
    } else {
        Fit::OneLine
    }
}

/// The tracked names, "Start" and at most `max` of the latest condensed columns of `frames`
/// (the run's first ones), and whether earlier columns were left out.
fn condensed_columns<'a>(
    ctx: &Ctx<'a>,
    frames: &[Frame],
    max: usize,
) -> Option<(&'a [String], Vec<Column>, bool)> {
    let path = ctx.app.current();
    // Nothing to show before the run has started (the pool is its first news).
    path.pool.as_ref()?;
    let at_end = path.total().is_some_and(|total| frames.len() >= total);
    let tail = flow::tracker_tail(&path.tracked, &path.start, frames, max);
    let count = tail.columns.len();
    let columns: Vec<Column> = tail
        .columns
        .into_iter()
        .enumerate()
        .map(|(i, c)| {
            let last = i + 1 == count;
            let words = ctx.words;
            let heading = match c.step {
                None => words.get(Word::ColumnStart).to_owned(),
                // Until the run's end, the last column is "now", not "Final".
                Some(_) if last && at_end => words.get(Word::ColumnFinal).to_owned(),
                Some(n) => {
                    let after = if ctx.app.live_state().is_some() {
                        Word::ColumnAfterCall
                    } else {
                        Word::ColumnAfterStep
                    };
                    words.fill(after, &[("n", &n.to_string())])
                }
            };
            Column {
                heading,
                values: c.values,
                current: last && count > 1,
            }
        })
        .collect();
    Some((&path.tracked, columns, tail.left_out))
}

/// The narrowest panel (border included) that shows the whole run's condensed tracker with
/// no value cut, headings wrapped, so the layout can make room for it from the start; at
/// least `limit` when that is more than `limit` (the columns past it are not measured).
pub(crate) fn min_width(ctx: &Ctx<'_>, limit: u16) -> u16 {
    // The whole run as laid out: the panel is that wide from step 1 on.
    let frames = ctx.app.current().laid_out();
    let Some((tracked, columns, _)) =
        condensed_columns(ctx, frames, most_columns(usize::from(limit)))
    else {
        return 0;
    };
    let w = name_width(tracked)
        + columns
            .iter()
            .map(|c| unwrapped_width(c, tracked) + GAP)
            .sum::<usize>();
    u16::try_from(w + 2).unwrap_or(u16::MAX)
}

/// Rows the condensed tracker panel takes in `w` columns (border included), when the layout
/// can give it up to `room` rows (border included) without taking any from another panel:
/// values wrap whole when they fit in that.
pub(crate) fn height(ctx: &Ctx<'_>, w: u16, room: u16) -> u16 {
    let lines = usize::from(room.saturating_sub(2));
    let rows = condensed(ctx, usize::from(w.saturating_sub(2)), lines).map_or_else(
        || ctx.app.scenario().file.scenario.track.len() + 1,
        |grid| grid.lines.len(),
    );
    u16::try_from(rows + 2).unwrap_or(u16::MAX)
}

/// The condensed tracker panel for step-through. What it leaves out to fit (earlier columns,
/// the ends of long values, rows below the panel) is said on its bottom border, which costs
/// the panel no row.
pub(crate) fn render(area: Rect, buf: &mut Buffer, ctx: &Ctx<'_>) {
    let t = ctx.theme;
    let body = inner(area);
    // The layout gave the panel [`height`]'s rows: whole values when they fit in them.
    let condensed = condensed(ctx, usize::from(body.width), usize::from(body.height));
    let mut block = panel(
        format!(
            "{} · {}",
            ctx.words.get(Word::StatusTracker),
            ctx.words.get(Word::TrackerLegend)
        ),
        area.width,
        t,
    );
    if let Some(grid) = &condensed {
        let words = ctx.words;
        let mut left_out = Vec::new();
        if grid.hidden > 0 {
            left_out.push(words.get(Word::TrackerHidden).to_owned());
        }
        if grid.cut {
            left_out.push(words.get(Word::TrackerShortened).to_owned());
        }
        let below = grid.lines.len().saturating_sub(usize::from(body.height));
        if below > 0 {
            left_out.push(words.fill(Word::TrackerRowsBelow, &[("n", &below.to_string())]));
        }
        if !left_out.is_empty() {
            let what = left_out.join(", ");
            let mut said = words.fill(Word::TrackerLeftOut, &[("what", &what)]);
            // A narrow panel's border cannot hold the whole list: the short form still
            // says that something is left out and where it all is.
            if width(&said) + 4 > usize::from(area.width) {
                said = words.get(Word::TrackerLeftOutShort).to_owned();
            }
            block = block.title_bottom(Line::from(Span::styled(format!(" {said} "), t.muted)));
        }
    }
    block.render(area, buf);
    let lines = match condensed {
        Some(grid) => grid.lines,
        None => wrapped(ctx.words.get(Word::SettingUpPool), body.width, t.muted),
    };
    put_lines(body, buf, &lines, 0);
}

/// The names mode 4 shows: tracked first, then any other variable the run ever set.
fn names_to_show(tracked: &[String], start: &Vars, steps: &[&Vars]) -> (Vec<String>, Vec<String>) {
    let mut names: Vec<String> = tracked.to_vec();
    let mut never = Vec::new();
    let all = steps.first().copied().unwrap_or(start);
    for var in &all.0 {
        if names.iter().any(|n| n == var.name) {
            continue;
        }
        let ever_set = std::iter::once(start)
            .chain(steps.iter().copied())
            .any(|v| !flow::vars::is_unset(v.value(var.name)));
        if ever_set {
            names.push(var.name.to_owned());
        } else {
            never.push(var.name.to_owned());
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
    // A long run: its latest steps.
    let all = ctx.frames_so_far();
    let (before, frames) = ctx.latest_in_view();
    let steps: Vec<&Vars> = frames.iter().map(|f| &f.vars).collect();
    let (names, never) = names_to_show(&path.tracked, &path.start, &steps);
    let body = inner(area);
    // Only the latest columns can fit: the earlier ones are left out before laying out.
    let left_out = frames
        .len()
        .saturating_sub(most_columns(usize::from(body.width)));
    let mut columns = vec![Column {
        heading: ctx.words.get(Word::ColumnStart).to_owned(),
        values: names
            .iter()
            .map(|n| (path.start.value(n).to_owned(), Change::Same))
            .collect(),
        current: frames.is_empty(),
    }];
    for (i, frame) in frames.iter().enumerate().skip(left_out) {
        columns.push(Column {
            heading: ctx.frame_label(frame.number),
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
    panel(title, area.width, t).render(area, buf);
    let Grid {
        mut lines, hidden, ..
    } = grid(&names, columns, usize::from(body.width), Fit::Whole, ctx);
    lines.push(Line::raw(""));
    let hidden = &all[..before + left_out + hidden];
    if let (Some(first), Some(last)) = (hidden.first(), hidden.last()) {
        // Hidden columns are step columns ("Start" always shows): say their numbers.
        let words = ctx.words;
        let (first, last) = (first.number.to_string(), last.number.to_string());
        let which = match hidden.len() {
            1 => words.fill(Word::TrackerStepHidden, &[("n", &first)]),
            2 => words.fill(
                Word::TrackerTwoStepsHidden,
                &[("first", &first), ("last", &last)],
            ),
            _ => words.fill(
                Word::TrackerStepsHidden,
                &[("first", &first), ("last", &last)],
            ),
        };
        lines.extend(wrapped(&which, body.width, t.muted));
    }
    let words = ctx.words;
    lines.push(Line::from(Span::styled(
        words.get(Word::TrackerChangedHeading).to_owned(),
        t.heading,
    )));
    let on_screen = ctx.frame().map(|f| f.number);
    // What a step changed, in words.
    let changes = |frame: &Frame| {
        let changed: Vec<String> = frame
            .vars
            .0
            .iter()
            .filter(|v| v.change != Change::Same)
            .map(|v| format!("{} {}", glyph(v.change), v.name))
            .collect();
        let what = if changed.is_empty() {
            words.get(Word::TrackerNothing).to_owned()
        } else {
            changed.join(", ")
        };
        words.fill(
            Word::TrackerStepChanged,
            &[
                ("n", &frame.number.to_string()),
                ("action", &frame.row.action),
                ("what", &what),
            ],
        )
    };
    // The sentence's own bytes, whatever the language: "Step  (): nothing" in English.
    let own = words.get(Word::TrackerStepChanged).len() + words.get(Word::TrackerNothing).len();
    // Its bytes bound its width: a line that fits is counted, not written.
    let most = |frame: &Frame| {
        let names: usize = frame
            .vars
            .0
            .iter()
            .filter(|v| v.change != Change::Same)
            .map(|v| v.name.len() + ", + ".len())
            .sum();
        own + 20 + frame.row.action.len() + names
    };
    if before > 0 {
        lines.extend(wrapped(
            &words.fill(
                Word::TrackerLeftOutSteps,
                &[("before", &before.to_string())],
            ),
            body.width,
            t.muted,
        ));
    }
    let counts: Vec<usize> = frames
        .iter()
        .map(|frame| {
            let one_line =
                most(frame) <= usize::from(body.width) && !frame.row.action.contains('\n');
            if one_line {
                1
            } else {
                wrap_count(&changes(frame), usize::from(body.width))
            }
        })
        .collect();
    let mut last = Vec::new();
    if let Some(frame) = ctx.frame()
        && let Some(token) = frame
            .vars
            .get("token")
            .filter(|v| !flow::vars::is_unset(&v.value))
    {
        last.extend(wrapped(
            &words.fill(Word::TrackerIsJwt, &[("n", &token.value.len().to_string())]),
            body.width,
            t.muted,
        ));
    }
    // Long random values (a code verifier, a Session, an SRP number) are shortened, not
    // wrapped: their characters teach nothing, but the learner is told which and where to
    // read them whole.
    if let Some(frame) = ctx.frame() {
        let shortened: Vec<&str> = names
            .iter()
            .filter_map(|name| frame.vars.get(name).map(|v| (name, v)))
            .filter(|(name, v)| {
                opaque(name, &v.value) && !looks_like_jwt(&v.value) && width(&v.value) > OPAQUE_MAX
            })
            .map(|(name, _)| name.as_str())
            .collect();
        if !shortened.is_empty() {
            let names = shortened.join(", ");
            last.extend(wrapped(
                &words.fill(Word::TrackerOpaqueShortened, &[("names", &names)]),
                body.width,
                t.muted,
            ));
        }
    }
    if !never.is_empty() {
        last.extend(wrapped(
            &if before > 0 {
                words.fill(
                    Word::TrackerNeverSetIn,
                    &[
                        ("first", &(before + 1).to_string()),
                        ("last", &all.len().to_string()),
                        ("names", &never.join(", ")),
                    ],
                )
            } else {
                words.fill(Word::TrackerNeverSet, &[("names", &never.join(", "))])
            },
            body.width,
            t.muted,
        ));
    }
    let all = lines.len() + counts.iter().sum::<usize>() + last.len();
    ctx.limit(Slot::Tracker, all, body.height);
    let skip = clamp_scroll(app.scroll().tracker, all, body.height);
    let mut window = Window::new(skip, body.height);
    window.lines(lines);
    for (frame, &count) in frames.iter().zip(&counts) {
        // Made only where the window shows it.
        window.part(count, || {
            let style = if Some(frame.number) == on_screen {
                t.changed
            } else {
                Style::new()
            };
            wrapped(&changes(frame), body.width, style)
        });
    }
    window.lines(last);
    window.draw(body, buf);
    scroll_hint(area, buf, skip, all, body.height, ctx);
}
