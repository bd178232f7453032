//! Benchmark: how close the portal's pages come to the framework's limit.
//!
//!     cargo bench -p server --features ssr --bench pages
//!
//! Starts a bare axum "hello" and the real portal on the demo data set
//! (SQLite) side by side in this process, loads each with `wrk` (64
//! connections, `PAGES_SECONDS` seconds a page, 10 by default) and prints
//! every page's requests a second as a share of the bare hello measured in
//! the same run: the share is the figure that holds from machine to machine,
//! absolute figures drift. Needs `wrk` (`apt install wrk`). Static files are
//! measured when the browser bundle has been built (`target/site`).
//! `PAGES_ONLY=/publications/,/indicators` measures only those addresses.

use app::platform::config::Config;
use app::platform::db::Db;
use ashyq_server::startup::Application;
use std::process::Command;

const CONNECTIONS: &str = "64";

#[tokio::main]
async fn main() {
    if Command::new("wrk").arg("--version").output().is_err() {
        eprintln!("this benchmark drives the server with wrk: apt install wrk");
        std::process::exit(2);
    }
    let seconds = std::env::var("PAGES_SECONDS").unwrap_or_else(|_| "10".into());
    // The built site (stylesheet and bundle) of this clone, wherever cargo runs the bench.
    if std::env::var_os("LEPTOS_SITE_ROOT").is_none() {
        std::env::set_var(
            "LEPTOS_SITE_ROOT",
            concat!(env!("CARGO_MANIFEST_DIR"), "/../target/site"),
        );
    }

    let hello = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let hello_url = format!("http://{}/", hello.local_addr().unwrap());
    let bare = axum::Router::new().route("/", axum::routing::get(|| async { "hello" }));
    tokio::spawn(async move { axum::serve(hello, bare).await });

    let dir = tempfile::tempdir().unwrap();
    let mut config = Config {
        database_url: format!("sqlite://{}", dir.path().join("pages.db").display()),
        ..Config::default()
    };
    config.mail.transport = "log".into();
    config.limits.anonymous_burst = 1_000_000_000;
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let base = format!("http://{}", listener.local_addr().unwrap());
    config.base_url = base.clone();
    let db = Db::connect(&config.database_url).await.unwrap();
    // The data set `./scripts/run` serves: staff, publications with their
    // ratings, questions and press queries, surveys.
    let now = chrono::Utc::now();
    app::demo::seed_demo(&db).await.unwrap();
    app::demo::seed_content(&db, now, config.tz()).await.unwrap();
    app::demo::seed_items(&db, &config, now).await.unwrap();
    app::demo::surveys::seed_surveys(&db, now).await.unwrap();
    let application = Application::build(config, db.clone()).await.unwrap();
    let stop = tokio_util::sync::CancellationToken::new();
    tokio::spawn(application.serve(listener, stop.clone()));

    let client = reqwest::Client::new();
    let publication: serde_json::Value = client
        .get(format!("{base}/api/v1/publications?per_page=1"))
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    let id = publication["items"][0]["id"]
        .as_i64()
        .expect("the demo data has a publication");
    let home = client
        .get(format!("{base}/"))
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    let stylesheet = home
        .split("<link rel=\"stylesheet\" id=\"leptos\" href=\"")
        .nth(1)
        .and_then(|rest| rest.split('"').next())
        .map(str::to_string);

    let mut pages: Vec<(String, String)> = [
        "/",
        "/publications",
        &format!("/publications/{id}"),
        "/api/v1/publications",
        "/indicators",
        "/api/v1/indicators",
        "/healthz",
    ]
    .iter()
    .map(|p| (p.to_string(), format!("{base}{p}")))
    .collect();
    if let Some(css) = stylesheet {
        let ok = client
            .get(format!("{base}{css}"))
            .send()
            .await
            .is_ok_and(|r| r.status().is_success());
        if ok {
            pages.push((css.clone(), format!("{base}{css}")));
        }
    }

    // `PAGES_ONLY=/publications` measures the addresses that start so (for a
    // profiler attached to this process).
    if let Ok(only) = std::env::var("PAGES_ONLY") {
        pages.retain(|(name, _)| only.split(',').any(|o| name.starts_with(o)));
    }
    // Everything runs on this runtime while wrk runs in its own process.
    let hello_figure = tokio::task::spawn_blocking({
        let (url, seconds) = (hello_url.clone(), seconds.clone());
        move || wrk(&url, &seconds)
    })
    .await
    .unwrap();
    println!(
        "bare axum hello: {:.0} req/s, p99 {:.1} ms",
        hello_figure.rate, hello_figure.p99_ms
    );
    println!();
    println!("| page | req/s | share of bare axum | p99 |");
    println!("| --- | ---: | ---: | ---: |");
    for (name, url) in pages {
        let seconds = seconds.clone();
        let f = tokio::task::spawn_blocking(move || wrk(&url, &seconds)).await.unwrap();
        println!(
            "| `{name}` | {:.0} | {:.1} % | {:.1} ms |",
            f.rate,
            100.0 * f.rate / hello_figure.rate,
            f.p99_ms
        );
    }
    stop.cancel();
}

struct Figure {
    rate: f64,
    p99_ms: f64,
}

/// Runs wrk against `url` and reads its requests a second and 99th percentile.
fn wrk(url: &str, seconds: &str) -> Figure {
    let out = Command::new("wrk")
        .args(["-t2", "-c", CONNECTIONS, "-d", &format!("{seconds}s"), "--latency", url])
        .output()
        .expect("wrk runs");
    let text = String::from_utf8_lossy(&out.stdout);
    if text.contains("Non-2xx or 3xx responses") {
        panic!("{url} answered errors under load:\n{text}");
    }
    let rate = text
        .lines()
        .find_map(|l| l.trim().strip_prefix("Requests/sec:"))
        .and_then(|v| v.trim().parse::<f64>().ok())
        .unwrap_or_else(|| panic!("no Requests/sec in wrk's output:\n{text}"));
    let p99_ms = text
        .lines()
        .find_map(|l| l.trim().strip_prefix("99%"))
        .map(|v| millis(v.trim()))
        .unwrap_or(f64::NAN);
    Figure { rate, p99_ms }
}

/// wrk's durations: `812.00us`, `4.51ms`, `1.02s`.
fn millis(v: &str) -> f64 {
    let (number, factor) = if let Some(n) = v.strip_suffix("us") {
        (n, 0.001)
    } else if let Some(n) = v.strip_suffix("ms") {
        (n, 1.0)
    } else if let Some(n) = v.strip_suffix('s') {
        (n, 1000.0)
    } else {
        (v, f64::NAN)
    };
    number.parse::<f64>().map(|n| n * factor).unwrap_or(f64::NAN)
}
