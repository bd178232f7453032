//! Background notices of the inbox, run by every server process on a timer:
//! a reminder to the assignee the policy's number of working days before the
//! due date, an escalation to the department head when an item is overdue,
//! and each head's daily summary of overdue and due-soon items.
//!
//! Each notice is first claimed in `notices_sent`, whose primary key (kind,
//! subject, period) admits one row, in the same transaction as its outbox
//! message. With several processes on one PostgreSQL the second claim waits
//! for the first transaction and then inserts nothing, so every notice is
//! written (and then sent by the outbox) exactly once.

use crate::error::AppError;
use crate::inbox::item_actions::event;
use crate::inbox::notice_text::{to_staff, StaffNotice};
use crate::items::workdays::{working_days_between, WorkCalendar};
use crate::platform::db::{Db, Tx};
use crate::platform::outbox::{self, NewMessage};
use crate::{
    inbox,
    items::{deadlines, workdays},
    platform::config::Config,
};
use crate::{on_read, on_tx};
use chrono::{DateTime, Duration, Timelike, Utc};

/// What one pass wrote.
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
pub struct Sent {
    pub reminders: usize,
    pub escalations: usize,
    pub summaries: usize,
}

async fn send(tx: &mut Tx, to: &str, n: StaffNotice<'_>, kind: &str, now: DateTime<Utc>) -> Result<(), AppError> {
    let (subject, body_text) = to_staff(n);
    outbox::enqueue(
        tx,
        &NewMessage {
            to: to.into(),
            subject,
            body_text,
            kind: kind.into(),
        },
        now,
    )
    .await?;
    Ok(())
}

/// Whether a reminder is due at `now` for an item due at `due`: from the
/// start of the working day `reminder_days` working days before the due day.
pub fn reminder_due(cal: &WorkCalendar, tz: chrono_tz::Tz, now: DateTime<Utc>, due: DateTime<Utc>, days: u32) -> bool {
    now < due
        && working_days_between(
            cal,
            now.with_timezone(&tz).date_naive(),
            due.with_timezone(&tz).date_naive(),
        ) <= days as i64
}

