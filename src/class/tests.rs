use super::*;

/// A quiz row: `who` answered `letter` (file lettering) to `q` at second `t`.
fn answer(who: Option<&str>, q: &str, letter: Option<&str>, correct: bool, t: u32) -> ResultRow {
    ResultRow {
        scenario_id: "lesson".into(),
        content_hash: "h1".into(),
        format_version: 2,
        question_id: Some(q.into()),
        choice_shown: letter.map(str::to_owned),
        choice_original: letter.map(str::to_owned),
        correct,
        attempt: Some(1),
        round: Some(1),
        hints_used: Some(0),
        revealed: Some(false),
        seed: None,
        choice_order: Some("ABCD".into()),
        time: format!("2026-01-15T09:{:02}:{:02}Z", t / 60, t % 60),
        kind: Kind::Quiz,
        learner: who.map(str::to_owned),
        step: None,
        variant: None,
        skipped: None,
        right_choice: None,
        choice_text: letter.map(|l| format!("text {l}")),
    }
}

fn hints(mut row: ResultRow, attempt: u32, hints: usize) -> ResultRow {
    row.attempt = Some(attempt);
    row.hints_used = Some(hints);
    row
}

fn reveal(who: &str, q: &str, attempt: u32, hints: usize, t: u32) -> ResultRow {
    let mut row = answer(Some(who), q, None, false, t);
    row.attempt = Some(attempt);
    row.hints_used = Some(hints);
    row.revealed = Some(true);
    row
}

fn predict(who: &str, step: usize, choice: Option<&str>, correct: bool, t: u32) -> ResultRow {
    ResultRow {
        question_id: None,
        attempt: None,
        round: None,
        hints_used: None,
        revealed: None,
        choice_order: None,
        kind: Kind::Prediction,
        step: Some(step),
        skipped: Some(choice.is_none()),
        right_choice: choice.map(|_| "A".to_owned()),
        ..answer(Some(who), "", choice, correct, t)
    }
}

fn source(path: &str, rows: Vec<ResultRow>) -> Source {
    Source {
        path: path.into(),
        rows,
    }
}

fn report(sources: &[Source]) -> Report {
    build(sources, 0, Vec::new(), &[])
}

#[test]
fn each_learner_gets_one_outcome_per_question() {
    let rows = vec![
        // Ana: right at once.
        answer(Some("Ana"), "q1", Some("A"), true, 0),
        // Bo: wrong (B), then right with the hint the wrong answer showed.
        answer(Some("Bo"), "q1", Some("B"), false, 1),
        hints(answer(Some("Bo"), "q1", Some("A"), true, 2), 2, 1),
        // Cy: opened two hints, then right at the first answer: not "first time".
        hints(answer(Some("Cy"), "q1", Some("A"), true, 3), 1, 2),
        // Di: wrong twice (B, C), then revealed.
        answer(Some("Di"), "q1", Some("B"), false, 4),
        hints(answer(Some("Di"), "q1", Some("C"), false, 5), 2, 1),
        reveal("Di", "q1", 2, 2, 6),
        // Ed: wrong, and stopped there. Also answered q2, so is in the class.
        answer(Some("Ed"), "q1", Some("C"), false, 7),
        answer(Some("Ed"), "q2", Some("A"), true, 8),
        // Fay: only q2, so q1 is never answered.
        answer(Some("Fay"), "q2", Some("B"), false, 9),
        // Gus: revealed q2 without answering (attempt 0); a later retry does not undo that.
        reveal("Gus", "q2", 0, 0, 10),
        answer(Some("Gus"), "q2", Some("A"), true, 11),
    ];
    let r = report(&[source("x.csv", rows)]);
    assert_eq!(r.lessons.len(), 1);
    let lesson = &r.lessons[0];
    assert_eq!(lesson.learner_count, 7);
    let q1 = &lesson.questions[0];
    assert_eq!(q1.question_id, "q1");
    assert_eq!(
        (q1.answered, q1.first_try_right, q1.after_hints, q1.revealed),
        (5, 1, 2, 1)
    );
    assert_eq!((q1.still_wrong, q1.never_answered), (1, 2));
    assert_eq!(q1.first_try_right_pct, Some(20));
    // Hints when decided: Ana 0, Bo 1, Cy 2, Di 2, Ed 0 (before its last answer) → median 1.
    assert_eq!(q1.median_hints, Some(1.0));
    // B: Bo and Di; C: Di and Ed; a tie goes to the earlier letter.
    assert_eq!(
        q1.top_wrong_choice,
        Some(WrongChoice {
            letter: "B".into(),
            text: Some("text B".into()),
            learners: 2
        })
    );
    let q2 = &lesson.questions[1];
    assert_eq!(
        (q2.answered, q2.first_try_right, q2.revealed, q2.still_wrong),
        (3, 1, 1, 1)
    );
    assert_eq!(q2.never_answered, 4);
    assert_eq!(q2.first_try_right_pct, Some(33));
    assert_eq!(q2.median_hints, Some(0.0));
    assert_eq!(lesson.needs_attention.questions, ["q1", "q2"]);

    let names: Vec<&str> = lesson.learners.iter().map(|l| l.learner.as_str()).collect();
    assert_eq!(names, ["Ana", "Bo", "Cy", "Di", "Ed", "Fay", "Gus"]);
    let di = &lesson.learners[3];
    assert_eq!(
        (di.first_try_right, di.questions, di.reveals, di.hints),
        (0, 2, 1, 2)
    );
    assert_eq!(di.last_activity, "2026-01-15T09:00:06Z");
    let ana = &lesson.learners[0];
    assert_eq!(
        (ana.first_try_right, ana.first_try_right_pct),
        (1, Some(50))
    );
    // Under 50%: all but Ana (1 of 2 is 50%) and Ed (q2 first time).
    assert_eq!(
        lesson.needs_attention.learners,
        ["Bo", "Cy", "Di", "Fay", "Gus"]
    );
}

