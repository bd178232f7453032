//! The moderator's check before an answer goes to the public archive: the
//! question and the answer redacted as they would be published, with every
//! redaction marked and the phrases removed by hand; publishing then stores
//! exactly the texts checked (see `Act::Publish`).

use crate::error::{AppError, FieldCode};
use crate::inbox::item_actions::{authorize_act, find, public_texts, Act};
use crate::inbox::PublishCheck;
use crate::items::Status;
use crate::on_read;
use crate::platform::db::Db;
use crate::platform::roles::CurrentUser;

/// The texts `viewer` would publish for the item `code`, minus `by_hand`.
/// A published answer shows what the archive holds.
pub async fn check(db: &Db, viewer: &CurrentUser, code: &str, by_hand: &str) -> Result<PublishCheck, AppError> {
    let item = find(db, code).await?;
    authorize_act(
        viewer,
        &item,
        &Act::Publish {
            by_hand: String::new(),
            approved: String::new(),
        },
    )?;
    let (question, answer) = if item.answer_published {
        let (q, a): (Option<String>, Option<String>) = on_read!(db, |c| sqlx::query_as(
            "SELECT public_question, public_answer FROM items WHERE id = $1"
        )
        .bind(item.id)
        .fetch_one(c)
        .await)?;
        (q.unwrap_or_default(), a.unwrap_or_default())
    } else {
        public_texts(&item, by_hand)
    };
    let blocked = if !item.consent_to_publish {
        Some(FieldCode::NoConsent)
    } else if !matches!(item.status, Status::Answered | Status::Closed) || item.answer_text.is_none() {
        Some(FieldCode::NotAnswered)
    } else {
        None
    };
    Ok(PublishCheck {
        tracking_code: item.tracking_code,
        approved: crate::answers::approval(&question, &answer),
        question,
        answer,
        by_hand: by_hand.to_string(),
        published: item.answer_published,
        blocked,
    })
}
