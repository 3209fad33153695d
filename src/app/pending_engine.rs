//! TEMPORARY stand-in for `flow::{Runner, run, run_with}` until the engine lands on main.
//! Replays the fixture with a delay so the "checking" state can be seen.

use crate::flow::{Frame, PoolFacts, Run, Vars};
use crate::scenario::Scenario;
use crate::scenario::model::InputOverrides;

#[derive(Debug)]
pub struct FlowError(String);

impl std::fmt::Display for FlowError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

pub struct Runner {
    run: Run,
    next: usize,
}

impl Runner {
    pub fn new(_scenario: &Scenario, variant: Option<&str>, _seed: u64) -> Result<Self, FlowError> {
        Ok(Runner {
            run: super::fixture::seed_run(variant.is_some()),
            next: 0,
        })
    }
    pub fn pool(&self) -> &PoolFacts {
        &self.run.pool
    }
    pub fn start(&self) -> &Vars {
        &self.run.start
    }
    pub fn tracked(&self) -> &[String] {
        &self.run.tracked
    }
    pub fn next_frame(&mut self) -> Option<Frame> {
        let f = self.run.frames.get(self.next).cloned();
        if f.is_some() && self.next >= 2 && std::env::var_os("COGFLOW_SLOW").is_some() {
            std::thread::sleep(std::time::Duration::from_millis(700));
        }
        self.next += 1;
        f
    }
    pub fn finish(self) -> Run {
        self.run
    }
}

pub fn run(_scenario: &Scenario, variant: Option<&str>, _seed: u64) -> Result<Run, FlowError> {
    Ok(super::fixture::seed_run(variant.is_some()))
}

pub fn run_with(
    _scenario: &Scenario,
    overrides: &InputOverrides,
    _seed: u64,
) -> Result<Run, FlowError> {
    Ok(super::fixture::seed_run(
        overrides.password.as_deref() != Some("pass123"),
    ))
}
