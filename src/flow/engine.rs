//! The engine: runs a scenario's steps against a fresh mock user pool, one frame per step.
//!
//! ```text
//!  Setup (setup.rs) ──build──> Runner ──next_frame──> next_frame ──> … ──> finish ──> Run
//!  pool config, users,          │ each: skip steps whose `when` does not match the
//!  inputs overridden            │ latest outcome (branch.rs), perform the step's action
//!                               │ against the pool (actions.rs: auth.rs, srp.rs, account.rs, with
//!                               │ inputs read by precedence, inputs.rs), record a Frame
//!                               └ (record.rs: the Recorder, also what `cogflow serve` uses)
//! ```
//!
//! Every response, result and variable comes from what the mock really did. A scenario's
//! labels replace only the success wording; an exception or a challenge is always shown as such.

mod account;
mod actions;
mod auth;
pub mod branch;
pub mod call;
mod groups;
mod hosted;
pub mod inputs;
mod mfa_setup;
pub mod record;
mod secret_hash;
pub mod setup;
mod srp;
mod tamper;
#[cfg(test)]
mod tests;

use std::collections::BTreeMap;

use crate::cognito::{self, UserPool};
use crate::scenario::model::{Action, InputOverrides, StepSpec, VariantSpec};
use crate::scenario::{Scenario, ScenarioFile};

use super::frame::{Frame, PoolFacts, Run, Vars};
use record::Recorder;
use setup::Setup;

/// Why a run could not start.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum FlowError {
    /// `--variant` names no variant of the scenario.
    #[error("scenario `{scenario}` has no variant `{variant}`; its variants: {known}")]
    UnknownVariant {
        /// The scenario id.
        scenario: String,
        /// What was asked for.
        variant: String,
        /// The variants it has, comma-separated (or "none").
        known: String,
    },
    /// The pool could not be built from the scenario (e.g. a user the mock refuses).
    #[error("cannot build the user pool: {0}")]
    Pool(String),
}

/// The main path (`variant = None`) or a variant, run to the end, for the printed views
/// (transcripts, handouts, `--plain`): none shows the token panels' checks, so they are left
/// out ([`Runner::without_token_checks`]: an RS256 verification per new token, on the path
/// to the output). The terminal UI runs its own [`Runner`]s, with them.
///
/// # Errors
/// An unknown variant, or a pool the mock cannot build.
pub fn run(scenario: &Scenario, variant: Option<&str>, seed: u64) -> Result<Run, FlowError> {
    // No hash is made ahead on another thread: a second argon2id beside the run's own would
    // hold a second 19 MiB working memory (email-sign-in's transcript peaked at 47.4 MiB).
    // Only argon2's one working memory is made ahead, while the pool is built.
    let setup = Setup::of(&scenario.file, variant)?;
    prepare_argon2(&setup);
    Ok(Runner::from_setup(setup, seed)?
        .without_token_checks()
        .finish())
}

/// The main path with the learner's own inputs (the "try it" form).
///
/// # Errors
/// A pool the mock cannot build.
pub fn run_with(
    scenario: &Scenario,
    overrides: &InputOverrides,
    seed: u64,
) -> Result<Run, FlowError> {
    Ok(Runner::from_setup(Setup::try_it(&scenario.file, overrides), seed)?.finish())
}

/// The run `setup` will make, known before any of its steps is computed: the same
/// mock logic run with instant cryptography ([`Setup::for_layout`]). A run's steps depend on
/// what Cognito answers (a wrong password ends it early), never on how costly its hashes are
/// or which key signs its tokens, so the real run takes these steps with these calls and
/// answers (a test holds every built-in lesson and variant to it). Their bytes are not the
/// lesson's (other hashes, other keys): a screen sizes its panels by them and says "Step 1/5"
/// from the start, and shows only real frames.
///
/// # Errors
/// A pool the mock cannot build.
pub fn lay_out(setup: &Setup, seed: u64) -> Result<Run, FlowError> {
    Ok(Runner::from_setup(setup.for_layout(), seed)?.finish())
}

