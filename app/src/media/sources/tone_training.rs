//! Training the tone classifier in the background: per language, the
//! mentions whose tone staff confirmed or corrected are the labels; a model
//! is trained (and kept as JSON) once there are enough, and again after
//! more have come in. The held-out check trains on four fifths of the
//! labels and measures both the model and the word lists on the rest.

use super::text::detect_language;
use super::tone;
use super::tone_model::{Model, MIN_LABELS, RETRAIN_AFTER};
use crate::error::AppError;
use crate::platform::db::Db;
use crate::publications::Tone;
use crate::{on_read, on_tx};
use chrono::{DateTime, Utc};
use std::collections::HashMap;

pub const LANGUAGES: [&str; 3] = ["kk", "ru", "en"];

/// A label: the mention's id, the text the model reads, the tone a person gave.
type Label = (i64, String, Tone);

/// The confirmed labels of a language, oldest first.
async fn labels(db: &Db, language: &str) -> Result<Vec<Label>, AppError> {
    let rows: Vec<(i64, String, String, String)> = on_read!(db, |c| sqlx::query_as(
        "SELECT id, headline, excerpt, tone FROM mentions \
         WHERE language = $1 AND tone_suggested_as <> '' AND NOT tone_suggested ORDER BY id"
    )
    .bind(language)
    .fetch_all(c)
    .await)?;
    Ok(rows
        .into_iter()
        .filter_map(|(id, h, e, t)| Tone::parse(&t).map(|t| (id, format!("{h}\n{e}"), t)))
        .collect())
}

/// Trains each language whose labels reached the minimum, or grew by
/// `RETRAIN_AFTER` since its model; returns the languages trained.
pub async fn retrain(db: &Db, now: DateTime<Utc>) -> Result<Vec<&'static str>, AppError> {
    let counts: Vec<(String, i64)> = on_read!(db, |c| {
        sqlx::query_as(
        "SELECT language, COUNT(*) FROM mentions WHERE tone_suggested_as <> '' AND NOT tone_suggested GROUP BY language"
    )
    .fetch_all(c)
    .await
    })?;
    let kept: Vec<(String, i64)> = on_read!(db, |c| sqlx::query_as("SELECT language, labels FROM tone_models")
        .fetch_all(c)
        .await)?;
    let mut trained = Vec::new();
    for language in LANGUAGES {
        let have = counts.iter().find(|c| c.0 == language).map(|c| c.1).unwrap_or(0);
        let had = kept.iter().find(|k| k.0 == language).map(|k| k.1);
        let due = have as usize >= MIN_LABELS && had.is_none_or(|h| have - h >= RETRAIN_AFTER);
        if !due {
            continue;
        }
        let ls = labels(db, language).await?;
        let Some(model) = Model::train(ls.iter().map(|(_, t, tone)| (t.as_str(), *tone))) else {
            continue;
        };
        let json = serde_json::to_string(&model).map_err(|e| AppError::internal(e.to_string()))?;
        let mut tx = db.begin().await?;
        on_tx!(&mut tx, |c| sqlx::query(
            "INSERT INTO tone_models (language, labels, trained_at, model) VALUES ($1, $2, $3, $4) \
             ON CONFLICT (language) DO UPDATE SET labels = $2, trained_at = $3, model = $4"
        )
        .bind(language)
        .bind(model.labels() as i64)
        .bind(now)
        .bind(&json)
        .execute(c)
        .await
        .map(|_| ()))?;
        tx.commit().await?;
        trained.push(language);
    }
    Ok(trained)
}

/// The trained models, by language.
pub async fn load(db: &Db) -> Result<HashMap<String, Model>, AppError> {
    let rows: Vec<(String, String)> = on_read!(db, |c| sqlx::query_as("SELECT language, model FROM tone_models")
        .fetch_all(c)
        .await)?;
    Ok(rows
        .into_iter()
        .filter_map(|(l, json)| serde_json::from_str(&json).ok().map(|m| (l, m)))
        .collect())
}

/// On the held-out fifth of a language's labels (every fifth by id): how
/// many there are, and how many the model trained on the rest and the word
/// lists each get right. `None` when the rest is too few to train on.
pub async fn held_out(db: &Db, language: &str) -> Result<Option<(usize, usize, usize)>, AppError> {
    let ls = labels(db, language).await?;
    let (test, train): (Vec<&Label>, Vec<&Label>) = ls.iter().partition(|(id, _, _)| id % 5 == 0);
    let Some(model) = Model::train(train.iter().map(|(_, t, tone)| (t.as_str(), *tone))) else {
        return Ok(None);
    };
    let model_right = test.iter().filter(|(_, t, tone)| model.predict(t).0 == *tone).count();
    let lists_right = test
        .iter()
        .filter(|(_, t, tone)| {
            let l = detect_language(t).unwrap_or(language);
            tone::suggest(t, l, None).tone == *tone
        })
        .count();
    Ok(Some((test.len(), model_right, lists_right)))
}
