//! SRP's `TIMESTAMP`: English `EEE MMM d HH:mm:ss 'UTC' yyyy`, the day of the month not
//! zero-padded (`Tue Dec 1 06:21:31 UTC 2026`).
//!
//! Cognito reads the string with a lenient date parser and signs the instant *in its own
//! writing*. So a string it can read but that is not how it writes that instant (a zero-padded
//! day, a wrong weekday) parses fine and then fails the signature, which is what AWS answers
//! (NotAuthorizedException, `reference/srp.md` §5), while a string it cannot read at all is an
//! InvalidParameterException.

use crate::calendar::{MONTHS, WEEKDAYS, civil, days_from_civil, days_in_month, strftime};

/// How Cognito, identity-js and pycognito write the TIMESTAMP, as a `strftime` pattern: the
/// day of the month is `%-d`, not `%d` (which zero-pads, the classic client bug).
pub const TIMESTAMP_PATTERN: &str = "%a %b %-d %H:%M:%S UTC %Y";

fn short(name: &str) -> &str {
    &name[..3]
}

/// `Tue Dec 1 06:21:31 UTC 2026`: how Cognito (and both SDKs) write `epoch`.
#[must_use]
pub fn format_timestamp(epoch: u64) -> String {
    strftime(TIMESTAMP_PATTERN, epoch).unwrap_or_default()
}

/// A `TIMESTAMP` Cognito could read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Timestamp {
    /// The instant it names (epoch seconds, UTC).
    pub epoch: u64,
    /// How Cognito writes that instant: the string it signs.
    pub canonical: String,
    /// When the string is readable but not written Cognito's way, what differs (in words).
    pub difference: Option<String>,
}

