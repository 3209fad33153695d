//! Predict before reveal: the prediction asked before a step, drawn over the step before it
//! (which stays on screen as context), and the learner's prediction once the step is shown.

use crate::app::predict::Mark;
use crate::words::{Word, Words};
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::{Line, Span};

use super::text::{pad, wrap};
use super::{Ctx, hanging, overlay, put_lines, wrapped};
use crate::quiz::letter_str;

/// The mark beside a step that asks a prediction (its table row, its sample line): `?` until
/// it is made, then how it went.
pub(crate) fn mark_glyph(mark: Mark) -> &'static str {
    match mark {
        Mark::Asks => "?",
        Mark::Right => "?✓",
        Mark::Wrong => "?✗",
        Mark::Skipped => "?–",
    }
}

/// "? asks a prediction  ?✓ predicted right": each of `marks` once, in a fixed order; `None`
/// without any.
pub(crate) fn mark_legend(marks: impl IntoIterator<Item = Mark>, words: &Words) -> Option<String> {
    let mut marks: Vec<Mark> = marks.into_iter().collect();
    marks.sort_unstable();
    marks.dedup();
    let said: Vec<String> = marks
        .iter()
        .map(|&mark| {
            let word = match mark {
                Mark::Asks => Word::MarkAsks,
                Mark::Right => Word::MarkRight,
                Mark::Wrong => Word::MarkWrong,
                Mark::Skipped => Word::MarkSkipped,
            };
            format!("{} {}", mark_glyph(mark), words.get(word))
        })
        .collect();
    (!said.is_empty()).then(|| said.join("  "))
}

/// The widest the prediction box gets.
const BOX_MAX: u16 = 84;

/// "Predictions: 1 of 2 right", or where the first ones are asked.
pub(crate) fn score_line(ctx: &Ctx<'_>) -> String {
    let words = ctx.words;
    let score = ctx.app.predictions().score();
    if score.total == 0 {
        let steps = ctx.app.prediction_steps();
        match steps.as_slice() {
            [] => words.get(Word::PredictNoneOnBranch).to_owned(),
            [one] => words.fill(Word::PredictNoneYetOne, &[("step", &one.to_string())]),
            [rest @ .., last] => {
                let rest: Vec<String> = rest.iter().map(ToString::to_string).collect();
                words.fill(
                    Word::PredictNoneYetMany,
                    &[("steps", &rest.join(", ")), ("last", &last.to_string())],
                )
            }
        }
    } else {
        words.fill(
            Word::PredictScore,
            &[
                ("right", &score.right.to_string()),
                ("total", &score.total.to_string()),
            ],
        )
    }
}

/// The lines of the box, in `w` columns, and the choice each line of a choice shows (a
/// click there picks it).
fn lines(w: u16, ctx: &Ctx<'_>) -> (Vec<Line<'static>>, Vec<(usize, usize)>) {
    let t = ctx.theme;
    let Some((prediction, frame, ask)) = ctx.app.prediction_asked() else {
        return (Vec::new(), Vec::new());
    };
    let mut out = Vec::new();
    let mut choice_rows = Vec::new();
    out.extend(wrapped(prediction.prompt.trim(), w, t.heading));
    out.push(Line::raw(""));
    let choice_w = usize::from(w.saturating_sub(3));
    for (i, choice) in prediction.choices.iter().enumerate() {
        let selected = i == ask.selected;
        let (mark, style) = if selected {
            ("▶ ", t.current)
        } else {
            ("  ", Style::new())
        };
        for (j, piece) in wrap(&format!("{}) {choice}", letter_str(i)), choice_w)
            .into_iter()
            .enumerate()
        {
            let lead = if j == 0 { mark } else { "  " };
            choice_rows.push((out.len(), i));
            let piece = if selected {
                pad(&piece, choice_w)
            } else {
                piece
            };
            out.push(Line::from(vec![
                Span::raw(" "),
                Span::styled(lead, t.changed),
                Span::styled(piece, style),
            ]));
        }
    }
    out.push(Line::raw(""));
    out.extend(hanging(
        ctx.words.get(Word::Keys),
        &ctx.words.fill(
            Word::PredictKeys,
            &[
                ("n", &frame.number.to_string()),
                ("before", &ask.index.to_string()),
            ],
        ),
        w,
        t.key,
        t.muted,
    ));
    out.extend(wrapped(&score_line(ctx), w, t.muted));
    (out, choice_rows)
}

/// The prediction box over `area` (the body). On a wide screen it sits on the right, over
/// the step's explanation, leaving the flow diagram (where the learner is) and the process
/// table in sight; on a narrow one it takes the full width at the bottom, below the table.
pub(crate) fn render(area: Rect, buf: &mut Buffer, ctx: &Ctx<'_>) {
    let Some((_, frame, _)) = ctx.app.prediction_asked() else {
        return;
    };
    let wide = area.width >= BOX_MAX + 4;
    let box_w = if wide { BOX_MAX } else { area.width };
    let (lines, choice_rows) = lines(box_w.saturating_sub(2), ctx);
    let box_h = u16::try_from(lines.len() + 2)
        .unwrap_or(u16::MAX)
        .min(area.height);
    let rect = Rect {
        x: area.x + area.width - box_w,
        y: if wide {
            area.y + (area.height - box_h) / 2
        } else {
            area.y + area.height - box_h
        },
        width: box_w,
        height: box_h,
    };
    let title = ctx.words.fill(
        Word::PredictTitle,
        &[
            ("n", &frame.number.to_string()),
            ("action", &frame.row.action),
        ],
    );
    let body = overlay(rect, title, buf, ctx);
    for (line, choice) in choice_rows {
        let y = body
            .y
            .saturating_add(u16::try_from(line).unwrap_or(u16::MAX));
        let row = Rect::new(body.x, y, body.width, 1).intersection(body);
        ctx.click(row, crate::app::Click::Choice(choice));
    }
    put_lines(body, buf, &lines, 0);
}

/// The learner's prediction for the step on screen, for the explanation panel: what they
/// chose, right or wrong, and the prediction's explanation (the score is in mode 6).
pub(crate) fn made_lines(w: u16, ctx: &Ctx<'_>) -> Vec<Line<'static>> {
    let t = ctx.theme;
    let Some((prediction, entry)) = ctx.app.prediction_made() else {
        return Vec::new();
    };
    let choice = |i: usize| {
        let text = prediction.choices.get(i).map_or("", String::as_str);
        format!("{}) {}", letter_str(i), text.trim_end_matches('.'))
    };
    let mut out = if entry.correct {
        hanging(
            "✓ ",
            &ctx.words
                .fill(Word::PredictRight, &[("choice", &choice(entry.choice))]),
            w,
            t.good,
            t.good,
        )
    } else {
        hanging(
            "✗ ",
            &ctx.words.fill(
                Word::PredictWrong,
                &[
                    ("letter", &letter_str(entry.choice)),
                    ("choice", &choice(entry.right_choice)),
                ],
            ),
            w,
            t.bad,
            t.bad,
        )
    };
    if let Some(why) = &prediction.explanation {
        out.extend(wrapped(why.trim(), w, t.muted));
    }
    out
}
