//! The rating cube (`rating_cube`): sums of ratings per span (day, week from
//! Monday, month from the 1st), audience, channel, topic and department,
//! where '' in audience, channel or topic stands for all of them. Changed in
//! each rating's own transaction, rebuilt from the ratings after bulk loads,
//! and read one slice per query, so a query's cost follows the number of
//! departments and topics, not every combination of keys. A rating counts on
//! the day it was last given.

use crate::bind_all;
use crate::error::AppError;
use crate::platform::db::{Db, Engine, Tx};
use crate::platform::query::{Bind, Where};
use crate::platform::spans;
use crate::publications::Tone;
use crate::{on_read, on_tx};
use crate::{platform::period::Period, publications::RatingTotals};
use chrono::{DateTime, NaiveDate, Utc};

/// What a publication contributes to every rating's row keys.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Dims {
    pub department_id: i64,
    pub channel: String,
    pub topics: Vec<String>,
}

pub async fn dims(tx: &mut Tx, publication_id: i64) -> Result<Dims, AppError> {
    let found: Option<(i64, String)> = on_tx!(tx, |c| sqlx::query_as(
        "SELECT department_id, channel FROM publications WHERE id = $1"
    )
    .bind(publication_id)
    .fetch_optional(c)
    .await)?;
    let (department_id, channel) = found.ok_or_else(AppError::not_found)?;
    let topics: Vec<String> = on_tx!(tx, |c| sqlx::query_scalar(
        "SELECT topic_code FROM publication_topics WHERE publication_id = $1 ORDER BY topic_code"
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
const KEY_COLUMNS: &str = "span, day, audience, channel, topic_code, department_id";

/// What some ratings add to every row they count in (negative to remove them).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Amount {
    pub count: i64,
    pub stars_sum: i64,
    /// Ratings with one to five stars.
    pub stars: [i64; 5],
    pub positive: i64,
    pub neutral: i64,
    pub negative: i64,
    pub comments: i64,
}

impl Amount {
    /// One rating, counted `sign` times (1 to add, −1 to remove).
    pub fn one(stars: i64, tone: Tone, comment: bool, sign: i64) -> Amount {
        let mut a = Amount::default();
        a.add(stars, tone, comment, sign);
        a
    }

    pub fn add(&mut self, stars: i64, tone: Tone, comment: bool, sign: i64) {
        self.count += sign;
        self.stars_sum += stars * sign;
        if let Some(n) = usize::try_from(stars - 1).ok().and_then(|i| self.stars.get_mut(i)) {
            *n += sign;
        }
        match tone {
            Tone::Positive => self.positive += sign,
            Tone::Neutral => self.neutral += sign,
            Tone::Negative => self.negative += sign,
        }
        if comment {
            self.comments += sign;
        }
    }

    /// Adds `other` to these sums.
    pub fn plus(&mut self, other: &Amount) {
        self.count += other.count;
        self.stars_sum += other.stars_sum;
        for (n, o) in self.stars.iter_mut().zip(other.stars) {
            *n += o;
        }
        self.positive += other.positive;
        self.neutral += other.neutral;
        self.negative += other.negative;
        self.comments += other.comments;
    }

    pub fn negated(&self) -> Amount {
        Amount {
            count: -self.count,
            stars_sum: -self.stars_sum,
            stars: self.stars.map(|n| -n),
            positive: -self.positive,
            neutral: -self.neutral,
            negative: -self.negative,
            comments: -self.comments,
        }
    }
}

/// Rebuilds the cube from the ratings (after bulk loads): the day rows of
/// each audience and channel first, then the "all" rows and the weeks and
/// months from them. Days are taken in `tz` (PostgreSQL) or at `tz`'s
/// current offset from UTC (SQLite, which knows no zone names; exact for
/// zones without daylight saving such as Asia/Almaty).
pub async fn rebuild(db: &Db, tz: chrono_tz::Tz) -> Result<(), AppError> {
    use chrono::Offset;
    let day = match db.engine() {
        Engine::Postgres => format!("to_char(r.updated_at AT TIME ZONE '{}', 'YYYY-MM-DD')", tz.name()),
        Engine::Sqlite => {
            let minutes = Utc::now().with_timezone(&tz).offset().fix().local_minus_utc() / 60;
            format!("date(r.updated_at, '{minutes:+} minutes')")
        }
    };
    let raw = "COUNT(*), SUM(r.stars), SUM(CASE WHEN r.stars = 1 THEN 1 ELSE 0 END), SUM(CASE WHEN r.stars = 2 THEN 1 ELSE 0 END), \
        SUM(CASE WHEN r.stars = 3 THEN 1 ELSE 0 END), SUM(CASE WHEN r.stars = 4 THEN 1 ELSE 0 END), SUM(CASE WHEN r.stars = 5 THEN 1 ELSE 0 END), \
        SUM(CASE WHEN r.tone = 'positive' THEN 1 ELSE 0 END), SUM(CASE WHEN r.tone = 'neutral' THEN 1 ELSE 0 END), \
        SUM(CASE WHEN r.tone = 'negative' THEN 1 ELSE 0 END), SUM(CASE WHEN r.comment IS NOT NULL THEN 1 ELSE 0 END)";
    let sums = SUM_COLUMNS
        .split(", ")
        .map(|c| format!("SUM({c})"))
        .collect::<Vec<_>>()
        .join(", ");
    let into = format!("INSERT INTO rating_cube ({KEY_COLUMNS}, {SUM_COLUMNS})");
    let all_topics = format!(
        "{into} SELECT 'd', {day}, r.audience, p.channel, '', p.department_id, {raw} \
         FROM ratings r JOIN publications p ON p.id = r.publication_id GROUP BY 2, 3, 4, 6"
    );
    let per_topic = format!(
        "{into} SELECT 'd', {day}, r.audience, p.channel, t.topic_code, p.department_id, {raw} \
         FROM ratings r JOIN publications p ON p.id = r.publication_id JOIN publication_topics t ON t.publication_id = p.id \
         GROUP BY 2, 3, 4, 5, 6"
    );
    let fine = "span = 'd' AND audience <> '' AND channel <> ''";
    let any_audience = format!(
        "{into} SELECT 'd', day, '', channel, topic_code, department_id, {sums} FROM rating_cube WHERE {fine} GROUP BY 2, 4, 5, 6"
    );
    let any_channel = format!(
        "{into} SELECT 'd', day, audience, '', topic_code, department_id, {sums} FROM rating_cube WHERE {fine} GROUP BY 2, 3, 5, 6"
    );
    let any_both = format!(
        "{into} SELECT 'd', day, '', '', topic_code, department_id, {sums} FROM rating_cube WHERE {fine} GROUP BY 2, 5, 6"
    );
    let (week, month) = match db.engine() {
        Engine::Postgres => (
            "to_char(date_trunc('week', CAST(day AS DATE)), 'YYYY-MM-DD')",
            "to_char(CAST(day AS DATE), 'YYYY-MM-01')",
        ),
        Engine::Sqlite => ("date(day, '-6 days', 'weekday 1')", "strftime('%Y-%m-01', day)"),
    };
    let rollup = |span: &str, start: &str| {
        format!(
            "{into} SELECT '{span}', {start}, audience, channel, topic_code, department_id, {sums} \
             FROM rating_cube WHERE span = 'd' GROUP BY 2, 3, 4, 5, 6"
        )
    };
    let (weeks, months) = (rollup("w", week), rollup("m", month));
    let mut tx = db.begin().await?;
    for sql in [
        "DELETE FROM rating_cube",
        all_topics.as_str(),
        per_topic.as_str(),
        any_audience.as_str(),
        any_channel.as_str(),
        any_both.as_str(),
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

/// One slice of the cube summed over a period: `''` in channel, audience or
/// topic means all of them.
#[derive(Debug, Clone)]
pub struct Cell {
    pub department_id: i64,
    pub channel: String,
    pub audience: String,
    pub topic: String,
    pub t: RatingTotals,
}

/// For each of `periods`, the cells the indicators under `f` are taken
/// from: every department and topic at the filter's channel and audience,
/// and every channel's row for all audiences and topics (the channel
/// table). One statement reads every period.
pub async fn cells<const N: usize>(db: &Db, periods: [Period; N], f: &Filter) -> Result<[Vec<Cell>; N], AppError> {
    let mut w = Where::default();
    let mut branches = Vec::new();
    let columns = format!("department_id, audience, channel, topic_code, {SUM_COLUMNS}");
    for (i, span, days) in spans::slices(&periods, true) {
        for channels in [false, true] {
            w.push("span = ?", [Bind::Str(span.into())]);
            w.push_in("day", days.iter().cloned().map(Bind::Str));
            if channels {
                w.raw("audience = '' AND channel > '' AND topic_code = ''");
                if f.audience.is_empty() && !f.channel.is_empty() {
                    // That channel's row is already in the slice above.
                    w.push("channel <> ?", [Bind::Str(f.channel.clone())]);
                }
            } else {
                w.push("audience = ?", [Bind::Str(f.audience.clone())]);
                w.push("channel = ?", [Bind::Str(f.channel.clone())]);
            }
            if let Some(d) = f.department_id {
                w.push("department_id = ?", [Bind::Int(d)]);
            }
            branches.push(format!(
                "SELECT CAST({i} AS BIGINT) AS p, {columns} FROM rating_cube{}",
                w.sql()
            ));
            w = w.then();
        }
    }
    let mut out: [Vec<Cell>; N] = std::array::from_fn(|_| Vec::new());
    if branches.is_empty() {
        return Ok(out);
    }
    let sql = format!(
        "SELECT p, department_id, audience, channel, topic_code, {SUMS} FROM ({}) u \
         GROUP BY p, department_id, audience, channel, topic_code",
        branches.join(" UNION ALL ")
    );
    type Row = (
        i64,
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
    let rows: Vec<Row> = on_read!(db, |c| bind_all!(sqlx::query_as(&sql), &w.binds).fetch_all(c).await)?;
    for r in rows {
        if let Some(cells) = out.get_mut(r.0 as usize) {
            cells.push(Cell {
                department_id: r.1,
                audience: r.2,
                channel: r.3,
                topic: r.4,
                t: totals_of((r.5, r.6, r.7, r.8, r.9, r.10, r.11, r.12, r.13, r.14, r.15)),
            });
        }
    }
    Ok(out)
}

impl Filter {
    /// Whether `c` is the slice this filter counts (its topic, channel and
    /// audience, or the all-rows when none is chosen).
    pub fn takes(&self, c: &Cell) -> bool {
        c.topic == self.topic && self.takes_any_topic(c)
    }

    /// Like [`Filter::takes`] but for any topic.
    fn takes_any_topic(&self, c: &Cell) -> bool {
        self.department_id.is_none_or(|d| d == c.department_id)
            && c.channel == self.channel
            && c.audience == self.audience
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
/// department (`"department"`) or per channel (`"channel"`: all audiences
/// and topics of `f`'s department), sorted by key.
pub fn group(cells: &[Cell], f: &Filter, by: &str) -> Vec<(String, RatingTotals)> {
    let mut out: std::collections::BTreeMap<String, RatingTotals> = Default::default();
    for c in cells {
        let (key, counts) = match by {
            "topic" => (c.topic.clone(), !c.topic.is_empty() && f.takes_any_topic(c)),
            "department" => (c.department_id.to_string(), f.takes(c)),
            _ => (
                c.channel.clone(),
                !c.channel.is_empty()
                    && c.audience.is_empty()
                    && c.topic.is_empty()
                    && f.department_id.is_none_or(|d| d == c.department_id),
            ),
        };
        if counts {
            out.entry(key).or_default().add(&c.t);
        }
    }
    out.into_iter().collect()
}

/// Totals per topic (`by = "topic"`, every topic) or per department
/// (`by = "department"`) under `f`, for `period` and the one before it.
pub async fn by_area(
    db: &Db,
    period: Period,
    f: &Filter,
    by: &str,
) -> Result<[Vec<(String, RatingTotals)>; 2], AppError> {
    let [now, before] = cells(db, [period, period.previous()], f).await?;
    Ok([group(&now, f, by), group(&before, f, by)])
}

/// Totals per week (Monday) of `period` under `f`; days of weeks cut by the
/// period's ends count in their week. Weeks without ratings are left out.
pub async fn per_week(db: &Db, period: Period, f: &Filter) -> Result<Vec<(NaiveDate, RatingTotals)>, AppError> {
    let mut w = Where::default();
    let mut branches = Vec::new();
    for (_, span, days) in spans::slices(&[period], false) {
        w.push("span = ?", [Bind::Str(span.into())]);
        w.push_in("day", days.into_iter().map(Bind::Str));
        w.push("audience = ?", [Bind::Str(f.audience.clone())]);
        w.push("channel = ?", [Bind::Str(f.channel.clone())]);
        w.push("topic_code = ?", [Bind::Str(f.topic.clone())]);
        if let Some(d) = f.department_id {
            w.push("department_id = ?", [Bind::Int(d)]);
        }
        branches.push(format!("SELECT day, {SUM_COLUMNS} FROM rating_cube{}", w.sql()));
        w = w.then();
    }
    if branches.is_empty() {
        return Ok(Vec::new());
    }
    let sql = format!(
        "SELECT day, {SUMS} FROM ({}) u GROUP BY day",
        branches.join(" UNION ALL ")
    );
    type Row = (String, i64, i64, i64, i64, i64, i64, i64, i64, i64, i64, i64);
    let rows: Vec<Row> = on_read!(db, |c| bind_all!(sqlx::query_as(&sql), &w.binds).fetch_all(c).await)?;
    let mut weeks: std::collections::BTreeMap<NaiveDate, RatingTotals> = Default::default();
    for r in rows {
        let Ok(day) = r.0.parse::<NaiveDate>() else {
            continue;
        };
        let t = totals_of((r.1, r.2, r.3, r.4, r.5, r.6, r.7, r.8, r.9, r.10, r.11));
        weeks.entry(spans::week_start(day)).or_default().add(&t);
    }
    Ok(weeks.into_iter().collect())
}
