//! Request and response shapes of the Cognito operations the mock implements.
//!
//! Field names serialise to Cognito's JSON (`serde_json::to_value(&req)` gives what an SDK
//! sends); absent optional fields are omitted, as in Cognito's responses.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use super::user::UserStatus;

/// `AuthFlow` of InitiateAuth.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "SCREAMING_SNAKE_CASE")]
pub enum AuthFlow {
    /// Username and password in the request (needs `ALLOW_USER_PASSWORD_AUTH`).
    UserPasswordAuth,
    /// New ID and access tokens from a refresh token.
    RefreshTokenAuth,
    /// Older name of `REFRESH_TOKEN_AUTH`; same behaviour.
    RefreshToken,
    /// SRP-6a: the password never leaves the device (`USERNAME` + `SRP_A`; needs
    /// `ALLOW_USER_SRP_AUTH`). Answered with the PASSWORD_VERIFIER challenge.
    UserSrpAuth,
    /// Lambda-driven challenges (not simulated).
    CustomAuth,
    /// Choice-based sign-in (not simulated).
    UserAuth,
    /// AdminInitiateAuth only: refused by InitiateAuth.
    AdminUserPasswordAuth,
    /// Legacy name of `ADMIN_USER_PASSWORD_AUTH`: refused by InitiateAuth.
    AdminNoSrpAuth,
}

impl AuthFlow {
    /// The name on the wire, e.g. `USER_PASSWORD_AUTH`.
    #[must_use]
    pub fn as_str(self) -> &'static str {
        match self {
            Self::UserPasswordAuth => "USER_PASSWORD_AUTH",
            Self::RefreshTokenAuth => "REFRESH_TOKEN_AUTH",
            Self::RefreshToken => "REFRESH_TOKEN",
            Self::UserSrpAuth => "USER_SRP_AUTH",
            Self::CustomAuth => "CUSTOM_AUTH",
            Self::UserAuth => "USER_AUTH",
            Self::AdminUserPasswordAuth => "ADMIN_USER_PASSWORD_AUTH",
            Self::AdminNoSrpAuth => "ADMIN_NO_SRP_AUTH",
        }
    }
}

/// `ChallengeName` in an InitiateAuth / RespondToAuthChallenge exchange.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "SCREAMING_SNAKE_CASE")]
pub enum ChallengeName {
    /// The user must replace a temporary password.
    NewPasswordRequired,
    /// The user must type the code from an authenticator app.
    SoftwareTokenMfa,
    /// A code sent by text message.
    SmsMfa,
    /// Choose an MFA factor among several.
    SelectMfaType,
    /// Set up an authenticator before the first sign-in completes (pool MFA ON).
    MfaSetup,
    /// A code sent by email.
    EmailOtp,
    /// SRP step 2: prove the password with a signature (USER_SRP_AUTH).
    PasswordVerifier,
    /// Lambda challenge (not simulated).
    CustomChallenge,
}

impl ChallengeName {
    /// The name on the wire, e.g. `NEW_PASSWORD_REQUIRED`.
    #[must_use]
    pub fn as_str(self) -> &'static str {
        match self {
            Self::NewPasswordRequired => "NEW_PASSWORD_REQUIRED",
            Self::SoftwareTokenMfa => "SOFTWARE_TOKEN_MFA",
            Self::SmsMfa => "SMS_MFA",
            Self::SelectMfaType => "SELECT_MFA_TYPE",
            Self::MfaSetup => "MFA_SETUP",
            Self::EmailOtp => "EMAIL_OTP",
            Self::PasswordVerifier => "PASSWORD_VERIFIER",
            Self::CustomChallenge => "CUSTOM_CHALLENGE",
        }
    }
}

/// InitiateAuth's request.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "PascalCase")]
pub struct InitiateAuthRequest {
    /// Which flow.
    pub auth_flow: AuthFlow,
    /// The app client.
    pub client_id: String,
    /// `USERNAME` + `PASSWORD`, `USERNAME` + `SRP_A`, or `REFRESH_TOKEN`.
    #[serde(default)]
    pub auth_parameters: BTreeMap<String, String>,
}

