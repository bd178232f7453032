//! The tone suggestion learns from staff: once a language has enough
//! confirmed labels, a classifier trained on them in the background takes
//! over from the word lists, names the words that decided, and is measured
//! on a held-out fifth of the labels.

use crate::helpers::*;
use crate::on_both_engines;
use app::media::sources::{self, pass, store, tone_training, SourceInput};
use app::platform::config::Config;
use app::platform::db::Engine;
use chrono::Utc;

on_both_engines!(the_classifier_takes_over_once_staff_have_labelled_enough);

/// Confirmed labels the word lists know nothing of: ignoring the press is
/// blame, a prompt answer is praise.
async fn label(app: &TestApp, outlet: i64, labels: std::ops::Range<usize>) {
    let mut tx = app.db.begin().await.unwrap();
    for i in labels {
        let (headline, tone) = match i % 3 {
            0 => (
                format!("МИОР снова игнорирует запросы редакции, уже {i} дней"),
                "negative",
            ),
            1 => (format!("МИОР оперативно ответил редакции, выпуск {i}"), "positive"),
            _ => (format!("МИОР опубликовал расписание брифингов, выпуск {i}"), "neutral"),
        };
        app::on_tx!(&mut tx, |c| sqlx::query(
            "INSERT INTO mentions (outlet_id, media_type, headline, url, url_key, day, tone, created_at, excerpt, language, \
             tone_suggested, tone_suggested_as) VALUES ($1, 'online', $2, $3, $3, $4, $5, $6, $2, 'ru', $7, 'neutral')"
        )
        .bind(outlet)
        .bind(&headline)
        .bind(format!("labels.kz/{i}"))
        .bind(Utc::now().date_naive())
        .bind(tone)
        .bind(Utc::now())
        .bind(false)
        .execute(c)
        .await
        .map(|r| r.rows_affected()))
        .unwrap();
    }
    tx.commit().await.unwrap();
}

async fn the_classifier_takes_over_once_staff_have_labelled_enough(engine: Engine) {
    let app = spawn_app(engine).await;
    let outlet = app::media::add_outlet(&app.db, "Labels KZ", "online", Utc::now())
        .await
        .unwrap();
    label(&app, outlet, 0..30).await;
    assert!(
        tone_training::retrain(&app.db, Utc::now()).await.unwrap().is_empty(),
        "30 labels are too few"
    );
    assert_eq!(tone_training::held_out(&app.db, "ru").await.unwrap(), None);
    label(&app, outlet, 30..90).await;

    let body = "<?xml version=\"1.0\"?><rss version=\"2.0\"><channel><title>T</title><item>\
        <title>МИОР игнорирует вопросы журналистов</title><link>https://news.example.kz/1</link>\
        <description>Редакция ждёт ответа вторую неделю.</description></item></channel></rss>";
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let site = format!("http://{}", listener.local_addr().unwrap());
    let router = axum::Router::new().route("/rss.xml", axum::routing::get(move || async move { body }));
    tokio::spawn(async move { axum::serve(listener, router).await.unwrap() });
    let input = SourceInput {
        name: "News".into(),
        kind: "rss".into(),
        url: format!("{site}/rss.xml"),
        outlet: "Labels KZ".into(),
        language: "ru".into(),
        ..SourceInput::default()
    };
    let v = sources::validate(&input, &app::media::outlets(&app.db).await.unwrap()).unwrap();
    store::create(&app.db, &v, Utc::now()).await.unwrap();
    let mut config = Config::default();
    config.media.allow_private_addresses = true;
    pass::run(&app.db, &config, Utc::now(), true).await.unwrap();

    assert_eq!(
        app.count("SELECT labels FROM tone_models WHERE language = 'ru'").await,
        90,
        "trained in the pass"
    );
    let m = app::media::find(&app.db, app.count("SELECT MAX(id) FROM mentions").await)
        .await
        .unwrap();
    assert_eq!(m.headline, "МИОР игнорирует вопросы журналистов");
    assert_eq!(
        (m.tone.as_str(), m.tone_suggested),
        ("negative", true),
        "the word lists would say neutral"
    );
    assert!(m.tone_words.contains("игнорирует"), "{}", m.tone_words);
    let (n, model, _) = tone_training::held_out(&app.db, "ru")
        .await
        .unwrap()
        .expect("enough to check");
    assert_eq!((n, model), (18, 18), "the held-out fifth is classified right");
}
