//! SignUp, ConfirmSignUp and ResendConfirmationCode.

use std::collections::BTreeMap;

use sha2::{Digest, Sha256};

use super::api::{
    AttributeType, CodeDeliveryDetails, CodeDeliveryResponse, ConfirmSignUpRequest, EmptyResponse,
    ResendConfirmationCodeRequest, SignUpRequest, SignUpResponse,
};
use super::config::PreventUserExistenceErrors;
use super::error::{CognitoError, Exception};
use super::ids;
use super::pool::{CodeKind, UserPool, check_username};
use super::schema::Writer;
use super::sign_in_names::SignInAttribute;
use super::user::{User, UserStatus};
use super::validation::{self, Validation};

/// `CodeDeliveryDetails` for an email.
pub(crate) fn email_delivery(masked: String) -> CodeDeliveryDetails {
    CodeDeliveryDetails {
        destination: masked,
        delivery_medium: "EMAIL".to_owned(),
        attribute_name: "email".to_owned(),
    }
}

/// Attributes from a request: standard or `custom:` names only (`sub` is the pool's to assign,
/// and no attribute may be named like a token claim).
pub(crate) fn attributes_from(
    list: &[AttributeType],
) -> Result<BTreeMap<String, String>, CognitoError> {
    let mut attributes = BTreeMap::new();
    for attribute in list {
        super::attributes::check_name(&attribute.name)?;
        attributes.insert(attribute.name.clone(), attribute.value.clone());
    }
    Ok(attributes)
}

impl UserPool {
    /// SignUp: checks the password against the policy (one unmet rule per answer), creates an
    /// UNCONFIRMED user and emails a 6-digit code valid 24 h (read it with
    /// [`UserPool::last_code`]).
    ///
    /// Order (not pinned down by the facts): client, username format, password policy, username
    /// taken.
    ///
    /// # Errors
    /// `ResourceNotFoundException`, `InvalidParameterException`, `InvalidPasswordException`,
    /// `UsernameExistsException: User already exists`.
    pub fn sign_up(&mut self, request: SignUpRequest) -> Result<SignUpResponse, CognitoError> {
        Validation::default()
            .member("password", &validation::PASSWORD, Some(&request.password))
            .done()?;
        self.client(&request.client_id)?;
        self.require_secret_hash(
            &request.client_id,
            request.secret_hash.as_deref(),
            &request.username,
        )?;
        check_username(&request.username)?;
        let as_attribute = self.username_attribute_of(&request.username)?;
        self.config.password_policy.check(&request.password)?;
        self.check_attribute_writes(&request.user_attributes, &BTreeMap::new(), Writer::Creation)?;
        let taken = match as_attribute {
            Some(attribute) => self
                .alias_holder(attribute, &request.username, "")
                .is_some(),
            None => self.users.contains_key(&request.username),
        };
        if taken {
            return Err(match as_attribute {
                Some(attribute) => CognitoError::new(
                    Exception::UsernameExists,
                    format!(
                        "An account with the given {} already exists.",
                        attribute.name()
                    ),
                ),
                None => CognitoError::user_already_exists(),
            });
        }
        let mut attributes = attributes_from(&request.user_attributes)?;
        if let Some(attribute) = as_attribute {
            attributes.insert(attribute.name().to_owned(), request.username.clone());
        }
        for (contact, flag) in [
            ("email", "email_verified"),
            ("phone_number", "phone_number_verified"),
        ] {
            if attributes.contains_key(contact) {
                // Verified only once the code sent to it comes back.
                attributes.insert(flag.to_owned(), "false".to_owned());
            }
        }
        let pre_sign_up = self.run_pre_sign_up(&request.username)?;
        let confirmed = pre_sign_up.as_ref().is_some_and(|p| p.auto_confirm);
        if confirmed
            && pre_sign_up.as_ref().is_some_and(|p| p.auto_verify_email)
            && attributes.contains_key("email")
        {
            attributes.insert("email_verified".to_owned(), "true".to_owned());
        }
        let sub = ids::uuid_v4(&mut self.rng.next());
        // With UsernameAttributes the username is the sub and the email (or phone) an attribute.
        let username = if as_attribute.is_some() {
            sub.clone()
        } else {
            request.username.clone()
        };
        let credential = self.credential(&username, &request.password)?;
        let email = attributes.get("email").cloned();
        let status = if confirmed {
            UserStatus::Confirmed
        } else {
            UserStatus::Unconfirmed
        };
        self.users.insert(
            username.clone(),
            User::new(
                username.clone(),
                sub.clone(),
                status,
                attributes,
                credential,
                self.now,
            ),
        );
        self.record_auth_event(&username, "SignUp", "Pass", Vec::new());
        if confirmed {
            self.run_post_confirmation(&username, "PostConfirmation_ConfirmSignUp");
        }
        let code_delivery_details = email.filter(|_| !confirmed).map(|email| {
            let code = ids::six_digits(&mut self.rng.next());
            email_delivery(self.send(&username, &email, CodeKind::SignUp, code))
        });
        Ok(SignUpResponse {
            user_confirmed: confirmed,
            user_sub: sub,
            code_delivery_details,
        })
    }

