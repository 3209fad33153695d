//! The update function, message by message, without a terminal.

use super::*;
use crate::app::worker::run_job;
use crate::scenario::model::Action;
use crossterm::event::KeyCode;

pub(super) fn lesson() -> Scenario {
    crate::scenario::resolve(None).unwrap()
}

pub(super) fn options() -> Options {
    Options {
        seed: 7,
        ..Options::default()
    }
}

/// An app whose first path is fully computed (the app's tests and its submodules' share it).
pub(super) fn ready(options: &Options) -> App {
    let mut app = App::new(lesson(), options);
    app.run_jobs_here();
    app
}

pub(super) fn send(app: &mut App, commands: &[Command]) {
    for c in commands {
        app.update(Message::Do(*c));
    }
}

#[test]
fn stepping_moves_the_cursor_within_the_run() {
    let mut app = ready(&options());
    let total = app.current().total().unwrap();
    assert_eq!(total, 5);
    let cases: &[(&[Command], usize)] = &[
        (&[Command::Next], 1),
        // Step 3 asks its prediction first: the cursor stays on step 2.
        (&[Command::Next], 1),
        (&[Command::PredictSkip], 2),
        (&[Command::Back], 1),
        // Skipped: not asked again.
        (&[Command::Next], 2),
        (&[Command::Last], 4),
        (&[Command::Next], 4),
        (&[Command::First], 0),
        (&[Command::Back], 0),
    ];
    for (commands, want) in cases {
        send(&mut app, commands);
        assert_eq!(app.cursor(), *want, "after {commands:?}");
    }
    send(&mut app, &[Command::Last, Command::Next]);
    assert!(app.status().unwrap().contains("last step (5 of 5)"));
}

#[test]
fn stepping_past_what_is_computed_shows_checking_until_the_frame_arrives() {
    let mut app = App::new(lesson(), &options());
    let job = app.take_jobs().remove(0);
    let all = run_job(&job);
    // Started, the other branches laid out, and the first frame only.
    let first = 1 + all
        .iter()
        .position(|e| matches!(e, WorkerEvent::Frame { .. }))
        .unwrap();
    for event in all[..first].iter().cloned() {
        app.update(Message::Worker(event));
    }
    let events = &all[first - 2..]; // events[2] is step 2's frame
    assert_eq!(app.current().frames.len(), 1);
    assert_eq!(
        app.current().total(),
        Some(5),
        "laid out before step 2 is computed"
    );
    assert!(!app.checking());
    send(&mut app, &[Command::Next]);
    assert_eq!(app.cursor(), 1, "→ waits on step 2 while it is computed");
    assert!(app.checking());
    assert_eq!(
        app.shown_index(),
        0,
        "the last computed frame stays on screen"
    );
    send(&mut app, &[Command::Next]);
    assert_eq!(app.cursor(), 1, "one step at a time: a second → waits too");
    assert!(app.status().unwrap().contains("still checking step 2"));
    app.update(Message::Worker(events[2].clone()));
    assert!(!app.checking());
    assert_eq!(app.frame().unwrap().number, 2);
    send(&mut app, &[Command::Next]);
    assert!(app.checking(), "step 3 is being checked");
    app.update(Message::Worker(events[3].clone()));
    // Step 3 has a prediction: it is asked when its frame arrives, step 2 stays on screen.
    assert_eq!(app.prediction_asked().unwrap().1.number, 3);
    assert_eq!(app.frame().unwrap().number, 2);
    send(&mut app, &[Command::PredictAnswer]);
    assert_eq!(app.frame().unwrap().number, 3);
    send(&mut app, &[Command::Back]);
    assert_eq!(app.cursor(), 1);
    // End before the run finished lands on the last step when it is known.
    send(&mut app, &[Command::Last]);
    for event in events.iter().skip(4).cloned() {
        app.update(Message::Worker(event));
    }
    assert_eq!(app.cursor(), app.current().total().unwrap() - 1);
    assert!(!app.checking());
    assert!(
        app.status()
            .unwrap()
            .contains("Passed over the prediction of step 4"),
        "{:?}",
        app.status()
    );
}

#[test]
fn still_checking_goes_once_the_step_arrives_and_its_prediction_opens() {
    // tmux, 2 runs of 5 (→ → s at once): the second → met step 3 still computing, and "still
    // checking step 3" stayed under the prediction that opened when step 3 arrived.
    let mut app = App::new(lesson(), &options());
    let job = app.take_jobs().remove(0);
    let all = run_job(&job);
    let frames: Vec<usize> = all
        .iter()
        .enumerate()
        .filter(|(_, e)| matches!(e, WorkerEvent::Frame { .. }))
        .map(|(i, _)| i)
        .collect();
    for event in all[..=frames[1]].iter().cloned() {
        app.update(Message::Worker(event));
    }
    send(&mut app, &[Command::Next]);
    assert_eq!(app.frame().unwrap().number, 2);
    // → waits for step 3; a second → is refused while it is computed.
    send(&mut app, &[Command::Next, Command::Next]);
    assert!(
        app.status().unwrap().contains("still checking step 3"),
        "{:?}",
        app.status()
    );
    app.update(Message::Worker(all[frames[2]].clone()));
    assert_eq!(app.prediction_asked().unwrap().1.number, 3);
    assert_eq!(
        app.status(),
        None,
        "the prediction is open: nothing is being checked"
    );
    // Something said since stays: a later arrival does not clear it.
    send(
        &mut app,
        &[Command::PredictSkip, Command::Next, Command::Next],
    );
    assert!(app.status().unwrap().contains("still checking step 4"));
    app.update(Message::Notices(vec!["Reloaded.".to_owned()]));
    app.update(Message::Worker(all[frames[3]].clone()));
    assert_eq!(app.status(), Some("Reloaded."));
}

