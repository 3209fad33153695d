//! The one text sanitizer: what data may not write raw to a terminal or a file, and how it is
//! shown instead.
//!
//! Data reaches cogflow's output from places nobody here controls: progress files a class
//! filled, paths and arguments on the command line, lines typed into plain mode, requests from
//! a learner's own code. Written raw, a control character is an instruction to the terminal:
//! ESC and the C1 control CSI (U+009B) start sequences that clear the screen, retitle the
//! window or write the clipboard (OSC 52); CR moves back over what was shown; a bidirectional
//! override or mark (U+202E, U+200F…) makes text display in another order than it reads.
//!
//! So every such character is shown **visibly escaped**, as Rust writes it: `\u{1b}`, `\r`,
//! `\t`, `\u{202e}`. [`line`] escapes newlines too (a value on one line); [`text`] keeps them
//! (a paragraph). JSON output instead gets JSON's own escape (`\u001b`, see [`to_json_pretty`]),
//! which keeps the data exact and the document valid. [`Writer`] applies [`text`] to a whole
//! output stream: `cogflow`'s stdout and stderr go through it, so no command can print a raw
//! control character, whatever it formats.
//!
//! The scenario loader refuses the same characters in lesson text
//! ([`crate::scenario::text::forbidden_char`]), using [`is_bidi_control`].

use std::borrow::Cow;
use std::io::{self, Write};

use serde::Serialize;

/// Whether `c` is a bidirectional formatting character: the embeddings and overrides
/// (U+202A–U+202E), the isolates (U+2066–U+2069) and the marks (U+200E, U+200F, U+061C). Each
/// changes the order text is displayed in without being seen.
#[must_use]
pub fn is_bidi_control(c: char) -> bool {
    matches!(
        c,
        '\u{61c}' | '\u{200e}' | '\u{200f}' | '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}'
    )
}

/// Whether `c` must never be written raw: a C0 control (newline and tab included; [`text`]
/// lets newline through), DEL, a C1 control, a bidirectional control, or the Unicode line and
/// paragraph separators (U+2028, U+2029), which some terminals and editors treat as a newline.
#[must_use]
pub fn is_unsafe(c: char) -> bool {
    c.is_control() || is_bidi_control(c) || matches!(c, '\u{2028}' | '\u{2029}')
}

/// `s` safe to show on one line: every [`is_unsafe`] character escaped, newlines included.
#[must_use]
pub fn line(s: &str) -> Cow<'_, str> {
    escape(s, |_| false)
}

/// `s` safe to show as text: every [`is_unsafe`] character escaped except newline.
#[must_use]
pub fn text(s: &str) -> Cow<'_, str> {
    escape(s, |c| c == '\n')
}

fn escape(s: &str, keep: impl Fn(char) -> bool) -> Cow<'_, str> {
    let unsafe_at = |c: char| is_unsafe(c) && !keep(c);
    let Some(first) = s.find(unsafe_at) else {
        return Cow::Borrowed(s);
    };
    let mut out = String::with_capacity(s.len() + 8);
    out.push_str(&s[..first]);
    for c in s[first..].chars() {
        if unsafe_at(c) {
            out.extend(c.escape_default());
        } else {
            out.push(c);
        }
    }
    Cow::Owned(out)
}

/// `value` as pretty-printed JSON (as `serde_json::to_string_pretty`) whose strings hold no
/// raw [`is_unsafe`] character: serde_json already writes C0 controls as `\u001b`, and this
/// writes DEL, C1, bidirectional controls and the separators as `\u009b` too. A JSON reader
/// gets the same strings back.
///
/// # Errors
/// As `serde_json::to_string_pretty` (a map with non-string keys, a failing `Serialize`).
pub fn to_json_pretty<T: Serialize + ?Sized>(value: &T) -> serde_json::Result<String> {
    let mut bytes = Vec::new();
    let mut ser = serde_json::Serializer::with_formatter(
        &mut bytes,
        SafeJson(serde_json::ser::PrettyFormatter::new()),
    );
    value.serialize(&mut ser)?;
    // serde_json writes only valid UTF-8 (it serialises `str`s), and the escapes are ASCII.
    Ok(String::from_utf8(bytes).unwrap_or_else(|e| String::from_utf8_lossy(e.as_bytes()).into()))
}

