//! How long each piece of real cryptography took: the cost the UI shows learners.
//!
//! Durations come from `Instant` and differ from run to run, so they are never part of a
//! transcript or a snapshot; everything else the pool outputs is deterministic.

use std::time::{Duration, Instant};

use serde::Serialize;

/// One cryptographic operation the pool ran, and how long it took.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct CryptoCost {
    /// What ran: "argon2id hash", "argon2id verify", "argon2id verify (dummy hash: unknown user)",
    /// "RSA-2048 key generation", "RS256 sign", "RS256 verify".
    pub operation: String,
    /// Its parameters or subject, e.g. "m=19456 KiB, t=2, p=1" or "ID token".
    pub params: String,
    /// Wall time it took (measurement only; never written into outputs, so serialising skips
    /// it and transcripts stay byte-identical for a seed).
    #[serde(skip)]
    pub elapsed: Duration,
}

impl CryptoCost {
    /// The token this operation signed or checked, when its parameters name one ("ID token",
    /// "access token"): a sign-in signs two, and each timing says which.
    #[must_use]
    pub fn token(&self) -> Option<&str> {
        Some(self.params.as_str()).filter(|p| p.ends_with("token"))
    }

    /// Why this operation costs what it does, in a few words for learners.
    #[must_use]
    pub fn why(&self) -> &'static str {
        let op = self.operation.as_str();
        if op.starts_with("argon2") {
            // AWS does not document Cognito's password hash: argon2id is the mock's own choice.
            "the mock's stand-in for Cognito's undocumented hash, deliberately slow to resist guessing"
        } else if op.starts_with("RSA-2048 key generation") {
            "once per pool: the keys that sign tokens"
        } else if op.starts_with("RS256 sign") {
            "signing a token with the pool's private key"
        } else if op.starts_with("RS256 verify") {
            "checking a signature with the public key"
        } else if op.starts_with("SRP") {
            "3072-bit modular exponentiation (SRP-6a)"
        } else {
            "cryptography"
        }
    }
}

/// Runs `f`, returning its value and a [`CryptoCost`] record of how long it took ([`measured`]).
pub(crate) fn timed<T>(
    operation: &str,
    params: impl Into<String>,
    f: impl FnOnce() -> T,
) -> (T, CryptoCost) {
    let (value, elapsed) = measured(f);
    let cost = CryptoCost {
        operation: operation.to_owned(),
        params: params.into(),
        elapsed,
    };
    (value, cost)
}

thread_local! {
    /// The first real times of the kept results used on this thread so far ([`replayed`]).
    static REPLAYED: std::cell::Cell<Duration> = const { std::cell::Cell::new(Duration::ZERO) };
}

/// A kept result stood in for a computation whose first real run took `took` (SRP's modular
/// powers, see `srp`): a [`measured`] span around it counts that time, so the cost a learner is
/// shown is the computation's, whether or not this process had computed it before.
pub(crate) fn replayed(took: Duration) {
    REPLAYED.with(|r| r.set(r.get() + took));
}

/// Runs `f`: its value and how long it took, each kept result it used counted at its first
/// computation's time ([`replayed`]).
pub(crate) fn measured<T>(f: impl FnOnce() -> T) -> (T, Duration) {
    let before = REPLAYED.with(std::cell::Cell::get);
    let start = Instant::now();
    let value = f();
    let replayed = REPLAYED.with(std::cell::Cell::get).saturating_sub(before);
    (value, start.elapsed() + replayed)
}

/// Costly operations asked for on one thread (argon2: memoised results not counted), for budgets
/// on work such as `cogflow check`'s: a count is deterministic where a duration is not.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Work {
    /// argon2 computations (hashes and verifies not found already computed).
    pub argon2: u64,
    /// RS256 signatures asked for (kept ones too, see `keys::SIGNED`: a budget in signatures
    /// must not depend on what the process signed before).
    pub signatures: u64,
    /// Times a pool's signing keys were asked for on this thread (a cold start makes or loads
    /// them in the background from the pool's creation on: the first ask waits for them).
    pub key_asks: u64,
}

