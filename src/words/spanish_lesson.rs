//! The Spanish lesson says no English word of the app's own, anywhere it can be shown.
//!
//! How this is told apart from a spot check: every word (a run of letters and digits) of
//! every screen, plain-mode answer, transcript and handout must come from somewhere allowed to
//! put it there, and nothing else is allowed:
//! - the Spanish column of the words table (`Word::ALL` in `Language::Es`);
//! - the lesson's own file (its Spanish prose, and the Cognito names it quotes);
//! - what Cognito and the run put on the wire: the requests, the answers (exception names and
//!   messages stay English, as the real API sends them), the tracked variables and the
//!   tokens' header and claims;
//! - a short list of names that are the same in every language ([`NAMES`]).
//!
//! A word the app writes in English that no table row carries is therefore found wherever it
//! shows, whether or not anyone thought to list it (a list of English words to look for only
//! finds the ones someone listed). The words are compared lower-cased; a word cut short by
//! a panel (`creden…`) is allowed when an allowed word starts with it.

use std::collections::BTreeSet;

use crate::app::{App, Command, Message, Mode, Options};
use crate::flow::{Frame, Run};
use crate::scenario::Scenario;
use crate::words::{Language, Word};

/// Names that read the same in Spanish: products, standards, algorithms, units, argon2's
/// parameter letters, and the names printed on keys (Enter, Esc, Tab, PgUp... and the
/// vi keys h j k l), which help and the footer write as the keycaps do.
const NAMES: &[&str] = &[
    "aws",
    "cognito",
    "jwt",
    "jwks",
    "rs256",
    "rsa",
    "sha",
    "256",
    "argon2id",
    "http",
    "utc",
    "id",
    "api",
    "json",
    "kid",
    "base64url",
    "kib",
    "ms",
    "min",
    "url",
    "tls",
    "sdk",
    "srp",
    "app",
    "token",
    "tokens",
    "m",
    "t",
    "p",
    "enter",
    "esc",
    "tab",
    "shift",
    "ctrl",
    "space",
    "backspace",
    "home",
    "end",
    "pgup",
    "pgdn",
    "f",
    "h",
    "j",
    "k",
    "l",
];

/// Every word `text` is made of, each with the characters either side of it and where it is.
fn words_of(text: &str) -> Vec<Found> {
    let mut out = Vec::new();
    let mut word = String::new();
    let mut start = 0;
    let mut before = None;
    let mut last = None;
    let mut chars = text.char_indices().peekable();
    while let Some((at, c)) = chars.next() {
        if c.is_alphanumeric() {
            if word.is_empty() {
                before = last;
                start = at;
            }
            word.push(c);
        }
        let ends = !c.is_alphanumeric() || chars.peek().is_none();
        if ends && !word.is_empty() {
            let (after, end) = if c.is_alphanumeric() {
                (None, at + c.len_utf8())
            } else {
                (Some(c), at)
            };
            out.push(Found {
                word: std::mem::take(&mut word).to_lowercase(),
                before,
                after,
                start,
                end,
            });
        }
        last = Some(c);
    }
    out
}

/// A word of a text, the characters either side of it (`None` at the line's ends), and its
/// byte range in the text.
struct Found {
    word: String,
    before: Option<char>,
    after: Option<char>,
    start: usize,
    end: usize,
}

fn add_words(allowed: &mut BTreeSet<String>, text: &str) {
    allowed.extend(words_of(text).into_iter().map(|f| f.word));
}

fn add_strings(allowed: &mut BTreeSet<String>, value: &toml::Value) {
    match value {
        toml::Value::String(text) => add_words(allowed, text),
        toml::Value::Array(items) => items.iter().for_each(|v| add_strings(allowed, v)),
        toml::Value::Table(table) => table.values().for_each(|v| add_strings(allowed, v)),
        _ => {}
    }
}

/// The words allowed on the Spanish lesson's screens (see the module's comment).
fn allowed(runs: &[Run]) -> BTreeSet<String> {
    let mut allowed: BTreeSet<String> = NAMES.iter().map(|n| (*n).to_owned()).collect();
    for &word in Word::ALL {
        add_words(&mut allowed, word.in_language(Language::Es));
    }
    // The lesson's text: its string values (not its keys, which are English: `step`, `explain`).
    let lesson: toml::Value = toml::from_str(include_str!("../../scenarios/signin-basic-es.toml"))
        .unwrap_or(toml::Value::Boolean(false));
    add_strings(&mut allowed, &lesson);
    for run in runs {
        for v in &run.start.0 {
            add_words(&mut allowed, v.name);
            add_value(&mut allowed, v.name, &v.value);
        }
        for frame in &run.frames {
            add_frame_data(&mut allowed, frame);
        }
        add_words(&mut allowed, &run.pool.jwks_url);
        add_words(&mut allowed, &run.pool.client_id);
        add_words(&mut allowed, &run.jwks.to_string());
    }
    allowed
}

