//! Mode 9, the token: the JWT the app holds at this step decoded into header, payload (each
//! claim with a one-line meaning and human times by the lesson clock) and signature, then in
//! an SRP sign-in every number so far, whole (`srp.rs`); the app's checks, each ✓ or ✗; and
//! the "try it" form.

use crate::app::Slot;
use ratatui::buffer::Buffer;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::Widget;
use serde_json::Value;

use super::text::{pad, width};
use super::{Ctx, clamp_scroll, hanging, inner, panel, put_lines, scroll_hint, wrapped};
use crate::app::tryit::{self, CodeKind};
use crate::app::{ChecksSource, Field, PathKind, Revocation};
use crate::flow::time::{format_utc, human_duration};
use crate::flow::{Frame, Outcome, ValuesKind};
use crate::scenario::model::{Action, TokenKind};
use crate::words::{Word, Words};

/// A JWT taken apart (not verified: that is what the checks are for).
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Decoded {
    pub header: Value,
    pub payload: Value,
    /// The signature's base64url text.
    pub signature: String,
    /// The signature's size in bytes (4 base64 characters carry 3 bytes).
    pub signature_bytes: usize,
}

/// Splits and decodes a JWT for showing; `None` when it is not one.
pub(crate) fn decode(token: &str) -> Option<Decoded> {
    let (header, payload) = crate::cognito::decode_unverified(token)?;
    let signature = token.rsplit('.').next().unwrap_or_default().to_owned();
    Some(Decoded {
        header,
        payload,
        signature_bytes: signature.len() * 3 / 4,
        signature,
    })
}

/// What a header field or claim means, in one line.
pub(crate) fn meaning(name: &str, kind: TokenKind) -> Word {
    match name {
        "alg" => Word::ClaimAlg,
        "kid" => Word::ClaimKid,
        "typ" => Word::ClaimTyp,
        "sub" => Word::ClaimSub,
        "iss" => Word::ClaimIss,
        "aud" => Word::ClaimAud,
        "client_id" => Word::ClaimClientId,
        "token_use" if kind == TokenKind::Access => Word::ClaimTokenUseAccess,
        "token_use" => Word::ClaimTokenUseId,
        "auth_time" => Word::ClaimAuthTime,
        "iat" => Word::ClaimIat,
        "exp" => Word::ClaimExp,
        "jti" => Word::ClaimJti,
        "origin_jti" => Word::ClaimOriginJti,
        "event_id" => Word::ClaimEventId,
        "cognito:username" | "username" => Word::ClaimUsername,
        "email" => Word::ClaimEmail,
        "email_verified" => Word::ClaimEmailVerified,
        "scope" => Word::ClaimScope,
        "cognito:groups" => Word::ClaimGroups,
        "name" => Word::ClaimName,
        _ if name.starts_with("custom:") => Word::ClaimCustom,
        _ => Word::ClaimOther,
    }
}

/// A claim's value as text, with times made human by the lesson clock `now`.
fn claim_value(name: &str, value: &Value, now: u64, words: &Words) -> String {
    let text = match value {
        Value::String(s) => s.clone(),
        other => other.to_string(),
    };
    let Some(secs) = value
        .as_u64()
        .filter(|_| matches!(name, "exp" | "iat" | "auth_time"))
    else {
        return text;
    };
    let when = format_utc(secs);
    let span = |secs| words.said(&human_duration(secs));
    let relative = if secs > now {
        let word = if name == "exp" {
            Word::ClaimExpiresIn
        } else {
            Word::ClaimIn
        };
        words.fill(word, &[("span", &span(secs - now))])
    } else if secs == now {
        words.get(Word::ClaimNow).to_owned()
    } else {
        let word = if name == "exp" {
            Word::ClaimExpiredAgo
        } else {
            Word::ClaimAgo
        };
        words.fill(word, &[("span", &span(now - secs))])
    };
    format!("{when}, {relative} ({secs})")
}

fn token_text(frame: &Frame, kind: TokenKind) -> Option<&str> {
    match kind {
        TokenKind::Id => frame.tokens.id.as_deref(),
        TokenKind::Access => frame.tokens.access.as_deref(),
        TokenKind::Refresh => frame.tokens.refresh.as_deref(),
    }
}

