//! Opinion indicators (PRODUCT.md: "Each indicator is computed for a period
//! and, beside it, for the previous period of the same length, with the
//! change"; problem areas need "at least 30 ratings in each period").

use crate::helpers::*;
use crate::on_both_engines;
use crate::ratings::make_publication;
use app::platform::db::Engine;
use app::publications::{Channel, Kind};
use serde_json::{json, Value};

on_both_engines!(
    the_indicators_follow_each_rating_and_equal_a_rebuild,
    a_meaningful_rise_in_negative_tone_on_a_topic_is_a_problem_area,
    bad_indicator_filters_are_named,
    official_channels_go_stale_after_their_threshold,
    staff_drill_down_from_departments_to_the_ratings_behind_a_problem_area,
    item_figures_follow_each_answer_and_equal_a_rebuild,
    a_publication_moved_to_another_department_channel_and_topics_takes_its_ratings_along,
);

async fn item_figures_follow_each_answer_and_equal_a_rebuild(engine: Engine) {
    let app = spawn_app(engine).await;
    let config = app::platform::config::Config::default();
    app::demo::seed_items(&app.db, &config, chrono::Utc::now())
        .await
        .unwrap();
    let tz = chrono_tz::Asia::Almaty;
    let today = chrono::Utc::now().with_timezone(&tz).date_naive();
    let q = format!("?from={}&to={today}", today - chrono::Duration::days(400));
    let before = indicators(&app, &q).await;
    let answered = app
        .count("SELECT COUNT(*) FROM items WHERE answered_at IS NOT NULL")
        .await;
    assert_eq!(
        before["answered_on_time"]["n_current"], answered,
        "every answer of the period counted"
    );
    // An officer answers one open item of their department now.
    let code: String = app::on_read!(&app.db, |c| sqlx::query_scalar(
        "SELECT i.tracking_code FROM items i JOIN departments d ON d.id = i.department_id \
         WHERE d.code = 'YOUTH' AND i.status IN ('new', 'assigned', 'in_progress') ORDER BY i.id LIMIT 1"
    )
    .fetch_one(c)
    .await)
    .unwrap();
    let officer = app.signed_in_client("youth.officer").await;
    let r = app
        .post_form_with(
            &officer,
            "/api/staff/item_reply",
            &[("code", code.as_str()), ("text", "Ответ")],
        )
        .await;
    assert!(r.status().is_success(), "{}", r.status());
    let live = indicators(&app, &q).await;
    assert_eq!(live["answered_on_time"]["n_current"], answered + 1);
    assert_eq!(
        live["questions"], before["questions"],
        "receipts do not move when answered"
    );
    // The running aggregates equal a rebuild from the items, row for row.
    let running = cube_rows(&app, "item_cube").await;
    assert!(!running.is_empty());
    app::items::item_cube::rebuild(&app.db, tz).await.unwrap();
    assert_eq!(running, cube_rows(&app, "item_cube").await);
    let rebuilt = indicators(&app, &q).await;
    for key in ["questions", "press_queries", "answered_on_time", "median_working_days"] {
        assert_eq!(live[key], rebuilt[key], "{key}");
    }
}

async fn indicators(app: &TestApp, query: &str) -> Value {
    let r = app.get(&format!("/api/v1/indicators{query}")).await;
    assert_eq!(r.status(), 200);
    r.json().await.unwrap()
}

