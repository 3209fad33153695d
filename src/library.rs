//! The lesson library as a learning path: the built-in lessons in the order a learner takes
//! them, what each teaches and which lessons it builds on, and how far this learner got in
//! each (from saved progress). `cogflow list` prints it; the lesson menu (`L`) shows it.
//!
//! The order and the "needs" are the library's, not a lesson file's: a lesson says what it is,
//! the path says where it stands among the others (a file in `./scenarios` is listed after the
//! path, in name order, with nothing assumed of it).

use crate::progress::Progress;
use crate::scenario::Scenario;

/// One stop on the path.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Stage {
    /// The built-in lesson's id.
    pub id: &'static str,
    /// What it teaches, in a line.
    pub teaches: &'static str,
    /// The lessons it builds on (ids earlier on the path).
    pub needs: &'static [&'static str],
}

const fn stage(id: &'static str, teaches: &'static str, needs: &'static [&'static str]) -> Stage {
    Stage { id, teaches, needs }
}

/// Every built-in lesson, in learning order: the first sign-in, then what an account goes
/// through, then tokens, then the harder flows, then the labs (your own code), then the same
/// first lesson in another language. Each line is in its lesson's language.
#[rustfmt::skip]
pub const PATH: &[Stage] = &[
    stage("signin-basic", "a password sign-in, step by step: what Cognito checks, the tokens it returns", &[]),
    stage("sign-up-and-confirm", "SignUp, the emailed code, UNCONFIRMED until ConfirmSignUp", &["signin-basic"]),
    stage("first-sign-in", "an account an administrator made: the temporary password, NEW_PASSWORD_REQUIRED", &["signin-basic"]),
    stage("forgot-password", "ForgotPassword, the code, ConfirmForgotPassword; the old password refused after", &["sign-up-and-confirm"]),
    stage("lockout-and-user-existence", "one vague answer for every failure, then the lockout", &["signin-basic"]),
    stage("tokens-and-sign-out", "ID, access and refresh tokens: expiry, refresh, GlobalSignOut", &["signin-basic"]),
    stage("verify-token", "the app's own JWT checks (JWKS, kid, signature, exp, iss, aud) against tampered tokens", &["tokens-and-sign-out"]),
    stage("groups-and-claims", "cognito:groups: a claim in the token, true when the token was issued", &["tokens-and-sign-out"]),
    stage("email-sign-in", "an email as the username or as an alias; cognito:username versus sub", &["sign-up-and-confirm"]),
    stage("client-secret", "SECRET_HASH: the app client's secret proved with an HMAC on every call", &["signin-basic"]),
    stage("totp-mfa", "a second factor: SOFTWARE_TOKEN_MFA and the authenticator's code", &["signin-basic"]),
    stage("mfa-setup", "MFA required: MFA_SETUP, the QR code's secret, the first code", &["totp-mfa"]),
    stage("srp-sign-in", "USER_SRP_AUTH, the SDKs' default: the password never crosses the wire", &["signin-basic"]),
    stage("triggers", "Lambda triggers: pre sign-up, post confirmation, pre token generation", &["sign-up-and-confirm"]),
    stage("hosted-ui-pkce", "the hosted sign-in page: authorization code + PKCE, the token exchange", &["tokens-and-sign-out"]),
    stage("lab-first-sign-in", "a lab: your own code signs up, confirms, signs in (cogflow serve)", &["sign-up-and-confirm"]),
    stage("lab-tokens", "a lab: your own code refreshes a token and signs out (cogflow serve)", &["tokens-and-sign-out"]),
    stage("signin-basic-es", "la primera lección: el usuario escribe sus credenciales, Cognito las comprueba y devuelve un token", &[]),
];

/// How far the learner got in a lesson.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Status {
    /// Never opened (no saved progress).
    New,
    /// Opened, not finished: the step saved (1-based) and the quiz questions answered right
    /// the first time (the quiz's headline score, as `quiz --plain` and mode 6 count it).
    Started {
        /// The step the lesson resumes at.
        step: Option<usize>,
        /// Quiz questions whose first answer (in this version of the lesson) was right: a
        /// question got right only after a wrong answer, a hint round or a retry does not count.
        first_try: usize,
    },
    /// Finished: every quiz question answered right (a lesson without a quiz: its last step
    /// reached; a lab: every step met).
    Done,
}

