//! The flow engine: runs a scenario's steps against the mock, one frame per step.

pub mod frame;
pub mod time;

pub use frame::{
    ApiCall, Change, Check, CryptoCost, Frame, Outcome, PoolFacts, Row, Run, Tokens, Var, Vars,
    Verification,
};
