//! `cogflow results [--format csv|json]`: every recorded quiz answer, for instructors.

use std::io::{self, Write};
use std::process::ExitCode;

use crate::cli::{ResultsArgs, ResultsFormat};
use crate::progress::{Store, results};

/// Runs `cogflow results`: the rows on stdout (a header alone when nothing is recorded yet),
/// notes and warnings on stderr.
#[must_use]
pub fn run(args: &ResultsArgs) -> ExitCode {
    let mut store = match Store::open() {
        Ok(store) => store,
        Err(e) => {
            eprintln!("cogflow: {e}");
            return ExitCode::FAILURE;
        }
    };
    let records = store.all();
    for warning in store.take_warnings() {
        eprintln!("cogflow: {warning}");
    }
    let records = match records {
        Ok(records) => records,
        Err(e) => {
            eprintln!("cogflow: {e}");
            return ExitCode::FAILURE;
        }
    };
    let rows = results::rows(&records);
    if rows.is_empty() {
        eprintln!(
            "cogflow: no quiz answers recorded yet in {}",
            store.dir().display()
        );
    }
    let text = match args.format {
        ResultsFormat::Csv => results::to_csv(&rows),
        ResultsFormat::Json => results::to_json(&rows),
    };
    let mut out = io::stdout().lock();
    match out.write_all(text.as_bytes()).and_then(|()| out.flush()) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) if e.kind() == io::ErrorKind::BrokenPipe => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("cogflow: {e}");
            ExitCode::FAILURE
        }
    }
}
