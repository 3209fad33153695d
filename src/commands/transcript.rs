//! `cogflow transcript`: the whole run without a terminal UI; as Markdown or HTML, a handout.

use std::io::Write;
use std::process::ExitCode;

use crate::cli::{Branches, TranscriptArgs, TranscriptFormat};
use crate::flow::Run;
use crate::{flow, scenario, transcript};

use super::{fresh_seed, report_load_error, written};

/// Prints the run of `args.scenario` (or the built-in lesson) in the chosen format: every
/// branch's run with `--branches all`.
pub fn run(
    args: &TranscriptArgs,
    seed: Option<u64>,
    out: &mut dyn Write,
    err: &mut dyn Write,
) -> ExitCode {
    let handout = matches!(
        args.format,
        TranscriptFormat::Markdown | TranscriptFormat::Html
    );
    let asked = [
        (args.branches == Branches::All, "--branches all"),
        (args.student, "--student"),
    ];
    if let Some((_, option)) = asked.iter().find(|(given, _)| *given && !handout) {
        let _ = writeln!(
            err,
            "cogflow: {option} makes a handout: use it with --format markdown or --format html"
        );
        return ExitCode::from(2);
    }
    let scenario = match scenario::resolve(args.scenario.as_deref()) {
        Ok(scenario) => scenario,
        Err(error) => return report_load_error(&error, err),
    };
    let seed = seed.unwrap_or_else(fresh_seed);
    let variants: Vec<Option<&str>> = match args.branches {
        Branches::Shown => vec![args.variant.as_deref()],
        Branches::All => std::iter::once(None)
            .chain(scenario.file.variants.iter().map(|v| Some(v.id.as_str())))
            .collect(),
    };
    let mut runs: Vec<Run> = Vec::new();
    for variant in variants {
        match flow::run(&scenario, variant, seed) {
            Ok(run) => runs.push(run),
            Err(error) => {
                let _ = writeln!(err, "cogflow: {error}");
                return ExitCode::from(2);
            }
        }
    }
    let options = transcript::Options {
        answers: args.answers,
        no_hints: args.no_hints,
        student: args.student,
    };
    let text = match args.format {
        TranscriptFormat::Text => transcript::text(&scenario, &runs[0], options),
        TranscriptFormat::Markdown => transcript::markdown(&scenario, &runs, options),
        TranscriptFormat::Html => transcript::html(&scenario, &runs, options),
        TranscriptFormat::Json => {
            let mut json = crate::sanitize::to_json_pretty(&transcript::json(&scenario, &runs[0]))
                .unwrap_or_default();
            json.push('\n');
            json
        }
    };
    match &args.output {
        Some(path) => match std::fs::write(path, &text) {
            Ok(()) => {
                let _ = writeln!(err, "cogflow: wrote {}", path.display());
                ExitCode::SUCCESS
            }
            Err(e) => {
                let _ = writeln!(err, "cogflow: cannot write {}: {e}", path.display());
                ExitCode::FAILURE
            }
        },
        None => written(
            out.write_all(text.as_bytes()),
            "cogflow: cannot write the transcript",
            err,
        ),
    }
}
