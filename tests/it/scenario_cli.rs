//! `cogflow check`, `list`, `new` and `schema` through the real binary.
use crate::support::{TempHome, cogflow, fixture, fixtures_dir};

#[test]
fn check_exits_0_when_every_file_is_valid() {
    let output = cogflow(&[
        "check",
        &fixture("valid/minimal.toml"),
        &fixture("valid/rich.toml"),
    ])
    .run();
    assert_eq!(output.code, 0, "{}", output.stderr);
    assert_eq!(output.stderr, "2 files checked: 2 valid\n");
    assert!(output.stdout.is_empty());
}

#[test]
fn check_exits_0_with_warnings_and_prints_them() {
    let file = fixture("valid/warn-no-explain.toml");
    let output = cogflow(&["check", &file]).run();
    assert_eq!(output.code, 0);
    assert_eq!(
        output.stderr,
        format!(
            "{file}:10:1: warning: step 1 has no `explain`: learners will see only its table row\n\
             1 file checked: 1 valid; 1 warning\n"
        )
    );
}

#[test]
fn check_exits_1_and_locates_every_error() {
    let good = fixture("valid/minimal.toml");
    let bad = fixture("invalid/unknown-action.toml");
    let output = cogflow(&["check", &good, &bad]).run();
    assert_eq!(output.code, 1);
    assert_eq!(
        output.stderr,
        format!(
            "{bad}:22:10: error: unknown action `sign_inn`; did you mean `sign_in`?\n\
             2 files checked: 1 valid, 1 with 1 error\n"
        )
    );
}

/// Issue 12 item 11: every TOML syntax error the parser recovers past is reported in the same
/// pass, each at its own line:col (an unclosed string on line 5, an extra `=` on line 9).
#[test]
fn check_reports_every_toml_syntax_error_it_can_recover_past() {
    let dir = TempHome::new("two-syntax-errors");
    let path = dir.join("two.toml");
    std::fs::write(
        &path,
        "format_version = 2\n\n[scenario]\nid = \"x\"\ntitle = \"unclosed\nminutes = 10\n\n\
         [pool]\nregion = = \"us-east-1\"\n",
    )
    .unwrap();
    let file = path.display().to_string();
    let output = cogflow(&["check", &file]).run();
    assert_eq!(output.code, 1, "{}", output.stderr);
    let places: Vec<&str> = output
        .stderr
        .lines()
        .filter(|l| l.contains(": error: invalid TOML: "))
        .map(|l| l[file.len() + 1..].split(": ").next().unwrap())
        .collect();
    assert!(places.starts_with(&["5:18", "9:10"]), "{}", output.stderr);
}

#[test]
fn check_reports_every_invalid_fixture() {
    let dir = fixtures_dir().join("invalid");
    let mut files: Vec<String> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().path().display().to_string())
        .collect();
    files.sort();
    let mut args = vec!["check"];
    args.extend(files.iter().map(String::as_str));
    let output = cogflow(&args).run();
    assert_eq!(output.code, 1);
    let text = output.stderr;
    let summary = text.lines().last().unwrap();
    let n = files.len();
    assert!(
        summary.starts_with(&format!("{n} files checked: 0 valid, {n} with ")),
        "{summary}"
    );
    for file in &files {
        assert!(
            text.contains(&format!("{file}:")),
            "nothing reported for {file}"
        );
    }
}

#[test]
fn check_counts_an_unreadable_path_as_invalid() {
    let output = cogflow(&["check", "/nonexistent/lesson.toml"]).run();
    assert_eq!(output.code, 1);
    let text = output.stderr;
    // A path that names no file is a command-line word: no place in a file (`:1:1:`) is said.
    assert!(
        text.starts_with("/nonexistent/lesson.toml: error: cannot read the file: "),
        "{text}"
    );
    assert!(
        text.ends_with("1 file checked: 0 valid, 1 with 1 error\n"),
        "{text}"
    );
}

/// Issue 8: a folder given where a lesson goes is said as the path, not as `DIR:1:1:`, by
/// `check` and by `transcript` alike.
#[test]
fn a_folder_given_as_a_lesson_is_said_without_a_place_in_a_file() {
    let dir = TempHome::new("folder-arg");
    let folder = dir.join("lessons");
    std::fs::create_dir(&folder).unwrap();
    let folder = folder.display().to_string();
    let check = cogflow(&["check", &folder]).run();
    assert_eq!(check.code, 1);
    assert_eq!(
        check.stderr,
        format!(
            "{folder}: error: this is a folder, not a scenario file\n\
             1 file checked: 0 valid, 1 with 1 error\n"
        )
    );
    let transcript = cogflow(&["transcript", &folder]).run();
    assert_eq!(transcript.code, 1);
    assert_eq!(
        transcript.stderr,
        format!("{folder}: error: this is a folder, not a scenario file\n")
    );
}

