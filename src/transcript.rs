//! The whole run without a terminal UI: text and Markdown following the seed page's sections,
//! and a JSON trace for tools and tests. Deterministic for a given seed (no timings).

pub mod doc;
mod handout;
mod html;
mod json;
mod markdown;
mod text;

use std::borrow::Cow;

use crate::flow::diagram;
pub use crate::flow::vars::{abbreviate, shorten_json};
use crate::flow::{Frame, Run};
use crate::scenario::Scenario;
use crate::words::{Word, Words};

pub use html::html;
pub use json::json;
pub use markdown::markdown;
pub use text::text;

/// What a transcript includes besides the run.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Options {
    /// Show the quiz answers and explanations.
    pub answers: bool,
    /// Leave the quiz's hints out (on paper they give answers away).
    pub no_hints: bool,
    /// A student's handout (Markdown and HTML): no answers, no raw requests and responses,
    /// no run details; the run's tables, the moments, the quiz with lines to write answers
    /// on, the snapshot.
    pub student: bool,
}

/// The earliest and latest epoch seconds read as times: 2001-09-09 to 2099-12-31.
const EPOCH_RANGE: std::ops::Range<u64> = 1_000_000_000..4_102_444_800;

/// `text` with every ten-digit number that reads as epoch seconds (`exp: expires at
/// 1768471200`) written as a UTC time (`2026-01-15 10:00:00 UTC`), for handouts people read.
/// A number that is part of a word or a longer number (an id) is left alone.
#[must_use]
pub fn readable_times(text: &str) -> Cow<'_, str> {
    let bytes = text.as_bytes();
    let mut out = String::new();
    let mut copied = 0;
    let mut i = 0;
    while i < bytes.len() {
        if !bytes[i].is_ascii_digit() {
            i += 1;
            continue;
        }
        let start = i;
        while i < bytes.len() && bytes[i].is_ascii_digit() {
            i += 1;
        }
        let joined = |b: Option<&u8>| {
            b.is_some_and(|c| c.is_ascii_alphanumeric() || matches!(c, b'_' | b'.' | b'-'))
        };
        let alone =
            !joined(start.checked_sub(1).and_then(|p| bytes.get(p))) && !joined(bytes.get(i));
        let value = text[start..i]
            .parse::<u64>()
            .ok()
            .filter(|v| EPOCH_RANGE.contains(v));
        if let (true, 10, Some(value)) = (alone, i - start, value) {
            out.push_str(&text[copied..start]);
            out.push_str(&crate::flow::time::format_utc(value));
            copied = i;
        }
    }
    if copied == 0 {
        Cow::Borrowed(text)
    } else {
        out.push_str(&text[copied..]);
        Cow::Owned(out)
    }
}

/// The fields of a request or response that hold times (whole numbers of epoch seconds, as
/// `UserCreateDate` and JWT `exp` are), as (key, seconds), in document order.
#[must_use]
pub fn time_fields(value: &serde_json::Value) -> Vec<(String, u64)> {
    fn walk(key: &str, value: &serde_json::Value, out: &mut Vec<(String, u64)>) {
        match value {
            serde_json::Value::Number(n) => {
                if let Some(v) = n.as_u64().filter(|v| EPOCH_RANGE.contains(v)) {
                    out.push((key.to_owned(), v));
                }
            }
            serde_json::Value::Object(map) => {
                for (k, v) in map {
                    walk(k, v, out);
                }
            }
            serde_json::Value::Array(items) => {
                for v in items {
                    walk(key, v, out);
                }
            }
            _ => {}
        }
    }
    let mut out = Vec::new();
    walk("", value, &mut out);
    out
}

/// The seed page's heading line, e.g. "Cognito for user authentication in AWS - Step-by-Step Execution".
fn heading(scenario: &Scenario, words: &Words) -> String {
    words.fill(
        Word::DocHeading,
        &[("title", &scenario.file.scenario.title)],
    )
}

/// "AWS · ~10 mins · main path · seed 1".
fn subheading(scenario: &Scenario, run: &Run, words: &Words) -> String {
    let branch = branch_name(scenario, run, words);
    meta_line(scenario, &branch, run.seed, words)
}

