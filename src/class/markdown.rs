//! The class report as Markdown: the same sections as the text report, as tables.

use std::fmt::Write as _;

use super::text::{count, first_try_words, format_hints, readable_time, summary};
use super::{LessonReport, Report, branch_label, lesson_heading, wrong_choice_label};
use crate::sanitize;
use crate::transcript::doc::{md_escape as escape, md_table as push_table};

/// The report as a Markdown document.
#[must_use]
pub fn render(report: &Report) -> String {
    let mut out = String::new();
    let _ = writeln!(out, "# Class report\n\n{}.\n", escape(&summary(report)));
    if !report.warnings.is_empty() {
        let _ = writeln!(out, "Skipped:\n");
        for warning in &report.warnings {
            let _ = writeln!(out, "- {}", escape(&sanitize::line(warning)));
        }
        out.push('\n');
    }
    if report.lessons.is_empty() {
        let _ = writeln!(out, "No quiz answers or predictions in these files.");
    }
    for lesson in &report.lessons {
        push_lesson(&mut out, lesson);
    }
    out
}

fn push_lesson(out: &mut String, lesson: &LessonReport) {
    let _ = writeln!(
        out,
        "## {}\n\n{}.\n",
        escape(&sanitize::line(&lesson_heading(lesson))),
        count(lesson.learner_count, "learner")
    );
    if !lesson.questions.is_empty() {
        let _ = writeln!(out, "### Questions\n");
        let header = [
            "Question",
            "Answered",
            "Right the first time",
            "After hints",
            "Revealed",
            "Still wrong",
            "Never answered",
            "Median hints",
            "Most chosen wrong answer",
        ]
        .map(String::from);
        let rows: Vec<[String; 9]> = lesson
            .questions
            .iter()
            .map(|q| {
                let name = match &q.prompt {
                    Some(p) => format!("{}: {}", q.question_id, p.trim()),
                    None => q.question_id.clone(),
                };
                [
                    sanitize::line(&name).into_owned(),
                    q.answered.to_string(),
                    q.first_try_right_pct.map_or_else(
                        || "–".to_owned(),
                        |p| format!("{} ({p}%)", q.first_try_right),
                    ),
                    q.after_hints.to_string(),
                    q.revealed.to_string(),
                    q.still_wrong.to_string(),
                    q.never_answered.to_string(),
                    q.median_hints.map_or_else(|| "–".to_owned(), format_hints),
                    q.top_wrong_choice.as_ref().map_or_else(
                        || "–".to_owned(),
                        |c| sanitize::line(&wrong_choice_label(c)).into_owned(),
                    ),
                ]
            })
            .collect();
        push_table(out, &header, &rows);
    }
    if !lesson.predictions.is_empty() {
        let _ = writeln!(out, "### Predictions\n");
        let header = [
            "Step",
            "Branch",
            "Prediction",
            "Right",
            "Wrong",
            "Skipped",
            "Not reached",
        ]
        .map(String::from);
        let rows: Vec<[String; 7]> = lesson
            .predictions
            .iter()
            .map(|p| {
                [
                    p.step.to_string(),
                    sanitize::line(&branch_label(p.variant.as_deref())).into_owned(),
                    sanitize::line(p.prompt.as_deref().unwrap_or("–")).into_owned(),
                    p.right.to_string(),
                    p.wrong.to_string(),
                    p.skipped.to_string(),
                    p.not_reached.to_string(),
                ]
            })
            .collect();
        push_table(out, &header, &rows);
    }
    if !lesson.learners.is_empty() {
        let _ = writeln!(out, "### Learners\n");
        let header = [
            "Learner",
            "Right the first time",
            "Hints",
            "Reveals",
            "Predictions right",
            "Last activity",
        ]
        .map(String::from);
        let rows: Vec<[String; 6]> = lesson
            .learners
            .iter()
            .map(|l| {
                let pct = l
                    .first_try_right_pct
                    .map_or_else(String::new, |p| format!(" ({p}%)"));
                [
                    sanitize::line(&l.learner).into_owned(),
                    format!("{} of {}{pct}", l.first_try_right, l.questions),
                    l.hints.to_string(),
                    l.reveals.to_string(),
                    format!("{} of {}", l.predictions_right, l.predictions_made),
                    readable_time(&l.last_activity),
                ]
            })
            .collect();
        push_table(out, &header, &rows);
    }
    let attention = &lesson.needs_attention;
    if !attention.questions.is_empty() || !attention.learners.is_empty() {
        let _ = writeln!(
            out,
            "### Needs attention\n\nUnder {}% right the first time:\n",
            super::ATTENTION_PCT
        );
        for q in lesson
            .questions
            .iter()
            .filter(|q| attention.questions.contains(&q.question_id))
        {
            let _ = writeln!(
                out,
                "- question {}: {}",
                escape(&sanitize::line(&q.question_id)),
                first_try_words(q)
            );
        }
        for l in lesson
            .learners
            .iter()
            .filter(|l| attention.learners.contains(&l.learner))
        {
            let _ = writeln!(
                out,
                "- {}: {} of {} questions right the first time ({}%)",
                escape(&sanitize::line(&l.learner)),
                l.first_try_right,
                l.questions,
                l.first_try_right_pct.unwrap_or(0)
            );
        }
        out.push('\n');
    }
}
