//! Personal data only where it belongs (PRODUCT.md: "Personal data of
//! submitters is shown only to staff who handle the item, is never in public
//! pages, exports or logs, and is removed after a configurable retention
//! period — from every table and file").

use crate::helpers::*;
use crate::inbox::{call, publish};
use crate::on_both_engines;
use app::platform::db::Engine;
use serde_json::{json, Value};

on_both_engines!(
    after_the_retention_period_nothing_of_the_submitter_remains_in_any_table_or_file,
    analysts_and_moderators_read_items_redacted_and_handlers_in_full,
    the_moderator_publishes_exactly_the_texts_they_checked,
    message_bodies_are_dropped_once_delivered,
);

const NAME: &str = "Айгүл Қуанышбаева";
const EMAIL: &str = "aigul.retention@mail.kz";
const PHONE: &str = "+7 701 555 44 33";

/// What a submitter leaves: in the form, in the question and in the replies.
async fn filed(app: &TestApp) -> (String, String) {
    let r = app
        .client
        .post(app.url("/api/v1/questions"))
        .header("idempotency-key", "retention-1")
        .json(&json!({
            "kind": "question", "topic": "youth", "subject": "Жастар орталығы",
            "text": format!("Меня зовут {NAME}, мой телефон {PHONE}. Когда откроется центр?"),
            "name": NAME, "email": EMAIL, "language": "ru", "consent_to_publish": true
        }))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 201);
    let b: Value = r.json().await.unwrap();
    (
        b["tracking_code"].as_str().unwrap().to_string(),
        b["token"].as_str().unwrap().to_string(),
    )
}

/// Every text column of every table, as (table, column).
async fn columns(app: &TestApp, engine: Engine) -> Vec<(String, String)> {
    match engine {
        Engine::Sqlite => {
            let tables: Vec<String> = app::on_read!(&app.db, |c| sqlx::query_scalar(
                "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'"
            )
            .fetch_all(c)
            .await)
            .unwrap();
            let mut out = Vec::new();
            for t in tables {
                let cols: Vec<(i64, String, String, i64, Option<String>, i64)> =
                    app::on_read!(&app.db, |c| sqlx::query_as(&format!("PRAGMA table_info({t})"))
                        .fetch_all(c)
                        .await)
                    .unwrap();
                out.extend(cols.into_iter().map(|c| (t.clone(), c.1)));
            }
            out
        }
        Engine::Postgres => app::on_read!(&app.db, |c| {
            sqlx::query_as(
            "SELECT table_name::text, column_name::text FROM information_schema.columns WHERE table_schema = 'public'"
        )
        .fetch_all(c)
        .await
        })
        .unwrap(),
    }
}

/// Where `needle` is stored: "table.column" for each column holding it.
async fn found_in(app: &TestApp, cols: &[(String, String)], needle: &str) -> Vec<String> {
    let mut out = Vec::new();
    for (t, c) in cols {
        let sql = format!("SELECT COUNT(*) FROM {t} WHERE CAST({c} AS TEXT) LIKE $1");
        let n: i64 = app::on_read!(&app.db, |conn| sqlx::query_scalar(&sql)
            .bind(format!("%{needle}%"))
            .fetch_one(conn)
            .await)
        .unwrap();
        if n > 0 {
            out.push(format!("{t}.{c}"));
        }
    }
    out
}

fn mail_files_with(app: &TestApp, needle: &str) -> usize {
    std::fs::read_dir(&app.mail_dir)
        .map(|d| {
            d.filter_map(|e| std::fs::read(e.ok()?.path()).ok())
                .filter(|bytes| String::from_utf8_lossy(bytes).contains(needle))
                .count()
        })
        .unwrap_or(0)
}

