//! The flow engine: runs a scenario's steps against the mock, one frame per step, and the
//! pure views derived from a run (the condensed tracker, the diagram layout).

pub mod diagram;
pub mod frame;
pub mod labels;
pub mod time;
pub mod tracker;
#[allow(dead_code)] // VarState is used by the engine, which lands with the mock
pub mod vars;

pub use frame::{
    ApiCall, Change, Check, CryptoCost, Frame, Outcome, PoolFacts, Row, Run, Tokens, Var, Vars,
    Verification,
};
pub use tracker::{TrackerColumn, tracker};
