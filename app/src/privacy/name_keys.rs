//! A name's key: one spelling for the ways a name is written. Kazakh and
//! Russian Cyrillic and every Latin transliteration meet in one lower-case
//! Latin form (`Айгүл`, `Айгуль`, `Aigul`, `Aygul`, `Ajgul` → `aigul`), and
//! a declined form is its key plus a case ending (`Айгүлге` → `aigul` +
//! `ge`, `Сериковой` → `serikov` + `oi`).

use std::collections::HashSet;
use std::sync::LazyLock;

/// Cyrillic letters of Kazakh and Russian in Latin. `deunicode` does the
/// rest of the world's letters, but writes `ә` as `@` and `қ` as `k'`.
fn cyrillic(c: char) -> Option<&'static str> {
    Some(match c {
        'а' | 'ә' => "a",
        'б' => "b",
        'в' => "v",
        'г' | 'ғ' => "g",
        'д' => "d",
        'е' | 'ё' | 'э' => "e",
        'ж' => "zh",
        'з' => "z",
        'и' | 'і' | 'й' => "i",
        'к' | 'қ' => "k",
        'л' => "l",
        'м' => "m",
        'н' | 'ң' => "n",
        'о' | 'ө' => "o",
        'п' => "p",
        'р' => "r",
        'с' => "s",
        'т' => "t",
        'у' | 'ұ' | 'ү' => "u",
        'ф' => "f",
        'х' => "kh",
        'һ' => "h",
        'ц' => "ts",
        'ч' => "ch",
        'ш' | 'щ' => "sh",
        'ы' => "y",
        'ъ' | 'ь' => "",
        'ю' => "yu",
        'я' => "ya",
        _ => return None,
    })
}

fn is_vowel(b: u8) -> bool {
    matches!(b, b'a' | b'e' | b'i' | b'o' | b'u')
}

/// The key of one word (letters only; anything else is dropped).
pub fn key(word: &str) -> String {
    let mut latin = String::with_capacity(word.len());
    for c in word.chars().flat_map(char::to_lowercase) {
        if c.is_ascii_alphabetic() {
            latin.push(c);
        } else if let Some(s) = cyrillic(c) {
            latin.push_str(s);
        } else if c.is_alphabetic() {
            if let Some(s) = deunicode::deunicode_char(c) {
                latin.extend(
                    s.chars()
                        .filter(char::is_ascii_alphabetic)
                        .map(|c| c.to_ascii_lowercase()),
                );
            }
        }
    }
    // Spellings that mean one sound.
    let mut s = latin
        .replace("shch", "sh")
        .replace("zh", "J")
        .replace("kh", "h")
        .replace("gh", "g")
        .replace('q', "k")
        .replace('w', "v")
        .replace('x', "ks");
    if s.starts_with("ye") || s.starts_with("yo") {
        s.remove(0);
    }
    // `j` written for `й` (Ajgul) sits between a vowel and a consonant.
    let b: Vec<u8> = s.bytes().collect();
    let mut out = Vec::with_capacity(b.len());
    for (i, &c) in b.iter().enumerate() {
        let c = match c {
            b'y' => b'i',
            b'j' if i > 0 && is_vowel(b[i - 1]) && b.get(i + 1).is_none_or(|n| !is_vowel(*n)) => b'i',
            b'J' => b'j',
            _ => c,
        };
        // `ий`, `iy`, `ii` and `i` end a name alike (Dmitrii, Dmitriy, Dmitry).
        if c == b'i' && out.last() == Some(&b'i') {
            continue;
        }
        out.push(c);
    }
    String::from_utf8(out).unwrap_or_default()
}

/// Case endings of Russian and Kazakh (with their vowel-harmony and
/// assimilation variants), as keys.
static ENDINGS: LazyLock<HashSet<String>> = LazyLock::new(|| {
    const RU: &str = "а я у ю е и ы о ой ей ою ею ом ем ём ым им ах ях ам ям ами ями ов ев ого его ому ему ую ая ые ие ых их ыми ими";
    const KK: &str =
        "ның нің дың дің тың тің ға ге қа ке на не ны ні ды ді ты ті н да де та те нда нде дан ден тан тен нан нен \
                      мен бен пен менен бенен пенен ша ше дай дей нікі дікі тікі";
    RU.split_whitespace()
        .chain(KK.split_whitespace())
        .chain(KAZAKH_FIRST.split_whitespace())
        .chain(["s", "es"])
        .map(key)
        .filter(|k| !k.is_empty())
        .collect()
});

