//! Lambda triggers, as the behaviour a lesson declares for each, not code.
//!
//! Cognito calls a pool's Lambda functions at fixed points; a lesson declares what its
//! "function" returns, and the pool acts on that exactly as it would on a real function's
//! answer. Every firing is logged ([`UserPool::take_trigger_log`]) with what it returned, so a
//! lesson can show when each trigger ran.
//!
//! | trigger | fires | declared behaviour |
//! |---|---|---|
//! | pre sign-up | SignUp, before the user exists | reject with a message, or auto-confirm (and auto-verify the email) |
//! | post confirmation | ConfirmSignUp (or an auto-confirmed SignUp), after the user is CONFIRMED | runs (e.g. "welcome email queued") |
//! | pre authentication | sign-in, after the user is found, before the password is checked | reject with a message |
//! | pre token generation | every token minted (sign-in and refresh) | add or override ID-token claims, suppress claims, replace the groups |
//! | custom message | every code or invitation sent | the message text, with `{####}` for the code |
//!
//! A rejection is `UserLambdaValidationException: <Trigger> failed with error <message>.`
//! (Cognito appends the period; docs/cognito-fidelity.md, "Triggers").

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use super::error::{CognitoError, Exception};
use super::pool::UserPool;

/// What the pre sign-up trigger returns.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct PreSignUp {
    /// `autoConfirmUser`: the user is CONFIRMED at once and no code is sent.
    pub auto_confirm: bool,
    /// `autoVerifyEmail`: the email is marked verified (only with `auto_confirm`).
    pub auto_verify_email: bool,
    /// Throw this error: the sign-up is refused.
    pub reject: Option<String>,
}

/// What the pre authentication trigger returns.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct PreAuthentication {
    /// Throw this error: the sign-in is refused, whatever the password.
    pub reject: Option<String>,
}

/// What the pre token generation trigger returns (`claimsOverrideDetails`).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct PreTokenGeneration {
    /// `claimsToAddOrOverride` (ID token).
    pub add_claims: BTreeMap<String, String>,
    /// `claimsToSuppress` (ID token).
    pub suppress_claims: Vec<String>,
    /// `groupOverrideDetails.groupsToOverride`: these groups instead of the user's.
    pub groups: Option<Vec<String>>,
}

/// What the custom message trigger returns.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct CustomMessage {
    /// `emailMessage`, with `{####}` where the code goes.
    pub message: String,
}

/// The pool's triggers: `None` means no function is attached.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Triggers {
    /// Pre sign-up.
    pub pre_sign_up: Option<PreSignUp>,
    /// Post confirmation (always succeeds; it is logged).
    pub post_confirmation: bool,
    /// Pre authentication.
    pub pre_authentication: Option<PreAuthentication>,
    /// Pre token generation.
    pub pre_token_generation: Option<PreTokenGeneration>,
    /// Custom message.
    pub custom_message: Option<CustomMessage>,
}

/// Claims that pre token generation may not add, override or suppress (Cognito keeps them).
pub const PROTECTED_CLAIMS: &[&str] = &[
    "acr",
    "amr",
    "aud",
    "auth_time",
    "azp",
    "exp",
    "iat",
    "identities",
    "iss",
    "jti",
    "nbf",
    "nonce",
    "origin_jti",
    "sub",
    "token_use",
    "cognito:username",
    "event_id",
];

/// One firing of a trigger.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct TriggerRun {
    /// The event's `triggerSource`, e.g. `PreSignUp_SignUp`, `TokenGeneration_Authentication`.
    pub source: String,
    /// The user it ran for.
    pub username: String,
    /// What it returned, in words.
    pub returned: String,
}

impl UserPool {
    /// The triggers that fired since the last call, oldest first.
    pub fn take_trigger_log(&mut self) -> Vec<TriggerRun> {
        std::mem::take(&mut self.trigger_log)
    }

