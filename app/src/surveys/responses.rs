//! Answering a survey and reading its results. One response per person (the
//! visitor cookie's hash); only an open survey takes answers; every answer is
//! checked against its own question (an option of another question, a value
//! out of range, a missing required answer are refused, naming the question)
//! and the response is stored whole or not at all. Results follow the maths
//! of `surveys::results`; free-text answers are public only once approved.

use crate::error::{AppError, FieldCode, FieldError};
use crate::platform::db::{Db, Tx};
use crate::surveys::results::{self as maths, QuestionKind};
use crate::surveys::{AnswerInput, Survey, SurveyResults, SurveyState};
use crate::{on_read, on_tx};
use chrono::{DateTime, Utc};
use std::collections::HashMap;

pub const MAX_TEXT: usize = 2000;

/// One checked answer, ready to store.
enum Stored {
    Options(Vec<i64>),
    Value(i64),
    Text(String),
}

/// The field name of a question's errors (`q12`), shared with the form.
pub fn field(question: i64) -> String {
    format!("q{question}")
}

fn check(survey: &Survey, answers: &[AnswerInput]) -> Result<Vec<(i64, Stored)>, AppError> {
    let mut errs = Vec::new();
    let mut out = Vec::new();
    let mut bad = |f: String, c: FieldCode| errs.push(FieldError { field: f, code: c });
    let mut seen = Vec::new();
    for a in answers {
        let Some(q) = survey.questions.iter().find(|q| q.id == a.question) else {
            bad("answers".into(), FieldCode::UnknownQuestion);
            continue;
        };
        if seen.contains(&q.id) {
            bad(field(q.id), FieldCode::DuplicateAnswer);
            continue;
        }
        seen.push(q.id);
        let belongs = |o: &i64| q.options.iter().any(|x| x.id == *o);
        let stored = match q.kind {
            QuestionKind::Single => match (a.option, a.options.as_deref()) {
                (Some(o), None) | (None, Some(&[o])) if belongs(&o) => Some(Stored::Options(vec![o])),
                (None, None) | (None, Some([])) => None,
                _ => {
                    bad(field(q.id), FieldCode::InvalidOption);
                    continue;
                }
            },
            QuestionKind::Multiple => {
                let mut chosen: Vec<i64> = a.options.clone().unwrap_or_default();
                chosen.extend(a.option);
                chosen.sort_unstable();
                chosen.dedup();
                if !chosen.iter().all(belongs) {
                    bad(field(q.id), FieldCode::InvalidOption);
                    continue;
                }
                (!chosen.is_empty()).then_some(Stored::Options(chosen))
            }
            QuestionKind::Scale | QuestionKind::Nps => match a.value {
                Some(v) if q.kind.range().is_some_and(|(lo, hi)| (lo..=hi).contains(&v)) => Some(Stored::Value(v)),
                Some(_) => {
                    bad(field(q.id), FieldCode::OutOfRange);
                    continue;
                }
                None => None,
            },
            QuestionKind::Text => {
                let t = a.text.as_deref().unwrap_or("").trim().to_string();
                if t.chars().count() > MAX_TEXT {
                    bad(field(q.id), FieldCode::TooLong2000);
                    continue;
                }
                (!t.is_empty()).then_some(Stored::Text(t))
            }
        };
        if let Some(s) = stored {
            out.push((q.id, s));
        }
    }
    for q in survey.questions.iter().filter(|q| q.required) {
        let key = field(q.id);
        if !out.iter().any(|(id, _)| *id == q.id) && !errs.iter().any(|e| e.field == key) {
            errs.push(FieldError {
                field: key,
                code: FieldCode::Required,
            });
        }
    }
    if errs.is_empty() {
        Ok(out)
    } else {
        Err(AppError::fields(errs))
    }
}

/// A response whose every answer fits its question, ready to store.
pub struct CheckedResponse {
    survey: i64,
    answers: Vec<(i64, Stored)>,
}

