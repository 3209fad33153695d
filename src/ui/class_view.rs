//! The class report's screen: a header, the view tabs, the view, and the key footer. Renders
//! from `&ClassView` and changes nothing.

use ratatui::Frame;
use ratatui::buffer::Buffer;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Bar, BarChart, Block, Borders, Cell, Paragraph, Row, Table, Widget};

use super::text::{truncate, width, wrap};
use super::theme::Theme;
use crate::app::class_view::{ClassView, KEYS, View};
use crate::class::text::{first_try_words, format_hints, readable_time, summary};
use crate::class::{LessonReport, branch_label, lesson_heading, wrong_choice_label};
use crate::sanitize;

/// Below this the screen says it is too small instead of drawing a broken layout.
pub const MIN_WIDTH: u16 = 60;
/// See [`MIN_WIDTH`].
pub const MIN_HEIGHT: u16 = 16;

/// Draws the whole screen.
pub fn render(view: &ClassView, theme: &Theme, frame: &mut Frame<'_>) {
    let area = frame.area();
    draw(view, theme, area, frame.buffer_mut());
}

/// Draws into `buf` (what [`render`] does; tests call it on a bare buffer).
pub fn draw(view: &ClassView, theme: &Theme, area: Rect, buf: &mut Buffer) {
    if area.width < MIN_WIDTH || area.height < MIN_HEIGHT {
        let lines = vec![
            Line::styled(
                format!(
                    "terminal too small: need {MIN_WIDTH}x{MIN_HEIGHT}, have {}x{}",
                    area.width, area.height
                ),
                theme.title,
            ),
            Line::raw("Enlarge the window, or press q to quit."),
        ];
        Paragraph::new(lines).render(area, buf);
        return;
    }
    let [header, tabs, body, footer] = Layout::vertical([
        Constraint::Length(2),
        Constraint::Length(1),
        Constraint::Fill(1),
        Constraint::Length(1),
    ])
    .areas(area);
    draw_header(view, theme, header, buf);
    draw_tabs(view, theme, tabs, buf);
    match view.lesson() {
        None => {
            Paragraph::new("No quiz answers or predictions in these files.").render(body, buf);
        }
        Some(lesson) if view.help_open() => draw_help(theme, body, buf, lesson),
        Some(lesson) => match view.view() {
            View::Questions => draw_questions(view, lesson, theme, body, buf),
            View::Predictions => draw_predictions(view, lesson, theme, body, buf),
            View::Learners => draw_learners(view, lesson, theme, body, buf),
            View::Attention => draw_attention(view, lesson, theme, body, buf),
        },
    }
    draw_footer(theme, footer, buf);
}

fn draw_header(view: &ClassView, theme: &Theme, area: Rect, buf: &mut Buffer) {
    let w = usize::from(area.width);
    let mut lines = vec![Line::styled(
        truncate(&format!("Class report: {}", summary(view.report())), w),
        theme.title,
    )];
    if let Some(lesson) = view.lesson() {
        let (at, of) = view.lesson_position();
        let which = if of > 1 {
            format!("lesson {} of {of}: ", at + 1)
        } else {
            String::new()
        };
        let line = format!(
            "{which}{} · {} learners",
            sanitize::line(&lesson_heading(lesson)),
            lesson.learner_count
        );
        lines.push(Line::raw(truncate(&line, w)));
    }
    Paragraph::new(lines).render(area, buf);
}

fn draw_tabs(view: &ClassView, theme: &Theme, area: Rect, buf: &mut Buffer) {
    let mut spans = Vec::new();
    for (i, tab) in View::ALL.iter().enumerate() {
        let label = format!(" {} {} ", i + 1, tab.title());
        let style = if *tab == view.view() {
            theme.tab_active
        } else {
            theme.muted
        };
        spans.push(Span::styled(label, style));
        spans.push(Span::raw(" "));
    }
    Paragraph::new(Line::from(spans)).render(area, buf);
}

