//! Calls that present a token to Cognito: GetUser, GlobalSignOut, RevokeToken.
//!
//! Unlike an app's offline check ([`super::verify_token`]), Cognito knows which sign-ins were
//! revoked: a revoked access token is refused here while it still verifies offline until `exp`.

use super::api::{
    AccessTokenRequest, AttributeType, ChangePasswordRequest, EmptyResponse, GetUserResponse,
    RevokeTokenRequest, UserType,
};
use sha2::{Digest, Sha256};

use super::cost::{CryptoCost, timed};
use super::error::{CognitoError, Exception};
use super::pool::UserPool;
use super::user::User;
use super::validation::{self, Validation};
use super::verify::decode_unverified;

/// `PreferredMfaSetting` and `UserMFASettingList` of GetUser / AdminGetUser.
pub(crate) fn mfa_settings(user: &User) -> (Option<String>, Option<Vec<String>>) {
    UserPool::mfa_settings_of(user)
}

/// A user as admin calls and ListUsers describe it.
pub(crate) fn user_type(user: &User) -> UserType {
    UserType {
        username: user.username.clone(),
        attributes: attribute_types(user),
        user_create_date: user.created_at,
        user_last_modified_date: user.modified_at,
        enabled: user.enabled,
        user_status: user.status,
    }
}

/// Attributes as `{Name, Value}`, `sub` first.
pub(crate) fn attribute_types(user: &User) -> Vec<AttributeType> {
    user.attribute_list()
        .into_iter()
        .map(|(name, value)| AttributeType { name, value })
        .collect()
}

/// How many verified access tokens a pool remembers (32 bytes each) before starting over.
const VERIFIED_TOKENS_KEPT: usize = 16_384;

impl UserPool {
    /// Checks an access token the way Cognito's own APIs do: signature with the pool's access
    /// key, then expiry by the pool clock, then revocation, then the scope the user APIs need
    /// (a hosted-UI token without `aws.cognito.signin.user.admin` is refused). Returns the
    /// username.
    pub(crate) fn authorize(&mut self, access_token: &str) -> Result<String, CognitoError> {
        let (username, scopes) = self.verified_access(access_token)?;
        if scopes.iter().any(|s| s == super::ADMIN_SCOPE) {
            Ok(username)
        } else {
            Err(CognitoError::new(
                Exception::NotAuthorized,
                "Access Token does not have required scopes",
            ))
        }
    }

    /// The checks of [`Self::authorize`] before the scope: the username and the token's scopes.
    pub(crate) fn verified_access(
        &mut self,
        access_token: &str,
    ) -> Result<(String, Vec<String>), CognitoError> {
        let keys = self.keys()?;
        let (header, claims) =
            decode_unverified(access_token).ok_or_else(CognitoError::invalid_access_token)?;
        let ours = header.get("alg").and_then(|a| a.as_str()) == Some("RS256")
            && header.get("kid").and_then(|k| k.as_str()) == Some(keys.access.kid());
        if !ours {
            return Err(CognitoError::invalid_access_token());
        }
        // A signature over the same bytes with the same key verifies the same every time, so
        // a token verified once is not verified again: the answer is Cognito's either way, and
        // a served pool answers GetUser at thousands per second instead of RSA's pace.
        let digest: [u8; 32] = Sha256::digest(access_token.as_bytes()).into();
        let verified = if self.verified_tokens.contains(&digest) {
            self.crypto_log.push(CryptoCost {
                operation: "RS256 verify".to_owned(),
                params: "access token (this exact token verified before: remembered)".to_owned(),
                elapsed: std::time::Duration::ZERO,
            });
            true
        } else {
            let (verified, cost) = timed("RS256 verify", "access token", || {
                access_token
                    .rsplit_once('.')
                    .is_some_and(|(message, signature)| {
                        keys.access.verify_signature(message, signature)
                    })
            });
            self.crypto_log.push(cost);
            if verified {
                if self.verified_tokens.len() >= VERIFIED_TOKENS_KEPT {
                    self.verified_tokens.clear();
                }
                self.verified_tokens.insert(digest);
            }
            verified
        };
        let claim = |name: &str| claims.get(name).and_then(|v| v.as_str());
        if !verified
            || claim("token_use") != Some("access")
            || claim("client_id").is_none_or(|id| self.app_client(id).is_none())
            || claim("iss") != Some(self.issuer().as_str())
        {
            return Err(CognitoError::invalid_access_token());
        }
        let exp = claims.get("exp").and_then(serde_json::Value::as_u64);
        if exp.is_none_or(|exp| self.now >= exp) {
            return Err(CognitoError::access_token_expired());
        }
        let family = claim("origin_jti")
            .and_then(|origin| self.families.get(origin))
            .ok_or_else(CognitoError::invalid_access_token)?;
        if family.revoked {
            return Err(CognitoError::access_token_revoked());
        }
        let username = family.username.clone();
        let scopes = claim("scope")
            .unwrap_or_default()
            .split(' ')
            .filter(|s| !s.is_empty())
            .map(str::to_owned)
            .collect();
        match self.users.get(&username) {
            None => Err(CognitoError::invalid_access_token()),
            Some(user) if !user.enabled => Err(CognitoError::user_disabled()),
            Some(_) => Ok((username, scopes)),
        }
    }

