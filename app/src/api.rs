//! Server functions: thin shells that parse, authorise, call the domain
//! modules in `ssr` and map errors. Pages call them; forms post to them.

use crate::error::AppError;
use crate::model::{CurrentUser, Department, DepartmentInput, StaffInput, StaffUser};
use leptos::prelude::*;

#[cfg(feature = "ssr")]
use crate::ssr::{accounts, authz::Action, departments, guard, sessions};

#[cfg(feature = "ssr")]
fn parse_id(id: &str) -> Result<Option<i64>, AppError> {
    let id = id.trim();
    if id.is_empty() {
        return Ok(None);
    }
    id.parse().map(Some).map_err(|_| AppError::not_found())
}

#[server(endpoint = "current_user")]
pub async fn get_current_user() -> Result<Option<CurrentUser>, AppError> {
    Ok(guard::viewer().await?.1)
}

#[server(endpoint = "login")]
pub async fn login(username: String, password: String) -> Result<(), AppError> {
    let st = crate::ssr::state::app_state()?;
    let session = guard::session().await?;
    let user = accounts::authenticate(&st.db, &st.config.limits, &username, &password, chrono::Utc::now()).await?;
    sessions::sign_in(&session, user.id).await?;
    leptos_axum::redirect("/staff");
    Ok(())
}

#[server(endpoint = "logout")]
pub async fn logout() -> Result<(), AppError> {
    let (st, user) = guard::viewer().await?;
    let session = guard::session().await?;
    if let Some(u) = user {
        let mut tx = st.db.begin().await?;
        crate::ssr::audit::record(
            &mut tx,
            chrono::Utc::now(),
            crate::ssr::audit::Event::Logout,
            Some(u.id),
            Some(u.id),
            "",
        )
        .await?;
        tx.commit().await?;
    }
    sessions::sign_out(&session).await?;
    leptos_axum::redirect("/");
    Ok(())
}

/// Active departments, for the public pages.
#[server(endpoint = "departments")]
pub async fn public_departments() -> Result<Vec<Department>, AppError> {
    let st = crate::ssr::state::app_state()?;
    departments::list(&st.db, false).await
}

#[server(endpoint = "admin/departments")]
pub async fn admin_departments() -> Result<Vec<Department>, AppError> {
    let (st, _) = guard::require(Action::ManageDepartments).await?;
    departments::list(&st.db, true).await
}

#[server(endpoint = "admin/department")]
pub async fn admin_department(id: i64) -> Result<Department, AppError> {
    let (st, _) = guard::require(Action::ManageDepartments).await?;
    departments::get(&st.db, id).await
}

/// Creates (empty `id`) or updates a department, then returns to the list.
#[server(endpoint = "admin/save_department")]
pub async fn save_department(id: String, input: DepartmentInput) -> Result<(), AppError> {
    let (st, _) = guard::require(Action::ManageDepartments).await?;
    let v = departments::validate(&input)?;
    let now = chrono::Utc::now();
    match parse_id(&id)? {
        None => {
            departments::create(&st.db, v, now).await?;
        }
        Some(id) => departments::update(&st.db, id, v, now).await?,
    }
    leptos_axum::redirect("/admin/departments");
    Ok(())
}

#[server(endpoint = "admin/department_active")]
pub async fn set_department_active(id: i64, active: bool) -> Result<(), AppError> {
    let (st, _) = guard::require(Action::ManageDepartments).await?;
    departments::set_active(&st.db, id, active, chrono::Utc::now()).await
}

#[server(endpoint = "admin/users")]
pub async fn admin_users() -> Result<Vec<StaffUser>, AppError> {
    let (st, _) = guard::require(Action::ManageUsers).await?;
    accounts::list(&st.db, chrono::Utc::now()).await
}

#[server(endpoint = "admin/user")]
pub async fn admin_user(id: i64) -> Result<StaffUser, AppError> {
    let (st, _) = guard::require(Action::ManageUsers).await?;
    accounts::get(&st.db, id, chrono::Utc::now()).await
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
