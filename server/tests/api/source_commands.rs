//! The press-source commands, run as a ministry's operator would against
//! the test's database: `ashyq media sources-import FILE` adds all lines of
//! a CSV file or none, and `ashyq media fetch` reads every source now.

use crate::helpers::*;
use crate::on_both_engines;
use crate::sources::press_site;
use app::platform::db::Engine;
use chrono::Utc;

on_both_engines!(the_commands_add_sources_from_a_file_and_read_them_now);

/// `ashyq media sources-import FILE` and `ashyq media fetch`, run as a
/// ministry's operator would, against the test's database.
async fn the_commands_add_sources_from_a_file_and_read_them_now(engine: Engine) {
    let app = spawn_app(engine).await;
    let site = press_site().await;
    app::media::add_outlet(&app.db, "Press KZ", "online", Utc::now())
        .await
        .unwrap();
    let dir = tempfile::tempdir().unwrap();
    let run = |args: Vec<String>| {
        let (url, key) = (app.database_url.clone(), app.secret_key.clone());
        tokio::task::spawn_blocking(move || {
            std::process::Command::new(env!("CARGO_BIN_EXE_ashyq"))
                .args(args)
                .env("ASHYQ_DATABASE_URL", url)
                .env("ASHYQ_SECURITY__SECRET_KEY", key)
                .env("ASHYQ_MAIL__TRANSPORT", "log")
                .env("ASHYQ_MEDIA__ALLOW_PRIVATE_ADDRESSES", "true")
                .output()
                .unwrap()
        })
    };
    let import = |name: &str, body: String| {
        let file = dir.path().join(name);
        std::fs::write(&file, body).unwrap();
        vec!["media".to_string(), "sources-import".into(), file.display().to_string()]
    };
    let header = "name,kind,url,outlet,media_type,language";
    let bad = import(
        "bad.csv",
        format!("{header}\nPress RSS,rss,{site}/rss.xml,Press KZ,,ru\nRadio,fax,{site}/x,Nobody FM,,\n"),
    );
    let refused = run(bad).await.unwrap();
    assert!(!refused.status.success());
    let why = String::from_utf8_lossy(&refused.stderr);
    assert!(
        why.contains("line 3: kind:") && why.contains("line 3: outlet:"),
        "{why}"
    );
    assert_eq!(
        app.count("SELECT COUNT(*) FROM media_sources").await,
        0,
        "a file with a bad line adds nothing"
    );
    let good = import(
        "good.csv",
        format!("{header}\nPress RSS,rss,{site}/rss.xml,Press KZ,,ru\n"),
    );
    let added = run(good).await.unwrap();
    assert!(added.status.success(), "{}", String::from_utf8_lossy(&added.stderr));
    assert!(String::from_utf8_lossy(&added.stdout).contains("1 sources added"));
    let fetched = run(vec!["media".into(), "fetch".into()]).await.unwrap();
    let out = String::from_utf8_lossy(&fetched.stdout);
    assert!(fetched.status.success(), "{}", String::from_utf8_lossy(&fetched.stderr));
    assert!(
        out.contains("Press RSS: 2 items, 2 new") && out.contains("1 sources read"),
        "{out}"
    );
    assert_eq!(app.count("SELECT COUNT(*) FROM media_items").await, 2);
}
