//! Mentions from a CSV file: the file is kept as an import, checked line by
//! line for the preview (errors by line number and field, duplicates within
//! the file and against the register), then imported in batches by a
//! background task whose progress the import page shows. Lines with errors
//! are never imported; the good lines are, each batch in one transaction.

use crate::error::{AppError, FieldCode};
use crate::media::{self, Lookups, ValidMention};
use crate::media::{ImportView, LineError, MentionInput};
use crate::platform::db::Db;
use crate::{on_read, on_tx};
use chrono::{DateTime, NaiveDate, Utc};

/// The columns a file must have (in any order), as the template shows.
pub const COLUMNS: [&str; 10] = [
    "outlet",
    "media_type",
    "headline",
    "url",
    "date",
    "tone",
    "reach",
    "topic",
    "department",
    "summary",
];

/// The largest file accepted (bytes) and the batch size of the import.
pub const MAX_BYTES: usize = 5 * 1024 * 1024;
const BATCH: usize = 200;

/// Every line checked: the good ones with their line numbers, and the errors.
pub fn check(body: &str, l: &Lookups, today: NaiveDate) -> (Vec<(u64, MentionInput, ValidMention)>, Vec<LineError>) {
    let mut good = Vec::new();
    let mut errors = Vec::new();
    let mut rdr = csv::ReaderBuilder::new()
        .flexible(true)
        .trim(csv::Trim::All)
        .from_reader(body.trim_start_matches('\u{feff}').as_bytes());
    let headers: Vec<String> = match rdr.headers() {
        Ok(h) => h.iter().map(|s| s.to_lowercase()).collect(),
        Err(_) => {
            errors.push(LineError {
                line: 1,
                field: "file".into(),
                code: FieldCode::NotCsv,
            });
            return (good, errors);
        }
    };
    for c in ["outlet", "headline", "url", "date", "tone"] {
        if !headers.iter().any(|h| h == c) {
            errors.push(LineError {
                line: 1,
                field: c.into(),
                code: FieldCode::MissingColumn,
            });
        }
    }
    if !errors.is_empty() {
        return (good, errors);
    }
    let col = |name: &str| headers.iter().position(|h| h == name);
    let mut seen = std::collections::HashSet::new();
    for rec in rdr.records() {
        let rec = match rec {
            Ok(r) => r,
            Err(e) => {
                let line = e.position().map(|p| p.line()).unwrap_or(0);
                errors.push(LineError {
                    line,
                    field: "line".into(),
                    code: FieldCode::NotCsv,
                });
                continue;
            }
        };
        let line = rec.position().map(|p| p.line()).unwrap_or(0);
        if rec.iter().all(|f| f.is_empty()) {
            continue;
        }
        let get = |name: &str| col(name).and_then(|i| rec.get(i)).unwrap_or("").to_string();
        let input = MentionInput {
            outlet: get("outlet"),
            media_type: get("media_type"),
            headline: get("headline"),
            url: get("url"),
            day: get("date"),
            tone: get("tone"),
            reach: get("reach"),
            topic: get("topic"),
            department: get("department"),
            summary: get("summary"),
        };
        match media::validate(&input, l, today) {
            Ok(v) => {
                if seen.insert(v.url_key.clone()) {
                    good.push((line, input, v));
                } else {
                    errors.push(LineError {
                        line,
                        field: "url".into(),
                        code: FieldCode::DuplicateLink,
                    });
                }
            }
            Err(e) => errors.extend(e.fields.into_iter().map(|f| LineError {
                line,
                field: f.field,
                code: f.code,
            })),
        }
    }
    (good, errors)
}

/// Keeps an uploaded file for its preview; returns the import's id.
pub async fn create(db: &Db, user: i64, file_name: &str, body: &str, now: DateTime<Utc>) -> Result<i64, AppError> {
    if body.len() > MAX_BYTES {
        return Err(AppError::field("file", FieldCode::FileTooLarge));
    }
    if body.trim().is_empty() {
        return Err(AppError::field("file", FieldCode::Required));
    }
    let name: String = file_name.chars().filter(|c| !c.is_control()).take(200).collect();
    let mut tx = db.begin().await?;
    let id = on_tx!(&mut tx, |c| {
        sqlx::query_scalar(
        "INSERT INTO mention_imports (created_by, created_at, file_name, body) VALUES ($1, $2, $3, $4) RETURNING id"
    )
    .bind(user)
    .bind(now)
    .bind(&name)
    .bind(body)
    .fetch_one(c)
    .await
    })?;
    tx.commit().await?;
    Ok(id)
}

type ImportRow = (String, String, String, i64, i64, i64, i64);

async fn load(db: &Db, id: i64, user: i64) -> Result<ImportRow, AppError> {
    on_read!(db, |c| sqlx::query_as(
        "SELECT file_name, status, body, total, done, imported, created_by FROM mention_imports WHERE id = $1"
    )
    .bind(id)
    .fetch_optional(c)
    .await)?
    .filter(|r: &ImportRow| r.6 == user)
    .ok_or_else(AppError::not_found)
}

