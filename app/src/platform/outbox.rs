//! The email outbox: every message is written in the same transaction as the
//! change that causes it, then delivered by [`deliver_batch`] with retries and
//! exponential backoff. Once a message is delivered (or given up) its body
//! is dropped, so no status link or reply waits at rest: to whom, what
//! subject and when is what stays. On PostgreSQL a batch is claimed with
//! `FOR UPDATE SKIP LOCKED`, so several server processes never send one
//! message twice; on SQLite the single writer serialises claims.

use crate::error::AppError;
use crate::platform::db::{Db, Engine, Tx};
use crate::platform::mailer::Mailer;
use crate::{on_read, on_tx};
use chrono::{DateTime, Duration, Utc};

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewMessage {
    pub to: String,
    pub subject: String,
    pub body_text: String,
    /// What caused it (`ack`, `answer`, `reminder`…), for counting, never content.
    pub kind: String,
}

pub async fn enqueue(tx: &mut Tx, msg: &NewMessage, now: DateTime<Utc>) -> Result<i64, sqlx::Error> {
    insert(tx, None, msg, now).await
}

/// A message to an item's submitter: the retention purge removes it with
/// the item's other personal data.
pub async fn enqueue_for_item(
    tx: &mut Tx,
    item_id: i64,
    msg: &NewMessage,
    now: DateTime<Utc>,
) -> Result<i64, sqlx::Error> {
    insert(tx, Some(item_id), msg, now).await
}

/// Mail to the people who wrote in (0) goes before staff notices (1), and
/// those before bulk mail (2): a backlog of digests never holds up an
/// acknowledgement.
pub fn priority(kind: &str) -> i32 {
    match kind {
        "ack" | "answer" | "extension" | "redirect" | "rejection" => 0,
        "summary" | "digest" => 2,
        _ => 1,
    }
}

async fn insert(tx: &mut Tx, item_id: Option<i64>, msg: &NewMessage, now: DateTime<Utc>) -> Result<i64, sqlx::Error> {
    on_tx!(tx, |c| {
        sqlx::query_scalar(
            "INSERT INTO outbox (to_addr, subject, body_text, kind, created_at, next_attempt_at, item_id, priority) \
             VALUES ($1, $2, $3, $4, $5, $5, $6, $7) RETURNING id",
        )
        .bind(&msg.to)
        .bind(&msg.subject)
        .bind(&msg.body_text)
        .bind(&msg.kind)
        .bind(now)
        .bind(item_id)
        .bind(priority(&msg.kind))
        .fetch_one(c)
        .await
    })
}

#[derive(sqlx::FromRow, Debug, Clone)]
pub struct Claimed {
    pub id: i64,
    pub to_addr: String,
    pub subject: String,
    pub body_text: String,
    pub attempts: i32,
}

/// Messages handed to the mail server at once (below lettre's pool of ten).
const SENDERS: usize = 8;

/// A hand-over to the mail server slower than this is logged.
const SLOW_HANDOVER: std::time::Duration = std::time::Duration::from_secs(5);

/// How long a claimed message stays reserved for one worker.
const CLAIM_SECS: i64 = 120;

/// Delay before attempt `n + 1`: 30 s, 1 min, 2 min… capped at one hour.
pub fn backoff(attempts: i32) -> Duration {
    let secs = 30i64.saturating_mul(1i64 << attempts.clamp(0, 20).saturating_sub(1));
    Duration::seconds(secs.min(3600))
}

async fn claim(db: &Db, now: DateTime<Utc>, limit: i64) -> Result<Vec<Claimed>, sqlx::Error> {
    let lock = if db.engine() == Engine::Postgres {
        "FOR UPDATE SKIP LOCKED"
    } else {
        ""
    };
    let sql = format!(
        "UPDATE outbox SET locked_until = $2, attempts = attempts + 1 WHERE id IN (\
           SELECT id FROM outbox WHERE sent_at IS NULL AND failed_at IS NULL AND next_attempt_at <= $1 \
           AND (locked_until IS NULL OR locked_until < $1) ORDER BY priority, next_attempt_at, id LIMIT $3 {lock}) \
         RETURNING id, to_addr, subject, body_text, attempts"
    );
    let mut tx = db.begin().await?;
    let rows = on_tx!(&mut tx, |c| sqlx::query_as::<_, Claimed>(&sql)
        .bind(now)
        .bind(now + Duration::seconds(CLAIM_SECS))
        .bind(limit)
        .fetch_all(c)
        .await)?;
    tx.commit().await?;
    Ok(rows)
}

/// What one batch did.
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
pub struct BatchReport {
    pub sent: usize,
    pub retried: usize,
    pub failed: usize,
}

