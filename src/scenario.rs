//! Scenario files: parse (serde + toml), then validate, collecting every problem with its location.
//!
//! The public surface the rest of cogflow uses:
//! - [`resolve`]: a built-in id or a path (or the built-in lesson) to a validated [`Scenario`];
//! - [`load`]: bytes and a display name to a [`Scenario`] or every [`Diagnostic`];
//! - [`builtins`]: the scenarios embedded in the binary.

pub mod explain;
pub mod lab;
pub mod model;
pub mod schema;
pub mod spans;
mod step_ref;
mod structure;
pub mod suggest;
pub mod template;
mod text;
mod validate;
pub mod vocab;
pub mod when;

use std::fmt;
use std::ops::Range;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use serde::Deserialize as _;
use sha2::{Digest, Sha256};

use spans::KeyPath;

pub use model::ScenarioFile;
pub use vocab::VARIABLES;

/// Id of the lesson `cogflow` opens by default.
pub const DEFAULT_ID: &str = "signin-basic";

/// Scenarios embedded in the binary: (id, source), in the order `cogflow list` shows them (the
/// seed's lesson first, then the others in a sensible learning order).
pub const BUILTINS: &[(&str, &str)] = &[
    (
        "signin-basic",
        include_str!("../scenarios/signin-basic.toml"),
    ),
    (
        "sign-up-and-confirm",
        include_str!("../scenarios/sign-up-and-confirm.toml"),
    ),
    (
        "first-sign-in",
        include_str!("../scenarios/first-sign-in.toml"),
    ),
    (
        "tokens-and-sign-out",
        include_str!("../scenarios/tokens-and-sign-out.toml"),
    ),
    ("totp-mfa", include_str!("../scenarios/totp-mfa.toml")),
    (
        "lockout-and-user-existence",
        include_str!("../scenarios/lockout-and-user-existence.toml"),
    ),
    ("srp-sign-in", include_str!("../scenarios/srp-sign-in.toml")),
    (
        "groups-and-claims",
        include_str!("../scenarios/groups-and-claims.toml"),
    ),
    (
        "email-sign-in",
        include_str!("../scenarios/email-sign-in.toml"),
    ),
    (
        "client-secret",
        include_str!("../scenarios/client-secret.toml"),
    ),
    ("triggers", include_str!("../scenarios/triggers.toml")),
    ("mfa-setup", include_str!("../scenarios/mfa-setup.toml")),
    (
        "verify-token",
        include_str!("../scenarios/verify-token.toml"),
    ),
    (
        "forgot-password",
        include_str!("../scenarios/forgot-password.toml"),
    ),
    (
        "signin-basic-es",
        include_str!("../scenarios/signin-basic-es.toml"),
    ),
    (
        "hosted-ui-pkce",
        include_str!("../scenarios/hosted-ui-pkce.toml"),
    ),
    (
        "lab-first-sign-in",
        include_str!("../scenarios/lab-first-sign-in.toml"),
    ),
    ("lab-tokens", include_str!("../scenarios/lab-tokens.toml")),
];

/// A loaded, validated scenario.
#[derive(Debug, Clone, PartialEq)]
pub struct Scenario {
    /// The file's contents.
    pub file: ScenarioFile,
    /// Where it came from.
    pub origin: Origin,
    /// SHA-256 of the source bytes, lowercase hex (recorded with progress and results).
    pub content_hash: String,
    /// Problems that do not stop the lesson (e.g. a relaxed password policy without a note).
    pub warnings: Vec<Diagnostic>,
    /// The source text (Windows line endings turned into `\n`), kept so that later checks can
    /// locate what they report ([`Scenario::locate`]).
    pub source: Arc<str>,
}

impl Scenario {
    /// The app's words for this lesson: its `language` (default English) with its `[messages]`.
    #[must_use]
    pub fn words(&self) -> crate::words::Words {
        validate::words_of(&self.file)
    }

    /// How diagnostics name this scenario: the path, or `built-in:<id>`.
    #[must_use]
    pub fn name(&self) -> String {
        self.origin.to_string()
    }

