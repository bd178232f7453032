//! Pickup of our releases (PRODUCT.md's press monitoring, issue "reads the
//! press by itself"): a release copied by one outlet and retold by another
//! is picked up by both, with each delay and whether the headline's key
//! words survived; the staff page lists them and the indicators count
//! releases picked up, outlets per release and the median delay.

use crate::helpers::*;
use crate::on_both_engines;
use app::media::sources::{self, pass, store, SourceInput};
use app::platform::config::Config;
use app::platform::db::Engine;
use chrono::{Duration, Utc};

on_both_engines!(a_release_copied_and_retold_is_picked_up_by_both_outlets);

const TITLE: &str = "Министерство объявило грантовый конкурс для молодёжных организаций";
const SUMMARY: &str =
    "Заявки принимаются до конца месяца на портале электронного правительства, итоги подведут в январе.";

fn rss(title: &str, link: &str, text: &str, at: chrono::DateTime<Utc>) -> String {
    format!(
        "<?xml version=\"1.0\"?><rss version=\"2.0\"><channel><title>T</title><item><title>{title}</title>\
         <link>{link}</link><description>{text}</description><pubDate>{}</pubDate></item>\
         <item><title>Погода</title><link>{link}/weather</link><description>Снег и ветер.</description>\
         <pubDate>{}</pubDate></item></channel></rss>",
        at.to_rfc2822(),
        at.to_rfc2822()
    )
}

async fn a_release_copied_and_retold_is_picked_up_by_both_outlets(engine: Engine) {
    let app = spawn_app(engine).await;
    let now = Utc::now();
    let id = publish_release(&app, TITLE, SUMMARY, now - Duration::hours(10)).await;
    let copy = rss(TITLE, "https://one.example.kz/1", SUMMARY, now - Duration::hours(6));
    let retold = rss(
        "Гранты для НКО",
        "https://two.example.kz/2",
        "Молодёжные организации могут подать заявки: грантовый конкурс министерства продлится месяц.",
        now - Duration::hours(2),
    );
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let site = format!("http://{}", listener.local_addr().unwrap());
    let router = axum::Router::new()
        .route("/one.xml", axum::routing::get(move || async move { copy }))
        .route("/two.xml", axum::routing::get(move || async move { retold }));
    tokio::spawn(async move { axum::serve(listener, router).await.unwrap() });
    for (name, outlet, path) in [("One", "One KZ", "one.xml"), ("Two", "Two KZ", "two.xml")] {
        app::media::add_outlet(&app.db, outlet, "online", now).await.unwrap();
        let input = SourceInput {
            name: name.into(),
            kind: "rss".into(),
            url: format!("{site}/{path}"),
            outlet: outlet.into(),
            ..SourceInput::default()
        };
        let v = sources::validate(&input, &app::media::outlets(&app.db).await.unwrap()).unwrap();
        store::create(&app.db, &v, now).await.unwrap();
    }
    let mut config = Config::default();
    config.media.allow_private_addresses = true;
    pass::run(&app.db, &config, now, true).await.unwrap();

    let rows = app::media::sources::pickup::of_publication(&app.db, id).await.unwrap();
    let seen: Vec<(&str, i64, bool)> = rows
        .iter()
        .map(|r| (r.outlet.as_str(), r.delay_hours.round() as i64, r.key_words_kept))
        .collect();
    assert_eq!(
        seen,
        vec![("One KZ", 4, true), ("Two KZ", 8, false)],
        "the weather is no pickup"
    );

    // Staff who manage publications read it on the publication's page.
    let officer = app.signed_in_client("media.officer").await;
    let page = officer
        .get(app.url(&format!("/staff/publications/{id}")))
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert!(
        page.contains("https://two.example.kz/2"),
        "the pickup is listed on the staff page"
    );

    let today = now.with_timezone(&chrono_tz::Asia::Almaty).date_naive();
    let from = today - Duration::days(6);
    let v: serde_json::Value = app
        .get(&format!("/api/v1/indicators?from={from}&to={today}"))
        .await
        .json()
        .await
        .unwrap();
    let p = &v["media"]["pickup"];
    assert_eq!(p["picked_up"], 1, "{p}");
    assert!(p["releases"].as_i64().unwrap() >= 1);
    assert_eq!(p["outlets_per_release"], 2.0);
    assert_eq!(p["median_delay_hours"], 4.0);

    // The public indicators page shows the same beside the period before.
    let page = app.get_text(&format!("/indicators?from={from}&to={today}")).await;
    let row = |key: &str| {
        let at = page
            .find(&format!("data-indicator=\"{key}\""))
            .unwrap_or_else(|| panic!("{key} row"));
        page[at..at + page[at..].find("</tr>").unwrap()].to_string()
    };
    // The page speaks Kazakh by default: numbers with a decimal comma.
    let picked = row("releases_picked_up");
    assert!(picked.contains(r#"<td class="current">1<"#), "{picked}");
    let outlets = row("outlets_per_release");
    assert!(outlets.contains(r#"<td class="current">2,0<"#), "{outlets}");
    assert!(row("median_delay_hours").contains(r#"<td class="current">4,0<"#));
}
