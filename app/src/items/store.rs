//! Items: a citizen's question or a journalist's press query. Submission
//! validates, routes (rules, media relations, triage), sets the statutory due
//! moment, issues a tracking code and a secret status link (only its hash is
//! stored), records the history and queues the acknowledgement email — all in
//! one transaction. The public status answers a wrong token exactly like an
//! unknown code.

use crate::error::{AppError, FieldCode, FieldError};
use crate::items::{deadlines, routing, workdays, ItemInput, ItemKind, Status};
use crate::platform::db::{Db, Tx};
use crate::platform::outbox::{self, NewMessage};
use crate::{on_read, on_tx};
use chrono::{DateTime, Datelike, NaiveDate, Utc};
use serde::{Deserialize, Serialize};

pub const MAX_TEXT_CHARS: usize = 5000;

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Submitted {
    pub tracking_code: String,
    /// The secret of the status link: in the first answer only (a repeat
    /// of the request gets the code and where the link was sent), stored
    /// only as a hash.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub token: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub status_url: Option<String>,
    /// The address the acknowledgement with the status link went to, masked
    /// (`a***@mail.kz`).
    pub status_link_sent_to: String,
    pub due_at: DateTime<Utc>,
}

impl Submitted {
    /// What a repeat of the request is answered: no secret.
    pub fn without_secret(&self) -> Submitted {
        Submitted {
            token: None,
            status_url: None,
            ..self.clone()
        }
    }
}

/// What a submitter (or anyone with the link) sees: no personal data.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ItemStatus {
    pub tracking_code: String,
    pub kind: ItemKind,
    pub status: Status,
    pub department: Option<String>,
    pub received_at: DateTime<Utc>,
    pub due_at: DateTime<Utc>,
    pub answer: Option<PublicAnswer>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PublicAnswer {
    pub text: String,
    pub answered_at: DateTime<Utc>,
}

struct Valid {
    kind: &'static str,
    topic: String,
    department_id: Option<i64>,
    subject: String,
    text: String,
    name: String,
    email: String,
    language: &'static str,
    outlet: Option<String>,
    accreditation: Option<String>,
    needed_by: Option<NaiveDate>,
}

async fn validate(db: &Db, i: &ItemInput, today: NaiveDate) -> Result<Valid, AppError> {
    let mut errs = Vec::new();
    let mut bad = |f: &str, c: FieldCode| {
        errs.push(FieldError {
            field: f.into(),
            code: c,
        })
    };
    let kind = match i.kind.trim() {
        "question" => Some("question"),
        "press_query" => Some("press_query"),
        "" => {
            bad("kind", FieldCode::Required);
            None
        }
        _ => {
            bad("kind", FieldCode::InvalidChoice);
            None
        }
    };
    let topic = i.topic.trim().to_string();
    if topic.is_empty() {
        bad("topic", FieldCode::Required);
    } else if !crate::publications::topics::codes(db).await?.contains(&topic) {
        bad("topic", FieldCode::InvalidChoice);
    }
    let department_id = match i.department.trim() {
        "" => None,
        code => {
            let found = crate::departments::list(db, false)
                .await?
                .into_iter()
                .find(|d| d.code.eq_ignore_ascii_case(code))
                .map(|d| d.id);
            if found.is_none() {
                bad("department", FieldCode::InvalidChoice);
            }
            found
        }
    };
    let mut text_field = |f: &str, v: &str, max: usize, required: bool| -> String {
        let v = v.trim();
        if v.is_empty() && required {
            bad(f, FieldCode::Required);
        } else if v.chars().count() > max {
            bad(
                f,
                if max == MAX_TEXT_CHARS {
                    FieldCode::TooLong5000
                } else {
                    FieldCode::TooLong
                },
            );
        }
        v.to_string()
    };
    let subject = text_field("subject", &i.subject, 200, true);
    let text = text_field("text", &i.text, MAX_TEXT_CHARS, true);
    let name = text_field("name", &i.name, 200, true);
    let outlet = text_field("outlet", &i.outlet, 200, kind == Some("press_query"));
    let accreditation = text_field("accreditation", &i.accreditation, 100, false);
    let email = i.email.trim().to_string();
    if email.is_empty() {
        bad("email", FieldCode::Required);
    } else if !validator::ValidateEmail::validate_email(&email) {
        bad("email", FieldCode::InvalidEmail);
    }
    let language = match i.language.trim() {
        "kk" => Some("kk"),
        "ru" => Some("ru"),
        "en" => Some("en"),
        _ => {
            bad("language", FieldCode::InvalidChoice);
            None
        }
    };
    let needed_by = match i.needed_by.trim() {
        "" => None,
        s => match NaiveDate::parse_from_str(s, "%Y-%m-%d") {
            Ok(d) if d >= today => Some(d),
            Ok(_) => {
                bad("needed_by", FieldCode::InThePast);
                None
            }
            Err(_) => {
                bad("needed_by", FieldCode::InvalidDate);
                None
            }
        },
    };
    if !errs.is_empty() {
        return Err(AppError::fields(errs));
    }
    let kind = kind.expect("checked");
    Ok(Valid {
        kind,
        topic,
        department_id,
        subject,
        text,
        name,
        email,
        language: language.expect("checked"),
        outlet: (kind == "press_query").then_some(outlet),
        accreditation: (!accreditation.is_empty()).then_some(accreditation),
        needed_by,
    })
}

