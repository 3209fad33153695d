//! `cogflow run [SCENARIO]` (and `cogflow` with no command): the terminal UI, or plain text
//! when asked for or when there is no terminal to draw on.
//!
//! Both save the learner's progress through one [`Recorder`] (unless `--no-save`) and resume
//! at the saved step and branch when neither `--step` nor `--variant` is given.

use std::io::{IsTerminal, Write};
use std::process::ExitCode;

use crate::app::{self, App};
use crate::cli::RunArgs;
use crate::progress::{Recorder, ScenarioKey};
use crate::quiz::{Answered, PredictionLog};
use crate::scenario::{self, Origin, Scenario};
use crate::tui::{self, Watch};
use crate::{plain, ui};

/// What saved progress gives a lesson at start.
struct Saved {
    /// Saves the rest of the sitting.
    recorder: Recorder,
    /// Where to start: (1-based step, variant), when resuming.
    resume: Option<(usize, Option<String>)>,
    /// Predictions made in earlier sittings (not asked again).
    predictions: PredictionLog,
    /// Quiz answers given in earlier sittings (the quiz stands where it was left).
    answers: Vec<Answered>,
    /// What went wrong opening it (a damaged file moved aside…), one line each.
    messages: Vec<String>,
}

/// Opens the progress of `scenario`: the recorder, where to resume (only when neither
/// `--step` nor `--variant` says where to start) and the predictions already made.
fn open_progress(scenario: &Scenario, args: &RunArgs, learner: Option<&str>) -> Saved {
    let mut recorder = Recorder::open(ScenarioKey::of(scenario), !args.no_save, learner);
    let restored = recorder.restore(&scenario.file.steps);
    let resume = restored
        .resume
        .filter(|r| {
            args.step.is_none()
                && args.variant.is_none()
                && r.step >= 1
                && r.variant
                    .as_ref()
                    .is_none_or(|v| scenario.file.variants.iter().any(|s| &s.id == v))
        })
        .map(|r| (r.step, r.variant));
    let messages = recorder.take_messages();
    Saved {
        recorder,
        resume,
        predictions: restored.predictions,
        answers: restored.answers,
        messages,
    }
}

/// True when plain text is the right output: asked for, stdout is not a terminal, or the
/// terminal says it cannot draw (`TERM=dumb`).
#[must_use]
pub fn wants_plain(args: &RunArgs) -> bool {
    args.plain
        || !std::io::stdout().is_terminal()
        || std::env::var("TERM").is_ok_and(|term| term == "dumb")
}

/// Opens the lesson, recording `learner` with answers and predictions. Exit codes: 0 after quitting, 1 when the scenario is invalid or the
/// terminal fails, 2 for a usage error (unknown scenario or variant, step 0).
#[must_use]
pub fn run(
    args: &RunArgs,
    seed: Option<u64>,
    learner: &super::Recording,
    out: &mut dyn Write,
    err: &mut dyn Write,
) -> ExitCode {
    let scenario = match scenario::resolve(args.scenario.as_deref()) {
        Ok(scenario) => scenario,
        Err(error) => return super::report_load_error(&error, err),
    };
    learner.confirm(&scenario.words(), err);
    let learner = learner.name();
    if let Some(variant) = &args.variant
        && let Err(error) = crate::flow::find_variant(&scenario.file, variant)
    {
        let _ = writeln!(err, "cogflow: {error}");
        return ExitCode::from(2);
    }
    if args.step == Some(0) {
        let _ = writeln!(err, "cogflow: steps are numbered from 1");
        return ExitCode::from(2);
    }
    let seed = seed.unwrap_or_else(|| crate::cache::unseeded_seed(super::fresh_seed));
    let mut saved = open_progress(&scenario, args, learner);
    let (step, variant) = match &saved.resume {
        Some((step, variant)) => (Some(*step), variant.clone()),
        None => (args.step, args.variant.clone()),
    };
    if wants_plain(args) {
        for message in saved.messages.drain(..) {
            let _ = writeln!(err, "cogflow: {message}");
        }
        let options = plain::Options {
            variant,
            step,
            seed,
            timings: true,
            echo: !std::io::stdin().is_terminal(),
            resumed: saved.resume.is_some(),
            predictions: saved.predictions,
        };
        return run_plain(&scenario, &options, &mut saved.recorder, out, err);
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
        variant,
        step,
        seed,
        watching: watch.is_some(),
        monochrome: ui::theme::Theme::from_env().is_monochrome(),
        resumed: saved.resume.is_some(),
        welcome: saved.resume.is_none(),
        ask_name: learner.is_none() && saved.recorder.is_saving(),
        predictions: saved.predictions,
        answers: saved.answers,
        notices: saved.messages,
        ..app::Options::default()
    };
    let mut recorder = saved.recorder;
    let mut app = App::new(scenario, &options);
    let Some(mut screen) = tui::open(err, "cogflow", "--plain") else {
        return ExitCode::FAILURE;
    };
    // The lesson library is read once the first screen is up, not before it (issue 10: it was
    // most of a launch's own work, then a thread competing with step 1's for the 2 cores).
    let later: tui::Later = || app::Message::Library(library());
    let mut result = tui::run(&mut screen, &mut app, watch, &mut recorder, Some(later));
    let mut said = Vec::new();
    let mut args = args.clone();
    // A lesson picked in the `L` list replaces this one on the same screen, resumed where
    // this learner left it (the command line's step and variant were the first lesson's).
    while let (Ok(tui::Exit::Quit), Some(id)) = (&result, app.take_opening()) {
        tui::save(&mut app, &mut recorder);
        recorder.flush();
        said.extend(recorder.take_messages());
        let picked = RunArgs {
            scenario: Some(id),
            step: None,
            variant: None,
            watch: false,
            ..args.clone()
        };
        // A name given in this lesson's quiz goes with the next lesson's answers too; one
        // skipped is not asked again.
        let learner = recorder.learner().map(str::to_owned);
        let asking = app::Options {
            ask_name: app.asks_name(),
            ..options.clone()
        };
        let Some((next, next_recorder)) = open_lesson(&picked, &asking, learner.as_deref()) else {
            break;
        };
        (app, recorder, args) = (next, next_recorder, picked);
        result = tui::run(&mut screen, &mut app, None, &mut recorder, None);
    }
    drop(screen);
    // Quitting (or a signal) writes the last place; whatever went wrong saving is said after
    // the screen is back.
    tui::save(&mut app, &mut recorder);
    recorder.flush();
    said.extend(recorder.take_messages());
    for message in said {
        let _ = writeln!(err, "cogflow: {message}");
    }
    if result.is_ok() {
        let _ = writeln!(
            out,
            "{}",
            app.exit_line(recorder.is_saving(), &reopen_command(&args))
        );
    }
    match result {
        Ok(tui::Exit::Quit) => ExitCode::SUCCESS,
        Ok(tui::Exit::Signal(signal)) => tui::screen::end_by(signal),
        Err(e) => {
            let _ = writeln!(err, "cogflow: the terminal failed: {e}");
            ExitCode::FAILURE
        }
    }
}

