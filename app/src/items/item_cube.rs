//! The item cube (`item_cube`) for the indicators: receipts per day, answers
//! per day with the working days they took (a histogram, for the median) and
//! how many were on time, each kept per day, week and month, per department
//! and for all departments, per topic and for all topics, so a query reads
//! one slice.
//! An item's contribution is taken before and after every change in the
//! change's transaction; bulk loads rebuild the table.

use crate::bind_all;
use crate::error::AppError;
use crate::items::workdays::{self, working_days_between, WorkCalendar};
use crate::platform::db::{Db, Tx};
use crate::platform::period::Period;
use crate::platform::query::{value_rows, Bind, Where};
use crate::platform::spans;
use crate::{on_read, on_tx};
use chrono::{DateTime, NaiveDate, Utc};
use std::collections::HashMap;

/// What of an item the aggregates count.
#[derive(sqlx::FromRow, Debug, Clone, PartialEq, Eq)]
pub struct ItemDims {
    pub department_id: Option<i64>,
    pub topic_code: String,
    pub kind: String,
    pub received_at: DateTime<Utc>,
    pub answered_at: Option<DateTime<Utc>>,
    pub due_at: DateTime<Utc>,
    pub answer_working_days: Option<i64>,
}

const DIMS: &str = "department_id, topic_code, kind, received_at, answered_at, due_at, answer_working_days";

/// Working days from receipt to answer, as the deadline rules count them.
pub fn answer_working_days(
    cal: &WorkCalendar,
    received: DateTime<Utc>,
    answered: DateTime<Utc>,
    tz: chrono_tz::Tz,
) -> i64 {
    working_days_between(
        cal,
        cal.receipt_day(received, tz),
        answered.with_timezone(&tz).date_naive(),
    )
}

/// The item's aggregate keys: (day, department, topic, kind, working days)
/// with (received, answered, on time).
type Key = (NaiveDate, i64, String, String, i64);

fn contribution(d: &ItemDims, tz: chrono_tz::Tz) -> Vec<(Key, [i64; 3])> {
    let dept = d.department_id.unwrap_or(0);
    let mut out = vec![(
        (
            d.received_at.with_timezone(&tz).date_naive(),
            dept,
            d.topic_code.clone(),
            d.kind.clone(),
            -1,
        ),
        [1, 0, 0],
    )];
    if let (Some(at), Some(days)) = (d.answered_at, d.answer_working_days) {
        out.push((
            (
                at.with_timezone(&tz).date_naive(),
                dept,
                d.topic_code.clone(),
                d.kind.clone(),
                days,
            ),
            [0, 1, i64::from(at <= d.due_at)],
        ));
    }
    out
}

/// Department of the rows that count every department (0 is triage).
pub const ALL_DEPARTMENTS: i64 = -1;
/// Topic of the rows that count every topic ('' is an item without one).
pub const ALL_TOPICS: &str = "*";

/// The rows a key adds to: its day, week and month, each for its department
/// and all departments, its topic and all topics.
fn rows_of(key: &Key) -> Vec<(&'static str, NaiveDate, i64, &str)> {
    let mut out = Vec::with_capacity(12);
    for (span, day) in [
        ("d", key.0),
        ("w", spans::week_start(key.0)),
        ("m", spans::month_start(key.0)),
    ] {
        for dept in [key.1, ALL_DEPARTMENTS] {
            for topic in [key.2.as_str(), ALL_TOPICS] {
                out.push((span, day, dept, topic));
            }
        }
    }
    out
}

const COLUMNS: &str = "span, day, department_id, topic_code, kind, working_days, received, answered, on_time";

