//! Phone numbers, IINs and other long numbers, however they are written:
//! digits of any script (full-width `１２３`, Arabic-Indic…), split by any
//! space, dash, dot, slash or bracket, or by invisible characters (a
//! zero-width space, a soft hyphen). Dates, year ranges, amounts of money
//! and tracking codes (`Q-2026-000123`) are numbers too, and stay.

use super::redaction::Finding;
use super::PiiKind;

#[derive(Clone, Copy, PartialEq, Eq, Debug)]
enum Class {
    Digit(u8),
    /// Zero-width and soft characters a number may hide behind.
    Invisible,
    /// A space, dash, dot, slash or bracket between digit groups.
    Separator(char),
    Plus,
    Other,
}

fn class(c: char) -> Class {
    if matches!(
        c,
        '\u{200B}' | '\u{200C}' | '\u{200D}' | '\u{2060}' | '\u{FEFF}' | '\u{00AD}'
    ) {
        return Class::Invisible;
    }
    if c.is_ascii_digit() {
        return Class::Digit(c as u8 - b'0');
    }
    if matches!(c, '\n' | '\r') {
        return Class::Other;
    }
    if c.is_whitespace() {
        return Class::Separator(' ');
    }
    if c.is_ascii() {
        return match c {
            '-' | '.' | '/' | '(' | ')' => Class::Separator(c),
            '+' => Class::Plus,
            _ => Class::Other,
        };
    }
    // Dashes, minus signs, full-width forms and digits of other scripts.
    match deunicode::deunicode_char(c) {
        Some(s) if s.len() == 1 => {
            let b = s.as_bytes()[0];
            match b {
                b'0'..=b'9' => Class::Digit(b - b'0'),
                b'-' | b'.' | b'/' | b'(' | b')' => Class::Separator(b as char),
                b'+' => Class::Plus,
                _ => Class::Other,
            }
        }
        _ => Class::Other,
    }
}

/// Words after a number that make it an amount or a count, not a contact.
const UNITS: [&str; 30] = [
    "тенге",
    "теңге",
    "тг",
    "₸",
    "tenge",
    "kzt",
    "руб",
    "рубл",
    "$",
    "usd",
    "долл",
    "dollar",
    "евро",
    "eur",
    "млн",
    "млрд",
    "мың",
    "тыс",
    "million",
    "billion",
    "thousand",
    "человек",
    "адам",
    "people",
    "шт",
    "дана",
    "км",
    "га",
    "сом",
    "%",
];

/// One run of digits with what lies between them.
struct Run {
    start: usize,
    end: usize,
    digits: String,
    groups: Vec<String>,
    separators: Vec<char>,
    plus: bool,
}

impl Run {
    fn is_date_or_years(&self) -> bool {
        let g: Vec<u32> = self.groups.iter().map(|s| s.parse().unwrap_or(u32::MAX)).collect();
        let year = |i: usize| self.groups[i].len() == 4 && (1900..=2100).contains(&g[i]);
        if (0..g.len()).all(year) {
            return true;
        }
        let date_at = |i: usize| -> bool {
            i + 2 < g.len()
                && ((self.groups[i].len() <= 2
                    && (1..=31).contains(&g[i])
                    && self.groups[i + 1].len() <= 2
                    && (1..=12).contains(&g[i + 1])
                    && year(i + 2))
                    || (year(i)
                        && self.groups[i + 1].len() <= 2
                        && (1..=12).contains(&g[i + 1])
                        && self.groups[i + 2].len() <= 2
                        && (1..=31).contains(&g[i + 2])))
        };
        // Dates (and years) one after another: "01.01.2026–31.12.2026".
        let mut i = 0;
        while i < g.len() {
            if date_at(i) {
                i += 3;
            } else if year(i) {
                i += 1;
            } else {
                return false;
            }
        }
        true
    }

    /// "1 500 000", "2,500,000": groups of three after the first.
    fn is_grouped_in_thousands(&self) -> bool {
        self.groups.len() >= 2
            && (1..=3).contains(&self.groups[0].len())
            && self.groups[1..].iter().all(|g| g.len() == 3)
            && self.separators.iter().all(|s| matches!(s, ' ' | '.'))
            && !self.plus
    }
}

fn followed_by_unit(text: &str, end: usize) -> bool {
    let after = text[end..].trim_start().to_lowercase();
    UNITS.iter().any(|u| after.starts_with(u))
}

fn kind_of(run: &Run, text: &str) -> Option<PiiKind> {
    let n = run.digits.len();
    if n < 7 || run.is_date_or_years() {
        return None;
    }
    if followed_by_unit(text, run.end) {
        return None;
    }
    if run.is_grouped_in_thousands() && n != 11 && n != 12 {
        return None;
    }
    let before: String = text[..run.start]
        .chars()
        .rev()
        .take(24)
        .collect::<Vec<_>>()
        .into_iter()
        .rev()
        .collect();
    let before = before.to_lowercase();
    if n == 12 || ["иин", "жсн", "iin", "бин", "bin"].iter().any(|w| before.contains(w)) {
        return Some(PiiKind::IdNumber);
    }
    let d = run.digits.as_bytes();
    let phone = run.plus && (8..=15).contains(&n)
        || n == 11 && matches!(d[0], b'7' | b'8')
        || n == 10 && d[0] == b'7'
        || n == 7
        || ["тел", "phone", "моб", "whatsapp", "ватсап"]
            .iter()
            .any(|w| before.contains(w));
    Some(if phone { PiiKind::Phone } else { PiiKind::Number })
}

