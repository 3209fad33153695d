//! `cogflow check --explain`: what each branching step was understood to mean, in words, so an
//! author can see how `when`, `only_in` and `not_in` were read before running the lesson.

use super::model::StepSpec;
use super::vocab::MAIN;
use super::when::When;
use super::{Diagnostic, Scenario, Severity};

/// One note per step that does not simply always apply: when it applies and in which branches.
#[must_use]
pub fn explain(scenario: &Scenario) -> Vec<Diagnostic> {
    let file = &scenario.file;
    let branches: Vec<&str> = std::iter::once(MAIN)
        .chain(file.variants.iter().map(|v| v.id.as_str()))
        .collect();
    file.steps
        .iter()
        .enumerate()
        .filter(|(_, step)| step.when.is_some() || step.only_in.is_some() || step.not_in.is_some())
        .map(|(i, step)| {
            let name = step.id.as_ref().map_or_else(
                || format!("[[steps]] #{}", i + 1),
                |id| format!("step `{id}` ([[steps]] #{})", i + 1),
            );
            let when = step
                .when
                .as_deref()
                .and_then(|w| When::parse(w).ok())
                .unwrap_or(When::Always)
                .describe();
            let path = if step.when.is_some() {
                format!("steps[{i}].when")
            } else {
                format!("steps[{i}]")
            };
            scenario.diagnostic(
                &path,
                Severity::Note,
                format!("{name} applies {when}, in {}", in_branches(step, &branches)),
            )
        })
        .collect()
}

/// "every branch", or the branches `step` belongs to.
fn in_branches(step: &StepSpec, branches: &[&str]) -> String {
    if step.only_in.is_none() && step.not_in.is_none() {
        return "every branch".to_owned();
    }
    let named = |names: &Option<Vec<String>>, b: &str| names.iter().flatten().any(|n| n == b);
    let chosen: Vec<String> = branches
        .iter()
        .filter(|b| (step.only_in.is_none() || named(&step.only_in, b)) && !named(&step.not_in, b))
        .map(|b| format!("`{b}`"))
        .collect();
    match chosen.len() {
        0 => "no branch".to_owned(),
        1 => format!("branch {}", chosen[0]),
        _ => format!("branches {}", chosen.join(", ")),
    }
}
