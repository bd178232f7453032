//! Working days and statutory deadlines (PRODUCT.md "Statutory deadlines").
//!
//! Working days skip Saturdays, Sundays and the calendar's non-working days,
//! and count a working Saturday created by a government transfer. The day of
//! receipt is not counted; an item received after working hours or on a
//! non-working day counts as received on the next working day. A due moment
//! is the end of the working day in the body's time zone.
//! Pure functions: the calendar is loaded by [`load`] and passed in.

use crate::error::AppError;
use crate::on_read;
use crate::platform::db::Db;
use chrono::{DateTime, Datelike, Duration, NaiveDate, NaiveTime, TimeZone, Utc, Weekday};
use std::collections::BTreeSet;

/// Non-working days and working Saturdays.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct WorkCalendar {
    pub days_off: BTreeSet<NaiveDate>,
    pub working_weekend_days: BTreeSet<NaiveDate>,
}

/// When the working day ends (and after which a receipt counts from the next one).
pub const END_OF_WORKING_DAY: (u32, u32) = (18, 0);

impl WorkCalendar {
    pub fn is_working(&self, d: NaiveDate) -> bool {
        if self.working_weekend_days.contains(&d) {
            return true;
        }
        !matches!(d.weekday(), Weekday::Sat | Weekday::Sun) && !self.days_off.contains(&d)
    }

    /// `d` itself when it is a working day, else the next working day.
    pub fn this_or_next_working(&self, mut d: NaiveDate) -> NaiveDate {
        while !self.is_working(d) {
            d = d.succ_opt().expect("dates far from the end of time");
        }
        d
    }

    /// The `n`th working day after `d` (`d` itself is not counted).
    pub fn add_working_days(&self, mut d: NaiveDate, n: u32) -> NaiveDate {
        let mut left = n;
        while left > 0 {
            d = d.succ_opt().expect("dates far from the end of time");
            if self.is_working(d) {
                left -= 1;
            }
        }
        d
    }

    /// The working day a receipt at `at` counts from.
    pub fn receipt_day(&self, at: DateTime<Utc>, tz: chrono_tz::Tz) -> NaiveDate {
        let local = at.with_timezone(&tz);
        let day = local.date_naive();
        let end = NaiveTime::from_hms_opt(END_OF_WORKING_DAY.0, END_OF_WORKING_DAY.1, 0).expect("valid time");
        if self.is_working(day) && local.time() < end {
            day
        } else {
            self.this_or_next_working(day.succ_opt().expect("dates far from the end of time"))
        }
    }
}

/// How a deadline counts.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Count {
    WorkingDays(u32),
    CalendarDays(u32),
}

/// The end of working day `d` in `tz`, as a UTC moment.
pub fn end_of(d: NaiveDate, tz: chrono_tz::Tz) -> DateTime<Utc> {
    let t = d
        .and_hms_opt(END_OF_WORKING_DAY.0, END_OF_WORKING_DAY.1, 0)
        .expect("valid time");
    tz.from_local_datetime(&t)
        .earliest()
        .expect("18:00 exists on every day")
        .with_timezone(&Utc)
}

/// When an item received at `received` is due under `count`. Calendar-day
/// deadlines that end on a non-working day move to the next working day.
pub fn due_at(cal: &WorkCalendar, received: DateTime<Utc>, count: Count, tz: chrono_tz::Tz) -> DateTime<Utc> {
    let start = cal.receipt_day(received, tz);
    let day = match count {
        Count::WorkingDays(n) => cal.add_working_days(start, n),
        Count::CalendarDays(n) => cal.this_or_next_working(start + Duration::days(n as i64)),
    };
    end_of(day, tz)
}

/// Working days from the start of `from`'s day to `to` (0 when `to` is not later).
pub fn working_days_between(cal: &WorkCalendar, from: NaiveDate, to: NaiveDate) -> i64 {
    let mut n = 0;
    let mut d = from;
    while d < to {
        d = d.succ_opt().expect("dates far from the end of time");
        if cal.is_working(d) {
            n += 1;
        }
    }
    n
}

