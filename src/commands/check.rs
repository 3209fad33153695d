//! `cogflow check FILE...`: validate scenario files, print every diagnostic to stderr and a
//! summary, exit 0 when all are valid (warnings allowed) and 1 when any is not.

use std::io::{self, Write};
use std::path::PathBuf;
use std::process::ExitCode;

use crate::cli::CheckArgs;
use crate::scenario::{self, Diagnostic, Scenario, Severity};

/// A check that needs the engine: runs every variant and reports quiz proofs that contradict
/// the simulated run.
pub type RunCheck = fn(&Scenario) -> Vec<Diagnostic>;

/// The run-based check, applied to files with no static errors: the engine runs the main path
/// and every variant, and quiz proofs and predictions are compared with the runs. (A constant
/// so that `check_files` can be tested with a stand-in and without the engine.)
pub const RUN_CHECK: Option<RunCheck> = Some(crate::flow::check_run);

/// Runs `cogflow check`: diagnostics and the summary go to `err`.
pub fn run(args: &CheckArgs, err: &mut dyn Write) -> ExitCode {
    let mut report = check_files(&args.files, RUN_CHECK);
    if args.explain {
        report.explain(&args.files);
    }
    // If stderr is gone there is nobody to tell; the exit code still says it.
    let _ = report.write(err);
    report.exit_code()
}

/// What checking some files found.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Report {
    /// Every diagnostic, file by file, each file's in order.
    pub diagnostics: Vec<Diagnostic>,
    /// Files checked.
    pub files: usize,
    /// Files with at least one error.
    pub invalid: usize,
}

impl Report {
    /// Errors in all files.
    #[must_use]
    pub fn errors(&self) -> usize {
        self.count(Severity::Error)
    }

    /// Warnings in all files.
    #[must_use]
    pub fn warnings(&self) -> usize {
        self.count(Severity::Warning)
    }

    fn count(&self, severity: Severity) -> usize {
        self.diagnostics
            .iter()
            .filter(|d| d.severity == severity)
            .count()
    }

    /// "2 files checked: 1 valid, 1 with 3 errors; 1 warning".
    #[must_use]
    pub fn summary(&self) -> String {
        let mut summary = format!(
            "{} checked: {} valid",
            plural(self.files, "file"),
            self.files - self.invalid
        );
        if self.invalid > 0 {
            summary.push_str(&format!(
                ", {} with {}",
                self.invalid,
                plural(self.errors(), "error")
            ));
        }
        if self.warnings() > 0 {
            summary.push_str(&format!("; {}", plural(self.warnings(), "warning")));
        }
        summary
    }

    /// Adds, after each valid file's diagnostics, what its branching steps were understood to
    /// mean ([`scenario::explain::explain`]).
    pub fn explain(&mut self, files: &[PathBuf]) {
        let mut explained = Vec::new();
        for path in files {
            let name = path.display().to_string();
            let builtin = builtin_named(path);
            let builtin_name = builtin.map(|(id, _)| format!("built-in:{id}"));
            explained.extend(
                self.diagnostics
                    .iter()
                    .filter(|d| d.file == name || Some(&d.file) == builtin_name.as_ref())
                    .cloned(),
            );
            let loaded = match builtin {
                Some((id, src)) => scenario::load_builtin(id, src),
                None => scenario::load_path(path),
            };
            if let Ok(loaded) = loaded {
                explained.extend(scenario::explain::explain(&loaded));
            }
        }
        self.diagnostics = explained;
    }

    /// Writes every diagnostic, then the summary.
    ///
    /// # Errors
    /// Writing fails.
    pub fn write(&self, out: &mut dyn Write) -> io::Result<()> {
        for diagnostic in &self.diagnostics {
            writeln!(out, "{diagnostic}")?;
        }
        writeln!(out, "{}", self.summary())
    }

    /// 0 when every file is valid, 1 otherwise.
    #[must_use]
    pub fn exit_code(&self) -> ExitCode {
        if self.invalid == 0 {
            ExitCode::SUCCESS
        } else {
            ExitCode::FAILURE
        }
    }
}

