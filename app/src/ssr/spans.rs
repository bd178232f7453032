//! How a period is read from the aggregate tables: as whole calendar months,
//! whole weeks (Monday to Sunday) and single days, so a year's indicators
//! read about thirty aggregate units instead of 365 days. Also the median of
//! a histogram (answer times are kept as counts per number of working days).

use crate::indicators::Period;
use chrono::{Datelike, Duration, NaiveDate, Weekday};

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

/// The median of the values a histogram of `(value, count)` pairs holds (the
/// mean of the middle two for an even total), as `indicators::median` gives
/// for the values written out one by one.
pub fn histogram_median(h: &[(i64, i64)]) -> Option<f64> {
    let mut h: Vec<(i64, i64)> = h.iter().copied().filter(|(_, n)| *n > 0).collect();
    h.sort();
    let total: i64 = h.iter().map(|(_, n)| n).sum();
    if total == 0 {
        return None;
    }
    // The value at 0-based position `k` of the sorted list.
    let at = |k: i64| {
        let mut seen = 0;
        for (v, n) in &h {
            seen += n;
            if k < seen {
                return *v;
            }
        }
        h.last().map(|(v, _)| *v).unwrap_or(0)
    };
    Some(if total % 2 == 0 {
        (at(total / 2 - 1) + at(total / 2)) as f64 / 2.0
    } else {
        at(total / 2) as f64
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::indicators::median;

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
    fn a_histogram_median_equals_the_median_of_the_values_written_out() {
        for h in [
            vec![(3, 1)],
            vec![(1, 2), (5, 2)],
            vec![(2, 3), (7, 1), (4, 0)],
            vec![(10, 1), (0, 4), (3, 3)],
        ] {
            let values: Vec<f64> = h
                .iter()
                .flat_map(|(v, n)| std::iter::repeat_n(*v as f64, *n as usize))
                .collect();
            assert_eq!(histogram_median(&h), median(&values), "{h:?}");
        }
        assert_eq!(histogram_median(&[]), None);
        assert_eq!(histogram_median(&[(4, 0)]), None);
    }

    #[test]
    fn weeks_start_on_monday_and_months_on_the_first() {
        assert_eq!(week_start(day("2026-11-26")), day("2026-11-23"));
        assert_eq!(week_start(day("2026-11-23")), day("2026-11-23"));
        assert_eq!(month_start(day("2026-11-26")), day("2026-11-01"));
    }
}
