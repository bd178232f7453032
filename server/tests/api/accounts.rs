//! Staff sign-in and its limits, sessions and the security audit log.

use crate::helpers::*;
use crate::on_both_engines;
use app::platform::db::Engine;

on_both_engines!(
    a_wrong_password_is_refused_and_changes_nothing_but_the_audit_log,
    fifty_wrong_guesses_from_one_address_never_keep_the_owner_out,
    a_try_too_soon_is_refused_even_with_the_right_password_and_answers_like_a_wrong_one,
    parallel_guesses_get_no_more_tries_than_serial_ones,
    signing_in_issues_a_new_session_id_and_signing_out_ends_it,
    an_unknown_user_gets_the_same_answer_as_a_wrong_password,
    a_deactivated_account_loses_its_session_at_once,
    sign_in_attempts_are_throttled_per_address,
    a_password_reset_ends_every_session_of_the_account,
    a_reactivated_account_gets_none_of_its_old_sessions_back,
    a_session_ends_when_idle_and_when_too_old_however_busy,
    staff_pages_are_never_cached_and_sign_out_clears_the_browser,
    over_https_the_session_cookie_is_host_only_and_secure,
    a_refused_action_of_a_signed_in_officer_is_an_audit_event,
);

async fn a_refused_action_of_a_signed_in_officer_is_an_audit_event(engine: Engine) {
    let app = spawn_app(engine).await;
    let refused = "SELECT COUNT(*) FROM audit_log WHERE event = 'access_refused'";
    // An anonymous visitor sent to sign in is no event.
    app.post_form("/api/admin/users", &[]).await;
    assert_eq!(app.count(refused).await, 0);
    app.login_demo("media.officer").await;
    let r = app.post_form("/api/admin/users", &[]).await;
    assert_eq!(r.status(), 403);
    assert_eq!(
        app.count(refused).await,
        1,
        "an officer asking for the staff list is recorded"
    );
    let officer = app.count("SELECT id FROM users WHERE username = 'media.officer'").await;
    assert_eq!(
        app.count(&format!(
            "SELECT COUNT(*) FROM audit_log WHERE event = 'access_refused' AND actor_user_id = {officer}"
        ))
        .await,
        1
    );
}

async fn staff_pages_are_never_cached_and_sign_out_clears_the_browser(engine: Engine) {
    let app = spawn_app(engine).await;
    app.login_demo("admin").await;
    for path in ["/staff", "/staff/inbox", "/admin/users", "/login"] {
        let r = app.get(path).await;
        assert_eq!(
            r.headers().get("cache-control").map(|v| v.to_str().unwrap()),
            Some("no-store"),
            "{path}"
        );
    }
    let r = app.post_form("/api/current_user", &[]).await;
    assert_eq!(r.headers()["cache-control"], "no-store", "a staff server function");
    let public = app.get("/publications").await;
    assert_ne!(
        public.headers().get("cache-control").map(|v| v.to_str().unwrap()),
        Some("no-store"),
        "public pages may be cached"
    );
    let r = app.post_form("/api/logout", &[]).await;
    assert_eq!(r.headers()["clear-site-data"], "\"cache\", \"cookies\", \"storage\"");
}

async fn over_https_the_session_cookie_is_host_only_and_secure(engine: Engine) {
    let app = spawn_app_with(engine, |c| c.base_url = c.base_url.replace("http://", "https://")).await;
    let r = app
        .client
        // The portal believes it is served over https; the test speaks plain http to it.
        .post(app.url("/api/login").replace("https://", "http://"))
        .header("origin", app.url(""))
        .header("accept", "application/json")
        .form(&[("username", "admin"), ("password", app::demo::DEMO_PASSWORD)])
        .send()
        .await
        .unwrap();
    assert!(r.status().is_success(), "{}", r.status());
    let cookie = r
        .headers()
        .get_all("set-cookie")
        .iter()
        .map(|v| v.to_str().unwrap().to_string())
        .find(|c| c.contains("ashyq_session="))
        .expect("a session cookie");
    assert!(cookie.starts_with("__Host-ashyq_session="), "{cookie}");
    assert!(
        cookie.contains("Secure") && cookie.contains("Path=/") && !cookie.contains("Domain"),
        "{cookie}"
    );
}

