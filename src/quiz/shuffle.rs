//! Seeded choice orders.
//!
//! The permutation is derived from the seed *and* the question's id, so every question gets its
//! own order and adding a question does not reshuffle the others. RNG algorithms can change
//! between library versions (openedx-platform#1499 lost class-wide orders that way), which is
//! why the permutation itself is recorded with every attempt, not just the seed.

use rand::SeedableRng;
use rand::rngs::StdRng;
use rand::seq::SliceRandom;

/// The shown order of `count` choices for question `question_id` under `seed`:
/// `order[shown] = original`. The same inputs always give the same order.
#[must_use]
pub fn permutation(seed: u64, question_id: &str, count: usize) -> Vec<usize> {
    let mut order: Vec<usize> = (0..count).collect();
    let mut rng = StdRng::seed_from_u64(seed ^ fnv1a(question_id.as_bytes()));
    order.shuffle(&mut rng);
    order
}

/// FNV-1a, 64-bit: a fixed, documented hash (std's `DefaultHasher` may change between Rust
/// releases, which would silently change every class's order).
fn fnv1a(bytes: &[u8]) -> u64 {
    const OFFSET: u64 = 0xcbf2_9ce4_8422_2325;
    const PRIME: u64 = 0x0000_0100_0000_01b3;
    bytes
        .iter()
        .fold(OFFSET, |h, &b| (h ^ u64::from(b)).wrapping_mul(PRIME))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn is_a_stable_permutation() {
        for seed in 0..50 {
            let order = permutation(seed, "q1", 4);
            let mut sorted = order.clone();
            sorted.sort_unstable();
            assert_eq!(sorted, vec![0, 1, 2, 3], "seed {seed}");
            assert_eq!(order, permutation(seed, "q1", 4), "seed {seed} is stable");
        }
    }

    #[test]
    fn differs_by_seed_and_question() {
        let by_seed: std::collections::BTreeSet<Vec<usize>> =
            (0..40).map(|s| permutation(s, "q1", 4)).collect();
        assert!(
            by_seed.len() > 10,
            "40 seeds gave only {} orders",
            by_seed.len()
        );
        let by_question: std::collections::BTreeSet<Vec<usize>> = (0..40)
            .map(|q| permutation(7, &format!("q{q}"), 4))
            .collect();
        assert!(by_question.len() > 10);
    }

    #[test]
    fn fnv1a_matches_the_reference_values() {
        // Published FNV-1a 64 test vectors.
        assert_eq!(fnv1a(b""), 0xcbf2_9ce4_8422_2325);
        assert_eq!(fnv1a(b"a"), 0xaf63_dc4c_8601_ec8c);
        assert_eq!(fnv1a(b"foobar"), 0x8594_4171_f739_67e8);
    }

    #[test]
    fn tiny_lists() {
        assert_eq!(permutation(1, "q", 0), Vec::<usize>::new());
        assert_eq!(permutation(1, "q", 1), vec![0]);
    }
}
