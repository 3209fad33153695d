//! The lab panel (`cogflow serve LAB` in a terminal): the steps and which one waits; what it
//! waits for beside the calls it has received (each with what differs, in
//! [`crate::flow::lab::compare`]'s words); the hints earned; and the step's code sample in the
//! language chosen, which `y` copies as a script.
//!
//! ```text
//! ┌ Lab · step 3 of 4 waits · Your first sign-in ──────────────────────────────┐
//! │ ✓ 1 sign-up  ✓ 2 confirm  ▶ 3 sign-in  · 4 get-user                         │
//! │ Step 3 waits for                   │ Calls received for step 3             │
//! │ InitiateAuth with AuthFlow …       │ ✗ call #3 InitiateAuth                │
//! │ Hints earned: 1 of 2               │   AuthFlow is USER_SRP_AUTH; …        │
//! │ Sample · [python] javascript cli · t language · y copies steps 1-3 (27 lines) │
//! └────────────────────────────────────────────────────────────────────────────┘
//! ```

use ratatui::buffer::Buffer;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::Widget;

use super::text::{truncate, wrap};
use super::{Ctx, hanging, inner, panel, put_lines, wrapped};
use crate::app::live::Live;
use crate::app::live::lab::Lab;
use crate::sanitize;

/// Rows the code sample keeps at least (its heading and a few lines).
const SAMPLE_MIN_ROWS: u16 = 6;

/// Draws the lab panel over the whole body.
pub(crate) fn render(area: Rect, buf: &mut Buffer, ctx: &Ctx<'_>, live: &Live, lab: &Lab) {
    let t = ctx.theme;
    let total = lab.steps().len();
    let title = match lab.waiting() {
        Some(step) => format!(
            "Lab · step {} of {total} waits · {}",
            step.number,
            ctx.app.scenario().file.scenario.title
        ),
        None => format!(
            "Lab · complete · {}",
            ctx.app.scenario().file.scenario.title
        ),
    };
    panel(sanitize::line(&title), t).render(area, buf);
    let body = inner(area);
    if body.height < 4 || body.width < 20 {
        return;
    }
    let w = body.width;
    let strip = steps_strip(lab, usize::from(w), ctx);
    let opening = opening_lines(live, w, ctx);
    let columns = Layout::horizontal([
        Constraint::Percentage(45),
        Constraint::Length(3),
        Constraint::Min(10),
    ]);
    // The columns' widths first: their lines decide how tall the middle is.
    let [left, _, right] = body.layout(&columns);
    let (left_lines, right_lines) = (
        awaited_lines(lab, left.width, ctx),
        received_lines(lab, right.width, ctx),
    );
    let needed = left_lines.len().max(right_lines.len());
    let room = body.height.saturating_sub(SAMPLE_MIN_ROWS + 2);
    let opening_rows = u16::try_from(opening.len())
        .unwrap_or(u16::MAX)
        .min(room / 2);
    let middle_rows = u16::try_from(needed)
        .unwrap_or(u16::MAX)
        .min(room.saturating_sub(opening_rows));
    let [strip_row, top, _, middle, _, sample] = body.layout(&Layout::vertical([
        Constraint::Length(1),
        Constraint::Length(opening_rows),
        Constraint::Length(1),
        Constraint::Length(middle_rows),
        Constraint::Length(1),
        Constraint::Min(1),
    ]));
    buf.set_line(strip_row.x, strip_row.y, &strip, strip_row.width);
    put_lines(top, buf, &opening, 0);
    let [left, gap, right] = middle.layout(&columns);
    for y in gap.y..gap.bottom() {
        buf.set_string(gap.x + 1, y, "│", t.border);
    }
    put_lines(left, buf, &left_lines, 0);
    put_lines(right, buf, &right_lines, 0);
    render_sample(sample, buf, lab, ctx);
}

