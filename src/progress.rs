//! The learner's record: where they were in each lesson, every quiz answer, every prediction.
//!
//! **Layout.** One JSON file per scenario, `<home>/progress/<scenario-id>.json`, where `<home>`
//! is `COGFLOW_HOME` or the platform data directory (see [`default_home`]). One file per
//! scenario because a damaged file then costs one lesson's record, not all of them; `reset` of
//! one lesson is deleting one file; and an instructor can collect a single lesson's file. JSON
//! (not TOML) because the record is mostly long arrays of small records, which JSON writes
//! compactly and every tool reads. Each file carries `format_version` ([`FORMAT_VERSION`]).
//!
//! **Safety.** Every change is a read-modify-write under an exclusive OS lock on
//! `<home>/progress/.lock`, written atomically (a new temporary file with an unpredictable
//! name in the same directory, flush, sync, rename, sync the directory), so two cogflow
//! processes writing at once lose nothing and never leave a torn file, and a saved answer
//! survives `kill -9`. Temporary files a killed process left are removed the next time the
//! lock is taken. Reading takes no lock (a file is always whole), so a store the user can only
//! read still works for `results` and resuming. A file that cannot be read or parsed is moved
//! aside to `<file>.damaged-<time>` with a one-line [`Warning`] and the lesson starts fresh; a
//! file from a *newer* cogflow is left untouched and reported as an error instead (moving it
//! would lose data that version can read).
//!
//! **Nothing outside the home is written.** A symbolic link in the store (at a record, the
//! lock, a temporary name, or the `progress` folder itself) is never followed, and is refused
//! with [`ProgressError::Link`]: a shared folder can hold links others planted.
//!
//! **What is never stored.** There is no field for a typed password (the record holds step
//! numbers, variant ids, question ids, letters and indices), so none can be saved.
//!
//! A lesson uses it through [`Recorder`]: `resume()` on start ("Resumed at step 4 — g goes to
//! step 1 · R starts the lesson over"), `step()` as the learner moves, `attempt()` / `prediction()` as they answer,
//! and `take_messages()` to show what went wrong without ever stopping the lesson. `--no-save`
//! is [`Recorder::off`]. [`Store`] is the layer underneath (and what `results`/`reset` use).

pub(crate) mod file;
pub mod learner;
mod recorder;
pub mod results;
mod time;

use std::ffi::OsString;
use std::fs;
use std::io;
use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

use crate::quiz::{Attempt, PredictionEntry, letter_str};
use crate::scenario::Scenario;

pub use learner::{LEARNER_ENV, Learner};
pub use recorder::{Recorder, Restored};
pub use time::{BadTimestamp, Clock, SteppingClock, SystemClock, Timestamp};

/// The progress file format this build writes; it reads this one and every older one.
///
/// 2 added the learner's name and the chosen choice's text to answers and predictions, and
/// recorded skipped predictions (`choice` null, `skipped` true). An older cogflow must not
/// rewrite such a file (it would drop what it does not know), so the number went up.
pub const FORMAT_VERSION: u32 = 2;

/// The environment variable that overrides where cogflow keeps its data.
pub const HOME_ENV: &str = "COGFLOW_HOME";

/// Which lesson a record belongs to: its id and the hash of the exact file content.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ScenarioKey {
    /// The scenario's `id`.
    pub id: String,
    /// SHA-256 of the scenario's bytes ([`Scenario::content_hash`]).
    pub content_hash: String,
}

impl ScenarioKey {
    /// The key of a loaded scenario.
    #[must_use]
    pub fn of(scenario: &Scenario) -> Self {
        Self {
            id: scenario.file.scenario.id.clone(),
            content_hash: scenario.content_hash.clone(),
        }
    }
}

/// Everything recorded for one scenario (the content of one progress file).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Progress {
    /// Always [`FORMAT_VERSION`] when written by this build.
    pub format_version: u32,
    /// The scenario's id.
    pub scenario_id: String,
    /// When this record was started.
    pub created: Timestamp,
    /// When it last changed.
    pub updated: Timestamp,
    /// Where the learner last was; `None` before they have stepped.
    #[serde(default)]
    pub position: Option<Position>,
    /// Every quiz answer and reveal, oldest first.
    #[serde(default)]
    pub attempts: Vec<AttemptRecord>,
    /// Every prediction, oldest first.
    #[serde(default)]
    pub predictions: Vec<PredictionRecord>,
    /// Every lab step met (`cogflow serve LAB`), oldest first.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub lab_steps: Vec<LabStepRecord>,
}

impl Progress {
    /// An empty record for `scenario_id`, started at `now`.
    #[must_use]
    pub fn fresh(scenario_id: &str, now: Timestamp) -> Self {
        Self {
            format_version: FORMAT_VERSION,
            scenario_id: scenario_id.to_owned(),
            created: now,
            updated: now,
            position: None,
            attempts: Vec::new(),
            predictions: Vec::new(),
            lab_steps: Vec::new(),
        }
    }
}

/// The learner's place in a lesson.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Position {
    /// Hash of the scenario content the step number refers to: after the file changes, the
    /// number may point at a different step, so it is not resumed.
    pub content_hash: String,
    /// 1-based step number within the run shown ("Step 4/5").
    pub step: usize,
    /// The variant being shown; `None` for the main path.
    pub variant: Option<String>,
    /// When the learner got there.
    pub time: Timestamp,
}

/// Where to resume a lesson.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Resume {
    /// 1-based step number.
    pub step: usize,
    /// The variant; `None` for the main path.
    pub variant: Option<String>,
}

