//! `cogflow quiz [SCENARIO] --plain`: the quiz, one line at a time on stdin/stdout.
//!
//! Scriptable (`printf 'A\nC\nB\n' | cogflow quiz --plain`) and screen-reader friendly: no
//! cursor movement, no box drawing, every state said in words. Each answer and reveal is saved
//! to progress unless `--no-save`. The full-screen quiz is mode 6 of `cogflow run`.

use std::io::{self, BufRead, IsTerminal, Write};
use std::process::ExitCode;

use super::{fresh_seed, report_load_error, written};
use crate::cli::QuizArgs;
use crate::plain::lines::Lines;
use crate::progress::{Recorder, ScenarioKey};
use crate::quiz::{
    Attempt, QuestionState, QuizError, QuizSession, Retry, Score, letter_list_in, letter_str,
};
use crate::scenario;
use crate::ui::quiz::score_said;
use crate::words::{Word, Words};

/// Runs `cogflow quiz`, reading answers from stdin. `seed` is the global `--seed` (used only if
/// the scenario shuffles its choices); `learner` is recorded with every answer.
pub fn run(
    args: &QuizArgs,
    seed: Option<u64>,
    learner: &super::Recording,
    out: &mut dyn Write,
    err: &mut dyn Write,
) -> ExitCode {
    let scenario = match scenario::resolve(args.scenario.as_deref()) {
        Ok(s) => s,
        Err(error) => return report_load_error(&error, err),
    };
    learner.confirm(&scenario.words(), err);
    let learner = learner.name();
    if !args.plain {
        let note = scenario.words().get(Word::QPlainFullScreen).to_owned();
        let _ = writeln!(err, "cogflow: {note}");
    }
    let seed = seed.unwrap_or_else(fresh_seed);
    let session = match QuizSession::for_scenario(&scenario.file, seed) {
        Ok(s) => Some(s),
        Err(QuizError::Empty) => None,
        Err(e) => {
            let _ = writeln!(err, "cogflow: {}: {e}", scenario.origin);
            return ExitCode::FAILURE;
        }
    };
    let mut recorder = Recorder::open(ScenarioKey::of(&scenario), !args.no_save, learner);
    let mut session = session;
    if let Some(session) = &mut session {
        // Answers from earlier sittings stand, as the step and the predictions do in `run`.
        session.replay(&recorder.restore(&scenario.file.steps).answers);
    }
    for message in recorder.take_messages() {
        let _ = writeln!(err, "cogflow: {message}");
    }
    let stdin = io::stdin();
    // Piped answers are not echoed by a terminal; echoing them keeps the transcript readable.
    let echo = !stdin.is_terminal();
    let words = scenario.words();
    let result = match session {
        Some(mut session) => play(
            &mut session,
            &scenario.file.scenario.title,
            &words,
            &mut stdin.lock(),
            &mut *out,
            echo,
            &mut |recorded| {
                match recorded {
                    Recorded::Attempt(attempt) => recorder.attempt(attempt),
                    Recorded::StartedOver => recorder.start_over(),
                }
                for message in recorder.take_messages() {
                    let _ = writeln!(err, "cogflow: {message}");
                }
            },
        )
        .map(|_| ()),
        None => writeln!(
            out,
            "{}\n{}",
            words.get(Word::QuizNone),
            words.fill(Word::QPlainScore, &[("right", "0"), ("total", "0")])
        ),
    };
    // Only reading answers or writing the quiz can fail (`| head` is no failure).
    written(result, "cogflow", err)
}

/// What one input line means.
#[derive(Debug, Clone, PartialEq, Eq)]
enum Input {
    Answer(usize),
    Hint,
    Reveal,
    Help,
    Quit,
    /// `reset`: start the lesson over (asked first), as in `run --plain` and R in the TUI.
    StartOver,
    NoSuchChoice(String),
    Invalid,
}

