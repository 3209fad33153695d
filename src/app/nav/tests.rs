//! The navigation machine, one row per move of [`transition`], in its order.

use super::*;
use crate::progress::learner as progress_name;
use Effect as F;
use Event as E;
use Mode::{Flow, Quiz, StepThrough as Steps, Table};
use Overlay as O;
use Place::{At, Last, Next, Seek};

/// Branch 0: five steps, done; steps 3 and 4 ask a prediction (5 and 4 choices).
/// Branch 1: three steps computed, still running. Branch 2: nothing computed yet.
/// Branch 3: live (`cogflow serve`), three calls so far.
fn world() -> World {
    let frame = |step_index, predict| FrameFacts {
        step_index,
        predict,
    };
    let main = (0..5)
        .map(|i| match i {
            2 => frame(i, Predict::Open { choices: 5 }),
            3 => frame(i, Predict::Open { choices: 4 }),
            _ => frame(i, Predict::None),
        })
        .collect();
    World {
        branches: vec![
            BranchFacts {
                frames: main,
                total: Some(5),
                live: false,
            },
            BranchFacts {
                frames: (0..3).map(|i| frame(i, Predict::None)).collect(),
                total: None,
                live: false,
            },
            BranchFacts::default(),
            BranchFacts {
                frames: (0..3).map(|i| frame(i, Predict::None)).collect(),
                total: None,
                live: true,
            },
        ],
        file_steps: 7,
        ask_name: false,
    }
}

fn nav(branch: usize, place: Place, mode: Mode, overlay: Overlay) -> Nav {
    Nav {
        cursor: Cursor {
            branch,
            place,
            mode,
        },
        overlay,
    }
}

/// On the main path in step-through.
fn main(place: Place, overlay: Overlay) -> Nav {
    nav(0, place, Steps, overlay)
}

fn to(nav: Nav, effects: Vec<Effect>) -> Result<Moved, Refusal> {
    Ok(Moved { nav, effects })
}

fn ask(index: usize, selected: usize) -> Ask {
    Ask { index, selected }
}

const DETOUR: Detour = Detour {
    branch: 0,
    step: 4,
    question: 1,
};

fn jump(digits: &str, under: Base) -> Overlay {
    O::Jump {
        digits: digits.to_owned(),
        under,
    }
}

/// Eighteen lessons, the one on screen second.
const LESSONS: List = List::Lessons {
    count: 18,
    current: Some(1),
};

fn branches(selected: usize, under: Base) -> Overlay {
    O::Pick(Picking {
        list: List::Branches,
        selected,
        under,
    })
}

fn lessons(selected: usize) -> Overlay {
    O::Pick(Picking {
        list: LESSONS,
        selected,
        under: Base::Lesson,
    })
}

fn compare(other: usize, row: usize) -> Overlay {
    O::Compare(Comparing {
        other,
        row,
        under: Base::Lesson,
    })
}

