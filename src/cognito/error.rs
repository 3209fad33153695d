//! Cognito's exceptions: names and messages exactly as Cognito sends them.
//!
//! These are teaching content, not Rust failures: the engine records them and the UI shows
//! them. Messages follow `reference/cognito-facts.md` §2 word for word; the few situations the
//! facts do not cover use a message documented on the constructor that makes it.

use std::fmt;

use serde::{Deserialize, Serialize};

/// The `__type` of a Cognito error response.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub enum Exception {
    /// `NotAuthorizedException`: wrong password, lockout, disabled user, bad tokens or sessions.
    #[serde(rename = "NotAuthorizedException")]
    NotAuthorized,
    /// `UserNotFoundException` (only when PreventUserExistenceErrors is LEGACY, or admin calls).
    #[serde(rename = "UserNotFoundException")]
    UserNotFound,
    /// `UserNotConfirmedException`.
    #[serde(rename = "UserNotConfirmedException")]
    UserNotConfirmed,
    /// `PasswordResetRequiredException`.
    #[serde(rename = "PasswordResetRequiredException")]
    PasswordResetRequired,
    /// `InvalidParameterException`.
    #[serde(rename = "InvalidParameterException")]
    InvalidParameter,
    /// `InvalidPasswordException`.
    #[serde(rename = "InvalidPasswordException")]
    InvalidPassword,
    /// `UsernameExistsException`.
    #[serde(rename = "UsernameExistsException")]
    UsernameExists,
    /// `AliasExistsException`.
    #[serde(rename = "AliasExistsException")]
    AliasExists,
    /// `CodeMismatchException`.
    #[serde(rename = "CodeMismatchException")]
    CodeMismatch,
    /// `ExpiredCodeException`.
    #[serde(rename = "ExpiredCodeException")]
    ExpiredCode,
    /// `LimitExceededException`: a fault set on purpose (code sends per hour).
    #[serde(rename = "LimitExceededException")]
    LimitExceeded,
    /// `TooManyRequestsException`: a fault set on purpose (`Rate exceeded`).
    #[serde(rename = "TooManyRequestsException")]
    TooManyRequests,
    /// `TooManyFailedAttemptsException` (listed for completeness; not raised by the mock).
    #[serde(rename = "TooManyFailedAttemptsException")]
    TooManyFailedAttempts,
    /// `ResourceNotFoundException`: an unknown app client or user pool id.
    #[serde(rename = "ResourceNotFoundException")]
    ResourceNotFound,
    /// `UnsupportedTokenTypeException`: RevokeToken given something other than a refresh token.
    #[serde(rename = "UnsupportedTokenTypeException")]
    UnsupportedTokenType,
    /// `UnauthorizedException`: RevokeToken from a client that did not get the token.
    #[serde(rename = "UnauthorizedException")]
    Unauthorized,
    /// `UnsupportedUserStateException`: AdminCreateUser RESEND for a user past FORCE_CHANGE_PASSWORD.
    #[serde(rename = "UnsupportedUserStateException")]
    UnsupportedUserState,
    /// `GroupExistsException`: CreateGroup with a name the pool has.
    #[serde(rename = "GroupExistsException")]
    GroupExists,
    /// `EnableSoftwareTokenMFAException`: VerifySoftwareToken with a wrong code.
    #[serde(rename = "EnableSoftwareTokenMFAException")]
    EnableSoftwareTokenMfa,
    /// `SoftwareTokenMFANotFoundException`: VerifySoftwareToken before AssociateSoftwareToken.
    #[serde(rename = "SoftwareTokenMFANotFoundException")]
    SoftwareTokenMfaNotFound,
    /// `UserLambdaValidationException`: a trigger refused the request.
    #[serde(rename = "UserLambdaValidationException")]
    UserLambdaValidation,
    /// `RefreshTokenReuseException`: GetTokensFromRefreshToken with a refresh token that
    /// refresh-token rotation replaced, after the client's grace period [BC].
    #[serde(rename = "RefreshTokenReuseException")]
    RefreshTokenReuse,
    /// `InternalErrorException`: something inside the pool failed (never expected).
    #[serde(rename = "InternalErrorException")]
    InternalError,
    /// `SerializationException`: a body that is not the operation's JSON shape. Raised by the
    /// JSON protocol's framing (`cogflow serve`), never by a pool.
    #[serde(rename = "SerializationException")]
    Serialization,
    /// `UnknownOperationException`: an `X-Amz-Target` naming no operation. Raised by the
    /// framing (`cogflow serve`), never by a pool.
    #[serde(rename = "UnknownOperationException")]
    UnknownOperation,
    // The OAuth 2.0 endpoints of the hosted UI answer with OAuth's own error codes (RFC 6749
    // §4.1.2.1, §5.2), not with exceptions; they are kept here so the engine and `when`
    // treat them as any other answer (`when = "error:invalid_grant"`).
    /// `invalid_request`: a parameter missing, repeated, unsupported or malformed.
    #[serde(rename = "invalid_request")]
    OAuthInvalidRequest,
    /// `invalid_client`: client authentication failed (unknown client, wrong or missing secret).
    #[serde(rename = "invalid_client")]
    OAuthInvalidClient,
    /// `invalid_grant`: the code or refresh token is unknown, used, expired or revoked, or the
    /// redirect URI or the PKCE code verifier does not match.
    #[serde(rename = "invalid_grant")]
    OAuthInvalidGrant,
    /// `unauthorized_client`: the app client may not use this flow or grant.
    #[serde(rename = "unauthorized_client")]
    OAuthUnauthorizedClient,
    /// `unsupported_grant_type`: a `grant_type` the token endpoint does not know.
    #[serde(rename = "unsupported_grant_type")]
    OAuthUnsupportedGrantType,
    /// `invalid_scope`: an unknown or malformed scope, or none the client may have.
    #[serde(rename = "invalid_scope")]
    OAuthInvalidScope,
    /// `invalid_token`: userInfo refused the access token (RFC 6750 §3.1).
    #[serde(rename = "invalid_token")]
    OAuthInvalidToken,
    /// `unsupported_token_type`: the revocation endpoint was given something other than a
    /// refresh token.
    #[serde(rename = "unsupported_token_type")]
    OAuthUnsupportedTokenType,
    /// `redirect_mismatch`: authorize or logout named a client or URL that is not registered:
    /// an error page, never a redirect (the target can't be trusted).
    #[serde(rename = "redirect_mismatch")]
    OAuthRedirectMismatch,
}

