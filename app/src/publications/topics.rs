//! Topic codes with names in kk/ru/en (seeded with the ministry's areas).

use crate::error::AppError;
use crate::on_read;
use crate::platform::db::Db;
use crate::publications::Topic;

pub async fn list(db: &Db) -> Result<Vec<Topic>, AppError> {
    Ok(on_read!(db, |c| sqlx::query_as::<_, Topic>(
        "SELECT code, name_kk, name_ru, name_en FROM topics WHERE active = TRUE ORDER BY code"
    )
    .fetch_all(c)
    .await)?)
}

pub async fn codes(db: &Db) -> Result<Vec<String>, AppError> {
    Ok(list(db).await?.into_iter().map(|t| t.code).collect())
}
