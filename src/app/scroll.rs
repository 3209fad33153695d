//! Scroll offsets of the scrollable views, and how far each can usefully go.
//!
//! The model keeps the offsets; only drawing knows how long each view's content is. So the
//! TUI entry sends what the last drawing found ([`super::Message::Viewport`]) and the model
//! clamps to it: scrolling past the end stops there, and the first key back moves the view.

/// Which view a scroll offset belongs to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Slot {
    /// Mode 1's explanation.
    Step,
    /// Mode 3's request and response.
    Table,
    /// The process table's rows, counted up from the bottom: 0 shows the current step's row
    /// last (the table only holds the steps reached).
    Rows,
    /// Mode 4.
    Tracker,
    /// Mode 5.
    Moments,
    /// Mode 8.
    Transcript,
    /// Mode 9.
    Token,
    /// Mode 2.
    Flow,
    /// Mode 7.
    Snapshot,
    /// The help overlay.
    Help,
    /// A lab's panel (`cogflow serve LAB`).
    Lab,
}

/// One offset per view: lines, or rows for [`Slot::Rows`].
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Scroll {
    /// Mode 1's explanation.
    pub step: u16,
    /// Mode 3's request/response pane.
    pub table: u16,
    /// The process table's rows, up from the bottom.
    pub rows: u16,
    /// Mode 4.
    pub tracker: u16,
    /// Mode 5.
    pub moments: u16,
    /// Mode 8.
    pub transcript: u16,
    /// Mode 9.
    pub token: u16,
    /// Mode 2.
    pub flow: u16,
    /// Mode 7.
    pub snapshot: u16,
    /// The help overlay.
    pub help: u16,
    /// A lab's panel.
    pub lab: u16,
}

impl Scroll {
    /// Every view not drawn (so not known): the most an offset may be before a drawing says.
    pub const UNKNOWN: Scroll = Scroll {
        step: UNKNOWN,
        table: UNKNOWN,
        rows: UNKNOWN,
        tracker: UNKNOWN,
        moments: UNKNOWN,
        transcript: UNKNOWN,
        token: UNKNOWN,
        flow: UNKNOWN,
        snapshot: UNKNOWN,
        help: UNKNOWN,
        lab: UNKNOWN,
    };

    /// Every slot, in field order.
    pub const SLOTS: [Slot; 11] = [
        Slot::Step,
        Slot::Table,
        Slot::Rows,
        Slot::Tracker,
        Slot::Moments,
        Slot::Transcript,
        Slot::Token,
        Slot::Flow,
        Slot::Snapshot,
        Slot::Help,
        Slot::Lab,
    ];

    /// The offset of `slot`.
    #[must_use]
    pub fn get(self, slot: Slot) -> u16 {
        match slot {
            Slot::Step => self.step,
            Slot::Table => self.table,
            Slot::Rows => self.rows,
            Slot::Tracker => self.tracker,
            Slot::Moments => self.moments,
            Slot::Transcript => self.transcript,
            Slot::Token => self.token,
            Slot::Flow => self.flow,
            Slot::Snapshot => self.snapshot,
            Slot::Help => self.help,
            Slot::Lab => self.lab,
        }
    }

    /// The offset of `slot`, to change.
    pub fn get_mut(&mut self, slot: Slot) -> &mut u16 {
        match slot {
            Slot::Step => &mut self.step,
            Slot::Table => &mut self.table,
            Slot::Rows => &mut self.rows,
            Slot::Tracker => &mut self.tracker,
            Slot::Moments => &mut self.moments,
            Slot::Transcript => &mut self.transcript,
            Slot::Token => &mut self.token,
            Slot::Flow => &mut self.flow,
            Slot::Snapshot => &mut self.snapshot,
            Slot::Help => &mut self.help,
            Slot::Lab => &mut self.lab,
        }
    }

    /// Takes the limits a drawing found for the views it drew; the others keep theirs.
    pub fn take_drawn(&mut self, drawn: Scroll) {
        for slot in Scroll::SLOTS {
            let max = drawn.get(slot);
            if max != UNKNOWN {
                *self.get_mut(slot) = max;
            }
        }
    }

    /// Every offset at most its limit in `max`.
    pub fn clamp_to(&mut self, max: Scroll) {
        for slot in Scroll::SLOTS {
            let limit = max.get(slot);
            let value = self.get_mut(slot);
            *value = (*value).min(limit);
        }
    }
}

/// "Not drawn": a limit no content reaches (the old sanity cap).
const UNKNOWN: u16 = 2000;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn limits_from_a_drawing_clamp_only_the_views_drawn() {
        let mut max = Scroll::UNKNOWN;
        let drawn = Scroll {
            transcript: 12,
            ..Scroll::UNKNOWN
        };
        max.take_drawn(drawn);
        assert_eq!((max.transcript, max.step), (12, 2000));
        let mut at = Scroll {
            transcript: 40,
            step: 7,
            ..Scroll::default()
        };
        at.clamp_to(max);
        assert_eq!((at.transcript, at.step), (12, 7));
        // A later drawing of another mode leaves the transcript's limit as it was.
        max.take_drawn(Scroll {
            step: 3,
            ..Scroll::UNKNOWN
        });
        assert_eq!((max.transcript, max.step), (12, 3));
    }
}
