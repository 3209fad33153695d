//! An authorize request explained parameter by parameter, as data every view shows: each of
//! the parameters a browser brings to `/oauth2/authorize` (response_type … nonce) with the
//! value sent, what it is for, what Cognito checks of it and, where a check of the call covers
//! it, whether that check passed. The TUI's step panel (ui/authorize.rs), plain mode and the
//! transcripts all read [`parameters`]; [`text_lines`] is the plain-text form.

use crate::sanitize;
use crate::words::{Word, Words};

use super::Frame;

/// One parameter: its name, what it is for, what Cognito checks, and the check (by name) of
/// the authorize call that covers it.
struct Parameter {
    name: &'static str,
    what_for: Word,
    checked: Word,
    check: Option<&'static str>,
}

/// In the order Cognito's documentation lists them (hosted-ui.md §2).
const PARAMETERS: [Parameter; 8] = [
    Parameter {
        name: "response_type",
        what_for: Word::AuthorizeResponseTypeFor,
        checked: Word::AuthorizeResponseTypeCheck,
        check: Some("flow allowed"),
    },
    Parameter {
        name: "client_id",
        what_for: Word::AuthorizeClientIdFor,
        checked: Word::AuthorizeClientIdCheck,
        check: Some("app client"),
    },
    Parameter {
        name: "redirect_uri",
        what_for: Word::AuthorizeRedirectUriFor,
        checked: Word::AuthorizeRedirectUriCheck,
        check: Some("redirect_uri registered"),
    },
    Parameter {
        name: "scope",
        what_for: Word::AuthorizeScopeFor,
        checked: Word::AuthorizeScopeCheck,
        check: Some("scopes"),
    },
    Parameter {
        name: "state",
        what_for: Word::AuthorizeStateFor,
        checked: Word::AuthorizeStateCheck,
        check: None,
    },
    Parameter {
        name: "code_challenge",
        what_for: Word::AuthorizeChallengeFor,
        checked: Word::AuthorizeChallengeCheck,
        check: Some("PKCE"),
    },
    Parameter {
        name: "code_challenge_method",
        what_for: Word::AuthorizeMethodFor,
        checked: Word::AuthorizeMethodCheck,
        check: Some("PKCE"),
    },
    Parameter {
        name: "nonce",
        what_for: Word::AuthorizeNonceFor,
        checked: Word::AuthorizeNonceCheck,
        check: None,
    },
];

/// The authorize parameters a frame's call sent, by name: the lesson records the URL
/// (`{"url": "/oauth2/authorize?…"}`), a served request its decoded query. `None` when the
/// frame is not an authorize request.
fn sent(frame: &Frame) -> Option<Vec<(String, String)>> {
    let api = frame.api.as_ref()?;
    if api.operation != "GET /oauth2/authorize" {
        return None;
    }
    let request = api.request.as_ref()?.as_object()?;
    Some(match request.get("url").and_then(|u| u.as_str()) {
        Some(url) => url
            .split_once('?')
            .map(|(_, query)| crate::cognito::oauth::decode_form(query))
            .unwrap_or_default(),
        None => request
            .iter()
            .filter_map(|(k, v)| Some((k.clone(), v.as_str()?.to_owned())))
            .collect(),
    })
}

/// One parameter of a frame's authorize request, explained.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Explained {
    /// `response_type`, `client_id`, …
    pub name: &'static str,
    /// The value sent, `None` when the request left it out.
    pub value: Option<String>,
    /// What it is for.
    pub what_for: Word,
    /// What Cognito checks of it.
    pub checked: Word,
    /// The check of the call that covers it: passed or failed; `None` when none does (or it
    /// did not run).
    pub verdict: Option<bool>,
}

/// Every parameter of `frame`'s authorize request, in Cognito's documented order; `None` when
/// the frame is not an authorize request.
#[must_use]
pub fn parameters(frame: &Frame) -> Option<Vec<Explained>> {
    let sent = sent(frame)?;
    Some(
        PARAMETERS
            .iter()
            .map(|parameter| Explained {
                name: parameter.name,
                value: sent
                    .iter()
                    .find(|(name, _)| name == parameter.name)
                    .map(|(_, v)| v.clone()),
                what_for: parameter.what_for,
                checked: parameter.checked,
                verdict: parameter.check.and_then(|name| {
                    frame
                        .cognito_checks
                        .iter()
                        .find(|c| c.name == name && c.ran())
                        .map(|c| c.passed)
                }),
            })
            .collect(),
    )
}

impl Explained {
    /// "✓ ", "✗ " or "· " (no check covers it).
    #[must_use]
    pub fn glyph(&self) -> &'static str {
        match self.verdict {
            Some(true) => "✓ ",
            Some(false) => "✗ ",
            None => "· ",
        }
    }

    /// "client_id = abc" or "nonce (not sent)", the value made safe to print.
    #[must_use]
    pub fn sent(&self, words: &Words) -> String {
        let shown = self.value.as_deref().map_or_else(
            || words.get(Word::AuthorizeNotSent).to_owned(),
            |v| format!("= {}", sanitize::line(v)),
        );
        format!("{} {shown}", self.name)
    }

    /// "For: …" and "Cognito checks: …".
    #[must_use]
    pub fn notes(&self, words: &Words) -> [String; 2] {
        [
            format!(
                "{}{}",
                words.get(Word::AuthorizeFor),
                words.get(self.what_for)
            ),
            format!(
                "{}{}",
                words.get(Word::AuthorizeChecks),
                words.get(self.checked)
            ),
        ]
    }
}

/// The section as plain text (plain mode, the text transcript): the heading, then per
/// parameter "✓ name = value" and its two notes, each line behind `indent`; empty for a frame
/// that is not an authorize request.
#[must_use]
pub fn text_lines(frame: &Frame, words: &Words, indent: &str) -> Vec<String> {
    let Some(parameters) = parameters(frame) else {
        return Vec::new();
    };
    let mut out = vec![format!("{indent}{}", words.get(Word::AuthorizeHeading))];
    for parameter in &parameters {
        out.push(format!(
            "{indent}{}{}",
            parameter.glyph(),
            parameter.sent(words)
        ));
        for note in parameter.notes(words) {
            out.push(format!("{indent}    {note}"));
        }
    }
    out
}
