//! What every staff server function does first: find the state, the signed-in
//! user and check the action with [`authorize`]. A refusal during a page
//! render also sets the page's HTTP status (401 or 403).

use crate::error::AppError;
use crate::platform::authz::{authorize, Action};
use crate::platform::roles::CurrentUser;
use crate::platform::sessions;
use crate::platform::state::{app_state, AppState};
use tower_sessions::Session;

pub async fn session() -> Result<Session, AppError> {
    leptos_axum::extract::<Session>()
        .await
        .map_err(|e| AppError::internal(format!("no session layer: {e}")))
}

/// The signed-in user, if any.
pub async fn viewer() -> Result<(AppState, Option<CurrentUser>), AppError> {
    let st = app_state()?;
    let session = session().await?;
    let user = sessions::current_user(
        &st.db,
        st.config.security.session_lifetime(),
        &session,
        chrono::Utc::now(),
    )
    .await?;
    Ok((st, user))
}

/// The state and the signed-in user, if they may perform `action`.
pub async fn require(action: Action) -> Result<(AppState, CurrentUser), AppError> {
    let (st, user) = viewer().await?;
    match authorize(user.as_ref(), action) {
        Ok(()) => Ok((st, user.expect("authorize checked"))),
        Err(e) => {
            record_refusal(&st.db, user.as_ref(), action).await?;
            with_status(Err(e))
        }
    }
}

/// A signed-in staff member refused an action is a security event (someone
/// probing beyond their role); an anonymous visitor sent to sign in is not.
async fn record_refusal(
    db: &crate::platform::db::Db,
    user: Option<&CurrentUser>,
    action: Action,
) -> Result<(), AppError> {
    if let Some(u) = user {
        let mut tx = db.begin().await?;
        let detail = format!("{action:?}");
        crate::platform::audit::record(
            &mut tx,
            chrono::Utc::now(),
            crate::platform::audit::Event::AccessRefused,
            Some(u.id),
            Some(u.id),
            &detail,
        )
        .await?;
        tx.commit().await?;
    }
    Ok(())
}

/// On an error, gives the response the status that fits its code (422, 403…),
/// except for a plain form post, which must stay a redirect back to the form.
pub fn with_status<T>(r: Result<T, AppError>) -> Result<T, AppError> {
    if let Err(e) = &r {
        use leptos::prelude::use_context;
        let plain_form = use_context::<http::request::Parts>()
            .filter(|p| p.method == http::Method::POST)
            .and_then(|p| {
                p.headers
                    .get(http::header::ACCEPT)
                    .and_then(|v| v.to_str().ok())
                    .map(|a| a.contains("text/html"))
            })
            .unwrap_or(false);
        if !plain_form {
            if let (Some(res), Ok(status)) = (
                use_context::<leptos_axum::ResponseOptions>(),
                http::StatusCode::from_u16(e.code.http_status()),
            ) {
                res.set_status(status);
            }
        }
    }
    r
}

/// The anonymous visitor of this request (set by the visitor-cookie layer).
pub async fn visitor() -> Option<crate::platform::visitor::Visitor> {
    leptos::prelude::use_context::<http::request::Parts>()
        .and_then(|p| p.extensions.get::<crate::platform::visitor::Visitor>().cloned())
}

/// The client of this request (set by the client-address layer).
pub async fn client() -> Result<crate::platform::client::ClientAddr, AppError> {
    leptos::prelude::use_context::<http::request::Parts>()
        .and_then(|p| p.extensions.get::<crate::platform::client::ClientAddr>().copied())
        .ok_or_else(|| AppError::internal("no client-address layer"))
}

/// The user agent of this request (empty when it sent none).
pub fn user_agent() -> String {
    leptos::prelude::use_context::<http::request::Parts>()
        .and_then(|p| {
            p.headers
                .get(http::header::USER_AGENT)
                .and_then(|v| v.to_str().ok())
                .map(str::to_string)
        })
        .unwrap_or_default()
}

/// Sets the HTTP status of the page being rendered.
pub fn set_status(code: u16) {
    if let (Some(res), Ok(status)) = (
        leptos::prelude::use_context::<leptos_axum::ResponseOptions>(),
        http::StatusCode::from_u16(code),
    ) {
        res.set_status(status);
    }
}

/// For a plain axum handler (a file upload, a CSV download): the signed-in
/// user of `session`, if they may perform `action`.
pub async fn authorize_session(st: &AppState, session: &Session, action: Action) -> Result<CurrentUser, AppError> {
    let user = sessions::current_user(
        &st.db,
        st.config.security.session_lifetime(),
        session,
        chrono::Utc::now(),
    )
    .await?;
    if let Err(e) = authorize(user.as_ref(), action) {
        record_refusal(&st.db, user.as_ref(), action).await?;
        return Err(e);
    }
    Ok(user.expect("authorize checked"))
}
