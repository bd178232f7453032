//! Benchmark: the opinion indicators on SQLite with 10,000,000 ratings and
//! 500,000 items.
//!
//!     cargo bench -p server --features ssr --bench indicators
//!
//! Builds the data set in a temporary folder (2,000 publications over two
//! years across the demo departments, channels and topics; ten million
//! ratings; half a million items), builds the daily aggregates once, then
//! times what `GET /api/v1/indicators` computes for a set of periods and
//! filters, 40 times each, and prints p50 and p95. `RATINGS=1000000` makes a
//! smaller set for a quick look. `BENCH_DB=/path/file.db` keeps the data set
//! in that file and reuses it on the next run (the aggregates are rebuilt
//! every run, so a changed aggregate layout is measured on the same data).
//! Figures go to the README by hand.

use app::indicators::IndicatorQuery;
use app::platform::db::Db;
use app::{
    platform::texts::Texts,
    publications::{Channel, Kind, PubStatus},
};
use std::time::{Duration, Instant};

const PUBLICATIONS: usize = 2_000;
const ITEMS: usize = 500_000;
const ROUNDS: usize = 40;
const DAYS: i64 = 730;

#[tokio::main]
async fn main() {
    let ratings: usize = std::env::var("RATINGS")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(10_000_000);
    let dir = tempfile::tempdir().unwrap();
    let path = match std::env::var("BENCH_DB") {
        Ok(p) if !p.is_empty() => std::path::PathBuf::from(p),
        _ => dir.path().join("bench.db"),
    };
    let fresh = !path.exists();
    let url = format!("sqlite://{}", path.display());
    let db = Db::connect(&url).await.unwrap();
    let tz = chrono_tz::Asia::Almaty;
    if fresh {
        app::demo::seed_demo(&db).await.unwrap();
        let t = Instant::now();
        let ids = publications(&db).await;
        ratings_in(&db, &ids, ratings).await;
        println!("{ratings} ratings written in {:.0} s", t.elapsed().as_secs_f64());
        let t = Instant::now();
        items(&db).await;
        println!("{ITEMS} items written in {:.0} s", t.elapsed().as_secs_f64());
    } else {
        let n: i64 = app::on_read!(&db, |c| sqlx::query_scalar("SELECT COUNT(*) FROM ratings")
            .fetch_one(c)
            .await)
        .unwrap();
        assert!(
            n as usize >= ratings,
            "{} holds {n} ratings, fewer than {ratings} (an interrupted build?): remove it",
            path.display()
        );
        println!("reusing {} ({n} ratings)", path.display());
    }
    let t = Instant::now();
    app::publications::ratings::recompute_aggregates(&db, tz).await.unwrap();
    let rows: i64 = app::on_read!(&db, |c| sqlx::query_scalar("SELECT COUNT(*) FROM rating_cube")
        .fetch_one(c)
        .await)
    .unwrap();
    println!("rating cube built in {:.0} s ({rows} rows)", t.elapsed().as_secs_f64());
    let t = Instant::now();
    app::items::item_cube::rebuild(&db, tz).await.unwrap();
    println!("items counted in {:.0} s", t.elapsed().as_secs_f64());
    let mut tx = db.begin().await.unwrap();
    app::on_tx!(&mut tx, |c| sqlx::query("ANALYZE")
        .execute(c)
        .await
        .map(|r| r.rows_affected()))
    .unwrap();
    tx.commit().await.unwrap();

    let today = chrono::Utc::now().with_timezone(&tz).date_naive();
    let ago = |d: i64| (today - chrono::Duration::days(d)).to_string();
    let q = |from: String, f: &dyn Fn(&mut IndicatorQuery)| {
        let mut q = IndicatorQuery {
            from,
            to: today.to_string(),
            ..Default::default()
        };
        f(&mut q);
        q
    };
    let cases: Vec<(&str, IndicatorQuery)> = vec![
        ("30 days, no filter", q(ago(29), &|_| {})),
        ("90 days, no filter", q(ago(89), &|_| {})),
        ("365 days, no filter", q(ago(364), &|_| {})),
        ("30 days, department", q(ago(29), &|q| q.department = "YOUTH".into())),
        ("30 days, topic", q(ago(29), &|q| q.topic = "youth".into())),
        ("30 days, channel", q(ago(29), &|q| q.channel = "tv".into())),
        ("30 days, audience", q(ago(29), &|q| q.audience = "journalist".into())),
        ("30 days, item kind", q(ago(29), &|q| q.kind = "press_query".into())),
        (
            "365 days, dept + topic + channel",
            q(ago(364), &|q| {
                q.department = "MEDIA".into();
                q.topic = "media".into();
                q.channel = "website".into();
            }),
        ),
    ];
    // Where the time of one query goes (a period and the one before it).
    for days in [30, 365] {
        use app::platform::period::Period;
        use app::{items::item_cube, publications::rating_cube};
        let p = Period {
            from: today - chrono::Duration::days(days - 1),
            to: today,
        };
        let periods = [p, p.previous()];
        let time = |t: Instant| t.elapsed().as_secs_f64() * 1000.0;
        let mut parts = [f64::MAX; 3];
        let mut keys = 0;
        for _ in 0..5 {
            let t = Instant::now();
            let cells = rating_cube::cells(&db, periods, &Default::default()).await.unwrap();
            parts[0] = parts[0].min(time(t));
            keys = cells.iter().map(Vec::len).sum::<usize>();
            let t = Instant::now();
            item_cube::figures(&db, periods, None, "", "").await.unwrap();
            parts[1] = parts[1].min(time(t));
            let t = Instant::now();
            let q = IndicatorQuery {
                from: p.from.to_string(),
                to: p.to.to_string(),
                ..Default::default()
            };
            app::indicators::figures::compute(&db, &q, tz, chrono::Utc::now())
                .await
                .unwrap();
            parts[2] = parts[2].min(time(t));
        }
        println!(
            "{days} days, fastest of 5 (ms): rating cells {:.1} ({keys} cells), item figures {:.1}, whole {:.1}",
            parts[0], parts[1], parts[2]
        );
    }
    println!("{:<36} {:>9} {:>9} {:>10}", "query", "p50 ms", "p95 ms", "ratings");
    for (name, query) in cases {
        let mut times = Vec::with_capacity(ROUNDS);
        let mut n = 0.0;
        for _ in 0..ROUNDS {
            let t = Instant::now();
            let v = app::indicators::figures::compute(&db, &query, tz, chrono::Utc::now())
                .await
                .unwrap();
            times.push(t.elapsed());
            n = v.ratings.current.unwrap_or(0.0);
        }
        times.sort();
        let ms = |d: Duration| d.as_secs_f64() * 1000.0;
        println!(
            "{name:<36} {:>9.1} {:>9.1} {n:>10}",
            ms(times[ROUNDS / 2]),
            ms(times[ROUNDS * 95 / 100])
        );
    }
    // The figures come from the cubes; check one against the raw ratings.
    let (from, to) = (today - chrono::Duration::days(364), today + chrono::Duration::days(1));
    let midnight = |d: chrono::NaiveDate| {
        use chrono::TimeZone;
        tz.from_local_datetime(&d.and_hms_opt(0, 0, 0).unwrap())
            .earliest()
            .unwrap()
            .with_timezone(&chrono::Utc)
    };
    let (raw, stars): (i64, i64) = app::on_read!(&db, |c| sqlx::query_as(
        "SELECT COUNT(*), COALESCE(SUM(stars), 0) FROM ratings WHERE updated_at >= $1 AND updated_at < $2"
    )
    .bind(midnight(from))
    .bind(midnight(to))
    .fetch_one(c)
    .await)
    .unwrap();
    let q = IndicatorQuery {
        from: from.to_string(),
        to: today.to_string(),
        ..Default::default()
    };
    let v = app::indicators::figures::compute(&db, &q, tz, chrono::Utc::now())
        .await
        .unwrap();
    let mean = stars as f64 / raw as f64;
    println!(
        "365 days from the raw ratings: {raw} ratings, mean {mean:.4}; from the cube: {} ratings, mean {:.4}",
        v.ratings.current.unwrap_or(0.0),
        v.satisfaction.current.unwrap_or(0.0)
    );
    assert_eq!(v.ratings.current, Some(raw as f64), "the cube counts every rating once");
    assert!((v.satisfaction.current.unwrap_or(0.0) - mean).abs() < 1e-9);
}

