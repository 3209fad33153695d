//! Scenario fixtures: every valid one loads, every invalid one fails with its message at its
//! exact line and column.

use std::path::{Path, PathBuf};

use cogflow::scenario::{self, Diagnostic, Origin, Severity, load, load_path};

fn fixtures(kind: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures")
        .join(kind)
}

fn stems(kind: &str) -> Vec<String> {
    let mut stems: Vec<String> = std::fs::read_dir(fixtures(kind))
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "toml"))
        .map(|p| p.file_stem().unwrap().to_string_lossy().into_owned())
        .collect();
    stems.sort();
    stems
}

/// (fixture, line, column, part of the message) of the first error, one row per error case.
const INVALID: &[(&str, usize, usize, &str)] = &[
    (
        "about-step-unknown-id",
        31,
        14,
        "no step has id `sned`; did you mean `send`?",
    ),
    (
        "answer-is-text",
        29,
        10,
        "the answer is the choice's letter, not its text: write `answer = \"B\"`",
    ),
    (
        "answer-not-a-choice",
        29,
        10,
        "answer `C` is not among the 2 choices (A to B)",
    ),
    (
        "at-changes-nothing",
        29,
        4,
        "this changes nothing at step `send`",
    ),
    (
        "at-input-not-read",
        28,
        20,
        "step `send` (`sign_in`) does not read `code`, so this changes nothing",
    ),
    (
        "at-step-not-in-branch",
        29,
        4,
        "step `send` is not in variant `wrong-password`",
    ),
    (
        "at-unknown-step",
        28,
        4,
        "`at` names steps by their `id`, and no step has id `sned`; did you mean `send`?",
    ),
    (
        "attribute-reserved",
        14,
        30,
        "attribute `token_use` is a claim Cognito writes into tokens itself",
    ),
    ("bad-duration", 27, 12, "`61 minutes` is not a duration"),
    (
        "bad-enum-value",
        14,
        10,
        "unknown user status `CONFIRMD`; did you mean `CONFIRMED`?",
    ),
    (
        "bad-scenario-id",
        5,
        6,
        "scenario id `My_Case` must use only lowercase letters, digits and `-`",
    ),
    (
        "bad-timestamp-pattern",
        29,
        13,
        "`%j` is not a directive cogflow knows",
    ),
    (
        "bad-when",
        23,
        8,
        "`when = \"sucess\"` is not understood; did you mean `success`?",
    ),
    (
        "bad-when-challenge",
        23,
        8,
        "unknown challenge `SMS_OTP` in `when`; known: `NEW_PASSWORD_REQUIRED`",
    ),
    (
        "bad-when-exception",
        23,
        8,
        "unknown exception `NotAuthorisedException` in `when`; did you mean `NotAuthorizedException`?",
    ),
    (
        "bad-when-two-colons",
        23,
        8,
        "`TokenRejected:x` is not an exception name: it has a second `:`; write `error:TokenRejected`",
    ),
    (
        "bidi-mark",
        23,
        18,
        "bidirectional control character U+200F",
    ),
    (
        "bidi-override",
        23,
        18,
        "bidirectional control character U+202E",
    ),
    (
        "clock-start-before-1970",
        9,
        15,
        "clock_start `1969-07-20T20:17:00Z` is before 1970-01-01T00:00:00Z",
    ),
    (
        "clock-start-string",
        9,
        15,
        "wrong type for `clock_start`: expected a TOML datetime",
    ),
    (
        "control-char-e-escape",
        6,
        12,
        "control character U+001B (ESC) in text: terminal escape sequences are not allowed (written as an escape)",
    ),
    (
        "control-char-escaped",
        23,
        20,
        "control character U+001B (ESC) in text: terminal escape sequences are not allowed (written as an escape)",
    ),
    (
        "control-char-raw",
        23,
        20,
        "control character U+001B (ESC) in text: terminal escape sequences are not allowed",
    ),
    (
        "diagram-unknown-next",
        30,
        8,
        "`next` names diagram node `verfy`, which does not exist; did you mean `verify`?",
    ),
    (
        "diagram-unknown-no",
        34,
        6,
        "`no` names diagram node `error`, which does not exist",
    ),
    (
        "diagram-unknown-yes",
        34,
        7,
        "`yes` names diagram node `tokens`, which does not exist",
    ),
    (
        "duplicate-node-id",
        32,
        6,
        "duplicate diagram node id `enter`",
    ),
    ("duplicate-question-id", 33, 6, "duplicate question id `q1`"),
    ("duplicate-step-id", 21, 6, "duplicate step id `enter`"),
    (
        "duplicate-user",
        16,
        12,
        "user `ana` is defined twice in the pool",
    ),
    (
        "duplicate-variant-id",
        31,
        6,
        "duplicate variant id `wrong-password`",
    ),
    ("error-explain-empty", 23, 17, "`error_explain` is empty"),
    (
        "expect-bad-outcome",
        21,
        11,
        "`outcome = \"sucess\"` is not understood; did you mean `success`?",
    ),
    (
        "expect-no-call",
        17,
        10,
        "a lab step waits for a whole call, and `grant_access` makes none of its own",
    ),
    (
        "expect-outside-lab",
        18,
        8,
        "`expect` makes a step wait for the learner's own call, which only a lab does",
    ),
    (
        "expect-present-path",
        21,
        12,
        "`AuthParameters.` is not a request member: write a dotted path",
    ),
    (
        "format-version",
        2,
        18,
        "format_version 3 is not supported: this version of cogflow reads format_version 1 and 2",
    ),
    (
        "format1-language",
        7,
        12,
        "`language` needs `format_version = 2` (this file is format 1)",
    ),
    (
        "format1-only-in",
        23,
        11,
        "`only_in` needs `format_version = 2` (this file is format 1)",
    ),
    (
        "format1-pin-order",
        31,
        13,
        "`pin_order` needs `format_version = 2` (this file is format 1)",
    ),
    ("invalid-utf8", 6, 15, "invalid UTF-8 (byte 0xE9)"),
    (
        "lab-code-unknown-language",
        21,
        6,
        "unknown key `pyton` in [steps.expect.code]; did you mean `python`?",
    ),
    (
        "lab-format-1",
        7,
        1,
        "`[lab]` needs `format_version = 2` (this file is format 1)",
    ),
    (
        "lab-step-when",
        18,
        1,
        "a lab's steps wait one after the other for the learner's calls, so `when` has no place in a lab",
    ),
    (
        "lab-step-without-expect",
        16,
        1,
        "in a lab, a `sign_in` step waits for the learner's call: give it a `[steps.expect]` table",
    ),
    (
        "language-malformed",
        7,
        12,
        "`spanish!` is not a BCP 47 language tag (e.g. `en`, `es`, `es-MX`)",
    ),
    (
        "language-unknown",
        7,
        12,
        "no words for language `fr` yet: the app speaks en, es",
    ),
    (
        "messages-blanks",
        22,
        20,
        "`header.step_of` must have the blanks of the word it replaces ({n}, {total}), not {n}",
    ),
    (
        "messages-unknown-key",
        22,
        1,
        "unknown key `header.stepof` in [messages]; did you mean `header.step_of`?",
    ),
    (
        "min-length-range",
        16,
        14,
        "`min_length` must be from 6 to 99, found `4`",
    ),
    (
        "missing-field",
        4,
        1,
        "missing required key `title` in [scenario]",
    ),
    (
        "missing-table",
        1,
        1,
        "missing the [pool] table, which is required",
    ),
    (
        "moment-step-out-of-range",
        28,
        13,
        "step 3 is out of range: the file has 2 steps",
    ),
    (
        "negative-number",
        7,
        11,
        "`minutes` must be at least 1, found `-5`",
    ),
    ("no-hint", 30, 9, "question `q1` has no hint"),
    ("no-steps", 3, 9, "a scenario needs at least one step"),
    (
        "number-too-large",
        7,
        11,
        "`minutes` must be at most 4294967295, found `9223372036854775807`",
    ),
    (
        "oauth-callback-http",
        12,
        18,
        "`http://app.example.com/callback` uses http: Cognito takes HTTPS only, except for http://localhost",
    ),
    (
        "oauth-client-credentials-and-code",
        15,
        9,
        "client_credentials can't be allowed with code or implicit on one client",
    ),
    (
        "oauth-client-credentials-no-secret",
        15,
        9,
        "client_credentials needs a client secret: add `client_secret = true` to this client",
    ),
    (
        "oauth-email-without-openid",
        14,
        11,
        "`email` needs `openid` beside it",
    ),
    (
        "oauth-no-callback",
        11,
        1,
        "the code and implicit flows need at least one callback URL",
    ),
    (
        "oauth-scope-malformed",
        14,
        21,
        "`emial` is neither a standard scope nor a custom `resourceServer/name`; did you mean `email`?",
    ),
    (
        "only-in-and-not-in",
        24,
        10,
        "a step takes `only_in` or `not_in`, not both",
    ),
    (
        "only-in-empty",
        23,
        11,
        "an empty `only_in` leaves the step out of every branch",
    ),
    (
        "only-in-unknown-branch",
        23,
        12,
        "no branch is called `wrong-pasword`; did you mean `wrong-password`?",
    ),
    ("outcome-empty", 29, 11, "`outcome` is empty"),
    (
        "pool-id-region",
        9,
        11,
        "pool_id `eu-west-1_AbC123` must start with the pool's region: `us-east-1_`",
    ),
    (
        "pool-id-shape",
        9,
        11,
        "pool_id `us-east-1-nounderscore` must look like `us-east-1_AbC123xyz`",
    ),
    (
        "prediction-bad-field",
        28,
        9,
        "unknown field `respons`; did you mean `response`?",
    ),
    (
        "prediction-both",
        25,
        1,
        "a prediction takes `answer` or `field`, not both",
    ),
    (
        "prediction-neither",
        25,
        1,
        "a prediction needs `answer` (the right letter) or `field`",
    ),
    (
        "proof-answer-not-a-step",
        31,
        9,
        "the answer must read like \"Step 4\"; it is \"Cognito\"",
    ),
    (
        "proof-step-beyond",
        31,
        18,
        "run step 3 is out of range: a run has at most 2 steps",
    ),
    (
        "proof-step-unknown-id",
        31,
        18,
        "no step has id `sned`; did you mean `send`?",
    ),
    (
        "proof-step-zero",
        31,
        18,
        "`step` must be at least 1, found `0`",
    ),
    (
        "proof-unknown-variable",
        31,
        19,
        "unknown variable `tokn` in `var:tokn`; did you mean `token`?",
    ),
    (
        "proof-unknown-variant",
        31,
        21,
        "no variant has id `wrong-pasword`",
    ),
    (
        "refresh-days-range",
        16,
        16,
        "`refresh_days` must be from 1 to 3650, found `0`",
    ),
    (
        "sample-line-beyond",
        23,
        15,
        "sample_line 3 is beyond the sample, which has 2 lines",
    ),
    (
        "step-unknown-node",
        23,
        8,
        "no diagram node has id `verfy`; did you mean `verify`?",
    ),
    (
        "step-unknown-user",
        23,
        12,
        "user `bob` is not in the pool and no earlier step signs it up or creates it",
    ),
    (
        "token-minutes-range",
        16,
        18,
        "`access_minutes` must be from 5 to 1440, found `2000`",
    ),
    ("toml-syntax", 6, 16, "invalid TOML: invalid basic string"),
    (
        "too-few-choices",
        28,
        11,
        "there must be 2 to 6 choices; this has 1",
    ),
    (
        "too-many-choices",
        28,
        11,
        "there must be 2 to 6 choices; this has 7",
    ),
    (
        "track-unknown-variable",
        7,
        22,
        "unknown variable `authstatus` in `track`; did you mean `authStatus`?",
    ),
    (
        "unknown-action",
        22,
        10,
        "unknown action `sign_inn`; did you mean `sign_in`?",
    ),
    (
        "unknown-key",
        24,
        1,
        "unknown key `lable` in [[steps]]; did you mean `label`?",
    ),
    (
        "unknown-key-no-suggestion",
        7,
        1,
        "unknown key `colour` in [scenario]; expected one of `id`, `title`, `topic`",
    ),
    (
        "user-password-breaks-policy",
        13,
        12,
        "the password of `ana` breaks this pool's password policy, so Cognito refuses to create the user",
    ),
    (
        "variant-called-main",
        26,
        6,
        "`main` is the main path's name in `only_in` and `not_in`",
    ),
    (
        "variant-overrides-nothing",
        25,
        1,
        "variant `same` overrides nothing",
    ),
    (
        "variant-pool-unchanged",
        28,
        8,
        "variant `same` sets the pool to what it already is",
    ),
    (
        "variant-unknown-user",
        28,
        11,
        "user `anna` is not in the pool; did you mean `ana`?",
    ),
    (
        "variant-unused-input",
        28,
        16,
        "no step reads `code`, so overriding it changes nothing",
    ),
    (
        "when-alternative-kind",
        23,
        8,
        "`UserNotFoundException` is not a condition: each alternative names its kind, so write `error:UserNotFoundException`",
    ),
    (
        "when-dangling-not",
        23,
        8,
        "`not` needs a condition after it",
    ),
    (
        "when-dangling-or",
        23,
        8,
        "`|` (or) needs a condition after it",
    ),
    (
        "when-exception-suffix",
        23,
        8,
        "unknown exception `NotAuthorized` in `when`; did you mean `NotAuthorizedException`?",
    ),
    (
        "when-message-on-success",
        23,
        8,
        "only an exception has a message to match, not `success`",
    ),
    (
        "when-trailing-condition",
        23,
        8,
        "`error` follows a whole condition; join conditions with `|` (or)",
    ),
    (
        "when-unclosed-message",
        23,
        8,
        "the message to match has no closing `\"`",
    ),
    (
        "when-unknown-symbol",
        23,
        8,
        "`&` has no meaning in a condition",
    ),
    (
        "wrong-type",
        7,
        11,
        "wrong type for `minutes`: expected a whole number, found a string `\"10\"`",
    ),
];

