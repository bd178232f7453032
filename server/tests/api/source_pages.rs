//! The press sources page and what it leads to, over HTTP as staff use it:
//! adding a source (bad fields named), a CSV file of sources (refused whole
//! with each bad line named, or added), the sources' health, reprints shown
//! as one story in the register, a suggested tone marked until a person
//! confirms it; officers outside media relations are refused.

use crate::helpers::*;
use crate::monitoring::two_feeds;
use crate::on_both_engines;
use app::media::sources::pass;
use app::platform::db::Engine;
use chrono::Utc;

on_both_engines!(
    staff_add_sources_and_read_stories_and_suggested_tones_on_the_pages,
    a_csv_file_of_sources_is_refused_whole_or_added,
);

/// A page in English (the language chosen as a person would, by its link).
async fn page(client: &reqwest::Client, app: &TestApp, path: &str) -> String {
    client.get(app.url("/lang/en?next=/")).send().await.unwrap();
    client.get(app.url(path)).send().await.unwrap().text().await.unwrap()
}

async fn upload(app: &TestApp, client: &reqwest::Client, csv: &str) -> String {
    let form = reqwest::multipart::Form::new().part(
        "file",
        reqwest::multipart::Part::text(csv.to_string()).file_name("sources.csv"),
    );
    let r = client
        .post(app.url("/staff/media/sources/import"))
        .header("origin", app.url(""))
        .multipart(form)
        .send()
        .await
        .unwrap();
    r.headers()["location"].to_str().unwrap().to_string()
}

async fn staff_add_sources_and_read_stories_and_suggested_tones_on_the_pages(engine: Engine) {
    let app = spawn_app_with(engine, |c| c.media.allow_private_addresses = true).await;
    let site = two_feeds().await;
    let analyst = app.signed_in_client("analyst").await;
    for (name, kind) in [("One KZ", "online"), ("Two KZ", "news_agency")] {
        let r = app
            .post_form_with(
                &analyst,
                "/api/staff/media_outlet_add",
                &[("outlet_name", name), ("outlet_type", kind)],
            )
            .await;
        assert!(r.status().is_success());
    }
    let source = |name: &'static str, url: String, outlet: &'static str| {
        vec![
            ("input[name]", name.to_string()),
            ("input[kind]", "rss".to_string()),
            ("input[url]", url),
            ("input[outlet]", outlet.to_string()),
        ]
    };
    let bad = app
        .post_form_with(
            &analyst,
            "/api/staff/media_source_add",
            &source("", "ftp://x".into(), "Nobody"),
        )
        .await;
    let (status, body) = error_code(bad).await;
    assert_eq!(status, 422);
    let fields: Vec<&str> = body["fields"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f["field"].as_str().unwrap())
        .collect();
    assert_eq!(fields, vec!["name", "url", "outlet"], "{body}");

    for (name, path, outlet) in [("One RSS", "one.xml", "One KZ"), ("Two RSS", "two.xml", "Two KZ")] {
        let r = app
            .post_form_with(
                &analyst,
                "/api/staff/media_source_add",
                &source(name, format!("{site}/{path}"), outlet),
            )
            .await;
        assert!(r.status().is_success(), "{}", r.status());
    }
    let officer = app.signed_in_client("youth.officer").await;
    let r = app
        .post_form_with(
            &officer,
            "/api/staff/media_source_add",
            &source("X", format!("{site}/x"), "One KZ"),
        )
        .await;
    assert_eq!(r.status(), 403);

    let sources = page(&analyst, &app, "/staff/media/sources").await;
    assert!(sources.contains("One RSS") && sources.contains("Two RSS"));
    assert!(
        sources.contains("Not read yet"),
        "a new source says it was not read yet"
    );
    assert!(
        sources.contains("&quot;МИОР&quot;") || sources.contains("\"МИОР\""),
        "the own-names query is listed"
    );

    let mut config = app::platform::config::Config::default();
    config.media.allow_private_addresses = true;
    pass::run(&app.db, &config, Utc::now(), true).await.unwrap();
    let sources = page(&analyst, &app, "/staff/media/sources").await;
    assert!(sources.contains("Working"), "{sources}");

    let register = page(&analyst, &app, "/staff/media?from=2026-12-01&to=2026-12-01").await;
    assert!(
        register.contains("Story · 2"),
        "a story carried by two outlets is marked"
    );
    assert!(register.contains("Negative (suggested)"), "a suggested tone is marked");
    let story_id: i64 = app
        .count("SELECT MIN(story_id) FROM mentions WHERE tone = 'negative'")
        .await;
    let story = page(&analyst, &app, &format!("/staff/media/stories/{story_id}")).await;
    assert!(
        story.contains("Two KZ") && story.contains("One KZ") && story.contains("first"),
        "{story}"
    );

    let id: i64 = app.count("SELECT MIN(id) FROM mentions WHERE tone = 'negative'").await;
    let mention = page(&analyst, &app, &format!("/staff/media/mentions/{id}")).await;
    assert!(
        mention.contains("раскритиковали"),
        "the words that decided the tone are shown"
    );
    let r = app
        .post_form_with(
            &analyst,
            "/api/staff/media_tone",
            &[("id", id.to_string()), ("tone", "neutral".to_string())],
        )
        .await;
    assert!(r.status().is_success());
    let mention = page(&analyst, &app, &format!("/staff/media/mentions/{id}")).await;
    assert!(mention.contains("confirmed by staff") && !mention.contains("Suggested tone"));
}

async fn a_csv_file_of_sources_is_refused_whole_or_added(engine: Engine) {
    let app = spawn_app(engine).await;
    let analyst = app.signed_in_client("analyst").await;
    app::media::add_outlet(&app.db, "Press KZ", "online", Utc::now())
        .await
        .unwrap();
    let outlet = "Press KZ";
    let bad = format!(
        "name,kind,url,outlet,media_type,language\n\
         Лента,rss,https://a.example.kz/rss,{outlet},,ru\n\
         Канал,telegram,https://example.kz/not-telegram,{outlet},,\n\
         лента,rss,https://b.example.kz/rss,Nobody,,xx\n"
    );
    let back = upload(&app, &analyst, &bad).await;
    assert!(back.starts_with("/staff/media/sources?problems="), "{back}");
    let shown = page(&analyst, &app, &back).await;
    assert!(shown.contains("Nothing was added") && shown.contains("Line 3, url") && shown.contains("Line 4, outlet"));
    assert_eq!(
        app.count("SELECT COUNT(*) FROM media_sources").await,
        0,
        "a file with a bad line adds nothing"
    );
    let good = format!(
        "name,kind,url,outlet,media_type,language\n\
         Лента,rss,https://a.example.kz/rss,{outlet},,ru\n\
         Канал,telegram,https://t.me/press_kz,{outlet},social,kk\n"
    );
    assert_eq!(upload(&app, &analyst, &good).await, "/staff/media/sources?added=2");
    let same_name =
        format!("name,kind,url,outlet,media_type,language\nЛЕНТА,rss,https://c.example.kz/rss,{outlet},,\n");
    let again = upload(&app, &analyst, &same_name).await;
    assert!(
        again.contains("2:name:already_exists"),
        "a name differing only in case is taken: {again}"
    );
}
