//! The layout keys: one fixed pair of RSA-2048 keys built into cogflow, for pools that only lay
//! a lesson out ([`crate::cognito::KeySource::Layout`]). A run's steps depend on what Cognito
//! answers, never on which key signed a token, so a run signed with these takes the same steps
//! as the real one; they are ready at once (no generation, no disk).
//! Public on purpose: nothing they sign is ever shown or served.

use std::sync::{Arc, OnceLock};

use rsa::RsaPrivateKey;
use rsa::pkcs1::DecodeRsaPrivateKey;

use super::{CognitoError, PoolKeys, SigningKey};

/// Two PKCS#1 PEM keys (`openssl genrsa -traditional 2048`, twice): ID tokens, access tokens.
/// RSA-2048 like the real keys, so tokens signed with them are as long as the real ones (the
/// layout sizes panels by them).
const PEM: &str = include_str!("layout.pem");

/// The layout keys, parsed once per process.
pub(super) fn keys() -> Result<Arc<PoolKeys>, CognitoError> {
    static KEYS: OnceLock<Result<Arc<PoolKeys>, CognitoError>> = OnceLock::new();
    KEYS.get_or_init(|| {
        let key = |pem: &str| {
            RsaPrivateKey::from_pkcs1_pem(pem.trim_start())
                .map_err(|e| CognitoError::internal(format!("a layout key does not parse: {e}")))
                .and_then(SigningKey::from_private)
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
}
