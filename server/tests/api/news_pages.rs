//! A news site without a feed, read from a real HTTP server the test starts
//! on loopback: the listing names the articles, each article page gives
//! its headline, date and text in whatever encoding it declares, robots.txt
//! is obeyed for every page, an article already read is never fetched
//! again, and an article that cannot be read is named in the source's
//! health without failing the others.

use crate::helpers::*;
use crate::on_both_engines;
use app::media::sources::{self, pass, store, SourceInput};
use app::platform::config::Config;
use app::platform::db::{Db, Engine};
use axum::http::{header, StatusCode};
use axum::response::{Html, IntoResponse};
use chrono::Utc;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Arc;

on_both_engines!(
    a_news_site_without_a_feed_is_read_from_its_pages,
    a_listing_with_no_article_links_is_a_clear_health_entry,
);

const LISTING: &str = r#"<!DOCTYPE html><html><head><meta charset="utf-8"><title>Новости</title></head><body>
  <nav><a href="/">Главная</a> <a href="/contacts">Контакты</a></nav>
  <main><h1>Новости</h1>
    <h2><a href="/news/1">МИОР ответил редакциям на запросы</a></h2>
    <h2><a href="/news/2">Новость в кодировке windows-1251</a></h2>
    <h2><a href="/news/3">Новость без объявленной кодировки</a></h2>
    <h2><a href="/news/hidden">Закрытая от роботов страница</a></h2>
    <h2><a href="/news/gone">Удалённая новость сайта</a></h2>
  </main></body></html>"#;

const ARTICLE: &str = r#"<!DOCTYPE html><html><head><meta charset="utf-8">
  <meta property="og:title" content="МИОР ответил редакциям на запросы">
  <meta property="article:published_time" content="2026-12-01T09:30:00+05:00"></head><body>
  <article><h1>МИОР ответил редакциям на запросы</h1>
  <p>Министерство информации и общественного развития ответило на запросы редакций в срок.</p></article>
  </body></html>"#;

/// An article in windows-1251 with no `<meta charset>`: "<h1>Министерство</h1>".
fn cp1251_article() -> Vec<u8> {
    let mut b = b"<html><body><h1>".to_vec();
    b.extend_from_slice(&[0xCC, 0xE8, 0xED, 0xE8, 0xF1, 0xF2, 0xE5, 0xF0, 0xF1, 0xF2, 0xE2, 0xEE]);
    b.extend_from_slice(b"</h1><p>2026</p></body></html>");
    b
}

/// The site, and how many times each article was fetched.
async fn news_site() -> (String, Arc<[AtomicUsize; 3]>) {
    let fetched: Arc<[AtomicUsize; 3]> = Arc::new(Default::default());
    let count = |i: usize| {
        let f = fetched.clone();
        move || {
            f[i].fetch_add(1, Ordering::SeqCst);
        }
    };
    let (c1, c2, c3) = (count(0), count(1), count(2));
    let router = axum::Router::new()
        .route(
            "/robots.txt",
            axum::routing::get(|| async { "User-agent: *\nDisallow: /news/hidden\n" }),
        )
        .route("/news/", axum::routing::get(|| async { Html(LISTING) }))
        .route(
            "/news/1",
            axum::routing::get(move || async move {
                c1();
                Html(ARTICLE)
            }),
        )
        .route(
            "/news/2",
            axum::routing::get(move || async move {
                c2();
                (
                    [(header::CONTENT_TYPE, "text/html; charset=windows-1251")],
                    cp1251_article(),
                )
                    .into_response()
            }),
        )
        .route(
            "/news/3",
            axum::routing::get(move || async move {
                c3();
                ([(header::CONTENT_TYPE, "text/html")], cp1251_article()).into_response()
            }),
        )
        .route("/news/hidden", axum::routing::get(|| async { Html(ARTICLE) }))
        .route("/news/gone", axum::routing::get(|| async { StatusCode::NOT_FOUND }))
        .route(
            "/empty/",
            axum::routing::get(|| async {
                Html("<html><body><p>Скоро здесь будут новости</p></body></html>")
            }),
        );
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let site = format!("http://{}", listener.local_addr().unwrap());
    tokio::spawn(async move { axum::serve(listener, router).await.unwrap() });
    (site, fetched)
}

