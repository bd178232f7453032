//! Staff sessions, stored in the database (so several server processes share
//! them) through tower-sessions. The cookie is HttpOnly, SameSite=Lax, and
//! Secure when the portal is served over https. The session id changes at
//! sign-in; every request checks the sign-in's row in `staff_sessions` (idle
//! and absolute limits, ended by a password change or deactivation) and
//! reloads the user, so a deactivated account loses access at once. Between
//! a right password and the second factor the session holds only a
//! [`Pending`] sign-in, which opens nothing.

use crate::error::AppError;
use crate::on_read;
use crate::platform::db::Db;
use crate::platform::roles::{CurrentUser, Role};
use crate::platform::staff_sessions::{self, Check, Lifetime};
use async_trait::async_trait;
use chrono::{DateTime, Utc};
use tower_sessions::session::{Id, Record};
use tower_sessions::session_store::{self, ExpiredDeletion, SessionStore};
use tower_sessions::{Expiry, Session, SessionManagerLayer};
use tower_sessions_sqlx_store::{PostgresStore, SqliteStore};

pub const COOKIE_NAME: &str = "ashyq_session";
/// Over https the cookie carries the `__Host-` prefix: browsers then accept
/// it only if Secure, for the whole site, from this exact host.
pub const HTTPS_COOKIE_NAME: &str = "__Host-ashyq_session";
const USER_KEY: &str = "uid";
const SECRET_KEY: &str = "sid";
const SEEN_KEY: &str = "seen";
const PENDING_KEY: &str = "pending";

/// A sign-in under way: the password was right, the second factor (or a
/// new password) is still to come. It gives no access to anything.
#[derive(Debug, Clone, Copy, serde::Serialize, serde::Deserialize)]
pub struct Pending {
    pub user_id: i64,
    /// When the password was accepted: the rest must follow within
    /// [`PENDING_MINUTES`].
    pub since: i64,
    /// Wrong codes so far; at [`PENDING_WRONG_CODES`] the password is asked again.
    pub wrong_codes: u32,
    /// The second factor was given (or enrolled, or is not required).
    pub factor_done: bool,
}

pub const PENDING_MINUTES: i64 = 10;
pub const PENDING_WRONG_CODES: u32 = 5;

/// Starts a sign-in for `user_id` after a right password, with a fresh
/// session id; any earlier sign-in on this session is signed out.
pub async fn begin_pending(db: &Db, session: &Session, user_id: i64, now: DateTime<Utc>) -> Result<(), AppError> {
    if let Ok(Some(secret)) = session.get::<String>(SECRET_KEY).await {
        staff_sessions::end(db, &secret, now).await?;
    }
    if session.id().is_some() {
        // Whatever an earlier visit left in it goes; a new session has nothing to remove.
        session.flush().await.map_err(store_err)?;
    }
    session.cycle_id().await.map_err(store_err)?;
    let p = Pending {
        user_id,
        since: now.timestamp(),
        wrong_codes: 0,
        factor_done: false,
    };
    session.insert(PENDING_KEY, p).await.map_err(store_err)
}

/// The sign-in under way on this session, if it has not expired.
pub async fn pending(session: &Session, now: DateTime<Utc>) -> Result<Option<Pending>, AppError> {
    let p: Option<Pending> = session.get(PENDING_KEY).await.map_err(store_err)?;
    Ok(p.filter(|p| now.timestamp() - p.since <= PENDING_MINUTES * 60))
}

/// Notes one more wrong code; `false` when that was one too many and the
/// sign-in under way is dropped.
pub async fn note_wrong_code(session: &Session, mut p: Pending) -> Result<bool, AppError> {
    p.wrong_codes += 1;
    if p.wrong_codes >= PENDING_WRONG_CODES {
        session.remove::<Pending>(PENDING_KEY).await.map_err(store_err)?;
        return Ok(false);
    }
    session.insert(PENDING_KEY, p).await.map_err(store_err)?;
    Ok(true)
}

/// Records that the second factor of the sign-in under way was given.
pub async fn mark_factor_done(session: &Session, mut p: Pending) -> Result<(), AppError> {
    p.factor_done = true;
    session.insert(PENDING_KEY, p).await.map_err(store_err)
}

/// The hash naming this session's sign-in in `staff_sessions`, if signed in.
pub async fn current_hash(session: &Session) -> Option<String> {
    session
        .get::<String>(SECRET_KEY)
        .await
        .ok()
        .flatten()
        .map(|s| crate::platform::secrets::hash_secret(&s))
}

/// The session store of whichever engine the portal runs on.
#[derive(Clone, Debug)]
pub enum Store {
    Sqlite(SqliteStore),
    Postgres(PostgresStore),
}

impl Store {
    pub async fn new(db: &Db) -> Result<Store, sqlx::Error> {
        let store = match db {
            Db::Sqlite { write, .. } => Store::Sqlite(SqliteStore::new(write.clone())),
            Db::Postgres(pool) => Store::Postgres(PostgresStore::new(pool.clone())),
        };
        match &store {
            Store::Sqlite(s) => s.migrate().await?,
            Store::Postgres(s) => s.migrate().await?,
        }
        Ok(store)
    }

