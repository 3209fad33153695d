//! One check the mock (or an app verifying a token) made: the unit of "what Cognito checked".

use serde::Serialize;

/// How the detail of a check that was not made starts (see [`Check::ran`]).
pub const NOT_CHECKED: &str = "not checked:";

/// One check, with what was found: Cognito's own checks in an InitiateAuth call
/// ([`crate::cognito::AuthCall::checks`]) and an app's offline checks of a token
/// ([`crate::cognito::verify_token`]) share this shape, so every view shows them one way.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Check {
    /// e.g. "user exists", "password (argon2id, the mock's stand-in)", "signature", "exp".
    pub name: String,
    /// `true` when the check was made and passed.
    pub passed: bool,
    /// What was found or compared, or why it failed.
    pub detail: String,
}

impl Check {
    /// A check with its verdict.
    #[must_use]
    pub fn new(name: &str, passed: bool, detail: impl Into<String>) -> Self {
        Self {
            name: name.to_owned(),
            passed,
            detail: detail.into(),
        }
    }

    /// `false` for a check listed but not made because an earlier, fatal one failed (its
    /// detail starts with [`NOT_CHECKED`]).
    #[must_use]
    pub fn ran(&self) -> bool {
        !self.detail.starts_with(NOT_CHECKED)
    }
}
