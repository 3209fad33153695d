//! Text measured in terminal columns: wide characters (CJK, emoji) take two, so tables and
//! boxes line up whatever the language. The measuring itself is [`crate::columns`]'s, shared
//! with the transcript and the class report.

pub use crate::columns::{pad, shorten, truncate, width, wrap, wrap_count};
pub use crate::flow::vars::looks_like_jwt;

/// `s` centred in `w` columns.
#[must_use]
pub fn center(s: &str, w: usize) -> String {
    let cut = truncate(s, w);
    let room = w.saturating_sub(width(&cut));
    let left = room / 2;
    format!("{}{cut}{}", " ".repeat(left), " ".repeat(room - left))
}

/// A long opaque value (a JWT, a refresh token) shortened for a table cell:
/// `eyJraWQiOiJ…` with its length, or the value itself when short.
#[must_use]
pub fn short_value(value: &str, max: usize) -> String {
    if width(value) <= max {
        return value.to_owned();
    }
    if looks_like_jwt(value) && max >= 12 {
        let tail = " (JWT)";
        return format!("{}{tail}", shorten(value, max - width(tail)));
    }
    shorten(value, max)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn centring() {
        assert_eq!(center("ab", 6), "  ab  ");
        assert_eq!(center("日本語", 5), "日本…");
        assert_eq!(center("👍🏽", 5), " 👍🏽  ");
    }

    #[test]
    fn jwts_are_recognised_and_shortened() {
        let jwt = format!("eyJhbGciOiJSUzI1NiJ9.{}.sig_-", "a".repeat(200));
        assert!(looks_like_jwt(&jwt));
        assert!(!looks_like_jwt("user123"));
        let short = short_value(&jwt, 20);
        assert!(short.ends_with(" (JWT)") && width(&short) <= 20, "{short}");
        assert_eq!(short_value("valid", 20), "valid");
    }
}
