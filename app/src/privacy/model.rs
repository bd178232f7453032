//! What redaction leaves in a text, as the pages show it: each removed piece
//! of personal data becomes a token (`[name]`, `[phone]`…) that says what
//! was there, and a redacted text splits into plain and marked segments so a
//! page can highlight every redaction (browser and server).

use serde::{Deserialize, Serialize};

/// The kinds of personal data redaction removes, each with its token.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum PiiKind {
    Name,
    Email,
    Phone,
    /// An IIN or BIN: the 12-digit personal or business number.
    IdNumber,
    /// Another long number (a card, a passport, an account).
    Number,
    Address,
    /// Removed by a moderator's hand.
    ByHand,
}

impl PiiKind {
    pub const ALL: [PiiKind; 7] = [
        PiiKind::Name,
        PiiKind::Email,
        PiiKind::Phone,
        PiiKind::IdNumber,
        PiiKind::Number,
        PiiKind::Address,
        PiiKind::ByHand,
    ];

    /// The token that stands in the text where the data was.
    pub fn token(self) -> &'static str {
        match self {
            PiiKind::Name => "[name]",
            PiiKind::Email => "[email]",
            PiiKind::Phone => "[phone]",
            PiiKind::IdNumber => "[id]",
            PiiKind::Number => "[number]",
            PiiKind::Address => "[address]",
            PiiKind::ByHand => "[removed]",
        }
    }

    pub fn from_token(token: &str) -> Option<PiiKind> {
        PiiKind::ALL.into_iter().find(|k| k.token() == token)
    }
}

/// A piece of a redacted text: as written, or a token marking a redaction.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Segment {
    pub text: String,
    pub redacted: Option<PiiKind>,
}

/// Splits a redacted text into plain pieces and the tokens redaction left.
pub fn segments(redacted: &str) -> Vec<Segment> {
    let mut out: Vec<Segment> = Vec::new();
    let mut plain = String::new();
    let mut rest = redacted;
    while let Some(open) = rest.find('[') {
        let after = &rest[open..];
        let found = after
            .find(']')
            .and_then(|close| PiiKind::from_token(&after[..=close]).map(|k| (k, close)));
        match found {
            Some((kind, close)) => {
                plain.push_str(&rest[..open]);
                if !plain.is_empty() {
                    out.push(Segment {
                        text: std::mem::take(&mut plain),
                        redacted: None,
                    });
                }
                out.push(Segment {
                    text: kind.token().to_string(),
                    redacted: Some(kind),
                });
                rest = &after[close + 1..];
            }
            None => {
                plain.push_str(&rest[..=open]);
                rest = &rest[open + 1..];
            }
        }
    }
    plain.push_str(rest);
    if !plain.is_empty() {
        out.push(Segment {
            text: plain,
            redacted: None,
        });
    }
    out
}

/// How many redactions of each kind a redacted text holds.
pub fn count_tokens(redacted: &str) -> usize {
    segments(redacted).iter().filter(|s| s.redacted.is_some()).count()
}

/// A stored reply for a reader who is not told the submitter's name (the
/// status page, the API): its `{name}` placeholder reads as "applicant" in
/// the reply's `language`.
pub fn without_name(stored: &str, language: &str) -> String {
    let word = match language {
        "kk" => "өтініш беруші",
        "ru" => "заявитель",
        _ => "applicant",
    };
    stored.replace("{name}", word)
}

/// An email address as a receipt may show it: `a***@mail.kz`.
pub fn mask_email(email: &str) -> String {
    match email.trim().split_once('@') {
        Some((local, domain)) => {
            let first: String = local.chars().take(1).collect();
            format!("{first}***@{domain}")
        }
        None => "***".into(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tokens_become_marked_segments_and_other_brackets_stay_plain() {
        let s = segments("Dear [name], call [phone] [see note] [id]");
        let marked: Vec<_> = s.iter().filter_map(|x| x.redacted).collect();
        assert_eq!(marked, vec![PiiKind::Name, PiiKind::Phone, PiiKind::IdNumber]);
        let text: String = s.iter().map(|x| x.text.as_str()).collect();
        assert_eq!(text, "Dear [name], call [phone] [see note] [id]");
        assert_eq!(count_tokens("[a] [email] ["), 1);
    }

    #[test]
    fn a_masked_address_keeps_only_its_first_letter_and_domain() {
        assert_eq!(mask_email(" aigul.s@mail.kz "), "a***@mail.kz");
        assert_eq!(mask_email("nonsense"), "***");
    }

    #[test]
    fn every_kind_reads_back_from_its_token() {
        for k in PiiKind::ALL {
            assert_eq!(PiiKind::from_token(k.token()), Some(k));
        }
    }
}