/// serde_json's pretty formatter, except that string fragments escape [`is_unsafe`]
/// characters (serde_json passes everything from DEL up through as it is).
struct SafeJson<'a>(serde_json::ser::PrettyFormatter<'a>);

impl serde_json::ser::Formatter for SafeJson<'_> {
    fn write_string_fragment<W: ?Sized + Write>(
        &mut self,
        writer: &mut W,
        fragment: &str,
    ) -> io::Result<()> {
        let mut rest = fragment;
        while let Some(at) = rest.find(is_unsafe) {
            writer.write_all(&rest.as_bytes()[..at])?;
            let c = rest[at..].chars().next().unwrap_or_default();
            // Every unsafe character is in the Basic Multilingual Plane: one \uXXXX each.
            write!(writer, "\\u{:04x}", u32::from(c))?;
            rest = &rest[at + c.len_utf8()..];
        }
        writer.write_all(rest.as_bytes())
    }

    // The rest is the pretty formatter's layout, unchanged.
    fn begin_array<W: ?Sized + Write>(&mut self, w: &mut W) -> io::Result<()> {
        self.0.begin_array(w)
    }
    fn end_array<W: ?Sized + Write>(&mut self, w: &mut W) -> io::Result<()> {
        self.0.end_array(w)
    }
    fn begin_array_value<W: ?Sized + Write>(&mut self, w: &mut W, first: bool) -> io::Result<()> {
        self.0.begin_array_value(w, first)
    }
    fn end_array_value<W: ?Sized + Write>(&mut self, w: &mut W) -> io::Result<()> {
        self.0.end_array_value(w)
    }
    fn begin_object<W: ?Sized + Write>(&mut self, w: &mut W) -> io::Result<()> {
        self.0.begin_object(w)
    }
    fn end_object<W: ?Sized + Write>(&mut self, w: &mut W) -> io::Result<()> {
        self.0.end_object(w)
    }
    fn begin_object_key<W: ?Sized + Write>(&mut self, w: &mut W, first: bool) -> io::Result<()> {
        self.0.begin_object_key(w, first)
    }
    fn begin_object_value<W: ?Sized + Write>(&mut self, w: &mut W) -> io::Result<()> {
        self.0.begin_object_value(w)
    }
    fn end_object_value<W: ?Sized + Write>(&mut self, w: &mut W) -> io::Result<()> {
        self.0.end_object_value(w)
    }
}

/// An output stream that applies [`text`] to everything written through it, so nothing a
/// command formats can put a raw control character on the terminal (or in a file the output
/// is redirected to). Newline passes, and so does CR right before a newline (CSV's CRLF line
/// ends); a byte that is not UTF-8 is shown as `\x9b`.
///
/// Writes are passed on at once, except the last bytes of a character cut across two writes
/// and a CR at the very end (it is safe only if a newline follows): those wait for the next
/// write, or for [`flush`](Write::flush) or drop, which escape a lone CR.
#[derive(Debug)]
pub struct Writer<W: Write> {
    inner: W,
    pending: Vec<u8>,
}

impl<W: Write> Writer<W> {
    /// Sanitizes what is written to `inner`.
    pub fn new(inner: W) -> Self {
        Self {
            inner,
            pending: Vec::new(),
        }
    }

