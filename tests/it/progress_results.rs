//! The progress store across processes, `cogflow results` and `cogflow reset`.

// Helpers here are test code too; clippy's allow-unwrap-in-tests only sees #[test] fns.
#![allow(clippy::unwrap_used)]

use cogflow::progress::{ScenarioKey, SteppingClock, Store, Timestamp};
use cogflow::quiz::{
    Attempt, ChoiceOrder, PredictionEntry, QuizSession, letter_str, order_letters, permutation,
};

use crate::support::{TempHome, cogflow, parse_csv};

const START: u64 = 1_768_467_600; // 2026-01-15T09:00:00Z

fn key(id: &str, hash: &str) -> ScenarioKey {
    ScenarioKey {
        id: id.into(),
        content_hash: hash.into(),
    }
}

/// Records, through the library with a fixed clock:
/// signin-basic (hash h1, shuffled with seed 42): q1 wrong, a hint, q1 right, q2 revealed after a hint,
/// and one hand-made attempt whose question id needs CSV quoting; another (hash h2, unshuffled):
/// q1 right.
fn record_fixture(home: &TempHome) -> Vec<usize> {
    let lesson = cogflow::scenario::resolve(None).unwrap();
    let mut store = Store::at(home.path())
        .with_clock(SteppingClock::starting_at(Timestamp(START)))
        .with_learner(Some("Ana García"));
    let mut quiz = QuizSession::new(
        &lesson.file.questions,
        &lesson.file.steps,
        ChoiceOrder::Shuffled { seed: 42 },
    )
    .unwrap();
    let right = quiz.current().answer_shown();
    let wrong = (right + 1) % 4;
    let signin = key("signin-basic", "h1");
    store
        .record_attempt(&signin, &quiz.answer(wrong).unwrap().attempt)
        .unwrap();
    // A wrong answer offers a hint; asking for it is what spends it.
    quiz.hint().unwrap();
    store
        .record_attempt(&signin, &quiz.answer(right).unwrap().attempt)
        .unwrap();
    quiz.next_question();
    quiz.hint().unwrap();
    store
        .record_attempt(&signin, &quiz.reveal().unwrap().attempt)
        .unwrap();
    let odd = Attempt {
        question_id: "q,\"4\"\nx".into(),
        choice_shown: Some(1),
        choice_original: Some(1),
        correct: false,
        attempt: 1,
        round: 2,
        hints_used: 0,
        revealed: false,
        seed: None,
        order: vec![0, 1],
        choice_text: None,
    };
    store.record_attempt(&signin, &odd).unwrap();
    let mut plain = QuizSession::for_scenario(&lesson.file, 0).unwrap();
    store
        .record_attempt(&key("another", "h2"), &plain.answer(0).unwrap().attempt)
        .unwrap();
    let predicted = PredictionEntry {
        step_index: 2,
        variant: None,
        choice: 1,
        right_choice: 0,
        correct: false,
        choice_text: "NotAuthorizedException".into(),
    };
    store.record_prediction(&signin, &predicted).unwrap();
    store
        .record_prediction_skip(&signin, 2, Some("wrong-password"))
        .unwrap();
    vec![wrong, right]
}

/// The text of choice `original` (file order) of question `index` of the built-in lesson.
fn choice_text(index: usize, original: usize) -> String {
    let lesson = cogflow::scenario::resolve(None).unwrap();
    lesson.file.questions[index].choices[original].clone()
}

