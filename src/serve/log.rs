//! The plain log of `cogflow serve --plain`: one line per phase of a call, one per delivered
//! message and per clock move, for screen readers, pipes and log files.
//!
//! Passwords are never written (only their length); tokens are shortened to their ends and
//! length. JSON escapes control characters, and every other echoed value goes through
//! [`super::wire::printable`], so a client cannot put control sequences on the terminal.

use serde_json::Value;

use crate::cognito::{CodeKind, DeliveredMessage};
use crate::flow::time::{format_utc, human_duration};
use crate::flow::vars::shorten_json;

use super::events::{CallEvent, Caller, Event, Phase};
use super::wire::printable;

/// Request and response members whose values are passwords.
const SECRET_MEMBERS: &[&str] = &[
    "PASSWORD",
    "NEW_PASSWORD",
    "Password",
    "PreviousPassword",
    "ProposedPassword",
    "TemporaryPassword",
    // The hosted UI's forms and the token endpoint.
    "password",
    "new_password",
    "client_secret",
    "_csrf",
];

/// The log lines for one event (no trailing newlines).
#[must_use]
pub fn lines(event: &Event) -> Vec<String> {
    match event {
        Event::Call(call) => {
            let mut lines = vec![call_line(call)];
            lines.extend(srp_lines(call));
            lines
        }
        Event::Message { pool_id, message } => vec![format!(
            "[{}] message {} (from {pool_id}; also at GET /_cogflow/messages)",
            clock(message.sent_at),
            message_words(message),
        )],
        Event::Clock { now, advanced } => vec![format!(
            "[{}] clock moved forward {} (now {})",
            clock(*now),
            human_duration(*advanced),
            format_utc(*now)
        )],
    }
}

/// "to user123 <user123@example.com>: confirmation code 123456, valid 24 hours".
pub(crate) fn message_words(message: &DeliveredMessage) -> String {
    let what = match message.kind {
        CodeKind::SignUp => "confirmation code",
        CodeKind::ForgotPassword => "password reset code",
        CodeKind::TemporaryPassword => "invitation, temporary password",
        CodeKind::Mfa => "sign-in code (SMS_MFA / EMAIL_OTP)",
    };
    format!(
        "to {} <{}>: {what} {}, valid {}",
        printable(&message.username),
        printable(&message.destination),
        printable(&message.code),
        human_duration(message.expires_at.saturating_sub(message.sent_at)),
    )
}

fn call_line(call: &CallEvent) -> String {
    let head = format!(
        "[{}] #{} {} {}",
        clock(call.at),
        call.call,
        printable(&call.operation),
        call.phase.name()
    );
    let held = if call.hold.is_some() {
        " (held by --step: press Enter to go on)"
    } else {
        ""
    };
    match &call.phase {
        Phase::Received { caller, request } => {
            format!("{head}: {} ({}){held}", json(request), caller_words(caller))
        }
        Phase::Checked { checks, outcome } => {
            // The mock's own words: the log is English, as the wire is.
            let checked = crate::words::Words::default()
                .checks_line(checks)
                .unwrap_or_else(|| "Cognito checked nothing.".to_owned());
            format!("{head}: {} Outcome: {outcome}{held}", printable(&checked))
        }
        Phase::Responded {
            status,
            response,
            crypto,
            user,
            elapsed,
            ..
        } => {
            let answer = match response {
                Ok(body) => format!("{status} {}", json(body)),
                Err(failure) => format!("{status} {}", printable(&failure.summary())),
            };
            let mut extras = vec![format!("{} ms", elapsed.as_millis())];
            extras.extend(crypto.iter().map(|c| {
                format!(
                    "{} {} {:.1} ms",
                    c.operation,
                    c.params,
                    c.elapsed.as_secs_f64() * 1000.0
                )
            }));
            if let Some(user) = user {
                extras.push(format!(
                    "user {}: {}{}, {} failed attempts",
                    printable(&user.username),
                    user.status.as_str(),
                    if user.enabled { "" } else { " (disabled)" },
                    user.failed_attempts
                ));
            }
            format!("{head}: {answer} [{}]{held}", extras.join("; "))
        }
    }
}

/// After an SRP leg's answer, one line per number Cognito computed, whole: the log is where a
/// learner's own client's exchange can be read value by value.
fn srp_lines(call: &CallEvent) -> Vec<String> {
    let Phase::Responded {
        srp: Some(exchange),
        ..
    } = &call.phase
    else {
        return Vec::new();
    };
    exchange
        .values()
        .into_iter()
        .map(|(name, meaning, value)| {
            format!(
                "[{}] #{} {} SRP {name} ({meaning}): {}",
                clock(call.at),
                call.call,
                printable(&call.operation),
                printable(value)
            )
        })
        .collect()
}

/// "unsigned, Boto3/1.43.11" or "signed by AKID for eu-west-1, signature not checked, aws-cli/1.45.11".
pub(crate) fn caller_words(caller: &Caller) -> String {
    let mut words = vec![match (&caller.access_key_id, &caller.region) {
        (Some(key), Some(region)) => format!("signed by {key} for {region}, signature not checked"),
        (Some(key), None) => format!("signed by {key}, signature not checked"),
        (None, _) => "unsigned".to_owned(),
    }];
    if let Some(agent) = &caller.user_agent {
        words.push(
            agent
                .split_whitespace()
                .next()
                .unwrap_or_default()
                .to_owned(),
        );
    }
    if let Some(attempt) = caller
        .attempt
        .as_deref()
        .filter(|a| !a.ends_with("attempt=1"))
    {
        words.push(format!("retry: {attempt}"));
    }
    words.join(", ")
}

