//! `POST /oauth2/token` (authorization_code with PKCE, refresh_token, client_credentials) and
//! `POST /oauth2/revoke`, with OAuth's error codes (hosted-ui.md §4, §5).

use serde::{Deserialize, Serialize};
use serde_json::{Value, json};

use super::super::error::{CognitoError, Exception};
use super::super::ids;
use super::super::initiate_auth::Checks;
use super::super::pool::UserPool;
use super::super::verify::decode_unverified;
use super::super::{AppClient, Check, ExplicitAuthFlow};
use super::{OAuthFlow, ScopeKind, constant_time_eq, oauth_error, s256, scope_kind};

/// The form of a token (or revoke) request, plus the HTTP Basic credentials when sent.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct TokenRequest {
    /// `authorization_code`, `refresh_token` or `client_credentials`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub grant_type: Option<String>,
    /// The authorization code.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub code: Option<String>,
    /// Must equal the authorize request's.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub redirect_uri: Option<String>,
    /// The app client (`client_secret_post` or a public client).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub client_id: Option<String>,
    /// `client_secret_post`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub client_secret: Option<String>,
    /// PKCE: what the challenge was made from.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub code_verifier: Option<String>,
    /// For `refresh_token`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub refresh_token: Option<String>,
    /// For `client_credentials`: custom scopes, space-separated.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub scope: Option<String>,
    /// For `/oauth2/revoke`: the refresh token.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub token: Option<String>,
    /// `client_secret_basic`: (client id, secret) from `Authorization: Basic`.
    #[serde(skip)]
    pub basic: Option<(String, String)>,
}

/// What the token (or revoke) endpoint found.
#[derive(Debug, Clone, PartialEq)]
pub struct TokenAnswer {
    /// The checks, in order.
    pub checks: Vec<Check>,
    /// The JSON body of a success, or the OAuth error.
    pub result: Result<Value, CognitoError>,
}

impl From<(Vec<Check>, Result<Value, CognitoError>)> for TokenAnswer {
    fn from((checks, result): (Vec<Check>, Result<Value, CognitoError>)) -> Self {
        TokenAnswer { checks, result }
    }
}

/// A client-credentials access token's claims (no user: `sub` is the client).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ClientCredentials {
    /// The client id.
    pub sub: String,
    /// `access`.
    pub token_use: String,
    /// The custom scopes granted.
    pub scope: String,
    /// Issued at (the grant's time).
    pub auth_time: u64,
    /// The pool's issuer.
    pub iss: String,
    /// Expires at.
    pub exp: u64,
    /// Issued at.
    pub iat: u64,
    /// 2, as Cognito writes it.
    pub version: u32,
    /// This token's id.
    pub jti: String,
    /// The client id.
    pub client_id: String,
}

impl UserPool {
    /// `POST /oauth2/token`.
    pub fn oauth_token(&mut self, request: &TokenRequest) -> TokenAnswer {
        Checks::collect(|checks| self.token_grant(request, checks)).into()
    }

    fn token_grant(
        &mut self,
        request: &TokenRequest,
        checks: &mut Checks,
    ) -> Result<Value, CognitoError> {
        let grant = request.grant_type.as_deref().unwrap_or_default();
        let known = ["authorization_code", "refresh_token", "client_credentials"];
        if grant.is_empty() {
            return Err(checks.fail(
                "grant_type",
                "grant_type is missing",
                oauth_error(Exception::OAuthInvalidRequest, "grant_type is missing"),
            ));
        }
        checks.require(
            "grant_type",
            known.contains(&grant),
            grant.to_owned(),
            format!("`{grant}` is none of {}", known.join(", ")),
            || {
                oauth_error(
                    Exception::OAuthUnsupportedGrantType,
                    "unsupported grant_type",
                )
            },
        )?;
        let client = self.authenticate_client(request, checks)?;
        match grant {
            "authorization_code" => self.redeem_code(request, &client, checks),
            "refresh_token" => self.refresh_grant(request, &client, checks),
            _ => self.client_credentials(request, &client, checks),
        }
    }

