//! `GET|POST /oauth2/userInfo` and `GET /logout` (hosted-ui.md §5).

use serde::{Deserialize, Serialize};
use serde_json::{Value, json};

use super::super::Check;
use super::super::error::{CognitoError, Exception};
use super::super::initiate_auth::Checks;
use super::super::pool::UserPool;
use super::{AuthorizeRequest, oauth_error};

/// What userInfo's `profile` scope returns (custom attributes too) [DOCS].
const PROFILE: &[&str] = &[
    "name",
    "family_name",
    "given_name",
    "middle_name",
    "nickname",
    "preferred_username",
    "profile",
    "picture",
    "website",
    "gender",
    "birthdate",
    "zoneinfo",
    "locale",
    "updated_at",
];

/// The `WWW-Authenticate` description of a refused token [DG userinfo-endpoint].
pub const TOKEN_REFUSED: &str =
    "Access token is expired, disabled, or deleted, or the user has globally signed out.";

/// The query of `GET /logout`: either `logout_uri`, or the sign-in page's parameters.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct LogoutRequest {
    /// The app client.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub client_id: Option<String>,
    /// A registered sign-out URL.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub logout_uri: Option<String>,
    /// With `redirect_uri`: show the sign-in page again instead.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub response_type: Option<String>,
    /// A registered callback URL.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub redirect_uri: Option<String>,
    /// Passed on to the sign-in page.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub state: Option<String>,
    /// Passed on to the sign-in page.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub scope: Option<String>,
}

/// Where `/logout` sends the browser once the sign-in cookie is cleared.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub enum LogoutTarget {
    /// The registered `logout_uri`.
    SignedOut(String),
    /// The sign-in page again (`/login?…`).
    SignInAgain(String),
}

impl UserPool {
    /// `GET /oauth2/userInfo` with `Authorization: Bearer <access_token>`: the user's
    /// attributes, as far as the token's scopes reach. `openid` is required, so an access
    /// token from InitiateAuth (scope `aws.cognito.signin.user.admin` only) is refused.
    pub fn user_info(
        &mut self,
        access_token: Option<&str>,
    ) -> (Vec<Check>, Result<Value, CognitoError>) {
        Checks::collect(|checks| self.check_user_info(access_token, checks))
    }

    fn check_user_info(
        &mut self,
        access_token: Option<&str>,
        checks: &mut Checks,
    ) -> Result<Value, CognitoError> {
        let Some(token) = access_token.filter(|t| !t.is_empty()) else {
            return Err(checks.fail(
                "bearer token",
                "no Authorization: Bearer header",
                oauth_error(
                    Exception::OAuthInvalidRequest,
                    "Bad OAuth2 request at UserInfo Endpoint",
                ),
            ));
        };
        let (username, scopes) = match self.verified_access(token) {
            Ok(found) => found,
            Err(error) => {
                return Err(checks.fail(
                    "access token",
                    format!("refused as Cognito's APIs refuse it: {error}"),
                    oauth_error(Exception::OAuthInvalidToken, TOKEN_REFUSED),
                ));
            }
        };
        checks.pass(
            "access token",
            "signature, expiry and revocation checked, as Cognito's APIs check them",
        );
        checks.require(
            "openid scope",
            scopes.iter().any(|s| s == "openid"),
            format!("scopes {}", scopes.join(" ")),
            format!(
                "the token's scope is `{}`: userInfo needs openid, which only the token endpoint grants (an InitiateAuth token never has it)",
                scopes.join(" ")
            ),
            // The description real pools send here is reported, not documented (unverified).
            || oauth_error(Exception::OAuthInvalidToken, "Access token does not contain openid scope"),
        )?;
        let user = self
            .users
            .get(&username)
            .ok_or_else(|| oauth_error(Exception::OAuthInvalidToken, TOKEN_REFUSED))?;
        let has = |scope: &str| scopes.iter().any(|s| s == scope);
        let only_openid = !(has("email") || has("phone") || has("profile"));
        let wanted = |name: &str| {
            only_openid
                || (has("email") && matches!(name, "email" | "email_verified"))
                || (has("phone") && matches!(name, "phone_number" | "phone_number_verified"))
                || (has("profile") && (PROFILE.contains(&name) || name.starts_with("custom:")))
        };
        let mut body = serde_json::Map::new();
        body.insert("sub".to_owned(), json!(user.sub));
        for (name, value) in &user.attributes {
            if name != "sub" && wanted(name) {
                // userInfo answers every value as a string, "true" included (unverified).
                body.insert(name.clone(), json!(value));
            }
        }
        body.insert("username".to_owned(), json!(username));
        checks.pass(
            "attributes",
            if only_openid {
                "openid alone: every attribute the client may read".to_owned()
            } else {
                format!("limited by the scopes {}", scopes.join(" "))
            },
        );
        Ok(Value::Object(body))
    }

