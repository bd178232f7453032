//! The retention rule: once a finished item is older than `retention_days`,
//! nothing of its submitter remains anywhere. One purge removes the name,
//! email and accreditation, redacts the personal data in the question, the
//! replies, the reasons and every event's detail (with the form's values as
//! clues, before they go), rebuilds the search copy, deletes the item's
//! emails from the outbox and the `.eml` files the file transport wrote, and
//! forgets old idempotency records. Open items keep their data: someone must
//! answer. Idempotent, harmless when run twice or by two processes at once.

use crate::error::AppError;
use crate::on_tx;
use crate::platform::config::Config;
use crate::platform::db::{Db, Engine, Tx};
use crate::privacy::{self, Clues};
use chrono::{DateTime, Utc};

/// Items purged per transaction.
const BATCH: i64 = 200;

#[derive(sqlx::FromRow)]
struct Held {
    id: i64,
    tracking_code: String,
    subject: String,
    body: String,
    submitter_name: Option<String>,
    submitter_email: Option<String>,
    accreditation: Option<String>,
    answer_text: Option<String>,
    status_reason: Option<String>,
    extension_reason: Option<String>,
    redirected_to: Option<String>,
    public_question: Option<String>,
    public_answer: Option<String>,
}

/// Removes every trace of the submitters of finished items received before
/// `before`; returns how many items it purged.
pub async fn purge_personal_data(db: &Db, config: &Config, before: DateTime<Utc>) -> Result<usize, AppError> {
    let mut purged = 0;
    loop {
        let mut tx = db.begin().await?;
        let lock = if tx.engine() == Engine::Postgres {
            " FOR UPDATE SKIP LOCKED"
        } else {
            ""
        };
        let sql = format!(
            "SELECT id, tracking_code, subject, body, submitter_name, submitter_email, accreditation, answer_text, \
             status_reason, extension_reason, redirected_to, public_question, public_answer FROM items \
             WHERE received_at < $1 AND status NOT IN ('new', 'assigned', 'in_progress') \
             AND (submitter_name IS NOT NULL OR submitter_email IS NOT NULL OR accreditation IS NOT NULL) \
             ORDER BY id LIMIT {BATCH}{lock}"
        );
        let held: Vec<Held> = on_tx!(&mut tx, |c| sqlx::query_as(&sql).bind(before).fetch_all(c).await)?;
        if held.is_empty() {
            break;
        }
        let mut files = Vec::new();
        for item in &held {
            files.extend(purge_one(&mut tx, item).await?);
        }
        tx.commit().await?;
        remove_mail_files(config, &files);
        purged += held.len();
    }
    crate::platform::idempotency::forget_old(db, Utc::now()).await?;
    Ok(purged)
}

/// Purges one item in `tx`; returns the mail files to remove once committed.
async fn purge_one(tx: &mut Tx, item: &Held) -> Result<Vec<String>, AppError> {
    let clues = Clues {
        name: item.submitter_name.as_deref().unwrap_or(""),
        email: item.submitter_email.as_deref().unwrap_or(""),
        accreditation: item.accreditation.as_deref().unwrap_or(""),
    };
    let clean = |t: &Option<String>| t.as_deref().map(|t| privacy::redact(t, &clues));
    let search = crate::items::search_text(&item.tracking_code, &item.subject, &item.body, &clues);
    on_tx!(tx, |c| {
        sqlx::query(
        "UPDATE items SET submitter_name = NULL, submitter_email = NULL, accreditation = NULL, subject = $2, body = $3, \
         answer_text = $4, status_reason = $5, extension_reason = $6, redirected_to = $7, public_question = $8, \
         public_answer = $9, search_text = $10 WHERE id = $1"
    )
    .bind(item.id)
    .bind(privacy::redact(&item.subject, &clues))
    .bind(privacy::redact(&item.body, &clues))
    .bind(clean(&item.answer_text))
    .bind(clean(&item.status_reason))
    .bind(clean(&item.extension_reason))
    .bind(clean(&item.redirected_to))
    .bind(clean(&item.public_question))
    .bind(clean(&item.public_answer))
    .bind(&search)
    .execute(c)
    .await
    .map(|r| r.rows_affected())
    })?;
    let events: Vec<(i64, String)> = on_tx!(tx, |c| sqlx::query_as(
        "SELECT id, detail FROM item_events WHERE item_id = $1 AND detail <> ''"
    )
    .bind(item.id)
    .fetch_all(c)
    .await)?;
    for (id, detail) in events {
        let redacted = privacy::redact(&detail, &clues);
        if redacted != detail {
            on_tx!(tx, |c| sqlx::query("UPDATE item_events SET detail = $2 WHERE id = $1")
                .bind(id)
                .bind(&redacted)
                .execute(c)
                .await
                .map(|r| r.rows_affected()))?;
        }
    }
    let files: Vec<Option<String>> = on_tx!(tx, |c| sqlx::query_scalar(
        "SELECT stored_as FROM outbox WHERE item_id = $1"
    )
    .bind(item.id)
    .fetch_all(c)
    .await)?;
    on_tx!(tx, |c| sqlx::query("DELETE FROM outbox WHERE item_id = $1")
        .bind(item.id)
        .execute(c)
        .await
        .map(|r| r.rows_affected()))?;
    Ok(files.into_iter().flatten().collect())
}

/// Removes `.eml` files the file transport wrote (names from our own outbox,
/// checked to be plain file names inside `mail.dir`).
fn remove_mail_files(config: &Config, files: &[String]) {
    for f in files {
        let plain = !f.is_empty() && f.ends_with(".eml") && !f.contains(['/', '\\']) && !f.starts_with('.');
        if plain {
            let path = std::path::Path::new(&config.mail.dir).join(f);
            if let Err(e) = std::fs::remove_file(&path) {
                if e.kind() != std::io::ErrorKind::NotFound {
                    tracing::warn!(error = %e, "a purged email's file could not be removed");
                }
            }
        }
    }
}
