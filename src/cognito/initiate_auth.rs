//! InitiateAuth as a phased state machine: the lesson's steps 2, 3 and 4 are its phases.
//!
//! [`UserPool::start_initiate_auth`] only records the request (nothing is checked).
//! [`UserPool::advance_auth`] then makes every check in Cognito's order (facts §9.2) and knows
//! the outcome; the next call turns the outcome into the response, minting tokens or opening a
//! challenge session. [`UserPool::initiate_auth`] runs all phases at once.

use std::collections::BTreeMap;

use serde::Serialize;

use super::api::{ChallengeName, InitiateAuthRequest, InitiateAuthResponse};
use super::check::Check;
use super::config::{ExplicitAuthFlow, PreventUserExistenceErrors};
use super::error::CognitoError;
use super::ids;
use super::pool::{ChallengeSession, UserPool};
use super::user::UserStatus;
use crate::cognito::AuthFlow;

/// Where an InitiateAuth call is.
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
    /// Credentials are good but a challenge must be answered first.
    Challenge(ChallengeName),
    /// A check failed: this exception will be the response.
    Rejected(CognitoError),
}

/// Who the checks authenticated, carried from the check phase to the response phase.
#[derive(Debug, Clone, PartialEq, Eq)]
enum Subject {
    SignIn { username: String, auth_time: u64 },
    Refresh { origin_jti: String },
}

/// One InitiateAuth call in progress.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AuthCall {
    request: InitiateAuthRequest,
    phase: AuthPhase,
    checks: Vec<Check>,
    subject: Option<Subject>,
}

