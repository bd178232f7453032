//! Department and staff administration: only admins, every bad input named,
//! nothing half-saved.

use crate::helpers::*;
use crate::on_both_engines;
use app::platform::db::Engine;

on_both_engines!(
    an_admin_creates_edits_and_deactivates_a_department,
    a_bad_department_form_names_every_field_and_saves_nothing,
    a_duplicate_department_code_is_a_conflict_on_the_code_field,
    an_officer_is_refused_every_admin_action,
    an_admin_creates_a_staff_account_that_can_sign_in,
    a_role_change_is_written_to_the_audit_log,
    the_create_admin_command_creates_and_then_resets_an_administrator,
);

fn dept_form<'a>(code: &'a str, email: &'a str) -> Vec<(&'a str, &'a str)> {
    vec![
        ("id", ""),
        ("input[code]", code),
        ("input[name_kk]", "Цифрлық даму басқармасы"),
        ("input[name_ru]", "Управление цифрового развития"),
        ("input[name_en]", "Digital Development Office"),
        ("input[email]", email),
        ("input[head_user_id]", ""),
    ]
}

async fn public_codes(app: &TestApp) -> Vec<String> {
    let body: serde_json::Value = app.get("/api/v1/departments").await.json().await.unwrap();
    body["items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| d["code"].as_str().unwrap().to_string())
        .collect()
}

async fn an_admin_creates_edits_and_deactivates_a_department(engine: Engine) {
    let app = spawn_app(engine).await;
    app.login_demo("admin").await;
    let r = app
        .post_form(
            "/api/admin/save_department",
            &dept_form("digital", "digital@ministry.example.kz"),
        )
        .await;
    assert!(r.status().is_success(), "{} {}", r.status(), r.text().await.unwrap());
    assert!(
        public_codes(&app).await.contains(&"DIGITAL".to_string()),
        "codes are upper-cased and published"
    );

    let id = app
        .count("SELECT id FROM departments WHERE code = 'DIGITAL'")
        .await
        .to_string();
    let mut form = dept_form("DIGITAL", "office@ministry.example.kz");
    form[0] = ("id", &id);
    let r = app.post_form("/api/admin/save_department", &form).await;
    assert!(r.status().is_success(), "{}", r.status());
    let d = app::departments::get(&app.db, id.parse().unwrap()).await.unwrap();
    assert_eq!(d.email, "office@ministry.example.kz");

    let r = app
        .post_form("/api/admin/department_active", &[("id", &id), ("active", "false")])
        .await;
    assert!(r.status().is_success(), "{}", r.status());
    assert!(
        !public_codes(&app).await.contains(&"DIGITAL".to_string()),
        "an inactive department is not public"
    );
    let page = app.get_text("/admin/departments").await;
    assert!(page.contains("DIGITAL"), "the admin still sees it");
}

async fn a_bad_department_form_names_every_field_and_saves_nothing(engine: Engine) {
    let app = spawn_app(engine).await;
    app.login_demo("admin").await;
    let before = app.count("SELECT COUNT(*) FROM departments").await;
    let mut form = dept_form("x", "not-an-email");
    form[2] = ("input[name_kk]", "   ");
    let (status, body) = error_code(app.post_form("/api/admin/save_department", &form).await).await;
    assert_eq!(status, 422);
    assert_eq!(body["code"], "validation");
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
    assert!(fields.contains(&("code".into(), "code_format".into())), "{fields:?}");
    assert!(fields.contains(&("name_kk".into(), "required".into())), "{fields:?}");
    assert!(fields.contains(&("email".into(), "invalid_email".into())), "{fields:?}");
    assert_eq!(app.count("SELECT COUNT(*) FROM departments").await, before);

    // A form missing its fields altogether is malformed, not a crash.
    let (status, body) = error_code(app.post_form("/api/admin/save_department", &[("id", "")]).await).await;
    assert!((400..500).contains(&status), "{status}");
    assert_eq!(body["code"], "validation");
    assert_eq!(app.count("SELECT COUNT(*) FROM departments").await, before);
}

async fn a_duplicate_department_code_is_a_conflict_on_the_code_field(engine: Engine) {
    let app = spawn_app(engine).await;
    app.login_demo("admin").await;
    let before = app.count("SELECT COUNT(*) FROM departments").await;
    let (status, body) = error_code(
        app.post_form(
            "/api/admin/save_department",
            &dept_form("MEDIA", "m@ministry.example.kz"),
        )
        .await,
    )
    .await;
    assert_eq!(status, 409);
    assert_eq!(body["fields"][0]["field"], "code");
    assert_eq!(body["fields"][0]["code"], "taken");
    assert_eq!(app.count("SELECT COUNT(*) FROM departments").await, before);
}

async fn an_officer_is_refused_every_admin_action(engine: Engine) {
    let app = spawn_app(engine).await;
    app.login_demo("media.officer").await;
    let before = app.count("SELECT COUNT(*) FROM departments").await;
    let (status, body) = error_code(
        app.post_form("/api/admin/save_department", &dept_form("NEW", "n@ministry.example.kz"))
            .await,
    )
    .await;
    assert_eq!((status, body["code"].as_str()), (403, Some("forbidden")));
    let (status, _) = error_code(
        app.post_form("/api/admin/department_active", &[("id", "1"), ("active", "false")])
            .await,
    )
    .await;
    assert_eq!(status, 403);
    let (status, _) = error_code(app.post_form("/api/admin/users", &[]).await).await;
    assert_eq!(status, 403);
    assert_eq!(app.count("SELECT COUNT(*) FROM departments").await, before);
    assert_eq!(
        app.count("SELECT COUNT(*) FROM departments WHERE active = TRUE").await,
        before
    );
    let page = app.get("/admin/users").await;
    assert_eq!(page.status(), 403);
    assert!(
        !page.text().await.unwrap().contains("media.head"),
        "no staff list leaks to an officer"
    );
}

async fn an_admin_creates_a_staff_account_that_can_sign_in(engine: Engine) {
    let app = spawn_app(engine).await;
    app.login_demo("admin").await;
    let media = app
        .count("SELECT id FROM departments WHERE code = 'MEDIA'")
        .await
        .to_string();
    let form = [
        ("id", ""),
        ("input[username]", "New.Officer"),
        ("input[display_name]", "Мәди Жаңабаев"),
        ("input[email]", "new.officer@ministry.example.kz"),
        ("input[role]", "officer"),
        ("input[department_id]", media.as_str()),
        ("input[password]", "short"),
    ];
    let (status, body) = error_code(app.post_form("/api/admin/save_user", &form).await).await;
    assert_eq!((status, body["fields"][0]["field"].as_str()), (422, Some("password")));
    assert_eq!(
        app.count("SELECT COUNT(*) FROM users WHERE username = 'new.officer'")
            .await,
        0
    );

    let mut form = form;
    form[6] = ("input[password]", "a-long-enough-password");
    let r = app.post_form("/api/admin/save_user", &form).await;
    assert!(r.status().is_success(), "{}", r.status());
    let other = http_client(true);
    let r = other
        .post(app.url("/api/login"))
        .header("origin", &app.base)
        .header("accept", "application/json")
        .form(&[("username", "new.officer"), ("password", "a-long-enough-password")])
        .send()
        .await
        .unwrap();
    assert!(
        r.status().is_success(),
        "the new account signs in (usernames are case-insensitive)"
    );
    let stored: String = app::on_read!(&app.db, |c| sqlx::query_scalar(
        "SELECT password_hash FROM users WHERE username = 'new.officer'"
    )
    .fetch_one(c)
    .await)
    .unwrap();
    assert!(stored.starts_with("$argon2id$"), "only an argon2id hash is stored");
}

async fn a_role_change_is_written_to_the_audit_log(engine: Engine) {
    let app = spawn_app(engine).await;
    app.login_demo("admin").await;
    let id = app
        .count("SELECT id FROM users WHERE username = 'youth.officer'")
        .await
        .to_string();
    let youth = app
        .count("SELECT id FROM departments WHERE code = 'YOUTH'")
        .await
        .to_string();
    let form = [
        ("id", id.as_str()),
        ("input[username]", "youth.officer"),
        ("input[display_name]", "Данияр Сапаров"),
        ("input[email]", "youth.officer@ministry.example.kz"),
        ("input[role]", "department_head"),
        ("input[department_id]", youth.as_str()),
        ("input[password]", ""),
    ];
    let r = app.post_form("/api/admin/save_user", &form).await;
    assert!(r.status().is_success(), "{}", r.status());
    assert_eq!(
        app.count(
            "SELECT COUNT(*) FROM audit_log WHERE event = 'role_changed' AND detail = 'officer->department_head'"
        )
        .await,
        1
    );
    assert_eq!(
        app.count("SELECT COUNT(*) FROM audit_log WHERE event = 'password_changed'")
            .await,
        0,
        "an empty password keeps the old one"
    );
}

async fn the_create_admin_command_creates_and_then_resets_an_administrator(engine: Engine) {
    use app::accounts::create_or_reset_admin;
    let app = spawn_app(engine).await;
    let weak = create_or_reset_admin(&app.db, "root", "root@example.kz", "short")
        .await
        .unwrap_err();
    assert_eq!(weak.field_code("password"), Some(app::error::FieldCode::TooShort12));
    let id = create_or_reset_admin(&app.db, "root", "root@example.kz", "first-password-123")
        .await
        .unwrap();
    for _ in 0..5 {
        app.login("root", "wrong-password-123").await;
    }
    let (s, b) = error_code(app.login("root", "first-password-123").await).await;
    assert_eq!(
        (s, b["code"].as_str()),
        (401, Some("bad_credentials")),
        "this address must wait"
    );
    let again = create_or_reset_admin(&app.db, "root", "root@example.kz", "second-password-456")
        .await
        .unwrap();
    assert_eq!(again, id, "the same account, reset");
    let a = app.sign_in_with(&app.client, "root", "second-password-456").await;
    assert_eq!(
        a.body, "done",
        "the reset clears the wait and sets the new password: {}",
        a.status
    );
    assert!(app.get_text("/admin/users").await.contains("root"));
}
