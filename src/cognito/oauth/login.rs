//! `POST /login`: the hosted sign-in page checks the password with the pool's own sign-in
//! checks (lockout, PreventUserExistenceErrors, argon2id), answers NEW_PASSWORD_REQUIRED and
//! SOFTWARE_TOKEN_MFA on pages of its own, and ends in a redirect: a code in the query, or the
//! implicit flow's tokens in the fragment.

use std::collections::BTreeMap;

use serde::Serialize;

use super::super::Check;
use super::super::api::{
    AuthFlow, ChallengeName, InitiateAuthRequest, RespondToAuthChallengeRequest,
};
use super::super::error::{CognitoError, Exception};
use super::super::ids;
use super::super::initiate_auth::{CheckOutcome, Checks, Subject};
use super::super::pool::UserPool;
use super::super::tokens::Grant;
use super::{Authorization, AuthorizationCode, CODE_VALIDITY_SECS, ResponseType, with_parameters};

/// What the learner typed on a hosted page.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub enum LoginAnswer {
    /// The sign-in form.
    Password {
        /// As typed.
        username: String,
        /// As typed.
        password: String,
    },
    /// The "choose a new password" page (NEW_PASSWORD_REQUIRED).
    NewPassword {
        /// The challenge's session, carried in the page's form.
        session: String,
        /// As typed.
        new_password: String,
    },
    /// The "enter the code from your authenticator" page (SOFTWARE_TOKEN_MFA).
    Totp {
        /// The challenge's session.
        session: String,
        /// As typed.
        code: String,
    },
}

/// Where a sign-in on the hosted pages got to.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub enum LoginResult {
    /// Done: send the browser here (302), with the code (or the implicit tokens).
    Redirect {
        /// The `Location`.
        location: String,
        /// The authorization code, for the code flow.
        code: Option<String>,
    },
    /// Another page first.
    Challenge {
        /// NEW_PASSWORD_REQUIRED or SOFTWARE_TOKEN_MFA.
        name: ChallengeName,
        /// Carried in that page's form.
        session: String,
    },
}

/// One submitted hosted page: the checks, and what follows.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LoginAttempt {
    /// The checks, in order (the same as InitiateAuth's for a password).
    pub checks: Vec<Check>,
    /// What the browser is shown next, or the error shown on the page.
    pub result: Result<LoginResult, CognitoError>,
    /// After a sign-in: the value of the hosted UI's sign-in cookie, so this browser's next
    /// authorize skips the form (`cookie.rs`).
    pub cookie: Option<String>,
}

impl UserPool {
    /// Checks what was typed on a hosted page for `authorization` (from
    /// [`UserPool::oauth_authorize`]), as the sign-in API would, and says what follows.
    pub fn hosted_login(
        &mut self,
        authorization: &Authorization,
        answer: &LoginAnswer,
    ) -> LoginAttempt {
        let mut checks = Checks::default();
        let checked = self.check_login(authorization, answer, &mut checks);
        let mut signed_in = None;
        let result = checked.and_then(|(outcome, subject)| {
            if let (
                CheckOutcome::Authenticated,
                Subject::SignIn {
                    username,
                    auth_time,
                },
            ) = (&outcome, &subject)
            {
                signed_in = Some((username.clone(), *auth_time));
            }
            self.after_login(authorization, outcome, subject, &mut checks)
        });
        let cookie = match (&result, signed_in) {
            (Ok(LoginResult::Redirect { .. }), Some((username, auth_time))) => {
                Some(self.remember_sign_in(&username, auth_time))
            }
            _ => None,
        };
        LoginAttempt {
            checks: checks.into_list(),
            result,
            cookie,
        }
    }