fn new_token() -> String {
    crate::platform::secrets::random_token(24)
}

fn token_hash(token: &str) -> String {
    crate::platform::secrets::hash_secret(token)
}

fn ack(language: &str, code: &str, url: &str, due: &str) -> (String, String) {
    match language {
        "kk" => (
            format!("Өтінішіңіз қабылданды: {code}"),
            format!("Өтінішіңіз {code} нөмірімен тіркелді.\nЖауап беру мерзімі: {due}.\nКүйін мына сілтеме арқылы бақылаңыз (оны ешкімге бермеңіз):\n{url}\n"),
        ),
        "ru" => (
            format!("Ваше обращение принято: {code}"),
            format!("Ваше обращение зарегистрировано под номером {code}.\nСрок ответа: {due}.\nСледите за статусом по ссылке (не передавайте её другим):\n{url}\n"),
        ),
        _ => (
            format!("We received your request: {code}"),
            format!("Your request is registered as {code}.\nThe answer is due by {due}.\nFollow its status at this link (keep it to yourself):\n{url}\n"),
        ),
    }
}

/// A checked submission with its department, deadline and new secret,
/// ready to record.
pub struct Prepared {
    v: Valid,
    consent_to_publish: bool,
    department_id: Option<i64>,
    rule: Option<i64>,
    how: String,
    due: DateTime<Utc>,
    token: String,
}

/// Checks a submission and decides where it goes and when it is due.
pub async fn prepare(
    db: &Db,
    config: &crate::platform::config::Config,
    input: &ItemInput,
    now: DateTime<Utc>,
) -> Result<Prepared, AppError> {
    let tz = config.tz();
    let v = validate(db, input, now.with_timezone(&tz).date_naive()).await?;
    let (rules, policies, cal, departments) = (
        routing::load(db).await?,
        deadlines::load(db).await?,
        workdays::load(db).await?,
        crate::departments::list(db, false).await?,
    );
    let media = departments.iter().find(|d| d.code == "MEDIA").map(|d| d.id);
    let (department_id, rule, how) = match v.department_id {
        Some(d) => (Some(d), None, "chosen_by_submitter".to_string()),
        None => match routing::route(&rules, v.kind, &v.topic, &format!("{}\n{}", v.subject, v.text), media) {
            routing::Route::Rule { rule_id, department_id } => {
                (Some(department_id), Some(rule_id), format!("rule {rule_id}"))
            }
            routing::Route::MediaRelations { department_id } => {
                (Some(department_id), None, "media_relations_default".into())
            }
            routing::Route::Triage => (None, None, "triage".into()),
        },
    };
    let policy = deadlines::pick(&policies, v.kind, &v.topic)
        .ok_or_else(|| AppError::internal(format!("no deadline policy for {}", v.kind)))?;
    let due = deadlines::first_due(policy, &cal, now, tz);
    Ok(Prepared {
        v,
        consent_to_publish: input.consent_to_publish,
        department_id,
        rule,
        how,
        due,
        token: new_token(),
    })
}

