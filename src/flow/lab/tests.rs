use serde_json::json;

use super::*;
use crate::scenario::model::Expect;

fn step(
    action: Action,
    username: Option<&str>,
    outcome: Option<&str>,
    present: &[&str],
) -> Expected {
    Expected::of(&StepSpec {
        action,
        username: username.map(str::to_owned),
        duration: Some("61m".to_owned()),
        expect: Some(Expect {
            outcome: outcome.map(str::to_owned),
            present: present.iter().map(|p| (*p).to_owned()).collect(),
            ..Expect::default()
        }),
        ..StepSpec::default()
    })
    .unwrap()
}

fn sign_in(flow: &str, user: &str, answer: Result<&Value, (&str, &str)>) -> Seen {
    Seen::Call(SeenCall::new(
        "InitiateAuth",
        json!({"AuthFlow": flow, "ClientId": "c", "AuthParameters": {"USERNAME": user, "PASSWORD": "x"}}),
        answer,
    ))
}

/// A JWT whose claims name `username` (its signature is not checked here).
pub(super) fn token_of(username: &str) -> String {
    use base64::Engine as _;
    use base64::engine::general_purpose::URL_SAFE_NO_PAD;
    let part = |v: Value| URL_SAFE_NO_PAD.encode(v.to_string());
    format!(
        "{}.{}.{}",
        part(json!({"alg": "RS256"})),
        part(json!({"username": username, "token_use": "access"})),
        URL_SAFE_NO_PAD.encode([7u8; 16])
    )
}

const WRONG: (&str, &str) = ("NotAuthorizedException", "Incorrect username or password.");

#[test]
fn calls_are_judged_against_what_the_step_expects() {
    let tokens = json!({"AuthenticationResult": {"AccessToken": "t"}});
    let challenge = json!({"ChallengeName": "NEW_PASSWORD_REQUIRED", "Session": "s"});
    let me = json!({"Username": "ana", "UserAttributes": []});
    let ana_signs_in = step(Action::SignIn, Some("ana"), None, &[]);
    let with_secret = step(Action::SignIn, None, None, &["AuthParameters.SECRET_HASH"]);
    let refused = step(
        Action::SignIn,
        Some("ana"),
        Some("error:NotAuthorizedException"),
        &[],
    );
    let expired = step(
        Action::GetUser,
        Some("ana"),
        Some("error:NotAuthorizedException \"expired\""),
        &[],
    );
    let clock = step(Action::AdvanceClock, None, None, &[]);
    let get_user = |answer| {
        Seen::Call(SeenCall::new(
            "GetUser",
            json!({"AccessToken": token_of("ana")}),
            answer,
        ))
    };
    let cases: Vec<(&str, &Expected, Seen, Vec<&str>)> = vec![
        (
            "the right call",
            &ana_signs_in,
            sign_in("USER_PASSWORD_AUTH", "ana", Ok(&tokens)),
            vec![],
        ),
        (
            "another flow",
            &ana_signs_in,
            sign_in("USER_SRP_AUTH", "ana", Ok(&challenge)),
            vec![
                "AuthFlow is USER_SRP_AUTH; this step expects USER_PASSWORD_AUTH",
                "Cognito answered the NEW_PASSWORD_REQUIRED challenge; this step expects success",
            ],
        ),
        (
            "another user, refused",
            &ana_signs_in,
            sign_in("USER_PASSWORD_AUTH", "bob", Err(WRONG)),
            vec![
                "the call is for bob; this step expects ana",
                "Cognito answered NotAuthorizedException: Incorrect username or password.; this step expects success",
            ],
        ),
        (
            "another operation",
            &ana_signs_in,
            get_user(Ok(&me)),
            vec!["this call is GetUser; this step expects InitiateAuth"],
        ),
        (
            "a call that names no user",
            &expired,
            Seen::Call(SeenCall::new(
                "GetUser",
                json!({}),
                Err(("InvalidParameterException", "Missing AccessToken")),
            )),
            vec![
                "the call names no user; this step expects one for ana",
                "Cognito answered InvalidParameterException: Missing AccessToken; this step expects NotAuthorizedException whose message contains \"expired\"",
            ],
        ),
        (
            "a missing member",
            &with_secret,
            sign_in("USER_PASSWORD_AUTH", "ana", Ok(&tokens)),
            vec!["the request has no AuthParameters.SECRET_HASH; this step expects it"],
        ),
        (
            "an expected refusal",
            &refused,
            sign_in("USER_PASSWORD_AUTH", "ana", Err(WRONG)),
            vec![],
        ),
        (
            "a success where a refusal is expected",
            &refused,
            sign_in("USER_PASSWORD_AUTH", "ana", Ok(&tokens)),
            vec!["Cognito answered success; this step expects NotAuthorizedException"],
        ),
        (
            "the message must contain the text",
            &expired,
            get_user(Err((
                "NotAuthorizedException",
                "Access Token has been revoked",
            ))),
            vec![
                "Cognito answered NotAuthorizedException: Access Token has been revoked; this step expects NotAuthorizedException whose message contains \"expired\"",
            ],
        ),
        (
            "a clock moved far enough",
            &clock,
            Seen::Clock { advanced: 3660 },
            vec![],
        ),
        (
            "further than needed",
            &clock,
            Seen::Clock { advanced: 7200 },
            vec![],
        ),
        (
            "not far enough",
            &clock,
            Seen::Clock { advanced: 600 },
            vec!["the clock has moved on 10 minutes so far; this step waits for 1 hour 1 minute"],
        ),
        (
            "a call while the clock is awaited",
            &clock,
            get_user(Ok(&me)),
            vec![
                "this call is GetUser; this step waits for the clock to move on by 1 hour 1 minute",
            ],
        ),
        (
            "the clock while a call is awaited",
            &ana_signs_in,
            Seen::Clock { advanced: 60 },
            vec!["the clock moved on 1 minute; this step waits for your InitiateAuth call"],
        ),
    ];
    for (what, expected, seen, want) in cases {
        let got = compare(expected, &seen);
        let want = if want.is_empty() {
            Verdict::Met
        } else {
            Verdict::Differs(want.into_iter().map(str::to_owned).collect())
        };
        assert_eq!(got, want, "{what}");
    }
}

#[test]
fn every_action_that_makes_a_call_is_recognised_back_from_the_call() {
    for action in Action::ALL {
        if let Some(Awaited::Call(shape)) = awaited(action) {
            let request = match shape.member {
                Some((member, value)) => json!({ member: value }),
                None => json!({}),
            };
            assert_eq!(
                action_of(shape.operation, &request),
                Some(action),
                "{action:?}"
            );
        }
    }
}

#[test]
fn expectations_read_as_sentences() {
    let cases = [
        (
            step(Action::SignIn, Some("ana"), None, &[]),
            "InitiateAuth with AuthFlow USER_PASSWORD_AUTH for ana, answered with success",
        ),
        (
            step(
                Action::GetUser,
                None,
                Some("error:NotAuthorizedException \"revoked\""),
                &[],
            ),
            "GetUser, answered with NotAuthorizedException whose message contains \"revoked\"",
        ),
        (
            step(Action::SignUp, Some("ana"), None, &["UserAttributes"]),
            "SignUp for ana, sending UserAttributes, answered with success",
        ),
        (
            step(Action::AdvanceClock, None, None, &[]),
            "the clock to move on by 1 hour 1 minute (POST /_cogflow/clock {\"advance\": \"61m\"})",
        ),
    ];
    for (expected, words) in cases {
        assert_eq!(expected.describe(), words);
    }
}
