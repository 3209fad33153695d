//! Text measured in terminal columns: wide characters (CJK, emoji) take two, so tables and
//! boxes line up whatever the language.

pub use crate::flow::vars::looks_like_jwt;
use unicode_width::{UnicodeWidthChar, UnicodeWidthStr};

/// Columns `s` takes on screen.
#[must_use]
pub fn width(s: &str) -> usize {
    UnicodeWidthStr::width(s)
}

fn char_width(c: char) -> usize {
    UnicodeWidthChar::width(c).unwrap_or(0)
}

/// `s` cut to at most `max` columns, ending in "…" when cut.
#[must_use]
pub fn truncate(s: &str, max: usize) -> String {
    if width(s) <= max {
        return s.to_owned();
    }
    if max == 0 {
        return String::new();
    }
    let mut out = String::new();
    let mut used = 0;
    for c in s.chars() {
        let w = char_width(c);
        if used + w > max - 1 {
            break;
        }
        out.push(c);
        used += w;
    }
    out.push('…');
    out
}

/// `s` padded with spaces to exactly `w` columns (cut with "…" if longer).
#[must_use]
pub fn pad(s: &str, w: usize) -> String {
    let cut = truncate(s, w);
    let fill = w.saturating_sub(width(&cut));
    format!("{cut}{}", " ".repeat(fill))
}

/// `s` centred in `w` columns.
#[must_use]
pub fn center(s: &str, w: usize) -> String {
    let cut = truncate(s, w);
    let room = w.saturating_sub(width(&cut));
    let left = room / 2;
    format!("{}{cut}{}", " ".repeat(left), " ".repeat(room - left))
}

/// Word-wraps `s` to lines of at most `max` columns. Words longer than a line are broken;
/// newlines in `s` start new lines; an empty `s` gives one empty line. Only spaces and tabs
/// separate words, so a no-break space (U+00A0) keeps a glyph with its word ("✗\u{a0}Error").
#[must_use]
pub fn wrap(s: &str, max: usize) -> Vec<String> {
    let max = max.max(1);
    let mut lines = Vec::new();
    for paragraph in s.split('\n') {
        let mut line = String::new();
        let mut used = 0;
        for word in paragraph.split([' ', '\t']).filter(|w| !w.is_empty()) {
            let w = width(word);
            if used > 0 && used + 1 + w <= max {
                line.push(' ');
                line.push_str(word);
                used += 1 + w;
                continue;
            }
            if used > 0 {
                lines.push(std::mem::take(&mut line));
                used = 0;
            }
            if w <= max {
                line.push_str(word);
                used = w;
                continue;
            }
            // A word longer than the line (a JWT, a URL): break it by columns.
            for c in word.chars() {
                let cw = char_width(c);
                if used + cw > max {
                    lines.push(std::mem::take(&mut line));
                    used = 0;
                }
                line.push(c);
                used += cw;
            }
        }
        lines.push(line);
    }
    lines
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
        return format!("{}{tail}", truncate(value, max - width(tail)));
    }
    truncate(value, max)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn widths_count_wide_characters_twice() {
        let cases = [("abc", 3), ("日本", 4), ("✓", 1), ("", 0), ("🔑 key", 6)];
        for (s, w) in cases {
            assert_eq!(width(s), w, "{s}");
        }
    }

    #[test]
    fn truncation_and_padding() {
        let cases = [
            ("hello", 10, "hello"),
            ("hello world", 6, "hello…"),
            ("日本語テキスト", 5, "日本…"),
            ("abc", 0, ""),
        ];
        for (s, max, want) in cases {
            assert_eq!(truncate(s, max), want, "{s} {max}");
            assert!(width(&truncate(s, max)) <= max);
        }
        assert_eq!(pad("ab", 4), "ab  ");
        assert_eq!(width(&pad("日本語", 5)), 5);
        assert_eq!(center("ab", 6), "  ab  ");
    }

    #[test]
    fn wrapping() {
        let cases: &[(&str, usize, &[&str])] = &[
            ("one two three", 7, &["one two", "three"]),
            ("", 5, &[""]),
            ("abcdefghij", 4, &["abcd", "efgh", "ij"]),
            ("a\nb c", 10, &["a", "b c"]),
            ("日本 語", 4, &["日本", "語"]),
            ("✗\u{a0}Bad thing", 6, &["✗\u{a0}Bad", "thing"]),
        ];
        for (s, max, want) in cases {
            assert_eq!(wrap(s, *max), *want, "{s:?} at {max}");
        }
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
