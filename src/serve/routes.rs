//! The HTTP routes: Cognito's API at `POST /`, the JWKS and OpenID configuration under each
//! pool's path, and cogflow's own `/_cogflow/*` helpers. Other parts add their routes in
//! [`router`] (the hosted UI's `/oauth2/*` and `/login`, labs).

use std::collections::BTreeMap;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::mpsc::Sender;
use std::sync::{Arc, Mutex, MutexGuard, PoisonError};
use std::time::{Duration, Instant};

use axum::Router;
use axum::body::{Body, to_bytes};
use axum::extract::{Path, Query, State};
use axum::http::{HeaderMap, StatusCode, header};
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use rand::SeedableRng;
use serde_json::{Value, json};

use crate::cognito::{
    AuthCall, AuthPhase, Check, CheckOutcome, CognitoError, CryptoCost, UserView,
};

use super::clock::{parse_duration, wall_now};
use super::events::{CallEvent, Caller, Event, Failure, Hold, Phase};
use super::live::{Answered, Live};
use super::mock::{Mock, subject_view};
use super::ops::{self, Operation, Run};
use super::wire;

/// How long a client may take to send its body before the call is dropped (a slow client
/// then only ties up its own connection).
const BODY_TIMEOUT: Duration = Duration::from_secs(30);

/// How a server is run.
#[derive(Debug, Default)]
pub struct Options {
    /// `--step`: hold each call at each phase until the consumer resumes it.
    pub step: bool,
    /// The seed request ids derive from.
    pub seed: u64,
    /// Record every answered call as a frame for the live view.
    pub live: Option<Live>,
    /// The served lesson's words: its language with its `[messages]` replacements, which
    /// the hosted pages use when they are shown in that language.
    pub words: crate::words::Words,
}

/// What every handler shares.
pub struct Shared {
    /// The served pools. Locked only while the mock works, never while a call is held.
    pub mock: Mutex<Mock>,
    /// Where events go (the plain log, the TUI).
    pub events: Sender<Event>,
    /// `--step`: hold each call at each phase until the consumer resumes it.
    pub step: bool,
    /// The endpoint clients reach, e.g. `http://127.0.0.1:9229` (no trailing slash).
    pub endpoint: String,
    /// Derives request ids.
    pub seed: u64,
    /// Set for the live view: every answered call is also recorded as a frame.
    pub live: Option<Live>,
    /// The served lesson's words (see [`Options::words`]).
    pub words: crate::words::Words,
    /// One permit per core for the argon2id verifies made with the mock unlocked: more at
    /// once would not be faster, and each holds 19 MiB of working memory while it runs.
    verifiers: tokio::sync::Semaphore,
    calls: AtomicU64,
}

impl Shared {
    /// The state for a server over `mock`.
    #[must_use]
    pub fn new(mock: Mock, events: Sender<Event>, options: Options, endpoint: String) -> Self {
        Self {
            mock: Mutex::new(mock),
            events,
            step: options.step,
            endpoint,
            seed: options.seed,
            live: options.live,
            words: options.words,
            verifiers: tokio::sync::Semaphore::new(
                std::thread::available_parallelism().map_or(1, std::num::NonZero::get),
            ),
            calls: AtomicU64::new(0),
        }
    }

    /// The mock, even if a panicking call poisoned the lock (the pools stay usable).
    pub fn lock(&self) -> MutexGuard<'_, Mock> {
        self.mock.lock().unwrap_or_else(PoisonError::into_inner)
    }

    /// The next call number and its request id (a UUID from the seed, so runs repeat).
    pub(super) fn next_call(&self) -> (u64, String) {
        let n = self.calls.fetch_add(1, Ordering::Relaxed) + 1;
        let mut rng = rand::rngs::StdRng::seed_from_u64(crate::cognito::derive_seed(
            self.seed ^ 0x5E2E_0000,
            n,
        ));
        (n, crate::cognito::uuid_v4(&mut rng))
    }

    pub(super) fn emit(&self, event: Event) {
        // Nobody listening (a test without a consumer) is fine.
        let _ = self.events.send(event);
    }

    /// Moves the served clock `secs` forward for every pool (`POST /_cogflow/clock`, the live
    /// view's clock keys) and says so on the event stream. Returns the new time.
    pub fn advance_clock(&self, secs: u64) -> u64 {
        let now = self.lock().advance(wall_now(), secs);
        if secs > 0 {
            self.emit(Event::Clock {
                now,
                advanced: secs,
            });
        }
        now
    }
}

