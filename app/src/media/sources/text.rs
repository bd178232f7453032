//! What the press monitor reads off an item's text without a database: its
//! language (kk, ru or en) and the excerpt shown in the register around the
//! words a query found.

/// Letters Kazakh writes and Russian does not.
const KAZAKH_LETTERS: &str = "әғқңөұүһіӘҒҚҢӨҰҮҺІ";

/// The language of a text: Kazakh when its Cyrillic letters include the
/// Kazakh ones (at least two, or one in a short text), Russian for other
/// Cyrillic text, English for Latin text; `None` when it has no letters.
pub fn detect_language(text: &str) -> Option<&'static str> {
    let (mut cyrillic, mut latin, mut kazakh) = (0usize, 0usize, 0usize);
    for c in text.chars().filter(|c| c.is_alphabetic()) {
        if KAZAKH_LETTERS.contains(c) {
            kazakh += 1;
            cyrillic += 1;
        } else if ('\u{0400}'..='\u{04FF}').contains(&c) {
            cyrillic += 1;
        } else if c.is_ascii_alphabetic() {
            latin += 1;
        }
    }
    if cyrillic == 0 && latin == 0 {
        return None;
    }
    if cyrillic >= latin {
        // One Kazakh letter in a long text is a quoted name, not the language.
        let kazakh_text = kazakh >= 2 || (kazakh == 1 && cyrillic < 80);
        Some(if kazakh_text { "kk" } else { "ru" })
    } else {
        Some("en")
    }
}

/// Byte ranges of the words of `text`, in the order `query::words` reads them.
pub fn word_spans(text: &str) -> Vec<(usize, usize)> {
    let mut spans = Vec::new();
    let mut start = None;
    for (i, c) in text.char_indices() {
        match (c.is_alphanumeric(), start) {
            (true, None) => start = Some(i),
            (false, Some(s)) => {
                spans.push((s, i));
                start = None;
            }
            _ => {}
        }
    }
    if let Some(s) = start {
        spans.push((s, text.len()));
    }
    spans
}

/// Words shown before and after the words found.
const BEFORE: usize = 12;
const AFTER: usize = 24;

/// The excerpt around words `from..to` of `text`, with `…` where it is cut.
pub fn excerpt(text: &str, from: usize, to: usize) -> String {
    let spans = word_spans(text);
    if spans.is_empty() {
        return String::new();
    }
    let first = from.saturating_sub(BEFORE);
    let last = (to + AFTER).min(spans.len()) - 1;
    let (start, end) = (spans[first.min(last)].0, spans[last].1);
    let mut out = String::new();
    if first > 0 {
        out.push('…');
    }
    out.push_str(text[start..end].trim());
    if last + 1 < spans.len() {
        out.push('…');
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::media::sources::query;

    #[test]
    fn the_language_of_press_texts() {
        assert_eq!(
            detect_language("Ақпарат және қоғамдық даму министрлігі мәлімдеді"),
            Some("kk")
        );
        assert_eq!(
            detect_language("Министерство информации сообщило о грантах"),
            Some("ru")
        );
        assert_eq!(detect_language("The Ministry announced grants"), Some("en"));
        assert_eq!(detect_language("2026 — 15 %"), None);
        let ru_quoting_kk = "Министерство информации и общественного развития сообщило, что конкурс \
            грантов для неправительственных организаций «Іргетас» продлится до конца месяца.";
        assert_eq!(detect_language(ru_quoting_kk), Some("ru"));
    }

    #[test]
    fn spans_and_words_agree_and_excerpts_are_cut_at_words() {
        let text = "Один, два: три — четыре!";
        assert_eq!(word_spans(text).len(), query::words(text).len());
        let long: String = (1..=60).map(|i| format!("слово{i} ")).collect();
        let e = excerpt(&long, 30, 31);
        assert!(e.starts_with("…слово19 "), "{e}");
        assert!(e.ends_with("слово55…"), "{e}");
        assert_eq!(excerpt("Коротко и ясно.", 0, 1), "Коротко и ясно");
    }
}
