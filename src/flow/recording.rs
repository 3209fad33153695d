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
//!
//! Some calls cannot be replayed at all: an SRP leg (its `SRP_A` and proof come from a secret
//! only the client had) and a TOTP answer (the authenticator's secret). They are written as
//! text-only steps that say so. [`Recording::lesson`] then runs the file through the engine and
//! compares each step's answer with the session's: what the replay does not reproduce (those
//! steps, and any later step that answers differently, a GetUser without the tokens of an SRP
//! sign-in, say) is listed as a [`Gap`] and said in the step's `explain`.

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
    /// What each step was in the session, beside `steps` (`None` for a clock move).
    recorded: Vec<Option<Recorded>>,
}

/// A recorded call as the session saw it.
#[derive(Debug, Clone)]
struct Recorded {
    /// Its number in the session (1, 2, 3…).
    call: usize,
    operation: String,
    outcome: Latest,
    /// Why it is written as text only, when it is.
    text_only: Option<String>,
}

/// Something a replay of the recorded lesson does not reproduce.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Gap {
    /// The call is written as a text-only step.
    TextOnly {
        /// The step (1-based).
        step: usize,
        /// The call's number in the session.
        call: usize,
        /// Its operation.
        operation: String,
        /// Why it cannot be replayed.
        why: String,
    },
    /// The replayed step answers otherwise than the session's call did.
    Differs {
        /// The step (1-based).
        step: usize,
        /// The call's number in the session.
        call: usize,
        /// Its operation.
        operation: String,
        /// What Cognito answered in the session.
        session: String,
        /// What it answers in the replay.
        replay: String,
    },
}

impl Gap {
    /// One line for the file's header: "step 3 (call #3 InitiateAuth): text only: …".
    #[must_use]
    pub fn describe(&self) -> String {
        match self {
            Gap::TextOnly {
                step,
                call,
                operation,
                why,
            } => format!("step {step} (call #{call} {operation}) is text only: {why}"),
            Gap::Differs {
                step,
                call,
                operation,
                session,
                replay,
            } => format!(
                "step {step} (call #{call} {operation}) answered {session} in the session; replayed, it answers {replay}"
            ),
        }
    }
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
            recorded: Vec::new(),
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
        let (step, text_only) = self.step_of(call);
        self.steps.push(step);
        self.recorded.push(Some(Recorded {
            call: self.calls,
            operation: call.operation.clone(),
            outcome: call.outcome.clone(),
            text_only,
        }));
    }

    /// Records the served clock moving on by `seconds`.
    pub fn clock(&mut self, seconds: u64) {
        self.steps.push(StepSpec {
            action: Action::AdvanceClock,
            duration: Some(format!("{seconds}s")),
            explain: Some(placeholder(&[])),
            ..StepSpec::default()
        });
        self.recorded.push(None);
    }

    /// The lesson ([`Recording::file`]) with what its replay does not reproduce: the engine
    /// runs it (with `seed`) and each call step's answer is compared with the session's. Each
    /// gap is also said in its step's `explain`. A file the engine cannot run at all is one
    /// error (check would refuse it too).
    ///
    /// # Errors
    /// The engine could not run the file (a pool it cannot build).
    pub fn lesson(
        &self,
        id: &str,
        title: &str,
        seed: u64,
    ) -> Result<(ScenarioFile, Vec<Gap>), super::FlowError> {
        let mut file = self.file(id, title);
        let scenario = crate::scenario::Scenario {
            file: file.clone(),
            origin: crate::scenario::Origin::Path(format!("{id}.toml").into()),
            content_hash: String::new(),
            warnings: Vec::new(),
            source: std::sync::Arc::from(""),
        };
        let run = super::run(&scenario, None, seed)?;
        let mut gaps = Vec::new();
        for (index, recorded) in self.recorded.iter().enumerate() {
            let Some(recorded) = recorded else {
                continue;
            };
            let (step, call, operation) = (index + 1, recorded.call, recorded.operation.clone());
            if let Some(why) = &recorded.text_only {
                gaps.push(Gap::TextOnly {
                    step,
                    call,
                    operation,
                    why: why.clone(),
                });
                continue;
            }
            let replayed = run
                .frames
                .iter()
                .find(|f| f.step_index == index)
                .and_then(SeenCall::of_frame)
                .map(|seen| seen.outcome);
            if replayed.as_ref() != Some(&recorded.outcome) {
                let gap = Gap::Differs {
                    step,
                    call,
                    operation,
                    session: super::lab::seen_outcome(&recorded.outcome),
                    replay: replayed.map_or_else(
                        || "nothing (the replay makes no call there)".to_owned(),
                        |o| super::lab::seen_outcome(&o),
                    ),
                };
                let explain = file.steps[index].explain.get_or_insert_default();
                explain.push_str(&format!(" (Not reproduced: {}.)", gap.describe()));
                gaps.push(gap);
            }
        }
        Ok((file, gaps))
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

    /// The step for `call`, and why it is text only when it is.
    fn step_of(&mut self, call: &SeenCall) -> (StepSpec, Option<String>) {
        let request = &call.request;
        let Some(action) = action_of(&call.operation, request) else {
            return narrate(
                &call.operation,
                "the lesson vocabulary has no action for it".to_owned(),
            );
        };
        if let Some(why) = unreplayable(action) {
            return narrate(&call.operation, why.to_owned());
        }
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
                    format!(
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
            label: Some(recorded_label(action, &call.operation)),
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
        (step, None)
    }
}

/// "App signs the user in (InitiateAuth)": the action's words, naming the operation once.
fn recorded_label(action: Action, operation: &str) -> String {
    let words = labels::action_label(action);
    if words.contains(&format!("({operation})")) {
        words.to_owned()
    } else {
        format!("{words} ({operation})")
    }
}

/// Why the engine cannot replay `action` from a recording, if it cannot: SRP and TOTP answers
/// are computed from a secret only the client had.
fn unreplayable(action: Action) -> Option<&'static str> {
    match action {
        Action::SendSrpA => Some(
            "an SRP sign-in's first leg sends SRP_A, made from a random secret only the client held, so the engine cannot send the same; the calls after it that need its session or tokens may answer differently",
        ),
        Action::SendSrpProof => Some(
            "an SRP proof (PASSWORD_CLAIM_SIGNATURE) is computed from the client's secret and the password, which a recording never holds; without it the replay has no tokens from this sign-in",
        ),
        Action::AnswerTotp => Some(
            "a TOTP code comes from the authenticator's secret, which a recording never holds; without it the replay has no tokens from this sign-in",
        ),
        _ => None,
    }
}

