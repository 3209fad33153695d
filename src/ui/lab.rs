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
use super::{Ctx, clamp_scroll, hanging, inner, panel, scroll_hint, wrapped};
use crate::app::Slot;
use crate::app::live::Live;
use crate::app::live::lab::Lab;
use crate::sanitize;
use crate::words::Word;

/// One row of the panel's scrolled body: across the panel, or the two columns side by side.
enum Row {
    Full(Line<'static>),
    Split(Line<'static>, Line<'static>),
}

/// Draws the lab panel over the whole body: the steps strip stays on top; below it what the
/// waiting step expects beside the calls it received, the opening (before any call) and the
/// sample, one list that ↑↓ / PgUp / PgDn scroll (a long hint list or sample stays readable
/// at 80x24).
pub(crate) fn render(area: Rect, buf: &mut Buffer, ctx: &Ctx<'_>, live: &Live, lab: &Lab) {
    let (t, words) = (ctx.theme, ctx.words);
    let total = lab.steps().len();
    let lesson_title = &ctx.app.scenario().file.scenario.title;
    let title = match lab.waiting() {
        Some(step) => words.fill(
            Word::LabTitleWaiting,
            &[
                ("n", &step.number.to_string()),
                ("total", &total.to_string()),
                ("title", lesson_title),
            ],
        ),
        None => words.fill(Word::LabTitleComplete, &[("title", lesson_title)]),
    };
    panel(sanitize::line(&title), area.width, t).render(area, buf);
    let body = inner(area);
    if body.height < 4 || body.width < 20 {
        return;
    }
    let w = body.width;
    let strip = steps_strip(lab, usize::from(w), ctx);
    buf.set_line(body.x, body.y, &strip, body.width);
    let columns = Layout::horizontal([
        Constraint::Percentage(45),
        Constraint::Length(3),
        Constraint::Min(10),
    ]);
    let [left, gap, right] = body.layout(&columns);
    let (left_lines, right_lines) = (
        awaited_lines(lab, left.width, ctx),
        received_lines(lab, right.width, ctx),
    );
    let mut rows = vec![Row::Full(Line::raw(""))];
    let needed = left_lines.len().max(right_lines.len());
    let (mut lefts, mut rights) = (left_lines.into_iter(), right_lines.into_iter());
    for _ in 0..needed {
        rows.push(Row::Split(
            lefts.next().unwrap_or_default(),
            rights.next().unwrap_or_default(),
        ));
    }
    rows.extend(opening_lines(live, w, ctx).into_iter().map(Row::Full));
    rows.push(Row::Full(Line::raw("")));
    rows.extend(sample_lines(lab, w, ctx).into_iter().map(Row::Full));
    let view = Rect {
        y: body.y + 1,
        height: body.height - 1,
        ..body
    };
    ctx.limit(Slot::Lab, rows.len(), view.height);
    let skip = clamp_scroll(ctx.app.scroll().lab, rows.len(), view.height);
    for (row, y) in rows.iter().skip(skip).zip(view.y..view.bottom()) {
        match row {
            Row::Full(line) => {
                buf.set_line(view.x, y, line, view.width);
            }
            Row::Split(l, r) => {
                buf.set_line(left.x, y, l, left.width);
                buf.set_string(gap.x + 1, y, "│", t.border);
                buf.set_line(right.x, y, r, right.width);
            }
        }
    }
    scroll_hint(area, buf, skip, rows.len(), view.height, ctx);
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
    lines.extend(wrapped(ctx.words.get(Word::LabNoCallYet), width, t.heading));
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
    let (t, words) = (ctx.theme, ctx.words);
    let mut lines = Vec::new();
    let Some(step) = lab.waiting() else {
        lines.push(Line::from(Span::styled(
            words.get(Word::LabComplete).to_owned(),
            t.good,
        )));
        for step in lab.steps() {
            let Some(met) = &lab.log(step.number).met else {
                continue;
            };
            let text = words.fill(
                Word::LabStepMet,
                &[
                    ("n", &step.number.to_string()),
                    ("label", &step.label),
                    ("caller", &met.by),
                    (
                        "effort",
                        &crate::flow::lab::session::effort(met.calls, met.hints),
                    ),
                ],
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
        let saved = words.get(if lab.saving {
            Word::LabSaved
        } else {
            Word::LabNotSaved
        });
        lines.extend(wrapped(saved, width, t.note));
        return lines;
    };
    lines.push(Line::from(Span::styled(
        words.fill(Word::LabWaitsFor, &[("n", &step.number.to_string())]),
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
        (_, 0) => words.get(Word::LabNoHints).to_owned(),
        (0, of) => words.fill(Word::LabHintsAhead, &[("of", &of.to_string())]),
        (n, of) => words.fill(
            Word::LabHintsEarned,
            &[("n", &n.to_string()), ("of", &of.to_string())],
        ),
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
            &words.fill(Word::LabHintsMore, &[("rest", &more.to_string())]),
            width,
            t.muted,
        ));
    }
    lines
}

/// The right column: the calls the waiting step received and what differs in each.
fn received_lines(lab: &Lab, width: u16, ctx: &Ctx<'_>) -> Vec<Line<'static>> {
    let (t, words) = (ctx.theme, ctx.words);
    let mut lines = Vec::new();
    let number = lab.sample_step();
    let Some(step) = lab.waiting() else {
        lines.extend(wrapped(words.get(Word::LabAllMet), width, t.note));
        return lines;
    };
    let log = lab.log(number);
    lines.push(Line::from(Span::styled(
        words.fill(
            Word::LabCallsReceived,
            &[
                ("n", &step.number.to_string()),
                ("count", &log.tries.len().to_string()),
            ],
        ),
        t.heading,
    )));
    if log.tries.is_empty() {
        lines.extend(wrapped(words.get(Word::LabNoneYet), width, t.muted));
        return lines;
    }
    // The newest first: the call just made is the one the learner looks for.
    for attempt in log.tries.iter().rev() {
        let (mark, style) = if attempt.aside {
            ("· ", t.muted)
        } else {
            ("✗ ", t.bad)
        };
        let what = if attempt.aside {
            words.fill(Word::LabAside, &[("what", &attempt.what)])
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
/// step's own code, every line (the panel scrolls).
fn sample_lines(lab: &Lab, width: u16, ctx: &Ctx<'_>) -> Vec<Line<'static>> {
    let (t, words) = (ctx.theme, ctx.words);
    let w = usize::from(width);
    let (languages, shown) = lab.languages();
    let Some(shown) = shown else {
        return vec![Line::from(Span::styled(
            words.get(Word::LabNoSamples).to_owned(),
            t.muted,
        ))];
    };
    let mut heading = vec![Span::styled(
        words.get(Word::LabSample).to_owned(),
        t.heading,
    )];
    for language in languages {
        let name = language_name(language);
        heading.push(Span::raw(" "));
        if *language == shown {
            heading.push(Span::styled(format!("[{name}]"), t.tab_active));
        } else {
            heading.push(Span::styled(name.to_owned(), t.muted));
        }
    }
    let number = lab.sample_step();
    let through = if number > 1 {
        words.fill(Word::LabThroughMany, &[("n", &number.to_string())])
    } else {
        words.fill(Word::LabThroughOne, &[("n", &number.to_string())])
    };
    let keys = words.fill(Word::LabSampleKeys, &[("through", &through)]);
    let mut lines = vec![Line::from(heading)];
    // The keys go on the heading's line when they fit, else on their own lines.
    if lines[0].width() + super::text::width(&keys) <= w {
        lines[0].spans.push(Span::styled(keys, t.note));
    } else {
        lines.extend(wrapped(keys.trim_start_matches(" · "), width, t.note));
    }
    let Some(code) = sample_code(lab, ctx) else {
        lines.push(Line::from(Span::styled(
            words.fill(
                Word::LabNoSampleIn,
                &[
                    ("n", &number.to_string()),
                    ("language", language_name(shown)),
                ],
            ),
            t.muted,
        )));
        return lines;
    };
    lines.extend(
        code.lines()
            .map(|l| Line::from(Span::styled(truncate(&sanitize::line(l), w), t.code))),
    );
    lines
}

/// How a sample's language is called on screen.
fn language_name(language: &str) -> &'static str {
    match language {
        "python" => "Python",
        "javascript" => "JavaScript",
        _ => "AWS CLI",
    }
}

#[cfg(test)]
mod tests {
    use crate::app::live::lab::served;
    use crate::app::{Command, Message};
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

        // 80x24: what does not fit (the sample, under the opening) is a scroll away.
        let mut app = served::app();
        let top = screen(&app, 80, 24);
        assert!(top.contains("Step 1 waits for"), "{top}");
        assert!(
            top.contains("↑↓ scroll"),
            "the panel says it scrolls:\n{top}"
        );
        let last = r#"UserAttributes=[{"Name": "email", "Value": "ana@example.com"}],"#;
        assert!(!top.contains(last), "{top}");
        for _ in 0..3 {
            app.update(Message::Do(Command::PageDown));
        }
        let down = screen(&app, 80, 24);
        assert!(
            down.contains(last),
            "the sample's last line, scrolled to:\n{down}"
        );
        assert!(!down.contains("more lines"), "nothing is cut:\n{down}");
        assert!(
            down.contains("y: copy the set-up and step 1 as a script"),
            "{down}"
        );
        app.update(Message::Do(Command::PageUp));
        app.update(Message::Do(Command::PageUp));
        app.update(Message::Do(Command::PageUp));
        assert_eq!(screen(&app, 80, 24), top, "back to the top");

        // The smallest terminal still shows the waiting step and the key hints.
        let small = screen(&served::app(), 60, 18);
        assert!(small.contains("step 1 of 4 waits"), "{small}");
        assert!(small.contains("Step 1 waits for"), "{small}");
    }
}
