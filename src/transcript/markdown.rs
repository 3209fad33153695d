//! The Markdown transcript: a printable handout.

use std::fmt::Write as _;

use super::{
    Options, branch_name, diagram_lines, heading, shorten_json, step_refs, subheading, table_rows,
    tracker_cells,
};
use crate::flow::{Check, Outcome, Run};
use crate::scenario::Scenario;
use crate::scenario::vocab::{answer_index, letter_str};

/// The run as Markdown, in the seed page's section order, then the run's details.
#[must_use]
pub fn markdown(scenario: &Scenario, run: &Run, options: Options) -> String {
    let file = &scenario.file;
    let mut out = String::new();
    let _ = writeln!(out, "# {}\n", escape(&heading(scenario)));
    let _ = writeln!(out, "*{}*\n", escape(&subheading(scenario, run)));
    if let Some(summary) = &file.scenario.summary {
        let _ = writeln!(out, "{}\n", escape(summary));
    }

    let diagram = diagram_lines(scenario, run);
    if !diagram.is_empty() {
        let _ = writeln!(out, "## Process Flow\n\n```text");
        for line in diagram {
            let _ = writeln!(out, "{line}");
        }
        let _ = writeln!(out, "```\n\n`*` marks the boxes reached in this run.\n");
        if let Some(caption) = file.diagram.as_ref().and_then(|d| d.caption.as_ref()) {
            let _ = writeln!(out, "{}\n", escape(caption));
        }
    }

    if let Some(sample) = &file.sample {
        let _ = writeln!(out, "## Execution Sample\n");
        let _ = writeln!(
            out,
            "```{}",
            sample.language.as_deref().unwrap_or("text").to_lowercase()
        );
        for line in &sample.lines {
            let _ = writeln!(out, "{line}");
        }
        let _ = writeln!(out, "```\n");
        if let Some(caption) = &sample.caption {
            let _ = writeln!(out, "{}\n", escape(caption));
        }
    }

    let _ = writeln!(out, "## Process Table\n");
    push_table(
        &mut out,
        &["Step", "Action", "Input", "Cognito Response", "Result"].map(String::from),
        &table_rows(run),
    );
    if let Some(note) = &file.scenario.table_note {
        let _ = writeln!(out, "> {}\n", escape(note));
    }

    let _ = writeln!(out, "## Status Tracker\n");
    let (header, rows) = tracker_cells(run);
    push_table(&mut out, &header, &rows);

    if !file.moments.is_empty() {
        let _ = writeln!(out, "## Key Moments\n");
        for moment in &file.moments {
            let _ = writeln!(out, "**{}**\n", escape(&moment.title));
            let refs = step_refs(scenario, run, &moment.steps);
            let refs = if refs.is_empty() {
                String::new()
            } else {
                format!(" *(see {refs})*")
            };
            let _ = writeln!(out, "{}{refs}\n", escape(&moment.text));
        }
    }

    if !file.questions.is_empty() {
        let _ = writeln!(out, "## Visual Quiz\n");
        for (i, question) in file.questions.iter().enumerate() {
            let _ = writeln!(out, "{}. {}\n", i + 1, escape(&question.prompt));
            for (j, choice) in question.choices.iter().enumerate() {
                let _ = writeln!(out, "   - **{}.** {}", letter_str(j), escape(choice));
            }
            out.push('\n');
            for hint in &question.hints {
                let _ = writeln!(out, "   *Hint:* {}\n", escape(hint));
            }
            if options.answers {
                if let Some(index) = answer_index(&question.answer, question.choices.len()) {
                    let explanation = question
                        .explanation
                        .as_deref()
                        .map(|e| format!(" {}", escape(e)))
                        .unwrap_or_default();
                    let _ = writeln!(
                        out,
                        "   **Answer: {}** ({}).{explanation}\n",
                        letter_str(index),
                        escape(&question.choices[index])
                    );
                }
            } else {
                let _ = writeln!(out, "   Answer: ______\n");
            }
        }
    }

    if let Some(snapshot) = &file.snapshot {
        let _ = writeln!(out, "## Concept Snapshot\n");
        for line in &snapshot.lines {
            let _ = writeln!(out, "- {}", escape(line));
        }
        out.push('\n');
    }

    if let Some(transcript) = &file.transcript {
        let _ = writeln!(out, "## Full Transcript\n");
        for paragraph in transcript.text.split("\n\n") {
            let _ = writeln!(out, "{}\n", escape(paragraph.trim()));
        }
    }

    let _ = writeln!(
        out,
        "## Run Details ({})\n",
        escape(&branch_name(scenario, run))
    );
    let pool = &run.pool;
    let _ = writeln!(out, "- User pool: `{}` ({})", pool.pool_id, pool.region);
    let _ = writeln!(out, "- App client: `{}`", pool.client_id);
    let _ = writeln!(out, "- Issuer: `{}`", pool.issuer);
    let _ = writeln!(out, "- Password policy: {}", escape(&pool.password_policy));
    if let Some(note) = &pool.policy_note {
        let _ = writeln!(out, "- **Lesson simplification:** {}", escape(note));
    }
    out.push('\n');
    let mut previous = None;
    for frame in &run.frames {
        let _ = writeln!(
            out,
            "### Step {}: {}\n",
            frame.number,
            escape(&frame.row.action)
        );
        if let Some(explanation) = &frame.explanation {
            let _ = writeln!(out, "{}\n", escape(explanation));
        }
        if let Outcome::Error { exception, message } = &frame.outcome {
            let _ = writeln!(out, "Outcome: `{exception}: {message}`\n");
        }
        if let Some(api) = &frame.api {
            for (label, body) in [("request", &api.request), ("response", &api.response)] {
                if let Some(body) = body {
                    let _ = writeln!(out, "{} {label}:\n\n```json", api.operation);
                    let _ = writeln!(out, "{}", pretty(body));
                    let _ = writeln!(out, "```\n");
                }
            }
        }
        if !frame.cognito_checks.is_empty() {
            let _ = writeln!(out, "What Cognito checked:\n");
            push_checks(&mut out, &frame.cognito_checks);
        }
        if let Some(verification) = &frame.verification {
            push_checks(&mut out, &verification.checks);
        }
        let computed = frame.srp_new(previous);
        if !computed.is_empty() {
            let _ = writeln!(out, "SRP numbers computed here:\n");
            for value in computed {
                let _ = writeln!(
                    out,
                    "- {} **{}**: {}\n\n  ```\n  {}\n  ```",
                    value.side.name(),
                    escape(&value.name),
                    escape(&value.meaning),
                    value.value
                );
            }
            out.push('\n');
        }
        previous = Some(frame);
    }
    let _ = writeln!(out, "**Outcome:** {}", escape(&run.outcome));
    out
}

