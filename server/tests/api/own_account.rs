//! A staff member's own account: the password an admin set is replaced at
//! the first sign-in, a self-service change (current password, then the new
//! one twice) ends the other sessions, and the live sessions are listed and
//! ended one or all.

use crate::helpers::*;
use crate::on_both_engines;
use app::platform::db::Engine;

on_both_engines!(
    an_admin_set_password_is_replaced_at_the_first_sign_in,
    a_password_change_needs_the_current_one_and_ends_the_other_sessions,
    staff_see_their_sessions_and_end_them,
    an_admin_signs_a_colleague_out_everywhere,
);

async fn post(app: &TestApp, client: &reqwest::Client, path: &str, form: &[(&str, &str)]) -> Answer {
    Answer::of(app.post_form_with(client, path, form).await).await
}

fn field_codes(a: &Answer) -> Vec<(String, String)> {
    a.body["fields"]
        .as_array()
        .map(|f| {
            f.iter()
                .map(|e| (e["field"].as_str().unwrap().into(), e["code"].as_str().unwrap().into()))
                .collect()
        })
        .unwrap_or_default()
}

fn signed_in_page(page: &str) -> bool {
    !asks_to_sign_in(page)
}

async fn an_admin_set_password_is_replaced_at_the_first_sign_in(engine: Engine) {
    let app = spawn_app(engine).await;
    app.login_demo("admin").await;
    let youth = app
        .count("SELECT id FROM departments WHERE code = 'YOUTH'")
        .await
        .to_string();
    let common = [
        ("id", ""),
        ("input[username]", "new.officer"),
        ("input[display_name]", "Жаңа Қызметкер"),
        ("input[email]", "new.officer@ministry.example.kz"),
        ("input[role]", "officer"),
        ("input[department_id]", youth.as_str()),
    ];
    let with_password = |p: &'static str| {
        let mut f = common.to_vec();
        f.push(("input[password]", p));
        f
    };
    // The policy holds for an admin too: a common password, the username.
    for (p, code) in [("password123456", "common_password"), ("new.officer-2026", "like_name")] {
        let a = post(&app, &app.client, "/api/admin/save_user", &with_password(p)).await;
        assert_eq!(field_codes(&a), [("password".to_string(), code.to_string())], "{p}");
    }
    let a = post(
        &app,
        &app.client,
        "/api/admin/save_user",
        &with_password("set-by-the-admin-1"),
    )
    .await;
    assert_eq!(a.status, 200, "{}", a.body);

    let newcomer = http_client(true);
    let a = app.sign_in_with(&newcomer, "new.officer", "set-by-the-admin-1").await;
    assert_eq!(a.body, "new_password", "after setting up the second factor");
    assert_eq!(a.headers["location"], "/login/new-password");
    assert!(
        !signed_in_page(&staff_page(&app, &newcomer).await),
        "nothing before the new password"
    );
    let a = post(
        &app,
        &newcomer,
        "/api/login/new_password",
        &[("password", "my own pass phrase"), ("repeat", "my own pass phrase!")],
    )
    .await;
    assert_eq!(field_codes(&a), [("repeat".to_string(), "not_same".to_string())]);
    let a = post(
        &app,
        &newcomer,
        "/api/login/new_password",
        &[("password", "my own pass phrase"), ("repeat", "my own pass phrase")],
    )
    .await;
    assert_eq!(a.body, "done", "{}", a.status);
    assert!(signed_in_page(&staff_page(&app, &newcomer).await));
    let a = app
        .sign_in_with(&http_client(true), "new.officer", "set-by-the-admin-1")
        .await;
    assert_eq!(a.status, 401, "the admin's password no longer works");
    let a = app
        .sign_in_with(&http_client(true), "new.officer", "my own pass phrase")
        .await;
    assert_eq!(a.body, "done", "and no second change is asked");
}

