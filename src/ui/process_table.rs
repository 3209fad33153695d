//! The process table: the seed's five columns, one row per step reached so far, the current
//! row marked with ▶ and reverse. Cells wrap rather than being cut.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::Widget;

use super::grid::{Cell, fit_widths, row_lines};
use super::text::width;
use super::{Ctx, clamp_scroll, inner, panel, put_lines};
use crate::flow::{Frame, Outcome};

const HEADINGS: [&str; 5] = ["Step", "Action", "Input", "Cognito Response", "Result"];
const MIN: [usize; 5] = [4, 10, 8, 10, 8];

/// The table's lines for `frames` in `w` columns.
pub(crate) struct TableLines {
    /// Heading and rows.
    pub lines: Vec<Line<'static>>,
    /// How many of them are the heading.
    pub heading: usize,
    /// The line where the current row starts.
    pub current: usize,
}

/// Lays out the table for `frames`, `current` being the index of the current row.
pub(crate) fn lines(frames: &[Frame], current: usize, w: usize, ctx: &Ctx<'_>) -> TableLines {
    let t = ctx.theme;
    let cells_of = |frame: &Frame| -> [String; 5] {
        let response = match &frame.outcome {
            Outcome::Error { .. } => format!("✗ {}", frame.row.response),
            _ => frame.row.response.clone(),
        };
        [
            frame.number.to_string(),
            frame.row.action.clone(),
            frame.row.input.clone(),
            response,
            frame.row.result.clone(),
        ]
    };
    let rows: Vec<[String; 5]> = frames.iter().map(cells_of).collect();
    let mut natural: Vec<usize> = HEADINGS.iter().map(|h| width(h)).collect();
    for row in &rows {
        for (i, cell) in row.iter().enumerate() {
            // The step column also holds the ▶ marker.
            let extra = if i == 0 { 2 } else { 0 };
            natural[i] = natural[i].max(width(cell) + extra);
        }
    }
    let widths = fit_widths(&natural, &MIN, w);
    let mut out = row_lines(
        &HEADINGS.map(|h| Cell::new(h, t.heading)),
        &widths,
        Style::new(),
    );
    let heading = out.len();
    let mut current_line = out.len();
    for (i, (frame, row)) in frames.iter().zip(rows).enumerate() {
        let is_current = i == current;
        if is_current {
            current_line = out.len();
        }
        let marker = if is_current { "▶ " } else { "  " };
        let bad = matches!(frame.outcome, Outcome::Error { .. });
        let [step, action, input, response, result] = row;
        let cells = [
            Cell::new(format!("{marker}{step}"), Style::new()),
            Cell::new(action, Style::new()),
            Cell::new(input, Style::new()),
            Cell::new(response, if bad { t.bad } else { Style::new() }),
            Cell::new(result, Style::new()),
        ];
        let row_style = if is_current { t.current } else { Style::new() };
        out.extend(row_lines(&cells, &widths, row_style));
    }
    TableLines {
        lines: out,
        heading,
        current: current_line,
    }
}

/// Draws the table in a panel. Rows appear as they are reached; when they do not all fit, the
/// heading stays and the rows scroll to keep the current one in sight.
pub(crate) fn render(area: Rect, buf: &mut Buffer, ctx: &Ctx<'_>) {
    let t = ctx.theme;
    let note = ctx.app.scenario().file.scenario.table_note.clone();
    panel("Process table", t).render(area, buf);
    let body = inner(area);
    let frames = ctx.frames_so_far();
    let TableLines {
        lines: mut all,
        heading: head,
        current,
    } = lines(
        frames,
        frames.len().saturating_sub(1),
        usize::from(body.width),
        ctx,
    );
    if ctx.app.checking() {
        all.push(Line::from(Span::styled(
            "  … Cognito is checking: the next row appears when it answers",
            t.changed,
        )));
    }
    let height = usize::from(body.height);
    let note_lines = match note {
        Some(note) if height > all.len() => {
            super::hanging("Note: ", &note, body.width, t.note, t.note)
        }
        _ => Vec::new(),
    };
    let note_lines: Vec<Line<'static>> = note_lines
        .into_iter()
        .take(height.saturating_sub(all.len()))
        .collect();
    let room = height.saturating_sub(note_lines.len());
    let (heading, rows) = all.split_at(head.min(all.len()));
    let row_room = room.saturating_sub(heading.len());
    let rows_current = current.saturating_sub(heading.len());
    // The window of rows that ends with the current row's first line (and what follows it).
    let skip = if rows.len() > row_room {
        let want = (rows_current + 2).saturating_sub(row_room);
        clamp_scroll(
            u16::try_from(want).unwrap_or(0),
            rows.len(),
            u16::try_from(row_room).unwrap_or(0),
        )
    } else {
        0
    };
    let mut shown: Vec<Line<'static>> = heading.to_vec();
    shown.extend(rows.iter().skip(skip).take(row_room).cloned());
    shown.extend(note_lines);
    put_lines(body, buf, &shown, 0);
}
