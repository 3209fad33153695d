//! The TUI drawn into ratatui's TestBackend from real runs of the built-in lesson (seed 1,
//! cryptography timings shown as "N ms"): insta snapshots of every mode at 120x40 and 80x24 at
//! the first and last step and on the wrong-password branch, and of the monochrome theme with
//! its bold/reverse cues spelled out. Modes whose screen does not depend on the step (quiz,
//! snapshot, text) have one snapshot per branch and size: a test asserts every step draws
//! them alike, instead of a snapshot file per step; quiz and snapshot on the wrong-password
//! branch are asserted to differ from the main path's in one line, not kept as files.

use cogflow::app::{App, Command, Message, Mode, Options};
use cogflow::ui;
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::buffer::Buffer;
use ratatui::style::{Color, Modifier};

const SIZES: [(u16, u16); 2] = [(120, 40), (80, 24)];

fn app(variant: Option<&str>, step: usize, monochrome: bool) -> App {
    crate::support::keep_keys();
    let scenario = cogflow::scenario::resolve(None).expect("the built-in lesson loads");
    let options = Options {
        variant: variant.map(str::to_owned),
        step: Some(step),
        monochrome,
        ..Options::for_snapshots(Mode::StepThrough)
    };
    let mut app = App::new(scenario, &options);
    app.run_jobs_here();
    app
}

fn draw(app: &App, w: u16, h: u16) -> Terminal<TestBackend> {
    let mut terminal = Terminal::new(TestBackend::new(w, h)).expect("a test terminal");
    terminal
        .draw(|frame| ui::render(app, frame))
        .expect("drawing into a test backend");
    terminal
}

/// The modes whose screen is the same at every step of a branch (the header's step counter
/// aside): snapshotted once per branch, see [`the_step_independent_modes_draw_every_step_alike`].
const STEP_INDEPENDENT: [Mode; 3] = [Mode::Quiz, Mode::Snapshot, Mode::Transcript];

/// Every mode of `app` at both sizes, as snapshots named `{state}_{mode}_{w}x{h}`, but
/// `skip` (modes another snapshot already shows).
fn snapshot_every_mode(state: &str, mut app: App, skip: &[Mode]) {
    for mode in Mode::ALL {
        assert_eq!(app.mode(), mode);
        if skip.contains(&mode) {
            app.update(Message::Do(Command::NextMode));
            continue;
        }
        for (w, h) in SIZES {
            let terminal = draw(&app, w, h);
            let name = format!(
                "{state}_{}_{}_{w}x{h}",
                mode.number(),
                mode.short().to_lowercase()
            );
            insta::assert_snapshot!(name, terminal.backend());
        }
        app.update(Message::Do(Command::NextMode));
    }
}

#[test]
fn every_mode_at_the_first_step() {
    snapshot_every_mode("first", app(None, 1, false), &[]);
}

#[test]
fn every_mode_at_the_last_step() {
    snapshot_every_mode("last", app(None, 5, false), &STEP_INDEPENDENT);
}

#[test]
fn every_mode_on_the_wrong_password_branch() {
    snapshot_every_mode(
        "wrong_password",
        app(Some("wrong-password"), 5, false),
        &BRANCH_LINE,
    );
}

/// The modes whose screen on another branch differs from the main path's only in the header
/// and one line (asserted in [`the_quiz_and_snapshot_of_a_branch_differ_in_one_line`]).
const BRANCH_LINE: [Mode; 2] = [Mode::Quiz, Mode::Snapshot];

/// `app` in `mode`, drawn at `w`x`h`, one string per row.
fn rows_in(mut app: App, mode: Mode, (w, h): (u16, u16)) -> Vec<String> {
    while app.mode() != mode {
        app.update(Message::Do(Command::NextMode));
    }
    let terminal = draw(&app, w, h);
    let buffer = terminal.backend().buffer();
    (0..h)
        .map(|y| (0..w).map(|x| buffer[(x, y)].symbol()).collect())
        .collect()
}

/// The rows where two screens differ.
fn differing_rows(a: &[String], b: &[String]) -> Vec<usize> {
    assert_eq!(a.len(), b.len());
    (0..a.len()).filter(|&y| a[y] != b[y]).collect()
}

/// Quiz, snapshot and text show the whole lesson, not the step: at every step of the main
/// path they draw exactly what step 1 draws (`first_*` snapshots) but for the header's
/// "Step N/5" (row 1 beside the tabs; at 80 columns row 0 beside the branch, the tabs keeping
/// their names). The quiz opened at step 1 is that same screen (the quiz test's "before"
/// state is asserted here, not kept as a second file).
#[test]
fn the_step_independent_modes_draw_every_step_alike() {
    for size in SIZES {
        for mode in STEP_INDEPENDENT {
            let first = rows_in(app(None, 1, false), mode, size);
            let counted = usize::from(first[1].contains("Step 1/5"));
            assert!(first[counted].contains("Step 1/5"), "{}", first[counted]);
            for step in 2..=5 {
                let later = rows_in(app(None, step, false), mode, size);
                assert_eq!(
                    differing_rows(&first, &later),
                    [counted],
                    "{mode:?} at step {step}, {size:?}:\n{}",
                    later.join("\n")
                );
                let count = format!("Step {step}/5");
                assert!(later[counted].contains(&count), "{}", later[counted]);
            }
        }
    }
}