fn plural(n: usize, word: &str) -> String {
    if n == 1 {
        format!("1 {word}")
    } else {
        format!("{n} {word}s")
    }
}

/// Checks each file: static validation, then `run_check` (for a file without errors, and for
/// one whose errors leave the run intact: [`scenario::LoadError::partial`]). Files are checked
/// on up to [`THREADS`] threads at once (a run check is mostly argon2, which uses one core), and
/// reported in the order given. The biggest files start first ([`biggest_first`]).
#[must_use]
pub fn check_files(files: &[PathBuf], run_check: Option<RunCheck>) -> Report {
    let order = biggest_first(files);
    let mut checked: Vec<Option<Vec<Diagnostic>>> = vec![None; files.len()];
    for (&i, diagnostics) in order
        .iter()
        .zip(in_parallel(&order, |&i| check_file(&files[i], run_check)))
    {
        checked[i] = Some(diagnostics);
    }
    let mut report = Report::default();
    for mut diagnostics in checked.into_iter().flatten() {
        report.files += 1;
        if diagnostics.iter().any(|d| d.severity == Severity::Error) {
            report.invalid += 1;
        }
        report.diagnostics.append(&mut diagnostics);
    }
    report
}

/// The indices of `files`, largest file first (one that cannot be read counts as empty; ties
/// keep the order given). A file's size stands in for what checking it costs (its steps and
/// variants): started last, the longest check would leave the other threads idle while it
/// runs alone (`check scenarios/*.toml`: srp-sign-in, the costliest, was 14th of 18).
fn biggest_first(files: &[PathBuf]) -> Vec<usize> {
    let mut order: Vec<usize> = (0..files.len()).collect();
    order.sort_by_key(|&i| std::cmp::Reverse(std::fs::metadata(&files[i]).map_or(0, |m| m.len())));
    order
}

fn check_file(path: &std::path::Path, run_check: Option<RunCheck>) -> Vec<Diagnostic> {
    // `cogflow check signin-basic`: no such file, but a built-in lesson's id (as `run`, `quiz`
    // and `transcript` take): check that lesson, saying so, rather than "cannot read".
    if let Some((id, src)) = builtin_named(path) {
        let mut found = vec![Diagnostic {
            file: path.display().to_string(),
            line: 0,
            col: 0,
            severity: Severity::Note,
            message: format!(
                "no such file, but `{id}` is a built-in lesson's id: checking the built-in \
                 lesson (built-in:{id}); give a path to check a file"
            ),
        }];
        found
            .extend(crate::flow::check::check_loaded(scenario::load_builtin(id, src), run_check).1);
        return found;
    }
    crate::flow::check::check_path(path, run_check).1
}

/// The built-in lesson `path` names when it is no file but a built-in's id (`signin-basic`).
fn builtin_named(path: &std::path::Path) -> Option<(&'static str, &'static str)> {
    if path.exists() {
        return None;
    }
    scenario::BUILTINS
        .iter()
        .find(|(id, _)| path.to_str() == Some(*id))
        .copied()
}

/// At most this many files are checked at once: each argon2 in flight holds 19 MiB.
pub const THREADS: usize = 4;

