//! Canned answers: prepared replies per language and (optionally) topic, and
//! the placeholders (`{name}`, `{code}`…) filled in from the item when a
//! reply is sent.

use crate::error::{AppError, FieldCode, FieldError};
use crate::inbox::{CannedAnswer, CannedInput};
use crate::platform::db::Db;
use crate::{on_read, on_tx};
use chrono::{DateTime, Utc};

pub const MAX_BODY: usize = 10_000;

/// Every canned answer, or only those fitting `language` and `topic` (a
/// topic-less answer fits every topic).
pub async fn list(db: &Db, fit: Option<(&str, &str)>) -> Result<Vec<CannedAnswer>, AppError> {
    type Row = (i64, String, String, String, String);
    let rows: Vec<Row> = match fit {
        None => on_read!(db, |c| sqlx::query_as(
            "SELECT id, language, topic_code, title, body FROM canned_answers ORDER BY language, topic_code, title"
        )
        .fetch_all(c)
        .await)?,
        Some((lang, topic)) => on_read!(db, |c| sqlx::query_as(
            "SELECT id, language, topic_code, title, body FROM canned_answers \
             WHERE language = $1 AND (topic_code = '' OR topic_code = $2) ORDER BY topic_code DESC, title"
        )
        .bind(lang)
        .bind(topic)
        .fetch_all(c)
        .await)?,
    };
    Ok(rows
        .into_iter()
        .map(|(id, language, topic, title, body)| CannedAnswer {
            id,
            language,
            topic,
            title,
            body,
        })
        .collect())
}

pub async fn get(db: &Db, id: i64) -> Result<CannedAnswer, AppError> {
    list(db, None)
        .await?
        .into_iter()
        .find(|c| c.id == id)
        .ok_or_else(AppError::not_found)
}

pub async fn add(db: &Db, input: &CannedInput, now: DateTime<Utc>) -> Result<i64, AppError> {
    let mut errs = Vec::new();
    let mut bad = |f: &str, c: FieldCode| {
        errs.push(FieldError {
            field: f.into(),
            code: c,
        })
    };
    let language = input.language.trim();
    if !["kk", "ru", "en"].contains(&language) {
        bad("language", FieldCode::InvalidChoice);
    }
    let topic = input.topic.trim();
    if !topic.is_empty() && !crate::publications::topics::codes(db).await?.iter().any(|t| t == topic) {
        bad("topic", FieldCode::InvalidChoice);
    }
    let title = input.title.trim();
    if title.is_empty() {
        bad("title", FieldCode::Required);
    } else if title.chars().count() > 200 {
        bad("title", FieldCode::TooLong);
    }
    let body = input.body.trim();
    if body.is_empty() {
        bad("body", FieldCode::Required);
    } else if body.chars().count() > MAX_BODY {
        bad("body", FieldCode::TooLong);
    }
    if !errs.is_empty() {
        return Err(AppError::fields(errs));
    }
    let mut tx = db.begin().await?;
    let id: i64 = on_tx!(&mut tx, |c| {
        sqlx::query_scalar(
        "INSERT INTO canned_answers (language, topic_code, title, body, updated_at) VALUES ($1, $2, $3, $4, $5) RETURNING id"
    )
    .bind(language)
    .bind(topic)
    .bind(title)
    .bind(body)
    .bind(now)
    .fetch_one(c)
    .await
    })?;
    tx.commit().await?;
    Ok(id)
}

pub async fn remove(db: &Db, id: i64) -> Result<(), AppError> {
    crate::platform::db::delete_by_id(db, "canned_answers", id).await
}

/// What the placeholders stand for in one item.
pub struct Context<'a> {
    pub name: &'a str,
    pub code: &'a str,
    pub subject: &'a str,
    pub received: &'a str,
    pub department: &'a str,
}

/// Fills the placeholders of `template`; unknown braces stay as written.
pub fn render(template: &str, ctx: &Context) -> String {
    fill_name(&render_stored(template, ctx), ctx.name)
}

/// A reply as it is stored: every placeholder filled but `{name}`, which is
/// personal data and is filled in only in the email to the submitter.
pub fn render_stored(template: &str, ctx: &Context) -> String {
    template
        .replace("{code}", ctx.code)
        .replace("{subject}", ctx.subject)
        .replace("{received}", ctx.received)
        .replace("{department}", ctx.department)
}

/// A stored reply with the submitter's name in its place (the email).
pub fn fill_name(stored: &str, name: &str) -> String {
    stored.replace("{name}", name)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_stored_reply_keeps_the_name_placeholder_and_only_the_email_has_the_name() {
        let ctx = Context {
            name: "Айгүл",
            code: "Q-2026-000007",
            subject: "Гранттар",
            received: "2026-11-20",
            department: "CIVIL",
        };
        let stored = render_stored("Құрметті {name}! {code}", &ctx);
        assert_eq!(stored, "Құрметті {name}! Q-2026-000007");
        assert_eq!(fill_name(&stored, "Айгүл"), "Құрметті Айгүл! Q-2026-000007");
        assert_eq!(
            crate::privacy::without_name(&stored, "kk"),
            "Құрметті өтініш беруші! Q-2026-000007"
        );
    }

    #[test]
    fn placeholders_take_the_items_values_and_other_braces_stay() {
        let ctx = Context {
            name: "Айгүл",
            code: "Q-2026-000007",
            subject: "Гранттар",
            received: "2026-11-20",
            department: "CIVIL",
        };
        let out = render(
            "Құрметті {name}! {code} ({subject}, {received}) — {department}. {other}",
            &ctx,
        );
        assert_eq!(
            out,
            "Құрметті Айгүл! Q-2026-000007 (Гранттар, 2026-11-20) — CIVIL. {other}"
        );
        for p in crate::inbox::PLACEHOLDERS {
            assert!(!render(p, &ctx).contains('{'), "{p} is not filled");
        }
    }
}
