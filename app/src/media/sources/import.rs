//! Adding sources in bulk from a CSV file with the header
//! `name,kind,url,outlet,media_type,language` (and an optional
//! `every_minutes`). Every line is checked first; a file with any bad line
//! adds nothing and names each problem by line and field.

use super::{store, validate, SourceInput};
use crate::error::{AppError, FieldCode};
use crate::platform::db::Db;
use chrono::{DateTime, Utc};

/// The columns a file must have.
pub const HEADER: [&str; 6] = ["name", "kind", "url", "outlet", "media_type", "language"];

/// One bad line: its number in the file (the header is line 1), the field
/// and what is wrong.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LineProblem {
    pub line: usize,
    pub field: String,
    pub code: FieldCode,
}

/// What an import did: how many sources it added, or why it added none.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum SourcesImport {
    Added(usize),
    Refused(Vec<LineProblem>),
}

fn problem(line: usize, field: &str, code: FieldCode) -> LineProblem {
    LineProblem {
        line,
        field: field.into(),
        code,
    }
}

/// Reads, checks and (when every line is good) adds the sources of `body`.
pub async fn import_csv(db: &Db, body: &str, now: DateTime<Utc>) -> Result<SourcesImport, AppError> {
    let mut rdr = csv::ReaderBuilder::new()
        .flexible(true)
        .trim(csv::Trim::All)
        .from_reader(body.trim_start_matches('\u{feff}').as_bytes());
    let headers: Vec<String> = match rdr.headers() {
        Ok(h) => h.iter().map(|s| s.to_lowercase()).collect(),
        Err(_) => return Ok(SourcesImport::Refused(vec![problem(1, "header", FieldCode::Invalid)])),
    };
    let missing: Vec<LineProblem> = HEADER
        .iter()
        .filter(|h| !headers.iter().any(|x| x == *h))
        .map(|h| problem(1, h, FieldCode::Required))
        .collect();
    if !missing.is_empty() {
        return Ok(SourcesImport::Refused(missing));
    }
    let outlets = crate::media::outlets(db).await?;
    let mut good = Vec::new();
    let mut problems = Vec::new();
    for (i, record) in rdr.records().enumerate() {
        let line = i + 2;
        let Ok(record) = record else {
            problems.push(problem(line, "line", FieldCode::Invalid));
            continue;
        };
        let cell = |name: &str| {
            headers
                .iter()
                .position(|h| h == name)
                .and_then(|k| record.get(k))
                .unwrap_or("")
                .to_string()
        };
        let input = SourceInput {
            name: cell("name"),
            kind: cell("kind"),
            url: cell("url"),
            outlet: cell("outlet"),
            media_type: cell("media_type"),
            language: cell("language"),
            every_minutes: cell("every_minutes"),
        };
        match validate(&input, &outlets) {
            Ok(v) => good.push((line, v)),
            Err(e) => problems.extend(e.fields.iter().map(|f| problem(line, &f.field, f.code))),
        }
    }
    if !problems.is_empty() {
        return Ok(SourcesImport::Refused(problems));
    }
    let mut tx = db.begin().await?;
    for (line, v) in &good {
        if let Err(e) = store::insert(&mut tx, v, now).await {
            let Some(f) = e.fields.first() else {
                return Err(e);
            };
            problems.push(problem(*line, &f.field, f.code));
        }
    }
    if !problems.is_empty() {
        // The transaction is dropped: nothing of the file is kept.
        return Ok(SourcesImport::Refused(problems));
    }
    tx.commit().await?;
    Ok(SourcesImport::Added(good.len()))
}

/// The largest CSV file of sources taken from the page.
pub const MAX_BYTES: usize = 1024 * 1024;

/// `POST /staff/media/sources/import` (multipart, field `file`): adds the
/// file's sources and sends the browser back to the sources page, with how
/// many were added or the problems (`problems=LINE:FIELD:CODE,…`, at most
/// 20 named).
pub async fn upload(
    axum::extract::State(st): axum::extract::State<crate::platform::state::AppState>,
    session: tower_sessions::Session,
    mut form: axum::extract::Multipart,
) -> axum::response::Response {
    use axum::response::{IntoResponse, Redirect};
    let back = |query: String| Redirect::to(&format!("/staff/media/sources?{query}")).into_response();
    let refused = |code: &str| back(format!("problems=1:file:{code}"));
    let action = crate::platform::authz::Action::LogMediaMentions;
    if let Err(e) = crate::platform::guard::authorize_session(&st, &session, action).await {
        return refused(e.code.as_str());
    }
    let mut file = None;
    while let Ok(Some(field)) = form.next_field().await {
        if field.name() == Some("file") {
            match field.bytes().await {
                Ok(b) if b.len() <= MAX_BYTES => file = Some(b),
                _ => return refused("file_too_large"),
            }
        }
    }
    let Some(bytes) = file else {
        return refused("required");
    };
    let Ok(body) = String::from_utf8(bytes.to_vec()) else {
        return refused("not_utf8");
    };
    match import_csv(&st.db, &body, Utc::now()).await {
        Ok(SourcesImport::Added(n)) => back(format!("added={n}")),
        Ok(SourcesImport::Refused(problems)) => {
            let named: Vec<String> = problems
                .iter()
                .take(20)
                .map(|p| format!("{}:{}:{}", p.line, p.field, p.code.as_str()))
                .collect();
            back(format!("problems={}", named.join(",")))
        }
        Err(e) => refused(e.code.as_str()),
    }
}
