//! Offline token verification: what an app must do with a Cognito JWT, using only the JWKS.
//!
//! The checks run in the order an app makes them, and every one says why it passed or failed:
//!
//! 1. `format`: three base64url parts; header and payload are JSON objects.
//! 2. `alg`: the header says RS256. `none` (no signature) and HS256 (an HMAC that a careless
//!    library would key with the *public* key, letting anyone forge tokens) are refused.
//! 3. `kid`: the header's key id is in the JWKS.
//! 4. `signature`: RS256 over `header.payload` verifies with that key.
//! 5. `exp`: the token has not expired **by the lesson clock** (`now`), with no leeway.
//! 6. `iss`: the pool's issuer URL.
//! 7. `aud` (ID token) / `client_id` (access token): the app client's id.
//! 8. `token_use`: `id` or `access`, as the app expects.
//!
//! Checks 1–4 are fatal: when one fails, the checks after it are still listed, with
//! `passed: false` and a detail starting "not checked:" ([`Check::ran`] is `false`), so a view
//! can show the whole list. Checks 5–8 all run once the signature is good, so a learner sees
//! every claim problem at once.
//!
//! Revocation is invisible here, as it is to any offline verifier: a token revoked by
//! GlobalSignOut or RevokeToken still verifies until `exp`. Only Cognito's own APIs know.

use base64::Engine as _;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use jsonwebtoken::{Algorithm, DecodingKey};
use serde::{Deserialize, Serialize};
use serde_json::Value;

use super::check::{Check, NOT_CHECKED};
use crate::calendar::{span_words, time_beside};

/// Which token an app expects.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum TokenUse {
    /// An ID token (`token_use = id`, audience in `aud`).
    Id,
    /// An access token (`token_use = access`, audience in `client_id`).
    Access,
}

impl TokenUse {
    /// The claim value: `id` or `access`.
    #[must_use]
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Id => "id",
            Self::Access => "access",
        }
    }
}

/// What the app expects of a token.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Expected {
    /// The pool's issuer URL.
    pub issuer: String,
    /// The app client id.
    pub client_id: String,
    /// ID or access token.
    pub token_use: TokenUse,
}

/// The outcome of [`verify_token`].
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct VerificationReport {
    /// Every check, in order.
    pub checks: Vec<Check>,
    /// The decoded header, when the token could be decoded.
    pub header: Option<Value>,
    /// The claims, only when the signature verified (an app must not trust them otherwise;
    /// use [`decode_unverified`] to show a token's contents regardless).
    pub claims: Option<Value>,
}

impl VerificationReport {
    /// `true` when every check passed.
    #[must_use]
    pub fn is_valid(&self) -> bool {
        self.checks.iter().all(|c| c.passed)
    }

    /// The first check that failed.
    #[must_use]
    pub fn first_failure(&self) -> Option<&Check> {
        self.checks.iter().find(|c| !c.passed)
    }

    /// The check called `name`.
    #[must_use]
    pub fn check(&self, name: &str) -> Option<&Check> {
        self.checks.iter().find(|c| c.name == name)
    }
}

/// Splits a JWT and decodes its header and claims without checking anything: for a token
/// viewer. `None` when it is not three base64url parts with JSON-object header and payload.
#[must_use]
pub fn decode_unverified(token: &str) -> Option<(Value, Value)> {
    let mut parts = token.split('.');
    let (Some(header), Some(payload), Some(_signature), None) =
        (parts.next(), parts.next(), parts.next(), parts.next())
    else {
        return None;
    };
    let json = |part: &str| -> Option<Value> {
        let bytes = URL_SAFE_NO_PAD.decode(part).ok()?;
        serde_json::from_slice::<Value>(&bytes)
            .ok()
            .filter(Value::is_object)
    };
    Some((json(header)?, json(payload)?))
}

/// Whose time `now` is, as the `exp` check names it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Clock {
    /// A lesson's own clock (starts at its `clock_start`).
    #[default]
    Lesson,
    /// `cogflow serve`'s clock at the time of a call (a live session).
    Served,
}

impl Clock {
    /// "the lesson clock" / "this call (the served clock)".
    #[must_use]
    pub fn words(self) -> &'static str {
        match self {
            Clock::Lesson => "the lesson clock",
            Clock::Served => "this call (the served clock)",
        }
    }
}

/// Verifies `token` as an app would, with only the pool's public `jwks` and the lesson clock.
#[must_use]
pub fn verify_token(
    token: &str,
    jwks: &Value,
    expected: &Expected,
    now: u64,
) -> VerificationReport {
    verify_token_by(token, jwks, expected, now, Clock::Lesson)
}

