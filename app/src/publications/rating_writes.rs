//! Writing ratings: one per visitor per publication, a later one replacing
//! the earlier (never counted twice). Ratings are written many at once: the
//! writer of a grouped commit hands every rating waiting in its batch to
//! [`rate_many`], which reads their publications and the visitors' earlier
//! ratings in one statement, works each outcome out in order (a visitor who
//! rates twice in one batch replaces their own rating), writes the rows with
//! one multi-row upsert, and leaves the publications' figures and the rating
//! cube, summed, for the batch's end (see `platform::deferred`).

use crate::error::AppError;
use crate::on_tx;
use crate::platform::db::Tx;
use crate::platform::deferred;
use crate::platform::group_commit::{Together, WriteFuture};
use crate::platform::query::{statement_chunks, value_rows, SizedTexts};
use crate::publications::cube_changes::CubeChanges;
use crate::publications::moderation;
use crate::publications::rating_cube::{self, Amount, Dims};
use crate::publications::rating_totals::TotalChanges;
use crate::publications::ratings::ValidRating;
use crate::publications::{Audience, RateOutcome, Tone};
use chrono::{DateTime, Utc};
use std::collections::HashMap;

/// One visitor's rating of one publication, to be written.
#[derive(Debug, Clone)]
pub struct VisitorRating {
    pub publication_id: i64,
    /// The visitor's hashed identifier.
    pub visitor: String,
    pub rating: ValidRating,
    pub at: DateTime<Utc>,
    /// The body's time zone: the day the rating counts on in the cube.
    pub tz: chrono_tz::Tz,
}

impl Together for VisitorRating {
    type Out = RateOutcome;

    fn run_together(tx: &mut Tx, writes: Vec<Self>) -> WriteFuture<'_, Vec<Result<RateOutcome, AppError>>> {
        Box::pin(rate_many(tx, writes))
    }
}

/// A visitor's rating as it stands: read, or written earlier in the batch.
#[derive(Debug, Clone)]
struct Standing {
    stars: i64,
    tone: Tone,
    audience: Audience,
    comment: Option<String>,
    comment_status: Option<&'static str>,
    updated_at: DateTime<Utc>,
}

/// A rated publication's keys in the cube and the visitor's rating of it.
struct Target {
    dims: Dims,
    standing: Option<Standing>,
    /// When the row was first written, if this batch creates it.
    created_at: Option<DateTime<Utc>>,
    /// Whether this batch writes the row.
    written: bool,
}

type Pair = (i64, String);

/// Rates every write in `tx`, in order, and answers each: not found for a
/// publication that is not published. The caller commits.
pub async fn rate_many(
    tx: &mut Tx,
    writes: Vec<VisitorRating>,
) -> Result<Vec<Result<RateOutcome, AppError>>, AppError> {
    let mut pairs: Vec<Pair> = writes.iter().map(|w| (w.publication_id, w.visitor.clone())).collect();
    pairs.sort();
    pairs.dedup();
    let mut targets = read_targets(tx, &pairs).await?;
    let mut changes = Changes::default();
    let mut answers = Vec::with_capacity(writes.len());
    for w in &writes {
        let Some(target) = targets.get_mut(&(w.publication_id, w.visitor.clone())) else {
            answers.push(Err(AppError::not_found()));
            continue;
        };
        answers.push(Ok(apply(target, w, &mut changes)));
    }
    let rows: Vec<(&Pair, &Target)> = targets.iter().filter(|(_, t)| t.written).collect();
    write_rows(tx, &rows).await?;
    deferred::defer(tx, changes.totals).await?;
    deferred::defer(tx, changes.cube).await?;
    Ok(answers)
}

/// What a batch's ratings change: each publication's figures and the
/// rating cube's rows, summed.
#[derive(Default)]
struct Changes {
    totals: TotalChanges,
    cube: CubeChanges,
}

impl Changes {
    /// Counts `a`, given at `at` by `audience` to the rating's publication.
    fn count(&mut self, w: &VisitorRating, dims: &Dims, at: DateTime<Utc>, audience: Audience, a: &Amount) {
        self.totals.add(w.publication_id, audience.as_str(), a);
        self.cube.add(rating_cube::day_of(at, w.tz), dims, audience.as_str(), a);
    }
}

/// Works out one rating against what stands: its outcome, the change to the
/// figures (the earlier rating leaves them, this one joins) and what stands
/// after it.
fn apply(target: &mut Target, w: &VisitorRating, changes: &mut Changes) -> RateOutcome {
    let v = &w.rating;
    let (outcome, comment_status) = match target.standing.take() {
        Some(old) => {
            let gone = Amount::one(old.stars, old.tone, old.comment.is_some(), -1);
            changes.count(w, &target.dims, old.updated_at, old.audience, &gone);
            // An approved comment sent again unchanged stays approved.
            let status = match (&v.comment, old.comment_status) {
                (None, _) => None,
                (Some(new), Some("approved")) if old.comment.as_deref() == Some(new.as_str()) => Some("approved"),
                (Some(_), _) => Some("pending"),
            };
            (RateOutcome::Replaced, status)
        }
        None => {
            target.created_at = Some(w.at);
            (RateOutcome::Created, v.comment.as_ref().map(|_| "pending"))
        }
    };
    let given = Amount::one(v.stars, v.tone, v.comment.is_some(), 1);
    changes.count(w, &target.dims, w.at, v.audience, &given);
    target.standing = Some(Standing {
        stars: v.stars,
        tone: v.tone,
        audience: v.audience,
        comment: v.comment.clone(),
        comment_status,
        updated_at: w.at,
    });
    target.written = true;
    outcome
}