/// `f` of each item, on up to [`THREADS`] threads (no more than the machine's cores), the
/// results in the items' order.
fn in_parallel<T: Sync, R: Send>(items: &[T], f: impl Fn(&T) -> R + Sync) -> Vec<R> {
    let threads = std::thread::available_parallelism()
        .map_or(1, std::num::NonZero::get)
        .min(THREADS)
        .min(items.len());
    if threads <= 1 {
        return items.iter().map(f).collect();
    }
    let next = std::sync::atomic::AtomicUsize::new(0);
    let mut done: Vec<(usize, R)> = std::thread::scope(|scope| {
        let workers: Vec<_> = (0..threads)
            .map(|_| {
                scope.spawn(|| {
                    let mut mine = Vec::new();
                    loop {
                        let i = next.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
                        let Some(item) = items.get(i) else { break };
                        mine.push((i, f(item)));
                    }
                    mine
                })
            })
            .collect();
        workers
            .into_iter()
            .flat_map(|w| {
                w.join()
                    .unwrap_or_else(|panic| std::panic::resume_unwind(panic))
            })
            .collect()
    });
    done.sort_by_key(|(i, _)| *i);
    done.into_iter().map(|(_, r)| r).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn report(files: usize, invalid: usize, errors: usize, warnings: usize) -> Report {
        let diagnostic = |severity| Diagnostic {
            file: "f.toml".into(),
            line: 1,
            col: 1,
            severity,
            message: "m".into(),
        };
        let mut diagnostics = vec![diagnostic(Severity::Error); errors];
        diagnostics.extend(vec![diagnostic(Severity::Warning); warnings]);
        Report {
            diagnostics,
            files,
            invalid,
        }
    }

    #[test]
    fn the_biggest_files_start_first_and_are_reported_in_the_order_given() {
        let dir = std::env::temp_dir().join(format!("cogflow-check-order-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let small = dir.join("small.toml");
        std::fs::write(&small, "format_version = 1\n").unwrap();
        let big = dir.join("big.toml");
        std::fs::write(&big, scenario::BUILTINS[0].1).unwrap();
        let missing = dir.join("missing.toml");
        let files = [small.clone(), missing.clone(), big.clone()];
        assert_eq!(biggest_first(&files), [2, 0, 1]);
        let report = check_files(&files, None);
        let mut named: Vec<&str> = report.diagnostics.iter().map(|d| d.file.as_str()).collect();
        named.dedup();
        let order: Vec<String> = files.iter().map(|f| f.display().to_string()).collect();
        let reported: Vec<&String> = order
            .iter()
            .filter(|f| named.contains(&f.as_str()))
            .collect();
        assert_eq!(
            named,
            reported.iter().map(|f| f.as_str()).collect::<Vec<_>>()
        );
        assert_eq!(report.files, 3);
        std::fs::remove_dir_all(&dir).unwrap();
    }

    #[test]
    fn summaries() {
        for (report, want) in [
            (report(1, 0, 0, 0), "1 file checked: 1 valid"),
            (
                report(2, 1, 3, 0),
                "2 files checked: 1 valid, 1 with 3 errors",
            ),
            (
                report(1, 1, 1, 2),
                "1 file checked: 0 valid, 1 with 1 error; 2 warnings",
            ),
            (report(3, 0, 0, 1), "3 files checked: 3 valid; 1 warning"),
        ] {
            assert_eq!(report.summary(), want);
        }
    }

    #[test]
    fn run_check_is_called_only_for_clean_files() {
        fn contradicts(scenario: &Scenario) -> Vec<Diagnostic> {
            vec![scenario.diagnostic(
                "questions[0].proof",
                Severity::Error,
                "the run contradicts the answer",
            )]
        }
        let dir = std::env::temp_dir().join(format!("cogflow-check-unit-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let good = dir.join("good.toml");
        std::fs::write(&good, scenario::BUILTINS[0].1).unwrap();
        let bad = dir.join("bad.toml");
        std::fs::write(&bad, "format_version = 1\n").unwrap();
        let report = check_files(&[good.clone(), bad], Some(contradicts));
        let run_found: Vec<_> = report
            .diagnostics
            .iter()
            .filter(|d| d.message.contains("contradicts"))
            .collect();
        assert_eq!(run_found.len(), 1);
        assert_eq!(run_found[0].file, good.display().to_string());
        // `proof = { ... }` of the first question, in the built-in lesson.
        let src = scenario::BUILTINS[0].1;
        let line = src
            .lines()
            .position(|l| l.starts_with("proof = { step = 3"))
            .unwrap()
            + 1;
        assert_eq!((run_found[0].line, run_found[0].col), (line, 9));
        assert_eq!(report.invalid, 2);
        std::fs::remove_dir_all(&dir).unwrap();
    }
}
