//! Frames: one self-contained snapshot per step of a run, plain data.
//!
//! Every view (the TUI's nine modes, plain mode, transcripts, the quiz's "jump to step") reads
//! these and nothing else. A frame never refers to its neighbours, so stepping back is moving a
//! cursor and any frame can be rendered on its own (Python Tutor's trace model).

use serde::Serialize;

use crate::scenario::model::{Action, TokenKind};

/// A whole run of a scenario: the main path or one variant.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Run {
    /// The scenario's id.
    pub scenario_id: String,
    /// The variant's id, or `None` for the main path.
    pub variant: Option<String>,
    /// The seed every random value of the run came from.
    pub seed: u64,
    /// Facts about the pool the run used (ids, issuer, policy).
    pub pool: PoolFacts,
    /// The variables the tracker shows, in display order.
    pub tracked: Vec<String>,
    /// Every variable before step 1 (the tracker's "Start" column).
    pub start: Vars,
    /// One frame per step that applied, in order.
    pub frames: Vec<Frame>,
    /// The pool's published JWKS (`{"keys": [...]}`).
    pub jwks: serde_json::Value,
    /// How the run ended, in words ("User logged in", "NotAuthorizedException: ...").
    pub outcome: String,
}

/// Facts about the simulated pool, for headers, the token view and notes.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct PoolFacts {
    /// e.g. `us-east-1_AbC123xyz`.
    pub pool_id: String,
    /// e.g. `us-east-1`.
    pub region: String,
    /// The app client id.
    pub client_id: String,
    /// `https://cognito-idp.{region}.amazonaws.com/{pool_id}`.
    pub issuer: String,
    /// `{issuer}/.well-known/jwks.json`.
    pub jwks_url: String,
    /// The password policy in one line, e.g. "at least 6 characters, lowercase, numbers".
    pub password_policy: String,
    /// Set when the policy is weaker than Cognito's default: the lesson's stated reason.
    pub policy_note: Option<String>,
    /// The lesson clock when the run started (epoch seconds, UTC).
    pub clock_start: u64,
    /// The UTC offset the lesson clock is shown at, in minutes (`clock_start`'s own).
    #[serde(skip_serializing_if = "is_zero")]
    pub clock_offset_minutes: i32,
}

/// Serde's test for leaving a zero offset out (a UTC lesson's trace is as it always was).
#[allow(clippy::trivially_copy_pass_by_ref)] // serde passes a reference
fn is_zero(minutes: &i32) -> bool {
    *minutes == 0
}

/// One step of a run.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Frame {
    /// 1-based step number within this run ("Step 3/5").
    pub number: usize,
    /// 0-based index of the step in the scenario file's `[[steps]]`.
    pub step_index: usize,
    /// The step's id, when the file gave one.
    pub step_id: Option<String>,
    /// The action that ran.
    pub action: Action,
    /// The process-table row.
    pub row: Row,
    /// Every variable after this step, with what changed.
    pub vars: Vars,
    /// The diagram node this step lights up.
    pub node: Option<String>,
    /// Diagram nodes visited so far, in order, this step's included; a node lit by several
    /// steps in a row is there once.
    pub path: Vec<String>,
    /// The execution-sample line (1-based) this step marks.
    pub sample_line: Option<u32>,
    /// The step's explanation.
    pub explanation: Option<String>,
    /// Code shown with the step (the SDK call, say).
    pub snippet: Option<String>,
    /// What the step's Cognito call (if any) came to.
    pub outcome: Outcome,
    /// The API call made at this step, with its real request and response JSON.
    pub api: Option<ApiCall>,
    /// The tokens the app holds after this step.
    pub tokens: Tokens,
    /// What Cognito checked at this step, in its order (client flow, user exists, enabled,
    /// lockout, status, password…), when the step is InitiateAuth's credentials check.
    pub cognito_checks: Vec<Check>,
    /// The app's offline checks of a token, when the step verified one.
    pub verification: Option<Verification>,
    /// What the app's offline checks would say of each JWT it holds (ID, then access), by the
    /// lesson clock after this step: what the token view shows when the step checked nothing.
    pub token_checks: Vec<Verification>,
    /// The cryptography the step ran and what each operation cost.
    pub crypto: Vec<CryptoCost>,
    /// The lesson clock after the step (epoch seconds, UTC).
    pub clock: u64,
    /// Where the lesson simplifies or the mock departs from Cognito, said on screen.
    pub notes: Vec<String>,
    /// Every SRP number known after this step, whole, in the order they were computed (empty
    /// outside USER_SRP_AUTH).
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub srp: Vec<SrpValue>,
}

