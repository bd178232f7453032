//! What the staff item page shows: the item with its full history and what
//! the viewer may do. The submitter's contact, and the personal data in the
//! texts, only to staff who handle the item (its department's officers and
//! head, admins); analysts and moderators read every text redacted.

use crate::error::AppError;
use crate::inbox::item_actions::{self, authorize_act, colleagues, find, Act, TRIAGE};
use crate::inbox::{Assignable, EventView, ItemDetail};
use crate::items::workdays::WorkCalendar;
use crate::on_read;
use crate::platform::authz::{authorize, Action};
use crate::platform::db::Db;
use crate::platform::roles::CurrentUser;
use crate::{inbox, privacy};
use chrono::{DateTime, Utc};

#[derive(sqlx::FromRow)]
struct Extra {
    outlet: Option<String>,
    accreditation: Option<String>,
    needed_by: Option<chrono::NaiveDate>,
    extension_reason: Option<String>,
    status_reason: Option<String>,
    redirected_to: Option<String>,
    answered_at: Option<DateTime<Utc>>,
    assignee: Option<String>,
}

pub async fn events(db: &Db, item: i64, include_internal: bool) -> Result<Vec<EventView>, AppError> {
    let sql = format!(
        "SELECT e.at, u.display_name, e.kind, e.detail, e.internal FROM item_events e \
         LEFT JOIN users u ON u.id = e.actor_user_id WHERE e.item_id = $1{} ORDER BY e.at, e.id",
        if include_internal {
            ""
        } else {
            " AND e.internal = FALSE"
        }
    );
    let rows: Vec<(DateTime<Utc>, Option<String>, String, String, bool)> =
        on_read!(db, |c| sqlx::query_as(&sql).bind(item).fetch_all(c).await)?;
    Ok(rows
        .into_iter()
        .map(|(at, actor, kind, detail, internal)| EventView {
            at,
            actor,
            kind,
            detail,
            internal,
        })
        .collect())
}

/// The item page for `viewer`; another department's item is `not_found`.
pub async fn detail(
    db: &Db,
    viewer: &CurrentUser,
    code: &str,
    cal: &WorkCalendar,
    tz: chrono_tz::Tz,
    now: DateTime<Utc>,
) -> Result<ItemDetail, AppError> {
    let item = find(db, code).await?;
    let dept = item.department_id.unwrap_or(TRIAGE);
    authorize(Some(viewer), Action::ViewItems { department_id: dept }).map_err(|_| AppError::not_found())?;
    let can_answer = authorize_act(viewer, &item, &Act::Claim).is_ok();
    let can_supervise = authorize_act(viewer, &item, &Act::Close).is_ok()
        && authorize(Some(viewer), Action::SuperviseItems { department_id: dept }).is_ok();
    let can_publish = authorize_act(
        viewer,
        &item,
        &Act::Publish {
            by_hand: String::new(),
            approved: String::new(),
        },
    )
    .is_ok();
    let extra: Extra = on_read!(db, |c| {
        sqlx::query_as(
        "SELECT i.outlet, i.accreditation, i.needed_by, i.extension_reason, i.status_reason, i.redirected_to, i.answered_at, \
         u.display_name AS assignee FROM items i LEFT JOIN users u ON u.id = i.assignee_id WHERE i.id = $1"
    )
    .bind(item.id)
    .fetch_one(c)
    .await
    })?;
    let colleagues = match item.department_id {
        Some(d) if can_supervise => colleagues(db, d)
            .await?
            .into_iter()
            .map(|(id, name, _)| Assignable { id, name })
            .collect(),
        _ => Vec::new(),
    };
    // Personal data only for those who handle the item; others (analysts,
    // moderators) read every text with it redacted.
    let clues = item_actions::clues(&item);
    let shown = |t: &str| {
        if can_answer {
            t.to_string()
        } else {
            privacy::redact(t, &clues)
        }
    };
    let shown_opt = |t: &Option<String>| t.as_deref().map(shown);
    let mut history = events(db, item.id, true).await?;
    for e in &mut history {
        e.detail = shown(&e.detail);
    }
    let (subject, body, answer_text) = (shown(&item.subject), shown(&item.body), shown_opt(&item.answer_text));
    let (extension_reason, status_reason, redirected_to) = (
        shown_opt(&extra.extension_reason),
        shown_opt(&extra.status_reason),
        shown_opt(&extra.redirected_to),
    );
    let pd = |v: Option<String>| if can_answer { v } else { None };
    Ok(ItemDetail {
        events: history,
        deadline: inbox::deadline(cal, tz, now, item.due_at, item.status),
        tracking_code: item.tracking_code,
        kind: item.kind,
        status: item.status,
        topic: item.topic_code,
        language: item.language,
        department_id: item.department_id,
        assignee_id: item.assignee_id,
        assignee: extra.assignee,
        subject,
        body,
        submitter_name: pd(item.submitter_name),
        submitter_email: pd(item.submitter_email),
        outlet: extra.outlet,
        accreditation: pd(extra.accreditation),
        needed_by: extra.needed_by,
        consent_to_publish: item.consent_to_publish,
        received_at: item.received_at,
        due_at: item.due_at,
        extended: item.extended,
        extension_reason,
        status_reason,
        redirected_to,
        answer_text,
        answered_at: extra.answered_at,
        answer_published: item.answer_published,
        can_answer,
        can_supervise,
        can_publish,
        colleagues,
    })
}
