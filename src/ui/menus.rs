//! The lists a learner picks from, drawn over the lesson: the branches (`b`: each with its
//! description, steps and how it ends, the one shown marked), the lessons (`L`: the learning
//! path with what each teaches, needs and how far the learner got), and two branches side by
//! side (`c`: step by step, where they part, how each ends). Every entry row is clickable.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Clear, Widget};

use super::text::{pad, truncate, width, wrap};
use super::{Ctx, centred, inner, overlay, panel, put_lines};
use crate::app::nav::{Comparing, List, Picking};
use crate::app::{Click, PathKind, PathRun};
use crate::flow::Frame;
use crate::library::{Lesson, Status};
use crate::sanitize;
use crate::words::Word;

/// The widest a list box gets.
const BOX_MAX: u16 = 100;

/// Draws the open list or comparison, if any, over `area` (the body).
pub(crate) fn render(area: Rect, buf: &mut Buffer, ctx: &Ctx<'_>) {
    if let Some(picking) = ctx.app.picking() {
        match picking.list {
            List::Branches => branches(area, buf, ctx, picking),
            List::Lessons { .. } => lessons(area, buf, ctx, picking),
        }
    } else if let Some(comparing) = ctx.app.comparing() {
        compare(area, buf, ctx, comparing);
    }
}

/// How the screen names a branch: the lesson's words for the main path, else its label.
fn name(path: &PathRun, ctx: &Ctx<'_>) -> String {
    match path.kind {
        PathKind::Main => ctx.words.get(Word::MainPath).to_owned(),
        _ => sanitize::line(&path.label_in(ctx.words)).into_owned(),
    }
}

/// One entry of a list: its lines, the first one the entry's heading.
struct Entry {
    lines: Vec<Line<'static>>,
}

/// The first line to show so that entry `selected` is whole in `height` rows.
fn first_line(entries: &[Entry], selected: usize, height: usize) -> usize {
    let start: usize = entries[..selected.min(entries.len())]
        .iter()
        .map(|e| e.lines.len())
        .sum();
    let len = entries.get(selected).map_or(0, |e| e.lines.len());
    (start + len).saturating_sub(height).min(start)
}