#[test]
#[allow(clippy::too_many_lines)] // the table is the specification
fn transition_table() {
    use Base::Lesson;
    let asking = O::Prediction(ask(2, 0));
    let asking_3 = O::Prediction(ask(3, 0));
    let detour = O::Detour(DETOUR);
    #[rustfmt::skip]
    let rows: Vec<(u32, Nav, Event, Result<Moved, Refusal>)> = vec![
        // Quitting, reloading, arrivals: the same in every state.
        (line!(), main(At(0), O::None), E::Quit, to(main(At(0), O::None), vec![F::Quit])),
        (line!(), main(At(0), O::Form { under: Lesson }), E::Quit,
            to(main(At(0), O::Form { under: Lesson }), vec![F::Quit])),
        (line!(), main(At(3), O::Help { under: Lesson }), E::Reloaded { branch: 1, step: 2 },
            to(nav(1, At(2), Steps, O::None), vec![F::Request(1)])),
        (line!(), nav(1, Next { from: 2 }, Steps, O::None), E::Arrived,
            to(nav(1, Next { from: 2 }, Steps, O::None), vec![])),
        (line!(), main(Next { from: 1 }, O::None), E::Arrived, to(main(At(1), asking.clone()), vec![])),
        (line!(), main(Next { from: 0 }, O::None), E::Arrived, to(main(At(1), O::None), vec![])),
        (line!(), main(Next { from: 4 }, O::None), E::Arrived,
            to(main(At(4), O::None), vec![F::Say(Notice::RunEnded { total: 5 })])),
        (line!(), main(Last { from: 0 }, O::None), E::Arrived,
            to(main(At(4), O::None), vec![F::Say(Notice::PassedPredictions(vec![3, 4]))])),
        (line!(), main(Seek(3), detour.clone()), E::Arrived,
            to(main(At(3), detour.clone()), vec![F::Say(Notice::DetourStep { step: 4, question: 1 })])),
        (line!(), main(Seek(9), detour.clone()), E::Arrived,
            to(main(At(4), detour.clone()), vec![F::Say(Notice::NotOnBranch)])),
        (line!(), main(At(7), O::None), E::Arrived, to(main(At(4), O::None), vec![])),
        (line!(), main(Next { from: 1 }, O::Help { under: Lesson }), E::Arrived,
            to(main(At(1), O::Help { under: Base::Prediction(ask(2, 0)) }), vec![])),
        // Help.
        (line!(), main(At(1), O::Help { under: Base::Prediction(ask(2, 1)) }), E::Help,
            to(main(At(1), O::Prediction(ask(2, 1))), vec![])),
        (line!(), main(At(1), O::Help { under: Lesson }), E::BackOut, to(main(At(1), O::None), vec![])),
        (line!(), main(At(1), O::Help { under: Lesson }), E::Other,
            to(main(At(1), O::Help { under: Lesson }), vec![F::Pass])),
        (line!(), main(At(1), O::Help { under: Lesson }), E::Next, Err(Refusal::NotHere)),
        (line!(), main(At(1), O::Help { under: Lesson }), E::GoTo(2), Err(Refusal::NotHere)),
        // The form.
        (line!(), main(At(1), O::Form { under: Base::Detour(DETOUR) }), E::BackOut,
            to(main(At(1), detour.clone()), vec![])),
        (line!(), main(At(1), O::Form { under: Lesson }), E::Other,
            to(main(At(1), O::Form { under: Lesson }), vec![F::Pass])),
        (line!(), main(At(1), O::Form { under: Lesson }), E::TryStarted { branch: 2 },
            to(nav(2, Last { from: 0 }, Steps, O::None), vec![])),
        (line!(), main(At(1), O::Form { under: Lesson }), E::Next, Err(Refusal::NotHere)),
        // A step number.
        (line!(), main(At(0), jump("1", Lesson)), E::JumpDigit(2), to(main(At(0), jump("12", Lesson)), vec![])),
        (line!(), main(At(0), jump("", Lesson)), E::JumpDigit(0), to(main(At(0), jump("", Lesson)), vec![])),
        (line!(), main(At(0), jump("1234", Lesson)), E::JumpDigit(5),
            to(main(At(0), jump("1234", Lesson)), vec![])),
        (line!(), main(At(0), jump("12", Lesson)), E::JumpBackspace, to(main(At(0), jump("1", Lesson)), vec![])),
        (line!(), main(At(0), jump("1", Lesson)), E::JumpBackspace, to(main(At(0), O::None), vec![])),
        (line!(), main(At(0), jump("1", Base::Detour(DETOUR))), E::BackOut, to(main(At(0), detour.clone()), vec![])),
        (line!(), main(At(0), jump("4", Lesson)), E::JumpGo,
            to(main(At(3), O::None), vec![F::Say(Notice::PassedPredictions(vec![3, 4]))])),
        (line!(), main(At(3), jump("2", Lesson)), E::JumpGo, to(main(At(1), O::None), vec![])),
        (line!(), nav(0, At(0), Quiz, jump("2", Lesson)), E::JumpGo, to(main(At(1), O::None), vec![])),
        (line!(), main(At(1), jump("3", Base::Prediction(ask(2, 0)))), E::JumpGo,
            to(main(At(2), O::None), vec![F::Say(Notice::PassedPredictions(vec![3]))])),
        (line!(), main(At(0), jump("24", Lesson)), E::JumpGo,
            Err(Refusal::NoSuchStep { number: 24, steps: 5 })),
        (line!(), nav(1, At(0), Steps, jump("8", Lesson)), E::JumpGo,
            Err(Refusal::NoSuchStep { number: 8, steps: 7 })),
        (line!(), main(At(0), jump("", Lesson)), E::JumpGo, Err(Refusal::NoNumber)),
        (line!(), main(At(0), jump("3", Lesson)), E::JumpStart, to(main(At(0), jump("", Lesson)), vec![])),
        (line!(), main(At(3), jump("9", Lesson)), E::GoTo(1), to(main(At(0), O::None), vec![])),
        (line!(), main(At(0), jump("3", Lesson)), E::Next, to(main(At(1), O::None), vec![])),
        (line!(), main(At(0), jump("3", Lesson)), E::Mode(Table), to(nav(0, At(0), Table, O::None), vec![])),
        (line!(), main(At(0), jump("3", Lesson)), E::Other, to(main(At(0), O::None), vec![F::Pass])),
        (line!(), main(At(0), jump("3", Lesson)), E::TryStarted { branch: 2 }, Err(Refusal::NotHere)),
        // Opening a modal layer over a base.
        (line!(), main(At(0), O::None), E::Help, to(main(At(0), O::Help { under: Lesson }), vec![])),
        (line!(), main(At(1), asking.clone()), E::Help,
            to(main(At(1), O::Help { under: Base::Prediction(ask(2, 0)) }), vec![])),
        (line!(), main(At(1), detour.clone()), E::JumpStart,
            to(main(At(1), jump("", Base::Detour(DETOUR))), vec![])),
        (line!(), nav(0, At(1), Mode::Token, detour.clone()), E::OpenForm,
            to(nav(0, At(1), Mode::Token, O::Form { under: Base::Detour(DETOUR) }), vec![])),
        (line!(), main(At(0), O::None), E::Other, to(main(At(0), O::None), vec![F::Pass])),
        // The bare lesson.
        (line!(), main(At(0), O::None), E::Next, to(main(At(1), O::None), vec![])),
        (line!(), main(At(1), O::None), E::Next, to(main(At(1), asking.clone()), vec![])),
        (line!(), main(At(4), O::None), E::Next, Err(Refusal::AtLast { total: 5 })),
        (line!(), nav(1, At(2), Steps, O::None), E::Next, to(nav(1, Next { from: 2 }, Steps, O::None), vec![])),
        (line!(), nav(1, Next { from: 2 }, Steps, O::None), E::Next, Err(Refusal::StillChecking { step: 4 })),
        // The first screen (or a resumed step) before its frame: → waits for the next step.
        (line!(), nav(2, At(0), Steps, O::None), E::Next, to(nav(2, Next { from: 0 }, Steps, O::None), vec![])),
        (line!(), nav(2, At(3), Steps, O::None), E::Next, to(nav(2, Next { from: 3 }, Steps, O::None), vec![])),
        (line!(), main(At(0), O::None), E::Back, Err(Refusal::AtFirst)),
        (line!(), main(At(3), O::None), E::Back, to(main(At(2), O::None), vec![])),
        (line!(), nav(1, Next { from: 2 }, Steps, O::None), E::Back, to(nav(1, At(2), Steps, O::None), vec![])),
        (line!(), main(At(3), O::None), E::First, to(main(At(0), O::None), vec![])),
        (line!(), main(At(0), O::None), E::First, Err(Refusal::AtFirst)),
        // Before any frame (a cold start): Home takes back a pending End or →, so the
        // frames' arrival does not carry the learner to the last step after all.
        (line!(), nav(2, Last { from: 0 }, Steps, O::None), E::First, to(nav(2, At(0), Steps, O::None), vec![])),
        (line!(), nav(2, Next { from: 0 }, Steps, O::None), E::First, to(nav(2, At(0), Steps, O::None), vec![])),
        (line!(), nav(2, At(0), Steps, O::None), E::First, Err(Refusal::AtFirst)),
        (line!(), main(At(0), O::None), E::Last,
            to(main(At(4), O::None), vec![F::Say(Notice::PassedPredictions(vec![3, 4]))])),
        (line!(), main(At(4), O::None), E::Last, Err(Refusal::AtLast { total: 5 })),
        (line!(), nav(1, At(0), Steps, O::None), E::Last, to(nav(1, Last { from: 0 }, Steps, O::None), vec![])),
        (line!(), main(At(2), O::None), E::Mode(Flow), to(nav(0, At(2), Flow, O::None), vec![])),
        (line!(), main(At(3), O::None), E::Branch(Towards::Next),
            to(nav(1, At(3), Steps, O::None), vec![F::Request(1), F::Say(Notice::Branch)])),
        (line!(), main(At(3), O::None), E::Branch(Towards::Prev),
            to(nav(3, At(3), Steps, O::None), vec![F::Request(3), F::Say(Notice::Branch)])),
        (line!(), nav(1, At(2), Steps, O::None), E::Branch(Towards::Prev),
            to(main(At(2), O::None), vec![F::Request(0), F::Say(Notice::Branch)])),
        // The step asked for goes along, not the one shown: branch 2 shows nothing yet.
        (line!(), nav(2, At(3), Steps, O::None), E::Branch(Towards::Prev),
            to(nav(1, At(3), Steps, O::None), vec![F::Request(1), F::Say(Notice::Branch)])),
        (line!(), nav(2, At(3), Steps, O::None), E::Branch(Towards::Next),
            to(nav(3, At(3), Steps, O::None), vec![F::Request(3), F::Say(Notice::Branch)])),
        (line!(), nav(1, Next { from: 2 }, Steps, O::None), E::Branch(Towards::Prev),
            to(main(At(2), asking_3.clone()), vec![F::Request(0), F::Say(Notice::Branch)])),
        (line!(), main(At(0), O::None), E::BackOut, Err(Refusal::NothingOpen)),
        (line!(), main(At(0), O::None), E::GoTo(5),
            to(main(At(4), O::None), vec![F::Say(Notice::PassedPredictions(vec![3, 4]))])),
        (line!(), main(At(2), detour.clone()), E::GoTo(12), Err(Refusal::NoSuchStep { number: 12, steps: 5 })),
        (line!(), main(At(1), asking.clone()), E::GoTo(1), to(main(At(0), O::None), vec![])),
        (line!(), nav(0, At(4), Quiz, O::None), E::ShowStep { question: 2, found: Found::At { branch: 1, index: 2 } },
            to(nav(1, At(2), Steps, O::Detour(Detour { branch: 0, step: 4, question: 2 })),
                vec![F::Request(1), F::Say(Notice::DetourStep { step: 3, question: 2 })])),
        (line!(), nav(0, At(4), Quiz, O::None),
            E::ShowStep { question: 1, found: Found::Pending { branch: 2, step_index: 4 } },
            to(nav(2, Seek(4), Steps, detour.clone()), vec![F::Request(2), F::Say(Notice::Finding)])),
        (line!(), nav(0, At(4), Quiz, O::None), E::ShowStep { question: 1, found: Found::Nowhere },
            Err(Refusal::NotInAnyRun)),
        (line!(), main(At(0), O::None), E::Predict, Err(Refusal::NotHere)),
        // A prediction asked.
        (line!(), main(At(1), asking.clone()), E::Choose(Pick::Down), to(main(At(1), O::Prediction(ask(2, 1))), vec![])),
        (line!(), main(At(1), asking.clone()), E::Choose(Pick::Up), to(main(At(1), O::Prediction(ask(2, 4))), vec![])),
        (line!(), main(At(1), asking.clone()), E::Choose(Pick::Letter(3)),
            to(main(At(1), O::Prediction(ask(2, 3))), vec![])),
        (line!(), main(At(1), asking.clone()), E::Choose(Pick::Letter(7)), Err(Refusal::NoSuchChoice)),
        (line!(), main(At(1), O::Prediction(ask(2, 1))), E::Predict,
            to(main(At(2), O::None), vec![F::Predicted { index: 2, choice: 1 }])),
        (line!(), main(At(1), asking.clone()), E::SkipPrediction,
            to(main(At(2), O::None), vec![F::SkippedPrediction { index: 2 }])),
        (line!(), main(At(1), asking.clone()), E::BackOut, to(main(At(1), O::None), vec![])),
        (line!(), nav(0, At(1), Quiz, asking.clone()), E::Next, Err(Refusal::PredictionWaiting { step: 3 })),
        (line!(), main(At(1), asking.clone()), E::Back, to(main(At(0), O::None), vec![])),
        (line!(), main(At(1), asking.clone()), E::Mode(Quiz), to(nav(0, At(1), Quiz, asking.clone()), vec![])),
        (line!(), main(At(1), asking.clone()), E::JumpGo, Err(Refusal::NotHere)),
        // A step the quiz showed.
        (line!(), main(At(1), detour.clone()), E::Next, to(main(At(2), detour.clone()), vec![])),
        (line!(), nav(1, At(2), Steps, detour.clone()), E::BackOut,
            to(nav(0, At(4), Quiz, O::None), vec![F::QuizGoTo(1)])),
        (line!(), nav(1, At(2), Table, detour.clone()), E::BackToQuiz,
            to(nav(0, At(4), Quiz, O::None), vec![F::QuizGoTo(1)])),
        (line!(), nav(1, At(2), Steps, detour.clone()), E::Mode(Quiz),
            to(nav(0, At(4), Quiz, O::None), vec![F::QuizGoTo(1)])),
        (line!(), main(At(2), detour.clone()), E::Mode(Table), to(nav(0, At(2), Table, detour.clone()), vec![])),
        (line!(), main(At(2), detour.clone()), E::Back, to(main(At(1), detour.clone()), vec![])),
        (line!(), main(At(2), detour.clone()), E::Predict, Err(Refusal::NotHere)),
        // A live branch: End and → on the newest call follow it; arrivals keep following.
        (line!(), nav(3, At(0), Steps, O::None), E::Last, to(nav(3, Last { from: 0 }, Steps, O::None), vec![])),
        (line!(), nav(3, Last { from: 0 }, Steps, O::None), E::Arrived,
            to(nav(3, Last { from: 0 }, Steps, O::None), vec![])),
        (line!(), nav(3, At(1), Steps, O::None), E::Next, to(nav(3, At(2), Steps, O::None), vec![])),
        (line!(), nav(3, At(2), Steps, O::None), E::Next,
            to(nav(3, Last { from: 2 }, Steps, O::None), vec![F::Say(Notice::Following)])),
        (line!(), nav(3, Last { from: 0 }, Steps, O::None), E::Next, Err(Refusal::NoNewerCall)),
        (line!(), nav(3, Last { from: 0 }, Steps, O::None), E::Back, to(nav(3, At(1), Steps, O::None), vec![])),
        (line!(), nav(3, Last { from: 0 }, Steps, O::None), E::GoTo(3), to(nav(3, At(2), Steps, O::None), vec![])),
        (line!(), nav(3, Last { from: 0 }, Steps, O::None), E::GoTo(4),
            Err(Refusal::NoSuchStep { number: 4, steps: 3 })),
        // The branch list: opened on the branch shown, ↑↓ wrap, Enter shows the branch at the
        // same step (a prediction asked is dropped), Esc or b closes, c compares.
        (line!(), main(At(3), O::None), E::OpenList(List::Branches),
            to(main(At(3), branches(0, Lesson)), vec![])),
        (line!(), main(At(1), asking.clone()), E::OpenList(List::Branches),
            to(main(At(1), branches(0, Base::Prediction(ask(2, 0)))), vec![])),
        (line!(), main(At(3), branches(0, Lesson)), E::Choose(Pick::Up),
            to(main(At(3), branches(3, Lesson)), vec![])),
        (line!(), main(At(3), branches(3, Lesson)), E::Choose(Pick::Down),
            to(main(At(3), branches(0, Lesson)), vec![])),
        (line!(), main(At(3), branches(0, Lesson)), E::Next, to(main(At(3), branches(1, Lesson)), vec![])),
        (line!(), main(At(3), branches(0, Lesson)), E::Choose(Pick::Letter(2)),
            to(main(At(3), branches(2, Lesson)), vec![])),
        (line!(), main(At(3), branches(0, Lesson)), E::Choose(Pick::Letter(4)), Err(Refusal::NoSuchChoice)),
        (line!(), main(At(3), branches(1, Lesson)), E::Take,
            to(nav(1, At(3), Steps, O::None), vec![F::Request(1), F::Say(Notice::Branch)])),
        (line!(), main(At(1), branches(1, Base::Prediction(ask(2, 0)))), E::Take,
            to(nav(1, At(1), Steps, O::None), vec![F::Request(1), F::Say(Notice::Branch)])),
        (line!(), main(At(1), branches(1, Base::Detour(DETOUR))), E::Take,
            to(nav(1, At(1), Steps, detour.clone()), vec![F::Request(1), F::Say(Notice::Branch)])),
        (line!(), main(At(3), branches(0, Lesson)), E::Take, to(main(At(3), O::None), vec![])),
        (line!(), main(At(3), branches(2, Lesson)), E::BackOut, to(main(At(3), O::None), vec![])),
        (line!(), main(At(3), branches(2, Lesson)), E::OpenList(List::Branches), to(main(At(3), O::None), vec![])),
        (line!(), main(At(3), branches(2, Lesson)), E::Mode(Table), Err(Refusal::NotHere)),
        (line!(), main(At(3), branches(2, Lesson)), E::Help, Err(Refusal::NotHere)),
        (line!(), main(At(3), branches(0, Lesson)), E::Compare, Err(Refusal::CompareWithItself)),
        (line!(), main(At(3), branches(1, Lesson)), E::Compare,
            to(main(At(3), compare(1, 3)), vec![F::Request(1)])),
        // Two branches side by side: the rows are the longer branch's (5 here), Enter shows
        // the highlighted step on the other branch, Esc goes back to the list.
        (line!(), main(At(3), compare(1, 3)), E::Next, to(main(At(3), compare(1, 4)), vec![])),
        (line!(), main(At(3), compare(1, 4)), E::Choose(Pick::Down), Err(Refusal::AtLast { total: 5 })),
        (line!(), main(At(3), compare(1, 0)), E::Back, Err(Refusal::AtFirst)),
        (line!(), main(At(3), compare(1, 3)), E::Choose(Pick::Letter(1)), to(main(At(3), compare(1, 1)), vec![])),
        (line!(), main(At(3), compare(1, 3)), E::Last, to(main(At(3), compare(1, 4)), vec![])),
        (line!(), main(At(3), compare(1, 3)), E::First, to(main(At(3), compare(1, 0)), vec![])),
        (line!(), main(At(3), compare(1, 1)), E::Take,
            to(nav(1, At(1), Steps, O::None), vec![F::Request(1), F::Say(Notice::Branch)])),
        (line!(), main(At(3), compare(1, 3)), E::BackOut, to(main(At(3), branches(1, Lesson)), vec![])),
        (line!(), main(At(3), compare(1, 3)), E::Quit, to(main(At(3), compare(1, 3)), vec![F::Quit])),
        (line!(), main(At(3), compare(1, 3)), E::Mode(Flow), Err(Refusal::NotHere)),
        // The lesson list: Enter on another lesson opens it, on this one closes the list.
        (line!(), main(At(2), O::None), E::OpenList(LESSONS), to(main(At(2), lessons(1)), vec![])),
        (line!(), main(At(2), lessons(1)), E::Choose(Pick::Up), to(main(At(2), lessons(0)), vec![])),
        (line!(), main(At(2), lessons(0)), E::Choose(Pick::Up), to(main(At(2), lessons(17)), vec![])),
        (line!(), main(At(2), lessons(4)), E::Take, to(main(At(2), O::None), vec![F::OpenLesson(4)])),
        (line!(), main(At(2), lessons(1)), E::Take, to(main(At(2), O::None), vec![])),
        (line!(), main(At(2), lessons(1)), E::Compare, Err(Refusal::NotHere)),
        (line!(), main(At(2), lessons(1)), E::OpenList(List::Branches), to(main(At(2), branches(0, Lesson)), vec![])),
        (line!(), main(At(2), O::None), E::OpenList(List::Lessons { count: 0, current: None }),
            Err(Refusal::NoLessonList)),
        (line!(), main(At(2), O::Help { under: Lesson }), E::OpenList(LESSONS), Err(Refusal::NotHere)),
        (line!(), main(At(2), jump("3", Lesson)), E::OpenList(LESSONS), to(main(At(2), lessons(1)), vec![])),
        (line!(), main(At(2), O::None), E::Take, Err(Refusal::NotHere)),
    ];
    let world = world();
    for (line, from, event, want) in rows {
        assert_eq!(
            transition(&from, event, &world),
            want,
            "row at line {line}: {from:?} + {event:?}"
        );
    }
}

