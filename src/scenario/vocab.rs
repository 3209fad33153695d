//! The words a scenario file may use that are not Rust enums: variable names, exceptions,
//! challenges, the words of the `when` grammar, which inputs each action reads, and the choice
//! letters answer keys are written in.
//!
//! These lists are shared: the validator checks files against them, and the engine (and the
//! docs) should use the same constants so a name the validator accepts is one the engine knows.

use super::model::Action;

/// Every variable the engine computes, by the name a file uses in `track` and `var:<name>`, in
/// the engine's display order (the engine uses this very list).
pub const VARIABLES: &[&str] = &[
    "username",
    "password",
    "authStatus",
    "token",
    "idToken",
    "accessToken",
    "refreshToken",
    "challenge",
    "session",
    "userStatus",
    "failedAttempts",
    "enabled",
    "email",
    "code",
    "newPassword",
    "lastError",
    "clock",
    "A",
    "B",
    "salt",
    "u",
    "S",
    "K",
    "timestamp",
    "signature",
    "secretHash",
    "secretCode",
    "groups",
    "codeVerifier",
    "codeChallenge",
    "state",
    "nonce",
    "redirectUri",
    "authCode",
];

/// Variables whose value the learner types somewhere else (the authenticator's secret key,
/// typed into an app when the QR code cannot be scanned): views show them whole, never
/// shortened as opaque.
pub const TYPED_VARIABLES: &[&str] = &["secretCode"];

/// The variables only an SRP sign-in sets (a subset of [`VARIABLES`]): views leave them out of
/// "never set" lists in runs that set none of them, where they would only be noise.
pub const SRP_VARIABLES: &[&str] = &["A", "B", "salt", "u", "S", "K", "timestamp", "signature"];

/// Families of variables only some lessons set (SRP's numbers, the client secret's hash, the
/// authenticator's secret, the token's groups, the hosted UI's values): views name a family's members as "never set"
/// only in runs that set one of them.
pub const OPTIONAL_FAMILIES: &[&[&str]] = &[
    SRP_VARIABLES,
    &["secretHash"],
    &["secretCode"],
    &["groups"],
    HOSTED_VARIABLES,
];

/// The variables only a hosted-UI sign-in sets (a subset of [`VARIABLES`]), left out of
/// "never set" lists in the same way.
pub const HOSTED_VARIABLES: &[&str] = &[
    "codeVerifier",
    "codeChallenge",
    "state",
    "nonce",
    "redirectUri",
    "authCode",
];

/// Cognito exceptions a step can branch on with `when = "error:<Exception>"`: the names the
/// mock's `cognito::Exception` sends, written out as the words a file uses (`cognito::Exception`
/// has no list of its variants to derive this from; a test checks every name here is one).
pub const EXCEPTIONS: &[&str] = &[
    "AliasExistsException",
    "CodeMismatchException",
    "EnableSoftwareTokenMFAException",
    "ExpiredCodeException",
    "GroupExistsException",
    "InternalErrorException",
    "InvalidParameterException",
    "InvalidPasswordException",
    "LimitExceededException",
    "NotAuthorizedException",
    "PasswordResetRequiredException",
    "ResourceNotFoundException",
    "SoftwareTokenMFANotFoundException",
    "TooManyFailedAttemptsException",
    "TooManyRequestsException",
    "UnauthorizedException",
    "UnsupportedTokenTypeException",
    "UnsupportedUserStateException",
    "UserLambdaValidationException",
    "UserNotConfirmedException",
    "UserNotFoundException",
    "UsernameExistsException",
    // The hosted UI's OAuth endpoints answer with OAuth's error codes.
    "invalid_client",
    "invalid_grant",
    "invalid_request",
    "invalid_scope",
    "invalid_token",
    "redirect_mismatch",
    "unauthorized_client",
    "unsupported_grant_type",
    "unsupported_token_type",
];

