//! Checks on the raw text (size, UTF-8, characters a terminal would interpret) and byte
//! offsets to line/column.

use std::ops::Range;

/// Scenario files larger than this are refused before parsing.
pub const MAX_FILE_BYTES: usize = 1024 * 1024;

/// How long a FIFO, device or socket may take to open and reach its end (a regular file is
/// bounded by its size instead): a FIFO nobody writes to would otherwise block for ever.
pub const SPECIAL_FILE_WAIT: std::time::Duration = std::time::Duration::from_secs(5);

/// Reads a scenario file, never more than [`MAX_FILE_BYTES`] + 1 bytes, and never waiting
/// for ever: `/dev/zero` or an endless pipe stops at the limit, a FIFO with no writer after
/// [`SPECIAL_FILE_WAIT`]. A FIFO that has a writer is read like a file, so
/// `cogflow check <(generate-lesson)` works.
///
/// # Errors
/// The message for the learner: unreadable, too large, or nothing came.
pub fn read_bounded(path: &std::path::Path) -> Result<Vec<u8>, String> {
    use std::io::Read;
    let limit = MAX_FILE_BYTES as u64 + 1;
    let too_large = |what: &str| {
        format!("{what}; scenario files are limited to 1 MiB ({MAX_FILE_BYTES} bytes)")
    };
    let meta = std::fs::metadata(path).map_err(|e| format!("cannot read the file: {e}"))?;
    if meta.is_file() {
        if meta.len() >= limit {
            return Err(too_large(&format!("the file is {} bytes", meta.len())));
        }
        let mut bytes = Vec::new();
        std::fs::File::open(path)
            .and_then(|f| f.take(limit).read_to_end(&mut bytes))
            .map_err(|e| format!("cannot read the file: {e}"))?;
        return Ok(bytes);
    }
    if meta.is_dir() {
        return Err("this is a folder, not a scenario file".to_owned());
    }
    let kind = special_kind(&meta);
    // Opening a FIFO blocks until someone writes to it, and no std call can give up: the
    // open and read happen on a thread this waits for, which the process leaves behind when
    // it gives up (it ends with the process).
    let (tx, rx) = std::sync::mpsc::channel();
    let owned = path.to_path_buf();
    std::thread::Builder::new()
        .name("read-special-file".into())
        .spawn(move || {
            let mut bytes = Vec::new();
            let read =
                std::fs::File::open(&owned).and_then(|f| f.take(limit).read_to_end(&mut bytes));
            let _ = tx.send(read.map(|_| bytes));
        })
        .map_err(|e| format!("cannot read the file: {e}"))?;
    let seconds = SPECIAL_FILE_WAIT.as_secs();
    match rx.recv_timeout(SPECIAL_FILE_WAIT) {
        Ok(Ok(bytes)) if bytes.len() as u64 >= limit => {
            Err(too_large(&format!("more than 1 MiB came from this {kind}")))
        }
        Ok(Ok(bytes)) => Ok(bytes),
        Ok(Err(e)) => Err(format!("cannot read the file: {e}")),
        Err(_) => Err(format!(
            "nothing came from this {kind} within {seconds} s (a FIFO needs a writer, and the data must end); give a scenario file"
        )),
    }
}

/// What a file that is neither a regular file nor a folder is, in words.
fn special_kind(meta: &std::fs::Metadata) -> &'static str {
    #[cfg(unix)]
    {
        use std::os::unix::fs::FileTypeExt;
        let t = meta.file_type();
        if t.is_fifo() {
            return "FIFO";
        }
        if t.is_char_device() || t.is_block_device() {
            return "device";
        }
        if t.is_socket() {
            return "socket";
        }
    }
    let _ = meta;
    "special file"
}

/// A problem in the raw text, at a byte offset.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RawProblem {
    /// Byte offset into the file.
    pub offset: usize,
    /// The message.
    pub message: String,
}

/// Every invalid UTF-8 sequence in `bytes` (at most `limit`), with its offset.
#[must_use]
pub fn invalid_utf8(bytes: &[u8], limit: usize) -> Vec<RawProblem> {
    let mut problems = Vec::new();
    let mut offset = 0;
    for chunk in bytes.utf8_chunks() {
        offset += chunk.valid().len();
        let invalid = chunk.invalid();
        if !invalid.is_empty() {
            if problems.len() == limit {
                break;
            }
            let shown: Vec<String> = invalid.iter().map(|b| format!("0x{b:02X}")).collect();
            problems.push(RawProblem {
                offset,
                message: format!(
                    "invalid UTF-8 (byte {}): scenario files must be UTF-8 text",
                    shown.join(" ")
                ),
            });
            offset += invalid.len();
        }
    }
    problems
}

