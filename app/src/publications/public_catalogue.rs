//! The public catalogue's pages kept a moment (`platform::read_cache`), like
//! the public indicators and filters: a page of the catalogue (its filters,
//! search, sort and page) is read once, then served until this process
//! commits a write (a rating moves its figures, a publication comes or
//! goes) and for two seconds at most (another node's writes). The page
//! and `GET /api/v1/publications` share it.

use crate::error::AppError;
use crate::platform::read_cache::ReadCache;
use crate::platform::state::AppState;
use crate::publications::{self, CatalogueQuery, PublicationPage, Unpublished};
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
