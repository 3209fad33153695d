//! The engine: runs a scenario's steps against a fresh mock user pool, one frame per step.
//!
//! ```text
//!  Runner::new ──> pool built (users hashed with argon2id) ──> next_frame ──> next_frame ──> … ──> finish ──> Run
//!                                                         │ each: skip steps whose `when` does not
//!                                                         │ match the latest outcome, run one step
//!                                                         └ against the mock, record a Frame
//! ```
//!
//! Every response, result and variable comes from what the mock really did. A scenario's
//! labels replace only the success wording; an exception or a challenge is always shown as such.

use std::collections::BTreeMap;

use crate::cognito::{self, CognitoError, UserPool};
use crate::scenario::model::{
    Action, ExplicitAuthFlow, InputOverrides, PoolSpec, PreventUserExistenceErrors, StepSpec,
    TokenKind, UserSpec, UserStatusSpec, VariantSpec,
};
use crate::scenario::vocab;
use crate::scenario::when::When;
use crate::scenario::{Scenario, ScenarioFile};

use super::frame::{
    ApiCall, Check, CryptoCost, Frame, Outcome, PoolFacts, Row, Run, Tokens, Vars, Verification,
};
use super::labels;
use super::time::{self, DEFAULT_CLOCK_START};
use super::vars::VarState;

/// Why a run could not start.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum FlowError {
    /// `--variant` names no variant of the scenario.
    #[error("scenario `{scenario}` has no variant `{variant}`; its variants: {known}")]
    UnknownVariant {
        /// The scenario id.
        scenario: String,
        /// What was asked for.
        variant: String,
        /// The variants it has, comma-separated (or "none").
        known: String,
    },
    /// The pool could not be built from the scenario (e.g. a user the mock refuses).
    #[error("cannot build the user pool: {0}")]
    Pool(String),
}

/// The main path (`variant = None`) or a variant, run to the end.
///
/// # Errors
/// An unknown variant, or a pool the mock cannot build.
pub fn run(scenario: &Scenario, variant: Option<&str>, seed: u64) -> Result<Run, FlowError> {
    let mut runner = Runner::new(scenario, variant, seed)?;
    while runner.next_frame().is_some() {}
    Ok(runner.finish())
}

/// The main path with the learner's own inputs (the "try it" form).
///
/// # Errors
/// A pool the mock cannot build.
pub fn run_with(
    scenario: &Scenario,
    overrides: &InputOverrides,
    seed: u64,
) -> Result<Run, FlowError> {
    let mut runner = Runner::build(
        &scenario.file,
        &scenario.file.pool,
        None,
        overrides.clone(),
        &BTreeMap::new(),
        seed,
    )?;
    while runner.next_frame().is_some() {}
    Ok(runner.finish())
}

/// The variant `id` of `file`, or the error that lists the variants it has.
///
/// # Errors
/// [`FlowError::UnknownVariant`] when the file has no such variant.
pub fn find_variant<'f>(file: &'f ScenarioFile, id: &str) -> Result<&'f VariantSpec, FlowError> {
    file.variants.iter().find(|v| v.id == id).ok_or_else(|| {
        let known: Vec<&str> = file.variants.iter().map(|v| v.id.as_str()).collect();
        FlowError::UnknownVariant {
            scenario: file.scenario.id.clone(),
            variant: id.to_owned(),
            known: if known.is_empty() {
                "none".to_owned()
            } else {
                known.join(", ")
            },
        }
    })
}

/// Runs a scenario one step at a time, so a UI can show step 1 while later steps compute.
pub struct Runner {
    scenario_id: String,
    variant: Option<String>,
    seed: u64,
    steps: Vec<StepSpec>,
    users: Vec<UserSpec>,
    overrides: InputOverrides,
    pool: UserPool,
    facts: PoolFacts,
    tracked: Vec<String>,
    start: Vars,
    next_step: usize,
    frames: Vec<Frame>,
    state: VarState,
    tokens: Tokens,
    auth_call: Option<cognito::AuthCall>,
    /// The pending InitiateAuth's request body, shown again with its response.
    auth_request: Option<serde_json::Value>,
    challenge: Option<(String, String)>,
    latest: Latest,
    path: Vec<String>,
}

/// The outcome the next step's `when` is judged on.
#[derive(Debug, Clone, PartialEq, Eq)]
enum Latest {
    Nothing,
    Success,
    Error(String),
    Challenge(String),
}

impl Latest {
    fn matches(&self, when: &When) -> bool {
        match (when, self) {
            (When::Always, _)
            | (When::Success, Latest::Success)
            | (When::Error, Latest::Error(_))
            | (When::Challenge, Latest::Challenge(_)) => true,
            (When::ErrorNamed(want), Latest::Error(got))
            | (When::ChallengeNamed(want), Latest::Challenge(got)) => want == got,
            (
                When::Success
                | When::Error
                | When::ErrorNamed(_)
                | When::Challenge
                | When::ChallengeNamed(_),
                _,
            ) => false,
        }
    }
}