/// Adds `sign` times an item's contribution to every row it counts in, in
/// one statement (its rows are distinct keys).
async fn add(tx: &mut Tx, parts: &[(Key, [i64; 3])], sign: i64) -> Result<(), AppError> {
    let rows: Vec<_> = parts
        .iter()
        .flat_map(|(key, n)| rows_of(key).into_iter().map(move |r| (r, key, n)))
        .collect();
    if rows.is_empty() {
        return Ok(());
    }
    let sql = format!(
        "INSERT INTO item_cube AS t ({COLUMNS}) VALUES {} ON CONFLICT (span, day, department_id, topic_code, kind, working_days) \
         DO UPDATE SET received = t.received + excluded.received, answered = t.answered + excluded.answered, on_time = t.on_time + excluded.on_time",
        value_rows(rows.len(), 9)
    );
    on_tx!(tx, |c| {
        let mut q = sqlx::query(&sql);
        for ((span, day, dept, topic), key, n) in &rows {
            q = q
                .bind(*span)
                .bind(day.to_string())
                .bind(*dept)
                .bind(*topic)
                .bind(&key.3)
                .bind(key.4)
                .bind(n[0] * sign)
                .bind(n[1] * sign)
                .bind(n[2] * sign);
        }
        q.execute(c).await.map(|r| r.rows_affected())
    })?;
    Ok(())
}

/// The item's counted dimensions as they are now in `tx`.
pub async fn read(tx: &mut Tx, item_id: i64) -> Result<ItemDims, AppError> {
    let sql = format!("SELECT {DIMS} FROM items WHERE id = $1");
    Ok(on_tx!(tx, |c| sqlx::query_as::<_, ItemDims>(&sql)
        .bind(item_id)
        .fetch_one(c)
        .await)?)
}

/// Counts a new item.
pub async fn added(tx: &mut Tx, item_id: i64, tz: chrono_tz::Tz) -> Result<(), AppError> {
    let now = read(tx, item_id).await?;
    add(tx, &contribution(&now, tz), 1).await
}

/// Moves the item's counts from what it was (`before`) to what it is now.
pub async fn changed(tx: &mut Tx, item_id: i64, before: &ItemDims, tz: chrono_tz::Tz) -> Result<(), AppError> {
    let now = read(tx, item_id).await?;
    if now == *before {
        return Ok(());
    }
    add(tx, &contribution(before, tz), -1).await?;
    add(tx, &contribution(&now, tz), 1).await
}

/// An item as `rebuild` reads it: its id, then the columns of `DIMS`.
type ItemRow = (
    i64,
    Option<i64>,
    String,
    String,
    DateTime<Utc>,
    Option<DateTime<Utc>>,
    DateTime<Utc>,
    Option<i64>,
);

/// Rebuilds the table from the items (after bulk loads), first counting the
/// working days of answers that do not have them yet.
pub async fn rebuild(db: &Db, tz: chrono_tz::Tz) -> Result<(), AppError> {
    let cal = workdays::load(db).await?;
    let sql = format!("SELECT id, {DIMS} FROM items");
    let rows: Vec<ItemRow> = on_read!(db, |c| sqlx::query_as(&sql).fetch_all(c).await)?;
    let mut tx = db.begin().await?;
    // One entry per stored row: (span, first day, department, topic, kind, working days).
    let mut sums: HashMap<(&'static str, NaiveDate, i64, String, String, i64), [i64; 3]> = HashMap::new();
    for (id, department_id, topic_code, kind, received_at, answered_at, due_at, days) in rows {
        let days = match (answered_at, days) {
            (Some(at), None) => {
                let n = answer_working_days(&cal, received_at, at, tz);
                on_tx!(&mut tx, |c| sqlx::query(
                    "UPDATE items SET answer_working_days = $2 WHERE id = $1"
                )
                .bind(id)
                .bind(n)
                .execute(c)
                .await
                .map(|r| r.rows_affected()))?;
                Some(n)
            }
            _ => days,
        };
        let d = ItemDims {
            department_id,
            topic_code,
            kind,
            received_at,
            answered_at,
            due_at,
            answer_working_days: days,
        };
        for (key, n) in contribution(&d, tz) {
            for (span, day, dept, topic) in rows_of(&key) {
                let e = sums
                    .entry((span, day, dept, topic.to_string(), key.3.clone(), key.4))
                    .or_default();
                for i in 0..3 {
                    e[i] += n[i];
                }
            }
        }
    }
    on_tx!(&mut tx, |c| sqlx::query("DELETE FROM item_cube")
        .execute(c)
        .await
        .map(|r| r.rows_affected()))?;
    let sums: Vec<_> = sums.into_iter().collect();
    for chunk in sums.chunks(500) {
        let sql = format!(
            "INSERT INTO item_cube ({COLUMNS}) VALUES {}",
            value_rows(chunk.len(), 9)
        );
        on_tx!(&mut tx, |c| {
            let mut q = sqlx::query(&sql);
            for ((span, day, dept, topic, kind, days), n) in chunk {
                q = q
                    .bind(*span)
                    .bind(day.to_string())
                    .bind(*dept)
                    .bind(topic)
                    .bind(kind)
                    .bind(*days)
                    .bind(n[0])
                    .bind(n[1])
                    .bind(n[2]);
            }
            q.execute(c).await.map(|r| r.rows_affected())
        })?;
    }
    tx.commit().await?;
    Ok(())
}

/// Rebuilds when items exist but were never counted (a database from
/// before the aggregates, or items loaded in bulk).
pub async fn ensure(db: &Db, tz: chrono_tz::Tz) -> Result<(), AppError> {
    let (items, counted): (i64, i64) = on_read!(db, |c| sqlx::query_as(
        "SELECT (SELECT COUNT(*) FROM items), (SELECT COUNT(*) FROM item_cube)"
    )
    .fetch_one(c)
    .await)?;
    if items > 0 && counted == 0 {
        rebuild(db, tz).await?;
    }
    Ok(())
}

/// Item figures of a period.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct ItemFigures {
    pub questions: i64,
    pub press: i64,
    pub answered: i64,
    pub on_time: i64,
    /// (working days, answers) pairs.
    pub histogram: Vec<(i64, i64)>,
}

