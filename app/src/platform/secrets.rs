//! The stored form of a secret that a person holds (the visitor cookie, an
//! item's status token): its SHA-256, so a database leak hands out nothing
//! usable.

use sha2::{Digest, Sha256};

/// A new random secret of `bytes` random bytes from the OS, as URL-safe
/// base64 without padding (for cookies, links and session rows).
pub fn random_token(bytes: usize) -> String {
    use base64::Engine as _;
    use rand::RngCore;
    let mut b = vec![0u8; bytes];
    rand::rngs::OsRng.fill_bytes(&mut b);
    base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(b)
}

/// The hex SHA-256 of `value`: what the database keeps instead of it.
pub fn hash_secret(value: &str) -> String {
    hex::encode(Sha256::digest(value.as_bytes()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hashes_are_stable_and_do_not_reveal_the_secret() {
        let h = hash_secret("abc");
        assert_eq!(h, hash_secret("abc"));
        assert_eq!(h.len(), 64);
        assert!(!h.contains("abc"));
    }
}
