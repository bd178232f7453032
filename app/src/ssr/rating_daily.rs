//! Daily rating aggregates (`rating_daily`): changed in the rating's own
//! transaction, rebuilt from the ratings after bulk loads, and summed per
//! period for the indicators. A rating counts on the day it was last given.

use crate::bind_all;
use crate::catalogue::Tone;
use crate::error::AppError;
use crate::indicators::{Period, RatingTotals};
use crate::ssr::db::{Db, Engine, Tx};
use crate::ssr::query::{Bind, Where};
use crate::{on_read, on_tx};
use chrono::{DateTime, Utc};

/// What a publication contributes to every rating's row keys.
pub struct Dims {
    pub department_id: i64,
    pub channel: String,
    pub topics: Vec<String>,
}

pub async fn dims(tx: &mut Tx, publication_id: i64) -> Result<Dims, AppError> {
    let (department_id, channel): (i64, String) = on_tx!(tx, |c| sqlx::query_as(
        "SELECT department_id, channel FROM publications WHERE id = $1"
    )
    .bind(publication_id)
    .fetch_one(c)
    .await)?;
    let topics: Vec<String> = on_tx!(tx, |c| sqlx::query_scalar(
        "SELECT topic_code FROM publication_topics WHERE publication_id = $1"
    )
    .bind(publication_id)
    .fetch_all(c)
    .await)?;
    Ok(Dims {
        department_id,
        channel,
        topics,
    })
}

/// The day of `at` in `tz`, as stored.
pub fn day_of(at: DateTime<Utc>, tz: chrono_tz::Tz) -> String {
    at.with_timezone(&tz).date_naive().to_string()
}

/// Adds (`sign` 1) or removes (`sign` −1) one rating on `day`.
#[allow(clippy::too_many_arguments)]
pub async fn bump(
    tx: &mut Tx,
    day: &str,
    d: &Dims,
    audience: &str,
    stars: i64,
    tone: Tone,
    comment: bool,
    sign: i64,
) -> Result<(), AppError> {
    let s = |n: i64| if stars == n { sign } else { 0 };
    let t = |x: Tone| if tone == x { sign } else { 0 };
    let topics = std::iter::once("").chain(d.topics.iter().map(String::as_str));
    for topic in topics {
        on_tx!(tx, |c| {
            sqlx::query(
            "INSERT INTO rating_daily (day, department_id, channel, audience, topic_code, count, stars_sum, stars_1, stars_2, stars_3, \
             stars_4, stars_5, positive, neutral, negative, comments) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16) \
             ON CONFLICT (topic_code, day, department_id, channel, audience) DO UPDATE SET count = rating_daily.count + excluded.count, \
             stars_sum = rating_daily.stars_sum + excluded.stars_sum, stars_1 = rating_daily.stars_1 + excluded.stars_1, \
             stars_2 = rating_daily.stars_2 + excluded.stars_2, stars_3 = rating_daily.stars_3 + excluded.stars_3, \
             stars_4 = rating_daily.stars_4 + excluded.stars_4, stars_5 = rating_daily.stars_5 + excluded.stars_5, \
             positive = rating_daily.positive + excluded.positive, neutral = rating_daily.neutral + excluded.neutral, \
             negative = rating_daily.negative + excluded.negative, comments = rating_daily.comments + excluded.comments"
        )
        .bind(day)
        .bind(d.department_id)
        .bind(&d.channel)
        .bind(audience)
        .bind(topic)
        .bind(sign)
        .bind(stars * sign)
        .bind(s(1))
        .bind(s(2))
        .bind(s(3))
        .bind(s(4))
        .bind(s(5))
        .bind(t(Tone::Positive))
        .bind(t(Tone::Neutral))
        .bind(t(Tone::Negative))
        .bind(if comment { sign } else { 0 })
        .execute(c)
        .await
        .map(|r| r.rows_affected())
        })?;
    }
    Ok(())
}