impl InitiateAuthRequest {
    /// `USER_PASSWORD_AUTH` with `USERNAME` and `PASSWORD`.
    #[must_use]
    pub fn user_password(client_id: &str, username: &str, password: &str) -> Self {
        Self {
            auth_flow: AuthFlow::UserPasswordAuth,
            client_id: client_id.to_owned(),
            auth_parameters: BTreeMap::from([
                ("USERNAME".to_owned(), username.to_owned()),
                ("PASSWORD".to_owned(), password.to_owned()),
            ]),
        }
    }

    /// `USER_SRP_AUTH` with `USERNAME` and `SRP_A` (the device's A, in hex).
    #[must_use]
    pub fn user_srp(client_id: &str, username: &str, srp_a: &str) -> Self {
        Self {
            auth_flow: AuthFlow::UserSrpAuth,
            client_id: client_id.to_owned(),
            auth_parameters: BTreeMap::from([
                ("USERNAME".to_owned(), username.to_owned()),
                ("SRP_A".to_owned(), srp_a.to_owned()),
            ]),
        }
    }

    /// `REFRESH_TOKEN_AUTH` with `REFRESH_TOKEN`.
    #[must_use]
    pub fn refresh(client_id: &str, refresh_token: &str) -> Self {
        Self {
            auth_flow: AuthFlow::RefreshTokenAuth,
            client_id: client_id.to_owned(),
            auth_parameters: BTreeMap::from([(
                "REFRESH_TOKEN".to_owned(),
                refresh_token.to_owned(),
            )]),
        }
    }
}

/// AdminInitiateAuth's request: InitiateAuth's, plus the pool (the call is IAM-authorised).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "PascalCase")]
pub struct AdminInitiateAuthRequest {
    /// The pool.
    pub user_pool_id: String,
    /// The app client.
    pub client_id: String,
    /// `ADMIN_USER_PASSWORD_AUTH` (or `REFRESH_TOKEN_AUTH`).
    pub auth_flow: AuthFlow,
    /// `USERNAME` + `PASSWORD`, or `REFRESH_TOKEN`.
    #[serde(default)]
    pub auth_parameters: BTreeMap<String, String>,
}

/// The tokens of a successful sign-in or refresh.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "PascalCase")]
pub struct AuthenticationResult {
    /// RS256 JWT, `token_use = access`.
    pub access_token: String,
    /// Access-token lifetime in seconds.
    pub expires_in: u64,
    /// Always `Bearer`.
    pub token_type: String,
    /// Opaque; absent on refresh (Cognito does not rotate it).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub refresh_token: Option<String>,
    /// RS256 JWT, `token_use = id`.
    pub id_token: String,
}

/// InitiateAuth's (and RespondToAuthChallenge's) response: either tokens or a challenge.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "PascalCase")]
pub struct InitiateAuthResponse {
    /// Set on success; then there is no challenge and no session.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub authentication_result: Option<AuthenticationResult>,
    /// Set when a challenge must be answered.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub challenge_name: Option<ChallengeName>,
    /// The opaque session to answer the challenge with.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub session: Option<String>,
    /// Challenge parameters; `{}` on success, as Cognito sends it.
    #[serde(default)]
    pub challenge_parameters: BTreeMap<String, String>,
}

/// RespondToAuthChallenge's response has InitiateAuth's shape.
pub type RespondToAuthChallengeResponse = InitiateAuthResponse;

/// RespondToAuthChallenge's request.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "PascalCase")]
pub struct RespondToAuthChallengeRequest {
    /// The app client.
    pub client_id: String,
    /// The challenge being answered.
    pub challenge_name: ChallengeName,
    /// The session from the challenge; absent for PASSWORD_VERIFIER, which Cognito answers
    /// without one (its state travels in `SECRET_BLOCK`).
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub session: String,
    /// `USERNAME` plus `NEW_PASSWORD`, `SOFTWARE_TOKEN_MFA_CODE`, or the SRP proof.
    #[serde(default)]
    pub challenge_responses: BTreeMap<String, String>,
}

