//! An acknowledged rating survives the server's sudden death: ratings share
//! commits (group commit), and each is answered only once its commit is on
//! disk. The real `ashyq serve` process is killed with SIGKILL while sixteen
//! new visitors rate as fast as they can; after a restart every rating that
//! was answered `201` is counted, on SQLite and on PostgreSQL.

use crate::helpers::*;
use app::platform::db::Engine;
use std::process::{Child, Command, Stdio};
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::sync::Arc;
use std::time::Duration;

const CLIENTS: usize = 16;

struct Server(Child);

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

async fn serve(database_url: &str, dir: &std::path::Path) -> (Server, String) {
    let port = std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port();
    let base = format!("http://127.0.0.1:{port}");
    let child = Command::new(env!("CARGO_BIN_EXE_ashyq"))
        .arg("serve")
        .env_clear()
        .env("PATH", std::env::var("PATH").unwrap_or_default())
        .env("ASHYQ_DATABASE_URL", database_url)
        .env("ASHYQ_BIND", format!("127.0.0.1:{port}"))
        .env("ASHYQ_BASE_URL", &base)
        // Demo mode: the publications and their ratings, seeded at start.
        .env("ASHYQ_DEMO", "true")
        .env("ASHYQ_MAIL__TRANSPORT", "log")
        .env("ASHYQ_LIMITS__ANONYMOUS_BURST", "1000000000")
        .env("ASHYQ_SECURITY__SECRET_KEY_FILE", dir.join("secret.key"))
        .env("ASHYQ_LOG", "error")
        .stdout(Stdio::null())
        .stderr(Stdio::inherit())
        .spawn()
        .expect("start ashyq serve");
    let server = Server(child);
    let client = reqwest::Client::new();
    for _ in 0..600 {
        if client
            .get(format!("{base}/healthz"))
            .send()
            .await
            .is_ok_and(|r| r.status().is_success())
        {
            return (server, base);
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    panic!("ashyq serve did not answer on {base}");
}

/// The publication's rating count as the public API reports it.
async fn rating_count(base: &str, id: i64) -> i64 {
    let p: serde_json::Value = reqwest::get(format!("{base}/api/v1/publications/{id}"))
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    p["ratings"]["count"]
        .as_i64()
        .unwrap_or_else(|| panic!("no ratings.count in {p}"))
}

async fn every_acknowledged_rating_survives_sigkill(engine: Engine) {
    let dir = tempfile::tempdir().unwrap();
    let url = fresh_database(engine, dir.path()).await;

    let (mut server, base) = serve(&url, dir.path()).await;
    let list: serde_json::Value = reqwest::get(format!("{base}/api/v1/publications?per_page=1"))
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    let id = list["items"][0]["id"]
        .as_i64()
        .unwrap_or_else(|| panic!("no publication in {list}"));
    let before = rating_count(&base, id).await;

    let acknowledged = Arc::new(AtomicUsize::new(0));
    let stop = Arc::new(AtomicBool::new(false));
    let mut clients = Vec::new();
    for n in 0..CLIENTS {
        let (acknowledged, stop, url) = (
            acknowledged.clone(),
            stop.clone(),
            format!("{base}/api/v1/publications/{id}/ratings"),
        );
        clients.push(tokio::spawn(async move {
            // No cookie store: every rating comes from a new visitor.
            let client = reqwest::Client::new();
            let body = serde_json::json!({"stars": 1 + n % 5, "tone": "neutral", "audience": "citizen"});
            while !stop.load(Ordering::Relaxed) {
                match client.post(&url).json(&body).send().await {
                    Ok(r) if r.status() == reqwest::StatusCode::CREATED => {
                        acknowledged.fetch_add(1, Ordering::SeqCst);
                    }
                    Ok(r) if r.status().is_success() => panic!("a new visitor's rating answered {}", r.status()),
                    Ok(r) if r.status().is_server_error() => panic!("a rating answered {} under load", r.status()),
                    _ => tokio::time::sleep(Duration::from_millis(5)).await,
                }
            }
        }));
    }
    // Kill the server in the middle of the writes, without warning.
    tokio::time::sleep(Duration::from_millis(1500)).await;
    server.0.kill().expect("SIGKILL the server");
    server.0.wait().unwrap();
    stop.store(true, Ordering::Relaxed);
    for c in clients {
        c.await.expect("no client saw a 5xx or a replacement");
    }
    let acknowledged = acknowledged.load(Ordering::SeqCst) as i64;
    assert!(
        acknowledged > 20,
        "only {acknowledged} ratings were written before the kill"
    );

    let (_server, base) = serve(&url, dir.path()).await;
    let counted = rating_count(&base, id).await - before;
    assert!(
        counted >= acknowledged,
        "{acknowledged} ratings were acknowledged, but only {counted} are counted after the restart"
    );
    // A rating is counted at most once; at most the writes in flight at the
    // kill (one per client) were committed without their answer arriving.
    assert!(
        counted <= acknowledged + CLIENTS as i64,
        "{counted} counted for {acknowledged} acknowledged"
    );
}

crate::on_both_engines!(every_acknowledged_rating_survives_sigkill);