/// 1-based line and column of byte `offset` in possibly invalid UTF-8: each invalid byte
/// counts as one column, like the replacement character an editor shows.
#[must_use]
pub fn line_col_bytes(bytes: &[u8], offset: usize) -> (usize, usize) {
    let offset = offset.min(bytes.len());
    let before = &bytes[..offset];
    let line_start = before
        .iter()
        .rposition(|b| *b == b'\n')
        .map_or(0, |i| i + 1);
    let line = before.iter().filter(|b| **b == b'\n').count() + 1;
    let col = before[line_start..]
        .utf8_chunks()
        .map(|c| c.valid().chars().count() + c.invalid().len())
        .sum::<usize>()
        + 1;
    (line, col)
}

/// Why a character must not appear in lesson text, or `None` when it may.
///
/// Control characters (C0, DEL, C1) would be interpreted by the learner's terminal (ESC starts
/// an escape sequence that can move the cursor, recolour, retitle or clear the screen);
/// bidirectional controls (overrides, isolates, marks: [`crate::sanitize::is_bidi_control`])
/// make text display in a different order than it reads.
/// Newlines and tabs are fine.
#[must_use]
pub fn forbidden_char(c: char) -> Option<String> {
    match c {
        '\n' | '\t' => None,
        '\u{1b}' => Some(
            "control character U+001B (ESC) in text: terminal escape sequences are not allowed"
                .to_owned(),
        ),
        '\r' => Some(
            "control character U+000D (carriage return) in text: it would move the cursor back over what was shown"
                .to_owned(),
        ),
        c if c.is_control() => Some(format!(
            "control character U+{:04X} in text: control characters are not allowed",
            u32::from(c)
        )),
        c if crate::sanitize::is_bidi_control(c) => Some(format!(
            "bidirectional control character U+{:04X} in text: it would make the text display differently from how it reads",
            u32::from(c)
        )),
        _ => None,
    }
}

/// Forbidden characters written raw in the source, outside what a CRLF line ending needs.
#[must_use]
pub fn raw_forbidden(src: &str) -> Vec<RawProblem> {
    let mut problems = Vec::new();
    let mut from = 0;
    while let Some((offset, c)) = next_suspect(src, from) {
        from = offset + c.len_utf8();
        if c == '\r' && src.as_bytes().get(from) == Some(&b'\n') {
            continue;
        }
        if let Some(message) = forbidden_char(c) {
            problems.push(RawProblem { offset, message });
        }
    }
    problems
}

/// The first forbidden character of `text`, if any.
#[must_use]
pub fn first_forbidden(text: &str) -> Option<String> {
    let mut from = 0;
    while let Some((offset, c)) = next_suspect(text, from) {
        if let Some(message) = forbidden_char(c) {
            return Some(message);
        }
        from = offset + c.len_utf8();
    }
    None
}

/// The next character at or after byte `from` that might be forbidden, found by looking at
/// bytes: every forbidden character is a C0 control or DEL (one byte), a C1 control (UTF-8
/// lead byte 0xC2) or a bidirectional control (lead byte 0xE2, or 0xD8 for U+061C). Files
/// are mostly plain text, so this skips nearly everything without decoding it.
fn next_suspect(text: &str, from: usize) -> Option<(usize, char)> {
    let bytes = text.as_bytes();
    let skip = bytes.get(from..)?.iter().position(|&b| {
        (b < 0x20 && b != b'\n' && b != b'\t') || b == 0x7f || matches!(b, 0xc2 | 0xd8 | 0xe2)
    })?;
    let offset = from + skip;
    text.get(offset..)?.chars().next().map(|c| (offset, c))
}

/// Forbidden characters written as escapes (`\e`, `\x1b`, `\u001b`, `\U0000001b`) inside the
/// raw text of a TOML basic string or quoted key, with each escape's offset in the source.
///
/// `raw` is the source text of the string (quotes included) and `start` its offset.
#[must_use]
pub fn escaped_forbidden(raw: &str, start: usize) -> Vec<RawProblem> {
    let mut problems = Vec::new();
    // Literal strings ('...') have no escapes.
    if !raw.starts_with('"') {
        return problems;
    }
    let bytes = raw.as_bytes();
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] != b'\\' {
            i += 1;
            continue;
        }
        let (digits, skip) = match bytes.get(i + 1) {
            Some(b'e') => {
                push_escaped(&mut problems, '\u{1b}', start + i);
                i += 2;
                continue;
            }
            Some(b'x') => (2, 2),
            Some(b'u') => (4, 2),
            Some(b'U') => (8, 2),
            Some(_) => {
                // `\\`, `\"`, `\n`, a line-ending backslash…: skip the escaped character.
                i += 2;
                continue;
            }
            None => break,
        };
        let hex = raw.get(i + skip..i + skip + digits);
        if let Some(c) = hex
            .and_then(|h| u32::from_str_radix(h, 16).ok())
            .and_then(char::from_u32)
        {
            push_escaped(&mut problems, c, start + i);
        }
        i += skip;
    }
    problems
}

