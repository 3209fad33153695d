//! The wire protocol spoken over raw TCP: what every SDK relies on, byte for byte.

use std::io::Write;
use std::net::TcpStream;
use std::time::Duration;

use serde_json::json;

use super::{Served, cognito, http, read_answer};

fn sign_in(served: &Served, password: &str) -> super::Answer {
    cognito(
        served.addr(),
        "InitiateAuth",
        &json!({
            "AuthFlow": "USER_PASSWORD_AUTH",
            "ClientId": served.get("client_id"),
            "AuthParameters": {"USERNAME": "user123", "PASSWORD": password},
        }),
    )
}

#[test]
fn banner_is_key_value_lines_then_a_blank_line_then_exports() {
    let served = Served::start(&[]);
    for key in [
        "endpoint",
        "region",
        "user_pool_id",
        "client_id",
        "jwks_url",
        "issuer",
        "seed",
    ] {
        assert!(!served.get(key).is_empty(), "{key}");
    }
    assert!(served.endpoint().starts_with("http://127.0.0.1:"));
    assert_eq!(served.get("region"), "us-east-1");
    let pool = served.get("user_pool_id");
    assert!(
        pool.starts_with("us-east-1_") && pool.len() == "us-east-1_".len() + 9,
        "{pool}"
    );
    assert_eq!(
        served.get("issuer"),
        format!("https://cognito-idp.us-east-1.amazonaws.com/{pool}")
    );
    assert_eq!(
        served.get("jwks_url"),
        format!("{}/{pool}/.well-known/jwks.json", served.endpoint())
    );
    assert_eq!(
        served.exports[0],
        format!(
            "export AWS_ENDPOINT_URL_COGNITO_IDENTITY_PROVIDER={}",
            served.endpoint()
        )
    );
    assert!(
        served.exports[1].starts_with("export AWS_DEFAULT_REGION=us-east-1 AWS_ACCESS_KEY_ID=")
    );
}

#[test]
fn answers_carry_cognitos_headers_and_error_shape() {
    let served = Served::start(&[]);
    let wrong = sign_in(&served, "wrong-password");
    assert_eq!(wrong.status, 400);
    assert_eq!(
        wrong.json(),
        json!({"__type": "NotAuthorizedException", "message": "Incorrect username or password."})
    );
    assert_eq!(wrong.headers["content-type"], "application/x-amz-json-1.1");
    assert_eq!(wrong.headers["x-amzn-errortype"], "NotAuthorizedException:");
    assert_eq!(
        wrong.headers["x-amzn-errormessage"],
        "Incorrect username or password."
    );
    assert_eq!(wrong.headers["x-amzn-requestid"].len(), 36);
    assert_eq!(wrong.headers["access-control-allow-origin"], "*");

    let right = sign_in(&served, "pass123");
    assert_eq!(right.status, 200, "{}", right.body);
    assert_eq!(right.headers["content-type"], "application/x-amz-json-1.1");
    assert_ne!(
        right.headers["x-amzn-requestid"],
        wrong.headers["x-amzn-requestid"]
    );
    let result = &right.json()["AuthenticationResult"];
    assert_eq!(result["TokenType"], "Bearer");
    assert_eq!(result["ExpiresIn"], 3600);
    assert!(right.json().get("Session").is_none());
}

#[test]
fn bad_requests_get_cognitos_errors_never_a_hang() {
    let served = Served::start(&[]);
    let addr = served.addr();
    let json11 = ("Content-Type", "application/x-amz-json-1.1");
    let target = |op: &str| format!("AWSCognitoIdentityProviderService.{op}");
    let unknown = target("MakeCoffee");
    let init = target("InitiateAuth");
    let big = vec![b' '; 300 * 1024];
    // (headers, body, status, __type, part of the message)
    type Case<'a> = (Vec<(&'a str, &'a str)>, &'a [u8], u16, &'a str, &'a str);
    let cases: Vec<Case> = vec![
        (
            vec![json11],
            b"{}",
            400,
            "UnknownOperationException",
            "No X-Amz-Target",
        ),
        (
            vec![json11, ("X-Amz-Target", &unknown)],
            b"{}",
            400,
            "UnknownOperationException",
            "does not serve `MakeCoffee`",
        ),
        (
            vec![json11, ("X-Amz-Target", "DynamoDB_20120810.GetItem")],
            b"{}",
            400,
            "UnknownOperationException",
            "names no user-pool operation",
        ),
        (
            vec![json11, ("X-Amz-Target", &init)],
            b"{\"AuthFlow\": ",
            400,
            "SerializationException",
            "not valid JSON",
        ),
        (
            vec![json11, ("X-Amz-Target", &init)],
            b"[1]",
            400,
            "SerializationException",
            "must be a JSON object",
        ),
        (
            vec![
                ("Content-Type", "application/json"),
                ("X-Amz-Target", &init),
            ],
            b"{}",
            400,
            "SerializationException",
            "Content-Type is `application/json`",
        ),
        (
            vec![json11, ("X-Amz-Target", &init)],
            b"{\"AuthFlow\": \"USER_PASSWORD_AUTH\"}",
            400,
            "InvalidParameterException",
            "Value null at 'clientId' failed to satisfy constraint: Member must not be null",
        ),
        (
            vec![json11, ("X-Amz-Target", &init)],
            &big,
            413,
            "SerializationException",
            "this endpoint reads at most 262144",
        ),
    ];
    for (headers, body, status, type_name, message) in cases {
        let answer = http(addr, "POST", "/", &headers, body);
        assert_eq!(answer.status, status, "{headers:?}: {}", answer.body);
        let json = answer.json();
        assert_eq!(json["__type"], type_name, "{headers:?}");
        assert!(
            json["message"].as_str().unwrap().contains(message),
            "{headers:?}: {}",
            json["message"]
        );
        assert_eq!(answer.headers["x-amzn-errortype"], format!("{type_name}:"));
        assert!(answer.headers.contains_key("x-amzn-requestid"));
    }
    // The server is still there.
    assert_eq!(sign_in(&served, "pass123").status, 200);
}