/// Quiz and snapshot on the wrong-password branch (at its last step) draw the main path's
/// step-1 screen (`first_6_quiz`, `first_7_snap`) but for the header's two rows (branch name,
/// "Step 5/5") and the one line that is the branch's own: the quiz's predictions note (this
/// branch asks one at step 3 only) and the snapshot's ending. Asserted instead of kept as 4
/// more snapshot files.
#[test]
fn the_quiz_and_snapshot_of_a_branch_differ_in_one_line() {
    let cases = [
        (
            Mode::Quiz,
            "Predictions: none yet (step 3 asks one as you step onto it).",
        ),
        (Mode::Snapshot, "This branch ends: Login failed"),
    ];
    for size in SIZES {
        for (mode, own) in cases {
            let main = rows_in(app(None, 1, false), mode, size);
            let branch = rows_in(app(Some("wrong-password"), 5, false), mode, size);
            let screen = branch.join("\n");
            let rows = differing_rows(&main, &branch);
            // The header's rows that differ: the branch and "Step 5/5" (at 80 columns both on
            // row 0, the tabs unchanged), then the branch's own line.
            let head = rows.iter().filter(|&&r| r < 2).count();
            assert_eq!(
                rows.len(),
                head + 1,
                "{mode:?} {size:?}: rows {rows:?} differ:\n{screen}"
            );
            assert_eq!(rows[0], 0, "{mode:?} {size:?}:\n{screen}");
            assert!(branch[0].contains("Branch 2/4"), "{}", branch[0]);
            assert!(
                branch[0].contains("Step 5/5") || branch[1].contains("Step 5/5"),
                "{screen}"
            );
            assert!(
                branch[rows[head]].contains(own),
                "{mode:?} {size:?}:\n{screen}"
            );
        }
    }
}

/// The screen with each cell's modifiers under its row: R reverse, B bold, U underline,
/// D dim, I italic, · none (the first that applies).
fn styles(buf: &Buffer) -> String {
    let area = buf.area;
    let mut out = String::new();
    for y in 0..area.height {
        let mut text = String::new();
        let mut marks = String::new();
        for x in 0..area.width {
            let cell = &buf[(x, y)];
            text.push_str(cell.symbol());
            let m = cell.modifier;
            marks.push(if m.contains(Modifier::REVERSED) {
                'R'
            } else if m.contains(Modifier::BOLD) {
                'B'
            } else if m.contains(Modifier::UNDERLINED) {
                'U'
            } else if m.contains(Modifier::DIM) {
                'D'
            } else if m.contains(Modifier::ITALIC) {
                'I'
            } else {
                '·'
            });
        }
        out.push_str(text.trim_end());
        out.push('\n');
        out.push_str(marks.trim_end_matches('·'));
        out.push('\n');
    }
    out
}

fn assert_no_colour(buf: &Buffer, what: &str) {
    for cell in buf.content() {
        assert!(
            matches!(cell.fg, Color::Reset) && matches!(cell.bg, Color::Reset),
            "{what}: a colour was set ({:?} on {:?}) at {:?}",
            cell.fg,
            cell.bg,
            cell.symbol()
        );
    }
}

#[test]
fn the_monochrome_theme_sets_no_colour_and_keeps_bold_and_reverse() {
    for (state, variant, step) in [
        ("first", None, 1),
        ("last", None, 5),
        ("wrong_password", Some("wrong-password"), 5),
    ] {
        let mut app = app(variant, step, true);
        for mode in Mode::ALL {
            let terminal = draw(&app, 120, 40);
            let buf = terminal.backend().buffer();
            assert_no_colour(buf, &format!("{state} mode {}", mode.number()));
            if mode == Mode::StepThrough {
                let styled = styles(buf);
                assert!(styled.contains('R'), "the current step is in reverse");
                assert!(styled.contains('B'), "bold cues survive");
                insta::assert_snapshot!(format!("mono_{state}_1_steps_120x40"), styled);
            }
            app.update(Message::Do(Command::NextMode));
        }
    }
}

#[test]
fn the_colour_theme_marks_the_same_cues_with_the_same_modifiers() {
    let colour = draw(&app(None, 3, false), 120, 40);
    let mono = draw(&app(None, 3, true), 120, 40);
    let marks = |t: &Terminal<TestBackend>| {
        let buf = t.backend().buffer();
        buf.content()
            .iter()
            .map(|c| c.modifier.contains(Modifier::REVERSED))
            .collect::<Vec<_>>()
    };
    assert_eq!(
        marks(&colour),
        marks(&mono),
        "reverse marks the same cells in both themes"
    );
    assert!(
        colour
            .backend()
            .buffer()
            .content()
            .iter()
            .any(|c| c.fg != Color::Reset),
        "the colour theme uses colour"
    );
}

