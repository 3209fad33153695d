//! What a printed handout holds (Markdown and HTML alike): the seed page's sections in its
//! order, for one run or for every branch, with or without hints, answers and the run's raw
//! requests and responses.

use super::doc::{Block, Question, Span, text};
use super::{
    Options, branch_name, diagram_lines, heading, meta_line, readable_times, shorten_json,
    step_refs, subheading, table_header, table_rows, time_fields, tracker_cells,
};
use crate::flow::{Check, Outcome, Run, ValuesKind};
use crate::scenario::Scenario;
use crate::scenario::vocab::{answer_index, letter_str};
use crate::words::{Word, Words};

/// The handout of `runs` (the shown one, or every branch: the first is the main path). With
/// several runs, each branch's process table and tracker (and details) get a heading of their
/// own; the lesson's other sections come once.
#[must_use]
pub fn handout(scenario: &Scenario, runs: &[Run], options: Options) -> Vec<Block> {
    let Some(first) = runs.first() else {
        return Vec::new();
    };
    let file = &scenario.file;
    let words = &scenario.words();
    let all = runs.len() > 1;
    let mut out = vec![Block::Heading(1, text(heading(scenario, words)))];
    let sub = if all {
        let branches = words.fill(Word::DocAllBranches, &[("n", &runs.len().to_string())]);
        meta_line(scenario, &branches, first.seed, words)
    } else {
        subheading(scenario, first, words)
    };
    out.push(Block::Para(vec![Span::Emph(sub)]));
    if let Some(summary) = &file.scenario.summary {
        out.push(Block::Para(text(summary.clone())));
    }

    let diagram = diagram_lines(scenario, first, words);
    if !diagram.is_empty() {
        let reached = words.get(if all {
            Word::DocReachedMain
        } else {
            Word::DocReachedRun
        });
        let mut flow = vec![
            Block::Heading(2, text(words.get(Word::DocProcessFlow))),
            Block::Code {
                lang: "text".into(),
                text: diagram.join("\n"),
            },
            Block::Para(vec![Span::Code("*".into()), Span::Text(reached.to_owned())]),
        ];
        if let Some(caption) = file.diagram.as_ref().and_then(|d| d.caption.as_ref()) {
            flow.push(Block::Para(text(caption.clone())));
        }
        out.push(Block::Keep(flow));
    }

    if let Some(sample) = &file.sample {
        out.push(Block::Heading(2, text(words.get(Word::DocSample))));
        out.push(Block::Code {
            lang: sample.language.as_deref().unwrap_or("text").to_lowercase(),
            text: sample.lines.join("\n"),
        });
        if let Some(caption) = &sample.caption {
            out.push(Block::Para(text(caption.clone())));
        }
    }

    for (i, run) in runs.iter().enumerate() {
        let level = if all {
            out.push(Block::Heading(
                2,
                text(words.fill(
                    Word::DocBranchOf,
                    &[
                        ("n", &(i + 1).to_string()),
                        ("total", &runs.len().to_string()),
                        ("name", &branch_name(scenario, run, words)),
                    ],
                )),
            ));
            3
        } else {
            2
        };
        push_tables(&mut out, scenario, run, level, words);
    }

    if !file.moments.is_empty() {
        out.push(Block::Heading(2, text(words.get(Word::DocMoments))));
        for moment in &file.moments {
            let refs = step_refs(scenario, first, &moment.steps, words);
            let mut spans = text(moment.text.clone());
            if !refs.is_empty() {
                spans.push(Span::Text(" ".into()));
                spans.push(Span::Emph(words.fill(Word::DocSee, &[("refs", &refs)])));
            }
            out.push(Block::Keep(vec![
                Block::Para(vec![Span::Strong(moment.title.clone())]),
                Block::Para(spans),
            ]));
        }
    }

    if !file.questions.is_empty() {
        out.push(Block::Heading(2, text(words.get(Word::DocQuiz))));
        for (i, question) in file.questions.iter().enumerate() {
            let answer = if options.answers && !options.student {
                answer_index(&question.answer, question.choices.len()).map(|index| {
                    (
                        letter_str(index),
                        question.choices[index].clone(),
                        question.explanation.clone(),
                    )
                })
            } else {
                None
            };
            out.push(Block::Question(Question {
                number: i + 1,
                prompt: question.prompt.clone(),
                choices: question.choices.clone(),
                hints: if options.no_hints {
                    Vec::new()
                } else {
                    question.hints.clone()
                },
                answer,
                labels: [Word::DocHint, Word::DocAnswer, Word::DocAnswerBlank]
                    .map(|w| words.get(w).to_owned()),
            }));
        }
    }

    if let Some(snapshot) = &file.snapshot {
        out.push(Block::Heading(2, text(words.get(Word::DocSnapshot))));
        out.push(Block::Keep(vec![Block::Bullets(
            snapshot.lines.iter().map(|l| text(l.clone())).collect(),
        )]));
    }

    if options.student {
        return out;
    }
    if let Some(transcript) = &file.transcript {
        out.push(Block::Heading(2, text(words.get(Word::DocFull))));
        for paragraph in transcript.text.split("\n\n") {
            out.push(Block::Para(text(paragraph.trim().to_owned())));
        }
    }
    for run in runs {
        push_details(&mut out, scenario, run, words);
    }
    out
}