/// The app's own verdict when its offline check of a token fails (`grant_access`,
/// `verify_token`): not a Cognito exception, but a step can branch on it with
/// `when = "error:TokenRejected"`.
pub const TOKEN_REJECTED: &str = "TokenRejected";

/// Challenges a step can branch on with `when = "challenge:<NAME>"` (the ones the mock issues).
pub const CHALLENGES: &[&str] = &[
    "NEW_PASSWORD_REQUIRED",
    "SOFTWARE_TOKEN_MFA",
    "PASSWORD_VERIFIER",
    "MFA_SETUP",
    "SELECT_MFA_TYPE",
    "SMS_MFA",
    "EMAIL_OTP",
];

/// The bare words of the `when` grammar (the others are `error:<Exception>` and
/// `challenge:<NAME>`); `scenario::when::When` parses it.
pub const WHEN_WORDS: &[&str] = &["always", "success", "error", "challenge"];

/// The main path's name in `only_in` and `not_in` (a variant may not be called this).
pub const MAIN: &str = "main";

/// What a quiz `proof` can read from a run step (besides `var:<name>`).
pub const PROOF_FIELDS: &[&str] = &["action", "input", "response", "result", "outcome"];

/// What a prediction's `field` can name (besides `var:<name>`).
pub const PREDICTION_FIELDS: &[&str] = &["response", "result", "input", "outcome"];

/// The most choices a question may have (`A` to `Z`).
pub const MAX_CHOICES: usize = 26;

/// The letter of the choice at 0-based `index`: 0 → `A`. `None` past `Z`.
#[must_use]
pub fn letter(index: usize) -> Option<char> {
    u8::try_from(index)
        .ok()
        .filter(|&i| usize::from(i) < MAX_CHOICES)
        .map(|i| char::from(b'A' + i))
}

/// The letter of the choice at `index`, as a string; `?` past `Z` (never happens for a
/// validated question, and a placeholder is better than a panic in a label).
#[must_use]
pub fn letter_str(index: usize) -> String {
    letter(index).map_or_else(|| "?".to_owned(), String::from)
}

/// The 0-based index of a letter, case-insensitive: `b` → 1. `None` for anything else.
#[must_use]
pub fn index_of(letter: char) -> Option<usize> {
    let upper = letter.to_ascii_uppercase();
    upper
        .is_ascii_uppercase()
        .then(|| usize::from(upper as u8 - b'A'))
}

/// The choice an answer key (a question's or a prediction's `answer`) names among `count`
/// choices: one letter, any case, surrounding spaces ignored. `None` when it names none (the
/// validator reports that).
#[must_use]
pub fn answer_index(answer: &str, count: usize) -> Option<usize> {
    let mut chars = answer.trim().chars();
    match (chars.next(), chars.next()) {
        (Some(c), None) => index_of(c).filter(|&i| i < count),
        _ => None,
    }
}

/// The choices (0-based) that name `value`, a field of a run step: those equal to it, or else
/// those that start with it or that it starts with, at a word boundary, so a choice may explain
/// the value ("Valid: the hashes match" names `Valid`; "NotAuthorizedException" names
/// `NotAuthorizedException: Incorrect username or password.`). Spaces around are ignored.
#[must_use]
pub fn choices_naming(choices: &[String], value: &str) -> Vec<usize> {
    let value = value.trim();
    let exact: Vec<usize> = (0..choices.len())
        .filter(|&i| choices[i].trim() == value)
        .collect();
    if !exact.is_empty() || value.is_empty() {
        return exact;
    }
    let starts = |long: &str, short: &str| {
        long.strip_prefix(short)
            .and_then(|rest| rest.chars().next())
            .is_some_and(|c| !c.is_alphanumeric())
    };
    (0..choices.len())
        .filter(|&i| {
            let choice = choices[i].trim();
            !choice.is_empty() && (starts(choice, value) || starts(value, choice))
        })
        .collect()
}

