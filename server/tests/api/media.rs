//! Media monitoring (PRODUCT.md: "Media mention: what the press said:
//! outlet, media type …, needed response (none, clarify, refute, amplify)
//! with its own deadline and status"; "a negative spike … alerts the
//! media-relations head by email").

use crate::helpers::*;
use crate::on_both_engines;
use app::platform::db::Engine;
use serde_json::{json, Value};

on_both_engines!(
    a_mention_is_registered_once_per_link_and_bad_fields_are_named,
    a_csv_file_is_previewed_with_numbered_bad_lines_and_only_good_lines_imported,
    a_refute_response_is_answered_from_the_inbox_and_marks_the_mention_answered,
    a_negative_spike_alerts_the_media_head_once,
    one_story_reprinted_thirty_times_is_not_a_spike,
    the_demo_year_reads_back_from_the_indicators_api_by_media_type,
    the_digest_compares_a_day_with_the_day_before_and_the_weekday_average,
);

fn today() -> chrono::NaiveDate {
    chrono::Utc::now().with_timezone(&chrono_tz::Asia::Almaty).date_naive()
}

async fn add_outlet(app: &TestApp, analyst: &reqwest::Client, name: &str, media_type: &str) {
    let r = app
        .post_form_with(
            analyst,
            "/api/staff/media_outlet_add",
            &[("outlet_name", name), ("outlet_type", media_type)],
        )
        .await;
    assert!(r.status().is_success(), "{}", r.status());
}

fn mention<'a>(outlet: &'a str, url: &'a str, tone: &'a str, day: &'a str) -> Vec<(&'static str, &'a str)> {
    vec![
        ("input[outlet]", outlet),
        ("input[headline]", "Министерство ответило журналистам"),
        ("input[url]", url),
        ("input[day]", day),
        ("input[tone]", tone),
        ("input[reach]", "12 000"),
        ("input[topic]", "media"),
        ("input[department]", "MEDIA"),
    ]
}

async fn a_mention_is_registered_once_per_link_and_bad_fields_are_named(engine: Engine) {
    let app = spawn_app(engine).await;
    let analyst = app.signed_in_client("analyst").await;
    add_outlet(&app, &analyst, "Khabar", "tv").await;
    let day = (today() - chrono::Duration::days(1)).to_string();
    let r = app
        .post_form_with(
            &analyst,
            "/api/staff/media_add",
            &mention("Khabar", "https://khabar.kz/news/1", "negative", &day),
        )
        .await;
    assert!(r.status().is_success(), "{}", r.status());
    assert_eq!(
        app.count("SELECT COUNT(*) FROM mentions WHERE media_type = 'tv' AND reach = 12000")
            .await,
        1
    );
    // The same story with tracking tags and a trailing slash is a duplicate.
    let again = mention(
        "Khabar",
        "https://www.KHABAR.kz/news/1/?utm_source=tg",
        "negative",
        &day,
    );
    let (status, body) = error_code(app.post_form_with(&analyst, "/api/staff/media_add", &again).await).await;
    assert_eq!(status, 409);
    assert_eq!(body["fields"][0]["field"], "url");
    assert_eq!(body["fields"][0]["code"], "duplicate_link");
    // Every bad field is named; nothing is saved.
    let future = (today() + chrono::Duration::days(3)).to_string();
    let bad = mention("Nobody FM", "ftp://x", "angry", &future);
    let (status, body) = error_code(app.post_form_with(&analyst, "/api/staff/media_add", &bad).await).await;
    assert_eq!(status, 422);
    let fields: Vec<(String, String)> = body["fields"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| {
            (
                f["field"].as_str().unwrap().to_string(),
                f["code"].as_str().unwrap().to_string(),
            )
        })
        .collect();
    for want in [
        ("outlet", "unknown_outlet"),
        ("url", "invalid_url"),
        ("day", "in_future"),
        ("tone", "invalid_choice"),
    ] {
        assert!(
            fields.contains(&(want.0.to_string(), want.1.to_string())),
            "{want:?} in {fields:?}"
        );
    }
    assert_eq!(app.count("SELECT COUNT(*) FROM mentions").await, 1);
    // Officers cannot log mentions; the register shows the mention to the analyst.
    let officer = app.signed_in_client("youth.officer").await;
    let r = app
        .post_form_with(
            &officer,
            "/api/staff/media_add",
            &mention("Khabar", "https://khabar.kz/news/2", "neutral", &day),
        )
        .await;
    assert_eq!(r.status(), 403);
    let page = analyst
        .get(app.url("/staff/media"))
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert!(page.contains("Министерство ответило журналистам"));
    // The register's chart counts the mention on its day, and none the day after.
    assert_eq!(chart_cell(&page, "ch-register", &day), Some("1"));
    assert_eq!(chart_cell(&page, "ch-register", &today().to_string()), Some("0"));
}

