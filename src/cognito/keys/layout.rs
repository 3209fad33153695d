//! The layout keys: one fixed pair of RSA-2048 keys built into cogflow, for pools that only lay
//! a lesson out ([`crate::cognito::KeySource::Layout`]). A run's steps depend on what Cognito
//! answers, never on which key signed a token, so a run signed with these takes the same steps
//! as the real one; they are ready at once (no generation, no disk).
//! Public on purpose: nothing they sign is ever shown or served.
//!
//! Nor do they sign with RSA: a layout run is laid out before the first screen, and its two
//! RS256 signatures were most of the time to it (perf: 36 % of the CPU samples before the first
//! frame, on the thread the screen waits for). A layout key's signature is [`signature`]: as
//! long as an RSA-2048 signature, so tokens and panels have the real sizes, made by this key
//! over these bytes and no other, so every check of it answers as RSA's would (an altered
//! token, another key's token and another pool's fail), in microseconds.

use std::sync::{Arc, OnceLock};

use rsa::RsaPrivateKey;
use rsa::pkcs1::DecodeRsaPrivateKey;
use sha2::{Digest, Sha256};

use super::{CognitoError, PoolKeys, SigningKey};

/// Two PKCS#1 PEM keys (`openssl genrsa -traditional 2048`, twice): ID tokens, access tokens.
/// RSA-2048 like the real keys, so tokens signed with them are as long as the real ones (the
/// layout sizes panels by them).
const PEM: &str = include_str!("layout.pem");

/// The layout keys, once parsed.
static KEYS: OnceLock<Result<Arc<PoolKeys>, CognitoError>> = OnceLock::new();

/// The layout keys, parsed once per process.
pub(super) fn keys() -> Result<Arc<PoolKeys>, CognitoError> {
    KEYS.get_or_init(|| {
        let key = |pem: &str| {
            RsaPrivateKey::from_pkcs1_pem(pem.trim_start())
                .map_err(|e| CognitoError::internal(format!("a layout key does not parse: {e}")))
                .and_then(SigningKey::from_private)
                .map(|key| SigningKey {
                    layout: true,
                    ..key
                })
        };
        let end = "-----END RSA PRIVATE KEY-----";
        let (id, access) = PEM
            .split_once(end)
            .ok_or_else(|| CognitoError::internal("the layout keys are missing"))?;
        Ok(Arc::new(PoolKeys {
            id: key(&format!("{id}{end}"))?,
            access: key(access)?,
        }))
    })
    .clone()
}

/// Whether `signature` is the layout key's with JWK modulus `n` over `message`, or `None` when
/// `n` is no layout key's (a JWKS can only hold one if a layout pool was built in this
/// process, which parsed them first: a real run never parses them for this).
pub(crate) fn verify_by_modulus(n: &str, message: &str, signature: &str) -> Option<bool> {
    let keys = KEYS.get()?.as_ref().ok()?;
    let key = [&keys.id, &keys.access]
        .into_iter()
        .find(|key| key.n == n)?;
    Some(key.verify_signature(message, signature))
}

/// A layout key's signature over `message`: 256 bytes (an RSA-2048 signature's length), eight
/// SHA-256 blocks of the digest of the key's `kid` and the message. Only the key that made it
/// makes it again (each kid is its own), and any other message gives other bytes.
pub(super) fn signature(kid: &str, message: &str) -> [u8; 256] {
    let digest = Sha256::new()
        .chain_update(b"cogflow layout signature\0")
        .chain_update(kid.as_bytes())
        .chain_update(b".")
        .chain_update(message.as_bytes())
        .finalize();
    let mut out = [0u8; 256];
    for (i, block) in (0u8..).zip(out.chunks_exact_mut(32)) {
        block.copy_from_slice(
            &Sha256::new()
                .chain_update(digest)
                .chain_update([i])
                .finalize(),
        );
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_layout_keys_are_two_keys_that_sign_and_verify() {
        let keys = keys().unwrap();
        assert_ne!(keys.id.kid(), keys.access.kid());
        for key in [&keys.id, &keys.access] {
            let token = key.sign(&serde_json::json!({ "sub": "x" })).unwrap();
            let (message, signature) = token.rsplit_once('.').unwrap();
            assert!(key.verify_signature(message, signature));
            assert!(!key.verify_signature(&format!("{message}x"), signature));
        }
    }

    /// A layout signature has an RSA-2048 signature's length (the key's own RSA signature over
    /// the same message, made here to compare), and is answered as RSA's would be: by the key
    /// that made it yes, by the pool's other key and for an altered message no, through the
    /// JWKS modulus too; a modulus no layout key has is left to RSA.
    #[test]
    fn a_layout_signature_is_as_long_as_rsas_and_only_its_key_makes_it() {
        use rsa::signature::{SignatureEncoding, Signer};
        let keys = keys().unwrap();
        let token = keys.id.sign(&serde_json::json!({ "sub": "x" })).unwrap();
        let (message, signature) = token.rsplit_once('.').unwrap();
        let rsa = keys.id.signer.try_sign(message.as_bytes()).unwrap();
        assert_eq!(
            signature.len(),
            crate::cognito::ids::b64url(&rsa.to_bytes()).len()
        );
        assert_eq!(signature.len(), 342);
        assert!(!keys.access.verify_signature(message, signature));
        let altered = format!("A{}", &signature[1..]);
        assert_ne!(altered, signature);
        assert!(!keys.id.verify_signature(message, &altered));
        assert_eq!(
            verify_by_modulus(&keys.id.n, message, signature),
            Some(true)
        );
        assert_eq!(
            verify_by_modulus(&keys.access.n, message, signature),
            Some(false)
        );
        assert_eq!(
            verify_by_modulus(&keys.id.n, message, &altered),
            Some(false)
        );
        assert_eq!(verify_by_modulus("AQAB", message, signature), None);
    }
}