    /// Byte range in [`Scenario::source`] of the value at `path`, a key path such as
    /// `questions[2].proof.step` (array indexes 0-based; quote keys that are not bare:
    /// `variants[0].users."ana"`). Falls back to the nearest part of the path that exists;
    /// a `[table]` or `[[table]]` is located at its header.
    #[must_use]
    pub fn locate_span(&self, path: &str) -> Range<usize> {
        toml::de::DeTable::parse(&self.source).map_or(0..0, |root| {
            spans::span_of(&root, &spans::KeyPath::parse(path), false)
        })
    }

    /// 1-based line and column of the value at `path` (see [`Scenario::locate_span`]).
    #[must_use]
    pub fn locate(&self, path: &str) -> (usize, usize) {
        line_col(&self.source, self.locate_span(path).start)
    }

    /// A diagnostic about the value at `path`, located in this scenario's file: what a check
    /// that runs after loading (the run-based check of quiz proofs) reports.
    #[must_use]
    pub fn diagnostic(
        &self,
        path: &str,
        severity: Severity,
        message: impl Into<String>,
    ) -> Diagnostic {
        let (line, col) = self.locate(path);
        Diagnostic {
            file: self.name(),
            line,
            col,
            severity,
            message: message.into(),
        }
    }
}

/// Where a scenario came from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Origin {
    /// Embedded in the binary, by id.
    Builtin(&'static str),
    /// A file on disk.
    Path(PathBuf),
}

impl fmt::Display for Origin {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Origin::Builtin(id) => write!(f, "built-in:{id}"),
            Origin::Path(path) => write!(f, "{}", path.display()),
        }
    }
}

/// How serious a diagnostic is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Severity {
    /// The file cannot be used.
    Error,
    /// Worth fixing; the file still works.
    Warning,
    /// Information only (`cogflow check --explain`).
    Note,
}

/// One problem in a scenario file, with its location.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Diagnostic {
    /// The file as given (a path, or `built-in:<id>`).
    pub file: String,
    /// 1-based line; 0 when the diagnostic is about the path itself (it cannot be read, it is
    /// a folder), which is then said as `PATH: error: …`, never as a place in a file.
    pub line: usize,
    /// 1-based column, in characters (0 with line 0).
    pub col: usize,
    /// Error or warning.
    pub severity: Severity,
    /// What is wrong and, where possible, how to fix it.
    pub message: String,
}

impl fmt::Display for Diagnostic {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let severity = match self.severity {
            Severity::Error => "error",
            Severity::Warning => "warning",
            Severity::Note => "note",
        };
        // Messages quote the file's own text (keys, ids, values): never let that text drive
        // the terminal or break the one-diagnostic-per-line format.
        let file = crate::sanitize::line(&self.file);
        let message = crate::sanitize::line(&self.message);
        if self.line == 0 {
            // About the path itself (unreadable, a folder): no place in a file to point at.
            return write!(f, "{file}: {severity}: {message}");
        }
        write!(
            f,
            "{file}:{}:{}: {severity}: {message}",
            self.line, self.col
        )
    }
}

/// A scenario that could not be loaded: every problem found.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
#[error("{}", display_all(.diagnostics))]
pub struct LoadError {
    /// Errors (and any warnings) in file order.
    pub diagnostics: Vec<Diagnostic>,
    /// The lesson as far as it could be built, when its errors leave the run intact (none is
    /// in `[pool]`, the steps' actions, inputs and branches, or the variants): `cogflow check`
    /// still runs it, so one pass shows the run's findings too. Never for a learner.
    pub partial: Option<Box<Scenario>>,
}

impl LoadError {
    /// `true` when there was nothing to load: no built-in scenario has that id and no file has
    /// that path (a usage error, rather than a scenario with problems).
    #[must_use]
    pub fn is_not_found(&self) -> bool {
        self.diagnostics
            .iter()
            .all(|d| d.severity == Severity::Error && d.message.starts_with(NOT_FOUND))
    }
}

/// How [`resolve`] starts the message for a name that is neither a built-in nor a file.
const NOT_FOUND: &str = "no built-in scenario or file called";