/// Tracked variables whose values the run writes in the app's own words (`token issued`,
/// `rejected`): never data, so their words must come from the Spanish column like any other
/// word of the app's (a value the table has no row for shows up in English and is found).
const APP_WORDS_VARIABLES: &[&str] = &["authStatus"];

/// A tracked value's words, but not the run's own markers (`empty`, `none`, `N/A`): the
/// screens say those in the lesson's language; and nothing of a variable the run fills with
/// its own words ([`APP_WORDS_VARIABLES`]).
fn add_value(allowed: &mut BTreeSet<String>, name: &str, value: &str) {
    let words = crate::words::Words::new(Language::Es, &std::collections::BTreeMap::new());
    if words.value(value) == value && !APP_WORDS_VARIABLES.contains(&name) {
        add_words(allowed, value);
    }
}

/// What Cognito and the run put in a frame: the wire, the answer, the values, the token.
fn add_frame_data(allowed: &mut BTreeSet<String>, frame: &Frame) {
    if let Some(api) = &frame.api {
        add_words(allowed, &serde_json::to_string(api).unwrap_or_default());
    }
    if let crate::flow::Outcome::Error { exception, message } = &frame.outcome {
        add_words(allowed, exception);
        add_words(allowed, message);
    }
    for v in &frame.vars.0 {
        add_words(allowed, v.name);
        add_value(allowed, v.name, &v.value);
    }
    let tokens = &frame.tokens;
    for jwt in [&tokens.id, &tokens.access, &tokens.refresh]
        .into_iter()
        .flatten()
    {
        add_words(allowed, jwt);
        add_words(allowed, &crate::flow::vars::abbreviate(jwt));
        if let Some((header, claims)) = crate::cognito::decode_unverified(jwt) {
            add_words(allowed, &format!("{header} {claims}"));
        }
    }
}

/// Every word of `text` no allowed source carries, with the line it is on.
fn unexplained(text: &str, allowed: &BTreeSet<String>) -> Vec<String> {
    let mut found = Vec::new();
    for line in text.lines() {
        for Found {
            word,
            before,
            after,
            start,
            end,
        } in words_of(line)
        {
            // Numbers, and sizes such as the too-small screen's `60x18`.
            let number = |w: &str| !w.is_empty() && w.chars().all(|c| c.is_ascii_digit());
            let size = word
                .split_once('x')
                .is_some_and(|(a, b)| number(a) && number(b));
            if number(&word) || size || allowed.contains(&word) {
                continue;
            }
            // Cut by a panel's edge or shortened: `creden…`, `credencia│`, `…HcAKYA`; or
            // a long value wrapped inside a panel (`…/us-e` then `ast-1_…` on the next line):
            // the first or last word of its panel's line.
            let edge = |c: Option<char>| c.is_none_or(|c| c == '…' || is_border(c));
            let first = line[..start]
                .chars()
                .rev()
                .find(|c| !c.is_whitespace())
                .is_none_or(is_border);
            let last = line[end..]
                .chars()
                .find(|c| !c.is_whitespace())
                .is_none_or(|c| c == '…' || is_border(c));
            // (Wrapped pieces of 3 letters or more: "is" or "at" end too many Spanish words.)
            let wrapped = word.chars().count() >= 3;
            // A table cell cut at its column's edge, with no `…` (`InvalidParameterExceptio`):
            // a long prefix of an allowed word.
            let column = word.chars().count() >= 12 && allowed.iter().any(|a| a.starts_with(&word));
            let cut = ((edge(after) || (wrapped && last))
                && allowed.iter().any(|a| a.starts_with(&word)))
                || ((edge(before) || (wrapped && first))
                    && allowed.iter().any(|a| a.ends_with(&word)));
            if !cut && !column {
                found.push(format!("{word:?} in: {}", line.trim()));
            }
        }
    }
    found
}

