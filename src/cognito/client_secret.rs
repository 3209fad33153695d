//! App clients with a secret: `SECRET_HASH` on every call that names a user.
//!
//! A confidential client (a server, never a browser or phone app, which could not keep the
//! secret) proves it holds the secret without sending it: each call carries
//! `SECRET_HASH = Base64(HMAC-SHA256(key = client secret, message = username + client id))`
//! (facts §1). A missing or wrong hash gets
//! `NotAuthorizedException: Unable to verify secret hash for client <client id>`.

use base64::Engine as _;
use base64::engine::general_purpose::STANDARD;
use hmac::{Hmac, Mac};
use sha2::Sha256;

use super::error::CognitoError;
use super::pool::UserPool;

/// `Base64(HMAC-SHA256(secret, username + client_id))`, what an SDK computes for SECRET_HASH.
#[must_use]
pub fn secret_hash(client_secret: &str, username: &str, client_id: &str) -> String {
    // HMAC takes keys of any length, so this cannot fail.
    let Ok(mut mac) = Hmac::<Sha256>::new_from_slice(client_secret.as_bytes()) else {
        return String::new();
    };
    mac.update(username.as_bytes());
    mac.update(client_id.as_bytes());
    STANDARD.encode(mac.finalize().into_bytes())
}

/// A client secret in Cognito's shape: 51 lowercase letters and digits.
pub(crate) fn generate(rng: &mut rand::rngs::StdRng) -> String {
    use rand::RngExt;
    const ALPHABET: &[u8] = b"abcdefghijklmnopqrstuvwxyz0123456789";
    (0..51)
        .map(|_| char::from(ALPHABET[rng.random_range(0..ALPHABET.len())]))
        .collect()
}

/// What the secret-hash check found, for a lesson's list of checks.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum SecretHashCheck {
    /// The client has no secret: nothing to check.
    PublicClient,
    /// The hash matched the one computed from the secret.
    Verified,
    /// No SECRET_HASH was sent.
    Missing,
    /// A SECRET_HASH was sent but is not the right one (the right one is shown).
    Wrong {
        /// What the pool computed.
        expected: String,
    },
}

impl SecretHashCheck {
    /// A sentence for the check's detail.
    #[must_use]
    pub fn detail(&self, username: &str) -> String {
        match self {
            Self::PublicClient => "the app client has no secret: no SECRET_HASH needed".to_owned(),
            Self::Verified => format!(
                "HMAC-SHA256(client secret, \"{username}\" + client id) matches SECRET_HASH"
            ),
            Self::Missing => "the app client has a secret, and no SECRET_HASH was sent".to_owned(),
            Self::Wrong { expected } => format!(
                "SECRET_HASH is not HMAC-SHA256(client secret, \"{username}\" + client id) = {expected}"
            ),
        }
    }

    /// `true` unless the hash was missing or wrong.
    #[must_use]
    pub fn passed(&self) -> bool {
        matches!(self, Self::PublicClient | Self::Verified)
    }
}

impl UserPool {
    /// The first app client's secret, if it has one (the scenario's `client_secret`).
    #[must_use]
    pub fn client_secret(&self) -> Option<&str> {
        self.clients.first()?.secret.as_deref()
    }

    /// The secret of app client `client_id`, if it has one (the first client's from the
    /// scenario, another's from CreateUserPoolClient's `GenerateSecret`).
    pub(crate) fn secret_of(&self, client_id: &str) -> Option<&str> {
        self.app_client(client_id)?.secret.as_deref()
    }

    /// SECRET_HASH for `username` with the first app client, or `None` for a public client.
    #[must_use]
    pub fn secret_hash_for(&self, username: &str) -> Option<String> {
        self.client_secret()
            .map(|secret| secret_hash(secret, username, self.client_id()))
    }

    /// Checks a SECRET_HASH sent to `client_id` for `username` (the name as the request gives
    /// it, which is what the client hashed).
    pub(crate) fn secret_hash_check(
        &self,
        client_id: &str,
        given: Option<&str>,
        username: &str,
    ) -> SecretHashCheck {
        let expected = self
            .secret_of(client_id)
            .map(|secret| secret_hash(secret, username, client_id));
        match (expected, given) {
            (None, _) => SecretHashCheck::PublicClient,
            (Some(_), None | Some("")) => SecretHashCheck::Missing,
            (Some(expected), Some(given)) if given == expected => SecretHashCheck::Verified,
            (Some(expected), Some(_)) => SecretHashCheck::Wrong { expected },
        }
    }

    /// As [`Self::secret_hash_check`], as a result.
    ///
    /// # Errors
    /// `NotAuthorizedException: Unable to verify secret hash for client <client id>`.
    pub(crate) fn require_secret_hash(
        &self,
        client_id: &str,
        given: Option<&str>,
        username: &str,
    ) -> Result<(), CognitoError> {
        if self.secret_hash_check(client_id, given, username).passed() {
            Ok(())
        } else {
            Err(secret_hash_error(client_id))
        }
    }
}

/// `NotAuthorizedException: Unable to verify secret hash for client <client id>`.
pub(crate) fn secret_hash_error(client_id: &str) -> CognitoError {
    CognitoError::new(
        super::Exception::NotAuthorized,
        format!("Unable to verify secret hash for client {client_id}"),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    // Computed independently: python3 -c "import hmac,hashlib,base64;print(base64.b64encode(hmac.new(b'secret',b'ana'+b'client',hashlib.sha256).digest()).decode())"
    #[test]
    fn secret_hash_is_base64_hmac_sha256_of_username_then_client_id() {
        assert_eq!(
            secret_hash("secret", "ana", "client"),
            "gpYaeMoXSS9IvHXaT9s8abxoWL9KY/6BzvsnZsQ8xzs="
        );
    }
}