#[test]
fn variants_cycle_and_keep_the_step() {
    let mut app = ready(&options());
    send(
        &mut app,
        &[Command::Next, Command::Next, Command::PredictSkip],
    );
    assert_eq!(app.current().label(), "Main path");
    send(&mut app, &[Command::NextVariant]);
    assert_eq!(app.current().label(), "What if the password is wrong?");
    assert!(
        app.status()
            .is_some_and(|s| s.starts_with("Branch 2 of 4: What if the password is wrong? — ")),
        "{:?}",
        app.status()
    );
    app.run_jobs_here();
    assert_eq!(app.cursor(), 2, "same step number on the other branch");
    assert!(matches!(
        app.frame().unwrap().outcome,
        crate::flow::Outcome::Error { .. }
    ));
    send(&mut app, &[Command::NextVariant]);
    assert_eq!(
        app.current().label(),
        "What if the username does not exist?"
    );
    send(&mut app, &[Command::NextVariant]);
    assert_eq!(
        app.current().label(),
        "What if the app client does not allow the password flow?"
    );
    app.run_jobs_here();
    send(&mut app, &[Command::NextVariant]);
    assert_eq!(app.current().label(), "Main path");
    assert!(
        app.take_jobs().is_empty(),
        "computed paths are not recomputed"
    );
}

#[test]
fn a_branch_switch_keeps_the_step_asked_for_while_the_other_branch_is_computed() {
    // tmux showed it: `:2` Enter, v, V, q saved step 1. The other branch had no frame yet, so
    // the step *shown* there was its first; going back carried that instead of step 2.
    let mut app = App::new(lesson(), &options());
    let main = app.take_jobs().remove(0);
    for event in run_job(&main) {
        app.update(Message::Worker(event));
    }
    let _ = app.take_jobs(); // the variant prefetch: not run yet
    send(&mut app, &[Command::JumpStart]);
    app.update(Message::JumpDigit(2));
    send(&mut app, &[Command::JumpConfirm]);
    assert_eq!(app.cursor(), 1);
    send(&mut app, &[Command::NextVariant]);
    assert!(
        app.current().frames.is_empty(),
        "branch 2 is not computed yet"
    );
    assert_eq!(app.cursor(), 1, "step 2 asked for on branch 2");
    send(&mut app, &[Command::PrevVariant]);
    assert_eq!(app.current().label(), "Main path");
    assert_eq!(app.cursor(), 1, "back on the main path at step 2, not 1");
    assert_eq!(app.position(), Some((2, None)));
    // Twice through every branch before any job ran: still step 2.
    send(&mut app, &[Command::NextVariant; 8]);
    assert_eq!(app.cursor(), 1);
    assert_eq!(
        app.exit_line(true, "cogflow"),
        "Saved at step 2 of 5; `cogflow` resumes there."
    );
}

#[test]
fn the_welcome_the_branch_and_the_exit_line_speak_the_lessons_language() {
    let spanish = crate::scenario::resolve(Some("signin-basic-es")).unwrap();
    let welcome = Options {
        welcome: true,
        ..options()
    };
    let mut app = App::new(spanish, &welcome);
    assert_eq!(
        app.status(),
        Some("¡Bienvenido! → empieza la lección · ? todas las teclas · q sale")
    );
    app.run_jobs_here();
    send(&mut app, &[Command::Next, Command::NextVariant]);
    let status = app.status().unwrap_or_default().to_owned();
    assert!(status.starts_with("Rama 2 de 4: "), "{status}");
    send(&mut app, &[Command::PrevVariant]);
    assert_eq!(app.status(), Some("Rama 1 de 4: Camino principal"));
    app.note_position();
    assert_eq!(
        app.exit_line(true, "cogflow run signin-basic-es"),
        "Guardado en el paso 2 de 5; `cogflow run signin-basic-es` sigue ahí."
    );
    let english = App::new(lesson(), &welcome);
    assert_eq!(
        english.status(),
        Some("Welcome! → starts the lesson · ? every key · q quits")
    );
    assert_eq!(
        english.exit_line(false, "cogflow"),
        "Left at step 1; not saved (--no-save or a read-only store)."
    );
}

#[test]
fn an_unknown_variant_falls_back_to_the_main_path_with_a_message() {
    let app = App::new(
        lesson(),
        &Options {
            variant: Some("nope".into()),
            ..options()
        },
    );
    assert_eq!(app.current().label(), "Main path");
    assert!(app.status().unwrap().contains("no variant `nope`"));
}

#[test]
fn digits_switch_modes_and_a_colon_goes_to_a_step() {
    let mut app = ready(&options());
    // Digits only switch modes: 2 then 4 is mode 4, and Enter there does nothing.
    app.update(Message::ModeDigit(2));
    app.update(Message::ModeDigit(4));
    assert_eq!((app.mode(), app.cursor()), (Mode::Tracker, 0));
    assert!(app.pending_jump().is_none());

    // `:` 4 Enter goes to step 4 and keeps the mode.
    send(&mut app, &[Command::JumpStart]);
    app.update(Message::JumpDigit(4));
    assert_eq!(app.pending_jump(), Some("4"));
    send(&mut app, &[Command::JumpConfirm]);
    assert_eq!((app.cursor(), app.mode()), (3, Mode::Tracker));
    assert!(app.pending_jump().is_none());
    assert_eq!(
        app.status(),
        Some(
            "Passed over the predictions of steps 3 and 4 (step back before them, then → asks them)."
        )
    );

    // A number that names no step says so and stays open to be corrected.
    send(&mut app, &[Command::JumpStart]);
    app.update(Message::JumpDigit(2));
    app.update(Message::JumpDigit(4));
    send(&mut app, &[Command::JumpConfirm]);
    assert_eq!(
        app.status(),
        Some("There is no step 24; this branch has steps 1 to 5.")
    );
    assert_eq!(app.pending_jump(), Some("24"));
    send(&mut app, &[Command::JumpBackspace, Command::JumpConfirm]);
    assert_eq!(app.cursor(), 1);

    // Esc forgets the number; any other key forgets it and does its own thing.
    send(&mut app, &[Command::JumpStart]);
    app.update(Message::JumpDigit(5));
    send(&mut app, &[Command::JumpCancel]);
    assert_eq!((app.cursor(), app.pending_jump()), (1, None));
    send(&mut app, &[Command::JumpStart]);
    app.update(Message::JumpDigit(5));
    send(&mut app, &[Command::First]);
    assert_eq!((app.cursor(), app.pending_jump()), (0, None));

    // From a mode that hides the step, the jump shows it in step-through.
    app.update(Message::ModeDigit(6));
    send(&mut app, &[Command::JumpStart]);
    app.update(Message::JumpDigit(2));
    send(&mut app, &[Command::JumpConfirm]);
    assert_eq!((app.cursor(), app.mode()), (1, Mode::StepThrough));
}

