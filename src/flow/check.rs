//! `cogflow check`'s run-based checks: the main path and every variant are run through the
//! engine, and a quiz answer or a prediction that a run contradicts is reported where the file
//! says what proves it, naming the branch, the step and what the run showed.
//!
//! Steps are named one way in every message: by id when they have one, with their place in
//! the file (`step `verify` ([[steps]] #3)`), and, where a run is meant, the run's own number
//! (`run step 4`): in a run where some steps do not apply the two differ.
//!
//! The runs use the layout run's cryptography ([`Crypto::Layout`]: argon2id at its cheapest
//! cost, the built-in keys), which decides every step as the lesson's own does; only bytes
//! (hashes, signatures) differ, and those change with the seed, so no proof can rest on them.
//!
//! The simulation is bounded, so a valid but enormous file is refused with the limit it
//! reaches instead of a lesson that runs for minutes: at most [`MAX_SIMULATED_STEPS`] steps
//! over all the paths (known before anything runs), at most [`MAX_PASSWORD_HASHES`] argon2
//! computations (about 16 ms each in a learner's run; identical password checks are computed
//! once, so only distinct ones count) and at most [`MAX_SIGNATURES`] RS256 signatures (about
//! 1 ms each), both counted as they happen. Counts, not times, so whether a file passes never
//! depends on the machine.

use crate::cognito::{Asked, Work};
use crate::scenario::model::{Prediction, Question, StepRef};
use crate::scenario::vocab::{answer_index, choices_naming, letter_str};
use crate::scenario::{Diagnostic, Scenario, Severity};

use super::engine::setup::Setup;
use super::engine::{FlowError, Runner};
use super::frame::{Frame, Run};
use super::vars::is_unset;

/// A file loaded and checked as `cogflow check` checks it: the scenario, when it loaded, and
/// every diagnostic, the loader's and then `run_check`'s, in file order. `run_check` runs for a
/// file that loaded, and for one whose errors leave the run intact
/// ([`crate::scenario::LoadError::partial`]); pass [`check_run`] (tests pass a stand-in).
#[must_use]
pub fn check_path(
    path: &std::path::Path,
    run_check: Option<fn(&Scenario) -> Vec<Diagnostic>>,
) -> (Option<Scenario>, Vec<Diagnostic>) {
    check_loaded(crate::scenario::load_path(path), run_check)
}

/// [`check_path`] for a lesson already loaded (or not): a built-in's text, a file's.
#[must_use]
pub fn check_loaded(
    loaded: Result<Scenario, crate::scenario::LoadError>,
    run_check: Option<fn(&Scenario) -> Vec<Diagnostic>>,
) -> (Option<Scenario>, Vec<Diagnostic>) {
    let mut loaded = Loaded::new(loaded);
    if let Some(check) = run_check
        && let Some(lesson) = loaded.lesson()
    {
        let found = check(lesson);
        loaded.add_run_findings(found);
    }
    (loaded.scenario, loaded.found)
}

/// A file as loaded for [`check_loaded`], before and after its run-based check: what it loaded
/// to, and the diagnostics found so far.
pub struct Loaded {
    /// The scenario, when it loaded.
    pub scenario: Option<Scenario>,
    /// The loader's diagnostics, then (after [`Loaded::add_run_findings`]) the run's, in file
    /// order.
    pub found: Vec<Diagnostic>,
    /// The lesson as far as it was built, for a file whose errors leave the run intact.
    runnable: Option<Box<Scenario>>,
}

impl Loaded {
    /// What loading found.
    #[must_use]
    pub fn new(loaded: Result<Scenario, crate::scenario::LoadError>) -> Self {
        match loaded {
            Ok(loaded) => Self {
                found: loaded.warnings.clone(),
                scenario: Some(loaded),
                runnable: None,
            },
            Err(error) => Self {
                scenario: None,
                found: error.diagnostics,
                runnable: error.partial,
            },
        }
    }

    /// The lesson a run-based check runs: the scenario, or the partial one of a file whose
    /// errors leave the run intact ([`crate::scenario::LoadError::partial`]).
    #[must_use]
    pub fn lesson(&self) -> Option<&Scenario> {
        self.scenario.as_ref().or(self.runnable.as_deref())
    }

    /// Adds what the run-based check of [`Loaded::lesson`] found (what the loader found
    /// already once), all in file order.
    pub fn add_run_findings(&mut self, run_found: Vec<Diagnostic>) {
        for diagnostic in run_found {
            if !self.found.contains(&diagnostic) {
                self.found.push(diagnostic);
            }
        }
        // Stable: the static findings stay ahead of run findings at the same place.
        self.found.sort_by_key(|d| (d.line, d.col));
    }
}

/// The seed run-based checks use: proofs must hold whatever the seed, so any fixed one will do.
const CHECK_SEED: u64 = 1;