/// Who computed an SRP number.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum SrpSide {
    /// The user's device (the SDK in the app).
    Device,
    /// Cognito.
    Cognito,
}

impl SrpSide {
    /// "device" or "Cognito".
    #[must_use]
    pub fn name(self) -> &'static str {
        match self {
            Self::Device => "device",
            Self::Cognito => "Cognito",
        }
    }
}

/// One number of an SRP sign-in, whole (the tracker and the checks show it shortened).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct SrpValue {
    /// Who computed it.
    pub side: SrpSide,
    /// e.g. `A`, `S`, `K`.
    pub name: String,
    /// How it is made and where it goes, e.g. "g^a mod N; sent as SRP_A".
    pub meaning: String,
    /// The value: hex, base64 or text.
    pub value: String,
}

/// Where a step happens: what the screen may say about "a call to Cognito at this step".
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Scene {
    /// The app calls Cognito: a request goes out, a response comes back, or both.
    Call,
    /// Inside Cognito, between a request and its response: a phase of that call (InitiateAuth
    /// checking the credentials). No message crosses the wire at this step.
    InsideCognito,
    /// In the app, which checks a token itself, offline: Cognito is not asked.
    AppCheck,
    /// On the device: the app's SDK computes something (SRP numbers, a PKCE pair); nothing is
    /// sent yet.
    Device,
    /// The lesson clock moves on.
    Time,
    /// In the app or the user's head (typing, showing an error, narration): nothing is sent.
    App,
}

/// The names of PKCE's values in [`Frame::srp`]: the app's verifier and challenge, and
/// Cognito's S256 of the verifier it received (the hosted UI's code exchange).
pub const PKCE_VALUES: [&str; 3] = ["code_verifier", "code_challenge", "S256(code_verifier)"];

/// What a frame's whole values are.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ValuesKind {
    /// SRP's numbers (A, B, u, S, K, …).
    Srp,
    /// PKCE's code verifier, its challenge, and Cognito's S256 of what it received.
    Pkce,
}

impl ValuesKind {
    /// "SRP numbers" or "PKCE values", for headings.
    #[must_use]
    pub fn words(self) -> &'static str {
        match self {
            Self::Srp => "SRP numbers",
            Self::Pkce => "PKCE values",
        }
    }

    /// What crosses the wire and what never does, in a sentence.
    #[must_use]
    pub fn what_travels(self) -> &'static str {
        match self {
            Self::Srp => {
                "Of the device's numbers only A and the signature cross the wire; a, x, S and K never do."
            }
            Self::Pkce => {
                "Only the challenge travels at authorize; the verifier goes to the token endpoint alone, where Cognito hashes it and compares."
            }
        }
    }
}

impl Frame {
    /// Where this step happens.
    #[must_use]
    pub fn scene(&self) -> Scene {
        if self.api.is_some() {
            return Scene::Call;
        }
        if !self.cognito_checks.is_empty() || self.action == Action::VerifyCredentials {
            return Scene::InsideCognito;
        }
        if self.verification.is_some() || self.action == Action::VerifyToken {
            return Scene::AppCheck;
        }
        match self.action {
            Action::ComputeSrpA | Action::ComputeSrpProof | Action::MakePkce => Scene::Device,
            Action::AdvanceClock => Scene::Time,
            _ => Scene::App,
        }
    }

