//! Publications: what the ministry published, where and when. Staff create,
//! edit, publish and archive them (or the feed importer creates them); the
//! public catalogue lists published ones with their rating aggregates.

use crate::error::{AppError, FieldCode, FieldError};
use crate::platform::db::{is_unique_violation, Db, Tx};
use crate::platform::query::{contains_pattern, Bind, Where};
use crate::publications::{rating_cube, rating_moves};
use crate::{on_read, on_tx};
use crate::{
    platform::texts::Texts,
    publications::{
        AudienceSplit, CatalogueQuery, CatalogueSort, Channel, Kind, PubStatus, Publication, PublicationInput,
        PublicationPage, RatingSummary, ToneCounts,
    },
};
use chrono::{DateTime, NaiveDate, NaiveDateTime, TimeZone, Utc};

pub const MAX_TITLE_CHARS: usize = 300;
pub const MAX_SUMMARY_CHARS: usize = 5000;
pub const DEFAULT_PER_PAGE: i64 = 20;
pub const MAX_PER_PAGE: i64 = 100;

#[derive(Debug, Clone, PartialEq)]
pub struct ValidPublication {
    pub kind: Kind,
    pub channel: Channel,
    pub department_id: i64,
    pub topics: Vec<String>,
    pub published_at: DateTime<Utc>,
    pub url: Option<String>,
    pub titles: Texts,
    pub summaries: Texts,
}

/// Parses `YYYY-MM-DD` or `YYYY-MM-DDTHH:MM` as a local time in `tz`.
pub fn parse_local(s: &str, tz: chrono_tz::Tz) -> Option<DateTime<Utc>> {
    let s = s.trim();
    let naive = NaiveDateTime::parse_from_str(s, "%Y-%m-%dT%H:%M")
        .or_else(|_| NaiveDateTime::parse_from_str(s, "%Y-%m-%d %H:%M"))
        .ok()
        .or_else(|| {
            NaiveDate::parse_from_str(s, "%Y-%m-%d")
                .ok()
                .and_then(|d| d.and_hms_opt(0, 0, 0))
        })?;
    tz.from_local_datetime(&naive).earliest().map(|t| t.with_timezone(&Utc))
}

/// Checks the staff form; names every bad field. Topics and the department
/// are checked against the database.
pub async fn validate(db: &Db, input: &PublicationInput, tz: chrono_tz::Tz) -> Result<ValidPublication, AppError> {
    let mut errs = Vec::new();
    let mut bad = |field: &str, code: FieldCode| {
        errs.push(FieldError {
            field: field.into(),
            code,
        })
    };
    let kind = Kind::parse(input.kind.trim());
    if kind.is_none() {
        bad(
            "kind",
            if input.kind.trim().is_empty() {
                FieldCode::Required
            } else {
                FieldCode::InvalidChoice
            },
        );
    }
    let channel = Channel::parse(input.channel.trim());
    if channel.is_none() {
        bad(
            "channel",
            if input.channel.trim().is_empty() {
                FieldCode::Required
            } else {
                FieldCode::InvalidChoice
            },
        );
    }
    let department_id = input.department_id.trim().parse::<i64>().ok();
    let department_ok = match department_id {
        Some(id) => crate::departments::exists(db, id).await?,
        None => false,
    };
    if !department_ok {
        bad(
            "department_id",
            if input.department_id.trim().is_empty() {
                FieldCode::Required
            } else {
                FieldCode::Invalid
            },
        );
    }
    let mut topics: Vec<String> = input
        .topics
        .iter()
        .flat_map(|t| t.split(','))
        .map(|t| t.trim().to_string())
        .filter(|t| !t.is_empty())
        .collect();
    topics.sort();
    topics.dedup();
    if !topics.is_empty() {
        let known = crate::publications::topics::codes(db).await?;
        if topics.iter().any(|t| !known.contains(t)) {
            bad("topics", FieldCode::InvalidChoice);
        }
    }
    let published_at = parse_local(&input.published_at, tz);
    if published_at.is_none() {
        bad(
            "published_at",
            if input.published_at.trim().is_empty() {
                FieldCode::Required
            } else {
                FieldCode::InvalidDate
            },
        );
    }
    let url = input.url.trim();
    if !url.is_empty()
        && (!(url.starts_with("https://") || url.starts_with("http://"))
            || url.len() > 2000
            || url.contains(char::is_whitespace))
    {
        bad("url", FieldCode::InvalidUrl);
    }
    let titles = Texts {
        kk: input.title_kk.trim().into(),
        ru: input.title_ru.trim().into(),
        en: input.title_en.trim().into(),
    };
    let summaries = Texts {
        kk: input.summary_kk.trim().into(),
        ru: input.summary_ru.trim().into(),
        en: input.summary_en.trim().into(),
    };
    if titles.kk.is_empty() && titles.ru.is_empty() && titles.en.is_empty() {
        bad("title_kk", FieldCode::TitleRequired);
    }
    for (field, t) in [
        ("title_kk", &titles.kk),
        ("title_ru", &titles.ru),
        ("title_en", &titles.en),
    ] {
        if t.chars().count() > MAX_TITLE_CHARS {
            bad(field, FieldCode::TooLong);
        }
    }
    for (field, t) in [
        ("summary_kk", &summaries.kk),
        ("summary_ru", &summaries.ru),
        ("summary_en", &summaries.en),
    ] {
        if t.chars().count() > MAX_SUMMARY_CHARS {
            bad(field, FieldCode::TooLong);
        }
    }
    if !errs.is_empty() {
        return Err(AppError::fields(errs));
    }
    Ok(ValidPublication {
        kind: kind.expect("checked"),
        channel: channel.expect("checked"),
        department_id: department_id.expect("checked"),
        topics,
        published_at: published_at.expect("checked"),
        url: (!url.is_empty()).then(|| url.to_string()),
        titles,
        summaries,
    })
}

