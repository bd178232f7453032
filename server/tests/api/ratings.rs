//! Publications and public ratings through the API and the form endpoint.
//! PRODUCT.md: "one per person per publication … A person may change their
//! rating; it is not counted twice", comments "moderated before it is shown".

use crate::helpers::*;
use crate::on_both_engines;
use app::platform::db::Engine;
use app::{
    platform::texts::Texts,
    publications::{Channel, Kind, PubStatus},
};
use serde_json::json;

on_both_engines!(
    rating_again_replaces_the_earlier_rating_instead_of_adding_to_it,
    each_bad_rating_is_refused_with_its_reason_and_nothing_is_stored,
    rating_a_missing_publication_is_a_404,
    a_repeated_idempotency_key_gives_the_first_answer_and_one_rating,
    anonymous_writes_are_rate_limited_per_address,
    a_comment_is_shown_only_after_a_moderator_approves_it,
    a_script_tag_in_a_comment_shows_as_text,
    the_catalogue_filters_sorts_and_pages,
    the_rating_form_without_javascript_redirects_back_with_a_confirmation_or_its_errors,
    the_openapi_document_describes_the_rating_write,
    the_running_aggregates_equal_a_recount_from_the_ratings,
);

pub async fn make_publication(app: &TestApp, title: &str, kind: Kind, channel: Channel) -> i64 {
    let media = app.count("SELECT id FROM departments WHERE code = 'MEDIA'").await;
    let v = app::publications::ValidPublication {
        kind,
        channel,
        department_id: media,
        topics: vec!["media".into()],
        published_at: chrono::Utc::now() - chrono::Duration::days(1),
        url: Some(format!("https://ministry.example.kz/{}", uuid::Uuid::new_v4())),
        titles: Texts {
            kk: String::new(),
            ru: String::new(),
            en: title.into(),
        },
        summaries: Texts::default(),
    };
    app::publications::create(&app.db, &v, PubStatus::Published, "manual", chrono::Utc::now())
        .await
        .unwrap()
}

async fn rate(app: &TestApp, client: &reqwest::Client, id: i64, body: serde_json::Value) -> (u16, serde_json::Value) {
    let r = client
        .post(app.url(&format!("/api/v1/publications/{id}/ratings")))
        .json(&body)
        .send()
        .await
        .unwrap();
    let status = r.status().as_u16();
    (status, r.json().await.unwrap_or(serde_json::Value::Null))
}

async fn rating_again_replaces_the_earlier_rating_instead_of_adding_to_it(engine: Engine) {
    let app = spawn_app(engine).await;
    let id = make_publication(&app, "Grant round opens", Kind::PressRelease, Channel::Website).await;
    let (s, body) = rate(
        &app,
        &app.client,
        id,
        json!({"stars": 2, "tone": "negative", "audience": "citizen"}),
    )
    .await;
    assert_eq!(s, 201, "{body}");
    assert_eq!(body["ratings"]["count"], 1);
    assert_eq!(body["ratings"]["distribution"], json!([0, 1, 0, 0, 0]));
    // 4.0 is the whole number 4 to JSON Schema, and so to generated clients.
    let (s, body) = rate(
        &app,
        &app.client,
        id,
        json!({"stars": 4.0, "tone": "neutral", "audience": "citizen"}),
    )
    .await;
    assert_eq!(s, 200, "{body}");
    assert_eq!(body["ratings"]["distribution"], json!([0, 0, 0, 1, 0]));
    let (s, body) = rate(
        &app,
        &app.client,
        id,
        json!({"stars": 2, "tone": "negative", "audience": "citizen"}),
    )
    .await;
    assert_eq!((s, body["ratings"]["count"].as_i64()), (200, Some(1)));
    let (s, body) = rate(
        &app,
        &app.client,
        id,
        json!({"stars": 5, "tone": "positive", "audience": "citizen"}),
    )
    .await;
    assert_eq!(s, 200, "the same visitor again replaces: {body}");
    assert_eq!(body["ratings"]["count"], 1);
    assert_eq!(body["ratings"]["mean"], 5.0);
    assert_eq!(body["ratings"]["distribution"], json!([0, 0, 0, 0, 1]));
    assert_eq!(
        body["ratings"]["tone"],
        json!({"positive": 1, "neutral": 0, "negative": 0})
    );
    // Another visitor adds a second rating.
    let other = http_client(true);
    let (s, body) = rate(
        &app,
        &other,
        id,
        json!({"stars": 3, "tone": "neutral", "audience": "journalist"}),
    )
    .await;
    assert_eq!((s, body["ratings"]["count"].as_i64()), (201, Some(2)));
    assert_eq!(app.count("SELECT COUNT(*) FROM ratings").await, 2);
    let one: serde_json::Value = app
        .get(&format!("/api/v1/publications/{id}"))
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(one["ratings"]["mean"], 4.0);
    assert_eq!(one["ratings"]["by_audience"].as_array().unwrap().len(), 2);
    assert!(
        !one.to_string().contains("visitor"),
        "no visitor data in the public API"
    );
}

