//! Format 2: format 1 files run as they always did, and the lessons that needed step-ordering
//! tricks in format 1 are written directly (`tests/fixtures/valid/format2-*.toml`).

use cogflow::cognito::Argon2Params;
use cogflow::flow::{Run, Runner, Setup};
use cogflow::scenario::{self, Origin, Scenario, load, load_path};

use crate::support::fixtures_dir;

/// Every branch of `scenario` (the main path first), run with cheap argon2 and seed 1.
fn runs(scenario: &Scenario) -> Vec<Run> {
    let mut setups = vec![Setup::main(&scenario.file)];
    for variant in &scenario.file.variants {
        setups.push(Setup::variant(&scenario.file, &variant.id).unwrap());
    }
    setups
        .into_iter()
        .map(|mut setup| {
            setup.config.argon2 = Argon2Params::cheap_for_tests();
            Runner::from_setup(setup, 1).unwrap().finish()
        })
        .collect()
}

fn lesson(name: &str) -> Scenario {
    load_path(&fixtures_dir().join("valid").join(format!("{name}.toml"))).unwrap()
}

/// (run step number, file step id, outcome) of every frame.
fn path(run: &Run) -> Vec<(usize, String, String)> {
    run.frames
        .iter()
        .map(|f| {
            (
                f.number,
                f.step_id.clone().unwrap_or_default(),
                f.field("outcome").unwrap(),
            )
        })
        .collect()
}

fn ids(run: &Run) -> Vec<&str> {
    run.frames
        .iter()
        .map(|f| f.step_id.as_deref().unwrap_or(""))
        .collect()
}

#[test]
fn format_1_files_run_exactly_as_the_same_file_marked_format_2() {
    // Format 2 only adds: relabelling a format 1 file changes nothing in any branch's run.
    // (Built-ins written in format 2 have nothing to relabel.)
    let mut sources: Vec<(String, String)> = scenario::BUILTINS
        .iter()
        .filter(|(_, src)| src.contains("\nformat_version = 1\n"))
        .map(|(id, src)| ((*id).to_owned(), (*src).to_owned()))
        .collect();
    for entry in std::fs::read_dir(fixtures_dir().join("valid")).unwrap() {
        let path = entry.unwrap().path();
        let src = std::fs::read_to_string(&path).unwrap();
        if src.contains("\nformat_version = 1\n") {
            sources.push((path.display().to_string(), src));
        }
    }
    // The built-ins are all format 2 now (their branches need `at` and `error_explain`); the
    // format 1 fixtures keep this honest.
    assert!(sources.len() >= 6, "{} format 1 files", sources.len());
    for (name, src) in sources {
        assert!(src.contains("format_version = 1"), "{name} is format 1");
        let v1 = load(&name, src.as_bytes(), Origin::Path(name.clone().into())).unwrap();
        let relabelled = src.replacen("format_version = 1", "format_version = 2", 1);
        let v2 = load(
            &name,
            relabelled.as_bytes(),
            Origin::Path(name.clone().into()),
        )
        .unwrap();
        assert_eq!(v1.warnings, v2.warnings, "{name}");
        let (a, b) = (runs(&v1), runs(&v2));
        assert_eq!(a.len(), b.len());
        for (one, two) in a.iter().zip(&b) {
            assert_eq!(
                serde_json::to_string(one).unwrap(),
                serde_json::to_string(two).unwrap(),
                "{name} {:?}",
                one.variant
            );
        }
    }
}

#[test]
fn a_wrong_code_then_the_right_one_is_a_branch_of_its_own() {
    let lesson = lesson("format2-forgot-password");
    let [main, wrong] = &runs(&lesson)[..] else {
        panic!("two branches");
    };
    assert_eq!(
        ids(main),
        ["ask", "confirm", "new-password", "old-password"]
    );
    assert_eq!(
        ids(wrong),
        ["ask", "confirm", "retry", "new-password", "old-password"]
    );
    let typed = |run: &Run, i: usize| {
        run.frames[i]
            .api
            .as_ref()
            .unwrap()
            .request
            .as_ref()
            .unwrap()["ConfirmationCode"]
            .clone()
    };
    // The variant's code is typed at `confirm` only; the retry types the code really sent.
    assert_eq!(typed(wrong, 1), "000000");
    assert_eq!(typed(wrong, 2), typed(main, 1));
    assert_eq!(
        wrong.frames[1].field("outcome").unwrap(),
        "error:CodeMismatchException"
    );
    assert!(
        wrong.frames[1]
            .explanation
            .as_deref()
            .unwrap()
            .starts_with("The code does not match"),
        "error_explain is shown when the call fails"
    );
    assert!(
        main.frames[1]
            .explanation
            .as_deref()
            .unwrap()
            .starts_with("Maria types the code")
    );
    // The author names the outcome; without it, the last step (the old password refused)
    // would make the lesson end "Old password refused".
    assert_eq!(
        main.outcome,
        "Password reset: the new password signs in, the old one is refused"
    );
    assert_eq!(
        main.frames.last().unwrap().row.result,
        "Old password refused"
    );
}