fn confirm(under: Base) -> Overlay {
    O::Confirm {
        what: Confirm::StartOver,
        under,
    }
}

/// `R` asks first; `y` starts over on step 1 of the main path in mode 1 (whatever branch,
/// step, mode or base it was asked from), Esc keeps everything; nothing else means anything.
/// A live session has no lesson to start over.
#[test]
fn start_over_table() {
    use Base::Lesson;
    let detour = Base::Detour(DETOUR);
    let start = to(main(At(0), O::None), vec![F::StartOver, F::Request(0)]);
    #[rustfmt::skip]
    let rows: Vec<(u32, Nav, Event, Result<Moved, Refusal>)> = vec![
        (line!(), main(At(3), O::None), E::StartOver, to(main(At(3), confirm(Lesson)), vec![])),
        (line!(), main(At(1), O::Prediction(ask(2, 1))), E::StartOver,
            to(main(At(1), confirm(Base::Prediction(ask(2, 1)))), vec![])),
        (line!(), nav(1, At(2), Table, O::Detour(DETOUR)), E::StartOver,
            to(nav(1, At(2), Table, confirm(detour)), vec![])),
        (line!(), main(At(3), jump("2", Lesson)), E::StartOver, to(main(At(3), confirm(Lesson)), vec![])),
        (line!(), main(At(3), O::Help { under: Lesson }), E::StartOver, Err(Refusal::NotHere)),
        (line!(), main(At(3), O::Form { under: Lesson }), E::StartOver, Err(Refusal::NotHere)),
        (line!(), main(At(3), branches(1, Lesson)), E::StartOver, Err(Refusal::NotHere)),
        (line!(), nav(3, At(1), Steps, O::None), E::StartOver, Err(Refusal::NotHere)),
        (line!(), main(At(3), confirm(Lesson)), E::Confirm, start.clone()),
        (line!(), nav(1, At(2), Table, confirm(detour)), E::Confirm, start.clone()),
        (line!(), nav(0, At(4), Quiz, confirm(Lesson)), E::Confirm, start),
        (line!(), main(At(3), confirm(Lesson)), E::BackOut, to(main(At(3), O::None), vec![])),
        (line!(), nav(1, At(2), Table, confirm(detour)), E::BackOut,
            to(nav(1, At(2), Table, O::Detour(DETOUR)), vec![])),
        (line!(), main(At(3), confirm(Lesson)), E::Quit, to(main(At(3), confirm(Lesson)), vec![F::Quit])),
        (line!(), main(At(3), confirm(Lesson)), E::Next, Err(Refusal::NotHere)),
        (line!(), main(At(3), confirm(Lesson)), E::StartOver, Err(Refusal::NotHere)),
        (line!(), main(At(3), confirm(Lesson)), E::Other, Err(Refusal::NotHere)),
        (line!(), main(At(3), O::None), E::Confirm, Err(Refusal::NotHere)),
    ];
    let world = world();
    for (line, from, event, want) in rows {
        assert_eq!(
            transition(&from, event, &world),
            want,
            "row at line {line}: {from:?} + {event:?}"
        );
    }
}

