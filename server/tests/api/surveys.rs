//! Surveys (PRODUCT.md: "one response per person"; "the same person again →
//! 409"; closed or not-yet-open surveys refuse answers; results per question).

use crate::helpers::*;
use crate::on_both_engines;
use app::platform::db::Engine;
use app::surveys::{QuestionInput, SurveyInput};
use serde_json::{json, Value};

on_both_engines!(
    a_survey_is_answered_once_per_person_and_its_results_match,
    answers_that_do_not_fit_are_refused_with_nothing_stored,
    a_closed_or_not_yet_open_survey_refuses_answers,
    questions_are_locked_once_a_survey_has_responses,
    the_demo_surveys_have_thousands_of_responses,
    a_survey_export_never_hands_a_spreadsheet_a_formula,
    a_survey_belongs_to_its_department_and_analysts_only_read_it,
);

/// A published survey of the youth department with one question of each
/// kind; returns (id, question ids, option ids).
async fn five_kinds(app: &TestApp, opens: &str, closes: &str) -> (i64, Vec<i64>, Vec<i64>) {
    let now = chrono::Utc::now();
    let tz = chrono_tz::Asia::Almaty;
    let youth = app.count("SELECT id FROM departments WHERE code = 'YOUTH'").await;
    let id = app::surveys::create(
        &app.db,
        1,
        Some(youth),
        &SurveyInput {
            title_en: "Portal survey".into(),
            opens_at: opens.into(),
            closes_at: closes.into(),
            visibility: "live".into(),
            ..Default::default()
        },
        tz,
        now,
    )
    .await
    .unwrap();
    let q = |kind: &str, required: bool, options: &str| QuestionInput {
        kind: kind.into(),
        required,
        text_en: format!("A {kind} question"),
        options_en: options.into(),
        ..Default::default()
    };
    let mut qids = Vec::new();
    for input in [
        q("single", true, "Website\nTV"),
        q("multiple", false, "Youth\nGrants\nLanguages"),
        q("scale", true, ""),
        q("nps", false, ""),
        q("text", false, ""),
    ] {
        qids.push(app::surveys::add_question(&app.db, id, &input, now).await.unwrap());
    }
    app::surveys::publish(&app.db, id, now).await.unwrap();
    let s = app::surveys::load(&app.db, id, now).await.unwrap();
    let options = s
        .questions
        .iter()
        .flat_map(|q| q.options.iter().map(|o| o.id))
        .collect();
    (id, qids, options)
}

async fn post_json(app: &TestApp, client: &reqwest::Client, path: &str, body: Value) -> (u16, Value) {
    let r = client
        .post(app.url(path))
        .header("content-type", "application/json")
        .body(body.to_string())
        .send()
        .await
        .unwrap();
    let status = r.status().as_u16();
    (status, r.json().await.unwrap_or(Value::Null))
}

