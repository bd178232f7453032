//! The stories of a period beside the period before: the most carried
//! stories with their mentions, outlets and negative mentions, whether each
//! is new or continues from before, and the most similar story of the
//! period before (similar text, not a reprint: a topic coming back).

use super::reprints::SAME_STORY;
use super::stories::from_bytes;
use crate::error::AppError;
use crate::media::{SimilarStory, StoryLine};
use crate::on_read;
use crate::platform::db::Db;
use crate::platform::period::Period;
use crate::platform::query::marks;

/// The estimated similarity from which an earlier story is "similar".
pub const SIMILAR: f64 = 0.2;

type Row = (i64, i64, i64, i64, Option<String>, Option<Vec<u8>>);

async fn stories(db: &Db, p: Period, limit: i64) -> Result<Vec<Row>, AppError> {
    // Counted and cut to `limit` first; only those stories' first items
    // are then read for their headline and signature.
    let sql = format!(
        "SELECT s.story_id, s.n, s.outlets, s.negative, i.headline, i.signature FROM \
         (SELECT m.story_id, COUNT(*) AS n, COUNT(DISTINCT m.outlet_id) AS outlets, \
          SUM(CASE WHEN m.tone = 'negative' THEN 1 ELSE 0 END) AS negative FROM mentions m \
          WHERE m.day >= $1 AND m.day <= $2 AND m.story_id IS NOT NULL \
          GROUP BY m.story_id ORDER BY n DESC, m.story_id LIMIT {limit}) s \
         LEFT JOIN media_items i ON i.id = s.story_id ORDER BY s.n DESC, s.story_id"
    );
    Ok(on_read!(db, |c| sqlx::query_as(&sql)
        .bind(p.from)
        .bind(p.to)
        .fetch_all(c)
        .await)?)
}

/// Up to `limit` stories of period `p`, most mentioned first.
pub async fn of_period(db: &Db, p: Period, limit: i64) -> Result<Vec<StoryLine>, AppError> {
    let (now, before) = tokio::try_join!(stories(db, p, limit), stories(db, p.previous(), 500))?;
    let before: Vec<(i64, String, super::reprints::Signature)> = before
        .into_iter()
        .filter_map(|(id, _, _, _, h, s)| Some((id, h?, from_bytes(&s?)?)))
        .collect();
    let ids: Vec<i64> = now.iter().map(|r| r.0).collect();
    let continuing: Vec<i64> = if ids.is_empty() {
        Vec::new()
    } else {
        let sql = format!(
            "SELECT DISTINCT story_id FROM mentions WHERE day < $1 AND story_id IN ({})",
            marks(2, ids.len())
        );
        on_read!(db, |c| {
            let mut q = sqlx::query_scalar(&sql).bind(p.from);
            for id in &ids {
                q = q.bind(*id);
            }
            q.fetch_all(c).await
        })?
    };
    Ok(now
        .into_iter()
        .map(|(id, mentions, outlets, negative, headline, sig)| {
            let sig = sig.as_deref().and_then(from_bytes);
            let similar_before = sig.and_then(|sig| {
                before
                    .iter()
                    .filter(|(other, _, _)| *other != id)
                    .map(|(other, h, s)| (sig.similarity(s), *other, h))
                    .filter(|(sim, _, _)| (SIMILAR..SAME_STORY).contains(sim))
                    .max_by(|a, b| a.0.total_cmp(&b.0))
                    .map(|(similarity, story_id, headline)| SimilarStory {
                        story_id,
                        headline: headline.clone(),
                        similarity,
                    })
            });
            StoryLine {
                story_id: id,
                headline: headline.unwrap_or_default(),
                mentions,
                outlets,
                negative,
                continuing: continuing.contains(&id),
                similar_before,
            }
        })
        .collect())
}