/// The most steps `check` simulates for one file: its steps times its paths (the main path and
/// each variant), steps a `when` skips included.
pub const MAX_SIMULATED_STEPS: usize = 200_000;

/// The most argon2 computations `check` runs for one file (distinct password checks and
/// hashes; about 16 ms each, so about 8 s in all).
pub const MAX_PASSWORD_HASHES: u64 = 500;

/// The most RS256 signatures `check` makes for one file (two a sign-in; about 1 ms each).
pub const MAX_SIGNATURES: u64 = 10_000;

/// How much simulation `check` may run for one file.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Limits {
    /// Steps times paths.
    pub steps: usize,
    /// argon2 computations.
    pub hashes: u64,
    /// RS256 signatures.
    pub signatures: u64,
    /// The cryptography the runs use.
    pub crypto: Crypto,
}

/// The cryptography `check`'s runs use.
///
/// Nothing a scenario file says sets argon2's cost or the signing keys (the pool's config
/// takes cogflow's own), and a run's steps, calls, answers and variables depend on what
/// Cognito decides, never on how costly a hash is or which key signs a token: that is what
/// lets a screen lay a lesson out before its real run ([`super::lay_out`]). So `check` runs
/// every path as the layout run does, argon2id at its cheapest real cost and tokens signed
/// by the built-in layout keys: the same decisions, other bytes, and no 19 MiB argon2id (16 ms
/// each) nor key generation. A test holds every built-in lesson and every invalid fixture to
/// the same diagnostics both ways.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub enum Crypto {
    /// The layout run's ([`Setup::for_layout`]): what `cogflow check` uses.
    #[default]
    Layout,
    /// The lesson's own (argon2id at OWASP's cost, the seed's keys), as a learner's run.
    Real,
}

impl Default for Limits {
    fn default() -> Self {
        Self {
            steps: MAX_SIMULATED_STEPS,
            hashes: MAX_PASSWORD_HASHES,
            signatures: MAX_SIGNATURES,
            crypto: Crypto::default(),
        }
    }
}

/// Runs the main path and every variant, then checks each question's `proof` and each
/// prediction against every run. Returns the problems found (empty when all hold), or the one
/// limit the simulation would exceed.
#[must_use]
pub fn check_run(scenario: &Scenario) -> Vec<Diagnostic> {
    check_run_within(scenario, Limits::default())
}

/// [`check_run`] within `limits`: the paths one after the other, on this thread.
#[must_use]
pub fn check_run_within(scenario: &Scenario, limits: Limits) -> Vec<Diagnostic> {
    if let Some(too_many) = too_many_steps(scenario, limits.steps) {
        return vec![too_many];
    }
    let budget = Budget::default();
    let mut runs: Runs = Vec::new();
    for variant in paths(scenario) {
        match run_within_budget(scenario, variant, &budget, limits) {
            Ok(run) => runs.push((variant.cloned(), run)),
            Err(over) => return vec![over],
        }
    }
    check_runs(scenario, runs)
}

/// The paths [`check_run`] runs: the main path (`None`), then each variant in file order.
pub fn paths(scenario: &Scenario) -> impl Iterator<Item = Option<&String>> {
    std::iter::once(None).chain(scenario.file.variants.iter().map(|v| Some(&v.id)))
}

/// [`check_run`] with its paths run as separate pieces of work, for `cogflow check` to spread
/// over threads: [`Paths::new`] (nothing run yet), [`Paths::run`] of each path in any order and
/// on any thread, then [`Paths::finish`]. The diagnostics are [`check_run`]'s, the same ones in
/// the same order.
pub struct Paths<'s> {
    scenario: &'s Scenario,
    limits: Limits,
    /// What every path of the file has run so far, together: once over a limit, every path
    /// stops, and [`Paths::finish`] runs the file as [`check_run`] does to say where.
    budget: Budget,
    /// The file is too big to run at all.
    too_many: Option<Diagnostic>,
}

/// One path's run for [`Paths::finish`], `None` when it stopped at a limit.
pub type PathRun = Option<Result<Run, FlowError>>;

impl<'s> Paths<'s> {
    /// The paths of `scenario`, within the default [`Limits`].
    #[must_use]
    pub fn new(scenario: &'s Scenario) -> Self {
        Self::within(scenario, Limits::default())
    }

    /// The paths of `scenario`, within `limits`.
    #[must_use]
    pub fn within(scenario: &'s Scenario, limits: Limits) -> Self {
        Self {
            scenario,
            limits,
            budget: Budget::default(),
            too_many: too_many_steps(scenario, limits.steps),
        }
    }

    /// How many paths there are to [`Paths::run`] (none for a file too big to run).
    #[must_use]
    pub fn len(&self) -> usize {
        if self.too_many.is_some() {
            0
        } else {
            1 + self.scenario.file.variants.len()
        }
    }

