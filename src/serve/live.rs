//! Frames for the live view: each answered call recorded as a lesson step making it is
//! ([`flow::Recorder::frame_from_call`]), so the TUI shows the learner's own calls with the
//! lesson's panels (process table, tracker, "Cognito checked", mode 9 on the tokens).
//!
//! ```text
//!  respond (mock locked) ──Live::frame──> Recorder::frame_from_call ──> Phase::Responded.frame
//!                                          (the app's side: the tokens just issued, the
//!                                           caller's user, the variables the tracker shows)
//! ```
//!
//! The frame is made on the server's side, under the same lock as the call's answer, so it
//! shows the pool as the call left it; the consumer only draws it and never locks the pool.
//! Only a server started with a [`Live`] pays for it (the plain log and the bench do not).

use std::sync::{Mutex, PoisonError};

use serde_json::Value;

use crate::cognito::{
    CognitoError, CryptoCost, DeliveredMessage, Exception, SrpExchange, UserPool,
};
use crate::flow::{self, Check, Frame, SrpSide};

use super::events::{Caller, Failure};
use super::log::{caller_words, hide_secrets, message_words};
use super::mock::subject;

/// The app's side of every call the live view shows: one recorder for the session, so the
/// tracker and mode 9 carry the tokens and the user of the latest call.
#[derive(Debug)]
pub struct Live {
    recorder: Mutex<flow::Recorder>,
}

/// What the frame of one call is made from.
pub(crate) struct Answered<'a> {
    /// The call's number (the frame's number: one frame per call, in arrival order).
    pub call: u64,
    /// The operation.
    pub operation: &'a str,
    /// The request as received.
    pub request: &'a Value,
    /// Who sent it.
    pub caller: &'a Caller,
    /// The answer.
    pub result: &'a Result<Value, Failure>,
    /// What Cognito checked.
    pub checks: &'a [Check],
    /// SRP's numbers, for USER_SRP_AUTH and PASSWORD_VERIFIER.
    pub srp: Option<&'a SrpExchange>,
    /// What the call cost.
    pub crypto: &'a [CryptoCost],
    /// Codes the call "delivered".
    pub messages: &'a [(String, DeliveredMessage)],
    /// Arrival to answer.
    pub elapsed_ms: u128,
}

impl Live {
    /// The live view of a session over `pool`: the tracker shows `tracked` and follows
    /// `first_user` until a call names another user.
    #[must_use]
    pub fn new(
        pool: &UserPool,
        tracked: Vec<String>,
        first_user: Option<(&str, Option<&str>)>,
    ) -> Self {
        let recorder = flow::Recorder::new(pool, tracked, first_user).on_served_clock();
        Self {
            recorder: Mutex::new(recorder),
        }
    }

    /// The variables before the first call (the tracker's first column).
    #[must_use]
    pub fn start(&self) -> flow::Vars {
        self.recorder().start().clone()
    }

    /// The tracked variables, in display order.
    #[must_use]
    pub fn tracked(&self) -> Vec<String> {
        self.recorder().tracked().to_vec()
    }

    fn recorder(&self) -> std::sync::MutexGuard<'_, flow::Recorder> {
        self.recorder.lock().unwrap_or_else(PoisonError::into_inner)
    }

    /// The frame of an answered call, on the pool that answered it.
    pub(crate) fn frame(&self, pool: &mut UserPool, answered: &Answered<'_>) -> Frame {
        let mut recorder = self.recorder();
        // The tracker follows whoever the call is about (a token's user included).
        if let Some(username) = subject(answered.request) {
            recorder.set("username", username);
        }
        pkce_values(&mut recorder, answered.operation, answered.request);
        let call = flow::Call {
            operation: answered.operation.to_owned(),
            request: answered.request.clone(),
            result: answered.result.clone().map_err(|f| cognito_error(&f)),
            checks: answered.checks.to_vec(),
            srp: answered.srp.cloned(),
        };
        let mut frame = recorder.frame_from_call(pool, call);
        frame.number = usize::try_from(answered.call).unwrap_or(usize::MAX);
        frame.crypto = answered.crypto.to_vec();
        if let Some(api) = &mut frame.api {
            if let Some(request) = &mut api.request {
                hide_secrets(request);
            }
            if let Err(failure) = answered.result {
                api.status = Some(failure.status);
            }
        }
        frame.explanation = Some(format!(
            "Call #{} ({}): {} answered in {} ms.",
            answered.call,
            caller_words(answered.caller),
            answered.operation,
            answered.elapsed_ms
        ));
        frame.notes.extend(
            answered
                .messages
                .iter()
                .map(|(_, message)| format!("Delivered: {}", message_words(message))),
        );
        frame
    }
}

