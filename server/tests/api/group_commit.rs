//! Grouped writes (`platform::group_commit`): many concurrent writes share a
//! commit, and one that fails is undone alone, with its own error, while the
//! rest of its batch is kept.

use crate::helpers::*;
use crate::on_both_engines;
use crate::ratings::make_publication;
use app::error::{AppError, ErrorCode};
use app::platform::db::{Engine, Tx};
use app::platform::group_commit::GroupCommit;
use app::publications::ratings::{self, ValidRating};
use app::publications::{Audience, Channel, Kind, Tone};

on_both_engines!(a_failed_write_is_undone_alone_and_its_batch_is_kept);

const WRITES: usize = 60;

/// What each write does: rate and keep it, rate and then fail on its own
/// rule, or rate and then break its statement (SQL the database refuses).
fn plan(n: usize) -> &'static str {
    match n % 3 {
        0 => "keep",
        1 => "refuse",
        _ => "break",
    }
}

async fn a_failed_write_is_undone_alone_and_its_batch_is_kept(engine: Engine) {
    let app = spawn_app(engine).await;
    let id = make_publication(&app, "Grouped", Kind::News, Channel::Website).await;
    let writes = GroupCommit::start(&app.db);
    // Stars, tones and audiences vary, so every figure of the publication moves.
    let rating = |n: usize| ValidRating {
        stars: (n % 5 + 1) as i64,
        tone: [Tone::Positive, Tone::Neutral, Tone::Negative][(n / 3) % 3],
        audience: [Audience::Citizen, Audience::Journalist][n % 2],
        comment: None,
    };
    // All at once, so that they share batches.
    let answers = futures::future::join_all((0..WRITES).map(|n| {
        let (writes, rating) = (writes.clone(), rating(n));
        async move {
            writes
                .write(move |tx: &mut Tx| {
                    Box::pin(async move {
                        let visitor = format!("grouped-{n}");
                        ratings::rate_in(tx, id, &visitor, &rating, chrono::Utc::now(), chrono_tz::Asia::Almaty)
                            .await?;
                        match plan(n) {
                            "refuse" => Err(AppError::new(ErrorCode::Conflict)),
                            "break" => {
                                app::on_tx!(tx, |c| sqlx::query("INSERT INTO no_such_table VALUES (1)")
                                    .execute(c)
                                    .await
                                    .map(|_| ()))?;
                                Ok(n)
                            }
                            _ => Ok(n),
                        }
                    })
                })
                .await
        }
    }))
    .await;

    for (n, answer) in answers.iter().enumerate() {
        match plan(n) {
            "keep" => assert_eq!(answer.as_ref().ok(), Some(&n), "write {n} should be kept"),
            "refuse" => assert_eq!(
                answer.as_ref().err().map(|e| e.code),
                Some(ErrorCode::Conflict),
                "write {n}"
            ),
            _ => assert_eq!(
                answer.as_ref().err().map(|e| e.code),
                Some(ErrorCode::Internal),
                "write {n}"
            ),
        }
    }
    let kept: Vec<String> = app::on_read!(&app.db, |c| sqlx::query_scalar(
        "SELECT visitor_hash FROM ratings WHERE publication_id = $1 ORDER BY visitor_hash"
    )
    .bind(id)
    .fetch_all(c)
    .await)
    .unwrap();
    let mut expected: Vec<String> = (0..WRITES)
        .filter(|n| plan(*n) == "keep")
        .map(|n| format!("grouped-{n}"))
        .collect();
    expected.sort();
    assert_eq!(kept, expected, "exactly the writes that succeeded are stored");
    // The publication's figures, which each batch sums and writes at its
    // end, count them too, once each: what a recount from the stored
    // ratings gives, also per audience.
    let count = app
        .count(&format!("SELECT rating_count FROM publications WHERE id = {id}"))
        .await;
    assert_eq!(count, expected.len() as i64);
    let figures = format!(
        "SELECT p.rating_count, p.stars_sum, p.stars_1, p.stars_4, p.tone_negative, a.audience, a.rating_count, \
         a.stars_sum, a.tone_neutral FROM publications p JOIN publication_audience a ON a.publication_id = p.id \
         WHERE p.id = {id} ORDER BY a.audience"
    );
    type Figures = (i64, i64, i64, i64, i64, String, i64, i64, i64);
    let kept_figures: Vec<Figures> = app::on_read!(&app.db, |c| sqlx::query_as(&figures).fetch_all(c).await).unwrap();
    ratings::recompute_aggregates(&app.db, chrono_tz::Asia::Almaty)
        .await
        .unwrap();
    let recounted: Vec<Figures> = app::on_read!(&app.db, |c| sqlx::query_as(&figures).fetch_all(c).await).unwrap();
    assert_eq!(kept_figures, recounted);
    assert_eq!(kept_figures[0].0, expected.len() as i64);
    // The rating cube, whose changes each batch sums and writes at its end,
    // counts the kept ratings once each and none of the undone ones: it is
    // what a rebuild from the stored ratings gives.
    let all_rows = "SELECT span, CAST(SUM(count) AS BIGINT) FROM rating_cube \
                    WHERE audience = '' AND channel = '' AND topic_code = '' GROUP BY span ORDER BY span";
    let written: Vec<(String, i64)> = app::on_read!(&app.db, |c| sqlx::query_as(all_rows).fetch_all(c).await).unwrap();
    let n = expected.len() as i64;
    assert_eq!(
        written,
        [("d".to_string(), n), ("m".to_string(), n), ("w".to_string(), n)]
    );
    let every_row = "SELECT span, day, audience, channel, topic_code, department_id, count, stars_sum, positive \
                     FROM rating_cube WHERE count <> 0 ORDER BY 1, 2, 3, 4, 5, 6";
    type CubeRow = (String, String, String, String, String, i64, i64, i64, i64);
    let before: Vec<CubeRow> = app::on_read!(&app.db, |c| sqlx::query_as(every_row).fetch_all(c).await).unwrap();
    app::publications::rating_cube::rebuild(&app.db, chrono_tz::Asia::Almaty)
        .await
        .unwrap();
    let rebuilt: Vec<CubeRow> = app::on_read!(&app.db, |c| sqlx::query_as(every_row).fetch_all(c).await).unwrap();
    assert_eq!(before, rebuilt);
}