/// (fixture, line, column, part of the message) of the first error `cogflow check` finds by
/// running the lesson: each `invalid-run/` fixture loads, and its runs contradict it.
const RUN_INVALID: &[(&str, usize, usize, &str)] = &[
    (
        "lab-solution-fails",
        23,
        1,
        "the sample solution in the main path does not meet step `sign-in` ([[steps]] #1): Cognito answered NotAuthorizedException: Incorrect username or password.; this step expects success",
    ),
    (
        "prediction-answer-contradicted",
        23,
        10,
        "prediction of step `send` ([[steps]] #1): answer A (`JWT token`) is wrong in variant `wrong-password`, where run step 1's response is `NotAuthorizedException: Incorrect username or password.` (choice B)",
    ),
    (
        "prediction-choices-ambiguous",
        22,
        11,
        "in the main path (run step 1) the response is `JWT token`, which choices A and B all name",
    ),
    (
        "prediction-no-choice",
        22,
        11,
        "in variant `wrong-password` (run step 1) the response is `NotAuthorizedException: Incorrect username or password.`, which is none of the choices",
    ),
    (
        "proof-step-not-in-branch",
        37,
        18,
        "question `q1`: proof step `error` does not run in the main path; the steps that run there: `send`",
    ),
];

/// (fixture, line, column, part of the message) of the one warning each `warn-*` fixture has.
const WARNINGS: &[(&str, usize, usize, &str)] = &[
    (
        "warn-ignored-input",
        12,
        12,
        "`password` has no effect on a `narrate` step",
    ),
    (
        "warn-error-explain-never-fails",
        19,
        17,
        "`error_explain` has no effect on a `enter_credentials` step: it never fails",
    ),
    ("warn-no-explain", 10, 1, "step 1 has no `explain`"),
    (
        "warn-no-password-flow",
        10,
        14,
        "does not include `ALLOW_USER_PASSWORD_AUTH`",
    ),
    ("warn-weak-policy", 10, 1, "weaker than Cognito's default"),
];