/// A box-drawing character (a panel's border), where a cut word ends.
fn is_border(c: char) -> bool {
    ('\u{2500}'..='\u{257f}').contains(&c)
}

fn scenario() -> Scenario {
    crate::scenario::resolve(Some("signin-basic-es")).unwrap()
}

fn runs(scenario: &Scenario) -> Vec<Run> {
    std::iter::once(None)
        .chain(scenario.file.variants.iter().map(|v| Some(v.id.as_str())))
        .map(|variant| crate::flow::run(scenario, variant, 1).unwrap())
        .collect()
}

/// Every screen of the lesson: each mode at each step of each branch (at 120x40, tall
/// enough that nothing scrolls out of sight, and at 80x24, where panels give way), the help, each prediction as it is asked and
/// graded, the quiz answered right, wrong, hinted and revealed.
fn screens(scenario: &Scenario) -> Vec<(String, String)> {
    let mut shown = Vec::new();
    let mut grab = |app: &App, what: &str| {
        for (w, h) in [(120, 40), (160, 120), (80, 24)] {
            let text = crate::ui::tests::screen(app, w, h);
            shown.push((format!("{what} at {w}x{h}"), text));
        }
    };
    let branches: Vec<Option<String>> = std::iter::once(None)
        .chain(scenario.file.variants.iter().map(|v| Some(v.id.clone())))
        .collect();
    for variant in &branches {
        for mode in Mode::ALL {
            for step in 1..=5 {
                let mut app = App::new(
                    scenario.clone(),
                    &Options {
                        variant: variant.clone(),
                        step: Some(step),
                        ..Options::for_snapshots(mode)
                    },
                );
                app.run_jobs_here();
                grab(
                    &app,
                    &format!(
                        "{} mode {} step {step}",
                        variant.as_deref().unwrap_or("main path"),
                        mode.number()
                    ),
                );
                if step == 1 && variant.is_none() {
                    app.update(Message::Do(Command::Help));
                    grab(&app, &format!("help over mode {}", mode.number()));
                }
            }
        }
    }
    // Stepping forward asks each prediction; one is answered, one skipped.
    let mut app = App::new(scenario.clone(), &Options::for_snapshots(Mode::StepThrough));
    app.run_jobs_here();
    for i in 0..12 {
        app.update(Message::Do(Command::Next));
        app.run_jobs_here();
        grab(&app, &format!("stepping, key {i}"));
        if app.asking().is_some() {
            app.update(Message::PredictLetter(i % 2));
            grab(&app, &format!("a prediction chosen, key {i}"));
            app.update(Message::Do(if i % 3 == 0 {
                Command::PredictSkip
            } else {
                Command::PredictAnswer
            }));
            app.run_jobs_here();
            grab(&app, &format!("a prediction made, key {i}"));
        }
    }
    // The quiz: a hint, a wrong answer, a right one, a reveal, the summary.
    app.update(Message::ModeDigit(Mode::Quiz.number()));
    for question in 0..8 {
        app.update(Message::Do(Command::QuizHint));
        grab(&app, &format!("quiz question {question}, hint"));
        app.update(Message::QuizLetter(question % 3));
        app.update(Message::Do(Command::QuizAnswer));
        grab(&app, &format!("quiz question {question}, answered"));
        app.update(Message::Do(Command::QuizReveal));
        grab(&app, &format!("quiz question {question}, revealed"));
        app.update(Message::Do(Command::QuizShowStep));
        grab(&app, &format!("quiz question {question}, its step"));
        app.update(Message::Do(Command::Escape));
        app.update(Message::Do(Command::QuizNextQuestion));
        grab(&app, &format!("quiz after question {question}"));
    }
    app.update(Message::Do(Command::Help));
    grab(&app, "help over the quiz");
    overlays(scenario, &mut shown);
    shown
}

/// Presses `keys` through the key table, as the terminal would, running what they start.
fn press(app: &mut App, keys: &str) {
    use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
    for c in keys.chars() {
        let code = match c {
            '⏎' => KeyCode::Enter,
            '⎋' => KeyCode::Esc,
            '↓' => KeyCode::Down,
            '⇥' => KeyCode::Tab,
            c => KeyCode::Char(c),
        };
        let key = KeyEvent::new(code, KeyModifiers::NONE);
        if let Some(message) = crate::app::keymap::message_for(&key, app.key_context()) {
            app.update(message);
        }
        app.run_jobs_here();
    }
}

