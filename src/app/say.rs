//! What the app tells the learner about navigation, in words: one place for the sentences the
//! navigation machine's [`Notice`]s and [`Refusal`]s stand for.

use super::nav::{Notice, Refusal};
use super::{App, PathKind, PathRun};
use crate::progress::learner::{BadName, MAX_NAME_CHARS};
use crate::words::Word;

impl App {
    /// The sentence for `notice`.
    pub(crate) fn say_notice(&self, notice: &Notice) -> String {
        let words = self.scenario.words();
        match notice {
            Notice::Branch => {
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
            Notice::DetourStep { step, question } => words.fill(
                Word::SayDetourStep,
                &[
                    ("step", &step.to_string()),
                    ("of", &self.of_branch()),
                    ("question", &(question + 1).to_string()),
                ],
            ),
            Notice::Finding => words.fill(Word::SayFinding, &[("step", &self.asked_step_name())]),
            Notice::NotOnBranch => words.get(Word::SayNotOnBranch).to_owned(),
            Notice::PassedPredictions(steps) => {
                words.steps_sentence(steps, Word::SayPassedOne, Word::SayPassedMany)
            }
            Notice::RunEnded { total } => self.last_step_words(*total),
            Notice::Following => words.get(Word::SayFollowing).to_owned(),
        }
    }

    /// The sentence for `refusal`; `None` for a key that simply does nothing here.
    pub(crate) fn say_refusal(&self, refusal: &Refusal) -> Option<String> {
        let words = self.scenario.words();
        Some(match refusal {
            Refusal::AtFirst => words.get(Word::AtFirst).to_owned(),
            Refusal::AtLast { total } => self.last_step_words(*total),
            Refusal::NoSuchStep { number, steps } => words.fill(
                Word::NoStep,
                &[("n", &number.to_string()), ("total", &steps.to_string())],
            ),
            Refusal::NoNumber => words.get(Word::SayNoNumber).to_owned(),
            Refusal::NoOtherBranch => words.get(Word::SayNoOtherBranch).to_owned(),
            Refusal::PredictionWaiting { step } => {
                words.fill(Word::SayPredictionWaiting, &[("step", &step.to_string())])
            }
            Refusal::StillChecking { step } => {
                words.fill(Word::SayStillChecking, &[("step", &step.to_string())])
            }
            Refusal::NothingOpen => words.get(Word::SayNothingOpen).to_owned(),
            Refusal::NotInAnyRun => {
                words.fill(Word::SayNotInAnyRun, &[("step", &self.asked_step_name())])
            }
            Refusal::NoNewerCall => words.get(Word::SayNoNewerCall).to_owned(),
            Refusal::CompareWithItself => words.get(Word::SayCompareWithItself).to_owned(),
            Refusal::NoLessonList => words.get(Word::SayNoLessonList).to_owned(),
            Refusal::BadName(bad) => match bad {
                BadName::Empty => words.get(Word::NameEmpty).to_owned(),
                BadName::TooLong(n) => words.fill(
                    Word::NameTooLong,
                    &[("max", &MAX_NAME_CHARS.to_string()), ("n", &n.to_string())],
                ),
                BadName::Invisible(c) => words.fill(
                    Word::NameInvisible,
                    &[("code", &format!("U+{:04X}", u32::from(*c)))],
                ),
            },
            Refusal::NoSuchChoice | Refusal::NotHere => return None,
        })
    }

    /// "That was the last step (5 of 5). …" with where to go next.
    fn last_step_words(&self, total: usize) -> String {
        let word = if self.quiz.session.is_some() {
            Word::SayLastStepQuiz
        } else {
            Word::SayLastStep
        };
        let words = self.scenario.words();
        let mut said = words.fill(word, &[("total", &total.to_string())]);
        if let Some(next) = self.next_lesson() {
            said.push(' ');
            said.push_str(&words.fill(Word::SayNextLesson, &[("title", &next.title)]));
        }
        said
    }

    /// The lesson to take after this one, when the library is known (`L` lists it).
    pub fn next_lesson(&self) -> Option<&crate::library::Lesson> {
        crate::library::next_after(&self.library, &self.scenario.file.scenario.id)
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
            (Some(path), Some(_)) => {
                words.fill(Word::ExitOfBranch, &[("name", &path.label_in(&words))])
            }
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
                let words = self.scenario.words();
                words.fill(
                    Word::SayOfBranch,
                    &[("name", &self.current().label_in(&words))],
                )
            }
        }
    }
}
