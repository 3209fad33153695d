//! The lesson clock: UTC epoch seconds, written as people read them.

use toml::value::Datetime;

/// The lesson clock's default start, 2026-01-15T09:00:00Z.
pub const DEFAULT_CLOCK_START: u64 = 1_768_467_600;

/// Epoch seconds of a TOML datetime. Offsets are applied; a datetime without a date or a
/// pre-1970 date gives `None`; a missing time means midnight and a missing offset means UTC.
#[must_use]
pub fn datetime_to_epoch(datetime: &Datetime) -> Option<u64> {
    let date = datetime.date?;
    let days = crate::calendar::days_from_civil(
        i64::from(date.year),
        i64::from(date.month),
        i64::from(date.day),
    );
    let seconds_of_day = datetime.time.map_or(0, |t| {
        i64::from(t.hour) * 3600 + i64::from(t.minute) * 60 + i64::from(t.second.unwrap_or(0))
    });
    let offset = match datetime.offset {
        Some(toml::value::Offset::Custom { minutes }) => i64::from(minutes) * 60,
        Some(toml::value::Offset::Z) | None => 0,
    };
    u64::try_from(days * 86_400 + seconds_of_day - offset).ok()
}

pub use crate::calendar::{format_at_offset, format_utc};

/// The UTC offset of a TOML datetime, in minutes (0 for `Z` or none): how the lesson clock is
/// shown when `clock_start` has one.
#[must_use]
pub fn offset_minutes(datetime: &Datetime) -> i32 {
    match datetime.offset {
        Some(toml::value::Offset::Custom { minutes }) => i32::from(minutes),
        Some(toml::value::Offset::Z) | None => 0,
    }
}

/// `2026-01-15T09:00:00Z` (RFC 3339).
#[must_use]
pub fn format_rfc3339(epoch: u64) -> String {
    let (y, m, d, hh, mm, ss) = civil(epoch);
    format!("{y:04}-{m:02}-{d:02}T{hh:02}:{mm:02}:{ss:02}Z")
}

/// A duration in words, coarse as a person says it: "45 s", "60 min", "2 h 5 min", "30 days".
#[must_use]
pub fn human_duration(seconds: u64) -> String {
    match seconds {
        0..=119 => format!("{seconds} s"),
        120..=7_199 => format!("{} min", seconds / 60),
        7_200..=172_799 => {
            let (h, m) = (seconds / 3600, seconds % 3600 / 60);
            if m == 0 {
                format!("{h} h")
            } else {
                format!("{h} h {m} min")
            }
        }
        _ => format!("{} days", seconds / 86_400),
    }
}

/// (year, month, day, hour, minute, second) of epoch seconds.
fn civil(epoch: u64) -> (i64, u32, u32, u64, u64, u64) {
    let c = crate::calendar::civil(epoch);
    (c.year, c.month, c.day, c.hour, c.minute, c.second)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn default_start_is_the_documented_instant() {
        let dt: Datetime = "2026-01-15T09:00:00Z".parse().unwrap();
        assert_eq!(datetime_to_epoch(&dt), Some(DEFAULT_CLOCK_START));
        assert_eq!(format_rfc3339(DEFAULT_CLOCK_START), "2026-01-15T09:00:00Z");
        assert_eq!(
            format_utc(DEFAULT_CLOCK_START + 61),
            "2026-01-15 09:01:01 UTC"
        );
    }

    #[test]
    fn conversions_round_trip_and_apply_offsets() {
        for text in [
            "1970-01-01T00:00:00Z",
            "2000-02-29T23:59:59Z",
            "2024-12-31T12:00:00Z",
        ] {
            let dt: Datetime = text.parse().unwrap();
            assert_eq!(format_rfc3339(datetime_to_epoch(&dt).unwrap()), text);
        }
        let plus_two: Datetime = "2026-01-15T11:00:00+02:00".parse().unwrap();
        assert_eq!(datetime_to_epoch(&plus_two), Some(DEFAULT_CLOCK_START));
        let time_only: Datetime = "09:00:00".parse().unwrap();
        assert_eq!(datetime_to_epoch(&time_only), None);
    }

    #[test]
    fn durations_in_words() {
        assert_eq!(human_duration(45), "45 s");
        assert_eq!(human_duration(3600), "60 min");
        assert_eq!(human_duration(7500), "2 h 5 min");
        assert_eq!(human_duration(30 * 86_400), "30 days");
    }
}
