//! `cogflow transcript` through the real binary, and the engine's run of the built-in lesson
//! checked cell by cell against the seed page.

use cogflow::flow::{self, Change, Outcome};
use cogflow::scenario;

use crate::support::{Ran, cogflow};

#[test]
fn the_process_table_matches_the_seed_cell_by_cell() {
    let lesson = scenario::resolve(None).unwrap();
    let run = flow::run(&lesson, None, 1).unwrap();
    let rows: Vec<[&str; 5]> = run
        .frames
        .iter()
        .map(|f| {
            [
                if f.number == 1 { "1" } else { "" },
                f.row.action.as_str(),
                f.row.input.as_str(),
                f.row.response.as_str(),
                f.row.result.as_str(),
            ]
        })
        .collect();
    let seed = [
        [
            "1",
            "User inputs credentials",
            "username, password",
            "N/A",
            "Credentials ready",
        ],
        [
            "",
            "App sends credentials to Cognito",
            "username, password",
            "Checking credentials",
            "Waiting for response",
        ],
        [
            "",
            "Cognito verifies credentials",
            "username, password",
            "Valid",
            "Authentication success",
        ],
        [
            "",
            "Cognito returns token",
            "N/A",
            "JWT token",
            "Token received by app",
        ],
        ["", "App grants access", "Token", "N/A", "User logged in"],
    ];
    assert_eq!(rows, seed);
    let numbers: Vec<usize> = run.frames.iter().map(|f| f.number).collect();
    assert_eq!(numbers, [1, 2, 3, 4, 5]);
    assert_eq!(run.outcome, "User logged in");
}

#[test]
fn the_status_tracker_matches_the_seed() {
    let lesson = scenario::resolve(None).unwrap();
    let run = flow::run(&lesson, None, 1).unwrap();
    let columns = flow::tracker(&run);
    let headings: Vec<&str> = columns.iter().map(|c| c.heading.as_str()).collect();
    assert_eq!(
        headings,
        [
            "Start",
            "After Step 1",
            "After Step 3",
            "After Step 4",
            "Final"
        ]
    );
    let value = |column: usize, var: usize| columns[column].values[var].0.clone();
    let row = |var: usize| {
        (0..columns.len())
            .map(|c| value(c, var))
            .collect::<Vec<_>>()
    };
    assert_eq!(run.tracked, ["username", "password", "authStatus", "token"]);
    assert_eq!(
        row(0),
        ["empty", "user123", "user123", "user123", "user123"]
    );
    assert_eq!(
        row(1),
        ["empty", "pass123", "pass123", "pass123", "pass123"]
    );
    assert_eq!(
        row(2),
        ["none", "none", "valid", "token issued", "authenticated"]
    );
    // The seed's "jwt_token_string" is a real JWT here, issued at step 4 and kept.
    let token = row(3);
    assert_eq!(token[..3], ["none", "none", "none"]);
    assert_eq!(token[3].split('.').count(), 3, "a JWT has three parts");
    assert_eq!(token[3], token[4], "the same JWT at the end");
    assert_eq!(Some(&token[3]), run.frames[3].tokens.id.as_ref());
    // A changed cell is marked: authStatus changes after steps 3, 4 and 5.
    let changes: Vec<Change> = columns.iter().map(|c| c.values[2].1).collect();
    assert_eq!(
        changes,
        [
            Change::Same,
            Change::Same,
            Change::Set,
            Change::Changed,
            Change::Changed
        ]
    );
}

#[test]
fn the_token_the_app_accepts_verifies_against_the_jwks() {
    let lesson = scenario::resolve(None).unwrap();
    let run = flow::run(&lesson, None, 1).unwrap();
    let grant = &run.frames[4];
    let verification = grant
        .verification
        .as_ref()
        .expect("the app checks the token");
    assert!(verification.passed(), "{verification:?}");
    let names: Vec<&str> = verification
        .checks
        .iter()
        .map(|c| c.name.as_str())
        .collect();
    for needed in ["kid", "signature", "exp", "iss", "aud", "token_use"] {
        assert!(names.contains(&needed), "missing check {needed}: {names:?}");
    }
    let id = grant.tokens.id.as_ref().unwrap();
    let report = cogflow::cognito::verify_token(
        id,
        &run.jwks,
        &cogflow::cognito::Expected {
            issuer: run.pool.issuer.clone(),
            client_id: run.pool.client_id.clone(),
            token_use: cogflow::cognito::TokenUse::Id,
        },
        grant.clock,
    );
    assert!(report.is_valid());
}

