//! `cogflow class report`: a class of 30 learners, each in their own home, answering the
//! built-in quiz through `cogflow quiz --plain` and predicting through `cogflow run --plain`
//! with answers this test chose; their exports merged, and every number of the JSON report
//! checked against what this test says they did (its own model, not the report's code).

use std::collections::BTreeMap;
use std::fs;
use std::path::{Path, PathBuf};

use cogflow::progress::Clock as _;
use serde_json::Value;

use crate::support::{TempHome, cogflow, unique_dir};

/// The built-in quiz: (question id, right letter, the wrong letters).
const QUESTIONS: [(&str, &str, [&str; 3]); 3] = [
    ("q1", "A", ["B", "C", "D"]),
    ("q2", "C", ["A", "B", "D"]),
    ("q3", "B", ["A", "C", "D"]),
];

/// The choice texts of the built-in quiz, by file letter (for the most chosen wrong answer).
fn choice_text(question: usize, letter: &str) -> String {
    let lesson = cogflow::scenario::resolve(None).unwrap();
    let index = usize::from(letter.as_bytes()[0] - b'A');
    lesson.file.questions[question].choices[index].clone()
}

/// What a learner does with one question.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Plan {
    Right,
    WrongThenRight,
    HintThenRight,
    TwoHintsThenRight,
    TwoWrongThenRight,
    WrongThenReveal,
    Reveal,
    /// A wrong answer, then `q`: the quiz stops; later questions are never answered.
    WrongThenQuit,
    /// `q` at once: this question and the later ones are never answered.
    Quit,
}

const PLANS: [Plan; 9] = [
    Plan::Right,
    Plan::WrongThenRight,
    Plan::HintThenRight,
    Plan::TwoHintsThenRight,
    Plan::TwoWrongThenRight,
    Plan::WrongThenReveal,
    Plan::Reveal,
    Plan::WrongThenQuit,
    Plan::Quit,
];

/// How a question ended for a learner, as an instructor counts it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Outcome {
    FirstTry,
    AfterHints,
    Revealed,
    StillWrong,
}

