//! The `when` condition of a step: which outcome of the latest call it follows.
//!
//! ```text
//!  when        := alternative ( ("|" | "or") alternative )*
//!  alternative := ("!" | "not") alternative  |  condition
//!  condition   := always | success | challenge[:NAME] | error[:Exception] ["message text"]
//! ```
//!
//! `error:NotAuthorizedException "User is disabled."` matches that exception when its message
//! contains the quoted text. Format 1 files use one condition without a message.

use std::fmt;

/// When a step applies, judged on the outcome of the latest Cognito call (or the app's latest
/// token check).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum When {
    /// Always (the default).
    Always,
    /// After a success.
    Success,
    /// After an exception: any, or the one named; with a message containing `message`, if given.
    Error {
        /// The exception, e.g. `NotAuthorizedException`; `None` for any.
        name: Option<String>,
        /// Text the exception's message must contain, e.g. `User is disabled.`.
        message: Option<String>,
    },
    /// After a challenge: any, or the one named (e.g. `NEW_PASSWORD_REQUIRED`).
    Challenge(Option<String>),
    /// When the condition does not hold.
    Not(Box<When>),
    /// When any of the conditions holds.
    Any(Vec<When>),
}

/// A name a condition uses.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Named<'w> {
    /// `error:<name>`.
    Exception(&'w str),
    /// `challenge:<name>`.
    Challenge(&'w str),
}

/// Why a `when` did not parse.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct WhenError {
    /// What is wrong, quoting the text.
    pub message: String,
    /// The word that is not a condition, when that is the problem (for a "did you mean").
    pub unknown: Option<String>,
}

impl When {
    /// `error:<name>`.
    #[must_use]
    pub fn error_named(name: &str) -> Self {
        Self::Error {
            name: Some(name.to_owned()),
            message: None,
        }
    }

    /// Parses a `when` (see the module's grammar).
    ///
    /// # Errors
    /// What is wrong with the text, and how to write what was probably meant.
    pub fn parse(text: &str) -> Result<Self, WhenError> {
        let tokens = tokens(text)?;
        let mut parser = Parser {
            text,
            tokens: &tokens,
            at: 0,
        };
        let when = parser.any()?;
        match parser.tokens.get(parser.at) {
            None => Ok(when),
            Some(token) => Err(parser.fail(format!(
                "`{}` follows a whole condition; join conditions with `|` (or), e.g. \"error | challenge\"",
                token.shown()
            ))),
        }
    }

    /// Whether this is a format 1 condition: one condition, no message.
    #[must_use]
    pub fn is_format_1(&self) -> bool {
        match self {
            Self::Always | Self::Success | Self::Challenge(_) => true,
            Self::Error { message, .. } => message.is_none(),
            Self::Not(_) | Self::Any(_) => false,
        }
    }

    /// Every exception and challenge the condition names, for the validator to check.
    #[must_use]
    pub fn names(&self) -> Vec<Named<'_>> {
        match self {
            Self::Always | Self::Success => Vec::new(),
            Self::Error { name, .. } => name.iter().map(|n| Named::Exception(n)).collect(),
            Self::Challenge(name) => name.iter().map(|n| Named::Challenge(n)).collect(),
            Self::Not(inner) => inner.names(),
            Self::Any(all) => all.iter().flat_map(When::names).collect(),
        }
    }

    /// The condition in words, as `cogflow check --explain` says it.
    #[must_use]
    pub fn describe(&self) -> String {
        match self {
            Self::Always => "always".to_owned(),
            Self::Success => "after a call that succeeded".to_owned(),
            Self::Error { name, message } => {
                let what = name
                    .as_ref()
                    .map_or_else(|| "any exception".to_owned(), Clone::clone);
                match message {
                    None => format!("after {what}"),
                    Some(text) => format!("after {what} whose message contains \"{text}\""),
                }
            }
            Self::Challenge(None) => "after any challenge".to_owned(),
            Self::Challenge(Some(name)) => format!("after the {name} challenge"),
            Self::Not(inner) => format!("except {}", inner.describe()),
            Self::Any(all) => all
                .iter()
                .map(When::describe)
                .collect::<Vec<_>>()
                .join(", or "),
        }
    }
}

