//! Server functions behind the staff publication pages and the feed import.

#[cfg(feature = "ssr")]
use crate::catalogue::{CatalogueQuery, PubStatus};
use crate::catalogue::{Publication, PublicationInput, PublicationPage, Topic};
use crate::error::AppError;
use crate::model::Department;
use leptos::prelude::*;
use serde::{Deserialize, Serialize};

#[cfg(feature = "ssr")]
use crate::ssr::{authz::Action, feeds, guard, publications, topics};

/// What the last feed import did.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct FeedRun {
    pub at: chrono::DateTime<chrono::Utc>,
    pub added: i64,
    pub skipped: i64,
    pub failed: i64,
}

/// Every publication (drafts and archived too), newest first, and the last feed run.
#[server(endpoint = "staff/publications")]
pub async fn staff_publications(page: Option<i64>) -> Result<(PublicationPage, Option<FeedRun>), AppError> {
    let (st, _) = guard::require(Action::ManagePublications { department_id: None }).await?;
    let q = CatalogueQuery {
        page,
        per_page: Some(50),
        ..Default::default()
    };
    let list = publications::list(&st.db, &q, true, st.config.tz()).await?;
    let last: Option<(chrono::DateTime<chrono::Utc>, i64, i64, i64)> = crate::on_read!(&st.db, |c| sqlx::query_as(
        "SELECT started_at, added, skipped, failed FROM feed_imports ORDER BY id DESC LIMIT 1"
    )
    .fetch_optional(c)
    .await)?;
    Ok((
        list,
        last.map(|(at, added, skipped, failed)| FeedRun {
            at,
            added,
            skipped,
            failed,
        }),
    ))
}

/// The form's choices, and the publication when editing.
#[server(endpoint = "staff/publication")]
pub async fn staff_publication(
    id: Option<i64>,
) -> Result<(Option<Publication>, Vec<Department>, Vec<Topic>), AppError> {
    let (st, _) = guard::require(Action::ManagePublications { department_id: None }).await?;
    let p = match id {
        Some(id) => {
            let p = publications::get(&st.db, id, true).await?;
            guard::require(Action::ManagePublications {
                department_id: Some(p.department_id),
            })
            .await?;
            Some(p)
        }
        None => None,
    };
    Ok((
        p,
        crate::ssr::departments::list(&st.db, false).await?,
        topics::list(&st.db).await?,
    ))
}

/// Creates (empty `id`) or updates a publication; `publish` also publishes it.
#[server(endpoint = "staff/save_publication")]
pub async fn save_publication(id: String, input: PublicationInput, publish: Option<String>) -> Result<(), AppError> {
    let (st, _) = guard::require(Action::ManagePublications { department_id: None }).await?;
    let v = publications::validate(&st.db, &input, st.config.tz())
        .await
        .map_err(|e| e.with_input(&input))?;
    guard::require(Action::ManagePublications {
        department_id: Some(v.department_id),
    })
    .await?;
    let now = chrono::Utc::now();
    let id = match id.trim() {
        "" => publications::create(&st.db, &v, PubStatus::Draft, "manual", now).await?,
        s => {
            let id: i64 = s.parse().map_err(|_| AppError::not_found())?;
            let before = publications::get(&st.db, id, true).await?;
            guard::require(Action::ManagePublications {
                department_id: Some(before.department_id),
            })
            .await?;
            publications::update(&st.db, id, &v, now, st.config.tz()).await?;
            id
        }
    };
    if publish.is_some() {
        publications::set_status(&st.db, id, PubStatus::Published, now).await?;
    }
    leptos_axum::redirect("/staff/publications");
    Ok(())
}

#[server(endpoint = "staff/publication_status")]
pub async fn set_publication_status(id: i64, status: String) -> Result<(), AppError> {
    let (st, _) = guard::require(Action::ManagePublications { department_id: None }).await?;
    let status = PubStatus::parse(&status).ok_or_else(|| AppError::field("status", "invalid_choice"))?;
    let p = publications::get(&st.db, id, true).await?;
    guard::require(Action::ManagePublications {
        department_id: Some(p.department_id),
    })
    .await?;
    publications::set_status(&st.db, id, status, chrono::Utc::now()).await
}

/// Imports the configured feed now and reports what it did.
#[server(endpoint = "staff/import_feed")]
pub async fn import_feed_now() -> Result<crate::catalogue::FeedReport, AppError> {
    let (st, _) = guard::require(Action::ManagePublications { department_id: None }).await?;
    if st.config.feed.url.is_empty() {
        return Err(AppError::field("feed", "not_configured"));
    }
    let r = feeds::import_url(&st.db, &st.config.feed.url, &st.config.feed.department, "hand").await?;
    Ok(crate::catalogue::FeedReport {
        added: r.added,
        skipped: r.skipped,
        failed: r.failed,
        problems: r.problems,
    })
}
