//! The process table: the seed's five columns, one row per step reached so far, the current
//! row marked with ▶ and reverse. Cells wrap rather than being cut.

use crate::words::Word;
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::Widget;

use std::borrow::Cow;

use super::grid::{Cell, GAP, fit_widths, row_lines};
use super::text::{width, wrap_count};
use super::{Ctx, inner, panel, put_lines};
use crate::app::Slot;
use crate::flow::{Frame, Outcome};

const HEADINGS: [Word; 5] = [
    Word::ColumnStep,
    Word::ColumnAction,
    Word::ColumnInput,
    Word::ColumnResponse,
    Word::ColumnResult,
];
const MIN: [usize; 5] = [4, 10, 8, 10, 8];

/// The table for some frames, measured in some width: its column widths and each row's line
/// count come from every row (so columns do not change width as it scrolls), but a row's
/// lines are made only for the rows shown, so a long run costs what is on screen.
pub(crate) struct Table<'f> {
    /// The heading's lines.
    heading: Vec<Line<'static>>,
    widths: Vec<usize>,
    /// Each row's cells, in column order (the Input column left out without `input`).
    rows: Vec<Vec<Cow<'f, str>>>,
    /// The lines each row takes.
    heights: Vec<usize>,
    /// Where the response column is (it is red on Cognito's exception, the next one on the
    /// app's own refusal).
    response_at: usize,
    /// The current row (marked with ▶ and reverse), if any.
    current: Option<usize>,
}

impl<'f> Table<'f> {
    /// Measures the table for `frames` in `w` columns, `current` being the index of the current
    /// row. Without `input` the Input column is left out (narrow terminals; mode 3 always has
    /// it).
    pub(crate) fn measure(
        frames: &'f [Frame],
        current: Option<usize>,
        w: usize,
        input: bool,
        ctx: &Ctx<'f>,
    ) -> Self {
        let t = ctx.theme;
        let keep = |i: usize| input || i != 2;
        let cells_of = |frame: &'f Frame| -> Vec<Cow<'f, str>> {
            let (response, result, refused) = frame.table_cells();
            let response = if refused {
                // A no-break space keeps the glyph on the exception's line.
                Cow::Owned(format!("✗\u{a0}{response}"))
            } else {
                Cow::Borrowed(ctx.words.value(response))
            };
            // A step that asks a prediction says so, and how it went.
            let number = match ctx.app.prediction_mark(frame) {
                Some(mark) => format!("{} {}", frame.number, super::predict::mark_glyph(mark)),
                None => frame.number.to_string(),
            };
            [
                Cow::Owned(number),
                Cow::Borrowed(frame.row.action.as_str()),
                Cow::Borrowed(frame.row.input.as_str()),
                response,
                result,
            ]
            .into_iter()
            .enumerate()
            .filter(|(i, _)| keep(*i))
            .map(|(_, c)| c)
            .collect()
        };
        let headings: Vec<&str> = HEADINGS
            .iter()
            .enumerate()
            .filter(|(i, _)| keep(*i))
            .map(|(_, h)| match h {
                // A live session's rows are the learner's calls, as the header counts them.
                Word::ColumnStep if ctx.app.live_state().is_some() => {
                    ctx.words.get(Word::ColumnCall)
                }
                h => ctx.words.get(*h),
            })
            .collect();
        let rows: Vec<Vec<Cow<'f, str>>> = frames.iter().map(cells_of).collect();
        // A column is never narrower than its longest word (up to a point), so words do not
        // break mid-way when the table is squeezed.
        let mut min: Vec<usize> = MIN
            .iter()
            .enumerate()
            .filter(|(i, _)| keep(*i))
            .map(|(_, m)| *m)
            .collect();
        let mut natural: Vec<usize> = headings.iter().map(|h| width(h)).collect();
        // Each cell's width, measured once (a row's height compares it with its column's).
        let mut cell_widths = Vec::with_capacity(rows.len() * headings.len());
        for row in &rows {
            for (i, cell) in row.iter().enumerate() {
                let longest = cell.split(' ').map(width).max().unwrap_or(0).min(26);
                min[i] = min[i].max(longest);
                let w = width(cell);
                cell_widths.push(w);
                // The step column also holds the ▶ marker.
                let extra = if i == 0 { 2 } else { 0 };
                natural[i] = natural[i].max(w + extra);
            }
        }
        let widths = fit_widths(&natural, &min, w, GAP);
        let heading_cells: Vec<Cell> = headings.iter().map(|h| Cell::new(*h, t.heading)).collect();
        let heading = row_lines(&heading_cells, &widths, GAP, Style::new());
        let heights = rows
            .iter()
            .zip(cell_widths.chunks(headings.len()))
            .enumerate()
            .map(|(i, (row, measured))| {
                row_height(marker(Some(i) == current), row, measured, &widths)
            })
            .collect();
        Table {
            heading,
            widths,
            rows,
            heights,
            response_at: if input { 3 } else { 2 },
            current,
        }
    }

