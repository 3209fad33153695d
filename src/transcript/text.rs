//! The plain-text transcript.

use std::fmt::Write as _;

use super::{
    Options, branch_name, diagram_lines, heading, shorten_json, step_refs, subheading,
    table_header, table_rows, tracker_cells,
};
use crate::columns::pad;
use crate::flow::{Frame, Outcome, Run};
use crate::scenario::Scenario;
use crate::scenario::vocab::{answer_index, letter_str};
use crate::words::{Word, Words};

const WIDTH: usize = 100;

/// The run as plain text, in the seed page's section order, then the run's details.
#[must_use]
pub fn text(scenario: &Scenario, run: &Run, options: Options) -> String {
    let file = &scenario.file;
    let words = &scenario.words();
    let mut out = String::new();
    let _ = writeln!(out, "{}", heading(scenario, words));
    let _ = writeln!(out, "{}", subheading(scenario, run, words));
    if let Some(summary) = &file.scenario.summary {
        out.push('\n');
        push_wrapped(&mut out, summary, "");
    }

    let diagram = diagram_lines(scenario, run, words);
    if !diagram.is_empty() {
        section(&mut out, words.get(Word::DocProcessFlow));
        for line in diagram {
            let _ = writeln!(out, "  {line}");
        }
        let _ = writeln!(out, "  {}", words.get(Word::DocReachedHere));
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
        section(
            &mut out,
            &format!("{}{language}", words.get(Word::DocSample)),
        );
        for line in &sample.lines {
            let _ = writeln!(out, "  {line}");
        }
        if let Some(caption) = &sample.caption {
            push_wrapped(&mut out, caption, "  ");
        }
    }

    section(&mut out, words.get(Word::DocProcessTable));
    push_table(&mut out, &table_header(words), &table_rows(run, words));
    if let Some(note) = &file.scenario.table_note {
        push_wrapped(&mut out, &format!("{}{note}", words.get(Word::Note)), "  ");
    }

    section(&mut out, words.get(Word::DocStatusTracker));
    let (header, rows) = tracker_cells(run, words);
    push_table(&mut out, &header, &rows);

    if !file.moments.is_empty() {
        let count = file.moments.len();
        let word = if count == 1 {
            Word::DocMomentsOne
        } else {
            Word::DocMomentsMany
        };
        section(&mut out, &words.fill(word, &[("n", &count.to_string())]));
        for (i, moment) in file.moments.iter().enumerate() {
            let _ = writeln!(out, "  {}. {}", i + 1, moment.title);
            push_wrapped(&mut out, &moment.text, "     ");
            let refs = step_refs(scenario, run, &moment.steps, words);
            if !refs.is_empty() {
                let _ = writeln!(out, "     {}", words.fill(Word::DocSee, &[("refs", &refs)]));
            }
        }
    }

    if !file.questions.is_empty() {
        let count = file.questions.len();
        let word = if count == 1 {
            Word::DocQuizOne
        } else {
            Word::DocQuizMany
        };
        section(&mut out, &words.fill(word, &[("n", &count.to_string())]));
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
                let said = words.fill(
                    Word::DocHintN,
                    &[("n", &(j + 1).to_string()), ("hint", hint)],
                );
                push_wrapped(&mut out, &said, "     ");
            }
            if options.answers {
                if let Some(index) = answer_index(&question.answer, question.choices.len()) {
                    let said = words.fill(
                        Word::DocAnswerIs,
                        &[
                            ("letter", &letter_str(index)),
                            ("choice", &question.choices[index]),
                        ],
                    );
                    let _ = writeln!(out, "     {said}");
                }
                if let Some(explanation) = &question.explanation {
                    push_wrapped(&mut out, explanation, "     ");
                }
            }
        }
        if !options.answers {
            let _ = writeln!(out, "  {}", words.get(Word::DocAnswersHow));
        }
    }

    if let Some(snapshot) = &file.snapshot {
        section(&mut out, words.get(Word::DocSnapshot));
        for line in &snapshot.lines {
            push_wrapped(&mut out, line, "  ");
        }
    }

    if let Some(transcript) = &file.transcript {
        section(&mut out, words.get(Word::DocFull));
        for (i, paragraph) in transcript.text.split("\n\n").enumerate() {
            if i > 0 {
                out.push('\n');
            }
            push_wrapped(&mut out, paragraph, "  ");
        }
    }

    push_run_details(&mut out, scenario, run, words);
    out
}

