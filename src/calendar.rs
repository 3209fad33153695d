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

#[cfg(test)]
mod tests {
    use super::*;

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
    fn month_lengths() {
        assert_eq!(days_in_month(2024, 2), 29);
        assert_eq!(days_in_month(1900, 2), 28);
        assert_eq!(days_in_month(2000, 2), 29);
        assert_eq!(days_in_month(2026, 4), 30);
        assert_eq!(days_in_month(2026, 12), 31);
    }
}