/// One quiz answer or reveal, as stored.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AttemptRecord {
    /// Hash of the scenario content the question came from.
    pub content_hash: String,
    /// The question's id.
    pub question_id: String,
    /// The letter chosen, as shown to the learner; `None` for a reveal.
    pub choice_shown: Option<String>,
    /// The chosen choice's 0-based index in the scenario file; `None` for a reveal.
    pub choice_original: Option<usize>,
    /// Whether the answer was right (false for a reveal).
    pub correct: bool,
    /// 1 for the first answer to the question in this round, 2 for the second…; for a reveal,
    /// the answers given before it.
    pub attempt: u32,
    /// The quiz round: 1, then one more for each "retry" in the same sitting.
    pub round: u32,
    /// Hints shown before this answer.
    pub hints_used: usize,
    /// A give-up rather than an answer.
    pub revealed: bool,
    /// The shuffle seed; `None` when the choices were not shuffled.
    pub seed: Option<u64>,
    /// The order shown: `choice_order[shown] = original index`.
    pub choice_order: Vec<usize>,
    /// When.
    pub time: Timestamp,
    /// Who answered; `None` when no name was known (format 1 files have none).
    #[serde(default)]
    pub learner: Option<String>,
    /// The chosen choice's text as shown; `None` for a reveal (and in format 1 files).
    #[serde(default)]
    pub choice_text: Option<String>,
}

impl AttemptRecord {
    /// The stored form of a quiz [`Attempt`] by `learner`.
    #[must_use]
    pub fn new(
        content_hash: &str,
        attempt: &Attempt,
        learner: Option<&str>,
        time: Timestamp,
    ) -> Self {
        Self {
            content_hash: content_hash.to_owned(),
            question_id: attempt.question_id.clone(),
            choice_shown: attempt.choice_shown.map(letter_str),
            choice_original: attempt.choice_original,
            correct: attempt.correct,
            attempt: attempt.attempt,
            round: attempt.round,
            hints_used: attempt.hints_used,
            revealed: attempt.revealed,
            seed: attempt.seed,
            choice_order: attempt.order.clone(),
            time,
            learner: learner.map(str::to_owned),
            choice_text: attempt.choice_text.clone(),
        }
    }
}

/// A lab step the learner's own call met, as stored.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct LabStepRecord {
    /// Hash of the lab's content.
    pub content_hash: String,
    /// 0-based index of the step in the file's `[[steps]]`.
    pub step_index: usize,
    /// Calls the step took, the one that met it included (0 for a clock step).
    pub calls: u32,
    /// Hints shown before it was met.
    pub hints_used: usize,
    /// When it was met.
    pub time: Timestamp,
    /// Who; `None` when no name was known.
    #[serde(default)]
    pub learner: Option<String>,
}

/// One prediction, as stored.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PredictionRecord {
    /// Hash of the scenario content.
    pub content_hash: String,
    /// 0-based index of the step in the file's `[[steps]]`.
    pub step_index: usize,
    /// The variant shown; `None` for the main path.
    pub variant: Option<String>,
    /// The letter chosen; `None` when the learner skipped the prediction.
    pub choice: Option<String>,
    /// The right letter; `None` for a skip (the right answer of a prediction graded against
    /// the run is only known once it is made).
    pub right_choice: Option<String>,
    /// Whether they match (false for a skip).
    pub correct: bool,
    /// The learner chose not to predict (format 1 files recorded no skips).
    #[serde(default)]
    pub skipped: bool,
    /// When.
    pub time: Timestamp,
    /// Who predicted; `None` when no name was known.
    #[serde(default)]
    pub learner: Option<String>,
    /// The chosen choice's text; `None` for a skip (and in format 1 files).
    #[serde(default)]
    pub choice_text: Option<String>,
}

/// A problem the store recovered from (a damaged file moved aside). Show it to the learner on
/// one line; nothing was lost that could have been read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Warning(pub String);

impl std::fmt::Display for Warning {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

/// What [`Store::reset`] removed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Removed {
    /// The scenario's id (from the file, or its name if the file was unreadable).
    pub scenario_id: String,
    /// The file deleted.
    pub path: PathBuf,
    /// How many quiz answers it held (0 if unreadable).
    pub attempts: usize,
}

/// Progress could not be read or saved.
#[derive(Debug, thiserror::Error)]
pub enum ProgressError {
    /// Neither `COGFLOW_HOME` nor the platform's data directory is known.
    #[error(
        "cannot tell where to keep progress: set {HOME_ENV} (or HOME) to a directory cogflow may write to"
    )]
    NoHome,
    /// A file-system operation failed.
    #[error("cannot {action} {}: {source}", .path.display())]
    Io {
        /// What was being done, e.g. "write".
        action: &'static str,
        /// The file or directory.
        path: PathBuf,
        /// The OS error.
        source: io::Error,
    },
    /// A symbolic link where the store keeps a file or folder: never followed, since it could
    /// point anywhere (a shared folder may hold links others planted).
    #[error(
        "{} is a symbolic link; cogflow never follows links in its store (remove the link, or set {HOME_ENV} to a folder of your own)",
        .path.display()
    )]
    Link {
        /// The link.
        path: PathBuf,
    },
    /// A plain file where the store needs a folder.
    #[error(
        "{} is a file, not a folder: move it away, or set {HOME_ENV} to another folder",
        .path.display()
    )]
    NotAFolder {
        /// The file.
        path: PathBuf,
    },
    /// The store can be read but not changed by this user (permissions, a read-only mount).
    #[error("{} is read-only here ({source}); cogflow can read it but not change it", .path.display())]
    ReadOnly {
        /// The folder.
        path: PathBuf,
        /// The OS error.
        source: io::Error,
    },
    /// The file was written by a newer cogflow; it is left untouched.
    #[error(
        "{} was written by a newer cogflow (progress format {version}; this one reads {FORMAT_VERSION}), so it is left untouched",
        .path.display()
    )]
    Newer {
        /// The file.
        path: PathBuf,
        /// Its format version.
        version: u32,
    },
}

