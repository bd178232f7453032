//! Questions and press queries through the public API (PRODUCT.md: "returns
//! tracking code and status link"; "a wrong or missing token is answered
//! exactly like an unknown code").

use crate::helpers::*;
use crate::on_both_engines;
use app::platform::db::Engine;
use serde_json::json;

on_both_engines!(
    a_question_is_routed_given_a_statutory_deadline_and_acknowledged_in_its_language,
    a_wrong_token_is_answered_exactly_like_an_unknown_code,
    bad_submissions_name_their_fields_and_store_nothing,
    a_repeated_idempotency_key_files_one_item,
    twenty_identical_requests_at_once_file_one_item,
    unmatched_press_queries_go_to_media_relations_and_other_items_to_triage,
    the_question_form_works_without_javascript,
    the_demo_items_cover_every_status_with_some_late_and_some_overdue,
);

async fn the_demo_items_cover_every_status_with_some_late_and_some_overdue(engine: Engine) {
    let app = spawn_app(engine).await;
    let config = app::platform::config::Config::default();
    let n = app::demo::seed_items(&app.db, &config, chrono::Utc::now())
        .await
        .unwrap()
        .unwrap();
    assert!(n >= 300, "{n}");
    for status in [
        "new",
        "assigned",
        "in_progress",
        "answered",
        "closed",
        "redirected",
        "rejected",
    ] {
        assert!(
            app.count(&format!("SELECT COUNT(*) FROM items WHERE status = '{status}'"))
                .await
                > 0,
            "{status}"
        );
    }
    let now = chrono::Utc::now();
    let overdue: i64 = app::on_read!(&app.db, |c| sqlx::query_scalar(
        "SELECT COUNT(*) FROM items WHERE status IN ('new', 'assigned', 'in_progress') AND due_at < $1"
    )
    .bind(now)
    .fetch_one(c)
    .await)
    .unwrap();
    assert!(overdue > 0, "some items are overdue now");
    assert!(
        app.count("SELECT COUNT(*) FROM items WHERE answered_at > due_at").await > 0,
        "some answers were late"
    );
    assert!(
        app::demo::seed_items(&app.db, &config, now).await.unwrap().is_none(),
        "only once"
    );
}

async fn the_question_form_works_without_javascript(engine: Engine) {
    let app = spawn_app(engine).await;
    let mut form = vec![
        ("input[kind]", "question".to_string()),
        ("input[topic]", "youth".into()),
        ("input[department]", String::new()),
        ("input[subject]", "Жастар орталығы".into()),
        ("input[text]", String::new()),
        ("input[name]", "Ерлан".into()),
        ("input[email]", "erlan@example.kz".into()),
        ("input[language]", "kk".into()),
    ];
    let r = app.post_plain_form("/api/submit_item", "/ask", &form).await;
    assert_eq!(r.status(), 302);
    let back = r.headers()["location"].to_str().unwrap().to_string();
    let page = app
        .client
        .get(back.clone())
        .header("accept-language", "en")
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert!(
        page.contains("f-text-err") && page.contains("This field is required."),
        "the error beside the text"
    );
    assert!(page.contains("Жастар орталығы"), "the subject is kept");
    assert!(!back.contains("erlan"), "no email in the address");
    assert_eq!(app.count("SELECT COUNT(*) FROM items").await, 0);

    form[4] = ("input[text]", "Когда откроется молодёжный центр в Шымкенте?".into());
    form.push(("input[consent_to_publish]", "true".into()));
    let r = app.post_plain_form("/api/submit_item", "/ask", &form).await;
    assert_eq!(r.status(), 302);
    let track = r.headers()["location"].to_str().unwrap().to_string();
    assert!(
        track.starts_with("/track/Q-") && track.contains("token=") && track.ends_with("&new=1"),
        "{track}"
    );
    let page = app
        .client
        .get(app.url(&track))
        .header("accept-language", "en")
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert!(page.contains("Your request is registered.") && page.contains("YOUTH"));
    assert_eq!(
        app.count("SELECT COUNT(*) FROM items WHERE consent_to_publish = TRUE")
            .await,
        1
    );
    let wrong = app
        .client
        .get(app.url(&track.replace("token=", "token=x")))
        .send()
        .await
        .unwrap();
    assert_eq!(wrong.status(), 404);
}

fn question(topic: &str) -> serde_json::Value {
    json!({"kind": "question", "topic": topic, "subject": "Община", "text": "Как зарегистрировать религиозное объединение?",
           "name": "Айжан Сейткали", "email": "aizhan@example.kz", "language": "ru", "consent_to_publish": true})
}

