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
use super::{reprints, stories, text, tone, SourceRow};
use crate::error::AppError;
use crate::media::url_key;
use crate::platform::db::{Db, Tx};
use crate::{on_read, on_tx};
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

/// Keeps a read's items and turns the matching ones into mentions.
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
    let mut tx = db.begin().await?;
    let mut taken = TakenIn::default();
    for item in items.iter().filter(|i| !known.contains(&url_key(&i.url))) {
        let all_text = format!("{}\n{}", item.headline, item.text);
        let sig = reprints::signature(&all_text);
        let Some(item_id) = insert_item(&mut tx, source.id, item, &sig, now).await? else {
            continue;
        };
        taken.new_items += 1;
        let at = item.published.unwrap_or(now);
        let story = stories::place(&mut tx, item_id, &sig, at).await?;
        // The text's words, split once for the releases and the queries.
        let ws = words(&all_text);
        let carried = (item.headline.as_str(), ws.as_slice(), &sig);
        pickup::record(&mut tx, &watch.releases, item_id, source.outlet_id, carried, at).await?;
        if add_mention(&mut tx, source, item, (&all_text, &ws), story, watch, tz, now).await? {
            taken.mentions += 1;
        }
    }
    tx.commit().await?;
    Ok(taken)
}

/// Which of `links` are already kept (by their normalised form): a news
/// page's articles already read are not fetched again, and a feed's items
/// already kept are not worked on again.
pub async fn known_links(db: &Db, links: &[String]) -> Result<std::collections::HashSet<String>, AppError> {
    let keys: Vec<String> = links.iter().map(|l| url_key(l)).collect();
    let mut known = std::collections::HashSet::new();
    for chunk in keys.chunks(500) {
        let marks: Vec<String> = (1..=chunk.len()).map(|i| format!("${i}")).collect();
        let sql = format!(
            "SELECT url_key FROM media_items WHERE url_key IN ({})",
            marks.join(", ")
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

/// Keeps an item unless its link is known; its id when it was new.
async fn insert_item(
    tx: &mut Tx,
    source_id: i64,
    item: &FoundItem,
    sig: &reprints::Signature,
    now: DateTime<Utc>,
) -> Result<Option<i64>, AppError> {
    Ok(on_tx!(tx, |c| sqlx::query_scalar(
        "INSERT INTO media_items (source_id, url, url_key, headline, body, published_at, fetched_at, signature) \
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8) ON CONFLICT (url_key) DO NOTHING RETURNING id"
    )
    .bind(source_id)
    .bind(&item.url)
    .bind(url_key(&item.url))
    .bind(&item.headline)
    .bind(&item.text)
    .bind(item.published)
    .bind(now)
    .bind(stories::to_bytes(sig))
    .fetch_optional(c)
    .await)?)
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

#[allow(clippy::too_many_arguments)]
async fn add_mention(
    tx: &mut Tx,
    source: &SourceRow,
    item: &FoundItem,
    (all_text, ws): (&str, &[Word]),
    story: i64,
    watch: &Watch,
    tz: chrono_tz::Tz,
    now: DateTime<Utc>,
) -> Result<bool, AppError> {
    let queries = &watch.queries;
    let Some((query, excerpt)) = first_match(queries, all_text, ws) else {
        return Ok(false);
    };
    let language = match source.language.as_str() {
        "" => text::detect_language(all_text).unwrap_or("ru"),
        l => l,
    };
    // The language's classifier, once staff have taught it; else the word lists.
    let suggestion = match watch.models.get(language) {
        Some(model) => {
            let (tone, words) = model.predict(&format!("{}\n{excerpt}", item.headline));
            tone::ToneSuggestion { tone, words }
        }
        None => {
            let own = queries.iter().find(|q| q.own_names).map(|q| &q.query);
            tone::suggest(all_text, language, own)
        }
    };
    let day = item.published.unwrap_or(now).with_timezone(&tz).date_naive();
    let n = on_tx!(tx, |c| sqlx::query(
        "INSERT INTO mentions (outlet_id, media_type, headline, url, url_key, day, tone, topic_code, summary, \
         created_at, source_id, query_id, excerpt, language, story_id, tone_suggested, tone_words, tone_suggested_as) \
         VALUES ($1, $2, $3, $4, $5, $6, $7, '', '', $8, $9, $10, $11, $12, $13, $14, $15, $7) \
         ON CONFLICT (url_key) DO NOTHING"
    )
    .bind(source.outlet_id)
    .bind(&source.media_type)
    .bind(&item.headline)
    .bind(&item.url)
    .bind(url_key(&item.url))
    .bind(day)
    .bind(suggestion.tone.as_str())
    .bind(now)
    .bind(source.id)
    .bind(query.id)
    .bind(&excerpt)
    .bind(language)
    .bind(story)
    .bind(true)
    .bind(suggestion.words.join(", "))
    .execute(c)
    .await
    .map(|r| r.rows_affected()))?;
    Ok(n == 1)
}