/// Every route. Extend here.
pub fn router(shared: Arc<Shared>) -> Router {
    Router::new()
        .route("/", post(api).get(index).options(preflight))
        .route("/{pool_id}/.well-known/jwks.json", get(jwks))
        .route(
            "/{pool_id}/.well-known/openid-configuration",
            get(openid_configuration),
        )
        .route("/_cogflow/messages", get(messages))
        .route("/_cogflow/clock", get(clock).post(move_clock))
        .route("/_cogflow/faults", get(faults).post(set_faults))
        .merge(super::hosted::routes())
        .fallback(not_found)
        .with_state(shared)
}

/// A call in progress: its number, id and operation, for the events it emits.
pub(super) struct Ongoing {
    pub(super) call: u64,
    pub(super) request_id: String,
    pub(super) operation: String,
    pub(super) started: Instant,
    pub(super) caller: Caller,
    /// The request as received, kept for the live view's frame.
    pub(super) request: Option<Value>,
}

impl Ongoing {
    /// Emits `phase` and, under `--step`, waits until the consumer resumes the call.
    pub(super) async fn phase(&self, shared: &Shared, phase: Phase) {
        let at = shared.lock().tick(wall_now());
        let (hold, resumed) = if shared.step {
            let (hold, resumed) = Hold::new();
            (Some(hold), Some(resumed))
        } else {
            (None, None)
        };
        shared.emit(Event::Call(Box::new(CallEvent {
            call: self.call,
            request_id: self.request_id.clone(),
            operation: self.operation.clone(),
            at,
            phase,
            hold,
        })));
        if let Some(resumed) = resumed {
            // A dropped hold (the consumer quit) also lets the call go on.
            let _ = resumed.await;
        }
    }

    /// Emits the answer's phase and builds the HTTP response.
    async fn respond(self, shared: &Shared, done: Done) -> Response {
        let status = match &done.result {
            Ok(_) => 200,
            Err(failure) => failure.status,
        };
        let response = match &done.result {
            Ok(body) => wire::success(body, &self.request_id),
            Err(failure) => wire::failure(failure, &self.request_id),
        };
        let elapsed = self.started.elapsed();
        let (messages, frame) = {
            let mut mock = shared.lock();
            let messages = mock.take_messages();
            let frame = shared
                .live
                .as_ref()
                .and_then(|live| self.frame(live, &mut mock, &done, &messages, elapsed))
                .map(Box::new);
            (messages, frame)
        };
        let phase = Phase::Responded {
            status,
            response: done.result,
            checks: done.checks,
            crypto: done.crypto,
            user: done.user,
            pool_id: done.pool_id,
            srp: done.srp,
            elapsed,
            frame,
        };
        self.phase(shared, phase).await;
        for (pool_id, message) in messages {
            shared.emit(Event::Message { pool_id, message });
        }
        response
    }
}

impl Ongoing {
    /// The live view's frame of this call, on the pool that answered it (the default pool
    /// when none did: a request refused before routing). Made with the mock locked, right
    /// after the answer; a call another client makes in between would show in it too.
    fn frame(
        &self,
        live: &Live,
        mock: &mut Mock,
        done: &Done,
        messages: &[(String, crate::cognito::DeliveredMessage)],
        elapsed: Duration,
    ) -> Option<crate::flow::Frame> {
        let index = mock
            .pools()
            .iter()
            .position(|p| Some(p.pool_id()) == done.pool_id.as_deref())
            .unwrap_or(0);
        let request = self.request.clone().unwrap_or(Value::Null);
        let answered = Answered {
            call: self.call,
            operation: &self.operation,
            request: &request,
            caller: &self.caller,
            result: &done.result,
            checks: &done.checks,
            srp: done.srp.as_deref(),
            crypto: &done.crypto,
            messages,
            elapsed_ms: elapsed.as_millis(),
        };
        Some(live.frame(mock.pool_mut(index)?, &answered))
    }
}