fn name(text: &str, under: Base) -> Overlay {
    O::Name {
        text: text.to_owned(),
        under,
    }
}

/// The learner's name, asked on the first visit to the quiz when none is known
/// ([`World::ask_name`]): typing edits it (up to a little over the longest name, so one too
/// long is refused rather than cut), Enter keeps a clean one, Esc skips, nothing else moves.
#[test]
fn name_question_table() {
    use Base::Lesson;
    use progress_name::BadName;
    let quiz = |overlay| nav(0, At(2), Quiz, overlay);
    let long = "x".repeat(progress_name::MAX_NAME_CHARS + 1);
    let longest = "x".repeat(NAME_TYPED_MAX);
    let asked = ask(2, 0);
    #[rustfmt::skip]
    let rows: Vec<(u32, Nav, Event, Result<Moved, Refusal>)> = vec![
        // Opening: the quiz's mode key, over the bare lesson or a prediction.
        (line!(), main(At(2), O::None), E::Mode(Quiz), to(quiz(name("", Lesson)), vec![])),
        (line!(), main(At(1), O::Prediction(asked)), E::Mode(Quiz),
            to(nav(0, At(1), Quiz, name("", Base::Prediction(asked))), vec![])),
        (line!(), main(At(2), O::None), E::Mode(Table), to(nav(0, At(2), Table, O::None), vec![])),
        // Typing.
        (line!(), quiz(name("An", Lesson)), E::Name(NameKey::Char('a')), to(quiz(name("Ana", Lesson)), vec![])),
        (line!(), quiz(name("Ana", Lesson)), E::Name(NameKey::Char('q')), to(quiz(name("Anaq", Lesson)), vec![])),
        (line!(), quiz(name("Ana", Lesson)), E::Name(NameKey::Backspace), to(quiz(name("An", Lesson)), vec![])),
        (line!(), quiz(name("", Lesson)), E::Name(NameKey::Backspace), to(quiz(name("", Lesson)), vec![])),
        (line!(), quiz(name(&longest, Lesson)), E::Name(NameKey::Char('y')),
            to(quiz(name(&longest, Lesson)), vec![])),
        // Enter keeps a clean name; a bad one stays typed, refused saying why.
        (line!(), quiz(name("  Ana   García ", Lesson)), E::Name(NameKey::Enter),
            to(quiz(O::None), vec![F::Named("Ana García".to_owned())])),
        (line!(), nav(0, At(1), Quiz, name("Ana", Base::Prediction(asked))), E::Name(NameKey::Enter),
            to(nav(0, At(1), Quiz, O::Prediction(asked)), vec![F::Named("Ana".to_owned())])),
        (line!(), quiz(name("   ", Lesson)), E::Name(NameKey::Enter), Err(Refusal::BadName(BadName::Empty))),
        (line!(), quiz(name(&long, Lesson)), E::Name(NameKey::Enter),
            Err(Refusal::BadName(BadName::TooLong(progress_name::MAX_NAME_CHARS + 1)))),
        (line!(), quiz(name("A\u{202e}na", Lesson)), E::Name(NameKey::Enter),
            Err(Refusal::BadName(BadName::Invisible('\u{202e}')))),
        // Esc skips; q types (above); Ctrl-C quits; nothing else means anything here.
        (line!(), quiz(name("Ana", Lesson)), E::BackOut, to(quiz(O::None), vec![F::NameSkipped])),
        (line!(), quiz(name("Ana", Lesson)), E::Quit, to(quiz(name("Ana", Lesson)), vec![F::Quit])),
        (line!(), quiz(name("Ana", Lesson)), E::Other, to(quiz(name("Ana", Lesson)), vec![])),
        (line!(), quiz(name("Ana", Lesson)), E::Next, Err(Refusal::NotHere)),
        (line!(), quiz(name("Ana", Lesson)), E::Mode(Table), Err(Refusal::NotHere)),
        (line!(), quiz(name("Ana", Lesson)), E::Help, Err(Refusal::NotHere)),
        (line!(), quiz(name("Ana", Lesson)), E::OpenList(List::Branches), Err(Refusal::NotHere)),
    ];
    let asking_world = World {
        ask_name: true,
        ..world()
    };
    for (line, from, event, want) in rows {
        assert_eq!(
            transition(&from, event, &asking_world),
            want,
            "row at line {line}: {from:?} + {event:?}"
        );
    }
    // Once given or skipped (the world no longer asks), the quiz opens at once.
    assert_eq!(
        transition(&main(At(2), O::None), E::Mode(Quiz), &world()),
        to(quiz(O::None), vec![])
    );
    // The name question's keys mean nothing anywhere else.
    assert_eq!(
        transition(
            &main(At(2), O::None),
            E::Name(NameKey::Char('a')),
            &asking_world
        ),
        Err(Refusal::NotHere)
    );
}

