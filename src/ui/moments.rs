//! Mode 5, the key moments: each insight with the steps it explains, found in the run being
//! shown (or named as being on another branch).

use crate::app::Slot;
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::Widget;

use super::{Ctx, clamp_scroll, hanging, inner, panel, put_lines, scroll_hint, wrapped};
use crate::quiz::StepTarget;
use crate::scenario::model::StepRef;
use crate::words::Word;

/// How a step reference reads in the run shown: "step 4 (Cognito returns token)" and its
/// number, or, when this run does not have it, where it is: "step 4 of “What if the password
/// is wrong?” (v)". The step is looked for where the quiz's "show the step" looks
/// ([`crate::app::App::find_step`]).
pub(crate) fn describe(ctx: &Ctx<'_>, step: &StepRef) -> (String, Option<usize>) {
    let app = ctx.app;
    let words = ctx.words;
    let found = StepTarget::resolve(step, &app.scenario().file.steps)
        .and_then(|target| app.find_step(&target));
    match found {
        Some((path, i)) if path == app.path_index() => {
            // As laid out: the same number and action the computed frame will have.
            let f = &app.current().laid_out()[i];
            (
                words.fill(
                    Word::StepWhereHere,
                    &[("n", &f.number.to_string()), ("name", &f.row.action)],
                ),
                Some(f.number),
            )
        }
        Some((path, i)) => (
            format!(
                "{} (v)",
                words.fill(
                    Word::StepWhereOf,
                    &[
                        ("n", &(i + 1).to_string()),
                        ("branch", &app.paths()[path].label_in(words)),
                    ],
                )
            ),
            None,
        ),
        None => {
            let name = match step {
                StepRef::Number(n) => words.fill(Word::MomentsFileStep, &[("n", &n.to_string())]),
                StepRef::Id(id) => words.fill(Word::MomentsStepId, &[("id", id)]),
            };
            (words.fill(Word::MomentsElsewhere, &[("name", &name)]), None)
        }
    }
}

/// "Key moments · 2 insights".
fn words_title(ctx: &Ctx<'_>, count: usize) -> String {
    ctx.words.fill(
        Word::MomentsTitle,
        &[
            ("mode", ctx.words.get(Word::ModeMoments)),
            ("n", &count.to_string()),
        ],
    )
}

pub(crate) fn render(area: Rect, buf: &mut Buffer, ctx: &Ctx<'_>) {
    let t = ctx.theme;
    let app = ctx.app;
    let moments = &app.scenario().file.moments;
    let count = moments.len();
    let title = words_title(ctx, count);
    panel(title, t).render(area, buf);
    let body = inner(area);
    let now = ctx.frame().map(|f| f.number);
    let mut lines: Vec<Line<'static>> = Vec::new();
    if moments.is_empty() {
        lines.extend(wrapped(
            ctx.words.get(Word::MomentsNone),
            body.width,
            t.muted,
        ));
    }
    for (i, moment) in moments.iter().enumerate() {
        if i > 0 {
            lines.push(Line::raw(""));
        }
        let steps: Vec<(String, Option<usize>)> =
            moment.steps.iter().map(|s| describe(ctx, s)).collect();
        let here = steps.iter().any(|(_, n)| n.is_some() && *n == now);
        let marker = if here { "▶ " } else { "◆ " };
        let title_style = if here { t.current } else { t.heading };
        lines.extend(hanging(
            marker,
            &moment.title,
            body.width,
            t.changed,
            title_style,
        ));
        lines.extend(
            super::text::wrap(&moment.text, usize::from(body.width.saturating_sub(2)))
                .into_iter()
                .map(|l| Line::from(vec![Span::raw("  "), Span::raw(l)])),
        );
        if !steps.is_empty() {
            let explains = format!("  {}", ctx.words.get(Word::MomentsExplains));
            let mut spans = vec![Span::styled(explains.clone(), t.muted)];
            let plain_text: String = steps
                .iter()
                .map(|(s, _)| s.as_str())
                .collect::<Vec<_>>()
                .join(", ");
            for (j, (text, number)) in steps.iter().enumerate() {
                if j > 0 {
                    spans.push(Span::styled(", ", t.muted));
                }
                let style = if number.is_some() && *number == now {
                    t.changed
                } else if number.is_some() {
                    Style::new()
                } else {
                    t.muted
                };
                let text = if number.is_some() && *number == now {
                    format!("{text} ◀ {}", ctx.words.get(Word::MomentsThisStep))
                } else {
                    text.clone()
                };
                spans.push(Span::styled(text, style));
            }
            // Long lists wrap as plain text.
            let line = Line::from(spans);
            if line.width() <= usize::from(body.width) {
                lines.push(line);
            } else {
                lines.extend(hanging(
                    &explains,
                    &plain_text,
                    body.width,
                    t.muted,
                    t.muted,
                ));
            }
        }
    }
    lines.push(Line::raw(""));
    lines.extend(wrapped(
        ctx.words.get(Word::MomentsHow),
        body.width,
        t.muted,
    ));
    ctx.limit(Slot::Moments, lines.len(), body.height);
    let skip = clamp_scroll(app.scroll().moments, lines.len(), body.height);
    put_lines(body, buf, &lines, skip);
    scroll_hint(area, buf, skip, lines.len(), body.height, ctx);
}