fn draw_footer(theme: &Theme, area: Rect, buf: &mut Buffer) {
    let w = usize::from(area.width);
    let mut spans = vec![Span::raw(" ")];
    let mut used = 1;
    // The table's order; what does not fit is in `?`.
    let shown = ["→ l n", "← h p", "Tab", "] [", "?", "q Esc"];
    for (keys, what, _) in KEYS.iter().filter(|(k, _, _)| shown.contains(k)) {
        let key = keys.split_whitespace().next().unwrap_or(keys);
        let cost = width(key) + width(what) + 3;
        if used + cost > w {
            break;
        }
        spans.push(Span::styled(key.to_owned(), theme.key));
        spans.push(Span::raw(format!(" {what}  ")));
        used += cost;
    }
    Paragraph::new(Line::from(spans)).render(area, buf);
}

fn draw_help(theme: &Theme, area: Rect, buf: &mut Buffer, _lesson: &LessonReport) {
    let mut lines = vec![Line::styled("Keys", theme.heading), Line::raw("")];
    for (keys, what, _) in KEYS {
        lines.push(Line::from(vec![
            Span::styled(format!("  {keys:<12}"), theme.key),
            Span::raw(*what),
        ]));
    }
    lines.push(Line::raw(""));
    lines.push(Line::styled(
        "Right the first time: the very first answer right, no hint opened.",
        theme.muted,
    ));
    Paragraph::new(lines)
        .block(Block::default().borders(Borders::ALL).title(" ? "))
        .render(area, buf);
}

/// A list on the left (one line per item, the selected one marked), the item on the right.
fn split(area: Rect, list_width: u16) -> (Rect, Rect) {
    let [left, right] =
        Layout::horizontal([Constraint::Length(list_width), Constraint::Fill(1)]).areas(area);
    (left, right)
}

fn draw_list(
    items: &[String],
    selected: usize,
    theme: &Theme,
    title: &str,
    area: Rect,
    buf: &mut Buffer,
) {
    let w = usize::from(area.width.saturating_sub(2));
    let rows = usize::from(area.height.saturating_sub(2)).max(1);
    // Keep the selected line in view.
    let first = selected.saturating_sub(rows - 1);
    let lines: Vec<Line> = items
        .iter()
        .enumerate()
        .skip(first)
        .take(rows)
        .map(|(i, item)| {
            let marker = if i == selected { "▶ " } else { "  " };
            let text = truncate(&format!("{marker}{item}"), w);
            if i == selected {
                Line::styled(text, theme.current)
            } else {
                Line::raw(text)
            }
        })
        .collect();
    Paragraph::new(lines)
        .block(
            Block::default()
                .borders(Borders::ALL)
                .border_style(theme.border)
                .title(title.to_owned()),
        )
        .render(area, buf);
}

/// A horizontal bar chart of `(label, count)` out of `max`, with the count and share on each.
fn bars(
    rows: &[(&str, usize)],
    max: usize,
    theme: &Theme,
    styles: &[Style],
    area: Rect,
    buf: &mut Buffer,
) {
    let bars: Vec<Bar> = rows
        .iter()
        .zip(styles)
        .map(|((label, n), style)| {
            let pct =
                crate::class::percent(*n, max).map_or_else(String::new, |p| format!(" ({p}%)"));
            // The count goes in the label, beside the bar: written over the bar (ratatui's
            // place for it), it hid every bar shorter than itself ("2 (7%)" of 30 drew none).
            let count = format!("{n}{pct}");
            Bar::default()
                .label(Line::raw(format!("{label:<15}{count:<10}")))
                .value(u64::try_from(*n).unwrap_or(0))
                .text_value(String::new())
                .style(*style)
                .value_style(theme.title)
        })
        .collect();
    BarChart::horizontal(bars)
        .max(u64::try_from(max.max(1)).unwrap_or(1))
        .bar_width(1)
        .bar_gap(1)
        .render(area, buf);
}

