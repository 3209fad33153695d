//! The subcommands. Each writes data to stdout and diagnostics to stderr, and returns an exit code.

mod check;
mod list;
mod new;
mod schema;

use std::process::ExitCode;

use crate::cli::{Cli, Command};

/// Runs the command line and returns the process's exit code
/// (0 success, 1 failure, 2 usage error).
#[must_use]
pub fn dispatch(cli: Cli) -> ExitCode {
    let _ = (cli.seed, &cli.run);
    match cli.command {
        None | Some(Command::Run(_)) => {
            println!("cogflow: the terminal UI is coming soon.");
            ExitCode::SUCCESS
        }
        Some(Command::Check(args)) => check::run(&args),
        Some(Command::List) => list::run(),
        Some(Command::New(args)) => new::run(&args),
        Some(Command::Schema) => schema::run(),
        Some(_) => {
            eprintln!("cogflow: not implemented yet");
            ExitCode::FAILURE
        }
    }
}
