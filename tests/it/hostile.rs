//! Hostile input, signals and shared folders (issue 9): each case builds the attack and
//! asserts the safe outcome. Sections follow the issue's numbered items.

// Helpers here are test code too; clippy's allow-unwrap-in-tests only sees #[test] fns.
#![allow(clippy::unwrap_used)]

use std::collections::BTreeMap;
use std::fs;
use std::path::{Path, PathBuf};
use std::process::Command;

use cogflow::progress::{ScenarioKey, SteppingClock, Store, Timestamp};
use cogflow::quiz::QuizSession;

use crate::support::{Ran, TempHome, cogflow};

const START: u64 = 1_768_467_600; // 2026-01-15T09:00:00Z

fn signin() -> ScenarioKey {
    ScenarioKey::of(&cogflow::scenario::resolve(None).unwrap())
}

/// A folder *outside* `COGFLOW_HOME` that planted links point into; [`Outside::snapshot`]
/// lists every file under it with its bytes, so a test can show nothing was written there.
struct Outside(TempHome);

impl Outside {
    fn new(name: &str) -> Self {
        Self(TempHome::new(&format!("outside-{name}")))
    }

    fn path(&self) -> &Path {
        self.0.path()
    }

    fn snapshot(&self) -> BTreeMap<PathBuf, String> {
        self.0
            .files()
            .into_iter()
            .map(|p| {
                let text = String::from_utf8_lossy(&fs::read(&p).unwrap()).into_owned();
                (p, text)
            })
            .collect()
    }
}

#[cfg(unix)]
fn symlink(target: &Path, link: &Path) {
    std::os::unix::fs::symlink(target, link).unwrap();
}

fn is_symlink(path: &Path) -> bool {
    fs::symlink_metadata(path).is_ok_and(|m| m.file_type().is_symlink())
}

/// One answer through the plain quiz (the first question's right answer is A).
fn answer_one(home: &Path) -> Ran {
    cogflow(&["--seed", "1", "quiz", "--plain"])
        .home(home)
        .stdin("a\nquit\n")
        .run()
}

// ---- 1. No write outside COGFLOW_HOME ------------------------------------------------------

#[test]
#[cfg(unix)]
fn a_link_planted_at_a_temporary_name_is_never_followed() {
    // The old temporary names were `.<file>.tmp-<pid>-<n>`: plant every one this process could
    // use, each a link to a file outside the home.
    let home = TempHome::new("tmp-plant");
    let outside = Outside::new("tmp-plant");
    let victim = outside.path().join("victim.txt");
    fs::write(&victim, "precious\n").unwrap();
    let dir = home.path().join("progress");
    fs::create_dir_all(&dir).unwrap();
    for n in 0..2000 {
        let name = format!(".signin-basic.json.tmp-{}-{n}", std::process::id());
        symlink(&victim, &dir.join(name));
    }
    let before = outside.snapshot();
    let mut store = Store::at(home.path()).with_clock(SteppingClock::starting_at(Timestamp(START)));
    let lesson = cogflow::scenario::resolve(None).unwrap();
    let mut quiz = QuizSession::for_scenario(&lesson.file, 0).unwrap();
    store
        .record_attempt(&signin(), &quiz.answer(0).unwrap().attempt)
        .unwrap();
    assert_eq!(outside.snapshot(), before, "the file outside is untouched");
    let progress = home.progress_file("signin-basic");
    assert!(!is_symlink(&progress), "the progress file is a plain file");
    let saved = Store::at(home.path())
        .load("signin-basic")
        .unwrap()
        .unwrap();
    assert_eq!(saved.attempts.len(), 1);
}