    /// Who is asking: HTTP Basic or the form, and the secret when the client has one.
    pub(crate) fn authenticate_client(
        &self,
        request: &TokenRequest,
        checks: &mut Checks,
    ) -> Result<AppClient, CognitoError> {
        let invalid_client = |d: &str| oauth_error(Exception::OAuthInvalidClient, d);
        let (client_id, secret, how) = match (&request.basic, &request.client_secret) {
            (Some(_), Some(_)) => {
                return Err(checks.fail(
                    "client authentication",
                    "a secret both in the Authorization header and in the form: one method only",
                    oauth_error(
                        Exception::OAuthInvalidRequest,
                        "more than one client authentication method",
                    ),
                ));
            }
            (Some((id, secret)), None) => {
                if request.client_id.as_deref().is_some_and(|form| form != id) {
                    return Err(checks.fail(
                        "client authentication",
                        "client_id in the form differs from the one in the Authorization header",
                        invalid_client("client_id mismatch"),
                    ));
                }
                (
                    id.clone(),
                    Some(secret.clone()),
                    "HTTP Basic (client_secret_basic)",
                )
            }
            (None, secret) => (
                request.client_id.clone().unwrap_or_default(),
                secret.clone(),
                "the form (client_secret_post)",
            ),
        };
        let secret = secret.filter(|s| !s.is_empty());
        let client = self.app_client(&client_id).cloned();
        let Some(client) = client else {
            return Err(checks.fail(
                "client authentication",
                if client_id.is_empty() {
                    "no client_id, in the form or in an Authorization header".to_owned()
                } else {
                    format!("no app client {client_id} in this pool")
                },
                invalid_client("invalid client"),
            ));
        };
        match (client.secret.as_deref(), secret.as_deref()) {
            (None, None) => checks.pass(
                "client authentication",
                format!("public client {client_id}: no secret (PKCE protects its codes)"),
            ),
            (Some(_), None) => {
                return Err(checks.fail(
                    "client authentication",
                    "the client has a secret, and none was sent",
                    invalid_client("client secret missing"),
                ));
            }
            (None, Some(_)) => {
                return Err(checks.fail(
                    "client authentication",
                    "a secret was sent for a public client, which has none",
                    invalid_client("invalid client secret"),
                ));
            }
            (Some(expected), Some(given)) => checks.require(
                "client authentication",
                constant_time_eq(expected, given),
                format!("client {client_id}: the secret matches, sent in {how}"),
                format!("client {client_id}: the secret sent in {how} is not the client's"),
                || invalid_client("invalid client secret"),
            )?,
        }
        Ok(client)
    }

