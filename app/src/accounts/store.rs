//! Staff accounts: the admin's create / edit / deactivate, and the account
//! rows that sign-in reads. Passwords never leave this module
//! except as argon2id hashes.

use crate::accounts::passwords;
use crate::error::{AppError, FieldCode, FieldError};
use crate::platform::audit::{self, Event};
use crate::platform::db::{is_unique_violation, Db};
use crate::platform::staff_sessions;
use crate::{
    accounts::{StaffInput, StaffUser},
    platform::roles::{CurrentUser, Role},
};
use crate::{on_read, on_tx};
use chrono::{DateTime, Utc};

#[derive(sqlx::FromRow)]
pub(crate) struct UserRow {
    pub(crate) id: i64,
    username: String,
    display_name: String,
    email: String,
    role: String,
    department_id: Option<i64>,
    pub(crate) password_hash: String,
    pub(crate) active: bool,
    /// An admin set the password: its owner picks their own at sign-in.
    pub(crate) must_change_password: bool,
}

const USER_COLUMNS: &str =
    "id, username, display_name, email, role, department_id, password_hash, active, must_change_password";

impl UserRow {
    pub(crate) fn current(&self) -> CurrentUser {
        CurrentUser {
            id: self.id,
            username: self.username.clone(),
            display_name: self.display_name.clone(),
            role: Role::parse(&self.role).unwrap_or(Role::Officer),
            department_id: self.department_id,
        }
    }
    fn staff(&self) -> StaffUser {
        StaffUser {
            id: self.id,
            username: self.username.clone(),
            display_name: self.display_name.clone(),
            email: self.email.clone(),
            role: Role::parse(&self.role).unwrap_or(Role::Officer),
            department_id: self.department_id,
            active: self.active,
        }
    }
}

pub(crate) async fn find_by_username(db: &Db, username: &str) -> Result<Option<UserRow>, sqlx::Error> {
    let sql = format!("SELECT {USER_COLUMNS} FROM users WHERE username = $1");
    on_read!(db, |c| sqlx::query_as::<_, UserRow>(&sql)
        .bind(username)
        .fetch_optional(c)
        .await)
}

pub(crate) async fn find_by_id(db: &Db, id: i64) -> Result<Option<UserRow>, sqlx::Error> {
    let sql = format!("SELECT {USER_COLUMNS} FROM users WHERE id = $1");
    on_read!(db, |c| sqlx::query_as::<_, UserRow>(&sql)
        .bind(id)
        .fetch_optional(c)
        .await)
}

/// Usernames are case-insensitive: stored and compared in lower case.
pub fn normalise_username(s: &str) -> String {
    s.trim().to_lowercase()
}

pub async fn list(db: &Db) -> Result<Vec<StaffUser>, AppError> {
    let sql = format!("SELECT {USER_COLUMNS} FROM users ORDER BY active DESC, display_name");
    let rows = on_read!(db, |c| sqlx::query_as::<_, UserRow>(&sql).fetch_all(c).await)?;
    Ok(rows.iter().map(|r| r.staff()).collect())
}

pub async fn get(db: &Db, id: i64) -> Result<StaffUser, AppError> {
    find_by_id(db, id)
        .await?
        .map(|r| r.staff())
        .ok_or_else(AppError::not_found)
}

/// A staff form that passed validation.
pub struct ValidStaff {
    pub username: String,
    pub display_name: String,
    pub email: String,
    pub role: Role,
    pub department_id: Option<i64>,
    pub password: Option<String>,
}