#[test]
#[cfg(unix)]
fn a_link_as_the_progress_file_is_refused_and_not_followed() {
    let home = TempHome::new("file-link");
    let outside = Outside::new("file-link");
    // Someone else's record, which following the link would read (and report as ours).
    let victim = outside.path().join("theirs.json");
    fs::write(
        &victim,
        r#"{"format_version":1,"scenario_id":"signin-basic","created":"2026-01-15T09:00:00Z","updated":"2026-01-15T09:00:00Z","attempts":[]}"#,
    )
    .unwrap();
    fs::create_dir_all(home.path().join("progress")).unwrap();
    let link = home.progress_file("signin-basic");
    symlink(&victim, &link);
    let before = outside.snapshot();

    let out = answer_one(home.path());
    let err = out.stderr;
    assert!(
        err.contains("is a symbolic link") && err.contains("progress will not be saved"),
        "says why it refuses: {err}"
    );
    assert!(out.stdout.contains("Correct."), "the quiz still runs");
    assert!(is_symlink(&link), "the link is left as it was");
    assert_eq!(outside.snapshot(), before);

    let out = cogflow(&["results"]).home(&home).run();
    assert!(
        out.stderr.contains("is a symbolic link"),
        "results skips it, saying why: {}",
        out.stderr
    );
    let out = cogflow(&["reset", "--yes"]).home(&home).run();
    assert!(out.stdout.contains("Removed"), "{}", out.stdout);
    assert!(
        !link.exists() && !is_symlink(&link),
        "reset removes the link"
    );
    assert_eq!(outside.snapshot(), before, "and only the link");
}

#[test]
#[cfg(unix)]
fn a_link_as_the_lock_file_is_refused() {
    let home = TempHome::new("lock-link");
    let outside = Outside::new("lock-link");
    fs::create_dir_all(home.path().join("progress")).unwrap();
    // A dangling link: following it would create a file outside the home.
    let target = outside.path().join("created-by-cogflow");
    symlink(&target, &home.path().join("progress").join(".lock"));

    let out = answer_one(home.path());
    assert!(out.stderr.contains("is a symbolic link"), "{}", out.stderr);
    assert!(!target.exists(), "nothing was created outside the home");
    assert!(outside.snapshot().is_empty());
}

#[test]
#[cfg(unix)]
fn a_link_as_the_progress_folder_is_refused() {
    let home = TempHome::new("dir-link");
    let outside = Outside::new("dir-link");
    symlink(outside.path(), &home.path().join("progress"));

    let out = answer_one(home.path());
    let err = out.stderr;
    assert!(
        err.contains("is a symbolic link") && err.contains("progress will not be saved"),
        "{err}"
    );
    assert!(
        outside.snapshot().is_empty(),
        "nothing written through the link"
    );
    let out = cogflow(&["reset"]).home(&home).run();
    assert!(out.stderr.contains("is a symbolic link"), "{}", out.stderr);
    assert_eq!(out.code, 1);
}

// ---- 2. No control sequence reaches a terminal from data ------------------------------------

/// What an attacker writes into a field: a screen clear, an OSC 52 clipboard write, a window
/// title, the one-byte C1 CSI, a carriage return over the line, a backspace, DEL, and the
/// bidirectional override, isolate and mark.
const PAYLOADS: &[&str] = &[
    "\u{1b}[2J\u{1b}[H",
    "\u{1b}]52;c;cm0gLXJmIH4=\u{7}",
    "\u{1b}]0;pwned\u{1b}\\",
    "\u{9b}31m",
    "ok\rFORGED",
    "a\u{8}\u{7f}b",
    "evil\u{202e}txt.exe",
    "\u{2066}x\u{2069}\u{200f}",
];

/// The characters that must never reach the output raw (newline passes; CR only in CRLF).
fn raw_controls(text: &str) -> Vec<String> {
    let mut found = Vec::new();
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        let bad = match c {
            '\n' => false,
            '\r' => chars.peek() != Some(&'\n'),
            c => c.is_control() || cogflow::sanitize::is_unsafe(c),
        };
        if bad {
            found.push(format!("U+{:04X}", u32::from(c)));
        }
    }
    found
}

/// Which of the output's streams carry raw controls, and which.
fn leaks(out: &Ran) -> Vec<String> {
    [("stdout", &out.stdout), ("stderr", &out.stderr)]
        .into_iter()
        .filter_map(|(stream, bytes)| {
            let found = raw_controls(bytes);
            (!found.is_empty()).then(|| format!("{stream}: {}", found.join(" ")))
        })
        .collect()
}

/// A progress file as a class could leave it: every string field carries `payload`.
fn plant_progress(home: &Path, name: &str, payload: &str) {
    let dir = home.join("progress");
    fs::create_dir_all(&dir).unwrap();
    let record = serde_json::json!({
        "format_version": 1,
        "scenario_id": format!("lesson{payload}"),
        "created": "2026-01-15T09:00:00Z",
        "updated": "2026-01-15T09:00:00Z",
        "attempts": [{
            "content_hash": format!("hash{payload}"),
            "question_id": format!("q1{payload}"),
            "choice_shown": payload,
            "choice_original": 0,
            "correct": true,
            "attempt": 1,
            "round": 1,
            "hints_used": 0,
            "revealed": false,
            "seed": null,
            "choice_order": [0, 1],
            "time": "2026-01-15T09:00:00Z"
        }]
    });
    fs::write(dir.join(name), serde_json::to_vec(&record).unwrap()).unwrap();
}

