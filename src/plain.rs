//! Plain mode: the lesson as linear lines of text, for screen readers and pipes (`--plain`, or
//! automatically when stdout is not a terminal or `TERM=dumb`). No box drawing, no cursor
//! movement, no colour: one step at a time, then a prompt read from stdin line by line.
//!
//! ```text
//! Step 2 of 5: App sends credentials to Cognito. Cognito response: Checking credentials. Result: Waiting for response.
//! ```
//!
//! Where the learner is moves through the TUI's own navigation machine ([`crate::app::nav`]):
//! the same steps, the same refusals ("There is no step 9"), the same predictions (asked when
//! stepping forward onto their step, once per branch), said in plain mode's words and
//! commands. Lines are read by the one line reader of the plain front-ends ([`lines`]).
//! Progress is saved as in the TUI.

pub mod lines;

use std::io::{self, BufRead, Write};

use crate::app::Mode;
use crate::app::nav::{
    self, BranchFacts, Effect, Event, Nav, Notice, Pick, Place, Refusal, Towards, World,
};
use crate::flow::{Change, Frame, Outcome, Run, Vars};
use crate::progress::{Recorder, ScenarioKey};
use crate::quiz::{PredictionLog, letter_list_in, letter_str, parse_choice, prediction_for};
use crate::scenario::Scenario;
use crate::scenario::model::Prediction;
use crate::words::{Word, Words};
use lines::Lines;

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
    /// `step` and `variant` come from saved progress: say so ("Resumed at step 3 — g goes
    /// to step 1 · reset starts the lesson over"; `reset` asks, then does it).
    pub resumed: bool,
    /// Predictions this learner already made (not asked again).
    pub predictions: PredictionLog,
}

/// `Step 2 of 5: App sends credentials to Cognito. Cognito response: Checking credentials.
/// Result: Waiting for response.` — the issue's line format.
#[must_use]
pub fn step_line(frame: &Frame, total: Option<usize>, words: &Words) -> String {
    let of = total.map_or_else(String::new, |t| {
        words.fill(Word::PlainOf, &[("total", &t.to_string())])
    });
    let said = |text: &str| {
        if text.trim().is_empty() {
            words.get(Word::PlainNothing).to_owned()
        } else {
            sentence(words.value(text))
        }
    };
    words.fill(
        Word::PlainStep,
        &[
            ("n", &frame.number.to_string()),
            ("of", &of),
            ("action", &said(&frame.row.action)),
            ("response", &said(&frame.row.response)),
            ("result", &said(&frame.row.result)),
        ],
    )
}