    /// GetUser: the signed-in user's attributes ("call an API with the access token").
    ///
    /// # Errors
    /// `NotAuthorizedException` with `Invalid Access Token`, `Access Token has expired` or
    /// `Access Token has been revoked`.
    pub fn get_user(
        &mut self,
        request: AccessTokenRequest,
    ) -> Result<GetUserResponse, CognitoError> {
        let username = self.authorize(&request.access_token)?;
        let user = self
            .users
            .get(&username)
            .ok_or_else(CognitoError::invalid_access_token)?;
        let (preferred_mfa_setting, user_mfa_setting_list) = mfa_settings(user);
        Ok(GetUserResponse {
            username,
            user_attributes: attribute_types(user),
            preferred_mfa_setting,
            user_mfa_setting_list,
        })
    }

    /// ChangePassword: the signed-in user replaces their password. The current one is checked
    /// with argon2id (a wrong one: `NotAuthorizedException: Incorrect username or password.`,
    /// which does not count towards the sign-in lockout in this mock: unsourced), then the
    /// policy. Existing sign-ins stay valid.
    ///
    /// # Errors
    /// As [`UserPool::get_user`], `NotAuthorizedException`, `InvalidPasswordException`.
    pub fn change_password(
        &mut self,
        request: ChangePasswordRequest,
    ) -> Result<EmptyResponse, CognitoError> {
        Validation::default()
            .member(
                "previousPassword",
                &validation::PASSWORD,
                Some(&request.previous_password),
            )
            .member(
                "proposedPassword",
                &validation::PASSWORD,
                Some(&request.proposed_password),
            )
            .done()?;
        let username = self.authorize(&request.access_token)?;
        let phc = self.user_mut(&username)?.credential.phc()?.to_owned();
        if !self.verify(&phc, &request.previous_password, "argon2id verify")? {
            return Err(CognitoError::incorrect_credentials());
        }
        self.set_password(&username, &request.proposed_password)?;
        Ok(EmptyResponse {})
    }

    /// DeleteUser: the signed-in user deletes themselves (as AdminDeleteUser does).
    ///
    /// # Errors
    /// As [`UserPool::get_user`].
    pub fn delete_user(
        &mut self,
        request: AccessTokenRequest,
    ) -> Result<EmptyResponse, CognitoError> {
        let username = self.authorize(&request.access_token)?;
        self.delete_user_named(&username)?;
        Ok(EmptyResponse {})
    }

    /// GlobalSignOut: revokes every refresh token of the user and, for Cognito's APIs, every
    /// access token issued with them. Offline verification still accepts those tokens until
    /// `exp`.
    ///
    /// # Errors
    /// As [`UserPool::get_user`].
    pub fn global_sign_out(
        &mut self,
        request: AccessTokenRequest,
    ) -> Result<EmptyResponse, CognitoError> {
        let username = self.authorize(&request.access_token)?;
        self.revoke_all_families(&username);
        Ok(EmptyResponse {})
    }

    /// RevokeToken: revokes one refresh token and the access tokens issued from it (same
    /// `origin_jti`); the user's other sign-ins are unaffected. As OAuth's revocation endpoint
    /// does (RFC 7009), an unknown or already revoked refresh token is answered with success.
    ///
    /// # Errors
    /// `ResourceNotFoundException` for another client id, `UnsupportedTokenTypeException` for
    /// an ID or access token.
    pub fn revoke_token(
        &mut self,
        request: RevokeTokenRequest,
    ) -> Result<EmptyResponse, CognitoError> {
        self.client(&request.client_id)?;
        if decode_unverified(&request.token).is_some() {
            return Err(CognitoError::new(
                Exception::UnsupportedTokenType,
                "Only refresh tokens can be revoked",
            ));
        }
        if let Some(family) = self.refresh_family_mut(&request.token) {
            family.revoked = true;
        }
        Ok(EmptyResponse {})
    }
}
