//! The admin's audit log page: its filter (from the address bar) and its rows.

use serde::{Deserialize, Serialize};

/// What the audit page is filtered by; empty fields filter nothing.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct AuditFilter {
    /// A username: events done by or to that account.
    pub account: String,
    /// An event code (`login_failed`…).
    pub event: String,
    /// First and last day, `YYYY-MM-DD`, in the portal's time zone.
    pub from: String,
    pub to: String,
    pub page: u32,
}

/// One event as the page shows it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AuditEntry {
    pub at: chrono::DateTime<chrono::Utc>,
    pub event: String,
    /// Usernames, when known.
    pub actor: Option<String>,
    pub subject: Option<String>,
    pub detail: String,
    pub client: String,
    pub user_agent: String,
}

/// One page of the log, newest first.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AuditPage {
    pub entries: Vec<AuditEntry>,
    pub total: i64,
    pub page: u32,
    pub per_page: u32,
}
