//! `cogflow run [SCENARIO]` (and `cogflow` with no command): the terminal UI, or plain text
//! when asked for or when there is no terminal to draw on.

use std::io::{IsTerminal, Write};
use std::process::ExitCode;

use crate::app::terminal::Watch;
use crate::app::{self, App};
use crate::cli::RunArgs;
use crate::scenario::{self, Origin};
use crate::{plain, ui};

/// True when plain text is the right output: asked for, stdout is not a terminal, or the
/// terminal says it cannot draw (`TERM=dumb`).
#[must_use]
pub fn wants_plain(args: &RunArgs) -> bool {
    args.plain
        || !std::io::stdout().is_terminal()
        || std::env::var("TERM").is_ok_and(|term| term == "dumb")
}

/// Opens the lesson. Exit codes: 0 after quitting, 1 when the scenario is invalid or the
/// terminal fails, 2 for a usage error (unknown scenario or variant, step 0).
#[must_use]
pub fn run(
    args: &RunArgs,
    seed: Option<u64>,
    out: &mut dyn Write,
    err: &mut dyn Write,
) -> ExitCode {
    let scenario = match scenario::resolve(args.scenario.as_deref()) {
        Ok(scenario) => scenario,
        Err(error) => return super::report_load_error(&error, err),
    };
    if let Some(variant) = &args.variant {
        let ids: Vec<&str> = scenario
            .file
            .variants
            .iter()
            .map(|v| v.id.as_str())
            .collect();
        if !ids.contains(&variant.as_str()) {
            let known = if ids.is_empty() {
                "none".to_owned()
            } else {
                ids.join(", ")
            };
            let _ = writeln!(
                err,
                "cogflow: `{}` has no variant `{variant}` (variants: {known})",
                scenario.file.scenario.id
            );
            return ExitCode::from(2);
        }
    }
    if args.step == Some(0) {
        let _ = writeln!(err, "cogflow: steps are numbered from 1");
        return ExitCode::from(2);
    }
    let seed = seed.unwrap_or_else(super::fresh_seed);
    if wants_plain(args) {
        return run_plain(&scenario, args, seed, out, err);
    }
    let watch = match (&scenario.origin, args.watch) {
        (Origin::Path(path), true) => Some(Watch::new(path.clone())),
        (Origin::Builtin(_), true) => {
            let _ = writeln!(
                err,
                "cogflow: --watch needs a scenario file; a built-in lesson never changes"
            );
            None
        }
        (_, false) => None,
    };
    let options = app::Options {
        variant: args.variant.clone(),
        step: args.step,
        seed,
        watching: watch.is_some(),
        monochrome: ui::theme::Theme::from_env().is_monochrome(),
        ..app::Options::default()
    };
    let mut app = App::new(scenario, &options);
    // try_init (not init): with no usable terminal it returns an error instead of panicking.
    // Like init, it installs the panic hook that restores the terminal.
    let mut terminal = match ratatui::try_init() {
        Ok(terminal) => terminal,
        Err(e) => {
            ratatui::restore();
            let _ = writeln!(
                err,
                "cogflow: cannot start the terminal UI ({e}); try --plain"
            );
            return ExitCode::FAILURE;
        }
    };
    let result = app::terminal::run(&mut terminal, &mut app, watch);
    ratatui::restore();
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            let _ = writeln!(err, "cogflow: the terminal failed: {e}");
            ExitCode::FAILURE
        }
    }
}

fn run_plain(
    scenario: &scenario::Scenario,
    args: &RunArgs,
    seed: u64,
    out: &mut dyn Write,
    err: &mut dyn Write,
) -> ExitCode {
    let options = plain::Options {
        variant: args.variant.clone(),
        step: args.step,
        seed,
        timings: true,
        echo: !std::io::stdin().is_terminal(),
    };
    let stdin = std::io::stdin();
    match plain::run(scenario, &options, &mut stdin.lock(), out) {
        Ok(()) => ExitCode::SUCCESS,
        // A closed pipe (`| head`) ends the lesson; nothing went wrong.
        Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => ExitCode::SUCCESS,
        Err(e) => {
            let _ = writeln!(err, "cogflow: {e}");
            ExitCode::FAILURE
        }
    }
}
