//! `/staff/surveys/{id}/export.csv`: one row per response, one column per
//! question, for the staff of the survey's department (and admins).

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
    use crate::platform::{authz::Action, guard::authorize_session};
    if let Err(e) = authorize_session(&st, &session, Action::UseStaffArea).await {
        return crate::platform::security::refusal_page(&e);
    }
    // Unmoderated free texts: only the staff of the survey's department.
    let department_id = match surveys::owner(&st.db, id).await {
        Ok(d) => d,
        Err(e) => return e.into_response(),
    };
    if let Err(e) = authorize_session(&st, &session, Action::ManageSurveys { department_id }).await {
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