async fn publications(db: &Db) -> Vec<i64> {
    let depts = app::departments::list(db, false).await.unwrap();
    let topics = app::publications::topics::codes(db).await.unwrap();
    let now = chrono::Utc::now();
    let mut ids = Vec::new();
    for i in 0..PUBLICATIONS {
        let v = app::publications::ValidPublication {
            kind: Kind::ALL[i % Kind::ALL.len()],
            channel: Channel::ALL[i % Channel::ALL.len()],
            department_id: depts[i % depts.len()].id,
            topics: {
                let mut t = vec![topics[i % topics.len()].clone(), topics[(i / 3) % topics.len()].clone()];
                t.dedup();
                t
            },
            published_at: now - chrono::Duration::minutes((i as i64 * DAYS * 24 * 60) / PUBLICATIONS as i64),
            url: None,
            titles: Texts {
                kk: format!("Жарияланым {i}"),
                ru: format!("Публикация {i}"),
                en: format!("Publication {i}"),
            },
            summaries: Texts::default(),
        };
        ids.push(
            app::publications::create(db, &v, PubStatus::Published, "manual", now)
                .await
                .unwrap(),
        );
    }
    ids
}

/// Ratings in chunks (to bound memory), spread over two years.
async fn ratings_in(db: &Db, ids: &[i64], n: usize) {
    let tones = ["positive", "neutral", "negative", "positive"];
    let audiences = ["citizen", "journalist", "ngo", "business", "other"];
    let now = chrono::Utc::now();
    let span = DAYS * 24 * 3600;
    let chunk = 200_000;
    let mut k = 0;
    while k < n {
        let rows: Vec<app::publications::ratings::BulkRating> = (k..(k + chunk).min(n))
            .map(|k| app::publications::ratings::BulkRating {
                publication_id: ids[k % ids.len()],
                visitor_hash: format!("{k:016x}"),
                stars: ((k * 7) % 5 + 1) as i64,
                tone: tones[(k / 7) % 4],
                audience: audiences[(k / 3) % 5],
                comment: None,
                comment_status: None,
                at: now - chrono::Duration::seconds(((k as i64).wrapping_mul(7919)) % span),
            })
            .collect();
        app::publications::ratings::bulk_insert(db, &rows).await.unwrap();
        k += chunk;
    }
}

