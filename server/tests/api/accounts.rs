//! Staff sign-in, lockout, sessions and the security audit log.

use crate::helpers::*;
use crate::on_both_engines;
use app::platform::db::Engine;

on_both_engines!(
    a_wrong_password_is_refused_and_changes_nothing_but_the_audit_log,
    five_wrong_passwords_lock_the_account_even_against_the_right_one,
    signing_in_issues_a_new_session_id_and_signing_out_ends_it,
    an_unknown_user_gets_the_same_answer_as_a_wrong_password,
    a_deactivated_account_loses_its_session_at_once,
    sign_in_attempts_are_throttled_per_address,
);

async fn a_wrong_password_is_refused_and_changes_nothing_but_the_audit_log(engine: Engine) {
    let app = spawn_app(engine).await;
    let r = app.login("admin", "not-the-password").await;
    let (status, body) = error_code(r).await;
    assert_eq!(status, 401);
    assert_eq!(body["code"], "bad_credentials");
    assert_eq!(
        app.count("SELECT COUNT(*) FROM audit_log WHERE event = 'login_failed'")
            .await,
        1
    );
    assert_eq!(
        app.count("SELECT COUNT(*) FROM audit_log WHERE event = 'login_succeeded'")
            .await,
        0
    );
    let page = app.get_text("/staff").await;
    assert!(
        page.contains("Sign-in needed") || page.contains("Кіру қажет") || page.contains("Нужен вход"),
        "staff page must refuse: {page}"
    );
}

async fn five_wrong_passwords_lock_the_account_even_against_the_right_one(engine: Engine) {
    let app = spawn_app(engine).await;
    for i in 1..=4 {
        let (s, b) = error_code(app.login("media.officer", "wrong-password-123").await).await;
        assert_eq!((s, b["code"].as_str()), (401, Some("bad_credentials")), "attempt {i}");
    }
    let (s, b) = error_code(app.login("media.officer", "wrong-password-123").await).await;
    assert_eq!(
        (s, b["code"].as_str()),
        (423, Some("account_locked")),
        "the fifth failure locks"
    );
    let (s, b) = error_code(app.login("media.officer", app::demo::DEMO_PASSWORD).await).await;
    assert_eq!(
        (s, b["code"].as_str()),
        (423, Some("account_locked")),
        "locked even with the right password"
    );
    assert_eq!(
        app.count("SELECT COUNT(*) FROM audit_log WHERE event = 'account_locked'")
            .await,
        1
    );
    // Another account is not affected.
    app.login_demo("media.head").await;
}

async fn signing_in_issues_a_new_session_id_and_signing_out_ends_it(engine: Engine) {
    let app = spawn_app(engine).await;
    // A session that exists before sign-in (fixation attempt) must not survive it.
    let r = app.login("admin", app::demo::DEMO_PASSWORD).await;
    assert!(r.status().is_success(), "{}", r.status());
    let set_cookie: Vec<String> = r
        .headers()
        .get_all("set-cookie")
        .iter()
        .map(|v| v.to_str().unwrap().to_string())
        .collect();
    let cookie = set_cookie
        .iter()
        .find(|c| c.starts_with("ashyq_session="))
        .expect("session cookie set at sign-in");
    assert!(cookie.contains("HttpOnly"), "{cookie}");
    assert!(cookie.contains("SameSite=Lax"), "{cookie}");
    assert!(!cookie.contains("Secure"), "plain http in tests: {cookie}");
    let page = app.get_text("/staff").await;
    assert!(page.contains("Әлия Нұрмағанбетова"), "the staff page names the admin");

    let fixed = http_client(false);
    let stolen = cookie.split(';').next().unwrap().to_string();
    let r = app.post_form("/api/logout", &[]).await;
    assert!(r.status().is_success(), "{}", r.status());
    let page = app.get_text("/staff").await;
    assert!(!page.contains("Әлия Нұрмағанбетова"), "signed out");
    // The old session id no longer works after sign-out.
    let page = fixed
        .get(app.url("/staff"))
        .header("cookie", stolen)
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert!(
        !page.contains("Әлия Нұрмағанбетова"),
        "a copied cookie dies with sign-out"
    );
    assert_eq!(
        app.count("SELECT COUNT(*) FROM audit_log WHERE event = 'logout'").await,
        1
    );
}

async fn an_unknown_user_gets_the_same_answer_as_a_wrong_password(engine: Engine) {
    let app = spawn_app(engine).await;
    let (s1, b1) = error_code(app.login("nobody-here", "whatever-password").await).await;
    let (s2, b2) = error_code(app.login("admin", "whatever-password").await).await;
    assert_eq!((s1, &b1), (s2, &b2));
}

async fn a_deactivated_account_loses_its_session_at_once(engine: Engine) {
    let app = spawn_app(engine).await;
    app.login_demo("info.officer").await;
    assert!(app.get_text("/staff").await.contains("Бауыржан Төлеуов"));
    let id = app.count("SELECT id FROM users WHERE username = 'info.officer'").await;
    app::accounts::set_active(&app.db, 1, id, false, chrono::Utc::now())
        .await
        .unwrap();
    assert!(!app.get_text("/staff").await.contains("Бауыржан Төлеуов"));
    let (s, b) = error_code(app.login("info.officer", app::demo::DEMO_PASSWORD).await).await;
    assert_eq!((s, b["code"].as_str()), (401, Some("bad_credentials")));
}

async fn sign_in_attempts_are_throttled_per_address(engine: Engine) {
    let app = spawn_app_with(engine, |c| c.limits.login_burst = 3).await;
    for _ in 0..3 {
        let (s, _) = error_code(app.login("admin", "wrong-password-123").await).await;
        assert_eq!(s, 401);
    }
    let (s, b) = error_code(app.login("admin", app::demo::DEMO_PASSWORD).await).await;
    assert_eq!(s, 429);
    assert_eq!(b["error"]["code"], "rate_limited");
    assert_eq!(
        app.count("SELECT COUNT(*) FROM audit_log WHERE event = 'login_succeeded'")
            .await,
        0
    );
}
