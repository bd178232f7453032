//! Public ratings: one per visitor per publication, replaced (never counted
//! twice) when the visitor rates again. The publication's aggregates (count,
//! star distribution, tone, split by audience) change in the same
//! transaction, so pages read them instead of scanning ratings.

use crate::error::{AppError, FieldCode, FieldError};
use crate::on_tx;
use crate::platform::db::{Db, Tx};
use crate::platform::deferred;
use crate::platform::query::value_rows;
use crate::publications::cube_changes::CubeChanges;
use crate::publications::moderation;
use crate::publications::rating_cube::{self, Amount, Dims};
use crate::publications::rating_totals::TotalChanges;
use crate::publications::{Audience, RateOutcome, RatingInput, Tone};
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

/// The visitor's earlier rating of the publication.
struct Existing {
    stars: i64,
    tone: String,
    audience: String,
    comment: Option<String>,
    comment_status: Option<String>,
    updated_at: DateTime<Utc>,
}

/// A row of [`target`]: the publication's keys, one of its topics, and the
/// visitor's earlier rating.
type TargetRow = (
    i64,
    String,
    Option<String>,
    Option<i64>,
    Option<String>,
    Option<String>,
    Option<String>,
    Option<String>,
    Option<DateTime<Utc>>,
);

/// What a rating changes, in one statement (the writer of a grouped batch
/// runs its statements one after another): the publication's keys in the
/// rating cube (not found unless published) and the visitor's earlier
/// rating of it, if any.
async fn target(tx: &mut Tx, publication_id: i64, visitor: &str) -> Result<(Dims, Option<Existing>), AppError> {
    let rows: Vec<TargetRow> = on_tx!(tx, |c| sqlx::query_as(
        "SELECT p.department_id, p.channel, t.topic_code, r.stars, r.tone, r.audience, r.comment, \
         r.comment_status, r.updated_at FROM publications p \
         LEFT JOIN publication_topics t ON t.publication_id = p.id \
         LEFT JOIN ratings r ON r.publication_id = p.id AND r.visitor_hash = $2 \
         WHERE p.id = $1 AND p.status = 'published' ORDER BY t.topic_code"
    )
    .bind(publication_id)
    .bind(visitor)
    .fetch_all(c)
    .await)?;
    let first = rows.first().ok_or_else(AppError::not_found)?;
    let existing = match first {
        (_, _, _, Some(stars), Some(tone), Some(audience), comment, comment_status, Some(updated_at)) => {
            Some(Existing {
                stars: *stars,
                tone: tone.clone(),
                audience: audience.clone(),
                comment: comment.clone(),
                comment_status: comment_status.clone(),
                updated_at: *updated_at,
            })
        }
        _ => None,
    };
    let d = Dims {
        department_id: first.0,
        channel: first.1.clone(),
        topics: rows.iter().filter_map(|r| r.2.clone()).collect(),
    };
    Ok((d, existing))
}

/// Rates `publication_id` as the visitor `visitor`; a second rating by the
/// same visitor replaces the first. A comment waits for moderation unless it
/// is unchanged from an already approved one.
pub async fn rate(
    db: &Db,
    publication_id: i64,
    visitor: &str,
    v: &ValidRating,
    now: DateTime<Utc>,
    tz: chrono_tz::Tz,
) -> Result<RateOutcome, AppError> {
    let mut tx = db.begin().await?;
    let outcome = rate_in(&mut tx, publication_id, visitor, v, now, tz).await?;
    tx.commit().await?;
    Ok(outcome)
}

/// [`rate`] inside the caller's transaction (the API stores its idempotency
/// record in the same one).
pub async fn rate_in(
    tx: &mut Tx,
    publication_id: i64,
    visitor: &str,
    v: &ValidRating,
    now: DateTime<Utc>,
    tz: chrono_tz::Tz,
) -> Result<RateOutcome, AppError> {
    let (d, existing) = target(tx, publication_id, visitor).await?;
    let flags = v
        .comment
        .as_deref()
        .map(moderation::flags)
        .unwrap_or_default()
        .join(",");
    // The publication's own figures and the rating cube: the earlier
    // rating leaves them, this one joins; in a grouped write, with the
    // batch's other ratings at its end.
    let mut totals = TotalChanges::default();
    let mut replaced = None;
    let outcome = match existing {
        Some(old) => {
            let old_tone = Tone::parse(&old.tone).unwrap_or(Tone::Neutral);
            let old_audience = Audience::parse(&old.audience).unwrap_or(Audience::Other);
            replaced = Some((old.updated_at, old_audience, old.stars, old_tone, old.comment.is_some()));
            totals.add(
                publication_id,
                old_audience.as_str(),
                &Amount::one(old.stars, old_tone, old.comment.is_some(), -1),
            );
            let status = match (&v.comment, old.comment_status.as_deref()) {
                (None, _) => None,
                (Some(new), Some("approved")) if old.comment.as_deref() == Some(new.as_str()) => Some("approved"),
                (Some(_), _) => Some("pending"),
            };
            on_tx!(tx, |c| sqlx::query(
                "UPDATE ratings SET stars = $3, tone = $4, audience = $5, comment = $6, comment_status = $7, \
                 comment_flags = $8, updated_at = $9, \
                 moderated_by = CASE WHEN $7 = 'approved' THEN moderated_by ELSE NULL END, \
                 moderated_at = CASE WHEN $7 = 'approved' THEN moderated_at ELSE NULL END, \
                 reject_reason = NULL \
                 WHERE publication_id = $1 AND visitor_hash = $2"
            )
            .bind(publication_id)
            .bind(visitor)
            .bind(v.stars)
            .bind(v.tone.as_str())
            .bind(v.audience.as_str())
            .bind(v.comment.as_deref())
            .bind(status)
            .bind(&flags)
            .bind(now)
            .execute(c)
            .await
            .map(|r| r.rows_affected()))?;
            RateOutcome::Replaced
        }
        None => {
            on_tx!(tx, |c| sqlx::query(
                "INSERT INTO ratings (publication_id, visitor_hash, stars, tone, audience, comment, comment_status, \
                 comment_flags, created_at, updated_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $9)"
            )
            .bind(publication_id)
            .bind(visitor)
            .bind(v.stars)
            .bind(v.tone.as_str())
            .bind(v.audience.as_str())
            .bind(v.comment.as_deref())
            .bind(v.comment.as_ref().map(|_| "pending"))
            .bind(&flags)
            .bind(now)
            .execute(c)
            .await
            .map(|r| r.rows_affected()))?;
            RateOutcome::Created
        }
    };
    let given = Amount::one(v.stars, v.tone, v.comment.is_some(), 1);
    totals.add(publication_id, v.audience.as_str(), &given);
    deferred::defer(tx, totals).await?;
    let mut cube = CubeChanges::default();
    if let Some((at, audience, stars, tone, comment)) = replaced {
        let gone = Amount::one(stars, tone, comment, -1);
        cube.add(rating_cube::day_of(at, tz), &d, audience.as_str(), &gone);
    }
    cube.add(rating_cube::day_of(now, tz), &d, v.audience.as_str(), &given);
    deferred::defer(tx, cube).await?;
    Ok(outcome)
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
