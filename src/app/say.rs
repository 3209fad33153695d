//! What the app tells the learner about navigation, in words: one place for the sentences the
//! navigation machine's [`Notice`]s and [`Refusal`]s stand for.

use super::nav::{Notice, Refusal};
use super::{App, PathKind, PathRun};
use crate::words::Word;

/// ("s", "them") for more than one step, ("", "it") for one.
pub(crate) fn plural(steps: &[usize]) -> (&'static str, &'static str) {
    if steps.len() == 1 {
        ("", "it")
    } else {
        ("s", "them")
    }
}

/// "steps 3 and 4", "step 3", "steps 2, 3 and 5".
pub(crate) fn steps_list(steps: &[usize]) -> String {
    let numbers: Vec<String> = steps.iter().map(ToString::to_string).collect();
    match numbers.as_slice() {
        [] => String::new(),
        [one] => format!("step {one}"),
        [init @ .., last] => format!("steps {} and {last}", init.join(", ")),
    }
}

impl App {
    /// The sentence for `notice`.
    pub(crate) fn say_notice(&self, notice: &Notice) -> String {
        match notice {
            Notice::Branch => {
                let words = self.scenario.words();
                let path = self.current();
                let name = path.label_in(&words);
                let about = path
                    .variant_id()
                    .and_then(|id| self.scenario.file.variants.iter().find(|v| v.id == id))
                    .and_then(|v| v.description.as_deref())
                    .map_or_else(String::new, |d| format!(" — {d}"));
                let branch = match self.branch_place() {
                    Some((n, of)) => words.fill(
                        Word::BranchSwitched,
                        &[
                            ("n", &n.to_string()),
                            ("total", &of.to_string()),
                            ("name", &name),
                        ],
                    ),
                    None => words.fill(Word::BranchIs, &[("name", &name)]),
                };
                format!("{branch}{about}")
            }
            Notice::DetourStep { step, question } => format!(
                "Step {step}{}: what question {} is about. Esc goes back to the question.",
                self.of_branch(),
                question + 1
            ),
            Notice::Finding => format!("Finding “{}”…", self.asked_step_name()),
            Notice::NotOnBranch => "That step is not on this branch after all.".to_owned(),
            Notice::PassedPredictions(steps) => {
                let (s, it) = plural(steps);
                format!(
                    "Passed over the prediction{s} of {} (step back before {it}, then → asks {it}).",
                    steps_list(steps)
                )
            }
            Notice::RunEnded { total } => self.last_step_words(*total),
            Notice::Following => {
                "Following: each new call shows as it arrives (← steps back).".to_owned()
            }
        }
    }

    /// The sentence for `refusal`; `None` for a key that simply does nothing here.
    pub(crate) fn say_refusal(&self, refusal: &Refusal) -> Option<String> {
        Some(match refusal {
            Refusal::AtFirst => "This is the first step.".to_owned(),
            Refusal::AtLast { total } => self.last_step_words(*total),
            Refusal::NoSuchStep { number, steps } => {
                format!("There is no step {number}; this branch has steps 1 to {steps}.")
            }
            Refusal::NoNumber => "Type a step number after :, then Enter.".to_owned(),
            Refusal::NoOtherBranch => "This lesson has no other branch to show.".to_owned(),
            Refusal::PredictionWaiting { step } => format!(
                "Step {step} waits for your prediction: press 1 to see it (s there skips it)."
            ),
            Refusal::StillChecking { step } => {
                format!("Cognito is still checking step {step}; it shows as soon as it is done.")
            }
            Refusal::NothingOpen => "Esc closes what is open; nothing is. q quits.".to_owned(),
            Refusal::NotInAnyRun => format!(
                "“{}” is not in any run of this lesson.",
                self.asked_step_name()
            ),
            Refusal::NoNewerCall => {
                "This is the newest call; your code's next call shows here as it arrives."
                    .to_owned()
            }
            Refusal::NoSuchChoice | Refusal::NotHere => return None,
        })
    }

    /// "That was the last step (5 of 5). …" with where to go next.
    fn last_step_words(&self, total: usize) -> String {
        let quiz = if self.quiz.session.is_some() {
            " 6 opens the quiz;"
        } else {
            ""
        };
        format!(
            "That was the last step ({total} of {total}).{quiz} ← goes back, v shows another branch."
        )
    }

    /// The name of the step the current quiz question is about.
    fn asked_step_name(&self) -> String {
        self.quiz
            .session
            .as_ref()
            .and_then(|s| s.about_step())
            .map(|t| t.name().to_string())
            .unwrap_or_default()
    }

    /// Which branch is shown, of how many (main path and variants; `None` on a try).
    #[must_use]
    pub fn branch_place(&self) -> Option<(usize, usize)> {
        let branches = self
            .paths
            .iter()
            .filter(|p| !matches!(p.kind, PathKind::Try { .. }))
            .count();
        match self.current().kind {
            PathKind::Try { .. } => None,
            _ => Some((self.nav.cursor().branch + 1, branches)),
        }
    }

    /// The line said on the terminal after quitting: where the learner was and how to come
    /// back there. `saving` is false under --no-save (or when the store is read-only);
    /// `command` is what reopens this lesson (`cogflow`, `cogflow run ID`).
    #[must_use]
    pub fn exit_line(&self, saving: bool, command: &str) -> String {
        let words = self.scenario.words();
        let Some((step, variant)) = &self.saved_position else {
            return words.get(Word::ExitNothing).to_owned();
        };
        // Main comes first in `paths`, so no variant finds it (not the try).
        let path = self
            .paths
            .iter()
            .find(|p| p.variant_id() == variant.as_deref());
        let of = path
            .and_then(PathRun::total)
            .map_or_else(String::new, |total| {
                words.fill(Word::PlainOf, &[("total", &total.to_string())])
            });
        let branch = match (path, variant) {
            (Some(path), Some(_)) => words.fill(Word::ExitOfBranch, &[("name", &path.label())]),
            _ => String::new(),
        };
        let step = step.to_string();
        let said = [
            ("step", step.as_str()),
            ("of", &of),
            ("branch", &branch),
            ("command", command),
        ];
        words.fill(
            if saving {
                Word::ExitSaved
            } else {
                Word::ExitNotSaved
            },
            &said,
        )
    }

    /// " of “What if the password is wrong?”" after a step number, on any path but the main one.
    pub(crate) fn of_branch(&self) -> String {
        match self.current().kind {
            PathKind::Main | PathKind::Live { .. } => String::new(),
            PathKind::Variant { .. } | PathKind::Try { .. } => {
                format!(" of “{}”", self.current().label())
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::steps_list;

    #[test]
    fn lists_steps_in_words() {
        let cases: &[(&[usize], &str)] = &[
            (&[], ""),
            (&[3], "step 3"),
            (&[3, 4], "steps 3 and 4"),
            (&[2, 3, 5], "steps 2, 3 and 5"),
        ];
        for (steps, want) in cases {
            assert_eq!(steps_list(steps), *want);
        }
    }
}