/// The process table and the status tracker of one run.
fn push_tables(out: &mut Vec<Block>, scenario: &Scenario, run: &Run, level: u8, words: &Words) {
    let readable = |rows: Vec<Vec<String>>| -> Vec<Vec<String>> {
        rows.into_iter()
            .map(|row| row.iter().map(|c| readable_times(c).into_owned()).collect())
            .collect()
    };
    let rows = readable(table_rows(run, words).into_iter().map(Vec::from).collect());
    out.push(Block::Heading(
        level,
        text(words.get(Word::DocProcessTable)),
    ));
    out.push(Block::Table {
        header: table_header(words),
        rows,
    });
    if let Some(note) = &scenario.file.scenario.table_note {
        out.push(Block::Quote(text(note.clone())));
    }
    out.push(Block::Heading(
        level,
        text(words.get(Word::DocStatusTracker)),
    ));
    let (header, rows) = tracker_cells(run, words);
    out.push(Block::Table {
        header,
        rows: readable(rows),
    });
}

fn checks(checks: &[Check], words: &Words) -> Block {
    Block::Bullets(
        checks
            .iter()
            .map(|check| {
                let mark = if check.passed { "✓" } else { "✗" };
                text(format!(
                    "{mark} {}: {}",
                    words.said(&check.name),
                    words.said(&readable_times(&check.detail))
                ))
            })
            .collect(),
    )
}

