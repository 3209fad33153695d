//! The subcommands. Each writes data to stdout and diagnostics to stderr, and returns an exit code.

pub mod run;

use std::io::Write;
use std::process::ExitCode;

use crate::cli::{Cli, Command};
use crate::scenario::{LoadError, Severity};

/// Runs the command line and returns the process's exit code
/// (0 success, 1 failure, 2 usage error).
#[must_use]
pub fn dispatch(cli: Cli) -> ExitCode {
    let stderr = std::io::stderr();
    let mut err = stderr.lock();
    match cli.command {
        None => run::run(&cli.run, cli.seed, &mut err),
        Some(Command::Run(args)) => run::run(&args, cli.seed, &mut err),
        Some(_) => {
            let _ = writeln!(err, "cogflow: not implemented yet");
            ExitCode::FAILURE
        }
    }
}

/// TEMPORARY (main has it): a seed for a run when `--seed` was not given.
#[must_use]
pub fn fresh_seed() -> u64 {
    rand::random::<u64>() % 1_000_000
}

/// TEMPORARY (main has it): prints a scenario that failed to load.
pub fn report_load_error(error: &LoadError, err: &mut dyn Write) -> ExitCode {
    for diagnostic in &error.diagnostics {
        let _ = writeln!(err, "{diagnostic}");
    }
    let not_found = error
        .diagnostics
        .iter()
        .all(|d| d.severity == Severity::Error && d.message.starts_with("no built-in scenario"));
    if not_found {
        ExitCode::from(2)
    } else {
        ExitCode::FAILURE
    }
}
