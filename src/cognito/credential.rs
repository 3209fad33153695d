//! A password as the pool keeps it, made when it is set or when it is first needed.
//!
//! ```text
//!   password set by a step (SignUp, a new password, a reset…)   password set by the lesson (a seeded user)
//!                 │                                                      │
//!        Recipe::make, costs logged                        Credential::later(recipe)
//!                 │                                                      │ first get(): Recipe::make,
//!                 ▼                                                      ▼ costs belong to no step
//!        Credential::made(Made) ─────────────────────────▶ Made { phc, srp }   (the password dropped)
//! ```
//!
//! Both forms come from the password and salts drawn from the pool's seeded streams when the
//! password was set, so they are the same bytes whenever they are made. A lesson's users may
//! never sign in, and a lesson's first screen must not wait for argon2 (about 30 ms a user),
//! so a user the lesson imports gets [`Credential::later`]; the work runs the first time a
//! sign-in (or a view of the user) needs it. Clones share the one computation, so a pool forked
//! for a variant or a "try it" never makes it twice.

use std::fmt;
use std::sync::{Arc, Mutex, OnceLock, PoisonError};
use std::time::Duration;

use super::config::Argon2Params;
use super::error::CognitoError;
use super::password;
use super::srp;

/// What a password is kept as: an argon2id PHC string, which checks a typed password
/// (USER_PASSWORD_AUTH), and an SRP verifier, which checks a proof made with the password
/// (USER_SRP_AUTH). Neither gives the password back, and one can never be made from the
/// other: both need the clear password.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Made {
    pub phc: String,
    pub srp: srp::Verifier,
}

/// Everything [`Made`] is computed from, the salts already drawn.
#[derive(Clone)]
pub(crate) struct Recipe {
    pub username: String,
    pub password: String,
    pub argon2: Argon2Params,
    pub salt: Vec<u8>,
    /// The pool id after `_`: SRP's identity hash includes it.
    pub pool_short: String,
    pub srp_salt: Vec<u8>,
}

/// How long each half of [`Recipe::make`] took: (argon2id hash, SRP verifier).
pub(crate) type MakeCost = (Duration, Duration);

impl Recipe {
    /// Computes both forms, with the real time each took (argon2's from its first run in the
    /// process; see `password`).
    pub fn make(&self) -> (Result<Made, CognitoError>, MakeCost) {
        let (phc, hash_took) = password::hash_measured(&self.argon2, &self.salt, &self.password);
        let (srp, srp_took) = super::cost::measured(|| {
            srp::Verifier::compute(
                &self.pool_short,
                &self.username,
                &self.password,
                &self.srp_salt,
            )
        });
        let made = phc.map(|phc| Made { phc, srp });
        (made, (hash_took, srp_took))
    }
}

/// A user's password as the pool keeps it (see the module comment): each form made when
/// first needed, so a password sign-in never computes the SRP verifier and an SRP sign-in
/// never runs argon2.
#[derive(Clone)]
pub(crate) struct Credential(Arc<Lazy>);

struct Lazy {
    /// Until both forms are made; dropped then, so the password is not kept.
    recipe: Mutex<Option<Recipe>>,
    phc: OnceLock<Result<String, CognitoError>>,
    srp: OnceLock<srp::Verifier>,
}

impl Credential {
    /// A credential already made.
    pub fn made(made: Made) -> Self {
        let lazy = Lazy {
            recipe: Mutex::new(None),
            phc: OnceLock::from(Ok(made.phc)),
            srp: OnceLock::from(made.srp),
        };
        Self(Arc::new(lazy))
    }

    /// A credential made from `recipe`, each form the first time it is needed.
    pub fn later(recipe: Recipe) -> Self {
        Self(Arc::new(Lazy {
            recipe: Mutex::new(Some(recipe)),
            phc: OnceLock::new(),
            srp: OnceLock::new(),
        }))
    }

    /// Runs `make` on the recipe, then drops the recipe if both forms now exist.
    fn use_recipe<T>(&self, make: impl FnOnce(&Recipe) -> T, missing: T) -> T {
        let mut recipe = self.0.recipe.lock().unwrap_or_else(PoisonError::into_inner);
        let Some(held) = recipe.as_ref() else {
            return missing;
        };
        let made = make(held);
        if self.0.phc.get().is_some() || self.0.srp.get().is_some() {
            // The other form was made before this one: nothing needs the password any more.
            *recipe = None;
        }
        made
    }

