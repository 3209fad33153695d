//! The stream of what happened on the wire: every consumer (the plain log, the TUI's live
//! view, labs, recording) reads these and nothing else.
//!
//! ```text
//!  a call:  Received ──(InitiateAuth only)──> Checked ──> Responded
//!               │ hold?                          │ hold?       │ hold?   (--step: each waits
//!               ▼                                ▼             ▼          for Hold::resume)
//!  besides: Message (a code "delivered"), Clock (moved on purpose)
//! ```
//!
//! Events are plain data and self-contained: a consumer never needs to lock the pool to show
//! one (the caller's user is copied into `Responded`).

use std::time::Duration;

use serde::Serialize;

use crate::cognito::{Check, CryptoCost, DeliveredMessage, SrpExchange, UserView};

/// Who sent a request, as far as its headers tell (signatures are never checked).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct Caller {
    /// The access key id from the SigV4 `Credential=` scope, when the call was signed.
    pub access_key_id: Option<String>,
    /// The region from the `Credential=` scope.
    pub region: Option<String>,
    /// `X-Amz-User-Agent` (identity-js names itself there), else `User-Agent` (boto3, the
    /// AWS CLI).
    pub user_agent: Option<String>,
    /// `amz-sdk-invocation-id`: the same for every retry of one logical call.
    pub invocation_id: Option<String>,
    /// `amz-sdk-request`, e.g. `attempt=2; max=3`.
    pub attempt: Option<String>,
}

/// An answer that is not a success: what goes into `__type`, `message` and the status line.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Failure {
    /// e.g. `NotAuthorizedException`, `SerializationException`.
    pub type_name: String,
    /// The `message`.
    pub message: String,
    /// 400 for every client error (Cognito's throttling included), 500 for an internal error,
    /// 413 for a body over the limit.
    pub status: u16,
}

impl Failure {
    /// A transport-level failure (no mock operation ran).
    #[must_use]
    pub fn wire(type_name: &str, message: impl Into<String>, status: u16) -> Self {
        Self {
            type_name: type_name.to_owned(),
            message: message.into(),
            status,
        }
    }

    /// `NotAuthorizedException: Incorrect username or password.`
    #[must_use]
    pub fn summary(&self) -> String {
        format!("{}: {}", self.type_name, self.message)
    }
}

impl From<crate::cognito::CognitoError> for Failure {
    fn from(error: crate::cognito::CognitoError) -> Self {
        let status = if error.exception == crate::cognito::Exception::InternalError {
            500
        } else {
            400
        };
        Self {
            type_name: error.exception.name().to_owned(),
            message: error.message,
            status,
        }
    }
}

/// The phases a call goes through (the lesson's steps 2, 3 and 4).
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(tag = "phase", rename_all = "snake_case")]
pub enum Phase {
    /// The request arrived and was read; nothing has been checked.
    Received {
        /// Who sent it.
        caller: Caller,
        /// The body as JSON (or `null` when it was not JSON).
        request: serde_json::Value,
    },
    /// InitiateAuth's checks ran; the outcome is known but not yet sent.
    Checked {
        /// What Cognito checked, in order.
        checks: Vec<Check>,
        /// `tokens`, `challenge NEW_PASSWORD_REQUIRED` or the exception.
        outcome: String,
    },
    /// The answer went back (or is about to, while held).
    Responded {
        /// The HTTP status.
        status: u16,
        /// The response body on success, or the failure.
        response: Result<serde_json::Value, Failure>,
        /// What Cognito checked (InitiateAuth; empty for other operations).
        checks: Vec<Check>,
        /// The cryptography the call ran, with what each operation cost.
        crypto: Vec<CryptoCost>,
        /// The caller's user after the call, when the request named one.
        user: Option<UserView>,
        /// The pool the call went to.
        pool_id: Option<String>,
        /// For USER_SRP_AUTH and PASSWORD_VERIFIER: every number Cognito computed.
        #[serde(skip_serializing_if = "Option::is_none")]
        srp: Option<Box<SrpExchange>>,
        /// Time from arrival to answer (including any time held by `--step`).
        #[serde(skip)]
        elapsed: Duration,
        /// The call as the live view shows it (only when the server records frames).
        #[serde(skip)]
        frame: Option<Box<crate::flow::Frame>>,
    },
}

