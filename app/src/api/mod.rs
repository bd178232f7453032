//! The public JSON API (open data) under `/api/v1`, its OpenAPI document, and
//! `/healthz`. Handlers parse, call the domain modules and map errors; every
//! error is the JSON shape `{ "error": { "code", "message", "fields" } }`.

pub mod answers;
pub mod departments;
pub mod indicators;
pub mod items;
pub mod json;
pub mod publications;
pub mod surveys;
pub mod topics;

use crate::error::AppError;
use crate::platform::state::AppState;
use axum::extract::State;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use axum::{Json, Router};
use serde::Serialize;
use utoipa::OpenApi;

#[derive(Serialize, utoipa::ToSchema)]
pub struct Health {
    pub status: String,
}

#[derive(OpenApi)]
#[openapi(
    info(
        title = "Ashyq public API",
        version = "1",
        description = "Open data of the Ashyq public feedback portal. Errors are `{\"error\":{\"code\",\"message\",\"fields\"}}`; lists are paged as `{items,total,page,per_page}`."
    ),
    paths(
        healthz,
        crate::api::departments::list_departments,
        crate::api::publications::list,
        crate::api::publications::one,
        crate::api::publications::rate,
        crate::api::topics::list_topics,
        crate::api::items::submit,
        crate::api::items::status,
        crate::api::answers::answers,
        crate::api::surveys::list,
        crate::api::surveys::one,
        crate::api::surveys::respond,
        crate::api::surveys::results,
        crate::api::indicators::indicators
    ),
    components(schemas(
        crate::api::departments::PublicDepartment,
        crate::api::departments::Names,
        crate::api::json::ErrorBody,
        crate::api::json::ErrorDetail,
        crate::error::ErrorCode,
        Health,
        crate::api::publications::PublicationJson,
        crate::api::publications::RatingsJson,
        crate::api::publications::ToneShares,
        crate::api::publications::RatingWrite,
        crate::platform::texts::Texts,
        crate::publications::ToneCounts,
        crate::publications::AudienceSplit,
        crate::publications::Audience,
        crate::publications::Kind,
        crate::publications::Channel,
        crate::publications::Topic,
        crate::answers::ArchiveEntry,
        crate::surveys::AnswerInput,
        crate::items::ItemInput,
        crate::platform::texts::Lang,
        crate::publications::Tone,
        crate::publications::CatalogueSort,
        crate::api::surveys::SurveyJson,
        crate::api::surveys::QuestionJson,
        crate::api::surveys::OptionJson,
        crate::api::surveys::ResponseWrite,
        crate::api::surveys::ResultsJson,
        crate::indicators::Indicators,
        crate::indicators::Span,
        crate::indicators::ChannelRow
    ))
)]
pub struct ApiDoc;

/// `200 {"status":"ok"}` when the database answers, `503` otherwise.
#[utoipa::path(get, path = "/healthz", responses(
    (status = 200, description = "The database answers", body = Health),
    (status = 503, description = "The database does not answer", body = Health)
))]
pub async fn healthz(State(st): State<AppState>) -> Response {
    if st.db.ping().await {
        Json(serde_json::json!({ "status": "ok" })).into_response()
    } else {
        (
            StatusCode::SERVICE_UNAVAILABLE,
            Json(serde_json::json!({ "status": "unavailable" })),
        )
            .into_response()
    }
}

/// The OpenAPI document, with the topic and department codes a question may
/// name listed as they stand in the database now.
pub async fn openapi(State(st): State<AppState>) -> Result<Json<serde_json::Value>, AppError> {
    let mut doc = serde_json::to_value(ApiDoc::openapi()).map_err(AppError::internal)?;
    let topics = crate::publications::topics::codes(&st.db).await?;
    let mut departments: Vec<String> = crate::departments::list(&st.db, false)
        .await?
        .into_iter()
        .map(|d| d.code)
        .collect();
    departments.insert(0, String::new());
    let fields = &mut doc["components"]["schemas"]["ItemInput"]["properties"];
    fields["topic"]["enum"] = serde_json::json!(topics);
    fields["department"]["enum"] = serde_json::json!(departments);
    Ok(Json(doc))
}

async fn api_not_found() -> AppError {
    AppError::not_found()
}

/// An address that exists, asked with a method it does not take.
pub async fn method_not_allowed() -> AppError {
    AppError::new(crate::error::ErrorCode::MethodNotAllowed)
}

/// The `/api/v1` routes and `/healthz`.
pub fn router() -> Router<AppState> {
    Router::new()
        .route("/healthz", get(healthz))
        .route("/api/v1/openapi.json", get(openapi))
        .route("/api/v1/departments", get(crate::api::departments::list_departments))
        .route("/api/v1/publications", get(crate::api::publications::list))
        .route("/api/v1/publications/{id}", get(crate::api::publications::one))
        .route(
            "/api/v1/publications/{id}/ratings",
            axum::routing::post(crate::api::publications::rate),
        )
        .route("/api/v1/topics", get(crate::api::topics::list_topics))
        .route("/api/v1/questions", axum::routing::post(crate::api::items::submit))
        .route("/api/v1/items/{code}", get(crate::api::items::status))
        .route("/api/v1/answers", get(crate::api::answers::answers))
        .route("/api/v1/indicators", get(crate::api::indicators::indicators))
        .route("/api/v1/surveys", get(crate::api::surveys::list))
        .route("/api/v1/surveys/{id}", get(crate::api::surveys::one))
        .route(
            "/api/v1/surveys/{id}/responses",
            axum::routing::post(crate::api::surveys::respond),
        )
        .route("/api/v1/surveys/{id}/results", get(crate::api::surveys::results))
        .route("/api/v1/{*rest}", axum::routing::any(api_not_found))
}