/// What the mode × step loop never opens: the name question of the first quiz (and its
/// answer), the branch list, two branches compared, the start-over question, mode 9's try-it
/// form and the finished try (its branch name and status line), and the too-small screen.
fn overlays(scenario: &Scenario, shown: &mut Vec<(String, String)>) {
    let mut app = App::new(
        scenario.clone(),
        &Options {
            ask_name: true,
            ..Options::for_snapshots(Mode::StepThrough)
        },
    );
    app.run_jobs_here();
    let mut grab = |app: &App, what: &str, sizes: &[(u16, u16)]| {
        for &(w, h) in sizes {
            let text = crate::ui::tests::screen(app, w, h);
            shown.push((format!("{what} at {w}x{h}"), text));
        }
    };
    let sizes = [(120, 40), (80, 24)];
    for (keys, what) in [
        ("6", "the name question"),
        ("⏎", "a name refused: none typed"),
        ("Lucía⏎", "the name kept"),
        ("1b", "the branch list"),
        ("↓c", "two branches compared"),
        ("⎋⎋R", "the start-over question"),
        ("⎋9e", "the try-it form"),
        ("user123⇥wrong1⏎", "a finished try"),
    ] {
        press(&mut app, keys);
        grab(&app, what, &sizes);
    }
    grab(&app, "too small", &[(40, 10), (59, 17)]);
}

/// Plain mode through the whole lesson: every step of every branch, a prediction made and
/// one skipped, a bad letter, help, an unknown command (`rama`, a Spanish word), a step that is not there, the ends.
fn plain_run(scenario: &Scenario) -> String {
    let input =
        "\n\n\nA\n\n\nB\n\n\n\n?\nrama\n9\nb\ng\nb\nv\n\n\n\n\n\n\nv\n\n\n\n\n\nv\n\n\n\n\n\n\nq\n";
    let mut out = Vec::new();
    crate::plain::run(
        scenario,
        &crate::plain::Options {
            seed: 1,
            echo: true,
            ..crate::plain::Options::default()
        },
        &mut input.as_bytes(),
        &mut out,
    )
    .unwrap();
    String::from_utf8(out).unwrap()
}

/// `cogflow serve` on the Spanish lesson: the live view before the first call (the header,
/// what to paste, the strip), then the strip while a call is held by `--step`. The pasted
/// boto3 lines are code, and `cogflow serve` the command's name: their words are allowed
/// here; the request a call brings is the learner's own, so only the strip is read then.
fn live_view(scenario: &Scenario, allowed: &BTreeSet<String>, problems: &mut Vec<String>) {
    use crate::app::{LiveEvent, PathKind, PathRun};
    let mut allowed = allowed.clone();
    add_words(
        &mut allowed,
        "cogflow serve import boto3 idp = boto3.client(\"cognito-idp\") idp.initiate_auth \
         AuthFlow ClientId AuthParameters USERNAME PASSWORD GET /_cogflow/messages --step \
         127.0.0.1",
    );
    let branch = PathRun::new(PathKind::Live {
        endpoint: "http://127.0.0.1:9229".to_owned(),
    });
    let live = crate::app::Live::new(true, vec![], "p2w8ghdgu56rdqlljg3ki9op2u");
    let mut app = App::live(scenario.clone(), &Options::default(), branch, live);
    app.update(Message::Live(LiveEvent::Now(1_000)));
    for (w, h) in [(120, 40), (80, 24)] {
        let text = crate::ui::tests::screen(&app, w, h);
        report(
            &format!("live view, no call yet, at {w}x{h}"),
            &text,
            &allowed,
            problems,
        );
    }
    for (call, sdk) in [(1, Some(("boto3".to_owned(), Some(60)))), (2, None)] {
        app.update(Message::Live(LiveEvent::Received {
            call,
            operation: "InitiateAuth".to_owned(),
            request: serde_json::json!({"AuthFlow": "USER_PASSWORD_AUTH"}),
            caller: String::new(),
            waits: sdk,
            held: true,
        }));
        let text = crate::ui::tests::screen(&app, 160, 40);
        let strip: String = text
            .lines()
            .filter(|l| l.contains('⏸') || l.contains('●'))
            .collect::<Vec<_>>()
            .join("\n");
        assert!(strip.contains('⏸'), "a held call is on the strip:\n{text}");
        report(
            &format!("live view, call {call} held"),
            &strip,
            &allowed,
            problems,
        );
    }
}

