//! Staff accounts as the admin pages list them, and the admin's staff form.

use crate::platform::roles::Role;
use serde::{Deserialize, Serialize};

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
