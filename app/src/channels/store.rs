//! The official channels: listed with their last post (publications whose
//! link starts with the channel's address, or of the channel's kind when it
//! has none), days since, and the stale flag past the channel's threshold;
//! added and removed by admins.

use crate::channels::{ChannelInput, OfficialChannel};
use crate::error::{AppError, FieldCode, FieldError};
use crate::platform::db::Db;
use crate::platform::query::contains_pattern;
use crate::publications::Channel;
use crate::{on_read, on_tx};
use chrono::{DateTime, Utc};

pub async fn list(db: &Db, now: DateTime<Utc>) -> Result<Vec<OfficialChannel>, AppError> {
    let rows: Vec<(i64, String, String, String, i64)> = on_read!(db, |c| sqlx::query_as(
        "SELECT id, name, kind, url, stale_after_days FROM channels ORDER BY name"
    )
    .fetch_all(c)
    .await)?;
    let mut out = Vec::new();
    for (id, name, kind, url, stale_after_days) in rows {
        let last_post: Option<DateTime<Utc>> = if url.is_empty() {
            on_read!(db, |c| sqlx::query_scalar(
                "SELECT MAX(published_at) FROM publications WHERE status = 'published' AND channel = $1"
            )
            .bind(&kind)
            .fetch_one(c)
            .await)?
        } else {
            // `contains_pattern` escapes; the address must be the link's start.
            let pattern = contains_pattern(&url);
            let starts = pattern.strip_prefix('%').unwrap_or(&pattern).to_string();
            on_read!(db, |c| sqlx::query_scalar(
                "SELECT MAX(published_at) FROM publications WHERE status = 'published' AND url LIKE $1 ESCAPE '\\'"
            )
            .bind(&starts)
            .fetch_one(c)
            .await)?
        };
        let days = last_post.map(|l| (now - l).num_days());
        out.push(OfficialChannel {
            id,
            name,
            kind,
            url,
            stale_after_days,
            last_post,
            days_since_last_post: days,
            stale: days.is_none_or(|d| d > stale_after_days),
        });
    }
    Ok(out)
}

pub async fn add(db: &Db, input: &ChannelInput, now: DateTime<Utc>) -> Result<i64, AppError> {
    let mut errs = Vec::new();
    let mut bad = |f: &str, c: FieldCode| {
        errs.push(FieldError {
            field: f.into(),
            code: c,
        })
    };
    let name = input.name.trim();
    if name.is_empty() {
        bad("name", FieldCode::Required);
    } else if name.chars().count() > 100 {
        bad("name", FieldCode::TooLong);
    }
    if Channel::parse(input.kind.trim()).is_none() {
        bad("kind", FieldCode::InvalidChoice);
    }
    let url = input.url.trim();
    if !(url.is_empty() || url.starts_with("https://") || url.starts_with("http://")) {
        bad("url", FieldCode::InvalidUrl);
    }
    let days = input
        .stale_after_days
        .trim()
        .parse::<i64>()
        .ok()
        .filter(|d| (1..=365).contains(d));
    if days.is_none() {
        bad("stale_after_days", FieldCode::DaysRange);
    }
    if !errs.is_empty() {
        return Err(AppError::fields(errs));
    }
    let mut tx = db.begin().await?;
    let id: i64 = on_tx!(&mut tx, |c| {
        sqlx::query_scalar(
        "INSERT INTO channels (name, kind, url, stale_after_days, created_at) VALUES ($1, $2, $3, $4, $5) RETURNING id"
    )
    .bind(name)
    .bind(input.kind.trim())
    .bind(url)
    .bind(days.expect("checked"))
    .bind(now)
    .fetch_one(c)
    .await
    })?;
    tx.commit().await?;
    Ok(id)
}

pub async fn remove(db: &Db, id: i64) -> Result<(), AppError> {
    crate::platform::db::delete_by_id(db, "channels", id).await
}

/// The demo's official channels: the site (posting) and two social accounts
/// that have gone quiet, as the study of the ministry found.
pub async fn seed_demo(db: &Db, now: DateTime<Utc>) -> Result<(), AppError> {
    let n: i64 = on_read!(db, |c| sqlx::query_scalar("SELECT COUNT(*) FROM channels")
        .fetch_one(c)
        .await)?;
    if n > 0 {
        return Ok(());
    }
    for (name, kind, url, days) in [
        ("Official website", "website", "https://ministry.example.kz/", "7"),
        ("Telegram", "social", "https://t.me/ministry_example", "7"),
        (
            "Instagram",
            "social",
            "https://www.instagram.com/ministry_example",
            "14",
        ),
        ("Television", "tv", "", "30"),
    ] {
        add(
            db,
            &ChannelInput {
                name: name.into(),
                kind: kind.into(),
                url: url.into(),
                stale_after_days: days.into(),
            },
            now,
        )
        .await?;
    }
    Ok(())
}