impl Exception {
    /// The name on the wire, e.g. `NotAuthorizedException`.
    #[must_use]
    pub fn name(self) -> &'static str {
        match self {
            Self::NotAuthorized => "NotAuthorizedException",
            Self::UserNotFound => "UserNotFoundException",
            Self::UserNotConfirmed => "UserNotConfirmedException",
            Self::PasswordResetRequired => "PasswordResetRequiredException",
            Self::InvalidParameter => "InvalidParameterException",
            Self::InvalidPassword => "InvalidPasswordException",
            Self::UsernameExists => "UsernameExistsException",
            Self::AliasExists => "AliasExistsException",
            Self::CodeMismatch => "CodeMismatchException",
            Self::ExpiredCode => "ExpiredCodeException",
            Self::LimitExceeded => "LimitExceededException",
            Self::TooManyRequests => "TooManyRequestsException",
            Self::TooManyFailedAttempts => "TooManyFailedAttemptsException",
            Self::ResourceNotFound => "ResourceNotFoundException",
            Self::UnsupportedTokenType => "UnsupportedTokenTypeException",
            Self::Unauthorized => "UnauthorizedException",
            Self::UnsupportedUserState => "UnsupportedUserStateException",
            Self::GroupExists => "GroupExistsException",
            Self::EnableSoftwareTokenMfa => "EnableSoftwareTokenMFAException",
            Self::SoftwareTokenMfaNotFound => "SoftwareTokenMFANotFoundException",
            Self::UserLambdaValidation => "UserLambdaValidationException",
            Self::RefreshTokenReuse => "RefreshTokenReuseException",
            Self::InternalError => "InternalErrorException",
            Self::Serialization => "SerializationException",
            Self::UnknownOperation => "UnknownOperationException",
            Self::OAuthInvalidRequest => "invalid_request",
            Self::OAuthInvalidClient => "invalid_client",
            Self::OAuthInvalidGrant => "invalid_grant",
            Self::OAuthUnauthorizedClient => "unauthorized_client",
            Self::OAuthUnsupportedGrantType => "unsupported_grant_type",
            Self::OAuthInvalidScope => "invalid_scope",
            Self::OAuthInvalidToken => "invalid_token",
            Self::OAuthUnsupportedTokenType => "unsupported_token_type",
            Self::OAuthRedirectMismatch => "redirect_mismatch",
        }
    }

    /// `true` for OAuth's error codes (the hosted UI's endpoints), which travel as
    /// `{"error": …, "error_description": …}` rather than as `__type` and `message`.
    #[must_use]
    pub fn is_oauth(self) -> bool {
        self.name()
            .chars()
            .all(|c| c.is_ascii_lowercase() || c == '_')
    }
}

