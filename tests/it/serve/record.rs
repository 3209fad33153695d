//! `cogflow serve --record`: a boto3 session of eight calls, two of them failing, recorded on
//! SIGTERM. The file passes `check`, holds no password, code or token of the session, and its
//! transcript reproduces the eight outcomes (exception names and messages). An SRP sign-in by
//! pycognito cannot be replayed: the file says so at the top and in the steps concerned.

use std::process::Command;

use serde_json::Value;

use super::Served;
use super::clients::python;
use crate::support::{TempHome, cogflow};

/// Eight calls; prints the outcomes and every secret it sent or got, as JSON.
const SESSION: &str = r#"
import json, os, urllib.request
import boto3
from botocore.config import Config

ENDPOINT = os.environ["AWS_ENDPOINT_URL_COGNITO_IDENTITY_PROVIDER"]
CLIENT_ID = os.environ["CLIENT_ID"]
cognito = boto3.client("cognito-idp", endpoint_url=ENDPOINT, region_name="us-east-1",
    aws_access_key_id="x", aws_secret_access_key="x", config=Config(retries={"max_attempts": 1}))
outcomes, secrets = [], ["Session-Secret-9!", "Session-Wrong-8!"]

def attempt(call, **request):
    try:
        answer = call(**request)
        outcomes.append("success")
        return answer
    except cognito.exceptions.ClientError as refused:
        error = refused.response["Error"]
        outcomes.append(error["Code"] + ": " + error["Message"])

def code():
    with urllib.request.urlopen(ENDPOINT + "/_cogflow/messages?username=bob") as answer:
        return json.load(answer)["messages"][-1]["code"]

attempt(cognito.sign_up, ClientId=CLIENT_ID, Username="bob", Password="Session-Secret-9!",
    UserAttributes=[{"Name": "email", "Value": "bob@example.com"}])
right = code()
wrong = str((int(right) + 1) % 1000000).zfill(6)
secrets += [right, wrong]
attempt(cognito.confirm_sign_up, ClientId=CLIENT_ID, Username="bob", ConfirmationCode=wrong)
attempt(cognito.confirm_sign_up, ClientId=CLIENT_ID, Username="bob", ConfirmationCode=right)
attempt(cognito.initiate_auth, ClientId=CLIENT_ID, AuthFlow="USER_PASSWORD_AUTH",
    AuthParameters={"USERNAME": "bob", "PASSWORD": "Session-Wrong-8!"})
tokens = attempt(cognito.initiate_auth, ClientId=CLIENT_ID, AuthFlow="USER_PASSWORD_AUTH",
    AuthParameters={"USERNAME": "bob", "PASSWORD": "Session-Secret-9!"})["AuthenticationResult"]
secrets += [tokens["AccessToken"], tokens["IdToken"], tokens["RefreshToken"]]
attempt(cognito.get_user, AccessToken=tokens["AccessToken"])
fresh = attempt(cognito.initiate_auth, ClientId=CLIENT_ID, AuthFlow="REFRESH_TOKEN_AUTH",
    AuthParameters={"REFRESH_TOKEN": tokens["RefreshToken"]})["AuthenticationResult"]
secrets += [fresh["AccessToken"], fresh["IdToken"]]
attempt(cognito.global_sign_out, AccessToken=fresh["AccessToken"])
print(json.dumps({"outcomes": outcomes, "secrets": secrets}))
"#;

/// A transcript step's outcome as the session script writes it.
fn outcome(step: &Value) -> Option<String> {
    let outcome = &step["outcome"];
    match outcome["kind"].as_str()? {
        "success" => Some("success".to_owned()),
        "error" => Some(format!(
            "{}: {}",
            outcome["exception"].as_str()?,
            outcome["message"].as_str()?
        )),
        _ => None,
    }
}

#[test]
fn a_recorded_boto3_session_becomes_a_lesson_that_reproduces_it() {
    let Some(python) = python("serve --record (boto3)") else {
        return;
    };
    let home = TempHome::new("record");
    let file = home.join("my session.toml");
    let mut served = Served::start_in(&["--record", file.to_str().unwrap()], Some(home.path()));
    let script = home.join("session.py");
    std::fs::write(&script, SESSION).unwrap();
    let ran = Command::new(python)
        .arg(&script)
        .env_remove("AWS_PROFILE")
        .env(
            "AWS_ENDPOINT_URL_COGNITO_IDENTITY_PROVIDER",
            served.endpoint(),
        )
        .env("CLIENT_ID", served.get("client_id"))
        .output()
        .unwrap();
    assert!(
        ran.status.success(),
        "{}",
        String::from_utf8_lossy(&ran.stderr)
    );
    let session: Value = serde_json::from_slice(&ran.stdout).unwrap();
    let outcomes: Vec<&str> = session["outcomes"]
        .as_array()
        .unwrap()
        .iter()
        .map(|o| o.as_str().unwrap())
        .collect();
    assert_eq!(outcomes.len(), 8);
    assert_eq!(outcomes.iter().filter(|o| **o != "success").count(), 2);

    // SIGTERM: the server writes the file and says so as its last line.
    let killed = Command::new("kill")
        .args(["-TERM", &served.pid().to_string()])
        .status()
        .unwrap();
    assert!(killed.success());
    let log = served.log_until(|log| {
        log.last()
            .is_some_and(|l| l.starts_with("cogflow serve: recorded"))
    });
    assert_eq!(
        log.last().unwrap(),
        &format!("cogflow serve: recorded 8 calls to {}", file.display())
    );

    let text = std::fs::read_to_string(&file).unwrap();
    assert!(
        text.contains(
            "# Replayed by the engine before writing: every step answers as in the session."
        ),
        "{text}"
    );
    for secret in session["secrets"].as_array().unwrap() {
        let secret = secret.as_str().unwrap();
        assert!(
            !text.contains(secret),
            "{secret} is in the recording:\n{text}"
        );
    }
    let checked = cogflow(&["check", file.to_str().unwrap()]).run();
    assert_eq!(checked.code, 0, "{}\n{text}", checked.stderr);
    assert!(checked.stderr.contains("1 valid"), "{}", checked.stderr);

    let transcript = cogflow(&["transcript", file.to_str().unwrap(), "--format", "json"]).run();
    assert_eq!(transcript.code, 0, "{}", transcript.stderr);
    let json: Value = serde_json::from_str(&transcript.stdout).unwrap();
    let replayed: Vec<String> = json["steps"]
        .as_array()
        .unwrap()
        .iter()
        .filter_map(outcome)
        .collect();
    assert_eq!(replayed, outcomes, "{text}");
    let operations: Vec<&str> = json["steps"]
        .as_array()
        .unwrap()
        .iter()
        .filter_map(|s| s["operation"].as_str())
        .collect();
    assert_eq!(
        operations,
        [
            "SignUp",
            "ConfirmSignUp",
            "ConfirmSignUp",
            "InitiateAuth",
            "InitiateAuth",
            "GetUser",
            "InitiateAuth",
            "GlobalSignOut"
        ]
    );
}

