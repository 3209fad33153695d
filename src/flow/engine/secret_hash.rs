//! A confidential app client: the app computes `SECRET_HASH` (no call), and the sign-in calls
//! carry what it computed.
//!
//! ```text
//!  compute_secret_hash ──> sign_in / send_credentials      SECRET_HASH in AuthParameters
//!  (secretHash = HMAC)     (the pool checks it first)
//! ```
//!
//! A run with no `compute_secret_hash` step sends the right hash whenever the pool's client has
//! a secret, as every other call of the engine does: the hash is only the lesson when a step
//! computes it.

use crate::cognito;
use crate::scenario::model::StepSpec;

use super::Runner;
use super::inputs::Ask;
use super::record::Effect;

/// What `secretHash` holds when the app has no secret to compute one with.
const NO_SECRET: &str = "no secret";

impl Runner {
    /// The app computes SECRET_HASH for the user with the client secret it holds (the pool's
    /// own unless the step says otherwise; `""` for an app that has none).
    pub(super) fn compute_secret_hash(&mut self, step: &StepSpec, effect: &mut Effect) {
        // The name the hash is made over: usually the one typed, which the sign-in sends.
        let username = self.username(step);
        let secret = self
            .input(step, Ask::ClientSecret, &username)
            .or_else(|| self.pool.client_secret().map(str::to_owned))
            .unwrap_or_default();
        let client_id = self.facts.client_id.clone();
        if secret.is_empty() {
            self.recorder.set("secretHash", NO_SECRET);
            effect.input = "username, client id (no secret)".to_owned();
            effect.notes.push(
                "The app holds no client secret, so its calls carry no SECRET_HASH.".to_owned(),
            );
            return;
        }
        let hash = cognito::secret_hash(&secret, &username, &client_id);
        effect.notes.push(format!(
            "SECRET_HASH = Base64(HMAC-SHA256(key = \"{secret}\", message = \"{username}\" + \"{client_id}\")) = {hash}"
        ));
        if self.pool.client_secret() != Some(secret.as_str()) {
            effect.notes.push(
                "This is not the app client's secret: the hash cannot match the one Cognito computes."
                    .to_owned(),
            );
        }
        self.recorder.set("secretHash", hash);
    }

    /// Puts the SECRET_HASH the app holds for `username` into a sign-in's parameters: the one
    /// a `compute_secret_hash` step computed, else the right one when the client has a secret.
    pub(super) fn add_secret_hash(
        &self,
        request: &mut cognito::InitiateAuthRequest,
        username: &str,
    ) {
        let hash = match self.recorder.state().present("secretHash") {
            Some(NO_SECRET) => None,
            Some(computed) => Some(computed.to_owned()),
            None => self.pool.secret_hash_for(username),
        };
        if let Some(hash) = hash {
            request
                .auth_parameters
                .insert("SECRET_HASH".to_owned(), hash);
        }
    }
}