fn errors(diagnostics: &[Diagnostic]) -> Vec<&Diagnostic> {
    diagnostics
        .iter()
        .filter(|d| d.severity == Severity::Error)
        .collect()
}

#[test]
fn every_invalid_fixture_has_a_case_and_every_case_a_fixture() {
    let cases: Vec<&str> = INVALID.iter().map(|(name, ..)| *name).collect();
    assert_eq!(stems("invalid"), cases);
}

#[test]
fn each_invalid_fixture_fails_with_its_message_at_its_location() {
    let mut failures = Vec::new();
    for (name, line, col, message) in INVALID {
        let path = fixtures("invalid").join(format!("{name}.toml"));
        let Err(error) = load_path(&path) else {
            failures.push(format!("{name}: loaded without errors"));
            continue;
        };
        let first = errors(&error.diagnostics)[0];
        let shown = first.to_string();
        let prefix = format!("{}:{line}:{col}: error: ", path.display());
        if !shown.starts_with(&prefix) || !first.message.contains(message) {
            failures.push(format!(
                "{name}: want {line}:{col} `{message}`, got {shown}"
            ));
        }
    }
    assert!(failures.is_empty(), "\n{}", failures.join("\n"));
}

#[test]
fn invalid_fixtures_report_only_their_own_problem() {
    // Each fixture is a valid file with one thing broken, so it has one error, except where
    // one broken thing is really two (an escape sequence and its terminator).
    for (name, ..) in INVALID {
        let error = load_path(&fixtures("invalid").join(format!("{name}.toml"))).unwrap_err();
        let count = errors(&error.diagnostics).len();
        let want = match *name {
            "control-char-e-escape" | "control-char-escaped" => 2,
            _ => 1,
        };
        assert_eq!(count, want, "{name}: {error}");
    }
}

