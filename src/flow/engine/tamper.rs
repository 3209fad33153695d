//! Someone hands the app a token that is not what Cognito issued it: the app's offline checks
//! (signature by kid from the JWKS, alg, iss, aud, token_use, exp) must catch each one.
//!
//! | `tamper` | the ID token the app then holds | the check that fails |
//! |---|---|---|
//! | `none` | as issued | none |
//! | `payload` | `cognito:groups` gains `admins`, the signature kept | signature |
//! | `alg-none` | header `alg: none`, no signature | alg |
//! | `access-as-id` | the access token | aud (`client_id` instead), token_use |
//! | `other-client` | a real ID token for the pool's second app client | aud |
//! | `other-pool` | a real ID token from another user pool | signature (unknown kid), iss |

use base64::Engine as _;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use serde_json::{Value, json};

use crate::cognito::{self, AuthPhase, UserPool, decode_unverified};
use crate::scenario::model::{StepSpec, Tamper};

use super::Runner;
use super::inputs::Ask;
use super::record::Effect;
use super::setup::seed_user;

/// The stream the other pool's seed is derived with, so it is reproducible and unlike ours.
const OTHER_POOL_STREAM: u64 = 0x07_17;

impl Runner {
    /// Replaces the ID token the app holds as the step's `tamper` says.
    pub(super) fn tamper_token(&mut self, step: &StepSpec, effect: &mut Effect) {
        let name = self
            .input(step, Ask::Tamper, "")
            .unwrap_or_else(|| Tamper::None.name().to_owned());
        let Some(tamper) = Tamper::parse(&name) else {
            effect
                .notes
                .push(format!("`{name}` is no way to tamper with a token."));
            return;
        };
        effect.input = name;
        let held = self.recorder.tokens().id.clone().unwrap_or_default();
        let changed = match tamper {
            Tamper::None => {
                effect
                    .notes
                    .push("The token is left as Cognito issued it.".to_owned());
                return;
            }
            Tamper::Payload => edit_payload(&held),
            Tamper::AlgNone => alg_none(&held),
            Tamper::AccessAsId => self.recorder.tokens().access.clone(),
            Tamper::OtherClient => self.other_client_token(),
            Tamper::OtherPool => self.other_pool_token(),
        };
        match changed {
            Some(token) => {
                effect.notes.push(describe(tamper).to_owned());
                self.recorder.hold_id_token(token);
            }
            None => effect.notes.push(
                "There was no token to tamper with (or no second app client to get one from)."
                    .to_owned(),
            ),
        }
    }

    /// A real ID token for the same user from the pool's second app client.
    fn other_client_token(&mut self) -> Option<String> {
        let client = self.pool.clients().get(1)?.client_id.clone();
        let username = self.recorder.state().present("username")?.to_owned();
        let password = self.passwords.get(&username).cloned().or_else(|| {
            let user = self.setup.users.iter().find(|u| u.username == username)?;
            Some(user.password.clone())
        })?;
        let request = cognito::InitiateAuthRequest::user_password(&client, &username, &password);
        id_token_of(&mut self.pool, request)
    }

    /// A real ID token for the same user from another pool (another seed: other keys, id and
    /// issuer), built on the spot.
    fn other_pool_token(&mut self) -> Option<String> {
        let username = self.recorder.state().present("username")?.to_owned();
        let user = self.setup.users.iter().find(|u| u.username == username)?;
        let mut config = self.setup.config.clone();
        config.pool_id = None;
        config.client_id = None;
        // Its own seeded keys even when this run only lays the lesson out (whose built-in
        // layout key every layout pool shares): another pool's kid must not be in our JWKS.
        config.keys = cognito::KeySource::Seeded;
        let seed = cognito::derive_seed(self.seed, OTHER_POOL_STREAM);
        let mut other = UserPool::new(config, seed, self.pool.now());
        other.add_user(seed_user(user)).ok()?;
        let request = cognito::InitiateAuthRequest::user_password(
            other.client_id(),
            &username,
            &user.password,
        );
        let token = id_token_of(&mut other, request);
        // Its keys and hashing are the other pool's, not a cost of this lesson's step.
        let _ = other.take_crypto_log();
        token
    }
}

/// The ID token a password sign-in earns on `pool`, if it earns one.
fn id_token_of(pool: &mut UserPool, request: cognito::InitiateAuthRequest) -> Option<String> {
    let mut call = pool.start_initiate_auth(request);
    loop {
        if let AuthPhase::Responded(result) = pool.advance_auth(&mut call) {
            return Some(result.clone().ok()?.authentication_result?.id_token);
        }
    }
}

/// `token` with `admins` added to its `cognito:groups`, the header and signature kept.
fn edit_payload(token: &str) -> Option<String> {
    let (_, mut payload) = decode_unverified(token)?;
    let mut groups: Vec<Value> = payload
        .get("cognito:groups")
        .and_then(Value::as_array)
        .cloned()
        .unwrap_or_default();
    groups.push(json!("admins"));
    payload["cognito:groups"] = Value::Array(groups);
    let mut parts = token.split('.');
    let (header, _, signature) = (parts.next()?, parts.next()?, parts.next()?);
    Some(format!("{header}.{}.{signature}", encode(&payload)))
}

/// `token` with the header's `alg` set to `none` and the signature dropped.
fn alg_none(token: &str) -> Option<String> {
    let (mut header, _) = decode_unverified(token)?;
    header["alg"] = json!("none");
    let payload = token.split('.').nth(1)?;
    Some(format!("{}.{payload}.", encode(&header)))
}

fn encode(value: &Value) -> String {
    URL_SAFE_NO_PAD.encode(value.to_string())
}

fn describe(tamper: Tamper) -> &'static str {
    match tamper {
        Tamper::None => "The token is left as Cognito issued it.",
        Tamper::Payload => {
            "The payload now says cognito:groups includes admins; the header and the signature are the original ones."
        }
        Tamper::AlgNone => "The header now says alg: none and the signature is gone.",
        Tamper::AccessAsId => "The app now holds the access token where the ID token goes.",
        Tamper::OtherClient => {
            "The app now holds a real ID token from this pool, issued to another app client."
        }
        Tamper::OtherPool => "The app now holds a real ID token from another user pool.",
    }
}