/// Reads `text` as a lenient `EEE MMM d HH:mm:ss z yyyy` parser does: English weekday and
/// month names (short or full, any case), a day and time fields of one or two digits, the zone
/// `UTC` or `GMT`, a four-digit year. `None` when it is not in that format at all, or names no
/// real instant (31 April, 25 o'clock, before 1970).
#[must_use]
pub fn parse_timestamp(text: &str) -> Option<Timestamp> {
    let fields: Vec<&str> = text.split_whitespace().collect();
    let [weekday, month, day, time, zone, year] = fields.as_slice() else {
        return None;
    };
    let named = |names: &[&str], field: &str| {
        names.iter().position(|name| {
            field.eq_ignore_ascii_case(name) || field.eq_ignore_ascii_case(short(name))
        })
    };
    let weekday = named(&WEEKDAYS, weekday)?;
    let month = u32::try_from(named(&MONTHS, month)? + 1).ok()?;
    let number = |field: &str, digits: std::ops::RangeInclusive<usize>| -> Option<u64> {
        (digits.contains(&field.len()) && field.bytes().all(|b| b.is_ascii_digit()))
            .then(|| field.parse().ok())
            .flatten()
    };
    let year = i64::try_from(number(year, 4..=4)?).ok()?;
    let day = u32::try_from(number(day, 1..=2)?).ok()?;
    let clock: Vec<&str> = time.split(':').collect();
    let [hour, minute, second] = clock.as_slice() else {
        return None;
    };
    let (hour, minute, second) = (
        number(hour, 1..=2)?,
        number(minute, 1..=2)?,
        number(second, 1..=2)?,
    );
    let zone_ok = zone.eq_ignore_ascii_case("UTC") || zone.eq_ignore_ascii_case("GMT");
    if !zone_ok || year < 1970 || day == 0 || day > days_in_month(year, month) {
        return None;
    }
    if hour > 23 || minute > 59 || second > 59 {
        return None;
    }
    let days = days_from_civil(year, i64::from(month), i64::from(day));
    let epoch = u64::try_from(days).ok()? * 86_400 + hour * 3600 + minute * 60 + second;
    let canonical = format_timestamp(epoch);
    let difference = (canonical != text).then(|| {
        let real_weekday = civil(epoch).weekday as usize;
        if weekday != real_weekday {
            format!(
                "the weekday is wrong: that date is a {}",
                WEEKDAYS.get(real_weekday).copied().unwrap_or("?")
            )
        } else if fields[2].len() == 2 && fields[2].starts_with('0') {
            "the day of the month is zero-padded".to_owned()
        } else {
            "it is not written the way Cognito writes it (names, padding or spacing)".to_owned()
        }
    });
    Some(Timestamp {
        epoch,
        canonical,
        difference,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Tue Dec 1 06:21:31 UTC 2026, the SRP test vectors' instant.
    const VECTOR: u64 = 1_796_106_091;

    #[test]
    fn writes_like_the_sdks() {
        assert_eq!(format_timestamp(VECTOR), "Tue Dec 1 06:21:31 UTC 2026");
        // Two-digit days, midnight, the epoch, a leap day.
        assert_eq!(
            format_timestamp(1_768_467_600),
            "Thu Jan 15 09:00:00 UTC 2026"
        );
        assert_eq!(format_timestamp(0), "Thu Jan 1 00:00:00 UTC 1970");
        assert_eq!(
            format_timestamp(951_868_799),
            "Tue Feb 29 23:59:59 UTC 2000"
        );
    }

    #[test]
    fn reads_what_it_writes_and_names_each_difference() {
        // (sent, instant, what differs from Cognito's own writing)
        let cases: [(&str, u64, Option<&str>); 6] = [
            ("Tue Dec 1 06:21:31 UTC 2026", VECTOR, None),
            (
                "Tue Dec 01 06:21:31 UTC 2026",
                VECTOR,
                Some("the day of the month is zero-padded"),
            ),
            (
                "Wed Dec 1 06:21:31 UTC 2026",
                VECTOR,
                Some("the weekday is wrong: that date is a Tuesday"),
            ),
            (
                "tue dec 1 6:21:31 GMT 2026",
                VECTOR,
                Some("it is not written the way Cognito writes it (names, padding or spacing)"),
            ),
            (
                "Tuesday December 1 06:21:31 UTC 2026",
                VECTOR,
                Some("it is not written the way Cognito writes it (names, padding or spacing)"),
            ),
            (
                "Tue  Dec 1 06:21:31 UTC 2026",
                VECTOR,
                Some("it is not written the way Cognito writes it (names, padding or spacing)"),
            ),
        ];
        for (sent, epoch, difference) in cases {
            let parsed = parse_timestamp(sent).unwrap_or_else(|| panic!("{sent}"));
            assert_eq!(parsed.epoch, epoch, "{sent}");
            assert_eq!(parsed.canonical, "Tue Dec 1 06:21:31 UTC 2026", "{sent}");
            assert_eq!(parsed.difference.as_deref(), difference, "{sent}");
        }
    }

    #[test]
    fn refuses_what_is_not_the_format() {
        for sent in [
            "",
            "2026-12-01T06:21:31Z",
            "1796106091",
            "Tue Dec 1 06:21:31 2026",
            "Tue Dec 1 06:21:31 PST 2026",
            "Tue Dez 1 06:21:31 UTC 2026",
            "Tue Dec 31x 06:21:31 UTC 2026",
            "Tue Dec 1 06:21 UTC 2026",
            "Tue Dec 1 06:21:31 UTC 26",
            "Tue Apr 31 06:21:31 UTC 2026",
            "Tue Dec 0 06:21:31 UTC 2026",
            "Tue Dec 1 24:00:00 UTC 2026",
            "Tue Dec 1 06:61:31 UTC 2026",
            "Thu Jan 1 00:00:00 UTC 1969",
            "Tue Dec 001 06:21:31 UTC 2026",
            "Tue Dec +1 06:21:31 UTC 2026",
            "Tue Dec 1 06:21:31 UTC 2026 extra",
        ] {
            assert_eq!(parse_timestamp(sent), None, "{sent:?}");
        }
    }

    #[test]
    fn every_second_of_a_year_round_trips() {
        let start = 1_767_225_600; // 2026-01-01
        for epoch in (start..start + 366 * 86_400).step_by(3_607) {
            let text = format_timestamp(epoch);
            let parsed = parse_timestamp(&text).unwrap_or_else(|| panic!("{text}"));
            assert_eq!((parsed.epoch, parsed.difference), (epoch, None), "{text}");
        }
    }
}