fn io_err(action: &'static str, path: &Path) -> impl FnOnce(io::Error) -> ProgressError {
    let path = path.to_path_buf();
    move |source| ProgressError::Io {
        action,
        path,
        source,
    }
}

/// [`io_err`], except that a refused write to `dir` says the store is read-only.
fn write_err(
    action: &'static str,
    path: &Path,
    dir: &Path,
) -> impl FnOnce(io::Error) -> ProgressError {
    let (path, dir) = (path.to_path_buf(), dir.to_path_buf());
    move |source| match source.kind() {
        io::ErrorKind::PermissionDenied | io::ErrorKind::ReadOnlyFilesystem => {
            ProgressError::ReadOnly { path: dir, source }
        }
        _ => ProgressError::Io {
            action,
            path,
            source,
        },
    }
}

/// cogflow's data directory: `COGFLOW_HOME` if set, else the platform's data directory plus
/// `cogflow` (Linux and other Unix: `$XDG_DATA_HOME/cogflow` or `~/.local/share/cogflow`; macOS:
/// `~/Library/Application Support/cogflow`; Windows: `%APPDATA%\cogflow`).
#[must_use]
pub fn default_home() -> Option<PathBuf> {
    home_from(|key| std::env::var_os(key), std::env::consts::OS)
}

/// [`default_home`] with the environment and OS name passed in (for tests).
pub fn home_from(env: impl Fn(&str) -> Option<OsString>, os: &str) -> Option<PathBuf> {
    let non_empty = |key: &str| env(key).filter(|v| !v.is_empty()).map(PathBuf::from);
    if let Some(home) = non_empty(HOME_ENV) {
        return Some(home);
    }
    let base = match os {
        "windows" => non_empty("APPDATA")?,
        "macos" => non_empty("HOME")?
            .join("Library")
            .join("Application Support"),
        // The XDG spec says a relative XDG_DATA_HOME is invalid and must be ignored.
        _ => match non_empty("XDG_DATA_HOME").filter(|p| p.is_absolute()) {
            Some(xdg) => xdg,
            None => non_empty("HOME")?.join(".local").join("share"),
        },
    };
    Some(base.join("cogflow"))
}

/// The file name for a scenario id. Ids are normally `[a-z0-9-]`; anything else is replaced
/// and a short hash of the real id appended, so two odd ids never share a file and no id can
/// reach outside the directory.
fn file_name(id: &str) -> String {
    let clean = !id.is_empty()
        && id
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_');
    if clean {
        format!("{id}.json")
    } else {
        let safe: String = id
            .chars()
            .take(40)
            .map(|c| {
                if c.is_ascii_alphanumeric() || c == '-' || c == '_' {
                    c
                } else {
                    '_'
                }
            })
            .collect();
        let hash = crate::scenario::content_hash(id.as_bytes());
        format!("{safe}-{}.json", &hash[..8])
    }
}

enum Parsed {
    Ok(Box<Progress>),
    Newer(u32),
    Damaged(String),
}

/// What is at a progress file's path.
enum Found {
    Missing,
    Record(Box<Progress>),
    /// Unreadable or not a record; the reason, for the warning.
    Damaged(String),
}

/// Reads the progress file at `path` without following a link there.
///
/// # Errors
/// [`ProgressError::Link`] for a link, [`ProgressError::Newer`] for a newer format.
fn read_file(path: &Path) -> Result<Found, ProgressError> {
    let bytes = match file::read_no_follow(path) {
        Ok(bytes) => bytes,
        Err(e) if e.kind() == io::ErrorKind::NotFound => return Ok(Found::Missing),
        Err(_) if file::is_link(path) => {
            return Err(ProgressError::Link {
                path: path.to_path_buf(),
            });
        }
        Err(e) => return Ok(Found::Damaged(format!("cannot be read: {e}"))),
    };
    match parse(&bytes) {
        Parsed::Ok(progress) => Ok(Found::Record(progress)),
        Parsed::Newer(version) => Err(ProgressError::Newer {
            path: path.to_path_buf(),
            version,
        }),
        Parsed::Damaged(why) => Ok(Found::Damaged(format!("is damaged ({why})"))),
    }
}

fn parse(bytes: &[u8]) -> Parsed {
    #[derive(Deserialize)]
    struct Probe {
        format_version: u32,
    }
    match serde_json::from_slice::<Probe>(bytes) {
        Err(e) => Parsed::Damaged(e.to_string()),
        Ok(p) if p.format_version > FORMAT_VERSION => Parsed::Newer(p.format_version),
        Ok(p) if p.format_version == 0 => Parsed::Damaged("format_version 0".into()),
        Ok(_) => match serde_json::from_slice::<Progress>(bytes) {
            Ok(progress) => Parsed::Ok(Box::new(progress)),
            Err(e) => Parsed::Damaged(e.to_string()),
        },
    }
}

/// The progress store: one directory of progress files.
pub struct Store {
    home: PathBuf,
    dir: PathBuf,
    clock: Box<dyn Clock>,
    warnings: Vec<Warning>,
    /// Whether this handle has removed orphaned temporary files yet (once, under the lock).
    swept: bool,
    /// The name stamped on what is recorded from now on.
    learner: Option<String>,
}

