//! Recording: what a step did, turned into the frame the screens show.
//!
//! ```text
//!  a lesson step ──Runner::perform──┐
//!                                   ├──> Call ──Recorder::absorb──> Effect ──Recorder::frame──> Frame
//!  a wire call (cogflow serve) ─────┘      (request, answer,     (what the app now holds:
//!                                           Cognito's checks)     tokens, session, variables)
//! ```
//!
//! The [`Recorder`] is the app's side of a run: the tokens it holds, the challenge session it
//! must answer, the tracker's variables and the latest outcome the next step's `when` is judged
//! on. The engine records each lesson step with it, and `cogflow serve` records each call its
//! learner makes with [`Recorder::frame_from_call`], so both show a call the same way.

use std::collections::BTreeMap;

use serde_json::Value;

use crate::cognito::{self, CognitoError, SrpExchange, UserPool};
use crate::scenario::model::{Action, StepSpec, TokenKind};

use super::call::Call;

use crate::flow::frame::{
    ApiCall, Check, CryptoCost, Frame, Outcome, Row, SrpSide, SrpValue, Tokens, Vars, Verification,
};
use crate::flow::labels;
use crate::flow::time;
use crate::flow::vars::VarState;

/// What one step did, before the scenario's labels are applied.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Effect {
    /// The Input column, when the step computed one.
    pub input: String,
    /// The Cognito Response column's success wording, when the answer gives one.
    pub response: Option<String>,
    pub outcome: Outcome,
    pub api: Option<ApiCall>,
    pub verification: Option<Verification>,
    pub cognito_checks: Vec<Check>,
    pub notes: Vec<String>,
    pub crypto: Vec<CryptoCost>,
}

impl Effect {
    /// Nothing done yet; `input` is the Input column's default.
    pub fn new(input: impl Into<String>) -> Self {
        Self {
            input: input.into(),
            response: None,
            outcome: Outcome::None,
            api: None,
            verification: None,
            cognito_checks: Vec::new(),
            notes: Vec::new(),
            crypto: Vec::new(),
        }
    }
}

/// The outcome the next step's `when` is judged on.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Latest {
    /// No call yet.
    Nothing,
    /// The latest call succeeded.
    Success,
    /// It failed with this exception (or the app's own `TokenRejected`), and this message.
    Error {
        /// e.g. `NotAuthorizedException`.
        exception: String,
        /// e.g. `User is disabled.`
        message: String,
    },
    /// It returned this challenge.
    Challenge(String),
}

/// The app's side of a run, and the frames' numbering.
#[derive(Debug, Clone)]
pub struct Recorder {
    tracked: Vec<String>,
    start: Vars,
    previous: Vars,
    frames: usize,
    state: VarState,
    tokens: Tokens,
    /// The pending challenge: who it is for and its session (empty for PASSWORD_VERIFIER,
    /// which has none).
    challenge: Option<(String, String)>,
    /// The pending challenge's parameters, as Cognito sent them (SRP's SALT, SRP_B, …).
    challenge_parameters: BTreeMap<String, String>,
    /// Every SRP number so far, the device's and Cognito's.
    srp: Vec<SrpValue>,
    latest: Latest,
    path: Vec<String>,
    /// The user the tracker follows until a step names one (the lesson's first).
    first_user: Option<String>,
    /// The UTC offset the `clock` variable is shown at, in minutes.
    clock_offset_minutes: i32,
    /// Whose clock the token checks read (a live session's is the server's).
    clock: cognito::Clock,
    /// Whether each frame carries the app's checks of the tokens it holds
    /// ([`Frame::token_checks`]); `false` for a run nobody shows ([`Recorder::without_token_checks`]).
    token_checks: bool,
}

