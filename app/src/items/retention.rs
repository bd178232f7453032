//! The retention rule: submitters' personal data is removed from finished
//! items older than `retention_days` (an idempotent update, harmless when
//! run twice or by two processes at once).

use crate::error::AppError;
use crate::on_tx;
use crate::platform::db::Db;
use chrono::{DateTime, Utc};

/// Removes the submitter's name, email and accreditation from finished items
/// received before `before` (open items keep them: someone must answer).
pub async fn purge_personal_data(db: &Db, before: DateTime<Utc>) -> Result<usize, AppError> {
    let mut tx = db.begin().await?;
    let n = on_tx!(&mut tx, |c| sqlx::query(
        "UPDATE items SET submitter_name = NULL, submitter_email = NULL, accreditation = NULL \
         WHERE received_at < $1 AND status NOT IN ('new', 'assigned', 'in_progress') \
         AND (submitter_name IS NOT NULL OR submitter_email IS NOT NULL OR accreditation IS NOT NULL)"
    )
    .bind(before)
    .execute(c)
    .await
    .map(|r| r.rows_affected()))?;
    tx.commit().await?;
    Ok(n as usize)
}
