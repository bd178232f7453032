//! Names of people in a text: the submitter's own name (from the form, the
//! strongest clue) in any grammatical case and spelling, then other people:
//! first names from a list, surnames and patronymics by their endings
//! (`-ов`, `-ева`, `-ұлы`, `-қызы`, `-ович`), initials, and the words after
//! "меня зовут", "my name is", "Құрметті", "Mr". Street names and the body's
//! own names are never taken for people.

use super::name_keys::{is_form_of, key, stems_of_word};
use super::redaction::{Clues, Finding};
use super::PiiKind;
use std::collections::{HashMap, HashSet};
use std::sync::LazyLock;

/// First names by key; `true` when the name is also an ordinary word.
static FIRST_NAMES: LazyLock<HashMap<String, bool>> = LazyLock::new(|| {
    include_str!("first_names.txt")
        .lines()
        .filter(|l| !l.starts_with('#'))
        .flat_map(str::split_whitespace)
        .map(|w| match w.strip_prefix('?') {
            Some(w) => (key(w), true),
            None => (key(w), false),
        })
        .collect()
});

/// Words before a name ("меня зовут Айгүл", "Dear Mr Smith").
const BEFORE_NAME: [&str; 25] = [
    "зовут",
    "атым",
    "есімім",
    "фамилия",
    "mr",
    "mrs",
    "ms",
    "miss",
    "dr",
    "господин",
    "госпожа",
    "гражданин",
    "гражданка",
    "уважаемый",
    "уважаемая",
    "dear",
    "құрметті",
    "уважением",
    "regards",
    "sincerely",
    "құрметпен",
    "подпись",
    "гн",
    "гжа",
    "мистер",
];

/// Words that start a street or a place named after a person: what follows
/// is a place, not someone in the text.
const PLACE_BEFORE: [&str; 16] = [
    "ул",
    "улица",
    "улице",
    "улицы",
    "пр",
    "проспект",
    "проспекта",
    "проспекте",
    "мкр",
    "бульвар",
    "переулок",
    "имени",
    "им",
    "street",
    "avenue",
    "named",
];
/// Keys that start a word naming a street or an administrative unit after a
/// name: `Абай көшесі`, `Абай облысы`, `Жамбыл ауданы`, `Abay Avenue`.
const PLACE_AFTER: [&str; 10] = [
    "koshe", "dangil", "oblis", "oblast", "audan", "raion", "auil", "street", "avenue", "district",
];
/// The same for short words, which must match whole.
const PLACE_AFTER_WHOLE: [&str; 7] = ["kala", "kalasi", "kalasinda", "kalasinin", "st", "ave", "region"];

/// Keys of words that are never a person: the body, its departments and
/// the words of its names in kk, ru and en (a key starting with one).
const NEVER_PEOPLE: [&str; 30] = [
    "minist",
    "departament",
    "department",
    "upravl",
    "komitet",
    "committee",
    "akim",
    "agentstv",
    "agency",
    "sluzhb",
    "otdel",
    "kolleg",
    "colleag",
    "redakts",
    "editor",
    "informats",
    "information",
    "obshchestv",
    "social",
    "razvit",
    "development",
    "akparat",
    "kogamd",
    "damu",
    "mior",
    "respublik",
    "republic",
    "kazakhstan",
    "kazakstan",
    "astan",
];

#[derive(Debug)]
struct Word<'a> {
    start: usize,
    end: usize,
    text: &'a str,
    key: String,
    capital: bool,
    /// Nothing but spaces between this word and the one before.
    joined: bool,
    sentence_start: bool,
    /// A single capital letter followed by a dot.
    initial: bool,
}

