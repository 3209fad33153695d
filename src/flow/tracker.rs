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
    let values_of = |vars: &Vars| -> Vec<String> {
        tracked
            .iter()
            .map(|name| vars.value(name).to_owned())
            .collect()
    };
    let mut columns = vec![TrackerColumn {
        heading: "Start".to_owned(),
        step: None,
        values: values_of(start)
            .into_iter()
            .map(|v| (v, Change::Same))
            .collect(),
    }];
    let last = frames.len();
    for frame in frames {
        let values = values_of(&frame.vars);
        let previous: Vec<&str> = columns
            .last()
            .map(|c| c.values.iter().map(|(v, _)| v.as_str()).collect())
            .unwrap_or_default();
        let changed = values
            .iter()
            .zip(&previous)
            .any(|(now, before)| now != before);
        let is_last = frame.number == last;
        if !changed && !is_last {
            continue;
        }
        columns.push(TrackerColumn {
            heading: if is_last {
                "Final".to_owned()
            } else {
                format!("After Step {}", frame.number)
            },
            step: Some(frame.number),
            values: values
                .into_iter()
                .zip(previous)
                .map(|(now, before)| {
                    let change = vars::change(before, &now);
                    (now, change)
                })
                .collect(),
        });
    }
    columns
}
