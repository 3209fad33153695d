//! Command-line arguments (clap types only; `commands` does the work).

use std::path::PathBuf;

use clap::{Args, Parser, Subcommand, ValueEnum};

/// Step through how Amazon Cognito signs a user in, against a real mock user pool.
///
/// With no command, opens the built-in lesson in the terminal UI.
#[derive(Debug, Parser)]
#[command(name = "cogflow", version, about, long_about = None)]
pub struct Cli {
    /// What to do; default: `run` on the built-in lesson.
    #[command(subcommand)]
    pub command: Option<Command>,

    /// Options of `run`, accepted without the word `run` too (`cogflow --step 3`). Global
    /// options (`--seed`, `--learner`) go before or after any command.
    #[command(flatten)]
    pub run: RunArgs,

    /// Make every random value (keys, ids, codes, shuffles) reproducible.
    #[arg(long, global = true, value_name = "N")]
    pub seed: Option<u64>,

    /// Who is learning: recorded with every answer and prediction and remembered, so it is
    /// given once [else: COGFLOW_LEARNER, else the name remembered earlier].
    #[arg(long, global = true, value_name = "NAME")]
    pub learner: Option<String>,
}

/// The subcommands.
#[derive(Debug, Subcommand)]
pub enum Command {
    /// Open a lesson in the terminal UI (or as plain text with --plain).
    Run(RunArgs),
    /// List the built-in scenarios and those in ./scenarios.
    List,
    /// Validate scenario files; exit 0 when all are valid, 1 when any is not.
    Check(CheckArgs),
    /// Print the whole run without a terminal UI.
    Transcript(TranscriptArgs),
    /// Take a lesson's quiz.
    Quiz(QuizArgs),
    /// Write a commented template scenario that passes `check`.
    New(NewArgs),
    /// Print the JSON Schema of the scenario format (for editor completion).
    Schema,
    /// Export recorded quiz answers and predictions, for instructors.
    Results(ResultsArgs),
    /// Forget saved progress for a lesson (or all lessons).
    Reset(ResetArgs),
    /// A class's results merged: `cogflow class report PATH...` (files or folders of exports).
    Class(ClassArgs),
    /// Serve the mock user pool on Cognito's wire protocol, for your own code (boto3, the AWS
    /// CLI, amazon-cognito-identity-js); every call is shown as it arrives.
    Serve(ServeArgs),
}

/// `cogflow run`.
#[derive(Debug, Clone, Args, Default)]
pub struct RunArgs {
    /// A built-in scenario id or a path to a .toml file; default: the built-in lesson.
    #[arg(value_name = "SCENARIO")]
    pub scenario: Option<String>,
    /// Start on this variant (e.g. wrong-password).
    #[arg(long, value_name = "V")]
    pub variant: Option<String>,
    /// Start at this step (1-based).
    #[arg(long, value_name = "N")]
    pub step: Option<usize>,
    /// Reload the file when it changes, keeping the current step.
    #[arg(long)]
    pub watch: bool,
    /// Linear text for screen readers and pipes (automatic when stdout is not a terminal or TERM=dumb).
    #[arg(long)]
    pub plain: bool,
    /// Record no progress.
    #[arg(long)]
    pub no_save: bool,
}

impl Command {
    /// The word that names the command on the command line.
    #[must_use]
    pub fn name(&self) -> &'static str {
        match self {
            Self::Run(_) => "run",
            Self::List => "list",
            Self::Check(_) => "check",
            Self::Transcript(_) => "transcript",
            Self::Quiz(_) => "quiz",
            Self::New(_) => "new",
            Self::Schema => "schema",
            Self::Results(_) => "results",
            Self::Reset(_) => "reset",
            Self::Serve(_) => "serve",
            Self::Class(_) => "class",
        }
    }
}

impl RunArgs {
    /// The first option given, as typed (`--plain`), or `SCENARIO` for the positional; `None`
    /// when nothing was given. Before another command these are a mistake (`cogflow --plain
    /// quiz`), which `commands` reports.
    #[must_use]
    pub fn first_given(&self) -> Option<&'static str> {
        [
            (self.scenario.is_some(), "SCENARIO"),
            (self.variant.is_some(), "--variant"),
            (self.step.is_some(), "--step"),
            (self.watch, "--watch"),
            (self.plain, "--plain"),
            (self.no_save, "--no-save"),
        ]
        .into_iter()
        .find_map(|(given, name)| given.then_some(name))
    }
}

/// `cogflow check`.
#[derive(Debug, Clone, Args)]
pub struct CheckArgs {
    /// Scenario files to validate.
    #[arg(value_name = "FILE", required = true)]
    pub files: Vec<PathBuf>,
    /// Also say, for each step that branches, when it applies (how its `when` was read) and in
    /// which branches.
    #[arg(long)]
    pub explain: bool,
}

