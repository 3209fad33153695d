//! Every request and response of every built-in lesson, checked against the AWS SDK's own
//! service model: botocore's `cognito-idp` `service-2.json`, loaded by botocore itself from the
//! venv `scripts/setup-clients.sh` installs (pinned in clients/requirements.txt). Every
//! structure's required members are present, every member it names exists, every value has its
//! shape's type, every enum value is one of the model's, every length and pattern holds (the
//! model's patterns are Java regular expressions, matched whole), and every exception a call
//! answers is one the operation may raise. Without the venv, plain `cargo test` skips this
//! saying so; `scripts/test` and CI never skip it.

use std::collections::BTreeMap;
use std::process::Command;

use cogflow::scenario;
use serde_json::Value;

use crate::serve::clients::python;

/// The lessons' own tests' seed (their runs are computed once, `support::lesson_run`): the
/// values differ from `check`'s, the shapes not.
const SEED: u64 = 7;

/// botocore's model of the Cognito user pools API, as botocore loads it.
struct Model {
    operations: serde_json::Map<String, Value>,
    shapes: serde_json::Map<String, Value>,
    /// Compiled patterns, by the model's pattern text.
    patterns: std::cell::RefCell<BTreeMap<String, regex::Regex>>,
}

impl Model {
    /// Loads the model through botocore's own loader; `None` (said) without the venv.
    fn load(test: &str) -> Option<(Model, String)> {
        let python = python(test)?;
        let out = Command::new(python)
            .args([
                "-c",
                "import json, sys, botocore\n\
                 from botocore.loaders import Loader\n\
                 model = Loader().load_service_model('cognito-idp', 'service-2')\n\
                 json.dump({'botocore': botocore.__version__, 'model': model}, sys.stdout)",
            ])
            .output()
            .unwrap();
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
        let mut loaded: Value = serde_json::from_slice(&out.stdout).unwrap();
        let version = loaded["botocore"].as_str().unwrap().to_owned();
        let model = loaded["model"].take();
        let part = |name: &str| model[name].as_object().unwrap().clone();
        Some((
            Model {
                operations: part("operations"),
                shapes: part("shapes"),
                patterns: std::cell::RefCell::default(),
            },
            version,
        ))
    }

    fn shape(&self, name: &str) -> &Value {
        &self.shapes[name]
    }

    /// Problems of `value` as shape `name`, each `at` a JSON path.
    fn check(&self, name: &str, value: &Value, at: &str, problems: &mut Vec<String>) {
        let shape = self.shape(name);
        let say = |what: String| format!("{at} ({name}): {what}");
        match shape["type"].as_str().unwrap() {
            "structure" => {
                let Some(object) = value.as_object() else {
                    return problems.push(say(format!("expected an object, got {value}")));
                };
                let members = shape["members"].as_object().unwrap();
                for required in shape["required"].as_array().into_iter().flatten() {
                    let required = required.as_str().unwrap();
                    if object.get(required).is_none_or(Value::is_null) {
                        problems.push(say(format!("required member {required} is missing")));
                    }
                }
                for (key, member_value) in object {
                    match members.get(key) {
                        Some(member) => self.check(
                            member["shape"].as_str().unwrap(),
                            member_value,
                            &format!("{at}.{key}"),
                            problems,
                        ),
                        // Error bodies carry the exception's name as `__type` (JSON 1.1).
                        None if key == "__type" && shape["exception"] == true => {}
                        None => problems.push(say(format!("no member {key} in the model"))),
                    }
                }
            }
            "list" => {
                let Some(items) = value.as_array() else {
                    return problems.push(say(format!("expected a list, got {value}")));
                };
                problems.extend(length(shape, items.len()).into_iter().map(say));
                let member = shape["member"]["shape"].as_str().unwrap();
                for (i, item) in items.iter().enumerate() {
                    self.check(member, item, &format!("{at}[{i}]"), problems);
                }
            }
            "map" => {
                let Some(object) = value.as_object() else {
                    return problems.push(say(format!("expected a map, got {value}")));
                };
                problems.extend(length(shape, object.len()).into_iter().map(say));
                let key_shape = shape["key"]["shape"].as_str().unwrap();
                let value_shape = shape["value"]["shape"].as_str().unwrap();
                for (key, item) in object {
                    let here = format!("{at}.{key}");
                    self.check(key_shape, &Value::String(key.clone()), &here, problems);
                    self.check(value_shape, item, &here, problems);
                }
            }
            "string" => {
                let Some(text) = value.as_str() else {
                    return problems.push(say(format!("expected a string, got {value}")));
                };
                if let Some(values) = shape["enum"].as_array()
                    && !values.iter().any(|v| v == text)
                {
                    problems.push(say(format!("{text:?} is not one of {values:?}")));
                }
                // AWS counts a string's length in characters.
                problems.extend(length(shape, text.chars().count()).into_iter().map(say));
                let pattern = match name {
                    "PasswordType" => Some(SERVER_PASSWORD_PATTERN),
                    _ => shape["pattern"].as_str(),
                };
                if let Some(pattern) = pattern
                    && !self.matches(pattern, text)
                {
                    problems.push(say(format!(
                        "{text:?} does not match the pattern {pattern}"
                    )));
                }
            }
            "integer" | "long" => match value.as_i64() {
                Some(n) => {
                    let bound = |key: &str| shape[key].as_i64();
                    if bound("min").is_some_and(|min| n < min)
                        || bound("max").is_some_and(|max| n > max)
                    {
                        problems.push(say(format!("{n} is out of the model's range")));
                    }
                }
                None => problems.push(say(format!("expected an integer, got {value}"))),
            },
            "boolean" if !value.is_boolean() => {
                problems.push(say(format!("expected a boolean, got {value}")))
            }
            // The JSON protocol sends timestamps as epoch seconds.
            "timestamp" | "double" | "float" if !value.is_number() => {
                problems.push(say(format!("expected a number, got {value}")));
            }
            "blob" if !value.is_string() => {
                problems.push(say(format!("expected base64 text, got {value}")))
            }
            "boolean" | "timestamp" | "double" | "float" | "blob" => {}
            other => problems.push(say(format!(
                "a shape type this test does not know: {other}"
            ))),
        }
    }

