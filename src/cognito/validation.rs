//! Cognito's request validation, made before anything else is looked at: the length and pattern
//! of each member, as the API model gives them for the member's shape (botocore's
//! `cognito-idp` `service-2.json`), worded as AWS words a failed constraint:
//!
//! ```text
//! 1 validation error detected: Value at 'session' failed to satisfy constraint: Member must have length greater than or equal to 20
//! ```
//!
//! Every failed constraint is one error and all go in one message (`2 validation errors
//! detected: …; …`), as amazon-cognito-identity-js#388 quotes. A sensitive member's value is
//! left out; another's is quoted. `tests/it/service_model.rs` checks every row of [`SHAPES`]
//! against the model botocore ships, so this table cannot drift from it.

use super::{CognitoError, Exception};

/// What a shape of the model allows.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Shape {
    /// The model's shape name (`SessionType`).
    pub name: &'static str,
    /// Fewest characters, if the model says.
    pub min: Option<usize>,
    /// Most characters, if the model says.
    pub max: Option<usize>,
    /// The pattern the service applies, if any.
    pub pattern: Option<Pattern>,
    /// The model marks it sensitive: its value is never quoted.
    pub sensitive: bool,
}

/// The patterns of the shapes checked here (Java regular expressions, matched whole).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Pattern {
    /// `[\S]+`: no whitespace at all.
    NoWhitespace,
    /// `^[\S]+.*[\S]+$`: what Cognito applies to passwords (the model says `[\S]+`, but spaces
    /// inside a password are accepted and surrounding ones refused with this pattern:
    /// cds-snc/platform-forms-client#5635).
    NoSurroundingWhitespace,
    /// `[0-9]+`.
    Digits,
}

impl Pattern {
    /// The pattern as the error message quotes it.
    #[must_use]
    pub fn text(self) -> &'static str {
        match self {
            Pattern::NoWhitespace => r"[\S]+",
            Pattern::NoSurroundingWhitespace => r"^[\S]+.*[\S]+$",
            Pattern::Digits => "[0-9]+",
        }
    }

    /// The pattern as the model writes it (differs only for passwords).
    #[must_use]
    pub fn model_text(self) -> &'static str {
        match self {
            Pattern::NoSurroundingWhitespace => r"[\S]+",
            other => other.text(),
        }
    }

    /// Whether `value` matches the whole pattern. Java's `\s` is ASCII whitespace and its `.`
    /// stops at a line terminator.
    #[must_use]
    pub fn matches(self, value: &str) -> bool {
        let space = |c: char| matches!(c, ' ' | '\t' | '\n' | '\u{b}' | '\u{c}' | '\r');
        match self {
            Pattern::NoWhitespace => !value.is_empty() && !value.chars().any(space),
            Pattern::NoSurroundingWhitespace => {
                let line_end =
                    |c: char| matches!(c, '\n' | '\r' | '\u{85}' | '\u{2028}' | '\u{2029}');
                let chars: Vec<char> = value.chars().collect();
                chars.len() >= 2
                    && !space(chars[0])
                    && !space(chars[chars.len() - 1])
                    && !chars[1..chars.len() - 1].iter().any(|&c| line_end(c))
            }
            Pattern::Digits => !value.is_empty() && value.chars().all(|c| c.is_ascii_digit()),
        }
    }
}

/// `PasswordType` (every password member: `password`, `previousPassword`, `proposedPassword`,
/// `temporaryPassword`).
pub const PASSWORD: Shape = Shape {
    name: "PasswordType",
    min: None,
    max: Some(256),
    pattern: Some(Pattern::NoSurroundingWhitespace),
    sensitive: true,
};

/// `SessionType`: a challenge's Session.
pub const SESSION: Shape = Shape {
    name: "SessionType",
    min: Some(20),
    max: Some(2048),
    pattern: None,
    sensitive: true,
};

/// `ConfirmationCodeType`: ConfirmSignUp's and ConfirmForgotPassword's code.
pub const CONFIRMATION_CODE: Shape = Shape {
    name: "ConfirmationCodeType",
    min: Some(1),
    max: Some(2048),
    pattern: Some(Pattern::NoWhitespace),
    sensitive: false,
};