fn search_text(v: &ValidPublication) -> String {
    [
        &v.titles.kk,
        &v.titles.ru,
        &v.titles.en,
        &v.summaries.kk,
        &v.summaries.ru,
        &v.summaries.en,
    ]
    .iter()
    .map(|s| s.to_lowercase())
    .collect::<Vec<_>>()
    .join("\n")
}

fn url_taken() -> AppError {
    AppError::conflict("url", FieldCode::Taken)
}

/// Creates a publication; returns its id. `source` is `manual` or `feed`.
pub async fn create(
    db: &Db,
    v: &ValidPublication,
    status: PubStatus,
    source: &str,
    now: DateTime<Utc>,
) -> Result<i64, AppError> {
    let mut tx = db.begin().await?;
    let id: i64 = on_tx!(&mut tx, |c| sqlx::query_scalar(
        "INSERT INTO publications (kind, channel, department_id, title_kk, title_ru, title_en, summary_kk, summary_ru, summary_en, \
         url, published_at, status, source, search_text, created_at, updated_at) \
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $15) RETURNING id"
    )
    .bind(v.kind.as_str())
    .bind(v.channel.as_str())
    .bind(v.department_id)
    .bind(&v.titles.kk)
    .bind(&v.titles.ru)
    .bind(&v.titles.en)
    .bind(&v.summaries.kk)
    .bind(&v.summaries.ru)
    .bind(&v.summaries.en)
    .bind(v.url.as_deref())
    .bind(v.published_at)
    .bind(status.as_str())
    .bind(source)
    .bind(search_text(v))
    .bind(now)
    .fetch_one(c)
    .await)
    .map_err(|e| if is_unique_violation(&e) { url_taken() } else { AppError::internal(e) })?;
    set_topics(&mut tx, id, &v.topics).await?;
    tx.commit().await?;
    Ok(id)
}

async fn set_topics(tx: &mut crate::platform::db::Tx, id: i64, topics: &[String]) -> Result<(), AppError> {
    on_tx!(tx, |c| sqlx::query(
        "DELETE FROM publication_topics WHERE publication_id = $1"
    )
    .bind(id)
    .execute(c)
    .await
    .map(|r| r.rows_affected()))?;
    for t in topics {
        on_tx!(tx, |c| sqlx::query(
            "INSERT INTO publication_topics (publication_id, topic_code) VALUES ($1, $2)"
        )
        .bind(id)
        .bind(t)
        .execute(c)
        .await
        .map(|r| r.rows_affected()))?;
    }
    Ok(())
}