async fn each_bad_rating_is_refused_with_its_reason_and_nothing_is_stored(engine: Engine) {
    let app = spawn_app(engine).await;
    let id = make_publication(&app, "Speech", Kind::Speech, Channel::Tv).await;
    let long = "я".repeat(2001);
    for (body, field, code) in [
        (
            json!({"stars": 0, "tone": "neutral", "audience": "citizen"}),
            "stars",
            "stars_range",
        ),
        (
            json!({"stars": 6, "tone": "neutral", "audience": "citizen"}),
            "stars",
            "stars_range",
        ),
        (
            json!({"stars": "five", "tone": "neutral", "audience": "citizen"}),
            "stars",
            "stars_range",
        ),
        (
            json!({"stars": 3, "tone": "furious", "audience": "citizen"}),
            "tone",
            "invalid_choice",
        ),
        (
            json!({"stars": 3, "tone": "neutral", "audience": "robot"}),
            "audience",
            "invalid_choice",
        ),
        (
            json!({"stars": 3, "tone": "neutral", "audience": "citizen", "comment": long}),
            "comment",
            "too_long_2000",
        ),
        (
            json!({"stars": 3, "tone": "neutral", "audience": "citizen", "comment": {"text": "hi"}}),
            "comment",
            "invalid",
        ),
        (
            json!({"stars": 3.5, "tone": "neutral", "audience": "citizen"}),
            "stars",
            "stars_range",
        ),
    ] {
        let (s, b) = rate(&app, &app.client, id, body.clone()).await;
        assert_eq!(s, 422, "{body}");
        assert_eq!(b["error"]["code"], "validation");
        assert_eq!(b["error"]["fields"][field], code, "{body} → {b}");
    }
    let r = app
        .client
        .post(app.url(&format!("/api/v1/publications/{id}/ratings")))
        .header("content-type", "application/json")
        .body("{not json")
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 400, "a body that is not JSON cannot be read");
    assert_eq!(
        r.json::<serde_json::Value>().await.unwrap()["error"]["fields"]["body"],
        "invalid_json"
    );
    // A cross-site form can send JSON-looking text/plain: refused.
    let r = app
        .client
        .post(app.url(&format!("/api/v1/publications/{id}/ratings")))
        .header("content-type", "text/plain")
        .body(r#"{"stars": 5, "tone": "positive", "audience": "citizen"}"#)
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 415, "a write that is not JSON is an unsupported media type");
    assert_eq!(
        r.json::<serde_json::Value>().await.unwrap()["error"]["fields"]["Content-Type"],
        "json_required"
    );
    assert_eq!(app.count("SELECT COUNT(*) FROM ratings").await, 0);
    assert_eq!(
        app.count(&format!("SELECT rating_count FROM publications WHERE id = {id}"))
            .await,
        0
    );
}

async fn rating_a_missing_publication_is_a_404(engine: Engine) {
    let app = spawn_app(engine).await;
    let (s, b) = rate(
        &app,
        &app.client,
        999_999,
        json!({"stars": 3, "tone": "neutral", "audience": "citizen"}),
    )
    .await;
    assert_eq!((s, b["error"]["code"].as_str()), (404, Some("not_found")));
    assert_eq!(app.get("/api/v1/publications/999999").await.status(), 404);
    assert_eq!(app.count("SELECT COUNT(*) FROM ratings").await, 0);
}

