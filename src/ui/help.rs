//! The `?` overlay: every key, from the same table that drives the handlers and the footer.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Clear, Widget};

use super::text::{pad, truncate, width};
use super::{Ctx, inner, panel, put_lines};
use crate::app::keymap;

pub(crate) fn render(area: Rect, buf: &mut Buffer, ctx: &Ctx<'_>) {
    let t = ctx.theme;
    let sections = keymap::help_sections();
    let keys_w = sections
        .iter()
        .flat_map(|(_, list)| list.iter().map(|b| width(b.shown)))
        .max()
        .unwrap_or(8);
    let mut lines: Vec<Line<'static>> = Vec::new();
    for (heading, list) in &sections {
        if !lines.is_empty() {
            lines.push(Line::raw(""));
        }
        lines.push(Line::from(Span::styled(heading.clone(), t.heading)));
        for binding in list {
            lines.push(Line::from(vec![
                Span::styled(format!("  {}", pad(binding.shown, keys_w)), t.key),
                Span::raw(format!("  {}", binding.does)),
            ]));
        }
    }
    let col_w = lines.iter().map(Line::width).max().unwrap_or(40) + 2;
    // Two columns when the terminal is wide enough, so the whole table shows at once.
    let two = usize::from(area.width) >= col_w * 2 + 4;
    let per_col = if two {
        lines.len().div_ceil(2)
    } else {
        lines.len()
    };
    let box_w = if two { col_w * 2 + 4 } else { col_w + 2 };
    let box_w = u16::try_from(box_w).unwrap_or(u16::MAX).min(area.width);
    let box_h = u16::try_from(per_col + 2)
        .unwrap_or(u16::MAX)
        .min(area.height);
    let rect = Rect {
        x: area.x + (area.width - box_w) / 2,
        y: area.y + (area.height - box_h) / 2,
        width: box_w,
        height: box_h,
    };
    Clear.render(rect, buf);
    panel("Keys — ? or Esc closes", t).render(rect, buf);
    let body = inner(rect);
    if two {
        // Split at a section boundary near the middle, so a heading never ends a column.
        let split = split_point(&lines, per_col);
        let (left, right) = lines.split_at(split);
        let half = body.width / 2;
        put_lines(
            Rect {
                width: half,
                ..body
            },
            buf,
            left,
            0,
        );
        put_lines(
            Rect {
                x: body.x + half + 1,
                width: body.width - half - 1,
                ..body
            },
            buf,
            right,
            0,
        );
    } else {
        let cut: Vec<Line<'static>> = lines
            .iter()
            .map(|l| {
                let text: String = l.spans.iter().map(|s| s.content.as_ref()).collect();
                Line::raw(truncate(&text, usize::from(body.width)))
            })
            .collect();
        put_lines(body, buf, &cut, 0);
    }
}

/// The index of the blank line nearest `target`, so a column starts with a heading.
fn split_point(lines: &[Line<'_>], target: usize) -> usize {
    let blank = |i: &usize| lines[*i].width() == 0;
    let after = (target..lines.len()).find(blank);
    let before = (0..target).rev().find(blank);
    match (before, after) {
        (Some(b), Some(a)) if target - b <= a - target => b + 1,
        (_, Some(a)) => a + 1,
        (Some(b), None) => b + 1,
        (None, None) => target,
    }
}
