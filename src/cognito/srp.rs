//! SRP-6a as Cognito's USER_SRP_AUTH runs it (`reference/srp.md`): the numbers, nothing else.
//!
//! ```text
//!  password set   s = 16 random bytes     x = H(pad(s) ‖ H(poolShort ‖ user ‖ ":" ‖ password))
//!                 v = g^x                 Cognito keeps (s, v); x and the password are gone
//!  device         a random                A = g^a                            ── SRP_A ──────────▶
//!  Cognito        b random                B = k·v + g^b          ◀── SALT, SRP_B, SECRET_BLOCK ──
//!  both           u = H(pad(A) ‖ pad(B))
//!  device         S = (B − k·g^x)^(a + u·x)        Cognito   S = (A·v^u)^b      (the same number)
//!  both           K = HKDF-SHA256(salt = pad(u), ikm = pad(S), "Caldera Derived Key")[..16]
//!  device         signature = HMAC-SHA256(K, poolShort ‖ user ‖ SECRET_BLOCK ‖ TIMESTAMP) ──▶
//!  Cognito        recomputes the signature with its own K and compares (constant time)
//! ```
//!
//! Everything is mod N, the 3072-bit prime of RFC 3526 §4 / RFC 5054 Appendix A, with g = 2 and
//! H = SHA-256 over bytes. Integers are hashed as [`pad`] gives them (big-endian, a leading zero
//! byte when the top bit is set), never as sliced hex. Big integers are `rsa`'s `BigUint`
//! (num-bigint-dig, already in the graph for RSA) and HKDF is RustCrypto's `hkdf`: no
//! hand-written bignum arithmetic. Both sides live here because the lesson plays the device
//! too; the tests check both against the published vectors and an independent client.

mod device;
mod timestamp;

use std::collections::BTreeMap;
use std::sync::{LazyLock, Mutex, PoisonError};
use std::time::{Duration, Instant};

use base64::Engine as _;
use base64::engine::general_purpose::STANDARD;
use hkdf::Hkdf;
use hmac::{Hmac, Mac};
use rsa::BigUint;
use sha2::{Digest, Sha256};

pub use device::{Device, Proof};
pub use timestamp::{TIMESTAMP_PATTERN, Timestamp, format_timestamp, parse_timestamp};

/// N in hex: the 3072-bit MODP prime (RFC 3526 §4), as `N_HEX` in pycognito and `initN` in
/// amazon-cognito-identity-js.
const N_HEX: &str = concat!(
    "FFFFFFFFFFFFFFFFC90FDAA22168C234C4C6628B80DC1CD129024E088A67CC74020BBEA63B139B22514A08798E3404DD",
    "EF9519B3CD3A431B302B0A6DF25F14374FE1356D6D51C245E485B576625E7EC6F44C42E9A637ED6B0BFF5CB6F406B7ED",
    "EE386BFB5A899FA5AE9F24117C4B1FE649286651ECE45B3DC2007CB8A163BF0598DA48361C55D39A69163FA8FD24CF5F",
    "83655D23DCA3AD961C62F356208552BB9ED529077096966D670C354E4ABC9804F1746C08CA18217C32905E462E36CE3B",
    "E39E772C180E86039B2783A2EC07A28FB5C55DF06F4C52C9DE2BCBF6955817183995497CEA956AE515D2261898FA0510",
    "15728E5A8AAAC42DAD33170D04507A33A85521ABDF1CBA64ECFB850458DBEF0A8AEA71575D060C7DB3970F85A6E1E4C7",
    "ABF5AE8CDB0933D71E8C94E04A25619DCEE3D2261AD2EE6BF12FFA06D98A0864D87602733EC86A64521F2B18177B200C",
    "BBE117577A615D6C770988C0BAD946E208E24FA074E5AB3143DB5BFCE0FD108E4B82D120A93AD2CAFFFFFFFFFFFFFFFF",
);

/// Bytes of salt drawn for a verifier (Cognito's SALT is 16 bytes).
pub const SALT_LEN: usize = 16;

/// The HKDF `info` both clients use.
const INFO: &[u8] = b"Caldera Derived Key";

/// The most hex digits an `SRP_A` may have: N has 768, so anything longer is not a client's A.
/// Refusing it before any arithmetic keeps a huge number from costing a huge modpow.
pub const MAX_PUBLIC_HEX: usize = 1024;

struct Group {
    n: BigUint,
    g: BigUint,
    k: BigUint,
}

static GROUP: LazyLock<Group> = LazyLock::new(|| {
    // N_HEX is a constant; the tests check the parsed value bit for bit.
    let n = BigUint::parse_bytes(N_HEX.as_bytes(), 16).unwrap_or_default();
    let g = BigUint::from(2u32);
    let k = hash_int(&[&pad(&n), &pad(&g)]);
    Group { n, g, k }
});