/// Reads a line against a question with `choices` choices. A letter that is one of the choices
/// is an answer even if it is also a command letter (a question may have 8 choices, A to H);
/// the words `hint`, `reveal` and `quit` always work.
fn parse_input(line: &str, choices: usize) -> Input {
    let word = line.trim().to_ascii_lowercase();
    match word.as_str() {
        "?" | "help" => return Input::Help,
        "hint" => return Input::Hint,
        "reveal" | "give up" => return Input::Reveal,
        "quit" | "exit" => return Input::Quit,
        "reset" => return Input::StartOver,
        _ => {}
    }
    match crate::quiz::parse_choice(&word) {
        Some(i) if i < choices => Input::Answer(i),
        _ if word == "h" => Input::Hint,
        _ if word == "r" => Input::Reveal,
        _ if word == "q" => Input::Quit,
        Some(i) => Input::NoSuchChoice(letter_str(i)),
        None => Input::Invalid,
    }
}

/// What the plain quiz tells its recorder.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Recorded<'a> {
    /// An answer or a reveal, to save.
    Attempt(&'a Attempt),
    /// `reset`, confirmed: forget the lesson's saved step, predictions and quiz answers.
    StartedOver,
}

/// The plain quiz loop over any input and output (the binary passes stdin and stdout).
/// `record` receives every answer and reveal, and a confirmed `reset`. Returns the final score; the output's last line
/// is always the score, `Score: N/M` (`Puntuación: N/M` in a Spanish lesson), and every
/// sentence is in `words`' language.
///
/// # Errors
/// Only when reading input or writing output fails.
pub fn play(
    session: &mut QuizSession,
    title: &str,
    words: &Words,
    input: &mut dyn BufRead,
    out: &mut dyn Write,
    echo: bool,
    record: &mut dyn FnMut(Recorded<'_>),
) -> io::Result<Score> {
    let total = session.len();
    writeln!(
        out,
        "{}",
        words.fill(Word::QPlainTitle, &[("title", title)])
    )?;
    let intro = if total == 1 {
        words.get(Word::QPlainIntroOne).to_owned()
    } else {
        words.fill(Word::QPlainIntro, &[("n", &total.to_string())])
    };
    writeln!(out, "{intro}")?;
    if let Some(seed) = session.seed() {
        let seed = seed.to_string();
        writeln!(
            out,
            "{}",
            words.fill(Word::QuizShuffled, &[("seed", &seed)])
        )?;
    }
    let before = session.score();
    if before.attempts > 0 || before.revealed > 0 {
        let done = (0..total)
            .filter(|&i| session.state(i).is_some_and(QuestionState::is_finished))
            .count();
        let (done, of) = (done.to_string(), total.to_string());
        let said = words.fill(
            Word::QPlainEarlier,
            &[
                ("done", &done),
                ("total", &of),
                ("score", &score_said(&before, words)),
            ],
        );
        writeln!(out, "{said}")?;
    }
    let mut lines = Lines::new(input, out, echo);
    'rounds: loop {
        while !session.is_finished() {
            if session.current_state().is_finished() {
                session.advance();
                continue;
            }
            ask(lines.out, session, words)?;
            let finished_question = loop {
                let Some(line) = lines.ask_line("> ")? else {
                    writeln!(lines.out, "{}", words.get(Word::QPlainEndOfInput))?;
                    break 'rounds;
                };
                let choices = session.current().choices.len();
                match parse_input(&line, choices) {
                    Input::Answer(choice) => {
                        let verdict = session
                            .answer(choice)
                            .expect("the choice is in range and the question is open");
                        record(Recorded::Attempt(&verdict.attempt));
                        say_verdict(lines.out, session, &verdict, words)?;
                        if verdict.correct {
                            break true;
                        }
                    }
                    Input::Hint => match session.hint() {
                        Ok(Some(hint)) => {
                            let of = [
                                ("n", hint.number.to_string()),
                                ("total", hint.of.to_string()),
                            ];
                            let of: Vec<(&str, &str)> =
                                of.iter().map(|(k, v)| (*k, v.as_str())).collect();
                            let head = words.fill(Word::QuizHintOf, &of);
                            writeln!(lines.out, "{head}{}", hint.text)?;
                        }
                        Ok(None) | Err(_) => {
                            writeln!(lines.out, "{}", words.get(Word::QPlainNoMoreHints))?;
                        }
                    },
                    Input::Reveal => {
                        let reveal = session
                            .reveal()
                            .expect("the question is open, so it can be revealed");
                        record(Recorded::Attempt(&reveal.attempt));
                        let letter = letter_str(reveal.answer_shown);
                        let said = words.fill(
                            Word::QPlainTheAnswer,
                            &[("letter", &letter), ("text", &reveal.answer_text)],
                        );
                        writeln!(lines.out, "{said}")?;
                        if let Some(explanation) = &reveal.explanation {
                            writeln!(lines.out, "{explanation}")?;
                        }
                        break true;
                    }
                    Input::Help => {
                        let letters = letters(session, words);
                        let help = words.fill(Word::QPlainHelp, &[("letters", &letters)]);
                        writeln!(lines.out, "{help}")?;
                    }
                    Input::Quit => {
                        writeln!(lines.out, "{}", words.get(Word::QPlainStopping))?;
                        break false;
                    }
                    Input::StartOver => {
                        // As `reset` in `run --plain`: asked first, the same words.
                        let Some(yes) = lines.ask_yes(words.get(Word::PlainStartOverAsk))? else {
                            writeln!(lines.out, "{}", words.get(Word::QPlainEndOfInput))?;
                            break 'rounds;
                        };
                        if !yes {
                            writeln!(lines.out, "{}", words.get(Word::PlainKept))?;
                            continue;
                        }
                        record(Recorded::StartedOver);
                        session.start_over();
                        writeln!(lines.out, "{}", words.get(Word::QPlainStartedOver))?;
                        ask(lines.out, session, words)?;
                    }
                    Input::NoSuchChoice(letter) => {
                        let please = please(session, words);
                        let said = words.fill(
                            Word::QPlainNoSuchChoice,
                            &[("letter", &letter), ("please", &please)],
                        );
                        writeln!(lines.out, "{said}")?;
                    }
                    Input::Invalid => writeln!(lines.out, "{}", please(session, words))?,
                }
            };
            if !finished_question {
                break 'rounds;
            }
            session.advance();
        }
        writeln!(lines.out)?;
        let score = score_said(&session.score(), words);
        writeln!(
            lines.out,
            "{}",
            words.fill(Word::QPlainComplete, &[("score", &score)])
        )?;
        let missed = session.missed();
        if missed.is_empty() {
            writeln!(lines.out, "{}", words.get(Word::QPlainAgain))?;
        } else {
            let ids: Vec<&str> = missed
                .iter()
                .filter_map(|&i| session.question(i).map(|q| q.id.as_str()))
                .collect();
            let ids = ids.join(", ");
            writeln!(
                lines.out,
                "{}",
                words.fill(Word::QPlainMissed, &[("ids", &ids)])
            )?;
        }
        loop {
            let line = lines.ask_line("> ")?.unwrap_or_default();
            let which = match line.trim().to_ascii_lowercase().as_str() {
                "" | "q" | "quit" => break 'rounds,
                "m" | "missed" if !missed.is_empty() => Retry::Missed,
                "a" | "all" => Retry::All,
                _ if missed.is_empty() => {
                    writeln!(lines.out, "{}", words.get(Word::QPlainTypeA))?;
                    continue;
                }
                _ => {
                    writeln!(lines.out, "{}", words.get(Word::QPlainTypeMA))?;
                    continue;
                }
            };
            session.retry(which);
            if let Some(seed) = session.seed() {
                let (n, seed) = (session.round().to_string(), seed.to_string());
                let said = words.fill(Word::QPlainRound, &[("n", &n), ("seed", &seed)]);
                writeln!(lines.out, "{said}")?;
            }
            break;
        }
    }
    let score = session.score();
    if !session.is_finished() {
        writeln!(lines.out, "{}.", score_said(&score, words))?;
    }
    // The headline: right the first time (a second guess or a retry round does not count).
    let (right, of) = (score.first_try.to_string(), score.total.to_string());
    let headline = words.fill(Word::QPlainScore, &[("right", &right), ("total", &of)]);
    writeln!(lines.out, "{headline}")?;
    lines.out.flush()?;
    Ok(score)
}

