//! The hosted UI on the wire: `/oauth2/authorize`, `/login`, `/oauth2/token`,
//! `/oauth2/userInfo`, `/oauth2/revoke` and `/logout`, each answered by the pool's own OAuth
//! operation (`cognito::oauth`); this file adds only HTTP.
//!
//! ```text
//!  browser ─GET /oauth2/authorize─> checks ─302─> GET /login (form) ─POST /login─> 302 callback?code
//!  app ─POST /oauth2/token (code, code_verifier)─> tokens ─GET /oauth2/userInfo (Bearer)─> claims
//! ```
//!
//! Every request is a call in the event stream, with the same phases as an API call:
//! received (its parameters, secrets hidden by the log), checked (what Cognito checked, in
//! order) and responded (the status and, for a redirect, its `Location`). `--step` holds
//! each phase, so a browser waits on the learner's key.

mod page;

use std::sync::Arc;
use std::time::Instant;

use axum::Router;
use axum::body::{Body, to_bytes};
use axum::extract::{RawQuery, State};
use axum::http::{HeaderMap, HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use base64::Engine as _;
use serde::de::DeserializeOwned;
use serde_json::{Map, Value, json};

use crate::cognito::oauth::{
    Authorization, AuthorizeRequest, Authorized, LoginAnswer, LoginResult, LogoutRequest,
    LogoutTarget, TokenRequest, decode_form, percent_decode,
};
use crate::cognito::{ChallengeName, Check, CognitoError, Exception, UserPool};
use crate::words::{Language, Word, Words};

use super::events::{Caller, Failure, Phase};
use super::live::Answered;
use super::mock::Mock;
use super::routes::{Ongoing, Shared, blocking};
use super::wire;

/// The largest form or query the hosted UI reads.
const MAX_FORM_BYTES: usize = 64 * 1024;

/// The hosted UI's routes, merged into the server's router.
pub fn routes() -> Router<Arc<Shared>> {
    Router::new()
        .route("/oauth2/authorize", get(authorize))
        .route("/login", get(login_page).post(login))
        .route("/oauth2/token", axum::routing::post(token))
        .route("/oauth2/userInfo", get(user_info).post(user_info))
        .route("/oauth2/revoke", axum::routing::post(revoke))
        .route("/logout", get(logout))
        .route("/_cogflow/totp", get(totp_now))
}

/// The banner's hosted-UI lines: each confidential client's secret (`client_secret.NAME=`, for
/// the token endpoint's client authentication) and, for the first client whose hosted UI takes
/// the code flow, an authorize URL to open in a browser (`login_url=`; the redirect to its
/// first callback URL carries the code, readable in the address bar; a lesson in another
/// language than English asks for its pages in it, `lang=es`, as an app would). Each user
/// with an authenticator app gets `totp_secret.USERNAME=` (base32, what the app was given;
/// `GET /_cogflow/totp?username=` says the code it shows on the served clock).
#[must_use]
pub fn banner_lines(endpoint: &str, pool: &UserPool, language: Language) -> Vec<String> {
    let mut lines: Vec<String> = pool
        .clients()
        .iter()
        .filter_map(|c| Some(format!("client_secret.{}={}", c.name, c.secret.as_deref()?)))
        .collect();
    lines.extend(
        pool.totp_secrets()
            .into_iter()
            .map(|(username, secret)| format!("totp_secret.{username}={secret}")),
    );
    let browser = pool.clients().iter().find_map(|c| {
        let callback = c.oauth.callback_urls.first()?;
        c.oauth
            .allows(crate::cognito::OAuthFlow::Code)
            .then_some((c, callback))
    });
    if let Some((client, callback)) = browser {
        let request = AuthorizeRequest {
            response_type: Some("code".to_owned()),
            client_id: Some(client.client_id.clone()),
            redirect_uri: Some(callback.clone()),
            scope: Some("openid".to_owned()),
            lang: (language != Language::En).then(|| language.tag().to_owned()),
            ..AuthorizeRequest::default()
        };
        lines.push(format!(
            "login_url={}",
            request.url(&format!("{endpoint}/oauth2/authorize"))
        ));
    }
    lines
}

/// `pairs` as `T` (the first value of a repeated name wins).
fn parse<T: DeserializeOwned + Default>(pairs: &[(String, String)]) -> T {
    let mut map = Map::new();
    for (name, value) in pairs {
        map.entry(name.clone())
            .or_insert_with(|| Value::String(value.clone()));
    }
    serde_json::from_value(Value::Object(map)).unwrap_or_default()
}

/// The pairs as the JSON the event log shows.
fn as_json(pairs: &[(String, String)]) -> Value {
    let mut map = Map::new();
    for (name, value) in pairs {
        map.entry(name.clone())
            .or_insert_with(|| Value::String(value.clone()));
    }
    Value::Object(map)
}

/// The pool that has `client_id` among its app clients (else the default one).
fn pool_index(mock: &Mock, client_id: Option<&str>) -> usize {
    client_id
        .and_then(|id| mock.pools().iter().position(|p| p.app_client(id).is_some()))
        .unwrap_or(0)
}

/// One hosted-UI request in the event stream.
struct Traced {
    ongoing: Ongoing,
}

impl Traced {
    /// Emits the "received" phase (held under `--step`).
    async fn start(shared: &Shared, operation: &str, headers: &HeaderMap, request: Value) -> Self {
        let (call, request_id) = shared.next_call();
        let caller: Caller = wire::caller(headers);
        let ongoing = Ongoing {
            call,
            request_id,
            operation: operation.to_owned(),
            started: Instant::now(),
            caller: caller.clone(),
            request: Some(request.clone()),
        };
        ongoing
            .phase(shared, Phase::Received { caller, request })
            .await;
        Self { ongoing }
    }

    /// Emits "checked" with `checks` and the outcome in words.
    async fn checked(&self, shared: &Shared, checks: &[Check], outcome: String) {
        self.ongoing
            .phase(
                shared,
                Phase::Checked {
                    checks: checks.to_vec(),
                    outcome,
                },
            )
            .await;
    }

    /// Emits "responded" and hands back `response`.
    async fn respond(
        self,
        shared: &Shared,
        answer: Answer,
        checks: Vec<Check>,
        pool_id: Option<String>,
    ) -> Response {
        let elapsed = self.ongoing.started.elapsed();
        let status = answer.response.status().as_u16();
        let (crypto, frame) = {
            let mut mock = shared.lock();
            let index = pool_id
                .as_deref()
                .and_then(|id| mock.pools().iter().position(|p| p.pool_id() == id));
            match index.and_then(|i| mock.pool_mut(i)) {
                Some(pool) => {
                    let crypto = pool.take_crypto_log();
                    // The live view: this request as a step, with the lesson's panels.
                    let frame = shared.live.as_ref().map(|live| {
                        let request = self.ongoing.request.clone().unwrap_or(Value::Null);
                        let answered = Answered {
                            call: self.ongoing.call,
                            operation: &self.ongoing.operation,
                            request: &request,
                            caller: &self.ongoing.caller,
                            result: &answer.logged,
                            checks: &checks,
                            srp: None,
                            crypto: &crypto,
                            messages: &[],
                            elapsed_ms: elapsed.as_millis(),
                        };
                        let mut frame = live.frame(pool, &answered);
                        if let Some(api) = &mut frame.api {
                            api.status = Some(status);
                        }
                        Box::new(frame)
                    });
                    (crypto, frame)
                }
                None => (Vec::new(), None),
            }
        };
        let phase = Phase::Responded {
            status,
            response: answer.logged,
            checks,
            crypto,
            user: None,
            srp: None,
            pool_id,
            elapsed,
            frame,
        };
        self.ongoing.phase(shared, phase).await;
        answer.response
    }
}

/// An HTTP answer and what the log shows of it.
struct Answer {
    response: Response,
    logged: Result<Value, Failure>,
}

impl Answer {
    fn redirect(location: &str, cookies: &[String]) -> Self {
        let mut response = StatusCode::FOUND.into_response();
        if let Ok(value) = HeaderValue::from_str(location) {
            response.headers_mut().insert(header::LOCATION, value);
        }
        for cookie in cookies.iter().filter_map(|c| HeaderValue::from_str(c).ok()) {
            response.headers_mut().append(header::SET_COOKIE, cookie);
        }
        Self {
            response,
            logged: Ok(json!({ "Location": location })),
        }
    }

    fn html(
        status: StatusCode,
        body: String,
        cookie: Option<String>,
        logged: Result<Value, Failure>,
    ) -> Self {
        let mut response = (status, body).into_response();
        let headers = response.headers_mut();
        headers.insert(
            header::CONTENT_TYPE,
            HeaderValue::from_static("text/html; charset=utf-8"),
        );
        // Nothing but the page's own inline style may load; no frame may hold it.
        headers.insert(
            header::CONTENT_SECURITY_POLICY,
            HeaderValue::from_static(
                "default-src 'none'; style-src 'unsafe-inline'; frame-ancestors 'none'",
            ),
        );
        headers.insert(header::X_FRAME_OPTIONS, HeaderValue::from_static("DENY"));
        headers.insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
        if let Some(cookie) = cookie.and_then(|c| HeaderValue::from_str(&c).ok()) {
            headers.insert(header::SET_COOKIE, cookie);
        }
        Self { response, logged }
    }

    /// A JSON answer of the token, userInfo and revoke endpoints.
    fn json(status: StatusCode, body: &Value, logged: Result<Value, Failure>) -> Self {
        let text = if body.is_null() {
            String::new()
        } else {
            body.to_string()
        };
        let mut response = (status, text).into_response();
        let headers = response.headers_mut();
        headers.insert(
            header::CONTENT_TYPE,
            HeaderValue::from_static("application/json"),
        );
        headers.insert("access-control-allow-origin", HeaderValue::from_static("*"));
        headers.insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
        Self { response, logged }
    }

    /// An OAuth error body, `{"error": …, "error_description": …}`.
    fn oauth_error(status: StatusCode, error: &CognitoError) -> Self {
        let body = json!({ "error": error.exception.name(), "error_description": error.message });
        Self::json(status, &body, Err(failure(error, status)))
    }
}

fn failure(error: &CognitoError, status: StatusCode) -> Failure {
    Failure::wire(
        error.exception.name(),
        error.message.clone(),
        status.as_u16(),
    )
}

/// The error page, for a client or redirect URI that can't be trusted.
fn error_page(words: &Words, error: &CognitoError, checks: &[Check]) -> Answer {
    let detail = checks.iter().find(|c| !c.passed).map_or_else(
        || error.message.clone(),
        |c| format!("{}: {}", c.name, c.detail),
    );
    let status = StatusCode::BAD_REQUEST;
    Answer::html(
        status,
        page::error(words, error.exception.name(), &detail),
        None,
        Err(failure(error, status)),
    )
}

/// The query of a GET, bounded (cut at a character boundary).
fn query_pairs(query: Option<&str>) -> Vec<(String, String)> {
    let text = query.unwrap_or_default();
    let mut end = text.len().min(MAX_FORM_BYTES);
    while !text.is_char_boundary(end) {
        end -= 1;
    }
    decode_form(&text[..end])
}

/// A form body, bounded (a longer one is read as empty, so its fields are "missing").
async fn form_pairs(body: Body) -> Vec<(String, String)> {
    let bytes = to_bytes(body, MAX_FORM_BYTES).await.unwrap_or_default();
    decode_form(&String::from_utf8_lossy(&bytes))
}

/// The cookie that remembers managed login's page language (Cognito sets one after a request
/// with `lang`; its real name is not documented).
const LANG: &str = "cogflow-lang";

/// The pages' words: the request's `lang`, else the language an earlier `lang` left in the
/// cookie, else English (Cognito's default). A language the app has no words for is English.
/// In the served lesson's own language the lesson's `[messages]` replacements apply (they
/// are written in that language; another language's pages keep its table's words).
fn page_words(shared: &Shared, lang: Option<&str>, headers: &HeaderMap) -> Words {
    let language = lang
        .map(str::to_owned)
        .or_else(|| sent_cookie(headers, LANG))
        .and_then(|tag| Language::parse(&tag).ok())
        .unwrap_or_default();
    if language == shared.words.language() {
        shared.words.clone()
    } else {
        Words::new(language, &std::collections::BTreeMap::new())
    }
}

/// An authorize-shaped request in the event stream (`/oauth2/authorize`, the sign-in page
/// and its form all take authorize's parameters and are checked as authorize checks them),
/// with the page language it asks for.
struct AuthorizeCall {
    traced: Traced,
    request: AuthorizeRequest,
    /// Authorize's checks of the parameters.
    checks: Vec<Check>,
    pool_id: Option<String>,
    words: Words,
}

impl AuthorizeCall {
    /// Starts the call ("received") and runs authorize's checks. A request they refuse is
    /// answered here: the checks as the "checked" phase, then the redirect with the error, or
    /// the error page when the client or the redirect URI can't be trusted.
    async fn start(
        shared: &Arc<Shared>,
        operation: &str,
        headers: &HeaderMap,
        pairs: &[(String, String)],
    ) -> Result<(Self, Authorization), Response> {
        let traced = Traced::start(shared, operation, headers, as_json(pairs)).await;
        let request: AuthorizeRequest = parse(pairs);
        let (authorized, pool_id) = check_authorize(shared, &request).await;
        let words = page_words(shared, request.lang.as_deref(), headers);
        let call = Self {
            traced,
            request,
            checks: authorized.checks,
            pool_id,
            words,
        };
        let error = match authorized.result {
            Ok(authorization) => return Ok((call, authorization)),
            Err(error) => error,
        };
        let name = error.exception.name();
        let (outcome, answer) = match &authorized.location {
            Some(location) => (
                format!("redirect to redirect_uri with error={name}"),
                Answer::redirect(location, &[]),
            ),
            None => (
                format!("error page ({name}), no redirect"),
                error_page(&call.words, &error, &call.checks),
            ),
        };
        call.checked(shared, &call.checks, outcome).await;
        let checks = call.checks.clone();
        Err(call.respond(shared, answer, checks).await)
    }

    /// Emits "checked" with `checks` and the outcome in words.
    async fn checked(&self, shared: &Shared, checks: &[Check], outcome: String) {
        self.traced.checked(shared, checks, outcome).await;
    }

    /// Emits "responded" and hands back the answer, remembering a `lang` the request gave.
    async fn respond(self, shared: &Shared, mut answer: Answer, checks: Vec<Check>) -> Response {
        if self.request.lang.is_some() {
            let cookie = format!(
                "{LANG}={}; Path=/; Max-Age=31536000; SameSite=Lax",
                self.words.language().tag()
            );
            if let Ok(value) = HeaderValue::from_str(&cookie) {
                answer
                    .response
                    .headers_mut()
                    .append(header::SET_COOKIE, value);
            }
        }
        self.traced
            .respond(shared, answer, checks, self.pool_id)
            .await
    }

    /// A fresh CSRF token for a form on this call's pool.
    async fn csrf(&self, shared: &Arc<Shared>) -> String {
        new_csrf(shared, self.pool_id.as_deref()).await
    }
}

/// `GET /oauth2/authorize`: on to the sign-in page, or (signed in on this browser) straight
/// back with a code.
async fn authorize(
    State(shared): State<Arc<Shared>>,
    headers: HeaderMap,
    RawQuery(query): RawQuery,
) -> Response {
    let pairs = query_pairs(query.as_deref());
    let (call, authorization) =
        match AuthorizeCall::start(&shared, "GET /oauth2/authorize", &headers, &pairs).await {
            Ok(started) => started,
            Err(refused) => return refused,
        };
    call.checked(&shared, &call.checks, "the sign-in page".to_owned())
        .await;
    let mut checks = call.checks.clone();
    match signed_in_again(&shared, &headers, &authorization, call.pool_id.as_deref()).await {
        Some((again, location)) => {
            let outcome = "straight back with a code: signed in on this browser".to_owned();
            call.checked(&shared, &again, outcome).await;
            checks.extend(again);
            call.respond(&shared, Answer::redirect(&location, &[]), checks)
                .await
        }
        None => {
            let login = call.request.url(&format!("{}/login", shared.endpoint));
            call.respond(&shared, Answer::redirect(&login, &[]), checks)
                .await
        }
    }
}

/// Runs authorize's checks on the pool of the request's client.
async fn check_authorize(
    shared: &Arc<Shared>,
    request: &AuthorizeRequest,
) -> (Authorized, Option<String>) {
    let request = request.clone();
    blocking(shared, move |mock| {
        let index = pool_index(mock, request.client_id.as_deref());
        let pool = mock.pool_mut(index)?;
        Some((pool.oauth_authorize(&request), pool.pool_id().to_owned()))
    })
    .await
    .ok()
    .flatten()
    .map_or_else(
        || {
            (
                Authorized {
                    checks: Vec::new(),
                    result: Err(CognitoError::internal("no user pool is served")),
                    location: None,
                },
                None,
            )
        },
        |(authorized, pool_id)| (authorized, Some(pool_id)),
    )
}

/// The hosted UI's sign-in cookie: who signed in on this browser (`cognito::oauth::cookie`).
const SIGNED_IN: &str = "cogflow-signed-in";

/// The sign-in cookie's value the browser sent.
fn sent_sign_in(headers: &HeaderMap) -> Option<String> {
    sent_cookie(headers, SIGNED_IN)
}

/// An authorize from a browser still signed in: its checks and the redirect with a code, or
/// `None` (the form, then).
async fn signed_in_again(
    shared: &Arc<Shared>,
    headers: &HeaderMap,
    authorization: &crate::cognito::oauth::Authorization,
    pool_id: Option<&str>,
) -> Option<(Vec<Check>, String)> {
    let cookie = sent_sign_in(headers)?;
    let (authorization, pool_id) = (authorization.clone(), pool_id.map(str::to_owned));
    let attempt = blocking(shared, move |mock| {
        let index = pool_id
            .as_deref()
            .and_then(|id| mock.pools().iter().position(|p| p.pool_id() == id))
            .unwrap_or(0);
        mock.pool_mut(index)?.sign_in_again(&authorization, &cookie)
    })
    .await
    .ok()
    .flatten()?;
    match attempt.result {
        Ok(LoginResult::Redirect { location, .. }) => Some((attempt.checks, location)),
        _ => None,
    }
}

/// `XSRF-TOKEN=…`, the cookie the form's `_csrf` must match.
fn csrf_cookie(token: &str) -> String {
    format!("XSRF-TOKEN={token}; Path=/; HttpOnly; SameSite=Lax")
}

/// The `XSRF-TOKEN` cookie the browser sent.
fn sent_csrf(headers: &HeaderMap) -> Option<String> {
    sent_cookie(headers, "XSRF-TOKEN")
}

/// The value of cookie `name` the browser sent.
fn sent_cookie(headers: &HeaderMap, name: &str) -> Option<String> {
    headers
        .get_all(header::COOKIE)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(';'))
        .find_map(|c| {
            c.trim()
                .strip_prefix(name)
                .and_then(|rest| rest.strip_prefix('='))
                .map(str::to_owned)
        })
}

