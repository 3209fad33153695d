//! The flow engine: runs a scenario's steps against the mock, one frame per step, and the
//! pure views derived from a run (the condensed tracker, the diagram layout).

pub mod authorize;
pub mod check;
pub mod diagram;
pub mod engine;
pub mod frame;
pub mod lab;
pub mod labels;
pub mod recording;
pub mod time;
pub mod tracker;
pub mod vars;

pub use check::check_run;
pub use engine::call::Call;
pub use engine::record::{Latest, Recorder};
pub use engine::setup::{Setup, pool_config, seed_user};
pub use engine::{FlowError, Runner, find_variant, lay_out, run, run_with};
pub use frame::{
    ApiCall, Change, Check, CryptoCost, Frame, Outcome, PKCE_VALUES, PoolFacts, Row, Run, Scene,
    SrpSide, SrpValue, Tokens, ValuesKind, Var, Vars, Verification,
};
pub use tracker::{TrackerColumn, TrackerTail, tracker, tracker_of, tracker_tail};
