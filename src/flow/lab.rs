//! Labs: steps that wait for the learner's own call (`cogflow serve LAB`) instead of making it.
//!
//! A lab step names the call it waits for with the lesson vocabulary it already has: its
//! `action` (the operation, and the `AuthFlow` or `ChallengeName` that action sends), its
//! `username` (whom the call is about) and, in `[steps.expect]`, a `when` condition on the
//! answer and the request members that must be present. [`compare`] is the one judgement, a
//! pure function from what the step expects and what was seen to [`Verdict::Met`] or the list
//! of what differs, in words. `check` judges each sample solution (the steps' own inputs, run
//! by the engine) with it; `cogflow serve LAB` judges the learner's calls with it
//! ([`session::Session`]).

pub mod session;

use serde_json::Value;

pub use crate::scenario::lab::{Awaited, CallShape, awaited};
use crate::scenario::model::{Action, ScenarioFile, StepSpec};
use crate::scenario::vocab;
use crate::scenario::when::When;

use super::engine::branch;
use super::engine::call::{action_of, subject_of};
use super::engine::record::Latest;
use super::frame::{Frame, Outcome, Run};

/// What one lab step waits for, read from the step.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Expected {
    /// The step's action.
    pub action: Action,
    /// The call (or clock move) it waits for.
    pub awaited: Awaited,
    /// Whom the call must be about.
    pub username: Option<String>,
    /// What the answer must be.
    pub outcome: When,
    /// Request members that must be present (dotted paths).
    pub present: Vec<String>,
    /// For a clock step: by how much the clock must move, in seconds.
    pub duration: u64,
    /// The same, as the step wrote it (`61m`): what the learner sends the clock.
    pub duration_text: String,
}

impl Expected {
    /// What `step` waits for; `None` when it has no `expect` or makes no call (the validator
    /// refuses both in a lab). A `when` or duration the validator would refuse reads as
    /// `success` or zero (a loaded lab has neither).
    #[must_use]
    pub fn of(step: &StepSpec) -> Option<Self> {
        let expect = step.expect.as_ref()?;
        Some(Self {
            action: step.action,
            awaited: awaited(step.action)?,
            username: step.username.clone(),
            outcome: expect
                .outcome
                .as_deref()
                .map_or(Ok(When::Success), When::parse)
                .unwrap_or(When::Success),
            present: expect.present.clone(),
            duration: step
                .duration
                .as_deref()
                .and_then(|d| vocab::parse_duration(d).ok())
                .unwrap_or(0),
            duration_text: step.duration.clone().unwrap_or_default(),
        })
    }

    /// The expectation in words: "InitiateAuth with AuthFlow USER_PASSWORD_AUTH for ana,
    /// answered with success".
    #[must_use]
    pub fn describe(&self) -> String {
        let shape = match self.awaited {
            Awaited::Clock => {
                return format!(
                    "the clock to move on by {} (POST /_cogflow/clock {{\"advance\": \"{}\"}})",
                    span(self.duration),
                    self.duration_text
                );
            }
            Awaited::Call(shape) => shape,
        };
        let mut text = shape.operation.to_owned();
        if let Some((member, value)) = shape.member {
            text.push_str(&format!(" with {member} {value}"));
        }
        if let Some(user) = &self.username {
            text.push_str(&format!(" for {user}"));
        }
        if !self.present.is_empty() {
            text.push_str(&format!(", sending {}", self.present.join(" and ")));
        }
        text.push_str(&format!(
            ", answered with {}",
            expected_outcome(&self.outcome)
        ));
        text
    }
}

/// Something the learner did that a lab step may be waiting for.
#[derive(Debug, Clone, PartialEq)]
pub enum Seen {
    /// A call and its answer.
    Call(SeenCall),
    /// The served clock moved on, by this many seconds since the last step was met.
    Clock {
        /// Seconds.
        advanced: u64,
    },
}

/// A call and its answer, whoever made it (the learner's code, or a sample solution's step).
#[derive(Debug, Clone, PartialEq)]
pub struct SeenCall {
    /// e.g. `InitiateAuth`.
    pub operation: String,
    /// The request body.
    pub request: Value,
    /// What Cognito answered.
    pub outcome: Latest,
    /// Whom the call was about: the request's `Username` or `USERNAME`, else the `username`
    /// claim of the access token it sends (read, not verified: the pool verified it).
    pub user: Option<String>,
}