fn kind_name(kind: TokenKind, words: &Words) -> &str {
    words.get(match kind {
        TokenKind::Id => Word::TokenKindId,
        TokenKind::Access => Word::TokenKindAccess,
        TokenKind::Refresh => Word::TokenKindRefresh,
    })
}

/// The decoded token's lines.
fn token_lines(frame: &Frame, kind: TokenKind, w: u16, ctx: &Ctx<'_>) -> Vec<Line<'static>> {
    let (t, words) = (ctx.theme, ctx.words);
    let mut out = Vec::new();
    let Some(token) = token_text(frame, kind) else {
        // The first exception so far, if any, is why there is no token.
        let failed = ctx.frames_so_far().iter().find_map(|f| match &f.outcome {
            Outcome::Error { exception, .. } => Some((f.number, exception.clone())),
            _ => None,
        });
        let why = match failed {
            Some((step, exception)) => words.fill(
                Word::TokenNoneAfterError,
                &[("step", &step.to_string()), ("exception", &exception)],
            ),
            None => words.fill(
                Word::TokenNoneYet,
                &[
                    ("kind", kind_name(kind, words)),
                    ("step", &frame.number.to_string()),
                ],
            ),
        };
        out.extend(wrapped(&why, w, t.muted));
        return out;
    };
    let Some(decoded) = decode(token) else {
        out.extend(wrapped(words.get(Word::TokenNotAJwt), w, t.bad));
        return out;
    };
    let widest = [&decoded.header, &decoded.payload]
        .iter()
        .filter_map(|v| v.as_object())
        .flat_map(|m| m.keys().map(|k| width(k)))
        .max()
        .unwrap_or(8);
    let name_w = name_column(widest, w);
    let value_w = usize::from(w).saturating_sub(name_w + 2).max(10);
    let field = |name: &str, value: String, out: &mut Vec<Line<'static>>| {
        let lines = super::text::wrap(&value, value_w);
        // A name too long for the column has a line of its own, its value below it.
        let own_line = width(name) + 2 > name_w;
        if own_line {
            out.push(Line::from(Span::styled(format!("  {name}"), t.visited)));
        }
        for (i, l) in lines.into_iter().enumerate() {
            let lead = if i == 0 && !own_line {
                pad(name, name_w)
            } else {
                " ".repeat(name_w)
            };
            out.push(Line::from(vec![
                Span::styled(format!("  {lead}"), t.visited),
                Span::raw(l),
            ]));
        }
        // The meaning is wrapped, never cut: it is what the claim teaches.
        for l in super::text::wrap(words.get(meaning(name, kind)), value_w) {
            out.push(Line::from(Span::styled(
                format!("  {}{l}", " ".repeat(name_w)),
                t.muted,
            )));
        }
    };
    out.extend(fitted(
        &words.fill(Word::TokenLength, &[("n", &token.len().to_string())]),
        w,
        t.muted,
    ));
    out.push(Line::raw(""));
    out.extend(fitted(words.get(Word::TokenHeader), w, t.heading));
    if let Value::Object(map) = &decoded.header {
        for (k, v) in map {
            field(k, claim_value(k, v, frame.clock, words), &mut out);
        }
    }
    out.push(Line::raw(""));
    out.extend(fitted(words.get(Word::TokenPayload), w, t.heading));
    if let Value::Object(map) = &decoded.payload {
        for (k, v) in map {
            field(k, claim_value(k, v, frame.clock, words), &mut out);
        }
    }
    out.push(Line::raw(""));
    out.push(Line::from(Span::styled(
        words.get(Word::TokenSignature).to_owned(),
        t.heading,
    )));
    let sig_head: String = decoded.signature.chars().take(24).collect();
    out.extend(wrapped(
        &words.fill(
            Word::TokenSignatureText,
            &[
                ("head", &sig_head),
                ("n", &decoded.signature_bytes.to_string()),
            ],
        ),
        w,
        Style::new(),
    ));
    out
}

/// The columns the values a learner reads whole keep beside the claim names: a `kid` is 44
/// characters, an issuer `https://cognito-idp.us-east-1.amazonaws.com/` 44 up to the `/` it
/// wraps at. (At 120x40 a 22-column `cognito:preferred_role` in the name column left them 41
/// and cut both mid-value.)
const VALUE_ROOM: usize = 48;