/// pycognito's SRP sign-in (InitiateAuth USER_SRP_AUTH, RespondToAuthChallenge
/// PASSWORD_VERIFIER), then GetUser with its access token, then a wrong USER_PASSWORD_AUTH.
const SRP_SESSION: &str = r#"
import os
import boto3
from pycognito.aws_srp import AWSSRP

ENDPOINT = os.environ["AWS_ENDPOINT_URL_COGNITO_IDENTITY_PROVIDER"]
cognito = boto3.client("cognito-idp", endpoint_url=ENDPOINT, region_name="us-east-1",
    aws_access_key_id="x", aws_secret_access_key="x")
srp = AWSSRP("alice", "Passw0rd!", os.environ["POOL_ID"], os.environ["CLIENT_ID"], client=cognito)
tokens = srp.authenticate_user()["AuthenticationResult"]
print(cognito.get_user(AccessToken=tokens["AccessToken"])["Username"])
"#;

#[test]
fn a_recorded_srp_sign_in_is_said_to_be_text_only_and_what_it_changes_is_listed() {
    let Some(python) = python("serve --record (pycognito SRP)") else {
        return;
    };
    let home = TempHome::new("record-srp");
    let file = home.join("srp.toml");
    let mut served = Served::start_in(
        &["srp-sign-in", "--record", file.to_str().unwrap()],
        Some(home.path()),
    );
    let script = home.join("srp.py");
    std::fs::write(&script, SRP_SESSION).unwrap();
    let ran = Command::new(python)
        .arg(&script)
        .env_remove("AWS_PROFILE")
        .env(
            "AWS_ENDPOINT_URL_COGNITO_IDENTITY_PROVIDER",
            served.endpoint(),
        )
        .env("POOL_ID", served.get("user_pool_id"))
        .env("CLIENT_ID", served.get("client_id"))
        .output()
        .unwrap();
    assert!(
        ran.status.success(),
        "{}",
        String::from_utf8_lossy(&ran.stderr)
    );
    assert_eq!(String::from_utf8_lossy(&ran.stdout).trim(), "alice");
    served.write("q\n");
    let log = served.log_until(|log| {
        log.last()
            .is_some_and(|l| l.starts_with("cogflow serve: recorded"))
    });
    assert_eq!(
        log.last().unwrap(),
        &format!(
            "cogflow serve: recorded 3 calls to {} (not reproduced: 2 written as text only, 1 answering otherwise when replayed; the file's header lists them)",
            file.display()
        )
    );
    let text = std::fs::read_to_string(&file).unwrap();
    let header: Vec<&str> = text.lines().take_while(|l| l.starts_with('#')).collect();
    assert!(
        header.contains(
            &"# NOT REPRODUCED: replayed by the engine before writing, 3 of its steps do not do"
        ),
        "{text}"
    );
    assert!(
        header.iter().any(|l| l.starts_with(
            "# - step 1 (call #1 InitiateAuth) is text only: an SRP sign-in's first leg sends SRP_A"
        )),
        "{text}"
    );
    assert!(
        header.iter().any(|l| l
            .starts_with("# - step 2 (call #2 RespondToAuthChallenge) is text only: an SRP proof")),
        "{text}"
    );
    assert!(
        header.iter().any(|l| l.starts_with("# - step 3 (call #3 GetUser) answered success in the session; replayed, it answers NotAuthorizedException")),
        "{text}"
    );
    let checked = cogflow(&["check", file.to_str().unwrap()]).run();
    assert_eq!(checked.code, 0, "{}\n{text}", checked.stderr);
    // The transcript shows the replay the header announced: GetUser refused.
    let transcript = cogflow(&["transcript", file.to_str().unwrap(), "--format", "json"]).run();
    assert_eq!(transcript.code, 0, "{}", transcript.stderr);
    let lesson: Value = serde_json::from_str(&transcript.stdout).unwrap();
    let steps = lesson["steps"].as_array().unwrap();
    assert_eq!(steps.len(), 3, "{}", transcript.stdout);
    let last = outcome(&steps[2]).unwrap();
    assert!(last.starts_with("NotAuthorizedException"), "{last}");
    assert!(
        steps[2]
            .to_string()
            .contains("Not reproduced: step 3 (call #3 GetUser)"),
        "said in the step itself: {}",
        steps[2]
    );
}
