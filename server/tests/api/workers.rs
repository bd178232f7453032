//! Background work that never runs twice (PRODUCT.md: "several server
//! processes share one database and background work never runs twice"): two
//! `ashyq serve` processes on one PostgreSQL send each reminder and each
//! escalation exactly once.

use crate::helpers::*;
use app::inbox::item_actions::{act, Act};
use app::platform::db::{Db, Engine};
use std::process::{Child, Command, Stdio};
use std::time::Duration;

struct Server(Child);

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

fn serve(database_url: &str, mail_dir: &std::path::Path) -> Server {
    let port = std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port();
    let child = Command::new(env!("CARGO_BIN_EXE_ashyq"))
        .arg("serve")
        .env_clear()
        .env("PATH", std::env::var("PATH").unwrap_or_default())
        .env("ASHYQ_DATABASE_URL", database_url)
        .env("ASHYQ_BIND", format!("127.0.0.1:{port}"))
        .env("ASHYQ_BASE_URL", format!("http://127.0.0.1:{port}"))
        .env("ASHYQ_MAIL__TRANSPORT", "file")
        .env("ASHYQ_MAIL__DIR", mail_dir)
        .env("ASHYQ_MAIL__POLL_SECS", "1")
        .env("ASHYQ_WORKERS__EVERY_SECS", "1")
        .env("ASHYQ_LOG", "warn")
        .stdout(Stdio::null())
        .stderr(Stdio::inherit())
        .spawn()
        .expect("start ashyq serve");
    Server(child)
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn two_server_processes_on_one_postgresql_send_each_reminder_exactly_once() {
    let dir = tempfile::tempdir().unwrap();
    let url = fresh_database(Engine::Postgres, dir.path()).await;
    let db = Db::connect(&url).await.expect("connect and migrate");
    app::demo::seed_demo(&db).await.unwrap();
    let config = app::platform::config::Config {
        database_url: url.clone(),
        ..Default::default()
    };
    let officer = app::on_read!(&db, |c| sqlx::query_as::<_, (i64,)>(
        "SELECT id FROM users WHERE username = 'media.officer'"
    )
    .fetch_one(c)
    .await)
    .unwrap()
    .0;
    let admin = app::platform::sessions::user_by_id(&db, 1).await.unwrap().unwrap();
    let cal = app::items::workdays::load(&db).await.unwrap();
    let tz = config.tz();
    let now = chrono::Utc::now();
    let today = now.with_timezone(&tz).date_naive();
    // Ten assigned press queries due tomorrow (a reminder each) and ten
    // overdue ones (an escalation each to the media-relations head).
    let due_soon = app::items::workdays::end_of(cal.add_working_days(today, 1), tz);
    let overdue = now - chrono::Duration::hours(1);
    for n in 0..20 {
        let mut q = crate::inbox::press_query();
        q.subject = format!("Query {n}");
        let item = app::items::submit(&db, &config, &q, now).await.unwrap();
        act(
            &db,
            &config,
            &admin,
            &item.tracking_code,
            &Act::Assign { user_id: officer },
            now,
        )
        .await
        .unwrap();
        let due = if n < 10 { due_soon } else { overdue };
        app::on_read!(&db, |c| sqlx::query(
            "UPDATE items SET due_at = $1 WHERE tracking_code = $2"
        )
        .bind(due)
        .bind(&item.tracking_code)
        .execute(c)
        .await
        .map(|r| r.rows_affected()))
        .unwrap();
    }
    // Everything queued so far (acknowledgements, assignments) is already sent.
    app::on_read!(&db, |c| sqlx::query("UPDATE outbox SET sent_at = created_at")
        .execute(c)
        .await
        .map(|r| r.rows_affected()))
    .unwrap();
    let mail = dir.path().join("mail");
    std::fs::create_dir_all(&mail).unwrap();

    let (_a, _b) = (serve(&url, &mail), serve(&url, &mail));
    let count = |sql: &'static str| {
        let db = db.clone();
        async move { app::on_read!(&db, |c| sqlx::query_scalar::<_, i64>(sql).fetch_one(c).await).unwrap() }
    };
    let deadline = std::time::Instant::now() + Duration::from_secs(60);
    loop {
        let sent =
            count("SELECT COUNT(*) FROM outbox WHERE kind IN ('reminder', 'escalation') AND sent_at IS NOT NULL").await;
        if sent >= 20 || std::time::Instant::now() > deadline {
            break;
        }
        tokio::time::sleep(Duration::from_millis(300)).await;
    }
    // Let both processes run several more passes: nothing may be added.
    tokio::time::sleep(Duration::from_secs(4)).await;
    assert_eq!(count("SELECT COUNT(*) FROM outbox WHERE kind = 'reminder'").await, 10);
    assert_eq!(count("SELECT COUNT(*) FROM outbox WHERE kind = 'escalation'").await, 10);
    assert_eq!(
        count("SELECT COUNT(*) FROM outbox WHERE kind IN ('reminder', 'escalation') AND sent_at IS NULL").await,
        0,
        "all delivered"
    );
    // A head's daily summary (if the hour has come) also goes out once.
    let summaries = count("SELECT COUNT(*) FROM outbox WHERE kind = 'summary'").await;
    assert!(summaries <= 1, "{summaries} summaries for one head with items");
    tokio::time::sleep(Duration::from_secs(1)).await;
    let delivered = std::fs::read_dir(&mail)
        .unwrap()
        .filter(|e| e.as_ref().unwrap().path().extension().is_some_and(|x| x == "eml"))
        .count() as i64;
    assert_eq!(
        delivered,
        20 + summaries,
        "each message delivered once, by one of the two processes"
    );
    assert_eq!(
        count("SELECT COUNT(*) FROM item_events WHERE kind = 'escalated'").await,
        10
    );
}
