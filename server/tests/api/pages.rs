//! Server-rendered pages: languages, the language switch, 404s.

use crate::helpers::*;
use crate::on_both_engines;
use app::platform::db::Engine;

on_both_engines!(
    the_home_page_follows_the_browser_language_on_a_first_visit,
    the_language_switch_is_remembered_and_sets_html_lang,
    the_language_switch_never_redirects_off_site,
    an_unknown_page_is_a_404_in_the_visitors_language,
    pages_arrive_whole_so_they_read_the_same_without_javascript,
    pages_finish_while_another_application_starts_in_the_process,
    no_page_view_sets_a_cookie_and_pages_are_asked_again_each_time,
    a_public_page_is_kept_for_visitors_without_cookies_until_the_next_write,
);

async fn the_home_page_follows_the_browser_language_on_a_first_visit(engine: Engine) {
    let app = spawn_app(engine).await;
    for (accept, lang, heading) in [
        ("ru-RU,ru;q=0.9", "ru", "Ваше мнение о работе министерства"),
        ("en-GB,en;q=0.8", "en", "Your voice on the ministry&#x27;s work"),
        ("kk-KZ", "kk", "Министрлік жұмысы туралы сіздің пікіріңіз"),
        ("de-DE", "kk", "Министрлік жұмысы туралы сіздің пікіріңіз"),
    ] {
        let fresh = http_client(false);
        let page = fresh
            .get(app.url("/"))
            .header("accept-language", accept)
            .send()
            .await
            .unwrap()
            .text()
            .await
            .unwrap();
        assert!(
            page.contains(&format!("<html lang=\"{lang}\"")),
            "{accept}: {}",
            &page[..page.len().min(300)]
        );
        assert!(
            page.contains(heading) || page.contains(&heading.replace("&#x27;", "'")),
            "{accept} shows {heading}"
        );
    }
}

async fn the_language_switch_is_remembered_and_sets_html_lang(engine: Engine) {
    let app = spawn_app(engine).await;
    let r = app.get("/lang/ru?next=/login").await;
    assert_eq!(r.status(), 303);
    assert_eq!(r.headers()["location"], "/login");
    let cookie = r.headers()["set-cookie"].to_str().unwrap().to_string();
    assert!(
        cookie.starts_with("i18n_pref_locale=ru") && cookie.contains("Max-Age=31536000"),
        "{cookie}"
    );
    let page = app
        .client
        .get(app.url("/login"))
        .header("accept-language", "en")
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert!(
        page.contains("<html lang=\"ru\""),
        "the choice beats the browser language"
    );
    assert!(page.contains("Вход для сотрудников"));
}

async fn the_language_switch_never_redirects_off_site(engine: Engine) {
    let app = spawn_app(engine).await;
    for away in [
        "//evil.example/",
        "/%09/evil.example",
        "/%0D%0A/evil.example",
        "/%5Cevil.example",
        "%5C%5Cevil.example",
        "https://evil.example",
        "https:evil.example",
    ] {
        let r = app.get(&format!("/lang/en?next={away}")).await;
        assert_eq!(r.headers()["location"], "/", "next={away} stays on the site");
    }
    let r = app.get("/lang/en?next=/publications%3Fpage%3D2").await;
    assert_eq!(
        r.headers()["location"],
        "/publications?page=2",
        "a local path is followed"
    );
}

async fn an_unknown_page_is_a_404_in_the_visitors_language(engine: Engine) {
    let app = spawn_app(engine).await;
    let r = app
        .client
        .get(app.url("/no/such/page"))
        .header("accept-language", "ru")
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 404);
    assert!(r.text().await.unwrap().contains("Страница не найдена"));
}

