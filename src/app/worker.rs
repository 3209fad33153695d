//! Runs are computed off the UI thread: argon2id and RSA are slow on purpose, and the screen
//! must never freeze. A job streams its frames back one at a time, so step 1 shows at once.

use std::sync::mpsc::Sender;
use std::sync::{Arc, Mutex, PoisonError};

use crate::cognito::UserPool;
use crate::flow::{Frame, PoolFacts, Run, Runner, Setup, Vars};
use crate::scenario::Scenario;
use crate::scenario::model::InputOverrides;

/// What to compute.
#[derive(Debug, Clone, PartialEq)]
pub enum JobKind {
    /// The main path (`None`) or a variant, by id.
    Path(Option<String>),
    /// The main path with the learner's inputs ("try it").
    Try(Box<InputOverrides>),
}

/// The pool the learner's tries share: each try runs on the pool the one before it left
/// (a later sitting), so failed sign-ins add up to a lockout and each try gets its own
/// tokens. Held while a try runs, so two tries never interleave.
#[derive(Debug, Clone, Default)]
pub struct TryPool(Arc<Mutex<Option<UserPool>>>);

/// One run to compute.
#[derive(Debug, Clone)]
pub struct Job {
    /// Ties the results to the path that asked.
    pub id: u64,
    /// The scenario to run.
    pub scenario: Arc<Scenario>,
    /// The seed of every random value.
    pub seed: u64,
    /// What to run.
    pub kind: JobKind,
    /// The pool a try continues on ([`JobKind::Try`] only).
    pub tries: TryPool,
}

/// What a job reports, in order: `Started`, any number of `Frame`s, then `Finished` or
/// `Failed`.
#[derive(Debug, Clone, PartialEq)]
pub enum WorkerEvent {
    /// The pool is set up; nothing has run yet.
    Started {
        /// The job.
        job: u64,
        /// The pool's facts.
        pool: Box<PoolFacts>,
        /// The tracked variables.
        tracked: Vec<String>,
        /// Every variable before step 1.
        start: Vars,
        /// The run laid out before any step is computed ([`crate::flow::lay_out`]): its
        /// length, its end and its panels' sizes are known from the start (see
        /// [`super::PathRun::laid_out`]).
        layout: Box<Run>,
    },
    /// Another branch of the lesson, laid out (sent by the main path's job, before its
    /// frames, so every branch's length and place of each step is known from the first
    /// screen; see [`super::PathRun::laid_out`]).
    LaidOut {
        /// The job that laid it out.
        job: u64,
        /// The variant's id.
        variant: String,
        /// Its run as laid out ([`crate::flow::lay_out`]).
        layout: Box<Run>,
    },
    /// One more step is computed.
    Frame {
        /// The job.
        job: u64,
        /// The step.
        frame: Box<Frame>,
    },
    /// The run is complete.
    Finished {
        /// The job.
        job: u64,
        /// The whole run.
        run: Box<Run>,
    },
    /// The run could not be computed.
    Failed {
        /// The job.
        job: u64,
        /// Why, in words.
        error: String,
    },
}

impl WorkerEvent {
    /// The job it belongs to.
    #[must_use]
    pub fn job(&self) -> u64 {
        match self {
            WorkerEvent::Started { job, .. }
            | WorkerEvent::LaidOut { job, .. }
            | WorkerEvent::Frame { job, .. }
            | WorkerEvent::Finished { job, .. }
            | WorkerEvent::Failed { job, .. } => *job,
        }
    }

    /// The events a whole, already computed run amounts to.
    #[must_use]
    pub fn all_of(job: u64, run: Run) -> Vec<WorkerEvent> {
        let mut events = vec![WorkerEvent::Started {
            job,
            pool: Box::new(run.pool.clone()),
            tracked: run.tracked.clone(),
            start: run.start.clone(),
            layout: Box::new(run.clone()),
        }];
        events.extend(run.frames.iter().map(|frame| WorkerEvent::Frame {
            job,
            frame: Box::new(frame.clone()),
        }));
        events.push(WorkerEvent::Finished {
            job,
            run: Box::new(run),
        });
        events
    }
}

