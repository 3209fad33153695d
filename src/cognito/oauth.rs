//! Managed login (the hosted UI): the OAuth 2.0 and OpenID Connect side of a user pool.
//!
//! What a pool's domain serves (`reference/hosted-ui.md`), as operations on the pool, so that
//! `cogflow serve` (the HTTP endpoints) and the `hosted-ui-pkce` lesson (the engine, in
//! process) run the very same checks:
//!
//! ```text
//!  app ──authorize(params)──> checks ──ok──> login page ──hosted_login(password)──> code
//!   │          │ client or redirect_uri wrong: error page, never a redirect     │ (5 min,
//!   │          └ anything else wrong: redirect_uri?error=…&state=…              │  once)
//!   │                                                                           ▼
//!   └──token(authorization_code, code_verifier)──> S256(verifier) == challenge? ──> tokens
//!                                                 (scopes, nonce, at_hash)      │
//!      user_info(access token with openid) <────────────────────────────────────┘
//! ```
//!
//! Sans-IO like the rest of the mock: codes expire by the pool clock and come from their own
//! seeded stream. Every answer carries the checks made, in order, for the screens.

mod authorize;
mod cookie;
mod login;
mod token;
mod userinfo;

use base64::Engine as _;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};

pub use authorize::{Authorization, AuthorizeRequest, Authorized, ResponseType};
pub use cookie::SIGN_IN_COOKIE_SECS;
pub(crate) use cookie::SignedIn;
pub use login::{LoginAnswer, LoginAttempt, LoginResult};
pub use token::{ClientCredentials, TokenAnswer, TokenRequest};
pub use userinfo::{LogoutRequest, LogoutTarget};

/// How long an authorization code can be redeemed [DG token-endpoint].
pub const CODE_VALIDITY_SECS: u64 = 300;

/// The scopes Cognito defines itself; any other scope is a custom one, `resourceServer/name`.
pub const STANDARD_SCOPES: &[&str] = &[
    "openid",
    "email",
    "phone",
    "profile",
    super::tokens::ADMIN_SCOPE,
];

/// An app client's OAuth settings (`CallbackURLs`, `LogoutURLs`, `AllowedOAuthFlows`,
/// `AllowedOAuthScopes`).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct OAuthSettings {
    /// Where authorize may send the browser back to (`redirect_uri`, matched byte for byte).
    pub callback_urls: Vec<String>,
    /// Where `/logout` may send the browser (`logout_uri`).
    pub logout_urls: Vec<String>,
    /// The flows the client may use; none: OAuth is off for the client.
    pub flows: Vec<OAuthFlow>,
    /// The scopes the client may be granted.
    pub scopes: Vec<String>,
}

impl OAuthSettings {
    /// `true` when the client may use `flow`.
    #[must_use]
    pub fn allows(&self, flow: OAuthFlow) -> bool {
        self.flows.contains(&flow)
    }
}

/// An entry of `AllowedOAuthFlows`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum OAuthFlow {
    /// `code`: authorization code (with PKCE for a public client).
    Code,
    /// `implicit`: tokens in the redirect's fragment (no refresh token).
    Implicit,
    /// `client_credentials`: machine to machine, custom scopes only, a secret required.
    ClientCredentials,
}

impl OAuthFlow {
    /// `code`, `implicit` or `client_credentials`, as Cognito writes them.
    #[must_use]
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Code => "code",
            Self::Implicit => "implicit",
            Self::ClientCredentials => "client_credentials",
        }
    }
}

/// What a scope string is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ScopeKind {
    /// One of [`STANDARD_SCOPES`].
    Standard,
    /// `resourceServer/name`.
    Custom,
    /// Neither: Cognito answers `invalid_scope`.
    Malformed,
}

