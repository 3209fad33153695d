//! The update function, message by message, without a terminal.

use super::*;
use crate::app::worker::run_job;

fn lesson() -> Scenario {
    crate::scenario::resolve(None).unwrap()
}

fn options() -> Options {
    Options {
        seed: 7,
        ..Options::default()
    }
}

/// An app whose first path is fully computed.
fn ready(options: &Options) -> App {
    let mut app = App::new(lesson(), options);
    app.run_jobs_here();
    app
}

fn send(app: &mut App, commands: &[Command]) {
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
        (&[Command::Next, Command::Next], 3),
        (&[Command::Back], 2),
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
    let events = run_job(&job);
    // Started and the first frame only.
    for event in events.iter().take(2).cloned() {
        app.update(Message::Worker(event));
    }
    assert_eq!(app.current().frames.len(), 1);
    assert!(!app.checking());
    send(&mut app, &[Command::Next, Command::Next]);
    assert_eq!(
        app.cursor(),
        2,
        "key presses queue past the computed frames"
    );
    assert!(app.checking());
    assert_eq!(
        app.shown_index(),
        0,
        "the last computed frame stays on screen"
    );
    app.update(Message::Worker(events[2].clone()));
    assert!(app.checking(), "step 3 is still being checked");
    assert_eq!(app.frame().unwrap().number, 2);
    app.update(Message::Worker(events[3].clone()));
    assert!(!app.checking());
    assert_eq!(app.frame().unwrap().number, 3);
    send(&mut app, &[Command::Back]);
    assert_eq!(app.cursor(), 1);
    // End before the run finished follows the last step when it is known.
    send(&mut app, &[Command::Last]);
    for event in events.iter().skip(4).cloned() {
        app.update(Message::Worker(event));
    }
    assert_eq!(app.cursor(), app.current().total().unwrap() - 1);
    assert!(!app.checking());
}

#[test]
fn variants_cycle_and_keep_the_step() {
    let mut app = ready(&options());
    send(&mut app, &[Command::Next, Command::Next]);
    assert_eq!(app.current().label(), "Main path");
    send(&mut app, &[Command::NextVariant]);
    assert_eq!(app.current().label(), "What if the password is wrong?");
    assert_eq!(app.status(), Some("Branch: What if the password is wrong?"));
    app.run_jobs_here();
    assert_eq!(app.cursor(), 2, "same step number on the other branch");
    assert!(matches!(
        app.frame().unwrap().outcome,
        crate::flow::Outcome::Error { .. }
    ));
    send(&mut app, &[Command::NextVariant]);
    assert_eq!(app.current().label(), "Main path");
    assert!(
        app.take_jobs().is_empty(),
        "computed paths are not recomputed"
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
fn digits_switch_modes_and_enter_jumps_back() {
    let mut app = ready(&options());
    app.update(Message::ModeDigit(4));
    assert_eq!(app.mode(), Mode::Tracker);
    assert_eq!(app.pending_jump().unwrap().digits, "4");
    send(&mut app, &[Command::JumpConfirm]);
    assert_eq!((app.cursor(), app.mode()), (3, Mode::StepThrough));
    assert!(app.pending_jump().is_none());

    // A number past the end says so and leaves the mode the digit chose.
    app.update(Message::ModeDigit(9));
    send(&mut app, &[Command::JumpConfirm]);
    assert_eq!((app.cursor(), app.mode()), (3, Mode::Token));
    assert!(app.status().unwrap().contains("no step 9"));

    // Esc forgets the number and goes back; any other key just forgets it.
    app.update(Message::ModeDigit(2));
    send(&mut app, &[Command::JumpCancel]);
    assert_eq!(app.mode(), Mode::Token);
    app.update(Message::ModeDigit(6));
    send(&mut app, &[Command::Next]);
    assert_eq!((app.mode(), app.cursor()), (Mode::Quiz, 4));
    assert!(app.pending_jump().is_none());

    // Two digits: the second extends the number.
    send(&mut app, &[Command::First]);
    app.update(Message::ModeDigit(1));
    app.update(Message::JumpDigit(0));
    assert_eq!(app.pending_jump().unwrap().digits, "10");
    send(&mut app, &[Command::JumpBackspace, Command::JumpConfirm]);
    assert_eq!(app.cursor(), 0);
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
        (Status::Wrong, 1)
    );
    assert!(matches!(
        app.quiz().feedback,
        Some(Feedback::Wrong {
            choice: 1,
            again: false,
            hint: Some(_)
        })
    ));
    send(&mut app, &[Command::QuizUp, Command::QuizAnswer]);
    assert_eq!(session(&app).current_state().status(), Status::Right);
    assert_eq!(app.quiz().score(), (1, 3));
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
fn a_question_shows_its_step_and_6_comes_back() {
    let mut app = ready(&options());
    app.update(Message::ModeDigit(6));
    send(&mut app, &[Command::QuizShowStep]);
    assert_eq!(
        (app.mode(), app.cursor()),
        (Mode::StepThrough, 2),
        "q1 is about step 3"
    );
    assert!(app.status().unwrap().contains("Press 6"));
    app.update(Message::ModeDigit(6));
    assert_eq!(app.mode(), Mode::Quiz);
    // q3 is about the error branch's "rejected" step: not on the main path.
    send(
        &mut app,
        &[
            Command::QuizNextQuestion,
            Command::QuizNextQuestion,
            Command::QuizShowStep,
        ],
    );
    assert_eq!(app.mode(), Mode::Quiz);
    assert!(
        app.status().unwrap().contains("press v"),
        "{:?}",
        app.status()
    );
    send(&mut app, &[Command::NextVariant]);
    app.run_jobs_here();
    send(&mut app, &[Command::QuizShowStep]);
    assert_eq!((app.mode(), app.cursor()), (Mode::StepThrough, 3));
}

#[test]
fn try_it_runs_the_typed_inputs_as_a_new_branch() {
    let mut app = ready(&options());
    app.update(Message::ModeDigit(9));
    send(&mut app, &[Command::TryOpen]);
    assert!(app.key_context().editing);
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
    assert!(!app.key_context().editing);
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
    send(&mut app, &[Command::Next, Command::Next]);
    app.update(Message::Reloaded(Err(vec![
        "x.toml:3:1: error: bad".into(),
    ])));
    assert_eq!(app.load_errors(), ["x.toml:3:1: error: bad"]);
    app.update(Message::Reloaded(Ok(Box::new(lesson()))));
    assert!(app.load_errors().is_empty());
    app.run_jobs_here();
    assert_eq!(app.cursor(), 2);
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
