//! A suggested tone toward the body (not toward the story in general): words
//! of praise and of blame from our own lists for Russian, Kazakh and
//! English, read only near the body's names, each turned round by a
//! negation ("не", "емес", "not"). The suggestion names the words that
//! decided it; staff confirm or correct it in the register.

use super::query::{words, Query, Word};
use crate::publications::Tone;
use std::sync::OnceLock;

/// Words of blame and of praise per language (written in any form: they
/// are compared by stem and by Kazakh endings, as queries are). Our own
/// lists, kept apart by language so a Russian "сын" (son) is not read as
/// the Kazakh "сын" (criticism).
const RU_NEGATIVE: &str = "критика критиковать раскритиковать скандал провал провалить нарушение нарушить \
    жалоба жаловаться коррупция коррупционный обвинение обвинять претензия недовольство недовольный срыв \
    сорвать ошибка штраф протест возмущение незаконный халатность неэффективный отказ ущерб кризис взятка \
    хищение растрата цензура блокировка сбой опровергнуть фейк бездействие";
const RU_POSITIVE: &str =
    "успех успешный поддержка поддержать достижение улучшение благодарность благодарить поблагодарить \
    похвала похвалить эффективный открытость прозрачный награда наградить победа одобрить приветствовать \
    позитивный рекорд помощь помочь";
const KK_NEGATIVE: &str = "сын сынады сынға жанжал шағым жемқорлық сыбайлас бұзушылық наразылық кемшілік \
    айыппұл қателік пара дағдарыс зиян кешіктірді олқылық";
const KK_POSITIVE: &str = "табыс табысты жетістік қолдау қолдады алғыс жақсарту жақсарды марапат марапаттады \
    жеңіс тиімді ашықтық көмек көмектесті";
const EN_NEGATIVE: &str = "criticism criticise criticize scandal failure complaint corruption accuse protest \
    fine censorship misconduct outrage blame";
const EN_POSITIVE: &str = "success successful support praise achievement improvement award welcome effective \
    transparent thanks";

/// Negations that turn round the word after them (ru, en) or before them (kk).
const NEGATES_NEXT: [&str; 6] = ["не", "нет", "без", "not", "no", "never"];
const NEGATES_PREVIOUS: [&str; 2] = ["емес", "жоқ"];

/// Words read on either side of the body's name.
const WINDOW: usize = 15;

/// The (negative, positive) lists of a language.
fn lists(language: &str) -> (&'static [Word], &'static [Word]) {
    type Lists = [(Vec<Word>, Vec<Word>); 3];
    static CELL: OnceLock<Lists> = OnceLock::new();
    let all = CELL.get_or_init(|| {
        [
            (words(KK_NEGATIVE), words(KK_POSITIVE)),
            (words(RU_NEGATIVE), words(RU_POSITIVE)),
            (words(EN_NEGATIVE), words(EN_POSITIVE)),
        ]
    });
    let (n, p) = &all[match language {
        "kk" => 0,
        "ru" => 1,
        _ => 2,
    }];
    (n, p)
}

/// What the suggestion says and why.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ToneSuggestion {
    pub tone: Tone,
    /// The words that decided it, each once, as written (lower case), a
    /// negated one with its negation: `не поддержали`.
    pub words: Vec<String>,
}

