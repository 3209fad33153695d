//! Text measured in terminal columns, one grapheme cluster at a time.
//!
//! A cluster is what a reader sees as one character: `👍🏽` (an emoji and a skin tone), `❤️`
//! (a heart and VS16), `👩‍🔬` (a ZWJ sequence), `é` written as `e` and a combining accent.
//! Each is measured as one (`str::width` of unicode-width 0.2 already does that; adding up
//! the widths of its `char`s gives 4 for `👍🏽`), and text is cut and wrapped only between
//! clusters, so a truncated name never ends in half an emoji or a stray accent.
//!
//! Widths of emoji sequences still differ between terminals (crates.md §4: tmux shows the VS16
//! heart in one column and the skin tone in four); these functions follow Unicode, as ratatui's
//! own buffer does, so what they measure is what the TUI lays out. Control characters count
//! as one column here: text from data goes through [`crate::sanitize`] first.

use unicode_segmentation::UnicodeSegmentation;
use unicode_width::UnicodeWidthStr;

/// Columns `s` takes on screen.
#[must_use]
pub fn width(s: &str) -> usize {
    UnicodeWidthStr::width(s)
}

/// `s` cut to at most `max` columns, ending in "…" when cut: after the last whole word that
/// fits, so a sentence is never cut inside a word ("Next lesson: “Signing up: the account…",
/// not "…before it can si…"). A separator left at the end (` ·`, ` →`, `:`, `,`) goes with the
/// words after it. When not even the first word fits (one long word, an opaque value), it is
/// cut between clusters, as [`shorten`] does.
#[must_use]
pub fn truncate(s: &str, max: usize) -> String {
    if width(s) <= max {
        return s.to_owned();
    }
    let cut = shorten(s, max);
    let kept = cut.strip_suffix('…').unwrap_or(&cut);
    let at_word_end = s[kept.len()..].starts_with([' ', '\t']);
    let words = if at_word_end {
        kept
    } else {
        kept.rfind([' ', '\t']).map_or("", |i| &kept[..i])
    };
    let words =
        words.trim_end_matches([' ', '\t', '·', '→', '—', '–', ',', ';', ':', '(', '“', '«']);
    if words.trim().is_empty() {
        cut
    } else {
        format!("{words}…")
    }
}

