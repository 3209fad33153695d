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
use crate::quiz::{Attempt, QuestionState, QuizError, QuizSession, Retry, Score, letter_str};
use crate::scenario;

/// Runs `cogflow quiz`, reading answers from stdin. `seed` is the global `--seed` (used only if
/// the scenario shuffles its choices); `learner` is recorded with every answer.
pub fn run(
    args: &QuizArgs,
    seed: Option<u64>,
    learner: Option<&str>,
    out: &mut dyn Write,
    err: &mut dyn Write,
) -> ExitCode {
    let scenario = match scenario::resolve(args.scenario.as_deref()) {
        Ok(s) => s,
        Err(error) => return report_load_error(&error, err),
    };
    if !args.plain {
        let _ = writeln!(
            err,
            "cogflow: the full-screen quiz is mode 6 of `cogflow run` (press 6); here is the plain quiz."
        );
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
    let result = match session {
        Some(mut session) => play(
            &mut session,
            &scenario.file.scenario.title,
            &mut stdin.lock(),
            &mut *out,
            echo,
            &mut |attempt| {
                recorder.attempt(attempt);
                for message in recorder.take_messages() {
                    let _ = writeln!(err, "cogflow: {message}");
                }
            },
        )
        .map(|_| ()),
        None => writeln!(out, "This lesson has no quiz.\nScore: 0/0"),
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

/// The plain quiz loop over any input and output (the binary passes stdin and stdout).
/// `record` receives every answer and reveal. Returns the final score; the output's last line
/// is always `Score: N/M`.
///
/// # Errors
/// Only when reading input or writing output fails.
pub fn play(
    session: &mut QuizSession,
    title: &str,
    input: &mut dyn BufRead,
    out: &mut dyn Write,
    echo: bool,
    record: &mut dyn FnMut(&Attempt),
) -> io::Result<Score> {
    let total = session.len();
    writeln!(out, "Quiz: {title}")?;
    writeln!(
        out,
        "{total} question{}. Type the letter of your answer and press Enter; h for a hint, \
         r to reveal the answer, ? for help.",
        if total == 1 { "" } else { "s" }
    )?;
    if let Some(seed) = session.seed() {
        writeln!(
            out,
            "Choices are shuffled (seed {seed}); your results record the order you saw."
        )?;
    }
    let before = session.score();
    if before.attempts > 0 || before.revealed > 0 {
        let done = (0..total)
            .filter(|&i| session.state(i).is_some_and(QuestionState::is_finished))
            .count();
        writeln!(
            out,
            "Your earlier answers stand: {done} of {total} questions done ({before})."
        )?;
    }
    let mut lines = Lines::new(input, out, echo);
    'rounds: loop {
        while !session.is_finished() {
            if session.current_state().is_finished() {
                session.advance();
                continue;
            }
            ask(lines.out, session)?;
            let finished_question = loop {
                let Some(line) = lines.ask_line("> ")? else {
                    writeln!(lines.out, "End of input: the quiz stops here.")?;
                    break 'rounds;
                };
                let choices = session.current().choices.len();
                match parse_input(&line, choices) {
                    Input::Answer(choice) => {
                        let verdict = session
                            .answer(choice)
                            .expect("the choice is in range and the question is open");
                        record(&verdict.attempt);
                        say_verdict(lines.out, session, &verdict)?;
                        if verdict.correct {
                            break true;
                        }
                    }
                    Input::Hint => match session.hint() {
                        Ok(Some(hint)) => writeln!(lines.out, "{hint}")?,
                        Ok(None) | Err(_) => {
                            writeln!(lines.out, "No more hints: type r to see the answer.")?;
                        }
                    },
                    Input::Reveal => {
                        let reveal = session
                            .reveal()
                            .expect("the question is open, so it can be revealed");
                        record(&reveal.attempt);
                        writeln!(
                            lines.out,
                            "The answer is {}: {}",
                            letter_str(reveal.answer_shown),
                            reveal.answer_text
                        )?;
                        if let Some(explanation) = &reveal.explanation {
                            writeln!(lines.out, "{explanation}")?;
                        }
                        break true;
                    }
                    Input::Help => help(lines.out, &session.current().letters())?,
                    Input::Quit => {
                        writeln!(lines.out, "Stopping the quiz here.")?;
                        break false;
                    }
                    Input::NoSuchChoice(letter) => writeln!(
                        lines.out,
                        "There is no choice {letter}. {}",
                        please(&session.current().letters())
                    )?,
                    Input::Invalid => {
                        writeln!(lines.out, "{}", please(&session.current().letters()))?;
                    }
                }
            };
            if !finished_question {
                break 'rounds;
            }
            session.advance();
        }
        writeln!(lines.out)?;
        writeln!(lines.out, "Quiz complete: {}.", session.score())?;
        let missed = session.missed();
        if missed.is_empty() {
            writeln!(
                lines.out,
                "Type a to take the quiz again, or press Enter to finish."
            )?;
        } else {
            let ids: Vec<&str> = missed
                .iter()
                .filter_map(|&i| session.question(i).map(|q| q.id.as_str()))
                .collect();
            writeln!(
                lines.out,
                "Not right the first time: {}. Type m to retry those, a to retry all, or press \
                 Enter to finish.",
                ids.join(", ")
            )?;
        }
        loop {
            let line = lines.ask_line("> ")?.unwrap_or_default();
            let which = match line.trim().to_ascii_lowercase().as_str() {
                "" | "q" | "quit" => break 'rounds,
                "m" | "missed" if !missed.is_empty() => Retry::Missed,
                "a" | "all" => Retry::All,
                _ if missed.is_empty() => {
                    writeln!(lines.out, "Please type a, or press Enter to finish.")?;
                    continue;
                }
                _ => {
                    writeln!(lines.out, "Please type m or a, or press Enter to finish.")?;
                    continue;
                }
            };
            session.retry(which);
            if let Some(seed) = session.seed() {
                writeln!(
                    lines.out,
                    "Round {}: the choices are in a new order (seed {seed}).",
                    session.round()
                )?;
            }
            break;
        }
    }
    let score = session.score();
    if !session.is_finished() {
        writeln!(lines.out, "{score}.")?;
    }
    // The headline: right the first time (a second guess or a retry round does not count).
    writeln!(lines.out, "Score: {}/{}", score.first_try, score.total)?;
    lines.out.flush()?;
    Ok(score)
}

fn please(letters: &str) -> String {
    format!("Please answer {letters} (h for a hint, ? for help).")
}

/// Shows the current question and its choices.
fn ask(out: &mut dyn Write, session: &QuizSession) -> io::Result<()> {
    let q = session.current();
    writeln!(out)?;
    writeln!(
        out,
        "Question {} of {}: {}",
        session.current_index() + 1,
        session.len(),
        q.prompt
    )?;
    for (i, choice) in q.choices.iter().enumerate() {
        writeln!(out, "  {}) {choice}", letter_str(i))?;
    }
    Ok(())
}

fn say_verdict(
    out: &mut dyn Write,
    session: &QuizSession,
    verdict: &crate::quiz::Verdict,
) -> io::Result<()> {
    if verdict.correct {
        writeln!(out, "Correct.")?;
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
        write!(out, "Incorrect (you already tried {shown}).")?;
    } else {
        write!(out, "Incorrect.")?;
    }
    if verdict.hints_left > 0 {
        writeln!(
            out,
            " Try again, or type h for hint {} of {}.",
            verdict.hints_shown + 1,
            verdict.hints_shown + verdict.hints_left
        )?;
    } else {
        writeln!(
            out,
            " No more hints: try again, or type r to see the answer."
        )?;
    }
    if verdict.attempt.attempt == 1
        && let Some(step) = session.about_step()
    {
        writeln!(out, "This question is about the step \"{step}\".")?;
    }
    Ok(())
}

fn help(out: &mut dyn Write, letters: &str) -> io::Result<()> {
    writeln!(
        out,
        "Type the letter of your answer ({letters}) and press Enter; upper or lower case.\n\
         \x20 h or hint    show the next hint (they come one at a time, in order)\n\
         \x20 r or reveal  give up: show the answer and its explanation (recorded as revealed)\n\
         \x20 q or quit    stop and show the score\n\
         \x20 ?            this help\n\
         End of input (Ctrl-D) also stops the quiz and shows the score."
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    fn session() -> QuizSession {
        let lesson = scenario::resolve(None).unwrap();
        QuizSession::for_scenario(&lesson.file, 0).unwrap()
    }

    fn run_plain(input: &str) -> (String, Score, Vec<Attempt>) {
        let mut session = session();
        let mut out = Vec::new();
        let mut attempts = Vec::new();
        let score = play(
            &mut session,
            "Lesson",
            &mut input.as_bytes(),
            &mut out,
            true,
            &mut |a| attempts.push(a.clone()),
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