async fn wait_for_mail(app: &TestApp, kind: &str) {
    for _ in 0..100 {
        let sent = app
            .count(&format!(
                "SELECT COUNT(*) FROM outbox WHERE kind = '{kind}' AND sent_at IS NOT NULL"
            ))
            .await;
        if sent > 0 {
            return;
        }
        tokio::time::sleep(std::time::Duration::from_millis(100)).await;
    }
    panic!("the {kind} email was not delivered");
}

async fn after_the_retention_period_nothing_of_the_submitter_remains_in_any_table_or_file(engine: Engine) {
    let app = spawn_app(engine).await;
    let (code, _) = filed(&app).await;
    let officer = app.signed_in_client("youth.officer").await;
    let reply = format!("Уважаемая {{name}}! Айгүлге перезвоним по номеру {PHONE}. Центр откроется 1 декабря.");
    for (endpoint, form) in [
        (
            "staff/item_note",
            vec![
                ("code", code.as_str()),
                ("text", "Позвонить Қуанышбаевой, 8 701 555 44 33"),
            ],
        ),
        (
            "staff/item_reply",
            vec![("code", code.as_str()), ("text", reply.as_str())],
        ),
    ] {
        let (s, b) = call(&app, &officer, endpoint, &form).await;
        assert_eq!(s, 200, "{endpoint}: {b}");
    }
    let (s, b) = publish(&app, &officer, &code).await;
    assert_eq!(s, 200, "{b}");
    let (s, b) = call(&app, &officer, "staff/item_close", &[("code", &code)]).await;
    assert_eq!(s, 200, "{b}");
    wait_for_mail(&app, "answer").await;

    // Before: the data is where it is needed (so the search below can fail).
    let cols = columns(&app, engine).await;
    assert!(!cols.is_empty());
    assert!(!found_in(&app, &cols, EMAIL).await.is_empty());
    assert!(!found_in(&app, &cols, "555 44 33").await.is_empty());
    assert!(
        mail_files_with(&app, EMAIL) >= 2,
        "the acknowledgement and the answer as .eml files"
    );

    // A year and more later, the worker's pass.
    let old = chrono::Utc::now() - chrono::Duration::days(400);
    let mut tx = app.db.begin().await.unwrap();
    for sql in [
        "UPDATE items SET received_at = $1",
        "UPDATE idempotency_keys SET created_at = $1",
    ] {
        app::on_tx!(&mut tx, |c| sqlx::query(sql)
            .bind(old)
            .execute(c)
            .await
            .map(|r| r.rows_affected()))
        .unwrap();
    }
    tx.commit().await.unwrap();
    let mut config = app::platform::config::Config {
        retention_days: 365,
        ..Default::default()
    };
    config.mail.dir = app.mail_dir.display().to_string();
    let report = ashyq_server::workers::run(&app.db, &config, chrono::Utc::now())
        .await
        .unwrap();
    assert!(report.purged >= 1);

    for needle in [
        EMAIL,
        "aigul.retention",
        "Айгүл",
        "Қуанышбаева",
        "Қуанышбаев",
        "555 44 33",
        "5554433",
    ] {
        assert_eq!(
            found_in(&app, &cols, needle).await,
            Vec::<String>::new(),
            "{needle} is still stored"
        );
        assert_eq!(mail_files_with(&app, needle), 0, "{needle} is still in a mail file");
    }
    // What the item was about, and the public answer, stay.
    let body: String = app::on_read!(&app.db, |c| sqlx::query_scalar(
        "SELECT body FROM items WHERE tracking_code = $1"
    )
    .bind(&code)
    .fetch_one(c)
    .await)
    .unwrap();
    assert_eq!(body, "Меня зовут [name], мой телефон [phone]. Когда откроется центр?");
    let archive: Value = app.get("/api/v1/answers").await.json().await.unwrap();
    assert!(archive.to_string().contains("Центр откроется 1 декабря"), "{archive}");
    // A second pass finds nothing more to do.
    let again = ashyq_server::workers::run(&app.db, &config, chrono::Utc::now())
        .await
        .unwrap();
    assert_eq!(again.purged, 0);
}