/// The topic, the minutes, `branches` and the seed, joined by ` · `.
fn meta_line(scenario: &Scenario, branches: &str, seed: u64, words: &Words) -> String {
    let meta = &scenario.file.scenario;
    let mut parts: Vec<String> = meta.topic.iter().cloned().collect();
    parts.extend(
        meta.minutes
            .map(|n| words.fill(Word::DocMinutes, &[("n", &n.to_string())])),
    );
    parts.push(branches.to_owned());
    parts.push(words.fill(Word::DocSeed, &[("n", &seed.to_string())]));
    parts.join(" · ")
}

/// "main path" or "variant wrong-password: What if the password is wrong?".
fn branch_name(scenario: &Scenario, run: &Run, words: &Words) -> String {
    match &run.variant {
        None => words.get(Word::DocMainPath).to_owned(),
        Some(id) => {
            let title = scenario
                .file
                .variants
                .iter()
                .find(|v| &v.id == id)
                .map(|v| format!(": {}", v.title))
                .unwrap_or_default();
            words.fill(Word::DocVariant, &[("id", id), ("title", &title)])
        }
    }
}

/// The diagram as lines of text: boxes in a column, "Yes"/"No" arrows, visited nodes marked `*`.
fn diagram_lines(scenario: &Scenario, run: &Run, words: &Words) -> Vec<String> {
    let Some(diagram) = &scenario.file.diagram else {
        return Vec::new();
    };
    let visited = |id: &str| run.frames.iter().any(|f| f.path.iter().any(|p| p == id));
    let mark = |id: &str| if visited(id) { "*" } else { " " };
    let laid = diagram::layout(diagram);
    let mut lines = Vec::new();
    for (i, node) in laid.main.iter().enumerate() {
        if i > 0 {
            if laid.main[i - 1].decision {
                lines.push(format!("    ↓ {}", words.get(Word::Yes)));
            } else {
                lines.push("    ↓".to_owned());
            }
        }
        let mut line = format!("{} {}", mark(&node.id), node.label);
        for (j, (id, label)) in node.no_branch.iter().enumerate() {
            let arrow = if j == 0 {
                format!(" ── {} ──> ", words.get(Word::No))
            } else {
                " ──> ".to_owned()
            };
            line.push_str(&format!("{arrow}{}{label}", mark(id).trim()));
        }
        lines.push(line);
    }
    lines
}

/// The process-table rows as cells: Step, Action, Input, Cognito Response, Result (a
/// response of none said as the screens say it: `N/A`, `N/D`).
fn table_rows(run: &Run, words: &Words) -> Vec<[String; 5]> {
    run.frames
        .iter()
        .map(|f: &Frame| {
            let (response, result, _) = f.table_cells();
            [
                f.number.to_string(),
                f.row.action.clone(),
                f.row.input.clone(),
                words.value(response).to_owned(),
                result.into_owned(),
            ]
        })
        .collect()
}

/// The process table's column headings.
fn table_header(words: &Words) -> Vec<String> {
    [
        Word::ColumnStep,
        Word::ColumnAction,
        Word::ColumnInput,
        Word::ColumnResponse,
        Word::ColumnResult,
    ]
    .map(|w| words.get(w).to_owned())
    .to_vec()
}

/// The tracker as a header and one row of cells per tracked variable (long values abbreviated).
fn tracker_cells(run: &Run, words: &Words) -> (Vec<String>, Vec<Vec<String>>) {
    let columns = crate::flow::tracker(run);
    let mut header = vec![words.get(Word::ColumnVariable).to_owned()];
    // The last step's column is the final state (`flow::tracker` calls it "Final").
    header.extend(columns.iter().map(|c| match c.step {
        None => words.get(Word::ColumnStart).to_owned(),
        Some(n) if n == run.frames.len() => words.get(Word::ColumnFinal).to_owned(),
        Some(n) => words.fill(Word::ColumnAfterStep, &[("n", &n.to_string())]),
    }));
    let rows = run
        .tracked
        .iter()
        .enumerate()
        .map(|(i, name)| {
            let mut row = vec![name.clone()];
            row.extend(columns.iter().map(|c| {
                c.values
                    .get(i)
                    .map_or(String::new(), |(v, _)| abbreviate(words.value(v)))
            }));
            row
        })
        .collect();
    (header, rows)
}

