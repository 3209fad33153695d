//! The one line reader of the plain front-ends (`cogflow run --plain` and `cogflow quiz
//! --plain`): a prompt, one line read, echoed when the input is not a terminal (which would
//! have echoed it), with a cap on its length.
//!
//! A line longer than [`MAX_LINE`] bytes is read to its end and dropped, so a long line costs
//! bounded memory and gets a message instead of an abort. A line still without its end after
//! [`ENDLESS_LINE`] bytes (a pipe from `/dev/zero`) ends the input, with a message, rather than
//! being read for ever.
//! Invalid UTF-8 becomes replacement characters, and so an unknown command, never an error.

use std::io::{self, BufRead, Write};

/// The longest line kept, in bytes.
pub const MAX_LINE: usize = 64 * 1024;

/// A line this long with no newline yet is taken as an input that will never end one.
pub const ENDLESS_LINE: usize = 16 * 1024 * 1024;

/// What one read gave.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Read {
    /// A line, without its line ending.
    Line(String),
    /// A line longer than [`MAX_LINE`] bytes (this many), dropped.
    TooLong(usize),
    /// [`ENDLESS_LINE`] bytes and still no newline: reading stopped there.
    Endless,
    /// The end of the input.
    End,
}

/// Reads lines after prompts; see the module documentation.
pub struct Lines<'a> {
    input: &'a mut dyn BufRead,
    /// Where prompts, echoes and the front-end's own text go.
    pub out: &'a mut dyn Write,
    echo: bool,
}

impl<'a> Lines<'a> {
    /// Reads from `input`, writing to `out`; `echo` writes each line read after its prompt
    /// (for input that is not typed at a terminal, so the output reads as a conversation).
    pub fn new(input: &'a mut dyn BufRead, out: &'a mut dyn Write, echo: bool) -> Lines<'a> {
        Lines { input, out, echo }
    }

    /// Writes `prompt`, then reads one line. At the end of the input the prompt's line is
    /// ended, so what follows starts on a line of its own.
    ///
    /// # Errors
    /// Reading or writing failed.
    pub fn ask(&mut self, prompt: &str) -> io::Result<Read> {
        write!(self.out, "{prompt}")?;
        self.out.flush()?;
        let read = read_capped(self.input, MAX_LINE)?;
        match &read {
            Read::Line(line) if self.echo => writeln!(self.out, "{line}")?,
            Read::TooLong(bytes) if self.echo => writeln!(self.out, "({bytes} bytes)")?,
            Read::Line(_) | Read::TooLong(_) => {}
            Read::End => writeln!(self.out)?,
            Read::Endless => writeln!(
                self.out,
                "\nThe input sent {} MiB without ending a line (is it /dev/zero?), so reading stops here.",
                ENDLESS_LINE >> 20
            )?,
        }
        Ok(read)
    }

    /// Like [`Lines::ask`], but says so about a line that is too long and reads again.
    ///
    /// # Errors
    /// Reading or writing failed.
    pub fn ask_line(&mut self, prompt: &str) -> io::Result<Option<String>> {
        loop {
            match self.ask(prompt)? {
                Read::Line(line) => return Ok(Some(line)),
                Read::End | Read::Endless => return Ok(None),
                Read::TooLong(bytes) => writeln!(
                    self.out,
                    "That line is {bytes} bytes long; lines are read up to {} KiB, so it was ignored.",
                    MAX_LINE / 1024
                )?,
            }
        }
    }

    /// Asks a yes-or-no question (the plain front-ends' confirmation before `reset`): yes is
    /// `y`, `yes`, `si` or `sí` in any case; any other line is no. `None` at the end of the
    /// input (nothing was answered, so nothing is done).
    ///
    /// # Errors
    /// Reading or writing failed.
    pub fn ask_yes(&mut self, prompt: &str) -> io::Result<Option<bool>> {
        Ok(self.ask_line(prompt)?.map(|answer| {
            matches!(
                answer.trim().to_lowercase().as_str(),
                "y" | "yes" | "si" | "sí"
            )
        }))
    }
}