#[test]
fn every_size_from_tiny_to_huge_draws_without_panicking() {
    let mut app = app(Some("wrong-password"), 4, false);
    for mode in Mode::ALL {
        for (w, h) in [
            (1, 1),
            (10, 3),
            (40, 10),
            (59, 17),
            (60, 18),
            (61, 40),
            (119, 34),
            (120, 40),
            (200, 60),
            (300, 100),
        ] {
            let terminal = draw(&app, w, h);
            let text = terminal.backend().to_string();
            if w < ui::MIN_WIDTH || h < ui::MIN_HEIGHT {
                if w >= 20 && h >= 4 {
                    let words = text.split_whitespace().collect::<Vec<_>>().join(" ");
                    assert!(words.contains("terminal too small"), "{w}x{h}:\n{text}");
                }
            } else {
                assert!(
                    text.contains("Step 4/5"),
                    "{w}x{h} mode {}:\n{text}",
                    mode.number()
                );
            }
        }
        app.update(Message::Do(Command::NextMode));
    }
}

#[test]
fn the_help_overlay_lists_every_key_of_the_table() {
    let mut app = app(None, 1, false);
    app.update(Message::Do(Command::Help));
    let terminal = draw(&app, 120, 40);
    // The table is longer than one screen: ↓ scrolls the rest into view (the glossary beside
    // it grows with the terms the lesson's text uses, so scroll well past today's length).
    let mut text = terminal.backend().to_string();
    for _ in 0..80 {
        app.update(Message::Do(Command::ScrollDown));
        text.push_str(&draw(&app, 120, 40).backend().to_string());
    }
    // A lesson's help leaves out `cogflow serve`'s own keys (tests/it/serve/live.rs has them).
    let lesson = cogflow::app::keymap::BINDINGS
        .iter()
        .filter(|b| !b.context.serve_only());
    for binding in lesson {
        // Long descriptions wrap within their column: look for how each starts.
        let start: String = binding
            .does
            .split(' ')
            .take(3)
            .collect::<Vec<_>>()
            .join(" ");
        assert!(
            text.contains(&start),
            "help lacks {:?}:\n{text}",
            binding.does
        );
        assert!(
            text.contains(binding.shown),
            "help lacks the keys {:?}",
            binding.shown
        );
    }
    insta::assert_snapshot!("help_120x40", terminal.backend());
}

#[test]
fn the_checking_state_shows_while_a_step_is_computed() {
    let scenario = cogflow::scenario::resolve(None).expect("the built-in lesson loads");
    let mut app = App::new(scenario, &Options::for_snapshots(Mode::StepThrough));
    let job = app.take_jobs().remove(0);
    // Everything up to step 1's frame: the start, the layouts, the frame.
    for event in cogflow::app::worker::run_job(&job) {
        let frame = matches!(event, cogflow::app::worker::WorkerEvent::Frame { .. });
        app.update(Message::Worker(event));
        if frame {
            break;
        }
    }
    app.update(Message::Do(Command::Next));
    for (w, h) in SIZES {
        let text = draw(&app, w, h).backend().to_string();
        assert!(text.contains("Cognito is checking"), "{w}x{h}:\n{text}");
        // The run's length is known from its layout, before step 2 is computed.
        assert!(text.contains("Step 2/5"), "{w}x{h}:\n{text}");
    }
}

/// Snapshots of `app` at both sizes, named `{name}_{w}x{h}`; returns the 120x40 screen.
fn snapshot_sizes(name: &str, app: &App) -> String {
    let mut wide = String::new();
    for (w, h) in SIZES {
        let terminal = draw(app, w, h);
        if w == 120 {
            wide = terminal.backend().to_string();
        }
        insta::assert_snapshot!(format!("{name}_{w}x{h}"), terminal.backend());
    }
    wide
}

/// Issue 8: quiz answers saved in an earlier sitting stand on relaunch, like the step and the
/// predictions (run.rs passes them from the progress file as `Options.answers`).
#[test]
fn quiz_answers_from_an_earlier_sitting_stand() {
    use cogflow::quiz::Answered;
    let answered = |id: &str, choice| Answered {
        question_id: id.to_owned(),
        choice_original: Some(choice),
        revealed: false,
        hints_used: 0,
        round: 1,
    };
    let options = Options {
        // q1 right (A), q2 wrong (A) then right (C).
        answers: vec![answered("q1", 0), answered("q2", 0), answered("q2", 2)],
        ..Options::for_snapshots(Mode::StepThrough)
    };
    let mut app = App::new(cogflow::scenario::resolve(None).unwrap(), &options);
    app.run_jobs_here();
    app.update(Message::ModeDigit(6));
    let screen = draw(&app, 120, 40).backend().to_string();
    assert!(
        screen.contains("Question 3 of 3 · 1 of 3 right the first time, 2 right in the end"),
        "{screen}"
    );
    assert!(screen.contains("Questions:  1✓  2✓ [3·]"), "{screen}");
}

