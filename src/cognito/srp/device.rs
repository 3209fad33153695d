//! The device's side of USER_SRP_AUTH, as amazon-cognito-identity-js and pycognito compute it
//! (`reference/srp.md` §4, "client side"). The lesson plays the device with it; Cognito's side
//! never uses it.

use std::collections::BTreeMap;
use std::sync::{Mutex, PoisonError};
use std::time::{Duration, Instant};

use base64::Engine as _;
use base64::engine::general_purpose::STANDARD;
use rsa::BigUint;

use super::{
    claim_message, claim_signature, client_premaster, client_public, from_hex, identity_hash, n,
    pool_short, private_key, scrambler, session_key, to_hex,
};

/// Each A = g^a mod N computed in this process, by a, with the time computing it took.
static PUBLICS: Mutex<BTreeMap<Vec<u8>, (BigUint, Duration)>> = Mutex::new(BTreeMap::new());
const PUBLICS_MAX: usize = 256;

/// The device between the two legs: its secret a and its public A.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Device {
    a: BigUint,
    a_pub: BigUint,
}

/// What the device computed to answer PASSWORD_VERIFIER, each value in hex (K too).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Proof {
    /// u = H(pad(A) ‖ pad(B)).
    pub u: String,
    /// x = H(pad(s) ‖ H(poolShort ‖ user ‖ ":" ‖ password)): the password as an exponent.
    pub x: String,
    /// S = (B − k·g^x)^(a + u·x) mod N.
    pub premaster: String,
    /// K = HKDF(pad(u), pad(S))[..16].
    pub key: String,
    /// The signed message, readable: `poolShort ‖ user ‖ <SECRET_BLOCK> ‖ timestamp`.
    pub message: String,
    /// `PASSWORD_CLAIM_SIGNATURE`: base64(HMAC-SHA256(K, message)).
    pub signature: String,
}

impl Device {
    /// A device whose secret a is `secret` (128 random bytes, as pycognito draws it) mod N.
    /// (A = g^a mod N is never 0: N is prime.)
    #[must_use]
    pub fn new(secret: &[u8]) -> Self {
        let a = BigUint::from_bytes_be(secret) % n();
        let a_pub = client_public(&a);
        Self { a, a_pub }
    }

    /// [`Device::new`], and how long computing A took. A is a pure function of the secret, and
    /// a lesson's paths draw the same secret at the same step (`cogflow check` runs them all),
    /// so each A is computed once in the process and kept with the time that real first
    /// computation took, the cost a learner is shown (as argon2's results are, see
    /// `password`). Bounded: a long session draws new secrets.
    #[must_use]
    pub fn new_measured(secret: &[u8]) -> (Self, Duration) {
        let a = BigUint::from_bytes_be(secret) % n();
        let key = a.to_bytes_be();
        if let Some((a_pub, took)) = PUBLICS
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .get(&key)
        {
            return (
                Self {
                    a,
                    a_pub: a_pub.clone(),
                },
                *took,
            );
        }
        let start = Instant::now();
        let a_pub = client_public(&a);
        let took = start.elapsed();
        let mut kept = PUBLICS.lock().unwrap_or_else(PoisonError::into_inner);
        if kept.len() >= PUBLICS_MAX {
            kept.clear();
        }
        kept.insert(key, (a_pub.clone(), took));
        (Self { a, a_pub }, took)
    }

    /// The secret a, in hex (it never leaves the device; shown for the lesson).
    #[must_use]
    pub fn secret_hex(&self) -> String {
        to_hex(&self.a)
    }

    /// `SRP_A`: A = g^a mod N in hex.
    #[must_use]
    pub fn srp_a(&self) -> String {
        to_hex(&self.a_pub)
    }

