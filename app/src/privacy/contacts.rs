//! Email addresses, also written to fool a machine (`name (at) mail.kz`,
//! `name [at] mail [dot] kz`, `name собака mail.kz`, a full-width `＠`),
//! and the submitter's own address or accreditation card wherever it
//! appears.

use super::redaction::{Clues, Finding};
use super::PiiKind;
use regex::Regex;
use std::sync::LazyLock;

/// `local @ domain . tld` where `@` and `.` may be written out, bracketed or
/// spaced. A written-out `at`/`dot` without brackets counts only before a
/// known top-level domain, so ordinary English ("look at this dot") stays.
static EMAIL: LazyLock<Regex> = LazyLock::new(|| {
    let at = r"(?:\s*(?:@|＠|[\(\[\{<]\s*(?:at|собака|эт)\s*[\)\]\}>])\s*|\s+(?:at|собака|собачка)\s+)";
    // A spaced dot counts only with spaces on both sides: ". Next" ends a sentence.
    let dot = r"(?:\.|\s+\.\s+|\s*[\(\[\{<]\s*(?:dot|точка|нүкте)\s*[\)\]\}>]\s*|\s+(?:dot|точка|нүкте)\s+)";
    Regex::new(&format!(
        r"(?i)[\p{{L}}\p{{N}}._%+-]+{at}[\p{{L}}\p{{N}}-]+(?:{dot}[\p{{L}}\p{{N}}-]+)*{dot}(?P<tld>[a-z]{{2,10}}|рф|қаз)\b"
    ))
    .expect("a valid pattern")
});

/// Top-level domains that make a written-out `at … dot …` an address.
const TLDS: [&str; 24] = [
    "kz", "ru", "com", "net", "org", "gov", "edu", "info", "io", "me", "uz", "kg", "by", "ua", "de", "uk", "us", "қаз",
    "рф", "qaz", "biz", "su", "tj", "am",
];

/// A social handle: `@aigul_s` (not an email: nothing before the `@`).
static HANDLE: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"(?:^|[\s(])(@[A-Za-z0-9_]{4,32})\b").expect("a valid pattern"));

pub(super) fn find(text: &str, clues: &Clues, out: &mut Vec<Finding>) {
    for m in EMAIL.captures_iter(text) {
        let whole = m.get(0).expect("the match");
        let plain = whole.as_str().contains(['@', '＠']);
        let bracketed = whole.as_str().contains(['(', '[', '{', '<']);
        let tld = m.name("tld").map(|t| t.as_str().to_lowercase()).unwrap_or_default();
        if plain || bracketed || TLDS.contains(&tld.as_str()) {
            out.push(Finding {
                start: whole.start(),
                end: whole.end(),
                kind: PiiKind::Email,
            });
        }
    }
    for m in HANDLE.captures_iter(text) {
        let h = m.get(1).expect("the handle");
        out.push(Finding {
            start: h.start(),
            end: h.end(),
            kind: PiiKind::Email,
        });
    }
    // The submitter's own address, and its local part alone ("aigul.s").
    let email = clues.email.trim();
    let local = email.split('@').next().unwrap_or("");
    for (needle, kind) in [
        (email, PiiKind::Email),
        (local, PiiKind::Email),
        (clues.accreditation.trim(), PiiKind::Number),
    ] {
        if needle.chars().count() < 5 {
            continue;
        }
        let lower = text.to_lowercase();
        if lower.len() != text.len() {
            // Lower-casing changed byte offsets: look for the exact text only.
            for (at, m) in text.match_indices(needle) {
                out.push(Finding {
                    start: at,
                    end: at + m.len(),
                    kind,
                });
            }
            continue;
        }
        for (at, m) in lower.match_indices(&needle.to_lowercase()) {
            out.push(Finding {
                start: at,
                end: at + m.len(),
                kind,
            });
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn found(text: &str) -> Vec<String> {
        let mut out = Vec::new();
        find(text, &Clues::default(), &mut out);
        out.into_iter().map(|f| text[f.start..f.end].to_string()).collect()
    }

    #[test]
    fn written_out_addresses_are_found() {
        for email in [
            "aigul.s@mail.kz",
            "aigul.s (at) mail.kz",
            "aigul.s [at] mail [dot] kz",
            "aigul.s at mail dot kz",
            "aigul.s собака mail.kz",
            "aigul.s＠mail.kz",
            "aigul.s @ mail . kz",
        ] {
            assert_eq!(
                found(&format!("пишите: {email}, жду")),
                vec![email.to_string()],
                "{email}"
            );
        }
    }

    #[test]
    fn ordinary_words_at_and_dot_stay() {
        assert!(found("Look at the report on the site dot by dot").is_empty());
        assert!(found("Meet at noon at the ministry").is_empty());
    }
}
