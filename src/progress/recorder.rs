//! [`Recorder`]: the store as a lesson uses it, where saving must never stop the lesson.

use super::{ProgressError, Resume, ScenarioKey, Store};
use crate::quiz::{Answered, Attempt, PredictionEntry, PredictionLog, parse_choice};
use crate::scenario::model::StepSpec;

/// What earlier sittings of a lesson left ([`Recorder::restore`]).
#[derive(Debug, Clone, Default)]
pub struct Restored {
    /// Where to resume, if saved for this exact content.
    pub resume: Option<Resume>,
    /// The predictions made.
    pub predictions: PredictionLog,
    /// The quiz answers and give-ups, in the order given (for [`crate::quiz::QuizSession::replay`]).
    pub answers: Vec<Answered>,
}

/// Saves one lesson's progress as the learner goes, and never fails: the first error is turned
/// into a message ("progress will not be saved: …") and saving stops for the rest of the
/// sitting, so a read-only disk or a file from a newer cogflow never interrupts a lesson.
/// Messages (that one, and the store's warnings about damaged files) wait in
/// [`take_messages`](Self::take_messages) for the caller to show: stderr in plain commands, a
/// status line in the TUI.
///
/// A store this user can only read (a read-only mount, an instructor's copy) still resumes:
/// the recorder checks at once whether it may write, says so if not, and keeps reading.
///
/// `--no-save` is [`Recorder::off`]: nothing is read or written, not even a directory.
///
/// A saved change costs about 14 ms here (the `fsync` that makes it durable; see
/// `benches/progress.rs`), close to a whole 60 Hz frame, so [`step`](Self::step) only
/// remembers the position: it is written by [`flush`](Self::flush), before the next answer or
/// prediction is saved, and when the recorder is dropped. Key presses stay free.
#[derive(Debug)]
pub struct Recorder {
    store: Option<Store>,
    /// False once the store turned out to be read-only: reads go on, writes stop.
    writable: bool,
    key: ScenarioKey,
    messages: Vec<String>,
    pending_step: Option<(usize, Option<String>)>,
}

impl Recorder {
    /// Records to the default store (`COGFLOW_HOME` or the platform data directory) when
    /// `save` is true, with `learner`'s name on every answer and prediction; otherwise
    /// [`off`](Self::off).
    #[must_use]
    pub fn open(key: ScenarioKey, save: bool, learner: Option<&str>) -> Self {
        if !save {
            return Self::off(key);
        }
        match Store::open() {
            Ok(store) => Self::with_store(store.with_learner(learner), key),
            Err(e) => {
                let mut recorder = Self::off(key);
                recorder.fail(&e);
                recorder
            }
        }
    }

    /// Records to `store`, first checking that it may (see [`Store::check_writable`]): a
    /// read-only store is still read, with one message saying progress will not be saved.
    #[must_use]
    pub fn with_store(mut store: Store, key: ScenarioKey) -> Self {
        let checked = store.check_writable();
        let mut recorder = Self {
            store: Some(store),
            writable: true,
            key,
            messages: Vec::new(),
            pending_step: None,
        };
        match checked {
            Ok(()) => {}
            Err(e @ ProgressError::ReadOnly { .. }) => {
                recorder.writable = false;
                recorder.say_not_saved(&e);
            }
            Err(e) => recorder.fail(&e),
        }
        recorder
    }

    /// Records nothing.
    #[must_use]
    pub fn off(key: ScenarioKey) -> Self {
        Self {
            store: None,
            writable: false,
            key,
            messages: Vec::new(),
            pending_step: None,
        }
    }

    /// Whether anything is being saved.
    #[must_use]
    pub fn is_saving(&self) -> bool {
        self.store.is_some() && self.writable
    }

    /// The lesson this recorder saves.
    #[must_use]
    pub fn key(&self) -> &ScenarioKey {
        &self.key
    }

    /// Where to resume the lesson (last step and variant), if saved for this exact content.
    /// Cogflow run shows "resumed at step N — g goes to step 1 · R starts the lesson over".
    pub fn resume(&mut self) -> Option<Resume> {
        self.flush();
        let key = self.key.clone();
        self.with(|store| store.resume(&key)).flatten()
    }

