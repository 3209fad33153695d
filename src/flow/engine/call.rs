//! A Cognito call as it happened, whoever made it: a lesson step (the engine) or the learner's
//! own code on the wire (`cogflow serve`). Both record it with
//! [`super::record::Recorder`], so a call looks the same on screen whoever made it.

use serde_json::Value;

use crate::cognito::{CognitoError, SrpExchange};
use crate::scenario::model::Action;

use crate::flow::frame::Check;

/// One Cognito call as it happened, whoever made it.
#[derive(Debug, Clone, PartialEq)]
pub struct Call {
    /// The operation, e.g. `InitiateAuth`.
    pub operation: String,
    /// The request body as Cognito received it.
    pub request: Value,
    /// The response body, or the exception.
    pub result: Result<Value, CognitoError>,
    /// What Cognito checked, in its order (InitiateAuth's checks; empty for most operations).
    pub checks: Vec<Check>,
    /// For USER_SRP_AUTH and PASSWORD_VERIFIER: every number Cognito computed.
    pub srp: Option<SrpExchange>,
}

impl Call {
    /// The user the call is about: `Username`, or `USERNAME` in its auth parameters or
    /// challenge responses.
    #[must_use]
    pub fn subject(&self) -> Option<&str> {
        subject_of(&self.request)
    }

    /// The action of the lesson vocabulary that makes this call, if one does.
    #[must_use]
    pub fn action(&self) -> Option<Action> {
        action_of(&self.operation, &self.request)
    }
}

/// The user a request is about: `Username`, or `USERNAME` in its auth parameters or challenge
/// responses.
#[must_use]
pub fn subject_of(request: &Value) -> Option<&str> {
    request
        .get("Username")
        .or_else(|| request.pointer("/AuthParameters/USERNAME"))
        .or_else(|| request.pointer("/ChallengeResponses/USERNAME"))
        .and_then(Value::as_str)
}

/// The action of the lesson vocabulary that makes a call of `operation` with `request`, if one
/// does (labs match the learner's calls against steps by it).
#[must_use]
pub fn action_of(operation: &str, request: &Value) -> Option<Action> {
    let flow = request.get("AuthFlow").and_then(Value::as_str);
    let challenge = request.get("ChallengeName").and_then(Value::as_str);
    Some(match (operation, flow, challenge) {
        ("InitiateAuth", Some("USER_PASSWORD_AUTH"), _) => Action::SignIn,
        ("InitiateAuth", Some("USER_SRP_AUTH"), _) => Action::SendSrpA,
        ("RespondToAuthChallenge", _, Some("PASSWORD_VERIFIER")) => Action::SendSrpProof,
        ("InitiateAuth", Some("REFRESH_TOKEN_AUTH" | "REFRESH_TOKEN"), _) => Action::RefreshTokens,
        ("GetTokensFromRefreshToken", ..) => Action::RefreshTokens,
        ("RespondToAuthChallenge", _, Some("NEW_PASSWORD_REQUIRED")) => Action::AnswerNewPassword,
        ("RespondToAuthChallenge", _, Some("SOFTWARE_TOKEN_MFA")) => Action::AnswerTotp,
        ("RespondToAuthChallenge", _, Some("MFA_SETUP")) => Action::AnswerMfaSetup,
        ("AssociateSoftwareToken", ..) => Action::AssociateSoftwareToken,
        ("VerifySoftwareToken", ..) => Action::VerifySoftwareToken,
        ("AdminAddUserToGroup", ..) => Action::AdminAddUserToGroup,
        ("SignUp", ..) => Action::SignUp,
        ("ConfirmSignUp", ..) => Action::ConfirmSignUp,
        ("ResendConfirmationCode", ..) => Action::ResendConfirmationCode,
        ("AdminCreateUser", ..) => Action::AdminCreateUser,
        ("GetUser", ..) => Action::GetUser,
        ("GlobalSignOut", ..) => Action::GlobalSignOut,
        ("RevokeToken", ..) => Action::RevokeToken,
        ("ForgotPassword", ..) => Action::ForgotPassword,
        ("ConfirmForgotPassword", ..) => Action::ConfirmForgotPassword,
        ("AdminDisableUser", ..) => Action::AdminDisableUser,
        ("AdminEnableUser", ..) => Action::AdminEnableUser,
        ("GET /oauth2/authorize", ..) => Action::OpenAuthorize,
        ("POST /login", ..) => Action::SubmitLogin,
        ("POST /oauth2/token", ..) => Action::ExchangeCode,
        ("GET /oauth2/userInfo" | "POST /oauth2/userInfo", ..) => Action::CallUserInfo,
        _ => return None,
    })
}
