//! `cogflow check`'s run-based checks: every variant is run through the engine, and a quiz
//! answer (or a prediction) that the simulated run contradicts is reported where the file says
//! what proves it.

use std::collections::BTreeMap;

use crate::scenario::vocab::{answer_index, letter_str};
use crate::scenario::{Diagnostic, Scenario, Severity};

use super::engine::{FlowError, run};
use super::frame::Run;
use super::vars::is_unset;

/// The seed run-based checks use: proofs must hold whatever the seed, so any fixed one will do.
const CHECK_SEED: u64 = 1;

/// Runs the main path and every variant, then checks each question's `proof` and each
/// prediction's `field` against the runs. Returns the problems found (empty when all hold).
#[must_use]
pub fn check_run(scenario: &Scenario) -> Vec<Diagnostic> {
    let mut runs: Runs = BTreeMap::new();
    runs.insert(None, run(scenario, None, CHECK_SEED));
    for variant in &scenario.file.variants {
        runs.insert(
            Some(variant.id.clone()),
            run(scenario, Some(&variant.id), CHECK_SEED),
        );
    }
    let mut problems = failed_runs(scenario, &runs);
    problems.extend(contradicted_proofs(scenario, &runs));
    problems.extend(impossible_predictions(scenario, &runs));
    problems
}

/// Every run of a scenario, by variant (`None` for the main path).
type Runs = BTreeMap<Option<String>, Result<Run, FlowError>>;

fn error(scenario: &Scenario, path: &str, message: String) -> Diagnostic {
    scenario.diagnostic(path, Severity::Error, message)
}

/// "the main path" or "variant `wrong-password`", for messages.
fn branch(variant: Option<&String>) -> String {
    variant.map_or_else(|| "the main path".to_owned(), |v| format!("variant `{v}`"))
}

/// Runs that could not start (a user the mock refuses, say).
fn failed_runs(scenario: &Scenario, runs: &Runs) -> Vec<Diagnostic> {
    let mut problems = Vec::new();
    for (i, variant) in scenario.file.variants.iter().enumerate() {
        if let Some(Err(e)) = runs.get(&Some(variant.id.clone())) {
            problems.push(error(
                scenario,
                &format!("variants[{i}]"),
                format!("variant `{}` cannot run: {e}", variant.id),
            ));
        }
    }
    if let Some(Err(e)) = runs.get(&None) {
        problems.push(error(
            scenario,
            "pool",
            format!("the main path cannot run: {e}"),
        ));
    }
    problems
}

/// Quiz answers whose `proof` the run contradicts.
fn contradicted_proofs(scenario: &Scenario, runs: &Runs) -> Vec<Diagnostic> {
    let mut problems = Vec::new();
    for (q, question) in scenario.file.questions.iter().enumerate() {
        let Some(proof) = &question.proof else {
            continue;
        };
        let path = format!("questions[{q}].proof");
        let Some(Ok(run)) = runs.get(&proof.variant) else {
            continue; // an unknown variant is the loader's error; a failed run is reported above
        };
        let branch = branch(proof.variant.as_ref());
        let Some(index) = answer_index(&question.answer, question.choices.len()) else {
            continue; // the loader reports an answer that is not a choice
        };
        let answer = &question.choices[index];
        match proof.step {
            Some(step) => {
                let Some(frame) = usize::try_from(step)
                    .ok()
                    .and_then(|n| n.checked_sub(1))
                    .and_then(|i| run.frames.get(i))
                else {
                    problems.push(error(
                scenario,
                        &format!("{path}.step"),
                        format!(
                            "question `{}`: proof step {step} does not exist in {branch}, which has {} steps",
                            question.id,
                            run.frames.len()
                        ),
                    ));
                    continue;
                };
                let Some(value) = frame.field(&proof.field) else {
                    problems.push(error(
                        scenario,
                        &format!("{path}.field"),
                        format!(
                            "question `{}`: unknown proof field `{}`",
                            question.id, proof.field
                        ),
                    ));
                    continue;
                };
                match &proof.expect {
                    Some(expect) if !value.contains(expect.as_str()) => problems.push(error(
                scenario,
                        &path,
                        format!(
                            "question `{}`: the run contradicts the answer: in {branch}, step {step}'s {} is `{value}`, which does not contain `{expect}`",
                            question.id, proof.field
                        ),
                    )),
                    Some(_) => {}
                    None if value.trim() != answer.trim() => problems.push(error(
                scenario,
                        &path,
                        format!(
                            "question `{}`: the run contradicts answer {} (`{answer}`): in {branch}, step {step}'s {} is `{value}`",
                            question.id,
                            letter_str(index),
                            proof.field
                        ),
                    )),
                    None => {}
                }
            }
            None => {
                let first = run
                    .frames
                    .iter()
                    .find(|f| f.field(&proof.field).is_some_and(|v| !is_unset(&v)));
                let claimed = first.map(|f| format!("Step {}", f.number));
                if claimed.as_deref() != Some(answer.trim()) {
                    let found = claimed.map_or_else(
                        || format!("`{}` is never set", proof.field),
                        |c| format!("`{}` is first set at {c}", proof.field),
                    );
                    problems.push(error(
                scenario,
                        &path,
                        format!(
                            "question `{}`: the run contradicts answer {} (`{answer}`): in {branch}, {found}",
                            question.id,
                            letter_str(index)
                        ),
                    ));
                }
            }
        }
    }

    problems
}

/// Predictions none of whose choices is what the run shows, in some branch.
fn impossible_predictions(scenario: &Scenario, runs: &Runs) -> Vec<Diagnostic> {
    let mut problems = Vec::new();
    for (s, step) in scenario.file.steps.iter().enumerate() {
        let Some(predict) = &step.predict else {
            continue;
        };
        let Some(field) = &predict.field else {
            continue;
        };
        for (variant, result) in runs {
            let Ok(run) = result else { continue };
            for frame in run.frames.iter().filter(|f| f.step_index == s) {
                let Some(value) = frame.field(field) else {
                    problems.push(error(
                        scenario,
                        &format!("steps[{s}].predict.field"),
                        format!("prediction at step {}: unknown field `{field}`", s + 1),
                    ));
                    continue;
                };
                if !predict.choices.iter().any(|c| c.trim() == value.trim()) {
                    let branch = branch(variant.as_ref());
                    problems.push(error(
                scenario,
                        &format!("steps[{s}].predict.choices"),
                        format!(
                            "prediction at step {}: in {branch} the {field} is `{value}`, which is none of the choices, so no choice would be right",
                            s + 1
                        ),
                    ));
                }
            }
        }
    }
    problems
}
