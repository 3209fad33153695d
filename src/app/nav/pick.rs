//! The rows of [`super::transition`] for a list (the branches, `b`; the lessons, `L`) and for
//! two branches side by side (`c` in the branch list). Each function lists every event, so
//! the machine stays total.
//!
//! ```text
//!   a base ──b / L──▶ Pick { list, selected, under } ──Enter──▶ the branch picked, same step
//!                        │  ↑↓ (wrap), a click           └──Enter (lessons)──▶ OpenLesson
//!                        ├──c (branches)──▶ Compare { other, row, under }
//!                        │                    ↑↓ ←→ Home End: the row · Enter: that step on
//!                        │                    `other` · Esc, c: back to the list
//!                        └──Esc, b / L again──▶ the base
//! ```

use super::{
    Base, Comparing, Cursor, Effect, Event, List, Moved, Nav, Notice, Overlay, Pick, Picking,
    Place, Refusal, World, ok, settle,
};

/// `b` / `L` over a base: the list, its entry for what is on screen highlighted.
pub(super) fn open(nav: &Nav, list: List, under: Base, world: &World) -> Result<Moved, Refusal> {
    let selected = match list {
        List::Branches if world.branches.len() < 2 => return Err(Refusal::NoOtherBranch),
        List::Branches => nav.cursor.branch,
        List::Lessons { count: 0, .. } => return Err(Refusal::NoLessonList),
        List::Lessons { current, .. } => current.unwrap_or(0),
    };
    ok(
        nav.with(
            nav.cursor,
            Overlay::Pick(Picking {
                list,
                selected,
                under,
            }),
        ),
        vec![],
    )
}

/// How many entries `list` has.
fn entries(list: List, world: &World) -> usize {
    match list {
        List::Branches => world.branches.len(),
        List::Lessons { count, .. } => count,
    }
}

/// `selected` moved by `pick` among `count` entries (↑↓ wrap, a click names its row).
fn moved(selected: usize, pick: Pick, count: usize) -> Result<usize, Refusal> {
    match pick {
        _ if count == 0 => Err(Refusal::NoSuchChoice),
        Pick::Up => Ok((selected + count - 1) % count),
        Pick::Down => Ok((selected + 1) % count),
        Pick::Letter(i) if i < count => Ok(i),
        Pick::Letter(_) => Err(Refusal::NoSuchChoice),
    }
}

/// An open list.
pub(super) fn transition(
    nav: &Nav,
    picking: Picking,
    event: Event,
    world: &World,
) -> Result<Moved, Refusal> {
    use Event as E;
    let under = picking.under;
    match event {
        E::Choose(pick) => {
            let selected = moved(picking.selected, pick, entries(picking.list, world))?;
            nav.show(Overlay::Pick(Picking {
                selected,
                ..picking
            }))
        }
        E::Next | E::Back => {
            let pick = if event == E::Next {
                Pick::Down
            } else {
                Pick::Up
            };
            transition(nav, picking, E::Choose(pick), world)
        }
        E::Take => match picking.list {
            List::Branches if picking.selected == nav.cursor.branch => nav.show(under.into()),
            List::Branches => Ok(show_branch(nav, picking.selected, under, world)),
            List::Lessons { current, .. } if current == Some(picking.selected) => {
                nav.show(under.into())
            }
            List::Lessons { .. } => ok(
                nav.with(nav.cursor, under.into()),
                vec![Effect::OpenLesson(picking.selected)],
            ),
        },
        E::Compare => match picking.list {
            List::Branches if picking.selected == nav.cursor.branch => {
                Err(Refusal::CompareWithItself)
            }
            List::Branches => ok(
                nav.with(
                    nav.cursor,
                    Overlay::Compare(Comparing {
                        other: picking.selected,
                        row: nav.shown(world),
                        under,
                    }),
                ),
                vec![Effect::Request(picking.selected)],
            ),
            List::Lessons { .. } => Err(Refusal::NotHere),
        },
        E::BackOut => nav.show(under.into()),
        // The same key closes its list; the other opens the other list.
        E::OpenList(list)
            if matches!(
                (list, picking.list),
                (List::Branches, List::Branches) | (List::Lessons { .. }, List::Lessons { .. })
            ) =>
        {
            nav.show(under.into())
        }
        E::OpenList(list) => open(nav, list, under, world),
        E::Arrived => Ok(settle(
            nav.cursor,
            Overlay::Pick(picking),
            world,
            Vec::new(),
        )),
        // Quit and Reloaded are answered before any overlay's rows.
        E::Quit
        | E::Reloaded { .. }
        | E::First
        | E::Last
        | E::Mode(_)
        | E::Branch(_)
        | E::JumpStart
        | E::JumpDigit(_)
        | E::JumpBackspace
        | E::JumpGo
        | E::GoTo(_)
        | E::Help
        | E::Predict
        | E::SkipPrediction
        | E::ShowStep { .. }
        | E::BackToQuiz
        | E::OpenForm
        | E::TryStarted { .. }
        | E::Name(_)
        | E::StartOver
        | E::Confirm
        | E::Other => Err(Refusal::NotHere),
    }
}

