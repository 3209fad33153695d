//! Adding an authenticator app: during sign-in (the MFA_SETUP challenge's Session) or for a
//! signed-in user (the access token).
//!
//! ```text
//!  sign_in ──> MFA_SETUP, Session ──> associate_software_token ──> verify_software_token ──> answer_mfa_setup
//!                                     SecretCode (QR), Session      first code, Session       tokens
//!  (signed in: the access token instead of the Session; no answer_mfa_setup)
//! ```
//!
//! The authenticator's code is computed from the secret the app was given, exactly as a phone
//! that scanned the QR code computes it (RFC 6238 at the lesson clock).

use crate::cognito::{self, UserPool};
use crate::scenario::model::{StepSpec, TokenKind};

use super::Runner;
use super::inputs::Ask;
use super::record::Effect;

/// The name an authenticator app shows for the account (`otpauth://totp/<issuer>:<user>`).
const ISSUER: &str = "cogflow";

impl Runner {
    /// The Session of the pending MFA_SETUP challenge, or else the access token the app holds:
    /// who is asking, as AssociateSoftwareToken and VerifySoftwareToken take it.
    fn mfa_caller(&self, effect: &mut Effect) -> (Option<String>, Option<String>) {
        match self.recorder.challenge() {
            Some((_, session)) if !session.is_empty() => (None, Some(session.clone())),
            _ => {
                let step = StepSpec::default();
                let token = self.held_token(&step, TokenKind::Access, effect);
                (Some(token), None)
            }
        }
    }

    /// AssociateSoftwareToken: Cognito draws the secret the authenticator will share, shown as
    /// the `otpauth://` URI a QR code carries.
    pub(super) fn associate_software_token(&mut self, _step: &StepSpec, effect: &mut Effect) {
        let (access_token, session) = self.mfa_caller(effect);
        effect.input = if session.is_some() {
            "Session"
        } else {
            "access token"
        }
        .to_owned();
        let request = cognito::AssociateSoftwareTokenRequest {
            access_token,
            session,
        };
        let secret = self.call_for_session(
            "AssociateSoftwareToken",
            request,
            effect,
            UserPool::associate_software_token,
            |r: &cognito::AssociateSoftwareTokenResponse| {
                (r.session.clone(), Some(r.secret_code.clone()))
            },
        );
        if let Some(secret) = secret {
            let account = self
                .recorder
                .state()
                .present("username")
                .unwrap_or_default()
                .to_owned();
            effect
                .notes
                .push(cognito::otpauth_uri(ISSUER, &account, &secret));
            self.recorder.set("secretCode", secret);
        }
    }

    /// VerifySoftwareToken with the authenticator's first code (by default the one it shows
    /// now for the secret it scanned).
    pub(super) fn verify_software_token(&mut self, step: &StepSpec, effect: &mut Effect) {
        let (access_token, session) = self.mfa_caller(effect);
        let shown = self
            .recorder
            .state()
            .present("secretCode")
            .and_then(cognito::totp_from_base32)
            .map(|secret| cognito::totp_code_at(&secret, self.pool.now()));
        let code = self
            .lookup(step)
            .get(Ask::Code, "", shown.as_deref())
            .unwrap_or_default();
        self.recorder.set("code", code.clone());
        let request = cognito::VerifySoftwareTokenRequest {
            access_token,
            session,
            user_code: code,
            friendly_device_name: Some("phone".to_owned()),
        };
        self.call_for_session(
            "VerifySoftwareToken",
            request,
            effect,
            UserPool::verify_software_token,
            |r: &cognito::VerifySoftwareTokenResponse| (r.session.clone(), None),
        );
    }

    /// RespondToAuthChallenge MFA_SETUP with the Session VerifySoftwareToken returned: the
    /// sign-in completes.
    pub(super) fn answer_mfa_setup(&mut self, step: &StepSpec, effect: &mut Effect) {
        let (username, session) = self
            .recorder
            .challenge()
            .cloned()
            .unwrap_or_else(|| (self.username(step), String::new()));
        let request = cognito::RespondToAuthChallengeRequest {
            client_id: self.facts.client_id.clone(),
            challenge_name: cognito::ChallengeName::MfaSetup,
            session,
            challenge_responses: std::collections::BTreeMap::from([(
                "USERNAME".to_owned(),
                username,
            )]),
        };
        self.send(
            "RespondToAuthChallenge",
            request,
            effect,
            UserPool::respond_to_auth_challenge,
        );
    }

    /// Sends an MFA set-up call; on success the pending challenge goes on with the Session
    /// the answer carries, and `pick` says what else the answer holds.
    fn call_for_session<Req, Resp>(
        &mut self,
        operation: &str,
        request: Req,
        effect: &mut Effect,
        op: impl FnOnce(&mut UserPool, Req) -> Result<Resp, cognito::CognitoError>,
        pick: impl Fn(&Resp) -> (Option<String>, Option<String>),
    ) -> Option<String>
    where
        Req: serde::Serialize,
        Resp: serde::Serialize + serde::de::DeserializeOwned,
    {
        if !self.send(operation, request, effect, op) {
            return None;
        }
        let response: Resp = effect
            .api
            .as_ref()
            .and_then(|api| api.response.clone())
            .and_then(|body| serde_json::from_value(body).ok())?;
        let (session, other) = pick(&response);
        if let Some(session) = session {
            self.recorder.renew_session(&session);
        }
        other
    }
}