impl RespondToAuthChallengeRequest {
    /// Answers NEW_PASSWORD_REQUIRED.
    #[must_use]
    pub fn new_password(
        client_id: &str,
        session: &str,
        username: &str,
        new_password: &str,
    ) -> Self {
        Self {
            client_id: client_id.to_owned(),
            challenge_name: ChallengeName::NewPasswordRequired,
            session: session.to_owned(),
            challenge_responses: BTreeMap::from([
                ("USERNAME".to_owned(), username.to_owned()),
                ("NEW_PASSWORD".to_owned(), new_password.to_owned()),
            ]),
        }
    }

    /// Answers PASSWORD_VERIFIER with the device's proof: the `SECRET_BLOCK` it was given, the
    /// `TIMESTAMP` it signed and the signature. No session: PASSWORD_VERIFIER has none.
    #[must_use]
    pub fn password_verifier(
        client_id: &str,
        username: &str,
        secret_block: &str,
        timestamp: &str,
        signature: &str,
    ) -> Self {
        Self {
            client_id: client_id.to_owned(),
            challenge_name: ChallengeName::PasswordVerifier,
            session: String::new(),
            challenge_responses: BTreeMap::from([
                ("USERNAME".to_owned(), username.to_owned()),
                (
                    "PASSWORD_CLAIM_SECRET_BLOCK".to_owned(),
                    secret_block.to_owned(),
                ),
                ("TIMESTAMP".to_owned(), timestamp.to_owned()),
                ("PASSWORD_CLAIM_SIGNATURE".to_owned(), signature.to_owned()),
            ]),
        }
    }

    /// Answers SOFTWARE_TOKEN_MFA.
    #[must_use]
    pub fn totp(client_id: &str, session: &str, username: &str, code: &str) -> Self {
        Self {
            client_id: client_id.to_owned(),
            challenge_name: ChallengeName::SoftwareTokenMfa,
            session: session.to_owned(),
            challenge_responses: BTreeMap::from([
                ("USERNAME".to_owned(), username.to_owned()),
                ("SOFTWARE_TOKEN_MFA_CODE".to_owned(), code.to_owned()),
            ]),
        }
    }
}

/// AdminRespondToAuthChallenge's request: RespondToAuthChallenge's, plus the pool.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "PascalCase")]
pub struct AdminRespondToAuthChallengeRequest {
    /// The pool.
    pub user_pool_id: String,
    /// The app client.
    pub client_id: String,
    /// The challenge being answered.
    pub challenge_name: ChallengeName,
    /// The session from the challenge.
    #[serde(default)]
    pub session: String,
    /// `USERNAME` plus the challenge's answer.
    #[serde(default)]
    pub challenge_responses: BTreeMap<String, String>,
}

/// A `{Name, Value}` attribute.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "PascalCase")]
pub struct AttributeType {
    /// e.g. `email`.
    pub name: String,
    /// Always a string (also for `email_verified`).
    pub value: String,
}

impl AttributeType {
    /// An attribute.
    #[must_use]
    pub fn new(name: &str, value: &str) -> Self {
        Self {
            name: name.to_owned(),
            value: value.to_owned(),
        }
    }
}

/// Where a code went, masked.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "PascalCase")]
pub struct CodeDeliveryDetails {
    /// Masked, e.g. `u***@e***`.
    pub destination: String,
    /// `EMAIL`.
    pub delivery_medium: String,
    /// `email`.
    pub attribute_name: String,
}

/// An empty response (`{}`).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct EmptyResponse {}