/// Output formats of `transcript`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum, Default)]
pub enum TranscriptFormat {
    /// Plain text following the lesson's sections.
    #[default]
    Text,
    /// A printable Markdown handout.
    Markdown,
    /// A printable handout as one self-contained HTML page (A4 and Letter).
    Html,
    /// The trace, for tools and tests.
    Json,
}

/// Which runs a handout shows.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum, Default)]
pub enum Branches {
    /// The main path, or the one `--variant` names.
    #[default]
    Shown,
    /// The main path and every variant, each titled.
    All,
}

/// `cogflow transcript`.
#[derive(Debug, Clone, Args)]
pub struct TranscriptArgs {
    /// A built-in scenario id or a path; default: the built-in lesson.
    #[arg(value_name = "SCENARIO")]
    pub scenario: Option<String>,
    /// Run this variant instead of the main path.
    #[arg(long, value_name = "V")]
    pub variant: Option<String>,
    /// Output format.
    #[arg(long, value_enum, default_value_t)]
    pub format: TranscriptFormat,
    /// Include the quiz answers.
    #[arg(long, conflicts_with = "student")]
    pub answers: bool,
    /// Leave out the quiz's hints (on paper they give answers away).
    #[arg(long)]
    pub no_hints: bool,
    /// Which runs a Markdown or HTML handout shows.
    #[arg(long, value_enum, default_value_t, conflicts_with = "variant")]
    pub branches: Branches,
    /// A student's handout (Markdown or HTML): the run's tables, the moments, the quiz with
    /// answer lines, the snapshot; no answers, no raw JSON.
    #[arg(long)]
    pub student: bool,
    /// Write to FILE instead of stdout.
    #[arg(short, long, value_name = "FILE")]
    pub output: Option<PathBuf>,
}

/// `cogflow quiz`.
#[derive(Debug, Clone, Args)]
pub struct QuizArgs {
    /// A built-in scenario id or a path; default: the built-in lesson.
    #[arg(value_name = "SCENARIO")]
    pub scenario: Option<String>,
    /// Line by line on stdin/stdout (scriptable, screen-reader friendly).
    #[arg(long)]
    pub plain: bool,
    /// Record nothing.
    #[arg(long)]
    pub no_save: bool,
}

/// `cogflow new`.
#[derive(Debug, Clone, Args)]
pub struct NewArgs {
    /// Where to write the template (refuses to overwrite).
    #[arg(value_name = "PATH")]
    pub path: PathBuf,
}

/// Output formats of `results`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum, Default)]
pub enum ResultsFormat {
    /// One row per quiz answer, reveal or prediction, after a `#` comment line.
    #[default]
    Csv,
    /// The same rows as `{"results_format": 2, "rows": [...]}`.
    Json,
}

/// `cogflow results`.
#[derive(Debug, Clone, Args)]
pub struct ResultsArgs {
    /// Output format.
    #[arg(long, value_enum, default_value_t)]
    pub format: ResultsFormat,
    /// Replace each learner's name by a stable pseudonym (the same one in every export).
    #[arg(long)]
    pub anonymous: bool,
}

/// `cogflow class`.
#[derive(Debug, Clone, Args)]
pub struct ClassArgs {
    /// What to do; without one, the report opens in the terminal UI.
    #[command(subcommand)]
    pub command: Option<ClassCommand>,
    /// Results files (CSV or JSON from `cogflow results`) or folders of them, for the
    /// terminal UI.
    #[arg(value_name = "PATH")]
    pub paths: Vec<PathBuf>,
}

/// The subcommands of `cogflow class`.
#[derive(Debug, Clone, Subcommand)]
pub enum ClassCommand {
    /// Merge results files and report, per lesson, per question, prediction and learner.
    Report(ClassReportArgs),
}

/// Output formats of `class report`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum, Default)]
pub enum ClassFormat {
    /// Aligned tables and bar charts for the terminal.
    #[default]
    Text,
    /// Markdown tables.
    Markdown,
    /// The numbers, for other tools.
    Json,
    /// One self-contained page with bar charts, that prints (use with -o FILE).
    Html,
}