async fn the_indicators_follow_each_rating_and_equal_a_rebuild(engine: Engine) {
    let app = spawn_app(engine).await;
    let id = make_publication(&app, "Indicators", Kind::News, Channel::Website).await;
    let clients: Vec<reqwest::Client> = (0..4).map(|_| http_client(true)).collect();
    // Read (and kept a moment, `indicators::public_cache`) before any rating:
    // each rating's commit must make the kept figures stale.
    assert_eq!(indicators(&app, "").await["ratings"]["current"], 0.0);
    // Final ratings: 3 neutral, 1 negative (with a comment), 5 positive, 3 neutral.
    for (who, stars, tone, comment) in [
        (0, 5, "positive", None),
        (1, 2, "negative", None),
        (0, 3, "neutral", None),
        (2, 5, "positive", None),
        (1, 1, "negative", Some("Too late")),
        (3, 3, "neutral", None),
    ] {
        let mut body = json!({"stars": stars, "tone": tone, "audience": "citizen"});
        if let Some(c) = comment {
            body["comment"] = json!(c);
        }
        let r = clients[who]
            .post(app.url(&format!("/api/v1/publications/{id}/ratings")))
            .json(&body)
            .send()
            .await
            .unwrap();
        assert!(r.status().is_success());
    }
    let live = indicators(&app, "").await;
    assert_eq!(live["ratings"]["current"], 4.0, "a changed rating is not counted twice");
    assert_eq!(live["ratings"]["previous"], 0.0);
    assert_eq!(live["satisfaction"]["current"], 3.0);
    assert_eq!(
        live["satisfaction"]["previous"],
        Value::Null,
        "an empty previous period"
    );
    assert_eq!(live["satisfaction"]["change"], Value::Null);
    assert_eq!(live["net_tone"]["current"], 0.0);
    assert_eq!(live["comments"]["current"], 1.0);
    assert_eq!(live["distribution"], json!([1, 0, 2, 0, 1]));
    // Filters: another channel has none of them; the publication's topic has all.
    assert_eq!(indicators(&app, "?channel=tv").await["ratings"]["current"], 0.0);
    assert_eq!(indicators(&app, "?topic=media").await["ratings"]["current"], 4.0);
    assert_eq!(indicators(&app, "?department=INFO").await["ratings"]["current"], 0.0);
    assert_eq!(
        indicators(&app, "?audience=journalist").await["ratings"]["current"],
        0.0
    );
    assert_eq!(
        indicators(&app, "?audience=citizen&channel=website&topic=media").await["ratings"]["current"],
        4.0
    );
    // The public page shows the same figure.
    let page = app.get_text("/indicators").await;
    assert!(
        page.contains(r#"data-indicator="ratings""#),
        "the figures table renders"
    );
    assert!(
        page.contains("<svg") && page.contains("chart-data"),
        "charts come with their data tables"
    );
    // Every table is also a CSV download.
    let csv = app.get_text("/indicators/figures.csv?channel=website").await;
    let mut reader = csv::Reader::from_reader(csv.as_bytes());
    let rows: Vec<csv::StringRecord> = reader.records().map(|r| r.unwrap()).collect();
    let ratings = rows.iter().find(|r| &r[0] == "ratings").expect("a ratings row");
    assert_eq!(&ratings[1], "4.0000");
    for table in ["weeks", "tone", "distribution", "areas", "channels"] {
        let r = app.get(&format!("/indicators/{table}.csv")).await;
        assert_eq!(r.status(), 200, "{table}");
        assert!(r.headers()["content-type"].to_str().unwrap().starts_with("text/csv"));
    }
    assert_eq!(app.get("/indicators/secrets.csv").await.status(), 404);
    // The running aggregates equal a rebuild from the ratings, row for row.
    let running = cube_rows(&app, "rating_cube").await;
    assert!(!running.is_empty());
    app::publications::ratings::recompute_aggregates(&app.db, chrono_tz::Asia::Almaty)
        .await
        .unwrap();
    assert_eq!(running, cube_rows(&app, "rating_cube").await);
    let rebuilt = indicators(&app, "").await;
    for key in ["ratings", "satisfaction", "net_tone", "comments", "distribution"] {
        assert_eq!(live[key], rebuilt[key], "{key}");
    }
}

/// Every row of an aggregate table that counts anything, as text, in key order.
async fn cube_rows(app: &TestApp, table: &str) -> Vec<String> {
    let sql = match table {
        "rating_cube" => "SELECT CONCAT_WS('|', span, day, audience, channel, topic_code, CAST(department_id AS TEXT), \
            CAST(count AS TEXT), CAST(stars_sum AS TEXT), CAST(stars_1 AS TEXT), CAST(stars_5 AS TEXT), \
            CAST(positive AS TEXT), CAST(negative AS TEXT), CAST(comments AS TEXT)) FROM rating_cube \
            WHERE count <> 0 ORDER BY span, day, audience, channel, topic_code, department_id",
        _ => "SELECT CONCAT_WS('|', span, day, CAST(department_id AS TEXT), topic_code, kind, CAST(working_days AS TEXT), \
            CAST(received AS TEXT), CAST(answered AS TEXT), CAST(on_time AS TEXT)) FROM item_cube \
            WHERE received <> 0 OR answered <> 0 OR on_time <> 0 ORDER BY span, day, department_id, topic_code, kind, working_days",
    };
    app::on_read!(&app.db, |c| sqlx::query_scalar(sql).fetch_all(c).await).unwrap()
}

/// 100 ratings 31–40 days ago (10 negative) and 100 in the last 10 days (40
/// negative) on one MEDIA publication with the topic `media`; returns (from, to).
async fn rising_negative_tone(app: &TestApp) -> (String, String) {
    let id = make_publication(app, "Topic", Kind::News, Channel::Website).await;
    let tz = chrono_tz::Asia::Almaty;
    let today = chrono::Utc::now().with_timezone(&tz).date_naive();
    let at = |days_ago: i64| {
        use chrono::TimeZone;
        tz.from_local_datetime(
            &(today - chrono::Duration::days(days_ago))
                .and_hms_opt(12, 0, 0)
                .unwrap(),
        )
        .unwrap()
        .with_timezone(&chrono::Utc)
    };
    // Before (days 31–40 ago): 100 ratings, 10 negative. Now (days 1–10 ago): 100, 40 negative.
    let mut rows = Vec::new();
    for i in 0..200 {
        let now = i >= 100;
        let negative = if now { i - 100 < 40 } else { i < 10 };
        rows.push(app::publications::ratings::BulkRating {
            publication_id: id,
            visitor_hash: format!("v{i}"),
            stars: if negative { 1 } else { 4 },
            tone: if negative { "negative" } else { "positive" },
            audience: "citizen",
            comment: None,
            comment_status: None,
            at: at(if now { 1 + i % 10 } else { 31 + i % 10 }),
        });
    }
    app::publications::ratings::bulk_insert(&app.db, &rows).await.unwrap();
    app::publications::ratings::recompute_aggregates(&app.db, tz)
        .await
        .unwrap();
    ((today - chrono::Duration::days(29)).to_string(), today.to_string())
}

/// PRODUCT.md: indicators are "filterable by department, topic, channel,
/// audience"; when staff correct a publication's department, channel or
/// topics, its ratings count under the corrected ones from then on.
async fn a_publication_moved_to_another_department_channel_and_topics_takes_its_ratings_along(engine: Engine) {
    let app = spawn_app(engine).await;
    let (from, to) = rising_negative_tone(&app).await;
    let id = app.count("SELECT MAX(id) FROM publications").await;
    let info = app.count("SELECT id FROM departments WHERE code = 'INFO'").await;
    let journalist = http_client(true);
    let r = journalist
        .post(app.url(&format!("/api/v1/publications/{id}/ratings")))
        .json(&json!({"stars": 2, "tone": "negative", "audience": "journalist", "comment": "Late"}))
        .send()
        .await
        .unwrap();
    assert!(r.status().is_success());
    let count = |v: &Value| v["ratings"]["n_current"].as_i64().unwrap();
    let period = format!("?from={from}&to={to}");
    assert_eq!(
        count(&indicators(&app, &format!("{period}&department=MEDIA")).await),
        101
    );

    let admin = app.signed_in_client("admin").await;
    let mut form = crate::staff_publications::form(&info.to_string(), "Topic");
    for (key, value) in form.iter_mut() {
        match *key {
            "id" => *value = id.to_string(),
            "input[channel]" => *value = "tv".into(),
            _ => {}
        }
    }
    form.push(("input[topics][1]", "digital".into()));
    let r = app.post_form_with(&admin, "/api/staff/save_publication", &form).await;
    assert_eq!(r.status(), 200, "{}", r.text().await.unwrap());

    for (filter, n) in [
        ("&department=MEDIA", 0),
        ("&department=INFO", 101),
        ("&channel=website", 0),
        ("&channel=tv", 101),
        ("&topic=media", 0),
        ("&topic=youth", 101),
        ("&topic=digital&channel=tv&audience=journalist", 1),
        ("", 101),
    ] {
        assert_eq!(
            count(&indicators(&app, &format!("{period}{filter}")).await),
            n,
            "{filter}"
        );
    }
    let v = indicators(&app, &period).await;
    let judged: Vec<(String, bool)> = v["problem_areas"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|a| a["kind"] == "topic")
        .map(|a| (a["key"].as_str().unwrap().to_string(), a["problem"].as_bool().unwrap()))
        .collect();
    assert!(judged.contains(&("youth".into(), true)), "{judged:?}");
    assert!(!judged.contains(&("media".into(), true)), "{judged:?}");
    // The moved rows equal a rebuild from the ratings, row for row.
    let running = cube_rows(&app, "rating_cube").await;
    app::publications::ratings::recompute_aggregates(&app.db, chrono_tz::Asia::Almaty)
        .await
        .unwrap();
    assert_eq!(running, cube_rows(&app, "rating_cube").await);
}

async fn a_meaningful_rise_in_negative_tone_on_a_topic_is_a_problem_area(engine: Engine) {
    let app = spawn_app(engine).await;
    let (from, to) = rising_negative_tone(&app).await;
    let v = indicators(&app, &format!("?from={from}&to={to}")).await;
    assert_eq!(v["ratings"]["n_current"], 100);
    assert_eq!(v["ratings"]["n_previous"], 100);
    let area = v["problem_areas"]
        .as_array()
        .unwrap()
        .iter()
        .find(|a| a["kind"] == "topic" && a["key"] == "media")
        .expect("the topic is judged")
        .clone();
    assert_eq!(area["problem"], true, "{area}");
    assert!((area["change"].as_f64().unwrap() - 30.0).abs() < 1e-9);
    assert_eq!(v["problem_areas"][0]["problem"], true, "problems come first");
    // Net tone fell from 80 to 20 points.
    assert_eq!(v["net_tone"]["current"], 20.0);
    assert_eq!(v["net_tone"]["previous"], 80.0);
    assert_eq!(v["net_tone"]["change"], -60.0);
}

async fn bad_indicator_filters_are_named(engine: Engine) {
    let app = spawn_app(engine).await;
    let r = app.get("/api/v1/indicators?from=yesterday&department=NOPE").await;
    assert_eq!(r.status(), 422);
    let b: Value = r.json().await.unwrap();
    assert!(
        b["error"]["fields"]["from"].is_string() || b["error"]["fields"]["department"].is_string(),
        "{b}"
    );
    let r = app.get("/api/v1/indicators?from=2026-11-10&to=2026-11-01").await;
    assert_eq!(r.status(), 422);
    // The pages send the form back with the error beside the field and the
    // other filters kept, instead of a bare refusal.
    for (client, page) in [
        (http_client(true), "/indicators"),
        (app.signed_in_client("analyst").await, "/staff/analytics"),
    ] {
        let r = client
            .get(app.url(&format!("{page}?from=2026-11-10&to=2026-11-01&channel=tv")))
            .send()
            .await
            .unwrap();
        assert_eq!(r.status(), 422, "{page}");
        let html = r.text().await.unwrap();
        let from = html
            .split("id=\"ind-from\"")
            .nth(1)
            .expect("the date field")
            .split('>')
            .next()
            .unwrap();
        assert!(
            from.contains("aria-invalid=\"true\"") && from.contains("2026-11-10"),
            "{page}: {from}"
        );
        assert!(
            html.contains("id=\"ind-from-err\""),
            "{page}: the message beside the field"
        );
        assert!(html.contains("value=\"tv\" selected"), "{page}: the channel is kept");
    }
    let doc: Value = app.get("/api/v1/openapi.json").await.json().await.unwrap();
    assert!(doc["paths"]["/api/v1/indicators"]["get"].is_object());
}

async fn official_channels_go_stale_after_their_threshold(engine: Engine) {
    let app = spawn_app(engine).await;
    make_publication(&app, "On the site", Kind::News, Channel::Website).await;
    let admin = app.signed_in_client("admin").await;
    for (name, kind, url, days) in [
        ("Website", "website", "https://ministry.example.kz/", "7"),
        ("Telegram", "social", "https://t.me/ministry_example", "7"),
    ] {
        let r = app
            .post_form_with(
                &admin,
                "/api/admin/channels_add",
                &[
                    ("input[name]", name),
                    ("input[kind]", kind),
                    ("input[url]", url),
                    ("input[stale_after_days]", days),
                ],
            )
            .await;
        assert_eq!(r.status(), 200);
    }
    let bad = app
        .post_form_with(
            &admin,
            "/api/admin/channels_add",
            &[
                ("input[name]", ""),
                ("input[kind]", "fax"),
                ("input[url]", "t.me"),
                ("input[stale_after_days]", "0"),
            ],
        )
        .await;
    assert_eq!(bad.status(), 422);
    let b: Value = bad.json().await.unwrap();
    assert_eq!(b["fields"].as_array().unwrap().len(), 4, "every field named: {b}");
    let officer = app.signed_in_client("media.officer").await;
    let refused = app
        .post_form_with(&officer, "/api/admin/channels_add", &[("input[name]", "Mine")])
        .await;
    assert_eq!(refused.status(), 403);
    let v = indicators(&app, "").await;
    let official = v["official"].as_array().unwrap();
    let by = |n: &str| official.iter().find(|c| c["name"] == n).unwrap().clone();
    assert_eq!(by("Website")["stale"], false, "posted yesterday");
    assert_eq!(by("Website")["days_since_last_post"], 1);
    assert_eq!(by("Telegram")["stale"], true, "never posted");
    let page = app.get_text("/indicators").await;
    assert!(page.contains("stale-channels") && page.contains("Telegram"));
}

async fn staff_drill_down_from_departments_to_the_ratings_behind_a_problem_area(engine: Engine) {
    let app = spawn_app(engine).await;
    let (from, to) = rising_negative_tone(&app).await;
    let analyst = app.signed_in_client("analyst").await;
    let call = |form: Vec<(&'static str, String)>| {
        let (app, analyst) = (&app, analyst.clone());
        async move {
            let r = app.post_form_with(&analyst, "/api/staff/analytics", &form).await;
            let status = r.status().as_u16();
            (status, r.json::<Value>().await.unwrap_or(Value::Null))
        }
    };
    let base = vec![
        ("q[from]", from.clone()),
        ("q[to]", to.clone()),
        ("negative", "false".into()),
        ("page", "1".into()),
    ];
    let (s, v) = call(base.clone()).await;
    assert_eq!(s, 200, "{v}");
    let media = v[1]
        .as_array()
        .unwrap()
        .iter()
        .find(|a| a["key"] == "MEDIA")
        .expect("departments listed")
        .clone();
    assert_eq!(media["ratings"]["n_current"], 100);
    assert_eq!(media["ratings"]["n_previous"], 100);
    // Into the department: its topics.
    let mut dept = base.clone();
    dept.push(("q[department]", "MEDIA".into()));
    let (_, v) = call(dept).await;
    assert_eq!(v[1][0]["key"], "media", "the department's topics");
    assert_eq!(v[2][0]["ratings"], 100, "its most rated publication");
    // Behind the problem area: only its negative ratings of the period.
    let mut behind = vec![
        ("q[from]", from),
        ("q[to]", to),
        ("q[topic]", "media".into()),
        ("negative", "true".into()),
        ("page", "1".into()),
    ];
    let (_, v) = call(behind.clone()).await;
    let ratings = v[3].as_array().unwrap();
    assert_eq!(ratings.len(), 40);
    assert!(ratings.iter().all(|r| r["tone"] == "negative"));
    behind[3].1 = "false".into();
    assert_eq!(call(behind).await.1[3].as_array().unwrap().len(), 50, "a page of 50");
    let officer = app.signed_in_client("media.officer").await;
    let r = app
        .post_form_with(
            &officer,
            "/api/staff/analytics",
            &[("q[from]", ""), ("negative", "false"), ("page", "1")],
        )
        .await;
    assert_eq!(r.status(), 403, "analytics are for analysts and admins");
}
