//! `cogflow check`'s run-based checks: the main path and every variant are run through the
//! engine, and a quiz answer or a prediction that a run contradicts is reported where the file
//! says what proves it, naming the branch, the step and what the run showed.
//!
//! Steps are named one way in every message: by id when they have one, with their place in
//! the file (`step `verify` ([[steps]] #3)`), and, where a run is meant, the run's own number
//! (`run step 4`): in a run where some steps do not apply the two differ.

use crate::scenario::model::{Prediction, Question, StepRef};
use crate::scenario::vocab::{answer_index, choices_naming, letter_str};
use crate::scenario::{Diagnostic, Scenario, Severity};

use super::engine::{FlowError, run};
use super::frame::{Frame, Run};
use super::vars::is_unset;

/// The seed run-based checks use: proofs must hold whatever the seed, so any fixed one will do.
const CHECK_SEED: u64 = 1;

/// Runs the main path and every variant, then checks each question's `proof` and each
/// prediction against every run. Returns the problems found (empty when all hold).
#[must_use]
pub fn check_run(scenario: &Scenario) -> Vec<Diagnostic> {
    let mut runs: Runs = vec![(None, run(scenario, None, CHECK_SEED))];
    for variant in &scenario.file.variants {
        runs.push((
            Some(variant.id.clone()),
            run(scenario, Some(&variant.id), CHECK_SEED),
        ));
    }
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
    problems
}

/// Every run of a scenario: the main path (`None`) first, then the variants in file order.
type Runs = Vec<(Option<String>, Result<Run, FlowError>)>;

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
        self.scenario.diagnostic(path, Severity::Error, message)
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
            let claimed = first.map(|f| format!("Step {}", f.number));
            if claimed.as_deref() == Some(answer.trim()) {
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