async fn a_password_change_needs_the_current_one_and_ends_the_other_sessions(engine: Engine) {
    let app = spawn_app(engine).await;
    let (laptop, phone) = (
        app.signed_in_client("media.head").await,
        app.signed_in_client("media.head").await,
    );
    let change = |current: &'static str, new: &'static str| [("current", current), ("password", new), ("repeat", new)];
    let a = post(
        &app,
        &laptop,
        "/api/account/password",
        &change("not-my-password", "a quiet river at dawn"),
    )
    .await;
    assert_eq!(field_codes(&a), [("current".to_string(), "wrong_password".to_string())]);
    let a = post(
        &app,
        &laptop,
        "/api/account/password",
        &change(app::demo::DEMO_PASSWORD, "qwertyuiop123"),
    )
    .await;
    assert_eq!(
        field_codes(&a),
        [("password".to_string(), "common_password".to_string())]
    );
    assert!(
        signed_in_page(&staff_page(&app, &phone).await),
        "a refused change ends nothing"
    );
    let long = "x".repeat(129);
    let long_form = [
        ("current", app::demo::DEMO_PASSWORD),
        ("password", long.as_str()),
        ("repeat", long.as_str()),
    ];
    let a = post(&app, &laptop, "/api/account/password", &long_form).await;
    assert_eq!(field_codes(&a), [("password".to_string(), "too_long_128".to_string())]);

    let a = post(
        &app,
        &laptop,
        "/api/account/password",
        &change(app::demo::DEMO_PASSWORD, "a quiet river at dawn"),
    )
    .await;
    assert_eq!(a.status, 200, "{}", a.body);
    assert_eq!(a.headers["location"], "/staff/account?changed=1");
    assert!(
        signed_in_page(&staff_page(&app, &laptop).await),
        "the session it came from stays"
    );
    assert!(
        !signed_in_page(&staff_page(&app, &phone).await),
        "every other session ends"
    );
    let a = app
        .sign_in_with(&http_client(true), "media.head", app::demo::DEMO_PASSWORD)
        .await;
    assert_eq!(a.status, 401);
    let a = app
        .sign_in_with(&http_client(true), "media.head", "a quiet river at dawn")
        .await;
    assert_eq!(a.body, "done");
    assert_eq!(
        app.count("SELECT COUNT(*) FROM audit_log WHERE event = 'password_changed' AND detail = 'own'")
            .await,
        1
    );
}

async fn staff_see_their_sessions_and_end_them(engine: Engine) {
    let app = spawn_app(engine).await;
    let mine = app.signed_in_client("analyst").await;
    let other = app.signed_in_client("analyst").await;
    let third = app.signed_in_client("analyst").await;
    let someone_else = app.signed_in_client("admin").await;
    let list = post(&app, &mine, "/api/account/sessions", &[]).await;
    let sessions = list.body.as_array().unwrap().clone();
    assert_eq!(sessions.len(), 3, "{}", list.body);
    assert_eq!(sessions.iter().filter(|s| s["this_one"] == true).count(), 1);
    assert!(sessions
        .iter()
        .all(|s| s["browser"].is_string() && s["started_at"].is_string()));
    // Another account's session cannot be ended from here.
    let admins = post(&app, &someone_else, "/api/account/sessions", &[]).await;
    let admin_id = admins.body[0]["id"].as_str().unwrap().to_string();
    let a = post(&app, &mine, "/api/account/end_session", &[("id", &admin_id)]).await;
    assert_eq!(a.status, 404);
    assert!(signed_in_page(&staff_page(&app, &someone_else).await));
    // End one.
    let other_id = post(&app, &other, "/api/account/sessions", &[])
        .await
        .body
        .as_array()
        .unwrap()
        .iter()
        .find(|s| s["this_one"] == true)
        .unwrap()["id"]
        .as_str()
        .unwrap()
        .to_string();
    let a = post(&app, &mine, "/api/account/end_session", &[("id", &other_id)]).await;
    assert_eq!(a.status, 200);
    assert!(!signed_in_page(&staff_page(&app, &other).await));
    assert!(signed_in_page(&staff_page(&app, &third).await));
    // End all others.
    let a = post(&app, &mine, "/api/account/end_other_sessions", &[]).await;
    assert_eq!(a.status, 200);
    assert!(!signed_in_page(&staff_page(&app, &third).await));
    assert!(signed_in_page(&staff_page(&app, &mine).await), "this one stays");
    assert_eq!(
        post(&app, &mine, "/api/account/sessions", &[])
            .await
            .body
            .as_array()
            .unwrap()
            .len(),
        1
    );
    assert_eq!(
        app.count("SELECT COUNT(*) FROM audit_log WHERE event = 'session_ended'")
            .await,
        2
    );
}

async fn an_admin_signs_a_colleague_out_everywhere(engine: Engine) {
    let app = spawn_app(engine).await;
    let (one, two) = (
        app.signed_in_client("youth.officer").await,
        app.signed_in_client("youth.officer").await,
    );
    let bystander = app.signed_in_client("analyst").await;
    let id = app
        .count("SELECT id FROM users WHERE username = 'youth.officer'")
        .await
        .to_string();
    let r = app
        .post_form_with(&one, "/api/admin/end_sessions", &[("id", id.as_str())])
        .await;
    assert_eq!(r.status(), 403, "only an admin may");
    app.login_demo("admin").await;
    let r = app.post_form("/api/admin/end_sessions", &[("id", id.as_str())]).await;
    assert_eq!(r.status(), 200);
    for c in [&one, &two] {
        assert!(!signed_in_page(&staff_page(&app, c).await));
    }
    assert!(signed_in_page(&staff_page(&app, &bystander).await), "nobody else");
    assert_eq!(
        app.count("SELECT COUNT(*) FROM audit_log WHERE event = 'session_ended' AND detail = 'by admin'")
            .await,
        1
    );
}