fn display_all(diagnostics: &[Diagnostic]) -> String {
    diagnostics
        .iter()
        .map(ToString::to_string)
        .collect::<Vec<_>>()
        .join("\n")
}

/// Loads a scenario from bytes. `name` is how diagnostics refer to the file.
///
/// Checks, in order, collecting every problem rather than stopping at the first: size, UTF-8,
/// TOML syntax, control characters and terminal escapes in any text, structure (unknown keys,
/// types, missing fields, enum values, ranges), then meaning (references, ids, answers, …).
/// Never panics, whatever the bytes.
///
/// # Errors
/// Every error found, and the warnings with them, in file order, each located.
pub fn load(name: &str, bytes: &[u8], origin: Origin) -> Result<Scenario, LoadError> {
    load_with(name, bytes, origin, Pass::Full)
}

/// Whether the structural pass runs. A built-in lesson's structure is a build-time fact (a
/// test checks that every one passes it with no problem and no repair, and loads the same
/// without it), so loading one skips the JSON Schema: building it is most of a launch's
/// work before the first frame.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Pass {
    /// Every check: files, and `cogflow check` of anything.
    Full,
    /// The structural pass left out: only the embedded [`BUILTINS`] sources.
    Trusted,
}

fn load_with(name: &str, bytes: &[u8], origin: Origin, pass: Pass) -> Result<Scenario, LoadError> {
    let at = |(line, col): (usize, usize), severity, message: String| Diagnostic {
        file: name.to_owned(),
        line,
        col,
        severity,
        message,
    };
    if bytes.len() > text::MAX_FILE_BYTES {
        return Err(LoadError {
            partial: None,
            diagnostics: vec![at(
                (1, 1),
                Severity::Error,
                format!(
                    "the file is {} bytes; scenario files are limited to 1 MiB ({} bytes)",
                    bytes.len(),
                    text::MAX_FILE_BYTES
                ),
            )],
        });
    }
    let Ok(src) = std::str::from_utf8(bytes) else {
        let diagnostics = text::invalid_utf8(bytes, MAX_REPORTED_UTF8_ERRORS)
            .into_iter()
            .map(|p| {
                at(
                    text::line_col_bytes(bytes, p.offset),
                    Severity::Error,
                    p.message,
                )
            })
            .collect();
        return Err(LoadError {
            diagnostics,
            partial: None,
        });
    };

    // Windows line endings: TOML keeps `\r\n` inside multi-line strings, and the lesson's text
    // should not carry carriage returns to the terminal. Removing the `\r` before a `\n` moves
    // no line and no column before it, so locations stay right.
    let normalized;
    let src = if src.contains("\r\n") {
        normalized = src.replace("\r\n", "\n");
        normalized.as_str()
    } else {
        src
    };

    let mut found = Found::default();
    let (root, syntax) = toml::de::DeTable::parse_recoverable(src);
    let forbidden = structure::forbidden_text(&root, src);
    let forbidden_at: Vec<usize> = forbidden.iter().map(|p| p.offset).collect();
    for problem in forbidden {
        found.error(problem.offset, problem.message);
    }
    if !syntax.is_empty() {
        for error in syntax {
            let span = error.span().unwrap_or(0..0);
            // A raw control character is also a TOML syntax error; say it once, our way.
            let explained = forbidden_at
                .iter()
                .any(|o| *o == span.start || span.contains(o));
            if !explained {
                found.error(span.start, format!("invalid TOML: {}", error.message()));
            }
        }
        return Err(found.into_error(name, src));
    }

    let structure = match pass {
        Pass::Full => structure::check(&root, schema::json_schema(), src),
        Pass::Trusted => structure::Structure::default(),
    };
    let structural_errors = !structure.problems.is_empty();
    let placeholders = structure.placeholders();
    for (span, message) in &structure.problems {
        found.error(span.start, message.clone());
    }
    let mut file = None;
    if !structure.fatal {
        let mut repaired = root.clone();
        structure::repair(repaired.get_mut(), &structure.repairs);
        match ScenarioFile::deserialize(toml::de::Deserializer::from(repaired)) {
            Ok(built) => file = Some(built),
            // The structural pass should have caught anything serde rejects; if it did not,
            // serde's own message is better than nothing.
            Err(error) if !structural_errors => {
                found.error(
                    error.span().map_or(0, |s| s.start),
                    error.message().to_owned(),
                );
            }
            Err(_) => {}
        }
    }
    // Where the errors are: the run is worth attempting only when none touches what it runs.
    let mut broken: Vec<KeyPath> = structure.repairs.iter().map(|r| r.path().clone()).collect();
    if let Some(file) = &file {
        for problem in validate::validate(file, &root, &placeholders) {
            // Warnings about a file with placeholders in it are more noise than help.
            if problem.severity == Severity::Warning && !placeholders.is_empty() {
                continue;
            }
            if problem.severity == Severity::Error {
                broken.push(problem.path);
            }
            found.push(problem.span.start, problem.severity, problem.message);
        }
    }
    let scenario = |file, warnings| Scenario {
        file,
        origin,
        content_hash: content_hash(bytes),
        warnings,
        source: Arc::from(src),
    };
    match file {
        Some(file) if !found.has_errors() => {
            let warnings = found.into_error(name, src).diagnostics;
            Ok(scenario(file, warnings))
        }
        Some(file) if !broken.iter().any(affects_the_run) => {
            let mut error = found.into_error(name, src);
            error.partial = Some(Box::new(scenario(file, Vec::new())));
            Err(error)
        }
        _ => Err(found.into_error(name, src)),
    }
}

