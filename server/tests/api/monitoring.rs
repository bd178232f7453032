//! The press monitor from feed to register, on a press site the test starts
//! on loopback: saved queries (the body's own names on a fresh installation)
//! turn matching items into mentions with their source, query, excerpt and
//! language; reprints across outlets are one story; the same link from two
//! sources is one mention; a suggested tone names its words and stays
//! marked until a person confirms it.

use crate::helpers::*;
use crate::on_both_engines;
use app::media::sources::{self, pass, queries, store, SourceInput};
use app::platform::config::Config;
use app::platform::db::{Db, Engine};
use chrono::Utc;

on_both_engines!(
    matching_items_become_mentions_and_reprints_one_story,
    a_saved_query_is_checked_and_finds_what_it_says,
    a_person_confirms_a_suggested_tone,
    the_demo_press_is_served_and_read_into_stories_with_no_network,
    the_digest_lists_stories_new_or_continuing_beside_a_similar_one_before,
);

const STORY: &str = "Министерство информации и общественного развития раскритиковали за задержку ответов \
    на запросы журналистов: по данным редакции, ведомство нарушило сроки в двенадцати случаях за осень.";

fn rss(items: &[(&str, &str, &str)]) -> String {
    let items: String = items
        .iter()
        .map(|(title, link, text)| {
            format!(
                "<item><title>{title}</title><link>{link}</link><description>{text}</description>\
                 <pubDate>Tue, 01 Dec 2026 09:00:00 +0500</pubDate></item>"
            )
        })
        .collect();
    format!("<?xml version=\"1.0\" encoding=\"UTF-8\"?><rss version=\"2.0\"><channel><title>T</title>{items}</channel></rss>")
}

/// Two outlets' feeds: the first carries a story about the body, an item in
/// Kazakh praising it and one about something else; the second reprints the
/// story under a new headline and repeats one link of the first.
pub async fn two_feeds() -> String {
    let one = rss(&[
        ("Ведомство нарушило сроки", "https://one.example.kz/a/1", STORY),
        (
            "Жастарға қолдау",
            "https://one.example.kz/a/2",
            "Ақпарат және қоғамдық даму министрлігі жастар ұйымдарына қолдау көрсетті.",
        ),
        (
            "Погода",
            "https://one.example.kz/a/3",
            "В Астане ожидается снег и сильный ветер.",
        ),
    ]);
    let reprint = format!("{STORY} Об этом сообщает наш корреспондент.");
    let two = rss(&[
        (
            "Журналисты недовольны сроками",
            "https://two.example.kz/news/77",
            &reprint,
        ),
        (
            "Ведомство нарушило сроки",
            "https://www.one.example.kz/a/1/?utm_source=two",
            STORY,
        ),
    ]);
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let port = listener.local_addr().unwrap().port();
    let router = axum::Router::new()
        .route("/one.xml", axum::routing::get(move || async move { one }))
        .route("/two.xml", axum::routing::get(move || async move { two }));
    tokio::spawn(async move { axum::serve(listener, router).await.unwrap() });
    format!("http://127.0.0.1:{port}")
}

fn config() -> Config {
    let mut c = Config::default();
    c.media.allow_private_addresses = true;
    c
}

async fn source(db: &Db, name: &str, outlet: &str, url: &str) -> i64 {
    if !app::media::outlets(db).await.unwrap().iter().any(|o| o.name == outlet) {
        app::media::add_outlet(db, outlet, "online", Utc::now()).await.unwrap();
    }
    let input = SourceInput {
        name: name.into(),
        kind: "rss".into(),
        url: url.into(),
        outlet: outlet.into(),
        ..SourceInput::default()
    };
    let v = sources::validate(&input, &app::media::outlets(db).await.unwrap()).unwrap();
    store::create(db, &v, Utc::now()).await.unwrap()
}

async fn mentions_of(db: &Db) -> Vec<app::media::MentionRow> {
    let day = chrono::NaiveDate::from_ymd_opt(2026, 12, 1).unwrap();
    app::media::list(db, day, day, "", 100).await.unwrap()
}

