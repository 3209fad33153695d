//! Minting ID, access and refresh tokens with Cognito's claims (facts §3).

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use super::api::AuthenticationResult;
use super::config::AppClient;
use super::error::CognitoError;
use super::ids;
use super::keys::SigningKey;
use super::pool::UserPool;

/// The scope of access tokens from an API sign-in.
pub const ADMIN_SCOPE: &str = "aws.cognito.signin.user.admin";

/// An ID token's claims, in a readable order (Cognito's own order varies).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct IdClaims {
    /// The user's UUID.
    pub sub: String,
    /// `https://cognito-idp.{region}.amazonaws.com/{pool_id}`.
    pub iss: String,
    /// The app client id.
    pub aud: String,
    /// The username.
    #[serde(rename = "cognito:username")]
    pub cognito_username: String,
    /// `id`.
    pub token_use: String,
    /// When the user signed in (unchanged by refresh).
    pub auth_time: u64,
    /// Issued at.
    pub iat: u64,
    /// Expires at.
    pub exp: u64,
    /// This token's id.
    pub jti: String,
    /// The sign-in's id, shared by its ID, access and refreshed tokens.
    pub origin_jti: String,
    /// The authentication event (same in the ID and access token of one response).
    pub event_id: String,
    /// User attributes: `email`, `email_verified` (a JSON boolean), `name`, `custom:…`.
    #[serde(flatten)]
    pub attributes: BTreeMap<String, serde_json::Value>,
}

/// An access token's claims.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AccessClaims {
    /// The user's UUID.
    pub sub: String,
    /// The issuer.
    pub iss: String,
    /// The app client id (access tokens have no `aud`).
    pub client_id: String,
    /// `access`.
    pub token_use: String,
    /// `aws.cognito.signin.user.admin`.
    pub scope: String,
    /// When the user signed in.
    pub auth_time: u64,
    /// Issued at.
    pub iat: u64,
    /// Expires at.
    pub exp: u64,
    /// This token's id.
    pub jti: String,
    /// The sign-in's id.
    pub origin_jti: String,
    /// The authentication event.
    pub event_id: String,
    /// The username.
    pub username: String,
    /// The user's groups (absent when there are none).
    #[serde(
        rename = "cognito:groups",
        default,
        skip_serializing_if = "Vec::is_empty"
    )]
    pub groups: Vec<String>,
}

/// One sign-in and everything issued from it: its refresh token and the `origin_jti` its ID and
/// access tokens carry. Revoking it revokes all of them for Cognito's own APIs.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct TokenFamily {
    pub origin_jti: String,
    pub username: String,
    /// The app client that got the refresh token (only it may use it).
    pub client_id: String,
    pub auth_time: u64,
    pub refresh_expires_at: u64,
    pub revoked: bool,
    /// The OAuth scopes granted at the hosted UI (kept by refreshes); `None` for an API
    /// sign-in, whose access tokens carry only `aws.cognito.signin.user.admin`.
    pub scopes: Option<Vec<String>>,
}

/// What an OAuth sign-in adds to the tokens it mints.
#[derive(Debug, Clone, Copy, Default)]
pub(crate) struct Grant<'g> {
    /// The granted scopes (the access token's `scope`); `None`: an API sign-in.
    pub scopes: Option<&'g [String]>,
    /// The authorize request's `nonce`, copied into the ID token.
    pub nonce: Option<&'g str>,
}

impl UserPool {
    /// The sign-in a refresh token belongs to, if this pool issued it (whatever its state:
    /// the callers check expiry, revocation and client, each in its own words).
    pub(crate) fn refresh_family(&self, refresh_token: &str) -> Option<&TokenFamily> {
        let origin = self.refresh_tokens.get(refresh_token)?;
        self.families.get(origin)
    }

    /// [`UserPool::refresh_family`], to change (revoke) it.
    pub(crate) fn refresh_family_mut(&mut self, refresh_token: &str) -> Option<&mut TokenFamily> {
        let origin = self.refresh_tokens.get(refresh_token)?;
        self.families.get_mut(origin)
    }

