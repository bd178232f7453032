//! The email outbox: written with the change, delivered once, retried with
//! backoff, given up after the last attempt.

use crate::helpers::*;
use crate::on_both_engines;
use app::platform::config::MailConfig;
use app::platform::db::Engine;
use app::platform::mailer::Mailer;
use app::platform::outbox::{self, NewMessage};
use chrono::Utc;

on_both_engines!(
    a_message_enqueued_with_a_change_is_delivered_once,
    a_rolled_back_change_sends_no_email,
    a_failing_server_is_retried_later_and_given_up_after_the_last_attempt,
    two_workers_never_deliver_the_same_message_twice,
    an_acknowledgement_never_waits_behind_a_thousand_digests,
);

fn msg(i: usize) -> NewMessage {
    NewMessage {
        to: format!("citizen{i}@example.kz"),
        subject: format!("Message {i}"),
        body_text: "Hello".into(),
        kind: "test".into(),
    }
}

fn file_mailer(dir: &std::path::Path) -> Mailer {
    Mailer::from_config(&MailConfig {
        transport: "file".into(),
        dir: dir.display().to_string(),
        ..MailConfig::default()
    })
    .unwrap()
}

fn eml_count(dir: &std::path::Path) -> usize {
    std::fs::read_dir(dir)
        .map(|d| {
            d.filter_map(Result::ok)
                .filter(|e| e.path().extension().is_some_and(|x| x == "eml"))
                .count()
        })
        .unwrap_or(0)
}

async fn a_message_enqueued_with_a_change_is_delivered_once(engine: Engine) {
    let app = spawn_app_with(engine, |c| c.mail.poll_secs = 3600).await;
    let dir = tempfile::tempdir().unwrap();
    let mut tx = app.db.begin().await.unwrap();
    outbox::enqueue(&mut tx, &msg(1), Utc::now()).await.unwrap();
    tx.commit().await.unwrap();
    let mailer = file_mailer(dir.path());
    outbox::deliver_batch(&app.db, &mailer, 5, 10).await.unwrap();
    outbox::deliver_batch(&app.db, &mailer, 5, 10).await.unwrap();
    // The app's own worker may have claimed it first (it polls at start):
    // wait until it is sent by whichever worker took it.
    for _ in 0..50 {
        if outbox::counts(&app.db).await.unwrap() == (0, 1, 0) {
            break;
        }
        tokio::time::sleep(std::time::Duration::from_millis(100)).await;
    }
    assert_eq!(outbox::counts(&app.db).await.unwrap(), (0, 1, 0));
    assert_eq!(
        eml_count(dir.path()) + eml_count(&app.mail_dir),
        1,
        "one delivery in all"
    );
}

async fn a_rolled_back_change_sends_no_email(engine: Engine) {
    let app = spawn_app(engine).await;
    let mut tx = app.db.begin().await.unwrap();
    outbox::enqueue(&mut tx, &msg(1), Utc::now()).await.unwrap();
    drop(tx); // rolled back
    assert_eq!(outbox::counts(&app.db).await.unwrap(), (0, 0, 0));
}

async fn a_failing_server_is_retried_later_and_given_up_after_the_last_attempt(engine: Engine) {
    let app = spawn_app_with(engine, |c| c.mail.poll_secs = 3600).await;
    // Nothing listens on this port: every delivery fails.
    let closed = std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port();
    let mailer = Mailer::from_config(&MailConfig {
        transport: "smtp".into(),
        smtp_host: "127.0.0.1".into(),
        smtp_port: closed,
        smtp_security: "none".into(),
        ..MailConfig::default()
    })
    .unwrap();
    // Let the app's own worker finish its first (empty) poll.
    tokio::time::sleep(std::time::Duration::from_millis(300)).await;
    let mut tx = app.db.begin().await.unwrap();
    let id = outbox::enqueue(&mut tx, &msg(1), Utc::now()).await.unwrap();
    tx.commit().await.unwrap();
    let r = outbox::deliver_batch(&app.db, &mailer, 2, 10).await.unwrap();
    assert_eq!((r.sent, r.retried, r.failed), (0, 1, 0));
    // Not due again at once: the backoff holds it back.
    let r = outbox::deliver_batch(&app.db, &mailer, 2, 10).await.unwrap();
    assert_eq!((r.sent, r.retried, r.failed), (0, 0, 0));
    let due = Utc::now() - chrono::Duration::seconds(1);
    let mut tx = app.db.begin().await.unwrap();
    app::on_tx!(&mut tx, |c| sqlx::query(
        "UPDATE outbox SET next_attempt_at = $1 WHERE id = $2"
    )
    .bind(due)
    .bind(id)
    .execute(c)
    .await
    .map(|_| ()))
    .unwrap();
    tx.commit().await.unwrap();
    let r = outbox::deliver_batch(&app.db, &mailer, 2, 10).await.unwrap();
    assert_eq!(
        (r.sent, r.retried, r.failed),
        (0, 0, 1),
        "the second failure is the last attempt"
    );
    assert_eq!(outbox::counts(&app.db).await.unwrap(), (0, 0, 1));
    // Admins see it on the delivery page, the recipient masked; nobody else does.
    let admin = app.signed_in_client("admin").await;
    let r = app
        .post_form_with(&admin, "/api/admin/mail", &Vec::<(&str, &str)>::new())
        .await;
    assert_eq!(r.status(), 200);
    let page: serde_json::Value = r.json().await.unwrap();
    assert_eq!(page["failed"], 1);
    let failure = &page["failures"][0];
    assert_eq!(failure["subject"], "Message 1");
    assert_eq!(failure["to"], "c***@example.kz");
    assert!(!failure["error"].as_str().unwrap().is_empty(), "{failure}");
    let officer = app.signed_in_client("media.officer").await;
    let r = app
        .post_form_with(&officer, "/api/admin/mail", &Vec::<(&str, &str)>::new())
        .await;
    assert_eq!(r.status(), 403);
}