async fn post(app: &TestApp, body: &serde_json::Value, key: Option<&str>) -> (u16, serde_json::Value) {
    let mut r = app.client.post(app.url("/api/v1/questions")).json(body);
    if let Some(k) = key {
        r = r.header("idempotency-key", k);
    }
    let r = r.send().await.unwrap();
    (r.status().as_u16(), r.json().await.unwrap_or(serde_json::Value::Null))
}

async fn a_question_is_routed_given_a_statutory_deadline_and_acknowledged_in_its_language(engine: Engine) {
    let app = spawn_app_with(engine, |c| c.mail.poll_secs = 3600).await;
    let (s, b) = post(&app, &question("religion"), None).await;
    assert_eq!(s, 201, "{b}");
    let code = b["tracking_code"].as_str().unwrap();
    assert!(code.starts_with("Q-") && code.ends_with("-000001"), "{code}");
    let token = b["token"].as_str().unwrap();
    assert!(b["status_url"]
        .as_str()
        .unwrap()
        .ends_with(&format!("/track/{code}?token={token}")));
    let stored: String = app::on_read!(&app.db, |c| sqlx::query_scalar("SELECT token_hash FROM items")
        .fetch_one(c)
        .await)
    .unwrap();
    assert_ne!(stored, token, "only the token's hash is stored");
    let st: serde_json::Value = app
        .get(&format!("/api/v1/items/{code}?token={token}"))
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(st["status"], "new");
    assert_eq!(st["department"], "RELIG", "routed by the topic rule");
    assert_eq!(st["due_at"], b["due_at"]);
    assert!(st["answer"].is_null());
    assert!(
        !st.to_string().contains("aizhan") && !st.to_string().contains("Айжан"),
        "no personal data"
    );
    let received = chrono::DateTime::parse_from_rfc3339(st["received_at"].as_str().unwrap()).unwrap();
    let due = chrono::DateTime::parse_from_rfc3339(st["due_at"].as_str().unwrap()).unwrap();
    let days = (due - received).num_days();
    assert!(
        (19..=30).contains(&days),
        "15 working days is three weeks or more: {days}"
    );
    let (to, subject, body): (String, String, String) = app::on_read!(&app.db, |c| sqlx::query_as(
        "SELECT to_addr, subject, body_text FROM outbox"
    )
    .fetch_one(c)
    .await)
    .unwrap();
    assert_eq!(to, "aizhan@example.kz");
    assert!(subject.contains("Ваше обращение принято") && subject.contains(code));
    assert!(body.contains(token), "the acknowledgement carries the status link");
    assert_eq!(
        app.count("SELECT COUNT(*) FROM item_events").await,
        2,
        "received and routed"
    );
}

async fn a_wrong_token_is_answered_exactly_like_an_unknown_code(engine: Engine) {
    let app = spawn_app(engine).await;
    let (_, b) = post(&app, &question("religion"), None).await;
    let code = b["tracking_code"].as_str().unwrap();
    let wrong = app.get(&format!("/api/v1/items/{code}?token=not-the-token")).await;
    let missing = app.get(&format!("/api/v1/items/{code}")).await;
    let unknown = app.get("/api/v1/items/Q-2026-999999?token=whatever").await;
    let (s1, b1) = (wrong.status(), wrong.text().await.unwrap());
    let (s2, b2) = (missing.status(), missing.text().await.unwrap());
    let (s3, b3) = (unknown.status(), unknown.text().await.unwrap());
    assert_eq!((s1.as_u16(), s2.as_u16(), s3.as_u16()), (404, 404, 404));
    assert!(b1 == b2 && b2 == b3, "no hint that the code exists");
}

async fn bad_submissions_name_their_fields_and_store_nothing(engine: Engine) {
    let app = spawn_app(engine).await;
    let mut pq = question("media");
    pq["kind"] = json!("press_query");
    let (s, b) = post(&app, &pq, None).await;
    assert_eq!(
        (s, b["error"]["fields"]["outlet"].as_str()),
        (422, Some("required")),
        "{b}"
    );
    let mut q = question("nonsense");
    q["text"] = json!("я".repeat(5001));
    q["email"] = json!("not-an-email");
    q["language"] = json!("de");
    let (s, b) = post(&app, &q, None).await;
    assert_eq!(s, 422);
    let f = &b["error"]["fields"];
    assert_eq!(
        (
            f["topic"].as_str(),
            f["text"].as_str(),
            f["email"].as_str(),
            f["language"].as_str()
        ),
        (
            Some("invalid_choice"),
            Some("too_long_5000"),
            Some("invalid_email"),
            Some("invalid_choice")
        )
    );
    assert_eq!(app.count("SELECT COUNT(*) FROM items").await, 0);
    assert_eq!(app.count("SELECT COUNT(*) FROM outbox").await, 0);
}