/// A check list, `✓` or `✗` before each check, then a blank line.
fn push_checks(out: &mut String, checks: &[Check]) {
    for check in checks {
        let mark = if check.passed { "✓" } else { "✗" };
        let _ = writeln!(
            out,
            "- {mark} {}: {}",
            escape(&check.name),
            escape(&check.detail)
        );
    }
    out.push('\n');
}

fn pretty(value: &serde_json::Value) -> String {
    crate::sanitize::to_json_pretty(&shorten_json(value)).unwrap_or_default()
}

/// A Markdown table (a cell's line breaks become spaces: a row is one line).
pub(crate) fn push_table(out: &mut String, header: &[String], rows: &[impl AsRef<[String]>]) {
    let cells = |row: &[String]| -> String {
        let escaped: Vec<String> = row
            .iter()
            .map(|c| escape(&c.replace(['\r', '\n'], " ")).replace('|', "\\|"))
            .collect();
        format!("| {} |", escaped.join(" | "))
    };
    let _ = writeln!(out, "{}", cells(header));
    let _ = writeln!(out, "|{}", "---|".repeat(header.len()));
    for row in rows {
        let _ = writeln!(out, "{}", cells(row.as_ref()));
    }
    out.push('\n');
}

/// Escapes the characters Markdown would read as formatting.
pub(crate) fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        if matches!(c, '\\' | '*' | '_' | '`' | '<' | '>' | '[' | ']' | '#') {
            out.push('\\');
        }
        out.push(c);
    }
    out
}