impl SeenCall {
    /// A call with its answer: the response body, or the exception's name and message.
    #[must_use]
    pub fn new(operation: &str, request: Value, answer: Result<&Value, (&str, &str)>) -> Self {
        let user = subject_of(&request)
            .map(str::to_owned)
            .or_else(|| token_user(&request));
        let outcome = match answer {
            Err((exception, message)) => Latest::Error {
                exception: exception.to_owned(),
                message: message.to_owned(),
            },
            Ok(body) => match body.get("ChallengeName").and_then(Value::as_str) {
                Some(name) => Latest::Challenge(name.to_owned()),
                None => Latest::Success,
            },
        };
        Self {
            operation: operation.to_owned(),
            request,
            outcome,
            user,
        }
    }

    /// The call a lesson step made, from its frame; `None` when the step made none (or only
    /// started one).
    #[must_use]
    pub fn of_frame(frame: &Frame) -> Option<Self> {
        let api = frame.api.as_ref()?;
        let request = api.request.clone()?;
        let response = api.response.clone().unwrap_or(Value::Null);
        let answer = match &frame.outcome {
            Outcome::None | Outcome::Pending => return None,
            Outcome::Error { exception, message } => Err((exception.as_str(), message.as_str())),
            Outcome::Success | Outcome::Challenge { .. } => Ok(&response),
        };
        Some(Self::new(&api.operation, request, answer))
    }
}

/// A lab's whole sample solution in `language` (`python`, `javascript`, `cli`): the lab's
/// starting code, then each step's, in order. `None` when the lab gives none in that language.
#[must_use]
pub fn program(file: &ScenarioFile, language: &str) -> Option<String> {
    sample(file, language, file.steps.len())
}

/// The sample solution in `language` as far as the first `steps` of the file's `[[steps]]`:
/// the lab's starting code, then the code of each of those steps, so what the learner copies
/// at step N runs steps 1 to N. `None` when none of it is in that language.
#[must_use]
pub fn sample(file: &ScenarioFile, language: &str, steps: usize) -> Option<String> {
    let pick = |code: &crate::scenario::model::Code| {
        code.languages()
            .into_iter()
            .find(|(name, _)| *name == language)
            .map(|(_, text)| text.trim_matches('\n').to_owned())
    };
    let mut parts: Vec<String> = file.lab.iter().filter_map(|l| pick(&l.code)).collect();
    parts.extend(
        file.steps
            .iter()
            .take(steps)
            .filter_map(|s| s.expect.as_ref().and_then(|e| pick(&e.code))),
    );
    (!parts.is_empty()).then(|| parts.join("\n\n") + "\n")
}

/// The lab steps a run of a sample solution (the lab's steps run with their own inputs, or a
/// variant's) does not meet: each step's index in the file and what differs. Empty when the
/// solution completes the lab.
#[must_use]
pub fn unmet(file: &ScenarioFile, run: &Run) -> Vec<(usize, Vec<String>)> {
    let mut unmet = Vec::new();
    for (index, step) in file.steps.iter().enumerate() {
        let Some(expected) = Expected::of(step) else {
            continue;
        };
        let Some(at) = run.frames.iter().position(|f| f.step_index == index) else {
            unmet.push((index, vec!["the step does not run".to_owned()]));
            continue;
        };
        let frame = &run.frames[at];
        let seen = match expected.awaited {
            Awaited::Clock => {
                let before = at
                    .checked_sub(1)
                    .map_or(frame.clock, |b| run.frames[b].clock);
                Seen::Clock {
                    advanced: frame.clock.saturating_sub(before),
                }
            }
            Awaited::Call(_) => match SeenCall::of_frame(frame) {
                Some(call) => Seen::Call(call),
                None => {
                    unmet.push((index, vec!["the step makes no call".to_owned()]));
                    continue;
                }
            },
        };
        if let Verdict::Differs(differences) = compare(&expected, &seen) {
            unmet.push((index, differences));
        }
    }
    unmet
}

/// The `username` claim of the request's `AccessToken`.
fn token_user(request: &Value) -> Option<String> {
    let token = request.get("AccessToken")?.as_str()?;
    let (_, claims) = crate::cognito::decode_unverified(token)?;
    claims.get("username")?.as_str().map(str::to_owned)
}

