//! `cogflow new PATH`: write a commented template scenario that passes `check`.

use std::fs::OpenOptions;
use std::io::{self, Write};
use std::path::Path;
use std::process::ExitCode;

use crate::cli::NewArgs;
use crate::sanitize;
use crate::scenario::template;

/// Runs `cogflow new`: what was written goes to `out`, why not to `err`.
pub fn run(args: &NewArgs, out: &mut dyn Write, err: &mut dyn Write) -> ExitCode {
    match write_template(&args.path) {
        Ok(()) => {
            let shown = sanitize::line(&args.path.display().to_string()).into_owned();
            let _ = writeln!(
                out,
                "wrote {shown}: edit it, then run `cogflow check {shown}`"
            );
            if args.path.extension().is_none_or(|e| e != "toml") {
                let _ = writeln!(
                    err,
                    "cogflow new: warning: {shown} does not end in .toml, so `cogflow list` (which lists scenarios/*.toml) will not find it"
                );
            }
            ExitCode::SUCCESS
        }
        Err(message) => {
            let _ = writeln!(err, "cogflow new: {message}");
            ExitCode::FAILURE
        }
    }
}

/// Writes the template to `path`, never overwriting.
///
/// # Errors
/// A message for the learner: the file exists, or it cannot be created or written.
pub fn write_template(path: &Path) -> Result<(), String> {
    let shown = sanitize::line(&path.display().to_string()).into_owned();
    let stem = path
        .file_stem()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_default();
    let text = template::render(&template::id_from_stem(&stem), &shown);
    // `create_new` refuses atomically if the file appears between a check and the write.
    let mut file = OpenOptions::new()
        .write(true)
        .create_new(true)
        .open(path)
        .map_err(|e| match e.kind() {
            io::ErrorKind::AlreadyExists => {
                format!("{shown} already exists; not overwriting it (choose another path or remove it first)")
            }
            io::ErrorKind::NotFound => {
                format!("cannot create {shown}: its directory does not exist")
            }
            _ => format!("cannot create {shown}: {e}"),
        })?;
    file.write_all(text.as_bytes())
        .and_then(|()| file.flush())
        .map_err(|e| format!("cannot write {shown}: {e}"))
}
