//! `GET /api/v1/departments`: the body's active departments.

use crate::api::json::{ErrorBody, Page};
use crate::departments::{self, Department};
use crate::error::AppError;
use crate::platform::state::AppState;
use axum::extract::State;
use axum::Json;
use serde::Serialize;

/// A department as the public sees it (no head, no internal state).
#[derive(Serialize, utoipa::ToSchema)]
pub struct PublicDepartment {
    pub id: i64,
    pub code: String,
    pub name: Names,
    pub email: String,
}

#[derive(Serialize, utoipa::ToSchema)]
pub struct Names {
    pub kk: String,
    pub ru: String,
    pub en: String,
}

impl From<Department> for PublicDepartment {
    fn from(d: Department) -> Self {
        PublicDepartment {
            id: d.id,
            code: d.code,
            name: Names {
                kk: d.name_kk,
                ru: d.name_ru,
                en: d.name_en,
            },
            email: d.email,
        }
    }
}

/// The body's active departments, with names in kk/ru/en.
#[utoipa::path(get, path = "/api/v1/departments", responses(
    (status = 200, description = "Departments, as one page `{items,total,page,per_page}`"),
    (status = 500, description = "Internal error", body = ErrorBody)
))]
pub async fn list_departments(State(st): State<AppState>) -> Result<Json<Page<PublicDepartment>>, AppError> {
    let items: Vec<PublicDepartment> = departments::list(&st.db, false)
        .await?
        .into_iter()
        .map(Into::into)
        .collect();
    let total = items.len() as i64;
    Ok(Json(Page {
        per_page: total.max(1),
        items,
        total,
        page: 1,
    }))
}
