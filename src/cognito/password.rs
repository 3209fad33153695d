//! Passwords at rest: argon2id PHC strings, never the clear password.

use argon2::password_hash::{Error as HashError, PasswordHasher, PasswordVerifier};
use argon2::{Algorithm, Argon2, Params, Version};
use base64::Engine as _;
use base64::engine::general_purpose::STANDARD_NO_PAD;
use rand::rngs::StdRng;

use super::config::Argon2Params;
use super::error::CognitoError;
use super::ids;

/// Salt length: the PHC string format's recommended 16 bytes.
pub const SALT_LEN: usize = 16;

fn hasher(params: &Argon2Params) -> Result<Argon2<'static>, CognitoError> {
    let p = Params::new(params.m_cost_kib, params.t_cost, params.p_cost, None).map_err(|e| {
        CognitoError::internal(format!(
            "argon2 parameters {} rejected: {e}",
            params.describe()
        ))
    })?;
    Ok(Argon2::new(Algorithm::Argon2id, Version::V0x13, p))
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
    hasher(params)?
        .hash_password_with_salt(password.as_bytes(), salt)
        .map(|h| h.to_string())
        .map_err(|e| CognitoError::internal(format!("argon2 hash failed: {e}")))
}

/// Checks `password` against a PHC string, recomputing argon2id with the parameters and salt
/// the string records. `Ok(false)` for a wrong password.
///
/// # Errors
/// `InternalErrorException` when the PHC string is not a valid argon2 hash.
pub fn verify_password(phc: &str, password: &str) -> Result<bool, CognitoError> {
    match Argon2::default().verify_password(password.as_bytes(), phc) {
        Ok(()) => Ok(true),
        Err(HashError::PasswordInvalid) => Ok(false),
        Err(e) => Err(CognitoError::internal(format!(
            "stored password hash unusable: {e}"
        ))),
    }
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