/// `s` cut to at most `max` columns between clusters, ending in "…" when cut: for an opaque
/// value (a JWT, a hash) that has no words to keep whole. Prose goes through [`truncate`].
#[must_use]
pub fn shorten(s: &str, max: usize) -> String {
    if width(s) <= max {
        return s.to_owned();
    }
    if max == 0 {
        return String::new();
    }
    let mut out = String::new();
    let mut used = 0;
    for g in s.graphemes(true) {
        let w = width(g);
        if used + w > max - 1 {
            break;
        }
        out.push_str(g);
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

/// Word-wraps `s` to lines of at most `max` columns. Words longer than a line are broken
/// between clusters, after a `/` or `-` where one is near the end of the line; newlines in `s` start new lines; an empty `s` gives one empty line. Only
/// spaces and tabs separate words, so a no-break space (U+00A0) keeps a glyph with its word
/// ("✗\u{a0}Error").
#[must_use]
pub fn wrap(s: &str, max: usize) -> Vec<String> {
    let mut made = Made::default();
    lay_out(s, max, &mut made);
    made.lines
}

/// How many lines [`wrap`] makes of `s`, without making them (the same walk).
#[must_use]
pub fn wrap_count(s: &str, max: usize) -> usize {
    let mut counted = Counted(0);
    lay_out(s, max, &mut counted);
    counted.0
}

/// Where [`lay_out`] puts text: [`wrap`] keeps it, [`wrap_count`] counts lines.
trait Sink {
    /// `text` goes on the current line, after a space when `spaced`.
    fn put(&mut self, text: &str, spaced: bool);
    /// The current line ends.
    fn end(&mut self);
}

#[derive(Default)]
struct Made {
    lines: Vec<String>,
    line: String,
}

impl Sink for Made {
    fn put(&mut self, text: &str, spaced: bool) {
        if spaced {
            self.line.push(' ');
        }
        self.line.push_str(text);
    }

    fn end(&mut self) {
        self.lines.push(std::mem::take(&mut self.line));
    }
}

struct Counted(usize);

impl Sink for Counted {
    fn put(&mut self, _: &str, _: bool) {}

    fn end(&mut self) {
        self.0 += 1;
    }
}

/// Lays `s` out in lines of at most `max` columns: words joined by one space, a word longer
/// than the line broken between clusters, `\n` starting a new line.
fn lay_out(s: &str, max: usize, sink: &mut impl Sink) {
    let max = max.max(1);
    for paragraph in s.split('\n') {
        let mut used = 0;
        for word in paragraph.split([' ', '\t']).filter(|w| !w.is_empty()) {
            let w = width(word);
            if used > 0 && used + 1 + w <= max {
                sink.put(word, true);
                used += 1 + w;
                continue;
            }
            if used > 0 {
                sink.end();
            }
            if w <= max {
                sink.put(word, false);
                used = w;
                continue;
            }
            // A word longer than the line (a URL, a JWT): break it where it reads best.
            let mut rest = word;
            while width(rest) > max {
                let (line, tail) = rest.split_at(long_word_break(rest, max));
                sink.put(line, false);
                sink.end();
                rest = tail;
            }
            sink.put(rest, false);
            used = width(rest);
        }
        sink.end();
    }
}

/// Where the first line of a word wider than `max` ends (a byte index, after at least one
/// cluster): after the last `/` that leaves the line two thirds full (a URL breaks
/// between its parts: `…amazonaws.com/` then `us-east-1_x`), else after the last `-`, `.`,
/// `_`, `:`, `?`, `&` or `=` that leaves it half full, else, in a name of letters
/// (`InvalidPasswordException:`, a glyph before it), before its last capital that leaves the
/// line half full (`InvalidPassword` / `Exception:`, never `…Exception` / `:`), else after the
/// last cluster that fits.
fn long_word_break(word: &str, max: usize) -> usize {
    let name = word
        .rsplit('\u{a0}')
        .next()
        .unwrap_or(word)
        .trim_end_matches([':', ',', '.', ';'])
        .chars()
        .all(|c| c.is_ascii_alphabetic());
    let mut fits = 0;
    let mut slash = None;
    let mut mark = None;
    let mut capital = None;
    let mut used = 0;
    let mut lower_before = false;
    for (i, g) in word.grapheme_indices(true) {
        let upper = g.chars().all(|c| c.is_ascii_uppercase());
        if name && upper && lower_before && used * 2 >= max {
            capital = Some(i);
        }
        lower_before = g.chars().all(|c| c.is_ascii_lowercase());
        used += width(g);
        if used > max && fits > 0 {
            break;
        }
        fits = i + g.len();
        if g == "/" && used * 3 >= max * 2 {
            slash = Some(fits);
        } else if matches!(g, "-" | "." | "_" | ":" | "?" | "&" | "=") && used * 2 >= max {
            mark = Some(fits);
        }
    }
    slash.or(mark).or(capital).unwrap_or(fits)
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
            // A sentence is cut after a whole word, never inside one, and a separator left
            // at the end goes with the words after it.
            ("before it can sign in", 16, "before it can…"),
            ("before it can sign in", 14, "before it can…"),
            ("before it can sign in", 13, "before it…"),
            ("Branch 2/3: What if", 15, "Branch 2/3…"),
            ("Minutes · ~10 min", 12, "Minutes…"),
            ("Minutes · ~10 min", 14, "Minutes · ~10…"),
            ("Flow: A → B", 10, "Flow: A…"),
            // One word longer than the room: cut between clusters (nothing else is left).
            ("authentication flow", 8, "authent…"),
            ("eyJhbGciOiJSUzI1NiJ9", 8, "eyJhbGc…"),
        ];
        for (s, max, want) in cases {
            assert_eq!(truncate(s, max), want, "{s} {max}");
            assert!(width(&truncate(s, max)) <= max);
        }
        assert_eq!(shorten("before it can sign in", 16), "before it can s…");
        assert_eq!(pad("ab", 4), "ab  ");
        assert_eq!(width(&pad("日本語", 5)), 5);
    }

    /// Emoji with a skin tone or VS16, ZWJ sequences, flags, CJK, combining marks: each is
    /// one cluster, measured and cut as one.
    const CLUSTERS: &[(&str, usize)] = &[
        ("👍🏽", 2),
        ("❤\u{fe0f}", 2),
        ("👩\u{200d}🔬", 2),
        ("👨\u{200d}👩\u{200d}👧", 2),
        ("🇯🇵", 2),
        ("日", 2),
        ("e\u{301}", 1),
        ("a", 1),
    ];

    #[test]
    fn clusters_are_measured_and_cut_whole() {
        for &(g, w) in CLUSTERS {
            assert_eq!(width(g), w, "{g:?}");
            let three = g.repeat(3);
            assert_eq!(width(&three), 3 * w, "{three:?}");
            // Room for one cluster and the ellipsis, whatever the widths.
            let cut = truncate(&three, w + 1);
            assert_eq!(cut, format!("{g}…"), "{three:?}");
            assert_eq!(width(&pad(&three, 2 * w + 1)), 2 * w + 1);
            // A long word breaks between clusters.
            let lines = wrap(&g.repeat(5), 2 * w);
            assert!(
                lines.iter().all(|l| *l == g.repeat(2) || *l == *g),
                "{g:?}: {lines:?}"
            );
        }
    }

    proptest::proptest! {
        #[test]
        fn truncation_keeps_whole_clusters(picks in proptest::collection::vec(0..8usize, 0..12), max in 0usize..20) {
            let s: String = picks.iter().map(|&i| CLUSTERS[i].0).collect();
            let cut = truncate(&s, max);
            proptest::prop_assert!(width(&cut) <= max);
            let kept = cut.strip_suffix('…').unwrap_or(&cut);
            proptest::prop_assert!(s.starts_with(kept));
            // What was kept ends on a cluster boundary of `s`.
            let boundary = s.grapheme_indices(true)
                .any(|(i, _)| i == kept.len()) || kept.len() == s.len();
            proptest::prop_assert!(boundary, "{:?} cut to {:?}", s, cut);
            let lines = wrap(&s, max.max(2));
            proptest::prop_assert_eq!(wrap_count(&s, max.max(2)), lines.len());
            for line in lines {
                proptest::prop_assert!(width(&line) <= max.max(2), "{line:?}");
            }
        }
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
            // A name one colon too long breaks before a capital, not before the colon.
            (
                "✗\u{a0}InvalidPasswordException: Password did not conform",
                26,
                &[
                    "✗\u{a0}InvalidPassword",
                    "Exception: Password did",
                    "not conform",
                ],
            ),
            // A URL breaks after a slash, then after a hyphen: never inside "east".
            (
                "iss https://cognito-idp.us-east-1.amazonaws.com/us-east-1_ybj98UjCE",
                48,
                &[
                    "iss",
                    "https://cognito-idp.us-east-1.amazonaws.com/",
                    "us-east-1_ybj98UjCE",
                ],
            ),
            (
                "https://cognito-idp.us-east-1.amazonaws.com/us-east-1_ybj98UjCE",
                20,
                &[
                    "https://cognito-idp.",
                    "us-east-1.amazonaws.",
                    "com/us-east-1_",
                    "ybj98UjCE",
                ],
            ),
        ];
        for (s, max, want) in cases {
            assert_eq!(wrap(s, *max), *want, "{s:?} at {max}");
            assert_eq!(wrap_count(s, *max), want.len(), "{s:?} at {max}");
        }
    }
}
