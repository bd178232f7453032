//! Ratings written together (`publications::rating_writes::rate_many`): a
//! batch of many ratings gives each the answer, and leaves the figures, it
//! would have alone, in order; a visitor who rates twice in one batch
//! replaces their own rating.

use crate::helpers::*;
use crate::on_both_engines;
use crate::ratings::make_publication;
use app::error::ErrorCode;
use app::platform::db::Engine;
use app::publications::rating_writes::{self, VisitorRating};
use app::publications::ratings::{self, ValidRating};
use app::publications::{Audience, Channel, Kind, RateOutcome, Tone};
use chrono_tz::Asia::Almaty;

on_both_engines!(
    a_batch_of_ratings_answers_each_as_if_written_alone,
    an_approved_comment_sent_again_unchanged_stays_approved
);

fn write(id: i64, visitor: &str, stars: i64, tone: Tone, audience: Audience, comment: Option<&str>) -> VisitorRating {
    VisitorRating {
        publication_id: id,
        visitor: visitor.into(),
        rating: ValidRating {
            stars,
            tone,
            audience,
            comment: comment.map(String::from),
        },
        at: chrono::Utc::now(),
        tz: Almaty,
    }
}

/// Writes `writes` as one batch and commits; each answer's outcome or code.
async fn batch(app: &TestApp, writes: Vec<VisitorRating>) -> Vec<Result<RateOutcome, ErrorCode>> {
    let mut tx = app.db.begin().await.unwrap();
    let answers = rating_writes::rate_many(&mut tx, writes).await.unwrap();
    tx.commit().await.unwrap();
    answers.into_iter().map(|a| a.map_err(|e| e.code)).collect()
}

type Stored = (String, i64, String, Option<String>, Option<String>, Option<i64>);

/// The ratings of publications `ids`, by publication and visitor.
async fn stored(app: &TestApp, ids: &[i64]) -> Vec<Stored> {
    let ids: Vec<String> = ids.iter().map(i64::to_string).collect();
    let sql = format!(
        "SELECT visitor_hash, stars, audience, comment, comment_status, moderated_by FROM ratings \
         WHERE publication_id IN ({}) ORDER BY publication_id, visitor_hash",
        ids.join(", ")
    );
    app::on_read!(&app.db, |c| sqlx::query_as(&sql).fetch_all(c).await).unwrap()
}

async fn a_batch_of_ratings_answers_each_as_if_written_alone(engine: Engine) {
    let app = spawn_app(engine).await;
    let first = make_publication(&app, "First", Kind::News, Channel::Website).await;
    let second = make_publication(&app, "Second", Kind::News, Channel::Social).await;
    let draft = make_publication(&app, "Draft", Kind::News, Channel::Website).await;
    app.exec(&format!("UPDATE publications SET status = 'draft' WHERE id = {draft}"))
        .await;
    use {Audience::*, Tone::*};
    let answers = batch(
        &app,
        vec![
            write(first, "ann", 5, Positive, Citizen, Some("Clear")),
            write(first, "bob", 3, Neutral, Journalist, None),
            // Ann changes her mind before the batch is committed.
            write(first, "ann", 2, Negative, Journalist, None),
            write(999_999, "cat", 4, Positive, Ngo, None),
            write(draft, "cat", 4, Positive, Ngo, None),
            write(second, "cat", 4, Positive, Ngo, Some("Useful")),
        ],
    )
    .await;
    use RateOutcome::*;
    let missing = Err(ErrorCode::NotFound);
    assert_eq!(
        answers,
        [Ok(Created), Ok(Created), Ok(Replaced), missing, missing, Ok(Created)]
    );
    let s = |v: &str, stars, a: &str, comment: Option<&str>, status: Option<&str>| -> Stored {
        (
            v.into(),
            stars,
            a.into(),
            comment.map(String::from),
            status.map(String::from),
            None,
        )
    };
    assert_eq!(
        stored(&app, &[first, second, draft]).await,
        [
            s("ann", 2, "journalist", None, None),
            s("bob", 3, "journalist", None, None),
            s("cat", 4, "ngo", Some("Useful"), Some("pending")),
        ]
    );
    let counts = "SELECT rating_count FROM publications WHERE id = ";
    let count = |id: i64| format!("{counts}{id}");
    assert_eq!(
        (
            app.count(&count(first)).await,
            app.count(&count(second)).await,
            app.count(&count(draft)).await
        ),
        (2, 1, 0)
    );
    assert_figures_match_a_recount(&app).await;

    // A later batch replaces what the first one stored.
    let answers = batch(
        &app,
        vec![
            write(first, "bob", 1, Negative, Citizen, Some("Late")),
            write(first, "dan", 5, Positive, Business, None),
        ],
    )
    .await;
    assert_eq!(answers, [Ok(Replaced), Ok(Created)]);
    assert_eq!(app.count(&count(first)).await, 3);
    assert_figures_match_a_recount(&app).await;
}