    /// The authorization_code grant: the code, the redirect URI, PKCE, then tokens.
    fn redeem_code(
        &mut self,
        request: &TokenRequest,
        client: &AppClient,
        checks: &mut Checks,
    ) -> Result<Value, CognitoError> {
        let unauthorized = || {
            oauth_error(
                Exception::OAuthUnauthorizedClient,
                "the client is not allowed the authorization code flow",
            )
        };
        checks.require(
            "flow allowed",
            client.oauth.allows(OAuthFlow::Code),
            "the client allows the code flow",
            "code is not in the client's AllowedOAuthFlows",
            unauthorized,
        )?;
        let missing =
            |name: &str| oauth_error(Exception::OAuthInvalidRequest, format!("{name} is missing"));
        let Some(code) = request.code.as_deref().filter(|c| !c.is_empty()) else {
            return Err(checks.fail("request parameters", "code is missing", missing("code")));
        };
        let Some(redirect_uri) = request.redirect_uri.as_deref() else {
            return Err(checks.fail(
                "request parameters",
                "redirect_uri is missing",
                missing("redirect_uri"),
            ));
        };
        checks.pass("request parameters", "code and redirect_uri present");
        let invalid_grant = |d: &str| oauth_error(Exception::OAuthInvalidGrant, d);
        let now = self.now;
        let Some(found) = self.oauth_codes.get_mut(code) else {
            return Err(checks.fail(
                "code",
                "the pool never issued this code",
                invalid_grant("invalid code"),
            ));
        };
        if found.spent {
            // RFC 6749 §4.1.2: a code that comes back may have been stolen, so what its first
            // use got is revoked too (Cognito's own behaviour here: unverified).
            let family = found.family.clone();
            let revoked = family
                .as_ref()
                .and_then(|origin| self.families.get_mut(origin))
                .map(|f| f.revoked = true)
                .is_some();
            let detail = if revoked {
                "already redeemed: a code is good for one use; the tokens its first use got are revoked"
            } else {
                "already redeemed once: a code is good for one use"
            };
            return Err(checks.fail("code", detail, invalid_grant("invalid code")));
        }
        found.spent = true;
        let code_record = found.clone();
        if code_record.client_id != client.client_id {
            return Err(checks.fail(
                "code",
                format!(
                    "issued to app client {}, not {}",
                    code_record.client_id, client.client_id
                ),
                invalid_grant("invalid code"),
            ));
        }
        checks.require(
            "code",
            now < code_record.expires_at,
            format!(
                "issued to this client, {} s of its {} s left; spent now (single use)",
                code_record.expires_at.saturating_sub(now),
                super::CODE_VALIDITY_SECS
            ),
            format!(
                "expired {} s ago: a code lives {} s",
                now.saturating_sub(code_record.expires_at),
                super::CODE_VALIDITY_SECS
            ),
            || invalid_grant("invalid code"),
        )?;
        checks.require(
            "redirect_uri",
            redirect_uri == code_record.redirect_uri,
            "the same as at authorize",
            format!(
                "{redirect_uri} is not {} (the authorize request's, byte for byte)",
                code_record.redirect_uri
            ),
            || invalid_grant("redirect_uri mismatch"),
        )?;
        self.check_verifier(request, &code_record.code_challenge, checks)?;
        let tokens = self.issue_oauth_tokens(
            &code_record.username,
            code_record.auth_time,
            &client.client_id,
            &code_record.scopes,
            code_record.nonce.as_deref(),
            true,
        )?;
        let origin = decode_unverified(&tokens.access_token)
            .and_then(|(_, claims)| claims.get("origin_jti")?.as_str().map(str::to_owned));
        if let Some(found) = self.oauth_codes.get_mut(code) {
            found.family = origin;
        }
        checks.pass("tokens", format!("scopes {}", code_record.scopes.join(" ")));
        Ok(token_body(&tokens, &code_record.scopes))
    }

    /// PKCE: `S256(code_verifier)` must be the challenge the code was issued for.
    fn check_verifier(
        &self,
        request: &TokenRequest,
        challenge: &Option<String>,
        checks: &mut Checks,
    ) -> Result<(), CognitoError> {
        let verifier = request.code_verifier.as_deref().filter(|v| !v.is_empty());
        match (challenge, verifier) {
            (None, None) => {
                checks.pass("PKCE", "the code had no challenge: nothing to verify");
                Ok(())
            }
            (None, Some(_)) => {
                // Whether Cognito refuses a verifier for a code without a challenge is
                // unverified; RFC 7636 leaves it to the server. The mock ignores it.
                checks.pass(
                    "PKCE",
                    "a code_verifier for a code without a challenge: ignored",
                );
                Ok(())
            }
            (Some(_), None) => Err(checks.fail(
                "PKCE",
                "the code was issued for a code_challenge, and no code_verifier came",
                oauth_error(Exception::OAuthInvalidRequest, "code_verifier is missing"),
            )),
            (Some(challenge), Some(verifier)) => {
                let computed = s256(verifier);
                checks.require(
                    "PKCE",
                    constant_time_eq(&computed, challenge),
                    format!("S256({verifier}) = {computed} = the code's challenge"),
                    format!(
                        "S256({verifier}) = {computed}, but the code's challenge is {challenge}"
                    ),
                    || oauth_error(Exception::OAuthInvalidGrant, "invalid code_verifier"),
                )
            }
        }
    }

