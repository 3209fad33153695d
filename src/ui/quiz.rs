//! Mode 6, the quiz: one question at a time, lettered choices, right or wrong with the next
//! hint after a wrong answer, the explanation after a right one, the score.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::Widget;

use super::text::pad;
use super::{Ctx, hanging, inner, panel, put_lines, wrapped};
use crate::app::quiz::letter;
use crate::ui::moments::describe;

pub(crate) fn render(area: Rect, buf: &mut Buffer, ctx: &Ctx<'_>) {
    let t = ctx.theme;
    let app = ctx.app;
    let questions = &app.scenario().file.questions;
    let quiz = app.quiz();
    let (right, total) = quiz.score();
    let Some(question) = questions.get(quiz.current) else {
        panel("Quiz", t).render(area, buf);
        put_lines(
            inner(area),
            buf,
            &wrapped("This lesson has no quiz.", area.width, t.muted),
            0,
        );
        return;
    };
    let title = format!(
        "Quiz · Question {} of {total} · {right} of {total} right",
        quiz.current + 1
    );
    panel(title, t).render(area, buf);
    let body = inner(area);
    let w = body.width;
    let state = quiz.state().cloned().unwrap_or_default();
    let mut lines: Vec<Line<'static>> = Vec::new();
    // Where each question stands: ✓ right, ✗ tried, · not yet; the current one in brackets.
    let mut dots = vec![Span::styled("Questions: ", t.muted)];
    for (i, q) in quiz.questions.iter().enumerate() {
        let mark = if q.right {
            "✓"
        } else if q.attempts > 0 {
            "✗"
        } else {
            "·"
        };
        let text = format!("{}{mark}", i + 1);
        if i == quiz.current {
            dots.push(Span::styled(format!("[{text}]"), t.current));
        } else {
            dots.push(Span::raw(format!(" {text} ")));
        }
    }
    lines.push(Line::from(dots));
    lines.push(Line::raw(""));
    lines.extend(wrapped(&question.prompt, w, t.heading));
    lines.push(Line::raw(""));
    let choice_w = usize::from(w.saturating_sub(6));
    for (i, choice) in question.choices.iter().enumerate() {
        let selected = i == quiz.selected && !state.right;
        let tried = state.wrong.contains(&i);
        let is_answer = state.right && state.last.is_some_and(|(c, _)| c == i);
        let mark = if is_answer {
            "✓"
        } else if tried {
            "✗"
        } else if selected {
            "▶"
        } else {
            " "
        };
        let style = if selected {
            t.current
        } else if is_answer {
            t.good
        } else if tried {
            t.muted
        } else {
            Style::new()
        };
        let text = format!("{}) {choice}", letter(i));
        let wrapped_choice = super::text::wrap(&text, choice_w);
        for (j, l) in wrapped_choice.into_iter().enumerate() {
            let lead = if j == 0 {
                format!(" {mark} ")
            } else {
                "   ".to_owned()
            };
            lines.push(Line::from(vec![
                Span::styled(lead, if tried { t.bad } else { t.changed }),
                Span::styled(if selected { pad(&l, choice_w) } else { l }, style),
            ]));
        }
    }
    lines.push(Line::raw(""));
    match state.last {
        Some((choice, true)) => {
            lines.extend(hanging(
                "✓ ",
                &format!(
                    "Right: {}) {}",
                    letter(choice),
                    question.choices.get(choice).map_or("", String::as_str)
                ),
                w,
                t.good,
                t.good,
            ));
            if let Some(explanation) = &question.explanation {
                lines.extend(wrapped(explanation, w, Style::new()));
            }
            let next = if quiz.current + 1 < total {
                "Enter: next question."
            } else {
                "That was the last question."
            };
            lines.extend(wrapped(next, w, t.muted));
        }
        Some((choice, false)) => {
            lines.extend(hanging(
                "✗ ",
                &format!("Not {}. Try again.", letter(choice)),
                w,
                t.bad,
                t.bad,
            ));
        }
        None => {
            lines.extend(wrapped(
                "Choose with ↑ ↓ or a letter, then press Enter.",
                w,
                t.muted,
            ));
        }
    }
    if !state.right {
        for (i, hint) in question.hints.iter().take(state.hints_shown).enumerate() {
            lines.extend(hanging(
                &format!("Hint {}: ", i + 1),
                hint,
                w,
                t.changed,
                Style::new(),
            ));
        }
    }
    if let Some(step) = &question.about_step {
        let (text, number) = describe(ctx, step);
        let how = number.map_or_else(String::new, |n| {
            format!(" — type {n} then Enter to look, 6 to come back")
        });
        lines.push(Line::raw(""));
        lines.extend(wrapped(
            &format!("This question is about {text}{how}."),
            w,
            t.muted,
        ));
    }
    put_lines(body, buf, &lines, 0);
}