/// Submits an item; see the module documentation for all it does.
pub async fn submit(
    db: &Db,
    config: &crate::platform::config::Config,
    input: &ItemInput,
    now: DateTime<Utc>,
) -> Result<Submitted, AppError> {
    let prepared = prepare(db, config, input, now).await?;
    let mut tx = db.begin().await?;
    let done = record(&mut tx, config, &prepared, now).await?;
    tx.commit().await?;
    Ok(done)
}

/// Records a prepared submission in the caller's transaction: the item, its
/// first events and the acknowledgement with the status link.
pub async fn record(
    tx: &mut Tx,
    config: &crate::platform::config::Config,
    p: &Prepared,
    now: DateTime<Utc>,
) -> Result<Submitted, AppError> {
    let tz = config.tz();
    let v = &p.v;
    let prefix = if v.kind == "press_query" { "PQ" } else { "Q" };
    let year = now.with_timezone(&tz).year();
    let n: i64 = on_tx!(tx, |c| {
        sqlx::query_scalar(
        "INSERT INTO item_counters (prefix, year, last) VALUES ($1, $2, 1) ON CONFLICT (prefix, year) DO UPDATE SET last = item_counters.last + 1 RETURNING last"
    )
    .bind(prefix)
    .bind(year)
    .fetch_one(c)
    .await
    })?;
    let code = format!("{prefix}-{year}-{n:06}");
    let id: i64 = on_tx!(tx, |c| {
        sqlx::query_scalar(
        "INSERT INTO items (tracking_code, token_hash, kind, topic_code, department_id, routed_by_rule, status, language, subject, body, \
         consent_to_publish, submitter_name, submitter_email, outlet, accreditation, needed_by, received_at, due_at, updated_at, search_text) \
         VALUES ($1, $2, $3, $4, $5, $6, 'new', $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $16, $18) RETURNING id"
    )
    .bind(&code)
    .bind(token_hash(&p.token))
    .bind(v.kind)
    .bind(&v.topic)
    .bind(p.department_id)
    .bind(p.rule)
    .bind(v.language)
    .bind(&v.subject)
    .bind(&v.text)
    .bind(p.consent_to_publish)
    .bind(&v.name)
    .bind(&v.email)
    .bind(v.outlet.as_deref())
    .bind(v.accreditation.as_deref())
    .bind(v.needed_by)
    .bind(now)
    .bind(p.due)
    .bind(search_text(
        &code,
        &v.subject,
        &v.text,
        &crate::privacy::Clues {
            name: &v.name,
            email: &v.email,
            accreditation: v.accreditation.as_deref().unwrap_or(""),
        },
    ))
    .fetch_one(c)
    .await
    })?;
    crate::items::item_cube::added(tx, id, tz).await?;
    for (kind, detail) in [("received", ""), ("routed", p.how.as_str())] {
        on_tx!(tx, |c| sqlx::query(
            "INSERT INTO item_events (item_id, at, kind, detail) VALUES ($1, $2, $3, $4)"
        )
        .bind(id)
        .bind(now)
        .bind(kind)
        .bind(detail)
        .execute(c)
        .await
        .map(|r| r.rows_affected()))?;
    }
    let status_url = format!(
        "{}/track/{code}?token={}",
        config.base_url.trim_end_matches('/'),
        p.token
    );
    let due_text = p.due.with_timezone(&tz).format("%Y-%m-%d %H:%M").to_string();
    let (subject, body) = ack(v.language, &code, &status_url, &due_text);
    outbox::enqueue_for_item(
        tx,
        id,
        &NewMessage {
            to: v.email.clone(),
            subject,
            body_text: body,
            kind: "ack".into(),
        },
        now,
    )
    .await?;
    Ok(Submitted {
        tracking_code: code,
        token: Some(p.token.clone()),
        status_url: Some(status_url),
        status_link_sent_to: crate::privacy::mask_email(&v.email),
        due_at: p.due,
    })
}

