//! `/staff/surveys/{id}/export.csv`: one row per response, one column per
//! question, for the staff who may build surveys.

use crate::platform::state::AppState;
use crate::surveys::{self, responses};
use axum::extract::{Path, State};
use axum::response::{IntoResponse, Response};
use chrono::Utc;
use serde::Deserialize;

#[derive(Deserialize)]
pub struct LangParam {
    /// The language of the column headers and option names.
    #[serde(default)]
    pub lang: String,
}

/// `GET /staff/surveys/{id}/export.csv`: one row per response, one column per
/// question, for staff who manage surveys (free texts included: staff only).
pub async fn export_csv(
    State(st): State<AppState>,
    session: tower_sessions::Session,
    Path(id): Path<i64>,
    axum::extract::Query(q): axum::extract::Query<LangParam>,
) -> Response {
    let action = crate::platform::authz::Action::ManageSurveys;
    if let Err(e) = crate::platform::guard::authorize_session(&st, &session, action).await {
        return crate::platform::security::refusal_page(&e);
    }
    let out = async {
        let s = surveys::load(&st.db, id, Utc::now()).await?;
        responses::csv(&st.db, &s, &q.lang).await
    }
    .await;
    match out {
        Ok(text) => (
            [
                (axum::http::header::CONTENT_TYPE, "text/csv; charset=utf-8".to_string()),
                (
                    axum::http::header::CONTENT_DISPOSITION,
                    format!("attachment; filename=\"survey-{id}.csv\""),
                ),
            ],
            text,
        )
            .into_response(),
        Err(e) => e.into_response(),
    }
}