impl std::fmt::Debug for Store {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Store")
            .field("dir", &self.dir)
            .field("warnings", &self.warnings)
            .field("learner", &self.learner)
            .finish_non_exhaustive()
    }
}

impl Store {
    /// The store under [`default_home`], on the system clock. Creates nothing until a write.
    ///
    /// # Errors
    /// [`ProgressError::NoHome`] when no data directory can be found.
    pub fn open() -> Result<Self, ProgressError> {
        default_home().map(Self::at).ok_or(ProgressError::NoHome)
    }

    /// The store under `home` (what `COGFLOW_HOME` names), on the system clock.
    #[must_use]
    pub fn at(home: impl Into<PathBuf>) -> Self {
        let home = home.into();
        Self {
            dir: home.join("progress"),
            home,
            clock: Box::new(SystemClock),
            warnings: Vec::new(),
            swept: false,
            learner: None,
        }
    }

    /// The same store reading time from `clock` (tests use [`SteppingClock`]).
    #[must_use]
    pub fn with_clock(mut self, clock: impl Clock + 'static) -> Self {
        self.clock = Box::new(clock);
        self
    }

    /// The same store recording `learner`'s name with every answer and prediction.
    #[must_use]
    pub fn with_learner(mut self, learner: Option<&str>) -> Self {
        self.learner = learner.map(str::to_owned);
        self
    }

    /// The name recorded with answers and predictions from now on, if any.
    #[must_use]
    pub fn learner(&self) -> Option<&str> {
        self.learner.as_deref()
    }

    /// The data directory (`COGFLOW_HOME`).
    #[must_use]
    pub fn home(&self) -> &Path {
        &self.home
    }

    /// The directory holding the progress files.
    #[must_use]
    pub fn dir(&self) -> &Path {
        &self.dir
    }

    /// The progress file of scenario `id`.
    #[must_use]
    pub fn path_for(&self, id: &str) -> PathBuf {
        self.dir.join(file_name(id))
    }

    /// Warnings gathered since the last call (damaged files moved aside), for the caller to
    /// show: on stderr in plain commands, in a status line in the TUI.
    pub fn take_warnings(&mut self) -> Vec<Warning> {
        std::mem::take(&mut self.warnings)
    }

    /// Whether scenario `id` has a record file (or anything else at its name, a link
    /// included, which [`reset`](Self::reset) would remove).
    #[must_use]
    pub fn has_file(&self, id: &str) -> bool {
        fs::symlink_metadata(self.path_for(id)).is_ok()
    }

    /// The record of scenario `id`, if there is one. Reading needs no lock (every write is an
    /// atomic rename, so a file is always whole), and so works on a store this user can only
    /// read.
    ///
    /// # Errors
    /// The file is from a newer cogflow or is a symbolic link, or the store's folder is a file
    /// or a link; a damaged file is moved aside instead (with a warning) and `None` returned.
    pub fn load(&mut self, id: &str) -> Result<Option<Progress>, ProgressError> {
        if !self.check_dir()? {
            return Ok(None);
        }
        self.read_snapshot(&self.path_for(id))
    }

    /// Checks that progress can be saved here, before a lesson starts (so a learner is told at
    /// once, not at the first answer), and removes temporary files a killed cogflow left.
    /// Creates nothing when there is no store yet.
    ///
    /// # Errors
    /// [`ProgressError::ReadOnly`], a link or a file in the store's place, or the lock fails.
    pub fn check_writable(&mut self) -> Result<(), ProgressError> {
        if self.check_dir()? {
            self.lock()?;
        }
        Ok(())
    }

    /// Where to resume `key`'s lesson: the last step and variant, if recorded for this exact
    /// content (after the file changed, step numbers may mean other steps, so none).
    ///
    /// # Errors
    /// As [`load`](Self::load).
    pub fn resume(&mut self, key: &ScenarioKey) -> Result<Option<Resume>, ProgressError> {
        Ok(self
            .load(&key.id)?
            .and_then(|p| p.position)
            .filter(|pos| pos.content_hash == key.content_hash)
            .map(|pos| Resume {
                step: pos.step,
                variant: pos.variant,
            }))
    }

    /// Changes `key`'s record under the lock and saves it atomically. `f` gets the record and
    /// the time of the change, and returns whether it changed anything; when it did not,
    /// nothing is written.
    ///
    /// # Errors
    /// The file is from a newer cogflow, or cannot be locked, read or written.
    pub fn update(
        &mut self,
        key: &ScenarioKey,
        f: impl FnOnce(&mut Progress, Timestamp) -> bool,
    ) -> Result<(), ProgressError> {
        let _lock = self.lock()?;
        let path = self.path_for(&key.id);
        let now = self.clock.now();
        let mut progress = self
            .read_locked(&path)?
            .unwrap_or_else(|| Progress::fresh(&key.id, now));
        if !f(&mut progress, now) {
            return Ok(());
        }
        progress.format_version = FORMAT_VERSION;
        progress.updated = now;
        // Safe JSON: a field holding a control character is written `\u001b`, so even `cat`
        // of a progress file cannot drive a terminal.
        let mut bytes = crate::sanitize::to_json_pretty(&progress)
            .expect("Progress is plain data with string keys, so it always serialises")
            .into_bytes();
        bytes.push(b'\n');
        file::write_atomic(&path, &bytes).map_err(write_err("write", &path, &self.dir))
    }

