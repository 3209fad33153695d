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

use std::collections::BTreeMap;
use std::ffi::OsString;
use std::io::{self, IsTerminal, Write};
use std::process::ExitCode;

use crate::cli::{Cli, Command};
use crate::progress::learner;
use crate::progress::{LEARNER_ENV, ProgressError, Store};
use crate::scenario::LoadError;
use crate::words::{Language, Word, Words};

pub mod quiz;
pub mod reset;
pub mod results;

/// Runs the command line in this process's surroundings ([`Env::process`]) and returns its
/// exit code; cache notes are said once the command is done.
#[must_use]
pub fn dispatch(cli: Cli) -> ExitCode {
    crate::cache::keep_keys();
    let stdout = std::io::stdout();
    let stderr = std::io::stderr();
    let code = run(cli, &Env::process(), &mut stdout.lock(), &mut stderr.lock());
    // Said once the command is done (after the TUI gave the screen back).
    let mut err = crate::sanitize::Writer::new(stderr.lock());
    for note in crate::cache::take_notes() {
        let _ = writeln!(err, "cogflow: note: {note}");
    }
    code
}

/// What a command reads of the process around it: environment variables (`COGFLOW_HOME`,
/// `COGFLOW_LEARNER`, `NO_COLOR`, `TERM`, `COLUMNS`) and whether stdout is a terminal.
/// [`dispatch`] passes the process's own; the integration tests run `check`, `transcript`,
/// `results`, `class`, `new`, `schema` and `list` in-process through [`run`] with their own,
/// so what they test is the code `main` runs. (`run`, `quiz` and `serve` read the terminal and
/// stdin themselves: tests run those as a process.)
#[derive(Debug, Clone)]
pub struct Env {
    /// `None`: the process's environment.
    vars: Option<Vec<(OsString, OsString)>>,
    stdout_terminal: bool,
}

impl Env {
    /// The process's environment and stdout.
    #[must_use]
    pub fn process() -> Self {
        Self {
            vars: None,
            stdout_terminal: std::io::stdout().is_terminal(),
        }
    }

    /// Exactly these variables and nothing else, stdout not a terminal.
    #[must_use]
    pub fn with_vars<K: Into<OsString>, V: Into<OsString>>(
        vars: impl IntoIterator<Item = (K, V)>,
    ) -> Self {
        Self {
            vars: Some(
                vars.into_iter()
                    .map(|(k, v)| (k.into(), v.into()))
                    .collect(),
            ),
            stdout_terminal: false,
        }
    }

    /// The variable `key` (the last one given wins, as in a process's environment).
    #[must_use]
    pub fn var(&self, key: &str) -> Option<OsString> {
        match &self.vars {
            None => std::env::var_os(key),
            Some(vars) => vars
                .iter()
                .rev()
                .find(|(k, _)| k == key)
                .map(|(_, v)| v.clone()),
        }
    }

    /// Whether stdout is a terminal.
    #[must_use]
    pub fn stdout_is_terminal(&self) -> bool {
        self.stdout_terminal
    }

    /// The progress store under this environment's data directory ([`crate::progress::home_from`]).
    ///
    /// # Errors
    /// [`ProgressError::NoHome`] when no data directory can be found.
    pub fn store(&self) -> Result<Store, ProgressError> {
        crate::progress::home_from(|key| self.var(key), std::env::consts::OS)
            .map(Store::at)
            .ok_or(ProgressError::NoHome)
    }
}