/// Rebuilds every row from the ratings (after bulk loads). Days are taken
/// in `tz` (PostgreSQL) or at `tz`'s current offset from UTC (SQLite, which
/// knows no zone names; exact for zones without daylight saving such as
/// Asia/Almaty).
pub async fn rebuild(db: &Db, tz: chrono_tz::Tz) -> Result<(), AppError> {
    use chrono::Offset;
    let day = match db.engine() {
        Engine::Postgres => format!("to_char(r.updated_at AT TIME ZONE '{}', 'YYYY-MM-DD')", tz.name()),
        Engine::Sqlite => {
            let minutes = Utc::now().with_timezone(&tz).offset().fix().local_minus_utc() / 60;
            format!("date(r.updated_at, '{minutes:+} minutes')")
        }
    };
    let sums = "COUNT(*), SUM(r.stars), SUM(CASE WHEN r.stars = 1 THEN 1 ELSE 0 END), SUM(CASE WHEN r.stars = 2 THEN 1 ELSE 0 END), \
        SUM(CASE WHEN r.stars = 3 THEN 1 ELSE 0 END), SUM(CASE WHEN r.stars = 4 THEN 1 ELSE 0 END), SUM(CASE WHEN r.stars = 5 THEN 1 ELSE 0 END), \
        SUM(CASE WHEN r.tone = 'positive' THEN 1 ELSE 0 END), SUM(CASE WHEN r.tone = 'neutral' THEN 1 ELSE 0 END), \
        SUM(CASE WHEN r.tone = 'negative' THEN 1 ELSE 0 END), SUM(CASE WHEN r.comment IS NOT NULL THEN 1 ELSE 0 END)";
    let cols = "(day, department_id, channel, audience, topic_code, count, stars_sum, stars_1, stars_2, stars_3, stars_4, stars_5, \
        positive, neutral, negative, comments)";
    let all = format!(
        "INSERT INTO rating_daily {cols} SELECT {day}, p.department_id, p.channel, r.audience, '', {sums} \
         FROM ratings r JOIN publications p ON p.id = r.publication_id GROUP BY 1, 2, 3, 4"
    );
    let per_topic = format!(
        "INSERT INTO rating_daily {cols} SELECT {day}, p.department_id, p.channel, r.audience, t.topic_code, {sums} \
         FROM ratings r JOIN publications p ON p.id = r.publication_id JOIN publication_topics t ON t.publication_id = p.id \
         GROUP BY 1, 2, 3, 4, 5"
    );
    let mut tx = db.begin().await?;
    for sql in ["DELETE FROM rating_daily", all.as_str(), per_topic.as_str()] {
        on_tx!(&mut tx, |c| sqlx::query(sql)
            .execute(c)
            .await
            .map(|r| r.rows_affected()))?;
    }
    tx.commit().await?;
    Ok(())
}

/// Filters of the indicators (empty: any).
#[derive(Debug, Clone, Default)]
pub struct Filter {
    pub department_id: Option<i64>,
    pub topic: String,
    pub channel: String,
    pub audience: String,
}

fn filtered(period: Period, f: &Filter) -> Where {
    let mut w = Where::default();
    w.push("topic_code = ?", [Bind::Str(f.topic.clone())]);
    w.push(
        "day BETWEEN ? AND ?",
        [Bind::Str(period.from.to_string()), Bind::Str(period.to.to_string())],
    );
    if let Some(d) = f.department_id {
        w.push("department_id = ?", [Bind::Int(d)]);
    }
    if !f.channel.is_empty() {
        w.push("channel = ?", [Bind::Str(f.channel.clone())]);
    }
    if !f.audience.is_empty() {
        w.push("audience = ?", [Bind::Str(f.audience.clone())]);
    }
    w
}