    /// Records that the learner is at `step` (1-based) of `variant`. Writes only on a change,
    /// so calling it on every key press is cheap.
    ///
    /// # Errors
    /// As [`update`](Self::update).
    pub fn record_step(
        &mut self,
        key: &ScenarioKey,
        step: usize,
        variant: Option<&str>,
    ) -> Result<(), ProgressError> {
        self.update(key, |p, time| {
            let same = p.position.as_ref().is_some_and(|pos| {
                pos.step == step
                    && pos.variant.as_deref() == variant
                    && pos.content_hash == key.content_hash
            });
            if !same {
                p.position = Some(Position {
                    content_hash: key.content_hash.clone(),
                    step,
                    variant: variant.map(str::to_owned),
                    time,
                });
            }
            !same
        })
    }

    /// Records a quiz answer or reveal.
    ///
    /// # Errors
    /// As [`update`](Self::update).
    pub fn record_attempt(
        &mut self,
        key: &ScenarioKey,
        attempt: &Attempt,
    ) -> Result<(), ProgressError> {
        let learner = self.learner.clone();
        self.update(key, |p, time| {
            p.attempts.push(AttemptRecord::new(
                &key.content_hash,
                attempt,
                learner.as_deref(),
                time,
            ));
            true
        })
    }

    /// Records that a lab step was met after `calls` calls and `hints_used` hints.
    ///
    /// # Errors
    /// As [`update`](Self::update).
    pub fn record_lab_step(
        &mut self,
        key: &ScenarioKey,
        step_index: usize,
        calls: u32,
        hints_used: usize,
    ) -> Result<(), ProgressError> {
        let learner = self.learner.clone();
        self.update(key, |p, time| {
            p.lab_steps.push(LabStepRecord {
                content_hash: key.content_hash.clone(),
                step_index,
                calls,
                hints_used,
                time,
                learner,
            });
            true
        })
    }

    /// Records a prediction.
    ///
    /// # Errors
    /// As [`update`](Self::update).
    pub fn record_prediction(
        &mut self,
        key: &ScenarioKey,
        entry: &PredictionEntry,
    ) -> Result<(), ProgressError> {
        let learner = self.learner.clone();
        self.update(key, |p, time| {
            p.predictions.push(PredictionRecord {
                content_hash: key.content_hash.clone(),
                step_index: entry.step_index,
                variant: entry.variant.clone(),
                choice: Some(letter_str(entry.choice)),
                right_choice: Some(letter_str(entry.right_choice)),
                correct: entry.correct,
                skipped: false,
                time,
                learner,
                choice_text: Some(entry.choice_text.clone()),
            });
            true
        })
    }

    /// Records that the learner skipped the prediction of step `step_index` (0-based, file
    /// order) on `variant`, so an instructor sees it was reached but not tried.
    ///
    /// # Errors
    /// As [`update`](Self::update).
    pub fn record_prediction_skip(
        &mut self,
        key: &ScenarioKey,
        step_index: usize,
        variant: Option<&str>,
    ) -> Result<(), ProgressError> {
        let learner = self.learner.clone();
        self.update(key, |p, time| {
            p.predictions.push(PredictionRecord {
                content_hash: key.content_hash.clone(),
                step_index,
                variant: variant.map(str::to_owned),
                choice: None,
                right_choice: None,
                correct: false,
                skipped: true,
                time,
                learner,
                choice_text: None,
            });
            true
        })
    }

    /// Every scenario's record, sorted by scenario id. Damaged files are moved aside (with a
    /// warning) and skipped; files from a newer cogflow are skipped with a warning.
    ///
    /// # Errors
    /// The directory cannot be locked or listed.
    pub fn all(&mut self) -> Result<Vec<Progress>, ProgressError> {
        if !self.check_dir()? {
            return Ok(Vec::new());
        }
        let mut all = Vec::new();
        for path in self.progress_files()? {
            match self.read_snapshot(&path) {
                Ok(Some(p)) => all.push(p),
                Ok(None) => {}
                Err(e) => self.warnings.push(Warning(format!("warning: {e}"))),
            }
        }
        all.sort_by(|a, b| a.scenario_id.cmp(&b.scenario_id));
        Ok(all)
    }

    /// Deletes the record of scenario `id`, or of every scenario when `None`. Damaged copies
    /// moved aside earlier are kept. Returns what was removed (empty if there was nothing).
    ///
    /// A link in a record's place is removed (the link, not what it points to).
    ///
    /// # Errors
    /// The store is read-only ([`ProgressError::ReadOnly`]: then nothing is deleted), cannot
    /// be locked or listed, or a file cannot be deleted.
    pub fn reset(&mut self, id: Option<&str>) -> Result<Vec<Removed>, ProgressError> {
        if !self.check_dir()? {
            return Ok(Vec::new());
        }
        let _lock = self.lock()?;
        let paths = match id {
            Some(id) if self.has_file(id) => vec![self.path_for(id)],
            Some(_) => Vec::new(),
            None => self.progress_files()?,
        };
        let mut removed = Vec::new();
        for path in paths {
            let (scenario_id, attempts) = match read_file(&path) {
                Ok(Found::Record(p)) => (p.scenario_id, p.attempts.len()),
                _ => (
                    id.map(str::to_owned).unwrap_or_else(|| {
                        path.file_stem()
                            .map_or_else(String::new, |s| s.to_string_lossy().into_owned())
                    }),
                    0,
                ),
            };
            fs::remove_file(&path).map_err(write_err("delete", &path, &self.dir))?;
            removed.push(Removed {
                scenario_id,
                path,
                attempts,
            });
        }
        Ok(removed)
    }

