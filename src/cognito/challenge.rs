//! RespondToAuthChallenge: the checks of each answer (PASSWORD_VERIFIER's are in `srp_auth`).

use super::api::{ChallengeName, RespondToAuthChallengeRequest, RespondToAuthChallengeResponse};
use super::error::{CognitoError, Exception};
use super::initiate_auth::{CheckOutcome, Checks, Subject, parameter};
use super::mfa::MfaAnswer;
use super::pool::UserPool;
use super::totp;
use super::user::UserStatus;

impl UserPool {
    /// RespondToAuthChallenge in one go (all phases of
    /// [`UserPool::start_respond_to_auth_challenge`]).
    ///
    /// - PASSWORD_VERIFIER: the SRP proof (`PASSWORD_CLAIM_SECRET_BLOCK`, `TIMESTAMP`,
    ///   `PASSWORD_CLAIM_SIGNATURE`); a right one continues as a right password does.
    /// - NEW_PASSWORD_REQUIRED: `NEW_PASSWORD` must meet the policy (a refusal leaves the
    ///   session usable); `userAttributes.<name>` entries set attributes. The user becomes
    ///   CONFIRMED; then SOFTWARE_TOKEN_MFA follows if the user has TOTP, else tokens.
    /// - SOFTWARE_TOKEN_MFA: `SOFTWARE_TOKEN_MFA_CODE` must be the authenticator's code at the
    ///   pool clock (one 30 s step of skew either way). A wrong code leaves the session usable
    ///   until it expires.
    ///
    /// Sessions are single-use on success and expire after `auth_session_validity_secs`.
    ///
    /// # Errors
    /// `NotAuthorizedException: Invalid session for the user.` (unknown session, or one opened
    /// for another user or challenge), `…, session is expired.`, `InvalidParameterException`
    /// (missing response), `InvalidPasswordException`, `CodeMismatchException: Invalid code or
    /// auth state for the user.`, `NotAuthorizedException: User is disabled.`, and for
    /// PASSWORD_VERIFIER what a password sign-in can answer.
    pub fn respond_to_auth_challenge(
        &mut self,
        request: RespondToAuthChallengeRequest,
    ) -> Result<RespondToAuthChallengeResponse, CognitoError> {
        let call = self.start_respond_to_auth_challenge(request);
        self.run_to_response(call)
    }

    /// The checks of a RespondToAuthChallenge, in order: the client, then the answer's own.
    pub(crate) fn check_answer(
        &mut self,
        request: &RespondToAuthChallengeRequest,
        checks: &mut Checks,
    ) -> Result<(CheckOutcome, Subject), CognitoError> {
        // An absent Session arrives empty (PASSWORD_VERIFIER sends none).
        let session = Some(request.session.as_str()).filter(|s| !s.is_empty());
        super::validation::Validation::default()
            .member("session", &super::validation::SESSION, session)
            .done()?;
        self.check_app_client(&request.client_id, checks)?;
        match request.challenge_name {
            ChallengeName::PasswordVerifier => self.check_password_verifier(request, checks),
            ChallengeName::NewPasswordRequired
            | ChallengeName::SoftwareTokenMfa
            | ChallengeName::SmsMfa
            | ChallengeName::EmailOtp
            | ChallengeName::SelectMfaType
            | ChallengeName::MfaSetup => self.check_session_answer(request, checks),
            ChallengeName::CustomChallenge => Err(checks.fail(
                "challenge",
                "cogflow's mock pool answers PASSWORD_VERIFIER, NEW_PASSWORD_REQUIRED and the \
                 MFA challenges only",
                CognitoError::new(
                    Exception::InvalidParameter,
                    format!(
                        "{} is not simulated by this mock user pool",
                        request.challenge_name.as_str()
                    ),
                ),
            )),
        }
    }

