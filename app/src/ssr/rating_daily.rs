//! Daily rating aggregates (`rating_daily`): changed in the rating's own
//! transaction, rebuilt from the ratings after bulk loads, and summed per
//! period for the indicators. A rating counts on the day it was last given.

use crate::bind_all;
use crate::catalogue::Tone;
use crate::error::AppError;
use crate::indicators::{Period, RatingTotals};
use crate::ssr::db::{Db, Engine, Tx};
use crate::ssr::query::{Bind, Where};
use crate::ssr::spans::{self, Unit};
use crate::{on_read, on_tx};
use chrono::{DateTime, NaiveDate, Utc};
use std::sync::LazyLock;

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

/// The day of `at` in `tz`.
pub fn day_of(at: DateTime<Utc>, tz: chrono_tz::Tz) -> NaiveDate {
    at.with_timezone(&tz).date_naive()
}

const SUM_COLUMNS: &str =
    "count, stars_sum, stars_1, stars_2, stars_3, stars_4, stars_5, positive, neutral, negative, comments";

/// The upserts of one rating's contribution into a day row and into a week
/// or month row, written once (every rating write uses them).
static UPSERT_DAY: LazyLock<String> = LazyLock::new(|| upsert_sql(false));
static UPSERT_ROLLUP: LazyLock<String> = LazyLock::new(|| upsert_sql(true));

fn upsert_sql(rollup: bool) -> String {
    let add = SUM_COLUMNS
        .split(", ")
        .map(|c| format!("{c} = t.{c} + excluded.{c}"))
        .collect::<Vec<_>>()
        .join(", ");
    if rollup {
        format!(
            "INSERT INTO rating_rollup AS t (span, day, department_id, channel, audience, topic_code, {SUM_COLUMNS}) \
             VALUES ($17, $1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16) \
             ON CONFLICT (span, day, department_id, channel, audience, topic_code) DO UPDATE SET {add}"
        )
    } else {
        format!(
            "INSERT INTO rating_daily AS t (day, department_id, channel, audience, topic_code, {SUM_COLUMNS}) \
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16) \
             ON CONFLICT (topic_code, day, department_id, channel, audience) DO UPDATE SET {add}"
        )
    }
}