/// The modulus N.
#[must_use]
pub fn n() -> &'static BigUint {
    &GROUP.n
}

/// The generator g = 2.
#[must_use]
pub fn g() -> &'static BigUint {
    &GROUP.g
}

/// The multiplier k = H(pad(N) ‖ pad(g)) = H(00 ‖ N ‖ 02). Not RFC 5054's PAD-to-length(N)
/// form: g is padded like every other integer here.
#[must_use]
pub fn k() -> &'static BigUint {
    &GROUP.k
}

/// Big-endian bytes of `n` with the fewest bytes, plus a leading `00` when the top bit of the
/// first is set: Java's `BigInteger.toByteArray()`, identity-js `padHex`, pycognito `pad_hex`.
#[must_use]
pub fn pad(n: &BigUint) -> Vec<u8> {
    let mut bytes = n.to_bytes_be();
    if bytes.first().is_some_and(|b| b & 0x80 != 0) {
        bytes.insert(0, 0);
    }
    bytes
}

/// Lowercase hex without leading zeros, as Cognito sends SALT and SRP_B.
#[must_use]
pub fn to_hex(n: &BigUint) -> String {
    n.to_str_radix(16)
}

/// An integer from hex in either case; `None` for an empty string or any non-hex character
/// (no sign, no underscores, no spaces).
#[must_use]
pub fn from_hex(text: &str) -> Option<BigUint> {
    if text.is_empty() || !text.bytes().all(|b| b.is_ascii_hexdigit()) {
        return None;
    }
    BigUint::parse_bytes(text.as_bytes(), 16)
}

/// Each `base^exp mod N` computed in this process (verifiers, B, both sides' S), by a SHA-256
/// of (base, exp), with the time computing it took. They are pure functions of numbers a
/// lesson's paths draw alike (the same user's salt, the same b and a at the same step), and the
/// device's g^x is the verifier's: `cogflow check` runs every path, so each is computed once in
/// the process and kept with its first real time, the cost a learner is shown
/// ([`super::cost::replayed`]; `Device`'s A is kept the same way). Bounded: a long session
/// draws new numbers.
static POWERS: Mutex<BTreeMap<[u8; 32], (BigUint, Duration)>> = Mutex::new(BTreeMap::new());
const POWERS_MAX: usize = 256;

/// `base^exp mod N`, kept ([`POWERS`]).
fn pow_mod_n(base: &BigUint, exp: &BigUint) -> BigUint {
    let key = {
        let mut hasher = Sha256::new();
        for part in [base.to_bytes_be(), exp.to_bytes_be()] {
            hasher.update((part.len() as u64).to_le_bytes());
            hasher.update(&part);
        }
        let key: [u8; 32] = hasher.finalize().into();
        key
    };
    let kept = POWERS
        .lock()
        .unwrap_or_else(PoisonError::into_inner)
        .get(&key)
        .cloned();
    if let Some((power, took)) = kept {
        super::cost::replayed(took);
        return power;
    }
    let start = Instant::now();
    let power = base.modpow(exp, n());
    let took = start.elapsed();
    let mut kept = POWERS.lock().unwrap_or_else(PoisonError::into_inner);
    if kept.len() >= POWERS_MAX {
        kept.clear();
    }
    kept.insert(key, (power.clone(), took));
    power
}

/// SHA-256 over the concatenated parts.
fn hash(parts: &[&[u8]]) -> [u8; 32] {
    let mut hasher = Sha256::new();
    for part in parts {
        hasher.update(part);
    }
    hasher.finalize().into()
}

fn hash_int(parts: &[&[u8]]) -> BigUint {
    BigUint::from_bytes_be(&hash(parts))
}

/// `us-east-1_AbCdEf123` → `AbCdEf123`: the part of the pool id the maths uses.
#[must_use]
pub fn pool_short(pool_id: &str) -> &str {
    pool_id.split_once('_').map_or(pool_id, |(_, short)| short)
}

/// H(poolShort ‖ userIdForSrp ‖ ":" ‖ password): the inner hash of x.
#[must_use]
pub fn identity_hash(pool_short: &str, user_id: &str, password: &str) -> [u8; 32] {
    hash(&[format!("{pool_short}{user_id}:{password}").as_bytes()])
}

/// x = H(pad(s) ‖ identity hash), read as an unsigned integer: the password turned into an
/// exponent. Only the device ever computes it at sign-in.
#[must_use]
pub fn private_key(salt: &BigUint, identity: &[u8; 32]) -> BigUint {
    hash_int(&[&pad(salt), identity])
}

/// What Cognito keeps for SRP when a password is set: the salt and v = g^x mod N. Neither
/// gives the password back; v only lets Cognito check a proof made with it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Verifier {
    /// s, 16 random bytes as an integer (sent as `SALT`).
    pub salt: BigUint,
    /// v = g^x mod N.
    pub verifier: BigUint,
}