#[test]
fn each_run_invalid_fixture_loads_and_its_run_contradicts_it_at_its_location() {
    assert_eq!(
        stems("invalid-run"),
        RUN_INVALID.iter().map(|(n, ..)| *n).collect::<Vec<_>>()
    );
    for (name, line, col, message) in RUN_INVALID {
        let path = fixtures("invalid-run").join(format!("{name}.toml"));
        let loaded = load_path(&path).unwrap_or_else(|e| panic!("{name}: {e}"));
        let found = cogflow::flow::check_run(&loaded);
        let errors = errors(&found);
        assert_eq!(errors.len(), 1, "{name}: {found:?}");
        assert_eq!(
            (errors[0].line, errors[0].col),
            (*line, *col),
            "{name}: {}",
            errors[0]
        );
        assert!(errors[0].message.contains(message), "{name}: {}", errors[0]);
    }
}

#[test]
fn every_valid_fixture_loads() {
    for name in stems("valid") {
        let path = fixtures("valid").join(format!("{name}.toml"));
        let loaded = load_path(&path).unwrap_or_else(|e| panic!("{name}:\n{e}"));
        match WARNINGS.iter().find(|(w, ..)| *w == name) {
            None => assert!(loaded.warnings.is_empty(), "{name}: {:?}", loaded.warnings),
            Some((_, line, col, message)) => {
                assert_eq!(loaded.warnings.len(), 1, "{name}: {:?}", loaded.warnings);
                let warning = &loaded.warnings[0];
                assert_eq!(
                    (warning.line, warning.col),
                    (*line, *col),
                    "{name}: {warning}"
                );
                assert!(warning.message.contains(message), "{name}: {warning}");
                assert!(warning.to_string().contains(": warning: "));
            }
        }
    }
    assert!(stems("valid").contains(&"minimal".to_owned()));
    assert!(stems("valid").contains(&"rich".to_owned()));
}

