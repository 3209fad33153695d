//! Throttling and limits on purpose: a lesson (or `POST /_cogflow/faults`) makes an operation
//! answer `TooManyRequestsException` or `LimitExceededException`, so a learner can watch their
//! SDK's retry mode at work. Real Cognito throttles by per-account request rates and limits
//! code sends by undisclosed quotas (facts §6); the mock never does so by itself.
//!
//! botocore's retry modes differ on exactly these two: `legacy` retries neither for
//! cognito-idp (its `_retry.json` lists TooManyRequestsException only for Organizations and
//! LimitExceededException only for Kinesis), while `standard` treats both as throttling and
//! retries up to 3 attempts in all (docs/cognito-fidelity.md, "Throttling").

use serde::{Deserialize, Serialize};

use super::error::{CognitoError, Exception};
use super::pool::UserPool;

/// Which error a fault answers with.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum FaultKind {
    /// `TooManyRequestsException: Rate exceeded`.
    TooManyRequests,
    /// `LimitExceededException: Attempt limit exceeded, please try after some time.`
    LimitExceeded,
}

impl FaultKind {
    /// The error the faulted call gets.
    #[must_use]
    pub fn error(self) -> CognitoError {
        match self {
            Self::TooManyRequests => CognitoError::new(Exception::TooManyRequests, "Rate exceeded"),
            Self::LimitExceeded => CognitoError::new(
                Exception::LimitExceeded,
                "Attempt limit exceeded, please try after some time.",
            ),
        }
    }
}

/// One fault: the next `times` calls of `operation` fail with `kind` (`times: None`: every
/// call, until the faults are cleared).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Fault {
    /// The operation, e.g. `InitiateAuth`, or `*` for every operation.
    pub operation: String,
    /// The error.
    pub kind: FaultKind,
    /// How many calls fail; `None` for all of them.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub times: Option<u32>,
}

impl UserPool {
    /// Replaces the faults in force.
    pub fn set_faults(&mut self, faults: Vec<Fault>) {
        self.faults = faults;
    }

    /// The faults in force (with what is left of their counts).
    #[must_use]
    pub fn faults(&self) -> &[Fault] {
        &self.faults
    }

    /// Called at the start of every operation: the fault's error if one applies (using up
    /// one of its times), else `Ok`. The first matching fault wins.
    ///
    /// # Errors
    /// The fault's `TooManyRequestsException` or `LimitExceededException`.
    pub fn check_fault(&mut self, operation: &str) -> Result<(), CognitoError> {
        let Some(index) = self
            .faults
            .iter()
            .position(|f| (f.operation == operation || f.operation == "*") && f.times != Some(0))
        else {
            return Ok(());
        };
        let fault = &mut self.faults[index];
        let error = fault.kind.error();
        if let Some(times) = &mut fault.times {
            *times -= 1;
            if *times == 0 {
                self.faults.remove(index);
            }
        }
        Err(error)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::cognito::{Argon2Params, PoolConfig};

    #[test]
    fn a_counted_fault_fails_that_many_calls_then_goes() {
        let mut pool = UserPool::new(
            PoolConfig {
                argon2: Argon2Params::cheap_for_tests(),
                ..PoolConfig::default()
            },
            1,
            0,
        );
        pool.set_faults(vec![
            Fault {
                operation: "InitiateAuth".into(),
                kind: FaultKind::TooManyRequests,
                times: Some(2),
            },
            Fault {
                operation: "*".into(),
                kind: FaultKind::LimitExceeded,
                times: None,
            },
        ]);
        let results: Vec<String> = ["InitiateAuth", "InitiateAuth", "InitiateAuth", "SignUp"]
            .iter()
            .map(|op| {
                pool.check_fault(op)
                    .map_or_else(|e| e.to_string(), |()| "ok".into())
            })
            .collect();
        assert_eq!(
            results,
            [
                "TooManyRequestsException: Rate exceeded",
                "TooManyRequestsException: Rate exceeded",
                "LimitExceededException: Attempt limit exceeded, please try after some time.",
                "LimitExceededException: Attempt limit exceeded, please try after some time.",
            ]
        );
        assert_eq!(pool.faults().len(), 1);
        pool.set_faults(Vec::new());
        assert!(pool.check_fault("SignUp").is_ok());
    }
}
