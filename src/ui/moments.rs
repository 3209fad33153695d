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
/// is wrong?” (v)" with the branch keys that get there ([`branch_keys`]). The step is looked for where the quiz's "show the step" looks
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
                "{} ({})",
                words.fill(
                    Word::StepWhereOf,
                    &[
                        ("n", &(i + 1).to_string()),
                        ("branch", &app.paths()[path].label_in(words)),
                    ],
                ),
                branch_keys(app.path_index(), path, app.paths().len())
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

/// The branch keys that go from branch `from` to branch `to` of `count` (v cycles forward,
/// V back): "v", "V", "v v", "V V", or "b" (the branch list) when that would take more.
pub(crate) fn branch_keys(from: usize, to: usize, count: usize) -> &'static str {
    let count = count.max(1);
    let forward = (to + count - from) % count;
    let back = (from + count - to) % count;
    match (forward, back) {
        (1, _) => "v",
        (_, 1) => "V",
        (2, _) => "v v",
        (_, 2) => "V V",
        _ => "b",
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
    panel(title, area.width, t).render(area, buf);
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

#[cfg(test)]
mod tests {
    use super::branch_keys;

    /// Issue 8 (minor): a step on another branch names the keys that get there: v forward,
    /// V back, the branch list when that is shorter than pressing either three times.
    #[test]
    fn a_step_elsewhere_names_the_branch_keys_that_get_there() {
        #[rustfmt::skip]
        let cases = [
            (0, 1, 4, "v"), (0, 3, 4, "V"), (0, 2, 4, "v v"), (1, 0, 4, "V"),
            (3, 0, 4, "v"), (0, 1, 2, "v"), (0, 3, 7, "b"), (5, 3, 7, "V V"),
        ];
        for (from, to, count, want) in cases {
            assert_eq!(
                branch_keys(from, to, count),
                want,
                "{from} -> {to} of {count}"
            );
        }
    }
}
