//! The saved-query language that picks the body's mentions out of what the
//! sources published: words, "quoted phrases", `AND` (or nothing between
//! two terms), `OR`, `NOT` (or a leading `-`) and parentheses. A word
//! matches its other forms: Russian and English by the Snowball stemmers,
//! Kazakh by taking case, possessive and plural endings off (with the final
//! г/ғ of a stem read as к/қ, as in министрлігі → министрлік).

use rust_stemmers::{Algorithm, Stemmer};
use std::sync::LazyLock;

static RUSSIAN: LazyLock<Stemmer> = LazyLock::new(|| Stemmer::create(Algorithm::Russian));
static ENGLISH: LazyLock<Stemmer> = LazyLock::new(|| Stemmer::create(Algorithm::English));

/// Kazakh endings, longest first within each group of the same length.
const KAZAKH_ENDINGS: &[&str] = &[
    "ндағы",
    "ндегі",
    "ымыз",
    "іміз",
    "дағы",
    "дегі",
    "тағы",
    "тегі",
    "ның",
    "нің",
    "дың",
    "дің",
    "тың",
    "тің",
    "дан",
    "ден",
    "тан",
    "тен",
    "нан",
    "нен",
    "мен",
    "бен",
    "пен",
    "лар",
    "лер",
    "дар",
    "дер",
    "тар",
    "тер",
    "мыз",
    "міз",
    "ңыз",
    "ңіз",
    "нда",
    "нде",
    "ға",
    "ге",
    "қа",
    "ке",
    "на",
    "не",
    "ны",
    "ні",
    "ды",
    "ді",
    "ты",
    "ті",
    "да",
    "де",
    "та",
    "те",
    "сы",
    "сі",
    "ым",
    "ім",
    "ың",
];
const KAZAKH_SHORT: &[&str] = &["ің", "ы", "і", "а", "е"];

/// The forms a word is compared by.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Word {
    lower: String,
    stem: String,
    kazakh: String,
}

impl Word {
    pub fn new(raw: &str) -> Self {
        let lower = raw.to_lowercase().replace('ё', "е");
        let cyrillic = lower
            .chars()
            .any(|c| ('а'..='я').contains(&c) || "әғқңөұүһі".contains(c));
        let stem = if cyrillic {
            RUSSIAN.stem(&lower).into_owned()
        } else {
            ENGLISH.stem(&lower).into_owned()
        };
        let kazakh = if cyrillic { kazakh_stem(&lower) } else { lower.clone() };
        Word { lower, stem, kazakh }
    }

    /// The same word in any of its forms (case, Russian or English stem,
    /// Kazakh endings).
    pub fn matches(&self, token: &Word) -> bool {
        self.lower == token.lower || self.stem == token.stem || self.kazakh == token.kazakh
    }

    /// The word in lower case, as written.
    pub fn lower(&self) -> &str {
        &self.lower
    }
}

/// A Kazakh word without its endings (at least three letters are kept).
fn kazakh_stem(word: &str) -> String {
    let mut w = word.to_string();
    loop {
        let len = w.chars().count();
        let cut = KAZAKH_ENDINGS
            .iter()
            .chain(KAZAKH_SHORT.iter())
            .find(|e| w.ends_with(*e) && len - e.chars().count() >= 3);
        match cut {
            Some(e) => w.truncate(w.len() - e.len()),
            None => break,
        }
    }
    if let Some(stripped) = w.strip_suffix('г') {
        w = format!("{stripped}к");
    } else if let Some(stripped) = w.strip_suffix('ғ') {
        w = format!("{stripped}қ");
    }
    w
}

/// The words of a text, in order.
pub fn words(text: &str) -> Vec<Word> {
    text.split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(Word::new)
        .collect()
}

/// A parsed query.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Query {
    Phrase(Vec<Word>),
    Not(Box<Query>),
    And(Vec<Query>),
    Or(Vec<Query>),
}

impl Query {
    /// Whether a text (already split by [`words`]) matches.
    pub fn matches(&self, text: &[Word]) -> bool {
        match self {
            Query::Phrase(p) => {
                !p.is_empty()
                    && text
                        .windows(p.len())
                        .any(|w| w.iter().zip(p).all(|(t, q)| q.matches(t)))
            }
            Query::Not(q) => !q.matches(text),
            Query::And(qs) => qs.iter().all(|q| q.matches(text)),
            Query::Or(qs) => qs.iter().any(|q| q.matches(text)),
        }
    }