/// One learner of the class.
struct Learner {
    name: String,
    /// Per question: the plan, and the two wrong letters it uses.
    plans: Vec<(Plan, [&'static str; 2])>,
    /// The predictions at steps 3 and 4 of the main path (`None` inside: skipped); `None`:
    /// never ran the lesson.
    predictions: Option<[Option<&'static str>; 2]>,
}

/// Thirty names, some that CSV must quote, one that looks like a formula, some not ASCII.
const NAMES: [&str; 30] = [
    "Ana García",
    "Bo Li",
    "Chen Wei",
    "Dara O'Neill",
    "Émile Zola",
    "Fatima Al-Sayed",
    "Gus Grissom",
    "Hana Kim",
    "Ivan Petrov",
    "Jo, the second",
    "Kwame Mensah",
    "Lea Müller",
    "Mia \"M\" Rossi",
    "Noah Smith",
    "Olu Adeyemi",
    "Priya Patel",
    "Quinn Reyes",
    "Rosa Parks",
    "Sven Berg",
    "Tariq Aziz",
    "Uma Thurman",
    "Vera Chen",
    "Wen Jun",
    "Xavi Ruiz",
    "Yuki Sato",
    "Zoë Kravitz",
    "=1+2",
    "李雷",
    "Ola Nordmann",
    "anna lopez",
];

fn class() -> Vec<Learner> {
    (0..30)
        .map(|i| {
            let plans = (0..3)
                .map(|q| {
                    let plan = PLANS[(i * (2 * q + 1) + q * 3) % PLANS.len()];
                    let wrongs = QUESTIONS[q].2;
                    (plan, [wrongs[(i + q) % 3], wrongs[(i + q + 1) % 3]])
                })
                .collect();
            let predictions = match i % 5 {
                4 => None,
                k => Some(
                    [
                        [Some("A"), Some("B"), None, Some("A")],
                        [Some("B"), Some("B"), Some("A"), None],
                    ]
                    .map(|p| p[k]),
                ),
            };
            Learner {
                name: NAMES[i].to_owned(),
                plans,
                predictions,
            }
        })
        .collect()
}

/// The plain quiz's input for a learner, stopping where a plan quits.
fn quiz_input(learner: &Learner) -> String {
    let mut lines = Vec::new();
    for ((plan, [w1, w2]), (_, right, _)) in learner.plans.iter().zip(QUESTIONS) {
        let these: Vec<&str> = match plan {
            Plan::Right => vec![right],
            Plan::WrongThenRight => vec![w1, right],
            Plan::HintThenRight => vec!["h", right],
            Plan::TwoHintsThenRight => vec!["h", "h", right],
            Plan::TwoWrongThenRight => vec![w1, w2, right],
            Plan::WrongThenReveal => vec![w2, "r"],
            Plan::Reveal => vec!["r"],
            Plan::WrongThenQuit => vec![w1, "q"],
            Plan::Quit => vec!["q"],
        };
        lines.extend(these);
        if matches!(plan, Plan::WrongThenQuit | Plan::Quit) {
            return lines.join("\n") + "\n";
        }
    }
    // The summary asks whether to retry: Enter finishes.
    lines.push("");
    lines.join("\n") + "\n"
}

/// What this test expects for a learner's question: `None` when never answered, else the
/// outcome, the hints seen when it was decided, and the wrong letters picked.
fn expected(learner: &Learner, q: usize) -> Option<(Outcome, usize, Vec<&'static str>)> {
    let quit_before = learner.plans[..q]
        .iter()
        .any(|(p, _)| matches!(p, Plan::WrongThenQuit | Plan::Quit));
    if quit_before {
        return None;
    }
    let (plan, [w1, w2]) = learner.plans[q];
    // A hint is shown when asked for (h); a wrong answer only offers one.
    Some(match plan {
        Plan::Right => (Outcome::FirstTry, 0, vec![]),
        Plan::WrongThenRight => (Outcome::AfterHints, 0, vec![w1]),
        Plan::HintThenRight => (Outcome::AfterHints, 1, vec![]),
        Plan::TwoHintsThenRight => (Outcome::AfterHints, 2, vec![]),
        Plan::TwoWrongThenRight => (Outcome::AfterHints, 0, vec![w1, w2]),
        Plan::WrongThenReveal => (Outcome::Revealed, 0, vec![w2]),
        Plan::Reveal => (Outcome::Revealed, 0, vec![]),
        Plan::WrongThenQuit => (Outcome::StillWrong, 0, vec![w1]),
        Plan::Quit => return None,
    })
}

fn pct(part: usize, whole: usize) -> Value {
    if whole == 0 {
        Value::Null
    } else {
        ((part * 200 + whole) / (2 * whole)).into()
    }
}

fn median(mut v: Vec<usize>) -> Value {
    if v.is_empty() {
        return Value::Null;
    }
    v.sort_unstable();
    let m = v.len() / 2;
    #[allow(clippy::cast_precision_loss)]
    let value = if v.len() % 2 == 1 {
        v[m] as f64
    } else {
        (v[m - 1] + v[m]) as f64 / 2.0
    };
    value.into()
}

/// Runs the whole class: each learner's quiz and lesson in their own home, then their export
/// (CSV for even learners, JSON for odd ones) into `dir`, spread over two subfolders. Returns
/// each learner's export path.
fn run_class(learners: &[Learner], dir: &Path) -> Vec<PathBuf> {
    let homes: Vec<TempHome> = (0..learners.len())
        .map(|i| TempHome::new(&format!("class-{i}")))
        .collect();
    let exports: Vec<PathBuf> = (0..learners.len())
        .map(|i| {
            let group = if i < 15 { "group-a" } else { "group-b" };
            let ext = if i % 2 == 0 { "csv" } else { "json" };
            dir.join(group).join(format!("learner-{i:02}.{ext}"))
        })
        .collect();
    for group in ["group-a", "group-b"] {
        fs::create_dir_all(dir.join(group)).unwrap();
    }
    // Four threads of eight learners: each learner's processes in order, learners side by side.
    let indices: Vec<usize> = (0..learners.len()).collect();
    std::thread::scope(|scope| {
        for chunk in indices.chunks(8) {
            let (homes, exports) = (&homes, &exports);
            scope.spawn(move || {
                for &i in chunk {
                    let learner = &learners[i];
                    let home = &homes[i];
                    let quiz =
                        cogflow(&["--seed", "1", "--learner", &learner.name, "quiz", "--plain"])
                            .home(home)
                            .stdin(&quiz_input(learner))
                            .run();
                    assert_eq!(quiz.code, 0, "{}: {quiz:?}", learner.name);
                    if let Some([p3, p4]) = learner.predictions {
                        let input =
                            format!("\n\n{}\n\n{}\nq\n", p3.unwrap_or(""), p4.unwrap_or(""));
                        let run = cogflow(&["run", "--plain", "--seed", "1"])
                            .home(home)
                            .stdin(&input)
                            .run();
                        assert_eq!(run.code, 0, "{}: {run:?}", learner.name);
                        assert_eq!(
                            run.stdout.matches("Predict before step").count(),
                            2,
                            "{}",
                            run.stdout
                        );
                    }
                    let format = if i % 2 == 0 { "csv" } else { "json" };
                    let export = cogflow(&["results", "--format", format]).home(home).run();
                    assert_eq!(export.code, 0, "{export:?}");
                    assert_eq!(export.stderr, "", "named, so no advice");
                    fs::write(&exports[i], export.stdout).unwrap();
                }
            });
        }
    });
    exports
}

#[test]
#[allow(clippy::too_many_lines)] // one class, every number checked in one place
fn a_class_of_thirty_is_merged_and_every_number_matches_what_they_did() {
    let start = cogflow::progress::SystemClock.now().to_string();
    let learners = class();
    let dir = unique_dir("class-of-30");
    let exports = run_class(&learners, &dir);
    // The same records again: learner 0's file copied, learner 1's store exported as CSV
    // too; and a damaged, truncated copy of learner 2's file.
    fs::create_dir_all(dir.join("copies")).unwrap();
    fs::copy(&exports[0], dir.join("copies/learner-00.csv")).unwrap();
    let rows_of = |path: &Path| -> usize {
        let text = fs::read_to_string(path).unwrap();
        cogflow::progress::results::parse(&text).unwrap().len()
    };
    let json1: Value = serde_json::from_str(&fs::read_to_string(&exports[1]).unwrap()).unwrap();
    let csv1 = cogflow::progress::results::to_csv(
        &serde_json::from_value::<Vec<cogflow::progress::results::ResultRow>>(
            json1["rows"].clone(),
        )
        .unwrap(),
    );
    fs::write(dir.join("copies/learner-01-again.csv"), csv1).unwrap();
    let damaged = fs::read_to_string(&exports[2]).unwrap();
    let cut =
        damaged.lines().take(4).collect::<Vec<_>>().join("\r\n") + "\r\nsignin-basic,\"unclosed";
    fs::write(dir.join("copies/learner-02-damaged.csv"), cut).unwrap();
    let duplicates = rows_of(&exports[0]) + rows_of(&exports[1]);
    let rows_read: usize = exports.iter().map(|p| rows_of(p)).sum::<usize>() + duplicates;

    let out = cogflow(&["class", "report", dir.to_str().unwrap(), "--format", "json"]).run();
    assert_eq!(out.code, 0, "{out:?}");
    let end = cogflow::progress::SystemClock.now().to_string();
    // Located, on stderr (the report holds it too).
    assert_eq!(
        out.stderr,
        format!(
            "cogflow: warning: {}:5: a quoted field is never closed; skipped this file\n",
            dir.join("copies/learner-02-damaged.csv").display()
        )
    );
    let report: Value = serde_json::from_str(&out.stdout).unwrap();
    assert_eq!(report["report_format"], 1);
    assert_eq!(report["files_read"], 32, "30 exports and 2 copies");
    assert_eq!(report["files_skipped"], 1);
    assert_eq!(report["rows_read"], rows_read);
    assert_eq!(report["duplicate_rows"], duplicates);
    assert_eq!(report["warnings"].as_array().unwrap().len(), 1);
    let lessons = report["lessons"].as_array().unwrap();
    assert_eq!(lessons.len(), 1, "one lesson, one version");
    let lesson = &lessons[0];
    let builtin = cogflow::scenario::resolve(None).unwrap();
    assert_eq!(lesson["scenario_id"], "signin-basic");
    assert_eq!(lesson["content_hash"], builtin.content_hash.as_str());
    assert_eq!(lesson["title"], builtin.file.scenario.title.as_str());
    assert_eq!(lesson["version"], Value::Null);
    assert_eq!(lesson["learner_count"], 30);

    // Per question.
    let questions = lesson["questions"].as_array().unwrap();
    assert_eq!(questions.len(), 3);
    let mut attention_questions = Vec::new();
    for (q, (id, _, _)) in QUESTIONS.iter().enumerate() {
        let got = &questions[q];
        let outcomes: Vec<_> = learners.iter().filter_map(|l| expected(l, q)).collect();
        let count = |o: Outcome| outcomes.iter().filter(|(x, _, _)| *x == o).count();
        let answered = outcomes.len();
        let first = count(Outcome::FirstTry);
        let mut wrong: BTreeMap<&str, usize> = BTreeMap::new();
        for (_, _, letters) in &outcomes {
            let mut mine = letters.clone();
            mine.dedup();
            for letter in mine {
                *wrong.entry(letter).or_default() += 1;
            }
        }
        let top = wrong
            .iter()
            .max_by(|a, b| a.1.cmp(b.1).then(b.0.cmp(a.0)))
            .map(|(letter, n)| {
                serde_json::json!({
                    "letter": letter,
                    "text": choice_text(q, letter),
                    "learners": n,
                })
            })
            .unwrap_or(Value::Null);
        let want = serde_json::json!({
            "question_id": id,
            "prompt": builtin.file.questions[q].prompt,
            "answered": answered,
            "first_try_right": first,
            "first_try_right_pct": pct(first, answered),
            "after_hints": count(Outcome::AfterHints),
            "revealed": count(Outcome::Revealed),
            "still_wrong": count(Outcome::StillWrong),
            "never_answered": 30 - answered,
            "top_wrong_choice": top,
            "median_hints": median(outcomes.iter().map(|(_, h, _)| *h).collect()),
        });
        assert_eq!(got, &want, "question {id}");
        if answered > 0 && (first * 100) < 50 * answered {
            attention_questions.push(*id);
        }
    }
    // The class is varied enough to test something: every outcome occurs somewhere.
    for outcome in [
        Outcome::FirstTry,
        Outcome::AfterHints,
        Outcome::Revealed,
        Outcome::StillWrong,
    ] {
        assert!(
            (0..3).any(|q| learners
                .iter()
                .any(|l| expected(l, q).is_some_and(|e| e.0 == outcome))),
            "{outcome:?} occurs"
        );
    }

    // Per prediction: step 3 (right: A, "Valid") and step 4 (right: B, "JWT token").
    let predictions = lesson["predictions"].as_array().unwrap();
    assert_eq!(predictions.len(), 2);
    for (k, (step, right)) in [(3, "A"), (4, "B")].into_iter().enumerate() {
        let made: Vec<Option<&str>> = learners
            .iter()
            .filter_map(|l| l.predictions.map(|p| p[k]))
            .collect();
        let want = serde_json::json!({
            "step": step,
            "variant": null,
            "prompt": builtin.file.steps[step - 1].predict.as_ref().unwrap().prompt.trim(),
            "right": made.iter().filter(|p| **p == Some(right)).count(),
            "wrong": made.iter().filter(|p| p.is_some_and(|c| c != right)).count(),
            "skipped": made.iter().filter(|p| p.is_none()).count(),
            "not_reached": 30 - made.len(),
        });
        assert_eq!(predictions[k], want, "prediction at step {step}");
    }

    // Per learner, in name order (case folded).
    let mut by_name: Vec<&Learner> = learners.iter().collect();
    by_name.sort_by_key(|l| (cogflow::class::name_order(&l.name), l.name.clone()));
    let rows = lesson["learners"].as_array().unwrap();
    assert_eq!(rows.len(), 30);
    let mut attention_learners = Vec::new();
    for (learner, got) in by_name.iter().zip(rows) {
        let mine: Vec<_> = (0..3).filter_map(|q| expected(learner, q)).collect();
        let first = mine.iter().filter(|e| e.0 == Outcome::FirstTry).count();
        let made: Vec<Option<&str>> = learner.predictions.map(|p| p.to_vec()).unwrap_or_default();
        let right = made
            .iter()
            .zip(["A", "B"])
            .filter(|(p, r)| **p == Some(*r))
            .count();
        let skipped = made.iter().filter(|p| p.is_none()).count();
        let last = got["last_activity"].as_str().unwrap();
        assert!(
            start.as_str() <= last && last <= end.as_str(),
            "{last} between {start} and {end}"
        );
        let want = serde_json::json!({
            "learner": learner.name,
            "answered": mine.len(),
            "first_try_right": first,
            "questions": 3,
            "first_try_right_pct": pct(first, 3),
            "hints": mine.iter().map(|e| e.1).sum::<usize>(),
            "reveals": mine.iter().filter(|e| e.0 == Outcome::Revealed).count(),
            "predictions_right": right,
            "predictions_made": made.len() - skipped,
            "predictions_skipped": skipped,
            "last_activity": last,
        });
        assert_eq!(got, &want, "learner {}", learner.name);
        if !mine.is_empty() && first * 2 < 3 {
            attention_learners.push(learner.name.as_str());
        }
    }
    assert_eq!(
        lesson["needs_attention"],
        serde_json::json!({ "questions": attention_questions, "learners": attention_learners })
    );
    assert!(!attention_learners.is_empty() && attention_learners.len() < 30);

    // The same merge as text, Markdown and HTML: the same numbers, in words.
    let text = cogflow(&["class", "report", dir.to_str().unwrap(), "--width", "100"]).run();
    assert_eq!(text.code, 0);
    assert_eq!(
        text.stderr, "",
        "the text report lists what it skipped itself"
    );
    assert!(
        text.stdout.starts_with(&format!(
            "Class report: 30 learners in 1 lesson, from 33 files (1 skipped, {duplicates} duplicate rows counted once)\n"
        )),
        "{}",
        text.stdout
    );
    assert!(
        text.stdout
            .lines()
            .all(|l| unicode_width::UnicodeWidthStr::width(l) <= 100),
        "{}",
        text.stdout
    );
    let q1 = &questions[0];
    assert!(text.stdout.contains(&format!(
        "{} of {} right the first time ({}%)",
        q1["first_try_right"], q1["answered"], q1["first_try_right_pct"]
    )));
    assert!(
        text.stdout.contains("=1+2"),
        "the formula-looking name, shown as text"
    );
    let plain = cogflow(&["class", "report", dir.to_str().unwrap(), "--plain"]).run();
    assert!(
        !plain.stdout.contains('█') && !plain.stdout.contains('░'),
        "{}",
        plain.stdout
    );
    let markdown = cogflow(&[
        "class",
        "report",
        dir.to_str().unwrap(),
        "--format",
        "markdown",
    ])
    .run();
    assert!(
        markdown
            .stdout
            .contains("| Learner | Right the first time |"),
        "{}",
        markdown.stdout
    );
    assert!(markdown.stdout.contains("| Mia \"M\" Rossi |"));
    let page = dir.join("report.html");
    let html = cogflow(&[
        "class",
        "report",
        dir.to_str().unwrap(),
        "--format",
        "html",
        "-o",
        page.to_str().unwrap(),
    ])
    .run();
    assert_eq!(html.code, 0, "{html:?}");
    let page = fs::read_to_string(&page).unwrap();
    assert!(page.contains("<title>Class report: signin-basic</title>"));
    assert_eq!(
        page.matches("<svg role=\"img\"").count(),
        3,
        "a bar per question"
    );
    assert!(page.contains("Mia &quot;M&quot; Rossi"));
    fs::remove_dir_all(dir).unwrap();
}

#[test]
fn two_versions_of_a_lesson_are_reported_apart() {
    let dir = unique_dir("class-versions");
    let lesson = dir.join("my-lesson.toml");
    let original = fs::read_to_string(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/scenarios/signin-basic.toml"
    ))
    .unwrap();
    fs::write(&lesson, &original).unwrap();
    let home = TempHome::new("class-versions");
    let lesson_arg = lesson.to_str().unwrap();
    let first = cogflow(&[
        "--seed",
        "1",
        "--learner",
        "Ana",
        "quiz",
        lesson_arg,
        "--plain",
    ])
    .home(&home)
    .stdin("A\nC\nB\n\n")
    .run();
    assert_eq!(first.code, 0, "{first:?}");
    // The instructor rewrites question 2 between two lessons; Bo takes the new one.
    let edited = original.replace(
        "At which step does the app receive the token?",
        "When does the app get its token?",
    );
    assert_ne!(edited, original);
    fs::write(&lesson, &edited).unwrap();
    let bo = TempHome::new("class-versions-bo");
    let second = cogflow(&[
        "--seed",
        "1",
        "--learner",
        "Bo",
        "quiz",
        lesson_arg,
        "--plain",
    ])
    .home(&bo)
    .stdin("B\nC\nB\n\n")
    .run();
    assert_eq!(second.code, 0, "{second:?}");
    for (home, name) in [(&home, "ana.csv"), (&bo, "bo.csv")] {
        fs::write(
            dir.join(name),
            cogflow(&["results"]).home(home).run().stdout,
        )
        .unwrap();
    }
    // --lesson gives the current file's texts; the old version has none to match.
    let out = cogflow(&[
        "class",
        "report",
        dir.join("ana.csv").to_str().unwrap(),
        dir.join("bo.csv").to_str().unwrap(),
        "--format",
        "json",
        "--lesson",
        lesson_arg,
    ])
    .run();
    assert_eq!(out.code, 0, "{out:?}");
    let report: Value = serde_json::from_str(&out.stdout).unwrap();
    let lessons = report["lessons"].as_array().unwrap();
    assert_eq!(lessons.len(), 2, "{report:#}");
    // Both took it within a second or so: find each version by its hash.
    let version = |text: &str| {
        let hash = cogflow::scenario::content_hash(text.as_bytes());
        lessons
            .iter()
            .find(|l| l["content_hash"] == hash.as_str())
            .unwrap()
    };
    let (old, new) = (version(&original), version(&edited));
    let mut indices =
        [&old["version"]["index"], &new["version"]["index"]].map(|v| v.as_u64().unwrap());
    indices.sort_unstable();
    assert_eq!(indices, [1, 2]);
    assert_eq!(
        (&old["version"]["of"], &new["version"]["of"]),
        (&2.into(), &2.into())
    );
    assert_eq!(old["learners"][0]["learner"], "Ana");
    assert_eq!(new["learners"][0]["learner"], "Bo");
    assert_eq!(
        (&old["learner_count"], &new["learner_count"]),
        (&1.into(), &1.into())
    );
    // The old version's bytes are the built-in lesson's, so its texts come from there.
    assert_eq!(old["title"], "Cognito for user authentication in AWS");
    assert_eq!(
        old["questions"][1]["prompt"],
        "At which step does the app receive the token?"
    );
    assert_eq!(
        new["questions"][1]["prompt"],
        "When does the app get its token?"
    );
    assert_eq!(old["questions"][0]["first_try_right"], 1);
    assert_eq!(new["questions"][0]["first_try_right"], 0);
    assert_eq!(new["questions"][0]["top_wrong_choice"]["text"], "JWT token");
    let text = cogflow(&[
        "class",
        "report",
        dir.to_str().unwrap(),
        "--lesson",
        lesson_arg,
        "--width",
        "120",
    ])
    .run();
    assert!(
        text.stdout.contains("version 1 of 2") && text.stdout.contains("version 2 of 2"),
        "{}",
        text.stdout
    );
    fs::remove_dir_all(dir).unwrap();
}

#[test]
fn nothing_readable_is_a_failure_and_says_why() {
    let dir = unique_dir("class-nothing");
    fs::write(dir.join("notes.json"), "{\"hello\": 1}").unwrap();
    let out = cogflow(&[
        "class",
        "report",
        dir.to_str().unwrap(),
        dir.join("gone.csv").to_str().unwrap(),
    ])
    .run();
    assert_eq!(out.code, 1);
    assert!(
        out.stderr
            .contains("notes.json:1: not results JSON: no results_format; skipped this file"),
        "{}",
        out.stderr
    );
    assert!(
        out.stderr.contains("gone.csv: no such file or folder"),
        "{}",
        out.stderr
    );
    let want = format!(
        "cogflow: no results file could be read from {}, {}\n",
        dir.display(),
        dir.join("gone.csv").display()
    );
    assert!(out.stderr.ends_with(&want), "{}", out.stderr);
    let out = cogflow(&["class", "report"]).run();
    assert_eq!(out.code, 2, "no PATH is a usage error");
    fs::remove_dir_all(dir).unwrap();
}

#[test]
fn the_report_steps_question_by_question_in_a_real_terminal() {
    let dir = unique_dir("class-tui");
    let home = TempHome::new("class-tui");
    for (name, answers) in [("Ana", "A\nC\nB\n\n"), ("Bo", "B\nA\nC\nh\nB\n\n")] {
        cogflow(&["--seed", "1", "--learner", name, "quiz", "--plain"])
            .home(&home)
            .stdin(answers)
            .run();
    }
    fs::write(
        dir.join("class.csv"),
        cogflow(&["results"]).home(&home).run().stdout,
    )
    .unwrap();
    let args = format!("class report {} --tui", crate::support::shell_quote(&dir));
    let Some(tmux) = crate::support::Tmux::session(&args).size(100, 30).start() else {
        return;
    };
    let first = tmux.wait_for("question 1", |s| s.contains("Question 1 of 3: q1"));
    assert!(
        first.contains("Class report: 2 learners in 1 lesson, from 1 file"),
        "{first}"
    );
    assert!(
        first.contains("1 of 2 right the first time (50%)"),
        "{first}"
    );
    tmux.send(&["Right"]);
    tmux.wait_for("question 2", |s| {
        s.contains("Question 2 of 3: q2") && s.contains("2 of 2 right the first time (100%)")
    });
    tmux.send(&["Tab", "Tab"]);
    let learners = tmux.wait_for("the learners", |s| s.contains("Learner 1 of 2"));
    assert!(
        learners.contains("Ana") && learners.contains("Bo"),
        "{learners}"
    );
    tmux.send(&["q"]);
    let stty = tmux.stty_after_exit();
    assert!(
        stty.contains(" icanon") && stty.contains(" echo"),
        "the terminal is restored: {stty}"
    );
    fs::remove_dir_all(dir).unwrap();
}