/// `cogflow quiz --plain` through every answer it knows: a hint, a wrong answer, the same
/// again, a letter that is no choice, a line that is none, help, a right answer, a reveal,
/// hints until none are left, the retry of the missed ones, and the end of the input.
fn plain_quiz(scenario: &Scenario) -> String {
    let mut session = crate::quiz::QuizSession::for_scenario(&scenario.file, 1).unwrap();
    let input = "h\nB\nB\nz\nxyz\n?\nA\nr\nh\nh\nh\nA\nD\nB\nm\nq\n";
    let mut out = Vec::new();
    crate::commands::quiz::play(
        &mut session,
        &scenario.file.scenario.title,
        &scenario.words(),
        &mut input.as_bytes(),
        &mut out,
        true,
        &mut |_| {},
    )
    .unwrap();
    String::from_utf8(out).unwrap()
}

fn report(what: &str, text: &str, allowed: &BTreeSet<String>, problems: &mut Vec<String>) {
    for found in unexplained(text, allowed) {
        problems.push(format!("{what}: {found}"));
    }
}

#[test]
fn the_spanish_lesson_shows_no_english_word_of_the_app() {
    let scenario = scenario();
    let runs = runs(&scenario);
    let mut allowed = allowed(&runs);
    // What this test types: a name, a line that is no answer, a letter that is no choice.
    add_words(&mut allowed, "Lucía xyz z");
    let mut problems = Vec::new();
    for (what, text) in screens(&scenario) {
        report(&what, &text, &allowed, &mut problems);
    }
    report("plain mode", &plain_run(&scenario), &allowed, &mut problems);
    report(
        "plain quiz",
        &plain_quiz(&scenario),
        &allowed,
        &mut problems,
    );
    // The lesson list (L) shows the other lessons in their own language; this lesson's own
    // line on the learning path is the library's, and speaks Spanish.
    let stage = crate::library::PATH
        .iter()
        .find(|s| s.id == "signin-basic-es")
        .expect("on the path");
    report(
        "the lesson list's line",
        stage.teaches,
        &allowed,
        &mut problems,
    );
    let options = crate::transcript::Options::default();
    report(
        "text transcript",
        &crate::transcript::text(&scenario, &runs[0], options),
        &allowed,
        &mut problems,
    );
    for student in [false, true] {
        let options = crate::transcript::Options {
            answers: !student,
            student,
            ..crate::transcript::Options::default()
        };
        report(
            "markdown transcript",
            &crate::transcript::markdown(&scenario, &runs, options),
            &allowed,
            &mut problems,
        );
    }
    live_view(&scenario, &allowed, &mut problems);
    problems.sort();
    problems.dedup();
    let mut words: Vec<&str> = problems
        .iter()
        .filter_map(|p| p.split('"').nth(1))
        .collect();
    words.sort_unstable();
    words.dedup();
    assert!(
        problems.is_empty(),
        "{} English words shown that no table row, lesson or wire explains ({words:?}):\n{}",
        words.len(),
        problems.join("\n")
    );
}

/// The Spanish lesson as a student's handout and as a text transcript (issue 12's Tests).
#[test]
fn the_spanish_lesson_as_a_handout_and_a_transcript() {
    let scenario = scenario();
    let runs = runs(&scenario);
    let handout = crate::transcript::markdown(
        &scenario,
        &runs,
        crate::transcript::Options {
            student: true,
            ..crate::transcript::Options::default()
        },
    );
    insta::assert_snapshot!("spanish_handout_markdown", handout);
    let text = crate::transcript::text(&scenario, &runs[0], crate::transcript::Options::default());
    insta::assert_snapshot!("spanish_transcript_text", text);
}

/// The check itself finds what it is for: the English lesson's words are mostly unexplained.
#[test]
fn the_check_finds_english_words() {
    let scenario = scenario();
    let runs = runs(&scenario);
    let allowed = allowed(&runs);
    let found = unexplained(
        "Paso 2/5 · Keys — ? or Esc closes · Tabla del proceso · creden…",
        &allowed,
    );
    let words: Vec<&str> = found.iter().filter_map(|p| p.split('"').nth(1)).collect();
    // "Paso", "Tabla del proceso", "Esc" and the cut "creden…" are explained; so are "keys"
    // (the JWKS's member) and "or" (Cognito's "Incorrect username or password."): words on
    // the wire pass anywhere, the one blind spot of this check.
    assert_eq!(words, ["closes"]);
}
