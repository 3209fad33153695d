//! Plain mode: the lesson as linear lines of text, for screen readers and pipes (`--plain`, or
//! automatically when stdout is not a terminal or `TERM=dumb`). No box drawing, no cursor
//! movement, no colour: one step at a time, then a prompt read from stdin line by line.
//!
//! ```text
//! Step 2 of 5: App sends credentials to Cognito. Cognito response: Checking credentials. Result: Waiting for response.
//! ```

use std::io::{self, BufRead, Write};

use crate::flow::{Change, Frame, Outcome, Run, Vars};
use crate::scenario::Scenario;

/// How plain mode starts.
#[derive(Debug, Clone, Default)]
pub struct Options {
    /// Start on this variant.
    pub variant: Option<String>,
    /// Start at this step (1-based).
    pub step: Option<usize>,
    /// The seed of every random value.
    pub seed: u64,
    /// Say how long the cryptography took (measured, so not reproducible; off in tests).
    pub timings: bool,
    /// Write each command read after the prompt, ending its line: for input that is not
    /// typed at a terminal (which echoes it), so the output reads as a conversation.
    pub echo: bool,
}

/// `Step 2 of 5: App sends credentials to Cognito. Cognito response: Checking credentials.
/// Result: Waiting for response.` — the issue's line format.
#[must_use]
pub fn step_line(frame: &Frame, total: Option<usize>) -> String {
    let of = total.map_or_else(String::new, |t| format!(" of {t}"));
    format!(
        "Step {}{of}: {} Cognito response: {} Result: {}",
        frame.number,
        sentence(&frame.row.action),
        sentence(&frame.row.response),
        sentence(&frame.row.result)
    )
}

/// `text` ending with one full stop.
fn sentence(text: &str) -> String {
    let text = text.trim();
    if text.is_empty() {
        "none.".to_owned()
    } else if text.ends_with(['.', '!', '?']) {
        text.to_owned()
    } else {
        format!("{text}.")
    }
}

/// A value as plain mode says it: JWTs by their size, not their 800 characters.
fn say_value(value: &str) -> String {
    if crate::ui::text::looks_like_jwt(value) {
        format!("a JWT of {} characters", value.len())
    } else {
        value.to_owned()
    }
}

/// What changed at a step, in words: "authStatus: none to valid; token: set to a JWT…".
fn changes(before: &Vars, frame: &Frame, tracked: &[String]) -> Option<String> {
    let parts: Vec<String> = frame
        .vars
        .0
        .iter()
        .filter(|v| v.change != Change::Same && tracked.contains(&v.name))
        .map(|v| {
            let old = say_value(before.value(&v.name));
            let new = say_value(&v.value);
            format!("{}: {old} to {new}", v.name)
        })
        .collect();
    (!parts.is_empty()).then(|| parts.join("; "))
}

/// Every line plain mode prints for one step.
#[must_use]
pub fn step_text(run: &Run, index: usize, timings: bool) -> Vec<String> {
    let Some(frame) = run.frames.get(index) else {
        return Vec::new();
    };
    let mut out = vec![step_line(frame, Some(run.frames.len()))];
    let before = index
        .checked_sub(1)
        .and_then(|i| run.frames.get(i))
        .map_or(&run.start, |f| &f.vars);
    if !frame.row.input.trim().is_empty() && frame.row.input != "N/A" {
        out.push(format!("  Input: {}", sentence(&frame.row.input)));
    }
    if let Some(api) = &frame.api {
        let status = match (&frame.outcome, api.status) {
            (Outcome::Error { exception, message }, Some(code)) => {
                format!("answered HTTP {code}, {exception}: {}", sentence(message))
            }
            (_, Some(code)) => format!("answered HTTP {code}."),
            (_, None) => "sent; Cognito has not answered yet.".to_owned(),
        };
        out.push(format!("  Cognito call: {} {status}", api.operation));
    }
    if let Some(text) = &frame.explanation {
        out.push(format!("  Why: {}", text.replace('\n', " ")));
    }
    if let Some(changed) = changes(before, frame, &run.tracked) {
        out.push(format!("  Changed: {changed}."));
    }
    for cost in &frame.crypto {
        let time = if timings {
            format!(" took {:.0} ms", cost.elapsed.as_secs_f64() * 1000.0)
        } else {
            String::new()
        };
        let why = if cost.operation.contains("argon2") {
            " (deliberately slow, to resist guessing)"
        } else {
            ""
        };
        out.push(format!("  Cryptography: {}{time}{why}.", cost.operation));
    }
    if let Some(v) = &frame.verification {
        for check in &v.checks {
            let verdict = if check.passed { "passed" } else { "FAILED" };
            out.push(format!(
                "  Check {verdict}: {}. {}",
                check.name,
                sentence(&check.detail)
            ));
        }
    }
    for note in &frame.notes {
        out.push(format!("  Note: {}", sentence(note)));
    }
    out
}

