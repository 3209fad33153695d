//! The branch list, two branches side by side and the lesson list, on the model.

use crate::app::tests::{options, ready, send};
use crate::app::{App, Command, Message, Options};

fn app(library: bool) -> App {
    ready(&Options {
        library: if library {
            crate::library::path(&[])
        } else {
            Vec::new()
        },
        ..options()
    })
}

#[test]
fn the_branch_list_shows_another_branch_at_the_same_step() {
    let mut app = app(false);
    send(&mut app, &[Command::Next, Command::OpenBranches]);
    let picking = app.picking().expect("b opens the list");
    assert_eq!(picking.selected, 0, "the branch shown is highlighted");
    send(
        &mut app,
        &[Command::ListDown, Command::ListDown, Command::ListUp],
    );
    assert_eq!(app.picking().unwrap().selected, 1);
    send(&mut app, &[Command::ListTake]);
    app.run_jobs_here();
    assert_eq!(app.picking(), None, "Enter closes the list");
    assert_eq!(
        (app.path_index(), app.cursor()),
        (1, 1),
        "same step, branch 2"
    );
    let said = app.status().unwrap();
    assert!(
        said.starts_with("Branch 2 of 4: What if the password is wrong?"),
        "{said}"
    );
    send(&mut app, &[Command::OpenBranches, Command::ListClose]);
    assert_eq!(
        (app.picking(), app.path_index()),
        (None, 1),
        "Esc changes nothing"
    );
    send(&mut app, &[Command::OpenBranches, Command::CompareOpen]);
    assert_eq!(
        app.status(),
        Some("That is the branch shown: pick another to compare it with (↑↓), then c.")
    );
}

#[test]
fn two_branches_side_by_side_part_at_the_first_step_that_differs() {
    let mut app = app(false);
    send(
        &mut app,
        &[
            Command::OpenBranches,
            Command::ListDown,
            Command::CompareOpen,
        ],
    );
    let comparing = app.comparing().expect("c compares");
    assert_eq!((comparing.other, comparing.row), (1, 0));
    let rows = app.side_by_side(1);
    assert_eq!(rows.len(), 5);
    let same: Vec<bool> = rows.iter().map(super::SideBySide::same).collect();
    assert_eq!(same, [true, true, false, false, false]);
    assert_eq!(
        app.first_difference(1),
        Some(3),
        "the password is checked at step 3"
    );
    let right = rows[2].right.unwrap();
    assert!(
        right.row.response.contains("NotAuthorizedException"),
        "{right:?}"
    );
    // Every branch parts from the main path somewhere; the main path beside itself never.
    for other in 1..app.paths().len() {
        assert!(app.first_difference(other).is_some(), "branch {other}");
    }
    assert_eq!(app.first_difference(0), None);
    send(
        &mut app,
        &[Command::ListDown, Command::ListDown, Command::ListTake],
    );
    app.run_jobs_here();
    assert_eq!(app.comparing(), None);
    assert_eq!(
        (app.path_index(), app.cursor()),
        (1, 2),
        "step 3 of the other branch"
    );
    send(&mut app, &[Command::OpenBranches, Command::CompareOpen]);
    assert!(
        app.comparing().is_none(),
        "the branch shown is not compared with itself"
    );
}

#[test]
fn a_lesson_picked_in_the_list_is_handed_over_and_a_lab_says_how_to_run_it() {
    let mut without = app(false);
    send(&mut without, &[Command::OpenLessons]);
    assert_eq!(without.picking(), None);
    assert_eq!(
        without.status(),
        Some("No other lesson can be opened here.")
    );

    let mut app = app(true);
    send(&mut app, &[Command::Last, Command::Next]);
    let said = app.status().unwrap();
    assert!(
        said.ends_with(
            "Next lesson: “Signing up: the account exists before it can sign in” (L opens the list)."
        ),
        "the last step says where the path goes on: {said}"
    );
    send(&mut app, &[Command::OpenLessons]);
    assert_eq!(
        app.picking().unwrap().selected,
        0,
        "this lesson highlighted"
    );
    send(&mut app, &[Command::ListTake]);
    assert!(
        !app.should_quit() && app.picking().is_none(),
        "Enter on this lesson closes"
    );
    let lab = app.library().iter().position(|l| l.lab).unwrap();
    send(&mut app, &[Command::OpenLessons]);
    app.update(Message::Click(crate::app::Click::Row(lab)));
    assert_eq!(app.picking().unwrap().selected, lab, "a click selects");
    app.update(Message::Click(crate::app::Click::Row(lab)));
    assert!(!app.should_quit());
    assert!(
        app.status()
            .unwrap()
            .contains("Run `cogflow serve lab-first-sign-in`"),
        "{:?}",
        app.status()
    );
    send(
        &mut app,
        &[Command::OpenLessons, Command::ListDown, Command::ListTake],
    );
    assert!(app.should_quit(), "the TUI opens the lesson in place");
    assert_eq!(app.take_opening().as_deref(), Some("sign-up-and-confirm"));
    assert_eq!(app.take_opening(), None, "taken once");
}