    /// Escapes and writes `bytes`; keeps back an incomplete last character and a final CR
    /// unless `end` (then they are escaped too).
    fn pass(&mut self, bytes: &[u8], end: bool) -> io::Result<()> {
        let mut out = String::with_capacity(bytes.len());
        let mut chunks = bytes.utf8_chunks().peekable();
        let mut keep = Vec::new();
        while let Some(chunk) = chunks.next() {
            let valid = chunk.valid();
            let last = chunks.peek().is_none();
            for (i, c) in valid.char_indices() {
                match c {
                    '\r' if valid[i + 1..].starts_with('\n') => out.push('\r'),
                    '\r' if !end && last && chunk.invalid().is_empty() && i + 1 == valid.len() => {
                        keep.push(b'\r');
                    }
                    c if c != '\n' && is_unsafe(c) => out.extend(c.escape_default()),
                    c => out.push(c),
                }
            }
            let invalid = chunk.invalid();
            // A cut character at the very end is incomplete, not invalid: wait for the rest.
            let incomplete = !end
                && last
                && !invalid.is_empty()
                && invalid.len() < 4
                && std::str::from_utf8(invalid).is_err_and(|e| e.error_len().is_none());
            if incomplete {
                keep.extend_from_slice(invalid);
            } else {
                for b in invalid {
                    out.push_str(&format!("\\x{b:02x}"));
                }
            }
        }
        self.pending = keep;
        self.inner.write_all(out.as_bytes())
    }
}

impl<W: Write> Write for Writer<W> {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        if self.pending.is_empty() {
            self.pass(buf, false)?;
        } else {
            let mut joined = std::mem::take(&mut self.pending);
            joined.extend_from_slice(buf);
            self.pass(&joined, false)?;
        }
        Ok(buf.len())
    }

    fn flush(&mut self) -> io::Result<()> {
        if !self.pending.is_empty() {
            let pending = std::mem::take(&mut self.pending);
            self.pass(&pending, true)?;
        }
        self.inner.flush()
    }
}