/// Whether a problem at `path` changes what a run does: anything in `[pool]`, the variants or
/// the format version, and a step's action, inputs and branches (not its labels, texts,
/// diagram node, sample line or prediction).
fn affects_the_run(path: &KeyPath) -> bool {
    use spans::Segment::{Index, Key};
    const STEP_TEXT: &[&str] = &[
        "id",
        "label",
        "input",
        "response",
        "result",
        "error_result",
        "explain",
        "error_explain",
        "node",
        "sample_line",
        "snippet",
        "predict",
    ];
    match path.0.as_slice() {
        [Key(k), Index(_), Key(field), ..] if k == "steps" => !STEP_TEXT.contains(&field.as_str()),
        [Key(k), ..] => matches!(k.as_str(), "pool" | "steps" | "variants" | "format_version"),
        [] | [Index(_), ..] => true,
    }
}

/// Invalid UTF-8 is usually a wrong encoding throughout; the first few places say enough.
const MAX_REPORTED_UTF8_ERRORS: usize = 20;

/// Problems found while loading, at byte offsets, turned into located diagnostics at the end.
#[derive(Default)]
struct Found {
    problems: Vec<(usize, Severity, String)>,
}

impl Found {
    fn push(&mut self, offset: usize, severity: Severity, message: String) {
        self.problems.push((offset, severity, message));
    }

    fn error(&mut self, offset: usize, message: String) {
        self.push(offset, Severity::Error, message);
    }

    fn has_errors(&self) -> bool {
        self.problems.iter().any(|(_, s, _)| *s == Severity::Error)
    }

    /// The diagnostics in file order (stable, so problems at one place keep the order found).
    fn into_error(mut self, name: &str, src: &str) -> LoadError {
        self.problems.sort_by_key(|(offset, _, _)| *offset);
        let index = text::LineIndex::new(src);
        let diagnostics = self
            .problems
            .into_iter()
            .map(|(offset, severity, message)| {
                let (line, col) = index.line_col(src, offset);
                Diagnostic {
                    file: name.to_owned(),
                    line,
                    col,
                    severity,
                    message,
                }
            })
            .collect();
        LoadError {
            diagnostics,
            partial: None,
        }
    }
}

/// Reads and loads the scenario at `path`.
///
/// # Errors
/// The file cannot be read, or has problems.
pub fn load_path(path: &Path) -> Result<Scenario, LoadError> {
    let bytes = read_path(path)?;
    load(
        &path.display().to_string(),
        &bytes,
        Origin::Path(path.to_path_buf()),
    )
}

