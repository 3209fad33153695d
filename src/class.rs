//! A class's results in one picture: `cogflow class report` merges the learners' exports
//! (`cogflow results`, CSV or JSON) and counts, per lesson, who answered what.
//!
//! **Merging.** Rows are read from every file ([`read`]), then:
//! - the same record exported twice (two copies of a file, a CSV and a JSON export of one
//!   store, Monday's export inside Friday's) counts once: rows are the same record when every
//!   field but the text of the choice and the progress-format number agree ([`RowKey`]);
//! - rows of one lesson id with different content hashes are reported as separate lessons
//!   ("version 1 of 2"), since the questions may differ;
//! - a learner is their name; a row with no name belongs to "(no name) FILE", the first file
//!   it was read from.
//!
//! **Counting.** For each question and learner, the learner's rows in time order decide one
//! outcome: *right the first time* (their very first row is a right answer with no hint
//! shown), *after hints* (right later: after wrong answers, which show hints, or after opening
//! hints), *revealed* (gave up before being right), *still wrong* (answered, never right, never
//! revealed). Learners of the lesson with no row for the question *never answered* it. The
//! percentage right the first time is over the learners who answered. A prediction counts
//! each learner's first record for its step and branch: right, wrong or skipped.
//!
//! Pure: no I/O here but in [`read`]; the renderers ([`text`], [`markdown`], [`html`], JSON via
//! [`to_json`]) take a built [`Report`].

pub mod html;
pub mod markdown;
pub mod read;
pub mod text;

use std::collections::{BTreeMap, HashMap, HashSet};

use serde::Serialize;

use crate::progress::results::{Kind, ResultRow};
use crate::quiz::answer_index;
use crate::scenario::Scenario;

/// The version of the JSON report's shape.
pub const REPORT_FORMAT: u32 = 1;

/// Under this share right the first time, a question or a learner "needs attention".
pub const ATTENTION_PCT: u32 = 50;

/// The rows read from one results file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Source {
    /// The file, as the instructor named it (for "(no name) FILE" and warnings).
    pub path: String,
    /// Its rows, in file order.
    pub rows: Vec<ResultRow>,
}

/// The whole report: every lesson found, and what was read.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Report {
    /// [`REPORT_FORMAT`].
    pub report_format: u32,
    /// Results files read.
    pub files_read: usize,
    /// Files skipped (damaged, not results); each has a warning.
    pub files_skipped: usize,
    /// Rows read, duplicates included.
    pub rows_read: usize,
    /// Rows that repeated one already read, counted once.
    pub duplicate_rows: usize,
    /// What went wrong reading, one line each, located (`path:line: …`).
    pub warnings: Vec<String>,
    /// One per lesson version, by id then first activity.
    pub lessons: Vec<LessonReport>,
}

/// One lesson (one id and content hash).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct LessonReport {
    /// The lesson's id.
    pub scenario_id: String,
    /// SHA-256 of the lesson file the rows came from.
    pub content_hash: String,
    /// The lesson's title, when its file was found (built-in, `./scenarios`, `--lesson`).
    pub title: Option<String>,
    /// Which version this is when the id came with several hashes: (1-based, of how many).
    pub version: Option<Version>,
    /// Learners with any row for this lesson version.
    pub learner_count: usize,
    /// Per question, in the lesson's order.
    pub questions: Vec<QuestionStats>,
    /// Per prediction (step and branch), in step order.
    pub predictions: Vec<PredictionStats>,
    /// Per learner, by name ([`name_order`]).
    pub learners: Vec<LearnerStats>,
    /// Questions and learners under [`ATTENTION_PCT`] right the first time.
    pub needs_attention: Attention,
}

/// "Version 1 of 2" of a lesson id.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct Version {
    /// 1-based, by first activity.
    pub index: usize,
    /// How many content hashes the id came with.
    pub of: usize,
}

/// One question's numbers.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct QuestionStats {
    /// The question's id.
    pub question_id: String,
    /// Its prompt, when the lesson file was found.
    pub prompt: Option<String>,
    /// Learners with any answer or reveal.
    pub answered: usize,
    /// Their first row was a right answer, with no hint shown.
    pub first_try_right: usize,
    /// `first_try_right` of `answered`, in whole percent; `None` when nobody answered.
    pub first_try_right_pct: Option<u32>,
    /// Right later, after wrong answers or hints.
    pub after_hints: usize,
    /// Gave up (revealed) before being right.
    pub revealed: usize,
    /// Answered, never right, never revealed.
    pub still_wrong: usize,
    /// Learners of the lesson with no row for this question.
    pub never_answered: usize,
    /// The wrong choice most learners picked at least once.
    pub top_wrong_choice: Option<WrongChoice>,
    /// The median, over learners who answered, of the hints shown before the answer that
    /// decided the question (right, or the reveal; else their last answer). A hint a wrong
    /// answer showed counts from the next answer on.
    pub median_hints: Option<f64>,
}

