//! Items as pages and server functions see them: their kinds and statuses,
//! the calendar's days, the routing rules and what the submission forms send.

use crate::closed_list;
use serde::{Deserialize, Serialize};

closed_list!(
    /// What an item is.
    ItemKind {
        /// A citizen's question (an appeal, 15 working days).
        Question = "question",
        /// A journalist's press query (7 calendar days).
        PressQuery = "press_query",
        /// A response to a press mention, set by the media team.
        MediaResponse = "media_response",
    }
);

closed_list!(
    /// Where an item stands.
    Status {
        New = "new",
        Assigned = "assigned",
        InProgress = "in_progress",
        Answered = "answered",
        Closed = "closed",
        Redirected = "redirected",
        Rejected = "rejected",
    }
);

impl Status {
    /// Still needs work, so its deadline runs.
    pub fn is_open(self) -> bool {
        matches!(self, Status::New | Status::Assigned | Status::InProgress)
    }
}

closed_list!(
    /// A day of the body's calendar that differs from the ordinary week.
    DayKind {
        Holiday = "holiday",
        DayOff = "day_off",
        /// A Saturday or Sunday moved to be worked.
        WorkingDay = "working_day",
    }
);

/// A day in the body's calendar: `holiday`, `day_off` or `working_day`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CalendarDay {
    pub day: chrono::NaiveDate,
    pub kind: DayKind,
    pub name: String,
}

/// A routing rule as the admin page shows it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct RoutingRule {
    pub id: i64,
    pub position: i64,
    pub name: String,
    pub item_kind: String,
    pub topic: String,
    pub keywords: String,
    pub department_id: i64,
    pub active: bool,
}

/// What an admin types to add a routing rule.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct RoutingRuleInput {
    pub position: String,
    pub name: String,
    pub item_kind: String,
    pub topic: String,
    pub keywords: String,
    pub department_id: String,
}

/// What the public question and press-query forms and `POST /api/v1/questions`
/// send. The rules are the server's (`items::submit`); the API document states
/// them too.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct ItemInput {
    /// `question` or `press_query`.
    #[cfg_attr(feature = "ssr", schema(required, pattern = "^(question|press_query)$"))]
    pub kind: String,
    /// A topic code (`GET /api/v1/topics`).
    #[cfg_attr(feature = "ssr", schema(required, min_length = 1, pattern = "\\S"))]
    pub topic: String,
    /// Department code (`GET /api/v1/departments`), optional: empty lets the
    /// routing rules choose.
    pub department: String,
    #[cfg_attr(feature = "ssr", schema(required, min_length = 1, max_length = 200, pattern = "\\S"))]
    pub subject: String,
    /// The question itself.
    #[cfg_attr(
        feature = "ssr",
        schema(required, min_length = 1, max_length = 5000, pattern = "\\S")
    )]
    pub text: String,
    /// The submitter's name: seen only by the staff handling the item.
    #[cfg_attr(feature = "ssr", schema(required, min_length = 1, max_length = 200, pattern = "\\S"))]
    pub name: String,
    /// Where the acknowledgement and the answer go: seen only by staff.
    #[cfg_attr(feature = "ssr", schema(required, format = Email, min_length = 3))]
    pub email: String,
    /// The language of the answer: `kk`, `ru` or `en`.
    #[cfg_attr(feature = "ssr", schema(required, pattern = "^(kk|ru|en)$"))]
    pub language: String,
    /// May the answer be published in the archive, without personal data?
    pub consent_to_publish: bool,
    /// The journalist's outlet: required for a press query, up to 200 characters.
    #[cfg_attr(feature = "ssr", schema(max_length = 200))]
    pub outlet: String,
    #[cfg_attr(feature = "ssr", schema(max_length = 100))]
    pub accreditation: String,
    /// `YYYY-MM-DD`, today or later, press queries only; empty for none.
    #[cfg_attr(feature = "ssr", schema(pattern = "^([0-9]{4}-[0-9]{2}-[0-9]{2})?$"))]
    pub needed_by: String,
}
