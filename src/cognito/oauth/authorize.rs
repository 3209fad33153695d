//! `GET /oauth2/authorize`: every parameter checked in Cognito's order (hosted-ui.md §2).
//!
//! The client and the redirect URI come first: until both are known to be registered, the
//! browser can't be trusted to any URL, so those errors are an error page. Every later error
//! goes back to the app as `redirect_uri?error=…&state=…`.

use serde::{Deserialize, Serialize};

use super::super::error::{CognitoError, Exception};
use super::super::initiate_auth::Checks;
use super::super::pool::UserPool;
use super::super::{AppClient, Check};
use super::{OAuthFlow, ScopeKind, oauth_error, scope_kind, with_parameters};

/// The query of an authorize request (and of `/login`, which takes the same), as sent.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct AuthorizeRequest {
    /// `code` or `token`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub response_type: Option<String>,
    /// The app client.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub client_id: Option<String>,
    /// Where the browser goes back to: one of the client's callback URLs, byte for byte.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub redirect_uri: Option<String>,
    /// Opaque; echoed back with the code (the app's CSRF defence).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub state: Option<String>,
    /// Space-separated scopes; none: all of the client's.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub scope: Option<String>,
    /// PKCE: `BASE64URL(SHA-256(code_verifier))`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub code_challenge: Option<String>,
    /// PKCE: `S256` (Cognito takes no other).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub code_challenge_method: Option<String>,
    /// Copied into the ID token.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub nonce: Option<String>,
    /// `COGNITO` (the only identity provider of the mock) or absent.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub identity_provider: Option<String>,
    /// Managed login's page language (`es`, `en`, …): not checked by authorize, carried to
    /// the sign-in page, whose words it picks (and a cookie remembers).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub lang: Option<String>,
}

impl AuthorizeRequest {
    /// The parameters present, in the order the reference lists them (for URLs and forms).
    #[must_use]
    pub fn pairs(&self) -> Vec<(&'static str, &str)> {
        [
            ("response_type", &self.response_type),
            ("client_id", &self.client_id),
            ("redirect_uri", &self.redirect_uri),
            ("state", &self.state),
            ("scope", &self.scope),
            ("code_challenge", &self.code_challenge),
            ("code_challenge_method", &self.code_challenge_method),
            ("nonce", &self.nonce),
            ("identity_provider", &self.identity_provider),
            ("lang", &self.lang),
        ]
        .into_iter()
        .filter_map(|(name, value)| value.as_deref().map(|v| (name, v)))
        .collect()
    }

    /// `{path}?{the parameters}`, e.g. the login page's URL.
    #[must_use]
    pub fn url(&self, path: &str) -> String {
        with_parameters(path, &self.pairs(), false)
    }
}

/// What the browser asked for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub enum ResponseType {
    /// An authorization code in the redirect's query.
    Code,
    /// Tokens in the redirect's fragment (implicit).
    Token,
}

/// An authorize request that passed every check: what a sign-in through it is bound to.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Authorization {
    /// The app client.
    pub client_id: String,
    /// The registered redirect URI.
    pub redirect_uri: String,
    /// Code or token.
    pub response_type: ResponseType,
    /// The scopes granted: those asked for that the client may have.
    pub scopes: Vec<String>,
    /// Echoed back.
    pub state: Option<String>,
    /// For the ID token.
    pub nonce: Option<String>,
    /// PKCE's challenge (S256).
    pub code_challenge: Option<String>,
    /// The request as it came, for the login page's form and URL.
    pub request: AuthorizeRequest,
}

/// What authorize found.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Authorized {
    /// The checks, in order.
    pub checks: Vec<Check>,
    /// The authorization, or the error.
    pub result: Result<Authorization, CognitoError>,
    /// Where the browser is sent (302): `/login?…` on success, `redirect_uri?error=…` for an
    /// error the app may hear of. `None`: an error page (client or redirect URI wrong).
    pub location: Option<String>,
}