#[test]
fn a_wrong_password_takes_the_no_branch() {
    let lesson = scenario::resolve(None).unwrap();
    let run = flow::run(&lesson, Some("wrong-password"), 1).unwrap();
    let rows: Vec<(&str, &str, &str)> = run
        .frames
        .iter()
        .map(|f| {
            (
                f.row.action.as_str(),
                f.row.response.as_str(),
                f.row.result.as_str(),
            )
        })
        .collect();
    assert_eq!(
        rows,
        [
            ("User inputs credentials", "N/A", "Credentials ready"),
            (
                "App sends credentials to Cognito",
                "Checking credentials",
                "Waiting for response"
            ),
            (
                "Cognito verifies credentials",
                "NotAuthorizedException: Incorrect username or password.",
                "Authentication failed"
            ),
            (
                "Cognito returns an error",
                "NotAuthorizedException: Incorrect username or password.",
                "No token issued"
            ),
            ("App shows error", "N/A", "Login failed"),
        ]
    );
    let last = run.frames.last().unwrap();
    assert_eq!(last.tokens, flow::Tokens::default(), "no token is issued");
    assert_eq!(last.vars.value("token"), "none");
    assert_eq!(last.vars.value("authStatus"), "error");
    assert_eq!(
        run.frames[3].outcome,
        Outcome::Error {
            exception: "NotAuthorizedException".into(),
            message: "Incorrect username or password.".into()
        }
    );
    let body = run.frames[3].api.as_ref().unwrap();
    assert_eq!(body.status, Some(400));
    assert_eq!(
        body.response.as_ref().unwrap(),
        &serde_json::json!({"__type": "NotAuthorizedException", "message": "Incorrect username or password."})
    );
    let path: Vec<&str> = last.path.iter().map(String::as_str).collect();
    assert_eq!(
        path,
        ["enter", "send", "verify", "error"],
        "two steps on one node: one visit"
    );
}

#[test]
fn the_same_seed_gives_byte_identical_transcripts() {
    let Ran {
        stdout: a, code, ..
    } = cogflow(&["transcript", "--seed", "7", "--format", "json"]).run();
    assert_eq!(code, 0);
    let Ran { stdout: b, .. } = cogflow(&["transcript", "--seed", "7", "--format", "json"]).run();
    assert_eq!(a, b);
    let Ran { stdout: c, .. } = cogflow(&["transcript", "--seed", "8", "--format", "json"]).run();
    assert_ne!(a, c, "another seed gives other keys and ids");
}

#[test]
fn json_trace_has_the_documented_fields() {
    let Ran {
        stdout: out,
        stderr: err,
        code,
    } = cogflow(&["transcript", "--format", "json", "--seed", "1"]).run();
    assert_eq!(code, 0, "{err}");
    let trace: serde_json::Value = serde_json::from_str(&out).unwrap();
    assert_eq!(trace["scenario"], "signin-basic");
    assert_eq!(trace["variant"], serde_json::Value::Null);
    assert_eq!(trace["seed"], 1);
    let steps = trace["steps"].as_array().unwrap();
    assert_eq!(steps.len(), 5);
    for (i, step) in steps.iter().enumerate() {
        assert_eq!(step["step"], i + 1);
        for key in [
            "action",
            "input",
            "response",
            "result",
            "vars",
            "request",
            "response_body",
        ] {
            assert!(step.get(key).is_some(), "step {} lacks {key}", i + 1);
        }
    }
    assert_eq!(steps[1]["request"]["AuthFlow"], "USER_PASSWORD_AUTH");
    assert_eq!(
        steps[3]["response_body"]["AuthenticationResult"]["TokenType"],
        "Bearer"
    );
    assert_eq!(steps[4]["vars"]["authStatus"], "authenticated");
    assert_eq!(trace["tracker"].as_array().unwrap().len(), 5);
    assert_eq!(trace["tracker"][4]["heading"], "Final");
    assert!(
        trace["tokens"]["id_token"]
            .as_str()
            .unwrap()
            .starts_with("eyJ")
    );
    assert!(trace["tokens"]["access_token"].is_string());
    assert!(trace["tokens"]["refresh_token"].is_string());
    assert_eq!(trace["jwks"]["keys"].as_array().unwrap().len(), 2);
    assert_eq!(trace["outcome"], "User logged in");
}