impl Recorder {
    /// Stands before the first frame of a run over `pool`, whose tracker shows `tracked` and
    /// follows `first_user` (with `email`) until a step names another.
    #[must_use]
    pub fn new(
        pool: &UserPool,
        tracked: Vec<String>,
        first_user: Option<(&str, Option<&str>)>,
    ) -> Self {
        let mut state = VarState::new();
        state.set("clock", time::format_utc(pool.now()));
        if let Some((username, email)) = first_user {
            set_user_vars(&mut state, pool, username);
            if let Some(email) = email {
                state.set("email", email);
            }
        }
        let start = state.to_vars(&tracked, None);
        Self {
            tracked,
            previous: start.clone(),
            start,
            frames: 0,
            state,
            tokens: Tokens::default(),
            challenge: None,
            challenge_parameters: BTreeMap::new(),
            srp: Vec::new(),
            latest: Latest::Nothing,
            path: Vec::new(),
            first_user: first_user.map(|(username, _)| username.to_owned()),
            clock_offset_minutes: 0,
            clock: cognito::Clock::Lesson,
            token_checks: true,
        }
    }

    /// Frames without the app's checks of the tokens it holds (empty
    /// [`Frame::token_checks`]): for `cogflow check`, which reads a frame's row, outcome,
    /// variables, call and clock, never these (they are the token panels' words). Every other
    /// part of every frame is the same.
    #[must_use]
    pub fn without_token_checks(mut self) -> Self {
        self.token_checks = false;
        self
    }

    /// Reads the token checks on the served clock (a live session: each at its call's time).
    #[must_use]
    pub fn on_served_clock(mut self) -> Self {
        self.clock = cognito::Clock::Served;
        self
    }

    /// Shows the lesson clock at UTC offset `minutes` (a lesson's `clock_start` offset).
    #[must_use]
    pub fn with_clock_offset(mut self, minutes: i32, pool: &UserPool) -> Self {
        self.clock_offset_minutes = minutes;
        self.state
            .set("clock", time::format_at_offset(pool.now(), minutes));
        self.start = self.state.to_vars(&self.tracked, None);
        self.previous = self.start.clone();
        self
    }

    /// The variables before the first frame.
    #[must_use]
    pub fn start(&self) -> &Vars {
        &self.start
    }

    /// The tracked variables, in display order.
    #[must_use]
    pub fn tracked(&self) -> &[String] {
        &self.tracked
    }

    /// The latest outcome.
    #[must_use]
    pub fn latest(&self) -> &Latest {
        &self.latest
    }

    /// The run's variables.
    pub(crate) fn state(&self) -> &VarState {
        &self.state
    }

    /// Sets a variable (what a step typed or changed).
    pub(crate) fn set(&mut self, name: &str, value: impl Into<String>) {
        self.state.set(name, value);
    }

    /// The tokens the app holds.
    pub(crate) fn tokens(&self) -> &Tokens {
        &self.tokens
    }

    /// The pending challenge (who it is for, its session).
    pub(crate) fn challenge(&self) -> Option<&(String, String)> {
        self.challenge.as_ref()
    }

    /// The pending challenge goes on with a new Session (AssociateSoftwareToken and
    /// VerifySoftwareToken renew the MFA_SETUP one).
    pub(crate) fn renew_session(&mut self, session: &str) {
        if let Some((_, held)) = &mut self.challenge {
            session.clone_into(held);
        }
        self.state.set("session", abbreviate_session(session));
    }

    /// Holds `token` as the ID token (a `tamper_token` step replaced the one Cognito issued).
    pub(crate) fn hold_id_token(&mut self, token: String) {
        self.state.set("idToken", token.clone());
        self.state.set("token", token.clone());
        self.tokens.id = Some(token);
    }

    /// The pending challenge's parameters (empty when none is pending).
    pub(crate) fn challenge_parameters(&self) -> &BTreeMap<String, String> {
        &self.challenge_parameters
    }

    /// Records an SRP number (replacing the one of that side and name, if any).
    pub(crate) fn set_srp(&mut self, side: SrpSide, name: &str, meaning: &str, value: &str) {
        let entry = SrpValue {
            side,
            name: name.to_owned(),
            meaning: meaning.to_owned(),
            value: value.to_owned(),
        };
        match self
            .srp
            .iter_mut()
            .find(|v| v.side == side && v.name == name)
        {
            Some(existing) => *existing = entry,
            None => self.srp.push(entry),
        }
    }