/// The public status of an item. An unknown code and a wrong or missing
/// token give the same `not_found`.
pub async fn status(db: &Db, code: &str, token: &str) -> Result<ItemStatus, AppError> {
    type Row = (
        String,
        ItemKind,
        Status,
        Option<String>,
        String,
        DateTime<Utc>,
        DateTime<Utc>,
        Option<String>,
        Option<DateTime<Utc>>,
        String,
    );
    let row: Option<Row> = on_read!(db, |c| {
        sqlx::query_as(
        "SELECT i.tracking_code, i.kind, i.status, d.code, i.token_hash, i.received_at, i.due_at, i.answer_text, i.answered_at, \
         i.language \
         FROM items i LEFT JOIN departments d ON d.id = i.department_id WHERE i.tracking_code = $1"
    )
    .bind(code.trim())
    .fetch_optional(c)
    .await
    })?;
    let given = token_hash(token.trim());
    match row {
        Some((tracking_code, kind, status, department, hash, received_at, due_at, answer, answered_at, language))
            if !token.trim().is_empty() && constant_time_eq(hash.as_bytes(), given.as_bytes()) =>
        {
            Ok(ItemStatus {
                tracking_code,
                kind,
                status,
                department,
                received_at,
                due_at,
                answer: answer.zip(answered_at).map(|(text, answered_at)| PublicAnswer {
                    text: crate::privacy::without_name(&text, &language),
                    answered_at,
                }),
            })
        }
        _ => Err(AppError::not_found()),
    }
}

/// What the inbox's word search looks in (lower case): the code, the
/// subject and the text with personal data redacted, so the search copy
/// never holds it (staff who handle items also search the submitter's
/// name and email in their own columns).
pub fn search_text(code: &str, subject: &str, body: &str, clues: &crate::privacy::Clues) -> String {
    let subject = crate::privacy::redact(subject, clues);
    let body = crate::privacy::redact(body, clues);
    format!("{code} {subject} {body}").to_lowercase()
}

/// Event kinds a submitter sees on the status page, with their details
/// (never internal notes, assignments or who did what).
const PUBLIC_EVENTS: [&str; 8] = [
    "received",
    "reassigned",
    "extended",
    "redirected",
    "rejected",
    "answered",
    "closed",
    "reopened",
];

/// The public history of an item; call only after [`status`] accepted the token.
pub async fn public_history(db: &Db, code: &str) -> Result<Vec<(DateTime<Utc>, String, String)>, AppError> {
    let rows: Vec<(DateTime<Utc>, String, String)> = on_read!(db, |c| sqlx::query_as(
        "SELECT e.at, e.kind, e.detail FROM item_events e JOIN items i ON i.id = e.item_id \
         WHERE i.tracking_code = $1 AND e.internal = FALSE ORDER BY e.at, e.id"
    )
    .bind(code.trim())
    .fetch_all(c)
    .await)?;
    Ok(rows
        .into_iter()
        .filter(|(_, k, _)| PUBLIC_EVENTS.contains(&k.as_str()))
        .map(|(at, kind, detail)| {
            // Only the decision's reason and new date are for the submitter.
            let detail = match kind.as_str() {
                "extended" | "redirected" | "rejected" => detail,
                _ => String::new(),
            };
            (at, kind, detail)
        })
        .collect())
}

fn constant_time_eq(a: &[u8], b: &[u8]) -> bool {
    a.len() == b.len() && a.iter().zip(b).fold(0u8, |acc, (x, y)| acc | (x ^ y)) == 0
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn acknowledgements_speak_the_submitters_language_and_carry_the_link() {
        for lang in ["kk", "ru", "en"] {
            let (subject, body) = ack(
                lang,
                "Q-2026-000123",
                "https://x/track/Q-2026-000123?token=abc",
                "2026-11-23 18:00",
            );
            assert!(
                subject.contains("Q-2026-000123") && body.contains("token=abc") && body.contains("2026-11-23"),
                "{lang}"
            );
        }
        assert_ne!(ack("kk", "c", "u", "d").0, ack("ru", "c", "u", "d").0);
    }

    #[test]
    fn tokens_are_long_random_and_compared_in_constant_time() {
        let (a, b) = (new_token(), new_token());
        assert!(a.len() >= 32 && a != b);
        assert!(
            constant_time_eq(b"abc", b"abc") && !constant_time_eq(b"abc", b"abd") && !constant_time_eq(b"ab", b"abc")
        );
    }
}