/// PRODUCT.md: "the same key and body gives the same result and never a
/// second record". A repeat gets the code and where the status link went,
/// never the secret again (only its hash is kept anywhere).
async fn a_repeated_idempotency_key_files_one_item(engine: Engine) {
    let app = spawn_app(engine).await;
    let first = post(&app, &question("youth"), Some("q-1")).await;
    let again = post(&app, &question("youth"), Some("q-1")).await;
    assert_eq!(first.0, 201, "{}", first.1);
    assert_eq!(again.0, 201, "{}", again.1);
    let token = first.1["token"].as_str().expect("the first answer has the token");
    assert_eq!(again.1["tracking_code"], first.1["tracking_code"]);
    assert_eq!(again.1["due_at"], first.1["due_at"]);
    assert_eq!(again.1["status_link_sent_to"], "a***@example.kz");
    assert!(
        again.1.get("token").is_none() && again.1.get("status_url").is_none(),
        "{}",
        again.1
    );
    let stored: String = app::on_read!(&app.db, |c| sqlx::query_scalar("SELECT body FROM idempotency_keys")
        .fetch_one(c)
        .await)
    .unwrap();
    assert!(
        !stored.contains(token),
        "the idempotency record keeps no token: {stored}"
    );
    assert_eq!(app.count("SELECT COUNT(*) FROM items").await, 1);
    assert_eq!(app.count("SELECT COUNT(*) FROM outbox").await, 1, "one acknowledgement");
    // The same key with another body is refused, and from another client it is another key.
    let mut other = question("youth");
    other["subject"] = json!("Другая тема");
    assert_eq!(post(&app, &other, Some("q-1")).await.0, 409);
}

/// A double click or a retrying client: twenty identical requests at once
/// with one key make one item and one email, and every answer is the first
/// one's (or a 409 while it runs) — never a server error.
async fn twenty_identical_requests_at_once_file_one_item(engine: Engine) {
    let app = spawn_app(engine).await;
    let body = question("youth");
    let sends = (0..20).map(|_| {
        let (client, url, body) = (app.client.clone(), app.url("/api/v1/questions"), body.clone());
        async move {
            let r = client
                .post(url)
                .header("idempotency-key", "double-click-1")
                .json(&body)
                .send()
                .await
                .unwrap();
            (
                r.status().as_u16(),
                r.json::<serde_json::Value>().await.unwrap_or_default(),
            )
        }
    });
    let answers = futures::future::join_all(sends).await;
    let codes: std::collections::BTreeSet<String> = answers
        .iter()
        .filter(|(s, _)| *s == 201)
        .map(|(_, b)| b["tracking_code"].as_str().unwrap().to_string())
        .collect();
    for (s, b) in &answers {
        assert!(*s == 201 || *s == 409, "{s} {b}");
    }
    assert_eq!(codes.len(), 1, "one tracking code in every answer: {answers:?}");
    assert_eq!(
        answers.iter().filter(|(_, b)| b.get("token").is_some()).count(),
        1,
        "the secret is handed out once"
    );
    assert_eq!(app.count("SELECT COUNT(*) FROM items").await, 1);
    assert_eq!(app.count("SELECT COUNT(*) FROM outbox").await, 1, "one acknowledgement");
}

async fn unmatched_press_queries_go_to_media_relations_and_other_items_to_triage(engine: Engine) {
    let app = spawn_app(engine).await;
    let mut pq = question("other");
    pq["kind"] = json!("press_query");
    pq["outlet"] = json!("Kazinform");
    pq["language"] = json!("kk");
    let (s, b) = post(&app, &pq, None).await;
    assert_eq!(s, 201, "{b}");
    assert!(b["tracking_code"].as_str().unwrap().starts_with("PQ-"));
    let st: serde_json::Value = app
        .get(&format!(
            "/api/v1/items/{}?token={}",
            b["tracking_code"].as_str().unwrap(),
            b["token"].as_str().unwrap()
        ))
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(st["department"], "MEDIA");
    let (_, b) = post(&app, &question("other"), None).await;
    let st: serde_json::Value = app
        .get(&format!(
            "/api/v1/items/{}?token={}",
            b["tracking_code"].as_str().unwrap(),
            b["token"].as_str().unwrap()
        ))
        .await
        .json()
        .await
        .unwrap();
    assert!(st["department"].is_null(), "triage");
    assert_eq!(
        app.count("SELECT COUNT(*) FROM item_events WHERE kind = 'routed' AND detail = 'triage'")
            .await,
        1
    );
}
