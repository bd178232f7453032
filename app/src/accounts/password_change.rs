//! A staff member changes their own password: the current one first (or,
//! right after an admin set it, the sign-in that just proved it), then the
//! new one twice, which must pass [`password_policy`](crate::accounts::password_policy).
//! The change ends every other session of the account; the one it was made
//! from stays signed in.

use crate::accounts::passwords;
use crate::accounts::sign_in::{clear_tries, count_try};
use crate::accounts::store::find_by_id;
use crate::error::{AppError, ErrorCode, FieldCode, FieldError};
use crate::on_tx;
use crate::platform::audit::{self, Event};
use crate::platform::config::LimitsConfig;
use crate::platform::db::Db;
use crate::platform::staff_sessions;
use chrono::{DateTime, Utc};

/// What the form sent.
pub struct NewPassword<'a> {
    /// `None` when the sign-in under way just proved the password.
    pub current: Option<&'a str>,
    pub password: &'a str,
    pub repeat: &'a str,
}

fn field(field: &str, code: FieldCode) -> FieldError {
    FieldError {
        field: field.into(),
        code,
    }
}

/// Changes the password of `user_id`. `keep` names the session to keep
/// (the one the change came from); `client` is the limit key of the
/// request, since a wrong current password counts as a wrong sign-in.
pub async fn change(
    db: &Db,
    limits: &LimitsConfig,
    user_id: i64,
    form: NewPassword<'_>,
    keep: Option<&str>,
    client: &str,
    now: DateTime<Utc>,
) -> Result<(), AppError> {
    let row = find_by_id(db, user_id).await?.ok_or_else(AppError::not_found)?;
    let username = row.current().username;
    let mut errs = Vec::new();
    if form.current.is_some_and(str::is_empty) {
        errs.push(field("current", FieldCode::Required));
    }
    if form.password.is_empty() {
        errs.push(field("password", FieldCode::Required));
    } else if let Err(code) = crate::accounts::password_policy::check(form.password, &username) {
        errs.push(field("password", code));
    }
    if form.repeat != form.password {
        errs.push(field("repeat", FieldCode::NotSame));
    }
    if !errs.is_empty() {
        return Err(AppError::fields(errs));
    }
    if let Some(current) = form.current {
        if !count_try(db, limits, &username, client, now).await? {
            return Err(AppError::field("current", FieldCode::WrongPassword));
        }
        let right = passwords::verify(current.to_string(), Some(row.password_hash.clone()))
            .await
            .map_err(|_| AppError::new(ErrorCode::Unavailable))?;
        if !right {
            return Err(AppError::field("current", FieldCode::WrongPassword));
        }
        clear_tries(db, &username, client).await?;
    }
    let hash = passwords::hash(form.password.to_string())
        .await
        .map_err(|_| AppError::new(ErrorCode::Unavailable))?;
    let mut tx = db.begin().await?;
    on_tx!(&mut tx, |c| sqlx::query(
        "UPDATE users SET password_hash = $2, must_change_password = FALSE, updated_at = $3 WHERE id = $1"
    )
    .bind(user_id)
    .bind(&hash)
    .bind(now)
    .execute(c)
    .await
    .map(|r| r.rows_affected()))?;
    audit::record(
        &mut tx,
        now,
        Event::PasswordChanged,
        Some(user_id),
        Some(user_id),
        "own",
    )
    .await?;
    match keep {
        Some(keep) => staff_sessions::end_others_of(&mut tx, user_id, keep, now).await?,
        None => staff_sessions::end_all_of(&mut tx, user_id, now).await?,
    };
    tx.commit().await?;
    Ok(())
}

/// Whether an admin set the password of `user_id` (so its owner must
/// choose their own before anything else).
pub async fn must_change(db: &Db, user_id: i64) -> Result<bool, AppError> {
    Ok(find_by_id(db, user_id).await?.is_some_and(|r| r.must_change_password))
}
