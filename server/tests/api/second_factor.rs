//! The second factor (TOTP and recovery codes) and the steps of a staff
//! sign-in after the password, as a staff member's browser goes through them.

use crate::helpers::*;
use crate::on_both_engines;
use app::platform::db::Engine;

on_both_engines!(
    a_password_alone_never_reaches_the_staff_area,
    a_code_opens_one_session_and_never_a_second,
    five_wrong_codes_ask_for_the_password_again,
    enrolment_shows_the_key_once_and_keeps_it_sealed,
    a_recovery_code_signs_in_once,
    an_admin_reset_of_the_factor_ends_the_sessions_and_asks_for_a_new_one,
    without_require_mfa_an_account_with_no_factor_signs_in_with_its_password,
);

/// The field code of the first field error in a server function's answer.
fn field_code(a: &Answer) -> Option<&str> {
    a.body["fields"][0]["code"].as_str()
}

async fn password_step(app: &TestApp, client: &reqwest::Client, username: &str, password: &str) -> Answer {
    Answer::of(
        app.post_form_with(client, "/api/login", &[("username", username), ("password", password)])
            .await,
    )
    .await
}

async fn post(app: &TestApp, client: &reqwest::Client, path: &str, form: &[(&str, &str)]) -> Answer {
    Answer::of(app.post_form_with(client, path, form).await).await
}

async fn a_password_alone_never_reaches_the_staff_area(engine: Engine) {
    let app = spawn_app(engine).await;
    let a = password_step(&app, &app.client, "admin", app::demo::DEMO_PASSWORD).await;
    assert_eq!((a.status, a.body.as_str()), (200, Some("code")));
    assert_eq!(a.headers["location"], "/login/code");
    let page = staff_page(&app, &app.client).await;
    assert!(asks_to_sign_in(&page), "no staff page yet");
    assert!(!page.contains("Әлия Нұрмағанбетова"));
    let r = app.post_form("/api/admin/users", &[]).await;
    assert_eq!(r.status(), 401, "no staff server function either");
    assert_eq!(
        app.count("SELECT COUNT(*) FROM audit_log WHERE event = 'login_succeeded'")
            .await,
        0
    );
}

async fn a_code_opens_one_session_and_never_a_second(engine: Engine) {
    let app = spawn_app(engine).await;
    let code = app.totp_code("media.head").await;
    password_step(&app, &app.client, "media.head", app::demo::DEMO_PASSWORD).await;
    let a = post(&app, &app.client, "/api/login/code", &[("code", &code)]).await;
    assert_eq!(a.body, "done", "{}", a.status);
    assert!(
        staff_page(&app, &app.client).await.contains("Айгерім Сейітқызы"),
        "signed in"
    );

    // The same code, seen over a shoulder and typed at once elsewhere.
    let thief = http_client(true);
    password_step(&app, &thief, "media.head", app::demo::DEMO_PASSWORD).await;
    let a = post(&app, &thief, "/api/login/code", &[("code", &code)]).await;
    assert_eq!((a.status, field_code(&a)), (422, Some("wrong_code")));
    assert!(!staff_page(&app, &thief).await.contains("Айгерім Сейітқызы"));
    assert_eq!(
        app.count("SELECT COUNT(*) FROM audit_log WHERE event = 'second_factor_failed'")
            .await,
        1
    );
    // The next code works.
    let next = app.totp_code("media.head").await;
    assert_ne!(next, code);
    let a = post(&app, &thief, "/api/login/code", &[("code", &next)]).await;
    assert_eq!(a.body, "done");
}

async fn five_wrong_codes_ask_for_the_password_again(engine: Engine) {
    let app = spawn_app(engine).await;
    password_step(&app, &app.client, "analyst", app::demo::DEMO_PASSWORD).await;
    for _ in 0..4 {
        let a = post(&app, &app.client, "/api/login/code", &[("code", "000000")]).await;
        assert_eq!(field_code(&a), Some("wrong_code"));
    }
    let a = post(&app, &app.client, "/api/login/code", &[("code", "000000")]).await;
    assert_eq!((a.status, a.body["code"].as_str()), (401, Some("unauthenticated")));
    let right = app.totp_code("analyst").await;
    let a = post(&app, &app.client, "/api/login/code", &[("code", &right)]).await;
    assert_eq!(a.status, 401, "even a right code needs the password again");
}