/// Sums as BIGINT (PostgreSQL sums BIGINT columns into NUMERIC).
const SUMS: &str = "CAST(COALESCE(SUM(count), 0) AS BIGINT), CAST(COALESCE(SUM(stars_sum), 0) AS BIGINT), CAST(COALESCE(SUM(stars_1), 0) AS BIGINT), CAST(COALESCE(SUM(stars_2), 0) AS BIGINT), CAST(COALESCE(SUM(stars_3), 0) AS BIGINT), CAST(COALESCE(SUM(stars_4), 0) AS BIGINT), CAST(COALESCE(SUM(stars_5), 0) AS BIGINT), CAST(COALESCE(SUM(positive), 0) AS BIGINT), CAST(COALESCE(SUM(neutral), 0) AS BIGINT), CAST(COALESCE(SUM(negative), 0) AS BIGINT), CAST(COALESCE(SUM(comments), 0) AS BIGINT)";

type Sums = (i64, i64, i64, i64, i64, i64, i64, i64, i64, i64, i64);

fn totals_of(r: Sums) -> RatingTotals {
    RatingTotals {
        count: r.0,
        stars_sum: r.1,
        distribution: [r.2, r.3, r.4, r.5, r.6],
        positive: r.7,
        neutral: r.8,
        negative: r.9,
        comments: r.10,
    }
}

/// The ratings of `period` under `f`.
pub async fn totals(db: &Db, period: Period, f: &Filter) -> Result<RatingTotals, AppError> {
    let w = filtered(period, f);
    let sql = format!("SELECT {SUMS} FROM rating_daily{}", w.sql());
    let r: Sums = on_read!(db, |c| bind_all!(sqlx::query_as(&sql), &w.binds).fetch_one(c).await)?;
    Ok(totals_of(r))
}

/// Totals per topic (`by = "topic"`, every topic) or per department
/// (`by = "department"`) for `period` under `f`.
pub async fn by_area(db: &Db, period: Period, f: &Filter, by: &str) -> Result<Vec<(String, RatingTotals)>, AppError> {
    let (key, w) = if by == "topic" {
        let mut w = Where::default();
        w.raw("topic_code <> ''");
        w.push(
            "day BETWEEN ? AND ?",
            [Bind::Str(period.from.to_string()), Bind::Str(period.to.to_string())],
        );
        if let Some(d) = f.department_id {
            w.push("department_id = ?", [Bind::Int(d)]);
        }
        if !f.channel.is_empty() {
            w.push("channel = ?", [Bind::Str(f.channel.clone())]);
        }
        if !f.audience.is_empty() {
            w.push("audience = ?", [Bind::Str(f.audience.clone())]);
        }
        ("topic_code", w)
    } else {
        ("CAST(department_id AS TEXT)", filtered(period, f))
    };
    let sql = format!("SELECT {key}, {SUMS} FROM rating_daily{} GROUP BY {key}", w.sql());
    type Row = (String, i64, i64, i64, i64, i64, i64, i64, i64, i64, i64, i64);
    let rows: Vec<Row> = on_read!(db, |c| bind_all!(sqlx::query_as(&sql), &w.binds).fetch_all(c).await)?;
    Ok(rows
        .into_iter()
        .map(|r| {
            (
                r.0,
                totals_of((r.1, r.2, r.3, r.4, r.5, r.6, r.7, r.8, r.9, r.10, r.11)),
            )
        })
        .collect())
}

/// Totals per day of `period` under `f` (days without ratings left out).
pub async fn per_day(db: &Db, period: Period, f: &Filter) -> Result<Vec<(String, RatingTotals)>, AppError> {
    let w = filtered(period, f);
    let sql = format!(
        "SELECT day, {SUMS} FROM rating_daily{} GROUP BY day ORDER BY day",
        w.sql()
    );
    type Row = (String, i64, i64, i64, i64, i64, i64, i64, i64, i64, i64, i64);
    let rows: Vec<Row> = on_read!(db, |c| bind_all!(sqlx::query_as(&sql), &w.binds).fetch_all(c).await)?;
    Ok(rows
        .into_iter()
        .map(|r| {
            (
                r.0,
                totals_of((r.1, r.2, r.3, r.4, r.5, r.6, r.7, r.8, r.9, r.10, r.11)),
            )
        })
        .collect())
}
