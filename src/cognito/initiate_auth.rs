//! The sign-in calls as one phased state machine: InitiateAuth and RespondToAuthChallenge.
//!
//! [`UserPool::start_initiate_auth`] and [`UserPool::start_respond_to_auth_challenge`] only
//! record the request (nothing is checked). [`UserPool::advance_auth`] then makes every check
//! in Cognito's order (facts §9.2) and knows the outcome; the next call turns the outcome into
//! the response, minting tokens or opening a challenge. The lesson's steps "app sends",
//! "Cognito verifies" and "Cognito returns" are these phases, for a password sign-in and for
//! each leg of an SRP one. [`UserPool::initiate_auth`] and
//! [`UserPool::respond_to_auth_challenge`] run all phases at once.

use std::collections::BTreeMap;

use serde::Serialize;

use super::api::{
    AdminInitiateAuthRequest, AdminRespondToAuthChallengeRequest, ChallengeName,
    InitiateAuthRequest, InitiateAuthResponse, RespondToAuthChallengeRequest,
};
use super::check::Check;
use super::config::{AppClient, ExplicitAuthFlow, PreventUserExistenceErrors};
use super::error::CognitoError;
use super::ids;
use super::pool::{ChallengeSession, UserPool};
use super::srp_auth::{SrpChallenge, SrpExchange};
use super::user::UserStatus;
use crate::cognito::AuthFlow;

/// Where a sign-in call is.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub enum AuthPhase {
    /// The request reached Cognito; nothing has been checked (lesson step 2).
    RequestReceived,
    /// Every check has been made and the outcome is known (lesson step 3).
    CredentialsChecked(CheckOutcome),
    /// The response went back: tokens, a challenge, or an exception (lesson step 4). Final.
    Responded(Result<InitiateAuthResponse, CognitoError>),
}

impl AuthPhase {
    /// "request received", "credentials checked" or "responded".
    #[must_use]
    pub fn name(&self) -> &'static str {
        match self {
            Self::RequestReceived => "request received",
            Self::CredentialsChecked(_) => "credentials checked",
            Self::Responded(_) => "responded",
        }
    }
}

/// What the checks concluded.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub enum CheckOutcome {
    /// Credentials are good and nothing more is due: tokens will be issued.
    Authenticated,
    /// Credentials are good (or, for SRP's first leg, the proof is yet to come) and a
    /// challenge must be answered first.
    Challenge(ChallengeName),
    /// A check failed: this exception will be the response.
    Rejected(CognitoError),
}

/// The call being made.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub enum AuthRequest {
    /// InitiateAuth: a password, an SRP_A or a refresh token.
    Initiate(InitiateAuthRequest),
    /// RespondToAuthChallenge: a new password, a TOTP code or an SRP proof.
    Respond(RespondToAuthChallengeRequest),
    /// AdminInitiateAuth (IAM-authorised): `ADMIN_USER_PASSWORD_AUTH` or a refresh token.
    AdminInitiate {
        /// The pool the administrator names.
        user_pool_id: String,
        /// The rest, as InitiateAuth carries it.
        request: InitiateAuthRequest,
    },
    /// AdminRespondToAuthChallenge.
    AdminRespond {
        /// The pool the administrator names.
        user_pool_id: String,
        /// The rest, as RespondToAuthChallenge carries it.
        request: RespondToAuthChallengeRequest,
    },
}

impl AuthRequest {
    /// `InitiateAuth`, `RespondToAuthChallenge` or their Admin twins: the operation on the wire.
    #[must_use]
    pub fn operation(&self) -> &'static str {
        match self {
            Self::Initiate(_) => "InitiateAuth",
            Self::Respond(_) => "RespondToAuthChallenge",
            Self::AdminInitiate { .. } => "AdminInitiateAuth",
            Self::AdminRespond { .. } => "AdminRespondToAuthChallenge",
        }
    }

    /// The app client the call goes through.
    #[must_use]
    pub fn client_id(&self) -> &str {
        match self {
            Self::Initiate(r) | Self::AdminInitiate { request: r, .. } => &r.client_id,
            Self::Respond(r) | Self::AdminRespond { request: r, .. } => &r.client_id,
        }
    }
}