/// Creates `root` (no second factor, as `ashyq create-admin` leaves it) and
/// takes it to the enrolment step on `client`.
async fn root_at_enrolment(app: &TestApp, client: &reqwest::Client) -> serde_json::Value {
    app::accounts::create_or_reset_admin(&app.db, "root", "root@example.kz", "first-password-123")
        .await
        .unwrap();
    let a = password_step(app, client, "root", "first-password-123").await;
    assert_eq!(a.body, "enrol");
    assert_eq!(a.headers["location"], "/login/enrol");
    let e = post(app, client, "/api/login/enrolment", &[]).await;
    assert_eq!(e.status, 200);
    e.body
}

async fn enrolment_shows_the_key_once_and_keeps_it_sealed(engine: Engine) {
    let app = spawn_app(engine).await;
    let e = root_at_enrolment(&app, &app.client).await;
    let key: String = e["key_text"].as_str().unwrap().replace(' ', "");
    assert_eq!(key.len(), 32, "a 160-bit key in base32");
    assert!(e["qr_svg"].as_str().unwrap().starts_with("<svg"));
    let codes = e["recovery_codes"].as_array().unwrap();
    assert_eq!(codes.len(), 10);
    let again = post(&app, &app.client, "/api/login/enrolment", &[]).await;
    assert_eq!(again.body["key_text"], e["key_text"], "a reload shows the same key");
    let sealed: String = app::on_read!(&app.db, |c| sqlx::query_scalar::<_, String>(
        "SELECT secret_sealed FROM second_factors"
    )
    .fetch_one(c)
    .await)
    .unwrap();
    assert!(!sealed.contains(&key[..8]), "the key is stored sealed");
    assert!(
        asks_to_sign_in(&staff_page(&app, &app.client).await),
        "no staff page before the factor is on"
    );
    let a = post(&app, &app.client, "/api/login/confirm", &[("code", "123456")]).await;
    assert_eq!(field_code(&a), Some("wrong_code"));
    let code = app.totp_code("root").await;
    let a = post(&app, &app.client, "/api/login/confirm", &[("code", &code)]).await;
    assert_eq!(a.body, "done", "{}", a.status);
    assert_eq!(
        app.count(
            "SELECT COUNT(*) FROM second_factors f JOIN users u ON u.id = f.user_id \
             WHERE u.username = 'root' AND f.recovery_seed_sealed IS NULL AND f.confirmed_at IS NOT NULL"
        )
        .await,
        1,
        "once confirmed, only the codes' hashes are kept"
    );
    // Never shown again, even to its owner in a new sign-in.
    let other = http_client(true);
    let a = password_step(&app, &other, "root", "first-password-123").await;
    assert_eq!(a.body, "code");
    let e = post(&app, &other, "/api/login/enrolment", &[]).await;
    assert_eq!(e.status, 409);
    assert!(e.body.get("key_text").is_none());
}

async fn a_recovery_code_signs_in_once(engine: Engine) {
    let app = spawn_app(engine).await;
    let e = root_at_enrolment(&app, &app.client).await;
    let recovery = e["recovery_codes"][3].as_str().unwrap().to_string();
    let code = app.totp_code("root").await;
    post(&app, &app.client, "/api/login/confirm", &[("code", &code)]).await;
    let stored: Vec<String> = app::on_read!(&app.db, |c| sqlx::query_scalar::<_, String>(
        "SELECT code_hash FROM recovery_codes WHERE user_id = (SELECT id FROM users WHERE username = 'root')"
    )
    .fetch_all(c)
    .await)
    .unwrap();
    assert_eq!(stored.len(), 10);
    assert!(stored.iter().all(|h| !h.contains(&recovery)), "hashes only");

    let lost_phone = http_client(true);
    password_step(&app, &lost_phone, "root", "first-password-123").await;
    let typed = recovery.to_uppercase();
    let a = post(&app, &lost_phone, "/api/login/code", &[("code", &typed)]).await;
    assert_eq!(a.body, "done", "a recovery code, typed in capitals: {}", a.status);
    let again = http_client(true);
    password_step(&app, &again, "root", "first-password-123").await;
    let a = post(&app, &again, "/api/login/code", &[("code", &recovery)]).await;
    assert_eq!(field_code(&a), Some("wrong_code"), "used once");
    assert_eq!(
        app.count("SELECT COUNT(*) FROM audit_log WHERE event = 'recovery_code_used' AND detail = '9 left'")
            .await,
        1
    );
}

