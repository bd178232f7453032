//! What happens to what the sources published: each item whose link is new
//! is kept, put into its story, compared with our releases (`pickup`), and
//! read by the saved queries (`item_work`); a match becomes a mention in the
//! register with its source, query, excerpt, language, story and a
//! suggested tone. A batch of reads is one transaction, so nothing is
//! half-saved; a link already in the register (from another source, or at
//! the same moment) is one mention.

use super::feeds::FoundItem;
use super::item_work::{self, MentionDraft, ToWork, Worked};
use super::pickup::{self, Release};
use super::queries::{self, Compiled};
use super::{item_rows, stories, SourceRow};
use crate::error::AppError;
use crate::media::url_key;
use crate::on_read;
use crate::platform::db::Db;
use crate::platform::query::{marks, PARAMS_PER_STATEMENT};
use chrono::{DateTime, Utc};

/// What every read of a pass is compared with: the saved queries that are
/// on, the releases of the last 30 days, and the tone classifiers trained
/// so far (by language; the word lists serve the others).
pub struct Watch {
    pub queries: Vec<Compiled>,
    pub releases: Vec<Release>,
    pub models: std::collections::HashMap<String, super::tone_model::Model>,
}

impl Watch {
    /// Loads them once per pass (adding the own-names query on a fresh
    /// installation).
    pub async fn load(db: &Db, own_names: &[String], now: DateTime<Utc>) -> Result<Self, AppError> {
        queries::ensure_own_names(db, own_names, now).await?;
        Ok(Watch {
            queries: queries::compiled(db).await?,
            releases: pickup::recent(db, now).await?,
            models: super::tone_training::load(db).await?,
        })
    }
}

/// What taking in one read gave.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct TakenIn {
    /// Items whose link was new.
    pub new_items: usize,
    /// Mentions added to the register.
    pub mentions: usize,
}

/// One source's read: the source and the items its document listed.
pub struct SourceRead<'a> {
    pub source: &'a SourceRow,
    pub items: &'a [FoundItem],
}

/// Keeps one read's items and turns the matching ones into mentions.
pub async fn take_in(
    db: &Db,
    source: &SourceRow,
    items: &[FoundItem],
    watch: &Watch,
    tz: chrono_tz::Tz,
    now: DateTime<Utc>,
) -> Result<TakenIn, AppError> {
    let taken = take_in_all(db, &[SourceRead { source, items }], watch, tz, now).await?;
    Ok(taken[0])
}

/// Keeps several reads' items and turns the matching ones into mentions:
/// the text work first (across the cores), then one transaction of a few
/// statements for all of them (items, stories, band keys, pickups,
/// mentions), so that a pass's reads share their commits. What each read
/// gave, in the order given.
pub async fn take_in_all(
    db: &Db,
    reads: &[SourceRead<'_>],
    watch: &Watch,
    tz: chrono_tz::Tz,
    now: DateTime<Utc>,
) -> Result<Vec<TakenIn>, AppError> {
    let mut taken = vec![TakenIn::default(); reads.len()];
    // Items kept before are skipped before any text work (a feed lists
    // the same items read after read); a link listed twice in the batch is
    // worked on once, and one at the same moment from another process is
    // caught by the link's uniqueness.
    let urls: Vec<String> = reads
        .iter()
        .flat_map(|r| r.items.iter().map(|i| i.url.clone()))
        .collect();
    let known = known_links(db, &urls).await?;
    let mut seen = std::collections::HashSet::new();
    let new: Vec<ToWork> = reads
        .iter()
        .enumerate()
        .flat_map(|(n, r)| r.items.iter().map(move |i| (n, r.source, i)))
        .filter(|(_, _, i)| {
            let key = url_key(&i.url);
            !known.contains(&key) && seen.insert(key)
        })
        .collect();
    if new.is_empty() {
        return Ok(taken);
    }
    let worked = item_work::work_all(new, watch, tz, now);
    let mut tx = db.begin().await?;
    let ids = item_rows::insert_items(&mut tx, &worked, now).await?;
    // Only the items whose link was still new when written.
    let kept: Vec<(&Worked, i64)> = worked.iter().filter_map(|w| Some((w, *ids.get(&w.key)?))).collect();
    let placing: Vec<stories::Placing> = kept
        .iter()
        .map(|(w, id)| stories::Placing {
            id: *id,
            sig: &w.sig,
            at: w.at,
        })
        .collect();
    let story_of = stories::place_all(&mut tx, &placing).await?;
    let pickups: Vec<_> = kept
        .iter()
        .flat_map(|(w, id)| w.pickups.iter().map(move |p| (*id, w.source.outlet_id, w.at, *p)))
        .collect();
    pickup::keep_all(&mut tx, &pickups).await?;
    let mentions: Vec<(&Worked, &MentionDraft, i64)> = kept
        .iter()
        .zip(&story_of)
        .filter_map(|((w, _), story)| Some((*w, w.mention.as_ref()?, *story)))
        .collect();
    let added = item_rows::insert_mentions(&mut tx, &mentions, now).await?;
    tx.commit().await?;
    for (w, _) in &kept {
        taken[w.read].new_items += 1;
    }
    for read in added {
        taken[read].mentions += 1;
    }
    Ok(taken)
}

/// Which of `links` are already kept (by their normalised form): a news
/// page's articles already read are not fetched again, and a feed's items
/// already kept are not worked on again.
pub async fn known_links(db: &Db, links: &[String]) -> Result<std::collections::HashSet<String>, AppError> {
    let keys: Vec<String> = links.iter().map(|l| url_key(l)).collect();
    let mut known = std::collections::HashSet::new();
    for chunk in keys.chunks(PARAMS_PER_STATEMENT) {
        let sql = format!(
            "SELECT url_key FROM media_items WHERE url_key IN ({})",
            marks(1, chunk.len())
        );
        let found: Vec<String> = on_read!(db, |c| {
            let mut q = sqlx::query_scalar(&sql);
            for k in chunk {
                q = q.bind(k);
            }
            q.fetch_all(c).await
        })?;
        known.extend(found);
    }
    Ok(known)
}