impl UserPool {
    /// `GET /oauth2/authorize` (and `GET /login`, which re-checks the same parameters).
    #[must_use]
    pub fn oauth_authorize(&self, request: &AuthorizeRequest) -> Authorized {
        let mut checks = Checks::default();
        let trusted = self.trusted_redirect(request, &mut checks);
        let (client, redirect_uri) = match trusted {
            Ok(found) => found,
            Err(error) => {
                return Authorized {
                    checks: checks.into_list(),
                    result: Err(error),
                    location: None,
                };
            }
        };
        let result = self.check_authorize_rest(request, &client, &redirect_uri, &mut checks);
        let location = Some(match &result {
            Ok(_) => request.url("/login"),
            Err(error) => {
                let mut pairs = vec![("error", error.exception.name())];
                if let Some(state) = request.state.as_deref() {
                    pairs.push(("state", state));
                }
                with_parameters(&redirect_uri, &pairs, false)
            }
        });
        Authorized {
            checks: checks.into_list(),
            result,
            location,
        }
    }

    /// The client and the redirect URI, the two checks whose failure is an error page.
    fn trusted_redirect(
        &self,
        request: &AuthorizeRequest,
        checks: &mut Checks,
    ) -> Result<(AppClient, String), CognitoError> {
        let client_id = request.client_id.as_deref().unwrap_or_default();
        let client = self.app_client(client_id).cloned();
        checks.require(
            "app client",
            client.is_some(),
            format!("client {client_id} belongs to pool {}", self.pool_id),
            if client_id.is_empty() {
                "client_id is missing".to_owned()
            } else {
                format!("no app client {client_id} in this pool")
            },
            || oauth_error(Exception::OAuthInvalidClient, "Invalid client_id"),
        )?;
        let client = client.ok_or_else(|| CognitoError::unknown_client(client_id))?;
        checks.require(
            "OAuth enabled",
            !client.oauth.flows.is_empty(),
            format!(
                "the client allows {}",
                client
                    .oauth
                    .flows
                    .iter()
                    .map(|f| f.as_str())
                    .collect::<Vec<_>>()
                    .join(", ")
            ),
            "the client has no AllowedOAuthFlows: the hosted UI is off for it",
            || {
                oauth_error(
                    Exception::OAuthUnauthorizedClient,
                    "The app client is not enabled for OAuth",
                )
            },
        )?;
        let redirect_uri = request.redirect_uri.as_deref().unwrap_or_default();
        let registered = client.oauth.callback_urls.iter().any(|u| u == redirect_uri);
        checks.require(
            "redirect_uri registered",
            registered,
            format!("{redirect_uri} is a callback URL of the client"),
            if redirect_uri.is_empty() {
                "redirect_uri is missing: an error page, since there is nowhere safe to send the browser".to_owned()
            } else {
                format!(
                    "{redirect_uri} is not one of the client's callback URLs ({}): an error page, never a redirect to it",
                    client.oauth.callback_urls.join(", ")
                )
            },
            || {
                oauth_error(
                    Exception::OAuthRedirectMismatch,
                    "redirect_uri is not registered for this client: an error page, never a redirect",
                )
            },
        )?;
        Ok((client, redirect_uri.to_owned()))
    }

    /// The checks after the client and the redirect URI are trusted.
    fn check_authorize_rest(
        &self,
        request: &AuthorizeRequest,
        client: &AppClient,
        redirect_uri: &str,
        checks: &mut Checks,
    ) -> Result<Authorization, CognitoError> {
        let invalid = |description: &str| {
            let description = description.to_owned();
            move || oauth_error(Exception::OAuthInvalidRequest, description)
        };
        let response_type = match request.response_type.as_deref() {
            Some("code") => ResponseType::Code,
            Some("token") => ResponseType::Token,
            Some(other) => {
                return Err(checks.fail(
                    "response_type",
                    format!("`{other}` is not code or token (an ID token comes with token, or from the code exchange)"),
                    invalid("unsupported response_type")(),
                ));
            }
            None => {
                return Err(checks.fail(
                    "response_type",
                    "response_type is missing",
                    invalid("response_type is missing")(),
                ));
            }
        };
        let flow = match response_type {
            ResponseType::Code => OAuthFlow::Code,
            ResponseType::Token => OAuthFlow::Implicit,
        };
        checks.require(
            "flow allowed",
            client.oauth.allows(flow),
            format!("the client allows the {} flow", flow.as_str()),
            format!(
                "the {} flow is not in the client's AllowedOAuthFlows",
                flow.as_str()
            ),
            || {
                oauth_error(
                    Exception::OAuthUnauthorizedClient,
                    format!("The client is not allowed the {} flow", flow.as_str()),
                )
            },
        )?;
        if let Some(provider) = request.identity_provider.as_deref() {
            checks.require(
                "identity provider",
                provider == "COGNITO",
                "COGNITO: the user pool's own sign-in page",
                format!("`{provider}`: this mock pool has no federated identity providers"),
                invalid("unknown identity_provider"),
            )?;
        }
        let code_challenge = self.check_pkce(request, response_type, checks)?;
        let scopes = check_scopes(request.scope.as_deref(), client, checks)?;
        Ok(Authorization {
            client_id: client.client_id.clone(),
            redirect_uri: redirect_uri.to_owned(),
            response_type,
            scopes,
            state: request.state.clone(),
            nonce: request.nonce.clone(),
            code_challenge,
            request: request.clone(),
        })
    }