impl fmt::Display for When {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::Always => f.write_str("always"),
            Self::Success => f.write_str("success"),
            Self::Error { name, message } => {
                f.write_str("error")?;
                if let Some(name) = name {
                    write!(f, ":{name}")?;
                }
                if let Some(message) = message {
                    write!(f, " \"{message}\"")?;
                }
                Ok(())
            }
            Self::Challenge(None) => f.write_str("challenge"),
            Self::Challenge(Some(name)) => write!(f, "challenge:{name}"),
            Self::Not(inner) if matches!(**inner, Self::Any(_)) => write!(f, "not ({inner})"),
            Self::Not(inner) => write!(f, "not {inner}"),
            Self::Any(all) => {
                let parts: Vec<String> = all.iter().map(ToString::to_string).collect();
                f.write_str(&parts.join(" | "))
            }
        }
    }
}

/// A piece of a `when`.
#[derive(Debug, Clone, PartialEq, Eq)]
enum Token {
    Or,
    Not,
    Open,
    Close,
    Quoted(String),
    Word(String),
}

impl Token {
    fn shown(&self) -> String {
        match self {
            Self::Or => "|".to_owned(),
            Self::Not => "not".to_owned(),
            Self::Open => "(".to_owned(),
            Self::Close => ")".to_owned(),
            Self::Quoted(text) => format!("\"{text}\""),
            Self::Word(word) => word.clone(),
        }
    }
}

fn tokens(text: &str) -> Result<Vec<Token>, WhenError> {
    let mut tokens = Vec::new();
    let mut chars = text.char_indices().peekable();
    while let Some((start, c)) = chars.next() {
        match c {
            c if c.is_whitespace() => {}
            '|' => tokens.push(Token::Or),
            '!' => tokens.push(Token::Not),
            '(' => tokens.push(Token::Open),
            ')' => tokens.push(Token::Close),
            '"' => {
                let mut quoted = String::new();
                loop {
                    match chars.next() {
                        Some((_, '"')) => break,
                        Some((_, c)) => quoted.push(c),
                        None => {
                            return Err(fail(
                                text,
                                "the message to match has no closing `\"`".to_owned(),
                            ));
                        }
                    }
                }
                tokens.push(Token::Quoted(quoted));
            }
            c if is_word_char(c) => {
                let mut end = start + c.len_utf8();
                while let Some(&(i, c)) = chars.peek() {
                    if !is_word_char(c) {
                        break;
                    }
                    end = i + c.len_utf8();
                    chars.next();
                }
                tokens.push(match &text[start..end] {
                    "or" => Token::Or,
                    "not" => Token::Not,
                    word => Token::Word(word.to_owned()),
                });
            }
            other => {
                return Err(fail(
                    text,
                    format!(
                        "`{other}` has no meaning in a condition; use words, `|` (or), `not` and a \"quoted message\""
                    ),
                ));
            }
        }
    }
    Ok(tokens)
}

fn is_word_char(c: char) -> bool {
    c.is_ascii_alphanumeric() || c == '_' || c == ':'
}

fn fail(text: &str, problem: String) -> WhenError {
    WhenError {
        message: format!("`when = \"{text}\"`: {problem}"),
        unknown: None,
    }
}

struct Parser<'t> {
    text: &'t str,
    tokens: &'t [Token],
    at: usize,
}

