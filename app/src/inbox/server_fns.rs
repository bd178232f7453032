//! Server functions behind the staff inbox, the item page and the canned
//! answers admin page. Each parses, authorises (in `inbox::item_actions`
//! against the item's department) and calls.

use crate::departments::Department;
use crate::error::AppError;
use crate::inbox::{CannedAnswer, CannedInput, InboxPage, InboxQuery, ItemDetail, PublishCheck};
use crate::publications::Topic;
use leptos::prelude::*;

#[cfg(feature = "ssr")]
use crate::{
    inbox::item_actions::Act,
    platform::{authz::Action, guard},
};

/// The inbox page: one page of items, the departments and topics for the filters.
#[server(endpoint = "staff/inbox")]
pub async fn inbox(q: InboxQuery) -> Result<(InboxPage, Vec<Department>, Vec<Topic>), AppError> {
    let (st, user) = guard::require(Action::UseStaffArea).await?;
    let cal = crate::items::workdays::load(&st.db).await?;
    let page = crate::inbox::list(&st.db, &user, &q, &cal, st.config.tz(), chrono::Utc::now()).await;
    Ok((
        guard::with_status(page)?,
        crate::departments::list(&st.db, true).await?,
        crate::publications::topics::list(&st.db).await?,
    ))
}

/// The item page: the item, the canned answers in its language and topic,
/// departments (for reassignment) and topics.
#[server(endpoint = "staff/item")]
pub async fn load_item(code: String) -> Result<(ItemDetail, Vec<CannedAnswer>, Vec<Department>, Vec<Topic>), AppError> {
    let (st, user) = guard::require(Action::UseStaffArea).await?;
    let cal = crate::items::workdays::load(&st.db).await?;
    let now = chrono::Utc::now();
    let item =
        guard::with_status(crate::inbox::item_view::detail(&st.db, &user, &code, &cal, st.config.tz(), now).await)?;
    let canned = if item.can_answer {
        crate::inbox::canned::list(&st.db, Some((&item.language, &item.topic))).await?
    } else {
        Vec::new()
    };
    Ok((
        item,
        canned,
        crate::departments::list(&st.db, false).await?,
        crate::publications::topics::list(&st.db).await?,
    ))
}

/// What a refused form gets back (never personal data).
#[cfg(feature = "ssr")]
fn keep(pairs: &[(&str, &str)]) -> std::collections::BTreeMap<String, String> {
    pairs.iter().map(|(k, v)| (k.to_string(), v.to_string())).collect()
}

#[cfg(feature = "ssr")]
async fn perform(code: &str, act: Act, input: &impl serde::Serialize) -> Result<(), AppError> {
    let (st, user) = guard::require(Action::UseStaffArea).await?;
    guard::with_status(
        crate::inbox::item_actions::act(&st.db, &st.config, &user, code, &act, chrono::Utc::now())
            .await
            .map_err(|e| e.with_input(input)),
    )
}

#[server(endpoint = "staff/item_note")]
pub async fn item_note(code: String, text: String) -> Result<(), AppError> {
    let k = keep(&[("note", &text)]);
    perform(&code, Act::Note { text }, &k).await
}

#[server(endpoint = "staff/item_claim")]
pub async fn item_claim(code: String) -> Result<(), AppError> {
    perform(&code, Act::Claim, &()).await
}

#[server(endpoint = "staff/item_assign")]
pub async fn item_assign(code: String, user_id: i64) -> Result<(), AppError> {
    perform(&code, Act::Assign { user_id }, &()).await
}

#[server(endpoint = "staff/item_reassign")]
pub async fn item_reassign(code: String, department_id: i64, reason: String) -> Result<(), AppError> {
    let k = keep(&[("reassign_reason", &reason)]);
    perform(&code, Act::Reassign { department_id, reason }, &k).await
}

#[server(endpoint = "staff/item_redirect")]
pub async fn item_redirect(code: String, to: String, reason: String) -> Result<(), AppError> {
    let k = keep(&[("to", &to), ("redirect_reason", &reason)]);
    perform(&code, Act::Redirect { to, reason }, &k).await
}

#[server(endpoint = "staff/item_reject")]
pub async fn item_reject(code: String, reason: String) -> Result<(), AppError> {
    perform(&code, Act::Reject { reason }, &()).await
}

#[server(endpoint = "staff/item_extend")]
pub async fn item_extend(code: String, new_due: String, reason: String) -> Result<(), AppError> {
    let k = keep(&[("new_due", &new_due), ("extend_reason", &reason)]);
    perform(&code, Act::Extend { new_due, reason }, &k).await
}

#[server(endpoint = "staff/item_reply")]
pub async fn item_reply(code: String, text: String) -> Result<(), AppError> {
    let k = keep(&[("reply", &text)]);
    perform(&code, Act::Reply { text }, &k).await
}

/// The texts the archive would publish for an item, each redaction marked,
/// minus the phrases the moderator removes by hand (`remove`, one per line).
#[server(endpoint = "staff/item_archive_check")]
pub async fn archive_check(code: String, remove: String) -> Result<PublishCheck, AppError> {
    let (st, user) = guard::require(Action::UseStaffArea).await?;
    guard::with_status(crate::inbox::publishing::check(&st.db, &user, &code, &remove).await)
}

/// Publishes the texts checked (`approved` is their fingerprint, `remove`
/// the phrases removed by hand), or takes an answer out of the archive.
#[server(endpoint = "staff/item_publish")]
pub async fn item_publish(code: String, publish: bool, remove: String, approved: String) -> Result<(), AppError> {
    let k = keep(&[("remove", &remove)]);
    let act = if publish {
        Act::Publish {
            by_hand: remove,
            approved,
        }
    } else {
        Act::Unpublish
    };
    perform(&code, act, &k).await
}

#[server(endpoint = "staff/item_close")]
pub async fn item_close(code: String) -> Result<(), AppError> {
    perform(&code, Act::Close, &()).await
}

#[server(endpoint = "staff/item_reopen")]
pub async fn item_reopen(code: String, reason: String) -> Result<(), AppError> {
    perform(&code, Act::Reopen { reason }, &()).await
}

#[server(endpoint = "admin/canned")]
pub async fn canned_answers() -> Result<(Vec<CannedAnswer>, Vec<Topic>), AppError> {
    let (st, _) = guard::require(Action::ManageCannedAnswers).await?;
    Ok((
        crate::inbox::canned::list(&st.db, None).await?,
        crate::publications::topics::list(&st.db).await?,
    ))
}

#[server(endpoint = "admin/canned_add")]
pub async fn add_canned_answer(input: CannedInput) -> Result<(), AppError> {
    let (st, _) = guard::require(Action::ManageCannedAnswers).await?;
    crate::inbox::canned::add(&st.db, &input, chrono::Utc::now())
        .await
        .map(|_| ())
        .map_err(|e| e.with_input(&input))
}

#[server(endpoint = "admin/canned_remove")]
pub async fn remove_canned_answer(id: i64) -> Result<(), AppError> {
    let (st, _) = guard::require(Action::ManageCannedAnswers).await?;
    crate::inbox::canned::remove(&st.db, id).await
}