async fn a_repeated_idempotency_key_gives_the_first_answer_and_one_rating(engine: Engine) {
    let app = spawn_app(engine).await;
    let id = make_publication(&app, "News", Kind::News, Channel::Radio).await;
    let send = |body: serde_json::Value, key: &'static str| {
        let (client, url) = (
            app.client.clone(),
            app.url(&format!("/api/v1/publications/{id}/ratings")),
        );
        async move {
            let r = client
                .post(url)
                .header("idempotency-key", key)
                .json(&body)
                .send()
                .await
                .unwrap();
            (r.status().as_u16(), r.text().await.unwrap())
        }
    };
    let body = json!({"stars": 4, "tone": "positive", "audience": "ngo"});
    let first = send(body.clone(), "key-1").await;
    let again = send(body.clone(), "key-1").await;
    assert_eq!(first.0, 201);
    assert_eq!(again, first, "the same key and body give the same answer");
    assert_eq!(app.count("SELECT COUNT(*) FROM ratings").await, 1);
    let (s, b) = send(json!({"stars": 1, "tone": "negative", "audience": "ngo"}), "key-1").await;
    assert_eq!(s, 409, "{b}");
    assert!(b.contains("Idempotency-Key"));
    assert_eq!(
        app.count("SELECT stars FROM ratings").await,
        4,
        "the refused request changed nothing"
    );
}

async fn anonymous_writes_are_rate_limited_per_address(engine: Engine) {
    let app = spawn_app_with(engine, |c| c.limits.anonymous_burst = 3).await;
    let id = make_publication(&app, "Video", Kind::Video, Channel::Social).await;
    for _ in 0..3 {
        let (s, _) = rate(
            &app,
            &http_client(true),
            id,
            json!({"stars": 3, "tone": "neutral", "audience": "other"}),
        )
        .await;
        assert_eq!(s, 201);
    }
    let (s, b) = rate(
        &app,
        &http_client(true),
        id,
        json!({"stars": 3, "tone": "neutral", "audience": "other"}),
    )
    .await;
    assert_eq!((s, b["error"]["code"].as_str()), (429, Some("rate_limited")));
    assert_eq!(app.count("SELECT COUNT(*) FROM ratings").await, 3);
}

async fn approve_all(app: &TestApp) {
    let moderator = app.count("SELECT id FROM users WHERE username = 'moderator'").await;
    for item in app::publications::moderation::queue(&app.db, 100).await.unwrap() {
        app::publications::moderation::decide(&app.db, moderator, item.rating_id, None, chrono::Utc::now())
            .await
            .unwrap();
    }
}

/// A publication page as someone else sees it (the rater's own form shows
/// their own comment, approved or not).
async fn public_view(app: &TestApp, id: i64) -> String {
    http_client(false)
        .get(app.url(&format!("/publications/{id}")))
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap()
}

async fn a_comment_is_shown_only_after_a_moderator_approves_it(engine: Engine) {
    let app = spawn_app(engine).await;
    let id = make_publication(&app, "Interview", Kind::Interview, Channel::Print).await;
    let (s, _) = rate(
        &app,
        &app.client,
        id,
        json!({"stars": 4, "tone": "positive", "audience": "citizen", "comment": "Very clear answers."}),
    )
    .await;
    assert_eq!(s, 201);
    let page = public_view(&app, id).await;
    assert!(!page.contains("Very clear answers."), "pending comments are not shown");
    // A rejected comment stays hidden, with its reason recorded.
    let other = http_client(true);
    rate(
        &app,
        &other,
        id,
        json!({"stars": 1, "tone": "negative", "audience": "other", "comment": "visit spam.example.com"}),
    )
    .await;
    let queue = app::publications::moderation::queue(&app.db, 10).await.unwrap();
    assert_eq!(queue.len(), 2);
    let spam = queue.iter().find(|q| q.text.contains("spam")).unwrap();
    assert_eq!(spam.flags, vec!["link".to_string()]);
    let moderator = app.count("SELECT id FROM users WHERE username = 'moderator'").await;
    let e = app::publications::moderation::decide(&app.db, moderator, spam.rating_id, Some("  "), chrono::Utc::now())
        .await
        .unwrap_err();
    assert_eq!(e.field_code("reason"), Some(app::error::FieldCode::Required));
    app::publications::moderation::decide(
        &app.db,
        moderator,
        spam.rating_id,
        Some("Advertising"),
        chrono::Utc::now(),
    )
    .await
    .unwrap();
    approve_all(&app).await;
    let page = public_view(&app, id).await;
    assert!(page.contains("Very clear answers."));
    assert!(!page.contains("spam.example.com"));
    assert_eq!(
        app.count("SELECT COUNT(*) FROM audit_log WHERE event = 'comment_approved'")
            .await,
        1
    );
    assert_eq!(
        app.count("SELECT COUNT(*) FROM audit_log WHERE event = 'comment_rejected'")
            .await,
        1
    );
    // Changing an approved comment sends it back to the queue.
    rate(
        &app,
        &app.client,
        id,
        json!({"stars": 4, "tone": "positive", "audience": "citizen", "comment": "Changed my mind."}),
    )
    .await;
    let page = public_view(&app, id).await;
    assert!(!page.contains("Changed my mind.") && !page.contains("Very clear answers."));
}

