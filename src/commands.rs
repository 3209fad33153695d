//! The subcommands. Each writes data to stdout and diagnostics to stderr, and returns an exit code.

use std::process::ExitCode;

use crate::cli::{Cli, Command};

pub mod quiz;
pub mod reset;
pub mod results;

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
        Some(Command::Quiz(args)) => quiz::run(&args, cli.seed),
        Some(Command::Results(args)) => results::run(&args),
        Some(Command::Reset(args)) => reset::run(&args),
        Some(_) => {
            eprintln!("cogflow: not implemented yet");
            ExitCode::FAILURE
        }
    }
}
