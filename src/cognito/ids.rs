//! Identifiers, codes and opaque strings, all drawn from seeded RNGs.
//!
//! Each concern gets its own stream derived from the pool's seed ([`derive_seed`]), so the pool
//! id does not change when a lesson adds a user, and the keys do not depend on thread timing.

use base64::Engine as _;
use base64::engine::general_purpose::{STANDARD, URL_SAFE_NO_PAD};
use rand::rngs::StdRng;
use rand::{Rng, RngExt, SeedableRng};

/// Stream labels for [`derive_seed`].
pub(crate) mod stream {
    /// Pool id and client id.
    pub const IDS: u64 = 1;
    /// Everything the pool draws while it runs (subs, salts, codes, jtis, sessions).
    pub const MAIN: u64 = 2;
    /// The two RSA keys.
    pub const KEYS: u64 = 3;
    /// The dummy hash used for unknown users.
    pub const DUMMY: u64 = 4;
    /// SRP: salts of verifiers, Cognito's secret b, SECRET_BLOCKs. Its own stream, so SRP
    /// values never move any other seeded value.
    pub const SRP: u64 = 5;
    /// The key from which simulated SRP challenges for unknown users are derived.
    pub const SRP_SIMULATION: u64 = 6;
    /// Ids of the sign-in history (AdminListUserAuthEvents).
    pub const HISTORY: u64 = 10;
    /// The hosted UI: authorization codes, CSRF tokens, client-credentials token ids.
    pub const OAUTH: u64 = 11;
}

/// A seed for one stream, mixed with splitmix64 so neighbouring seeds give unrelated streams.
pub(crate) fn derive_seed(seed: u64, stream: u64) -> u64 {
    let mut z = seed ^ stream.wrapping_mul(0x9E37_79B9_7F4A_7C15);
    z = z.wrapping_add(0x9E37_79B9_7F4A_7C15);
    z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
    z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
    z ^ (z >> 31)
}

/// The pool's running randomness: one fresh `StdRng` per draw, seeded from (stream seed, draw
/// number). rand 0.10's `StdRng` is deliberately not `Clone`; this is, so a pool can be forked
/// (e.g. to try a variant from the middle of a lesson) and both copies continue identically.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Draws {
    seed: u64,
    count: u64,
}

impl Draws {
    /// The draws of `stream` for a pool seeded with `seed`.
    pub fn new(seed: u64, stream: u64) -> Self {
        Self {
            seed: derive_seed(seed, stream),
            count: 0,
        }
    }

    /// The RNG for the next draw.
    pub fn next(&mut self) -> StdRng {
        self.count += 1;
        StdRng::seed_from_u64(derive_seed(self.seed, self.count))
    }
}

/// A seeded RNG for one stream.
pub(crate) fn stream_rng(seed: u64, stream: u64) -> StdRng {
    StdRng::seed_from_u64(derive_seed(seed, stream))
}

const ALNUM: &[u8] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
const LOWER_ALNUM: &[u8] = b"abcdefghijklmnopqrstuvwxyz0123456789";

fn pick(rng: &mut StdRng, alphabet: &[u8], len: usize) -> String {
    (0..len)
        .map(|_| char::from(alphabet[rng.random_range(0..alphabet.len())]))
        .collect()
}

/// A pool id in Cognito's shape: `us-east-1_AbC123xyz`.
pub(crate) fn pool_id(rng: &mut StdRng, region: &str) -> String {
    format!("{region}_{}", pick(rng, ALNUM, 9))
}

/// An app client id in Cognito's shape: 26 lowercase alphanumerics.
pub(crate) fn client_id(rng: &mut StdRng) -> String {
    pick(rng, LOWER_ALNUM, 26)
}

/// A version-4 UUID (`sub`, `jti`, `event_id`), formatted 8-4-4-4-12.
pub(crate) fn uuid_v4(rng: &mut StdRng) -> String {
    let mut b = [0u8; 16];
    rng.fill_bytes(&mut b);
    uuid_from(b)
}

/// The version-4 UUID made of 16 given bytes (their version and variant bits set).
pub(crate) fn uuid_from(mut b: [u8; 16]) -> String {
    b[6] = (b[6] & 0x0f) | 0x40;
    b[8] = (b[8] & 0x3f) | 0x80;
    let hex: String = b.iter().map(|x| format!("{x:02x}")).collect();
    format!(
        "{}-{}-{}-{}-{}",
        &hex[0..8],
        &hex[8..12],
        &hex[12..16],
        &hex[16..20],
        &hex[20..32]
    )
}

/// A 6-digit code as Cognito emails it (leading zeros kept).
pub(crate) fn six_digits(rng: &mut StdRng) -> String {
    format!("{:06}", rng.random_range(0..1_000_000u32))
}

/// `n` random bytes.
pub(crate) fn bytes(rng: &mut StdRng, n: usize) -> Vec<u8> {
    let mut v = vec![0u8; n];
    rng.fill_bytes(&mut v);
    v
}

/// base64url without padding, as JWTs use.
pub(crate) fn b64url(bytes: &[u8]) -> String {
    URL_SAFE_NO_PAD.encode(bytes)
}

