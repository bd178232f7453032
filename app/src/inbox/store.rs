//! The staff inbox: the items a staff member may see (their department's;
//! every item, triage included, for admins and analysts), filtered, sorted by
//! due date, paged, with counts per filter and a deadline badge per row.
//! Those who read items without handling them see subjects redacted and
//! cannot search by personal data.

use crate::bind_all;
use crate::error::{AppError, FieldCode, FieldError};
use crate::inbox::item_actions::TRIAGE;
use crate::inbox::{Deadline, InboxCounts, InboxPage, InboxQuery, InboxRow, OPEN_STATUSES};
use crate::items::workdays::{end_of, working_days_between, WorkCalendar};
use crate::items::Status;
use crate::on_read;
use crate::platform::authz::{authorize, Action};
use crate::platform::db::Db;
use crate::platform::query::{contains_pattern, Bind, Where};
use crate::platform::roles::{CurrentUser, Role};
use chrono::{DateTime, Utc};

pub const PER_PAGE: u32 = 25;

/// Working days left within which an open item counts as due soon.
pub const DUE_SOON_DAYS: u32 = 2;

/// The badge of an item due at `due` in `status`, seen at `now`.
pub fn deadline(
    cal: &WorkCalendar,
    tz: chrono_tz::Tz,
    now: DateTime<Utc>,
    due: DateTime<Utc>,
    status: Status,
) -> Deadline {
    if !status.is_open() {
        return Deadline::Done;
    }
    let today = now.with_timezone(&tz).date_naive();
    let due_day = due.with_timezone(&tz).date_naive();
    if now > due {
        Deadline::Overdue(working_days_between(cal, due_day, today))
    } else {
        let left = working_days_between(cal, today, due_day);
        if left <= DUE_SOON_DAYS as i64 {
            Deadline::DueSoon(left)
        } else {
            Deadline::OnTime(left)
        }
    }
}

/// The end of the last day that still counts as "due soon" from `now`.
pub fn due_soon_limit(cal: &WorkCalendar, tz: chrono_tz::Tz, now: DateTime<Utc>) -> DateTime<Utc> {
    let today = now.with_timezone(&tz).date_naive();
    end_of(cal.add_working_days(today, DUE_SOON_DAYS), tz)
}

/// Whether the viewer handles every item in their scope (admins, and the
/// officers and heads of their department), so may search personal data.
fn handles_all_it_sees(viewer: &CurrentUser) -> bool {
    matches!(viewer.role, Role::Admin | Role::Officer | Role::DepartmentHead)
}

/// The part of the items a viewer may see, as a condition.
pub fn scope(viewer: &CurrentUser, w: &mut Where) {
    match (viewer.role, viewer.department_id) {
        (Role::Admin | Role::Analyst, _) => {}
        (_, Some(d)) => w.push("i.department_id = ?", [Bind::Int(d)]),
        (_, None) => w.raw("1 = 0"),
    }
}

const OPEN_SQL: &str = "i.status IN ('new', 'assigned', 'in_progress')";

