//! The class report as terminal text: aligned tables and stacked bars of block characters,
//! fitted to a width. In plain mode (screen readers, `TERM=dumb`) the bars are left out and
//! every number is said in words; nothing else changes.

use std::fmt::Write as _;

use unicode_width::UnicodeWidthStr;

use super::{
    LessonReport, QuestionStats, Report, branch_label, lesson_heading, wrong_choice_label,
};
use crate::sanitize;

/// How to draw.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Style {
    /// Columns available (at least 40 are used).
    pub width: usize,
    /// No bars: words only.
    pub plain: bool,
}

/// The glyphs of a question's stacked bar, in [`segments`] order, and what each means. Each
/// is a different shade, so the bar reads without colour.
pub const LEGEND: [(char, &str); 5] = [
    ('█', "right the first time"),
    ('▓', "after hints"),
    ('▒', "revealed"),
    ('░', "still wrong"),
    ('·', "never answered"),
];

/// A question's learners in bar order: first try, after hints, revealed, still wrong, never.
#[must_use]
pub fn segments(q: &QuestionStats) -> [usize; 5] {
    [
        q.first_try_right,
        q.after_hints,
        q.revealed,
        q.still_wrong,
        q.never_answered,
    ]
}

/// Splits `width` cells among `counts` in proportion, so they add up to `width` exactly
/// (largest remainder), and a count above 0 gets at least a cell when there is room.
#[must_use]
pub fn cells(counts: &[usize], width: usize) -> Vec<usize> {
    let total: usize = counts.iter().sum();
    if total == 0 {
        return vec![0; counts.len()];
    }
    let mut out: Vec<usize> = counts.iter().map(|c| c * width / total).collect();
    let mut rest: Vec<(usize, usize)> = counts
        .iter()
        .enumerate()
        .map(|(i, c)| (c * width % total, i))
        .collect();
    rest.sort_by(|a, b| b.0.cmp(&a.0).then(a.1.cmp(&b.1)));
    let short = width - out.iter().sum::<usize>();
    for &(_, i) in rest.iter().take(short) {
        out[i] += 1;
    }
    // A tiny but real share stays visible, taken from the largest.
    for i in 0..counts.len() {
        if counts[i] > 0 && out[i] == 0 {
            let (big, _) = out
                .iter()
                .enumerate()
                .max_by_key(|(_, w)| **w)
                .unwrap_or((0, &0));
            if out[big] > 1 {
                out[big] -= 1;
                out[i] = 1;
            }
        }
    }
    out
}

/// A stacked bar of `width` cells.
#[must_use]
pub fn bar(counts: &[usize; 5], width: usize) -> String {
    cells(counts, width)
        .iter()
        .zip(LEGEND)
        .map(|(n, (glyph, _))| glyph.to_string().repeat(*n))
        .collect()
}

/// `text` padded with spaces to `width` columns, or cut with `…` to fit (between grapheme
/// clusters: [`crate::columns::pad`]).
#[must_use]
pub fn fit(text: &str, width: usize) -> String {
    crate::columns::pad(text, width)
}

/// `text` wrapped at spaces to lines of at most `width` columns; a word longer than a line
/// (a path) is broken between grapheme clusters. Blank text gives no lines.
#[must_use]
pub fn wrap(text: &str, width: usize) -> Vec<String> {
    let words: Vec<&str> = text.split_whitespace().collect();
    if words.is_empty() {
        return Vec::new();
    }
    crate::columns::wrap(&words.join(" "), width)
}

/// `2026-01-15T09:00:00Z` as `2026-01-15 09:00 UTC`.
#[must_use]
pub fn readable_time(rfc3339: &str) -> String {
    match (rfc3339.get(..10), rfc3339.get(11..16)) {
        (Some(day), Some(time)) if rfc3339.ends_with('Z') => format!("{day} {time} UTC"),
        _ => rfc3339.to_owned(),
    }
}

/// "1 learner", "3 learners".
#[must_use]
pub fn count(n: usize, noun: &str) -> String {
    if n == 1 {
        format!("{n} {noun}")
    } else {
        format!("{n} {noun}s")
    }
}

/// The opening line: what was read.
#[must_use]
pub fn summary(report: &Report) -> String {
    let mut learners: Vec<&str> = report
        .lessons
        .iter()
        .flat_map(|l| l.learners.iter().map(|s| s.learner.as_str()))
        .collect();
    learners.sort_unstable();
    learners.dedup();
    let mut extra = Vec::new();
    if report.files_skipped > 0 {
        extra.push(format!("{} skipped", report.files_skipped));
    }
    if report.duplicate_rows > 0 {
        extra.push(format!(
            "{} counted once",
            count(report.duplicate_rows, "duplicate row")
        ));
    }
    let extra = if extra.is_empty() {
        String::new()
    } else {
        format!(" ({})", extra.join(", "))
    };
    format!(
        "{} in {}, from {}{extra}",
        count(learners.len(), "learner"),
        count(report.lessons.len(), "lesson"),
        count(report.files_read + report.files_skipped, "file"),
    )
}