#[test]
fn the_rich_fixture_uses_most_of_the_format() {
    let rich = load_path(&fixtures("valid").join("rich.toml")).unwrap();
    let file = &rich.file;
    let actions: std::collections::HashSet<_> = file.steps.iter().map(|s| s.action).collect();
    assert!(actions.len() >= 20, "{} actions", actions.len());
    assert_eq!(file.variants.len(), 4);
    assert_eq!(file.questions.len(), 3);
    assert!(file.pool.clock_start.is_some());
    assert_eq!(file.pool.users[0].attributes["custom:plan"], "pro");
}

#[test]
fn a_file_over_one_mebibyte_is_refused_before_parsing() {
    let mut big = scenario::BUILTINS[0].1.to_owned();
    while big.len() <= 1024 * 1024 {
        big.push_str("# padding padding padding padding padding padding padding padding\n");
    }
    let error = load("big.toml", big.as_bytes(), Origin::Path("big.toml".into())).unwrap_err();
    assert_eq!(error.diagnostics.len(), 1);
    let diagnostic = &error.diagnostics[0];
    assert_eq!((diagnostic.line, diagnostic.col), (1, 1));
    assert!(
        diagnostic.message.contains("limited to 1 MiB"),
        "{diagnostic}"
    );
    // Exactly at the limit is fine (as far as size goes).
    let at_limit = format!("{}{}", "#".repeat(1024 * 1024 - 1), "\n");
    let error = load(
        "limit.toml",
        at_limit.as_bytes(),
        Origin::Path("limit.toml".into()),
    )
    .unwrap_err();
    assert!(!error.to_string().contains("1 MiB"));
}