fn push_escaped(problems: &mut Vec<RawProblem>, c: char, offset: usize) {
    // An escaped newline or tab is as harmless as a raw one.
    if let Some(message) = forbidden_char(c) {
        problems.push(RawProblem {
            offset,
            message: format!("{message} (written as an escape)"),
        });
    }
}

/// Byte offsets of line starts, for turning many offsets into line/column cheaply.
#[derive(Debug, Clone)]
pub struct LineIndex {
    starts: Vec<usize>,
}

impl LineIndex {
    /// Indexes `src`.
    #[must_use]
    pub fn new(src: &str) -> Self {
        let starts = std::iter::once(0)
            .chain(src.match_indices('\n').map(|(i, _)| i + 1))
            .collect();
        Self { starts }
    }

    /// 1-based line and column (in characters) of byte `offset` (clamped into `src`).
    #[must_use]
    pub fn line_col(&self, src: &str, offset: usize) -> (usize, usize) {
        let mut offset = offset.min(src.len());
        while !src.is_char_boundary(offset) {
            offset -= 1;
        }
        let line = self.starts.partition_point(|s| *s <= offset);
        let start = self
            .starts
            .get(line.saturating_sub(1))
            .copied()
            .unwrap_or(0);
        let col = src.get(start..offset).map_or(0, |s| s.chars().count()) + 1;
        (line.max(1), col)
    }
}

/// The part of `src` a span covers, or `""` if it is out of bounds.
#[must_use]
pub fn slice<'a>(src: &'a str, span: &Range<usize>) -> &'a str {
    src.get(span.clone()).unwrap_or("")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn line_index_matches_naive() {
        let src = "ab\ncdé\n\nx";
        let index = LineIndex::new(src);
        for (offset, want) in [
            (0, (1, 1)),
            (2, (1, 3)),
            (3, (2, 1)),
            (6, (2, 3)),
            (7, (2, 4)),
            (8, (3, 1)),
            (9, (4, 1)),
            (10, (4, 2)),
            (99, (4, 2)),
        ] {
            assert_eq!(index.line_col(src, offset), want, "offset {offset}");
            assert_eq!(super::super::line_col(src, offset), want, "offset {offset}");
        }
    }

    #[test]
    fn utf8_positions() {
        let bytes = b"a = 1\nb = \"x\xFFy\"\n\xC3";
        let problems = invalid_utf8(bytes, 10);
        assert_eq!(problems.len(), 2);
        assert_eq!(line_col_bytes(bytes, problems[0].offset), (2, 7));
        assert!(problems[0].message.contains("0xFF"));
        assert_eq!(line_col_bytes(bytes, problems[1].offset), (3, 1));
        assert_eq!(line_col_bytes("é\u{FFFD}".as_bytes(), 5), (1, 3));
    }

    #[test]
    fn forbidden_characters() {
        for (c, bad) in [
            ('\n', false),
            ('\t', false),
            ('a', false),
            ('é', false),
            ('\u{1b}', true),
            ('\u{7}', true),
            ('\u{7f}', true),
            ('\u{9b}', true),
            ('\r', true),
            ('\u{202e}', true),
            ('\u{2067}', true),
        ] {
            assert_eq!(forbidden_char(c).is_some(), bad, "{c:?}");
        }
        assert!(raw_forbidden("a\r\nb").is_empty());
        assert_eq!(raw_forbidden("a\rb")[0].offset, 1);
        let offsets =
            |text: &str| -> Vec<usize> { raw_forbidden(text).iter().map(|p| p.offset).collect() };
        assert_eq!(
            offsets("é\u{1b}x\u{9b}\u{a0}\u{202e}\u{2014}\u{7f}"),
            vec![2, 4, 8, 14]
        );
        assert_eq!(first_forbidden("ok — fine\n\t"), None);
        assert!(first_forbidden("x\u{2066}").is_some_and(|m| m.contains("U+2066")));
    }

    #[test]
    fn escapes() {
        let offsets = |raw: &str| -> Vec<usize> {
            escaped_forbidden(raw, 100)
                .iter()
                .map(|p| p.offset)
                .collect()
        };
        assert_eq!(offsets(r#""a\u001b[31m""#), vec![102]);
        assert_eq!(offsets(r#""\e\x1B\U0000009b""#), vec![101, 103, 107]);
        assert_eq!(offsets(r#""\\e \n \t \u0041""#), Vec::<usize>::new());
        assert_eq!(offsets(r"'\e'"), Vec::<usize>::new());
        assert_eq!(offsets(r#""\u202E""#), vec![101]);
        assert_eq!(offsets(r#""\u00""#), Vec::<usize>::new());
    }
}