/// Saves an edit; when the department, channel or topics change, the
/// publication's ratings move with it in the indicators' cube.
pub async fn update(
    db: &Db,
    id: i64,
    v: &ValidPublication,
    now: DateTime<Utc>,
    tz: chrono_tz::Tz,
) -> Result<(), AppError> {
    let mut tx = db.begin().await?;
    // Takes the row lock first: no rating or other edit changes the keys
    // between reading them here and moving the ratings below.
    on_tx!(&mut tx, |c| sqlx::query(
        "UPDATE publications SET updated_at = $2 WHERE id = $1"
    )
    .bind(id)
    .bind(now)
    .execute(c)
    .await
    .map(|r| r.rows_affected()))?;
    let before = rating_cube::dims(&mut tx, id).await?;
    let n = on_tx!(&mut tx, |c| sqlx::query(
        "UPDATE publications SET kind = $2, channel = $3, department_id = $4, title_kk = $5, title_ru = $6, title_en = $7, \
         summary_kk = $8, summary_ru = $9, summary_en = $10, url = $11, published_at = $12, search_text = $13, updated_at = $14 \
         WHERE id = $1"
    )
    .bind(id)
    .bind(v.kind.as_str())
    .bind(v.channel.as_str())
    .bind(v.department_id)
    .bind(&v.titles.kk)
    .bind(&v.titles.ru)
    .bind(&v.titles.en)
    .bind(&v.summaries.kk)
    .bind(&v.summaries.ru)
    .bind(&v.summaries.en)
    .bind(v.url.as_deref())
    .bind(v.published_at)
    .bind(search_text(v))
    .bind(now)
    .execute(c)
    .await
    .map(|r| r.rows_affected()))
    .map_err(|e| if is_unique_violation(&e) { url_taken() } else { AppError::internal(e) })?;
    if n == 0 {
        return Err(AppError::not_found());
    }
    set_topics(&mut tx, id, &v.topics).await?;
    let after = rating_cube::dims(&mut tx, id).await?;
    rating_moves::move_ratings(&mut tx, id, &before, &after, tz).await?;
    tx.commit().await?;
    Ok(())
}

pub async fn set_status(db: &Db, id: i64, status: PubStatus, now: DateTime<Utc>) -> Result<(), AppError> {
    let mut tx = db.begin().await?;
    let n = on_tx!(&mut tx, |c| sqlx::query(
        "UPDATE publications SET status = $2, updated_at = $3 WHERE id = $1"
    )
    .bind(id)
    .bind(status.as_str())
    .bind(now)
    .execute(c)
    .await
    .map(|r| r.rows_affected()))?;
    if n == 0 {
        return Err(AppError::not_found());
    }
    tx.commit().await?;
    Ok(())
}

#[derive(sqlx::FromRow)]
struct Row {
    id: i64,
    kind: String,
    channel: String,
    department_id: i64,
    department_code: String,
    department_kk: String,
    department_ru: String,
    department_en: String,
    title_kk: String,
    title_ru: String,
    title_en: String,
    summary_kk: String,
    summary_ru: String,
    summary_en: String,
    url: Option<String>,
    published_at: DateTime<Utc>,
    status: String,
    rating_count: i64,
    stars_sum: i64,
    stars_1: i64,
    stars_2: i64,
    stars_3: i64,
    stars_4: i64,
    stars_5: i64,
    tone_positive: i64,
    tone_neutral: i64,
    tone_negative: i64,
}

const SELECT: &str =
    "SELECT p.id, p.kind, p.channel, p.department_id, d.code AS department_code, \
    d.name_kk AS department_kk, d.name_ru AS department_ru, d.name_en AS department_en, p.title_kk, p.title_ru, p.title_en, \
    p.summary_kk, p.summary_ru, p.summary_en, p.url, p.published_at, p.status, p.rating_count, p.stars_sum, \
    p.stars_1, p.stars_2, p.stars_3, p.stars_4, p.stars_5, p.tone_positive, p.tone_neutral, p.tone_negative \
    FROM publications p JOIN departments d ON d.id = p.department_id";

impl Row {
    fn into_publication(self, topics: Vec<String>) -> Publication {
        Publication {
            id: self.id,
            kind: Kind::parse(&self.kind).unwrap_or(Kind::News),
            channel: Channel::parse(&self.channel).unwrap_or(Channel::Website),
            department_id: self.department_id,
            department_code: self.department_code,
            department_names: Texts {
                kk: self.department_kk,
                ru: self.department_ru,
                en: self.department_en,
            },
            titles: Texts {
                kk: self.title_kk,
                ru: self.title_ru,
                en: self.title_en,
            },
            summaries: Texts {
                kk: self.summary_kk,
                ru: self.summary_ru,
                en: self.summary_en,
            },
            url: self.url,
            published_at: self.published_at,
            status: PubStatus::parse(&self.status).unwrap_or(PubStatus::Draft),
            topics,
            ratings: RatingSummary {
                count: self.rating_count,
                mean: (self.rating_count > 0).then(|| self.stars_sum as f64 / self.rating_count as f64),
                distribution: [self.stars_1, self.stars_2, self.stars_3, self.stars_4, self.stars_5],
                tone: ToneCounts {
                    positive: self.tone_positive,
                    neutral: self.tone_neutral,
                    negative: self.tone_negative,
                },
                by_audience: Vec::new(),
            },
        }
    }
}