#[test]
fn esc_backs_out_and_never_quits() {
    let mut app = ready(&options());
    send(&mut app, &[Command::Escape]);
    assert!(!app.should_quit());
    assert_eq!(
        app.status(),
        Some("Esc closes what is open; nothing is. q quits.")
    );
    send(&mut app, &[Command::Escape, Command::Escape]);
    assert!(!app.should_quit(), "Esc twice: still running");
    send(&mut app, &[Command::Help, Command::CloseHelp]);
    assert!(!app.help_open() && !app.should_quit());
    send(&mut app, &[Command::Quit]);
    assert!(app.should_quit());
}

#[test]
fn modes_cycle_and_overlays_toggle() {
    let mut app = ready(&options());
    let cases: &[(Command, Mode)] = &[
        (Command::PrevMode, Mode::Token),
        (Command::NextMode, Mode::StepThrough),
        (Command::NextMode, Mode::Flow),
    ];
    for (c, want) in cases {
        send(&mut app, &[*c]);
        assert_eq!(app.mode(), *want, "{c:?}");
    }
    send(&mut app, &[Command::Help]);
    assert!(app.help_open());
    send(&mut app, &[Command::CloseHelp]);
    assert!(!app.help_open());
    assert!(!app.should_quit());
    send(&mut app, &[Command::Quit]);
    assert!(app.should_quit());
}

#[test]
fn scrolling_belongs_to_the_mode_and_resets_on_a_new_step() {
    let mut app = ready(&options());
    app.update(Message::ModeDigit(8));
    send(
        &mut app,
        &[Command::ScrollDown, Command::ScrollDown, Command::PageDown],
    );
    assert_eq!(app.scroll().transcript, 12);
    send(&mut app, &[Command::PageUp, Command::PageUp]);
    assert_eq!(app.scroll().transcript, 0);
    send(&mut app, &[Command::NextMode, Command::NextMode]); // 1
    send(&mut app, &[Command::ScrollDown]);
    assert_eq!(app.scroll().step, 1);
    send(&mut app, &[Command::Next]);
    assert_eq!(app.scroll().step, 0);
}

#[test]
fn the_quiz_grades_gives_hints_reveals_and_moves_on() {
    use crate::quiz::Status;
    let mut app = ready(&options());
    app.update(Message::ModeDigit(6));
    let session = |app: &App| app.quiz().session.clone().unwrap();
    app.update(Message::QuizLetter(1)); // B: wrong (the answer is A)
    send(&mut app, &[Command::QuizAnswer]);
    let s = session(&app);
    assert_eq!(
        (s.current_state().status(), s.hints_shown().len()),
        (Status::Wrong, 0),
        "a wrong answer offers a hint (h) without spending it"
    );
    assert!(matches!(
        app.quiz().feedback,
        Some(Feedback::Wrong {
            choice: 1,
            again: false,
        })
    ));
    send(&mut app, &[Command::QuizUp, Command::QuizAnswer]);
    assert_eq!(session(&app).current_state().status(), Status::Right);
    assert_eq!(app.quiz().score(), (0, 3), "right, but not the first time");
    send(&mut app, &[Command::QuizAnswer]); // Enter on a finished question: the next one
    assert_eq!(session(&app).current_index(), 1);
    assert_eq!(app.quiz().feedback, None);
    app.update(Message::QuizLetter(9)); // no choice J: ignored
    assert_eq!(session(&app).current_state().selected(), 0);
    send(&mut app, &[Command::QuizReveal]);
    assert_eq!(session(&app).current_state().status(), Status::Revealed);
    assert!(matches!(
        app.quiz().feedback,
        Some(Feedback::Revealed { answer: 2 })
    ));
    send(&mut app, &[Command::QuizPrevQuestion]);
    assert_eq!(session(&app).current_index(), 0);
}

#[test]
fn a_question_shows_its_step_on_the_branch_that_has_it_and_esc_comes_back() {
    let mut app = ready(&options());
    send(&mut app, &[Command::Next]);
    app.update(Message::ModeDigit(6));
    send(&mut app, &[Command::QuizShowStep]);
    assert_eq!(
        (app.mode(), app.cursor()),
        (Mode::StepThrough, 2),
        "q1 is about step 3"
    );
    assert!(app.status().unwrap().contains("Esc goes back"));
    assert_eq!(app.key_context().layer, Layer::Detour);
    assert_eq!(app.detour().unwrap().question, 0);
    send(&mut app, &[Command::Next]); // looking around does not lose the way back
    send(&mut app, &[Command::BackToQuiz]);
    assert_eq!(
        (app.mode(), app.cursor()),
        (Mode::Quiz, 1),
        "back on the question, and on the step the learner had left"
    );
    assert!(app.detour().is_none() && app.key_context().layer == Layer::Lesson);

    // q3 is about the error branch's "rejected" step: the jump switches to that branch.
    send(
        &mut app,
        &[
            Command::QuizNextQuestion,
            Command::QuizNextQuestion,
            Command::QuizShowStep,
        ],
    );
    assert_eq!(app.mode(), Mode::StepThrough);
    assert_eq!(app.current().variant_id(), Some("wrong-password"));
    assert_eq!(app.frame().unwrap().step_id.as_deref(), Some("rejected"));
    assert!(
        app.status()
            .unwrap()
            .contains("What if the password is wrong?")
    );
    // 6 comes back too, to the main path and question 3.
    app.update(Message::ModeDigit(6));
    assert_eq!(app.mode(), Mode::Quiz);
    assert_eq!(app.current().label(), "Main path");
    assert_eq!(app.quiz().session.as_ref().unwrap().current_index(), 2);
}