    /// Lines of the whole table, heading included.
    pub(crate) fn line_count(&self) -> usize {
        self.heading.len() + self.heights.iter().sum::<usize>()
    }

    /// Row `i` (of `frame`)'s lines.
    fn row(&self, i: usize, frame: &Frame, ctx: &Ctx<'_>) -> Vec<Line<'static>> {
        let t = ctx.theme;
        let current = self.current == Some(i);
        // Red: Cognito's exception, or the app's own verdict in the result.
        let bad = match (&frame.outcome, frame.table_cells().2) {
            (Outcome::Error { .. }, true) => Some(self.response_at),
            (Outcome::Error { .. }, false) => Some(self.response_at + 1),
            _ => None,
        };
        let cells: Vec<Cell> = self.rows[i]
            .iter()
            .enumerate()
            .map(|(c, text)| match c {
                0 => Cell::new(format!("{}{text}", marker(current)), Style::new()),
                c if Some(c) == bad => Cell::new(text.as_ref(), t.bad),
                _ => Cell::new(text.as_ref(), Style::new()),
            })
            .collect();
        let row_style = if current { t.current } else { Style::new() };
        row_lines(&cells, &self.widths, GAP, row_style)
    }
}

/// What the step cell starts with: ▶ on the current row.
fn marker(current: bool) -> &'static str {
    if current { "▶ " } else { "  " }
}

/// The lines a row of `cells` (the step cell after `marker`; `measured` their widths) takes
/// in columns `widths` wide, as [`row_lines`] lays it out: one when every cell fits its
/// column on one line (no wrapping needed to know), else the tallest cell's.
fn row_height(marker: &str, cells: &[Cow<'_, str>], measured: &[usize], widths: &[usize]) -> usize {
    let mut tallest = 1;
    for (i, ((text, &cell_w), &w)) in cells.iter().zip(measured).zip(widths).enumerate() {
        let lead = if i == 0 { marker } else { "" };
        let one_line = cell_w + width(lead) <= w && !text.contains(['\n', '\t']);
        if !one_line {
            tallest = tallest.max(wrap_count(&format!("{lead}{text}"), w));
        }
    }
    tallest
}

/// Lines the note takes inside a table panel `w` wide: none when it fits on the border.
pub(crate) fn note_rows(ctx: &Ctx<'_>, w: u16) -> u16 {
    table_note(ctx)
        .filter(|n| width(n) + 10 > usize::from(w))
        .map_or(0, |n| {
            // The rule that sets it apart from the rows, then its lines.
            let lines = 1 + super::text::wrap(n, usize::from(w.saturating_sub(8))).len();
            u16::try_from(lines).unwrap_or(1)
        })
}

/// The lesson's note under the table; a live session's calls follow no lesson, so none there.
fn table_note<'a>(ctx: &Ctx<'a>) -> Option<&'a String> {
    if ctx.app.live_state().is_some() {
        return None;
    }
    ctx.app.scenario().file.scenario.table_note.as_ref()
}

