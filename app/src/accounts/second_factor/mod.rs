//! A staff member's second factor: a TOTP key (RFC 6238, 6 digits every
//! 30 s, SHA-1 as every authenticator app reads it) sealed under the
//! server's key, and ten single-use recovery codes kept as SHA-256 hashes.
//!
//! Enrolment (`enrolment.rs`) shows the key as a QR code (SVG drawn on the
//! server) and as text, with the recovery codes, until the first right code
//! confirms it.
//! A code is accepted for the step before, the step of, and the step after
//! now (clocks drift), and each step's code only once: the last accepted
//! step is raised atomically, so a code seen over a shoulder, or sent twice
//! in parallel, does not open a second session.

use crate::accounts::recovery_codes;
use crate::error::{AppError, FieldCode};
use crate::platform::audit::{self, Event};
use crate::platform::db::Db;
use crate::platform::sealing::Sealer;
use crate::platform::staff_sessions;
use crate::{on_read, on_tx};
use chrono::{DateTime, Utc};
use totp_rs::{Algorithm, TOTP};

mod enrolment;
pub use enrolment::*;

pub const ISSUER: &str = "Ashyq";
const STEP_SECS: i64 = 30;
const SECRET_BYTES: usize = 20;

pub(super) fn context(user_id: i64) -> String {
    format!("totp:{user_id}")
}

pub(super) fn totp(secret: Vec<u8>, username: &str) -> Result<TOTP, AppError> {
    TOTP::new(
        Algorithm::SHA1,
        6,
        1,
        STEP_SECS as u64,
        secret,
        Some(ISSUER.into()),
        username.into(),
    )
    .map_err(|e| AppError::internal(format!("totp: {e:?}")))
}

/// The 30-second step `at` falls in.
pub fn step_of(at: DateTime<Utc>) -> i64 {
    at.timestamp().div_euclid(STEP_SECS)
}

pub(super) fn code_at(t: &TOTP, step: i64) -> String {
    t.generate((step * STEP_SECS).max(0) as u64)
}

/// Compares without stopping at the first difference.
fn same(a: &str, b: &str) -> bool {
    a.len() == b.len() && a.bytes().zip(b.bytes()).fold(0u8, |acc, (x, y)| acc | (x ^ y)) == 0
}

/// The step whose code `code` is, among the steps around `now`.
pub(super) fn matching_step(t: &TOTP, code: &str, now: DateTime<Utc>) -> Option<i64> {
    let code: String = code.chars().filter(|c| !c.is_whitespace()).collect();
    if code.len() != 6 || !code.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    let now = step_of(now);
    (now - 1..=now + 1).find(|s| same(&code_at(t, *s), &code))
}

pub(super) struct FactorRow {
    pub(super) secret: Vec<u8>,
    pub(super) seed: Option<Vec<u8>>,
    pub(super) confirmed: bool,
    pub(super) last_step: i64,
}

pub(super) async fn load(db: &Db, sealer: &Sealer, user_id: i64) -> Result<Option<FactorRow>, AppError> {
    let row: Option<(String, Option<String>, Option<DateTime<Utc>>, i64)> = on_read!(db, |c| {
        sqlx::query_as(
        "SELECT secret_sealed, recovery_seed_sealed, confirmed_at, last_step FROM second_factors WHERE user_id = $1"
    )
    .bind(user_id)
    .fetch_optional(c)
    .await
    })?;
    let Some((secret, seed, confirmed_at, last_step)) = row else {
        return Ok(None);
    };
    let open = |v: &str| {
        sealer.open(v, &context(user_id)).ok_or_else(|| {
            AppError::internal(format!(
                "the second factor of user {user_id} does not open: another secret key?"
            ))
        })
    };
    Ok(Some(FactorRow {
        secret: open(&secret)?,
        seed: seed.as_deref().map(open).transpose()?,
        confirmed: confirmed_at.is_some(),
        last_step,
    }))
}

/// Whether `user_id` has a confirmed second factor.
pub async fn is_enrolled(db: &Db, user_id: i64) -> Result<bool, AppError> {
    let n: i64 = on_read!(db, |c| sqlx::query_scalar(
        "SELECT COUNT(*) FROM second_factors WHERE user_id = $1 AND confirmed_at IS NOT NULL"
    )
    .bind(user_id)
    .fetch_one(c)
    .await)?;
    Ok(n > 0)
}

pub fn wrong_code() -> AppError {
    AppError::field("code", FieldCode::WrongCode)
}

/// How a second-factor code was taken.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Accepted {
    Totp,
    /// A recovery code, now used up; `left` remain.
    Recovery {
        left: i64,
    },
}

