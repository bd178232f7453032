//! `GET /api/v1/topics`: topic codes with names in kk/ru/en.

use crate::api::json::Page;
use crate::error::AppError;
use crate::platform::state::AppState;
use crate::publications::{topics, Topic};
use axum::extract::State;
use axum::Json;

/// Topic codes with names in kk/ru/en.
#[utoipa::path(get, path = "/api/v1/topics", responses((status = 200, description = "A page of topics")))]
pub async fn list_topics(State(st): State<AppState>) -> Result<Json<Page<Topic>>, AppError> {
    let items = topics::list(&st.db).await?;
    let total = items.len() as i64;
    Ok(Json(Page {
        per_page: total.max(1),
        items,
        total,
        page: 1,
    }))
}
