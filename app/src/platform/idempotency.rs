//! `Idempotency-Key` on API writes: the same key with the same body gives
//! the first answer again and never a second record; the same key with
//! another body is refused. The key is reserved inside the write's own
//! transaction and the answer stored in that same transaction, so a
//! concurrent repeat waits for the first and gets its answer (PostgreSQL
//! holds it on the key's unique index; SQLite has one writer). Keys belong
//! to the client that sent them: its visitor cookie, and, for a client that
//! sent no cookie, its address. Records are kept for [`KEEP_HOURS`].

use crate::error::{AppError, FieldCode};
use crate::on_tx;
use crate::platform::db::Tx;
use chrono::{DateTime, Utc};
use sha2::{Digest, Sha256};

/// How long a key is remembered; the worker removes older records.
pub const KEEP_HOURS: i64 = 24;

/// What a key already answered: the status and the JSON body.
pub struct Stored {
    pub status: u16,
    pub body: String,
}

/// A fingerprint of the request a key was first used with.
pub fn fingerprint(parts: &[&str]) -> String {
    let mut h = Sha256::new();
    for p in parts {
        h.update((p.len() as u64).to_le_bytes());
        h.update(p.as_bytes());
    }
    hex::encode(h.finalize())
}

/// Checks a client's key: 1 to 200 visible ASCII characters.
pub fn check_key(key: &str) -> Result<(), AppError> {
    if key.is_empty() || key.len() > 200 || !key.bytes().all(|b| b.is_ascii_graphic()) {
        return Err(AppError::bad_request("Idempotency-Key", FieldCode::Invalid));
    }
    Ok(())
}

/// The request's `Idempotency-Key` header, checked, if it has one.
pub fn key_from(headers: &axum::http::HeaderMap) -> Result<Option<String>, AppError> {
    match headers.get("idempotency-key") {
        None => Ok(None),
        Some(k) => {
            let k = k
                .to_str()
                .map_err(|_| AppError::bad_request("Idempotency-Key", FieldCode::Invalid))?
                .to_string();
            check_key(&k)?;
            Ok(Some(k))
        }
    }
}

/// The scopes a client's keys live in: `v:` its visitor (the cookie it sent,
/// or the one this answer sets) and, when it sent no cookie, `a:` its
/// address too, so a client without a cookie jar is still recognised.
pub fn client_scopes(write: &str, visitor_hash: &str, returning: bool, address: &str) -> Vec<String> {
    let mut scopes = vec![format!("{write}|v:{visitor_hash}")];
    if !returning {
        scopes.push(format!("{write}|a:{address}"));
    }
    scopes
}

/// Reserves `key` in every scope inside `tx`, before the write. `None`: the
/// key is new and the write may run; `Some`: the stored answer of an earlier
/// request with this key, now also stored under this request's other scopes
/// (a client that got its cookie from a repeat is still known by it). A key
/// reused with another request is a `conflict` on the `Idempotency-Key` field.
pub async fn reserve(
    tx: &mut Tx,
    scopes: &[String],
    key: &str,
    request: &str,
    now: DateTime<Utc>,
) -> Result<Option<Stored>, AppError> {
    for (i, scope) in scopes.iter().enumerate() {
        let inserted = on_tx!(tx, |c| sqlx::query(
            "INSERT INTO idempotency_keys (scope, idem_key, request_hash, status, body, created_at) \
             VALUES ($1, $2, $3, 0, '', $4) ON CONFLICT (scope, idem_key) DO NOTHING"
        )
        .bind(scope)
        .bind(key)
        .bind(request)
        .bind(now)
        .execute(c)
        .await
        .map(|r| r.rows_affected()))?;
        if inserted == 1 {
            continue;
        }
        let (hash, status, body): (String, i32, String) = on_tx!(tx, |c| sqlx::query_as(
            "SELECT request_hash, status, body FROM idempotency_keys WHERE scope = $1 AND idem_key = $2"
        )
        .bind(scope)
        .bind(key)
        .fetch_one(c)
        .await)?;
        if hash != request {
            return Err(AppError::conflict(
                "Idempotency-Key",
                FieldCode::ReusedWithAnotherRequest,
            ));
        }
        if status == 0 {
            // Only a record written outside a write's transaction could be
            // seen half-way; answered like a request still running.
            return Err(AppError::conflict("Idempotency-Key", FieldCode::StillRunning));
        }
        let reserved: Vec<String> = scopes[..i].to_vec();
        answer(tx, &reserved, key, status as u16, &body).await?;
        for other in &scopes[i + 1..] {
            on_tx!(tx, |c| sqlx::query(
                "INSERT INTO idempotency_keys (scope, idem_key, request_hash, status, body, created_at) \
                 VALUES ($1, $2, $3, $4, $5, $6) ON CONFLICT (scope, idem_key) DO NOTHING"
            )
            .bind(other)
            .bind(key)
            .bind(request)
            .bind(status)
            .bind(&body)
            .bind(now)
            .execute(c)
            .await
            .map(|r| r.rows_affected()))?;
        }
        return Ok(Some(Stored {
            status: status as u16,
            body,
        }));
    }
    Ok(None)
}

/// Stores the answer a repeat of the request will get, in the write's
/// transaction.
pub async fn answer(tx: &mut Tx, scopes: &[String], key: &str, status: u16, body: &str) -> Result<(), AppError> {
    for scope in scopes {
        on_tx!(tx, |c| sqlx::query(
            "UPDATE idempotency_keys SET status = $3, body = $4 WHERE scope = $1 AND idem_key = $2"
        )
        .bind(scope)
        .bind(key)
        .bind(status as i32)
        .bind(body)
        .execute(c)
        .await
        .map(|r| r.rows_affected()))?;
    }
    Ok(())
}

/// Forgets keys older than [`KEEP_HOURS`] (the worker's pass).
pub async fn forget_old(db: &crate::platform::db::Db, now: DateTime<Utc>) -> Result<u64, AppError> {
    let mut tx = db.begin().await?;
    let n = on_tx!(&mut tx, |c| sqlx::query(
        "DELETE FROM idempotency_keys WHERE created_at < $1"
    )
    .bind(now - chrono::Duration::hours(KEEP_HOURS))
    .execute(c)
    .await
    .map(|r| r.rows_affected()))?;
    tx.commit().await?;
    Ok(n)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fingerprints_tell_requests_apart_even_when_parts_shift() {
        assert_ne!(fingerprint(&["ab", "c"]), fingerprint(&["a", "bc"]));
        assert_eq!(fingerprint(&["a", "b"]), fingerprint(&["a", "b"]));
    }

    #[test]
    fn keys_must_be_short_visible_ascii() {
        assert!(check_key("3f1c-22").is_ok());
        assert!(check_key("").is_err());
        assert!(check_key("has space").is_err());
        assert!(check_key(&"k".repeat(201)).is_err());
    }

    #[test]
    fn a_client_without_a_cookie_is_also_known_by_its_address() {
        assert_eq!(client_scopes("q", "h", true, "10.0.0.1"), vec!["q|v:h"]);
        assert_eq!(
            client_scopes("q", "h", false, "10.0.0.1"),
            vec!["q|v:h", "q|a:10.0.0.1"]
        );
    }
}