    /// A new sign-in for `username` through app client `client_id` at the pool clock: a new
    /// family, a refresh token, and ID and access tokens.
    pub(crate) fn issue_tokens(
        &mut self,
        username: &str,
        auth_time: u64,
        client_id: &str,
    ) -> Result<AuthenticationResult, CognitoError> {
        let client = self.client(client_id)?;
        let origin_jti = ids::uuid_v4(&mut self.rng.next());
        let refresh_token = ids::refresh_token(&mut self.rng.next());
        let mut result = self.mint(username, &origin_jti, auth_time, &client)?;
        self.families.insert(
            origin_jti.clone(),
            TokenFamily {
                origin_jti: origin_jti.clone(),
                username: username.to_owned(),
                client_id: client.client_id.clone(),
                auth_time,
                refresh_expires_at: self.now + client.refresh_token_validity_secs,
                revoked: false,
                scopes: None,
            },
        );
        self.refresh_tokens
            .insert(refresh_token.clone(), origin_jti);
        result.refresh_token = Some(refresh_token);
        Ok(result)
    }

    /// ID and access tokens for an existing family (sign-in or refresh) through `client`; no
    /// refresh token. A family from the hosted UI keeps its scopes.
    pub(crate) fn mint(
        &mut self,
        username: &str,
        origin_jti: &str,
        auth_time: u64,
        client: &AppClient,
    ) -> Result<AuthenticationResult, CognitoError> {
        let scopes = self.families.get(origin_jti).and_then(|f| f.scopes.clone());
        let grant = Grant {
            scopes: scopes.as_deref(),
            nonce: None,
        };
        self.mint_with(username, origin_jti, auth_time, client, grant)
    }

    /// As [`Self::mint`], with what an OAuth sign-in adds: the granted scopes in the access
    /// token, and in the ID token the `nonce` and the `at_hash` of the access token beside it
    /// (so the access token is signed first).
    pub(crate) fn mint_with(
        &mut self,
        username: &str,
        origin_jti: &str,
        auth_time: u64,
        client: &AppClient,
        grant: Grant<'_>,
    ) -> Result<AuthenticationResult, CognitoError> {
        let keys = self.keys()?;
        let user = self
            .users
            .get(username)
            .ok_or_else(CognitoError::user_does_not_exist)?;
        let sub = user.sub.clone();
        // Each claim is written once: an attribute named like a claim is refused on the way in
        // (attributes::check_name), and skipped here too, so none can shadow a signed claim.
        let mut attributes: BTreeMap<String, serde_json::Value> = user
            .attributes
            .iter()
            .filter(|(name, _)| !super::attributes::is_claim(name))
            .map(|(name, value)| (name.clone(), claim_value(name, value)))
            .collect();
        let claims = self.group_claims(user);
        let mut groups = claims.groups.clone();
        let source = if self.families.contains_key(origin_jti) {
            "TokenGeneration_RefreshTokens"
        } else {
            "TokenGeneration_Authentication"
        };
        self.run_pre_token_generation(username, source, &mut attributes, &mut groups);
        if !groups.is_empty() {
            attributes.insert("cognito:groups".to_owned(), serde_json::json!(groups));
        }
        if !claims.roles.is_empty() {
            attributes.insert("cognito:roles".to_owned(), serde_json::json!(claims.roles));
        }
        if let Some(role) = claims.preferred_role {
            attributes.insert("cognito:preferred_role".to_owned(), serde_json::json!(role));
        }
        let iss = self.issuer();
        let event_id = ids::uuid_v4(&mut self.rng.next());
        let id_jti = ids::uuid_v4(&mut self.rng.next());
        let access_jti = ids::uuid_v4(&mut self.rng.next());
        let id = IdClaims {
            sub: sub.clone(),
            iss: iss.clone(),
            aud: client.client_id.clone(),
            cognito_username: username.to_owned(),
            token_use: "id".to_owned(),
            auth_time,
            iat: self.now,
            exp: self.now + client.id_token_validity_secs,
            jti: id_jti,
            origin_jti: origin_jti.to_owned(),
            event_id: event_id.clone(),
            attributes,
        };
        let access = AccessClaims {
            sub,
            iss,
            client_id: client.client_id.clone(),
            token_use: "access".to_owned(),
            scope: grant
                .scopes
                .map_or_else(|| ADMIN_SCOPE.to_owned(), |scopes| scopes.join(" ")),
            auth_time,
            iat: self.now,
            exp: self.now + client.access_token_validity_secs,
            jti: access_jti,
            origin_jti: origin_jti.to_owned(),
            event_id,
            username: username.to_owned(),
            groups,
        };
        let (id_token, access_token) = if grant.scopes.is_some() {
            let (access_token, cost) = keys.access.sign_costed("access token", &access);
            self.crypto_log.push(cost);
            let access_token = access_token?;
            let mut id = id;
            id.attributes.insert(
                "at_hash".to_owned(),
                serde_json::json!(super::oauth::at_hash(&access_token)),
            );
            if let Some(nonce) = grant.nonce {
                id.attributes
                    .insert("nonce".to_owned(), serde_json::json!(nonce));
            }
            let (id_token, cost) = keys.id.sign_costed("ID token", &id);
            self.crypto_log.push(cost);
            (id_token?, access_token)
        } else {
            // Two independent signatures: made at once, logged in this order.
            let ((id_token, id_cost), (access_token, access_cost)) = SigningKey::sign_costed_pair(
                (&keys.id, "ID token", &id),
                (&keys.access, "access token", &access),
            );
            self.crypto_log.push(id_cost);
            self.crypto_log.push(access_cost);
            (id_token?, access_token?)
        };
        Ok(AuthenticationResult {
            access_token,
            expires_in: client.access_token_validity_secs,
            token_type: "Bearer".to_owned(),
            refresh_token: None,
            id_token,
        })
    }

