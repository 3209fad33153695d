//! Runs are computed off the UI thread: argon2id and RSA are slow on purpose, and the screen
//! must never freeze. A job streams its frames back one at a time, so step 1 shows at once.

use std::sync::Arc;
use std::sync::mpsc::Sender;

use crate::flow::{Frame, PoolFacts, Run, Vars};
use crate::scenario::Scenario;
use crate::scenario::model::InputOverrides;

/// What to compute.
#[derive(Debug, Clone, PartialEq)]
pub enum JobKind {
    /// The main path (`None`) or a variant, by id.
    Path(Option<String>),
    /// The main path with the learner's inputs ("try it").
    Try(InputOverrides),
}

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
pub fn stream(job: &Job, emit: &mut dyn FnMut(WorkerEvent) -> bool) {
    let id = job.id;
    match &job.kind {
        JobKind::Path(variant) => {
            let mut runner =
                match crate::flow::Runner::new(&job.scenario, variant.as_deref(), job.seed) {
                    Ok(runner) => runner,
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
            };
            if !emit(started) {
                return;
            }
            while let Some(frame) = runner.next_frame() {
                if !emit(WorkerEvent::Frame {
                    job: id,
                    frame: Box::new(frame),
                }) {
                    return;
                }
            }
            emit(WorkerEvent::Finished {
                job: id,
                run: Box::new(runner.finish()),
            });
        }
        JobKind::Try(overrides) => {
            match crate::flow::run_with(&job.scenario, overrides, job.seed) {
                Ok(run) => {
                    for event in WorkerEvent::all_of(id, run) {
                        if !emit(event) {
                            return;
                        }
                    }
                }
                Err(error) => {
                    emit(WorkerEvent::Failed {
                        job: id,
                        error: error.to_string(),
                    });
                }
            }
        }
    }
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
/// One thread for every job, not one per job: argon2id needs 19 MiB, and each extra thread
/// would keep its own allocator arena holding on to it.
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
