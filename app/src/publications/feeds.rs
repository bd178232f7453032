//! The importer of the official site's RSS or Atom feed: one publication per
//! new entry, deduplicated by link, with a report of what it added, skipped
//! and failed. Runs on a schedule (`feed.url`, `feed.every_minutes`) and by
//! hand from the staff publications page.

use crate::error::{AppError, FieldCode};
use crate::platform::db::Db;
use crate::publications::{self, ValidPublication};
use crate::{on_read, on_tx};
use crate::{
    platform::texts::Texts,
    publications::{Channel, Kind, PubStatus},
};
use chrono::{DateTime, Utc};

#[derive(Debug, Clone, Default, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct ImportReport {
    pub added: usize,
    pub skipped: usize,
    pub failed: usize,
    /// One line per failed entry: its position and why (no feed content).
    pub problems: Vec<String>,
}

/// Crude but safe: drops tags and decodes the common entities of feed HTML.
pub fn plain_text(html: &str) -> String {
    let mut out = String::with_capacity(html.len());
    let mut in_tag = false;
    for c in html.chars() {
        match c {
            '<' => in_tag = true,
            '>' if in_tag => {
                in_tag = false;
                out.push(' ');
            }
            _ if !in_tag => out.push(c),
            _ => {}
        }
    }
    let out = out
        .replace("&nbsp;", " ")
        .replace("&quot;", "\"")
        .replace("&#39;", "'")
        .replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&amp;", "&");
    out.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Imports the entries of a feed document into `department_id`.
pub async fn import_document(
    db: &Db,
    bytes: &[u8],
    department_id: i64,
    now: DateTime<Utc>,
) -> Result<ImportReport, AppError> {
    let feed = feed_rs::parser::parse(bytes).map_err(|_| AppError::field("feed", FieldCode::UnreadableFeed))?;
    let lang = feed.language.as_deref().unwrap_or("ru").to_lowercase();
    let mut report = ImportReport::default();
    for (n, entry) in feed.entries.iter().enumerate() {
        let Some(link) = entry
            .links
            .first()
            .map(|l| l.href.trim().to_string())
            .filter(|l| l.starts_with("http"))
        else {
            report.failed += 1;
            report.problems.push(format!("entry {}: no link", n + 1));
            continue;
        };
        let exists: i64 = on_read!(db, |c| sqlx::query_scalar(
            "SELECT COUNT(*) FROM publications WHERE url = $1"
        )
        .bind(&link)
        .fetch_one(c)
        .await)?;
        if exists > 0 {
            report.skipped += 1;
            continue;
        }
        let title = entry.title.as_ref().map(|t| plain_text(&t.content)).unwrap_or_default();
        if title.is_empty() {
            report.failed += 1;
            report.problems.push(format!("entry {}: no title", n + 1));
            continue;
        }
        let summary = entry
            .summary
            .as_ref()
            .map(|s| plain_text(&s.content))
            .unwrap_or_default();
        let title: String = title.chars().take(publications::MAX_TITLE_CHARS).collect();
        let summary: String = summary.chars().take(publications::MAX_SUMMARY_CHARS).collect();
        let mut titles = Texts::default();
        let mut summaries = Texts::default();
        match lang.get(..2).unwrap_or("ru") {
            "kk" => (titles.kk, summaries.kk) = (title, summary),
            "en" => (titles.en, summaries.en) = (title, summary),
            _ => (titles.ru, summaries.ru) = (title, summary),
        }
        let v = ValidPublication {
            kind: Kind::News,
            channel: Channel::Website,
            department_id,
            topics: Vec::new(),
            published_at: entry.published.or(entry.updated).unwrap_or(now),
            url: Some(link),
            titles,
            summaries,
        };
        match publications::create(db, &v, PubStatus::Published, "feed", now).await {
            Ok(_) => report.added += 1,
            Err(e) if e.code == crate::error::ErrorCode::Conflict => report.skipped += 1,
            Err(e) => {
                report.failed += 1;
                report.problems.push(format!("entry {}: {}", n + 1, e.code.as_str()));
            }
        }
    }
    Ok(report)
}

/// Fetches `url` and imports it; the run and its report are recorded.
pub async fn import_url(db: &Db, url: &str, department_code: &str, trigger: &str) -> Result<ImportReport, AppError> {
    let now = Utc::now();
    let department_id = crate::departments::list(db, false)
        .await?
        .into_iter()
        .find(|d| d.code == department_code)
        .map(|d| d.id)
        .ok_or_else(|| AppError::field("department", FieldCode::Invalid))?;
    let client = reqwest::Client::builder()
        .timeout(std::time::Duration::from_secs(30))
        .build()
        .map_err(AppError::internal)?;
    let result = async {
        let res = client
            .get(url)
            .send()
            .await
            .map_err(|_| AppError::field("feed", FieldCode::UnreachableFeed))?;
        if !res.status().is_success() {
            return Err(AppError::field("feed", FieldCode::UnreachableFeed));
        }
        let bytes = res
            .bytes()
            .await
            .map_err(|_| AppError::field("feed", FieldCode::UnreachableFeed))?;
        import_document(db, &bytes, department_id, now).await
    }
    .await;
    let (report, text) = match &result {
        Ok(r) => (r.clone(), r.problems.join("\n")),
        Err(e) => (
            ImportReport {
                failed: 1,
                ..Default::default()
            },
            e.to_string(),
        ),
    };
    let mut tx = db.begin().await?;
    on_tx!(&mut tx, |c| {
        sqlx::query(
        "INSERT INTO feed_imports (started_at, finished_at, triggered_by, added, skipped, failed, report) VALUES ($1, $2, $3, $4, $5, $6, $7)"
    )
    .bind(now)
    .bind(Utc::now())
    .bind(trigger)
    .bind(report.added as i64)
    .bind(report.skipped as i64)
    .bind(report.failed as i64)
    .bind(text)
    .execute(c)
    .await
    .map(|r| r.rows_affected())
    })?;
    tx.commit().await?;
    tracing::info!(
        added = report.added,
        skipped = report.skipped,
        failed = report.failed,
        trigger,
        "feed import"
    );
    result
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn feed_html_becomes_plain_text() {
        assert_eq!(
            plain_text("<p>Grants&nbsp;for <b>NGOs</b> &amp; youth</p>"),
            "Grants for NGOs & youth"
        );
        assert_eq!(plain_text("a <script>x</script> b"), "a x b");
    }
}