/// One page of the inbox. `cal` and `tz` decide the deadline badges.
pub async fn list(
    db: &Db,
    viewer: &CurrentUser,
    q: &InboxQuery,
    cal: &WorkCalendar,
    tz: chrono_tz::Tz,
    now: DateTime<Utc>,
) -> Result<InboxPage, AppError> {
    let mut errs = Vec::new();
    let mut bad = |f: &str, c: FieldCode| {
        errs.push(FieldError {
            field: f.into(),
            code: c,
        })
    };
    let mut w = Where::default();
    scope(viewer, &mut w);
    let counts = counts(db, viewer, cal, tz, now).await?;
    match q.status.trim() {
        "" | "open" => w.raw(OPEN_SQL),
        "all" => {}
        s => match Status::parse(s) {
            Some(s) => w.push("i.status = ?", [Bind::Str(s.as_str().into())]),
            None => bad("status", FieldCode::InvalidChoice),
        },
    }
    match q.kind.trim() {
        "" => {}
        k @ ("question" | "press_query" | "media_response") => w.push("i.kind = ?", [Bind::Str(k.into())]),
        _ => bad("kind", FieldCode::InvalidChoice),
    }
    match q.department.trim() {
        "" => {}
        "triage" => w.raw("i.department_id IS NULL"),
        d => match d.parse::<i64>() {
            Ok(d) => w.push("i.department_id = ?", [Bind::Int(d)]),
            Err(_) => bad("department", FieldCode::InvalidChoice),
        },
    }
    match q.assignee.trim() {
        "" => {}
        "none" => w.raw("i.assignee_id IS NULL"),
        a => match a.parse::<i64>() {
            Ok(a) => w.push("i.assignee_id = ?", [Bind::Int(a)]),
            Err(_) => bad("assignee", FieldCode::InvalidChoice),
        },
    }
    if q.mine {
        w.push("i.assignee_id = ?", [Bind::Int(viewer.id)]);
    }
    if q.overdue {
        w.raw(OPEN_SQL);
        w.push("i.due_at < ?", [Bind::Time(now)]);
    }
    if q.due_soon {
        w.raw(OPEN_SQL);
        w.push(
            "i.due_at >= ? AND i.due_at <= ?",
            [Bind::Time(now), Bind::Time(due_soon_limit(cal, tz, now))],
        );
    }
    if !q.topic.trim().is_empty() {
        w.push("i.topic_code = ?", [Bind::Str(q.topic.trim().into())]);
    }
    let text = q.q.trim().to_lowercase();
    if !text.is_empty() {
        // The search copy holds no personal data; staff who handle the items
        // they see also find them by the submitter's name or email.
        let p = contains_pattern(&text);
        if handles_all_it_sees(viewer) {
            w.push(
                "(i.search_text LIKE ? ESCAPE '\\' OR LOWER(i.submitter_name) LIKE ? ESCAPE '\\' \
                 OR LOWER(i.submitter_email) LIKE ? ESCAPE '\\')",
                [Bind::Str(p.clone()), Bind::Str(p.clone()), Bind::Str(p)],
            );
        } else {
            w.push("i.search_text LIKE ? ESCAPE '\\'", [Bind::Str(p)]);
        }
    }
    let order = match q.sort.trim() {
        "" | "due" => "i.due_at ASC, i.id ASC",
        "received" => "i.received_at DESC, i.id DESC",
        _ => {
            bad("sort", FieldCode::InvalidChoice);
            ""
        }
    };
    if !errs.is_empty() {
        return Err(AppError::fields(errs));
    }
    let page = q.page.max(1);
    let filter = w.sql();
    let count_sql = format!("SELECT COUNT(*) FROM items i{filter}");
    let list_sql = format!(
        "SELECT i.tracking_code, i.kind, i.status, i.topic_code, i.department_id, u.display_name, i.subject, i.received_at, i.due_at, \
         i.submitter_name, i.submitter_email, i.accreditation FROM items i LEFT JOIN users u ON u.id = i.assignee_id{filter} ORDER BY {order} LIMIT {PER_PAGE} OFFSET {}",
        u64::from(page - 1) * u64::from(PER_PAGE)
    );
    type Row = (
        String,
        crate::items::ItemKind,
        Status,
        String,
        Option<i64>,
        Option<String>,
        String,
        DateTime<Utc>,
        DateTime<Utc>,
        Option<String>,
        Option<String>,
        Option<String>,
    );
    let (total, rows): (i64, Vec<Row>) = on_read!(db, |c| {
        let total: i64 = bind_all!(sqlx::query_scalar(&count_sql), &w.binds).fetch_one(c).await?;
        let rows = bind_all!(sqlx::query_as::<_, Row>(&list_sql), &w.binds)
            .fetch_all(c)
            .await?;
        Ok::<_, sqlx::Error>((total, rows))
    })?;
    let rows = rows
        .into_iter()
        .map(
            |(
                tracking_code,
                kind,
                status,
                topic,
                department_id,
                assignee,
                subject,
                received_at,
                due_at,
                name,
                email,
                card,
            )| {
                // A subject may hold personal data: redacted for those who read without handling.
                let handles = authorize(
                    Some(viewer),
                    Action::AnswerItems {
                        department_id: department_id.unwrap_or(TRIAGE),
                    },
                )
                .is_ok();
                let subject = if handles {
                    subject
                } else {
                    let clues = crate::privacy::Clues {
                        name: name.as_deref().unwrap_or(""),
                        email: email.as_deref().unwrap_or(""),
                        accreditation: card.as_deref().unwrap_or(""),
                    };
                    crate::privacy::redact(&subject, &clues)
                };
                InboxRow {
                    deadline: deadline(cal, tz, now, due_at, status),
                    tracking_code,
                    kind,
                    status,
                    topic,
                    department_id,
                    assignee,
                    subject,
                    received_at,
                    due_at,
                }
            },
        )
        .collect();
    Ok(InboxPage {
        rows,
        total,
        page,
        per_page: PER_PAGE,
        counts,
    })
}

