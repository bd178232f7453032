//! `/api/v1/surveys` routes: published surveys, answering (the visitor cookie
//! is the person; `Idempotency-Key` honoured), and results where visible.

use crate::api::json::Page;
use crate::error::{AppError, FieldCode};
use crate::platform::visitor::Visitor;
use crate::surveys::results::QuestionResult;
use crate::{
    platform::texts::Texts,
    surveys::{AnswerInput, Survey, SurveyState},
};
use crate::{
    platform::{idempotency, state::AppState},
    surveys::{self, responses},
};
use axum::extract::{Path, State};
use axum::http::{HeaderMap, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::{Extension, Json};
use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

#[derive(Serialize, utoipa::ToSchema)]
pub struct OptionJson {
    pub id: i64,
    pub text: Texts,
}

#[derive(Serialize, utoipa::ToSchema)]
pub struct QuestionJson {
    pub id: i64,
    /// `single`, `multiple`, `scale` (1–5), `nps` (0–10) or `text`.
    pub kind: String,
    pub required: bool,
    pub text: Texts,
    pub options: Vec<OptionJson>,
}

#[derive(Serialize, utoipa::ToSchema)]
pub struct SurveyJson {
    pub id: i64,
    pub title: Texts,
    pub description: Texts,
    /// `scheduled`, `open` or `closed`.
    pub status: String,
    pub opens_at: Option<DateTime<Utc>>,
    pub closes_at: Option<DateTime<Utc>>,
    pub responses: i64,
    pub questions: Vec<QuestionJson>,
}

impl From<Survey> for SurveyJson {
    fn from(s: Survey) -> Self {
        SurveyJson {
            id: s.id,
            title: s.title,
            description: s.description,
            status: s.state.as_str().into(),
            opens_at: s.opens_at,
            closes_at: s.closes_at,
            responses: s.responses,
            questions: s
                .questions
                .into_iter()
                .map(|q| QuestionJson {
                    id: q.id,
                    kind: q.kind.as_str().into(),
                    required: q.required,
                    text: q.text,
                    options: q
                        .options
                        .into_iter()
                        .map(|o| OptionJson { id: o.id, text: o.text })
                        .collect(),
                })
                .collect(),
        }
    }
}

/// A published survey (drafts are not found).
async fn published(st: &AppState, id: i64) -> Result<Survey, AppError> {
    let s = surveys::load(&st.db, id, Utc::now()).await?;
    if s.state == SurveyState::Draft {
        return Err(AppError::not_found());
    }
    Ok(s)
}

/// Surveys open now, with their questions.
#[utoipa::path(get, path = "/api/v1/surveys", responses((status = 200, description = "A page of open surveys")))]
pub async fn list(State(st): State<AppState>) -> Result<Json<Page<SurveyJson>>, AppError> {
    let mut items = Vec::new();
    for s in surveys::list(&st.db, false, Utc::now()).await? {
        if s.state == SurveyState::Open {
            items.push(SurveyJson::from(surveys::load(&st.db, s.id, Utc::now()).await?));
        }
    }
    let total = items.len() as i64;
    Ok(Json(Page {
        per_page: total.max(1),
        items,
        total,
        page: 1,
    }))
}

/// One published survey.
#[utoipa::path(get, path = "/api/v1/surveys/{id}", params(("id" = i64, Path)), responses(
    (status = 200, body = SurveyJson),
    (status = 404, body = crate::api::json::ErrorBody)
))]
pub async fn one(State(st): State<AppState>, Path(id): Path<i64>) -> Result<Json<SurveyJson>, AppError> {
    Ok(Json(published(&st, id).await?.into()))
}

#[derive(Deserialize, utoipa::ToSchema)]
pub struct ResponseWrite {
    pub answers: Vec<AnswerInput>,
}

#[derive(Serialize)]
struct Created {
    survey: i64,
    status: &'static str,
}

/// Answers a survey as the visitor of the `ashyq_visitor` cookie: `201`; the
/// same person again `409`; a closed or not yet open survey `409`; an answer
/// that does not fit its question `422` naming it (`q<id>`), nothing stored.
#[utoipa::path(post, path = "/api/v1/surveys/{id}/responses", params(("id" = i64, Path),
    ("Idempotency-Key" = Option<String>, Header, description = "Repeating a write with the same key and body returns the first answer")),
    request_body = ResponseWrite,
    responses(
        (status = 201, description = "Stored"),
        (status = 409, description = "Already answered, or the survey is not open", body = crate::api::json::ErrorBody),
        (status = 422, description = "An answer does not fit its question", body = crate::api::json::ErrorBody),
        (status = 429, description = "Too many writes from this address", body = crate::api::json::ErrorBody)
    ))]
pub async fn respond(
    State(st): State<AppState>,
    Path(id): Path<i64>,
    Extension(visitor): Extension<Visitor>,
    headers: HeaderMap,
    body: axum::body::Bytes,
) -> Result<Response, AppError> {
    crate::api::json::require_json(&headers)?;
    let input: ResponseWrite =
        serde_json::from_slice(&body).map_err(|_| AppError::field("body", FieldCode::InvalidJson))?;
    let visitor = visitor.hash();
    let key = idempotency::key_from(&headers)?;
    let scope = format!("survey:{visitor}");
    let request = idempotency::fingerprint(&[&id.to_string(), &String::from_utf8_lossy(&body)]);
    if let Some(k) = &key {
        let mut tx = st.db.begin().await?;
        let found = idempotency::lookup(&mut tx, &scope, k, &request).await?;
        tx.commit().await?;
        if let Some(stored) = found {
            return Ok((
                StatusCode::from_u16(stored.status).unwrap_or(StatusCode::CREATED),
                [(axum::http::header::CONTENT_TYPE, "application/json")],
                stored.body,
            )
                .into_response());
        }
    }
    let survey = published(&st, id).await?;
    responses::respond(&st.db, &survey, &visitor, &input.answers, Utc::now()).await?;
    let body = serde_json::to_string(&Created {
        survey: id,
        status: "stored",
    })
    .map_err(AppError::internal)?;
    if let Some(k) = &key {
        let mut tx = st.db.begin().await?;
        idempotency::store(&mut tx, &scope, k, &request, 201, &body, Utc::now()).await?;
        tx.commit().await?;
    }
    Ok((
        StatusCode::CREATED,
        [(axum::http::header::CONTENT_TYPE, "application/json")],
        body,
    )
        .into_response())
}

#[derive(Serialize, utoipa::ToSchema)]
pub struct ResultsJson {
    pub responses: i64,
    pub completion_rate: f64,
    #[schema(value_type = Vec<Object>)]
    pub questions: Vec<QuestionResult>,
}

/// Results of a survey whose results are public now (live, or after close).
#[utoipa::path(get, path = "/api/v1/surveys/{id}/results", params(("id" = i64, Path)), responses(
    (status = 200, body = ResultsJson),
    (status = 403, description = "Results are not public (yet)", body = crate::api::json::ErrorBody),
    (status = 404, body = crate::api::json::ErrorBody)
))]
pub async fn results(State(st): State<AppState>, Path(id): Path<i64>) -> Result<Json<ResultsJson>, AppError> {
    let s = published(&st, id).await?;
    if !responses::public_results(&s) {
        return Err(AppError::forbidden());
    }
    let r = responses::results(&st.db, &s, false).await?;
    Ok(Json(ResultsJson {
        responses: r.responses,
        completion_rate: r.completion_rate,
        questions: r.questions,
    }))
}