/// The figures of each of `periods` for a department (0: triage), topic
/// and kind (empty: any), read from one slice of the cube in one statement.
pub async fn figures<const N: usize>(
    db: &Db,
    periods: [Period; N],
    department: Option<i64>,
    topic: &str,
    kind: &str,
) -> Result<[ItemFigures; N], AppError> {
    let mut w = Where::default();
    let mut branches = Vec::new();
    let topic = if topic.is_empty() { ALL_TOPICS } else { topic };
    for (i, span, days) in spans::slices(&periods, true) {
        w.push("span = ?", [Bind::Str(span.into())]);
        w.push_in("day", days.into_iter().map(Bind::Str));
        w.push("department_id = ?", [Bind::Int(department.unwrap_or(ALL_DEPARTMENTS))]);
        w.push("topic_code = ?", [Bind::Str(topic.to_string())]);
        if !kind.is_empty() {
            w.push("kind = ?", [Bind::Str(kind.to_string())]);
        }
        branches.push(format!(
            "SELECT CAST({i} AS BIGINT) AS p, kind, working_days, received, answered, on_time FROM item_cube{}",
            w.sql()
        ));
        w = w.then();
    }
    let mut out: [ItemFigures; N] = std::array::from_fn(|_| ItemFigures::default());
    if branches.is_empty() {
        return Ok(out);
    }
    let sql = format!(
        "SELECT p, kind, working_days, CAST(SUM(received) AS BIGINT), CAST(SUM(answered) AS BIGINT), CAST(SUM(on_time) AS BIGINT) \
         FROM ({}) u GROUP BY p, kind, working_days",
        branches.join(" UNION ALL ")
    );
    let rows: Vec<(i64, String, i64, i64, i64, i64)> =
        on_read!(db, |c| bind_all!(sqlx::query_as(&sql), &w.binds).fetch_all(c).await)?;
    let mut hists: Vec<std::collections::BTreeMap<i64, i64>> = vec![Default::default(); N];
    for (p, kind, days, received, answered, on_time) in rows {
        let (Some(f), Some(hist)) = (out.get_mut(p as usize), hists.get_mut(p as usize)) else {
            continue;
        };
        match kind.as_str() {
            "question" => f.questions += received,
            "press_query" => f.press += received,
            _ => {}
        }
        f.answered += answered;
        f.on_time += on_time;
        if days >= 0 && answered != 0 {
            *hist.entry(days).or_default() += answered;
        }
    }
    for (f, hist) in out.iter_mut().zip(hists) {
        f.histogram = hist.into_iter().collect();
    }
    Ok(out)
}