    /// `GET /logout`: Cognito's own shape (not OIDC's `end_session`): a registered
    /// `logout_uri`, or the sign-in page's parameters. Errors are a page, never a redirect.
    pub fn oauth_logout(
        &self,
        request: &LogoutRequest,
    ) -> (Vec<Check>, Result<LogoutTarget, CognitoError>) {
        Checks::collect(|checks| self.check_logout(request, checks))
    }

    fn check_logout(
        &self,
        request: &LogoutRequest,
        checks: &mut Checks,
    ) -> Result<LogoutTarget, CognitoError> {
        let client_id = request.client_id.as_deref().unwrap_or_default();
        let client = self.app_client(client_id).cloned();
        let Some(client) = client else {
            return Err(checks.fail(
                "app client",
                if client_id.is_empty() {
                    "client_id is missing".to_owned()
                } else {
                    format!("no app client {client_id} in this pool")
                },
                oauth_error(Exception::OAuthInvalidClient, "Invalid client_id"),
            ));
        };
        checks.pass("app client", format!("client {client_id}"));
        if let Some(logout_uri) = request.logout_uri.as_deref() {
            checks.require(
                "logout_uri registered",
                client.oauth.logout_urls.iter().any(|u| u == logout_uri),
                format!("{logout_uri} is a sign-out URL of the client"),
                format!(
                    "{logout_uri} is not one of the client's sign-out URLs ({}): an error page",
                    client.oauth.logout_urls.join(", ")
                ),
                || {
                    oauth_error(
                        Exception::OAuthRedirectMismatch,
                        "logout_uri is not registered for this client: an error page, never a redirect",
                    )
                },
            )?;
            checks.pass(
                "signed out",
                "the hosted UI's sign-in cookie is cleared; tokens already issued stay valid (revoke them, or GlobalSignOut)",
            );
            return Ok(LogoutTarget::SignedOut(logout_uri.to_owned()));
        }
        if request.redirect_uri.is_some() || request.response_type.is_some() {
            let again = AuthorizeRequest {
                response_type: request.response_type.clone(),
                client_id: request.client_id.clone(),
                redirect_uri: request.redirect_uri.clone(),
                state: request.state.clone(),
                scope: request.scope.clone(),
                ..AuthorizeRequest::default()
            };
            let authorized = self.oauth_authorize(&again);
            for check in authorized.checks {
                if check.passed {
                    checks.pass(&check.name, check.detail);
                } else {
                    checks.hidden_failure(&check.name, check.detail);
                }
            }
            return authorized
                .result
                .map(|_| LogoutTarget::SignInAgain(again.url("/login")));
        }
        Err(checks.fail(
            "request parameters",
            "neither logout_uri nor response_type with redirect_uri",
            oauth_error(
                Exception::OAuthInvalidRequest,
                "logout_uri or redirect_uri is missing",
            ),
        ))
    }
}