/// What one step did, before the scenario's labels are applied.
struct Effect {
    input: String,
    response: Option<String>,
    outcome: Outcome,
    api: Option<ApiCall>,
    verification: Option<Verification>,
    cognito_checks: Vec<Check>,
    notes: Vec<String>,
    crypto: Vec<CryptoCost>,
}

impl Effect {
    fn new(input: impl Into<String>) -> Self {
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

impl Runner {
    /// Builds the pool for `variant` (or the main path) and stands before step 1.
    ///
    /// # Errors
    /// An unknown variant, or a pool the mock cannot build.
    pub fn new(scenario: &Scenario, variant: Option<&str>, seed: u64) -> Result<Self, FlowError> {
        let file = &scenario.file;
        let Some(variant) = variant else {
            return Self::build(
                file,
                &file.pool,
                None,
                InputOverrides::default(),
                &BTreeMap::new(),
                seed,
            );
        };
        let spec = find_variant(file, variant)?;
        let pool = spec.pool.apply(&file.pool);
        Self::build(
            file,
            &pool,
            Some(variant),
            spec.set.clone(),
            &spec.users,
            seed,
        )
    }

    /// A runner for `file`'s steps over `pool` (the file's own, or a variant's patched copy).
    fn build(
        file: &ScenarioFile,
        pool_spec: &PoolSpec,
        variant: Option<&str>,
        overrides: InputOverrides,
        user_patches: &BTreeMap<String, crate::scenario::model::UserPatch>,
        seed: u64,
    ) -> Result<Self, FlowError> {
        let clock_start = file
            .pool
            .clock_start
            .as_ref()
            .and_then(time::datetime_to_epoch)
            .unwrap_or(DEFAULT_CLOCK_START);
        let config = pool_config(pool_spec);
        let policy = config.password_policy.clone();
        let mut pool = UserPool::new(config, seed, clock_start);
        let mut users = pool_spec.users.clone();
        for user in &mut users {
            if let Some(patch) = user_patches.get(&user.username) {
                if let Some(status) = patch.status {
                    user.status = status;
                }
                if let Some(enabled) = patch.enabled {
                    user.enabled = enabled;
                }
                if let Some(password) = &patch.password {
                    user.password.clone_from(password);
                }
                if let Some(totp) = patch.totp {
                    user.totp = totp;
                }
            }
            pool.add_user(seed_user(user))
                .map_err(|e| FlowError::Pool(format!("user `{}`: {e}", user.username)))?;
        }
        let facts = PoolFacts {
            pool_id: pool.pool_id().to_owned(),
            region: pool.region().to_owned(),
            client_id: pool.client_id().to_owned(),
            issuer: pool.issuer(),
            jwks_url: pool.jwks_url(),
            password_policy: policy.describe(),
            policy_note: if policy.is_weaker_than_default() {
                Some(pool_spec.password_policy.note.clone().unwrap_or_else(|| {
                    format!(
                        "This lesson's password policy ({}) is weaker than Cognito's default.",
                        policy.describe()
                    )
                }))
            } else {
                None
            },
            clock_start,
        };
        let mut state = VarState::new();
        state.set("clock", time::format_utc(clock_start));
        if let Some(first) = users.first() {
            set_user_vars(&mut state, &pool, &first.username);
            if let Some(email) = &first.email {
                state.set("email", email.clone());
            }
        }
        let tracked = file.scenario.track.clone();
        // Crypto done while building the pool (hashing the users) belongs to no step.
        let _ = pool.take_crypto_log();
        let start = state.to_vars(&tracked, None);
        Ok(Self {
            scenario_id: file.scenario.id.clone(),
            variant: variant.map(str::to_owned),
            seed,
            steps: file.steps.clone(),
            users,
            overrides,
            pool,
            facts,
            tracked,
            start,
            next_step: 0,
            frames: Vec::new(),
            state,
            tokens: Tokens::default(),
            auth_call: None,
            auth_request: None,
            challenge: None,
            latest: Latest::Nothing,
            path: Vec::new(),
        })
    }

    /// Facts about the pool (ids, issuer, policy).
    #[must_use]
    pub fn pool(&self) -> &PoolFacts {
        &self.facts
    }

    /// The variables before step 1.
    #[must_use]
    pub fn start(&self) -> &Vars {
        &self.start
    }

    /// The tracked variables, in display order.
    #[must_use]
    pub fn tracked(&self) -> &[String] {
        &self.tracked
    }

    /// Runs the next step that applies and returns its frame, or `None` at the end.
    pub fn next_frame(&mut self) -> Option<Frame> {
        while self.next_step < self.steps.len() {
            let index = self.next_step;
            self.next_step += 1;
            let step = self.steps[index].clone();
            let when = step
                .when
                .as_deref()
                .map_or(Ok(When::Always), When::parse)
                .unwrap_or(When::Always);
            if !self.latest.matches(&when) {
                continue;
            }
            let frame = self.execute(index, &step);
            self.frames.push(frame.clone());
            return Some(frame);
        }
        None
    }

    /// Runs the remaining steps and returns the whole run.
    #[must_use]
    pub fn finish(mut self) -> Run {
        while self.next_frame().is_some() {}
        let outcome = self
            .frames
            .last()
            .map_or_else(|| "Nothing happened".to_owned(), |f| f.row.result.clone());
        Run {
            scenario_id: self.scenario_id,
            variant: self.variant,
            seed: self.seed,
            jwks: self.pool.jwks(),
            pool: self.facts,
            tracked: self.tracked,
            start: self.start,
            frames: self.frames,
            outcome,
        }
    }

    fn execute(&mut self, index: usize, step: &StepSpec) -> Frame {
        let mut effect = self.perform(step);
        // The pool's signing keys are made once, in the background, when the pool is created:
        // a real pool had them long before, so their cost belongs to no step.
        effect.crypto.extend(
            self.pool
                .take_crypto_log()
                .into_iter()
                .filter(|c| !c.operation.starts_with("RSA-2048 key generation")),
        );
        self.state.set("clock", time::format_utc(self.pool.now()));
        self.refresh_user_vars();

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
        if let Some(node) = &step.node {
            self.path.push(node.clone());
        }
        let previous = self.frames.last().map_or(&self.start, |f| &f.vars);
        let vars = self.state.to_vars(&self.tracked, Some(previous));
        Frame {
            number: self.frames.len() + 1,
            step_index: index,
            step_id: step.id.clone(),
            action: step.action,
            row: Row {
                action: step
                    .label
                    .clone()
                    .unwrap_or_else(|| labels::action_label(step.action).to_owned()),
                input,
                response,
                result,
            },
            vars,
            node: step.node.clone(),
            path: self.path.clone(),
            sample_line: step.sample_line,
            explanation: step.explain.clone(),
            snippet: step.snippet.clone(),
            outcome: effect.outcome,
            api: effect.api,
            tokens: self.tokens.clone(),
            verification: effect.verification,
            token_checks: [TokenKind::Id, TokenKind::Access]
                .into_iter()
                .filter_map(|kind| self.check_held(kind))
                .collect(),
            cognito_checks: effect.cognito_checks,
            crypto: effect.crypto,
            clock: self.pool.now(),
            notes: effect.notes,
        }
    }

    /// The username a step acts for: the variant's, the step's, what was typed, or the first user.
    fn username(&self, step: &StepSpec) -> String {
        self.overrides
            .username
            .clone()
            .or_else(|| step.username.clone())
            .or_else(|| self.state.present("username").map(str::to_owned))
            .or_else(|| self.users.first().map(|u| u.username.clone()))
            .unwrap_or_default()
    }

    /// The lesson's own user called `username` (as the scenario file, and its variant, set it).
    fn pool_user(&self, username: &str) -> Option<&UserSpec> {
        self.users.iter().find(|u| u.username == username)
    }

    /// The password a step types: the variant's, the step's, the user's own from the pool, or
    /// what the user last had (a temporary password from an invitation, say).
    fn password(&self, step: &StepSpec, username: &str) -> String {
        self.overrides
            .password
            .clone()
            .or_else(|| step.password.clone())
            .or_else(|| self.pool_user(username).map(|u| u.password.clone()))
            .or_else(|| self.state.present("password").map(str::to_owned))
            .unwrap_or_default()
    }

    fn refresh_user_vars(&mut self) {
        let username = self
            .state
            .present("username")
            .map(str::to_owned)
            .or_else(|| self.users.first().map(|u| u.username.clone()));
        if let Some(username) = username {
            set_user_vars(&mut self.state, &self.pool, &username);
        }
    }

    fn record_error(&mut self, error: &CognitoError) -> Outcome {
        self.record_failure(error.exception.name(), &error.message)
    }

    /// Records a failure the next step's `when` sees: a Cognito exception, or the app's own
    /// `TokenRejected`.
    fn record_failure(&mut self, exception: &str, message: &str) -> Outcome {
        self.latest = Latest::Error(exception.to_owned());
        self.state
            .set("lastError", format!("{exception}: {message}"));
        Outcome::Error {
            exception: exception.to_owned(),
            message: message.to_owned(),
        }
    }

    fn record_success(&mut self) -> Outcome {
        self.latest = Latest::Success;
        self.state.set("lastError", "none");
        Outcome::Success
    }

    fn record_challenge(&mut self, name: &str, session: &str, username: &str) -> Outcome {
        self.latest = Latest::Challenge(name.to_owned());
        self.state.set("challenge", name);
        self.state.set("session", abbreviate_session(session));
        self.challenge = Some((username.to_owned(), session.to_owned()));
        Outcome::Challenge {
            name: name.to_owned(),
        }
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
        if let Some(refresh) = &self.tokens.refresh {
            self.state.set("refreshToken", refresh.clone());
        }
        self.state.set("challenge", "none");
        self.state.set("session", "none");
        self.challenge = None;
    }

    /// Records an InitiateAuth / RespondToAuthChallenge answer.
    fn auth_response(
        &mut self,
        username: &str,
        result: Result<cognito::InitiateAuthResponse, CognitoError>,
        effect: &mut Effect,
    ) {
        match result {
            Ok(response) => {
                effect.api_response(serde_json::to_value(&response).ok(), 200);
                if let Some(tokens) = &response.authentication_result {
                    self.take_tokens(tokens);
                    self.state.set("authStatus", "token issued");
                    effect.outcome = self.record_success();
                } else if let (Some(name), Some(session)) =
                    (&response.challenge_name, &response.session)
                {
                    self.state.set("authStatus", "challenge");
                    effect.outcome = self.record_challenge(name.as_str(), session, username);
                } else {
                    effect.outcome = self.record_success();
                }
            }
            Err(error) => {
                effect.api_response(Some(error.body()), 400);
                self.state.set("authStatus", "rejected");
                effect.outcome = self.record_error(&error);
            }
        }
    }

    fn initiate_request(&self, username: &str, password: &str) -> cognito::InitiateAuthRequest {
        cognito::InitiateAuthRequest::user_password(&self.facts.client_id, username, password)
    }

    /// Advances the pending InitiateAuth (starting one from the typed credentials if none is
    /// pending) to its next phase and returns it.
    fn advance_auth(&mut self, step: &StepSpec, effect: &mut Effect) -> cognito::AuthPhase {
        let call = match self.auth_call.take() {
            Some(call) => call,
            None => {
                let username = self.username(step);
                let password = self.typed_password(step, &username);
                let request = self.initiate_request(&username, &password);
                self.auth_request = serde_json::to_value(&request).ok();
                self.pool.start_initiate_auth(request)
            }
        };
        let call = self.auth_call.insert(call);
        let phase = self.pool.advance_auth(call).clone();
        if matches!(phase, cognito::AuthPhase::CredentialsChecked(_)) {
            effect.cognito_checks = checks_of(call);
        }
        phase
    }

    /// InitiateAuth in one step (all three phases), keeping what Cognito checked on the frame
    /// just as the phased steps do.
    fn initiate_auth_whole(
        &mut self,
        request: cognito::InitiateAuthRequest,
        effect: &mut Effect,
    ) -> Result<cognito::InitiateAuthResponse, CognitoError> {
        effect.api_request("InitiateAuth", serde_json::to_value(&request).ok());
        let mut call = self.pool.start_initiate_auth(request);
        loop {
            if let cognito::AuthPhase::Responded(result) = self.pool.advance_auth(&mut call) {
                let result = result.clone();
                effect.cognito_checks = checks_of(&call);
                return result;
            }
        }
    }

    /// What the user typed (or the step's own, or the variant's).
    fn typed_password(&self, step: &StepSpec, username: &str) -> String {
        if let Some(password) = self.overrides.password.clone().or(step.password.clone()) {
            return password;
        }
        match self.state.present("password") {
            Some(typed) => typed.to_owned(),
            None => self.password(step, username),
        }
    }

    #[allow(clippy::too_many_lines)] // one arm per action reads better than twenty helpers
    fn perform(&mut self, step: &StepSpec) -> Effect {
        let (default_input, _, _) = labels::success_labels(step.action);
        let mut effect = Effect::new(default_input);
        match step.action {
            Action::Narrate => {}
            Action::EnterCredentials => {
                let username = self.username(step);
                let password = self.password(step, &username);
                self.state.set("username", username);
                self.state.set("password", password);
            }
            Action::SendCredentials => {
                let username = self.username(step);
                let password = self.typed_password(step, &username);
                let request = self.initiate_request(&username, &password);
                self.auth_request = serde_json::to_value(&request).ok();
                effect.api_request("InitiateAuth", self.auth_request.clone());
                self.auth_call = Some(self.pool.start_initiate_auth(request));
                effect.outcome = Outcome::Pending;
            }
            Action::VerifyCredentials => match self.advance_auth(step, &mut effect) {
                cognito::AuthPhase::CredentialsChecked(outcome) => match outcome {
                    cognito::CheckOutcome::Authenticated => {
                        self.state.set("authStatus", "valid");
                        effect.outcome = self.record_success();
                    }
                    cognito::CheckOutcome::Challenge(name) => {
                        self.state.set("authStatus", "valid");
                        self.latest = Latest::Challenge(name.as_str().to_owned());
                        effect.outcome = Outcome::Challenge {
                            name: name.as_str().to_owned(),
                        };
                    }
                    cognito::CheckOutcome::Rejected(error) => {
                        self.state.set("authStatus", "invalid");
                        effect.outcome = self.record_error(&error);
                    }
                },
                other => effect.notes.push(format!(
                    "The InitiateAuth call was already past the credentials check ({other:?})."
                )),
            },
            Action::ReturnResult => {
                // Run phase 2 first if the scenario skipped it.
                let mut phase = self.advance_auth(step, &mut effect);
                if matches!(phase, cognito::AuthPhase::CredentialsChecked(_)) {
                    phase = self.advance_auth(step, &mut effect);
                }
                let username = self.username(step);
                self.auth_call = None;
                if let cognito::AuthPhase::Responded(result) = phase {
                    effect.api_request("InitiateAuth", self.auth_request.take());
                    self.auth_response(&username, result, &mut effect);
                }
            }
            Action::SignIn => {
                let username = self.username(step);
                let password = self.typed_password(step, &username);
                self.state.set("username", username.clone());
                self.state.set("password", password.clone());
                let request = self.initiate_request(&username, &password);
                let result = self.initiate_auth_whole(request, &mut effect);
                self.auth_response(&username, result, &mut effect);
            }
            Action::GrantAccess | Action::VerifyToken => {
                let kind = step.token.unwrap_or(TokenKind::Id);
                if step.action == Action::VerifyToken {
                    effect.input = match kind {
                        TokenKind::Id => "ID token",
                        TokenKind::Access => "access token",
                        TokenKind::Refresh => "refresh token",
                    }
                    .to_owned();
                }
                let verification = self.verify(kind, &mut effect);
                if verification.passed() {
                    if step.action == Action::GrantAccess {
                        self.state.set("authStatus", "authenticated");
                    }
                    effect.outcome = self.record_success();
                } else {
                    let failed = verification
                        .checks
                        .iter()
                        .find(|c| !c.passed)
                        .map_or_else(String::new, |c| format!("{}: {}", c.name, c.detail));
                    if step.action == Action::GrantAccess {
                        self.state.set("authStatus", "denied");
                    }
                    effect.outcome = self.record_failure(vocab::TOKEN_REJECTED, &failed);
                    effect.notes.push(
                        "TokenRejected is the app's own verdict, not a Cognito exception: \
                         the app checked the token offline against the JWKS."
                            .to_owned(),
                    );
                }
                effect.verification = Some(verification);
            }
            Action::ShowError => {
                effect.input = if self.state.present("lastError").is_some() {
                    "Error".to_owned()
                } else {
                    "N/A".to_owned()
                };
                self.state.set("authStatus", "error");
            }
            Action::AdvanceClock => {
                let text = self
                    .overrides
                    .duration
                    .clone()
                    .or_else(|| step.duration.clone())
                    .unwrap_or_else(|| "0s".to_owned());
                match crate::scenario::vocab::parse_duration(&text) {
                    Ok(seconds) => {
                        self.pool.advance(seconds);
                        effect.input = text;
                        effect.response = Some("N/A".to_owned());
                    }
                    Err(message) => effect.notes.push(message),
                }
            }
            _ => self.perform_account_action(step, &mut effect),
        }
        effect
    }

    /// The app's offline verification of the token it holds, against the pool's JWKS.
    fn verify(&mut self, kind: TokenKind, effect: &mut Effect) -> Verification {
        let (checked, cost) = cognito::timed(
            "RS256 verify (app, offline)",
            "key by kid from the JWKS",
            || self.check_held(kind),
        );
        if let Some(verification) = checked {
            effect.crypto.push(cost);
            return verification;
        }
        Verification {
            token: kind,
            checks: vec![Check {
                name: "token present".to_owned(),
                passed: false,
                detail: match kind {
                    TokenKind::Refresh => {
                        "a refresh token is opaque: only Cognito can check it".to_owned()
                    }
                    TokenKind::Id | TokenKind::Access => "the app holds no such token".to_owned(),
                },
            }],
        }
    }

    /// What the app's offline checks say of the `kind` token it holds, by the lesson clock now
    /// (`None` when it holds no such JWT).
    fn check_held(&self, kind: TokenKind) -> Option<Verification> {
        let (token, token_use) = match kind {
            TokenKind::Id => (self.tokens.id.as_ref()?, cognito::TokenUse::Id),
            TokenKind::Access => (self.tokens.access.as_ref()?, cognito::TokenUse::Access),
            TokenKind::Refresh => return None,
        };
        let expected = cognito::Expected {
            issuer: self.facts.issuer.clone(),
            client_id: self.facts.client_id.clone(),
            token_use,
        };
        let report = cognito::verify_token(token, &self.pool.jwks(), &expected, self.pool.now());
        Some(Verification {
            token: kind,
            checks: report
                .checks
                .into_iter()
                .map(|c| Check {
                    name: c.name,
                    passed: c.passed,
                    detail: c.detail,
                })
                .collect(),
        })
    }

    /// Sends one Cognito request, records it and its answer on the frame, and returns the answer
    /// when it succeeded.
    fn call<Req, Resp>(
        &mut self,
        operation: &str,
        request: Req,
        effect: &mut Effect,
        send: impl FnOnce(&mut UserPool, Req) -> Result<Resp, CognitoError>,
    ) -> Option<Resp>
    where
        Req: serde::Serialize,
        Resp: serde::Serialize,
    {
        effect.api_request(operation, serde_json::to_value(&request).ok());
        match send(&mut self.pool, request) {
            Ok(response) => {
                effect.api_response(serde_json::to_value(&response).ok(), 200);
                effect.outcome = self.record_success();
                Some(response)
            }
            Err(error) => {
                effect.api_response(Some(error.body()), 400);
                effect.outcome = self.record_error(&error);
                None
            }
        }
    }

    /// The code a step types: the variant's, the step's, or the one the user really received.
    fn code(&self, step: &StepSpec, received: Option<String>) -> String {
        self.overrides
            .code
            .clone()
            .or_else(|| step.code.clone())
            .or(received)
            .unwrap_or_default()
    }

    fn new_password(&self, step: &StepSpec) -> String {
        self.overrides
            .new_password
            .clone()
            .or_else(|| step.new_password.clone())
            .unwrap_or_default()
    }

    fn email(&self, step: &StepSpec, username: &str) -> Option<String> {
        self.overrides
            .email
            .clone()
            .or_else(|| step.email.clone())
            .or_else(|| self.pool_user(username).and_then(|u| u.email.clone()))
    }

    #[allow(clippy::too_many_lines)] // one arm per Cognito operation
    fn perform_account_action(&mut self, step: &StepSpec, effect: &mut Effect) {
        let client_id = self.facts.client_id.clone();
        let pool_id = self.facts.pool_id.clone();
        let username = self.username(step);
        match step.action {
            Action::SignUp => {
                let password = self.password(step, &username);
                let email = self.email(step, &username);
                self.state.set("username", username.clone());
                self.state.set("password", password.clone());
                let request = cognito::SignUpRequest {
                    client_id,
                    username: username.clone(),
                    password,
                    user_attributes: email
                        .iter()
                        .map(|e| cognito::AttributeType::new("email", e))
                        .collect(),
                };
                if let Some(email) = email {
                    self.state.set("email", email);
                }
                if let Some(response) = self.call("SignUp", request, effect, UserPool::sign_up) {
                    effect.response = Some(delivery_words(
                        response.code_delivery_details.as_ref(),
                        "Code sent",
                    ));
                    self.show_code(&username, cognito::CodeKind::SignUp);
                }
            }
            Action::ConfirmSignUp => {
                let received = self.pool.last_code(&username, cognito::CodeKind::SignUp);
                let code = self.code(step, received);
                self.state.set("code", code.clone());
                let request = cognito::ConfirmSignUpRequest {
                    client_id,
                    username,
                    confirmation_code: code,
                };
                self.call("ConfirmSignUp", request, effect, UserPool::confirm_sign_up);
            }
            Action::ResendConfirmationCode => {
                let request = cognito::UsernameRequest {
                    client_id,
                    username: username.clone(),
                };
                if let Some(response) = self.call(
                    "ResendConfirmationCode",
                    request,
                    effect,
                    UserPool::resend_confirmation_code,
                ) {
                    effect.response = Some(delivery_words(
                        Some(&response.code_delivery_details),
                        "Code sent",
                    ));
                    self.show_code(&username, cognito::CodeKind::SignUp);
                }
            }
            Action::AdminCreateUser => {
                let email = self.email(step, &username);
                let temporary = self
                    .overrides
                    .password
                    .clone()
                    .or_else(|| step.password.clone());
                self.state.set("username", username.clone());
                let request = cognito::AdminCreateUserRequest {
                    user_pool_id: pool_id,
                    username: username.clone(),
                    temporary_password: temporary,
                    message_action: None,
                    user_attributes: email
                        .iter()
                        .map(|e| cognito::AttributeType::new("email", e))
                        .collect(),
                };
                if let Some(email) = email {
                    self.state.set("email", email);
                }
                if self
                    .call(
                        "AdminCreateUser",
                        request,
                        effect,
                        UserPool::admin_create_user,
                    )
                    .is_some()
                {
                    // The invitation carries the temporary password: it is what the user types next.
                    if let Some(password) = self
                        .pool
                        .last_code(&username, cognito::CodeKind::TemporaryPassword)
                    {
                        self.state.set("password", password);
                    }
                }
            }
            Action::AnswerNewPassword | Action::AnswerTotp => {
                let (challenged, session) = self
                    .challenge
                    .clone()
                    .unwrap_or_else(|| (username.clone(), String::new()));
                let request = if step.action == Action::AnswerNewPassword {
                    let new_password = self.new_password(step);
                    self.state.set("newPassword", new_password.clone());
                    cognito::RespondToAuthChallengeRequest::new_password(
                        &client_id,
                        &session,
                        &challenged,
                        &new_password,
                    )
                } else {
                    let code = self.code(step, self.pool.totp_now(&challenged));
                    self.state.set("code", code.clone());
                    cognito::RespondToAuthChallengeRequest::totp(
                        &client_id,
                        &session,
                        &challenged,
                        &code,
                    )
                };
                effect.api_request(
                    "RespondToAuthChallenge",
                    serde_json::to_value(&request).ok(),
                );
                let result = self.pool.respond_to_auth_challenge(request);
                self.auth_response(&challenged, result, effect);
            }
            Action::RefreshTokens => {
                let refresh = self.tokens.refresh.clone().unwrap_or_default();
                let request = cognito::InitiateAuthRequest::refresh(&client_id, &refresh);
                let result = self.initiate_auth_whole(request, effect);
                let refreshed = result.is_ok();
                self.auth_response(&username, result, effect);
                if refreshed {
                    effect.notes.push(
                        "Refreshing returns new ID and access tokens (same auth_time and \
                         origin_jti, new jti) and no new refresh token."
                            .to_owned(),
                    );
                }
            }
            Action::GetUser => {
                let access_token = self.tokens.access.clone().unwrap_or_default();
                let request = cognito::AccessTokenRequest { access_token };
                if let Some(response) = self.call("GetUser", request, effect, UserPool::get_user) {
                    effect.response = Some(format!(
                        "User attributes ({})",
                        response.user_attributes.len()
                    ));
                }
            }
            Action::GlobalSignOut => {
                let access_token = self.tokens.access.clone().unwrap_or_default();
                let request = cognito::AccessTokenRequest { access_token };
                if self
                    .call("GlobalSignOut", request, effect, UserPool::global_sign_out)
                    .is_some()
                {
                    self.state.set("authStatus", "signed out");
                    effect.notes.push(
                        "Cognito now refuses these tokens, but an app that only verifies JWTs \
                         offline would still accept them until they expire."
                            .to_owned(),
                    );
                }
            }
            Action::RevokeToken => {
                let token = self.tokens.refresh.clone().unwrap_or_default();
                let request = cognito::RevokeTokenRequest { token, client_id };
                if self
                    .call("RevokeToken", request, effect, UserPool::revoke_token)
                    .is_some()
                {
                    self.state.set("authStatus", "refresh revoked");
                }
            }
            Action::ForgotPassword => {
                let request = cognito::UsernameRequest {
                    client_id,
                    username: username.clone(),
                };
                if let Some(response) =
                    self.call("ForgotPassword", request, effect, UserPool::forgot_password)
                {
                    effect.response = Some(delivery_words(
                        Some(&response.code_delivery_details),
                        "Code sent",
                    ));
                    self.show_code(&username, cognito::CodeKind::ForgotPassword);
                }
            }
            Action::ConfirmForgotPassword => {
                let received = self
                    .pool
                    .last_code(&username, cognito::CodeKind::ForgotPassword);
                let code = self.code(step, received);
                let new_password = self.new_password(step);
                self.state.set("code", code.clone());
                self.state.set("newPassword", new_password.clone());
                let request = cognito::ConfirmForgotPasswordRequest {
                    client_id,
                    username,
                    confirmation_code: code,
                    password: new_password,
                };
                self.call(
                    "ConfirmForgotPassword",
                    request,
                    effect,
                    UserPool::confirm_forgot_password,
                );
            }
            Action::AdminDisableUser | Action::AdminEnableUser => {
                let request = cognito::AdminUserRequest {
                    user_pool_id: pool_id,
                    username,
                };
                if step.action == Action::AdminDisableUser {
                    self.call(
                        "AdminDisableUser",
                        request,
                        effect,
                        UserPool::admin_disable_user,
                    );
                } else {
                    self.call(
                        "AdminEnableUser",
                        request,
                        effect,
                        UserPool::admin_enable_user,
                    );
                }
            }
            Action::Narrate
            | Action::EnterCredentials
            | Action::SendCredentials
            | Action::VerifyCredentials
            | Action::ReturnResult
            | Action::SignIn
            | Action::GrantAccess
            | Action::ShowError
            | Action::AdvanceClock
            | Action::VerifyToken => {
                unreachable!("handled in perform")
            }
        }
    }

    /// Puts the code the user received (by email) in the `code` variable.
    fn show_code(&mut self, username: &str, kind: cognito::CodeKind) {
        if let Some(code) = self.pool.last_code(username, kind) {
            self.state.set("code", code);
        }
    }
}

/// The mock's configuration for a scenario's pool.
fn pool_config(spec: &PoolSpec) -> cognito::PoolConfig {
    cognito::PoolConfig {
        region: spec.region.clone(),
        pool_id: spec.pool_id.clone(),
        client_id: spec.client_id.clone(),
        explicit_auth_flows: spec
            .auth_flows
            .iter()
            .map(|flow| match flow {
                ExplicitAuthFlow::AllowUserPasswordAuth => {
                    cognito::ExplicitAuthFlow::AllowUserPasswordAuth
                }
                ExplicitAuthFlow::AllowRefreshTokenAuth => {
                    cognito::ExplicitAuthFlow::AllowRefreshTokenAuth
                }
                ExplicitAuthFlow::AllowUserSrpAuth => cognito::ExplicitAuthFlow::AllowUserSrpAuth,
                ExplicitAuthFlow::AllowCustomAuth => cognito::ExplicitAuthFlow::AllowCustomAuth,
                ExplicitAuthFlow::AllowAdminUserPasswordAuth => {
                    cognito::ExplicitAuthFlow::AllowAdminUserPasswordAuth
                }
            })
            .collect(),
        prevent_user_existence_errors: match spec.prevent_user_existence_errors {
            PreventUserExistenceErrors::Enabled => cognito::PreventUserExistenceErrors::Enabled,
            PreventUserExistenceErrors::Legacy => cognito::PreventUserExistenceErrors::Legacy,
        },
        password_policy: spec.password_policy.to_policy(),
        access_token_validity_secs: u64::from(spec.tokens.access_minutes) * 60,
        id_token_validity_secs: u64::from(spec.tokens.id_minutes) * 60,
        refresh_token_validity_secs: u64::from(spec.tokens.refresh_days) * 86_400,
        ..cognito::PoolConfig::default()
    }
}

/// The user variables (`userStatus`, `enabled`, `failedAttempts`) as the pool holds `username`,
/// or `none` when it holds no such user.
fn set_user_vars(state: &mut VarState, pool: &UserPool, username: &str) {
    match pool.user(username) {
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

fn seed_user(user: &UserSpec) -> cognito::SeedUser {
    let mut attributes = user.attributes.clone();
    if let Some(email) = &user.email {
        attributes.insert("email".to_owned(), email.clone());
        let verified = user
            .email_verified
            .unwrap_or(user.status != UserStatusSpec::Unconfirmed);
        attributes.insert("email_verified".to_owned(), verified.to_string());
    }
    cognito::SeedUser {
        username: user.username.clone(),
        password: user.password.clone(),
        status: match user.status {
            UserStatusSpec::Unconfirmed => cognito::UserStatus::Unconfirmed,
            UserStatusSpec::Confirmed => cognito::UserStatus::Confirmed,
            UserStatusSpec::ForceChangePassword => cognito::UserStatus::ForceChangePassword,
            UserStatusSpec::ResetRequired => cognito::UserStatus::ResetRequired,
        },
        enabled: user.enabled,
        attributes,
        totp: user.totp,
    }
}

/// What Cognito checked in an InitiateAuth call, as frame checks.
fn checks_of(call: &cognito::AuthCall) -> Vec<Check> {
    call.checks()
        .iter()
        .map(|c| Check {
            name: c.name.clone(),
            passed: c.passed,
            detail: c.detail.clone(),
        })
        .collect()
}

/// "Code sent to u***@e***" from a CodeDeliveryDetails.
fn delivery_words(details: Option<&cognito::CodeDeliveryDetails>, fallback: &str) -> String {
    details.map_or_else(
        || fallback.to_owned(),
        |d| format!("Code sent to {}", d.destination),
    )
}

/// Sessions are long opaque strings; the tracker shows their start.
fn abbreviate_session(session: &str) -> String {
    if session.chars().count() > 16 {
        format!("{}…", session.chars().take(16).collect::<String>())
    } else {
        session.to_owned()
    }
}

impl Effect {
    /// Records the request of the step's call; its answer follows with `api_response`.
    fn api_request(&mut self, operation: &str, body: Option<serde_json::Value>) {
        self.api = Some(ApiCall {
            operation: operation.to_owned(),
            request: body,
            response: None,
            status: None,
        });
    }

    fn api_response(&mut self, body: Option<serde_json::Value>, status: u16) {
        if let Some(api) = self.api.as_mut() {
            api.response = body;
            api.status = Some(status);
        }
    }
}
