//! The default wording of each action's table row: the seed's words where the seed has them.
//!
//! A scenario may relabel a row, but only the success wording: when the mock answers with an
//! exception or a challenge, the row says so whatever the file wrote.

use crate::scenario::model::Action;

/// Default "Action" column for an action.
#[must_use]
pub fn action_label(action: Action) -> &'static str {
    match action {
        Action::Narrate => "",
        Action::EnterCredentials => "User inputs credentials",
        Action::SendCredentials => "App sends credentials to Cognito",
        Action::VerifyCredentials => "Cognito verifies credentials",
        Action::ReturnResult => "Cognito returns the result",
        Action::SignIn => "App signs the user in (InitiateAuth)",
        Action::ComputeSrpA => "Device picks a secret a and computes A",
        Action::SendSrpA => "App sends the username and A to Cognito",
        Action::ComputeSrpProof => "Device computes the key and signs",
        Action::SendSrpProof => "App sends the proof to Cognito",
        Action::GrantAccess => "App grants access",
        Action::ShowError => "App shows error",
        Action::SignUp => "User signs up",
        Action::ConfirmSignUp => "User confirms the sign-up code",
        Action::ResendConfirmationCode => "App asks for a new code",
        Action::AdminCreateUser => "Admin creates the user",
        Action::AnswerNewPassword => "User sets a new password",
        Action::AnswerTotp => "User enters the authenticator code",
        Action::RefreshTokens => "App refreshes the tokens",
        Action::GetUser => "App calls an API with the access token",
        Action::GlobalSignOut => "User signs out everywhere",
        Action::RevokeToken => "App revokes the refresh token",
        Action::ForgotPassword => "User asks to reset the password",
        Action::ConfirmForgotPassword => "User resets the password with the code",
        Action::AdminDisableUser => "Admin disables the user",
        Action::AdminEnableUser => "Admin enables the user",
        Action::AdvanceClock => "Time passes",
        Action::VerifyToken => "App verifies the token offline",
        Action::ComputeSecretHash => "App computes the SECRET_HASH",
        Action::AdminAddUserToGroup => "Admin adds the user to a group",
        Action::AuthorizeGroup => "The API checks the user's groups",
        Action::AssociateSoftwareToken => "App asks for an authenticator secret",
        Action::VerifySoftwareToken => "User enters the authenticator's first code",
        Action::AnswerMfaSetup => "App finishes the MFA set-up",
        Action::TamperToken => "Someone changes the token",
        Action::MakePkce => "App makes a PKCE code verifier and challenge",
        Action::OpenAuthorize => "Browser opens the hosted UI (authorize)",
        Action::SubmitLogin => "User signs in on the hosted page",
        Action::ExchangeCode => "App exchanges the code for tokens",
        Action::CallUserInfo => "App asks for the user's info (userInfo)",
    }
}

