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
use crate::quiz::{QuizSession, Score, Status, letter_str};
use crate::words::{Word, Words};

/// "1 of 3 right the first time, 1 hint used" (", 3 right in the end", ", 1 revealed") in
/// the lesson's words.
pub(crate) fn score_said(score: &Score, words: &Words) -> String {
    let count = |n: usize, one: Word, many: Word| {
        let word = if n == 1 { one } else { many };
        words.fill(word, &[("n", &n.to_string())])
    };
    let mut said = words.fill(
        Word::QuizScore,
        &[
            ("right", &score.first_try.to_string()),
            ("total", &score.total.to_string()),
        ],
    );
    if score.right > score.first_try {
        said.push_str(&words.fill(Word::QuizRightInTheEnd, &[("n", &score.right.to_string())]));
    }
    said.push_str(&match score.hints_used {
        0 => words.get(Word::QuizNoHintsUsed).to_owned(),
        n => count(n, Word::QuizHintUsed, Word::QuizHintsUsed),
    });
    if score.revealed > 0 {
        said.push_str(&words.fill(
            Word::QuizRevealedCount,
            &[("n", &score.revealed.to_string())],
        ));
    }
    said
}

pub(crate) fn render(area: Rect, buf: &mut Buffer, ctx: &Ctx<'_>) {
    let t = ctx.theme;
    let app = ctx.app;
    let words = ctx.words;
    let quiz = app.quiz();
    let Some(session) = &quiz.session else {
        panel(words.get(Word::ModeQuiz), area.width, t).render(area, buf);
        let why = quiz
            .unavailable
            .clone()
            .unwrap_or_else(|| words.get(Word::QuizNone).to_owned());
        put_lines(
            inner(area),
            buf,
            &wrapped(&why, area.width.saturating_sub(2), t.muted),
            0,
        );
        return;
    };
    let score = score_said(&session.score(), words);
    let question = session.current();
    let state = session.current_state();
    let round = if session.round() > 1 {
        words.fill(Word::QuizRound, &[("n", &session.round().to_string())])
    } else {
        String::new()
    };
    let title = if quiz.summary {
        words.fill(
            Word::QuizSummaryTitle,
            &[("round", &round), ("score", &score)],
        )
    } else {
        words.fill(
            Word::QuizQuestionTitle,
            &[
                ("n", &(session.current_index() + 1).to_string()),
                ("total", &session.score().total.to_string()),
                ("round", &round),
                ("score", &score),
            ],
        )
    };
    panel(title, area.width, t).render(area, buf);
    let body = inner(area);
    let w = body.width;
    let mut lines: Vec<Line<'static>> = Vec::new();

    lines.push(progress_line(session, ctx));
    if let Some(seed) = session.seed() {
        lines.extend(wrapped(
            &words.fill(Word::QuizShuffled, &[("seed", &seed.to_string())]),
            w,
            t.muted,
        ));
    }
    lines.push(Line::raw(""));
    if quiz.summary {
        lines.extend(summary_lines(session, w, ctx));
        // The end of the lesson: where the path goes on.
        if let Some(next) = app.next_lesson() {
            lines.push(Line::raw(""));
            let said = ctx.words.fill(
                crate::words::Word::SayNextLesson,
                &[("title", &crate::sanitize::line(&next.title))],
            );
            lines.extend(wrapped(&said, w, t.key));
        }
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
            words.fill(Word::QuizLastQuestion, &[("score", &score)])
        } else {
            words.get(Word::QuizNextOpen).to_owned()
        };
        lines.extend(wrapped(&next, w, t.key));
    } else {
        for (i, hint) in session.hints_shown().iter().enumerate() {
            lines.extend(hanging(
                &words.fill(
                    Word::QuizHintOf,
                    &[
                        ("n", &(i + 1).to_string()),
                        ("total", &question.hints.len().to_string()),
                    ],
                ),
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
    let words = ctx.words;
    let Some(target) = session.about_step() else {
        return Vec::new();
    };
    let where_ = step_where(app, target, words);
    let mut lines = vec![Line::raw("")];
    lines.extend(hanging(
        "s ",
        &words.fill(Word::QuizJumps, &[("where", &where_)]),
        w,
        ctx.theme.key,
        ctx.theme.muted,
    ));
    lines
}

/// Where a step is: "step 3 (name)" here, "step 4 of “branch”", or "“name”, on another
/// branch" (the quiz's jump line and mode 5's moments).
pub(crate) fn step_where(
    app: &crate::app::App,
    target: &crate::quiz::StepTarget,
    words: &Words,
) -> String {
    let name = target.name().to_string();
    match app.find_step(target) {
        Some((path, i)) if path == app.path_index() => words.fill(
            Word::StepWhereHere,
            &[("n", &(i + 1).to_string()), ("name", &name)],
        ),
        Some((path, i)) => words.fill(
            Word::StepWhereOf,
            &[
                ("n", &(i + 1).to_string()),
                ("branch", &app.paths()[path].label_in(words)),
            ],
        ),
        None => words.fill(Word::StepWhereElsewhere, &[("name", &name)]),
    }
}

/// The summary after the last question: each question's result, the score, the retries.
fn summary_lines(session: &QuizSession, w: u16, ctx: &Ctx<'_>) -> Vec<Line<'static>> {
    let t = ctx.theme;
    let words = ctx.words;
    let score = score_said(&session.score(), words);
    let mut lines = Vec::new();
    lines.extend(wrapped(
        &words.fill(Word::QuizFinished, &[("score", &score)]),
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
            0 => words.get(Word::QuizNoAnswer).to_owned(),
            1 => words.get(Word::QuizOneAnswer).to_owned(),
            n => words.fill(Word::QuizAnswers, &[("n", &n.to_string())]),
        };
        let hints = match state.hints_shown() {
            0 => String::new(),
            1 => words.get(Word::QuizOneHint).to_owned(),
            n => words.fill(Word::QuizHints, &[("n", &n.to_string())]),
        };
        let how = match state.status() {
            Status::Right if state.right_first_time() && hints.is_empty() => {
                words.get(Word::QuizRightFirstTime).to_owned()
            }
            Status::Right => words.fill(
                Word::QuizRightAfter,
                &[("answers", &answers), ("hints", &hints)],
            ),
            Status::Revealed => {
                let answer = question.answer_shown();
                let when = if state.attempts() == 0 {
                    Word::QuizRevealedWith
                } else {
                    Word::QuizRevealedAfter
                };
                let when = words.fill(when, &[("answers", &answers), ("hints", &hints)]);
                let answer = format!("{}) {}", letter_str(answer), question.choices[answer]);
                words.fill(
                    Word::QuizRevealedAnswer,
                    &[("when", &when), ("answer", &answer)],
                )
            }
            Status::Wrong | Status::Unanswered => words.get(Word::QuizNotAnswered).to_owned(),
        };
        let indent = " ".repeat(super::text::width(&format!(" {mark} {}. ", i + 1)));
        lines.extend(hanging(&indent, &how, w, t.muted, t.muted));
    }
    lines.push(Line::raw(""));
    lines.extend(wrapped(&super::predict::score_line(ctx), w, t.muted));
    lines.push(Line::raw(""));
    let missed = session.missed().len();
    let retry = match missed {
        0 => words.get(Word::QuizAllRight).to_owned(),
        1 => words.get(Word::QuizRetryOne).to_owned(),
        n => words.fill(Word::QuizRetryMany, &[("n", &n.to_string())]),
    };
    lines.extend(wrapped(&retry, w, t.key));
    lines
}

/// "Questions: [1·] 2✓ 3✗": where each stands (✓ right, ! revealed, ✗ tried, · not yet).
fn progress_line(session: &QuizSession, ctx: &Ctx<'_>) -> Line<'static> {
    let t = ctx.theme;
    let mut marks = vec![Span::styled(
        ctx.words.get(Word::QuizQuestions).to_owned(),
        t.muted,
    )];
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
    let words = ctx.words;
    let question = session.current();
    let state = session.current_state();
    let mut lines = Vec::new();
    match feedback {
        Some(Feedback::Right { choice }) => {
            lines.extend(hanging(
                "✓ ",
                &words.fill(
                    Word::QuizRight,
                    &[
                        ("letter", &letter_str(*choice)),
                        ("choice", &question.choices[*choice]),
                    ],
                ),
                w,
                t.good,
                t.good,
            ));
        }
        Some(Feedback::Wrong { choice, again }) => {
            let letter = letter_str(*choice);
            let said = words.fill(
                if *again {
                    Word::QuizAgain
                } else {
                    Word::QuizNot
                },
                &[("letter", &letter)],
            );
            // Counted now, as the hints under it are: `h` after the answer shows one more,
            // and the offer moves on with it (it said "hint 2 of 3" beside "Hint 1 of 2").
            let (shown, total) = (session.hints_shown().len(), question.hints.len());
            let offer = if shown < total {
                words.fill(
                    Word::QuizTryAgain,
                    &[
                        ("n", &(shown + 1).to_string()),
                        ("total", &total.to_string()),
                    ],
                )
            } else {
                words.get(Word::QuizNoMoreHints).to_owned()
            };
            let text = format!("{said} {offer}");
            lines.extend(hanging("✗ ", &text, w, t.bad, t.bad));
        }
        Some(Feedback::Revealed { answer }) => {
            lines.extend(hanging(
                "! ",
                &words.fill(
                    Word::QuizTheAnswer,
                    &[
                        ("letter", &letter_str(*answer)),
                        ("choice", &question.choices[*answer]),
                    ],
                ),
                w,
                t.changed,
                t.changed,
            ));
        }
        None if state.status() == Status::Right => {
            lines.extend(hanging(
                "✓ ",
                words.get(Word::QuizAnsweredRight),
                w,
                t.good,
                t.good,
            ));
        }
        None if state.status() == Status::Revealed => {
            lines.extend(hanging(
                "! ",
                words.get(Word::QuizRevealed),
                w,
                t.changed,
                t.changed,
            ));
        }
        None => lines.extend(wrapped(words.get(Word::QuizChoose), w, t.muted)),
    }
    lines
}
