//! What a lab step can wait for: the call each action of the vocabulary makes, as the learner's
//! code makes it (the validator and `flow::lab`'s judgement read this one table).

use super::model::Action;

/// The call an action makes, as a lab expects it: the operation and, for the operations that
/// several actions share, the request member that tells them apart.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct CallShape {
    /// e.g. `InitiateAuth`.
    pub operation: &'static str,
    /// e.g. `("AuthFlow", "USER_PASSWORD_AUTH")`.
    pub member: Option<(&'static str, &'static str)>,
}

/// What a lab step can wait for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Awaited {
    /// A call of this shape.
    Call(CallShape),
    /// The served clock moved on (`POST /_cogflow/clock {"advance": "61m"}`).
    Clock,
}

/// What `action` makes a lab step wait for; `None` for an action that makes no call of its own
/// (narrating, typing, the app's offline checks, SRP's device maths, InitiateAuth's phases).
#[must_use]
pub fn awaited(action: Action) -> Option<Awaited> {
    let call = |operation| {
        Some(Awaited::Call(CallShape {
            operation,
            member: None,
        }))
    };
    let with = |operation, member, value| {
        Some(Awaited::Call(CallShape {
            operation,
            member: Some((member, value)),
        }))
    };
    match action {
        Action::SignIn => with("InitiateAuth", "AuthFlow", "USER_PASSWORD_AUTH"),
        Action::SendSrpA => with("InitiateAuth", "AuthFlow", "USER_SRP_AUTH"),
        Action::RefreshTokens => with("InitiateAuth", "AuthFlow", "REFRESH_TOKEN_AUTH"),
        Action::SendSrpProof => with(
            "RespondToAuthChallenge",
            "ChallengeName",
            "PASSWORD_VERIFIER",
        ),
        Action::AnswerNewPassword => with(
            "RespondToAuthChallenge",
            "ChallengeName",
            "NEW_PASSWORD_REQUIRED",
        ),
        Action::AnswerTotp => with(
            "RespondToAuthChallenge",
            "ChallengeName",
            "SOFTWARE_TOKEN_MFA",
        ),
        Action::SignUp => call("SignUp"),
        Action::ConfirmSignUp => call("ConfirmSignUp"),
        Action::ResendConfirmationCode => call("ResendConfirmationCode"),
        Action::AdminCreateUser => call("AdminCreateUser"),
        Action::GetUser => call("GetUser"),
        Action::GlobalSignOut => call("GlobalSignOut"),
        Action::RevokeToken => call("RevokeToken"),
        Action::ForgotPassword => call("ForgotPassword"),
        Action::ConfirmForgotPassword => call("ConfirmForgotPassword"),
        Action::AdminDisableUser => call("AdminDisableUser"),
        Action::AdminEnableUser => call("AdminEnableUser"),
        Action::AdminAddUserToGroup => call("AdminAddUserToGroup"),
        Action::AssociateSoftwareToken => call("AssociateSoftwareToken"),
        Action::VerifySoftwareToken => call("VerifySoftwareToken"),
        Action::AnswerMfaSetup => with("RespondToAuthChallenge", "ChallengeName", "MFA_SETUP"),
        Action::AdvanceClock => Some(Awaited::Clock),
        Action::Narrate
        | Action::EnterCredentials
        | Action::SendCredentials
        | Action::VerifyCredentials
        | Action::ReturnResult
        | Action::ComputeSrpA
        | Action::ComputeSrpProof
        | Action::GrantAccess
        | Action::ShowError
        | Action::VerifyToken
        | Action::ComputeSecretHash
        | Action::AuthorizeGroup
        | Action::TamperToken
        // Managed login goes through the browser endpoints, not the API a lab watches.
        | Action::MakePkce
        | Action::OpenAuthorize
        | Action::SubmitLogin
        | Action::ExchangeCode
        | Action::CallUserInfo => None,
    }
}
