//! Press sources read from a real HTTP server the test starts on loopback
//! (PRODUCT.md: media monitoring "reads the press itself"): a feed read once
//! and then asked only for what is new, every bad answer a clear entry in
//! the source's health that stops nothing, and pausing after failures.

use crate::helpers::*;
use crate::on_both_engines;
use app::media::sources::{self, pass, store, SourceInput};
use app::platform::config::Config;
use app::platform::db::{Db, Engine};
use axum::http::{header, HeaderMap, StatusCode};
use axum::response::IntoResponse;
use chrono::Utc;

on_both_engines!(
    a_feed_is_read_once_and_then_asked_only_for_what_is_new,
    every_bad_answer_is_a_clear_health_entry_and_stops_nothing,
    a_source_failing_again_and_again_is_paused_once,
    a_telegram_channel_is_read_from_its_web_preview,
);

const PREVIEW: &str = r#"<!DOCTYPE html><html><body><section class="tgme_channel_history">
  <div class="tgme_widget_message js-widget_message" data-post="press_kz/7">
    <div class="tgme_widget_message_text js-message_text">МИОР ответил на запрос<br/>Текст сообщения</div>
    <a class="tgme_widget_message_date" href="https://t.me/press_kz/7"><time datetime="2026-12-01T04:30:00+00:00">09:30</time></a>
  </div></section></body></html>"#;

const RSS: &str = r#"<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0"><channel><title>Press</title>
<item><title>Министерство ответило журналистам</title><link>https://press.example.kz/news/1?utm_source=rss</link>
  <description>Министерство информации и общественного развития ответило.</description><pubDate>Tue, 01 Dec 2026 09:00:00 +0500</pubDate></item>
<item><title>Новость без даты</title><link>https://press.example.kz/news/2</link></item>
</channel></rss>"#;

async fn feed(headers: HeaderMap) -> axum::response::Response {
    if headers.get(header::IF_NONE_MATCH).is_some_and(|v| v == "\"v1\"") {
        return StatusCode::NOT_MODIFIED.into_response();
    }
    (
        [(header::CONTENT_TYPE, "application/rss+xml"), (header::ETAG, "\"v1\"")],
        RSS,
    )
        .into_response()
}