/// One run's pool, then every step's explanation, outcome, request and response (with the
/// times in them said as dates), checks and SRP numbers.
fn push_details(out: &mut Vec<Block>, scenario: &Scenario, run: &Run, words: &Words) {
    let branch = branch_name(scenario, run, words);
    out.push(Block::Heading(
        2,
        text(words.fill(Word::DocRunDetails, &[("branch", &branch)])),
    ));
    let pool = &run.pool;
    let label = |word: Word| Span::Text(format!("{} ", words.get(word)));
    let mut about = vec![
        vec![
            label(Word::DocUserPool),
            Span::Code(pool.pool_id.clone()),
            Span::Text(format!(" ({})", pool.region)),
        ],
        vec![
            label(Word::DocAppClient),
            Span::Code(pool.client_id.clone()),
        ],
        vec![label(Word::DocIssuer), Span::Code(pool.issuer.clone())],
        text(format!(
            "{} {}",
            words.get(Word::DocPolicy),
            words.said(&pool.password_policy)
        )),
    ];
    if let Some(note) = &pool.policy_note {
        about.push(vec![
            Span::Strong(words.get(Word::DocSimplification).to_owned()),
            Span::Text(format!(" {note}")),
        ]);
    }
    about.push(text(format!(
        "{} {}",
        words.get(Word::DocClock),
        crate::flow::time::format_at_offset(pool.clock_start, pool.clock_offset_minutes)
    )));
    out.push(Block::Bullets(about));
    let mut previous = None;
    for frame in &run.frames {
        let mut step = vec![Block::Heading(
            3,
            text(words.fill(
                Word::DocStepHeading,
                &[
                    ("n", &frame.number.to_string()),
                    ("action", &frame.row.action),
                ],
            )),
        )];
        if let Some(explanation) = &frame.explanation {
            step.push(Block::Para(text(explanation.clone())));
        }
        if let Some(snippet) = &frame.snippet {
            step.push(Block::Para(vec![Span::Emph(
                words.get(Word::PlainCode).to_owned(),
            )]));
            step.push(Block::Code {
                lang: String::new(),
                text: snippet.clone(),
            });
        }
        if let Outcome::Error { exception, message } = &frame.outcome {
            step.push(Block::Para(vec![
                Span::Text(format!("{} ", words.get(Word::DocOutcome))),
                Span::Code(readable_times(&format!("{exception}: {message}")).into_owned()),
            ]));
        }
        out.push(Block::Keep(step));
        if let Some(api) = &frame.api {
            for (label, body) in [
                (Word::DocRequest, &api.request),
                (Word::DocResponse, &api.response),
            ] {
                if let Some(body) = body {
                    out.push(Block::Para(text(
                        words.fill(label, &[("operation", &api.operation), ("status", "")]),
                    )));
                    out.push(Block::Code {
                        lang: "json".into(),
                        text: crate::sanitize::to_json_pretty(&shorten_json(body))
                            .unwrap_or_default(),
                    });
                    let times = time_fields(body);
                    if !times.is_empty() {
                        let said: Vec<String> = times
                            .iter()
                            .map(|(key, at)| {
                                format!("{key} = {}", crate::flow::time::format_utc(*at))
                            })
                            .collect();
                        out.push(Block::Para(vec![
                            Span::Emph(words.get(Word::DocTimes).to_owned()),
                            Span::Text(format!(" {}", said.join("; "))),
                        ]));
                    }
                }
            }
        }
        if !frame.cognito_checks.is_empty() {
            out.push(Block::Para(text(words.get(Word::DocCognitoChecked))));
            out.push(checks(&frame.cognito_checks, words));
        }
        if let Some(verification) = &frame.verification {
            out.push(checks(&verification.checks, words));
        }
        if let Some(parameters) = crate::flow::authorize::parameters(frame) {
            out.push(Block::Para(text(words.get(Word::AuthorizeHeading))));
            out.push(Block::Bullets(
                parameters
                    .iter()
                    .map(|p| {
                        let [what_for, checked] = p.notes(words);
                        vec![
                            Span::Text(p.glyph().to_owned()),
                            Span::Code(p.sent(words)),
                            Span::Text(format!(" — {what_for} {checked}")),
                        ]
                    })
                    .collect(),
            ));
        }
        let computed = frame.srp_new(previous);
        if let Some(kind) = frame.values_kind().filter(|_| !computed.is_empty()) {
            let values = words.get(match kind {
                ValuesKind::Srp => Word::TokenValuesSrp,
                ValuesKind::Pkce => Word::TokenValuesPkce,
            });
            out.push(Block::Para(text(
                words.fill(Word::DocComputed, &[("values", values)]),
            )));
            out.push(Block::Values(
                computed
                    .iter()
                    .map(|value| {
                        (
                            vec![
                                Span::Text(format!("{} ", words.said(value.side.name()))),
                                Span::Strong(value.name.clone()),
                                Span::Text(format!(": {}", words.said(&value.meaning))),
                            ],
                            value.value.clone(),
                        )
                    })
                    .collect(),
            ));
        }
        previous = Some(frame);
    }
    out.push(Block::Para(vec![
        Span::Strong(words.get(Word::DocOutcome).to_owned()),
        Span::Text(format!(" {}", run.outcome)),
    ]));
}