/// Checks one person's response to an open survey: the survey's state, a
/// repeat, and every answer against its question.
pub async fn check_response(
    db: &Db,
    survey: &Survey,
    respondent_hash: &str,
    answers: &[AnswerInput],
) -> Result<CheckedResponse, AppError> {
    match survey.state {
        SurveyState::Open => {}
        SurveyState::Closed => return Err(AppError::conflict("survey", FieldCode::SurveyClosed)),
        _ => return Err(AppError::conflict("survey", FieldCode::SurveyNotOpen)),
    }
    // A repeat is refused as such, whatever it holds.
    if has_answered(db, survey.id, respondent_hash).await? {
        return Err(AppError::conflict("survey", FieldCode::AlreadyAnswered));
    }
    Ok(CheckedResponse {
        survey: survey.id,
        answers: check(survey, answers)?,
    })
}

/// Stores one person's response to an open survey; returns its id.
pub async fn respond(
    db: &Db,
    survey: &Survey,
    respondent_hash: &str,
    answers: &[AnswerInput],
    now: DateTime<Utc>,
) -> Result<i64, AppError> {
    let checked = check_response(db, survey, respondent_hash, answers).await?;
    let mut tx = db.begin().await?;
    let id = store_response(&mut tx, &checked, respondent_hash, now).await?;
    tx.commit().await?;
    Ok(id)
}

/// Stores a checked response in the caller's transaction, whole: a repeat
/// that slipped past the check meets the unique index and is refused.
pub async fn store_response(
    tx: &mut Tx,
    checked: &CheckedResponse,
    respondent_hash: &str,
    now: DateTime<Utc>,
) -> Result<i64, AppError> {
    let id: i64 = on_tx!(tx, |c| {
        sqlx::query_scalar(
        "INSERT INTO survey_responses (survey_id, respondent_hash, submitted_at, answered) VALUES ($1, $2, $3, $4) \
         ON CONFLICT (survey_id, respondent_hash) DO NOTHING RETURNING id"
    )
    .bind(checked.survey)
    .bind(respondent_hash)
    .bind(now)
    .bind(checked.answers.len() as i64)
    .fetch_optional(c)
    .await
    })?
    .ok_or_else(|| AppError::conflict("survey", FieldCode::AlreadyAnswered))?;
    for (q, s) in &checked.answers {
        let rows: Vec<(Option<i64>, Option<i64>, Option<&str>)> = match s {
            Stored::Options(os) => os.iter().map(|o| (Some(*o), None, None)).collect(),
            Stored::Value(v) => vec![(None, Some(*v), None)],
            Stored::Text(t) => vec![(None, None, Some(t.as_str()))],
        };
        for (option, value, text) in rows {
            on_tx!(tx, |c| {
                sqlx::query(
                "INSERT INTO survey_answers (response_id, question_id, option_id, value, text, text_status) VALUES ($1, $2, $3, $4, $5, $6)"
            )
            .bind(id)
            .bind(*q)
            .bind(option)
            .bind(value)
            .bind(text)
            .bind(text.map(|_| "pending"))
            .execute(c)
            .await
            .map(|r| r.rows_affected())
            })?;
        }
    }
    Ok(id)
}

type AnswerRow = (i64, i64, Option<i64>, Option<i64>, Option<String>, Option<String>);

async fn answers(db: &Db, survey: i64) -> Result<Vec<AnswerRow>, AppError> {
    Ok(on_read!(db, |c| sqlx::query_as(
        "SELECT a.response_id, a.question_id, a.option_id, a.value, a.text, a.text_status FROM survey_answers a \
         JOIN survey_responses r ON r.id = a.response_id WHERE r.survey_id = $1 ORDER BY a.response_id"
    )
    .bind(survey)
    .fetch_all(c)
    .await)?)
}

