//! The staff analytics drill-down: departments (or, within one department,
//! its topics) with their figures against the previous period, the
//! publications behind them, and the ratings and comments behind a problem
//! area. Totals come from the daily aggregates; the lists behind them read
//! the ratings of the period by their time index.

use crate::bind_all;
use crate::error::{AppError, FieldCode};
use crate::indicators::figures::period_of;
use crate::on_read;
use crate::platform::db::Db;
use crate::platform::query::{Bind, Where};
use crate::publications::rating_cube::{self, Filter};
use crate::{
    indicators::{maths::compare, AreaRow, IndicatorQuery, PublicationRow, RatingRow},
    publications::RatingTotals,
};
use chrono::{DateTime, TimeZone, Utc};

fn row(key: String, now: &RatingTotals, before: &RatingTotals) -> AreaRow {
    AreaRow {
        key,
        ratings: compare(
            Some(now.count as f64),
            Some(before.count as f64),
            now.count,
            before.count,
        ),
        satisfaction: compare(now.mean(), before.mean(), now.count, before.count),
        negative_share: compare(now.negative_share(), before.negative_share(), now.count, before.count),
    }
}

fn bounds(
    q: &IndicatorQuery,
    tz: chrono_tz::Tz,
    now: DateTime<Utc>,
) -> Result<(DateTime<Utc>, DateTime<Utc>), AppError> {
    let p = period_of(q, now.with_timezone(&tz).date_naive())?;
    let at = |d: chrono::NaiveDate| {
        tz.from_local_datetime(&d.and_hms_opt(0, 0, 0).expect("midnight"))
            .earliest()
            .map(|t| t.with_timezone(&Utc))
            .unwrap_or(now)
    };
    Ok((at(p.from), at(p.to.succ_opt().unwrap_or(p.to))))
}

async fn department_id(db: &Db, code: &str) -> Result<Option<i64>, AppError> {
    if code.trim().is_empty() {
        return Ok(None);
    }
    crate::departments::list(db, true)
        .await?
        .into_iter()
        .find(|d| d.code.eq_ignore_ascii_case(code.trim()))
        .map(|d| Some(d.id))
        .ok_or_else(|| AppError::field("department", FieldCode::InvalidChoice))
}

/// Every department, or the topics of the chosen one, largest first.
pub async fn areas(
    db: &Db,
    q: &IndicatorQuery,
    tz: chrono_tz::Tz,
    now: DateTime<Utc>,
) -> Result<Vec<AreaRow>, AppError> {
    let p = period_of(q, now.with_timezone(&tz).date_naive())?;
    let dept = department_id(db, &q.department).await?;
    let f = Filter {
        department_id: dept,
        topic: String::new(),
        channel: q.channel.trim().into(),
        audience: q.audience.trim().into(),
    };
    let by = if dept.is_some() { "topic" } else { "department" };
    let [now_rows, before_rows] = rating_cube::by_area(db, p, &f, by).await?;
    let departments = crate::departments::list(db, true).await?;
    let mut out: Vec<AreaRow> = now_rows
        .iter()
        .map(|(key, t)| {
            let before = before_rows
                .iter()
                .find(|(k, _)| k == key)
                .map(|(_, t)| *t)
                .unwrap_or_default();
            let key = if by == "department" {
                departments
                    .iter()
                    .find(|d| d.id.to_string() == *key)
                    .map(|d| d.code.clone())
                    .unwrap_or_else(|| key.clone())
            } else {
                key.clone()
            };
            row(key, t, &before)
        })
        .collect();
    out.sort_by(|a, b| b.ratings.n_current.cmp(&a.ratings.n_current).then(a.key.cmp(&b.key)));
    Ok(out)
}