/// The claim-name column of a panel `w` wide whose widest name is `widest`: the widest name
/// and two spaces, unless that leaves the values less than [`VALUE_ROOM`]; then as wide as
/// leaves them that (at least a short name's width), and a longer name goes on its own line.
fn name_column(widest: usize, w: u16) -> usize {
    let room = usize::from(w).saturating_sub(2 + VALUE_ROOM).max(11);
    (widest + 2).min(room)
}

/// `text` on one line as written (its double spaces kept) when it fits in `w`, else wrapped:
/// a language's words may be longer than the English, and a heading is never cut.
fn fitted(text: &str, w: u16, style: Style) -> Vec<Line<'static>> {
    if width(text) <= usize::from(w) {
        vec![Line::from(Span::styled(text.to_owned(), style))]
    } else {
        wrapped(text, w, style)
    }
}

/// The checks of this kind of token: the app's own (at the step it made them) or, before
/// then, what they would say now; or why there are none. The verdict ends them when
/// `verdict` (beside the token, at 120 columns); alone in one panel (80 columns) it is drawn
/// first instead ([`verdict_lines`]), so it is read without scrolling past the token.
fn checks_lines(
    frame: &Frame,
    kind: TokenKind,
    w: u16,
    verdict: bool,
    ctx: &Ctx<'_>,
) -> Vec<Line<'static>> {
    let (t, words) = (ctx.theme, ctx.words);
    let mut out = Vec::new();
    let name = kind_name(kind, words);
    let Some(checks) = ctx.app.token_checks(kind) else {
        let text = if token_text(frame, kind).is_some() {
            words.fill(Word::TokenChecksLater, &[("kind", name)])
        } else {
            words.get(Word::TokenNothingToCheck).to_owned()
        };
        out.extend(wrapped(&text, w, t.muted));
        return out;
    };
    let source = match checks.source {
        ChecksSource::App { step } if step == frame.number => {
            words.fill(Word::TokenCheckedHere, &[("kind", name)])
        }
        ChecksSource::App { step } => words.fill(
            Word::TokenCheckedAt,
            &[("kind", name), ("step", &step.to_string())],
        ),
        ChecksSource::Preview if ctx.app.live_state().is_some() => {
            words.fill(Word::TokenChecksPreviewLive, &[("kind", name)])
        }
        ChecksSource::Preview => words.fill(Word::TokenChecksPreview, &[("kind", name)]),
    };
    out.extend(wrapped(&source, w, t.muted));
    for check in &checks.checks {
        out.extend(super::explanation::check_entry(check, w, ctx));
    }
    if verdict {
        out.extend(verdict_lines(kind, w, ctx));
    }
    out
}