#[test]
fn a_revoked_refresh_token_is_a_step_only_its_branch_has() {
    let lesson = lesson("format2-refresh-revoked");
    let [main, revoked] = &runs(&lesson)[..] else {
        panic!("two branches");
    };
    assert_eq!(ids(main), ["signin", "refresh", "refresh-again"]);
    assert_eq!(
        path(revoked).last().unwrap(),
        &(5, "ask-again".to_owned(), "none".to_owned())
    );
    let again = &revoked.frames[3];
    assert_eq!(
        again.row.response,
        "NotAuthorizedException: Refresh Token has been revoked"
    );
    // The variant's own explanation for this step wins over the step's error_explain.
    assert!(
        again
            .explanation
            .as_deref()
            .unwrap()
            .starts_with("The refresh token was revoked a step ago")
    );
    assert_eq!(
        revoked.outcome,
        "The revoked refresh token is refused; the user must sign in again"
    );
}

#[test]
fn a_disabled_user_is_told_apart_from_a_wrong_password_by_the_message() {
    let lesson = lesson("format2-disabled-user");
    let [main, disabled, wrong] = &runs(&lesson)[..] else {
        panic!("three branches");
    };
    assert_eq!(ids(main), ["signin"]);
    assert_eq!(
        ids(disabled),
        ["signin", "support", "enable", "signin-again"]
    );
    assert_eq!(ids(wrong), ["signin", "retype"]);
    assert_eq!(
        disabled.frames[0].row.response,
        "NotAuthorizedException: User is disabled."
    );
    assert_eq!(disabled.frames[3].field("outcome").unwrap(), "success");
    assert_eq!(wrong.outcome, "Wrong password: Ana is asked to retype it");
}

#[test]
fn the_format_2_lessons_pass_check_with_their_predictions_and_proofs_run_in_every_branch() {
    for name in [
        "format2-forgot-password",
        "format2-refresh-revoked",
        "format2-disabled-user",
    ] {
        let lesson = lesson(name);
        assert!(lesson.warnings.is_empty(), "{name}: {:?}", lesson.warnings);
        let found = cogflow::flow::check_run(&lesson);
        assert!(found.is_empty(), "{name}: {found:?}");
    }
}

#[test]
fn check_refuses_a_prediction_that_one_variant_contradicts() {
    // The seed lesson's step 3 prediction with a fixed answer "Valid" instead of
    // `field = "response"`: right on the main path, wrong in every variant.
    let src = scenario::BUILTINS[0].1.replacen(
        "field = \"response\"\nexplanation = \"Cognito checks the client's flows",
        "answer = \"A\"\nexplanation = \"Cognito checks the client's flows",
        1,
    );
    assert_ne!(src, scenario::BUILTINS[0].1);
    let lesson = load(
        "stale.toml",
        src.as_bytes(),
        Origin::Path("stale.toml".into()),
    )
    .unwrap();
    let found = cogflow::flow::check_run(&lesson);
    let branches: Vec<&str> = found
        .iter()
        .map(|d| {
            let at = d.message.find("is wrong in ").unwrap() + "is wrong in ".len();
            let rest = &d.message[at..];
            &rest[..rest.find(',').unwrap()]
        })
        .collect();
    assert_eq!(
        branches,
        [
            "variant `wrong-password`",
            "variant `unknown-user`",
            "variant `password-flow-off`"
        ],
        "{found:?}"
    );
    assert!(
        found[0].message.contains("answer A (`Valid`)"),
        "{}",
        found[0]
    );
}

#[test]
fn every_action_sends_the_token_its_step_names() {
    let lesson = lesson("format2-wrong-token");
    let runs = runs(&lesson);
    let answer = |run: &Run, id: &str| {
        run.frames
            .iter()
            .find(|f| f.step_id.as_deref() == Some(id))
            .unwrap()
            .row
            .response
            .clone()
    };
    assert_eq!(answer(&runs[0], "api"), "User attributes (1)");
    assert_eq!(
        answer(&runs[1], "api"),
        "NotAuthorizedException: Invalid Access Token"
    );
    assert_eq!(
        answer(&runs[2], "refresh"),
        "NotAuthorizedException: Invalid Refresh Token."
    );
    assert_eq!(
        answer(&runs[3], "revoke"),
        "UnsupportedTokenTypeException: Only refresh tokens can be revoked"
    );
    // The Input column names the token sent when it is not the usual one.
    let api = &runs[1].frames[1];
    assert_eq!(api.row.input, "ID token");
    // A sign-in step without `password` sends that user's own, not what another user typed.
    let bob = runs[0].frames.last().unwrap();
    let sent = bob.api.as_ref().unwrap().request.as_ref().unwrap();
    assert_eq!(sent["AuthParameters"]["USERNAME"], "bob");
    assert_eq!(sent["AuthParameters"]["PASSWORD"], "Other-Horse-42");
    assert_eq!(bob.field("outcome").unwrap(), "success");
}

