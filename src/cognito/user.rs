//! Users as the pool keeps them, and the views a lesson may read.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use super::credential::Credential;
use super::srp;

/// A user's account status (`UserStatusType`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "SCREAMING_SNAKE_CASE")]
pub enum UserStatus {
    /// Signed up, code not confirmed yet.
    Unconfirmed,
    /// Confirmed; signs in normally.
    Confirmed,
    /// Admin-created: must replace the temporary password at first sign-in.
    ForceChangePassword,
    /// Must reset the password (ForgotPassword) before signing in.
    ResetRequired,
}

impl UserStatus {
    /// The name on the wire, e.g. `FORCE_CHANGE_PASSWORD`.
    #[must_use]
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Unconfirmed => "UNCONFIRMED",
            Self::Confirmed => "CONFIRMED",
            Self::ForceChangePassword => "FORCE_CHANGE_PASSWORD",
            Self::ResetRequired => "RESET_REQUIRED",
        }
    }
}

/// A user a lesson puts in the pool before it starts: an admin import.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SeedUser {
    /// Username.
    pub username: String,
    /// The clear password; hashed with argon2id on import and then forgotten. For
    /// `FORCE_CHANGE_PASSWORD` users it is the temporary password.
    pub password: String,
    /// Status to keep.
    pub status: UserStatus,
    /// `false` for a disabled user.
    pub enabled: bool,
    /// Attributes: `email`, `email_verified` ("true"/"false"), `name`, `custom:…`.
    /// `sub` is assigned by the pool and may not be given.
    pub attributes: BTreeMap<String, String>,
    /// `true` gives the user a TOTP authenticator (seeded secret) with SOFTWARE_TOKEN_MFA preferred.
    pub totp: bool,
}

impl SeedUser {
    /// A confirmed, enabled user with no attributes and no MFA.
    #[must_use]
    pub fn new(username: impl Into<String>, password: impl Into<String>) -> Self {
        Self {
            username: username.into(),
            password: password.into(),
            status: UserStatus::Confirmed,
            enabled: true,
            attributes: BTreeMap::new(),
            totp: false,
        }
    }

    /// Adds an attribute (builder style).
    #[must_use]
    pub fn attribute(mut self, name: impl Into<String>, value: impl Into<String>) -> Self {
        self.attributes.insert(name.into(), value.into());
        self
    }

    /// Sets the status (builder style).
    #[must_use]
    pub fn status(mut self, status: UserStatus) -> Self {
        self.status = status;
        self
    }

    /// Sets the enabled flag (builder style).
    #[must_use]
    pub fn enabled(mut self, enabled: bool) -> Self {
        self.enabled = enabled;
        self
    }

    /// Gives the user a TOTP authenticator (builder style).
    #[must_use]
    pub fn totp(mut self, totp: bool) -> Self {
        self.totp = totp;
        self
    }
}

/// A user's account standing: what a lesson tracks after each step. Unlike [`UserView`] it
/// needs no password form, so reading it never makes one.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct Account {
    /// Account status.
    pub status: UserStatus,
    /// `false` once AdminDisableUser ran.
    pub enabled: bool,
    /// Failed sign-ins counted towards lockout.
    pub failed_attempts: u32,
}

/// What the pool holds about one user, for the lesson to show. Never the clear password.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct UserView {
    /// Username.
    pub username: String,
    /// The immutable UUID in every token's `sub`.
    pub sub: String,
    /// Account status.
    pub status: UserStatus,
    /// `false` once AdminDisableUser ran.
    pub enabled: bool,
    /// Attributes other than `sub`.
    pub attributes: BTreeMap<String, String>,
    /// Failed sign-ins counted towards lockout.
    pub failed_attempts: u32,
    /// While locked: when the lockout ends (epoch seconds).
    pub locked_until: Option<u64>,
    /// The argon2id PHC string the password is kept as (it answers USER_PASSWORD_AUTH).
    pub password_hash: String,
    /// The SRP salt s, in hex as `SALT` carries it (it and `srp_verifier` answer USER_SRP_AUTH).
    pub srp_salt: String,
    /// The SRP verifier v = g^x mod N, in hex.
    pub srp_verifier: String,
    /// `true` when the user has a TOTP authenticator (SOFTWARE_TOKEN_MFA preferred).
    pub has_totp: bool,
    /// For FORCE_CHANGE_PASSWORD users: when the temporary password stops working.
    pub temporary_password_expires_at: Option<u64>,
    /// When the user was created (epoch seconds).
    pub created_at: u64,
}

