//! `cogflow quiz --plain`, driven through stdin of the real binary.

use cogflow::progress::Store;

use crate::support::{TempHome, cogflow};

/// The plain quiz with a fixed seed (retry rounds shuffle from it).
fn quiz(home: &TempHome, input: &str) -> (String, String, i32) {
    let out = cogflow(&["--seed", "1", "quiz", "--plain"])
        .home(home)
        .stdin(input)
        .run();
    (out.stdout, out.stderr, out.code)
}

#[test]
fn all_right_scores_three_of_three_and_is_recorded() {
    let home = TempHome::new("all-right");
    let (out, err, code) = quiz(&home, "A\nC\nB\n");
    assert_eq!(code, 0, "{err}");
    assert_eq!(err, "");
    assert!(out.ends_with("Score: 3/3\n"), "{out}");
    assert_eq!(out.matches("Correct.").count(), 3);
    assert!(!out.lines().any(|l| l.starts_with("Incorrect")));
    assert!(out.contains("Quiz complete: 3 of 3 right the first time, no hints used."));
    let p = Store::at(home.path())
        .load("signin-basic")
        .unwrap()
        .unwrap();
    let answers: Vec<(&str, Option<&str>, bool)> = p
        .attempts
        .iter()
        .map(|a| (a.question_id.as_str(), a.choice_shown.as_deref(), a.correct))
        .collect();
    assert_eq!(
        answers,
        [
            ("q1", Some("A"), true),
            ("q2", Some("C"), true),
            ("q3", Some("B"), true)
        ]
    );
}

#[test]
fn wrong_answers_get_the_hints_in_order() {
    let home = TempHome::new("hints");
    let (out, _, code) = quiz(&home, "B\nh\nD\nh\nC\nA\nC\nB\n");
    assert_eq!(code, 0);
    let q1 = out
        .split("Question 2 of 3")
        .next()
        .expect("the output has a first question");
    let lines: Vec<&str> = q1.lines().collect();
    let first_answer = lines.iter().position(|l| *l == "> B").unwrap();
    let tail: Vec<&str> = lines[first_answer..first_answer + 12].to_vec();
    assert_eq!(
        tail,
        [
            "> B",
            "Incorrect. Try again, or type h for hint 1 of 2.",
            "This question is about the step \"Cognito verifies credentials\".",
            "> h",
            "Hint 1 of 2: Check the 'Cognito Response' column at step 3 in the Process table.",
            "> D",
            "Incorrect. Try again, or type h for hint 2 of 2.",
            "> h",
            "Hint 2 of 2: Step 3 is where Cognito compares the password with the stored hash; the token comes later.",
            "> C",
            "Incorrect. No more hints: try again, or type r to see the answer.",
            "> A",
        ]
    );
    assert!(
        out.contains(
            "Quiz complete: 2 of 3 right the first time, 3 right in the end, 2 hints used."
        )
    );
    assert!(out.contains("Not right the first time: q1."));
    assert!(
        out.ends_with("Score: 2/3\n"),
        "right only after guesses does not count"
    );
    let p = Store::at(home.path())
        .load("signin-basic")
        .unwrap()
        .unwrap();
    let q1: Vec<(u32, usize, bool)> = p
        .attempts
        .iter()
        .filter(|a| a.question_id == "q1")
        .map(|a| (a.attempt, a.hints_used, a.correct))
        .collect();
    assert_eq!(
        q1,
        [(1, 0, false), (2, 1, false), (3, 2, false), (4, 2, true)]
    );
}

#[test]
fn garbage_lines_are_re_asked_with_a_reason() {
    let home = TempHome::new("garbage");
    let (out, _, code) = quiz(&home, "hello\n\nZ\n42\nA\n");
    assert_eq!(code, 0);
    let please = "Please answer A, B, C or D (h for a hint, ? for help).";
    assert_eq!(out.matches(please).count(), 4, "{out}");
    assert!(out.contains(&format!("There is no choice Z. {please}")));
    assert!(out.contains("> A\nCorrect."));
    let p = Store::at(home.path())
        .load("signin-basic")
        .unwrap()
        .unwrap();
    assert_eq!(p.attempts.len(), 1, "garbage is not an attempt");
}