#[test]
fn no_writer_passes_a_control_character_through() {
    let (mut cases, mut leaked) = (0, Vec::new());
    for (i, payload) in PAYLOADS.iter().enumerate() {
        let home = TempHome::new("escapes");
        plant_progress(home.path(), &format!("planted-{i}.json"), payload);
        // A damaged file whose very name carries the payload: the warning names it.
        let dir = home.path().join("progress");
        fs::write(dir.join(format!("damaged{payload}.json")), "{ not json").unwrap();
        // `--seed 1`: these runs are about escaping, not seeds (an unseeded run makes RSA keys).
        let runs: Vec<(&str, Vec<&str>, String)> = vec![
            ("results csv", vec!["results"], String::new()),
            (
                "results json",
                vec!["results", "--format", "json"],
                String::new(),
            ),
            ("check a path", vec!["check", payload], String::new()),
            (
                "run --variant",
                vec!["--seed", "1", "run", "--plain", "--variant", payload],
                String::new(),
            ),
            (
                "echoed input",
                vec!["--seed", "1", "run", "--plain"],
                format!("{payload}\nq\n"),
            ),
            (
                "quiz input",
                vec!["--seed", "1", "quiz", "--plain"],
                format!("{payload}\nquit\n"),
            ),
            (
                "transcript --variant",
                vec!["--seed", "1", "transcript", "--variant", payload],
                String::new(),
            ),
            (
                "transcript markdown --variant",
                vec![
                    "--seed",
                    "1",
                    "transcript",
                    "--format",
                    "markdown",
                    "--variant",
                    payload,
                ],
                String::new(),
            ),
            (
                "run an unknown lesson",
                vec!["--seed", "1", "run", "--plain", payload],
                String::new(),
            ),
            ("reset", vec!["reset"], String::new()),
        ];
        for (case, args, stdin) in runs {
            let out = cogflow(&args).home(home.path()).stdin(&stdin).run();
            for leak in leaks(&out) {
                leaked.push(format!("{case} with {payload:?}: {leak}"));
            }
            cases += 1;
        }
    }
    assert_eq!(cases, PAYLOADS.len() * 10);
    assert!(
        leaked.is_empty(),
        "{} of {cases} runs leaked:\n{}",
        leaked.len(),
        leaked.join("\n")
    );
}

