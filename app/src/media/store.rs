//! The register of media mentions: the managed list of outlets, checking and
//! saving a mention (duplicates caught by their normalised link), the list
//! with filters, and a response task (an item of kind `media_response` in the
//! department's inbox) asked for from a mention.

use crate::error::{AppError, FieldCode, FieldError};
use crate::media::{find, MentionInput, Outlet};
use crate::platform::db::{Db, Tx};
use crate::{
    media::{MediaType, Response},
    publications::Tone,
};
use crate::{on_read, on_tx};
use chrono::{DateTime, NaiveDate, Utc};

/// A link reduced to what identifies the story: no scheme, `www.`, query
/// tracking tags, fragment or trailing slash; host in lower case.
pub fn url_key(url: &str) -> String {
    let u = url.trim();
    let u = u.split('#').next().unwrap_or("");
    let u = u
        .strip_prefix("https://")
        .or_else(|| u.strip_prefix("http://"))
        .unwrap_or(u);
    let (host, rest) = u.split_once('/').unwrap_or((u, ""));
    let host = host.to_lowercase();
    let host = host.strip_prefix("www.").unwrap_or(&host);
    let (path, query) = rest.split_once('?').unwrap_or((rest, ""));
    let query: Vec<&str> = query
        .split('&')
        .filter(|p| !p.is_empty() && !p.starts_with("utm_"))
        .collect();
    let mut key = format!("{host}/{}", path.trim_end_matches('/'));
    if !query.is_empty() {
        key.push('?');
        key.push_str(&query.join("&"));
    }
    key.trim_end_matches('/').to_string()
}

/// A mention that passed every check.
#[derive(Debug, Clone, PartialEq)]
pub struct ValidMention {
    pub outlet_id: i64,
    pub media_type: MediaType,
    pub headline: String,
    pub url: String,
    pub url_key: String,
    pub day: NaiveDate,
    pub tone: Tone,
    pub reach: Option<i64>,
    pub topic: String,
    pub department_id: Option<i64>,
    pub summary: String,
}

/// What checking needs from the database, loaded once (for a whole CSV file).
pub struct Lookups {
    pub outlets: Vec<Outlet>,
    pub topics: Vec<String>,
    pub departments: Vec<crate::departments::Department>,
}

pub async fn lookups(db: &Db) -> Result<Lookups, AppError> {
    Ok(Lookups {
        outlets: outlets(db).await?,
        topics: crate::publications::topics::codes(db).await?,
        departments: crate::departments::list(db, false).await?,
    })
}

/// Checks a mention; every problem is named by its field.
pub fn validate(input: &MentionInput, l: &Lookups, today: NaiveDate) -> Result<ValidMention, AppError> {
    let mut errs = Vec::new();
    let mut bad = |f: &str, c: FieldCode| {
        errs.push(FieldError {
            field: f.into(),
            code: c,
        })
    };
    let (outlet, media_type, outlet_errs) = crate::media::outlet_and_type(&l.outlets, &input.outlet, &input.media_type);
    for e in outlet_errs {
        bad(&e.field, e.code);
    }
    let headline = input.headline.trim().to_string();
    if headline.is_empty() {
        bad("headline", FieldCode::Required);
    } else if headline.chars().count() > 300 {
        bad("headline", FieldCode::TooLong);
    }
    let url = input.url.trim().to_string();
    if url.is_empty() {
        bad("url", FieldCode::Required);
    } else if !(url.starts_with("https://") || url.starts_with("http://")) || url.len() > 1000 {
        bad("url", FieldCode::InvalidUrl);
    }
    let day = match NaiveDate::parse_from_str(input.day.trim(), "%Y-%m-%d") {
        _ if input.day.trim().is_empty() => {
            bad("day", FieldCode::Required);
            None
        }
        Ok(d) if d > today => {
            bad("day", FieldCode::InFuture);
            None
        }
        Ok(d) => Some(d),
        Err(_) => {
            bad("day", FieldCode::InvalidDate);
            None
        }
    };
    let tone = Tone::parse(input.tone.trim());
    if tone.is_none() {
        bad("tone", FieldCode::InvalidChoice);
    }
    let reach = match input.reach.trim().replace([' ', ','], "") {
        r if r.is_empty() => None,
        r => match r.parse::<i64>() {
            Ok(n) if n >= 0 => Some(n),
            _ => {
                bad("reach", FieldCode::NotANumber);
                None
            }
        },
    };
    let topic = input.topic.trim().to_string();
    if !topic.is_empty() && !l.topics.contains(&topic) {
        bad("topic", FieldCode::InvalidChoice);
    }
    let department_id = match input.department.trim() {
        "" => None,
        code => {
            let d = l
                .departments
                .iter()
                .find(|d| d.code.eq_ignore_ascii_case(code))
                .map(|d| d.id);
            if d.is_none() {
                bad("department", FieldCode::InvalidChoice);
            }
            d
        }
    };
    let summary = input.summary.trim().to_string();
    if summary.chars().count() > 2000 {
        bad("summary", FieldCode::TooLong);
    }
    if !errs.is_empty() {
        return Err(AppError::fields(errs));
    }
    Ok(ValidMention {
        outlet_id: outlet.expect("checked").id,
        media_type: media_type.expect("checked"),
        url_key: url_key(&url),
        headline,
        url,
        day: day.expect("checked"),
        tone: tone.expect("checked"),
        reach,
        topic,
        department_id,
        summary,
    })
}

