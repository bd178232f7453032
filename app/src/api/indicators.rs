//! `GET /api/v1/indicators`: the opinion indicators with the previous period.

use crate::api::json::StrictQuery;
use crate::error::AppError;
use crate::platform::state::AppState;
use axum::extract::State;
use axum::Json;

/// The opinion indicators for a period (default: the last 30 days) beside the
/// previous period of the same length, with sample sizes.
#[utoipa::path(get, path = "/api/v1/indicators", params(crate::indicators::IndicatorQuery), responses(
    (status = 200, body = crate::indicators::Indicators),
    (status = 400, description = "A parameter the operation does not take", body = crate::api::json::ErrorBody),
    (status = 422, description = "A filter is not valid", body = crate::api::json::ErrorBody)
))]
pub async fn indicators(
    State(st): State<AppState>,
    StrictQuery(q): StrictQuery<crate::indicators::IndicatorQuery>,
) -> Result<Json<crate::indicators::Indicators>, AppError> {
    Ok(Json(
        st.caches
            .get::<crate::indicators::public_cache::PublicIndicators>()
            .figures(&st.db, &q, st.config.tz(), chrono::Utc::now())
            .await?,
    ))
}