#[test]
fn every_builtin_loads_without_errors_or_warnings() {
    let builtins = scenario::builtins().unwrap();
    assert_eq!(builtins.len(), scenario::BUILTINS.len());
    for builtin in builtins {
        assert!(builtin.warnings.is_empty(), "{:?}", builtin.warnings);
        assert!(matches!(builtin.origin, Origin::Builtin(_)));
    }
}

#[test]
fn locate_finds_values_by_key_path() {
    let lesson = scenario::resolve(None).unwrap();
    let src = scenario::BUILTINS[0].1;
    let line_of = |needle: &str, nth: usize| {
        src.lines()
            .enumerate()
            .filter(|(_, l)| l.starts_with(needle))
            .nth(nth)
            .map(|(i, _)| i + 1)
            .unwrap()
    };
    // `answer = "B"` of the third question: the value starts at column 10.
    assert_eq!(
        lesson.locate("questions[2].answer"),
        (line_of("answer = ", 2), 10)
    );
    // A key that is absent falls back to its table's header.
    assert_eq!(lesson.locate("steps[1].when"), (line_of("[[steps]]", 1), 1));
    // An inline table's key.
    assert_eq!(
        lesson.locate("questions[0].proof.step"),
        (line_of("proof = { step = 3", 0), 18)
    );
    // Nonsense falls back to the top of the file.
    assert_eq!(lesson.locate("nope[3].x"), (1, 1));
    let diagnostic = lesson.diagnostic("questions[2].proof", Severity::Error, "contradicted");
    assert_eq!(
        diagnostic.to_string(),
        format!(
            "built-in:signin-basic:{}:9: error: contradicted",
            line_of("proof = { variant", 0)
        )
    );
}

