//! Admin calls: AdminCreateUser, AdminGetUser, AdminDisableUser, AdminEnableUser.

use super::api::{
    AdminCreateUserRequest, AdminCreateUserResponse, AdminGetUserResponse,
    AdminSetUserPasswordRequest, AdminUserRequest, EmptyResponse, MessageAction,
};
use super::error::{CognitoError, Exception};
use super::ids;
use super::pool::{CodeKind, UserPool, check_username};
use super::session::{attribute_types, mfa_settings, user_type};
use super::signup::attributes_from;
use super::user::{User, UserStatus};
use super::validation::{self, Validation};

impl UserPool {
    /// AdminCreateUser: a FORCE_CHANGE_PASSWORD user whose temporary password (given, and then
    /// checked against the policy, or generated) works for `temporary_password_validity_days`.
    /// The invitation with the temporary password goes to the `email` attribute unless
    /// `MessageAction` is SUPPRESS. `RESEND` gives an existing FORCE_CHANGE_PASSWORD user a new
    /// temporary password and a new validity (the old one cannot be re-sent: only its hash is
    /// kept).
    ///
    /// # Errors
    /// `ResourceNotFoundException` (another pool id), `UsernameExistsException: User account
    /// already exists`, `InvalidPasswordException`, `UserNotFoundException` (RESEND for nobody),
    /// `UnsupportedUserStateException` (RESEND for a user no longer in FORCE_CHANGE_PASSWORD).
    pub fn admin_create_user(
        &mut self,
        request: AdminCreateUserRequest,
    ) -> Result<AdminCreateUserResponse, CognitoError> {
        Validation::default()
            .member(
                "temporaryPassword",
                &validation::PASSWORD,
                request.temporary_password.as_deref(),
            )
            .done()?;
        self.check_pool(&request.user_pool_id)?;
        check_username(&request.username)?;
        let resend = request.message_action == Some(MessageAction::Resend);
        match (self.users.get(&request.username), resend) {
            (Some(_), false) => return Err(CognitoError::user_account_already_exists()),
            (None, true) => return Err(CognitoError::user_does_not_exist()),
            (Some(user), true) if user.status != UserStatus::ForceChangePassword => {
                return Err(CognitoError::new(
                    Exception::UnsupportedUserState,
                    format!(
                        "Resend not possible. {} status is not FORCE_CHANGE_PASSWORD.",
                        request.username
                    ),
                ));
            }
            (Some(_) | None, _) => {}
        }
        let temporary = match &request.temporary_password {
            Some(given) => {
                self.config.password_policy.check(given)?;
                given.clone()
            }
            None => ids::temporary_password(&mut self.rng.next()),
        };
        let credential = self.credential(&request.username, &temporary)?;
        let expires = self.now + self.temporary_password_validity();
        let now = self.now;
        if resend {
            let user = self.user_mut(&request.username)?;
            user.credential = credential;
            user.temporary_password_expires_at = Some(expires);
            user.modified_at = now;
        } else {
            self.check_attribute_writes(
                &request.user_attributes,
                &std::collections::BTreeMap::new(),
                super::schema::Writer::Creation,
            )?;
            let attributes = attributes_from(&request.user_attributes)?;
            let sub = ids::uuid_v4(&mut self.rng.next());
            let user = User {
                temporary_password_expires_at: Some(expires),
                ..User::new(
                    request.username.clone(),
                    sub,
                    UserStatus::ForceChangePassword,
                    attributes,
                    credential,
                    now,
                )
            };
            self.users.insert(request.username.clone(), user);
        }
        let email = self
            .users
            .get(&request.username)
            .and_then(|u| u.attributes.get("email").cloned());
        if let Some(email) = email
            && request.message_action != Some(MessageAction::Suppress)
        {
            self.send(
                &request.username,
                &email,
                CodeKind::TemporaryPassword,
                temporary,
            );
        }
        let user = self
            .users
            .get(&request.username)
            .ok_or_else(CognitoError::user_does_not_exist)?;
        Ok(AdminCreateUserResponse {
            user: user_type(user),
        })
    }