#[test]
fn one_branch_has_no_other() {
    let world = World {
        branches: vec![world().branches.remove(0)],
        file_steps: 5,
        ask_name: false,
    };
    let from = main(At(0), O::None);
    assert_eq!(
        transition(&from, E::Branch(Towards::Next), &world),
        Err(Refusal::NoOtherBranch)
    );
}

/// Every event from every kind of state: the machine answers (never panics), a move keeps the
/// cursor on a branch that exists, and a modal layer only ever opens over a base.
#[test]
fn every_state_answers_every_event() {
    let world = world();
    let overlays = [
        O::None,
        O::Prediction(ask(2, 0)),
        O::Detour(DETOUR),
        jump("3", Base::Lesson),
        jump("9", Base::Prediction(ask(2, 0))),
        O::Help {
            under: Base::Detour(DETOUR),
        },
        O::Form {
            under: Base::Lesson,
        },
        branches(1, Base::Prediction(ask(2, 0))),
        lessons(3),
        compare(2, 1),
        name("Ana", Base::Prediction(ask(2, 0))),
        confirm(Base::Detour(DETOUR)),
    ];
    let places = [
        At(0),
        At(1),
        At(4),
        Next { from: 2 },
        Last { from: 0 },
        Seek(3),
    ];
    let events = [
        E::Next,
        E::Back,
        E::First,
        E::Last,
        E::Mode(Quiz),
        E::Mode(Table),
        E::Branch(Towards::Next),
        E::Branch(Towards::Prev),
        E::JumpStart,
        E::JumpDigit(7),
        E::JumpBackspace,
        E::JumpGo,
        E::GoTo(3),
        E::BackOut,
        E::Help,
        E::Choose(Pick::Down),
        E::Choose(Pick::Letter(9)),
        E::Predict,
        E::SkipPrediction,
        E::ShowStep {
            question: 0,
            found: Found::Pending {
                branch: 1,
                step_index: 5,
            },
        },
        E::BackToQuiz,
        E::OpenForm,
        E::TryStarted { branch: 2 },
        E::Arrived,
        E::Reloaded { branch: 0, step: 1 },
        E::Quit,
        E::Other,
        E::OpenList(List::Branches),
        E::OpenList(LESSONS),
        E::Take,
        E::Compare,
        E::Name(NameKey::Char('q')),
        E::Name(NameKey::Backspace),
        E::Name(NameKey::Enter),
        E::StartOver,
        E::Confirm,
    ];
    let mut moves = 0;
    for overlay in &overlays {
        for branch in 0..world.branches.len() {
            for place in places {
                let from = nav(branch, place, Steps, overlay.clone());
                for event in events {
                    let Ok(moved) = transition(&from, event, &world) else {
                        continue;
                    };
                    moves += 1;
                    assert!(
                        moved.nav.branch() < world.branches.len(),
                        "{from:?} + {event:?}"
                    );
                    // A prediction newly asked is on a step of its branch that asks one.
                    if let Base::Prediction(a) = moved.nav.overlay.base()
                        && from.overlay.base() != Base::Prediction(a)
                    {
                        assert!(
                            world.branches[moved.nav.branch()]
                                .open_choices(a.index)
                                .is_some(),
                            "{from:?} + {event:?} asks on a step without one: {moved:?}"
                        );
                    }
                }
            }
        }
    }
    assert!(moves > 500, "{moves}");
}
