//! The calendar admins edit: public holidays, days off (moved holidays,
//! government transfers) and working weekend days; plus the import of a year
//! from an iCalendar (.ics) file.

use crate::error::{AppError, FieldCode};
use crate::items::{CalendarDay, DayKind};
use crate::platform::db::Db;
use crate::{on_read, on_tx};
use chrono::{Datelike, NaiveDate, Weekday};

pub async fn list(db: &Db, year: i32) -> Result<Vec<CalendarDay>, AppError> {
    let (from, to) = (
        NaiveDate::from_ymd_opt(year, 1, 1),
        NaiveDate::from_ymd_opt(year, 12, 31),
    );
    let (Some(from), Some(to)) = (from, to) else {
        return Err(AppError::field("year", FieldCode::Invalid));
    };
    let rows: Vec<(NaiveDate, DayKind, String)> = on_read!(db, |c| sqlx::query_as(
        "SELECT day, kind, name FROM calendar_days WHERE day >= $1 AND day <= $2 ORDER BY day"
    )
    .bind(from)
    .bind(to)
    .fetch_all(c)
    .await)?;
    Ok(rows
        .into_iter()
        .map(|(day, kind, name)| CalendarDay { day, kind, name })
        .collect())
}

/// Checks one day: a known kind, a name of at most 200 characters, and a
/// working day only on a Saturday or Sunday.
pub fn validate(day: &str, kind: &str, name: &str) -> Result<(NaiveDate, DayKind, String), AppError> {
    let mut errs = Vec::new();
    let date = NaiveDate::parse_from_str(day.trim(), "%Y-%m-%d").ok();
    if date.is_none() {
        errs.push(crate::error::FieldError {
            field: "day".into(),
            code: if day.trim().is_empty() {
                FieldCode::Required
            } else {
                FieldCode::InvalidDate
            },
        });
    }
    let kind = DayKind::parse(kind.trim());
    if kind.is_none() {
        errs.push(crate::error::FieldError {
            field: "kind".into(),
            code: FieldCode::InvalidChoice,
        });
    }
    if name.trim().chars().count() > 200 {
        errs.push(crate::error::FieldError {
            field: "name".into(),
            code: FieldCode::TooLong,
        });
    }
    if let Some(d) = date {
        if kind == Some(DayKind::WorkingDay) && !matches!(d.weekday(), Weekday::Sat | Weekday::Sun) {
            errs.push(crate::error::FieldError {
                field: "day".into(),
                code: FieldCode::WorkingDayWeekend,
            });
        }
    }
    if !errs.is_empty() {
        return Err(AppError::fields(errs));
    }
    Ok((date.expect("checked"), kind.expect("checked"), name.trim().to_string()))
}

/// Adds a day, or changes its kind and name when it is already listed.
pub async fn put(db: &Db, day: NaiveDate, kind: DayKind, name: &str) -> Result<(), AppError> {
    let mut tx = db.begin().await?;
    on_tx!(&mut tx, |c| {
        sqlx::query(
        "INSERT INTO calendar_days (day, kind, name) VALUES ($1, $2, $3) ON CONFLICT (day) DO UPDATE SET kind = excluded.kind, name = excluded.name"
    )
    .bind(day)
    .bind(kind)
    .bind(name)
    .execute(c)
    .await
    .map(|r| r.rows_affected())
    })?;
    tx.commit().await?;
    Ok(())
}

pub async fn remove(db: &Db, day: NaiveDate) -> Result<(), AppError> {
    let mut tx = db.begin().await?;
    let n = on_tx!(&mut tx, |c| sqlx::query("DELETE FROM calendar_days WHERE day = $1")
        .bind(day)
        .execute(c)
        .await
        .map(|r| r.rows_affected()))?;
    if n == 0 {
        return Err(AppError::not_found());
    }
    tx.commit().await?;
    Ok(())
}

/// The all-day events of an iCalendar text: (day, summary), one per day an
/// event covers (DTEND is exclusive, as RFC 5545 says).
pub fn ics_days(text: &str) -> Result<Vec<(NaiveDate, String)>, AppError> {
    // Unfold continuation lines (RFC 5545 §3.1).
    let unfolded = text.replace("\r\n", "\n").replace("\n ", "").replace("\n\t", "");
    let mut out = Vec::new();
    let mut in_event = false;
    let (mut start, mut end, mut summary): (Option<NaiveDate>, Option<NaiveDate>, String) = (None, None, String::new());
    let date_of = |line: &str| -> Option<NaiveDate> {
        let value = line.rsplit(':').next()?.trim();
        NaiveDate::parse_from_str(value.get(..8)?, "%Y%m%d").ok()
    };
    let mut saw_calendar = false;
    for line in unfolded.lines() {
        let upper = line.to_ascii_uppercase();
        if upper.starts_with("BEGIN:VCALENDAR") {
            saw_calendar = true;
        } else if upper.starts_with("BEGIN:VEVENT") {
            in_event = true;
            (start, end, summary) = (None, None, String::new());
        } else if upper.starts_with("END:VEVENT") {
            in_event = false;
            if let Some(s) = start {
                let last = end.map(|e| e.pred_opt().unwrap_or(e)).unwrap_or(s).max(s);
                let mut d = s;
                while d <= last && out.len() < 1000 {
                    out.push((d, summary.clone()));
                    d = d.succ_opt().expect("dates far from the end of time");
                }
            }
        } else if in_event && upper.starts_with("DTSTART") {
            start = date_of(line);
        } else if in_event && upper.starts_with("DTEND") {
            end = date_of(line);
        } else if in_event && upper.starts_with("SUMMARY") {
            summary = line
                .split_once(':')
                .map(|(_, v)| v.replace("\\,", ",").replace("\\;", ";").trim().to_string())
                .unwrap_or_default();
        }
    }
    if !saw_calendar {
        return Err(AppError::field("file", FieldCode::IcsUnreadable));
    }
    Ok(out)
}

