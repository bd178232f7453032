//! Reading API requests at the edge, in the API's error shape: the one
//! reader of JSON writes (JSON only, `Idempotency-Key` honoured, the write
//! run once per key in its own transaction) and the strict readers of paths
//! and queries.

use crate::error::{AppError, ErrorCode, FieldCode};
use crate::platform::client::ClientAddr;
use crate::platform::db::{Db, Tx};
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
        let body = self.json.to_string();
        let request = idempotency::fingerprint(&[parts, &[body.as_str()]].concat());
        let mut tx = db.begin().await?;
        let scopes = match &self.key {
            Some(key) => {
                let c = &self.client;
                let scopes = idempotency::client_scopes(write_name, &c.visitor_hash, c.returning, &c.address);
                if let Some(stored) = idempotency::reserve(&mut tx, &scopes, key, &request, chrono::Utc::now()).await? {
                    tx.commit().await?;
                    return Ok(json_response(
                        StatusCode::from_u16(stored.status).unwrap_or(StatusCode::OK),
                        stored.body,
                    ));
                }
                scopes
            }
            None => Vec::new(),
        };
        let answer = write(&mut tx).await?;
        if let Some(key) = &self.key {
            idempotency::answer(&mut tx, &scopes, key, answer.status.as_u16(), &answer.replay).await?;
        }
        tx.commit().await?;
        Ok(json_response(answer.status, answer.body))
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