/// SignUp's request.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "PascalCase")]
pub struct SignUpRequest {
    /// The app client.
    pub client_id: String,
    /// Username.
    pub username: String,
    /// Password (checked against the policy, then hashed).
    pub password: String,
    /// Attributes such as `email`.
    #[serde(default)]
    pub user_attributes: Vec<AttributeType>,
    /// `SECRET_HASH` for a client with a secret.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub secret_hash: Option<String>,
}

/// SignUp's response.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "PascalCase")]
pub struct SignUpResponse {
    /// `false`: the user must confirm with the emailed code.
    pub user_confirmed: bool,
    /// The new user's `sub`.
    pub user_sub: String,
    /// Where the confirmation code went (absent when the user gave no email).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub code_delivery_details: Option<CodeDeliveryDetails>,
}

/// ConfirmSignUp's request.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "PascalCase")]
pub struct ConfirmSignUpRequest {
    /// The app client.
    pub client_id: String,
    /// Username.
    pub username: String,
    /// The 6-digit code from the email.
    pub confirmation_code: String,
    /// `SECRET_HASH` for a client with a secret.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub secret_hash: Option<String>,
}

/// ResendConfirmationCode's and ForgotPassword's request.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "PascalCase")]
pub struct UsernameRequest {
    /// The app client.
    pub client_id: String,
    /// Username.
    pub username: String,
    /// `SECRET_HASH` for a client with a secret.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub secret_hash: Option<String>,
}

/// ResendConfirmationCode's request.
pub type ResendConfirmationCodeRequest = UsernameRequest;
/// ForgotPassword's request.
pub type ForgotPasswordRequest = UsernameRequest;

/// ResendConfirmationCode's and ForgotPassword's response.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "PascalCase")]
pub struct CodeDeliveryResponse {
    /// Where the code went.
    pub code_delivery_details: CodeDeliveryDetails,
}

/// ConfirmForgotPassword's request.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "PascalCase")]
pub struct ConfirmForgotPasswordRequest {
    /// The app client.
    pub client_id: String,
    /// Username.
    pub username: String,
    /// The 6-digit code from the email.
    pub confirmation_code: String,
    /// The new password.
    pub password: String,
    /// `SECRET_HASH` for a client with a secret.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub secret_hash: Option<String>,
}

/// AdminCreateUser's `MessageAction`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "SCREAMING_SNAKE_CASE")]
pub enum MessageAction {
    /// Send the invitation again to an existing user (with a new temporary password).
    Resend,
    /// Send nothing.
    Suppress,
}

/// AdminCreateUser's request.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "PascalCase")]
pub struct AdminCreateUserRequest {
    /// The pool.
    pub user_pool_id: String,
    /// Username.
    pub username: String,
    /// The temporary password; generated when absent.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub temporary_password: Option<String>,
    /// `RESEND` or `SUPPRESS`; absent sends the invitation.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub message_action: Option<MessageAction>,
    /// Attributes such as `email`.
    #[serde(default)]
    pub user_attributes: Vec<AttributeType>,
}

/// A user as admin calls describe it (`UserType`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "PascalCase")]
pub struct UserType {
    /// Username.
    pub username: String,
    /// Attributes, `sub` first.
    pub attributes: Vec<AttributeType>,
    /// Epoch seconds.
    pub user_create_date: u64,
    /// Epoch seconds.
    pub user_last_modified_date: u64,
    /// Enabled flag.
    pub enabled: bool,
    /// Status.
    pub user_status: UserStatus,
}

/// AdminCreateUser's response.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "PascalCase")]
pub struct AdminCreateUserResponse {
    /// The user created.
    pub user: UserType,
}

/// The request of AdminDisableUser, AdminEnableUser and AdminGetUser.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "PascalCase")]
pub struct AdminUserRequest {
    /// The pool.
    pub user_pool_id: String,
    /// Username.
    pub username: String,
}

