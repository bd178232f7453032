//! The public JSON API (open data) under `/api/v1`, its OpenAPI document, and
//! `/healthz`. Handlers parse, call the domain modules and map errors; every
//! error is the JSON shape `{ "error": { "code", "message", "fields" } }`.

use crate::error::AppError;
use crate::model::Department;
use crate::ssr::{departments, state::AppState};
use axum::extract::State;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use axum::{Json, Router};
use serde::Serialize;
use utoipa::OpenApi;

/// A page of a list: `{ "items": [...], "total": n, "page": p, "per_page": k }`.
#[derive(Serialize, utoipa::ToSchema)]
pub struct Page<T> {
    pub items: Vec<T>,
    pub total: i64,
    pub page: i64,
    pub per_page: i64,
}

/// A department as the public sees it (no head, no internal state).
#[derive(Serialize, utoipa::ToSchema)]
pub struct PublicDepartment {
    pub id: i64,
    pub code: String,
    pub name: Names,
    pub email: String,
}

#[derive(Serialize, utoipa::ToSchema)]
pub struct Names {
    pub kk: String,
    pub ru: String,
    pub en: String,
}

impl From<Department> for PublicDepartment {
    fn from(d: Department) -> Self {
        PublicDepartment {
            id: d.id,
            code: d.code,
            name: Names {
                kk: d.name_kk,
                ru: d.name_ru,
                en: d.name_en,
            },
            email: d.email,
        }
    }
}

/// The error body of every failed API call.
#[derive(Serialize, utoipa::ToSchema)]
pub struct ErrorBody {
    pub error: ErrorDetail,
}

#[derive(Serialize, utoipa::ToSchema)]
pub struct ErrorDetail {
    /// A stable code such as `validation`, `not_found`, `rate_limited`.
    pub code: String,
    /// An English description of the code, for people reading raw responses.
    pub message: String,
    /// Field name → a stable code such as `required` or `too_long`.
    pub fields: std::collections::BTreeMap<String, String>,
}

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
        list_departments,
        crate::ssr::api_publications::list,
        crate::ssr::api_publications::one,
        crate::ssr::api_publications::rate,
        crate::ssr::api_publications::list_topics,
        crate::ssr::api_items::submit,
        crate::ssr::api_items::status,
        crate::ssr::api_items::answers,
        crate::ssr::api_surveys::list,
        crate::ssr::api_surveys::one,
        crate::ssr::api_surveys::respond,
        crate::ssr::api_surveys::results,
        crate::ssr::api_items::indicators
    ),
    components(schemas(
        PublicDepartment,
        Names,
        ErrorBody,
        ErrorDetail,
        Health,
        crate::ssr::api_publications::PublicationJson,
        crate::ssr::api_publications::RatingsJson,
        crate::ssr::api_publications::ToneShares,
        crate::ssr::api_publications::RatingWrite,
        crate::catalogue::Texts,
        crate::catalogue::ToneCounts,
        crate::catalogue::AudienceSplit,
        crate::catalogue::Audience,
        crate::catalogue::Kind,
        crate::catalogue::Channel,
        crate::catalogue::Topic,
        crate::inbox::ArchiveEntry,
        crate::surveys::Texts3,
        crate::surveys::AnswerInput,
        crate::ssr::api_surveys::SurveyJson,
        crate::ssr::api_surveys::QuestionJson,
        crate::ssr::api_surveys::OptionJson,
        crate::ssr::api_surveys::ResponseWrite,
        crate::ssr::api_surveys::ResultsJson,
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

/// The body's active departments, with names in kk/ru/en.
#[utoipa::path(get, path = "/api/v1/departments", responses(
    (status = 200, description = "Departments, as one page `{items,total,page,per_page}`"),
    (status = 500, description = "Internal error", body = ErrorBody)
))]
pub async fn list_departments(State(st): State<AppState>) -> Result<Json<Page<PublicDepartment>>, AppError> {
    let items: Vec<PublicDepartment> = departments::list(&st.db, false)
        .await?
        .into_iter()
        .map(Into::into)
        .collect();
    let total = items.len() as i64;
    Ok(Json(Page {
        per_page: total.max(1),
        items,
        total,
        page: 1,
    }))
}

/// API writes take only JSON: a cross-site HTML form can post JSON-looking
/// text/plain without a CORS preflight.
pub fn require_json(headers: &axum::http::HeaderMap) -> Result<(), AppError> {
    let is_json = headers
        .get(axum::http::header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| v.starts_with("application/json"));
    if is_json {
        Ok(())
    } else {
        Err(AppError::field("Content-Type", "json_required"))
    }
}

pub async fn openapi() -> Json<utoipa::openapi::OpenApi> {
    Json(ApiDoc::openapi())
}

async fn api_not_found() -> AppError {
    AppError::not_found()
}

/// The `/api/v1` routes and `/healthz`.
pub fn router() -> Router<AppState> {
    Router::new()
        .route("/healthz", get(healthz))
        .route("/api/v1/openapi.json", get(openapi))
        .route("/api/v1/departments", get(list_departments))
        .route("/api/v1/publications", get(crate::ssr::api_publications::list))
        .route("/api/v1/publications/{id}", get(crate::ssr::api_publications::one))
        .route(
            "/api/v1/publications/{id}/ratings",
            axum::routing::post(crate::ssr::api_publications::rate),
        )
        .route("/api/v1/topics", get(crate::ssr::api_publications::list_topics))
        .route("/api/v1/questions", axum::routing::post(crate::ssr::api_items::submit))
        .route("/api/v1/items/{code}", get(crate::ssr::api_items::status))
        .route("/api/v1/answers", get(crate::ssr::api_items::answers))
        .route("/api/v1/indicators", get(crate::ssr::api_items::indicators))
        .route("/api/v1/surveys", get(crate::ssr::api_surveys::list))
        .route("/api/v1/surveys/{id}", get(crate::ssr::api_surveys::one))
        .route(
            "/api/v1/surveys/{id}/responses",
            axum::routing::post(crate::ssr::api_surveys::respond),
        )
        .route("/api/v1/surveys/{id}/results", get(crate::ssr::api_surveys::results))
        .route("/api/v1/{*rest}", axum::routing::any(api_not_found))
}