/// The catalogue: filters, search, sorting and paging. Staff lists pass
/// `include_unpublished`.
/// Which publications that are not published (drafts, archived) a list shows.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Unpublished {
    /// None: the public catalogue and API.
    Hidden,
    /// Every department's: admins.
    All,
    /// Only this department's: its officers and head see their own drafts,
    /// never another department's.
    OfDepartment(Option<i64>),
}

pub async fn list(
    db: &Db,
    q: &CatalogueQuery,
    unpublished: Unpublished,
    tz: chrono_tz::Tz,
) -> Result<PublicationPage, AppError> {
    let mut errs = Vec::new();
    let mut bad = |field: &str, code: FieldCode| {
        errs.push(FieldError {
            field: field.into(),
            code,
        })
    };
    let mut w = Where::default();
    match unpublished {
        Unpublished::Hidden => w.raw("p.status = 'published'"),
        Unpublished::All => {}
        Unpublished::OfDepartment(Some(d)) => w.push("(p.status = 'published' OR p.department_id = ?)", [Bind::Int(d)]),
        Unpublished::OfDepartment(None) => w.raw("p.status = 'published'"),
    }
    if !q.department.trim().is_empty() {
        w.push(
            "p.department_id = (SELECT id FROM departments WHERE code = ?)",
            [Bind::Str(q.department.trim().to_uppercase())],
        );
    }
    if !q.kind.trim().is_empty() {
        match Kind::parse(q.kind.trim()) {
            Some(k) => w.push("p.kind = ?", [Bind::Str(k.as_str().into())]),
            None => bad("kind", FieldCode::InvalidChoice),
        }
    }
    if !q.channel.trim().is_empty() {
        match Channel::parse(q.channel.trim()) {
            Some(c) => w.push("p.channel = ?", [Bind::Str(c.as_str().into())]),
            None => bad("channel", FieldCode::InvalidChoice),
        }
    }
    if !q.topic.trim().is_empty() {
        w.push(
            "EXISTS (SELECT 1 FROM publication_topics t WHERE t.publication_id = p.id AND t.topic_code = ?)",
            [Bind::Str(q.topic.trim().into())],
        );
    }
    for (field, value, end) in [("from", &q.from, false), ("to", &q.to, true)] {
        if value.trim().is_empty() {
            continue;
        }
        match NaiveDate::parse_from_str(value.trim(), "%Y-%m-%d") {
            Ok(d) => {
                let day = if end { d.succ_opt().unwrap_or(d) } else { d };
                let at = parse_local(&day.format("%Y-%m-%d").to_string(), tz).expect("a valid date");
                let sql = if end {
                    "p.published_at < ?"
                } else {
                    "p.published_at >= ?"
                };
                w.push(sql, [Bind::Time(at)]);
            }
            Err(_) => bad(field, FieldCode::InvalidDate),
        }
    }
    let text = q.q.trim().to_lowercase();
    if !text.is_empty() {
        w.push("p.search_text LIKE ? ESCAPE '\\'", [Bind::Str(contains_pattern(&text))]);
    }
    let order = match q.sort.trim() {
        "" => Some(CatalogueSort::Newest),
        s => CatalogueSort::parse(s),
    }
    .map(|s| match s {
        CatalogueSort::Newest => "p.published_at DESC, p.id DESC",
        CatalogueSort::Best => "p.mean_stars DESC, p.rating_count DESC, p.id DESC",
        CatalogueSort::Most => "p.rating_count DESC, p.published_at DESC, p.id DESC",
    });
    if order.is_none() {
        bad("sort", FieldCode::InvalidChoice);
    }
    let per_page = q.per_page.unwrap_or(DEFAULT_PER_PAGE);
    if !(1..=MAX_PER_PAGE).contains(&per_page) {
        bad("per_page", FieldCode::PerPageRange);
    }
    let page = q.page.unwrap_or(1);
    if page < 1 {
        bad("page", FieldCode::Invalid);
    }
    if !errs.is_empty() {
        return Err(AppError::fields(errs));
    }
    let filter = w.sql();
    // Every publication has its department: the count needs no join.
    let count_sql = format!("SELECT COUNT(*) FROM publications p{filter}");
    let list_sql = format!(
        "{SELECT}{filter} ORDER BY {} LIMIT {per_page} OFFSET {}",
        order.expect("checked"),
        page.saturating_sub(1).saturating_mul(per_page)
    );
    let (total, rows): (i64, Vec<Row>) = on_read!(db, |c| {
        let total: i64 = crate::bind_all!(sqlx::query_scalar(&count_sql), &w.binds)
            .fetch_one(c)
            .await?;
        let rows = crate::bind_all!(sqlx::query_as::<_, Row>(&list_sql), &w.binds)
            .fetch_all(c)
            .await?;
        Ok::<_, sqlx::Error>((total, rows))
    })?;
    let ids: Vec<i64> = rows.iter().map(|r| r.id).collect();
    let mut topics = topics_of(db, &ids).await?;
    let items = rows
        .into_iter()
        .map(|r| {
            let t = topics.remove(&r.id).unwrap_or_default();
            r.into_publication(t)
        })
        .collect();
    Ok(PublicationPage {
        items,
        total,
        page,
        per_page,
    })
}