/// Whether the public may read the results now.
pub fn public_results(s: &Survey) -> bool {
    match s.visibility.as_str() {
        "live" => matches!(s.state, SurveyState::Open | SurveyState::Closed),
        "after_close" => s.state == SurveyState::Closed,
        _ => false,
    }
}

/// The results; free texts in full for staff, only approved ones otherwise.
pub async fn results(db: &Db, s: &Survey, staff: bool) -> Result<SurveyResults, AppError> {
    let rows = answers(db, s.id).await?;
    let responses: Vec<i64> = on_read!(db, |c| sqlx::query_scalar(
        "SELECT answered FROM survey_responses WHERE survey_id = $1"
    )
    .bind(s.id)
    .fetch_all(c)
    .await)?;
    let mut questions = Vec::new();
    let mut texts = Vec::new();
    for q in &s.questions {
        let mine = rows.iter().filter(|r| r.1 == q.id);
        match q.kind {
            QuestionKind::Single | QuestionKind::Multiple => {
                let mut by_response: HashMap<i64, Vec<i64>> = HashMap::new();
                for r in mine {
                    by_response.entry(r.0).or_default().extend(r.2);
                }
                let chosen: Vec<Vec<i64>> = by_response.into_values().collect();
                let ids: Vec<i64> = q.options.iter().map(|o| o.id).collect();
                questions.push(maths::choices(q.id, q.kind, &ids, &chosen));
            }
            QuestionKind::Scale | QuestionKind::Nps => {
                let values: Vec<i64> = mine.filter_map(|r| r.3).collect();
                questions.push(maths::scale(q.id, q.kind, &values));
            }
            QuestionKind::Text => {
                let list: Vec<String> = mine
                    .filter(|r| staff || r.5.as_deref() == Some("approved"))
                    .filter_map(|r| r.4.clone())
                    .collect();
                let mut result = maths::choices(q.id, q.kind, &[], &[]);
                result.answered = rows.iter().filter(|r| r.1 == q.id && r.4.is_some()).count() as i64;
                questions.push(result);
                texts.push((q.id, list));
            }
        }
    }
    let answered: Vec<usize> = responses.iter().map(|&n| n as usize).collect();
    Ok(SurveyResults {
        survey_id: s.id,
        responses: responses.len() as i64,
        completion_rate: maths::completion_rate(&answered, s.questions.len()),
        questions,
        texts,
    })
}

/// The CSV export: one row per response, one column per question (a
/// multiple-choice cell lists the chosen options separated by `; `).
pub async fn csv(db: &Db, s: &Survey, lang: &str) -> Result<String, AppError> {
    let rows = answers(db, s.id).await?;
    // Free texts are typed by the public: no cell may run as a formula.
    let mut w = crate::platform::spreadsheet::CsvFile::new();
    let mut header = vec!["response".to_string()];
    header.extend(s.questions.iter().map(|q| q.text.get(lang).to_string()));
    w.row(&header)?;
    // Every response, also one that skipped every (optional) question.
    let ids: Vec<i64> = on_read!(db, |c| sqlx::query_scalar(
        "SELECT id FROM survey_responses WHERE survey_id = $1 ORDER BY id"
    )
    .bind(s.id)
    .fetch_all(c)
    .await)?;
    for (n, id) in ids.iter().enumerate() {
        let mut record = vec![(n + 1).to_string()];
        for q in &s.questions {
            let cells: Vec<String> = rows
                .iter()
                .filter(|r| r.0 == *id && r.1 == q.id)
                .map(|r| match (r.2, r.3, &r.4) {
                    (Some(o), _, _) => q
                        .options
                        .iter()
                        .find(|x| x.id == o)
                        .map(|x| x.text.get(lang).to_string())
                        .unwrap_or_default(),
                    (_, Some(v), _) => v.to_string(),
                    (_, _, Some(t)) => t.clone(),
                    _ => String::new(),
                })
                .collect();
            record.push(cells.join("; "));
        }
        w.row(&record)?;
    }
    w.finish()
}

