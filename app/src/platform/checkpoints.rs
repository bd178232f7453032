//! SQLite's write-ahead log copied back into the database file beside the
//! writer, not inside its commits.
//!
//! By default the connection that commits copies the log into the database
//! (and flushes the database file) whenever the log passes 1,000 pages, so
//! every write of that batch waits for the copy. Here a connection of its
//! own checkpoints once a second while writes are being committed (`PASSIVE`:
//! it never blocks the writer or a reader); the writer still does it itself
//! if the log ever grows past [`WRITER_CHECKPOINT_PAGES`].

use crate::platform::db;
use sqlx::SqlitePool;
use std::time::Duration;

/// The log's size, in pages, past which the writer checkpoints anyway
/// (about 40 MiB with 4 KiB pages).
pub const WRITER_CHECKPOINT_PAGES: &str = "10000";

/// How often the log is copied back while writes come in.
const EVERY: Duration = Duration::from_secs(1);

/// Starts checkpointing on `pool` (one connection that may write) for as
/// long as the runtime runs.
pub fn start(pool: SqlitePool) {
    tokio::spawn(async move {
        let mut tick = tokio::time::interval(EVERY);
        tick.set_missed_tick_behavior(tokio::time::MissedTickBehavior::Delay);
        let mut seen = db::commits();
        loop {
            tick.tick().await;
            // Nothing committed since the last pass: nothing to copy.
            let now = db::commits();
            if now == seen {
                continue;
            }
            seen = now;
            if let Err(e) = sqlx::query("PRAGMA wal_checkpoint(PASSIVE)").execute(&pool).await {
                tracing::warn!(error = %e, "the background checkpoint failed; the writer will copy the log itself");
            }
        }
    });
}