async fn pages_arrive_whole_so_they_read_the_same_without_javascript(engine: Engine) {
    let app = spawn_app(engine).await;
    let page = app
        .client
        .get(app.url("/"))
        .header("accept-language", "en")
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert!(
        !page.contains("<template"),
        "no fragment waits for a script to move it into place"
    );
    let main = page.split("<main").nth(1).unwrap();
    assert!(
        main.contains("Media Relations Department"),
        "the departments are in the page itself"
    );
    assert!(
        page.contains("<a href=\"/login\">Staff sign-in"),
        "the sign-in link is in the page itself"
    );
}

/// Building an application finds its routes by rendering the app with
/// resource loading switched off, and leptos switches it off for the whole
/// process. Pages of an application already serving must still finish while
/// another starts beside it (as every test starts one while others run).
async fn pages_finish_while_another_application_starts_in_the_process(engine: Engine) {
    let app = spawn_app(engine).await;
    let stop = std::sync::Arc::new(std::sync::atomic::AtomicBool::new(false));
    let starting = {
        let stop = stop.clone();
        std::thread::spawn(move || {
            runtime().block_on(async move {
                let mut n = 0;
                while !stop.load(std::sync::atomic::Ordering::Relaxed) {
                    std::hint::black_box(ashyq_server::startup::route_list());
                    n += 1;
                    tokio::task::yield_now().await;
                }
                n
            })
        })
    };
    let client = reqwest::Client::builder()
        .timeout(std::time::Duration::from_secs(10))
        .build()
        .unwrap();
    let mut unfinished = Vec::new();
    for i in 0..60 {
        let path = ["/publications", "/indicators", "/answers", "/"][i % 4];
        match client.get(app.url(path)).send().await {
            Ok(r) if r.status().is_success() => {}
            Ok(r) => unfinished.push(format!("{path}: {}", r.status())),
            Err(e) => unfinished.push(format!("{path}: {e}")),
        }
    }
    stop.store(true, std::sync::atomic::Ordering::Relaxed);
    let routes_found = starting.join().unwrap();
    assert!(routes_found > 0);
    assert!(unfinished.is_empty(), "pages that did not finish: {unfinished:?}");
}

/// A visitor is given the two-year cookie when they first rate or answer,
/// never for looking; pages are fetched again each time, and name their
/// scripts and styles by a hash of their content (kept a year, see below).
async fn no_page_view_sets_a_cookie_and_pages_are_asked_again_each_time(engine: Engine) {
    let app = spawn_app(engine).await;
    let fresh = http_client(true);
    let visitor_cookie = |r: &reqwest::Response| {
        r.headers()
            .get_all("set-cookie")
            .iter()
            .any(|c| c.to_str().unwrap_or("").starts_with("ashyq_visitor="))
    };
    for path in [
        "/",
        "/publications",
        "/surveys",
        "/indicators",
        "/api/v1/publications",
        "/healthz",
    ] {
        let r = fresh.get(app.url(path)).send().await.unwrap();
        assert_eq!(r.status(), 200, "{path}");
        assert!(!visitor_cookie(&r), "{path} set the visitor cookie");
        assert_eq!(r.headers()["cache-control"], "no-cache", "{path}");
        if !path.starts_with("/api") && path != "/healthz" {
            let page = r.text().await.unwrap();
            let at = page
                .find("/pkg/ashyq.css")
                .unwrap_or_else(|| panic!("{path} links its stylesheet"));
            let prefix = &page[..at];
            let version = &prefix[prefix.rfind("/v/").expect("a versioned address") + 3..];
            assert!(
                version.len() == 12 && version.bytes().all(|b| b.is_ascii_hexdigit()),
                "{version}"
            );
        }
    }
    let id = crate::ratings::make_publication(
        &app,
        "Press release",
        app::publications::Kind::PressRelease,
        app::publications::Channel::Website,
    )
    .await;
    let r = fresh
        .post(app.url(&format!("/api/v1/publications/{id}/ratings")))
        .json(&serde_json::json!({"stars": 4, "tone": "positive", "audience": "citizen"}))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 201);
    assert!(visitor_cookie(&r), "a first rating gives the visitor their cookie");
    let again = fresh.get(app.url("/")).send().await.unwrap();
    assert!(!visitor_cookie(&again), "and only once");
}