/// Adds every personal number of `text` to `out`.
pub(super) fn find(text: &str, out: &mut Vec<Finding>) {
    let chars: Vec<(usize, char, Class)> = text.char_indices().map(|(i, c)| (i, c, class(c))).collect();
    let mut i = 0;
    while i < chars.len() {
        let starts = matches!(chars[i].2, Class::Digit(_))
            || matches!(chars[i].2, Class::Plus | Class::Separator('('))
                && chars[i + 1..]
                    .iter()
                    .take(3)
                    .find(|c| !matches!(c.2, Class::Separator(' ') | Class::Separator('(') | Class::Invisible))
                    .is_some_and(|c| matches!(c.2, Class::Digit(_)));
        if !starts {
            i += 1;
            continue;
        }
        let mut run = Run {
            start: chars[i].0,
            end: chars[i].0,
            digits: String::new(),
            groups: vec![String::new()],
            separators: Vec::new(),
            plus: chars[i].2 == Class::Plus,
        };
        // A number glued to a word ("Q-2026-000123", "KZ75…") is a code.
        let glued_before = {
            let mut k = i;
            if k > 0 && matches!(chars[k - 1].2, Class::Separator('-') | Class::Separator('/')) {
                k -= 1;
            }
            k > 0 && chars[k - 1].1.is_alphabetic()
        };
        let mut j = i;
        let mut gap = 0;
        let mut last_digit = i;
        while j < chars.len() {
            match chars[j].2 {
                Class::Digit(d) => {
                    if gap > 0 && !run.groups.last().is_some_and(String::is_empty) {
                        run.groups.push(String::new());
                    }
                    run.digits.push((b'0' + d) as char);
                    run.groups.last_mut().expect("one group").push((b'0' + d) as char);
                    gap = 0;
                    last_digit = j;
                }
                Class::Invisible => {}
                Class::Separator(s) if gap < 3 => {
                    if gap == 0 && !run.digits.is_empty() {
                        run.separators.push(s);
                    }
                    gap += 1;
                }
                Class::Plus if j == i => {}
                _ => break,
            }
            j += 1;
        }
        run.groups.retain(|g| !g.is_empty());
        let (end_byte, end_char) = {
            let (b, c, _) = chars[last_digit];
            (b + c.len_utf8(), last_digit)
        };
        run.end = end_byte;
        let glued_after = chars.get(end_char + 1).is_some_and(|c| c.1.is_alphabetic());
        let a_code = glued_before || (glued_after && !followed_by_unit(text, run.end));
        if !a_code {
            if let Some(kind) = kind_of(&run, text) {
                out.push(Finding {
                    start: run.start,
                    end: run.end,
                    kind,
                });
            }
        }
        i = end_char + 1;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn kinds(text: &str) -> Vec<(String, PiiKind)> {
        let mut out = Vec::new();
        find(text, &mut out);
        out.into_iter()
            .map(|f| (text[f.start..f.end].to_string(), f.kind))
            .collect()
    }

    #[test]
    fn phones_in_every_usual_shape() {
        for phone in [
            "+7 (701) 123-45-67",
            "8 701 123 45 67",
            "+7\u{2011}701\u{2013}123\u{2013}45\u{2013}67",
            "8/701/1234567",
            "8\u{00A0}701\u{202F}123\u{2009}45\u{2009}67",
            "８７０１１２３４５６７",
            "8701\u{200B}123\u{200B}4567",
            "701 123 4567",
            "123-45-67",
        ] {
            let found = kinds(&format!("звоните {phone}, спасибо"));
            assert_eq!(found, vec![(phone.to_string(), PiiKind::Phone)], "{phone}");
        }
    }

    #[test]
    fn iins_with_any_separator_are_id_numbers() {
        for iin in [
            "900101300123",
            "900101–300123",
            "9001 0130 0123",
            "９００１０１３００１２３",
        ] {
            assert_eq!(
                kinds(&format!("ИИН {iin}.")),
                vec![(iin.to_string(), PiiKind::IdNumber)],
                "{iin}"
            );
        }
    }

    #[test]
    fn dates_years_amounts_and_codes_stay() {
        for kept in [
            "с 01.01.2026 по 31.12.2026",
            "в 2025–2027 годах",
            "грант 1 500 000 тенге",
            "бюджет 2500000 теңге",
            "обращение Q-2026-000123",
            "2026-11-20",
            "приказ № 123456",
            "в 2024 2025 годах",
        ] {
            assert!(kinds(kept).is_empty(), "{kept}: {:?}", kinds(kept));
        }
    }
}
