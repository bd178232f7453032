//! The security audit log: sign-ins, failures, second factors, refusals,
//! role and account changes, each with the client address and user agent of
//! the request. Rows name user ids, never passwords, codes or free text typed
//! by the public.

use crate::on_tx;
use crate::platform::db::Tx;
use chrono::{DateTime, Utc};

pub use crate::platform::audit_event::Event;

/// Writes one audit row inside the caller's transaction, so the event and the
/// change it records commit together, with the client address and user agent
/// of the request that caused it (empty for commands and background jobs).
pub async fn record(
    tx: &mut Tx,
    at: DateTime<Utc>,
    event: Event,
    actor: Option<i64>,
    subject: Option<i64>,
    detail: &str,
) -> Result<(), sqlx::Error> {
    let origin = crate::platform::client::current_origin();
    on_tx!(tx, |c| {
        sqlx::query(
            "INSERT INTO audit_log (at, event, actor_user_id, subject_user_id, detail, client, user_agent) \
             VALUES ($1, $2, $3, $4, $5, $6, $7)",
        )
        .bind(at)
        .bind(event.as_str())
        .bind(actor)
        .bind(subject)
        .bind(detail)
        .bind(&origin.client)
        .bind(&origin.user_agent)
        .execute(c)
        .await
        .map(|r| r.rows_affected())
    })?;
    tracing::info!(event = event.as_str(), actor, subject, "audit");
    Ok(())
}

/// The newest `limit` audit events as `(event, actor, subject, detail)`.
pub async fn recent(
    db: &crate::platform::db::Db,
    limit: i64,
) -> Result<Vec<(String, Option<i64>, Option<i64>, String)>, sqlx::Error> {
    crate::on_read!(db, |c| {
        sqlx::query_as("SELECT event, actor_user_id, subject_user_id, detail FROM audit_log ORDER BY id DESC LIMIT $1")
            .bind(limit)
            .fetch_all(c)
            .await
    })
}
