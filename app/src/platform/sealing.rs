//! Secrets the server itself must read back (a staff member's TOTP key and
//! the seed of their recovery codes), sealed with XChaCha20-Poly1305 under
//! the portal's secret key (`security.secret_key`, or the key file it names),
//! so a copy of the database alone reveals none of them. Each sealed value is
//! bound to what it is for (its context, such as `totp:7`): a value moved to
//! another account's row does not open.

use base64::Engine as _;
use chacha20poly1305::aead::{Aead, KeyInit, Payload};
use chacha20poly1305::{XChaCha20Poly1305, XNonce};
use rand::RngCore;

const NONCE_BYTES: usize = 24;

/// Seals and opens values under one 32-byte key.
#[derive(Clone)]
pub struct Sealer {
    cipher: XChaCha20Poly1305,
}

impl std::fmt::Debug for Sealer {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("Sealer(..)")
    }
}

impl Sealer {
    /// A sealer from a key written as 64 hexadecimal digits.
    pub fn from_hex(key: &str) -> Result<Sealer, String> {
        let bytes = hex::decode(key.trim()).map_err(|_| "the secret key is not hexadecimal".to_string())?;
        if bytes.len() != 32 {
            return Err(format!(
                "the secret key has {} bytes; it needs 32 (64 hex digits)",
                bytes.len()
            ));
        }
        let cipher = XChaCha20Poly1305::new_from_slice(&bytes).map_err(|e| e.to_string())?;
        Ok(Sealer { cipher })
    }

    /// `plain` sealed for `context`: base64 of a fresh random nonce and the
    /// ciphertext with its tag.
    pub fn seal(&self, plain: &[u8], context: &str) -> String {
        let mut nonce = [0u8; NONCE_BYTES];
        rand::rngs::OsRng.fill_bytes(&mut nonce);
        let sealed = self
            .cipher
            .encrypt(
                XNonce::from_slice(&nonce),
                Payload {
                    msg: plain,
                    aad: context.as_bytes(),
                },
            )
            .expect("XChaCha20-Poly1305 seals any length we use");
        let mut out = nonce.to_vec();
        out.extend(sealed);
        base64::engine::general_purpose::STANDARD.encode(out)
    }

    /// The value sealed for `context`, or `None` if it was sealed under
    /// another key or context, or altered.
    pub fn open(&self, sealed: &str, context: &str) -> Option<Vec<u8>> {
        let bytes = base64::engine::general_purpose::STANDARD.decode(sealed).ok()?;
        if bytes.len() <= NONCE_BYTES {
            return None;
        }
        let (nonce, body) = bytes.split_at(NONCE_BYTES);
        self.cipher
            .decrypt(
                XNonce::from_slice(nonce),
                Payload {
                    msg: body,
                    aad: context.as_bytes(),
                },
            )
            .ok()
    }
}

/// A new random key, as 64 hexadecimal digits.
pub fn new_key_hex() -> String {
    let mut key = [0u8; 32];
    rand::rngs::OsRng.fill_bytes(&mut key);
    hex::encode(key)
}

/// The key kept in `path`, created there (readable by its owner only) when
/// the file does not exist yet: a single server needs no setting, and
/// several servers share the key through `security.secret_key`.
pub fn key_from_file(path: &std::path::Path) -> Result<String, String> {
    match std::fs::read_to_string(path) {
        Ok(s) => Ok(s.trim().to_string()),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
            let key = new_key_hex();
            if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty()) {
                std::fs::create_dir_all(dir).map_err(|e| format!("cannot create {}: {e}", dir.display()))?;
            }
            write_private(path, &key).map_err(|e| format!("cannot create the key file {}: {e}", path.display()))?;
            Ok(key)
        }
        Err(e) => Err(format!("cannot read the key file {}: {e}", path.display())),
    }
}

fn write_private(path: &std::path::Path, key: &str) -> std::io::Result<()> {
    use std::io::Write;
    let mut options = std::fs::OpenOptions::new();
    options.write(true).create_new(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        options.mode(0o600);
    }
    let mut f = options.open(path)?;
    writeln!(f, "{key}")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_sealed_value_opens_only_with_its_key_and_context() {
        let a = Sealer::from_hex(&new_key_hex()).unwrap();
        let b = Sealer::from_hex(&new_key_hex()).unwrap();
        let sealed = a.seal(b"JBSWY3DPEHPK3PXP", "totp:7");
        assert!(!sealed.contains("JBSWY3DP"), "the database never sees the value");
        assert_eq!(a.open(&sealed, "totp:7").as_deref(), Some(&b"JBSWY3DPEHPK3PXP"[..]));
        assert_eq!(
            a.open(&sealed, "totp:8"),
            None,
            "moved to another account, it does not open"
        );
        assert_eq!(b.open(&sealed, "totp:7"), None, "another key does not open it");
        assert_ne!(a.seal(b"x", "c"), a.seal(b"x", "c"), "a fresh nonce every time");
    }

    #[test]
    fn a_key_must_be_32_bytes_of_hex() {
        assert!(Sealer::from_hex("abcd").is_err());
        assert!(Sealer::from_hex("not hex").is_err());
        assert!(Sealer::from_hex(&new_key_hex()).is_ok());
    }

    #[test]
    fn the_key_file_is_created_once_and_read_back() {
        let dir = std::env::temp_dir().join(format!("ashyq-key-{}", new_key_hex()));
        std::fs::create_dir_all(&dir).unwrap();
        let path = dir.join("secret.key");
        let first = key_from_file(&path).unwrap();
        assert_eq!(key_from_file(&path).unwrap(), first);
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            assert_eq!(std::fs::metadata(&path).unwrap().permissions().mode() & 0o777, 0o600);
        }
        std::fs::remove_dir_all(dir).unwrap();
    }
}
