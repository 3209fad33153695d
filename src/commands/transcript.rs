//! `cogflow transcript`: the whole run without a terminal UI.

use std::io::Write;
use std::process::ExitCode;

use crate::cli::{TranscriptArgs, TranscriptFormat};
use crate::{flow, scenario, transcript};

use super::{fresh_seed, report_load_error, written};

/// Prints the run of `args.scenario` (or the built-in lesson) in the chosen format.
pub fn run(
    args: &TranscriptArgs,
    seed: Option<u64>,
    out: &mut dyn Write,
    err: &mut dyn Write,
) -> ExitCode {
    let scenario = match scenario::resolve(args.scenario.as_deref()) {
        Ok(scenario) => scenario,
        Err(error) => return report_load_error(&error, err),
    };
    let seed = seed.unwrap_or_else(fresh_seed);
    let run = match flow::run(&scenario, args.variant.as_deref(), seed) {
        Ok(run) => run,
        Err(error) => {
            let _ = writeln!(err, "cogflow: {error}");
            return ExitCode::from(2);
        }
    };
    let options = transcript::Options {
        answers: args.answers,
    };
    let text = match args.format {
        TranscriptFormat::Text => transcript::text(&scenario, &run, options),
        TranscriptFormat::Markdown => transcript::markdown(&scenario, &run, options),
        TranscriptFormat::Json => {
            let mut json = crate::sanitize::to_json_pretty(&transcript::json(&scenario, &run))
                .unwrap_or_default();
            json.push('\n');
            json
        }
    };
    written(
        out.write_all(text.as_bytes()),
        "cogflow: cannot write the transcript",
        err,
    )
}
