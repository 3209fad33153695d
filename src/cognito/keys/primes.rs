//! RSA-2048 key generation as `rsa` 0.9's `RsaPrivateKey::new(rng, 2048)` does it, the same
//! keys from the same RNG, with the prime search on two threads at once.
//!
//! `rsa` finds each 1024-bit prime by drawing 128 random bytes (`num-bigint-dig`'s
//! `gen_prime`), shaping them into an odd candidate with its top two bits set, stepping it past
//! small factors, and testing it (`probably_prime(p, 20)`: Miller-Rabin seeded by the candidate
//! itself, then Lucas); the first candidate that passes is the prime. A key is the first two
//! primes (drawn again if they are equal or e = 65537 has no inverse mod (p-1)(q-1)), and the
//! pool's two keys come one after the other from one stream. So the candidates are one sequence
//! of 128-byte draws, and which of them become primes depends on nothing but their own bytes:
//! here the draws are made in that order, tested by two threads as they come, and consumed in
//! that order, so the primes, the keys and the stream are those of the one-thread search
//! (a test compares the two). Nearly all candidates fail at their first Miller-Rabin round; the
//! two threads share those, so a key costs about half the wall time on two cores.

use std::collections::BTreeMap;
use std::sync::{Condvar, Mutex, PoisonError};
use std::time::{Duration, Instant};

use num_bigint_dig::prime::probably_prime;
use num_bigint_dig::{BigUint, ModInverse};
use rand::Rng;
use rsa::RsaPrivateKey;

/// `RsaPrivateKey::new`'s public exponent.
const EXP: u64 = 65537;

/// Bytes of one candidate: 1024 bits.
const CANDIDATE: usize = 128;

/// `num-bigint-dig`'s small primes, whose product fits a u64.
const SMALL_PRIMES: [u64; 15] = [3, 5, 7, 11, 13, 17, 19, 23, 29, 31, 37, 41, 43, 47, 53];
const SMALL_PRIMES_PRODUCT: u64 = 16_294_579_238_595_022_365;

/// `count` RSA-2048 keys drawn from `rng` one after another, each with the time from the start
/// of its search to its end: what `count` calls of `RsaPrivateKey::new(rng, 2048)` give.
pub(super) fn generate(
    rng: &mut (impl Rng + Send),
    count: usize,
) -> Vec<(Result<RsaPrivateKey, rsa::Error>, Duration)> {
    let search = Search {
        state: Mutex::new(State {
            rng,
            drawn: 0,
            tested: BTreeMap::new(),
            done: false,
        }),
        tested: Condvar::new(),
    };
    let workers = std::thread::available_parallelism()
        .map_or(1, std::num::NonZero::get)
        .clamp(1, 2);
    std::thread::scope(|scope| {
        for _ in 0..workers {
            scope.spawn(|| search.work());
        }
        let mut next = 0;
        let keys = (0..count)
            .map(|_| {
                let start = Instant::now();
                (search.key(&mut next), start.elapsed())
            })
            .collect();
        search.stop();
        keys
    })
}

struct Search<'r, R> {
    state: Mutex<State<'r, R>>,
    /// Signalled whenever a candidate's test ends.
    tested: Condvar,
}

struct State<'r, R> {
    rng: &'r mut R,
    /// Candidates drawn so far (in the stream's order).
    drawn: usize,
    /// Each tested candidate not yet consumed: its prime, or `None`.
    tested: BTreeMap<usize, Option<BigUint>>,
    done: bool,
}

impl<'r, R: Rng + Send> Search<'r, R> {
    /// A worker: draws the next candidate and tests it, until the search is stopped.
    fn work(&self) {
        loop {
            let (index, bytes) = {
                let mut state = self.lock();
                if state.done {
                    return;
                }
                let mut bytes = [0u8; CANDIDATE];
                state.rng.fill_bytes(&mut bytes);
                state.drawn += 1;
                (state.drawn - 1, bytes)
            };
            let prime = test(bytes);
            self.lock().tested.insert(index, prime);
            self.tested.notify_all();
        }
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, State<'r, R>> {
        self.state.lock().unwrap_or_else(PoisonError::into_inner)
    }

    fn stop(&self) {
        self.lock().done = true;
    }

    /// The next prime of the stream, from candidate `next` on (`gen_prime(1024)`).
    fn prime(&self, next: &mut usize) -> BigUint {
        let mut state = self.lock();
        loop {
            if let Some(found) = state.tested.remove(next) {
                *next += 1;
                if let Some(prime) = found {
                    return prime;
                }
                continue;
            }
            state = self
                .tested
                .wait(state)
                .unwrap_or_else(PoisonError::into_inner);
        }
    }

    /// The next key of the stream: `generate_multi_prime_key_with_exp(rng, 2, 2048, 65537)`
    /// and `RsaPrivateKey::from_components`, as `RsaPrivateKey::new` runs them.
    fn key(&self, next: &mut usize) -> Result<RsaPrivateKey, rsa::Error> {
        let e = BigUint::from(EXP);
        loop {
            let p = self.prime(next);
            let q = self.prime(next);
            if p == q {
                continue;
            }
            let n = &p * &q;
            if n.bits() != 2048 {
                continue;
            }
            let one = BigUint::from(1u32);
            let totient = (&p - &one) * (&q - &one);
            let Some(d) = e.clone().mod_inverse(totient).and_then(|d| d.to_biguint()) else {
                continue;
            };
            return RsaPrivateKey::from_components(n, e, d, vec![p, q]);
        }
    }
}

/// The prime candidate `bytes` make, if it is one: `gen_prime(1024)`'s shaping, small-factor
/// step and test of one draw.
fn test(mut bytes: [u8; CANDIDATE]) -> Option<BigUint> {
    // 1024 bits: the first byte keeps all 8, then its top two bits are set.
    bytes[0] |= 0xC0;
    bytes[CANDIDATE - 1] |= 1;
    let mut p = BigUint::from_bytes_be(&bytes);
    let rem = bytes.iter().fold(0u64, |rem, &byte| {
        let wide = (u128::from(rem) << 8 | u128::from(byte)) % u128::from(SMALL_PRIMES_PRODUCT);
        u64::try_from(wide).unwrap_or_default()
    });
    let delta = (0..1u64 << 20)
        .step_by(2)
        .find(|delta| SMALL_PRIMES.iter().all(|prime| (rem + delta) % prime != 0))?;
    if delta > 0 {
        p += BigUint::from(delta);
    }
    (p.bits() == 1024 && probably_prime(&p, 20)).then_some(p)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::cognito::ids::{self, Rng06, stream};
    use rsa::traits::{PrivateKeyParts, PublicKeyParts};

    #[test]
    fn the_keys_are_rsas_own_for_the_same_stream() {
        for seed in [1, 4243] {
            let mut rng = ids::stream_rng(seed, stream::KEYS);
            let one_thread: Vec<RsaPrivateKey> = (0..2)
                .map(|_| RsaPrivateKey::new(&mut Rng06(&mut rng), 2048).unwrap())
                .collect();
            let mut rng = ids::stream_rng(seed, stream::KEYS);
            let two_threads = generate(&mut rng, 2);
            assert_eq!(two_threads.len(), 2);
            for (ours, theirs) in two_threads.iter().zip(&one_thread) {
                let ours = ours.0.as_ref().unwrap();
                assert_eq!(ours.n(), theirs.n(), "seed {seed}");
                assert_eq!(ours.e(), theirs.e());
                assert_eq!(ours.d(), theirs.d());
                assert_eq!(ours.primes(), theirs.primes());
                assert_eq!(ours, theirs);
            }
        }
    }
}