    /// The argon2id PHC string, made now if it was not yet.
    ///
    /// # Errors
    /// `InternalErrorException` if argon2 refused the pool's parameters.
    pub fn phc(&self) -> Result<&str, CognitoError> {
        self.0
            .phc
            .get_or_init(|| {
                self.use_recipe(
                    |r| password::hash_measured(&r.argon2, &r.salt, &r.password).0,
                    Err(CognitoError::internal("a password was kept with no hash")),
                )
            })
            .as_deref()
            .map_err(Clone::clone)
    }

    /// The SRP verifier, made now if it was not yet.
    pub fn srp(&self) -> &srp::Verifier {
        self.0.srp.get_or_init(|| {
            self.use_recipe(
                |r| srp::Verifier::compute(&r.pool_short, &r.username, &r.password, &r.srp_salt),
                // Unreachable: a credential is made whole or from a recipe kept until both
                // forms exist. Were it reached, this verifier matches no password.
                srp::Verifier {
                    salt: rsa::BigUint::default(),
                    verifier: rsa::BigUint::default(),
                },
            )
        })
    }

    /// Which forms exist: (PHC string, SRP verifier); for tests.
    #[cfg(test)]
    pub fn made_forms(&self) -> (bool, bool) {
        (self.0.phc.get().is_some(), self.0.srp.get().is_some())
    }
}

impl fmt::Debug for Credential {
    // Never the password; the forms only once they exist.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Credential")
            .field("phc", &self.0.phc.get())
            .field("srp", &self.0.srp.get())
            .finish()
    }
}

impl PartialEq for Credential {
    fn eq(&self, other: &Self) -> bool {
        Arc::ptr_eq(&self.0, &other.0)
            || (self.phc().ok() == other.phc().ok() && self.srp() == other.srp())
    }
}

impl Eq for Credential {}

#[cfg(test)]
mod tests {
    use super::*;

    fn recipe(password: &str) -> Recipe {
        Recipe {
            username: "ana".into(),
            password: password.into(),
            argon2: Argon2Params::cheap_for_tests(),
            salt: vec![3; password::SALT_LEN],
            pool_short: "AbC123xyz".into(),
            srp_salt: vec![4; 16],
        }
    }

    #[test]
    fn each_form_is_made_on_first_need_once_and_equals_one_made_at_once() {
        let later = Credential::later(recipe("Passw0rd!"));
        let twin = later.clone();
        assert_eq!(
            later.made_forms(),
            (false, false),
            "nothing made before it is needed"
        );
        let phc = later.phc().unwrap().to_owned();
        assert_eq!(
            twin.made_forms(),
            (true, false),
            "a password check needs no verifier"
        );
        assert!(
            std::ptr::eq(later.phc().unwrap(), twin.phc().unwrap()),
            "shared"
        );
        assert!(password::verify_password(&phc, "Passw0rd!").unwrap());
        assert!(
            later.0.recipe.lock().unwrap().is_some(),
            "kept for the verifier"
        );
        let _ = later.srp();
        assert_eq!(later.made_forms(), (true, true));
        assert!(
            later.0.recipe.lock().unwrap().is_none(),
            "the password is dropped"
        );

        let at_once = Credential::made(recipe("Passw0rd!").make().0.unwrap());
        assert_eq!(at_once, later, "the same bytes whenever they are made");
        assert_ne!(Credential::made(recipe("other").make().0.unwrap()), later);
        let srp_first = Credential::later(recipe("Passw0rd!"));
        assert_eq!(srp_first.srp(), at_once.srp());
        assert_eq!(
            srp_first.made_forms(),
            (false, true),
            "an SRP check needs no argon2"
        );
        assert!(
            !format!("{:?}", Credential::later(recipe("Passw0rd!"))).contains("Passw0rd"),
            "Debug never shows the password"
        );
    }

    #[test]
    fn a_refused_parameter_set_is_an_error_each_time_not_a_panic() {
        let mut bad = recipe("pw");
        bad.argon2 = Argon2Params {
            m_cost_kib: 1,
            t_cost: 0,
            p_cost: 0,
        };
        let credential = Credential::later(bad);
        assert!(credential.phc().is_err());
        assert!(credential.phc().is_err());
    }
}