async fn analysts_and_moderators_read_items_redacted_and_handlers_in_full(engine: Engine) {
    let app = spawn_app(engine).await;
    // A press query, so that the moderator (media relations) may open it too.
    let r = app
        .client
        .post(app.url("/api/v1/questions"))
        .json(&json!({
            "kind": "press_query", "topic": "digital", "department": "MEDIA", "subject": format!("Вопрос от {NAME}"),
            "text": format!("Я {NAME}, телефон {PHONE}, почта {EMAIL}. Пришлите статистику."),
            "name": NAME, "email": EMAIL, "language": "ru", "outlet": "Kazinform", "accreditation": "AK-2026-0457"
        }))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 201);
    let code = r.json::<Value>().await.unwrap()["tracking_code"]
        .as_str()
        .unwrap()
        .to_string();
    let officer = app.signed_in_client("media.officer").await;
    let (s, _) = call(
        &app,
        &officer,
        "staff/item_note",
        &[("code", &code), ("text", "Қуанышбаевой перезвонить")],
    )
    .await;
    assert_eq!(s, 200);
    let (s, _) = call(
        &app,
        &officer,
        "staff/item_reply",
        &[("code", &code), ("text", "Уважаемая {name}! Статистика во вложении.")],
    )
    .await;
    assert_eq!(s, 200);

    for (who, handles) in [
        ("media.officer", true),
        ("admin", true),
        ("analyst", false),
        ("moderator", false),
    ] {
        let client = app.signed_in_client(who).await;
        let (s, detail) = call(&app, &client, "staff/item", &[("code", &code)]).await;
        assert_eq!(s, 200, "{who}: {detail}");
        let item = detail[0].to_string();
        for personal in [
            "Айгүл",
            "Қуанышбаева",
            "Қуанышбаевой",
            "555 44 33",
            EMAIL,
            "AK-2026-0457",
        ] {
            assert_eq!(item.contains(personal), handles, "{who} and {personal}: {item}");
        }
        assert!(
            item.contains("Пришлите статистику"),
            "{who} reads what the item is about"
        );
        // The inbox row's subject likewise; and only handlers find it by the email.
        let (_, page) = call(&app, &client, "staff/inbox", &[("q[status]", "all"), ("q[q]", EMAIL)]).await;
        let rows = page[0]["rows"].as_array().cloned().unwrap_or_default();
        assert_eq!(
            rows.iter().any(|r| r["tracking_code"] == code.as_str()),
            handles,
            "{who} searches by email"
        );
        let (_, page) = call(
            &app,
            &client,
            "staff/inbox",
            &[("q[status]", "all"), ("q[q]", "Вопрос от")],
        )
        .await;
        let row = page[0]["rows"]
            .as_array()
            .unwrap()
            .iter()
            .find(|r| r["tracking_code"] == code.as_str())
            .cloned()
            .unwrap_or_else(|| panic!("{who} finds the item by its subject"));
        assert_eq!(
            row["subject"].as_str().unwrap().contains("Қуанышбаева"),
            handles,
            "{who}: {row}"
        );
    }
    // The stored reply keeps its placeholder; the email and status page differ.
    let stored: String = app::on_read!(&app.db, |c| sqlx::query_scalar(
        "SELECT answer_text FROM items WHERE tracking_code = $1"
    )
    .bind(&code)
    .fetch_one(c)
    .await)
    .unwrap();
    assert_eq!(stored, "Уважаемая {name}! Статистика во вложении.");
}

