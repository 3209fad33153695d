//! Mode 6, the quiz: one question at a time, lettered choices, right or wrong with the next
//! hint after a wrong answer, the explanation after a right one (or a reveal), the score; at
//! the end a summary with retries. Everything shown comes from `crate::quiz`'s session.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::Widget;

use super::text::pad;
use super::{Ctx, hanging, inner, panel, put_lines, wrapped};
use crate::app::Feedback;
use crate::quiz::{QuizSession, Status, letter_str};

pub(crate) fn render(area: Rect, buf: &mut Buffer, ctx: &Ctx<'_>) {
    let t = ctx.theme;
    let app = ctx.app;
    let quiz = app.quiz();
    let Some(session) = &quiz.session else {
        panel("Quiz", t).render(area, buf);
        let why = quiz
            .unavailable
            .clone()
            .unwrap_or_else(|| "This lesson has no quiz.".to_owned());
        put_lines(
            inner(area),
            buf,
            &wrapped(&why, area.width.saturating_sub(2), t.muted),
            0,
        );
        return;
    };
    let score = session.score();
    let question = session.current();
    let state = session.current_state();
    let round = if session.round() > 1 {
        format!(" · round {}", session.round())
    } else {
        String::new()
    };
    let title = if quiz.summary {
        format!("Quiz · Summary{round} · {score}")
    } else {
        format!(
            "Quiz · Question {} of {}{round} · {}",
            session.current_index() + 1,
            score.total,
            score
        )
    };
    panel(title, t).render(area, buf);
    let body = inner(area);
    let w = body.width;
    let mut lines: Vec<Line<'static>> = Vec::new();

    lines.push(progress_line(session, ctx));
    if let Some(seed) = session.seed() {
        lines.extend(wrapped(
            &format!("Choices are shuffled (seed {seed}); your results record the order you saw."),
            w,
            t.muted,
        ));
    }
    lines.push(Line::raw(""));
    if quiz.summary {
        lines.extend(summary_lines(session, w, ctx));
        put_lines(body, buf, &lines, 0);
        return;
    }
    lines.extend(wrapped(&question.prompt, w, t.heading));
    lines.push(Line::raw(""));

    let finished = state.is_finished();
    // A click on a choice picks it (on the one picked: answers), as its letter and Enter do.
    let top = u16::try_from(lines.len()).unwrap_or(u16::MAX);
    for (k, (choice, line)) in choice_lines(session, w, ctx).into_iter().enumerate() {
        let y = body
            .y
            .saturating_add(top)
            .saturating_add(u16::try_from(k).unwrap_or(0));
        let row = Rect::new(body.x, y, body.width, 1).intersection(body);
        ctx.click(row, crate::app::Click::Choice(choice));
        lines.push(line);
    }
    lines.push(Line::raw(""));

    lines.extend(feedback_lines(quiz.feedback.as_ref(), session, w, ctx));
    if finished {
        if let Some(explanation) = &question.explanation {
            lines.extend(wrapped(explanation, w, Style::new()));
        }
        let next = if session.is_finished() {
            format!("That was the last question ({score}). Enter shows your summary.")
        } else {
            "Enter: the next open question.".to_owned()
        };
        lines.extend(wrapped(&next, w, t.key));
    } else {
        for (i, hint) in session.hints_shown().iter().enumerate() {
            lines.extend(hanging(
                &format!("Hint {} of {}: ", i + 1, question.hints.len()),
                hint,
                w,
                t.changed,
                Style::new(),
            ));
        }
    }
    lines.extend(jump_lines(session, w, ctx));
    lines.push(Line::raw(""));
    lines.extend(wrapped(&super::predict::score_line(ctx), w, t.muted));
    put_lines(body, buf, &lines, 0);
}