/// Draws the table in a panel. Rows appear as they are reached; when they do not all fit, the
/// heading stays and the rows scroll to keep the current one in sight.
pub(crate) fn render(area: Rect, buf: &mut Buffer, ctx: &Ctx<'_>) {
    render_with(area, buf, ctx, true);
}

/// [`render`], choosing whether to show the Input column.
pub(crate) fn render_with(area: Rect, buf: &mut Buffer, ctx: &Ctx<'_>, input: bool) {
    let t = ctx.theme;
    // Narrow, the note waits in mode 3 like the Input column.
    let note = table_note(ctx).cloned().filter(|_| input);
    // The seed's note under the table: on the bottom border when it fits there.
    let on_border = note
        .as_ref()
        .filter(|n| width(n) + 10 <= usize::from(area.width))
        .cloned();
    let note_word = ctx.words.get(Word::Note);
    let (before, frames) = ctx.latest_in_view();
    let name = ctx.words.get(Word::ProcessTable);
    let marks = frames.iter().filter_map(|f| ctx.app.prediction_mark(f));
    let mut block = panel(
        match super::predict::mark_legend(marks, ctx.words) {
            Some(legend) => format!("{name} · {legend}"),
            None => name.to_owned(),
        },
        area.width,
        t,
    );
    if let Some(n) = &on_border {
        block = block.title_bottom(Line::from(Span::styled(
            format!(" {note_word}{n} "),
            t.note,
        )));
    }
    block.render(area, buf);
    let body = inner(area);
    let note = if on_border.is_some() { None } else { note };
    let table = Table::measure(
        frames,
        frames.len().checked_sub(1),
        usize::from(body.width),
        input,
        ctx,
    );
    // Part of the last row's place: it goes where the next row will.
    let checking = ctx.app.checking().then(|| {
        Line::from(Span::styled(
            "  … Cognito is checking: the next row appears when it answers",
            t.changed,
        ))
    });
    let total = table.line_count() + usize::from(checking.is_some());
    let height = usize::from(body.height);
    let head = table.heading.len().min(total);
    // The current row's lines (the last row shown, the checking line with it).
    let current = table.heights.last().copied().unwrap_or(0) + usize::from(checking.is_some());
    // The note inside the panel never silently goes (at 80x24 totp-mfa's End dropped it
    // for two empty rows once the rows scrolled). Whole with every row when both fit; whole
    // beside the heading and the current row when the rows scroll anyway (the other rows
    // scroll, "rows x-y of N"); on one line, shortened with "…", when it would cost the rows
    // of a table that fits, or when the panel is too short for it whole.
    let note_lines = match note {
        Some(note) => {
            // A rule above it: a note inside the panel must not read as one more row.
            let rule = Line::from(Span::styled("╌".repeat(usize::from(body.width)), t.border));
            let mut lines = vec![rule];
            lines.extend(super::hanging(note_word, &note, body.width, t.note, t.note));
            let fits =
                |n: usize| height >= total + n || (total > height && height >= head + current + n);
            if fits(lines.len()) {
                lines
            } else if fits(lines.len() - 1)
                || (total >= height && height >= head + current + lines.len() - 1)
            {
                // Without its rule ("Note:" still sets it apart) rather than shortened; also
                // when the rows only fit without any note line, so scroll anyway (signin-basic
                // step 3 at 80x24 shortened its note above an empty row).
                lines.split_off(1)
            } else if height > head + current {
                let room = usize::from(body.width).saturating_sub(width(note_word));
                vec![Line::from(Span::styled(
                    format!("{note_word}{}", super::text::truncate(&note, room)),
                    t.note,
                ))]
            } else {
                Vec::new()
            }
        }
        None => Vec::new(),
    };
    let room = height.saturating_sub(note_lines.len());
    let row_room = room.saturating_sub(head);
    // Each row's lines, the last one's reaching to the end (the checking line with it).
    let mut spans: Vec<(usize, usize)> = Vec::with_capacity(table.heights.len());
    let mut at = table.heading.len();
    for height in &table.heights {
        spans.push((at, at + height));
        at += height;
    }
    if let (Some(last), Some(_)) = (spans.last_mut(), &checking) {
        last.1 += 1;
    }
    // Mode 3 scrolls the rows; elsewhere the table follows the current step.
    let up = if ctx.app.mode() == crate::app::Mode::Table {
        usize::from(ctx.app.scroll().rows)
    } else {
        0
    };
    let window = row_window(&spans, row_room, up);
    ctx.limit_to(Slot::Rows, window.max_up);
    let mut shown: Vec<Line<'static>> = table.heading[..head].to_vec();
    if let Some((first, last)) = window.rows {
        // Only the rows shown are laid out.
        let mut rows: Vec<Line<'static>> = (first..=last)
            .flat_map(|i| table.row(i, &frames[i], ctx))
            .collect();
        if last + 1 == spans.len() {
            rows.extend(checking);
        }
        // A row taller than the room shows its first lines (never another row's).
        shown.extend(rows.into_iter().take(row_room));
        // A click on a row goes to its step.
        let from = spans[first].0;
        let rows_top = body.y + u16::try_from(head).unwrap_or(0);
        for (k, &(start, end)) in spans.iter().enumerate().take(last + 1).skip(first) {
            let y = rows_top + u16::try_from(start - from).unwrap_or(0);
            let h = u16::try_from(end - start).unwrap_or(0);
            let row = Rect::new(body.x, y, body.width, h).intersection(body);
            if let Some(frame) = frames.get(k) {
                ctx.click(row, crate::app::Click::Step(frame.number));
            }
        }
        if before > 0 || first > 0 || last + 1 < spans.len() {
            use crate::words::Word;
            let words = ctx.words;
            let scroll = words.get(if input && ctx.app.mode() == crate::app::Mode::Table {
                Word::RowsScroll
            } else {
                Word::RowsScrollMode3
            });
            // A long run's earliest rows are left out (`:` N goes to their steps).
            let earlier = if before > 0 {
                words.fill(Word::RowsEarlier, &[("n", &before.to_string())])
            } else {
                String::new()
            };
            let numbers = [
                (before + first + 1).to_string(),
                (before + last + 1).to_string(),
                (before + spans.len()).to_string(),
            ];
            let said = words.fill(
                Word::RowsShown,
                &[
                    ("first", &numbers[0]),
                    ("last", &numbers[1]),
                    ("total", &numbers[2]),
                    ("earlier", &earlier),
                    ("scroll", scroll),
                ],
            );
            let hint = format!(" {said} ");
            // The note on the bottom border keeps its words: the hint goes on the top border
            // when the two do not fit side by side.
            let note_w = on_border
                .as_ref()
                .map_or(0, |n| width(n) + width(note_word) + 4);
            if note_w + width(&hint) + 1 > usize::from(area.width) {
                top_hint(area, buf, &hint, t.muted);
            } else {
                super::border_hint(area, buf, &hint, t.muted);
            }
        }
    }
    shown.extend(note_lines);
    put_lines(body, buf, &shown, 0);
}