#[test]
fn the_quiz_before_and_after_answering() {
    let mut app = app(None, 1, false);
    app.update(Message::ModeDigit(6));
    // Drawn as the `first_6_quiz` snapshots (the_step_independent_modes_draw_every_step_alike).
    let before = draw(&app, 120, 40).backend().to_string();
    assert!(before.contains("Questions: [1·] 2·  3·"), "{before}");
    assert!(before.contains("Predictions: none yet"), "{before}");

    app.update(Message::Do(Command::QuizAnswer)); // A: right
    let right = snapshot_sizes("quiz_right", &app);
    assert!(right.contains("✓ Right: A) Valid"), "{right}");
    assert!(
        right.contains("1 of 3 right the first time, no hints used"),
        "{right}"
    );
    assert!(right.contains("At step 3 Cognito has checked"), "{right}");

    app.update(Message::Do(Command::QuizAnswer)); // on to question 2
    app.update(Message::QuizLetter(1));
    app.update(Message::Do(Command::QuizAnswer)); // B: wrong
    let screen = |app: &App| draw(app, 120, 40).backend().to_string();
    let offered = screen(&app);
    assert!(
        offered.contains("✗ Not B. Try again, or h for hint 1 of 2.")
            && !offered.contains("Hint 1 of 2:"),
        "a wrong answer offers the hint, it does not spend it:\n{offered}"
    );
    app.update(Message::Do(Command::QuizHint));
    let wrong = snapshot_sizes("quiz_wrong_with_hint", &app);
    for expected in [
        " ✗ B) Step 3",
        "Hint 1 of 2: Look at the 'Result' column",
        "1 of 3 right the first time, 1 hint used",
        "s jumps to step 4 (Cognito returns token)",
    ] {
        assert!(wrong.contains(expected), "{expected}:\n{wrong}");
    }

    app.update(Message::Do(Command::QuizReveal));
    let revealed = snapshot_sizes("quiz_revealed", &app);
    assert!(revealed.contains("! The answer: C) Step 4"), "{revealed}");
    assert!(revealed.contains("1 revealed"), "{revealed}");

    app.update(Message::Do(Command::QuizAnswer)); // on to question 3
    app.update(Message::QuizLetter(1));
    app.update(Message::Do(Command::QuizAnswer)); // B: right
    app.update(Message::Do(Command::QuizAnswer)); // the summary
    let summary = snapshot_sizes("quiz_summary", &app);
    for expected in [
        "You finished the quiz: 2 of 3 right the first time, 1 hint used, 1 revealed.",
        "revealed after 1 answer, 1 hint; the answer: C) Step 4",
        "m retries the 1 question not right the first time · a retries all",
    ] {
        assert!(summary.contains(expected), "{expected}:\n{summary}");
    }
}

#[test]
fn a_prediction_is_asked_before_its_step() {
    let mut app = app(None, 2, false);
    app.update(Message::Do(Command::Next));
    let asked = snapshot_sizes("prediction_asked", &app);
    for expected in [
        "Step 2/5",
        "Predict · step 3 · Cognito verifies credentials",
        "What will Cognito",
        "▶ A) Valid",
        "Predictions: none yet (steps 3 and 4 ask one as you step onto them).",
        "s skip",
    ] {
        assert!(asked.contains(expected), "{expected}:\n{asked}");
    }
    // Nothing on screen gives step 3 away.
    assert!(!asked.contains("Authentication success"), "{asked}");

    app.update(Message::PredictLetter(1));
    app.update(Message::Do(Command::PredictAnswer));
    let answered = snapshot_sizes("prediction_answered_wrong", &app);
    for expected in [
        "Step 3/5",
        "✗ Your prediction: B. The answer: A) Valid.",
        "Cognito checked: ✓ app client",
        "✓ password (argon2id, the mock's stand-in)",
        "✗ You predicted B; it is A. Predictions: 0 of 1 right.",
    ] {
        assert!(answered.contains(expected), "{expected}:\n{answered}");
    }
}

#[test]
fn the_wrong_password_step_says_which_check_failed_and_a_question_jumps_there() {
    let mut app = app(None, 1, false);
    app.update(Message::ModeDigit(6));
    app.update(Message::Do(Command::QuizNextQuestion));
    app.update(Message::Do(Command::QuizNextQuestion));
    app.update(Message::Do(Command::QuizShowStep));
    app.update(Message::Do(Command::Back)); // the credentials check, one step before
    let screen = snapshot_sizes("quiz_jump_wrong_password_step_3", &app);
    for expected in [
        "Branch 2/4: What if the password is wrong?",
        "↩ Quiz question 3 is about this step. Esc goes back to it.",
        "✗ password (argon2id, the mock's stand-in)",
        "✗ password (argon2id, the mock's stand-in): argon2id",
        "Esc back to the question",
    ] {
        assert!(screen.contains(expected), "{expected}:\n{screen}");
    }
}

#[test]
fn the_prediction_box_sets_no_colour_in_the_monochrome_theme() {
    let mut app = app(None, 2, true);
    app.update(Message::Do(Command::Next));
    let terminal = draw(&app, 120, 40);
    let buf = terminal.backend().buffer();
    assert_no_colour(buf, "the prediction box");
    let styled = styles(buf);
    let choice = styled
        .lines()
        .position(|l| l.contains("▶ A) Valid"))
        .expect("the selected choice is on screen");
    let marks = styled.lines().nth(choice + 1).unwrap_or_default();
    assert!(
        marks.contains('R'),
        "the selected choice is in reverse:\n{styled}"
    );
}