async fn a_survey_is_answered_once_per_person_and_its_results_match(engine: Engine) {
    let app = spawn_app(engine).await;
    let (id, q, o) = five_kinds(&app, "", "").await;
    let path = format!("/api/v1/surveys/{id}/responses");
    // Three people: options are [website, tv, youth, grants, languages].
    let people = [
        json!([{"question": q[0], "option": o[0]}, {"question": q[1], "options": [o[2], o[3]]}, {"question": q[2], "value": 5}, {"question": q[3], "value": 10}, {"question": q[4], "text": "Faster answers, \"please\"\nand more"}]),
        json!([{"question": q[0], "option": o[0]}, {"question": q[1], "options": [o[3]]}, {"question": q[2], "value": 4}, {"question": q[3], "value": 6}]),
        json!([{"question": q[0], "option": o[1]}, {"question": q[2], "value": 3}]),
    ];
    for answers in &people {
        let person = http_client(true);
        let (s, b) = post_json(&app, &person, &path, json!({ "answers": answers })).await;
        assert_eq!(s, 201, "{b}");
        let (again, b) = post_json(&app, &person, &path, json!({ "answers": answers })).await;
        assert_eq!(again, 409, "the same person again: {b}");
    }
    let results: Value = app
        .get(&format!("/api/v1/surveys/{id}/results"))
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(results["responses"], 3);
    let qs = results["questions"].as_array().unwrap();
    let single = &qs[0]["options"];
    assert_eq!(
        (single[0]["count"].as_i64(), single[1]["count"].as_i64()),
        (Some(2), Some(1))
    );
    assert!((single[0]["share"].as_f64().unwrap() - 2.0 / 3.0).abs() < 1e-9);
    // Multiple choice: grants chosen by both who answered; each option counted once per person.
    let multiple = &qs[1]["options"];
    assert_eq!(multiple[0]["count"], 1);
    assert_eq!(multiple[1]["count"], 2);
    assert_eq!(multiple[1]["share"], 1.0);
    assert_eq!(qs[2]["mean"], 4.0);
    assert_eq!(qs[2]["distribution"], json!([0, 0, 1, 1, 1]));
    // NPS: one promoter (10), one detractor (6) of two: 0.
    assert_eq!(qs[3]["nps"], 0.0);
    assert!((results["completion_rate"].as_f64().unwrap() - 1.0 / 3.0).abs() < 1e-9);
    // A free text is public only after moderation.
    let page = app.get_text(&format!("/surveys/{id}")).await;
    assert!(page.contains("A scale question") && !page.contains("Faster answers"));
    let moderator = app.signed_in_client("moderator").await;
    let r = app
        .post_form_with(&moderator, "/api/moderation/survey_texts", &[("", "")])
        .await;
    let queue: Value = r.json().await.unwrap();
    let pending = &queue[0];
    assert_eq!(pending["text"], "Faster answers, \"please\"\nand more");
    let (rid, qid) = (pending["response_id"].to_string(), pending["question_id"].to_string());
    let r = app
        .post_form_with(
            &moderator,
            "/api/moderation/survey_text",
            &[
                ("response_id", rid.as_str()),
                ("question_id", qid.as_str()),
                ("approve", "true"),
            ],
        )
        .await;
    assert_eq!(r.status(), 200);
    let page = app.get_text(&format!("/surveys/{id}")).await;
    assert!(
        page.contains("Faster answers"),
        "an approved text is shown with the results"
    );
    // The CSV export: a row per response, a column per question.
    let staff = app.signed_in_client("youth.officer").await;
    let csv = staff
        .get(app.url(&format!("/staff/surveys/{id}/export.csv?lang=en")))
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    let mut reader = csv::Reader::from_reader(csv.as_bytes());
    let header: Vec<String> = reader.headers().unwrap().iter().map(str::to_string).collect();
    assert_eq!(header.len(), 6, "{csv}");
    let rows: Vec<csv::StringRecord> = reader.records().map(|r| r.unwrap()).collect();
    assert_eq!(rows.len(), 3);
    assert_eq!(&rows[0][1], "Website");
    assert_eq!(&rows[0][2], "Youth; Grants");
    assert_eq!(
        &rows[0][5], "Faster answers, \"please\"\nand more",
        "commas, quotes and line breaks survive"
    );
    assert_eq!(&rows[2][2], "");
    let anonymous = app.get(&format!("/staff/surveys/{id}/export.csv")).await;
    assert_eq!(anonymous.status(), 401);
}

async fn answers_that_do_not_fit_are_refused_with_nothing_stored(engine: Engine) {
    let app = spawn_app(engine).await;
    let (id, q, o) = five_kinds(&app, "", "").await;
    let (other, oq, oo) = five_kinds(&app, "", "").await;
    let _ = (other, oq);
    let path = format!("/api/v1/surveys/{id}/responses");
    let person = http_client(true);
    let cases = [
        (
            json!([{"question": q[2], "value": 4}]),
            format!("q{}", q[0]),
            "required",
        ),
        (
            json!([{"question": q[0], "option": oo[0]}, {"question": q[2], "value": 4}]),
            format!("q{}", q[0]),
            "invalid_option",
        ),
        (
            json!([{"question": q[0], "option": o[0]}, {"question": q[2], "value": 6}]),
            format!("q{}", q[2]),
            "out_of_range",
        ),
        (
            json!([{"question": q[0], "option": o[0]}, {"question": q[2], "value": 3}, {"question": q[3], "value": 11}]),
            format!("q{}", q[3]),
            "out_of_range",
        ),
    ];
    for (answers, field, code) in cases {
        let (s, b) = post_json(&app, &person, &path, json!({ "answers": answers })).await;
        assert_eq!(s, 422, "{b}");
        let fields = b["error"]["fields"].clone();
        assert_eq!(fields[&field], code, "{b}");
    }
    assert_eq!(app.count("SELECT COUNT(*) FROM survey_responses").await, 0);
    assert_eq!(app.count("SELECT COUNT(*) FROM survey_answers").await, 0);
}

