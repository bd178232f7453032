//! What each kind of redaction is called, in the page's language.

use crate::i18n::*;
use crate::privacy::PiiKind;

pub fn kind_label(l: Locale, kind: PiiKind) -> &'static str {
    match kind {
        PiiKind::Name => td_string!(l, redacted_name),
        PiiKind::Email => td_string!(l, redacted_email),
        PiiKind::Phone => td_string!(l, redacted_phone),
        PiiKind::IdNumber => td_string!(l, redacted_id),
        PiiKind::Number => td_string!(l, redacted_number),
        PiiKind::Address => td_string!(l, redacted_address),
        PiiKind::ByHand => td_string!(l, redacted_by_hand),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_kind_has_its_own_name_in_each_language() {
        crate::error::messages::check::each_reads_apart(&PiiKind::ALL, kind_label);
    }
}