/// The calendar as admins edited it.
pub async fn load(db: &Db) -> Result<WorkCalendar, AppError> {
    let rows: Vec<(NaiveDate, crate::items::DayKind)> =
        on_read!(db, |c| sqlx::query_as("SELECT day, kind FROM calendar_days")
            .fetch_all(c)
            .await)?;
    let mut cal = WorkCalendar::default();
    for (day, kind) in rows {
        match kind {
            crate::items::DayKind::WorkingDay => cal.working_weekend_days.insert(day),
            crate::items::DayKind::Holiday | crate::items::DayKind::DayOff => cal.days_off.insert(day),
        };
    }
    Ok(cal)
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono_tz::Asia::Almaty;
    use proptest::prelude::*;

    fn d(s: &str) -> NaiveDate {
        NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
    }

    /// A hand-made 2026 calendar: Nauryz 21–23 March (Sat–Mon) with 24–25 March
    /// off in place of the weekend days, New Year 1–2 January, Orthodox
    /// Christmas, 8 March on a Sunday moved to the 9th, and a government
    /// transfer that makes Saturday 3 January a working day.
    fn kz() -> WorkCalendar {
        let mut c = WorkCalendar::default();
        for s in [
            "2026-01-01",
            "2026-01-02",
            "2026-01-07",
            "2026-03-08",
            "2026-03-09",
            "2026-03-21",
            "2026-03-22",
            "2026-03-23",
            "2026-03-24",
            "2026-03-25",
        ] {
            c.days_off.insert(d(s));
        }
        c.working_weekend_days.insert(d("2026-01-03"));
        c
    }

    fn at(s: &str) -> DateTime<Utc> {
        Almaty
            .from_local_datetime(&chrono::NaiveDateTime::parse_from_str(s, "%Y-%m-%d %H:%M").unwrap())
            .unwrap()
            .with_timezone(&Utc)
    }

    #[test]
    fn a_question_received_on_a_monday_morning_is_due_fifteen_working_days_later() {
        // Mon 2 Nov 2026 + 15 working days = Mon 23 Nov 2026, end of the day.
        let due = due_at(
            &WorkCalendar::default(),
            at("2026-11-02 09:00"),
            Count::WorkingDays(15),
            Almaty,
        );
        assert_eq!(due, at("2026-11-23 18:00"));
    }

    #[test]
    fn a_receipt_after_working_hours_counts_from_the_next_working_day() {
        let cal = WorkCalendar::default();
        assert_eq!(
            cal.receipt_day(at("2026-11-06 18:30"), Almaty),
            d("2026-11-09"),
            "Friday evening counts from Monday"
        );
        assert_eq!(
            cal.receipt_day(at("2026-11-07 11:00"), Almaty),
            d("2026-11-09"),
            "Saturday counts from Monday"
        );
        assert_eq!(cal.receipt_day(at("2026-11-06 17:59"), Almaty), d("2026-11-06"));
    }

    #[test]
    fn nauryz_is_skipped() {
        // Press query on Fri 20 March 2026: 5 working days skip 21–25 March and the weekend.
        let due = due_at(&kz(), at("2026-03-20 10:00"), Count::WorkingDays(5), Almaty);
        assert_eq!(due, at("2026-04-01 18:00"));
    }

    #[test]
    fn new_year_is_skipped_and_the_transferred_saturday_is_worked() {
        // Received Wed 31 Dec 2025 at noon: 1–2 Jan off, Sat 3 Jan works, Sun 4 off.
        let cal = kz();
        assert!(cal.is_working(d("2026-01-03")));
        assert_eq!(cal.add_working_days(d("2025-12-31"), 1), d("2026-01-03"));
        assert_eq!(cal.add_working_days(d("2025-12-31"), 3), d("2026-01-06"));
        assert!(!cal.is_working(d("2026-01-07")), "Orthodox Christmas");
        assert_eq!(cal.add_working_days(d("2025-12-31"), 4), d("2026-01-08"));
    }

    #[test]
    fn a_calendar_day_deadline_on_a_day_off_moves_to_the_next_working_day() {
        // 15 calendar days from Sun 8 Mar 2026 (a day off, so counted from Tue 10th) = 25 Mar, off → 26 Mar.
        let due = due_at(&kz(), at("2026-03-08 12:00"), Count::CalendarDays(15), Almaty);
        assert_eq!(due, at("2026-03-26 18:00"));
    }

    fn calendar() -> impl Strategy<Value = WorkCalendar> {
        (
            prop::collection::btree_set(0u32..800, 0..60),
            prop::collection::btree_set(0u32..800, 0..10),
        )
            .prop_map(|(off, sat)| {
                let base = d("2025-01-01");
                WorkCalendar {
                    days_off: off.into_iter().map(|i| base + Duration::days(i as i64)).collect(),
                    working_weekend_days: sat
                        .into_iter()
                        .map(|i| base + Duration::days(i as i64))
                        .filter(|x| x.weekday() == Weekday::Sat)
                        .collect(),
                }
            })
    }

    proptest! {
        #[test]
        fn a_due_date_is_always_a_working_day(cal in calendar(), start in 0i64..700, minutes in 0i64..1440, n in 1u32..40, calendar_days in any::<bool>()) {
            let received = at("2025-01-01 00:00") + Duration::days(start) + Duration::minutes(minutes);
            let count = if calendar_days { Count::CalendarDays(n) } else { Count::WorkingDays(n) };
            let due = due_at(&cal, received, count, Almaty);
            prop_assert!(cal.is_working(due.with_timezone(&Almaty).date_naive()));
            prop_assert!(due > received);
        }

        #[test]
        fn a_due_date_never_moves_earlier_when_receipt_moves_later(cal in calendar(), start in 0i64..700, a in 0i64..5000, b in 0i64..5000, n in 1u32..30) {
            let (early, late) = (a.min(b), a.max(b));
            let t0 = at("2025-01-01 00:00") + Duration::days(start);
            let d1 = due_at(&cal, t0 + Duration::minutes(early), Count::WorkingDays(n), Almaty);
            let d2 = due_at(&cal, t0 + Duration::minutes(late), Count::WorkingDays(n), Almaty);
            prop_assert!(d1 <= d2);
        }

        #[test]
        fn adding_n_working_days_skips_exactly_the_non_working_days(cal in calendar(), start in 0i64..700, n in 0u32..60) {
            let from = d("2025-01-01") + Duration::days(start);
            let to = cal.add_working_days(from, n);
            prop_assert_eq!(working_days_between(&cal, from, to), n as i64);
            let skipped = (to - from).num_days() - n as i64;
            let non_working = (1..=(to - from).num_days()).filter(|i| !cal.is_working(from + Duration::days(*i))).count() as i64;
            prop_assert_eq!(skipped, non_working);
            prop_assert!(n == 0 || cal.is_working(to));
        }
    }
}
