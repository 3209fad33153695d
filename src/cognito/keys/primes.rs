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
//!
//! Before that round, a candidate is divided by the odd primes from 59 to [`SIEVE_LIMIT`]: one
//! with such a factor is composite, so `probably_prime` would refuse it too (Miller-Rabin and
//! Lucas both reject a number with a small factor), and half the candidates are refused for a
//! few microseconds instead of a 1024-bit modular power each.

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

/// The sieve's last prime: below it, dividing costs far less than the Miller-Rabin round it saves.
const SIEVE_LIMIT: u32 = 4096;

/// The odd primes from 59 (past `SMALL_PRIMES`) to [`SIEVE_LIMIT`], in groups whose product
/// fits a u32, so a candidate's remainder by a group's product takes one pass of u64 divisions.
static SIEVE: std::sync::LazyLock<Vec<(u64, Vec<u64>)>> = std::sync::LazyLock::new(|| {
    let limit = SIEVE_LIMIT as usize;
    let mut composite = vec![false; limit + 1];
    let mut groups: Vec<(u64, Vec<u64>)> = Vec::new();
    for n in 2..=limit {
        if composite[n] {
            continue;
        }
        for multiple in (n * n..=limit).step_by(n) {
            composite[multiple] = true;
        }
        let prime = n as u64;
        if prime < 59 {
            continue;
        }
        match groups.last_mut() {
            Some((product, members)) if *product * prime <= u64::from(u32::MAX) => {
                *product *= prime;
                members.push(prime);
            }
            _ => groups.push((prime, vec![prime])),
        }
    }
    groups
});

/// Whether `p` has a factor in [`SIEVE`].
fn has_small_factor(p: &BigUint) -> bool {
    let mut bytes = p.to_bytes_be();
    // Whole u32 digits from the top: pad the front to a multiple of 4 bytes.
    let pad = (4 - bytes.len() % 4) % 4;
    bytes.splice(0..0, std::iter::repeat_n(0, pad));
    SIEVE.iter().any(|(product, primes)| {
        let rem = bytes.chunks_exact(4).fold(0u64, |rem, digit| {
            let digit = u32::from_be_bytes([digit[0], digit[1], digit[2], digit[3]]);
            (rem << 32 | u64::from(digit)) % product
        });
        primes.iter().any(|prime| rem % prime == 0)
    })
}

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
    (p.bits() == 1024 && !has_small_factor(&p) && probably_prime(&p, 20)).then_some(p)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_sieve_holds_the_primes_from_59_and_finds_their_multiples() {
        let primes: Vec<u64> = SIEVE.iter().flat_map(|(_, p)| p.iter().copied()).collect();
        assert_eq!(&primes[..4], &[59, 61, 67, 71]);
        assert_eq!(primes.last(), Some(&4093));
        // π(4096) = 564 primes, of which 2 and the 15 of SMALL_PRIMES are not sieved here.
        assert_eq!(primes.len(), 564 - 16);
        for (product, members) in SIEVE.iter() {
            assert_eq!(*product, members.iter().product::<u64>());
            assert!(*product <= u64::from(u32::MAX));
        }
        let big = (BigUint::from(1u32) << 1000usize) + BigUint::from(1u32);
        let times = |q: u64| &big * BigUint::from(q);
        assert!(has_small_factor(&times(59)));
        assert!(has_small_factor(&times(4093)));
        assert!(!has_small_factor(&BigUint::from(4099u32 * 4111)));
        assert!(!has_small_factor(&BigUint::from(4099u32)));
    }

    #[test]
    fn the_sieve_refuses_only_what_probably_prime_refuses_and_half_the_candidates() {
        let mut rng = ids::stream_rng(7, stream::KEYS);
        let (mut sieved, mut primes, mut tried) = (0, 0, 0);
        while primes < 3 {
            let mut bytes = [0u8; CANDIDATE];
            rng.fill_bytes(&mut bytes);
            bytes[0] |= 0xC0;
            bytes[CANDIDATE - 1] |= 1;
            let p = BigUint::from_bytes_be(&bytes);
            let prime = probably_prime(&p, 20);
            if has_small_factor(&p) {
                assert!(!prime, "{p}");
                sieved += 1;
            }
            primes += usize::from(prime);
            tried += 1;
        }
        // Odd numbers with a factor from 59 to 4096 among those with none up to 53: about half
        // (1 - ln 53 / ln 4096 by Mertens), here among all odd candidates.
        assert!(sieved * 5 > tried, "{sieved} of {tried}");
    }
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
