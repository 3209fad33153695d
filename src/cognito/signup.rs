//! SignUp, ConfirmSignUp and ResendConfirmationCode.

use std::collections::BTreeMap;

use rand::RngExt;

use super::api::{
    AttributeType, CodeDeliveryDetails, CodeDeliveryResponse, ConfirmSignUpRequest, EmptyResponse,
    ResendConfirmationCodeRequest, SignUpRequest, SignUpResponse,
};
use super::config::PreventUserExistenceErrors;
use super::error::{CognitoError, Exception};
use super::ids;
use super::pool::{CodeKind, UserPool, check_username};
use super::user::{User, UserStatus};

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
        self.client(&request.client_id)?;
        check_username(&request.username)?;
        self.config.password_policy.check(&request.password)?;
        if self.users.contains_key(&request.username) {
            return Err(CognitoError::user_already_exists());
        }
        let mut attributes = attributes_from(&request.user_attributes)?;
        if attributes.contains_key("email") {
            // Verified only once the emailed code comes back.
            attributes.insert("email_verified".to_owned(), "false".to_owned());
        }
        let sub = ids::uuid_v4(&mut self.rng.next());
        let credential = self.credential(&request.username, &request.password)?;
        let email = attributes.get("email").cloned();
        self.users.insert(
            request.username.clone(),
            User::new(
                request.username.clone(),
                sub.clone(),
                UserStatus::Unconfirmed,
                attributes,
                credential,
                self.now,
            ),
        );
        let code_delivery_details = email.map(|email| {
            let code = ids::six_digits(&mut self.rng.next());
            email_delivery(self.send(&request.username, &email, CodeKind::SignUp, code))
        });
        Ok(SignUpResponse {
            user_confirmed: false,
            user_sub: sub,
            code_delivery_details,
        })
    }

    /// ConfirmSignUp: the emailed code makes the user CONFIRMED and the email verified.
    ///
    /// # Errors
    /// `NotAuthorizedException: User cannot confirm because user status is not UNCONFIRMED.`,
    /// `CodeMismatchException`, `ExpiredCodeException`; an unknown user gets
    /// `UserNotFoundException` under LEGACY and `CodeMismatchException` under ENABLED.
    pub fn confirm_sign_up(
        &mut self,
        request: ConfirmSignUpRequest,
    ) -> Result<EmptyResponse, CognitoError> {
        self.client(&request.client_id)?;
        let Some(user) = self.users.get(&request.username) else {
            return Err(self.unknown_user_for_code(&request.client_id));
        };
        if user.status != UserStatus::Unconfirmed {
            return Err(CognitoError::cannot_confirm());
        }
        self.take_code(
            &request.username,
            CodeKind::SignUp,
            &request.confirmation_code,
        )?;
        let now = self.now;
        let user = self.user_mut(&request.username)?;
        user.status = UserStatus::Confirmed;
        if user.attributes.contains_key("email") {
            user.attributes
                .insert("email_verified".to_owned(), "true".to_owned());
        }
        user.modified_at = now;
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
        let Some(user) = self.users.get(&request.username) else {
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
        let masked = self.send(&request.username, &email, CodeKind::SignUp, code);
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
                let first = username.chars().next().unwrap_or('a');
                let domain = char::from(b'a' + self.rng.next().random_range(0..26u8));
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