#[test]
fn end_of_input_midway_ends_cleanly_with_the_partial_score() {
    let home = TempHome::new("eof");
    let (out, err, code) = quiz(&home, "A\nB\n");
    assert_eq!(code, 0, "{err}");
    assert!(
        out.ends_with(
            "> \nEnd of input: the quiz stops here.\n1 of 3 right the first time, no hints used.\nScore: 1/3\n"
        ),
        "{out}"
    );
    // Nothing typed in the next sitting: the first sitting's right answer still stands.
    let (out, _, code) = quiz(&home, "");
    assert_eq!(code, 0);
    assert!(out.ends_with("Score: 1/3\n"), "{out}");
}

#[test]
fn question_mark_shows_help() {
    let home = TempHome::new("help");
    let (out, _, _) = quiz(&home, "?\n");
    for needle in [
        "Type the letter of your answer (A, B, C or D)",
        "h or hint    show the next hint",
        "r or reveal  give up: show the answer and its explanation (recorded as revealed)",
        "q or quit",
        "End of input (Ctrl-D)",
    ] {
        assert!(out.contains(needle), "missing {needle:?} in {out}");
    }
}

#[test]
fn reveal_is_recorded_as_revealed() {
    let home = TempHome::new("reveal");
    let (out, _, _) = quiz(&home, "h\nr\n");
    assert!(
        out.contains("> r\nThe answer is A: Valid\nAt step 3 Cognito has checked the password")
    );
    let p = Store::at(home.path())
        .load("signin-basic")
        .unwrap()
        .unwrap();
    assert_eq!(p.attempts.len(), 1);
    let a = &p.attempts[0];
    assert!(a.revealed && !a.correct);
    assert_eq!((a.choice_shown.as_deref(), a.hints_used), (None, 1));
}

#[test]
fn no_save_writes_nothing() {
    let home = TempHome::new("no-save");
    let out = cogflow(&["--seed", "1", "quiz", "--plain", "--no-save"])
        .home(&home)
        .stdin("A\nB\nr\nB\n")
        .run();
    assert_eq!(out.code, 0);
    assert!(out.stdout.ends_with("Score: 2/3\n"));
    assert_eq!(home.files(), Vec::<std::path::PathBuf>::new());
    assert!(
        std::fs::read_dir(home.path()).unwrap().next().is_none(),
        "not even a directory"
    );
}

#[test]
fn without_plain_it_says_where_the_tui_quiz_is() {
    let home = TempHome::new("not-plain");
    let out = cogflow(&["--seed", "1", "quiz", "--no-save"])
        .home(&home)
        .stdin("A\nC\nB\n")
        .run();
    assert_eq!(out.code, 0);
    assert!(out.stderr.contains("mode 6 of `cogflow run`"));
    assert!(out.stdout.ends_with("Score: 3/3\n"));
}

#[test]
fn unknown_scenario_fails_with_a_message() {
    let home = TempHome::new("unknown");
    let out = cogflow(&["quiz", "nope", "--plain"]).home(&home).run();
    assert_eq!(out.code, 2, "not found is a usage error");
    assert!(
        out.stderr
            .contains("no built-in scenario or file called `nope`")
    );
}

#[test]
fn damaged_progress_is_moved_aside_and_the_quiz_goes_on() {
    let home = TempHome::new("damaged");
    let path = home.progress_file("signin-basic");
    std::fs::create_dir_all(path.parent().unwrap()).unwrap();
    std::fs::write(&path, "{\"format_version\": 1, \"scen").unwrap();
    let (out, err, code) = quiz(&home, "A\n");
    assert_eq!(code, 0);
    assert!(out.contains("Correct."));
    let warnings: Vec<&str> = err.lines().collect();
    assert_eq!(warnings.len(), 1, "{err}");
    assert!(warnings[0].contains("is damaged"), "{err}");
    assert!(warnings[0].contains("moved it to"), "{err}");
    assert!(warnings[0].contains("started fresh"), "{err}");
    let aside: Vec<_> = home
        .files()
        .into_iter()
        .filter(|p| p.to_string_lossy().contains(".damaged-"))
        .collect();
    assert_eq!(aside.len(), 1);
    assert_eq!(
        std::fs::read_to_string(&aside[0]).unwrap(),
        "{\"format_version\": 1, \"scen"
    );
    let p = Store::at(home.path())
        .load("signin-basic")
        .unwrap()
        .unwrap();
    assert_eq!(p.attempts.len(), 1, "a fresh record with the new answer");
}