/// Checks every field of the staff form and reports all problems at once.
/// `creating` makes the password required.
pub async fn validate(db: &Db, input: &StaffInput, creating: bool) -> Result<ValidStaff, AppError> {
    let mut errs = Vec::new();
    let mut bad = |field: &str, code: FieldCode| {
        errs.push(FieldError {
            field: field.into(),
            code,
        })
    };
    let username = normalise_username(&input.username);
    if username.is_empty() {
        bad("username", FieldCode::Required);
    } else if username.len() < 3 || username.len() > 40 {
        bad("username", FieldCode::Length340);
    } else if !username
        .chars()
        .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || ".-_".contains(c))
    {
        bad("username", FieldCode::UsernameChars);
    }
    let display_name = input.display_name.trim().to_string();
    if display_name.is_empty() {
        bad("display_name", FieldCode::Required);
    } else if display_name.chars().count() > 120 {
        bad("display_name", FieldCode::TooLong);
    }
    let email = input.email.trim().to_string();
    if email.is_empty() {
        bad("email", FieldCode::Required);
    } else if !validator::ValidateEmail::validate_email(&email) {
        bad("email", FieldCode::InvalidEmail);
    }
    let role = Role::parse(input.role.trim());
    if role.is_none() {
        bad("role", FieldCode::Required);
    }
    let department_id = match input.department_id.as_deref().map(str::trim).filter(|s| !s.is_empty()) {
        None => None,
        Some(s) => match s.parse::<i64>() {
            Ok(id) if crate::departments::exists(db, id).await? => Some(id),
            _ => {
                bad("department_id", FieldCode::Invalid);
                None
            }
        },
    };
    if role.is_some_and(|r| r.is_department_scoped())
        && department_id.is_none()
        && input.department_id.as_deref().unwrap_or("").trim().is_empty()
    {
        bad("department_id", FieldCode::RequiredForRole);
    }
    let password = if input.password.is_empty() {
        None
    } else {
        Some(input.password.clone())
    };
    match &password {
        None if creating => bad("password", FieldCode::Required),
        Some(p) => {
            if let Err(code) = crate::accounts::password_policy::check(p, &username) {
                bad("password", code)
            }
        }
        _ => {}
    }
    if !errs.is_empty() {
        return Err(AppError::fields(errs));
    }
    Ok(ValidStaff {
        username,
        display_name,
        email,
        role: role.expect("checked"),
        department_id,
        password,
    })
}

fn taken() -> AppError {
    AppError::conflict("username", FieldCode::Taken)
}

pub async fn create(db: &Db, actor: Option<i64>, v: ValidStaff, now: DateTime<Utc>) -> Result<i64, AppError> {
    let password = v
        .password
        .clone()
        .ok_or_else(|| AppError::field("password", FieldCode::Required))?;
    let hash = passwords::hash(password)
        .await
        .map_err(|_| AppError::new(crate::error::ErrorCode::Unavailable))?;
    create_hashed(db, actor, v, &hash, now).await
}

/// Creates an account whose password hash is already computed (the demo
/// seed hashes its one shared password once).
pub async fn create_hashed(
    db: &Db,
    actor: Option<i64>,
    v: ValidStaff,
    hash: &str,
    now: DateTime<Utc>,
) -> Result<i64, AppError> {
    let mut tx = db.begin().await?;
    let id: i64 = on_tx!(&mut tx, |c| sqlx::query_scalar(
        "INSERT INTO users (username, display_name, email, role, department_id, password_hash, active, created_at, updated_at, \
         must_change_password) VALUES ($1, $2, $3, $4, $5, $6, TRUE, $7, $7, $8) RETURNING id"
    )
    .bind(&v.username)
    .bind(&v.display_name)
    .bind(&v.email)
    .bind(v.role.as_str())
    .bind(v.department_id)
    .bind(hash)
    .bind(now)
    // A password an admin typed is known to two people: the owner replaces it.
    .bind(actor.is_some())
    .fetch_one(c)
    .await)
    .map_err(|e| if is_unique_violation(&e) { taken() } else { AppError::internal(e) })?;
    audit::record(&mut tx, now, Event::UserCreated, actor, Some(id), v.role.as_str()).await?;
    tx.commit().await?;
    Ok(id)
}

