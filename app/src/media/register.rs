//! Reading the register: mentions of a period (optionally of one tone), one
//! mention, and the mentions of one story, each with its outlet, response
//! task, where the press monitor found it and whether its tone is only
//! suggested; and a person confirming or correcting a suggested tone.

use crate::error::AppError;
use crate::media::MentionRow;
use crate::on_read;
use crate::platform::db::Db;
use chrono::NaiveDate;

const ROW_SQL: &str = "SELECT m.id, o.name AS outlet, m.media_type, m.headline, m.url, m.day, m.tone, m.reach, \
     m.topic_code, d.code AS department, m.summary, m.response, i.tracking_code, i.status AS task_status, \
     i.answer_text, m.excerpt, m.language, m.story_id, m.tone_suggested, m.tone_words, s.name AS source, \
     q.name AS query, CASE WHEN m.story_id IS NULL THEN 1 ELSE \
     (SELECT COUNT(*) FROM mentions r WHERE r.story_id = m.story_id) END AS story_mentions \
     FROM mentions m JOIN outlets o ON o.id = m.outlet_id \
     LEFT JOIN departments d ON d.id = m.department_id LEFT JOIN items i ON i.id = m.item_id \
     LEFT JOIN media_sources s ON s.id = m.source_id LEFT JOIN media_queries q ON q.id = m.query_id";

#[derive(sqlx::FromRow)]
struct Row {
    id: i64,
    outlet: String,
    media_type: String,
    headline: String,
    url: String,
    day: NaiveDate,
    tone: String,
    reach: Option<i64>,
    topic_code: String,
    department: Option<String>,
    summary: String,
    response: String,
    tracking_code: Option<String>,
    task_status: Option<String>,
    answer_text: Option<String>,
    excerpt: String,
    language: String,
    story_id: Option<i64>,
    tone_suggested: bool,
    tone_words: String,
    source: Option<String>,
    query: Option<String>,
    story_mentions: i64,
}

fn row(r: Row) -> MentionRow {
    MentionRow {
        id: r.id,
        outlet: r.outlet,
        media_type: r.media_type,
        headline: r.headline,
        url: r.url,
        day: r.day,
        tone: r.tone,
        reach: r.reach,
        topic: r.topic_code,
        department: r.department,
        summary: r.summary,
        response: r.response,
        task: r.tracking_code.zip(r.task_status),
        outcome: r.answer_text,
        excerpt: r.excerpt,
        language: r.language,
        story_id: r.story_id,
        story_mentions: r.story_mentions,
        tone_suggested: r.tone_suggested,
        tone_words: r.tone_words,
        source: r.source,
        query: r.query,
    }
}

/// Mentions from `from` to `to` (newest first), optionally of one tone.
pub async fn list(
    db: &Db,
    from: NaiveDate,
    to: NaiveDate,
    tone: &str,
    limit: i64,
) -> Result<Vec<MentionRow>, AppError> {
    let tone_sql = if tone.is_empty() { "" } else { " AND m.tone = $3" };
    let sql =
        format!("{ROW_SQL} WHERE m.day >= $1 AND m.day <= $2{tone_sql} ORDER BY m.day DESC, m.id DESC LIMIT {limit}");
    let rows: Vec<Row> = on_read!(db, |c| {
        let q = sqlx::query_as(&sql).bind(from).bind(to);
        if tone.is_empty() {
            q.fetch_all(c).await
        } else {
            q.bind(tone).fetch_all(c).await
        }
    })?;
    Ok(rows.into_iter().map(row).collect())
}

pub async fn find(db: &Db, id: i64) -> Result<MentionRow, AppError> {
    let sql = format!("{ROW_SQL} WHERE m.id = $1");
    let r: Option<Row> = on_read!(db, |c| sqlx::query_as(&sql).bind(id).fetch_optional(c).await)?;
    r.map(row).ok_or_else(AppError::not_found)
}

/// The mentions of story `story_id`, earliest first (the first is where
/// the story began in the register).
pub async fn story(db: &Db, story_id: i64) -> Result<Vec<MentionRow>, AppError> {
    let sql = format!("{ROW_SQL} WHERE m.story_id = $1 ORDER BY m.day, m.id LIMIT 1000");
    let rows: Vec<Row> = on_read!(db, |c| sqlx::query_as(&sql).bind(story_id).fetch_all(c).await)?;
    if rows.is_empty() {
        return Err(AppError::not_found());
    }
    Ok(rows.into_iter().map(row).collect())
}

/// A person confirms or corrects a mention's tone: it is no longer marked
/// as suggested.
pub async fn confirm_tone(db: &Db, id: i64, tone: &str) -> Result<(), AppError> {
    use crate::error::{FieldCode, FieldError};
    let Some(tone) = crate::publications::Tone::parse(tone.trim()) else {
        return Err(AppError::fields(vec![FieldError {
            field: "tone".into(),
            code: FieldCode::InvalidChoice,
        }]));
    };
    let mut tx = db.begin().await?;
    let n = crate::on_tx!(&mut tx, |c| sqlx::query(
        "UPDATE mentions SET tone = $2, tone_suggested = $3 WHERE id = $1"
    )
    .bind(id)
    .bind(tone.as_str())
    .bind(false)
    .execute(c)
    .await
    .map(|r| r.rows_affected()))?;
    if n == 0 {
        return Err(AppError::not_found());
    }
    tx.commit().await?;
    Ok(())
}