/// `Set-Cookie` values that clear the form's token and the sign-in.
const CLEAR_CSRF: &str = "XSRF-TOKEN=; Path=/; Max-Age=0; HttpOnly; SameSite=Lax";
const CLEAR_SIGN_IN: &str = "cogflow-signed-in=; Path=/; Max-Age=0; HttpOnly; SameSite=Lax";

/// A fresh CSRF token from the pool's seeded stream.
async fn new_csrf(shared: &Arc<Shared>, pool_id: Option<&str>) -> String {
    let pool_id = pool_id.map(str::to_owned);
    blocking(shared, move |mock| {
        let index = pool_id
            .as_deref()
            .and_then(|id| mock.pools().iter().position(|p| p.pool_id() == id))
            .unwrap_or(0);
        mock.pool_mut(index).map(UserPool::csrf_token)
    })
    .await
    .ok()
    .flatten()
    .unwrap_or_default()
}

/// `GET /login`: the same checks as authorize, then the sign-in form.
async fn login_page(
    State(shared): State<Arc<Shared>>,
    headers: HeaderMap,
    RawQuery(query): RawQuery,
) -> Response {
    let pairs = query_pairs(query.as_deref());
    let call = match AuthorizeCall::start(&shared, "GET /login", &headers, &pairs).await {
        Ok((call, _)) => call,
        Err(refused) => return refused,
    };
    call.checked(&shared, &call.checks, "the sign-in page".to_owned())
        .await;
    let csrf = call.csrf(&shared).await;
    let html = page::login(&call.words, &call.request.pairs(), &csrf, "", None);
    let answer = Answer::html(
        StatusCode::OK,
        html,
        Some(csrf_cookie(&csrf)),
        Ok(json!({"page": "sign-in form"})),
    );
    let checks = call.checks.clone();
    call.respond(&shared, answer, checks).await
}

