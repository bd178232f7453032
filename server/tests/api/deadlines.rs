//! The seeded calendar drives statutory deadlines on both engines.

use crate::helpers::*;
use crate::on_both_engines;
use app::items::workdays::{due_at, load, Count};
use app::platform::db::Engine;
use chrono::{NaiveDate, TimeZone};

on_both_engines!(
    the_seeded_kazakh_calendar_moves_deadlines_past_nauryz_and_new_year,
    the_default_policies_are_the_statutory_ones,
    the_demo_routing_rules_send_items_by_topic_and_press_queries_to_media_relations,
    an_admin_adds_a_keyword_rule_that_takes_precedence_and_an_officer_cannot,
);

async fn an_admin_adds_a_keyword_rule_that_takes_precedence_and_an_officer_cannot(engine: Engine) {
    let app = spawn_app(engine).await;
    let civil = app
        .count("SELECT id FROM departments WHERE code = 'CIVIL'")
        .await
        .to_string();
    app.login_demo("admin").await;
    let (s, b) = error_code(
        app.post_form(
            "/api/admin/routing_add",
            &[
                ("input[position]", "1"),
                ("input[name]", "Everything"),
                ("input[department_id]", civil.as_str()),
            ],
        )
        .await,
    )
    .await;
    assert_eq!(
        (s, b["fields"][0]["code"].as_str()),
        (422, Some("rule_matches_everything"))
    );
    let r = app
        .post_form(
            "/api/admin/routing_add",
            &[
                ("input[position]", "1"),
                ("input[name]", "Grants"),
                ("input[keywords]", "Грант, grant"),
                ("input[department_id]", civil.as_str()),
            ],
        )
        .await;
    assert!(r.status().is_success(), "{}", r.status());
    let body = serde_json::json!({"kind": "question", "topic": "youth", "subject": "Гранты", "text": "Когда откроется грантовый конкурс для молодёжи?",
        "name": "A", "email": "a@example.kz", "language": "ru"});
    let r: serde_json::Value = app
        .client
        .post(app.url("/api/v1/questions"))
        .json(&body)
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    let st: serde_json::Value = app
        .get(&format!(
            "/api/v1/items/{}?token={}",
            r["tracking_code"].as_str().unwrap(),
            r["token"].as_str().unwrap()
        ))
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(
        st["department"], "CIVIL",
        "the keyword rule comes before the youth topic rule"
    );
    let id = app
        .count("SELECT id FROM routing_rules WHERE name = 'Grants'")
        .await
        .to_string();
    let officer = app.signed_in_client("youth.officer").await;
    let r = app
        .post_form_with(&officer, "/api/admin/routing_remove", &[("id", id.as_str())])
        .await;
    assert_eq!(r.status(), 403);
    let r = app.post_form("/api/admin/routing_remove", &[("id", id.as_str())]).await;
    assert!(r.status().is_success());
    assert_eq!(
        app.count("SELECT COUNT(*) FROM routing_rules WHERE name = 'Grants'")
            .await,
        0
    );
}

async fn the_demo_routing_rules_send_items_by_topic_and_press_queries_to_media_relations(engine: Engine) {
    use app::items::routing::{load as rules, route, Route};
    let app = spawn_app(engine).await;
    let rules = rules(&app.db).await.unwrap();
    let media = app.count("SELECT id FROM departments WHERE code = 'MEDIA'").await;
    let relig = app.count("SELECT id FROM departments WHERE code = 'RELIG'").await;
    match route(
        &rules,
        "question",
        "religion",
        "Как зарегистрировать общину?",
        Some(media),
    ) {
        Route::Rule { department_id, .. } => assert_eq!(department_id, relig),
        other => panic!("{other:?}"),
    }
    assert_eq!(
        route(&rules, "press_query", "other", "Комментарий", Some(media)),
        Route::MediaRelations { department_id: media }
    );
    assert_eq!(route(&rules, "question", "other", "Вопрос", Some(media)), Route::Triage);
}

async fn the_default_policies_are_the_statutory_ones(engine: Engine) {
    use app::items::deadlines::{load as policies, pick, Span};
    let app = spawn_app(engine).await;
    let p = policies(&app.db).await.unwrap();
    let q = pick(&p, "question", "youth").unwrap();
    assert_eq!(
        (q.count, q.extension_total, q.notice_working_days),
        (Count::WorkingDays(15), Some(Span::Months(2)), 3)
    );
    let pq = pick(&p, "press_query", "").unwrap();
    assert_eq!(
        (pq.count, pq.extension_total, pq.notice_working_days),
        (Count::WorkingDays(5), Some(Span::Days(15)), 2)
    );
    let r = pick(&p, "redirect", "").unwrap();
    assert_eq!((r.count, r.extension_total), (Count::WorkingDays(3), None));
}

async fn the_seeded_kazakh_calendar_moves_deadlines_past_nauryz_and_new_year(engine: Engine) {
    let app = spawn_app(engine).await;
    let cal = load(&app.db).await.unwrap();
    let d = |s: &str| NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap();
    assert!(
        !cal.is_working(d("2026-03-23")) && !cal.is_working(d("2026-03-25")),
        "Nauryz and its moved days"
    );
    assert!(
        !cal.is_working(d("2027-01-04")),
        "New Year 2027 falls on a Saturday: Monday is off"
    );
    assert!(cal.is_working(d("2027-05-17")), "Kurban Ait on a Sunday is not moved");
    let almaty = chrono_tz::Asia::Almaty;
    let received = almaty
        .with_ymd_and_hms(2026, 3, 20, 10, 0, 0)
        .unwrap()
        .with_timezone(&chrono::Utc);
    // "press query | 5 working days" (PRODUCT.md)
    let due = due_at(&cal, received, Count::WorkingDays(5), almaty);
    assert_eq!(
        due,
        almaty
            .with_ymd_and_hms(2026, 4, 1, 18, 0, 0)
            .unwrap()
            .with_timezone(&chrono::Utc)
    );
    // "citizen question | 15 working days from receipt", received on New Year's Eve after hours.
    let received = almaty
        .with_ymd_and_hms(2026, 12, 31, 19, 30, 0)
        .unwrap()
        .with_timezone(&chrono::Utc);
    let due = due_at(&cal, received, Count::WorkingDays(15), almaty);
    // Counts from Tue 5 Jan (1–4 Jan off), skips 7 Jan (Orthodox Christmas).
    assert_eq!(due.with_timezone(&almaty).date_naive(), d("2027-01-27"));
}