#[test]
fn a_jump_to_a_branch_not_computed_yet_goes_to_its_laid_out_step_and_waits_for_it() {
    let mut app = App::new(lesson(), &options());
    // Only the main path: the variant is not computed.
    let main = app.take_jobs().remove(0);
    for event in run_job(&main) {
        app.update(Message::Worker(event));
    }
    let prefetch = app.take_jobs(); // the other branches: not run yet
    assert_eq!(prefetch.len(), app.scenario().file.variants.len());
    app.update(Message::ModeDigit(6));
    send(
        &mut app,
        &[
            Command::QuizNextQuestion,
            Command::QuizNextQuestion,
            Command::QuizShowStep,
        ],
    );
    assert_eq!(app.current().variant_id(), Some("wrong-password"));
    assert!(app.checking(), "the branch is being computed");
    assert_eq!(app.cursor(), 3, "its step 4, known from its layout");
    assert!(app.status().unwrap().contains("Esc goes back"));
    for event in run_job(&prefetch[0]) {
        app.update(Message::Worker(event));
    }
    assert_eq!(app.frame().unwrap().step_id.as_deref(), Some("rejected"));
    assert!(app.status().unwrap().contains("Esc goes back"));
}

#[test]
fn predictions_are_asked_before_their_step_once_per_branch() {
    let mut app = ready(&options());
    send(&mut app, &[Command::Next, Command::Next]);
    let (prediction, frame, ask) = app.prediction_asked().unwrap();
    assert!(prediction.prompt.contains("What will Cognito answer?"));
    assert_eq!((frame.number, ask.selected), (3, 0));
    assert_eq!(app.frame().unwrap().number, 2, "step 3 is not shown yet");
    let right = KeyCode::Right.into();
    assert_eq!(
        keymap::message_for(&right, app.key_context()),
        Some(Message::Do(Command::PredictSkip))
    );
    // A mode that hides the step keeps the prediction waiting; → there says so.
    app.update(Message::ModeDigit(5));
    assert_eq!(
        keymap::message_for(&right, app.key_context()),
        Some(Message::Do(Command::Next))
    );
    send(&mut app, &[Command::Next]);
    assert!(app.status().unwrap().contains("waits for your prediction"));
    app.update(Message::ModeDigit(1));
    send(&mut app, &[Command::PredictDown, Command::PredictDown]);
    app.update(Message::PredictLetter(1));
    app.update(Message::PredictLetter(9)); // no choice J: ignored
    assert_eq!(app.prediction_asked().unwrap().2.selected, 1);
    send(&mut app, &[Command::PredictAnswer]);
    assert_eq!(app.frame().unwrap().number, 3);
    assert_eq!(
        app.status(),
        Some("✗ You predicted B; it is A. Predictions: 0 of 1 right.")
    );
    let (_, entry) = app.prediction_made().unwrap();
    assert_eq!(
        (entry.choice, entry.right_choice, entry.correct),
        (1, 0, false)
    );
    assert!(
        app.take_records()
            .iter()
            .any(|r| matches!(r, Record::Prediction(e) if e.step_index == 2 && !e.correct))
    );
    // Back and forward over it: not asked again.
    send(&mut app, &[Command::Back, Command::Next]);
    assert!(app.prediction_asked().is_none());
    assert_eq!(app.cursor(), 2);
    // Step 4: Esc stays on step 3; → asks again; the right answer.
    send(&mut app, &[Command::Next, Command::PredictCancel]);
    assert_eq!((app.cursor(), app.prediction_asked()), (2, None));
    send(&mut app, &[Command::Next]);
    app.update(Message::PredictLetter(1)); // JWT token
    send(&mut app, &[Command::PredictAnswer]);
    assert_eq!(app.cursor(), 3);
    assert_eq!(
        app.predictions().score().to_string(),
        "1 of 2 predictions right"
    );
    // The other branch asks its own, graded against its own run.
    send(&mut app, &[Command::NextVariant, Command::First]);
    app.run_jobs_here();
    send(&mut app, &[Command::Next, Command::Next]);
    assert_eq!(app.prediction_asked().unwrap().1.number, 3);
    app.update(Message::PredictLetter(1)); // NotAuthorizedException
    send(&mut app, &[Command::PredictAnswer]);
    assert!(app.prediction_made().unwrap().1.correct);
    assert_eq!(app.predictions().score().total, 3);
}

#[test]
fn a_prediction_made_before_is_not_asked_and_counts() {
    let steps = lesson().file.steps;
    let mut log = crate::quiz::PredictionLog::new();
    let prediction = steps[2].predict.as_ref().unwrap();
    log.record(2, None, prediction, 0, Some("Valid")).unwrap();
    let mut app = ready(&Options {
        predictions: log,
        ..options()
    });
    send(&mut app, &[Command::Next, Command::Next]);
    assert!(app.prediction_asked().is_none());
    assert_eq!(app.cursor(), 2);
    assert!(app.prediction_made().unwrap().1.correct);
    send(&mut app, &[Command::Next]);
    assert_eq!(app.prediction_asked().unwrap().1.number, 4);
}

