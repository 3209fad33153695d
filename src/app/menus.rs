//! The lists a learner picks from (the branches, `b`; the lessons, `L`) and two branches side
//! by side: what the screen reads of them. Moving in them is the navigation machine's
//! ([`super::nav`], rows in nav/pick.rs); here is what they show.

use super::nav::{Comparing, List, Picking};
use super::{App, Overlay, PathRun};
use crate::flow::Frame;
use crate::library::Lesson;

/// One row of two branches side by side: the step of each (either may have none).
#[derive(Debug, Clone, Copy)]
pub struct SideBySide<'a> {
    /// The step's number (1-based).
    pub number: usize,
    /// The cursor's branch at this step.
    pub left: Option<&'a Frame>,
    /// The other branch at this step.
    pub right: Option<&'a Frame>,
}

impl SideBySide<'_> {
    /// True when both branches do the same here: the same file step with the same row
    /// (action, input, Cognito's answer, result).
    #[must_use]
    pub fn same(&self) -> bool {
        match (self.left, self.right) {
            (Some(a), Some(b)) => a.step_index == b.step_index && a.row == b.row,
            (None, None) => true,
            _ => false,
        }
    }
}

impl App {
    /// The open list, if one is.
    #[must_use]
    pub fn picking(&self) -> Option<Picking> {
        match self.nav.overlay() {
            Overlay::Pick(picking) => Some(*picking),
            _ => None,
        }
    }

    /// The two branches side by side, if shown.
    #[must_use]
    pub fn comparing(&self) -> Option<Comparing> {
        match self.nav.overlay() {
            Overlay::Compare(comparing) => Some(*comparing),
            _ => None,
        }
    }

    /// The lesson library (the `L` list), in learning order.
    #[must_use]
    pub fn library(&self) -> &[Lesson] {
        &self.library
    }

    /// The lesson picked in the `L` list, to open in place of this one: taken once.
    pub fn take_opening(&mut self) -> Option<String> {
        self.opening.take()
    }

    /// The `L` list as the navigation machine sees it.
    pub(super) fn lesson_list(&self) -> List {
        let id = &self.scenario.file.scenario.id;
        List::Lessons {
            count: self.library.len(),
            current: self.library.iter().position(|l| &l.id == id),
        }
    }

    /// Enter on lesson `index` of the list: the TUI opens it in place of this one (a lab is
    /// run by `cogflow serve`, against the learner's own code: the list says how).
    pub(super) fn open_lesson(&mut self, index: usize) {
        let Some(lesson) = self.library.get(index) else {
            return;
        };
        if lesson.lab {
            let words = self.scenario.words();
            let said = words.fill(
                crate::words::Word::SayLab,
                &[("title", &lesson.title), ("id", &lesson.id)],
            );
            self.status = Some(said);
            return;
        }
        self.opening = Some(lesson.open.clone());
        self.quit = true;
    }

    /// The steps of the branch shown beside those of `other`, row by row (the longer branch's
    /// length), from what is laid out of each: known before their frames are computed.
    #[must_use]
    pub fn side_by_side(&self, other: usize) -> Vec<SideBySide<'_>> {
        let left = self.current().laid_out();
        let right = self.paths.get(other).map_or(&[][..], PathRun::laid_out);
        (0..left.len().max(right.len()))
            .map(|i| SideBySide {
                number: i + 1,
                left: left.get(i),
                right: right.get(i),
            })
            .collect()
    }

    /// The first step (1-based) where the branch shown and `other` differ, if any.
    #[must_use]
    pub fn first_difference(&self, other: usize) -> Option<usize> {
        self.side_by_side(other)
            .iter()
            .find(|row| !row.same())
            .map(|row| row.number)
    }
}

#[cfg(test)]
mod tests;