async fn a_password_reset_ends_every_session_of_the_account(engine: Engine) {
    let app = spawn_app(engine).await;
    app::accounts::create_or_reset_admin(&app.db, "root", "root@example.kz", "first-password-123")
        .await
        .unwrap();
    let (laptop, phone) = (http_client(true), http_client(true));
    for c in [&laptop, &phone] {
        let a = app.sign_in_with(c, "root", "first-password-123").await;
        assert_eq!(a.body, "done", "{}", a.status);
    }
    let staff_page = |c: reqwest::Client| {
        let url = app.url("/staff");
        async move { c.get(url).send().await.unwrap().text().await.unwrap() }
    };
    assert!(staff_page(laptop.clone()).await.contains("root"));
    app::accounts::create_or_reset_admin(&app.db, "root", "root@example.kz", "second-password-456")
        .await
        .unwrap();
    for c in [&laptop, &phone] {
        let page = staff_page(c.clone()).await;
        assert!(
            page.contains("Sign-in needed") || page.contains("Кіру қажет"),
            "a reset ends the session"
        );
    }
    assert_eq!(
        app.count("SELECT COUNT(*) FROM staff_sessions WHERE ended_at IS NULL")
            .await,
        0
    );
}

async fn a_reactivated_account_gets_none_of_its_old_sessions_back(engine: Engine) {
    let app = spawn_app(engine).await;
    let officer = app.signed_in_client("youth.officer").await;
    let id = app.count("SELECT id FROM users WHERE username = 'youth.officer'").await;
    let now = chrono::Utc::now();
    app::accounts::set_active(&app.db, 1, id, false, now).await.unwrap();
    app::accounts::set_active(&app.db, 1, id, true, now).await.unwrap();
    let page = officer
        .get(app.url("/staff"))
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert!(
        page.contains("Sign-in needed") || page.contains("Кіру қажет"),
        "the old session stays ended"
    );
}

async fn a_session_ends_when_idle_and_when_too_old_however_busy(engine: Engine) {
    use app::platform::staff_sessions::{check, start, Check, Lifetime};
    use chrono::Duration;
    let app = spawn_app(engine).await;
    let life = Lifetime {
        idle: Duration::minutes(30),
        max: Duration::hours(12),
    };
    let t0 = chrono::Utc::now();
    start(&app.db, "idle-secret", 1, "test", t0).await.unwrap();
    let alive = |c: Check| matches!(c, Check::Alive { user_id: 1, .. });
    assert!(alive(
        check(&app.db, "idle-secret", life, t0 + Duration::minutes(29))
            .await
            .unwrap()
    ));
    // Activity renewed it: 29 minutes after that it is still alive ...
    assert!(alive(
        check(&app.db, "idle-secret", life, t0 + Duration::minutes(58))
            .await
            .unwrap()
    ));
    // ... and 31 idle minutes end it for good.
    assert_eq!(
        check(&app.db, "idle-secret", life, t0 + Duration::minutes(89))
            .await
            .unwrap(),
        Check::Over
    );
    assert_eq!(
        check(&app.db, "idle-secret", life, t0 + Duration::minutes(90))
            .await
            .unwrap(),
        Check::Over
    );
    // A busy session still ends 12 hours after sign-in.
    start(&app.db, "busy-secret", 1, "test", t0).await.unwrap();
    let mut t = t0;
    while t < t0 + Duration::hours(12) - Duration::minutes(20) {
        t += Duration::minutes(20);
        assert!(alive(check(&app.db, "busy-secret", life, t).await.unwrap()), "at {t}");
    }
    assert_eq!(
        check(
            &app.db,
            "busy-secret",
            life,
            t0 + Duration::hours(12) + Duration::minutes(1)
        )
        .await
        .unwrap(),
        Check::Over
    );
    assert_eq!(check(&app.db, "no-such-secret", life, t0).await.unwrap(), Check::Over);
}

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

/// A portal behind a proxy on 127.0.0.1, so a test can speak from any
/// client address through `X-Forwarded-For`.
async fn behind_a_proxy(engine: Engine, free_failures: u32) -> TestApp {
    spawn_app_with(engine, |c| {
        c.security.trusted_proxies = vec!["127.0.0.1".into()];
        c.limits.login_burst = 1000;
        c.limits.sign_in_free_failures = free_failures;
    })
    .await
}

async fn login_from(
    app: &TestApp,
    client: &reqwest::Client,
    addr: &str,
    username: &str,
    password: &str,
) -> (u16, serde_json::Value) {
    let r = client
        .post(app.url("/api/login"))
        .header("origin", app.url(""))
        .header("accept", "application/json")
        .header("x-forwarded-for", addr)
        .header("user-agent", "ashyq-tests/1 (reqwest)")
        .form(&[("username", username), ("password", password)])
        .send()
        .await
        .unwrap();
    error_code(r).await
}