/// How long a client's SDK waits for an answer before it gives up, known from its user agent.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SdkWait {
    /// It gives up after this many seconds.
    Seconds(u64),
    /// It waits as long as the connection stays open.
    NoLimit,
}

impl Caller {
    /// The SDK's name and how long it waits for an answer, when its user agent says who it is:
    /// - boto3 and the AWS CLI (botocore): 60 s, `read_timeout` by default (botocore 1.43.11,
    ///   `endpoint.py` `DEFAULT_TIMEOUT = 60`, used by `config.py` for `connect_timeout` and
    ///   `read_timeout`);
    /// - amazon-cognito-identity-js: no limit (`Client.js` calls `fetch` with no signal and no
    ///   timeout; a browser's fetch has none, Node's own HTTP stack may close an idle socket).
    #[must_use]
    pub fn sdk_wait(&self) -> Option<(&'static str, SdkWait)> {
        let agent = self.user_agent.as_deref()?.to_ascii_lowercase();
        if agent.starts_with("boto3/") {
            Some(("boto3", SdkWait::Seconds(60)))
        } else if agent.starts_with("aws-cli/") {
            Some(("the AWS CLI", SdkWait::Seconds(60)))
        } else if agent.starts_with("botocore/") {
            Some(("botocore", SdkWait::Seconds(60)))
        } else if agent.contains("amazon-cognito-identity-js") || agent.contains("aws-amplify") {
            Some(("amazon-cognito-identity-js", SdkWait::NoLimit))
        } else {
            None
        }
    }
}

impl Phase {
    /// "request received", "credentials checked", "response returned".
    #[must_use]
    pub fn name(&self) -> &'static str {
        match self {
            Self::Received { .. } => "request received",
            Self::Checked { .. } => "credentials checked",
            Self::Responded { .. } => "response returned",
        }
    }
}

/// One phase of one call.
#[derive(Debug, Serialize)]
pub struct CallEvent {
    /// 1, 2, 3… in arrival order.
    pub call: u64,
    /// The `x-amzn-RequestId` of the answer.
    pub request_id: String,
    /// The operation (`InitiateAuth`), or what the `X-Amz-Target` said when it named none.
    pub operation: String,
    /// The served clock when the phase happened (epoch seconds).
    pub at: u64,
    /// Which phase, with its data.
    pub phase: Phase,
    /// Set under `--step`: the call waits until this is resumed (or dropped).
    #[serde(skip)]
    pub hold: Option<Hold>,
}

/// Something that happened on the server.
#[derive(Debug, Serialize)]
#[serde(tag = "event", rename_all = "snake_case")]
pub enum Event {
    /// A phase of a call (boxed: it is much larger than the other events).
    Call(Box<CallEvent>),
    /// The pool "sent" a code or a temporary password.
    Message {
        /// The pool that sent it.
        pool_id: String,
        /// What was sent.
        message: DeliveredMessage,
    },
    /// The clock was moved on purpose.
    Clock {
        /// The new time (epoch seconds).
        now: u64,
        /// By how much it moved.
        advanced: u64,
    },
}

/// A call held by `--step` between two phases. Resuming (or dropping) lets it go on.
#[derive(Debug)]
pub struct Hold(tokio::sync::oneshot::Sender<()>);

impl Hold {
    /// A hold and the future side the server awaits.
    pub(crate) fn new() -> (Self, tokio::sync::oneshot::Receiver<()>) {
        let (tx, rx) = tokio::sync::oneshot::channel();
        (Self(tx), rx)
    }

    /// Lets the call go on to its next phase.
    pub fn resume(self) {
        let _ = self.0.send(());
    }
}