/// A wrong choice and how many learners picked it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct WrongChoice {
    /// Its letter in the lesson file (the answer key's lettering, whatever order was shown).
    pub letter: String,
    /// Its text, from the lesson file or else as a learner saw it.
    pub text: Option<String>,
    /// Learners who picked it at least once.
    pub learners: usize,
}

/// One prediction's numbers (a step on one branch).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct PredictionStats {
    /// The step's position among the file's `[[steps]]`, from 1.
    pub step: usize,
    /// The branch; `None` for the main path.
    pub variant: Option<String>,
    /// The prediction's prompt, when the lesson file was found.
    pub prompt: Option<String>,
    /// Learners whose first prediction here was right.
    pub right: usize,
    /// … wrong.
    pub wrong: usize,
    /// … a skip.
    pub skipped: usize,
    /// Learners of the lesson with no record here (they did not step this far on this branch,
    /// or only took the quiz).
    pub not_reached: usize,
}

/// One learner's numbers in a lesson.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct LearnerStats {
    /// Their name, or "(no name) FILE".
    pub learner: String,
    /// Questions answered (or revealed).
    pub answered: usize,
    /// Questions right the first time.
    pub first_try_right: usize,
    /// Questions in the lesson.
    pub questions: usize,
    /// `first_try_right` of `questions`, whole percent; `None` for a lesson with no questions.
    pub first_try_right_pct: Option<u32>,
    /// Hints seen, summed over questions (as in [`QuestionStats::median_hints`]).
    pub hints: usize,
    /// Questions revealed.
    pub reveals: usize,
    /// Predictions right.
    pub predictions_right: usize,
    /// Predictions made (skips not included).
    pub predictions_made: usize,
    /// Predictions skipped.
    pub predictions_skipped: usize,
    /// Their latest row's time (RFC 3339).
    pub last_activity: String,
}

/// What the instructor should look at first.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize)]
pub struct Attention {
    /// Question ids under [`ATTENTION_PCT`] right the first time (of those who answered).
    pub questions: Vec<String>,
    /// Learners who answered and got under [`ATTENTION_PCT`] of the lesson's questions right
    /// the first time (one who answered nothing is in the learners' table as "0 of N").
    pub learners: Vec<String>,
}

/// Whole percent of `part` in `whole`, rounded half up; `None` when `whole` is 0.
#[must_use]
pub fn percent(part: usize, whole: usize) -> Option<u32> {
    if whole == 0 {
        return None;
    }
    let pct = (part * 200 + whole) / (2 * whole);
    Some(u32::try_from(pct).unwrap_or(u32::MAX))
}

/// How names sort in a report: case and the common Latin accents folded, so "Émile" comes
/// among the E's and "anna" beside "Ana" (an alphabetical class list, not code points).
#[must_use]
pub fn name_order(name: &str) -> String {
    const FROM: &str = "àáâãäåāăąçćčďèéêëēėęěğìíîïīįıłñńňòóôõöøōőŕřśšşťùúûüūůűųýÿźżž";
    const TO: &str = "aaaaaaaaacccdeeeeeeeegiiiiiiilnnnoooooooorrssstuuuuuuuuyyzzz";
    name.to_lowercase()
        .chars()
        .flat_map(|c| match c {
            'ß' => vec!['s', 's'],
            'æ' => vec!['a', 'e'],
            'œ' => vec!['o', 'e'],
            'þ' => vec!['t', 'h'],
            _ => vec![
                FROM.chars()
                    .position(|f| f == c)
                    .and_then(|i| TO.chars().nth(i))
                    .unwrap_or(c),
            ],
        })
        .collect()
}

/// What makes two rows the same record: everything but the progress-format number (an older
/// export of the same record says 1) and the choice text (format 1 has none).
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
struct RowKey {
    learner: Option<String>,
    scenario_id: String,
    content_hash: String,
    kind: Kind,
    question_id: Option<String>,
    step: Option<usize>,
    variant: Option<String>,
    choice_shown: Option<String>,
    choice_original: Option<String>,
    correct: bool,
    attempt: Option<u32>,
    round: Option<u32>,
    hints_used: Option<usize>,
    revealed: Option<bool>,
    skipped: Option<bool>,
    seed: Option<u64>,
    choice_order: Option<String>,
    time: String,
}