impl<W: Write> Drop for Writer<W> {
    fn drop(&mut self) {
        let _ = self.flush();
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn escapes_visibly() {
        // (input, line, text)
        let cases: &[(&str, &str, &str)] = &[
            ("plain é 日本 👍🏽", "plain é 日本 👍🏽", "plain é 日本 👍🏽"),
            ("\u{1b}[2J", "\\u{1b}[2J", "\\u{1b}[2J"),
            (
                "\u{1b}]52;c;aGk=\u{7}",
                "\\u{1b}]52;c;aGk=\\u{7}",
                "\\u{1b}]52;c;aGk=\\u{7}",
            ),
            ("a\nb", "a\\nb", "a\nb"),
            ("a\r\nb", "a\\r\\nb", "a\\r\nb"),
            ("tab\there", "tab\\there", "tab\\there"),
            ("\u{9b}31m", "\\u{9b}31m", "\\u{9b}31m"),
            ("\u{7f}", "\\u{7f}", "\\u{7f}"),
            ("abc\u{202e}fed", "abc\\u{202e}fed", "abc\\u{202e}fed"),
            (
                "\u{200f}\u{2066}\u{61c}",
                "\\u{200f}\\u{2066}\\u{61c}",
                "\\u{200f}\\u{2066}\\u{61c}",
            ),
            ("a\u{2028}b", "a\\u{2028}b", "a\\u{2028}b"),
            // Joiners and variation selectors are part of emoji, not controls.
            (
                "👩\u{200d}🔬 ❤\u{fe0f}",
                "👩\u{200d}🔬 ❤\u{fe0f}",
                "👩\u{200d}🔬 ❤\u{fe0f}",
            ),
            (
                "back\\slash \"quoted\"",
                "back\\slash \"quoted\"",
                "back\\slash \"quoted\"",
            ),
        ];
        for &(input, want_line, want_text) in cases {
            assert_eq!(line(input), want_line, "line({input:?})");
            assert_eq!(text(input), want_text, "text({input:?})");
        }
        assert!(
            matches!(line("clean"), Cow::Borrowed(_)),
            "no copy when clean"
        );
    }

    #[test]
    fn json_keeps_the_data_and_escapes_the_rest() {
        let value = serde_json::json!({"k\u{202e}": ["\u{1b}[2J", "\u{9b}x", "ok é", "\u{7f}"]});
        let json = to_json_pretty(&value).unwrap();
        assert!(!json.chars().any(|c| is_unsafe(c) && c != '\n'), "{json}");
        assert!(
            json.contains(r#""\u001b[2J""#) && json.contains(r#""\u009bx""#),
            "{json}"
        );
        assert!(
            json.contains(r#""k\u202e""#) && json.contains(r#""\u007f""#),
            "{json}"
        );
        let back: serde_json::Value = serde_json::from_str(&json).unwrap();
        assert_eq!(back, value, "the same data");
        assert_eq!(
            json,
            serde_json::to_string_pretty(&value)
                .unwrap()
                .replace('\u{202e}', "\\u202e")
                .replace('\u{9b}', "\\u009b")
                .replace('\u{7f}', "\\u007f"),
            "laid out as serde_json lays it out"
        );
    }

    fn through_writer(parts: &[&[u8]]) -> String {
        let mut out = Vec::new();
        {
            let mut w = Writer::new(&mut out);
            for part in parts {
                w.write_all(part).unwrap();
            }
        }
        String::from_utf8(out).unwrap()
    }

    #[test]
    fn the_writer_keeps_newlines_and_crlf_and_joins_cut_characters() {
        let cases: &[(&[&[u8]], &str)] = &[
            (&[b"a\nb\r\n"], "a\nb\r\n"),
            (&[b"x\r", b"\ny"], "x\r\ny"),
            (&[b"x\r", b"y"], "x\\ry"),
            (&[b"end\r"], "end\\r"),
            (&[b"\x1b[2J\x07"], "\\u{1b}[2J\\u{7}"),
            // U+009B (C2 9B) and U+202E (E2 80 AE) cut in the middle.
            (&[b"a\xc2", b"\x9bb"], "a\\u{9b}b"),
            (&[b"\xe2\x80", b"\xae!"], "\\u{202e}!"),
            (&["é".as_bytes()], "é"),
            (&[b"\x9b alone \xff"], "\\x9b alone \\xff"),
            (&[b"cut at the end \xe2\x80"], "cut at the end \\xe2\\x80"),
        ];
        for (parts, want) in cases {
            assert_eq!(through_writer(parts), *want, "{parts:?}");
        }
    }

    /// What must never come out: a byte below 0x20 other than newline (CR only in CRLF),
    /// DEL or a C1 control, a bidirectional control, a line or paragraph separator.
    fn assert_clean(out: &str) {
        let mut chars = out.chars().peekable();
        while let Some(c) = chars.next() {
            if c == '\r' {
                assert_eq!(chars.peek(), Some(&'\n'), "lone CR in {out:?}");
                continue;
            }
            assert!(c == '\n' || !is_unsafe(c), "{c:?} in {out:?}");
            assert!(!('\u{80}'..='\u{9f}').contains(&c) && c != '\u{7f}');
        }
    }

    proptest! {
        #[test]
        fn nothing_unsafe_survives(s in any::<String>(), cut in 0usize..64) {
            let l = line(&s);
            prop_assert!(!l.contains('\n'));
            assert_clean(&l);
            assert_clean(&text(&s));
            let bytes = s.as_bytes();
            let cut = cut.min(bytes.len());
            assert_clean(&through_writer(&[&bytes[..cut], &bytes[cut..]]));
            let json = to_json_pretty(&s).unwrap();
            assert_clean(&json);
            prop_assert_eq!(serde_json::from_str::<String>(&json).unwrap(), s);
        }

        #[test]
        fn unsafe_characters_are_escaped_not_lost(s in "[\\x00-\\x{a0}\\x{202a}-\\x{202e}a-z]{0,40}") {
            // Every character is either kept or written as its escape, in order.
            let want: String = s.chars().map(|c| if is_unsafe(c) { c.escape_default().collect() } else { c.to_string() }).collect();
            prop_assert_eq!(line(&s).into_owned(), want);
        }
    }
}
