//! Who is asking: the staff roles of PRODUCT.md and the signed-in staff
//! member, as the server authorises them and the pages show them.

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
