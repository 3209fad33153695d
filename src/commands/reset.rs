//! `cogflow reset [SCENARIO]`: forget saved progress for one lesson, or for all of them
//! (asked first, unless `--yes`).

use std::io::{BufRead, Write};
use std::process::ExitCode;

use super::report_load_error;
use crate::cli::ResetArgs;
use crate::progress::{Removed, Store};
use crate::scenario;

/// Runs `cogflow reset`, saying on `out` what it removed. Every lesson's progress goes only
/// after a "yes" read from `input` (the question on `err`; `typed`: a person types the answer,
/// so it is not echoed), or with `--yes`.
pub fn run(
    args: &ResetArgs,
    env: &super::Env,
    input: &mut dyn BufRead,
    typed: bool,
    out: &mut dyn Write,
    err: &mut dyn Write,
) -> ExitCode {
    let mut store = match env.store() {
        Ok(store) => store,
        Err(e) => {
            let _ = writeln!(err, "cogflow: {e}");
            return ExitCode::FAILURE;
        }
    };
    let id = match &args.scenario {
        None => None,
        // A scenario id with saved progress first: its file may be gone, and its progress
        // should still be removable. Otherwise a built-in id or a path, read for its id.
        Some(arg) if store.has_file(arg) => Some(arg.clone()),
        Some(arg) => match scenario::resolve(Some(arg)) {
            Ok(s) => Some(s.file.scenario.id),
            Err(error) => return report_load_error(&error, err),
        },
    };
    if id.is_none() && !args.yes {
        // A store that cannot be read says why in `reset` itself, below.
        let lessons = store.all().map(|all| all.len()).unwrap_or(0);
        if lessons > 0 {
            match confirm(lessons, &store, input, typed, err) {
                Some(true) => {}
                Some(false) => {
                    let _ = writeln!(out, "Nothing removed.");
                    return ExitCode::SUCCESS;
                }
                None => {
                    let _ = writeln!(
                        err,
                        "cogflow: no answer, so nothing was removed; `cogflow reset --yes` removes every lesson's progress without asking."
                    );
                    return ExitCode::FAILURE;
                }
            }
        }
    }
    let removed = store.reset(id.as_deref());
    for warning in store.take_warnings() {
        let _ = writeln!(err, "cogflow: {warning}");
    }
    let removed = match removed {
        Ok(removed) => removed,
        Err(e) => {
            let _ = writeln!(err, "cogflow: cannot reset: {e}");
            return ExitCode::FAILURE;
        }
    };
    let mut text: String = removed.iter().map(|r| describe(r) + "\n").collect();
    match (id, removed.len()) {
        (Some(id), 0) => text += &format!("No saved progress for {id}.\n"),
        (Some(_), _) => {}
        (None, 0) => {
            text += &format!(
                "No saved progress to remove (in {}).\n",
                store.dir().display()
            );
        }
        (None, 1) => text += "Removed all saved progress (1 lesson).\n",
        (None, n) => text += &format!("Removed all saved progress ({n} lessons).\n"),
    }
    // The progress is gone whether or not anyone reads this (a closed pipe is not a failure).
    let _ = out.write_all(text.as_bytes());
    ExitCode::SUCCESS
}

/// Asks before removing every lesson's progress: `Some(true)` for y/yes, `Some(false)` for any
/// other answer, `None` at the end of the input.
fn confirm(
    lessons: usize,
    store: &Store,
    input: &mut dyn BufRead,
    typed: bool,
    err: &mut dyn Write,
) -> Option<bool> {
    let what = match lessons {
        1 => "1 lesson".to_owned(),
        n => format!("{n} lessons"),
    };
    let prompt = format!(
        "Remove the saved progress of every lesson ({what}, in {})? [y/N] ",
        store.dir().display()
    );
    let mut lines = crate::plain::lines::Lines::new(input, err, !typed);
    let answer = lines.ask_line(&prompt).ok()??;
    Some(matches!(
        answer.trim().to_ascii_lowercase().as_str(),
        "y" | "yes"
    ))
}

fn describe(r: &Removed) -> String {
    let answers = match r.attempts {
        1 => "1 quiz answer".to_owned(),
        n => format!("{n} quiz answers"),
    };
    format!(
        "Removed saved progress for {} ({answers}): {}",
        r.scenario_id,
        r.path.display()
    )
}