async fn the_moderator_publishes_exactly_the_texts_they_checked(engine: Engine) {
    let app = spawn_app(engine).await;
    let r = app
        .client
        .post(app.url("/api/v1/questions"))
        .json(&json!({
            "kind": "press_query", "topic": "digital", "department": "MEDIA", "subject": "Статистика",
            "text": format!("Я {NAME}, телефон {PHONE}. Мой сосед с пятого этажа тоже спрашивает о статистике."),
            "name": NAME, "email": EMAIL, "language": "ru", "outlet": "Kazinform", "consent_to_publish": true
        }))
        .send()
        .await
        .unwrap();
    let code = r.json::<Value>().await.unwrap()["tracking_code"]
        .as_str()
        .unwrap()
        .to_string();
    let officer = app.signed_in_client("media.officer").await;
    let (s, _) = call(
        &app,
        &officer,
        "staff/item_reply",
        &[("code", &code), ("text", "Уважаемая {name}! Статистика опубликована.")],
    )
    .await;
    assert_eq!(s, 200);
    let moderator = app.signed_in_client("moderator").await;
    // The check shows every redaction marked by its token.
    let (s, check) = call(
        &app,
        &moderator,
        "staff/item_archive_check",
        &[("code", &code), ("remove", "")],
    )
    .await;
    assert_eq!(s, 200, "{check}");
    assert_eq!(
        check["question"],
        "Статистика\n\nЯ [name], телефон [phone]. Мой сосед с пятого этажа тоже спрашивает о статистике."
    );
    assert_eq!(check["answer"], "Уважаемая [name]! Статистика опубликована.");
    // The moderator removes more by hand and checks again.
    let by_hand = "с пятого этажа";
    let (_, again) = call(
        &app,
        &moderator,
        "staff/item_archive_check",
        &[("code", &code), ("remove", by_hand)],
    )
    .await;
    let question = again["question"].as_str().unwrap().to_string();
    assert!(question.contains("Мой сосед [removed] тоже"), "{question}");
    // Publishing with the fingerprint of another check changes nothing.
    let stale = check["approved"].as_str().unwrap();
    let (s, b) = call(
        &app,
        &moderator,
        "staff/item_publish",
        &[
            ("code", &code),
            ("publish", "true"),
            ("remove", by_hand),
            ("approved", stale),
        ],
    )
    .await;
    assert_eq!(
        (s, b["fields"][0]["code"].as_str()),
        (409, Some("changed_since_checked"))
    );
    assert_eq!(
        app.count("SELECT COUNT(*) FROM items WHERE answer_published = TRUE AND public_question LIKE '%пятого%'")
            .await,
        0
    );
    let (s, b) = call(
        &app,
        &moderator,
        "staff/item_publish",
        &[
            ("code", &code),
            ("publish", "true"),
            ("remove", by_hand),
            ("approved", again["approved"].as_str().unwrap()),
        ],
    )
    .await;
    assert_eq!(s, 200, "{b}");
    let archive: Value = app
        .get(&format!("/api/v1/answers?q={code}"))
        .await
        .json()
        .await
        .unwrap();
    let entry = &archive["items"][0];
    assert_eq!(
        entry["question"].as_str().unwrap(),
        question,
        "exactly what was checked"
    );
    assert_eq!(entry["answer"], "Уважаемая [name]! Статистика опубликована.");
}

async fn message_bodies_are_dropped_once_delivered(engine: Engine) {
    let app = spawn_app(engine).await;
    let (_, token) = filed(&app).await;
    assert_eq!(
        app.count(&format!("SELECT COUNT(*) FROM outbox WHERE body_text LIKE '%{token}%'"))
            .await,
        1,
        "queued with its link"
    );
    wait_for_mail(&app, "ack").await;
    assert_eq!(
        app.count(&format!("SELECT COUNT(*) FROM outbox WHERE body_text LIKE '%{token}%'"))
            .await,
        0,
        "no status token at rest once the acknowledgement is delivered"
    );
    // What was sent to whom and when stays.
    assert_eq!(
        app.count(&format!(
            "SELECT COUNT(*) FROM outbox WHERE kind = 'ack' AND to_addr = '{EMAIL}' AND sent_at IS NOT NULL"
        ))
        .await,
        1
    );
}