    /// Whether the store's folder exists. Refuses a link or a file where it (or the home)
    /// should be a folder: writing through a link could write anywhere.
    fn check_dir(&self) -> Result<bool, ProgressError> {
        for path in [&self.home, &self.dir] {
            match fs::symlink_metadata(path) {
                Err(e) if e.kind() == io::ErrorKind::NotFound => return Ok(false),
                Err(e) => return Err(io_err("read", path)(e)),
                // The home may be a link: the user chose it (COGFLOW_HOME, a synced folder).
                Ok(m) if m.file_type().is_symlink() && path == &self.dir => {
                    return Err(ProgressError::Link { path: path.clone() });
                }
                Ok(_) if !path.is_dir() => {
                    return Err(ProgressError::NotAFolder { path: path.clone() });
                }
                Ok(_) => {}
            }
        }
        Ok(true)
    }

    /// Takes the store's lock, creating the folder if needed. The first time, also removes
    /// orphaned temporary files: every write happens under this lock, so while it is held
    /// any temporary file belongs to a process that was killed mid-write.
    fn lock(&mut self) -> Result<file::StoreLock, ProgressError> {
        if !self.check_dir()? {
            fs::create_dir_all(&self.dir).map_err(write_err("create", &self.dir, &self.home))?;
            self.check_dir()?;
        }
        let lock_path = self.dir.join(".lock");
        let lock = file::StoreLock::acquire(&self.dir).map_err(|e| {
            if file::is_link(&lock_path) {
                ProgressError::Link {
                    path: lock_path.clone(),
                }
            } else {
                write_err("lock", &lock_path, &self.dir)(e)
            }
        })?;
        if !self.swept {
            file::remove_orphans(&self.dir);
            self.swept = true;
        }
        Ok(lock)
    }

    /// The records in the directory, sorted: `*.json` files and links named so (links are
    /// listed so that reading them warns and `reset` removes them); temporary files and
    /// damaged copies end otherwise.
    fn progress_files(&self) -> Result<Vec<PathBuf>, ProgressError> {
        let entries = fs::read_dir(&self.dir).map_err(io_err("list", &self.dir))?;
        let mut paths: Vec<PathBuf> = entries
            .filter_map(Result::ok)
            .filter(|e| {
                let name = e.file_name().to_string_lossy().into_owned();
                name.ends_with(".json")
                    && !name.starts_with('.')
                    && e.file_type().is_ok_and(|t| t.is_file() || t.is_symlink())
            })
            .map(|e| e.path())
            .collect();
        paths.sort();
        Ok(paths)
    }

    /// Reads `path` without the lock. A damaged file is then moved aside under the lock (and
    /// read again there, in case a writer just replaced it); on a store this user cannot
    /// change, it is left in place with a warning.
    fn read_snapshot(&mut self, path: &Path) -> Result<Option<Progress>, ProgressError> {
        match read_file(path)? {
            Found::Missing => Ok(None),
            Found::Record(progress) => Ok(Some(*progress)),
            Found::Damaged(reason) => match self.lock() {
                Ok(_lock) => self.read_locked(path),
                Err(e) => {
                    self.warnings.push(Warning(format!(
                        "warning: progress file {} {reason}; left it in place: {e}",
                        path.display()
                    )));
                    Ok(None)
                }
            },
        }
    }

