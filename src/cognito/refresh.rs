//! Refreshing a sign-in: the checks every refresh makes (InitiateAuth's REFRESH_TOKEN_AUTH and
//! GetTokensFromRefreshToken), and GetTokensFromRefreshToken with refresh-token rotation.
//!
//! ```text
//!   refresh token ──known?──> same client? ──> unexpired? ──> not revoked? ──> not rotated out
//!                                                                              (or in grace)?
//!                                                                                   │
//!                 user enabled? <────────────────────────────────────────────────────┘
//!                      │
//!                      ▼
//!   new ID + access tokens (same auth_time, same origin_jti)
//!   + with RefreshTokenRotation ENABLED (GetTokensFromRefreshToken only): a new refresh
//!     token of the same sign-in; the one given works RetryGracePeriodSeconds more, then
//!     RefreshTokenReuseException
//! ```
//!
//! Sourced [BC]: the operation's members and errors, rotation ENABLED → a new refresh token,
//! the grace period 0-60 s, RefreshTokenReuseException for a token rotation invalidated.
//! Unsourced (decisions): the new refresh token belongs to the same sign-in (same
//! `origin_jti`, same expiry: rotation does not lengthen a sign-in); a token reused inside
//! its grace period rotates again; the messages of RefreshTokenReuseException and of a wrong
//! `ClientSecret`; InitiateAuth's REFRESH_TOKEN_AUTH is left working on a rotating client.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use super::ExplicitAuthFlow;
use super::api::AuthenticationResult;
use super::error::{CognitoError, Exception};
use super::ids;
use super::initiate_auth::Checks;
use super::pool::UserPool;
use super::tokens::TokenFamily;

/// GetTokensFromRefreshToken's request.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "PascalCase")]
pub struct GetTokensFromRefreshTokenRequest {
    /// The refresh token.
    pub refresh_token: String,
    /// The app client that got it.
    pub client_id: String,
    /// The client's secret itself (not a SECRET_HASH), for a client with one.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub client_secret: Option<String>,
    /// Device tracking is not simulated: accepted and ignored.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub device_key: Option<String>,
    /// For triggers; accepted and ignored, as by a pool without them.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub client_metadata: BTreeMap<String, String>,
}

/// GetTokensFromRefreshToken's response.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "PascalCase")]
pub struct GetTokensFromRefreshTokenResponse {
    /// New ID and access tokens, and a new refresh token when the client rotates them.
    pub authentication_result: AuthenticationResult,
}

impl UserPool {
    /// GetTokensFromRefreshToken.
    ///
    /// # Errors
    /// `ResourceNotFoundException` (client), `InvalidParameterException` (ALLOW_REFRESH_TOKEN_AUTH
    /// not enabled), `NotAuthorizedException` (secret; refresh token unknown, another client's,
    /// expired or revoked; user disabled), `RefreshTokenReuseException`.
    pub fn get_tokens_from_refresh_token(
        &mut self,
        request: GetTokensFromRefreshTokenRequest,
    ) -> Result<GetTokensFromRefreshTokenResponse, CognitoError> {
        Checks::collect(|checks| self.refresh_rotating(&request, checks)).1
    }

