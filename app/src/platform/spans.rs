//! How a period is read from the aggregate tables: as whole calendar months,
//! whole weeks (Monday to Sunday) and single days, so a year's indicators
//! read about thirty aggregate units instead of 365 days. Also the moment a
//! local day starts.

use crate::platform::period::Period;
use chrono::{DateTime, Datelike, Duration, NaiveDate, TimeZone, Utc, Weekday};

/// One aggregate unit: its span code as stored (`d`, `w`, `m`) and first day.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Unit {
    Day(NaiveDate),
    Week(NaiveDate),
    Month(NaiveDate),
}

impl Unit {
    pub fn span(&self) -> &'static str {
        match self {
            Unit::Day(_) => "d",
            Unit::Week(_) => "w",
            Unit::Month(_) => "m",
        }
    }

    pub fn start(&self) -> NaiveDate {
        match self {
            Unit::Day(d) | Unit::Week(d) | Unit::Month(d) => *d,
        }
    }
}

/// The Monday on or before `d`.
pub fn week_start(d: NaiveDate) -> NaiveDate {
    d - Duration::days(d.weekday().num_days_from_monday() as i64)
}

/// The first day of `d`'s month.
pub fn month_start(d: NaiveDate) -> NaiveDate {
    d.with_day(1).expect("day 1 exists")
}

fn next_month(d: NaiveDate) -> NaiveDate {
    let (y, m) = if d.month() == 12 {
        (d.year() + 1, 1)
    } else {
        (d.year(), d.month() + 1)
    };
    NaiveDate::from_ymd_opt(y, m, 1).expect("first of month")
}

fn weeks_and_days(from: NaiveDate, to: NaiveDate, out: &mut Vec<Unit>) {
    let mut d = from;
    while d <= to {
        if d.weekday() == Weekday::Mon && d + Duration::days(6) <= to {
            out.push(Unit::Week(d));
            d += Duration::days(7);
        } else {
            out.push(Unit::Day(d));
            d += Duration::days(1);
        }
    }
}

/// The units that cover `p` exactly, each day once: whole months inside the
/// period when `months` is set, then whole weeks, then the days left over.
pub fn cover(p: Period, months: bool) -> Vec<Unit> {
    let mut out = Vec::new();
    if p.from > p.to {
        return out;
    }
    let first = if p.from.day() == 1 { p.from } else { next_month(p.from) };
    let mut end = first;
    while months && next_month(end) - Duration::days(1) <= p.to {
        end = next_month(end);
    }
    if end == first {
        weeks_and_days(p.from, p.to, &mut out);
        return out;
    }
    weeks_and_days(p.from, first - Duration::days(1), &mut out);
    let mut m = first;
    while m < end {
        out.push(Unit::Month(m));
        m = next_month(m);
    }
    weeks_and_days(end, p.to, &mut out);
    out
}

/// What a read of an aggregate table selects, one entry per branch: for each
/// of `periods` (by index) and each span code (`d`, `w`, `m`) that covers
/// part of it, the first days of those units as stored.
pub fn slices(periods: &[Period], months: bool) -> Vec<(usize, &'static str, Vec<String>)> {
    let mut out = Vec::new();
    for (i, period) in periods.iter().enumerate() {
        let units = cover(*period, months);
        for span in ["d", "w", "m"] {
            let days: Vec<String> = units
                .iter()
                .filter(|u| u.span() == span)
                .map(|u| u.start().to_string())
                .collect();
            if !days.is_empty() {
                out.push((i, span, days));
            }
        }
    }
    out
}

/// Start of `day` in `tz`, as UTC.
pub fn day_start(day: NaiveDate, tz: chrono_tz::Tz) -> DateTime<Utc> {
    tz.from_local_datetime(&day.and_hms_opt(0, 0, 0).expect("midnight"))
        .earliest()
        .map(|t| t.with_timezone(&Utc))
        .unwrap_or_else(|| Utc.from_utc_datetime(&day.and_hms_opt(0, 0, 0).expect("midnight")))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day(s: &str) -> NaiveDate {
        s.parse().unwrap()
    }

    fn days_of(units: &[Unit]) -> Vec<NaiveDate> {
        let mut out = Vec::new();
        for u in units {
            let (start, n) = match u {
                Unit::Day(d) => (*d, 1),
                Unit::Week(d) => (*d, 7),
                Unit::Month(d) => (*d, (next_month(*d) - *d).num_days()),
            };
            for i in 0..n {
                out.push(start + Duration::days(i));
            }
        }
        out
    }

    #[test]
    fn every_period_is_covered_by_its_units_each_day_exactly_once() {
        let base = day("2024-01-01");
        for start in 0..70 {
            for len in [1, 6, 7, 13, 30, 31, 60, 90, 365, 400] {
                let p = Period {
                    from: base + Duration::days(start),
                    to: base + Duration::days(start + len - 1),
                };
                for months in [false, true] {
                    let units = cover(p, months);
                    let want: Vec<NaiveDate> = (0..len).map(|i| p.from + Duration::days(i)).collect();
                    assert_eq!(days_of(&units), want, "{p:?} months={months}");
                    for u in &units {
                        match u {
                            Unit::Week(d) => assert_eq!(d.weekday(), Weekday::Mon),
                            Unit::Month(d) => {
                                assert!(months);
                                assert_eq!(d.day(), 1)
                            }
                            Unit::Day(_) => {}
                        }
                    }
                }
            }
        }
    }

    #[test]
    fn a_year_reads_about_thirty_units_instead_of_365_days() {
        let p = Period {
            from: day("2025-11-27"),
            to: day("2026-11-26"),
        };
        let units = cover(p, true);
        assert!(units.len() <= 31, "{} units", units.len());
        assert_eq!(units.iter().filter(|u| matches!(u, Unit::Month(_))).count(), 11);
    }

    #[test]
    fn weeks_start_on_monday_and_months_on_the_first() {
        assert_eq!(week_start(day("2026-11-26")), day("2026-11-23"));
        assert_eq!(week_start(day("2026-11-23")), day("2026-11-23"));
        assert_eq!(month_start(day("2026-11-26")), day("2026-11-01"));
    }
}
