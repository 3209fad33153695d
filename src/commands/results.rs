//! `cogflow results [--format csv|json]`: every recorded quiz answer, for instructors.

use std::io::Write;
use std::process::ExitCode;

use crate::cli::{ResultsArgs, ResultsFormat};
use crate::progress::{Store, results};

/// Runs `cogflow results`: the rows on `out` (a header alone when nothing is recorded yet),
/// notes and warnings on `err`.
pub fn run(args: &ResultsArgs, out: &mut dyn Write, err: &mut dyn Write) -> ExitCode {
    let mut store = match Store::open() {
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
    let rows = results::rows(&records);
    if rows.is_empty() {
        let _ = writeln!(
            err,
            "cogflow: no quiz answers recorded yet in {}",
            store.dir().display()
        );
    }
    let text = match args.format {
        ResultsFormat::Csv => results::to_csv(&rows),
        ResultsFormat::Json => results::to_json(&rows),
    };
    let result = out.write_all(text.as_bytes()).and_then(|()| out.flush());
    super::written(result, "cogflow", err)
}