fn scope(q: &IndicatorQuery, dept: Option<i64>, from: DateTime<Utc>, to: DateTime<Utc>) -> Where {
    let mut w = Where::default();
    w.push(
        "r.updated_at >= ? AND r.updated_at < ?",
        [Bind::Time(from), Bind::Time(to)],
    );
    if let Some(d) = dept {
        w.push("p.department_id = ?", [Bind::Int(d)]);
    }
    if !q.topic.trim().is_empty() {
        w.push(
            "EXISTS (SELECT 1 FROM publication_topics t WHERE t.publication_id = p.id AND t.topic_code = ?)",
            [Bind::Str(q.topic.trim().into())],
        );
    }
    if !q.channel.trim().is_empty() {
        w.push("p.channel = ?", [Bind::Str(q.channel.trim().into())]);
    }
    if !q.audience.trim().is_empty() {
        w.push("r.audience = ?", [Bind::Str(q.audience.trim().into())]);
    }
    w
}

/// The most rated publications of the period under the filters.
pub async fn publications(
    db: &Db,
    q: &IndicatorQuery,
    tz: chrono_tz::Tz,
    now: DateTime<Utc>,
) -> Result<Vec<PublicationRow>, AppError> {
    let (from, to) = bounds(q, tz, now)?;
    let w = scope(q, department_id(db, &q.department).await?, from, to);
    let sql = format!(
        "SELECT p.id, p.title_kk, p.title_ru, p.title_en, COUNT(*), CAST(SUM(r.stars) AS BIGINT), \
         CAST(SUM(CASE WHEN r.tone = 'negative' THEN 1 ELSE 0 END) AS BIGINT) \
         FROM ratings r JOIN publications p ON p.id = r.publication_id{} \
         GROUP BY p.id, p.title_kk, p.title_ru, p.title_en ORDER BY COUNT(*) DESC, p.id LIMIT 20",
        w.sql()
    );
    type Row = (i64, String, String, String, i64, i64, i64);
    let rows: Vec<Row> = on_read!(db, |c| bind_all!(sqlx::query_as(&sql), &w.binds).fetch_all(c).await)?;
    Ok(rows
        .into_iter()
        .map(|(id, kk, ru, en, n, sum, negative)| PublicationRow {
            id,
            title: crate::platform::texts::Texts { kk, ru, en },
            ratings: n,
            mean: (n > 0).then(|| sum as f64 / n as f64),
            negative,
        })
        .collect())
}

/// The ratings behind the figures (newest first, 50 a page; `negative`
/// keeps only negative ones), comments included whatever their moderation.
pub async fn ratings(
    db: &Db,
    q: &IndicatorQuery,
    negative: bool,
    page: u32,
    tz: chrono_tz::Tz,
    now: DateTime<Utc>,
) -> Result<Vec<RatingRow>, AppError> {
    let (from, to) = bounds(q, tz, now)?;
    let mut w = scope(q, department_id(db, &q.department).await?, from, to);
    if negative {
        w.raw("r.tone = 'negative'");
    }
    let sql = format!(
        "SELECT r.updated_at, p.id, p.title_kk, p.title_ru, p.title_en, r.stars, r.tone, r.audience, r.comment, r.comment_status \
         FROM ratings r JOIN publications p ON p.id = r.publication_id{} ORDER BY r.updated_at DESC, r.id DESC LIMIT 50 OFFSET {}",
        w.sql(),
        (page.max(1) - 1) * 50
    );
    type Row = (
        DateTime<Utc>,
        i64,
        String,
        String,
        String,
        i64,
        String,
        String,
        Option<String>,
        Option<String>,
    );
    let rows: Vec<Row> = on_read!(db, |c| bind_all!(sqlx::query_as(&sql), &w.binds).fetch_all(c).await)?;
    Ok(rows
        .into_iter()
        .map(|r| RatingRow {
            at: r.0,
            publication_id: r.1,
            publication: crate::platform::texts::Texts {
                kk: r.2,
                ru: r.3,
                en: r.4,
            },
            stars: r.5,
            tone: r.6,
            audience: r.7,
            comment: r.8,
            comment_status: r.9,
        })
        .collect())
}