async fn a_closed_or_not_yet_open_survey_refuses_answers(engine: Engine) {
    let app = spawn_app(engine).await;
    let tz = chrono_tz::Asia::Almaty;
    let fmt = |d: chrono::Duration| {
        (chrono::Utc::now() + d)
            .with_timezone(&tz)
            .format("%Y-%m-%dT%H:%M")
            .to_string()
    };
    let (later, q, o) = five_kinds(&app, &fmt(chrono::Duration::days(1)), "").await;
    let answers = json!({ "answers": [{"question": q[0], "option": o[0]}, {"question": q[2], "value": 4}] });
    let person = http_client(true);
    let (s, b) = post_json(&app, &person, &format!("/api/v1/surveys/{later}/responses"), answers).await;
    assert_eq!(
        (s, b["error"]["fields"]["survey"].as_str()),
        (409, Some("survey_not_open"))
    );
    let (closed, q, o) = five_kinds(&app, "", "").await;
    app::surveys::close(&app.db, closed, chrono::Utc::now()).await.unwrap();
    let answers = json!({ "answers": [{"question": q[0], "option": o[0]}, {"question": q[2], "value": 4}] });
    let (s, b) = post_json(&app, &person, &format!("/api/v1/surveys/{closed}/responses"), answers).await;
    assert_eq!(
        (s, b["error"]["fields"]["survey"].as_str()),
        (409, Some("survey_closed"))
    );
    assert_eq!(app.count("SELECT COUNT(*) FROM survey_responses").await, 0);
    // Without JavaScript the form posts, and a refusal comes back to the survey page.
    let r = app
        .post_plain_form(
            "/api/survey_answer",
            &format!("/surveys/{closed}"),
            &[("id", closed.to_string()), (&format!("a[q{}]", q[2]), "4".to_string())],
        )
        .await;
    assert_eq!(r.status(), 302);
}

async fn questions_are_locked_once_a_survey_has_responses(engine: Engine) {
    let app = spawn_app(engine).await;
    let (id, q, o) = five_kinds(&app, "", "").await;
    let person = http_client(true);
    let (s, _) = post_json(
        &app,
        &person,
        &format!("/api/v1/surveys/{id}/responses"),
        json!({ "answers": [{"question": q[0], "option": o[0]}, {"question": q[2], "value": 4}] }),
    )
    .await;
    assert_eq!(s, 201);
    let now = chrono::Utc::now();
    let e = app::surveys::change_question(&app.db, id, q[1], 0, now)
        .await
        .unwrap_err();
    assert_eq!(e.field_code("survey"), Some(app::error::FieldCode::Locked));
    let e = app::surveys::add_question(
        &app.db,
        id,
        &QuestionInput {
            kind: "scale".into(),
            text_en: "Another".into(),
            ..Default::default()
        },
        now,
    )
    .await
    .unwrap_err();
    assert_eq!(e.field_code("survey"), Some(app::error::FieldCode::Locked));
    // Texts can still be corrected, the question's as well as the survey's.
    app::surveys::edit_question_texts(
        &app.db,
        id,
        q[2],
        &QuestionInput {
            text_en: "How satisfied are you, overall?".into(),
            ..Default::default()
        },
        now,
    )
    .await
    .unwrap();
    app::surveys::update(
        &app.db,
        id,
        &SurveyInput {
            title_en: "Portal survey (corrected)".into(),
            visibility: "live".into(),
            ..Default::default()
        },
        chrono_tz::Asia::Almaty,
        now,
    )
    .await
    .unwrap();
    let s: Value = app.get(&format!("/api/v1/surveys/{id}")).await.json().await.unwrap();
    assert_eq!(s["title"]["en"], "Portal survey (corrected)");
    assert_eq!(s["questions"].as_array().unwrap().len(), 5);
    assert_eq!(s["questions"][2]["text"]["en"], "How satisfied are you, overall?");
}

async fn the_demo_surveys_have_thousands_of_responses(engine: Engine) {
    let app = spawn_app(engine).await;
    let now = chrono::Utc::now();
    assert_eq!(app::demo::surveys::seed_surveys(&app.db, now).await.unwrap(), Some(3));
    let open: Value = app.get("/api/v1/surveys").await.json().await.unwrap();
    assert_eq!(open["total"], 1, "one open survey");
    let all = app::surveys::list(&app.db, false, now).await.unwrap();
    let closed = all
        .iter()
        .filter(|s| s.state == app::surveys::SurveyState::Closed)
        .count();
    assert_eq!(closed, 2);
    assert!(app.count("SELECT COUNT(*) FROM survey_responses").await >= 4000);
    assert_eq!(app::demo::surveys::seed_surveys(&app.db, now).await.unwrap(), None);
}

