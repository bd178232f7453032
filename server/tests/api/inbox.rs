//! The staff inbox (PRODUCT.md: "Staff see only their own department's items
//! unless their role is admin or analyst"; "Internal notes are never shown
//! publicly"; extension "once, with reason"; the submitter is told).

use crate::helpers::*;
use crate::on_both_engines;
use app::items::{self, ItemInput};
use app::platform::db::Engine;
use serde_json::{json, Value};

on_both_engines!(
    an_item_goes_from_the_inbox_to_a_published_answer_and_the_note_stays_internal,
    a_head_extends_a_deadline_once_and_the_submitter_is_told,
    the_inbox_filters_counts_and_pages_within_the_viewers_department,
    refused_actions_name_their_reason_and_change_nothing,
    every_role_against_every_action,
);

pub fn question(topic: &str, name: &str) -> ItemInput {
    ItemInput {
        kind: "question".into(),
        topic: topic.into(),
        subject: "Жастар орталығы".into(),
        text: format!("Сәлеметсіз бе, мен {name}, телефоным +7 701 555 44 33. Орталық қашан ашылады?"),
        name: name.into(),
        email: "aigul@example.kz".into(),
        language: "kk".into(),
        consent_to_publish: true,
        ..Default::default()
    }
}

pub fn press_query() -> ItemInput {
    ItemInput {
        kind: "press_query".into(),
        topic: "digital".into(),
        department: "MEDIA".into(),
        subject: "Statistics request".into(),
        text: "Please send the figures.".into(),
        name: "Journalist".into(),
        email: "desk@kazinform.example".into(),
        language: "en".into(),
        consent_to_publish: true,
        outlet: "Kazinform".into(),
        ..Default::default()
    }
}

async fn submit(app: &TestApp, input: &ItemInput) -> items::Submitted {
    let config = app::platform::config::Config {
        base_url: app.base.clone(),
        ..Default::default()
    };
    items::submit(&app.db, &config, input, chrono::Utc::now())
        .await
        .expect("submit")
}

/// Publishes an item's answer as the moderator's check shows it, with no
/// phrase removed by hand; returns (status, JSON body).
pub async fn publish(app: &TestApp, client: &reqwest::Client, code: &str) -> (u16, Value) {
    let (s, check) = call(
        app,
        client,
        "staff/item_archive_check",
        &[("code", code), ("remove", "")],
    )
    .await;
    let approved = check["approved"].as_str().unwrap_or("").to_string();
    if s != 200 {
        return (s, check);
    }
    call(
        app,
        client,
        "staff/item_publish",
        &[
            ("code", code),
            ("publish", "true"),
            ("remove", ""),
            ("approved", &approved),
        ],
    )
    .await
}

/// Calls a staff server function as `client` and returns (status, JSON body).
pub async fn call(app: &TestApp, client: &reqwest::Client, endpoint: &str, form: &[(&str, &str)]) -> (u16, Value) {
    let r = app.post_form_with(client, &format!("/api/{endpoint}"), form).await;
    let status = r.status().as_u16();
    (status, r.json().await.unwrap_or(Value::Null))
}

async fn inbox_codes(app: &TestApp, client: &reqwest::Client, form: &[(&str, &str)]) -> (Value, Vec<String>) {
    let (status, body) = call(app, client, "staff/inbox", form).await;
    assert_eq!(status, 200, "{body}");
    let codes = body[0]["rows"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["tracking_code"].as_str().unwrap().to_string())
        .collect();
    (body[0].clone(), codes)
}