/// Which challenge page a form answers: the new-password page posts `new_password`.
fn challenge_page(pairs: &[(String, String)]) -> page::ChallengePage {
    if pairs.iter().any(|(n, _)| n == "new_password") {
        page::ChallengePage::NewPassword
    } else {
        page::ChallengePage::Totp
    }
}

/// `POST /login`: the sign-in form (or a challenge page's) posted back.
async fn login(State(shared): State<Arc<Shared>>, headers: HeaderMap, body: Body) -> Response {
    let pairs = form_pairs(body).await;
    let field = |name: &str| {
        pairs
            .iter()
            .find(|(n, _)| n == name)
            .map(|(_, v)| v.clone())
            .unwrap_or_default()
    };
    let (call, authorization) =
        match AuthorizeCall::start(&shared, "POST /login", &headers, &pairs).await {
            Ok(started) => started,
            Err(refused) => return refused,
        };
    let params: Vec<(&str, &str)> = call.request.pairs();
    // The form must come from a page this server rendered for this browser.
    let csrf_ok = sent_csrf(&headers).is_some_and(|cookie| {
        !cookie.is_empty() && crate::cognito::oauth::constant_time_eq(&cookie, &field("_csrf"))
    });
    if !csrf_ok {
        let check = Check::new(
            "CSRF token",
            false,
            "the form's _csrf does not match the XSRF-TOKEN cookie: open the sign-in page again",
        );
        call.checked(
            &shared,
            std::slice::from_ref(&check),
            "the sign-in page again".to_owned(),
        )
        .await;
        let error = CognitoError::new(
            Exception::OAuthInvalidRequest,
            call.words.get(Word::HostedFormExpired),
        );
        let csrf = call.csrf(&shared).await;
        let html = page::login(
            &call.words,
            &params,
            &csrf,
            &field("username"),
            Some(&error.message),
        );
        let answer = Answer::html(
            StatusCode::FORBIDDEN,
            html,
            Some(csrf_cookie(&csrf)),
            Err(failure(&error, StatusCode::FORBIDDEN)),
        );
        return call.respond(&shared, answer, vec![check]).await;
    }
    let session = field("session");
    let answer = if session.is_empty() {
        LoginAnswer::Password {
            username: field("username"),
            password: field("password"),
        }
    } else if challenge_page(&pairs) == page::ChallengePage::NewPassword {
        LoginAnswer::NewPassword {
            session: session.clone(),
            new_password: field("new_password"),
        }
    } else {
        LoginAnswer::Totp {
            session: session.clone(),
            code: field("code"),
        }
    };
    let pool = call.pool_id.clone();
    let attempt = blocking(&shared, move |mock| {
        let index = pool
            .as_deref()
            .and_then(|id| mock.pools().iter().position(|p| p.pool_id() == id))
            .unwrap_or(0);
        mock.pool_mut(index)
            .map(|p| p.hosted_login(&authorization, &answer))
    })
    .await
    .ok()
    .flatten();
    let Some(attempt) = attempt else {
        let error = CognitoError::internal("the user pool is gone");
        let answer = error_page(&call.words, &error, &[]);
        return call.respond(&shared, answer, Vec::new()).await;
    };
    let outcome = match &attempt.result {
        Ok(LoginResult::Redirect { .. }) => "redirect to redirect_uri with the code".to_owned(),
        Ok(LoginResult::Challenge { name, .. }) => format!("the {} page", name.as_str()),
        Err(error) => format!("the page again, showing {error}"),
    };
    call.checked(&shared, &attempt.checks, outcome).await;
    let answer = match &attempt.result {
        Ok(LoginResult::Redirect { location, .. }) => {
            // The form is spent: its token goes with it. The browser is remembered as signed in.
            let mut cookies = vec![CLEAR_CSRF.to_owned()];
            if let Some(value) = &attempt.cookie {
                cookies.push(format!(
                    "{SIGNED_IN}={value}; Path=/; Max-Age={}; HttpOnly; SameSite=Lax",
                    crate::cognito::oauth::SIGN_IN_COOKIE_SECS
                ));
            }
            Answer::redirect(location, &cookies)
        }
        Ok(LoginResult::Challenge { name, session }) => {
            let kind = if *name == ChallengeName::NewPasswordRequired {
                page::ChallengePage::NewPassword
            } else {
                page::ChallengePage::Totp
            };
            let csrf = call.csrf(&shared).await;
            let html = page::challenge(&call.words, kind, &params, &csrf, session, None);
            Answer::html(
                StatusCode::OK,
                html,
                Some(csrf_cookie(&csrf)),
                Ok(json!({"page": name.as_str()})),
            )
        }
        Err(error) => {
            let csrf = call.csrf(&shared).await;
            let message = error.message.clone();
            let html = if session.is_empty() {
                page::login(
                    &call.words,
                    &params,
                    &csrf,
                    &field("username"),
                    Some(&message),
                )
            } else {
                let kind = challenge_page(&pairs);
                page::challenge(&call.words, kind, &params, &csrf, &session, Some(&message))
            };
            Answer::html(
                StatusCode::OK,
                html,
                Some(csrf_cookie(&csrf)),
                Err(failure(error, StatusCode::OK)),
            )
        }
    };
    call.respond(&shared, answer, attempt.checks).await
}