    /// Removes expired sessions (run periodically by a worker).
    pub async fn remove_expired(&self) -> Result<(), String> {
        self.delete_expired().await.map_err(|e| e.to_string())
    }
}

#[async_trait]
impl SessionStore for Store {
    async fn create(&self, record: &mut Record) -> session_store::Result<()> {
        match self {
            Store::Sqlite(s) => s.create(record).await,
            Store::Postgres(s) => s.create(record).await,
        }
    }
    async fn save(&self, record: &Record) -> session_store::Result<()> {
        match self {
            Store::Sqlite(s) => s.save(record).await,
            Store::Postgres(s) => s.save(record).await,
        }
    }
    async fn load(&self, id: &Id) -> session_store::Result<Option<Record>> {
        match self {
            Store::Sqlite(s) => s.load(id).await,
            Store::Postgres(s) => s.load(id).await,
        }
    }
    async fn delete(&self, id: &Id) -> session_store::Result<()> {
        match self {
            Store::Sqlite(s) => s.delete(id).await,
            Store::Postgres(s) => s.delete(id).await,
        }
    }
}

#[async_trait]
impl ExpiredDeletion for Store {
    async fn delete_expired(&self) -> session_store::Result<()> {
        match self {
            Store::Sqlite(s) => s.delete_expired().await,
            Store::Postgres(s) => s.delete_expired().await,
        }
    }
}

/// The session layer; the store forgets a session idle for `idle_minutes`.
pub fn layer(store: Store, https: bool, idle_minutes: i64) -> SessionManagerLayer<Store> {
    SessionManagerLayer::new(store)
        .with_name(if https { HTTPS_COOKIE_NAME } else { COOKIE_NAME })
        .with_http_only(true)
        .with_same_site(tower_sessions::cookie::SameSite::Lax)
        .with_secure(https)
        .with_path("/")
        .with_expiry(Expiry::OnInactivity(time::Duration::minutes(idle_minutes)))
}

fn store_err(e: impl std::fmt::Display) -> AppError {
    AppError::internal(format!("session: {e}"))
}

/// Signs `user_id` in: a fresh session id first, so a session fixed before
/// sign-in is worthless after it, and a row in `staff_sessions`.
pub async fn sign_in(
    db: &Db,
    session: &Session,
    user_id: i64,
    user_agent: &str,
    now: DateTime<Utc>,
) -> Result<(), AppError> {
    session.remove::<Pending>(PENDING_KEY).await.map_err(store_err)?;
    session.cycle_id().await.map_err(store_err)?;
    let secret = staff_sessions::new_secret();
    staff_sessions::start(db, &secret, user_id, user_agent, now).await?;
    session.insert(SECRET_KEY, &secret).await.map_err(store_err)?;
    session.insert(USER_KEY, user_id).await.map_err(store_err)
}

pub async fn sign_out(db: &Db, session: &Session, now: DateTime<Utc>) -> Result<(), AppError> {
    if let Ok(Some(secret)) = session.get::<String>(SECRET_KEY).await {
        staff_sessions::end(db, &secret, now).await?;
    }
    session.flush().await.map_err(store_err)
}

/// The active staff member signed in on this session, if any. A session that
/// is over (idle, too old, ended) is signed out here; one in use is renewed
/// (its cookie and stored expiry) about once a minute.
pub async fn current_user(
    db: &Db,
    life: Lifetime,
    session: &Session,
    now: DateTime<Utc>,
) -> Result<Option<CurrentUser>, AppError> {
    let (Ok(Some(uid)), Ok(Some(secret))) = (
        session.get::<i64>(USER_KEY).await,
        session.get::<String>(SECRET_KEY).await,
    ) else {
        return Ok(None);
    };
    match staff_sessions::check(db, &secret, life, now).await? {
        Check::Alive { user_id, touched } if user_id == uid => {
            if touched {
                session.insert(SEEN_KEY, now.timestamp()).await.map_err(store_err)?;
            }
            user_by_id(db, uid).await
        }
        _ => {
            session.flush().await.map_err(store_err)?;
            Ok(None)
        }
    }
}

/// The signed-in user behind a session, if the account still exists and is
/// active (a deactivated account loses its sessions at once).
pub async fn user_by_id(db: &Db, id: i64) -> Result<Option<CurrentUser>, AppError> {
    let row: Option<(i64, String, String, String, Option<i64>)> = on_read!(db, |c| sqlx::query_as(
        "SELECT id, username, display_name, role, department_id FROM users WHERE id = $1 AND active = TRUE"
    )
    .bind(id)
    .fetch_optional(c)
    .await)?;
    row.map(|(id, username, display_name, role, department_id)| {
        Ok(CurrentUser {
            id,
            username,
            display_name,
            role: Role::parse(&role).ok_or_else(|| AppError::internal(format!("user {id} has an unknown role")))?,
            department_id,
        })
    })
    .transpose()
}