fn draw_questions(
    view: &ClassView,
    lesson: &LessonReport,
    theme: &Theme,
    area: Rect,
    buf: &mut Buffer,
) {
    if lesson.questions.is_empty() {
        Paragraph::new("This lesson's results hold no quiz answers.").render(area, buf);
        return;
    }
    let selected = view.selected().min(lesson.questions.len() - 1);
    let items: Vec<String> = lesson
        .questions
        .iter()
        .map(|q| {
            let pct = q
                .first_try_right_pct
                .map_or_else(|| "  –".to_owned(), |p| format!("{p:>3}%"));
            format!("{} {pct}", sanitize::line(&q.question_id))
        })
        .collect();
    let (left, right) = split(area, 20.min(area.width / 3));
    draw_list(&items, selected, theme, " first try ", left, buf);

    let q = &lesson.questions[selected];
    let w = usize::from(right.width.saturating_sub(2));
    let mut text = vec![Line::styled(
        format!(
            "Question {} of {}: {}",
            selected + 1,
            lesson.questions.len(),
            sanitize::line(&q.question_id)
        ),
        theme.heading,
    )];
    if let Some(prompt) = &q.prompt {
        text.extend(
            wrap(&sanitize::line(prompt.trim()), w)
                .into_iter()
                .map(Line::raw),
        );
    }
    text.push(Line::raw(""));
    text.push(Line::styled(first_try_words(q), theme.title));
    let median = q
        .median_hints
        .map_or_else(|| "none".to_owned(), format_hints);
    text.push(Line::raw(format!("median hints {median}")));
    if let Some(choice) = &q.top_wrong_choice {
        for line in wrap(
            &sanitize::line(&format!(
                "most chosen wrong answer: {}",
                wrong_choice_label(choice)
            )),
            w,
        ) {
            text.push(Line::raw(line));
        }
    }
    text.push(Line::raw(""));
    let rows = [
        ("right 1st time", q.first_try_right),
        ("after hints", q.after_hints),
        ("revealed", q.revealed),
        ("still wrong", q.still_wrong),
        ("never answered", q.never_answered),
    ];
    let styles = [
        theme.good,
        theme.changed,
        theme.note,
        theme.bad,
        theme.muted,
    ];
    sentence_then_bars(
        text,
        &rows,
        &styles,
        lesson.learner_count,
        theme,
        right,
        buf,
    );
}

fn draw_predictions(
    view: &ClassView,
    lesson: &LessonReport,
    theme: &Theme,
    area: Rect,
    buf: &mut Buffer,
) {
    if lesson.predictions.is_empty() {
        Paragraph::new("No predictions in these results (they are made in `cogflow run`).")
            .render(area, buf);
        return;
    }
    let selected = view.selected().min(lesson.predictions.len() - 1);
    let items: Vec<String> = lesson
        .predictions
        .iter()
        .map(|p| format!("step {} {}", p.step, branch_label(p.variant.as_deref())))
        .collect();
    let (left, right) = split(area, 26.min(area.width / 3));
    draw_list(&items, selected, theme, " predictions ", left, buf);
    let p = &lesson.predictions[selected];
    let w = usize::from(right.width.saturating_sub(2));
    let mut text = vec![Line::styled(
        format!(
            "Prediction {} of {}: step {}, {}",
            selected + 1,
            lesson.predictions.len(),
            p.step,
            sanitize::line(&branch_label(p.variant.as_deref()))
        ),
        theme.heading,
    )];
    if let Some(prompt) = &p.prompt {
        text.extend(wrap(&sanitize::line(prompt), w).into_iter().map(Line::raw));
    }
    text.push(Line::raw(""));
    let rows = [
        ("right", p.right),
        ("wrong", p.wrong),
        ("skipped", p.skipped),
        ("not reached", p.not_reached),
    ];
    let styles = [theme.good, theme.bad, theme.note, theme.muted];
    sentence_then_bars(
        text,
        &rows,
        &styles,
        lesson.learner_count,
        theme,
        right,
        buf,
    );
}

/// The right panel of the questions and predictions tabs: in a border, the sentences about
/// one entry, then its bar chart of counts out of `max`. The chart keeps its room (a bar and a
/// gap per row); the sentences take what is left.
fn sentence_then_bars(
    text: Vec<Line<'_>>,
    rows: &[(&str, usize)],
    styles: &[Style],
    max: usize,
    theme: &Theme,
    area: Rect,
    buf: &mut Buffer,
) {
    let block = Block::default()
        .borders(Borders::ALL)
        .border_style(theme.border);
    let inner = block.inner(area);
    block.render(area, buf);
    let chart_room = u16::try_from(rows.len() * 2).unwrap_or(u16::MAX);
    let [words, chart] = Layout::vertical([
        Constraint::Length(
            u16::try_from(text.len())
                .unwrap_or(u16::MAX)
                .min(inner.height.saturating_sub(chart_room)),
        ),
        Constraint::Fill(1),
    ])
    .areas(inner);
    Paragraph::new(text).render(words, buf);
    bars(rows, max, theme, styles, chart, buf);
}

