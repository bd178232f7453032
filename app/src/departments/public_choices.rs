//! The active departments and topics that public pages offer as filters
//! (catalogue, indicators, archive), kept a moment like the public
//! indicators (`platform::read_cache`): a page view then reads neither.

use crate::departments::{self, Department};
use crate::error::AppError;
use crate::platform::db::Db;
use crate::platform::read_cache::ReadCache;
use crate::publications::{topics, Topic};
use std::time::Duration;

const MAX_AGE: Duration = Duration::from_secs(2);

pub struct PublicChoices {
    departments: ReadCache<Vec<Department>>,
    topics: ReadCache<Vec<Topic>>,
}

impl Default for PublicChoices {
    fn default() -> Self {
        PublicChoices {
            departments: ReadCache::new(MAX_AGE),
            topics: ReadCache::new(MAX_AGE),
        }
    }
}

impl PublicChoices {
    /// The active departments, by code.
    pub async fn departments(&self, db: &Db) -> Result<Vec<Department>, AppError> {
        self.departments
            .get_or_read("active".into(), departments::list(db, false))
            .await
    }

    /// The active topics, by code.
    pub async fn topics(&self, db: &Db) -> Result<Vec<Topic>, AppError> {
        self.topics.get_or_read("active".into(), topics::list(db)).await
    }
}
