//! Street addresses with a house number, in the ways kk, ru and en write
//! them: `ул. Абая, д. 10, кв. 5`, `пр. Республики 5/2`, `мкр. Самал-2, 15`,
//! `Абай көшесі, 10-үй, 5-пәтер`, `15 Abay Avenue, apt 3`. A street named
//! without a house number is a place, not an address, and stays.

use super::redaction::Finding;
use super::PiiKind;
use regex::Regex;
use std::sync::LazyLock;

/// A house number, maybe with a letter, a block or a flat: `10`, `5/2`, `12А`, `10-5`.
const HOUSE: &str = r"\d{1,4}[\p{L}]?(?:\s?[/-]\s?\d{1,4}[\p{L}]?)?";
/// A street's name: one to three words, maybe with a number (`Самал-2`).
const STREET_NAME: &str = r"[\p{Lu}\d][\p{L}\d.'’-]*(?:\s+[\p{L}\d][\p{L}\d.'’-]*){0,2}?";

static PATTERNS: LazyLock<Vec<Regex>> = LazyLock::new(|| {
    let flat_ru = r"(?:,?\s*(?:кв\.?|квартира|оф\.?|офис|к\.)\s*\d{1,4})?";
    let ru = format!(
        r"(?i:ул\.?|улица|улице|пр-т\.?|пр\.|просп\.?|проспект|мкр\.?|микрорайон|бульв\.?|бульвар|б-р|пер\.?|переулок|ш\.|шоссе|наб\.?|набережная)\s*{STREET_NAME},?\s*(?i:д\.?|дом)?\s*{HOUSE}{flat_ru}"
    );
    let kk = format!(
        r"{STREET_NAME}\s+(?:көшесі|даңғылы|шағын\s+ауданы|ықшамауданы|ықшам\s+ауданы|тұйығы|алаңы)(?:ндағы|нда|на)?,?\s*{HOUSE}(?:\s*-?\s*үй)?(?:,?\s*\d{{1,4}}\s*-?\s*пәтер)?"
    );
    let en_number_first = format!(
        r"\b{HOUSE},?\s+(?:[\p{{Lu}}][\p{{L}}'-]*\s+){{1,3}}(?i:street|st\.|avenue|ave\.?|road|rd\.|boulevard|blvd\.?|lane|microdistrict)(?:,?\s*(?i:apt\.?|apartment|flat|unit)\s*\d{{1,4}})?"
    );
    let en_name_first = format!(
        r"(?:[\p{{Lu}}][\p{{L}}'-]*\s+){{1,3}}(?i:street|st\.|avenue|ave\.?|road|rd\.|boulevard|blvd\.?|microdistrict)\s*{HOUSE}(?:,?\s*(?i:apt\.?|apartment|flat|unit)\s*\d{{1,4}})?"
    );
    let house_and_flat = format!(r"(?i:д\.|дом|үй)\s*{HOUSE},?\s*(?i:кв\.?|квартира|пәтер)\s*\d{{1,4}}");
    [ru, kk, en_number_first, en_name_first, house_and_flat]
        .iter()
        .map(|p| Regex::new(p).expect("a valid pattern"))
        .collect()
});

pub(super) fn find(text: &str, out: &mut Vec<Finding>) {
    for re in PATTERNS.iter() {
        for m in re.find_iter(text) {
            out.push(Finding {
                start: m.start(),
                end: m.end(),
                kind: PiiKind::Address,
            });
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn found(text: &str) -> Vec<String> {
        let mut out = Vec::new();
        find(text, &mut out);
        out.sort_by_key(|f| (f.start, std::cmp::Reverse(f.end)));
        // Patterns overlap (a house and flat inside a street address); the
        // redaction merges them, and so does this look.
        let mut outer: Vec<Finding> = Vec::new();
        for f in out {
            if outer.last().is_none_or(|o| f.start >= o.end) {
                outer.push(f);
            }
        }
        outer.into_iter().map(|f| text[f.start..f.end].to_string()).collect()
    }

    #[test]
    fn addresses_with_a_house_number() {
        for a in [
            "ул. Абая, д. 10, кв. 5",
            "улица Достык 12",
            "пр. Республики 5/2",
            "мкр. Самал-2, 15",
            "Абай көшесі, 10-үй, 5-пәтер",
            "15 Abay Avenue, apt 3",
            "Kabanbay Batyr ave. 12",
        ] {
            assert_eq!(found(&format!("Живу: {a}. Спасибо")), vec![a.to_string()], "{a}");
        }
    }

    #[test]
    fn a_street_without_a_number_is_a_place() {
        assert!(found("ремонт на улице Абая и на проспекте Достык").is_empty());
    }
}