fn config() -> Config {
    let mut c = Config::default();
    c.media.allow_private_addresses = true;
    c.media.fetch_timeout_secs = 2;
    c
}

async fn add_page_source(db: &Db, url: &str) -> i64 {
    app::media::add_outlet(db, "Site KZ", "online", Utc::now())
        .await
        .unwrap();
    let input = SourceInput {
        name: "Site KZ news".into(),
        kind: "page".into(),
        url: url.into(),
        outlet: "Site KZ".into(),
        language: "ru".into(),
        ..SourceInput::default()
    };
    let v = sources::validate(&input, &app::media::outlets(db).await.unwrap()).unwrap();
    store::create(db, &v, Utc::now()).await.unwrap()
}

async fn a_news_site_without_a_feed_is_read_from_its_pages(engine: Engine) {
    let app = spawn_app(engine).await;
    let (site, fetched) = news_site().await;
    let id = add_page_source(&app.db, &format!("{site}/news/")).await;
    let first = pass::run(&app.db, &config(), Utc::now(), false).await.unwrap();
    assert_eq!(
        (first[0].found, first[0].new, first[0].error.as_deref()),
        (3, 3, None),
        "{first:?}"
    );
    assert_eq!(first[0].mentions, 1, "the article naming the ministry is a mention");

    let items: Vec<(String, String, Option<chrono::DateTime<Utc>>)> = app::on_read!(&app.db, |c| sqlx::query_as(
        "SELECT url, headline, published_at FROM media_items ORDER BY url"
    )
    .fetch_all(c)
    .await)
    .unwrap();
    assert_eq!(items[0].0, format!("{site}/news/1"));
    assert_eq!(items[0].1, "МИОР ответил редакциям на запросы");
    assert_eq!(items[0].2.unwrap().to_rfc3339(), "2026-12-01T04:30:00+00:00");
    assert_eq!(
        items[1].1, "Министерство",
        "windows-1251 declared by the server is read"
    );
    assert!(
        items[2].1.contains('\u{fffd}'),
        "undeclared bytes are replaced, not guessed"
    );

    let health = store::get(&app.db, id).await.unwrap().last_error.unwrap_or_default();
    for words in [
        "some bytes are not valid UTF-8; they were replaced",
        "articles that could not be read: 2",
        "robots.txt does not allow",
    ] {
        assert!(health.contains(words), "{words}: {health}");
    }
    let mentions = app::media::list(
        &app.db,
        Utc::now().date_naive() - chrono::Duration::days(9),
        Utc::now().date_naive() + chrono::Duration::days(1),
        "",
        10,
    )
    .await
    .unwrap();
    assert_eq!(mentions.len(), 1);
    assert_eq!(
        (mentions[0].outlet.as_str(), mentions[0].url.as_str()),
        ("Site KZ", format!("{site}/news/1").as_str())
    );

    // Read again: the articles already kept are not fetched again, and the
    // two that cannot be read do not turn the read into a failure.
    let again = pass::run(&app.db, &config(), Utc::now(), true).await.unwrap();
    assert_eq!(
        (again[0].found, again[0].new, again[0].error.as_deref()),
        (0, 0, None),
        "{again:?}"
    );
    let counts: Vec<usize> = fetched.iter().map(|c| c.load(Ordering::SeqCst)).collect();
    assert_eq!(counts, vec![1, 1, 1], "each article page was fetched once");
    let s = store::get(&app.db, id).await.unwrap();
    assert_eq!((s.failures, s.items_seen), (0, 3));
}

async fn a_listing_with_no_article_links_is_a_clear_health_entry(engine: Engine) {
    let app = spawn_app(engine).await;
    let (site, _) = news_site().await;
    let id = add_page_source(&app.db, &format!("{site}/empty/")).await;
    let r = pass::run(&app.db, &config(), Utc::now(), false).await.unwrap();
    assert_eq!(r[0].error.as_deref(), Some("no article links found on the page"));
    let s = store::get(&app.db, id).await.unwrap();
    assert_eq!(
        (s.failures, s.last_error.as_deref()),
        (1, Some("no article links found on the page"))
    );
    assert_eq!(app.count("SELECT COUNT(*) FROM media_items").await, 0);
}