#[test]
fn unwritable_home_warns_once_and_the_quiz_goes_on() {
    let home = TempHome::new("unwritable");
    // A file where the progress directory should be: every save fails.
    std::fs::write(home.path().join("progress"), "not a directory").unwrap();
    let (out, err, code) = quiz(&home, "A\nC\nB\n");
    assert_eq!(code, 0);
    assert!(out.ends_with("Score: 3/3\n"));
    assert_eq!(err.lines().count(), 1, "{err}");
    assert!(err.contains("progress will not be saved"), "{err}");
}

#[test]
fn passwords_are_never_saved() {
    let home = TempHome::new("passwords");
    quiz(&home, "B\nA\nr\nC\n");
    let lesson = cogflow::scenario::resolve(None).unwrap();
    let key = cogflow::progress::ScenarioKey::of(&lesson);
    let mut store = Store::at(home.path());
    store.record_step(&key, 4, Some("wrong-password")).unwrap();
    let mut log = cogflow::quiz::PredictionLog::new();
    let verdict = log
        .record(
            2,
            Some("wrong-password"),
            lesson.file.steps[2].predict.as_ref().unwrap(),
            1,
            Some("NotAuthorizedException: Incorrect username or password."),
        )
        .unwrap();
    assert!(verdict.correct);
    store.record_prediction(&key, &log.entries()[0]).unwrap();
    let files = home.files();
    assert!(!files.is_empty());
    for file in files {
        let text = String::from_utf8_lossy(&std::fs::read(&file).unwrap()).into_owned();
        for secret in ["pass123", "pass124", "\"password\""] {
            assert!(!text.contains(secret), "{secret} in {}", file.display());
        }
    }
}

#[test]
fn shuffled_choices_are_graded_against_the_original_answer() {
    let home = TempHome::new("shuffle");
    let source = cogflow::scenario::BUILTINS[0].1.replacen(
        "minutes = 10\n",
        "minutes = 10\nshuffle_choices = true\n",
        1,
    );
    let file = home.path().join("shuffled.toml");
    std::fs::write(&file, &source).unwrap();
    let lesson = cogflow::scenario::load_path(&file).unwrap();
    let seed = 7;
    let session = cogflow::quiz::QuizSession::new(&lesson.file.questions, &lesson.file.steps, {
        cogflow::quiz::ChoiceOrder::Shuffled { seed }
    })
    .unwrap();
    let answers: String = session
        .questions()
        .iter()
        .map(|q| format!("{}\n", cogflow::quiz::letter_str(q.answer_shown())))
        .collect();
    assert_ne!(
        answers, "A\nC\nB\n",
        "seed 7 should move at least one answer"
    );
    let out = cogflow(&["quiz", file.to_str().unwrap(), "--plain", "--seed", "7"])
        .home(&home)
        .stdin(&answers)
        .run();
    let text = out.stdout;
    assert!(text.contains("Choices are shuffled (seed 7)"), "{text}");
    assert!(text.ends_with("Score: 3/3\n"), "{text}");
    // The choices appear in the permuted order.
    let q1 = &session.questions()[0];
    let shown: Vec<String> = q1
        .choices
        .iter()
        .enumerate()
        .map(|(i, c)| format!("  {}) {c}", cogflow::quiz::letter_str(i)))
        .collect();
    assert!(text.contains(&shown.join("\n")), "{text}");
    let p = Store::at(home.path())
        .load("signin-basic")
        .unwrap()
        .unwrap();
    for (a, q) in p.attempts.iter().zip(session.questions()) {
        assert_eq!(a.seed, Some(7));
        assert_eq!(a.choice_order, q.order);
        assert_eq!(a.choice_original, Some(q.answer_original));
        assert_eq!(a.content_hash, lesson.content_hash);
    }
}

#[test]
fn snapshot_before_answering() {
    let home = TempHome::new("snap-before");
    let (out, _, _) = quiz(&home, "");
    insta::assert_snapshot!("plain_quiz_before_answering", out);
}

#[test]
fn snapshot_after_answering() {
    let home = TempHome::new("snap-after");
    let (out, _, _) = quiz(&home, "B\nh\nA\nxyz\n?\nr\nb\nm\nA\nC\n\n");
    insta::assert_snapshot!("plain_quiz_after_answering", out);
}

#[test]
fn an_endless_line_is_said_and_dropped() {
    let long = "A".repeat(100_000);
    let out = cogflow(&["--seed", "1", "quiz", "--plain", "--no-save"])
        .stdin(&format!("{long}\nA\n"))
        .run();
    assert_eq!(out.code, 0, "{out:?}");
    assert!(
        out.stdout.contains(
            "That line is 100000 bytes long; lines are read up to 64 KiB, so it was ignored."
        ),
        "{}",
        out.stdout
    );
    assert!(out.stdout.contains("Correct."), "{}", out.stdout);
}