    /// Whether `text` matches the Java pattern whole (as AWS's validation matches it). The one
    /// pattern the service applies differently from the model is the password's
    /// ([`SERVER_PASSWORD_PATTERN`]).
    fn matches(&self, pattern: &str, text: &str) -> bool {
        let mut patterns = self.patterns.borrow_mut();
        let re = patterns.entry(pattern.to_owned()).or_insert_with(|| {
            regex::Regex::new(&format!("^(?:{})$", java_to_rust(pattern))).unwrap()
        });
        re.is_match(text)
    }
}

/// What of `len` breaks the shape's `min` and `max`.
fn length(shape: &Value, len: usize) -> Vec<String> {
    let len = i64::try_from(len).unwrap();
    let mut out = Vec::new();
    if let Some(min) = shape["min"].as_i64().filter(|&min| len < min) {
        out.push(format!("length {len} is under the model's min {min}"));
    }
    if let Some(max) = shape["max"].as_i64().filter(|&max| len > max) {
        out.push(format!("length {len} is over the model's max {max}"));
    }
    out
}

/// The model says `[\S]+` for `PasswordType`, but Cognito accepts a password with spaces inside
/// and refuses only surrounding ones, quoting this pattern (cds-snc/platform-forms-client#5635;
/// docs/cognito-fidelity.md, "Validation").
const SERVER_PASSWORD_PATTERN: &str = r"[\S]+.*[\S]+";

/// A Java pattern of the model in Rust's syntax: Java's `\w`, `\d`, `\s` (and their negations)
/// are ASCII-only, Rust's Unicode; everything else the model uses means the same in both.
fn java_to_rust(pattern: &str) -> String {
    let mut out = String::new();
    let mut in_class = false;
    let mut chars = pattern.chars();
    while let Some(c) = chars.next() {
        match c {
            '\\' => {
                let next = chars.next().unwrap_or('\\');
                let ascii = match next {
                    'w' => Some("0-9A-Za-z_"),
                    'd' => Some("0-9"),
                    's' => Some(" \\t\\n\\x0B\\f\\r"),
                    _ => None,
                };
                // The negated ones are nested classes, which Rust allows inside a class too.
                let negated = match next {
                    'W' => Some("0-9A-Za-z_"),
                    'D' => Some("0-9"),
                    'S' => Some(" \\t\\n\\x0B\\f\\r"),
                    _ => None,
                };
                match (ascii, negated) {
                    (Some(set), _) if in_class => out.push_str(set),
                    (Some(set), _) => out.push_str(&format!("[{set}]")),
                    (None, Some(set)) => out.push_str(&format!("[^{set}]")),
                    (None, None) => {
                        out.push('\\');
                        out.push(next);
                    }
                }
            }
            '[' if !in_class => {
                in_class = true;
                out.push(c);
            }
            ']' if in_class => {
                in_class = false;
                out.push(c);
            }
            _ => out.push(c),
        }
    }
    out
}

/// One call a lesson made, where, and what it sent and got.
struct Seen {
    at: String,
    operation: String,
    request: Value,
    status: u16,
    response: Value,
}

