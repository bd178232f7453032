//! An RSS or Atom document as the items it lists: link, headline, text and
//! date, in plain text. The XML parser reads the encoding the document
//! declares (windows-1251 and the like); an entry with no link is counted,
//! not kept; an entry with no date keeps none (the pass dates it by when it
//! was read and says so in the source's health).

use crate::publications::feeds::plain_text;
use chrono::{DateTime, Utc};

/// One thing a source published.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FoundItem {
    pub url: String,
    pub headline: String,
    pub text: String,
    pub published: Option<DateTime<Utc>>,
}

/// What a document held: its items, how many entries had no link, and
/// what else was odd about it (for the source's health).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Found {
    pub items: Vec<FoundItem>,
    pub without_link: usize,
    pub notes: Vec<String>,
    /// Items seen but left for the next read (a news page's articles).
    pub left_over: usize,
}

/// The longest headline and text kept of an item.
pub const MAX_HEADLINE_CHARS: usize = 500;
pub const MAX_TEXT_CHARS: usize = 20_000;

/// Reads a feed document; `Err` names why it is not one.
pub fn parse_feed(bytes: &[u8]) -> Result<Found, String> {
    let feed = feed_rs::parser::parse(bytes).map_err(|e| format!("not a readable RSS or Atom feed ({e})"))?;
    let mut found = Found::default();
    for entry in feed.entries {
        let link = entry
            .links
            .iter()
            .map(|l| l.href.trim())
            .find(|h| h.starts_with("http://") || h.starts_with("https://"))
            .map(str::to_string);
        let Some(url) = link else {
            found.without_link += 1;
            continue;
        };
        let text = entry
            .content
            .as_ref()
            .and_then(|c| c.body.as_deref())
            .or(entry.summary.as_ref().map(|s| s.content.as_str()))
            .map(plain_text)
            .unwrap_or_default();
        let headline = entry.title.as_ref().map(|t| plain_text(&t.content)).unwrap_or_default();
        let headline = if headline.is_empty() {
            text.chars().take(120).collect()
        } else {
            headline
        };
        found.items.push(FoundItem {
            url,
            headline: headline.chars().take(MAX_HEADLINE_CHARS).collect(),
            text: text.chars().take(MAX_TEXT_CHARS).collect(),
            published: entry.published.or(entry.updated),
        });
    }
    Ok(found)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rss_items_become_plain_text_with_their_dates() {
        let rss = r#"<?xml version="1.0"?><rss version="2.0"><channel><title>T</title>
            <item><title>Министр &lt;b&gt;ответил&lt;/b&gt;</title><link>https://news.example.kz/1</link>
              <description>&lt;p&gt;Текст&amp;nbsp;новости&lt;/p&gt;</description>
              <pubDate>Tue, 01 Dec 2026 09:30:00 +0500</pubDate></item>
            <item><title>No link</title></item>
            <item><title>Undated</title><link>https://news.example.kz/2</link></item>
            </channel></rss>"#;
        let found = parse_feed(rss.as_bytes()).unwrap();
        assert_eq!(found.without_link, 1);
        assert_eq!(found.items.len(), 2);
        assert_eq!(found.items[0].headline, "Министр ответил");
        assert_eq!(found.items[0].text, "Текст новости");
        assert_eq!(
            found.items[0].published.unwrap().to_rfc3339(),
            "2026-12-01T04:30:00+00:00"
        );
        assert_eq!(found.items[1].published, None);
    }

    #[test]
    fn a_windows_1251_feed_is_read_as_declared() {
        let mut doc = br#"<?xml version="1.0" encoding="windows-1251"?><rss version="2.0"><channel><title>T</title><item><title>"#.to_vec();
        // "Министерство" in windows-1251.
        doc.extend_from_slice(&[0xCC, 0xE8, 0xED, 0xE8, 0xF1, 0xF2, 0xE5, 0xF0, 0xF1, 0xF2, 0xE2, 0xEE]);
        doc.extend_from_slice(b"</title><link>https://news.example.kz/3</link></item></channel></rss>");
        assert_eq!(parse_feed(&doc).unwrap().items[0].headline, "Министерство");
    }

    #[test]
    fn malformed_xml_is_named_not_half_read() {
        assert!(parse_feed(b"<rss><channel><item><title>cut").is_err());
        assert!(parse_feed(b"\xff\xfe garbage").is_err());
    }
}
