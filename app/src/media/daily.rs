//! Mentions over time for the register's chart: counts per day of the
//! chosen period (per week from Monday when it is longer than nine weeks)
//! beside the same stretch of the period before.

use crate::error::AppError;
use crate::media::DailyMentions;
use crate::on_read;
use crate::platform::db::Db;
use crate::platform::period::Period;
use chrono::{Datelike, Duration, NaiveDate};

/// Periods longer than this are counted per week.
const LONGEST_IN_DAYS: i64 = 63;

/// The counts of `p` per bucket (a day, or a week from its Monday).
async fn counts(db: &Db, p: Period, tone: &str, weekly: bool) -> Result<Vec<(NaiveDate, i64)>, AppError> {
    let tone_sql = if tone.is_empty() { "" } else { " AND tone = $3" };
    let sql = format!("SELECT day, COUNT(*) FROM mentions WHERE day >= $1 AND day <= $2{tone_sql} GROUP BY day");
    let rows: Vec<(NaiveDate, i64)> = on_read!(db, |c| {
        let q = sqlx::query_as(&sql).bind(p.from).bind(p.to);
        if tone.is_empty() {
            q.fetch_all(c).await
        } else {
            q.bind(tone).fetch_all(c).await
        }
    })?;
    let start = |d: NaiveDate| {
        if weekly {
            d - Duration::days(d.weekday().num_days_from_monday() as i64)
        } else {
            d
        }
    };
    let step = Duration::days(if weekly { 7 } else { 1 });
    let mut buckets = Vec::new();
    let mut at = start(p.from);
    while at <= p.to {
        let n = rows.iter().filter(|(d, _)| start(*d) == at).map(|(_, n)| n).sum();
        buckets.push((at, n));
        at += step;
    }
    Ok(buckets)
}

/// Mentions of `from..=to` (with `tone`, when one is chosen) and of the
/// period of the same length before, bucket by bucket.
pub async fn daily(db: &Db, from: NaiveDate, to: NaiveDate, tone: &str) -> Result<DailyMentions, AppError> {
    let p = Period { from, to };
    let weekly = p.days() > LONGEST_IN_DAYS;
    let current = counts(db, p, tone, weekly).await?;
    let previous = counts(db, p.previous(), tone, weekly).await?;
    Ok(DailyMentions {
        weekly,
        days: current.iter().map(|(d, _)| *d).collect(),
        current: current.iter().map(|(_, n)| *n).collect(),
        previous: (0..current.len())
            .map(|i| previous.get(i).map(|(_, n)| *n).unwrap_or(0))
            .collect(),
    })
}
