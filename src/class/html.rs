//! The class report as one self-contained HTML page (see [`crate::page`]): per question an
//! inline SVG stacked bar, then the same tables as the other formats. No script is needed to
//! read it, nothing is fetched, and it prints.

use std::fmt::Write as _;

use super::text::{
    LEGEND, cells, count, first_try_words, format_hints, outcome_words, readable_time, segments,
    summary,
};
use super::{
    LessonReport, QuestionStats, Report, branch_label, lesson_heading, wrong_choice_label,
};
use crate::page::{self, escape};

/// Bar fills, in [`LEGEND`] order: distinct in lightness as well as hue, so they stay apart
/// in greyscale print and for colour-blind readers; each segment also carries its count.
const FILLS: [&str; 5] = ["#1b7837", "#7fbf7b", "#f1a340", "#b2182b", "#d9d9d9"];
/// Text on each fill.
const INKS: [&str; 5] = ["#fff", "#000", "#000", "#fff", "#000"];

/// The width of a bar in SVG user units (pixels on screen).
const BAR_WIDTH: usize = 480;
const BAR_HEIGHT: usize = 22;

const CSS: &str = "\
.summary { font-size: 1.05rem; }
.warnings { border-left: 4px solid #b2182b; padding: .2rem .7rem; background: #fbeaea; }
.legend { display: flex; flex-wrap: wrap; gap: .3rem 1rem; font-size: .9rem; margin: .3rem 0 .6rem; }
.legend span::before { content: ''; display: inline-block; width: .9em; height: .9em; margin-right: .3em;
  vertical-align: -.1em; border: 1px solid #555; background: var(--fill); }
.question { margin: .8rem 0 1rem; }
.question h4 { margin-bottom: .25rem; }
.question h4 code { font-weight: bold; margin-right: .4rem; }
.question svg { display: block; max-width: 100%; height: auto; margin: .2rem 0; }
.attention li { margin: .15rem 0; }
";

/// The page.
#[must_use]
pub fn render(report: &Report) -> String {
    let mut body = String::new();
    let title = match report.lessons.as_slice() {
        [one] => format!("Class report: {}", one.scenario_id),
        _ => "Class report".to_owned(),
    };
    let _ = writeln!(
        body,
        "<header>\n<h1>{}</h1>\n<p class=\"summary\">{}.</p>\n</header>",
        escape(&title),
        escape(&summary(report))
    );
    if !report.warnings.is_empty() {
        body.push_str("<div class=\"warnings\">\n<p>Skipped:</p>\n<ul>\n");
        for warning in &report.warnings {
            let _ = writeln!(body, "<li><code>{}</code></li>", escape(warning));
        }
        body.push_str("</ul>\n</div>\n");
    }
    if report.lessons.is_empty() {
        body.push_str("<p>No quiz answers or predictions in these files.</p>\n");
    }
    for lesson in &report.lessons {
        push_lesson(&mut body, lesson);
    }
    // The class report's words are English.
    page::document(crate::words::Language::En, &title, CSS, &body)
}

/// One question's stacked bar: each outcome a rectangle with its count inside when it fits,
/// and the whole described for screen readers.
#[must_use]
pub fn svg_bar(q: &QuestionStats) -> String {
    let counts = segments(q);
    let widths = cells(&counts, BAR_WIDTH);
    let described: Vec<String> = counts
        .iter()
        .zip(LEGEND)
        .filter(|(n, _)| **n > 0)
        .map(|(n, (_, what))| format!("{what} {n}"))
        .collect();
    let label = format!("{}: {}", q.question_id, described.join(", "));
    let mut out = format!(
        "<svg role=\"img\" aria-label=\"{0}\" viewBox=\"0 0 {BAR_WIDTH} {BAR_HEIGHT}\" \
         width=\"{BAR_WIDTH}\" height=\"{BAR_HEIGHT}\"><title>{0}</title>",
        escape(&label)
    );
    let mut x = 0;
    for (i, (&w, &n)) in widths.iter().zip(&counts).enumerate() {
        if w == 0 {
            continue;
        }
        let _ = write!(
            out,
            "<rect x=\"{x}\" y=\"0\" width=\"{w}\" height=\"{BAR_HEIGHT}\" fill=\"{}\" stroke=\"#fff\" stroke-width=\"1\"/>",
            FILLS[i]
        );
        let digits = n.to_string();
        if w >= 8 * digits.len() + 6 {
            let _ = write!(
                out,
                "<text x=\"{}\" y=\"{}\" font-size=\"13\" text-anchor=\"middle\" fill=\"{}\" font-family=\"sans-serif\">{digits}</text>",
                x + w / 2,
                BAR_HEIGHT / 2 + 5,
                INKS[i]
            );
        }
        x += w;
    }
    out.push_str("</svg>");
    out
}

fn legend() -> String {
    let mut out = String::from("<p class=\"legend\">");
    for ((_, what), fill) in LEGEND.iter().zip(FILLS) {
        let _ = write!(
            out,
            "<span style=\"--fill: {fill}\">{}</span>",
            escape(what)
        );
    }
    out.push_str("</p>\n");
    out
}

fn push_lesson(body: &mut String, lesson: &LessonReport) {
    let _ = writeln!(
        body,
        "<section class=\"lesson\">\n<h2>{}</h2>\n<p>{}.</p>",
        escape(&lesson_heading(lesson)),
        escape(&count(lesson.learner_count, "learner"))
    );
    if !lesson.questions.is_empty() {
        body.push_str("<h3>Questions</h3>\n");
        body.push_str(&legend());
        for q in &lesson.questions {
            let prompt = q
                .prompt
                .as_ref()
                .map_or_else(String::new, |p| escape(p.trim()));
            let _ = writeln!(
                body,
                "<figure class=\"question keep\">\n<h4><code>{}</code>{prompt}</h4>\n{}\n\
                 <p><strong>{}</strong>; {}.</p>",
                escape(&q.question_id),
                svg_bar(q),
                escape(&first_try_words(q)),
                escape(&outcome_words(q))
            );
            if let Some(choice) = &q.top_wrong_choice {
                let _ = writeln!(
                    body,
                    "<p>Most chosen wrong answer: {}</p>",
                    escape(&wrong_choice_label(choice))
                );
            }
            body.push_str("</figure>\n");
        }
        let rows: Vec<Vec<String>> = lesson
            .questions
            .iter()
            .map(|q| {
                vec![
                    q.question_id.clone(),
                    q.answered.to_string(),
                    q.first_try_right.to_string(),
                    q.first_try_right_pct
                        .map_or_else(|| "–".to_owned(), |p| format!("{p}%")),
                    q.after_hints.to_string(),
                    q.revealed.to_string(),
                    q.still_wrong.to_string(),
                    q.never_answered.to_string(),
                    q.median_hints.map_or_else(|| "–".to_owned(), format_hints),
                ]
            })
            .collect();
        body.push_str(&page::table(
            &[
                "Question",
                "Answered",
                "Right first time",
                "%",
                "After hints",
                "Revealed",
                "Still wrong",
                "Never answered",
                "Median hints",
            ],
            &rows,
            &[1, 2, 3, 4, 5, 6, 7, 8],
        ));
    }
    if !lesson.predictions.is_empty() {
        body.push_str("<h3>Predictions</h3>\n");
        let rows: Vec<Vec<String>> = lesson
            .predictions
            .iter()
            .map(|p| {
                vec![
                    p.step.to_string(),
                    branch_label(p.variant.as_deref()),
                    p.prompt.clone().unwrap_or_else(|| "–".to_owned()),
                    p.right.to_string(),
                    p.wrong.to_string(),
                    p.skipped.to_string(),
                    p.not_reached.to_string(),
                ]
            })
            .collect();
        body.push_str(&page::table(
            &[
                "Step",
                "Branch",
                "Prediction",
                "Right",
                "Wrong",
                "Skipped",
                "Not reached",
            ],
            &rows,
            &[0, 3, 4, 5, 6],
        ));
    }
    if !lesson.learners.is_empty() {
        body.push_str("<h3>Learners</h3>\n");
        let rows: Vec<Vec<String>> = lesson
            .learners
            .iter()
            .map(|l| {
                vec![
                    l.learner.clone(),
                    format!("{} of {}", l.first_try_right, l.questions),
                    l.first_try_right_pct
                        .map_or_else(|| "–".to_owned(), |p| format!("{p}%")),
                    l.hints.to_string(),
                    l.reveals.to_string(),
                    format!("{} of {}", l.predictions_right, l.predictions_made),
                    l.predictions_skipped.to_string(),
                    readable_time(&l.last_activity),
                ]
            })
            .collect();
        body.push_str(&page::table(
            &[
                "Learner",
                "Right first time",
                "%",
                "Hints",
                "Reveals",
                "Predictions right",
                "Skipped",
                "Last activity",
            ],
            &rows,
            &[1, 2, 3, 4, 5, 6],
        ));
    }
    let attention = &lesson.needs_attention;
    if !attention.questions.is_empty() || !attention.learners.is_empty() {
        let _ = writeln!(
            body,
            "<h3>Needs attention</h3>\n<p>Under {}% right the first time:</p>\n<ul class=\"attention\">",
            super::ATTENTION_PCT
        );
        for q in lesson
            .questions
            .iter()
            .filter(|q| attention.questions.contains(&q.question_id))
        {
            let _ = writeln!(
                body,
                "<li>question <code>{}</code>: {}</li>",
                escape(&q.question_id),
                escape(&first_try_words(q))
            );
        }
        for l in lesson
            .learners
            .iter()
            .filter(|l| attention.learners.contains(&l.learner))
        {
            let _ = writeln!(
                body,
                "<li>{}: {} of {} questions right the first time ({}%)</li>",
                escape(&l.learner),
                l.first_try_right,
                l.questions,
                l.first_try_right_pct.unwrap_or(0)
            );
        }
        body.push_str("</ul>\n");
    }
    body.push_str("</section>\n");
}
