//! TEMPORARY: a hand-written run mirroring the seed's five rows, to build panels against until
//! the engine lands on main. Removed once `flow::Runner` is merged.

use std::time::Duration;

use base64::Engine as _;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use serde_json::json;

use crate::flow::{
    ApiCall, Change, Check, CryptoCost, Frame, Outcome, PoolFacts, Row, Run, Tokens, Var, Vars,
    Verification,
};
use crate::scenario::model::{Action, TokenKind};

fn vars(values: [(&str, &str, Change); 4]) -> Vars {
    Vars(
        values
            .iter()
            .map(|(n, v, c)| Var {
                name: (*n).to_owned(),
                value: (*v).to_owned(),
                change: *c,
            })
            .collect(),
    )
}

fn jwt(kind: &str) -> String {
    let header =
        URL_SAFE_NO_PAD.encode(json!({"kid": format!("{kind}-key-1"), "alg": "RS256"}).to_string());
    let payload = URL_SAFE_NO_PAD.encode(
        json!({
            "sub": "5b7a0f3e-1c2d-4e5f-8a9b-0c1d2e3f4a5b",
            "iss": "https://cognito-idp.us-east-1.amazonaws.com/us-east-1_AbC123xyz",
            "aud": "4f1c2d3e5a6b7c8d9e0f1a2b3c",
            "token_use": kind,
            "auth_time": 1_768_467_604,
            "iat": 1_768_467_604,
            "exp": 1_768_471_204,
            "cognito:username": "user123",
            "email": "user123@example.com"
        })
        .to_string(),
    );
    let sig = URL_SAFE_NO_PAD.encode([42u8; 256]);
    format!("{header}.{payload}.{sig}")
}

