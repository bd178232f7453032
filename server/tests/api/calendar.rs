//! Admins keep the calendar of non-working days; deadlines follow it.

use crate::helpers::*;
use crate::on_both_engines;
use app::platform::db::Engine;
use chrono::NaiveDate;

on_both_engines!(an_admin_adds_removes_and_imports_days_and_an_officer_cannot);

const ICS: &str = "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nBEGIN:VEVENT\r\nDTSTART;VALUE=DATE:20280321\r\nDTEND;VALUE=DATE:20280324\r\nSUMMARY:Nauryz\r\nEND:VEVENT\r\nBEGIN:VEVENT\r\nDTSTART;VALUE=DATE:20280101\r\nDTEND;VALUE=DATE:20280103\r\nSUMMARY:New Year\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n";

async fn an_admin_adds_removes_and_imports_days_and_an_officer_cannot(engine: Engine) {
    let app = spawn_app(engine).await;
    let d = |s: &str| NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap();
    app.login_demo("admin").await;
    // A government transfer: Saturday 3 Jan 2026 becomes a working day.
    let r = app
        .post_form(
            "/api/admin/calendar_put",
            &[("day", "2026-01-03"), ("kind", "working_day"), ("name", "Transfer")],
        )
        .await;
    assert!(r.status().is_success(), "{}", r.status());
    assert!(app::items::workdays::load(&app.db)
        .await
        .unwrap()
        .is_working(d("2026-01-03")));
    // A working day on a weekday is refused beside the date.
    let (s, b) = error_code(
        app.post_form(
            "/api/admin/calendar_put",
            &[("day", "2026-01-05"), ("kind", "working_day"), ("name", "")],
        )
        .await,
    )
    .await;
    assert_eq!((s, b["fields"][0]["code"].as_str()), (422, Some("working_day_weekend")));
    let r = app
        .post_form("/api/admin/calendar_remove", &[("day", "2026-01-03")])
        .await;
    assert!(r.status().is_success());
    assert!(!app::items::workdays::load(&app.db)
        .await
        .unwrap()
        .is_working(d("2026-01-03")));

    let form = reqwest::multipart::Form::new().text("year", "2028").part(
        "file",
        reqwest::multipart::Part::bytes(ICS.as_bytes().to_vec())
            .file_name("kz-2028.ics")
            .mime_str("text/calendar")
            .unwrap(),
    );
    let r = app
        .client
        .post(app.url("/admin/calendar/import"))
        .header("origin", &app.base)
        .multipart(form)
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 303);
    assert_eq!(
        r.headers()["location"],
        "/admin/calendar?year=2028&imported=5&skipped=0"
    );
    let cal = app::items::workdays::load(&app.db).await.unwrap();
    assert!(!cal.is_working(d("2028-03-22")) && !cal.is_working(d("2028-01-02")) && cal.is_working(d("2028-03-24")));
    let page = app.get_text("/admin/calendar?year=2028&imported=5&skipped=0").await;
    assert!(page.contains("Nauryz") && page.contains("2028-03-23"));

    let officer = app.signed_in_client("media.officer").await;
    let r = app
        .post_form_with(
            &officer,
            "/api/admin/calendar_put",
            &[("day", "2026-02-02"), ("kind", "holiday"), ("name", "Mine")],
        )
        .await;
    assert_eq!(r.status(), 403);
    let form = reqwest::multipart::Form::new().text("year", "2028").part(
        "file",
        reqwest::multipart::Part::bytes(ICS.as_bytes().to_vec()).file_name("x.ics"),
    );
    let r = officer
        .post(app.url("/admin/calendar/import"))
        .header("origin", &app.base)
        .multipart(form)
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 403);
    assert_eq!(
        app.count("SELECT COUNT(*) FROM calendar_days WHERE day >= '2026-02-02' AND day <= '2026-02-02'")
            .await,
        0
    );
}