    fn refresh_rotating(
        &mut self,
        request: &GetTokensFromRefreshTokenRequest,
        checks: &mut Checks,
    ) -> Result<GetTokensFromRefreshTokenResponse, CognitoError> {
        let client = self.check_app_client(&request.client_id, checks)?;
        let flow = ExplicitAuthFlow::AllowRefreshTokenAuth;
        checks.require(
            "auth flow",
            client.allows(flow),
            format!("the client allows {}", flow.as_str()),
            format!("{} is not in the client's ExplicitAuthFlows", flow.as_str()),
            || CognitoError::flow_not_enabled("REFRESH_TOKEN_AUTH"),
        )?;
        if let Some(secret) = &client.secret {
            checks.require(
                "client secret",
                request.client_secret.as_deref() == Some(secret),
                "ClientSecret is the client's secret",
                if request.client_secret.is_none() {
                    "the app client has a secret, and no ClientSecret was sent"
                } else {
                    "ClientSecret is not the client's secret"
                },
                || {
                    CognitoError::new(
                        Exception::NotAuthorized,
                        format!("Unable to verify secret for client {}", client.client_id),
                    )
                },
            )?;
        }
        let family =
            self.check_refresh_family(&request.refresh_token, &client.client_id, checks)?;
        let mut result = self.mint(
            &family.username,
            &family.origin_jti,
            family.auth_time,
            &client,
        )?;
        if let Some(grace) = client.rotation_grace_secs() {
            let fresh = ids::refresh_token(&mut self.rng.next());
            self.refresh_tokens
                .insert(fresh.clone(), family.origin_jti.clone());
            let now = self.now;
            self.rotated_out
                .entry(request.refresh_token.clone())
                .or_insert(now + grace);
            checks.pass(
                "rotation",
                format!(
                    "the client rotates refresh tokens: a new one of the same sign-in; the one \
                     sent works {grace} s more"
                ),
            );
            result.refresh_token = Some(fresh);
        } else {
            checks.pass(
                "rotation",
                "the client does not rotate refresh tokens: no new refresh token",
            );
        }
        Ok(GetTokensFromRefreshTokenResponse {
            authentication_result: result,
        })
    }

    /// The checks every refresh makes on the refresh token sent to `client_id`, in order;
    /// the sign-in it belongs to when they pass.
    pub(crate) fn check_refresh_family(
        &self,
        token: &str,
        client_id: &str,
        checks: &mut Checks,
    ) -> Result<TokenFamily, CognitoError> {
        let Some(family) = self.refresh_family(token).cloned() else {
            return Err(checks.fail(
                "refresh token known",
                "the pool never issued this refresh token",
                CognitoError::invalid_refresh_token(),
            ));
        };
        // Another client's refresh token: the same answer as an unknown one (unsourced).
        checks.require(
            "refresh token known",
            family.client_id == client_id,
            format!("sign-in {}", family.origin_jti),
            format!("issued to app client {}, not {client_id}", family.client_id),
            CognitoError::invalid_refresh_token,
        )?;
        checks.require(
            "refresh token unexpired",
            self.now < family.refresh_expires_at,
            format!(
                "valid until {}",
                crate::calendar::time_beside(family.refresh_expires_at, self.now)
            ),
            format!(
                "expired at {}, {} ago",
                crate::calendar::time_beside(family.refresh_expires_at, self.now),
                crate::calendar::span_words(self.now.saturating_sub(family.refresh_expires_at))
            ),
            CognitoError::refresh_token_expired,
        )?;
        checks.require(
            "refresh token not revoked",
            !family.revoked,
            "not revoked",
            "revoked by GlobalSignOut, RevokeToken or AdminDisableUser",
            CognitoError::refresh_token_revoked,
        )?;
        if let Some(&until) = self.rotated_out.get(token) {
            checks.require(
                "refresh token not rotated out",
                self.now < until,
                format!(
                    "rotated out, still inside the client's grace period (until {})",
                    crate::calendar::time_beside(until, self.now)
                ),
                format!(
                    "rotated out: a newer refresh token replaced it, and its grace period \
                     ended at {}",
                    crate::calendar::time_beside(until, self.now)
                ),
                || {
                    CognitoError::new(
                        Exception::RefreshTokenReuse,
                        "Refresh token has been rotated out and can no longer be used.",
                    )
                },
            )?;
        }
        let enabled = self.users.get(&family.username).is_some_and(|u| u.enabled);
        checks.require(
            "user enabled",
            enabled,
            "the user is enabled",
            "the user is disabled",
            CognitoError::user_disabled,
        )?;
        Ok(family)
    }
}