/// What running an operation came to.
struct Done {
    result: Result<Value, Failure>,
    checks: Vec<Check>,
    crypto: Vec<CryptoCost>,
    user: Option<UserView>,
    pool_id: Option<String>,
    srp: Option<Box<crate::cognito::SrpExchange>>,
}

impl Done {
    fn failed(failure: Failure) -> Self {
        Self {
            result: Err(failure),
            checks: Vec::new(),
            crypto: Vec::new(),
            user: None,
            pool_id: None,
            srp: None,
        }
    }

    /// The outcome of a call on `pool`, with what it cost and the caller's user after it.
    fn on_pool(
        pool: &mut crate::cognito::UserPool,
        request: &Value,
        result: Result<Value, Failure>,
        checks: Vec<Check>,
    ) -> Self {
        Self {
            result,
            checks,
            crypto: pool.take_crypto_log(),
            user: subject_view(pool, request),
            pool_id: Some(pool.pool_id().to_owned()),
            srp: None,
        }
    }
}

/// "The mock has no such pool" after routing found one: never expected.
fn lost_pool() -> Failure {
    Failure::wire("InternalErrorException", "the routed pool is gone", 500)
}

/// A held sign-in whose pool DeleteUserPool removed meanwhile: Cognito's answer for a pool
/// that does not exist.
fn deleted_pool(pool_id: &str) -> Failure {
    CognitoError::unknown_pool(pool_id).into()
}

/// `POST /`: one Cognito API call.
async fn api(State(shared): State<Arc<Shared>>, headers: HeaderMap, body: Body) -> Response {
    let (call, request_id) = shared.next_call();
    let target = headers
        .get("x-amz-target")
        .and_then(|v| v.to_str().ok())
        .map(str::to_owned);
    let operation_name = match wire::operation_name(target.as_deref()) {
        Ok(name) => name.to_owned(),
        Err(_) => target
            .clone()
            .unwrap_or_else(|| "(no X-Amz-Target)".to_owned()),
    };
    let mut ongoing = Ongoing {
        call,
        request_id,
        operation: wire::printable(&operation_name),
        started: Instant::now(),
        caller: wire::caller(&headers),
        request: None,
    };
    let bytes =
        match tokio::time::timeout(BODY_TIMEOUT, to_bytes(body, wire::MAX_BODY_BYTES + 1)).await {
            Ok(Ok(bytes)) => bytes,
            Ok(Err(_)) => {
                let failure = wire::too_large(wire::MAX_BODY_BYTES + 1);
                return rejected(&shared, ongoing, Value::Null, failure).await;
            }
            Err(_) => {
                let failure = Failure::wire(
                    "SerializationException",
                    format!(
                        "The request body did not arrive within {} s",
                        BODY_TIMEOUT.as_secs()
                    ),
                    400,
                );
                return rejected(&shared, ongoing, Value::Null, failure).await;
            }
        };
    let framed = wire::operation_name(target.as_deref())
        .and_then(|name| {
            ops::find(name).ok_or_else(|| {
                let served: Vec<&str> = ops::OPERATIONS.iter().map(|op| op.name).collect();
                wire::unknown_operation(name, &served)
            })
        })
        .and_then(|op| {
            let content_type = headers
                .get(header::CONTENT_TYPE)
                .and_then(|v| v.to_str().ok());
            wire::check_content_type(content_type)?;
            Ok((op, wire::parse_body(&bytes)?))
        });
    let (op, request) = match framed {
        Ok(framed) => framed,
        Err(failure) => {
            let seen = raw_request(&bytes);
            return rejected(&shared, ongoing, seen, failure).await;
        }
    };
    if shared.live.is_some() {
        ongoing.request = Some(request.clone());
    }
    ongoing
        .phase(
            &shared,
            Phase::Received {
                caller: ongoing.caller.clone(),
                request: request.clone(),
            },
        )
        .await;
    let done = run(&shared, &ongoing, op, request).await;
    ongoing.respond(&shared, done).await
}