/// A row of [`read_targets`]: the pair, the publication's keys, one of its
/// topics, and the visitor's earlier rating.
type TargetRow = (
    i64,
    String,
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

/// Pairs per reading statement (two parameters each).
const PAIRS_PER_READ: usize = 32;

/// The targets of `pairs` whose publication is published, in one statement
/// per [`PAIRS_PER_READ`] pairs.
async fn read_targets(tx: &mut Tx, pairs: &[Pair]) -> Result<HashMap<Pair, Target>, AppError> {
    let mut targets: HashMap<Pair, Target> = HashMap::with_capacity(pairs.len());
    for chunk in statement_chunks(pairs, PAIRS_PER_READ) {
        let sql = READS.get(tx.engine(), chunk.len());
        let rows: Vec<TargetRow> = on_tx!(tx, |c| {
            let mut q = sqlx::query_as(sql);
            for (id, visitor) in chunk {
                q = q.bind(*id).bind(visitor);
            }
            q.fetch_all(c).await
        })?;
        for (id, visitor, department_id, channel, topic, stars, tone, audience, comment, status, updated_at) in rows {
            let target = targets.entry((id, visitor)).or_insert_with(|| Target {
                dims: Dims {
                    department_id,
                    channel,
                    topics: Vec::new(),
                },
                standing: match (stars, &tone, &audience, updated_at) {
                    (Some(stars), Some(tone), Some(audience), Some(updated_at)) => Some(Standing {
                        stars,
                        tone: Tone::parse(tone).unwrap_or(Tone::Neutral),
                        audience: Audience::parse(audience).unwrap_or(Audience::Other),
                        comment,
                        comment_status: status.as_deref().and_then(known_status),
                        updated_at,
                    }),
                    _ => None,
                },
                created_at: None,
                written: false,
            });
            target.dims.topics.extend(topic);
        }
    }
    Ok(targets)
}

fn known_status(s: &str) -> Option<&'static str> {
    ["pending", "approved", "rejected"].into_iter().find(|k| *k == s)
}

/// The reads of 1, 2, 4 … [`PAIRS_PER_READ`] pairs: each pair's publication
/// (if published), its topics in order, and the visitor's rating of it.
static READS: std::sync::LazyLock<SizedTexts> = std::sync::LazyLock::new(|| {
    SizedTexts::new(PAIRS_PER_READ, |n| {
        format!(
            "WITH w(pid, visitor) AS (VALUES {}) \
             SELECT w.pid, w.visitor, p.department_id, p.channel, t.topic_code, r.stars, r.tone, r.audience, \
             r.comment, r.comment_status, r.updated_at FROM w \
             JOIN publications p ON p.id = w.pid AND p.status = 'published' \
             LEFT JOIN publication_topics t ON t.publication_id = p.id \
             LEFT JOIN ratings r ON r.publication_id = p.id AND r.visitor_hash = w.visitor \
             ORDER BY w.pid, w.visitor, t.topic_code",
            value_rows(n, 2)
        )
    })
});

/// Rows per upsert (ten parameters each).
const ROWS_PER_WRITE: usize = 16;

/// Writes each pair's rating as it stands after the batch: a new row, or
/// the visitor's row replaced (a moderator's approval kept only while the
/// comment stays approved).
async fn write_rows(tx: &mut Tx, rows: &[(&Pair, &Target)]) -> Result<(), AppError> {
    for chunk in statement_chunks(rows, ROWS_PER_WRITE) {
        let sql = UPSERTS.get(tx.engine(), chunk.len());
        on_tx!(tx, |c| {
            let mut q = sqlx::query(sql);
            for ((id, visitor), target) in chunk {
                let s = target.standing.as_ref().expect("a written rating stands");
                let flags = s
                    .comment
                    .as_deref()
                    .map(moderation::flags)
                    .unwrap_or_default()
                    .join(",");
                q = q
                    .bind(*id)
                    .bind(visitor)
                    .bind(s.stars)
                    .bind(s.tone.as_str())
                    .bind(s.audience.as_str())
                    .bind(s.comment.as_deref())
                    .bind(s.comment_status)
                    .bind(flags)
                    .bind(target.created_at.unwrap_or(s.updated_at))
                    .bind(s.updated_at);
            }
            q.execute(c).await.map(|r| r.rows_affected())
        })?;
    }
    Ok(())
}

/// The upserts of 1, 2, 4 … [`ROWS_PER_WRITE`] ratings.
static UPSERTS: std::sync::LazyLock<SizedTexts> = std::sync::LazyLock::new(|| {
    SizedTexts::new(ROWS_PER_WRITE, |n| {
        format!(
            "INSERT INTO ratings (publication_id, visitor_hash, stars, tone, audience, comment, comment_status, \
             comment_flags, created_at, updated_at) VALUES {} \
             ON CONFLICT (publication_id, visitor_hash) DO UPDATE SET stars = excluded.stars, tone = excluded.tone, \
             audience = excluded.audience, comment = excluded.comment, comment_status = excluded.comment_status, \
             comment_flags = excluded.comment_flags, updated_at = excluded.updated_at, \
             moderated_by = CASE WHEN excluded.comment_status = 'approved' THEN ratings.moderated_by ELSE NULL END, \
             moderated_at = CASE WHEN excluded.comment_status = 'approved' THEN ratings.moderated_at ELSE NULL END, \
             reject_reason = NULL",
            value_rows(n, 10)
        )
    })
});

/// [`rate_many`] of one rating inside the caller's transaction (the API
/// stores its idempotency record in the same one).
pub async fn rate_in(tx: &mut Tx, write: VisitorRating) -> Result<RateOutcome, AppError> {
    rate_many(tx, vec![write])
        .await?
        .pop()
        .unwrap_or_else(|| Err(AppError::internal("a rating went unanswered")))
}
