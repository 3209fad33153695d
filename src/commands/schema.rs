//! `cogflow schema`: print the JSON Schema of the scenario format.

use std::io::{self, Write};
use std::process::ExitCode;

use crate::scenario::schema::json_schema_text;

/// Runs `cogflow schema`.
#[must_use]
pub fn run() -> ExitCode {
    let mut stdout = io::stdout().lock();
    match stdout
        .write_all(json_schema_text().as_bytes())
        .and_then(|()| stdout.flush())
    {
        Ok(()) => ExitCode::SUCCESS,
        // `cogflow schema | head`: the reader left; nothing is wrong.
        Err(e) if e.kind() == io::ErrorKind::BrokenPipe => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("cogflow schema: {e}");
            ExitCode::FAILURE
        }
    }
}
