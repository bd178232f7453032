//! Text in the encoding a press document came in. An HTML page is read as
//! a browser reads it: a byte-order mark, else the charset of the HTTP
//! `Content-Type`, else a `<meta charset>` in its first 1,024 bytes, else
//! UTF-8. A feed goes to the XML parser, which reads its own declaration;
//! when the HTTP header names a charset, that wins (RFC 7303) and the
//! document is handed on as UTF-8. Where the declared charset does not fit
//! the bytes but the document's own declaration does, the document's is
//! used. Whatever could not be read is replaced and said in a note for the
//! source's health, never a failure of the whole read.

use encoding_rs::{Encoding, UTF_8};
use std::borrow::Cow;

/// A document as text, and what was odd about its encoding.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Decoded {
    pub text: String,
    pub note: Option<String>,
}

/// The charset label an HTTP `Content-Type` names, if any.
pub fn header_charset(content_type: &str) -> Option<&str> {
    content_type.split(';').skip(1).find_map(|p| {
        let (k, v) = p.split_once('=')?;
        k.trim()
            .eq_ignore_ascii_case("charset")
            .then(|| v.trim().trim_matches(['"', '\'']))
            .filter(|v| !v.is_empty())
    })
}

/// The label after `key` (`charset=` or `encoding=`) in `head`, ASCII only.
fn label_after<'a>(head: &'a str, key: &str) -> Option<&'a str> {
    let at = head.to_ascii_lowercase().find(key)? + key.len();
    let rest = head[at..].trim_start_matches(['"', '\'', ' ']);
    let end = rest
        .find(|c: char| !(c.is_ascii_alphanumeric() || matches!(c, '-' | '_' | ':' | '.')))
        .unwrap_or(rest.len());
    Some(&rest[..end]).filter(|l| !l.is_empty())
}

/// The ASCII start of a document (other bytes dropped), for finding labels.
fn ascii_head(bytes: &[u8], n: usize) -> String {
    bytes
        .iter()
        .take(n)
        .filter(|b| b.is_ascii())
        .map(|&b| b as char)
        .collect()
}

/// Decodes with `enc`; `None` when some bytes do not fit it.
fn clean(bytes: &[u8], enc: &'static Encoding) -> Option<String> {
    let (text, _, errors) = enc.decode(bytes);
    (!errors).then(|| text.into_owned())
}

fn replaced(bytes: &[u8], enc: &'static Encoding) -> Decoded {
    let (text, used, errors) = enc.decode(bytes);
    Decoded {
        text: text.into_owned(),
        note: errors.then(|| format!("some bytes are not valid {}; they were replaced", used.name())),
    }
}

fn unknown(label: &str) -> String {
    format!("unknown character encoding \"{label}\" declared; ignored")
}

/// Reads an HTML page (or a Telegram preview) as text.
pub fn html(bytes: &[u8], content_type: &str) -> Decoded {
    if let Some((enc, _)) = Encoding::for_bom(bytes) {
        return replaced(bytes, enc);
    }
    let mut notes = Vec::new();
    let from_header = header_charset(content_type).and_then(|l| {
        let e = Encoding::for_label(l.as_bytes());
        if e.is_none() {
            notes.push(unknown(l));
        }
        e
    });
    let head = ascii_head(bytes, 1024);
    let from_meta = label_after(&head, "charset=").and_then(|l| {
        let e = Encoding::for_label(l.as_bytes()).map(Encoding::output_encoding);
        if e.is_none() {
            notes.push(unknown(l));
        }
        e
    });
    let mut decoded = match (from_header, from_meta) {
        (Some(h), meta) => match clean(bytes, h) {
            Some(text) => Decoded { text, note: None },
            None => meta
                .filter(|m| *m != h)
                .and_then(|m| clean(bytes, m))
                .map(|text| Decoded {
                    text,
                    note: Some(format!(
                        "the page is not {} as its server says; read as it declares itself",
                        h.name()
                    )),
                })
                .unwrap_or_else(|| replaced(bytes, h)),
        },
        (None, Some(m)) => replaced(bytes, m),
        (None, None) => replaced(bytes, UTF_8),
    };
    notes.extend(decoded.note.take());
    decoded.note = (!notes.is_empty()).then(|| notes.join("; "));
    decoded
}

