//! The `?` overlay: every key, from the same table that drives the handlers and the footer,
//! then the glossary's words this lesson uses.
//! Two columns when the terminal is wide enough; ↑/↓ scroll when it is not tall enough.

use crate::app::Slot;
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};

use super::text::{pad, width, wrap};
use super::{Ctx, centred, clamp_scroll, overlay, put_lines, scroll_hint};
use crate::app::{glossary, keymap};
use crate::words::{Language, Word};

/// The narrowest a help column gets before one column is used instead of two.
const COLUMN_MIN: usize = 46;

/// The help text laid out in columns `col_w` wide; each section is one block.
fn blocks(col_w: usize, ctx: &Ctx<'_>) -> Vec<Vec<Line<'static>>> {
    let t = ctx.theme;
    let sections = keymap::help_sections(ctx.app.live_state().is_some(), ctx.words);
    let keys_w = sections
        .iter()
        .flat_map(|(_, list)| list.iter().map(|b| width(&keys_shown(b, ctx))))
        .max()
        .unwrap_or(8);
    let does_w = col_w.saturating_sub(keys_w + 4).max(10);
    let mut blocks: Vec<Vec<Line<'static>>> = sections
        .iter()
        .map(|(heading, list)| {
            let mut lines = vec![Line::from(Span::styled(heading.clone(), t.heading))];
            for binding in list {
                let does = Word::help_text(binding.does).map_or(binding.does, |w| ctx.words.get(w));
                for (i, piece) in wrap(does, does_w).into_iter().enumerate() {
                    let keys = if i == 0 {
                        keys_shown(binding, ctx)
                    } else {
                        String::new()
                    };
                    lines.push(Line::from(vec![
                        Span::styled(format!("  {}", pad(&keys, keys_w)), t.key),
                        Span::raw(format!("  {piece}")),
                    ]));
                }
            }
            lines
        })
        .collect();
    // The words this lesson uses, from the one glossary: term in bold, meaning below it.
    let terms = glossary::used_in(&ctx.app.scenario().source);
    if !terms.is_empty() {
        let heading = ctx.words.get(Word::HelpGlossary).to_owned();
        let mut lines = vec![Line::from(Span::styled(heading, t.heading))];
        for (term, meaning) in terms {
            lines.push(Line::from(Span::styled(format!("  {term}"), t.key)));
            for piece in wrap(ctx.words.get(meaning), col_w.saturating_sub(4).max(10)) {
                lines.push(Line::raw(format!("    {piece}")));
            }
        }
        blocks.push(lines);
    }
    blocks
}

/// How help writes a binding's keys: as the table does, but "letters" in the lesson's words.
fn keys_shown(binding: &keymap::Binding, ctx: &Ctx<'_>) -> String {
    if binding.shown == Word::HelpLetters.in_language(Language::En) {
        ctx.words.get(Word::HelpLetters).to_owned()
    } else {
        binding.shown.to_owned()
    }
}

pub(crate) fn render(area: Rect, buf: &mut Buffer, ctx: &Ctx<'_>) {
    let avail = usize::from(area.width.saturating_sub(2));
    let two = avail >= COLUMN_MIN * 2 + 2;
    let col_w = if two {
        ((avail - 2) / 2).min(60)
    } else {
        avail.min(76)
    };
    let blocks = blocks(col_w, ctx);
    // Fill the left column with whole sections up to half the lines, the rest on the right.
    let total: usize = blocks.iter().map(|b| b.len() + 1).sum();
    let (mut left, mut right): (Vec<Line<'static>>, Vec<Line<'static>>) = (Vec::new(), Vec::new());
    for block in blocks {
        let target = if two && left.len() >= total / 2 {
            &mut right
        } else {
            &mut left
        };
        if !target.is_empty() {
            target.push(Line::raw(""));
        }
        target.extend(block);
    }
    let rows = left.len().max(right.len());
    let box_w = if two { col_w * 2 + 4 } else { col_w + 2 };
    let rect = centred(
        area,
        u16::try_from(box_w).unwrap_or(u16::MAX),
        u16::try_from(rows + 2).unwrap_or(u16::MAX),
    );
    let body = overlay(rect, ctx.words.get(Word::HelpTitle), buf, ctx);
    ctx.limit(Slot::Help, rows, body.height);
    let skip = clamp_scroll(ctx.app.scroll().help, rows, body.height);
    if two {
        let col = u16::try_from(col_w).unwrap_or(u16::MAX);
        put_lines(Rect { width: col, ..body }, buf, &left, skip);
        put_lines(
            Rect {
                x: body.x + col + 2,
                width: body.width.saturating_sub(col + 2),
                ..body
            },
            buf,
            &right,
            skip,
        );
    } else {
        put_lines(body, buf, &left, skip);
    }
    scroll_hint(rect, buf, skip, rows, body.height, ctx);
}
