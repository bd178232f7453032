//! Server functions of media monitoring: the register (mentions and
//! outlets), response tasks, CSV imports and the daily digest. Each only
//! authorises, calls the media store and maps errors.

use crate::departments::Department;
use crate::error::AppError;
use crate::media::{Digest, MentionInput, MentionRow, Outlet};
use crate::publications::Topic;
use leptos::prelude::*;

#[cfg(feature = "ssr")]
use crate::platform::{authz::Action, guard};

#[cfg(feature = "ssr")]
fn today() -> Result<chrono::NaiveDate, AppError> {
    let st = crate::platform::state::app_state()?;
    Ok(chrono::Utc::now().with_timezone(&st.config.tz()).date_naive())
}

#[cfg(feature = "ssr")]
fn day_or(s: &str, default: chrono::NaiveDate) -> chrono::NaiveDate {
    chrono::NaiveDate::parse_from_str(s.trim(), "%Y-%m-%d").unwrap_or(default)
}

/// The register page: mentions of the period (default: the last 7 days),
/// the outlets and the form's choices.
#[server(endpoint = "staff/media")]
pub async fn media_page(
    from: String,
    to: String,
    tone: String,
) -> Result<
    (
        Vec<MentionRow>,
        Vec<Outlet>,
        Vec<Department>,
        Vec<Topic>,
        crate::media::DailyMentions,
    ),
    AppError,
> {
    let (st, _) = guard::require(Action::LogMediaMentions).await?;
    let today = today()?;
    let to = day_or(&to, today);
    let from = day_or(&from, to - chrono::Duration::days(6));
    let tone = match tone.as_str() {
        t @ ("positive" | "neutral" | "negative") => t,
        _ => "",
    };
    Ok((
        crate::media::list(&st.db, from, to, tone, 500).await?,
        crate::media::outlets(&st.db).await?,
        crate::departments::list(&st.db, false).await?,
        crate::publications::topics::list(&st.db).await?,
        crate::media::daily::daily(&st.db, from, to, tone).await?,
    ))
}

#[server(endpoint = "staff/media_add")]
pub async fn add_mention(input: MentionInput) -> Result<(), AppError> {
    let (st, user) = guard::require(Action::LogMediaMentions).await?;
    let r = crate::media::add(&st.db, &input, user.id, st.config.tz(), chrono::Utc::now()).await;
    guard::with_status(r.map(|_| ()).map_err(|e| e.with_input(&input)))
}

#[server(endpoint = "staff/media_outlet_add")]
pub async fn add_outlet(outlet_name: String, outlet_type: String) -> Result<(), AppError> {
    let (st, _) = guard::require(Action::LogMediaMentions).await?;
    let r = crate::media::add_outlet(&st.db, &outlet_name, &outlet_type, chrono::Utc::now()).await;
    guard::with_status(r.map(|_| ()))
}

#[server(endpoint = "staff/media_outlet_remove")]
pub async fn remove_outlet(id: i64) -> Result<(), AppError> {
    let (st, _) = guard::require(Action::LogMediaMentions).await?;
    guard::with_status(crate::media::remove_outlet(&st.db, id).await)
}

/// One mention with the departments a response can be asked from.
#[server(endpoint = "staff/media_mention")]
pub async fn mention_page(id: i64) -> Result<(MentionRow, Vec<Department>), AppError> {
    let (st, _) = guard::require(Action::LogMediaMentions).await?;
    Ok((
        guard::with_status(crate::media::find(&st.db, id).await)?,
        crate::departments::list(&st.db, false).await?,
    ))
}

/// Asks a department for a response; returns the task's tracking code.
#[server(endpoint = "staff/media_respond")]
pub async fn ask_response(id: i64, response: String, department: String, note: String) -> Result<String, AppError> {
    let (st, _) = guard::require(Action::LogMediaMentions).await?;
    let r = crate::media::ask_response(
        &st.db,
        id,
        &response,
        &department,
        &note,
        st.config.tz(),
        chrono::Utc::now(),
    )
    .await;
    guard::with_status(r)
}

/// An import's preview or progress.
#[server(endpoint = "staff/media_import")]
pub async fn import_view(id: i64) -> Result<crate::media::ImportView, AppError> {
    let (st, user) = guard::require(Action::LogMediaMentions).await?;
    guard::with_status(crate::media::import::view(&st.db, id, user.id, today()?).await)
}

/// Imports the good lines of an import.
#[server(endpoint = "staff/media_import_start")]
pub async fn start_import(id: i64) -> Result<(), AppError> {
    let (st, user) = guard::require(Action::LogMediaMentions).await?;
    let r = crate::media::import::start(&st.db, id, user.id, st.config.tz(), chrono::Utc::now()).await;
    if r.is_ok() {
        leptos_axum::redirect(&format!("/staff/media/import/{id}"));
    }
    guard::with_status(r)
}

/// The digest of a day (`days` 1) or of the week ending that day (7).
#[server(endpoint = "staff/media_digest")]
pub async fn digest_page(day: String, days: i64) -> Result<(Digest, Vec<Topic>), AppError> {
    let (st, user) = guard::require(Action::ReadMediaDigest).await?;
    let today = today()?;
    let day = day_or(&day, today - chrono::Duration::days(1)).min(today);
    Ok((
        crate::media::digest::digest(&st.db, day, days, Some(user.id), st.config.tz()).await?,
        crate::publications::topics::list(&st.db).await?,
    ))
}

#[server(endpoint = "staff/media_digest_subscribe")]
pub async fn subscribe_digest(on: bool) -> Result<(), AppError> {
    let (st, user) = guard::require(Action::ReadMediaDigest).await?;
    crate::media::digest::subscribe(&st.db, user.id, on, chrono::Utc::now()).await
}
