//! When staff change a publication's department, channel or topics, its
//! ratings move with it in the rating cube: each day and audience of its
//! ratings leaves the rows of the old keys and joins those of the new ones,
//! in the edit's own transaction, so the indicators never count a rating
//! under keys its publication no longer has.

use crate::error::AppError;
use crate::on_tx;
use crate::platform::db::Tx;
use crate::publications::cube_changes::CubeChanges;
use crate::publications::rating_cube::{self, Amount, Dims};
use crate::publications::Tone;
use chrono::{DateTime, NaiveDate, Utc};
use std::collections::BTreeMap;

/// The publication's ratings summed per day (in `tz`) and audience.
async fn per_day(
    tx: &mut Tx,
    publication_id: i64,
    tz: chrono_tz::Tz,
) -> Result<BTreeMap<(NaiveDate, String), Amount>, AppError> {
    let rows: Vec<(DateTime<Utc>, String, i64, String, i64)> = on_tx!(tx, |c| sqlx::query_as(
        "SELECT updated_at, audience, stars, tone, CAST(CASE WHEN comment IS NULL THEN 0 ELSE 1 END AS BIGINT) \
         FROM ratings WHERE publication_id = $1"
    )
    .bind(publication_id)
    .fetch_all(c)
    .await)?;
    let mut sums: BTreeMap<(NaiveDate, String), Amount> = BTreeMap::new();
    for (at, audience, stars, tone, comment) in rows {
        let tone = Tone::parse(&tone).unwrap_or(Tone::Neutral);
        sums.entry((rating_cube::day_of(at, tz), audience))
            .or_default()
            .add(stars, tone, comment != 0, 1);
    }
    Ok(sums)
}

/// Moves the publication's ratings from the `old` keys to the `new` ones
/// (nothing when they are equal); returns the number of day and audience
/// groups moved. The caller holds the publication's row lock, so no rating
/// of it is written meanwhile.
pub async fn move_ratings(
    tx: &mut Tx,
    publication_id: i64,
    old: &Dims,
    new: &Dims,
    tz: chrono_tz::Tz,
) -> Result<usize, AppError> {
    if old == new {
        return Ok(0);
    }
    let sums = per_day(tx, publication_id, tz).await?;
    let mut moves = CubeChanges::default();
    for ((day, audience), amount) in &sums {
        moves.add(*day, old, audience, &amount.negated());
        moves.add(*day, new, audience, amount);
    }
    moves.write(tx).await?;
    Ok(sums.len())
}