/// One lesson of the library, as the list and the menu show it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Lesson {
    /// Its id.
    pub id: String,
    /// What opens it: `cogflow run OPEN` (its id, or the path of a file in `./scenarios`
    /// whose id a built-in lesson has, which `cogflow run ID` would open instead).
    pub open: String,
    /// Its title.
    pub title: String,
    /// Its estimated minutes.
    pub minutes: Option<u32>,
    /// Its quiz questions.
    pub questions: usize,
    /// What it teaches (the path's line; a file's own summary outside the path).
    pub teaches: String,
    /// The lessons it builds on.
    pub needs: Vec<String>,
    /// A lab: it runs in `cogflow serve`, against the learner's own code.
    pub lab: bool,
    /// How far the learner got.
    pub status: Status,
}

impl Lesson {
    /// `scenario` as a lesson of the library, `stage` its place on the path (none for a file
    /// outside it), `progress` the learner's record of it (if any).
    #[must_use]
    pub fn of(scenario: &Scenario, stage: Option<&Stage>, progress: Option<&Progress>) -> Lesson {
        let file = &scenario.file;
        Lesson {
            id: file.scenario.id.clone(),
            open: file.scenario.id.clone(),
            title: file.scenario.title.clone(),
            minutes: file.scenario.minutes,
            questions: file.questions.len(),
            teaches: stage.map_or_else(
                || file.scenario.summary.clone().unwrap_or_default(),
                |s| s.teaches.to_owned(),
            ),
            needs: stage.map_or_else(Vec::new, |s| {
                s.needs.iter().map(|&n| n.to_owned()).collect()
            }),
            lab: file.lab.is_some(),
            status: progress.map_or(Status::New, |p| status(scenario, p)),
        }
    }
}

/// How far `progress` got in `scenario`.
fn status(scenario: &Scenario, progress: &Progress) -> Status {
    let file = &scenario.file;
    let right = file
        .questions
        .iter()
        .filter(|q| {
            progress
                .attempts
                .iter()
                .any(|a| a.correct && a.question_id == q.id)
        })
        .count();
    // The first answer to each question in this version of the lesson, as the quiz replays
    // them on a relaunch: its headline score counts those that were right.
    let first_try = file
        .questions
        .iter()
        .filter(|q| {
            progress
                .attempts
                .iter()
                .filter(|a| a.content_hash == scenario.content_hash)
                .find(|a| a.question_id == q.id)
                .is_some_and(|a| a.correct && !a.revealed)
        })
        .count();
    let step = progress.position.as_ref().map(|p| p.step);
    let done = if file.lab.is_some() {
        (0..file.steps.len()).all(|i| progress.lab_steps.iter().any(|s| s.step_index == i))
    } else if file.questions.is_empty() {
        // No quiz: the saved place is the main path's last step (steps are 1-based and a
        // branch never has more than the file).
        progress
            .position
            .as_ref()
            .is_some_and(|p| p.variant.is_none() && p.step >= file.steps.len())
    } else {
        right == file.questions.len()
    };
    if done {
        Status::Done
    } else {
        Status::Started { step, first_try }
    }
}

/// The built-in lessons in path order, each with the learner's progress from `records`.
#[must_use]
pub fn path(records: &[Progress]) -> Vec<Lesson> {
    PATH.iter()
        .filter_map(|stage| {
            let scenario = crate::scenario::resolve(Some(stage.id)).ok()?;
            let progress = records.iter().find(|p| p.scenario_id == stage.id);
            Some(Lesson::of(&scenario, Some(stage), progress))
        })
        .collect()
}

/// The lessons in `dir` (see [`crate::scenario::LOCAL_DIR`]) that load, by file name, for
/// after the path: a file that is a built-in lesson byte for byte (the repository's own
/// `scenarios/`) is that lesson, already on the path, and is left out unparsed
/// ([`crate::scenario::load_path_unless_builtin`]); one that shares a built-in's id with other
/// content opens by its path.
#[must_use]
pub fn local(dir: &std::path::Path, records: &[Progress]) -> Vec<Lesson> {
    use crate::scenario::{self, BUILTINS};
    scenario::local_files(dir)
        .iter()
        .filter_map(|path| {
            let scenario = scenario::load_path_unless_builtin(path).ok()??;
            let id = &scenario.file.scenario.id;
            let builtin = BUILTINS.iter().find(|(b, _)| b == id);
            let progress = records.iter().find(|p| &p.scenario_id == id);
            let mut lesson = Lesson::of(&scenario, None, progress);
            if builtin.is_some() {
                lesson.open = path.display().to_string();
            }
            Some(lesson)
        })
        .collect()
}

