//! One pass over the press sources: claim those that are due, read each
//! (robots.txt first, then a conditional GET), take in the new items
//! (stories, saved queries, mentions: `monitor`), and write the source's
//! health. A failing source never stops the others, and nothing is
//! half-saved: a read's items and mentions are kept in one transaction.

use super::feeds::{parse_feed, Found};
use super::fetch::{self, FetchPolicy, Fetched};
use super::monitor::{self, Watch};
use super::{store, SourceKind, SourceRow};
use crate::error::AppError;
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

/// Reads every due source (or, with `all`, every source on).
pub async fn run(db: &Db, config: &Config, now: DateTime<Utc>, all: bool) -> Result<Vec<SourceReport>, AppError> {
    let policy = FetchPolicy::from_config(config);
    let head = crate::media::alerts::media_head(db).await?;
    // Tone classifiers learn from the labels staff gave since the last pass.
    super::tone_training::retrain(db, now).await?;
    let watch = Watch::load(db, &config.media.own_names, now).await?;
    let mut reports = Vec::new();
    for source in store::claim_due(db, now, 200, all).await? {
        let read = Read {
            config,
            policy: &policy,
            watch: &watch,
            head: head.as_deref(),
        };
        reports.push(read_source(db, &read, &source, now).await?);
    }
    Ok(reports)
}

/// What reading a source needs besides the source.
pub struct Read<'a> {
    pub config: &'a Config,
    pub policy: &'a FetchPolicy,
    pub watch: &'a Watch,
    /// The media head's address, told when a source is paused.
    pub head: Option<&'a str>,
}

/// Reads one claimed source and records its health.
pub async fn read_source(db: &Db, r: &Read<'_>, s: &SourceRow, now: DateTime<Utc>) -> Result<SourceReport, AppError> {
    let mut report = SourceReport {
        source_id: s.id,
        name: s.name.clone(),
        found: 0,
        new: 0,
        mentions: 0,
        not_modified: false,
        error: None,
        paused: false,
    };
    match fetch_and_parse(s, r.policy).await {
        Ok(None) => {
            report.not_modified = true;
            store::record_success(db, s, None, 0, None, now).await?;
        }
        Ok(Some((found, validators))) => {
            let tz = r.config.time_zone.parse().unwrap_or(chrono_tz::Asia::Almaty);
            let taken = monitor::take_in(db, s, &found.items, r.watch, tz, now).await?;
            report.found = found.items.len();
            report.new = taken.new_items;
            report.mentions = taken.mentions;
            let undated = found.items.iter().filter(|i| i.published.is_none()).count();
            let note = note(found.without_link, undated);
            store::record_success(db, s, Some(&validators), report.new as i64, note.as_deref(), now).await?;
        }
        Err(e) => {
            report.paused = store::record_failure(db, s, &e, r.config.media.pause_after_failures, r.head, now).await?;
            report.error = Some(e);
        }
    }
    Ok(report)
}

/// What was odd about a good read, for the health record.
fn note(without_link: usize, undated: usize) -> Option<String> {
    let mut parts = Vec::new();
    if without_link > 0 {
        parts.push(format!("entries without a link, skipped: {without_link}"));
    }
    if undated > 0 {
        parts.push(format!("items without a date, dated by when they were read: {undated}"));
    }
    (!parts.is_empty()).then(|| parts.join("; "))
}

/// `None`: not modified.
async fn fetch_and_parse(s: &SourceRow, policy: &FetchPolicy) -> Result<Option<(Found, fetch::Validators)>, String> {
    fetch::robots_allow(&s.url, policy).await.map_err(|e| e.to_string())?;
    let validators = fetch::Validators {
        etag: s.etag.clone(),
        last_modified: s.last_modified.clone(),
    };
    let body = match fetch::get(&s.url, policy, &validators)
        .await
        .map_err(|e| e.to_string())?
    {
        Fetched::NotModified => return Ok(None),
        Fetched::Body(b) => b,
    };
    let found = match s.kind {
        SourceKind::Rss | SourceKind::Atom => parse_feed(&body.bytes)?,
        SourceKind::Telegram => super::telegram::parse_preview(&body.bytes)?,
        // Refused when a source is added (`validate`) until page reading is built.
        SourceKind::Page => return Err("news pages without a feed are not read yet".into()),
    };
    Ok(Some((found, body.validators)))
}
