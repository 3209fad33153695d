//! Finding and reading the results files a class report merges.

use std::fs;
use std::io;
use std::path::{Path, PathBuf};

use super::Source;
use crate::progress::results;

/// The deepest folder level searched below a PATH (a class's folder of folders is two or
/// three deep; this only stops a runaway tree).
pub const MAX_DEPTH: usize = 16;

/// What reading the PATHs gave: the files read, how many were skipped, and a located line
/// for each problem.
#[derive(Debug, Default)]
pub struct Read {
    /// One per results file read, in path order.
    pub sources: Vec<Source>,
    /// Files that could not be used.
    pub skipped: usize,
    /// `path:line: what` (or `path: what`), one line each.
    pub warnings: Vec<String>,
}

/// True for a file name a folder search picks up: `*.csv` and `*.json`.
fn is_results_name(path: &Path) -> bool {
    path.extension()
        .and_then(|e| e.to_str())
        .is_some_and(|e| e.eq_ignore_ascii_case("csv") || e.eq_ignore_ascii_case("json"))
}

/// Every `*.csv` and `*.json` file under `dir`, sorted, not following links to folders (a
/// link loop would never end) and not entering hidden folders (`.git`).
fn walk(dir: &Path, depth: usize, files: &mut Vec<PathBuf>, warnings: &mut Vec<String>) {
    let entries = match fs::read_dir(dir) {
        Ok(entries) => entries,
        Err(e) => {
            warnings.push(format!("{}: cannot list this folder: {e}", dir.display()));
            return;
        }
    };
    let mut paths: Vec<(PathBuf, fs::FileType)> = entries
        .filter_map(Result::ok)
        .filter_map(|e| Some((e.path(), e.file_type().ok()?)))
        .collect();
    paths.sort_by(|a, b| a.0.cmp(&b.0));
    for (path, kind) in paths {
        let hidden = path
            .file_name()
            .is_some_and(|n| n.to_string_lossy().starts_with('.'));
        if kind.is_dir() && !hidden {
            if depth < MAX_DEPTH {
                walk(&path, depth + 1, files, warnings);
            } else {
                warnings.push(format!(
                    "{}: more than {MAX_DEPTH} folders deep; not searched",
                    path.display()
                ));
            }
        } else if !hidden && is_results_name(&path) && (kind.is_file() || path.is_file()) {
            files.push(path);
        }
    }
}

/// Reads every PATH: a file is read whatever its name; a folder is searched for `*.csv` and
/// `*.json` files. A file that is missing, unreadable or not a results file is skipped with a
/// warning saying where; the rest are still read.
#[must_use]
pub fn read(paths: &[PathBuf]) -> Read {
    let mut read = Read::default();
    let mut files = Vec::new();
    for path in paths {
        match fs::metadata(path) {
            Ok(meta) if meta.is_dir() => walk(path, 0, &mut files, &mut read.warnings),
            Ok(_) => files.push(path.clone()),
            Err(e) if e.kind() == io::ErrorKind::NotFound => {
                read.warnings
                    .push(format!("{}: no such file or folder", path.display()));
                read.skipped += 1;
            }
            Err(e) => {
                read.warnings.push(format!("{}: {e}", path.display()));
                read.skipped += 1;
            }
        }
    }
    // A file named twice (a folder and a file in it) is read once.
    let mut seen = Vec::new();
    for file in files {
        let canonical = fs::canonicalize(&file).unwrap_or_else(|_| file.clone());
        if seen.contains(&canonical) {
            continue;
        }
        seen.push(canonical);
        let shown = file.display().to_string();
        match read_one(&file) {
            Ok(rows) => read.sources.push(Source { path: shown, rows }),
            Err(why) => {
                read.warnings
                    .push(format!("{shown}:{why}; skipped this file"));
                read.skipped += 1;
            }
        }
    }
    read
}

/// One file's rows, or `LINE: what` / ` what` for the warning.
fn read_one(path: &Path) -> Result<Vec<results::ResultRow>, String> {
    let bytes = fs::read(path).map_err(|e| format!(" cannot be read: {e}"))?;
    let text = String::from_utf8(bytes).map_err(|e| {
        let at = e.utf8_error().valid_up_to();
        let line = e.as_bytes()[..at].iter().filter(|&&b| b == b'\n').count() + 1;
        format!("{line}: not UTF-8 text")
    })?;
    results::parse(&text).map_err(|e| format!("{}: {}", e.line, e.message))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn folders_are_searched_for_results_files_only() {
        let dir = std::env::temp_dir().join(format!("cogflow-class-walk-{}", std::process::id()));
        let _ = fs::remove_dir_all(&dir);
        for sub in ["a/b", ".git", "c"] {
            fs::create_dir_all(dir.join(sub)).unwrap();
        }
        let header = format!("{}\n{}\n", results::CSV_COMMENT, results::COLUMNS.join(","));
        for file in [
            "a/one.csv",
            "a/b/two.JSON",
            "c/notes.txt",
            ".git/x.csv",
            "z.csv",
        ] {
            let body = if file.ends_with("JSON") {
                "{\"results_format\": 2, \"rows\": []}"
            } else {
                &header
            };
            fs::write(dir.join(file), body).unwrap();
        }
        fs::write(dir.join("c/broken.csv"), "scenario_id\n").unwrap();
        let read = read(&[dir.clone(), dir.join("z.csv"), dir.join("missing.csv")]);
        let names: Vec<String> = read
            .sources
            .iter()
            .map(|s| {
                s.path
                    .strip_prefix(&*dir.to_string_lossy())
                    .unwrap()
                    .to_owned()
            })
            .collect();
        assert_eq!(names, ["/a/b/two.JSON", "/a/one.csv", "/z.csv"]);
        assert_eq!(read.skipped, 2);
        assert_eq!(read.warnings.len(), 2, "{:?}", read.warnings);
        assert!(
            read.warnings[0].ends_with("missing.csv: no such file or folder"),
            "{:?}",
            read.warnings
        );
        assert!(
            read.warnings[1].ends_with(
                "c/broken.csv:1: not a cogflow results header: no column content_hash, \
                 format_version, question_id, choice_shown, choice_original, correct, attempt, \
                 round, hints_used, revealed, seed, choice_order, time; skipped this file"
            ),
            "{:?}",
            read.warnings
        );
        fs::remove_dir_all(dir).unwrap();
    }
}
