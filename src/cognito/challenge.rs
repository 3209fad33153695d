//! RespondToAuthChallenge: NEW_PASSWORD_REQUIRED and SOFTWARE_TOKEN_MFA.

use std::collections::BTreeMap;

use super::api::{
    ChallengeName, InitiateAuthResponse, RespondToAuthChallengeRequest,
    RespondToAuthChallengeResponse,
};
use super::error::{CognitoError, Exception};
use super::pool::UserPool;
use super::totp;
use super::user::UserStatus;

fn response<'r>(
    request: &'r RespondToAuthChallengeRequest,
    name: &str,
) -> Result<&'r str, CognitoError> {
    match request.challenge_responses.get(name).map(String::as_str) {
        Some(value) if !value.is_empty() => Ok(value),
        _ => Err(CognitoError::missing_parameter(name)),
    }
}

impl UserPool {
    /// RespondToAuthChallenge.
    ///
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
    /// auth state for the user.`, `NotAuthorizedException: User is disabled.`
    pub fn respond_to_auth_challenge(
        &mut self,
        request: RespondToAuthChallengeRequest,
    ) -> Result<RespondToAuthChallengeResponse, CognitoError> {
        self.check_client(&request.client_id)?;
        let Some(session) = self.challenges.get(&request.session).cloned() else {
            return Err(CognitoError::invalid_session());
        };
        if self.now >= session.expires_at {
            self.challenges.remove(&request.session);
            return Err(CognitoError::session_expired());
        }
        if session.challenge != request.challenge_name {
            return Err(CognitoError::invalid_session());
        }
        if response(&request, "USERNAME")? != session.username {
            return Err(CognitoError::invalid_session());
        }
        let username = session.username;
        if !self.users.get(&username).is_some_and(|u| u.enabled) {
            return Err(CognitoError::user_disabled());
        }
        match request.challenge_name {
            ChallengeName::NewPasswordRequired => {
                let new_password = response(&request, "NEW_PASSWORD")?;
                self.config.password_policy.check(new_password)?;
                let hash = self.hash(new_password)?;
                self.challenges.remove(&request.session);
                let now = self.now;
                let user = self.user_mut(&username)?;
                user.password_hash = hash;
                user.status = UserStatus::Confirmed;
                user.temporary_password_expires_at = None;
                user.modified_at = now;
                for (key, value) in &request.challenge_responses {
                    if let Some(name) = key.strip_prefix("userAttributes.")
                        && name != "sub"
                    {
                        user.attributes.insert(name.to_owned(), value.clone());
                    }
                }
                if user.totp_secret.is_some() {
                    self.open_challenge(&username, ChallengeName::SoftwareTokenMfa)
                } else {
                    self.tokens_response(&username)
                }
            }
            ChallengeName::SoftwareTokenMfa => {
                let code = response(&request, "SOFTWARE_TOKEN_MFA_CODE")?;
                let secret = self
                    .users
                    .get(&username)
                    .and_then(|u| u.totp_secret.clone())
                    .ok_or_else(CognitoError::mfa_code_mismatch)?;
                if !totp::accepts(&secret, self.now, code) {
                    return Err(CognitoError::mfa_code_mismatch());
                }
                self.challenges.remove(&request.session);
                self.tokens_response(&username)
            }
            ChallengeName::SmsMfa
            | ChallengeName::SelectMfaType
            | ChallengeName::MfaSetup
            | ChallengeName::PasswordVerifier
            | ChallengeName::CustomChallenge => Err(CognitoError::new(
                Exception::InvalidParameter,
                format!(
                    "{} is not simulated by this mock user pool",
                    request.challenge_name.as_str()
                ),
            )),
        }
    }

    /// Tokens for a user who has just completed authentication (auth_time = now).
    fn tokens_response(&mut self, username: &str) -> Result<InitiateAuthResponse, CognitoError> {
        let result = self.issue_tokens(username, self.now)?;
        Ok(InitiateAuthResponse {
            authentication_result: Some(result),
            challenge_name: None,
            session: None,
            challenge_parameters: BTreeMap::new(),
        })
    }
}