/// The command that reopens this lesson where it was left: progress is kept per lesson, so
/// the same lesson argument (none for the default lesson).
fn reopen_command(args: &RunArgs) -> String {
    match args.scenario.as_deref() {
        None => "cogflow".to_owned(),
        Some(id) if id == scenario::DEFAULT_ID => "cogflow".to_owned(),
        Some(arg) => format!("cogflow run {}", crate::sanitize::line(arg)),
    }
}

/// The library for the `L` list, with this learner's progress (read only: nothing is
/// written): the learning path, then the lessons in `./scenarios`.
fn library() -> Vec<crate::library::Lesson> {
    let records = crate::progress::Store::open()
        .and_then(|mut store| store.all())
        .unwrap_or_default();
    let mut lessons = crate::library::path(&records);
    lessons.extend(crate::library::local(
        std::path::Path::new(scenario::LOCAL_DIR),
        &records,
    ));
    lessons
}

/// The lesson `args` name (picked in the `L` list), set up as the lesson before it was
/// (`options`: the same seed, theme, saving), resumed where this learner left it.
fn open_lesson(
    args: &RunArgs,
    options: &app::Options,
    learner: Option<&str>,
) -> Option<(App, Recorder)> {
    let scenario = scenario::resolve(args.scenario.as_deref()).ok()?;
    let saved = open_progress(&scenario, args, learner);
    let (step, variant) = saved.resume.clone().unzip();
    let options = app::Options {
        variant: variant.flatten(),
        step,
        resumed: saved.resume.is_some(),
        welcome: saved.resume.is_none(),
        ask_name: options.ask_name && learner.is_none() && saved.recorder.is_saving(),
        predictions: saved.predictions,
        answers: saved.answers,
        notices: saved.messages,
        watching: false,
        library: library(),
        ..options.clone()
    };
    Some((App::new(scenario, &options), saved.recorder))
}

fn run_plain(
    scenario: &Scenario,
    options: &plain::Options,
    recorder: &mut Recorder,
    out: &mut dyn Write,
    err: &mut dyn Write,
) -> ExitCode {
    let stdin = std::io::stdin();
    let result = plain::run_recorded(scenario, options, recorder, &mut stdin.lock(), out, err);
    recorder.flush();
    for message in recorder.take_messages() {
        let _ = writeln!(err, "cogflow: {message}");
    }
    match result {
        Ok(()) => ExitCode::SUCCESS,
        // A closed pipe (`| head`) ends the lesson; nothing went wrong.
        Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => ExitCode::SUCCESS,
        Err(e) => {
            let _ = writeln!(err, "cogflow: {e}");
            ExitCode::FAILURE
        }
    }
}