fn narrate(operation: &str, why: String) -> (StepSpec, Option<String>) {
    let step = StepSpec {
        action: Action::Narrate,
        label: Some(format!("{operation} (recorded)")),
        explain: Some(format!(
            "TODO: explain this step. Recorded as text only, not replayed: {why}."
        )),
        ..StepSpec::default()
    };
    (step, Some(why))
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
        assert_eq!(
            file.steps[2].label.as_deref(),
            Some("App signs the user in (InitiateAuth)"),
            "the operation named once"
        );
    }

    #[test]
    fn what_a_replay_cannot_reproduce_is_listed_and_said_in_its_step() {
        let pool: PoolSpec = toml::from_str(
            "auth_flows = [\"ALLOW_USER_PASSWORD_AUTH\", \"ALLOW_USER_SRP_AUTH\", \"ALLOW_REFRESH_TOKEN_AUTH\"]\n\
             [[users]]\nusername = \"ana\"\npassword = \"Correct-Horse-42\"\n",
        )
        .unwrap();
        let mut recording = Recording::new(&pool);
        let srp_a = SeenCall::new(
            "InitiateAuth",
            json!({"AuthFlow": "USER_SRP_AUTH", "AuthParameters": {"USERNAME": "ana", "SRP_A": "1f"}}),
            Ok(&json!({"ChallengeName": "PASSWORD_VERIFIER"})),
        );
        let proof = SeenCall::new(
            "RespondToAuthChallenge",
            json!({"ChallengeName": "PASSWORD_VERIFIER", "ChallengeResponses": {"USERNAME": "ana", "PASSWORD_CLAIM_SIGNATURE": "c2ln"}}),
            Ok(&json!({"AuthenticationResult": {}})),
        );
        let get_user = SeenCall::new("GetUser", json!({"AccessToken": "x"}), Ok(&json!({})));
        let sign_in = SeenCall::new(
            "InitiateAuth",
            json!({"AuthFlow": "USER_PASSWORD_AUTH", "AuthParameters": {"USERNAME": "ana", "PASSWORD": "Correct-Horse-42"}}),
            Ok(&json!({"AuthenticationResult": {}})),
        );
        for call in [&srp_a, &proof, &get_user, &sign_in, &get_user] {
            recording.call(call);
        }
        let (file, gaps) = recording.lesson("recorded", "Recorded", 1).unwrap();
        let kinds: Vec<(usize, &str)> = gaps
            .iter()
            .map(|g| match g {
                Gap::TextOnly { step, .. } => (*step, "text only"),
                Gap::Differs { step, .. } => (*step, "differs"),
            })
            .collect();
        // The SRP legs are text only; the GetUser after them has no tokens in the replay; the
        // password sign-in and the GetUser after it replay as in the session.
        assert_eq!(kinds, [(1, "text only"), (2, "text only"), (3, "differs")]);
        let Gap::Differs {
            session, replay, ..
        } = &gaps[2]
        else {
            unreachable!()
        };
        assert_eq!(session, "success");
        assert!(replay.starts_with("NotAuthorizedException"), "{replay}");
        assert!(
            gaps[0].describe().starts_with(
                "step 1 (call #1 InitiateAuth) is text only: an SRP sign-in's first leg sends SRP_A"
            ),
            "{}",
            gaps[0].describe()
        );
        let explain = |n: usize| file.steps[n].explain.clone().unwrap_or_default();
        assert!(
            explain(0).contains("Recorded as text only, not replayed"),
            "{}",
            explain(0)
        );
        assert!(
            explain(2).contains("(Not reproduced: step 3 (call #3 GetUser) answered success in the session; replayed, it answers NotAuthorizedException"),
            "{}",
            explain(2)
        );
        assert!(!explain(4).contains("Not reproduced"), "{}", explain(4));
        let text = toml::to_string(&file).unwrap();
        for secret in ["1f", "c2ln", "PASSWORD_CLAIM_SIGNATURE"] {
            assert!(
                !text.contains(&format!("\"{secret}\"")),
                "{secret} in\n{text}"
            );
        }
    }
}
