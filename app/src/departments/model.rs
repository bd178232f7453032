//! A department as pages and server functions see it, and the admin's form.

use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(sqlx::FromRow, utoipa::ToSchema))]
pub struct Department {
    pub id: i64,
    pub code: String,
    pub name_kk: String,
    pub name_ru: String,
    pub name_en: String,
    pub email: String,
    pub head_user_id: Option<i64>,
    pub active: bool,
}

impl Department {
    /// The name in the given language code (`kk`, `ru`, `en`).
    pub fn name(&self, lang: &str) -> &str {
        match lang {
            "kk" => &self.name_kk,
            "ru" => &self.name_ru,
            _ => &self.name_en,
        }
    }
}

/// What an admin types into the department form. Missing fields read as
/// empty, so they are reported as `required` rather than as a broken request.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct DepartmentInput {
    pub code: String,
    pub name_kk: String,
    pub name_ru: String,
    pub name_en: String,
    pub email: String,
    #[serde(default)]
    pub head_user_id: Option<String>,
}