/// [`load_path`] for the lesson list, unless the file is one of [`BUILTINS`] byte for byte
/// (`Ok(None)`: that lesson, already listed as the built-in). The bytes are compared before
/// anything is parsed, so a copy of the repository's `scenarios/` costs 18 reads rather than
/// 18 loads with the structural pass, whose JSON Schema the process then keeps (the TUI reads
/// the list beside the lesson's first argon2 hash: peak memory, issue 10).
///
/// # Errors
/// As [`load_path`].
pub fn load_path_unless_builtin(path: &Path) -> Result<Option<Scenario>, LoadError> {
    let bytes = read_path(path)?;
    if BUILTINS
        .iter()
        .any(|(_, src)| src.as_bytes() == bytes.as_slice())
    {
        return Ok(None);
    }
    load(
        &path.display().to_string(),
        &bytes,
        Origin::Path(path.to_path_buf()),
    )
    .map(Some)
}

/// The bytes of the file at `path` ([`text::read_bounded`]), or why not as a located error.
fn read_path(path: &Path) -> Result<Vec<u8>, LoadError> {
    text::read_bounded(path).map_err(|message| LoadError {
        partial: None,
        diagnostics: vec![Diagnostic {
            file: path.display().to_string(),
            line: 0,
            col: 0,
            severity: Severity::Error,
            message,
        }],
    })
}

/// The built-in scenarios, loaded.
///
/// # Errors
/// Only if an embedded scenario is broken (a test guards against that).
pub fn builtins() -> Result<Vec<Scenario>, LoadError> {
    BUILTINS
        .iter()
        .map(|(id, src)| load_builtin(id, src))
        .collect()
}

/// Loads one entry of [`BUILTINS`]; diagnostics name it `built-in:<id>`.
///
/// # Errors
/// Only if the embedded scenario is broken (a test guards against that).
///
/// The structural pass is left out when `src` is the embedded source of `id` (see
/// [`load_builtin_checked`] for every check); any other text gets the full pass.
pub fn load_builtin(id: &'static str, src: &str) -> Result<Scenario, LoadError> {
    let embedded = BUILTINS.iter().any(|(i, s)| *i == id && *s == src);
    let pass = if embedded { Pass::Trusted } else { Pass::Full };
    let origin = Origin::Builtin(id);
    load_with(&origin.to_string(), src.as_bytes(), origin, pass)
}

/// [`load_builtin`] with every check, the structural pass included: what `cogflow check` of
/// a built-in lesson's id runs.
///
/// # Errors
/// As [`load_builtin`].
pub fn load_builtin_checked(id: &'static str, src: &str) -> Result<Scenario, LoadError> {
    let origin = Origin::Builtin(id);
    load(&origin.to_string(), src.as_bytes(), origin)
}

/// Where lessons of one's own are looked for, relative to the working directory: `cogflow
/// list` lists them, and `cogflow run ID` (quiz, transcript…) finds them by id.
pub const LOCAL_DIR: &str = "scenarios";

/// The `*.toml` files in `dir`, sorted by name (none when it cannot be read).
#[must_use]
pub fn local_files(dir: &Path) -> Vec<PathBuf> {
    let mut files: Vec<PathBuf> = std::fs::read_dir(dir)
        .into_iter()
        .flatten()
        .flatten()
        .map(|entry| entry.path())
        .filter(|p| p.extension().is_some_and(|e| e == "toml") && p.is_file())
        .collect();
    files.sort();
    files
}

/// The file in `dir` whose `[scenario] id` is `id`: `ID.toml` first, then the others by
/// name. Only the id is read, so a file with problems elsewhere is still found (and its
/// problems reported when it is loaded).
#[must_use]
pub fn find_local(dir: &Path, id: &str) -> Option<PathBuf> {
    let named = dir.join(format!("{id}.toml"));
    let mut files = local_files(dir);
    if let Some(at) = files.iter().position(|p| *p == named) {
        files[..=at].rotate_right(1);
    }
    files
        .into_iter()
        .find(|path| peek_id(path).as_deref() == Some(id))
}

