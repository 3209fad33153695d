//! Passwords at rest: argon2id PHC strings, never the clear password.
//!
//! argon2id at OWASP's parameters works in 19 MiB of memory (m=19456 KiB). The argon2 crate's
//! `hash_password`/`verify_password` allocate that block afresh on every call, and glibc keeps
//! freed blocks that size in its heap (its mmap threshold adapts upwards after the first free),
//! so a lesson that hashes and verifies a few times grew by 19 MiB at a time. Here every hash
//! and every verify runs in a working memory kept for the process (`MEMORY`), allocated once
//! and grown only if a larger `m` ever comes along: one, since a lesson hashes on one thread
//! at a time, and one more for each thread that hashes at the same moment (`cogflow check`
//! checks files on two). The result is the same argon2id, the same PHC strings: a test checks
//! both directions against the crate's own `PasswordVerifier`.
//!
//! Writing 19 MiB for the first time costs the kernel a page fault per 4 KiB page (perf: 14%
//! of `cogflow transcript signin-basic`'s CPU, beside argon2's own 40%). A lesson that will
//! hash therefore has its memory made ahead ([`prepare_memory`], when its pool is built), on a
//! thread of its own while the first steps run; the first hash takes it, or waits for the rest
//! of it, never making a second.
//!
//! argon2 is a pure function of its inputs, so each result can also be kept for the life of
//! the process (`DONE`), with how long computing it took: a lesson's variants seed the same
//! users with the same seeded salts, a sign-in with the right password recomputes exactly what
//! hashing it computed, and `check` runs every variant, so identical work is paid once. The
//! time reported ([`hash_measured`], [`verify_measured`]) is always that real first run's, so
//! the cost a learner is shown stays the true cost of the operation. That holds for a lesson
//! (a replay of scripted work), not for a served pool: there each sign-in is a real client's
//! call and must pay for its own verify, or `cogflow serve` would answer repeated sign-ins
//! without argon2 and report a cost it never paid. So a verify says whether it may [`Reuse`]
//! a kept result; a served pool's config says [`Reuse::EveryTime`].

use std::collections::{BTreeMap, BTreeSet};
use std::sync::{Condvar, Mutex, PoisonError};
use std::time::{Duration, Instant};

use argon2::password_hash::Error as HashError;
use argon2::password_hash::phc::{Output, ParamsString, Salt};
use argon2::{Algorithm, Argon2, Block, Params, PasswordHash, Version};
use base64::Engine as _;
use base64::engine::general_purpose::STANDARD_NO_PAD;
use rand::rngs::StdRng;
use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};

use super::config::Argon2Params;
use super::error::CognitoError;
use super::ids;

/// Salt length: the PHC string format's recommended 16 bytes.
pub const SALT_LEN: usize = 16;

/// Working memories for argon2 (each a run of 1 KiB blocks), kept between calls. A call takes
/// one (or makes one when every kept one is in use) and gives it back. One may be made ahead on
/// a thread of its own ([`prepare_memory`]): a call that arrives meanwhile waits for it rather
/// than making a second.
struct Memories {
    state: Mutex<MemoryState>,
    /// Signalled when a memory made ahead is kept (or its making gave up).
    prepared: Condvar,
}

struct MemoryState {
    kept: Vec<Vec<Block>>,
    /// Memories taken by a call and not given back yet.
    in_use: usize,
    /// A thread is making a memory ahead; it takes out the kept memory it replaces.
    preparing: bool,
}

static MEMORY: Memories = Memories::new();

/// Below this many blocks (1 MiB) a memory is made where it is needed: a thread would cost
/// more than the few page faults it saves.
const PREPARE_MIN_BLOCKS: usize = 1024;

