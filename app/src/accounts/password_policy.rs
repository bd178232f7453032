//! What a staff password must be: 12 to 128 characters (all of them count:
//! nothing is ever cut off before hashing), not one of the 10,000 most common
//! passwords (`common_passwords.txt`, from zxcvbn's ranked list), and not
//! the username or a word of this place ([`CONTEXT_WORDS`]: the portal's
//! and the ministry's names), whether typed as they are or with digits and
//! punctuation around them (`password2024!`, `Admin-123456`, `МИОР-2026`).

use crate::error::FieldCode;
use std::collections::HashSet;
use std::sync::OnceLock;

pub const MIN_CHARS: usize = 12;
pub const MAX_CHARS: usize = 128;
/// Words a guesser tries first here: the portal, the ministry and the
/// words of a staff login, in the three languages.
pub const CONTEXT_WORDS: [&str; 14] = [
    "ashyq",
    "ашық",
    "mior",
    "миор",
    "ministry",
    "министерство",
    "министрлік",
    "minister",
    "министр",
    "admin",
    "staff",
    "password",
    "пароль",
    "құпиясөз",
];

fn common() -> &'static HashSet<&'static str> {
    static LIST: OnceLock<HashSet<&'static str>> = OnceLock::new();
    LIST.get_or_init(|| {
        include_str!("common_passwords.txt")
            .lines()
            .filter(|l| !l.is_empty())
            .collect()
    })
}

/// The password in lower case without the digits, punctuation and spaces
/// around it: what a guesser tries first.
fn core(password: &str) -> String {
    password.trim_matches(|c: char| !c.is_alphabetic()).to_lowercase()
}

/// Why `password` may not be the password of `username`, if it may not.
pub fn check(password: &str, username: &str) -> Result<(), FieldCode> {
    let chars = password.chars().count();
    if chars < MIN_CHARS {
        return Err(FieldCode::TooShort12);
    }
    if chars > MAX_CHARS {
        return Err(FieldCode::TooLong128);
    }
    let whole = password.to_lowercase();
    let core = core(password);
    let list = common();
    if list.contains(whole.as_str()) || (!core.is_empty() && list.contains(core.as_str())) {
        return Err(FieldCode::CommonPassword);
    }
    let username = username.trim().to_lowercase();
    let names = std::iter::once(username.as_str()).chain(CONTEXT_WORDS);
    let squeezed: String = core.chars().filter(|c| c.is_alphanumeric()).collect();
    for name in names.filter(|n| !n.is_empty()) {
        let name_squeezed: String = name.chars().filter(|c| c.is_alphanumeric()).collect();
        if whole == name || core == name || (!name_squeezed.is_empty() && squeezed == name_squeezed) {
            return Err(FieldCode::LikeName);
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_list_has_ten_thousand_passwords() {
        assert_eq!(common().len(), 10_000);
        assert!(common().contains("password"));
    }

    #[test]
    fn length_counts_characters_from_12_to_128() {
        assert_eq!(check("short-pass1", "x"), Err(FieldCode::TooShort12));
        // Twelve Cyrillic letters are 24 bytes but 12 characters: enough.
        assert_eq!(check("жылдамтүлкік", "x"), Ok(()));
        assert_eq!(check(&"ab9!".repeat(32), "x"), Ok(()), "128 characters");
        assert_eq!(check(&"ab9!".repeat(33), "x"), Err(FieldCode::TooLong128));
    }

    #[test]
    fn common_passwords_are_refused_even_with_digits_around_them() {
        for p in ["qwertyuiop123", "password123456", "Dragon2024!!!", "1q2w3e4r5t6y"] {
            assert_eq!(check(p, "aigul"), Err(FieldCode::CommonPassword), "{p}");
        }
        assert_eq!(check("tulip meadow river", "aigul"), Ok(()));
    }

    #[test]
    fn the_username_and_the_portal_name_are_refused() {
        assert_eq!(check("media.head2026", "media.head"), Err(FieldCode::LikeName));
        assert_eq!(check("Media-Head-2026", "media.head"), Err(FieldCode::LikeName));
        assert_eq!(check("ASHYQ-12345678", "aigul"), Err(FieldCode::LikeName));
        assert_eq!(check("МИОР-2026-2027", "aigul"), Err(FieldCode::LikeName));
        assert_eq!(check("media head quietly", "media.head"), Ok(()));
    }
}
