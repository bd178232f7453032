//! Benchmark: the catalogue page and the rating write on SQLite with 200
//! publications and 1,000,000 ratings.
//!
//!     cargo bench -p server --bench ratings
//!
//! Builds the data set in a temporary folder, starts the real server on a
//! random port and drives it from 8 concurrent clients on loopback for a
//! fixed time per scenario; the group-commit scenario runs again from `wrk`
//! in its own process when it is installed. `RATINGS_ONLY=wrk` runs only the
//! scenarios whose name holds that text. Figures go to the README by hand.

use app::platform::config::Config;
use app::platform::db::Db;
use app::{
    platform::texts::Texts,
    publications::{Channel, Kind, PubStatus},
};
use ashyq_server::startup::Application;

#[path = "common/wrk.rs"]
mod load;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Arc;
use std::time::{Duration, Instant};

const PUBLICATIONS: usize = 200;
const RATINGS: usize = 1_000_000;
const CLIENTS: usize = 8;
const SECONDS: u64 = 10;

#[tokio::main]
async fn main() {
    let dir = tempfile::tempdir().unwrap();
    let mut config = Config {
        database_url: format!("sqlite://{}", dir.path().join("bench.db").display()),
        ..Config::default()
    };
    config.mail.transport = "log".into();
    config.limits.anonymous_burst = 1_000_000_000;
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let base = format!("http://{}", listener.local_addr().unwrap());
    config.base_url = base.clone();
    let db = Db::connect(&config.database_url).await.unwrap();
    app::demo::seed_demo(&db).await.unwrap();
    let started = Instant::now();
    let ids = build_data(&db).await;
    println!(
        "data set: {PUBLICATIONS} publications, {RATINGS} ratings, built in {:.1} s",
        started.elapsed().as_secs_f64()
    );

    let application = Application::build(config, db.clone()).await.unwrap();
    let stop = tokio_util::sync::CancellationToken::new();
    tokio::spawn(application.serve(listener, stop.clone()));

    run(
        "catalogue page  GET /publications",
        &base,
        |c, base, _| async move {
            c.get(format!("{base}/publications?sort=best"))
                .send()
                .await
                .map(|r| r.status().is_success())
                .unwrap_or(false)
        },
        &ids,
    )
    .await;
    run(
        "catalogue API   GET /api/v1/publications",
        &base,
        |c, base, _| async move {
            c.get(format!("{base}/api/v1/publications?sort=most&per_page=20"))
                .send()
                .await
                .map(|r| r.status().is_success())
                .unwrap_or(false)
        },
        &ids,
    )
    .await;
    run(
        "publication page GET /publications/{id}",
        &base,
        |c, base, id| async move {
            c.get(format!("{base}/publications/{id}"))
                .send()
                .await
                .map(|r| r.status().is_success())
                .unwrap_or(false)
        },
        &ids,
    )
    .await;
    run(
        "rating write    POST /api/v1/publications/{id}/ratings (new visitor each)",
        &base,
        |_, base, id| async move {
            // A fresh client is a fresh visitor: every write is a new rating.
            let c = reqwest::Client::builder().cookie_store(true).build().unwrap();
            c.post(format!("{base}/api/v1/publications/{id}/ratings"))
                .json(&serde_json::json!({"stars": 4, "tone": "positive", "audience": "citizen"}))
                .send()
                .await
                .map(|r| r.status().as_u16() == 201)
                .unwrap_or(false)
        },
        &ids,
    )
    .await;
    run_with(
        "rating write    64 clients, a new visitor each, kept-alive connections (group commit)",
        &base,
        |c, base, id| async move {
            c.post(format!("{base}/api/v1/publications/{id}/ratings"))
                .json(&serde_json::json!({"stars": 5, "tone": "neutral", "audience": "citizen"}))
                .send()
                .await
                .map(|r| r.status().as_u16() == 201)
                .unwrap_or(false)
        },
        &ids,
        64,
        false,
    )
    .await;
    let from_wrk = "rating write    64 connections from wrk, a new visitor each (group commit)";
    if wanted(from_wrk) && load::available() {
        // The same writes from wrk in its own process: the load generator
        // no longer shares this process's runtime and cores with the server.
        let script = dir.path().join("rate.lua");
        std::fs::write(&script, rating_script(&ids)).unwrap();
        let (url, script) = (base.clone(), script.clone());
        let f = tokio::task::spawn_blocking(move || load::wrk(&url, &SECONDS.to_string(), "64", Some(&script), &[]))
            .await
            .unwrap();
        println!(
            "{from_wrk}: {:.0} req/s, p99 {:.1} ms, {} answered an error",
            f.rate, f.p99_ms, f.errors
        );
    } else if wanted(from_wrk) {
        println!("{from_wrk}: skipped, wrk is not installed (apt install wrk)");
    }
    run(
        "rating replace  POST … (same visitor again)",
        &base,
        |c, base, id| async move {
            c.post(format!("{base}/api/v1/publications/{id}/ratings"))
                .json(&serde_json::json!({"stars": 2, "tone": "negative", "audience": "citizen"}))
                .send()
                .await
                .map(|r| r.status().is_success())
                .unwrap_or(false)
        },
        &ids,
    )
    .await;
    stop.cancel();
}