    /// AdminConfirmSignUp: an UNCONFIRMED user becomes CONFIRMED without a code (the email is
    /// not marked verified: no code proved it).
    ///
    /// # Errors
    /// `ResourceNotFoundException`, `UserNotFoundException`, and `NotAuthorizedException: User
    /// cannot be confirmed. Current status is CONFIRMED` for a user past UNCONFIRMED (unsourced
    /// wording).
    pub fn admin_confirm_sign_up(
        &mut self,
        request: AdminUserRequest,
    ) -> Result<EmptyResponse, CognitoError> {
        self.check_pool(&request.user_pool_id)?;
        let now = self.now;
        let user = self.user_mut(&request.username)?;
        if user.status != UserStatus::Unconfirmed {
            return Err(CognitoError::new(
                Exception::NotAuthorized,
                format!(
                    "User cannot be confirmed. Current status is {}",
                    user.status.as_str()
                ),
            ));
        }
        user.status = UserStatus::Confirmed;
        user.modified_at = now;
        self.codes
            .remove(&(request.username.clone(), CodeKind::SignUp));
        Ok(EmptyResponse {})
    }

    /// AdminSetUserPassword: a new password (the policy applies). `Permanent: true` makes the
    /// user CONFIRMED; otherwise it is a temporary password (FORCE_CHANGE_PASSWORD, valid
    /// `temporary_password_validity_days`) [BC].
    ///
    /// # Errors
    /// `ResourceNotFoundException`, `UserNotFoundException`, `InvalidPasswordException`.
    pub fn admin_set_user_password(
        &mut self,
        request: AdminSetUserPasswordRequest,
    ) -> Result<EmptyResponse, CognitoError> {
        Validation::default()
            .member("password", &validation::PASSWORD, Some(&request.password))
            .done()?;
        self.check_pool(&request.user_pool_id)?;
        self.set_password(&request.username, &request.password)?;
        let status = if request.permanent {
            UserStatus::Confirmed
        } else {
            UserStatus::ForceChangePassword
        };
        self.set_user_status(&request.username, status)?;
        Ok(EmptyResponse {})
    }

    /// AdminDeleteUser: the user is gone; their tokens are revoked first, so Cognito's APIs
    /// refuse them (`Access Token has been revoked`; the wording after a deletion is unsourced).
    ///
    /// # Errors
    /// `ResourceNotFoundException`, `UserNotFoundException`.
    pub fn admin_delete_user(
        &mut self,
        request: AdminUserRequest,
    ) -> Result<EmptyResponse, CognitoError> {
        self.check_pool(&request.user_pool_id)?;
        self.delete_user_named(&request.username)?;
        Ok(EmptyResponse {})
    }

    /// Removes `username` with everything the pool holds for them.
    pub(crate) fn delete_user_named(&mut self, username: &str) -> Result<(), CognitoError> {
        self.user_mut(username)?;
        self.revoke_all_families(username);
        self.users.remove(username);
        self.codes.retain(|(who, _), _| who != username);
        self.challenges.retain(|_, c| c.username != username);
        Ok(())
    }

    /// AdminGetUser.
    ///
    /// # Errors
    /// `ResourceNotFoundException`, `UserNotFoundException: User does not exist.`
    pub fn admin_get_user(
        &self,
        request: AdminUserRequest,
    ) -> Result<AdminGetUserResponse, CognitoError> {
        self.check_pool(&request.user_pool_id)?;
        let user = self
            .users
            .get(&request.username)
            .ok_or_else(CognitoError::user_does_not_exist)?;
        let (preferred_mfa_setting, user_mfa_setting_list) = mfa_settings(user);
        Ok(AdminGetUserResponse {
            username: user.username.clone(),
            user_attributes: attribute_types(user),
            user_create_date: user.created_at,
            user_last_modified_date: user.modified_at,
            enabled: user.enabled,
            user_status: user.status,
            preferred_mfa_setting,
            user_mfa_setting_list,
        })
    }

    /// AdminDisableUser: the user can no longer sign in, and all their tokens are revoked for
    /// Cognito's APIs.
    ///
    /// # Errors
    /// `ResourceNotFoundException`, `UserNotFoundException: User does not exist.`
    pub fn admin_disable_user(
        &mut self,
        request: AdminUserRequest,
    ) -> Result<EmptyResponse, CognitoError> {
        self.check_pool(&request.user_pool_id)?;
        self.set_enabled(&request.username, false)?;
        Ok(EmptyResponse {})
    }

    /// AdminEnableUser. Tokens revoked by disabling stay revoked.
    ///
    /// # Errors
    /// `ResourceNotFoundException`, `UserNotFoundException: User does not exist.`
    pub fn admin_enable_user(
        &mut self,
        request: AdminUserRequest,
    ) -> Result<EmptyResponse, CognitoError> {
        self.check_pool(&request.user_pool_id)?;
        self.set_enabled(&request.username, true)?;
        Ok(EmptyResponse {})
    }
}
