//! Topic codes with names in kk/ru/en (seeded with the ministry's areas);
//! the active ones kept a moment for the public pages' filters.

use crate::error::AppError;
use crate::on_read;
use crate::platform::db::Db;
use crate::publications::Topic;

pub async fn list(db: &Db) -> Result<Vec<Topic>, AppError> {
    Ok(on_read!(db, |c| sqlx::query_as::<_, Topic>(
        "SELECT code, name_kk, name_ru, name_en FROM topics WHERE active = TRUE ORDER BY code"
    )
    .fetch_all(c)
    .await)?)
}

pub async fn codes(db: &Db) -> Result<Vec<String>, AppError> {
    Ok(list(db).await?.into_iter().map(|t| t.code).collect())
}

/// The active topics kept a moment (`platform::read_cache`): the public
/// pages' topic filter then does not read them on every view.
pub struct PublicTopics(crate::platform::read_cache::ReadCache<Vec<Topic>>);

impl Default for PublicTopics {
    fn default() -> Self {
        PublicTopics(crate::platform::read_cache::ReadCache::new(
            std::time::Duration::from_secs(2),
        ))
    }
}

/// The active topics, by code, kept a moment in `st`'s caches.
pub async fn public_topics(st: &crate::platform::state::AppState) -> Result<Vec<Topic>, AppError> {
    let kept = st.caches.get::<PublicTopics>();
    kept.0.get_or_read("active".into(), list(&st.db)).await
}