/// `cogflow class report`.
#[derive(Debug, Clone, Args)]
pub struct ClassReportArgs {
    /// Results files (CSV or JSON from `cogflow results`) or folders of them (searched
    /// recursively for *.csv and *.json).
    #[arg(value_name = "PATH", required = true)]
    pub paths: Vec<PathBuf>,
    /// Output format.
    #[arg(long, value_enum, default_value_t)]
    pub format: ClassFormat,
    /// Write to FILE instead of stdout.
    #[arg(short, long, value_name = "FILE")]
    pub output: Option<PathBuf>,
    /// A lesson file the results came from, for its question texts (built-in lessons and
    /// ./scenarios/*.toml are found by themselves); may be repeated.
    #[arg(long, value_name = "FILE")]
    pub lesson: Vec<PathBuf>,
    /// Fit the text report to N columns [default: the terminal's width, or 80].
    #[arg(long, value_name = "N")]
    pub width: Option<usize>,
    /// Words only, no bar characters (for screen readers; automatic with TERM=dumb).
    #[arg(long)]
    pub plain: bool,
    /// Show the report in the terminal UI, question by question.
    #[arg(long, conflicts_with_all = ["format", "output"])]
    pub tui: bool,
}

/// `cogflow reset`.
#[derive(Debug, Clone, Args)]
pub struct ResetArgs {
    /// The scenario whose progress to clear; default: every scenario (asked first).
    #[arg(value_name = "SCENARIO")]
    pub scenario: Option<String>,
    /// Clear every scenario's progress without asking (for scripts).
    #[arg(long, short = 'y')]
    pub yes: bool,
}

/// `cogflow serve`.
#[derive(Debug, Clone, Args)]
pub struct ServeArgs {
    /// The scenario whose `[pool]` is served (users, policy, app client); default: signin-basic.
    #[arg(value_name = "SCENARIO")]
    pub scenario: Option<String>,
    /// Port to listen on; 0 picks a free one.
    #[arg(long, default_value_t = 9229, value_name = "N")]
    pub port: u16,
    /// Address to listen on. Anything but a loopback address exposes the mock to the network.
    #[arg(long, default_value = "127.0.0.1", value_name = "ADDR")]
    pub host: std::net::IpAddr,
    /// Hold each call at each phase (request received, credentials checked, response
    /// returned) until you let it go on.
    #[arg(long)]
    pub step: bool,
    /// One line per call and per phase, for screen readers and logs (automatic when stdout is
    /// not a terminal).
    #[arg(long)]
    pub plain: bool,
    /// The tokens' issuer: AWS's own URL, or this endpoint (for verifiers that fetch keys
    /// from the issuer).
    #[arg(long, value_enum, default_value_t)]
    pub issuer: IssuerStyle,
    /// For a lab: do not save the steps met.
    #[arg(long)]
    pub no_save: bool,
    /// When the server stops (q and Enter, Ctrl+C, SIGTERM), write the session as a lesson
    /// to FILE.toml: the pool as it was, one step per call, no password, code or token.
    #[arg(long, value_name = "FILE.toml")]
    pub record: Option<std::path::PathBuf>,
}

/// Which issuer served tokens carry (`--issuer`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, ValueEnum)]
pub enum IssuerStyle {
    /// `https://cognito-idp.<region>.amazonaws.com/<pool>`, as real Cognito (the keys are
    /// still served locally, at the `jwks_url` the banner prints).
    #[default]
    Aws,
    /// `<endpoint>/<pool>`, as LocalStack and cognito-local do: for pycognito with an
    /// `endpoint_url` and for OIDC discovery from the issuer.
    Local,
}

#[cfg(test)]
mod tests {
    use clap::CommandFactory;

    use super::Cli;

    #[test]
    fn clap_definition_is_consistent() {
        Cli::command().debug_assert();
    }

    #[test]
    fn command_names_are_the_words_clap_parses() {
        use clap::Parser;
        for sub in Cli::command().get_subcommands() {
            let word = sub.get_name();
            let mut args = vec!["cogflow", word];
            args.extend(match word {
                "check" => &["x.toml"][..],
                "new" => &["x.toml"][..],
                _ => &[][..],
            });
            let cli = Cli::try_parse_from(&args).unwrap();
            assert_eq!(cli.command.unwrap().name(), word);
        }
    }

    #[test]
    fn global_options_go_before_the_command_too() {
        use clap::Parser;
        let cli =
            Cli::try_parse_from(["cogflow", "--learner", "Ana", "--seed", "3", "quiz"]).unwrap();
        assert_eq!(cli.command.unwrap().name(), "quiz");
        assert_eq!((cli.learner.as_deref(), cli.seed), (Some("Ana"), Some(3)));
        assert_eq!(cli.run.first_given(), None);
        // The README calls --seed global: before `transcript` and `list` too (issue 8).
        for command in ["transcript", "list"] {
            let cli = Cli::try_parse_from(["cogflow", "--seed", "7", command]).unwrap();
            assert_eq!((cli.command.unwrap().name(), cli.seed), (command, Some(7)));
        }
        let cli = Cli::try_parse_from(["cogflow", "--plain", "quiz"]).unwrap();
        assert_eq!(cli.run.first_given(), Some("--plain"));
    }
}
