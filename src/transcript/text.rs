//! The plain-text transcript.

use std::fmt::Write as _;

use super::{
    Options, branch_name, diagram_lines, heading, shorten_json, step_refs, subheading, table_rows,
    tracker_cells,
};
use crate::columns::pad;
use crate::flow::{Frame, Outcome, Run};
use crate::scenario::Scenario;
use crate::scenario::vocab::{answer_index, letter_str};

const WIDTH: usize = 100;

/// The run as plain text, in the seed page's section order, then the run's details.
#[must_use]
pub fn text(scenario: &Scenario, run: &Run, options: Options) -> String {
    let file = &scenario.file;
    let mut out = String::new();
    let _ = writeln!(out, "{}", heading(scenario));
    let _ = writeln!(out, "{}", subheading(scenario, run));
    if let Some(summary) = &file.scenario.summary {
        out.push('\n');
        push_wrapped(&mut out, summary, "");
    }

    let diagram = diagram_lines(scenario, run);
    if !diagram.is_empty() {
        section(&mut out, "Process Flow");
        for line in diagram {
            let _ = writeln!(out, "  {line}");
        }
        let _ = writeln!(out, "  (* = reached in this run)");
        if let Some(caption) = file.diagram.as_ref().and_then(|d| d.caption.as_ref()) {
            push_wrapped(&mut out, caption, "  ");
        }
    }

    if let Some(sample) = &file.sample {
        let language = sample
            .language
            .as_ref()
            .map(|l| format!(" ({l})"))
            .unwrap_or_default();
        section(&mut out, &format!("Execution Sample{language}"));
        for line in &sample.lines {
            let _ = writeln!(out, "  {line}");
        }
        if let Some(caption) = &sample.caption {
            push_wrapped(&mut out, caption, "  ");
        }
    }

    section(&mut out, "Process Table");
    let header = ["Step", "Action", "Input", "Cognito Response", "Result"].map(String::from);
    push_table(&mut out, &header, &table_rows(run));
    if let Some(note) = &file.scenario.table_note {
        push_wrapped(&mut out, &format!("Note: {note}"), "  ");
    }

    section(&mut out, "Status Tracker");
    let (header, rows) = tracker_cells(run);
    push_table(&mut out, &header, &rows);

    if !file.moments.is_empty() {
        let count = file.moments.len();
        let plural = if count == 1 { "Insight" } else { "Insights" };
        section(&mut out, &format!("Key Moments - {count} {plural}"));
        for (i, moment) in file.moments.iter().enumerate() {
            let _ = writeln!(out, "  {}. {}", i + 1, moment.title);
            push_wrapped(&mut out, &moment.text, "     ");
            let refs = step_refs(scenario, run, &moment.steps);
            if !refs.is_empty() {
                let _ = writeln!(out, "     (see {refs})");
            }
        }
    }

    if !file.questions.is_empty() {
        let count = file.questions.len();
        let plural = if count == 1 { "Question" } else { "Questions" };
        section(&mut out, &format!("Visual Quiz - {count} {plural}"));
        for (i, question) in file.questions.iter().enumerate() {
            let _ = writeln!(out, "  {}. {}", i + 1, question.prompt);
            for (j, choice) in question.choices.iter().enumerate() {
                let _ = writeln!(out, "     {}. {choice}", letter_str(j));
            }
            let hints = if options.no_hints {
                &[][..]
            } else {
                &question.hints[..]
            };
            for (j, hint) in hints.iter().enumerate() {
                push_wrapped(&mut out, &format!("Hint {}: {hint}", j + 1), "     ");
            }
            if options.answers {
                if let Some(index) = answer_index(&question.answer, question.choices.len()) {
                    let _ = writeln!(
                        out,
                        "     Answer: {} ({})",
                        letter_str(index),
                        question.choices[index]
                    );
                }
                if let Some(explanation) = &question.explanation {
                    push_wrapped(&mut out, explanation, "     ");
                }
            }
        }
        if !options.answers {
            let _ = writeln!(out, "  (answers: cogflow transcript --answers)");
        }
    }

    if let Some(snapshot) = &file.snapshot {
        section(&mut out, "Concept Snapshot");
        for line in &snapshot.lines {
            push_wrapped(&mut out, line, "  ");
        }
    }

    if let Some(transcript) = &file.transcript {
        section(&mut out, "Full Transcript");
        for (i, paragraph) in transcript.text.split("\n\n").enumerate() {
            if i > 0 {
                out.push('\n');
            }
            push_wrapped(&mut out, paragraph, "  ");
        }
    }

    push_run_details(&mut out, scenario, run);
    out
}

fn push_run_details(out: &mut String, scenario: &Scenario, run: &Run) {
    section(
        out,
        &format!("Run Details ({})", branch_name(scenario, run)),
    );
    let pool = &run.pool;
    let _ = writeln!(out, "  User pool:       {} ({})", pool.pool_id, pool.region);
    let _ = writeln!(out, "  App client:      {}", pool.client_id);
    let _ = writeln!(out, "  Issuer:          {}", pool.issuer);
    let _ = writeln!(out, "  JWKS:            {}", pool.jwks_url);
    let _ = writeln!(out, "  Password policy: {}", pool.password_policy);
    if let Some(note) = &pool.policy_note {
        push_wrapped(out, &format!("Lesson simplification: {note}"), "  ");
    }
    let _ = writeln!(
        out,
        "  Lesson clock:    {}",
        crate::flow::time::format_at_offset(pool.clock_start, pool.clock_offset_minutes)
    );
    let mut previous = None;
    for frame in &run.frames {
        push_frame(out, frame, previous);
        previous = Some(frame);
    }
    let _ = writeln!(out, "\n  Outcome: {}", run.outcome);
}