#[test]
fn answers_appear_only_when_asked() {
    let Ran {
        stdout: without, ..
    } = cogflow(&["transcript", "--seed", "1"]).run();
    assert!(!without.contains("Answer: A"));
    let Ran { stdout: with, .. } = cogflow(&["transcript", "--seed", "1", "--answers"]).run();
    assert!(with.contains("Answer: A (Valid)"));
    assert!(with.contains("Answer: C (Step 4)"));
    assert!(with.contains("Answer: B (Cognito responds with error, no token issued)"));
}

#[test]
fn text_transcript_snapshot() {
    let Ran {
        stdout: out,
        stderr: err,
        code,
    } = cogflow(&["transcript", "signin-basic", "--seed", "1"]).run();
    assert_eq!(code, 0, "{err}");
    insta::assert_snapshot!("transcript_signin_basic_seed_1_text", out);
}

/// The SRP lesson's wrong-password branch: every number written whole where it is computed,
/// and Cognito's expected signature beside the one it received.
#[test]
fn srp_transcript_snapshot() {
    let Ran {
        stdout: out,
        stderr: err,
        code,
    } = cogflow(&[
        "transcript",
        "srp-sign-in",
        "--variant",
        "wrong-password",
        "--seed",
        "1",
    ])
    .run();
    assert_eq!(code, 0, "{err}");
    assert!(out.contains("SRP, Cognito expected signature"), "{out}");
    insta::assert_snapshot!("transcript_srp_wrong_password_seed_1_text", out);
}

#[test]
fn json_transcript_snapshot() {
    let Ran {
        stdout: out,
        stderr: err,
        code,
    } = cogflow(&[
        "transcript",
        "signin-basic",
        "--seed",
        "1",
        "--format",
        "json",
    ])
    .run();
    assert_eq!(code, 0, "{err}");
    insta::assert_snapshot!("transcript_signin_basic_seed_1_json", out);
}

#[test]
fn markdown_transcript_snapshot() {
    let Ran {
        stdout: out,
        stderr: err,
        code,
    } = cogflow(&[
        "transcript",
        "signin-basic",
        "--seed",
        "1",
        "--format",
        "markdown",
        "--variant",
        "wrong-password",
    ])
    .run();
    assert_eq!(code, 0, "{err}");
    insta::assert_snapshot!("transcript_wrong_password_seed_1_markdown", out);
}

#[test]
fn bad_scenario_or_variant_is_a_usage_error() {
    let Ran {
        stderr: err, code, ..
    } = cogflow(&["transcript", "no-such-lesson"]).run();
    assert_eq!(code, 2);
    assert!(err.contains("built-in scenarios: signin-basic"), "{err}");
    let Ran {
        stderr: err, code, ..
    } = cogflow(&["transcript", "--variant", "nope"]).run();
    assert_eq!(code, 2);
    assert!(err.contains("no variant `nope`"), "{err}");
    assert!(err.contains("wrong-password"), "{err}");
}

#[test]
fn a_variant_can_change_the_app_client() {
    let source = r#"
format_version = 1
[scenario]
id = "pool-patch"
title = "Pool patches"
[pool]
auth_flows = ["ALLOW_USER_PASSWORD_AUTH"]
prevent_user_existence_errors = "ENABLED"
[[pool.users]]
username = "ana"
password = "Correct-Horse-42"
[[steps]]
action = "sign_in"
explain = "Sign in."
[[variants]]
id = "unknown"
title = "Unknown user"
set = { username = "bob", password = "Whatever-1" }
[[variants]]
id = "legacy"
title = "Unknown user, LEGACY errors"
set = { username = "bob", password = "Whatever-1" }
pool = { prevent_user_existence_errors = "LEGACY" }
[[variants]]
id = "no-password-flow"
title = "Password flow off"
pool = { auth_flows = ["ALLOW_REFRESH_TOKEN_AUTH"] }
"#;
    let lesson = scenario::load(
        "pool-patch.toml",
        source.as_bytes(),
        scenario::Origin::Path("pool-patch.toml".into()),
    )
    .unwrap();
    let response = |variant: Option<&str>| {
        flow::run(&lesson, variant, 1).unwrap().frames[0]
            .row
            .response
            .clone()
    };
    assert_eq!(response(None), "JWT token");
    assert_eq!(
        response(Some("unknown")),
        "NotAuthorizedException: Incorrect username or password."
    );
    assert_eq!(
        response(Some("legacy")),
        "UserNotFoundException: User does not exist."
    );
    assert_eq!(
        response(Some("no-password-flow")),
        "InvalidParameterException: USER_PASSWORD_AUTH flow not enabled for this client"
    );
}

