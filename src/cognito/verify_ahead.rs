//! A password sign-in's argon2id verify, computed before the pool is locked.
//!
//! ```text
//!   pool locked (briefly)        pool unlocked (one core each)      pool locked
//!   verify_ahead(&call) ───────▶ Ahead::run: argon2id verify ─────▶ advance_auth_verified(call, verified)
//!   the stored hash (or the      of the typed password, timed       every check in Cognito's order; the
//!   dummy one), the password                                        password check takes `verified` if it
//!                                                                   is for the same hash and password
//! ```
//!
//! A served pool is one state behind one lock, and argon2id (19 MiB, about 14 ms) is nearly all
//! of a password sign-in's work. Verified under the lock, sign-ins would take turns on one core
//! whatever the machine has, and every other call would wait behind them. argon2 is a pure
//! function of the hash and the password, so it can run anywhere: the pool says what the call
//! will verify, the caller verifies it with the pool unlocked, and the checks then run as they
//! always do, in order, under the lock. If the hash changed in between (a password set by
//! another call), the result is for another hash and the check verifies anew, so the answer is
//! always the one the pool as it is now gives. A call that stops before its password check (a
//! disabled or locked user) has wasted one verify, which is all a client can make it waste.

use std::fmt;
use std::time::Duration;

use super::api::AuthFlow;
use super::config::PreventUserExistenceErrors;
use super::credential::Credential;
use super::error::CognitoError;
use super::initiate_auth::{AuthCall, AuthPhase, AuthRequest};
use super::password::{self, Reuse};
use super::pool::UserPool;

/// The verify a password sign-in will make, read from the pool; [`Ahead::run`] makes it.
pub struct Ahead {
    hash: Hash,
    password: String,
    reuse: Reuse,
}

/// The hash a sign-in is checked against.
enum Hash {
    /// The user's own (made now, off the lock, if the user was imported and never signed in).
    Stored(Credential),
    /// The pool's dummy hash: an unknown user under PreventUserExistenceErrors ENABLED.
    Dummy(String),
}

/// What [`Ahead::run`] computed, for [`UserPool::advance_auth_verified`].
#[derive(Clone)]
pub struct Verified {
    pub(crate) phc: String,
    pub(crate) password: String,
    pub(crate) matched: Result<bool, CognitoError>,
    pub(crate) took: Duration,
}

impl fmt::Debug for Verified {
    /// Never the password.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Verified")
            .field("matched", &self.matched)
            .field("took", &self.took)
            .finish_non_exhaustive()
    }
}

impl Ahead {
    /// The argon2id verify, as the password check would make it (computed every time unless the
    /// pool allows reuse), timed.
    #[must_use]
    pub fn run(self) -> Verified {
        let phc = match &self.hash {
            Hash::Stored(credential) => credential.phc().map(str::to_owned),
            Hash::Dummy(phc) => Ok(phc.clone()),
        };
        let (matched, took, phc) = match phc {
            Ok(phc) => {
                let (matched, took) = password::verify_measured(&phc, &self.password, self.reuse);
                (matched, took, phc)
            }
            Err(e) => (Err(e), Duration::ZERO, String::new()),
        };
        Verified {
            phc,
            password: self.password,
            matched,
            took,
        }
    }
}

impl UserPool {
    /// What `call` will verify with argon2id, if it is a password sign-in that has not been
    /// checked yet (InitiateAuth USER_PASSWORD_AUTH, AdminInitiateAuth ADMIN_USER_PASSWORD_AUTH)
    /// and names a user, or an unknown one the pool answers with its dummy hash. `None` for
    /// every other call: it is checked as usual.
    #[must_use]
    pub fn verify_ahead(&self, call: &AuthCall) -> Option<Ahead> {
        if *call.phase() != AuthPhase::RequestReceived {
            return None;
        }
        let request = match call.request() {
            AuthRequest::Initiate(request) | AuthRequest::AdminInitiate { request, .. } => request,
            AuthRequest::Respond(_) | AuthRequest::AdminRespond { .. } => return None,
        };
        if !matches!(
            request.auth_flow,
            AuthFlow::UserPasswordAuth | AuthFlow::AdminUserPasswordAuth | AuthFlow::AdminNoSrpAuth
        ) {
            return None;
        }
        let parameter = |name| {
            request
                .auth_parameters
                .get(name)
                .filter(|v: &&String| !v.is_empty())
        };
        let (username, password) = (parameter("USERNAME")?, parameter("PASSWORD")?);
        let hash = match self.resolve_sign_in_name(username) {
            Some(name) => Hash::Stored(self.users.get(&name)?.credential.clone()),
            None if self.pue(&request.client_id) == PreventUserExistenceErrors::Enabled => {
                Hash::Dummy(self.dummy_hash.clone())
            }
            None => return None,
        };
        Some(Ahead {
            hash,
            password: password.clone(),
            reuse: self.config.argon2_reuse,
        })
    }

