//! Reading API requests at the edge, in the API's error shape: the one
//! reader of JSON writes (JSON only, `Idempotency-Key` honoured, the write
//! run once per key in its own transaction) and the strict readers of paths
//! and queries.

use crate::error::{AppError, ErrorCode, FieldCode};
use crate::platform::client::ClientAddr;
use crate::platform::db::{Db, Tx};
use crate::platform::group_commit::{GroupCommit, WriteFuture};
use crate::platform::idempotency;
use crate::platform::visitor::Visitor;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};

/// API writes take only JSON (`415` otherwise): a cross-site HTML form can
/// post JSON-looking text/plain without a CORS preflight.
pub fn require_json(headers: &axum::http::HeaderMap) -> Result<(), AppError> {
    let is_json = headers
        .get(axum::http::header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| v.starts_with("application/json"));
    if is_json {
        Ok(())
    } else {
        Err(AppError {
            code: ErrorCode::UnsupportedMediaType,
            ..AppError::field("Content-Type", FieldCode::JsonRequired)
        })
    }
}

/// The one way an API write is read: a JSON object (`415` for another
/// content type, `400` for a body that is not a JSON object), the
/// request's checked `Idempotency-Key`, and who sent it (for the key's scope).
pub struct JsonWrite {
    pub json: serde_json::Value,
    pub key: Option<String>,
    client: KeyOwner,
}

/// The client a key belongs to: its visitor (and whether it brought the
/// cookie) and its address.
struct KeyOwner {
    visitor_hash: String,
    returning: bool,
    address: String,
}

impl<S: Send + Sync> axum::extract::FromRequest<S> for JsonWrite {
    type Rejection = AppError;

    async fn from_request(req: axum::extract::Request, state: &S) -> Result<Self, AppError> {
        require_json(req.headers())?;
        let key = idempotency::key_from(req.headers())?;
        let ext = req.extensions();
        let client = KeyOwner {
            visitor_hash: ext.get::<Visitor>().map(Visitor::hash).unwrap_or_default(),
            returning: ext.get::<Visitor>().is_some_and(Visitor::returning),
            address: ext.get::<ClientAddr>().map(|a| a.limit_text()).unwrap_or_default(),
        };
        let bytes = axum::body::Bytes::from_request(req, state).await.map_err(|e| {
            if e.status() == axum::http::StatusCode::PAYLOAD_TOO_LARGE {
                AppError::new(ErrorCode::PayloadTooLarge)
            } else {
                AppError::bad_request("body", FieldCode::Invalid)
            }
        })?;
        match serde_json::from_slice::<serde_json::Value>(&bytes) {
            Ok(json) if json.is_object() => Ok(JsonWrite { json, key, client }),
            _ => Err(AppError::bad_request("body", FieldCode::InvalidJson)),
        }
    }
}

/// What a write answers now, and what a repeat with its key will get (the
/// same, unless the answer holds a secret that is shown once).
pub struct Answer {
    pub status: StatusCode,
    pub body: String,
    pub replay: String,
}

impl Answer {
    pub fn same(status: StatusCode, body: String) -> Answer {
        Answer {
            status,
            replay: body.clone(),
            body,
        }
    }
}

impl JsonWrite {
    /// The body as `T`; a body of another shape is a `400`.
    pub fn parse<T: serde::de::DeserializeOwned>(&self) -> Result<T, AppError> {
        serde_json::from_value(self.json.clone()).map_err(|_| AppError::bad_request("body", FieldCode::InvalidJson))
    }

    /// Runs `write` in one transaction, once per `Idempotency-Key`: the key
    /// is reserved in that transaction before the write and the answer
    /// stored in it after, so a repeat (also one sent at the same moment)
    /// gets the first answer and never a second record; a key reused with
    /// another request (`parts` and the body) is a `409`. Without a key the
    /// write simply runs. `write` must use only the transaction it is given.
    pub async fn once(
        &self,
        db: &Db,
        write_name: &str,
        parts: &[&str],
        write: impl AsyncFnOnce(&mut Tx) -> Result<Answer, AppError>,
    ) -> Result<Response, AppError> {
        let (scopes, request) = self.scopes_and_request(write_name, parts);
        let mut tx = db.begin().await?;
        if let Some(stored) = reserve(&mut tx, self.key.as_deref(), &scopes, &request).await? {
            tx.commit().await?;
            return Ok(json_response(stored.0, stored.1));
        }
        let answer = write(&mut tx).await?;
        remember(&mut tx, self.key.as_deref(), &scopes, &answer).await?;
        tx.commit().await?;
        Ok(json_response(answer.status, answer.body))
    }