impl AuthCall {
    /// The request as Cognito received it.
    #[must_use]
    pub fn request(&self) -> &InitiateAuthRequest {
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

/// Records checks; `require` turns a failed one into the exception that ends the call.
#[derive(Default)]
struct Checks(Vec<Check>);

impl Checks {
    fn pass(&mut self, name: &str, detail: impl Into<String>) {
        self.0.push(Check::new(name, true, detail));
    }

    fn fail(&mut self, name: &str, detail: impl Into<String>, error: CognitoError) -> CognitoError {
        self.0.push(Check::new(name, false, detail));
        error
    }

    fn require(
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

fn parameter<'r>(
    request: &'r InitiateAuthRequest,
    name: &str,
    checks: &mut Checks,
) -> Result<&'r str, CognitoError> {
    match request.auth_parameters.get(name).map(String::as_str) {
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
        AuthCall {
            request,
            phase: AuthPhase::RequestReceived,
            checks: Vec::new(),
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
        let mut call = self.start_initiate_auth(request);
        loop {
            if let AuthPhase::Responded(result) = self.advance_auth(&mut call) {
                return result.clone();
            }
        }
    }

    /// The one transition function of the InitiateAuth machine.
    ///
    /// ```text
    ///   start_initiate_auth(request)
    ///            │
    ///            ▼
    ///   ┌─────────────────┐  advance: client, flow, parameters, user exists,
    ///   │ RequestReceived │  disabled, lockout, UNCONFIRMED, argon2id verify,
    ///   └────────┬────────┘  RESET_REQUIRED, FORCE_CHANGE_PASSWORD, MFA due
    ///            ▼
    ///   ┌────────────────────────────────┐
    ///   │ CredentialsChecked(outcome)    │
    ///   └──┬──────────────┬───────────┬──┘
    ///      │Authenticated │Challenge  │Rejected(e)
    ///      │mint tokens   │open       │
    ///      │              │session    │
    ///      ▼              ▼           ▼
    ///   ┌────────────────────────────────────────────────────┐
    ///   │ Responded(Ok(tokens) | Ok(challenge) | Err(e))     │──advance──┐
    ///   └────────────────────────────────────────────────────┘◀──────────┘
    /// ```
    fn transition(&mut self, phase: AuthPhase, call: &mut AuthCall) -> AuthPhase {
        match phase {
            AuthPhase::RequestReceived => {
                let mut checks = Checks::default();
                let outcome = match self.check(&call.request, &mut checks) {
                    Ok((outcome, subject)) => {
                        call.subject = Some(subject);
                        outcome
                    }
                    Err(error) => CheckOutcome::Rejected(error),
                };
                call.checks = checks.0;
                AuthPhase::CredentialsChecked(outcome)
            }
            AuthPhase::CredentialsChecked(CheckOutcome::Authenticated) => {
                AuthPhase::Responded(self.respond_authenticated(call.subject.as_ref()))
            }
            AuthPhase::CredentialsChecked(CheckOutcome::Challenge(challenge)) => {
                AuthPhase::Responded(match &call.subject {
                    Some(Subject::SignIn { username, .. }) => {
                        self.open_challenge(username, challenge)
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
    ) -> Result<InitiateAuthResponse, CognitoError> {
        let result = match subject {
            Some(Subject::SignIn {
                username,
                auth_time,
            }) => self.issue_tokens(username, *auth_time)?,
            Some(Subject::Refresh { origin_jti }) => {
                let family = self
                    .families
                    .get(origin_jti)
                    .cloned()
                    .ok_or_else(CognitoError::invalid_refresh_token)?;
                self.mint(&family.username, origin_jti, family.auth_time)?
            }
            None => return Err(CognitoError::internal("tokens for nobody")),
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
        let session = ids::session(&mut self.rng.next());
        self.challenges.insert(
            session.clone(),
            ChallengeSession {
                username: username.to_owned(),
                challenge,
                expires_at: self.now + self.config.auth_session_validity_secs,
            },
        );
        Ok(InitiateAuthResponse {
            authentication_result: None,
            challenge_name: Some(challenge),
            session: Some(session),
            challenge_parameters: parameters,
        })
    }

    fn check(
        &mut self,
        request: &InitiateAuthRequest,
        checks: &mut Checks,
    ) -> Result<(CheckOutcome, Subject), CognitoError> {
        checks.require(
            "app client",
            request.client_id == self.client_id,
            format!(
                "client {} belongs to pool {}",
                request.client_id, self.pool_id
            ),
            format!("no app client {} in this pool", request.client_id),
            || CognitoError::unknown_client(&request.client_id),
        )?;
        let flow = request.auth_flow;
        let allowed = match flow {
            AuthFlow::UserPasswordAuth => Some(ExplicitAuthFlow::AllowUserPasswordAuth),
            AuthFlow::RefreshTokenAuth | AuthFlow::RefreshToken => {
                Some(ExplicitAuthFlow::AllowRefreshTokenAuth)
            }
            AuthFlow::UserSrpAuth => Some(ExplicitAuthFlow::AllowUserSrpAuth),
            AuthFlow::CustomAuth | AuthFlow::UserAuth => Some(ExplicitAuthFlow::AllowCustomAuth),
            AuthFlow::AdminUserPasswordAuth | AuthFlow::AdminNoSrpAuth => None,
        };
        let Some(allowed) = allowed else {
            return Err(checks.fail(
                "auth flow",
                format!("{} works only with AdminInitiateAuth", flow.as_str()),
                CognitoError::new(
                    super::Exception::InvalidParameter,
                    "Initiate Auth method not supported.",
                ),
            ));
        };
        checks.require(
            "auth flow",
            self.config.allows(allowed),
            format!("the client allows {}", allowed.as_str()),
            format!(
                "{} is not in the client's ExplicitAuthFlows",
                allowed.as_str()
            ),
            || CognitoError::flow_not_enabled(flow.as_str()),
        )?;
        match flow {
            AuthFlow::UserPasswordAuth => self.check_password(request, checks),
            AuthFlow::RefreshTokenAuth | AuthFlow::RefreshToken => {
                self.check_refresh(request, checks)
            }
            AuthFlow::UserSrpAuth
            | AuthFlow::CustomAuth
            | AuthFlow::UserAuth
            | AuthFlow::AdminUserPasswordAuth
            | AuthFlow::AdminNoSrpAuth => Err(checks.fail(
                "auth flow",
                "cogflow's mock pool simulates USER_PASSWORD_AUTH and REFRESH_TOKEN_AUTH only",
                CognitoError::new(
                    super::Exception::InvalidParameter,
                    format!("{} is not simulated by this mock user pool", flow.as_str()),
                ),
            )),
        }
    }

    fn check_password(
        &mut self,
        request: &InitiateAuthRequest,
        checks: &mut Checks,
    ) -> Result<(CheckOutcome, Subject), CognitoError> {
        let username = parameter(request, "USERNAME", checks)?;
        let password = parameter(request, "PASSWORD", checks)?;
        checks.pass("request parameters", "USERNAME and PASSWORD present");
        let now = self.now;

        if !self.users.contains_key(username) {
            return Err(match self.config.prevent_user_existence_errors {
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
        }
        checks.pass("user exists", format!("user {username} found"));

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

        let phc = user.password_hash.clone();
        let matches = self.verify(&phc, password, "argon2id verify")?;
        let user = self.user_mut(username)?;
        if matches {
            user.lockout.succeed();
            checks.pass(
                "password (argon2id)",
                "argon2id verify: the password matches the stored hash",
            );
        } else {
            user.lockout.fail(now);
            let failures = user.lockout.failures();
            let lock = user
                .lockout
                .locked_until(now)
                .map(|until| format!("; locked for {} s", until - now))
                .unwrap_or_default();
            return Err(checks.fail(
                "password (argon2id)",
                format!("argon2id verify: no match (failed attempt {failures}{lock})"),
                CognitoError::incorrect_credentials(),
            ));
        }

        checks.require(
            "no reset required",
            status != UserStatus::ResetRequired,
            "no password reset pending",
            "status RESET_REQUIRED: the user must reset the password first",
            CognitoError::password_reset_required,
        )?;

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
        if user.totp_secret.is_some() {
            checks.pass(
                "challenges",
                "the user has TOTP MFA: SOFTWARE_TOKEN_MFA before any token",
            );
            return Ok((
                CheckOutcome::Challenge(ChallengeName::SoftwareTokenMfa),
                subject,
            ));
        }
        checks.pass("challenges", "none: tokens can be issued");
        Ok((CheckOutcome::Authenticated, subject))
    }

    fn check_refresh(
        &mut self,
        request: &InitiateAuthRequest,
        checks: &mut Checks,
    ) -> Result<(CheckOutcome, Subject), CognitoError> {
        let token = parameter(request, "REFRESH_TOKEN", checks)?;
        checks.pass("request parameters", "REFRESH_TOKEN present");
        let family = self
            .refresh_tokens
            .get(token)
            .and_then(|origin| self.families.get(origin))
            .cloned();
        let Some(family) = family else {
            return Err(checks.fail(
                "refresh token known",
                "the pool never issued this refresh token",
                CognitoError::invalid_refresh_token(),
            ));
        };
        checks.pass(
            "refresh token known",
            format!("sign-in {}", family.origin_jti),
        );
        checks.require(
            "refresh token unexpired",
            self.now < family.refresh_expires_at,
            format!("valid until {}", family.refresh_expires_at),
            format!("expired at {}", family.refresh_expires_at),
            CognitoError::refresh_token_expired,
        )?;
        checks.require(
            "refresh token not revoked",
            !family.revoked,
            "not revoked",
            "revoked by GlobalSignOut, RevokeToken or AdminDisableUser",
            CognitoError::refresh_token_revoked,
        )?;
        let enabled = self.users.get(&family.username).is_some_and(|u| u.enabled);
        checks.require(
            "user enabled",
            enabled,
            "the user is enabled",
            "the user is disabled",
            CognitoError::user_disabled,
        )?;
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