/// Every answered call of every built-in lesson's main path and variants.
fn every_lessons_calls() -> Vec<Seen> {
    let mut seen = Vec::new();
    for (id, _) in scenario::BUILTINS {
        let lesson = scenario::resolve(Some(id)).unwrap();
        let variants =
            std::iter::once(None).chain(lesson.file.variants.iter().map(|v| Some(v.id.as_str())));
        for variant in variants {
            let run = crate::support::lesson_run(id, variant, SEED);
            for frame in &run.frames {
                let Some(api) = &frame.api else { continue };
                let (Some(request), Some(response), Some(status)) =
                    (&api.request, &api.response, api.status)
                else {
                    continue;
                };
                seen.push(Seen {
                    at: format!("{id} {} step {}", variant.unwrap_or("main"), frame.number),
                    operation: api.operation.clone(),
                    request: request.clone(),
                    status,
                    response: response.clone(),
                });
            }
        }
    }
    seen
}

/// The managed login's endpoints (`GET /oauth2/authorize`, `POST /login`, …): OAuth over
/// HTTP, not operations of the JSON API, so not in this model.
fn is_managed_login(operation: &str) -> bool {
    operation.starts_with("GET /") || operation.starts_with("POST /")
}

#[test]
fn every_lessons_requests_and_responses_match_botocores_service_model() {
    let Some((model, botocore)) = Model::load("service_model") else {
        return;
    };
    let calls = every_lessons_calls();
    let mut problems = Vec::new();
    let mut checked = BTreeMap::<&str, usize>::new();
    for call in &calls {
        if is_managed_login(&call.operation) {
            continue;
        }
        let Some(operation) = model.operations.get(&call.operation) else {
            problems.push(format!(
                "{}: {} is not an operation of the model",
                call.at, call.operation
            ));
            continue;
        };
        *checked.entry(&call.operation).or_default() += 1;
        let at = format!("{} {}", call.at, call.operation);
        let input = operation["input"]["shape"].as_str().unwrap();
        model.check(
            input,
            &call.request,
            &format!("{at} request"),
            &mut problems,
        );
        if call.status == 200 {
            match operation["output"]["shape"].as_str() {
                Some(output) => {
                    model.check(
                        output,
                        &call.response,
                        &format!("{at} response"),
                        &mut problems,
                    );
                }
                None if call.response == serde_json::json!({}) => {}
                None => problems.push(format!(
                    "{at}: the model has no output, the mock sent {}",
                    call.response
                )),
            }
            continue;
        }
        let exception = call.response["__type"].as_str().unwrap_or_default();
        let may_raise = operation["errors"]
            .as_array()
            .into_iter()
            .flatten()
            .any(|e| e["shape"] == exception);
        if may_raise {
            model.check(
                exception,
                &call.response,
                &format!("{at} error"),
                &mut problems,
            );
        } else {
            problems.push(format!(
                "{at}: {exception} is not among the errors the model lists"
            ));
        }
    }
    let total: usize = checked.values().sum();
    eprintln!(
        "service model (botocore {botocore}): {total} calls of {} operations checked, {} problems: {checked:?}",
        checked.len(),
        problems.len()
    );
    assert!(
        problems.is_empty(),
        "{} problems:\n{}",
        problems.len(),
        problems.join("\n")
    );
    // Every lesson's calls were seen: a run that stopped early would check fewer.
    assert!(total >= 150, "only {total} calls checked");
    for operation in [
        "InitiateAuth",
        "RespondToAuthChallenge",
        "SignUp",
        "ConfirmSignUp",
        "AssociateSoftwareToken",
        "VerifySoftwareToken",
        "AdminAddUserToGroup",
        "ForgotPassword",
        "ConfirmForgotPassword",
        "GetUser",
        "GlobalSignOut",
        "AdminCreateUser",
    ] {
        assert!(
            checked.contains_key(operation),
            "no lesson called {operation}"
        );
    }
}

#[test]
fn the_java_patterns_mean_in_rust_what_they_mean_to_aws() {
    let re = |p: &str| regex::Regex::new(&format!("^(?:{})$", java_to_rust(p))).unwrap();
    // `\w` is ASCII-only in Java: a client id with an accented letter fails `[\w+]+`.
    assert!(re(r"[\w+]+").is_match("abc123_+"));
    assert!(!re(r"[\w+]+").is_match("abcé"));
    assert!(re(r"[\w-]+_[0-9a-zA-Z]+").is_match("us-east-1_AbC123"));
    // `\S` is any non-space; `[\S]+` refuses a password made of spaces only.
    assert!(re(r"[\S]+").is_match("Correct-Horse-9"));
    assert!(!re(r"[\S]+").is_match("with space"));
    // Java's `\S` is "not ASCII whitespace": a no-break space is not whitespace there.
    assert!(re(r"[\S]+").is_match("\u{a0}x"));
    // Unicode classes are the same in both.
    assert!(re(r"[\p{L}\p{M}\p{S}\p{N}\p{P}]+").is_match("José_Ñandú@example.com"));
    assert!(!re(r"[\p{L}\p{M}\p{S}\p{N}\p{P}]+").is_match("two words"));
    // Matched whole, as Java's `matches()`.
    assert!(!re(r"[0-9]+").is_match("12a"));
}

