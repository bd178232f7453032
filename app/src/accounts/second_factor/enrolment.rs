//! Setting up a second factor: a new key (sealed at once) and the seed of
//! its recovery codes, shown as a QR code and text until the first right
//! code confirms them; then only the codes' hashes are kept. Also the demo
//! accounts' factors, set up with no one to scan them.

use super::{context, load, matching_step, totp, wrong_code, SECRET_BYTES};
use crate::accounts::recovery_codes;
use crate::error::{AppError, FieldCode};
use crate::on_tx;
use crate::platform::audit::{self, Event};
use crate::platform::db::Db;
use crate::platform::sealing::Sealer;
use chrono::{DateTime, Utc};
use serde::Serialize;

/// What the enrolment page shows.
#[derive(Debug, Clone, Serialize)]
pub struct Enrolment {
    /// The key as authenticator apps type it: base32 in groups of four.
    pub key_text: String,
    /// The `otpauth://` address the QR code holds.
    pub uri: String,
    /// The QR code as an SVG element.
    pub qr_svg: String,
    pub recovery_codes: Vec<String>,
}

fn random_bytes(n: usize) -> Vec<u8> {
    use rand::RngCore;
    let mut b = vec![0u8; n];
    rand::rngs::OsRng.fill_bytes(&mut b);
    b
}

fn grouped(s: &str) -> String {
    let chars: Vec<char> = s.chars().collect();
    chars
        .chunks(4)
        .map(|c| c.iter().collect::<String>())
        .collect::<Vec<_>>()
        .join(" ")
}

fn qr_svg(uri: &str) -> Result<String, AppError> {
    let code = qrcode::QrCode::new(uri.as_bytes()).map_err(|e| AppError::internal(format!("qr: {e}")))?;
    let svg = code
        .render::<qrcode::render::svg::Color<'_>>()
        .min_dimensions(220, 220)
        .dark_color(qrcode::render::svg::Color("#000000"))
        .light_color(qrcode::render::svg::Color("#ffffff"))
        .build();
    // Inline in the page: the XML declaration has no place there.
    Ok(match svg.find("<svg") {
        Some(i) => svg[i..].to_string(),
        None => svg,
    })
}

/// The enrolment of `user_id`: the one begun earlier and not confirmed yet
/// (so reloading the page shows the same key and codes), or a new one.
/// Refused once a factor is confirmed: its key is never shown again.
pub async fn enrolment(
    db: &Db,
    sealer: &Sealer,
    user_id: i64,
    username: &str,
    now: DateTime<Utc>,
) -> Result<Enrolment, AppError> {
    let row = match load(db, sealer, user_id).await? {
        Some(r) if r.confirmed => return Err(AppError::conflict("code", FieldCode::AlreadyExists)),
        Some(r) => r,
        None => {
            let (secret, seed) = (random_bytes(SECRET_BYTES), random_bytes(32));
            let mut tx = db.begin().await?;
            on_tx!(&mut tx, |c| {
                sqlx::query(
                "INSERT INTO second_factors (user_id, secret_sealed, recovery_seed_sealed, created_at) VALUES ($1, $2, $3, $4) \
                 ON CONFLICT (user_id) DO NOTHING"
            )
            .bind(user_id)
            .bind(sealer.seal(&secret, &context(user_id)))
            .bind(sealer.seal(&seed, &context(user_id)))
            .bind(now)
            .execute(c)
            .await
            .map(|r| r.rows_affected())
            })?;
            tx.commit().await?;
            // A parallel request may have won the insert: read what is kept.
            load(db, sealer, user_id)
                .await?
                .ok_or_else(|| AppError::internal("enrolment row vanished"))?
        }
    };
    let t = totp(row.secret, username)?;
    let uri = t.get_url();
    Ok(Enrolment {
        key_text: grouped(&t.get_secret_base32()),
        qr_svg: qr_svg(&uri)?,
        uri,
        recovery_codes: recovery_codes::from_seed(row.seed.as_deref().unwrap_or_default()),
    })
}

/// Confirms the enrolment of `user_id` with a first right code: the factor
/// is on from now, and only the hashes of the recovery codes are kept.
pub async fn confirm(
    db: &Db,
    sealer: &Sealer,
    user_id: i64,
    username: &str,
    code: &str,
    now: DateTime<Utc>,
) -> Result<(), AppError> {
    let row = load(db, sealer, user_id).await?.ok_or_else(wrong_code)?;
    if row.confirmed {
        return Err(AppError::conflict("code", FieldCode::AlreadyExists));
    }
    let step = matching_step(&totp(row.secret, username)?, code, now).ok_or_else(wrong_code)?;
    let codes = recovery_codes::from_seed(row.seed.as_deref().unwrap_or_default());
    let mut tx = db.begin().await?;
    let n = on_tx!(&mut tx, |c| sqlx::query(
        "UPDATE second_factors SET confirmed_at = $2, last_step = $3, recovery_seed_sealed = NULL \
         WHERE user_id = $1 AND confirmed_at IS NULL"
    )
    .bind(user_id)
    .bind(now)
    .bind(step)
    .execute(c)
    .await
    .map(|r| r.rows_affected()))?;
    if n == 0 {
        return Err(AppError::conflict("code", FieldCode::AlreadyExists));
    }
    recovery_codes::store(&mut tx, user_id, &codes).await?;
    audit::record(
        &mut tx,
        now,
        Event::FactorEnrolled,
        Some(user_id),
        Some(user_id),
        "totp",
    )
    .await?;
    tx.commit().await?;
    Ok(())
}

/// Gives `user_id` a confirmed factor at once, with no one to scan it: for
/// the demo accounts, whose codes `ashyq totp-code` prints.
pub async fn enrol_for_demo(db: &Db, sealer: &Sealer, user_id: i64, now: DateTime<Utc>) -> Result<(), AppError> {
    let (secret, seed) = (random_bytes(SECRET_BYTES), random_bytes(32));
    let mut tx = db.begin().await?;
    let n = on_tx!(&mut tx, |c| sqlx::query(
        "INSERT INTO second_factors (user_id, secret_sealed, created_at, confirmed_at) VALUES ($1, $2, $3, $3) \
         ON CONFLICT (user_id) DO NOTHING"
    )
    .bind(user_id)
    .bind(sealer.seal(&secret, &context(user_id)))
    .bind(now)
    .execute(c)
    .await
    .map(|r| r.rows_affected()))?;
    if n == 1 {
        recovery_codes::store(&mut tx, user_id, &recovery_codes::from_seed(&seed)).await?;
        audit::record(&mut tx, now, Event::FactorEnrolled, None, Some(user_id), "demo").await?;
    }
    tx.commit().await?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn t() -> totp_rs::TOTP {
        totp(b"12345678901234567890".to_vec(), "admin").unwrap()
    }

    #[test]
    fn the_qr_code_is_an_svg_element() {
        let svg = qr_svg(&t().get_url()).unwrap();
        assert!(svg.starts_with("<svg"), "{}", &svg[..40]);
        assert!(t().get_url().starts_with("otpauth://totp/Ashyq:admin?"));
    }
}
