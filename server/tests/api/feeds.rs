//! The feed importer against a feed served by the test itself.

use crate::helpers::*;
use crate::on_both_engines;
use app::platform::db::Engine;

on_both_engines!(the_importer_adds_new_entries_once_and_reports_what_it_skipped_and_failed);

const RSS: &str = r#"<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0"><channel><title>Ministry news</title><link>https://ministry.example.kz</link><language>ru</language>
<item><title>Открыт приём заявок на гранты</title><link>https://ministry.example.kz/news/1</link>
  <description>&lt;p&gt;Гранты для &lt;b&gt;НПО&lt;/b&gt;&lt;/p&gt;</description><pubDate>Mon, 02 Nov 2026 09:00:00 +0500</pubDate></item>
<item><title>Форум волонтёров</title><link>https://ministry.example.kz/news/2</link><description>Итоги форума</description></item>
<item><title>Без ссылки</title><description>Эта запись без ссылки</description></item>
</channel></rss>"#;

async fn serve_feed() -> String {
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let addr = listener.local_addr().unwrap();
    let app = axum::Router::new().route(
        "/rss.xml",
        axum::routing::get(|| async { ([("content-type", "application/rss+xml")], RSS) }),
    );
    tokio::spawn(async move { axum::serve(listener, app).await.unwrap() });
    format!("http://{addr}/rss.xml")
}

async fn the_importer_adds_new_entries_once_and_reports_what_it_skipped_and_failed(engine: Engine) {
    let app = spawn_app(engine).await;
    let url = serve_feed().await;
    let first = app::publications::feeds::import_url(&app.db, &url, "MEDIA", "hand")
        .await
        .unwrap();
    assert_eq!((first.added, first.skipped, first.failed), (2, 0, 1), "{first:?}");
    assert_eq!(first.problems, vec!["entry 3: no link".to_string()]);
    let again = app::publications::feeds::import_url(&app.db, &url, "MEDIA", "schedule")
        .await
        .unwrap();
    assert_eq!(
        (again.added, again.skipped, again.failed),
        (0, 2, 1),
        "deduplicated by link"
    );
    assert_eq!(
        app.count("SELECT COUNT(*) FROM publications WHERE source = 'feed'")
            .await,
        2
    );
    assert_eq!(app.count("SELECT COUNT(*) FROM feed_imports").await, 2);
    let body: serde_json::Value = app
        .get("/api/v1/publications?q=грант&lang=ru")
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(body["total"], 1);
    assert_eq!(body["items"][0]["title"], "Открыт приём заявок на гранты");
    let one: serde_json::Value = app
        .get(&format!("/api/v1/publications/{}", body["items"][0]["id"]))
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(one["titles"]["ru"], "Открыт приём заявок на гранты");
    let summary = app.get_text(&format!("/publications/{}", body["items"][0]["id"])).await;
    assert!(summary.contains("Гранты для НПО"), "feed HTML becomes plain text");
    let missing = app::publications::feeds::import_url(&app.db, &format!("{url}-missing"), "MEDIA", "hand")
        .await
        .unwrap_err();
    assert_eq!(missing.field_code("feed"), Some(app::error::FieldCode::UnreachableFeed));
}
