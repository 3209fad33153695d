//! `cogflow serve --record`: a live session's calls turned into a lesson an instructor can
//! edit, one step per call, in the lesson vocabulary.
//!
//! No password, code, token or SRP secret of the session is written. The file uses the pool's
//! users and the lesson's own inputs: a step that succeeded with the user's password or the
//! code Cognito sent leaves the input out (the engine then sends what the user really has); a
//! step that failed because of what was sent gets a stand-in that fails the same way (a
//! password with the same length and kinds of characters, so the policy says the same; code
//! `000000`), and its `explain` placeholder says what was replaced. A token call uses the token
//! the app holds. Calls the vocabulary has no action for become `narrate` steps naming them.

use std::collections::BTreeMap;

use serde_json::Value;

use crate::scenario::model::{
    Action, CURRENT_FORMAT_VERSION, Meta, PoolSpec, ScenarioFile, StepSpec, default_track,
};

use super::engine::call::action_of;
use super::engine::record::Latest;
use super::lab::SeenCall;
use super::labels;

/// A session being recorded.
#[derive(Debug, Clone)]
pub struct Recording {
    pool: PoolSpec,
    steps: Vec<StepSpec>,
    /// Users that exist so far: the pool's, and those a recorded step signed up or created.
    users: Vec<String>,
    /// Each user's password as the file knows it: the pool's own, or the stand-in a recorded
    /// step set. A sign-in that succeeded sends it (the engine would otherwise resend the
    /// password typed last, a wrong one after a failed attempt).
    passwords: BTreeMap<String, String>,
    calls: usize,
}

impl Recording {
    /// Starts recording a session served from `pool` (as it was at the start).
    #[must_use]
    pub fn new(pool: &PoolSpec) -> Self {
        Self {
            users: pool.users.iter().map(|u| u.username.clone()).collect(),
            passwords: pool
                .users
                .iter()
                .map(|u| (u.username.clone(), u.password.clone()))
                .collect(),
            pool: pool.clone(),
            steps: Vec::new(),
            calls: 0,
        }
    }

    /// Calls recorded so far.
    #[must_use]
    pub fn calls(&self) -> usize {
        self.calls
    }

    /// Records a call and its answer.
    pub fn call(&mut self, call: &SeenCall) {
        self.calls += 1;
        let step = self.step_of(call);
        self.steps.push(step);
    }

    /// Records the served clock moving on by `seconds`.
    pub fn clock(&mut self, seconds: u64) {
        self.steps.push(StepSpec {
            action: Action::AdvanceClock,
            duration: Some(format!("{seconds}s")),
            explain: Some(placeholder(&[])),
            ..StepSpec::default()
        });
    }

    /// The lesson: `id` (a slug) and `title`, the pool as it was, one step per call.
    #[must_use]
    pub fn file(&self, id: &str, title: &str) -> ScenarioFile {
        let mut steps = self.steps.clone();
        if steps.is_empty() {
            steps.push(StepSpec {
                action: Action::Narrate,
                label: Some("No call was made".to_owned()),
                explain: Some(placeholder(&[])),
                ..StepSpec::default()
            });
        }
        ScenarioFile {
            format_version: CURRENT_FORMAT_VERSION,
            scenario: Meta {
                id: id.to_owned(),
                title: title.to_owned(),
                topic: Some("AWS".to_owned()),
                minutes: None,
                summary: Some(format!(
                    "Recorded from a cogflow serve session of {} calls.",
                    self.calls
                )),
                track: default_track(),
                table_note: None,
                shuffle_choices: false,
                outcome: None,
                language: None,
            },
            pool: self.pool.clone(),
            diagram: None,
            sample: None,
            steps,
            variants: Vec::new(),
            moments: Vec::new(),
            questions: Vec::new(),
            snapshot: None,
            transcript: None,
            lab: None,
            messages: std::collections::BTreeMap::new(),
        }
    }