/// Adds (`sign` 1) or removes (`sign` −1) one rating on `day`, in the day's
/// row and in its week's and month's rows.
#[allow(clippy::too_many_arguments)]
pub async fn bump(
    tx: &mut Tx,
    day: NaiveDate,
    d: &Dims,
    audience: &str,
    stars: i64,
    tone: Tone,
    comment: bool,
    sign: i64,
) -> Result<(), AppError> {
    let s = |n: i64| if stars == n { sign } else { 0 };
    let t = |x: Tone| if tone == x { sign } else { 0 };
    let targets = [
        (None, day),
        (Some("w"), spans::week_start(day)),
        (Some("m"), spans::month_start(day)),
    ];
    for (span, start) in &targets {
        let sql: &str = if span.is_some() { &UPSERT_ROLLUP } else { &UPSERT_DAY };
        let start = start.to_string();
        let topics = std::iter::once("").chain(d.topics.iter().map(String::as_str));
        for topic in topics {
            on_tx!(tx, |c| {
                let q = sqlx::query(sql)
                    .bind(&start)
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
                    .bind(if comment { sign } else { 0 });
                let q = match span {
                    Some(span) => q.bind(*span),
                    None => q,
                };
                q.execute(c).await.map(|r| r.rows_affected())
            })?;
        }
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
    let (week, month) = match db.engine() {
        Engine::Postgres => (
            "to_char(date_trunc('week', CAST(day AS DATE)), 'YYYY-MM-DD')",
            "to_char(CAST(day AS DATE), 'YYYY-MM-01')",
        ),
        Engine::Sqlite => ("date(day, '-6 days', 'weekday 1')", "strftime('%Y-%m-01', day)"),
    };
    let rollup = |span: &str, start: &str| {
        let sums = SUM_COLUMNS
            .split(", ")
            .map(|c| format!("SUM({c})"))
            .collect::<Vec<_>>()
            .join(", ");
        format!(
            "INSERT INTO rating_rollup (span, day, department_id, channel, audience, topic_code, {SUM_COLUMNS}) \
             SELECT '{span}', {start}, department_id, channel, audience, topic_code, {sums} FROM rating_daily GROUP BY 2, 3, 4, 5, 6"
        )
    };
    let (weeks, months) = (rollup("w", week), rollup("m", month));
    let mut tx = db.begin().await?;
    for sql in [
        "DELETE FROM rating_daily",
        "DELETE FROM rating_rollup",
        all.as_str(),
        per_topic.as_str(),
        weeks.as_str(),
        months.as_str(),
    ] {
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

/// The rows of `units` (days from `rating_daily`, weeks and months from
/// `rating_rollup`) as one `UNION ALL`, each branch limited by `cond`
/// (conditions on the shared columns). Returns the SQL and its values.
fn union_of(units: &[Unit], cond: &dyn Fn(&mut Where)) -> (String, Vec<Bind>) {
    let columns = format!("day, department_id, channel, audience, topic_code, {SUM_COLUMNS}");
    let mut branches = Vec::new();
    let mut w = Where::default();
    for span in ["d", "w", "m"] {
        let days: Vec<Bind> = spans::starts(units, span).into_iter().map(Bind::Str).collect();
        if days.is_empty() {
            continue;
        }
        let marks = vec!["?"; days.len()].join(", ");
        let table = if span == "d" {
            "rating_daily"
        } else {
            w.push("span = ?", [Bind::Str(span.into())]);
            "rating_rollup"
        };
        w.push(&format!("day IN ({marks})"), days);
        cond(&mut w);
        branches.push(format!("SELECT '{span}' AS span, {columns} FROM {table}{}", w.sql()));
        w = w.then();
    }
    if branches.is_empty() {
        // An empty period: a branch that finds nothing keeps the SQL valid.
        branches.push(format!("SELECT 'd' AS span, {columns} FROM rating_daily WHERE 1 = 0"));
    }
    (branches.join(" UNION ALL "), w.binds)
}

/// One combination of the aggregates' keys and its sums over a period.
#[derive(Debug, Clone)]
pub struct Cell {
    pub department_id: i64,
    pub channel: String,
    pub audience: String,
    /// `''`: every rating once; otherwise the ratings of that topic.
    pub topic: String,
    pub t: RatingTotals,
}

/// Every key combination's sums over `period` (of one department when
/// given): one query, from which [`sum`] and the breakdowns are taken.
pub async fn cells(db: &Db, period: Period, department: Option<i64>) -> Result<Vec<Cell>, AppError> {
    let units = spans::cover(period, true);
    let (union, binds) = union_of(&units, &|w| {
        if let Some(d) = department {
            w.push("department_id = ?", [Bind::Int(d)]);
        }
    });
    let sql = format!(
        "SELECT department_id, channel, audience, topic_code, {SUMS} FROM ({union}) u GROUP BY department_id, channel, audience, topic_code"
    );
    type Row = (
        i64,
        String,
        String,
        String,
        i64,
        i64,
        i64,
        i64,
        i64,
        i64,
        i64,
        i64,
        i64,
        i64,
        i64,
    );
    let rows: Vec<Row> = on_read!(db, |c| bind_all!(sqlx::query_as(&sql), &binds).fetch_all(c).await)?;
    Ok(rows
        .into_iter()
        .map(|r| Cell {
            department_id: r.0,
            channel: r.1,
            audience: r.2,
            topic: r.3,
            t: totals_of((r.4, r.5, r.6, r.7, r.8, r.9, r.10, r.11, r.12, r.13, r.14)),
        })
        .collect())
}

impl Filter {
    /// Whether `c` counts under this filter (its topic row, or the
    /// all-topics row when no topic is chosen).
    pub fn takes(&self, c: &Cell) -> bool {
        c.topic == self.topic && self.takes_any_topic(c)
    }

    /// Like [`Filter::takes`] but for any topic.
    fn takes_any_topic(&self, c: &Cell) -> bool {
        self.department_id.is_none_or(|d| d == c.department_id)
            && (self.channel.is_empty() || c.channel == self.channel)
            && (self.audience.is_empty() || c.audience == self.audience)
    }
}

/// The sums of the cells `f` takes.
pub fn sum(cells: &[Cell], f: &Filter) -> RatingTotals {
    let mut t = RatingTotals::default();
    for c in cells.iter().filter(|c| f.takes(c)) {
        t.add(&c.t);
    }
    t
}

/// Sums per topic (`by = "topic"`, every topic, whatever `f.topic`), per
/// department (`"department"`) or per channel (`"channel"`), sorted by key.
pub fn group(cells: &[Cell], f: &Filter, by: &str) -> Vec<(String, RatingTotals)> {
    let mut out: std::collections::BTreeMap<String, RatingTotals> = Default::default();
    for c in cells {
        let (key, counts) = match by {
            "topic" => (c.topic.clone(), !c.topic.is_empty() && f.takes_any_topic(c)),
            "department" => (c.department_id.to_string(), f.takes(c)),
            _ => (c.channel.clone(), f.takes(c)),
        };
        if counts {
            out.entry(key).or_default().add(&c.t);
        }
    }
    out.into_iter().collect()
}

/// The ratings of `period` under `f`.
pub async fn totals(db: &Db, period: Period, f: &Filter) -> Result<RatingTotals, AppError> {
    Ok(sum(&cells(db, period, f.department_id).await?, f))
}

/// Totals per topic (`by = "topic"`, every topic) or per department
/// (`by = "department"`) for `period` under `f`.
pub async fn by_area(db: &Db, period: Period, f: &Filter, by: &str) -> Result<Vec<(String, RatingTotals)>, AppError> {
    Ok(group(&cells(db, period, f.department_id).await?, f, by))
}

/// Totals per week (Monday) of `period` under `f`; days of weeks cut by the
/// period's ends count in their week. Weeks without ratings are left out.
pub async fn per_week(db: &Db, period: Period, f: &Filter) -> Result<Vec<(chrono::NaiveDate, RatingTotals)>, AppError> {
    let units = spans::cover(period, false);
    let (union, binds) = union_of(&units, &|w| {
        w.push("topic_code = ?", [Bind::Str(f.topic.clone())]);
        if let Some(d) = f.department_id {
            w.push("department_id = ?", [Bind::Int(d)]);
        }
        if !f.channel.is_empty() {
            w.push("channel = ?", [Bind::Str(f.channel.clone())]);
        }
        if !f.audience.is_empty() {
            w.push("audience = ?", [Bind::Str(f.audience.clone())]);
        }
    });
    let sql = format!("SELECT span, day, {SUMS} FROM ({union}) u GROUP BY span, day");
    type Row = (String, String, i64, i64, i64, i64, i64, i64, i64, i64, i64, i64, i64);
    let rows: Vec<Row> = on_read!(db, |c| bind_all!(sqlx::query_as(&sql), &binds).fetch_all(c).await)?;
    let mut weeks: std::collections::BTreeMap<chrono::NaiveDate, RatingTotals> = Default::default();
    for r in rows {
        let Ok(day) = r.1.parse::<chrono::NaiveDate>() else {
            continue;
        };
        let t = totals_of((r.2, r.3, r.4, r.5, r.6, r.7, r.8, r.9, r.10, r.11, r.12));
        weeks.entry(spans::week_start(day)).or_default().add(&t);
    }
    Ok(weeks.into_iter().collect())
}