#[test]
fn a_step_can_follow_the_apps_own_token_rejection() {
    let source = r#"
format_version = 1
[scenario]
id = "expired"
title = "Expired token"
track = ["authStatus", "lastError"]
[pool]
auth_flows = ["ALLOW_USER_PASSWORD_AUTH"]
[[pool.users]]
username = "ana"
password = "Correct-Horse-42"
[[steps]]
action = "sign_in"
explain = "Sign in."
[[steps]]
action = "verify_token"
explain = "Fresh: passes."
[[steps]]
action = "advance_clock"
duration = "61m"
explain = "An hour passes."
[[steps]]
action = "verify_token"
explain = "Expired: the app rejects it."
[[steps]]
action = "narrate"
when = "error:TokenRejected"
label = "App asks the user to sign in again"
explain = "Only after the app's own rejection."
"#;
    let lesson = scenario::load(
        "expired.toml",
        source.as_bytes(),
        scenario::Origin::Path("expired.toml".into()),
    )
    .unwrap();
    let run = flow::run(&lesson, None, 1).unwrap();
    assert_eq!(run.frames.len(), 5);
    assert_eq!(
        run.frames[1].vars.value("lastError"),
        "none",
        "a passing check leaves no error"
    );
    assert!(
        run.frames[3]
            .vars
            .value("lastError")
            .starts_with("TokenRejected: exp")
    );
    assert_eq!(
        run.frames[4].row.action,
        "App asks the user to sign in again"
    );
}

/// `cogflow transcript ARGS --seed 1`, which must succeed.
fn handout(args: &[&str]) -> String {
    let mut all = vec!["transcript", "--seed", "1"];
    all.extend_from_slice(args);
    let ran = cogflow(&all).run();
    assert_eq!(ran.code, 0, "{args:?}: {}", ran.stderr);
    ran.stdout
}

/// Every ten-digit number outside fenced code blocks (JSON keeps its own numbers).
fn epochs_in_prose(markdown: &str) -> Vec<String> {
    let mut fenced = false;
    let mut found = Vec::new();
    for line in markdown.lines() {
        if line.trim_start().starts_with("```") {
            fenced = !fenced;
            continue;
        }
        if fenced {
            continue;
        }
        for word in line.split(|c: char| !c.is_ascii_digit()) {
            if word.len() == 10 && word.starts_with('1') {
                found.push(line.to_owned());
            }
        }
    }
    found
}

#[test]
fn handouts_can_leave_out_hints_and_answers_and_show_every_branch() {
    let lesson = cogflow::scenario::resolve(None).unwrap();
    let hint = lesson.file.questions[0].hints[0].as_str();
    let full = handout(&["--format", "markdown", "--answers"]);
    assert!(
        full.contains(&format!("*Hint:* {}", hint.replace('_', "\\_"))),
        "{full}"
    );
    assert!(full.contains("**Answer: A**"));
    assert!(full.contains("```json"));

    let no_hints = handout(&["--format", "markdown", "--no-hints"]);
    assert!(!no_hints.contains("Hint:"), "{no_hints}");
    assert_eq!(no_hints.matches("Answer: ______").count(), 3);

    let student = handout(&["--format", "markdown", "--student", "--no-hints"]);
    for gone in [
        "```json",
        "Run Details",
        "**Answer:",
        "Hint:",
        "Full Transcript",
        "What Cognito checked",
    ] {
        assert!(
            !student.contains(gone),
            "{gone} in the student handout:\n{student}"
        );
    }
    for kept in [
        "## Process Flow",
        "## Process Table",
        "## Status Tracker",
        "## Key Moments",
        "## Visual Quiz",
        "## Concept Snapshot",
    ] {
        assert!(student.contains(kept), "{kept} missing:\n{student}");
    }
    assert_eq!(student.matches("Answer: ______").count(), 3);
    let refused = cogflow(&["transcript", "--student", "--answers"]).run();
    assert_eq!(refused.code, 2, "a student handout has no answers");

    let all = handout(&["--format", "markdown", "--branches", "all"]);
    let branches = 1 + lesson.file.variants.len();
    assert_eq!(all.matches("## Branch ").count(), branches);
    assert!(all.contains(&format!("## Branch 1 of {branches}: main path")));
    for (i, variant) in lesson.file.variants.iter().enumerate() {
        let title = format!(
            "## Branch {} of {branches}: variant {}: {}",
            i + 2,
            variant.id,
            variant.title
        );
        assert!(all.contains(&title), "{title}");
        assert!(all.contains(&format!("## Run Details (variant {}", variant.id)));
    }
    assert_eq!(all.matches("### Process Table").count(), branches);
    assert_eq!(
        all.matches("## Visual Quiz").count(),
        1,
        "the lesson's sections come once"
    );
    let refused = cogflow(&["transcript", "--branches", "all"]).run();
    assert_eq!(refused.code, 2, "the text transcript is one run");
    assert!(
        refused.stderr.contains("--branches all makes a handout"),
        "{}",
        refused.stderr
    );
}