#[test]
fn csv_export_checked_field_by_field() {
    let home = TempHome::new("csv");
    let picks = record_fixture(&home);
    let out = cogflow(&["results"]).home(&home).run();
    assert_eq!(out.code, 0, "{}", out.stderr);
    let text = out.stdout;
    let records = parse_csv(&text);
    assert_eq!(
        records[0],
        [
            "# cogflow results_format 2: one row per quiz answer or reveal or prediction (README: Results)"
        ]
    );
    assert_eq!(
        records[1],
        [
            "scenario_id",
            "content_hash",
            "format_version",
            "question_id",
            "choice_shown",
            "choice_original",
            "correct",
            "attempt",
            "round",
            "hints_used",
            "revealed",
            "seed",
            "choice_order",
            "time",
            "kind",
            "learner",
            "step",
            "variant",
            "skipped",
            "right_choice",
            "choice_text",
        ]
    );
    assert_eq!(records.len(), 9, "comment + header + 7 rows:\n{text}");
    let q1 = permutation(42, "q1", 4);
    let q2 = permutation(42, "q2", 4);
    let ana = || "Ana García".to_owned();
    let want: Vec<Vec<String>> = [
        // "another" sorts first; its clock tick was the fifth.
        vec![
            "another".into(),
            "h2".into(),
            "2".into(),
            "q1".into(),
            "A".into(),
            "A".into(),
            "true".into(),
            "1".into(),
            "1".into(),
            "0".into(),
            "false".into(),
            String::new(),
            "ABCD".into(),
            "2026-01-15T09:00:04Z".into(),
            "quiz".into(),
            ana(),
            String::new(),
            String::new(),
            String::new(),
            String::new(),
            choice_text(0, 0),
        ],
        vec![
            "signin-basic".into(),
            "h1".into(),
            "2".into(),
            "q1".into(),
            letter_str(picks[0]),
            letter_str(q1[picks[0]]),
            "false".into(),
            "1".into(),
            "1".into(),
            "0".into(),
            "false".into(),
            "42".into(),
            order_letters(&q1),
            "2026-01-15T09:00:00Z".into(),
            "quiz".into(),
            ana(),
            String::new(),
            String::new(),
            String::new(),
            String::new(),
            choice_text(0, q1[picks[0]]),
        ],
        vec![
            "signin-basic".into(),
            "h1".into(),
            "2".into(),
            "q1".into(),
            letter_str(picks[1]),
            "A".into(), // the file's answer key for q1, whatever letter it was shown as
            "true".into(),
            "2".into(),
            "1".into(),
            "1".into(), // the wrong answer showed hint 1
            "false".into(),
            "42".into(),
            order_letters(&q1),
            "2026-01-15T09:00:01Z".into(),
            "quiz".into(),
            ana(),
            String::new(),
            String::new(),
            String::new(),
            String::new(),
            choice_text(0, 0),
        ],
        vec![
            "signin-basic".into(),
            "h1".into(),
            "2".into(),
            "q2".into(),
            String::new(),
            String::new(),
            "false".into(),
            "0".into(), // revealed before answering
            "1".into(),
            "1".into(),
            "true".into(),
            "42".into(),
            order_letters(&q2),
            "2026-01-15T09:00:02Z".into(),
            "quiz".into(),
            ana(),
            String::new(),
            String::new(),
            String::new(),
            String::new(),
            String::new(),
        ],
        [
            "signin-basic",
            "h1",
            "2",
            "q,\"4\"\nx",
            "B",
            "B",
            "false",
            "1",
            "2",
            "0",
            "false",
            "",
            "AB",
            "2026-01-15T09:00:03Z",
            "quiz",
            "Ana García",
            "",
            "",
            "",
            "",
            "",
        ]
        .map(String::from)
        .to_vec(),
        [
            "signin-basic",
            "h1",
            "2",
            "",
            "B",
            "B",
            "false",
            "",
            "",
            "",
            "",
            "",
            "",
            "2026-01-15T09:00:05Z",
            "prediction",
            "Ana García",
            "3",
            "",
            "false",
            "A",
            "NotAuthorizedException",
        ]
        .map(String::from)
        .to_vec(),
        [
            "signin-basic",
            "h1",
            "2",
            "",
            "",
            "",
            "false",
            "",
            "",
            "",
            "",
            "",
            "",
            "2026-01-15T09:00:06Z",
            "prediction",
            "Ana García",
            "3",
            "wrong-password",
            "true",
            "",
            "",
        ]
        .map(String::from)
        .to_vec(),
    ]
    .into_iter()
    .collect();
    for (i, (got, want)) in records[2..].iter().zip(&want).enumerate() {
        for (col, (g, w)) in got.iter().zip(want).enumerate() {
            assert_eq!(g, w, "row {}, column {}", i + 1, records[1][col]);
        }
        assert_eq!(got.len(), want.len());
    }
    assert!(
        text.contains("\"q,\"\"4\"\"\nx\""),
        "quoted per RFC 4180:\n{text}"
    );
}

