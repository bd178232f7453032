//! The active departments that public pages offer as a filter (catalogue,
//! indicators, archive), kept a moment like the public indicators
//! (`platform::read_cache`): a page view then does not read them.

use crate::departments::{self, Department};
use crate::error::AppError;
use crate::platform::db::Db;
use crate::platform::read_cache::ReadCache;
use crate::platform::state::AppState;
use std::time::Duration;

const MAX_AGE: Duration = Duration::from_secs(2);

pub struct PublicDepartments(ReadCache<Vec<Department>>);

impl Default for PublicDepartments {
    fn default() -> Self {
        PublicDepartments(ReadCache::new(MAX_AGE))
    }
}

impl PublicDepartments {
    async fn active(&self, db: &Db) -> Result<Vec<Department>, AppError> {
        self.0.get_or_read("active".into(), departments::list(db, false)).await
    }
}

/// The active departments, by code, kept a moment in `st`'s caches.
pub async fn public_departments(st: &AppState) -> Result<Vec<Department>, AppError> {
    st.caches.get::<PublicDepartments>().active(&st.db).await
}
