//! What staff do to an item: note, claim, assign, reassign to another
//! department, redirect to another body, reject, extend the deadline, reply,
//! publish the answer, close and reopen. Each action is authorised against
//! the item's department, checked against the item's status, written with its
//! event (actor and time) and any email in one transaction; the item's row is
//! locked meanwhile, so two people cannot, say, both extend a deadline.

use crate::error::{AppError, FieldCode, FieldError};
use crate::inbox::notice_text::{to_staff, to_submitter, StaffNotice, SubmitterNotice};
use crate::items::{ItemKind, Status};
use crate::platform::authz::{authorize, Action};
use crate::platform::db::{Db, Engine, Tx};
use crate::platform::outbox::{self, NewMessage};
use crate::platform::roles::{CurrentUser, Role};
use crate::{
    answers,
    inbox::canned,
    items::{deadlines, workdays},
    platform::config::Config,
};
use crate::{on_read, on_tx};
use chrono::{DateTime, NaiveDate, Utc};
use serde::{Deserialize, Serialize};

/// One staff action on an item.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "action", rename_all = "snake_case")]
pub enum Act {
    Note {
        text: String,
    },
    Claim,
    Assign {
        user_id: i64,
    },
    Reassign {
        department_id: i64,
        reason: String,
    },
    Redirect {
        to: String,
        reason: String,
    },
    Reject {
        reason: String,
    },
    Extend {
        new_due: String,
        reason: String,
    },
    Reply {
        text: String,
    },
    /// Publish the texts the moderator approved: redacted, minus the
    /// phrases removed by hand (one per line); `approved` is the
    /// fingerprint of the texts they saw.
    Publish {
        by_hand: String,
        approved: String,
    },
    Unpublish,
    Close,
    Reopen {
        reason: String,
    },
}

impl Act {
    /// The permission the action needs on the item's department.
    fn needs(&self, department: i64) -> Action {
        match self {
            Act::Assign { .. } | Act::Reassign { .. } | Act::Extend { .. } => Action::SuperviseItems {
                department_id: department,
            },
            _ => Action::AnswerItems {
                department_id: department,
            },
        }
    }
}

/// The item as actions need it (personal data included).
#[derive(sqlx::FromRow, Debug, Clone)]
pub struct Item {
    pub id: i64,
    pub tracking_code: String,
    pub kind: ItemKind,
    pub status: Status,
    pub topic_code: String,
    pub language: String,
    pub department_id: Option<i64>,
    pub assignee_id: Option<i64>,
    pub subject: String,
    pub body: String,
    pub submitter_name: Option<String>,
    pub submitter_email: Option<String>,
    pub accreditation: Option<String>,
    pub received_at: DateTime<Utc>,
    pub due_at: DateTime<Utc>,
    pub extended: bool,
    pub answer_text: Option<String>,
    pub consent_to_publish: bool,
    pub answer_published: bool,
}

const ITEM_COLUMNS: &str =
    "id, tracking_code, kind, status, topic_code, language, department_id, assignee_id, subject, body, \
    submitter_name, submitter_email, accreditation, received_at, due_at, extended, answer_text, consent_to_publish, \
    answer_published";

/// Items waiting in triage belong to no department: this id is nobody's own,
/// so only admins act on them (and analysts read them).
pub const TRIAGE: i64 = 0;

pub async fn find(db: &Db, code: &str) -> Result<Item, AppError> {
    let sql = format!("SELECT {ITEM_COLUMNS} FROM items WHERE tracking_code = $1");
    on_read!(db, |c| sqlx::query_as::<_, Item>(&sql)
        .bind(code.trim())
        .fetch_optional(c)
        .await)?
    .ok_or_else(AppError::not_found)
}