/// The seed's main path, or its wrong-password branch.
pub fn seed_run(wrong: bool) -> Run {
    use Change::{Changed, Same, Set};
    let id = jwt("id");
    let pool = PoolFacts {
        pool_id: "us-east-1_AbC123xyz".into(),
        region: "us-east-1".into(),
        client_id: "4f1c2d3e5a6b7c8d9e0f1a2b3c".into(),
        issuer: "https://cognito-idp.us-east-1.amazonaws.com/us-east-1_AbC123xyz".into(),
        jwks_url:
            "https://cognito-idp.us-east-1.amazonaws.com/us-east-1_AbC123xyz/.well-known/jwks.json"
                .into(),
        password_policy: "at least 6 characters, lowercase, numbers".into(),
        policy_note: Some(
            "This lesson relaxes the password policy so the seed's password pass123 is accepted."
                .into(),
        ),
        clock_start: 1_768_467_600,
    };
    let request = json!({"AuthFlow": "USER_PASSWORD_AUTH", "ClientId": pool.client_id, "AuthParameters": {"USERNAME": "user123", "PASSWORD": if wrong {"pass124"} else {"pass123"}}});
    let password = if wrong { "pass124" } else { "pass123" };
    let frame = |number: usize,
                 step_index: usize,
                 action: Action,
                 row: [&str; 4],
                 v: Vars,
                 node: &str,
                 path: &[&str]| Frame {
        number,
        step_index,
        step_id: Some(node.to_owned()),
        action,
        row: Row {
            action: row[0].into(),
            input: row[1].into(),
            response: row[2].into(),
            result: row[3].into(),
        },
        vars: v,
        node: Some(node.into()),
        path: path.iter().map(|s| (*s).to_owned()).collect(),
        sample_line: u32::try_from(number).ok().filter(|n| *n <= 5),
        explanation: Some(format!(
            "Explanation of step {number}: what the learner should notice here."
        )),
        snippet: None,
        outcome: Outcome::None,
        api: None,
        tokens: Tokens::default(),
        verification: None,
        crypto: Vec::new(),
        clock: 1_768_467_600 + 4,
        notes: Vec::new(),
    };
    let mut frames = vec![
        frame(
            1,
            0,
            Action::EnterCredentials,
            [
                "User inputs credentials",
                "username, password",
                "N/A",
                "Credentials ready",
            ],
            vars([
                ("username", "user123", Set),
                ("password", password, Set),
                ("authStatus", "none", Same),
                ("token", "none", Same),
            ]),
            "enter",
            &["enter"],
        ),
        frame(
            2,
            1,
            Action::SendCredentials,
            [
                "App sends credentials to Cognito",
                "username, password",
                "Checking credentials",
                "Waiting for response",
            ],
            vars([
                ("username", "user123", Same),
                ("password", password, Same),
                ("authStatus", "none", Same),
                ("token", "none", Same),
            ]),
            "send",
            &["enter", "send"],
        ),
    ];
    frames[1].outcome = Outcome::Pending;
    frames[1].api = Some(ApiCall {
        operation: "InitiateAuth".into(),
        request: Some(request.clone()),
        response: None,
        status: None,
    });
    if wrong {
        let mut f3 = frame(
            3,
            2,
            Action::VerifyCredentials,
            [
                "Cognito verifies credentials",
                "username, password",
                "NotAuthorizedException: Incorrect username or password.",
                "Authentication failed",
            ],
            vars([
                ("username", "user123", Same),
                ("password", password, Same),
                ("authStatus", "error", Changed),
                ("token", "none", Same),
            ]),
            "verify",
            &["enter", "send", "verify"],
        );
        f3.outcome = Outcome::Error {
            exception: "NotAuthorizedException".into(),
            message: "Incorrect username or password.".into(),
        };
        f3.crypto = vec![CryptoCost {
            operation: "argon2id verify".into(),
            params: "m=19456 KiB, t=2, p=1".into(),
            elapsed: Duration::from_millis(14),
        }];
        frames.push(f3);
        let mut f4 = frame(
            4,
            5,
            Action::ReturnResult,
            [
                "Cognito returns an error",
                "N/A",
                "NotAuthorizedException: Incorrect username or password.",
                "No token issued",
            ],
            vars([
                ("username", "user123", Same),
                ("password", password, Same),
                ("authStatus", "error", Same),
                ("token", "none", Same),
            ]),
            "error",
            &["enter", "send", "verify", "error"],
        );
        f4.outcome = Outcome::Error {
            exception: "NotAuthorizedException".into(),
            message: "Incorrect username or password.".into(),
        };
        f4.api = Some(ApiCall {
            operation: "InitiateAuth".into(),
            request: Some(request),
            response: Some(
                json!({"__type": "NotAuthorizedException", "message": "Incorrect username or password."}),
            ),
            status: Some(400),
        });
        frames.push(f4);
        frames.push(frame(
            5,
            6,
            Action::ShowError,
            ["App shows error", "Error", "N/A", "Login failed"],
            vars([
                ("username", "user123", Same),
                ("password", password, Same),
                ("authStatus", "error: NotAuthorizedException", Changed),
                ("token", "none", Same),
            ]),
            "error",
            &["enter", "send", "verify", "error"],
        ));
    } else {
        let mut f3 = frame(
            3,
            2,
            Action::VerifyCredentials,
            [
                "Cognito verifies credentials",
                "username, password",
                "Valid",
                "Authentication success",
            ],
            vars([
                ("username", "user123", Same),
                ("password", password, Same),
                ("authStatus", "valid", Changed),
                ("token", "none", Same),
            ]),
            "verify",
            &["enter", "send", "verify"],
        );
        f3.outcome = Outcome::Success;
        f3.crypto = vec![CryptoCost {
            operation: "argon2id verify".into(),
            params: "m=19456 KiB, t=2, p=1".into(),
            elapsed: Duration::from_millis(14),
        }];
        frames.push(f3);
        let mut f4 = frame(
            4,
            3,
            Action::ReturnResult,
            [
                "Cognito returns token",
                "N/A",
                "JWT token",
                "Token received by app",
            ],
            vars([
                ("username", "user123", Same),
                ("password", password, Same),
                ("authStatus", "token issued", Changed),
                ("token", &id, Set),
            ]),
            "token",
            &["enter", "send", "verify", "token"],
        );
        f4.outcome = Outcome::Success;
        f4.tokens = Tokens {
            id: Some(id.clone()),
            access: Some(jwt("access")),
            refresh: Some("opaque-refresh".into()),
        };
        f4.api = Some(ApiCall {
            operation: "InitiateAuth".into(),
            request: Some(request),
            response: Some(json!({"AuthenticationResult": {"IdToken": id, "ExpiresIn": 3600}})),
            status: Some(200),
        });
        frames.push(f4.clone());
        let mut f5 = frame(
            5,
            4,
            Action::GrantAccess,
            ["App grants access", "Token", "N/A", "User logged in"],
            vars([
                ("username", "user123", Same),
                ("password", password, Same),
                ("authStatus", "authenticated", Changed),
                ("token", &id, Same),
            ]),
            "access",
            &["enter", "send", "verify", "token", "access"],
        );
        f5.tokens = f4.tokens;
        f5.verification = Some(Verification {
            token: TokenKind::Id,
            checks: vec![
                Check {
                    name: "signature (RS256, key by kid from the JWKS)".into(),
                    passed: true,
                    detail: "kid id-key-1 found".into(),
                },
                Check {
                    name: "exp".into(),
                    passed: true,
                    detail: "expires in 60 min".into(),
                },
            ],
        });
        frames.push(f5);
    }
    Run {
        scenario_id: "signin-basic".into(),
        variant: wrong.then(|| "wrong-password".to_owned()),
        seed: 1,
        pool,
        tracked: ["username", "password", "authStatus", "token"]
            .map(String::from)
            .to_vec(),
        start: vars([
            ("username", "empty", Same),
            ("password", "empty", Same),
            ("authStatus", "none", Same),
            ("token", "none", Same),
        ]),
        frames,
        jwks: json!({"keys": []}),
        outcome: if wrong {
            "NotAuthorizedException: Incorrect username or password.".into()
        } else {
            "User logged in".into()
        },
    }
}