/// One question's outcome counts in words.
#[must_use]
pub fn outcome_words(q: &QuestionStats) -> String {
    let median = q
        .median_hints
        .map_or_else(|| "none".to_owned(), format_hints);
    format!(
        "after hints {}, revealed {}, still wrong {}, never answered {}; median hints {median}",
        q.after_hints, q.revealed, q.still_wrong, q.never_answered
    )
}

/// A median hint count: `1`, `1.5`.
#[must_use]
pub fn format_hints(m: f64) -> String {
    if m.fract() == 0.0 {
        format!("{m:.0}")
    } else {
        format!("{m:.1}")
    }
}

/// "21 of 30 (70%)" right the first time, of those who answered.
#[must_use]
pub fn first_try_words(q: &QuestionStats) -> String {
    match q.first_try_right_pct {
        Some(pct) => format!(
            "{} of {} right the first time ({pct}%)",
            q.first_try_right, q.answered
        ),
        None => "nobody answered".to_owned(),
    }
}

/// The report as text.
#[must_use]
pub fn render(report: &Report, style: Style) -> String {
    let width = style.width.max(40);
    let mut out = String::new();
    let _ = writeln!(out, "Class report: {}", summary(report));
    for warning in &report.warnings {
        let said = format!("skipped: {}", sanitize::line(warning));
        for (i, line) in wrap(&said, width - 4).iter().enumerate() {
            let indent = if i == 0 { "  " } else { "    " };
            let _ = writeln!(out, "{indent}{line}");
        }
    }
    if report.lessons.is_empty() {
        let _ = writeln!(out, "\nNo quiz answers or predictions in these files.");
    }
    for lesson in &report.lessons {
        out.push('\n');
        push_lesson(&mut out, lesson, width, style.plain);
    }
    out
}

fn push_lesson(out: &mut String, lesson: &LessonReport, width: usize, plain: bool) {
    let heading = sanitize::line(&lesson_heading(lesson)).into_owned();
    for line in wrap(&heading, width) {
        let _ = writeln!(out, "{line}");
    }
    let _ = writeln!(out, "{}", "=".repeat(heading.width().min(width)));
    let _ = writeln!(out, "{}", count(lesson.learner_count, "learner"));
    if !lesson.questions.is_empty() {
        let _ = writeln!(out, "\nQuestions");
        if !plain {
            let legend: Vec<String> = LEGEND
                .iter()
                .map(|(g, what)| format!("{g} {what}"))
                .collect();
            for line in wrap(&legend.join("  "), width - 2) {
                let _ = writeln!(out, "  {line}");
            }
        }
        for q in &lesson.questions {
            push_question(out, q, width, plain);
        }
    }
    if !lesson.predictions.is_empty() {
        let _ = writeln!(out, "\nPredictions");
        for p in &lesson.predictions {
            let mut head = format!("step {}, {}", p.step, branch_label(p.variant.as_deref()));
            if let Some(prompt) = &p.prompt {
                let _ = write!(head, ": {prompt}");
            }
            for (i, line) in wrap(&sanitize::line(&head), width - 2).iter().enumerate() {
                let indent = if i == 0 { "  " } else { "    " };
                let _ = writeln!(out, "{indent}{line}");
            }
            let _ = writeln!(
                out,
                "    right {}, wrong {}, skipped {}, not reached {}",
                p.right, p.wrong, p.skipped, p.not_reached
            );
        }
    }
    if !lesson.learners.is_empty() {
        out.push('\n');
        push_learners(out, lesson, width);
    }
    push_attention(out, lesson, width);
}

fn push_question(out: &mut String, q: &QuestionStats, width: usize, plain: bool) {
    let head = match &q.prompt {
        Some(prompt) => format!("{}  {}", q.question_id, prompt.trim()),
        None => q.question_id.clone(),
    };
    for (i, line) in wrap(&sanitize::line(&head), width - 2).iter().enumerate() {
        let indent = if i == 0 { "  " } else { "      " };
        let _ = writeln!(out, "{indent}{line}");
    }
    let words = first_try_words(q);
    if plain {
        let _ = writeln!(out, "    {words}");
    } else {
        // The bar takes what the words leave, between 10 and 40 cells.
        let room = width.saturating_sub(4 + 2 + words.width());
        let cells = room.clamp(10, 40);
        let _ = writeln!(out, "    {}  {words}", bar(&segments(q), cells));
    }
    for line in wrap(&outcome_words(q), width - 4) {
        let _ = writeln!(out, "    {line}");
    }
    if let Some(choice) = &q.top_wrong_choice {
        let text = format!("most chosen wrong answer: {}", wrong_choice_label(choice));
        for line in wrap(&sanitize::line(&text), width - 4) {
            let _ = writeln!(out, "    {line}");
        }
    }
}