async fn lock(tx: &mut Tx, code: &str) -> Result<Item, AppError> {
    let lock = if tx.engine() == Engine::Postgres {
        " FOR UPDATE"
    } else {
        ""
    };
    let sql = format!("SELECT {ITEM_COLUMNS} FROM items WHERE tracking_code = $1{lock}");
    on_tx!(tx, |c| sqlx::query_as::<_, Item>(&sql)
        .bind(code.trim())
        .fetch_optional(c)
        .await)?
    .ok_or_else(AppError::not_found)
}

/// Refuses a viewer who may not see the item with `not_found`, so other
/// departments' tracking codes cannot be probed; one who may see it but not
/// do `act` gets `forbidden`.
pub fn authorize_act(viewer: &CurrentUser, item: &Item, act: &Act) -> Result<(), AppError> {
    let dept = item.department_id.unwrap_or(TRIAGE);
    if authorize(Some(viewer), Action::ViewItems { department_id: dept }).is_err() {
        return Err(AppError::not_found());
    }
    let moderating =
        matches!(act, Act::Publish { .. } | Act::Unpublish) && authorize(Some(viewer), Action::Moderate).is_ok();
    if moderating {
        return Ok(());
    }
    authorize(Some(viewer), act.needs(dept))
}

fn wrong_status() -> AppError {
    AppError::conflict("status", FieldCode::WrongStatus)
}

fn text(field: &str, v: &str, max: usize, errs: &mut Vec<FieldError>) -> String {
    let v = v.trim();
    let code = if v.is_empty() {
        Some(FieldCode::Required)
    } else if v.chars().count() > max {
        Some(FieldCode::TooLong)
    } else {
        None
    };
    if let Some(code) = code {
        errs.push(FieldError {
            field: field.into(),
            code,
        });
    }
    v.to_string()
}

fn check(errs: Vec<FieldError>) -> Result<(), AppError> {
    if errs.is_empty() {
        Ok(())
    } else {
        Err(AppError::fields(errs))
    }
}

pub async fn event(
    tx: &mut Tx,
    item: i64,
    at: DateTime<Utc>,
    actor: Option<i64>,
    kind: &str,
    detail: &str,
    internal: bool,
) -> Result<(), AppError> {
    on_tx!(tx, |c| sqlx::query(
        "INSERT INTO item_events (item_id, at, actor_user_id, kind, detail, internal) VALUES ($1, $2, $3, $4, $5, $6)"
    )
    .bind(item)
    .bind(at)
    .bind(actor)
    .bind(kind)
    .bind(detail)
    .bind(internal)
    .execute(c)
    .await
    .map(|r| r.rows_affected()))?;
    Ok(())
}

/// Runs one `sql` update on the item (`$1` is its id, the rest `binds`).
macro_rules! update {
    ($tx:expr, $sql:expr, $id:expr $(, $b:expr)*) => {
        on_tx!($tx, |c| sqlx::query($sql).bind($id)$(.bind($b))*.execute(c).await.map(|r| r.rows_affected()))
    };
}

/// Tells the submitter (if their address is still held) and records that they were told.
async fn tell_submitter(
    tx: &mut Tx,
    item: &Item,
    actor: i64,
    notice: SubmitterNotice<'_>,
    kind: &str,
    now: DateTime<Utc>,
) -> Result<(), AppError> {
    let Some(to) = item.submitter_email.clone().filter(|e| !e.is_empty()) else {
        return Ok(());
    };
    let (subject, body_text) = to_submitter(&item.language, notice);
    outbox::enqueue_for_item(
        tx,
        item.id,
        &NewMessage {
            to,
            subject,
            body_text,
            kind: kind.into(),
        },
        now,
    )
    .await?;
    event(tx, item.id, now, Some(actor), "notified", kind, true).await
}

/// Active staff of `department` who can answer its items.
pub async fn colleagues(db: &Db, department: i64) -> Result<Vec<(i64, String, String)>, AppError> {
    Ok(on_read!(db, |c| sqlx::query_as(
        "SELECT id, display_name, email FROM users WHERE department_id = $1 AND active = TRUE \
         AND role IN ('officer', 'department_head') ORDER BY display_name"
    )
    .bind(department)
    .fetch_all(c)
    .await)?)
}