/// HTTP Basic credentials: `(client id, secret)`.
fn basic(headers: &HeaderMap) -> Option<(String, String)> {
    let value = headers.get(header::AUTHORIZATION)?.to_str().ok()?;
    let encoded = value
        .strip_prefix("Basic ")
        .or_else(|| value.strip_prefix("basic "))?;
    let decoded = base64::engine::general_purpose::STANDARD
        .decode(encoded.trim())
        .ok()?;
    let text = String::from_utf8(decoded).ok()?;
    let (id, secret) = text.split_once(':')?;
    // RFC 6749 §2.3.1: both halves are form-encoded before Base64.
    Some((percent_decode(id), percent_decode(secret)))
}

/// A form request's body, after the content type is checked.
async fn token_form(
    headers: &HeaderMap,
    body: Body,
) -> Result<Vec<(String, String)>, CognitoError> {
    let content_type = headers
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .unwrap_or_default();
    let pairs = form_pairs(body).await;
    if content_type.split(';').next().is_some_and(|t| {
        t.trim()
            .eq_ignore_ascii_case("application/x-www-form-urlencoded")
    }) {
        Ok(pairs)
    } else {
        Err(CognitoError::new(
            Exception::OAuthInvalidRequest,
            "Content-Type must be application/x-www-form-urlencoded",
        ))
    }
}

