//! Server functions of staff accounts: who is signed in, signing out, and
//! the admin's staff list and form (with the reset of a second factor). Each parses, authorises, calls the
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

/// An admin removes a colleague's second factor (a lost phone): it is set
/// up again at their next sign-in, and their sessions end.
#[server(endpoint = "admin/reset_factor")]
pub async fn reset_factor(id: i64) -> Result<(), AppError> {
    let (st, me) = guard::require(Action::ManageUsers).await?;
    accounts::second_factor::reset(&st.db, me.id, id, chrono::Utc::now()).await?;
    leptos_axum::redirect("/admin/users?factor_reset=1");
    Ok(())
}

/// An admin signs a colleague out everywhere (a laptop left open, a phone
/// stolen) without changing anything else.
#[server(endpoint = "admin/end_sessions")]
pub async fn end_user_sessions(id: i64) -> Result<(), AppError> {
    let (st, me) = guard::require(Action::ManageUsers).await?;
    crate::platform::staff_sessions::end_all_by_admin(&st.db, me.id, Some(id), chrono::Utc::now()).await?;
    leptos_axum::redirect("/admin/users?sessions_ended=1");
    Ok(())
}