    /// Records what Cognito computed in an SRP leg: its numbers (A only when the device's is
    /// not already there: a wire call has no device), and the tracker's `A`, `B`, `salt`, `u`
    /// (the same on both sides by construction) and, from the proof it received, `timestamp`
    /// and `signature`. The device's `S` and `K` are the device's to set.
    pub(crate) fn absorb_srp(&mut self, exchange: &SrpExchange) {
        let device_sent_a = self
            .srp
            .iter()
            .any(|v| v.side == SrpSide::Device && v.name == "A");
        for (name, meaning, value) in exchange.values() {
            if name != "A" || !device_sent_a {
                self.set_srp(SrpSide::Cognito, name, &meaning, value);
            }
        }
        for (name, value) in [
            ("A", &exchange.srp_a),
            ("B", &exchange.srp_b),
            ("salt", &exchange.salt),
            ("u", &exchange.u),
        ] {
            self.state.set(name, value.clone());
        }
        if let Some(sent) = &exchange.timestamp {
            self.state.set("timestamp", sent.clone());
        }
        if let Some(received) = &exchange.received_signature {
            self.state.set("signature", received.clone());
        }
    }

    /// The frame of a call that `pool` answered, made by someone else's code (`cogflow serve`):
    /// recorded exactly as a lesson step making it is, labelled with the words of the action
    /// that makes it (or the operation's name when no action does).
    pub fn frame_from_call(&mut self, pool: &mut UserPool, call: Call) -> Frame {
        let step = match call.action() {
            Some(action) => StepSpec {
                action,
                ..StepSpec::default()
            },
            None => {
                let (label, input, response, result) = labels::call_labels(&call.operation);
                StepSpec {
                    action: Action::Narrate,
                    label: Some(label),
                    input: Some(input.to_owned()),
                    response: Some(response.to_owned()),
                    result: Some(result.to_owned()),
                    ..StepSpec::default()
                }
            }
        };
        let mut effect = Effect::new(labels::success_labels(step.action).0);
        self.absorb(pool, call, &mut effect);
        self.frame(pool, self.frames, &step, effect)
    }

    /// Records `call`, made through `pool`, on `effect`: its request and answer, the outcome
    /// the next step's `when` sees, and what the answer changes for the app (tokens, a
    /// challenge session, a delivered code, `authStatus`).
    pub(crate) fn absorb(&mut self, pool: &UserPool, call: Call, effect: &mut Effect) {
        let subject = call
            .subject()
            .map(str::to_owned)
            .or_else(|| self.state.present("username").map(str::to_owned))
            .unwrap_or_default();
        let refresh = matches!(
            call.request.get("AuthFlow").and_then(Value::as_str),
            Some("REFRESH_TOKEN_AUTH" | "REFRESH_TOKEN")
        );
        effect.cognito_checks.extend(call.checks);
        if let Some(exchange) = &call.srp {
            self.absorb_srp(exchange);
        }
        let (body, status) = match &call.result {
            Ok(response) => (response.clone(), 200),
            Err(error) => (error.body(), 400),
        };
        effect.api = Some(ApiCall {
            operation: call.operation.clone(),
            request: Some(call.request),
            response: Some(body),
            status: Some(status),
        });
        let operation = call.operation.as_str();
        let response = match call.result {
            Err(error) => {
                if is_sign_in(operation) {
                    self.state.set("authStatus", "rejected");
                }
                effect.outcome = self.record_error(&error);
                return;
            }
            Ok(response) => response,
        };
        if is_sign_in(operation) {
            effect.outcome = self.signed_in(&response, &subject);
            if refresh && effect.outcome == Outcome::Success {
                effect.notes.push(
                    "Refreshing returns new ID and access tokens (same auth_time and \
                     origin_jti, new jti) and no new refresh token."
                        .to_owned(),
                );
            }
            return;
        }
        effect.outcome = self.record_success();
        match operation {
            "SignUp" if response.get("UserConfirmed") == Some(&Value::Bool(true)) => {
                // A pre sign-up trigger confirmed the user: no code was sent.
                effect.response = Some("Confirmed at once".to_owned());
            }
            "SignUp" | "ResendConfirmationCode" | "ForgotPassword" => {
                effect.response = Some(
                    response
                        .pointer("/CodeDeliveryDetails/Destination")
                        .and_then(Value::as_str)
                        .map_or_else(|| "Code sent".to_owned(), |d| format!("Code sent to {d}")),
                );
                let kind = if operation == "ForgotPassword" {
                    cognito::CodeKind::ForgotPassword
                } else {
                    cognito::CodeKind::SignUp
                };
                if let Some(code) = pool.last_code(&subject, kind) {
                    self.state.set("code", code);
                }
            }
            "AdminCreateUser" => {
                // The invitation carries the temporary password: it is what the user types next.
                if let Some(password) =
                    pool.last_code(&subject, cognito::CodeKind::TemporaryPassword)
                {
                    self.state.set("password", password);
                }
            }
            "GetUser" => {
                let count = response
                    .get("UserAttributes")
                    .and_then(Value::as_array)
                    .map_or(0, Vec::len);
                effect.response = Some(format!("User attributes ({count})"));
            }
            "GlobalSignOut" => {
                self.state.set("authStatus", "signed out");
                effect.notes.push(
                    "Cognito now refuses these tokens, but an app that only verifies JWTs \
                     offline would still accept them until they expire."
                        .to_owned(),
                );
            }
            "RevokeToken" => self.state.set("authStatus", "refresh revoked"),
            "POST /oauth2/token" => {
                if let Some(tokens) = oauth_tokens(&response) {
                    self.take_tokens(&tokens);
                    self.state.set("authStatus", "token issued");
                }
            }
            // Every other operation changes nothing the app holds.
            _ => {}
        }
    }