    /// Whether there is no path to run.
    #[must_use]
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// Runs path `index` ([`paths`]' order): `None` when the file's paths together passed a
    /// limit (this one or another stopped there).
    #[must_use]
    pub fn run(&self, index: usize) -> PathRun {
        let variant = paths(self.scenario).nth(index)?;
        run_within_budget(self.scenario, variant, &self.budget, self.limits).ok()
    }

    /// The diagnostics, from each path's [`Paths::run`] in [`paths`]' order.
    #[must_use]
    pub fn finish(self, runs: Vec<PathRun>) -> Vec<Diagnostic> {
        if let Some(too_many) = self.too_many {
            return vec![too_many];
        }
        let mut kept: Runs = Vec::with_capacity(runs.len());
        for (variant, run) in paths(self.scenario).zip(runs) {
            match run {
                Some(run) => kept.push((variant.cloned(), run)),
                // Where the file passes its limit depends on the paths' order: run them in
                // order as `check_run` does (what was computed is kept, so this is cheap).
                None => return check_run_within(self.scenario, self.limits),
            }
        }
        check_runs(self.scenario, kept)
    }
}

/// The checks of [`check_run`] over the runs of every path.
fn check_runs(scenario: &Scenario, runs: Runs) -> Vec<Diagnostic> {
    let check = Checker { scenario, runs };
    let mut problems = check.failed_runs();
    for (q, question) in scenario.file.questions.iter().enumerate() {
        problems.extend(check.proof(q, question));
    }
    for (s, step) in scenario.file.steps.iter().enumerate() {
        if let Some(predict) = &step.predict {
            problems.extend(check.prediction(s, predict));
        }
    }
    problems.extend(check.codes_never_sent());
    problems.extend(check.lab_solutions());
    free_elsewhere(check.runs);
    problems
}

/// Runs of more frames than this are freed on a thread of their own ([`free_elsewhere`]).
const FREED_ELSEWHERE_FROM: usize = 2_000;

/// Drops `runs` on a thread of its own when they are big, so the caller goes on at once:
/// freeing a 10,000-step file's two runs (20,000 frames, 140 MB) took 125 ms of the 580 ms of
/// its `cogflow check`, on the thread that then prints (perf: malloc_consolidate, _int_free).
/// A process that ends first frees them all at once; small runs are dropped here (a thread
/// costs more than freeing them).
fn free_elsewhere(runs: Runs) {
    let frames: usize = runs
        .iter()
        .filter_map(|(_, run)| run.as_ref().ok())
        .map(|run| run.frames.len())
        .sum();
    if frames < FREED_ELSEWHERE_FROM {
        return;
    }
    // If no thread can be started, the failed spawn drops them here instead.
    let _ = std::thread::Builder::new()
        .name("cogflow-free".to_owned())
        .spawn(move || drop(runs));
}

/// Every run of a scenario: the main path (`None`) first, then the variants in file order.
type Runs = Vec<(Option<String>, Result<Run, FlowError>)>;

/// The variant at which the steps of all paths so far pass `limit`, if one does.
fn too_many_steps(scenario: &Scenario, limit: usize) -> Option<Diagnostic> {
    let steps = scenario.file.steps.len();
    let paths = 1 + scenario.file.variants.len();
    if steps.saturating_mul(paths) <= limit {
        return None;
    }
    // The first variant whose run would go past the limit: (its index + 2) paths of steps.
    let first_over = (limit / steps.max(1)).saturating_sub(1);
    let (at, what) = match scenario.file.variants.get(first_over) {
        Some(variant) => (
            format!("variants[{first_over}]"),
            format!("variant `{}`", variant.id),
        ),
        None => ("steps".to_owned(), "the main path".to_owned()),
    };
    Some(error(
        scenario,
        &at,
        format!(
            "too big to check: {steps} steps on {paths} paths (the main path and {} variants) \
             would be {} simulated steps, and `cogflow check` simulates at most \
             {limit}; {what} is the first past the limit",
            paths - 1,
            steps.saturating_mul(paths)
        ),
    ))
}

/// The costly work a file's paths have run so far, all together, whatever thread ran them:
/// distinct argon2 computations (so the count never depends on which path, or which earlier
/// file, computed a kept one first) and RS256 signatures.
#[derive(Default)]
struct Budget {
    argon2: std::sync::Arc<Asked>,
    signatures: std::sync::atomic::AtomicU64,
}