/// A step input: a field of `[[steps]]` that an action reads and a variant may override.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Input {
    /// `username`.
    Username,
    /// `password`.
    Password,
    /// `new_password`.
    NewPassword,
    /// `email`.
    Email,
    /// `code`.
    Code,
    /// `token` (which token to use; not overridable by variants).
    Token,
    /// `duration`.
    Duration,
    /// `timestamp` (a `strftime` pattern for the SRP TIMESTAMP).
    Timestamp,
    /// `group`.
    Group,
    /// `client_secret`.
    ClientSecret,
    /// `tamper`.
    Tamper,
    /// `redirect_uri` (the hosted UI's callback).
    RedirectUri,
    /// `code_verifier` (PKCE).
    CodeVerifier,
}

impl Input {
    /// Every input, in the order the docs list them.
    pub const ALL: [Input; 13] = [
        Input::Username,
        Input::Password,
        Input::NewPassword,
        Input::Email,
        Input::Code,
        Input::Token,
        Input::Duration,
        Input::Timestamp,
        Input::Group,
        Input::ClientSecret,
        Input::Tamper,
        Input::RedirectUri,
        Input::CodeVerifier,
    ];

    /// The field's name in a file.
    #[must_use]
    pub const fn key(self) -> &'static str {
        match self {
            Input::Username => "username",
            Input::Password => "password",
            Input::NewPassword => "new_password",
            Input::Email => "email",
            Input::Code => "code",
            Input::Token => "token",
            Input::Duration => "duration",
            Input::Timestamp => "timestamp",
            Input::Group => "group",
            Input::ClientSecret => "client_secret",
            Input::Tamper => "tamper",
            Input::RedirectUri => "redirect_uri",
            Input::CodeVerifier => "code_verifier",
        }
    }
}

impl Action {
    /// Every action, in the order of the vocabulary.
    pub const ALL: [Action; 40] = [
        Action::Narrate,
        Action::EnterCredentials,
        Action::SendCredentials,
        Action::VerifyCredentials,
        Action::ReturnResult,
        Action::SignIn,
        Action::ComputeSrpA,
        Action::SendSrpA,
        Action::ComputeSrpProof,
        Action::SendSrpProof,
        Action::GrantAccess,
        Action::ShowError,
        Action::SignUp,
        Action::ConfirmSignUp,
        Action::ResendConfirmationCode,
        Action::AdminCreateUser,
        Action::AnswerNewPassword,
        Action::AnswerTotp,
        Action::RefreshTokens,
        Action::GetUser,
        Action::GlobalSignOut,
        Action::RevokeToken,
        Action::ForgotPassword,
        Action::ConfirmForgotPassword,
        Action::AdminDisableUser,
        Action::AdminEnableUser,
        Action::AdvanceClock,
        Action::VerifyToken,
        Action::ComputeSecretHash,
        Action::AdminAddUserToGroup,
        Action::AuthorizeGroup,
        Action::AssociateSoftwareToken,
        Action::VerifySoftwareToken,
        Action::AnswerMfaSetup,
        Action::TamperToken,
        Action::MakePkce,
        Action::OpenAuthorize,
        Action::SubmitLogin,
        Action::ExchangeCode,
        Action::CallUserInfo,
    ];

