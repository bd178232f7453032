//! Benchmark: how close the portal's pages come to the framework's limit.
//!
//!     cargo bench -p server --features ssr --bench pages
//!
//! Starts a bare axum "hello" and the real portal on the demo data set
//! (SQLite) side by side in this process, loads each with `wrk` (64
//! connections, `PAGES_SECONDS` seconds a page, 10 by default) and prints
//! every page's requests a second as a share of the bare hello measured in
//! the same run: the share is the figure that holds from machine to machine,
//! absolute figures drift. Pages are measured as a visitor without cookies
//! gets them (a page may be served kept, `platform/page_cache.rs`), and the
//! catalogue, a publication and the indicators also rendered for each
//! request (a returning visitor's publication page; the others with a
//! cookie the portal does not know). Needs `wrk`
//! (`apt install wrk`). Static files are
//! measured when the browser bundle has been built (`target/site`).
//! `PAGES_ONLY=/publications/,/indicators` measures only those addresses.

use app::platform::config::Config;
use app::platform::db::Db;
use ashyq_server::startup::Application;
#[path = "common/wrk.rs"]
mod load;

use load::{wrk as run_wrk, Figure};

const CONNECTIONS: &str = "64";

#[tokio::main]
async fn main() {
    if !load::available() {
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

    // Each address as a visitor without cookies sees it (the page may be a
    // kept one); a publication also as a returning visitor who rated once
    // (their cookie: the page shows their rating, so it is rendered for
    // them), and the catalogue and indicators rendered every time (a cookie
    // the portal does not know keeps them from being shared), which is
    // what rendering itself costs.
    let publication = format!("/publications/{id}");
    let mut pages: Vec<(String, String, Vec<String>)> = [
        "/",
        "/publications",
        &publication,
        "/api/v1/publications",
        "/indicators",
        "/api/v1/indicators",
        "/healthz",
    ]
    .iter()
    .map(|p| (p.to_string(), format!("{base}{p}"), vec![]))
    .collect();
    pages.push((
        format!("{publication} (returning visitor)"),
        format!("{base}{publication}"),
        vec!["Cookie: ashyq_visitor=0123456789abcdef0123456789abcdef".to_string()],
    ));
    // As a browser asks: the answer is compressed for each request, kept or not.
    for p in ["/publications", "/indicators"] {
        pages.push((
            format!("{p} (compressed, as a browser asks)"),
            format!("{base}{p}"),
            vec!["Accept-Encoding: gzip, deflate, br".to_string()],
        ));
    }
    for p in ["/publications", "/indicators"] {
        pages.push((
            format!("{p} (rendered each time)"),
            format!("{base}{p}"),
            vec!["Cookie: bench=1".to_string()],
        ));
    }
    if let Some(css) = stylesheet {
        let ok = client
            .get(format!("{base}{css}"))
            .send()
            .await
            .is_ok_and(|r| r.status().is_success());
        if ok {
            pages.push((css.clone(), format!("{base}{css}"), vec![]));
        }
    }

    // `PAGES_ONLY=/publications` measures the addresses that start so (for a
    // profiler attached to this process).
    if let Ok(only) = std::env::var("PAGES_ONLY") {
        pages.retain(|(name, _, _)| only.split(',').any(|o| name.starts_with(o)));
    }
    // Everything runs on this runtime while wrk runs in its own process.
    let hello_figure = tokio::task::spawn_blocking({
        let (url, seconds) = (hello_url.clone(), seconds.clone());
        move || wrk(&url, &seconds, &[])
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
    for (name, url, headers) in pages {
        let seconds = seconds.clone();
        let f = tokio::task::spawn_blocking(move || wrk(&url, &seconds, &headers))
            .await
            .unwrap();
        println!(
            "| `{name}` | {:.0} | {:.1} % | {:.1} ms |",
            f.rate,
            100.0 * f.rate / hello_figure.rate,
            f.p99_ms
        );
    }
    stop.cancel();
}

/// Runs wrk against `url`; a page that answers errors under load stops the bench.
fn wrk(url: &str, seconds: &str, headers: &[String]) -> Figure {
    let f = run_wrk(url, seconds, CONNECTIONS, None, headers);
    assert_eq!(f.errors, 0, "{url} answered {} errors under load", f.errors);
    f
}