/// Failed sign-ins: 5 are free, then each one locks the user for 2^(n-5) s, up to 15 min.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub(crate) struct Lockout {
    failures: u32,
    locked_until: Option<u64>,
    last_attempt: Option<u64>,
}

impl Lockout {
    /// Failures before the first lock.
    pub const FREE_FAILURES: u32 = 5;
    /// Longest lock, and the idle time after which the count starts over.
    pub const MAX_SECS: u64 = 900;

    /// Records a sign-in attempt at `now`, first forgetting old failures when there has been
    /// no attempt for 15 minutes. Returns `true` when the user is locked (the attempt must be
    /// refused with "Password attempts exceeded" and does not count as a failure).
    pub fn attempt(&mut self, now: u64) -> bool {
        if self
            .last_attempt
            .is_some_and(|last| now.saturating_sub(last) >= Self::MAX_SECS)
        {
            *self = Self::default();
        }
        self.last_attempt = Some(now);
        self.is_locked(now)
    }

    /// Counts a wrong password at `now`; from the 5th one on, locks for 2^(n-5) s (max 900).
    pub fn fail(&mut self, now: u64) {
        self.failures = self.failures.saturating_add(1);
        if self.failures >= Self::FREE_FAILURES {
            let exponent = self.failures - Self::FREE_FAILURES;
            let secs = 1u64
                .checked_shl(exponent)
                .unwrap_or(u64::MAX)
                .min(Self::MAX_SECS);
            self.locked_until = Some(now + secs);
        }
    }

    /// A correct password clears the count.
    pub fn succeed(&mut self) {
        self.failures = 0;
        self.locked_until = None;
    }

    /// `true` while a lock is in force.
    pub fn is_locked(&self, now: u64) -> bool {
        self.locked_until.is_some_and(|until| now < until)
    }

    /// Failures counted so far.
    pub fn failures(&self) -> u32 {
        self.failures
    }

    /// The end of the lock in force at `now`, if any.
    pub fn locked_until(&self, now: u64) -> Option<u64> {
        self.locked_until.filter(|&until| now < until)
    }
}

/// A user as the pool stores it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct User {
    pub username: String,
    pub sub: String,
    pub status: UserStatus,
    pub enabled: bool,
    pub attributes: BTreeMap<String, String>,
    pub credential: Credential,
    pub temporary_password_expires_at: Option<u64>,
    pub totp_secret: Option<Vec<u8>>,
    /// The factors turned on, the preferred one, and a secret being set up.
    pub mfa: super::mfa::UserMfa,
    pub lockout: Lockout,
    pub created_at: u64,
    pub modified_at: u64,
}

impl User {
    /// A new enabled user created at `now`, without MFA, no failed sign-ins, and no temporary
    /// password deadline.
    pub fn new(
        username: String,
        sub: String,
        status: UserStatus,
        attributes: BTreeMap<String, String>,
        credential: Credential,
        now: u64,
    ) -> Self {
        Self {
            username,
            sub,
            status,
            enabled: true,
            attributes,
            credential,
            temporary_password_expires_at: None,
            totp_secret: None,
            mfa: super::mfa::UserMfa::default(),
            lockout: Lockout::default(),
            created_at: now,
            modified_at: now,
        }
    }

