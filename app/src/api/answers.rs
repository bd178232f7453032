//! `GET /api/v1/answers`: the public archive of published answers.

use crate::api::json::StrictQuery;
use crate::error::AppError;
use crate::platform::state::AppState;
use axum::extract::State;
use axum::Json;
use serde::Deserialize;

#[derive(Deserialize, utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
#[serde(deny_unknown_fields)]
pub struct AnswerParams {
    /// Topic code.
    #[serde(default)]
    pub topic: String,
    /// Department code.
    #[serde(default)]
    pub department: String,
    /// Words in the question or the answer, or a tracking code.
    #[serde(default)]
    pub q: String,
    #[serde(default)]
    #[param(minimum = 1)]
    pub page: Option<i64>,
}

/// The public archive: answers published with the submitter's consent,
/// newest first, beside the question without personal data.
#[utoipa::path(get, path = "/api/v1/answers", params(AnswerParams), responses(
    (status = 200, description = "`{items: [{tracking_code, kind, topic, department, question, answer, received_at, answered_at}], total, page, per_page}`"),
    (status = 400, description = "A parameter the operation does not take, or one it cannot read", body = crate::api::json::ErrorBody),
    (status = 422, description = "`page` is below 1", body = crate::api::json::ErrorBody)
))]
pub async fn answers(
    State(st): State<AppState>,
    StrictQuery(p): StrictQuery<AnswerParams>,
) -> Result<Json<crate::api::json::Page<crate::answers::ArchiveEntry>>, AppError> {
    let page = p.page.unwrap_or(1);
    if page < 1 {
        return Err(AppError::field("page", crate::error::FieldCode::Invalid));
    }
    let page = crate::answers::list(
        &st.db,
        &crate::answers::ArchiveQuery {
            topic: p.topic,
            department: p.department,
            q: p.q,
            // A page past the last is empty; past u32 it is as far as any.
            page: u32::try_from(page).unwrap_or(u32::MAX),
        },
    )
    .await?;
    Ok(Json(crate::api::json::Page {
        items: page.entries,
        total: page.total,
        page: page.page as i64,
        per_page: page.per_page as i64,
    }))
}