#[test]
fn json_export_checked_field_by_field() {
    let home = TempHome::new("json");
    let picks = record_fixture(&home);
    let out = cogflow(&["results", "--format", "json"]).home(&home).run();
    assert_eq!(out.code, 0);
    let export: serde_json::Value = serde_json::from_str(&out.stdout).unwrap();
    assert_eq!(export["results_format"], 2);
    let rows = export["rows"].as_array().unwrap();
    assert_eq!(rows.len(), 7);
    let q1 = permutation(42, "q1", 4);
    let first = &rows[1];
    let want = serde_json::json!({
        "scenario_id": "signin-basic",
        "content_hash": "h1",
        "format_version": 2,
        "question_id": "q1",
        "choice_shown": letter_str(picks[0]),
        "choice_original": letter_str(q1[picks[0]]),
        "correct": false,
        "attempt": 1,
        "round": 1,
        "hints_used": 0,
        "revealed": false,
        "seed": 42,
        "choice_order": order_letters(&q1),
        "time": "2026-01-15T09:00:00Z",
        "kind": "quiz",
        "learner": "Ana García",
        "step": null,
        "variant": null,
        "skipped": null,
        "right_choice": null,
        "choice_text": choice_text(0, q1[picks[0]]),
    });
    for (field, value) in want.as_object().unwrap() {
        assert_eq!(&first[field], value, "field {field}");
    }
    assert_eq!(first.as_object().unwrap().len(), 21);
    let reveal = &rows[3];
    assert_eq!(reveal["revealed"], true);
    assert_eq!(reveal["choice_shown"], serde_json::Value::Null);
    assert_eq!(reveal["choice_original"], serde_json::Value::Null);
    assert_eq!(rows[0]["seed"], serde_json::Value::Null);
    assert_eq!(rows[4]["question_id"], "q,\"4\"\nx");
    let skip = &rows[6];
    assert_eq!(skip["kind"], "prediction");
    assert_eq!(skip["skipped"], true);
    assert_eq!(skip["step"], 3);
    assert_eq!(skip["attempt"], serde_json::Value::Null);
    assert_eq!(skip["question_id"], serde_json::Value::Null);
}

#[test]
fn anonymous_exports_replace_names_with_stable_pseudonyms() {
    let home = TempHome::new("anonymous");
    record_fixture(&home);
    let pseudonym = cogflow::progress::learner::anonymous_id("Ana García");
    for format in ["csv", "json"] {
        let out = cogflow(&["results", "--anonymous", "--format", format])
            .home(&home)
            .run();
        assert_eq!(out.code, 0, "{}", out.stderr);
        let text = out.stdout;
        assert!(!text.contains("Ana"), "{text}");
        assert_eq!(
            text.matches(&pseudonym).count(),
            7,
            "{format}: every row\n{text}"
        );
        let again = cogflow(&["results", "--anonymous", "--format", format])
            .home(&home)
            .run();
        assert_eq!(again.stdout, text, "stable");
    }
}

#[test]
fn the_learner_is_given_once_and_remembered() {
    let home = TempHome::new("learner");
    let out = cogflow(&["--seed", "1", "--learner", "  Bo   Li ", "quiz", "--plain"])
        .home(&home)
        .stdin("A\n")
        .run();
    assert_eq!(out.code, 0, "{}", out.stderr);
    assert_eq!(
        out.stderr,
        "cogflow: answers are recorded as \"Bo Li\" from now on\n"
    );
    // A later run with no name records the remembered one, and says nothing about it.
    let out = cogflow(&["--seed", "1", "quiz", "--plain"])
        .home(&home)
        .stdin("A\n")
        .run();
    assert_eq!(out.stderr, "");
    let rows = parse_csv(&cogflow(&["results"]).home(&home).run().stdout);
    let learner = rows[1].iter().position(|c| c == "learner").unwrap();
    assert_eq!(rows.len(), 4);
    assert!(rows[2..].iter().all(|r| r[learner] == "Bo Li"), "{rows:?}");
    // COGFLOW_LEARNER wins over the remembered name, for that process only.
    let out = cogflow(&["--seed", "1", "quiz", "--plain"])
        .home(&home)
        .stdin("A\n")
        .env("COGFLOW_LEARNER", "Lab Seat 4")
        .run();
    assert_eq!(out.code, 0, "{}", out.stderr);
    let rows = parse_csv(&cogflow(&["results"]).home(&home).run().stdout);
    assert_eq!(rows[4][learner], "Lab Seat 4");
    let saved = std::fs::read_to_string(home.path().join("learner.json")).unwrap();
    assert!(saved.contains("\"Bo Li\""), "{saved}");
    // A name that would print as something else is refused before anything runs.
    let out = cogflow(&[
        "--seed",
        "1",
        "--learner",
        "Eve\u{202e}lin",
        "quiz",
        "--plain",
    ])
    .home(&home)
    .stdin("A\n")
    .run();
    assert_eq!(out.code, 2);
    assert_eq!(
        out.stderr,
        "cogflow: --learner: a learner name cannot hold the invisible or control character U+202E\n"
    );
    assert_eq!(out.stdout, "");
    // Options of `run` before another command are a usage error, not silently dropped.
    let out = cogflow(&["--seed", "1", "--plain", "quiz"])
        .home(&home)
        .stdin("A\n")
        .run();
    assert_eq!(out.code, 2);
    assert!(
        out.stderr.starts_with("cogflow: --plain belongs to `run`; write options after the command (`cogflow quiz --plain`)"),
        "{}",
        out.stderr
    );
}

