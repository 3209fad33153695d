//! Which box of the lesson's diagram a live call lights (mode 2), so the learner's own call is
//! drawn where the lesson draws the same moment. The lesson's steps say it: a step making the
//! same call lights its box; a sign-in call, which the lessons show as three steps, lights the
//! box of the step for the phase it is at:
//!
//! ```text
//!  phase                 lesson step lit               signin-basic's box
//!  request received  ──> send_credentials          ──> "App sends credentials to Cognito"
//!  credentials checked ─> verify_credentials        ──> "Cognito verifies credentials"
//!  response returned ──> return_result (its `when`  ──> "App receives token" | "Error shown"
//!                        matching the answer)
//! ```
//!
//! The trail is the boxes of the lesson's steps before the first one lit (what the app did
//! before calling: "User enters credentials"), then the boxes this call lit.

use crate::flow::engine::branch::{applies, belongs};
use crate::flow::{Latest, Outcome};
use crate::scenario::Scenario;
use crate::scenario::model::{Action, StepSpec};

/// A phase of a served call.
/// Ordered as they happen.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Phase {
    /// The request arrived.
    Received,
    /// Cognito checked the credentials and decided (sign-in calls only).
    Checked,
    /// The answer was made.
    Responded,
}

/// The box lit and the trail (boxes lit so far, in order) for a call making `action`, at
/// `phase`, answered with `outcome` once responded. `None` when the lesson has no step for it.
#[must_use]
pub fn lit(
    scenario: &Scenario,
    action: Action,
    phase: Phase,
    outcome: &Outcome,
) -> Option<(String, Vec<String>)> {
    let steps: Vec<&StepSpec> = scenario
        .file
        .steps
        .iter()
        .filter(|s| belongs(s, "main"))
        .collect();
    let latest = latest(outcome);
    let same = |s: &&&StepSpec| s.action == action && applies(s, &latest);
    // Steps of the lesson this call stands for, each lit at its phase.
    let stands_for: Vec<(Phase, &StepSpec)> = if let Some(step) = steps.iter().find(same) {
        vec![(Phase::Responded, step)]
    } else if signs_in(action) {
        let first = |wanted: Action, latest: &Latest| {
            steps
                .iter()
                .find(|s| s.action == wanted && applies(s, latest))
                .copied()
        };
        [
            (
                Phase::Received,
                first(Action::SendCredentials, &Latest::Nothing),
            ),
            (
                Phase::Checked,
                first(Action::VerifyCredentials, &Latest::Nothing),
            ),
            (Phase::Responded, first(Action::ReturnResult, &latest)),
        ]
        .into_iter()
        .filter_map(|(p, s)| Some((p, s?)))
        .collect()
    } else {
        // The lesson's own words for an API call with the access token.
        let alias = match action {
            Action::GetUser => Action::GrantAccess,
            _ => return None,
        };
        let step = steps
            .iter()
            .find(|s| s.action == alias && applies(s, &Latest::Success))?;
        vec![(Phase::Responded, step)]
    };
    let reached: Vec<&StepSpec> = stands_for
        .iter()
        .filter(|(p, _)| *p <= phase)
        .map(|(_, s)| *s)
        .collect();
    let current = reached.last()?.node.clone()?;
    let first = stands_for.first().map(|(_, s)| *s)?;
    let before = steps
        .iter()
        .take_while(|s| !std::ptr::eq(**s, first))
        .filter(|s| applies(s, &Latest::Success));
    let trail = before
        .chain(reached.iter())
        .filter_map(|s| s.node.clone())
        .fold(Vec::new(), |mut trail: Vec<String>, node| {
            if trail.last() != Some(&node) {
                trail.push(node);
            }
            trail
        });
    Some((current, trail))
}

/// The calls the lessons show as send, verify, return (InitiateAuth's phases).
fn signs_in(action: Action) -> bool {
    matches!(
        action,
        Action::SignIn
            | Action::SendSrpA
            | Action::SendSrpProof
            | Action::AnswerNewPassword
            | Action::AnswerTotp
            | Action::RefreshTokens
    )
}

/// The answer as a step's `when` judges it.
fn latest(outcome: &Outcome) -> Latest {
    match outcome {
        Outcome::None | Outcome::Pending => Latest::Nothing,
        Outcome::Success => Latest::Success,
        Outcome::Challenge { name } => Latest::Challenge(name.clone()),
        Outcome::Error { exception, message } => Latest::Error {
            exception: exception.clone(),
            message: message.clone(),
        },
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_sign_in_lights_signin_basics_boxes_phase_by_phase() {
        let scenario = crate::scenario::resolve(None).unwrap();
        let error = Outcome::Error {
            exception: "NotAuthorizedException".to_owned(),
            message: "Incorrect username or password.".to_owned(),
        };
        let at = |phase, outcome: &Outcome| lit(&scenario, Action::SignIn, phase, outcome);
        let strs = |v: &[&str]| v.iter().map(|s| (*s).to_owned()).collect::<Vec<_>>();
        assert_eq!(
            at(Phase::Received, &Outcome::Pending),
            Some(("send".to_owned(), strs(&["enter", "send"])))
        );
        assert_eq!(
            at(Phase::Checked, &Outcome::Pending),
            Some(("verify".to_owned(), strs(&["enter", "send", "verify"])))
        );
        assert_eq!(
            at(Phase::Responded, &Outcome::Success),
            Some((
                "token".to_owned(),
                strs(&["enter", "send", "verify", "token"])
            ))
        );
        assert_eq!(
            at(Phase::Responded, &error),
            Some((
                "error".to_owned(),
                strs(&["enter", "send", "verify", "error"])
            ))
        );
        assert_eq!(
            lit(
                &scenario,
                Action::GetUser,
                Phase::Responded,
                &Outcome::Success
            )
            .map(|(node, _)| node),
            Some("access".to_owned())
        );
        // signin-basic has no step for signing up: nothing is lit.
        assert_eq!(
            lit(
                &scenario,
                Action::SignUp,
                Phase::Responded,
                &Outcome::Success
            ),
            None
        );
    }
}
