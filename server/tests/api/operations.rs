//! Operations: health, the API's error shape and OpenAPI document, CSRF,
//! body limits and security headers.

use crate::helpers::*;
use crate::on_both_engines;
use app::platform::db::Engine;

on_both_engines!(
    healthz_answers_ok_while_the_database_answers_and_503_when_it_does_not,
    the_departments_api_lists_active_departments_in_three_languages_without_personal_data,
    the_openapi_document_describes_the_api,
    an_unknown_api_path_answers_with_the_json_error_shape,
    a_method_an_address_does_not_take_answers_405_with_the_methods_it_does,
    a_cross_site_form_post_is_refused_and_changes_nothing,
    a_post_with_no_origin_is_refused,
    an_oversized_body_is_refused_with_413_and_changes_nothing,
    pages_carry_security_headers_and_a_nonce_for_the_hydration_script,
    a_failure_on_our_side_answers_500_with_the_request_id_to_quote,
);

async fn healthz_answers_ok_while_the_database_answers_and_503_when_it_does_not(engine: Engine) {
    let app = spawn_app(engine).await;
    let r = app.get("/healthz").await;
    assert_eq!(r.status(), 200);
    assert_eq!(
        r.json::<serde_json::Value>().await.unwrap(),
        serde_json::json!({"status": "ok"})
    );
    app.db.close().await;
    assert_eq!(app.get("/healthz").await.status(), 503);
}

async fn the_departments_api_lists_active_departments_in_three_languages_without_personal_data(engine: Engine) {
    let app = spawn_app(engine).await;
    let body: serde_json::Value = app.get("/api/v1/departments").await.json().await.unwrap();
    assert_eq!(body["total"], 6);
    assert_eq!(body["page"], 1);
    let media = body["items"]
        .as_array()
        .unwrap()
        .iter()
        .find(|d| d["code"] == "MEDIA")
        .expect("MEDIA listed");
    assert_eq!(media["name"]["en"], "Media Relations Department");
    assert_eq!(media["name"]["ru"], "Управление по связям со СМИ");
    assert_eq!(media["name"]["kk"], "БАҚ-пен байланыс басқармасы");
    let text = body.to_string();
    assert!(
        !text.contains("head_user_id") && !text.contains("Айгерім"),
        "no staff data in the public API"
    );
}

async fn the_openapi_document_describes_the_api(engine: Engine) {
    let app = spawn_app(engine).await;
    let doc: serde_json::Value = app.get("/api/v1/openapi.json").await.json().await.unwrap();
    assert!(doc["openapi"].as_str().unwrap().starts_with("3."));
    assert!(doc["paths"]["/api/v1/departments"]["get"].is_object());
    assert!(doc["paths"]["/healthz"]["get"].is_object());
    assert!(doc["components"]["schemas"]["ErrorBody"].is_object());
    // A client generated from the document sends filters in the query and
    // the codes the server reads, not the Rust names of the variants.
    let params = doc["paths"]["/api/v1/publications"]["get"]["parameters"]
        .as_array()
        .unwrap();
    assert!(
        !params.is_empty() && params.iter().all(|p| p["in"] == "query"),
        "{params:?}"
    );
    assert_eq!(
        doc["components"]["schemas"]["Audience"]["enum"],
        serde_json::json!(["citizen", "journalist", "ngo", "business", "other"])
    );
    let key = &doc["paths"]["/api/v1/questions"]["post"]["parameters"][0];
    assert_eq!(
        (key["name"].as_str(), key["in"].as_str()),
        (Some("Idempotency-Key"), Some("header"))
    );
    assert_eq!(key["schema"]["maxLength"], 200);
}

async fn a_method_an_address_does_not_take_answers_405_with_the_methods_it_does(engine: Engine) {
    let app = spawn_app(engine).await;
    let client = http_client(false);
    for (method, path) in [
        ("TRACE", "/healthz"),
        ("PUT", "/healthz"),
        ("QUERY", "/"),
        ("DELETE", "/api/v1/publications"),
        ("PUT", "/api/v1/questions"),
    ] {
        let r = client
            .request(reqwest::Method::from_bytes(method.as_bytes()).unwrap(), app.url(path))
            .send()
            .await
            .unwrap();
        assert_eq!(r.status(), 405, "{method} {path}");
        let allow = r.headers().get("allow").map(|v| v.to_str().unwrap().to_string());
        assert!(
            allow.is_some_and(|a| a.contains("GET") || a.contains("POST")),
            "{method} {path}: Allow header"
        );
        let (_, body) = error_code(r).await;
        assert_eq!(body["error"]["code"], "method_not_allowed", "{method} {path}");
    }
}

async fn an_unknown_api_path_answers_with_the_json_error_shape(engine: Engine) {
    let app = spawn_app(engine).await;
    let r = app.get("/api/v1/no-such-thing").await;
    assert_eq!(r.status(), 404);
    let body: serde_json::Value = r.json().await.unwrap();
    assert_eq!(body["error"]["code"], "not_found");
    assert_eq!(body["error"]["message"], "Not found.");
    assert!(body["error"]["fields"].is_object());
}