/// Writes `hint` at the right of `panel`'s top border (its title is at the left).
fn top_hint(panel: Rect, buf: &mut Buffer, hint: &str, style: ratatui::style::Style) {
    let w = u16::try_from(width(hint) + 1).unwrap_or(u16::MAX);
    let x = panel.right().saturating_sub(w).max(panel.x);
    let room = usize::from(panel.right() - x);
    buf.set_stringn(x, panel.y, hint, room, style);
}

/// Which rows a window shows.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Window {
    /// The first and last row shown, whole; `None` with no rows.
    rows: Option<(usize, usize)>,
    /// The most rows the view can be scrolled up from the bottom before it stops changing.
    max_up: usize,
}

/// The rows (given as line ranges) shown in `room` lines with the view scrolled `up` rows
/// from the bottom: every row shown is whole (unless one row alone is taller than the room),
/// the bottom row is the last unless scrolled, and no room is left empty while a row could
/// fill it.
fn row_window(spans: &[(usize, usize)], room: usize, up: usize) -> Window {
    let n = spans.len();
    if n == 0 {
        return Window {
            rows: None,
            max_up: 0,
        };
    }
    let lines = |first: usize, last: usize| spans[last].1 - spans[first].0;
    // From the top, how far down whole rows fit: scrolling further up changes nothing.
    let mut top_last = 0;
    while top_last + 1 < n && lines(0, top_last + 1) <= room {
        top_last += 1;
    }
    let max_up = n - 1 - top_last;
    let last = n - 1 - up.min(max_up);
    let mut first = last;
    while first > 0 && lines(first - 1, last) <= room {
        first -= 1;
    }
    Window {
        rows: Some((first, last)),
        max_up,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_row_window_keeps_rows_whole_and_scrolls_up_from_the_bottom() {
        // Five rows of 1, 2, 1, 2, 1 lines.
        let spans = [(0, 1), (1, 3), (3, 4), (4, 6), (6, 7)];
        // room, up → rows shown, max_up
        type Case = (usize, usize, Option<(usize, usize)>, usize);
        let cases: &[Case] = &[
            (7, 0, Some((0, 4)), 0),
            (4, 0, Some((2, 4)), 2),
            (4, 1, Some((2, 3)), 2),
            (4, 2, Some((0, 2)), 2),
            (4, 9, Some((0, 2)), 2),
            (1, 0, Some((4, 4)), 4),
            // A row taller than the room is still the one shown.
            (1, 1, Some((3, 3)), 4),
        ];
        for &(room, up, rows, max_up) in cases {
            assert_eq!(
                row_window(&spans, room, up),
                Window { rows, max_up },
                "room {room}, up {up}"
            );
        }
        assert_eq!(row_window(&[], 5, 0).rows, None);
    }

    #[test]
    fn a_rows_measured_height_is_the_lines_it_is_laid_out_in() {
        let app = crate::ui::tests::app(None, 5, crate::app::Mode::Table);
        let theme = crate::ui::theme::Theme::colour();
        let words = app.scenario().words();
        let limits = std::cell::Cell::new(crate::app::Scroll::UNKNOWN);
        let clicks = std::cell::RefCell::new(crate::app::Clicks::default());
        let ctx = Ctx {
            app: &app,
            theme: &theme,
            limits: &limits,
            words: &words,
            clicks: &clicks,
            tracker: &crate::ui::tracker::Memo::default(),
        };
        let frames = &app.current().frames;
        assert!(frames.len() >= 5);
        let mut wrapped = 0;
        for w in (12..=140).step_by(4) {
            for input in [true, false] {
                for current in [None, Some(0), Some(frames.len() - 1)] {
                    let table = Table::measure(frames, current, w, input, &ctx);
                    for (i, frame) in frames.iter().enumerate() {
                        let lines = table.row(i, frame, &ctx).len();
                        assert_eq!(
                            table.heights[i], lines,
                            "row {i} at {w} columns, input {input}"
                        );
                        wrapped += usize::from(lines > 1);
                    }
                    assert_eq!(
                        table.line_count(),
                        table.heading.len() + table.heights.iter().sum::<usize>()
                    );
                }
            }
        }
        // Narrow tables wrap rows, so both ways of knowing a height are compared.
        assert!(wrapped > 100, "{wrapped}");
    }
}
