//! Moderation of public comments: every comment waits in a queue until a
//! moderator approves or rejects it (with a reason); comments with links or
//! listed abusive words are flagged for a closer look. Only approved
//! comments are ever shown, and every decision is in the audit log.

use crate::error::{AppError, FieldCode};
use crate::platform::audit::{self, Event};
use crate::platform::db::Db;
use crate::{on_read, on_tx};
use crate::{
    platform::texts::Texts,
    publications::{PublicComment, QueuedComment, Tone},
};
use chrono::{DateTime, Utc};

const ABUSIVE: &str = include_str!("abusive_words.txt");

/// Why a comment deserves a closer look: `link` and/or `abusive`.
pub fn flags(text: &str) -> Vec<&'static str> {
    let lower = text.to_lowercase();
    let mut out = Vec::new();
    let has_link = lower.contains("http://")
        || lower.contains("https://")
        || lower.contains("www.")
        || lower
            .split(|c: char| c.is_whitespace() || c == ',' || c == ';')
            .any(|w| {
                let w = w.trim_matches(|c: char| !c.is_alphanumeric());
                [".kz", ".ru", ".com", ".org", ".net", ".info", ".io", ".me"]
                    .iter()
                    .any(|tld| {
                        w.ends_with(tld)
                            && w.len() > tld.len()
                            && w[..w.len() - tld.len()]
                                .chars()
                                .all(|c| c.is_alphanumeric() || c == '.' || c == '-')
                    })
            });
    if has_link {
        out.push("link");
    }
    let words: Vec<&str> = ABUSIVE
        .lines()
        .map(str::trim)
        .filter(|l| !l.is_empty() && !l.starts_with('#'))
        .collect();
    if words.iter().any(|w| lower.contains(w)) {
        out.push("abusive");
    }
    out
}

#[derive(sqlx::FromRow)]
struct QueueRow {
    id: i64,
    publication_id: i64,
    title_kk: String,
    title_ru: String,
    title_en: String,
    stars: i64,
    tone: String,
    comment: Option<String>,
    comment_flags: String,
    updated_at: DateTime<Utc>,
}

/// Comments waiting for a decision, oldest first.
pub async fn queue(db: &Db, limit: i64) -> Result<Vec<QueuedComment>, AppError> {
    let rows: Vec<QueueRow> = on_read!(db, |c| {
        sqlx::query_as(
        "SELECT r.id, r.publication_id, p.title_kk, p.title_ru, p.title_en, r.stars, r.tone, r.comment, r.comment_flags, r.updated_at \
         FROM ratings r JOIN publications p ON p.id = r.publication_id \
         WHERE r.comment_status = 'pending' ORDER BY r.updated_at, r.id LIMIT $1"
    )
    .bind(limit)
    .fetch_all(c)
    .await
    })?;
    Ok(rows
        .into_iter()
        .map(|r| QueuedComment {
            rating_id: r.id,
            publication_id: r.publication_id,
            publication_title: Texts {
                kk: r.title_kk,
                ru: r.title_ru,
                en: r.title_en,
            },
            stars: r.stars,
            tone: Tone::parse(&r.tone).unwrap_or(Tone::Neutral),
            text: r.comment.unwrap_or_default(),
            flags: r
                .comment_flags
                .split(',')
                .filter(|f| !f.is_empty())
                .map(str::to_string)
                .collect(),
            at: r.updated_at,
        })
        .collect())
}

pub async fn pending_count(db: &Db) -> Result<i64, AppError> {
    Ok(on_read!(db, |c| sqlx::query_scalar(
        "SELECT COUNT(*) FROM ratings WHERE comment_status = 'pending'"
    )
    .fetch_one(c)
    .await)?)
}

/// Approves (`reason` = None) or rejects a pending comment.
pub async fn decide(
    db: &Db,
    moderator: i64,
    rating_id: i64,
    reject_reason: Option<&str>,
    now: DateTime<Utc>,
) -> Result<(), AppError> {
    let reason = match reject_reason.map(str::trim) {
        Some("") => return Err(AppError::field("reason", FieldCode::Required)),
        Some(r) if r.chars().count() > 500 => return Err(AppError::field("reason", FieldCode::TooLong)),
        other => other,
    };
    let status = if reason.is_some() { "rejected" } else { "approved" };
    let mut tx = db.begin().await?;
    let n = on_tx!(&mut tx, |c| sqlx::query(
        "UPDATE ratings SET comment_status = $2, moderated_by = $3, moderated_at = $4, reject_reason = $5 \
         WHERE id = $1 AND comment_status = 'pending'"
    )
    .bind(rating_id)
    .bind(status)
    .bind(moderator)
    .bind(now)
    .bind(reason)
    .execute(c)
    .await
    .map(|r| r.rows_affected()))?;
    if n == 0 {
        return Err(AppError::not_found());
    }
    let event = if reason.is_some() {
        Event::CommentRejected
    } else {
        Event::CommentApproved
    };
    audit::record(
        &mut tx,
        now,
        event,
        Some(moderator),
        None,
        &format!("rating {rating_id}"),
    )
    .await?;
    tx.commit().await?;
    Ok(())
}

/// Approved comments of a publication, newest first.
pub async fn approved(db: &Db, publication_id: i64, limit: i64) -> Result<Vec<PublicComment>, AppError> {
    let rows: Vec<(i64, String, String, String, DateTime<Utc>)> = on_read!(db, |c| sqlx::query_as(
        "SELECT stars, tone, audience, comment, updated_at FROM ratings \
         WHERE publication_id = $1 AND comment_status = 'approved' AND comment IS NOT NULL \
         ORDER BY updated_at DESC LIMIT $2"
    )
    .bind(publication_id)
    .bind(limit)
    .fetch_all(c)
    .await)?;
    Ok(rows
        .into_iter()
        .map(|(stars, tone, audience, text, at)| PublicComment {
            stars,
            tone: Tone::parse(&tone).unwrap_or(Tone::Neutral),
            audience: crate::publications::Audience::parse(&audience).unwrap_or(crate::publications::Audience::Other),
            text,
            at,
        })
        .collect())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn links_are_flagged_in_their_usual_disguises() {
        for t in [
            "see https://example.com",
            "www.example.kz now",
            "go to example.kz!",
            "Сайт: news.ru",
        ] {
            assert_eq!(flags(t), vec!["link"], "{t}");
        }
        assert!(flags("Ministry published 3.5 million tenge report.").is_empty());
    }

    #[test]
    fn listed_abusive_words_are_flagged_whatever_their_case() {
        assert_eq!(flags("This is SHIT"), vec!["abusive"]);
        assert!(flags("A clear, useful press release").is_empty());
    }
}
