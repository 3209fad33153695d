//! The whole run without a terminal UI: text and Markdown following the seed page's sections,
//! and a JSON trace for tools and tests. Deterministic for a given seed (no timings).

mod json;
pub(crate) mod markdown;
mod text;

use unicode_width::UnicodeWidthStr;

use crate::flow::diagram;
pub use crate::flow::vars::{abbreviate, shorten_json};
use crate::flow::{Frame, Run};
use crate::scenario::Scenario;

pub use json::json;
pub use markdown::markdown;
pub use text::text;

/// What a transcript includes besides the run.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Options {
    /// Show the quiz answers and explanations.
    pub answers: bool,
}

/// The seed page's heading line, e.g. "Cognito for user authentication in AWS - Step-by-Step Execution".
fn heading(scenario: &Scenario) -> String {
    format!("{} - Step-by-Step Execution", scenario.file.scenario.title)
}

/// "AWS · ~10 mins · main path · seed 1".
fn subheading(scenario: &Scenario, run: &Run) -> String {
    let meta = &scenario.file.scenario;
    let mut parts = Vec::new();
    if let Some(topic) = &meta.topic {
        parts.push(topic.clone());
    }
    if let Some(minutes) = meta.minutes {
        parts.push(format!("~{minutes} mins"));
    }
    parts.push(branch_name(scenario, run));
    parts.push(format!("seed {}", run.seed));
    parts.join(" · ")
}

/// "main path" or "variant wrong-password: What if the password is wrong?".
fn branch_name(scenario: &Scenario, run: &Run) -> String {
    match &run.variant {
        None => "main path".to_owned(),
        Some(id) => {
            let title = scenario
                .file
                .variants
                .iter()
                .find(|v| &v.id == id)
                .map(|v| format!(": {}", v.title))
                .unwrap_or_default();
            format!("variant {id}{title}")
        }
    }
}

/// The diagram as lines of text: boxes in a column, "Yes"/"No" arrows, visited nodes marked `*`.
fn diagram_lines(scenario: &Scenario, run: &Run) -> Vec<String> {
    let Some(diagram) = &scenario.file.diagram else {
        return Vec::new();
    };
    let visited = |id: &str| run.frames.iter().any(|f| f.path.iter().any(|p| p == id));
    let mark = |id: &str| if visited(id) { "*" } else { " " };
    let laid = diagram::layout(diagram);
    let mut lines = Vec::new();
    for (i, node) in laid.main.iter().enumerate() {
        if i > 0 {
            let arrow = if laid.main[i - 1].decision {
                "↓ Yes"
            } else {
                "↓"
            };
            lines.push(format!("    {arrow}"));
        }
        let mut line = format!("{} {}", mark(&node.id), node.label);
        for (j, (id, label)) in node.no_branch.iter().enumerate() {
            let arrow = if j == 0 {
                " ── No ──> "
            } else {
                " ──> "
            };
            line.push_str(&format!("{arrow}{}{label}", mark(id).trim()));
        }
        lines.push(line);
    }
    lines
}

/// Pads `text` with spaces to `width` display columns (wide characters count double).
fn pad(text: &str, width: usize) -> String {
    let shown = UnicodeWidthStr::width(text);
    format!("{text}{}", " ".repeat(width.saturating_sub(shown)))
}

/// The process-table rows as cells: Step, Action, Input, Cognito Response, Result.
fn table_rows(run: &Run) -> Vec<[String; 5]> {
    run.frames
        .iter()
        .map(|f: &Frame| {
            [
                f.number.to_string(),
                f.row.action.clone(),
                f.row.input.clone(),
                f.row.response.clone(),
                f.row.result.clone(),
            ]
        })
        .collect()
}

/// The tracker as a header and one row of cells per tracked variable (long values abbreviated).
fn tracker_cells(run: &Run) -> (Vec<String>, Vec<Vec<String>>) {
    let columns = crate::flow::tracker(run);
    let mut header = vec!["Variable".to_owned()];
    header.extend(columns.iter().map(|c| c.heading.clone()));
    let rows = run
        .tracked
        .iter()
        .enumerate()
        .map(|(i, name)| {
            let mut row = vec![name.clone()];
            row.extend(columns.iter().map(|c| {
                c.values
                    .get(i)
                    .map_or(String::new(), |(v, _)| abbreviate(v))
            }));
            row
        })
        .collect();
    (header, rows)
}

/// A moment's step references in this run's numbering: "steps 4, 5", with those that are not on
/// this branch counted ("step 3; 2 more on the other branch").
fn step_refs(scenario: &Scenario, run: &Run, refs: &[crate::scenario::model::StepRef]) -> String {
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
    let mut words = match listed.len() {
        0 => String::new(),
        1 => format!("step {}", listed[0]),
        _ => format!("steps {}", listed.join(", ")),
    };
    if elsewhere > 0 {
        if !words.is_empty() {
            words.push_str("; ");
        }
        words.push_str(&format!(
            "{elsewhere} {} on the other branch",
            match (numbers.is_empty(), elsewhere) {
                (false, _) => "more",
                (true, 1) => "step",
                (true, _) => "steps",
            }
        ));
    }
    words
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn abbreviates_only_long_values() {
        assert_eq!(abbreviate("user123"), "user123");
        let jwt = format!("eyJraWQiOiJ{}", "x".repeat(100));
        assert_eq!(abbreviate(&jwt), "eyJraWQiOiJx…xxxxxx (111 chars)");
        assert_eq!(pad("名前", 6), "名前  ");
    }
}