/// Two branches side by side.
pub(super) fn compare(
    nav: &Nav,
    comparing: Comparing,
    event: Event,
    world: &World,
) -> Result<Moved, Refusal> {
    use Event as E;
    let rows = rows(nav.cursor.branch, comparing.other, world);
    let at = |row: usize| {
        nav.show(Overlay::Compare(Comparing {
            row: row.min(rows.saturating_sub(1)),
            ..comparing
        }))
    };
    match event {
        E::Choose(Pick::Down) | E::Next if comparing.row + 1 >= rows => {
            Err(Refusal::AtLast { total: rows })
        }
        E::Choose(Pick::Up) | E::Back | E::First if comparing.row == 0 => Err(Refusal::AtFirst),
        E::Choose(Pick::Down) | E::Next => at(comparing.row + 1),
        E::Choose(Pick::Up) | E::Back => at(comparing.row - 1),
        E::Choose(Pick::Letter(row)) if row < rows => at(row),
        E::Choose(Pick::Letter(_)) => Err(Refusal::NoSuchChoice),
        E::First => at(0),
        E::Last => at(rows),
        E::Take => {
            let moved = show_branch(nav, comparing.other, comparing.under, world);
            let cursor = Cursor {
                place: Place::At(comparing.row),
                ..moved.nav.cursor
            };
            Ok(settle(cursor, moved.nav.overlay, world, moved.effects))
        }
        E::BackOut | E::Compare => nav.show(Overlay::Pick(Picking {
            list: List::Branches,
            selected: comparing.other,
            under: comparing.under,
        })),
        E::OpenList(list) => open(nav, list, comparing.under, world),
        E::Arrived => Ok(settle(
            nav.cursor,
            Overlay::Compare(comparing),
            world,
            Vec::new(),
        )),
        E::Quit
        | E::Reloaded { .. }
        | E::Mode(_)
        | E::Branch(_)
        | E::JumpStart
        | E::JumpDigit(_)
        | E::JumpBackspace
        | E::JumpGo
        | E::GoTo(_)
        | E::Help
        | E::Predict
        | E::SkipPrediction
        | E::ShowStep { .. }
        | E::BackToQuiz
        | E::OpenForm
        | E::TryStarted { .. }
        | E::Name(_)
        | E::StartOver
        | E::Confirm
        | E::Other => Err(Refusal::NotHere),
    }
}

/// The rows side by side: the longer branch's steps (what is known of each so far).
fn rows(a: usize, b: usize, world: &World) -> usize {
    let steps = |i: usize| {
        let facts = world.branch(i);
        facts.total().unwrap_or(facts.frames.len())
    };
    steps(a).max(steps(b)).max(1)
}

/// `branch` at the step on screen, the list closed (a prediction being asked is dropped: the
/// move is the learner's, as `v` is).
fn show_branch(nav: &Nav, branch: usize, under: Base, world: &World) -> Moved {
    let overlay = match under {
        Base::Prediction(_) => Overlay::None,
        Base::Lesson | Base::Detour(_) => under.into(),
    };
    settle(
        Cursor {
            branch,
            place: Place::At(nav.shown(world)),
            mode: nav.cursor.mode,
        },
        overlay,
        world,
        vec![Effect::Request(branch), Effect::Say(Notice::Branch)],
    )
}