#[test]
fn resuming_says_where_and_how_to_start_over() {
    let app = ready(&Options {
        step: Some(4),
        resumed: true,
        ..options()
    });
    assert_eq!(app.cursor(), 3);
    assert_eq!(
        app.status(),
        Some("Resumed at step 4 — g goes to step 1 · R starts the lesson over.")
    );
    let on_variant = ready(&Options {
        step: Some(2),
        variant: Some("wrong-password".into()),
        resumed: true,
        notices: vec!["warning: a damaged file was moved aside".into()],
        ..options()
    });
    assert_eq!(
        on_variant.status(),
        Some(
            "warning: a damaged file was moved aside · Resumed at step 2 of “What if the password is wrong?” — g goes to step 1 · R starts the lesson over."
        )
    );
}

#[test]
fn moves_answers_and_predictions_are_queued_for_saving_but_never_a_try() {
    let mut app = ready(&options());
    assert!(app.take_records().is_empty(), "nothing moved yet");
    send(
        &mut app,
        &[Command::Next, Command::ScrollDown, Command::Next],
    );
    app.update(Message::ModeDigit(6));
    app.update(Message::QuizLetter(1));
    send(&mut app, &[Command::QuizAnswer, Command::QuizReveal]);
    let records = app.take_records();
    let steps: Vec<&Record> = records
        .iter()
        .filter(|r| matches!(r, Record::Step { .. }))
        .collect();
    assert_eq!(
        steps,
        [&Record::Step {
            step: 2,
            variant: None
        }],
        "one record per move; a prediction asked keeps step 2"
    );
    let attempts: Vec<(bool, bool)> = records
        .iter()
        .filter_map(|r| match r {
            Record::Attempt(a) => Some((a.correct, a.revealed)),
            _ => None,
        })
        .collect();
    assert_eq!(attempts, [(false, false), (false, true)]);
    // The learner's own try is never saved as a position.
    app.update(Message::ModeDigit(9));
    send(&mut app, &[Command::TryOpen]);
    for c in "user123".chars() {
        app.update(Message::Type(c));
    }
    send(&mut app, &[Command::FormSubmit]);
    app.run_jobs_here();
    send(&mut app, &[Command::First, Command::Next]);
    assert!(
        app.take_records()
            .iter()
            .all(|r| !matches!(r, Record::Step { .. })),
        "no position on a try"
    );
}

#[test]
fn the_quiz_ends_with_a_summary_and_retries() {
    let mut app = ready(&options());
    app.update(Message::ModeDigit(6));
    let session = |app: &App| app.quiz().session.clone().unwrap();
    send(&mut app, &[Command::QuizAnswer]); // q1: A, right
    send(&mut app, &[Command::QuizAnswer]); // next
    send(&mut app, &[Command::QuizHint]);
    assert_eq!(session(&app).hints_shown().len(), 1);
    send(&mut app, &[Command::QuizHint, Command::QuizHint]);
    assert!(app.status().unwrap().contains("No more hints"));
    send(&mut app, &[Command::QuizReveal, Command::QuizAnswer]); // q2 revealed; next
    app.update(Message::QuizLetter(1));
    send(&mut app, &[Command::QuizAnswer]); // q3: B, right
    assert!(!app.quiz().summary);
    send(&mut app, &[Command::QuizAnswer]);
    assert!(
        app.quiz().summary,
        "Enter after the last question: the summary"
    );
    assert!(app.key_context().quiz_summary);
    assert_eq!(
        keymap::message_for(&KeyCode::Char('a').into(), app.key_context()),
        Some(Message::Do(Command::QuizRetryAll)),
        "a retries in the summary (no choice A on screen)"
    );
    send(&mut app, &[Command::QuizRetryMissed]);
    assert!(!app.quiz().summary);
    assert_eq!(
        app.status(),
        Some("Round 2: 1 question to answer again, the choices in a new order.")
    );
    let s = session(&app);
    assert_eq!((s.round(), s.current_index()), (2, 1));
    assert_eq!(s.score().right, 2);
    send(&mut app, &[Command::QuizRetryAll]); // only in the summary: nothing happens
    assert_eq!(session(&app).round(), 2);
}

#[test]
fn try_it_runs_the_typed_inputs_as_a_new_branch() {
    let mut app = ready(&options());
    app.update(Message::ModeDigit(9));
    send(&mut app, &[Command::TryOpen]);
    assert!(app.form_open());
    for c in "user123".chars() {
        app.update(Message::Type(c));
    }
    send(&mut app, &[Command::FormNextField]);
    for c in "wrong-pass1".chars() {
        app.update(Message::Type(c));
    }
    assert_eq!(app.tryit().shown_password(), "•".repeat(11));
    let _ = app.take_jobs(); // the variant prefetch
    send(&mut app, &[Command::FormSubmit]);
    let jobs = app.take_jobs();
    assert_eq!(jobs.len(), 1);
    match &jobs[0].kind {
        JobKind::Try(o) => {
            assert_eq!(o.username.as_deref(), Some("user123"));
            assert_eq!(o.password.as_deref(), Some("wrong-pass1"));
        }
        other => panic!("{other:?}"),
    }
    assert!(app.tryit().password.is_empty(), "the password is not kept");
    assert!(!app.form_open());
    assert_eq!(app.current().label(), "Your try (username user123)");
    for event in run_job(&jobs[0]) {
        app.update(Message::Worker(event));
    }
    assert!(app.current().is_done());
    assert_eq!(
        app.cursor(),
        app.current().total().unwrap() - 1,
        "shows how it ended"
    );
}

#[test]
fn events_of_an_unknown_job_are_ignored() {
    let mut app = ready(&options());
    let before = app.current().clone();
    app.update(Message::Worker(WorkerEvent::Failed {
        job: 999,
        error: "stale".into(),
    }));
    assert_eq!(app.current(), &before);
}