/// A feed's bytes for the XML parser, and a note when its encoding was odd.
pub fn feed<'a>(bytes: &'a [u8], content_type: &str) -> (Cow<'a, [u8]>, Option<String>) {
    let Some(label) = header_charset(content_type) else {
        return (Cow::Borrowed(bytes), None);
    };
    let Some(header) = Encoding::for_label(label.as_bytes()) else {
        return (Cow::Borrowed(bytes), Some(unknown(label)));
    };
    let head = ascii_head(bytes, 200);
    let declared = head
        .starts_with("<?xml")
        .then(|| head.split("?>").next().and_then(|d| label_after(d, "encoding=")))
        .flatten();
    let (text, note) = match clean(bytes, header) {
        Some(text) => (text, None),
        None => {
            let own = declared.and_then(|l| Encoding::for_label(l.as_bytes()));
            if own.is_some_and(|o| o != header && clean(bytes, o).is_some()) {
                // The parser reads the document's own declaration.
                let note = format!(
                    "the feed is not {} as its server says; read as it declares itself",
                    header.name()
                );
                return (Cow::Borrowed(bytes), Some(note));
            }
            let d = replaced(bytes, header);
            (d.text, d.note)
        }
    };
    (Cow::Owned(as_utf8_declaration(text, declared).into_bytes()), note)
}

/// `text` with its XML declaration's encoding said as UTF-8 (it now is).
fn as_utf8_declaration(text: String, declared: Option<&str>) -> String {
    let text = text.trim_start_matches('\u{feff}');
    match declared {
        Some(label) if text.starts_with("<?xml") => {
            let end = text.find("?>").unwrap_or(0);
            let (decl, rest) = text.split_at(end);
            format!("{}{rest}", decl.replacen(label, "UTF-8", 1))
        }
        _ => text.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// "Министерство" in windows-1251.
    const CP1251: [u8; 12] = [0xCC, 0xE8, 0xED, 0xE8, 0xF1, 0xF2, 0xE5, 0xF0, 0xF1, 0xF2, 0xE2, 0xEE];

    fn page(meta: &str) -> Vec<u8> {
        let mut b = format!("<html><head>{meta}</head><body><h1>").into_bytes();
        b.extend_from_slice(&CP1251);
        b.extend_from_slice(b"</h1></body></html>");
        b
    }

    #[test]
    fn the_charset_comes_from_the_header_then_the_page() {
        assert_eq!(
            header_charset("text/html; Charset=\"Windows-1251\""),
            Some("Windows-1251")
        );
        assert_eq!(header_charset("text/html"), None);
        let by_header = html(&page(""), "text/html; charset=windows-1251");
        assert!(by_header.text.contains("Министерство"), "{}", by_header.text);
        assert_eq!(by_header.note, None);
        let by_meta = html(&page(r#"<meta charset="windows-1251">"#), "text/html");
        assert!(by_meta.text.contains("Министерство"));
        let by_http_equiv = html(
            &page(r#"<meta http-equiv="Content-Type" content="text/html; charset=cp1251">"#),
            "",
        );
        assert!(by_http_equiv.text.contains("Министерство"));
    }

    #[test]
    fn a_wrong_header_gives_way_to_what_the_page_declares() {
        let d = html(&page(r#"<meta charset="windows-1251">"#), "text/html; charset=utf-8");
        assert!(d.text.contains("Министерство"));
        assert!(d.note.unwrap().contains("not UTF-8 as its server says"));
    }

    #[test]
    fn unreadable_bytes_are_replaced_and_named() {
        let d = html(&page(""), "text/html");
        assert!(d.text.contains('\u{fffd}'));
        assert_eq!(
            d.note.as_deref(),
            Some("some bytes are not valid UTF-8; they were replaced")
        );
        let odd = html(b"<p>ok</p>", "text/html; charset=klingon");
        assert_eq!(odd.text, "<p>ok</p>");
        assert!(odd.note.unwrap().contains("unknown character encoding \"klingon\""));
    }

    #[test]
    fn a_feed_declared_by_its_server_reaches_the_parser_as_utf8() {
        let mut doc = br#"<?xml version="1.0" encoding="iso-8859-1"?><rss><channel><item><title>"#.to_vec();
        doc.extend_from_slice(&CP1251);
        doc.extend_from_slice(b"</title></item></channel></rss>");
        let (bytes, note) = feed(&doc, "application/rss+xml; charset=windows-1251");
        let text = String::from_utf8(bytes.into_owned()).unwrap();
        assert!(text.starts_with(r#"<?xml version="1.0" encoding="UTF-8"?>"#), "{text}");
        assert!(text.contains("Министерство"));
        assert_eq!(note, None);
        let (untouched, _) = feed(&doc, "application/rss+xml");
        assert_eq!(untouched.as_ref(), doc.as_slice(), "no header: the declaration decides");
    }
}
