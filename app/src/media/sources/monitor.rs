//! What happens to what a source published: each item whose link is new is
//! kept, put into its story, compared with our releases (`pickup`), and read
//! by the saved queries; a match becomes
//! a mention in the register with its source, query, excerpt, language,
//! story and a suggested tone. One read is one transaction, so nothing is
//! half-saved; a link already in the register (from another source, or at
//! the same moment) is one mention.

use super::feeds::FoundItem;
use super::pickup::{self, Release};
use super::queries::{self, Compiled};
use super::query::{words, Word};
use super::{item_rows, reprints, stories, text, tone, SourceRow};
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

/// What a new item gives before anything is written: its link's key, its
/// signature, the moment it counts from, and the mention and pickups it
/// makes (worked out once, outside the transaction).
pub struct Worked<'a> {
    pub item: &'a FoundItem,
    pub key: String,
    pub sig: reprints::Signature,
    pub at: DateTime<Utc>,
    pub mention: Option<MentionDraft>,
    pub pickups: Vec<pickup::Carried>,
}

/// A mention waiting for its item's story.
pub struct MentionDraft {
    pub query_id: i64,
    pub excerpt: String,
    pub language: String,
    pub suggestion: tone::ToneSuggestion,
    pub day: chrono::NaiveDate,
}

/// Keeps a read's items and turns the matching ones into mentions: the text
/// work first, then one transaction of a few statements for the whole read
/// (items, stories, band keys, pickups, mentions).
pub async fn take_in(
    db: &Db,
    source: &SourceRow,
    items: &[FoundItem],
    watch: &Watch,
    tz: chrono_tz::Tz,
    now: DateTime<Utc>,
) -> Result<TakenIn, AppError> {
    // Items kept before are skipped before any text work (a feed lists
    // the same items read after read); one at the same moment from another
    // source is caught by the link's uniqueness.
    let urls: Vec<String> = items.iter().map(|i| i.url.clone()).collect();
    let known = known_links(db, &urls).await?;
    let mut seen = std::collections::HashSet::new();
    let worked: Vec<Worked> = items
        .iter()
        .filter(|i| {
            let key = url_key(&i.url);
            !known.contains(&key) && seen.insert(key)
        })
        .map(|i| work(i, source, watch, tz, now))
        .collect();
    if worked.is_empty() {
        return Ok(TakenIn::default());
    }
    let mut tx = db.begin().await?;
    let ids = item_rows::insert_items(&mut tx, source.id, &worked, now).await?;
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
        .flat_map(|(w, id)| w.pickups.iter().map(move |p| (*id, source.outlet_id, w.at, *p)))
        .collect();
    pickup::keep_all(&mut tx, &pickups).await?;
    let mentions: Vec<(&Worked, &MentionDraft, i64)> = kept
        .iter()
        .zip(&story_of)
        .filter_map(|((w, _), story)| Some((*w, w.mention.as_ref()?, *story)))
        .collect();
    let added = item_rows::insert_mentions(&mut tx, source, &mentions, now).await?;
    tx.commit().await?;
    Ok(TakenIn {
        new_items: kept.len(),
        mentions: added,
    })
}

/// The text work on one new item: signature, pickups, the first saved
/// query it matches and the tone suggested for that mention.
fn work<'a>(
    item: &'a FoundItem,
    source: &SourceRow,
    watch: &Watch,
    tz: chrono_tz::Tz,
    now: DateTime<Utc>,
) -> Worked<'a> {
    let all_text = format!("{}\n{}", item.headline, item.text);
    let sig = reprints::signature(&all_text);
    let at = item.published.unwrap_or(now);
    // The text's words, split once for the releases and the queries.
    let ws = words(&all_text);
    let pickups = pickup::carried(&watch.releases, (item.headline.as_str(), ws.as_slice(), &sig), at);
    let mention = first_match(&watch.queries, &all_text, &ws).map(|(query, excerpt)| {
        let language = match source.language.as_str() {
            "" => text::detect_language(&all_text).unwrap_or("ru"),
            l => l,
        };
        // The language's classifier, once staff have taught it; else the word lists.
        let suggestion = match watch.models.get(language) {
            Some(model) => {
                let (tone, words) = model.predict(&format!("{}\n{excerpt}", item.headline));
                tone::ToneSuggestion { tone, words }
            }
            None => {
                let own = watch.queries.iter().find(|q| q.own_names).map(|q| &q.query);
                tone::suggest(&all_text, language, own)
            }
        };
        MentionDraft {
            query_id: query.id,
            excerpt,
            language: language.to_string(),
            suggestion,
            day: at.with_timezone(&tz).date_naive(),
        }
    });
    Worked {
        item,
        key: url_key(&item.url),
        sig,
        at,
        mention,
        pickups,
    }
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

/// The first query that matches `all_text` (split into `ws`), and where:
/// the own-names query first, then the others.
fn first_match<'q>(queries: &'q [Compiled], all_text: &str, ws: &[Word]) -> Option<(&'q Compiled, String)> {
    let mut ordered: Vec<&Compiled> = queries.iter().collect();
    ordered.sort_by_key(|q| !q.own_names);
    let q = ordered.into_iter().find(|q| q.query.matches(ws))?;
    let (from, to) = q.query.first_hit(ws).unwrap_or((0, 1));
    Some((q, text::excerpt(all_text, from, to)))
}