#[test]
fn a_reload_keeps_the_step_and_errors_show_until_fixed() {
    let mut app = ready(&options());
    send(
        &mut app,
        &[Command::Next, Command::Next, Command::PredictSkip],
    );
    let before = app.scenario.clone();
    app.update(Message::Reloaded(Reload {
        scenario: None,
        problems: vec!["x.toml:3:1: error: bad".into()],
    }));
    assert_eq!(app.watch_problems(), ["x.toml:3:1: error: bad"]);
    assert!(app.watch_stale(), "the last good lesson stays");
    assert!(Arc::ptr_eq(&app.scenario, &before));
    // The file as it was (the first check of a watch, or a save that changed nothing):
    // its problems show, nothing else moves.
    app.update(Message::Reloaded(Reload {
        scenario: Some(Box::new(lesson())),
        problems: vec!["x.toml:9:1: warning: step 4 has no `explain`".into()],
    }));
    assert!(!app.watch_stale());
    assert_eq!(app.watch_problems().len(), 1, "warnings are shown too");
    assert!(
        Arc::ptr_eq(&app.scenario, &before),
        "the same lesson is kept"
    );
    assert!(!app.status().is_some_and(|s| s.contains("Reloaded")));
    let mut edited = lesson();
    edited.file.steps[0].label = Some("Edited".into());
    app.update(Message::Reloaded(Reload {
        scenario: Some(Box::new(edited)),
        problems: Vec::new(),
    }));
    assert!(app.watch_problems().is_empty());
    app.run_jobs_here();
    assert_eq!(app.cursor(), 2);
    assert_eq!(app.scenario.file.steps[0].label.as_deref(), Some("Edited"));
    assert!(app.status().unwrap().contains("Reloaded"));
}

#[test]
fn a_failed_run_is_shown_not_fatal() {
    let mut app = App::new(lesson(), &options());
    let job = app.take_jobs().remove(0);
    app.update(Message::Worker(WorkerEvent::Failed {
        job: job.id,
        error: "the pool could not be built".into(),
    }));
    assert!(app.current().is_done());
    assert_eq!(app.current().total(), Some(0));
    assert!(!app.checking());
}

#[test]
fn shuffled_choices_follow_the_seed_and_are_recorded() {
    let mut scenario = lesson();
    scenario.file.scenario.shuffle_choices = true;
    let mut app = App::new(scenario.clone(), &options());
    app.run_jobs_here();
    let session = app.quiz().session.clone().unwrap();
    assert_eq!(session.seed(), Some(7));
    let again = App::new(scenario, &options());
    assert_eq!(
        again.quiz().session.as_ref().unwrap().current().order,
        session.current().order,
        "the same seed shows the same order"
    );
    let right = session.current().answer_shown();
    app.update(Message::ModeDigit(6));
    app.update(Message::QuizLetter(right));
    send(&mut app, &[Command::QuizAnswer]);
    let attempt = app
        .take_records()
        .into_iter()
        .find_map(|r| match r {
            Record::Attempt(a) => Some(a),
            _ => None,
        })
        .unwrap();
    assert!(attempt.correct);
    assert_eq!(attempt.seed, Some(7));
    assert_eq!(attempt.order, session.current().order);
    assert_eq!(
        attempt.choice_original,
        Some(0),
        "q1's answer is A in the file"
    );
}

#[test]
fn token_checks_are_the_apps_own_from_their_step_and_a_preview_before() {
    let mut app = ready(&Options {
        step: Some(5),
        ..options()
    });
    let own = app.token_checks(TokenKind::Id).unwrap();
    assert_eq!(own.source, ChecksSource::App { step: 5 });
    send(&mut app, &[Command::Back]); // step 4: the token has arrived, unchecked
    let preview = app.token_checks(TokenKind::Id).unwrap();
    assert_eq!(preview.source, ChecksSource::Preview);
    assert_eq!(
        preview.checks, own.checks,
        "the same verifier, the same clock"
    );
    assert!(app.token_checks(TokenKind::Refresh).is_none());

    // The preview is what the engine recorded for the step (no verification on the render path).
    let recorded = &app.paths[0].frames[3].token_checks;
    assert_eq!(recorded.len(), 2, "ID and access token");
    assert_eq!(recorded[0].checks, preview.checks);
}

#[test]
fn a_skipped_prediction_is_queued_to_save_once() {
    let mut app = ready(&options());
    send(
        &mut app,
        &[Command::Next, Command::Next, Command::PredictSkip],
    );
    let skips: Vec<Record> = app
        .take_records()
        .into_iter()
        .filter(|r| matches!(r, Record::PredictionSkipped { .. }))
        .collect();
    assert_eq!(
        skips,
        [Record::PredictionSkipped {
            step_index: 2,
            variant: None
        }]
    );
    // Back and forward again: not asked, not queued again.
    send(&mut app, &[Command::Back, Command::Next]);
    assert!(
        !app.take_records()
            .iter()
            .any(|r| matches!(r, Record::PredictionSkipped { .. }))
    );
}

#[test]
fn scrolling_stops_where_the_drawing_says_the_content_ends() {
    let mut app = ready(&options());
    app.update(Message::ModeDigit(8));
    send(&mut app, &[Command::PageDown; 5]);
    assert_eq!(
        app.scroll().transcript,
        50,
        "nothing drawn yet: no limit known"
    );
    app.update(Message::Viewport(Scroll {
        transcript: 12,
        ..Scroll::UNKNOWN
    }));
    assert_eq!(app.scroll().transcript, 12);
    send(&mut app, &[Command::PageDown]);
    assert_eq!(
        app.scroll().transcript,
        12,
        "past the end: stays at the end"
    );
    send(&mut app, &[Command::ScrollUp]);
    assert_eq!(
        app.scroll().transcript,
        11,
        "the first key back moves the view"
    );

    // Mode 3: ↑ ↓ PgUp PgDn move the table's rows (up from the bottom), [ ] the request.
    app.update(Message::ModeDigit(3));
    app.update(Message::Viewport(Scroll {
        rows: 3,
        table: 5,
        ..Scroll::UNKNOWN
    }));
    send(&mut app, &[Command::ScrollUp; 5]);
    assert_eq!(app.scroll().rows, 3);
    send(
        &mut app,
        &[Command::PanelDown, Command::PanelDown, Command::ScrollDown],
    );
    assert_eq!((app.scroll().rows, app.scroll().table), (2, 2));
    send(&mut app, &[Command::PageDown]);
    assert_eq!(app.scroll().rows, 0);
    // A new step: the table follows it again, the request starts at its top.
    send(
        &mut app,
        &[Command::ScrollUp, Command::PanelDown, Command::Next],
    );
    assert_eq!((app.scroll().rows, app.scroll().table), (0, 0));
}

