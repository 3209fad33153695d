//! Whether Cognito has revoked the token mode 9 shows. A revoked JWT still passes every
//! offline check (nothing in a signed token can change), so mode 9 must not call it
//! trustworthy without saying that Cognito itself now refuses it (issue 8 item 7).

use crate::flow::{Frame, Outcome};
use crate::scenario::model::{Action, TokenKind};

/// A revocation of the token shown, found in the run so far.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Revocation {
    /// The step that revoked it.
    pub step: usize,
    /// What revoked it: GlobalSignOut, RevokeToken or AdminDisableUser.
    pub by: Action,
    /// The first later step at which Cognito refused a call for it, with the refusal
    /// ("NotAuthorizedException: Access Token has been revoked").
    pub refused: Option<(usize, String)>,
}

/// The token of `kind` the app holds after `frame`.
fn held(frame: &Frame, kind: TokenKind) -> Option<&str> {
    match kind {
        TokenKind::Id => frame.tokens.id.as_deref(),
        TokenKind::Access => frame.tokens.access.as_deref(),
        TokenKind::Refresh => frame.tokens.refresh.as_deref(),
    }
}

/// True when a successful `action` revokes a token of `kind` issued before it: sign-out
/// everywhere and disabling the user revoke the whole sign-in; RevokeToken revokes the
/// refresh token and the access tokens made from it (the ID token is no Cognito API's input).
fn revokes(action: Action, kind: TokenKind) -> bool {
    match action {
        Action::GlobalSignOut | Action::AdminDisableUser => true,
        Action::RevokeToken => kind != TokenKind::Id,
        _ => false,
    }
}

/// The revocation of the token of `kind` held after `frames.last()`, if a step after the
/// one that issued it revoked it.
pub(crate) fn revocation(frames: &[Frame], kind: TokenKind) -> Option<Revocation> {
    let token = held(frames.last()?, kind)?;
    // The step the app got this very token: the earliest of the unbroken run holding it.
    let issued = frames
        .iter()
        .rposition(|f| held(f, kind) != Some(token))
        .map_or(0, |i| i + 1);
    let at = issued
        + frames[issued..]
            .iter()
            .skip(1)
            .position(|f| f.outcome == Outcome::Success && revokes(f.action, kind))?
        + 1;
    // Cognito's own refusal of this kind of token (no user API takes an ID token).
    let refusal = match kind {
        TokenKind::Access => "Access Token has been revoked",
        TokenKind::Refresh => "Refresh Token has been revoked",
        TokenKind::Id => "",
    };
    let refused = frames[at + 1..].iter().find_map(|f| match &f.outcome {
        Outcome::Error { exception, message }
            if !refusal.is_empty() && message.contains(refusal) =>
        {
            Some((f.number, format!("{exception}: {message}")))
        }
        _ => None,
    });
    Some(Revocation {
        step: frames[at].number,
        by: frames[at].action,
        refused,
    })
}
