//! One pass over the press sources: claim those that are due, read each
//! (robots.txt first, then a conditional GET), take in the new items
//! (stories, saved queries, mentions: `monitor`), and write the source's
//! health. A failing source never stops the others, and nothing is
//! half-saved: the good reads are held until a few thousand items wait,
//! then their items and mentions are kept in one transaction, and only
//! then is each source's success (with its validators) recorded.

use super::feeds::{parse_feed, Found};
use super::fetch::{self, FetchPolicy, Fetched, Robots};
use super::monitor::{self, Watch};
use super::{decode, news_site, store, SourceKind, SourceRow};
use crate::error::AppError;
use crate::media::url_key;
use crate::platform::config::Config;
use crate::platform::db::Db;
use chrono::{DateTime, Utc};

/// What reading one source gave.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SourceReport {
    pub source_id: i64,
    pub name: String,
    /// Items in the document, how many of them were new, and how many of
    /// those a saved query made into mentions.
    pub found: usize,
    pub new: usize,
    pub mentions: usize,
    /// 304: nothing new since the last read.
    pub not_modified: bool,
    /// Why the read failed, as the health record says it.
    pub error: Option<String>,
    /// This failure paused the source.
    pub paused: bool,
}

/// How many items a pass holds, read but not yet taken in, before taking
/// them in together: one transaction and one commit for a few dozen reads
/// instead of one each (a commit writes every page its band keys touched).
pub const TAKE_IN_BATCH: usize = 5_000;

/// Reads every due source (or, with `all`, every source on).
pub async fn run(db: &Db, config: &Config, now: DateTime<Utc>, all: bool) -> Result<Vec<SourceReport>, AppError> {
    let policy = FetchPolicy::from_config(config);
    let head = crate::media::alerts::media_head(db).await?;
    // Tone classifiers learn from the labels staff gave since the last pass.
    super::tone_training::retrain(db, now).await?;
    let watch = Watch::load(db, &config.media.own_names, now).await?;
    let tz = config.time_zone.parse().unwrap_or(chrono_tz::Asia::Almaty);
    let mut reports = Vec::new();
    let mut robots = Robots::default();
    let mut held: Vec<Held> = Vec::new();
    for source in store::claim_due(db, now, 200, all).await? {
        let mut report = SourceReport::of(&source);
        match fetch_and_parse(db, &source, &policy, &mut robots).await? {
            Ok(None) => {
                report.not_modified = true;
                store::record_success(db, &source, None, 0, None, now).await?;
            }
            Ok(Some((found, validators))) => {
                report.found = found.items.len();
                held.push(Held {
                    report: reports.len(),
                    source,
                    found,
                    validators,
                });
            }
            Err(e) => {
                let pause = config.media.pause_after_failures;
                report.paused = store::record_failure(db, &source, &e, pause, head.as_deref(), now).await?;
                report.error = Some(e);
            }
        }
        reports.push(report);
        if held.iter().map(|h| h.found.items.len()).sum::<usize>() >= TAKE_IN_BATCH {
            take_in_held(db, std::mem::take(&mut held), &mut reports, (&watch, tz), now).await?;
        }
    }
    take_in_held(db, held, &mut reports, (&watch, tz), now).await?;
    // Items past their days go (or keep only what the register names).
    super::retention::purge(db, config.media.keep_items_days, now).await?;
    Ok(reports)
}

/// A good read waiting to be taken in, with the index of its report.
struct Held {
    report: usize,
    source: SourceRow,
    found: Found,
    validators: fetch::Validators,
}

/// Takes in the held reads together, then records each source's success
/// (its validators only once its items are kept).
async fn take_in_held(
    db: &Db,
    held: Vec<Held>,
    reports: &mut [SourceReport],
    (watch, tz): (&Watch, chrono_tz::Tz),
    now: DateTime<Utc>,
) -> Result<(), AppError> {
    let reads: Vec<monitor::SourceRead> = held
        .iter()
        .map(|h| monitor::SourceRead {
            source: &h.source,
            items: &h.found.items,
        })
        .collect();
    let taken = monitor::take_in_all(db, &reads, watch, tz, now).await?;
    for (h, t) in held.iter().zip(taken) {
        let report = &mut reports[h.report];
        report.new = t.new_items;
        report.mentions = t.mentions;
        let undated = h.found.items.iter().filter(|i| i.published.is_none()).count();
        let note = note(&h.found, undated);
        // Articles left over are read next time, so the listing is asked for in full.
        let validators = if h.found.left_over > 0 {
            fetch::Validators::default()
        } else {
            h.validators.clone()
        };
        store::record_success(
            db,
            &h.source,
            Some(&validators),
            t.new_items as i64,
            note.as_deref(),
            now,
        )
        .await?;
    }
    Ok(())
}

impl SourceReport {
    fn of(s: &SourceRow) -> Self {
        SourceReport {
            source_id: s.id,
            name: s.name.clone(),
            found: 0,
            new: 0,
            mentions: 0,
            not_modified: false,
            error: None,
            paused: false,
        }
    }
}

/// What was odd about a good read, for the health record.
fn note(found: &Found, undated: usize) -> Option<String> {
    let mut parts = Vec::new();
    if found.without_link > 0 {
        parts.push(format!("entries without a link, skipped: {}", found.without_link));
    }
    if undated > 0 {
        parts.push(format!("items without a date, dated by when they were read: {undated}"));
    }
    parts.extend(found.notes.iter().cloned());
    (!parts.is_empty()).then(|| parts.join("; "))
}

/// What a read was: `Ok(Err(why))` a failure for the health record,
/// `Ok(Ok(None))` not modified; `Err` only when the database fails.
type Outcome = Result<Option<(Found, fetch::Validators)>, String>;

async fn fetch_and_parse(
    db: &Db,
    s: &SourceRow,
    policy: &FetchPolicy,
    robots: &mut Robots,
) -> Result<Outcome, AppError> {
    if let Err(e) = robots.allow(&s.url, policy).await {
        return Ok(Err(e.to_string()));
    }
    let validators = fetch::Validators {
        etag: s.etag.clone(),
        last_modified: s.last_modified.clone(),
    };
    let body = match fetch::get(&s.url, policy, &validators).await {
        Ok(Fetched::NotModified) => return Ok(Ok(None)),
        Ok(Fetched::Body(b)) => b,
        Err(e) => return Ok(Err(e.to_string())),
    };
    let with_note = |found: Result<Found, String>, note: Option<String>| {
        found.map(|mut f| {
            f.notes.extend(note);
            f
        })
    };
    let found = match s.kind {
        SourceKind::Rss | SourceKind::Atom => {
            let (bytes, note) = decode::feed(&body.bytes, &body.content_type);
            with_note(parse_feed(&bytes), note)
        }
        SourceKind::Telegram => {
            let page = decode::html(&body.bytes, &body.content_type);
            with_note(super::telegram::parse_preview(page.text.as_bytes()), page.note)
        }
        SourceKind::Page => {
            let page = decode::html(&body.bytes, &body.content_type);
            let links = news_site::article_links(&page.text, &body.url);
            if links.is_empty() {
                Err("no article links found on the page".into())
            } else {
                let known = monitor::known_links(db, &links).await?;
                let fresh: Vec<String> = links.into_iter().filter(|l| !known.contains(&url_key(l))).collect();
                with_note(
                    news_site::read_articles(&fresh, known.len(), policy, robots).await,
                    page.note,
                )
            }
        }
    };
    Ok(found.map(|f| Some((f, body.validators))))
}
