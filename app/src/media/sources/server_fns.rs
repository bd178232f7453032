//! Server functions of press monitoring: the sources page (sources with
//! their health, saved queries), adding and switching them, one story's
//! mentions, and confirming a suggested tone. Each only authorises, calls
//! the sources' store and maps errors.

use super::{SavedQuery, SourceInput, SourceRow};
use crate::error::AppError;
use crate::media::{MentionRow, Outlet};
use leptos::prelude::*;

#[cfg(feature = "ssr")]
use crate::platform::{authz::Action, guard};

/// The sources page: every source with its health, the saved queries and
/// the outlets a new source may belong to.
#[server(endpoint = "staff/media_sources")]
pub async fn sources_page() -> Result<(Vec<SourceRow>, Vec<SavedQuery>, Vec<Outlet>), AppError> {
    let (st, _) = guard::require(Action::LogMediaMentions).await?;
    super::queries::ensure_own_names(&st.db, &st.config.media.own_names, chrono::Utc::now()).await?;
    Ok((
        super::store::list(&st.db).await?,
        super::queries::list(&st.db).await?,
        crate::media::outlets(&st.db).await?,
    ))
}

#[server(endpoint = "staff/media_source_add")]
pub async fn add_source(input: SourceInput) -> Result<(), AppError> {
    let (st, _) = guard::require(Action::LogMediaMentions).await?;
    let r = async {
        let v = super::validate(&input, &crate::media::outlets(&st.db).await?)?;
        super::store::create(&st.db, &v, chrono::Utc::now()).await
    }
    .await;
    guard::with_status(r.map(|_| ()).map_err(|e| e.with_input(&input)))
}

/// Switches a source on or off; switching a paused source on resumes it.
#[server(endpoint = "staff/media_source_switch")]
pub async fn switch_source(id: i64, on: bool) -> Result<(), AppError> {
    let (st, _) = guard::require(Action::LogMediaMentions).await?;
    guard::with_status(super::store::set_enabled(&st.db, id, on, chrono::Utc::now()).await)
}

#[server(endpoint = "staff/media_query_add")]
pub async fn add_query(name: String, query: String) -> Result<(), AppError> {
    let (st, _) = guard::require(Action::LogMediaMentions).await?;
    let r = super::queries::create(&st.db, &name, &query, chrono::Utc::now()).await;
    let input = std::collections::BTreeMap::from([("query_name".to_string(), name), ("query".to_string(), query)]);
    guard::with_status(r.map(|_| ()).map_err(|mut e| {
        e.input = Some(input);
        e
    }))
}

#[server(endpoint = "staff/media_query_switch")]
pub async fn switch_query(id: i64, on: bool) -> Result<(), AppError> {
    let (st, _) = guard::require(Action::LogMediaMentions).await?;
    guard::with_status(super::queries::set_enabled(&st.db, id, on).await)
}

/// The mentions of one story, earliest first.
#[server(endpoint = "staff/media_story")]
pub async fn story_page(id: i64) -> Result<Vec<MentionRow>, AppError> {
    let (st, _) = guard::require(Action::LogMediaMentions).await?;
    guard::with_status(crate::media::story(&st.db, id).await)
}

/// A person confirms or corrects the tone of a mention.
#[server(endpoint = "staff/media_tone")]
pub async fn confirm_tone(id: i64, tone: String) -> Result<(), AppError> {
    let (st, _) = guard::require(Action::LogMediaMentions).await?;
    guard::with_status(crate::media::confirm_tone(&st.db, id, &tone).await)
}

/// The press items that carried publication `id` (its staff page), to
/// those who may manage that publication, as the page itself is.
#[server(endpoint = "staff/release_pickup")]
pub async fn release_pickup(id: i64) -> Result<Vec<crate::media::PickupRow>, AppError> {
    let (st, _) = guard::require(Action::ManagePublications { department_id: None }).await?;
    let p = guard::with_status(crate::publications::get(&st.db, id, true).await)?;
    guard::require(Action::ManagePublications {
        department_id: Some(p.department_id),
    })
    .await?;
    super::pickup::of_publication(&st.db, id).await
}
