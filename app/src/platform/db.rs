//! The one query layer over SQLite and PostgreSQL.
//!
//! `Db` holds either a SQLite writer (one connection) beside a read pool, or a
//! PostgreSQL pool. Domain code writes portable SQL (`$1` placeholders work on
//! both) and runs it through [`on_read!`] / [`on_tx!`], which expand the same
//! generic code once per engine, so no query is written twice unless the
//! engines really differ (then [`Db::engine`] picks the variant).

use crate::platform::checkpoints;
use sqlx::postgres::{PgConnectOptions, PgPoolOptions};
use sqlx::sqlite::{SqliteConnectOptions, SqliteJournalMode, SqlitePoolOptions, SqliteSynchronous};
use sqlx::{PgPool, Postgres, Sqlite, SqlitePool, Transaction};
use std::panic::Location;
use std::str::FromStr;
use std::time::{Duration, Instant};

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Engine {
    Sqlite,
    Postgres,
}

#[derive(Clone, Debug)]
pub enum Db {
    Sqlite { write: SqlitePool, read: SqlitePool },
    Postgres(PgPool),
}

/// A writing transaction on either engine. It knows where it was opened:
/// one held long is logged with that place when it ends, and so is a long
/// wait for SQLite's single writer, since every other write waits behind it.
pub struct Tx {
    pub conn: TxConn,
    engine: Engine,
    opened: Instant,
    at: &'static Location<'static>,
}

