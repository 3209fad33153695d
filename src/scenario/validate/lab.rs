//! Labs (`[lab]`, `[steps.expect]`): format 2; `expect` only in a lab, and in a lab every step
//! either narrates or waits for a whole call; lab steps run in order (no branches).
//!
//! Which actions a lab step can wait for is one table (`scenario::lab::awaited`), which the
//! flow's judgement reads too.

use super::*;
use crate::scenario::lab::awaited;
use crate::scenario::model::{Action, Expect};

impl Checker<'_, '_> {
    pub(super) fn lab(&mut self, file: &ScenarioFile) {
        if file.lab.is_some() {
            self.format_2("lab", "`[lab]`");
        }
        for (i, step) in file.steps.iter().enumerate() {
            let path = format!("steps[{i}]");
            if self.is_placeholder(&KeyPath::parse(&format!("{path}.action"))) {
                continue;
            }
            match (&file.lab, &step.expect) {
                (None, Some(_)) => self.error_at_key(
                    &format!("{path}.expect"),
                    "`expect` makes a step wait for the learner's own call, which only a lab \
                     does: add a `[lab]` table (and run it with `cogflow serve`)"
                        .to_owned(),
                ),
                (None, None) => {}
                (Some(_), expect) => self.lab_step(&path, step, expect.as_ref()),
            }
        }
    }

    fn lab_step(&mut self, path: &str, step: &StepSpec, expect: Option<&Expect>) {
        for (key, given) in [
            ("when", step.when.is_some()),
            ("only_in", step.only_in.is_some()),
            ("not_in", step.not_in.is_some()),
        ] {
            if given {
                self.error_at_key(
                    &format!("{path}.{key}"),
                    format!(
                        "a lab's steps wait one after the other for the learner's calls, so \
                         `{key}` has no place in a lab"
                    ),
                );
            }
        }
        let waits = awaited(step.action).is_some();
        match expect {
            None if step.action == Action::Narrate => {}
            None if waits => self.error(
                path,
                format!(
                    "in a lab, a `{}` step waits for the learner's call: give it a \
                     `[steps.expect]` table (an empty one expects a success)",
                    step.action.name()
                ),
            ),
            None | Some(_) if !waits => self.error(
                &format!("{path}.action"),
                format!(
                    "a lab step waits for a whole call, and `{}` makes none of its own; use \
                     a call such as `sign_in` or `get_user` (or `narrate` for text)",
                    step.action.name()
                ),
            ),
            None => {}
            Some(expect) => self.expect(&format!("{path}.expect"), expect),
        }
    }

    fn expect(&mut self, path: &str, expect: &Expect) {
        if let Some(outcome) = &expect.outcome {
            self.when(&format!("{path}.outcome"), outcome);
        }
        for (i, member) in expect.present.iter().enumerate() {
            if member.split('.').any(|part| part.trim().is_empty()) {
                self.error(
                    &format!("{path}.present[{i}]"),
                    format!(
                        "`{member}` is not a request member: write a dotted path such as \
                         `AuthParameters.SECRET_HASH`"
                    ),
                );
            }
        }
        for (i, hint) in expect.hints.iter().enumerate() {
            self.not_blank(&format!("{path}.hints[{i}]"), hint, "a hint");
        }
    }
}
