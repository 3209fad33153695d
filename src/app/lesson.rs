//! The paths a learner can step through (the main path, each variant, their own try) and what
//! has been computed of each so far.

use crate::flow::{Frame, PoolFacts, Run, Vars};
use crate::scenario::Scenario;

use super::worker::WorkerEvent;

/// Which path a [`PathRun`] is.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum PathKind {
    /// The lesson as written.
    Main,
    /// A named variant of the file.
    Variant {
        /// e.g. `wrong-password`.
        id: String,
        /// e.g. "What if the password is wrong?".
        title: String,
        /// What to look for.
        description: Option<String>,
    },
    /// The learner's own inputs from the "try it" form (the password is never kept here).
    Try {
        /// The username typed.
        username: String,
    },
}

impl PathKind {
    /// True when `other` is the same branch (used to stay on it across reloads).
    #[must_use]
    pub fn same_branch(&self, other: &PathKind) -> bool {
        match (self, other) {
            (PathKind::Main, PathKind::Main) => true,
            (PathKind::Variant { id: a, .. }, PathKind::Variant { id: b, .. }) => a == b,
            _ => false,
        }
    }
}

/// One path and what is known of it so far.
#[derive(Debug, Clone, PartialEq)]
pub struct PathRun {
    /// Which path.
    pub kind: PathKind,
    /// The job computing it; `None` until requested.
    pub job: Option<u64>,
    /// The pool's facts, once the run has started.
    pub pool: Option<PoolFacts>,
    /// The tracked variables, in display order.
    pub tracked: Vec<String>,
    /// Every variable before step 1.
    pub start: Vars,
    /// The frames computed so far.
    pub frames: Vec<Frame>,
    /// The whole run, once finished.
    pub run: Option<Run>,
    /// Why the run could not be computed.
    pub error: Option<String>,
}

impl PathRun {
    /// A path with nothing computed.
    #[must_use]
    pub fn new(kind: PathKind) -> PathRun {
        PathRun {
            kind,
            job: None,
            pool: None,
            tracked: Vec::new(),
            start: Vars::default(),
            frames: Vec::new(),
            run: None,
            error: None,
        }
    }

    /// The variant's id, for variants.
    #[must_use]
    pub fn variant_id(&self) -> Option<&str> {
        match &self.kind {
            PathKind::Variant { id, .. } => Some(id),
            PathKind::Main | PathKind::Try { .. } => None,
        }
    }

    /// How the screen names it: "Main path", the variant's title, or "Your try (user123)".
    #[must_use]
    pub fn label(&self) -> String {
        match &self.kind {
            PathKind::Main => "Main path".to_owned(),
            PathKind::Variant { title, .. } => title.clone(),
            PathKind::Try { username } => format!("Your try (username {username})"),
        }
    }

    /// The number of steps, once known.
    #[must_use]
    pub fn total(&self) -> Option<usize> {
        match (&self.run, &self.error) {
            (Some(run), _) => Some(run.frames.len()),
            (None, Some(_)) => Some(self.frames.len()),
            (None, None) => None,
        }
    }

    /// True once the run finished or failed.
    #[must_use]
    pub fn is_done(&self) -> bool {
        self.run.is_some() || self.error.is_some()
    }

    /// Takes in what a worker reports for this path.
    pub fn accept(&mut self, event: WorkerEvent) {
        match event {
            WorkerEvent::Started {
                pool,
                tracked,
                start,
                ..
            } => {
                self.pool = Some(*pool);
                self.tracked = tracked;
                self.start = start;
            }
            WorkerEvent::Frame { frame, .. } => self.frames.push(*frame),
            WorkerEvent::Finished { run, .. } => {
                // The finished run is the truth: frames were streamed from the same computation.
                self.pool = Some(run.pool.clone());
                self.tracked.clone_from(&run.tracked);
                self.start = run.start.clone();
                self.frames.clone_from(&run.frames);
                self.run = Some(*run);
            }
            WorkerEvent::Failed { error, .. } => self.error = Some(error),
        }
    }

    /// The run as far as step `upto` (0-based, inclusive), for views that reveal the lesson
    /// step by step (the condensed tracker). `None` before the run has started.
    #[must_use]
    pub fn run_upto(&self, scenario_id: &str, upto: usize) -> Option<Run> {
        let pool = self.pool.clone()?;
        let frames: Vec<Frame> = self.frames.iter().take(upto + 1).cloned().collect();
        Some(Run {
            scenario_id: scenario_id.to_owned(),
            variant: self.variant_id().map(str::to_owned),
            seed: self.run.as_ref().map_or(0, |r| r.seed),
            pool,
            tracked: self.tracked.clone(),
            start: self.start.clone(),
            frames,
            jwks: self
                .run
                .as_ref()
                .map_or(serde_json::Value::Null, |r| r.jwks.clone()),
            outcome: self
                .run
                .as_ref()
                .map(|r| r.outcome.clone())
                .unwrap_or_default(),
        })
    }
}

/// The main path and one path per variant, nothing computed.
#[must_use]
pub fn paths_of(scenario: &Scenario) -> Vec<PathRun> {
    std::iter::once(PathRun::new(PathKind::Main))
        .chain(scenario.file.variants.iter().map(|v| {
            PathRun::new(PathKind::Variant {
                id: v.id.clone(),
                title: v.title.clone(),
                description: v.description.clone(),
            })
        }))
        .collect()
}
