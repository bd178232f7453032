//! Public ratings: what a valid rating is, the visitor's own rating for the
//! form, and bulk loading with a rebuild of the aggregates (demo data,
//! benchmarks, repair). Writing one is `rating_writes`: the publication's
//! aggregates (count, star distribution, tone, split by audience) change in
//! the same transaction, so pages read them instead of scanning ratings.

use crate::error::{AppError, FieldCode, FieldError};
use crate::on_tx;
use crate::platform::db::Db;
use crate::platform::query::value_rows;
use crate::publications::rating_cube;
use crate::publications::{Audience, RatingInput, Tone};
use chrono::{DateTime, Utc};

pub const MAX_COMMENT_CHARS: usize = 2000;

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ValidRating {
    pub stars: i64,
    pub tone: Tone,
    pub audience: Audience,
    pub comment: Option<String>,
}

/// Checks a rating and names every bad field at once.
pub fn validate(input: &RatingInput) -> Result<ValidRating, AppError> {
    let mut errs = Vec::new();
    let mut bad = |field: &str, code: FieldCode| {
        errs.push(FieldError {
            field: field.into(),
            code,
        })
    };
    let stars = match input.stars.trim() {
        "" => {
            bad("stars", FieldCode::Required);
            None
        }
        s => match s.parse::<i64>() {
            Ok(n) if (1..=5).contains(&n) => Some(n),
            _ => {
                bad("stars", FieldCode::StarsRange);
                None
            }
        },
    };
    let tone = match input.tone.trim() {
        "" => {
            bad("tone", FieldCode::Required);
            None
        }
        t => Tone::parse(t).or_else(|| {
            bad("tone", FieldCode::InvalidChoice);
            None
        }),
    };
    let audience = match input.audience.trim() {
        "" => {
            bad("audience", FieldCode::Required);
            None
        }
        a => Audience::parse(a).or_else(|| {
            bad("audience", FieldCode::InvalidChoice);
            None
        }),
    };
    let comment = input.comment.trim();
    if comment.chars().count() > MAX_COMMENT_CHARS {
        bad("comment", FieldCode::TooLong2000);
    }
    if !errs.is_empty() {
        return Err(AppError::fields(errs));
    }
    Ok(ValidRating {
        stars: stars.expect("checked"),
        tone: tone.expect("checked"),
        audience: audience.expect("checked"),
        comment: (!comment.is_empty()).then(|| comment.to_string()),
    })
}

/// The visitor's current rating of a publication, to prefill the form.
pub async fn visitor_rating(db: &Db, publication_id: i64, visitor: &str) -> Result<Option<RatingInput>, AppError> {
    let row: Option<(i64, String, String, Option<String>)> = crate::on_read!(db, |c| sqlx::query_as(
        "SELECT stars, tone, audience, comment FROM ratings WHERE publication_id = $1 AND visitor_hash = $2"
    )
    .bind(publication_id)
    .bind(visitor)
    .fetch_optional(c)
    .await)?;
    Ok(row.map(|(stars, tone, audience, comment)| RatingInput {
        stars: stars.to_string(),
        tone,
        audience,
        comment: comment.unwrap_or_default(),
    }))
}

/// One rating for [`bulk_insert`].
pub struct BulkRating {
    pub publication_id: i64,
    pub visitor_hash: String,
    pub stars: i64,
    pub tone: &'static str,
    pub audience: &'static str,
    pub comment: Option<&'static str>,
    pub comment_status: Option<&'static str>,
    pub at: DateTime<Utc>,
}

/// Writes many ratings in multi-row statements, without touching the
/// aggregates: for demo data and benchmarks, followed by
/// [`recompute_aggregates`]. Visitors must be distinct per publication.
pub async fn bulk_insert(db: &Db, rows: &[BulkRating]) -> Result<(), AppError> {
    const PER_STATEMENT: usize = 400;
    for statements in rows.chunks(PER_STATEMENT * 25) {
        let mut tx = db.begin().await?;
        for chunk in statements.chunks(PER_STATEMENT) {
            let sql = format!(
                "INSERT INTO ratings (publication_id, visitor_hash, stars, tone, audience, comment, comment_status, created_at, updated_at) VALUES {}",
                value_rows(chunk.len(), 9)
            );
            on_tx!(&mut tx, |c| {
                let mut q = sqlx::query(&sql);
                for r in chunk {
                    q = q
                        .bind(r.publication_id)
                        .bind(&r.visitor_hash)
                        .bind(r.stars)
                        .bind(r.tone)
                        .bind(r.audience)
                        .bind(r.comment)
                        .bind(r.comment_status)
                        .bind(r.at)
                        .bind(r.at);
                }
                q.execute(c).await.map(|r| r.rows_affected())
            })?;
        }
        tx.commit().await?;
    }
    Ok(())
}