async fn two_workers_never_deliver_the_same_message_twice(engine: Engine) {
    let app = spawn_app_with(engine, |c| c.mail.poll_secs = 3600).await;
    tokio::time::sleep(std::time::Duration::from_millis(300)).await;
    let mut tx = app.db.begin().await.unwrap();
    for i in 0..40 {
        outbox::enqueue(&mut tx, &msg(i), Utc::now()).await.unwrap();
    }
    tx.commit().await.unwrap();
    let (a, b) = (tempfile::tempdir().unwrap(), tempfile::tempdir().unwrap());
    let (ma, mb) = (file_mailer(a.path()), file_mailer(b.path()));
    let (db1, db2) = (app.db.clone(), app.db.clone());
    let w1 = tokio::spawn(async move {
        let mut n = 0;
        for _ in 0..10 {
            n += outbox::deliver_batch(&db1, &ma, 5, 3).await.unwrap().sent;
        }
        n
    });
    let w2 = tokio::spawn(async move {
        let mut n = 0;
        for _ in 0..10 {
            n += outbox::deliver_batch(&db2, &mb, 5, 3).await.unwrap().sent;
        }
        n
    });
    let (n1, n2) = (w1.await.unwrap(), w2.await.unwrap());
    assert_eq!(n1 + n2, 40, "every message sent exactly once ({n1} + {n2})");
    assert_eq!(eml_count(a.path()) + eml_count(b.path()), 40);
}

/// PRODUCT.md's citizens come first: with a real SMTP server and a backlog of
/// 1,000 digests, an acknowledgement written after them arrives within 5 s,
/// ahead of most of them, over a reused connection.
async fn an_acknowledgement_never_waits_behind_a_thousand_digests(engine: Engine) {
    let sink = crate::smtp_sink::start().await;
    let app = spawn_app_with(engine, |c| {
        c.mail.transport = "smtp".into();
        c.mail.smtp_host = "127.0.0.1".into();
        c.mail.smtp_port = sink.port;
        c.mail.smtp_security = "none".into();
        c.mail.poll_secs = 1;
    })
    .await;
    let mut tx = app.db.begin().await.unwrap();
    for i in 0..1000 {
        let digest = NewMessage {
            to: format!("head{i}@example.kz"),
            subject: format!("Digest {i}"),
            body_text: "Ten pages of press.".into(),
            kind: "digest".into(),
        };
        outbox::enqueue(&mut tx, &digest, Utc::now()).await.unwrap();
    }
    tx.commit().await.unwrap();
    // Let the worker get going on the backlog, then a citizen asks.
    for _ in 0..100 {
        if !sink.received().is_empty() {
            break;
        }
        tokio::time::sleep(std::time::Duration::from_millis(50)).await;
    }
    let asked = std::time::Instant::now();
    let r = app
        .client
        .post(app.url("/api/v1/questions"))
        .json(
            &serde_json::json!({"kind": "question", "topic": "youth", "subject": "Centre", "text": "When does it open?",
            "name": "Asel", "email": "asel@example.kz", "language": "en", "consent_to_publish": false}),
        )
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 201);
    let ack = loop {
        if let Some(m) = sink
            .received()
            .into_iter()
            .find(|m| m.subject.starts_with("We received your request"))
        {
            break m;
        }
        assert!(
            asked.elapsed() < std::time::Duration::from_secs(10),
            "no acknowledgement after 10 s"
        );
        tokio::time::sleep(std::time::Duration::from_millis(20)).await;
    };
    let waited = ack.at.duration_since(asked);
    let digests_before = sink
        .received()
        .iter()
        .filter(|m| m.subject.starts_with("Digest") && m.at < ack.at)
        .count();
    println!("acknowledgement after {waited:?}, behind {digests_before} of 1,000 digests");
    assert!(
        waited < std::time::Duration::from_secs(5),
        "the acknowledgement took {waited:?}"
    );
    assert!(
        digests_before < 1000,
        "it went before the rest of the backlog ({digests_before} digests first)"
    );
    // The whole backlog still goes, over far fewer connections than messages.
    for _ in 0..600 {
        if sink.received().len() >= 1001 {
            break;
        }
        tokio::time::sleep(std::time::Duration::from_millis(100)).await;
    }
    assert_eq!(sink.received().len(), 1001);
    println!("1,001 messages over {} SMTP connections", sink.connections());
    assert!(
        sink.connections() < 50,
        "{} connections for 1,001 messages",
        sink.connections()
    );
}
