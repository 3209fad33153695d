//! A lab in progress: which step waits, how many calls it has taken, which hint comes next.
//!
//! ```text
//!            start
//!              │  (steps with no call of their own are read out: Said::Read)
//!              ▼
//!   ┌──> Waiting(step k) ──call that matches────────> Met(k) ──> Waiting(k+1) … ──> Done
//!   │          │
//!   │          ├──call that differs──> Differs(k, what differs, next hint)   (calls + 1)
//!   │          │                                                             (hints + 1 while
//!   └──────────┘                                                              there are more)
//!              └──clock moved while a call is awaited──> Aside (no call, no hint counted)
//!   Done ──anything──> (nothing: the lab is finished)
//! ```
//!
//! One total transition, [`Session::see`]; its test table mirrors the diagram.

use crate::flow::labels;
use crate::scenario::model::{Code, ScenarioFile};

use super::{Awaited, Expected, Seen, Verdict, compare};

/// One step of a lab.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LabStep {
    /// 0-based index in the file's `[[steps]]`.
    pub index: usize,
    /// 1-based ("Step 3").
    pub number: usize,
    /// The step's label, or its action's own wording.
    pub label: String,
    /// What it waits for; `None` for a step that is only read (`narrate`).
    pub expected: Option<Expected>,
    /// Its hints, in order.
    pub hints: Vec<String>,
    /// Its explanation.
    pub explain: Option<String>,
    /// Its part of the sample solution.
    pub code: Code,
}

/// What the session says after a transition, in order.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Said {
    /// A step with nothing to wait for, read out as the lab reaches it.
    Read {
        /// The step's number.
        step: usize,
    },
    /// The step now waiting.
    Waiting {
        /// The step's number.
        step: usize,
    },
    /// A call (or clock move) met the waiting step.
    Met {
        /// The step's number.
        step: usize,
        /// Calls it took, the matching one included.
        calls: u32,
        /// Hints shown before it was met.
        hints: usize,
    },
    /// A call did not meet the waiting step.
    Differs {
        /// The step's number.
        step: usize,
        /// What differs.
        differences: Vec<String>,
        /// The next hint, as (1-based number, how many, text); `None` when none are left.
        hint: Option<(usize, usize, String)>,
    },
    /// Something happened that the waiting step does not judge (the clock moved while it
    /// waits for a call).
    Aside {
        /// The step's number.
        step: usize,
        /// What happened, against what the step waits for.
        text: String,
    },
    /// Every step is met.
    Done,
}

/// A lab in progress.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Session {
    steps: Vec<LabStep>,
    /// The step waiting (0-based in `steps`); `steps.len()` once done.
    at: usize,
    /// Calls the waiting step has seen.
    calls: u32,
    /// Hints it has shown.
    hints: usize,
    /// Seconds the clock moved since the last step was met.
    advanced: u64,
}

impl Session {
    /// The lab of `file` (every step, in file order: a lab has no branches), standing before
    /// step 1. Call [`start`](Self::start) to reach the first waiting step.
    #[must_use]
    pub fn new(file: &ScenarioFile) -> Self {
        let steps = file
            .steps
            .iter()
            .enumerate()
            .map(|(index, step)| LabStep {
                index,
                number: index + 1,
                label: step
                    .label
                    .clone()
                    .unwrap_or_else(|| labels::action_label(step.action).to_owned()),
                expected: Expected::of(step),
                hints: step
                    .expect
                    .as_ref()
                    .map(|e| e.hints.clone())
                    .unwrap_or_default(),
                explain: step.explain.clone(),
                code: step
                    .expect
                    .as_ref()
                    .map(|e| e.code.clone())
                    .unwrap_or_default(),
            })
            .collect();
        Self {
            steps,
            at: 0,
            calls: 0,
            hints: 0,
            advanced: 0,
        }
    }

    /// Every step.
    #[must_use]
    pub fn steps(&self) -> &[LabStep] {
        &self.steps
    }

    /// The step waiting, or `None` once every step is met.
    #[must_use]
    pub fn waiting(&self) -> Option<&LabStep> {
        self.steps.get(self.at)
    }

    /// Steps met so far.
    #[must_use]
    pub fn met(&self) -> usize {
        self.at
    }

    /// Reads out the steps before the first that waits, and says which waits.
    pub fn start(&mut self) -> Vec<Said> {
        let mut said = Vec::new();
        self.settle(&mut said);
        said
    }

    /// The one transition: what the learner did, judged against the waiting step.
    pub fn see(&mut self, seen: &Seen) -> Vec<Said> {
        let Some(step) = self.steps.get(self.at) else {
            return Vec::new();
        };
        let Some(expected) = &step.expected else {
            return Vec::new();
        };
        let number = step.number;
        let judged = match (seen, expected.awaited) {
            (Seen::Clock { advanced }, Awaited::Clock) => {
                self.advanced += advanced;
                Seen::Clock {
                    advanced: self.advanced,
                }
            }
            (Seen::Clock { advanced }, Awaited::Call(_)) => {
                self.advanced += advanced;
                let text = match compare(expected, seen) {
                    Verdict::Differs(d) => d.join("; "),
                    Verdict::Met => String::new(),
                };
                return vec![Said::Aside { step: number, text }];
            }
            (Seen::Call(_), _) => seen.clone(),
        };
        if matches!(seen, Seen::Call(_)) {
            self.calls += 1;
        }
        match compare(expected, &judged) {
            Verdict::Met => {
                let mut said = vec![Said::Met {
                    step: number,
                    calls: self.calls,
                    hints: self.hints,
                }];
                self.at += 1;
                self.calls = 0;
                self.hints = 0;
                self.advanced = 0;
                self.settle(&mut said);
                said
            }
            Verdict::Differs(differences) => {
                let hint = match seen {
                    Seen::Call(_) => step.hints.get(self.hints).map(|text| {
                        self.hints += 1;
                        (self.hints, step.hints.len(), text.clone())
                    }),
                    Seen::Clock { .. } => None,
                };
                vec![Said::Differs {
                    step: number,
                    differences,
                    hint,
                }]
            }
        }
    }

    /// Moves past steps that wait for nothing, then says which step waits (or that the lab
    /// is done).
    fn settle(&mut self, said: &mut Vec<Said>) {
        while let Some(step) = self.steps.get(self.at) {
            if step.expected.is_some() {
                said.push(Said::Waiting { step: step.number });
                return;
            }
            said.push(Said::Read { step: step.number });
            self.at += 1;
        }
        said.push(Said::Done);
    }
}

/// "1 call, no hints", "3 calls, 1 hint": what meeting a step took.
#[must_use]
pub fn effort(calls: u32, hints: usize) -> String {
    let calls = match calls {
        0 => "no call".to_owned(),
        1 => "1 call".to_owned(),
        n => format!("{n} calls"),
    };
    let hints = match hints {
        0 => "no hints".to_owned(),
        1 => "1 hint".to_owned(),
        n => format!("{n} hints"),
    };
    format!("{calls}, {hints}")
}

#[cfg(test)]
mod tests;