#[test]
fn a_confirmation_with_no_code_sent_gets_what_cognito_says_of_an_empty_code() {
    let src = r#"format_version = 2
[scenario]
id = "no-code"
title = "No code"
[pool]
[[pool.users]]
username = "jo"
password = "Blue-Kettle-17"
status = "UNCONFIRMED"
email = "jo@example.com"
[[steps]]
id = "confirm"
action = "confirm_sign_up"
explain = "Jo types a code, but none was ever sent."
"#;
    let lesson = load(
        "no-code.toml",
        src.as_bytes(),
        Origin::Path("no-code.toml".into()),
    )
    .unwrap();
    let run = &runs(&lesson)[0];
    assert_eq!(
        run.frames[0].row.response,
        "InvalidParameterException: 2 validation errors detected: Value '' at 'confirmationCode' failed to satisfy constraint: Member must have length greater than or equal to 1; Value '' at 'confirmationCode' failed to satisfy constraint: Member must satisfy regular expression pattern: [\\S]+"
    );
    let found = cogflow::flow::check_run(&lesson);
    assert_eq!(found.len(), 1, "{found:?}");
    assert_eq!(found[0].severity, cogflow::scenario::Severity::Warning);
    assert_eq!((found[0].line, found[0].col), (11, 1), "{}", found[0]);
    assert!(
        found[0].message.starts_with(
            "step `confirm` ([[steps]] #1): in the main path no code was sent to `jo` before this step"
        ),
        "{}",
        found[0]
    );
}

#[test]
fn times_read_as_times_and_the_clock_keeps_its_offset() {
    let src = r#"format_version = 2
[scenario]
id = "times"
title = "Times"
track = ["clock", "lastError"]
[pool]
auth_flows = ["ALLOW_USER_PASSWORD_AUTH"]
clock_start = 2026-01-15T10:00:00+01:00
[[pool.users]]
username = "ana"
password = "Correct-Horse-42"
[[steps]]
action = "sign_in"
explain = "Tokens valid for an hour."
[[steps]]
action = "advance_clock"
duration = "61m"
explain = "An hour and a minute later."
[[steps]]
action = "verify_token"
explain = "The ID token has expired."
"#;
    let lesson = load(
        "times.toml",
        src.as_bytes(),
        Origin::Path("times.toml".into()),
    )
    .unwrap();
    let run = &runs(&lesson)[0];
    assert_eq!(run.start.value("clock"), "2026-01-15 10:00:00 +01:00");
    assert_eq!(
        run.frames[1].vars.value("clock"),
        "2026-01-15 11:01:00 +01:00"
    );
    assert_eq!(run.pool.clock_offset_minutes, 60);
    let exp = &run.frames[2].verification.as_ref().unwrap().checks[4];
    assert_eq!(exp.name, "exp");
    assert_eq!(
        exp.detail,
        "expired at 10:00 UTC, 1 minute before the lesson clock"
    );
    // A UTC lesson's trace leaves the offset out, as it always did.
    let utc = runs(&scenario::resolve(None).unwrap()).remove(0);
    let json = serde_json::to_value(&utc).unwrap();
    assert!(json["pool"].get("clock_offset_minutes").is_none());
    assert_eq!(utc.start.value("clock"), "2026-01-15 09:00:00 UTC");
}

/// The Spanish built-in lesson passes check, and its proofs read "Paso N" as "Step N": an
/// answer key pointing at the wrong step is refused with the run's own step (issue 12, item 8).
#[test]
fn the_spanish_lesson_passes_check_and_its_step_answers_are_read_in_spanish() {
    let (_, src) = scenario::BUILTINS
        .iter()
        .find(|(id, _)| *id == "signin-basic-es")
        .expect("the Spanish built-in");
    let lesson = scenario::load_builtin("signin-basic-es", src).unwrap();
    assert_eq!(lesson.words().language(), cogflow::words::Language::Es);
    assert!(lesson.warnings.is_empty(), "{:?}", lesson.warnings);
    let found = cogflow::flow::check_run(&lesson);
    assert!(found.is_empty(), "{found:?}");

    let wrong = src.replacen("answer = \"C\"", "answer = \"B\"", 1);
    assert_ne!(&wrong, src);
    let lesson = load("es.toml", wrong.as_bytes(), Origin::Path("es.toml".into())).unwrap();
    let found = cogflow::flow::check_run(&lesson);
    assert_eq!(found.len(), 1, "{found:?}");
    assert!(
        found[0]
            .message
            .contains("the run contradicts answer B (`Paso 3`): in the main path, `var:token` is first set at run step 4"),
        "{}",
        found[0]
    );
}