/// How many steps the main path takes, as the lesson's screen counts them ("Step 1/5"):
/// the layout run's (cheap hashes and keys, the same steps), not the file's `[[steps]]`, some
/// of which only branches take. `None` when the run cannot be made.
#[must_use]
pub fn main_path_steps(scenario: &Scenario) -> Option<usize> {
    let setup = crate::flow::Setup::main(&scenario.file);
    crate::flow::lay_out(&setup, 0)
        .ok()
        .map(|run| run.frames.len())
}

/// The lesson to take after `id`: the first one after it on the path not done yet (then
/// from the start), skipping labs unless `id` is one; `None` when every lesson is done.
#[must_use]
pub fn next_after<'a>(lessons: &'a [Lesson], id: &str) -> Option<&'a Lesson> {
    let at = lessons.iter().position(|l| l.id == id).map_or(0, |i| i + 1);
    let from_lab = lessons.iter().any(|l| l.id == id && l.lab);
    let open = |l: &&Lesson| l.status != Status::Done && l.id != id && (from_lab || !l.lab);
    lessons[at.min(lessons.len())..]
        .iter()
        .find(open)
        .or_else(|| lessons.iter().find(open))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_path_holds_every_builtin_once_and_needs_only_earlier_lessons() {
        let mut ids: Vec<&str> = PATH.iter().map(|s| s.id).collect();
        let mut builtins: Vec<&str> = crate::scenario::BUILTINS
            .iter()
            .map(|(id, _)| *id)
            .collect();
        for (i, stage) in PATH.iter().enumerate() {
            for need in stage.needs {
                let before = PATH[..i].iter().any(|s| s.id == *need);
                assert!(before, "{} needs {need}, which is not before it", stage.id);
            }
        }
        ids.sort_unstable();
        builtins.sort_unstable();
        assert_eq!(ids, builtins);
        assert_eq!(path(&[]).len(), PATH.len(), "every built-in loads");
    }

    #[test]
    fn status_comes_from_the_quiz_the_place_and_the_lab_steps() {
        use crate::progress::{AttemptRecord, Position, Timestamp};
        use crate::quiz::Attempt;
        let lessons = path(&[]);
        assert!(lessons.iter().all(|l| l.status == Status::New));
        let scenario = crate::scenario::resolve(Some("signin-basic")).unwrap();
        let now = Timestamp(1_700_000_000);
        let mut progress = Progress::fresh("signin-basic", now);
        progress.position = Some(Position {
            content_hash: String::new(),
            step: 3,
            variant: None,
            time: now,
        });
        assert_eq!(
            status(&scenario, &progress),
            Status::Started {
                step: Some(3),
                first_try: 0
            }
        );
        for (i, q) in scenario.file.questions.iter().enumerate() {
            let attempt = Attempt {
                question_id: q.id.clone(),
                choice_shown: Some(0),
                choice_original: Some(0),
                correct: i == 0,
                attempt: 1,
                round: 1,
                hints_used: 0,
                revealed: false,
                seed: None,
                order: Vec::new(),
                choice_text: None,
            };
            progress.attempts.push(AttemptRecord::new(
                &scenario.content_hash,
                &attempt,
                None,
                now,
            ));
        }
        assert_eq!(
            status(&scenario, &progress),
            Status::Started {
                step: Some(3),
                first_try: 1
            },
            "one of three right"
        );
        for attempt in &mut progress.attempts {
            attempt.correct = true;
        }
        assert_eq!(status(&scenario, &progress), Status::Done);
    }

    /// `B A A C D` to signin-basic's quiz: every question wrong first, all right in the end.
    /// The quiz scores that 0/3 (right the first time), so `list` and the L menu say 0/3 too,
    /// not the 2/3 or 3/3 right in the end; the lesson is not done until every question is right.
    #[test]
    fn the_quiz_count_is_of_answers_right_the_first_time() {
        use crate::progress::{AttemptRecord, Timestamp};
        use crate::quiz::Attempt;
        let scenario = crate::scenario::resolve(Some("signin-basic")).unwrap();
        let now = Timestamp(1_700_000_000);
        let mut progress = Progress::fresh("signin-basic", now);
        let record = |q: usize, correct: bool, attempt: u32, hash: &str| {
            let attempt = Attempt {
                question_id: scenario.file.questions[q].id.clone(),
                choice_shown: Some(0),
                choice_original: Some(0),
                correct,
                attempt,
                round: 1,
                hints_used: 0,
                revealed: false,
                seed: None,
                order: Vec::new(),
                choice_text: None,
            };
            AttemptRecord::new(hash, &attempt, None, now)
        };
        let hash = scenario.content_hash.clone();
        // q1 wrong then right, q2 wrong then right, q3 wrong.
        progress.attempts = vec![
            record(0, false, 1, &hash),
            record(0, true, 2, &hash),
            record(1, false, 1, &hash),
            record(1, true, 2, &hash),
            record(2, false, 1, &hash),
        ];
        let started = |first_try| Status::Started {
            step: None,
            first_try,
        };
        assert_eq!(
            status(&scenario, &progress),
            started(0),
            "right in the end is not first"
        );
        // An answer to another version of the lesson does not stand for this one's first.
        progress.attempts.insert(0, record(0, true, 1, "older"));
        assert_eq!(status(&scenario, &progress), started(0));
        progress.attempts.push(record(2, true, 2, &hash));
        assert_eq!(
            status(&scenario, &progress),
            Status::Done,
            "all right in the end"
        );
    }

    #[test]
    fn next_is_the_first_lesson_not_done_after_this_one() {
        let mut lessons = path(&[]);
        assert_eq!(
            next_after(&lessons, "signin-basic").map(|l| l.id.as_str()),
            Some("sign-up-and-confirm")
        );
        lessons[1].status = Status::Done;
        assert_eq!(
            next_after(&lessons, "signin-basic").map(|l| l.id.as_str()),
            Some("first-sign-in"),
            "a lesson done is passed over"
        );
        let last_lesson = lessons.iter().rposition(|l| !l.lab).unwrap();
        let after_last = next_after(&lessons, &lessons[last_lesson].id.clone());
        assert_eq!(
            after_last.map(|l| l.id.as_str()),
            Some("signin-basic"),
            "after the end, the first not done; labs only after a lab"
        );
        for lesson in &mut lessons {
            lesson.status = Status::Done;
        }
        assert_eq!(next_after(&lessons, "signin-basic"), None);
    }

    #[test]
    fn local_lessons_follow_the_path_a_builtins_copy_left_out_a_same_id_file_opened_by_path() {
        use crate::scenario::BUILTINS;
        let dir = std::env::temp_dir().join(format!("cogflow-library-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let (id, src) = BUILTINS[0];
        std::fs::write(dir.join("copy.toml"), src).unwrap();
        let edited = src.replacen("minutes = 10", "minutes = 11", 1);
        assert_ne!(edited, src);
        std::fs::write(dir.join("edited.toml"), edited).unwrap();
        let other = src.replacen(&format!("id = \"{id}\""), "id = \"my-sign-in\"", 1);
        std::fs::write(dir.join("mine.toml"), other).unwrap();
        std::fs::write(dir.join("broken.toml"), "format_version = 1\n").unwrap();
        let lessons = local(&dir, &[]);
        let opens: Vec<(&str, &str)> = lessons
            .iter()
            .map(|l| (l.id.as_str(), l.open.as_str()))
            .collect();
        let edited_path = dir.join("edited.toml").display().to_string();
        assert_eq!(
            opens,
            [(id, edited_path.as_str()), ("my-sign-in", "my-sign-in")]
        );
        assert_eq!(lessons[0].minutes, Some(11));
        std::fs::remove_dir_all(&dir).unwrap();
    }

    #[test]
    fn the_main_path_counts_the_steps_the_lesson_shows_not_the_files_steps() {
        let lesson = crate::scenario::resolve(None).unwrap();
        assert_eq!(lesson.file.steps.len(), 7);
        // "Step 1/5": the other two are the wrong-password branch's.
        assert_eq!(main_path_steps(&lesson), Some(5));
    }
}
