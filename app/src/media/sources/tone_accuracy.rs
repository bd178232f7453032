//! How often the suggested tone was right: per language, the mentions whose
//! suggestion a person has since confirmed or corrected, and the share they
//! confirmed as suggested. The word lists learn nothing from these labels,
//! so every confirmed mention is held out.

use crate::error::AppError;
use crate::on_read;
use crate::platform::db::Db;

/// The suggestion's record in one language.
#[derive(Debug, Clone, PartialEq)]
pub struct LanguageAccuracy {
    pub language: String,
    /// Mentions whose suggested tone a person has looked at.
    pub confirmed: i64,
    /// Of them, those where the person kept the suggested tone.
    pub agreed: i64,
}

impl LanguageAccuracy {
    /// The share kept as suggested, when any was confirmed.
    pub fn accuracy(&self) -> Option<f64> {
        (self.confirmed > 0).then(|| self.agreed as f64 / self.confirmed as f64)
    }
}

/// Every language with confirmed suggestions, kk, ru, en first.
pub async fn per_language(db: &Db) -> Result<Vec<LanguageAccuracy>, AppError> {
    let rows: Vec<(String, i64, i64)> = on_read!(db, |c| sqlx::query_as(
        "SELECT language, COUNT(*), SUM(CASE WHEN tone = tone_suggested_as THEN 1 ELSE 0 END) FROM mentions \
         WHERE tone_suggested_as <> '' AND NOT tone_suggested GROUP BY language ORDER BY language"
    )
    .fetch_all(c)
    .await)?;
    let mut out: Vec<LanguageAccuracy> = rows
        .into_iter()
        .map(|(language, confirmed, agreed)| LanguageAccuracy {
            language,
            confirmed,
            agreed,
        })
        .collect();
    out.sort_by_key(|a| ["kk", "ru", "en"].iter().position(|l| *l == a.language).unwrap_or(3));
    Ok(out)
}