async fn matching_items_become_mentions_and_reprints_one_story(engine: Engine) {
    let app = spawn_app(engine).await;
    let site = two_feeds().await;
    source(&app.db, "One RSS", "One KZ", &format!("{site}/one.xml")).await;
    source(&app.db, "Two RSS", "Two KZ", &format!("{site}/two.xml")).await;
    let reports = pass::run(&app.db, &config(), Utc::now(), true).await.unwrap();
    let found: Vec<(usize, usize, usize)> = reports.iter().map(|r| (r.found, r.new, r.mentions)).collect();
    assert_eq!(
        found,
        vec![(3, 3, 2), (2, 1, 1)],
        "the repeated link is neither a new item nor a second mention"
    );

    let ms = mentions_of(&app.db).await;
    assert_eq!(ms.len(), 3, "{ms:#?}");
    let origin = ms.iter().find(|m| m.url == "https://one.example.kz/a/1").unwrap();
    let reprint = ms.iter().find(|m| m.outlet == "Two KZ").unwrap();
    let kazakh = ms.iter().find(|m| m.headline == "Жастарға қолдау").unwrap();
    assert_eq!(
        origin.story_id, reprint.story_id,
        "a reprint under a new headline is the same story"
    );
    assert_ne!(origin.story_id, kazakh.story_id);
    assert_eq!((origin.story_mentions, kazakh.story_mentions), (2, 1));
    assert_eq!(
        app::media::story(&app.db, origin.story_id.unwrap())
            .await
            .unwrap()
            .len(),
        2
    );

    assert_eq!(origin.source.as_deref(), Some("One RSS"));
    assert_eq!(
        origin.query.as_deref(),
        Some(queries::OWN_NAMES),
        "a fresh installation watches its own names"
    );
    assert!(origin.excerpt.contains("Министерство информации"), "{}", origin.excerpt);
    assert_eq!((origin.language.as_str(), kazakh.language.as_str()), ("ru", "kk"));
    assert_eq!((origin.tone.as_str(), origin.tone_suggested), ("negative", true));
    assert_eq!(origin.tone_words, "нарушило, раскритиковали", "each deciding word once");
    assert_eq!(
        (kazakh.tone.as_str(), kazakh.tone_words.as_str()),
        ("positive", "қолдау")
    );
    assert!(
        !ms.iter().any(|m| m.headline == "Погода"),
        "an item no query finds is not a mention"
    );

    let again = pass::run(&app.db, &config(), Utc::now(), true).await.unwrap();
    assert!(again.iter().all(|r| r.new == 0 && r.mentions == 0), "{again:?}");
    assert_eq!(mentions_of(&app.db).await.len(), 3);
}

async fn a_saved_query_is_checked_and_finds_what_it_says(engine: Engine) {
    let app = spawn_app(engine).await;
    let bad = queries::create(&app.db, "Погода", "(снег OR", Utc::now())
        .await
        .unwrap_err();
    assert_eq!(
        field_codes(&bad),
        vec![("query".to_string(), "query_syntax".to_string())]
    );
    let none = queries::create(&app.db, "", "", Utc::now()).await.unwrap_err();
    assert_eq!(field_codes(&none).len(), 2);
    queries::create(&app.db, "Погода", "снег AND NOT дождь", Utc::now())
        .await
        .unwrap();
    let taken = queries::create(&app.db, "погода", "ветер", Utc::now())
        .await
        .unwrap_err();
    assert_eq!(
        field_codes(&taken),
        vec![("query_name".to_string(), "already_exists".to_string())]
    );

    let site = two_feeds().await;
    source(&app.db, "One RSS", "One KZ", &format!("{site}/one.xml")).await;
    pass::run(&app.db, &config(), Utc::now(), true).await.unwrap();
    let ms = mentions_of(&app.db).await;
    let weather = ms
        .iter()
        .find(|m| m.headline == "Погода")
        .expect("the weather query found its item");
    assert_eq!(weather.query.as_deref(), Some("Погода"));
    assert_eq!((weather.tone.as_str(), weather.tone_words.as_str()), ("neutral", ""));
    let names: Vec<String> = queries::list(&app.db)
        .await
        .unwrap()
        .into_iter()
        .map(|q| q.name)
        .collect();
    assert_eq!(names, vec![queries::OWN_NAMES.to_string(), "Погода".to_string()]);
}

