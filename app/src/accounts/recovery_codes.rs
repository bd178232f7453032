//! Ten recovery codes per second factor, for the day the phone is lost:
//! each `xxxxxx-xxxxxx-xxxxxx-xxxxxx` (24 characters of 31 that cannot be
//! misread: 118 random bits), shown once at enrolment, kept as SHA-256
//! hashes (with over 112 bits a fast hash is enough: nobody can try them
//! all), and used up by one sign-in.

use crate::error::AppError;
use crate::on_tx;
use crate::platform::db::{Db, Tx};
use crate::platform::secrets::hash_secret;
use chrono::{DateTime, Utc};
use sha2::{Digest, Sha256};

pub const COUNT: usize = 10;
const LETTERS: usize = 24;
/// No 0/o, 1/l/i: a code copied from paper is read back right.
const ALPHABET: &[u8; 31] = b"abcdefghjkmnpqrstuvwxyz23456789";

/// The ten codes that `seed` stands for (the seed is kept sealed only until
/// enrolment is confirmed, so the page can be reloaded in between).
pub fn from_seed(seed: &[u8]) -> Vec<String> {
    (0..COUNT as u8)
        .map(|i| {
            let digest = Sha256::new().chain_update(seed).chain_update([i]).finalize();
            let letters: Vec<char> = digest
                .iter()
                .take(LETTERS)
                .map(|b| ALPHABET[*b as usize % ALPHABET.len()] as char)
                .collect();
            letters
                .chunks(6)
                .map(|c| c.iter().collect::<String>())
                .collect::<Vec<_>>()
                .join("-")
        })
        .collect()
}

/// The code as typed, in the form it was shown: lower case, no spaces.
fn normalise(code: &str) -> String {
    code.chars()
        .filter(|c| !c.is_whitespace())
        .collect::<String>()
        .to_lowercase()
}

/// Whether `code` has the shape of a recovery code (not six digits).
pub fn looks_like_one(code: &str) -> bool {
    let c = normalise(code);
    c.len() == LETTERS + 3 && c.split('-').all(|g| g.len() == 6)
}

/// Keeps the hashes of `codes` for `user_id`, replacing any earlier ones.
pub async fn store(tx: &mut Tx, user_id: i64, codes: &[String]) -> Result<(), sqlx::Error> {
    on_tx!(tx, |c| sqlx::query("DELETE FROM recovery_codes WHERE user_id = $1")
        .bind(user_id)
        .execute(c)
        .await
        .map(|r| r.rows_affected()))?;
    for code in codes {
        on_tx!(tx, |c| sqlx::query(
            "INSERT INTO recovery_codes (user_id, code_hash) VALUES ($1, $2)"
        )
        .bind(user_id)
        .bind(hash_secret(&normalise(code)))
        .execute(c)
        .await
        .map(|r| r.rows_affected()))?;
    }
    Ok(())
}

/// Uses up `code` of `user_id`: how many codes are left, or `None` if it is
/// not one of theirs or was used before.
pub async fn use_one(db: &Db, user_id: i64, code: &str, now: DateTime<Utc>) -> Result<Option<i64>, AppError> {
    let mut tx = db.begin().await?;
    let n = on_tx!(&mut tx, |c| sqlx::query(
        "UPDATE recovery_codes SET used_at = $3 WHERE user_id = $1 AND code_hash = $2 AND used_at IS NULL"
    )
    .bind(user_id)
    .bind(hash_secret(&normalise(code)))
    .bind(now)
    .execute(c)
    .await
    .map(|r| r.rows_affected()))?;
    if n != 1 {
        return Ok(None);
    }
    let left: i64 = on_tx!(&mut tx, |c| sqlx::query_scalar(
        "SELECT COUNT(*) FROM recovery_codes WHERE user_id = $1 AND used_at IS NULL"
    )
    .bind(user_id)
    .fetch_one(c)
    .await)?;
    crate::platform::audit::record(
        &mut tx,
        now,
        crate::platform::audit::Event::RecoveryCodeUsed,
        Some(user_id),
        Some(user_id),
        &format!("{left} left"),
    )
    .await?;
    tx.commit().await?;
    Ok(Some(left))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ten_distinct_readable_codes_from_one_seed() {
        let codes = from_seed(b"seed");
        assert_eq!(codes.len(), 10);
        assert_eq!(codes, from_seed(b"seed"), "the page can be reloaded");
        assert_ne!(codes, from_seed(b"other"));
        let mut unique = codes.clone();
        unique.sort();
        unique.dedup();
        assert_eq!(unique.len(), 10);
        for c in &codes {
            assert!(looks_like_one(c), "{c}");
            assert!(!c.contains(['0', 'o', '1', 'l', 'i']), "{c}");
        }
        assert!(looks_like_one(&codes[0].to_uppercase()));
        assert!(!looks_like_one("123456"));
    }
}