/// A challenge `Session`: opaque, long, base64 like Cognito's (which starts `AYAB`).
pub(crate) fn session(rng: &mut StdRng) -> String {
    format!("AYAB{}", STANDARD.encode(bytes(rng, 192)))
}

/// A refresh token: Cognito's is a JWE (five dot-separated parts, RSA-OAEP + A256GCM) that
/// nobody outside Cognito can read. This one has the same header and shape; the other four
/// parts are random bytes, and the pool maps the whole string to its session.
pub(crate) fn refresh_token(rng: &mut StdRng) -> String {
    let header = b64url(br#"{"cty":"JWT","enc":"A256GCM","alg":"RSA-OAEP"}"#);
    let key = b64url(&bytes(rng, 256));
    let iv = b64url(&bytes(rng, 12));
    let ciphertext = b64url(&bytes(rng, 480));
    let tag = b64url(&bytes(rng, 16));
    format!("{header}.{key}.{iv}.{ciphertext}.{tag}")
}

/// A temporary password that meets Cognito's default policy (and so any weaker one):
/// 12 characters with at least one of each class.
pub(crate) fn temporary_password(rng: &mut StdRng) -> String {
    const UPPER: &[u8] = b"ABCDEFGHJKLMNPQRSTUVWXYZ";
    const LOWER: &[u8] = b"abcdefghijkmnopqrstuvwxyz";
    const DIGITS: &[u8] = b"23456789";
    const SYMBOLS: &[u8] = b"!#%&*+-=?@^_~";
    let classes = [UPPER, LOWER, DIGITS, SYMBOLS];
    let mut chars: Vec<u8> = classes
        .iter()
        .map(|class| class[rng.random_range(0..class.len())])
        .collect();
    while chars.len() < 12 {
        let class = classes[rng.random_range(0..classes.len())];
        chars.push(class[rng.random_range(0..class.len())]);
    }
    // Fisher–Yates, so the guaranteed classes are not always in front.
    for i in (1..chars.len()).rev() {
        let j = rng.random_range(0..=i);
        chars.swap(i, j);
    }
    chars.into_iter().map(char::from).collect()
}

/// A rand 0.10 RNG seen as a rand_core 0.6 RNG, which is what `rsa` 0.9 wants
/// (the two generations' traits do not mix; see crates.md §2).
pub(crate) struct Rng06<R>(pub R);

impl<R: Rng> rsa::rand_core::RngCore for Rng06<R> {
    fn next_u32(&mut self) -> u32 {
        self.0.next_u32()
    }
    fn next_u64(&mut self) -> u64 {
        self.0.next_u64()
    }
    fn fill_bytes(&mut self, dest: &mut [u8]) {
        self.0.fill_bytes(dest);
    }
    fn try_fill_bytes(&mut self, dest: &mut [u8]) -> Result<(), rsa::rand_core::Error> {
        self.0.fill_bytes(dest);
        Ok(())
    }
}

impl<R: rand::CryptoRng> rsa::rand_core::CryptoRng for Rng06<R> {}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shapes_match_cognitos() {
        let mut rng = stream_rng(7, stream::IDS);
        let pool = pool_id(&mut rng, "eu-west-2");
        let (region, rest) = pool.split_once('_').unwrap();
        assert_eq!(region, "eu-west-2");
        assert_eq!(rest.len(), 9);
        assert!(rest.chars().all(|c| c.is_ascii_alphanumeric()));

        let client = client_id(&mut rng);
        assert_eq!(client.len(), 26);
        assert!(
            client
                .chars()
                .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit())
        );

        let id = uuid_v4(&mut rng);
        let parts: Vec<&str> = id.split('-').collect();
        assert_eq!(
            parts.iter().map(|p| p.len()).collect::<Vec<_>>(),
            [8, 4, 4, 4, 12]
        );
        assert!(parts[2].starts_with('4'));
        assert!(matches!(
            parts[3].chars().next(),
            Some('8' | '9' | 'a' | 'b')
        ));

        let code = six_digits(&mut rng);
        assert_eq!(code.len(), 6);
        assert!(code.chars().all(|c| c.is_ascii_digit()));

        assert_eq!(refresh_token(&mut rng).split('.').count(), 5);
    }

    #[test]
    fn same_seed_same_values_and_streams_differ() {
        let a = uuid_v4(&mut stream_rng(1, stream::MAIN));
        let b = uuid_v4(&mut stream_rng(1, stream::MAIN));
        let c = uuid_v4(&mut stream_rng(1, stream::IDS));
        let d = uuid_v4(&mut stream_rng(2, stream::MAIN));
        assert_eq!(a, b);
        assert_ne!(a, c);
        assert_ne!(a, d);
    }

    #[test]
    fn temporary_passwords_meet_the_default_policy() {
        let policy = crate::cognito::PasswordPolicy::default();
        let mut rng = stream_rng(3, stream::MAIN);
        for _ in 0..200 {
            let pw = temporary_password(&mut rng);
            assert!(policy.check(&pw).is_ok(), "{pw}");
        }
    }
}
