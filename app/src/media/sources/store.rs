//! Press sources in the database: adding and listing them, claiming the
//! ones that are due (once across processes), their health after each read,
//! pausing after failures in a row. What they published is kept by
//! `monitor`.

use super::fetch::Validators;
use super::{SourceRow, ValidSource};
use crate::error::{AppError, FieldCode};
use crate::platform::db::{Db, Tx};
use crate::platform::outbox::{self, NewMessage};
use crate::{on_read, on_tx};
use chrono::{DateTime, Duration, Utc};

const COLUMNS: &str = "id, name, kind, url, outlet_id, media_type, language, every_minutes, enabled, etag, \
     last_modified, next_at, last_success_at, last_error, last_error_at, failures, paused_at, items_seen";

/// How long a claimed source stays reserved for the process reading it.
const CLAIM_MINUTES: i64 = 10;

/// Adds a source, due at once. A second source with the same name or
/// address is refused by field.
pub async fn create(db: &Db, v: &ValidSource, now: DateTime<Utc>) -> Result<i64, AppError> {
    let mut tx = db.begin().await?;
    let id = insert(&mut tx, v, now).await?;
    tx.commit().await?;
    Ok(id)
}

/// Adds a source inside `tx` (a CSV file adds all its sources or none).
pub async fn insert(tx: &mut Tx, v: &ValidSource, now: DateTime<Utc>) -> Result<i64, AppError> {
    // Names are compared in Rust: SQLite's LOWER() leaves Cyrillic as it is.
    let known: Vec<(String, String)> = on_tx!(tx, |c| sqlx::query_as("SELECT name, url FROM media_sources")
        .fetch_all(c)
        .await)?;
    let wanted = v.name.to_lowercase();
    let names = known.iter().filter(|(n, _)| n.to_lowercase() == wanted).count();
    let urls = known.iter().filter(|(_, u)| *u == v.url).count();
    if names > 0 {
        return Err(AppError::conflict("name", FieldCode::AlreadyExists));
    }
    if urls > 0 {
        return Err(AppError::conflict("url", FieldCode::AlreadyExists));
    }
    Ok(on_tx!(tx, |c| {
        sqlx::query_scalar(
        "INSERT INTO media_sources (name, kind, url, outlet_id, media_type, language, every_minutes, next_at, created_at) \
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $8) RETURNING id"
    )
    .bind(&v.name)
    .bind(v.kind)
    .bind(&v.url)
    .bind(v.outlet_id)
    .bind(v.media_type.as_str())
    .bind(&v.language)
    .bind(v.every_minutes)
    .bind(now)
    .fetch_one(c)
    .await
    })?)
}

/// Every source, by name.
pub async fn list(db: &Db) -> Result<Vec<SourceRow>, AppError> {
    let sql = format!("SELECT {COLUMNS} FROM media_sources ORDER BY name");
    Ok(on_read!(db, |c| sqlx::query_as(&sql).fetch_all(c).await)?)
}

pub async fn get(db: &Db, id: i64) -> Result<SourceRow, AppError> {
    let sql = format!("SELECT {COLUMNS} FROM media_sources WHERE id = $1");
    on_read!(db, |c| sqlx::query_as(&sql).bind(id).fetch_optional(c).await)?.ok_or_else(AppError::not_found)
}

/// Claims up to `limit` due sources (on, not paused, `next_at` passed):
/// each is moved `CLAIM_MINUTES` ahead, and only a process whose update
/// changed the row reads it. `all` claims every source on, due or not
/// (`ashyq media fetch`).
pub async fn claim_due(db: &Db, now: DateTime<Utc>, limit: i64, all: bool) -> Result<Vec<SourceRow>, AppError> {
    let due: Vec<(i64, DateTime<Utc>)> = on_read!(db, |c| sqlx::query_as(
        "SELECT id, next_at FROM media_sources WHERE enabled AND paused_at IS NULL AND ($2 OR next_at <= $1) \
         ORDER BY next_at LIMIT $3"
    )
    .bind(now)
    .bind(all)
    .bind(limit)
    .fetch_all(c)
    .await)?;
    let mut claimed = Vec::new();
    for (id, seen) in due {
        let mut tx = db.begin().await?;
        let won = on_tx!(&mut tx, |c| sqlx::query(
            "UPDATE media_sources SET next_at = $3 WHERE id = $1 AND next_at = $2"
        )
        .bind(id)
        .bind(seen)
        .bind(now + Duration::minutes(CLAIM_MINUTES))
        .execute(c)
        .await
        .map(|r| r.rows_affected()))?;
        tx.commit().await?;
        if won == 1 {
            claimed.push(get(db, id).await?);
        }
    }
    Ok(claimed)
}