fn push_frame(out: &mut String, frame: &Frame, previous: Option<&Frame>) {
    let _ = writeln!(out, "\n  Step {}: {}", frame.number, frame.row.action);
    if let Some(explanation) = &frame.explanation {
        push_wrapped(out, explanation, "    ");
    }
    if let Some(snippet) = &frame.snippet {
        let _ = writeln!(out, "    The app's code:");
        for line in snippet.lines() {
            let _ = writeln!(out, "      {line}");
        }
    }
    match &frame.outcome {
        Outcome::Error { exception, message } => {
            let _ = writeln!(out, "    Outcome: {exception}: {message}");
        }
        Outcome::Challenge { name } => {
            let _ = writeln!(out, "    Outcome: challenge {name}");
        }
        Outcome::Pending => {
            let _ = writeln!(out, "    Outcome: pending (Cognito is checking)");
        }
        Outcome::Success | Outcome::None => {}
    }
    if let Some(api) = &frame.api {
        if let Some(request) = &api.request {
            let _ = writeln!(out, "    {} request:", api.operation);
            push_json(out, request);
        }
        if let Some(response) = &api.response {
            let status = api
                .status
                .map(|s| format!(" (HTTP {s})"))
                .unwrap_or_default();
            let _ = writeln!(out, "    {} response{status}:", api.operation);
            push_json(out, response);
        }
    }
    for check in &frame.cognito_checks {
        let mark = if check.passed { "ok  " } else { "FAIL" };
        let _ = writeln!(out, "    Cognito [{mark}] {}: {}", check.name, check.detail);
    }
    for cost in &frame.crypto {
        let _ = writeln!(out, "    Crypto: {} ({})", cost.operation, cost.params);
    }
    for value in frame.srp_new(previous) {
        let _ = writeln!(
            out,
            "    SRP, {} {}: {}",
            value.side.name(),
            value.name,
            value.meaning
        );
        push_long(out, &value.value, "      ");
    }
    if let Some(verification) = &frame.verification {
        for check in &verification.checks {
            let mark = if check.passed { "ok  " } else { "FAIL" };
            let _ = writeln!(out, "    [{mark}] {}: {}", check.name, check.detail);
        }
    }
    for note in &frame.notes {
        push_wrapped(out, &format!("Note: {note}"), "    ");
    }
}

/// A long value whole, cut into lines of 96 characters (hex and base64 have no spaces to wrap
/// at), each behind `indent`.
fn push_long(out: &mut String, value: &str, indent: &str) {
    let chars: Vec<char> = value.chars().collect();
    for line in chars.chunks(96) {
        let _ = writeln!(out, "{indent}{}", line.iter().collect::<String>());
    }
}

/// Pretty JSON, indented, with long strings (tokens) abbreviated.
fn push_json(out: &mut String, value: &serde_json::Value) {
    let shortened = shorten_json(value);
    let pretty = crate::sanitize::to_json_pretty(&shortened).unwrap_or_default();
    for line in pretty.lines() {
        let _ = writeln!(out, "      {line}");
    }
}

fn section(out: &mut String, title: &str) {
    let _ = writeln!(
        out,
        "\n{title}\n{}",
        "=".repeat(crate::columns::width(title))
    );
}

/// An aligned table with a rule under the header.
fn push_table(out: &mut String, header: &[String], rows: &[impl AsRef<[String]>]) {
    let columns = header.len();
    let mut widths: Vec<usize> = header.iter().map(|h| crate::columns::width(h)).collect();
    for row in rows {
        for (i, cell) in row.as_ref().iter().enumerate().take(columns) {
            widths[i] = widths[i].max(crate::columns::width(cell));
        }
    }
    let line = |cells: &[String]| -> String {
        let padded: Vec<String> = cells
            .iter()
            .zip(&widths)
            .map(|(cell, width)| pad(cell, *width))
            .collect();
        format!("  {}", padded.join(" | ")).trim_end().to_owned()
    };
    let _ = writeln!(out, "{}", line(header));
    let rule: Vec<String> = widths.iter().map(|w| "-".repeat(*w)).collect();
    let _ = writeln!(out, "  {}", rule.join("-+-"));
    for row in rows {
        let _ = writeln!(out, "{}", line(row.as_ref()));
    }
}

/// Word-wraps `text` to the page width, each line starting with `indent`.
fn push_wrapped(out: &mut String, text: &str, indent: &str) {
    let mut line = String::new();
    for word in text.split_whitespace() {
        let width = crate::columns::width;
        let candidate = if line.is_empty() {
            width(word)
        } else {
            width(&line) + 1 + width(word)
        };
        if !line.is_empty() && indent.len() + candidate > WIDTH {
            let _ = writeln!(out, "{indent}{line}");
            line.clear();
        }
        if !line.is_empty() {
            line.push(' ');
        }
        line.push_str(word);
    }
    if !line.is_empty() {
        let _ = writeln!(out, "{indent}{line}");
    }
}
