//! Departments of the body: code, names in kk/ru/en, contact email, head.
//! Admins create, edit and deactivate them; the public API lists active ones.

use crate::departments::{Department, DepartmentInput};
use crate::error::{AppError, FieldCode, FieldError};
use crate::platform::db::{is_unique_violation, Db};
use crate::{on_read, on_tx};
use chrono::{DateTime, Utc};

const COLUMNS: &str = "id, code, name_kk, name_ru, name_en, email, head_user_id, active";

pub async fn list(db: &Db, include_inactive: bool) -> Result<Vec<Department>, AppError> {
    let sql = format!(
        "SELECT {COLUMNS} FROM departments {} ORDER BY code",
        if include_inactive { "" } else { "WHERE active = TRUE" }
    );
    Ok(on_read!(db, |c| sqlx::query_as::<_, Department>(&sql)
        .fetch_all(c)
        .await)?)
}

pub async fn get(db: &Db, id: i64) -> Result<Department, AppError> {
    let sql = format!("SELECT {COLUMNS} FROM departments WHERE id = $1");
    on_read!(db, |c| sqlx::query_as::<_, Department>(&sql)
        .bind(id)
        .fetch_optional(c)
        .await)?
    .ok_or_else(AppError::not_found)
}

pub async fn exists(db: &Db, id: i64) -> Result<bool, AppError> {
    let n: i64 = on_read!(db, |c| sqlx::query_scalar(
        "SELECT COUNT(*) FROM departments WHERE id = $1"
    )
    .bind(id)
    .fetch_one(c)
    .await)?;
    Ok(n > 0)
}

/// A department form that passed validation.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ValidDepartment {
    pub code: String,
    pub name_kk: String,
    pub name_ru: String,
    pub name_en: String,
    pub email: String,
    pub head_user_id: Option<i64>,
}

/// Checks every field and reports all problems at once. Codes are upper
/// case letters, digits, `-` and `_`, 2 to 20 long.
pub fn validate(input: &DepartmentInput) -> Result<ValidDepartment, AppError> {
    let mut errs = Vec::new();
    let mut bad = |field: &str, code: FieldCode| {
        errs.push(FieldError {
            field: field.into(),
            code,
        })
    };
    let code = input.code.trim().to_uppercase();
    if code.is_empty() {
        bad("code", FieldCode::Required);
    } else if code.len() < 2
        || code.len() > 20
        || !code
            .chars()
            .all(|c| c.is_ascii_uppercase() || c.is_ascii_digit() || c == '-' || c == '_')
    {
        bad("code", FieldCode::CodeFormat);
    }
    let mut name = |field: &str, value: &str| {
        let v = value.trim().to_string();
        if v.is_empty() {
            bad(field, FieldCode::Required);
        } else if v.chars().count() > 200 {
            bad(field, FieldCode::TooLong);
        }
        v
    };
    let name_kk = name("name_kk", &input.name_kk);
    let name_ru = name("name_ru", &input.name_ru);
    let name_en = name("name_en", &input.name_en);
    let email = input.email.trim().to_string();
    if email.is_empty() {
        bad("email", FieldCode::Required);
    } else if !validator::ValidateEmail::validate_email(&email) {
        bad("email", FieldCode::InvalidEmail);
    }
    let head_user_id = match input.head_user_id.as_deref().map(str::trim).filter(|s| !s.is_empty()) {
        None => None,
        Some(s) => match s.parse::<i64>() {
            Ok(id) => Some(id),
            Err(_) => {
                bad("head_user_id", FieldCode::Invalid);
                None
            }
        },
    };
    if !errs.is_empty() {
        return Err(AppError::fields(errs));
    }
    Ok(ValidDepartment {
        code,
        name_kk,
        name_ru,
        name_en,
        email,
        head_user_id,
    })
}

fn code_taken() -> AppError {
    AppError::conflict("code", FieldCode::Taken)
}

