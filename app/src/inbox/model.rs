//! What the staff inbox, the item page and the canned answers exchange
//! between server and browser. The rules live in `inbox::store` (the list),
//! `inbox::item_actions`, `inbox::item_view` and `inbox::canned`.

use crate::items::{ItemKind, Status};
use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

/// Statuses that still need work (and so have a running deadline).
pub const OPEN_STATUSES: [Status; 3] = [Status::New, Status::Assigned, Status::InProgress];

/// The inbox's filters, as they sit in the page address.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct InboxQuery {
    /// One status, `open` (default when empty) or `all`.
    pub status: String,
    /// `question`, `press_query` or empty.
    pub kind: String,
    /// Department id, `triage` (none yet) or empty.
    pub department: String,
    /// Assignee user id, `none`, or empty.
    pub assignee: String,
    pub mine: bool,
    pub overdue: bool,
    /// Due within 2 working days (and not overdue).
    pub due_soon: bool,
    pub topic: String,
    /// Words in the tracking code, subject or text.
    pub q: String,
    /// `due` (default, soonest first) or `received` (newest first).
    pub sort: String,
    pub page: u32,
}

/// How a row's deadline stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum Deadline {
    /// Working days left (more than 2).
    OnTime(i64),
    /// 0, 1 or 2 working days left.
    DueSoon(i64),
    /// Working days past the due date (0 on the due day after 18:00).
    Overdue(i64),
    /// Answered, closed, redirected or rejected: no deadline running.
    Done,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct InboxRow {
    pub tracking_code: String,
    pub kind: ItemKind,
    pub status: Status,
    pub topic: String,
    pub department_id: Option<i64>,
    pub assignee: Option<String>,
    pub subject: String,
    pub received_at: DateTime<Utc>,
    pub due_at: DateTime<Utc>,
    pub deadline: Deadline,
}

/// Counts for the filter links, over everything the viewer may see.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct InboxCounts {
    pub open: i64,
    pub new: i64,
    pub assigned: i64,
    pub in_progress: i64,
    pub answered: i64,
    pub closed: i64,
    pub redirected: i64,
    pub rejected: i64,
    pub mine: i64,
    pub overdue: i64,
    pub due_soon: i64,
    pub triage: i64,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct InboxPage {
    pub rows: Vec<InboxRow>,
    pub total: i64,
    pub page: u32,
    pub per_page: u32,
    pub counts: InboxCounts,
}

/// One entry of an item's history.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct EventView {
    pub at: DateTime<Utc>,
    pub actor: Option<String>,
    pub kind: String,
    pub detail: String,
    pub internal: bool,
}

/// A colleague an item can be assigned to.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Assignable {
    pub id: i64,
    pub name: String,
}

/// Everything the staff item page shows, personal data included.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ItemDetail {
    pub tracking_code: String,
    pub kind: ItemKind,
    pub status: Status,
    pub topic: String,
    pub language: String,
    pub department_id: Option<i64>,
    pub assignee_id: Option<i64>,
    pub assignee: Option<String>,
    pub subject: String,
    pub body: String,
    pub submitter_name: Option<String>,
    pub submitter_email: Option<String>,
    pub outlet: Option<String>,
    pub accreditation: Option<String>,
    pub needed_by: Option<chrono::NaiveDate>,
    pub consent_to_publish: bool,
    pub received_at: DateTime<Utc>,
    pub due_at: DateTime<Utc>,
    pub deadline: Deadline,
    pub extended: bool,
    pub extension_reason: Option<String>,
    pub status_reason: Option<String>,
    pub redirected_to: Option<String>,
    pub answer_text: Option<String>,
    pub answered_at: Option<DateTime<Utc>>,
    pub answer_published: bool,
    pub events: Vec<EventView>,
    /// What the viewer may do here.
    pub can_answer: bool,
    pub can_supervise: bool,
    pub can_publish: bool,
    pub colleagues: Vec<Assignable>,
}

/// A prepared reply for one language and (optionally) one topic.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CannedAnswer {
    pub id: i64,
    pub language: String,
    pub topic: String,
    pub title: String,
    pub body: String,
}

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct CannedInput {
    pub language: String,
    pub topic: String,
    pub title: String,
    pub body: String,
}

/// The placeholders a canned answer may use, replaced when the reply is sent.
pub const PLACEHOLDERS: [&str; 5] = ["{name}", "{code}", "{subject}", "{received}", "{department}"];

/// What a moderator checks before an answer goes to the public archive: the
/// question and answer exactly as the archive would show them, each
/// redaction marked by its token (`[name]`, `[phone]`…).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PublishCheck {
    pub tracking_code: String,
    pub question: String,
    pub answer: String,
    /// The phrases removed by hand, one per line, as the moderator typed them.
    pub by_hand: String,
    /// The fingerprint of these texts: publishing with it publishes them.
    pub approved: String,
    pub published: bool,
    /// Why the answer cannot be published (no consent, not answered yet).
    pub blocked: Option<crate::error::FieldCode>,
}
