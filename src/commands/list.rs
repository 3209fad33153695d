//! `cogflow list`: the library as a learning path. The built-in lessons in the order to take
//! them (with this learner's progress in each), then those in `./scenarios`, as a table;
//! under it what each lesson teaches and needs, and the lesson to take next.

use std::io::{self, Write};
use std::path::Path;
use std::process::ExitCode;

use crate::library::{self, Lesson, Status};
use crate::progress::Progress;
use crate::sanitize;
use crate::scenario::{self, Scenario, Severity};

/// Runs `cogflow list`: the table goes to `out`.
pub fn run(env: &super::Env, out: &mut dyn Write, err: &mut dyn Write) -> ExitCode {
    // Progress only colours the list: a store that cannot be read lists every lesson as new.
    let records = env
        .store()
        .and_then(|mut store| store.all())
        .unwrap_or_default();
    let rows = rows_with(Path::new(scenario::LOCAL_DIR), &records);
    let lessons = library::path(&records);
    let written = write_table(&rows, out)
        .and_then(|()| write_shadowed(&rows, out))
        .and_then(|()| write_path(&lessons, out));
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
    /// Steps on the main path, as the lesson's screen counts them ("Step 1/5").
    pub steps: Option<usize>,
    /// Number of quiz questions.
    pub questions: Option<usize>,
    /// `built-in` or the path.
    pub source: String,
    /// A file in `./scenarios` with a built-in lesson's id: `cogflow run ID` opens the
    /// built-in, this file opens by its path. `Some(true)` when its content is the built-in's.
    pub shadowed: Option<bool>,
    /// How far the learner got (`None` for a file that does not load).
    pub status: Option<Status>,
}

impl Row {
    fn of(scenario: &Scenario, source: String, records: &[Progress], steps: &mut Steps) -> Self {
        let file = &scenario.file;
        let progress = records.iter().find(|p| p.scenario_id == file.scenario.id);
        Self {
            id: file.scenario.id.clone(),
            title: file.scenario.title.clone(),
            minutes: file.scenario.minutes,
            steps: steps.of(scenario),
            questions: Some(file.questions.len()),
            source,
            shadowed: None,
            status: Some(Lesson::of(scenario, None, progress).status),
        }
    }
}

/// The main path's length of each content seen ([`library::main_path_steps`]), so a file in
/// `./scenarios` that is a built-in's copy is laid out once.
#[derive(Default)]
struct Steps(std::collections::HashMap<String, Option<usize>>);

impl Steps {
    fn of(&mut self, scenario: &Scenario) -> Option<usize> {
        *self
            .0
            .entry(scenario.content_hash.clone())
            .or_insert_with(|| library::main_path_steps(scenario))
    }
}

/// The built-ins in learning order ([`library::PATH`]), then every `*.toml` in `dir` (sorted
/// by name), each with the learner's progress from `records`. A file that does not load is
/// listed with its error count instead of stopping the listing.
#[must_use]
pub fn rows_with(dir: &Path, records: &[Progress]) -> Vec<Row> {
    let mut steps = Steps::default();
    let mut builtins = Vec::new();
    let mut rows: Vec<Row> = library::PATH
        .iter()
        .filter_map(|stage| scenario::BUILTINS.iter().find(|(id, _)| *id == stage.id))
        .map(|(id, src)| match scenario::load_builtin(id, src) {
            Ok(s) => {
                builtins.push((s.file.scenario.id.clone(), s.content_hash.clone()));
                Row::of(&s, "built-in".to_owned(), records, &mut steps)
            }
            Err(e) => invalid_row(id, e.diagnostics.len(), &format!("built-in:{id}")),
        })
        .collect();
    for path in scenario::local_files(dir) {
        let shown = sanitize::line(&path.display().to_string()).into_owned();
        rows.push(match scenario::load_path(&path) {
            Ok(s) => {
                let same = |(id, hash): &(String, String)| {
                    (*id == s.file.scenario.id).then_some(*hash == s.content_hash)
                };
                Row {
                    shadowed: builtins.iter().find_map(same),
                    ..Row::of(&s, shown, records, &mut steps)
                }
            }
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
        shadowed: None,
        status: None,
    }
}

/// Under the table, when a file in `./scenarios` has a built-in lesson's id: which of the two
/// `cogflow run ID` opens (the built-in), and how to open the file.
///
/// # Errors
/// Writing fails.
pub fn write_shadowed(rows: &[Row], out: &mut dyn Write) -> io::Result<()> {
    let shadowed: Vec<&Row> = rows.iter().filter(|r| r.shadowed.is_some()).collect();
    let Some(example) = shadowed
        .iter()
        .find(|r| r.shadowed == Some(false))
        .or(shadowed.first())
    else {
        return Ok(());
    };
    let path = &example.source;
    let files = if shadowed.len() == 1 {
        "1 file in ./scenarios has".to_owned()
    } else {
        format!("{} files in ./scenarios have", shadowed.len())
    };
    writeln!(
        out,
        "\n{files} a built-in lesson's id: `cogflow run {}` opens the built-in; \
         `cogflow run {path}` opens the file.",
        example.id
    )
}

/// "done", "step 3, quiz 1/3", "new": a row's progress in a few words.
fn progress_words(row: &Row) -> String {
    match row.status {
        None => "-".to_owned(),
        Some(Status::New) => "new".to_owned(),
        Some(Status::Done) => "done".to_owned(),
        Some(Status::Started { step, first_try }) => {
            let mut parts = Vec::new();
            if let Some(step) = step {
                parts.push(format!("step {step}"));
            }
            if let Some(total) = row.questions.filter(|&n| n > 0) {
                parts.push(format!("quiz {first_try}/{total}"));
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
                match r.shadowed {
                    Some(true) => format!("{} (= built-in)", r.source),
                    Some(false) => format!("{} (not the built-in)", r.source),
                    None => r.source.clone(),
                },
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
        assert_eq!(
            rows[builtins].shadowed,
            Some(true),
            "a copy of the built-in"
        );
        assert_eq!(rows[builtins + 1].shadowed, None);
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
             signin-basic  Cognito for user authentication in AWS   10      5          3  new       built-in\n"
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