/// AdminSetUserPassword's request.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "PascalCase")]
pub struct AdminSetUserPasswordRequest {
    /// The pool.
    pub user_pool_id: String,
    /// Username.
    pub username: String,
    /// The new password.
    pub password: String,
    /// `true`: a permanent password (CONFIRMED); `false` (the default): a temporary one.
    #[serde(default)]
    pub permanent: bool,
}

/// ChangePassword's request.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "PascalCase")]
pub struct ChangePasswordRequest {
    /// The current password.
    pub previous_password: String,
    /// The new one (the policy applies).
    pub proposed_password: String,
    /// The signed-in user's access token.
    pub access_token: String,
}

/// AdminGetUser's response.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "PascalCase")]
pub struct AdminGetUserResponse {
    /// Username.
    pub username: String,
    /// Attributes, `sub` first.
    pub user_attributes: Vec<AttributeType>,
    /// Epoch seconds.
    pub user_create_date: u64,
    /// Epoch seconds.
    pub user_last_modified_date: u64,
    /// Enabled flag.
    pub enabled: bool,
    /// Status.
    pub user_status: UserStatus,
    /// `SOFTWARE_TOKEN_MFA` when the user has TOTP.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub preferred_mfa_setting: Option<String>,
    /// MFA methods set up.
    #[serde(
        rename = "UserMFASettingList",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub user_mfa_setting_list: Option<Vec<String>>,
}

/// The request of GetUser and GlobalSignOut.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "PascalCase")]
pub struct AccessTokenRequest {
    /// An access token from this pool.
    pub access_token: String,
}

/// GetUser's request.
pub type GetUserRequest = AccessTokenRequest;
/// GlobalSignOut's request.
pub type GlobalSignOutRequest = AccessTokenRequest;

/// GetUser's response.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "PascalCase")]
pub struct GetUserResponse {
    /// Username.
    pub username: String,
    /// Attributes, `sub` first.
    pub user_attributes: Vec<AttributeType>,
    /// `SOFTWARE_TOKEN_MFA` when the user has TOTP.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub preferred_mfa_setting: Option<String>,
    /// MFA methods set up.
    #[serde(
        rename = "UserMFASettingList",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub user_mfa_setting_list: Option<Vec<String>>,
}

/// RevokeToken's request.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "PascalCase")]
pub struct RevokeTokenRequest {
    /// The refresh token to revoke.
    pub token: String,
    /// The app client that got the token.
    pub client_id: String,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn serialises_to_cognitos_json() {
        let req = InitiateAuthRequest::user_password("abc", "user123", "pass123");
        assert_eq!(
            serde_json::to_value(&req).unwrap(),
            serde_json::json!({
                "AuthFlow": "USER_PASSWORD_AUTH",
                "ClientId": "abc",
                "AuthParameters": {"PASSWORD": "pass123", "USERNAME": "user123"}
            })
        );
        let resp = InitiateAuthResponse {
            authentication_result: None,
            challenge_name: Some(ChallengeName::SoftwareTokenMfa),
            session: Some("s".into()),
            challenge_parameters: BTreeMap::new(),
        };
        assert_eq!(
            serde_json::to_value(&resp).unwrap(),
            serde_json::json!({"ChallengeName": "SOFTWARE_TOKEN_MFA", "Session": "s", "ChallengeParameters": {}})
        );
        let user = GetUserResponse {
            username: "u".into(),
            user_attributes: vec![AttributeType::new("sub", "x")],
            preferred_mfa_setting: Some("SOFTWARE_TOKEN_MFA".into()),
            user_mfa_setting_list: Some(vec!["SOFTWARE_TOKEN_MFA".into()]),
        };
        let v = serde_json::to_value(&user).unwrap();
        assert_eq!(v["UserMFASettingList"][0], "SOFTWARE_TOKEN_MFA");
        assert_eq!(v["UserAttributes"][0]["Name"], "sub");
        assert_eq!(
            serde_json::to_value(EmptyResponse {}).unwrap(),
            serde_json::json!({})
        );
    }
}