async fn a_person_confirms_a_suggested_tone(engine: Engine) {
    let app = spawn_app(engine).await;
    let site = two_feeds().await;
    source(&app.db, "One RSS", "One KZ", &format!("{site}/one.xml")).await;
    pass::run(&app.db, &config(), Utc::now(), true).await.unwrap();
    let m = mentions_of(&app.db)
        .await
        .into_iter()
        .find(|m| m.tone == "negative")
        .unwrap();
    let bad = app::media::confirm_tone(&app.db, m.id, "angry").await.unwrap_err();
    assert_eq!(
        field_codes(&bad),
        vec![("tone".to_string(), "invalid_choice".to_string())]
    );
    app::media::confirm_tone(&app.db, m.id, "neutral").await.unwrap();
    let after = app::media::find(&app.db, m.id).await.unwrap();
    assert_eq!((after.tone.as_str(), after.tone_suggested), ("neutral", false));

    // The suggestion's accuracy counts what people kept and what they changed.
    use app::media::sources::tone_accuracy::per_language;
    assert_eq!(per_language(&app.db).await.unwrap()[0].agreed, 0);
    let kazakh = mentions_of(&app.db)
        .await
        .into_iter()
        .find(|m| m.language == "kk")
        .unwrap();
    app::media::confirm_tone(&app.db, kazakh.id, &kazakh.tone)
        .await
        .unwrap();
    let seen: Vec<(String, i64, i64)> = per_language(&app.db)
        .await
        .unwrap()
        .into_iter()
        .map(|a| (a.language, a.confirmed, a.agreed))
        .collect();
    assert_eq!(seen, vec![("kk".to_string(), 1, 1), ("ru".to_string(), 1, 0)]);
}

/// PRODUCT.md's demo promise for the press: the portal serves its own
/// sample feeds, registers them, and reading them shows stories and
/// suggested tones without reaching outside the machine.
async fn the_demo_press_is_served_and_read_into_stories_with_no_network(engine: Engine) {
    let app = spawn_app_with(engine, |c| c.demo = true).await;
    for (name, kind) in [
        ("Tengrinews", "online"),
        ("Zakon.kz", "online"),
        ("Kazinform", "news_agency"),
        ("Egemen Qazaqstan", "print"),
        ("Telegram: ministry watch", "social"),
        ("Vlast.kz", "online"),
    ] {
        app::media::add_outlet(&app.db, name, kind, Utc::now()).await.unwrap();
    }
    let now = Utc::now();
    assert_eq!(
        app::demo::press::seed_sources(&app.db, &app.base, now).await.unwrap(),
        Some(6)
    );
    assert_eq!(
        app::demo::press::seed_sources(&app.db, &app.base, now).await.unwrap(),
        None,
        "once"
    );
    let config = Config {
        demo: true,
        ..Config::default()
    };
    let reports = pass::run(&app.db, &config, now, true).await.unwrap();
    assert!(reports.iter().all(|r| r.error.is_none()), "{reports:?}");
    let ms = app::media::list(
        &app.db,
        (now - chrono::Duration::days(3)).date_naive(),
        now.date_naive() + chrono::Duration::days(1),
        "",
        100,
    )
    .await
    .unwrap();
    let delays = ms.iter().find(|m| m.outlet == "Tengrinews").unwrap();
    assert_eq!(
        delays.story_mentions, 3,
        "the story, its reprint and the channel's post: {ms:#?}"
    );
    assert_eq!((delays.tone.as_str(), delays.tone_suggested), ("negative", true));
    let grants = ms
        .iter()
        .find(|m| m.outlet == "Kazinform" && m.language == "kk")
        .unwrap();
    assert_eq!((grants.tone.as_str(), grants.story_mentions), ("positive", 2));
    assert!(
        !ms.iter()
            .any(|m| m.headline.contains("снег") || m.headline.contains("выставка")),
        "news no query finds is left out"
    );
    // The site without a feed: its article retelling a release joins that story.
    let retold = ms
        .iter()
        .find(|m| m.outlet == "Vlast.kz")
        .expect("the news page's article");
    assert_eq!(retold.headline, "МИОР опубликовал график приёма граждан на декабрь");
    assert!(
        retold.url.ends_with("/demo/press/vlast/news/priyom-dekabr"),
        "{}",
        retold.url
    );
    assert_eq!(retold.story_mentions, 2, "with Kazinform's item it retells");

    // The indicators count stories beside mentions, and the tones still only suggested.
    let today = now.with_timezone(&chrono_tz::Asia::Almaty).date_naive();
    let from = today - chrono::Duration::days(3);
    let v: serde_json::Value = app
        .get(&format!("/api/v1/indicators?from={from}&to={today}"))
        .await
        .json()
        .await
        .unwrap();
    let media = &v["media"];
    assert_eq!(media["mentions"]["current"], 8, "{media}");
    assert_eq!(
        media["stories"]["current"], 4,
        "three reprints, two, two and one are one story each"
    );
    assert_eq!(media["tone_suggested"]["negative"], 4);
    assert_eq!(media["tone_suggested"]["positive"], 2);
    assert_eq!(
        (media["tone"]["negative"].as_i64(), media["tone_counts"].as_str()),
        (Some(4), Some("all"))
    );

    // An analyst confirms one negative tone: counting confirmed tones only
    // gives that one, and says so.
    app::media::confirm_tone(&app.db, delays.id, "negative").await.unwrap();
    let confirmed: serde_json::Value = app
        .get(&format!(
            "/api/v1/indicators?from={from}&to={today}&media_tone=confirmed"
        ))
        .await
        .json()
        .await
        .unwrap();
    let media = &confirmed["media"];
    assert_eq!(
        media["tone"],
        serde_json::json!({ "positive": 0, "neutral": 0, "negative": 1 }),
        "{media}"
    );
    assert_eq!(media["tone_counts"], "confirmed");
    assert_eq!(media["tone_suggested"]["negative"], 3, "the rest, still only suggested");
    let refused = app
        .get(&format!("/api/v1/indicators?from={from}&to={today}&media_tone=some"))
        .await;
    assert_eq!(refused.status(), 422);
    assert!(refused.text().await.unwrap().contains("media_tone"));
}