async fn an_item_goes_from_the_inbox_to_a_published_answer_and_the_note_stays_internal(engine: Engine) {
    let app = spawn_app(engine).await;
    let item = submit(&app, &question("youth", "Айгүл Серікова")).await;
    let code = item.tracking_code.as_str();
    let officer = app.signed_in_client("youth.officer").await;
    let (_, codes) = inbox_codes(&app, &officer, &[("q[status]", "open")]).await;
    assert!(
        codes.contains(&item.tracking_code),
        "the routed department's officer finds it"
    );

    let secret = "Ішкі жазба: заңгерлермен келісу керек";
    let (s, b) = call(&app, &officer, "staff/item_note", &[("code", code), ("text", secret)]).await;
    assert_eq!(s, 200, "{b}");
    let (s, b) = call(&app, &officer, "staff/item_claim", &[("code", code)]).await;
    assert_eq!(s, 200, "{b}");
    let (s, b) = call(
        &app,
        &officer,
        "staff/item_reply",
        &[
            ("code", code),
            (
                "text",
                "Құрметті {name}! {code} бойынша: орталық 1 желтоқсанда ашылады.",
            ),
        ],
    )
    .await;
    assert_eq!(s, 200, "{b}");
    let (s, b) = publish(&app, &officer, code).await;
    assert_eq!(s, 200, "{b}");

    // The stored reply keeps its name placeholder; the submitter's answer
    // email has it filled in.
    let stored: String = app::on_read!(&app.db, |c| sqlx::query_scalar(
        "SELECT answer_text FROM items WHERE tracking_code = $1"
    )
    .bind(code)
    .fetch_one(c)
    .await)
    .unwrap();
    assert!(stored.starts_with("Құрметті {name}!"), "{stored}");
    let body: String = app::on_read!(&app.db, |c| sqlx::query_scalar(
        "SELECT body_text FROM outbox WHERE kind = 'answer' AND to_addr = 'aigul@example.kz'"
    )
    .fetch_one(c)
    .await)
    .unwrap();
    assert!(
        body.contains("Құрметті Айгүл Серікова!") && body.contains(code),
        "{body}"
    );

    // The status page and API show the answer; nothing public shows the note.
    let status: Value = app
        .get(&format!(
            "/api/v1/items/{code}?token={}",
            item.token.as_deref().unwrap()
        ))
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(status["status"], "answered");
    assert!(status["answer"]["text"].as_str().unwrap().contains("1 желтоқсанда"));
    let archive: Value = app.get("/api/v1/answers").await.json().await.unwrap();
    let entry = archive["items"]
        .as_array()
        .unwrap()
        .iter()
        .find(|e| e["tracking_code"] == code)
        .expect("in the archive")
        .clone();
    let question = entry["question"].as_str().unwrap();
    assert!(question.contains("Орталық қашан ашылады?"), "{question}");
    let answer = entry["answer"].as_str().unwrap();
    assert!(answer.contains("1 желтоқсанда"), "{answer}");
    for personal in ["Айгүл", "Серікова", "555 44 33", "aigul@example.kz"] {
        assert!(!question.contains(personal), "{personal} in the archive: {question}");
        assert!(
            !answer.contains(personal),
            "{personal} in the archived answer: {answer}"
        );
    }
    let track_page = app
        .get_text(&format!("/track/{code}?token={}", item.token.as_deref().unwrap()))
        .await;
    let archive_page = app.get_text("/answers").await;
    assert!(
        archive_page.contains("1 желтоқсанда"),
        "the archive page shows the answer"
    );
    for public in [track_page, archive_page, archive.to_string(), status.to_string()] {
        assert!(!public.contains(secret), "the internal note leaked");
    }
    // Staff see the note in the timeline.
    let (_, detail) = call(&app, &officer, "staff/item", &[("code", code)]).await;
    let events = detail[0]["events"].as_array().unwrap();
    assert!(events
        .iter()
        .any(|e| e["kind"] == "note" && e["internal"] == true && e["detail"] == secret));
    for kind in ["assigned", "answered", "published", "notified"] {
        assert!(
            events.iter().any(|e| e["kind"] == kind && e["actor"].is_string()),
            "{kind} has an actor"
        );
    }
}

