//! `cogflow class report PATH...`: a class's results files merged into one report, as text,
//! Markdown, JSON or a self-contained HTML page; `cogflow class PATH...` (or `report --tui`)
//! shows it in the terminal UI.

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use crate::class::{self, Report};
use crate::cli::{ClassArgs, ClassCommand, ClassFormat, ClassReportArgs};
use crate::scenario::{self, Scenario};

/// The width of a text report when neither `--width`, `COLUMNS` nor a terminal says.
pub const DEFAULT_WIDTH: usize = 80;

/// Runs `cogflow class`.
pub fn run(
    args: &ClassArgs,
    env: &super::Env,
    out: &mut dyn Write,
    err: &mut dyn Write,
) -> ExitCode {
    match &args.command {
        Some(ClassCommand::Report(report)) => run_report(report, env, out, err),
        None if args.paths.is_empty() => {
            let _ = writeln!(
                err,
                "cogflow: name the results files or folders: `cogflow class report PATH...` \
                 (or `cogflow class PATH...` for the terminal UI)"
            );
            ExitCode::from(2)
        }
        None => {
            let report = ClassReportArgs {
                paths: args.paths.clone(),
                format: ClassFormat::Text,
                output: None,
                lesson: Vec::new(),
                width: None,
                plain: false,
                tui: true,
            };
            run_report(&report, env, out, err)
        }
    }
}

/// The lesson files that can name questions: the built-ins, `./scenarios/*.toml` (quietly
/// skipping any that do not load: `cogflow check` is for those) and `--lesson` files (whose
/// problems are said: the instructor asked for them).
fn known_lessons(extra: &[PathBuf], err: &mut dyn Write) -> Result<Vec<Scenario>, ExitCode> {
    let mut lessons = scenario::builtins().unwrap_or_default();
    let local = scenario::local_files(std::path::Path::new(scenario::LOCAL_DIR));
    lessons.extend(local.iter().filter_map(|p| scenario::load_path(p).ok()));
    for path in extra {
        match scenario::load_path(path) {
            Ok(lesson) => lessons.push(lesson),
            Err(error) => return Err(super::report_load_error(&error, err)),
        }
    }
    Ok(lessons)
}

/// The text width: `--width`, else `COLUMNS`, else the terminal's, else [`DEFAULT_WIDTH`].
fn width(asked: Option<usize>, env: &super::Env) -> usize {
    asked
        .or_else(|| env.var("COLUMNS")?.to_str()?.trim().parse().ok())
        .or_else(|| {
            env.stdout_is_terminal()
                .then(|| crossterm::terminal::size().ok())
                .flatten()
                .map(|(w, _)| usize::from(w))
        })
        .unwrap_or(DEFAULT_WIDTH)
}

fn build(args: &ClassReportArgs, err: &mut dyn Write) -> Result<Report, ExitCode> {
    let lessons = known_lessons(&args.lesson, err)?;
    let read = class::read::read(&args.paths);
    // A text report on the terminal lists what it skipped itself; said on stderr too, it
    // would be said twice. Anything else (a file, JSON for a tool) also warns on stderr.
    let in_text = args.format == ClassFormat::Text && args.output.is_none();
    if !in_text || read.sources.is_empty() {
        for warning in &read.warnings {
            let _ = writeln!(err, "cogflow: warning: {warning}");
        }
    }
    if read.sources.is_empty() {
        let _ = writeln!(
            err,
            "cogflow: no results file could be read from {}",
            args.paths
                .iter()
                .map(|p| p.display().to_string())
                .collect::<Vec<_>>()
                .join(", ")
        );
        return Err(ExitCode::FAILURE);
    }
    Ok(class::build(
        &read.sources,
        read.skipped,
        read.warnings,
        &lessons,
    ))
}

fn run_report(
    args: &ClassReportArgs,
    env: &super::Env,
    out: &mut dyn Write,
    err: &mut dyn Write,
) -> ExitCode {
    if args.width == Some(0) {
        let _ = writeln!(err, "cogflow: --width must be at least 1");
        return ExitCode::from(2);
    }
    let report = match build(args, err) {
        Ok(report) => report,
        Err(code) => return code,
    };
    let term = env.var("TERM");
    if args.tui {
        if env.stdout_is_terminal() && term.as_deref().is_some_and(|t| t != "dumb") {
            return run_tui(report, env, err);
        }
        let _ = writeln!(
            err,
            "cogflow: no terminal to draw on (or TERM=dumb); here is the text report"
        );
    }
    let plain = args.plain || term.as_deref().is_some_and(|t| t == "dumb");
    let text = match args.format {
        ClassFormat::Text => class::text::render(
            &report,
            class::text::Style {
                width: width(args.width, env),
                plain,
            },
        ),
        ClassFormat::Markdown => class::markdown::render(&report),
        ClassFormat::Json => class::to_json(&report),
        ClassFormat::Html => class::html::render(&report),
    };
    match &args.output {
        Some(path) => write_file(path, &text, &report, err),
        None => super::written(
            out.write_all(text.as_bytes()).and_then(|()| out.flush()),
            "cogflow",
            err,
        ),
    }
}

/// The report in the terminal UI, question by question.
fn run_tui(report: Report, env: &super::Env, err: &mut dyn Write) -> ExitCode {
    let mut view = crate::app::class_view::ClassView::new(report);
    let theme = crate::ui::theme::Theme::for_no_color(env.var("NO_COLOR").as_deref());
    let Some(mut screen) = crate::tui::open(err, "cogflow", "`cogflow class report PATH...`")
    else {
        return ExitCode::FAILURE;
    };
    let result = crate::tui::class::run(&mut screen, &mut view, &theme);
    drop(screen);
    match result {
        Ok(crate::tui::Exit::Quit) => ExitCode::SUCCESS,
        Ok(crate::tui::Exit::Signal(signal)) => crate::tui::screen::end_by(signal),
        Err(e) => {
            let _ = writeln!(err, "cogflow: the terminal failed: {e}");
            ExitCode::FAILURE
        }
    }
}

fn write_file(path: &Path, text: &str, report: &Report, err: &mut dyn Write) -> ExitCode {
    if let Err(e) = std::fs::write(path, text) {
        let _ = writeln!(err, "cogflow: cannot write {}: {e}", path.display());
        return ExitCode::FAILURE;
    }
    let _ = writeln!(
        err,
        "cogflow: wrote {}: {}",
        path.display(),
        class::text::summary(report)
    );
    ExitCode::SUCCESS
}