/// The variant `id` of `file`, or the error that lists the variants it has.
///
/// # Errors
/// [`FlowError::UnknownVariant`] when the file has no such variant.
pub fn find_variant<'f>(file: &'f ScenarioFile, id: &str) -> Result<&'f VariantSpec, FlowError> {
    file.variants.iter().find(|v| v.id == id).ok_or_else(|| {
        let known: Vec<&str> = file.variants.iter().map(|v| v.id.as_str()).collect();
        FlowError::UnknownVariant {
            scenario: file.scenario.id.clone(),
            variant: id.to_owned(),
            known: if known.is_empty() {
                "none".to_owned()
            } else {
                known.join(", ")
            },
        }
    })
}

/// For a lesson whose steps send Cognito a password, starts making argon2id's working memory
/// (19 MiB at the default cost) on a thread of its own while the pool is built and the first
/// steps run, so the first hash or verify finds its pages already faulted in (see
/// `cognito::password`'s `Memories::prepare`: never a second memory beside one). A lesson
/// without one (SRP, tokens only) never holds that memory. Only for the printed runs
/// ([`run`]), where the output waits for the first hash: the terminal UI hashes on its worker
/// while the learner reads, and a third busy thread would only compete with its first frame;
/// `check` keeps both cores busy with paths already.
fn prepare_argon2(setup: &Setup) {
    let actions = || setup.steps.iter().map(|step| step.action);
    let sends = actions().any(Action::sends_password)
        || (actions().any(Action::continues_sign_in) && !actions().any(Action::uses_srp_flow));
    if sends {
        cognito::prepare_memory(&setup.config.argon2);
    }
}

/// Runs a scenario one step at a time, so a UI can show step 1 while later steps compute.
pub struct Runner {
    setup: Setup,
    seed: u64,
    pool: UserPool,
    facts: PoolFacts,
    recorder: Recorder,
    next_step: usize,
    frames: Vec<Frame>,
    /// The InitiateAuth call the phased steps are walking through.
    auth_call: Option<cognito::AuthCall>,
    /// The pending InitiateAuth's request body, shown again with its response.
    auth_request: Option<serde_json::Value>,
    /// The SRP device: its secret a, once `compute_srp_a` ran.
    device: Option<cognito::srp::Device>,
    /// The device's proof, once `compute_srp_proof` ran, until `send_srp_proof` sends it.
    proof: Option<srp::SentProof>,
    /// Each user's password as the run changed it (sign-up, invitation, reset, new password).
    passwords: BTreeMap<String, String>,
    /// The user the typed password (the `password` variable) belongs to, until it changes.
    typed_for: Option<String>,
}

impl Runner {
    /// Builds the pool for `variant` (or the main path) and stands before step 1.
    ///
    /// # Errors
    /// An unknown variant, or a pool the mock cannot build.
    pub fn new(scenario: &Scenario, variant: Option<&str>, seed: u64) -> Result<Self, FlowError> {
        Self::from_setup(Setup::of(&scenario.file, variant)?, seed)
    }

    /// Builds the pool `setup` describes and stands before step 1.
    ///
    /// # Errors
    /// A pool the mock cannot build.
    pub fn from_setup(setup: Setup, seed: u64) -> Result<Self, FlowError> {
        let (pool, facts) = setup.build(seed)?;
        Ok(Self::with_pool(setup, seed, pool, facts))
    }

    /// A run of `setup` on `pool` as an earlier run left it (its users, lockouts and clock),
    /// a later sitting ([`UserPool::later_sitting`]): the learner's tries share one pool, so
    /// their failures add up to a lockout and each gets its own tokens. With no pool, one is
    /// built from `setup` first.
    ///
    /// # Errors
    /// A pool the mock cannot build.
    pub fn later(setup: Setup, seed: u64, pool: Option<UserPool>) -> Result<Self, FlowError> {
        let (mut pool, facts) = match pool {
            Some(pool) => {
                let facts = PoolFacts {
                    policy_note: setup.policy_note.clone(),
                    clock_offset_minutes: setup.clock_offset_minutes,
                    ..PoolFacts::of(&pool)
                };
                (pool, facts)
            }
            None => setup.build(seed)?,
        };
        pool.later_sitting(1);
        let facts = PoolFacts {
            clock_start: pool.now(),
            ..facts
        };
        Ok(Self::with_pool(setup, seed, pool, facts))
    }

