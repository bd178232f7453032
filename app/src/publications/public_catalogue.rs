//! The public catalogue's pages and publications kept a moment
//! (`platform::read_cache`), like the public indicators and filters: a page
//! of the catalogue (its filters, search, sort and page), or a publication
//! with its approved comments, is read once, then served until this process
//! commits a write (a rating moves its figures, a comment is approved, a
//! publication comes or goes) and for two seconds at most (another node's
//! writes). The pages and their twins in `/api/v1/publications` share them.
//! What is the visitor's own (their earlier rating) is never kept here.

use crate::error::AppError;
use crate::platform::read_cache::ReadCache;
use crate::platform::state::AppState;
use crate::publications::{self, moderation, CatalogueQuery, PublicComment, Publication, PublicationPage, Unpublished};
use std::time::Duration;

const MAX_AGE: Duration = Duration::from_secs(2);

pub struct PublicCatalogue(ReadCache<PublicationPage>);

impl Default for PublicCatalogue {
    fn default() -> Self {
        PublicCatalogue(ReadCache::new(MAX_AGE))
    }
}

/// The catalogue's page `q` as the public sees it (published only).
pub async fn public_page(st: &AppState, q: &CatalogueQuery) -> Result<PublicationPage, AppError> {
    let key = serde_json::to_string(q).map_err(|e| AppError::internal(format!("catalogue key: {e}")))?;
    let read = publications::list(&st.db, q, Unpublished::Hidden, st.config.tz());
    st.caches.get::<PublicCatalogue>().0.get_or_read(key, read).await
}

/// Approved comments shown on a publication's page, newest first.
pub const COMMENTS_SHOWN: i64 = 50;

pub struct PublicPublications(ReadCache<(Publication, Vec<PublicComment>)>);

impl Default for PublicPublications {
    fn default() -> Self {
        PublicPublications(ReadCache::new(MAX_AGE))
    }
}

/// A published publication and its approved comments, as anyone sees them;
/// not found when it is not published (never kept, so it shows once it is).
pub async fn public_publication(st: &AppState, id: i64) -> Result<(Publication, Vec<PublicComment>), AppError> {
    let read = async {
        let publication = publications::get(&st.db, id, false).await?;
        let comments = moderation::approved(&st.db, id, COMMENTS_SHOWN).await?;
        Ok((publication, comments))
    };
    st.caches
        .get::<PublicPublications>()
        .0
        .get_or_read(id.to_string(), read)
        .await
}
