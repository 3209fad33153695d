//! `cogflow reset [SCENARIO]`: forget saved progress for one lesson, or for all of them.

use std::io::Write;
use std::process::ExitCode;

use super::report_load_error;
use crate::cli::ResetArgs;
use crate::progress::{Removed, Store};
use crate::scenario;

/// Runs `cogflow reset`, saying on `out` what it removed.
pub fn run(args: &ResetArgs, out: &mut dyn Write, err: &mut dyn Write) -> ExitCode {
    let mut store = match Store::open() {
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
