//! `cogflow check FILE...`: validate scenario files, print every diagnostic to stderr and a
//! summary, exit 0 when all are valid (warnings allowed) and 1 when any is not.

use std::io::{self, Write};
use std::path::PathBuf;
use std::process::ExitCode;

use crate::cli::CheckArgs;
use crate::flow::check::{Loaded, PathRun, Paths};
use crate::scenario::{self, Diagnostic, Severity};

/// A check that needs the engine: runs every variant and reports quiz proofs that contradict
/// the simulated run.
#[derive(Debug, Clone, Copy)]
pub enum RunCheck {
    /// [`crate::flow::check_run`]'s, each path of each file (the main path, every variant) a
    /// piece of work of its own ([`crate::flow::check::Paths`]).
    Engine,
    /// Another check of a whole lesson at once: the tests' stand-ins, which check files
    /// without the engine.
    #[cfg(test)]
    Lesson(fn(&scenario::Scenario) -> Vec<Diagnostic>),
}

/// The run-based check, applied to files with no static errors: the engine runs the main path
/// and every variant, and quiz proofs and predictions are compared with the runs. (A constant
/// so that `check_files` can be tested with a stand-in and without the engine.)
pub const RUN_CHECK: Option<RunCheck> = Some(RunCheck::Engine);

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
                Some((id, src)) => scenario::load_builtin_checked(id, src),
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
/// one whose errors leave the run intact: [`scenario::LoadError::partial`]), reported in the
/// order given. Work runs on up to [`THREADS`] threads at once (a run check is mostly argon2,
/// which uses one core): first every file is loaded, the biggest first ([`biggest_first`]),
/// then every path of every file (the main path, each variant) is run as a piece of its own, so
/// one costly file's paths spread over the threads instead of keeping one busy while the others
/// idle (`check` of the six lessons of issue 10: lockout-and-user-existence, the costliest, was
/// the last to finish, alone). Paths go main paths first, then each file's first variant, and so
/// on, the biggest file first in each round: a file's paths share its users' password hashes,
/// and a path that asks for a hash another thread is computing waits for it.
#[must_use]
pub fn check_files(files: &[PathBuf], run_check: Option<RunCheck>) -> Report {
    let order = biggest_first(files);
    let mut loaded: Vec<Option<(Option<Diagnostic>, Loaded)>> =
        std::iter::repeat_with(|| None).take(files.len()).collect();
    for (&i, file) in order
        .iter()
        .zip(in_parallel(cores(), &order, |&i| load_file(&files[i])))
    {
        loaded[i] = Some(file);
    }
    let mut loaded: Vec<(Option<Diagnostic>, Loaded)> = loaded.into_iter().flatten().collect();
    match run_check {
        None => {}
        #[cfg(test)]
        Some(RunCheck::Lesson(check)) => {
            let found = in_parallel(cores(), &order, |&i| loaded[i].1.lesson().map(check));
            for (&i, found) in order.iter().zip(found) {
                if let Some(found) = found {
                    loaded[i].1.add_run_findings(found);
                }
            }
        }
        Some(RunCheck::Engine) => {
            let found = run_paths(&loaded, &order);
            for (file, found) in loaded.iter_mut().zip(found) {
                if let Some(found) = found {
                    file.1.add_run_findings(found);
                }
            }
        }
    }
    let mut report = Report::default();
    for (note, file) in loaded {
        report.files += 1;
        if file.found.iter().any(|d| d.severity == Severity::Error) {
            report.invalid += 1;
        }
        report.diagnostics.extend(note);
        report.diagnostics.extend(file.found);
    }
    report
}

/// [`crate::flow::check_run`]'s findings for each file with a lesson to run, its paths run on
/// up to [`THREADS`] threads (see [`check_files`] for their order).
fn run_paths(
    loaded: &[(Option<Diagnostic>, Loaded)],
    order: &[usize],
) -> Vec<Option<Vec<Diagnostic>>> {
    let paths: Vec<Option<Paths>> = loaded
        .iter()
        .map(|(_, file)| file.lesson().map(Paths::new))
        .collect();
    let lens: Vec<usize> = paths
        .iter()
        .map(|p| p.as_ref().map_or(0, Paths::len))
        .collect();
    let rounds = lens.iter().copied().max().unwrap_or(0);
    let units: Vec<(usize, usize)> = (0..rounds)
        .flat_map(|path| {
            let lens = &lens;
            order
                .iter()
                .filter(move |&&i| path < lens[i])
                .map(move |&i| (i, path))
        })
        .collect();
    // Twice as many threads as cores: a path waiting for a hash another path is computing
    // leaves its core to a third path instead of idle (`check` of issue 10's six lessons,
    // callgrind, 2 cores: on 2 threads the busier did 1,587 M of 2,361 M instructions, the
    // other waiting; on 4 none did more than 964 M).
    let threads = cores().saturating_mul(2).min(THREADS);
    let ran = in_parallel(threads, &units, |&(i, path)| {
        paths[i].as_ref().and_then(|p| p.run(path))
    });
    let mut runs: Vec<Vec<Option<PathRun>>> = lens
        .iter()
        .map(|&len| std::iter::repeat_with(|| None).take(len).collect())
        .collect();
    for (&(i, path), run) in units.iter().zip(ran) {
        runs[i][path] = Some(run);
    }
    paths
        .into_iter()
        .zip(runs)
        .map(|(paths, runs)| paths.map(|p| p.finish(runs.into_iter().flatten().collect())))
        .collect()
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

/// A file loaded, with the note saying it was taken for a built-in lesson's id, if it was.
fn load_file(path: &std::path::Path) -> (Option<Diagnostic>, Loaded) {
    // `cogflow check signin-basic`: no such file, but a built-in lesson's id (as `run`, `quiz`
    // and `transcript` take): check that lesson, saying so, rather than "cannot read".
    if let Some((id, src)) = builtin_named(path) {
        let note = Diagnostic {
            file: path.display().to_string(),
            line: 0,
            col: 0,
            severity: Severity::Note,
            message: format!(
                "no such file, but `{id}` is a built-in lesson's id: checking the built-in \
                 lesson (built-in:{id}); give a path to check a file"
            ),
        };
        return (
            Some(note),
            Loaded::new(scenario::load_builtin_checked(id, src)),
        );
    }
    (None, Loaded::new(scenario::load_path(path)))
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

/// At most this many paths are run at once: each argon2 in flight holds 19 MiB.
pub const THREADS: usize = 4;

/// The machine's cores, at most [`THREADS`]: how many files are loaded at once.
fn cores() -> usize {
    std::thread::available_parallelism()
        .map_or(1, std::num::NonZero::get)
        .min(THREADS)
}

/// `f` of each item, on up to `threads` threads, the results in the items' order.
fn in_parallel<T: Sync, R: Send>(
    threads: usize,
    items: &[T],
    f: impl Fn(&T) -> R + Sync,
) -> Vec<R> {
    let threads = threads.min(items.len());
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
        fn contradicts(scenario: &scenario::Scenario) -> Vec<Diagnostic> {
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
        let report = check_files(&[good.clone(), bad], Some(RunCheck::Lesson(contradicts)));
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
