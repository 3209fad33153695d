//! Results for instructors: one row per quiz answer, reveal or prediction, as CSV (RFC 4180)
//! or JSON, and the reader `cogflow class report` merges them with.
//!
//! The form is versioned by [`RESULTS_FORMAT`]: the JSON is `{"results_format": 2, "rows":
//! [...]}`, the CSV starts with one `#` comment line naming it, then the header. Format 1 (a
//! bare JSON array; a CSV with no comment and only the first 14 columns) is still read. New
//! columns are only ever appended, so a reader that picks columns by position keeps working.

use std::fmt;

use serde::{Deserialize, Serialize};

use super::Progress;
use super::learner::anonymous_id;
use crate::quiz::{letter_str, order_letters};

/// The version of the results form this build writes.
pub const RESULTS_FORMAT: u32 = 2;

/// The columns, in order (the CSV header and the JSON keys). The first 14 are format 1's.
pub const COLUMNS: [&str; 21] = [
    "scenario_id",
    "content_hash",
    "format_version",
    "question_id",
    "choice_shown",
    "choice_original",
    "correct",
    "attempt",
    "round",
    "hints_used",
    "revealed",
    "seed",
    "choice_order",
    "time",
    "kind",
    "learner",
    "step",
    "variant",
    "skipped",
    "right_choice",
    "choice_text",
];

/// The CSV's first line: what the file is, so a reader (or a person) can tell the version.
/// No commas in it, so a CSV reader that does not skip comments sees one field.
pub const CSV_COMMENT: &str =
    "# cogflow results_format 2: one row per quiz answer or reveal or prediction (README: Results)";

/// What a row records.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Kind {
    /// A quiz answer or reveal.
    Quiz,
    /// A prediction made or skipped.
    Prediction,
    /// A lab step met by the learner's own call.
    Lab,
}

impl fmt::Display for Kind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Self::Quiz => "quiz",
            Self::Prediction => "prediction",
            Self::Lab => "lab",
        })
    }
}

/// One quiz answer, reveal or prediction. Fields that do not apply to a row's kind are `None`
/// (empty in CSV, `null` in JSON); README "Results" documents each column.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct ResultRow {
    /// The scenario's id.
    pub scenario_id: String,
    /// SHA-256 of the scenario file the question came from.
    pub content_hash: String,
    /// The progress format the row was stored in.
    pub format_version: u32,
    /// The question's id; `None` for a prediction.
    pub question_id: Option<String>,
    /// The letter the learner chose, as it was shown to them; `None` for a reveal or a skip.
    pub choice_shown: Option<String>,
    /// The same choice's letter in the scenario file (the answer key's lettering); `None` for
    /// a reveal or a skip.
    pub choice_original: Option<String>,
    /// Whether the answer (or prediction) was right; false for a reveal or a skip.
    pub correct: bool,
    /// Quiz: 1 for the first answer to the question in that round, 2 for the second…; for a
    /// reveal, the answers given before it, so 0 means revealed without answering.
    pub attempt: Option<u32>,
    /// Quiz: 1, then one more for each retry in the same sitting (attempt numbers restart).
    pub round: Option<u32>,
    /// Quiz: hints shown before this answer.
    pub hints_used: Option<usize>,
    /// Quiz: a give-up (the answer was revealed).
    pub revealed: Option<bool>,
    /// Quiz: the shuffle seed; `None` when choices were not shuffled.
    pub seed: Option<u64>,
    /// Quiz: the original letters in the order shown: `CADB` means the file's C was shown as A.
    pub choice_order: Option<String>,
    /// When, RFC 3339 UTC.
    pub time: String,
    /// A quiz answer or a prediction (format 1 rows are all quiz rows).
    #[serde(default = "quiz_kind")]
    pub kind: Kind,
    /// Who answered (or their pseudonym with `--anonymous`); `None` when no name was known.
    #[serde(default)]
    pub learner: Option<String>,
    /// Prediction: its step's position among the file's `[[steps]]`, from 1.
    #[serde(default)]
    pub step: Option<usize>,
    /// Prediction: the variant being run; `None` for the main path.
    #[serde(default)]
    pub variant: Option<String>,
    /// Prediction: the learner chose not to predict.
    #[serde(default)]
    pub skipped: Option<bool>,
    /// Prediction: the right letter (unknown for a skip).
    #[serde(default)]
    pub right_choice: Option<String>,
    /// The chosen choice's text as the learner saw it.
    #[serde(default)]
    pub choice_text: Option<String>,
}

