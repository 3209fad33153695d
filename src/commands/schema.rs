//! `cogflow schema`: print the JSON Schema of the scenario format.

use std::io::Write;
use std::process::ExitCode;

use crate::scenario::schema::json_schema_text;

/// Runs `cogflow schema`: the schema goes to `out`.
pub fn run(out: &mut dyn Write, err: &mut dyn Write) -> ExitCode {
    let result = out
        .write_all(json_schema_text().as_bytes())
        .and_then(|()| out.flush());
    super::written(result, "cogflow schema", err)
}