/// A request refused before any operation ran: its two phases, then the failure.
async fn rejected(
    shared: &Shared,
    mut ongoing: Ongoing,
    request: Value,
    failure: Failure,
) -> Response {
    if shared.live.is_some() {
        ongoing.request = Some(request.clone());
    }
    let caller = ongoing.caller.clone();
    ongoing
        .phase(shared, Phase::Received { caller, request })
        .await;
    ongoing.respond(shared, Done::failed(failure)).await
}

/// What a refused request's body was, for the log: its JSON, or its first 200 characters as
/// text when it is not JSON.
fn raw_request(bytes: &[u8]) -> Value {
    serde_json::from_slice(bytes).unwrap_or_else(|_| {
        Value::String(String::from_utf8_lossy(bytes).chars().take(200).collect())
    })
}

/// Runs `op` on the mock, off the async thread (argon2 takes milliseconds).
async fn run(
    shared: &Arc<Shared>,
    ongoing: &Ongoing,
    op: &'static Operation,
    request: Value,
) -> Done {
    match op.run {
        Run::Pool(f) => blocking(shared, move |mock| {
            let index = match mock.route(&request) {
                Ok(index) => index,
                Err(e) => return Done::failed(e.into()),
            };
            let Some(pool) = mock.pool_mut(index) else {
                return Done::failed(lost_pool());
            };
            // A fault set on purpose (POST /_cogflow/faults) answers before the operation runs.
            let result = match pool.check_fault(op.name) {
                Ok(()) => f(pool, request.clone()),
                Err(error) => Err(error.into()),
            };
            Done::on_pool(pool, &request, result, Vec::new())
        })
        .await
        .unwrap_or_else(Done::failed),
        Run::Mock(f) => blocking(shared, move |mock| {
            let mut done = Done::failed(lost_pool());
            done.result = f(mock, request);
            done
        })
        .await
        .unwrap_or_else(Done::failed),
        Run::Phased(start) => phased(shared, ongoing, op.name, start, request).await,
    }
}

/// A phased sign-in: checks (held), then the answer, the lock released in between.
async fn phased(
    shared: &Arc<Shared>,
    ongoing: &Ongoing,
    operation: &'static str,
    start: fn(&crate::cognito::UserPool, Value) -> Result<AuthCall, Failure>,
    request: Value,
) -> Done {
    let body = request.clone();
    let started = blocking(shared, move |mock| {
        let index = mock.route(&body).map_err(Failure::from)?;
        let pool = mock.pool_mut(index).ok_or_else(lost_pool)?;
        pool.check_fault(operation).map_err(Failure::from)?;
        let call = start(pool, body)?;
        let ahead = pool.verify_ahead(&call);
        Ok((pool.pool_id().to_owned(), call, ahead))
    })
    .await
    .and_then(|started| started);
    // The pool is found again by id under each later lock: DeleteUserPool may come between.
    let (pool_id, call, ahead) = match started {
        Ok(started) => started,
        Err(failure) => return Done::failed(failure),
    };
    // argon2id with the mock unlocked, so sign-ins verify side by side (see cognito::Ahead).
    let verified = match ahead {
        Some(ahead) => {
            let _core = shared.verifiers.acquire().await;
            tokio::task::spawn_blocking(move || ahead.run()).await.ok()
        }
        None => None,
    };
    let id = pool_id.clone();
    let checked = blocking(shared, move |mock| {
        let pool = mock.pool_named_mut(&id).ok_or_else(|| deleted_pool(&id))?;
        let mut call = call;
        match verified {
            Some(verified) => pool.advance_auth_verified(&mut call, verified),
            None => pool.advance_auth(&mut call),
        };
        Ok(call)
    })
    .await
    .and_then(|checked| checked);
    let mut call = match checked {
        Ok(call) => call,
        Err(failure) => return Done::failed(failure),
    };
    if let AuthPhase::CredentialsChecked(outcome) = call.phase() {
        let outcome = match outcome {
            CheckOutcome::Authenticated => "tokens".to_owned(),
            CheckOutcome::Challenge(name) => format!("challenge {}", name.as_str()),
            CheckOutcome::Rejected(e) => e.to_string(),
        };
        let checks = call.checks().to_vec();
        ongoing
            .phase(shared, Phase::Checked { checks, outcome })
            .await;
    }
    blocking(shared, move |mock| {
        let Some(pool) = mock.pool_named_mut(&pool_id) else {
            return Done::failed(deleted_pool(&pool_id));
        };
        pool.advance_auth(&mut call);
        let result = match call.response() {
            Some(Ok(response)) => ops::encode(response),
            Some(Err(e)) => Err(e.clone().into()),
            None => Err(lost_pool()),
        };
        Done {
            srp: call.srp().cloned().map(Box::new),
            ..Done::on_pool(pool, &request, result, call.checks().to_vec())
        }
    })
    .await
    .unwrap_or_else(Done::failed)
}