/// The same complaint a day earlier, told in other words after its first
/// sentence: a similar story of the day before, not a reprint.
const EARLIER: &str = "Министерство информации и общественного развития раскритиковали за задержку ответов \
    на запросы журналистов: по данным редакции, письма остаются без ответа месяцами, а в пресс-службе \
    ссылаются на нехватку сотрудников и обещают исправить положение к новому году.";

async fn the_digest_lists_stories_new_or_continuing_beside_a_similar_one_before(engine: Engine) {
    let app = spawn_app(engine).await;
    let site = two_feeds().await;
    let earlier = rss(&[("Ответов нет месяцами", "https://three.example.kz/old", EARLIER)])
        .replace("Tue, 01 Dec 2026", "Mon, 30 Nov 2026");
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let old_site = format!("http://{}", listener.local_addr().unwrap());
    let router = axum::Router::new().route("/old.xml", axum::routing::get(move || async move { earlier }));
    tokio::spawn(async move { axum::serve(listener, router).await.unwrap() });
    source(&app.db, "Three RSS", "Three KZ", &format!("{old_site}/old.xml")).await;
    source(&app.db, "One RSS", "One KZ", &format!("{site}/one.xml")).await;
    source(&app.db, "Two RSS", "Two KZ", &format!("{site}/two.xml")).await;
    pass::run(&app.db, &config(), Utc::now(), true).await.unwrap();

    let day = chrono::NaiveDate::from_ymd_opt(2026, 12, 1).unwrap();
    let d = app::media::digest::digest(&app.db, day, 1, None, chrono_tz::Asia::Almaty)
        .await
        .unwrap();
    assert_eq!(
        (d.stories.count, d.total.count),
        (2, 3),
        "two stories in three mentions"
    );
    assert_eq!((d.new_stories, d.continuing_stories), (2, 0));
    let top = &d.story_lines[0];
    assert_eq!(
        (top.mentions, top.outlets, top.negative, top.continuing),
        (2, 2, 2, false)
    );
    let similar = top
        .similar_before
        .as_ref()
        .expect("the day before told a similar story");
    assert_eq!(similar.headline, "Ответов нет месяцами");
    assert!(
        d.story_lines[1].similar_before.is_none(),
        "the Kazakh story has nothing similar before"
    );
}

/// Each refused field with its code.
fn field_codes(e: &app::error::AppError) -> Vec<(String, String)> {
    e.fields
        .iter()
        .map(|f| (f.field.clone(), f.code.as_str().to_string()))
        .collect()
}