/// Checks `code` (an authenticator code or a recovery code) for `user_id`.
/// A right code is used up by this call; a wrong or used one is refused.
pub async fn verify(
    db: &Db,
    sealer: &Sealer,
    user_id: i64,
    username: &str,
    code: &str,
    now: DateTime<Utc>,
) -> Result<Accepted, AppError> {
    if recovery_codes::looks_like_one(code) {
        let left = recovery_codes::use_one(db, user_id, code, now)
            .await?
            .ok_or_else(wrong_code)?;
        return Ok(Accepted::Recovery { left });
    }
    let row = load(db, sealer, user_id)
        .await?
        .filter(|r| r.confirmed)
        .ok_or_else(wrong_code)?;
    let step = matching_step(&totp(row.secret, username)?, code, now).ok_or_else(wrong_code)?;
    if step <= row.last_step {
        return Err(wrong_code());
    }
    let mut tx = db.begin().await?;
    // Raised only if still below: of two requests with one code, one wins.
    let n = on_tx!(&mut tx, |c| {
        sqlx::query(
        "UPDATE second_factors SET last_step = $2 WHERE user_id = $1 AND last_step < $2 AND confirmed_at IS NOT NULL"
    )
    .bind(user_id)
    .bind(step)
    .execute(c)
    .await
    .map(|r| r.rows_affected())
    })?;
    tx.commit().await?;
    if n == 1 {
        Ok(Accepted::Totp)
    } else {
        Err(wrong_code())
    }
}

/// An admin removes a colleague's factor (a lost phone): it is enrolled
/// afresh at the next sign-in, and every session of the account ends.
pub async fn reset(db: &Db, actor: i64, user_id: i64, now: DateTime<Utc>) -> Result<(), AppError> {
    let mut tx = db.begin().await?;
    for sql in [
        "DELETE FROM recovery_codes WHERE user_id = $1",
        "DELETE FROM second_factors WHERE user_id = $1",
    ] {
        on_tx!(&mut tx, |c| sqlx::query(sql)
            .bind(user_id)
            .execute(c)
            .await
            .map(|r| r.rows_affected()))?;
    }
    audit::record(&mut tx, now, Event::FactorReset, Some(actor), Some(user_id), "").await?;
    staff_sessions::end_all_of(&mut tx, user_id, now).await?;
    tx.commit().await?;
    Ok(())
}

/// A code of `user_id` not used yet, and how long to wait before it is
/// accepted (zero, unless the codes around now were all used). For the demo
/// command `ashyq totp-code` and for tests: both stand in for a phone.
pub async fn unused_code(
    db: &Db,
    sealer: &Sealer,
    user_id: i64,
    username: &str,
    now: DateTime<Utc>,
) -> Result<(String, chrono::Duration), AppError> {
    let row = load(db, sealer, user_id).await?.ok_or_else(AppError::not_found)?;
    let (step, wait) = usable_step(row.last_step, now);
    Ok((code_at(&totp(row.secret, username)?, step), wait))
}

/// How long a code handed out stays accepted at least: time to type it, or
/// for a test's request to arrive.
const TIME_TO_TYPE_SECS: i64 = 10;

/// The earliest step after `last_step` whose code is accepted from now, or
/// after the returned wait, for at least [`TIME_TO_TYPE_SECS`]. A code of
/// step `s` is accepted while the step of the clock is `s - 1` to `s + 1`.
fn usable_step(last_step: i64, now: DateTime<Utc>) -> (i64, chrono::Duration) {
    let t = now.timestamp();
    let first_unused = (last_step + 1).max(step_of(now) - 1);
    let step = (first_unused..)
        .find(|s| (s + 2) * STEP_SECS - t >= TIME_TO_TYPE_SECS)
        .unwrap_or(first_unused);
    let wait_secs = (step - 1) * STEP_SECS - t;
    (step, chrono::Duration::seconds(wait_secs.max(0)))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn t() -> TOTP {
        totp(b"12345678901234567890".to_vec(), "admin").unwrap()
    }

    #[test]
    fn codes_follow_rfc_6238() {
        // RFC 6238 appendix B, SHA-1, the last six of the eight digits.
        let at = |s: i64| DateTime::<Utc>::from_timestamp(s, 0).unwrap();
        assert_eq!(code_at(&t(), step_of(at(59))), "287082");
        assert_eq!(code_at(&t(), step_of(at(1111111109))), "081804");
        assert_eq!(code_at(&t(), step_of(at(2000000000))), "279037");
    }

    #[test]
    fn a_code_is_taken_one_step_either_side_of_now_and_no_further() {
        let now = DateTime::<Utc>::from_timestamp(1111111109, 0).unwrap();
        let s = step_of(now);
        for d in -1..=1 {
            assert_eq!(matching_step(&t(), &code_at(&t(), s + d), now), Some(s + d));
        }
        assert_eq!(matching_step(&t(), &code_at(&t(), s - 2), now), None);
        assert_eq!(matching_step(&t(), &code_at(&t(), s + 2), now), None);
        assert_eq!(matching_step(&t(), "081 804", now), Some(s), "spaces are ignored");
        assert_eq!(matching_step(&t(), "08180", now), None);
    }

    #[test]
    fn a_code_handed_out_stays_accepted_long_enough_to_type_it() {
        for second in 0..STEP_SECS {
            let now = DateTime::<Utc>::from_timestamp(1_111_111_080 + second, 0).unwrap();
            for last_step in [0, step_of(now) - 1, step_of(now), step_of(now) + 1] {
                let (step, wait) = usable_step(last_step, now);
                assert!(step > last_step, "a used step is never handed out again");
                let from = now + wait;
                let until = now + wait + chrono::Duration::seconds(TIME_TO_TYPE_SECS);
                for at in [from, until - chrono::Duration::milliseconds(1)] {
                    let code = code_at(&t(), step);
                    assert_eq!(
                        matching_step(&t(), &code, at),
                        Some(step),
                        "second {second}, last step {last_step}"
                    );
                }
            }
        }
    }
}
