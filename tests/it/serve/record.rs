//! `cogflow serve --record`: a boto3 session of eight calls, two of them failing, recorded on
//! SIGTERM. The file passes `check`, holds no password, code or token of the session, and its
//! transcript reproduces the eight outcomes (exception names and messages).

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