#[test]
fn results_with_nothing_recorded_print_the_header() {
    let home = TempHome::new("empty");
    let out = cogflow(&["results"]).home(&home).run();
    assert_eq!(out.code, 0);
    assert_eq!(
        parse_csv(&out.stdout).len(),
        2,
        "the comment and the header"
    );
    assert!(
        out.stderr
            .contains("no quiz answers or predictions recorded yet")
    );
    let out = cogflow(&["results", "--format", "json"]).home(&home).run();
    assert_eq!(
        out.stdout,
        "{\n  \"results_format\": 2,\n  \"rows\": []\n}\n"
    );
}

#[test]
fn results_move_a_damaged_file_aside_and_export_the_rest() {
    let home = TempHome::new("results-damaged");
    record_fixture(&home);
    std::fs::write(home.progress_file("another"), [0xff, 0x00, 0x13]).unwrap();
    let out = cogflow(&["results"]).home(&home).run();
    assert_eq!(out.code, 0);
    let rows = parse_csv(&out.stdout);
    assert_eq!(rows.len(), 8, "the six signin-basic rows remain");
    assert!(rows[2..].iter().all(|r| r[0] == "signin-basic"));
    let err = out.stderr;
    assert_eq!(err.lines().count(), 1, "{err}");
    assert!(err.contains("another.json is damaged"), "{err}");
}

#[test]
fn two_processes_writing_at_once_lose_nothing() {
    let home = TempHome::new("concurrent");
    let processes = 4;
    let runs_each = 4;
    let library_records = 40;
    std::thread::scope(|scope| {
        for process in 0..processes {
            let home = &home;
            scope.spawn(move || {
                for run in 0..runs_each {
                    // Each run a learner of its own (COGFLOW_LEARNER: not remembered): a
                    // learner's earlier answers stand, and every run here answers four times.
                    let learner = format!("p{process}-{run}");
                    let out = cogflow(&["--seed", "1", "quiz", "--plain"])
                        .env("COGFLOW_LEARNER", &learner)
                        .home(home)
                        .stdin("A\nB\nC\nB\n")
                        .run();
                    assert_eq!(out.code, 0);
                    assert_eq!(out.stderr, "");
                }
            });
        }
        // And this process, at the same time, through its own handle.
        scope.spawn(|| {
            let lesson = cogflow::scenario::resolve(None).unwrap();
            let key = ScenarioKey::of(&lesson);
            let mut store = Store::at(home.path());
            for i in 0..library_records {
                let mut quiz = QuizSession::for_scenario(&lesson.file, 0).unwrap();
                let mut attempt = quiz.answer(0).unwrap().attempt;
                attempt.question_id = format!("lib-{i}");
                store.record_attempt(&key, &attempt).unwrap();
            }
        });
    });
    let text = std::fs::read_to_string(home.progress_file("signin-basic")).unwrap();
    let p: cogflow::progress::Progress = serde_json::from_str(&text).unwrap();
    let from_binary = p
        .attempts
        .iter()
        .filter(|a| !a.question_id.starts_with("lib-"))
        .count();
    assert_eq!(from_binary, processes * runs_each * 4, "4 answers per run");
    let lib: Vec<&str> = p
        .attempts
        .iter()
        .filter(|a| a.question_id.starts_with("lib-"))
        .map(|a| a.question_id.as_str())
        .collect();
    let want: Vec<String> = (0..library_records).map(|i| format!("lib-{i}")).collect();
    assert_eq!(lib, want);
    assert!(
        home.files()
            .iter()
            .all(|f| !f.to_string_lossy().contains(".tmp-")),
        "no temporary files left"
    );
}