fn draw_learners(
    view: &ClassView,
    lesson: &LessonReport,
    theme: &Theme,
    area: Rect,
    buf: &mut Buffer,
) {
    let selected = view.selected().min(lesson.learners.len().saturating_sub(1));
    let visible = usize::from(area.height.saturating_sub(3)).max(1);
    let first = selected.saturating_sub(visible - 1);
    let rows: Vec<Row> = lesson
        .learners
        .iter()
        .enumerate()
        .skip(first)
        .take(visible)
        .map(|(i, l)| {
            let pct = l
                .first_try_right_pct
                .map_or_else(String::new, |p| format!(" {p:>3}%"));
            let row = Row::new(vec![
                Cell::from(sanitize::line(&l.learner).into_owned()),
                Cell::from(format!("{} of {}{pct}", l.first_try_right, l.questions)),
                Cell::from(l.hints.to_string()),
                Cell::from(l.reveals.to_string()),
                Cell::from(format!("{} of {}", l.predictions_right, l.predictions_made)),
                Cell::from(readable_time(&l.last_activity)),
            ]);
            if i == selected {
                row.style(theme.current)
            } else {
                row
            }
        })
        .collect();
    let title = format!(" Learner {} of {} ", selected + 1, lesson.learners.len());
    Table::new(
        rows,
        [
            Constraint::Fill(2),
            Constraint::Length(12),
            Constraint::Length(5),
            Constraint::Length(7),
            Constraint::Length(11),
            Constraint::Length(20),
        ],
    )
    .header(
        Row::new([
            "Learner",
            "first try",
            "hints",
            "reveals",
            "predictions",
            "last activity",
        ])
        .style(theme.heading),
    )
    .block(
        Block::default()
            .borders(Borders::ALL)
            .border_style(theme.border)
            .title(title),
    )
    .render(area, buf);
}

