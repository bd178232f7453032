//! The stored form of a secret that a person holds (the visitor cookie, an
//! item's status token): its SHA-256, so a database leak hands out nothing
//! usable.

use sha2::{Digest, Sha256};

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