    fn check_login(
        &mut self,
        authorization: &Authorization,
        answer: &LoginAnswer,
        checks: &mut Checks,
    ) -> Result<(CheckOutcome, Subject), CognitoError> {
        let client_id = authorization.client_id.clone();
        // The hosted UI is Cognito itself: it holds the client's secret and needs no hash
        // from the browser, so it adds the one the API would want.
        let with_secret = |pool: &Self, username: &str, mut map: BTreeMap<String, String>| {
            if let Some(secret) = pool.secret_of(&client_id) {
                map.insert(
                    "SECRET_HASH".to_owned(),
                    super::super::secret_hash(secret, username, &client_id),
                );
            }
            map
        };
        match answer {
            LoginAnswer::Password { username, password } => {
                let parameters = BTreeMap::from([
                    ("USERNAME".to_owned(), username.clone()),
                    ("PASSWORD".to_owned(), password.clone()),
                ]);
                let request = InitiateAuthRequest {
                    auth_flow: AuthFlow::UserPasswordAuth,
                    client_id: client_id.clone(),
                    auth_parameters: with_secret(self, username, parameters),
                };
                self.check_password(&request, checks)
            }
            LoginAnswer::NewPassword {
                session,
                new_password,
            } => {
                let (name, value) = ("NEW_PASSWORD", new_password);
                self.check_login_answer(
                    ChallengeName::NewPasswordRequired,
                    session,
                    name,
                    value,
                    checks,
                )
            }
            LoginAnswer::Totp { session, code } => self.check_login_answer(
                ChallengeName::SoftwareTokenMfa,
                session,
                "SOFTWARE_TOKEN_MFA_CODE",
                code,
                checks,
            ),
        }
    }

    /// A challenge page's answer, checked as RespondToAuthChallenge checks it.
    fn check_login_answer(
        &mut self,
        challenge: ChallengeName,
        session: &str,
        name: &str,
        value: &str,
        checks: &mut Checks,
    ) -> Result<(CheckOutcome, Subject), CognitoError> {
        let username = self
            .challenges
            .get(session)
            .map(|s| s.username.clone())
            .unwrap_or_default();
        let client_id = self
            .challenges
            .get(session)
            .map(|s| s.client_id.clone())
            .unwrap_or_default();
        let mut responses = BTreeMap::from([
            ("USERNAME".to_owned(), username.clone()),
            (name.to_owned(), value.to_owned()),
        ]);
        if let Some(secret) = self.secret_of(&client_id) {
            responses.insert(
                "SECRET_HASH".to_owned(),
                super::super::secret_hash(secret, &username, &client_id),
            );
        }
        let request = RespondToAuthChallengeRequest {
            client_id,
            challenge_name: challenge,
            session: session.to_owned(),
            challenge_responses: responses,
        };
        self.check_answer(&request, checks)
    }