/// Whether a mention with this link is already registered.
pub async fn exists(tx: &mut Tx, key: &str) -> Result<bool, AppError> {
    let n: i64 = on_tx!(tx, |c| sqlx::query_scalar(
        "SELECT COUNT(*) FROM mentions WHERE url_key = $1"
    )
    .bind(key)
    .fetch_one(c)
    .await)?;
    Ok(n > 0)
}

/// Saves a checked mention; a link already registered is a `duplicate`.
pub async fn insert(tx: &mut Tx, v: &ValidMention, by: Option<i64>, now: DateTime<Utc>) -> Result<i64, AppError> {
    if exists(tx, &v.url_key).await? {
        return Err(AppError::conflict("url", FieldCode::DuplicateLink));
    }
    Ok(on_tx!(tx, |c| {
        sqlx::query_scalar(
        "INSERT INTO mentions (outlet_id, media_type, headline, url, url_key, day, tone, reach, topic_code, department_id, summary, logged_by, created_at) \
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13) RETURNING id"
    )
    .bind(v.outlet_id)
    .bind(v.media_type.as_str())
    .bind(&v.headline)
    .bind(&v.url)
    .bind(&v.url_key)
    .bind(v.day)
    .bind(v.tone.as_str())
    .bind(v.reach)
    .bind(&v.topic)
    .bind(v.department_id)
    .bind(&v.summary)
    .bind(by)
    .bind(now)
    .fetch_one(c)
    .await
    })?)
}

/// Checks and saves one mention from the form.
pub async fn add(
    db: &Db,
    input: &MentionInput,
    by: i64,
    tz: chrono_tz::Tz,
    now: DateTime<Utc>,
) -> Result<i64, AppError> {
    let l = lookups(db).await?;
    let v = validate(input, &l, now.with_timezone(&tz).date_naive())?;
    let mut tx = db.begin().await?;
    let id = insert(&mut tx, &v, Some(by), now).await?;
    tx.commit().await?;
    Ok(id)
}

pub async fn outlets(db: &Db) -> Result<Vec<Outlet>, AppError> {
    let rows: Vec<(i64, String, String, i64)> = on_read!(db, |c| {
        sqlx::query_as(
        "SELECT o.id, o.name, o.media_type, (SELECT COUNT(*) FROM mentions m WHERE m.outlet_id = o.id) FROM outlets o ORDER BY o.name"
    )
    .fetch_all(c)
    .await
    })?;
    Ok(rows
        .into_iter()
        .map(|(id, name, media_type, mentions)| Outlet {
            id,
            name,
            media_type,
            mentions,
        })
        .collect())
}

pub async fn add_outlet(db: &Db, name: &str, media_type: &str, now: DateTime<Utc>) -> Result<i64, AppError> {
    let name = name.trim();
    let mut errs = Vec::new();
    if name.is_empty() || name.chars().count() > 200 {
        errs.push(FieldError {
            field: "outlet_name".into(),
            code: if name.is_empty() {
                FieldCode::Required
            } else {
                FieldCode::TooLong
            },
        });
    }
    if MediaType::parse(media_type.trim()).is_none() {
        errs.push(FieldError {
            field: "outlet_type".into(),
            code: FieldCode::InvalidChoice,
        });
    }
    if !errs.is_empty() {
        return Err(AppError::fields(errs));
    }
    let mut tx = db.begin().await?;
    let taken: i64 = on_tx!(&mut tx, |c| sqlx::query_scalar(
        "SELECT COUNT(*) FROM outlets WHERE LOWER(name) = LOWER($1)"
    )
    .bind(name)
    .fetch_one(c)
    .await)?;
    if taken > 0 {
        return Err(AppError::conflict("outlet_name", FieldCode::AlreadyExists));
    }
    let id = on_tx!(&mut tx, |c| sqlx::query_scalar(
        "INSERT INTO outlets (name, media_type, created_at) VALUES ($1, $2, $3) RETURNING id"
    )
    .bind(name)
    .bind(media_type.trim())
    .bind(now)
    .fetch_one(c)
    .await)?;
    tx.commit().await?;
    Ok(id)
}