/// Issue 8: `--seed` is global, as the README says: before the command it makes the same run
/// as after it, for `transcript` and for `list`.
#[test]
fn seed_goes_before_or_after_the_command() {
    let before = cogflow(&["--seed", "7", "transcript"]).run();
    let after = cogflow(&["transcript", "--seed", "7"]).run();
    assert_eq!(before.code, 0, "{}", before.stderr);
    assert!(
        before.stdout.contains("main path · seed 7"),
        "{}",
        before.stdout
    );
    assert_eq!(before.stdout, after.stdout);
    let dir = TempHome::new("seed-list");
    let list = cogflow(&["--seed", "7", "list"]).cwd(&dir).run();
    assert_eq!(list.code, 0, "{}", list.stderr);
    assert!(list.stdout.starts_with("ID "), "{}", list.stdout);
    assert_eq!(list.stderr, "");
}

#[test]
fn check_without_files_is_a_usage_error() {
    let output = cogflow(&["check"]).run();
    assert_eq!(output.code, 2);
    assert!(output.stderr.contains("<FILE>"));
}

#[test]
fn new_writes_a_template_that_passes_check_and_never_overwrites() {
    let dir = TempHome::new("new");
    let path = dir.join("My Lesson.toml");
    let path_text = path.display().to_string();
    let output = cogflow(&["new", &path_text]).run();
    assert_eq!(output.code, 0, "{}", output.stderr);
    assert!(output.stdout.starts_with(&format!("wrote {path_text}")));
    let written = std::fs::read_to_string(&path).unwrap();
    assert!(written.contains("id = \"my-lesson\""));

    let check = cogflow(&["check", &path_text]).run();
    assert_eq!(check.code, 0, "{}", check.stderr);
    assert_eq!(check.stderr, "1 file checked: 1 valid\n");

    std::fs::write(&path, "# mine\n").unwrap();
    let again = cogflow(&["new", &path_text]).run();
    assert_eq!(again.code, 1);
    assert!(again.stderr.contains("already exists; not overwriting it"));
    assert_eq!(std::fs::read_to_string(&path).unwrap(), "# mine\n");

    let nowhere = dir.join("missing-dir/x.toml");
    let output = cogflow(&["new", &nowhere.display().to_string()]).run();
    assert_eq!(output.code, 1);
    assert!(output.stderr.contains("its directory does not exist"));
}

#[test]
fn schema_prints_json_schema_of_the_format() {
    let output = cogflow(&["schema"]).run();
    assert_eq!(output.code, 0);
    let schema: serde_json::Value = serde_json::from_str(&output.stdout).unwrap();
    assert_eq!(
        schema["$schema"],
        "https://json-schema.org/draft/2020-12/schema"
    );
    assert_eq!(schema["additionalProperties"], false);
    let required: Vec<&str> = schema["required"]
        .as_array()
        .unwrap()
        .iter()
        .map(|v| v.as_str().unwrap())
        .collect();
    assert_eq!(required, ["format_version", "scenario", "pool", "steps"]);
    assert!(schema["$defs"]["StepSpec"]["properties"]["action"].is_object());
}