fn quiz_kind() -> Kind {
    Kind::Quiz
}

fn opt<T: ToString>(value: Option<&T>) -> String {
    value.map(ToString::to_string).unwrap_or_default()
}

impl ResultRow {
    /// The row's fields as strings, in [`COLUMNS`] order (`None` → empty).
    #[must_use]
    pub fn fields(&self) -> [String; 21] {
        [
            self.scenario_id.clone(),
            self.content_hash.clone(),
            self.format_version.to_string(),
            opt(self.question_id.as_ref()),
            opt(self.choice_shown.as_ref()),
            opt(self.choice_original.as_ref()),
            self.correct.to_string(),
            opt(self.attempt.as_ref()),
            opt(self.round.as_ref()),
            opt(self.hints_used.as_ref()),
            opt(self.revealed.as_ref()),
            opt(self.seed.as_ref()),
            opt(self.choice_order.as_ref()),
            self.time.clone(),
            self.kind.to_string(),
            opt(self.learner.as_ref()),
            opt(self.step.as_ref()),
            opt(self.variant.as_ref()),
            opt(self.skipped.as_ref()),
            opt(self.right_choice.as_ref()),
            opt(self.choice_text.as_ref()),
        ]
    }
}

/// How to name learners in an export.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Naming<'a> {
    /// As recorded; a record from before any name was given gets `fallback` (the learner
    /// known when exporting: one store is one learner's).
    Names {
        /// The current learner, if any.
        fallback: Option<&'a str>,
    },
    /// Every name replaced by its [`anonymous_id`].
    Anonymous {
        /// As in [`Naming::Names`], before hashing.
        fallback: Option<&'a str>,
    },
}

impl Naming<'_> {
    fn name(self, recorded: Option<&str>) -> Option<String> {
        match self {
            Self::Names { fallback } => recorded.or(fallback).map(str::to_owned),
            Self::Anonymous { fallback } => recorded.or(fallback).map(anonymous_id),
        }
    }
}

/// The rows of every record: scenarios in the order given, each one's answers and predictions
/// oldest first (an answer before a prediction made in the same second).
#[must_use]
pub fn rows(records: &[Progress], naming: Naming<'_>) -> Vec<ResultRow> {
    let mut out = Vec::new();
    for p in records {
        let quiz = p.attempts.iter().map(|a| ResultRow {
            scenario_id: p.scenario_id.clone(),
            content_hash: a.content_hash.clone(),
            format_version: p.format_version,
            question_id: Some(a.question_id.clone()),
            choice_shown: a.choice_shown.clone(),
            choice_original: a.choice_original.map(letter_str),
            correct: a.correct,
            attempt: Some(a.attempt),
            round: Some(a.round),
            hints_used: Some(a.hints_used),
            revealed: Some(a.revealed),
            seed: a.seed,
            choice_order: Some(order_letters(&a.choice_order)),
            time: a.time.to_string(),
            kind: Kind::Quiz,
            learner: naming.name(a.learner.as_deref()),
            step: None,
            variant: None,
            skipped: None,
            right_choice: None,
            choice_text: a.choice_text.clone(),
        });
        let predictions = p.predictions.iter().map(|r| ResultRow {
            scenario_id: p.scenario_id.clone(),
            content_hash: r.content_hash.clone(),
            format_version: p.format_version,
            question_id: None,
            choice_shown: r.choice.clone(),
            choice_original: r.choice.clone(),
            correct: r.correct,
            attempt: None,
            round: None,
            hints_used: None,
            revealed: None,
            seed: None,
            choice_order: None,
            time: r.time.to_string(),
            kind: Kind::Prediction,
            learner: naming.name(r.learner.as_deref()),
            step: Some(r.step_index + 1),
            variant: r.variant.clone(),
            skipped: Some(r.skipped),
            right_choice: r.right_choice.clone(),
            choice_text: r.choice_text.clone(),
        });
        let lab = p.lab_steps.iter().map(|r| ResultRow {
            scenario_id: p.scenario_id.clone(),
            content_hash: r.content_hash.clone(),
            format_version: p.format_version,
            question_id: None,
            choice_shown: None,
            choice_original: None,
            correct: true,
            attempt: Some(r.calls),
            round: None,
            hints_used: Some(r.hints_used),
            revealed: None,
            seed: None,
            choice_order: None,
            time: r.time.to_string(),
            kind: Kind::Lab,
            learner: naming.name(r.learner.as_deref()),
            step: Some(r.step_index + 1),
            variant: None,
            skipped: None,
            right_choice: None,
            choice_text: None,
        });
        let start = out.len();
        out.extend(quiz);
        out.extend(predictions);
        out.extend(lab);
        // RFC 3339 UTC times of one length sort as text; the sort is stable, so each kind
        // keeps its recorded order.
        out[start..].sort_by(|a, b| a.time.cmp(&b.time));
    }
    out
}