/// Removes an outlet that no mention uses.
pub async fn remove_outlet(db: &Db, id: i64) -> Result<(), AppError> {
    let used: i64 = on_read!(db, |c| sqlx::query_scalar(
        "SELECT COUNT(*) FROM mentions WHERE outlet_id = $1"
    )
    .bind(id)
    .fetch_one(c)
    .await)?;
    if used > 0 {
        return Err(AppError::conflict("outlet", FieldCode::OutletInUse));
    }
    crate::platform::db::delete_by_id(db, "outlets", id).await
}

/// Asks a department for a response to mention `id` (clarify, refute or
/// amplify): an item of kind `media_response` with the policy's deadline,
/// in the department's inbox. Returns its tracking code.
pub async fn ask_response(
    db: &Db,
    id: i64,
    response: &str,
    department: &str,
    note: &str,
    tz: chrono_tz::Tz,
    now: DateTime<Utc>,
) -> Result<String, AppError> {
    use crate::items::{deadlines, workdays};
    use chrono::Datelike;
    let mut errs = Vec::new();
    let kind = Response::parse(response.trim()).filter(|r| *r != Response::None);
    if kind.is_none() {
        errs.push(FieldError {
            field: "response".into(),
            code: FieldCode::InvalidChoice,
        });
    }
    let departments = crate::departments::list(db, false).await?;
    let dept = departments
        .iter()
        .find(|d| d.code.eq_ignore_ascii_case(department.trim()));
    if dept.is_none() {
        errs.push(FieldError {
            field: "department".into(),
            code: FieldCode::Required,
        });
    }
    if note.chars().count() > 2000 {
        errs.push(FieldError {
            field: "note".into(),
            code: FieldCode::TooLong,
        });
    }
    if !errs.is_empty() {
        return Err(AppError::fields(errs));
    }
    let (kind, dept) = (kind.expect("checked"), dept.expect("checked"));
    let m = find(db, id).await?;
    if m.task.is_some() {
        return Err(AppError::conflict("response", FieldCode::AlreadyAsked));
    }
    let (policies, cal) = (deadlines::load(db).await?, workdays::load(db).await?);
    let policy = deadlines::pick(&policies, "media_response", &m.topic)
        .ok_or_else(|| AppError::internal("no deadline policy for media_response"))?;
    let due = deadlines::first_due(policy, &cal, now, tz);
    let subject: String = format!("{}: {}", kind.as_str(), m.headline).chars().take(300).collect();
    let body = format!(
        "{}\n\n{} · {} · {} · {}\n{}\n\n{}",
        m.summary,
        m.outlet,
        m.media_type,
        m.day,
        m.tone,
        m.url,
        note.trim()
    );
    let year = now.with_timezone(&tz).year();
    let mut tx = db.begin().await?;
    let n: i64 = on_tx!(&mut tx, |c| {
        sqlx::query_scalar(
        "INSERT INTO item_counters (prefix, year, last) VALUES ('MR', $1, 1) ON CONFLICT (prefix, year) DO UPDATE SET last = item_counters.last + 1 RETURNING last"
    )
    .bind(year)
    .fetch_one(c)
    .await
    })?;
    let code = format!("MR-{year}-{n:06}");
    let item: i64 = on_tx!(&mut tx, |c| {
        sqlx::query_scalar(
        "INSERT INTO items (tracking_code, token_hash, kind, topic_code, department_id, status, language, subject, body, \
         received_at, due_at, updated_at, search_text) VALUES ($1, '', 'media_response', $2, $3, 'new', 'ru', $4, $5, $6, $7, $6, $8) RETURNING id"
    )
    .bind(&code)
    .bind(&m.topic)
    .bind(dept.id)
    .bind(&subject)
    .bind(&body)
    .bind(now)
    .bind(due)
    .bind(crate::items::search_text(&code, &subject, &body, &Default::default()))
    .fetch_one(c)
    .await
    })?;
    crate::items::item_cube::added(&mut tx, item, tz).await?;
    crate::inbox::item_actions::event(&mut tx, item, now, None, "received", &format!("mention:{id}"), false).await?;
    let n = on_tx!(&mut tx, |c| sqlx::query(
        "UPDATE mentions SET response = $2, item_id = $3 WHERE id = $1 AND item_id IS NULL"
    )
    .bind(id)
    .bind(kind.as_str())
    .bind(item)
    .execute(c)
    .await
    .map(|r| r.rows_affected()))?;
    if n != 1 {
        return Err(AppError::conflict("response", FieldCode::AlreadyAsked));
    }
    tx.commit().await?;
    Ok(code)
}