impl Parser<'_> {
    fn fail(&self, problem: String) -> WhenError {
        fail(self.text, problem)
    }

    fn next(&mut self) -> Option<&Token> {
        let token = self.tokens.get(self.at);
        self.at += 1;
        token
    }

    fn peek(&self) -> Option<&Token> {
        self.tokens.get(self.at)
    }

    fn any(&mut self) -> Result<When, WhenError> {
        let mut all = vec![self.alternative()?];
        while self.peek() == Some(&Token::Or) {
            self.at += 1;
            all.push(self.alternative()?);
        }
        Ok(if all.len() == 1 {
            all.remove(0)
        } else {
            When::Any(all)
        })
    }

    fn alternative(&mut self) -> Result<When, WhenError> {
        let previous = self
            .at
            .checked_sub(1)
            .and_then(|i| self.tokens.get(i))
            .cloned();
        match self.next().cloned() {
            None => Err(self.fail(match previous {
                Some(Token::Or) => "`|` (or) needs a condition after it".to_owned(),
                Some(Token::Not) => "`not` needs a condition after it".to_owned(),
                _ => "the condition is empty; use always, success, error, error:<Exception>, challenge or challenge:<CHALLENGE_NAME>".to_owned(),
            })),
            Some(Token::Not) => Ok(When::Not(Box::new(self.alternative()?))),
            Some(Token::Open) => {
                let inner = self.any()?;
                match self.next() {
                    Some(Token::Close) => Ok(inner),
                    _ => Err(self.fail("a `(` has no closing `)`".to_owned())),
                }
            }
            Some(Token::Or) => Err(self.fail("`|` (or) needs a condition before it".to_owned())),
            Some(Token::Close) => Err(self.fail("a `)` has no opening `(`".to_owned())),
            Some(Token::Quoted(text)) => Err(self.fail(format!(
                "the message \"{text}\" must follow `error` or `error:<Exception>`, e.g. 'error:NotAuthorizedException \"User is disabled.\"'"
            ))),
            Some(Token::Word(word)) => {
                let condition = self.condition(&word)?;
                match (self.peek().cloned(), condition) {
                    (Some(Token::Quoted(text)), When::Error { name, message: None }) => {
                        self.at += 1;
                        Ok(When::Error {
                            name,
                            message: Some(text),
                        })
                    }
                    (Some(Token::Quoted(text)), other) => Err(self.fail(format!(
                        "only an exception has a message to match, not `{other}` (\"{text}\")"
                    ))),
                    (_, condition) => Ok(condition),
                }
            }
        }
    }

    fn condition(&self, word: &str) -> Result<When, WhenError> {
        let (kind, name) = match word.split_once(':') {
            Some((kind, name)) => (kind, Some(name)),
            None => (word, None),
        };
        let named = |make: fn(Option<String>) -> When| match name {
            None => Ok(make(None)),
            Some(n) if !n.is_empty() && !n.contains(':') => Ok(make(Some(n.to_owned()))),
            // `error:TokenRejected:x`: a name, then a second colon. Say that, and what the
            // author may have meant (a message is matched with quotes, not a colon).
            Some(n) if n.split(':').next().is_some_and(|first| !first.is_empty()) => {
                let (first, rest) = n.split_once(':').unwrap_or((n, ""));
                Err(self.fail(format!(
                    "`{n}` is not {} name: it has a second `:`; write `{kind}:{first}`{}",
                    if kind == "error" {
                        "an exception"
                    } else {
                        "a challenge"
                    },
                    if kind == "error" && !rest.is_empty() {
                        format!(", or `{kind}:{first} \"{rest}\"` to match its message")
                    } else {
                        String::new()
                    }
                )))
            }
            Some(_) => Err(self.fail(format!(
                "`{word}` needs one name after the colon, e.g. \"error:NotAuthorizedException\""
            ))),
        };
        match (kind, name) {
            ("always", None) => Ok(When::Always),
            ("success", None) => Ok(When::Success),
            ("error", _) => named(|name| When::Error {
                name,
                message: None,
            }),
            ("challenge", _) => named(When::Challenge),
            ("always" | "success", Some(_)) => Err(self.fail(format!(
                "`{kind}` takes no name; only error:<Exception> and challenge:<NAME> do"
            ))),
            _ => Err(self.unknown(word)),
        }
    }

    /// `word` is not a condition: say what was probably meant.
    fn unknown(&self, word: &str) -> WhenError {
        let after_error = self.at >= 3
            && self.tokens.get(self.at - 2) == Some(&Token::Or)
            && matches!(self.tokens.get(self.at - 3), Some(Token::Word(w)) if w.starts_with("error:") || w.starts_with("challenge:"));
        let message = if after_error && word.chars().next().is_some_and(|c| c.is_ascii_alphabetic())
        {
            let kind = match self.tokens.get(self.at - 3) {
                Some(Token::Word(w)) if w.starts_with("challenge:") => "challenge",
                _ => "error",
            };
            format!(
                "`when = \"{}\"`: `{word}` is not a condition: each alternative names its kind, so write `{kind}:{word}`",
                self.text
            )
        } else if self.tokens.len() == 1 {
            format!(
                "`when = \"{}\"` is not a condition; use always, success, error, error:<Exception>, challenge or challenge:<CHALLENGE_NAME>",
                self.text
            )
        } else {
            format!(
                "`when = \"{}\"`: `{word}` is not a condition; use always, success, error, error:<Exception>, challenge or challenge:<CHALLENGE_NAME>",
                self.text
            )
        };
        WhenError {
            message,
            unknown: Some(word.to_owned()),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::{Named, When};

    fn error(name: &str) -> When {
        When::error_named(name)
    }

    #[test]
    fn parses_every_form() {
        let not_authorized = "NotAuthorizedException";
        let cases: Vec<(&str, Result<When, &str>)> = vec![
            ("always", Ok(When::Always)),
            ("success", Ok(When::Success)),
            (
                " error ",
                Ok(When::Error {
                    name: None,
                    message: None,
                }),
            ),
            ("error:NotAuthorizedException", Ok(error(not_authorized))),
            ("challenge", Ok(When::Challenge(None))),
            (
                "challenge:NEW_PASSWORD_REQUIRED",
                Ok(When::Challenge(Some("NEW_PASSWORD_REQUIRED".into()))),
            ),
            (
                "error:CodeMismatchException | error:ExpiredCodeException",
                Ok(When::Any(vec![
                    error("CodeMismatchException"),
                    error("ExpiredCodeException"),
                ])),
            ),
            (
                "success or challenge",
                Ok(When::Any(vec![When::Success, When::Challenge(None)])),
            ),
            ("not success", Ok(When::Not(Box::new(When::Success)))),
            ("!success", Ok(When::Not(Box::new(When::Success)))),
            (
                "error:NotAuthorizedException \"User is disabled.\"",
                Ok(When::Error {
                    name: Some(not_authorized.into()),
                    message: Some("User is disabled.".into()),
                }),
            ),
            (
                "not (error | challenge)",
                Ok(When::Not(Box::new(When::Any(vec![
                    When::Error {
                        name: None,
                        message: None,
                    },
                    When::Challenge(None),
                ])))),
            ),
            ("error:", Err("needs one name after the colon")),
            (
                "error:TokenRejected:x",
                Err(
                    "`TokenRejected:x` is not an exception name: it has a second `:`; write `error:TokenRejected`, or `error:TokenRejected \"x\"` to match its message",
                ),
            ),
            (
                "challenge:A:B",
                Err("`A:B` is not a challenge name: it has a second `:`; write `challenge:A`"),
            ),
            ("sucess", Err("is not a condition")),
            ("", Err("the condition is empty")),
            (
                "error:CodeMismatchException|ExpiredCodeException",
                Err("write `error:ExpiredCodeException`"),
            ),
            ("success |", Err("`|` (or) needs a condition after it")),
            ("| success", Err("needs a condition before it")),
            ("not", Err("`not` needs a condition after it")),
            ("error \"oops", Err("no closing `\"`")),
            ("success \"x\"", Err("only an exception has a message")),
            ("\"x\"", Err("must follow `error`")),
            ("success error", Err("follows a whole condition")),
            ("success:x", Err("takes no name")),
            ("(success", Err("no closing `)`")),
            ("error & success", Err("`&` has no meaning")),
        ];
        for (text, want) in cases {
            match (When::parse(text), want) {
                (Ok(got), Ok(want)) => {
                    assert_eq!(got, want, "{text}");
                    assert_eq!(When::parse(&got.to_string()), Ok(got), "{text} round trip");
                }
                (Err(got), Err(want)) => {
                    assert!(got.message.contains(want), "{text}: {}", got.message);
                }
                (got, want) => panic!("{text}: got {got:?}, want {want:?}"),
            }
        }
    }

    #[test]
    fn format_1_names_and_words() {
        let disabled = When::parse("error:NotAuthorizedException \"User is disabled.\"").unwrap();
        assert!(!disabled.is_format_1());
        assert!(error("X").is_format_1());
        assert!(!When::parse("not success").unwrap().is_format_1());
        assert_eq!(
            disabled.describe(),
            "after NotAuthorizedException whose message contains \"User is disabled.\""
        );
        let either = When::parse("error:A | challenge:B | not success").unwrap();
        assert_eq!(
            either.names(),
            [Named::Exception("A"), Named::Challenge("B")]
        );
        assert_eq!(
            either.describe(),
            "after A, or after the B challenge, or except after a call that succeeded"
        );
        assert_eq!(
            When::parse("sucess").unwrap_err().unknown.as_deref(),
            Some("sucess")
        );
    }
}
