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
    /// The calls the learner's own code makes to `cogflow serve`, as they arrive.
    Live {
        /// Where the code sends them, e.g. `http://127.0.0.1:9229`.
        endpoint: String,
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

/// One path and what is known of it so far. Each piece of the run is kept once: the frames as
/// they stream in, and, when the run finishes, only what the frames do not already hold.
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
    /// The frames computed so far (all of them once finished).
    pub frames: Vec<Frame>,
    /// The run as laid out when it started, before any frame was computed
    /// ([`crate::flow::lay_out`]): its length, and what panels are sized by so that they
    /// never move as real frames arrive (see [`PathRun::laid_out`]); `None` until the run starts.
    pub layout: Option<Box<Run>>,
    /// How the run ended, once finished.
    pub finished: Option<Finished>,
    /// Why the run could not be computed.
    pub error: Option<String>,
}

/// What a finished run adds to its frames.
#[derive(Debug, Clone, PartialEq)]
pub struct Finished {
    /// How the run ended, in words ("User logged in", "NotAuthorizedException: ...").
    pub outcome: String,
    /// The pool's published JWKS (`{"keys": [...]}`), to check its tokens against.
    pub jwks: serde_json::Value,
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
            layout: None,
            finished: None,
            error: None,
        }
    }

    /// The variant's id, for variants.
    #[must_use]
    pub fn variant_id(&self) -> Option<&str> {
        match &self.kind {
            PathKind::Variant { id, .. } => Some(id),
            PathKind::Main | PathKind::Try { .. } | PathKind::Live { .. } => None,
        }
    }

    /// How the screen names it: "Main path", the variant's title, or "Your try (username
    /// user123)".
    #[must_use]
    pub fn label(&self) -> String {
        match &self.kind {
            PathKind::Main => "Main path".to_owned(),
            PathKind::Variant { title, .. } => title.clone(),
            PathKind::Try { username } => format!("Your try (username {username})"),
            PathKind::Live { endpoint } => format!("Your code's calls to {endpoint}"),
        }
    }

    /// [`PathRun::label`] in the lesson's language (the main path's name is the app's word;
    /// a branch's title is the lesson's own).
    #[must_use]
    pub fn label_in(&self, words: &crate::words::Words) -> String {
        use crate::words::Word;
        match &self.kind {
            PathKind::Main => words.get(Word::MainPath).to_owned(),
            PathKind::Variant { title, .. } => title.clone(),
            PathKind::Try { username } => words.fill(Word::TryBranch, &[("username", username)]),
            PathKind::Live { endpoint } => words.fill(Word::LiveBranch, &[("endpoint", endpoint)]),
        }
    }

    /// The number of steps, once known: from the layout when the run starts (so the screen
    /// can say "Step 1/5" and keep its layout from the first frame), and the frames
    /// themselves once the run is over (a failed run has only the frames it computed).
    #[must_use]
    pub fn total(&self) -> Option<usize> {
        if self.is_done() {
            Some(self.frames.len())
        } else {
            self.layout.as_ref().map(|run| run.frames.len())
        }
    }

    /// The whole run as laid out (the real frames when there is no layout: a run that failed
    /// to start): what panels are sized by and where a step is looked for before it is
    /// computed. Its steps, rows, checks and outcome are the real run's (a test holds every
    /// built-in to it); its bytes (tokens, hashes, timings) are not, so only those parts are
    /// drawn from it.
    #[must_use]
    pub fn laid_out(&self) -> &[Frame] {
        self.layout.as_ref().map_or(&self.frames, |run| &run.frames)
    }

    /// How the run ends, in words: known from its layout before it is computed.
    #[must_use]
    pub fn outcome(&self) -> Option<&str> {
        match (&self.finished, &self.layout) {
            (Some(finished), _) => Some(&finished.outcome),
            (None, Some(layout)) if self.error.is_none() => Some(&layout.outcome),
            _ => None,
        }
    }

    /// True once the run finished or failed.
    #[must_use]
    pub fn is_done(&self) -> bool {
        self.finished.is_some() || self.error.is_some()
    }

    /// Takes in what a worker reports for this path.
    pub fn accept(&mut self, event: WorkerEvent) {
        match event {
            WorkerEvent::Started {
                pool,
                tracked,
                start,
                layout,
                ..
            } => {
                self.pool = Some(*pool);
                self.tracked = tracked;
                self.start = start;
                self.layout = Some(layout);
            }
            WorkerEvent::LaidOut { layout, .. } => self.layout = Some(layout),
            WorkerEvent::Frame { frame, .. } => self.frames.push(*frame),
            WorkerEvent::Finished { run, .. } => {
                // The finished run is the truth: frames were streamed from the same computation.
                let Run {
                    pool,
                    tracked,
                    start,
                    frames,
                    jwks,
                    outcome,
                    ..
                } = *run;
                self.pool = Some(pool);
                self.tracked = tracked;
                self.start = start;
                self.frames = frames;
                self.finished = Some(Finished { outcome, jwks });
            }
            WorkerEvent::Failed { error, .. } => self.error = Some(error),
        }
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_path_knows_its_length_from_the_start_and_holds_its_frames_once() {
        let scenario = crate::scenario::resolve(None).unwrap();
        let run = crate::flow::run(&scenario, None, 1).unwrap();
        let mut path = PathRun::new(PathKind::Main);
        let events = WorkerEvent::all_of(7, run.clone());
        let last = events.len() - 1;
        assert_eq!(path.total(), None, "nothing known before the start");
        for (i, event) in events.into_iter().enumerate() {
            if i == last {
                assert_eq!(path.frames, run.frames, "streamed frames, in order");
            }
            path.accept(event);
            assert_eq!(path.total(), Some(run.frames.len()), "known from the start");
        }
        assert_eq!(path.frames, run.frames);
        assert_eq!(path.total(), Some(run.frames.len()));
        let finished = path.finished.as_ref().unwrap();
        assert_eq!(
            (&finished.outcome, &finished.jwks),
            (&run.outcome, &run.jwks)
        );
        assert_eq!(path.pool.as_ref(), Some(&run.pool));
    }
}
