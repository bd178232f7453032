//! `/api/v1` routes for questions and press queries.

use crate::api::json::{Answer, ErrorBody, JsonWrite, StrictPath, StrictQuery};
use crate::error::AppError;
use crate::items::{self, ItemInput, ItemStatus, Submitted};
use crate::platform::db::Tx;
use crate::platform::state::AppState;
use axum::extract::State;
use axum::http::StatusCode;
use axum::response::Response;
use axum::Json;
use serde::Deserialize;

/// Asks a question (`kind: question`) or files a press query
/// (`kind: press_query`, `outlet` required). Answers `201` with the tracking
/// code and the secret status link; an acknowledgement email goes out too.
/// A repeat with the same `Idempotency-Key` gets the code, the due date and
/// where the link was sent, never the secret again.
#[utoipa::path(post, path = "/api/v1/questions",
    params(crate::api::json::IdempotencyKey),
    request_body = ItemInput,
    responses(
        (status = 201, description = "`{tracking_code, token, status_url, status_link_sent_to, due_at}`; a repeat with the same Idempotency-Key: the same without `token` and `status_url`"),
        (status = 400, description = "The body is not a JSON object of this shape, or the Idempotency-Key is not valid", body = ErrorBody),
        (status = 409, description = "The Idempotency-Key was used with another request", body = ErrorBody),
        (status = 413, description = "The body is too large", body = ErrorBody),
        (status = 415, description = "The body is not `application/json`", body = ErrorBody),
        (status = 422, description = "A field is not valid: `fields` names each", body = ErrorBody),
        (status = 429, description = "Too many writes from this address", body = ErrorBody)
    ))]
pub async fn submit(State(st): State<AppState>, write: JsonWrite) -> Result<Response, AppError> {
    let input: ItemInput = write.parse()?;
    let now = chrono::Utc::now();
    let prepared = items::prepare(&st.db, &st.config, &input, now).await;
    write
        .once(&st.db, "questions", &[], async |tx: &mut Tx| {
            let done: Submitted = items::record(tx, &st.config, &prepared?, now).await?;
            let body = serde_json::to_string(&done).map_err(AppError::internal)?;
            let replay = serde_json::to_string(&done.without_secret()).map_err(AppError::internal)?;
            Ok(Answer {
                status: StatusCode::CREATED,
                body,
                replay,
            })
        })
        .await
}

#[derive(Deserialize, utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
#[serde(deny_unknown_fields)]
pub struct TokenParam {
    /// The secret from the status link.
    #[serde(default)]
    pub token: String,
}

/// The status and published answer of one item, for whoever holds its link.
#[utoipa::path(get, path = "/api/v1/items/{tracking_code}", params(("tracking_code" = String, Path), TokenParam), responses(
    (status = 200, description = "`{tracking_code, kind, status, department, received_at, due_at, answer}`"),
    (status = 400, description = "A parameter the operation does not take", body = ErrorBody),
    (status = 404, description = "Unknown code or wrong token (the same answer)", body = ErrorBody)
))]
pub async fn status(
    State(st): State<AppState>,
    StrictPath(code): StrictPath<String>,
    StrictQuery(t): StrictQuery<TokenParam>,
) -> Result<Json<ItemStatus>, AppError> {
    Ok(Json(items::status(&st.db, &code, &t.token).await?))
}