    /// An InitiateAuth or RespondToAuthChallenge answer: tokens, a challenge, or neither.
    fn signed_in(&mut self, response: &Value, username: &str) -> Outcome {
        if let Some(tokens) = response
            .get("AuthenticationResult")
            .and_then(|r| serde_json::from_value::<cognito::AuthenticationResult>(r.clone()).ok())
        {
            self.take_tokens(&tokens);
            self.state.set("authStatus", "token issued");
            return self.record_success();
        }
        if let Some(name) = response.get("ChallengeName").and_then(Value::as_str) {
            // PASSWORD_VERIFIER has no Session: its state travels in SECRET_BLOCK.
            let session = response.get("Session").and_then(Value::as_str);
            let parameters = response
                .get("ChallengeParameters")
                .and_then(|p| serde_json::from_value(p.clone()).ok())
                .unwrap_or_default();
            self.state.set("authStatus", "challenge");
            return self.record_challenge(name, session, username, parameters);
        }
        self.record_success()
    }

    pub(crate) fn record_error(&mut self, error: &CognitoError) -> Outcome {
        self.record_failure(error.exception.name(), &error.message)
    }

    /// Records a failure the next step's `when` sees: a Cognito exception, or the app's own
    /// `TokenRejected`.
    pub(crate) fn record_failure(&mut self, exception: &str, message: &str) -> Outcome {
        self.latest = Latest::Error {
            exception: exception.to_owned(),
            message: message.to_owned(),
        };
        self.state
            .set("lastError", format!("{exception}: {message}"));
        Outcome::Error {
            exception: exception.to_owned(),
            message: message.to_owned(),
        }
    }

    pub(crate) fn record_success(&mut self) -> Outcome {
        self.latest = Latest::Success;
        self.state.set("lastError", "none");
        Outcome::Success
    }

    /// Records that InitiateAuth's checks call for `name` (the challenge is opened when the
    /// call responds).
    pub(crate) fn challenge_due(&mut self, name: &str) -> Outcome {
        self.latest = Latest::Challenge(name.to_owned());
        Outcome::Challenge {
            name: name.to_owned(),
        }
    }

    fn record_challenge(
        &mut self,
        name: &str,
        session: Option<&str>,
        username: &str,
        parameters: BTreeMap<String, String>,
    ) -> Outcome {
        self.state.set("challenge", name);
        self.state.set(
            "session",
            session.map_or_else(|| "none".to_owned(), abbreviate_session),
        );
        self.challenge = Some((username.to_owned(), session.unwrap_or_default().to_owned()));
        self.challenge_parameters = parameters;
        self.challenge_due(name)
    }

