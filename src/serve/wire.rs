//! AWS JSON 1.1 framing (`reference/wire-protocol.md` §1–3): which operation a request names,
//! its body, who sent it, and the answer's status, headers and body.
//!
//! Everything here is pure: header values and bytes in, data out, so every framing rule is a
//! one-line test case.

use axum::http::{HeaderMap, HeaderName, HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use serde_json::Value;

use super::events::{Caller, Failure};

/// What `X-Amz-Target` starts with for every user-pool operation.
pub const TARGET_PREFIX: &str = "AWSCognitoIdentityProviderService.";
/// The content type of every request and answer.
pub const CONTENT_TYPE: &str = "application/x-amz-json-1.1";
/// The largest request body served. Cognito's own limit is not documented (unverified); every
/// real request is far smaller (a sign-up with attributes is under 2 KiB).
pub const MAX_BODY_BYTES: usize = 256 * 1024;

/// CORS headers exposed to browser clients, as real Cognito exposes them.
const EXPOSE_HEADERS: &str = "x-amzn-RequestId,x-amzn-ErrorType,x-amzn-ErrorMessage,Date";

/// The operation name a `X-Amz-Target` header names.
///
/// # Errors
/// `UnknownOperationException` when the header is missing or names another service.
pub fn operation_name(target: Option<&str>) -> Result<&str, Failure> {
    let Some(target) = target else {
        return Err(Failure::wire(
            "UnknownOperationException",
            format!(
                "No X-Amz-Target header: Cognito picks the operation from it, e.g. \
                 `X-Amz-Target: {TARGET_PREFIX}InitiateAuth`"
            ),
            400,
        ));
    };
    match target.strip_prefix(TARGET_PREFIX) {
        Some(name) if !name.is_empty() => Ok(name),
        _ => Err(Failure::wire(
            "UnknownOperationException",
            format!(
                "X-Amz-Target `{}` names no user-pool operation; they all start with `{TARGET_PREFIX}`",
                echo(target)
            ),
            400,
        )),
    }
}

/// The answer for an operation the mock does not serve.
#[must_use]
pub fn unknown_operation(name: &str, served: &[&str]) -> Failure {
    Failure::wire(
        "UnknownOperationException",
        format!(
            "cogflow's mock user pool does not serve `{}`. It serves: {}",
            echo(name),
            served.join(", ")
        ),
        400,
    )
}

/// Checks the request's `Content-Type`.
///
/// # Errors
/// `SerializationException` for anything but `application/x-amz-json-1.0`/`1.1` (what AWS
/// reports when the content type is wrong, per `wire-protocol.md` §1; the exact message is
/// unverified).
pub fn check_content_type(content_type: Option<&str>) -> Result<(), Failure> {
    let essence = content_type
        .and_then(|ct| ct.split(';').next())
        .map(|ct| ct.trim().to_ascii_lowercase());
    match essence.as_deref() {
        Some("application/x-amz-json-1.1" | "application/x-amz-json-1.0") => Ok(()),
        other => Err(Failure::wire(
            "SerializationException",
            format!(
                "Content-Type is {}; Cognito's API takes `{CONTENT_TYPE}`",
                other.map_or_else(|| "missing".to_owned(), |ct| format!("`{}`", echo(ct)))
            ),
            400,
        )),
    }
}

/// The request body as a JSON object (an empty body counts as `{}`).
///
/// # Errors
/// `SerializationException` when it is not JSON, or not an object; 413 when it is over
/// [`MAX_BODY_BYTES`].
pub fn parse_body(bytes: &[u8]) -> Result<Value, Failure> {
    if bytes.len() > MAX_BODY_BYTES {
        return Err(too_large(bytes.len()));
    }
    if bytes.iter().all(u8::is_ascii_whitespace) {
        return Ok(Value::Object(serde_json::Map::new()));
    }
    match serde_json::from_slice::<Value>(bytes) {
        Ok(value @ Value::Object(_)) => Ok(value),
        Ok(_) => Err(Failure::wire(
            "SerializationException",
            "The request body must be a JSON object ({…}) of the operation's members",
            400,
        )),
        Err(e) => Err(Failure::wire(
            "SerializationException",
            format!("The request body is not valid JSON: {e}"),
            400,
        )),
    }
}

/// The answer to a body over the limit (HTTP 413, so no SDK retries it).
#[must_use]
pub fn too_large(len: usize) -> Failure {
    Failure::wire(
        "SerializationException",
        format!(
            "The request body is {} bytes or more; this endpoint reads at most {MAX_BODY_BYTES}",
            len
        ),
        413,
    )
}

/// Who sent the request: the SigV4 `Credential=<AKID>/<date>/<region>/cognito-idp/aws4_request`
/// scope (never verified), and the SDK's own headers.
#[must_use]
pub fn caller(headers: &HeaderMap) -> Caller {
    let text = |name: &str| {
        headers
            .get(name)
            .and_then(|v| v.to_str().ok())
            .map(printable)
    };
    let scope = text("authorization").and_then(|auth| {
        let credential = auth.split_once("Credential=")?.1;
        let credential = credential.split([',', ' ']).next()?;
        let mut parts = credential.split('/');
        let key = parts.next()?.to_owned();
        let region = parts.nth(1).map(str::to_owned);
        Some((key, region))
    });
    let (access_key_id, region) = match scope {
        Some((key, region)) => (Some(key), region),
        None => (None, None),
    };
    Caller {
        access_key_id,
        region,
        // amazon-cognito-identity-js names itself in X-Amz-User-Agent (a browser keeps
        // User-Agent for itself).
        user_agent: text("x-amz-user-agent").or_else(|| text("user-agent")),
        invocation_id: text("amz-sdk-invocation-id"),
        attempt: text("amz-sdk-request"),
    }
}

/// A success: 200, the JSON 1.1 content type, the request id.
#[must_use]
pub fn success(body: &Value, request_id: &str) -> Response {
    let mut response = (StatusCode::OK, body.to_string()).into_response();
    common_headers(response.headers_mut(), request_id);
    response
}

/// A failure: `{"__type", "message"}` in the body and in the `x-amzn-ErrorType` /
/// `x-amzn-ErrorMessage` headers (botocore reads the body, identity-js falls back to the
/// headers; `wire-protocol.md` §2).
#[must_use]
pub fn failure(failure: &Failure, request_id: &str) -> Response {
    let body = serde_json::json!({ "__type": failure.type_name, "message": failure.message });
    let status = StatusCode::from_u16(failure.status).unwrap_or(StatusCode::BAD_REQUEST);
    let mut response = (status, body.to_string()).into_response();
    let headers = response.headers_mut();
    common_headers(headers, request_id);
    // Real AWS ends the type with a colon (`NotAuthorizedException:`).
    insert(
        headers,
        "x-amzn-errortype",
        &format!("{}:", failure.type_name),
    );
    insert(headers, "x-amzn-errormessage", &failure.message);
    response
}

/// The answer to a CORS preflight: every origin, POST and GET, the headers asked for.
#[must_use]
pub fn preflight(requested_headers: Option<&str>) -> Response {
    let mut response = StatusCode::OK.into_response();
    let headers = response.headers_mut();
    insert(headers, "access-control-allow-origin", "*");
    insert(
        headers,
        "access-control-allow-methods",
        "POST, GET, OPTIONS",
    );
    insert(
        headers,
        "access-control-allow-headers",
        requested_headers.unwrap_or(
            "content-type, x-amz-target, x-amz-user-agent, cache-control, authorization, x-amz-date",
        ),
    );
    insert(headers, "access-control-max-age", "86400");
    insert(headers, "access-control-expose-headers", EXPOSE_HEADERS);
    response
}

/// Content type, request id and CORS, on every answer.
pub fn common_headers(headers: &mut HeaderMap, request_id: &str) {
    headers.insert(header::CONTENT_TYPE, HeaderValue::from_static(CONTENT_TYPE));
    insert(headers, "x-amzn-requestid", request_id);
    insert(headers, "access-control-allow-origin", "*");
    insert(headers, "access-control-expose-headers", EXPOSE_HEADERS);
}

/// Inserts a header, replacing what a header value may not hold (control characters,
/// non-ASCII) with `?`, so an echoed name can never break the response.
fn insert(headers: &mut HeaderMap, name: &'static str, value: &str) {
    let safe: String = value
        .chars()
        .map(|c| {
            if c == ' ' || c.is_ascii_graphic() {
                c
            } else {
                '?'
            }
        })
        .collect();
    if let Ok(value) = HeaderValue::from_str(&safe) {
        headers.insert(HeaderName::from_static(name), value);
    }
}

/// `text` safe on one line of a terminal or a log (the one sanitizer's [`crate::sanitize::line`]),
/// for messages and logs that echo what a client sent.
#[must_use]
pub fn printable(text: &str) -> String {
    crate::sanitize::line(text).into_owned()
}

/// What a client sent, echoed in an error message: [`printable`], at most 100 characters.
fn echo(text: &str) -> String {
    printable(&text.chars().take(100).collect::<String>())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn targets() {
        let cases: &[(Option<&str>, Result<&str, &str>)] = &[
            (
                Some("AWSCognitoIdentityProviderService.InitiateAuth"),
                Ok("InitiateAuth"),
            ),
            (Some("AWSCognitoIdentityProviderService."), Err("names no")),
            (Some("DynamoDB_20120810.GetItem"), Err("names no")),
            (None, Err("No X-Amz-Target")),
        ];
        for (target, want) in cases {
            match (operation_name(*target), want) {
                (Ok(got), Ok(want)) => assert_eq!(got, *want),
                (Err(got), Err(want)) => {
                    assert_eq!(got.type_name, "UnknownOperationException");
                    assert!(got.message.contains(want), "{}", got.message);
                }
                (got, want) => panic!("{target:?}: {got:?} vs {want:?}"),
            }
        }
    }

    #[test]
    fn content_types() {
        for ok in [
            "application/x-amz-json-1.1",
            "application/x-amz-json-1.0",
            "application/x-amz-json-1.1; charset=utf-8",
            "Application/X-Amz-Json-1.1",
        ] {
            assert!(check_content_type(Some(ok)).is_ok(), "{ok}");
        }
        for bad in [Some("application/json"), Some("text/plain"), None] {
            let e = check_content_type(bad).unwrap_err();
            assert_eq!(e.type_name, "SerializationException", "{bad:?}");
        }
    }

    #[test]
    fn bodies() {
        assert_eq!(parse_body(b"").unwrap(), serde_json::json!({}));
        assert_eq!(parse_body(br#"{"ClientId":"x"}"#).unwrap()["ClientId"], "x");
        for (bytes, want) in [
            (&b"{not json"[..], "not valid JSON"),
            (&b"[1,2]"[..], "must be a JSON object"),
            (&b"\"s\""[..], "must be a JSON object"),
        ] {
            let e = parse_body(bytes).unwrap_err();
            assert_eq!(e.type_name, "SerializationException");
            assert!(e.message.contains(want), "{}", e.message);
        }
        let big = vec![b' '; MAX_BODY_BYTES + 1];
        assert_eq!(parse_body(&big).unwrap_err().status, 413);
    }

    #[test]
    fn caller_comes_from_the_credential_scope() {
        let mut headers = HeaderMap::new();
        headers.insert(
            "authorization",
            HeaderValue::from_static(
                "AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20261201/eu-west-1/cognito-idp/aws4_request, \
                 SignedHeaders=content-type;host;x-amz-date;x-amz-target, Signature=abc",
            ),
        );
        headers.insert("amz-sdk-request", HeaderValue::from_static("attempt=1"));
        let c = caller(&headers);
        assert_eq!(c.access_key_id.as_deref(), Some("AKIDEXAMPLE"));
        assert_eq!(c.region.as_deref(), Some("eu-west-1"));
        assert_eq!(c.attempt.as_deref(), Some("attempt=1"));
        assert_eq!(caller(&HeaderMap::new()), Caller::default());
    }

    #[test]
    fn failures_carry_type_and_message_in_body_and_headers() {
        let f = Failure::wire(
            "NotAuthorizedException",
            "Incorrect username or password.",
            400,
        );
        let r = failure(&f, "req-1");
        assert_eq!(r.status(), 400);
        let h = r.headers();
        assert_eq!(h["content-type"], CONTENT_TYPE);
        assert_eq!(h["x-amzn-requestid"], "req-1");
        assert_eq!(h["x-amzn-errortype"], "NotAuthorizedException:");
        assert_eq!(h["x-amzn-errormessage"], "Incorrect username or password.");
        assert_eq!(h["access-control-allow-origin"], "*");
        let odd = Failure::wire("X", "bad\r\nheader: ünïcode", 400);
        assert_eq!(
            failure(&odd, "r").headers()["x-amzn-errormessage"],
            "bad??header: ?n?code"
        );
    }

    #[test]
    fn printable_escapes_controls() {
        assert_eq!(printable("a\u{1b}[2Jb\n"), "a\\u{1b}[2Jb\\n");
    }
}