#[test]
fn the_table_mode_on_a_step_inside_cognito_shows_the_call_it_works_on() {
    let mut app = app(Some("wrong-password"), 3, false);
    app.update(Message::ModeDigit(3));
    let screen = snapshot_sizes("table_inside_cognito_wrong_password_step_3", &app);
    for expected in [
        "Step 3 · inside Cognito, working on step 2's InitiateAuth",
        "The request Cognito is working on (sent at step 2): POST",
        "What Cognito checked, in its order:",
        "✗ password (argon2id, the mock's stand-in): argon2id",
    ] {
        assert!(screen.contains(expected), "{expected}:\n{screen}");
    }
    assert!(!screen.contains("no call to Cognito"), "{screen}");
}

#[test]
fn the_process_table_scrolls_back_to_its_first_rows_in_mode_3() {
    let scenario = cogflow::scenario::resolve(Some("lockout-and-user-existence")).unwrap();
    let options = Options::for_snapshots(Mode::Table);
    let mut app = App::new(scenario, &options);
    app.run_jobs_here();
    app.update(Message::Do(Command::Last));
    let at_end = snapshot_sizes("table_rows_at_the_last_step", &app);
    assert!(at_end.contains("▶ 11"), "{at_end}");
    for _ in 0..3 {
        app.update(Message::Do(Command::ScrollUp));
    }
    let up = snapshot_sizes("table_rows_scrolled_up_3", &app);
    assert!(up.contains(" rows "), "{up}");
}

#[test]
fn the_branch_list_two_branches_side_by_side_and_the_lesson_list() {
    let scenario = cogflow::scenario::resolve(None).expect("the built-in lesson loads");
    let options = Options {
        step: Some(2),
        library: cogflow::library::path(&[]),
        ..Options::for_snapshots(Mode::StepThrough)
    };
    let mut app = App::new(scenario, &options);
    app.run_jobs_here();
    app.update(Message::Do(Command::OpenBranches));
    app.update(Message::Do(Command::ListDown));
    let list = snapshot_sizes("branch_list", &app);
    assert!(list.contains("● shown now"), "{list}");
    assert!(list.contains("5 steps · ends: Login failed"), "{list}");
    app.update(Message::Do(Command::CompareOpen));
    let compare = snapshot_sizes("compare_main_wrong_password", &app);
    assert!(
        compare.contains("They part at step 3: the first step that differs is marked ≠."),
        "{compare}"
    );
    assert!(compare.contains("Ends: User logged in"), "{compare}");
    assert!(compare.contains("Ends: Login failed"), "{compare}");
    app.update(Message::Do(Command::ListClose));
    app.update(Message::Do(Command::ListClose));
    app.update(Message::Do(Command::OpenLessons));
    let lessons = snapshot_sizes("lesson_list", &app);
    assert!(lessons.contains("0 of 18 done"), "{lessons}");
    assert!(lessons.contains("● open now"), "{lessons}");
}

/// `id` at its last step (End) in `mode`, computed here.
fn lesson_at_end(id: &str, mode: Mode) -> App {
    crate::support::keep_keys();
    let scenario = cogflow::scenario::resolve(Some(id)).expect("a built-in lesson");
    let options = Options::for_snapshots(mode);
    let mut app = App::new(scenario, &options);
    app.run_jobs_here();
    app.update(Message::Do(Command::Last));
    app.run_jobs_here();
    app
}

/// Issue 8 (Tests: snapshots at 80x24 and 120x40 for every changed screen, other lessons too):
/// first-sign-in's tracker whole at the end (major 6), tokens-and-sign-out's mode 9 on the
/// revoked token (major 7), and signin-basic's step 3 inside Cognito in mode 3 (major 3).
#[test]
fn other_lessons_changed_screens_at_both_sizes() {
    let tracker = snapshot_sizes(
        "first_sign_in_4_track_end",
        &lesson_at_end("first-sign-in", Mode::Tracker),
    );
    // Whole, wrapped at the underscore in its cell: never cut with an ellipsis.
    for part in ["FORCE_CHANGE_", "PASSWORD ", "NEW_PASSWORD_", "REQUIRED "] {
        assert!(tracker.contains(part), "{part}:\n{tracker}");
    }
    assert!(!tracker.contains("FORCE_CHANGE_PASS…"), "{tracker}");
    let token = snapshot_sizes(
        "tokens_and_sign_out_9_token_end",
        &lesson_at_end("tokens-and-sign-out", Mode::Token),
    );
    assert!(token.contains("revoked"), "{token}");
    assert!(
        !token.contains("Every check passed: the app can trust this token."),
        "{token}"
    );
    let mut inside = app(None, 3, false);
    inside.update(Message::ModeDigit(3));
    let table = snapshot_sizes("table_inside_cognito_main_path_step_3", &inside);
    assert!(
        table.contains("Step 3 · inside Cognito, working on step 2's InitiateAuth"),
        "{table}"
    );
    assert!(
        table.contains("What Cognito checked, in its order:"),
        "{table}"
    );
}

