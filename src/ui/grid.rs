//! Tables drawn as lines: columns sized to their content, shrunk fairly when space is short,
//! cells wrapped (never silently cut), wide characters measured in columns.

use ratatui::style::Style;
use ratatui::text::{Line, Span};

use super::text::{pad, wrap};

/// Columns between cells in wide tables.
pub(crate) const GAP: usize = 2;

/// Widths for columns that would like `natural` columns, never below `min`, in `avail`
/// columns (gaps included): the widest column gives way first, one column at a time.
pub(crate) fn fit_widths(natural: &[usize], min: &[usize], avail: usize, gap: usize) -> Vec<usize> {
    let mut widths: Vec<usize> = natural.iter().zip(min).map(|(n, m)| (*n).max(*m)).collect();
    let gaps = gap * natural.len().saturating_sub(1);
    let room = avail.saturating_sub(gaps);
    while widths.iter().sum::<usize>() > room {
        let Some((i, _)) = widths
            .iter()
            .enumerate()
            .filter(|(i, w)| **w > min[*i])
            .max_by_key(|(_, w)| **w)
        else {
            break;
        };
        widths[i] -= 1;
    }
    widths
}

/// One cell: its text and style.
pub(crate) struct Cell {
    pub text: String,
    pub style: Style,
}

impl Cell {
    pub(crate) fn new(text: impl Into<String>, style: Style) -> Cell {
        Cell {
            text: text.into(),
            style,
        }
    }
}

/// A row as one or more lines: each cell wrapped to its column. `row_style` is laid over the
/// whole row (e.g. reverse for the current step), gaps included.
pub(crate) fn row_lines(
    cells: &[Cell],
    widths: &[usize],
    gap: usize,
    row_style: Style,
) -> Vec<Line<'static>> {
    let wrapped: Vec<Vec<String>> = cells
        .iter()
        .zip(widths)
        .map(|(c, w)| wrap(&c.text, *w))
        .collect();
    let height = wrapped.iter().map(Vec::len).max().unwrap_or(1);
    (0..height)
        .map(|r| {
            let mut spans = Vec::with_capacity(cells.len() * 2);
            for (i, (cell, lines)) in cells.iter().zip(&wrapped).enumerate() {
                if i > 0 {
                    spans.push(Span::styled(" ".repeat(gap), row_style));
                }
                let text = lines.get(r).map_or("", String::as_str);
                spans.push(Span::styled(
                    pad(text, widths[i]),
                    cell.style.patch(row_style),
                ));
            }
            Line::from(spans)
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ui::text::width;

    /// (natural widths, minimum widths, columns available, widths given).
    type Case = (&'static [usize], &'static [usize], usize, &'static [usize]);

    #[test]
    fn widths_shrink_the_widest_first_and_respect_minimums() {
        let cases: &[Case] = &[
            (&[4, 10, 6], &[2, 2, 2], 30, &[4, 10, 6]),
            (&[4, 10, 6], &[2, 2, 2], 18, &[4, 5, 5]),
            (&[4, 10, 6], &[4, 8, 6], 10, &[4, 8, 6]),
        ];
        for (natural, min, avail, want) in cases {
            assert_eq!(
                fit_widths(natural, min, *avail, GAP),
                *want,
                "{natural:?} in {avail}"
            );
        }
    }

    #[test]
    fn wide_characters_line_up_in_columns() {
        let widths = [8, 6];
        let rows = [
            [
                Cell::new("日本語", Style::new()),
                Cell::new("ok", Style::new()),
            ],
            [
                Cell::new("abc", Style::new()),
                Cell::new("🔑 key", Style::new()),
            ],
            [
                Cell::new("長い長い文章です", Style::new()),
                Cell::new("x", Style::new()),
            ],
        ];
        for row in &rows {
            for line in row_lines(row, &widths, GAP, Style::new()) {
                let text: String = line.spans.iter().map(|s| s.content.as_ref()).collect();
                assert_eq!(width(&text), 8 + GAP + 6, "{text:?}");
                // The second column starts at the same column on every line.
                let first: String = line.spans[0].content.to_string();
                assert_eq!(width(&first), 8, "{first:?}");
            }
        }
    }
}
