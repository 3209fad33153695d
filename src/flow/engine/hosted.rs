//! The hosted UI (managed login) with authorization code + PKCE: the lesson plays the app and
//! the browser, and drives the very endpoints `cogflow serve` serves, in process.
//!
//! ```text
//!  make_pkce ──> open_authorize ──> submit_login ──> exchange_code ──> call_user_info
//!  (verifier,     GET /oauth2/       POST /login      POST /oauth2/     GET /oauth2/
//!   S256           authorize          (password) ──>   token (code +     userInfo
//!   challenge)     (checks) ──> 302   302 ?code=…      verifier) tokens  (openid needed)
//! ```
//!
//! The verifier, state and nonce come from the run's seed. The verifier and its challenge go to
//! the frame's side-by-side values (the app's, then Cognito's own S256 of what it received).

use rand::rngs::StdRng;
use rand::{Rng, SeedableRng};
use serde_json::{Value, json};

use crate::cognito::oauth::{self, AuthorizeRequest, LoginAnswer, LoginResult, TokenRequest};
use crate::cognito::{CognitoError, Exception};
use crate::flow::frame::{Check, PKCE_VALUES, SrpSide};
use crate::scenario::model::{StepSpec, TokenKind};

use super::Runner;
use super::call::Call;
use super::inputs::Ask;
use super::record::Effect;

/// The scopes the lesson's app asks for.
const SCOPES: &str = "openid email profile";

impl Runner {
    /// The app draws a code verifier and computes its S256 challenge (and a state and a nonce).
    pub(super) fn make_pkce(&mut self, effect: &mut Effect) {
        // One draw per run position, so a lesson that starts over draws anew.
        let mut rng = StdRng::seed_from_u64(self.seed ^ (0x504B_4345 + self.frames.len() as u64));
        let verifier = oauth::code_verifier(&mut rng);
        let challenge = oauth::s256(&verifier);
        let state = hex(&mut rng, 8);
        let nonce = hex(&mut rng, 16);
        let [verifier_name, challenge_name, _] = PKCE_VALUES;
        self.recorder.set_srp(
            SrpSide::Device,
            verifier_name,
            "32 random bytes, base64url: stays in the app until the token exchange",
            &verifier,
        );
        self.recorder.set_srp(
            SrpSide::Device,
            challenge_name,
            "BASE64URL(SHA-256(code_verifier)): sent at authorize",
            &challenge,
        );
        self.recorder.set("codeVerifier", verifier.clone());
        self.recorder.set("codeChallenge", challenge.clone());
        self.recorder.set("state", state);
        self.recorder.set("nonce", nonce);
        effect.input = format!("code_verifier {verifier}");
        effect.response = Some("N/A".to_owned());
        effect.notes.push(format!(
            "code_challenge = BASE64URL(SHA-256(\"{verifier}\")) = {challenge}"
        ));
    }

    /// The authorize request the app builds (the same one the login page is opened with).
    fn authorize_request(&self, step: &StepSpec) -> AuthorizeRequest {
        let var = |name: &str| self.recorder.state().present(name).map(str::to_owned);
        let challenge = var("codeChallenge");
        AuthorizeRequest {
            response_type: Some("code".to_owned()),
            client_id: Some(self.facts.client_id.clone()),
            redirect_uri: Some(self.redirect_uri(step)),
            state: var("state"),
            scope: Some(SCOPES.to_owned()),
            code_challenge_method: challenge.as_ref().map(|_| "S256".to_owned()),
            code_challenge: challenge,
            nonce: var("nonce"),
            identity_provider: None,
            lang: None,
        }
    }

    /// The redirect URI a step sends: its input, else the one authorize used, else the
    /// client's first callback URL.
    fn redirect_uri(&self, step: &StepSpec) -> String {
        self.input(step, Ask::RedirectUri, "")
            .or_else(|| {
                self.recorder
                    .state()
                    .present("redirectUri")
                    .map(str::to_owned)
            })
            .or_else(|| {
                self.pool
                    .app_client(&self.facts.client_id)
                    .and_then(|c| c.oauth.callback_urls.first().cloned())
            })
            .unwrap_or_default()
    }

    /// `GET /oauth2/authorize`: Cognito checks every parameter; the browser goes on to the
    /// sign-in page, back to the app with an error, or to an error page.
    pub(super) fn open_authorize(&mut self, step: &StepSpec, effect: &mut Effect) {
        let request = self.authorize_request(step);
        self.recorder.set(
            "redirectUri",
            request.redirect_uri.clone().unwrap_or_default(),
        );
        let authorized = self.pool.oauth_authorize(&request);
        let url = request.url("/oauth2/authorize");
        let result = match (&authorized.result, &authorized.location) {
            (Ok(_), Some(location)) => Ok(json!({ "status": 302, "Location": location })),
            (Err(error), _) => Err(error.clone()),
            (Ok(_), None) => Err(CognitoError::internal("authorize without a next page")),
        };
        let page = authorized.location.is_none();
        self.hosted_call(
            "GET /oauth2/authorize",
            json!({ "url": url }),
            result,
            authorized.checks,
            effect,
        );
        match &authorized.result {
            Ok(_) => self.recorder.set("authStatus", "login page"),
            Err(error) => {
                self.recorder.set("authStatus", "error");
                effect.response = Some(if page {
                    format!("Error page ({}), no redirect", error.exception.name())
                } else {
                    format!("302 to redirect_uri?error={}", error.exception.name())
                });
            }
        }
        self.set_status(
            effect,
            if page && authorized.result.is_err() {
                400
            } else {
                302
            },
        );
    }