impl fmt::Display for Exception {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

/// A Cognito error response: which exception, and its message.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct CognitoError {
    /// The `__type`.
    pub exception: Exception,
    /// The `message`, exactly as Cognito words it.
    pub message: String,
}

impl fmt::Display for CognitoError {
    /// `NotAuthorizedException: Incorrect username or password.`
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {}", self.exception.name(), self.message)
    }
}

impl std::error::Error for CognitoError {}

impl CognitoError {
    /// Any exception with any message.
    #[must_use]
    pub fn new(exception: Exception, message: impl Into<String>) -> Self {
        Self {
            exception,
            message: message.into(),
        }
    }

    /// The response body: `{"__type": "NotAuthorizedException", "message": "…"}`.
    #[must_use]
    pub fn body(&self) -> serde_json::Value {
        if self.exception.is_oauth() {
            return serde_json::json!({ "error": self.exception.name(), "error_description": self.message });
        }
        serde_json::json!({ "__type": self.exception.name(), "message": self.message })
    }

    /// Wrong password, or an unknown user under PreventUserExistenceErrors ENABLED.
    #[must_use]
    pub fn incorrect_credentials() -> Self {
        Self::new(Exception::NotAuthorized, "Incorrect username or password.")
    }

    /// Unknown user at sign-in under LEGACY, or in an admin call.
    #[must_use]
    pub fn user_does_not_exist() -> Self {
        Self::new(Exception::UserNotFound, "User does not exist.")
    }

    /// Unknown user in ForgotPassword / ResendConfirmationCode / ConfirmSignUp under LEGACY.
    #[must_use]
    pub fn username_client_not_found() -> Self {
        Self::new(
            Exception::UserNotFound,
            "Username/client id combination not found.",
        )
    }

    /// An UNCONFIRMED user signs in (checked before the password).
    #[must_use]
    pub fn user_not_confirmed() -> Self {
        Self::new(Exception::UserNotConfirmed, "User is not confirmed.")
    }

    /// A sign-in during a lockout (note: no period, as Cognito sends it).
    #[must_use]
    pub fn password_attempts_exceeded() -> Self {
        Self::new(Exception::NotAuthorized, "Password attempts exceeded")
    }

    /// A disabled user signs in or uses a token.
    #[must_use]
    pub fn user_disabled() -> Self {
        Self::new(Exception::NotAuthorized, "User is disabled.")
    }