    /// The action's name in a file (`action = "..."`).
    #[must_use]
    pub const fn name(self) -> &'static str {
        match self {
            Action::Narrate => "narrate",
            Action::EnterCredentials => "enter_credentials",
            Action::SendCredentials => "send_credentials",
            Action::VerifyCredentials => "verify_credentials",
            Action::ReturnResult => "return_result",
            Action::SignIn => "sign_in",
            Action::ComputeSrpA => "compute_srp_a",
            Action::SendSrpA => "send_srp_a",
            Action::ComputeSrpProof => "compute_srp_proof",
            Action::SendSrpProof => "send_srp_proof",
            Action::GrantAccess => "grant_access",
            Action::ShowError => "show_error",
            Action::SignUp => "sign_up",
            Action::ConfirmSignUp => "confirm_sign_up",
            Action::ResendConfirmationCode => "resend_confirmation_code",
            Action::AdminCreateUser => "admin_create_user",
            Action::AnswerNewPassword => "answer_new_password",
            Action::AnswerTotp => "answer_totp",
            Action::RefreshTokens => "refresh_tokens",
            Action::GetUser => "get_user",
            Action::GlobalSignOut => "global_sign_out",
            Action::RevokeToken => "revoke_token",
            Action::ForgotPassword => "forgot_password",
            Action::ConfirmForgotPassword => "confirm_forgot_password",
            Action::AdminDisableUser => "admin_disable_user",
            Action::AdminEnableUser => "admin_enable_user",
            Action::AdvanceClock => "advance_clock",
            Action::VerifyToken => "verify_token",
            Action::ComputeSecretHash => "compute_secret_hash",
            Action::AdminAddUserToGroup => "admin_add_user_to_group",
            Action::AuthorizeGroup => "authorize_group",
            Action::AssociateSoftwareToken => "associate_software_token",
            Action::VerifySoftwareToken => "verify_software_token",
            Action::AnswerMfaSetup => "answer_mfa_setup",
            Action::TamperToken => "tamper_token",
            Action::MakePkce => "make_pkce",
            Action::OpenAuthorize => "open_authorize",
            Action::SubmitLogin => "submit_login",
            Action::ExchangeCode => "exchange_code",
            Action::CallUserInfo => "call_user_info",
        }
    }

    /// The step inputs this action reads. A step may set only these; a variant's `set` must
    /// override one that some step reads.
    #[must_use]
    pub const fn inputs(self) -> &'static [Input] {
        use Input::{
            ClientSecret, Code, CodeVerifier, Duration, Email, Group, NewPassword, Password,
            RedirectUri, Tamper, Timestamp, Token, Username,
        };
        match self {
            Action::Narrate
            | Action::VerifyCredentials
            | Action::ReturnResult
            | Action::ShowError
            | Action::ComputeSrpA
            | Action::SendSrpProof
            | Action::AssociateSoftwareToken
            | Action::AnswerMfaSetup
            | Action::MakePkce => &[],
            Action::OpenAuthorize => &[RedirectUri],
            Action::SubmitLogin => &[Username, Password],
            Action::ExchangeCode => &[RedirectUri, CodeVerifier, Code],
            Action::CallUserInfo => &[Token],
            Action::EnterCredentials | Action::SendCredentials | Action::SignIn => {
                &[Username, Password]
            }
            Action::SendSrpA => &[Username],
            Action::ComputeSrpProof => &[Password, Timestamp],
            Action::SignUp | Action::AdminCreateUser => &[Username, Password, Email],
            Action::ConfirmSignUp => &[Username, Code],
            Action::ResendConfirmationCode
            | Action::ForgotPassword
            | Action::AdminDisableUser
            | Action::AdminEnableUser => &[Username],
            Action::AnswerNewPassword => &[NewPassword],
            Action::AnswerTotp => &[Code],
            Action::ConfirmForgotPassword => &[Username, Code, NewPassword],
            Action::GrantAccess
            | Action::RefreshTokens
            | Action::GetUser
            | Action::GlobalSignOut
            | Action::RevokeToken
            | Action::VerifyToken => &[Token],
            Action::AdvanceClock => &[Duration],
            Action::ComputeSecretHash => &[Username, ClientSecret],
            Action::AdminAddUserToGroup => &[Username, Group],
            Action::AuthorizeGroup => &[Group],
            Action::VerifySoftwareToken => &[Code],
            Action::TamperToken => &[Tamper],
        }
    }

    /// Whether the action calls InitiateAuth with `USER_PASSWORD_AUTH` (which the app client
    /// must allow, or Cognito answers `InvalidParameterException`). `verify_credentials` and
    /// `return_result` continue whichever call is pending; with none pending they start a
    /// password one, so they count only in a lesson without SRP steps ([`Self::uses_srp_flow`]).
    #[must_use]
    pub const fn uses_password_flow(self) -> bool {
        matches!(self, Action::SendCredentials | Action::SignIn)
    }

    /// Whether the action sends Cognito a password it hashes or verifies with argon2id: a
    /// password sign-in (`verify_credentials` and `return_result` start one only in a lesson
    /// without SRP steps, see [`Self::uses_password_flow`]), a sign-up, a temporary, new or
    /// reset password, the hosted UI's login form.
    #[must_use]
    pub const fn sends_password(self) -> bool {
        matches!(
            self,
            Action::SendCredentials
                | Action::SignIn
                | Action::SignUp
                | Action::AdminCreateUser
                | Action::AnswerNewPassword
                | Action::ConfirmForgotPassword
                | Action::SubmitLogin
        )
    }

    /// Whether the action continues the pending sign-in call (or, with none, starts a
    /// password one).
    #[must_use]
    pub const fn continues_sign_in(self) -> bool {
        matches!(self, Action::VerifyCredentials | Action::ReturnResult)
    }

    /// Whether the action calls InitiateAuth with `USER_SRP_AUTH` (which the app client must
    /// allow) or answers its PASSWORD_VERIFIER challenge.
    #[must_use]
    pub const fn uses_srp_flow(self) -> bool {
        matches!(self, Action::SendSrpA | Action::SendSrpProof)
    }

    /// Whether the action goes through the hosted UI (which the app client must enable in
    /// its `oauth` table).
    #[must_use]
    pub const fn uses_hosted_ui(self) -> bool {
        matches!(
            self,
            Action::OpenAuthorize
                | Action::SubmitLogin
                | Action::ExchangeCode
                | Action::CallUserInfo
        )
    }

    /// Whether the step's outcome can be an error: a Cognito call, or the app's own token check.
    #[must_use]
    pub const fn can_fail(self) -> bool {
        !matches!(
            self,
            Action::Narrate
                | Action::EnterCredentials
                | Action::SendCredentials
                | Action::ShowError
                | Action::AdvanceClock
                | Action::ComputeSecretHash
                | Action::TamperToken
                | Action::MakePkce
        )
    }

    /// Whether the action brings a new user into the pool (so later steps may name it).
    #[must_use]
    pub const fn creates_user(self) -> bool {
        matches!(self, Action::SignUp | Action::AdminCreateUser)
    }
}

