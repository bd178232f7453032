//! Items as pages and server functions see them: the calendar's days and the
//! routing rules.

use serde::{Deserialize, Serialize};

/// A day in the body's calendar: `holiday`, `day_off` or `working_day`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CalendarDay {
    pub day: chrono::NaiveDate,
    pub kind: String,
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
