//! Admin user management a console user expects: AdminResetUserPassword,
//! AdminUserGlobalSignOut, AdminListUserAuthEvents (ListUsers with a filter is in `manage`).

use serde::{Deserialize, Serialize};

use super::api::{AdminUserRequest, EmptyResponse};
use super::error::CognitoError;
use super::ids;
use super::pool::{CodeKind, UserPool};
use super::user::UserStatus;

/// One sign-in (or other account event) in a user's history.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct AuthEvent {
    pub event_id: String,
    pub event_type: &'static str,
    pub created_at: u64,
    pub response: &'static str,
    pub challenges: Vec<(&'static str, &'static str)>,
}

/// `AuthEventType`, as AdminListUserAuthEvents lists it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "PascalCase")]
pub struct AuthEventType {
    /// A UUID.
    pub event_id: String,
    /// `SignIn`, `SignUp`, `ForgotPassword`, `PasswordChange`, `ResendCode`.
    pub event_type: String,
    /// Epoch seconds.
    pub creation_date: u64,
    /// `Pass`, `Fail` or `InProgress`.
    pub event_response: String,
    /// What threat protection concluded.
    pub event_risk: EventRiskType,
    /// e.g. `[{Password, Success}, {Mfa, Failure}]`.
    pub challenge_responses: Vec<ChallengeResponseType>,
}

/// `EventRiskType`: the mock assesses no risk, so every event is `NoRisk` with no level.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "PascalCase")]
pub struct EventRiskType {
    /// `NoRisk` (threat protection in audit mode takes no action).
    pub risk_decision: String,
    /// Whether the password was found in a breach list (never, here).
    pub compromised_credentials_detected: bool,
}

/// `ChallengeResponseType`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "PascalCase")]
pub struct ChallengeResponseType {
    /// `Password` or `Mfa`.
    pub challenge_name: String,
    /// `Success` or `Failure`.
    pub challenge_response: String,
}

/// AdminListUserAuthEvents's response.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "PascalCase")]
pub struct AdminListUserAuthEventsResponse {
    /// Newest first, as Cognito lists them.
    pub auth_events: Vec<AuthEventType>,
}

impl UserPool {
    /// AdminResetUserPassword: the user becomes RESET_REQUIRED (their next sign-in gets
    /// `PasswordResetRequiredException`) and, when they have a verified email, a reset code is
    /// sent to it, as ForgotPassword sends one. Existing sign-ins are not revoked.
    ///
    /// # Errors
    /// `ResourceNotFoundException`, `UserNotFoundException: User does not exist.`
    pub fn admin_reset_user_password(
        &mut self,
        request: AdminUserRequest,
    ) -> Result<EmptyResponse, CognitoError> {
        self.check_pool(&request.user_pool_id)?;
        let username = self.admin_username(&request.username)?;
        let now = self.now;
        let user = self.user_mut(&username)?;
        user.status = UserStatus::ResetRequired;
        user.modified_at = now;
        let email = user.verified_email().map(str::to_owned);
        if let Some(email) = email {
            let code = ids::six_digits(&mut self.rng.next());
            self.send(&username, &email, CodeKind::ForgotPassword, code);
        }
        Ok(EmptyResponse {})
    }

    /// AdminUserGlobalSignOut: every refresh token of the user is revoked, and Cognito's APIs
    /// refuse their access tokens; ID and access tokens still verify offline until `exp`.
    ///
    /// # Errors
    /// `ResourceNotFoundException`, `UserNotFoundException: User does not exist.`
    pub fn admin_user_global_sign_out(
        &mut self,
        request: AdminUserRequest,
    ) -> Result<EmptyResponse, CognitoError> {
        self.check_pool(&request.user_pool_id)?;
        let username = self.admin_username(&request.username)?;
        self.revoke_all_families(&username);
        Ok(EmptyResponse {})
    }

    /// AdminListUserAuthEvents: the user's sign-in history, newest first. Real Cognito keeps
    /// it only with threat protection on; this pool keeps it always and, assessing no risk,
    /// reports each event as `NoRisk` without a risk level.
    ///
    /// # Errors
    /// `ResourceNotFoundException`, `UserNotFoundException: User does not exist.`
    pub fn admin_list_user_auth_events(
        &self,
        request: AdminUserRequest,
    ) -> Result<AdminListUserAuthEventsResponse, CognitoError> {
        self.check_pool(&request.user_pool_id)?;
        let username = self.admin_username(&request.username)?;
        let auth_events = self
            .auth_events
            .get(&username)
            .into_iter()
            .flatten()
            .rev()
            .map(|e| AuthEventType {
                event_id: e.event_id.clone(),
                event_type: e.event_type.to_owned(),
                creation_date: e.created_at,
                event_response: e.response.to_owned(),
                event_risk: EventRiskType {
                    risk_decision: "NoRisk".to_owned(),
                    compromised_credentials_detected: false,
                },
                challenge_responses: e
                    .challenges
                    .iter()
                    .map(|(name, response)| ChallengeResponseType {
                        challenge_name: (*name).to_owned(),
                        challenge_response: (*response).to_owned(),
                    })
                    .collect(),
            })
            .collect();
        Ok(AdminListUserAuthEventsResponse { auth_events })
    }

    /// Appends to `username`'s history (`event_type` `SignIn`, `SignUp`, `ForgotPassword`…).
    pub(crate) fn record_auth_event(
        &mut self,
        username: &str,
        event_type: &'static str,
        response: &'static str,
        challenges: Vec<(&'static str, &'static str)>,
    ) {
        if !self.users.contains_key(username) {
            return;
        }
        let event = AuthEvent {
            event_id: ids::uuid_v4(&mut self.history_rng.next()),
            event_type,
            created_at: self.now,
            response,
            challenges,
        };
        self.auth_events
            .entry(username.to_owned())
            .or_default()
            .push(event);
    }
}
