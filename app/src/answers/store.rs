//! The public answer archive: answers published with the submitter's consent,
//! beside the question as it was written minus personal data (the
//! submitter's name, email addresses, phone and ID numbers); the answer is
//! published redacted the same way, as it may greet the submitter by name.

use crate::answers::{ArchiveEntry, ArchivePage, ArchiveQuery};
use crate::bind_all;
use crate::error::AppError;
use crate::on_read;
use crate::platform::db::Db;
use crate::platform::query::{contains_pattern, Bind, Where};
use chrono::{DateTime, Utc};
use regex::Regex;
use std::sync::LazyLock;

pub const PER_PAGE: u32 = 20;

static EMAIL: LazyLock<Regex> = LazyLock::new(|| Regex::new(r"[\w.+-]+@[\w-]+(\.[\w-]+)+").expect("a valid pattern"));
/// Phone numbers, IINs and other long digit runs (7 or more digits, with
/// the usual separators).
static NUMBER: LazyLock<Regex> = LazyLock::new(|| Regex::new(r"\+?\d[\d\s().-]{5,}\d").expect("a valid pattern"));

/// `text` without personal data: email addresses, long numbers and each
/// word of the submitter's name (three letters or more) are replaced.
pub fn redact(text: &str, name: &str) -> String {
    let mut out = EMAIL.replace_all(text, "[email]").into_owned();
    out = NUMBER
        .replace_all(&out, |c: &regex::Captures| {
            if c[0].chars().filter(|ch| ch.is_ascii_digit()).count() >= 7 {
                "[number]".to_string()
            } else {
                c[0].to_string()
            }
        })
        .into_owned();
    for word in name.split_whitespace().filter(|w| w.chars().count() >= 3) {
        let pattern = format!(r"(?i)\b{}\b", regex::escape(word));
        if let Ok(re) = Regex::new(&pattern) {
            out = re.replace_all(&out, "[name]").into_owned();
        }
    }
    out
}

/// The archive: newest published first, by topic, department and words.
pub async fn list(db: &Db, q: &ArchiveQuery) -> Result<ArchivePage, AppError> {
    let mut w = Where::default();
    w.raw("i.answer_published = TRUE");
    if !q.topic.trim().is_empty() {
        w.push("i.topic_code = ?", [Bind::Str(q.topic.trim().into())]);
    }
    if !q.department.trim().is_empty() {
        w.push("d.code = ?", [Bind::Str(q.department.trim().to_uppercase())]);
    }
    let text = q.q.trim().to_lowercase();
    if !text.is_empty() {
        // The search text holds the question as written; matching it only
        // tells whether an entry fits, it is never shown.
        w.push(
            "(LOWER(i.public_question) LIKE ? ESCAPE '\\' OR LOWER(i.public_answer) LIKE ? ESCAPE '\\' OR i.tracking_code LIKE ? ESCAPE '\\')",
            [
                Bind::Str(contains_pattern(&text)),
                Bind::Str(contains_pattern(&text)),
                Bind::Str(contains_pattern(&q.q.trim().to_uppercase())),
            ],
        );
    }
    let page = q.page.max(1);
    let filter = w.sql();
    let from = "FROM items i LEFT JOIN departments d ON d.id = i.department_id";
    let count_sql = format!("SELECT COUNT(*) {from}{filter}");
    let list_sql = format!(
        "SELECT i.tracking_code, i.kind, i.topic_code, d.code, i.public_question, i.public_answer, i.received_at, i.answered_at \
         {from}{filter} ORDER BY i.published_at DESC, i.id DESC LIMIT {PER_PAGE} OFFSET {}",
        u64::from(page - 1) * u64::from(PER_PAGE)
    );
    type Row = (
        String,
        crate::items::ItemKind,
        String,
        Option<String>,
        Option<String>,
        Option<String>,
        DateTime<Utc>,
        Option<DateTime<Utc>>,
    );
    let (total, rows): (i64, Vec<Row>) = on_read!(db, |c| {
        let total: i64 = bind_all!(sqlx::query_scalar(&count_sql), &w.binds).fetch_one(c).await?;
        let rows = bind_all!(sqlx::query_as::<_, Row>(&list_sql), &w.binds)
            .fetch_all(c)
            .await?;
        Ok::<_, sqlx::Error>((total, rows))
    })?;
    let entries = rows
        .into_iter()
        .filter_map(
            |(tracking_code, kind, topic, department, question, answer, received_at, answered_at)| {
                Some(ArchiveEntry {
                    tracking_code,
                    kind,
                    topic,
                    department,
                    question: question.unwrap_or_default(),
                    answer: answer?,
                    received_at,
                    answered_at: answered_at?,
                })
            },
        )
        .collect();
    Ok(ArchivePage {
        entries,
        total,
        page,
        per_page: PER_PAGE,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_published_question_loses_name_email_phone_and_iin() {
        let text = "Меня зовут Айгүл Серікова, пишите на aigul.s@mail.kz или звоните +7 (701) 123-45-67. \
                    ИИН 900101300123. Когда откроется приём заявок на 2027 год?";
        let out = redact(text, "Айгүл Серікова");
        for gone in ["Айгүл", "Серікова", "aigul.s@mail.kz", "123-45-67", "900101300123"] {
            assert!(!out.contains(gone), "{gone} is still in: {out}");
        }
        assert!(out.contains("[email]") && out.contains("[number]") && out.contains("[name]"));
        // What the question is about stays, short numbers too.
        assert!(out.contains("Когда откроется приём заявок на 2027 год?"), "{out}");
    }

    #[test]
    fn short_names_and_ordinary_words_stay() {
        assert_eq!(redact("Ли asked about Lin", "Ли"), "Ли asked about Lin");
    }
}