/// PKCE's values as a browser's and an app's requests bring them, for mode 9's side by side:
/// the challenge sent at authorize, then the verifier sent to the token endpoint beside
/// Cognito's S256 of it (what it compares with the code's challenge).
fn pkce_values(recorder: &mut flow::Recorder, operation: &str, request: &Value) {
    let [verifier_name, challenge_name, computed_name] = flow::PKCE_VALUES;
    let sent = |name: &str| {
        request
            .get(name)
            .and_then(Value::as_str)
            .filter(|v| !v.is_empty())
    };
    match operation {
        "GET /oauth2/authorize" => {
            if let Some(challenge) = sent("code_challenge") {
                recorder.set_srp(
                    SrpSide::Device,
                    challenge_name,
                    "BASE64URL(SHA-256(code_verifier)): sent at authorize",
                    challenge,
                );
            }
        }
        "POST /oauth2/token" => {
            if let Some(verifier) = sent("code_verifier") {
                recorder.set_srp(
                    SrpSide::Device,
                    verifier_name,
                    "kept by the app until now, sent only to the token endpoint",
                    verifier,
                );
                recorder.set_srp(
                    SrpSide::Cognito,
                    computed_name,
                    "computed from the verifier received, compared with the code's challenge",
                    &crate::cognito::oauth::s256(verifier),
                );
            }
        }
        _ => {}
    }
}

/// A failure as the recorder takes it: the exception it names (the framing's own included).
fn cognito_error(failure: &Failure) -> CognitoError {
    let exception = serde_json::from_value::<Exception>(Value::String(failure.type_name.clone()))
        .unwrap_or(Exception::InternalError);
    CognitoError::new(exception, failure.message.clone())
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::*;
    use crate::cognito::InitiateAuthRequest;

    #[test]
    fn a_served_sign_in_becomes_a_frame_with_tokens_the_users_status_and_no_password() {
        let scenario = crate::scenario::resolve(None).unwrap();
        let (mut pool, _) = flow::Setup::main(&scenario.file).build(3).unwrap();
        let live = Live::new(
            &pool,
            vec!["userStatus".to_owned()],
            Some(("user123", None)),
        );
        let request = json!(InitiateAuthRequest::user_password(
            pool.client_id(),
            "user123",
            "wrong-one"
        ));
        let mut call = pool.start_initiate_auth(serde_json::from_value(request.clone()).unwrap());
        pool.advance_auth(&mut call);
        pool.advance_auth(&mut call);
        let result = Err(Failure::from(call.response().unwrap().clone().unwrap_err()));
        let caller = Caller::default();
        let frame = live.frame(
            &mut pool,
            &Answered {
                call: 7,
                operation: "InitiateAuth",
                request: &request,
                caller: &caller,
                result: &result,
                checks: call.checks(),
                srp: None,
                crypto: &[],
                messages: &[],
                elapsed_ms: 12,
            },
        );
        assert_eq!(frame.number, 7);
        assert_eq!(
            frame.outcome,
            flow::Outcome::Error {
                exception: "NotAuthorizedException".to_owned(),
                message: "Incorrect username or password.".to_owned()
            }
        );
        let api = frame.api.as_ref().unwrap();
        assert_eq!(api.status, Some(400));
        let sent = api.request.as_ref().unwrap().to_string();
        assert!(!sent.contains("wrong-one"), "{sent}");
        assert!(sent.contains("<hidden, 9 chars>"), "{sent}");
        assert_eq!(frame.vars.value("failedAttempts"), "1");
        assert!(
            frame
                .cognito_checks
                .iter()
                .any(|c| c.name.starts_with("password") && !c.passed),
            "{:?}",
            frame.cognito_checks
        );
        let framing = cognito_error(&Failure::wire("SerializationException", "bad", 400));
        assert_eq!(framing.exception, Exception::Serialization);
    }
}
