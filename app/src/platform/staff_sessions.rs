//! The staff sessions as the portal keeps them, beside the session store:
//! one row per sign-in, named by the hash of a secret that only the session
//! (and so the cookie's holder) has. A session ends when it has been idle
//! longer than `security.session_idle_minutes`, when it is older than
//! `security.session_max_hours`, at sign-out, and for every session of an
//! account when its password changes or it is deactivated or reactivated.

use crate::error::AppError;
use crate::on_tx;
use crate::platform::db::{Db, Tx};
use crate::platform::secrets::hash_secret;
use chrono::{DateTime, Duration, Utc};

/// How often a session's last activity is written (not on every request).
const SEEN_EVERY_SECS: i64 = 60;

/// The limits a session lives under.
#[derive(Debug, Clone, Copy)]
pub struct Lifetime {
    pub idle: Duration,
    pub max: Duration,
}

/// A new random secret for a session: 32 bytes, URL-safe base64.
pub fn new_secret() -> String {
    crate::platform::secrets::random_token(32)
}

/// Records a sign-in of `user_id` under `secret`.
pub async fn start(db: &Db, secret: &str, user_id: i64, user_agent: &str, now: DateTime<Utc>) -> Result<(), AppError> {
    let agent: String = user_agent.chars().take(300).collect();
    let mut tx = db.begin().await?;
    on_tx!(&mut tx, |c| {
        sqlx::query(
        "INSERT INTO staff_sessions (token_hash, user_id, user_agent, started_at, last_seen_at) VALUES ($1, $2, $3, $4, $4)"
    )
    .bind(hash_secret(secret))
    .bind(user_id)
    .bind(&agent)
    .bind(now)
    .execute(c)
    .await
    .map(|r| r.rows_affected())
    })?;
    tx.commit().await?;
    Ok(())
}

/// What a request finds of its session.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Check {
    /// Alive: the user it belongs to; `touched` when its last activity was
    /// just written (the caller renews the cookie then).
    Alive { user_id: i64, touched: bool },
    /// Ended, idle too long, too old, or unknown: sign the session out.
    Over,
}

/// Checks the session of `secret` at `now` and notes the activity.
pub async fn check(db: &Db, secret: &str, life: Lifetime, now: DateTime<Utc>) -> Result<Check, AppError> {
    let hash = hash_secret(secret);
    let mut tx = db.begin().await?;
    let row: Option<(i64, DateTime<Utc>, DateTime<Utc>, Option<DateTime<Utc>>)> = on_tx!(&mut tx, |c| sqlx::query_as(
        "SELECT user_id, started_at, last_seen_at, ended_at FROM staff_sessions WHERE token_hash = $1"
    )
    .bind(&hash)
    .fetch_optional(c)
    .await)?;
    let Some((user_id, started, seen, ended)) = row else {
        return Ok(Check::Over);
    };
    if ended.is_some() {
        return Ok(Check::Over);
    }
    if now - seen > life.idle || now - started > life.max {
        end_in(&mut tx, "token_hash = $1", &hash, now).await?;
        tx.commit().await?;
        return Ok(Check::Over);
    }
    let touched = now - seen >= Duration::seconds(SEEN_EVERY_SECS);
    if touched {
        on_tx!(&mut tx, |c| sqlx::query(
            "UPDATE staff_sessions SET last_seen_at = $2 WHERE token_hash = $1"
        )
        .bind(&hash)
        .bind(now)
        .execute(c)
        .await
        .map(|r| r.rows_affected()))?;
        tx.commit().await?;
    }
    Ok(Check::Alive { user_id, touched })
}

async fn end_in(tx: &mut Tx, condition: &str, value: &str, now: DateTime<Utc>) -> Result<u64, sqlx::Error> {
    let sql = format!("UPDATE staff_sessions SET ended_at = $2 WHERE {condition} AND ended_at IS NULL");
    on_tx!(tx, |c| sqlx::query(&sql)
        .bind(value)
        .bind(now)
        .execute(c)
        .await
        .map(|r| r.rows_affected()))
}

/// Ends the session of `secret` (sign-out).
pub async fn end(db: &Db, secret: &str, now: DateTime<Utc>) -> Result<(), AppError> {
    let mut tx = db.begin().await?;
    end_in(&mut tx, "token_hash = $1", &hash_secret(secret), now).await?;
    tx.commit().await?;
    Ok(())
}

