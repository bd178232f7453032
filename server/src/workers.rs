//! The periodic pass of every server process: the inbox's reminders,
//! escalations and summaries, the media spike alerts and morning digests,
//! and the retention rule. Each part claims its notices once, so several
//! processes on one PostgreSQL may run it side by side.

use app::error::AppError;
use app::platform::{config::Config, db::Db};
use chrono::{DateTime, Duration, Utc};

/// What one pass wrote.
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
pub struct Report {
    pub reminders: usize,
    pub escalations: usize,
    pub summaries: usize,
    /// Negative spike alerts and morning digests written.
    pub spike_alerts: usize,
    pub digests: usize,
    /// Items whose submitter's personal data was removed.
    pub purged: usize,
}

impl Report {
    pub fn is_empty(&self) -> bool {
        *self == Report::default()
    }
}

/// One pass at `now`.
pub async fn run(db: &Db, config: &Config, now: DateTime<Utc>) -> Result<Report, AppError> {
    let sent = app::inbox::notices::run(db, config, now).await?;
    app::accounts::sign_in::forget_old_limits(db, now).await?;
    Ok(Report {
        reminders: sent.reminders,
        escalations: sent.escalations,
        summaries: sent.summaries,
        spike_alerts: app::media::alerts::check_spikes(db, config, now).await?,
        digests: app::media::alerts::send_digests(db, config, now).await?,
        purged: app::items::retention::purge_personal_data(
            db,
            config,
            now - Duration::days(config.retention_days as i64),
        )
        .await?,
    })
}