/// Suggests the tone of `text` (in `language`: kk, ru or en) toward the
/// body whose names `own` finds; without `own` (or when the names are not
/// in the text) the whole text is read.
pub fn suggest(text: &str, language: &str, own: Option<&Query>) -> ToneSuggestion {
    let (negative, positive) = lists(language);
    let ws = words(text);
    let near = window(&ws, own);
    let (mut score, mut decided) = (0i32, Vec::new());
    for (i, w) in ws.iter().enumerate() {
        if !near(i) {
            continue;
        }
        let polarity = if negative.iter().any(|n| n.matches(w)) {
            -1
        } else if positive.iter().any(|p| p.matches(w)) {
            1
        } else {
            continue;
        };
        let before = i.checked_sub(1).map(|j| ws[j].lower());
        let after = ws.get(i + 1).map(Word::lower);
        let (negated, shown) = match (before, after) {
            (Some(b), _) if NEGATES_NEXT.contains(&b) => (true, format!("{b} {}", w.lower())),
            (_, Some(a)) if NEGATES_PREVIOUS.contains(&a) => (true, format!("{} {a}", w.lower())),
            _ => (false, w.lower().to_string()),
        };
        score += if negated { -polarity } else { polarity };
        if !decided.contains(&shown) {
            decided.push(shown);
        }
    }
    let tone = match score {
        s if s < 0 => Tone::Negative,
        s if s > 0 => Tone::Positive,
        _ => Tone::Neutral,
    };
    if tone == Tone::Neutral {
        decided.clear();
    }
    ToneSuggestion { tone, words: decided }
}

/// Which word positions are near one of the body's names.
fn window<'a>(ws: &'a [Word], own: Option<&Query>) -> impl Fn(usize) -> bool + 'a {
    let mut hits = Vec::new();
    if let Some(q) = own {
        let mut from = 0;
        while let Some((a, b)) = q.first_hit(&ws[from..]) {
            hits.push((from + a, from + b));
            from += b.max(a + 1);
            if from >= ws.len() {
                break;
            }
        }
    }
    move |i| hits.is_empty() || hits.iter().any(|&(a, b)| i + WINDOW >= a && i < b + WINDOW)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::media::sources::query::{own_names_query, parse, REFERENCE_OWN_NAMES};

    fn own() -> Query {
        parse(&own_names_query(&REFERENCE_OWN_NAMES.map(String::from))).unwrap()
    }

    fn tone(text: &str) -> (Tone, Vec<String>) {
        let language = crate::media::sources::text::detect_language(text).unwrap();
        let s = suggest(text, language, Some(&own()));
        (s.tone, s.words)
    }

    #[test]
    fn blame_and_praise_of_the_body_in_russian_and_kazakh() {
        let (t, w) =
            tone("Журналисты раскритиковали Министерство информации и общественного развития за задержку ответов.");
        assert_eq!(t, Tone::Negative);
        assert_eq!(w, vec!["раскритиковали"]);
        let (t, _) = tone("Ақпарат және қоғамдық даму министрлігі жастар ұйымдарына қолдау көрсетті.");
        assert_eq!(t, Tone::Positive);
        let (t, w) = tone("Ақпарат және қоғамдық даму министрлігінің шешімі қатты сынға ұшырады.");
        assert_eq!((t, w), (Tone::Negative, vec!["сынға".to_string()]));
        assert_eq!(
            tone("МИОР опубликовал график приёма граждан на декабрь.").0,
            Tone::Neutral
        );
        let son = "Министр информации и общественного развития поздравил сына ветерана с юбилеем.";
        assert_eq!(
            suggest(son, "ru", None).tone,
            Tone::Neutral,
            "the Russian сын is a son, not criticism"
        );
    }

    #[test]
    fn a_negation_turns_a_word_round_in_either_order() {
        let (t, w) = tone("Инициативу МИОР не поддержали в парламенте.");
        assert_eq!((t, w), (Tone::Negative, vec!["не поддержали".to_string()]));
        let (t, w) = tone("МИОР жұмысы тиімді емес деп аталды.");
        assert_eq!((t, w), (Tone::Negative, vec!["тиімді емес".to_string()]));
    }

    #[test]
    fn only_words_near_the_body_count() {
        let far = format!(
            "МИОР провёл брифинг для журналистов о грантах. {} В соседней области разгорелся скандал вокруг больницы.",
            "Затем выступили представители регионов и рассказали о планах на будущий год подробно. ".repeat(3)
        );
        assert_eq!(tone(&far).0, Tone::Neutral, "the scandal is not about the body");
        assert_eq!(
            suggest(&far, "ru", None).tone,
            Tone::Negative,
            "without names the whole text counts"
        );
    }
}
