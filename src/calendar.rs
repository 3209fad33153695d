//! UTC calendar arithmetic on epoch seconds, by hand (no date crate is needed for UTC).
//!
//! A leaf module: the mock (SRP's `TIMESTAMP`), the lesson clock and the progress files all
//! convert with these, so there is one calendar in the program.

/// Days since 1970-01-01 of a proleptic Gregorian date (Howard Hinnant's algorithm).
#[must_use]
pub fn days_from_civil(year: i64, month: i64, day: i64) -> i64 {
    let y = if month <= 2 { year - 1 } else { year };
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let mp = (month + 9) % 12;
    let doy = (153 * mp + 2) / 5 + day - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146_097 + doe - 719_468
}

/// A UTC instant taken apart.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Civil {
    /// e.g. 2026.
    pub year: i64,
    /// 1–12.
    pub month: u32,
    /// 1–31.
    pub day: u32,
    /// 0–23.
    pub hour: u64,
    /// 0–59.
    pub minute: u64,
    /// 0–59.
    pub second: u64,
    /// 0 = Monday … 6 = Sunday.
    pub weekday: u32,
}

/// The date, time and weekday of epoch seconds (UTC).
#[must_use]
pub fn civil(epoch: u64) -> Civil {
    let days = i64::try_from(epoch / 86_400).unwrap_or(i64::MAX / 2);
    let rem = epoch % 86_400;
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let day = u32::try_from(doy - (153 * mp + 2) / 5 + 1).unwrap_or(1);
    let month = u32::try_from(if mp < 10 { mp + 3 } else { mp - 9 }).unwrap_or(1);
    let year = yoe + era * 400 + i64::from(month <= 2);
    // 1970-01-01 was a Thursday (3 when Monday is 0).
    let weekday = u32::try_from((days + 3).rem_euclid(7)).unwrap_or(0);
    Civil {
        year,
        month,
        day,
        hour: rem / 3600,
        minute: rem % 3600 / 60,
        second: rem % 60,
        weekday,
    }
}

/// `2026-01-15 09:00:00 UTC`.
#[must_use]
pub fn format_utc(epoch: u64) -> String {
    format_at_offset(epoch, 0)
}

/// The instant as a clock at UTC offset `offset_minutes` shows it: `2026-01-15 14:00:00 +01:00`,
/// or `… UTC` for offset 0 (a lesson whose `clock_start` has an offset keeps it on screen).
#[must_use]
pub fn format_at_offset(epoch: u64, offset_minutes: i32) -> String {
    let shifted = epoch.saturating_add_signed(i64::from(offset_minutes) * 60);
    let c = civil(shifted);
    let zone = if offset_minutes == 0 {
        "UTC".to_owned()
    } else {
        let sign = if offset_minutes < 0 { '-' } else { '+' };
        let minutes = offset_minutes.unsigned_abs();
        format!("{sign}{:02}:{:02}", minutes / 60, minutes % 60)
    };
    format!(
        "{:04}-{:02}-{:02} {:02}:{:02}:{:02} {zone}",
        c.year, c.month, c.day, c.hour, c.minute, c.second
    )
}

/// `at` as a sentence says it beside `now`: "10:00 UTC" on the same day (seconds only when
/// they are not zero), else the whole date.
#[must_use]
pub fn time_beside(at: u64, now: u64) -> String {
    let (a, n) = (civil(at), civil(now));
    let clock = if a.second == 0 {
        format!("{:02}:{:02}", a.hour, a.minute)
    } else {
        format!("{:02}:{:02}:{:02}", a.hour, a.minute, a.second)
    };
    if (a.year, a.month, a.day) == (n.year, n.month, n.day) {
        format!("{clock} UTC")
    } else {
        format!("{:04}-{:02}-{:02} {clock} UTC", a.year, a.month, a.day)
    }
}

/// A span of time in words, as exact as it is short: "45 seconds", "1 minute", "1 hour 5
/// minutes", "30 days", "2 days 3 hours".
#[must_use]
pub fn span_words(seconds: u64) -> String {
    let units = [
        (86_400, "day"),
        (3_600, "hour"),
        (60, "minute"),
        (1, "second"),
    ];
    let mut left = seconds;
    let mut parts = Vec::new();
    for (size, name) in units {
        let n = left / size;
        if n > 0 {
            parts.push(format!("{n} {name}{}", if n == 1 { "" } else { "s" }));
            left -= n * size;
        }
        // Two units say enough ("2 days 3 hours", not the minutes too).
        if parts.len() == 2 {
            break;
        }
        if !parts.is_empty() && left == 0 {
            break;
        }
    }
    if parts.is_empty() {
        "0 seconds".to_owned()
    } else {
        parts.join(" ")
    }
}

/// Days in `month` of `year` (Gregorian leap years).
#[must_use]
pub fn days_in_month(year: i64, month: u32) -> u32 {
    match month {
        2 if (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 => 29,
        2 => 28,
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    }
}

/// English weekday names, Monday first (as [`Civil::weekday`] counts).
pub const WEEKDAYS: [&str; 7] = [
    "Monday",
    "Tuesday",
    "Wednesday",
    "Thursday",
    "Friday",
    "Saturday",
    "Sunday",
];

/// English month names, January first.
pub const MONTHS: [&str; 12] = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
];

