//! The process table: the seed's five columns, one row per step reached so far, the current
//! row marked with ▶ and reverse. Cells wrap rather than being cut.

use crate::words::Word;
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::Widget;

use super::grid::{Cell, GAP, fit_widths, row_lines};
use super::text::width;
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

/// The table's lines for `frames` in `w` columns.
pub(crate) struct TableLines {
    /// Heading and rows.
    pub lines: Vec<Line<'static>>,
    /// How many of them are the heading.
    pub heading: usize,
    /// The line where each row starts, in order.
    pub starts: Vec<usize>,
}

/// Lays out the table for `frames`, `current` being the index of the current row. Without
/// `input` the Input column is left out (narrow terminals; mode 3 always has it).
pub(crate) fn lines(
    frames: &[Frame],
    current: usize,
    w: usize,
    input: bool,
    ctx: &Ctx<'_>,
) -> TableLines {
    let t = ctx.theme;
    let keep = |i: usize| input || i != 2;
    let cells_of = |frame: &Frame| -> Vec<String> {
        let response = match &frame.outcome {
            // A no-break space keeps the glyph on the exception's line.
            Outcome::Error { .. } => format!("✗\u{a0}{}", frame.row.response),
            _ => ctx.words.value(&frame.row.response).to_owned(),
        };
        [
            frame.number.to_string(),
            frame.row.action.clone(),
            frame.row.input.clone(),
            response,
            frame.row.result.clone(),
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
            Word::ColumnStep if ctx.app.live_state().is_some() => ctx.words.get(Word::ColumnCall),
            h => ctx.words.get(*h),
        })
        .collect();
    let rows: Vec<Vec<String>> = frames.iter().map(cells_of).collect();
    // A column is never narrower than its longest word (up to a point), so words do not
    // break mid-way when the table is squeezed.
    let longest = |j: usize| -> usize {
        rows.iter()
            .filter_map(|r| r.get(j))
            .flat_map(|c| c.split(' ').map(width))
            .max()
            .unwrap_or(0)
            .min(26)
    };
    let min: Vec<usize> = MIN
        .iter()
        .enumerate()
        .filter(|(i, _)| keep(*i))
        .enumerate()
        .map(|(j, (_, m))| (*m).max(longest(j)))
        .collect();
    let mut natural: Vec<usize> = headings.iter().map(|h| width(h)).collect();
    for row in &rows {
        for (i, cell) in row.iter().enumerate() {
            // The step column also holds the ▶ marker.
            let extra = if i == 0 { 2 } else { 0 };
            natural[i] = natural[i].max(width(cell) + extra);
        }
    }
    let widths = fit_widths(&natural, &min, w, GAP);
    let heading_cells: Vec<Cell> = headings.iter().map(|h| Cell::new(*h, t.heading)).collect();
    let mut out = row_lines(&heading_cells, &widths, GAP, Style::new());
    let heading = out.len();
    let mut starts = Vec::with_capacity(frames.len());
    for (i, (frame, row)) in frames.iter().zip(rows).enumerate() {
        starts.push(out.len());
        let is_current = i == current;
        let marker = if is_current { "▶ " } else { "  " };
        let bad = matches!(frame.outcome, Outcome::Error { .. });
        let response_at = if input { 3 } else { 2 };
        let cells: Vec<Cell> = row
            .into_iter()
            .enumerate()
            .map(|(i, text)| match i {
                0 => Cell::new(format!("{marker}{text}"), Style::new()),
                i if i == response_at && bad => Cell::new(text, t.bad),
                _ => Cell::new(text, Style::new()),
            })
            .collect();
        let row_style = if is_current { t.current } else { Style::new() };
        out.extend(row_lines(&cells, &widths, GAP, row_style));
    }
    TableLines {
        lines: out,
        heading,
        starts,
    }
}

/// Lines the note takes inside a table panel `w` wide: none when it fits on the border.
pub(crate) fn note_rows(ctx: &Ctx<'_>, w: u16) -> u16 {
    table_note(ctx)
        .filter(|n| width(n) + 10 > usize::from(w))
        .map_or(0, |n| {
            let lines = super::text::wrap(n, usize::from(w.saturating_sub(8))).len();
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
    let mut block = panel(ctx.words.get(Word::ProcessTable), t);
    if let Some(n) = &on_border {
        block = block.title_bottom(Line::from(Span::styled(
            format!(" {note_word}{n} "),
            t.note,
        )));
    }
    block.render(area, buf);
    let body = inner(area);
    let note = if on_border.is_some() { None } else { note };
    let frames = ctx.frames_so_far();
    let TableLines {
        lines: mut all,
        heading: head,
        starts,
        ..
    } = lines(
        frames,
        frames.len().saturating_sub(1),
        usize::from(body.width),
        input,
        ctx,
    );
    if ctx.app.checking() {
        // Part of the last row's place: it goes where the next row will.
        all.push(Line::from(Span::styled(
            "  … Cognito is checking: the next row appears when it answers",
            t.changed,
        )));
    }
    let height = usize::from(body.height);
    let note_lines = match note {
        Some(note) if height > all.len() => {
            super::hanging(note_word, &note, body.width, t.note, t.note)
        }
        _ => Vec::new(),
    };
    let note_lines: Vec<Line<'static>> = note_lines
        .into_iter()
        .take(height.saturating_sub(all.len()))
        .collect();
    let room = height.saturating_sub(note_lines.len());
    let head = head.min(all.len());
    let row_room = room.saturating_sub(head);
    // Each row's lines, the last one's reaching to the end (the checking line with it).
    let spans: Vec<(usize, usize)> = starts
        .iter()
        .enumerate()
        .map(|(i, &start)| (start, starts.get(i + 1).copied().unwrap_or(all.len())))
        .collect();
    // Mode 3 scrolls the rows; elsewhere the table follows the current step.
    let up = if ctx.app.mode() == crate::app::Mode::Table {
        usize::from(ctx.app.scroll().rows)
    } else {
        0
    };
    let window = row_window(&spans, row_room, up);
    ctx.limit_to(Slot::Rows, window.max_up);
    let mut shown: Vec<Line<'static>> = all[..head].to_vec();
    if let Some((first, last)) = window.rows {
        let (from, _) = spans[first];
        let (_, to) = spans[last];
        // A row taller than the room shows its first lines (never another row's).
        shown.extend(all[from..to].iter().take(row_room).cloned());
        // A click on a row goes to its step.
        let rows_top = body.y + u16::try_from(head).unwrap_or(0);
        for (k, &(start, end)) in spans.iter().enumerate().take(last + 1).skip(first) {
            let y = rows_top + u16::try_from(start - from).unwrap_or(0);
            let h = u16::try_from(end - start).unwrap_or(0);
            let row = Rect::new(body.x, y, body.width, h).intersection(body);
            if let Some(frame) = frames.get(k) {
                ctx.click(row, crate::app::Click::Step(frame.number));
            }
        }
        if first > 0 || last + 1 < spans.len() {
            let scroll = if input && ctx.app.mode() == crate::app::Mode::Table {
                "↑↓ scroll"
            } else {
                "mode 3 scrolls"
            };
            let hint = format!(
                " rows {}-{} of {}, {scroll} ",
                first + 1,
                last + 1,
                spans.len()
            );
            super::border_hint(area, buf, &hint, t.muted);
        }
    }
    shown.extend(note_lines);
    put_lines(body, buf, &shown, 0);
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
}