    /// The user's email if it is verified (where codes can be sent).
    pub fn verified_email(&self) -> Option<&str> {
        let verified = self.attributes.get("email_verified").map(String::as_str) == Some("true");
        self.attributes
            .get("email")
            .filter(|_| verified)
            .map(String::as_str)
    }

    /// Attributes as Cognito lists them: `sub` first, then the rest by name.
    pub fn attribute_list(&self) -> Vec<(String, String)> {
        std::iter::once(("sub".to_owned(), self.sub.clone()))
            .chain(self.attributes.iter().map(|(k, v)| (k.clone(), v.clone())))
            .collect()
    }

    pub fn account(&self) -> Account {
        Account {
            status: self.status,
            enabled: self.enabled,
            failed_attempts: self.lockout.failures(),
        }
    }

    pub fn view(&self, now: u64) -> UserView {
        // A view shows what is kept, so it is made now if it was not yet.
        let password_hash = self
            .credential
            .phc()
            .map_or_else(|e| format!("(not made: {e})"), str::to_owned);
        let srp = self.credential.srp();
        UserView {
            username: self.username.clone(),
            sub: self.sub.clone(),
            status: self.status,
            enabled: self.enabled,
            attributes: self.attributes.clone(),
            failed_attempts: self.lockout.failures(),
            locked_until: self.lockout.locked_until(now),
            password_hash,
            srp_salt: srp::to_hex(&srp.salt),
            srp_verifier: srp::to_hex(&srp.verifier),
            has_totp: self.mfa.enabled.contains(&super::MfaFactor::SoftwareToken),
            temporary_password_expires_at: self.temporary_password_expires_at,
            created_at: self.created_at,
        }
    }
}

/// Masks an email as Cognito does in `CodeDeliveryDetails`: `ana@example.com` → `a***@e***`.
pub(crate) fn mask_email(email: &str) -> String {
    let (local, domain) = email.split_once('@').unwrap_or((email, ""));
    let first = |s: &str| s.chars().next().map(String::from).unwrap_or_default();
    format!("{}***@{}***", first(local), first(domain))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lockout_follows_the_documented_schedule() {
        let mut l = Lockout::default();
        let mut now = 1000;
        for _ in 0..4 {
            assert!(!l.attempt(now));
            l.fail(now);
            assert!(!l.is_locked(now));
        }
        // 5th failure: locked for 2^0 = 1 s.
        assert!(!l.attempt(now));
        l.fail(now);
        assert_eq!(l.locked_until(now), Some(now + 1));
        // Attempts during the lock are refused and do not count.
        assert!(l.attempt(now));
        assert_eq!(l.failures(), 5);
        // Each further failure doubles the lock: 2^(n-5) s, capped at 900 s.
        let mut locks = vec![1];
        for _ in 6..=15 {
            now = l.locked_until(now).unwrap_or(now);
            assert!(!l.attempt(now));
            l.fail(now);
            locks.push(l.locked_until(now).unwrap_or(now) - now);
        }
        assert_eq!(locks, [1, 2, 4, 8, 16, 32, 64, 128, 256, 512, 900]);
        assert_eq!(l.failures(), 15);
        // Waiting out the longest lock is also 15 minutes without attempts: the count starts over.
        now += 900;
        assert!(!l.attempt(now));
        assert_eq!(l.failures(), 0);
    }

    #[test]
    fn fifteen_idle_minutes_reset_the_count_and_success_clears_it() {
        let mut l = Lockout::default();
        for _ in 0..5 {
            l.attempt(0);
            l.fail(0);
        }
        assert!(l.is_locked(0));
        assert!(!l.attempt(900));
        assert_eq!(l.failures(), 0);
        l.fail(900);
        l.succeed();
        assert_eq!(l.failures(), 0);
    }

    #[test]
    fn masks_like_cognito() {
        assert_eq!(mask_email("user123@example.com"), "u***@e***");
        assert_eq!(mask_email("nobody"), "n***@***");
    }
}