#[test]
fn list_shows_builtins_and_local_scenarios_even_broken_ones() {
    let dir = TempHome::new("list");
    std::fs::create_dir(dir.join("scenarios")).unwrap();
    std::fs::copy(
        fixture("valid/rich.toml"),
        dir.join("scenarios/lifecycle.toml"),
    )
    .unwrap();
    std::fs::copy(
        fixture("invalid/unknown-action.toml"),
        dir.join("scenarios/typo.toml"),
    )
    .unwrap();
    // The built-in lesson's id with other content, and a byte-for-byte copy of another.
    let builtin = cogflow::scenario::BUILTINS[0].1;
    let edited = builtin.replacen(
        "title = \"Cognito for user authentication in AWS\"",
        "title = \"My own sign-in\"",
        1,
    );
    assert_ne!(edited, builtin);
    std::fs::write(dir.join("scenarios/mine.toml"), edited).unwrap();
    let (copied_id, copied) = cogflow::scenario::BUILTINS[1];
    std::fs::write(dir.join("scenarios/copy.toml"), copied).unwrap();
    let output = cogflow(&["list"]).cwd(&dir).run();
    assert_eq!(output.code, 0, "{}", output.stderr);
    let text = output.stdout;
    // The table ends at the first empty line; the learning path follows.
    let lines: Vec<&str> = text.lines().take_while(|l| !l.is_empty()).collect();
    // A header, every built-in, then the four local files by name.
    let builtins = cogflow::scenario::BUILTINS.len();
    assert_eq!(lines.len(), 1 + builtins + 4, "{text}");
    assert!(lines[0].starts_with("ID "), "{text}");
    assert!(lines[1].starts_with("signin-basic "), "{text}");
    // STEPS is the main path's length, as the lesson's screen says "Step 1/5" (the file has
    // 7 `[[steps]]`, two of them only a branch's).
    assert!(
        lines[1].ends_with("10      5          3  new       built-in"),
        "{text}"
    );
    let local = 1 + builtins;
    assert!(lines[local].starts_with(&format!("{copied_id} ")), "{text}");
    assert!(
        lines[local].ends_with("scenarios/copy.toml (= built-in)"),
        "{text}"
    );
    assert!(lines[local + 1].starts_with("account-lifecycle "), "{text}");
    assert!(
        lines[local + 1].contains("25     28          3  new       scenarios/lifecycle.toml"),
        "{text}"
    );
    assert!(
        lines[local + 2].starts_with("signin-basic ")
            && lines[local + 2].contains("My own sign-in")
            && lines[local + 2].ends_with("scenarios/mine.toml (not the built-in)"),
        "{text}"
    );
    assert!(
        lines[local + 3].contains("invalid: 1 error, run `cogflow check scenarios/typo.toml`"),
        "{text}"
    );
    // Under the table: which of the two `run signin-basic` opens, and how to open the other.
    let note = text.lines().nth(lines.len() + 1).unwrap();
    assert_eq!(
        note,
        "2 files in ./scenarios have a built-in lesson's id: `cogflow run signin-basic` opens \
         the built-in; `cogflow run scenarios/mine.toml` opens the file.",
        "{text}"
    );
}

/// `cogflow run|quiz|transcript ID` find a lesson in `./scenarios` by its id, as `list`, the
/// README and the template say; a built-in's id still opens the built-in.
#[test]
fn run_quiz_and_transcript_find_a_scenarios_lesson_by_its_id() {
    let dir = TempHome::new("local-id");
    std::fs::create_dir(dir.join("scenarios")).unwrap();
    // The file's name is not its id: the id is what `list` shows and `run` takes.
    std::fs::copy(fixture("valid/rich.toml"), dir.join("scenarios/a.toml")).unwrap();
    let title = "An account's life: created, challenged, refreshed, signed out";
    let transcript = cogflow(&["transcript", "account-lifecycle", "--seed", "7"])
        .cwd(&dir)
        .run();
    assert_eq!(transcript.code, 0, "{}", transcript.stderr);
    assert!(
        transcript.stdout.starts_with(title),
        "{}",
        transcript.stdout
    );
    let plain = cogflow(&["run", "account-lifecycle", "--plain", "--no-save"])
        .cwd(&dir)
        .stdin("q\n")
        .run();
    assert_eq!(plain.code, 0, "{}", plain.stderr);
    assert!(plain.stdout.contains(title), "{}", plain.stdout);
    let quiz = cogflow(&["quiz", "account-lifecycle", "--plain", "--no-save"])
        .cwd(&dir)
        .stdin("")
        .run();
    assert!(
        quiz.stdout.contains("Question 1"),
        "{}\n{}",
        quiz.stdout,
        quiz.stderr
    );
    // Not in ./scenarios, not a built-in, not a file: cogflow's own message, no `nope:1:1:`.
    let missing = cogflow(&["transcript", "nope"]).cwd(&dir).run();
    assert_eq!(missing.code, 2);
    assert_eq!(
        missing.stderr.lines().next().unwrap_or_default(),
        format!(
            "cogflow: no built-in scenario or file called `nope`, nor a lesson with that id in \
             ./scenarios; built-in scenarios: {}",
            cogflow::scenario::BUILTINS
                .iter()
                .map(|(id, _)| *id)
                .collect::<Vec<_>>()
                .join(", ")
        )
    );
}

#[test]
fn check_runs_the_lesson_and_reports_an_answer_the_run_contradicts() {
    let dir = TempHome::new("run-check");
    let path = dir.join("stale.toml");
    // Question 1 asks for the Cognito response at step 3, which the run shows is "Valid"
    // (choice A); this answer key says "JWT token" (choice B).
    let lesson = cogflow::scenario::BUILTINS[0].1;
    let stale = lesson.replacen("answer = \"A\"", "answer = \"B\"", 1);
    assert_ne!(stale, lesson);
    std::fs::write(&path, &stale).unwrap();
    let path_text = path.display().to_string();
    let output = cogflow(&["check", &path_text]).run();
    assert_eq!(output.code, 1, "{}", output.stderr);
    let text = output.stderr;
    let proof_line = stale
        .lines()
        .position(|l| l.starts_with("proof = { step = 3"))
        .unwrap()
        + 1;
    assert!(
        text.starts_with(&format!("{path_text}:{proof_line}:")),
        "the run's finding is located at the proof: {text}"
    );
    assert!(
        text.ends_with("1 file checked: 0 valid, 1 with 1 error\n"),
        "{text}"
    );
}

