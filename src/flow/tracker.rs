//! The status tracker condensed as the seed shows it.

use serde::Serialize;

use super::frame::{Change, Frame, Run, Vars};
use super::vars;

/// One column of the condensed status tracker.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct TrackerColumn {
    /// "Start", "After Step N" or "Final".
    pub heading: String,
    /// The step the column shows the state after (`None` for Start).
    pub step: Option<usize>,
    /// One (value, change since the previous column) per tracked variable, in tracked order.
    pub values: Vec<(String, Change)>,
}

/// The tracker's columns: "Start", then "After Step N" only for steps where a tracked variable
/// changed, the last column being the final state and called "Final".
#[must_use]
pub fn tracker(run: &Run) -> Vec<TrackerColumn> {
    tracker_of(&run.tracked, &run.start, &run.frames)
}

/// [`tracker`] from a run's parts: `tracked` names, the `start` variables and the `frames` so
/// far (a run still being computed, or the steps revealed up to now, whose last is "Final").
#[must_use]
pub fn tracker_of(tracked: &[String], start: &Vars, frames: &[Frame]) -> Vec<TrackerColumn> {
    tracker_tail(tracked, start, frames, usize::MAX).columns
}

/// The end of a tracker: "Start" and at most `max` of the latest step columns.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TrackerTail {
    /// "Start", then the latest step columns in order.
    pub columns: Vec<TrackerColumn>,
    /// True when earlier step columns were left out.
    pub left_out: bool,
}

/// [`tracker_of`]'s "Start" and its last `max` step columns, found walking back from the last
/// frame: a screen shows only the latest columns, so its cost follows `max`, not the run's
/// length. A frame has a column when its tracked values differ from the frame before it (the
/// last column always holds the values of the frame before, as steps that change nothing make
/// none) or when it is the last.
#[must_use]
pub fn tracker_tail(tracked: &[String], start: &Vars, frames: &[Frame], max: usize) -> TrackerTail {
    let values_of = |vars: &'_ Vars| -> Vec<String> {
        tracked
            .iter()
            .map(|name| vars.value(name).to_owned())
            .collect()
    };
    let before = |i: usize| if i == 0 { start } else { &frames[i - 1].vars };
    let changed = |i: usize| {
        tracked
            .iter()
            .any(|name| frames[i].vars.value(name) != before(i).value(name))
    };
    let last = frames.len();
    let mut steps = Vec::new();
    let mut left_out = false;
    for (i, frame) in frames.iter().enumerate().rev() {
        let is_last = frame.number == last;
        if !is_last && !changed(i) {
            continue;
        }
        if steps.len() == max {
            left_out = true;
            break;
        }
        let previous = values_of(before(i));
        steps.push(TrackerColumn {
            heading: if is_last {
                "Final".to_owned()
            } else {
                format!("After Step {}", frame.number)
            },
            step: Some(frame.number),
            values: values_of(&frame.vars)
                .into_iter()
                .zip(previous)
                .map(|(now, before)| {
                    let change = vars::change(&before, &now);
                    (now, change)
                })
                .collect(),
        });
    }
    let mut columns = vec![TrackerColumn {
        heading: "Start".to_owned(),
        step: None,
        values: values_of(start)
            .into_iter()
            .map(|v| (v, Change::Same))
            .collect(),
    }];
    columns.extend(steps.into_iter().rev());
    TrackerTail { columns, left_out }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::flow::{Setup, lay_out};

    /// Every built-in run and variant, laid out (the same rows and values, no crypto).
    fn runs() -> Vec<Run> {
        let mut runs = Vec::new();
        for scenario in crate::scenario::builtins().unwrap() {
            let file = &scenario.file;
            runs.push(lay_out(&Setup::main(file), 1).unwrap());
            for variant in &file.variants {
                runs.push(lay_out(&Setup::variant(file, &variant.id).unwrap(), 1).unwrap());
            }
        }
        runs
    }

    #[test]
    fn the_tail_is_the_whole_trackers_start_and_last_columns() {
        let mut compared = 0;
        for run in runs() {
            for upto in 0..=run.frames.len() {
                let frames = &run.frames[..upto];
                let whole = tracker_of(&run.tracked, &run.start, frames);
                let steps = whole.len() - 1;
                for max in 0..=steps + 1 {
                    let tail = tracker_tail(&run.tracked, &run.start, frames, max);
                    let kept = steps.min(max);
                    let mut want = vec![whole[0].clone()];
                    want.extend_from_slice(&whole[whole.len() - kept..]);
                    assert_eq!(tail.columns, want, "{} steps, at most {max}", frames.len());
                    assert_eq!(
                        tail.left_out,
                        kept < steps,
                        "{} steps, at most {max}",
                        frames.len()
                    );
                    compared += 1;
                }
            }
        }
        assert!(compared > 500, "{compared}");
    }
}
