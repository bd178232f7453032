//! Stories in the database: a new item's MinHash signature and band keys are
//! kept, and the item joins the story of the most similar earlier item of
//! the last 30 days that shares a band key with it (found by index, never by
//! comparing every pair), or starts a story of its own.

use super::reprints::{Signature, HASHES, SAME_STORY};
use crate::error::AppError;
use crate::on_tx;
use crate::platform::db::Tx;
use chrono::{DateTime, Duration, Utc};

/// How far back a reprint is looked for.
pub const LOOK_BACK_DAYS: i64 = 30;

/// A signature as kept: 64 little-endian u64.
pub fn to_bytes(sig: &Signature) -> Vec<u8> {
    sig.0.iter().flat_map(|v| v.to_le_bytes()).collect()
}

pub fn from_bytes(bytes: &[u8]) -> Option<Signature> {
    (bytes.len() == HASHES * 8).then(|| {
        Signature(
            bytes
                .chunks_exact(8)
                .map(|c| u64::from_le_bytes(c.try_into().expect("8 bytes")))
                .collect(),
        )
    })
}

/// Puts item `item_id` (published or read at `at`, kept with its
/// signature `sig`) into its story and returns the story's id: the id of
/// the story's first item.
pub async fn place(tx: &mut Tx, item_id: i64, sig: &Signature, at: DateTime<Utc>) -> Result<i64, AppError> {
    let keys: Vec<i64> = sig.band_keys().map(|k| k as i64).collect();
    let marks: Vec<String> = (1..=keys.len()).map(|i| format!("${i}")).collect();
    let sql = format!(
        "SELECT i.id, i.story_id, i.signature FROM media_items i WHERE i.id IN \
         (SELECT b.item_id FROM media_item_bands b WHERE b.band_key IN ({}) AND b.at >= ${}) ORDER BY i.id",
        marks.join(", "),
        keys.len() + 1
    );
    let since = at - Duration::days(LOOK_BACK_DAYS);
    let candidates: Vec<(i64, Option<i64>, Option<Vec<u8>>)> = on_tx!(tx, |c| {
        let mut q = sqlx::query_as(&sql);
        for k in &keys {
            q = q.bind(*k);
        }
        q.bind(since).fetch_all(c).await
    })?;
    let mut best: Option<(f64, i64)> = None;
    for (id, story, bytes) in candidates {
        let Some(other) = bytes.as_deref().and_then(from_bytes) else {
            continue;
        };
        let s = sig.similarity(&other);
        // Ties go to the earlier item (candidates come in id order).
        if s >= SAME_STORY && best.is_none_or(|(b, _)| s > b) {
            best = Some((s, story.unwrap_or(id)));
        }
    }
    // An item that starts a story keeps no story id (it is its own).
    let story = best.map(|(_, s)| s).unwrap_or(item_id);
    if story != item_id {
        on_tx!(tx, |c| sqlx::query(
            "UPDATE media_items SET story_id = $2 WHERE id = $1"
        )
        .bind(item_id)
        .bind(story)
        .execute(c)
        .await
        .map(|_| ()))?;
    }
    // The band keys in one statement: `(key, item, at)` sixteen times.
    let rows: Vec<String> = (0..keys.len()).map(|i| format!("(${}, $1, $2)", i + 3)).collect();
    let sql = format!(
        "INSERT INTO media_item_bands (band_key, item_id, at) VALUES {}",
        rows.join(", ")
    );
    on_tx!(tx, |c| {
        let mut q = sqlx::query(&sql).bind(item_id).bind(at);
        for k in &keys {
            q = q.bind(*k);
        }
        q.execute(c).await.map(|_| ())
    })?;
    Ok(story)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::media::sources::reprints::signature;

    #[test]
    fn a_signature_survives_being_kept() {
        let sig = signature("Министерство объявило конкурс грантов для НКО");
        assert_eq!(from_bytes(&to_bytes(&sig)), Some(sig));
        assert_eq!(from_bytes(&[1, 2, 3]), None);
    }
}