/// A feed whose headline is "Министерство" in windows-1251, declared in
/// the document by `declaration` (or not at all), linking to news/`n`.
fn cp1251_feed(declaration: &str, n: u32) -> Vec<u8> {
    let mut doc =
        format!(r#"<?xml version="1.0"{declaration}?><rss version="2.0"><channel><title>T</title><item><title>"#)
            .into_bytes();
    doc.extend_from_slice(&[0xCC, 0xE8, 0xED, 0xE8, 0xF1, 0xF2, 0xE5, 0xF0, 0xF1, 0xF2, 0xE2, 0xEE]);
    doc.extend_from_slice(
        format!("</title><link>https://press.example.kz/news/{n}</link></item></channel></rss>").as_bytes(),
    );
    doc
}

/// A press site on loopback; its address (`http://127.0.0.1:PORT`).
pub async fn press_site() -> String {
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let port = listener.local_addr().unwrap().port();
    let router = axum::Router::new()
        .route(
            "/robots.txt",
            axum::routing::get(|| async { "User-agent: *\nDisallow: /private/\n" }),
        )
        .route("/rss.xml", axum::routing::get(feed))
        .route("/private/rss.xml", axum::routing::get(feed))
        .route(
            "/cp1251.xml",
            axum::routing::get(|| async { cp1251_feed(r#" encoding="windows-1251""#, 3) }),
        )
        .route(
            "/cp1251-by-header.xml",
            axum::routing::get(|| async {
                // Only the server's header names the encoding.
                (
                    [(header::CONTENT_TYPE, "application/rss+xml; charset=windows-1251")],
                    cp1251_feed("", 4),
                )
            }),
        )
        .route(
            "/broken.xml",
            axum::routing::get(|| async { "<rss><channel><item><title>cut" }),
        )
        .route("/huge.xml", axum::routing::get(|| async { vec![b'x'; 1024 * 1024] }))
        .route(
            "/s/press_kz",
            axum::routing::get(|| async { axum::response::Html(PREVIEW) }),
        )
        .route(
            "/fails.xml",
            axum::routing::get(|| async { StatusCode::INTERNAL_SERVER_ERROR }),
        )
        .route(
            "/slow.xml",
            axum::routing::get(|| async {
                tokio::time::sleep(std::time::Duration::from_secs(4)).await;
                RSS
            }),
        )
        .route(
            "/moved.xml",
            axum::routing::get(move || async move {
                (
                    StatusCode::FOUND,
                    [(header::LOCATION, format!("http://localhost:{port}/rss.xml"))],
                )
            }),
        );
    tokio::spawn(async move { axum::serve(listener, router).await.unwrap() });
    format!("http://127.0.0.1:{port}")
}

fn config(allow_private: bool) -> Config {
    let mut c = Config::default();
    c.media.allow_private_addresses = allow_private;
    c.media.fetch_timeout_secs = 1;
    c.media.max_response_bytes = 64 * 1024;
    c.media.pause_after_failures = 2;
    c
}

async fn add_source(db: &Db, name: &str, url: &str) -> i64 {
    let outlets = app::media::outlets(db).await.unwrap();
    let outlet = if outlets.is_empty() {
        app::media::add_outlet(db, "Press KZ", "online", Utc::now())
            .await
            .unwrap();
        "Press KZ".to_string()
    } else {
        outlets[0].name.clone()
    };
    let input = SourceInput {
        name: name.into(),
        kind: "rss".into(),
        url: url.into(),
        outlet,
        ..SourceInput::default()
    };
    let v = sources::validate(&input, &app::media::outlets(db).await.unwrap()).unwrap();
    store::create(db, &v, Utc::now()).await.unwrap()
}

async fn a_feed_is_read_once_and_then_asked_only_for_what_is_new(engine: Engine) {
    let app = spawn_app(engine).await;
    let site = press_site().await;
    let id = add_source(&app.db, "Press RSS", &format!("{site}/rss.xml")).await;
    let first = pass::run(&app.db, &config(true), Utc::now(), false).await.unwrap();
    assert_eq!(first.len(), 1, "a new source is due at once");
    assert_eq!((first[0].found, first[0].new, first[0].error.as_deref()), (2, 2, None));
    assert_eq!(app.count("SELECT COUNT(*) FROM media_items").await, 2);
    let s = store::get(&app.db, id).await.unwrap();
    assert_eq!(s.etag.as_deref(), Some("\"v1\""));
    assert!(s.last_success_at.is_some() && s.failures == 0 && s.items_seen == 2);
    assert_eq!(
        s.last_error.as_deref(),
        Some("items without a date, dated by when they were read: 1"),
        "the undated item is kept and named"
    );
    let not_due = pass::run(&app.db, &config(true), Utc::now(), false).await.unwrap();
    assert!(not_due.is_empty(), "read again only after its period");
    let again = pass::run(&app.db, &config(true), Utc::now(), true).await.unwrap();
    assert!(again[0].not_modified, "the ETag was sent and 304 came back: {again:?}");
    // The same feed from a second source adds no second copy of a link.
    add_source(&app.db, "Press RSS mirror", &format!("{site}/rss.xml?mirror=1")).await;
    let mirror = pass::run(&app.db, &config(true), Utc::now(), false).await.unwrap();
    assert_eq!((mirror[0].found, mirror[0].new), (2, 0), "{mirror:?}");
    assert_eq!(app.count("SELECT COUNT(*) FROM media_items").await, 2);
}

async fn every_bad_answer_is_a_clear_health_entry_and_stops_nothing(engine: Engine) {
    let app = spawn_app(engine).await;
    let site = press_site().await;
    let cases = [
        ("cp1251.xml", None),
        ("cp1251-by-header.xml", None),
        ("broken.xml", Some("not a readable RSS or Atom feed")),
        ("huge.xml", Some("larger than 65536 bytes")),
        ("fails.xml", Some("answered HTTP 500")),
        ("slow.xml", Some("no full answer within 1 s")),
        ("moved.xml", Some("a redirect to another host (localhost)")),
        ("private/rss.xml", Some("robots.txt does not allow")),
    ];
    for (path, _) in cases {
        add_source(&app.db, path, &format!("{site}/{path}")).await;
    }
    let reports = pass::run(&app.db, &config(true), Utc::now(), false).await.unwrap();
    assert_eq!(reports.len(), cases.len(), "every source was read");
    for (path, expected) in cases {
        let r = reports.iter().find(|r| r.name == path).unwrap();
        match expected {
            None => assert_eq!((r.new, r.error.as_deref()), (1, None), "{path}: {r:?}"),
            Some(words) => {
                let error = r.error.as_deref().unwrap_or_default();
                assert!(error.contains(words), "{path}: {error}");
                assert_eq!(r.new, 0, "{path}");
            }
        }
    }
    let headlines: Vec<String> = app::on_read!(&app.db, |c| sqlx::query_scalar("SELECT headline FROM media_items")
        .fetch_all(c)
        .await)
    .unwrap();
    assert_eq!(
        headlines,
        vec!["Министерство".to_string(); 2],
        "windows-1251 read, declared by the document or by the server; nothing of the bad answers kept"
    );
    let slow = store::list(&app.db)
        .await
        .unwrap()
        .into_iter()
        .find(|s| s.name == "slow.xml")
        .unwrap();
    assert_eq!(slow.failures, 1);
    assert!(slow.last_error_at.is_some() && slow.last_success_at.is_none());
}

async fn a_source_failing_again_and_again_is_paused_once(engine: Engine) {
    let app = spawn_app(engine).await;
    let site = press_site().await;
    let id = add_source(&app.db, "Loopback", &format!("{site}/rss.xml")).await;
    // Production settings: loopback is refused before anything is sent.
    let first = pass::run(&app.db, &config(false), Utc::now(), true).await.unwrap();
    assert!(
        first[0].error.as_deref().unwrap().contains("private or loopback"),
        "{first:?}"
    );
    assert!(!first[0].paused);
    let second = pass::run(&app.db, &config(false), Utc::now(), true).await.unwrap();
    assert!(
        second[0].paused,
        "the second failure in a row pauses it (pause_after_failures = 2)"
    );
    let third = pass::run(&app.db, &config(false), Utc::now(), true).await.unwrap();
    assert!(third.is_empty(), "a paused source is not read");
    assert!(store::get(&app.db, id).await.unwrap().paused_at.is_some());
    // Resumed by staff, it is due at once and its failures are forgotten.
    store::set_enabled(&app.db, id, true, Utc::now()).await.unwrap();
    let resumed = pass::run(&app.db, &config(true), Utc::now(), false).await.unwrap();
    assert_eq!((resumed[0].new, resumed[0].error.as_deref()), (2, None));
    assert_eq!(store::get(&app.db, id).await.unwrap().failures, 0);
}

async fn a_telegram_channel_is_read_from_its_web_preview(engine: Engine) {
    let app = spawn_app(engine).await;
    let site = press_site().await;
    let outlet = app::media::add_outlet(&app.db, "Press KZ Telegram", "social", Utc::now())
        .await
        .unwrap();
    // A preview served on loopback stands in for t.me (validation would
    // turn any channel address into https://t.me/s/<channel>).
    let v = sources::ValidSource {
        name: "press_kz".into(),
        kind: sources::SourceKind::Telegram,
        url: format!("{site}/s/press_kz"),
        outlet_id: outlet,
        media_type: app::media::MediaType::Social,
        language: "ru".into(),
        every_minutes: 15,
    };
    store::create(&app.db, &v, Utc::now()).await.unwrap();
    let reports = pass::run(&app.db, &config(true), Utc::now(), false).await.unwrap();
    assert_eq!((reports[0].new, reports[0].error.as_deref()), (1, None), "{reports:?}");
    let (url, headline): (String, String) =
        app::on_read!(&app.db, |c| sqlx::query_as("SELECT url, headline FROM media_items")
            .fetch_one(c)
            .await)
        .unwrap();
    assert_eq!(
        (url.as_str(), headline.as_str()),
        ("https://t.me/press_kz/7", "МИОР ответил на запрос")
    );
}
