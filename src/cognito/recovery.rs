//! ForgotPassword and ConfirmForgotPassword.

use super::api::{
    CodeDeliveryResponse, ConfirmForgotPasswordRequest, EmptyResponse, ForgotPasswordRequest,
};
use super::error::CognitoError;
use super::ids;
use super::pool::{CodeKind, UserPool};
use super::signup::email_delivery;
use super::user::UserStatus;
use super::validation::{self, Validation};

impl UserPool {
    /// ForgotPassword: emails a 6-digit reset code valid 1 h to the user's verified email.
    /// The user's status does not change until the code comes back.
    ///
    /// An unknown or disabled user gets `UserNotFoundException: Username/client id combination
    /// not found.` under LEGACY and a simulated delivery under ENABLED (Cognito treats a disabled
    /// user like an unknown one here, so the answer reveals nothing).
    ///
    /// # Errors
    /// `InvalidParameterException` when there is no verified email to send the code to.
    pub fn forgot_password(
        &mut self,
        request: ForgotPasswordRequest,
    ) -> Result<CodeDeliveryResponse, CognitoError> {
        self.client(&request.client_id)?;
        self.require_secret_hash(
            &request.client_id,
            request.secret_hash.as_deref(),
            &request.username,
        )?;
        let username = self
            .resolve_sign_in_name(&request.username)
            .unwrap_or_else(|| request.username.clone());
        let Some(user) = self.users.get(&username).filter(|u| u.enabled) else {
            return self.simulated_delivery(&request.client_id, &request.username);
        };
        let Some(email) = user.verified_email().map(str::to_owned) else {
            return Err(CognitoError::no_verified_contact());
        };
        let code = ids::six_digits(&mut self.rng.next());
        let masked = self.send(&username, &email, CodeKind::ForgotPassword, code);
        self.record_auth_event(&username, "ForgotPassword", "Pass", Vec::new());
        Ok(CodeDeliveryResponse {
            code_delivery_details: email_delivery(masked),
        })
    }

    /// ConfirmForgotPassword: the reset code and a new password (policy applies). The user
    /// becomes CONFIRMED and the lockout count is cleared. A policy failure leaves the code
    /// usable for another try.
    ///
    /// # Errors
    /// `InvalidParameterException` for an empty code (before anything else),
    /// `CodeMismatchException`, `ExpiredCodeException` (also when no code was requested),
    /// `InvalidPasswordException`; an unknown or disabled user gets `UserNotFoundException`
    /// under LEGACY and `CodeMismatchException` under ENABLED.
    pub fn confirm_forgot_password(
        &mut self,
        request: ConfirmForgotPasswordRequest,
    ) -> Result<EmptyResponse, CognitoError> {
        Validation::default()
            .member(
                "confirmationCode",
                &validation::CONFIRMATION_CODE,
                Some(&request.confirmation_code),
            )
            .member("password", &validation::PASSWORD, Some(&request.password))
            .done()?;
        self.client(&request.client_id)?;
        self.require_secret_hash(
            &request.client_id,
            request.secret_hash.as_deref(),
            &request.username,
        )?;
        let username = self
            .resolve_sign_in_name(&request.username)
            .unwrap_or_else(|| request.username.clone());
        if !self.users.get(&username).is_some_and(|u| u.enabled) {
            return Err(self.unknown_user_for_code(&request.client_id));
        }
        self.check_code(
            &username,
            CodeKind::ForgotPassword,
            &request.confirmation_code,
        )?;
        self.config.password_policy.check(&request.password)?;
        // The verifier's x is over the internal username, whatever name the request used.
        let credential = self.credential(&username, &request.password)?;
        self.codes
            .remove(&(username.clone(), CodeKind::ForgotPassword));
        let now = self.now;
        self.record_auth_event(&username, "PasswordChange", "Pass", Vec::new());
        let user = self.user_mut(&username)?;
        user.credential = credential;
        user.status = UserStatus::Confirmed;
        user.temporary_password_expires_at = None;
        user.lockout.succeed();
        user.modified_at = now;
        Ok(EmptyResponse {})
    }
}