/// A box centred over `area`, `lines_h` rows of content plus `footer` at the bottom: the
/// entries scrolled to keep `selected` in sight, each entry's rows clickable as `Row(i)`.
fn draw_box(
    area: Rect,
    buf: &mut Buffer,
    ctx: &Ctx<'_>,
    (title, footer): (String, Vec<Line<'static>>),
    entries: &[Entry],
    selected: usize,
) {
    let box_w = area.width.min(BOX_MAX);
    let body_lines: usize = entries.iter().map(|e| e.lines.len()).sum();
    let want = body_lines + footer.len() + 2;
    let rect = centred(area, box_w, u16::try_from(want).unwrap_or(u16::MAX));
    let body = overlay(rect, title, buf, ctx);
    let foot_h = u16::try_from(footer.len())
        .unwrap_or(0)
        .min(body.height.saturating_sub(1));
    let list = Rect {
        height: body.height - foot_h,
        ..body
    };
    let (skip, total) = draw_entries(list, buf, ctx, entries, selected);
    put_lines(
        Rect {
            y: list.y + list.height,
            height: foot_h,
            ..body
        },
        buf,
        &footer,
        0,
    );
    if skip > 0 || total > skip + usize::from(list.height) {
        let last = (skip + usize::from(list.height)).min(total);
        let hint = format!(" {}-{last} / {total} ", skip + 1);
        super::border_hint(rect, buf, &hint, ctx.theme.muted);
    }
}

/// Draws `entries` in `area`, scrolled so that `selected` is whole, each row clickable as its
/// entry; returns the first line drawn and the lines there are.
fn draw_entries(
    area: Rect,
    buf: &mut Buffer,
    ctx: &Ctx<'_>,
    entries: &[Entry],
    selected: usize,
) -> (usize, usize) {
    let height = usize::from(area.height);
    let skip = first_line(entries, selected, height);
    let rows = entries
        .iter()
        .enumerate()
        .flat_map(|(i, entry)| entry.lines.iter().map(move |l| (i, l)));
    let mut total = 0;
    for (line, (i, l)) in rows.enumerate() {
        total = line + 1;
        if line < skip || line - skip >= height {
            continue;
        }
        let y = area.y + u16::try_from(line - skip).unwrap_or(0);
        let row = Rect {
            y,
            height: 1,
            ..area
        };
        ctx.click(row, Click::Row(i));
        buf.set_line(area.x, y, l, area.width);
    }
    (skip, total)
}

/// The heading rows of an entry: `▶` and the selected style on the highlighted one, `right`
/// at the end of the first row. Text too long for its row wraps between words onto rows of
/// its own, under the text after the entry's `number`, so a title is never cut; `tail` (a
/// lesson's minutes) follows it after " · ", or alone on a row of its own when the last row
/// has no room for it.
fn heading(
    selected: bool,
    (number, text, tail): (&str, &str, Option<&str>),
    right: &str,
    w: usize,
    ctx: &Ctx<'_>,
) -> Vec<Line<'static>> {
    let t = ctx.theme;
    let (mark, style) = if selected {
        ("▶ ", t.current)
    } else {
        ("  ", t.heading)
    };
    let right_w = width(right);
    let hang = width(number);
    let room = w.saturating_sub(2 + hang + right_w + 1).max(1);
    let mut rows = wrap(text, room);
    let mut first = rows.remove(0);
    let indent = " ".repeat(2 + hang);
    let row_room = w.saturating_sub(2 + hang).max(1);
    let mut rest = if rows.is_empty() {
        Vec::new()
    } else {
        wrap(&rows.join(" "), row_room)
    };
    if let Some(tail) = tail {
        let with_tail = |row: &str, room: usize| width(row) + 3 + width(tail) <= room;
        match rest.last_mut() {
            Some(last) if with_tail(last, row_room) => last.push_str(&format!(" · {tail}")),
            None if with_tail(&first, room) => first.push_str(&format!(" · {tail}")),
            _ => rest.push(tail.to_owned()),
        }
    }
    let first = format!("{number}{}", pad(&first, room));
    let mut lines = vec![Line::from(vec![
        Span::styled(mark, t.changed),
        Span::styled(first, style),
        Span::raw(" "),
        Span::styled(right.to_owned(), t.visited),
    ])];
    for row in rest {
        lines.push(Line::from(vec![
            Span::raw(indent.clone()),
            Span::styled(row, style),
        ]));
    }
    lines
}

/// Indented, wrapped lines of an entry.
fn detail(text: &str, w: usize, style: Style) -> Vec<Line<'static>> {
    wrap(text, w.saturating_sub(5).max(10))
        .into_iter()
        .map(|l| Line::from(vec![Span::raw("     "), Span::styled(l, style)]))
        .collect()
}

