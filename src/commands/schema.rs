//! `cogflow schema`: print the JSON Schema of the scenario format.

use std::io::{self, Write};
use std::process::ExitCode;

use crate::scenario::schema::json_schema_text;

/// Runs `cogflow schema`: the schema goes to `out`.
pub fn run(out: &mut dyn Write, err: &mut dyn Write) -> ExitCode {
    match out
        .write_all(json_schema_text().as_bytes())
        .and_then(|()| out.flush())
    {
        Ok(()) => ExitCode::SUCCESS,
        // `cogflow schema | head`: the reader left; nothing is wrong.
        Err(e) if e.kind() == io::ErrorKind::BrokenPipe => ExitCode::SUCCESS,
        Err(e) => {
            let _ = writeln!(err, "cogflow schema: {e}");
            ExitCode::FAILURE
        }
    }
}