/// Whether `scope` is a standard one, a custom one or neither.
#[must_use]
pub fn scope_kind(scope: &str) -> ScopeKind {
    if STANDARD_SCOPES.contains(&scope) {
        return ScopeKind::Standard;
    }
    let printable = |s: &str| {
        !s.is_empty()
            && s.chars()
                .all(|c| c.is_ascii_graphic() && c != '"' && c != '\\')
    };
    match scope.rsplit_once('/') {
        Some((server, name)) if printable(server) && printable(name) => ScopeKind::Custom,
        _ => ScopeKind::Malformed,
    }
}

/// PKCE's S256: `BASE64URL-NOPAD(SHA-256(ascii(code_verifier)))` (RFC 7636 §4.2).
#[must_use]
pub fn s256(code_verifier: &str) -> String {
    URL_SAFE_NO_PAD.encode(Sha256::digest(code_verifier.as_bytes()))
}

/// The ID token's `at_hash`: the left half of SHA-256 of the access token, base64url
/// (OIDC Core §3.1.3.6; RS256 hashes with SHA-256).
#[must_use]
pub fn at_hash(access_token: &str) -> String {
    let digest = Sha256::digest(access_token.as_bytes());
    URL_SAFE_NO_PAD.encode(&digest[..16])
}

/// A code verifier as a careful app makes one: 32 random bytes, base64url (43 characters,
/// inside RFC 7636's 43 to 128 unreserved characters).
#[must_use]
pub fn code_verifier(rng: &mut impl rand::Rng) -> String {
    let mut bytes = [0u8; 32];
    rng.fill_bytes(&mut bytes);
    URL_SAFE_NO_PAD.encode(bytes)
}

/// RFC 7636 §4.1: 43 to 128 characters of `[A-Z] / [a-z] / [0-9] / "-" / "." / "_" / "~"`.
#[must_use]
pub fn is_valid_verifier(verifier: &str) -> bool {
    (43..=128).contains(&verifier.len())
        && verifier
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || matches!(b, b'-' | b'.' | b'_' | b'~'))
}

/// Compares two secrets without stopping at the first difference, so the time taken does not
/// tell how much of a guess was right.
#[must_use]
pub fn constant_time_eq(a: &str, b: &str) -> bool {
    a.len() == b.len()
        && a.bytes()
            .zip(b.bytes())
            .fold(0u8, |diff, (x, y)| diff | (x ^ y))
            == 0
}

/// Percent-encodes a query component (everything but RFC 3986's unreserved characters).
#[must_use]
pub fn encode_component(value: &str) -> String {
    let mut out = String::with_capacity(value.len());
    for byte in value.bytes() {
        if byte.is_ascii_alphanumeric() || matches!(byte, b'-' | b'.' | b'_' | b'~') {
            out.push(char::from(byte));
        } else {
            out.push_str(&format!("%{byte:02X}"));
        }
    }
    out
}

/// `application/x-www-form-urlencoded` pairs (a query string or a form body), in order.
#[must_use]
pub fn decode_form(text: &str) -> Vec<(String, String)> {
    text.split('&')
        .filter(|pair| !pair.is_empty())
        .map(|pair| {
            let (name, value) = pair.split_once('=').unwrap_or((pair, ""));
            (percent_decode(name), percent_decode(value))
        })
        .collect()
}

/// One percent-encoded component (`+` is a space, as forms write it; a broken escape stays as
/// sent).
#[must_use]
pub fn percent_decode(text: &str) -> String {
    let bytes = text.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        match bytes[i] {
            b'+' => out.push(b' '),
            b'%' => {
                let hex = bytes
                    .get(i + 1..i + 3)
                    .filter(|h| h.iter().all(u8::is_ascii_hexdigit))
                    .and_then(|h| std::str::from_utf8(h).ok())
                    .and_then(|h| u8::from_str_radix(h, 16).ok());
                match hex {
                    Some(byte) => {
                        out.push(byte);
                        i += 2;
                    }
                    None => out.push(b'%'),
                }
            }
            byte => out.push(byte),
        }
        i += 1;
    }
    String::from_utf8_lossy(&out).into_owned()
}