impl Verifier {
    /// The verifier for `password` of `user_id` in the pool `pool_short`, with `salt` (the
    /// 16 random bytes drawn when the password was set).
    #[must_use]
    pub fn compute(pool_short: &str, user_id: &str, password: &str, salt: &[u8]) -> Self {
        let salt = BigUint::from_bytes_be(salt);
        let x = private_key(&salt, &identity_hash(pool_short, user_id, password));
        Self {
            verifier: pow_mod_n(g(), &x),
            salt,
        }
    }
}

/// The device's A = g^a mod N.
#[must_use]
pub fn client_public(a: &BigUint) -> BigUint {
    g().modpow(a, n())
}

/// Cognito's B = (k·v + g^b) mod N.
#[must_use]
pub fn server_public(verifier: &BigUint, b: &BigUint) -> BigUint {
    (k() * verifier + pow_mod_n(g(), b)) % n()
}

/// u = H(pad(A) ‖ pad(B)): ties the session to both public values.
#[must_use]
pub fn scrambler(a_pub: &BigUint, b_pub: &BigUint) -> BigUint {
    hash_int(&[&pad(a_pub), &pad(b_pub)])
}

/// Cognito's S = (A·v^u)^b mod N.
#[must_use]
pub fn server_premaster(a_pub: &BigUint, verifier: &BigUint, u: &BigUint, b: &BigUint) -> BigUint {
    pow_mod_n(&((a_pub * pow_mod_n(verifier, u)) % n()), b)
}

/// The device's S = (B − k·g^x)^(a + u·x) mod N. The base is reduced mod N first, since
/// B − k·g^x can be negative (and `BigUint` cannot).
#[must_use]
pub fn client_premaster(b_pub: &BigUint, x: &BigUint, a: &BigUint, u: &BigUint) -> BigUint {
    let n = n();
    let kgx = (k() * pow_mod_n(g(), x)) % n;
    let base = (b_pub % n + n - kgx) % n;
    pow_mod_n(&base, &(a + u * x))
}

/// K = HKDF-SHA256(salt = pad(u), ikm = pad(S), info = "Caldera Derived Key"), 16 bytes:
/// `HMAC(HMAC(pad(u), pad(S)), info ‖ 01)[..16]`.
#[must_use]
pub fn session_key(u: &BigUint, premaster: &BigUint) -> [u8; 16] {
    let mut key = [0u8; 16];
    // HKDF-SHA256 can expand up to 255 × 32 bytes, so 16 cannot fail.
    if Hkdf::<Sha256>::new(Some(&pad(u)), &pad(premaster))
        .expand(INFO, &mut key)
        .is_err()
    {
        key = [0; 16];
    }
    key
}

/// The message the device signs: poolShort ‖ userIdForSrp ‖ SECRET_BLOCK bytes ‖ TIMESTAMP.
#[must_use]
pub fn claim_message(
    pool_short: &str,
    user_id: &str,
    secret_block: &[u8],
    timestamp: &str,
) -> Vec<u8> {
    [
        pool_short.as_bytes(),
        user_id.as_bytes(),
        secret_block,
        timestamp.as_bytes(),
    ]
    .concat()
}

fn mac(key: &[u8; 16], message: &[u8]) -> Option<Hmac<Sha256>> {
    // HMAC accepts keys of any length, so this cannot fail.
    let mut mac = Hmac::<Sha256>::new_from_slice(key).ok()?;
    mac.update(message);
    Some(mac)
}

/// `PASSWORD_CLAIM_SIGNATURE`: base64 (standard alphabet, padded: 44 characters) of
/// HMAC-SHA256(K, message).
#[must_use]
pub fn claim_signature(key: &[u8; 16], message: &[u8]) -> String {
    mac(key, message).map_or_else(String::new, |m| STANDARD.encode(m.finalize().into_bytes()))
}

/// `true` when `received` is the base64 of HMAC-SHA256(K, message), compared in constant time
/// (`hmac`'s `verify_slice`). Not base64 at all is simply no match.
#[must_use]
pub fn signature_matches(key: &[u8; 16], message: &[u8], received: &str) -> bool {
    let Ok(received) = STANDARD.decode(received) else {
        return false;
    };
    mac(key, message).is_some_and(|m| m.verify_slice(&received).is_ok())
}

/// A short form of a long value for tables: the first and last 8 characters and how many
/// there are (`c9075aee…81893fa5 (768 hex digits)`).
#[must_use]
pub fn shorten(hex: &str) -> String {
    let chars: Vec<char> = hex.chars().collect();
    if chars.len() <= 24 {
        return hex.to_owned();
    }
    let head: String = chars[..8].iter().collect();
    let tail: String = chars[chars.len() - 8..].iter().collect();
    format!("{head}…{tail} ({} hex digits)", chars.len())
}

#[cfg(test)]
mod tests;