/// The left panel's rows of `app` drawn `w` wide and `h` high (at 120 columns mode 9 puts the
/// token left of "Checks · try it"; at 80 the token is the only panel): the text inside its
/// borders, trimmed.
fn token_panel_rows(app: &App, w: u16, h: u16) -> Vec<String> {
    let terminal = draw(app, w, h);
    let buffer = terminal.backend().buffer();
    (0..h)
        .map(|y| {
            let row: String = (0..w).map(|x| buffer[(x, y)].symbol()).collect();
            let left = row.split("││").next().unwrap_or_default();
            left.trim_matches(|c: char| c == '│' || c.is_whitespace())
                .to_owned()
        })
        .collect()
}

/// `value` reads whole in `rows`: on one row, or broken once after a `/` (a URL between its
/// parts) with the rest starting the next row.
fn reads_whole(rows: &[String], value: &str) -> bool {
    rows.iter().any(|r| r.contains(value))
        || value.match_indices('/').any(|(at, _)| {
            let (head, tail) = value.split_at(at + 1);
            rows.windows(2)
                .any(|pair| pair[0].ends_with(head) && pair[1].starts_with(tail))
        })
}

/// Issue 8 (minor, mode 9; audit9): the claims a learner reads in mode 9 read whole in every
/// built-in, ID and access token, at the end of the main path, 120 and 80 columns wide. At
/// 120x40 groups-and-claims' ID token split "iss https://cognito-idp.us-east-1.amazonaws." /
/// "com/us-east-1_ybj98UjCE" and its kid "…vW3H" / "4=": the 22-column
/// `cognito:preferred_role` widened the name column until the values had 41 columns. The
/// screens are drawn tall (the columns depend on the width only) so every claim is on them
/// without scrolling; groups-and-claims' screen at 120x40 and 80x24 is a snapshot.
#[test]
fn every_lessons_token_claims_read_whole_in_mode_9() {
    let mut checked = 0;
    for scenario in cogflow::scenario::builtins().expect("the built-in lessons load") {
        let id = scenario.file.scenario.id.clone();
        let mut app = lesson_at_end(&id, Mode::Token);
        for kind in ["ID", "access"] {
            let Some(frame) = app.frame() else { continue };
            let token = match kind {
                "ID" => frame.tokens.id.clone(),
                _ => frame.tokens.access.clone(),
            };
            if let Some((header, claims)) = token
                .as_deref()
                .and_then(cogflow::cognito::decode_unverified)
            {
                for (w, h) in [(120, 120), (80, 120)] {
                    let rows = token_panel_rows(&app, w, h);
                    for map in [&header, &claims].into_iter().filter_map(|v| v.as_object()) {
                        for (name, value) in map {
                            let text = match value {
                                serde_json::Value::String(s) => s.clone(),
                                serde_json::Value::Array(_) => value.to_string(),
                                _ => continue,
                            };
                            if text.contains(' ') {
                                continue;
                            }
                            assert!(
                                reads_whole(&rows, &text),
                                "{id} {kind} token at {w} columns: {name} {text:?} is cut:\n{}",
                                rows.join("\n")
                            );
                            checked += 1;
                        }
                    }
                }
            }
            app.update(Message::Do(Command::TokenSwitch));
        }
    }
    assert!(checked > 200, "claims checked: {checked}");
    let groups = lesson_at_end("groups-and-claims", Mode::Token);
    let wide = snapshot_sizes("groups_and_claims_9_token_end", &groups);
    assert!(
        wide.contains("  iss               https://cognito-idp.us-east-1.amazonaws.com/"),
        "{wide}"
    );
}

/// The screen of `app` at `w`x`h` as text, one row a line.
fn screen_text(app: &App, w: u16, h: u16) -> String {
    let terminal = draw(app, w, h);
    let buffer = terminal.backend().buffer();
    (0..h)
        .map(|y| (0..w).map(|x| buffer[(x, y)].symbol()).collect::<String>())
        .collect::<Vec<_>>()
        .join("\n")
}

/// Issue 8 major 7 (audit9): mode 9's verdict is read without scrolling at 80x24. Alone in
/// one panel it came after the token's claims and the checks ("lines 1-17 of 67": the
/// revoked token's "Every offline check passes, but Cognito revoked this token at step 7"
/// was 30 rows down); now it is the panel's first lines, for the ID and the access token
/// after GlobalSignOut and for a trusted token. Beside the token (120 columns) it still ends
/// the checks. Snapshots: tokens_and_sign_out_9_token_end_* (ID),
/// tokens_and_sign_out_9_access_token_end_*.
#[test]
fn the_token_verdict_is_in_sight_at_80x24() {
    let mut app = lesson_at_end("tokens-and-sign-out", Mode::Token);
    let id = screen_text(&app, 80, 24);
    for part in [
        "✗ Every offline check passes, but Cognito revoked this token at step 7",
        "No Cognito user API takes",
    ] {
        assert!(id.contains(part), "{part}:\n{id}");
    }
    app.update(Message::Do(Command::TokenSwitch));
    let access = snapshot_sizes("tokens_and_sign_out_9_access_token_end", &app);
    assert!(access.contains("The access token at step 10"), "{access}");
    let narrow = screen_text(&app, 80, 24);
    for part in [
        "✗ Every offline check passes, but Cognito revoked this token at step 7",
        "Cognito itself refuses it",
        "(step 8: NotAuthorizedException: Access Token has been revoked)",
    ] {
        assert!(narrow.contains(part), "{part}:\n{narrow}");
    }
    // The verdict is said once: beside the token at 120 columns, first alone at 80.
    assert_eq!(
        access.matches("Every offline check passes").count(),
        1,
        "{access}"
    );
    let trusted = screen_text(&lesson_at_end("signin-basic", Mode::Token), 80, 24);
    assert!(
        trusted.contains("✓ Every check passed: the app can trust this token."),
        "{trusted}"
    );
}