fn words(text: &str) -> Vec<Word<'_>> {
    let mut spans = Vec::new();
    let mut start = None;
    for (i, c) in text.char_indices() {
        let letter = c.is_alphabetic() || (start.is_some() && matches!(c, '\u{300}'..='\u{36f}'));
        match (letter, start) {
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
    let mut out: Vec<Word> = Vec::with_capacity(spans.len());
    let mut prev_end = 0;
    for (s, e) in spans {
        let w = &text[s..e];
        let gap = &text[prev_end..s];
        let before = text[..s].trim_end_matches(|c: char| c.is_whitespace() || "«»\"'“”„()-–—".contains(c));
        let initial = w.chars().count() == 1 && w.chars().all(char::is_uppercase) && text[e..].starts_with('.');
        let after_initial = out.last().is_some_and(|p| p.initial) && gap.trim() == ".";
        let joined =
            !out.is_empty() && !gap.is_empty() && (gap.chars().all(|c| c == ' ' || c == '\u{a0}') || after_initial);
        out.push(Word {
            start: s,
            end: e,
            text: w,
            key: key(w),
            capital: w.chars().next().is_some_and(char::is_uppercase),
            joined,
            sentence_start: !after_initial
                && (before.is_empty() || before.ends_with(['.', '!', '?', '\n', ':', ';', '…'])),
            initial,
        });
        prev_end = e;
    }
    out
}

fn first_name(word_key: &str) -> Option<bool> {
    for stem in stems_of_word(word_key) {
        let mut tries = vec![stem.clone(), format!("{stem}a"), format!("{stem}ia")];
        // Павла → Павел, Петра → Пётр.
        if stem.len() >= 3 {
            let (head, last) = stem.split_at(stem.len() - 1);
            tries.push(format!("{head}e{last}"));
        }
        if let Some(ambiguous) = tries.iter().find_map(|t| FIRST_NAMES.get(t)) {
            return Some(*ambiguous);
        }
    }
    None
}

/// A surname or patronymic by its ending: strong endings mark a person
/// alone, weak ones only beside a first name or initials.
fn surname(word_key: &str) -> Option<bool> {
    const STRONG: [&str; 10] = [
        "ov", "ev", "ova", "eva", "uli", "kizi", "ovich", "evich", "ovna", "evna",
    ];
    const WEAK: [&str; 8] = ["in", "ina", "ski", "skaia", "enko", "uk", "bai", "bek"];
    let stems = stems_of_word(word_key);
    if stems
        .iter()
        .any(|s| s.len() >= 5 && STRONG.iter().any(|e| s.ends_with(e)))
    {
        return Some(true);
    }
    stems
        .iter()
        .any(|s| s.len() >= 4 && WEAK.iter().any(|e| s.ends_with(e)))
        .then_some(false)
}

fn never_a_person(w: &Word) -> bool {
    NEVER_PEOPLE.iter().any(|p| w.key.starts_with(p))
}

fn place(words: &[Word], i: usize) -> bool {
    let lower = |w: &Word| w.text.to_lowercase();
    (i > 0 && PLACE_BEFORE.contains(&lower(&words[i - 1]).as_str()))
        || words.get(i + 1).is_some_and(|n| {
            PLACE_AFTER.iter().any(|p| n.key.starts_with(p)) || PLACE_AFTER_WHOLE.contains(&n.key.as_str())
        })
        || (i > 0 && words[i - 1].capital && place(words, i - 1) && words[i].joined)
}

pub(super) fn find(text: &str, clues: &Clues, out: &mut Vec<Finding>) {
    let ws = words(text);
    let clue_keys: Vec<String> = words(clues.name)
        .iter()
        .filter(|w| w.text.chars().count() >= 3)
        .map(|w| w.key.clone())
        .collect();
    let mut person = vec![false; ws.len()];
    let mut ambiguous = HashSet::new();
    for (i, w) in ws.iter().enumerate() {
        if never_a_person(w) {
            continue;
        }
        if clue_keys.iter().any(|k| is_form_of(&w.key, k)) {
            person[i] = true;
            continue;
        }
        if !w.capital || w.initial || place(&ws, i) {
            continue;
        }
        match first_name(&w.key) {
            Some(false) => person[i] = true,
            Some(true) => {
                ambiguous.insert(i);
            }
            None => {
                if surname(&w.key) == Some(true) && w.text.chars().count() >= 5 {
                    let next_capital = ws.get(i + 1).is_some_and(|n| n.joined && n.capital);
                    person[i] = !w.sentence_start || next_capital;
                }
            }
        }
    }
    // Words after "меня зовут", "Dear", "Mr": up to three capitalised ones.
    for (i, w) in ws.iter().enumerate() {
        let lower = w.text.to_lowercase();
        let name_is = lower == "is" && i > 0 && ws[i - 1].text.eq_ignore_ascii_case("name");
        if BEFORE_NAME.contains(&lower.as_str()) || name_is {
            for j in (i + 1..ws.len()).take(3) {
                let n = &ws[j];
                if !n.capital || never_a_person(n) || (j > i + 1 && !n.joined) {
                    break;
                }
                person[j] = true;
            }
        }
    }
    // Beside a person: a surname after a first name, initials, an ambiguous
    // first name next to a surname.
    for _ in 0..2 {
        for i in 0..ws.len() {
            if person[i] {
                continue;
            }
            let w = &ws[i];
            let prev = i.checked_sub(1).filter(|&p| person[p] && w.joined);
            let next = (i + 1 < ws.len() && person[i + 1] && ws[i + 1].joined).then_some(i + 1);
            let beside = prev.is_some() || next.is_some();
            let near_capital = ws
                .get(i + 1)
                .is_some_and(|n| n.joined && n.capital && !never_a_person(n))
                || (i > 0 && ws[i - 1].initial && w.joined);
            if never_a_person(w) || !w.capital || place(&ws, i) {
                continue;
            }
            let surname_next = ws.get(i + 1).is_some_and(|n| n.joined && surname(&n.key).is_some());
            let after_initial = i > 0 && ws[i - 1].initial && w.joined;
            // An initial beside a name; an ambiguous first name beside a
            // person or a surname; a word after a first name or a surname
            // (not starting a sentence); a surname beside a person or after
            // an initial.
            person[i] = (w.initial && (beside || near_capital))
                || (ambiguous.contains(&i) && (beside || surname_next))
                || (prev.is_some_and(|p| !ws[p].initial || first_name(&ws[p].key).is_some()) && !w.sentence_start)
                || (surname(&w.key).is_some() && (beside || after_initial));
        }
    }
    // Initials next to a person: "А.С. Серікова", "Серікова А.".
    for i in 0..ws.len() {
        if ws[i].initial && !person[i] {
            let next_person = ws.get(i + 1).is_some_and(|n| n.joined) && person.get(i + 1) == Some(&true);
            let prev_person = i > 0 && person[i - 1] && ws[i].joined;
            person[i] = next_person || prev_person;
        }
    }
    for (i, w) in ws.iter().enumerate() {
        if person[i] {
            let end = if w.initial { w.end + 1 } else { w.end };
            out.push(Finding {
                start: w.start,
                end,
                kind: PiiKind::Name,
            });
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn names(text: &str, name: &str) -> Vec<String> {
        let mut out = Vec::new();
        find(
            text,
            &Clues {
                name,
                ..Clues::default()
            },
            &mut out,
        );
        out.into_iter().map(|f| text[f.start..f.end].to_string()).collect()
    }

    #[test]
    fn the_submitters_name_in_any_case_and_spelling() {
        assert_eq!(
            names(
                "Айгүлге жауап беріңіз. Aigul Serikova wrote, Сериковой сообщили",
                "Айгүл Серікова"
            ),
            vec!["Айгүлге", "Aigul", "Serikova", "Сериковой"]
        );
    }

    #[test]
    fn other_people_by_first_name_surname_and_initials() {
        assert_eq!(names("Мой сосед Марат Ахметов сказал", ""), vec!["Марат", "Ахметов"]);
        assert_eq!(names("подписал А.С. Жуковский", ""), vec!["А.", "С.", "Жуковский"]);
        assert_eq!(names("письмо от Dr Smith пришло", ""), vec!["Smith"]);
    }

    #[test]
    fn streets_the_body_and_ordinary_words_are_not_people() {
        assert!(names("на проспекте Абая и улице Назарбаева", "").is_empty());
        assert!(names("Министерство информации и общественного развития ответило", "").is_empty());
        assert!(names("Вопросов много. Вера в лучшее", "").is_empty());
    }
}
