//! The public answer archive: answers published with the submitter's consent,
//! beside the question as it was written minus personal data (see
//! `privacy`); the answer is published redacted the same way, as it may greet
//! the submitter by name. A moderator sees both texts with every redaction
//! marked, may remove more by hand, and publishes exactly what they saw.

use crate::answers::{ArchiveEntry, ArchivePage, ArchiveQuery};
use crate::bind_all;
use crate::error::AppError;
use crate::on_read;
use crate::platform::db::Db;
use crate::platform::query::{contains_pattern, Bind, Where};
use crate::privacy::{self, Clues};
use chrono::{DateTime, Utc};

pub const PER_PAGE: u32 = 20;

/// The question and the answer as the archive would publish them: personal
/// data redacted (the submitter's `clues` first), and the moderator's
/// `by_hand` phrases removed too.
pub fn public_texts(subject: &str, body: &str, answer: &str, clues: &Clues, by_hand: &[String]) -> (String, String) {
    (
        privacy::redact_with(&format!("{subject}\n\n{body}"), clues, by_hand),
        privacy::redact_with(answer, clues, by_hand),
    )
}

/// A short fingerprint of the texts a moderator saw: publishing with it
/// publishes exactly those texts, or nothing if the item changed meanwhile.
pub fn approval(question: &str, answer: &str) -> String {
    crate::platform::idempotency::fingerprint(&[question, answer])[..16].to_string()
}

/// The moderator's phrases to remove, one per line, empty lines dropped.
pub fn phrases(by_hand: &str) -> Vec<String> {
    by_hand
        .lines()
        .map(str::trim)
        .filter(|l| !l.is_empty())
        .map(str::to_string)
        .collect()
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
    fn the_published_texts_lose_personal_data_and_the_moderators_phrases() {
        let clues = Clues {
            name: "Айгүл Серікова",
            ..Clues::default()
        };
        let (q, a) = public_texts(
            "Гранты",
            "Меня зовут Айгүл Серікова, тел. +7 701 123 45 67. Я живу в доме у школы №5. Когда приём заявок?",
            "Уважаемая {name}! Приём с 1 марта.",
            &clues,
            &phrases("в доме у школы №5\n\n"),
        );
        assert_eq!(
            q,
            "Гранты\n\nМеня зовут [name], тел. [phone]. Я живу [removed]. Когда приём заявок?"
        );
        assert_eq!(a, "Уважаемая [name]! Приём с 1 марта.");
    }

    #[test]
    fn the_approval_changes_with_either_text() {
        assert_eq!(approval("q", "a"), approval("q", "a"));
        assert_ne!(approval("q", "a"), approval("q", "b"));
        assert_ne!(approval("qa", ""), approval("q", "a"));
    }
}