#[test]
fn messages_cannot_drive_the_terminal() {
    // A quoted key can hold an escape; the message quoting it must not print it raw.
    let src = "format_version = 1\n\"\\u001b[2J\" = 1\n";
    let error = load("k.toml", src.as_bytes(), Origin::Path("k.toml".into())).unwrap_err();
    let shown = error.to_string();
    assert!(!shown.contains('\u{1b}'), "{shown:?}");
    assert!(shown.contains("\\u{1b}[2J"), "{shown}");
}

#[test]
fn the_annotated_example_in_the_authoring_guide_is_valid() {
    let guide =
        std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("docs/scenarios.md"))
            .unwrap();
    let section = &guide[guide.find("## An annotated example").unwrap()..];
    let start = section.find("```toml\n").unwrap() + "```toml\n".len();
    let example = &section[start..start + section[start..].find("```").unwrap()];
    let loaded = load(
        "guide.toml",
        example.as_bytes(),
        Origin::Path("guide.toml".into()),
    )
    .unwrap_or_else(|e| panic!("{e}"));
    assert!(loaded.warnings.is_empty(), "{:?}", loaded.warnings);
    assert_eq!(loaded.file.variants[0].id, "wrong-password");
}

#[test]
fn windows_line_endings_and_a_byte_order_mark_load_like_the_original() {
    let original = scenario::BUILTINS[0].1;
    let lf = load(
        "lf.toml",
        original.as_bytes(),
        Origin::Path("lf.toml".into()),
    )
    .unwrap();
    let crlf_text = original.replace('\n', "\r\n");
    let crlf = load(
        "crlf.toml",
        crlf_text.as_bytes(),
        Origin::Path("crlf.toml".into()),
    )
    .unwrap();
    assert_eq!(
        crlf.file, lf.file,
        "no carriage return reaches the lesson's text"
    );
    let bom_text = format!("\u{feff}{original}");
    let bom = load(
        "bom.toml",
        bom_text.as_bytes(),
        Origin::Path("bom.toml".into()),
    )
    .unwrap();
    assert_eq!(bom.file, lf.file);
    // Locations in a CRLF file are those an editor shows.
    let broken = crlf_text.replace(
        "action = \"send_credentials\"",
        "action = \"send_credential\"",
    );
    let error = load(
        "crlf.toml",
        broken.as_bytes(),
        Origin::Path("crlf.toml".into()),
    )
    .unwrap_err();
    let line = original
        .lines()
        .position(|l| l == "action = \"send_credentials\"")
        .unwrap()
        + 1;
    let first = &error.diagnostics[0];
    assert_eq!((first.line, first.col), (line, 10), "{first}");
    // A lone carriage return is still refused.
    let lone = original.replacen("title = \"Cognito", "title = \"\rCognito", 1);
    let Err(error) = load("cr.toml", lone.as_bytes(), Origin::Path("cr.toml".into())) else {
        panic!("a lone carriage return was accepted");
    };
    assert!(error.to_string().contains("U+000D"), "{error}");
}

#[test]
fn the_validator_accepts_only_exceptions_and_challenges_the_mock_knows() {
    use cogflow::cognito::{ChallengeName, Exception};
    use cogflow::scenario::vocab::{CHALLENGES, EXCEPTIONS};
    for name in EXCEPTIONS {
        let exception: Exception = serde_json::from_value(serde_json::json!(name))
            .unwrap_or_else(|e| panic!("{name} is not a mock exception: {e}"));
        assert_eq!(exception.name(), *name);
    }
    for name in CHALLENGES {
        let challenge: ChallengeName = serde_json::from_value(serde_json::json!(name))
            .unwrap_or_else(|e| panic!("{name} is not a mock challenge: {e}"));
        assert_eq!(challenge.as_str(), *name);
    }
}
