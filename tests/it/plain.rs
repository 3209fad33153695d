//! Plain mode: the real binary with stdin and stdout as pipes (so plain mode is automatic),
//! and the library's renderer snapshotted with timings left out.

use std::io::Write;
use std::process::{Command, Output, Stdio};

/// Runs `cogflow ARGS` with `input` on stdin and stdout/stderr captured.
fn cogflow(args: &[&str], input: &str) -> Output {
    let home = std::env::temp_dir().join(format!("cogflow-plain-{}", std::process::id()));
    let mut child = Command::new(env!("CARGO_BIN_EXE_cogflow"))
        .args(args)
        .env("COGFLOW_HOME", &home)
        .env_remove("NO_COLOR")
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("the binary starts");
    child
        .stdin
        .take()
        .expect("stdin is piped")
        .write_all(input.as_bytes())
        .expect("stdin takes the input");
    child.wait_with_output().expect("the binary finishes")
}

fn stdout(out: &Output) -> String {
    String::from_utf8(out.stdout.clone()).expect("UTF-8 output")
}

const SEED_LINES: [&str; 5] = [
    "Step 1 of 5: User inputs credentials. Cognito response: N/A. Result: Credentials ready.",
    "Step 2 of 5: App sends credentials to Cognito. Cognito response: Checking credentials. Result: Waiting for response.",
    "Step 3 of 5: Cognito verifies credentials. Cognito response: Valid. Result: Authentication success.",
    "Step 4 of 5: Cognito returns token. Cognito response: JWT token. Result: Token received by app.",
    "Step 5 of 5: App grants access. Cognito response: N/A. Result: User logged in.",
];

#[test]
fn a_pipe_gets_the_whole_lesson_as_lines_and_eof_ends_it() {
    let out = cogflow(&["--seed", "1"], "\n\n\n\n\n");
    assert!(out.status.success(), "{out:?}");
    let text = stdout(&out);
    for line in SEED_LINES {
        assert!(
            text.lines().any(|l| l == line),
            "missing {line:?} in:\n{text}"
        );
    }
    assert!(
        text.contains("That was the last step. Outcome: User logged in."),
        "{text}"
    );
    assert!(
        text.contains("Enter next, b back, q quit"),
        "the prompt:\n{text}"
    );
    assert!(
        text.contains("Note: This lesson relaxes the password policy"),
        "{text}"
    );
    assert!(
        text.contains("argon2id verify took"),
        "crypto cost:\n{text}"
    );
    assert!(
        text.contains("(deliberately slow, to resist guessing)"),
        "{text}"
    );
    let boxes: Vec<char> = text
        .chars()
        .filter(|c| ('\u{2500}'..='\u{259f}').contains(c))
        .collect();
    assert!(
        boxes.is_empty(),
        "box-drawing characters in plain mode: {boxes:?}"
    );
    assert!(
        !text.contains('\u{1b}'),
        "no escape sequences in plain mode"
    );
    assert!(
        out.stderr.is_empty(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
}

#[test]
fn commands_move_back_jump_switch_branch_and_explain_themselves() {
    let out = cogflow(
        &["run", "--plain", "--seed", "1"],
        "4\nb\n?\nv\nzzz\n9\n0\nq\nnever read\n",
    );
    assert!(out.status.success(), "{out:?}");
    let text = stdout(&out);
    let steps: Vec<&str> = text.lines().filter(|l| l.starts_with("Step ")).collect();
    assert_eq!(
        steps,
        [
            SEED_LINES[0],
            SEED_LINES[3],
            SEED_LINES[2],
            // v keeps the step number on the other branch.
            "Step 3 of 5: Cognito verifies credentials. Cognito response: NotAuthorizedException: Incorrect username or password. Result: Authentication failed.",
        ],
        "{text}"
    );
    assert!(
        text.contains("Branch: What if the password is wrong? (5 steps)."),
        "{text}"
    );
    assert!(
        text.contains("a number     go to that step"),
        "help:\n{text}"
    );
    assert!(text.contains("Unknown command `zzz`."), "{text}");
    assert!(
        text.contains("There is no step 9; this branch has steps 1 to 5."),
        "{text}"
    );
    assert!(text.contains("There is no step 0;"), "{text}");
}

#[test]
fn options_pick_the_branch_and_step() {
    let out = cogflow(
        &[
            "--plain",
            "--variant",
            "wrong-password",
            "--step",
            "4",
            "--seed",
            "3",
        ],
        "",
    );
    assert!(out.status.success(), "{out:?}");
    let text = stdout(&out);
    assert!(
        text.contains("Branch: What if the password is wrong?"),
        "{text}"
    );
    assert!(
        text.contains("Step 4 of 5: Cognito returns an error. Cognito response: NotAuthorizedException: Incorrect username or password. Result: No token issued."),
        "{text}"
    );
    assert!(
        text.contains("Cognito call: InitiateAuth answered HTTP 400, NotAuthorizedException"),
        "{text}"
    );
    assert!(!text.contains("Step 1 of 5"), "{text}");
}

#[test]
fn bad_options_are_usage_errors_with_a_message() {
    let cases: &[(&[&str], &str)] = &[
        (
            &["--plain", "--variant", "nope"],
            "has no variant `nope` (variants: wrong-password)",
        ),
        (&["--plain", "--step", "0"], "steps are numbered from 1"),
        (
            &["run", "no-such-lesson", "--plain"],
            "no built-in scenario or file called `no-such-lesson`",
        ),
    ];
    for (args, message) in cases {
        let out = cogflow(args, "");
        assert_eq!(out.status.code(), Some(2), "{args:?}: {out:?}");
        let err = String::from_utf8_lossy(&out.stderr);
        assert!(err.contains(message), "{args:?}: {err}");
        assert!(out.stdout.is_empty(), "{args:?}");
    }
}

#[test]
fn a_step_past_the_end_is_said_and_the_last_step_shown() {
    let out = cogflow(&["--plain", "--step", "12", "--seed", "1"], "q\n");
    assert!(out.status.success(), "{out:?}");
    let text = stdout(&out);
    assert!(
        text.contains("There is no step 12; this branch has 5 steps."),
        "{text}"
    );
    assert!(text.contains(SEED_LINES[4]), "{text}");
}

#[test]
fn the_renderer_output_is_stable_for_a_seed() {
    let scenario = cogflow::scenario::resolve(None).expect("the built-in lesson loads");
    let options = cogflow::plain::Options {
        seed: 1,
        timings: false,
        echo: true,
        ..cogflow::plain::Options::default()
    };
    let run_with = |input: &str| {
        let mut out = Vec::new();
        cogflow::plain::run(&scenario, &options, &mut input.as_bytes(), &mut out)
            .expect("plain mode runs");
        String::from_utf8(out).expect("UTF-8")
    };
    let whole = run_with("\n\n\n\n\nv\n\n\nq\n");
    assert_eq!(
        whole,
        run_with("\n\n\n\n\nv\n\n\nq\n"),
        "same seed, same text"
    );
    insta::assert_snapshot!("plain_whole_lesson_then_wrong_password", whole);
}