    /// Reads `path` (the lock must be held). Missing → `None`; damaged or unreadable → moved
    /// aside with a warning, `None`; newer format or a link → error, untouched.
    fn read_locked(&mut self, path: &Path) -> Result<Option<Progress>, ProgressError> {
        let reason = match read_file(path)? {
            Found::Missing => return Ok(None),
            Found::Record(progress) => return Ok(Some(*progress)),
            Found::Damaged(reason) => reason,
        };
        let aside = file::aside_name(path, &self.clock.now().compact());
        fs::rename(path, &aside).map_err(io_err("move aside the damaged file", path))?;
        self.warnings.push(Warning(format!(
            "warning: progress file {} {reason}; moved it to {} and started fresh",
            path.display(),
            aside.display()
        )));
        Ok(None)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::quiz::QuizSession;

    fn temp_home(name: &str) -> PathBuf {
        let dir = std::env::temp_dir().join(format!(
            "cogflow-progress-{name}-{}-{}",
            std::process::id(),
            std::time::SystemTime::now()
                .duration_since(std::time::UNIX_EPOCH)
                .unwrap()
                .as_nanos()
        ));
        fs::create_dir_all(&dir).unwrap();
        dir
    }

    fn key() -> ScenarioKey {
        ScenarioKey {
            id: "signin-basic".into(),
            content_hash: "abc123".into(),
        }
    }

    fn store(home: &Path) -> Store {
        Store::at(home).with_clock(SteppingClock::starting_at(Timestamp(1_768_467_600)))
    }

    #[test]
    fn finds_the_data_directory() {
        use std::collections::HashMap;
        // (environment, OS, expected home)
        type Case = (
            &'static [(&'static str, &'static str)],
            &'static str,
            Option<&'static str>,
        );
        let cases: &[Case] = &[
            (
                &[("COGFLOW_HOME", "/x/cf"), ("HOME", "/home/a")],
                "linux",
                Some("/x/cf"),
            ),
            (
                &[("COGFLOW_HOME", ""), ("HOME", "/home/a")],
                "linux",
                Some("/home/a/.local/share/cogflow"),
            ),
            (
                &[("XDG_DATA_HOME", "/xdg"), ("HOME", "/home/a")],
                "linux",
                Some("/xdg/cogflow"),
            ),
            (
                &[("XDG_DATA_HOME", "rel"), ("HOME", "/home/a")],
                "linux",
                Some("/home/a/.local/share/cogflow"),
            ),
            (
                &[("HOME", "/Users/a")],
                "macos",
                Some("/Users/a/Library/Application Support/cogflow"),
            ),
            (
                &[("APPDATA", "/appdata")],
                "windows",
                Some("/appdata/cogflow"),
            ),
            (&[("HOME", "/home/a")], "windows", None),
            (&[], "linux", None),
            (
                &[("HOME", "/home/a")],
                "freebsd",
                Some("/home/a/.local/share/cogflow"),
            ),
        ];
        for (vars, os, want) in cases {
            let env: HashMap<&str, &str> = vars.iter().copied().collect();
            let got = home_from(|k| env.get(k).map(OsString::from), os);
            assert_eq!(got, want.map(PathBuf::from), "{vars:?} on {os}");
        }
    }

    #[test]
    fn file_names_stay_inside_the_directory() {
        assert_eq!(file_name("signin-basic"), "signin-basic.json");
        for odd in ["../etc/passwd", "a/b", "", "é", "C:\\x", ".."] {
            let name = file_name(odd);
            assert!(
                !name.contains('/') && !name.contains('\\') && !name.starts_with('.'),
                "{odd:?} -> {name}"
            );
            assert!(name.ends_with(".json"));
        }
        assert_ne!(file_name("a/b"), file_name("a\\b"));
    }

    #[test]
    fn round_trip_and_resume() {
        let home = temp_home("roundtrip");
        let mut store = store(&home);
        assert_eq!(store.load("signin-basic").unwrap(), None);
        assert_eq!(store.resume(&key()).unwrap(), None);
        let lesson = crate::scenario::resolve(None).unwrap();
        let mut quiz = QuizSession::for_scenario(&lesson.file, 0).unwrap();
        let wrong = quiz.answer(1).unwrap();
        let right = quiz.answer(0).unwrap();
        store.record_attempt(&key(), &wrong.attempt).unwrap();
        store.record_attempt(&key(), &right.attempt).unwrap();
        store
            .record_step(&key(), 4, Some("wrong-password"))
            .unwrap();
        let entry = crate::quiz::PredictionEntry {
            step_index: 2,
            variant: None,
            choice: 1,
            right_choice: 0,
            correct: false,
            choice_text: "NotAuthorizedException".into(),
        };
        store.record_prediction(&key(), &entry).unwrap();
        store
            .record_prediction_skip(&key(), 4, Some("wrong-password"))
            .unwrap();

        let mut again = Store::at(&home);
        let p = again.load("signin-basic").unwrap().unwrap();
        assert_eq!(p.format_version, FORMAT_VERSION);
        assert_eq!(p.scenario_id, "signin-basic");
        assert_eq!(p.attempts.len(), 2);
        let a = &p.attempts[0];
        assert_eq!(a.question_id, "q1");
        assert_eq!(a.choice_shown.as_deref(), Some("B"));
        assert_eq!(a.choice_original, Some(1));
        assert!(!a.correct);
        assert_eq!((a.attempt, a.hints_used, a.revealed), (1, 0, false));
        assert_eq!(a.choice_order, vec![0, 1, 2, 3]);
        assert_eq!(a.content_hash, "abc123");
        assert_eq!(a.time.to_string(), "2026-01-15T09:00:00Z");
        let b = &p.attempts[1];
        assert!(b.correct);
        assert_eq!(
            (b.attempt, b.hints_used),
            (2, 0),
            "a wrong answer spends no hint"
        );
        assert_eq!(b.time.to_string(), "2026-01-15T09:00:01Z");
        assert_eq!(p.predictions[0].choice.as_deref(), Some("B"));
        assert_eq!(p.predictions[0].right_choice.as_deref(), Some("A"));
        assert_eq!(
            p.predictions[0].choice_text.as_deref(),
            Some("NotAuthorizedException")
        );
        let skip = &p.predictions[1];
        assert!(skip.skipped && !skip.correct);
        assert_eq!((skip.choice.as_ref(), skip.step_index), (None, 4));
        assert_eq!(skip.variant.as_deref(), Some("wrong-password"));
        assert_eq!(
            again.resume(&key()).unwrap(),
            Some(Resume {
                step: 4,
                variant: Some("wrong-password".into())
            })
        );
        let changed = ScenarioKey {
            content_hash: "other".into(),
            ..key()
        };
        assert_eq!(again.resume(&changed).unwrap(), None, "content changed");
        assert!(again.take_warnings().is_empty());
        fs::remove_dir_all(home).unwrap();
    }

    #[test]
    fn record_step_writes_only_on_change() {
        let home = temp_home("step");
        let mut store = store(&home);
        store.record_step(&key(), 2, None).unwrap();
        let first = store.load("signin-basic").unwrap().unwrap();
        store.record_step(&key(), 2, None).unwrap();
        assert_eq!(store.load("signin-basic").unwrap().unwrap(), first);
        store.record_step(&key(), 3, None).unwrap();
        let third = store.load("signin-basic").unwrap().unwrap();
        assert_eq!(third.position.unwrap().step, 3);
        assert!(third.updated > first.updated);
        fs::remove_dir_all(home).unwrap();
    }

    #[test]
    fn damaged_files_are_moved_aside() {
        let cases: &[(&str, &[u8])] = &[
            ("empty", b""),
            ("garbage", b"\x00\xffnot json"),
            (
                "truncated",
                b"{\"format_version\": 1, \"scenario_id\": \"signin-b",
            ),
            ("wrong shape", b"{\"format_version\": 1, \"attempts\": 5}"),
            ("array", b"[1, 2, 3]"),
            ("version zero", b"{\"format_version\": 0}"),
        ];
        for (what, bytes) in cases {
            let home = temp_home("damaged");
            let mut store = store(&home);
            let path = store.path_for("signin-basic");
            fs::create_dir_all(path.parent().unwrap()).unwrap();
            fs::write(&path, bytes).unwrap();
            assert_eq!(store.load("signin-basic").unwrap(), None, "{what}");
            let warnings = store.take_warnings();
            assert_eq!(warnings.len(), 1, "{what}");
            let line = warnings[0].to_string();
            assert!(!line.contains('\n'), "one line: {line}");
            assert!(line.contains("started fresh"), "{line}");
            let aside = path.with_file_name("signin-basic.json.damaged-20260115T090000Z");
            assert_eq!(fs::read(&aside).unwrap(), *bytes, "{what}: kept as it was");
            assert!(!path.exists());
            store.record_step(&key(), 1, None).unwrap();
            assert!(
                store.load("signin-basic").unwrap().is_some(),
                "{what}: fresh start"
            );
            fs::remove_dir_all(home).unwrap();
        }
    }

    #[test]
    fn unreadable_files_are_moved_aside() {
        let home = temp_home("unreadable");
        let mut store = store(&home);
        let path = store.path_for("signin-basic");
        // A directory where the file should be: reading it fails on every platform.
        fs::create_dir_all(path.join("inside")).unwrap();
        store.record_step(&key(), 2, None).unwrap();
        let warnings = store.take_warnings();
        assert_eq!(warnings.len(), 1);
        assert!(warnings[0].0.contains("cannot be read"), "{}", warnings[0]);
        assert!(path.is_file(), "a fresh file took its place");
        let aside = fs::read_dir(store.dir())
            .unwrap()
            .filter_map(Result::ok)
            .filter(|e| e.file_name().to_string_lossy().contains(".damaged-"))
            .count();
        assert_eq!(aside, 1);
        fs::remove_dir_all(home).unwrap();
    }

    #[test]
    fn newer_files_are_left_alone() {
        let home = temp_home("newer");
        let mut store = store(&home);
        let path = store.path_for("signin-basic");
        fs::create_dir_all(path.parent().unwrap()).unwrap();
        fs::write(&path, b"{\"format_version\": 99, \"whatever\": true}").unwrap();
        let err = store.record_step(&key(), 1, None).unwrap_err();
        assert!(matches!(err, ProgressError::Newer { version: 99, .. }));
        assert!(err.to_string().contains("newer cogflow"));
        assert_eq!(
            fs::read(&path).unwrap(),
            b"{\"format_version\": 99, \"whatever\": true}"
        );
        assert!(store.all().unwrap().is_empty());
        assert_eq!(store.take_warnings().len(), 1);
        fs::remove_dir_all(home).unwrap();
    }

    #[test]
    fn reset_one_or_all() {
        let home = temp_home("reset");
        let mut store = store(&home);
        assert!(store.reset(None).unwrap().is_empty());
        let other = ScenarioKey {
            id: "other".into(),
            content_hash: "h".into(),
        };
        let lesson = crate::scenario::resolve(None).unwrap();
        let mut quiz = QuizSession::for_scenario(&lesson.file, 0).unwrap();
        let verdict = quiz.answer(0).unwrap();
        store.record_attempt(&key(), &verdict.attempt).unwrap();
        store.record_step(&other, 1, None).unwrap();
        assert_eq!(store.all().unwrap().len(), 2);
        let removed = store.reset(Some("signin-basic")).unwrap();
        assert_eq!(removed.len(), 1);
        assert_eq!(
            (removed[0].scenario_id.as_str(), removed[0].attempts),
            ("signin-basic", 1)
        );
        assert!(store.reset(Some("signin-basic")).unwrap().is_empty());
        store.record_step(&key(), 1, None).unwrap();
        let mut ids: Vec<String> = store
            .reset(None)
            .unwrap()
            .into_iter()
            .map(|r| r.scenario_id)
            .collect();
        ids.sort();
        assert_eq!(ids, ["other", "signin-basic"]);
        assert!(store.all().unwrap().is_empty());
        fs::remove_dir_all(home).unwrap();
    }

    #[test]
    fn threads_with_separate_handles_lose_nothing() {
        let home = temp_home("threads");
        let threads = 4;
        let per_thread = 40;
        std::thread::scope(|scope| {
            for t in 0..threads {
                let home = &home;
                scope.spawn(move || {
                    let lesson = crate::scenario::resolve(None).unwrap();
                    let mut store = Store::at(home);
                    for i in 0..per_thread {
                        let mut quiz = QuizSession::for_scenario(&lesson.file, 0).unwrap();
                        let mut attempt = quiz.answer(0).unwrap().attempt;
                        attempt.question_id = format!("t{t}-{i}");
                        store.record_attempt(&key(), &attempt).unwrap();
                    }
                });
            }
        });
        let p = Store::at(&home).load("signin-basic").unwrap().unwrap();
        assert_eq!(p.attempts.len(), threads * per_thread);
        for t in 0..threads {
            let mine: Vec<&str> = p
                .attempts
                .iter()
                .filter(|a| a.question_id.starts_with(&format!("t{t}-")))
                .map(|a| a.question_id.as_str())
                .collect();
            let want: Vec<String> = (0..per_thread).map(|i| format!("t{t}-{i}")).collect();
            assert_eq!(mine, want, "thread {t}'s records, in order");
        }
        let leftovers: Vec<_> = fs::read_dir(home.join("progress"))
            .unwrap()
            .filter_map(Result::ok)
            .map(|e| e.file_name().to_string_lossy().into_owned())
            .filter(|n| n.contains(".tmp-"))
            .collect();
        assert!(leftovers.is_empty(), "temporary files left: {leftovers:?}");
        fs::remove_dir_all(home).unwrap();
    }
}