/// The `client_id` a token or revoke request names, to find its pool.
fn named_client(request: &TokenRequest) -> Option<String> {
    request
        .basic
        .as_ref()
        .map(|(id, _)| id.clone())
        .or_else(|| request.client_id.clone())
}

/// `POST /oauth2/token`.
async fn token(State(shared): State<Arc<Shared>>, headers: HeaderMap, body: Body) -> Response {
    oauth_form_call(
        shared,
        headers,
        body,
        "POST /oauth2/token",
        UserPool::oauth_token,
    )
    .await
}

/// `POST /oauth2/revoke`.
async fn revoke(State(shared): State<Arc<Shared>>, headers: HeaderMap, body: Body) -> Response {
    oauth_form_call(
        shared,
        headers,
        body,
        "POST /oauth2/revoke",
        UserPool::oauth_revoke,
    )
    .await
}

/// The token and revoke endpoints: a form (and Basic credentials) in, JSON out.
async fn oauth_form_call(
    shared: Arc<Shared>,
    headers: HeaderMap,
    body: Body,
    operation: &'static str,
    run: fn(&mut UserPool, &TokenRequest) -> crate::cognito::oauth::TokenAnswer,
) -> Response {
    let form = token_form(&headers, body).await;
    let mut logged = form.as_ref().map(|p| as_json(p)).unwrap_or(Value::Null);
    let basic = basic(&headers);
    if let (Some((id, _)), Some(map)) = (&basic, logged.as_object_mut()) {
        map.insert(
            "Authorization".to_owned(),
            json!(format!("Basic <{id}:secret>")),
        );
    }
    let traced = Traced::start(&shared, operation, &headers, logged).await;
    let pairs = match form {
        Ok(pairs) => pairs,
        Err(error) => {
            let answer = Answer::oauth_error(StatusCode::BAD_REQUEST, &error);
            return traced.respond(&shared, answer, Vec::new(), None).await;
        }
    };
    let mut request: TokenRequest = parse(&pairs);
    request.basic = basic;
    let client = named_client(&request);
    let found = blocking(&shared, move |mock| {
        let index = pool_index(mock, client.as_deref());
        let pool = mock.pool_mut(index)?;
        Some((run(pool, &request), pool.pool_id().to_owned()))
    })
    .await
    .ok()
    .flatten();
    let Some((answer, pool_id)) = found else {
        let error = CognitoError::internal("no user pool is served");
        let answer = Answer::oauth_error(StatusCode::INTERNAL_SERVER_ERROR, &error);
        return traced.respond(&shared, answer, Vec::new(), None).await;
    };
    let outcome = match &answer.result {
        Ok(_) => "200".to_owned(),
        Err(e) => e.exception.name().to_owned(),
    };
    traced.checked(&shared, &answer.checks, outcome).await;
    let response = match &answer.result {
        Ok(body) => Answer::json(StatusCode::OK, body, Ok(body.clone())),
        Err(error) => {
            // The revocation endpoint answers a failed client authentication with 401 [DG].
            let status = if operation.ends_with("revoke")
                && error.exception == Exception::OAuthInvalidClient
            {
                StatusCode::UNAUTHORIZED
            } else {
                StatusCode::BAD_REQUEST
            };
            Answer::oauth_error(status, error)
        }
    };
    traced
        .respond(&shared, response, answer.checks, Some(pool_id))
        .await
}