/// The preview (or the progress) of import `id`, which only its uploader sees.
pub async fn view(db: &Db, id: i64, user: i64, today: NaiveDate) -> Result<ImportView, AppError> {
    let (file_name, status, body, total, done, imported, _) = load(db, id, user).await?;
    let l = media::lookups(db).await?;
    let (good, mut errors) = if status == "preview" {
        check(&body, &l, today)
    } else {
        (Vec::new(), Vec::new())
    };
    // Links already in the register are errors too (only before importing).
    let known: std::collections::HashSet<String> = if good.is_empty() {
        Default::default()
    } else {
        on_read!(db, |c| sqlx::query_scalar::<_, String>("SELECT url_key FROM mentions")
            .fetch_all(c)
            .await)?
        .into_iter()
        .collect()
    };
    let mut valid = Vec::new();
    for (line, input, v) in good {
        if known.contains(&v.url_key) {
            errors.push(LineError {
                line,
                field: "url".into(),
                code: FieldCode::DuplicateLink,
            });
        } else {
            valid.push((line, input));
        }
    }
    errors.sort_by_key(|e| e.line);
    Ok(ImportView {
        id,
        file_name,
        total: if status == "preview" {
            (valid.len()
                + errors
                    .iter()
                    .map(|e| e.line)
                    .collect::<std::collections::BTreeSet<_>>()
                    .len()) as i64
        } else {
            total
        },
        valid: if status == "preview" { valid.len() as i64 } else { total },
        status,
        done,
        imported,
        errors,
        sample: valid
            .iter()
            .take(10)
            .map(|(line, i)| {
                (
                    *line,
                    i.outlet.clone(),
                    i.headline.clone(),
                    i.day.clone(),
                    i.tone.clone(),
                )
            })
            .collect(),
    })
}

/// Starts importing the good lines of import `id` in the background.
pub async fn start(db: &Db, id: i64, user: i64, tz: chrono_tz::Tz, now: DateTime<Utc>) -> Result<(), AppError> {
    let (_, status, body, ..) = load(db, id, user).await?;
    if status != "preview" {
        return Err(AppError::conflict("import", FieldCode::AlreadyImported));
    }
    let l = media::lookups(db).await?;
    let (good, _) = check(&body, &l, now.with_timezone(&tz).date_naive());
    let mut tx = db.begin().await?;
    let n = on_tx!(&mut tx, |c| sqlx::query(
        "UPDATE mention_imports SET status = 'running', total = $2 WHERE id = $1 AND status = 'preview'"
    )
    .bind(id)
    .bind(good.len() as i64)
    .execute(c)
    .await
    .map(|r| r.rows_affected()))?;
    tx.commit().await?;
    if n != 1 {
        return Err(AppError::conflict("import", FieldCode::AlreadyImported));
    }
    let db = db.clone();
    tokio::spawn(async move {
        if let Err(e) = run(&db, id, user, good.into_iter().map(|g| g.2).collect(), now).await {
            tracing::error!(import = id, error = %e, "mention import failed");
        }
    });
    Ok(())
}

/// Imports batch by batch, recording progress; a link registered meanwhile is skipped.
async fn run(db: &Db, id: i64, user: i64, rows: Vec<ValidMention>, now: DateTime<Utc>) -> Result<(), AppError> {
    let mut done = 0i64;
    let mut imported = 0i64;
    for batch in rows.chunks(BATCH) {
        let mut tx = db.begin().await?;
        for v in batch {
            if !media::exists(&mut tx, &v.url_key).await? {
                media::insert(&mut tx, v, Some(user), now).await?;
                imported += 1;
            }
            done += 1;
        }
        on_tx!(&mut tx, |c| sqlx::query(
            "UPDATE mention_imports SET done = $2, imported = $3 WHERE id = $1"
        )
        .bind(id)
        .bind(done)
        .bind(imported)
        .execute(c)
        .await
        .map(|r| r.rows_affected()))?;
        tx.commit().await?;
    }
    let mut tx = db.begin().await?;
    on_tx!(&mut tx, |c| sqlx::query(
        "UPDATE mention_imports SET status = 'done', body = '' WHERE id = $1"
    )
    .bind(id)
    .execute(c)
    .await
    .map(|r| r.rows_affected()))?;
    tx.commit().await?;
    Ok(())
}

/// `POST /staff/media/import` (multipart, field `file`): keeps the file and
/// sends the browser to its preview; a refusal goes back to the register
/// with its code.
pub async fn upload(
    axum::extract::State(st): axum::extract::State<crate::platform::state::AppState>,
    session: tower_sessions::Session,
    mut form: axum::extract::Multipart,
) -> axum::response::Response {
    use axum::response::{IntoResponse, Redirect};
    let back = |code: &str| Redirect::to(&format!("/staff/media?import_error={code}")).into_response();
    let action = crate::platform::authz::Action::LogMediaMentions;
    let user = match crate::platform::guard::authorize_session(&st, &session, action).await {
        Ok(u) => u,
        Err(e) => return back(e.code.as_str()),
    };
    let mut file = None;
    while let Ok(Some(field)) = form.next_field().await {
        if field.name() == Some("file") {
            let name = field.file_name().unwrap_or("mentions.csv").to_string();
            match field.bytes().await {
                Ok(b) if b.len() <= MAX_BYTES => file = Some((name, b)),
                _ => return back("file_too_large"),
            }
        }
    }
    let Some((name, bytes)) = file else {
        return back("required");
    };
    let Ok(body) = String::from_utf8(bytes.to_vec()) else {
        return back("not_utf8");
    };
    match create(&st.db, user.id, &name, &body, Utc::now()).await {
        Ok(id) => Redirect::to(&format!("/staff/media/import/{id}")).into_response(),
        Err(e) => back(e.fields.first().map(|f| f.code.as_str()).unwrap_or(e.code.as_str())),
    }
}