impl RowKey {
    fn of(row: &ResultRow) -> Self {
        Self {
            learner: row.learner.clone(),
            scenario_id: row.scenario_id.clone(),
            content_hash: row.content_hash.clone(),
            kind: row.kind,
            question_id: row.question_id.clone(),
            step: row.step,
            variant: row.variant.clone(),
            choice_shown: row.choice_shown.clone(),
            choice_original: row.choice_original.clone(),
            correct: row.correct,
            attempt: row.attempt,
            round: row.round,
            hints_used: row.hints_used,
            revealed: row.revealed,
            skipped: row.skipped,
            seed: row.seed,
            choice_order: row.choice_order.clone(),
            time: row.time.clone(),
        }
    }
}

/// A row once merged: who it belongs to.
struct Merged<'a> {
    learner: String,
    row: &'a ResultRow,
}

/// Builds the report from what was read. `lessons` are the lesson files known (built-ins,
/// `./scenarios`, `--lesson`): one whose id and content hash match a lesson's rows gives its
/// questions (all of them, in order, even one nobody answered), prompts and choice texts.
/// `warnings` and `skipped` come from [`read`].
#[must_use]
pub fn build(
    sources: &[Source],
    skipped: usize,
    warnings: Vec<String>,
    lessons: &[Scenario],
) -> Report {
    let mut seen = HashSet::new();
    let mut merged = Vec::new();
    let mut rows_read = 0;
    for source in sources {
        for row in &source.rows {
            rows_read += 1;
            if !seen.insert(RowKey::of(row)) {
                continue;
            }
            let learner = row
                .learner
                .clone()
                .unwrap_or_else(|| format!("(no name) {}", source.path));
            merged.push(Merged { learner, row });
        }
    }
    let duplicate_rows = rows_read - merged.len();
    // RFC 3339 UTC times sort as text; stable, so each file's order breaks ties.
    merged.sort_by(|a, b| a.row.time.cmp(&b.row.time));

    let mut by_lesson: BTreeMap<(&str, &str), Vec<&Merged<'_>>> = BTreeMap::new();
    for m in &merged {
        by_lesson
            .entry((m.row.scenario_id.as_str(), m.row.content_hash.as_str()))
            .or_default()
            .push(m);
    }
    // Versions of one id, ordered by first activity.
    let mut versions: BTreeMap<&str, Vec<(&str, &str)>> = BTreeMap::new();
    for ((id, hash), rows) in &by_lesson {
        versions
            .entry(id)
            .or_default()
            .push((rows[0].row.time.as_str(), hash));
    }
    let mut out = Vec::new();
    for (id, mut hashes) in versions {
        hashes.sort_unstable();
        let of = hashes.len();
        for (i, (_, hash)) in hashes.iter().enumerate() {
            let rows = &by_lesson[&(id, *hash)];
            let scenario = lessons
                .iter()
                .find(|s| s.file.scenario.id == id && s.content_hash == *hash);
            let version = (of > 1).then_some(Version { index: i + 1, of });
            out.push(lesson_report(id, hash, version, rows, scenario));
        }
    }
    Report {
        report_format: REPORT_FORMAT,
        files_read: sources.len(),
        files_skipped: skipped,
        rows_read,
        duplicate_rows,
        warnings,
        lessons: out,
    }
}

/// How one learner's rows for one question ended.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Outcome {
    FirstTry,
    AfterHints,
    Revealed,
    StillWrong,
}

/// One learner's outcome and hints for one question, from their rows in time order.
fn decide(rows: &[&ResultRow]) -> (Outcome, usize) {
    for (i, row) in rows.iter().enumerate() {
        let hints = row.hints_used.unwrap_or(0);
        if row.revealed == Some(true) {
            return (Outcome::Revealed, hints);
        }
        if row.correct {
            let outcome = if i == 0 && hints == 0 {
                Outcome::FirstTry
            } else {
                Outcome::AfterHints
            };
            return (outcome, hints);
        }
    }
    // Never decided: the hints shown before their last answer.
    let hints = rows.last().and_then(|r| r.hints_used).unwrap_or(0);
    (Outcome::StillWrong, hints)
}

fn median(values: &mut [usize]) -> Option<f64> {
    if values.is_empty() {
        return None;
    }
    values.sort_unstable();
    let mid = values.len() / 2;
    #[allow(clippy::cast_precision_loss)] // hint counts are small
    Some(if values.len() % 2 == 1 {
        values[mid] as f64
    } else {
        (values[mid - 1] + values[mid]) as f64 / 2.0
    })
}