/// Runs `f` on the locked mock (clock brought up to date) on tokio's blocking pool.
///
/// # Errors
/// `InternalErrorException` (HTTP 500) if `f` panicked: reported, never a dropped connection.
pub(super) async fn blocking<T: Send + 'static>(
    shared: &Arc<Shared>,
    f: impl FnOnce(&mut Mock) -> T + Send + 'static,
) -> Result<T, Failure> {
    let shared = Arc::clone(shared);
    tokio::task::spawn_blocking(move || {
        let mut mock = shared.lock();
        mock.tick(wall_now());
        f(&mut mock)
    })
    .await
    .map_err(|e| {
        Failure::wire(
            "InternalErrorException",
            format!("the mock failed: {e}"),
            500,
        )
    })
}

/// `OPTIONS` anywhere: a CORS preflight (browser clients such as identity-js send one).
async fn preflight(headers: HeaderMap) -> Response {
    let requested = headers
        .get("access-control-request-headers")
        .and_then(|v| v.to_str().ok());
    wire::preflight(requested)
}

/// `GET /`: what is served here, for a learner who opens the endpoint in a browser.
async fn index(State(shared): State<Arc<Shared>>) -> Response {
    let mock = shared.lock();
    let pools: Vec<Value> = mock
        .pools()
        .iter()
        .map(|p| {
            json!({
                "user_pool_id": p.pool_id(),
                "client_id": p.client_id(),
                "app_clients": p.clients().iter().map(|c| json!({"name": c.name, "client_id": c.client_id})).collect::<Vec<_>>(),
                "issuer": p.issuer(),
                "jwks_url": format!("{}/{}/.well-known/jwks.json", shared.endpoint, p.pool_id()),
            })
        })
        .collect();
    let operations: Vec<&str> = ops::OPERATIONS.iter().map(|op| op.name).collect();
    json_response(
        StatusCode::OK,
        &json!({
            "service": "cogflow serve: a mock Amazon Cognito user pool (POST / with X-Amz-Target)",
            "endpoint": shared.endpoint,
            "pools": pools,
            "operations": operations,
        }),
    )
}

/// `GET /{pool_id}/.well-known/jwks.json`.
async fn jwks(State(shared): State<Arc<Shared>>, Path(pool_id): Path<String>) -> Response {
    // Waits for key generation the first time (a fraction of a second), off the async thread.
    let found = blocking(&shared, move |mock| {
        mock.pool(&pool_id).map(crate::cognito::UserPool::jwks)
    })
    .await;
    match found {
        Ok(Some(jwks)) => json_response(StatusCode::OK, &jwks),
        Ok(None) | Err(_) => unknown_pool_page(),
    }
}

