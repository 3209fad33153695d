//! `cogflow`: parse the command line and hand over to [`cogflow::commands`].

use std::process::ExitCode;

use clap::Parser;

fn main() -> ExitCode {
    cogflow::commands::dispatch(cogflow::cli::Cli::parse())
}