/// Runs the parsed command line in `env`, writing to `stdout` and `stderr` (both through the
/// sanitizer), and returns its exit code. [`dispatch`] is this on the process's own streams.
pub fn run(cli: Cli, env: &Env, stdout: &mut dyn Write, stderr: &mut dyn Write) -> ExitCode {
    // Every command's text goes through the sanitizer, so nothing it formats (a progress
    // file's field, a path, an echoed line) can put a raw control character on the terminal.
    // The TUI draws through its own handle, so its escape sequences are unaffected.
    let mut out = crate::sanitize::Writer::new(stdout);
    let mut err = crate::sanitize::Writer::new(stderr);
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
    let recording = if records || cli.learner.is_some() {
        match settle_learner(cli.learner.as_deref(), env, &mut err) {
            Ok(recording) => recording,
            Err(code) => return code,
        }
    } else {
        Recording::default()
    };
    // A lesson's command confirms a new name in the lesson's language, once it has the lesson.
    if !matches!(
        cli.command,
        None | Some(Command::Run(_) | Command::Quiz(_) | Command::Serve(_))
    ) {
        recording.confirm(&Words::new(Language::En, &BTreeMap::new()), &mut err);
    }
    let learner = &recording;
    match cli.command {
        None => run::run(&cli.run, cli.seed, learner, &mut out, &mut err),
        Some(Command::Run(args)) => run::run(&args, cli.seed, learner, &mut out, &mut err),
        Some(Command::Transcript(args)) => transcript::run(&args, cli.seed, &mut out, &mut err),
        Some(Command::Quiz(args)) => quiz::run(&args, cli.seed, learner, &mut out, &mut err),
        Some(Command::Results(args)) => {
            results::run(&args, learner.name(), env, &mut out, &mut err)
        }
        Some(Command::Reset(args)) => {
            let stdin = std::io::stdin();
            let typed = std::io::IsTerminal::is_terminal(&stdin);
            reset::run(&args, env, &mut stdin.lock(), typed, &mut out, &mut err)
        }
        Some(Command::Check(args)) => check::run(&args, &mut err),
        Some(Command::List) => list::run(env, &mut out, &mut err),
        Some(Command::New(args)) => new::run(&args, &mut out, &mut err),
        Some(Command::Schema) => schema::run(&mut out, &mut err),
        Some(Command::Class(args)) => class::run(&args, env, &mut out, &mut err),
        Some(Command::Serve(args)) => serve::run(&args, cli.seed, learner, &mut out, &mut err),
    }
}

/// Who a run's answers are recorded under ([`settle_learner`]).
#[derive(Debug, Default)]
pub struct Recording {
    learner: Option<String>,
    /// Given with `--learner` and not the name remembered: said once, by [`Recording::confirm`].
    newly_named: bool,
}

impl Recording {
    /// The name recorded with answers and predictions, if any.
    #[must_use]
    pub fn name(&self) -> Option<&str> {
        self.learner.as_deref()
    }

    /// Confirms on `err` a name that `--learner` just changed, in `words`' language (the
    /// lesson's, for the commands that open one); nothing otherwise.
    pub fn confirm(&self, words: &Words, err: &mut dyn Write) {
        if let (true, Some(name)) = (self.newly_named, &self.learner) {
            let line = words.fill(Word::LearnerRecordedAs, &[("name", name)]);
            let _ = writeln!(err, "cogflow: {line}");
        }
    }
}

/// The learner of this run ([`learner::settle`]), its warnings said on `err`. A name given
/// with `--learner` that differs from the one remembered is marked to be confirmed, once.
/// Exit 2 when the flag or `COGFLOW_LEARNER` holds no usable name.
fn settle_learner(
    flag: Option<&str>,
    env: &Env,
    err: &mut dyn Write,
) -> Result<Recording, ExitCode> {
    let mut store = env.store().ok();
    let before = match (flag, store.as_mut()) {
        (Some(_), Some(store)) => store.saved_learner().ok().flatten(),
        _ => None,
    };
    match learner::settle(flag, env.var(LEARNER_ENV), store.as_mut()) {
        Ok((learner, warnings)) => {
            for warning in warnings {
                let _ = writeln!(err, "cogflow: {warning}");
            }
            let newly_named = learner.as_ref().is_some_and(|l| {
                l.source == learner::Source::Flag && before.as_deref() != Some(&l.name)
            });
            Ok(Recording {
                learner: learner.map(|l| l.name),
                newly_named,
            })
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