fn draw_attention(
    view: &ClassView,
    lesson: &LessonReport,
    theme: &Theme,
    area: Rect,
    buf: &mut Buffer,
) {
    let attention = &lesson.needs_attention;
    let mut items = Vec::new();
    for q in lesson
        .questions
        .iter()
        .filter(|q| attention.questions.contains(&q.question_id))
    {
        items.push(format!(
            "question {}: {}",
            q.question_id,
            first_try_words(q)
        ));
    }
    for l in lesson
        .learners
        .iter()
        .filter(|l| attention.learners.contains(&l.learner))
    {
        items.push(format!(
            "{}: {} of {} questions right the first time",
            l.learner, l.first_try_right, l.questions
        ));
    }
    if items.is_empty() {
        Paragraph::new(format!(
            "Nothing under {}% right the first time.",
            crate::class::ATTENTION_PCT
        ))
        .render(area, buf);
        return;
    }
    let items: Vec<String> = items
        .iter()
        .map(|i| sanitize::line(i).into_owned())
        .collect();
    let title = format!(
        " under {}% right the first time ",
        crate::class::ATTENTION_PCT
    );
    draw_list(
        &items,
        view.selected().min(items.len() - 1),
        theme,
        &title,
        area,
        buf,
    );
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::app::class_view::Message;
    use crate::class::{Source, build};
    use crate::progress::results::parse;

    /// A report of three learners from hand-written CSV.
    fn view() -> ClassView {
        let lesson = crate::scenario::resolve(None).unwrap();
        let header = crate::progress::results::COLUMNS.join(",");
        let row = |who: &str, q: &str, letter: &str, correct: bool, attempt: u32, t: u32| {
            format!(
                "{},{},2,{q},{letter},{letter},{correct},{attempt},1,0,false,,ABCD,2026-01-15T09:00:{t:02}Z,quiz,{who},,,,,",
                lesson.file.scenario.id, lesson.content_hash
            )
        };
        let csv = [
            header,
            row("Ana", "q1", "A", true, 1, 0),
            row("Bo", "q1", "B", false, 1, 1),
            row("Bo", "q1", "A", true, 2, 2),
            row("Cy", "q1", "C", false, 1, 3),
            row("Cy", "q2", "C", true, 1, 4),
        ]
        .join("\n");
        let sources = vec![Source {
            path: "class.csv".into(),
            rows: parse(&csv).unwrap(),
        }];
        ClassView::new(build(&sources, 0, Vec::new(), &[lesson]))
    }

    fn screen(view: &ClassView, w: u16, h: u16) -> Vec<String> {
        let area = Rect::new(0, 0, w, h);
        let mut buf = Buffer::empty(area);
        draw(view, &Theme::monochrome(), area, &mut buf);
        (0..h)
            .map(|y| {
                (0..w)
                    .map(|x| buf[(x, y)].symbol().to_owned())
                    .collect::<String>()
                    .trim_end()
                    .to_owned()
            })
            .collect()
    }

    #[test]
    fn questions_step_with_their_bars() {
        let mut view = view();
        let first = screen(&view, 100, 30).join("\n");
        assert!(
            first.contains("Class report: 3 learners in 1 lesson, from 1 file"),
            "{first}"
        );
        assert!(first.contains("Question 1 of 3: q1"), "{first}");
        assert!(
            first.contains("1 of 3 right the first time (33%)"),
            "{first}"
        );
        assert!(
            first.contains("most chosen wrong answer: B \"JWT token\" (1 learner)"),
            "{first}"
        );
        assert!(first.contains("right 1st time"), "{first}");
        assert!(
            first.contains("1 (33%)"),
            "a bar's count and share: {first}"
        );
        assert!(first.contains("▶ q1  33%"), "{first}");

        view.update(Message::Next);
        let second = screen(&view, 100, 30).join("\n");
        assert!(second.contains("Question 2 of 3: q2"), "{second}");
        assert!(second.contains("▶ q2 100%"), "{second}");
        view.update(Message::Show(View::Learners));
        let learners = screen(&view, 100, 30).join("\n");
        assert!(learners.contains("Learner 1 of 3"), "{learners}");
        assert!(learners.contains("Cy"), "{learners}");
        view.update(Message::Show(View::Attention));
        let attention = screen(&view, 100, 30).join("\n");
        assert!(
            attention.contains("question q1: 1 of 3 right the first time (33%)"),
            "{attention}"
        );
    }

    #[test]
    fn a_bar_shorter_than_its_count_still_shows() {
        // 2 of 30 is 7%: at 80 columns its bar is a few cells, fewer than "2 (7%)".
        let theme = Theme::monochrome();
        let area = Rect::new(0, 0, 80, 4);
        let mut buf = Buffer::empty(area);
        let styles = [Style::new(), Style::new()];
        bars(
            &[("revealed", 2), ("after hints", 28)],
            30,
            &theme,
            &styles,
            area,
            &mut buf,
        );
        let rows: Vec<String> = (0..area.height)
            .map(|y| (0..area.width).map(|x| buf[(x, y)].symbol()).collect())
            .collect();
        let revealed = rows.iter().find(|r| r.contains("revealed")).unwrap();
        assert!(revealed.contains("2 (7%)"), "{rows:#?}");
        assert!(revealed.contains('█'), "the short bar is drawn: {rows:#?}");
    }

    #[test]
    fn small_terminals_get_a_message() {
        let view = view();
        for (w, h) in [(59, 30), (100, 15), (10, 3)] {
            let lines = screen(&view, w, h);
            assert!(lines.join("").contains("termi"), "{w}x{h}: {lines:?}");
        }
        // Every size from the minimum up draws without panicking.
        for w in [60, 61, 80, 200] {
            for h in [16, 17, 24, 60] {
                let _ = screen(&view, w, h);
            }
        }
    }

    #[test]
    fn the_screen_at_100_by_30() {
        insta::assert_snapshot!(screen(&view(), 100, 30).join("\n"));
    }
}