async fn a_head_extends_a_deadline_once_and_the_submitter_is_told(engine: Engine) {
    let app = spawn_app(engine).await;
    let item = submit(&app, &press_query()).await;
    let code = item.tracking_code.as_str();
    let due = item.due_at.with_timezone(&chrono_tz::Asia::Almaty).date_naive();
    let cal = app::items::workdays::load(&app.db).await.unwrap();
    let new_day = cal.add_working_days(due, 2).to_string();
    let officer = app.signed_in_client("media.officer").await;
    let form = [
        ("code", code),
        ("new_due", new_day.as_str()),
        ("reason", "Several holders of the information"),
    ];
    let (s, _) = call(&app, &officer, "staff/item_extend", &form).await;
    assert_eq!(s, 403, "an officer does not extend");
    let head = app.signed_in_client("media.head").await;
    let (s, b) = call(&app, &head, "staff/item_extend", &form).await;
    assert_eq!(s, 200, "{b}");
    let told: String = app::on_read!(&app.db, |c| sqlx::query_scalar(
        "SELECT body_text FROM outbox WHERE kind = 'extension' AND to_addr = 'desk@kazinform.example'"
    )
    .fetch_one(c)
    .await)
    .unwrap();
    assert!(told.contains(&new_day) && told.contains("Several holders"), "{told}");
    let status: Value = app
        .get(&format!(
            "/api/v1/items/{code}?token={}",
            item.token.as_deref().unwrap()
        ))
        .await
        .json()
        .await
        .unwrap();
    assert!(status["due_at"].as_str().unwrap() > item.due_at.to_rfc3339().as_str());
    // A second extension is refused with its reason.
    let later = cal.add_working_days(due, 3).to_string();
    let (s, b) = call(
        &app,
        &head,
        "staff/item_extend",
        &[("code", code), ("new_due", later.as_str()), ("reason", "Again")],
    )
    .await;
    assert_eq!(s, 409, "{b}");
    assert_eq!(b["fields"][0]["code"], "already_extended", "{b}");
    assert_eq!(
        app.count("SELECT COUNT(*) FROM outbox WHERE kind = 'extension'").await,
        1
    );
}

async fn the_inbox_filters_counts_and_pages_within_the_viewers_department(engine: Engine) {
    let app = spawn_app(engine).await;
    let config = app::platform::config::Config::default();
    app::demo::seed_items(&app.db, &config, chrono::Utc::now())
        .await
        .unwrap();
    let admin = app.signed_in_client("admin").await;
    let (page, codes) = inbox_codes(&app, &admin, &[("q[sort]", "due")]).await;
    let open = app
        .count("SELECT COUNT(*) FROM items WHERE status IN ('new', 'assigned', 'in_progress')")
        .await;
    assert_eq!(page["total"], open, "admins see every open item");
    assert_eq!(page["counts"]["open"], open);
    assert_eq!(codes.len(), 25.min(open as usize), "one page");
    // Sorted by due date, soonest first.
    let dues: Vec<String> = page["rows"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["due_at"].as_str().unwrap().to_string())
        .collect();
    let mut sorted = dues.clone();
    sorted.sort();
    assert_eq!(dues, sorted);
    let (overdue, _) = inbox_codes(&app, &admin, &[("q[overdue]", "true")]).await;
    assert!(overdue["total"].as_i64().unwrap() > 0);
    assert_eq!(
        overdue["total"], page["counts"]["overdue"],
        "the count matches the filter"
    );
    assert!(overdue["rows"]
        .as_array()
        .unwrap()
        .iter()
        .all(|r| r["deadline"]["Overdue"].is_number()));
    let (p2, codes2) = inbox_codes(&app, &admin, &[("q[page]", "2")]).await;
    assert_eq!(p2["page"], 2);
    assert!(codes2.iter().all(|c| !codes.contains(c)), "page 2 holds other items");

    // An officer sees only their department, and the word search finds by code.
    let officer = app.signed_in_client("youth.officer").await;
    let youth: i64 = app.count("SELECT id FROM departments WHERE code = 'YOUTH'").await;
    let (mine, codes) = inbox_codes(&app, &officer, &[("q[status]", "all")]).await;
    let all_youth = app
        .count(&format!("SELECT COUNT(*) FROM items WHERE department_id = {youth}"))
        .await;
    assert_eq!(mine["total"], all_youth);
    let first = codes.first().expect("the youth department has items").clone();
    let (found, _) = inbox_codes(&app, &officer, &[("q[status]", "all"), ("q[q]", &first.to_lowercase())]).await;
    assert_eq!(found["total"], 1);
    let other: String = app::on_read!(&app.db, |c| sqlx::query_scalar(&format!(
        "SELECT tracking_code FROM items WHERE department_id <> {youth} LIMIT 1"
    ))
    .fetch_one(c)
    .await)
    .unwrap();
    let (none, _) = inbox_codes(&app, &officer, &[("q[status]", "all"), ("q[q]", &other)]).await;
    assert_eq!(none["total"], 0, "another department's item is not found");
    // Demo histories: notes, extensions, reassignments, published answers.
    for kind in ["note", "extended", "reassigned", "published", "answered"] {
        assert!(
            app.count(&format!("SELECT COUNT(*) FROM item_events WHERE kind = '{kind}'"))
                .await
                > 0,
            "{kind}"
        );
    }
    assert!(
        app.count("SELECT COUNT(*) FROM items WHERE answer_published = TRUE")
            .await
            >= 24
    );
    // The inbox page itself renders for the officer.
    let html = app
        .post_form_with(&officer, "/api/staff/inbox", &[("q[status]", "open")])
        .await;
    assert_eq!(html.status(), 200);
}

