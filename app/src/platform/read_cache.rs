//! A short-lived cache of public figures that are costly to read (the
//! indicators: a dozen queries over the rating cube, the items and the
//! press). An entry serves while no write has been committed by this
//! process since it was read (see `db::commits`) and for at most `max_age`,
//! which bounds how stale it can be when other nodes write to a shared
//! PostgreSQL. Errors are never kept.

use std::any::{Any, TypeId};
use std::collections::HashMap;
use std::future::Future;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

/// Entries kept at most; when full, the cache starts again empty (the
/// filters a public page takes are many, the ones people use are few).
const MAX_ENTRIES: usize = 256;

pub struct ReadCache<V> {
    max_age: Duration,
    /// How many writes were committed so far (`db::commits`).
    commits: fn() -> u64,
    entries: Mutex<HashMap<String, Entry<V>>>,
    /// One read at a time per key: requests that miss together wait for
    /// the first one's read instead of each reading the same figures.
    reading: Mutex<HashMap<String, Arc<tokio::sync::Mutex<()>>>>,
}

struct Entry<V> {
    commits: u64,
    read_at: Instant,
    value: V,
}

impl<V: Clone> ReadCache<V> {
    pub fn new(max_age: Duration) -> Self {
        Self::counting(max_age, crate::platform::db::commits)
    }

    fn counting(max_age: Duration, commits: fn() -> u64) -> Self {
        ReadCache {
            max_age,
            commits,
            entries: Mutex::new(HashMap::new()),
            reading: Mutex::new(HashMap::new()),
        }
    }

    /// The value under `key`, read with `read` unless a fresh one is kept.
    /// What `read` answers as an error goes to this caller only, never kept
    /// (`AppError` mostly; a page that must not be kept, for the page cache).
    pub async fn get_or_read<F, E>(&self, key: String, read: F) -> Result<V, E>
    where
        F: Future<Output = Result<V, E>>,
    {
        if let Some(v) = self.fresh(&key, (self.commits)()) {
            return Ok(v);
        }
        let turn = {
            let mut reading = self.reading.lock().unwrap_or_else(|p| p.into_inner());
            if reading.len() >= MAX_ENTRIES {
                reading.retain(|_, l| Arc::strong_count(l) > 1);
            }
            reading.entry(key.clone()).or_default().clone()
        };
        let _turn = turn.lock().await;
        // Taken before reading: a write committed while reading makes the
        // entry stale at once.
        let commits = (self.commits)();
        if let Some(v) = self.fresh(&key, commits) {
            return Ok(v);
        }
        let value = read.await?;
        let mut entries = self.entries.lock().unwrap_or_else(|p| p.into_inner());
        if entries.len() >= MAX_ENTRIES {
            entries.clear();
        }
        entries.insert(
            key,
            Entry {
                commits,
                read_at: Instant::now(),
                value: value.clone(),
            },
        );
        Ok(value)
    }

    fn fresh(&self, key: &str, commits: u64) -> Option<V> {
        let entries = self.entries.lock().unwrap_or_else(|p| p.into_inner());
        entries
            .get(key)
            .filter(|e| e.commits == commits && e.read_at.elapsed() < self.max_age)
            .map(|e| e.value.clone())
    }
}

/// The caches of one running portal, one of each type, made when first
/// asked for. Held in `AppState` (not in statics), so two portals in one
/// process, as in the tests, never share one; typed by the domain that
/// owns each, so this module names none of them.
#[derive(Default)]
pub struct Caches {
    by_type: Mutex<HashMap<TypeId, Arc<dyn Any + Send + Sync>>>,
}

impl Caches {
    /// This portal's cache of type `T`.
    pub fn get<T: Default + Send + Sync + 'static>(&self) -> Arc<T> {
        let mut by_type = self.by_type.lock().unwrap_or_else(|p| p.into_inner());
        let any = by_type
            .entry(TypeId::of::<T>())
            .or_insert_with(|| Arc::new(T::default()))
            .clone();
        any.downcast::<T>().unwrap_or_else(|_| Arc::new(T::default()))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::error::AppError;
    use std::sync::atomic::{AtomicU32, AtomicU64, Ordering};

    async fn read_counted(reads: &AtomicU32) -> Result<u32, AppError> {
        Ok(reads.fetch_add(1, Ordering::SeqCst) + 1)
    }

    static NO_WRITES: AtomicU64 = AtomicU64::new(0);
    static SOME_WRITES: AtomicU64 = AtomicU64::new(0);

    #[tokio::test]
    async fn a_kept_value_serves_until_it_is_too_old() {
        let cache = ReadCache::counting(Duration::from_millis(50), || NO_WRITES.load(Ordering::SeqCst));
        let reads = AtomicU32::new(0);
        let first = cache.get_or_read("k".into(), read_counted(&reads)).await.unwrap();
        let again = cache.get_or_read("k".into(), read_counted(&reads)).await.unwrap();
        assert_eq!((first, again), (1, 1), "served from the cache");
        let other = cache.get_or_read("other".into(), read_counted(&reads)).await.unwrap();
        assert_eq!(other, 2, "another key is read on its own");
        std::thread::sleep(Duration::from_millis(60));
        let later = cache.get_or_read("k".into(), read_counted(&reads)).await.unwrap();
        assert_eq!(later, 3, "read again once too old");
    }

    #[tokio::test]
    async fn a_commit_makes_every_entry_stale() {
        let cache = ReadCache::counting(Duration::from_secs(60), || SOME_WRITES.load(Ordering::SeqCst));
        let reads = AtomicU32::new(0);
        cache.get_or_read("k".into(), read_counted(&reads)).await.unwrap();
        SOME_WRITES.fetch_add(1, Ordering::SeqCst);
        let after = cache.get_or_read("k".into(), read_counted(&reads)).await.unwrap();
        assert_eq!(after, 2, "read again after a commit");
    }

    static STILL: AtomicU64 = AtomicU64::new(0);

    #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
    async fn requests_that_miss_together_share_one_read() {
        let cache = Arc::new(ReadCache::counting(Duration::from_secs(60), || {
            STILL.load(Ordering::SeqCst)
        }));
        let reads = Arc::new(AtomicU32::new(0));
        let mut all = tokio::task::JoinSet::new();
        for _ in 0..16 {
            let (cache, reads) = (cache.clone(), reads.clone());
            all.spawn(async move {
                let slow_read = async {
                    tokio::time::sleep(Duration::from_millis(20)).await;
                    read_counted(&reads).await
                };
                cache.get_or_read("k".into(), slow_read).await.unwrap()
            });
        }
        while let Some(v) = all.join_next().await {
            assert_eq!(v.unwrap(), 1, "every request gets the one read's value");
        }
        assert_eq!(reads.load(Ordering::SeqCst), 1);
    }

    #[tokio::test]
    async fn an_error_is_never_kept() {
        let cache: ReadCache<u32> = ReadCache::counting(Duration::from_secs(60), || 0);
        let failed = cache
            .get_or_read("k".into(), async { Err(AppError::not_found()) })
            .await;
        assert!(failed.is_err());
        let ok = cache
            .get_or_read("k".into(), async { Ok::<_, AppError>(7) })
            .await
            .unwrap();
        assert_eq!(ok, 7);
    }
}