/// How many items each filter link would show, over the viewer's scope: one
/// grouped count by status (an index scan), then the open-item figures over
/// the open items only.
pub async fn counts(
    db: &Db,
    viewer: &CurrentUser,
    cal: &WorkCalendar,
    tz: chrono_tz::Tz,
    now: DateTime<Utc>,
) -> Result<InboxCounts, AppError> {
    let mut w = Where::default();
    scope(viewer, &mut w);
    let by_status_sql = format!("SELECT i.status, COUNT(*) FROM items i{} GROUP BY i.status", w.sql());
    let mut open = Where::default();
    scope(viewer, &mut open);
    open.raw(OPEN_SQL);
    let n = open.next_index();
    let (me, at, soon) = (n, n + 1, n + 2);
    let open_sql = format!(
        "SELECT COALESCE(SUM(CASE WHEN i.assignee_id = ${me} THEN 1 ELSE 0 END), 0), \
         COALESCE(SUM(CASE WHEN i.due_at < ${at} THEN 1 ELSE 0 END), 0), \
         COALESCE(SUM(CASE WHEN i.due_at >= ${at} AND i.due_at <= ${soon} THEN 1 ELSE 0 END), 0), \
         COALESCE(SUM(CASE WHEN i.department_id IS NULL THEN 1 ELSE 0 END), 0) \
         FROM items i{}",
        open.sql()
    );
    let limit = due_soon_limit(cal, tz, now);
    let (by_status, (mine, overdue, due_soon, triage)): (Vec<(Status, i64)>, (i64, i64, i64, i64)) =
        on_read!(db, |c| {
            let by_status = bind_all!(sqlx::query_as(&by_status_sql), &w.binds).fetch_all(c).await?;
            let open = bind_all!(sqlx::query_as(&open_sql), &open.binds)
                .bind(viewer.id)
                .bind(now)
                .bind(limit)
                .fetch_one(c)
                .await?;
            Ok::<_, sqlx::Error>((by_status, open))
        })?;
    let of = |s: Status| by_status.iter().find(|(k, _)| *k == s).map_or(0, |(_, n)| *n);
    Ok(InboxCounts {
        open: OPEN_STATUSES.iter().map(|s| of(*s)).sum(),
        new: of(Status::New),
        assigned: of(Status::Assigned),
        in_progress: of(Status::InProgress),
        answered: of(Status::Answered),
        closed: of(Status::Closed),
        redirected: of(Status::Redirected),
        rejected: of(Status::Rejected),
        mine,
        overdue,
        due_soon,
        triage,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::items::workdays::WorkCalendar;
    use chrono::TimeZone;

    fn at(y: i32, m: u32, d: u32, h: u32) -> DateTime<Utc> {
        chrono_tz::Asia::Almaty
            .with_ymd_and_hms(y, m, d, h, 0, 0)
            .unwrap()
            .with_timezone(&Utc)
    }

    #[test]
    fn the_badge_counts_working_days_left_and_past() {
        let cal = WorkCalendar::default();
        let tz = chrono_tz::Asia::Almaty;
        // Monday 23 November 2026, 10:00; due Friday 27th at 18:00: 4 working days left.
        let now = at(2026, 11, 23, 10);
        assert_eq!(
            deadline(&cal, tz, now, at(2026, 11, 27, 18), Status::New),
            Deadline::OnTime(4)
        );
        // Due Wednesday: 2 left, due soon.
        assert_eq!(
            deadline(&cal, tz, now, at(2026, 11, 25, 18), Status::Assigned),
            Deadline::DueSoon(2)
        );
        // Due today at 18:00: 0 left.
        assert_eq!(
            deadline(&cal, tz, now, at(2026, 11, 23, 18), Status::InProgress),
            Deadline::DueSoon(0)
        );
        // Was due last Thursday: 2 working days past (Friday, Monday).
        assert_eq!(
            deadline(&cal, tz, now, at(2026, 11, 19, 18), Status::New),
            Deadline::Overdue(2)
        );
        // Answered items have no running deadline.
        assert_eq!(
            deadline(&cal, tz, now, at(2026, 11, 19, 18), Status::Answered),
            Deadline::Done
        );
    }

    #[test]
    fn due_soon_ends_with_the_second_working_day_after_today() {
        let cal = WorkCalendar::default();
        let tz = chrono_tz::Asia::Almaty;
        // Thursday 26 November: Friday and Monday are the next two working days.
        assert_eq!(due_soon_limit(&cal, tz, at(2026, 11, 26, 9)), at(2026, 11, 30, 18));
    }
}
