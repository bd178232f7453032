//! Signing in with a username and password, limited per username and client
//! address. No account is ever locked for everyone: someone hammering an
//! account from their address slows only themselves, and its owner signs in
//! from their own address at once. A wrong password, an unknown or
//! deactivated username and a try that came too soon give one answer
//! (`401 bad_credentials`, one text), so none of them tells a stranger which
//! usernames exist.
//!
//! Every try is counted before its password is checked, in one transaction
//! on the limits row (locked on PostgreSQL; SQLite has one writer), so
//! parallel guesses get no more tries than serial ones; a right password
//! clears the row.

use crate::accounts::passwords;
use crate::accounts::store::{find_by_username, normalise_username};
use crate::error::{AppError, ErrorCode, FieldCode, FieldError};
use crate::on_tx;
use crate::platform::audit::{self, Event};
use crate::platform::config::LimitsConfig;
use crate::platform::db::{Db, Engine, Tx};
use crate::platform::roles::CurrentUser;
use chrono::{DateTime, Duration, Utc};

/// The wait before the next try after `failures` wrong ones: none for the
/// first `free` failures, then 1 s, doubling up to `max_secs`.
pub fn delay_after(failures: u32, free: u32, max_secs: u64) -> Duration {
    if failures < free.max(1) {
        return Duration::zero();
    }
    let doublings = (failures - free.max(1)).min(30);
    Duration::seconds(1i64.checked_shl(doublings).unwrap_or(i64::MAX).min(max_secs as i64))
}

/// Whether this try may go ahead: counts it against the username and
/// client, and sets when the next one may come.
async fn take_a_try(
    tx: &mut Tx,
    limits: &LimitsConfig,
    username: &str,
    client: &str,
    now: DateTime<Utc>,
) -> Result<bool, sqlx::Error> {
    on_tx!(tx, |c| sqlx::query(
        "INSERT INTO sign_in_limits (username, client, failures, next_allowed_at) VALUES ($1, $2, 0, $3) \
         ON CONFLICT (username, client) DO NOTHING"
    )
    .bind(username)
    .bind(client)
    .bind(now)
    .execute(c)
    .await
    .map(|r| r.rows_affected()))?;
    let lock = if tx.engine() == Engine::Postgres {
        " FOR UPDATE"
    } else {
        ""
    };
    let sql = format!("SELECT failures, next_allowed_at FROM sign_in_limits WHERE username = $1 AND client = $2{lock}");
    let (failures, next_allowed_at): (i32, DateTime<Utc>) = on_tx!(tx, |c| sqlx::query_as(&sql)
        .bind(username)
        .bind(client)
        .fetch_one(c)
        .await)?;
    if next_allowed_at > now {
        return Ok(false);
    }
    let failures = failures.max(0) as u32 + 1;
    let next = now + delay_after(failures, limits.sign_in_free_failures, limits.sign_in_max_delay_secs);
    on_tx!(tx, |c| sqlx::query(
        "UPDATE sign_in_limits SET failures = $3, next_allowed_at = $4 WHERE username = $1 AND client = $2"
    )
    .bind(username)
    .bind(client)
    .bind(failures as i32)
    .bind(next)
    .execute(c)
    .await
    .map(|r| r.rows_affected()))?;
    Ok(true)
}

/// Counts one try of a second-factor code (or a current password) against
/// the same limits as passwords: whether it may go ahead.
pub async fn count_try(
    db: &Db,
    limits: &LimitsConfig,
    username: &str,
    client: &str,
    now: DateTime<Utc>,
) -> Result<bool, AppError> {
    let mut tx = db.begin().await?;
    let allowed = take_a_try(&mut tx, limits, username, client, now).await?;
    tx.commit().await?;
    Ok(allowed)
}

/// Clears the tries of `username` from `client` after a right answer.
pub async fn clear_tries(db: &Db, username: &str, client: &str) -> Result<(), AppError> {
    let mut tx = db.begin().await?;
    on_tx!(&mut tx, |c| sqlx::query(
        "DELETE FROM sign_in_limits WHERE username = $1 AND client = $2"
    )
    .bind(username)
    .bind(client)
    .execute(c)
    .await
    .map(|r| r.rows_affected()))?;
    tx.commit().await?;
    Ok(())
}

fn busy() -> AppError {
    AppError::new(ErrorCode::Unavailable)
}

fn bad_credentials() -> AppError {
    AppError::new(ErrorCode::BadCredentials)
}

/// Checks a username and password from `client` (its limit key, see
/// `platform::client`).
pub async fn authenticate(
    db: &Db,
    limits: &LimitsConfig,
    username: &str,
    password: &str,
    client: &str,
    now: DateTime<Utc>,
) -> Result<CurrentUser, AppError> {
    let username = normalise_username(username);
    let mut fields = Vec::new();
    for (field, empty) in [("username", username.is_empty()), ("password", password.is_empty())] {
        if empty {
            fields.push(FieldError {
                field: field.into(),
                code: FieldCode::Required,
            });
        }
    }
    if !fields.is_empty() {
        return Err(AppError::fields(fields));
    }
    let mut tx = db.begin().await?;
    let allowed = take_a_try(&mut tx, limits, &username, client, now).await?;
    tx.commit().await?;
    if !allowed {
        // Refused before any hash is computed: a flood costs us no argon2.
        return Err(bad_credentials());
    }
    let row = find_by_username(db, &username).await?.filter(|r| r.active);
    let stored = row.as_ref().map(|r| r.password_hash.clone());
    let right = passwords::verify(password.to_string(), stored)
        .await
        .map_err(|_| busy())?;
    let mut tx = db.begin().await?;
    let outcome = match row {
        Some(row) if right => {
            on_tx!(&mut tx, |c| sqlx::query(
                "DELETE FROM sign_in_limits WHERE username = $1 AND client = $2"
            )
            .bind(&username)
            .bind(client)
            .execute(c)
            .await
            .map(|r| r.rows_affected()))?;
            // `LoginSucceeded` is recorded when the last step is done.
            Ok(row.current())
        }
        Some(row) => {
            audit::record(&mut tx, now, Event::LoginFailed, None, Some(row.id), "wrong_password").await?;
            Err(bad_credentials())
        }
        None => {
            audit::record(&mut tx, now, Event::LoginFailed, None, None, "unknown_or_inactive").await?;
            Err(bad_credentials())
        }
    };
    tx.commit().await?;
    outcome
}

/// Removes limits rows whose wait ended over a day ago (the username and
/// address a stranger typed are not kept longer than they are useful).
pub async fn forget_old_limits(db: &Db, now: DateTime<Utc>) -> Result<u64, AppError> {
    let mut tx = db.begin().await?;
    let n = on_tx!(&mut tx, |c| sqlx::query(
        "DELETE FROM sign_in_limits WHERE next_allowed_at < $1"
    )
    .bind(now - Duration::days(1))
    .execute(c)
    .await
    .map(|r| r.rows_affected()))?;
    tx.commit().await?;
    Ok(n)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_wait_starts_after_the_free_failures_and_doubles_up_to_the_ceiling() {
        let waits: Vec<i64> = (1..=12).map(|n| delay_after(n, 5, 60).num_seconds()).collect();
        assert_eq!(waits, [0, 0, 0, 0, 1, 2, 4, 8, 16, 32, 60, 60]);
        assert_eq!(delay_after(1000, 5, 900).num_seconds(), 900, "no overflow however many");
    }
}