/// "A, B, C or D" in the lesson's language.
fn letters(session: &QuizSession, words: &Words) -> String {
    letter_list_in(session.current().choices.len(), words.get(Word::Or))
}

fn please(session: &QuizSession, words: &Words) -> String {
    words.fill(Word::QPlainPlease, &[("letters", &letters(session, words))])
}

/// Shows the current question and its choices.
fn ask(out: &mut dyn Write, session: &QuizSession, words: &Words) -> io::Result<()> {
    let q = session.current();
    writeln!(out)?;
    let (n, total) = (
        (session.current_index() + 1).to_string(),
        session.len().to_string(),
    );
    let said = words.fill(
        Word::QPlainQuestion,
        &[("n", &n), ("total", &total), ("prompt", &q.prompt)],
    );
    writeln!(out, "{said}")?;
    for (i, choice) in q.choices.iter().enumerate() {
        writeln!(out, "  {}) {choice}", letter_str(i))?;
    }
    Ok(())
}

fn say_verdict(
    out: &mut dyn Write,
    session: &QuizSession,
    verdict: &crate::quiz::Verdict,
    words: &Words,
) -> io::Result<()> {
    if verdict.correct {
        writeln!(out, "{}", words.get(Word::QPlainCorrect))?;
        if let Some(explanation) = &verdict.explanation {
            writeln!(out, "{explanation}")?;
        }
        return Ok(());
    }
    let shown = verdict
        .attempt
        .choice_shown
        .map_or_else(String::new, letter_str);
    if verdict.already_tried {
        let said = words.fill(Word::QPlainIncorrectAgain, &[("letter", &shown)]);
        write!(out, "{said}")?;
    } else {
        write!(out, "{}", words.get(Word::QPlainIncorrect))?;
    }
    if verdict.hints_left > 0 {
        let n = (verdict.hints_shown + 1).to_string();
        let total = (verdict.hints_shown + verdict.hints_left).to_string();
        let said = words.fill(Word::QPlainTryAgain, &[("n", &n), ("total", &total)]);
        writeln!(out, "{said}")?;
    } else {
        writeln!(out, "{}", words.get(Word::QPlainNoHintsLeft))?;
    }
    if verdict.attempt.attempt == 1
        && let Some(step) = session.about_step()
    {
        writeln!(
            out,
            "{}",
            words.fill(Word::QPlainAbout, &[("step", &step.to_string())])
        )?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn session() -> QuizSession {
        let lesson = scenario::resolve(None).unwrap();
        QuizSession::for_scenario(&lesson.file, 0).unwrap()
    }

    fn english() -> Words {
        Words::new(
            crate::words::Language::En,
            &std::collections::BTreeMap::new(),
        )
    }

    fn run_plain(input: &str) -> (String, Score, Vec<Attempt>) {
        let mut session = session();
        let mut out = Vec::new();
        let mut attempts = Vec::new();
        let score = play(
            &mut session,
            "Lesson",
            &english(),
            &mut input.as_bytes(),
            &mut out,
            true,
            &mut |recorded| {
                if let Recorded::Attempt(a) = recorded {
                    attempts.push(a.clone());
                }
            },
        )
        .unwrap();
        (String::from_utf8(out).unwrap(), score, attempts)
    }

    #[test]
    fn parses_input_lines() {
        let cases: &[(&str, usize, Input)] = &[
            ("A", 4, Input::Answer(0)),
            ("d", 4, Input::Answer(3)),
            (" c. ", 4, Input::Answer(2)),
            ("h", 4, Input::Hint),
            ("HINT", 4, Input::Hint),
            ("r", 4, Input::Reveal),
            ("reveal", 4, Input::Reveal),
            ("?", 4, Input::Help),
            ("help", 4, Input::Help),
            ("q", 4, Input::Quit),
            ("e", 4, Input::NoSuchChoice("E".into())),
            ("", 4, Input::Invalid),
            ("abc", 4, Input::Invalid),
            ("42", 4, Input::Invalid),
            ("h", 8, Input::Answer(7)),
            ("hint", 8, Input::Hint),
            ("r", 18, Input::Answer(17)),
        ];
        for (line, choices, want) in cases {
            assert_eq!(
                parse_input(line, *choices),
                *want,
                "{line:?} with {choices}"
            );
        }
    }

    #[test]
    fn all_right_scores_three_of_three() {
        let (out, score, attempts) = run_plain("A\nC\nB\n");
        assert_eq!((score.right, score.total), (3, 3));
        assert!(out.ends_with("Score: 3/3\n"), "{out}");
        assert_eq!(out.matches("Correct.").count(), 3);
        assert_eq!(attempts.len(), 3);
    }

    #[test]
    fn end_of_input_midway_keeps_the_partial_score() {
        let (out, score, _) = run_plain("A\nB\n");
        assert_eq!((score.right, score.total), (1, 3));
        assert!(out.contains("End of input: the quiz stops here."));
        assert!(
            out.ends_with("1 of 3 right the first time, no hints used.\nScore: 1/3\n"),
            "{out}"
        );
    }

    #[test]
    fn retry_missed_asks_only_those_in_a_new_order_and_the_score_stays_honest() {
        let (out, score, attempts) = run_plain("A\nr\nB\nm\nr\n\n");
        assert_eq!((score.first_try, score.right), (2, 2));
        assert_eq!(attempts.len(), 4);
        assert!(attempts[1].revealed);
        assert_eq!(attempts[3].question_id, "q2");
        assert_eq!(attempts[3].round, 2);
        assert_eq!(
            attempts[3].seed,
            Some(0),
            "round 2 is shuffled from the seed"
        );
        assert!(out.contains("Not right the first time: q2."), "{out}");
        assert!(
            out.contains("Round 2: the choices are in a new order (seed 0)."),
            "{out}"
        );
        assert_eq!(out.matches("Question 2 of 3").count(), 2);
        assert_eq!(out.matches("Question 1 of 3").count(), 1);
        assert!(out.ends_with("Score: 2/3\n"), "{out}");
    }

    #[test]
    fn guessing_until_right_scores_nothing() {
        // The issue's case: no first answer right (B, A, D wrong first), then right.
        let (out, score, _) = run_plain("B\nA\nA\nC\nD\nB\n");
        assert_eq!((score.first_try, score.right), (0, 3));
        assert!(out.ends_with("Score: 0/3\n"), "{out}");
        assert!(
            out.contains("Incorrect. Try again, or type h for hint 1 of 2."),
            "{out}"
        );
        assert!(
            !out.contains("Hint 1 of 2:"),
            "no hint is shown unasked:\n{out}"
        );
    }

    #[test]
    fn invalid_utf8_is_just_an_invalid_line() {
        let mut session = session();
        let mut out = Vec::new();
        let input: &[u8] = b"\xff\xfe\nA\n";
        play(
            &mut session,
            "L",
            &english(),
            &mut &input[..],
            &mut out,
            false,
            &mut |_| {},
        )
        .unwrap();
        let out = String::from_utf8(out).unwrap();
        assert!(out.contains("Please answer A, B, C or D (h for a hint, ? for help)."));
        assert!(out.contains("Correct."));
    }
}