    /// Where to resume (as [`resume`](Self::resume)), the predictions made in earlier
    /// sittings of this exact content (so a lesson neither asks them again nor forgets their
    /// score) and this learner's quiz answers (so the quiz stands where it was left), from one
    /// read of the progress file. Records that no longer grade are skipped.
    pub fn restore(&mut self, steps: &[StepSpec]) -> Restored {
        self.flush();
        let key = self.key.clone();
        let Some(progress) = self.with(|store| store.load(&key.id)).flatten() else {
            return Restored::default();
        };
        // One store may serve a class on one machine: only this learner's answers stand.
        let learner = self
            .store
            .as_ref()
            .and_then(|s| s.learner().map(str::to_owned));
        let answers = progress
            .attempts
            .iter()
            .filter(|a| a.content_hash == key.content_hash && a.learner == learner)
            .map(|a| Answered {
                question_id: a.question_id.clone(),
                choice_original: a.choice_original,
                revealed: a.revealed,
                hints_used: a.hints_used,
                round: a.round,
            })
            .collect();
        let resume = progress
            .position
            .filter(|pos| pos.content_hash == key.content_hash)
            .map(|pos| Resume {
                step: pos.step,
                variant: pos.variant,
            });
        let mut log = PredictionLog::new();
        for record in progress
            .predictions
            .iter()
            .filter(|r| r.content_hash == key.content_hash)
        {
            if record.skipped {
                log.skip(record.step_index, record.variant.as_deref());
                continue;
            }
            let prediction = steps
                .get(record.step_index)
                .and_then(|s| s.predict.as_ref());
            let (Some(prediction), Some(choice), Some(right)) = (
                prediction,
                record.choice.as_deref().and_then(parse_choice),
                record.right_choice.as_deref().and_then(parse_choice),
            ) else {
                continue;
            };
            // The run's value that made `right` the answer is that choice's text.
            let run_value = prediction.choices.get(right).map(String::as_str);
            let _ = log.record(
                record.step_index,
                record.variant.as_deref(),
                prediction,
                choice,
                run_value,
            );
        }
        Restored {
            resume,
            predictions: log,
            answers,
        }
    }

    /// Notes that the learner is at `step` (1-based) of `variant`, to be written by the next
    /// [`flush`](Self::flush) (or answer, prediction, drop). No I/O: call it on every move.
    pub fn step(&mut self, step: usize, variant: Option<&str>) {
        if self.is_saving() {
            self.pending_step = Some((step, variant.map(str::to_owned)));
        }
    }

    /// Writes the position noted by [`step`](Self::step), if any and if it changed.
    pub fn flush(&mut self) {
        if let Some((step, variant)) = self.pending_step.take() {
            let key = self.key.clone();
            self.with(|store| store.record_step(&key, step, variant.as_deref()));
        }
    }

    /// Saves a quiz answer or reveal. When this returns, the answer is on disk (synced), so
    /// a caller that shows the verdict afterwards never shows an answer a crash could lose.
    pub fn attempt(&mut self, attempt: &Attempt) {
        self.flush();
        if self.is_saving() {
            let key = self.key.clone();
            self.with(|store| store.record_attempt(&key, attempt));
        }
    }

    /// Saves a prediction (on disk when this returns, as [`attempt`](Self::attempt)).
    pub fn prediction(&mut self, entry: &PredictionEntry) {
        self.flush();
        if self.is_saving() {
            let key = self.key.clone();
            self.with(|store| store.record_prediction(&key, entry));
        }
    }

    /// Saves that the prediction of step `step_index` (file order) on `variant` was skipped.
    pub fn prediction_skipped(&mut self, step_index: usize, variant: Option<&str>) {
        self.flush();
        let key = self.key.clone();
        self.with(|store| store.record_prediction_skip(&key, step_index, variant));
    }

    /// Saves that lab step `step_index` (file order) was met (on disk when this returns).
    pub fn lab_step(&mut self, step_index: usize, calls: u32, hints_used: usize) {
        self.flush();
        let key = self.key.clone();
        self.with(|store| store.record_lab_step(&key, step_index, calls, hints_used));
    }

    /// Forgets this lesson's saved progress (`R` in the TUI, confirmed): its file goes, as
    /// `cogflow reset ID` removes it; a position noted and not yet written goes with it. The
    /// learner's name (learner.json) stays.
    pub fn start_over(&mut self) {
        self.pending_step = None;
        if self.is_saving() {
            let id = self.key.id.clone();
            self.with(|store| store.reset(Some(&id)));
        }
    }

    /// The learner named themselves (the TUI's question, `name` cleaned): their name goes with
    /// every answer and prediction from now on, and is remembered for later runs. A store that
    /// cannot remember it (read-only, a write failing) still uses it for this run, saying so;
    /// saving progress goes on either way.
    pub fn name_learner(&mut self, name: &str) {
        let writable = self.is_saving();
        let Some(store) = self.store.as_mut() else {
            return;
        };
        if writable && let Err(e) = store.remember_learner(name) {
            self.messages.push(format!(
                "the learner name is used now but not remembered: {e}"
            ));
        }
        store.learner = Some(name.to_owned());
    }