/// A read that worked: the new validators, the failures forgotten, the
/// next read one period on; `note` says what was odd (items without date).
pub async fn record_success(
    db: &Db,
    s: &SourceRow,
    validators: Option<&Validators>,
    new_items: i64,
    note: Option<&str>,
    now: DateTime<Utc>,
) -> Result<(), AppError> {
    let (etag, modified) = match validators {
        Some(v) => (v.etag.clone(), v.last_modified.clone()),
        None => (s.etag.clone(), s.last_modified.clone()),
    };
    let mut tx = db.begin().await?;
    on_tx!(&mut tx, |c| {
        sqlx::query(
        "UPDATE media_sources SET etag = $2, last_modified = $3, last_success_at = $4, next_at = $5, failures = 0, \
         items_seen = items_seen + $6, last_error = $7, last_error_at = CASE WHEN $7 IS NULL THEN last_error_at ELSE $4 END \
         WHERE id = $1"
    )
    .bind(s.id)
    .bind(etag)
    .bind(modified)
    .bind(now)
    .bind(now + Duration::minutes(s.every_minutes))
    .bind(new_items)
    .bind(note)
    .execute(c)
    .await
    .map(|r| r.rows_affected())
    })?;
    tx.commit().await?;
    Ok(())
}

/// A read that failed: the error kept, the next try one period on. Returns
/// `true` when this failure paused the source (`pause_after` in a row); the
/// media head (`notify`) is then told once, by an email written in the same
/// transaction.
pub async fn record_failure(
    db: &Db,
    s: &SourceRow,
    error: &str,
    pause_after: u32,
    notify: Option<&str>,
    now: DateTime<Utc>,
) -> Result<bool, AppError> {
    let failures = s.failures + 1;
    let pause = failures >= i64::from(pause_after) && s.paused_at.is_none();
    let error: String = error.chars().take(500).collect();
    let mut tx = db.begin().await?;
    on_tx!(&mut tx, |c| sqlx::query(
        "UPDATE media_sources SET last_error = $2, last_error_at = $3, failures = $4, next_at = $5, \
         paused_at = CASE WHEN $6 THEN $3 ELSE paused_at END WHERE id = $1"
    )
    .bind(s.id)
    .bind(&error)
    .bind(now)
    .bind(failures)
    .bind(now + Duration::minutes(s.every_minutes))
    .bind(pause)
    .execute(c)
    .await
    .map(|r| r.rows_affected()))?;
    if let (true, Some(to)) = (pause, notify) {
        let message = NewMessage {
            to: to.into(),
            subject: format!("Ashyq · Press source paused: {}", s.name),
            body_text: format!(
                "The press source \"{name}\" ({url}) failed {failures} times in a row and is paused.\n\
                 Last error: {error}\n\n\
                 Источник «{name}» не отвечал {failures} раз подряд и приостановлен.\n\
                 «{name}» дереккөзі қатарынан {failures} рет жауап бермеді, тоқтатылды.\n\n\
                 Resume it on the sources page once it works again.\n",
                name = s.name,
                url = s.url,
            ),
            kind: "source_paused".into(),
        };
        outbox::enqueue(&mut tx, &message, now).await?;
    }
    tx.commit().await?;
    Ok(pause)
}

/// Staff resume a paused source (or switch one on or off); it is due at once.
pub async fn set_enabled(db: &Db, id: i64, enabled: bool, now: DateTime<Utc>) -> Result<(), AppError> {
    let mut tx = db.begin().await?;
    let n = on_tx!(&mut tx, |c| sqlx::query(
        "UPDATE media_sources SET enabled = $2, paused_at = NULL, failures = 0, next_at = $3 WHERE id = $1"
    )
    .bind(id)
    .bind(enabled)
    .bind(now)
    .execute(c)
    .await
    .map(|r| r.rows_affected()))?;
    if n == 0 {
        return Err(AppError::not_found());
    }
    tx.commit().await?;
    Ok(())
}
