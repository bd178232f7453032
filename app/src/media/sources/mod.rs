//! Press sources the portal reads by itself: an RSS or Atom feed, a news
//! page without a feed, or a public Telegram channel's web preview
//! (`t.me/s/<channel>`). This module owns what a source is and how one is
//! checked; `fetch` reads a source's address politely and safely, `feeds`
//! and `telegram` turn a document into found items, `store` keeps sources
//! and their health, `monitor` takes in what they published (`stories`,
//! saved `queries`, `tone` suggestions, mentions), and `pass` reads the
//! sources that are due; `news_site` reads a news site without a feed and
//! `decode` the encoding any document came in.

use crate::closed_list;
use crate::error::{AppError, FieldCode, FieldError};
use crate::media::{MediaType, Outlet};
use serde::{Deserialize, Serialize};

#[cfg(feature = "ssr")]
pub mod decode;
#[cfg(feature = "ssr")]
pub mod feeds;
#[cfg(feature = "ssr")]
pub mod fetch;
#[cfg(feature = "ssr")]
pub mod import;
#[cfg(feature = "ssr")]
pub mod item_rows;
#[cfg(feature = "ssr")]
pub mod item_work;
#[cfg(feature = "ssr")]
pub mod monitor;
#[cfg(feature = "ssr")]
pub mod news_site;
#[cfg(feature = "ssr")]
pub mod pass;
#[cfg(feature = "ssr")]
pub mod pickup;
#[cfg(feature = "ssr")]
pub mod queries;
#[cfg(feature = "ssr")]
pub mod query;
#[cfg(feature = "ssr")]
pub mod reprints;
#[cfg(feature = "ssr")]
pub mod retention;
pub mod server_fns;
#[cfg(feature = "ssr")]
pub mod store;
#[cfg(feature = "ssr")]
pub mod stories;
#[cfg(feature = "ssr")]
pub mod story_compare;
#[cfg(feature = "ssr")]
pub mod telegram;
#[cfg(feature = "ssr")]
pub mod text;
#[cfg(feature = "ssr")]
pub mod tone;
#[cfg(feature = "ssr")]
pub mod tone_accuracy;
#[cfg(all(test, feature = "ssr"))]
mod tone_corpus;
#[cfg(feature = "ssr")]
pub mod tone_model;
#[cfg(feature = "ssr")]
pub mod tone_training;

closed_list!(
    /// How a source is read.
    SourceKind { Rss = "rss", Atom = "atom", Page = "page", Telegram = "telegram" }
);

/// A source as typed into the form or read from a CSV line.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct SourceInput {
    pub name: String,
    pub kind: String,
    pub url: String,
    pub outlet: String,
    pub media_type: String,
    /// `kk`, `ru`, `en`, or empty for detection.
    pub language: String,
    /// Minutes between reads; empty: every hour.
    pub every_minutes: String,
}

/// A source that passed every check.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ValidSource {
    pub name: String,
    pub kind: SourceKind,
    pub url: String,
    pub outlet_id: i64,
    pub media_type: MediaType,
    pub language: String,
    pub every_minutes: i64,
}

/// A source with its health, as the sources page shows it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(sqlx::FromRow))]
pub struct SourceRow {
    pub id: i64,
    pub name: String,
    pub kind: SourceKind,
    pub url: String,
    pub outlet_id: i64,
    pub media_type: String,
    pub language: String,
    pub every_minutes: i64,
    pub enabled: bool,
    pub etag: Option<String>,
    pub last_modified: Option<String>,
    pub next_at: chrono::DateTime<chrono::Utc>,
    pub last_success_at: Option<chrono::DateTime<chrono::Utc>>,
    pub last_error: Option<String>,
    pub last_error_at: Option<chrono::DateTime<chrono::Utc>>,
    /// Failures in a row since the last success.
    pub failures: i64,
    pub paused_at: Option<chrono::DateTime<chrono::Utc>>,
    pub items_seen: i64,
}

/// A saved query as the sources page lists it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(sqlx::FromRow))]
pub struct SavedQuery {
    pub id: i64,
    pub name: String,
    pub query: String,
    pub enabled: bool,
    pub own_names: bool,
}

/// The name the own-names query is kept under (pages show it translated).
pub const OWN_NAMES: &str = "Own names";

/// The shortest and longest time between two reads of a source.
pub const EVERY_MINUTES: std::ops::RangeInclusive<i64> = 5..=1440;

/// The address of a public Telegram channel's web preview, from
/// `@channel`, `t.me/channel`, `https://t.me/s/channel` and the like.
pub fn telegram_preview(input: &str) -> Option<String> {
    let s = input.trim();
    let s = s
        .strip_prefix("https://")
        .or_else(|| s.strip_prefix("http://"))
        .unwrap_or(s);
    let name = if let Some(at) = s.strip_prefix('@') {
        at
    } else {
        let rest = s.strip_prefix("t.me/").or_else(|| s.strip_prefix("telegram.me/"))?;
        rest.strip_prefix("s/").unwrap_or(rest)
    };
    let name = name.trim_end_matches('/');
    let good = (5..=32).contains(&name.len())
        && name.chars().all(|c| c.is_ascii_alphanumeric() || c == '_')
        && name.starts_with(|c: char| c.is_ascii_alphabetic());
    good.then(|| format!("https://t.me/s/{name}"))
}