/// Who the checks authenticated, carried from the check phase to the response phase.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Subject {
    SignIn {
        username: String,
        auth_time: u64,
    },
    Refresh {
        origin_jti: String,
    },
    /// SRP's first leg: B is computed; the response stores the state under a SECRET_BLOCK.
    PasswordVerifier(Box<SrpChallenge>),
}

/// One sign-in call in progress.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AuthCall {
    request: AuthRequest,
    phase: AuthPhase,
    checks: Vec<Check>,
    srp: Option<SrpExchange>,
    subject: Option<Subject>,
}

impl AuthCall {
    /// The request as Cognito received it.
    #[must_use]
    pub fn request(&self) -> &AuthRequest {
        &self.request
    }

    /// The current phase.
    #[must_use]
    pub fn phase(&self) -> &AuthPhase {
        &self.phase
    }

    /// The checks made so far, in order (empty before CredentialsChecked).
    #[must_use]
    pub fn checks(&self) -> &[Check] {
        &self.checks
    }

    /// For USER_SRP_AUTH and PASSWORD_VERIFIER: every number Cognito computed, whole (the
    /// checks show them shortened). `None` for the other flows and before CredentialsChecked.
    #[must_use]
    pub fn srp(&self) -> Option<&SrpExchange> {
        self.srp.as_ref()
    }

    /// The response, once the call has Responded.
    #[must_use]
    pub fn response(&self) -> Option<&Result<InitiateAuthResponse, CognitoError>> {
        match &self.phase {
            AuthPhase::Responded(result) => Some(result),
            AuthPhase::RequestReceived | AuthPhase::CredentialsChecked(_) => None,
        }
    }

    /// Moves to the next phase (same as [`UserPool::advance_auth`]).
    pub fn advance(&mut self, pool: &mut UserPool) -> &AuthPhase {
        pool.advance_auth(self)
    }
}

/// Records checks (and, for SRP, the numbers); `require` turns a failed check into the
/// exception that ends the call.
#[derive(Default)]
pub(crate) struct Checks {
    list: Vec<Check>,
    pub srp: Option<SrpExchange>,
}

impl Checks {
    /// Runs one call's checks from none and hands back the list beside its result: the
    /// shape of every endpoint that answers with what it checked.
    pub fn collect<T>(
        run: impl FnOnce(&mut Checks) -> Result<T, CognitoError>,
    ) -> (Vec<Check>, Result<T, CognitoError>) {
        let mut checks = Checks::default();
        let result = run(&mut checks);
        (checks.into_list(), result)
    }

    /// The checks made, in order.
    pub fn into_list(self) -> Vec<Check> {
        self.list
    }

    pub fn pass(&mut self, name: &str, detail: impl Into<String>) {
        self.list.push(Check::new(name, true, detail));
    }

    pub fn fail(
        &mut self,
        name: &str,
        detail: impl Into<String>,
        error: CognitoError,
    ) -> CognitoError {
        self.list.push(Check::new(name, false, detail));
        error
    }

    /// A check that failed but does not end the call: Cognito hides the failure (an unknown
    /// user under PreventUserExistenceErrors ENABLED gets a simulated SRP challenge).
    pub fn hidden_failure(&mut self, name: &str, detail: impl Into<String>) {
        self.list.push(Check::new(name, false, detail));
    }

    pub fn require(
        &mut self,
        name: &str,
        ok: bool,
        passed: impl Into<String>,
        failed: impl Into<String>,
        error: impl FnOnce() -> CognitoError,
    ) -> Result<(), CognitoError> {
        if ok {
            self.pass(name, passed);
            Ok(())
        } else {
            Err(self.fail(name, failed, error()))
        }
    }
}

/// A required, non-empty request parameter, or the failed "request parameters" check.
pub(crate) fn parameter<'r>(
    parameters: &'r BTreeMap<String, String>,
    name: &str,
    checks: &mut Checks,
) -> Result<&'r str, CognitoError> {
    match parameters.get(name).map(String::as_str) {
        Some(value) if !value.is_empty() => Ok(value),
        _ => Err(checks.fail(
            "request parameters",
            format!("{name} is missing"),
            CognitoError::missing_parameter(name),
        )),
    }
}

