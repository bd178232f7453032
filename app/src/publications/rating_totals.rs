//! A publication's own rating figures (count, stars, tones, and the same
//! split by audience), which pages read instead of scanning ratings.
//! Changes are summed per publication and written with a few multi-row
//! statements; a batch of grouped ratings defers them to its end (see
//! `platform::deferred`), so the one writer does not update the figures
//! once per rating, and outside a batch they are written at once.

use crate::on_tx;
use crate::platform::db::Tx;
use crate::platform::deferred::{Deferred, FinishFuture};
use crate::platform::query::{statement_chunks, value_rows, SizedTexts};
use crate::publications::rating_cube::Amount;
use std::collections::BTreeMap;

/// What to add to each publication's figures, and to each of its audiences'.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct TotalChanges {
    publications: BTreeMap<i64, Amount>,
    audiences: BTreeMap<(i64, &'static str), Amount>,
}

/// Publications (11 values each) and audience rows (7 values each) per
/// statement at most: about 180 parameters (see `PARAMS_PER_STATEMENT`).
const PUBLICATIONS_PER_STATEMENT: usize = 16;
const AUDIENCES_PER_STATEMENT: usize = 16;

impl TotalChanges {
    /// Adds `a`, given by `audience` to publication `id`.
    pub fn add(&mut self, id: i64, audience: &'static str, a: &Amount) {
        self.publications.entry(id).or_default().plus(a);
        self.audiences.entry((id, audience)).or_default().plus(a);
    }

    /// Writes the changes in `tx`.
    pub async fn write(self, tx: &mut Tx) -> Result<(), sqlx::Error> {
        let publications: Vec<(i64, Amount)> = changed(self.publications);
        for chunk in statement_chunks(&publications, PUBLICATIONS_PER_STATEMENT) {
            let sql = PUBLICATION_UPDATES.get(tx.engine(), chunk.len());
            on_tx!(tx, |c| {
                let mut q = sqlx::query(sql);
                for (id, a) in chunk {
                    q = q.bind(*id).bind(a.count).bind(a.stars_sum);
                    for n in a.stars {
                        q = q.bind(n);
                    }
                    q = q.bind(a.positive).bind(a.neutral).bind(a.negative);
                }
                q.execute(c).await.map(|r| r.rows_affected())
            })?;
        }
        let audiences: Vec<((i64, &'static str), Amount)> = changed(self.audiences);
        for chunk in statement_chunks(&audiences, AUDIENCES_PER_STATEMENT) {
            let sql = AUDIENCE_UPSERTS.get(tx.engine(), chunk.len());
            on_tx!(tx, |c| {
                let mut q = sqlx::query(sql);
                for ((id, audience), a) in chunk {
                    q = q
                        .bind(*id)
                        .bind(*audience)
                        .bind(a.count)
                        .bind(a.stars_sum)
                        .bind(a.positive)
                        .bind(a.neutral)
                        .bind(a.negative);
                }
                q.execute(c).await.map(|r| r.rows_affected())
            })?;
        }
        Ok(())
    }
}

/// The entries that change something (a rating replaced by the same one
/// changes nothing).
fn changed<K>(rows: BTreeMap<K, Amount>) -> Vec<(K, Amount)> {
    rows.into_iter().filter(|(_, a)| *a != Amount::default()).collect()
}

impl Deferred for TotalChanges {
    fn absorb(&mut self, later: Self) {
        for (k, a) in later.publications {
            self.publications.entry(k).or_default().plus(&a);
        }
        for (k, a) in later.audiences {
            self.audiences.entry(k).or_default().plus(&a);
        }
    }

    fn finish<'t>(self: Box<Self>, tx: &'t mut Tx) -> FinishFuture<'t> {
        Box::pin(async move { self.write(tx).await })
    }
}

/// The updates of 1, 2, 4 … 16 publications, one text each.
static PUBLICATION_UPDATES: std::sync::LazyLock<SizedTexts> =
    std::sync::LazyLock::new(|| SizedTexts::new(PUBLICATIONS_PER_STATEMENT, update_sql));

static AUDIENCE_UPSERTS: std::sync::LazyLock<SizedTexts> =
    std::sync::LazyLock::new(|| SizedTexts::new(AUDIENCES_PER_STATEMENT, upsert_sql));

/// Adds each row of a `VALUES` list to its publication (both engines take
/// `WITH … UPDATE … FROM`; the `SET` expressions read the row as it was).
fn update_sql(n: usize) -> String {
    format!(
        "WITH v (id, n, s, s1, s2, s3, s4, s5, pos, neu, neg) AS (VALUES {}) \
         UPDATE publications SET rating_count = rating_count + v.n, stars_sum = stars_sum + v.s, \
         stars_1 = stars_1 + v.s1, stars_2 = stars_2 + v.s2, stars_3 = stars_3 + v.s3, \
         stars_4 = stars_4 + v.s4, stars_5 = stars_5 + v.s5, \
         tone_positive = tone_positive + v.pos, tone_neutral = tone_neutral + v.neu, \
         tone_negative = tone_negative + v.neg, \
         mean_stars = CASE WHEN rating_count + v.n > 0 \
         THEN CAST(stars_sum + v.s AS DOUBLE PRECISION) / (rating_count + v.n) ELSE 0 END \
         FROM v WHERE publications.id = v.id",
        value_rows(n, 11)
    )
}

fn upsert_sql(n: usize) -> String {
    format!(
        "INSERT INTO publication_audience AS t (publication_id, audience, rating_count, stars_sum, \
         tone_positive, tone_neutral, tone_negative) VALUES {} \
         ON CONFLICT (publication_id, audience) DO UPDATE SET \
         rating_count = t.rating_count + excluded.rating_count, \
         stars_sum = t.stars_sum + excluded.stars_sum, \
         tone_positive = t.tone_positive + excluded.tone_positive, \
         tone_neutral = t.tone_neutral + excluded.tone_neutral, \
         tone_negative = t.tone_negative + excluded.tone_negative",
        value_rows(n, 7)
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::publications::Tone;

    #[test]
    fn ratings_of_one_publication_in_a_batch_are_one_change() {
        let mut batch = TotalChanges::default();
        for (audience, stars) in [("citizen", 5), ("journalist", 2), ("citizen", 3)] {
            let mut one = TotalChanges::default();
            one.add(7, audience, &Amount::one(stars, Tone::Neutral, false, 1));
            batch.absorb(one);
        }
        let publications = changed(batch.publications.clone());
        assert_eq!(publications.len(), 1);
        assert_eq!((publications[0].1.count, publications[0].1.stars_sum), (3, 10));
        let audiences = changed(batch.audiences);
        assert_eq!(
            audiences.iter().map(|((_, a), x)| (*a, x.count)).collect::<Vec<_>>(),
            [("citizen", 2), ("journalist", 1)]
        );
    }

    #[test]
    fn a_rating_replaced_by_the_same_writes_nothing() {
        let mut c = TotalChanges::default();
        c.add(7, "citizen", &Amount::one(4, Tone::Positive, false, -1));
        c.add(7, "citizen", &Amount::one(4, Tone::Positive, false, 1));
        assert!(changed(c.publications).is_empty());
        assert!(changed(c.audiences).is_empty());
    }

    #[test]
    fn the_update_numbers_every_value_of_every_publication() {
        let sql = update_sql(2);
        assert!(sql.contains("($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11), ($12,"));
        assert!(sql.ends_with("WHERE publications.id = v.id"));
    }
}