    /// [`UserPool::advance_auth`], with `verified` standing in for the password check's argon2
    /// run if it is for the hash and password that check compares.
    pub fn advance_auth_verified<'c>(
        &mut self,
        call: &'c mut AuthCall,
        verified: Verified,
    ) -> &'c AuthPhase {
        self.verified_ahead = Some(verified);
        self.advance_auth(call);
        // Unused when the checks stopped before the password: never left for another call.
        self.verified_ahead = None;
        call.phase()
    }

    /// argon2id's verdict on `password` against `phc` and how long it took: the one computed
    /// ahead for this check if it matches, else computed now.
    pub(crate) fn argon2_verify(
        &mut self,
        phc: &str,
        password: &str,
    ) -> (Result<bool, CognitoError>, Duration) {
        match self.verified_ahead.take() {
            Some(v) if v.phc == phc && v.password == password => (v.matched, v.took),
            _ => password::verify_measured(phc, password, self.config.argon2_reuse),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::cognito::config::{Argon2Params, ExplicitAuthFlow, PoolConfig};
    use crate::cognito::{CheckOutcome, Exception, InitiateAuthRequest, SeedUser, Work};

    /// A pool with `reuse`, the password flow allowed, and `ana` (a password no other test
    /// uses: kept argon2 results are shared by the whole test process).
    fn pool(reuse: Reuse, seed: u64, password: &str) -> UserPool {
        let mut pool = UserPool::new(
            PoolConfig {
                argon2: Argon2Params::cheap_for_tests(),
                argon2_reuse: reuse,
                explicit_auth_flows: vec![
                    ExplicitAuthFlow::AllowUserPasswordAuth,
                    ExplicitAuthFlow::AllowRefreshTokenAuth,
                ],
                ..PoolConfig::default()
            },
            seed,
            0,
        );
        pool.add_user(SeedUser::new("ana", password)).unwrap();
        pool
    }

    fn sign_in(pool: &UserPool, username: &str, password: &str) -> AuthCall {
        pool.start_initiate_auth(InitiateAuthRequest::user_password(
            pool.client_id(),
            username,
            password,
        ))
    }

    /// argon2 runs on this thread while `f` runs.
    fn argon2_runs(f: impl FnOnce()) -> u64 {
        let before = Work::on_this_thread();
        f();
        Work::on_this_thread().since(before).argon2
    }

    fn outcome(call: &AuthCall) -> &CheckOutcome {
        match call.phase() {
            AuthPhase::CredentialsChecked(outcome) => outcome,
            other => panic!("not checked: {other:?}"),
        }
    }

    #[test]
    fn a_served_pool_runs_argon2_for_every_sign_in_a_lesson_pool_once_per_input() {
        // (reuse, password typed) -> argon2 runs of each of three identical sign-ins. The
        // first right one also hashes the imported user's password (made when first needed).
        let cases = [
            (
                Reuse::Remembered,
                "Ahead-Right-1",
                "Ahead-Right-1",
                [1, 0, 0],
            ),
            (
                Reuse::EveryTime,
                "Ahead-Right-2",
                "Ahead-Right-2",
                [2, 1, 1],
            ),
            (
                Reuse::Remembered,
                "Ahead-Right-3",
                "Wrong-Pass-3",
                [2, 0, 0],
            ),
            (Reuse::EveryTime, "Ahead-Right-4", "Wrong-Pass-4", [2, 1, 1]),
        ];
        for (seed, (reuse, stored, typed, expected)) in (40..).zip(cases) {
            let mut pool = pool(reuse, seed, stored);
            let runs = expected.map(|_| {
                argon2_runs(|| {
                    let request =
                        InitiateAuthRequest::user_password(pool.client_id(), "ana", typed);
                    let _ = pool.initiate_auth(request);
                })
            });
            assert_eq!(runs, expected, "{reuse:?}, typed {typed}");
            let verifies = pool
                .take_crypto_log()
                .into_iter()
                .filter(|c| c.operation == "argon2id verify")
                .count();
            assert_eq!(verifies, 3, "each sign-in logs its verify");
        }
    }

    #[test]
    fn a_verify_made_ahead_stands_in_only_for_the_same_hash_and_password() {
        let mut pool = pool(Reuse::EveryTime, 50, "Ahead-Right-5");
        let made_ahead = |pool: &UserPool, call: &AuthCall| {
            let ahead = pool.verify_ahead(call).expect("a password sign-in");
            // Off this thread, as serve runs it with the pool unlocked.
            std::thread::spawn(move || ahead.run()).join().unwrap()
        };

        // The right password: the checks take the verify made ahead and run no argon2.
        let mut call = sign_in(&pool, "ana", "Ahead-Right-5");
        let verified = made_ahead(&pool, &call);
        let took = verified.took;
        let runs = argon2_runs(|| {
            pool.advance_auth_verified(&mut call, verified);
        });
        assert_eq!((runs, outcome(&call)), (0, &CheckOutcome::Authenticated));
        let log = pool.take_crypto_log();
        let verify = log.iter().find(|c| c.operation == "argon2id verify");
        assert_eq!(
            verify.map(|c| c.elapsed),
            Some(took),
            "its own time is logged"
        );

        // The password changed after the verify was made: the check verifies anew and the
        // answer is the pool's as it is now.
        let mut call = sign_in(&pool, "ana", "Ahead-Right-5");
        let verified = made_ahead(&pool, &call);
        assert_eq!(verified.matched, Ok(true));
        pool.set_password("ana", "Ahead-Changed-5").unwrap();
        let runs = argon2_runs(|| {
            pool.advance_auth_verified(&mut call, verified);
        });
        assert_eq!(runs, 2, "the new hash made, then verified");
        assert!(
            matches!(outcome(&call), CheckOutcome::Rejected(e) if e.exception == Exception::NotAuthorized),
            "{:?}",
            call.phase()
        );

        // An unknown user under ENABLED: the dummy hash, verified ahead too.
        let mut call = sign_in(&pool, "nobody", "Ahead-Right-5");
        let verified = made_ahead(&pool, &call);
        let runs = argon2_runs(|| {
            pool.advance_auth_verified(&mut call, verified);
        });
        assert_eq!(runs, 0);
        assert!(matches!(outcome(&call), CheckOutcome::Rejected(_)));
        assert!(
            pool.verified_ahead.is_none(),
            "nothing left for another call"
        );
    }

    #[test]
    fn only_an_unchecked_password_sign_in_is_verified_ahead() {
        let pool = pool(Reuse::EveryTime, 60, "Ahead-Right-6");
        let client = pool.client_id().to_owned();
        let nothing_ahead = [
            InitiateAuthRequest::user_srp(&client, "ana", "0a"),
            InitiateAuthRequest::refresh(&client, "token"),
            InitiateAuthRequest::user_password(&client, "ana", ""),
        ];
        for request in nothing_ahead {
            let call = pool.start_initiate_auth(request.clone());
            assert!(pool.verify_ahead(&call).is_none(), "{request:?}");
        }
        let mut legacy = pool.clone();
        legacy.clients[0].prevent_user_existence_errors = PreventUserExistenceErrors::Legacy;
        assert!(
            legacy
                .verify_ahead(&sign_in(&legacy, "nobody", "x"))
                .is_none()
        );
        let mut checked = pool.clone();
        let mut call = sign_in(&checked, "ana", "Ahead-Right-6");
        checked.advance_auth(&mut call);
        assert!(checked.verify_ahead(&call).is_none(), "already checked");
    }
}