/// At least the columns [`step_line`] takes, without writing it: its bytes bound its width
/// (no character is wider than its UTF-8 bytes), so a long transcript knows which lines fit
/// on one line without making them. `None` when a part holds a `{` (a placeholder in a value
/// could be filled too) or a line break: then only the line itself tells.
#[must_use]
pub fn step_line_width_at_most(
    frame: &Frame,
    total: Option<usize>,
    words: &Words,
) -> Option<usize> {
    let row = &frame.row;
    let parts = [&row.action, &row.response, &row.result];
    if parts.iter().any(|p| p.contains(['{', '\n'])) {
        return None;
    }
    let digits = |n: usize| n.checked_ilog10().map_or(1, |d| d as usize + 1);
    let of = total.map_or(0, |t| words.get(Word::PlainOf).len() + digits(t));
    let nothing = words.get(Word::PlainNothing).len();
    // A part is said as itself and a full stop, "none." or the "nothing" word.
    let said = |text: &str| {
        (words.value(text).len() + 1)
            .max(nothing)
            .max("none.".len())
    };
    Some(
        words.get(Word::PlainStep).len()
            + digits(frame.number)
            + of
            + parts.iter().map(|p| said(p)).sum::<usize>(),
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
fn say_value(value: &str, words: &Words) -> String {
    if crate::flow::vars::looks_like_jwt(value) {
        words.fill(Word::PlainJwt, &[("n", &value.len().to_string())])
    } else if value.chars().count() > 64 {
        // An SRP number or a token: shortened here, printed whole where it is computed.
        crate::flow::vars::abbreviate(value)
    } else {
        words.value(value).to_owned()
    }
}

/// What changed at a step, in words: "authStatus: none to valid; token: set to a JWT…".
fn changes(before: &Vars, frame: &Frame, tracked: &[String], words: &Words) -> Option<String> {
    let parts: Vec<String> = frame
        .vars
        .0
        .iter()
        .filter(|v| v.change != Change::Same && tracked.iter().any(|t| t == v.name))
        .map(|v| {
            let old = say_value(before.value(v.name), words);
            let new = say_value(&v.value, words);
            words.fill(
                Word::PlainChange,
                &[("name", v.name), ("old", &old), ("new", &new)],
            )
        })
        .collect();
    (!parts.is_empty()).then(|| parts.join("; "))
}

/// Every line plain mode prints for one step.
#[must_use]
pub fn step_text(run: &Run, index: usize, timings: bool, words: &Words) -> Vec<String> {
    let Some(frame) = run.frames.get(index) else {
        return Vec::new();
    };
    let mut out = vec![step_line(frame, Some(run.frames.len()), words)];
    let before = index
        .checked_sub(1)
        .and_then(|i| run.frames.get(i))
        .map_or(&run.start, |f| &f.vars);
    if !frame.row.input.trim().is_empty() && frame.row.input != "N/A" {
        let input = sentence(&frame.row.input);
        out.push(format!(
            "  {}",
            words.fill(Word::PlainInput, &[("input", &input)])
        ));
    }
    if let Some(api) = &frame.api {
        let status = match (&frame.outcome, api.status) {
            (Outcome::Error { exception, message }, Some(code)) => words.fill(
                Word::PlainAnsweredError,
                &[
                    ("code", &code.to_string()),
                    ("exception", exception),
                    ("message", &sentence(message)),
                ],
            ),
            (_, Some(code)) => words.fill(Word::PlainAnswered, &[("code", &code.to_string())]),
            (_, None) => words.get(Word::PlainNotAnswered).to_owned(),
        };
        let call = words.fill(
            Word::PlainCall,
            &[("operation", &api.operation), ("status", &status)],
        );
        out.push(format!("  {call}"));
    }
    if let Some(text) = &frame.explanation {
        let text = text.replace('\n', " ");
        out.push(format!(
            "  {}",
            words.fill(Word::PlainWhy, &[("text", &text)])
        ));
    }
    if let Some(snippet) = &frame.snippet {
        out.push(format!("  {}", words.get(Word::PlainCode)));
        out.extend(snippet.lines().map(|line| format!("    {line}")));
    }
    if let Some(changed) = changes(before, frame, &run.tracked, words) {
        out.push(format!(
            "  {}",
            words.fill(Word::PlainChanged, &[("changed", &changed)])
        ));
    }
    if let Some(line) = words.checks_line(&frame.cognito_checks) {
        out.push(format!("  {line}"));
    }
    out.extend(crate::flow::authorize::text_lines(frame, words, "  "));
    let previous = index.checked_sub(1).and_then(|i| run.frames.get(i));
    for value in frame.srp_new(previous) {
        let said = words.fill(
            Word::PlainSrp,
            &[
                ("side", &words.said(value.side.name())),
                ("name", &value.name),
                ("meaning", &words.said(&value.meaning)),
                ("value", &value.value),
            ],
        );
        out.push(format!("  {said}"));
    }
    for cost in &frame.crypto {
        let time = if timings {
            let ms = format!("{:.0}", cost.elapsed.as_secs_f64() * 1000.0);
            words.fill(Word::PlainTook, &[("ms", &ms)])
        } else {
            String::new()
        };
        let said = words.fill(
            Word::PlainCrypto,
            &[
                ("operation", &words.said(&cost.operation)),
                ("params", &words.said(&cost.params)),
                ("time", &time),
                ("why", &words.said(cost.why())),
            ],
        );
        out.push(format!("  {said}"));
    }
    if let Some(v) = &frame.verification {
        for check in &v.checks {
            let verdict = if check.passed {
                Word::PlainCheckPassed
            } else {
                Word::PlainCheckFailed
            };
            let said = words.fill(
                verdict,
                &[
                    ("name", &words.said(&check.name)),
                    ("detail", &words.said(&sentence(&check.detail))),
                ],
            );
            out.push(format!("  {said}"));
        }
    }
    for note in &frame.notes {
        out.push(format!(
            "  {}{}",
            words.get(Word::Note),
            words.said(&sentence(note))
        ));
    }
    out
}

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

/// One branch of the lesson, computed when first shown.
struct Branch {
    variant: Option<String>,
    title: String,
    run: Option<Run>,
}

/// The lesson in plain mode: its branches, where the learner is, the predictions made.
struct Lesson<'a> {
    scenario: &'a Scenario,
    seed: u64,
    branches: Vec<Branch>,
    nav: Nav,
    log: PredictionLog,
}

impl Lesson<'_> {
    fn branch(&self) -> &Branch {
        &self.branches[self.nav.branch()]
    }

    /// What the navigation machine reads: the runs computed so far.
    fn world(&self) -> World {
        let steps = &self.scenario.file.steps;
        let branches = self
            .branches
            .iter()
            .map(|b| match &b.run {
                Some(run) => BranchFacts::of(
                    &run.frames,
                    steps,
                    &self.log,
                    b.variant.as_deref(),
                    true,
                    Some(run.frames.len()),
                ),
                None => BranchFacts::default(),
            })
            .collect();
        World {
            ask_name: false,
            branches,
            file_steps: steps.len().max(1),
        }
    }

    /// The frame on screen.
    fn shown(&self) -> usize {
        self.nav.shown(&self.world())
    }

    /// Computes the branch shown if it is not yet (on this thread: plain mode waits anyway).
    fn compute(&mut self) -> Result<(), crate::flow::FlowError> {
        let b = self.nav.branch();
        if self.branches[b].run.is_none() {
            let run = crate::flow::run(
                self.scenario,
                self.branches[b].variant.as_deref(),
                self.seed,
            )?;
            self.branches[b].run = Some(run);
        }
        Ok(())
    }

    /// Moves through the machine; the effects to carry out, or why it cannot move.
    fn send(&mut self, event: Event) -> Result<Vec<Effect>, Refusal> {
        let moved = nav::transition(&self.nav, event, &self.world())?;
        self.nav = moved.nav;
        Ok(moved.effects)
    }
}