#[test]
fn handouts_say_times_as_dates() {
    for id in ["tokens-and-sign-out", "first-sign-in", "signin-basic"] {
        let md = handout(&[id, "--format", "markdown", "--branches", "all"]);
        assert_eq!(epochs_in_prose(&md), Vec::<String>::new(), "{id}");
    }
    let md = handout(&["tokens-and-sign-out", "--format", "markdown"]);
    assert!(md.contains("valid until 2026-02-14 09:00"), "{md}");
    let first = handout(&["first-sign-in", "--format", "markdown"]);
    assert!(
        first.contains("*Times:* UserCreateDate = 2026-01-15"),
        "{first}"
    );
}

#[test]
fn the_html_handout_is_one_page_that_fetches_nothing() {
    let page = handout(&["--format", "html", "--branches", "all"]);
    assert!(page.starts_with("<!DOCTYPE html>"));
    assert!(page.contains(
        "<title>Cognito for user authentication in AWS - Step-by-Step Execution</title>"
    ));
    assert!(page.contains("default-src 'none'"));
    for forbidden in ["<script", "src=", "<link", "url(", "@import", "<iframe"] {
        assert!(!page.contains(forbidden), "{forbidden}");
    }
    assert_eq!(page.matches("<div class=\"question keep\">").count(), 3);
    assert!(page.contains("@media print"));
    let student = handout(&["--format", "html", "--student"]);
    assert_eq!(
        student.matches("class=\"blank\"").count(),
        3,
        "a line per answer"
    );
    assert!(
        !student.contains("<pre class=\"code\"><code>{"),
        "no raw JSON"
    );
}

#[test]
fn a_steps_snippet_is_in_every_transcript_format_and_in_plain_mode() {
    let code = "AuthFlow: \"USER_PASSWORD_AUTH\",";
    for format in ["text", "markdown", "html"] {
        let out = cogflow(&["transcript", "--format", format, "--seed", "1"]).run();
        assert_eq!(out.code, 0, "{}", out.stderr);
        let shown = out.stdout.replace("&quot;", "\"").replace("&#39;", "'");
        assert!(shown.contains("The app's code"), "{format}");
        assert!(shown.contains(code), "{format}");
    }
    let out = cogflow(&["transcript", "--format", "json", "--seed", "1"]).run();
    let json: serde_json::Value = serde_json::from_str(&out.stdout).unwrap();
    let snippets: Vec<&str> = json["steps"]
        .as_array()
        .unwrap()
        .iter()
        .filter_map(|s| s["snippet"].as_str())
        .collect();
    assert_eq!(snippets.len(), 1);
    assert!(snippets[0].contains(code));
    let plain = cogflow(&["run", "--plain", "--seed", "1", "--no-save"])
        .stdin(&"\n".repeat(40))
        .run();
    assert!(
        plain.stdout.contains("  The app's code:"),
        "{}",
        plain.stdout
    );
    assert!(
        plain.stdout.contains(&format!("      {code}")),
        "{}",
        plain.stdout
    );
}