#[test]
fn the_same_record_twice_counts_once_and_versions_stay_apart() {
    let ana = vec![
        answer(Some("Ana"), "q1", Some("B"), false, 0),
        hints(answer(Some("Ana"), "q1", Some("A"), true, 1), 2, 1),
    ];
    // The same export as JSON from format 1 (no choice text, format_version 1).
    let mut old = ana.clone();
    for row in &mut old {
        row.format_version = 1;
        row.choice_text = None;
    }
    let mut edited = answer(Some("Bo"), "q1", Some("A"), true, 5);
    edited.content_hash = "h2".into();
    let r = report(&[
        source("ana.csv", ana.clone()),
        source("copy/ana.csv", ana),
        source("ana.json", old),
        source("bo.csv", vec![edited]),
    ]);
    assert_eq!((r.files_read, r.rows_read, r.duplicate_rows), (4, 7, 4));
    assert_eq!(r.lessons.len(), 2, "two content hashes, two lessons");
    let (v1, v2) = (&r.lessons[0], &r.lessons[1]);
    assert_eq!(
        (v1.content_hash.as_str(), v2.content_hash.as_str()),
        ("h1", "h2")
    );
    assert_eq!(v1.version, Some(Version { index: 1, of: 2 }));
    assert_eq!(v2.version, Some(Version { index: 2, of: 2 }));
    assert_eq!(v1.learner_count, 1);
    assert_eq!(
        v1.questions[0].after_hints, 1,
        "counted once, not three times"
    );
    assert_eq!(
        v1.questions[0].top_wrong_choice.as_ref().unwrap().learners,
        1
    );
    assert_eq!(v2.learners[0].learner, "Bo");
    assert_eq!(v2.questions[0].first_try_right, 1);
    assert_eq!(lesson_heading(v2), "lesson (content h2, version 2 of 2)");
}

#[test]
fn unnamed_rows_belong_to_their_file() {
    let r = report(&[
        source("a.csv", vec![answer(None, "q1", Some("A"), true, 0)]),
        source("b.csv", vec![answer(None, "q1", Some("B"), false, 1)]),
    ]);
    let names: Vec<&str> = r.lessons[0]
        .learners
        .iter()
        .map(|l| l.learner.as_str())
        .collect();
    assert_eq!(names, ["(no name) a.csv", "(no name) b.csv"]);
}

