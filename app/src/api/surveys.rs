//! `/api/v1/surveys` routes: published surveys, answering (the visitor cookie
//! is the person; `Idempotency-Key` honoured), and results where visible.

use crate::api::json::{Answer, ErrorBody, JsonWrite, Page, StrictPath};
use crate::error::AppError;
use crate::platform::db::Tx;
use crate::platform::visitor::Visitor;
use crate::surveys::results::QuestionResult;
use crate::{
    platform::state::AppState,
    surveys::{self, responses},
};
use crate::{
    platform::texts::Texts,
    surveys::{AnswerInput, Survey, SurveyState},
};
use axum::extract::State;
use axum::http::StatusCode;
use axum::response::Response;
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
#[utoipa::path(get, path = "/api/v1/surveys/{id}", params(("id" = i64, Path, minimum = 1, description = "The id, a positive 64-bit number")), responses(
    (status = 200, body = SurveyJson),
    (status = 400, description = "The id is not a 64-bit number", body = ErrorBody),
    (status = 404, description = "No such published survey", body = ErrorBody)
))]
pub async fn one(State(st): State<AppState>, StrictPath(id): StrictPath<i64>) -> Result<Json<SurveyJson>, AppError> {
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
#[utoipa::path(post, path = "/api/v1/surveys/{id}/responses", params(("id" = i64, Path, minimum = 1, description = "The id, a positive 64-bit number"),
    crate::api::json::IdempotencyKey),
    request_body = ResponseWrite,
    responses(
        (status = 201, description = "Stored"),
        (status = 400, description = "The body is not a JSON object of this shape, the id is not a 64-bit number, or the Idempotency-Key is not valid", body = ErrorBody),
        (status = 404, description = "No such published survey", body = ErrorBody),
        (status = 409, description = "Already answered, the survey is not open, or the Idempotency-Key was used with another request", body = ErrorBody),
        (status = 413, description = "The body is too large", body = ErrorBody),
        (status = 415, description = "The body is not `application/json`", body = ErrorBody),
        (status = 422, description = "An answer does not fit its question", body = ErrorBody),
        (status = 429, description = "Too many writes from this address", body = ErrorBody)
    ))]
pub async fn respond(
    State(st): State<AppState>,
    StrictPath(id): StrictPath<i64>,
    Extension(visitor): Extension<Visitor>,
    write: JsonWrite,
) -> Result<Response, AppError> {
    let input: ResponseWrite = write.parse()?;
    let visitor = visitor.hash_for_write();
    let survey = published(&st, id).await?;
    let checked = responses::check_response(&st.db, &survey, &visitor, &input.answers).await;
    write
        .once(&st.db, "survey_responses", &[&id.to_string()], async |tx: &mut Tx| {
            responses::store_response(tx, &checked?, &visitor, Utc::now()).await?;
            let body = serde_json::to_string(&Created {
                survey: id,
                status: "stored",
            })
            .map_err(AppError::internal)?;
            Ok(Answer::same(StatusCode::CREATED, body))
        })
        .await
}

#[derive(Serialize, utoipa::ToSchema)]
pub struct ResultsJson {
    pub responses: i64,
    pub completion_rate: f64,
    #[schema(value_type = Vec<Object>)]
    pub questions: Vec<QuestionResult>,
}

/// Results of a survey whose results are public now (live, or after close).
#[utoipa::path(get, path = "/api/v1/surveys/{id}/results", params(("id" = i64, Path, minimum = 1, description = "The id, a positive 64-bit number")), responses(
    (status = 200, body = ResultsJson),
    (status = 400, description = "The id is not a 64-bit number", body = ErrorBody),
    (status = 403, description = "Results are not public (yet)", body = ErrorBody),
    (status = 404, description = "No such published survey", body = ErrorBody)
))]
pub async fn results(
    State(st): State<AppState>,
    StrictPath(id): StrictPath<i64>,
) -> Result<Json<ResultsJson>, AppError> {
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
