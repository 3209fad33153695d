//! The subcommands. Each writes data to stdout and diagnostics to stderr, and returns an exit code
//! (0 success, 1 failure, 2 usage error).

mod check;
mod class;
mod list;
mod new;
pub mod run;
mod schema;
mod serve;
mod transcript;

use std::io::{self, Write};
use std::process::ExitCode;

use crate::cli::{Cli, Command};
use crate::progress::learner::{self, Learner};
use crate::progress::{LEARNER_ENV, Store};
use crate::scenario::LoadError;

pub mod quiz;
pub mod reset;
pub mod results;

/// Runs the command line and returns the process's exit code.
#[must_use]
pub fn dispatch(cli: Cli) -> ExitCode {
    let stdout = std::io::stdout();
    let stderr = std::io::stderr();
    // Every command's text goes through the sanitizer, so nothing it formats (a progress
    // file's field, a path, an echoed line) can put a raw control character on the terminal.
    // The TUI draws through its own handle, so its escape sequences are unaffected.
    let mut out = crate::sanitize::Writer::new(stdout.lock());
    let mut err = crate::sanitize::Writer::new(stderr.lock());
    if let (Some(command), Some(option)) = (&cli.command, cli.run.first_given()) {
        let _ = writeln!(
            err,
            "cogflow: {option} belongs to `run`; write options after the command \
             (`cogflow {} {option}`), or use `cogflow run {option}`",
            command.name()
        );
        return ExitCode::from(2);
    }
    // Only what records or exports needs the learner; a bad COGFLOW_LEARNER does not stop
    // `check`. A `--learner` given with any command is remembered.
    let records = matches!(
        cli.command,
        None | Some(Command::Run(_) | Command::Quiz(_) | Command::Results(_) | Command::Serve(_))
    );
    let learner = if records || cli.learner.is_some() {
        match settle_learner(cli.learner.as_deref(), &mut err) {
            Ok(learner) => learner,
            Err(code) => return code,
        }
    } else {
        None
    };
    let learner = learner.as_ref().map(|l| l.name.as_str());
    crate::cache::keep_keys();
    let code = match cli.command {
        None => run::run(&cli.run, cli.seed, learner, &mut out, &mut err),
        Some(Command::Run(args)) => run::run(&args, cli.seed, learner, &mut out, &mut err),
        Some(Command::Transcript(args)) => transcript::run(&args, cli.seed, &mut out, &mut err),
        Some(Command::Quiz(args)) => quiz::run(&args, cli.seed, learner, &mut out, &mut err),
        Some(Command::Results(args)) => results::run(&args, learner, &mut out, &mut err),
        Some(Command::Reset(args)) => {
            let stdin = std::io::stdin();
            let typed = std::io::IsTerminal::is_terminal(&stdin);
            reset::run(&args, &mut stdin.lock(), typed, &mut out, &mut err)
        }
        Some(Command::Check(args)) => check::run(&args, &mut err),
        Some(Command::List) => list::run(&mut out, &mut err),
        Some(Command::New(args)) => new::run(&args, &mut out, &mut err),
        Some(Command::Schema) => schema::run(&mut out, &mut err),
        Some(Command::Class(args)) => class::run(&args, &mut out, &mut err),
        Some(Command::Serve(args)) => serve::run(&args, cli.seed, learner, &mut out, &mut err),
    };
    // Said once the command is done (after the TUI gave the screen back).
    for note in crate::cache::take_notes() {
        let _ = writeln!(err, "cogflow: note: {note}");
    }
    code
}

/// The learner of this run ([`learner::settle`]), its warnings said on `err`. A name given
/// with `--learner` that differs from the one remembered is confirmed there too, once.
/// Exit 2 when the flag or `COGFLOW_LEARNER` holds no usable name.
fn settle_learner(flag: Option<&str>, err: &mut dyn Write) -> Result<Option<Learner>, ExitCode> {
    let mut store = Store::open().ok();
    let before = match (flag, store.as_mut()) {
        (Some(_), Some(store)) => store.saved_learner().ok().flatten(),
        _ => None,
    };
    match learner::settle(flag, std::env::var_os(LEARNER_ENV), store.as_mut()) {
        Ok((learner, warnings)) => {
            for warning in warnings {
                let _ = writeln!(err, "cogflow: {warning}");
            }
            if let Some(l) = &learner
                && l.source == learner::Source::Flag
                && before.as_deref() != Some(&l.name)
            {
                let _ = writeln!(
                    err,
                    "cogflow: answers are recorded as \"{}\" from now on",
                    l.name
                );
            }
            Ok(learner)
        }
        Err(e) => {
            let _ = writeln!(err, "cogflow: {e}");
            Err(ExitCode::from(2))
        }
    }
}

/// A seed for a run when `--seed` was not given (shown in outputs, so the run can be repeated).
#[must_use]
pub fn fresh_seed() -> u64 {
    // Keep seeds short enough to read aloud and type back.
    rand::random::<u64>() % 1_000_000
}

/// The exit code once a command has written its output: a reader that left early (`| head`)
/// is no failure; any other write error is said on `err` as `{context}: {error}`.
pub(crate) fn written(result: io::Result<()>, context: &str, err: &mut dyn Write) -> ExitCode {
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) if e.kind() == io::ErrorKind::BrokenPipe => ExitCode::SUCCESS,
        Err(e) => {
            let _ = writeln!(err, "{context}: {e}");
            ExitCode::FAILURE
        }
    }
}

/// Prints a scenario that failed to load; exit 2 when it was not found, 1 when it is invalid.
/// A name that found nothing is a command-line word, not a file: it is said as cogflow's own
/// message, never as `WORD:1:1:` (a place in a file that does not exist).
pub fn report_load_error(error: &LoadError, err: &mut dyn Write) -> ExitCode {
    if error.is_not_found() {
        for diagnostic in &error.diagnostics {
            let _ = writeln!(
                err,
                "cogflow: {}",
                crate::sanitize::line(&diagnostic.message)
            );
        }
        return ExitCode::from(2);
    }
    for diagnostic in &error.diagnostics {
        let _ = writeln!(err, "{diagnostic}");
    }
    ExitCode::FAILURE
}
