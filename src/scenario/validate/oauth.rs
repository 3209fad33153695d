//! App clients' managed login settings (`[pool.oauth]`, `[pool.app_clients.oauth]`): the URL,
//! flow and scope rules Cognito's CreateUserPoolClient enforces, each located at its value.

use super::*;
use crate::cognito::oauth::{STANDARD_SCOPES, ScopeKind, scope_kind};
use crate::scenario::model::{ClientSecretSpec, OAuthFlowSpec, OAuthSpec};

impl Checker<'_, '_> {
    /// Every client's OAuth table, and whether the hosted-UI steps have one to use.
    pub(super) fn oauth_clients(&mut self, file: &ScenarioFile) {
        let pool = &file.pool;
        if let Some(oauth) = &pool.oauth {
            self.oauth("pool", oauth, has_secret(pool.client_secret.as_ref()));
        }
        for (i, client) in pool.app_clients.iter().enumerate() {
            if let Some(oauth) = &client.oauth {
                self.oauth(
                    &format!("pool.app_clients[{i}]"),
                    oauth,
                    has_secret(client.client_secret.as_ref()),
                );
            }
        }
        let hosted = file.steps.iter().any(|s| s.action.uses_hosted_ui());
        if hosted && pool.oauth.as_ref().is_none_or(|o| o.flows.is_empty()) {
            self.warn(
                "pool",
                "steps use the hosted UI but `[pool.oauth]` enables no OAuth flow for the first client, so every authorize is an error page (fine if that is the lesson)".to_owned(),
            );
        }
    }

    fn oauth(&mut self, client: &str, oauth: &OAuthSpec, has_secret: bool) {
        for (key, urls) in [
            ("callback_urls", &oauth.callback_urls),
            ("logout_urls", &oauth.logout_urls),
        ] {
            for (i, url) in urls.iter().enumerate() {
                if let Err(why) = check_url(url) {
                    self.error(
                        &format!("{client}.oauth.{key}[{i}]"),
                        format!("`{url}` {why}"),
                    );
                }
            }
        }
        let flows = &oauth.flows;
        let machine = flows.contains(&OAuthFlowSpec::ClientCredentials);
        let browser = flows
            .iter()
            .any(|f| matches!(f, OAuthFlowSpec::Code | OAuthFlowSpec::Implicit));
        if machine && browser {
            self.error(
                &format!("{client}.oauth.flows"),
                "client_credentials can't be allowed with code or implicit on one client (Cognito refuses it): machine-to-machine needs a client of its own".to_owned(),
            );
        } else if machine && !has_secret {
            self.error(
                &format!("{client}.oauth.flows"),
                "client_credentials needs a client secret: add `client_secret = true` to this client".to_owned(),
            );
        } else if browser && oauth.callback_urls.is_empty() {
            self.error(
                &format!("{client}.oauth.callback_urls"),
                "the code and implicit flows need at least one callback URL (authorize's `redirect_uri` must be one of them)".to_owned(),
            );
        }
        let has_openid = oauth.scopes.iter().any(|s| s == "openid");
        for (i, scope) in oauth.scopes.iter().enumerate() {
            let path = format!("{client}.oauth.scopes[{i}]");
            match scope_kind(scope) {
                ScopeKind::Malformed => self.error(
                    &path,
                    format!(
                        "`{scope}` is neither a standard scope nor a custom `resourceServer/name`{}",
                        hint_or_list(scope, STANDARD_SCOPES)
                    ),
                ),
                ScopeKind::Standard if machine => {
                    self.error(
                        &path,
                        format!(
                            "`{scope}` is a user scope, and client_credentials tokens have no user: give this client custom `resourceServer/name` scopes only"
                        ),
                    );
                }
                ScopeKind::Standard
                    if matches!(scope.as_str(), "email" | "phone" | "profile") && !has_openid =>
                {
                    self.error(
                        &path,
                        format!(
                            "`{scope}` needs `openid` beside it (Cognito refuses {scope} without openid)"
                        ),
                    );
                }
                ScopeKind::Standard | ScopeKind::Custom => {}
            }
        }
    }
}

/// Whether a client's `client_secret` gives it one.
fn has_secret(secret: Option<&ClientSecretSpec>) -> bool {
    matches!(
        secret,
        Some(ClientSecretSpec::Generate(true) | ClientSecretSpec::Given(_))
    )
}

/// Cognito's callback and sign-out URL rules: absolute, no fragment, HTTPS except
/// `http://localhost`; an app's own scheme (`myapp://cb`) is allowed.
fn check_url(url: &str) -> Result<(), &'static str> {
    let Some((scheme, rest)) = url.split_once("://") else {
        return Err("is not an absolute URL (e.g. `https://app.example.com/callback`)");
    };
    let scheme_ok = scheme
        .chars()
        .next()
        .is_some_and(|c| c.is_ascii_alphabetic())
        && scheme
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, '+' | '-' | '.'));
    if !scheme_ok || rest.is_empty() {
        return Err("is not an absolute URL (e.g. `https://app.example.com/callback`)");
    }
    if url.contains('#') {
        return Err("has a fragment (`#…`): Cognito refuses callback URLs with one");
    }
    if scheme.eq_ignore_ascii_case("http") {
        let host = rest.split(['/', '?']).next().unwrap_or_default();
        let host = host.rsplit_once(':').map_or(host, |(h, _)| h);
        if host != "localhost" {
            return Err("uses http: Cognito takes HTTPS only, except for http://localhost");
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::check_url;

    #[test]
    fn callback_urls_follow_cognitos_rules() {
        let cases = [
            ("https://app.example.com/cb", true),
            ("http://localhost:9876/callback", true),
            ("http://localhost/cb", true),
            ("myapp://callback", true),
            ("http://app.example.com/cb", false),
            ("http://127.0.0.1:9876/cb", false),
            ("https://app.example.com/cb#x", false),
            ("/callback", false),
            ("https://", false),
        ];
        for (url, ok) in cases {
            assert_eq!(check_url(url).is_ok(), ok, "{url}");
        }
    }
}