/// RFC 4180 CSV: [`CSV_COMMENT`], a header line, then one line per row, CRLF line ends. A
/// field holding a comma, a double quote, CR or LF is quoted, its quotes doubled; a field a
/// spreadsheet would run as a formula is defused ([`csv_field`]).
#[must_use]
pub fn to_csv(rows: &[ResultRow]) -> String {
    let mut out = String::new();
    out.push_str(CSV_COMMENT);
    out.push_str("\r\n");
    push_line(&mut out, COLUMNS.iter().map(|c| (*c).to_owned()));
    for row in rows {
        push_line(&mut out, row.fields().into_iter());
    }
    out
}

fn push_line(out: &mut String, fields: impl Iterator<Item = String>) {
    for (i, field) in fields.enumerate() {
        if i > 0 {
            out.push(',');
        }
        out.push_str(&csv_field(&field));
    }
    out.push_str("\r\n");
}

/// One CSV field, quoted only when it must be, with controls shown escaped
/// ([`crate::sanitize::text`]; a newline stays, inside quotes). A field a spreadsheet would
/// run as a formula (it starts with `=`, `+`, `-` or `@`: `=HYPERLINK(…)`) gets a leading `'`
/// and quotes, so it opens as text (OWASP's advice on CSV injection); so does one that already
/// starts with `'`, so [`parse_csv`] can always strip exactly one and give back what was written.
#[must_use]
pub fn csv_field(field: &str) -> String {
    let field = crate::sanitize::text(field);
    if field.starts_with(['=', '+', '-', '@', '\'']) {
        format!("\"'{}\"", field.replace('"', "\"\""))
    } else if field.contains([',', '"', '\n']) {
        format!("\"{}\"", field.replace('"', "\"\""))
    } else {
        field.into_owned()
    }
}

/// The rows as pretty-printed JSON, `{"results_format": 2, "rows": [...]}` (`null` where CSV
/// has an empty field), newline-ended.
#[must_use]
pub fn to_json(rows: &[ResultRow]) -> String {
    #[derive(Serialize)]
    struct Export<'a> {
        results_format: u32,
        rows: &'a [ResultRow],
    }
    let mut json = crate::sanitize::to_json_pretty(&Export {
        results_format: RESULTS_FORMAT,
        rows,
    })
    .expect("rows are plain data with string keys, so they always serialise");
    json.push('\n');
    json
}

/// A results file that cannot be read, with where.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("line {line}: {message}")]
pub struct ParseError {
    /// 1-based line of the file.
    pub line: usize,
    /// What is wrong.
    pub message: String,
}

fn parse_error(line: usize, message: impl Into<String>) -> ParseError {
    ParseError {
        line,
        message: message.into(),
    }
}

/// Reads a results file in either form: JSON when its first non-blank character is `{` or
/// `[`, CSV otherwise.
///
/// # Errors
/// Where the file stops being a results file ([`parse_json`], [`parse_csv`]).
pub fn parse(text: &str) -> Result<Vec<ResultRow>, ParseError> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    match text.trim_start().chars().next() {
        Some('{' | '[') => parse_json(text),
        _ => parse_csv(text),
    }
}

/// Reads `cogflow results --format json`: format 2's object or format 1's bare array.
///
/// # Errors
/// Not JSON, not that shape, or from a newer cogflow, with the line of the problem.
pub fn parse_json(text: &str) -> Result<Vec<ResultRow>, ParseError> {
    #[derive(Deserialize)]
    struct Export {
        rows: Vec<ResultRow>,
    }
    let located = |e: serde_json::Error| parse_error(e.line(), format!("not results JSON: {e}"));
    // Parsed as a value first to tell the two forms apart, then again as the form found, so
    // a problem is reported with its line and column.
    let value: serde_json::Value = serde_json::from_str(text).map_err(located)?;
    if value.is_array() {
        return serde_json::from_str(text).map_err(located);
    }
    let Some(version) = value.get("results_format") else {
        return Err(parse_error(1, "not results JSON: no results_format"));
    };
    match version.as_u64() {
        Some(v) if v <= u64::from(RESULTS_FORMAT) => {}
        Some(v) => {
            return Err(parse_error(
                1,
                format!(
                    "results_format {v} is from a newer cogflow (this one reads up to {RESULTS_FORMAT})"
                ),
            ));
        }
        None => {
            return Err(parse_error(
                1,
                "not results JSON: results_format is not a number",
            ));
        }
    }
    serde_json::from_str::<Export>(text)
        .map(|e| e.rows)
        .map_err(located)
}

