//! `cogflow list`: the built-in scenarios and those in `./scenarios`, as a table.

use std::io::{self, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use crate::sanitize;
use crate::scenario::{self, Scenario, Severity};

/// Where `cogflow list` looks for scenario files, relative to the working directory.
pub const SCENARIO_DIR: &str = "scenarios";

/// Runs `cogflow list`: the table goes to `out`.
pub fn run(out: &mut dyn Write, err: &mut dyn Write) -> ExitCode {
    let rows = rows(Path::new(SCENARIO_DIR));
    super::written(write_table(&rows, out), "cogflow list", err)
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
}

impl Row {
    fn of(scenario: &Scenario, source: String) -> Self {
        let file = &scenario.file;
        Self {
            id: file.scenario.id.clone(),
            title: file.scenario.title.clone(),
            minutes: file.scenario.minutes,
            steps: Some(file.steps.len()),
            questions: Some(file.questions.len()),
            source,
        }
    }
}

/// The built-ins, then every `*.toml` in `dir` (sorted by name). A file that does not load is
/// listed with its error count instead of stopping the listing.
#[must_use]
pub fn rows(dir: &Path) -> Vec<Row> {
    let mut rows: Vec<Row> = scenario::BUILTINS
        .iter()
        .map(|(id, src)| match scenario::load_builtin(id, src) {
            Ok(s) => Row::of(&s, "built-in".to_owned()),
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
            Ok(s) => Row::of(&s, shown),
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
    }
}

/// Writes `rows` as an aligned table with a header.
///
/// # Errors
/// Writing fails.
pub fn write_table(rows: &[Row], out: &mut dyn Write) -> io::Result<()> {
    let number = |n: Option<usize>| n.map_or_else(|| "-".to_owned(), |n| n.to_string());
    let header = ["ID", "TITLE", "MIN", "STEPS", "QUESTIONS", "SOURCE"].map(String::from);
    let cells: Vec<[String; 6]> = std::iter::once(header)
        .chain(rows.iter().map(|r| {
            [
                r.id.clone(),
                r.title.clone(),
                r.minutes.map_or_else(|| "-".to_owned(), |m| m.to_string()),
                number(r.steps),
                number(r.questions),
                r.source.clone(),
            ]
        }))
        .collect();
    let mut widths = [0usize; 6];
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
                5 => line.push_str(cell),
                _ => line.push_str(&format!("{cell}{}", " ".repeat(pad))),
            }
            if i < 5 {
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
        let rows = rows(&dir);
        // Every built-in first, in BUILTINS order, then the directory's files by name.
        let builtins = scenario::BUILTINS.len();
        assert_eq!(rows.len(), builtins + 2);
        for (row, (id, _)) in rows.iter().zip(scenario::BUILTINS) {
            assert_eq!((row.id.as_str(), row.source.as_str()), (*id, "built-in"));
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
            "ID            TITLE                                   MIN  STEPS  QUESTIONS  SOURCE\n\
             signin-basic  Cognito for user authentication in AWS   10      7          3  built-in\n"
        );
        std::fs::remove_dir_all(&dir).unwrap();
    }

    #[test]
    fn a_missing_directory_lists_only_builtins() {
        let rows = rows(Path::new("/nonexistent/cogflow/scenarios"));
        assert_eq!(rows.len(), scenario::BUILTINS.len());
    }
}