async fn refused_actions_name_their_reason_and_change_nothing(engine: Engine) {
    let app = spawn_app(engine).await;
    let item = submit(&app, &question("youth", "Ерлан")).await;
    let code = item.tracking_code.as_str();
    let officer = app.signed_in_client("youth.officer").await;
    let events = || app.count("SELECT COUNT(*) FROM item_events");
    let before = events().await;
    let (s, b) = call(&app, &officer, "staff/item_reply", &[("code", code), ("text", "  ")]).await;
    assert_eq!((s, b["fields"][0]["field"].as_str()), (422, Some("text")));
    let (s, b) = call(
        &app,
        &officer,
        "staff/item_redirect",
        &[("code", code), ("to", ""), ("reason", "")],
    )
    .await;
    assert_eq!(s, 422);
    assert_eq!(b["fields"].as_array().unwrap().len(), 2, "both fields named: {b}");
    let (s, b) = call(
        &app,
        &officer,
        "staff/item_publish",
        &[("code", code), ("publish", "true"), ("remove", ""), ("approved", "")],
    )
    .await;
    assert_eq!((s, b["fields"][0]["code"].as_str()), (409, Some("not_answered")));
    let (s, b) = call(&app, &officer, "staff/item_close", &[("code", code)]).await;
    assert_eq!((s, b["fields"][0]["code"].as_str()), (409, Some("wrong_status")));
    assert_eq!(events().await, before, "nothing recorded");
    // Without consent an answer stays out of the archive.
    let mut private = question("youth", "Ерлан");
    private.consent_to_publish = false;
    let p = submit(&app, &private).await;
    let (s, _) = call(
        &app,
        &officer,
        "staff/item_reply",
        &[("code", &p.tracking_code), ("text", "Жауап")],
    )
    .await;
    assert_eq!(s, 200);
    let (s, b) = call(
        &app,
        &officer,
        "staff/item_publish",
        &[
            ("code", &p.tracking_code),
            ("publish", "true"),
            ("remove", ""),
            ("approved", ""),
        ],
    )
    .await;
    assert_eq!((s, b["fields"][0]["code"].as_str()), (409, Some("no_consent")));
    assert_eq!(
        app.count("SELECT COUNT(*) FROM items WHERE answer_published = TRUE")
            .await,
        0
    );
    // Without JavaScript a refusal goes back to the item page.
    let r = app
        .post_plain_form(
            "/api/staff/item_reply",
            &format!("/staff/items/{code}"),
            &[("code", code.to_string()), ("text", String::new())],
        )
        .await;
    assert_eq!(r.status(), 302);
    let _ = json!({});
}

/// (endpoint, extra form fields) for each action; `{dept}`/`{user}` are filled in.
const ACTIONS: [(&str, &[(&str, &str)]); 12] = [
    ("staff/item", &[]),
    ("staff/item_note", &[("text", "note")]),
    ("staff/item_claim", &[]),
    ("staff/item_assign", &[("user_id", "{user}")]),
    (
        "staff/item_reassign",
        &[("department_id", "{dept}"), ("reason", "belongs there")],
    ),
    ("staff/item_redirect", &[("to", "Akimat"), ("reason", "competence")]),
    ("staff/item_reject", &[("reason", "no question")]),
    (
        "staff/item_extend",
        &[("new_due", "{day}"), ("reason", "several holders")],
    ),
    ("staff/item_reply", &[("text", "answer")]),
    (
        "staff/item_publish",
        &[("publish", "true"), ("remove", ""), ("approved", "{approved}")],
    ),
    ("staff/item_close", &[]),
    ("staff/item_reopen", &[("reason", "follow-up")]),
];

