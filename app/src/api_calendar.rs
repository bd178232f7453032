//! Server functions behind the calendar admin page.

use crate::catalogue::CalendarDay;
use crate::error::AppError;
use leptos::prelude::*;

#[cfg(feature = "ssr")]
use crate::ssr::{authz::Action, calendar, guard};

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
    calendar::put(&st.db, d, &k, &n).await
}

#[server(endpoint = "admin/calendar_remove")]
pub async fn remove_calendar_day(day: String) -> Result<(), AppError> {
    let (st, _) = guard::require(Action::ManageCalendar).await?;
    let d = chrono::NaiveDate::parse_from_str(day.trim(), "%Y-%m-%d")
        .map_err(|_| AppError::field("day", "invalid_date"))?;
    calendar::remove(&st.db, d).await
}