/// "s jumps to step 4 of “What if…”": where the question's step is, on which branch.
fn jump_lines(session: &QuizSession, w: u16, ctx: &Ctx<'_>) -> Vec<Line<'static>> {
    let app = ctx.app;
    let Some(target) = session.about_step() else {
        return Vec::new();
    };
    let where_ = match app.find_step(target) {
        Some((path, i)) if path == app.path_index() => {
            format!("step {} ({})", i + 1, target.name())
        }
        Some((path, i)) => format!("step {} of “{}”", i + 1, app.paths()[path].label()),
        None => format!("“{}”, on another branch", target.name()),
    };
    let mut lines = vec![Line::raw("")];
    lines.extend(hanging(
        "s ",
        &format!("jumps to {where_}, what this question is about; Esc there comes back here."),
        w,
        ctx.theme.key,
        ctx.theme.muted,
    ));
    lines
}

/// The summary after the last question: each question's result, the score, the retries.
fn summary_lines(session: &QuizSession, w: u16, ctx: &Ctx<'_>) -> Vec<Line<'static>> {
    let t = ctx.theme;
    let score = session.score();
    let mut lines = Vec::new();
    lines.extend(wrapped(
        &format!("You finished the quiz: {score}."),
        w,
        t.heading,
    ));
    lines.push(Line::raw(""));
    for (i, question) in session.questions().iter().enumerate() {
        let Some(state) = session.state(i) else {
            continue;
        };
        let (mark, style) = match state.status() {
            Status::Right => ("✓", t.good),
            Status::Revealed => ("!", t.changed),
            Status::Wrong | Status::Unanswered => ("✗", t.bad),
        };
        lines.extend(hanging(
            &format!(" {mark} {}. ", i + 1),
            &question.prompt,
            w,
            style,
            Style::new(),
        ));
        let answers = match state.attempts() {
            0 => "no answer given".to_owned(),
            1 => "1 answer".to_owned(),
            n => format!("{n} answers"),
        };
        let hints = match state.hints_shown() {
            0 => String::new(),
            1 => ", 1 hint".to_owned(),
            n => format!(", {n} hints"),
        };
        let how = match state.status() {
            Status::Right if state.right_first_time() && hints.is_empty() => {
                "right the first time".to_owned()
            }
            Status::Right => format!("right after {answers}{hints}"),
            Status::Revealed => {
                let answer = question.answer_shown();
                let when = if state.attempts() == 0 {
                    format!("revealed with {answers}{hints}")
                } else {
                    format!("revealed after {answers}{hints}")
                };
                format!(
                    "{when}; the answer: {}) {}",
                    letter_str(answer),
                    question.choices[answer]
                )
            }
            Status::Wrong | Status::Unanswered => "not answered".to_owned(),
        };
        let indent = " ".repeat(super::text::width(&format!(" {mark} {}. ", i + 1)));
        lines.extend(hanging(&indent, &how, w, t.muted, t.muted));
    }
    lines.push(Line::raw(""));
    lines.extend(wrapped(&super::predict::score_line(ctx), w, t.muted));
    lines.push(Line::raw(""));
    let missed = session.missed().len();
    let retry = if missed == 0 {
        "Every question right the first time. a takes the whole quiz again · n and p review a question.".to_owned()
    } else {
        format!(
            "m retries the {missed} question{} not right the first time · a retries all · n and p review a question.",
            if missed == 1 { "" } else { "s" }
        )
    };
    lines.extend(wrapped(&retry, w, t.key));
    lines
}

/// "Questions: [1·] 2✓ 3✗": where each stands (✓ right, ! revealed, ✗ tried, · not yet).
fn progress_line(session: &QuizSession, ctx: &Ctx<'_>) -> Line<'static> {
    let t = ctx.theme;
    let mut marks = vec![Span::styled("Questions: ", t.muted)];
    for i in 0..session.len() {
        let mark = match session.state(i).map(|s| (s.status(), s.attempts())) {
            Some((Status::Right, _)) => "✓",
            Some((Status::Revealed, _)) => "!",
            Some((_, n)) if n > 0 => "✗",
            _ => "·",
        };
        let text = format!("{}{mark}", i + 1);
        if i == session.current_index() {
            marks.push(Span::styled(format!("[{text}]"), t.current));
        } else {
            marks.push(Span::raw(format!(" {text} ")));
        }
    }
    Line::from(marks)
}

/// The lettered choices: ▶ and reverse on the selected one, ✗ on those tried, ✓ on the answer
/// once the question is finished; each line with the choice it belongs to.
fn choice_lines(session: &QuizSession, w: u16, ctx: &Ctx<'_>) -> Vec<(usize, Line<'static>)> {
    let t = ctx.theme;
    let question = session.current();
    let state = session.current_state();
    let mut lines = Vec::new();
    let finished = state.is_finished();
    let answer = question.answer_shown();
    let choice_w = usize::from(w.saturating_sub(4));
    for (i, choice) in question.choices.iter().enumerate() {
        let selected = i == state.selected() && !finished;
        let tried = state.tried().contains(&i);
        let shown_right = finished && i == answer;
        let (mark, mark_style) = if shown_right {
            ("✓", t.good)
        } else if tried {
            ("✗", t.bad)
        } else if selected {
            ("▶", t.changed)
        } else {
            (" ", Style::new())
        };
        let style = if selected {
            t.current
        } else if shown_right {
            t.good
        } else if tried {
            t.muted
        } else {
            Style::new()
        };
        let text = format!("{}) {choice}", letter_str(i));
        for (j, l) in super::text::wrap(&text, choice_w).into_iter().enumerate() {
            let lead = if j == 0 {
                format!(" {mark} ")
            } else {
                "   ".to_owned()
            };
            let l = if selected { pad(&l, choice_w) } else { l };
            lines.push((
                i,
                Line::from(vec![Span::styled(lead, mark_style), Span::styled(l, style)]),
            ));
        }
    }
    lines
}

/// What the last answer or reveal came to.
fn feedback_lines(
    feedback: Option<&Feedback>,
    session: &QuizSession,
    w: u16,
    ctx: &Ctx<'_>,
) -> Vec<Line<'static>> {
    let t = ctx.theme;
    let question = session.current();
    let state = session.current_state();
    let mut lines = Vec::new();
    match feedback {
        Some(Feedback::Right { choice }) => {
            lines.extend(hanging(
                "✓ ",
                &format!(
                    "Right: {}) {}",
                    letter_str(*choice),
                    question.choices[*choice]
                ),
                w,
                t.good,
                t.good,
            ));
        }
        Some(Feedback::Wrong {
            choice,
            again,
            hints_left,
        }) => {
            let said = if *again {
                format!("{} again: still not it.", letter_str(*choice))
            } else {
                format!("Not {}.", letter_str(*choice))
            };
            let shown = session.hints_shown().len();
            let offer = if *hints_left > 0 {
                format!(
                    "Try again, or h for hint {} of {}.",
                    shown + 1,
                    shown + hints_left
                )
            } else {
                "No more hints: try again, or r for the answer.".to_owned()
            };
            let text = format!("{said} {offer}");
            lines.extend(hanging("✗ ", &text, w, t.bad, t.bad));
        }
        Some(Feedback::Revealed { answer }) => {
            lines.extend(hanging(
                "! ",
                &format!(
                    "The answer: {}) {}",
                    letter_str(*answer),
                    question.choices[*answer]
                ),
                w,
                t.changed,
                t.changed,
            ));
        }
        None if state.status() == Status::Right => {
            lines.extend(hanging("✓ ", "Answered right.", w, t.good, t.good));
        }
        None if state.status() == Status::Revealed => {
            lines.extend(hanging("! ", "Revealed.", w, t.changed, t.changed));
        }
        None => lines.extend(wrapped(
            "Choose with ↑ ↓ or a letter, then press Enter. h shows a hint, r the answer.",
            w,
            t.muted,
        )),
    }
    lines
}