/// A moment's step references in this run's numbering: "steps 4, 5", with those that are not on
/// this branch counted ("step 3; 2 more on the other branch").
fn step_refs(
    scenario: &Scenario,
    run: &Run,
    refs: &[crate::scenario::model::StepRef],
    words: &Words,
) -> String {
    let mut numbers = Vec::new();
    let mut elsewhere = 0;
    for step in refs {
        let number = scenario
            .file
            .step_index(step)
            .and_then(|index| run.frames.iter().find(|f| f.step_index == index))
            .map(|f| f.number);
        match number {
            Some(n) if !numbers.contains(&n) => numbers.push(n),
            Some(_) => {}
            None => elsewhere += 1,
        }
    }
    numbers.sort_unstable();
    let listed: Vec<String> = numbers.iter().map(ToString::to_string).collect();
    let mut said = match listed.len() {
        0 => String::new(),
        1 => words.fill(Word::DocStep, &[("n", &listed[0])]),
        _ => words.fill(Word::DocSteps, &[("list", &listed.join(", "))]),
    };
    if elsewhere > 0 {
        if !said.is_empty() {
            said.push_str("; ");
        }
        let word = match (numbers.is_empty(), elsewhere) {
            (false, _) => Word::DocMoreElsewhere,
            (true, 1) => Word::DocStepElsewhere,
            (true, _) => Word::DocStepsElsewhere,
        };
        said.push_str(&words.fill(word, &[("n", &elsewhere.to_string())]));
    }
    said
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn epoch_seconds_read_as_times() {
        let cases: &[(&str, &str)] = &[
            (
                "exp: expires at 1768471200, 3600 s after the lesson clock (1768467600)",
                "exp: expires at 2026-01-15 10:00:00 UTC, 3600 s after the lesson clock (2026-01-15 09:00:00 UTC)",
            ),
            (
                "valid until 1771059600",
                "valid until 2026-02-14 09:00:00 UTC",
            ),
            ("ExpiresIn 3600", "ExpiresIn 3600"),
            ("id 17684712001", "id 17684712001"),
            ("us-east-1_1768471200", "us-east-1_1768471200"),
            ("x1768471200", "x1768471200"),
            ("9999999999", "9999999999"),
        ];
        for (text, want) in cases {
            assert_eq!(readable_times(text), *want, "{text}");
        }
        let body = serde_json::json!({"User": {"UserCreateDate": 1768467600, "Enabled": true}, "ExpiresIn": 3600});
        assert_eq!(
            time_fields(&body),
            [("UserCreateDate".to_owned(), 1_768_467_600)]
        );
    }

    #[test]
    fn the_authorize_step_is_explained_parameter_by_parameter_in_every_form() {
        let scenario = crate::scenario::resolve(Some("hosted-ui-pkce")).unwrap();
        let run = crate::flow::lay_out(&crate::flow::Setup::main(&scenario.file), 1).unwrap();
        let text = text(&scenario, &run, Options::default());
        for line in [
            "    The authorize request, parameter by parameter",
            "    ✓ code_challenge_method = S256",
            "        Cognito checks: it is S256, Cognito takes no other",
        ] {
            assert!(text.contains(line), "no {line:?} in\n{text}");
        }
        let markdown = markdown(&scenario, std::slice::from_ref(&run), Options::default());
        assert!(
            markdown.contains("- ✓ `redirect_uri = http://localhost:9876/callback` — For: where"),
            "{markdown}"
        );
        assert_eq!(markdown.matches("parameter by parameter").count(), 1);
    }

    #[test]
    fn abbreviates_only_long_values() {
        assert_eq!(abbreviate("user123"), "user123");
        let jwt = format!("eyJraWQiOiJ{}", "x".repeat(100));
        assert_eq!(abbreviate(&jwt), "eyJraWQiOiJx…xxxxxx (111 chars)");
        // Cut between clusters: 12 clusters, the ellipsis, the last 6.
        let name = "👩\u{200d}🔬".repeat(30);
        let short = abbreviate(&name);
        assert_eq!(
            short,
            format!(
                "{}…{} (90 chars)",
                "👩\u{200d}🔬".repeat(12),
                "👩\u{200d}🔬".repeat(6)
            )
        );
    }
}
