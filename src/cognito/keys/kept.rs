//! A pool's keys kept between processes, like a real pool's (which live for years): the text
//! form they are kept in, and the [`KeyStore`] that keeps them.
//!
//! The mock does no IO itself: the program installs a store ([`keep_keys_in`]; cogflow's keeps
//! them in its cache directory) and the mock hands it text and asks for it back. What comes
//! back is never trusted blindly: [`decode`] checks the checksum, the seed, both keys' shape,
//! and that each key signs a message its own public half verifies, and the caller makes new
//! keys (and says so, through [`KeyStore::rejected`]) when any check fails.
//!
//! ```text
//! # cogflow: the mock Cognito pool's signing keys for --seed 42.
//! # A mock's keys, worthless outside cogflow. Delete this file and they are made again.
//! # seed: 42
//! # sha256: <hex of the seed, a newline and everything after this line>
//! -----BEGIN RSA PRIVATE KEY-----      the ID-token key (PKCS#1 PEM)
//! -----BEGIN RSA PRIVATE KEY-----      the access-token key
//! ```

use std::sync::OnceLock;

use rsa::RsaPrivateKey;
use rsa::pkcs1::{DecodeRsaPrivateKey, EncodeRsaPrivateKey, LineEnding};
use rsa::traits::PublicKeyParts;
use sha2::{Digest, Sha256};

use super::{PoolKeys, SigningKey};

/// Where a pool's keys are kept between processes, by seed. Implementations do the IO and
/// report their own failures (a folder that can't be written, a file that can't be read) to
/// the user; the mock only needs the text or its absence.
pub trait KeyStore: Send + Sync {
    /// The text kept for `seed`, or `None` when there is none or it can't be read.
    fn load(&self, seed: u64) -> Option<String>;
    /// Keeps `text` for `seed`, replacing what was kept.
    fn save(&self, seed: u64, text: &str);
    /// The text kept for `seed` failed a check (`why`); new keys are being made.
    fn rejected(&self, seed: u64, why: &str);
}

/// The key form's version: part of what a store keys by, so keys derived some other way by a
/// future cogflow are never mistaken for these.
pub const FORMAT: &str = "v1";

static STORE: OnceLock<Box<dyn KeyStore>> = OnceLock::new();

/// Keeps every pool's keys in `store` from now on (the first store installed stays).
pub fn keep_keys_in(store: Box<dyn KeyStore>) {
    let _ = STORE.set(store);
}

/// The installed store, if any (none: keys live only as long as the process).
pub(super) fn store() -> Option<&'static dyn KeyStore> {
    // The unit tests keep keys where the integration tests do (target/tmp/key-cache), as the
    // program would: a warm `cargo test` makes no key for the seeds it always uses.
    #[cfg(test)]
    STORE.get_or_init(|| {
        let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("target/tmp/key-cache");
        Box::new(crate::cache::KeyFiles::new(&dir))
    });
    STORE.get().map(Box::as_ref)
}

const PEM_END: &str = "-----END RSA PRIVATE KEY-----";

/// The text form of `keys` for `seed` (see the module comment).
pub(super) fn encode(seed: u64, keys: &PoolKeys) -> Result<String, String> {
    let mut body = String::new();
    for key in [&keys.id, &keys.access] {
        let pem = key
            .private()
            .to_pkcs1_pem(LineEnding::LF)
            .map_err(|e| format!("PEM encoding failed: {e}"))?;
        body.push_str(&pem);
    }
    Ok(format!(
        "# cogflow: the mock Cognito pool's signing keys for --seed {seed}.\n\
         # A mock's keys, worthless outside cogflow. Delete this file and they are made again.\n\
         # seed: {seed}\n\
         # sha256: {}\n\
         {body}",
        checksum(seed, &body)
    ))
}

/// The keys in `text`, kept for `seed`, after every check; `Err` says which check failed.
pub(super) fn decode(seed: u64, text: &str) -> Result<PoolKeys, String> {
    let mut seed_line = None;
    let mut sum_line = None;
    let mut rest = text;
    while let Some(line) = rest.strip_prefix('#') {
        let (line, after) = line.split_once('\n').unwrap_or((line, ""));
        if let Some(value) = line.trim().strip_prefix("seed:") {
            seed_line = Some(value.trim());
        } else if let Some(value) = line.trim().strip_prefix("sha256:") {
            sum_line = Some(value.trim());
        }
        rest = after;
    }
    if seed_line != Some(seed.to_string().as_str()) {
        return Err(format!("it is not marked as the keys for seed {seed}"));
    }
    if sum_line != Some(checksum(seed, rest).as_str()) {
        return Err("its checksum does not match (the file is damaged)".to_owned());
    }
    let blocks: Vec<&str> = rest
        .split_inclusive(PEM_END)
        .filter(|b| !b.trim().is_empty())
        .collect();
    let [id, access] = blocks.as_slice() else {
        return Err(format!("it holds {} keys, not 2", blocks.len()));
    };
    let keys = PoolKeys {
        id: checked(id, "ID-token")?,
        access: checked(access, "access-token")?,
    };
    if keys.id.kid() == keys.access.kid() {
        return Err("its two keys are the same key".to_owned());
    }
    Ok(keys)
}

