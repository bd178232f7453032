//! Reading API requests at the edge, in the API's error shape: the one
//! reader of JSON writes (JSON only, `Idempotency-Key` honoured, the write
//! run once per key) and the strict readers of paths and queries.

use crate::error::{AppError, ErrorCode, FieldCode};
use crate::platform::{db::Db, idempotency};
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
/// content type, `400` for a body that is not a JSON object) and the
/// request's checked `Idempotency-Key`.
pub struct JsonWrite {
    pub json: serde_json::Value,
    pub key: Option<String>,
}

impl<S: Send + Sync> axum::extract::FromRequest<S> for JsonWrite {
    type Rejection = AppError;

    async fn from_request(req: axum::extract::Request, state: &S) -> Result<Self, AppError> {
        require_json(req.headers())?;
        let key = idempotency::key_from(req.headers())?;
        let bytes = axum::body::Bytes::from_request(req, state).await.map_err(|e| {
            if e.status() == axum::http::StatusCode::PAYLOAD_TOO_LARGE {
                AppError::new(ErrorCode::PayloadTooLarge)
            } else {
                AppError::bad_request("body", FieldCode::Invalid)
            }
        })?;
        match serde_json::from_slice::<serde_json::Value>(&bytes) {
            Ok(json) if json.is_object() => Ok(JsonWrite { json, key }),
            _ => Err(AppError::bad_request("body", FieldCode::InvalidJson)),
        }
    }
}

impl JsonWrite {
    /// The body as `T`; a body of another shape is a `400`.
    pub fn parse<T: serde::de::DeserializeOwned>(&self) -> Result<T, AppError> {
        serde_json::from_value(self.json.clone()).map_err(|_| AppError::bad_request("body", FieldCode::InvalidJson))
    }

    /// Runs `write` once per `Idempotency-Key` in `scope`: a repeat of the
    /// same request (`parts` and the body) gets the stored answer again, a
    /// key reused with another request is a `409`, and without a key the
    /// write simply runs. `write` answers with a status and a JSON body.
    pub async fn once(
        &self,
        db: &Db,
        scope: &str,
        parts: &[&str],
        write: impl AsyncFnOnce() -> Result<(StatusCode, String), AppError>,
    ) -> Result<Response, AppError> {
        let body = self.json.to_string();
        let request = idempotency::fingerprint(&[parts, &[body.as_str()]].concat());
        if let Some(key) = &self.key {
            let mut tx = db.begin().await?;
            let found = idempotency::lookup(&mut tx, scope, key, &request).await?;
            tx.commit().await?;
            if let Some(stored) = found {
                return Ok(json_response(
                    StatusCode::from_u16(stored.status).unwrap_or(StatusCode::OK),
                    stored.body,
                ));
            }
        }
        let (status, answer) = write().await?;
        if let Some(key) = &self.key {
            let mut tx = db.begin().await?;
            if idempotency::lookup(&mut tx, scope, key, &request).await?.is_none() {
                idempotency::store(
                    &mut tx,
                    scope,
                    key,
                    &request,
                    status.as_u16(),
                    &answer,
                    chrono::Utc::now(),
                )
                .await?;
            }
            tx.commit().await?;
        }
        Ok(json_response(status, answer))
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
