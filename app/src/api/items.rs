//! `/api/v1` routes for questions and press queries.

use crate::error::{AppError, FieldCode};
use crate::items::{self, ItemInput, ItemStatus, Submitted};
use crate::platform::{idempotency, state::AppState};
use axum::extract::{Path, Query, State};
use axum::http::{HeaderMap, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::Json;
use serde::Deserialize;

/// Asks a question (`kind: question`) or files a press query
/// (`kind: press_query`, `outlet` required). Answers `201` with the tracking
/// code and the secret status link; an acknowledgement email goes out too.
#[utoipa::path(post, path = "/api/v1/questions",
    params(("Idempotency-Key" = Option<String>, Header, description = "Repeating a write with the same key and body returns the first answer")),
    responses(
        (status = 201, description = "`{tracking_code, token, status_url, due_at}`"),
        (status = 409, description = "The Idempotency-Key was used with another request", body = crate::api::json::ErrorBody),
        (status = 422, description = "A field is not valid", body = crate::api::json::ErrorBody),
        (status = 429, description = "Too many writes from this address", body = crate::api::json::ErrorBody)
    ))]
pub async fn submit(
    State(st): State<AppState>,
    headers: HeaderMap,
    body: axum::body::Bytes,
) -> Result<Response, AppError> {
    crate::api::json::require_json(&headers)?;
    let input: ItemInput =
        serde_json::from_slice(&body).map_err(|_| AppError::field("body", FieldCode::InvalidJson))?;
    let key = idempotency::key_from(&headers)?;
    let request = idempotency::fingerprint(&[&String::from_utf8_lossy(&body)]);
    if let Some(k) = &key {
        let mut tx = st.db.begin().await?;
        let found = idempotency::lookup(&mut tx, "questions", k, &request).await?;
        tx.commit().await?;
        if let Some(stored) = found {
            return Ok((
                StatusCode::from_u16(stored.status).unwrap_or(StatusCode::CREATED),
                [(axum::http::header::CONTENT_TYPE, "application/json")],
                stored.body,
            )
                .into_response());
        }
    }
    let done: Submitted = items::submit(&st.db, &st.config, &input, chrono::Utc::now()).await?;
    let body = serde_json::to_string(&done).map_err(AppError::internal)?;
    if let Some(k) = &key {
        let mut tx = st.db.begin().await?;
        idempotency::store(&mut tx, "questions", k, &request, 201, &body, chrono::Utc::now()).await?;
        tx.commit().await?;
    }
    Ok((
        StatusCode::CREATED,
        [(axum::http::header::CONTENT_TYPE, "application/json")],
        body,
    )
        .into_response())
}

#[derive(Deserialize, utoipa::IntoParams)]
pub struct TokenParam {
    /// The secret from the status link.
    #[serde(default)]
    pub token: String,
}

/// The status and published answer of one item, for whoever holds its link.
#[utoipa::path(get, path = "/api/v1/items/{tracking_code}", params(("tracking_code" = String, Path), TokenParam), responses(
    (status = 200, description = "`{tracking_code, kind, status, department, received_at, due_at, answer}`"),
    (status = 404, description = "Unknown code or wrong token (the same answer)", body = crate::api::json::ErrorBody)
))]
pub async fn status(
    State(st): State<AppState>,
    Path(code): Path<String>,
    Query(t): Query<TokenParam>,
) -> Result<Json<ItemStatus>, AppError> {
    Ok(Json(items::status(&st.db, &code, &t.token).await?))
}