/// Topic codes per publication, read with `$run` (`on_read` over the pool
/// or `on_tx` in a transaction) from `$src`.
macro_rules! topics_of {
    ($run:ident, $src:expr, $ids:expr) => {{
        let ids: &[i64] = $ids;
        let mut map: std::collections::HashMap<i64, Vec<String>> = std::collections::HashMap::new();
        if !ids.is_empty() {
            let list = ids.iter().map(|i| i.to_string()).collect::<Vec<_>>().join(",");
            let sql = format!(
                "SELECT publication_id, topic_code FROM publication_topics WHERE publication_id IN ({list}) ORDER BY topic_code"
            );
            let rows: Vec<(i64, String)> = $run!($src, |c| sqlx::query_as(&sql).fetch_all(c).await)?;
            for (id, code) in rows {
                map.entry(id).or_default().push(code);
            }
        }
        map
    }};
}

async fn topics_of(db: &Db, ids: &[i64]) -> Result<std::collections::HashMap<i64, Vec<String>>, AppError> {
    Ok(topics_of!(on_read, db, ids))
}

/// One publication with its rating summary split by audience, read with
/// `$run` from `$src` (see [`topics_of!`]).
macro_rules! one_publication {
    ($run:ident, $src:expr, $id:expr, $include_unpublished:expr) => {{
        let id: i64 = $id;
        let sql = format!(
            "{SELECT} WHERE p.id = $1{}",
            if $include_unpublished {
                ""
            } else {
                " AND p.status = 'published'"
            }
        );
        let row: Row = $run!($src, |c| sqlx::query_as::<_, Row>(&sql).bind(id).fetch_optional(c).await)?
            .ok_or_else(AppError::not_found)?;
        let topics = topics_of!($run, $src, &[id]).remove(&id).unwrap_or_default();
        let mut p = row.into_publication(topics);
        let split: Vec<(String, i64, i64, i64, i64, i64)> = $run!($src, |c| {
            sqlx::query_as(
                "SELECT audience, rating_count, stars_sum, tone_positive, tone_neutral, tone_negative FROM publication_audience \
                 WHERE publication_id = $1 AND rating_count > 0 ORDER BY rating_count DESC, audience",
            )
            .bind(id)
            .fetch_all(c)
            .await
        })?;
        p.ratings.by_audience = split
            .into_iter()
            .filter_map(|(a, n, sum, pos, neu, neg)| {
                Some(AudienceSplit {
                    audience: crate::publications::Audience::parse(&a)?,
                    count: n,
                    mean: (n > 0).then(|| sum as f64 / n as f64),
                    tone: ToneCounts {
                        positive: pos,
                        neutral: neu,
                        negative: neg,
                    },
                })
            })
            .collect();
        p
    }};
}

/// One publication with its rating summary split by audience. Unpublished
/// ones are found only with `include_unpublished`.
pub async fn get(db: &Db, id: i64, include_unpublished: bool) -> Result<Publication, AppError> {
    Ok(one_publication!(on_read, db, id, include_unpublished))
}

/// [`get`] of a published publication inside a writing transaction (a
/// rating's answer, stored with its idempotency key).
pub async fn get_in(tx: &mut Tx, id: i64) -> Result<Publication, AppError> {
    Ok(one_publication!(on_tx, &mut *tx, id, false))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_are_read_in_the_bodys_time_zone() {
        let t = parse_local("2026-03-22", chrono_tz::Asia::Almaty).unwrap();
        assert_eq!(t.to_rfc3339(), "2026-03-21T19:00:00+00:00");
        let t = parse_local("2026-03-22T10:30", chrono_tz::Asia::Almaty).unwrap();
        assert_eq!(t.to_rfc3339(), "2026-03-22T05:30:00+00:00");
        assert!(parse_local("22.03.2026", chrono_tz::Asia::Almaty).is_none());
    }
}