#[test]
fn a_slow_client_does_not_hold_up_the_others() {
    let served = Served::start(&[]);
    let body = json!({"AuthFlow": "USER_PASSWORD_AUTH", "ClientId": served.get("client_id"),
        "AuthParameters": {"USERNAME": "user123", "PASSWORD": "pass123"}})
    .to_string();
    let mut slow = TcpStream::connect(served.addr()).unwrap();
    slow.set_read_timeout(Some(Duration::from_secs(20)))
        .unwrap();
    write!(
        slow,
        "POST / HTTP/1.1\r\nHost: x\r\nConnection: close\r\nX-Amz-Target: AWSCognitoIdentityProviderService.InitiateAuth\r\n\
         Content-Type: application/x-amz-json-1.1\r\nContent-Length: {}\r\n\r\n{}",
        body.len(),
        &body[..10]
    )
    .unwrap();
    slow.flush().unwrap();
    // Half a body is in; others are served meanwhile.
    for _ in 0..3 {
        assert_eq!(sign_in(&served, "pass123").status, 200);
    }
    slow.write_all(&body.as_bytes()[10..]).unwrap();
    let answer = read_answer(&mut slow);
    assert_eq!(answer.status, 200, "{}", answer.body);
}

#[test]
fn cors_preflight_is_answered() {
    let served = Served::start(&[]);
    let answer = http(
        served.addr(),
        "OPTIONS",
        "/",
        &[
            ("Origin", "http://localhost:3000"),
            ("Access-Control-Request-Method", "POST"),
            (
                "Access-Control-Request-Headers",
                "content-type,x-amz-target,x-amz-user-agent",
            ),
        ],
        b"",
    );
    assert_eq!(answer.status, 200);
    assert_eq!(answer.headers["access-control-allow-origin"], "*");
    assert!(answer.headers["access-control-allow-methods"].contains("POST"));
    assert_eq!(
        answer.headers["access-control-allow-headers"],
        "content-type,x-amz-target,x-amz-user-agent"
    );
    assert!(answer.headers["access-control-expose-headers"].contains("x-amzn-RequestId"));
}

#[test]
fn jwks_and_openid_configuration_are_served_under_the_pool() {
    for (issuer_flag, local) in [("aws", false), ("local", true)] {
        let served = Served::start(&["--issuer", issuer_flag]);
        let pool = served.get("user_pool_id");
        let jwks = http(
            served.addr(),
            "GET",
            &format!("/{pool}/.well-known/jwks.json"),
            &[],
            b"",
        );
        assert_eq!(jwks.status, 200);
        let keys = jwks.json()["keys"].as_array().unwrap().clone();
        assert_eq!(
            keys.len(),
            2,
            "one key for ID tokens, one for access tokens"
        );
        assert!(
            keys.iter()
                .all(|k| k["kty"] == "RSA" && k["alg"] == "RS256")
        );
        let config = http(
            served.addr(),
            "GET",
            &format!("/{pool}/.well-known/openid-configuration"),
            &[],
            b"",
        )
        .json();
        let want_issuer = if local {
            format!("{}/{pool}", served.endpoint())
        } else {
            format!("https://cognito-idp.us-east-1.amazonaws.com/{pool}")
        };
        assert_eq!(config["issuer"], want_issuer.as_str());
        assert_eq!(served.get("issuer"), want_issuer);
        assert_eq!(config["jwks_uri"], served.get("jwks_url"));
        let unknown = http(
            served.addr(),
            "GET",
            "/us-east-1_Nope12345/.well-known/jwks.json",
            &[],
            b"",
        );
        assert_eq!(unknown.status, 404);
    }
}