    /// What follows the checks: a code (or implicit tokens) and the redirect, or a challenge
    /// page with a session.
    pub(super) fn after_login(
        &mut self,
        authorization: &Authorization,
        outcome: CheckOutcome,
        subject: Subject,
        checks: &mut Checks,
    ) -> Result<LoginResult, CognitoError> {
        let Subject::SignIn {
            username,
            auth_time,
        } = subject
        else {
            return Err(CognitoError::internal("a hosted sign-in without a user"));
        };
        match outcome {
            CheckOutcome::Rejected(error) => Err(error),
            CheckOutcome::Challenge(
                name @ (ChallengeName::NewPasswordRequired | ChallengeName::SoftwareTokenMfa),
            ) => {
                let opened = self.open_challenge(&username, name, &authorization.client_id)?;
                let session = opened.session.unwrap_or_default();
                Ok(LoginResult::Challenge { name, session })
            }
            CheckOutcome::Challenge(other) => Err(checks.fail(
                "hosted pages",
                format!(
                    "{}: this mock's hosted pages answer NEW_PASSWORD_REQUIRED and SOFTWARE_TOKEN_MFA only; set it up through the API first",
                    other.as_str()
                ),
                CognitoError::new(
                    Exception::InvalidParameter,
                    format!("{} is not offered on the hosted pages of this mock", other.as_str()),
                ),
            )),
            CheckOutcome::Authenticated => match authorization.response_type {
                ResponseType::Code => {
                    let code = self.issue_code(authorization, &username, auth_time);
                    checks.pass(
                        "authorization code",
                        format!("issued, single use, valid {CODE_VALIDITY_SECS} s"),
                    );
                    let mut pairs = vec![("code", code.as_str())];
                    if let Some(state) = authorization.state.as_deref() {
                        pairs.push(("state", state));
                    }
                    Ok(LoginResult::Redirect {
                        location: with_parameters(&authorization.redirect_uri, &pairs, false),
                        code: Some(code),
                    })
                }
                ResponseType::Token => {
                    let tokens = self.issue_oauth_tokens(
                        &username,
                        auth_time,
                        &authorization.client_id,
                        &authorization.scopes,
                        authorization.nonce.as_deref(),
                        false,
                    )?;
                    checks.pass(
                        "implicit tokens",
                        "in the fragment, never sent to a server; no refresh token",
                    );
                    let expires = tokens.expires_in.to_string();
                    let mut pairs = vec![("access_token", tokens.access_token.as_str())];
                    if authorization.scopes.iter().any(|s| s == "openid") {
                        pairs.push(("id_token", tokens.id_token.as_str()));
                    }
                    pairs.extend([("token_type", "Bearer"), ("expires_in", expires.as_str())]);
                    if let Some(state) = authorization.state.as_deref() {
                        pairs.push(("state", state));
                    }
                    Ok(LoginResult::Redirect {
                        location: with_parameters(&authorization.redirect_uri, &pairs, true),
                        code: None,
                    })
                }
            },
        }
    }

    /// A new authorization code bound to everything authorize granted.
    fn issue_code(
        &mut self,
        authorization: &Authorization,
        username: &str,
        auth_time: u64,
    ) -> String {
        let code = ids::uuid_v4(&mut self.oauth_rng.next());
        self.oauth_codes.insert(
            code.clone(),
            AuthorizationCode {
                client_id: authorization.client_id.clone(),
                redirect_uri: authorization.redirect_uri.clone(),
                scopes: authorization.scopes.clone(),
                nonce: authorization.nonce.clone(),
                code_challenge: authorization.code_challenge.clone(),
                username: username.to_owned(),
                auth_time,
                expires_at: self.now + CODE_VALIDITY_SECS,
                spent: false,
                family: None,
            },
        );
        code
    }

    /// A sign-in from the hosted UI: a token family that keeps `scopes`, ID and access tokens
    /// with them (and `nonce`, `at_hash`), and a refresh token when `with_refresh` (never for
    /// the implicit flow).
    pub(crate) fn issue_oauth_tokens(
        &mut self,
        username: &str,
        auth_time: u64,
        client_id: &str,
        scopes: &[String],
        nonce: Option<&str>,
        with_refresh: bool,
    ) -> Result<super::super::AuthenticationResult, CognitoError> {
        let client = self.client(client_id)?;
        let origin_jti = ids::uuid_v4(&mut self.rng.next());
        let grant = Grant {
            scopes: Some(scopes),
            nonce,
        };
        let mut result = self.mint_with(username, &origin_jti, auth_time, &client, grant)?;
        self.families.insert(
            origin_jti.clone(),
            super::super::tokens::TokenFamily {
                origin_jti: origin_jti.clone(),
                username: username.to_owned(),
                client_id: client.client_id.clone(),
                auth_time,
                refresh_expires_at: self.now + client.refresh_token_validity_secs,
                revoked: false,
                scopes: Some(scopes.to_vec()),
            },
        );
        if with_refresh {
            let refresh_token = ids::refresh_token(&mut self.rng.next());
            self.refresh_tokens
                .insert(refresh_token.clone(), origin_jti);
            result.refresh_token = Some(refresh_token);
        }
        Ok(result)
    }
}