/// The `[scenario] id` of the file at `path`, if it reads as TOML and has one.
fn peek_id(path: &Path) -> Option<String> {
    let bytes = text::read_bounded(path).ok()?;
    let table: toml::Table = toml::from_str(std::str::from_utf8(&bytes).ok()?).ok()?;
    Some(table.get("scenario")?.get("id")?.as_str()?.to_owned())
}

/// A built-in id, a path to a `.toml` file, the id of a lesson in [`LOCAL_DIR`], or (for
/// `None`) the default lesson. A built-in wins over a local file with the same id (`cogflow
/// list` says so); that file opens by its path.
///
/// # Errors
/// An unknown id (the message lists the built-ins), an unreadable file, or an invalid one.
pub fn resolve(arg: Option<&str>) -> Result<Scenario, LoadError> {
    resolve_in(arg, Path::new(LOCAL_DIR))
}

/// [`resolve`], looking for local lessons in `dir`.
///
/// # Errors
/// As [`resolve`].
pub fn resolve_in(arg: Option<&str>, dir: &Path) -> Result<Scenario, LoadError> {
    let arg = arg.unwrap_or(DEFAULT_ID);
    if let Some((id, src)) = BUILTINS.iter().find(|(id, _)| *id == arg) {
        return load_builtin(id, src);
    }
    let path = Path::new(arg);
    if path.exists() {
        return load_path(path);
    }
    if let Some(found) = find_local(dir, arg) {
        return load_path(&found);
    }
    let ids: Vec<&str> = BUILTINS.iter().map(|(id, _)| *id).collect();
    Err(LoadError {
        partial: None,
        diagnostics: vec![Diagnostic {
            file: arg.to_owned(),
            line: 0,
            col: 0,
            severity: Severity::Error,
            message: format!(
                "{NOT_FOUND} `{arg}`{}, nor a lesson with that id in ./{}; built-in scenarios: {}",
                suggest::closest(arg, ids.iter().copied())
                    .map_or_else(String::new, |id| format!(" (did you mean `{id}`?)")),
                dir.display(),
                ids.join(", ")
            ),
        }],
    })
}

/// SHA-256 of `bytes`, lowercase hex.
#[must_use]
pub fn content_hash(bytes: &[u8]) -> String {
    Sha256::digest(bytes)
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}