/// wrk's Lua script: each request rates the next publication as a new
/// visitor (no cookie is sent back).
fn rating_script(ids: &[i64]) -> String {
    let ids: Vec<String> = ids.iter().map(|i| i.to_string()).collect();
    format!(
        r#"local ids = {{{}}}
local n = 0
local body = '{{"stars": 5, "tone": "neutral", "audience": "citizen"}}'
local headers = {{["Content-Type"] = "application/json"}}
request = function()
  n = n + 1
  local id = ids[(n % #ids) + 1]
  return wrk.format("POST", "/api/v1/publications/" .. id .. "/ratings", headers, body)
end
"#,
        ids.join(", ")
    )
}

async fn build_data(db: &Db) -> Vec<i64> {
    let media = app::departments::list(db, false).await.unwrap()[0].id;
    let now = chrono::Utc::now();
    let mut ids = Vec::new();
    for i in 0..PUBLICATIONS {
        let v = app::publications::ValidPublication {
            kind: Kind::ALL[i % Kind::ALL.len()],
            channel: Channel::ALL[i % Channel::ALL.len()],
            department_id: media,
            topics: vec!["media".into()],
            published_at: now - chrono::Duration::hours(i as i64 * 20),
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
    let tones = ["positive", "neutral", "negative"];
    let audiences = ["citizen", "journalist", "ngo", "business", "other"];
    let rows: Vec<app::publications::ratings::BulkRating> = (0..RATINGS)
        .map(|k| app::publications::ratings::BulkRating {
            publication_id: ids[k % ids.len()],
            visitor_hash: format!("{k:064x}"),
            stars: (k % 5 + 1) as i64,
            tone: tones[k % 3],
            audience: audiences[k % 5],
            comment: None,
            comment_status: None,
            at: now - chrono::Duration::seconds(k as i64),
        })
        .collect();
    app::publications::ratings::bulk_insert(db, &rows).await.unwrap();
    app::publications::ratings::recompute_aggregates(db, chrono_tz::Asia::Almaty)
        .await
        .unwrap();
    ids
}

/// Whether the scenario `name` runs: all unless `RATINGS_ONLY` names others.
fn wanted(name: &str) -> bool {
    std::env::var("RATINGS_ONLY").map_or(true, |only| name.contains(&only))
}

async fn run<F, Fut>(name: &str, base: &str, op: F, ids: &[i64])
where
    F: Fn(reqwest::Client, String, i64) -> Fut + Send + Sync + Copy + 'static,
    Fut: std::future::Future<Output = bool> + Send,
{
    run_with(name, base, op, ids, CLIENTS, true).await
}

/// `run` with `clients` concurrent clients; `cookies: false` makes every
/// request a new visitor over a kept-alive connection.
async fn run_with<F, Fut>(name: &str, base: &str, op: F, ids: &[i64], clients: usize, cookies: bool)
where
    F: Fn(reqwest::Client, String, i64) -> Fut + Send + Sync + Copy + 'static,
    Fut: std::future::Future<Output = bool> + Send,
{
    if !wanted(name) {
        return;
    }
    let stop = Arc::new(AtomicBool::new(false));
    let mut tasks = Vec::new();
    for w in 0..clients {
        let (stop, base, ids) = (stop.clone(), base.to_string(), ids.to_vec());
        tasks.push(tokio::spawn(async move {
            let client = reqwest::Client::builder().cookie_store(cookies).build().unwrap();
            let mut lat = Vec::new();
            let mut failed = 0usize;
            let mut i = w;
            while !stop.load(Ordering::Relaxed) {
                let t = Instant::now();
                if op(client.clone(), base.clone(), ids[i % ids.len()]).await {
                    lat.push(t.elapsed());
                } else {
                    failed += 1;
                }
                i += clients;
            }
            (lat, failed)
        }));
    }
    tokio::time::sleep(Duration::from_secs(SECONDS)).await;
    stop.store(true, Ordering::Relaxed);
    let mut all = Vec::new();
    let mut failed = 0;
    for t in tasks {
        let (l, f) = t.await.unwrap();
        all.extend(l);
        failed += f;
    }
    all.sort();
    let pct = |p: f64| {
        all.get(((all.len() as f64 * p) as usize).min(all.len().saturating_sub(1)))
            .map(|d| d.as_secs_f64() * 1000.0)
            .unwrap_or(0.0)
    };
    println!(
        "{name}: {:.0} req/s, p50 {:.1} ms, p95 {:.1} ms, p99 {:.1} ms, {} ok, {} failed ({clients} clients, {SECONDS} s)",
        all.len() as f64 / SECONDS as f64,
        pct(0.50),
        pct(0.95),
        pct(0.99),
        all.len(),
        failed
    );
}
