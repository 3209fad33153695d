//! The quiz detour: "show the step this question is about" finds the step on the branch shown,
//! else on another branch of the lesson (computing it if need be), and the navigation machine
//! keeps the way back to the question ([`super::nav::Overlay::Detour`]).

use super::nav::{Event, Found};
use super::{App, PathKind};
use crate::quiz::StepTarget;

impl App {
    /// `s` in the quiz: the step the current question is about, in step-through.
    pub(crate) fn show_quiz_step(&mut self) {
        let Some(session) = self.quiz.session.as_ref() else {
            return;
        };
        let question = session.current_index();
        let Some(target) = session.about_step().cloned() else {
            self.status = Some("This question is not tied to one step.".to_owned());
            return;
        };
        let found = match self.find_step(&target) {
            Some((branch, index)) => Found::At { branch, index },
            // Not computed yet: the first branch still being computed may have it.
            None => match self.search_order().find(|&p| !self.paths[p].is_done()) {
                Some(branch) => Found::Pending {
                    branch,
                    step_index: target.index,
                },
                None => Found::Nowhere,
            },
        };
        self.navigate(Event::ShowStep { question, found });
    }

    /// The paths to look for a step on: the shown one first, then the lesson's other branches
    /// (never a try: its inputs are the learner's, not the lesson's).
    fn search_order(&self) -> impl Iterator<Item = usize> + '_ {
        let shown = self.nav.branch();
        std::iter::once(shown).chain(
            (0..self.paths.len()).filter(move |&i| {
                i != shown && !matches!(self.paths[i].kind, PathKind::Try { .. })
            }),
        )
    }

    /// Where step `target` is: (path, frame index), on the path shown when it has the step,
    /// else on the first other branch of the lesson that has it, as laid out (so known before
    /// it is computed). This is where the quiz's "show the step" goes.
    #[must_use]
    pub fn find_step(&self, target: &StepTarget) -> Option<(usize, usize)> {
        self.search_order()
            .find_map(|p| target.frame_in(self.paths[p].laid_out()).map(|i| (p, i)))
    }
}
