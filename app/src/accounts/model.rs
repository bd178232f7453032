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

/// What a staff sign-in asks for next, after each step.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum SignInStep {
    /// The six-digit code of the authenticator app (or a recovery code).
    Code,
    /// No second factor yet: set one up first.
    Enrol,
    /// An admin set the password: choose a new one.
    NewPassword,
    /// Signed in.
    Done,
}

impl SignInStep {
    /// The page of this step.
    pub fn path(self) -> &'static str {
        match self {
            SignInStep::Code => "/login/code",
            SignInStep::Enrol => "/login/enrol",
            SignInStep::NewPassword => "/login/new-password",
            SignInStep::Done => "/staff",
        }
    }
}

/// A live session of the signed-in staff member, as their account page lists it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SessionView {
    /// Names the session in the "end" form (a hash, never the secret).
    pub id: String,
    /// The browser, as its user agent names it.
    pub browser: String,
    pub started_at: chrono::DateTime<chrono::Utc>,
    pub last_seen_at: chrono::DateTime<chrono::Utc>,
    /// The session this page is seen in.
    pub this_one: bool,
}

/// The enrolment page: the key as a QR code and as text, and the recovery codes.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct EnrolmentView {
    pub qr_svg: String,
    pub key_text: String,
    pub recovery_codes: Vec<String>,
}
