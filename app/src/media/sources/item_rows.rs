//! The rows a read's new items write, many to a statement: the items
//! themselves (with their signatures) and the mentions of those a saved
//! query matched. Both skip a link already kept, so a duplicate arriving
//! from another source at the same moment is kept once.

use super::item_work::{MentionDraft, Worked};
use super::stories;
use crate::error::AppError;
use crate::on_tx;
use crate::platform::db::Tx;
use crate::platform::query::{value_rows, PARAMS_PER_STATEMENT};
use chrono::{DateTime, Utc};
use std::collections::HashMap;

/// Keeps the items whose link is still new, thirty a statement; the id
/// of each one kept, by its link's key.
pub async fn insert_items(
    tx: &mut Tx,
    worked: &[Worked<'_>],
    now: DateTime<Utc>,
) -> Result<HashMap<String, i64>, AppError> {
    let mut ids = HashMap::new();
    for chunk in worked.chunks(PARAMS_PER_STATEMENT / 8) {
        let sql = format!(
            "INSERT INTO media_items (source_id, url, url_key, headline, body, published_at, fetched_at, signature) \
             VALUES {} ON CONFLICT (url_key) DO NOTHING RETURNING url_key, id",
            value_rows(chunk.len(), 8)
        );
        let rows: Vec<(String, i64)> = on_tx!(tx, |c| {
            let mut q = sqlx::query_as(&sql);
            for w in chunk {
                q = q
                    .bind(w.source.id)
                    .bind(&w.item.url)
                    .bind(&w.key)
                    .bind(&w.item.headline)
                    .bind(&w.item.text)
                    .bind(w.item.published)
                    .bind(now)
                    .bind(stories::to_bytes(&w.sig));
            }
            q.fetch_all(c).await
        })?;
        ids.extend(rows);
    }
    Ok(ids)
}

/// Adds the mentions `(item, draft, story)` to the register, thirteen a
/// statement; the read of each one added (a link already in the register
/// adds none).
pub async fn insert_mentions(
    tx: &mut Tx,
    mentions: &[(&Worked<'_>, &MentionDraft, i64)],
    now: DateTime<Utc>,
) -> Result<Vec<usize>, AppError> {
    let read_of: HashMap<&str, usize> = mentions.iter().map(|(w, _, _)| (w.key.as_str(), w.read)).collect();
    let mut added = Vec::new();
    for chunk in mentions.chunks(PARAMS_PER_STATEMENT / 18) {
        let sql = format!(
            "INSERT INTO mentions (outlet_id, media_type, headline, url, url_key, day, tone, tone_suggested_as, \
             topic_code, summary, created_at, source_id, query_id, excerpt, language, story_id, tone_suggested, tone_words) \
             VALUES {} ON CONFLICT (url_key) DO NOTHING RETURNING url_key",
            value_rows(chunk.len(), 18)
        );
        let keys: Vec<String> = on_tx!(tx, |c| {
            let mut q = sqlx::query_scalar(&sql);
            for (w, m, story) in chunk {
                let tone = m.suggestion.tone.as_str();
                q = q
                    .bind(w.source.outlet_id)
                    .bind(&w.source.media_type)
                    .bind(&w.item.headline)
                    .bind(&w.item.url)
                    .bind(&w.key)
                    .bind(m.day)
                    .bind(tone)
                    .bind(tone)
                    .bind("")
                    .bind("")
                    .bind(now)
                    .bind(w.source.id)
                    .bind(m.query_id)
                    .bind(&m.excerpt)
                    .bind(&m.language)
                    .bind(*story)
                    .bind(true)
                    .bind(m.suggestion.words.join(", "));
            }
            q.fetch_all(c).await
        })?;
        added.extend(keys.iter().filter_map(|k| read_of.get(k.as_str()).copied()));
    }
    Ok(added)
}