async fn fifty_wrong_guesses_from_one_address_never_keep_the_owner_out(engine: Engine) {
    let app = behind_a_proxy(engine, 5).await;
    let attacker = http_client(true);
    let mut answers = std::collections::HashSet::new();
    for _ in 0..50 {
        let (s, b) = login_from(&app, &attacker, "198.51.100.7", "media.officer", "wrong-password-123").await;
        assert_eq!(s, 401);
        answers.insert(b.to_string());
    }
    assert_eq!(answers.len(), 1, "every refusal reads alike: {answers:?}");
    // Past the free tries the guesses waited, so few passwords were checked.
    let checked = app
        .count("SELECT COUNT(*) FROM audit_log WHERE event = 'login_failed'")
        .await;
    assert!((5..=8).contains(&checked), "{checked} passwords checked of 50 guesses");
    // The owner, from their own address, at once.
    let owner = http_client(true);
    let (s, b) = login_from(&app, &owner, "203.0.113.9", "media.officer", app::demo::DEMO_PASSWORD).await;
    assert_eq!((s, b.as_str()), (200, Some("code")), "{b}");
    let code = app.totp_code("media.officer").await;
    let r = owner
        .post(app.url("/api/login/code"))
        .header("origin", app.url(""))
        .header("accept", "application/json")
        .header("x-forwarded-for", "203.0.113.9")
        .header("user-agent", "ashyq-tests/1 (reqwest)")
        .form(&[("code", code.as_str())])
        .send()
        .await
        .unwrap();
    let (s, b) = error_code(r).await;
    assert_eq!((s, b.as_str()), (200, Some("done")), "and the second factor: {b}");
    // The audit log says where each sign-in came from, and with what browser.
    let (client, agent): (String, String) = app::on_read!(&app.db, |c| sqlx::query_as(
        "SELECT client, user_agent FROM audit_log WHERE event = 'login_succeeded' ORDER BY id DESC LIMIT 1"
    )
    .fetch_one(c)
    .await)
    .unwrap();
    assert_eq!(client, "203.0.113.9");
    assert!(agent.contains("ashyq-tests"), "{agent}");
    // An IPv6 attacker is one client across its /64.
    for host in 1..=6 {
        let addr = format!("2001:db8:7:7::{host:x}");
        login_from(&app, &attacker, &addr, "info.officer", "wrong-password-123").await;
    }
    let rows = app
        .count("SELECT COUNT(*) FROM sign_in_limits WHERE username = 'info.officer'")
        .await;
    assert_eq!(rows, 1, "six addresses of one /64 are one client");
}

async fn a_try_too_soon_is_refused_even_with_the_right_password_and_answers_like_a_wrong_one(engine: Engine) {
    let app = behind_a_proxy(engine, 1).await;
    let c = http_client(true);
    let wrong = login_from(&app, &c, "198.51.100.8", "admin", "wrong-password-123").await;
    // The one free failure is spent: the next try must wait a second.
    let too_soon = login_from(&app, &c, "198.51.100.8", "admin", app::demo::DEMO_PASSWORD).await;
    let unknown = login_from(&app, &c, "198.51.100.9", "no.such.user", "wrong-password-123").await;
    assert_eq!(wrong.0, 401);
    assert_eq!(wrong, too_soon, "a throttled try answers like a wrong password");
    assert_eq!(wrong, unknown, "an unknown user answers like a wrong password");
    assert_eq!(wrong.1["code"], "bad_credentials");
    assert_eq!(
        app.count("SELECT COUNT(*) FROM audit_log WHERE event = 'login_succeeded'")
            .await,
        0
    );
    tokio::time::sleep(std::time::Duration::from_millis(1100)).await;
    let later = login_from(&app, &c, "198.51.100.8", "admin", app::demo::DEMO_PASSWORD).await;
    assert_eq!(later.0, 200, "after the wait the right password works: {}", later.1);
    assert_eq!(
        app.count("SELECT COUNT(*) FROM sign_in_limits WHERE username = 'admin'")
            .await,
        0,
        "a sign-in clears its limits row"
    );
}

async fn parallel_guesses_get_no_more_tries_than_serial_ones(engine: Engine) {
    let app = behind_a_proxy(engine, 3).await;
    let c = http_client(false);
    let guesses = (0..20).map(|_| login_from(&app, &c, "198.51.100.10", "analyst", "wrong-password-123"));
    for (s, _) in futures::future::join_all(guesses).await {
        assert_eq!(s, 401);
    }
    let checked = app
        .count("SELECT COUNT(*) FROM audit_log WHERE event = 'login_failed'")
        .await;
    // 3 free tries, then one a second at most.
    assert!(
        (3..=4).contains(&checked),
        "{checked} of 20 parallel guesses were checked"
    );
}

async fn signing_in_issues_a_new_session_id_and_signing_out_ends_it(engine: Engine) {
    let app = spawn_app(engine).await;
    // A session that exists before sign-in (fixation attempt) must not survive it.
    let a = app.sign_in_with(&app.client, "admin", app::demo::DEMO_PASSWORD).await;
    assert_eq!(a.body, "done", "{}", a.status);
    let cookie = a.session_cookie().expect("session cookie set at sign-in");
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