    /// PKCE: S256 only; a challenge needs its method and a method its challenge.
    fn check_pkce(
        &self,
        request: &AuthorizeRequest,
        response_type: ResponseType,
        checks: &mut Checks,
    ) -> Result<Option<String>, CognitoError> {
        let challenge = request.code_challenge.as_deref().filter(|c| !c.is_empty());
        let method = request.code_challenge_method.as_deref();
        let invalid = |d: &str| oauth_error(Exception::OAuthInvalidRequest, d);
        match (challenge, method) {
            (None, None) => {
                let detail = if response_type == ResponseType::Code
                    && self
                        .app_client(request.client_id.as_deref().unwrap_or_default())
                        .is_some_and(|c| c.secret.is_none())
                {
                    "no code_challenge: allowed, but a public client without PKCE lets anyone who sees the code redeem it"
                } else {
                    "no code_challenge (none needed)"
                };
                checks.pass("PKCE", detail);
                Ok(None)
            }
            (Some(_), None) => Err(checks.fail(
                "PKCE",
                "code_challenge without code_challenge_method",
                invalid("code_challenge_method is missing"),
            )),
            (None, Some(_)) => Err(checks.fail(
                "PKCE",
                "code_challenge_method without code_challenge",
                invalid("code_challenge is missing"),
            )),
            (Some(challenge), Some("S256")) => {
                checks.pass(
                    "PKCE",
                    format!("S256 challenge {challenge} kept with the code"),
                );
                Ok(Some(challenge.to_owned()))
            }
            (Some(_), Some(other)) => Err(checks.fail(
                "PKCE",
                format!("code_challenge_method `{other}`: Cognito takes S256 only (never plain)"),
                invalid("unsupported code_challenge_method"),
            )),
        }
    }
}

/// The scopes granted: each asked for must be well formed; those the client may not have are
/// left out; none asked for means all of the client's; none left is `invalid_scope`.
fn check_scopes(
    asked: Option<&str>,
    client: &AppClient,
    checks: &mut Checks,
) -> Result<Vec<String>, CognitoError> {
    let invalid_scope = |d: String| move || oauth_error(Exception::OAuthInvalidScope, d);
    let asked: Vec<&str> = asked
        .unwrap_or_default()
        .split(' ')
        .filter(|s| !s.is_empty())
        .collect();
    if let Some(bad) = asked.iter().find(|s| scope_kind(s) == ScopeKind::Malformed) {
        return Err(checks.fail(
            "scopes",
            format!("`{bad}` is neither a standard scope (openid, email, phone, profile, aws.cognito.signin.user.admin) nor a custom resourceServer/name"),
            invalid_scope(format!("invalid scope {bad}"))(),
        ));
    }
    let granted: Vec<String> = if asked.is_empty() {
        client.oauth.scopes.clone()
    } else {
        let mut granted: Vec<String> = Vec::new();
        for scope in &asked {
            if client.oauth.scopes.iter().any(|s| s == scope) && !granted.iter().any(|g| g == scope)
            {
                granted.push((*scope).to_owned());
            }
        }
        granted
    };
    let left_out: Vec<&str> = asked
        .iter()
        .copied()
        .filter(|s| !granted.iter().any(|g| g == s))
        .collect();
    let detail = match (asked.is_empty(), left_out.is_empty()) {
        (true, _) => format!("none asked for: all of the client's, {}", granted.join(" ")),
        (false, true) => format!("granted {}", granted.join(" ")),
        (false, false) => format!(
            "granted {}; left out {} (not the client's: ignored, not an error)",
            granted.join(" "),
            left_out.join(" ")
        ),
    };
    checks.require(
        "scopes",
        !granted.is_empty(),
        detail,
        "none of the scopes asked for is allowed for the client",
        invalid_scope("no allowed scope".to_owned()),
    )?;
    Ok(granted)
}