    /// [`once`](Self::once) for a write that shares its commit with the
    /// writes around it (see `platform::group_commit`): answered once that
    /// commit is on disk.
    pub async fn once_grouped<F>(
        &self,
        writes: &GroupCommit,
        write_name: &str,
        parts: &[&str],
        write: F,
    ) -> Result<Response, AppError>
    where
        F: for<'t> FnOnce(&'t mut Tx) -> WriteFuture<'t, Answer> + Send + 'static,
    {
        let (scopes, request) = self.scopes_and_request(write_name, parts);
        let key = self.key.clone();
        let (status, body) = writes
            .write(move |tx: &mut Tx| -> WriteFuture<'_, (StatusCode, String)> {
                Box::pin(async move {
                    if let Some(stored) = reserve(tx, key.as_deref(), &scopes, &request).await? {
                        return Ok(stored);
                    }
                    let answer = write(tx).await?;
                    remember(tx, key.as_deref(), &scopes, &answer).await?;
                    Ok((answer.status, answer.body))
                })
            })
            .await?;
        Ok(json_response(status, body))
    }

    /// The key's scopes (this client) and the fingerprint of the request.
    fn scopes_and_request(&self, write_name: &str, parts: &[&str]) -> (Vec<String>, String) {
        let body = self.json.to_string();
        let request = idempotency::fingerprint(&[parts, &[body.as_str()]].concat());
        let scopes = match &self.key {
            Some(_) => {
                let c = &self.client;
                idempotency::client_scopes(write_name, &c.visitor_hash, c.returning, &c.address)
            }
            None => Vec::new(),
        };
        (scopes, request)
    }
}

/// Reserves `key` in `tx`; the stored answer when a request with it came first.
async fn reserve(
    tx: &mut Tx,
    key: Option<&str>,
    scopes: &[String],
    request: &str,
) -> Result<Option<(StatusCode, String)>, AppError> {
    let Some(key) = key else { return Ok(None) };
    Ok(idempotency::reserve(tx, scopes, key, request, chrono::Utc::now())
        .await?
        .map(|stored| {
            (
                StatusCode::from_u16(stored.status).unwrap_or(StatusCode::OK),
                stored.body,
            )
        }))
}

/// Stores the answer a repeat with `key` will get, in the write's transaction.
async fn remember(tx: &mut Tx, key: Option<&str>, scopes: &[String], answer: &Answer) -> Result<(), AppError> {
    match key {
        Some(key) => idempotency::answer(tx, scopes, key, answer.status.as_u16(), &answer.replay).await,
        None => Ok(()),
    }
}

fn json_response(status: StatusCode, body: String) -> Response {
    (status, [(axum::http::header::CONTENT_TYPE, "application/json")], body).into_response()
}

/// The query of an API read: `400` in the API's error shape for a
/// parameter the operation does not take (with `deny_unknown_fields`) or one
/// it cannot read.
pub struct StrictQuery<T>(pub T);

impl<S: Send + Sync, T: serde::de::DeserializeOwned> axum::extract::FromRequestParts<S> for StrictQuery<T> {
    type Rejection = AppError;

    async fn from_request_parts(parts: &mut axum::http::request::Parts, state: &S) -> Result<Self, AppError> {
        axum::extract::Query::<T>::from_request_parts(parts, state)
            .await
            .map(|q| StrictQuery(q.0))
            .map_err(|_| AppError::bad_request("query", FieldCode::Invalid))
    }
}

/// A path parameter such as an id: `400` when it cannot be read (not a
/// number, beyond the 64-bit range).
pub struct StrictPath<T>(pub T);

impl<S: Send + Sync, T: serde::de::DeserializeOwned + Send> axum::extract::FromRequestParts<S> for StrictPath<T> {
    type Rejection = AppError;

    async fn from_request_parts(parts: &mut axum::http::request::Parts, state: &S) -> Result<Self, AppError> {
        axum::extract::Path::<T>::from_request_parts(parts, state)
            .await
            .map(|p| StrictPath(p.0))
            .map_err(|_| AppError::bad_request("path", FieldCode::Invalid))
    }
}