    /// A RESET_REQUIRED user signs in.
    #[must_use]
    pub fn password_reset_required() -> Self {
        Self::new(
            Exception::PasswordResetRequired,
            "Password reset required for the user",
        )
    }

    /// A FORCE_CHANGE_PASSWORD user's temporary password is past its validity.
    #[must_use]
    pub fn temporary_password_expired() -> Self {
        Self::new(
            Exception::NotAuthorized,
            "Temporary password has expired and must be reset by an administrator.",
        )
    }

    /// InitiateAuth with a flow the app client does not allow, e.g.
    /// `USER_PASSWORD_AUTH flow not enabled for this client`.
    #[must_use]
    pub fn flow_not_enabled(flow: &str) -> Self {
        Self::new(
            Exception::InvalidParameter,
            format!("{flow} flow not enabled for this client"),
        )
    }

    /// A required request parameter is absent or empty (`Missing required parameter USERNAME`).
    #[must_use]
    pub fn missing_parameter(name: &str) -> Self {
        Self::new(
            Exception::InvalidParameter,
            format!("Missing required parameter {name}"),
        )
    }

    /// The request names an app client the pool does not have.
    #[must_use]
    pub fn unknown_client(client_id: &str) -> Self {
        Self::new(
            Exception::ResourceNotFound,
            format!("User pool client {client_id} does not exist."),
        )
    }

    /// An admin request names another user pool.
    #[must_use]
    pub fn unknown_pool(pool_id: &str) -> Self {
        Self::new(
            Exception::ResourceNotFound,
            format!("User pool {pool_id} does not exist."),
        )
    }

    /// A request (or a seeded user) gives the `sub` attribute, which only the pool assigns.
    #[must_use]
    pub fn immutable_sub() -> Self {
        Self::new(
            Exception::InvalidParameter,
            "Cannot modify the non-mutable attribute sub",
        )
    }

    /// An attribute name that is neither standard nor `custom:` (see
    /// [`crate::cognito::attributes::check_name`] for where the words come from).
    #[must_use]
    pub fn attribute_not_in_schema(name: &str) -> Self {
        Self::new(
            Exception::InvalidParameter,
            format!(
                "Attributes did not conform to the schema: {name}: Attribute does not exist in the schema.\n"
            ),
        )
    }

    /// A password breaks the policy: `Password did not conform with policy: <rule>`.
    #[must_use]
    pub fn invalid_password(rule: &str) -> Self {
        Self::new(
            Exception::InvalidPassword,
            format!("Password did not conform with policy: {rule}"),
        )
    }

    /// An unknown or garbled refresh token.
    #[must_use]
    pub fn invalid_refresh_token() -> Self {
        Self::new(Exception::NotAuthorized, "Invalid Refresh Token.")
    }

    /// A refresh token past its lifetime.
    #[must_use]
    pub fn refresh_token_expired() -> Self {
        Self::new(Exception::NotAuthorized, "Refresh Token has expired")
    }

    /// A refresh token revoked by GlobalSignOut or RevokeToken.
    #[must_use]
    pub fn refresh_token_revoked() -> Self {
        Self::new(Exception::NotAuthorized, "Refresh Token has been revoked")
    }

    /// An access token past `exp`, given to a Cognito API.
    #[must_use]
    pub fn access_token_expired() -> Self {
        Self::new(Exception::NotAuthorized, "Access Token has expired")
    }

    /// An access token revoked by GlobalSignOut, RevokeToken or AdminDisableUser.
    #[must_use]
    pub fn access_token_revoked() -> Self {
        Self::new(Exception::NotAuthorized, "Access Token has been revoked")
    }

    /// A malformed or foreign access token.
    #[must_use]
    pub fn invalid_access_token() -> Self {
        Self::new(Exception::NotAuthorized, "Invalid Access Token")
    }

    /// SignUp with a username that is taken.
    #[must_use]
    pub fn user_already_exists() -> Self {
        Self::new(Exception::UsernameExists, "User already exists")
    }