pub async fn update(db: &Db, actor: Option<i64>, id: i64, v: ValidStaff, now: DateTime<Utc>) -> Result<(), AppError> {
    let before = find_by_id(db, id).await?.ok_or_else(AppError::not_found)?;
    let hash = match v.password.clone() {
        Some(p) => Some(
            passwords::hash(p)
                .await
                .map_err(|_| AppError::new(crate::error::ErrorCode::Unavailable))?,
        ),
        None => None,
    };
    let mut tx = db.begin().await?;
    on_tx!(&mut tx, |c| sqlx::query(
        "UPDATE users SET username = $2, display_name = $3, email = $4, role = $5, department_id = $6, \
         password_hash = COALESCE($7, password_hash), updated_at = $8, \
         must_change_password = CASE WHEN $7 IS NULL THEN must_change_password ELSE $9 END WHERE id = $1"
    )
    .bind(id)
    .bind(&v.username)
    .bind(&v.display_name)
    .bind(&v.email)
    .bind(v.role.as_str())
    .bind(v.department_id)
    .bind(hash.as_deref())
    .bind(now)
    .bind(actor.is_some_and(|a| a != id))
    .execute(c)
    .await
    .map(|r| r.rows_affected()))
    .map_err(|e| {
        if is_unique_violation(&e) {
            taken()
        } else {
            AppError::internal(e)
        }
    })?;
    audit::record(&mut tx, now, Event::UserUpdated, actor, Some(id), "").await?;
    if before.role != v.role.as_str() {
        let detail = format!("{}->{}", before.role, v.role.as_str());
        audit::record(&mut tx, now, Event::RoleChanged, actor, Some(id), &detail).await?;
    }
    if hash.is_some() {
        audit::record(&mut tx, now, Event::PasswordChanged, actor, Some(id), "").await?;
        // A new password ends every session the old one opened.
        staff_sessions::end_all_of(&mut tx, id, now).await?;
    }
    tx.commit().await?;
    Ok(())
}

/// Deactivates or reactivates an account. An admin cannot deactivate
/// themself (so the portal never loses its last way in by accident).
pub async fn set_active(db: &Db, actor: i64, id: i64, active: bool, now: DateTime<Utc>) -> Result<(), AppError> {
    if actor == id && !active {
        return Err(AppError::field("id", FieldCode::CannotDeactivateSelf));
    }
    let mut tx = db.begin().await?;
    let n = on_tx!(&mut tx, |c| sqlx::query(
        "UPDATE users SET active = $2, updated_at = $3 WHERE id = $1"
    )
    .bind(id)
    .bind(active)
    .bind(now)
    .execute(c)
    .await
    .map(|r| r.rows_affected()))?;
    if n == 0 {
        return Err(AppError::not_found());
    }
    let ev = if active {
        Event::UserActivated
    } else {
        Event::UserDeactivated
    };
    audit::record(&mut tx, now, ev, Some(actor), Some(id), "").await?;
    // Deactivated: signed out everywhere. Reactivated: no old session returns.
    staff_sessions::end_all_of(&mut tx, id, now).await?;
    tx.commit().await?;
    Ok(())
}

/// For the `create-admin` command: creates the admin, or resets the password,
/// reactivates the account and clears its sign-in limits when the username
/// exists.
pub async fn create_or_reset_admin(db: &Db, username: &str, email: &str, password: &str) -> Result<i64, AppError> {
    let now = Utc::now();
    let input = StaffInput {
        username: username.into(),
        display_name: username.into(),
        email: email.into(),
        role: Role::Admin.as_str().into(),
        department_id: None,
        password: password.into(),
    };
    let v = validate(db, &input, true).await?;
    match find_by_username(db, &v.username).await? {
        None => create(db, None, v, now).await,
        Some(existing) => {
            let id = existing.id;
            let v_username = v.username.clone();
            update(db, None, id, v, now).await?;
            let mut tx = db.begin().await?;
            on_tx!(&mut tx, |c| {
                sqlx::query("UPDATE users SET active = TRUE WHERE id = $1")
                    .bind(id)
                    .execute(c)
                    .await
                    .map(|r| r.rows_affected())
            })?;
            // The new password works at once, from every address.
            on_tx!(&mut tx, |c| {
                sqlx::query("DELETE FROM sign_in_limits WHERE username = $1")
                    .bind(&v_username)
                    .execute(c)
                    .await
                    .map(|r| r.rows_affected())
            })?;
            tx.commit().await?;
            Ok(id)
        }
    }
}
