//! How long press items stay. The monitor keeps every item it reads (its
//! link, so a feed's old entries are not taken in twice; its band keys, so a
//! reprint finds its story within 30 days). A ministry's sources publish
//! about 100,000 items a day, so once an item is older than
//! `media.keep_items_days` it goes, with its band keys, unless the register
//! needs it: the first item of a story a mention belongs to (its headline
//! and signature name and compare the story) or an item that carried one
//! of our releases (the publication's pickup lists it). Those are trimmed:
//! their text and band keys go, their headline, link and signature stay.

use super::reprints::BANDS;
use super::stories::from_bytes;
use crate::error::AppError;
use crate::on_tx;
use crate::platform::db::{Db, Tx};
use crate::platform::query::{marks, PARAMS_PER_STATEMENT};
use chrono::{DateTime, Duration, Utc};
use std::collections::HashSet;

/// Items handled in one transaction, and the most one purge handles (the
/// rest wait for the next pass).
const BATCH: usize = PARAMS_PER_STATEMENT;
const MOST: usize = 100_000;

/// What one purge did.
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
pub struct Purged {
    pub deleted: usize,
    pub trimmed: usize,
}

/// Deletes or trims the items fetched more than `keep_days` before `now`,
/// oldest first, a batch per transaction.
pub async fn purge(db: &Db, keep_days: u32, now: DateTime<Utc>) -> Result<Purged, AppError> {
    let before = now - Duration::days(i64::from(keep_days));
    let mut done = Purged::default();
    while done.deleted + done.trimmed < MOST {
        let mut tx = db.begin().await?;
        let ids: Vec<i64> = on_tx!(tx, |c| sqlx::query_scalar(
            "SELECT id FROM media_items WHERE trimmed = $1 AND fetched_at < $2 ORDER BY fetched_at LIMIT $3"
        )
        .bind(false)
        .bind(before)
        .bind(BATCH as i64)
        .fetch_all(c)
        .await)?;
        if ids.is_empty() {
            break;
        }
        let needed = still_needed(&mut tx, &ids).await?;
        let (keep, go): (Vec<i64>, Vec<i64>) = ids.iter().partition(|id| needed.contains(id));
        drop_band_keys(&mut tx, &ids).await?;
        in_list(&mut tx, "DELETE FROM media_items WHERE id IN", &go).await?;
        in_list(
            &mut tx,
            "UPDATE media_items SET body = '', trimmed = TRUE WHERE id IN",
            &keep,
        )
        .await?;
        tx.commit().await?;
        done.deleted += go.len();
        done.trimmed += keep.len();
        if ids.len() < BATCH {
            break;
        }
    }
    Ok(done)
}

/// Which of `ids` a mention's story or a release's pickup names.
async fn still_needed(tx: &mut Tx, ids: &[i64]) -> Result<HashSet<i64>, AppError> {
    // Both lists use the same parameters.
    let marks = marks(1, ids.len());
    let sql = format!(
        "SELECT story_id FROM mentions WHERE story_id IN ({marks}) \
         UNION SELECT item_id FROM release_pickups WHERE item_id IN ({marks})"
    );
    let found: Vec<i64> = on_tx!(tx, |c| {
        let mut q = sqlx::query_scalar(&sql);
        for id in ids {
            q = q.bind(*id);
        }
        q.fetch_all(c).await
    })?;
    Ok(found.into_iter().collect())
}

/// Deletes the band keys of items `ids`: the keys their signatures give
/// (the rows are kept by key, not by item). A statement takes a dozen
/// items' keys and the items, so it deletes no other item's rows.
async fn drop_band_keys(tx: &mut Tx, ids: &[i64]) -> Result<(), AppError> {
    let sql = format!(
        "SELECT id, signature FROM media_items WHERE id IN ({})",
        marks(1, ids.len())
    );
    let signed: Vec<(i64, Option<Vec<u8>>)> = on_tx!(tx, |c| {
        let mut q = sqlx::query_as(&sql);
        for id in ids {
            q = q.bind(*id);
        }
        q.fetch_all(c).await
    })?;
    let keyed: Vec<(i64, Vec<i64>)> = signed
        .into_iter()
        .filter_map(|(id, bytes)| {
            let sig = from_bytes(bytes.as_deref()?)?;
            Some((id, sig.band_keys().map(|k| k as i64).collect()))
        })
        .collect();
    for chunk in keyed.chunks(PARAMS_PER_STATEMENT / (BANDS + 1)) {
        let keys: Vec<i64> = chunk.iter().flat_map(|(_, ks)| ks.iter().copied()).collect();
        let sql = format!(
            "DELETE FROM media_item_bands WHERE band_key IN ({}) AND item_id IN ({})",
            marks(1, keys.len()),
            marks(keys.len() + 1, chunk.len())
        );
        on_tx!(tx, |c| {
            let mut q = sqlx::query(&sql);
            for k in &keys {
                q = q.bind(*k);
            }
            for (id, _) in chunk {
                q = q.bind(*id);
            }
            q.execute(c).await.map(|_| ())
        })?;
    }
    Ok(())
}

/// Runs `head ($1, …)` over `ids`, unless there are none.
async fn in_list(tx: &mut Tx, head: &str, ids: &[i64]) -> Result<(), AppError> {
    if ids.is_empty() {
        return Ok(());
    }
    let sql = format!("{head} ({})", marks(1, ids.len()));
    on_tx!(tx, |c| {
        let mut q = sqlx::query(&sql);
        for id in ids {
            q = q.bind(*id);
        }
        q.execute(c).await.map(|_| ())
    })?;
    Ok(())
}
