//! The archive's filters and entries as the archive page and the API see
//! them: the question without personal data, beside the reply.

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

/// The archive's filters.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct ArchiveQuery {
    pub topic: String,
    /// Department code.
    pub department: String,
    pub q: String,
    pub page: u32,
}

/// One published answer: the question without personal data, and the reply.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct ArchiveEntry {
    pub tracking_code: String,
    pub kind: crate::items::ItemKind,
    pub topic: String,
    pub department: Option<String>,
    pub question: String,
    pub answer: String,
    pub received_at: DateTime<Utc>,
    pub answered_at: DateTime<Utc>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ArchivePage {
    pub entries: Vec<ArchiveEntry>,
    pub total: i64,
    pub page: u32,
    pub per_page: u32,
}