    /// For a step inside Cognito: the frame (in `frames`, this one among them) whose request
    /// it is working on: the last call before it still waiting for its response.
    #[must_use]
    pub fn call_worked_on<'f>(&self, frames: &'f [Frame]) -> Option<&'f Frame> {
        if self.scene() != Scene::InsideCognito {
            return None;
        }
        frames
            .iter()
            .take_while(|f| f.number < self.number)
            .filter(|f| f.api.is_some())
            .last()
            .filter(|f| f.api.as_ref().is_some_and(|a| a.status.is_none()))
    }

    /// The table's "Cognito Response" and "Result" cells: the row's, except that a step of the
    /// app alone that failed (the app's own `TokenRejected`: Cognito was not asked) has no
    /// Cognito response, and its verdict goes with the result: "Token rejected: ✗ signature:
    /// the signature does not match…". The second value says whether the response is an
    /// exception Cognito answered (the table marks it ✗).
    #[must_use]
    pub fn table_cells(&self) -> (&str, std::borrow::Cow<'_, str>, bool) {
        use std::borrow::Cow;
        let Outcome::Error { message, .. } = &self.outcome else {
            return (&self.row.response, Cow::Borrowed(&self.row.result), false);
        };
        if matches!(self.scene(), Scene::Call | Scene::InsideCognito) {
            return (&self.row.response, Cow::Borrowed(&self.row.result), true);
        }
        let result = format!("{}: ✗\u{a0}{message}", self.row.result);
        ("N/A", Cow::Owned(result), false)
    }

    /// The `otpauth://` URI an authenticator app scans, when this step set one up
    /// (AssociateSoftwareToken's secret, which the engine notes as that URI).
    #[must_use]
    pub fn otpauth_uri(&self) -> Option<&str> {
        self.notes
            .iter()
            .map(String::as_str)
            .find(|note| note.starts_with("otpauth://"))
    }

    /// What this step's whole values ([`Frame::srp`]) are, for their headings: SRP's numbers,
    /// or PKCE's verifier and challenge. `None` when it has none.
    #[must_use]
    pub fn values_kind(&self) -> Option<ValuesKind> {
        let first = self.srp.first()?;
        Some(if PKCE_VALUES.contains(&first.name.as_str()) {
            ValuesKind::Pkce
        } else {
            ValuesKind::Srp
        })
    }

    /// The SRP numbers this step computed or changed: those `previous` (the step before, if
    /// any) did not already hold as they are.
    #[must_use]
    pub fn srp_new<'f>(&'f self, previous: Option<&Frame>) -> Vec<&'f SrpValue> {
        self.srp
            .iter()
            .filter(|value| previous.is_none_or(|p| !p.srp.contains(value)))
            .collect()
    }

    /// A field of this step by name, as scenario `proof`s and predictions name them:
    /// `action`, `input`, `response`, `result`, `outcome` (`none`, `pending`, `success`,
    /// `error:<Exception>`, `challenge:<NAME>`) or `var:<name>`. `None` for an unknown name.
    #[must_use]
    pub fn field(&self, name: &str) -> Option<String> {
        match name {
            "action" => Some(self.row.action.clone()),
            "input" => Some(self.row.input.clone()),
            "response" => Some(self.row.response.clone()),
            "result" => Some(self.row.result.clone()),
            "outcome" => Some(match &self.outcome {
                Outcome::None => "none".to_owned(),
                Outcome::Pending => "pending".to_owned(),
                Outcome::Success => "success".to_owned(),
                Outcome::Challenge { name } => format!("challenge:{name}"),
                Outcome::Error { exception, .. } => format!("error:{exception}"),
            }),
            other => other
                .strip_prefix("var:")
                .and_then(|var| self.vars.get(var))
                .map(|v| v.value.clone()),
        }
    }
}

/// A process-table row (the seed's columns).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Row {
    /// "Action".
    pub action: String,
    /// "Input".
    pub input: String,
    /// "Cognito Response".
    pub response: String,
    /// "Result".
    pub result: String,
}

/// Variables in display order (tracked first, then the rest).
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize)]
pub struct Vars(pub Vec<Var>);

impl Vars {
    /// The variable called `name`.
    #[must_use]
    pub fn get(&self, name: &str) -> Option<&Var> {
        self.0.iter().find(|v| v.name == name)
    }

    /// The displayed value of `name`, or `""` when there is no such variable.
    #[must_use]
    pub fn value(&self, name: &str) -> &str {
        self.get(name).map_or("", |v| v.value.as_str())
    }
}

/// One variable's value after a step.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Var {
    /// Name, e.g. `authStatus` (one of the engine's fixed names: not a copy per frame).
    pub name: &'static str,
    /// The displayed value, e.g. `none`, `token issued` or a whole JWT.
    pub value: String,
    /// How it differs from the previous step.
    pub change: Change,
}