/// One path run to its end, or the diagnostic at the step where the file's costly work (its
/// paths' so far, `budget`) passed one of `limits`.
fn run_within_budget(
    scenario: &Scenario,
    variant: Option<&String>,
    budget: &Budget,
    limits: Limits,
) -> Result<Result<Run, FlowError>, Diagnostic> {
    use std::sync::atomic::Ordering::Relaxed;
    Asked::asking(&budget.argon2, || {
        let mut signed = Work::on_this_thread().signatures;
        // No check reads a frame's token checks (the token panels' words): see `Checker`.
        let setup =
            Setup::of(&scenario.file, variant.map(String::as_str)).map(|setup| {
                match limits.crypto {
                    Crypto::Layout => setup.into_layout(),
                    Crypto::Real => setup,
                }
            });
        let mut runner = match setup.and_then(|setup| Runner::from_setup(setup, CHECK_SEED)) {
            Ok(runner) => runner.without_token_checks(),
            Err(e) => return Ok(Err(e)),
        };
        while let Some(step_index) = runner.advance().map(|frame| frame.step_index) {
            let now = Work::on_this_thread().signatures;
            let signatures = budget.signatures.fetch_add(now - signed, Relaxed) + (now - signed);
            signed = now;
            let over = if budget.argon2.count() > limits.hashes {
                Some(format!(
                    "{} distinct password hashes and checks (argon2id, about 16 ms each; \
                     identical ones are computed once, so this file asks for that many different ones)",
                    limits.hashes
                ))
            } else if signatures > limits.signatures {
                Some(format!(
                    "{} token signatures (RS256, about 1 ms each; two a sign-in)",
                    limits.signatures
                ))
            } else {
                None
            };
            if let Some(limit) = over {
                return Err(error(
                    scenario,
                    &format!("steps[{step_index}]"),
                    format!(
                        "too costly to check: simulating this step of {} passes the limit of \
                         {limit} that `cogflow check` runs for one file",
                        branch(variant)
                    ),
                ));
            }
        }
        Ok(Ok(runner.finish()))
    })
}

fn error(scenario: &Scenario, path: &str, message: String) -> Diagnostic {
    scenario.diagnostic(path, Severity::Error, message)
}

/// The checks over the runs. They read a frame's row, outcome and variables
/// ([`Frame::field`]), its number, step and clock, and its call's request and response, never
/// its token checks, which `check` therefore leaves out ([`Runner::without_token_checks`]).
struct Checker<'s> {
    scenario: &'s Scenario,
    runs: Runs,
}

/// "the main path" or "variant `wrong-password`", for messages.
fn branch(variant: Option<&String>) -> String {
    variant.map_or_else(|| "the main path".to_owned(), |v| format!("variant `{v}`"))
}

