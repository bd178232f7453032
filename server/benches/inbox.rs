//! Benchmark: the staff inbox with 100,000 items on SQLite.
//!
//!     cargo bench -p server --features ssr --bench inbox
//!
//! Builds 100,000 items over two years across the demo departments (a tenth
//! of them still open), then times one inbox page with its counts — exactly
//! what the inbox server function does — for an admin (every item) and a
//! department officer, under each filter. Prints p50 and p95 per filter;
//! figures go to the README by hand.

use app::inbox::InboxQuery;
use app::platform::db::Db;
use app::platform::roles::CurrentUser;
use std::time::{Duration, Instant};

const ITEMS: usize = 100_000;
const ROUNDS: usize = 60;

#[tokio::main]
async fn main() {
    let dir = tempfile::tempdir().unwrap();
    let url = format!("sqlite://{}", dir.path().join("bench.db").display());
    let db = Db::connect(&url).await.unwrap();
    app::demo::seed_demo(&db).await.unwrap();
    let started = Instant::now();
    build(&db).await;
    println!(
        "data set: {ITEMS} items, built in {:.1} s",
        started.elapsed().as_secs_f64()
    );
    let admin = app::platform::sessions::user_by_id(&db, 1).await.unwrap().unwrap();
    let officer_id: i64 = app::on_read!(&db, |c| sqlx::query_scalar(
        "SELECT id FROM users WHERE username = 'youth.officer'"
    )
    .fetch_one(c)
    .await)
    .unwrap();
    let officer = app::platform::sessions::user_by_id(&db, officer_id)
        .await
        .unwrap()
        .unwrap();
    let cal = app::items::workdays::load(&db).await.unwrap();
    let tz = chrono_tz::Asia::Almaty;
    let filters: Vec<(&str, InboxQuery)> = vec![
        ("open, by due date", InboxQuery::default()),
        (
            "all statuses, newest first",
            InboxQuery {
                status: "all".into(),
                sort: "received".into(),
                ..Default::default()
            },
        ),
        (
            "overdue",
            InboxQuery {
                overdue: true,
                ..Default::default()
            },
        ),
        (
            "due within 2 working days",
            InboxQuery {
                due_soon: true,
                ..Default::default()
            },
        ),
        (
            "mine",
            InboxQuery {
                mine: true,
                ..Default::default()
            },
        ),
        (
            "topic + press queries",
            InboxQuery {
                status: "all".into(),
                kind: "press_query".into(),
                topic: "youth".into(),
                ..Default::default()
            },
        ),
        (
            "word search, all statuses",
            InboxQuery {
                status: "all".into(),
                q: "волонт".into(),
                ..Default::default()
            },
        ),
        (
            "page 40 of all",
            InboxQuery {
                status: "all".into(),
                page: 40,
                ..Default::default()
            },
        ),
    ];
    println!(
        "{:<12} {:<28} {:>9} {:>9} {:>8}",
        "viewer", "filter", "p50 ms", "p95 ms", "rows"
    );
    for (who, viewer) in [("admin", &admin), ("officer", &officer)] {
        for (name, q) in &filters {
            let (p50, p95, total) = measure(&db, viewer, q, &cal, tz).await;
            println!("{who:<12} {name:<28} {:>9.1} {:>9.1} {total:>8}", ms(p50), ms(p95));
        }
    }
}

fn ms(d: Duration) -> f64 {
    d.as_secs_f64() * 1000.0
}

async fn measure(
    db: &Db,
    viewer: &CurrentUser,
    q: &InboxQuery,
    cal: &app::items::workdays::WorkCalendar,
    tz: chrono_tz::Tz,
) -> (Duration, Duration, i64) {
    let mut times = Vec::with_capacity(ROUNDS);
    let mut total = 0;
    for _ in 0..ROUNDS {
        let t = Instant::now();
        let page = app::inbox::list(db, viewer, q, cal, tz, chrono::Utc::now())
            .await
            .unwrap();
        times.push(t.elapsed());
        total = page.total;
    }
    times.sort();
    (times[ROUNDS / 2], times[ROUNDS * 95 / 100], total)
}

/// 100,000 items in one transaction: received over two years; older ones
/// closed, the latest tenth open, spread over the departments and staff.
async fn build(db: &Db) {
    let depts: Vec<i64> = app::on_read!(db, |c| sqlx::query_scalar("SELECT id FROM departments ORDER BY id")
        .fetch_all(c)
        .await)
    .unwrap();
    let staff: Vec<(i64, Option<i64>)> = app::on_read!(db, |c| sqlx::query_as(
        "SELECT id, department_id FROM users WHERE role IN ('officer', 'department_head')"
    )
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
    let subjects = [
        "Прошу предоставить статистику по волонтёрам",
        "Когда начнётся приём заявок на гранты?",
        "Жастар орталығының жұмыс уақыты қандай?",
        "How is a religious association registered?",
    ];
    let now = chrono::Utc::now();
    let mut tx = db.begin().await.unwrap();
    for i in 0..ITEMS {
        let dept = depts[i % depts.len()];
        let received = now - chrono::Duration::minutes(((ITEMS - i) * 10) as i64);
        let due = received + chrono::Duration::days(21);
        let open = i >= ITEMS - ITEMS / 10;
        let status = if open {
            ["new", "assigned", "in_progress"][i % 3]
        } else {
            ["closed", "answered", "redirected"][i % 3]
        };
        let assignee = staff
            .iter()
            .filter(|(_, d)| *d == Some(dept))
            .nth(i % 2)
            .map(|(id, _)| *id)
            .filter(|_| status != "new");
        let kind = if i % 5 == 0 { "press_query" } else { "question" };
        let code = format!("{}-B-{i:06}", if kind == "press_query" { "PQ" } else { "Q" });
        let subject = subjects[i % subjects.len()];
        app::on_tx!(&mut tx, |c| sqlx::query(
            "INSERT INTO items (tracking_code, token_hash, kind, topic_code, department_id, assignee_id, status, language, subject, body, \
             received_at, due_at, updated_at, search_text) VALUES ($1, 'x', $2, $3, $4, $5, $6, 'ru', $7, $7, $8, $9, $8, $10)"
        )
        .bind(&code)
        .bind(kind)
        .bind(topics[i % topics.len()])
        .bind(dept)
        .bind(assignee)
        .bind(status)
        .bind(subject)
        .bind(received)
        .bind(due)
        .bind(app::items::search_text(&code, subject, subject, &Default::default()))
        .execute(c)
        .await
        .map(|r| r.rows_affected()))
        .unwrap();
    }
    app::on_tx!(&mut tx, |c| sqlx::query("ANALYZE")
        .execute(c)
        .await
        .map(|r| r.rows_affected()))
    .unwrap();
    tx.commit().await.unwrap();
}