/// [`verify_token`] with `now` read on `clock` (named in the `exp` check's detail).
#[must_use]
pub fn verify_token_by(
    token: &str,
    jwks: &Value,
    expected: &Expected,
    now: u64,
    clock: Clock,
) -> VerificationReport {
    verify_token_with(token, jwks, expected, now, clock, Signature::Verify)
}

/// [`verify_token_by`] whose RS256 check reuses the answer of an earlier check of the same
/// token with the same key in this process, if there was one (an RSA verification always
/// gives the same answer for them). For checks nobody times: a run's frames re-check the
/// tokens the app holds at every step, the same tokens step after step, which was an eighth
/// of `cogflow check`'s instructions; an app's own verify step still verifies.
#[must_use]
pub fn verify_token_remembered(
    token: &str,
    jwks: &Value,
    expected: &Expected,
    now: u64,
    clock: Clock,
) -> VerificationReport {
    verify_token_with(token, jwks, expected, now, clock, Signature::Remembered)
}

/// How the signature check runs.
#[derive(Clone, Copy)]
enum Signature {
    /// Always verified.
    Verify,
    /// Verified once per token and key in this process ([`verify_token_remembered`]).
    Remembered,
}

/// Signatures already checked: a SHA-256 of the key's `n` and `e` and the token, and whether it
/// verified. At most [`REMEMBERED`], the oldest dropped first.
static CHECKED: std::sync::Mutex<Vec<([u8; 32], bool)>> = std::sync::Mutex::new(Vec::new());

/// How many signature answers [`CHECKED`] keeps (32 bytes and a bool each).
const REMEMBERED: usize = 1024;

/// `verify()` of the signature of `token` under the key (`n`, `e`), or its remembered answer.
fn signature_answer(
    how: Signature,
    n: &str,
    e: &str,
    token: &str,
    verify: impl FnOnce() -> bool,
) -> bool {
    use sha2::Digest as _;
    if matches!(how, Signature::Verify) {
        return verify();
    }
    let mut hash = sha2::Sha256::new();
    for part in [n, e, token] {
        hash.update(part.len().to_le_bytes());
        hash.update(part.as_bytes());
    }
    let id: [u8; 32] = hash.finalize().into();
    let checked = |id: &[u8; 32]| {
        let memo = CHECKED
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner);
        memo.iter().find(|(k, _)| k == id).map(|&(_, ok)| ok)
    };
    if let Some(ok) = checked(&id) {
        return ok;
    }
    let ok = verify();
    let mut memo = CHECKED
        .lock()
        .unwrap_or_else(std::sync::PoisonError::into_inner);
    if memo.len() >= REMEMBERED {
        memo.remove(0);
    }
    memo.push((id, ok));
    ok
}