/// What the checks of this kind of token come to: trusted, untrusted, or (every offline
/// check passing) revoked by Cognito; nothing when the app has no checks of it.
fn verdict_lines(kind: TokenKind, w: u16, ctx: &Ctx<'_>) -> Vec<Line<'static>> {
    let (t, words) = (ctx.theme, ctx.words);
    let Some(checks) = ctx.app.token_checks(kind) else {
        return Vec::new();
    };
    let passed = checks.checks.iter().all(|c| c.passed);
    let verdict = match (&checks.revoked, passed) {
        (None, true) => ("✓ ", words.get(Word::TokenTrusted).to_owned(), t.good),
        (Some(revoked), true) => ("✗ ", revoked_verdict(revoked, kind, ctx.words), t.bad),
        (_, false) => ("✗ ", words.get(Word::TokenUntrusted).to_owned(), t.bad),
    };
    hanging(verdict.0, &verdict.1, w, verdict.2, verdict.2)
}

/// What mode 9 says of a token that passes every offline check but that Cognito revoked:
/// the checks still pass, Cognito refuses it, and what an API does about that.
fn revoked_verdict(revoked: &Revocation, kind: TokenKind, words: &Words) -> String {
    let how = words.get(match revoked.by {
        Action::AdminDisableUser => Word::RevokedByDisable,
        Action::RevokeToken => Word::RevokedByRevokeToken,
        _ => Word::RevokedBySignOut,
    });
    let refusal = match (&revoked.refused, kind) {
        (_, TokenKind::Id) => words.get(Word::RevokedIdToken).to_owned(),
        (Some((at, said)), _) => words.fill(
            Word::RevokedRefusedAt,
            &[("step", &at.to_string()), ("said", said)],
        ),
        (None, _) => words.get(Word::RevokedRefused).to_owned(),
    };
    words.fill(
        Word::TokenRevoked,
        &[
            ("step", &revoked.step.to_string()),
            ("how", how),
            ("refusal", &refusal),
        ],
    )
}

/// A label as it reads inside a sentence: "confirmation code", but "TOTP code".
fn lower_first(label: &str) -> String {
    let mut chars = label.chars();
    match (chars.next(), chars.next()) {
        (Some(first), Some(second)) if second.is_lowercase() => {
            first.to_lowercase().chain(label.chars().skip(1)).collect()
        }
        _ => label.to_owned(),
    }
}

/// The "try it" form and, after a try, its outcome step by step.
fn try_lines(w: u16, ctx: &Ctx<'_>) -> Vec<Line<'static>> {
    let (t, words) = (ctx.theme, ctx.words);
    let app = ctx.app;
    let form = app.tryit();
    let mut out = Vec::new();
    // The lesson's fields, known before the form first opens.
    let (fields, code_kind) = if app.form_open() {
        (form.fields.clone(), form.code_kind)
    } else {
        tryit::fields_of(&app.scenario().file)
    };
    let temporary = tryit::password_is_temporary(&app.scenario().file);
    let label = |field: Field| {
        words.get(match field {
            Field::Username => Word::TryUsername,
            Field::Password if temporary => Word::TryTemporaryPassword,
            Field::Password => Word::TryPassword,
            Field::Code if code_kind == Some(CodeKind::Totp) => Word::TryTotpCode,
            Field::Code => Word::TryConfirmationCode,
            Field::NewPassword => Word::TryNewPassword,
        })
    };
    let label_w = fields.iter().map(|f| width(label(*f))).max().unwrap_or(8) + 1;
    let field_w = usize::from(w).saturating_sub(label_w + 3).clamp(8, 40);
    let row = |label: &str, value: &str, active: bool| -> Line<'static> {
        let shown = format!("{}{}", value, if active { "▏" } else { "" });
        Line::from(vec![
            Span::styled(
                format!(
                    "{}{}",
                    if active { "▶ " } else { "  " },
                    pad(label, label_w)
                ),
                t.visited,
            ),
            Span::styled(
                pad(&shown, field_w),
                if active { t.current } else { t.heading },
            ),
        ])
    };
    // A lesson of a username and a password says it as it always has; one whose steps take
    // more names them all.
    let plain = fields == [Field::Username, Field::Password];
    if app.form_open() {
        for field in &fields {
            out.push(row(
                label(*field),
                &form.shown(*field),
                form.field == *field,
            ));
        }
        let reveal = words.get(if form.reveal {
            Word::TryHide
        } else {
            Word::TryShow
        });
        let keys = if plain {
            words.fill(Word::TryKeys, &[("reveal", reveal)])
        } else {
            let secrets = words.get(if fields.contains(&Field::NewPassword) {
                Word::TrySecretTwo
            } else {
                Word::TrySecretOne
            });
            words.fill(
                Word::TryKeysFields,
                &[("reveal", reveal), ("secrets", secrets)],
            )
        };
        out.extend(wrapped(&keys, w, t.muted));
        if form.code_as_the_lesson_has_it() {
            out.extend(wrapped(words.get(Word::TryCodeNote), w, t.muted));
        }
    } else if app.live_state().is_some() {
        out.extend(wrapped(words.get(Word::TryLive), w, t.muted));
        return out;
    } else if plain {
        out.extend(wrapped(words.get(Word::TryPress), w, t.muted));
    } else {
        let named: Vec<String> = fields.iter().map(|f| lower_first(label(*f))).collect();
        out.extend(wrapped(
            &words.fill(Word::TryPressFields, &[("fields", &named.join(", "))]),
            w,
            t.muted,
        ));
    }
    let path = app.current();
    if let PathKind::Try { username } = &path.kind {
        out.push(Line::raw(""));
        out.push(Line::from(Span::styled(
            words.fill(Word::TryYours, &[("username", username)]),
            t.heading,
        )));
        for frame in &path.frames {
            let (glyph, style) = match frame.outcome {
                Outcome::Error { .. } => ("✗", t.bad),
                Outcome::Success => ("✓", t.good),
                _ => ("·", Style::new()),
            };
            // What the step came to: the exception when there was one, else the result.
            let came_to = match &frame.outcome {
                Outcome::Error { .. } => &frame.row.response,
                _ => &frame.row.result,
            };
            let text = format!("{}. {} — {came_to}", frame.number, frame.row.action);
            out.extend(hanging(&format!("{glyph} "), &text, w, style, Style::new()));
        }
        if !path.is_done() {
            out.extend(hanging(
                "◐ ",
                words.get(Word::CognitoIsChecking),
                w,
                t.changed,
                t.changed,
            ));
        } else if let Some(finished) = &path.finished {
            out.extend(hanging("= ", &finished.outcome, w, t.heading, t.heading));
            out.extend(wrapped(words.get(Word::TryDone), w, t.muted));
        }
        if let Some(error) = &path.error {
            out.extend(hanging("✗ ", error, w, t.bad, t.bad));
        }
    }
    if let Some(pool) = &path.pool {
        out.push(Line::raw(""));
        out.extend(hanging(
            words.get(Word::TryPolicy),
            &words.said(&pool.password_policy),
            w,
            t.visited,
            Style::new(),
        ));
        if let Some(note) = &pool.policy_note {
            out.extend(hanging(words.get(Word::Note), note, w, t.note, t.note));
        }
    }
    out
}

pub(crate) fn render(area: Rect, buf: &mut Buffer, ctx: &Ctx<'_>) {
    let (t, words) = (ctx.theme, ctx.words);
    let app = ctx.app;
    let kind = app.token_kind();
    let other = kind_name(
        match kind {
            TokenKind::Id => TokenKind::Access,
            _ => TokenKind::Id,
        },
        words,
    );
    let two = area.width >= 110;
    let (left, right) = if two {
        let [l, r] = area.layout(&Layout::horizontal([
            Constraint::Percentage(58),
            Constraint::Min(1),
        ]));
        (l, Some(r))
    } else {
        (area, None)
    };
    // The copy key is said where the token is, not in the footer (which keeps the modes).
    let copy = if ctx.frame().and_then(|f| token_text(f, kind)).is_some() {
        format!(" · {}", ctx.words.get(Word::TokenCopyHint))
    } else {
        String::new()
    };
    // A live session's frames are the learner's calls.
    let live = ctx.app.live_state().is_some();
    let name = kind_name(kind, words);
    let title = match ctx.frame() {
        Some(f) => {
            let values = f.values_kind().map(|values| {
                words.get(match values {
                    ValuesKind::Srp => Word::TokenValuesSrp,
                    ValuesKind::Pkce => Word::TokenValuesPkce,
                })
            });
            let word = match (values.is_some(), live) {
                (true, false) => Word::TokenTitleValues,
                (true, true) => Word::TokenTitleValuesCall,
                (false, false) => Word::TokenTitle,
                (false, true) => Word::TokenTitleCall,
            };
            words.fill(
                word,
                &[
                    ("kind", name),
                    ("values", values.unwrap_or_default()),
                    ("n", &f.number.to_string()),
                    ("other", other),
                    ("copy", &copy),
                ],
            )
        }
        None => words.fill(Word::TokenTitleNone, &[("kind", name), ("other", other)]),
    };
    panel(title, left.width, t).render(left, buf);
    let body = inner(left);
    let mut main: Vec<Line<'static>> = match ctx.frame() {
        Some(frame) => {
            // Alone in one panel, the verdict comes first: after the token's 50-odd lines it
            // was out of sight at 80x24 ("lines 1-17 of 67"), a revoked token's included.
            let mut lines = if right.is_none() && token_text(frame, kind).is_some() {
                verdict_lines(kind, body.width, ctx)
            } else {
                Vec::new()
            };
            if !lines.is_empty() {
                lines.push(Line::raw(""));
            }
            lines.extend(token_lines(frame, kind, body.width, ctx));
            lines.extend(super::srp::srp_lines(frame, body.width, ctx));
            lines
        }
        None => wrapped(words.get(Word::SettingUpPool), body.width, t.muted),
    };
    let mut side: Vec<Line<'static>> = Vec::new();
    if let Some(frame) = ctx.frame() {
        side.push(Line::from(Span::styled(
            words.get(Word::TokenAppChecks).to_owned(),
            t.heading,
        )));
        let sw = right.map_or(body.width, |r| inner(r).width);
        side.extend(checks_lines(frame, kind, sw, right.is_some(), ctx));
    }
    side.push(Line::raw(""));
    let try_at = side.len();
    let live = app.live_state().is_some();
    let (heading, side_panel) = if live {
        (Word::TryLiveHeading, Word::TryLivePanel)
    } else {
        (Word::TryItHeading, Word::TryItPanel)
    };
    side.push(Line::from(Span::styled(
        words.get(heading).to_owned(),
        t.heading,
    )));
    side.extend(try_lines(right.map_or(body.width, |r| inner(r).width), ctx));
    let mut try_main = 0;
    // Side by side, ↑↓ scroll both panels (each as far as it goes): a long try's steps read
    // to the end.
    let mut side_len = 0;
    match right {
        Some(r) => {
            panel(words.get(side_panel), r.width, t).render(r, buf);
            let rb = inner(r);
            side_len = side.len();
            // The form is what the learner types into: keep it in sight when editing.
            let skip = if app.form_open() {
                try_at.min(side.len().saturating_sub(usize::from(rb.height)))
            } else {
                clamp_scroll(app.scroll().token, side.len(), rb.height)
            };
            put_lines(rb, buf, &side, skip);
            scroll_hint(r, buf, skip, side.len(), rb.height, ctx);
        }
        None => {
            main.push(Line::raw(""));
            try_main = main.len() + try_at;
            main.extend(side);
        }
    }
    let requested = if app.form_open() && right.is_none() {
        try_main
    } else {
        usize::from(app.scroll().token)
    };
    ctx.limit(Slot::Token, main.len().max(side_len), body.height);
    let skip = clamp_scroll(
        u16::try_from(requested).unwrap_or(u16::MAX),
        main.len(),
        body.height,
    );
    put_lines(body, buf, &main, skip);
    scroll_hint(left, buf, skip, main.len(), body.height, ctx);
}