/// Checks a `timestamp` input: a `strftime` pattern the calendar can write.
///
/// # Errors
/// The unknown directive, with the ones that are known.
pub fn timestamp_pattern(pattern: &str) -> Result<(), String> {
    crate::calendar::strftime(pattern, 0).map(drop).map_err(|e| {
        format!(
            "{e}; a timestamp is a strftime pattern such as `%a %b %-d %H:%M:%S UTC %Y` (directives: %a %A %b %B %d %-d %e %H %M %S %Y %Z %%)"
        )
    })
}

/// Parses a duration such as `90s`, `61m`, `2h` or `31d` into seconds.
///
/// # Errors
/// A message saying what is wrong with the text.
pub fn parse_duration(text: &str) -> Result<u64, String> {
    let Some((unit_at, _)) = text.char_indices().last() else {
        return Err("a duration is a number and a unit, e.g. `90s`, `61m`, `2h`, `31d`".into());
    };
    let (digits, unit) = text.split_at(unit_at);
    let scale = match unit {
        "s" => 1,
        "m" => 60,
        "h" => 3_600,
        "d" => 86_400,
        _ => {
            return Err(format!(
                "`{text}` is not a duration: use a number and a unit (s, m, h or d), e.g. `90s`, `61m`, `2h`, `31d`"
            ));
        }
    };
    if digits.is_empty() || !digits.bytes().all(|b| b.is_ascii_digit()) {
        return Err(format!(
            "`{text}` is not a duration: use a whole number and a unit, e.g. `90s`, `61m`, `2h`, `31d`"
        ));
    }
    let amount: u64 = digits
        .parse()
        .map_err(|_| format!("duration `{text}` is too long"))?;
    if amount == 0 {
        return Err(format!(
            "duration `{text}` is zero: the clock would not move"
        ));
    }
    // A hundred years is more than any lesson needs and keeps the engine's arithmetic safe.
    const MAX_SECONDS: u64 = 100 * 365 * 86_400;
    match amount.checked_mul(scale) {
        Some(seconds) if seconds <= MAX_SECONDS => Ok(seconds),
        _ => Err(format!(
            "duration `{text}` is too long (at most 100 years, `36500d`)"
        )),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn durations() {
        for (text, want) in [
            ("90s", Ok(90)),
            ("61m", Ok(3_660)),
            ("2h", Ok(7_200)),
            ("31d", Ok(2_678_400)),
            ("0s", Err("zero")),
            ("m", Err("not a duration")),
            ("", Err("number and a unit")),
            ("5", Err("not a duration")),
            ("1.5h", Err("not a duration")),
            ("-5m", Err("not a duration")),
            ("5 m", Err("not a duration")),
            ("99999999999999999999d", Err("too long")),
            ("36501d", Err("too long")),
            ("5é", Err("not a duration")),
        ] {
            match (parse_duration(text), want) {
                (Ok(got), Ok(want)) => assert_eq!(got, want, "{text}"),
                (Err(got), Err(want)) => assert!(got.contains(want), "{text}: {got}"),
                (got, want) => panic!("{text}: got {got:?}, want {want:?}"),
            }
        }
    }

    #[test]
    fn letters_and_answer_keys() {
        assert_eq!(letter_str(26), "?");
        let keys: &[(&str, usize, Option<usize>)] = &[
            ("A", 4, Some(0)),
            (" c ", 4, Some(2)),
            ("D", 4, Some(3)),
            ("E", 4, None),
            ("AB", 4, None),
            ("B.", 4, None),
            ("", 4, None),
            ("1", 4, None),
            ("é", 4, None),
        ];
        for &(answer, count, want) in keys {
            assert_eq!(
                answer_index(answer, count),
                want,
                "answer_index({answer:?}, {count})"
            );
        }
        // The seed's answer key: A, C, B.
        let lesson = crate::scenario::resolve(None).unwrap();
        let answers: Vec<Option<usize>> = lesson
            .file
            .questions
            .iter()
            .map(|q| answer_index(&q.answer, q.choices.len()))
            .collect();
        assert_eq!(answers, [Some(0), Some(2), Some(1)]);
    }

    #[test]
    fn choices_name_values() {
        let choices: Vec<String> = [
            "Valid: the hash matched",
            "NotAuthorizedException",
            "NotAuthorizedException: User is disabled.",
            "JWT token",
            "JWT tokens, three of them",
        ]
        .map(String::from)
        .to_vec();
        let cases: &[(&str, &[usize])] = &[
            ("Valid", &[0]),
            ("NotAuthorizedException: User is disabled.", &[2]),
            (
                "NotAuthorizedException: Incorrect username or password.",
                &[1],
            ),
            ("JWT token", &[3]),
            ("Invalid", &[]),
            ("Val", &[]),
            ("", &[]),
        ];
        for (value, want) in cases {
            assert_eq!(choices_naming(&choices, value), *want, "{value}");
        }
        let two = [
            "Code sent".to_owned(),
            "Code sent: check your email".to_owned(),
        ];
        assert_eq!(choices_naming(&two, "Code sent to a***@e***"), [0]);
    }

    #[test]
    fn action_names_match_serde() {
        for action in Action::ALL {
            let json = serde_json::to_string(&action).unwrap();
            assert_eq!(json, format!("\"{}\"", action.name()));
        }
    }
}