/// The per-learner table, its name column cut to fit `width`.
fn push_learners(out: &mut String, lesson: &LessonReport, width: usize) {
    let header = [
        "first try",
        "hints",
        "reveals",
        "predictions",
        "last activity",
    ];
    let rows: Vec<[String; 5]> = lesson
        .learners
        .iter()
        .map(|l| {
            let pct = l
                .first_try_right_pct
                .map_or_else(String::new, |p| format!(" {p:>3}%"));
            [
                format!("{} of {}{pct}", l.first_try_right, l.questions),
                l.hints.to_string(),
                l.reveals.to_string(),
                format!("{} of {}", l.predictions_right, l.predictions_made),
                readable_time(&l.last_activity),
            ]
        })
        .collect();
    let mut widths: Vec<usize> = header.iter().map(|h| h.width()).collect();
    for row in &rows {
        for (w, cell) in widths.iter_mut().zip(row) {
            *w = (*w).max(cell.width());
        }
    }
    // Drop the time column before squeezing names below 12 columns.
    let rest = |cols: usize| widths[..cols].iter().map(|w| w + 2).sum::<usize>();
    let names = lesson
        .learners
        .iter()
        .map(|l| sanitize::line(&l.learner).width())
        .max()
        .unwrap_or(0)
        .max("Learner".len());
    let cols = if width >= rest(5) + 12 { 5 } else { 4 };
    let name_width = names.min(width.saturating_sub(rest(cols)).max(8));
    let mut line = fit("Learner", name_width);
    for (h, w) in header.iter().zip(&widths).take(cols) {
        let _ = write!(line, "  {}", fit(h, *w));
    }
    let _ = writeln!(out, "{}", line.trim_end());
    for (l, row) in lesson.learners.iter().zip(&rows) {
        let mut line = fit(&sanitize::line(&l.learner), name_width);
        for (i, (cell, w)) in row.iter().zip(&widths).take(cols).enumerate() {
            // Counts right-aligned, words left.
            let cell = if matches!(i, 1 | 2) {
                format!("{cell:>w$}", w = *w)
            } else {
                fit(cell, *w)
            };
            let _ = write!(line, "  {cell}");
        }
        let _ = writeln!(out, "{}", line.trim_end());
    }
}

fn push_attention(out: &mut String, lesson: &LessonReport, width: usize) {
    let attention = &lesson.needs_attention;
    if attention.questions.is_empty() && attention.learners.is_empty() {
        return;
    }
    let _ = writeln!(
        out,
        "\nNeeds attention (under {}% right the first time)",
        super::ATTENTION_PCT
    );
    let mut lines = Vec::new();
    for id in &attention.questions {
        if let Some(q) = lesson.questions.iter().find(|q| &q.question_id == id) {
            lines.push(format!("question {id}: {}", first_try_words(q)));
        }
    }
    for name in &attention.learners {
        if let Some(l) = lesson.learners.iter().find(|l| &l.learner == name) {
            lines.push(format!(
                "{name}: {} of {} questions right the first time ({}%)",
                l.first_try_right,
                l.questions,
                l.first_try_right_pct.unwrap_or(0)
            ));
        }
    }
    for line in lines {
        for (i, part) in wrap(&sanitize::line(&line), width - 4).iter().enumerate() {
            let indent = if i == 0 { "  - " } else { "    " };
            let _ = writeln!(out, "{indent}{part}");
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cells_add_up_and_keep_small_shares_visible() {
        let cases: &[(&[usize], usize, &[usize])] = &[
            (&[1, 1], 10, &[5, 5]),
            (&[2, 1], 10, &[7, 3]),
            (&[1, 1, 1], 10, &[4, 3, 3]),
            (&[29, 1, 0, 0, 0], 20, &[19, 1, 0, 0, 0]),
            (&[100, 1], 10, &[9, 1]),
            (&[0, 0], 10, &[0, 0]),
            (&[3, 0, 0, 0, 0], 7, &[7, 0, 0, 0, 0]),
        ];
        for (counts, width, want) in cases {
            let got = cells(counts, *width);
            assert_eq!(&got, want, "{counts:?} in {width}");
            if counts.iter().sum::<usize>() > 0 {
                assert_eq!(got.iter().sum::<usize>(), *width);
            }
        }
    }

    #[test]
    fn text_fits_and_wraps() {
        assert_eq!(fit("Ana", 5), "Ana  ");
        assert_eq!(fit("Anastasia", 5), "Anas…");
        assert_eq!(fit("李小龍李小龍", 7), "李小龍…");
        assert_eq!(fit("李小龍李小龍", 7).width(), 7);
        assert_eq!(wrap("one two three four", 9), ["one two", "three", "four"]);
        assert_eq!(wrap("", 9), Vec::<String>::new());
        assert_eq!(
            wrap("a /very/long/path", 6),
            ["a", "/very/", "long/", "path"]
        );
        assert_eq!(
            readable_time("2026-01-15T09:00:00Z"),
            "2026-01-15 09:00 UTC"
        );
        assert_eq!(readable_time("soon"), "soon");
        assert_eq!(format_hints(1.0), "1");
        assert_eq!(format_hints(1.5), "1.5");
    }
}