/// `GET|POST /oauth2/userInfo` with `Authorization: Bearer …`.
async fn user_info(State(shared): State<Arc<Shared>>, headers: HeaderMap) -> Response {
    let bearer = headers
        .get(header::AUTHORIZATION)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| {
            v.strip_prefix("Bearer ")
                .or_else(|| v.strip_prefix("bearer "))
        })
        .map(|t| t.trim().to_owned());
    let logged = json!({ "Authorization": bearer.as_ref().map(|t| format!("Bearer {t}")) });
    let traced = Traced::start(&shared, "GET /oauth2/userInfo", &headers, logged).await;
    let issuer = bearer
        .as_deref()
        .and_then(crate::cognito::decode_unverified)
        .and_then(|(_, claims)| claims.get("iss")?.as_str().map(str::to_owned));
    let found = blocking(&shared, move |mock| {
        let index = issuer
            .and_then(|iss| mock.pools().iter().position(|p| p.issuer() == iss))
            .unwrap_or(0);
        let pool = mock.pool_mut(index)?;
        Some((pool.user_info(bearer.as_deref()), pool.pool_id().to_owned()))
    })
    .await
    .ok()
    .flatten();
    let Some(((checks, result), pool_id)) = found else {
        let error = CognitoError::internal("no user pool is served");
        let answer = Answer::oauth_error(StatusCode::INTERNAL_SERVER_ERROR, &error);
        return traced.respond(&shared, answer, Vec::new(), None).await;
    };
    let outcome = match &result {
        Ok(_) => "200".to_owned(),
        Err(e) => e.exception.name().to_owned(),
    };
    traced.checked(&shared, &checks, outcome).await;
    let answer = match &result {
        Ok(body) => Answer::json(StatusCode::OK, body, Ok(body.clone())),
        Err(error) => {
            let status = if error.exception == Exception::OAuthInvalidToken {
                StatusCode::UNAUTHORIZED
            } else {
                StatusCode::BAD_REQUEST
            };
            let mut answer = Answer::oauth_error(status, error);
            let challenge = format!(
                "Bearer error=\"{}\", error_description=\"{}\"",
                error.exception.name(),
                error.message
            );
            if let Ok(value) = HeaderValue::from_str(&challenge) {
                answer
                    .response
                    .headers_mut()
                    .insert(header::WWW_AUTHENTICATE, value);
            }
            answer
        }
    };
    traced.respond(&shared, answer, checks, Some(pool_id)).await
}