impl Memories {
    const fn new() -> Self {
        Self {
            state: Mutex::new(MemoryState {
                kept: Vec::new(),
                in_use: 0,
                preparing: false,
            }),
            prepared: Condvar::new(),
        }
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, MemoryState> {
        self.state.lock().unwrap_or_else(PoisonError::into_inner)
    }

    /// Runs `f` with `blocks` blocks of a kept working memory, growing it first if it is
    /// smaller. argon2 writes every block before it reads it, so what an earlier call left
    /// behind never matters.
    fn with<T>(&self, blocks: usize, f: impl FnOnce(&mut [Block]) -> T) -> T {
        let mut state = self.lock();
        while state.preparing {
            state = self
                .prepared
                .wait(state)
                .unwrap_or_else(PoisonError::into_inner);
        }
        let kept = state.kept.pop();
        state.in_use += 1;
        drop(state);
        let mut memory = kept.unwrap_or_default();
        if memory.len() < blocks {
            // Free the old memory before allocating the bigger one, so the two never coexist,
            // and allocate exactly what is needed (a `resize` could double the capacity).
            drop(std::mem::take(&mut memory));
            memory = fresh(blocks);
        }
        let out = f(&mut memory[..blocks]);
        let mut state = self.lock();
        state.in_use -= 1;
        state.kept.push(memory);
        out
    }

    /// Starts making a memory of `blocks` blocks on a thread of its own, allocated and every
    /// page written there, so that the first call finds it ready (or waits for the rest of
    /// it) instead of paying the kernel's first-touch page faults itself. Only when no memory
    /// is in use and none kept is that big: the new one replaces the kept one (freed first),
    /// never lies beside it, so the process never holds more memory than without this. Says
    /// whether a thread started; when none can, nothing changes.
    fn prepare(&'static self, blocks: usize) -> bool {
        {
            let mut state = self.lock();
            if state.preparing
                || state.in_use > 0
                || state.kept.iter().any(|memory| memory.len() >= blocks)
            {
                return false;
            }
            state.preparing = true;
        }
        let made = std::thread::Builder::new()
            .name("argon2 memory".to_owned())
            .spawn(move || {
                // Ends the preparation however this returns, so no call waits for ever.
                let done = Prepared(self);
                let replaced = self.lock().kept.pop();
                drop(replaced);
                let memory = fresh(blocks);
                self.lock().kept.push(memory);
                drop(done);
            });
        if made.is_err() {
            drop(Prepared(self));
        }
        made.is_ok()
    }
}

/// A preparation in progress: dropped, it ends (see [`Memories::prepare`]).
struct Prepared(&'static Memories);

impl Drop for Prepared {
    fn drop(&mut self) {
        self.0.lock().preparing = false;
        self.0.prepared.notify_all();
    }
}

/// A new working memory of `blocks` blocks, every byte written (so every page faulted in).
fn fresh(blocks: usize) -> Vec<Block> {
    vec![Block::new(); blocks]
}

/// Starts making the working memory argon2 at `params` needs, on a thread of its own, if
/// none is made yet (see [`Memories::prepare`]): for a lesson that will hash or verify a
/// password, from the moment its pool is built. Not for `cogflow serve`, whose pool may never
/// see a sign-in (an idle server would hold 19 MiB for nothing).
pub(crate) fn prepare_memory(params: &Argon2Params) {
    if let Ok(params) = params_of(params)
        && params.block_count() >= PREPARE_MIN_BLOCKS
    {
        MEMORY.prepare(params.block_count());
    }
}

fn with_memory<T>(blocks: usize, f: impl FnOnce(&mut [Block]) -> T) -> T {
    MEMORY.with(blocks, f)
}

fn params_of(params: &Argon2Params) -> Result<Params, CognitoError> {
    Params::new(params.m_cost_kib, params.t_cost, params.p_cost, None).map_err(|e| {
        CognitoError::internal(format!(
            "argon2 parameters {} rejected: {e}",
            params.describe()
        ))
    })
}

/// Whether an argon2 result already computed in this process may be given again instead of
/// computing it anew (see the module comment).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
pub enum Reuse {
    /// A lesson's pool (and `check`'s): its runs replay identical inputs, and the time shown
    /// is the first run's, the true cost.
    #[default]
    Remembered,
    /// A served pool: every verify is computed, and its own time is the one shown.
    EveryTime,
}

/// argon2 results computed in this process, by a digest of all their inputs, with the time
/// each took. Bounded: a hostile file could ask for any number of distinct hashes.
static DONE: Kept = Kept {
    state: Mutex::new(KeptState {
        done: BTreeMap::new(),
        running: BTreeSet::new(),
    }),
    finished: Condvar::new(),
};
const DONE_MAX: usize = 4096;

/// The kept results, and the inputs some thread is computing right now: a second thread that
/// asks for the same inputs meanwhile (`cogflow check` runs files whose lessons share users on
/// two threads) waits for that result instead of computing it a second time.
struct Kept {
    state: Mutex<KeptState>,
    /// Signalled whenever a computation in `running` ends.
    finished: Condvar,
}

struct KeptState {
    done: BTreeMap<[u8; 32], (Output, Duration)>,
    running: BTreeSet<[u8; 32]>,
}

impl Kept {
    /// The kept result for `key`, waiting first if another thread is computing it; `None`
    /// (and `key` marked as running on this thread) when it is this thread's to compute.
    fn take_or_claim(&self, key: &[u8; 32]) -> Option<(Output, Duration)> {
        let mut state = self.state.lock().unwrap_or_else(PoisonError::into_inner);
        loop {
            if let Some(done) = state.done.get(key) {
                return Some(*done);
            }
            if state.running.insert(*key) {
                return None;
            }
            state = self
                .finished
                .wait(state)
                .unwrap_or_else(PoisonError::into_inner);
        }
    }

    /// Ends this thread's computation of `key`, keeping its result when there is one (a
    /// failed computation is not kept: a waiter then computes it itself).
    fn finish(&self, key: [u8; 32], done: Option<(Output, Duration)>) {
        let mut state = self.state.lock().unwrap_or_else(PoisonError::into_inner);
        state.running.remove(&key);
        if let Some(done) = done {
            if state.done.len() >= DONE_MAX {
                state.done.clear();
            }
            state.done.insert(key, done);
        }
        drop(state);
        self.finished.notify_all();
    }
}

/// SHA-256 over every input of one argon2 computation, each length-prefixed so no two input
/// sets run together into the same bytes.
fn inputs_digest(
    algorithm: Algorithm,
    version: Version,
    params: &Params,
    password: &[u8],
    salt: &[u8],
) -> [u8; 32] {
    let mut digest = Sha256::new();
    for part in [
        algorithm.ident().as_str().as_bytes(),
        &u32::from(version).to_le_bytes(),
        &params.m_cost().to_le_bytes(),
        &params.t_cost().to_le_bytes(),
        &params.p_cost().to_le_bytes(),
        &params
            .output_len()
            .unwrap_or(Params::DEFAULT_OUTPUT_LEN)
            .to_le_bytes(),
        salt,
        password,
    ] {
        digest.update((part.len() as u64).to_le_bytes());
        digest.update(part);
    }
    digest.finalize().into()
}

/// argon2 with `algorithm`, `version` and `params` over `password` and `salt`, in the shared
/// working memory: the raw output, as long as `params` asks (32 bytes by default), and how long
/// computing it took (when it was first computed in this process, if `reuse` allows a kept
/// result; see `DONE`).
fn compute(
    algorithm: Algorithm,
    version: Version,
    params: Params,
    password: &[u8],
    salt: &[u8],
    reuse: Reuse,
) -> Result<(Output, Duration), HashError> {
    let key = (reuse == Reuse::Remembered)
        .then(|| inputs_digest(algorithm, version, &params, password, salt));
    super::cost::ask_argon2(key.as_ref());
    if let Some(key) = &key
        && let Some(done) = DONE.take_or_claim(key)
    {
        return Ok(done);
    }
    // Ends the claim however this returns (a panic included), so no waiter waits for ever.
    let claim = key.map(Claim);
    let done = run_argon2(algorithm, version, params, password, salt);
    if let (Some(claim), Ok(done)) = (claim, &done) {
        DONE.finish(claim.keep(), Some(*done));
    }
    done
}

/// This thread's claim to compute one kept result: dropped without [`Claim::keep`] (an error,
/// a panic), it is given up and a waiter computes the result itself.
struct Claim([u8; 32]);

impl Claim {
    fn keep(self) -> [u8; 32] {
        let key = self.0;
        std::mem::forget(self);
        key
    }
}

impl Drop for Claim {
    fn drop(&mut self) {
        DONE.finish(self.0, None);
    }
}

/// One argon2 computation, in the shared working memory, and how long it took.
fn run_argon2(
    algorithm: Algorithm,
    version: Version,
    params: Params,
    password: &[u8],
    salt: &[u8],
) -> Result<(Output, Duration), HashError> {
    let len = params.output_len().unwrap_or(Params::DEFAULT_OUTPUT_LEN);
    let blocks = params.block_count();
    let mut out = [0u8; Output::MAX_LENGTH];
    let out = out.get_mut(..len).ok_or(HashError::OutputSize)?;
    let argon2 = Argon2::new(algorithm, version, params);
    super::cost::count_argon2();
    let start = Instant::now();
    with_memory(blocks, |memory| {
        argon2.hash_password_into_with_memory(password, salt, out, memory)
    })?;
    Ok((Output::new(out)?, start.elapsed()))
}

/// Hashes `password` with argon2id at `params` and the given salt, returning the PHC string
/// (`$argon2id$v=19$m=19456,t=2,p=1$<salt>$<hash>`), the only form a password is kept in.
///
/// # Errors
/// `InternalErrorException` when argon2 rejects the parameters or the salt.
pub fn hash_password(
    params: &Argon2Params,
    salt: &[u8],
    password: &str,
) -> Result<String, CognitoError> {
    hash_measured(params, salt, password).0
}

/// [`hash_password`] and how long argon2 took (see the module comment).
pub fn hash_measured(
    params: &Argon2Params,
    salt: &[u8],
    password: &str,
) -> (Result<String, CognitoError>, Duration) {
    match params_of(params).and_then(|params| {
        hash_phc(params, salt, password.as_bytes())
            .map_err(|e| CognitoError::internal(format!("argon2 hash failed: {e}")))
    }) {
        Ok((hash, took)) => (Ok(hash.to_string()), took),
        Err(e) => (Err(e), Duration::ZERO),
    }
}

fn hash_phc(
    params: Params,
    salt: &[u8],
    password: &[u8],
) -> Result<(PasswordHash, Duration), HashError> {
    let salt = Salt::new(salt)?;
    let (hash, took) = compute(
        Algorithm::Argon2id,
        Version::V0x13,
        params.clone(),
        password,
        &salt,
        Reuse::Remembered,
    )?;
    let hash = PasswordHash {
        algorithm: Algorithm::Argon2id.ident(),
        version: Some(Version::V0x13.into()),
        params: ParamsString::try_from(&params)?,
        salt: Some(salt),
        hash: Some(hash),
    };
    Ok((hash, took))
}

/// Checks `password` against a PHC string, recomputing argon2 with the algorithm, version,
/// parameters and salt the string records and comparing the outputs in constant time
/// (`Output`'s `==`), as the argon2 crate's `PasswordVerifier` does. `Ok(false)` for a wrong
/// password, and for a string without a salt or a hash (nothing can match it).
///
/// # Errors
/// `InternalErrorException` when the PHC string is not a valid argon2 hash.
pub fn verify_password(phc: &str, password: &str) -> Result<bool, CognitoError> {
    verify_measured(phc, password, Reuse::Remembered).0
}

/// [`verify_password`] and how long argon2 took, computed anew unless `reuse` allows a kept
/// result (see the module comment).
pub fn verify_measured(
    phc: &str,
    password: &str,
    reuse: Reuse,
) -> (Result<bool, CognitoError>, Duration) {
    match matches(phc, password.as_bytes(), reuse) {
        Ok((matched, took)) => (Ok(matched), took),
        Err(e) => (
            Err(CognitoError::internal(format!(
                "stored password hash unusable: {e}"
            ))),
            Duration::ZERO,
        ),
    }
}

fn matches(phc: &str, password: &[u8], reuse: Reuse) -> Result<(bool, Duration), HashError> {
    let hash = PasswordHash::new(phc)?;
    let (Some(salt), Some(expected)) = (&hash.salt, &hash.hash) else {
        return Ok((false, Duration::ZERO));
    };
    let algorithm = Algorithm::try_from(hash.algorithm.as_str())?;
    let version = hash
        .version
        .map(Version::try_from)
        .transpose()?
        .unwrap_or_default();
    let params = Params::try_from(&hash)?;
    let (computed, took) = compute(algorithm, version, params, password, salt, reuse)?;
    Ok((computed == *expected, took))
}

/// A PHC string no password matches: random salt, random "hash". Verifying against it costs
/// exactly what verifying a real user's hash costs (same parameters, same work), which is the
/// point: under PreventUserExistenceErrors ENABLED an unknown username must take as long as a
/// wrong password. Building it costs nothing, so `UserPool::new` stays cheap.
pub(crate) fn dummy_phc(params: &Argon2Params, rng: &mut StdRng) -> String {
    let salt = STANDARD_NO_PAD.encode(ids::bytes(rng, SALT_LEN));
    let hash = STANDARD_NO_PAD.encode(ids::bytes(rng, 32));
    format!(
        "$argon2id$v=19$m={},t={},p={}${salt}${hash}",
        params.m_cost_kib, params.t_cost, params.p_cost
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::cognito::ids::{stream, stream_rng};

    #[test]
    fn hash_then_verify_at_default_params() {
        let params = Argon2Params::default();
        let phc = hash_password(&params, &[7u8; SALT_LEN], "Correct-Horse-9").unwrap();
        assert!(phc.starts_with("$argon2id$v=19$m=19456,t=2,p=1$"), "{phc}");
        assert!(!phc.contains("Correct-Horse-9"));
        assert!(verify_password(&phc, "Correct-Horse-9").unwrap());
        assert!(!verify_password(&phc, "correct-horse-9").unwrap());
    }

    /// The argon2 crate's own hasher, for comparison.
    fn crate_hasher(algorithm: Algorithm, m: u32, t: u32, p: u32) -> Argon2<'static> {
        Argon2::new(
            algorithm,
            Version::V0x13,
            Params::new(m, t, p, None).unwrap(),
        )
    }

    #[test]
    fn shared_memory_agrees_with_the_argon2_crate_both_ways() {
        use argon2::{PasswordHasher, PasswordVerifier};
        // Large, small, multi-lane, then large again: each call finds the shared memory
        // dirty from a call with other parameters (and, after the first, bigger than needed).
        let cases: [(u32, u32, u32, &str, [u8; SALT_LEN]); 5] = [
            (19_456, 2, 1, "Correct-Horse-9", [7; SALT_LEN]),
            (8, 1, 1, "pass123", [1; SALT_LEN]),
            (64, 3, 4, "", [2; SALT_LEN]),
            (256, 1, 2, "naïve-päss-✓", [3; SALT_LEN]),
            (19_456, 2, 1, "pass124", [9; SALT_LEN]),
        ];
        for (m, t, p, password, salt) in cases {
            let ours = hash_password(
                &Argon2Params {
                    m_cost_kib: m,
                    t_cost: t,
                    p_cost: p,
                },
                &salt,
                password,
            )
            .unwrap();
            let reference = crate_hasher(Algorithm::Argon2id, m, t, p);
            let theirs = reference
                .hash_password_with_salt(password.as_bytes(), &salt)
                .unwrap()
                .to_string();
            assert_eq!(ours, theirs, "m={m} t={t} p={p}");

            // Ours hashed, the crate verifies.
            let parsed = PasswordHash::new(&ours).unwrap();
            assert!(
                Argon2::default()
                    .verify_password(password.as_bytes(), &parsed)
                    .is_ok()
            );
            assert_eq!(
                Argon2::default().verify_password(b"wrong", &parsed),
                Err(HashError::PasswordInvalid)
            );
            // The crate hashed, ours verifies.
            assert!(verify_password(&theirs, password).unwrap(), "m={m}");
            assert!(!verify_password(&theirs, "wrong").unwrap());
        }
    }

    /// Where each memory `memories` keeps starts, and its length in blocks.
    fn held(memories: &Memories) -> Vec<(*const Block, usize)> {
        let state = memories.lock();
        state.kept.iter().map(|m| (m.as_ptr(), m.len())).collect()
    }

    #[test]
    fn working_memory_is_allocated_once_and_reused() {
        // A store of its own, so other tests hashing at the same time don't share it.
        let memories = Memories::new();
        let held = || held(&memories);
        let mut seen = Vec::new();
        for blocks in [19_456, 19_456, 8, 64, 19_456] {
            memories.with(blocks, |memory| {
                assert_eq!(memory.len(), blocks);
                seen.push(memory.as_ptr());
            });
        }
        assert_eq!(held(), [(seen[0], 19_456)], "one memory, kept");
        assert!(
            seen.iter().all(|&p| p == seen[0]),
            "the same memory, not a new allocation"
        );
        // Two at once: a second memory, both kept.
        memories.with(19_456, |_| memories.with(100, |_| ()));
        assert_eq!(held().len(), 2);
    }

    #[test]
    fn a_memory_made_ahead_is_the_one_the_first_call_uses() {
        // A store of its own (leaked: the preparing thread needs it for as long as it runs).
        let memories: &'static Memories = Box::leak(Box::new(Memories::new()));
        let held = || held(memories);
        // A smaller kept memory is replaced, not joined.
        memories.with(64, |_| ());
        assert!(memories.prepare(2048));
        // The call waits for the memory being made, and uses it.
        let used = memories.with(2048, |memory| memory.as_ptr());
        assert_eq!(held(), [(used, 2048)], "one memory: the one made ahead");
        // Nothing to make: one as big is kept already.
        assert!(!memories.prepare(2048));
        assert!(!memories.prepare(1024));
        // Nor while a memory is in use: the new one would lie beside it.
        memories.with(2048, |_| assert!(!memories.prepare(4096)));
        assert_eq!(held().len(), 1);
        // Bigger, with the kept one free: it replaces it.
        assert!(memories.prepare(4096));
        memories.with(100, |memory| assert_eq!(memory.len(), 100));
        assert_eq!(held().len(), 1);
        assert_eq!(held()[0].1, 4096);
    }

    #[test]
    fn verify_reads_algorithm_and_params_from_the_phc_string() {
        use argon2::PasswordHasher;
        for algorithm in [Algorithm::Argon2i, Algorithm::Argon2d, Algorithm::Argon2id] {
            let phc = crate_hasher(algorithm, 32, 2, 1)
                .hash_password_with_salt(b"pw", &[5; SALT_LEN])
                .unwrap()
                .to_string();
            assert!(verify_password(&phc, "pw").unwrap(), "{phc}");
            assert!(!verify_password(&phc, "pw ").unwrap(), "{phc}");
        }
    }

    #[test]
    fn odd_phc_strings_get_the_argon2_crate_s_verdict() {
        use argon2::PasswordVerifier;
        // (PHC string, what verify_password says); the crate must agree: Ok(true) = Ok(()),
        // Ok(false) = PasswordInvalid, Err = any other error.
        let cases = [
            ("$argon2id$v=19$m=8,t=1,p=1$c2FsdHNhbHRzYWx0", Some(false)), // no hash
            ("$argon2id$v=19$m=8,t=1,p=1", Some(false)),                  // no salt
            ("$argon2id$v=20$m=8,t=1,p=1$c2FsdHNhbHRzYWx0$AAAA", None),   // unknown version
            ("$argon2x$v=19$m=8,t=1,p=1$c2FsdHNhbHRzYWx0$AAAA", None),    // unknown algorithm
            ("$argon2id$v=19$m=1,t=1,p=1$c2FsdHNhbHRzYWx0$AAAA", None),   // m below the minimum
            (
                "$argon2id$v=19$m=8,t=1,p=1$c2FsdA$AAAAAAAAAAAAAAAAAAAAAA",
                None,
            ), // 4-byte salt
            ("not a phc string", None),
            ("", None),
        ];
        for (phc, expected) in cases {
            let ours = verify_password(phc, "pw").ok();
            assert_eq!(ours, expected, "{phc}");
            let theirs = PasswordHash::new(phc)
                .map_err(HashError::from)
                .and_then(|h| Argon2::default().verify_password(b"pw", &h));
            let theirs = match theirs {
                Ok(()) => Some(true),
                Err(HashError::PasswordInvalid) => Some(false),
                Err(_) => None,
            };
            assert_eq!(ours, theirs, "{phc}");
        }
    }

    #[test]
    fn dummy_hash_is_refused_by_the_argon2_crate_too() {
        use argon2::PasswordVerifier;
        let phc = dummy_phc(&Argon2Params::default(), &mut stream_rng(3, stream::DUMMY));
        let parsed = PasswordHash::new(&phc).unwrap();
        assert_eq!(
            Argon2::default().verify_password(b"pass123", &parsed),
            Err(HashError::PasswordInvalid)
        );
        assert!(!verify_password(&phc, "pass123").unwrap());
    }

    #[test]
    fn same_salt_same_hash() {
        let params = Argon2Params::cheap_for_tests();
        let a = hash_password(&params, &[1u8; SALT_LEN], "pw").unwrap();
        let b = hash_password(&params, &[1u8; SALT_LEN], "pw").unwrap();
        let c = hash_password(&params, &[2u8; SALT_LEN], "pw").unwrap();
        assert_eq!(a, b);
        assert_ne!(a, c);
    }

    #[test]
    fn threads_asking_for_one_hash_at_once_compute_it_once() {
        use crate::cognito::Work;
        let params = Argon2Params::default();
        let salt = [0xc4u8; SALT_LEN];
        let start = std::sync::Barrier::new(2);
        let runs: Vec<(String, u64)> = std::thread::scope(|scope| {
            let hashers: Vec<_> = (0..2)
                .map(|_| {
                    scope.spawn(|| {
                        start.wait();
                        let before = Work::on_this_thread();
                        let phc = hash_password(&params, &salt, "same-password").unwrap();
                        (phc, Work::on_this_thread().since(before).argon2)
                    })
                })
                .collect();
            hashers.into_iter().map(|h| h.join().unwrap()).collect()
        });
        assert_eq!(runs[0].0, runs[1].0);
        assert_eq!(runs[0].1 + runs[1].1, 1, "{runs:?}");
    }

    #[test]
    fn dummy_hash_parses_and_matches_nothing() {
        let params = Argon2Params::cheap_for_tests();
        let phc = dummy_phc(&params, &mut stream_rng(1, stream::DUMMY));
        assert!(phc.starts_with("$argon2id$v=19$m=8,t=1,p=1$"));
        assert!(!verify_password(&phc, "").unwrap());
        assert!(!verify_password(&phc, "anything").unwrap());
    }

    #[test]
    fn bad_inputs_are_errors_not_panics() {
        assert!(verify_password("not a phc string", "pw").is_err());
        let bad = Argon2Params {
            m_cost_kib: 1,
            t_cost: 0,
            p_cost: 0,
        };
        assert!(hash_password(&bad, &[0u8; SALT_LEN], "pw").is_err());
    }
}