    fn take_tokens(&mut self, result: &cognito::AuthenticationResult) {
        self.tokens.id = Some(result.id_token.clone());
        self.tokens.access = Some(result.access_token.clone());
        if let Some(refresh) = &result.refresh_token {
            self.tokens.refresh = Some(refresh.clone());
        }
        self.state.set("token", result.id_token.clone());
        self.state.set("idToken", result.id_token.clone());
        self.state.set("accessToken", result.access_token.clone());
        let groups: Vec<String> = cognito::decode_unverified(&result.access_token)
            .and_then(|(_, claims)| {
                serde_json::from_value(claims.get("cognito:groups")?.clone()).ok()
            })
            .unwrap_or_default();
        // Only pools with groups show the variable: a lesson without them never sets it.
        if !groups.is_empty() || self.state.present("groups").is_some() {
            let shown = if groups.is_empty() {
                "none".to_owned()
            } else {
                groups.join(", ")
            };
            self.state.set("groups", shown);
        }
        if let Some(refresh) = &self.tokens.refresh {
            self.state.set("refreshToken", refresh.clone());
        }
        self.state.set("challenge", "none");
        self.state.set("session", "none");
        self.challenge = None;
        self.challenge_parameters.clear();
    }

    /// The app's offline verification of the `kind` token it holds, against `pool`'s JWKS.
    pub(crate) fn verify(
        &self,
        pool: &UserPool,
        kind: TokenKind,
        effect: &mut Effect,
    ) -> Verification {
        let (checked, cost) = cognito::timed(
            "RS256 verify (app, offline)",
            "key by kid from the JWKS",
            || self.check_held(pool, kind, false),
        );
        if let Some(verification) = checked {
            effect.crypto.push(cost);
            return verification;
        }
        let detail = match kind {
            TokenKind::Refresh => "a refresh token is opaque: only Cognito can check it",
            TokenKind::Id | TokenKind::Access => "the app holds no such token",
        };
        Verification {
            token: kind,
            checks: vec![Check::new("token present", false, detail)],
        }
    }

    /// What the app's offline checks say of the `kind` token it holds, by the clock now
    /// (`None` when it holds no such JWT). `remembered`: an untimed check (a frame's), whose
    /// signature check may reuse an earlier answer for the same token
    /// ([`cognito::verify_token_remembered`]).
    fn check_held(
        &self,
        pool: &UserPool,
        kind: TokenKind,
        remembered: bool,
    ) -> Option<Verification> {
        let (token, token_use) = match kind {
            TokenKind::Id => (self.tokens.id.as_ref()?, cognito::TokenUse::Id),
            TokenKind::Access => (self.tokens.access.as_ref()?, cognito::TokenUse::Access),
            TokenKind::Refresh => return None,
        };
        let expected = cognito::Expected {
            issuer: pool.issuer(),
            client_id: pool.client_id().to_owned(),
            token_use,
        };
        let verify = if remembered {
            cognito::verify_token_remembered
        } else {
            cognito::verify_token_by
        };
        let report = verify(token, &pool.jwks(), &expected, pool.now(), self.clock);
        Some(Verification {
            token: kind,
            checks: report.checks,
        })
    }

    /// The frame of `step` (the file's step at 0-based `index`), which did `effect` on `pool`.
    pub(crate) fn frame(
        &mut self,
        pool: &mut UserPool,
        index: usize,
        step: &StepSpec,
        mut effect: Effect,
    ) -> Frame {
        // The pool's signing keys are made once, in the background, when the pool is created:
        // a real pool had them long before, so their cost belongs to no step.
        effect.crypto.extend(
            pool.take_crypto_log()
                .into_iter()
                .filter(|c| !c.operation.starts_with("RSA-2048 key generation")),
        );
        self.state.set(
            "clock",
            time::format_at_offset(pool.now(), self.clock_offset_minutes),
        );
        let followed = self
            .state
            .present("username")
            .map(str::to_owned)
            .or_else(|| self.first_user.clone());
        if let Some(username) = followed {
            set_user_vars(&mut self.state, pool, &username);
        }
        // A node lit again by the next step is one visit: the path grows only when the lesson
        // moves on, so a long lesson's frames (each holding its path) stay small.
        if let Some(node) = &step.node
            && self.path.last() != Some(node)
        {
            self.path.push(node.clone());
        }
        let vars = self.state.to_vars(&self.tracked, Some(&self.previous));
        self.previous = vars.clone();
        self.frames += 1;
        Frame {
            number: self.frames,
            step_index: index,
            step_id: step.id.clone(),
            action: step.action,
            row: row(step, &mut effect),
            vars,
            node: step.node.clone(),
            path: self.path.clone(),
            sample_line: step.sample_line,
            explanation: match effect.outcome {
                Outcome::Error { .. } => step.error_explain.clone().or(step.explain.clone()),
                Outcome::None | Outcome::Pending | Outcome::Success | Outcome::Challenge { .. } => {
                    step.explain.clone()
                }
            },
            snippet: step.snippet.clone(),
            outcome: effect.outcome,
            api: effect.api,
            tokens: self.tokens.clone(),
            verification: effect.verification,
            token_checks: if self.token_checks {
                [TokenKind::Id, TokenKind::Access]
                    .into_iter()
                    .filter_map(|kind| self.check_held(pool, kind, true))
                    .collect()
            } else {
                Vec::new()
            },
            cognito_checks: effect.cognito_checks,
            crypto: effect.crypto,
            clock: pool.now(),
            notes: effect.notes,
            srp: self.srp.clone(),
        }
    }
}

