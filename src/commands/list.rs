//! `cogflow list`: the library as a learning path. The built-in lessons in the order to take
//! them (with this learner's progress in each), then those in `./scenarios`, as a table;
//! under it what each lesson teaches and needs, and the lesson to take next.

use std::io::{self, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use crate::library::{self, Lesson, Status};
use crate::progress::Progress;
use crate::sanitize;
use crate::scenario::{self, Scenario, Severity};

/// Where `cogflow list` looks for scenario files, relative to the working directory.
pub const SCENARIO_DIR: &str = "scenarios";

/// Runs `cogflow list`: the table goes to `out`.
pub fn run(out: &mut dyn Write, err: &mut dyn Write) -> ExitCode {
    // Progress only colours the list: a store that cannot be read lists every lesson as new.
    let records = crate::progress::Store::open()
        .and_then(|mut store| store.all())
        .unwrap_or_default();
    let rows = rows_with(Path::new(SCENARIO_DIR), &records);
    let lessons = library::path(&records);
    let written = write_table(&rows, out).and_then(|()| write_path(&lessons, out));
    super::written(written, "cogflow list", err)
}

/// One line of the table.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Row {
    /// Scenario id (for an invalid file, its file name).
    pub id: String,
    /// Title, or what is wrong with the file.
    pub title: String,
    /// Estimated minutes, if given.
    pub minutes: Option<u32>,
    /// Number of `[[steps]]`.
    pub steps: Option<usize>,
    /// Number of quiz questions.
    pub questions: Option<usize>,
    /// `built-in` or the path.
    pub source: String,
    /// How far the learner got (`None` for a file that does not load).
    pub status: Option<Status>,
}

impl Row {
    fn of(scenario: &Scenario, source: String, records: &[Progress]) -> Self {
        let file = &scenario.file;
        let progress = records.iter().find(|p| p.scenario_id == file.scenario.id);
        Self {
            id: file.scenario.id.clone(),
            title: file.scenario.title.clone(),
            minutes: file.scenario.minutes,
            steps: Some(file.steps.len()),
            questions: Some(file.questions.len()),
            source,
            status: Some(Lesson::of(scenario, None, progress).status),
        }
    }
}

/// The built-ins in learning order ([`library::PATH`]), then every `*.toml` in `dir` (sorted
/// by name), each with the learner's progress from `records`. A file that does not load is
/// listed with its error count instead of stopping the listing.
#[must_use]
pub fn rows_with(dir: &Path, records: &[Progress]) -> Vec<Row> {
    let mut rows: Vec<Row> = library::PATH
        .iter()
        .filter_map(|stage| scenario::BUILTINS.iter().find(|(id, _)| *id == stage.id))
        .map(|(id, src)| match scenario::load_builtin(id, src) {
            Ok(s) => Row::of(&s, "built-in".to_owned(), records),
            Err(e) => invalid_row(id, e.diagnostics.len(), &format!("built-in:{id}")),
        })
        .collect();
    let mut files: Vec<PathBuf> = std::fs::read_dir(dir)
        .into_iter()
        .flatten()
        .flatten()
        .map(|entry| entry.path())
        .filter(|p| p.extension().is_some_and(|e| e == "toml") && p.is_file())
        .collect();
    files.sort();
    for path in files {
        let shown = sanitize::line(&path.display().to_string()).into_owned();
        rows.push(match scenario::load_path(&path) {
            Ok(s) => Row::of(&s, shown, records),
            Err(e) => {
                let errors = e
                    .diagnostics
                    .iter()
                    .filter(|d| d.severity == Severity::Error)
                    .count();
                let stem = path.file_stem().map_or_else(String::new, |s| {
                    sanitize::line(&s.to_string_lossy()).into_owned()
                });
                invalid_row(&stem, errors, &shown)
            }
        });
    }
    rows
}

fn invalid_row(id: &str, errors: usize, source: &str) -> Row {
    let noun = if errors == 1 { "error" } else { "errors" };
    Row {
        id: id.to_owned(),
        title: format!("invalid: {errors} {noun}, run `cogflow check {source}`"),
        minutes: None,
        steps: None,
        questions: None,
        source: source.to_owned(),
        status: None,
    }
}

/// "done", "step 3, quiz 1/3", "new": a row's progress in a few words.
fn progress_words(row: &Row) -> String {
    match row.status {
        None => "-".to_owned(),
        Some(Status::New) => "new".to_owned(),
        Some(Status::Done) => "done".to_owned(),
        Some(Status::Started { step, right }) => {
            let mut parts = Vec::new();
            if let Some(step) = step {
                parts.push(format!("step {step}"));
            }
            if let Some(total) = row.questions.filter(|&n| n > 0) {
                parts.push(format!("quiz {right}/{total}"));
            }
            if parts.is_empty() {
                "started".to_owned()
            } else {
                parts.join(", ")
            }
        }
    }
}

/// Under the table: the path, each lesson with what it teaches and the lessons it builds on,
/// then the lesson to take next (the first not done; none once all are).
///
/// # Errors
/// Writing fails.
pub fn write_path(lessons: &[Lesson], out: &mut dyn Write) -> io::Result<()> {
    let done = lessons.iter().filter(|l| l.status == Status::Done).count();
    writeln!(
        out,
        "\nThe learning path, in order ({done} of {} done):",
        lessons.len()
    )?;
    let number = |id: &str| lessons.iter().position(|l| l.id == id).map_or(0, |i| i + 1);
    for (i, lesson) in lessons.iter().enumerate() {
        let needs: Vec<String> = lessons[i]
            .needs
            .iter()
            .map(|n| format!("{} {n}", number(n)))
            .collect();
        let needs = if needs.is_empty() {
            String::new()
        } else {
            format!(" (needs {})", needs.join(", "))
        };
        let mark = if lesson.status == Status::Done {
            "✓"
        } else {
            " "
        };
        writeln!(
            out,
            "{mark}{:>3}. {}: {}{needs}",
            i + 1,
            lesson.id,
            sanitize::line(&lesson.teaches)
        )?;
    }
    match lessons.iter().find(|l| l.status != Status::Done && !l.lab) {
        Some(next) => writeln!(
            out,
            "Next: {}, {}: `cogflow run {}`",
            next.id,
            sanitize::line(&next.title),
            next.id
        ),
        None => writeln!(out, "Every lesson on the path is done."),
    }
}