/// The question list: the lesson's, when its file is known, then any id only the rows name;
/// else the ids in order of first appearance.
fn question_ids(rows: &[&Merged<'_>], scenario: Option<&Scenario>) -> Vec<String> {
    let mut ids: Vec<String> = scenario
        .map(|s| s.file.questions.iter().map(|q| q.id.clone()).collect())
        .unwrap_or_default();
    for m in rows {
        if let Some(id) = &m.row.question_id
            && m.row.kind == Kind::Quiz
            && !ids.contains(id)
        {
            ids.push(id.clone());
        }
    }
    ids
}

#[allow(clippy::too_many_lines)] // one pass per table, kept together so they count alike
fn lesson_report(
    id: &str,
    hash: &str,
    version: Option<Version>,
    rows: &[&Merged<'_>],
    scenario: Option<&Scenario>,
) -> LessonReport {
    let mut learners: Vec<&str> = Vec::new();
    for m in rows {
        if !learners.contains(&m.learner.as_str()) {
            learners.push(&m.learner);
        }
    }
    learners.sort_by_key(|l| (name_order(l), *l));
    let learner_count = learners.len();

    // learner -> question -> rows, in time order.
    let mut quiz: HashMap<&str, BTreeMap<&str, Vec<&ResultRow>>> = HashMap::new();
    for m in rows.iter().filter(|m| m.row.kind == Kind::Quiz) {
        if let Some(q) = &m.row.question_id {
            quiz.entry(&m.learner)
                .or_default()
                .entry(q)
                .or_default()
                .push(m.row);
        }
    }
    let ids = question_ids(rows, scenario);
    let known = |qid: &str| scenario.and_then(|s| s.file.questions.iter().find(|q| q.id == qid));

    let mut outcomes: HashMap<(&str, &str), (Outcome, usize)> = HashMap::new();
    let mut questions = Vec::new();
    for qid in &ids {
        let question = known(qid);
        let mut counts = [0usize; 4];
        let mut hints = Vec::new();
        // letter -> learners who picked it wrongly, and a text a learner saw.
        let mut wrong: BTreeMap<&str, (HashSet<&str>, Option<&str>)> = BTreeMap::new();
        for learner in &learners {
            let Some(their) = quiz.get(learner).and_then(|q| q.get(qid.as_str())) else {
                continue;
            };
            let (outcome, used) = decide(their);
            outcomes.insert((learner, qid.as_str()), (outcome, used));
            counts[outcome as usize] += 1;
            hints.push(used);
            for row in their
                .iter()
                .filter(|r| !r.correct && r.revealed != Some(true))
            {
                if let Some(letter) = &row.choice_original {
                    let entry = wrong.entry(letter).or_default();
                    entry.0.insert(learner);
                    if entry.1.is_none() {
                        entry.1 = row.choice_text.as_deref();
                    }
                }
            }
        }
        let answered: usize = counts.iter().sum();
        let top_wrong_choice = wrong
            .iter()
            // Most learners; on a tie, the earlier letter.
            .max_by(|a, b| a.1.0.len().cmp(&b.1.0.len()).then(b.0.cmp(a.0)))
            .map(|(letter, (who, seen))| {
                let from_file = question.and_then(|q| {
                    answer_index(letter, q.choices.len()).map(|i| q.choices[i].clone())
                });
                WrongChoice {
                    letter: (*letter).to_owned(),
                    text: from_file.or_else(|| seen.map(str::to_owned)),
                    learners: who.len(),
                }
            });
        questions.push(QuestionStats {
            question_id: qid.clone(),
            prompt: question.map(|q| q.prompt.clone()),
            answered,
            first_try_right: counts[Outcome::FirstTry as usize],
            first_try_right_pct: percent(counts[Outcome::FirstTry as usize], answered),
            after_hints: counts[Outcome::AfterHints as usize],
            revealed: counts[Outcome::Revealed as usize],
            still_wrong: counts[Outcome::StillWrong as usize],
            never_answered: learner_count - answered,
            top_wrong_choice,
            median_hints: median(&mut hints),
        });
    }

    // (step, variant) -> learner -> first record.
    let mut firsts: BTreeMap<(usize, Option<&str>), BTreeMap<&str, &ResultRow>> = BTreeMap::new();
    for m in rows.iter().filter(|m| m.row.kind == Kind::Prediction) {
        if let Some(step) = m.row.step {
            firsts
                .entry((step, m.row.variant.as_deref()))
                .or_default()
                .entry(&m.learner)
                .or_insert(m.row);
        }
    }
    let prediction_prompt = |step: usize| {
        scenario
            .and_then(|s| s.file.steps.get(step.checked_sub(1)?))
            .and_then(|s| s.predict.as_ref())
            .map(|p| p.prompt.trim().to_owned())
    };
    let predictions = firsts
        .iter()
        .map(|((step, variant), who)| {
            let skipped = who.values().filter(|r| r.skipped == Some(true)).count();
            let right = who
                .values()
                .filter(|r| r.skipped != Some(true) && r.correct)
                .count();
            PredictionStats {
                step: *step,
                variant: variant.map(str::to_owned),
                prompt: prediction_prompt(*step),
                right,
                wrong: who.len() - skipped - right,
                skipped,
                not_reached: learner_count - who.len(),
            }
        })
        .collect();

    let learner_stats: Vec<LearnerStats> = learners
        .iter()
        .map(|learner| {
            let mine: Vec<(Outcome, usize)> = ids
                .iter()
                .filter_map(|q| outcomes.get(&(*learner, q.as_str())).copied())
                .collect();
            let first_try_right = mine.iter().filter(|(o, _)| *o == Outcome::FirstTry).count();
            let predicted: Vec<&ResultRow> = firsts
                .values()
                .filter_map(|who| who.get(learner).copied())
                .collect();
            let made: Vec<&&ResultRow> = predicted
                .iter()
                .filter(|r| r.skipped != Some(true))
                .collect();
            let last_activity = rows
                .iter()
                .filter(|m| m.learner == *learner)
                .map(|m| m.row.time.as_str())
                .max()
                .unwrap_or_default()
                .to_owned();
            LearnerStats {
                learner: (*learner).to_owned(),
                answered: mine.len(),
                first_try_right,
                questions: ids.len(),
                first_try_right_pct: percent(first_try_right, ids.len()),
                hints: mine.iter().map(|(_, h)| h).sum(),
                reveals: mine.iter().filter(|(o, _)| *o == Outcome::Revealed).count(),
                predictions_right: made.iter().filter(|r| r.correct).count(),
                predictions_made: made.len(),
                predictions_skipped: predicted.len() - made.len(),
                last_activity,
            }
        })
        .collect();

    let needs_attention = Attention {
        questions: questions
            .iter()
            .filter(|q| q.first_try_right_pct.is_some_and(|p| p < ATTENTION_PCT))
            .map(|q| q.question_id.clone())
            .collect(),
        learners: learner_stats
            .iter()
            .filter(|l| l.answered > 0 && l.first_try_right_pct.is_some_and(|p| p < ATTENTION_PCT))
            .map(|l| l.learner.clone())
            .collect(),
    };
    LessonReport {
        scenario_id: id.to_owned(),
        content_hash: hash.to_owned(),
        title: scenario.map(|s| s.file.scenario.title.clone()),
        version,
        learner_count,
        questions,
        predictions,
        learners: learner_stats,
        needs_attention,
    }
}

/// The report as pretty JSON (the numbers, for other tools), newline-ended.
#[must_use]
pub fn to_json(report: &Report) -> String {
    let mut json = crate::sanitize::to_json_pretty(report)
        .expect("the report is plain data with string keys, so it always serialises");
    json.push('\n');
    json
}

/// "version 1 of 2" when a lesson came in several versions.
#[must_use]
pub fn version_label(lesson: &LessonReport) -> Option<String> {
    lesson
        .version
        .map(|v| format!("version {} of {}", v.index, v.of))
}

/// How a prediction's branch reads: "main path" or the variant's id.
#[must_use]
pub fn branch_label(variant: Option<&str>) -> String {
    variant.map_or_else(|| "main path".to_owned(), str::to_owned)
}

/// The lesson's heading: "signin-basic: Title (content e59339de, version 1 of 2)".
#[must_use]
pub fn lesson_heading(lesson: &LessonReport) -> String {
    let title = lesson
        .title
        .as_ref()
        .map_or_else(String::new, |t| format!(": {t}"));
    let short = lesson.content_hash.get(..8).unwrap_or(&lesson.content_hash);
    let version = version_label(lesson).map_or_else(String::new, |v| format!(", {v}"));
    format!("{}{title} (content {short}{version})", lesson.scenario_id)
}

/// A wrong choice as words: `B "A token is issued" (4 learners)`.
#[must_use]
pub fn wrong_choice_label(choice: &WrongChoice) -> String {
    let text = choice
        .text
        .as_ref()
        .map_or_else(String::new, |t| format!(" \"{}\"", t.trim()));
    let noun = if choice.learners == 1 {
        "learner"
    } else {
        "learners"
    };
    format!("{}{text} ({} {noun})", choice.letter, choice.learners)
}

#[cfg(test)]
mod tests;