    /// NEW_PASSWORD_REQUIRED and SOFTWARE_TOKEN_MFA: the session, who answers, then the answer.
    fn check_session_answer(
        &mut self,
        request: &RespondToAuthChallengeRequest,
        checks: &mut Checks,
    ) -> Result<(CheckOutcome, Subject), CognitoError> {
        let Some(session) = self.challenges.get(&request.session).cloned() else {
            return Err(checks.fail(
                "session",
                "no open challenge has this Session",
                CognitoError::invalid_session(),
            ));
        };
        if self.now >= session.expires_at {
            self.challenges.remove(&request.session);
            return Err(checks.fail(
                "session",
                format!(
                    "the session expired {} s ago (AuthSessionValidity {} s)",
                    self.now - session.expires_at,
                    self.session_validity(&session.client_id)
                ),
                CognitoError::session_expired(),
            ));
        }
        checks.require(
            "session",
            session.challenge == request.challenge_name,
            format!(
                "open for {}, {} s left",
                session.challenge.as_str(),
                session.expires_at - self.now
            ),
            format!(
                "the session was opened for {}, not {}",
                session.challenge.as_str(),
                request.challenge_name.as_str()
            ),
            CognitoError::invalid_session,
        )?;
        // The sign-in is finished by the client that started it (unsourced; the session is
        // the client's own in Cognito's flow diagrams).
        checks.require(
            "app client",
            session.client_id == request.client_id,
            format!("the session was opened through {}", session.client_id),
            format!(
                "the session was opened through app client {}, not {}",
                session.client_id, request.client_id
            ),
            CognitoError::invalid_session,
        )?;
        let username = session.username;
        let given = parameter(&request.challenge_responses, "USERNAME", checks)?;
        checks.require(
            "USERNAME",
            self.resolve_sign_in_name(given).as_deref() == Some(username.as_str()),
            format!("{username}, the user the session was opened for"),
            format!("{given} is not {username}, the user the session was opened for"),
            CognitoError::invalid_session,
        )?;
        self.check_secret_hash(
            &request.client_id,
            &request.challenge_responses,
            given,
            checks,
        )?;
        let enabled = self.users.get(&username).is_some_and(|u| u.enabled);
        checks.require(
            "user enabled",
            enabled,
            "the user is enabled",
            "the user is disabled (AdminDisableUser)",
            CognitoError::user_disabled,
        )?;
        let signed_in = Subject::SignIn {
            username: username.clone(),
            auth_time: self.now,
        };
        match request.challenge_name {
            ChallengeName::NewPasswordRequired => {
                let new_password = parameter(&request.challenge_responses, "NEW_PASSWORD", checks)?;
                if let Err(error) = self.config.password_policy.check(new_password) {
                    return Err(checks.fail(
                        "password policy",
                        "the new password breaks the policy; the session stays open for another try",
                        error,
                    ));
                }
                checks.pass("password policy", "the new password meets the policy");
                // Checked before anything changes: a refused attribute leaves the user as is.
                let attributes: Vec<(&str, &String)> = request
                    .challenge_responses
                    .iter()
                    .filter_map(|(key, value)| Some((key.strip_prefix("userAttributes.")?, value)))
                    .collect();
                if let Some(error) = attributes
                    .iter()
                    .find_map(|(name, _)| super::attributes::check_name(name).err())
                {
                    return Err(checks.fail(
                        "attributes",
                        "an attribute outside the schema (a claim's name, or neither standard nor custom:); the session stays open",
                        error,
                    ));
                }
                let credential = self.credential(&username, new_password)?;
                self.challenges.remove(&request.session);
                let now = self.now;
                let user = self.user_mut(&username)?;
                user.credential = credential;
                user.status = UserStatus::Confirmed;
                user.temporary_password_expires_at = None;
                user.modified_at = now;
                for (name, value) in attributes {
                    user.attributes.insert(name.to_owned(), value.clone());
                }
                let due = self.users.get(&username).and_then(|u| self.mfa_due(u));
                if let Some(challenge) = due {
                    checks.pass(
                        "challenges",
                        format!(
                            "now CONFIRMED; MFA: {} before any token",
                            challenge.as_str()
                        ),
                    );
                    Ok((CheckOutcome::Challenge(challenge), signed_in))
                } else {
                    checks.pass(
                        "challenges",
                        "now CONFIRMED; none due: tokens can be issued",
                    );
                    Ok((CheckOutcome::Authenticated, signed_in))
                }
            }
            ChallengeName::SoftwareTokenMfa => {
                let code = parameter(
                    &request.challenge_responses,
                    "SOFTWARE_TOKEN_MFA_CODE",
                    checks,
                )?;
                let secret = self
                    .users
                    .get(&username)
                    .and_then(|u| u.totp_secret.clone());
                let accepted = secret
                    .as_ref()
                    .is_some_and(|secret| totp::accepts(secret, self.now, code));
                checks.require(
                    "TOTP code",
                    accepted,
                    "the authenticator's code for this 30 s step (±1 step)",
                    "not the authenticator's code at the pool clock (±1 step); the session stays open",
                    CognitoError::mfa_code_mismatch,
                )?;
                self.challenges.remove(&request.session);
                checks.pass("challenges", "none due: tokens can be issued");
                self.record_auth_event(&username, "SignIn", "Pass", vec![("Mfa", "Success")]);
                Ok((CheckOutcome::Authenticated, signed_in))
            }
            ChallengeName::SmsMfa
            | ChallengeName::EmailOtp
            | ChallengeName::SelectMfaType
            | ChallengeName::MfaSetup => {
                let challenge = request.challenge_name;
                let answer = self.answer_mfa(
                    &username,
                    challenge,
                    &request.session,
                    &request.challenge_responses,
                );
                let error = match answer {
                    Ok(answer) => {
                        self.challenges.remove(&request.session);
                        return Ok(
                            self.mfa_answered(&username, challenge, answer, signed_in, checks)
                        );
                    }
                    Err(error) => error,
                };
                if challenge != ChallengeName::SelectMfaType {
                    self.record_auth_event(&username, "SignIn", "Fail", vec![("Mfa", "Failure")]);
                }
                Err(checks.fail(mfa_check_name(challenge), mfa_failure(challenge), error))
            }
            ChallengeName::PasswordVerifier | ChallengeName::CustomChallenge => Err(
                CognitoError::internal("a session answer for a challenge without a session"),
            ),
        }
    }
}