async fn an_approved_comment_sent_again_unchanged_stays_approved(engine: Engine) {
    let app = spawn_app(engine).await;
    let id = make_publication(&app, "Commented", Kind::News, Channel::Website).await;
    use {Audience::*, Tone::*};
    batch(&app, vec![write(id, "ann", 4, Positive, Citizen, Some("Useful"))]).await;
    let rating = app.count("SELECT id FROM ratings WHERE visitor_hash = 'ann'").await;
    let moderator = app.count("SELECT MIN(id) FROM users").await;
    app::publications::moderation::decide(&app.db, moderator, rating, None, chrono::Utc::now())
        .await
        .unwrap();
    let ann = |app: &TestApp| {
        let db = app.db.clone();
        async move {
            let row: (Option<String>, Option<i64>) = app::on_read!(&db, |c| sqlx::query_as(
                "SELECT comment_status, moderated_by FROM ratings WHERE visitor_hash = 'ann'"
            )
            .fetch_one(c)
            .await)
            .unwrap();
            row
        }
    };
    // New stars, the same comment: still approved, by the same moderator.
    batch(&app, vec![write(id, "ann", 2, Neutral, Citizen, Some("Useful"))]).await;
    assert_eq!(ann(&app).await, (Some("approved".into()), Some(moderator)));
    // A changed comment waits for moderation again, even if changed back
    // within the same batch.
    batch(
        &app,
        vec![
            write(id, "ann", 2, Neutral, Citizen, Some("Useless")),
            write(id, "ann", 2, Neutral, Citizen, Some("Useful")),
        ],
    )
    .await;
    assert_eq!(ann(&app).await, (Some("pending".into()), None));
    assert_figures_match_a_recount(&app).await;
}

/// The publications' figures and the rating cube, which batches sum and
/// write at their end, are what a recount from the stored ratings gives.
pub async fn assert_figures_match_a_recount(app: &TestApp) {
    let figures = "SELECT p.id, p.rating_count, p.stars_sum, p.stars_1, p.stars_4, p.tone_negative, a.audience, \
                   a.rating_count, a.stars_sum, a.tone_neutral FROM publications p \
                   LEFT JOIN publication_audience a ON a.publication_id = p.id AND a.rating_count <> 0 \
                   ORDER BY p.id, a.audience";
    type Figures = (
        i64,
        i64,
        i64,
        i64,
        i64,
        i64,
        Option<String>,
        Option<i64>,
        Option<i64>,
        Option<i64>,
    );
    let cube = "SELECT span, day, audience, channel, topic_code, department_id, count, stars_sum, positive \
                FROM rating_cube WHERE count <> 0 ORDER BY 1, 2, 3, 4, 5, 6";
    type CubeRow = (String, String, String, String, String, i64, i64, i64, i64);
    let kept: Vec<Figures> = app::on_read!(&app.db, |c| sqlx::query_as(figures).fetch_all(c).await).unwrap();
    let kept_cube: Vec<CubeRow> = app::on_read!(&app.db, |c| sqlx::query_as(cube).fetch_all(c).await).unwrap();
    ratings::recompute_aggregates(&app.db, Almaty).await.unwrap();
    let recounted: Vec<Figures> = app::on_read!(&app.db, |c| sqlx::query_as(figures).fetch_all(c).await).unwrap();
    let rebuilt: Vec<CubeRow> = app::on_read!(&app.db, |c| sqlx::query_as(cube).fetch_all(c).await).unwrap();
    assert_eq!(kept, recounted, "the publications' figures");
    assert_eq!(kept_cube, rebuilt, "the rating cube");
}
