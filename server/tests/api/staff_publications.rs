//! Staff create, edit, publish and archive publications of their own department.

use crate::helpers::*;
use crate::on_both_engines;
use app::platform::db::Engine;

on_both_engines!(
    an_officer_drafts_publishes_and_archives_a_publication_of_their_own_department,
    an_officer_lists_only_their_own_department_s_drafts,
);

/// A valid edit form for the staff publication editor (a new one: `id` empty).
pub fn form(dept: &str, title: &str) -> Vec<(&'static str, String)> {
    vec![
        ("id", String::new()),
        ("input[kind]", "press_release".into()),
        ("input[channel]", "website".into()),
        ("input[department_id]", dept.into()),
        ("input[topics][0]", "youth".into()),
        ("input[published_at]", "2026-11-20T10:30".into()),
        ("input[url]", "https://ministry.example.kz/press/77".into()),
        ("input[title_kk]", String::new()),
        ("input[title_ru]", String::new()),
        ("input[title_en]", title.into()),
        ("input[summary_kk]", String::new()),
        ("input[summary_ru]", String::new()),
        ("input[summary_en]", "Summary".into()),
    ]
}

async fn post(app: &TestApp, path: &str, form: &[(&str, String)]) -> (u16, serde_json::Value) {
    let r = app
        .client
        .post(app.url(path))
        .header("origin", &app.base)
        .header("accept", "application/json")
        .form(form)
        .send()
        .await
        .unwrap();
    let s = r.status().as_u16();
    (s, r.json().await.unwrap_or(serde_json::Value::Null))
}

async fn an_officer_drafts_publishes_and_archives_a_publication_of_their_own_department(engine: Engine) {
    let app = spawn_app(engine).await;
    let media = app
        .count("SELECT id FROM departments WHERE code = 'MEDIA'")
        .await
        .to_string();
    let info = app
        .count("SELECT id FROM departments WHERE code = 'INFO'")
        .await
        .to_string();
    app.login_demo("media.officer").await;

    let (s, b) = post(&app, "/api/staff/save_publication", &form(&info, "Not mine")).await;
    assert_eq!(s, 403, "another department's publication: {b}");
    let mut bad = form(&media, "");
    bad[5] = ("input[published_at]", "yesterday".into());
    bad[6] = ("input[url]", "ftp://nope".into());
    let (s, b) = post(&app, "/api/staff/save_publication", &bad).await;
    assert_eq!(s, 422);
    let codes: Vec<String> = b["fields"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| format!("{}:{}", f["field"].as_str().unwrap(), f["code"].as_str().unwrap()))
        .collect();
    assert!(
        codes.contains(&"published_at:invalid_date".into())
            && codes.contains(&"url:invalid_url".into())
            && codes.contains(&"title_kk:title_required".into()),
        "{codes:?}"
    );
    assert_eq!(app.count("SELECT COUNT(*) FROM publications").await, 0);

    let (s, _) = post(&app, "/api/staff/save_publication", &form(&media, "Youth grants open")).await;
    assert_eq!(s, 200);
    let id = app.count("SELECT id FROM publications").await;
    let public: serde_json::Value = app.get("/api/v1/publications").await.json().await.unwrap();
    assert_eq!(public["total"], 0, "a draft is not public");
    let (s, _) = post(
        &app,
        "/api/staff/publication_status",
        &[("id", id.to_string()), ("status", "published".into())],
    )
    .await;
    assert_eq!(s, 200);
    let public: serde_json::Value = app.get("/api/v1/publications?topic=youth").await.json().await.unwrap();
    assert_eq!(public["items"][0]["title"], "Youth grants open");
    assert_eq!(
        public["items"][0]["published_at"], "2026-11-20T05:30:00Z",
        "entered in Almaty time"
    );
    let (s, _) = post(
        &app,
        "/api/staff/publication_status",
        &[("id", id.to_string()), ("status", "archived".into())],
    )
    .await;
    assert_eq!(s, 200);
    assert_eq!(
        app.get(&format!("/api/v1/publications/{id}")).await.status(),
        404,
        "archived leaves the catalogue"
    );

    let other = app.signed_in_client("analyst").await;
    let r = app
        .post_form_with(
            &other,
            "/api/staff/publication_status",
            &[("id", id.to_string()), ("status", "published".to_string())],
        )
        .await;
    assert_eq!(r.status(), 403, "analysts read, they do not publish");
}

/// The titles in a staff member's list of publications.
async fn staff_list(app: &TestApp, client: &reqwest::Client) -> String {
    let r = app
        .post_form_with(client, "/api/staff/publications", &[("page", "1")])
        .await;
    assert_eq!(r.status(), 200);
    r.text().await.unwrap()
}

async fn an_officer_lists_only_their_own_department_s_drafts(engine: Engine) {
    let app = spawn_app(engine).await;
    let media = app
        .count("SELECT id FROM departments WHERE code = 'MEDIA'")
        .await
        .to_string();
    app.login_demo("media.officer").await;
    let (s, _) = post(
        &app,
        "/api/staff/save_publication",
        &form(&media, "Draft of media relations"),
    )
    .await;
    assert_eq!(s, 200);
    let own = app.signed_in_client("media.head").await;
    assert!(
        staff_list(&app, &own).await.contains("Draft of media relations"),
        "the department's head sees it"
    );
    let admin = app.signed_in_client("admin").await;
    assert!(
        staff_list(&app, &admin).await.contains("Draft of media relations"),
        "an admin sees every draft"
    );
    let other = app.signed_in_client("info.officer").await;
    assert!(
        !staff_list(&app, &other).await.contains("Draft of media relations"),
        "another department's officer does not"
    );
}
