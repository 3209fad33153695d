//! Plain mode: the lesson as linear lines of text, for screen readers and pipes (`--plain`, or
//! automatically when stdout is not a terminal or `TERM=dumb`). No box drawing, no cursor
//! movement, no colour: one step at a time, then a prompt read from stdin line by line.
//!
//! ```text
//! Step 2 of 5: App sends credentials to Cognito. Cognito response: Checking credentials. Result: Waiting for response.
//! ```
//!
//! Stepping forward onto a step with a prediction asks it first, as a line prompt (a letter;
//! Enter or `s` skips), then shows the step. Progress is saved as in the TUI.

use std::io::{self, BufRead, Write};

use crate::flow::{Change, Check, Frame, Outcome, Run, Vars};
use crate::progress::{Recorder, ScenarioKey};
use crate::quiz::{PredictionLog, letter_list, letter_str, parse_choice, prediction_for};
use crate::scenario::Scenario;
use crate::scenario::model::Prediction;

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
    /// `step` and `variant` come from saved progress: say so ("Resumed at step 3 — type g
    /// to start over").
    pub resumed: bool,
    /// Predictions this learner already made (not asked again).
    pub predictions: PredictionLog,
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
    if crate::flow::vars::looks_like_jwt(value) {
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
    if let Some(line) = cognito_checks(&frame.cognito_checks) {
        out.push(line);
    }
    for cost in &frame.crypto {
        let time = if timings {
            format!(" took {:.0} ms", cost.elapsed.as_secs_f64() * 1000.0)
        } else {
            String::new()
        };
        out.push(format!(
            "  Cryptography: {} ({}){time}: {}.",
            cost.operation,
            cost.params,
            cost.why()
        ));
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

/// What Cognito checked at the credentials step, in one line: the checks that passed, then
/// each one that failed with why. `None` when the step checked nothing.
fn cognito_checks(checks: &[Check]) -> Option<String> {
    if checks.is_empty() {
        return None;
    }
    let passed: Vec<&str> = checks
        .iter()
        .filter(|c| c.passed)
        .map(|c| c.name.as_str())
        .collect();
    let failed: Vec<String> = checks
        .iter()
        .filter(|c| !c.passed)
        .map(|c| format!("{}: FAILED, {}", c.name, c.detail.trim_end_matches('.')))
        .collect();
    let said = match (passed.is_empty(), failed.is_empty()) {
        (false, true) => format!("{}: all passed.", passed.join(", ")),
        (false, false) => format!("{}: passed; {}.", passed.join(", "), failed.join("; ")),
        (true, _) => format!("{}.", failed.join("; ")),
    };
    Some(format!("  Cognito checked: {said}"))
}

/// The help text of plain mode.
pub const HELP: &str = "Commands (type one and press Enter):
  Enter or n   next step (a step with a prediction asks it first)
  b            back one step
  g            first step
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

/// The prompt of a prediction.
pub const PREDICT_PROMPT: &str = "Your prediction (a letter; Enter or s skips): ";

/// Runs plain mode, saving nothing: prints the lesson step by step and reads commands from
/// `input` until `q` or the end of input.
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
    let mut recorder = Recorder::off(ScenarioKey::of(scenario));
    run_recorded(
        scenario,
        options,
        &mut recorder,
        input,
        out,
        &mut io::sink(),
    )
}

/// What the learner did with a prediction.
enum Predicted {
    /// Chose this letter (0 = A).
    Choice(usize),
    /// Enter or `s`.
    Skipped,
    /// `q`.
    Quit,
    /// End of input.
    End,
}

/// Where plain mode reads and writes.
struct Io<'a> {
    input: &'a mut dyn BufRead,
    out: &'a mut dyn Write,
    /// Write each line read after its prompt (see [`Options::echo`]).
    echo: bool,
}

/// Asks `prediction` before step `frame` of `total`, re-asking after a line that is not a
/// choice.
fn ask_prediction(
    prediction: &Prediction,
    frame: &Frame,
    total: usize,
    io: &mut Io<'_>,
) -> io::Result<Predicted> {
    let Io { input, out, echo } = io;
    writeln!(
        out,
        "Predict before step {} of {total}: {}",
        frame.number,
        prediction.prompt.trim()
    )?;
    for (i, choice) in prediction.choices.iter().enumerate() {
        writeln!(out, "  {}) {choice}", letter_str(i))?;
    }
    loop {
        write!(out, "{PREDICT_PROMPT}")?;
        out.flush()?;
        let mut line = String::new();
        if input.read_line(&mut line)? == 0 {
            writeln!(out)?;
            return Ok(Predicted::End);
        }
        let answer = line.trim();
        if *echo {
            writeln!(out, "{answer}")?;
        }
        match answer.to_ascii_lowercase().as_str() {
            "" | "s" | "skip" => return Ok(Predicted::Skipped),
            "q" | "quit" | "exit" => return Ok(Predicted::Quit),
            _ => {}
        }
        match parse_choice(answer) {
            Some(i) if i < prediction.choices.len() => return Ok(Predicted::Choice(i)),
            _ => writeln!(
                out,
                "Please type {}, or press Enter to skip.",
                letter_list(prediction.choices.len())
            )?,
        }
    }
}