thread_local! {
    static WORK: std::cell::Cell<Work> = const {
        std::cell::Cell::new(Work { argon2: 0, signatures: 0, key_asks: 0 })
    };
}

impl Work {
    /// What this thread has run so far.
    #[must_use]
    pub fn on_this_thread() -> Self {
        WORK.with(std::cell::Cell::get)
    }

    /// What was run after `earlier` (a reading of the same thread).
    #[must_use]
    pub fn since(self, earlier: Self) -> Self {
        Self {
            argon2: self.argon2 - earlier.argon2,
            signatures: self.signatures - earlier.signatures,
            key_asks: self.key_asks - earlier.key_asks,
        }
    }
}

fn count(add: impl FnOnce(&mut Work)) {
    WORK.with(|work| {
        let mut now = work.get();
        add(&mut now);
        work.set(now);
    });
}

/// One argon2 computation ran on this thread.
pub(crate) fn count_argon2() {
    count(|w| w.argon2 += 1);
}

/// A pool's keys were asked for on this thread.
pub(crate) fn count_key_ask() {
    count(|w| w.key_asks += 1);
}

/// One RS256 signature was asked for on this thread.
pub(crate) fn count_signature() {
    count(|w| w.signatures += 1);
}

/// The distinct argon2 computations one piece of work asked for (by a digest of all their
/// inputs), on every thread working for it inside [`Asked::asking`]: `cogflow check`'s budget
/// for one file, whose paths may run on several threads at once. Unlike [`Work::argon2`] the
/// count does not depend on which thread, or which earlier run, computed a kept result first,
/// so the same file always meets its limit at the same step.
#[derive(Debug, Default)]
pub struct Asked(std::sync::Mutex<std::collections::BTreeSet<[u8; 32]>>);

thread_local! {
    /// The [`Asked`] this thread's argon2 computations count towards, if any.
    static ASKING: std::cell::RefCell<Option<std::sync::Arc<Asked>>> =
        const { std::cell::RefCell::new(None) };
}

impl Asked {
    /// Runs `f`, every argon2 computation it asks for on this thread counted in `asked`.
    pub fn asking<T>(asked: &std::sync::Arc<Self>, f: impl FnOnce() -> T) -> T {
        /// Puts back what the thread counted towards before, however `f` ends.
        struct Restore(Option<std::sync::Arc<Asked>>);
        impl Drop for Restore {
            fn drop(&mut self) {
                let before = self.0.take();
                ASKING.with(|a| *a.borrow_mut() = before);
            }
        }
        let _restore = Restore(ASKING.with(|a| a.borrow_mut().replace(asked.clone())));
        f()
    }

    /// How many distinct computations were asked for.
    #[must_use]
    pub fn count(&self) -> u64 {
        let asked = self
            .0
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner);
        asked.len() as u64
    }
}

/// An argon2 computation with these inputs (`key`: their digest; `None` for one that is never
/// kept, so always distinct) was asked for on this thread.
pub(crate) fn ask_argon2(key: Option<&[u8; 32]>) {
    static NEVER_KEPT: std::sync::atomic::AtomicU64 = std::sync::atomic::AtomicU64::new(0);
    ASKING.with(|asking| {
        if let Some(asked) = asking.borrow().as_ref() {
            let key = key.copied().unwrap_or_else(|| {
                // Not a digest (those are SHA-256 outputs): a tag and a number of its own.
                let n = NEVER_KEPT.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
                let mut own = [0xff; 32];
                own[24..].copy_from_slice(&n.to_le_bytes());
                own
            });
            asked
                .0
                .lock()
                .unwrap_or_else(std::sync::PoisonError::into_inner)
                .insert(key);
        }
    });
}