/// Splits RFC 4180 CSV into records of fields, each with the line it starts on. Quoted fields
/// may hold commas, doubled quotes and line breaks; CRLF and LF both end a record.
fn csv_records(text: &str) -> Result<Vec<(usize, Vec<String>)>, ParseError> {
    let mut records = Vec::new();
    let mut fields = Vec::new();
    let mut field = String::new();
    let (mut line, mut start) = (1, 1);
    let mut chars = text.chars().peekable();
    let mut quoted = false;
    let mut any = false;
    while let Some(c) = chars.next() {
        if quoted {
            match c {
                '"' if chars.peek() == Some(&'"') => {
                    chars.next();
                    field.push('"');
                }
                '"' => quoted = false,
                '\n' => {
                    line += 1;
                    field.push(c);
                }
                _ => field.push(c),
            }
            continue;
        }
        match c {
            '"' if field.is_empty() => {
                quoted = true;
                any = true;
            }
            ',' => {
                fields.push(std::mem::take(&mut field));
                any = true;
            }
            '\r' if chars.peek() == Some(&'\n') => {}
            '\n' => {
                if any || !field.is_empty() {
                    fields.push(std::mem::take(&mut field));
                    records.push((start, std::mem::take(&mut fields)));
                }
                any = false;
                line += 1;
                start = line;
            }
            '"' => return Err(parse_error(line, "a quote inside an unquoted field")),
            _ => {
                field.push(c);
                any = true;
            }
        }
    }
    if quoted {
        return Err(parse_error(start, "a quoted field is never closed"));
    }
    if any || !field.is_empty() {
        fields.push(field);
        records.push((start, fields));
    }
    Ok(records)
}

/// Undoes [`csv_field`]'s formula guard.
fn unguard(field: String) -> String {
    match field.strip_prefix('\'') {
        Some(rest) => rest.to_owned(),
        None => field,
    }
}

/// Reads `cogflow results` CSV (comment lines starting with `#` before the header are
/// skipped). Columns are found by name, so extra or reordered columns are fine; the 14 of
/// format 1 are required.
///
/// # Errors
/// Broken quoting, a missing column, or a cell that is not what its column holds, with the
/// line of the problem.
pub fn parse_csv(text: &str) -> Result<Vec<ResultRow>, ParseError> {
    let mut records = csv_records(text)?
        .into_iter()
        .skip_while(|(_, fields)| fields.first().is_some_and(|f| f.starts_with('#')));
    let Some((header_line, header)) = records.next() else {
        return Err(parse_error(1, "empty: no header line"));
    };
    let header: Vec<String> = header.into_iter().map(unguard).collect();
    let index = |name: &str| header.iter().position(|h| h.trim() == name);
    let required = &COLUMNS[..14];
    let missing: Vec<&str> = required
        .iter()
        .copied()
        .filter(|c| index(c).is_none())
        .collect();
    if !missing.is_empty() {
        return Err(parse_error(
            header_line,
            format!(
                "not a cogflow results header: no column {}",
                missing.join(", ")
            ),
        ));
    }
    let columns: Vec<Option<usize>> = COLUMNS.iter().map(|c| index(c)).collect();
    let mut rows = Vec::new();
    for (line, fields) in records {
        if fields.len() != header.len() {
            return Err(parse_error(
                line,
                format!(
                    "{} fields where the header has {}",
                    fields.len(),
                    header.len()
                ),
            ));
        }
        let mut fields: Vec<Option<String>> = fields.into_iter().map(Some).collect();
        let mut cell = |name: usize| -> String {
            columns[name]
                .and_then(|i| fields[i].take())
                .map(unguard)
                .unwrap_or_default()
        };
        let cells: Vec<String> = (0..COLUMNS.len()).map(&mut cell).collect();
        rows.push(row_from_cells(&cells).map_err(|m| parse_error(line, m))?);
    }
    Ok(rows)
}

