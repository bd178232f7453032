//! Tests of the saved-query language on Russian, Kazakh and English press
//! texts: word forms, phrases, AND, OR, NOT, and the errors a person sees.

use super::*;

fn hit(query: &str, text: &str) -> bool {
    parse(query).unwrap().matches(&words(text))
}

#[test]
fn russian_words_match_their_other_forms() {
    assert!(hit("министерство", "Журналисты обратились в министерство"));
    assert!(hit("министерство", "Пресс-служба Министерства сообщила"));
    assert!(hit("министерство", "по данным министерству"));
    assert!(hit("\"министерство информации\"", "заявили в министерстве информации"));
    assert!(!hit("министерство", "Минздрав сообщил"));
}

#[test]
fn kazakh_words_match_with_their_endings() {
    let name = "\"ақпарат және қоғамдық даму министрлігі\"";
    assert!(hit(name, "Ақпарат және қоғамдық даму министрлігінің баспасөз қызметі"));
    assert!(hit(name, "Ақпарат және қоғамдық даму министрлігі мәлімдеді"));
    assert!(hit("министрлік", "министрлікке хат жолданды"));
    assert!(hit("министрлік", "министрліктің өкілі"));
    assert!(!hit(name, "Денсаулық сақтау министрлігі"));
}

#[test]
fn and_or_not_phrases_and_parentheses() {
    let text = "МИОР ответил на запрос журналистов о грантах";
    assert!(hit("МИОР AND грант", text));
    assert!(hit("МИОР грант", text), "two words side by side mean AND");
    assert!(!hit("МИОР AND спорт", text));
    assert!(hit("спорт OR грант", text));
    assert!(hit("МИОР NOT спорт", text));
    assert!(hit("МИОР -спорт", text));
    assert!(!hit("МИОР -грант", text));
    assert!(hit("(спорт OR запрос) AND миор", text));
    assert!(!hit("\"запрос МИОР\"", text), "a phrase keeps its order");
    assert!(hit("«ответил на запрос»", text));
    assert!(hit(
        "ministry",
        "The Ministry of Information and Social Development said"
    ));
    assert!(hit("\"social development\"", "social developments were discussed"));
}

#[test]
fn the_own_names_query_finds_each_name_in_each_language() {
    let names: Vec<String> = REFERENCE_OWN_NAMES.map(String::from).to_vec();
    let q = parse(&own_names_query(&names)).unwrap();
    for text in [
        "Министерства информации и общественного развития РК",
        "В МИОР прокомментировали",
        "Ақпарат және қоғамдық даму министрлігінде өтті",
        "the Ministry of Information and Social Development of Kazakhstan",
    ] {
        assert!(q.matches(&words(text)), "{text}");
    }
    assert!(!q.matches(&words("Министерство здравоохранения сообщило")));
}

#[test]
fn a_bad_query_is_named() {
    for (query, why) in [
        ("(МИОР OR грант", "not closed"),
        ("МИОР)", "closing parenthesis"),
        ("МИОР AND", "ends where a word"),
        ("OR грант", "stand between"),
        ("\"!!!\"", "no letters"),
    ] {
        let e = parse(query).unwrap_err();
        assert!(e.contains(why), "{query}: {e}");
    }
}