    /// AdminCreateUser (or seeding) with a username that is taken. Cognito words this one
    /// differently from SignUp's.
    #[must_use]
    pub fn user_account_already_exists() -> Self {
        Self::new(Exception::UsernameExists, "User account already exists")
    }

    /// A wrong confirmation or reset code.
    #[must_use]
    pub fn code_mismatch() -> Self {
        Self::new(
            Exception::CodeMismatch,
            "Invalid verification code provided, please try again.",
        )
    }

    /// An expired code, or ConfirmForgotPassword with no code requested.
    #[must_use]
    pub fn expired_code() -> Self {
        Self::new(
            Exception::ExpiredCode,
            "Invalid code provided, please request a code again.",
        )
    }

    /// ConfirmSignUp for a user who is not UNCONFIRMED.
    #[must_use]
    pub fn cannot_confirm() -> Self {
        Self::new(
            Exception::NotAuthorized,
            "User cannot confirm because user status is not UNCONFIRMED.",
        )
    }

    /// ResendConfirmationCode for a confirmed user.
    #[must_use]
    pub fn already_confirmed() -> Self {
        Self::new(Exception::InvalidParameter, "User is already confirmed.")
    }

    /// A wrong TOTP code in SOFTWARE_TOKEN_MFA.
    #[must_use]
    pub fn mfa_code_mismatch() -> Self {
        Self::new(
            Exception::CodeMismatch,
            "Invalid code or auth state for the user.",
        )
    }

    /// USER_SRP_AUTH with an `SRP_A` that is not a usable public value: not hex, longer than
    /// any A a client sends, or 0 mod N (which would make the shared secret 0). AWS answers a
    /// tampered SRP_A with InvalidParameterException (amazon-cognito-identity-js#356); its
    /// message is not sourced, so this wording is the mock's.
    #[must_use]
    pub fn invalid_srp_a() -> Self {
        Self::new(
            Exception::InvalidParameter,
            "SRP_A is not a valid SRP value.",
        )
    }

    /// A PASSWORD_VERIFIER `TIMESTAMP` that is not a date in Cognito's format at all
    /// (amazon-cognito-identity-js#683 quotes this message).
    #[must_use]
    pub fn timestamp_format() -> Self {
        Self::new(
            Exception::InvalidParameter,
            "TIMESTAMP format should be EEE MMM d HH:mm:ss z yyyy in english.",
        )
    }

    /// An unknown challenge `Session`.
    #[must_use]
    pub fn invalid_session() -> Self {
        Self::new(Exception::NotAuthorized, "Invalid session for the user.")
    }

    /// A challenge `Session` older than `AuthSessionValidity`.
    #[must_use]
    pub fn session_expired() -> Self {
        Self::new(
            Exception::NotAuthorized,
            "Invalid session for the user, session is expired.",
        )
    }

    /// ForgotPassword for a user with no verified email to send the code to.
    #[must_use]
    pub fn no_verified_contact() -> Self {
        Self::new(
            Exception::InvalidParameter,
            "Cannot reset password for the user as there is no registered/verified email or phone_number",
        )
    }

    /// Something inside the pool failed (key generation, signing, a corrupt hash). Never
    /// expected; reported instead of panicking.
    #[must_use]
    pub fn internal(what: impl fmt::Display) -> Self {
        Self::new(Exception::InternalError, format!("Internal error: {what}"))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn display_and_body_match_the_wire_format() {
        let e = CognitoError::incorrect_credentials();
        assert_eq!(
            e.to_string(),
            "NotAuthorizedException: Incorrect username or password."
        );
        assert_eq!(
            e.body(),
            serde_json::json!({"__type": "NotAuthorizedException", "message": "Incorrect username or password."})
        );
        assert_eq!(
            serde_json::to_value(Exception::UserNotFound).unwrap(),
            "UserNotFoundException"
        );
    }
}