/// The help text of plain mode.
pub const HELP: &str = "Commands (type one and press Enter):
  Enter or n   next step
  b            back one step
  a number     go to that step
  v            switch branch (for example: what if the password is wrong?)
  ?            this help
  q            quit (end of input quits too)";

/// The prompt after every step.
pub const PROMPT: &str = "Enter next, b back, q quit, ? help: ";

/// One path of the lesson, computed when first needed.
struct Branch {
    variant: Option<String>,
    title: String,
    run: Option<Run>,
}

/// Runs plain mode: prints the lesson step by step and reads commands from `input` until `q`
/// or the end of input.
///
/// # Errors
/// Writing to `out` or reading `input` failed. A run that cannot be computed is reported in
/// the text, not as an error.
pub fn run(
    scenario: &Scenario,
    options: &Options,
    input: &mut dyn BufRead,
    out: &mut dyn Write,
) -> io::Result<()> {
    let file = &scenario.file;
    let mut branches: Vec<Branch> = std::iter::once(Branch {
        variant: None,
        title: "the main path".to_owned(),
        run: None,
    })
    .chain(file.variants.iter().map(|v| Branch {
        variant: Some(v.id.clone()),
        title: v.title.clone(),
        run: None,
    }))
    .collect();
    let mut branch = 0;
    if let Some(wanted) = &options.variant {
        match branches
            .iter()
            .position(|b| b.variant.as_deref() == Some(wanted))
        {
            Some(i) => branch = i,
            None => writeln!(
                out,
                "There is no variant `{wanted}`; showing the main path."
            )?,
        }
    }
    let minutes = file
        .scenario
        .minutes
        .map_or_else(String::new, |m| format!(" (about {m} minutes)"));
    writeln!(out, "{}{minutes}", file.scenario.title)?;
    if let Some(summary) = &file.scenario.summary {
        writeln!(out, "{summary}")?;
    }
    let branch_count = branches.len();
    let mut step = options.step.unwrap_or(1).saturating_sub(1);
    let mut announce = true;
    loop {
        let b = &mut branches[branch];
        if b.run.is_none() {
            match crate::flow::run(scenario, b.variant.as_deref(), options.seed) {
                Ok(run) => b.run = Some(run),
                Err(e) => {
                    writeln!(out, "This branch cannot be run: {e}")?;
                    return Ok(());
                }
            }
        }
        let Some(run) = &b.run else { return Ok(()) };
        let total = run.frames.len();
        if announce {
            writeln!(out, "Branch: {} ({total} steps).", b.title)?;
            if let Some(note) = &run.pool.policy_note {
                writeln!(out, "Note: {note}")?;
            }
            announce = false;
        }
        if total == 0 {
            writeln!(out, "This branch has no steps.")?;
            return Ok(());
        }
        if step >= total {
            writeln!(
                out,
                "There is no step {}; this branch has {total} steps.",
                step + 1
            )?;
            step = total - 1;
        }
        for line in step_text(run, step, options.timings) {
            writeln!(out, "{line}")?;
        }
        // Read commands until one moves somewhere.
        loop {
            write!(out, "{PROMPT}")?;
            out.flush()?;
            let mut line = String::new();
            if input.read_line(&mut line)? == 0 {
                writeln!(out)?;
                return Ok(());
            }
            let command = line.trim();
            if options.echo {
                writeln!(out, "{command}")?;
            }
            match command {
                "" | "n" | "next" => {
                    if step + 1 < total {
                        step += 1;
                        break;
                    }
                    writeln!(
                        out,
                        "That was the last step. Outcome: {}. Type b to go back, v for another branch, q to quit.",
                        run.outcome.trim_end_matches('.')
                    )?;
                }
                "b" | "back" => {
                    if step > 0 {
                        step -= 1;
                        break;
                    }
                    writeln!(out, "This is the first step.")?;
                }
                "q" | "quit" | "exit" => return Ok(()),
                "?" | "h" | "help" => writeln!(out, "{HELP}")?,
                "v" => {
                    if branch_count < 2 {
                        writeln!(out, "This lesson has no other branch.")?;
                        continue;
                    }
                    branch = (branch + 1) % branch_count;
                    announce = true;
                    break;
                }
                _ => match command.parse::<usize>() {
                    Ok(n) if (1..=total).contains(&n) => {
                        step = n - 1;
                        break;
                    }
                    Ok(n) => writeln!(
                        out,
                        "There is no step {n}; this branch has steps 1 to {total}."
                    )?,
                    Err(_) => writeln!(
                        out,
                        "Unknown command `{command}`. Enter next, b back, q quit, a number to jump, v branch, ? help."
                    )?,
                },
            }
        }
    }
}