/// The connection of a [`Tx`] (`Done` once committed).
pub enum TxConn {
    Sqlite(Transaction<'static, Sqlite>),
    Postgres(Transaction<'static, Postgres>),
    Done,
}

/// Writes committed by this process, on any database: a cached read is
/// fresh while this has not moved (see `read_cache`).
static COMMITS: std::sync::atomic::AtomicU64 = std::sync::atomic::AtomicU64::new(0);

/// How many writing transactions this process has committed.
pub fn commits() -> u64 {
    COMMITS.load(std::sync::atomic::Ordering::Acquire)
}

/// A transaction held, or a writer waited for, longer than this is logged.
const SLOW_TX: Duration = Duration::from_secs(1);

/// Runs `$body` with `$c` bound to a read executor (`&Pool<_>`) of the engine.
#[macro_export]
macro_rules! on_read {
    ($db:expr, |$c:ident| $body:expr) => {
        match $db {
            $crate::platform::db::Db::Sqlite { read, .. } => {
                let $c = read;
                $body
            }
            $crate::platform::db::Db::Postgres(pool) => {
                let $c = pool;
                $body
            }
        }
    };
}

/// Runs `$body` with `$c` bound to the connection of a writing transaction.
#[macro_export]
macro_rules! on_tx {
    ($tx:expr, |$c:ident| $body:expr) => {
        match &mut ($tx).conn {
            $crate::platform::db::TxConn::Sqlite(t) => {
                let $c = &mut **t;
                $body
            }
            $crate::platform::db::TxConn::Postgres(t) => {
                let $c = &mut **t;
                $body
            }
            $crate::platform::db::TxConn::Done => unreachable!("a committed transaction is not used again"),
        }
    };
}

impl Db {
    /// Connects to `url`: `postgres://…` selects PostgreSQL, anything else
    /// (`sqlite://path`, or a bare path) SQLite. Applies the migrations.
    pub async fn connect(url: &str) -> Result<Db, sqlx::Error> {
        let db = if url.starts_with("postgres://") || url.starts_with("postgresql://") {
            let opts = PgConnectOptions::from_str(url)?;
            let pool = PgPoolOptions::new()
                .max_connections(16)
                .acquire_timeout(Duration::from_secs(10))
                .connect_with(opts)
                .await?;
            Db::Postgres(pool)
        } else {
            let path = url
                .strip_prefix("sqlite://")
                .or_else(|| url.strip_prefix("sqlite:"))
                .unwrap_or(url);
            if let Some(parent) = std::path::Path::new(path).parent() {
                if !parent.as_os_str().is_empty() {
                    std::fs::create_dir_all(parent).map_err(sqlx::Error::Io)?;
                }
            }
            let base = SqliteConnectOptions::new()
                .filename(path)
                .create_if_missing(true)
                // WAL lets readers run beside the writer; FULL makes an
                // acknowledged write survive a power cut.
                .journal_mode(SqliteJournalMode::Wal)
                .synchronous(SqliteSynchronous::Full)
                .foreign_keys(true)
                .busy_timeout(Duration::from_secs(10))
                // Sorts and statement journals stay in memory instead of
                // temporary files made and removed within a commit.
                .pragma("temp_store", "memory");
            // The writer keeps 64 MiB of pages (SQLite's default is 2 MiB:
            // a batch of ratings read most index pages it changed from the
            // operating system again). It copies its log back into the
            // database only if the background checkpoint falls far behind.
            let write = SqlitePoolOptions::new()
                .max_connections(1)
                .acquire_timeout(Duration::from_secs(30))
                .connect_with(
                    base.clone()
                        .pragma("cache_size", "-65536")
                        .pragma("wal_autocheckpoint", checkpoints::WRITER_CHECKPOINT_PAGES),
                )
                .await?;
            let read = SqlitePoolOptions::new()
                .max_connections(8)
                .connect_with(base.clone().read_only(true))
                .await?;
            checkpoints::start(SqlitePoolOptions::new().max_connections(1).connect_with(base).await?);
            Db::Sqlite { write, read }
        };
        db.migrate().await?;
        Ok(db)
    }

    pub fn engine(&self) -> Engine {
        match self {
            Db::Sqlite { .. } => Engine::Sqlite,
            Db::Postgres(_) => Engine::Postgres,
        }
    }

    async fn migrate(&self) -> Result<(), sqlx::Error> {
        match self {
            Db::Sqlite { write, .. } => sqlx::migrate!("../migrations/sqlite").run(write).await?,
            Db::Postgres(pool) => sqlx::migrate!("../migrations/postgres").run(pool).await?,
        }
        Ok(())
    }

    /// Starts a writing transaction. On SQLite it is `BEGIN IMMEDIATE`, so a
    /// second writer waits for the lock instead of failing half-way.
    #[track_caller]
    pub fn begin(&self) -> impl std::future::Future<Output = Result<Tx, sqlx::Error>> + Send + '_ {
        let at = Location::caller();
        async move {
            let asked = Instant::now();
            let conn = match self {
                Db::Sqlite { write, .. } => TxConn::Sqlite(write.begin_with("BEGIN IMMEDIATE").await?),
                Db::Postgres(pool) => TxConn::Postgres(pool.begin().await?),
            };
            let waited = asked.elapsed();
            if waited > SLOW_TX {
                tracing::warn!(%at, waited_ms = waited.as_millis() as u64, "waited long for a write transaction");
            }
            Ok(Tx {
                conn,
                engine: self.engine(),
                opened: Instant::now(),
                at,
            })
        }
    }

    /// `SELECT 1` against the database, for `/healthz`.
    pub async fn ping(&self) -> bool {
        on_read!(self, |c| sqlx::query("SELECT 1").execute(c).await.is_ok())
    }

    pub async fn close(&self) {
        match self {
            Db::Sqlite { write, read } => {
                read.close().await;
                write.close().await;
            }
            Db::Postgres(pool) => pool.close().await,
        }
    }
}

impl Tx {
    pub async fn commit(mut self) -> Result<(), sqlx::Error> {
        let done = match std::mem::replace(&mut self.conn, TxConn::Done) {
            TxConn::Sqlite(t) => t.commit().await,
            TxConn::Postgres(t) => t.commit().await,
            TxConn::Done => return Ok(()),
        };
        // Counted whether or not it succeeded: a failed commit may still
        // have reached the disk.
        COMMITS.fetch_add(1, std::sync::atomic::Ordering::AcqRel);
        done
    }

    pub fn engine(&self) -> Engine {
        self.engine
    }
}

impl Drop for Tx {
    fn drop(&mut self) {
        let held = self.opened.elapsed();
        if held > SLOW_TX {
            let at = self.at;
            tracing::warn!(%at, held_ms = held.as_millis() as u64, "a write transaction was held long");
        }
    }
}

/// True when `e` is a unique-constraint violation on either engine.
pub fn is_unique_violation(e: &sqlx::Error) -> bool {
    matches!(e, sqlx::Error::Database(d) if d.is_unique_violation())
}

/// Deletes the row `id` of `table` (a name from our own code, never input);
/// `not_found` when there is none.
pub async fn delete_by_id(db: &Db, table: &'static str, id: i64) -> Result<(), crate::error::AppError> {
    let sql = format!("DELETE FROM {table} WHERE id = $1");
    let mut tx = db.begin().await?;
    let n = crate::on_tx!(&mut tx, |c| sqlx::query(&sql)
        .bind(id)
        .execute(c)
        .await
        .map(|r| r.rows_affected()))?;
    if n == 0 {
        return Err(crate::error::AppError::not_found());
    }
    tx.commit().await?;
    Ok(())
}
