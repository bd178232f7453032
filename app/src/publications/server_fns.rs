//! Server functions of publications: the public catalogue, a publication's
//! page and rating it, the moderation queue, and the staff publication pages
//! with the feed import. Each parses, authorises, calls and maps errors.

use crate::{
    departments::Department,
    error::AppError,
    publications::{
        CatalogueQuery, PublicComment, Publication, PublicationInput, PublicationPage, QueuedComment, RateOutcome,
        RatingInput, Topic,
    },
};
use leptos::prelude::*;
use serde::{Deserialize, Serialize};

#[cfg(feature = "ssr")]
use crate::{
    platform::{authz::Action, guard, state::app_state},
    publications::{self, feeds, moderation, rating_writes::VisitorRating, ratings, topics, PubStatus},
};

#[server(endpoint = "catalogue")]
pub async fn catalogue(query: CatalogueQuery) -> Result<PublicationPage, AppError> {
    let st = app_state()?;
    publications::public_catalogue::public_page(&st, &query).await
}

#[server(endpoint = "topics")]
pub async fn topic_list() -> Result<Vec<Topic>, AppError> {
    let st = app_state()?;
    topics::public_topics(&st).await
}

/// A publication's page: the publication, its approved comments and the
/// visitor's own rating (to prefill the form).
#[server(endpoint = "publication")]
pub async fn load_publication(id: i64) -> Result<(Publication, Vec<PublicComment>, Option<RatingInput>), AppError> {
    let st = app_state()?;
    let (p, comments) = publications::public_catalogue::public_publication(&st, id)
        .await
        .inspect_err(|e| guard::set_status(e.code.http_status()))?;
    let mine = match guard::visitor().await {
        // A visitor without its cookie has rated nothing yet.
        Some(v) if v.returning() => ratings::visitor_rating(&st.db, id, &v.hash()).await?,
        _ => None,
    };
    Ok((p, comments, mine))
}

/// Rates a publication as this visitor; again replaces the earlier rating.
#[server(endpoint = "rate")]
pub async fn rate(publication_id: i64, input: RatingInput) -> Result<RateOutcome, AppError> {
    let st = app_state()?;
    let visitor = guard::visitor()
        .await
        .ok_or_else(|| AppError::internal("no visitor cookie layer"))?;
    let v = ratings::validate(&input).map_err(|e| e.with_input(&input))?;
    // Acknowledged once the commit it shares with concurrent ratings is on disk.
    let outcome = st
        .writes
        .write_together(VisitorRating {
            publication_id,
            visitor: visitor.hash_for_write(),
            rating: v,
            at: chrono::Utc::now(),
            tz: st.config.tz(),
        })
        .await?;
    leptos_axum::redirect(&format!("/publications/{publication_id}?rated=1#rate"));
    Ok(outcome)
}

#[server(endpoint = "moderation/queue")]
pub async fn moderation_queue() -> Result<Vec<QueuedComment>, AppError> {
    let (st, _) = guard::require(Action::Moderate).await?;
    moderation::queue(&st.db, 200).await
}

/// Approves a comment, or rejects it when `reject` is set (a reason is required).
#[server(endpoint = "moderation/decide")]
pub async fn moderate(rating_id: i64, reject: Option<String>, reason: Option<String>) -> Result<(), AppError> {
    let (st, me) = guard::require(Action::Moderate).await?;
    let reason = if reject.is_some() {
        Some(reason.unwrap_or_default())
    } else {
        None
    };
    moderation::decide(&st.db, me.id, rating_id, reason.as_deref(), chrono::Utc::now()).await
}

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
    let (st, me) = guard::require(Action::ManagePublications { department_id: None }).await?;
    // Officers and heads list their own department's drafts, not another's.
    let unpublished = if me.role.is_department_scoped() {
        publications::Unpublished::OfDepartment(me.department_id)
    } else {
        publications::Unpublished::All
    };
    let q = CatalogueQuery {
        page,
        per_page: Some(50),
        ..Default::default()
    };
    let list = publications::list(&st.db, &q, unpublished, st.config.tz()).await?;
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
        crate::departments::list(&st.db, false).await?,
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
    let status =
        PubStatus::parse(&status).ok_or_else(|| AppError::field("status", crate::error::FieldCode::InvalidChoice))?;
    let p = publications::get(&st.db, id, true).await?;
    guard::require(Action::ManagePublications {
        department_id: Some(p.department_id),
    })
    .await?;
    publications::set_status(&st.db, id, status, chrono::Utc::now()).await
}

/// Imports the configured feed now and reports what it did.
#[server(endpoint = "staff/import_feed")]
pub async fn import_feed_now() -> Result<crate::publications::FeedReport, AppError> {
    let (st, _) = guard::require(Action::ManagePublications { department_id: None }).await?;
    if st.config.feed.url.is_empty() {
        return Err(AppError::field("feed", crate::error::FieldCode::NotConfigured));
    }
    let r = feeds::import_url(&st.db, &st.config.feed.url, &st.config.feed.department, "hand").await?;
    Ok(crate::publications::FeedReport {
        added: r.added,
        skipped: r.skipped,
        failed: r.failed,
        problems: r.problems,
    })
}