/// How a variable changed at a step.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Change {
    /// Same as before.
    Same,
    /// Was empty or none, now set.
    Set,
    /// Had a value, now another.
    Changed,
    /// Had a value, now empty or none.
    Cleared,
}

/// What a step's Cognito call came to.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Outcome {
    /// No call was made at this step.
    None,
    /// The request is with Cognito; the answer is not known yet (InitiateAuth phase 1).
    Pending,
    /// The call succeeded.
    Success,
    /// Cognito asked for a challenge answer.
    Challenge {
        /// e.g. `NEW_PASSWORD_REQUIRED`.
        name: String,
    },
    /// Cognito returned an exception.
    Error {
        /// e.g. `NotAuthorizedException`.
        exception: String,
        /// e.g. `Incorrect username or password.`
        message: String,
    },
}

/// An API call with its real JSON.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ApiCall {
    /// e.g. `InitiateAuth`.
    pub operation: String,
    /// The request body as Cognito receives it.
    pub request: Option<serde_json::Value>,
    /// The response body (`{"__type": ..., "message": ...}` on an error); `None` while pending.
    pub response: Option<serde_json::Value>,
    /// 200, or 400 for an exception; `None` while pending.
    pub status: Option<u16>,
}

/// The tokens the app holds.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize)]
pub struct Tokens {
    /// The ID token (JWT).
    pub id: Option<String>,
    /// The access token (JWT).
    pub access: Option<String>,
    /// The refresh token (opaque).
    pub refresh: Option<String>,
}

/// The app's offline verification of a token.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Verification {
    /// Which token was checked.
    pub token: TokenKind,
    /// The checks, in the order an app makes them.
    pub checks: Vec<Check>,
}

impl Verification {
    /// True when every check passed.
    #[must_use]
    pub fn passed(&self) -> bool {
        self.checks.iter().all(|c| c.passed)
    }
}

/// One check: what Cognito checked in a call, or one of the app's offline token checks (the
/// mock's own record, kept as it is).
pub use crate::cognito::Check;

/// A cryptographic operation and what it cost: the mock's own record, kept as it is (its
/// `elapsed` is not serialised, so transcripts leave the wall time out).
pub use crate::cognito::CryptoCost;

#[cfg(test)]
mod tests {
    use super::Scene::{AppCheck, Call, Device, InsideCognito, Time};
    use super::*;

    /// Where each step of a built-in lesson's main path happens, and which call a step inside
    /// Cognito works on.
    #[test]
    fn every_step_says_where_it_happens() {
        // (lesson, each step's scene, (a step inside Cognito, the step of the call it works on)).
        type Case<'a> = (&'a str, &'a [Scene], &'a [(usize, usize)]);
        let cases: &[Case] = &[
            (
                "signin-basic",
                &[Scene::App, Call, InsideCognito, Call, AppCheck],
                &[(3, 2)],
            ),
            (
                "tokens-and-sign-out",
                &[
                    Call, Call, Time, AppCheck, Call, Call, Call, Call, AppCheck, Call,
                ],
                &[],
            ),
            (
                "srp-sign-in",
                &[
                    Scene::App,
                    Device,
                    Call,
                    InsideCognito,
                    Call,
                    Device,
                    Call,
                    InsideCognito,
                    Call,
                    AppCheck,
                ],
                &[(4, 3), (8, 7)],
            ),
        ];
        for (id, scenes, calls) in cases {
            let scenario = crate::scenario::resolve(Some(id)).unwrap();
            let run = crate::flow::run(&scenario, None, 1).unwrap();
            let got: Vec<Scene> = run.frames.iter().map(Frame::scene).collect();
            assert_eq!(&got, scenes, "{id}");
            for &(step, call) in *calls {
                let frame = &run.frames[step - 1];
                let worked_on = frame.call_worked_on(&run.frames).map(|f| f.number);
                assert_eq!(worked_on, Some(call), "{id} step {step}");
            }
            // Only a step inside Cognito works on a call.
            let outside = run
                .frames
                .iter()
                .filter(|f| f.scene() != InsideCognito)
                .all(|f| f.call_worked_on(&run.frames).is_none());
            assert!(outside, "{id}");
        }
    }
}
