//! An authorize request explained parameter by parameter: each of the parameters a browser
//! brings to `/oauth2/authorize` (response_type … nonce) with the value sent, what it is for,
//! what Cognito checks of it and, where a check of the call covers it, ✓ or ✗. Shown in the
//! step's panel (mode 1), for the lesson's authorize step and for a served one (live view).

use ratatui::text::{Line, Span};

use super::{Ctx, hanging};
use crate::flow::Frame;
use crate::sanitize;
use crate::words::Word;

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

/// The section's lines at width `w`; empty for a frame that is not an authorize request.
pub(crate) fn lines(frame: &Frame, w: u16, ctx: &Ctx<'_>) -> Vec<Line<'static>> {
    let Some(sent) = sent(frame) else {
        return Vec::new();
    };
    let t = ctx.theme;
    let words = ctx.words;
    let mut out = vec![
        Line::raw(""),
        Line::from(Span::styled(
            words.get(Word::AuthorizeHeading).to_owned(),
            t.heading,
        )),
    ];
    let indent = "    ";
    for parameter in &PARAMETERS {
        let value = sent
            .iter()
            .find(|(name, _)| name == parameter.name)
            .map(|(_, v)| v.as_str());
        let verdict = parameter.check.and_then(|name| {
            frame
                .cognito_checks
                .iter()
                .find(|c| c.name == name && c.ran())
        });
        let (glyph, style) = match verdict {
            Some(check) if check.passed => ("✓ ", t.good),
            Some(_) => ("✗ ", t.bad),
            None => ("· ", t.muted),
        };
        let shown = value.map_or_else(
            || words.get(Word::AuthorizeNotSent).to_owned(),
            |v| format!("= {}", sanitize::line(v)),
        );
        out.extend(hanging(
            glyph,
            &format!("{} {shown}", parameter.name),
            w,
            style,
            t.key,
        ));
        for (label, word) in [
            (Word::AuthorizeFor, parameter.what_for),
            (Word::AuthorizeChecks, parameter.checked),
        ] {
            let text = format!("{}{}", words.get(label), words.get(word));
            out.extend(hanging(indent, &text, w, t.muted, t.muted));
        }
    }
    out
}
