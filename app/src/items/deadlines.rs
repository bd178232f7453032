//! Deadline policies and the extension rules (PRODUCT.md "Statutory
//! deadlines"): a citizen question is due in 15 working days and may be
//! extended once by the head, with reasons, to at most two months in all,
//! the submitter told within 3 working days; a press query is due in 5
//! working days, extendable once to 15 calendar days in all, the journalist
//! told within 2 working days. Every number lives in `deadline_policies`.

use crate::error::{AppError, FieldCode, FieldError};
use crate::items::workdays::{due_at, end_of, Count, WorkCalendar};
use crate::on_read;
use crate::platform::db::Db;
use crate::platform::roles::Role;
use chrono::{DateTime, Months, NaiveDate, Utc};

/// How far an extension may reach, counted from receipt.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Span {
    Days(u32),
    Months(u32),
}

impl Span {
    /// Parses the ISO 8601 periods the table uses: `P15D`, `P2M`.
    pub fn parse(s: &str) -> Option<Span> {
        let body = s.trim().strip_prefix('P')?;
        if let Some(n) = body.strip_suffix('D') {
            return n.parse().ok().map(Span::Days);
        }
        body.strip_suffix('M').and_then(|n| n.parse().ok()).map(Span::Months)
    }

    fn after(self, d: NaiveDate) -> NaiveDate {
        match self {
            Span::Days(n) => d + chrono::Duration::days(n as i64),
            Span::Months(n) => d.checked_add_months(Months::new(n)).unwrap_or(d),
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Policy {
    pub item_kind: String,
    /// Empty: the policy for every topic of this kind.
    pub topic: String,
    pub count: Count,
    pub reminder_days: u32,
    pub extension_total: Option<Span>,
    pub notice_working_days: u32,
}

pub async fn load(db: &Db) -> Result<Vec<Policy>, AppError> {
    let rows: Vec<(String, String, i64, String, i64, Option<String>, i64)> = on_read!(db, |c| {
        sqlx::query_as(
        "SELECT item_kind, topic_code, CAST(days AS BIGINT), counting, CAST(reminder_days AS BIGINT), extension_total, \
         CAST(notice_working_days AS BIGINT) FROM deadline_policies"
    )
    .fetch_all(c)
    .await
    })?;
    Ok(rows
        .into_iter()
        .map(|(item_kind, topic, days, counting, reminder, ext, notice)| Policy {
            item_kind,
            topic,
            count: if counting == "calendar" {
                Count::CalendarDays(days as u32)
            } else {
                Count::WorkingDays(days as u32)
            },
            reminder_days: reminder as u32,
            extension_total: ext.as_deref().and_then(Span::parse),
            notice_working_days: notice as u32,
        })
        .collect())
}

/// The policy for an item: the topic's own if there is one, else the kind's.
pub fn pick<'a>(policies: &'a [Policy], kind: &str, topic: &str) -> Option<&'a Policy> {
    policies
        .iter()
        .find(|p| p.item_kind == kind && !p.topic.is_empty() && p.topic == topic)
        .or_else(|| policies.iter().find(|p| p.item_kind == kind && p.topic.is_empty()))
}

/// When an item received at `received` is first due.
pub fn first_due(p: &Policy, cal: &WorkCalendar, received: DateTime<Utc>, tz: chrono_tz::Tz) -> DateTime<Utc> {
    due_at(cal, received, p.count, tz)
}

/// A request to extend an item's deadline.
pub struct Extension<'a> {
    pub role: Role,
    pub already_extended: bool,
    pub received: DateTime<Utc>,
    pub current_due: DateTime<Utc>,
    pub new_day: NaiveDate,
    pub reason: &'a str,
}

/// Checks an extension against the policy and returns the new due moment
/// (the end of `new_day`). Once only, by a department head or an admin, with
/// a reason, to a later working day within the policy's limit.
pub fn extend(p: &Policy, cal: &WorkCalendar, x: &Extension, tz: chrono_tz::Tz) -> Result<DateTime<Utc>, AppError> {
    if !matches!(x.role, Role::DepartmentHead | Role::Admin) {
        return Err(AppError::forbidden());
    }
    let Some(limit) = p.extension_total else {
        return Err(AppError::conflict("new_due", FieldCode::NoExtension));
    };
    if x.already_extended {
        return Err(AppError::conflict("new_due", FieldCode::AlreadyExtended));
    }
    let mut errs = Vec::new();
    let reason = x.reason.trim();
    if reason.is_empty() {
        errs.push(FieldError {
            field: "reason".into(),
            code: FieldCode::Required,
        });
    } else if reason.chars().count() > 1000 {
        errs.push(FieldError {
            field: "reason".into(),
            code: FieldCode::TooLong,
        });
    }
    let new_due = end_of(x.new_day, tz);
    let received_day = x.received.with_timezone(&tz).date_naive();
    if new_due <= x.current_due {
        errs.push(FieldError {
            field: "new_due".into(),
            code: FieldCode::NotLater,
        });
    } else if x.new_day > limit.after(received_day) {
        errs.push(FieldError {
            field: "new_due".into(),
            code: FieldCode::BeyondLimit,
        });
    } else if !cal.is_working(x.new_day) {
        errs.push(FieldError {
            field: "new_due".into(),
            code: FieldCode::NotWorkingDay,
        });
    }
    if !errs.is_empty() {
        return Err(AppError::fields(errs));
    }
    Ok(new_due)
}