/// Default (input, response, result) wording when the step succeeds (or makes no call).
#[must_use]
pub fn success_labels(action: Action) -> (&'static str, &'static str, &'static str) {
    match action {
        Action::Narrate => ("N/A", "N/A", ""),
        Action::EnterCredentials => ("username, password", "N/A", "Credentials ready"),
        Action::SendCredentials => (
            "username, password",
            "Checking credentials",
            "Waiting for response",
        ),
        Action::VerifyCredentials => ("username, password", "Valid", "Authentication success"),
        Action::ReturnResult => ("N/A", "JWT token", "Token received by app"),
        Action::SignIn => ("username, password", "JWT token", "Token received by app"),
        Action::ComputeSrpA => ("a (random)", "N/A", "A ready"),
        Action::SendSrpA => ("username, SRP_A", "Checking", "Waiting for the challenge"),
        Action::ComputeSrpProof => ("password, SALT, SRP_B", "N/A", "Proof ready"),
        Action::SendSrpProof => (
            "signature, TIMESTAMP",
            "Checking the proof",
            "Waiting for response",
        ),
        Action::GrantAccess => ("Token", "N/A", "User logged in"),
        Action::ShowError => ("Error", "N/A", "Error shown"),
        Action::SignUp => (
            "username, password, email",
            "Code sent",
            "Confirmation code emailed",
        ),
        Action::ConfirmSignUp => ("username, code", "Confirmed", "User confirmed"),
        Action::ResendConfirmationCode => ("username", "Code sent", "New code emailed"),
        Action::AdminCreateUser => (
            "username, email",
            "User created",
            "Temporary password emailed",
        ),
        Action::AnswerNewPassword => ("new password", "JWT token", "Password changed"),
        Action::AnswerTotp => ("authenticator code", "JWT token", "Token received by app"),
        Action::RefreshTokens => ("refresh token", "New tokens", "Tokens refreshed"),
        Action::GetUser => ("access token", "User attributes", "API call allowed"),
        Action::GlobalSignOut => ("access token", "Signed out", "All sessions revoked"),
        Action::RevokeToken => ("refresh token", "Revoked", "Refresh token revoked"),
        Action::ForgotPassword => ("username", "Code sent", "Reset code emailed"),
        Action::ConfirmForgotPassword => {
            ("code, new password", "Password reset", "Password changed")
        }
        Action::AdminDisableUser => ("username", "Disabled", "User disabled"),
        Action::AdminEnableUser => ("username", "Enabled", "User enabled"),
        Action::AdvanceClock => ("duration", "N/A", "Clock moved"),
        Action::VerifyToken => ("token", "N/A", "Token valid"),
        Action::ComputeSecretHash => (
            "username, client id, client secret",
            "N/A",
            "SECRET_HASH ready",
        ),
        Action::AdminAddUserToGroup => ("username, group", "Added", "User in the group"),
        Action::AuthorizeGroup => ("access token, group", "N/A", "API call allowed"),
        Action::AssociateSoftwareToken => ("Session", "SecretCode", "Secret shown as a QR code"),
        Action::VerifySoftwareToken => ("authenticator code", "SUCCESS", "Authenticator verified"),
        Action::AnswerMfaSetup => ("Session", "JWT token", "Token received by app"),
        Action::TamperToken => ("ID token", "N/A", "Token changed"),
        Action::MakePkce => ("32 random bytes", "N/A", "Verifier and challenge ready"),
        Action::OpenAuthorize => (
            "client_id, redirect_uri, scope, state, code_challenge",
            "302 to the sign-in page",
            "Sign-in page shown",
        ),
        Action::SubmitLogin => (
            "username, password",
            "302 with a code",
            "Code received by app",
        ),
        Action::ExchangeCode => (
            "code, code_verifier",
            "JWT tokens",
            "Tokens received by app",
        ),
        Action::CallUserInfo => ("access token", "User attributes", "User info received"),
    }
}

/// (action, input, response, result) of a served call no lesson action makes (a live
/// session's `GET /login`, an admin call): what a learner sees in its table row instead of
/// "N/A". The hosted UI's own requests say what they are; any other names its operation.
#[must_use]
pub fn call_labels(operation: &str) -> (String, &'static str, &'static str, &'static str) {
    let (action, input, response, result) = match operation {
        "GET /login" => (
            "Browser loads the sign-in page (GET /login)",
            "client_id, redirect_uri, state",
            "The sign-in page (HTML)",
            "Sign-in form shown",
        ),
        "GET /logout" => (
            "Browser signs out (GET /logout)",
            "client_id, logout_uri",
            "302 to the sign-out URL",
            "Sign-in cookie cleared",
        ),
        "POST /oauth2/revoke" => (
            "App revokes a refresh token (/oauth2/revoke)",
            "token",
            "Revoked",
            "Refresh token revoked",
        ),
        other => {
            return (
                other.to_owned(),
                "the request's members",
                "Answered",
                "Done",
            );
        }
    };
    (action.to_owned(), input, response, result)
}

/// Default "Result" when the step's call fails.
#[must_use]
pub fn error_result(action: Action) -> &'static str {
    match action {
        Action::VerifyCredentials => "Authentication failed",
        Action::ReturnResult | Action::SignIn | Action::AnswerNewPassword | Action::AnswerTotp => {
            "No token issued"
        }
        Action::GrantAccess => "Access denied",
        Action::VerifyToken => "Token rejected",
        Action::AuthorizeGroup => "API call refused",
        Action::AnswerMfaSetup => "No token issued",
        Action::RefreshTokens => "No new tokens",
        Action::GetUser => "API call refused",
        Action::OpenAuthorize => "No sign-in page",
        Action::SubmitLogin => "No code",
        Action::ExchangeCode => "No token issued",
        Action::CallUserInfo => "No user info",
        _ => "Request failed",
    }
}

/// The "Cognito Response" and "Result" when Cognito asks for a challenge.
#[must_use]
pub fn challenge_labels(name: &str) -> (String, String) {
    (
        format!("Challenge: {name}"),
        match name {
            "NEW_PASSWORD_REQUIRED" => "New password required".to_owned(),
            "SOFTWARE_TOKEN_MFA" => "Authenticator code required".to_owned(),
            "PASSWORD_VERIFIER" => "Password proof required".to_owned(),
            "MFA_SETUP" => "Authenticator set-up required".to_owned(),
            other => format!("{other} required"),
        },
    )
}
