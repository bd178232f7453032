//! The text work on a new press item, done before anything is written:
//! its link's key, its MinHash signature, the moment it counts from, the
//! releases it carries, the first saved query it matches (with an excerpt)
//! and the tone suggested for that mention. The items of a batch of reads
//! are worked on across the machine's cores.

use super::feeds::FoundItem;
use super::monitor::Watch;
use super::pickup;
use super::queries::Compiled;
use super::query::{words, Word};
use super::{reprints, text, tone, SourceRow};
use crate::media::url_key;
use chrono::{DateTime, Utc};

/// What a new item gives before anything is written: the read it came in
/// (its index in the batch) and that read's source, its link's key, its
/// signature, the moment it counts from, and the mention and pickups it
/// makes.
pub struct Worked<'a> {
    pub read: usize,
    pub source: &'a SourceRow,
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

/// A new item waiting for its text work: its read's index, the read's
/// source, the item.
pub type ToWork<'a> = (usize, &'a SourceRow, &'a FoundItem);

/// Works on every item, in order, spread over the machine's cores (the
/// work on one item does not depend on any other).
pub fn work_all<'a>(items: Vec<ToWork<'a>>, watch: &Watch, tz: chrono_tz::Tz, now: DateTime<Utc>) -> Vec<Worked<'a>> {
    use rayon::prelude::*;
    items
        .into_par_iter()
        .map(|(read, source, item)| work(read, source, item, watch, tz, now))
        .collect()
}

/// The text work on one new item.
fn work<'a>(
    read: usize,
    source: &'a SourceRow,
    item: &'a FoundItem,
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
        read,
        source,
        item,
        key: url_key(&item.url),
        sig,
        at,
        mention,
        pickups,
    }
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