    /// The proof for a PASSWORD_VERIFIER challenge, from its parameters as Cognito sent them
    /// (`SALT`, `SRP_B`, `SECRET_BLOCK`, `USER_ID_FOR_SRP`), as the SDKs' `process_challenge`
    /// does, signing `timestamp` as given.
    ///
    /// # Errors
    /// What the SDKs refuse, in words: a missing parameter, a SALT or SRP_B that is not hex,
    /// B mod N = 0, u = 0, a SECRET_BLOCK that is not base64.
    pub fn prove(
        &self,
        pool_id: &str,
        password: &str,
        parameters: &BTreeMap<String, String>,
        timestamp: &str,
    ) -> Result<Proof, String> {
        let get = |name: &str| {
            parameters
                .get(name)
                .map(String::as_str)
                .ok_or_else(|| format!("the challenge has no {name}"))
        };
        let (salt, srp_b, secret_block, user_id) = (
            get("SALT")?,
            get("SRP_B")?,
            get("SECRET_BLOCK")?,
            get("USER_ID_FOR_SRP")?,
        );
        let zero = BigUint::from(0u32);
        let salt = from_hex(salt).ok_or("SALT is not hexadecimal")?;
        let b_pub = from_hex(srp_b).ok_or("SRP_B is not hexadecimal")?;
        if &b_pub % n() == zero {
            return Err("B mod N is 0: the SDKs refuse such a challenge".to_owned());
        }
        let u = scrambler(&self.a_pub, &b_pub);
        if u == zero {
            return Err("u is 0: the SDKs refuse such a challenge".to_owned());
        }
        let block = STANDARD
            .decode(secret_block)
            .map_err(|_| "SECRET_BLOCK is not base64".to_owned())?;
        let short = pool_short(pool_id);
        let x = private_key(&salt, &identity_hash(short, user_id, password));
        let premaster = client_premaster(&b_pub, &x, &self.a, &u);
        let key = session_key(&u, &premaster);
        let signature = claim_signature(&key, &claim_message(short, user_id, &block, timestamp));
        Ok(Proof {
            u: to_hex(&u),
            x: to_hex(&x),
            premaster: to_hex(&premaster),
            key: key.iter().map(|b| format!("{b:02x}")).collect(),
            message: format!(
                "{short} ‖ {user_id} ‖ <SECRET_BLOCK, {} bytes> ‖ {timestamp}",
                block.len()
            ),
            signature,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::cognito::srp::{Verifier, server_public};

    fn challenge(salt: &str, srp_b: &str, secret_block: &str) -> BTreeMap<String, String> {
        [
            ("SALT", salt),
            ("SRP_B", srp_b),
            ("SECRET_BLOCK", secret_block),
            ("USER_ID_FOR_SRP", "alice"),
        ]
        .into_iter()
        .map(|(k, v)| (k.to_owned(), v.to_owned()))
        .collect()
    }

    #[test]
    fn a_kept_a_is_the_computed_one_with_its_first_cost() {
        let secret = [0x5a; 128];
        let (first, took) = Device::new_measured(&secret);
        let (again, took_again) = Device::new_measured(&secret);
        assert_eq!(first, Device::new(&secret));
        assert_eq!(again, first);
        assert_eq!(took_again, took);
    }

    #[test]
    fn the_device_reproduces_vector_1() {
        use sha2::{Digest, Sha256};
        let device = Device::new(&Sha256::digest(b"cogflow-test-a"));
        let salt = from_hex("c0ffee00112233445566778899aabbcc").unwrap();
        let stored = Verifier::compute("AbCdEf123", "alice", "Passw0rd!", &salt.to_bytes_be());
        let b = BigUint::from_bytes_be(&Sha256::digest(b"cogflow-test-b"));
        let b_pub = server_public(&stored.verifier, &b);
        let parameters = challenge(
            "c0ffee00112233445566778899aabbcc",
            &to_hex(&b_pub),
            "Y29nZmxvdy1zZWNyZXQtYmxvY2stMDAwMQ==",
        );
        let proof = device
            .prove(
                "us-east-1_AbCdEf123",
                "Passw0rd!",
                &parameters,
                "Tue Dec 1 06:21:31 UTC 2026",
            )
            .unwrap();
        assert_eq!(proof.key, "6583836355442ef278b4e217387256b3");
        assert_eq!(
            proof.signature,
            "gSbGx0At6huNw7QLNAeDI136u2eHv25SlNBXCbEUvKA="
        );
        assert_eq!(
            proof.message,
            "AbCdEf123 ‖ alice ‖ <SECRET_BLOCK, 25 bytes> ‖ Tue Dec 1 06:21:31 UTC 2026"
        );
    }

    #[test]
    fn what_the_sdks_refuse_is_refused() {
        let device = Device::new(&[7; 128]);
        let prove = |salt: &str, b: &str, block: &str| {
            device
                .prove("us-east-1_X", "p", &challenge(salt, b, block), "t")
                .unwrap_err()
        };
        assert_eq!(
            device
                .prove("us-east-1_X", "p", &BTreeMap::new(), "t")
                .unwrap_err(),
            "the challenge has no SALT"
        );
        assert_eq!(prove("zz", "2", "AA=="), "SALT is not hexadecimal");
        assert_eq!(prove("12", "", "AA=="), "SRP_B is not hexadecimal");
        assert_eq!(
            prove("12", &to_hex(n()), "AA=="),
            "B mod N is 0: the SDKs refuse such a challenge"
        );
        assert_eq!(prove("12", "2", "%%%"), "SECRET_BLOCK is not base64");
    }
}
