//! Signing in: a sign-in call as the lesson's three phases (send, verify, return) or in one
//! step, refreshing, and answering the challenges a sign-in opens.
//!
//! ```text
//!  send_credentials ─┐
//!  send_srp_a ───────┼──> verify_credentials ──> return_result      one call, a phase per
//!  send_srp_proof ───┘    (CredentialsChecked)   (Responded)         step (srp.rs sends the
//!  (RequestReceived)                                                 SRP legs)
//!  sign_in, refresh_tokens: all three phases in one step
//! ```
//!
//! A phase the lesson skips is run by the next phased step, so `return_result` right after
//! `send_credentials` still shows what Cognito checked.

use crate::cognito::{self, AuthPhase, CheckOutcome, CognitoError};
use crate::scenario::model::{Action, StepSpec, TokenKind};

use super::Runner;
use super::actions::to_json;
use super::call::Call;
use super::inputs::Ask;
use super::record::Effect;
use crate::flow::frame::{ApiCall, Outcome};

impl Runner {
    /// Phase 1: the app sends what was typed; the request is with Cognito.
    pub(super) fn send_credentials(&mut self, step: &StepSpec, effect: &mut Effect) {
        let request = self.password_request(step);
        let body = to_json(&request);
        let call = self.pool.start_initiate_auth(request);
        self.start_call("InitiateAuth", body, call, effect);
    }

    /// Phase 2: Cognito makes every check; the outcome is known.
    pub(super) fn verify_credentials(&mut self, step: &StepSpec, effect: &mut Effect) {
        match self.advance_auth(step, effect) {
            AuthPhase::CredentialsChecked(outcome) => match outcome {
                CheckOutcome::Authenticated => {
                    self.recorder.set("authStatus", "valid");
                    effect.outcome = self.recorder.record_success();
                }
                CheckOutcome::Challenge(cognito::ChallengeName::PasswordVerifier) => {
                    // SRP's first leg: nothing is verified yet, the proof is still to come.
                    self.recorder.set("authStatus", "proof required");
                    effect.outcome = self.recorder.challenge_due("PASSWORD_VERIFIER");
                }
                CheckOutcome::Challenge(name) => {
                    self.recorder.set("authStatus", "valid");
                    effect.outcome = self.recorder.challenge_due(name.as_str());
                }
                CheckOutcome::Rejected(error) => {
                    self.recorder.set("authStatus", "invalid");
                    effect.outcome = self.recorder.record_error(&error);
                }
            },
            other @ (AuthPhase::RequestReceived | AuthPhase::Responded(_)) => {
                effect.notes.push(format!(
                    "The sign-in call was already past the credentials check ({other:?})."
                ));
            }
        }
    }

    /// Phase 3: Cognito answers with tokens, a challenge or an exception.
    pub(super) fn return_result(&mut self, step: &StepSpec, effect: &mut Effect) {
        // Run phase 2 first if the scenario skipped it.
        let mut phase = self.advance_auth(step, effect);
        if matches!(phase, AuthPhase::CredentialsChecked(_)) {
            phase = self.advance_auth(step, effect);
        }
        let pending = self.auth_call.take();
        if let (AuthPhase::Responded(result), Some(pending)) = (phase, pending) {
            let call = Call {
                operation: pending.request().operation().to_owned(),
                request: self.auth_request.take().unwrap_or_default(),
                result: result.map(|response| to_json(&response)),
                checks: Vec::new(),
                srp: pending.srp().cloned(),
            };
            self.recorder.absorb(&self.pool, call, effect);
        }
    }

    /// InitiateAuth in one step, with what was typed.
    pub(super) fn sign_in(&mut self, step: &StepSpec, effect: &mut Effect) {
        let request = self.password_request(step);
        let (username, password) = self.sent_credentials(step);
        self.typed(&username, &password);
        let call = self.initiate_auth_whole(request);
        self.recorder.absorb(&self.pool, call, effect);
    }

    /// InitiateAuth REFRESH_TOKEN_AUTH with the refresh token the app holds, or the step's
    /// `token` (an access token sent as one gets `Invalid Refresh Token.`).
    pub(super) fn refresh_tokens(&mut self, step: &StepSpec, effect: &mut Effect) {
        let refresh = self.held_token(step, TokenKind::Refresh, effect);
        let request = cognito::InitiateAuthRequest::refresh(&self.facts.client_id, &refresh);
        let call = self.initiate_auth_whole(request);
        self.recorder.absorb(&self.pool, call, effect);
    }