/// Claims up to `limit` due messages, most urgent first, and delivers them.
/// Always finishes the batch it claimed (graceful shutdown waits for it).
pub async fn deliver_batch(
    db: &Db,
    mailer: &Mailer,
    max_attempts: u32,
    limit: i64,
) -> Result<BatchReport, sqlx::Error> {
    let now = Utc::now();
    let claimed = claim(db, now, limit).await?;
    let mut report = BatchReport::default();
    // The batch's messages go at once over the mailer's connection pool.
    // lettre 0.11.23 leaves Nagle's algorithm on, and the peer's delayed
    // acknowledgement costs 40 ms a message (fixed upstream in lettre#1159,
    // not yet released); sent side by side those waits overlap.
    // At most SENDERS at once: lettre's pool keeps ten connections and opens
    // (then drops) a fresh one for any send beyond them.
    let mut sending = tokio::task::JoinSet::new();
    let senders = std::sync::Arc::new(tokio::sync::Semaphore::new(SENDERS));
    for m in claimed {
        let (mailer, senders) = (mailer.clone(), senders.clone());
        sending.spawn(async move {
            let _turn = senders.acquire_owned().await;
            let handing = std::time::Instant::now();
            let result = mailer.send(&m.to_addr, &m.subject, &m.body_text).await;
            if handing.elapsed() > SLOW_HANDOVER {
                tracing::warn!(
                    outbox_id = m.id,
                    took_ms = handing.elapsed().as_millis() as u64,
                    "an email took long to hand to the mail server"
                );
            }
            (m, result, Utc::now())
        });
    }
    let mut outcomes = Vec::new();
    while let Some(done) = sending.join_next().await {
        match done {
            Ok(outcome) => outcomes.push(outcome),
            // A panic in a send leaves its message claimed; the claim
            // expires and the message is tried again.
            Err(e) => tracing::error!("an email send task failed: {e}"),
        }
    }
    // The batch's outcomes in one commit: a message handed over but not yet
    // recorded when the process dies is sent again (at least once), as it
    // would be between a hand-over and its own commit.
    let mut tx = db.begin().await?;
    for (m, result, done) in outcomes {
        match result {
            Ok(stored_as) => {
                report.sent += 1;
                on_tx!(&mut tx, |c| {
                    sqlx::query(
                        "UPDATE outbox SET sent_at = $2, locked_until = NULL, last_error = NULL, body_text = '', stored_as = $3 \
                         WHERE id = $1",
                    )
                    .bind(m.id)
                    .bind(done)
                    .bind(stored_as.as_deref())
                    .execute(c)
                    .await
                    .map(|r| r.rows_affected())
                })?;
            }
            Err(err) => {
                let give_up = m.attempts as u32 >= max_attempts;
                tracing::warn!(
                    outbox_id = m.id,
                    attempts = m.attempts,
                    give_up,
                    "email delivery failed"
                );
                let err: String = err.chars().take(500).collect();
                if give_up {
                    report.failed += 1;
                    on_tx!(&mut tx, |c| {
                        sqlx::query(
                            "UPDATE outbox SET failed_at = $2, locked_until = NULL, last_error = $3, body_text = '' WHERE id = $1",
                        )
                        .bind(m.id)
                        .bind(done)
                        .bind(&err)
                        .execute(c)
                        .await
                        .map(|r| r.rows_affected())
                    })?;
                } else {
                    report.retried += 1;
                    on_tx!(&mut tx, |c| {
                        sqlx::query("UPDATE outbox SET next_attempt_at = $2, locked_until = NULL, last_error = $3 WHERE id = $1")
                        .bind(m.id)
                        .bind(done + backoff(m.attempts))
                        .bind(&err)
                        .execute(c)
                        .await.map(|r| r.rows_affected())
                    })?;
                }
            }
        }
    }
    tx.commit().await?;
    Ok(report)
}

/// Counts of messages by state, for the admin page and tests.
pub async fn counts(db: &Db) -> Result<(i64, i64, i64), sqlx::Error> {
    on_read!(db, |c| {
        sqlx::query_as(
        "SELECT COUNT(*) FILTER (WHERE sent_at IS NULL AND failed_at IS NULL), COUNT(*) FILTER (WHERE sent_at IS NOT NULL), COUNT(*) FILTER (WHERE failed_at IS NOT NULL) FROM outbox"
    )
    .fetch_one(c)
    .await
    })
}

/// Claims a notice that must happen once per kind, subject and period (a
/// reminder, a summary, a digest): `false` when it already has. Claimed in
/// the same transaction as the notice's outbox message, so with several
/// processes on one PostgreSQL it is written, and sent, once.
pub async fn claim_notice(
    tx: &mut Tx,
    kind: &str,
    subject: &str,
    period: &str,
    now: DateTime<Utc>,
) -> Result<bool, AppError> {
    let n = on_tx!(tx, |c| sqlx::query(
        "INSERT INTO notices_sent (kind, subject, period, at) VALUES ($1, $2, $3, $4) ON CONFLICT DO NOTHING"
    )
    .bind(kind)
    .bind(subject)
    .bind(period)
    .bind(now)
    .execute(c)
    .await
    .map(|r| r.rows_affected()))?;
    Ok(n == 1)
}

/// Messages per claim: small enough that an urgent message written during a
/// backlog waits for at most one batch.
pub const BATCH: i64 = 20;

/// Delivers while messages are due, batch after batch, and returns when none
/// is left (or `stop` is cancelled between batches).
pub async fn drain(
    db: &Db,
    mailer: &Mailer,
    max_attempts: u32,
    stop: &tokio_util::sync::CancellationToken,
) -> Result<BatchReport, sqlx::Error> {
    let mut total = BatchReport::default();
    loop {
        let r = deliver_batch(db, mailer, max_attempts, BATCH).await?;
        total.sent += r.sent;
        total.retried += r.retried;
        total.failed += r.failed;
        if r.sent + r.retried + r.failed < BATCH as usize || stop.is_cancelled() {
            return Ok(total);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn citizens_mail_goes_before_staff_notices_and_bulk() {
        assert!(priority("ack") < priority("reminder"));
        assert!(priority("answer") < priority("assignment"));
        assert!(priority("escalation") < priority("digest"));
        assert_eq!(priority("summary"), priority("digest"));
    }

    #[test]
    fn backoff_doubles_and_is_capped_at_an_hour() {
        assert_eq!(backoff(1), Duration::seconds(30));
        assert_eq!(backoff(2), Duration::seconds(60));
        assert_eq!(backoff(3), Duration::seconds(120));
        assert_eq!(backoff(12), Duration::seconds(3600));
        assert_eq!(backoff(40), Duration::seconds(3600));
    }
}