/// Compact JSON with passwords hidden and tokens shortened.
pub fn json(value: &Value) -> String {
    let mut value = shorten_json(value);
    hide_secrets(&mut value);
    let text = value.to_string();
    // Bidi overrides and other format characters are not escaped by JSON; show them escaped.
    printable(&text)
}

/// Replaces every password member of `value` with its length.
pub(crate) fn hide_secrets(value: &mut Value) {
    match value {
        Value::Object(map) => {
            for (key, member) in map.iter_mut() {
                if SECRET_MEMBERS.contains(&key.as_str())
                    && let Value::String(secret) = member
                {
                    *member = Value::String(format!("<hidden, {} chars>", secret.chars().count()));
                } else {
                    hide_secrets(member);
                }
            }
        }
        Value::Array(items) => items.iter_mut().for_each(hide_secrets),
        _ => {}
    }
}

/// `09:12:01` of the served clock (UTC).
fn clock(epoch: u64) -> String {
    let full = format_utc(epoch);
    full.split(' ').nth(1).unwrap_or_default().to_owned()
}

#[cfg(test)]
mod tests {
    use std::time::Duration;

    use serde_json::json;

    use super::*;
    use crate::cognito::Check;
    use crate::serve::events::Failure;

    fn call(phase: Phase) -> Event {
        Event::Call(Box::new(CallEvent {
            call: 3,
            request_id: "r".into(),
            operation: "InitiateAuth".into(),
            at: 1_764_579_600, // 2025-12-01 09:00:00 UTC
            phase,
            hold: None,
        }))
    }

    #[test]
    fn one_line_per_phase_without_passwords() {
        let received = lines(&call(Phase::Received {
            caller: Caller {
                user_agent: Some("Boto3/1.43.11 md/Botocore#1.43.11".into()),
                ..Caller::default()
            },
            request: json!({"AuthFlow": "USER_PASSWORD_AUTH", "AuthParameters": {"USERNAME": "ana", "PASSWORD": "Correct-Horse-9"}}),
        }));
        assert_eq!(
            received,
            [
                "[09:00:00] #3 InitiateAuth request received: {\"AuthFlow\":\"USER_PASSWORD_AUTH\",\"AuthParameters\":{\"USERNAME\":\"ana\",\"PASSWORD\":\"<hidden, 15 chars>\"}} (unsigned, Boto3/1.43.11)"
            ]
        );
        let checked = lines(&call(Phase::Checked {
            checks: vec![
                Check {
                    name: "app client".into(),
                    passed: true,
                    detail: String::new(),
                },
                Check {
                    name: "password (argon2id, the mock's stand-in)".into(),
                    passed: false,
                    detail: "no match".into(),
                },
            ],
            outcome: "NotAuthorizedException".into(),
        }));
        assert_eq!(
            checked,
            [
                "[09:00:00] #3 InitiateAuth credentials checked: Cognito checked: app client: passed; password (argon2id, the mock's stand-in): FAILED, no match. Outcome: NotAuthorizedException"
            ]
        );
        let responded = lines(&call(Phase::Responded {
            status: 400,
            response: Err(Failure::wire(
                "NotAuthorizedException",
                "Incorrect username or password.",
                400,
            )),
            checks: Vec::new(),
            crypto: Vec::new(),
            user: None,
            pool_id: None,
            srp: None,
            elapsed: Duration::from_millis(15),
            frame: None,
        }));
        assert_eq!(
            responded,
            [
                "[09:00:00] #3 InitiateAuth response returned: 400 NotAuthorizedException: Incorrect username or password. [15 ms]"
            ]
        );
    }

    #[test]
    fn an_srp_answer_is_followed_by_its_numbers_whole() {
        let exchange = crate::cognito::SrpExchange {
            pool_short: "AbCdEf123".into(),
            user_id_for_srp: "alice".into(),
            salt: "51be".into(),
            verifier: "8ed4".into(),
            srp_a: "a".repeat(768),
            srp_b: "b".repeat(768),
            u: "df2c".into(),
            secret_block: "X/dR".into(),
            ..crate::cognito::SrpExchange::default()
        };
        let logged = lines(&call(Phase::Responded {
            status: 200,
            response: Ok(json!({"ChallengeName": "PASSWORD_VERIFIER"})),
            checks: Vec::new(),
            crypto: Vec::new(),
            user: None,
            pool_id: None,
            srp: Some(Box::new(exchange)),
            frame: None,
            elapsed: Duration::from_millis(15),
        }));
        assert_eq!(logged.len(), 7, "{logged:#?}");
        assert_eq!(
            logged[1],
            format!(
                "[09:00:00] #3 InitiateAuth SRP A (received as SRP_A: g^a mod N, a the device's secret): {}",
                "a".repeat(768)
            )
        );
        let names: Vec<&str> = logged[1..]
            .iter()
            .map(|l| l.split(" SRP ").nth(1).unwrap().split(' ').next().unwrap())
            .collect();
        assert_eq!(names, ["A", "salt", "v", "B", "u", "SECRET_BLOCK"]);
    }

    #[test]
    fn control_characters_are_shown_escaped() {
        let line = lines(&call(Phase::Received {
            caller: Caller::default(),
            request: json!({"Username": "a\u{1b}[2J\u{202e}b"}),
        }))
        .join("");
        assert!(
            !line.contains('\u{1b}') && !line.contains('\u{202e}'),
            "{line}"
        );
    }
}