#[test]
#[allow(clippy::type_complexity)] // one tuple per prediction, compared in one line
fn predictions_count_each_learners_first_record() {
    let rows = vec![
        predict("Ana", 3, Some("A"), true, 0),
        predict("Bo", 3, Some("B"), false, 1),
        predict("Cy", 3, None, false, 2),
        // A second record for Ana on the same step is not counted.
        predict("Ana", 3, Some("B"), false, 3),
        // Another branch is another prediction.
        ResultRow {
            variant: Some("wrong-password".into()),
            ..predict("Ana", 3, Some("A"), true, 4)
        },
        answer(Some("Di"), "q1", Some("A"), true, 5),
    ];
    let r = report(&[source("x.csv", rows)]);
    let lesson = &r.lessons[0];
    let p: Vec<(usize, Option<&str>, usize, usize, usize, usize)> = lesson
        .predictions
        .iter()
        .map(|p| {
            (
                p.step,
                p.variant.as_deref(),
                p.right,
                p.wrong,
                p.skipped,
                p.not_reached,
            )
        })
        .collect();
    assert_eq!(
        p,
        [
            (3, None, 1, 1, 1, 1),
            (3, Some("wrong-password"), 1, 0, 0, 3)
        ]
    );
    let ana = &lesson.learners[0];
    assert_eq!(
        (
            ana.predictions_right,
            ana.predictions_made,
            ana.predictions_skipped
        ),
        (2, 2, 0)
    );
    let cy = &lesson.learners[2];
    assert_eq!((cy.predictions_made, cy.predictions_skipped), (0, 1));
    // Prediction-only learners did not take the quiz (Di's q1 is its only question here):
    // "0 of 1" in their row, but not "needs attention" for answers they never gave.
    assert_eq!((ana.answered, ana.questions), (0, 1));
    assert!(lesson.needs_attention.learners.is_empty());
}

#[test]
fn a_known_lesson_names_its_questions_and_choices() {
    let lesson = crate::scenario::resolve(None).unwrap();
    let mut row = answer(Some("Ana"), "q3", Some("A"), false, 0);
    row.scenario_id = lesson.file.scenario.id.clone();
    row.content_hash = lesson.content_hash.clone();
    row.choice_text = None;
    let r = build(
        &[source("a.csv", vec![row])],
        0,
        Vec::new(),
        std::slice::from_ref(&lesson),
    );
    let l = &r.lessons[0];
    assert_eq!(
        l.title.as_deref(),
        Some(lesson.file.scenario.title.as_str())
    );
    let ids: Vec<&str> = l.questions.iter().map(|q| q.question_id.as_str()).collect();
    assert_eq!(ids, ["q1", "q2", "q3"], "every question, even unanswered");
    assert_eq!(l.questions[0].never_answered, 1);
    assert_eq!(l.questions[0].first_try_right_pct, None);
    let q3 = &l.questions[2];
    assert_eq!(
        q3.prompt.as_deref(),
        Some(lesson.file.questions[2].prompt.as_str())
    );
    assert_eq!(
        q3.top_wrong_choice.as_ref().unwrap().text.as_deref(),
        Some(lesson.file.questions[2].choices[0].as_str())
    );
}

#[test]
fn percentages_round_half_up() {
    let cases = [
        (0, 0, None),
        (0, 3, Some(0)),
        (1, 3, Some(33)),
        (2, 3, Some(67)),
        (1, 2, Some(50)),
        (1, 8, Some(13)),
        (3, 3, Some(100)),
    ];
    for (part, whole, want) in cases {
        assert_eq!(percent(part, whole), want, "{part}/{whole}");
    }
}

#[test]
fn names_sort_as_a_class_list() {
    let mut names = vec![
        "Zoë", "émile", "Émile", "anna", "Ana", "Øystein", "Bo", "Ćiril", "Straße",
    ];
    names.sort_by_key(|n| (name_order(n), *n));
    assert_eq!(
        names,
        [
            "Ana", "anna", "Bo", "Ćiril", "Émile", "émile", "Øystein", "Straße", "Zoë"
        ]
    );
    assert_eq!(name_order("Straße"), "strasse");
}