pub async fn has_answered(db: &Db, survey: i64, respondent_hash: &str) -> Result<bool, AppError> {
    let n: i64 = on_read!(db, |c| sqlx::query_scalar(
        "SELECT COUNT(*) FROM survey_responses WHERE survey_id = $1 AND respondent_hash = $2"
    )
    .bind(survey)
    .bind(respondent_hash)
    .fetch_one(c)
    .await)?;
    Ok(n > 0)
}

/// The answers of the HTML form: `q12` holds a single option, a scale value
/// or a text; `q12_o34` is a ticked multiple-choice option. Anything that does
/// not parse becomes an answer the checks refuse (never a silent skip).
pub fn from_form(s: &Survey, form: &std::collections::BTreeMap<String, String>) -> Vec<AnswerInput> {
    let mut out = Vec::new();
    for q in &s.questions {
        let key = field(q.id);
        let v = form.get(&key).map(|v| v.trim()).filter(|v| !v.is_empty());
        let mut a = AnswerInput {
            question: q.id,
            option: None,
            options: None,
            value: None,
            text: None,
        };
        match q.kind {
            QuestionKind::Single => a.option = v.map(|v| v.parse().unwrap_or(-1)),
            QuestionKind::Multiple => {
                let prefix = format!("{key}_o");
                let chosen: Vec<i64> = form
                    .keys()
                    .filter_map(|k| k.strip_prefix(&prefix))
                    .map(|id| id.parse().unwrap_or(-1))
                    .collect();
                a.options = (!chosen.is_empty()).then_some(chosen);
            }
            QuestionKind::Scale | QuestionKind::Nps => a.value = v.map(|v| v.parse().unwrap_or(-1)),
            QuestionKind::Text => a.text = v.map(str::to_string),
        }
        if a.option.is_some() || a.options.is_some() || a.value.is_some() || a.text.is_some() {
            out.push(a);
        }
    }
    out
}

/// Free-text answers waiting for a moderator, oldest first (at most 200).
pub async fn pending_texts(db: &Db) -> Result<Vec<crate::surveys::PendingText>, AppError> {
    type Row = (i64, i64, i64, String, String, String, String, String, String, String);
    let rows: Vec<Row> = on_read!(db, |c| {
        sqlx::query_as(
        "SELECT a.response_id, a.question_id, s.id, s.title_kk, s.title_ru, s.title_en, q.text_kk, q.text_ru, q.text_en, a.text \
         FROM survey_answers a JOIN survey_questions q ON q.id = a.question_id JOIN surveys s ON s.id = q.survey_id \
         WHERE a.text_status = 'pending' ORDER BY a.response_id LIMIT 200"
    )
    .fetch_all(c)
    .await
    })?;
    Ok(rows
        .into_iter()
        .map(|r| crate::surveys::PendingText {
            response_id: r.0,
            question_id: r.1,
            survey_id: r.2,
            survey_title: crate::platform::texts::Texts {
                kk: r.3,
                ru: r.4,
                en: r.5,
            },
            question: crate::platform::texts::Texts {
                kk: r.6,
                ru: r.7,
                en: r.8,
            },
            text: r.9,
        })
        .collect())
}

/// Approves (shown with the results) or rejects (never shown) one free text.
pub async fn decide_text(db: &Db, response_id: i64, question_id: i64, approve: bool) -> Result<(), AppError> {
    let mut tx = db.begin().await?;
    let n = on_tx!(&mut tx, |c| {
        sqlx::query(
        "UPDATE survey_answers SET text_status = $3 WHERE response_id = $1 AND question_id = $2 AND text_status = 'pending'"
    )
    .bind(response_id)
    .bind(question_id)
    .bind(if approve { "approved" } else { "rejected" })
    .execute(c)
    .await
    .map(|r| r.rows_affected())
    })?;
    tx.commit().await?;
    if n == 0 {
        return Err(AppError::not_found());
    }
    Ok(())
}