#[test]
fn codes_are_readable_and_the_clock_moves_only_forward() {
    let mut served = Served::start(&[]);
    let addr = served.addr().to_owned();
    let addr = addr.as_str();
    let client = served.get("client_id").to_owned();
    let client = client.as_str();
    let signed_up = cognito(
        addr,
        "SignUp",
        &json!({"ClientId": client, "Username": "ana", "Password": "hello12",
                "UserAttributes": [{"Name": "email", "Value": "ana@example.com"}]}),
    );
    assert_eq!(signed_up.status, 200, "{}", signed_up.body);
    let messages = http(addr, "GET", "/_cogflow/messages?username=ana", &[], b"").json();
    let message = &messages["messages"][0];
    assert_eq!(message["kind"], "SignUp");
    assert_eq!(message["destination"], "ana@example.com");
    let code = message["code"].as_str().unwrap();
    assert_eq!(code.len(), 6);
    let confirmed = cognito(
        addr,
        "ConfirmSignUp",
        &json!({"ClientId": client, "Username": "ana", "ConfirmationCode": code}),
    );
    assert_eq!(confirmed.status, 200, "{}", confirmed.body);

    let tokens = sign_in(&served, "pass123").json();
    let access = tokens["AuthenticationResult"]["AccessToken"]
        .as_str()
        .unwrap()
        .to_owned();
    assert_eq!(
        cognito(addr, "GetUser", &json!({"AccessToken": access})).status,
        200
    );
    let before = http(addr, "GET", "/_cogflow/clock", &[], b"").json()["now"]
        .as_u64()
        .unwrap();
    let moved = http(
        addr,
        "POST",
        "/_cogflow/clock",
        &[],
        br#"{"advance": "61m"}"#,
    )
    .json();
    assert!(moved["now"].as_u64().unwrap() >= before + 3660);
    let expired = cognito(addr, "GetUser", &json!({"AccessToken": access}));
    assert_eq!(
        expired.json(),
        json!({"__type": "NotAuthorizedException", "message": "Access Token has expired"})
    );
    let back = http(
        addr,
        "POST",
        "/_cogflow/clock",
        &[],
        br#"{"advance": "-5m"}"#,
    );
    assert_eq!(back.status, 400);
    assert!(back.body.contains("only moves forward"), "{}", back.body);

    let log = served.log_until(|log| log.iter().any(|l| l.contains("clock moved forward")));
    assert!(
        log.iter()
            .any(|l| l.contains("message to ana <ana@example.com>")
                && l.contains(&format!("confirmation code {code}"))),
        "{log:#?}"
    );
}

#[test]
fn the_plain_log_has_one_line_per_phase_and_no_passwords() {
    let mut served = Served::start(&[]);
    assert_eq!(sign_in(&served, "wrong-password").status, 400);
    let log = served.log_until(|log| log.iter().any(|l| l.contains("response returned")));
    let call: Vec<&String> = log
        .iter()
        .filter(|l| l.contains("#1 InitiateAuth"))
        .collect();
    assert_eq!(call.len(), 3, "{log:#?}");
    assert!(
        call[0].contains("request received")
            && call[0].contains("\"PASSWORD\":\"<hidden, 14 chars>\"")
    );
    assert!(
        call[1].contains("credentials checked")
            && call[1].contains("password (argon2id, the mock's stand-in): FAILED")
    );
    assert!(call[2].contains(
        "response returned: 400 NotAuthorizedException: Incorrect username or password."
    ));
    assert!(
        log.iter().all(|l| !l.contains("wrong-password")),
        "{log:#?}"
    );
}

/// `--host` is honoured (another loopback address here: tests never leave 127.0.0.0/8), and a
/// signed call is accepted with its signature unchecked, its caller named from the
/// `Credential=` scope: access key id and region.
#[test]
fn another_host_when_asked_and_a_signed_call_named_by_its_key_and_region() {
    let mut served = Served::start(&["--host", "127.0.0.2"]);
    assert!(
        served.endpoint().starts_with("http://127.0.0.2:"),
        "{}",
        served.endpoint()
    );
    let target = "AWSCognitoIdentityProviderService.AdminGetUser";
    let body = json!({"UserPoolId": served.get("user_pool_id"), "Username": "user123"});
    let answer = http(
        served.addr(),
        "POST",
        "/",
        &[
            ("X-Amz-Target", target),
            ("Content-Type", "application/x-amz-json-1.1"),
            ("X-Amz-Date", "20261201T120000Z"),
            (
                "Authorization",
                "AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20261201/eu-west-1/cognito-idp/aws4_request, \
                 SignedHeaders=host;x-amz-date;x-amz-target, Signature=0000",
            ),
        ],
        body.to_string().as_bytes(),
    );
    assert_eq!(answer.status, 200, "{}", answer.body);
    assert_eq!(answer.json()["Username"], "user123");
    let log = served.log_until(|log| log.iter().any(|l| l.contains("#1 AdminGetUser")));
    let received = log.iter().find(|l| l.contains("#1 AdminGetUser")).unwrap();
    assert!(
        received.contains("(signed by AKIDEXAMPLE for eu-west-1, signature not checked)"),
        "{received}"
    );
}