    fn log_trigger(&mut self, source: &str, username: &str, returned: impl Into<String>) {
        self.trigger_log.push(TriggerRun {
            source: source.to_owned(),
            username: username.to_owned(),
            returned: returned.into(),
        });
    }

    /// Runs pre sign-up; `Ok(Some(..))` is its answer when one is attached.
    pub(crate) fn run_pre_sign_up(
        &mut self,
        username: &str,
    ) -> Result<Option<PreSignUp>, CognitoError> {
        let Some(trigger) = self.config.triggers.pre_sign_up.clone() else {
            return Ok(None);
        };
        if let Some(message) = &trigger.reject {
            self.log_trigger("PreSignUp_SignUp", username, format!("error: {message}"));
            return Err(rejected("PreSignUp", message));
        }
        self.log_trigger(
            "PreSignUp_SignUp",
            username,
            format!(
                "autoConfirmUser: {}, autoVerifyEmail: {}",
                trigger.auto_confirm, trigger.auto_verify_email
            ),
        );
        Ok(Some(trigger))
    }

    /// Runs post confirmation, if attached.
    pub(crate) fn run_post_confirmation(&mut self, username: &str, source: &str) {
        if self.config.triggers.post_confirmation {
            self.log_trigger(source, username, "returned the event unchanged");
        }
    }

    /// Runs pre authentication, if attached.
    ///
    /// # Errors
    /// `UserLambdaValidationException: PreAuthentication failed with error <message>.`
    pub(crate) fn run_pre_authentication(&mut self, username: &str) -> Result<bool, CognitoError> {
        let Some(trigger) = self.config.triggers.pre_authentication.clone() else {
            return Ok(false);
        };
        match &trigger.reject {
            Some(message) => {
                self.log_trigger(
                    "PreAuthentication_Authentication",
                    username,
                    format!("error: {message}"),
                );
                Err(rejected("PreAuthentication", message))
            }
            None => {
                self.log_trigger(
                    "PreAuthentication_Authentication",
                    username,
                    "returned the event unchanged",
                );
                Ok(true)
            }
        }
    }

    /// Runs pre token generation on an ID token's claims and its groups; `source` is
    /// `TokenGeneration_Authentication` or `TokenGeneration_RefreshTokens`.
    pub(crate) fn run_pre_token_generation(
        &mut self,
        username: &str,
        source: &str,
        claims: &mut BTreeMap<String, serde_json::Value>,
        groups: &mut Vec<String>,
    ) {
        let Some(trigger) = self.config.triggers.pre_token_generation.clone() else {
            return;
        };
        let mut did = Vec::new();
        for (name, value) in &trigger.add_claims {
            if !PROTECTED_CLAIMS.contains(&name.as_str()) {
                claims.insert(name.clone(), serde_json::Value::String(value.clone()));
                did.push(format!("{name} = {value}"));
            }
        }
        for name in &trigger.suppress_claims {
            if !PROTECTED_CLAIMS.contains(&name.as_str()) && claims.remove(name).is_some() {
                did.push(format!("{name} suppressed"));
            }
        }
        if let Some(replacement) = &trigger.groups {
            groups.clone_from(replacement);
            did.push(format!("cognito:groups = [{}]", replacement.join(", ")));
        }
        let returned = if did.is_empty() {
            "no changes".to_owned()
        } else {
            did.join("; ")
        };
        self.log_trigger(source, username, returned);
    }

    /// Runs custom message for a code about to be sent; returns the message text.
    pub(crate) fn run_custom_message(
        &mut self,
        username: &str,
        source: &str,
        code: &str,
    ) -> Option<String> {
        let trigger = self.config.triggers.custom_message.clone()?;
        let text = trigger.message.replace("{####}", code);
        self.log_trigger(source, username, format!("emailMessage: {text}"));
        Some(text)
    }
}

fn rejected(trigger: &str, message: &str) -> CognitoError {
    CognitoError::new(
        Exception::UserLambdaValidation,
        format!("{trigger} failed with error {message}."),
    )
}