    /// `POST /login`: the user types a username and password on the hosted page.
    pub(super) fn submit_login(&mut self, step: &StepSpec, effect: &mut Effect) {
        let username = self.username(step);
        let password = self
            .input(step, Ask::TypedPassword, &username)
            .unwrap_or_default();
        self.recorder.set("username", username.clone());
        self.recorder.set("password", password.clone());
        let request = self.authorize_request(step);
        let authorized = self.pool.oauth_authorize(&request);
        let form =
            json!({ "username": username, "password": password, "url": request.url("/login") });
        let (checks, result) = match authorized.result {
            Err(error) => (authorized.checks, Err(error)),
            Ok(authorization) => {
                let answer = LoginAnswer::Password { username, password };
                let attempt = self.pool.hosted_login(&authorization, &answer);
                (attempt.checks, attempt.result)
            }
        };
        let body = match &result {
            Ok(LoginResult::Redirect { location, code }) => {
                if let Some(code) = code {
                    self.recorder.set("authCode", code.clone());
                }
                self.recorder.set("authStatus", "code issued");
                Ok(json!({ "status": 302, "Location": location }))
            }
            Ok(LoginResult::Challenge { name, .. }) => {
                self.recorder.set("authStatus", "challenge");
                Ok(json!({ "status": 200, "page": name.as_str() }))
            }
            Err(error) => {
                self.recorder.set("authStatus", "rejected");
                Err(error.clone())
            }
        };
        let ok = body.is_ok();
        self.hosted_call("POST /login", form, body, checks, effect);
        if ok {
            effect.response = Some("302 to redirect_uri?code=…&state=…".to_owned());
            self.set_status(effect, 302);
        } else {
            effect.response = Some("The sign-in page again, with the error".to_owned());
            self.set_status(effect, 200);
        }
    }

    /// `POST /oauth2/token` with `grant_type=authorization_code`, the code and the verifier.
    pub(super) fn exchange_code(&mut self, step: &StepSpec, effect: &mut Effect) {
        let var = |name: &str| self.recorder.state().present(name).map(str::to_owned);
        let code = self.input(step, Ask::Code, "").or_else(|| var("authCode"));
        let verifier = self
            .input(step, Ask::CodeVerifier, "")
            .or_else(|| var("codeVerifier"));
        let request = TokenRequest {
            grant_type: Some("authorization_code".to_owned()),
            code,
            redirect_uri: Some(self.redirect_uri(step)),
            client_id: Some(self.facts.client_id.clone()),
            client_secret: self.pool.client_secret().map(str::to_owned),
            code_verifier: verifier.clone(),
            ..TokenRequest::default()
        };
        if let Some(verifier) = &verifier {
            self.recorder.set_srp(
                SrpSide::Cognito,
                PKCE_VALUES[2],
                "computed from the verifier received, compared with the code's challenge",
                &oauth::s256(verifier),
            );
        }
        let answer = self.pool.oauth_token(&request);
        let mut body = serde_json::to_value(&request).unwrap_or(Value::Null);
        if let Some(map) = body.as_object_mut()
            && map.contains_key("client_secret")
        {
            map.insert("client_secret".to_owned(), json!("<the client's secret>"));
        }
        let ok = answer.result.is_ok();
        self.hosted_call(
            "POST /oauth2/token",
            body,
            answer.result,
            answer.checks,
            effect,
        );
        self.set_status(effect, if ok { 200 } else { 400 });
    }

    /// `GET /oauth2/userInfo` with the access token the app holds, or the step's `token`.
    pub(super) fn call_user_info(&mut self, step: &StepSpec, effect: &mut Effect) {
        let token =
            Some(self.held_token(step, TokenKind::Access, effect)).filter(|t| !t.is_empty());
        let (checks, result) = self.pool.user_info(token.as_deref());
        let status = match &result {
            Ok(_) => 200,
            Err(e) if e.exception == Exception::OAuthInvalidToken => 401,
            Err(_) => 400,
        };
        let request = json!({ "Authorization": token.map(|t| format!("Bearer {t}")) });
        if let Ok(info) = &result {
            let count = info.as_object().map_or(0, serde_json::Map::len);
            effect.response = Some(format!("User attributes ({count})"));
        }
        self.hosted_call("GET /oauth2/userInfo", request, result, checks, effect);
        self.set_status(effect, status);
    }

    /// Records one hosted-UI request as the lesson's call.
    fn hosted_call(
        &mut self,
        operation: &str,
        request: Value,
        result: Result<Value, CognitoError>,
        checks: Vec<Check>,
        effect: &mut Effect,
    ) {
        let response = effect.response.take();
        let call = Call {
            operation: operation.to_owned(),
            request,
            result,
            checks,
            srp: None,
        };
        self.recorder.absorb(&self.pool, call, effect);
        if effect.response.is_none() {
            effect.response = response;
        }
    }

    /// The HTTP status the endpoint answered with (the recorder assumes 200 or 400).
    fn set_status(&self, effect: &mut Effect, status: u16) {
        if let Some(api) = effect.api.as_mut() {
            api.status = Some(status);
        }
    }
}

/// `n` random bytes as lowercase hex (a state or nonce).
fn hex(rng: &mut StdRng, n: usize) -> String {
    let mut bytes = vec![0u8; n];
    rng.fill_bytes(&mut bytes);
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}
