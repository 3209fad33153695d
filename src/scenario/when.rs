//! The `when` condition of a step: which outcome of the latest call it follows.

use std::fmt;

/// When a step applies, judged on the outcome of the latest Cognito call (or the app's latest
/// token check).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum When {
    /// Always (the default).
    Always,
    /// After a success.
    Success,
    /// After any exception.
    Error,
    /// After this exception, e.g. `NotAuthorizedException`.
    ErrorNamed(String),
    /// After any challenge.
    Challenge,
    /// After this challenge, e.g. `NEW_PASSWORD_REQUIRED`.
    ChallengeNamed(String),
}

impl When {
    /// Parses `always`, `success`, `error`, `error:<Exception>`, `challenge` or
    /// `challenge:<CHALLENGE_NAME>`.
    ///
    /// # Errors
    /// A message listing the accepted forms.
    pub fn parse(text: &str) -> Result<Self, String> {
        let named = |rest: &str, make: fn(String) -> Self| {
            let rest = rest.trim();
            if !rest.is_empty() && rest.chars().all(|c| c.is_ascii_alphanumeric() || c == '_') {
                Ok(make(rest.to_owned()))
            } else {
                Err(format!(
                    "`when = \"{text}\"` needs a name after the colon, e.g. \"error:NotAuthorizedException\""
                ))
            }
        };
        match text.trim() {
            "always" => Ok(Self::Always),
            "success" => Ok(Self::Success),
            "error" => Ok(Self::Error),
            "challenge" => Ok(Self::Challenge),
            other => {
                if let Some(rest) = other.strip_prefix("error:") {
                    named(rest, Self::ErrorNamed)
                } else if let Some(rest) = other.strip_prefix("challenge:") {
                    named(rest, Self::ChallengeNamed)
                } else {
                    Err(format!(
                        "`when = \"{text}\"` is not a condition; use always, success, error, \
                         error:<Exception>, challenge or challenge:<CHALLENGE_NAME>"
                    ))
                }
            }
        }
    }
}

impl fmt::Display for When {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::Always => f.write_str("always"),
            Self::Success => f.write_str("success"),
            Self::Error => f.write_str("error"),
            Self::ErrorNamed(name) => write!(f, "error:{name}"),
            Self::Challenge => f.write_str("challenge"),
            Self::ChallengeNamed(name) => write!(f, "challenge:{name}"),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::When;

    #[test]
    fn parses_every_form() {
        let cases = [
            ("always", Ok(When::Always)),
            ("success", Ok(When::Success)),
            (" error ", Ok(When::Error)),
            (
                "error:NotAuthorizedException",
                Ok(When::ErrorNamed("NotAuthorizedException".into())),
            ),
            ("challenge", Ok(When::Challenge)),
            (
                "challenge:NEW_PASSWORD_REQUIRED",
                Ok(When::ChallengeNamed("NEW_PASSWORD_REQUIRED".into())),
            ),
            ("error:", Err("needs a name")),
            ("sucess", Err("not a condition")),
        ];
        for (text, want) in cases {
            match (When::parse(text), want) {
                (Ok(got), Ok(want)) => {
                    assert_eq!(got, want);
                    assert_eq!(When::parse(&got.to_string()), Ok(got));
                }
                (Err(got), Err(want)) => assert!(got.contains(want), "{text}: {got}"),
                (got, want) => panic!("{text}: got {got:?}, want {want:?}"),
            }
        }
    }
}
