//! Server functions behind the department admin pages and the public lists.

use crate::departments::{Department, DepartmentInput};
use crate::error::AppError;
use leptos::prelude::*;

#[cfg(feature = "ssr")]
use crate::{
    departments,
    platform::{authz::Action, guard, parse::parse_id},
};

/// Active departments, for the public pages.
#[server(endpoint = "departments")]
pub async fn public_departments() -> Result<Vec<Department>, AppError> {
    let st = crate::platform::state::app_state()?;
    departments::public_choices::public_departments(&st).await
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
    // A refused form comes back filled in with what was typed.
    let v = departments::validate(&input).map_err(|e| e.with_input(&input))?;
    let now = chrono::Utc::now();
    match parse_id(&id)? {
        None => {
            departments::create(&st.db, v, now)
                .await
                .map_err(|e| e.with_input(&input))?;
        }
        Some(id) => departments::update(&st.db, id, v, now)
            .await
            .map_err(|e| e.with_input(&input))?,
    }
    leptos_axum::redirect("/admin/departments");
    Ok(())
}

#[server(endpoint = "admin/department_active")]
pub async fn set_department_active(id: i64, active: bool) -> Result<(), AppError> {
    let (st, _) = guard::require(Action::ManageDepartments).await?;
    departments::set_active(&st.db, id, active, chrono::Utc::now()).await
}