    /// The refresh_token grant: new ID and access tokens, the same scopes, no new refresh token.
    fn refresh_grant(
        &mut self,
        request: &TokenRequest,
        client: &AppClient,
        checks: &mut Checks,
    ) -> Result<Value, CognitoError> {
        checks.require(
            "refresh allowed",
            client.allows(ExplicitAuthFlow::AllowRefreshTokenAuth),
            "the client allows ALLOW_REFRESH_TOKEN_AUTH",
            "ALLOW_REFRESH_TOKEN_AUTH is not in the client's ExplicitAuthFlows",
            || {
                oauth_error(
                    Exception::OAuthUnauthorizedClient,
                    "the client is not allowed to refresh",
                )
            },
        )?;
        let Some(token) = request.refresh_token.as_deref().filter(|t| !t.is_empty()) else {
            return Err(checks.fail(
                "request parameters",
                "refresh_token is missing",
                oauth_error(Exception::OAuthInvalidRequest, "refresh_token is missing"),
            ));
        };
        let invalid_grant = || oauth_error(Exception::OAuthInvalidGrant, "invalid refresh token");
        let Some(family) = self.refresh_family(token).cloned() else {
            return Err(checks.fail(
                "refresh token",
                "the pool never issued this refresh token",
                invalid_grant(),
            ));
        };
        let enabled = self.users.get(&family.username).is_some_and(|u| u.enabled);
        let problem = if family.client_id != client.client_id {
            Some(format!("issued to app client {}", family.client_id))
        } else if self.now >= family.refresh_expires_at {
            Some(format!("expired at {}", family.refresh_expires_at))
        } else if family.revoked {
            Some("revoked (RevokeToken, /oauth2/revoke, GlobalSignOut or a reused code)".to_owned())
        } else if !enabled {
            Some("the user is disabled".to_owned())
        } else {
            None
        };
        if let Some(problem) = problem {
            return Err(checks.fail("refresh token", problem, invalid_grant()));
        }
        checks.pass(
            "refresh token",
            format!(
                "sign-in {}, valid until {}",
                family.origin_jti, family.refresh_expires_at
            ),
        );
        let tokens = self.mint(
            &family.username,
            &family.origin_jti,
            family.auth_time,
            client,
        )?;
        let scopes = family.scopes.clone().unwrap_or_default();
        let mut body = token_body(&tokens, &scopes);
        if family.scopes.is_none()
            && let Some(map) = body.as_object_mut()
        {
            // An API sign-in's refresh token: its ID token comes back too (no openid scope
            // to decide it).
            map.insert("id_token".to_owned(), json!(tokens.id_token));
        }
        Ok(body)
    }

