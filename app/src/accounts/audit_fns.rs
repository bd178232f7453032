//! The admin's reading of the security audit log: one page as a server
//! function, and the whole filtered log as CSV (`GET /admin/audit.csv`).

use crate::accounts::{AuditFilter, AuditPage};
use crate::error::AppError;
use leptos::prelude::*;

#[cfg(feature = "ssr")]
use crate::platform::{authz::Action, guard};

#[server(endpoint = "admin/audit")]
pub async fn audit_log(filter: AuditFilter) -> Result<AuditPage, AppError> {
    let (st, _) = guard::require(Action::ManageUsers).await?;
    guard::with_status(crate::accounts::audit_log::page(&st.db, &filter, st.config.tz()).await)
}

/// `GET /admin/audit.csv?account=&event=&from=&to=`: the filtered log.
#[cfg(feature = "ssr")]
pub async fn audit_csv(
    axum::extract::State(st): axum::extract::State<crate::platform::state::AppState>,
    session: tower_sessions::Session,
    axum::extract::Query(filter): axum::extract::Query<AuditFilter>,
) -> axum::response::Response {
    use axum::response::IntoResponse;
    if let Err(e) = guard::authorize_session(&st, &session, Action::ManageUsers).await {
        return crate::platform::security::refusal_page(&e);
    }
    match crate::accounts::audit_log::csv(&st.db, &filter, st.config.tz()).await {
        Ok(text) => (
            [
                (axum::http::header::CONTENT_TYPE, "text/csv; charset=utf-8"),
                (
                    axum::http::header::CONTENT_DISPOSITION,
                    "attachment; filename=\"audit-log.csv\"",
                ),
            ],
            text,
        )
            .into_response(),
        Err(e) => e.into_response(),
    }
}