/// Issue 8 major 6 (audit9): step-through's side tracker at 120x40 wraps the lastError it
/// teaches whole (verify-token: "+TokenRejected: sign…"; groups-and-claims' main path and
/// wrong-group branch: "+TokenRejected: …"), the screens at both sizes as snapshots (at 80x24 the
/// stacked layout has no rows to spare: unchanged).
#[test]
fn the_side_tracker_wraps_last_error_whole_at_120x40() {
    let verify = snapshot_sizes(
        "verify_token_1_steps_end",
        &lesson_at_end("verify-token", Mode::StepThrough),
    );
    assert!(!verify.contains("sign…"), "{verify}");
    assert!(verify.contains("+TokenRejected:"), "{verify}");
    // The main path too: a sample that does not fit above the one-line tracker keeps no rows.
    let main = snapshot_sizes(
        "groups_and_claims_1_steps_end",
        &lesson_at_end("groups-and-claims", Mode::StepThrough),
    );
    for part in [
        "+TokenRejected:",
        "cognito:groups:",
        "absent, so not",
        "in editors",
    ] {
        assert!(main.contains(part), "{part}:\n{main}");
    }
    assert!(!main.contains("TokenRejected: …"), "{main}");
    crate::support::keep_keys();
    let scenario =
        cogflow::scenario::resolve(Some("groups-and-claims")).expect("a built-in lesson");
    let variant = scenario.file.variants[0].id.clone();
    let mut app = App::new(
        scenario,
        &Options {
            variant: Some(variant),
            ..Options::for_snapshots(Mode::StepThrough)
        },
    );
    app.run_jobs_here();
    app.update(Message::Do(Command::Last));
    app.run_jobs_here();
    let groups = snapshot_sizes("groups_and_claims_wrong_group_1_steps_end", &app);
    assert!(
        groups.contains("+TokenRejected: cognito:groups:"),
        "{groups}"
    );
    assert!(groups.contains("[viewers] does not hold"), "{groups}");
    assert!(!groups.contains("TokenRejected: …"), "{groups}");
}

/// Issue 8 (audit9, text cut mid-word): the screens that cut a word, at both sizes. mfa-setup
/// at its end, mode 1 (flow line "… → Kai types the current co…▶ App grants access", now whole
/// labels only); its second branch at its end (header "Branch 2/4: What if the fir…");
/// signin-basic-es's quiz (title "… ninguna pista us┐") and mode 1 at step 1 (side tracker
/// "· + asignada ~ cambiada - borra┐" at 120x40); hosted-ui-pkce's mode 9 at its end ("· y: c┐").
#[test]
fn screens_that_cut_a_word_at_both_sizes() {
    let flow = snapshot_sizes(
        "mfa_setup_1_steps_end",
        &lesson_at_end("mfa-setup", Mode::StepThrough),
    );
    assert!(!flow.contains("…▶"), "{flow}");
    let mut branch = lesson_at_end("mfa-setup", Mode::StepThrough);
    branch.update(Message::Do(Command::NextVariant));
    branch.run_jobs_here();
    branch.update(Message::Do(Command::Last));
    branch.run_jobs_here();
    let header = snapshot_sizes("mfa_setup_branch_2_1_steps_end", &branch);
    assert!(!header.contains("fir…"), "{header}");
    crate::support::keep_keys();
    let spanish = cogflow::scenario::resolve(Some("signin-basic-es")).expect("a built-in");
    let mut quiz = App::new(spanish.clone(), &Options::for_snapshots(Mode::Quiz));
    quiz.run_jobs_here();
    let title = snapshot_sizes("signin_basic_es_6_quiz", &quiz);
    assert!(
        title.contains(
            "┌ Preguntas · Pregunta 1 de 3 · 0 de 3 acertadas a la primera, ninguna pista usada ─"
        ),
        "{title}"
    );
    let mut steps = App::new(spanish, &Options::for_snapshots(Mode::StepThrough));
    steps.run_jobs_here();
    let side = snapshot_sizes("signin_basic_es_1_steps", &steps);
    assert!(side.contains("┌ Estado de las variables "), "{side}");
    assert!(!side.contains("borra┐"), "{side}");
    let token = snapshot_sizes(
        "hosted_ui_pkce_9_token_end",
        &lesson_at_end("hosted-ui-pkce", Mode::Token),
    );
    assert!(
        token.contains("┌ The ID token and the PKCE values at step 6 · y: copy "),
        "{token}"
    );
}