    /// The run as it ends, and the pool it leaves (for [`Runner::later`]).
    pub fn finish_keeping_pool(mut self) -> (Run, UserPool) {
        while self.advance().is_some() {}
        let pool = self.pool.clone();
        (self.finish(), pool)
    }

    fn with_pool(setup: Setup, seed: u64, pool: UserPool, facts: PoolFacts) -> Self {
        let first = setup
            .users
            .first()
            .map(|u| (u.username.as_str(), u.email.as_deref()));
        let recorder = Recorder::new(&pool, setup.tracked.clone(), first)
            .with_clock_offset(setup.clock_offset_minutes, &pool);
        Self {
            setup,
            seed,
            pool,
            facts,
            recorder,
            next_step: 0,
            frames: Vec::new(),
            auth_call: None,
            auth_request: None,
            device: None,
            proof: None,
            passwords: BTreeMap::new(),
            typed_for: None,
        }
    }

    /// This run's frames without the app's checks of the tokens it holds
    /// ([`Frame::token_checks`] empty), which only the token panels show: `cogflow check` reads
    /// none of them, and they were an RS256 verification for each new token (a twentieth of
    /// its instructions). Call before the first frame.
    #[must_use]
    pub fn without_token_checks(mut self) -> Self {
        self.recorder = self.recorder.without_token_checks();
        self
    }

    /// Facts about the pool (ids, issuer, policy).
    #[must_use]
    pub fn pool(&self) -> &PoolFacts {
        &self.facts
    }

    /// The variables before step 1.
    #[must_use]
    pub fn start(&self) -> &Vars {
        self.recorder.start()
    }

    /// The tracked variables, in display order.
    #[must_use]
    pub fn tracked(&self) -> &[String] {
        self.recorder.tracked()
    }

    /// Runs the next step that applies and returns its frame, or `None` at the end.
    pub fn next_frame(&mut self) -> Option<Frame> {
        self.advance().cloned()
    }

    /// Runs the next step that applies and returns its frame as the run keeps it, or `None`
    /// at the end: [`Self::next_frame`] without the copy, for a caller that only looks (a
    /// 10,000-step check made every frame twice and dropped one).
    pub fn advance(&mut self) -> Option<&Frame> {
        // The steps are lent out while one runs (no step reads the others), not each cloned.
        let steps = std::mem::take(&mut self.setup.steps);
        let mut frame = None;
        while let Some(step) = steps.get(self.next_step) {
            let index = self.next_step;
            self.next_step += 1;
            if branch::belongs(step, self.setup.branch())
                && branch::applies(step, self.recorder.latest())
            {
                frame = Some(self.step_frame(index, step));
                break;
            }
        }
        self.setup.steps = steps;
        let frame = frame?;
        self.frames.push(frame);
        self.frames.last()
    }

    /// Runs the remaining steps and returns the whole run.
    #[must_use]
    pub fn finish(mut self) -> Run {
        while self.advance().is_some() {}
        let outcome = self.setup.outcome.clone().unwrap_or_else(|| {
            self.frames
                .last()
                .map_or_else(|| "Nothing happened".to_owned(), |f| f.row.result.clone())
        });
        Run {
            scenario_id: self.setup.scenario_id,
            variant: self.setup.variant,
            seed: self.seed,
            jwks: self.pool.jwks(),
            pool: self.facts,
            tracked: self.recorder.tracked().to_vec(),
            start: self.recorder.start().clone(),
            frames: self.frames,
            outcome,
        }
    }

    /// Runs `step` (the file's step at 0-based `index`) against the pool and records its frame:
    /// the one path every step takes.
    fn step_frame(&mut self, index: usize, step: &StepSpec) -> Frame {
        let mut effect = self.perform(step);
        // The Lambda triggers the step's call fired, and what each returned, shown with it.
        effect
            .notes
            .extend(self.pool.take_trigger_log().into_iter().map(|run| {
                format!(
                    "Trigger {} ran for {}: {}",
                    run.source, run.username, run.returned
                )
            }));
        self.recorder.frame(&mut self.pool, index, step, effect)
    }
}