    fn step_of(&mut self, call: &SeenCall) -> StepSpec {
        let request = &call.request;
        let Some(action) = action_of(&call.operation, request).filter(|a| replayable(*a)) else {
            return narrate(
                &call.operation,
                "the lesson vocabulary has no action for it",
            );
        };
        let username = call.user.clone();
        if let Some(name) = &username {
            if action.creates_user() {
                if !self.users.contains(name) {
                    self.users.push(name.clone());
                }
            } else if action
                .inputs()
                .contains(&crate::scenario::vocab::Input::Username)
                && !self.users.contains(name)
            {
                return narrate(
                    &call.operation,
                    &format!(
                        "it names `{name}`, who is not in the pool (a lesson shows an unknown user in a variant)"
                    ),
                );
            }
        }
        let failed = |name: &str| matches!(&call.outcome, Latest::Error { exception, .. } if exception == name);
        let succeeded = !matches!(call.outcome, Latest::Error { .. });
        let mut notes = Vec::new();
        let mut step = StepSpec {
            action,
            label: Some(format!(
                "{} ({})",
                labels::action_label(action),
                call.operation
            )),
            username: username.filter(|_| {
                action
                    .inputs()
                    .contains(&crate::scenario::vocab::Input::Username)
            }),
            ..StepSpec::default()
        };
        match action {
            Action::SignIn if failed("NotAuthorizedException") => {
                if let Some(sent) = text(request, "/AuthParameters/PASSWORD") {
                    step.password = Some(wrong_stand_in(sent));
                    notes.push("the wrong password sent (another of the same length and kinds of characters)");
                }
            }
            Action::SignIn => {
                step.password = step
                    .username
                    .as_ref()
                    .and_then(|user| self.passwords.get(user))
                    .cloned();
            }
            Action::SignUp => {
                if let Some(sent) = text(request, "/Password") {
                    step.password = Some(stand_in(sent));
                    notes.push("the password (one of the same length and kinds of characters, so the policy answers the same)");
                }
                step.email = email(request);
            }
            Action::AdminCreateUser => step.email = email(request),
            Action::ConfirmSignUp | Action::ConfirmForgotPassword => {
                if failed("CodeMismatchException") {
                    step.code = Some("000000".to_owned());
                    notes.push("the wrong code sent (000000)");
                }
                if let Some(sent) = text(request, "/Password") {
                    step.new_password = Some(stand_in(sent));
                    notes.push("the new password (same length and kinds of characters)");
                }
            }
            Action::AnswerNewPassword => {
                if let Some(sent) = text(request, "/ChallengeResponses/NEW_PASSWORD") {
                    step.new_password = Some(stand_in(sent));
                    notes.push("the new password (same length and kinds of characters)");
                }
            }
            _ => {}
        }
        if let (true, Some(user), Some(password)) = (
            succeeded,
            &step.username,
            step.new_password.as_ref().or(step.password.as_ref()),
        ) && action != Action::SignIn
        {
            self.passwords.insert(user.clone(), password.clone());
        }
        step.explain = Some(placeholder(&notes));
        step
    }
}

/// Whether the engine can replay `action` as one step of its own (SRP and TOTP answers need
/// the device's or the authenticator's secret, which a recording never has).
fn replayable(action: Action) -> bool {
    !matches!(
        action,
        Action::SendSrpA | Action::SendSrpProof | Action::AnswerTotp
    )
}

fn narrate(operation: &str, why: &str) -> StepSpec {
    StepSpec {
        action: Action::Narrate,
        label: Some(format!("{operation} (recorded)")),
        explain: Some(format!(
            "TODO: explain this step. Recorded as text only: {why}."
        )),
        ..StepSpec::default()
    }
}

/// The `explain` an instructor fills in, saying what the recording replaced.
fn placeholder(replaced: &[&str]) -> String {
    let mut text = "TODO: explain what the learner should notice at this step.".to_owned();
    if !replaced.is_empty() {
        text.push_str(&format!(" (Recorded: replaced {}.)", replaced.join("; ")));
    }
    text
}

fn text<'v>(request: &'v Value, pointer: &str) -> Option<&'v str> {
    request.pointer(pointer).and_then(Value::as_str)
}

