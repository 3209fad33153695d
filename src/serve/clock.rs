//! The served pools' clock: the real time plus whatever the learner added, never backwards.
//!
//! Real clients check `iat` and `exp` against their own clock, so the served clock starts at
//! the wall clock (not a lesson's `clock_start`) and follows it. `POST /_cogflow/clock` adds an
//! offset, so tokens, codes and lockouts can be expired on purpose. Sans-IO: the wall time is
//! passed in, so tests pin it.

/// Wall time plus an offset, or a frozen reading; readings never decrease, even if the wall
/// clock steps back (NTP), because the pools' expiry checks assume time moves forward.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct VirtualClock {
    offset: i64,
    last: u64,
    frozen: bool,
}

impl VirtualClock {
    /// The virtual time (epoch seconds) when the wall clock reads `wall`.
    pub fn now(&mut self, wall: u64) -> u64 {
        if !self.frozen {
            let ahead = i64::try_from(wall)
                .unwrap_or(i64::MAX)
                .saturating_add(self.offset);
            self.last = self.last.max(u64::try_from(ahead).unwrap_or(0));
        }
        self.last
    }

    /// Moves time forward by `secs` and returns the new virtual time.
    pub fn advance(&mut self, wall: u64, secs: u64) -> u64 {
        let now = self.now(wall);
        self.last = now.saturating_add(secs);
        self.offset = self
            .offset
            .saturating_add(i64::try_from(secs).unwrap_or(i64::MAX));
        self.last
    }

    /// Stops (`true`) or restarts (`false`) the clock at its current reading: while frozen,
    /// only [`VirtualClock::advance`] moves it, so a lockout or an expiry can be looked at
    /// (and tested) to the second. Restarting goes on from the frozen reading.
    pub fn freeze(&mut self, wall: u64, frozen: bool) -> u64 {
        let now = self.now(wall);
        if self.frozen && !frozen {
            self.offset = i64::try_from(now)
                .unwrap_or(i64::MAX)
                .saturating_sub(i64::try_from(wall).unwrap_or(i64::MAX));
        }
        self.frozen = frozen;
        now
    }

    /// Whether the clock is frozen.
    #[must_use]
    pub fn is_frozen(&self) -> bool {
        self.frozen
    }
}

/// The wall clock in epoch seconds (0 if the system clock is before 1970).
#[must_use]
pub fn wall_now() -> u64 {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.as_secs())
}

/// Parses `"90s"`, `"61m"`, `"2h"`, `"1d"`, `"1h30m"` or a bare number of seconds.
///
/// # Errors
/// A message naming what was not understood (a negative amount included: time only moves
/// forward).
pub fn parse_duration(text: &str) -> Result<u64, String> {
    let text = text.trim();
    if text.is_empty() {
        return Err("an empty duration; try \"61m\", \"2h\" or \"1d\"".to_owned());
    }
    if text.starts_with('-') {
        return Err(format!(
            "`{text}`: the clock only moves forward (a negative amount would un-expire tokens)"
        ));
    }
    if let Ok(secs) = text.parse::<u64>() {
        return Ok(secs);
    }
    let mut total: u64 = 0;
    let mut digits = String::new();
    for c in text.chars() {
        if c.is_ascii_digit() {
            digits.push(c);
            continue;
        }
        let unit = match c {
            's' => 1,
            'm' => 60,
            'h' => 3600,
            'd' => 86_400,
            _ => {
                return Err(format!(
                    "`{text}`: unknown unit `{c}`; use s, m, h or d (\"61m\", \"1h30m\")"
                ));
            }
        };
        let amount: u64 = digits
            .parse()
            .map_err(|_| format!("`{text}`: a number must come before `{c}`"))?;
        digits.clear();
        total = total.saturating_add(amount.saturating_mul(unit));
    }
    if digits.is_empty() {
        Ok(total)
    } else {
        Err(format!(
            "`{text}`: `{digits}` has no unit; use s, m, h or d (\"61m\", \"1h30m\")"
        ))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn follows_the_wall_clock_and_only_moves_forward() {
        let mut clock = VirtualClock::default();
        assert_eq!(clock.now(1000), 1000);
        assert_eq!(clock.now(1005), 1005);
        assert_eq!(clock.advance(1005, 3660), 4665);
        assert_eq!(clock.now(1006), 4666);
        // The wall clock steps back: the virtual time holds still instead.
        assert_eq!(clock.now(900), 4666);
    }

    #[test]
    fn a_frozen_clock_moves_only_when_advanced_and_restarts_from_there() {
        let mut clock = VirtualClock::default();
        assert_eq!(clock.freeze(1000, true), 1000);
        assert_eq!(clock.now(1500), 1000);
        assert_eq!(clock.advance(1500, 60), 1060);
        assert_eq!(clock.now(2000), 1060);
        assert!(clock.is_frozen());
        assert_eq!(clock.freeze(2000, false), 1060);
        assert_eq!(clock.now(2010), 1070);
        assert!(!clock.is_frozen());
    }

    #[test]
    fn durations() {
        let cases: &[(&str, Result<u64, &str>)] = &[
            ("61m", Ok(3660)),
            ("90s", Ok(90)),
            ("2h", Ok(7200)),
            ("1d", Ok(86_400)),
            ("1h30m", Ok(5400)),
            ("45", Ok(45)),
            (" 5m ", Ok(300)),
            ("-5m", Err("only moves forward")),
            ("5x", Err("unknown unit `x`")),
            ("m", Err("a number must come before `m`")),
            ("1h30", Err("`30` has no unit")),
            ("", Err("empty")),
        ];
        for (text, want) in cases {
            match (parse_duration(text), want) {
                (Ok(got), Ok(want)) => assert_eq!(got, *want, "{text}"),
                (Err(got), Err(want)) => assert!(got.contains(want), "{text}: {got}"),
                (got, want) => panic!("{text}: got {got:?}, want {want:?}"),
            }
        }
    }
}
