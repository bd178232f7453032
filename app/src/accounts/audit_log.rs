//! Reading the security audit log for admins: filtered by account, event
//! and period, a page at a time, or whole as CSV (`/admin/audit.csv`).

use crate::accounts::{AuditEntry, AuditFilter, AuditPage};
use crate::error::{AppError, FieldCode, FieldError};
use crate::platform::db::Db;
use crate::platform::query::{Bind, Where};
use crate::{bind_all, on_read};
use chrono::{DateTime, NaiveDate, Utc};

pub const PER_PAGE: u32 = 50;
/// The most rows one CSV export holds.
pub const CSV_MAX_ROWS: i64 = 100_000;

fn day(s: &str, field: &str, errs: &mut Vec<FieldError>) -> Option<NaiveDate> {
    let s = s.trim();
    if s.is_empty() {
        return None;
    }
    NaiveDate::parse_from_str(s, "%Y-%m-%d").map_or_else(
        |_| {
            errs.push(FieldError {
                field: field.into(),
                code: FieldCode::InvalidDate,
            });
            None
        },
        Some,
    )
}

/// The conditions of `f`, or the fields it got wrong.
fn conditions(f: &AuditFilter, tz: chrono_tz::Tz) -> Result<Where, AppError> {
    let mut errs = Vec::new();
    let mut w = Where::default();
    let account = crate::accounts::normalise_username(&f.account);
    if !account.is_empty() {
        w.push(
            "(a.username = ? OR s.username = ?)",
            [Bind::Str(account.clone()), Bind::Str(account)],
        );
    }
    let event = f.event.trim();
    if !event.is_empty() {
        match crate::platform::audit_event::Event::parse(event) {
            Some(e) => w.push("l.event = ?", [Bind::Str(e.as_str().into())]),
            None => errs.push(FieldError {
                field: "event".into(),
                code: FieldCode::InvalidChoice,
            }),
        }
    }
    let start_of = |d: NaiveDate| crate::platform::spans::day_start(d, tz);
    let from = day(&f.from, "from", &mut errs);
    let to = day(&f.to, "to", &mut errs);
    if let (Some(a), Some(b)) = (from, to) {
        if b < a {
            errs.push(FieldError {
                field: "to".into(),
                code: FieldCode::NotEarlier,
            });
        }
    }
    if !errs.is_empty() {
        return Err(AppError::fields(errs));
    }
    if let Some(d) = from {
        w.push("l.at >= ?", [Bind::Time(start_of(d))]);
    }
    if let Some(d) = to.and_then(|d| d.succ_opt()) {
        w.push("l.at < ?", [Bind::Time(start_of(d))]);
    }
    Ok(w)
}

const FROM: &str =
    "FROM audit_log l LEFT JOIN users a ON a.id = l.actor_user_id LEFT JOIN users s ON s.id = l.subject_user_id";

type Row = (
    DateTime<Utc>,
    String,
    Option<String>,
    Option<String>,
    String,
    String,
    String,
);

async fn rows(db: &Db, w: &Where, limit: i64, offset: i64) -> Result<Vec<AuditEntry>, AppError> {
    let sql = format!(
        "SELECT l.at, l.event, a.username, s.username, l.detail, l.client, l.user_agent {FROM}{} \
         ORDER BY l.id DESC LIMIT {limit} OFFSET {offset}",
        w.sql()
    );
    let rows: Vec<Row> = on_read!(db, |c| bind_all!(sqlx::query_as::<_, Row>(&sql), &w.binds)
        .fetch_all(c)
        .await)?;
    Ok(rows
        .into_iter()
        .map(|(at, event, actor, subject, detail, client, user_agent)| AuditEntry {
            at,
            event,
            actor,
            subject,
            detail,
            client,
            user_agent,
        })
        .collect())
}

/// One page of the events that match `f`, newest first.
pub async fn page(db: &Db, f: &AuditFilter, tz: chrono_tz::Tz) -> Result<AuditPage, AppError> {
    let w = conditions(f, tz)?;
    let count_sql = format!("SELECT COUNT(*) {FROM}{}", w.sql());
    let total: i64 = on_read!(db, |c| bind_all!(sqlx::query_scalar(&count_sql), &w.binds)
        .fetch_one(c)
        .await)?;
    let page = f.page.max(1);
    let entries = rows(db, &w, PER_PAGE.into(), i64::from(page - 1) * i64::from(PER_PAGE)).await?;
    Ok(AuditPage {
        entries,
        total,
        page,
        per_page: PER_PAGE,
    })
}

/// Every event that matches `f` (up to [`CSV_MAX_ROWS`]) as CSV, times in UTC.
pub async fn csv(db: &Db, f: &AuditFilter, tz: chrono_tz::Tz) -> Result<String, AppError> {
    let w = conditions(f, tz)?;
    let mut out = crate::platform::spreadsheet::CsvFile::new();
    out.row(["at_utc", "event", "actor", "subject", "detail", "client", "user_agent"])?;
    for e in rows(db, &w, CSV_MAX_ROWS, 0).await? {
        let at = e.at.to_rfc3339_opts(chrono::SecondsFormat::Secs, true);
        let record = [
            at,
            e.event,
            e.actor.unwrap_or_default(),
            e.subject.unwrap_or_default(),
            e.detail,
            e.client,
            e.user_agent,
        ];
        out.row(record)?;
    }
    out.finish()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_bad_filter_names_its_fields() {
        let f = AuditFilter {
            event: "no_such_event".into(),
            from: "2026-13-01".into(),
            ..Default::default()
        };
        let e = conditions(&f, chrono_tz::Asia::Almaty).unwrap_err();
        let fields: Vec<&str> = e.fields.iter().map(|f| f.field.as_str()).collect();
        assert_eq!(fields, ["event", "from"]);
    }
}
