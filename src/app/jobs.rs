//! The job queue: which runs to compute, and taking in what the worker reports. The model only
//! queues [`Job`]s; whoever drives the app hands them to worker threads ([`App::take_jobs`]) or
//! runs them here ([`App::run_jobs_here`]), and feeds the [`WorkerEvent`]s back.

use std::sync::Arc;

use super::nav::{Event, Refusal};
use super::{App, Job, JobKind, Message, PathKind, PathRun, WorkerEvent, worker};
use crate::scenario::model::InputOverrides;
use crate::words::Word;

impl App {
    fn next_job_id(&mut self) -> u64 {
        let id = self.next_job;
        self.next_job += 1;
        id
    }

    fn queue(&mut self, path: usize, kind: JobKind) {
        let id = self.next_job_id();
        self.paths[path].job = Some(id);
        self.jobs.push(Job {
            id,
            scenario: Arc::clone(&self.scenario),
            seed: self.seed,
            kind,
            tries: self.try_pool.clone(),
        });
    }

    /// Queues the computation of path `index` unless it is computed or under way.
    pub(crate) fn request(&mut self, index: usize) {
        let Some(path) = self.paths.get(index) else {
            return;
        };
        if path.job.is_some() {
            return;
        }
        let kind = match &path.kind {
            PathKind::Main => JobKind::Path(None),
            PathKind::Variant { id, .. } => JobKind::Path(Some(id.clone())),
            // A try is queued by `start_try`, with its inputs; live calls come from the server.
            PathKind::Try { .. } | PathKind::Live { .. } => return,
        };
        self.queue(index, kind);
    }

    /// Puts the learner's try in the paths (one at a time: a new try replaces the previous
    /// one), queues its run, and returns its index.
    pub(crate) fn start_try(&mut self, overrides: InputOverrides) -> usize {
        let username = overrides.username.clone().unwrap_or_default();
        let path = PathRun::new(PathKind::Try { username });
        let index = match self
            .paths
            .iter()
            .position(|p| matches!(p.kind, PathKind::Try { .. }))
        {
            Some(i) => {
                self.paths[i] = path;
                i
            }
            None => {
                self.paths.push(path);
                self.paths.len() - 1
            }
        };
        self.queue(index, JobKind::Try(Box::new(overrides)));
        index
    }

    pub(crate) fn worker_event(&mut self, event: WorkerEvent) {
        if let WorkerEvent::LaidOut {
            variant, layout, ..
        } = event
        {
            if let Some(path) = self
                .paths
                .iter_mut()
                .find(|p| p.variant_id() == Some(variant.as_str()) && p.layout.is_none())
            {
                path.layout = Some(layout);
            }
            return;
        }
        let Some(index) = self.paths.iter().position(|p| p.job == Some(event.job())) else {
            return; // a job from before a reload
        };
        let finished = matches!(event, WorkerEvent::Finished { .. });
        self.paths[index].accept(event);
        if finished && let PathKind::Try { username } = &self.paths[index].kind {
            let outcome = self.paths[index]
                .finished
                .as_ref()
                .map(|f| f.outcome.clone())
                .unwrap_or_default();
            self.status = Some(self.scenario.words().fill(
                Word::TryFinished,
                &[("username", username), ("outcome", &outcome)],
            ));
        }
        if index == self.nav.branch() {
            self.navigate(Event::Arrived);
        }
        self.forget_stale_checking(index);
        // Once the shown path is done, compute the other branches in the background so that
        // `v` is instant.
        if finished && index == self.nav.branch() {
            for i in 0..self.paths.len() {
                self.request(i);
            }
        }
    }

    /// Clears "Cognito is still checking step N" once branch `index` has step N (its
    /// prediction may be open by now), unless something else was said since.
    fn forget_stale_checking(&mut self, index: usize) {
        let Some((branch, step)) = self.status_awaits else {
            return;
        };
        let path = &self.paths[index];
        if branch != index || (path.frames.len() < step && !path.is_done()) {
            return;
        }
        self.status_awaits = None;
        if self.status == self.say_refusal(&Refusal::StillChecking { step }) {
            self.status = None;
        }
    }

    /// Runs queued jobs on this thread, feeding their results back, until none are left.
    /// For tests, benchmarks and plain mode; the TUI hands jobs to worker threads instead.
    pub fn run_jobs_here(&mut self) {
        while !self.jobs.is_empty() {
            for job in std::mem::take(&mut self.jobs) {
                for event in worker::run_job(&job) {
                    self.update(Message::Worker(event));
                }
            }
        }
    }

    /// Takes the queued jobs (to hand to worker threads).
    pub fn take_jobs(&mut self) -> Vec<Job> {
        std::mem::take(&mut self.jobs)
    }

    /// True while any path's run is queued or computing (the loop then polls the workers often).
    #[must_use]
    pub fn busy(&self) -> bool {
        self.paths.iter().any(|p| p.job.is_some() && !p.is_done())
    }
}