/// Computes `job`, handing each event to `emit` as soon as it is known. `emit` returns false
/// when nobody is listening any more (the app quit), which stops the job early.
///
/// The real pool is built first (its keys start loading or generating in the background),
/// then the run is laid out with instant cryptography, so `Started` tells the run's length
/// before the first hash; the main path's job then lays out every other branch
/// (`LaidOut`); then each real frame follows as it is computed.
pub fn stream(job: &Job, emit: &mut dyn FnMut(WorkerEvent) -> bool) {
    let JobKind::Try(overrides) = &job.kind else {
        return stream_on(job, None, emit);
    };
    // The learner's typed secrets never show in a frame (the form shows them only on Ctrl-R).
    let secrets = super::tryit::secrets(overrides);
    let mut emit = |mut event: WorkerEvent| {
        super::tryit::mask_event(&mut event, &secrets);
        emit(event)
    };
    let mut slot = job.tries.0.lock().unwrap_or_else(PoisonError::into_inner);
    stream_on(job, Some(&mut slot), &mut emit);
}

/// [`stream`], a try continuing on the pool in `tries` (and leaving its own there).
fn stream_on(
    job: &Job,
    mut tries: Option<&mut Option<UserPool>>,
    emit: &mut dyn FnMut(WorkerEvent) -> bool,
) {
    let id = job.id;
    let file = &job.scenario.file;
    let started = match &job.kind {
        JobKind::Path(variant) => Setup::of(file, variant.as_deref()),
        JobKind::Try(overrides) => Ok(Setup::try_it(file, overrides)),
    }
    .and_then(|setup| {
        // The real pool first: its keys are on their way while the layout runs.
        let runner = match tries.as_deref_mut() {
            Some(slot) => Runner::later(setup.clone(), job.seed, slot.take())?,
            None => Runner::from_setup(setup.clone(), job.seed)?,
        };
        Ok((runner, Box::new(crate::flow::lay_out(&setup, job.seed)?)))
    });
    let (mut runner, layout) = match started {
        Ok(started) => started,
        Err(error) => {
            emit(WorkerEvent::Failed {
                job: id,
                error: error.to_string(),
            });
            return;
        }
    };
    let started = WorkerEvent::Started {
        job: id,
        pool: Box::new(runner.pool().clone()),
        tracked: runner.tracked().to_vec(),
        start: runner.start().clone(),
        layout,
    };
    if !emit(started) {
        return;
    }
    if matches!(job.kind, JobKind::Path(None)) {
        // The other branches, laid out before the first real frame. One whose pool cannot
        // be built is said by its own job, when it is asked for.
        for variant in &file.variants {
            let layout = Setup::variant(file, &variant.id)
                .and_then(|setup| crate::flow::lay_out(&setup, job.seed));
            if let Ok(layout) = layout {
                let event = WorkerEvent::LaidOut {
                    job: id,
                    variant: variant.id.clone(),
                    layout: Box::new(layout),
                };
                if !emit(event) {
                    return;
                }
            }
        }
    }
    while let Some(frame) = runner.next_frame() {
        if !emit(WorkerEvent::Frame {
            job: id,
            frame: Box::new(frame),
        }) {
            return;
        }
    }
    let run = match tries {
        Some(slot) => {
            let (run, pool) = runner.finish_keeping_pool();
            *slot = Some(pool);
            run
        }
        None => runner.finish(),
    };
    emit(WorkerEvent::Finished {
        job: id,
        run: Box::new(run),
    });
}

/// Computes `job` on this thread and returns every event.
#[must_use]
pub fn run_job(job: &Job) -> Vec<WorkerEvent> {
    let mut events = Vec::new();
    stream(job, &mut |event| {
        events.push(event);
        true
    });
    events
}