/// `SoftwareTokenMFAUserCodeType`: VerifySoftwareToken's code.
pub const USER_CODE: Shape = Shape {
    name: "SoftwareTokenMFAUserCodeType",
    min: Some(6),
    max: Some(6),
    pattern: Some(Pattern::Digits),
    sensitive: true,
};

/// Every shape checked here (the model test walks this list).
pub const SHAPES: [Shape; 4] = [PASSWORD, SESSION, CONFIRMATION_CODE, USER_CODE];

/// The failed constraints of one request, in member order.
#[derive(Debug, Default)]
#[must_use]
pub(crate) struct Validation {
    failures: Vec<String>,
}

impl Validation {
    /// Checks `value` of `member` (lowerCamelCase, as the message names it) against `shape`;
    /// an absent member is not this check's business (required members are the decoder's).
    pub(crate) fn member(mut self, member: &str, shape: &Shape, value: Option<&str>) -> Self {
        let Some(value) = value else {
            return self;
        };
        let at = if shape.sensitive {
            format!("Value at '{member}'")
        } else {
            format!("Value '{value}' at '{member}'")
        };
        let len = value.chars().count();
        let mut fail = |constraint: String| {
            self.failures.push(format!(
                "{at} failed to satisfy constraint: Member must {constraint}"
            ));
        };
        if let Some(min) = shape.min.filter(|&min| len < min) {
            fail(format!("have length greater than or equal to {min}"));
        }
        if let Some(max) = shape.max.filter(|&max| len > max) {
            fail(format!("have length less than or equal to {max}"));
        }
        if let Some(pattern) = shape.pattern.filter(|p| !p.matches(value)) {
            fail(format!(
                "satisfy regular expression pattern: {}",
                pattern.text()
            ));
        }
        self
    }

    /// `InvalidParameterException` naming every failed constraint, if any failed.
    pub(crate) fn done(self) -> Result<(), CognitoError> {
        let n = self.failures.len();
        if n == 0 {
            return Ok(());
        }
        let errors = if n == 1 { "error" } else { "errors" };
        Err(CognitoError::new(
            Exception::InvalidParameter,
            format!(
                "{n} validation {errors} detected: {}",
                self.failures.join("; ")
            ),
        ))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn message(v: Validation) -> String {
        v.done().unwrap_err().message
    }

    #[test]
    fn each_constraint_is_worded_as_aws_words_it() {
        for (member, shape, value, expected) in [
            (
                "session",
                SESSION,
                "0123456789",
                "1 validation error detected: Value at 'session' failed to satisfy constraint: Member must have length greater than or equal to 20",
            ),
            (
                "confirmationCode",
                CONFIRMATION_CODE,
                "",
                "2 validation errors detected: Value '' at 'confirmationCode' failed to satisfy constraint: Member must have length greater than or equal to 1; Value '' at 'confirmationCode' failed to satisfy constraint: Member must satisfy regular expression pattern: [\\S]+",
            ),
            (
                "password",
                PASSWORD,
                " Harbor-Light-42",
                "1 validation error detected: Value at 'password' failed to satisfy constraint: Member must satisfy regular expression pattern: ^[\\S]+.*[\\S]+$",
            ),
            (
                "userCode",
                USER_CODE,
                "12345a7",
                "2 validation errors detected: Value at 'userCode' failed to satisfy constraint: Member must have length less than or equal to 6; Value at 'userCode' failed to satisfy constraint: Member must satisfy regular expression pattern: [0-9]+",
            ),
        ] {
            let got = message(Validation::default().member(member, &shape, Some(value)));
            assert_eq!(got, expected);
        }
    }

    #[test]
    fn what_passes_and_what_is_not_checked() {
        let ok = Validation::default()
            .member("password", &PASSWORD, Some("Correct Horse 9"))
            .member("session", &SESSION, Some(&"A".repeat(20)))
            .member("confirmationCode", &CONFIRMATION_CODE, Some("123456"))
            .member("userCode", &USER_CODE, Some("000000"))
            .member("session", &SESSION, None);
        assert!(ok.done().is_ok());
        // Java's `.` stops at a line end; `\s` is ASCII (a no-break space is not whitespace).
        for (password, passes) in [
            ("a\nb", false),
            ("ab\n", false),
            ("\u{a0}abc", true),
            ("a", false),
            ("", false),
        ] {
            assert_eq!(
                Pattern::NoSurroundingWhitespace.matches(password),
                passes,
                "{password:?}"
            );
        }
    }
}