/// The process-table row: the file's labels over the engine's words, except that an exception
/// or a challenge is always shown as such.
fn row(step: &StepSpec, effect: &mut Effect) -> Row {
    let (default_input, default_response, default_result) = labels::success_labels(step.action);
    let (response, result) = match &effect.outcome {
        Outcome::Error { exception, message } => (
            format!("{exception}: {message}"),
            step.error_result
                .clone()
                .unwrap_or_else(|| labels::error_result(step.action).to_owned()),
        ),
        Outcome::Challenge { name } => labels::challenge_labels(name),
        Outcome::None | Outcome::Pending | Outcome::Success => (
            step.response
                .clone()
                .or(effect.response.take())
                .unwrap_or_else(|| default_response.to_owned()),
            step.result
                .clone()
                .unwrap_or_else(|| default_result.to_owned()),
        ),
    };
    let input = step.input.clone().unwrap_or_else(|| {
        if effect.input.is_empty() {
            default_input.to_owned()
        } else {
            effect.input.clone()
        }
    });
    Row {
        action: step
            .label
            .clone()
            .unwrap_or_else(|| labels::action_label(step.action).to_owned()),
        input,
        response,
        result,
    }
}

/// InitiateAuth-like operations: their answer is tokens, a challenge, or a refusal to sign in.
/// The token endpoint's body (`id_token`, `access_token`, `refresh_token`, …) as the tokens
/// the app now holds; `None` without an access token.
fn oauth_tokens(body: &Value) -> Option<cognito::AuthenticationResult> {
    let text = |name: &str| body.get(name).and_then(Value::as_str).map(str::to_owned);
    Some(cognito::AuthenticationResult {
        access_token: text("access_token")?,
        expires_in: body.get("expires_in").and_then(Value::as_u64).unwrap_or(0),
        token_type: text("token_type").unwrap_or_else(|| "Bearer".to_owned()),
        refresh_token: text("refresh_token"),
        id_token: text("id_token").unwrap_or_default(),
    })
}

fn is_sign_in(operation: &str) -> bool {
    matches!(
        operation,
        "InitiateAuth"
            | "RespondToAuthChallenge"
            | "AdminInitiateAuth"
            | "AdminRespondToAuthChallenge"
    )
}

/// The user variables (`userStatus`, `enabled`, `failedAttempts`) as the pool holds `username`,
/// or `none` when it holds no such user.
fn set_user_vars(state: &mut VarState, pool: &UserPool, username: &str) {
    match pool.account(username) {
        Some(user) => {
            state.set("userStatus", user.status.as_str());
            state.set("enabled", user.enabled.to_string());
            state.set("failedAttempts", user.failed_attempts.to_string());
        }
        None => {
            state.set("userStatus", "none");
            state.set("failedAttempts", "none");
            state.set("enabled", "none");
        }
    }
}

/// Sessions are long opaque strings; the tracker shows their start.
fn abbreviate_session(session: &str) -> String {
    if session.chars().count() > 16 {
        format!("{}…", session.chars().take(16).collect::<String>())
    } else {
        session.to_owned()
    }
}