#[test]
fn the_check_finds_each_kind_of_problem() {
    let Some((model, _)) = Model::load("service_model") else {
        return;
    };
    let problems = |shape: &str, value: Value| {
        let mut out = Vec::new();
        model.check(shape, &value, "x", &mut out);
        out
    };
    let fine = serde_json::json!({"AuthFlow": "USER_PASSWORD_AUTH", "ClientId": "abc",
        "AuthParameters": {"USERNAME": "sam", "PASSWORD": "Correct Horse-9"}});
    assert_eq!(problems("InitiateAuthRequest", fine), Vec::<String>::new());
    for (shape, value, expected) in [
        (
            "InitiateAuthRequest",
            serde_json::json!({"AuthFlow": "USER_PASSWORD_AUTH"}),
            "x (InitiateAuthRequest): required member ClientId is missing",
        ),
        (
            "InitiateAuthRequest",
            serde_json::json!({"AuthFlow": "PASSWORD", "ClientId": "abc"}),
            "x.AuthFlow (AuthFlowType): \"PASSWORD\" is not one of",
        ),
        (
            "InitiateAuthRequest",
            serde_json::json!({"AuthFlow": "USER_PASSWORD_AUTH", "ClientId": "abc", "Extra": 1}),
            "x (InitiateAuthRequest): no member Extra in the model",
        ),
        (
            "InitiateAuthRequest",
            serde_json::json!({"AuthFlow": "USER_PASSWORD_AUTH", "ClientId": 7}),
            "x.ClientId (ClientIdType): expected a string, got 7",
        ),
        (
            "RespondToAuthChallengeRequest",
            serde_json::json!({"ChallengeName": "SMS_MFA", "ClientId": "abc", "Session": "0123456789"}),
            "x.Session (SessionType): length 10 is under the model's min 20",
        ),
        (
            "ConfirmSignUpRequest",
            serde_json::json!({"ClientId": "abc", "Username": "sam", "ConfirmationCode": "12 34"}),
            "x.ConfirmationCode (ConfirmationCodeType): \"12 34\" does not match the pattern [\\S]+",
        ),
        (
            "SignUpRequest",
            serde_json::json!({"ClientId": "abc", "Username": "sam", "Password": " padded "}),
            "x.Password (PasswordType): \" padded \" does not match the pattern [\\S]+.*[\\S]+",
        ),
        (
            "AuthenticationResultType",
            serde_json::json!({"ExpiresIn": "3600"}),
            "x.ExpiresIn (IntegerType): expected an integer, got \"3600\"",
        ),
    ] {
        let found = problems(shape, value);
        assert!(
            found.iter().any(|p| p.starts_with(expected)),
            "{expected}\nfound: {found:?}"
        );
    }
}

/// The mock's validation table (`cognito::validation`) is the model's: each shape's lengths,
/// sensitivity and pattern, and the mock's matcher agrees with the pattern's regular expression
/// on values either side of each rule.
#[test]
fn the_mocks_validation_table_is_the_models() {
    use cogflow::cognito::validation::SHAPES;
    let Some((model, _)) = Model::load("service_model") else {
        return;
    };
    for shape in SHAPES {
        let m = model.shape(shape.name);
        let number = |key: &str| m[key].as_u64().map(|n| usize::try_from(n).unwrap());
        assert_eq!(number("min"), shape.min, "{} min", shape.name);
        assert_eq!(number("max"), shape.max, "{} max", shape.name);
        assert_eq!(
            m["sensitive"] == true,
            shape.sensitive,
            "{} sensitive",
            shape.name
        );
        assert_eq!(
            m["pattern"].as_str(),
            shape.pattern.map(|p| p.model_text()),
            "{} pattern",
            shape.name
        );
        let Some(pattern) = shape.pattern else {
            continue;
        };
        let served = pattern.text().trim_start_matches('^').trim_end_matches('$');
        for sample in [
            "", "a", "ab", " ab", "ab ", "a b", "123456", "12345a", "a\nb", "\u{a0}xy", "x\ty",
        ] {
            assert_eq!(
                pattern.matches(sample),
                model.matches(served, sample),
                "{} {sample:?}",
                shape.name
            );
        }
    }
}