/// Writes `rows` as an aligned table with a header.
///
/// # Errors
/// Writing fails.
pub fn write_table(rows: &[Row], out: &mut dyn Write) -> io::Result<()> {
    let number = |n: Option<usize>| n.map_or_else(|| "-".to_owned(), |n| n.to_string());
    let header = [
        "ID",
        "TITLE",
        "MIN",
        "STEPS",
        "QUESTIONS",
        "PROGRESS",
        "SOURCE",
    ]
    .map(String::from);
    let cells: Vec<[String; 7]> = std::iter::once(header)
        .chain(rows.iter().map(|r| {
            [
                r.id.clone(),
                r.title.clone(),
                r.minutes.map_or_else(|| "-".to_owned(), |m| m.to_string()),
                number(r.steps),
                number(r.questions),
                progress_words(r),
                r.source.clone(),
            ]
        }))
        .collect();
    let mut widths = [0usize; 7];
    for row in &cells {
        for (width, cell) in widths.iter_mut().zip(row) {
            *width = (*width).max(crate::columns::width(cell));
        }
    }
    for row in &cells {
        let mut line = String::new();
        for (i, (cell, width)) in row.iter().zip(widths).enumerate() {
            let pad = width - crate::columns::width(cell);
            // Numbers right-aligned, text left-aligned; no trailing spaces on the last column.
            match i {
                2..=4 => line.push_str(&format!("{}{cell}", " ".repeat(pad))),
                6 => line.push_str(cell),
                _ => line.push_str(&format!("{cell}{}", " ".repeat(pad))),
            }
            if i < 6 {
                line.push_str("  ");
            }
        }
        writeln!(out, "{}", line.trim_end())?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lists_builtins_and_directory_files() {
        let dir = std::env::temp_dir().join(format!("cogflow-list-unit-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        std::fs::write(dir.join("b-broken.toml"), "format_version = 1\nnope = 1\n").unwrap();
        std::fs::write(dir.join("a-copy.toml"), scenario::BUILTINS[0].1).unwrap();
        std::fs::write(dir.join("notes.txt"), "not a scenario").unwrap();
        let rows = rows_with(&dir, &[]);
        // Every built-in first, in learning order, then the directory's files by name.
        let builtins = scenario::BUILTINS.len();
        assert_eq!(rows.len(), builtins + 2);
        for (row, stage) in rows.iter().zip(library::PATH) {
            assert_eq!(
                (row.id.as_str(), row.source.as_str()),
                (stage.id, "built-in")
            );
        }
        assert_eq!(rows[0].id, "signin-basic");
        assert_eq!(rows[builtins].id, "signin-basic");
        assert!(rows[builtins].source.ends_with("a-copy.toml"));
        assert_eq!(rows[builtins + 1].id, "b-broken");
        assert!(
            rows[builtins + 1]
                .title
                .starts_with("invalid: 4 errors, run `cogflow check ")
        );

        let mut out = Vec::new();
        write_table(&rows[..1], &mut out).unwrap();
        let text = String::from_utf8(out).unwrap();
        assert_eq!(
            text,
            "ID            TITLE                                   MIN  STEPS  QUESTIONS  PROGRESS  SOURCE\n\
             signin-basic  Cognito for user authentication in AWS   10      7          3  new       built-in\n"
        );
        std::fs::remove_dir_all(&dir).unwrap();
    }

    #[test]
    fn the_path_says_what_each_lesson_teaches_needs_and_what_comes_next() {
        let mut lessons = library::path(&[]);
        lessons[0].status = Status::Done;
        let mut out = Vec::new();
        write_path(&lessons, &mut out).unwrap();
        let text = String::from_utf8(out).unwrap();
        let lines: Vec<&str> = text.lines().collect();
        assert_eq!(lines[1], "The learning path, in order (1 of 18 done):");
        assert!(
            lines[2].starts_with("✓  1. signin-basic: a password sign-in"),
            "{text}"
        );
        assert!(
            lines[3].starts_with("   2. sign-up-and-confirm: ")
                && lines[3].ends_with("(needs 1 signin-basic)"),
            "{text}"
        );
        assert_eq!(
            lines.last().copied(),
            Some(
                "Next: sign-up-and-confirm, Signing up: the account exists before it can sign in: \
                 `cogflow run sign-up-and-confirm`"
            )
        );
        for lesson in &mut lessons {
            lesson.status = Status::Done;
        }
        let mut out = Vec::new();
        write_path(&lessons, &mut out).unwrap();
        let text = String::from_utf8(out).unwrap();
        assert!(
            text.ends_with("Every lesson on the path is done.\n"),
            "{text}"
        );
    }

    #[test]
    fn a_missing_directory_lists_only_builtins() {
        let rows = rows_with(Path::new("/nonexistent/cogflow/scenarios"), &[]);
        assert_eq!(rows.len(), scenario::BUILTINS.len());
    }
}
