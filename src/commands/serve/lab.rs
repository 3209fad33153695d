//! `cogflow serve LAB`: the plain log, and beside it the lab: `Waiting:` with what each step
//! expects, `✓ Step N` when the learner's own call meets it, and a call that does not shown
//! with what differs and the next hint. Each step met is saved like a lesson's progress.

use std::collections::HashMap;

use serde_json::Value;

use crate::cli::ServeArgs;
use crate::flow::lab::session::{Said, Session, effort};
use crate::flow::lab::{Seen, SeenCall};
use crate::progress::{Recorder, ScenarioKey};
use crate::scenario::Scenario;
use crate::serve::events::{Event, Phase};
use crate::serve::log;

/// What one event was, for the lab and the recording: a call with its answer (and its number
/// and request, to show), or the clock moving on.
pub(super) struct Sighting {
    pub seen: Seen,
    pub call: Option<(u64, String, Value)>,
}

/// Pairs each call's answer with its request (they come as separate phases).
#[derive(Default)]
pub(super) struct Calls {
    /// Each call's operation and request, from its first phase until its answer.
    requests: HashMap<u64, (String, Value)>,
}

impl Calls {
    /// The sighting an event completes, if it completes one.
    pub(super) fn see(&mut self, event: &Event) -> Option<Sighting> {
        match event {
            Event::Call(call) => match &call.phase {
                Phase::Received { request, .. } => {
                    self.requests
                        .insert(call.call, (call.operation.clone(), request.clone()));
                    None
                }
                Phase::Checked { .. } => None,
                Phase::Responded { response, .. } => {
                    let (operation, request) = self
                        .requests
                        .remove(&call.call)
                        .unwrap_or_else(|| (call.operation.clone(), Value::Null));
                    let answer = response
                        .as_ref()
                        .map_err(|f| (f.type_name.as_str(), f.message.as_str()));
                    let seen = SeenCall::new(&operation, request.clone(), answer);
                    Some(Sighting {
                        seen: Seen::Call(seen),
                        call: Some((call.call, operation, request)),
                    })
                }
            },
            Event::Clock { advanced, .. } => Some(Sighting {
                seen: Seen::Clock {
                    advanced: *advanced,
                },
                call: None,
            }),
            Event::Message { .. } => None,
        }
    }
}

/// A lab being served.
pub(super) struct Lab<'s> {
    scenario: &'s Scenario,
    session: Session,
    recorder: Recorder,
}

impl<'s> Lab<'s> {
    /// The lab of `scenario`, saving to the learner's progress unless `--no-save`.
    pub(super) fn new(scenario: &'s Scenario, args: &ServeArgs, learner: Option<&str>) -> Self {
        Self {
            scenario,
            session: Session::new(&scenario.file),
            recorder: Recorder::open(ScenarioKey::of(scenario), !args.no_save, learner),
        }
    }

    /// The lab's title and intro, then the first steps.
    pub(super) fn opening(&mut self) -> Vec<String> {
        let file = &self.scenario.file;
        let mut lines = vec![format!("Lab: {}", file.scenario.title)];
        if let Some(intro) = file.lab.as_ref().and_then(|l| l.intro.as_deref()) {
            lines.push(intro.to_owned());
        }
        let said = self.session.start();
        lines.extend(self.words(&said, None));
        lines
    }

    /// The lab's lines for what was seen.
    pub(super) fn see(&mut self, sighting: &Sighting) -> Vec<String> {
        let said = self.session.see(&sighting.seen);
        self.save(&said);
        self.words(&said, sighting.call.as_ref())
    }

    /// What saving had to say (a read-only store, say), once the lab stops.
    pub(super) fn messages(&mut self) -> Vec<String> {
        self.recorder.take_messages()
    }

    fn save(&mut self, said: &[Said]) {
        for s in said {
            if let Said::Met { step, calls, hints } = s {
                self.recorder.lab_step(step - 1, *calls, *hints);
            }
        }
    }

    /// What the session said, as lines; `call` is the call it judged (number, operation,
    /// request), if it judged one.
    fn words(&self, said: &[Said], call: Option<&(u64, String, Value)>) -> Vec<String> {
        let steps = self.session.steps();
        let total = steps.len();
        let name = |number: usize| {
            let step = &steps[number - 1];
            let file_step = &self.scenario.file.steps[step.index];
            file_step.id.clone().unwrap_or_else(|| step.label.clone())
        };
        let mut lines = Vec::new();
        for s in said {
            match s {
                Said::Read { step } => {
                    let read = &steps[step - 1];
                    lines.push(format!(
                        "Step {step}/{total} {}: {}",
                        read.label,
                        read.explain.as_deref().unwrap_or_default()
                    ));
                }
                Said::Waiting { step } => {
                    let expected = steps[step - 1]
                        .expected
                        .as_ref()
                        .map(crate::flow::lab::Expected::describe)
                        .unwrap_or_default();
                    lines.push(format!(
                        "Waiting: Step {step}/{total} {}: {expected}",
                        name(*step)
                    ));
                }
                Said::Met { step, calls, hints } => lines.push(format!(
                    "✓ Step {step}/{total} {}: met ({})",
                    name(*step),
                    effort(*calls, *hints)
                )),
                Said::Differs {
                    step,
                    differences,
                    hint,
                } => {
                    let what = call.map_or_else(
                        || "the clock".to_owned(),
                        |(number, operation, _)| format!("call #{number} {operation}"),
                    );
                    lines.push(format!(
                        "✗ Step {step}/{total} {} is not met by {what}: {}",
                        name(*step),
                        differences.join("; ")
                    ));
                    if let Some((_, _, request)) = call {
                        lines.push(format!("  your request: {}", log::json(request)));
                    }
                    if let Some((n, of, text)) = hint {
                        lines.push(format!("  Hint {n} of {of}: {text}"));
                    }
                }
                Said::Aside { step, text } => {
                    lines.push(format!("  (step {step}/{total} still waits: {text})"));
                }
                Said::Done => lines.push(format!(
                    "✓ Lab complete: all {total} steps done (saved: {})",
                    if self.recorder.is_saving() {
                        "yes"
                    } else {
                        "no"
                    }
                )),
            }
        }
        lines
    }
}
