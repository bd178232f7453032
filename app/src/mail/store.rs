//! The delivery figures and the latest failures, read from the outbox.

use crate::error::AppError;
use crate::mail::{FailedMail, MailDelivery};
use crate::on_read;
use crate::platform::db::Db;
use chrono::{DateTime, Utc};

/// How many failures the page lists.
pub const FAILURES_SHOWN: i64 = 50;

pub async fn delivery(db: &Db) -> Result<MailDelivery, AppError> {
    let (waiting, sent, failed) = crate::platform::outbox::counts(db).await?;
    type Row = (
        DateTime<Utc>,
        DateTime<Utc>,
        String,
        String,
        String,
        i32,
        Option<String>,
    );
    let rows: Vec<Row> = on_read!(db, |c| sqlx::query_as(
        "SELECT created_at, failed_at, kind, to_addr, subject, attempts, last_error FROM outbox \
         WHERE failed_at IS NOT NULL ORDER BY failed_at DESC, id DESC LIMIT $1"
    )
    .bind(FAILURES_SHOWN)
    .fetch_all(c)
    .await)?;
    Ok(MailDelivery {
        waiting,
        sent,
        failed,
        failures: rows
            .into_iter()
            .map(
                |(created_at, failed_at, kind, to, subject, attempts, error)| FailedMail {
                    created_at,
                    failed_at,
                    kind,
                    to: crate::privacy::mask_email(&to),
                    subject,
                    attempts,
                    error: error.unwrap_or_default(),
                },
            )
            .collect(),
    })
}
