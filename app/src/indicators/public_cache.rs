//! The public indicators, read once for everyone who asks within a moment:
//! a page of them takes a dozen queries over the rating cube, the items and
//! the press. Kept until this process commits a write, and two seconds at
//! most (writes of other nodes on a shared PostgreSQL), per filter and day.
//! Staff analytics and the downloads always read afresh.

use crate::error::AppError;
use crate::indicators::{figures, IndicatorQuery, Indicators, Weeks};
use crate::platform::db::Db;
use crate::platform::read_cache::ReadCache;
use chrono::{DateTime, Utc};
use std::time::Duration;

const MAX_AGE: Duration = Duration::from_secs(2);

pub struct PublicIndicators {
    figures: ReadCache<Indicators>,
    weeks: ReadCache<Weeks>,
}

impl Default for PublicIndicators {
    fn default() -> Self {
        PublicIndicators {
            figures: ReadCache::new(MAX_AGE),
            weeks: ReadCache::new(MAX_AGE),
        }
    }
}

/// The filter and the day it is read on (a period ends today by default).
fn key(q: &IndicatorQuery, tz: chrono_tz::Tz, now: DateTime<Utc>) -> String {
    let today = now.with_timezone(&tz).date_naive();
    format!("{today}|{}", serde_json::to_string(q).unwrap_or_default())
}

impl PublicIndicators {
    /// [`figures::compute`], kept a moment.
    pub async fn figures(
        &self,
        db: &Db,
        q: &IndicatorQuery,
        tz: chrono_tz::Tz,
        now: DateTime<Utc>,
    ) -> Result<Indicators, AppError> {
        self.figures
            .get_or_read(key(q, tz, now), figures::compute(db, q, tz, now))
            .await
    }

    /// [`figures::weekly`], kept a moment.
    pub async fn weeks(
        &self,
        db: &Db,
        q: &IndicatorQuery,
        tz: chrono_tz::Tz,
        now: DateTime<Utc>,
    ) -> Result<Weeks, AppError> {
        self.weeks
            .get_or_read(key(q, tz, now), figures::weekly(db, q, tz, now))
            .await
    }
}