/// The nonce of a response's CSP, and whether its page carries it.
async fn nonce_and_page(r: reqwest::Response) -> (bool, String, String) {
    let kept = r.headers().get("x-page").is_some_and(|v| v == "kept");
    let csp = r.headers()["content-security-policy"].to_str().unwrap().to_string();
    let nonce = csp
        .split("'nonce-")
        .nth(1)
        .and_then(|s| s.split('\'').next())
        .unwrap()
        .to_string();
    (kept, nonce, r.text().await.unwrap())
}

async fn a_public_page_is_kept_for_visitors_without_cookies_until_the_next_write(engine: Engine) {
    let app = spawn_app(engine).await;
    let id = crate::ratings::make_publication(
        &app,
        "Budget hearing",
        app::publications::Kind::News,
        app::publications::Channel::Website,
    )
    .await;
    let path = format!("/publications/{id}");
    let anyone = http_client(false);
    // The other tests of this process commit writes all the time, and any
    // commit in the process makes kept pages stale (the count of commits is
    // the process's): look for two requests with none between them.
    let mut seen_kept = false;
    for _ in 0..400 {
        let before = app::platform::db::commits();
        let (_, first_nonce, first) = nonce_and_page(anyone.get(app.url(&path)).send().await.unwrap()).await;
        let (kept, nonce, again) = nonce_and_page(anyone.get(app.url(&path)).send().await.unwrap()).await;
        if app::platform::db::commits() != before {
            continue;
        }
        assert!(
            kept,
            "with no write between them, the second request is served the kept page"
        );
        assert!(
            again.contains(&format!("nonce=\"{nonce}\"")),
            "a kept page carries its own response's nonce"
        );
        assert!(!again.contains(&first_nonce), "never the nonce of another response");
        assert_eq!(
            first.replace(&first_nonce, "N"),
            again.replace(&nonce, "N"),
            "the same page"
        );
        seen_kept = true;
        break;
    }
    assert!(seen_kept, "no two requests without a commit between them in 400 tries");
    let none_yet = anyone.get(app.url(&path)).send().await.unwrap().text().await.unwrap();
    assert!(!none_yet.contains("class=\"count\""), "not rated yet");

    // A rating is a commit: the next page shows it, kept or not.
    let rater = http_client(true);
    let r = rater
        .post(app.url(&format!("/api/v1/publications/{id}/ratings")))
        .json(&serde_json::json!({"stars": 5, "tone": "positive", "audience": "citizen"}))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 201);
    let after = anyone.get(app.url(&path)).send().await.unwrap().text().await.unwrap();
    assert!(
        after.contains("<dd class=\"count\">1</dd>"),
        "the rating is counted at once"
    );

    // The rater's own page (their cookie) is always rendered for them.
    for _ in 0..2 {
        let theirs = rater.get(app.url(&path)).send().await.unwrap();
        assert!(
            theirs.headers().get("x-page").is_none(),
            "never a kept page with a cookie of one's own"
        );
    }
    // A member of staff signed in gets every page rendered for them.
    let staff = app.signed_in_client("analyst").await;
    for page in ["/", "/indicators", &path] {
        for _ in 0..2 {
            let r = staff.get(app.url(page)).send().await.unwrap();
            assert!(
                r.headers().get("x-page").is_none(),
                "{page}: never a kept page when signed in"
            );
        }
    }
    // Each language is kept on its own.
    for (lang, word) in [("ru", "lang=\"ru\""), ("en", "lang=\"en\""), ("ru", "lang=\"ru\"")] {
        let page = app.page_in(lang, &path).await;
        assert!(page.contains(&format!("<html {word}")), "{lang}");
    }
}