/// Who may do each action on a media-relations item, in the order of ACTIONS.
fn allowed(who: &str, endpoint: &str) -> bool {
    let handles = matches!(who, "admin" | "media.head" | "media.officer");
    let supervises = matches!(who, "admin" | "media.head");
    match endpoint {
        "staff/item" => !who.starts_with("info."),
        "staff/item_assign" | "staff/item_reassign" | "staff/item_extend" => supervises,
        "staff/item_publish" => handles || who == "moderator",
        _ => handles,
    }
}

async fn every_role_against_every_action(engine: Engine) {
    let app = spawn_app(engine).await;
    let admin = app::platform::sessions::user_by_id(&app.db, 1).await.unwrap().unwrap();
    let config = app::platform::config::Config {
        base_url: app.base.clone(),
        ..Default::default()
    };
    let info: i64 = app.count("SELECT id FROM departments WHERE code = 'INFO'").await;
    let media_id: i64 = app.count("SELECT id FROM departments WHERE code = 'MEDIA'").await;
    let media_officer: i64 = app.count("SELECT id FROM users WHERE username = 'media.officer'").await;
    let cal = app::items::workdays::load(&app.db).await.unwrap();
    let mut failures = Vec::new();
    for who in [
        "admin",
        "analyst",
        "moderator",
        "media.head",
        "media.officer",
        "info.head",
        "info.officer",
    ] {
        let client = app.signed_in_client(who).await;
        for (endpoint, extra) in ACTIONS {
            // A fresh press query (routed to MEDIA) in the state the action needs.
            let item = submit(&app, &press_query()).await;
            let code = item.tracking_code.clone();
            let prepare = |a: app::inbox::item_actions::Act| {
                let (db, config, admin, code) = (app.db.clone(), config.clone(), admin.clone(), code.clone());
                async move {
                    app::inbox::item_actions::act(&db, &config, &admin, &code, &a, chrono::Utc::now())
                        .await
                        .unwrap()
                }
            };
            if matches!(
                endpoint,
                "staff/item_publish" | "staff/item_close" | "staff/item_reopen"
            ) {
                prepare(app::inbox::item_actions::Act::Reply { text: "answer".into() }).await;
            }
            if endpoint == "staff/item_reopen" {
                prepare(app::inbox::item_actions::Act::Close).await;
            }
            let day = cal
                .add_working_days(item.due_at.with_timezone(&chrono_tz::Asia::Almaty).date_naive(), 2)
                .to_string();
            let (dept, user) = (info.to_string(), media_officer.to_string());
            // The fingerprint of the texts a moderator's check would show.
            let found = app::inbox::item_actions::find(&app.db, &code).await.unwrap();
            let (q, a) = app::inbox::item_actions::public_texts(&found, "");
            let approved = app::answers::approval(&q, &a);
            let mut form: Vec<(&str, &str)> = vec![("code", code.as_str())];
            for (k, v) in extra {
                let v = match *v {
                    "{dept}" => dept.as_str(),
                    "{user}" => user.as_str(),
                    "{day}" => day.as_str(),
                    "{approved}" => approved.as_str(),
                    v => v,
                };
                form.push((k, v));
            }
            let events = app.count("SELECT COUNT(*) FROM item_events").await;
            let (status, body) = call(&app, &client, endpoint, &form).await;
            let expect = allowed(who, endpoint);
            let ok = status == 200;
            if ok != expect || (!ok && ![403, 404].contains(&status)) {
                failures.push(format!("{who} {endpoint}: {status} {body}"));
            }
            if !ok && app.count("SELECT COUNT(*) FROM item_events").await != events {
                failures.push(format!("{who} {endpoint}: refused but recorded an event"));
            }
        }
        // The inbox itself: other departments' items are not listed (the
        // INFO inbox holds only the items reassigned to INFO above).
        let (page, _) = inbox_codes(&app, &client, &[("q[status]", "all")]).await;
        let media = page["rows"]
            .as_array()
            .unwrap()
            .iter()
            .filter(|r| r["department_id"] == media_id)
            .count();
        let expect_any = !who.starts_with("info.");
        if (media > 0) != expect_any {
            failures.push(format!("{who} inbox lists {media} media items"));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}