async fn an_admin_reset_of_the_factor_ends_the_sessions_and_asks_for_a_new_one(engine: Engine) {
    let app = spawn_app(engine).await;
    let officer = app.signed_in_client("media.officer").await;
    app.login_demo("admin").await;
    let id = app.count("SELECT id FROM users WHERE username = 'media.officer'").await;
    let r = app
        .post_form("/api/admin/reset_factor", &[("id", id.to_string().as_str())])
        .await;
    assert!(r.status().is_success(), "{}", r.status());
    assert!(
        asks_to_sign_in(&staff_page(&app, &officer).await),
        "the officer's session ended"
    );
    assert_eq!(
        app.count("SELECT COUNT(*) FROM audit_log WHERE event = 'factor_reset' AND actor_user_id = 1")
            .await,
        1
    );
    let a = password_step(&app, &officer, "media.officer", app::demo::DEMO_PASSWORD).await;
    assert_eq!(a.body, "enrol", "a new factor at the next sign-in");
    // Only an admin may reset a factor.
    let r = app
        .post_form_with(&officer, "/api/admin/reset_factor", &[("id", "1")])
        .await;
    assert_eq!(r.status(), 401);
}

async fn without_require_mfa_an_account_with_no_factor_signs_in_with_its_password(engine: Engine) {
    let app = spawn_app_with(engine, |c| c.security.require_mfa = false).await;
    app::accounts::create_or_reset_admin(&app.db, "root", "root@example.kz", "first-password-123")
        .await
        .unwrap();
    let a = password_step(&app, &app.client, "root", "first-password-123").await;
    assert_eq!(a.body, "done");
    // An account that has a factor is still asked for it.
    let a = password_step(&app, &http_client(true), "admin", app::demo::DEMO_PASSWORD).await;
    assert_eq!(a.body, "code");
}

/// `ashyq totp-code` stands in for a demo account's phone, and for nothing
/// else: outside demo mode it refuses.
#[test]
fn the_totp_code_command_answers_only_in_demo_mode() {
    runtime().block_on(async {
        let app = spawn_app(Engine::Sqlite).await;
        let run = |demo: &str, key: &str| {
            std::process::Command::new(env!("CARGO_BIN_EXE_ashyq"))
                .args(["totp-code", "--username", "admin"])
                .env("ASHYQ_DATABASE_URL", &app.database_url)
                .env("ASHYQ_DEMO", demo)
                .env("ASHYQ_SECURITY__SECRET_KEY", key)
                .env("ASHYQ_MAIL__TRANSPORT", "log")
                .output()
                .unwrap()
        };
        let refused = run("false", &app.secret_key);
        assert!(!refused.status.success());
        let why = String::from_utf8_lossy(&refused.stderr);
        assert!(why.contains("only in demo mode"), "{why}");
        let out = run("true", &app.secret_key);
        assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
        let code = String::from_utf8_lossy(&out.stdout).trim().to_string();
        assert!(code.len() == 6 && code.bytes().all(|b| b.is_ascii_digit()), "{code}");
        // The code it printed signs the admin in.
        app.post_form(
            "/api/login",
            &[("username", "admin"), ("password", app::demo::DEMO_PASSWORD)],
        )
        .await;
        let a = Answer::of(app.post_form("/api/login/code", &[("code", &code)]).await).await;
        assert_eq!(a.body, "done");
    });
}
