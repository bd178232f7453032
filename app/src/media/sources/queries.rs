//! Saved press queries: what staff watch for in the press (the body's own
//! names from `media.own_names` on a fresh installation, then any they add),
//! checked before they are kept, and read once per pass as parsed queries.

use super::query::{self, Query};
pub use super::{SavedQuery, OWN_NAMES};
use crate::error::{AppError, FieldCode, FieldError};
use crate::platform::db::Db;
use crate::{on_read, on_tx};
use chrono::{DateTime, Utc};

/// The longest query and name kept.
const MAX_QUERY_CHARS: usize = 2000;
const MAX_NAME_CHARS: usize = 100;

/// A saved query ready to match texts.
#[derive(Debug, Clone)]
pub struct Compiled {
    pub id: i64,
    pub query: Query,
    pub own_names: bool,
}

/// Checks a name and a query: each problem beside its field.
pub fn validate(name: &str, text: &str) -> Result<(String, String), AppError> {
    let (name, text) = (name.trim(), text.trim());
    let mut errs = Vec::new();
    let mut bad = |field: &str, code| {
        errs.push(FieldError {
            field: field.into(),
            code,
        })
    };
    if name.is_empty() {
        bad("query_name", FieldCode::Required);
    } else if name.chars().count() > MAX_NAME_CHARS {
        bad("query_name", FieldCode::TooLong);
    }
    if text.is_empty() {
        bad("query", FieldCode::Required);
    } else if text.chars().count() > MAX_QUERY_CHARS {
        bad("query", FieldCode::TooLong2000);
    } else if query::parse(text).is_err() {
        bad("query", FieldCode::QuerySyntax);
    }
    if !errs.is_empty() {
        return Err(AppError::fields(errs));
    }
    Ok((name.to_string(), text.to_string()))
}

/// Every saved query, the own-names one first.
pub async fn list(db: &Db) -> Result<Vec<SavedQuery>, AppError> {
    Ok(on_read!(db, |c| sqlx::query_as(
        "SELECT id, name, query, enabled, own_names FROM media_queries ORDER BY own_names DESC, name"
    )
    .fetch_all(c)
    .await)?)
}

/// The queries that are on, parsed (a query that no longer parses is left out).
pub async fn compiled(db: &Db) -> Result<Vec<Compiled>, AppError> {
    Ok(list(db)
        .await?
        .into_iter()
        .filter(|q| q.enabled)
        .filter_map(|q| {
            query::parse(&q.query).ok().map(|query| Compiled {
                id: q.id,
                query,
                own_names: q.own_names,
            })
        })
        .collect())
}

/// Saves a new query; a second query of the same name is refused by field.
pub async fn create(db: &Db, name: &str, text: &str, now: DateTime<Utc>) -> Result<i64, AppError> {
    let (name, text) = validate(name, text)?;
    insert(db, &name, &text, false, now).await
}

async fn insert(db: &Db, name: &str, text: &str, own_names: bool, now: DateTime<Utc>) -> Result<i64, AppError> {
    // Names are compared in Rust: SQLite's LOWER() leaves Cyrillic as it is.
    let wanted = name.to_lowercase();
    if list(db).await?.iter().any(|q| q.name.to_lowercase() == wanted) {
        return Err(AppError::conflict("query_name", FieldCode::AlreadyExists));
    }
    let mut tx = db.begin().await?;
    let id: Option<i64> = on_tx!(&mut tx, |c| sqlx::query_scalar(
        "INSERT INTO media_queries (name, query, own_names, created_at) VALUES ($1, $2, $3, $4) \
         ON CONFLICT (name) DO NOTHING RETURNING id"
    )
    .bind(name)
    .bind(text)
    .bind(own_names)
    .bind(now)
    .fetch_optional(c)
    .await)?;
    // Added at the same moment by another request or process.
    let id = id.ok_or_else(|| AppError::conflict("query_name", FieldCode::AlreadyExists))?;
    tx.commit().await?;
    Ok(id)
}

/// Switches a query on or off.
pub async fn set_enabled(db: &Db, id: i64, enabled: bool) -> Result<(), AppError> {
    let mut tx = db.begin().await?;
    let n = on_tx!(&mut tx, |c| sqlx::query(
        "UPDATE media_queries SET enabled = $2 WHERE id = $1"
    )
    .bind(id)
    .bind(enabled)
    .execute(c)
    .await
    .map(|r| r.rows_affected()))?;
    if n == 0 {
        return Err(AppError::not_found());
    }
    tx.commit().await?;
    Ok(())
}

/// A fresh installation's query for the body's own names (`media.own_names`):
/// added once, when there is none; staff may then change or switch it off.
pub async fn ensure_own_names(db: &Db, names: &[String], now: DateTime<Utc>) -> Result<(), AppError> {
    let have: i64 = on_read!(db, |c| sqlx::query_scalar(
        "SELECT COUNT(*) FROM media_queries WHERE own_names"
    )
    .fetch_one(c)
    .await)?;
    let names: Vec<String> = names
        .iter()
        .map(|n| n.trim().to_string())
        .filter(|n| !n.is_empty())
        .collect();
    if have > 0 || names.is_empty() {
        return Ok(());
    }
    match insert(db, OWN_NAMES, &query::own_names_query(&names), true, now).await {
        // Another process (the worker, a page) added it first.
        Err(e) if e.code == crate::error::ErrorCode::Conflict => Ok(()),
        r => r.map(|_| ()),
    }
}