impl UserPool {
    /// The checks after a right MFA answer: tokens, or (SELECT_MFA_TYPE) the chosen challenge.
    fn mfa_answered(
        &mut self,
        username: &str,
        challenge: ChallengeName,
        answer: MfaAnswer,
        signed_in: Subject,
        checks: &mut Checks,
    ) -> (CheckOutcome, Subject) {
        let detail = match challenge {
            ChallengeName::MfaSetup => "VerifySoftwareToken succeeded with this session",
            ChallengeName::SelectMfaType => "ANSWER is one of MFAS_CAN_CHOOSE",
            _ => "the code sent for this sign-in",
        };
        checks.pass(mfa_check_name(challenge), detail);
        match answer {
            MfaAnswer::Authenticated => {
                checks.pass("challenges", "none due: tokens can be issued");
                self.record_auth_event(username, "SignIn", "Pass", vec![("Mfa", "Success")]);
                (CheckOutcome::Authenticated, signed_in)
            }
            MfaAnswer::Challenge(next) => {
                checks.pass(
                    "challenges",
                    format!("the chosen factor: {}", next.as_str()),
                );
                (CheckOutcome::Challenge(next), signed_in)
            }
        }
    }
}

/// The name of the check an MFA answer gets.
fn mfa_check_name(challenge: ChallengeName) -> &'static str {
    match challenge {
        ChallengeName::MfaSetup => "authenticator set up",
        ChallengeName::SelectMfaType => "ANSWER",
        ChallengeName::SmsMfa => "SMS code",
        _ => "email code",
    }
}

/// Why an MFA answer failed, for its check.
fn mfa_failure(challenge: ChallengeName) -> &'static str {
    match challenge {
        ChallengeName::MfaSetup => "VerifySoftwareToken has not succeeded with this session",
        ChallengeName::SelectMfaType => "ANSWER is not one of MFAS_CAN_CHOOSE",
        _ => "not the code sent for this sign-in; the session stays open",
    }
}
