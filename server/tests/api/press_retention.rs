//! How long press items stay: past `media.keep_items_days` an item read by
//! the monitor goes with its band keys, unless the register names it (the
//! first item of a mention's story, an item that carried a release), which
//! keeps its headline, link and signature but loses its text. Mentions and
//! pickups are untouched, and newer items too.

use crate::helpers::*;
use crate::on_both_engines;
use app::media::sources::feeds::FoundItem;
use app::media::sources::monitor::{take_in, Watch};
use app::media::sources::{retention, store, SourceKind, ValidSource};
use app::media::MediaType;
use app::platform::config::REFERENCE_OWN_NAMES;
use app::platform::db::Engine;
use chrono::{DateTime, Duration, Utc};

on_both_engines!(past_their_days_items_go_but_what_the_register_names_keeps_its_headline);

const NAMED: &str = "Министерство информации и общественного развития ответило на запросы журналистов \
    о задержках: в пресс-службе пообещали отвечать в срок и назвали ответственных за каждый запрос.";
const TITLE: &str = "Министерство объявило грантовый конкурс для молодёжных организаций";
const SUMMARY: &str =
    "Заявки принимаются до конца месяца на портале электронного правительства, итоги подведут в январе.";

fn item(url: &str, headline: &str, text: &str, at: DateTime<Utc>) -> FoundItem {
    FoundItem {
        url: url.into(),
        headline: headline.into(),
        text: text.into(),
        published: Some(at),
    }
}

async fn past_their_days_items_go_but_what_the_register_names_keeps_its_headline(engine: Engine) {
    let app = spawn_app(engine).await;
    let now = Utc::now();
    let then = now - Duration::days(70);
    publish_release(&app, TITLE, SUMMARY, then - Duration::hours(10)).await;
    let outlet = app::media::add_outlet(&app.db, "One KZ", "online", then).await.unwrap();
    let v = ValidSource {
        name: "One RSS".into(),
        kind: SourceKind::Rss,
        url: "https://one.example.kz/rss.xml".into(),
        outlet_id: outlet,
        media_type: MediaType::Online,
        language: "ru".into(),
        every_minutes: 60,
    };
    let source = store::get(&app.db, store::create(&app.db, &v, then).await.unwrap())
        .await
        .unwrap();
    let names = REFERENCE_OWN_NAMES.map(String::from);
    // Seventy days ago: a story naming the ministry and its reprint, a copy
    // of our release and the weather.
    let watch = Watch::load(&app.db, &names, then).await.unwrap();
    let old = [
        item("https://one.example.kz/a", "Ответы в срок", NAMED, then),
        item(
            "https://one.example.kz/b",
            "Ответы в срок (перепечатка)",
            NAMED,
            then + Duration::hours(1),
        ),
        item("https://one.example.kz/c", TITLE, SUMMARY, then + Duration::hours(2)),
        item(
            "https://one.example.kz/d",
            "Погода",
            "Снег и ветер, на дорогах гололёд.",
            then,
        ),
    ];
    let taken = take_in(&app.db, &source, &old, &watch, chrono_tz::Asia::Almaty, then)
        .await
        .unwrap();
    assert_eq!((taken.new_items, taken.mentions), (4, 2), "two items name the ministry");
    // Today: the weather again.
    let watch = Watch::load(&app.db, &names, now).await.unwrap();
    let today = [item("https://one.example.kz/e", "Погода", "Солнечно и тихо.", now)];
    take_in(&app.db, &source, &today, &watch, chrono_tz::Asia::Almaty, now)
        .await
        .unwrap();
    let id_of = |path: &str| format!("SELECT id FROM media_items WHERE url = 'https://one.example.kz/{path}'");
    let (a, c, e) = (
        app.count(&id_of("a")).await,
        app.count(&id_of("c")).await,
        app.count(&id_of("e")).await,
    );
    assert_eq!(
        app.count(&format!("SELECT COUNT(*) FROM media_items WHERE story_id = {a}"))
            .await,
        1,
        "the reprint joined the story"
    );
    assert_eq!(app.count("SELECT COUNT(*) FROM release_pickups").await, 1);
    assert_eq!(app.count("SELECT COUNT(*) FROM media_item_bands").await, 5 * 16);

    let purged = retention::purge(&app.db, 60, now).await.unwrap();
    assert_eq!(
        purged,
        retention::Purged { deleted: 2, trimmed: 2 },
        "the reprint and the weather go; the story's first item and the release's copy stay"
    );
    let left: Vec<(i64, String, String, bool)> = app::on_read!(&app.db, |c| sqlx::query_as(
        "SELECT id, headline, body, signature IS NOT NULL FROM media_items ORDER BY id"
    )
    .fetch_all(c)
    .await)
    .unwrap();
    assert_eq!(
        left,
        vec![
            (a, "Ответы в срок".to_string(), String::new(), true),
            (c, TITLE.to_string(), String::new(), true),
            (e, "Погода".to_string(), "Солнечно и тихо.".to_string(), true),
        ],
        "kept: headline, link and signature, without the text; today's item whole"
    );
    assert_eq!(
        (
            app.count("SELECT COUNT(*) FROM media_item_bands").await,
            app.count(&format!("SELECT COUNT(*) FROM media_item_bands WHERE item_id = {e}"))
                .await
        ),
        (16, 16),
        "only today's item keeps its band keys, all of them"
    );
    assert_eq!(app.count("SELECT COUNT(*) FROM mentions").await, 2, "mentions stay");
    assert_eq!(
        app.count("SELECT COUNT(*) FROM release_pickups").await,
        1,
        "the pickup stays"
    );
    assert_eq!(
        retention::purge(&app.db, 60, now).await.unwrap(),
        retention::Purged::default(),
        "trimmed items are not read again"
    );
}
