//! The current step in words: what Cognito answered, the explanation, what the cryptography
//! cost, and where the lesson simplifies.

use crate::app::Slot;
use crate::words::Word;
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::Widget;

use super::{Ctx, clamp_scroll, hanging, inner, panel, put_lines, scroll_hint, wrapped};
use crate::flow::{Check, Frame, Outcome, Verification};
use crate::scenario::model::Action;

/// The outcome of a step's Cognito call as one line: glyph, words, style.
pub(crate) fn outcome_line(frame: &Frame, w: u16, ctx: &Ctx<'_>) -> Vec<Line<'static>> {
    let t = ctx.theme;
    let call = frame
        .api
        .as_ref()
        .map_or("The call", |a| a.operation.as_str());
    match &frame.outcome {
        Outcome::None => Vec::new(),
        Outcome::Pending => hanging(
            "… ",
            &ctx.words.fill(Word::CallPending, &[("call", call)]),
            w,
            t.changed,
            Style::new(),
        ),
        // A step of the app alone (no call to Cognito) that succeeded: say what the app did.
        Outcome::Success
            if frame.api.is_none()
                && frame
                    .verification
                    .as_ref()
                    .is_some_and(Verification::passed) =>
        {
            let checked = frame.verification.as_ref().map_or(0, |v| v.checks.len());
            hanging(
                "✓ ",
                &ctx.words
                    .fill(Word::AppCheckedOffline, &[("n", &checked.to_string())]),
                w,
                t.good,
                t.good,
            )
        }
        Outcome::Success => hanging(
            "✓ ",
            &match &frame.api {
                Some(api) => ctx.words.fill(
                    Word::CognitoSucceeded,
                    &[
                        ("response", &frame.row.response),
                        ("operation", &api.operation),
                    ],
                ),
                None => ctx
                    .words
                    .fill(Word::CognitoAnswered, &[("response", &frame.row.response)]),
            },
            w,
            t.good,
            t.good,
        ),
        Outcome::Challenge { name } => hanging(
            "? ",
            &ctx.words.fill(Word::CognitoChallenge, &[("name", name)]),
            w,
            t.changed,
            t.changed,
        ),
        Outcome::Error { exception, message } => {
            hanging("✗ ", &format!("{exception}: {message}"), w, t.bad, t.bad)
        }
    }
}

/// One check as an entry: ✓ or ✗, its name, then what was compared or why it failed.
pub(crate) fn check_entry(check: &Check, w: u16, ctx: &Ctx<'_>) -> Vec<Line<'static>> {
    let t = ctx.theme;
    let (glyph, style) = if check.passed {
        ("✓ ", t.good)
    } else {
        ("✗ ", t.bad)
    };
    hanging(glyph, &check_text(check, ctx), w, style, Style::new())
}

/// A check's name and detail, the mock's English said in the lesson's language.
fn check_text(check: &Check, ctx: &Ctx<'_>) -> String {
    format!(
        "{}: {}",
        ctx.words.said(&check.name),
        ctx.words.said(&check.detail)
    )
}

/// "Cognito checked": each check with ✓ or ✗, as many to a line as fit, then why each
/// failed one failed. This is *why* Cognito answered `Valid` or `NotAuthorizedException`.
pub(crate) fn checks_lines(checks: &[Check], w: u16, ctx: &Ctx<'_>) -> Vec<Line<'static>> {
    let t = ctx.theme;
    if checks.is_empty() {
        return Vec::new();
    }
    let w = usize::from(w);
    let heading = ctx.words.get(Word::CognitoChecked).to_owned();
    let mut out = Vec::new();
    let mut used = super::text::width(&heading);
    let mut line: Vec<Span<'static>> = vec![Span::styled(heading, t.heading)];
    // Nothing before the next item on this line but the heading or the start of the line.
    let mut fresh = true;
    for check in checks {
        let (glyph, style) = if check.passed {
            ("✓ ", t.good)
        } else {
            ("✗ ", t.bad)
        };
        let name = ctx.words.said(&check.name);
        let item = super::text::width(glyph) + super::text::width(&name);
        if !fresh && used + 2 + item > w {
            out.push(Line::from(std::mem::take(&mut line)));
            used = 0;
            fresh = true;
        }
        if !fresh {
            line.push(Span::raw("  "));
            used += 2;
        }
        fresh = false;
        line.push(Span::styled(glyph, style));
        let name_style = if check.passed { Style::new() } else { t.bad };
        line.push(Span::styled(name, name_style));
        used += item;
    }
    if !line.is_empty() {
        out.push(Line::from(line));
    }
    for check in checks.iter().filter(|c| !c.passed) {
        out.extend(hanging(
            "✗ ",
            &check_text(check, ctx),
            u16::try_from(w).unwrap_or(u16::MAX),
            t.bad,
            t.bad,
        ));
    }
    out
}

/// The step's `snippet` (the code the app runs here, e.g. the SDK call) under a heading, each
/// code line wrapped to `w` columns: what modes 1 and 3 show.
pub(crate) fn snippet_lines(snippet: &str, w: u16, ctx: &Ctx<'_>) -> Vec<Line<'static>> {
    let t = ctx.theme;
    let mut out = vec![
        Line::raw(""),
        Line::from(Span::styled(
            ctx.words.get(Word::SnippetHeading).to_owned(),
            t.heading,
        )),
    ];
    for line in snippet.lines() {
        // Code keeps its indentation; a wrapped line goes on two columns further in.
        let code = line.trim_start_matches(' ');
        let indent = (line.len() - code.len()).min(usize::from(w) / 2);
        let room = usize::from(w).saturating_sub(indent + 2).max(8);
        for (i, piece) in super::text::wrap(code, room).into_iter().enumerate() {
            let lead = " ".repeat(if i == 0 { indent } else { indent + 2 });
            out.push(Line::from(Span::styled(format!("{lead}{piece}"), t.code)));
        }
    }
    out
}

/// Everything the panel says about the step, in `w` columns.
pub(crate) fn lines(w: u16, ctx: &Ctx<'_>) -> Vec<Line<'static>> {
    let t = ctx.theme;
    let app = ctx.app;
    let mut out = Vec::new();
    if let Some(detour) = app.detour() {
        out.extend(hanging(
            "↩ ",
            &ctx.words.fill(
                Word::DetourQuestion,
                &[("n", &(detour.question + 1).to_string())],
            ),
            w,
            t.key,
            t.key,
        ));
    }
    if app.checking() {
        out.extend(hanging(
            "◐ ",
            &ctx.words.fill(
                Word::CheckingStep,
                &[("n", &(app.cursor() + 1).to_string())],
            ),
            w,
            t.changed,
            t.changed,
        ));
        out.push(Line::raw(""));
    }
    let Some(frame) = ctx.frame() else {
        if let Some(error) = &app.current().error {
            out.extend(hanging("✗ ", error, w, t.bad, t.bad));
        } else {
            out.extend(wrapped(ctx.words.get(Word::SettingUpUserPool), w, t.muted));
        }
        return out;
    };
    out.extend(super::predict::made_lines(w, ctx));
    out.extend(outcome_line(frame, w, ctx));
    out.extend(checks_lines(&frame.cognito_checks, w, ctx));
    if let Some(text) = &frame.explanation {
        out.extend(wrapped(text, w, Style::new()));
    }
    out.extend(super::authorize::lines(frame, w, ctx));
    if let Some(snippet) = &frame.snippet {
        out.extend(snippet_lines(snippet, w, ctx));
    }
    for cost in &frame.crypto {
        out.extend(hanging(
            "⏱ ",
            &ctx.crypto_line(cost),
            w,
            t.changed,
            t.changed,
        ));
    }
    for note in &frame.notes {
        out.extend(hanging(ctx.words.get(Word::Note), note, w, t.note, t.note));
    }
    // Where the password is typed, sent or checked, say that the lesson relaxes the policy.
    let about_password = matches!(
        frame.action,
        Action::EnterCredentials
            | Action::SendCredentials
            | Action::VerifyCredentials
            | Action::SignIn
            | Action::SignUp
            | Action::AnswerNewPassword
            | Action::ConfirmForgotPassword
    );
    let relaxed = app
        .current()
        .pool
        .as_ref()
        .is_some_and(|p| p.policy_note.is_some());
    if about_password && relaxed {
        out.extend(hanging(
            ctx.words.get(Word::Note),
            ctx.words.get(Word::RelaxedPolicy),
            w,
            t.note,
            t.note,
        ));
    }
    out
}

/// The panel, titled with the step. ↑/↓ scroll it when the text is longer than the panel.
pub(crate) fn render(area: Rect, buf: &mut Buffer, ctx: &Ctx<'_>) {
    let t = ctx.theme;
    let title = match ctx.frame() {
        Some(frame) if !ctx.app.checking() => {
            format!("{} · {}", ctx.frame_label(frame.number), frame.row.action)
        }
        _ => ctx.frame_label(ctx.app.cursor() + 1),
    };
    // The step's action is read, not a legend to leave out: shortened after a whole word.
    let title = super::text::truncate(&title, usize::from(area.width).saturating_sub(4));
    panel(title, area.width, t).render(area, buf);
    let body = inner(area);
    let lines = lines(body.width, ctx);
    ctx.limit(Slot::Step, lines.len(), body.height);
    let skip = clamp_scroll(ctx.app.scroll().step, lines.len(), body.height);
    put_lines(body, buf, &lines, skip);
    scroll_hint(area, buf, skip, lines.len(), body.height, ctx);
}