impl UserPool {
    /// Phase 1 of InitiateAuth: the request arrives. Nothing is checked and nothing changes.
    #[must_use]
    pub fn start_initiate_auth(&self, request: InitiateAuthRequest) -> AuthCall {
        Self::start(AuthRequest::Initiate(request))
    }

    /// Phase 1 of RespondToAuthChallenge: the answer arrives. Nothing is checked.
    #[must_use]
    pub fn start_respond_to_auth_challenge(
        &self,
        request: RespondToAuthChallengeRequest,
    ) -> AuthCall {
        Self::start(AuthRequest::Respond(request))
    }

    /// Phase 1 of AdminInitiateAuth (the same machine; the pool id is its first check).
    #[must_use]
    pub fn start_admin_initiate_auth(&self, request: AdminInitiateAuthRequest) -> AuthCall {
        Self::start(AuthRequest::AdminInitiate {
            user_pool_id: request.user_pool_id,
            request: InitiateAuthRequest {
                auth_flow: request.auth_flow,
                client_id: request.client_id,
                auth_parameters: request.auth_parameters,
            },
        })
    }

    /// Phase 1 of AdminRespondToAuthChallenge.
    #[must_use]
    pub fn start_admin_respond_to_auth_challenge(
        &self,
        request: AdminRespondToAuthChallengeRequest,
    ) -> AuthCall {
        Self::start(AuthRequest::AdminRespond {
            user_pool_id: request.user_pool_id,
            request: RespondToAuthChallengeRequest {
                client_id: request.client_id,
                challenge_name: request.challenge_name,
                session: request.session,
                challenge_responses: request.challenge_responses,
            },
        })
    }

    fn start(request: AuthRequest) -> AuthCall {
        AuthCall {
            request,
            phase: AuthPhase::RequestReceived,
            checks: Vec::new(),
            srp: None,
            subject: None,
        }
    }