    /// ConfirmSignUp: the emailed code makes the user CONFIRMED and the email verified.
    ///
    /// # Errors
    /// `InvalidParameterException` for an empty code (before anything else),
    /// `NotAuthorizedException: User cannot confirm because user status is not UNCONFIRMED.`,
    /// `CodeMismatchException`, `ExpiredCodeException`; an unknown user gets
    /// `UserNotFoundException` under LEGACY and `CodeMismatchException` under ENABLED.
    pub fn confirm_sign_up(
        &mut self,
        request: ConfirmSignUpRequest,
    ) -> Result<EmptyResponse, CognitoError> {
        Validation::default()
            .member(
                "confirmationCode",
                &validation::CONFIRMATION_CODE,
                Some(&request.confirmation_code),
            )
            .done()?;
        self.client(&request.client_id)?;
        self.require_secret_hash(
            &request.client_id,
            request.secret_hash.as_deref(),
            &request.username,
        )?;
        let Some(username) = self.resolve_sign_in_name(&request.username) else {
            return Err(self.unknown_user_for_code(&request.client_id));
        };
        let Some(user) = self.users.get(&username) else {
            return Err(self.unknown_user_for_code(&request.client_id));
        };
        if user.status != UserStatus::Unconfirmed {
            return Err(CognitoError::cannot_confirm());
        }
        let email = user.attributes.get("email").cloned();
        self.take_code(&username, CodeKind::SignUp, &request.confirmation_code)?;
        // Confirming verifies the email; as an alias it must not be another user's already.
        let alias_taken = email.as_deref().is_some_and(|email| {
            self.config
                .alias_attributes
                .contains(&SignInAttribute::Email)
                && self
                    .alias_holder(SignInAttribute::Email, email, &username)
                    .is_some()
        });
        if alias_taken {
            return Err(CognitoError::new(
                Exception::AliasExists,
                "An account with the email already exists.",
            ));
        }
        let now = self.now;
        let user = self.user_mut(&username)?;
        user.status = UserStatus::Confirmed;
        if user.attributes.contains_key("email") {
            user.attributes
                .insert("email_verified".to_owned(), "true".to_owned());
        }
        user.modified_at = now;
        self.run_post_confirmation(&username, "PostConfirmation_ConfirmSignUp");
        Ok(EmptyResponse {})
    }

    /// ResendConfirmationCode: a new code replaces the old one.
    ///
    /// # Errors
    /// `InvalidParameterException: User is already confirmed.`; an unknown user gets
    /// `UserNotFoundException: Username/client id combination not found.` under LEGACY and a
    /// simulated delivery (nothing sent) under ENABLED.
    pub fn resend_confirmation_code(
        &mut self,
        request: ResendConfirmationCodeRequest,
    ) -> Result<CodeDeliveryResponse, CognitoError> {
        self.client(&request.client_id)?;
        self.require_secret_hash(
            &request.client_id,
            request.secret_hash.as_deref(),
            &request.username,
        )?;
        let Some(username) = self.resolve_sign_in_name(&request.username) else {
            return self.simulated_delivery(&request.client_id, &request.username);
        };
        let Some(user) = self.users.get(&username) else {
            return self.simulated_delivery(&request.client_id, &request.username);
        };
        if user.status != UserStatus::Unconfirmed {
            return Err(CognitoError::already_confirmed());
        }
        let Some(email) = user.attributes.get("email").cloned() else {
            return Err(CognitoError::new(
                Exception::InvalidParameter,
                "The user has no email address to send a code to",
            ));
        };
        let code = ids::six_digits(&mut self.rng.next());
        let masked = self.send(&username, &email, CodeKind::SignUp, code);
        Ok(CodeDeliveryResponse {
            code_delivery_details: email_delivery(masked),
        })
    }

    /// Under ENABLED, unknown users get a plausible delivery so the answer does not reveal
    /// that the user does not exist; under LEGACY they get `UserNotFoundException`.
    pub(crate) fn simulated_delivery(
        &mut self,
        client_id: &str,
        username: &str,
    ) -> Result<CodeDeliveryResponse, CognitoError> {
        match self.pue(client_id) {
            PreventUserExistenceErrors::Legacy => Err(CognitoError::username_client_not_found()),
            PreventUserExistenceErrors::Enabled => {
                // Stable per username (a keyed hash, not a fresh draw): asking twice about a
                // missing user must give the same answer, as asking twice about a real one does.
                let first = username.chars().next().unwrap_or('a');
                let digest = Sha256::new()
                    .chain_update(self.pool_id.as_bytes())
                    .chain_update([0])
                    .chain_update(username.as_bytes())
                    .finalize();
                let domain = char::from(b'a' + digest[0] % 26);
                Ok(CodeDeliveryResponse {
                    code_delivery_details: email_delivery(format!("{first}***@{domain}***")),
                })
            }
        }
    }

    /// What a code-confirming call tells an unknown user.
    pub(crate) fn unknown_user_for_code(&self, client_id: &str) -> CognitoError {
        match self.pue(client_id) {
            PreventUserExistenceErrors::Legacy => CognitoError::username_client_not_found(),
            PreventUserExistenceErrors::Enabled => CognitoError::code_mismatch(),
        }
    }

    /// Checks `code` against the pending one for (username, kind) and uses it up.
    /// No code pending or an expired one: ExpiredCode; a different one: CodeMismatch.
    pub(crate) fn take_code(
        &mut self,
        username: &str,
        kind: CodeKind,
        code: &str,
    ) -> Result<(), CognitoError> {
        self.check_code(username, kind, code)?;
        self.codes.remove(&(username.to_owned(), kind));
        Ok(())
    }

    /// As [`Self::take_code`], without using the code up.
    pub(crate) fn check_code(
        &self,
        username: &str,
        kind: CodeKind,
        code: &str,
    ) -> Result<(), CognitoError> {
        match self.codes.get(&(username.to_owned(), kind)) {
            None => Err(CognitoError::expired_code()),
            Some(pending) if self.now >= pending.expires_at => Err(CognitoError::expired_code()),
            Some(pending) if pending.code != code => Err(CognitoError::code_mismatch()),
            Some(_) => Ok(()),
        }
    }
}