/// 1-based line and column (in characters) of byte offset `offset` in `src`.
#[must_use]
pub fn line_col(src: &str, offset: usize) -> (usize, usize) {
    let mut offset = offset.min(src.len());
    while !src.is_char_boundary(offset) {
        offset -= 1;
    }
    let before = &src[..offset];
    let line = before.matches('\n').count() + 1;
    let col = before.rsplit('\n').next().map_or(0, |l| l.chars().count()) + 1;
    (line, col)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_builtin_loads() {
        let all = builtins().unwrap();
        assert_eq!(all.len(), BUILTINS.len());
        let lesson = resolve(None).unwrap();
        assert_eq!(lesson.file.scenario.id, DEFAULT_ID);
        assert_eq!(lesson.file.steps.len(), 7);
        assert_eq!(lesson.file.questions.len(), 3);
    }

    /// The built-ins skip the structural pass at load time because passing it is a build-time
    /// fact: this test. Each passes it with no problem and no repair, and loads into the same
    /// scenario (file, warnings, hash, source) with and without it.
    #[test]
    fn every_builtin_passes_the_structural_pass_and_loads_the_same_without_it() {
        for (id, src) in BUILTINS {
            let (root, syntax) = toml::de::DeTable::parse_recoverable(src);
            assert!(syntax.is_empty(), "{id}: {syntax:?}");
            let structure = structure::check(&root, schema::json_schema(), src);
            assert!(
                structure.problems.is_empty(),
                "{id}: {:?}",
                structure.problems
            );
            assert!(
                structure.repairs.is_empty(),
                "{id}: {:?}",
                structure.repairs
            );
            assert!(!structure.fatal, "{id}");

            let name = format!("built-in:{id}");
            let origin = || Origin::Builtin(id);
            let full = load_with(&name, src.as_bytes(), origin(), Pass::Full).unwrap();
            let fast = load_with(&name, src.as_bytes(), origin(), Pass::Trusted).unwrap();
            assert_eq!(fast, full, "{id}");
            assert_eq!(format!("{fast:?}"), format!("{full:?}"), "{id}");
            assert_eq!(load_builtin(id, src).unwrap(), full, "{id}");
            assert_eq!(load_builtin_checked(id, src).unwrap(), full, "{id}");
        }
    }

    /// Only the embedded text itself is trusted: other text under a built-in's id gets every
    /// check, so a structural problem is still reported the structural pass's way.
    #[test]
    fn a_builtin_id_with_other_text_gets_the_full_pass() {
        let (id, src) = BUILTINS[0];
        let changed = src.replacen("[pool]", "[pool]\nshade = 1", 1);
        assert_ne!(changed, src);
        for loaded in [
            load_builtin(id, &changed),
            load_builtin_checked(id, &changed),
        ] {
            let error = loaded.unwrap_err().to_string();
            assert!(error.contains("unknown key `shade` in [pool]"), "{error}");
        }
    }

    #[test]
    fn unknown_scenario_lists_builtins() {
        let err = resolve(Some("nope")).unwrap_err();
        assert!(err.to_string().contains("built-in scenarios: signin-basic"));
        let err = resolve(Some("signin-basci")).unwrap_err();
        assert!(
            err.to_string()
                .contains("`signin-basci` (did you mean `signin-basic`?), nor a lesson"),
            "{err}"
        );
    }

    /// The lesson list leaves out a byte copy of a built-in before parsing it; a file that
    /// differs by one byte loads as a file (every check), and one that is not there says so.
    #[test]
    fn a_local_copy_of_a_builtin_is_told_by_its_bytes_another_file_is_loaded() {
        let dir = std::env::temp_dir().join(format!("cogflow-unless-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        for (id, src) in BUILTINS {
            let copy = dir.join(format!("{id}.toml"));
            std::fs::write(&copy, src).unwrap();
            assert_eq!(load_path_unless_builtin(&copy).unwrap(), None, "{id}");
        }
        let (id, src) = BUILTINS[0];
        let edited = dir.join("edited.toml");
        std::fs::write(&edited, format!("{src}\n")).unwrap();
        let loaded = load_path_unless_builtin(&edited).unwrap().unwrap();
        assert_eq!(loaded, load_path(&edited).unwrap());
        assert_eq!(loaded.file.scenario.id, id);
        assert_eq!(loaded.origin, Origin::Path(edited.clone()));
        let gone = dir.join("gone.toml");
        assert_eq!(
            load_path_unless_builtin(&gone).unwrap_err().to_string(),
            load_path(&gone).unwrap_err().to_string()
        );
        std::fs::remove_dir_all(&dir).unwrap();
    }

    #[test]
    fn a_lesson_in_the_local_folder_is_found_by_its_id_a_builtin_first() {
        let dir = std::env::temp_dir().join(format!("cogflow-resolve-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let src = BUILTINS[0].1;
        let mine = src.replacen("id = \"signin-basic\"", "id = \"mine\"", 1);
        std::fs::write(dir.join("a.toml"), mine).unwrap();
        let shadow = src.replacen("minutes = 10", "minutes = 11", 1);
        std::fs::write(dir.join("signin-basic.toml"), shadow).unwrap();
        let found = resolve_in(Some("mine"), &dir).unwrap();
        assert_eq!(found.origin, Origin::Path(dir.join("a.toml")));
        // The built-in wins over a local file of the same id (which opens by its path).
        let builtin = resolve_in(Some("signin-basic"), &dir).unwrap();
        assert_eq!(builtin.origin, Origin::Builtin("signin-basic"));
        let missing = resolve_in(Some("nope"), &dir).unwrap_err();
        assert!(missing.is_not_found(), "{missing}");
        std::fs::remove_dir_all(&dir).unwrap();
    }
}