/// A row from its cells in [`COLUMNS`] order (empty = absent).
fn row_from_cells(cells: &[String]) -> Result<ResultRow, String> {
    let text = |i: usize| (!cells[i].is_empty()).then(|| cells[i].clone());
    fn number<T: std::str::FromStr>(cells: &[String], i: usize) -> Result<Option<T>, String> {
        if cells[i].is_empty() {
            return Ok(None);
        }
        cells[i]
            .parse()
            .map(Some)
            .map_err(|_| format!("{} is `{}`, not a number", COLUMNS[i], cells[i]))
    }
    let flag = |i: usize| -> Result<Option<bool>, String> {
        match cells[i].as_str() {
            "" => Ok(None),
            "true" => Ok(Some(true)),
            "false" => Ok(Some(false)),
            other => Err(format!("{} is `{other}`, not true or false", COLUMNS[i])),
        }
    };
    let kind = match cells[14].as_str() {
        "" | "quiz" => Kind::Quiz,
        "prediction" => Kind::Prediction,
        "lab" => Kind::Lab,
        other => return Err(format!("kind is `{other}`, not quiz, prediction or lab")),
    };
    if cells[0].is_empty() {
        return Err("scenario_id is empty".into());
    }
    if cells[13].parse::<super::Timestamp>().is_err() {
        return Err(format!(
            "time is `{}`, not a time like 2026-01-15T09:00:00Z",
            cells[13]
        ));
    }
    Ok(ResultRow {
        scenario_id: cells[0].clone(),
        content_hash: cells[1].clone(),
        format_version: number(cells, 2)?.unwrap_or(1),
        question_id: text(3),
        choice_shown: text(4),
        choice_original: text(5),
        correct: flag(6)?.unwrap_or(false),
        attempt: number(cells, 7)?,
        round: number(cells, 8)?,
        hints_used: number(cells, 9)?,
        revealed: flag(10)?,
        seed: number(cells, 11)?,
        choice_order: text(12),
        time: cells[13].clone(),
        kind,
        learner: text(15),
        step: number(cells, 16)?,
        variant: text(17),
        skipped: flag(18)?,
        right_choice: text(19),
        choice_text: text(20),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn quotes_fields_per_rfc_4180() {
        let cases: &[(&str, &str)] = &[
            ("plain", "plain"),
            ("", ""),
            ("a,b", "\"a,b\""),
            ("say \"hi\"", "\"say \"\"hi\"\"\""),
            ("two\nlines", "\"two\nlines\""),
            ("cr\r", "cr\\r"),
            ("\u{1b}[2J", "\\u{1b}[2J"),
            ("=1+1", "\"'=1+1\""),
            ("+1", "\"'+1\""),
            ("-1,\"x\"", "\"'-1,\"\"x\"\"\""),
            ("@A1", "\"'@A1\""),
            ("a=b", "a=b"),
            ("  spaced ", "  spaced "),
            ("é", "é"),
        ];
        for &(field, want) in cases {
            assert_eq!(csv_field(field), want, "{field:?}");
        }
    }

    #[test]
    fn defuses_formulas_and_reads_them_back() {
        let cases: &[(&str, &str)] = &[
            ("=HYPERLINK(\"x\")", "\"'=HYPERLINK(\"\"x\"\")\""),
            ("+1", "\"'+1\""),
            ("-2", "\"'-2\""),
            ("@SUM(A1)", "\"'@SUM(A1)\""),
            ("'quoted", "\"''quoted\""),
            ("a=b", "a=b"),
            ("Ana García", "Ana García"),
        ];
        for &(field, want) in cases {
            assert_eq!(csv_field(field), want, "{field:?}");
            let line = format!("{}\r\n", csv_field(field));
            let back = csv_records(&line).unwrap();
            assert_eq!(unguard(back[0].1[0].clone()), field, "round trip {field:?}");
        }
    }

    #[test]
    fn header_only_when_empty() {
        assert_eq!(
            to_csv(&[]),
            format!(
                "{CSV_COMMENT}\r\nscenario_id,content_hash,format_version,question_id,choice_shown,\
                 choice_original,correct,attempt,round,hints_used,revealed,seed,choice_order,time,\
                 kind,learner,step,variant,skipped,right_choice,choice_text\r\n"
            )
        );
        assert_eq!(
            to_json(&[]),
            "{\n  \"results_format\": 2,\n  \"rows\": []\n}\n"
        );
        assert_eq!(parse(&to_csv(&[])).unwrap(), []);
        assert_eq!(parse(&to_json(&[])).unwrap(), []);
    }

    fn sample() -> Vec<ResultRow> {
        let quiz = ResultRow {
            scenario_id: "signin-basic".into(),
            content_hash: "h".into(),
            format_version: 2,
            question_id: Some("q,\"1\"".into()),
            choice_shown: Some("B".into()),
            choice_original: Some("C".into()),
            correct: false,
            attempt: Some(1),
            round: Some(1),
            hints_used: Some(0),
            revealed: Some(false),
            seed: Some(42),
            choice_order: Some("ACBD".into()),
            time: "2026-01-15T09:00:00Z".into(),
            kind: Kind::Quiz,
            learner: Some("=cmd|' /C calc'!A0".into()),
            step: None,
            variant: None,
            skipped: None,
            right_choice: None,
            choice_text: Some("two\nlines, \"quoted\"".into()),
        };
        let skip = ResultRow {
            question_id: None,
            choice_shown: None,
            choice_original: None,
            attempt: None,
            round: None,
            hints_used: None,
            revealed: None,
            seed: None,
            choice_order: None,
            kind: Kind::Prediction,
            learner: None,
            step: Some(3),
            variant: Some("wrong-password".into()),
            skipped: Some(true),
            choice_text: None,
            ..quiz.clone()
        };
        vec![quiz, skip]
    }

    #[test]
    fn both_forms_read_back_what_was_written() {
        let rows = sample();
        assert_eq!(parse(&to_csv(&rows)).unwrap(), rows);
        assert_eq!(parse(&to_json(&rows)).unwrap(), rows);
        // LF line ends (an editor re-saved it) and a byte-order mark read the same.
        let lf = format!("\u{feff}{}", to_csv(&rows).replace("\r\n", "\n"));
        assert_eq!(parse(&lf).unwrap(), rows);
    }

    #[test]
    fn format_1_still_reads() {
        let csv = "scenario_id,content_hash,format_version,question_id,choice_shown,\
                   choice_original,correct,attempt,round,hints_used,revealed,seed,choice_order,time\r\n\
                   signin-basic,h,1,q2,,,false,0,1,1,true,,ABCD,2026-01-15T09:00:02Z\r\n";
        let rows = parse(csv).unwrap();
        assert_eq!(rows.len(), 1);
        assert_eq!((rows[0].kind, rows[0].attempt), (Kind::Quiz, Some(0)));
        assert_eq!(rows[0].learner, None);
        let json = r#"[{"scenario_id": "signin-basic", "content_hash": "h", "format_version": 1,
            "question_id": "q1", "choice_shown": "A", "choice_original": "A", "correct": true,
            "attempt": 1, "round": 1, "hints_used": 0, "revealed": false, "seed": null,
            "choice_order": "ABCD", "time": "2026-01-15T09:00:00Z"}]"#;
        let rows = parse(json).unwrap();
        assert_eq!(rows[0].question_id.as_deref(), Some("q1"));
        assert_eq!(rows[0].kind, Kind::Quiz);
    }

    #[test]
    fn damaged_files_say_where() {
        let header = COLUMNS.join(",");
        let cases: &[(String, &str)] = &[
            (String::new(), "line 1: empty: no header line"),
            (
                "a,b\r\n".into(),
                "line 1: not a cogflow results header: no column",
            ),
            (
                format!("{header}\r\nx,h,2\r\n"),
                "line 2: 3 fields where the header has 21",
            ),
            (
                format!("{header}\r\n\"open"),
                "line 2: a quoted field is never closed",
            ),
            (
                format!("{header}\r\nab\"c\r\n"),
                "line 2: a quote inside an unquoted field",
            ),
            (
                format!(
                    "{header}\r\n{}\r\n",
                    to_csv(&sample()[1..])
                        .lines()
                        .nth(2)
                        .unwrap()
                        .replace("2026-01-15T09:00:00Z", "yesterday")
                ),
                "line 2: time is `yesterday`",
            ),
            (
                "{\"results_format\": 2, \"rows\": [\n{\"scenario_id\": 1}]}".into(),
                "line 2: not results JSON",
            ),
            ("{\"rows\": [}".into(), "line 1: not results JSON"),
            (
                "{\"results_format\": 9, \"rows\": []}".into(),
                "line 1: results_format 9 is from a newer cogflow",
            ),
        ];
        for (text, want) in cases {
            let err = parse(text).unwrap_err().to_string();
            assert!(err.starts_with(want), "{text:?}: {err}");
        }
    }
}
