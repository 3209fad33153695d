//! RFC 6238 TOTP, as authenticator apps and Cognito's SOFTWARE_TOKEN_MFA use it:
//! HMAC-SHA1, 30-second steps, 6 digits.

use hmac::{Hmac, Mac};
use sha1::Sha1;

/// Seconds per TOTP step.
pub const STEP_SECS: u64 = 30;

/// The 6-digit code for `secret` at `unix_time` (RFC 4226 dynamic truncation).
#[must_use]
pub fn code_at(secret: &[u8], unix_time: u64) -> String {
    let counter = unix_time / STEP_SECS;
    // HMAC accepts keys of any length, so this cannot fail.
    let Ok(mut mac) = Hmac::<Sha1>::new_from_slice(secret) else {
        return String::new();
    };
    mac.update(&counter.to_be_bytes());
    let digest = mac.finalize().into_bytes();
    let offset = usize::from(digest[19] & 0x0f);
    let binary = u32::from_be_bytes([
        digest[offset] & 0x7f,
        digest[offset + 1],
        digest[offset + 2],
        digest[offset + 3],
    ]);
    format!("{:06}", binary % 1_000_000)
}

/// `true` if `code` is right for the step at `unix_time` or one step either side: the skew
/// Cognito, like most verifiers, tolerates between a phone's clock and its own.
#[must_use]
pub fn accepts(secret: &[u8], unix_time: u64, code: &str) -> bool {
    [
        unix_time.saturating_sub(STEP_SECS),
        unix_time,
        unix_time + STEP_SECS,
    ]
    .iter()
    .any(|&t| code_at(secret, t) == code)
}

/// RFC 4648 base32 without padding: the form `AssociateSoftwareToken` returns as `SecretCode`
/// and authenticator apps accept.
#[must_use]
pub fn base32(bytes: &[u8]) -> String {
    const ALPHABET: &[u8; 32] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
    let mut out = String::with_capacity(bytes.len().div_ceil(5) * 8);
    let mut buffer: u32 = 0;
    let mut bits = 0;
    for &b in bytes {
        buffer = (buffer << 8) | u32::from(b);
        bits += 8;
        while bits >= 5 {
            bits -= 5;
            out.push(char::from(ALPHABET[((buffer >> bits) & 31) as usize]));
        }
    }
    if bits > 0 {
        out.push(char::from(ALPHABET[((buffer << (5 - bits)) & 31) as usize]));
    }
    out
}

/// The bytes of a [`base32`] text (what an authenticator does with the secret it scanned);
/// `None` for a character outside the alphabet. Padding and case are forgiven, as apps do.
#[must_use]
pub fn from_base32(text: &str) -> Option<Vec<u8>> {
    let mut out = Vec::with_capacity(text.len() * 5 / 8);
    let mut buffer: u32 = 0;
    let mut bits = 0;
    for c in text.trim_end_matches('=').chars() {
        let value = match c.to_ascii_uppercase() {
            letter @ 'A'..='Z' => u32::from(letter) - u32::from('A'),
            digit @ '2'..='7' => u32::from(digit) - u32::from('2') + 26,
            _ => return None,
        };
        buffer = (buffer << 5) | value;
        bits += 5;
        if bits >= 8 {
            bits -= 8;
            out.push(((buffer >> bits) & 0xff) as u8);
        }
    }
    Some(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    // RFC 6238 appendix B (SHA-1 secret), last 6 of the 8 published digits.
    #[test]
    fn rfc6238_vectors() {
        let secret = b"12345678901234567890";
        for (t, want) in [
            (59, "287082"),
            (1_111_111_109, "081804"),
            (1_111_111_111, "050471"),
            (1_234_567_890, "005924"),
            (2_000_000_000, "279037"),
        ] {
            assert_eq!(code_at(secret, t), want, "t={t}");
        }
    }

    #[test]
    fn accepts_one_step_of_skew_only() {
        let secret = b"12345678901234567890";
        let now = 1_111_111_109;
        assert!(accepts(secret, now, &code_at(secret, now)));
        assert!(accepts(secret, now, &code_at(secret, now - 30)));
        assert!(accepts(secret, now, &code_at(secret, now + 30)));
        assert!(!accepts(secret, now, &code_at(secret, now - 90)));
    }

    #[test]
    fn base32_rfc4648_vectors() {
        for (input, want) in [
            ("", ""),
            ("f", "MY"),
            ("fo", "MZXQ"),
            ("foo", "MZXW6"),
            ("foob", "MZXW6YQ"),
            ("fooba", "MZXW6YTB"),
            ("foobar", "MZXW6YTBOI"),
        ] {
            assert_eq!(base32(input.as_bytes()), want);
            assert_eq!(from_base32(want).as_deref(), Some(input.as_bytes()));
        }
        assert_eq!(from_base32("mzxw6==="), Some(b"foo".to_vec()));
        assert_eq!(from_base32("MZ1"), None);
    }
}