/// `GET /logout`: clears the sign-in cookie, then a registered sign-out URL or the sign-in page.
async fn logout(
    State(shared): State<Arc<Shared>>,
    headers: HeaderMap,
    RawQuery(query): RawQuery,
) -> Response {
    let pairs = query_pairs(query.as_deref());
    let traced = Traced::start(&shared, "GET /logout", &headers, as_json(&pairs)).await;
    let request: LogoutRequest = parse(&pairs);
    let words = page_words(&shared, None, &headers);
    let client = request.client_id.clone();
    let cookie = sent_sign_in(&headers);
    let found = blocking(&shared, move |mock| {
        let index = pool_index(mock, client.as_deref());
        let pool = mock.pool_mut(index)?;
        let answer = pool.oauth_logout(&request);
        if let (Ok(_), Some(cookie)) = (&answer.1, cookie) {
            pool.forget_sign_in(&cookie);
        }
        Some((answer, pool.pool_id().to_owned()))
    })
    .await
    .ok()
    .flatten();
    let Some(((checks, result), pool_id)) = found else {
        let error = CognitoError::internal("no user pool is served");
        return traced
            .respond(&shared, error_page(&words, &error, &[]), Vec::new(), None)
            .await;
    };
    let outcome = match &result {
        Ok(LogoutTarget::SignedOut(url)) => format!("redirect to {url}"),
        Ok(LogoutTarget::SignInAgain(_)) => "the sign-in page again".to_owned(),
        Err(e) => format!("error page ({})", e.exception.name()),
    };
    traced.checked(&shared, &checks, outcome).await;
    let clear = [CLEAR_CSRF.to_owned(), CLEAR_SIGN_IN.to_owned()];
    let answer = match &result {
        Ok(LogoutTarget::SignedOut(url)) => Answer::redirect(url, &clear),
        Ok(LogoutTarget::SignInAgain(path)) => {
            Answer::redirect(&format!("{}{path}", shared.endpoint), &clear)
        }
        Err(error) => error_page(&words, error, &checks),
    };
    traced.respond(&shared, answer, checks, Some(pool_id)).await
}

