//! Server functions for the public catalogue, rating and moderation.

use crate::catalogue::{
    CatalogueQuery, PublicComment, Publication, PublicationPage, QueuedComment, RateOutcome, RatingInput, Topic,
};
use crate::error::AppError;
use leptos::prelude::*;

#[cfg(feature = "ssr")]
use crate::ssr::{authz::Action, guard, moderation, publications, ratings, state::app_state, topics};

#[server(endpoint = "catalogue")]
pub async fn catalogue(query: CatalogueQuery) -> Result<PublicationPage, AppError> {
    let st = app_state()?;
    publications::list(&st.db, &query, false, st.config.tz()).await
}

#[server(endpoint = "topics")]
pub async fn topic_list() -> Result<Vec<Topic>, AppError> {
    topics::list(&app_state()?.db).await
}

/// A publication's page: the publication, its approved comments and the
/// visitor's own rating (to prefill the form).
#[server(endpoint = "publication")]
pub async fn load_publication(id: i64) -> Result<(Publication, Vec<PublicComment>, Option<RatingInput>), AppError> {
    let st = app_state()?;
    let p = publications::get(&st.db, id, false)
        .await
        .inspect_err(|_| guard::set_status(404))?;
    let comments = moderation::approved(&st.db, id, 50).await?;
    let mine = match guard::visitor().await {
        Some(v) => ratings::visitor_rating(&st.db, id, &v.hash()).await?,
        None => None,
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
    let outcome = ratings::rate(
        &st.db,
        publication_id,
        &visitor.hash(),
        &v,
        chrono::Utc::now(),
        st.config.tz(),
    )
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