/// Before the learner's first call: the lab's intro and what to paste into their shell.
fn opening_lines(live: &Live, width: u16, ctx: &Ctx<'_>) -> Vec<Line<'static>> {
    let t = ctx.theme;
    if !ctx.app.current().frames.is_empty() {
        return Vec::new();
    }
    let mut lines = Vec::new();
    if let Some(intro) = ctx
        .app
        .scenario()
        .file
        .lab
        .as_ref()
        .and_then(|l| l.intro.as_deref())
    {
        lines.push(Line::raw(""));
        lines.extend(wrapped(&sanitize::line(intro), width, Style::new()));
    }
    lines.push(Line::raw(""));
    lines.extend(wrapped(
        "No call yet. Paste these into the shell your script runs in, then run it:",
        width,
        t.heading,
    ));
    for export in &live.exports {
        lines.extend(
            wrap(export, usize::from(width))
                .into_iter()
                .map(|piece| Line::from(Span::styled(piece, t.code))),
        );
    }
    lines
}

/// "✓ 1 sign-up  ✓ 2 confirm  ▶ 3 sign-in  · 4 get-user", cut to `w`.
fn steps_strip(lab: &Lab, w: usize, ctx: &Ctx<'_>) -> Line<'static> {
    let t = ctx.theme;
    let waiting = lab.waiting().map(|s| s.number);
    let file = &ctx.app.scenario().file;
    let mut spans = Vec::new();
    let mut used = 0;
    for step in lab.steps() {
        let name = file.steps[step.index]
            .id
            .clone()
            .unwrap_or_else(|| step.label.clone());
        let (mark, style) = if lab.log(step.number).met.is_some() {
            ("✓", t.good)
        } else if Some(step.number) == waiting {
            ("▶", t.current)
        } else if step.expected.is_none() && waiting.is_none_or(|n| step.number < n) {
            ("·", t.visited)
        } else {
            ("·", t.muted)
        };
        let text = sanitize::line(&format!("{mark} {} {name}  ", step.number)).into_owned();
        let width = super::text::width(&text);
        if used + width > w {
            spans.push(Span::styled("…", t.muted));
            break;
        }
        used += width;
        spans.push(Span::styled(text, style));
    }
    Line::from(spans)
}

/// The left column: what the waiting step expects and why, or the lab's summary once done.
fn awaited_lines(lab: &Lab, width: u16, ctx: &Ctx<'_>) -> Vec<Line<'static>> {
    let t = ctx.theme;
    let mut lines = Vec::new();
    let Some(step) = lab.waiting() else {
        lines.push(Line::from(Span::styled("✓ Lab complete", t.good)));
        for step in lab.steps() {
            let Some(met) = &lab.log(step.number).met else {
                continue;
            };
            let text = format!(
                "Step {} {}: met by {} ({})",
                step.number,
                step.label,
                met.by,
                crate::flow::lab::session::effort(met.calls, met.hints)
            );
            lines.extend(hanging(
                "✓ ",
                &sanitize::line(&text),
                width,
                t.good,
                Style::new(),
            ));
        }
        lines.push(Line::raw(""));
        let saved = if lab.saving {
            "Saved to your progress: `cogflow results` lists each step with its calls and hints."
        } else {
            "Not saved (--no-save, or the progress folder cannot be written)."
        };
        lines.extend(wrapped(saved, width, t.note));
        return lines;
    };
    lines.push(Line::from(Span::styled(
        format!("Step {} waits for", step.number),
        t.heading,
    )));
    if let Some(expected) = &step.expected {
        lines.extend(wrapped(
            &sanitize::line(&expected.describe()),
            width,
            t.code,
        ));
    }
    if let Some(explain) = &step.explain {
        lines.push(Line::raw(""));
        lines.extend(wrapped(&sanitize::line(explain), width, Style::new()));
    }
    lines.push(Line::raw(""));
    let log = lab.log(step.number);
    let more = step.hints.len() - log.hints.len();
    let heading = match (log.hints.len(), step.hints.len()) {
        (_, 0) => "No hints for this step.".to_owned(),
        (0, of) => format!("Hints: {of}, one with each call that differs"),
        (n, of) => format!("Hints earned: {n} of {of}"),
    };
    lines.push(Line::from(Span::styled(heading, t.heading)));
    for (i, hint) in log.hints.iter().enumerate() {
        lines.extend(hanging(
            &format!("{}. ", i + 1),
            &sanitize::line(hint),
            width,
            t.key,
            Style::new(),
        ));
    }
    if more > 0 && !log.hints.is_empty() {
        lines.extend(wrapped(
            &format!("{more} more: the next comes with the next call that differs."),
            width,
            t.muted,
        ));
    }
    lines
}

/// The right column: the calls the waiting step received and what differs in each.
fn received_lines(lab: &Lab, width: u16, ctx: &Ctx<'_>) -> Vec<Line<'static>> {
    let t = ctx.theme;
    let mut lines = Vec::new();
    let number = lab.sample_step();
    let Some(step) = lab.waiting() else {
        lines.extend(wrapped(
            "Every step is met. c shows each call your code made in the lesson's modes (9: the tokens it got).",
            width,
            t.note,
        ));
        return lines;
    };
    let log = lab.log(number);
    lines.push(Line::from(Span::styled(
        format!(
            "Calls received for step {} ({})",
            step.number,
            log.tries.len()
        ),
        t.heading,
    )));
    if log.tries.is_empty() {
        lines.extend(wrapped(
            "None yet: add this step's call to your script (the sample below) and run it.",
            width,
            t.muted,
        ));
        return lines;
    }
    for attempt in &log.tries {
        let (mark, style) = if attempt.aside {
            ("· ", t.muted)
        } else {
            ("✗ ", t.bad)
        };
        let what = if attempt.aside {
            format!("{} (no hint spent)", attempt.what)
        } else {
            attempt.what.clone()
        };
        lines.extend(hanging(mark, &sanitize::line(&what), width, style, style));
        for difference in &attempt.differences {
            lines.extend(hanging(
                "  ",
                &sanitize::line(difference),
                width,
                Style::new(),
                Style::new(),
            ));
        }
    }
    lines
}

/// The code of the step the panel shows, in the language shown.
fn sample_code<'a>(lab: &Lab, ctx: &Ctx<'a>) -> Option<&'a str> {
    let language = lab.languages().1?;
    let step = lab.steps().get(lab.sample_step().checked_sub(1)?)?;
    let file = &ctx.app.scenario().file;
    let code = &file.steps[step.index].expect.as_ref()?.code;
    code.languages()
        .into_iter()
        .find(|(name, _)| *name == language)
        .map(|(_, text)| text.trim_matches('\n'))
}

/// "Sample · [python] javascript cli · t: language · y: copy steps 1-3 as a script", then the
/// step's own code.
fn render_sample(area: Rect, buf: &mut Buffer, lab: &Lab, ctx: &Ctx<'_>) {
    let t = ctx.theme;
    if area.height == 0 {
        return;
    }
    let w = usize::from(area.width);
    let (languages, shown) = lab.languages();
    let Some(shown) = shown else {
        buf.set_line(
            area.x,
            area.y,
            &Line::from(Span::styled("This lab gives no code samples.", t.muted)),
            area.width,
        );
        return;
    };
    let mut heading = vec![Span::styled("Sample ·", t.heading)];
    for language in languages {
        let name = match *language {
            "python" => "Python",
            "javascript" => "JavaScript",
            _ => "AWS CLI",
        };
        heading.push(Span::raw(" "));
        if *language == shown {
            heading.push(Span::styled(format!("[{name}]"), t.tab_active));
        } else {
            heading.push(Span::styled(name.to_owned(), t.muted));
        }
    }
    let number = lab.sample_step();
    heading.push(Span::styled(
        format!(
            " · t: next language · y: copy {} as a script",
            crate::app::live::lab::through(number)
        ),
        t.note,
    ));
    buf.set_line(area.x, area.y, &Line::from(heading), area.width);
    let Some(code) = sample_code(lab, ctx) else {
        buf.set_line(
            area.x,
            area.y + 1,
            &Line::from(Span::styled(
                format!("Step {number} has no {shown} sample; t shows another language."),
                t.muted,
            )),
            area.width,
        );
        return;
    };
    let rows = usize::from(area.height - 1);
    let lines: Vec<&str> = code.lines().collect();
    let mut shown_lines: Vec<Line<'static>> = lines
        .iter()
        .take(rows)
        .map(|l| Line::from(Span::styled(truncate(&sanitize::line(l), w), t.code)))
        .collect();
    if lines.len() > rows && rows > 0 {
        shown_lines.pop();
        shown_lines.push(Line::from(Span::styled(
            format!("… {} more lines: y copies them all", lines.len() - rows + 1),
            t.muted,
        )));
    }
    put_lines(
        Rect {
            y: area.y + 1,
            height: area.height - 1,
            ..area
        },
        buf,
        &shown_lines,
        0,
    );
}

#[cfg(test)]
mod tests {
    use crate::app::live::lab::served;
    use crate::ui::tests::screen;

    #[test]
    fn the_waiting_step_shows_beside_the_calls_it_received_with_hints_and_its_sample() {
        let mut app = served::app();
        let before = screen(&app, 120, 40);
        assert!(
            before.contains("Lab · step 1 of 4 waits · Your first sign-in, from your own code"),
            "{before}"
        );
        assert!(
            before.contains("▶ 1 sign-up  · 2 confirm  · 3 sign-in  · 4 get-user"),
            "{before}"
        );
        assert!(
            before.contains("No call yet. Paste these into the shell"),
            "{before}"
        );
        assert!(
            before.contains("export AWS_ENDPOINT_URL_COGNITO_IDENTITY_PROVIDER=http://127.0.0.1:9"),
            "{before}"
        );
        assert!(
            before.contains("Sample · [Python] JavaScript AWS CLI"),
            "{before}"
        );
        assert!(before.contains("cognito.sign_up("), "{before}");
        assert!(
            before.contains("c calls  t language  y copy"),
            "the footer:\n{before}"
        );

        let solution = served::solution();
        served::call(&mut app, 1, &solution[0]);
        served::call(&mut app, 2, &solution[1]);
        served::call(&mut app, 3, &served::srp_sign_in(&solution));
        let after = screen(&app, 120, 40);
        let row = |text: &str| {
            after
                .lines()
                .find(|l| l.contains(text))
                .unwrap_or_else(|| panic!("no `{text}` in\n{after}"))
                .to_owned()
        };
        assert!(row("✓ 1 sign-up  ✓ 2 confirm  ▶ 3 sign-in").contains("· 4 get-user"));
        // Beside each other: what step 3 waits for, and the call it received.
        let heads = row("Step 3 waits for");
        assert!(heads.contains("│ Calls received for step 3 (1)"), "{heads}");
        assert!(
            row("InitiateAuth with AuthFlow USER_PASSWORD_AUTH").contains("✗ call #3 InitiateAuth")
        );
        assert!(
            after.contains("AuthFlow is USER_SRP_AUTH; this step expects"),
            "{after}"
        );
        assert!(after.contains("Hints earned: 1 of 2"), "{after}");
        assert!(
            after.contains("1. InitiateAuth takes AuthFlow, ClientId and"),
            "{after}"
        );
        assert!(
            after.contains("y: copy the set-up and steps 1-3 as a script"),
            "{after}"
        );
        assert!(
            after.contains("AuthFlow=\"USER_PASSWORD_AUTH\","),
            "step 3's sample:\n{after}"
        );
        assert!(!after.contains("No call yet"), "{after}");

        served::call(&mut app, 4, &solution[2]);
        served::call(&mut app, 5, &solution[3]);
        let done = screen(&app, 120, 40);
        assert!(done.contains("Lab · complete · "), "{done}");
        assert!(
            done.contains("call #4 InitiateAuth (2 calls, 1 hint)"),
            "{done}"
        );
        assert!(done.contains("Saved to your progress"), "{done}");

        // The smallest terminal still shows the waiting step and the key hints.
        let small = screen(&served::app(), 60, 18);
        assert!(small.contains("step 1 of 4 waits"), "{small}");
        assert!(small.contains("Step 1 waits for"), "{small}");
    }
}
