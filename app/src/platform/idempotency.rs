//! `Idempotency-Key` on API writes: the same key with the same body gives the
//! stored answer again and never a second record; the same key with another
//! body is refused. The record is written in the write's own transaction.

use crate::error::{AppError, FieldCode};
use crate::on_tx;
use crate::platform::db::Tx;
use chrono::{DateTime, Utc};
use sha2::{Digest, Sha256};

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

/// The earlier answer to `key` in `scope`, if any. A key reused with a
/// different request is a `conflict` on the `Idempotency-Key` field.
pub async fn lookup(tx: &mut Tx, scope: &str, key: &str, request: &str) -> Result<Option<Stored>, AppError> {
    let row: Option<(String, i32, String)> = on_tx!(tx, |c| sqlx::query_as(
        "SELECT request_hash, status, body FROM idempotency_keys WHERE scope = $1 AND idem_key = $2"
    )
    .bind(scope)
    .bind(key)
    .fetch_optional(c)
    .await)?;
    match row {
        None => Ok(None),
        Some((hash, status, body)) if hash == request => Ok(Some(Stored {
            status: status as u16,
            body,
        })),
        Some(_) => Err(AppError::conflict(
            "Idempotency-Key",
            FieldCode::ReusedWithAnotherRequest,
        )),
    }
}

pub async fn store(
    tx: &mut Tx,
    scope: &str,
    key: &str,
    request: &str,
    status: u16,
    body: &str,
    now: DateTime<Utc>,
) -> Result<(), AppError> {
    on_tx!(tx, |c| {
        sqlx::query(
        "INSERT INTO idempotency_keys (scope, idem_key, request_hash, status, body, created_at) VALUES ($1, $2, $3, $4, $5, $6)"
    )
    .bind(scope)
    .bind(key)
    .bind(request)
    .bind(status as i32)
    .bind(body)
    .bind(now)
    .execute(c)
    .await
    .map(|r| r.rows_affected())
    })?;
    Ok(())
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
}
