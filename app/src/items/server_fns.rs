//! Server functions of items: the public question and press-query forms and
//! the status page, and the admin pages for the calendar and the routing
//! rules. Each parses, authorises, calls and maps errors.

use crate::{
    departments::Department,
    error::AppError,
    items::{CalendarDay, ItemInput, RoutingRule, RoutingRuleInput},
    publications::Topic,
};
use leptos::prelude::*;
use serde::{Deserialize, Serialize};

#[cfg(feature = "ssr")]
use crate::{
    items::{self, calendar, routing},
    platform::{authz::Action, guard, state::app_state},
};

/// What the status page shows.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct TrackView {
    pub tracking_code: String,
    pub kind: crate::items::ItemKind,
    pub status: crate::items::Status,
    pub department: Option<String>,
    pub received_at: chrono::DateTime<chrono::Utc>,
    pub due_at: chrono::DateTime<chrono::Utc>,
    pub answer: Option<(String, chrono::DateTime<chrono::Utc>)>,
    /// What happened, as the submitter may see it: (time, event kind, detail).
    pub history: Vec<(chrono::DateTime<chrono::Utc>, String, String)>,
}

/// Submits the form, then goes to the status page by its private link.
#[server(endpoint = "submit_item")]
pub async fn submit_item(input: ItemInput) -> Result<(), AppError> {
    let st = app_state()?;
    // Sent back with a refused form so it comes back filled in, except the
    // name and email, which are personal data and would sit in the address.
    let keep = ItemInput {
        name: String::new(),
        email: String::new(),
        ..input.clone()
    };
    let done = items::submit(&st.db, &st.config, &input, chrono::Utc::now())
        .await
        .map_err(|e| e.with_input(&keep))?;
    let token = done.token.unwrap_or_default();
    leptos_axum::redirect(&format!("/track/{}?token={token}&new=1", done.tracking_code));
    Ok(())
}

#[server(endpoint = "track")]
pub async fn track(code: String, token: String) -> Result<TrackView, AppError> {
    let st = app_state()?;
    let s = items::status(&st.db, &code, &token)
        .await
        .inspect_err(|_| guard::set_status(404))?;
    Ok(TrackView {
        tracking_code: s.tracking_code,
        kind: s.kind,
        status: s.status,
        department: s.department,
        received_at: s.received_at,
        due_at: s.due_at,
        answer: s.answer.map(|a| (a.text, a.answered_at)),
        history: items::public_history(&st.db, &code).await?,
    })
}

#[server(endpoint = "admin/calendar")]
pub async fn calendar_year(year: i32) -> Result<Vec<CalendarDay>, AppError> {
    let (st, _) = guard::require(Action::ManageCalendar).await?;
    calendar::list(&st.db, year).await
}

#[server(endpoint = "admin/calendar_put")]
pub async fn put_calendar_day(day: String, kind: String, name: String) -> Result<(), AppError> {
    let (st, _) = guard::require(Action::ManageCalendar).await?;
    let (d, k, n) = calendar::validate(&day, &kind, &name).map_err(|e| {
        e.with_input(
            &[("day", &day), ("kind", &kind), ("name", &name)]
                .into_iter()
                .collect::<std::collections::BTreeMap<_, _>>(),
        )
    })?;
    calendar::put(&st.db, d, k, &n).await
}

#[server(endpoint = "admin/calendar_remove")]
pub async fn remove_calendar_day(day: String) -> Result<(), AppError> {
    let (st, _) = guard::require(Action::ManageCalendar).await?;
    let d = chrono::NaiveDate::parse_from_str(day.trim(), "%Y-%m-%d")
        .map_err(|_| AppError::field("day", crate::error::FieldCode::InvalidDate))?;
    calendar::remove(&st.db, d).await
}

#[server(endpoint = "admin/routing")]
pub async fn routing_rules() -> Result<(Vec<RoutingRule>, Vec<Department>, Vec<Topic>), AppError> {
    let (st, _) = guard::require(Action::ManageRouting).await?;
    Ok((
        routing::list_all(&st.db).await?,
        crate::departments::list(&st.db, true).await?,
        crate::publications::topics::list(&st.db).await?,
    ))
}

#[server(endpoint = "admin/routing_add")]
pub async fn add_routing_rule(input: RoutingRuleInput) -> Result<(), AppError> {
    let (st, _) = guard::require(Action::ManageRouting).await?;
    routing::add(&st.db, &input).await.map_err(|e| e.with_input(&input))?;
    Ok(())
}

#[server(endpoint = "admin/routing_remove")]
pub async fn remove_routing_rule(id: i64) -> Result<(), AppError> {
    let (st, _) = guard::require(Action::ManageRouting).await?;
    routing::remove(&st.db, id).await
}
