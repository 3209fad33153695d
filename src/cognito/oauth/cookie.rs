//! The hosted UI's sign-in cookie: after a sign-in on the hosted page, the browser is
//! remembered, and its next authorize (for any client of the pool) gets a code without the form.
//! `/logout` forgets it; tokens already issued stay valid (hosted-ui.md §3, §5: `GlobalSignOut`
//! does not clear the cookie, and `/logout` revokes no token).
//!
//! ```text
//!  POST /login ok ──> cookie (1 h) ──> GET /oauth2/authorize + cookie ──> 302 callback?code (no form)
//!                          └── GET /logout ──> forgotten ──> authorize shows the form again
//! ```

use super::super::error::CognitoError;
use super::super::ids;
use super::super::initiate_auth::{CheckOutcome, Checks, Subject};
use super::super::pool::UserPool;
use super::{Authorization, LoginAttempt};

/// How long the sign-in cookie lasts: believed to be an hour (unverified, hosted-ui.md §3).
pub const SIGN_IN_COOKIE_SECS: u64 = 3600;

/// Who signed in on a browser, and until when the cookie holds.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct SignedIn {
    pub username: String,
    pub auth_time: u64,
    pub expires_at: u64,
}

impl UserPool {
    /// Remembers a sign-in on the hosted page; the cookie's value (from the hosted UI's own
    /// seeded stream).
    pub(crate) fn remember_sign_in(&mut self, username: &str, auth_time: u64) -> String {
        let value = ids::b64url(&ids::bytes(&mut self.oauth_rng.next(), 24));
        self.signed_in.insert(
            value.clone(),
            SignedIn {
                username: username.to_owned(),
                auth_time,
                expires_at: self.now + SIGN_IN_COOKIE_SECS,
            },
        );
        value
    }

    /// An authorize that passed its checks, from a browser with a sign-in cookie: the code (or
    /// implicit tokens) at once, as if the form had been posted; `None` when the cookie is
    /// unknown, forgotten or expired, or its user is gone or disabled (the form then).
    pub fn sign_in_again(
        &mut self,
        authorization: &Authorization,
        cookie: &str,
    ) -> Option<LoginAttempt> {
        let found = self.signed_in.get(cookie)?.clone();
        let usable = self.now < found.expires_at
            && self
                .users
                .get(&found.username)
                .is_some_and(|user| user.enabled);
        if !usable {
            self.signed_in.remove(cookie);
            return None;
        }
        let mut checks = Checks::default();
        checks.pass(
            "sign-in cookie",
            format!(
                "{} signed in on this browser {} s ago (the cookie lasts {SIGN_IN_COOKIE_SECS} s): no form",
                found.username,
                self.now.saturating_sub(found.auth_time)
            ),
        );
        let subject = Subject::SignIn {
            username: found.username,
            auth_time: found.auth_time,
        };
        let result: Result<_, CognitoError> = self.after_login(
            authorization,
            CheckOutcome::Authenticated,
            subject,
            &mut checks,
        );
        Some(LoginAttempt {
            checks: checks.into_list(),
            result,
            cookie: None,
        })
    }

    /// `/logout`: the browser's sign-in is forgotten. `true` when there was one.
    pub fn forget_sign_in(&mut self, cookie: &str) -> bool {
        self.signed_in.remove(cookie).is_some()
    }
}
