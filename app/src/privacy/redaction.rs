//! Redaction: find every piece of personal data in a text and put a token
//! (`[name]`, `[phone]`…) in its place. The submitter's name, email and
//! accreditation from the form are the strongest clues; names of other
//! people, phone and ID numbers, email addresses however written and street
//! addresses are found without them. A moderator may add phrases to remove
//! by hand. Redacting a redacted text changes nothing.

use super::{addresses, contacts, names, numbers, PiiKind};

/// What the form told about the submitter: looked for first, in any form.
#[derive(Debug, Clone, Copy, Default)]
pub struct Clues<'a> {
    pub name: &'a str,
    pub email: &'a str,
    pub accreditation: &'a str,
}

/// One piece of personal data: byte offsets into the text, and its kind.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Finding {
    pub start: usize,
    pub end: usize,
    pub kind: PiiKind,
}

/// Which kind names a merged finding: the more telling one.
fn rank(kind: PiiKind) -> u8 {
    match kind {
        PiiKind::Email => 0,
        PiiKind::Address => 1,
        PiiKind::IdNumber => 2,
        PiiKind::Phone => 3,
        PiiKind::Number => 4,
        PiiKind::Name => 5,
        PiiKind::ByHand => 6,
    }
}

/// Every piece of personal data in `text`, in order, overlaps merged, and
/// names that follow one another ("Айгүл Серікова") joined into one.
pub fn find(text: &str, clues: &Clues, by_hand: &[String]) -> Vec<Finding> {
    let mut all = Vec::new();
    contacts::find(text, clues, &mut all);
    addresses::find(text, &mut all);
    numbers::find(text, &mut all);
    names::find(text, clues, &mut all);
    // A stored reply's greeting placeholder stands for the name.
    for (at, m) in text.match_indices("{name}") {
        all.push(Finding {
            start: at,
            end: at + m.len(),
            kind: PiiKind::Name,
        });
    }
    let lower = text.to_lowercase();
    for phrase in by_hand.iter().map(|p| p.trim()).filter(|p| !p.is_empty()) {
        if lower.len() == text.len() {
            for (at, m) in lower.match_indices(&phrase.to_lowercase()) {
                all.push(Finding {
                    start: at,
                    end: at + m.len(),
                    kind: PiiKind::ByHand,
                });
            }
        } else {
            for (at, m) in text.match_indices(phrase) {
                all.push(Finding {
                    start: at,
                    end: at + m.len(),
                    kind: PiiKind::ByHand,
                });
            }
        }
    }
    all.sort_by_key(|f| (f.start, std::cmp::Reverse(f.end)));
    let mut merged: Vec<Finding> = Vec::new();
    for f in all {
        match merged.last_mut() {
            Some(last) if f.start < last.end => {
                last.end = last.end.max(f.end);
                if rank(f.kind) < rank(last.kind) {
                    last.kind = f.kind;
                }
            }
            Some(last)
                if last.kind == PiiKind::Name
                    && f.kind == PiiKind::Name
                    && text[last.end..f.start].chars().all(|c| c == ' ' || c == '\u{a0}') =>
            {
                last.end = f.end;
            }
            _ => merged.push(f),
        }
    }
    merged
}

/// `text` with each finding replaced by its kind's token.
pub fn apply(text: &str, findings: &[Finding]) -> String {
    let mut out = String::with_capacity(text.len());
    let mut at = 0;
    for f in findings {
        out.push_str(&text[at..f.start]);
        out.push_str(f.kind.token());
        at = f.end;
    }
    out.push_str(&text[at..]);
    out
}

/// `text` without personal data.
pub fn redact(text: &str, clues: &Clues) -> String {
    apply(text, &find(text, clues, &[]))
}

/// `text` without personal data and without the moderator's `by_hand` phrases.
pub fn redact_with(text: &str, clues: &Clues, by_hand: &[String]) -> String {
    apply(text, &find(text, clues, by_hand))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_full_name_becomes_one_token_and_redacting_twice_changes_nothing() {
        let clues = Clues {
            name: "Айгүл Серікова",
            email: "aigul.s@mail.kz",
            ..Clues::default()
        };
        let once = redact(
            "Меня зовут Айгүл Серікова, пишите aigul.s (at) mail.kz или +7 701 123 45 67. {name}",
            &clues,
        );
        assert_eq!(once, "Меня зовут [name], пишите [email] или [phone]. [name]");
        assert_eq!(redact(&once, &clues), once);
    }

    #[test]
    fn phrases_removed_by_hand_are_marked_as_such() {
        let out = redact_with(
            "Мой сосед с пятого этажа жалуется",
            &Clues::default(),
            &["с пятого этажа".into()],
        );
        assert_eq!(out, "Мой сосед [removed] жалуется");
    }
}