/// Reads one line of at most `cap` bytes (without its `\n` or `\r\n`); a longer one is read
/// to its end and reported by its length.
fn read_capped(input: &mut dyn BufRead, cap: usize) -> io::Result<Read> {
    let mut kept: Vec<u8> = Vec::new();
    let mut total = 0usize;
    let mut seen_any = false;
    let mut last = None;
    loop {
        let buf = match input.fill_buf() {
            Ok(buf) => buf,
            Err(e) if e.kind() == io::ErrorKind::Interrupted => continue,
            Err(e) => return Err(e),
        };
        if buf.is_empty() {
            break;
        }
        seen_any = true;
        let (chunk, ends) = match buf.iter().position(|&b| b == b'\n') {
            Some(i) => (&buf[..i], Some(i + 1)),
            None => (buf, None),
        };
        total = total.saturating_add(chunk.len());
        last = chunk.last().copied().or(last);
        if kept.len() < cap {
            let room = cap - kept.len();
            kept.extend_from_slice(&chunk[..chunk.len().min(room)]);
        }
        let used = ends.unwrap_or(buf.len());
        input.consume(used);
        if ends.is_some() {
            break;
        }
        if total >= ENDLESS_LINE {
            return Ok(Read::Endless);
        }
    }
    if !seen_any {
        return Ok(Read::End);
    }
    // A `\r\n` ending is not part of the line.
    if last == Some(b'\r') {
        total -= 1;
        if kept.len() > total {
            kept.pop();
        }
    }
    if total > cap {
        return Ok(Read::TooLong(total));
    }
    Ok(Read::Line(String::from_utf8_lossy(&kept).into_owned()))
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::io::Read as _;

    /// Every line `input` gives, read with a cap of 8 bytes.
    fn reads(input: &[u8]) -> Vec<Read> {
        let mut input = input;
        let mut out = Vec::new();
        loop {
            let read = read_capped(&mut input, 8).unwrap();
            let end = read == Read::End;
            out.push(read);
            if end {
                return out;
            }
        }
    }

    fn line(s: &str) -> Read {
        Read::Line(s.to_owned())
    }

    #[test]
    fn reads_lines_endings_caps_and_bad_bytes() {
        let cases: &[(&[u8], Vec<Read>)] = &[
            (b"", vec![Read::End]),
            (b"a\n", vec![line("a"), Read::End]),
            (b"a\r\nb", vec![line("a"), line("b"), Read::End]),
            (b"\n\n", vec![line(""), line(""), Read::End]),
            (b"12345678\n", vec![line("12345678"), Read::End]),
            (
                b"123456789\nq\n",
                vec![Read::TooLong(9), line("q"), Read::End],
            ),
            (b"1234567\r\n", vec![line("1234567"), Read::End]),
            (b"12345678\r\n", vec![line("12345678"), Read::End]),
            (b"\xff\xfe\n", vec![line("\u{fffd}\u{fffd}"), Read::End]),
        ];
        for (input, want) in cases {
            assert_eq!(&reads(input), want, "{input:?}");
        }
    }

    #[test]
    fn an_endless_line_costs_the_cap_not_its_length() {
        // 10 MiB with no newline, through an 8 KiB buffer: the reader keeps at most the cap.
        let endless = io::repeat(b'y').take(10 << 20);
        let mut input = io::BufReader::with_capacity(8 << 10, endless);
        assert_eq!(
            read_capped(&mut input, MAX_LINE).unwrap(),
            Read::TooLong(10 << 20)
        );
    }

    #[test]
    fn an_input_that_never_ends_a_line_stops_with_a_message() {
        // `cogflow quiz --plain < /dev/zero`: NUL bytes for ever, never a newline.
        let mut input = io::BufReader::new(io::repeat(0));
        let mut out = Vec::new();
        let mut lines = Lines::new(&mut input, &mut out, false);
        assert_eq!(lines.ask_line("> ").unwrap(), None);
        let out = String::from_utf8(out).unwrap();
        assert!(
            out.ends_with("without ending a line (is it /dev/zero?), so reading stops here.\n"),
            "{out}"
        );
    }

    #[test]
    fn asks_echoes_and_says_a_line_is_too_long() {
        let long = "x".repeat(MAX_LINE + 1);
        let text = format!("{long}\nA\n");
        let mut input = text.as_bytes();
        let mut out = Vec::new();
        let mut lines = Lines::new(&mut input, &mut out, true);
        assert_eq!(lines.ask_line("> ").unwrap().as_deref(), Some("A"));
        assert_eq!(lines.ask_line("> ").unwrap(), None);
        let out = String::from_utf8(out).unwrap();
        assert_eq!(
            out,
            "> (65537 bytes)\nThat line is 65537 bytes long; lines are read up to 64 KiB, so it was ignored.\n> A\n> \n"
        );
    }
}