async fn a_script_tag_in_a_comment_shows_as_text(engine: Engine) {
    let app = spawn_app(engine).await;
    let id = make_publication(&app, "Report", Kind::Report, Channel::OnlineMedia).await;
    rate(
        &app,
        &app.client,
        id,
        json!({"stars": 2, "tone": "negative", "audience": "citizen", "comment": "<script>alert('x')</script>"}),
    )
    .await;
    approve_all(&app).await;
    let page = public_view(&app, id).await;
    assert!(!page.contains("<script>alert('x')</script>"), "never markup");
    assert!(page.contains("&lt;script&gt;alert("), "shown as text");
}

async fn the_catalogue_filters_sorts_and_pages(engine: Engine) {
    let app = spawn_app(engine).await;
    let a = make_publication(&app, "Alpha press release", Kind::PressRelease, Channel::Website).await;
    let b = make_publication(&app, "Beta news", Kind::News, Channel::Tv).await;
    let c = make_publication(&app, "Gamma news", Kind::News, Channel::Tv).await;
    for (id, stars, n) in [(a, 5, 1), (b, 2, 3), (c, 4, 2)] {
        for _ in 0..n {
            rate(
                &app,
                &http_client(true),
                id,
                json!({"stars": stars, "tone": "neutral", "audience": "citizen"}),
            )
            .await;
        }
    }
    let ids = |v: serde_json::Value| {
        v["items"]
            .as_array()
            .unwrap()
            .iter()
            .map(|i| i["id"].as_i64().unwrap())
            .collect::<Vec<_>>()
    };
    let get = |q: &'static str| {
        let (client, url) = (app.client.clone(), app.url(&format!("/api/v1/publications{q}")));
        async move {
            client
                .get(url)
                .send()
                .await
                .unwrap()
                .json::<serde_json::Value>()
                .await
                .unwrap()
        }
    };
    assert_eq!(ids(get("?sort=best").await), vec![a, c, b]);
    assert_eq!(ids(get("?sort=most").await), vec![b, c, a]);
    assert_eq!(ids(get("?kind=news&sort=best").await), vec![c, b]);
    assert_eq!(ids(get("?q=GAMMA").await), vec![c]);
    let page = get("?per_page=2&page=2&sort=best").await;
    assert_eq!(
        (page["total"].as_i64(), page["page"].as_i64(), page["per_page"].as_i64()),
        (Some(3), Some(2), Some(2))
    );
    assert_eq!(ids(page), vec![b]);
    let r = app.get("/api/v1/publications?kind=poem&per_page=500").await;
    assert_eq!(r.status(), 422);
    let body: serde_json::Value = r.json().await.unwrap();
    assert_eq!(body["error"]["fields"]["kind"], "invalid_choice");
    assert_eq!(body["error"]["fields"]["per_page"], "per_page_range");
    let html = app.get_text("/publications?kind=news&sort=best").await;
    assert!(html.contains("Gamma news") && html.contains("Beta news") && !html.contains("Alpha press release"));
    // A card's mean is written as the page's language writes numbers.
    for (lang, mean, not) in [("ru", ">4,0<", ">4.0<"), ("en", ">4.0<", ">4,0<")] {
        let card = app.page_in(lang, "/publications?kind=news&sort=best").await;
        let score = card.split("class=\"score\"").nth(1).unwrap_or_default();
        let score = &score[..score.find("</p>").unwrap_or(score.len())];
        assert!(
            score.contains(mean) && !score.contains(not),
            "{lang}: the mean as {mean} in {score}"
        );
    }
}

