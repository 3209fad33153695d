//! Timestamps for the learner's record: whole seconds, UTC, written as RFC 3339.
//!
//! Wall-clock time is right here (it is when the learner answered, not lesson output), but it is
//! read through a [`Clock`] so tests can fix it.

use std::fmt;
use std::str::FromStr;
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::{SystemTime, UNIX_EPOCH};

use serde::{Deserialize, Deserializer, Serialize, Serializer};

use crate::calendar::days_from_civil;

/// Seconds since 1970-01-01T00:00:00Z. Displays and serialises as `2026-01-15T09:00:00Z`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Timestamp(pub u64);

impl Timestamp {
    /// The same instant as `YYYYMMDDTHHMMSSZ`, safe in a file name on every platform.
    #[must_use]
    pub fn compact(self) -> String {
        self.to_string().replace(['-', ':'], "")
    }
}

impl fmt::Display for Timestamp {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        // The lesson clock's formatter: one way to write a time in the whole app.
        f.write_str(&crate::flow::time::format_rfc3339(self.0))
    }
}

/// Not an RFC 3339 UTC time of the form `2026-01-15T09:00:00Z`.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("`{0}` is not a time like 2026-01-15T09:00:00Z")]
pub struct BadTimestamp(String);

impl FromStr for Timestamp {
    type Err = BadTimestamp;

    /// Reads exactly the form [`Display`](fmt::Display) writes.
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let bad = || BadTimestamp(s.to_owned());
        let b = s.as_bytes();
        let shape_ok = b.len() == 20
            && b[4] == b'-'
            && b[7] == b'-'
            && b[10] == b'T'
            && b[13] == b':'
            && b[16] == b':'
            && b[19] == b'Z';
        if !shape_ok {
            return Err(bad());
        }
        let num = |range: std::ops::Range<usize>| -> Result<i64, BadTimestamp> {
            let part = s.get(range).ok_or_else(bad)?;
            if part.bytes().all(|c| c.is_ascii_digit()) {
                part.parse().map_err(|_| bad())
            } else {
                Err(bad())
            }
        };
        let (y, mo, d) = (num(0..4)?, num(5..7)?, num(8..10)?);
        let (h, mi, sec) = (num(11..13)?, num(14..16)?, num(17..19)?);
        if y < 1970 || !(1..=12).contains(&mo) || !(1..=31).contains(&d) || h > 23 || mi > 59 {
            return Err(bad());
        }
        if sec > 59 {
            return Err(bad());
        }
        let seconds = days_from_civil(y, mo, d) * 86_400 + h * 3600 + mi * 60 + sec;
        let t = Timestamp(u64::try_from(seconds).map_err(|_| bad())?);
        // 2026-02-30 would land in March: the round trip catches impossible dates.
        if t.to_string() == s {
            Ok(t)
        } else {
            Err(bad())
        }
    }
}

impl Serialize for Timestamp {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_str(self)
    }
}

impl<'de> Deserialize<'de> for Timestamp {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let s = String::deserialize(deserializer)?;
        s.parse().map_err(serde::de::Error::custom)
    }
}

/// Where "now" comes from.
pub trait Clock: Send + Sync {
    /// The current time.
    fn now(&self) -> Timestamp;
}

/// The system's wall clock.
#[derive(Debug, Clone, Copy, Default)]
pub struct SystemClock;

impl Clock for SystemClock {
    fn now(&self) -> Timestamp {
        // A clock set before 1970 is a broken clock; 1970 is a harmless stand-in.
        Timestamp(
            SystemTime::now()
                .duration_since(UNIX_EPOCH)
                .map_or(0, |d| d.as_secs()),
        )
    }
}

/// A clock for tests: returns `start`, then one second later on each call.
#[derive(Debug)]
pub struct SteppingClock {
    next: AtomicU64,
}

impl SteppingClock {
    /// Starts at `start`.
    #[must_use]
    pub fn starting_at(start: Timestamp) -> Self {
        Self {
            next: AtomicU64::new(start.0),
        }
    }
}

impl Clock for SteppingClock {
    fn now(&self) -> Timestamp {
        Timestamp(self.next.fetch_add(1, Ordering::Relaxed))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formats_and_parses() {
        let cases: &[(u64, &str)] = &[
            (0, "1970-01-01T00:00:00Z"),
            (951_782_400, "2000-02-29T00:00:00Z"),
            (1_768_467_600, "2026-01-15T09:00:00Z"),
            (1_709_164_799, "2024-02-28T23:59:59Z"),
            (4_102_444_800, "2100-01-01T00:00:00Z"),
        ];
        for &(secs, text) in cases {
            assert_eq!(Timestamp(secs).to_string(), text);
            assert_eq!(text.parse::<Timestamp>(), Ok(Timestamp(secs)), "{text}");
        }
        assert_eq!(Timestamp(1_768_467_600).compact(), "20260115T090000Z");
    }

    #[test]
    fn round_trips_every_day_for_centuries() {
        for day in (0..150_000u64).step_by(7) {
            let t = Timestamp(day * 86_400 + 3_723);
            assert_eq!(t.to_string().parse::<Timestamp>(), Ok(t));
        }
    }

    #[test]
    fn rejects_malformed_times() {
        for bad in [
            "",
            "2026-01-15",
            "2026-01-15T09:00:00",
            "2026-01-15 09:00:00Z",
            "2026-02-30T00:00:00Z",
            "2026-13-01T00:00:00Z",
            "2026-01-15T24:00:00Z",
            "2026-01-15T09:60:00Z",
            "2026-01-15T09:00:60Z",
            "1969-12-31T23:59:59Z",
            "2026-01-15T09:00:00+01:00",
            "+026-01-15T09:00:00Z",
            "２０２6-01-15T09:00:0Z",
        ] {
            assert!(bad.parse::<Timestamp>().is_err(), "{bad:?}");
        }
    }

    #[test]
    fn stepping_clock_ticks() {
        let clock = SteppingClock::starting_at(Timestamp(10));
        assert_eq!(
            [clock.now(), clock.now(), clock.now()],
            [Timestamp(10), Timestamp(11), Timestamp(12)]
        );
        assert!(SystemClock.now() > Timestamp(1_700_000_000));
    }
}