/// Imports the days of `year` from an iCalendar text as days off (holidays);
/// days already listed keep their kind. Returns (added, already listed).
pub async fn import_ics(db: &Db, text: &str, year: i32) -> Result<(usize, usize), AppError> {
    let days: Vec<(NaiveDate, String)> = ics_days(text)?.into_iter().filter(|(d, _)| d.year() == year).collect();
    let existing: std::collections::BTreeSet<NaiveDate> = list(db, year).await?.into_iter().map(|d| d.day).collect();
    let mut added = 0;
    let mut skipped = 0;
    let mut tx = db.begin().await?;
    for (day, name) in days {
        if existing.contains(&day) {
            skipped += 1;
            continue;
        }
        let name: String = name.chars().take(200).collect();
        on_tx!(&mut tx, |c| sqlx::query(
            "INSERT INTO calendar_days (day, kind, name) VALUES ($1, 'holiday', $2) ON CONFLICT (day) DO NOTHING"
        )
        .bind(day)
        .bind(&name)
        .execute(c)
        .await
        .map(|r| r.rows_affected()))?;
        added += 1;
    }
    tx.commit().await?;
    Ok((added, skipped))
}

/// `POST /admin/calendar/import`: a plain multipart form (works without
/// JavaScript) with `year` and an .ics `file`; answers with a redirect back
/// to the calendar page carrying the result.
pub async fn import_handler(
    axum::extract::State(st): axum::extract::State<crate::platform::state::AppState>,
    session: tower_sessions::Session,
    mut form: axum::extract::Multipart,
) -> axum::response::Response {
    use axum::response::{IntoResponse, Redirect};
    let action = crate::platform::authz::Action::ManageCalendar;
    if let Err(e) = crate::platform::guard::authorize_session(&st, &session, action).await {
        return crate::platform::security::refusal_page(&e);
    }
    let (mut year, mut text) = (None::<i32>, None::<String>);
    while let Ok(Some(field)) = form.next_field().await {
        match field.name() {
            Some("year") => year = field.text().await.ok().and_then(|t| t.trim().parse().ok()),
            Some("file") => {
                text = field
                    .bytes()
                    .await
                    .ok()
                    .map(|b| String::from_utf8_lossy(&b).into_owned())
            }
            _ => {}
        }
    }
    let year = year.unwrap_or(2026);
    let result = match text {
        Some(t) => import_ics(&st.db, &t, year).await,
        None => Err(AppError::field("file", FieldCode::Required)),
    };
    let target = match result {
        Ok((added, skipped)) => format!("/admin/calendar?year={year}&imported={added}&skipped={skipped}"),
        Err(e) => format!(
            "/admin/calendar?year={year}&error={}",
            e.fields.first().map(|f| f.code.as_str()).unwrap_or(e.code.as_str())
        ),
    };
    Redirect::to(&target).into_response()
}

#[cfg(test)]
mod tests {
    use super::*;

    const ICS: &str = "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nBEGIN:VEVENT\r\nDTSTART;VALUE=DATE:20280321\r\nDTEND;VALUE=DATE:20280324\r\nSUMMARY:Nauryz\r\n meiramy\r\nEND:VEVENT\r\nBEGIN:VEVENT\r\nDTSTART;VALUE=DATE:20281216\r\nSUMMARY:Independence Day\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n";

    #[test]
    fn all_day_events_become_one_day_each_with_an_exclusive_end() {
        let days = ics_days(ICS).unwrap();
        let dates: Vec<String> = days.iter().map(|(d, _)| d.to_string()).collect();
        assert_eq!(dates, ["2028-03-21", "2028-03-22", "2028-03-23", "2028-12-16"]);
        assert_eq!(days[0].1, "Nauryzmeiramy", "folded lines are unfolded");
    }

    #[test]
    fn a_file_that_is_not_a_calendar_is_refused() {
        assert_eq!(
            ics_days("hello").unwrap_err().field_code("file"),
            Some(FieldCode::IcsUnreadable)
        );
    }

    #[test]
    fn a_working_day_from_a_transfer_must_fall_on_a_weekend() {
        assert!(validate("2026-01-03", "working_day", "Transfer").is_ok());
        assert_eq!(
            validate("2026-01-05", "working_day", "").unwrap_err().field_code("day"),
            Some(FieldCode::WorkingDayWeekend)
        );
        assert_eq!(
            validate("03.01.2026", "holiday", "").unwrap_err().field_code("day"),
            Some(FieldCode::InvalidDate)
        );
        assert_eq!(
            validate("2026-01-05", "vacation", "").unwrap_err().field_code("kind"),
            Some(FieldCode::InvalidChoice)
        );
    }
}
