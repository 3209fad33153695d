//! Results for instructors: one row per quiz answer or reveal, as CSV (RFC 4180) or JSON.

use serde::Serialize;

use super::Progress;
use crate::quiz::{letter_str, order_letters};

/// The columns, in order (the CSV header and the JSON keys).
pub const COLUMNS: [&str; 14] = [
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
];

/// One quiz answer or reveal.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ResultRow {
    /// The scenario's id.
    pub scenario_id: String,
    /// SHA-256 of the scenario file the question came from.
    pub content_hash: String,
    /// The progress format the row was recorded in.
    pub format_version: u32,
    /// The question's id.
    pub question_id: String,
    /// The letter the learner chose, as it was shown to them; `None` for a reveal.
    pub choice_shown: Option<String>,
    /// The same choice's letter in the scenario file (the answer key's lettering); `None` for
    /// a reveal.
    pub choice_original: Option<String>,
    /// Whether the answer was right.
    pub correct: bool,
    /// 1 for the first answer to the question (in that round), 2 for the second…
    pub attempt: u32,
    /// 1, then one more for each retry in the same sitting (attempt numbers restart).
    pub round: u32,
    /// Hints shown before this answer.
    pub hints_used: usize,
    /// A give-up: the answer was revealed.
    pub revealed: bool,
    /// The shuffle seed; `None` when choices were not shuffled.
    pub seed: Option<u64>,
    /// The original letters in the order shown: `CADB` means the file's C was shown as A.
    pub choice_order: String,
    /// When, RFC 3339 UTC.
    pub time: String,
}

impl ResultRow {
    /// The row's fields as strings, in [`COLUMNS`] order (`None` → empty).
    #[must_use]
    pub fn fields(&self) -> [String; 14] {
        [
            self.scenario_id.clone(),
            self.content_hash.clone(),
            self.format_version.to_string(),
            self.question_id.clone(),
            self.choice_shown.clone().unwrap_or_default(),
            self.choice_original.clone().unwrap_or_default(),
            self.correct.to_string(),
            self.attempt.to_string(),
            self.round.to_string(),
            self.hints_used.to_string(),
            self.revealed.to_string(),
            self.seed.map(|s| s.to_string()).unwrap_or_default(),
            self.choice_order.clone(),
            self.time.clone(),
        ]
    }
}

/// The rows of every record: scenarios in the order given, attempts oldest first.
#[must_use]
pub fn rows(records: &[Progress]) -> Vec<ResultRow> {
    records
        .iter()
        .flat_map(|p| {
            p.attempts.iter().map(|a| ResultRow {
                scenario_id: p.scenario_id.clone(),
                content_hash: a.content_hash.clone(),
                format_version: p.format_version,
                question_id: a.question_id.clone(),
                choice_shown: a.choice_shown.clone(),
                choice_original: a.choice_original.map(letter_str),
                correct: a.correct,
                attempt: a.attempt,
                round: a.round,
                hints_used: a.hints_used,
                revealed: a.revealed,
                seed: a.seed,
                choice_order: order_letters(&a.choice_order),
                time: a.time.to_string(),
            })
        })
        .collect()
}

/// RFC 4180 CSV: a header line, then one line per row, CRLF line ends; a field holding a
/// comma, a double quote, CR or LF is quoted, its quotes doubled.
#[must_use]
pub fn to_csv(rows: &[ResultRow]) -> String {
    let mut out = String::new();
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
/// and quotes, so it opens as text (OWASP's advice on CSV injection).
#[must_use]
pub fn csv_field(field: &str) -> String {
    let field = crate::sanitize::text(field);
    if field.starts_with(['=', '+', '-', '@']) {
        format!("\"'{}\"", field.replace('"', "\"\""))
    } else if field.contains([',', '"', '\n']) {
        format!("\"{}\"", field.replace('"', "\"\""))
    } else {
        field.into_owned()
    }
}

/// The rows as a pretty-printed JSON array (`null` where CSV has an empty field), newline-ended.
#[must_use]
pub fn to_json(rows: &[ResultRow]) -> String {
    let mut json = crate::sanitize::to_json_pretty(rows)
        .expect("rows are plain data with string keys, so they always serialise");
    json.push('\n');
    json
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
    fn header_only_when_empty() {
        assert_eq!(
            to_csv(&[]),
            "scenario_id,content_hash,format_version,question_id,choice_shown,choice_original,\
             correct,attempt,round,hints_used,revealed,seed,choice_order,time\r\n"
        );
        assert_eq!(to_json(&[]), "[]\n");
    }
}