/// The app on built-in lesson `scenario` at its last step, in mode 9.
fn at_end_in_mode_9(scenario: Scenario) -> App {
    let options = Options {
        seed: 1,
        mode: Mode::Token,
        ..Options::default()
    };
    let mut app = App::new(scenario, &options);
    app.run_jobs_here();
    send(&mut app, &[Command::Last]);
    app
}

/// Issue 8 item 7: after GlobalSignOut the access token still passes every offline check,
/// and the checks say Cognito revoked it (step 7) and refused it (GetUser at step 8). Before
/// the sign-out, nothing is revoked; a later sign-in's tokens would not be.
#[test]
fn a_signed_out_token_is_known_revoked_though_its_checks_pass() {
    let lesson = crate::scenario::resolve(Some("tokens-and-sign-out")).unwrap();
    let mut app = at_end_in_mode_9(lesson);
    let checks = app.token_checks(TokenKind::Access).unwrap();
    assert!(checks.checks.iter().all(|c| c.passed), "{checks:?}");
    let revoked = checks.revoked.unwrap();
    assert_eq!((revoked.step, revoked.by), (7, Action::GlobalSignOut));
    assert_eq!(
        revoked.refused,
        Some((
            8,
            "NotAuthorizedException: Access Token has been revoked".to_owned()
        ))
    );
    // The ID token is revoked with the sign-in, but no user API refuses it.
    let id = app.token_checks(TokenKind::Id).unwrap().revoked.unwrap();
    assert_eq!((id.step, id.refused), (7, None));
    // At step 6 (signed in again, not yet signed out) nothing is revoked.
    app.navigate(nav::Event::GoTo(6));
    assert_eq!(app.shown_index(), 5);
    assert_eq!(app.token_checks(TokenKind::Access).unwrap().revoked, None);
}

/// Disabling the user revokes their tokens too (the mock, as AWS, revokes every sign-in).
#[test]
fn a_disabled_users_token_is_known_revoked() {
    let mut lesson = crate::scenario::resolve(Some("tokens-and-sign-out")).unwrap();
    let signout = lesson
        .file
        .steps
        .iter_mut()
        .find(|s| s.id.as_deref() == Some("signout"))
        .unwrap();
    signout.action = Action::AdminDisableUser;
    let app = at_end_in_mode_9(lesson);
    let checks = app.token_checks(TokenKind::Access).unwrap();
    assert!(checks.checks.iter().all(|c| c.passed), "{checks:?}");
    let revoked = checks.revoked.unwrap();
    assert_eq!((revoked.step, revoked.by), (7, Action::AdminDisableUser));
    assert_eq!(revoked.refused.map(|r| r.0), Some(8));
}

#[test]
fn a_next_pressed_before_step_one_arrives_goes_to_step_two() {
    // tmux (qr_tmux, 2 runs of 3): → as soon as "Step 1/9" was drawn from the layout, before
    // step 1's frame, was refused and its "still checking step 1" cleared on arrival: the
    // learner's key did nothing.
    let mut app = App::new(lesson(), &options());
    let job = app.take_jobs().remove(0);
    let all = run_job(&job);
    let first = all
        .iter()
        .position(|e| matches!(e, WorkerEvent::Frame { .. }))
        .unwrap();
    for event in all[..first].iter().cloned() {
        app.update(Message::Worker(event));
    }
    send(&mut app, &[Command::Next]);
    for event in all[first..].iter().cloned() {
        app.update(Message::Worker(event));
    }
    assert_eq!(app.cursor(), 1);
    assert_eq!(app.frame().unwrap().number, 2);
    assert_eq!(app.status(), None);
}

/// Presses `code` through the key table, as the terminal would.
fn press(app: &mut App, code: KeyCode) {
    let key = crossterm::event::KeyEvent::new(code, crossterm::event::KeyModifiers::NONE);
    if let Some(message) = keymap::message_for(&key, app.key_context()) {
        app.update(message);
    }
}

fn type_text(app: &mut App, text: &str) {
    for c in text.chars() {
        press(app, KeyCode::Char(c));
    }
}