fn push_run_details(out: &mut String, scenario: &Scenario, run: &Run, words: &Words) {
    let branch = branch_name(scenario, run, words);
    section(
        out,
        &words.fill(Word::DocRunDetails, &[("branch", &branch)]),
    );
    let pool = &run.pool;
    // The labels in a column as wide as the widest ("Password policy: " in English).
    let labels = [
        Word::DocUserPool,
        Word::DocAppClient,
        Word::DocIssuer,
        Word::DocJwks,
        Word::DocPolicy,
        Word::DocClock,
    ];
    let label_w = labels
        .iter()
        .map(|w| crate::columns::width(words.get(*w)))
        .max()
        .unwrap_or(0)
        + 1;
    let line = |out: &mut String, label: Word, value: &str| {
        let _ = writeln!(out, "  {}{value}", pad(words.get(label), label_w));
    };
    line(
        out,
        Word::DocUserPool,
        &format!("{} ({})", pool.pool_id, pool.region),
    );
    line(out, Word::DocAppClient, &pool.client_id);
    line(out, Word::DocIssuer, &pool.issuer);
    line(out, Word::DocJwks, &pool.jwks_url);
    line(out, Word::DocPolicy, &words.said(&pool.password_policy));
    if let Some(note) = &pool.policy_note {
        let said = format!("{} {note}", words.get(Word::DocSimplification));
        push_wrapped(out, &said, "  ");
    }
    line(
        out,
        Word::DocClock,
        &crate::flow::time::format_at_offset(pool.clock_start, pool.clock_offset_minutes),
    );
    let mut previous = None;
    for frame in &run.frames {
        push_frame(out, frame, previous, words);
        previous = Some(frame);
    }
    let _ = writeln!(out, "\n  {} {}", words.get(Word::DocOutcome), run.outcome);
}

fn push_frame(out: &mut String, frame: &Frame, previous: Option<&Frame>, words: &Words) {
    let heading = words.fill(
        Word::DocStepHeading,
        &[
            ("n", &frame.number.to_string()),
            ("action", &frame.row.action),
        ],
    );
    let _ = writeln!(out, "\n  {heading}");
    if let Some(explanation) = &frame.explanation {
        push_wrapped(out, explanation, "    ");
    }
    if let Some(snippet) = &frame.snippet {
        let _ = writeln!(out, "    {}", words.get(Word::PlainCode));
        for line in snippet.lines() {
            let _ = writeln!(out, "      {line}");
        }
    }
    let outcome = match &frame.outcome {
        Outcome::Error { exception, message } => Some(format!("{exception}: {message}")),
        Outcome::Challenge { name } => Some(words.fill(Word::DocChallenge, &[("name", name)])),
        Outcome::Pending => Some(words.get(Word::DocPending).to_owned()),
        Outcome::Success | Outcome::None => None,
    };
    if let Some(outcome) = outcome {
        let _ = writeln!(out, "    {} {outcome}", words.get(Word::DocOutcome));
    }
    if let Some(api) = &frame.api {
        let operation = ("operation", api.operation.as_str());
        if let Some(request) = &api.request {
            let _ = writeln!(out, "    {}", words.fill(Word::DocRequest, &[operation]));
            push_json(out, request);
        }
        if let Some(response) = &api.response {
            let status = api
                .status
                .map(|s| format!(" (HTTP {s})"))
                .unwrap_or_default();
            let said = words.fill(Word::DocResponse, &[operation, ("status", &status)]);
            let _ = writeln!(out, "    {said}");
            push_json(out, response);
        }
    }
    // "ok  " and "FAIL" in a column as wide as the wider.
    let (pass, fail) = (words.get(Word::DocPass), words.get(Word::DocFail));
    let mark_w = crate::columns::width(pass).max(crate::columns::width(fail));
    let mark = |check: &crate::flow::Check| pad(if check.passed { pass } else { fail }, mark_w);
    let said = |check: &crate::flow::Check| {
        format!("{}: {}", words.said(&check.name), words.said(&check.detail))
    };
    for check in &frame.cognito_checks {
        let _ = writeln!(out, "    Cognito [{}] {}", mark(check), said(check));
    }
    if let Some(parameters) = crate::flow::authorize::parameters(frame) {
        let _ = writeln!(out, "    {}", words.get(Word::AuthorizeHeading));
        for parameter in &parameters {
            let _ = writeln!(out, "    {}{}", parameter.glyph(), parameter.sent(words));
            for note in parameter.notes(words) {
                push_wrapped(out, &note, "        ");
            }
        }
    }
    for cost in &frame.crypto {
        let said = words.fill(
            Word::DocCrypto,
            &[
                ("operation", &words.said(&cost.operation)),
                ("params", &words.said(&cost.params)),
                ("why", &words.said(cost.why())),
            ],
        );
        push_wrapped(out, &said, "    ");
    }
    for value in frame.srp_new(previous) {
        let said = words.fill(
            Word::DocSrp,
            &[
                ("side", &words.said(value.side.name())),
                ("name", &value.name),
                ("meaning", &words.said(&value.meaning)),
            ],
        );
        let _ = writeln!(out, "    {said}");
        push_long(out, &value.value, "      ");
    }
    if let Some(verification) = &frame.verification {
        for check in &verification.checks {
            let _ = writeln!(out, "    [{}] {}", mark(check), said(check));
        }
    }
    for note in &frame.notes {
        push_wrapped(out, &format!("{}{note}", words.get(Word::Note)), "    ");
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