/// Issue 8 (Tests, audit10): snapshots at both sizes of two screens changed this session that
/// had none: the Spanish lesson's tracker with authStatus in Spanish (it showed "token
/// issued", "authenticated" beside "ninguno"), and the end-of-lesson status naming the next
/// lesson whole (it was cut "…before it can si…" at 80x24). First-sign-in's wrong new
/// password wraps its exception's name before a capital, never a line starting ':'.
#[test]
fn the_spanish_status_words_the_next_lesson_and_a_wrapped_exception_at_both_sizes() {
    let track = snapshot_sizes(
        "signin_basic_es_4_track_end",
        &lesson_at_end("signin-basic-es", Mode::Tracker),
    );
    for word in ["+válido", "~token emitido", "~autenticado"] {
        assert!(track.contains(word), "{word}:\n{track}");
    }
    assert!(!track.contains("issued"), "{track}");
    crate::support::keep_keys();
    let options = Options {
        library: cogflow::library::path(&[]),
        ..Options::for_snapshots(Mode::StepThrough)
    };
    let mut app = App::new(
        cogflow::scenario::resolve(None).expect("the built-in lesson"),
        &options,
    );
    app.run_jobs_here();
    app.update(Message::Do(Command::Last));
    app.update(Message::Do(Command::Next));
    let next = snapshot_sizes("signin_basic_next_lesson_status", &app);
    assert!(next.contains("Next lesson: “Signing up"), "{next}");
    let mut weak = lesson_at_end("first-sign-in", Mode::StepThrough);
    weak.update(Message::Do(Command::NextVariant));
    weak.run_jobs_here();
    weak.update(Message::Do(Command::Last));
    weak.run_jobs_here();
    for (w, h) in SIZES {
        let text = draw(&weak, w, h).backend().to_string();
        assert!(
            !text
                .lines()
                .any(|l| l.contains("│       password               :")),
            "{w}x{h}:\n{text}"
        );
        assert!(
            !text.contains("  : Password did not conform"),
            "{w}x{h}:\n{text}"
        );
    }
}

/// Issue 8 item 5 (audit9): mode 3's note never silently goes. At 80x24 the note inside the
/// panel was dropped as soon as the rows scrolled (totp-mfa's End: "rows 6-7 of 7, ↑↓
/// scroll", two empty rows, no "Note: The password earns a challenge…"; signin-basic's End
/// the same); now the other rows scroll and the note stays whole beside the heading and the
/// current row (or, in a panel too short for that, on one line ending "…"). Every built-in
/// with a note, at its first and last step, both sizes.
#[test]
fn the_table_note_stays_whole_when_the_rows_scroll() {
    let mut checked = 0;
    for scenario in cogflow::scenario::builtins().expect("the built-in lessons load") {
        let Some(note) = scenario.file.scenario.table_note.clone() else {
            continue;
        };
        let id = scenario.file.scenario.id.clone();
        let mut app = lesson_at_end(&id, Mode::Table);
        for at in ["End", "step 1"] {
            for (w, h) in SIZES {
                let text = screen_text(&app, w, h);
                let said = text
                    .lines()
                    .map(|l| {
                        l.trim_matches(|c: char| {
                            c == '│' || c == '└' || c == '┘' || c == '─' || c == ' '
                        })
                    })
                    .collect::<Vec<_>>()
                    .join(" ");
                let said = said.split_whitespace().collect::<Vec<_>>().join(" ");
                let note = note.split_whitespace().collect::<Vec<_>>().join(" ");
                // Whole, or (a panel too short for it beside the current row) on one line
                // that says it is shortened.
                let shortened = text.lines().any(|l| {
                    let l = l.trim_matches('│').trim_end();
                    l.ends_with('…')
                        && l.split_once(": ")
                            .is_some_and(|(_, head)| note.starts_with(head.trim_end_matches('…')))
                });
                assert!(
                    said.contains(&note) || shortened,
                    "{id} at {at}, {w}x{h}: the note is not shown:\n{text}"
                );
                if id == "totp-mfa" || id == "signin-basic" {
                    assert!(said.contains(&note), "{id} at {at}, {w}x{h}:\n{text}");
                }
                checked += 1;
            }
            app.update(Message::Do(Command::First));
            app.run_jobs_here();
        }
    }
    assert!(checked >= 8, "notes checked: {checked}");
    // Without its rule when that row is all it lacks (audit10: email-sign-in's branch 2 End
    // at 80x24 showed its first line and lost "same: read cognito:username and sub…").
    crate::support::keep_keys();
    let scenario = cogflow::scenario::resolve(Some("email-sign-in")).expect("a built-in lesson");
    let variant = scenario.file.variants[0].id.clone();
    let mut email = App::new(
        scenario,
        &Options {
            variant: Some(variant),
            ..Options::for_snapshots(Mode::Table)
        },
    );
    email.run_jobs_here();
    email.update(Message::Do(Command::Last));
    email.run_jobs_here();
    let narrow = screen_text(&email, 80, 24);
    assert!(
        narrow.contains("same: read cognito:username and sub in the token."),
        "{narrow}"
    );
    let totp = snapshot_sizes(
        "totp_mfa_3_table_end",
        &lesson_at_end("totp-mfa", Mode::Table),
    );
    assert!(
        totp.contains("Note: The password earns a challenge"),
        "{totp}"
    );
}