    /// Revokes every sign-in of `username` (GlobalSignOut, AdminDisableUser).
    pub(crate) fn revoke_all_families(&mut self, username: &str) {
        for family in self.families.values_mut() {
            if family.username == username {
                family.revoked = true;
            }
        }
    }
}

/// Attributes are strings, except the `*_verified` flags, which ID tokens carry as booleans.
fn claim_value(name: &str, value: &str) -> serde_json::Value {
    match (name, value) {
        ("email_verified" | "phone_number_verified", "true") => serde_json::Value::Bool(true),
        ("email_verified" | "phone_number_verified", "false") => serde_json::Value::Bool(false),
        _ => serde_json::Value::String(value.to_owned()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::cognito::{
        Argon2Params, ExplicitAuthFlow, InitiateAuthRequest, PoolConfig, SeedUser,
    };
    use base64::Engine;

    #[test]
    fn each_claim_is_written_once_whatever_the_stored_attributes() {
        let config = PoolConfig {
            explicit_auth_flows: vec![ExplicitAuthFlow::AllowUserPasswordAuth],
            argon2: Argon2Params::cheap_for_tests(),
            ..PoolConfig::default()
        };
        let mut pool = UserPool::new(config, 7, 1_768_467_600);
        pool.add_user(SeedUser::new("eve", "Correct-Horse-9").attribute("email", "e@example.com"))
            .unwrap();
        // Past the checks on the way in (as a stored user from an older mock could be).
        let attributes = &mut pool.users.get_mut("eve").unwrap().attributes;
        for claim in super::super::attributes::CLAIMS
            .iter()
            .chain(&["cognito:username"])
        {
            attributes.insert((*claim).to_owned(), "forged".to_owned());
        }
        let request =
            InitiateAuthRequest::user_password(pool.client_id(), "eve", "Correct-Horse-9");
        let tokens = pool
            .initiate_auth(request)
            .unwrap()
            .authentication_result
            .unwrap();
        for (token, claims) in [
            (
                &tokens.id_token,
                &[
                    "sub",
                    "iss",
                    "aud",
                    "token_use",
                    "cognito:username",
                    "exp",
                    "jti",
                ][..],
            ),
            (
                &tokens.access_token,
                &["sub", "iss", "client_id", "token_use", "scope", "username"][..],
            ),
        ] {
            let payload = token.split('.').nth(1).unwrap();
            let json = String::from_utf8(
                base64::engine::general_purpose::URL_SAFE_NO_PAD
                    .decode(payload)
                    .unwrap(),
            )
            .unwrap();
            for claim in claims {
                assert_eq!(
                    json.matches(&format!("\"{claim}\":")).count(),
                    1,
                    "{claim} in {json}"
                );
            }
            assert!(!json.contains("forged"), "{json}");
        }
    }
}