/// Whether what was seen is what the step waits for.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Verdict {
    /// It is: the step is done.
    Met,
    /// It is not; what differs, one sentence each, the most telling first.
    Differs(Vec<String>),
}

/// Judges `seen` against `expected`.
#[must_use]
pub fn compare(expected: &Expected, seen: &Seen) -> Verdict {
    let differences = match (expected.awaited, seen) {
        (Awaited::Clock, Seen::Clock { advanced }) => {
            if *advanced >= expected.duration {
                Vec::new()
            } else {
                vec![format!(
                    "the clock has moved on {} so far; this step waits for {}",
                    span(*advanced),
                    span(expected.duration)
                )]
            }
        }
        (Awaited::Clock, Seen::Call(call)) => vec![format!(
            "this call is {}; this step waits for the clock to move on by {}",
            call.operation,
            span(expected.duration)
        )],
        (Awaited::Call(shape), Seen::Clock { advanced }) => vec![format!(
            "the clock moved on {}; this step waits for your {} call",
            span(*advanced),
            shape.operation
        )],
        (Awaited::Call(shape), Seen::Call(call)) => call_differences(expected, shape, call),
    };
    if differences.is_empty() {
        Verdict::Met
    } else {
        Verdict::Differs(differences)
    }
}

fn call_differences(expected: &Expected, shape: CallShape, call: &SeenCall) -> Vec<String> {
    if call.operation != shape.operation {
        return vec![format!(
            "this call is {}; this step expects {}",
            call.operation, shape.operation
        )];
    }
    let mut differences = Vec::new();
    if let Some((member, value)) = shape.member
        && action_of(&call.operation, &call.request) != Some(expected.action)
    {
        differences.push(match call.request.get(member).and_then(Value::as_str) {
            Some(sent) => format!("{member} is {sent}; this step expects {value}"),
            None => format!("the request has no {member}; this step expects {value}"),
        });
    }
    if let Some(want) = &expected.username {
        match &call.user {
            Some(user) if user == want => {}
            Some(user) => {
                differences.push(format!("the call is for {user}; this step expects {want}"))
            }
            None => differences.push(format!(
                "the call names no user; this step expects one for {want}"
            )),
        }
    }
    for path in &expected.present {
        if member(&call.request, path).is_none_or(Value::is_null) {
            differences.push(format!("the request has no {path}; this step expects it"));
        }
    }
    if !branch::matches(&expected.outcome, &call.outcome) {
        differences.push(format!(
            "Cognito answered {}; this step expects {}",
            seen_outcome(&call.outcome),
            expected_outcome(&expected.outcome)
        ));
    }
    differences
}

/// The member at a dotted `path` (`AuthParameters.SECRET_HASH`).
fn member<'v>(value: &'v Value, path: &str) -> Option<&'v Value> {
    path.split('.').try_fold(value, |at, key| at.get(key))
}

/// "success", "NotAuthorizedException: Incorrect username or password.", "the
/// NEW_PASSWORD_REQUIRED challenge".
pub(crate) fn seen_outcome(latest: &Latest) -> String {
    match latest {
        Latest::Nothing => "nothing".to_owned(),
        Latest::Success => "success".to_owned(),
        Latest::Error { exception, message } => format!("{exception}: {message}"),
        Latest::Challenge(name) => format!("the {name} challenge"),
    }
}

/// What a step expects of the answer, in words.
fn expected_outcome(when: &When) -> String {
    match when {
        When::Always => "anything".to_owned(),
        When::Success => "success".to_owned(),
        When::Error { name, message } => {
            let what = name.clone().unwrap_or_else(|| "an exception".to_owned());
            match message {
                None => what,
                Some(text) => format!("{what} whose message contains \"{text}\""),
            }
        }
        When::Challenge(None) => "a challenge".to_owned(),
        When::Challenge(Some(name)) => format!("the {name} challenge"),
        When::Not(_) | When::Any(_) => when.describe(),
    }
}

/// "1 hour 1 minute", "90 seconds".
fn span(seconds: u64) -> String {
    if seconds == 0 {
        "0 seconds".to_owned()
    } else {
        crate::calendar::span_words(seconds)
    }
}

#[cfg(test)]
pub(crate) mod tests;