/// Ends every session of `user_id`, in the caller's transaction (with the
/// password change or deactivation that causes it).
pub async fn end_all_of(tx: &mut Tx, user_id: i64, now: DateTime<Utc>) -> Result<u64, sqlx::Error> {
    let sql = "UPDATE staff_sessions SET ended_at = $2 WHERE user_id = $1 AND ended_at IS NULL";
    on_tx!(tx, |c| sqlx::query(sql)
        .bind(user_id)
        .bind(now)
        .execute(c)
        .await
        .map(|r| r.rows_affected()))
}

/// Ends every session of `user_id` but the one whose hash is `keep` (the
/// one a password was just changed from), in the caller's transaction.
pub async fn end_others_of(tx: &mut Tx, user_id: i64, keep: &str, now: DateTime<Utc>) -> Result<u64, sqlx::Error> {
    let sql = "UPDATE staff_sessions SET ended_at = $2 WHERE user_id = $1 AND token_hash <> $3 AND ended_at IS NULL";
    on_tx!(tx, |c| sqlx::query(sql)
        .bind(user_id)
        .bind(now)
        .bind(keep)
        .execute(c)
        .await
        .map(|r| r.rows_affected()))
}

/// One live session as its owner sees it.
#[derive(Debug, Clone, sqlx::FromRow)]
pub struct LiveSession {
    /// The hash that names the session (never its secret).
    pub token_hash: String,
    pub user_agent: String,
    pub started_at: DateTime<Utc>,
    pub last_seen_at: DateTime<Utc>,
}

/// The sessions of `user_id` still alive at `now`, the latest used first.
pub async fn live_of(db: &Db, user_id: i64, life: Lifetime, now: DateTime<Utc>) -> Result<Vec<LiveSession>, AppError> {
    let rows: Vec<LiveSession> = crate::on_read!(db, |c| {
        sqlx::query_as(
        "SELECT token_hash, user_agent, started_at, last_seen_at FROM staff_sessions \
         WHERE user_id = $1 AND ended_at IS NULL AND last_seen_at >= $2 AND started_at >= $3 ORDER BY last_seen_at DESC"
    )
    .bind(user_id)
    .bind(now - life.idle)
    .bind(now - life.max)
    .fetch_all(c)
    .await
    })?;
    Ok(rows)
}

/// Ends the session `token_hash` if it is one of `user_id`'s: whether it was.
pub async fn end_one_of(db: &Db, user_id: i64, token_hash: &str, now: DateTime<Utc>) -> Result<bool, AppError> {
    let mut tx = db.begin().await?;
    let n = on_tx!(&mut tx, |c| sqlx::query(
        "UPDATE staff_sessions SET ended_at = $3 WHERE user_id = $1 AND token_hash = $2 AND ended_at IS NULL"
    )
    .bind(user_id)
    .bind(token_hash)
    .bind(now)
    .execute(c)
    .await
    .map(|r| r.rows_affected()))?;
    if n == 1 {
        crate::platform::audit::record(
            &mut tx,
            now,
            crate::platform::audit::Event::SessionEnded,
            Some(user_id),
            Some(user_id),
            "one",
        )
        .await?;
    }
    tx.commit().await?;
    Ok(n == 1)
}

/// Ends every session of `user_id`, or of every account when `None` (the
/// `end-sessions` command), as an admin's act recorded in the audit log.
pub async fn end_all_by_admin(db: &Db, actor: i64, user_id: Option<i64>, now: DateTime<Utc>) -> Result<u64, AppError> {
    let mut tx = db.begin().await?;
    let n = match user_id {
        Some(id) => end_all_of(&mut tx, id, now).await?,
        None => on_tx!(&mut tx, |c| sqlx::query(
            "UPDATE staff_sessions SET ended_at = $1 WHERE ended_at IS NULL"
        )
        .bind(now)
        .execute(c)
        .await
        .map(|r| r.rows_affected()))?,
    };
    let actor = (actor > 0).then_some(actor);
    let detail = if user_id.is_some() { "by admin" } else { "every account" };
    crate::platform::audit::record(
        &mut tx,
        now,
        crate::platform::audit::Event::SessionEnded,
        actor,
        user_id,
        detail,
    )
    .await?;
    tx.commit().await?;
    Ok(n)
}