async fn check_head(db: &Db, v: &ValidDepartment) -> Result<(), AppError> {
    if let Some(id) = v.head_user_id {
        let n: i64 = on_read!(db, |c| sqlx::query_scalar(
            "SELECT COUNT(*) FROM users WHERE id = $1 AND active = TRUE"
        )
        .bind(id)
        .fetch_one(c)
        .await)?;
        if n == 0 {
            return Err(AppError::field("head_user_id", FieldCode::Invalid));
        }
    }
    Ok(())
}

pub async fn create(db: &Db, v: ValidDepartment, now: DateTime<Utc>) -> Result<i64, AppError> {
    check_head(db, &v).await?;
    let mut tx = db.begin().await?;
    let id: i64 = on_tx!(&mut tx, |c| sqlx::query_scalar(
        "INSERT INTO departments (code, name_kk, name_ru, name_en, email, head_user_id, active, created_at, updated_at) \
         VALUES ($1, $2, $3, $4, $5, $6, TRUE, $7, $7) RETURNING id"
    )
    .bind(&v.code)
    .bind(&v.name_kk)
    .bind(&v.name_ru)
    .bind(&v.name_en)
    .bind(&v.email)
    .bind(v.head_user_id)
    .bind(now)
    .fetch_one(c)
    .await)
    .map_err(|e| if is_unique_violation(&e) { code_taken() } else { AppError::internal(e) })?;
    tx.commit().await?;
    Ok(id)
}

pub async fn update(db: &Db, id: i64, v: ValidDepartment, now: DateTime<Utc>) -> Result<(), AppError> {
    check_head(db, &v).await?;
    let mut tx = db.begin().await?;
    let n = on_tx!(&mut tx, |c| sqlx::query(
        "UPDATE departments SET code = $2, name_kk = $3, name_ru = $4, name_en = $5, email = $6, head_user_id = $7, updated_at = $8 WHERE id = $1"
    )
    .bind(id)
    .bind(&v.code)
    .bind(&v.name_kk)
    .bind(&v.name_ru)
    .bind(&v.name_en)
    .bind(&v.email)
    .bind(v.head_user_id)
    .bind(now)
    .execute(c)
    .await.map(|r| r.rows_affected()))
    .map_err(|e| if is_unique_violation(&e) { code_taken() } else { AppError::internal(e) })?;
    if n == 0 {
        return Err(AppError::not_found());
    }
    tx.commit().await?;
    Ok(())
}

pub async fn set_active(db: &Db, id: i64, active: bool, now: DateTime<Utc>) -> Result<(), AppError> {
    let mut tx = db.begin().await?;
    let n = on_tx!(&mut tx, |c| sqlx::query(
        "UPDATE departments SET active = $2, updated_at = $3 WHERE id = $1"
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
    tx.commit().await?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn good() -> DepartmentInput {
        DepartmentInput {
            code: " media ".into(),
            name_kk: "Баспасөз қызметі".into(),
            name_ru: "Пресс-служба".into(),
            name_en: "Media relations".into(),
            email: "press@example.kz".into(),
            head_user_id: None,
        }
    }

    #[test]
    fn a_good_department_is_trimmed_and_its_code_upper_cased() {
        let v = validate(&good()).unwrap();
        assert_eq!(v.code, "MEDIA");
    }

    #[test]
    fn every_bad_field_is_reported_at_once() {
        let input = DepartmentInput {
            code: "a b".into(),
            name_kk: "".into(),
            email: "not-an-email".into(),
            ..good()
        };
        let e = validate(&input).unwrap_err();
        assert_eq!(e.field_code("code"), Some(FieldCode::CodeFormat));
        assert_eq!(e.field_code("name_kk"), Some(FieldCode::Required));
        assert_eq!(e.field_code("email"), Some(FieldCode::InvalidEmail));
        assert_eq!(e.field_code("name_ru"), None);
    }

    #[test]
    fn an_over_long_name_is_refused() {
        let input = DepartmentInput {
            name_en: "x".repeat(201),
            ..good()
        };
        assert_eq!(
            validate(&input).unwrap_err().field_code("name_en"),
            Some(FieldCode::TooLong)
        );
    }
}
