//! The admin's audit log: filtered by account, event and period, paged,
//! exported as CSV with no cell a spreadsheet would run, and for admins only.

use crate::helpers::*;
use crate::on_both_engines;
use app::platform::db::Engine;

on_both_engines!(the_audit_log_is_filtered_paged_and_exported_for_admins_only);

async fn the_audit_log_is_filtered_paged_and_exported_for_admins_only(engine: Engine) {
    let app = spawn_app(engine).await;
    let guesser = http_client(true);
    for _ in 0..3 {
        app.post_form_with(
            &guesser,
            "/api/login",
            &[("username", "media.officer"), ("password", "=HYPERLINK(\"x\")")],
        )
        .await;
    }
    app.login_demo("admin").await;
    let filter = |account: &'static str, event: &'static str| {
        [
            ("filter[account]", account),
            ("filter[event]", event),
            ("filter[from]", ""),
            ("filter[to]", ""),
            ("filter[page]", "1"),
        ]
    };
    let a = Answer::of(
        app.post_form("/api/admin/audit", &filter("media.officer", "login_failed"))
            .await,
    )
    .await;
    assert_eq!(a.status, 200, "{}", a.body);
    assert_eq!(a.body["total"], 3);
    let first = &a.body["entries"][0];
    assert_eq!(first["subject"], "media.officer");
    assert_eq!(first["client"], "127.0.0.1");
    assert!(
        !a.body.to_string().contains("HYPERLINK"),
        "a typed password is never logged"
    );
    let a = Answer::of(app.post_form("/api/admin/audit", &filter("", "no_such_event")).await).await;
    assert_eq!((a.status, a.body["fields"][0]["field"].as_str()), (422, Some("event")));
    // Fifty a page, the newest first.
    let a = Answer::of(app.post_form("/api/admin/audit", &filter("", "")).await).await;
    assert!(a.body["entries"].as_array().unwrap().len() <= 50);
    assert_eq!(a.body["entries"][0]["event"], "login_succeeded");

    let csv = app
        .get("/admin/audit.csv?account=media.officer&event=login_failed")
        .await;
    assert_eq!(csv.status(), 200);
    assert!(csv.headers()["content-type"].to_str().unwrap().starts_with("text/csv"));
    assert_eq!(csv.headers()["cache-control"], "no-store");
    let text = csv.text().await.unwrap();
    let mut lines = text.lines();
    assert_eq!(
        lines.next(),
        Some("at_utc,event,actor,subject,detail,client,user_agent")
    );
    assert_eq!(lines.count(), 3);

    let analyst = app.signed_in_client("analyst").await;
    let r = app.post_form_with(&analyst, "/api/admin/audit", &filter("", "")).await;
    assert_eq!(r.status(), 403);
    let r = analyst.get(app.url("/admin/audit.csv")).send().await.unwrap();
    assert_eq!(r.status(), 403);
    assert_eq!(
        app.count("SELECT COUNT(*) FROM audit_log WHERE event = 'access_refused' AND detail = 'ManageUsers'")
            .await,
        2,
        "each refusal is an event too"
    );
}