/// Kazakh plural and possessive endings, which a case ending may follow
/// (`Айгүлдердің`, `әкесінің`).
const KAZAKH_FIRST: &str = "лар лер дар дер тар тер ы і сы сі ым ім м ың ің ң мыз міз";

static FIRST: LazyLock<HashSet<String>> = LazyLock::new(|| {
    KAZAKH_FIRST
        .split_whitespace()
        .map(key)
        .filter(|k| !k.is_empty())
        .collect()
});

/// Whether `rest` is nothing, one case ending, or a Kazakh plural or
/// possessive ending followed by a case ending.
pub fn is_endings(rest: &str) -> bool {
    if rest.is_empty() || ENDINGS.contains(rest) {
        return true;
    }
    (1..rest.len()).any(|i| FIRST.contains(&rest[..i]) && ENDINGS.contains(&rest[i..]))
}

/// The stems a declined form of `name_key` starts with: the key itself, and
/// the key without its last vowel (`Ольга` → `olg` + `e`) or its adjective
/// ending (`Жуковская` → `jukovsk` + `oi`). A stem of fewer than three
/// letters matches too much and is not used.
pub fn stems(name_key: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut add = |s: &str| {
        if s.len() >= 3 && !out.iter().any(|o: &String| o == s) {
            out.push(s.to_string());
        }
    };
    add(name_key);
    for tail in ["aia", "ii", "oi", "a", "e", "i", "o", "u"] {
        if let Some(stem) = name_key.strip_suffix(tail) {
            add(stem);
        }
    }
    out
}

/// Whether the word whose key is `word_key` is a form of the name with key
/// `name_key`.
pub fn is_form_of(word_key: &str, name_key: &str) -> bool {
    if word_key.len() < 3 {
        return false;
    }
    stems(name_key)
        .iter()
        .any(|stem| word_key.strip_prefix(stem.as_str()).is_some_and(is_endings))
        || fleeting_vowel(name_key).is_some_and(|stem| {
            word_key
                .strip_prefix(stem.as_str())
                .is_some_and(|rest| !rest.is_empty() && is_endings(rest))
        })
}

/// `Павел` → `Павла`: a Russian name whose last syllable loses its vowel.
fn fleeting_vowel(name_key: &str) -> Option<String> {
    let b = name_key.as_bytes();
    let n = b.len();
    (n >= 5 && matches!(b[n - 2], b'e' | b'o') && !is_vowel(b[n - 1]))
        .then(|| format!("{}{}", &name_key[..n - 2], b[n - 1] as char))
}

/// The ways to read `word_key` as a stem followed by case endings, longest
/// stem first (for looking a declined word up in a list of names).
pub fn stems_of_word(word_key: &str) -> Vec<String> {
    let mut out = vec![word_key.to_string()];
    for i in (3..word_key.len()).rev() {
        if is_endings(&word_key[i..]) {
            out.push(word_key[..i].to_string());
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn one_key_for_the_spellings_of_a_name() {
        for (a, b) in [
            ("Айгүл", "Aigul"),
            ("Айгуль", "Aygul"),
            ("Айгүл", "Ajgul"),
            ("Серікова", "Serikova"),
            ("Жанар", "Zhanar"),
            ("Жанар", "Janar"),
            ("Дмитрий", "Dmitry"),
            ("Дмитрий", "Dmitriy"),
            ("Әлия", "Aliya"),
            ("Қайрат", "Kairat"),
            ("Қайрат", "Qairat"),
            ("Ерлан", "Yerlan"),
        ] {
            assert_eq!(key(a), key(b), "{a} / {b}");
        }
    }

    #[test]
    fn declined_forms_are_forms_of_the_name() {
        for (word, name) in [
            ("Айгүлге", "Айгүл"),
            ("Айгүлдің", "Айгуль"),
            ("Сериковой", "Серикова"),
            ("Серікованың", "Серикова"),
            ("Серикову", "Сериков"),
            ("Ольге", "Ольга"),
            ("Павла", "Павел"),
            ("Дмитрия", "Дмитрий"),
            ("Жуковской", "Жуковская"),
            ("Әлияға", "Әлия"),
            ("Aigulge", "Айгүл"),
        ] {
            assert!(is_form_of(&key(word), &key(name)), "{word} / {name}");
        }
        for (word, name) in [("Маратон", "Марат"), ("анализ", "Ана"), ("сери", "Серик")] {
            assert!(!is_form_of(&key(word), &key(name)), "{word} / {name}");
        }
    }
}