/// OWASP's rule against CSV injection: a free text typed by the public
/// that begins like a formula reaches the spreadsheet as text.
async fn a_survey_export_never_hands_a_spreadsheet_a_formula(engine: Engine) {
    let app = spawn_app(engine).await;
    let (id, q, o) = five_kinds(&app, "", "").await;
    let path = format!("/api/v1/surveys/{id}/responses");
    let typed = [
        "=HYPERLINK(\"http://evil.example\",\"click\")",
        "@SUM(A1:A9)",
        "-2+3",
        "+cmd",
    ];
    for text in typed {
        let answers = json!([{"question": q[0], "option": o[0]}, {"question": q[2], "value": 4}, {"question": q[4], "text": text}]);
        let (s, b) = post_json(&app, &http_client(true), &path, json!({ "answers": answers })).await;
        assert_eq!(s, 201, "{b}");
    }
    let staff = app.signed_in_client("youth.head").await;
    let csv = staff
        .get(app.url(&format!("/staff/surveys/{id}/export.csv?lang=en")))
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    let mut reader = csv::Reader::from_reader(csv.as_bytes());
    let cells: Vec<String> = reader.records().map(|r| r.unwrap()[5].to_string()).collect();
    let expected: Vec<String> = typed.iter().map(|t| format!("'{t}")).collect();
    assert_eq!(cells, expected);
}

/// Surveys belong to a department: its officers and head (and admins)
/// build, publish, close, re-open and export them; analysts read results;
/// anyone else is refused with a 403 that the audit log records.
async fn a_survey_belongs_to_its_department_and_analysts_only_read_it(engine: Engine) {
    let app = spawn_app(engine).await;
    let (id, _, _) = five_kinds(&app, "", "").await;
    let sid = id.to_string();
    let refused = || app.count("SELECT COUNT(*) FROM audit_log WHERE event = 'access_refused'");
    let export = |client: reqwest::Client| {
        let url = app.url(&format!("/staff/surveys/{id}/export.csv"));
        async move { client.get(url).send().await.unwrap().status().as_u16() }
    };
    // (who, manages, reads)
    for (who, manages, reads) in [
        ("youth.officer", true, true),
        ("youth.head", true, true),
        ("admin", true, true),
        ("analyst", false, true),
        ("info.officer", false, false),
        ("info.head", false, false),
        ("moderator", false, false),
    ] {
        let client = app.signed_in_client(who).await;
        let before = refused().await;
        let r = app
            .post_form_with(&client, "/api/staff/survey", &[("id", sid.as_str())])
            .await;
        let status = r.status().as_u16();
        let body: Value = r.json().await.unwrap_or(Value::Null);
        assert_eq!(status == 200, reads, "{who} reads: {status} {body}");
        if reads {
            assert_eq!(body[2], manages, "{who} is told whether they manage it");
        }
        let closed = app
            .post_form_with(
                &client,
                "/api/staff/survey_status",
                &[("id", sid.as_str()), ("publish", "false")],
            )
            .await
            .status()
            .as_u16();
        assert_eq!(closed, if manages { 200 } else { 403 }, "{who} closes");
        let reopened = app
            .post_form_with(
                &client,
                "/api/staff/survey_status",
                &[("id", sid.as_str()), ("publish", "true")],
            )
            .await
            .status()
            .as_u16();
        assert_eq!(reopened, if manages { 200 } else { 403 }, "{who} re-opens");
        assert_eq!(
            export(client.clone()).await,
            if manages { 200 } else { 403 },
            "{who} exports"
        );
        let list = app
            .post_form_with(&client, "/api/staff/surveys", &Vec::<(&str, &str)>::new())
            .await;
        let listed = list.status() == 200
            && list.json::<Value>().await.unwrap()[0]
                .as_array()
                .unwrap()
                .iter()
                .any(|s| s["id"] == id);
        assert_eq!(listed, reads, "{who} finds it in the list");
        if !manages {
            assert!(refused().await > before, "{who}: the refusals are in the audit log");
        }
    }
    // Re-opened by its department, the survey takes answers again.
    let s = app::surveys::load(&app.db, id, chrono::Utc::now()).await.unwrap();
    assert_eq!(s.state, app::surveys::SurveyState::Open);
    // An analyst no longer builds surveys; an officer's new survey is their department's.
    let analyst = app.signed_in_client("analyst").await;
    let form = [("input[title_en]", "Analyst survey")];
    let r = app.post_form_with(&analyst, "/api/staff/survey_create", &form).await;
    assert_eq!(r.status(), 403);
    let officer = app.signed_in_client("info.officer").await;
    let r = app
        .post_form_with(
            &officer,
            "/api/staff/survey_create",
            &[("input[title_en]", "Info survey")],
        )
        .await;
    assert!(r.status().is_success() || r.status().is_redirection(), "{}", r.status());
    assert_eq!(
        app.count(
            "SELECT COUNT(*) FROM surveys s JOIN departments d ON d.id = s.department_id \
             WHERE d.code = 'INFO' AND s.title_en = 'Info survey'"
        )
        .await,
        1
    );
}