/// One pass: every reminder, escalation and summary due at `now`.
pub async fn run(db: &Db, config: &Config, now: DateTime<Utc>) -> Result<Sent, AppError> {
    let tz = config.tz();
    let (cal, policies) = (workdays::load(db).await?, deadlines::load(db).await?);
    let base = config.base_url.trim_end_matches('/').to_string();
    let url = |code: &str| format!("{base}/staff/items/{code}");
    let mut report = Sent::default();

    // Reminders: open, assigned items due within the next month (the exact
    // offset is the policy's, in working days).
    type Due = (i64, String, String, String, DateTime<Utc>, String);
    let soon: Vec<Due> = on_read!(db, |c| {
        sqlx::query_as(
        "SELECT i.id, i.tracking_code, i.kind, i.topic_code, i.due_at, u.email FROM items i JOIN users u ON u.id = i.assignee_id \
         WHERE i.status IN ('new', 'assigned', 'in_progress') AND u.active = TRUE AND i.due_at > $1 AND i.due_at <= $2 ORDER BY i.due_at"
    )
    .bind(now)
    .bind(now + Duration::days(31))
    .fetch_all(c)
    .await
    })?;
    for (id, code, kind, topic, due, email) in soon {
        let days = deadlines::pick(&policies, &kind, &topic).map_or(2, |p| p.reminder_days);
        if !reminder_due(&cal, tz, now, due, days) {
            continue;
        }
        let mut tx = db.begin().await?;
        if outbox::claim_notice(&mut tx, "reminder", &format!("item:{id}"), &due.to_rfc3339(), now).await? {
            let due_text = due.with_timezone(&tz).format("%Y-%m-%d %H:%M").to_string();
            let n = StaffNotice::Reminder {
                code: &code,
                due: &due_text,
                url: &url(&code),
            };
            send(&mut tx, &email, n, "reminder", now).await?;
            report.reminders += 1;
        }
        tx.commit().await?;
    }

    // Escalations: overdue items go to their department's head, once per due moment.
    type Late = (i64, String, DateTime<Utc>, String, Option<String>);
    let late: Vec<Late> = on_read!(db, |c| sqlx::query_as(
        "SELECT i.id, i.tracking_code, i.due_at, h.email, a.display_name FROM items i \
         JOIN departments d ON d.id = i.department_id JOIN users h ON h.id = d.head_user_id \
         LEFT JOIN users a ON a.id = i.assignee_id \
         WHERE i.status IN ('new', 'assigned', 'in_progress') AND h.active = TRUE AND i.due_at < $1"
    )
    .bind(now)
    .fetch_all(c)
    .await)?;
    for (id, code, due, head_email, assignee) in late {
        let mut tx = db.begin().await?;
        if outbox::claim_notice(&mut tx, "escalation", &format!("item:{id}"), &due.to_rfc3339(), now).await? {
            let due_text = due.with_timezone(&tz).format("%Y-%m-%d %H:%M").to_string();
            let n = StaffNotice::Escalated {
                code: &code,
                due: &due_text,
                assignee: assignee.as_deref().unwrap_or("—"),
                url: &url(&code),
            };
            send(&mut tx, &head_email, n, "escalation", now).await?;
            event(&mut tx, id, now, None, "escalated", "", true).await?;
            report.escalations += 1;
        }
        tx.commit().await?;
    }

    // Daily summaries for heads, from the configured hour.
    let local = now.with_timezone(&tz);
    if local.hour() >= config.workers.summary_hour && cal.is_working(local.date_naive()) {
        let heads: Vec<(i64, i64, String)> = on_read!(db, |c| {
            sqlx::query_as(
            "SELECT h.id, d.id, h.email FROM departments d JOIN users h ON h.id = d.head_user_id WHERE d.active = TRUE AND h.active = TRUE"
        )
        .fetch_all(c)
        .await
        })?;
        let day = local.date_naive().to_string();
        let limit = inbox::due_soon_limit(&cal, tz, now);
        for (head, dept, email) in heads {
            let mut tx = db.begin().await?;
            if outbox::claim_notice(&mut tx, "summary", &format!("user:{head}"), &day, now).await? {
                let rows: Vec<(String, DateTime<Utc>)> = on_tx!(&mut tx, |c| sqlx::query_as(
                    "SELECT tracking_code, due_at FROM items WHERE department_id = $1 \
                     AND status IN ('new', 'assigned', 'in_progress') AND due_at <= $2 ORDER BY due_at"
                )
                .bind(dept)
                .bind(limit)
                .fetch_all(c)
                .await)?;
                let overdue = rows.iter().filter(|(_, d)| *d < now).count() as i64;
                let due_soon = rows.len() as i64 - overdue;
                if !rows.is_empty() {
                    let lines = rows
                        .iter()
                        .take(30)
                        .map(|(c, d)| format!("{c}  {}  {}", d.with_timezone(&tz).format("%Y-%m-%d"), url(c)))
                        .collect::<Vec<_>>()
                        .join("\n");
                    let n = StaffNotice::Summary {
                        overdue,
                        due_soon,
                        lines: &lines,
                        url: &format!("{base}/staff/inbox"),
                    };
                    send(&mut tx, &email, n, "summary", now).await?;
                    report.summaries += 1;
                }
            }
            tx.commit().await?;
        }
    }
    Ok(report)
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::TimeZone;

    fn at(d: u32, h: u32) -> DateTime<Utc> {
        chrono_tz::Asia::Almaty
            .with_ymd_and_hms(2026, 11, d, h, 0, 0)
            .unwrap()
            .with_timezone(&Utc)
    }

    #[test]
    fn a_reminder_starts_the_policys_working_days_before_the_due_day() {
        let (cal, tz) = (WorkCalendar::default(), chrono_tz::Asia::Almaty);
        // Due Friday 27 November at 18:00; reminder offset 3 working days.
        let due = at(27, 18);
        assert!(!reminder_due(&cal, tz, at(23, 9), due, 3), "Monday: 4 days left");
        assert!(reminder_due(&cal, tz, at(24, 9), due, 3), "Tuesday: 3 days left");
        assert!(reminder_due(&cal, tz, at(27, 17), due, 3), "the due day itself");
        assert!(
            !reminder_due(&cal, tz, at(27, 19), due, 3),
            "overdue is escalation's work"
        );
        // A weekend does not count: due Monday 30th, 1 day: from Friday 27th.
        assert!(reminder_due(&cal, tz, at(27, 9), at(30, 18), 1));
        assert!(!reminder_due(&cal, tz, at(26, 9), at(30, 18), 1));
    }
}