    /// Moves `call` one phase on and returns the new phase. A Responded call stays Responded.
    pub fn advance_auth<'c>(&mut self, call: &'c mut AuthCall) -> &'c AuthPhase {
        let phase = std::mem::replace(&mut call.phase, AuthPhase::RequestReceived);
        call.phase = self.transition(phase, call);
        &call.phase
    }

    /// InitiateAuth in one go: every phase, then the response.
    ///
    /// # Errors
    /// The Cognito exception the checks ended in (see [`CognitoError`]).
    pub fn initiate_auth(
        &mut self,
        request: InitiateAuthRequest,
    ) -> Result<InitiateAuthResponse, CognitoError> {
        let call = self.start_initiate_auth(request);
        self.run_to_response(call)
    }

    /// Advances `call` until it has Responded and returns the response.
    pub(crate) fn run_to_response(
        &mut self,
        mut call: AuthCall,
    ) -> Result<InitiateAuthResponse, CognitoError> {
        loop {
            if let AuthPhase::Responded(result) = self.advance_auth(&mut call) {
                return result.clone();
            }
        }
    }

    /// The one transition function of the sign-in machine, for both calls.
    ///
    /// ```text
    ///   start_initiate_auth(request)        start_respond_to_auth_challenge(answer)
    ///            └───────────────┬──────────────────────┘
    ///                            ▼
    ///   ┌─────────────────┐  advance: InitiateAuth: client, flow, parameters, then
    ///   │ RequestReceived │   · password: user exists, disabled, lockout, UNCONFIRMED,
    ///   └────────┬────────┘     argon2id verify, RESET_REQUIRED, FORCE_CHANGE_PASSWORD, MFA
    ///            │            · SRP: SRP_A valid, user exists, verifier, B, u
    ///            │            · refresh: token known, unexpired, not revoked, user enabled
    ///            │           RespondToAuthChallenge: client, then
    ///            │            · PASSWORD_VERIFIER: SECRET_BLOCK, TIMESTAMP, disabled,
    ///            │              lockout, UNCONFIRMED, S, K, signature, then as the password
    ///            │            · NEW_PASSWORD_REQUIRED / SOFTWARE_TOKEN_MFA: session, answer
    ///            ▼
    ///   ┌────────────────────────────────┐
    ///   │ CredentialsChecked(outcome)    │
    ///   └──┬──────────────┬───────────┬──┘
    ///      │Authenticated │Challenge  │Rejected(e)
    ///      │mint tokens   │open a     │
    ///      │              │session or │
    ///      │              │SECRET_BLOCK
    ///      ▼              ▼           ▼
    ///   ┌────────────────────────────────────────────────────┐
    ///   │ Responded(Ok(tokens) | Ok(challenge) | Err(e))     │──advance──┐
    ///   └────────────────────────────────────────────────────┘◀──────────┘
    /// ```
    fn transition(&mut self, phase: AuthPhase, call: &mut AuthCall) -> AuthPhase {
        match phase {
            AuthPhase::RequestReceived => {
                let mut checks = Checks::default();
                let checked = match &call.request {
                    AuthRequest::Initiate(request) => self.check(request, false, &mut checks),
                    AuthRequest::Respond(request) => self.check_answer(request, &mut checks),
                    AuthRequest::AdminInitiate {
                        user_pool_id,
                        request,
                    } => self
                        .check_pool_named(user_pool_id, &mut checks)
                        .and_then(|()| self.check(request, true, &mut checks)),
                    AuthRequest::AdminRespond {
                        user_pool_id,
                        request,
                    } => self
                        .check_pool_named(user_pool_id, &mut checks)
                        .and_then(|()| self.check_answer(request, &mut checks)),
                };
                let outcome = match checked {
                    Ok((outcome, subject)) => {
                        call.subject = Some(subject);
                        outcome
                    }
                    Err(error) => CheckOutcome::Rejected(error),
                };
                call.checks = checks.list;
                call.srp = checks.srp;
                AuthPhase::CredentialsChecked(outcome)
            }
            AuthPhase::CredentialsChecked(CheckOutcome::Authenticated) => {
                let client_id = call.request.client_id().to_owned();
                AuthPhase::Responded(self.respond_authenticated(call.subject.as_ref(), &client_id))
            }
            AuthPhase::CredentialsChecked(CheckOutcome::Challenge(challenge)) => {
                let client_id = call.request.client_id().to_owned();
                AuthPhase::Responded(match call.subject.take() {
                    Some(Subject::SignIn { username, .. }) => {
                        self.open_challenge(&username, challenge, &client_id)
                    }
                    Some(Subject::PasswordVerifier(state)) => {
                        self.open_password_verifier(*state, call.srp.as_mut())
                    }
                    Some(Subject::Refresh { .. }) | None => Err(CognitoError::internal(
                        "a challenge without a signed-in user",
                    )),
                })
            }
            AuthPhase::CredentialsChecked(CheckOutcome::Rejected(error)) => {
                AuthPhase::Responded(Err(error))
            }
            AuthPhase::Responded(result) => AuthPhase::Responded(result),
        }
    }

    fn respond_authenticated(
        &mut self,
        subject: Option<&Subject>,
        client_id: &str,
    ) -> Result<InitiateAuthResponse, CognitoError> {
        let result = match subject {
            Some(Subject::SignIn {
                username,
                auth_time,
            }) => self.issue_tokens(username, *auth_time, client_id)?,
            Some(Subject::Refresh { origin_jti }) => {
                let family = self
                    .families
                    .get(origin_jti)
                    .cloned()
                    .ok_or_else(CognitoError::invalid_refresh_token)?;
                let client = self.client(&family.client_id)?;
                self.mint(&family.username, origin_jti, family.auth_time, &client)?
            }
            Some(Subject::PasswordVerifier(_)) | None => {
                return Err(CognitoError::internal("tokens for nobody"));
            }
        };
        Ok(InitiateAuthResponse {
            authentication_result: Some(result),
            challenge_name: None,
            session: None,
            challenge_parameters: BTreeMap::new(),
        })
    }

    /// Opens a challenge session for `username` and returns the challenge response.
    pub(crate) fn open_challenge(
        &mut self,
        username: &str,
        challenge: ChallengeName,
        client_id: &str,
    ) -> Result<InitiateAuthResponse, CognitoError> {
        let user = self
            .users
            .get(username)
            .ok_or_else(CognitoError::user_does_not_exist)?;
        let mut parameters = BTreeMap::from([("USER_ID_FOR_SRP".to_owned(), username.to_owned())]);
        if challenge == ChallengeName::NewPasswordRequired {
            let attributes = serde_json::to_string(&user.attributes)
                .map_err(|e| CognitoError::internal(format!("attributes: {e}")))?;
            parameters.insert("requiredAttributes".to_owned(), "[]".to_owned());
            parameters.insert("userAttributes".to_owned(), attributes);
        }
        parameters.extend(self.mfa_challenge_parameters(username, challenge));
        let session = ids::session(&mut self.rng.next());
        self.challenges.insert(
            session.clone(),
            ChallengeSession {
                username: username.to_owned(),
                client_id: client_id.to_owned(),
                challenge,
                expires_at: self.now + self.session_validity(client_id),
                setup_verified: false,
            },
        );
        Ok(InitiateAuthResponse {
            authentication_result: None,
            challenge_name: Some(challenge),
            session: Some(session),
            challenge_parameters: parameters,
        })
    }

    /// AdminInitiateAuth / AdminRespondToAuthChallenge name their pool: the first check.
    fn check_pool_named(
        &self,
        user_pool_id: &str,
        checks: &mut Checks,
    ) -> Result<(), CognitoError> {
        checks.require(
            "user pool",
            user_pool_id == self.pool_id,
            format!("pool {user_pool_id}"),
            format!("no user pool {user_pool_id} here"),
            || CognitoError::unknown_pool(user_pool_id),
        )
    }

    /// The app client a sign-in names: the first check of every sign-in call.
    pub(crate) fn check_app_client(
        &self,
        client_id: &str,
        checks: &mut Checks,
    ) -> Result<AppClient, CognitoError> {
        let client = self.app_client(client_id).cloned();
        checks.require(
            "app client",
            client.is_some(),
            format!("client {client_id} belongs to pool {}", self.pool_id),
            format!("no app client {client_id} in this pool"),
            || CognitoError::unknown_client(client_id),
        )?;
        client.ok_or_else(|| CognitoError::unknown_client(client_id))
    }

    /// InitiateAuth's checks (`admin`: AdminInitiateAuth's), in Cognito's order.
    fn check(
        &mut self,
        request: &InitiateAuthRequest,
        admin: bool,
        checks: &mut Checks,
    ) -> Result<(CheckOutcome, Subject), CognitoError> {
        let client = self.check_app_client(&request.client_id, checks)?;
        let flow = request.auth_flow;
        // USER_PASSWORD_AUTH is InitiateAuth's, ADMIN_USER_PASSWORD_AUTH AdminInitiateAuth's;
        // both take USER_SRP_AUTH and the refresh flows [BC] (AdminInitiateAuth answers
        // PASSWORD_VERIFIER on AWS too, measured: ministackorg/ministack#1758).
        let allowed = match (flow, admin) {
            (AuthFlow::UserPasswordAuth, false) => Some(ExplicitAuthFlow::AllowUserPasswordAuth),
            (AuthFlow::AdminUserPasswordAuth | AuthFlow::AdminNoSrpAuth, true) => {
                Some(ExplicitAuthFlow::AllowAdminUserPasswordAuth)
            }
            (AuthFlow::RefreshTokenAuth | AuthFlow::RefreshToken, _) => {
                Some(ExplicitAuthFlow::AllowRefreshTokenAuth)
            }
            (AuthFlow::UserSrpAuth, _) => Some(ExplicitAuthFlow::AllowUserSrpAuth),
            (AuthFlow::CustomAuth | AuthFlow::UserAuth, _) => {
                Some(ExplicitAuthFlow::AllowCustomAuth)
            }
            (AuthFlow::UserPasswordAuth, true)
            | (AuthFlow::AdminUserPasswordAuth | AuthFlow::AdminNoSrpAuth, false) => None,
        };
        let Some(allowed) = allowed else {
            let (detail, message) = if admin {
                (
                    format!(
                        "{} works only with InitiateAuth (AdminInitiateAuth takes ADMIN_USER_PASSWORD_AUTH)",
                        flow.as_str()
                    ),
                    // Unsourced wording for AdminInitiateAuth; InitiateAuth's is moto's (L).
                    "Initiate Auth method not supported.",
                )
            } else {
                (
                    format!("{} works only with AdminInitiateAuth", flow.as_str()),
                    "Initiate Auth method not supported.",
                )
            };
            return Err(checks.fail(
                "auth flow",
                detail,
                CognitoError::new(super::Exception::InvalidParameter, message),
            ));
        };
        checks.require(
            "auth flow",
            client.allows(allowed),
            format!("the client allows {}", allowed.as_str()),
            format!(
                "{} is not in the client's ExplicitAuthFlows",
                allowed.as_str()
            ),
            || {
                if admin {
                    CognitoError::new(
                        super::Exception::InvalidParameter,
                        "Auth flow not enabled for this client",
                    )
                } else {
                    CognitoError::flow_not_enabled(flow.as_str())
                }
            },
        )?;
        match flow {
            AuthFlow::UserPasswordAuth
            | AuthFlow::AdminUserPasswordAuth
            | AuthFlow::AdminNoSrpAuth => self.check_password(request, checks),
            AuthFlow::UserSrpAuth => self.check_srp_start(request, checks),
            AuthFlow::RefreshTokenAuth | AuthFlow::RefreshToken => {
                self.check_refresh(request, checks)
            }
            AuthFlow::CustomAuth | AuthFlow::UserAuth => Err(checks.fail(
                "auth flow",
                "cogflow's mock pool simulates USER_PASSWORD_AUTH, ADMIN_USER_PASSWORD_AUTH, \
                 USER_SRP_AUTH and REFRESH_TOKEN_AUTH only",
                CognitoError::new(
                    super::Exception::InvalidParameter,
                    format!("{} is not simulated by this mock user pool", flow.as_str()),
                ),
            )),
        }
    }

    pub(crate) fn check_password(
        &mut self,
        request: &InitiateAuthRequest,
        checks: &mut Checks,
    ) -> Result<(CheckOutcome, Subject), CognitoError> {
        let username = parameter(&request.auth_parameters, "USERNAME", checks)?;
        let password = parameter(&request.auth_parameters, "PASSWORD", checks)?;
        checks.pass("request parameters", "USERNAME and PASSWORD present");
        self.check_secret_hash(
            &request.client_id,
            &request.auth_parameters,
            username,
            checks,
        )?;

        let resolved = self.resolve_sign_in_name(username);
        let Some(username) = resolved.as_deref() else {
            return Err(match self.pue(&request.client_id) {
                PreventUserExistenceErrors::Legacy => checks.fail(
                    "user exists",
                    format!("no user {username}; PreventUserExistenceErrors is LEGACY, so Cognito says so"),
                    CognitoError::user_does_not_exist(),
                ),
                PreventUserExistenceErrors::Enabled => {
                    // Same argon2 work as a wrong password, so timing does not tell either.
                    let dummy = self.dummy_hash.clone();
                    self.verify(&dummy, password, "argon2id verify (dummy hash: unknown user)")?;
                    checks.fail(
                        "user exists",
                        format!(
                            "no user {username}; PreventUserExistenceErrors is ENABLED, so a dummy \
                             hash was verified (same cost as a real one) and the answer is the one \
                             a wrong password gets"
                        ),
                        CognitoError::incorrect_credentials(),
                    )
                }
            });
        };
        let given = parameter(&request.auth_parameters, "USERNAME", checks)?;
        checks.pass("user exists", found_detail(given, username));

        let status = self.check_account(username, checks)?;
        self.check_pre_authentication(username, checks)?;
        let phc = self.user_mut(username)?.credential.phc()?.to_owned();
        let matches = self.verify(&phc, password, "argon2id verify")?;
        self.count_password_check(
            username,
            matches,
            "password (argon2id, the mock's stand-in)",
            "argon2id verify: the password matches the stored hash",
            "argon2id verify: no match",
            checks,
        )?;
        self.check_after_password(username, status, checks)
    }

    /// The account checks made before any password or proof is compared, in Cognito's order:
    /// enabled, not locked out (this counts as an attempt), not UNCONFIRMED. Returns the status.
    pub(crate) fn check_account(
        &mut self,
        username: &str,
        checks: &mut Checks,
    ) -> Result<UserStatus, CognitoError> {
        let now = self.now;
        let user = self.user_mut(username)?;
        let enabled = user.enabled;
        checks.require(
            "user enabled",
            enabled,
            "the user is enabled",
            "the user is disabled (AdminDisableUser)",
            CognitoError::user_disabled,
        )?;

        let locked = user.lockout.attempt(now);
        let until = user.lockout.locked_until(now).unwrap_or(now);
        let failures = user.lockout.failures();
        checks.require(
            "not locked out",
            !locked,
            format!("not locked ({failures} failed attempts so far)"),
            format!(
                "locked for {} more s after {failures} failed attempts; this attempt is refused and not counted",
                until - now
            ),
            CognitoError::password_attempts_exceeded,
        )?;

        let status = user.status;
        checks.require(
            "user confirmed",
            status != UserStatus::Unconfirmed,
            format!("status {}", status.as_str()),
            "status UNCONFIRMED: checked before the password, so even a wrong password gets this answer",
            CognitoError::user_not_confirmed,
        )?;
        Ok(status)
    }

    /// Records whether the password (or the SRP proof) was right, for lockout: a match clears
    /// the count, a miss counts a failed attempt and ends the call with the wrong-password
    /// answer, the count (and any lock) told in the failed check.
    pub(crate) fn count_password_check(
        &mut self,
        username: &str,
        matches: bool,
        name: &str,
        matched: &str,
        missed: &str,
        checks: &mut Checks,
    ) -> Result<(), CognitoError> {
        let now = self.now;
        let user = self.user_mut(username)?;
        if matches {
            user.lockout.succeed();
            checks.pass(name, matched);
            return Ok(());
        }
        user.lockout.fail(now);
        let failures = user.lockout.failures();
        let user_failures = failures;
        self.record_auth_event(username, "SignIn", "Fail", vec![("Password", "Failure")]);
        let failures = user_failures;
        let user = self.user_mut(username)?;
        let lock = user
            .lockout
            .locked_until(now)
            .map(|until| format!("; locked for {} s", until - now))
            .unwrap_or_default();
        Err(checks.fail(
            name,
            format!("{missed} (failed attempt {failures}{lock})"),
            CognitoError::incorrect_credentials(),
        ))
    }

    /// What follows a right password, in either flow: RESET_REQUIRED refuses, then
    /// FORCE_CHANGE_PASSWORD (a temporary password still valid) asks for a new one, TOTP asks
    /// for a code, and otherwise tokens are due.
    pub(crate) fn check_after_password(
        &mut self,
        username: &str,
        status: UserStatus,
        checks: &mut Checks,
    ) -> Result<(CheckOutcome, Subject), CognitoError> {
        let now = self.now;
        checks.require(
            "no reset required",
            status != UserStatus::ResetRequired,
            "no password reset pending",
            "status RESET_REQUIRED: the user must reset the password first",
            CognitoError::password_reset_required,
        )?;

        let user = self.user_mut(username)?;
        let subject = Subject::SignIn {
            username: username.to_owned(),
            auth_time: now,
        };
        if status == UserStatus::ForceChangePassword {
            let expires = user.temporary_password_expires_at;
            checks.require(
                "temporary password valid",
                expires.is_none_or(|t| now < t),
                "the temporary password is still valid",
                "the temporary password is past its validity",
                CognitoError::temporary_password_expired,
            )?;
            checks.pass(
                "challenges",
                "FORCE_CHANGE_PASSWORD: the user must choose a new password (NEW_PASSWORD_REQUIRED)",
            );
            return Ok((
                CheckOutcome::Challenge(ChallengeName::NewPasswordRequired),
                subject,
            ));
        }
        let due = self.users.get(username).and_then(|u| self.mfa_due(u));
        if let Some(challenge) = due {
            checks.pass(
                "challenges",
                mfa_reason(challenge, self.config.mfa.configuration),
            );
            self.record_auth_event(
                username,
                "SignIn",
                "InProgress",
                vec![("Password", "Success")],
            );
            return Ok((CheckOutcome::Challenge(challenge), subject));
        }
        checks.pass("challenges", "none: tokens can be issued");
        self.record_auth_event(username, "SignIn", "Pass", vec![("Password", "Success")]);
        Ok((CheckOutcome::Authenticated, subject))
    }

    fn check_refresh(
        &mut self,
        request: &InitiateAuthRequest,
        checks: &mut Checks,
    ) -> Result<(CheckOutcome, Subject), CognitoError> {
        let token = parameter(&request.auth_parameters, "REFRESH_TOKEN", checks)?;
        checks.pass("request parameters", "REFRESH_TOKEN present");
        let hashed = self
            .refresh_family(token)
            .map(|family| family.username.clone())
            .unwrap_or_default();
        self.check_secret_hash(
            &request.client_id,
            &request.auth_parameters,
            &hashed,
            checks,
        )?;
        let family = self.check_refresh_family(token, &request.client_id, checks)?;
        checks.pass(
            "challenges",
            "none: new ID and access tokens (same auth_time and origin_jti), no new refresh token",
        );
        Ok((
            CheckOutcome::Authenticated,
            Subject::Refresh {
                origin_jti: family.origin_jti,
            },
        ))
    }
}