#[test]
fn the_first_quiz_asks_the_learners_name_once_and_records_it() {
    let asking = Options {
        ask_name: true,
        ..options()
    };
    let mut app = ready(&asking);
    press(&mut app, KeyCode::Char('6'));
    assert_eq!((app.mode(), app.name_typed()), (Mode::Quiz, Some("")));
    assert_eq!(app.key_context().layer, Layer::Name);
    // (ui::tests::the_name_prompt_and_the_start_over_question_are_drawn: how they look.)
    assert!(
        keymap::footer(app.key_context()).contains(&("Enter", "keep name")),
        "the footer's hints"
    );
    // Every printable key types (q, digits, ?), Backspace takes one off; Enter on nothing
    // is refused, saying why.
    press(&mut app, KeyCode::Enter);
    assert_eq!(
        app.status(),
        Some("Type a name, or Esc to go on without one.")
    );
    type_text(&mut app, "Ana Garcíaq?1");
    for _ in 0..3 {
        press(&mut app, KeyCode::Backspace);
    }
    assert_eq!(app.name_typed(), Some("Ana García"));
    assert!(!app.should_quit());
    press(&mut app, KeyCode::Enter);
    assert_eq!((app.mode(), app.name_typed()), (Mode::Quiz, None));
    assert_eq!(
        app.status(),
        Some("Thanks, Ana García: your answers are recorded under this name from now on.")
    );
    let records = app.take_records();
    assert!(
        records.contains(&Record::Learner("Ana García".to_owned())),
        "{records:?}"
    );
    // The quiz's keys work again, and leaving and coming back does not ask again.
    press(&mut app, KeyCode::Char('1'));
    press(&mut app, KeyCode::Char('6'));
    assert_eq!((app.mode(), app.name_typed()), (Mode::Quiz, None));

    // Esc goes on without a name, and is not asked again this run.
    let mut app = ready(&asking);
    press(&mut app, KeyCode::Char('6'));
    type_text(&mut app, "An");
    press(&mut app, KeyCode::Esc);
    assert_eq!((app.mode(), app.name_typed()), (Mode::Quiz, None));
    assert!(app.status().unwrap().starts_with("No name:"));
    assert!(!app.asks_name());
    press(&mut app, KeyCode::Char('1'));
    press(&mut app, KeyCode::Char('6'));
    assert_eq!(app.name_typed(), None);
    assert!(
        !app.take_records()
            .iter()
            .any(|r| matches!(r, Record::Learner(_)))
    );

    // Not asked when a name is known (or nothing is saved): ask_name is false.
    let mut app = ready(&options());
    press(&mut app, KeyCode::Char('6'));
    assert_eq!(app.name_typed(), None);
}

#[test]
fn r_asks_then_starts_the_lesson_over_forgetting_predictions_and_answers() {
    let mut app = ready(&options());
    send(&mut app, &[Command::Next, Command::Next]);
    assert!(app.asking().is_some(), "step 3 asks a prediction");
    send(&mut app, &[Command::PredictAnswer]);
    assert_eq!(app.predictions().score().total, 1);
    press(&mut app, KeyCode::Char('v'));
    press(&mut app, KeyCode::Char('6'));
    send(&mut app, &[Command::QuizAnswer]);
    assert_eq!(app.quiz().score().0, 1);
    let _ = app.take_records();
    // R asks; Esc (or n) keeps everything.
    press(&mut app, KeyCode::Char('R'));
    assert_eq!(app.confirming(), Some(nav::Confirm::StartOver));
    assert_eq!(app.key_context().layer, Layer::Confirm);
    press(&mut app, KeyCode::Char('x'));
    assert_eq!(
        app.confirming(),
        Some(nav::Confirm::StartOver),
        "other keys do nothing"
    );
    press(&mut app, KeyCode::Esc);
    assert_eq!(app.confirming(), None);
    assert_eq!((app.mode(), app.quiz().score().0), (Mode::Quiz, 1));
    assert!(app.take_records().is_empty());
    // R then y: step 1 of the main path in mode 1, nothing predicted or answered.
    press(&mut app, KeyCode::Char('R'));
    press(&mut app, KeyCode::Char('y'));
    app.run_jobs_here();
    assert_eq!(
        (
            app.mode(),
            app.nav().branch(),
            app.cursor(),
            app.confirming()
        ),
        (Mode::StepThrough, 0, 0, None)
    );
    assert_eq!(app.predictions().score().total, 0);
    assert_eq!(app.quiz().score().0, 0);
    assert_eq!(
        app.status(),
        Some("Started over: step 1 of the main path, no predictions or quiz answers.")
    );
    assert_eq!(
        app.take_records(),
        [Record::StartOver],
        "step 1 is not saved as a place"
    );
    // Step 3 asks its prediction again.
    send(&mut app, &[Command::Next, Command::Next]);
    assert!(app.asking().is_some());
}

/// Issue 8 (minor): the quiz hides the step, so no key of the quiz moves it. ← → went to
/// the previous/next question already (574eb16); Home g and End G go to the first and last
/// question (they moved the hidden step to 1 or 5, which then asked step 3's prediction).
#[test]
fn in_the_quiz_home_and_end_go_to_the_first_and_last_question_not_the_hidden_step() {
    let mut app = ready(&options());
    send(&mut app, &[Command::Next]);
    press(&mut app, KeyCode::Char('6'));
    let question = |app: &App| app.quiz().session.as_ref().unwrap().current_index();
    #[rustfmt::skip]
    let cases: &[(KeyCode, usize)] = &[
        (KeyCode::End, 2),
        (KeyCode::Home, 0),
        (KeyCode::Char('G'), 2),
        (KeyCode::Left, 1),
        (KeyCode::Char('g'), 0),
        (KeyCode::Right, 1),
        (KeyCode::End, 2),
        (KeyCode::End, 2),
    ];
    for (code, want) in cases {
        press(&mut app, *code);
        assert_eq!(
            (app.mode(), question(&app), app.cursor()),
            (Mode::Quiz, *want, 1),
            "after {code:?}: question {want} of 3, the hidden step still 2"
        );
        assert!(
            app.asking().is_none(),
            "no prediction opened behind the quiz"
        );
    }
    // The summary: Home and End review the first and last question.
    app.update(Message::QuizLetter(0));
    let finish = [Command::QuizReveal, Command::QuizAnswer];
    for _ in 0..3 {
        send(&mut app, &finish);
    }
    assert!(app.quiz().summary);
    press(&mut app, KeyCode::Home);
    assert_eq!(
        (app.quiz().summary, question(&app), app.cursor()),
        (false, 0, 1)
    );
    // Out of the quiz, Home and End are the step's again.
    press(&mut app, KeyCode::Char('1'));
    press(&mut app, KeyCode::End);
    assert_eq!(app.cursor(), 4, "End in mode 1: the last step");
}