fn local(at: DateTime<Utc>, tz: chrono_tz::Tz) -> String {
    at.with_timezone(&tz).format("%Y-%m-%d %H:%M").to_string()
}

/// Performs `act` on the item `code` for `viewer`.
pub async fn act(
    db: &Db,
    config: &Config,
    viewer: &CurrentUser,
    code: &str,
    act: &Act,
    now: DateTime<Utc>,
) -> Result<(), AppError> {
    let tz = config.tz();
    let me = Some(viewer.id);
    // What validation needs from outside the transaction.
    let departments = crate::departments::list(db, true).await?;
    let mut errs = Vec::new();
    let mut tx = db.begin().await?;
    let item = lock(&mut tx, code).await?;
    authorize_act(viewer, &item, act)?;
    let counted = crate::items::item_cube::read(&mut tx, item.id).await?;
    let open = item.status.is_open();
    let staff_url = format!(
        "{}/staff/items/{}",
        config.base_url.trim_end_matches('/'),
        item.tracking_code
    );
    match act {
        Act::Note { text: t } => {
            let t = text("text", t, 5000, &mut errs);
            check(errs)?;
            if item.status == Status::Assigned && item.assignee_id == me {
                update!(
                    &mut tx,
                    "UPDATE items SET status = 'in_progress' WHERE id = $1",
                    item.id
                )?;
            }
            event(&mut tx, item.id, now, me, "note", &t, true).await?;
        }
        Act::Claim => {
            if !open {
                return Err(wrong_status());
            }
            update!(
                &mut tx,
                "UPDATE items SET assignee_id = $2, status = CASE WHEN status = 'new' THEN 'assigned' ELSE status END WHERE id = $1",
                item.id,
                viewer.id
            )?;
            event(&mut tx, item.id, now, me, "assigned", &viewer.display_name, false).await?;
        }
        Act::Assign { user_id } => {
            if !open {
                return Err(wrong_status());
            }
            let dept = item
                .department_id
                .ok_or_else(|| AppError::field("assignee", FieldCode::InvalidChoice))?;
            let (_, name, email) = colleagues(db, dept)
                .await?
                .into_iter()
                .find(|(id, _, _)| id == user_id)
                .ok_or_else(|| AppError::field("assignee", FieldCode::InvalidChoice))?;
            update!(
                &mut tx,
                "UPDATE items SET assignee_id = $2, status = CASE WHEN status = 'new' THEN 'assigned' ELSE status END WHERE id = $1",
                item.id,
                *user_id
            )?;
            event(&mut tx, item.id, now, me, "assigned", &name, false).await?;
            if *user_id != viewer.id {
                let (subject, body_text) = to_staff(StaffNotice::Assigned {
                    code: &item.tracking_code,
                    subject: &item.subject,
                    url: &staff_url,
                });
                outbox::enqueue(
                    &mut tx,
                    &NewMessage {
                        to: email,
                        subject,
                        body_text,
                        kind: "assignment".into(),
                    },
                    now,
                )
                .await?;
            }
        }
        Act::Reassign { department_id, reason } => {
            let reason = text("reason", reason, 1000, &mut errs);
            let target = departments.iter().find(|d| d.id == *department_id && d.active);
            if target.is_none() || item.department_id == Some(*department_id) {
                errs.push(FieldError {
                    field: "department_id".into(),
                    code: FieldCode::InvalidChoice,
                });
            }
            check(errs)?;
            if !open {
                return Err(wrong_status());
            }
            let from = item
                .department_id
                .and_then(|d| departments.iter().find(|x| x.id == d))
                .map(|d| d.code.clone())
                .unwrap_or_else(|| "triage".into());
            let to = target.map(|d| d.code.clone()).unwrap_or_default();
            update!(
                &mut tx,
                "UPDATE items SET department_id = $2, assignee_id = NULL, status = 'new' WHERE id = $1",
                item.id,
                *department_id
            )?;
            event(
                &mut tx,
                item.id,
                now,
                me,
                "reassigned",
                &format!("{from} → {to}: {reason}"),
                false,
            )
            .await?;
        }
        Act::Redirect { to, reason } => {
            let to = text("to", to, 200, &mut errs);
            let reason = text("reason", reason, 1000, &mut errs);
            check(errs)?;
            if !open {
                return Err(wrong_status());
            }
            update!(
                &mut tx,
                "UPDATE items SET status = 'redirected', redirected_to = $2, status_reason = $3 WHERE id = $1",
                item.id,
                &to,
                &reason
            )?;
            event(
                &mut tx,
                item.id,
                now,
                me,
                "redirected",
                &format!("{to}: {reason}"),
                false,
            )
            .await?;
            let code = item.tracking_code.clone();
            let n = SubmitterNotice::Redirected {
                code: &code,
                to: &to,
                reason: &reason,
            };
            tell_submitter(&mut tx, &item, viewer.id, n, "redirect", now).await?;
        }
        Act::Reject { reason } => {
            let reason = text("reason", reason, 1000, &mut errs);
            check(errs)?;
            if !open {
                return Err(wrong_status());
            }
            update!(
                &mut tx,
                "UPDATE items SET status = 'rejected', status_reason = $2 WHERE id = $1",
                item.id,
                &reason
            )?;
            event(&mut tx, item.id, now, me, "rejected", &reason, false).await?;
            let code = item.tracking_code.clone();
            let n = SubmitterNotice::Rejected {
                code: &code,
                reason: &reason,
            };
            tell_submitter(&mut tx, &item, viewer.id, n, "rejection", now).await?;
        }
        Act::Extend { new_due, reason } => {
            if !open {
                return Err(wrong_status());
            }
            let day = NaiveDate::parse_from_str(new_due.trim(), "%Y-%m-%d")
                .map_err(|_| AppError::field("new_due", FieldCode::InvalidDate))?;
            let (policies, cal) = (deadlines::load(db).await?, workdays::load(db).await?);
            let policy = deadlines::pick(&policies, item.kind.as_str(), &item.topic_code)
                .ok_or_else(|| AppError::internal(format!("no deadline policy for {}", item.kind)))?;
            let due = deadlines::extend(
                policy,
                &cal,
                &deadlines::Extension {
                    role: viewer.role,
                    already_extended: item.extended,
                    received: item.received_at,
                    current_due: item.due_at,
                    new_day: day,
                    reason,
                },
                tz,
            )?;
            let reason = reason.trim().to_string();
            update!(
                &mut tx,
                "UPDATE items SET due_at = $2, extended = TRUE, extension_reason = $3 WHERE id = $1",
                item.id,
                due,
                &reason
            )?;
            let due_text = local(due, tz);
            event(
                &mut tx,
                item.id,
                now,
                me,
                "extended",
                &format!("{due_text}: {reason}"),
                false,
            )
            .await?;
            let code = item.tracking_code.clone();
            let n = SubmitterNotice::Extended {
                code: &code,
                due: &due_text,
                reason: &reason,
            };
            tell_submitter(&mut tx, &item, viewer.id, n, "extension", now).await?;
        }
        Act::Reply { text: t } => {
            let t = text("text", t, canned::MAX_BODY, &mut errs);
            check(errs)?;
            if !open {
                return Err(wrong_status());
            }
            let cal = workdays::load(db).await?;
            let department = item
                .department_id
                .and_then(|d| departments.iter().find(|x| x.id == d))
                .map(|d| d.name(&item.language).to_string())
                .unwrap_or_default();
            let received = item.received_at.with_timezone(&tz).format("%Y-%m-%d").to_string();
            // Stored with `{name}` kept; only the email carries the name.
            let answer = canned::render_stored(
                &t,
                &canned::Context {
                    name: "",
                    code: &item.tracking_code,
                    subject: &item.subject,
                    received: &received,
                    department: &department,
                },
            );
            let emailed = canned::fill_name(&answer, item.submitter_name.as_deref().unwrap_or(""));
            update!(
                &mut tx,
                "UPDATE items SET status = 'answered', answer_text = $2, answered_at = $3, assignee_id = COALESCE(assignee_id, $4), \
                 answer_working_days = $5 WHERE id = $1",
                item.id,
                &answer,
                now,
                viewer.id,
                crate::items::item_cube::answer_working_days(&cal, item.received_at, now, tz)
            )?;
            event(&mut tx, item.id, now, me, "answered", &answer, false).await?;
            let code = item.tracking_code.clone();
            let n = SubmitterNotice::Answer {
                code: &code,
                text: &emailed,
            };
            tell_submitter(&mut tx, &item, viewer.id, n, "answer", now).await?;
        }
        Act::Publish { by_hand, approved } => {
            if !matches!(item.status, Status::Answered | Status::Closed) || item.answer_text.is_none() {
                return Err(AppError::conflict("publish", FieldCode::NotAnswered));
            }
            if !item.consent_to_publish {
                return Err(AppError::conflict("publish", FieldCode::NoConsent));
            }
            // Exactly what the moderator saw, or nothing if it changed since.
            let (question, answer) = public_texts(&item, by_hand);
            if answers::approval(&question, &answer) != approved.trim() {
                return Err(AppError::conflict("publish", FieldCode::ChangedSinceChecked));
            }
            update!(
                &mut tx,
                "UPDATE items SET answer_published = TRUE, published_at = $2, public_question = $3, public_answer = $4 WHERE id = $1",
                item.id,
                now,
                &question,
                &answer
            )?;
            event(&mut tx, item.id, now, me, "published", "", false).await?;
        }
        Act::Unpublish => {
            if !item.answer_published {
                return Err(wrong_status());
            }
            update!(
                &mut tx,
                "UPDATE items SET answer_published = FALSE WHERE id = $1",
                item.id
            )?;
            event(&mut tx, item.id, now, me, "unpublished", "", false).await?;
        }
        Act::Close => {
            if item.status != Status::Answered {
                return Err(wrong_status());
            }
            update!(&mut tx, "UPDATE items SET status = 'closed' WHERE id = $1", item.id)?;
            event(&mut tx, item.id, now, me, "closed", "", false).await?;
        }
        Act::Reopen { reason } => {
            let reason = text("reason", reason, 1000, &mut errs);
            check(errs)?;
            if open {
                return Err(wrong_status());
            }
            update!(
                &mut tx,
                "UPDATE items SET status = CASE WHEN assignee_id IS NULL THEN 'new' ELSE 'in_progress' END, answer_published = FALSE WHERE id = $1",
                item.id
            )?;
            event(&mut tx, item.id, now, me, "reopened", &reason, false).await?;
        }
    }
    update!(&mut tx, "UPDATE items SET updated_at = $2 WHERE id = $1", item.id, now)?;
    crate::items::item_cube::changed(&mut tx, item.id, &counted, tz).await?;
    tx.commit().await?;
    Ok(())
}

/// The question and answer of `item` as the archive would publish them,
/// minus the moderator's `by_hand` phrases (one per line).
pub fn public_texts(item: &Item, by_hand: &str) -> (String, String) {
    answers::public_texts(
        &item.subject,
        &item.body,
        item.answer_text.as_deref().unwrap_or(""),
        &clues(item),
        &answers::phrases(by_hand),
    )
}

/// What the form told about the item's submitter, for redaction.
pub fn clues(item: &Item) -> crate::privacy::Clues<'_> {
    crate::privacy::Clues {
        name: item.submitter_name.as_deref().unwrap_or(""),
        email: item.submitter_email.as_deref().unwrap_or(""),
        accreditation: item.accreditation.as_deref().unwrap_or(""),
    }
}

/// Whether `role` can ever extend deadlines (for showing the form).
pub fn may_extend(role: Role) -> bool {
    matches!(role, Role::DepartmentHead | Role::Admin)
}
