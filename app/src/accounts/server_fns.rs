//! Server functions of staff accounts: who is signed in, signing in and out,
//! and the admin's staff list and form. Each parses, authorises, calls the
//! store and maps errors.

use crate::accounts::{StaffInput, StaffUser};
use crate::error::AppError;
use crate::platform::roles::CurrentUser;
use leptos::prelude::*;

#[cfg(feature = "ssr")]
use crate::{
    accounts,
    platform::{authz::Action, guard, parse::parse_id, sessions},
};

#[server(endpoint = "current_user")]
pub async fn get_current_user() -> Result<Option<CurrentUser>, AppError> {
    Ok(guard::viewer().await?.1)
}

#[server(endpoint = "login")]
pub async fn login(username: String, password: String) -> Result<(), AppError> {
    let st = crate::platform::state::app_state()?;
    let session = guard::session().await?;
    let client = guard::client().await?;
    let user = accounts::sign_in::authenticate(
        &st.db,
        &st.config.limits,
        &username,
        &password,
        &client.limit_text(),
        chrono::Utc::now(),
    )
    .await?;
    let agent = leptos::prelude::use_context::<http::request::Parts>()
        .and_then(|p| {
            p.headers
                .get(http::header::USER_AGENT)
                .and_then(|v| v.to_str().ok())
                .map(str::to_string)
        })
        .unwrap_or_default();
    sessions::sign_in(&st.db, &session, user.id, &agent, chrono::Utc::now()).await?;
    leptos_axum::redirect("/staff");
    Ok(())
}

#[server(endpoint = "logout")]
pub async fn logout() -> Result<(), AppError> {
    let (st, user) = guard::viewer().await?;
    let session = guard::session().await?;
    if let Some(u) = user {
        let mut tx = st.db.begin().await?;
        crate::platform::audit::record(
            &mut tx,
            chrono::Utc::now(),
            crate::platform::audit::Event::Logout,
            Some(u.id),
            Some(u.id),
            "",
        )
        .await?;
        tx.commit().await?;
    }
    sessions::sign_out(&st.db, &session, chrono::Utc::now()).await?;
    leptos_axum::redirect("/");
    Ok(())
}

#[server(endpoint = "admin/users")]
pub async fn admin_users() -> Result<Vec<StaffUser>, AppError> {
    let (st, _) = guard::require(Action::ManageUsers).await?;
    accounts::list(&st.db).await
}

#[server(endpoint = "admin/user")]
pub async fn admin_user(id: i64) -> Result<StaffUser, AppError> {
    let (st, _) = guard::require(Action::ManageUsers).await?;
    accounts::get(&st.db, id).await
}

/// Creates (empty `id`) or updates a staff account, then returns to the list.
#[server(endpoint = "admin/save_user")]
pub async fn save_user(id: String, input: StaffInput) -> Result<(), AppError> {
    let (st, me) = guard::require(Action::ManageUsers).await?;
    let id = parse_id(&id)?;
    let v = accounts::validate(&st.db, &input, id.is_none()).await?;
    let now = chrono::Utc::now();
    match id {
        None => {
            accounts::create(&st.db, Some(me.id), v, now).await?;
        }
        Some(id) => accounts::update(&st.db, Some(me.id), id, v, now).await?,
    }
    leptos_axum::redirect("/admin/users");
    Ok(())
}

#[server(endpoint = "admin/user_active")]
pub async fn set_user_active(id: i64, active: bool) -> Result<(), AppError> {
    let (st, me) = guard::require(Action::ManageUsers).await?;
    accounts::set_active(&st.db, me.id, id, active, chrono::Utc::now()).await
}