    /// RespondToAuthChallenge: a new password, or the authenticator's code.
    pub(super) fn answer_challenge(&mut self, step: &StepSpec, effect: &mut Effect) {
        let client_id = self.facts.client_id.clone();
        let (challenged, session) = self
            .recorder
            .challenge()
            .cloned()
            .unwrap_or_else(|| (self.username(step), String::new()));
        let mut new_password = None;
        let request = if step.action == Action::AnswerNewPassword {
            let chosen = self
                .input(step, Ask::NewPassword, &challenged)
                .unwrap_or_default();
            self.recorder.set("newPassword", chosen.clone());
            let request = cognito::RespondToAuthChallengeRequest::new_password(
                &client_id,
                &session,
                &challenged,
                &chosen,
            );
            new_password = Some(chosen);
            request
        } else {
            let received = self.pool.totp_now(&challenged);
            let code = self
                .lookup(step)
                .get(Ask::Code, &challenged, received.as_deref())
                .unwrap_or_default();
            self.recorder.set("code", code.clone());
            cognito::RespondToAuthChallengeRequest::totp(&client_id, &session, &challenged, &code)
        };
        let answered = self.send(
            "RespondToAuthChallenge",
            request,
            effect,
            cognito::UserPool::respond_to_auth_challenge,
        );
        if answered && let Some(password) = new_password {
            self.password_changed(&challenged, &password);
        }
    }

    /// A call the next phased steps (`verify_credentials`, `return_result`) walk through.
    pub(super) fn start_call(
        &mut self,
        operation: &str,
        body: serde_json::Value,
        call: cognito::AuthCall,
        effect: &mut Effect,
    ) {
        self.auth_request = Some(body.clone());
        effect.api = Some(ApiCall {
            operation: operation.to_owned(),
            request: Some(body),
            response: None,
            status: None,
        });
        self.auth_call = Some(call);
        effect.outcome = Outcome::Pending;
    }

    /// The username and the password the app sends for `step`.
    fn sent_credentials(&self, step: &StepSpec) -> (String, String) {
        let username = self.username(step);
        let password = self
            .input(step, Ask::SentPassword, &username)
            .unwrap_or_default();
        (username, password)
    }

    /// USER_PASSWORD_AUTH with the credentials the app sends for `step` (and the SECRET_HASH
    /// it holds, for a client with a secret).
    fn password_request(&self, step: &StepSpec) -> cognito::InitiateAuthRequest {
        let (username, password) = self.sent_credentials(step);
        let mut request = cognito::InitiateAuthRequest::user_password(
            &self.facts.client_id,
            &username,
            &password,
        );
        self.add_secret_hash(&mut request, &username);
        request
    }

    /// Advances the pending InitiateAuth (starting one from the typed credentials if none is
    /// pending) to its next phase and returns it; the checks are kept when they are made.
    fn advance_auth(&mut self, step: &StepSpec, effect: &mut Effect) -> AuthPhase {
        let call = match self.auth_call.take() {
            Some(call) => call,
            None => {
                let request = self.password_request(step);
                self.auth_request = Some(to_json(&request));
                self.pool.start_initiate_auth(request)
            }
        };
        let call = self.auth_call.insert(call);
        effect.input = sent_words(call.request()).to_owned();
        let phase = self.pool.advance_auth(call).clone();
        if matches!(phase, AuthPhase::CredentialsChecked(_)) {
            effect.cognito_checks = call.checks().to_vec();
            if let Some(exchange) = call.srp() {
                self.recorder.absorb_srp(exchange);
            }
        }
        phase
    }

    /// InitiateAuth in one go (all three phases), keeping what Cognito checked, just as the
    /// phased steps do.
    fn initiate_auth_whole(&mut self, request: cognito::InitiateAuthRequest) -> Call {
        let body = to_json(&request);
        let mut auth = self.pool.start_initiate_auth(request);
        let result: Result<cognito::InitiateAuthResponse, CognitoError> = loop {
            if let AuthPhase::Responded(result) = self.pool.advance_auth(&mut auth) {
                break result.clone();
            }
        };
        Call {
            operation: "InitiateAuth".to_owned(),
            request: body,
            result: result.map(|response| to_json(&response)),
            checks: auth.checks().to_vec(),
            srp: auth.srp().cloned(),
        }
    }
}

/// The Input column of a phase of `request`: what the call carries.
fn sent_words(request: &cognito::AuthRequest) -> &'static str {
    match request {
        cognito::AuthRequest::Initiate(initiate)
        | cognito::AuthRequest::AdminInitiate {
            request: initiate, ..
        } => match initiate.auth_flow {
            cognito::AuthFlow::UserSrpAuth => "username, SRP_A",
            cognito::AuthFlow::RefreshTokenAuth | cognito::AuthFlow::RefreshToken => {
                "refresh token"
            }
            _ => "username, password",
        },
        cognito::AuthRequest::Respond(respond)
        | cognito::AuthRequest::AdminRespond {
            request: respond, ..
        } => match respond.challenge_name {
            cognito::ChallengeName::PasswordVerifier => "signature, TIMESTAMP",
            cognito::ChallengeName::NewPasswordRequired => "new password",
            cognito::ChallengeName::SoftwareTokenMfa => "authenticator code",
            _ => "challenge answer",
        },
    }
}