#[cfg(test)]
mod tests {
    use base64::Engine as _;
    use base64::engine::general_purpose::URL_SAFE_NO_PAD;

    use super::*;

    #[test]
    fn decodes_a_jwt_and_rejects_other_text() {
        let header = URL_SAFE_NO_PAD.encode(br#"{"alg":"RS256","kid":"k1"}"#);
        let payload = URL_SAFE_NO_PAD.encode(br#"{"sub":"abc","exp":1768471200}"#);
        let signature = URL_SAFE_NO_PAD.encode([7u8; 256]);
        let d = decode(&format!("{header}.{payload}.{signature}")).unwrap();
        assert_eq!(d.header["kid"], "k1");
        assert_eq!(d.payload["sub"], "abc");
        assert_eq!(d.signature_bytes, 256);
        for bad in ["", "a.b", "a.b.c.d", "not.base64!.x", "e30.e30"] {
            assert!(decode(bad).is_none(), "{bad}");
        }
    }

    /// The name column takes the widest name unless that leaves the values less than
    /// VALUE_ROOM: the 68-column panel at 120x40 keeps `cognito:username` (16) beside its
    /// value and gives `cognito:preferred_role` (22) a line of its own; 78 columns (80x24)
    /// keep both beside.
    #[test]
    fn the_name_column_leaves_the_values_room() {
        assert_eq!(name_column(16, 68), 18);
        assert_eq!(name_column(22, 68), 18);
        assert_eq!(name_column(22, 78), 24);
        assert_eq!(name_column(9, 68), 11);
        assert_eq!(
            name_column(22, 40),
            11,
            "a narrow panel keeps a short name's column"
        );
    }

    #[test]
    fn times_read_by_the_lesson_clock() {
        let now = 1_768_467_600; // 2026-01-15 09:00:00 UTC
        let cases = [
            ("exp", now + 3600, "expires in 60 min"),
            ("exp", now - 300, "expired 5 min ago"),
            ("iat", now, "now"),
            ("auth_time", now - 7200, "2 h ago"),
        ];
        for (name, secs, want) in cases {
            let text = claim_value(name, &Value::from(secs), now, &Words::default());
            assert!(text.contains(want), "{name}: {text}");
            assert!(text.contains("UTC"), "{text}");
        }
        let words = Words::default();
        assert_eq!(claim_value("sub", &Value::from("x"), now, &words), "x");
        assert_eq!(
            claim_value("email_verified", &Value::from(true), now, &words),
            "true"
        );
    }
}