/// What the learner did with a prediction.
enum Predicted {
    /// Chose this letter (0 = A).
    Choice(usize),
    /// Enter or `s`.
    Skipped,
    /// `q`, or the end of input.
    Stop,
}

/// Asks `prediction` before step `frame` of `total`, re-asking after a line that is not a
/// choice.
fn ask_prediction(
    prediction: &Prediction,
    frame: &Frame,
    total: usize,
    lines: &mut Lines<'_>,
    words: &Words,
) -> io::Result<Predicted> {
    let asked = words.fill(
        Word::PlainPredictBefore,
        &[
            ("n", &frame.number.to_string()),
            ("total", &total.to_string()),
            ("prompt", prediction.prompt.trim()),
        ],
    );
    writeln!(lines.out, "{asked}")?;
    for (i, choice) in prediction.choices.iter().enumerate() {
        writeln!(lines.out, "  {}) {choice}", letter_str(i))?;
    }
    loop {
        let Some(line) = lines.ask_line(words.get(Word::PlainPredictPrompt))? else {
            return Ok(Predicted::Stop);
        };
        let answer = line.trim();
        match answer.to_ascii_lowercase().as_str() {
            "" | "s" | "skip" => return Ok(Predicted::Skipped),
            "q" | "quit" | "exit" => return Ok(Predicted::Stop),
            _ => {}
        }
        match parse_choice(answer) {
            Some(i) if i < prediction.choices.len() => return Ok(Predicted::Choice(i)),
            _ => {
                let letters = letter_list_in(prediction.choices.len(), words.get(Word::Or));
                let please = words.fill(Word::PlainPleaseType, &[("letters", &letters)]);
                writeln!(lines.out, "{please}")?;
            }
        }
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
    words: &Words,
) -> Vec<String> {
    let Some(prediction) = prediction_for(steps, frame) else {
        return Vec::new();
    };
    let verdict = match log.record_frame(steps, frame, variant, choice) {
        Ok(Some(verdict)) => verdict,
        Ok(None) => return Vec::new(),
        Err(e) => return vec![words.fill(Word::PlainUngradable, &[("error", &e.to_string())])],
    };
    if verdict.counted
        && let Some(entry) = log.get(frame.step_index, variant)
    {
        recorder.prediction(entry);
    }
    let said = choice_text(prediction, choice);
    let mut lines = vec![if verdict.correct {
        words.fill(Word::PlainRight, &[("said", &said)])
    } else {
        let answer = choice_text(prediction, verdict.right_choice);
        words.fill(Word::PlainNotQuite, &[("said", &said), ("answer", &answer)])
    }];
    if let Some(why) = &verdict.explanation {
        let why = sentence(&why.replace('\n', " "));
        lines.push(format!(
            "  {}",
            words.fill(Word::PlainWhy, &[("text", &why)])
        ));
    }
    let score = log.score();
    lines.push(words.fill(
        Word::PredictScore,
        &[
            ("right", &score.right.to_string()),
            ("total", &score.total.to_string()),
        ],
    ));
    lines
}

/// The command a line is, as a move of the navigation machine; `Err` for what is not one
/// (help, or a word plain mode does not know).
fn command(line: &str) -> Result<Event, Option<&str>> {
    Ok(match line {
        "" | "n" | "next" => Event::Next,
        "b" | "back" => Event::Back,
        "g" | "first" => Event::First,
        "v" => Event::Branch(Towards::Next),
        "q" | "quit" | "exit" => Event::Quit,
        // As R in the TUI: the machine asks first (a confirmation), then starts over.
        "reset" => Event::StartOver,
        "?" | "h" | "help" => return Err(None),
        _ => match line.parse::<usize>() {
            Ok(n) => Event::GoTo(n),
            // A number too long for any step.
            Err(_) if !line.is_empty() && line.bytes().all(|b| b.is_ascii_digit()) => {
                Event::GoTo(usize::MAX)
            }
            Err(_) => return Err(Some(line)),
        },
    })
}

/// What plain mode says for a notice of the navigation machine (`None`: nothing to add).
fn say_notice(notice: &Notice, run: &Run, words: &Words) -> Option<String> {
    match notice {
        Notice::PassedPredictions(steps) => {
            Some(words.steps_sentence(steps, Word::PlainPassedOne, Word::PlainPassedMany))
        }
        Notice::RunEnded { .. } => Some(last_step(run, words)),
        // The branch line says it; the quiz detour and live sessions are the TUI's.
        Notice::Branch
        | Notice::DetourStep { .. }
        | Notice::Finding
        | Notice::NotOnBranch
        | Notice::Following => None,
    }
}

/// What plain mode says for a move the machine refuses.
fn say_refusal(refusal: &Refusal, run: &Run, words: &Words) -> Option<String> {
    let total = run.frames.len().to_string();
    Some(match refusal {
        Refusal::AtFirst => words.get(Word::AtFirst).to_owned(),
        Refusal::AtLast { .. } => last_step(run, words),
        Refusal::NoSuchStep { number, .. } if *number == usize::MAX => {
            words.fill(Word::PlainNoSuchStep, &[("total", &total)])
        }
        Refusal::NoSuchStep { number, .. } => words.fill(
            Word::NoStep,
            &[("n", &number.to_string()), ("total", &total)],
        ),
        Refusal::NoOtherBranch => words.get(Word::PlainNoOtherBranch).to_owned(),
        // Plain mode computes each branch before showing it, and has no quiz detour, no
        // live branch and no name question.
        Refusal::StillChecking { .. }
        | Refusal::NoNewerCall
        | Refusal::NoNumber
        | Refusal::PredictionWaiting { .. }
        | Refusal::NothingOpen
        | Refusal::NotInAnyRun
        | Refusal::NoSuchChoice
        | Refusal::CompareWithItself
        | Refusal::NoLessonList
        | Refusal::BadName(_)
        | Refusal::NotHere => return None,
    })
}

fn last_step(run: &Run, words: &Words) -> String {
    words.fill(
        Word::PlainLastStep,
        &[("outcome", run.outcome.trim_end_matches('.'))],
    )
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
    let words = scenario.words();
    let words = &words;
    let branches: Vec<Branch> = std::iter::once(Branch {
        variant: None,
        title: words.get(Word::PlainMainPath).to_owned(),
        run: None,
    })
    .chain(file.variants.iter().map(|v| Branch {
        variant: Some(v.id.clone()),
        title: v.title.clone(),
        run: None,
    }))
    .collect();
    let mut start = 0;
    if let Some(wanted) = &options.variant {
        match branches
            .iter()
            .position(|b| b.variant.as_deref() == Some(wanted))
        {
            Some(i) => start = i,
            None => writeln!(
                out,
                "{}",
                words.fill(Word::PlainNoVariant, &[("wanted", wanted)])
            )?,
        }
    }
    let minutes = file.scenario.minutes.map_or_else(String::new, |m| {
        words.fill(Word::PlainMinutes, &[("n", &m.to_string())])
    });
    writeln!(out, "{}{minutes}", file.scenario.title)?;
    if let Some(summary) = &file.scenario.summary {
        writeln!(out, "{summary}")?;
    }
    // As the README says: the seed is printed, so any run (a fresh seed too) can be repeated.
    let seed = options.seed.to_string();
    writeln!(out, "{}", words.fill(Word::PlainSeed, &[("seed", &seed)]))?;
    let first_step = options.step.unwrap_or(1).saturating_sub(1);
    let mut lesson = Lesson {
        scenario,
        seed: options.seed,
        branches,
        nav: Nav::new(start, Place::At(first_step), Mode::StepThrough),
        log: options.predictions.clone(),
    };
    let mut lines = Lines::new(input, out, options.echo);
    // The branch last announced, the policy notes said, and the frame last printed.
    let mut announced = None;
    let mut notes_said: Vec<String> = Vec::new();
    let mut printed = None;
    let mut resumed = options.resumed;
    let mut said: Vec<String> = Vec::new();
    loop {
        if let Err(e) = lesson.compute() {
            let said = words.fill(Word::PlainCannotRun, &[("error", &e.to_string())]);
            writeln!(lines.out, "{said}")?;
            return Ok(());
        }
        // The frames are there: the machine settles a place that waited for them.
        if let Ok(effects) = lesson.send(Event::Arrived) {
            said.extend(effects_said(&effects, &lesson, words));
        }
        let b = lesson.nav.branch();
        let Some(run) = lesson.branches[b].run.as_ref() else {
            return Ok(());
        };
        let total = run.frames.len();
        if announced != Some(b) {
            let name = if b == 0 {
                words.get(Word::PlainMainPath).to_owned()
            } else {
                lesson.branch().title.clone()
            };
            writeln!(
                lines.out,
                "{}",
                words.fill(
                    Word::PlainBranch,
                    &[("name", &name), ("total", &total.to_string())]
                )
            )?;
            // What the branch is about, as the TUI says on switching to it (issue 8).
            let variant = lesson.branch().variant.as_deref();
            if let Some(about) = scenario
                .file
                .variants
                .iter()
                .find(|v| Some(v.id.as_str()) == variant)
                .and_then(|v| v.description.as_deref())
            {
                writeln!(lines.out, "  {about}")?;
            }
            // The pool's note (a relaxed policy) once, not after every branch switch.
            if let Some(note) = &run.pool.policy_note
                && !notes_said.contains(note)
            {
                writeln!(lines.out, "{}{note}", words.get(Word::Note))?;
                notes_said.push(note.clone());
            }
            announced = Some(b);
            if printed.is_none() && first_step >= total && total > 0 {
                let said = words.fill(
                    Word::PlainNoStartStep,
                    &[
                        ("n", &(first_step + 1).to_string()),
                        ("total", &total.to_string()),
                    ],
                );
                writeln!(lines.out, "{said}")?;
            }
        }
        if total == 0 {
            writeln!(lines.out, "{}", words.get(Word::PlainNoSteps))?;
            return Ok(());
        }
        for text in said.drain(..) {
            writeln!(lines.out, "{text}")?;
        }
        if resumed {
            let n = (lesson.shown() + 1).to_string();
            writeln!(
                lines.out,
                "{}",
                words.fill(Word::PlainResumed, &[("n", &n)])
            )?;
            resumed = false;
        }
        let variant = lesson.branch().variant.clone();
        if let Some(ask) = lesson.nav.overlay().base().prediction() {
            let frame = &run.frames[ask.index];
            let Some(prediction) = prediction_for(&file.steps, frame) else {
                let _ = lesson.send(Event::SkipPrediction);
                continue;
            };
            let event = match ask_prediction(prediction, frame, total, &mut lines, words)? {
                Predicted::Stop => return Ok(()),
                Predicted::Skipped => Event::SkipPrediction,
                Predicted::Choice(i) => {
                    let _ = lesson.send(Event::Choose(Pick::Letter(i)));
                    Event::Predict
                }
            };
            let effects = lesson.send(event).unwrap_or_default();
            for effect in effects {
                match effect {
                    Effect::Predicted { index, choice } => {
                        let frame = lesson
                            .branch()
                            .run
                            .as_ref()
                            .map(|r| r.frames[index].clone());
                        if let Some(frame) = frame {
                            let graded = grade_prediction(
                                &mut lesson.log,
                                &file.steps,
                                &frame,
                                variant.as_deref(),
                                choice,
                                recorder,
                                words,
                            );
                            said.extend(graded);
                        }
                    }
                    Effect::SkippedPrediction { index } => {
                        let step_index = lesson
                            .branch()
                            .run
                            .as_ref()
                            .map(|r| r.frames[index].step_index);
                        if let Some(step_index) = step_index
                            && lesson.log.skip(step_index, variant.as_deref())
                        {
                            recorder.prediction_skipped(step_index, variant.as_deref());
                        }
                        said.push(words.get(Word::PlainSkipped).to_owned());
                    }
                    Effect::Request(_)
                    | Effect::QuizGoTo(_)
                    | Effect::Say(_)
                    | Effect::OpenLesson(_)
                    | Effect::Named(_)
                    | Effect::NameSkipped
                    | Effect::StartOver
                    | Effect::Pass
                    | Effect::Quit => {}
                }
            }
            for text in said.drain(..) {
                writeln!(lines.out, "{text}")?;
            }
            continue;
        }
        let shown = lesson.shown();
        if printed != Some((b, shown)) {
            recorder.step(shown + 1, variant.as_deref());
            for message in recorder.take_messages() {
                writeln!(err, "cogflow: {message}")?;
            }
            for line in step_text(run, shown, options.timings, words) {
                writeln!(lines.out, "{line}")?;
            }
            printed = Some((b, shown));
        }
        // Read commands until one moves somewhere (or quits).
        let Some(line) = lines.ask_line(words.get(Word::PlainPrompt))? else {
            return Ok(());
        };
        let line = line.trim();
        match command(line) {
            Ok(Event::Quit) => return Ok(()),
            Ok(Event::StartOver) => {
                let Some(done) = start_over(&mut lesson, &mut lines, recorder, words)? else {
                    return Ok(());
                };
                if done {
                    // Step 1 of the main path is printed again, its branch announced.
                    printed = None;
                    announced = None;
                }
                said.push(
                    words
                        .get(if done {
                            Word::StartedOver
                        } else {
                            Word::PlainKept
                        })
                        .to_owned(),
                );
            }
            Ok(event) => match lesson.send(event) {
                Ok(effects) => said.extend(effects_said(&effects, &lesson, words)),
                Err(refusal) => {
                    if let Some(run) = lesson.branch().run.as_ref() {
                        said.extend(say_refusal(&refusal, run, words));
                    }
                }
            },
            Err(None) => said.push(words.get(Word::PlainHelp).to_owned()),
            Err(Some(word)) => said.push(words.fill(Word::PlainUnknown, &[("word", word)])),
        }
    }
}

/// `reset`: asks yes or no, as R's confirmation in the TUI (the same machine), and on yes
/// forgets the lesson's saved step, predictions and quiz answers ([`Recorder::start_over`]) and
/// goes to step 1 of the main path. `Some(true)` when it started over, `Some(false)` when the
/// learner said no, `None` at the end of the input.
fn start_over(
    lesson: &mut Lesson<'_>,
    lines: &mut Lines<'_>,
    recorder: &mut Recorder,
    words: &Words,
) -> io::Result<Option<bool>> {
    if lesson.send(Event::StartOver).is_err() {
        return Ok(Some(false));
    }
    let Some(yes) = lines.ask_yes(words.get(Word::PlainStartOverAsk))? else {
        return Ok(None);
    };
    let effects = lesson
        .send(if yes { Event::Confirm } else { Event::BackOut })
        .unwrap_or_default();
    let started = effects.contains(&Effect::StartOver);
    if started {
        recorder.start_over();
        lesson.log = PredictionLog::new();
    }
    Ok(Some(started))
}

/// What plain mode says for the effects of a move (the notices; predictions are asked and
/// graded where they come up).
fn effects_said(effects: &[Effect], lesson: &Lesson<'_>, words: &Words) -> Vec<String> {
    let Some(run) = lesson.branch().run.as_ref() else {
        return Vec::new();
    };
    effects
        .iter()
        .filter_map(|effect| match effect {
            Effect::Say(notice) => say_notice(notice, run, words),
            Effect::Request(_)
            | Effect::QuizGoTo(_)
            | Effect::Predicted { .. }
            | Effect::SkippedPrediction { .. }
            | Effect::OpenLesson(_)
            | Effect::Named(_)
            | Effect::NameSkipped
            | Effect::StartOver
            | Effect::Pass
            | Effect::Quit => None,
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::flow::{Setup, lay_out};

    #[test]
    fn the_width_bound_of_a_step_line_is_never_less_than_its_width() {
        let mut lines = 0;
        for scenario in crate::scenario::builtins().unwrap() {
            let words = scenario.words();
            let run = lay_out(&Setup::main(&scenario.file), 1).unwrap();
            for frame in &run.frames {
                for total in [None, Some(run.frames.len()), Some(10_000)] {
                    let line = step_line(frame, total, &words);
                    let most = step_line_width_at_most(frame, total, &words).unwrap();
                    assert!(most >= crate::columns::width(&line), "{line:?}: {most}");
                    lines += 1;
                }
            }
        }
        assert!(lines > 100, "{lines}");
    }

    #[test]
    fn the_authorize_step_explains_each_parameter_as_the_step_panel_does() {
        let scenario = crate::scenario::resolve(Some("hosted-ui-pkce")).unwrap();
        let words = scenario.words();
        let run = lay_out(&Setup::main(&scenario.file), 1).unwrap();
        let index = run
            .frames
            .iter()
            .position(|f| {
                f.api
                    .as_ref()
                    .is_some_and(|a| a.operation == "GET /oauth2/authorize")
            })
            .unwrap();
        let text = step_text(&run, index, false, &words).join("\n");
        for line in [
            "  The authorize request, parameter by parameter",
            "  ✓ response_type = code",
            "  ✓ code_challenge_method = S256",
            "  · state = ",
            "      For: what the app wants back: code",
            "      Cognito checks: it is S256, Cognito takes no other",
        ] {
            assert!(text.contains(line), "no {line:?} in\n{text}");
        }
        // Only the authorize step has the section.
        let others = (0..run.frames.len())
            .filter(|&i| i != index)
            .flat_map(|i| step_text(&run, i, false, &words))
            .filter(|l| l.contains("parameter by parameter"))
            .count();
        assert_eq!(others, 0);
    }
}