/// `GET /{pool_id}/.well-known/openid-configuration`: issuer and JWKS location. The issuer
/// is the tokens' `iss` (AWS's unless `--issuer local`); `jwks_uri` always points here, so a
/// discovering verifier fetches the served keys.
async fn openid_configuration(
    State(shared): State<Arc<Shared>>,
    Path(pool_id): Path<String>,
) -> Response {
    let issuer = shared
        .lock()
        .pool(&pool_id)
        .map(crate::cognito::UserPool::issuer);
    let Some(issuer) = issuer else {
        return unknown_pool_page();
    };
    json_response(
        StatusCode::OK,
        &json!({
            "issuer": issuer,
            "jwks_uri": format!("{}/{pool_id}/.well-known/jwks.json", shared.endpoint),
            "subject_types_supported": ["public"],
            "id_token_signing_alg_values_supported": ["RS256"],
            "response_types_supported": ["code", "token"],
            "scopes_supported": ["openid", "email", "phone", "profile", "aws.cognito.signin.user.admin"],
            // The hosted UI's endpoints: on the domain in AWS, on this one listener here.
            "authorization_endpoint": format!("{}/oauth2/authorize", shared.endpoint),
            "token_endpoint": format!("{}/oauth2/token", shared.endpoint),
            "userinfo_endpoint": format!("{}/oauth2/userInfo", shared.endpoint),
            "revocation_endpoint": format!("{}/oauth2/revoke", shared.endpoint),
            "end_session_endpoint": format!("{}/logout", shared.endpoint),
            "token_endpoint_auth_methods_supported": ["client_secret_basic", "client_secret_post"],
            "code_challenge_methods_supported": ["S256"],
            "grant_types_supported": ["authorization_code", "refresh_token", "client_credentials"],
        }),
    )
}

fn unknown_pool_page() -> Response {
    json_response(
        StatusCode::NOT_FOUND,
        &json!({"message": "No user pool with that id is served here (see GET / for the pools)"}),
    )
}

/// `GET /_cogflow/messages[?username=…][&pool_id=…]`: every code and invitation "sent".
async fn messages(
    State(shared): State<Arc<Shared>>,
    Query(filter): Query<BTreeMap<String, String>>,
) -> Response {
    let mock = shared.lock();
    let list: Vec<Value> = mock
        .messages()
        .into_iter()
        .filter(|(pool_id, m)| {
            filter.get("username").is_none_or(|u| *u == m.username)
                && filter.get("pool_id").is_none_or(|p| p == pool_id)
        })
        .map(|(pool_id, m)| {
            json!({
                "pool_id": pool_id,
                "username": m.username,
                "destination": m.destination,
                "masked_destination": m.masked_destination,
                "kind": m.kind,
                "code": m.code,
                "sent_at": m.sent_at,
                "expires_at": m.expires_at,
                "message": m.message,
            })
        })
        .collect();
    json_response(StatusCode::OK, &json!({ "messages": list }))
}

/// `GET /_cogflow/clock`: the served time.
async fn clock(State(shared): State<Arc<Shared>>) -> Response {
    let mut mock = shared.lock();
    let now = mock.tick(wall_now());
    json_response(StatusCode::OK, &clock_body(now, 0, mock.is_frozen()))
}