    /// The name recorded with answers and predictions, if any.
    #[must_use]
    pub fn learner(&self) -> Option<&str> {
        self.store.as_ref().and_then(Store::learner)
    }

    /// Messages since the last call, one line each, oldest first.
    pub fn take_messages(&mut self) -> Vec<String> {
        std::mem::take(&mut self.messages)
    }

    fn with<T>(&mut self, f: impl FnOnce(&mut Store) -> Result<T, ProgressError>) -> Option<T> {
        let store = self.store.as_mut()?;
        let result = f(store);
        let warnings = store.take_warnings();
        self.messages
            .extend(warnings.into_iter().map(|w| w.to_string()));
        match result {
            Ok(value) => Some(value),
            Err(e) => {
                self.fail(&e);
                None
            }
        }
    }

    fn fail(&mut self, e: &ProgressError) {
        self.store = None;
        self.say_not_saved(e);
    }

    fn say_not_saved(&mut self, e: &ProgressError) {
        self.messages
            .push(format!("progress will not be saved: {e}"));
    }
}

impl Drop for Recorder {
    /// Writes a pending position, so quitting never loses the learner's place. (A message
    /// about a failure here has nowhere to go; the place is then simply not saved.)
    fn drop(&mut self) {
        self.flush();
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::progress::{SteppingClock, Timestamp};

    fn key() -> ScenarioKey {
        ScenarioKey {
            id: "signin-basic".into(),
            content_hash: "h".into(),
        }
    }

    fn temp_home(name: &str) -> std::path::PathBuf {
        let dir =
            std::env::temp_dir().join(format!("cogflow-recorder-{name}-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(&dir).unwrap();
        dir
    }

    #[test]
    fn saves_and_resumes() {
        let home = temp_home("saves");
        let store = Store::at(&home).with_clock(SteppingClock::starting_at(Timestamp(0)));
        let mut recorder = Recorder::with_store(store, key());
        assert!(recorder.is_saving());
        assert_eq!(recorder.resume(), None);
        recorder.step(4, None);
        let store = Store::at(&home);
        assert!(!store.dir().exists(), "step() alone writes nothing");
        recorder.flush();
        assert_eq!(
            recorder.resume(),
            Some(Resume {
                step: 4,
                variant: None
            })
        );
        recorder.step(5, Some("wrong-password"));
        drop(recorder);
        let mut store = Store::at(&home);
        let key = key();
        assert_eq!(
            store.resume(&key).unwrap(),
            Some(Resume {
                step: 5,
                variant: Some("wrong-password".into())
            }),
            "dropping the recorder writes the pending step"
        );
        std::fs::remove_dir_all(home).unwrap();
    }

    #[test]
    fn a_name_given_is_remembered_and_goes_with_what_follows() {
        let home = temp_home("named");
        let mut recorder = Recorder::with_store(Store::at(&home), key());
        recorder.prediction_skipped(0, None);
        recorder.name_learner("Ana García");
        assert_eq!(recorder.learner(), Some("Ana García"));
        recorder.prediction_skipped(1, None);
        assert!(recorder.take_messages().is_empty());
        let mut store = Store::at(&home);
        assert_eq!(
            store.saved_learner().unwrap().as_deref(),
            Some("Ana García")
        );
        let names: Vec<Option<String>> = store
            .load("signin-basic")
            .unwrap()
            .unwrap()
            .predictions
            .into_iter()
            .map(|p| p.learner)
            .collect();
        assert_eq!(names, [None, Some("Ana García".to_owned())]);
        std::fs::remove_dir_all(home).unwrap();
    }

    #[test]
    fn first_error_turns_saving_off_with_one_message() {
        let home = temp_home("fails");
        std::fs::write(home.join("progress"), "a file, not a directory").unwrap();
        let mut recorder = Recorder::with_store(Store::at(&home), key());
        recorder.step(1, None);
        recorder.flush();
        recorder.step(2, None);
        recorder.flush();
        assert!(!recorder.is_saving());
        let messages = recorder.take_messages();
        assert_eq!(messages.len(), 1, "{messages:?}");
        assert!(
            messages[0].starts_with("progress will not be saved: ")
                && messages[0].ends_with("progress is a file, not a folder: move it away, or set COGFLOW_HOME to another folder"),
            "{messages:?}"
        );
        std::fs::remove_dir_all(home).unwrap();
    }

    #[test]
    fn off_does_nothing() {
        let mut recorder = Recorder::open(key(), false, None);
        assert!(!recorder.is_saving());
        recorder.step(3, None);
        assert_eq!(recorder.resume(), None);
        assert!(recorder.take_messages().is_empty());
    }
}
