//! Every Cognito operation besides signing in: signing up and confirming, an administrator's
//! account changes, resetting a password, and what the app does with the tokens it holds
//! (calling an API, signing out, revoking).
//!
//! Each arm types its inputs into the run's variables, builds the request and sends it; what
//! the answer changes (a delivered code, `authStatus`) is recorded in one place for every
//! caller, [`super::record::Recorder::absorb`].

use crate::cognito::{self, AttributeType, CodeKind, UserPool};
use crate::scenario::model::{StepSpec, TokenKind};

use super::Runner;
use super::inputs::Ask;
use super::record::Effect;

impl Runner {
    /// SignUp with the username, password and email typed.
    pub(super) fn sign_up(&mut self, step: &StepSpec, effect: &mut Effect) {
        let username = self.username(step);
        let password = self
            .input(step, Ask::TypedPassword, &username)
            .unwrap_or_default();
        let email = self.input(step, Ask::Email, &username);
        self.typed(&username, &password);
        let request = cognito::SignUpRequest {
            client_id: self.facts.client_id.clone(),
            secret_hash: self.pool.secret_hash_for(&username),
            username: username.clone(),
            password: password.clone(),
            user_attributes: email_attribute(email.as_deref()),
        };
        if let Some(email) = email {
            self.recorder.set("email", email);
        }
        if self.send("SignUp", request, effect, UserPool::sign_up) {
            self.password_changed(&username, &password);
        }
    }

    /// ConfirmSignUp with the code typed (by default the one the user received).
    pub(super) fn confirm_sign_up(&mut self, step: &StepSpec, effect: &mut Effect) {
        let username = self.username(step);
        let code = self.code(step, &username, CodeKind::SignUp);
        let request = cognito::ConfirmSignUpRequest {
            client_id: self.facts.client_id.clone(),
            secret_hash: self.pool.secret_hash_for(&username),
            username,
            confirmation_code: code,
        };
        self.send("ConfirmSignUp", request, effect, UserPool::confirm_sign_up);
    }

    /// ResendConfirmationCode.
    pub(super) fn resend_confirmation_code(&mut self, step: &StepSpec, effect: &mut Effect) {
        let request = self.username_request(step);
        self.send(
            "ResendConfirmationCode",
            request,
            effect,
            UserPool::resend_confirmation_code,
        );
    }

    /// AdminCreateUser: the invitation carries a temporary password (the step's, or one
    /// Cognito makes).
    pub(super) fn admin_create_user(&mut self, step: &StepSpec, effect: &mut Effect) {
        let username = self.username(step);
        let email = self.input(step, Ask::Email, &username);
        let temporary = self.input(step, Ask::TemporaryPassword, &username);
        self.recorder.set("username", username.clone());
        let request = cognito::AdminCreateUserRequest {
            user_pool_id: self.facts.pool_id.clone(),
            username: username.clone(),
            temporary_password: temporary,
            message_action: None,
            user_attributes: email_attribute(email.as_deref()),
        };
        if let Some(email) = email {
            self.recorder.set("email", email);
        }
        let created = self.send(
            "AdminCreateUser",
            request,
            effect,
            UserPool::admin_create_user,
        );
        // The invitation's temporary password (in the `password` variable now) is what the
        // user types next, and what the pool holds.
        if created && let Some(temporary) = self.recorder.state().present("password") {
            let temporary = temporary.to_owned();
            self.typed_for = Some(username.clone());
            self.password_changed(&username, &temporary);
        }
    }

    /// ForgotPassword: a reset code is emailed.
    pub(super) fn forgot_password(&mut self, step: &StepSpec, effect: &mut Effect) {
        let request = self.username_request(step);
        self.send("ForgotPassword", request, effect, UserPool::forgot_password);
    }

    /// ConfirmForgotPassword with the code typed and the new password.
    pub(super) fn confirm_forgot_password(&mut self, step: &StepSpec, effect: &mut Effect) {
        let username = self.username(step);
        let code = self.code(step, &username, CodeKind::ForgotPassword);
        let new_password = self
            .input(step, Ask::NewPassword, &username)
            .unwrap_or_default();
        self.recorder.set("newPassword", new_password.clone());
        let request = cognito::ConfirmForgotPasswordRequest {
            client_id: self.facts.client_id.clone(),
            secret_hash: self.pool.secret_hash_for(&username),
            username: username.clone(),
            confirmation_code: code,
            password: new_password.clone(),
        };
        if self.send(
            "ConfirmForgotPassword",
            request,
            effect,
            UserPool::confirm_forgot_password,
        ) {
            self.password_changed(&username, &new_password);
        }
    }

    /// AdminDisableUser (`enabled` false) or AdminEnableUser.
    pub(super) fn admin_set_enabled(
        &mut self,
        step: &StepSpec,
        enabled: bool,
        effect: &mut Effect,
    ) {
        let request = cognito::AdminUserRequest {
            user_pool_id: self.facts.pool_id.clone(),
            username: self.username(step),
        };
        if enabled {
            self.send(
                "AdminEnableUser",
                request,
                effect,
                UserPool::admin_enable_user,
            );
        } else {
            self.send(
                "AdminDisableUser",
                request,
                effect,
                UserPool::admin_disable_user,
            );
        }
    }

    /// GetUser with the access token the app holds ("call an API"), or the step's `token`.
    pub(super) fn get_user(&mut self, step: &StepSpec, effect: &mut Effect) {
        let request = cognito::AccessTokenRequest {
            access_token: self.held_token(step, TokenKind::Access, effect),
        };
        self.send("GetUser", request, effect, UserPool::get_user);
    }

    /// GlobalSignOut with the access token the app holds, or the step's `token`.
    pub(super) fn global_sign_out(&mut self, step: &StepSpec, effect: &mut Effect) {
        let request = cognito::AccessTokenRequest {
            access_token: self.held_token(step, TokenKind::Access, effect),
        };
        self.send("GlobalSignOut", request, effect, UserPool::global_sign_out);
    }

    /// RevokeToken with the refresh token the app holds, or the step's `token`.
    pub(super) fn revoke_token(&mut self, step: &StepSpec, effect: &mut Effect) {
        let request = cognito::RevokeTokenRequest {
            token: self.held_token(step, TokenKind::Refresh, effect),
            client_id: self.facts.client_id.clone(),
        };
        self.send("RevokeToken", request, effect, UserPool::revoke_token);
    }

    /// The code `step` types for `username` (by default the `kind` code they received), put in
    /// the `code` variable.
    fn code(&mut self, step: &StepSpec, username: &str, kind: CodeKind) -> String {
        // Codes are kept under the internal username, which an email may only stand for.
        let internal = self.pool.resolve_sign_in_name(username);
        let received = self
            .pool
            .last_code(internal.as_deref().unwrap_or(username), kind);
        let code = self
            .lookup(step)
            .get(Ask::Code, username, received.as_deref())
            .unwrap_or_default();
        self.recorder.set("code", code.clone());
        code
    }

    fn username_request(&self, step: &StepSpec) -> cognito::UsernameRequest {
        let username = self.username(step);
        cognito::UsernameRequest {
            client_id: self.facts.client_id.clone(),
            secret_hash: self.pool.secret_hash_for(&username),
            username,
        }
    }
}

/// The `email` attribute, when there is an email.
fn email_attribute(email: Option<&str>) -> Vec<AttributeType> {
    email
        .into_iter()
        .map(|e| AttributeType::new("email", e))
        .collect()
}