/// The "user exists" detail: the name given, and the user it named when that was an alias.
pub(crate) fn found_detail(given: &str, username: &str) -> String {
    if given == username {
        format!("user {username} found")
    } else {
        format!(
            "{given} is a sign-in name of user {username} (UsernameAttributes / AliasAttributes)"
        )
    }
}

/// Why a sign-in gets this MFA challenge, for the "challenges" check.
fn mfa_reason(challenge: ChallengeName, configuration: super::MfaConfiguration) -> String {
    match challenge {
        ChallengeName::MfaSetup => format!(
            "MFA is {} for this pool and the user has no factor: MFA_SETUP before any token",
            configuration.as_str()
        ),
        ChallengeName::SelectMfaType => {
            "the user has several MFA factors and none preferred: SELECT_MFA_TYPE".to_owned()
        }
        other => format!("the user's MFA factor: {} before any token", other.as_str()),
    }
}

impl UserPool {
    /// The SECRET_HASH check of a call (none for a public client), right after its parameters;
    /// `parameters` are AuthParameters or ChallengeResponses.
    pub(crate) fn check_secret_hash(
        &self,
        client_id: &str,
        parameters: &BTreeMap<String, String>,
        username: &str,
        checks: &mut Checks,
    ) -> Result<(), CognitoError> {
        let given = parameters.get("SECRET_HASH").map(String::as_str);
        let found = self.secret_hash_check(client_id, given, username);
        if found == super::SecretHashCheck::PublicClient {
            return Ok(());
        }
        checks.require(
            "secret hash",
            found.passed(),
            found.detail(username),
            found.detail(username),
            || super::client_secret::secret_hash_error(client_id),
        )
    }

    /// The pre authentication trigger, after the account checks and before the password.
    pub(crate) fn check_pre_authentication(
        &mut self,
        username: &str,
        checks: &mut Checks,
    ) -> Result<(), CognitoError> {
        match self.run_pre_authentication(username) {
            Err(error) => Err(checks.fail(
                "pre authentication trigger",
                "the pre authentication Lambda threw an error: refused before the password is checked",
                error,
            )),
            Ok(true) => {
                checks.pass(
                    "pre authentication trigger",
                    "the pre authentication Lambda let the sign-in go on",
                );
                Ok(())
            }
            Ok(false) => Ok(()),
        }
    }
}