fn verify_token_with(
    token: &str,
    jwks: &Value,
    expected: &Expected,
    now: u64,
    clock: Clock,
    how: Signature,
) -> VerificationReport {
    let audience_check = match expected.token_use {
        TokenUse::Id => "aud",
        TokenUse::Access => "client_id",
    };
    let names = [
        "format",
        "alg",
        "kid",
        "signature",
        "exp",
        "iss",
        audience_check,
        "token_use",
    ];
    let mut checks: Vec<Check> = Vec::new();
    let pass = |checks: &mut Vec<Check>, name: &str, passed: bool, detail: String| {
        checks.push(Check::new(name, passed, detail));
        passed
    };
    let finish = |mut checks: Vec<Check>, header: Option<Value>, claims: Option<Value>| {
        if let Some(failed) = checks.iter().find(|c| !c.passed).map(|c| c.name.clone()) {
            for name in names.iter().skip(checks.len()) {
                checks.push(Check::new(
                    name,
                    false,
                    format!("{NOT_CHECKED} the {failed} check failed"),
                ));
            }
        }
        VerificationReport {
            checks,
            header,
            claims,
        }
    };

    // 1. format
    let Some((header, claims)) = decode_unverified(token) else {
        pass(
            &mut checks,
            "format",
            false,
            "not a JWT: expected three base64url parts whose first two are JSON objects".into(),
        );
        return finish(checks, None, None);
    };
    pass(
        &mut checks,
        "format",
        true,
        "three base64url parts; header and payload are JSON".into(),
    );

    // 2. alg
    let alg = header.get("alg").and_then(Value::as_str).unwrap_or("");
    let alg_ok = alg == "RS256";
    let detail = match alg {
        "RS256" => "RS256 (RSA signature with SHA-256), as Cognito signs".to_owned(),
        "none" | "None" | "NONE" => {
            "alg is \"none\": the token carries no signature, so anyone could have written it"
                .to_owned()
        }
        "HS256" | "HS384" | "HS512" => format!(
            "alg is {alg}, an HMAC with a shared secret: a verifier that keyed it with the \
             public key from the JWKS would accept tokens forged by anyone; Cognito signs with RS256 only"
        ),
        "" => "the header has no alg".to_owned(),
        other => format!("alg is {other}; Cognito signs with RS256 only"),
    };
    if !pass(&mut checks, "alg", alg_ok, detail) {
        return finish(checks, Some(header), None);
    }

    // 3. kid
    let kid = header.get("kid").and_then(Value::as_str);
    let jwk = kid.and_then(|kid| {
        jwks.get("keys")?
            .as_array()?
            .iter()
            .find(|k| k.get("kid").and_then(Value::as_str) == Some(kid))
    });
    let detail = match (kid, jwk) {
        (None, _) => "the header has no kid, so no key can be chosen".to_owned(),
        // The check's name is said before its detail ("kid: …"): the detail does not repeat it.
        (Some(kid), None) => format!("{kid} is not in the pool's JWKS"),
        (Some(kid), Some(_)) => format!("{kid} is in the pool's JWKS"),
    };
    let Some(jwk) = jwk else {
        pass(&mut checks, "kid", false, detail);
        return finish(checks, Some(header), None);
    };
    pass(&mut checks, "kid", true, detail);

    // 4. signature
    let n = jwk.get("n").and_then(Value::as_str).unwrap_or("");
    let e = jwk.get("e").and_then(Value::as_str).unwrap_or("");
    let key = DecodingKey::from_rsa_components(n, e);
    let signed = token.rsplit_once('.');
    let verified = match (&key, signed) {
        (Ok(key), Some((message, signature))) => {
            // A layout pool's key (a run only laid out, never shown) checks its own kind of
            // signature: as RSA's answer would be, in microseconds.
            super::keys::verify_layout_signature(n, message, signature).unwrap_or_else(|| {
                signature_answer(how, n, e, token, || {
                    jsonwebtoken::crypto::verify(
                        signature,
                        message.as_bytes(),
                        key,
                        Algorithm::RS256,
                    )
                    .unwrap_or(false)
                })
            })
        }
        _ => false,
    };
    let detail = if key.is_err() {
        "the JWK for this kid is not a usable RSA key".to_owned()
    } else if verified {
        "RS256 signature verifies with the JWKS key".to_owned()
    } else {
        "the signature does not match: the token was altered or signed with another key".to_owned()
    };
    if !pass(&mut checks, "signature", verified, detail) {
        return finish(checks, Some(header), None);
    }

    // 5–8. claims
    let exp = claims.get("exp").and_then(Value::as_u64);
    let (ok, detail) = match exp {
        None => (false, "no numeric exp claim".to_owned()),
        Some(exp) if now < exp => (
            true,
            format!(
                "expires at {}, {} after {}",
                time_beside(exp, now),
                span_words(exp - now),
                clock.words()
            ),
        ),
        Some(exp) => (
            false,
            format!(
                "expired at {}, {} before {}",
                time_beside(exp, now),
                span_words(now - exp),
                clock.words()
            ),
        ),
    };
    pass(&mut checks, "exp", ok, detail);

    // `what`: what the expected value is, said after the value when it matches.
    let claim_equals = |name: &str, want: &str, what: &str| -> (bool, String) {
        match claims.get(name).and_then(Value::as_str) {
            Some(got) if got == want => (true, format!("{got}: {what}")),
            Some(got) => (false, format!("{got}, expected {want}")),
            None => (false, format!("no {name} claim, expected {want}")),
        }
    };
    let (ok, detail) = claim_equals("iss", &expected.issuer, "this pool's issuer");
    pass(&mut checks, "iss", ok, detail);
    let (ok, detail) = claim_equals(audience_check, &expected.client_id, "this app's client id");
    pass(&mut checks, audience_check, ok, detail);
    let (ok, detail) = claim_equals(
        "token_use",
        expected.token_use.as_str(),
        "the kind of token expected",
    );
    pass(&mut checks, "token_use", ok, detail);

    finish(checks, Some(header), Some(claims))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn garbage_is_reported_not_panicked_on() {
        let expected = Expected {
            issuer: "i".into(),
            client_id: "c".into(),
            token_use: TokenUse::Id,
        };
        for token in [
            "",
            ".",
            "a.b.c",
            "a.b.c.d",
            "eyJ9.eyJ9.x",
            "\u{0}.\u{1}.\u{2}",
        ] {
            let report = verify_token(token, &serde_json::json!({}), &expected, 0);
            assert!(!report.is_valid());
            assert_eq!(report.checks.len(), 8);
            assert_eq!(report.checks[0].name, "format");
            assert!(!report.checks[0].passed);
            assert!(report.checks[1..].iter().all(|c| !c.ran()));
            assert!(report.checks[7].detail.starts_with("not checked:"));
        }
        assert!(decode_unverified("a.b").is_none());
    }
}