/// The `email` of `UserAttributes`.
fn email(request: &Value) -> Option<String> {
    request
        .get("UserAttributes")?
        .as_array()?
        .iter()
        .find(|a| a.get("Name").and_then(Value::as_str) == Some("email"))?
        .get("Value")?
        .as_str()
        .map(str::to_owned)
}

/// A password of the same length and the same kinds of characters as `sent` (each upper-case
/// letter an `X`, lower-case an `x`, digit a `0`, anything else a `!`), so a password policy
/// says of it exactly what it said of the one sent.
#[must_use]
pub fn stand_in(sent: &str) -> String {
    sent.chars()
        .map(|c| {
            if c.is_uppercase() {
                'X'
            } else if c.is_lowercase() {
                'x'
            } else if c.is_ascii_digit() {
                '0'
            } else {
                '!'
            }
        })
        .collect()
}

/// [`stand_in`] whose last character is another of its kind (`Y`, `y`, `1`, `?`): a wrong
/// password that no stand-in of a right one (made of `X`, `x`, `0`, `!`) can equal.
fn wrong_stand_in(sent: &str) -> String {
    let mut chars: Vec<char> = stand_in(sent).chars().collect();
    if let Some(last) = chars.last_mut() {
        *last = match *last {
            'X' => 'Y',
            'x' => 'y',
            '0' => '1',
            _ => '?',
        };
    }
    chars.into_iter().collect()
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::*;

    #[test]
    fn stand_ins_keep_length_and_kinds_of_characters() {
        assert_eq!(stand_in("Correct-Horse-42"), "Xxxxxxx!Xxxxx!00");
        assert_eq!(stand_in("short"), "xxxxx");
        assert_eq!(stand_in("ÄÖ 1"), "XX!0");
    }

    #[test]
    fn calls_become_steps_without_their_secrets() {
        let pool: PoolSpec = toml::from_str("").unwrap();
        let mut recording = Recording::new(&pool);
        let sign_up = SeenCall::new(
            "SignUp",
            json!({"Username": "bob", "Password": "Secret-Pass-9", "UserAttributes": [{"Name": "email", "Value": "bob@example.com"}]}),
            Ok(&json!({"UserConfirmed": false})),
        );
        let wrong_code = SeenCall::new(
            "ConfirmSignUp",
            json!({"Username": "bob", "ConfirmationCode": "123456"}),
            Err((
                "CodeMismatchException",
                "Invalid verification code provided, please try again.",
            )),
        );
        let wrong_password = SeenCall::new(
            "InitiateAuth",
            json!({"AuthFlow": "USER_PASSWORD_AUTH", "AuthParameters": {"USERNAME": "bob", "PASSWORD": "Wrong-Pass-1"}}),
            Err(("NotAuthorizedException", "Incorrect username or password.")),
        );
        let unknown = SeenCall::new("DescribeUserPool", json!({}), Ok(&json!({})));
        for call in [&sign_up, &wrong_code, &wrong_password, &unknown] {
            recording.call(call);
        }
        recording.clock(3660);
        let file = recording.file("recorded", "Recorded");
        let text = toml::to_string(&file).unwrap();
        for secret in ["Secret-Pass-9", "123456", "Wrong-Pass-1"] {
            assert!(!text.contains(secret), "{secret} in\n{text}");
        }
        let steps: Vec<(Action, Option<&str>, Option<&str>)> = file
            .steps
            .iter()
            .map(|s| (s.action, s.password.as_deref(), s.code.as_deref()))
            .collect();
        assert_eq!(
            steps,
            vec![
                (Action::SignUp, Some("Xxxxxx!Xxxx!0"), None),
                (Action::ConfirmSignUp, None, Some("000000")),
                (Action::SignIn, Some("Xxxxx!Xxxx!1"), None),
                (Action::Narrate, None, None),
                (Action::AdvanceClock, None, None),
            ]
        );
        assert_eq!(file.steps[4].duration.as_deref(), Some("3660s"));
        assert!(file.steps[3].label.as_deref() == Some("DescribeUserPool (recorded)"));
    }
}