/// Starts the worker thread: it computes the jobs sent to the returned sender one after the
/// other, sending each event through `tx` wrapped by `wrap`, until either channel closes.
///
/// One thread for every job, not one per job: jobs finish in the order they were asked for,
/// and argon2id's 19 MiB working memory is one per process (`cognito::password`), so more
/// threads would only wait for it.
///
/// # Errors
/// The thread could not be started.
pub fn start<M: Send + 'static>(
    tx: Sender<M>,
    wrap: fn(WorkerEvent) -> M,
) -> std::io::Result<Sender<Job>> {
    let (jobs, queue) = std::sync::mpsc::channel::<Job>();
    std::thread::Builder::new()
        .name("cogflow-worker".to_owned())
        .spawn(move || {
            for job in queue {
                let mut listening = true;
                stream(&job, &mut |event| {
                    listening = tx.send(wrap(event)).is_ok();
                    listening
                });
                if !listening {
                    return;
                }
            }
        })?;
    Ok(jobs)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::app::{App, Options};
    use crate::cognito::Work;

    /// Each event of the main path's job, with whether computing it asked for the pool's
    /// keys (on this thread: the job computes here, the keys are made on their own thread).
    fn events_and_key_asks(id: &str, seed: u64) -> Vec<(WorkerEvent, bool)> {
        let scenario = crate::scenario::resolve(Some(id)).unwrap();
        let options = Options {
            seed,
            ..Options::default()
        };
        let job = App::new(scenario, &options).take_jobs().remove(0);
        let mut events = Vec::new();
        let mut before = Work::on_this_thread();
        stream(&job, &mut |event| {
            let now = Work::on_this_thread();
            events.push((event, now.since(before).key_asks > 0));
            before = now;
            true
        });
        events
    }

    /// Whether the step signs or checks a token (the only work that needs the keys).
    fn uses_keys(frame: &Frame) -> bool {
        frame
            .crypto
            .iter()
            .any(|c| c.operation.starts_with("RS256"))
    }

    /// A cold start: a seed whose keys no run has made (none kept, none in this process), so
    /// they are being made on their own thread while the job runs. The job's events come in
    /// the order the first screen needs (Started with the layout, the other branches laid
    /// out, then step 1), and none before step 4 asked for the keys: step 1 never waits for
    /// RSA. The keys are first asked for by step 4, the one that signs the tokens
    /// (scripts/cold-start.sh times the keys against the presses a learner needs to get there).
    #[test]
    fn a_cold_start_computes_step_one_without_asking_for_the_keys() {
        let seed = rand::random::<u64>() | 1 << 62;
        assert!(!crate::cognito::keys_known(seed));
        let events = events_and_key_asks("signin-basic", seed);
        let order: Vec<String> = events
            .iter()
            .map(|(event, asked)| {
                let what = match event {
                    WorkerEvent::Started { .. } => "started".to_owned(),
                    WorkerEvent::LaidOut { .. } => "laid out".to_owned(),
                    WorkerEvent::Frame { frame, .. } => format!("step {}", frame.number),
                    WorkerEvent::Finished { .. } => "finished".to_owned(),
                    WorkerEvent::Failed { error, .. } => format!("failed: {error}"),
                };
                format!(
                    "{what}{}",
                    if *asked { " (asked for the keys)" } else { "" }
                )
            })
            .collect();
        assert_eq!(
            order[..8],
            [
                "started",
                "laid out",
                "laid out",
                "laid out",
                "step 1",
                "step 2",
                "step 3",
                "step 4 (asked for the keys)",
            ]
        );
        let WorkerEvent::Frame { frame, .. } = &events[7].0 else {
            unreachable!()
        };
        assert!(
            uses_keys(frame),
            "step 4 signs the tokens: {:?}",
            frame.crypto
        );
    }

    /// In every built-in lesson the first step that asks for the keys is the first that signs
    /// or checks a token, so how soon a cold start needs its keys is how soon a learner reaches
    /// that step. Four lessons about tokens sign in at step 1: on a cold start their first
    /// screen shows step 1 laid out, with "checking", until the keys are made.
    #[test]
    fn no_built_in_lesson_asks_for_the_keys_before_its_first_token() {
        let mut sign_at_step_one = Vec::new();
        for (id, _) in crate::scenario::BUILTINS {
            let events = events_and_key_asks(id, 1);
            let frames: Vec<(&Frame, bool)> = events
                .iter()
                .filter_map(|(event, asked)| match event {
                    WorkerEvent::Frame { frame, .. } => Some((frame.as_ref(), *asked)),
                    _ => None,
                })
                .collect();
            let first_ask = frames.iter().position(|(_, asked)| *asked);
            let first_token = frames.iter().position(|(frame, _)| uses_keys(frame));
            assert_eq!(first_ask, first_token, "{id}");
            if first_ask == Some(0) {
                sign_at_step_one.push(*id);
            }
        }
        assert_eq!(
            sign_at_step_one,
            [
                "tokens-and-sign-out",
                "groups-and-claims",
                "verify-token",
                "lab-tokens"
            ]
        );
    }
}