/// `POST /_cogflow/clock` with `{"advance": "61m"}` (moves time forward for every pool) and/or
/// `{"freeze": true|false}` (stops or restarts it, so an expiry can be looked at to the second).
async fn move_clock(State(shared): State<Arc<Shared>>, body: Body) -> Response {
    let bytes = to_bytes(body, 4096).await.unwrap_or_default();
    let request = serde_json::from_slice::<Value>(&bytes).unwrap_or(Value::Null);
    let advance = match request.get("advance") {
        None => Ok(0),
        Some(Value::String(text)) => parse_duration(text),
        Some(Value::Number(n)) => n.as_u64().ok_or_else(|| {
            "`advance` must be a whole number of seconds or a duration such as \"61m\"".to_owned()
        }),
        Some(_) => Err("`advance` must be a duration such as \"61m\" (s, m, h or d)".to_owned()),
    };
    let freeze = request.get("freeze").map(|f| f.as_bool().ok_or(()));
    let (secs, freeze) = match (advance, freeze, request.is_object()) {
        (Ok(secs), Some(Ok(freeze)), true) => (secs, Some(freeze)),
        (Ok(secs), None, true) if request.get("advance").is_some() => (secs, None),
        (Err(message), _, _) => return bad_clock_request(&message),
        _ => {
            return bad_clock_request(
                "send {\"advance\": \"61m\"} (s, m, h or d) and/or {\"freeze\": true}",
            );
        }
    };
    if let Some(freeze) = freeze {
        shared.lock().freeze(wall_now(), freeze);
    }
    let now = shared.advance_clock(secs);
    let frozen = shared.lock().is_frozen();
    json_response(StatusCode::OK, &clock_body(now, secs, frozen))
}

fn bad_clock_request(message: &str) -> Response {
    json_response(
        StatusCode::BAD_REQUEST,
        &json!({"__type": "InvalidParameterException", "message": message}),
    )
}

fn clock_body(now: u64, advanced: u64, frozen: bool) -> Value {
    json!({
        "now": now,
        "utc": crate::flow::time::format_rfc3339(now),
        "advanced": advanced,
        "frozen": frozen,
        "ahead_of_real_time": i128::from(now) - i128::from(wall_now()),
    })
}

async fn not_found() -> Response {
    json_response(
        StatusCode::NOT_FOUND,
        &json!({"message": "Not found. Cognito's API is POST / with an X-Amz-Target header; GET / lists what is served"}),
    )
}

fn json_response(status: StatusCode, body: &Value) -> Response {
    let mut response = (status, body.to_string()).into_response();
    let headers = response.headers_mut();
    headers.insert(
        header::CONTENT_TYPE,
        axum::http::HeaderValue::from_static("application/json"),
    );
    headers.insert(
        "access-control-allow-origin",
        axum::http::HeaderValue::from_static("*"),
    );
    response
}

/// `GET /_cogflow/faults`: the faults in force in the default pool.
async fn faults(State(shared): State<Arc<Shared>>) -> Response {
    let mock = shared.lock();
    let faults = mock
        .pools()
        .first()
        .map(|p| p.faults().to_vec())
        .unwrap_or_default();
    json_response(StatusCode::OK, &json!({ "faults": faults }))
}

/// `POST /_cogflow/faults` with `{"faults": [{"operation": "InitiateAuth", "kind":
/// "TooManyRequests", "times": 2}]}`: the next 2 InitiateAuth calls answer
/// `TooManyRequestsException` (`kind` `LimitExceeded` for `LimitExceededException`; no
/// `times`: until replaced; `operation` `*`: every operation). `{"faults": []}` clears them.
/// Applies to every served pool.
async fn set_faults(State(shared): State<Arc<Shared>>, body: Body) -> Response {
    let bytes = to_bytes(body, 16 * 1024).await.unwrap_or_default();
    #[derive(serde::Deserialize)]
    struct Faults {
        faults: Vec<crate::cognito::Fault>,
    }
    let parsed: Result<Faults, _> = serde_json::from_slice(&bytes);
    let Ok(Faults { faults }) = parsed else {
        return bad_clock_request(
            "send {\"faults\": [{\"operation\": \"InitiateAuth\", \"kind\": \"TooManyRequests\" or \"LimitExceeded\", \"times\": 2}]}",
        );
    };
    let mut mock = shared.lock();
    let count = mock.pools().len();
    for index in 0..count {
        if let Some(pool) = mock.pool_mut(index) {
            pool.set_faults(faults.clone());
        }
    }
    json_response(StatusCode::OK, &json!({ "faults": faults }))
}