/// One PEM key, checked: RSA-2048 with e = 65537 (what key generation makes), internally
/// consistent (the parser validates the primes and exponents), and signing a message that
/// its own public half then verifies.
fn checked(pem: &str, which: &str) -> Result<SigningKey, String> {
    let private = RsaPrivateKey::from_pkcs1_pem(pem.trim_start())
        .map_err(|e| format!("its {which} key does not parse: {e}"))?;
    if private.size() != 256 || private.e() != &rsa::BigUint::from(65_537u32) {
        return Err(format!("its {which} key is not RSA-2048 with e = 65537"));
    }
    let key = SigningKey::from_private(private)
        .map_err(|e| format!("its {which} key is unusable: {e}"))?;
    let token = key
        .sign(&serde_json::json!({ "check": which }))
        .map_err(|e| format!("its {which} key does not sign: {e}"))?;
    let verified = token
        .rsplit_once('.')
        .is_some_and(|(message, signature)| key.verify_signature(message, signature));
    if verified {
        Ok(key)
    } else {
        Err(format!(
            "a signature by its {which} key does not verify with the same key"
        ))
    }
}

/// SHA-256 over the seed and the keys: a damaged file, or one relabelled for another seed,
/// never matches.
fn checksum(seed: u64, body: &str) -> String {
    Sha256::digest(format!("{seed}\n{body}").as_bytes())
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::super::generate;
    use super::*;

    fn kept(seed: u64) -> (PoolKeys, String) {
        let keys = generate(seed).0.unwrap();
        let text = encode(seed, &keys).unwrap();
        (keys, text)
    }

    #[test]
    fn the_kept_form_gives_back_the_same_keys() {
        let (keys, text) = kept(21);
        assert!(text.starts_with("# cogflow: the mock Cognito pool's signing keys for --seed 21.\n# A mock's keys, worthless outside cogflow."));
        assert_eq!(text.matches("-----BEGIN RSA PRIVATE KEY-----").count(), 2);
        let back = decode(21, &text).unwrap();
        assert_eq!(back.id.kid(), keys.id.kid());
        assert_eq!(back.access.kid(), keys.access.kid());
        assert_eq!(back.jwks(), keys.jwks());
        // RS256 (PKCS#1 v1.5) signatures are deterministic: the same key signs the same bytes.
        let claims = serde_json::json!({"sub": "x"});
        assert_eq!(
            back.id.sign(&claims).unwrap(),
            keys.id.sign(&claims).unwrap()
        );
        assert_eq!(encode(21, &back).unwrap(), text);
    }

    #[test]
    fn every_damage_is_refused_with_its_reason() {
        let (_, text) = kept(21);
        let (_, other) = kept(22);
        let body_start = text.find("-----BEGIN").unwrap();
        let flipped = {
            let mut bytes = text.clone().into_bytes();
            bytes[body_start + 100] ^= 0x01;
            String::from_utf8(bytes).unwrap()
        };
        let resummed = |body: &str| format!("# seed: 21\n# sha256: {}\n{body}", checksum(21, body));
        let id_block = &text[body_start..text.find(PEM_END).unwrap() + PEM_END.len() + 1];
        let cases: [(&str, String, &str); 8] = [
            ("empty", String::new(), "not marked as the keys for seed 21"),
            (
                "another seed's",
                other.clone(),
                "not marked as the keys for seed 21",
            ),
            (
                "another seed's, relabelled",
                other.replace("seed: 22", "seed: 21"),
                "checksum",
            ),
            ("a flipped bit", flipped, "checksum"),
            ("truncated", text[..text.len() - 40].to_owned(), "checksum"),
            ("one key", resummed(id_block), "holds 1 keys, not 2"),
            (
                "the same key twice",
                resummed(&format!("{id_block}{id_block}")),
                "the same key",
            ),
            (
                "not PEM",
                resummed(
                    "-----BEGIN RSA PRIVATE KEY-----\nAAAA\n-----END RSA PRIVATE KEY-----\n-----BEGIN RSA PRIVATE KEY-----\nAAAA\n-----END RSA PRIVATE KEY-----\n",
                ),
                "does not parse",
            ),
        ];
        for (what, text, why) in cases {
            match decode(21, &text) {
                Ok(_) => panic!("{what}: accepted"),
                Err(reason) => assert!(reason.contains(why), "{what}: {reason}"),
            }
        }
    }

    #[test]
    fn a_consistent_key_of_the_wrong_size_is_refused() {
        let small = RsaPrivateKey::new(
            &mut super::super::Rng06(&mut crate::cognito::ids::stream_rng(1, 9)),
            1024,
        )
        .unwrap();
        let pem = small.to_pkcs1_pem(LineEnding::LF).unwrap();
        let reason = checked(&pem, "ID-token").err().unwrap();
        assert!(reason.contains("not RSA-2048"), "{reason}");
    }
}
