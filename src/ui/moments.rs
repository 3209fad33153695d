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

/// How a step reference reads in the run shown: "step 4 (Cognito returns token)" and its
/// number, or, when this run does not have it, where it is: "step 4 of “What if the password
/// is wrong?” (v)". The step is looked for where the quiz's "show the step" looks
/// ([`crate::app::App::find_step`]).
pub(crate) fn describe(ctx: &Ctx<'_>, step: &StepRef) -> (String, Option<usize>) {
    let app = ctx.app;
    let found = StepTarget::resolve(step, &app.scenario().file.steps)
        .and_then(|target| app.find_step(&target));
    match found {
        Some((path, i)) if path == app.path_index() => {
            // As laid out: the same number and action the computed frame will have.
            let f = &app.current().laid_out()[i];
            (
                format!("step {} ({})", f.number, f.row.action),
                Some(f.number),
            )
        }
        Some((path, i)) => (
            format!("step {} of “{}” (v)", i + 1, app.paths()[path].label()),
            None,
        ),
        None => {
            let name = match step {
                StepRef::Number(n) => format!("step {n} of the file"),
                StepRef::Id(id) => format!("step “{id}”"),
            };
            (format!("{name}, on another branch (v)"), None)
        }
    }
}

pub(crate) fn render(area: Rect, buf: &mut Buffer, ctx: &Ctx<'_>) {
    let t = ctx.theme;
    let app = ctx.app;
    let moments = &app.scenario().file.moments;
    let count = moments.len();
    panel(format!("Key moments · {count} insights"), t).render(area, buf);
    let body = inner(area);
    let now = ctx.frame().map(|f| f.number);
    let mut lines: Vec<Line<'static>> = Vec::new();
    if moments.is_empty() {
        lines.extend(wrapped(
            "This lesson has no key moments.",
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
            let mut spans = vec![Span::styled("  Explains: ", t.muted)];
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
                    format!("{text} ◀ this step")
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
                    "  Explains: ",
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
        "Step with ← → to see each moment happen; type a step number and Enter to go straight there.",
        body.width,
        t.muted,
    ));
    ctx.limit(Slot::Moments, lines.len(), body.height);
    let skip = clamp_scroll(app.scroll().moments, lines.len(), body.height);
    put_lines(body, buf, &lines, skip);
    scroll_hint(area, buf, skip, lines.len(), body.height, ctx);
}