/// The keys line at the bottom of a box.
fn keys(text: &str, w: usize, ctx: &Ctx<'_>) -> Vec<Line<'static>> {
    super::wrapped(text, u16::try_from(w).unwrap_or(u16::MAX), ctx.theme.key)
}

fn branches(area: Rect, buf: &mut Buffer, ctx: &Ctx<'_>, picking: Picking) {
    let app = ctx.app;
    let words = ctx.words;
    let w = usize::from(area.width.min(BOX_MAX).saturating_sub(2));
    let shown = app.path_index();
    let entries: Vec<Entry> = app
        .paths()
        .iter()
        .enumerate()
        .map(|(i, path)| {
            let right = if i == shown {
                format!("● {}", words.get(Word::BranchShown))
            } else {
                String::new()
            };
            let number = format!("{}  ", i + 1);
            let head = name(path, ctx);
            let mut lines = heading(
                i == picking.selected,
                (&number, &head, None),
                &right,
                w,
                ctx,
            );
            if let PathKind::Variant {
                description: Some(description),
                ..
            } = &path.kind
            {
                lines.extend(detail(&sanitize::line(description), w, ctx.theme.muted));
            }
            let ends = match (path.total(), path.outcome()) {
                (Some(total), Some(outcome)) => words.fill(
                    Word::BranchSteps,
                    &[
                        ("total", &total.to_string()),
                        ("outcome", &sanitize::line(outcome)),
                    ],
                ),
                _ => words.get(Word::BranchNotLaidOut).to_owned(),
            };
            lines.extend(detail(&ends, w, ctx.theme.visited));
            Entry { lines }
        })
        .collect();
    let title = words.fill(
        Word::BranchesTitle,
        &[
            ("n", &(shown + 1).to_string()),
            ("total", &app.paths().len().to_string()),
        ],
    );
    let footer = keys(words.get(Word::BranchesKeys), w, ctx);
    draw_box(area, buf, ctx, (title, footer), &entries, picking.selected);
}

/// "done", "at step 3 · quiz 1/3", "not started".
fn status_words(lesson: &Lesson, ctx: &Ctx<'_>) -> String {
    let words = ctx.words;
    match lesson.status {
        Status::Done => format!("✓ {}", words.get(Word::LessonDone)),
        Status::New => words.get(Word::LessonNew).to_owned(),
        Status::Started { step, first_try } => {
            let mut parts = Vec::new();
            if let Some(step) = step {
                parts.push(words.fill(Word::LessonStarted, &[("step", &step.to_string())]));
            }
            if lesson.questions > 0 {
                parts.push(words.fill(
                    Word::LessonQuizRight,
                    &[
                        ("right", &first_try.to_string()),
                        ("total", &lesson.questions.to_string()),
                    ],
                ));
            }
            parts.join(" · ")
        }
    }
}

fn lessons(area: Rect, buf: &mut Buffer, ctx: &Ctx<'_>, picking: Picking) {
    let app = ctx.app;
    let words = ctx.words;
    let w = usize::from(area.width.min(BOX_MAX).saturating_sub(2));
    let here = &app.scenario().file.scenario.id;
    let entries: Vec<Entry> = app
        .library()
        .iter()
        .enumerate()
        .map(|(i, lesson)| {
            let minutes = lesson
                .minutes
                .map(|m| words.fill(Word::Minutes, &[("n", &m.to_string())]));
            let right = if &lesson.id == here {
                format!("● {}", words.get(Word::LessonHere))
            } else {
                status_words(lesson, ctx)
            };
            let number = format!("{:>2}  ", i + 1);
            let head = sanitize::line(&lesson.title);
            let mut lines = heading(
                i == picking.selected,
                (&number, &head, minutes.as_deref()),
                &right,
                w,
                ctx,
            );
            lines.extend(detail(&sanitize::line(&lesson.teaches), w, ctx.theme.muted));
            let mut facts = Vec::new();
            if lesson.lab {
                facts.push(words.fill(Word::LessonLab, &[("id", &lesson.id)]));
            }
            if !lesson.needs.is_empty() {
                facts.push(words.fill(Word::LessonNeeds, &[("needs", &lesson.needs.join(", "))]));
            }
            if !facts.is_empty() {
                lines.extend(detail(&facts.join(" · "), w, ctx.theme.visited));
            }
            Entry { lines }
        })
        .collect();
    let done = app
        .library()
        .iter()
        .filter(|l| l.status == Status::Done)
        .count();
    let title = words.fill(
        Word::LessonsTitle,
        &[
            ("done", &done.to_string()),
            ("total", &app.library().len().to_string()),
        ],
    );
    let footer = keys(words.get(Word::LessonsKeys), w, ctx);
    draw_box(area, buf, ctx, (title, footer), &entries, picking.selected);
}

/// What a branch does at a step, as the table says it: the action, then Cognito's answer and
/// the result.
fn step_lines(frame: Option<&Frame>, number: usize, w: usize, ctx: &Ctx<'_>) -> Vec<String> {
    let Some(frame) = frame else {
        return wrap(
            &ctx.words
                .fill(Word::CompareNoStep, &[("n", &number.to_string())]),
            w,
        );
    };
    let row = &frame.row;
    let mut lines = wrap(&sanitize::line(&row.action), w);
    let answer = [row.response.as_str(), row.result.as_str()]
        .into_iter()
        .filter(|s| !s.is_empty())
        .map(|s| ctx.words.value(s).to_owned())
        .collect::<Vec<_>>()
        .join(" · ");
    lines.extend(wrap(&format!("→ {}", sanitize::line(&answer)), w));
    lines
}

/// Two branches side by side over the whole body: step by step, the first step that differs
/// marked, how each ends at the bottom.
fn compare(area: Rect, buf: &mut Buffer, ctx: &Ctx<'_>, comparing: Comparing) {
    let app = ctx.app;
    let t = ctx.theme;
    let words = ctx.words;
    let Some(other) = app.paths().get(comparing.other) else {
        return;
    };
    let (left_name, right_name) = (name(app.current(), ctx), name(other, ctx));
    ctx.cover(area);
    Clear.render(area, buf);
    let title = words.fill(
        Word::CompareTitle,
        &[("left", &left_name), ("right", &right_name)],
    );
    panel(title, area.width, t).render(area, buf);
    let body = inner(area);
    let w = usize::from(body.width);
    // Columns: "≠ 12 " then the two sides split by " │ ".
    let gutter = 5;
    let side = w.saturating_sub(gutter + 3) / 2;
    let rows = app.side_by_side(comparing.other);
    let differ = app.first_difference(comparing.other);
    let mut top = vec![Line::from(Span::styled(
        match differ {
            Some(n) => words.fill(Word::CompareDiverge, &[("n", &n.to_string())]),
            None => words.get(Word::CompareSame).to_owned(),
        },
        t.heading,
    ))];
    top.push(Line::from(vec![
        Span::raw(" ".repeat(gutter)),
        Span::styled(pad(&truncate(&left_name, side), side), t.visited),
        Span::styled(" │ ", t.border),
        Span::styled(truncate(&right_name, side), t.visited),
    ]));
    let ends = |path: &PathRun| {
        words.fill(
            Word::CompareEnds,
            &[(
                "outcome",
                &sanitize::line(path.outcome().unwrap_or(words.get(Word::BranchNotLaidOut))),
            )],
        )
    };
    let (left_end, right_end) = (wrap(&ends(app.current()), side), wrap(&ends(other), side));
    let mut bottom = Vec::new();
    for i in 0..left_end.len().max(right_end.len()) {
        bottom.push(Line::from(vec![
            Span::raw(" ".repeat(gutter)),
            Span::styled(
                pad(left_end.get(i).map_or("", String::as_str), side),
                t.note,
            ),
            Span::styled(" │ ", t.border),
            Span::styled(right_end.get(i).cloned().unwrap_or_default(), t.note),
        ]));
    }
    bottom.extend(keys(
        &words.fill(Word::CompareKeys, &[("right", &right_name)]),
        w,
        ctx,
    ));
    let entries: Vec<Entry> = rows
        .iter()
        .enumerate()
        .map(|(i, row)| {
            let (a, b) = (
                step_lines(row.left, row.number, side, ctx),
                step_lines(row.right, row.number, side, ctx),
            );
            let selected = i == comparing.row;
            let first_differ = differ == Some(row.number);
            let mark = if first_differ { "≠" } else { " " };
            let style = if selected { t.current } else { Style::new() };
            let lines = (0..a.len().max(b.len()))
                .map(|j| {
                    let lead = if j == 0 {
                        format!("{mark}{:>3} ", row.number)
                    } else {
                        " ".repeat(gutter)
                    };
                    let side_style = |same: bool| if same { style } else { style.patch(t.changed) };
                    Line::from(vec![
                        Span::styled(lead, if first_differ { t.bad } else { t.muted }),
                        Span::styled(
                            pad(a.get(j).map_or("", String::as_str), side),
                            side_style(row.same()),
                        ),
                        Span::styled(" │ ", t.border),
                        Span::styled(
                            pad(b.get(j).map_or("", String::as_str), side),
                            side_style(row.same()),
                        ),
                    ])
                })
                .collect();
            Entry { lines }
        })
        .collect();
    let top_h = u16::try_from(top.len()).unwrap_or(0).min(body.height);
    put_lines(body, buf, &top, 0);
    let list = Rect {
        y: body.y + top_h,
        height: body.height - top_h,
        ..body
    };
    let bottom_h = u16::try_from(bottom.len())
        .unwrap_or(0)
        .min(list.height.saturating_sub(2));
    let rows_area = Rect {
        height: list.height - bottom_h,
        ..list
    };
    draw_entries(rows_area, buf, ctx, &entries, comparing.row);
    put_lines(
        Rect {
            y: rows_area.y + rows_area.height,
            height: bottom_h,
            ..list
        },
        buf,
        &bottom,
        0,
    );
}