/// Predictions in one sitting of plain mode: those made (now and in earlier sittings) and
/// those skipped. Each is asked once per step and branch.
struct Predictions {
    log: PredictionLog,
}

impl Predictions {
    /// Asks the prediction of `frame` when it has one not yet made or skipped on `variant`,
    /// grades and saves the answer. Returns false when the learner quit or input ended.
    fn ask_before(
        &mut self,
        steps: &[crate::scenario::model::StepSpec],
        frame: &Frame,
        variant: Option<&str>,
        total: usize,
        recorder: &mut Recorder,
        io: &mut Io<'_>,
    ) -> io::Result<bool> {
        let done = self.log.is_done(frame.step_index, variant);
        let Some(prediction) = prediction_for(steps, frame).filter(|_| !done) else {
            return Ok(true);
        };
        match ask_prediction(prediction, frame, total, io)? {
            Predicted::End | Predicted::Quit => return Ok(false),
            Predicted::Skipped => {
                if self.log.skip(frame.step_index, variant) {
                    recorder.prediction_skipped(frame.step_index, variant);
                }
                writeln!(io.out, "Skipped the prediction.")?;
            }
            Predicted::Choice(choice) => {
                for line in grade_prediction(&mut self.log, steps, frame, variant, choice, recorder)
                {
                    writeln!(io.out, "{line}")?;
                }
            }
        }
        Ok(true)
    }
}

/// A prediction's choice as a sentence part: `B) NotAuthorizedException: Incorrect username
/// or password` (its own full stop dropped, the sentence adds one).
fn choice_text(prediction: &Prediction, i: usize) -> String {
    let text = prediction.choices.get(i).map_or("", String::as_str);
    format!("{}) {}", letter_str(i), text.trim().trim_end_matches('.'))
}

/// Grades `choice` for the prediction of `frame`, logs and saves it, and returns what to say:
/// right or not, why, and the score so far.
fn grade_prediction(
    log: &mut PredictionLog,
    steps: &[crate::scenario::model::StepSpec],
    frame: &Frame,
    variant: Option<&str>,
    choice: usize,
    recorder: &mut Recorder,
) -> Vec<String> {
    let Some(prediction) = prediction_for(steps, frame) else {
        return Vec::new();
    };
    let verdict = match log.record_frame(steps, frame, variant, choice) {
        Ok(Some(verdict)) => verdict,
        Ok(None) => return Vec::new(),
        Err(e) => return vec![format!("This prediction cannot be graded: {e}")],
    };
    if verdict.counted
        && let Some(entry) = log.get(frame.step_index, variant)
    {
        recorder.prediction(entry);
    }
    let said = choice_text(prediction, choice);
    let mut lines = vec![if verdict.correct {
        format!("Right: you predicted {said}.")
    } else {
        format!(
            "Not quite: you predicted {said}; the answer is {}.",
            choice_text(prediction, verdict.right_choice)
        )
    }];
    if let Some(why) = &verdict.explanation {
        lines.push(format!("  Why: {}", sentence(&why.replace('\n', " "))));
    }
    let score = log.score();
    lines.push(format!(
        "Predictions: {} of {} right.",
        score.right, score.total
    ));
    lines
}

/// Runs plain mode, saving the learner's place and predictions through `recorder` and
/// writing its messages (a damaged file moved aside…) to `err`.
///
/// # Errors
/// As [`run`].
pub fn run_recorded(
    scenario: &Scenario,
    options: &Options,
    recorder: &mut Recorder,
    input: &mut dyn BufRead,
    out: &mut dyn Write,
    err: &mut dyn Write,
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
    let mut resumed = options.resumed;
    let mut predictions = Predictions {
        log: options.predictions.clone(),
    };
    // Set by "next": a prediction is asked only when stepping forward onto its step.
    let mut forward = false;
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
        if resumed {
            writeln!(out, "Resumed at step {} — type g to start over.", step + 1)?;
            resumed = false;
        }
        let variant = b.variant.as_deref();
        let frame = &run.frames[step];
        if forward {
            forward = false;
            let mut io = Io {
                input: &mut *input,
                out: &mut *out,
                echo: options.echo,
            };
            if !predictions.ask_before(&file.steps, frame, variant, total, recorder, &mut io)? {
                return Ok(());
            }
        }
        recorder.step(frame.number, variant);
        for message in recorder.take_messages() {
            writeln!(err, "cogflow: {message}")?;
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
                        forward = true;
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
                "g" | "first" => {
                    step = 0;
                    break;
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
                        "Unknown command `{command}`. Enter next, b back, g first, q quit, a number to jump, v branch, ? help."
                    )?,
                },
            }
        }
    }
}