/// Issue 8: answers from an earlier sitting stand (the learner's own: one store may serve a
/// class on one machine).
#[test]
fn answers_from_an_earlier_sitting_stand_for_the_same_learner() {
    let home = TempHome::new("restored");
    let (first, _, code) = quiz(&home, "A\nq\n");
    assert_eq!(code, 0);
    assert!(first.contains("Stopping the quiz here."), "{first}");
    let (again, err, code) = quiz(&home, "C\nB\n");
    assert_eq!(code, 0, "{err}");
    assert!(
        again.contains(
            "Your earlier answers stand: 1 of 3 questions done (1 of 3 right the first time, \
             no hints used)."
        ),
        "{again}"
    );
    assert!(!again.contains("Question 1 of 3"), "{again}");
    assert!(again.contains("Question 2 of 3"), "{again}");
    assert!(again.ends_with("Score: 3/3\n"), "{again}");
    // Another learner on the same machine starts afresh.
    let other = cogflow(&["--seed", "1", "--learner", "Bo", "quiz", "--plain"])
        .home(&home)
        .stdin("")
        .run();
    assert!(
        !other.stdout.contains("earlier answers"),
        "{}",
        other.stdout
    );
    assert!(other.stdout.contains("Question 1 of 3"), "{}", other.stdout);
}

#[test]
fn list_counts_the_quiz_as_the_score_does_right_the_first_time() {
    // The case: no first answer right (q1 B, q2 A and A, q3 C), so "Score: 0/3";
    // `list` said "quiz 2/3" (the questions right in the end).
    let home = TempHome::new("list-first-try");
    let (out, err, code) = quiz(&home, "B\nA\nA\nC\nD\n");
    assert_eq!(code, 0, "{err}");
    assert!(out.ends_with("Score: 0/3\n"), "{out}");
    let list = cogflow(&["list"]).home(&home).run();
    assert_eq!(list.code, 0, "{}", list.stderr);
    let row = list
        .stdout
        .lines()
        .find(|l| l.starts_with("signin-basic "))
        .unwrap_or_else(|| panic!("{}", list.stdout));
    assert!(row.contains("quiz 0/3"), "{row}");
}

/// `reset` in the plain quiz, as in `run --plain` (the same line reader's yes-or-no and the
/// same words): asked first; no keeps the answers, yes forgets the lesson's saved answers and
/// the quiz begins again at question 1 with the score at 0.
#[test]
fn reset_asks_then_starts_the_quiz_over() {
    let home = TempHome::new("quiz-reset");
    // q1 wrong (B) then right (A); reset, no; reset, yes; then all right the first time.
    let (out, err, code) = quiz(&home, "B\nA\nreset\nno\nreset\nyes\nA\nC\nB\n");
    assert_eq!(code, 0, "{err}");
    let ask =
        "Start this lesson over? Its step, predictions and quiz answers are forgotten. yes or no: ";
    assert_eq!(out.matches(ask).count(), 2, "{out}");
    let kept = out.find("Nothing forgotten: the lesson goes on where it was.");
    let over = out.find(
        "Started over: no saved step, predictions or quiz answers. The quiz begins again at question 1.",
    );
    assert!(kept.is_some() && kept < over, "no, then yes:\n{out}");
    let after = &out[over.unwrap()..];
    assert!(after.contains("Question 1 of 3"), "{after}");
    // The wrong first answer to q1 was forgotten: 3/3 right the first time.
    assert!(out.ends_with("Score: 3/3\n"), "{out}");
    let p = Store::at(home.path())
        .load("signin-basic")
        .unwrap()
        .unwrap();
    let answers: Vec<(&str, bool)> = p
        .attempts
        .iter()
        .map(|a| (a.question_id.as_str(), a.correct))
        .collect();
    assert_eq!(answers, [("q1", true), ("q2", true), ("q3", true)]);
    let elsewhere = TempHome::new("quiz-reset-help");
    let help = cogflow(&["--seed", "1", "quiz", "--plain"])
        .home(&elsewhere)
        .stdin("?\n")
        .run()
        .stdout;
    assert!(
        help.contains("  reset        start this lesson over: forget its step, predictions and quiz answers (asks first)"),
        "{help}"
    );
}