/// Rebuilds every publication's aggregates from its ratings: for bulk
/// imports (demo data, benchmarks) and as a repair tool. Normal rating
/// writes keep the aggregates current without it.
pub async fn recompute_aggregates(db: &Db, tz: chrono_tz::Tz) -> Result<(), AppError> {
    rating_cube::rebuild(db, tz).await?;
    let mut tx = db.begin().await?;
    let count = |cond: &str| format!("(SELECT COUNT(*) FROM ratings r WHERE r.publication_id = publications.id{cond})");
    let sql = format!(
        "UPDATE publications SET rating_count = {}, stars_sum = (SELECT COALESCE(SUM(stars), 0) FROM ratings r WHERE r.publication_id = publications.id), \
         stars_1 = {}, stars_2 = {}, stars_3 = {}, stars_4 = {}, stars_5 = {}, tone_positive = {}, tone_neutral = {}, tone_negative = {}",
        count(""),
        count(" AND r.stars = 1"),
        count(" AND r.stars = 2"),
        count(" AND r.stars = 3"),
        count(" AND r.stars = 4"),
        count(" AND r.stars = 5"),
        count(" AND r.tone = 'positive'"),
        count(" AND r.tone = 'neutral'"),
        count(" AND r.tone = 'negative'"),
    );
    on_tx!(&mut tx, |c| sqlx::query(&sql)
        .execute(c)
        .await
        .map(|r| r.rows_affected()))?;
    on_tx!(&mut tx, |c| {
        sqlx::query(
        "UPDATE publications SET mean_stars = CASE WHEN rating_count > 0 THEN CAST(stars_sum AS DOUBLE PRECISION) / rating_count ELSE 0 END"
    )
    .execute(c)
    .await
    .map(|r| r.rows_affected())
    })?;
    on_tx!(&mut tx, |c| sqlx::query("DELETE FROM publication_audience")
        .execute(c)
        .await
        .map(|r| r.rows_affected()))?;
    on_tx!(&mut tx, |c| {
        sqlx::query(
        "INSERT INTO publication_audience (publication_id, audience, rating_count, stars_sum, tone_positive, tone_neutral, tone_negative) \
         SELECT publication_id, audience, COUNT(*), SUM(stars), SUM(CASE WHEN tone = 'positive' THEN 1 ELSE 0 END), \
         SUM(CASE WHEN tone = 'neutral' THEN 1 ELSE 0 END), SUM(CASE WHEN tone = 'negative' THEN 1 ELSE 0 END) \
         FROM ratings GROUP BY publication_id, audience"
    )
    .execute(c)
    .await
    .map(|r| r.rows_affected())
    })?;
    tx.commit().await?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::publications::rating_cube::Amount;

    fn input(stars: &str, tone: &str, audience: &str, comment: &str) -> RatingInput {
        RatingInput {
            stars: stars.into(),
            tone: tone.into(),
            audience: audience.into(),
            comment: comment.into(),
        }
    }

    #[test]
    fn a_good_rating_passes_with_its_comment_trimmed() {
        let v = validate(&input("4", "positive", "citizen", "  Clear and useful.  ")).unwrap();
        assert_eq!((v.stars, v.tone, v.audience), (4, Tone::Positive, Audience::Citizen));
        assert_eq!(v.comment.as_deref(), Some("Clear and useful."));
        assert_eq!(validate(&input("5", "neutral", "ngo", "   ")).unwrap().comment, None);
    }

    #[test]
    fn stars_outside_one_to_five_are_refused() {
        for s in ["0", "6", "-1", "3.5", "many"] {
            assert_eq!(
                validate(&input(s, "neutral", "citizen", ""))
                    .unwrap_err()
                    .field_code("stars"),
                Some(FieldCode::StarsRange),
                "{s}"
            );
        }
    }

    #[test]
    fn every_bad_field_is_named() {
        let e = validate(&input("", "furious", "", &"x".repeat(2001))).unwrap_err();
        assert_eq!(e.field_code("stars"), Some(FieldCode::Required));
        assert_eq!(e.field_code("tone"), Some(FieldCode::InvalidChoice));
        assert_eq!(e.field_code("audience"), Some(FieldCode::Required));
        assert_eq!(e.field_code("comment"), Some(FieldCode::TooLong2000));
    }

    #[test]
    fn a_comment_of_exactly_2000_characters_is_accepted() {
        assert!(validate(&input("3", "neutral", "other", &"қ".repeat(2000))).is_ok());
    }

    #[test]
    fn replacing_a_rating_moves_it_between_buckets_without_changing_the_count() {
        let mut d = Amount::default();
        d.add(2, Tone::Negative, false, -1);
        d.add(5, Tone::Positive, false, 1);
        assert_eq!(
            d,
            Amount {
                count: 0,
                stars_sum: 3,
                stars: [0, -1, 0, 0, 1],
                positive: 1,
                neutral: 0,
                negative: -1,
                comments: 0,
            }
        );
    }
}