#[test]
fn reset_one_lesson_then_all() {
    let home = TempHome::new("reset");
    record_fixture(&home);
    let out = cogflow(&["reset", "signin-basic"]).home(&home).run();
    assert_eq!(out.code, 0);
    let text = out.stdout;
    assert!(
        text.starts_with("Removed saved progress for signin-basic (4 quiz answers): "),
        "{text}"
    );
    assert!(!home.progress_file("signin-basic").exists());
    assert!(home.progress_file("another").exists());

    let out = cogflow(&["reset", "signin-basic"]).home(&home).run();
    assert_eq!(out.stdout, "No saved progress for signin-basic.\n");

    // Every lesson's progress goes only after a yes.
    let out = cogflow(&["reset"]).home(&home).run();
    assert_eq!(out.code, 1, "no answer: {}", out.stderr);
    assert!(
        out.stderr
            .contains("Remove the saved progress of every lesson (1 lesson, in ")
    );
    assert!(
        out.stderr.contains("`cogflow reset --yes` removes"),
        "{}",
        out.stderr
    );
    assert!(home.progress_file("another").exists());
    let out = cogflow(&["reset"]).home(&home).stdin("n\n").run();
    assert_eq!((out.code, out.stdout.as_str()), (0, "Nothing removed.\n"));
    assert!(
        out.stderr.contains("[y/N] n\n"),
        "the answer is echoed: {}",
        out.stderr
    );
    assert!(home.progress_file("another").exists());
    let out = cogflow(&["reset"]).home(&home).stdin("yes\n").run();
    let text = out.stdout;
    assert!(
        text.starts_with("Removed saved progress for another (1 quiz answer): "),
        "{text}"
    );
    assert!(
        text.ends_with("Removed all saved progress (1 lesson).\n"),
        "{text}"
    );

    // Nothing to remove: nothing asked.
    let out = cogflow(&["reset"]).home(&home).run();
    assert!(out.stdout.starts_with("No saved progress to remove"));
    assert_eq!(out.code, 0);
    assert!(out.stderr.is_empty(), "{}", out.stderr);
}

#[test]
fn reset_by_path_and_unknown_names() {
    let home = TempHome::new("reset-path");
    cogflow(&["--seed", "1", "quiz", "--plain"])
        .home(&home)
        .stdin("A\n")
        .run();
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/scenarios/signin-basic.toml");
    let out = cogflow(&["reset", path]).home(&home).run();
    assert!(
        out.stdout
            .starts_with("Removed saved progress for signin-basic (1 quiz answer)"),
        "{}",
        out.stdout
    );
    let out = cogflow(&["reset", "no-such-lesson"]).home(&home).run();
    assert_eq!(out.code, 2, "not found is a usage error");
    assert!(
        out.stderr
            .contains("no built-in scenario or file called `no-such-lesson`")
    );
}

#[test]
fn plain_mode_records_a_skipped_prediction_once() {
    let home = TempHome::new("plain-skip");
    // Enter twice reaches step 3, whose prediction Enter skips; back, forward: not asked again.
    let out = cogflow(&["--learner", "Zoë", "run", "--plain", "--seed", "1"])
        .home(&home)
        .stdin("\n\n\nb\n\nq\n")
        .run();
    assert_eq!(out.code, 0, "{}", out.stderr);
    assert_eq!(out.stdout.matches("Skipped the prediction.").count(), 1);
    let rows = parse_csv(&cogflow(&["results"]).home(&home).run().stdout);
    assert_eq!(rows.len(), 3, "{rows:?}");
    let col = |name: &str| rows[1].iter().position(|c| c == name).unwrap();
    let row = &rows[2];
    assert_eq!(
        [
            &row[col("kind")],
            &row[col("learner")],
            &row[col("step")],
            &row[col("skipped")],
            &row[col("correct")],
            &row[col("choice_shown")],
        ],
        ["prediction", "Zoë", "3", "true", "false", ""]
    );
}
