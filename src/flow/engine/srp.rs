//! USER_SRP_AUTH, the device's side: the lesson plays the SDK in the app.
//!
//! ```text
//!  compute_srp_a ──> send_srp_a ──> verify_credentials ──> return_result      InitiateAuth
//!  (a, A = g^a)      (USERNAME,      (Cognito: salt, v,     (PASSWORD_VERIFIER:
//!                     SRP_A)          B, u)                  SALT, SRP_B, SECRET_BLOCK)
//!  compute_srp_proof ──> send_srp_proof ──> verify_credentials ──> return_result   RespondTo…
//!  (u, x, S, K, the      (SECRET_BLOCK,      (Cognito: S, K, the    (tokens, a further
//!   signed TIMESTAMP)     TIMESTAMP, sig.)    signature compared)    challenge, or the error)
//! ```
//!
//! The device's numbers go to the tracker (`A`, `S`, `K`, `timestamp`, `signature`) and, whole,
//! to the frame's SRP values; Cognito's come from the mock's own record of the exchange
//! (`AuthCall::srp`), through the Recorder. The device's secret a comes from the run's seed.

use rand::rngs::StdRng;
use rand::{Rng, SeedableRng};

use crate::cognito::{self, srp};
use crate::flow::frame::SrpSide;
use crate::scenario::model::StepSpec;

use super::Runner;
use super::actions::to_json;
use super::inputs::Ask;
use super::record::Effect;

/// What the device sent in its proof, for `send_srp_proof`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) struct SentProof {
    user_id: String,
    secret_block: String,
    timestamp: String,
    signature: String,
}

impl Runner {
    /// The device draws its secret a (128 bytes from the run's seed) and computes A.
    pub(super) fn compute_srp_a(&mut self, effect: &mut Effect) {
        let mut secret = [0u8; 128];
        // One device per run position, so a second sign-in in a lesson draws a new a.
        StdRng::seed_from_u64(self.seed ^ (0x5350_5241 + self.frames.len() as u64))
            .fill_bytes(&mut secret);
        let ((device, took), mut cost) =
            cognito::timed("SRP A (device)", "g^a mod N, 1024-bit a", || {
                srp::Device::new_measured(&secret)
            });
        // A's real cost: its first computation's in this process (see `new_measured`).
        cost.elapsed = took;
        effect.crypto.push(cost);
        self.recorder.set_srp(
            SrpSide::Device,
            "a",
            "1024 random bits; never leaves the device",
            &device.secret_hex(),
        );
        self.recorder.set_srp(
            SrpSide::Device,
            "A",
            "g^a mod N; sent as SRP_A",
            &device.srp_a(),
        );
        self.recorder.set("A", device.srp_a());
        self.device = Some(device);
    }

    /// Phase 1 of InitiateAuth USER_SRP_AUTH: the username and A, no password.
    pub(super) fn send_srp_a(&mut self, step: &StepSpec, effect: &mut Effect) {
        if self.device.is_none() {
            self.compute_srp_a(effect);
        }
        let username = self.username(step);
        let srp_a = self
            .device
            .as_ref()
            .map(srp::Device::srp_a)
            .unwrap_or_default();
        let request =
            cognito::InitiateAuthRequest::user_srp(&self.facts.client_id, &username, &srp_a);
        self.recorder.set("username", username);
        self.start_call(
            "InitiateAuth",
            to_json(&request),
            self.pool.start_initiate_auth(request),
            effect,
        );
    }

    /// From the PASSWORD_VERIFIER challenge the device computes u, x, S and K and signs the
    /// TIMESTAMP it writes (by the step's `timestamp` pattern, Cognito's own by default).
    pub(super) fn compute_srp_proof(&mut self, step: &StepSpec, effect: &mut Effect) {
        let parameters = self.recorder.challenge_parameters().clone();
        let Some(device) = self.device.clone() else {
            effect.notes.push(
                "The device has no secret a yet: a compute_srp_a step comes first.".to_owned(),
            );
            return;
        };
        if !parameters.contains_key("SRP_B") {
            effect.notes.push(
                "There is no PASSWORD_VERIFIER challenge to answer: Cognito did not send one."
                    .to_owned(),
            );
            return;
        }
        let username = self.username(step);
        let password = self
            .input(step, Ask::SentPassword, &username)
            .unwrap_or_default();
        let pattern = self
            .input(step, Ask::Timestamp, &username)
            .unwrap_or_else(|| srp::TIMESTAMP_PATTERN.to_owned());
        let timestamp = match crate::calendar::strftime(&pattern, self.pool.now()) {
            Ok(timestamp) => timestamp,
            Err(message) => {
                effect
                    .notes
                    .push(format!("timestamp `{pattern}`: {message}"));
                srp::format_timestamp(self.pool.now())
            }
        };
        let pool_id = self.facts.pool_id.clone();
        let (proof, cost) =
            cognito::timed("SRP S (device)", "(B − k·g^x)^(a + u·x) mod N", || {
                device.prove(&pool_id, &password, &parameters, &timestamp)
            });
        effect.crypto.push(cost);
        let proof = match proof {
            Ok(proof) => proof,
            Err(refused) => {
                effect
                    .notes
                    .push(format!("The device refuses the challenge: {refused}."));
                return;
            }
        };
        let values = [
            (
                "x",
                "H(pad(s) ‖ H(poolShort ‖ user ‖ \":\" ‖ password)): the password as an exponent; never sent",
                &proof.x,
            ),
            (
                "S",
                "(B − k·g^x)^(a + u·x) mod N; never sent",
                &proof.premaster,
            ),
            (
                "K",
                "HKDF-SHA256(pad(u), pad(S), \"Caldera Derived Key\")[..16]; never sent",
                &proof.key,
            ),
            (
                "TIMESTAMP",
                &format!("the clock as the device writes it (`{pattern}`)"),
                &timestamp,
            ),
            (
                "message",
                "poolShort ‖ user ‖ SECRET_BLOCK ‖ TIMESTAMP",
                &proof.message,
            ),
            (
                "signature",
                "HMAC-SHA256(K, message); sent as PASSWORD_CLAIM_SIGNATURE",
                &proof.signature,
            ),
        ];
        for (name, meaning, value) in values {
            self.recorder.set_srp(SrpSide::Device, name, meaning, value);
        }
        self.recorder.set("S", proof.premaster.clone());
        self.recorder.set("K", proof.key.clone());
        self.recorder.set("timestamp", timestamp.clone());
        self.recorder.set("signature", proof.signature.clone());
        self.proof = Some(SentProof {
            user_id: parameters
                .get("USER_ID_FOR_SRP")
                .cloned()
                .unwrap_or(username),
            secret_block: parameters.get("SECRET_BLOCK").cloned().unwrap_or_default(),
            timestamp,
            signature: proof.signature,
        });
    }

    /// Phase 1 of RespondToAuthChallenge PASSWORD_VERIFIER: the proof, no password.
    pub(super) fn send_srp_proof(&mut self, step: &StepSpec, effect: &mut Effect) {
        if self.proof.is_none() {
            self.compute_srp_proof(step, effect);
        }
        let Some(sent) = self.proof.take() else {
            effect
                .notes
                .push("The device has no proof to send (see the step before).".to_owned());
            return;
        };
        let request = cognito::RespondToAuthChallengeRequest::password_verifier(
            &self.facts.client_id,
            &sent.user_id,
            &sent.secret_block,
            &sent.timestamp,
            &sent.signature,
        );
        self.start_call(
            "RespondToAuthChallenge",
            to_json(&request),
            self.pool.start_respond_to_auth_challenge(request),
            effect,
        );
    }
}