async fn a_cross_site_form_post_is_refused_and_changes_nothing(engine: Engine) {
    let app = spawn_app(engine).await;
    app.login_demo("admin").await;
    let before = app.count("SELECT COUNT(*) FROM departments WHERE active = TRUE").await;
    let r = app
        .client
        .post(app.url("/api/admin/department_active"))
        .header("origin", "https://evil.example")
        .header("sec-fetch-site", "cross-site")
        .header("accept", "text/html")
        .form(&[("id", "1"), ("active", "false")])
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 403);
    let page = r.text().await.unwrap();
    assert!(page.contains("another site"), "a clear message: {page}");
    assert_eq!(
        app.count("SELECT COUNT(*) FROM departments WHERE active = TRUE").await,
        before
    );
}

async fn a_post_with_no_origin_is_refused(engine: Engine) {
    let app = spawn_app(engine).await;
    let r = app
        .client
        .post(app.url("/api/login"))
        .form(&[("username", "admin"), ("password", app::demo::DEMO_PASSWORD)])
        .send()
        .await
        .unwrap();
    let (status, body) = error_code(r).await;
    assert_eq!((status, body["error"]["code"].as_str()), (403, Some("csrf")));
    assert_eq!(
        app.count("SELECT COUNT(*) FROM audit_log WHERE event LIKE 'login%'")
            .await,
        0,
        "the sign-in never ran"
    );
}

async fn an_oversized_body_is_refused_with_413_and_changes_nothing(engine: Engine) {
    let app = spawn_app_with(engine, |c| c.max_body_bytes = 4096).await;
    app.login_demo("admin").await;
    let before = app.count("SELECT COUNT(*) FROM departments").await;
    let big = "x".repeat(10_000);
    let mut form = vec![("id", ""), ("input[code]", "BIG"), ("input[name_kk]", big.as_str())];
    form.extend([
        ("input[name_ru]", "a"),
        ("input[name_en]", "a"),
        ("input[email]", "a@b.kz"),
    ]);
    let (status, body) = error_code(app.post_form("/api/admin/save_department", &form).await).await;
    assert_eq!(status, 413);
    assert_eq!(body["error"]["code"], "payload_too_large");
    assert_eq!(app.count("SELECT COUNT(*) FROM departments").await, before);
}

async fn pages_carry_security_headers_and_a_nonce_for_the_hydration_script(engine: Engine) {
    let app = spawn_app(engine).await;
    let r = app.get("/").await;
    let h = r.headers().clone();
    assert_eq!(h["x-content-type-options"], "nosniff");
    assert_eq!(h["referrer-policy"], "same-origin");
    let csp = h["content-security-policy"].to_str().unwrap().to_string();
    assert!(csp.contains("frame-ancestors 'none'"), "{csp}");
    let nonce = csp
        .split("'nonce-")
        .nth(1)
        .and_then(|s| s.split('\'').next())
        .expect("a nonce in the CSP")
        .to_string();
    let page = r.text().await.unwrap();
    assert!(
        page.contains(&format!("nonce=\"{nonce}\"")),
        "the hydration script carries the CSP nonce"
    );
    let again = app.get("/").await.headers()["content-security-policy"]
        .to_str()
        .unwrap()
        .to_string();
    assert!(!again.contains(&nonce), "a fresh nonce per response");
}

/// PRODUCT.md: "Causes are logged once, with a request id, never shown."
async fn a_failure_on_our_side_answers_500_with_the_request_id_to_quote(engine: Engine) {
    let app = spawn_app(engine).await;
    let mut tx = app.db.begin().await.unwrap();
    app::on_tx!(&mut tx, |c| sqlx::query(
        "ALTER TABLE publications RENAME TO publications_gone"
    )
    .execute(c)
    .await
    .map(|_| ()))
    .unwrap();
    tx.commit().await.unwrap();

    let r = app
        .client
        .get(app.url("/api/v1/publications"))
        .header("x-request-id", "chosen-by-the-client")
        .send()
        .await
        .unwrap();
    let id = r.headers()["x-request-id"].to_str().unwrap().to_string();
    assert_ne!(id, "chosen-by-the-client", "the id is ours, not the client's");
    let (status, body) = error_code(r).await;
    assert_eq!(status, 500);
    assert_eq!(body["error"]["code"], "internal");
    assert_eq!(body["error"]["request_id"], id.as_str());
    assert!(!body.to_string().contains("publications_gone") && !body.to_string().contains("no such table"));

    for (lang, label) in [
        ("kk", "Қолдау қызметіне арналған нөмір:"),
        ("ru", "Номер обращения для службы поддержки:"),
        ("en", "Reference for the support desk:"),
    ] {
        let r = http_client(false)
            .get(app.url("/publications"))
            .header("accept-language", lang)
            .send()
            .await
            .unwrap();
        let id = r.headers()["x-request-id"].to_str().unwrap().to_string();
        assert_eq!(r.status(), 500, "{lang}");
        let page = r.text().await.unwrap();
        assert!(
            page.contains(&format!("<code>{id}</code>")),
            "{lang}: the page shows the request id"
        );
        assert!(
            page.contains(label),
            "{lang}: the id is labelled in the page's language"
        );
        assert!(
            !page.contains("no such table") && !page.contains("does not exist"),
            "{lang}: no cause shown"
        );
    }
}