    /// Where the first phrase the query asks for (not one it excludes)
    /// starts and ends in `text`, as word positions: the excerpt's centre.
    pub fn first_hit(&self, text: &[Word]) -> Option<(usize, usize)> {
        match self {
            Query::Phrase(p) if !p.is_empty() => text
                .windows(p.len())
                .position(|w| w.iter().zip(p).all(|(t, q)| q.matches(t)))
                .map(|at| (at, at + p.len())),
            Query::Phrase(_) | Query::Not(_) => None,
            Query::And(qs) | Query::Or(qs) => qs.iter().filter_map(|q| q.first_hit(text)).min(),
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
enum Token {
    Term(String),
    Phrase(String),
    And,
    Or,
    Not,
    Open,
    Close,
}

fn tokens(input: &str) -> Vec<Token> {
    let mut out = Vec::new();
    let mut chars = input.chars().peekable();
    while let Some(&c) = chars.peek() {
        match c {
            c if c.is_whitespace() => {
                chars.next();
            }
            '(' | ')' => {
                chars.next();
                out.push(if c == '(' { Token::Open } else { Token::Close });
            }
            '"' | '«' | '»' => {
                chars.next();
                let phrase: String = chars.by_ref().take_while(|c| !matches!(c, '"' | '»' | '«')).collect();
                out.push(Token::Phrase(phrase));
            }
            // At the start of a word (a word's own hyphens are read with it).
            '-' => {
                chars.next();
                out.push(Token::Not);
            }
            _ => {
                let mut word = String::new();
                while let Some(&c) = chars.peek() {
                    if c.is_whitespace() || matches!(c, '(' | ')' | '"' | '«' | '»') {
                        break;
                    }
                    word.push(c);
                    chars.next();
                }
                out.push(match word.as_str() {
                    "AND" => Token::And,
                    "OR" => Token::Or,
                    "NOT" => Token::Not,
                    _ => Token::Term(word),
                });
            }
        }
    }
    out
}

/// Parses a query; `Err` says what is wrong with it.
pub fn parse(input: &str) -> Result<Query, String> {
    let tokens = tokens(input);
    let mut at = 0;
    let q = or(&tokens, &mut at)?;
    if at < tokens.len() {
        return Err("a closing parenthesis without its opening one".into());
    }
    Ok(q)
}

fn or(t: &[Token], at: &mut usize) -> Result<Query, String> {
    let mut parts = vec![and(t, at)?];
    while t.get(*at) == Some(&Token::Or) {
        *at += 1;
        parts.push(and(t, at)?);
    }
    Ok(if parts.len() == 1 {
        parts.remove(0)
    } else {
        Query::Or(parts)
    })
}

fn and(t: &[Token], at: &mut usize) -> Result<Query, String> {
    let mut parts = vec![unary(t, at)?];
    loop {
        match t.get(*at) {
            Some(Token::And) => *at += 1,
            Some(Token::Term(_) | Token::Phrase(_) | Token::Not | Token::Open) => {}
            _ => break,
        }
        parts.push(unary(t, at)?);
    }
    Ok(if parts.len() == 1 {
        parts.remove(0)
    } else {
        Query::And(parts)
    })
}

fn unary(t: &[Token], at: &mut usize) -> Result<Query, String> {
    let token = t.get(*at).cloned().ok_or("the query ends where a word is expected")?;
    *at += 1;
    match token {
        Token::Not => Ok(Query::Not(Box::new(unary(t, at)?))),
        Token::Term(w) | Token::Phrase(w) => {
            let ws = words(&w);
            if ws.is_empty() {
                return Err(format!("`{w}` has no letters or digits"));
            }
            Ok(Query::Phrase(ws))
        }
        Token::Open => {
            let q = or(t, at)?;
            if t.get(*at) != Some(&Token::Close) {
                return Err("an opening parenthesis is not closed".into());
            }
            *at += 1;
            Ok(q)
        }
        Token::And | Token::Or => Err("AND and OR stand between two words".into()),
        Token::Close => Err("a closing parenthesis where a word is expected".into()),
    }
}

pub use crate::platform::config::REFERENCE_OWN_NAMES;

/// A query for the body's own names (each a phrase, any of them).
pub fn own_names_query(names: &[String]) -> String {
    names
        .iter()
        .map(|n| format!("\"{}\"", n.replace('"', " ")))
        .collect::<Vec<_>>()
        .join(" OR ")
}

#[cfg(test)]
#[path = "query_tests.rs"]
mod tests;