#[test]
fn results_show_the_payload_escaped_and_json_keeps_the_data() {
    let home = TempHome::new("results-escaped");
    let payload = "\u{1b}]52;c;aGk=\u{7}\u{9b}2J\u{202e}";
    plant_progress(home.path(), "planted.json", payload);
    let csv = cogflow(&["results"]).home(home.path()).run().stdout;
    assert!(
        csv.contains(r"q1\u{1b}]52;c;aGk=\u{7}\u{9b}2J\u{202e}"),
        "shown visibly escaped: {csv}"
    );
    let json = cogflow(&["results", "--format", "json"])
        .home(home.path())
        .run()
        .stdout;
    assert!(
        json.contains(r#""q1\u001b]52;c;aGk=\u0007\u009b2J\u202e""#),
        "{json}"
    );
    let rows: serde_json::Value = serde_json::from_str(&json).unwrap();
    assert_eq!(
        rows["rows"][0]["question_id"],
        format!("q1{payload}"),
        "the data is exact"
    );
}

#[test]
fn csv_cells_that_a_spreadsheet_would_run_are_quoted_as_text() {
    let home = TempHome::new("formula");
    for (i, formula) in ["=HYPERLINK(\"http://x\")", "+1+1", "-2+3", "@SUM(A1)"]
        .iter()
        .enumerate()
    {
        plant_progress(home.path(), &format!("f{i}.json"), "");
        let path = home.path().join("progress").join(format!("f{i}.json"));
        let mut record: serde_json::Value =
            serde_json::from_slice(&fs::read(&path).unwrap()).unwrap();
        record["attempts"][0]["question_id"] = (*formula).into();
        fs::write(&path, serde_json::to_vec(&record).unwrap()).unwrap();
    }
    let csv = cogflow(&["results"]).home(home.path()).run().stdout;
    let rows = crate::support::parse_csv(&csv);
    // rows[0] is the results_format comment, rows[1] the header.
    let ids: Vec<&str> = rows[2..].iter().map(|r| r[3].as_str()).collect();
    assert_eq!(
        ids,
        ["'=HYPERLINK(\"http://x\")", "'+1+1", "'-2+3", "'@SUM(A1)"],
        "{csv}"
    );
    for formula in ["'+1+1", "'-2+3", "'@SUM(A1)"] {
        assert!(csv.contains(&format!("\"{formula}\"")), "quoted: {csv}");
    }
}

// ---- 4. A signed token's claims can't be shadowed -------------------------------------------

/// Every claim Cognito signs into an ID or access token, and a `cognito:` name.
const CLAIMS: &[&str] = &[
    "sub",
    "iss",
    "aud",
    "token_use",
    "client_id",
    "cognito:username",
    "exp",
    "iat",
    "auth_time",
    "jti",
    "origin_jti",
    "event_id",
    "scope",
    "username",
    "cognito:groups",
];

fn test_pool() -> cogflow::cognito::UserPool {
    use cogflow::cognito::{Argon2Params, ExplicitAuthFlow, PoolConfig};
    let config = PoolConfig {
        explicit_auth_flows: vec![ExplicitAuthFlow::AllowUserPasswordAuth],
        argon2: Argon2Params::cheap_for_tests(),
        ..PoolConfig::default()
    };
    cogflow::cognito::UserPool::new(config, 42, START)
}

#[test]
fn the_mock_refuses_an_attribute_named_like_a_claim_on_every_way_in() {
    use cogflow::cognito::{
        AdminCreateUserRequest, AttributeType, InitiateAuthRequest, RespondToAuthChallengeRequest,
        SeedUser, SignUpRequest, UserStatus,
    };
    const PASSWORD: &str = "Correct-Horse-9";
    for name in CLAIMS {
        let want = if *name == "sub" {
            "InvalidParameterException: Cannot modify the non-mutable attribute sub".to_owned()
        } else {
            format!(
                "InvalidParameterException: Attributes did not conform to the schema: {name}: Attribute does not exist in the schema.\n"
            )
        };
        let mut pool = test_pool();
        let seeded = pool.add_user(SeedUser::new("eve", PASSWORD).attribute(*name, "access"));
        assert_eq!(seeded.unwrap_err().to_string(), want, "seeded");
        let attributes = vec![
            AttributeType::new("email", "eve@example.com"),
            AttributeType::new(name, "access"),
        ];
        let signed_up = pool.sign_up(SignUpRequest {
            secret_hash: None,
            client_id: pool.client_id().to_owned(),
            username: "eve".into(),
            password: PASSWORD.into(),
            user_attributes: attributes.clone(),
        });
        assert_eq!(signed_up.unwrap_err().to_string(), want, "SignUp");
        let created = pool.admin_create_user(AdminCreateUserRequest {
            user_pool_id: pool.pool_id().to_owned(),
            username: "eve".into(),
            temporary_password: None,
            message_action: None,
            user_attributes: attributes,
        });
        assert_eq!(created.unwrap_err().to_string(), want, "AdminCreateUser");
        // The first sign-in's NEW_PASSWORD_REQUIRED answer may set attributes too.
        pool.add_user(SeedUser::new("cy", PASSWORD).status(UserStatus::ForceChangePassword))
            .unwrap();
        let request = InitiateAuthRequest::user_password(pool.client_id(), "cy", PASSWORD);
        let session = pool.initiate_auth(request).unwrap().session.unwrap();
        let mut answer = RespondToAuthChallengeRequest::new_password(
            pool.client_id(),
            &session,
            "cy",
            "Brand-New-Pass-7",
        );
        answer
            .challenge_responses
            .insert(format!("userAttributes.{name}"), "access".into());
        let answered = pool.respond_to_auth_challenge(answer);
        assert_eq!(
            answered.unwrap_err().to_string(),
            want,
            "NEW_PASSWORD_REQUIRED"
        );
        let cy = pool.user("cy").unwrap();
        assert_eq!(
            cy.status,
            UserStatus::ForceChangePassword,
            "nothing changed"
        );
        assert!(!cy.attributes.contains_key(*name));
    }
}

#[test]
fn check_refuses_an_attribute_named_like_a_claim_at_its_key() {
    let template = fs::read_to_string(
        Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("tests/fixtures/invalid/attribute-reserved.toml"),
    )
    .unwrap();
    for name in CLAIMS {
        let src = template.replace("token_use = ", &format!("\"{name}\" = "));
        let err = cogflow::scenario::load(
            "case.toml",
            src.as_bytes(),
            cogflow::scenario::Origin::Builtin("case"),
        )
        .unwrap_err();
        let first = err.diagnostics[0].to_string();
        assert!(
            first.starts_with("case.toml:14:30: error: attribute `") && first.contains(name),
            "{name}: {first}"
        );
    }
    // And an ordinary attribute that is not in Cognito's schema gets the `custom:` advice.
    let src = template.replace("token_use = ", "plan = ");
    let err = cogflow::scenario::load(
        "case.toml",
        src.as_bytes(),
        cogflow::scenario::Origin::Builtin("case"),
    )
    .unwrap_err();
    assert!(
        err.diagnostics[0].message.contains("\"custom:plan\""),
        "{}",
        err.diagnostics[0]
    );
}

// ---- 7. Answers survive kill -9 --------------------------------------------------------------

#[test]
fn an_answer_is_on_disk_when_the_screen_says_so_and_survives_kill_9() {
    let home = TempHome::new("kill9");
    let mut quiz = cogflow(&["--seed", "1", "quiz", "--plain"])
        .home(&home)
        .spawn();
    quiz.write("a\n");
    // Read until the screen says the answer was taken, then kill at once: no chance to save.
    quiz.wait_for_line("the answer taken", |l| l == "Correct.");
    quiz.kill(); // SIGKILL
    let saved = Store::at(home.path())
        .load("signin-basic")
        .unwrap()
        .unwrap();
    assert_eq!(saved.attempts.len(), 1, "the answer was already on disk");
    assert!(saved.attempts[0].correct);
}

#[test]
fn temporary_files_left_by_a_killed_process_are_removed_on_the_next_start() {
    let home = TempHome::new("orphans");
    let dir = home.path().join("progress");
    fs::create_dir_all(&dir).unwrap();
    // What a process killed between writing and renaming leaves behind (old and new names),
    // and files that are not orphans.
    let orphans = [
        ".signin-basic.json.tmp-4242-0",
        ".signin-basic.json.tmp-1f2e3d4c5b6a7988",
        ".other.json.tmp-77-3",
    ];
    for name in orphans {
        fs::write(dir.join(name), "{\"format_version\": 1, \"half").unwrap();
    }
    let keep = ["signin-basic.json.damaged-20260115T090000Z", "notes.txt"];
    for name in keep {
        fs::write(dir.join(name), "kept").unwrap();
    }
    let out = answer_one(home.path());
    assert!(out.code == 0, "{}", out.stderr);
    for name in orphans {
        assert!(!dir.join(name).exists(), "{name} removed");
    }
    for name in keep {
        assert_eq!(
            fs::read_to_string(dir.join(name)).unwrap(),
            "kept",
            "{name} kept"
        );
    }
    assert!(home.progress_file("signin-basic").is_file());
}

// ---- 8. Read-only stores work for reading ------------------------------------------------

/// Runs `cogflow ARGS` as a user who may only read `home`. As root (who may write anything),
/// the binary runs as `nobody` through util-linux's `setpriv`; otherwise the permission bits
/// alone make the store read-only.
fn cogflow_read_only(home: &Path, args: &[&str]) -> Ran {
    let root = Command::new("id")
        .arg("-u")
        .output()
        .is_ok_and(|o| String::from_utf8_lossy(&o.stdout).trim() == "0");
    let command = cogflow(args).home(home);
    if root {
        command.via(&[
            "setpriv",
            "--reuid=65534",
            "--regid=65534",
            "--clear-groups",
        ])
    } else {
        command
    }
    .run()
}

#[cfg(unix)]
fn make_read_only(path: &Path) {
    use std::os::unix::fs::PermissionsExt;
    for entry in fs::read_dir(path).unwrap() {
        let entry = entry.unwrap();
        if entry.file_type().unwrap().is_dir() {
            make_read_only(&entry.path());
        } else {
            fs::set_permissions(entry.path(), fs::Permissions::from_mode(0o444)).unwrap();
        }
    }
    fs::set_permissions(path, fs::Permissions::from_mode(0o555)).unwrap();
}

#[cfg(unix)]
fn make_writable(path: &Path) {
    use std::os::unix::fs::PermissionsExt;
    fs::set_permissions(path, fs::Permissions::from_mode(0o755)).unwrap();
    for entry in fs::read_dir(path).unwrap() {
        let entry = entry.unwrap();
        if entry.file_type().unwrap().is_dir() {
            make_writable(&entry.path());
        }
    }
}

#[test]
#[cfg(unix)]
fn a_read_only_store_is_read_and_reset_says_why_it_cannot() {
    let home = TempHome::new("read-only");
    // Named, so `results` has no reason to suggest --learner: stderr must be empty.
    let mut store = Store::at(home.path())
        .with_clock(SteppingClock::starting_at(Timestamp(START)))
        .with_learner(Some("Ana"));
    let lesson = cogflow::scenario::resolve(None).unwrap();
    let mut quiz = QuizSession::for_scenario(&lesson.file, 0).unwrap();
    store
        .record_attempt(&signin(), &quiz.answer(0).unwrap().attempt)
        .unwrap();
    store.record_step(&signin(), 3, None).unwrap();
    make_read_only(home.path());
    let before = home.files();

    let results = cogflow_read_only(home.path(), &["results"]);
    let run = cogflow_read_only(home.path(), &["--seed", "1", "run", "--plain"]);
    let reset = cogflow_read_only(home.path(), &["reset", "--yes"]);
    make_writable(home.path());

    assert_eq!(results.code, 0, "{}", results.stderr);
    assert!(results.stderr.is_empty(), "{}", results.stderr);
    assert_eq!(
        results.stdout.lines().count(),
        3,
        "comment, header and one answer"
    );

    assert!(run.stdout.contains("Resumed at step 3"), "{}", run.stdout);
    assert!(
        run.stderr.contains("progress will not be saved") && run.stderr.contains("read-only"),
        "{}",
        run.stderr
    );

    assert_eq!(reset.code, 1);
    assert!(
        reset.stderr.contains("cannot reset") && reset.stderr.contains("read-only"),
        "{}",
        reset.stderr
    );
    assert_eq!(home.files(), before, "nothing removed or added");
}

// ---- 9. Messages say the right thing -------------------------------------------------------

#[test]
fn a_file_where_the_store_needs_a_folder_says_so() {
    for (what, file) in [("progress", "progress"), ("home", "")] {
        let home = TempHome::new("plain-file");
        let home_path = home.path().join("home");
        fs::create_dir_all(&home_path).unwrap();
        let at = if file.is_empty() {
            fs::remove_dir(&home_path).unwrap();
            home_path.clone()
        } else {
            home_path.join(file)
        };
        fs::write(&at, "not a folder").unwrap();
        let want = format!("{} is a file, not a folder", at.display());
        for args in [&["quiz", "--plain"][..], &["results"], &["reset"]] {
            let out = cogflow(args).home(&home_path).stdin("a\nquit\n").run();
            let err = out.stderr;
            assert!(err.contains(&want), "{what}, {args:?}: {err}");
            assert!(!err.contains("os error"), "{what}, {args:?}: {err}");
        }
        assert_eq!(fs::read_to_string(&at).unwrap(), "not a folder");
    }
}

fn fixture_text(name: &str) -> String {
    fs::read_to_string(
        Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("tests/fixtures/invalid")
            .join(format!("{name}.toml")),
    )
    .unwrap()
}

/// The errors `check` reports for `src`, as `line:col: message`.
fn errors_of(src: &str) -> Vec<String> {
    use cogflow::scenario::{Origin, Severity, load};
    match load("case.toml", src.as_bytes(), Origin::Builtin("case")) {
        Ok(_) => Vec::new(),
        Err(e) => e
            .diagnostics
            .iter()
            .filter(|d| d.severity == Severity::Error)
            .map(|d| format!("{}:{}: {}", d.line, d.col, d.message))
            .collect(),
    }
}

#[test]
fn numbers_too_large_say_at_most_not_at_least() {
    const HUGE: &str = "9223372036854775807";
    // (fixture, what to replace, the field's name)
    let cases = [
        ("negative-number", "minutes = -5", "minutes"),
        ("sample-line-beyond", "sample_line = 3", "sample_line"),
        ("moment-step-out-of-range", "steps = [2, 3]", "steps"),
        ("proof-step-beyond", "step = 3,", "step"),
    ];
    for (fixture, old, field) in cases {
        let (key, _) = old.split_once(" = ").unwrap();
        let new = match old {
            "steps = [2, 3]" => format!("steps = [{HUGE}]"),
            "step = 3," => format!("step = {HUGE},"),
            _ => format!("{key} = {HUGE}"),
        };
        let src = fixture_text(fixture).replace(old, &new);
        let errors = errors_of(&src);
        assert_eq!(errors.len(), 1, "{fixture}: {errors:?}");
        assert!(
            errors[0].contains(&format!("`{field}` must be at most "))
                && !errors[0].contains("at least"),
            "{fixture}: {}",
            errors[0]
        );
        // One past any integer TOML holds, too.
        let src = fixture_text(fixture).replace(old, &new.replace(HUGE, "18446744073709551616"));
        let errors = errors_of(&src);
        assert!(
            errors[0].contains("must be at most"),
            "{fixture}: {errors:?}"
        );
    }
}

#[test]
fn a_bad_proof_step_gives_one_error() {
    // The answer is not a step label ("Valid"), so a proof without `step` would be wrong too:
    // a broken `step` must not be reported again as a missing one.
    let template = fixture_text("proof-step-beyond").replace(
        "choices = [\"Step 1\", \"Step 2\"]",
        "choices = [\"Checking credentials\", \"Valid\"]",
    );
    for bad in [
        "0",
        "-1",
        "3",
        "9223372036854775807",
        "\"x\"",
        "1.5",
        "true",
    ] {
        let errors = errors_of(&template.replace("step = 3,", &format!("step = {bad},")));
        assert_eq!(errors.len(), 1, "step = {bad}: {errors:?}");
        assert!(errors[0].starts_with("31:18: "), "step = {bad}: {errors:?}");
    }
}

#[test]
fn deep_dotted_keys_and_table_headers_are_located_on_their_line() {
    // (how the proof is written, the line and column of its `step`)
    let template = fixture_text("proof-step-beyond");
    let forms = [
        ("proof = { step = 3, field = \"response\" }", "31:18"),
        ("proof.step = 3\nproof.field = \"response\"", "31:14"),
        (
            "\n[questions.proof]\nstep = 3\nfield = \"response\"",
            "33:8",
        ),
    ];
    for (form, at) in forms {
        let src = template.replace("proof = { step = 3, field = \"response\" }", form);
        let errors = errors_of(&src);
        assert_eq!(errors.len(), 1, "{form}: {errors:?}");
        assert!(
            errors[0].starts_with(&format!("{at}: run step 3")),
            "{form}: {errors:?}"
        );
    }
    // A semantic error inside a sub-table header and a deep dotted key of a variant.
    let variant = fixture_text("variant-unknown-user");
    let old = "users = { anna = { enabled = false } }";
    for (form, at) in [
        ("users.anna.enabled = false", "28:7"),
        ("\n[variants.users.anna]\nenabled = false", "29:17"),
    ] {
        let errors = errors_of(&variant.replace(old, form));
        assert!(
            errors[0].starts_with(&format!("{at}: user `anna`")),
            "{form}: {errors:?}"
        );
    }
    let attribute = fixture_text("attribute-reserved");
    let old = "attributes = { name = \"Ana\", token_use = \"access\" }";
    for (form, at) in [
        ("attributes.token_use = \"access\"", "14:12"),
        ("\n[pool.users.attributes]\ntoken_use = \"access\"", "16:1"),
    ] {
        let errors = errors_of(&attribute.replace(old, form));
        assert!(
            errors[0].starts_with(&format!("{at}: attribute `token_use`")),
            "{form}: {errors:?}"
        );
    }
}

// ---- 11. Input has limits ------------------------------------------------------------------

/// Runs `cogflow ARGS` and waits at most `limit`; `None` if it was still running (then killed).
fn run_within(args: &[&str], limit: std::time::Duration) -> Option<(i32, String)> {
    let ran = cogflow(args).spawn().wait_within(limit)?;
    Some((ran.code, ran.stderr))
}

#[test]
#[cfg(unix)]
fn check_of_an_endless_file_or_a_fifo_ends_with_a_message() {
    use std::time::Duration;
    let limit = Duration::from_secs(30);
    let (code, err) = run_within(&["check", "/dev/zero"], limit).expect("check /dev/zero ended");
    assert_eq!(code, 1);
    assert!(err.contains("more than 1 MiB"), "{err}");

    let dir = TempHome::new("fifo");
    let fifo = dir.path().join("lesson.toml");
    assert!(
        Command::new("mkfifo")
            .arg(&fifo)
            .status()
            .unwrap()
            .success()
    );
    let fifo_arg = fifo.to_str().unwrap();
    // Nobody writes: the open would wait for ever.
    let (code, err) = run_within(&["check", fifo_arg], limit).expect("check FIFO ended");
    assert_eq!(code, 1);
    assert!(err.contains("FIFO") && err.contains("nothing"), "{err}");

    // A FIFO with a writer is read like a file (`cogflow check <(generate-lesson)`).
    let writer = {
        let fifo = fifo.clone();
        std::thread::spawn(move || {
            let src = cogflow::scenario::BUILTINS[0].1;
            if let Ok(mut pipe) = fs::OpenOptions::new().write(true).open(&fifo) {
                let _ = std::io::Write::write_all(&mut pipe, src.as_bytes());
            }
        })
    };
    let (code, err) = run_within(&["check", fifo_arg], limit).expect("check FIFO ended");
    writer.join().unwrap();
    assert_eq!(code, 0, "{err}");
}

#[test]
fn new_without_toml_warns_that_list_will_not_find_it() {
    let dir = TempHome::new("new-no-toml");
    let path = dir.path().join("my-lesson");
    let out = cogflow(&["new", path.to_str().unwrap()]).run();
    assert_eq!(out.code, 0, "{}", out.stderr);
    assert!(path.is_file(), "it is still written where asked");
    assert!(
        out.stderr.contains("does not end in .toml") && out.stderr.contains("`cogflow list`"),
        "{}",
        out.stderr
    );
    let out = cogflow(&["new", dir.path().join("ok.toml").to_str().unwrap()]).run();
    assert!(out.stderr.is_empty(), "{}", out.stderr);
}

#[test]
#[cfg(unix)]
fn plain_mode_and_the_plain_quiz_stop_on_an_input_that_never_ends_a_line() {
    for args in [
        ["quiz", "--plain", "--no-save"],
        ["run", "--plain", "--no-save"],
    ] {
        let out = cogflow(&args)
            .stdin_file("/dev/zero")
            .spawn()
            .wait_within(std::time::Duration::from_secs(30))
            .unwrap_or_else(|| panic!("{args:?} < /dev/zero still running after 30 s"))
            .stdout;
        assert!(out.contains("without ending a line"), "{args:?}: {out}");
    }
}

// ---- 10. Wide Unicode stays aligned --------------------------------------------------------

#[test]
fn list_aligns_titles_by_display_width() {
    let dir = TempHome::new("wide-list");
    fs::create_dir_all(dir.path().join("scenarios")).unwrap();
    let src = cogflow::scenario::BUILTINS[0].1.replacen(
        "id = \"signin-basic\"",
        "id = \"wide-title\"",
        1,
    );
    let title_line = src.lines().find(|l| l.starts_with("title = ")).unwrap();
    let src = src.replacen(
        title_line,
        "title = \"李小龍 signs in 👩\u{200d}🔬 (e\u{301})\"",
        1,
    );
    fs::write(dir.path().join("scenarios/wide.toml"), src).unwrap();
    let out = cogflow(&["list"]).cwd(dir.path()).run();
    assert_eq!(out.code, 0, "{}", out.stderr);
    // The last column (SOURCE) starts at one display column on every row: any column before it
    // measured wrongly would shift it.
    // The table ends at the first empty line (the learning path follows it).
    let starts: Vec<usize> = out
        .stdout
        .lines()
        .take_while(|l| !l.trim().is_empty())
        .map(|l| cogflow::columns::width(&l[..l.rfind("  ").unwrap() + 2]))
        .collect();
    assert!(starts.len() > 2, "{}", out.stdout);
    assert!(
        starts.windows(2).all(|w| w[0] == w[1]),
        "{starts:?}\n{}",
        out.stdout
    );
}
