//! Changes to the rating cube, summed per row before they are written. One
//! rating counts in up to 36 rows (three spans × its audience and all ×
//! its channel and all × all topics and each of its own); ratings given
//! side by side share most of them, so a batch of grouped ratings defers
//! its changes (see `platform::deferred`) and writes each row once, with a
//! few multi-row upserts, just before its commit.

use crate::on_tx;
use crate::platform::db::Tx;
use crate::platform::deferred::{Deferred, FinishFuture};
use crate::platform::query::{statement_chunks, SizedTexts};
use crate::platform::spans;
use crate::publications::rating_cube::{Amount, Dims};
use chrono::NaiveDate;
use std::collections::BTreeMap;

/// A row of the cube: '' in audience, channel or topic stands for all.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
struct Key {
    span: &'static str,
    day: NaiveDate,
    audience: String,
    channel: String,
    topic: String,
    department_id: i64,
}

/// What to add to each row of the cube.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct CubeChanges {
    rows: BTreeMap<Key, Amount>,
}

const KEY_COLUMNS: &str = "span, day, audience, channel, topic_code, department_id";
const SUM_COLUMNS: [&str; 11] = [
    "count",
    "stars_sum",
    "stars_1",
    "stars_2",
    "stars_3",
    "stars_4",
    "stars_5",
    "positive",
    "neutral",
    "negative",
    "comments",
];
/// Rows per statement at most: 17 values each, 272 parameters, about
/// `platform::query::PARAMS_PER_STATEMENT` (with 64 rows, 1,088
/// parameters, binding them by name took 6 % of the server's time in a
/// profile of grouped ratings).
const ROWS_PER_STATEMENT: usize = 16;

impl CubeChanges {
    /// Adds `a`, given on `day` by `audience` to a publication with `d`, to
    /// every row it counts in.
    pub fn add(&mut self, day: NaiveDate, d: &Dims, audience: &str, a: &Amount) {
        let spans = [
            ("d", day),
            ("w", spans::week_start(day)),
            ("m", spans::month_start(day)),
        ];
        for (span, start) in spans {
            for audience in [audience, ""] {
                for channel in [d.channel.as_str(), ""] {
                    for topic in std::iter::once("").chain(d.topics.iter().map(String::as_str)) {
                        let key = Key {
                            span,
                            day: start,
                            audience: audience.to_string(),
                            channel: channel.to_string(),
                            topic: topic.to_string(),
                            department_id: d.department_id,
                        };
                        self.rows.entry(key).or_default().plus(a);
                    }
                }
            }
        }
    }

    /// How many rows of the cube these changes touch.
    pub fn len(&self) -> usize {
        self.rows.values().filter(|a| **a != Amount::default()).count()
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// Writes the changes in `tx`: one upsert per [`ROWS_PER_STATEMENT`] rows.
    pub async fn write(self, tx: &mut Tx) -> Result<(), sqlx::Error> {
        let rows: Vec<(Key, Amount)> = self.rows.into_iter().filter(|(_, a)| *a != Amount::default()).collect();
        for chunk in statement_chunks(&rows, ROWS_PER_STATEMENT) {
            // Sizes are powers of two up to 16: one text each, built once.
            let sql = UPSERTS.get(tx.engine(), chunk.len());
            on_tx!(tx, |c| {
                let mut q = sqlx::query(sql);
                for (k, a) in chunk {
                    q = q
                        .bind(k.span)
                        .bind(k.day.to_string())
                        .bind(&k.audience)
                        .bind(&k.channel)
                        .bind(&k.topic)
                        .bind(k.department_id)
                        .bind(a.count)
                        .bind(a.stars_sum);
                    for n in a.stars {
                        q = q.bind(n);
                    }
                    q = q.bind(a.positive).bind(a.neutral).bind(a.negative).bind(a.comments);
                }
                q.execute(c).await.map(|r| r.rows_affected())
            })?;
        }
        Ok(())
    }
}

impl Deferred for CubeChanges {
    fn absorb(&mut self, later: Self) {
        for (k, a) in later.rows {
            self.rows.entry(k).or_default().plus(&a);
        }
    }

    fn finish<'t>(self: Box<Self>, tx: &'t mut Tx) -> FinishFuture<'t> {
        Box::pin(async move { self.write(tx).await })
    }
}

