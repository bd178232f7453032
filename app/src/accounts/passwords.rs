//! Password hashing: argon2id with the OWASP parameters (m = 19 MiB, t = 2,
//! p = 1), always on a blocking thread so hashing never stalls the server,
//! and never more at once than the gate admits: a burst of sign-ins waits a
//! moment in a short queue, and beyond it is told to come back (503), instead
//! of growing memory by 19 MiB a try.

use argon2::password_hash::{rand_core::OsRng, PasswordHash, PasswordHasher, PasswordVerifier, SaltString};
use argon2::{Algorithm, Argon2, Params, Version};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::OnceLock;
use std::time::Duration;
use tokio::sync::{Semaphore, SemaphorePermit};

/// How long a hash may wait in the queue for its turn.
const QUEUE_WAIT: Duration = Duration::from_secs(5);

/// Hashes that may wait per running one. A waiting hash holds no memory of
/// its own (argon2 allocates when it runs), so the queue can be generous.
const WAITING_PER_RUNNING: usize = 16;

/// The hash gate was full: try again in a moment.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Busy;

struct Gate {
    running: Semaphore,
    waiting: AtomicUsize,
    max_waiting: usize,
}

static GATE: OnceLock<Gate> = OnceLock::new();

/// Sets how many hashes run at once (0: one per CPU core); the queue holds 16
/// times as many, each waiting up to 5 s. Takes effect once, at start-up; later calls change nothing.
pub fn limit_concurrency(max: usize) {
    let _ = GATE.get_or_init(|| gate_of(max));
}

fn gate_of(max: usize) -> Gate {
    let n = if max == 0 {
        std::thread::available_parallelism().map(|n| n.get()).unwrap_or(2)
    } else {
        max
    };
    Gate {
        running: Semaphore::new(n),
        waiting: AtomicUsize::new(0),
        max_waiting: n * WAITING_PER_RUNNING,
    }
}

async fn admit() -> Result<SemaphorePermit<'static>, Busy> {
    let gate = GATE.get_or_init(|| gate_of(0));
    admit_to(gate).await
}

async fn admit_to(gate: &Gate) -> Result<SemaphorePermit<'_>, Busy> {
    if let Ok(p) = gate.running.try_acquire() {
        return Ok(p);
    }
    if gate.waiting.fetch_add(1, Ordering::SeqCst) >= gate.max_waiting {
        gate.waiting.fetch_sub(1, Ordering::SeqCst);
        return Err(Busy);
    }
    let got = tokio::time::timeout(QUEUE_WAIT, gate.running.acquire()).await;
    gate.waiting.fetch_sub(1, Ordering::SeqCst);
    match got {
        Ok(Ok(p)) => Ok(p),
        _ => Err(Busy),
    }
}

fn hasher() -> Argon2<'static> {
    let params = Params::new(19 * 1024, 2, 1, None).expect("valid argon2 parameters");
    Argon2::new(Algorithm::Argon2id, Version::V0x13, params)
}

fn hash_sync(password: &str) -> String {
    let salt = SaltString::generate(&mut OsRng);
    hasher()
        .hash_password(password.as_bytes(), &salt)
        .expect("argon2 hashing cannot fail with valid params")
        .to_string()
}

/// A hash of a random password, verified against when the account does not
/// exist, so an unknown username takes as long as a wrong password.
fn dummy_hash() -> &'static str {
    static DUMMY: OnceLock<String> = OnceLock::new();
    DUMMY.get_or_init(|| hash_sync(&uuid::Uuid::new_v4().to_string()))
}

/// The argon2id hash of a new password, once the gate admits it.
pub async fn hash(password: String) -> Result<String, Busy> {
    let _turn = admit().await?;
    tokio::task::spawn_blocking(move || hash_sync(&password))
        .await
        .map_err(|_| Busy)
}

/// Verifies `password` against `stored`, or against the dummy hash when there
/// is no stored hash; in that case the answer is always `false`.
pub async fn verify(password: String, stored: Option<String>) -> Result<bool, Busy> {
    let _turn = admit().await?;
    let ok = tokio::task::spawn_blocking(move || {
        let (hash, real) = match &stored {
            Some(h) => (h.as_str(), true),
            None => (dummy_hash(), false),
        };
        let ok = PasswordHash::new(hash)
            .map(|parsed| hasher().verify_password(password.as_bytes(), &parsed).is_ok())
            .unwrap_or(false);
        ok && real
    })
    .await
    .unwrap_or(false);
    Ok(ok)
}

/// Warms the dummy hash so the first unknown-user sign-in is not faster.
pub fn warm_up() {
    let _ = dummy_hash();
}

#[cfg(test)]
mod tests {
    use super::*;

    #[tokio::test]
    async fn a_hash_verifies_its_password_and_nothing_else() {
        let h = hash("correct horse battery".into()).await.unwrap();
        assert!(h.starts_with("$argon2id$v=19$m=19456,t=2,p=1$"), "{h}");
        assert_eq!(verify("correct horse battery".into(), Some(h.clone())).await, Ok(true));
        assert_eq!(verify("correct horse battery!".into(), Some(h)).await, Ok(false));
    }

    #[tokio::test]
    async fn an_unknown_user_never_verifies() {
        assert_eq!(verify(String::new(), None).await, Ok(false));
        assert_eq!(verify("anything".into(), None).await, Ok(false));
    }

    #[tokio::test(start_paused = true)]
    async fn beyond_the_running_hashes_and_a_short_queue_a_hash_is_told_to_come_back() {
        let gate: &'static Gate = Box::leak(Box::new(gate_of(1)));
        let running = admit_to(gate).await.unwrap();
        let queued: Vec<_> = (0..WAITING_PER_RUNNING)
            .map(|_| tokio::spawn(async move { admit_to(gate).await.is_ok() }))
            .collect();
        tokio::time::sleep(Duration::from_millis(50)).await;
        let started = std::time::Instant::now();
        assert_eq!(admit_to(gate).await.err(), Some(Busy), "the queue is full");
        assert!(
            started.elapsed() < Duration::from_secs(1),
            "refused at once, not after a wait"
        );
        drop(running);
        for q in queued {
            assert!(q.await.unwrap(), "every queued hash got its turn");
        }
    }
}
