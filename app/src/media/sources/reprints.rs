//! Finding reprints: texts that are nearly the same (one story carried by
//! many outlets, a headline changed, a sentence added). Each text becomes a
//! MinHash signature over its four-word shingles; signatures are cut into
//! bands, and only texts sharing a band are compared (locality-sensitive
//! hashing), so a day's items are grouped without comparing every pair.

use std::collections::HashMap;
use xxhash_rust::xxh3::xxh3_64;

/// Words per shingle, hash functions per signature, and the bands they are
/// cut into (16 bands of 4: texts about 0.5 similar or more meet in a band
/// with a probability above 0.6, at 0.8 above 0.99).
const SHINGLE: usize = 4;
pub const HASHES: usize = 64;
/// Band keys an item has (each band is `HASHES / BANDS` hashes).
pub const BANDS: usize = 16;
const ROWS: usize = HASHES / BANDS;
/// The estimated similarity from which two texts are one story.
pub const SAME_STORY: f64 = 0.5;

/// A text's MinHash signature.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Signature(pub Vec<u64>);

/// Odd multipliers and offsets of the hash functions, fixed so signatures
/// stay comparable across runs (splitmix64 from a constant seed).
fn coefficients() -> &'static [(u64, u64); HASHES] {
    static C: std::sync::OnceLock<[(u64, u64); HASHES]> = std::sync::OnceLock::new();
    C.get_or_init(|| {
        let mut state: u64 = 0x9e37_79b9_7f4a_7c15;
        let mut next = || {
            state = state.wrapping_add(0x9e37_79b9_7f4a_7c15);
            let mut z = state;
            z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
            z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
            z ^ (z >> 31)
        };
        std::array::from_fn(|_| (next() | 1, next()))
    })
}

/// The signature of a text: lower-case words, punctuation dropped. A text
/// shorter than one shingle is one shingle.
pub fn signature(text: &str) -> Signature {
    let words: Vec<String> = text
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(|w| w.to_lowercase())
        .collect();
    let shingles: Vec<u64> = if words.len() <= SHINGLE {
        vec![xxh3_64(words.join(" ").as_bytes())]
    } else {
        words
            .windows(SHINGLE)
            .map(|w| xxh3_64(w.join(" ").as_bytes()))
            .collect()
    };
    let mut mins = vec![u64::MAX; HASHES];
    for s in shingles {
        for (m, (a, b)) in mins.iter_mut().zip(coefficients()) {
            *m = (*m).min(s.wrapping_mul(*a).wrapping_add(*b));
        }
    }
    Signature(mins)
}

impl Signature {
    /// The estimated share of shingles two texts have in common.
    pub fn similarity(&self, other: &Signature) -> f64 {
        let same = self.0.iter().zip(&other.0).filter(|(a, b)| a == b).count();
        same as f64 / HASHES as f64
    }

    /// One key per band: texts sharing any key are candidates.
    pub fn band_keys(&self) -> impl Iterator<Item = u64> + '_ {
        self.0.chunks(ROWS).enumerate().map(|(band, rows)| {
            let mut bytes = Vec::with_capacity(8 * (ROWS + 1));
            bytes.extend_from_slice(&(band as u64).to_le_bytes());
            for r in rows {
                bytes.extend_from_slice(&r.to_le_bytes());
            }
            xxh3_64(&bytes)
        })
    }
}

/// The stories seen so far: each text joins the story of the first earlier
/// text it is similar enough to, or starts its own (it is that story's
/// origin). Feed texts in the order they were published.
#[derive(Debug, Default)]
pub struct StoryIndex {
    buckets: HashMap<u64, Vec<usize>>,
    items: Vec<(i64, Signature)>,
}

impl StoryIndex {
    /// Adds item `id`; returns the id of its story's origin (itself when new).
    pub fn add(&mut self, id: i64, sig: Signature) -> i64 {
        let mut best: Option<(f64, usize)> = None;
        let keys: Vec<u64> = sig.band_keys().collect();
        for k in &keys {
            for &i in self.buckets.get(k).into_iter().flatten() {
                let s = sig.similarity(&self.items[i].1);
                if s >= SAME_STORY && best.is_none_or(|(b, j)| s > b || (s == b && i < j)) {
                    best = Some((s, i));
                }
            }
        }
        let origin = best.map(|(_, i)| self.origin_of(i)).unwrap_or(id);
        let at = self.items.len();
        self.items.push((origin, sig));
        for k in keys {
            self.buckets.entry(k).or_default().push(at);
        }
        origin
    }

    fn origin_of(&self, i: usize) -> i64 {
        self.items[i].0
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const STORY: &str = "Министерство информации и общественного развития объявило конкурс государственных \
        грантов для неправительственных организаций. Заявки принимаются до конца месяца на портале \
        электронного правительства, итоги подведут в январе.";

    #[test]
    fn a_reprint_with_a_new_headline_and_an_added_sentence_is_the_same_story() {
        let reprint = format!("Гранты для НПО: {STORY} Об этом сообщила пресс-служба ведомства.");
        let other = "В Астане прошёл форум волонтёров: более тысячи участников обсудили развитие \
            добровольчества в регионах и наградили лучших координаторов года.";
        let (a, b, c) = (signature(STORY), signature(&reprint), signature(other));
        assert!(a.similarity(&b) >= SAME_STORY, "{}", a.similarity(&b));
        assert!(a.similarity(&c) < 0.1, "{}", a.similarity(&c));
        let mut index = StoryIndex::default();
        assert_eq!(index.add(10, a), 10, "the first text is its own story's origin");
        assert_eq!(index.add(11, c), 11);
        assert_eq!(index.add(12, b), 10, "the reprint joins the earliest text's story");
        let third = format!("{STORY} Подробнее на сайте.");
        assert_eq!(index.add(13, signature(&third)), 10);
    }

    #[test]
    fn signatures_ignore_case_and_punctuation() {
        assert_eq!(signature(STORY), signature(&STORY.to_uppercase().replace(',', " ")));
        assert_eq!(signature("Короткий текст").0.len(), HASHES);
    }
}
