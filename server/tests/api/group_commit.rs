//! Grouped writes (`platform::group_commit`): many concurrent writes share a
//! commit, ratings among them run together, and one that fails is undone
//! alone, with its own error, while the rest of its batch is kept.

use crate::helpers::*;
use crate::on_both_engines;
use crate::ratings::make_publication;
use app::error::{AppError, ErrorCode};
use app::platform::db::{Engine, Tx};
use app::platform::group_commit::GroupCommit;
use app::publications::rating_writes::{self, VisitorRating};
use app::publications::ratings::ValidRating;
use app::publications::{Audience, Channel, Kind, RateOutcome, Tone};

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
    // All at once, so that they share batches: writes alone, and ratings
    // that run together (one in three of them for no such publication).
    let together = futures::future::join_all((0..WRITES).map(|n| {
        let writes = writes.clone();
        let write = VisitorRating {
            publication_id: if n % 3 == 2 { 999_999 } else { id },
            visitor: format!("together-{n}"),
            rating: rating(n),
            at: chrono::Utc::now(),
            tz: chrono_tz::Asia::Almaty,
        };
        async move { writes.write_together(write).await }
    }));
    let alone = futures::future::join_all((0..WRITES).map(|n| {
        let (writes, rating) = (writes.clone(), rating(n));
        async move {
            writes
                .write(move |tx: &mut Tx| {
                    Box::pin(async move {
                        let write = VisitorRating {
                            publication_id: id,
                            visitor: format!("grouped-{n}"),
                            rating,
                            at: chrono::Utc::now(),
                            tz: chrono_tz::Asia::Almaty,
                        };
                        rating_writes::rate_in(tx, write).await?;
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
    }));
    let (answers, together) = futures::join!(alone, together);

    for (n, answer) in together.iter().enumerate() {
        let code = answer.as_ref().err().map(|e| e.code);
        match n % 3 {
            2 => assert_eq!(code, Some(ErrorCode::NotFound), "rating {n}"),
            _ => assert_eq!(answer.as_ref().ok(), Some(&RateOutcome::Created), "rating {n}"),
        }
    }
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
        .chain((0..WRITES).filter(|n| n % 3 != 2).map(|n| format!("together-{n}")))
        .collect();
    expected.sort();
    assert_eq!(kept, expected, "exactly the writes that succeeded are stored");
    // The publication's figures, which each batch sums and writes at its
    // end, count them too, once each.
    let count = app
        .count(&format!("SELECT rating_count FROM publications WHERE id = {id}"))
        .await;
    assert_eq!(count, expected.len() as i64);
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
    // Every figure and cube row is what a recount of the stored ratings gives.
    crate::rating_batches::assert_figures_match_a_recount(&app).await;
}