async fn the_rating_form_without_javascript_redirects_back_with_a_confirmation_or_its_errors(engine: Engine) {
    let app = spawn_app(engine).await;
    let id = make_publication(&app, "Infographic", Kind::Infographic, Channel::Social).await;
    let r = app
        .post_plain_form(
            "/api/rate",
            &format!("/publications/{id}"),
            &[
                ("publication_id", id.to_string()),
                ("input[stars]", "9".into()),
                ("input[tone]", "neutral".into()),
                ("input[audience]", "citizen".into()),
                ("input[comment]", "kept text".into()),
            ],
        )
        .await;
    assert_eq!(r.status(), 302);
    let back = r.headers()["location"].to_str().unwrap().to_string();
    assert!(back.contains("__err="), "{back}");
    let html = app.get_text(back.trim_start_matches(&app.base)).await;
    assert!(
        html.contains("Choose from 1 to 5 stars.") || html.contains("1-ден 5-ке дейін"),
        "the error beside its field"
    );
    assert!(html.contains("kept text"), "the input is kept");
    assert_eq!(app.count("SELECT COUNT(*) FROM ratings").await, 0);

    let r = app
        .post_plain_form(
            "/api/rate",
            &format!("/publications/{id}"),
            &[
                ("publication_id", id.to_string()),
                ("input[stars]", "4".into()),
                ("input[tone]", "positive".into()),
                ("input[audience]", "citizen".into()),
                ("input[comment]", String::new()),
            ],
        )
        .await;
    assert_eq!(r.status(), 302);
    assert_eq!(r.headers()["location"], format!("/publications/{id}?rated=1#rate"));
    assert_eq!(app.count("SELECT COUNT(*) FROM ratings").await, 1);
    let html = app
        .client
        .get(app.url(&format!("/publications/{id}?rated=1")))
        .header("accept-language", "en")
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert!(html.contains("Thank you! Your rating is counted."));
}

async fn the_openapi_document_describes_the_rating_write(engine: Engine) {
    let app = spawn_app(engine).await;
    let doc: serde_json::Value = app.get("/api/v1/openapi.json").await.json().await.unwrap();
    let post = &doc["paths"]["/api/v1/publications/{id}/ratings"]["post"];
    assert!(
        post["responses"]["201"].is_object()
            && post["responses"]["200"].is_object()
            && post["responses"]["429"].is_object()
    );
    assert!(doc["paths"]["/api/v1/publications"]["get"].is_object());
    assert!(doc["paths"]["/api/v1/topics"]["get"].is_object());
}

async fn the_running_aggregates_equal_a_recount_from_the_ratings(engine: Engine) {
    let app = spawn_app(engine).await;
    let id = make_publication(&app, "Aggregates", Kind::News, Channel::Website).await;
    let clients: Vec<reqwest::Client> = (0..4).map(|_| http_client(true)).collect();
    let script = [
        (0, 5, "positive", "citizen"),
        (1, 2, "negative", "ngo"),
        (0, 3, "neutral", "journalist"),
        (2, 4, "positive", "ngo"),
        (1, 1, "negative", "business"),
        (3, 3, "neutral", "citizen"),
        (2, 5, "positive", "ngo"),
    ];
    for (who, stars, tone, audience) in script {
        let (s, _) = rate(
            &app,
            &clients[who],
            id,
            json!({"stars": stars, "tone": tone, "audience": audience}),
        )
        .await;
        assert!(s == 200 || s == 201);
    }
    let running: serde_json::Value = app
        .get(&format!("/api/v1/publications/{id}"))
        .await
        .json()
        .await
        .unwrap();
    app::publications::ratings::recompute_aggregates(&app.db, chrono_tz::Asia::Almaty)
        .await
        .unwrap();
    let recounted: serde_json::Value = app
        .get(&format!("/api/v1/publications/{id}"))
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(running["ratings"], recounted["ratings"]);
    assert_eq!(running["ratings"]["count"], 4, "four visitors, whatever they changed");
    // Final ratings: 3, 1, 5 and 3 stars.
    assert_eq!(running["ratings"]["distribution"], json!([1, 0, 2, 0, 1]));
}