    /// The client_credentials grant: custom scopes only, a client with a secret.
    fn client_credentials(
        &mut self,
        request: &TokenRequest,
        client: &AppClient,
        checks: &mut Checks,
    ) -> Result<Value, CognitoError> {
        checks.require(
            "flow allowed",
            client.oauth.allows(OAuthFlow::ClientCredentials) && client.secret.is_some(),
            "the client allows client_credentials and has a secret",
            if client.secret.is_none() {
                "client_credentials needs a client with a secret"
            } else {
                "client_credentials is not in the client's AllowedOAuthFlows"
            },
            || {
                oauth_error(
                    Exception::OAuthUnauthorizedClient,
                    "the client is not allowed client_credentials",
                )
            },
        )?;
        let own: Vec<&String> = client
            .oauth
            .scopes
            .iter()
            .filter(|s| scope_kind(s) == ScopeKind::Custom)
            .collect();
        let asked: Vec<&str> = request
            .scope
            .as_deref()
            .unwrap_or_default()
            .split(' ')
            .filter(|s| !s.is_empty())
            .collect();
        let invalid_scope = || oauth_error(Exception::OAuthInvalidScope, "invalid_scope");
        let scopes: Vec<String> = if asked.is_empty() {
            own.iter().map(|s| (*s).clone()).collect()
        } else {
            if let Some(bad) = asked.iter().find(|s| !own.iter().any(|o| o == *s)) {
                return Err(checks.fail(
                    "scopes",
                    format!("`{bad}` is not a custom scope of the client (client_credentials takes resourceServer/name scopes only)"),
                    invalid_scope(),
                ));
            }
            asked.iter().map(|s| (*s).to_owned()).collect()
        };
        checks.require(
            "scopes",
            !scopes.is_empty(),
            format!("granted {}", scopes.join(" ")),
            "the client has no custom scope to grant",
            invalid_scope,
        )?;
        let keys = self.keys()?;
        let validity = client.access_token_validity_secs;
        let claims = ClientCredentials {
            sub: client.client_id.clone(),
            token_use: "access".to_owned(),
            scope: scopes.join(" "),
            auth_time: self.now,
            iss: self.issuer(),
            exp: self.now + validity,
            iat: self.now,
            version: 2,
            jti: ids::uuid_v4(&mut self.oauth_rng.next()),
            client_id: client.client_id.clone(),
        };
        let (token, cost) = keys.access.sign_costed("access token", &claims);
        self.crypto_log.push(cost);
        checks.pass(
            "tokens",
            "an access token only: no user, so no ID or refresh token",
        );
        Ok(json!({
            "access_token": token?,
            "expires_in": validity,
            "token_type": "Bearer",
        }))
    }

    /// `POST /oauth2/revoke`: the client, then the token (a refresh token), revoked as the API's
    /// RevokeToken does. An unknown or already revoked token is a success too.
    pub fn oauth_revoke(&mut self, request: &TokenRequest) -> TokenAnswer {
        Checks::collect(|checks| self.revoke(request, checks)).into()
    }

    fn revoke(
        &mut self,
        request: &TokenRequest,
        checks: &mut Checks,
    ) -> Result<Value, CognitoError> {
        let client = self.authenticate_client(request, checks)?;
        let Some(token) = request.token.as_deref().filter(|t| !t.is_empty()) else {
            return Err(checks.fail(
                "request parameters",
                "token is missing",
                oauth_error(Exception::OAuthInvalidRequest, "token is missing"),
            ));
        };
        checks.require(
            "token type",
            decode_unverified(token).is_none(),
            "not a JWT: taken as a refresh token",
            "a JWT (ID or access token): only refresh tokens can be revoked",
            || {
                oauth_error(
                    Exception::OAuthUnsupportedTokenType,
                    "unsupported_token_type",
                )
            },
        )?;
        let known = self.refresh_family(token).is_some();
        self.revoke_token(super::super::RevokeTokenRequest {
            token: token.to_owned(),
            client_id: client.client_id,
        })?;
        checks.pass(
            "revoked",
            if known {
                "the sign-in's refresh token and its access tokens are revoked"
            } else {
                "unknown token: answered 200 all the same, so the endpoint tells nothing"
            },
        );
        Ok(Value::Null)
    }
}

/// The token endpoint's body: `id_token` only when `openid` was granted, `refresh_token` only
/// for a new sign-in.
fn token_body(tokens: &super::super::AuthenticationResult, scopes: &[String]) -> Value {
    let mut body = serde_json::Map::new();
    if scopes.iter().any(|s| s == "openid") {
        body.insert("id_token".to_owned(), json!(tokens.id_token));
    }
    body.insert("access_token".to_owned(), json!(tokens.access_token));
    if let Some(refresh) = &tokens.refresh_token {
        body.insert("refresh_token".to_owned(), json!(refresh));
    }
    body.insert("expires_in".to_owned(), json!(tokens.expires_in));
    body.insert("token_type".to_owned(), json!("Bearer"));
    Value::Object(body)
}
