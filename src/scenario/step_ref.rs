//! Resolving a step reference (`4` or `"verify"`) to a step of the file.

use super::model::{ScenarioFile, StepRef, StepSpec};

impl StepRef {
    /// The 0-based index in `steps` this reference names, if that step exists.
    #[must_use]
    pub fn index_in(&self, steps: &[StepSpec]) -> Option<usize> {
        match self {
            StepRef::Number(n) => usize::try_from(*n)
                .ok()
                .and_then(|n| n.checked_sub(1))
                .filter(|i| *i < steps.len()),
            StepRef::Id(id) => steps.iter().position(|s| s.id.as_deref() == Some(id)),
        }
    }
}

impl ScenarioFile {
    /// The 0-based index in `steps` that `step` refers to, if it exists.
    #[must_use]
    pub fn step_index(&self, step: &StepRef) -> Option<usize> {
        step.index_in(&self.steps)
    }
}

#[cfg(test)]
mod tests {
    use super::StepRef;

    #[test]
    fn numbers_and_ids_resolve() {
        let file = crate::scenario::resolve(None).unwrap().file;
        assert_eq!(file.step_index(&StepRef::Number(1)), Some(0));
        assert_eq!(file.step_index(&StepRef::Number(0)), None);
        assert_eq!(file.step_index(&StepRef::Number(99)), None);
        assert_eq!(file.step_index(&StepRef::Id("verify".into())), Some(2));
        assert_eq!(file.step_index(&StepRef::Id("nope".into())), None);
    }
}