#[test]
fn check_explain_says_when_each_branching_step_applies() {
    let path = fixture("valid/format2-disabled-user.toml");
    let output = cogflow(&["check", "--explain", &path]).run();
    assert_eq!(output.code, 0, "{}", output.stderr);
    let notes: Vec<&str> = output
        .stderr
        .lines()
        .filter(|l| l.contains(": note: "))
        .collect();
    assert_eq!(notes.len(), 4, "{}", output.stderr);
    assert!(
        notes[0].ends_with(
            "note: step `support` ([[steps]] #2) applies after NotAuthorizedException whose message contains \"User is disabled.\", in every branch"
        ),
        "{}",
        notes[0]
    );
    assert!(
        notes[2].ends_with("applies always, in branch `disabled`"),
        "{}",
        notes[2]
    );
    assert!(
        notes[3].ends_with(
            "applies except after any exception, in branches `disabled`, `wrong-password`"
        ),
        "{}",
        notes[3]
    );
    assert!(output.stderr.ends_with("1 file checked: 1 valid\n"));
}

#[test]
fn check_runs_the_lesson_even_with_errors_that_leave_the_run_intact() {
    // One pass shows a structural error (a question without `hints`), a semantic one (an
    // unknown `about_step`) and what the run contradicts (question 1's answer key).
    let lesson = cogflow::scenario::BUILTINS[0].1;
    let broken = lesson
        .replacen("answer = \"A\"", "answer = \"B\"", 1)
        .replacen("about_step = 4\n", "about_step = \"tokn\"\n", 1);
    let hints = broken.find("hints = [\n  \"Look at the 'Result'").unwrap();
    let end = hints + broken[hints..].find("]\n").unwrap() + 2;
    let broken = format!("{}{}", &broken[..hints], &broken[end..]);
    let dir = TempHome::new("run-check-partial");
    let path = dir.join("broken.toml");
    std::fs::write(&path, &broken).unwrap();
    let output = cogflow(&["check", &path.display().to_string()]).run();
    assert_eq!(output.code, 1);
    let errors: Vec<&str> = output
        .stderr
        .lines()
        .filter(|l| l.contains(": error: "))
        .collect();
    assert_eq!(errors.len(), 3, "{}", output.stderr);
    assert!(
        errors
            .iter()
            .any(|e| e.contains("missing required key `hints`")),
        "{errors:?}"
    );
    assert!(
        errors.iter().any(|e| e.contains("no step has id `tokn`")),
        "{errors:?}"
    );
    assert!(
        errors
            .iter()
            .any(|e| e.contains("question `q1`: the run contradicts answer B (`JWT token`)")),
        "{errors:?}"
    );

    // An error in what the run does (an unknown action) leaves the run out: its findings
    // would be about a lesson nobody wrote.
    let unrunnable = broken.replacen("action = \"send_credentials\"", "action = \"send\"", 1);
    std::fs::write(&path, &unrunnable).unwrap();
    let output = cogflow(&["check", &path.display().to_string()]).run();
    assert!(!output.stderr.contains("contradicts"), "{}", output.stderr);
    assert!(
        output.stderr.contains("unknown action `send`"),
        "{}",
        output.stderr
    );
}

/// Issue 8 (minor): `cogflow check signin-basic` names a built-in lesson, not a file (run,
/// quiz and transcript take ids): check says so and checks the built-in lesson, where it said
/// "signin-basic: error: cannot read the file: No such file or directory".
#[test]
fn check_given_a_built_in_lesson_id_checks_that_lesson() {
    let output = cogflow(&["check", "signin-basic"]).run();
    assert_eq!(output.code, 0, "{output:?}");
    let text = output.stderr;
    assert!(
        text.starts_with(
            "signin-basic: note: no such file, but `signin-basic` is a built-in lesson's id: \
             checking the built-in lesson (built-in:signin-basic); give a path to check a file\n"
        ),
        "{text}"
    );
    assert!(!text.contains("cannot read"), "{text}");
    assert!(text.ends_with("1 file checked: 1 valid\n"), "{text}");
    // An id that is no lesson is still a path that names no file.
    let output = cogflow(&["check", "signin-basik"]).run();
    assert_eq!(output.code, 1);
    assert!(
        output
            .stderr
            .starts_with("signin-basik: error: cannot read the file: "),
        "{}",
        output.stderr
    );
}