/// `epoch` written with a `strftime` pattern, as C, Python and glibc spell them: `%a` `%A`
/// (weekday), `%b` `%B` (month), `%d` (day, zero-padded), `%-d` (day, not padded), `%e` (day,
/// space-padded), `%H` `%M` `%S`, `%Y`, `%Z` (always `UTC`), `%%`. Enough to write the SRP
/// `TIMESTAMP` each SDK writes, and the classic bug (`%d` where `%-d` is meant).
///
/// # Errors
/// The directive this does not know, e.g. "`%j` is not a directive cogflow knows".
pub fn strftime(pattern: &str, epoch: u64) -> Result<String, String> {
    let c = civil(epoch);
    let weekday = WEEKDAYS.get(c.weekday as usize).copied().unwrap_or("?");
    let month = MONTHS
        .get((c.month as usize).saturating_sub(1))
        .copied()
        .unwrap_or("?");
    let mut out = String::new();
    let mut chars = pattern.chars();
    while let Some(ch) = chars.next() {
        if ch != '%' {
            out.push(ch);
            continue;
        }
        let directive = match chars.next() {
            Some('-') => chars.next().map(|d| format!("-{d}")),
            Some(d) => Some(d.to_string()),
            None => None,
        };
        let text = match directive.as_deref() {
            Some("a") => weekday[..3].to_owned(),
            Some("A") => weekday.to_owned(),
            Some("b") => month[..3].to_owned(),
            Some("B") => month.to_owned(),
            Some("d") => format!("{:02}", c.day),
            Some("-d") => c.day.to_string(),
            Some("e") => format!("{:>2}", c.day),
            Some("H") => format!("{:02}", c.hour),
            Some("M") => format!("{:02}", c.minute),
            Some("S") => format!("{:02}", c.second),
            Some("Y") => c.year.to_string(),
            Some("Z") => "UTC".to_owned(),
            Some("%") => "%".to_owned(),
            Some(other) => return Err(format!("`%{other}` is not a directive cogflow knows")),
            None => return Err("the pattern ends with a lone `%`".to_owned()),
        };
        out.push_str(&text);
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn strftime_writes_like_c() {
        // Tue Dec 1 06:21:31 UTC 2026.
        let epoch = 1_796_106_091;
        let cases = [
            (
                "%a %b %-d %H:%M:%S UTC %Y",
                Ok("Tue Dec 1 06:21:31 UTC 2026"),
            ),
            (
                "%a %b %d %H:%M:%S %Z %Y",
                Ok("Tue Dec 01 06:21:31 UTC 2026"),
            ),
            ("%A %B %e", Ok("Tuesday December  1")),
            ("100%%", Ok("100%")),
            ("%j", Err("`%j` is not a directive cogflow knows")),
            ("%-x", Err("`%-x` is not a directive cogflow knows")),
            ("50%", Err("the pattern ends with a lone `%`")),
        ];
        for (pattern, want) in cases {
            assert_eq!(
                strftime(pattern, epoch).as_deref(),
                want.map_err(str::to_owned).as_deref(),
                "{pattern}"
            );
        }
    }

    #[test]
    fn round_trips_and_weekdays() {
        // (epoch, y, m, d, weekday): the epoch, a leap day, the SRP vector's day.
        let cases = [
            (0, 1970, 1, 1, 3),
            (951_782_400, 2000, 2, 29, 1),
            (1_796_106_091, 2026, 12, 1, 1),
        ];
        for (epoch, y, m, d, weekday) in cases {
            let c = civil(epoch);
            assert_eq!(
                (c.year, c.month, c.day, c.weekday),
                (y, m, d, weekday),
                "{epoch}"
            );
            let back = days_from_civil(y, i64::from(m), i64::from(d)) * 86_400;
            assert_eq!(u64::try_from(back).unwrap(), epoch - epoch % 86_400);
        }
        let c = civil(1_796_106_091);
        assert_eq!((c.hour, c.minute, c.second), (6, 21, 31));
    }

    #[test]
    fn times_and_spans_in_words() {
        // 2026-01-15 09:00:00 UTC.
        let start = 1_768_467_600;
        assert_eq!(format_utc(start), "2026-01-15 09:00:00 UTC");
        assert_eq!(format_at_offset(start, 60), "2026-01-15 10:00:00 +01:00");
        assert_eq!(format_at_offset(start, -330), "2026-01-15 03:30:00 -05:30");
        assert_eq!(time_beside(start + 3600, start + 3660), "10:00 UTC");
        assert_eq!(time_beside(start + 3601, start), "10:00:01 UTC");
        assert_eq!(time_beside(start, start + 86_400), "2026-01-15 09:00 UTC");
        for (seconds, words) in [
            (0, "0 seconds"),
            (1, "1 second"),
            (45, "45 seconds"),
            (60, "1 minute"),
            (90, "1 minute 30 seconds"),
            (3_900, "1 hour 5 minutes"),
            (3_600, "1 hour"),
            (2_592_000, "30 days"),
            (183_600, "2 days 3 hours"),
            (183_661, "2 days 3 hours"),
        ] {
            assert_eq!(span_words(seconds), words, "{seconds}");
        }
    }

    #[test]
    fn month_lengths() {
        assert_eq!(days_in_month(2024, 2), 29);
        assert_eq!(days_in_month(1900, 2), 28);
        assert_eq!(days_in_month(2000, 2), 29);
        assert_eq!(days_in_month(2026, 4), 30);
        assert_eq!(days_in_month(2026, 12), 31);
    }
}