/// Checks a source against the managed list of outlets; every problem is
/// named by its field. A Telegram channel may be written as `@channel`.
pub fn validate(input: &SourceInput, outlets: &[Outlet]) -> Result<ValidSource, AppError> {
    let mut errs = Vec::new();
    let mut bad = |field: &str, code: FieldCode| {
        errs.push(FieldError {
            field: field.into(),
            code,
        })
    };
    let name = input.name.trim().to_string();
    if name.is_empty() {
        bad("name", FieldCode::Required);
    } else if name.chars().count() > 200 {
        bad("name", FieldCode::TooLong);
    }
    let kind = SourceKind::parse(input.kind.trim());
    if kind.is_none() {
        bad("kind", FieldCode::InvalidChoice);
    }
    let url = match kind {
        Some(SourceKind::Telegram) => telegram_preview(&input.url),
        _ => web_address(&input.url),
    };
    if input.url.trim().is_empty() {
        bad("url", FieldCode::Required);
    } else if url.is_none() {
        bad("url", FieldCode::InvalidUrl);
    }
    let (outlet, media_type, outlet_errs) = crate::media::outlet_and_type(outlets, &input.outlet, &input.media_type);
    for e in outlet_errs {
        bad(&e.field, e.code);
    }
    let language = input.language.trim().to_lowercase();
    if !matches!(language.as_str(), "" | "kk" | "ru" | "en") {
        bad("language", FieldCode::InvalidChoice);
    }
    let every_minutes = match input.every_minutes.trim() {
        "" => Some(60),
        t => t.parse::<i64>().ok().filter(|m| EVERY_MINUTES.contains(m)),
    };
    if every_minutes.is_none() {
        bad("every_minutes", FieldCode::OutOfRange);
    }
    match (kind, url, outlet, media_type, every_minutes) {
        (Some(kind), Some(url), Some(outlet), Some(media_type), Some(every_minutes)) if errs.is_empty() => {
            Ok(ValidSource {
                name,
                kind,
                url,
                outlet_id: outlet.id,
                media_type,
                language,
                every_minutes,
            })
        }
        _ => Err(AppError::fields(errs)),
    }
}

/// An `http://` or `https://` address with a host, without spaces.
fn web_address(input: &str) -> Option<String> {
    let s = input.trim();
    let rest = s.strip_prefix("https://").or_else(|| s.strip_prefix("http://"))?;
    let host = rest.split(['/', '?', '#']).next().unwrap_or("");
    let good = !host.is_empty() && !s.contains(char::is_whitespace) && !host.contains('@') && s.len() <= 2000;
    good.then(|| s.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn outlets() -> Vec<Outlet> {
        vec![Outlet {
            id: 7,
            name: "Kazinform".into(),
            media_type: "news_agency".into(),
            mentions: 0,
        }]
    }

    #[test]
    fn a_good_source_takes_its_outlets_media_type_and_reads_hourly() {
        let input = SourceInput {
            name: " Kazinform RSS ".into(),
            kind: "rss".into(),
            url: "https://www.inform.kz/rss/ru.xml".into(),
            outlet: "kazinform".into(),
            ..SourceInput::default()
        };
        let v = validate(&input, &outlets()).unwrap();
        assert_eq!(v.name, "Kazinform RSS");
        assert_eq!(
            (v.outlet_id, v.media_type, v.every_minutes),
            (7, MediaType::NewsAgency, 60)
        );
        let channel = SourceInput {
            kind: "telegram".into(),
            url: "@kazinform_news".into(),
            ..input
        };
        assert_eq!(
            validate(&channel, &outlets()).unwrap().url,
            "https://t.me/s/kazinform_news"
        );
    }

    #[test]
    fn every_bad_field_of_a_source_is_named() {
        let input = SourceInput {
            name: String::new(),
            kind: "html".into(),
            url: "ftp://example.kz/feed".into(),
            outlet: "Nobody FM".into(),
            media_type: "blog".into(),
            language: "de".into(),
            every_minutes: "1".into(),
        };
        let e = validate(&input, &outlets()).unwrap_err();
        for (field, code) in [
            ("name", FieldCode::Required),
            ("kind", FieldCode::InvalidChoice),
            ("url", FieldCode::InvalidUrl),
            ("outlet", FieldCode::UnknownOutlet),
            ("media_type", FieldCode::InvalidChoice),
            ("language", FieldCode::InvalidChoice),
            ("every_minutes", FieldCode::OutOfRange),
        ] {
            assert_eq!(e.field_code(field), Some(code), "{field}");
        }
    }

    #[test]
    fn a_telegram_channel_is_read_through_its_public_preview() {
        for written in [
            "@kazinform_news",
            "t.me/kazinform_news",
            "https://t.me/s/kazinform_news/",
            "http://telegram.me/kazinform_news",
        ] {
            assert_eq!(
                telegram_preview(written).as_deref(),
                Some("https://t.me/s/kazinform_news"),
                "{written}"
            );
        }
        for bad in ["https://example.kz/feed", "@ab", "t.me/joinchat/+secret", "@1channel"] {
            assert_eq!(telegram_preview(bad), None, "{bad}");
        }
    }
}