/// `url` with `pairs` appended as a query (`?` or `&`), or as a fragment when `fragment`.
#[must_use]
pub fn with_parameters(url: &str, pairs: &[(&str, &str)], fragment: bool) -> String {
    let encoded: Vec<String> = pairs
        .iter()
        .map(|(k, v)| format!("{}={}", encode_component(k), encode_component(v)))
        .collect();
    let separator = if fragment {
        '#'
    } else if url.contains('?') {
        '&'
    } else {
        '?'
    };
    format!("{url}{separator}{}", encoded.join("&"))
}

/// An issued authorization code and everything it is bound to.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct AuthorizationCode {
    pub client_id: String,
    pub redirect_uri: String,
    pub scopes: Vec<String>,
    pub nonce: Option<String>,
    pub code_challenge: Option<String>,
    pub username: String,
    pub auth_time: u64,
    pub expires_at: u64,
    /// Set by the first redemption, whatever its outcome: a code is good for one try.
    pub spent: bool,
    /// The sign-in its exchange started, revoked if the code comes back (RFC 6749 §4.1.2).
    pub family: Option<String>,
}

impl super::UserPool {
    /// A fresh token for a hosted page's form and its `XSRF-TOKEN` cookie, from the hosted
    /// UI's own seeded stream.
    pub fn csrf_token(&mut self) -> String {
        super::ids::b64url(&super::ids::bytes(&mut self.oauth_rng.next(), 24))
    }
}

/// An OAuth error with its description.
pub(crate) fn oauth_error(
    exception: super::Exception,
    description: impl Into<String>,
) -> super::CognitoError {
    super::CognitoError::new(exception, description)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn forms_decode_as_browsers_encode_them() {
        let cases = [
            ("a=1&b=two+words", vec![("a", "1"), ("b", "two words")]),
            (
                "scope=openid%20email&x=%E2%9C%93",
                vec![("scope", "openid email"), ("x", "✓")],
            ),
            ("bad=%zz&end=%", vec![("bad", "%zz"), ("end", "%")]),
            ("flag&=v", vec![("flag", ""), ("", "v")]),
            ("", vec![]),
        ];
        for (text, want) in cases {
            let got = decode_form(text);
            let want: Vec<(String, String)> = want
                .into_iter()
                .map(|(a, b)| (a.to_owned(), b.to_owned()))
                .collect();
            assert_eq!(got, want, "{text}");
        }
    }

    #[test]
    fn s256_and_at_hash_match_the_published_vectors() {
        // RFC 7636 appendix B, and hosted-ui.md §6 (checked with Python's hashlib).
        assert_eq!(
            s256("dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk"),
            "E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM"
        );
        assert_eq!(at_hash("abc"), "ungWv48Bz-pBQUDeXa4iIw");
    }

    #[test]
    fn scopes_verifiers_and_urls() {
        let cases = [
            ("openid", ScopeKind::Standard),
            ("aws.cognito.signin.user.admin", ScopeKind::Standard),
            ("orders/read", ScopeKind::Custom),
            ("https://api.example.com/orders.read", ScopeKind::Custom),
            ("emial", ScopeKind::Malformed),
            ("/read", ScopeKind::Malformed),
            ("orders/", ScopeKind::Malformed),
        ];
        for (scope, kind) in cases {
            assert_eq!(scope_kind(scope), kind, "{scope}");
        }
        assert!(is_valid_verifier(&"a".repeat(43)));
        assert!(!is_valid_verifier(&"a".repeat(42)));
        assert!(!is_valid_verifier(&format!("{}+", "a".repeat(43))));
        assert!(constant_time_eq("abc", "abc") && !constant_time_eq("abc", "abd"));
        assert!(!constant_time_eq("abc", "abcd"));
        assert_eq!(
            with_parameters(
                "http://localhost:9876/cb",
                &[("code", "a b"), ("state", "x&y")],
                false
            ),
            "http://localhost:9876/cb?code=a%20b&state=x%26y"
        );
        assert_eq!(
            with_parameters("myapp://cb?x=1", &[("state", "é")], false),
            "myapp://cb?x=1&state=%C3%A9"
        );
    }
}