impl Checker<'_> {
    fn error(&self, path: &str, message: String) -> Diagnostic {
        error(self.scenario, path, message)
    }

    /// A file step in words: "step `verify` ([[steps]] #3)", or "[[steps]] #3" without an id.
    fn step_name(&self, index: usize) -> String {
        match self
            .scenario
            .file
            .steps
            .get(index)
            .and_then(|s| s.id.as_ref())
        {
            Some(id) => format!("step `{id}` ([[steps]] #{})", index + 1),
            None => format!("[[steps]] #{}", index + 1),
        }
    }

    /// A frame in words: "run step 4, step `rejected` ([[steps]] #6)".
    fn frame_name(&self, frame: &Frame) -> String {
        format!(
            "run step {}, {}",
            frame.number,
            self.step_name(frame.step_index)
        )
    }

    fn run_of(&self, variant: Option<&String>) -> Option<&Run> {
        self.runs
            .iter()
            .find(|(v, _)| v.as_ref() == variant)
            .and_then(|(_, run)| run.as_ref().ok())
    }

    /// Runs that could not start (a user the mock refuses, say).
    /// A lab's sample solutions (its main path and each variant) must complete it: a step one
    /// of them does not meet is reported at its `expect`, with what differs.
    fn lab_solutions(&self) -> Vec<Diagnostic> {
        let file = &self.scenario.file;
        if file.lab.is_none() {
            return Vec::new();
        }
        let mut problems = Vec::new();
        for (variant, run) in &self.runs {
            let Ok(run) = run else { continue };
            for (index, differences) in super::lab::unmet(file, run) {
                problems.push(self.error(
                    &format!("steps[{index}].expect"),
                    format!(
                        "the sample solution in {} does not meet {}: {}",
                        branch(variant.as_ref()),
                        self.step_name(index),
                        differences.join("; ")
                    ),
                ));
            }
        }
        problems
    }

    fn failed_runs(&self) -> Vec<Diagnostic> {
        let variants = &self.scenario.file.variants;
        self.runs
            .iter()
            .filter_map(|(variant, run)| {
                let error = run.as_ref().err()?;
                Some(match variant {
                    None => self.error("pool", format!("the main path cannot run: {error}")),
                    Some(id) => {
                        let i = variants.iter().position(|v| &v.id == id).unwrap_or(0);
                        self.error(
                            &format!("variants[{i}]"),
                            format!("variant `{id}` cannot run: {error}"),
                        )
                    }
                })
            })
            .collect()
    }

    /// Confirmations that send an empty code because no code was ever sent to the user (and
    /// the step gives none): Cognito refuses the request itself, which is rarely the lesson.
    fn codes_never_sent(&self) -> Vec<Diagnostic> {
        let mut warned = std::collections::BTreeSet::new();
        let mut found = Vec::new();
        for (variant, run) in &self.runs {
            let Ok(run) = run else { continue };
            for frame in &run.frames {
                let Some(request) = frame.api.as_ref().and_then(|a| a.request.as_ref()) else {
                    continue;
                };
                let empty = request
                    .get("ConfirmationCode")
                    .and_then(serde_json::Value::as_str)
                    == Some("");
                if !empty || !warned.insert(frame.step_index) {
                    continue;
                }
                let user = request
                    .get("Username")
                    .and_then(serde_json::Value::as_str)
                    .unwrap_or_default();
                found.push(self.scenario.diagnostic(
                    &format!("steps[{}]", frame.step_index),
                    Severity::Warning,
                    format!(
                        "{}: in {} no code was sent to `{user}` before this step, so it sends an empty code and Cognito answers InvalidParameterException; send one first (sign_up, resend_confirmation_code, forgot_password) or give `code`",
                        self.step_name(frame.step_index),
                        branch(variant.as_ref())
                    ),
                ));
            }
        }
        found
    }

    /// A quiz answer whose `proof` the run contradicts.
    fn proof(&self, q: usize, question: &Question) -> Option<Diagnostic> {
        let proof = question.proof.as_ref()?;
        let path = format!("questions[{q}].proof");
        // An unknown variant or answer is the loader's error; a failed run is reported above.
        let run = self.run_of(proof.variant.as_ref())?;
        let index = answer_index(&question.answer, question.choices.len())?;
        let answer = &question.choices[index];
        let in_branch = branch(proof.variant.as_ref());
        let id = &question.id;
        let letter = letter_str(index);
        let field = &proof.field;
        let Some(step) = &proof.step else {
            let first = run
                .frames
                .iter()
                .find(|f| f.field(field).is_some_and(|v| !is_unset(&v)));
            // "Step 4", or the lesson language's own word ("Paso 4").
            let claimed = self.scenario.words().step_label_number(answer);
            if first.is_some_and(|f| Some(f.number) == claimed) {
                return None;
            }
            let found = first.map_or_else(
                || format!("`{field}` is never set"),
                |f| format!("`{field}` is first set at {}", self.frame_name(f)),
            );
            return Some(self.error(
                &path,
                format!(
                    "question `{id}`: the run contradicts answer {letter} (`{answer}`): in {in_branch}, {found}"
                ),
            ));
        };
        let frame = match step {
            StepRef::Number(n) => usize::try_from(*n)
                .ok()
                .and_then(|n| n.checked_sub(1))
                .and_then(|i| run.frames.get(i)),
            StepRef::Id(step_id) => run
                .frames
                .iter()
                .find(|f| f.step_id.as_deref() == Some(step_id)),
        };
        let Some(frame) = frame else {
            let missing = match step {
                StepRef::Number(n) => format!(
                    "proof step {n} does not exist in {in_branch}, which has {} run steps",
                    run.frames.len()
                ),
                StepRef::Id(step_id) => format!(
                    "proof step `{step_id}` does not run in {in_branch}; the steps that run there: {}",
                    ran(run)
                ),
            };
            return Some(self.error(
                &format!("{path}.step"),
                format!("question `{id}`: {missing}"),
            ));
        };
        let Some(value) = frame.field(field) else {
            return Some(self.error(
                &format!("{path}.field"),
                format!("question `{id}`: unknown proof field `{field}`"),
            ));
        };
        let at = self.frame_name(frame);
        let problem = match &proof.expect {
            Some(expect) if !value.contains(expect.as_str()) => format!(
                "question `{id}`: the run contradicts the answer: in {in_branch}, {at} has {field} `{value}`, which does not contain `{expect}`"
            ),
            Some(_) => return None,
            None if value.trim() != answer.trim() => format!(
                "question `{id}`: the run contradicts answer {letter} (`{answer}`): in {in_branch}, {at} has {field} `{value}`"
            ),
            None => return None,
        };
        Some(self.error(&path, problem))
    }

    /// A prediction of step `s` that some run makes wrong or unanswerable.
    fn prediction(&self, s: usize, predict: &Prediction) -> Vec<Diagnostic> {
        let path = format!("steps[{s}].predict");
        let name = self.step_name(s);
        let frames = || {
            self.runs.iter().flat_map(move |(variant, run)| {
                run.iter()
                    .flat_map(|r| r.frames.iter())
                    .filter(move |f| f.step_index == s)
                    .map(move |f| (variant.as_ref(), f))
            })
        };
        let mut problems = Vec::new();
        match (&predict.field, &predict.answer) {
            (Some(field), _) => {
                for (variant, frame) in frames() {
                    let Some(value) = frame.field(field) else {
                        problems.push(self.error(
                            &format!("{path}.field"),
                            format!("prediction of {name}: unknown field `{field}`"),
                        ));
                        break;
                    };
                    let named = choices_naming(&predict.choices, &value);
                    let problem = match named.as_slice() {
                        [_] => continue,
                        [] => {
                            "which is none of the choices, so no choice would be right".to_owned()
                        }
                        several => format!(
                            "which choices {} all name, so the right one is unclear",
                            letters(several)
                        ),
                    };
                    problems.push(self.error(
                        &format!("{path}.choices"),
                        format!(
                            "prediction of {name}: in {} (run step {}) the {field} is `{value}`, {problem}",
                            branch(variant),
                            frame.number
                        ),
                    ));
                }
            }
            (None, Some(answer)) => {
                let Some(right) = answer_index(answer, predict.choices.len()) else {
                    return problems; // the loader reports an answer that is not a choice
                };
                let Some(field) = self.field_answered(s, predict, right) else {
                    return problems; // the choices name nothing a run shows: not about the run
                };
                for (variant, frame) in frames() {
                    let value = frame.field(field).unwrap_or_default();
                    let named = choices_naming(&predict.choices, &value);
                    if named.contains(&right) {
                        continue;
                    }
                    let shown = match named.as_slice() {
                        [] => "none of the choices".to_owned(),
                        several => format!("choice {}", letters(several)),
                    };
                    problems.push(self.error(
                        &format!("{path}.answer"),
                        format!(
                            "prediction of {name}: answer {} (`{}`) is wrong in {}, where run step {}'s {field} is `{value}` ({shown}); use `field = \"{field}\"` so the right choice follows the run, or give that branch its own step with `only_in`",
                            letter_str(right),
                            predict.choices[right],
                            branch(variant),
                            frame.number
                        ),
                    ));
                }
            }
            (None, None) => {} // the loader reports a prediction without a key
        }
        problems
    }

    /// The field a fixed-answer prediction of step `s` is about: the first (of response,
    /// result, outcome, input) whose value the right choice names in some run.
    fn field_answered(&self, s: usize, predict: &Prediction, right: usize) -> Option<&'static str> {
        let frames: Vec<&Frame> = self
            .runs
            .iter()
            .filter_map(|(_, run)| run.as_ref().ok())
            .flat_map(|r| r.frames.iter())
            .filter(|f| f.step_index == s)
            .collect();
        ["response", "result", "outcome", "input"]
            .into_iter()
            .find(|field| {
                frames.iter().any(|frame| {
                    frame
                        .field(field)
                        .is_some_and(|v| choices_naming(&predict.choices, &v) == [right])
                })
            })
    }
}