async fn items(db: &Db) {
    let depts: Vec<i64> = app::on_read!(db, |c| sqlx::query_scalar("SELECT id FROM departments ORDER BY id")
        .fetch_all(c)
        .await)
    .unwrap();
    let topics = [
        "youth",
        "family",
        "religion",
        "media",
        "digital",
        "volunteering",
        "languages",
    ];
    let now = chrono::Utc::now();
    let mut tx = db.begin().await.unwrap();
    for i in 0..ITEMS {
        let received = now - chrono::Duration::minutes(((ITEMS - i) as i64 * DAYS * 24 * 60) / ITEMS as i64);
        let due = received + chrono::Duration::days(21);
        let open = i >= ITEMS - ITEMS / 50;
        let answered = (!open).then(|| received + chrono::Duration::days(3 + (i % 25) as i64));
        let kind = if i % 5 == 0 { "press_query" } else { "question" };
        let code = format!("B-{i:07}");
        app::on_tx!(&mut tx, |c| sqlx::query(
            "INSERT INTO items (tracking_code, token_hash, kind, topic_code, department_id, status, language, subject, body, \
             received_at, due_at, answered_at, updated_at, search_text) VALUES ($1, 'x', $2, $3, $4, $5, 'ru', 's', 'b', $6, $7, $8, $6, $1)"
        )
        .bind(&code)
        .bind(kind)
        .bind(topics[i % topics.len()])
        .bind(depts[i % depts.len()])
        .bind(if open { "in_progress" } else { "closed" })
        .bind(received)
        .bind(due)
        .bind(answered)
        .execute(c)
        .await
        .map(|r| r.rows_affected()))
        .unwrap();
    }
    tx.commit().await.unwrap();
}
