//! Stories in the database: a new item's MinHash signature and band keys are
//! kept, and the item joins the story of the most similar earlier item of
//! the last 30 days that shares a band key with it (found by index, never by
//! comparing every pair), or starts a story of its own. A batch of reads'
//! items is placed together, in a handful of statements.

use super::reprints::{Signature, HASHES, SAME_STORY};
use crate::error::AppError;
use crate::on_tx;
use crate::platform::db::Tx;
use crate::platform::query::{marks, value_rows, PARAMS_PER_STATEMENT};
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

/// A kept item to be put into its story: its id, signature and moment.
pub struct Placing<'a> {
    pub id: i64,
    pub sig: &'a Signature,
    pub at: DateTime<Utc>,
}

/// An item a new one may be a reprint of.
struct Candidate {
    id: i64,
    story: i64,
    sig: Signature,
    at: DateTime<Utc>,
}

/// Puts a read's new items into their stories and returns each one's story
/// id (the id of the story's first item), in the order given. An item joins
/// the story of the most similar earlier item published in the 30 days
/// before it that shares a band key with it (ties go to the earlier item),
/// kept before or earlier in the same read; else it starts its own. The
/// earlier items are found in a few queries for the whole batch, and the
/// band keys are written a hundred and twenty rows a statement.
pub async fn place_all(tx: &mut Tx, items: &[Placing<'_>]) -> Result<Vec<i64>, AppError> {
    if items.is_empty() {
        return Ok(Vec::new());
    }
    let keys: Vec<Vec<i64>> = items
        .iter()
        .map(|p| p.sig.band_keys().map(|k| k as i64).collect())
        .collect();
    let (mut found, mut by_key) = kept_sharing(tx, &keys).await?;
    // In id order, so that earlier items of the read are there for later ones.
    let mut order: Vec<usize> = (0..items.len()).collect();
    order.sort_by_key(|&i| items[i].id);
    let mut stories = vec![0; items.len()];
    for i in order {
        let p = &items[i];
        let since = p.at - Duration::days(LOOK_BACK_DAYS);
        let mut near: Vec<usize> = keys[i]
            .iter()
            .filter_map(|k| by_key.get(k))
            .flatten()
            .copied()
            .collect();
        near.sort_by_key(|&c| found[c].id);
        near.dedup();
        let mut best: Option<(f64, i64)> = None;
        for c in near.into_iter().map(|c| &found[c]).filter(|c| c.at >= since) {
            let s = p.sig.similarity(&c.sig);
            if s >= SAME_STORY && best.is_none_or(|(b, _)| s > b) {
                best = Some((s, c.story));
            }
        }
        stories[i] = best.map(|(_, s)| s).unwrap_or(p.id);
        for k in &keys[i] {
            by_key.entry(*k).or_default().push(found.len());
        }
        found.push(Candidate {
            id: p.id,
            story: stories[i],
            sig: p.sig.clone(),
            at: p.at,
        });
    }
    // An item that starts a story keeps no story id (it is its own).
    let joined: Vec<(i64, i64)> = items
        .iter()
        .zip(&stories)
        .filter(|(p, s)| p.id != **s)
        .map(|(p, s)| (p.id, *s))
        .collect();
    set_stories(tx, &joined).await?;
    let bands: Vec<(i64, i64)> = items
        .iter()
        .zip(&keys)
        .flat_map(|(p, ks)| ks.iter().map(move |k| (*k, p.id)))
        .collect();
    keep_bands(tx, &bands).await?;
    Ok(stories)
}

type KeyIndex = std::collections::HashMap<i64, Vec<usize>>;

/// The kept items that share a band key in `keys` (the caller checks
/// their dates), and, per key, which of them have it.
async fn kept_sharing(tx: &mut Tx, keys: &[Vec<i64>]) -> Result<(Vec<Candidate>, KeyIndex), AppError> {
    let mut wanted: Vec<i64> = keys.iter().flatten().copied().collect();
    wanted.sort_unstable();
    wanted.dedup();
    let mut bands: Vec<(i64, i64)> = Vec::new();
    for chunk in wanted.chunks(PARAMS_PER_STATEMENT) {
        let sql = format!(
            "SELECT band_key, item_id FROM media_item_bands WHERE band_key IN ({})",
            marks(1, chunk.len())
        );
        let rows: Vec<(i64, i64)> = on_tx!(tx, |c| {
            let mut q = sqlx::query_as(&sql);
            for k in chunk {
                q = q.bind(*k);
            }
            q.fetch_all(c).await
        })?;
        bands.extend(rows);
    }
    let mut ids: Vec<i64> = bands.iter().map(|b| b.1).collect();
    ids.sort_unstable();
    ids.dedup();
    let mut found = Vec::with_capacity(ids.len());
    let mut place = std::collections::HashMap::new();
    for chunk in ids.chunks(PARAMS_PER_STATEMENT) {
        let sql = format!(
            "SELECT id, story_id, signature, published_at, fetched_at FROM media_items WHERE id IN ({})",
            marks(1, chunk.len())
        );
        type Row = (i64, Option<i64>, Option<Vec<u8>>, Option<DateTime<Utc>>, DateTime<Utc>);
        let rows: Vec<Row> = on_tx!(tx, |c| {
            let mut q = sqlx::query_as(&sql);
            for id in chunk {
                q = q.bind(*id);
            }
            q.fetch_all(c).await
        })?;
        for (id, story, bytes, published, fetched) in rows {
            let Some(sig) = bytes.as_deref().and_then(from_bytes) else {
                continue;
            };
            place.insert(id, found.len());
            found.push(Candidate {
                id,
                story: story.unwrap_or(id),
                sig,
                // The moment the item counts from, as when it was placed.
                at: published.unwrap_or(fetched),
            });
        }
    }
    let mut by_key = KeyIndex::new();
    for (key, id) in bands {
        if let Some(&c) = place.get(&id) {
            by_key.entry(key).or_default().push(c);
        }
    }
    Ok((found, by_key))
}

/// Sets the story of each `(item, story)`, eighty a statement.
async fn set_stories(tx: &mut Tx, joined: &[(i64, i64)]) -> Result<(), AppError> {
    for chunk in joined.chunks(PARAMS_PER_STATEMENT / 3) {
        let cases: Vec<String> = (0..chunk.len())
            .map(|i| format!("WHEN ${} THEN ${}", 2 * i + 1, 2 * i + 2))
            .collect();
        let sql = format!(
            "UPDATE media_items SET story_id = CASE id {} END WHERE id IN ({})",
            cases.join(" "),
            marks(2 * chunk.len() + 1, chunk.len())
        );
        on_tx!(tx, |c| {
            let mut q = sqlx::query(&sql);
            for (item, story) in chunk {
                q = q.bind(*item).bind(*story);
            }
            for (item, _) in chunk {
                q = q.bind(*item);
            }
            q.execute(c).await.map(|_| ())
        })?;
    }
    Ok(())
}

/// Keeps `(band key, item)` rows, a hundred and twenty a statement.
async fn keep_bands(tx: &mut Tx, bands: &[(i64, i64)]) -> Result<(), AppError> {
    for chunk in bands.chunks(PARAMS_PER_STATEMENT / 2) {
        let sql = format!(
            "INSERT INTO media_item_bands (band_key, item_id) VALUES {}",
            value_rows(chunk.len(), 2)
        );
        on_tx!(tx, |c| {
            let mut q = sqlx::query(&sql);
            for (key, item) in chunk {
                q = q.bind(*key).bind(*item);
            }
            q.execute(c).await.map(|_| ())
        })?;
    }
    Ok(())
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