async fn upload(app: &TestApp, client: &reqwest::Client, csv: &str) -> reqwest::Response {
    let form = reqwest::multipart::Form::new().part(
        "file",
        reqwest::multipart::Part::text(csv.to_string())
            .file_name("mentions.csv")
            .mime_str("text/csv")
            .unwrap(),
    );
    client
        .post(app.url("/staff/media/import"))
        .header("origin", app.url(""))
        .multipart(form)
        .send()
        .await
        .unwrap()
}

async fn a_csv_file_is_previewed_with_numbered_bad_lines_and_only_good_lines_imported(engine: Engine) {
    let app = spawn_app(engine).await;
    let analyst = app.signed_in_client("analyst").await;
    add_outlet(&app, &analyst, "Kazinform", "news_agency").await;
    add_outlet(&app, &analyst, "Shalqar", "radio").await;
    let d = (today() - chrono::Duration::days(2)).to_string();
    let csv = format!(
        "outlet,media_type,headline,url,date,tone,reach,topic,department,summary\n\
         Kazinform,,Grant results,https://kazinform.kz/a/1,{d},positive,5000,youth,YOUTH,\n\
         Shalqar,,Radio talk,https://shalqar.kz/b/2,{d},neutral,,media,MEDIA,Interview\n\
         Unknown FM,,Rumours,https://unknown.kz/c,{d},negative,,,,\n\
         Kazinform,,Again,https://kazinform.kz/a/1,{d},positive,,,,\n\
         Shalqar,,Bad date,https://shalqar.kz/b/3,31.02.2026,neutral,,,,\n"
    );
    // An empty file goes back to the register with the reason beside the file field.
    let r = upload(&app, &analyst, "").await;
    let back = r.headers()["location"].to_str().unwrap().to_string();
    assert_eq!(back, "/staff/media?import_error=required");
    let page = analyst.get(app.url(&back)).send().await.unwrap().text().await.unwrap();
    assert!(
        page.contains(r#"id="media-file-err""#),
        "the error sits beside the file field"
    );
    assert_eq!(app.count("SELECT COUNT(*) FROM mention_imports").await, 0);
    let r = upload(&app, &analyst, &csv).await;
    assert!(r.status().is_success() || r.status().is_redirection(), "{}", r.status());
    let id: i64 = app.count("SELECT MAX(id) FROM mention_imports").await;
    let preview: Value = app
        .post_form_with(&analyst, "/api/staff/media_import", &[("id", id.to_string())])
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(preview["valid"], 2);
    let lines: Vec<(i64, String)> = preview["errors"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| (e["line"].as_i64().unwrap(), e["code"].as_str().unwrap().to_string()))
        .collect();
    assert_eq!(
        lines,
        vec![
            (4, "unknown_outlet".to_string()),
            (5, "duplicate_link".to_string()),
            (6, "invalid_date".to_string())
        ]
    );
    assert_eq!(
        app.count("SELECT COUNT(*) FROM mentions").await,
        0,
        "nothing before the import is confirmed"
    );
    let r = app
        .post_form_with(&analyst, "/api/staff/media_import_start", &[("id", id.to_string())])
        .await;
    assert!(r.status().is_success(), "{}", r.status());
    for _ in 0..100 {
        if app
            .count(&format!(
                "SELECT COUNT(*) FROM mention_imports WHERE id = {id} AND status = 'done'"
            ))
            .await
            == 1
        {
            break;
        }
        tokio::time::sleep(std::time::Duration::from_millis(50)).await;
    }
    assert_eq!(app.count("SELECT COUNT(*) FROM mentions").await, 2);
    assert_eq!(
        app.count("SELECT COUNT(*) FROM mentions WHERE media_type = 'radio'")
            .await,
        1
    );
    // Starting twice imports nothing more.
    let (status, _) = error_code(
        app.post_form_with(&analyst, "/api/staff/media_import_start", &[("id", id.to_string())])
            .await,
    )
    .await;
    assert_eq!(status, 409);
    // Someone else's import is not theirs to see.
    let admin = app.signed_in_client("admin").await;
    let r = app
        .post_form_with(&admin, "/api/staff/media_import", &[("id", id.to_string())])
        .await;
    assert_eq!(r.status(), 404);
}

async fn a_refute_response_is_answered_from_the_inbox_and_marks_the_mention_answered(engine: Engine) {
    let app = spawn_app(engine).await;
    let analyst = app.signed_in_client("analyst").await;
    add_outlet(&app, &analyst, "Tengrinews", "online").await;
    let day = today().to_string();
    app.post_form_with(
        &analyst,
        "/api/staff/media_add",
        &mention("Tengrinews", "https://tengrinews.kz/x", "negative", &day),
    )
    .await;
    let id = app.count("SELECT id FROM mentions").await.to_string();
    let r = app
        .post_form_with(
            &analyst,
            "/api/staff/media_respond",
            &[
                ("id", id.as_str()),
                ("response", "refute"),
                ("department", "MEDIA"),
                ("note", "Факты неверны"),
            ],
        )
        .await;
    assert!(r.status().is_success(), "{}", r.status());
    let code: String = r.json().await.unwrap();
    assert!(code.starts_with("MR-"), "{code}");
    // It waits in the media department's inbox with the policy's deadline.
    let head = app.signed_in_client("media.head").await;
    let inbox = head
        .get(app.url("/staff/inbox"))
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert!(inbox.contains(&code), "the task is in the department's inbox");
    let page: Value = app
        .post_form_with(&head, "/api/staff/inbox", &[("q[kind]", "media_response")])
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(page[0]["total"], 1, "the kind filter finds response tasks: {page}");
    let other = app.signed_in_client("youth.officer").await;
    let inbox = other
        .get(app.url("/staff/inbox"))
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert!(!inbox.contains(&code), "not in other departments' inboxes");
    // Asking twice is refused.
    let (status, _) = error_code(
        app.post_form_with(
            &analyst,
            "/api/staff/media_respond",
            &[
                ("id", id.as_str()),
                ("response", "clarify"),
                ("department", "MEDIA"),
                ("note", ""),
            ],
        )
        .await,
    )
    .await;
    assert_eq!(status, 409);
    // Answered from the inbox: the outcome is linked back to the mention.
    let outcome = "Опровержение опубликовано: https://ministry.example.kz/news/refute-1";
    let r = app
        .post_form_with(
            &head,
            "/api/staff/item_reply",
            &[("code", code.as_str()), ("text", outcome)],
        )
        .await;
    assert!(r.status().is_success(), "{}", r.status());
    let (m, _): (Value, Value) = app
        .post_form_with(&analyst, "/api/staff/media_mention", &[("id", id.as_str())])
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(m["response"], "refute");
    assert_eq!(m["task"][1], "answered");
    assert_eq!(m["outcome"], outcome);
}

async fn negative_at(app: &TestApp, n: usize, hours_ago: i64, tag: &str) {
    let l = app::media::lookups(&app.db).await.unwrap();
    let mut tx = app.db.begin().await.unwrap();
    for i in 0..n {
        let at = chrono::Utc::now() - chrono::Duration::hours(hours_ago);
        let v = app::media::ValidMention {
            outlet_id: l.outlets[0].id,
            media_type: app::media::MediaType::Online,
            headline: format!("Negative {tag} {i}"),
            url: format!("https://x.kz/{tag}/{i}"),
            url_key: format!("x.kz/{tag}/{i}"),
            day: at.with_timezone(&chrono_tz::Asia::Almaty).date_naive(),
            tone: app::publications::Tone::Negative,
            reach: None,
            topic: "youth".into(),
            department_id: None,
            summary: String::new(),
        };
        app::media::insert(&mut tx, &v, None, at).await.unwrap();
    }
    tx.commit().await.unwrap();
}

async fn a_negative_spike_alerts_the_media_head_once(engine: Engine) {
    let app = spawn_app(engine).await;
    let analyst = app.signed_in_client("analyst").await;
    add_outlet(&app, &analyst, "Vlast.kz", "online").await;
    let config = app::platform::config::Config::default();
    let spikes = || app.count("SELECT COUNT(*) FROM outbox WHERE kind = 'media_spike'");
    // A quiet month: one negative story every three days, one today.
    for d in 0..10 {
        negative_at(&app, 1, 24 * (3 * d + 2), &format!("quiet{d}")).await;
    }
    negative_at(&app, 1, 2, "today").await;
    ashyq_server::workers::run(&app.db, &config, chrono::Utc::now())
        .await
        .unwrap();
    assert_eq!(spikes().await, 0, "no alert on a quiet history");
    // Nine more in the last day: a spike for the ministry and for the topic.
    negative_at(&app, 9, 3, "spike").await;
    let report = ashyq_server::workers::run(&app.db, &config, chrono::Utc::now())
        .await
        .unwrap();
    assert_eq!(report.spike_alerts, 2, "the ministry and the topic `youth`");
    let (to, body): (String, String) = app::on_read!(&app.db, |c| sqlx::query_as(
        "SELECT to_addr, body_text FROM outbox WHERE kind = 'media_spike' ORDER BY id LIMIT 1"
    )
    .fetch_one(c)
    .await)
    .unwrap();
    let head_email: String = app::on_read!(&app.db, |c| sqlx::query_scalar(
        "SELECT u.email FROM departments d JOIN users u ON u.id = d.head_user_id WHERE d.code = 'MEDIA'"
    )
    .fetch_one(c)
    .await)
    .unwrap();
    assert_eq!(to, head_email);
    assert!(
        body.contains("https://x.kz/spike/0"),
        "the mentions behind it are listed"
    );
    // The same spike is not alerted again.
    ashyq_server::workers::run(&app.db, &config, chrono::Utc::now())
        .await
        .unwrap();
    negative_at(&app, 3, 1, "more").await;
    ashyq_server::workers::run(&app.db, &config, chrono::Utc::now())
        .await
        .unwrap();
    assert_eq!(spikes().await, 2, "one alert per spike");
}

async fn one_story_reprinted_thirty_times_is_not_a_spike(engine: Engine) {
    let app = spawn_app(engine).await;
    let analyst = app.signed_in_client("analyst").await;
    add_outlet(&app, &analyst, "Vlast.kz", "online").await;
    let config = app::platform::config::Config::default();
    for d in 0..10 {
        negative_at(&app, 1, 24 * (3 * d + 2), &format!("quiet{d}")).await;
    }
    // Thirty outlets carry one negative story today: the press monitor
    // keeps them as one story (here set as it would).
    negative_at(&app, 30, 3, "reprint").await;
    app.exec("UPDATE mentions SET story_id = 4242 WHERE url LIKE '%/reprint/%'")
        .await;
    let report = ashyq_server::workers::run(&app.db, &config, chrono::Utc::now())
        .await
        .unwrap();
    assert_eq!(
        report.spike_alerts, 0,
        "one story, however often reprinted, is not a spike"
    );
    // Eight more different negative stories the same day are.
    negative_at(&app, 8, 2, "distinct").await;
    let report = ashyq_server::workers::run(&app.db, &config, chrono::Utc::now())
        .await
        .unwrap();
    assert_eq!(report.spike_alerts, 2, "the ministry and the topic");
    let body: String = app::on_read!(&app.db, |c| sqlx::query_scalar(
        "SELECT body_text FROM outbox WHERE kind = 'media_spike' ORDER BY id LIMIT 1"
    )
    .fetch_one(c)
    .await)
    .unwrap();
    assert!(body.starts_with("9 negative stories (38 mentions)"), "{body}");
}

async fn the_demo_year_reads_back_from_the_indicators_api_by_media_type(engine: Engine) {
    let app = spawn_app(engine).await;
    let n = app::demo::media::seed_media(&app.db, chrono_tz::Asia::Almaty, chrono::Utc::now())
        .await
        .unwrap();
    assert_eq!(n, Some(2362));
    let from = (today() - chrono::Duration::days(364)).to_string();
    let v: Value = app
        .get(&format!("/api/v1/indicators?from={from}&to={}", today()))
        .await
        .json()
        .await
        .unwrap();
    let m = &v["media"];
    assert_eq!(m["mentions"]["current"], 2362);
    assert_eq!(m["by_type"]["radio"], 642);
    assert_eq!(m["by_type"]["tv"], 444);
    assert_eq!(m["by_type"]["news_agency"], 332);
    let rest = m["by_type"]["print"].as_i64().unwrap()
        + m["by_type"]["online"].as_i64().unwrap()
        + m["by_type"]["social"].as_i64().unwrap();
    assert_eq!(rest, 2362 - 642 - 444 - 332);
    let tone = &m["tone"];
    assert_eq!(
        tone["positive"].as_i64().unwrap() + tone["neutral"].as_i64().unwrap() + tone["negative"].as_i64().unwrap(),
        2362
    );
    // The public page shows the aggregates.
    let page = app.get_text(&format!("/indicators?from={from}")).await;
    assert_eq!(radio_row(&page), Some("642"), "media types on the public page");
    assert!(
        !page.contains("/staff/media/mentions/"),
        "the public page shows aggregates only"
    );
    // Staff analytics show the media tone in full: the negative stories and their responses.
    let analyst = app.signed_in_client("analyst").await;
    let staff = analyst
        .get(app.url(&format!("/staff/analytics?from={from}")))
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert_eq!(radio_row(&staff), Some("642"));
    assert!(
        staff.contains("/staff/media/mentions/"),
        "each negative mention is listed"
    );
}

async fn the_digest_compares_a_day_with_the_day_before_and_the_weekday_average(engine: Engine) {
    let app = spawn_app(engine).await;
    let analyst = app.signed_in_client("analyst").await;
    add_outlet(&app, &analyst, "Qazaq Radiosy", "radio").await;
    let day = today() - chrono::Duration::days(1);
    // The day: 3 radio stories (one negative); the day before: 1; the same
    // weekday 1 and 2 weeks back: 2 each (average over 4 weeks: 1).
    let mut k = 0;
    for (days_back, n) in [(0, 3), (1, 1), (7, 2), (14, 2)] {
        for i in 0..n {
            k += 1;
            let d = (day - chrono::Duration::days(days_back)).to_string();
            let tone = if days_back == 0 && i == 0 {
                "negative"
            } else {
                "neutral"
            };
            let url = format!("https://radio.kz/{k}");
            let r = app
                .post_form_with(
                    &analyst,
                    "/api/staff/media_add",
                    &mention("Qazaq Radiosy", &url, tone, &d),
                )
                .await;
            assert!(r.status().is_success());
        }
    }
    let head = app.signed_in_client("media.head").await;
    let d = digest(&app, &head, day, 1).await;
    let d = &d[0];
    let radio = type_line(d, "radio");
    assert_eq!(radio["count"], 3);
    assert_eq!(radio["previous_day"], 1);
    assert_eq!(radio["weekday_average"], 1.0);
    assert_eq!(d["negative"].as_array().unwrap().len(), 1);
    // The week ending that day: 4 radio stories; the week before (also the
    // first of the four weeks before): 2; the four weeks average (2 + 2) / 4.
    let w = digest(&app, &head, day, 7).await;
    let week = type_line(&w[0], "radio");
    assert_eq!(
        (&week["count"], &week["previous_day"], &week["weekday_average"]),
        (&json!(4), &json!(2), &json!(1.0)),
        "{week}"
    );
    assert_eq!(w[0]["stories"]["count"], 4, "each mention typed by hand is a story");
    // Officers do not read the digest; the page prints without its forms.
    let officer = app.signed_in_client("youth.officer").await;
    let r = app
        .post_form_with(
            &officer,
            "/api/staff/media_digest",
            &[("day", day.to_string()), ("days", "1".into())],
        )
        .await;
    assert_eq!(r.status(), 403);
    let page = head
        .get(app.url(&format!("/staff/media/digest?day={day}")))
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert!(page.contains(r#"data-key="radio""#));
}

/// The digest of the `days` (1 or 7) ending on `day`, as the page's server function answers.
async fn digest(app: &TestApp, head: &reqwest::Client, day: chrono::NaiveDate, days: u8) -> Value {
    app.post_form_with(
        head,
        "/api/staff/media_digest",
        &[("day", day.to_string()), ("days", days.to_string())],
    )
    .await
    .json()
    .await
    .unwrap()
}

/// The digest's line of media type `key`.
fn type_line(digest: &Value, key: &str) -> Value {
    digest["by_type"]
        .as_array()
        .unwrap()
        .iter()
        .find(|l| l["key"] == key)
        .unwrap()
        .clone()
}

/// This period's radio mentions in the media chart's table.
fn radio_row(page: &str) -> Option<&str> {
    chart_cell(page, "ch-media", "radio")
}

/// The current period's cell of row `key` in chart `chart`'s table.
fn chart_cell<'a>(page: &'a str, chart: &str, key: &str) -> Option<&'a str> {
    let chart = &page[page.find(&format!(r#"id="{chart}""#))?..];
    let row = &chart[chart.find(&format!(r#"data-key="{key}""#))?..];
    let row = &row[..row.find("</tr>")?];
    let cell = &row[row.find(r#"<td class="num">"#)? + r#"<td class="num">"#.len()..];
    Some(&cell[..cell.find('<')?])
}
