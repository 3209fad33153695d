//! `cogflow results [--format csv|json] [--anonymous]`: every recorded quiz answer and
//! prediction, for instructors.

use std::io::Write;
use std::process::ExitCode;

use crate::cli::{ResultsArgs, ResultsFormat};
use crate::progress::results;
use crate::progress::results::Naming;

/// Runs `cogflow results`: the rows on `out` (a header alone when nothing is recorded yet),
/// notes and warnings on `err`. `learner` names records made before any name was given.
pub fn run(
    args: &ResultsArgs,
    learner: Option<&str>,
    env: &super::Env,
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
    let records = store.all();
    for warning in store.take_warnings() {
        let _ = writeln!(err, "cogflow: {warning}");
    }
    let records = match records {
        Ok(records) => records,
        Err(e) => {
            let _ = writeln!(err, "cogflow: {e}");
            return ExitCode::FAILURE;
        }
    };
    let naming = if args.anonymous {
        Naming::Anonymous { fallback: learner }
    } else {
        Naming::Names { fallback: learner }
    };
    let rows = results::rows(&records, naming);
    if rows.is_empty() {
        let _ = writeln!(
            err,
            "cogflow: no quiz answers or predictions recorded yet in {}",
            store.dir().display()
        );
    } else if learner.is_none() && rows.iter().any(|r| r.learner.is_none()) {
        let _ = writeln!(
            err,
            "cogflow: these results carry no learner name; export them with \
             `cogflow --learner \"Your Name\" results` so your instructor can tell them apart"
        );
    }
    let text = match args.format {
        ResultsFormat::Csv => results::to_csv(&rows),
        ResultsFormat::Json => results::to_json(&rows),
    };
    let result = out.write_all(text.as_bytes()).and_then(|()| out.flush());
    super::written(result, "cogflow", err)
}
