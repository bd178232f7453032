//! A news site without a feed, read from its pages. The listing page (the
//! source's address) names the articles: links on the same host whose text
//! reads like a headline, or that sit in a heading or an `<article>`. Each
//! article page gives its headline (`og:title`, else the first `<h1>`, else
//! `<title>`), its date (`article:published_time`, JSON-LD
//! `datePublished`, `itemprop="datePublished"`, else the first
//! `<time datetime>`) and its text (the paragraphs of `<article>`, else of
//! `<main>`, else of the page, leaving out navigation, headers, footers
//! and asides).

use super::feeds::{Found, FoundItem, MAX_HEADLINE_CHARS, MAX_TEXT_CHARS};
use super::fetch::{self, FetchPolicy, Fetched, Robots};
use chrono::{DateTime, NaiveDate, NaiveDateTime, Utc};
use scraper::{ElementRef, Html, Selector};

/// New articles read from one listing in one pass; the rest wait for the next.
pub const MAX_ARTICLES_PER_READ: usize = 30;

fn selector(css: &str) -> Selector {
    Selector::parse(css).expect("a valid selector")
}

fn tidy(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

fn text_of(e: ElementRef) -> String {
    tidy(&e.text().collect::<String>())
}

fn inside(e: ElementRef, names: &[&str]) -> bool {
    e.ancestors()
        .filter_map(|n| n.value().as_element())
        .any(|el| names.contains(&el.name()))
}

/// The article links of a listing page, in the page's order, each once.
pub fn article_links(html: &str, listing: &str) -> Vec<String> {
    let Ok(base) = reqwest::Url::parse(listing) else {
        return Vec::new();
    };
    let host = base.host_str().unwrap_or_default().to_ascii_lowercase();
    let doc = Html::parse_document(html);
    let mut links: Vec<String> = Vec::new();
    for a in doc.select(&selector("a[href]")) {
        let Some(mut url) = a.attr("href").and_then(|h| base.join(h.trim()).ok()) else {
            continue;
        };
        url.set_fragment(None);
        let path = url.path().to_ascii_lowercase();
        let asset = [".jpg", ".jpeg", ".png", ".gif", ".pdf", ".css", ".js", ".xml", ".zip"]
            .iter()
            .any(|x| path.ends_with(x));
        if !matches!(url.scheme(), "http" | "https")
            || url.host_str().unwrap_or_default().to_ascii_lowercase() != host
            || path == "/"
            || url.path().trim_end_matches('/') == base.path().trim_end_matches('/')
            || asset
        {
            continue;
        }
        let headline_like = text_of(a).split_whitespace().count() >= 3;
        if !(headline_like || inside(a, &["h1", "h2", "h3", "h4", "article"])) {
            continue;
        }
        let url = url.to_string();
        if !links.contains(&url) {
            links.push(url);
        }
    }
    links
}

/// A date as news pages write it: RFC 3339, RFC 2822, or a bare local
/// date and time (taken as UTC).
pub fn parse_date(s: &str) -> Option<DateTime<Utc>> {
    let s = s.trim();
    if let Ok(d) = DateTime::parse_from_rfc3339(s) {
        return Some(d.to_utc());
    }
    if let Ok(d) = DateTime::parse_from_rfc2822(s) {
        return Some(d.to_utc());
    }
    for f in [
        "%Y-%m-%dT%H:%M:%S",
        "%Y-%m-%d %H:%M:%S",
        "%Y-%m-%dT%H:%M",
        "%Y-%m-%d %H:%M",
    ] {
        if let Ok(d) = NaiveDateTime::parse_from_str(s, f) {
            return Some(d.and_utc());
        }
    }
    let day = NaiveDate::parse_from_str(s.get(..10)?, "%Y-%m-%d").ok()?;
    Some(day.and_hms_opt(0, 0, 0)?.and_utc())
}

/// `datePublished` anywhere in a JSON-LD value (`@graph` included).
fn json_ld_date(v: &serde_json::Value) -> Option<String> {
    match v {
        serde_json::Value::Object(m) => m
            .get("datePublished")
            .and_then(|d| d.as_str().map(str::to_string))
            .or_else(|| m.values().find_map(json_ld_date)),
        serde_json::Value::Array(a) => a.iter().find_map(json_ld_date),
        _ => None,
    }
}

fn published(doc: &Html) -> Option<DateTime<Utc>> {
    let attr = |css: &str, name: &str| {
        doc.select(&selector(css))
            .find_map(|e| e.attr(name).and_then(parse_date))
    };
    attr(r#"meta[property="article:published_time"]"#, "content")
        .or_else(|| {
            doc.select(&selector(r#"script[type="application/ld+json"]"#))
                .filter_map(|s| serde_json::from_str::<serde_json::Value>(&s.text().collect::<String>()).ok())
                .find_map(|v| json_ld_date(&v).and_then(|d| parse_date(&d)))
        })
        .or_else(|| attr(r#"meta[itemprop="datePublished"]"#, "content"))
        .or_else(|| attr(r#"[itemprop="datePublished"][datetime]"#, "datetime"))
        .or_else(|| attr("time[datetime]", "datetime"))
}

/// The paragraphs of the article's body, one per line.
fn body_text(doc: &Html) -> String {
    let block = ["article", "main", "body"]
        .iter()
        .find_map(|css| doc.select(&selector(css)).next());
    let Some(block) = block else {
        return String::new();
    };
    let paragraphs: Vec<String> = block
        .select(&selector("p"))
        .filter(|p| !inside(*p, &["nav", "header", "footer", "aside", "form", "figcaption"]))
        .map(text_of)
        .filter(|t| !t.is_empty())
        .collect();
    paragraphs.join("\n")
}

/// Reads an article page at `url`; `Err` when it has neither a headline
/// nor any text.
pub fn parse_article(html: &str, url: &str) -> Result<FoundItem, String> {
    let doc = Html::parse_document(html);
    let first = |css: &str| doc.select(&selector(css)).next();
    let headline = first(r#"meta[property="og:title"]"#)
        .and_then(|m| m.attr("content").map(tidy))
        .filter(|h| !h.is_empty())
        .or_else(|| first("h1").map(text_of).filter(|h| !h.is_empty()))
        .or_else(|| first("title").map(text_of))
        .unwrap_or_default();
    let text = body_text(&doc);
    if headline.is_empty() && text.is_empty() {
        return Err("an article page with no headline or text".into());
    }
    let headline = if headline.is_empty() {
        text.chars().take(120).collect()
    } else {
        headline
    };
    Ok(FoundItem {
        url: url.to_string(),
        headline: headline.chars().take(MAX_HEADLINE_CHARS).collect(),
        text: text.chars().take(MAX_TEXT_CHARS).collect(),
        published: published(&doc),
    })
}

/// Reads one article page (robots.txt asked first).
async fn read_article(
    url: &str,
    policy: &FetchPolicy,
    robots: &mut Robots,
) -> Result<(FoundItem, Option<String>), String> {
    robots.allow(url, policy).await.map_err(|e| e.to_string())?;
    match fetch::get(url, policy, &fetch::Validators::default()).await {
        Ok(Fetched::Body(body)) => {
            let page = super::decode::html(&body.bytes, &body.content_type);
            parse_article(&page.text, url).map(|item| (item, page.note))
        }
        Ok(Fetched::NotModified) => Err("the source answered HTTP 304".into()),
        Err(e) => Err(e.to_string()),
    }
}

/// Reads the articles at `links` (new ones, in the listing's order), up to
/// [`MAX_ARTICLES_PER_READ`]. An article that cannot be read is named in a
/// note; when none can be and none of the listing's articles was ever read
/// (`already_read`), the read fails with the first reason.
pub async fn read_articles(
    links: &[String],
    already_read: usize,
    policy: &FetchPolicy,
    robots: &mut Robots,
) -> Result<Found, String> {
    let mut found = Found {
        left_over: links.len().saturating_sub(MAX_ARTICLES_PER_READ),
        ..Found::default()
    };
    let mut failed: Vec<String> = Vec::new();
    for url in links.iter().take(MAX_ARTICLES_PER_READ) {
        match read_article(url, policy, robots).await {
            Ok((item, note)) => {
                found.items.push(item);
                if let Some(n) = note.filter(|n| !found.notes.contains(n)) {
                    found.notes.push(n);
                }
            }
            Err(why) => failed.push(format!("{url}: {why}")),
        }
    }
    if let Some(first) = failed.first() {
        if found.items.is_empty() && already_read == 0 {
            return Err(format!(
                "none of {} articles could be read (first: {first})",
                failed.len()
            ));
        }
        found.notes.push(format!(
            "articles that could not be read: {} (first: {first})",
            failed.len()
        ));
    }
    if found.left_over > 0 {
        found
            .notes
            .push(format!("articles left for the next read: {}", found.left_over));
    }
    Ok(found)
}

#[cfg(test)]
#[path = "news_site_tests.rs"]
mod tests;
