//! Types that cross the wire between the server and the browser: what pages
//! render and what server functions take and return. No database code here.

use serde::{Deserialize, Serialize};

/// A staff role from PRODUCT.md. Citizens and journalists are not staff.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Role {
    Officer,
    DepartmentHead,
    Analyst,
    Moderator,
    Admin,
}

impl Role {
    pub const ALL: [Role; 5] = [
        Role::Officer,
        Role::DepartmentHead,
        Role::Analyst,
        Role::Moderator,
        Role::Admin,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            Role::Officer => "officer",
            Role::DepartmentHead => "department_head",
            Role::Analyst => "analyst",
            Role::Moderator => "moderator",
            Role::Admin => "admin",
        }
    }

    pub fn parse(s: &str) -> Option<Role> {
        Role::ALL.into_iter().find(|r| r.as_str() == s)
    }

    /// Roles whose members belong to one department and see only its items.
    pub fn is_department_scoped(self) -> bool {
        matches!(self, Role::Officer | Role::DepartmentHead | Role::Moderator)
    }
}

/// The signed-in staff member, as pages see them.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CurrentUser {
    pub id: i64,
    pub username: String,
    pub display_name: String,
    pub role: Role,
    pub department_id: Option<i64>,
}

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

/// A staff account as the admin pages list it (never the password hash).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct StaffUser {
    pub id: i64,
    pub username: String,
    pub display_name: String,
    pub email: String,
    pub role: Role,
    pub department_id: Option<i64>,
    pub active: bool,
    pub locked: bool,
}

/// What an admin types into the staff form. An empty password on edit keeps
/// the current one. Missing fields read as empty.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct StaffInput {
    pub username: String,
    pub display_name: String,
    pub email: String,
    pub role: String,
    #[serde(default)]
    pub department_id: Option<String>,
    #[serde(default)]
    pub password: String,
}