/// `GET /_cogflow/totp?username=…[&pool_id=…]`: the code `username`'s authenticator app
/// shows now on the served clock (what the learner types on the authenticator page), and
/// the secret it was given.
async fn totp_now(State(shared): State<Arc<Shared>>, RawQuery(query): RawQuery) -> Response {
    let pairs = query_pairs(query.as_deref());
    let named = |name: &str| {
        pairs
            .iter()
            .find(|(n, _)| n == name)
            .map(|(_, v)| v.clone())
    };
    let (username, pool_id) = (named("username").unwrap_or_default(), named("pool_id"));
    let mut mock = shared.lock();
    let now = mock.tick(super::clock::wall_now());
    let found = mock
        .pools()
        .iter()
        .filter(|p| pool_id.as_deref().is_none_or(|id| p.pool_id() == id))
        .find_map(|p| Some((p.totp_now(&username)?, p.totp_secret(&username)?)));
    let (status, body) = match found {
        Some((code, secret)) => (
            StatusCode::OK,
            json!({"username": username, "code": code, "secret": secret, "at": now}),
        ),
        None => (
            StatusCode::NOT_FOUND,
            json!({"message": format!("No user {username:?} with an authenticator app is served here")}),
        ),
    };
    Answer::json(status, &body, Ok(Value::Null)).response
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_banner_asks_for_pages_in_the_lessons_language_and_gives_authenticator_secrets() {
        let mut scenario = crate::scenario::resolve(Some("hosted-ui-pkce")).unwrap();
        scenario.file.pool.users[0].totp = true;
        let (pool, _) = crate::flow::Setup::main(&scenario.file).build(3).unwrap();
        let lines = |language| banner_lines("http://127.0.0.1:1", &pool, language);
        let login = |lines: &[String]| {
            lines
                .iter()
                .find_map(|l| l.strip_prefix("login_url="))
                .unwrap()
                .to_owned()
        };
        let english = lines(Language::En);
        assert!(!login(&english).contains("lang="), "{english:?}");
        let spanish = lines(Language::Es);
        assert!(login(&spanish).ends_with("&lang=es"), "{spanish:?}");
        let secret = english
            .iter()
            .find_map(|l| l.strip_prefix("totp_secret.alice="))
            .unwrap_or_else(|| panic!("{english:?}"));
        assert_eq!(Some(secret.to_owned()), pool.totp_secret("alice"));
        assert!(
            english
                .iter()
                .any(|l| l.starts_with("client_secret.backend="))
        );
    }
}