/// By when the submitter must be told of a decision taken at `decided`.
pub fn notice_by(p: &Policy, cal: &WorkCalendar, decided: DateTime<Utc>, tz: chrono_tz::Tz) -> DateTime<Utc> {
    due_at(cal, decided, Count::WorkingDays(p.notice_working_days), tz)
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::TimeZone;
    use chrono_tz::Asia::Almaty;

    fn defaults() -> Vec<Policy> {
        vec![
            Policy {
                item_kind: "question".into(),
                topic: String::new(),
                count: Count::WorkingDays(15),
                reminder_days: 3,
                extension_total: Some(Span::Months(2)),
                notice_working_days: 3,
            },
            Policy {
                item_kind: "press_query".into(),
                topic: String::new(),
                count: Count::WorkingDays(5),
                reminder_days: 1,
                extension_total: Some(Span::Days(15)),
                notice_working_days: 2,
            },
            Policy {
                item_kind: "question".into(),
                topic: "religion".into(),
                count: Count::WorkingDays(10),
                reminder_days: 2,
                extension_total: Some(Span::Months(1)),
                notice_working_days: 3,
            },
        ]
    }

    fn at(y: i32, m: u32, d: u32, h: u32) -> DateTime<Utc> {
        Almaty.with_ymd_and_hms(y, m, d, h, 0, 0).unwrap().with_timezone(&Utc)
    }

    fn day(s: &str) -> NaiveDate {
        NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
    }

    #[test]
    fn periods_parse() {
        assert_eq!(Span::parse("P2M"), Some(Span::Months(2)));
        assert_eq!(Span::parse("P15D"), Some(Span::Days(15)));
        assert_eq!(Span::parse("2 months"), None);
    }

    #[test]
    fn a_topic_policy_wins_over_the_kind_policy() {
        let p = defaults();
        assert_eq!(pick(&p, "question", "religion").unwrap().count, Count::WorkingDays(10));
        assert_eq!(pick(&p, "question", "youth").unwrap().count, Count::WorkingDays(15));
        assert!(pick(&p, "complaint", "").is_none());
    }

    fn press(role: Role, already: bool, new_day: &str, reason: &str) -> Result<DateTime<Utc>, AppError> {
        let p = defaults();
        let cal = WorkCalendar::default();
        let received = at(2026, 11, 2, 10);
        let current_due = first_due(pick(&p, "press_query", "").unwrap(), &cal, received, Almaty);
        let x = Extension {
            role,
            already_extended: already,
            received,
            current_due,
            new_day: day(new_day),
            reason,
        };
        extend(pick(&p, "press_query", "").unwrap(), &cal, &x, Almaty)
    }

    #[test]
    fn a_head_extends_a_press_query_once_within_fifteen_calendar_days() {
        // "once, up to 15 calendar days when several holders of the information are involved"
        let due = press(
            Role::DepartmentHead,
            false,
            "2026-11-17",
            "Three agencies hold the data",
        )
        .unwrap();
        assert_eq!(due, at(2026, 11, 17, 18));
        assert_eq!(
            press(Role::DepartmentHead, false, "2026-11-18", "x")
                .unwrap_err()
                .field_code("new_due"),
            Some(FieldCode::BeyondLimit)
        );
        assert_eq!(
            press(Role::DepartmentHead, true, "2026-11-12", "again")
                .unwrap_err()
                .field_code("new_due"),
            Some(FieldCode::AlreadyExtended)
        );
    }

    #[test]
    fn only_heads_and_admins_extend_and_always_with_a_reason() {
        assert_eq!(
            press(Role::Officer, false, "2026-11-12", "please").unwrap_err().code,
            crate::error::ErrorCode::Forbidden
        );
        assert_eq!(
            press(Role::Admin, false, "2026-11-12", "  ")
                .unwrap_err()
                .field_code("reason"),
            Some(FieldCode::Required)
        );
        assert_eq!(
            press(Role::Admin, false, "2026-11-06", "earlier")
                .unwrap_err()
                .field_code("new_due"),
            Some(FieldCode::NotLater)
        );
        assert_eq!(
            press(Role::Admin, false, "2026-11-14", "a Saturday")
                .unwrap_err()
                .field_code("new_due"),
            Some(FieldCode::NotWorkingDay)
        );
    }

    #[test]
    fn a_question_may_reach_two_months_from_receipt_in_all() {
        let p = defaults();
        let q = pick(&p, "question", "").unwrap();
        let cal = WorkCalendar::default();
        let received = at(2026, 11, 2, 10);
        let current_due = first_due(q, &cal, received, Almaty);
        let ok = Extension {
            role: Role::DepartmentHead,
            already_extended: false,
            received,
            current_due,
            new_day: day("2027-01-01"),
            reason: "Needs an inspection",
        };
        assert!(extend(q, &cal, &ok, Almaty).is_ok());
        let late = Extension {
            new_day: day("2027-01-04"),
            ..ok
        };
        assert_eq!(
            extend(q, &cal, &late, Almaty).unwrap_err().field_code("new_due"),
            Some(FieldCode::BeyondLimit)
        );
    }

    #[test]
    fn the_submitter_is_told_within_the_notice_period() {
        let p = defaults();
        let cal = WorkCalendar::default();
        // Decided Friday 6 Nov 2026 at 17:00: press query notice within 2 working days = Tue 10 Nov.
        assert_eq!(
            notice_by(pick(&p, "press_query", "").unwrap(), &cal, at(2026, 11, 6, 17), Almaty),
            at(2026, 11, 10, 18)
        );
    }
}