/// The upserts of 1, 2, 4 … 16 rows (see `platform::query::statement_sizes`).
static UPSERTS: std::sync::LazyLock<SizedTexts> =
    std::sync::LazyLock::new(|| SizedTexts::new(ROWS_PER_STATEMENT, upsert_sql));

/// The upsert of `n` rows: each row's six keys and eleven sums in turn.
fn upsert_sql(n: usize) -> String {
    let width = 6 + SUM_COLUMNS.len();
    let values = (0..n)
        .map(|r| {
            let params = (1..=width).map(|i| format!("${}", r * width + i)).collect::<Vec<_>>();
            format!("({})", params.join(", "))
        })
        .collect::<Vec<_>>()
        .join(", ");
    let add = SUM_COLUMNS
        .iter()
        .map(|c| format!("{c} = t.{c} + excluded.{c}"))
        .collect::<Vec<_>>()
        .join(", ");
    format!(
        "INSERT INTO rating_cube AS t ({KEY_COLUMNS}, {}) VALUES {values} ON CONFLICT ({KEY_COLUMNS}) DO UPDATE SET {add}",
        SUM_COLUMNS.join(", ")
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::platform::query::statement_sizes;
    use crate::publications::Tone;

    fn dims(topics: &[&str]) -> Dims {
        Dims {
            department_id: 7,
            channel: "website".into(),
            topics: topics.iter().map(|t| t.to_string()).collect(),
        }
    }

    #[test]
    fn one_rating_counts_in_every_row_it_belongs_to() {
        let mut c = CubeChanges::default();
        let day = NaiveDate::from_ymd_opt(2026, 12, 3).unwrap();
        c.add(
            day,
            &dims(&["health", "roads"]),
            "citizen",
            &Amount::one(4, Tone::Positive, false, 1),
        );
        assert_eq!(c.len(), 3 * 2 * 2 * 3);
    }

    #[test]
    fn ratings_given_side_by_side_share_their_rows() {
        let day = NaiveDate::from_ymd_opt(2026, 12, 3).unwrap();
        let mut batch = CubeChanges::default();
        for (audience, stars) in [("citizen", 5), ("journalist", 2), ("citizen", 3)] {
            let mut one = CubeChanges::default();
            one.add(
                day,
                &dims(&["health"]),
                audience,
                &Amount::one(stars, Tone::Neutral, false, 1),
            );
            batch.absorb(one);
        }
        // Two audiences' own rows plus the rows for all audiences: 3 spans ×
        // 3 audience keys × 2 channel keys × 2 topic keys.
        assert_eq!(batch.len(), 3 * 3 * 2 * 2);
        let all = batch
            .rows
            .iter()
            .find(|(k, _)| k.span == "d" && k.audience.is_empty() && k.channel.is_empty() && k.topic.is_empty())
            .map(|(_, a)| *a)
            .unwrap();
        assert_eq!((all.count, all.stars_sum, all.stars), (3, 10, [0, 1, 1, 0, 1]));
    }

    #[test]
    fn a_rating_replaced_on_its_own_day_leaves_no_change_behind() {
        let day = NaiveDate::from_ymd_opt(2026, 12, 3).unwrap();
        let mut c = CubeChanges::default();
        c.add(day, &dims(&[]), "citizen", &Amount::one(4, Tone::Positive, false, -1));
        c.add(day, &dims(&[]), "citizen", &Amount::one(4, Tone::Positive, false, 1));
        assert!(c.is_empty(), "nothing to write");
    }

    #[test]
    fn rows_are_written_in_few_statement_sizes() {
        let mut texts = std::collections::BTreeSet::new();
        for rows in 0..=300 {
            let sizes = statement_sizes(rows, ROWS_PER_STATEMENT);
            assert_eq!(sizes.iter().sum::<usize>(), rows);
            texts.extend(sizes);
        }
        assert_eq!(texts.into_iter().collect::<Vec<_>>(), [1, 2, 4, 8, 16]);
    }

    #[test]
    fn the_upsert_numbers_every_value_of_every_row() {
        let sql = upsert_sql(2);
        assert!(sql.contains("($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17), ($18,"));
        assert!(sql.ends_with("comments = t.comments + excluded.comments"));
    }
}