/// "A and C".
fn letters(indexes: &[usize]) -> String {
    let letters: Vec<String> = indexes.iter().map(|i| letter_str(*i)).collect();
    match letters.split_last() {
        Some((last, rest)) if !rest.is_empty() => format!("{} and {last}", rest.join(", ")),
        _ => letters.concat(),
    }
}

/// The ids of the steps a run shows, in order (`#n` for steps without one).
fn ran(run: &Run) -> String {
    let names: Vec<String> = run
        .frames
        .iter()
        .map(|f| {
            f.step_id
                .as_ref()
                .map_or_else(|| format!("#{}", f.step_index + 1), |id| format!("`{id}`"))
        })
        .collect();
    if names.is_empty() {
        "none".to_owned()
    } else {
        names.join(", ")
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::scenario::{Origin, load};

    /// A lesson whose user has `password`, with one `sign_in` step per entry of `tries` (the
    /// password typed) and `variants` variants that change nothing.
    fn lesson(password: &str, tries: &[String], variants: usize) -> Scenario {
        let mut text = format!(
            "format_version = 1\n[scenario]\nid = \"budget\"\ntitle = \"Budget\"\n\
             [pool]\nauth_flows = [\"ALLOW_USER_PASSWORD_AUTH\"]\n\
             [[pool.users]]\nusername = \"ana\"\npassword = \"{password}\"\n"
        );
        for (i, typed) in tries.iter().enumerate() {
            text.push_str(&format!(
                "[[steps]]\nid = \"s{i}\"\naction = \"sign_in\"\npassword = \"{typed}\"\nexplain = \"Try {i}.\"\n"
            ));
        }
        for v in 0..variants {
            text.push_str(&format!(
                "[[variants]]\nid = \"v{v}\"\ntitle = \"V{v}\"\nset = {{ username = \"ana\" }}\n"
            ));
        }
        load(
            "budget.toml",
            text.as_bytes(),
            Origin::Path("budget.toml".into()),
        )
        .unwrap_or_else(|e| panic!("{e}\n{text}"))
    }

    /// The line of the `n`th (0-based) line of the file that starts with `prefix`.
    fn line_of(scenario: &Scenario, prefix: &str, n: usize) -> usize {
        scenario
            .source
            .lines()
            .enumerate()
            .filter(|(_, l)| l.starts_with(prefix))
            .nth(n)
            .unwrap()
            .0
            + 1
    }

    #[test]
    fn a_file_with_too_many_steps_on_all_its_paths_is_refused_at_the_first_path_past_the_limit() {
        let tries: Vec<String> = (0..10).map(|_| "Budget-Steps-1".to_owned()).collect();
        let scenario = lesson("Budget-Steps-1", &tries, 3);
        let limits = Limits {
            steps: 25,
            ..Limits::default()
        };
        let found = check_run_within(&scenario, limits);
        assert_eq!(found.len(), 1, "{found:?}");
        let d = &found[0];
        assert_eq!(d.severity, Severity::Error);
        assert_eq!(
            d.line,
            line_of(&scenario, "[[variants]]", 1),
            "at variant v1: {d}"
        );
        assert!(
            d.message.starts_with("too big to check: 10 steps on 4 paths (the main path and 3 variants) would be 40 simulated steps, and `cogflow check` simulates at most 25; variant `v1` is the first past the limit"),
            "{d}"
        );
        // Within the limit, the same file checks clean.
        assert_eq!(
            check_run_within(
                &scenario,
                Limits {
                    steps: 40,
                    ..Limits::default()
                }
            ),
            []
        );
    }

    #[test]
    fn paths_run_in_any_order_on_any_thread_find_what_check_run_finds() {
        // Six distinct guesses on each of three paths: the file passes 4 distinct hashes on
        // the main path, and not at all with room for them.
        let tries: Vec<String> = (0..6).map(|i| format!("Budget-Paths-{i}x")).collect();
        let scenario = lesson("Budget-Paths-Right-3", &tries, 2);
        for hashes in [4, 50] {
            let limits = Limits {
                hashes,
                ..Limits::default()
            };
            let paths = Paths::within(&scenario, limits);
            assert_eq!(paths.len(), 3);
            // The variants first, each on a thread of its own, then the main path.
            let mut runs: Vec<PathRun> = std::thread::scope(|scope| {
                let variants: Vec<_> = [2, 1]
                    .into_iter()
                    .map(|i| {
                        scope.spawn({
                            let paths = &paths;
                            move || paths.run(i)
                        })
                    })
                    .collect();
                variants.into_iter().map(|v| v.join().unwrap()).collect()
            });
            runs.push(paths.run(0));
            runs.reverse();
            let found = paths.finish(runs);
            assert_eq!(
                found,
                check_run_within(&scenario, limits),
                "{hashes} hashes"
            );
            if hashes == 4 {
                assert_eq!(found.len(), 1, "{found:?}");
                assert!(
                    found[0]
                        .message
                        .contains("of the main path passes the limit of 4"),
                    "{}",
                    found[0]
                );
            } else {
                assert_eq!(found, [], "{hashes} hashes");
            }
        }
    }

    #[test]
    fn distinct_password_checks_past_the_limit_stop_the_check_at_that_step() {
        // Passwords no other test uses, so every argon2 here is really computed.
        let tries: Vec<String> = (0..6).map(|i| format!("Budget-Distinct-{i}x")).collect();
        let scenario = lesson("Budget-Distinct-Right-9", &tries, 0);
        let found = check_run_within(
            &scenario,
            Limits {
                hashes: 3,
                ..Limits::default()
            },
        );
        assert_eq!(found.len(), 1, "{found:?}");
        let d = &found[0];
        // Step 1 hashes the user's password and checks one guess; step 2 another: 3. Step 3
        // is the fourth.
        assert_eq!(d.line, line_of(&scenario, "[[steps]]", 2), "{d}");
        assert!(
            d.message.starts_with("too costly to check: simulating this step of the main path passes the limit of 3 distinct password hashes and checks"),
            "{d}"
        );
    }

    #[test]
    fn signatures_past_the_limit_stop_the_check_at_that_step() {
        let tries: Vec<String> = (0..10).map(|_| "Budget-Signs-Right-3".to_owned()).collect();
        let scenario = lesson("Budget-Signs-Right-3", &tries, 0);
        let found = check_run_within(
            &scenario,
            Limits {
                signatures: 5,
                ..Limits::default()
            },
        );
        assert_eq!(found.len(), 1, "{found:?}");
        // Two tokens a sign-in: 2, 4, then 6 at the third.
        assert_eq!(
            found[0].line,
            line_of(&scenario, "[[steps]]", 2),
            "{}",
            found[0]
        );
        assert!(
            found[0].message.ends_with("passes the limit of 5 token signatures (RS256, about 1 ms each; two a sign-in) that `cogflow check` runs for one file"),
            "{}",
            found[0]
        );
    }

    #[test]
    fn checking_with_the_layout_crypto_finds_what_the_real_crypto_finds() {
        // Every built-in lesson and every fixture `check` runs: the same diagnostics from
        // runs with argon2id at its cheapest cost and the layout keys as from the lesson's
        // own (OWASP's cost, the seed's keys).
        let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures");
        let mut scenarios: Vec<(String, Scenario)> = crate::scenario::BUILTINS
            .iter()
            .map(|(id, src)| {
                (
                    (*id).to_owned(),
                    crate::scenario::load_builtin(id, src).unwrap(),
                )
            })
            .collect();
        for folder in ["valid", "invalid", "invalid-run"] {
            let mut files: Vec<_> = std::fs::read_dir(dir.join(folder))
                .unwrap()
                .map(|e| e.unwrap().path())
                .filter(|p| p.extension().is_some_and(|e| e == "toml"))
                .collect();
            files.sort();
            for path in files {
                let name = path.display().to_string();
                let bytes = std::fs::read(&path).unwrap();
                let origin = crate::scenario::Origin::Path(path.clone());
                match crate::scenario::load(&name, &bytes, origin) {
                    Ok(scenario) => scenarios.push((name, scenario)),
                    Err(e) => scenarios.extend(e.partial.map(|p| (name, *p))),
                }
            }
        }
        let real = Limits {
            crypto: Crypto::Real,
            ..Limits::default()
        };
        let mut found = 0;
        for (name, scenario) in &scenarios {
            let layout = check_run(scenario);
            assert_eq!(layout, check_run_within(scenario, real), "{name}");
            found += layout.len();
        }
        assert!(scenarios.len() > 40, "{} scenarios", scenarios.len());
        assert!(
            found >= 5,
            "the invalid-run fixtures' problems are found: {found}"
        );
    }

    #[test]
    fn a_check_run_is_the_full_run_without_the_token_checks() {
        // Lessons whose frames hold tokens (signed, refreshed, revoked, tampered with), every
        // path: the frames `check` reads are the full run's, token checks apart.
        for id in ["signin-basic", "tokens-and-sign-out", "verify-token"] {
            let (_, src) = crate::scenario::BUILTINS
                .iter()
                .find(|(name, _)| *name == id)
                .unwrap();
            let scenario = crate::scenario::load_builtin(id, src).unwrap();
            let paths = std::iter::once(None)
                .chain(scenario.file.variants.iter().map(|v| Some(v.id.as_str())));
            let mut checked_tokens = 0;
            for variant in paths {
                let full = Runner::new(&scenario, variant, CHECK_SEED)
                    .unwrap()
                    .finish();
                let checked = Runner::new(&scenario, variant, CHECK_SEED)
                    .unwrap()
                    .without_token_checks()
                    .finish();
                checked_tokens += full
                    .frames
                    .iter()
                    .map(|f| f.token_checks.len())
                    .sum::<usize>();
                assert_eq!(full.frames.len(), checked.frames.len(), "{id} {variant:?}");
                // Wall times differ between any two runs; they are measurements, never shown
                // in an output.
                let untimed = |frame: &Frame| {
                    let mut frame = frame.clone();
                    for cost in &mut frame.crypto {
                        cost.elapsed = std::time::Duration::ZERO;
                    }
                    frame
                };
                for (f, c) in full.frames.iter().zip(&checked.frames) {
                    assert!(c.token_checks.is_empty());
                    let mut f = untimed(f);
                    f.token_checks.clear();
                    assert_eq!(f, untimed(c), "{id} {variant:?} step {}", f.number);
                }
            }
            assert!(checked_tokens > 0, "{id}'s full runs check tokens");
        }
    }

    #[test]
    fn identical_checks_are_computed_once_and_keep_their_real_cost() {
        // The right password 30 times: its check recomputes exactly what hashing it did.
        let tries: Vec<String> = (0..30).map(|_| "Budget-Same-Right-7".to_owned()).collect();
        let scenario = lesson("Budget-Same-Right-7", &tries, 2);
        let before = Work::on_this_thread();
        let limits = Limits {
            hashes: 1,
            ..Limits::default()
        };
        assert_eq!(check_run_within(&scenario, limits), []);
        let done = Work::on_this_thread().since(before);
        assert!(
            done.argon2 <= 1,
            "three paths, 90 checks, one hash: {done:?}"
        );
        assert_eq!(done.signatures, 180, "two tokens a sign-in");

        let run = super::super::run(&scenario, None, CHECK_SEED).unwrap();
        let costs: Vec<_> = run
            .frames
            .iter()
            .flat_map(|f| &f.crypto)
            .filter(|c| c.operation == "argon2id verify")
            .collect();
        assert_eq!(costs.len(), 30, "each sign-in shows its password check");
        assert!(costs[0].elapsed > std::time::Duration::ZERO);
        assert!(
            costs.iter().all(|c| c.elapsed == costs[0].elapsed),
            "the time shown is the one real computation's"
        );
    }
}
