//! Official channels as the admin page and the indicators show them.

use serde::{Deserialize, Serialize};

/// An official channel and how long it has been silent.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct OfficialChannel {
    pub id: i64,
    pub name: String,
    /// The channel kind (`website`, `social`…).
    pub kind: String,
    pub url: String,
    pub stale_after_days: i64,
    pub last_post: Option<chrono::DateTime<chrono::Utc>>,
    pub days_since_last_post: Option<i64>,
    pub stale: bool,
}

/// The channels admin form.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct ChannelInput {
    pub name: String,
    pub kind: String,
    pub url: String,
    pub stale_after_days: String,
}
