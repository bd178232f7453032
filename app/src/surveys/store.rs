//! Surveys as staff build them: each belongs to a department; texts in up to
//! three languages, questions of five kinds with their options, opening and
//! closing times, publishing, closing and re-opening. Once a survey has responses its structure is locked: texts may
//! still be corrected, questions and options may not be added, removed or
//! moved.

use crate::error::{AppError, FieldCode, FieldError};
use crate::platform::db::{Db, Tx};
use crate::surveys::results::QuestionKind;
use crate::{on_read, on_tx};
use crate::{
    platform::texts::Texts,
    surveys::{QuestionInput, Survey, SurveyInput, SurveyOption, SurveyQuestion, SurveyState},
};
use chrono::{DateTime, NaiveDateTime, TimeZone, Utc};

/// Where a survey stands at `now`.
pub fn state(
    status: &str,
    opens: Option<DateTime<Utc>>,
    closes: Option<DateTime<Utc>>,
    now: DateTime<Utc>,
) -> SurveyState {
    match status {
        "draft" => SurveyState::Draft,
        "closed" => SurveyState::Closed,
        _ if opens.is_some_and(|o| now < o) => SurveyState::Scheduled,
        _ if closes.is_some_and(|c| now >= c) => SurveyState::Closed,
        _ => SurveyState::Open,
    }
}

struct Valid {
    title: Texts,
    description: Texts,
    opens: Option<DateTime<Utc>>,
    closes: Option<DateTime<Utc>>,
    visibility: String,
}

fn bad(errs: &mut Vec<FieldError>, field: &str, code: FieldCode) {
    errs.push(FieldError {
        field: field.into(),
        code,
    });
}

fn local_time(s: &str, tz: chrono_tz::Tz) -> Result<Option<DateTime<Utc>>, ()> {
    let s = s.trim();
    if s.is_empty() {
        return Ok(None);
    }
    let t = NaiveDateTime::parse_from_str(s, "%Y-%m-%dT%H:%M").map_err(|_| ())?;
    tz.from_local_datetime(&t)
        .earliest()
        .map(|t| Some(t.with_timezone(&Utc)))
        .ok_or(())
}

fn validate(i: &SurveyInput, tz: chrono_tz::Tz) -> Result<Valid, AppError> {
    let mut errs = Vec::new();
    let t = |s: &str| s.trim().to_string();
    let title = Texts {
        kk: t(&i.title_kk),
        ru: t(&i.title_ru),
        en: t(&i.title_en),
    };
    if title.kk.is_empty() && title.ru.is_empty() && title.en.is_empty() {
        bad(&mut errs, "title_kk", FieldCode::TitleRequired);
    }
    for (f, v) in [
        ("title_kk", &title.kk),
        ("title_ru", &title.ru),
        ("title_en", &title.en),
    ] {
        if v.chars().count() > 200 {
            bad(&mut errs, f, FieldCode::TooLong);
        }
    }
    let description = Texts {
        kk: t(&i.description_kk),
        ru: t(&i.description_ru),
        en: t(&i.description_en),
    };
    for (f, v) in [
        ("description_kk", &description.kk),
        ("description_ru", &description.ru),
        ("description_en", &description.en),
    ] {
        if v.chars().count() > 2000 {
            bad(&mut errs, f, FieldCode::TooLong2000);
        }
    }
    let opens = local_time(&i.opens_at, tz).unwrap_or_else(|_| {
        bad(&mut errs, "opens_at", FieldCode::InvalidDate);
        None
    });
    let closes = local_time(&i.closes_at, tz).unwrap_or_else(|_| {
        bad(&mut errs, "closes_at", FieldCode::InvalidDate);
        None
    });
    if let (Some(o), Some(c)) = (opens, closes) {
        if c <= o {
            bad(&mut errs, "closes_at", FieldCode::NotLater);
        }
    }
    let visibility = match i.visibility.trim() {
        "" => "after_close".to_string(),
        v @ ("live" | "after_close" | "staff") => v.to_string(),
        _ => {
            bad(&mut errs, "visibility", FieldCode::InvalidChoice);
            String::new()
        }
    };
    if errs.is_empty() {
        Ok(Valid {
            title,
            description,
            opens,
            closes,
            visibility,
        })
    } else {
        Err(AppError::fields(errs))
    }
}

/// A new draft survey of `department` (`None`: the admins' own).
pub async fn create(
    db: &Db,
    actor: i64,
    department: Option<i64>,
    input: &SurveyInput,
    tz: chrono_tz::Tz,
    now: DateTime<Utc>,
) -> Result<i64, AppError> {
    let v = validate(input, tz)?;
    let mut tx = db.begin().await?;
    let id: i64 = on_tx!(&mut tx, |c| {
        sqlx::query_scalar(
        "INSERT INTO surveys (title_kk, title_ru, title_en, description_kk, description_ru, description_en, opens_at, closes_at, \
         visibility, created_by, created_at, updated_at, department_id) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $11, $12) \
         RETURNING id"
    )
    .bind(&v.title.kk)
    .bind(&v.title.ru)
    .bind(&v.title.en)
    .bind(&v.description.kk)
    .bind(&v.description.ru)
    .bind(&v.description.en)
    .bind(v.opens)
    .bind(v.closes)
    .bind(&v.visibility)
    .bind(actor)
    .bind(now)
    .bind(department)
    .fetch_one(c)
    .await
    })?;
    tx.commit().await?;
    Ok(id)
}

/// Texts, times and visibility may change at any time.
pub async fn update(
    db: &Db,
    id: i64,
    input: &SurveyInput,
    tz: chrono_tz::Tz,
    now: DateTime<Utc>,
) -> Result<(), AppError> {
    let v = validate(input, tz)?;
    let mut tx = db.begin().await?;
    let n = on_tx!(&mut tx, |c| {
        sqlx::query(
        "UPDATE surveys SET title_kk = $2, title_ru = $3, title_en = $4, description_kk = $5, description_ru = $6, \
         description_en = $7, opens_at = $8, closes_at = $9, visibility = $10, updated_at = $11 WHERE id = $1"
    )
    .bind(id)
    .bind(&v.title.kk)
    .bind(&v.title.ru)
    .bind(&v.title.en)
    .bind(&v.description.kk)
    .bind(&v.description.ru)
    .bind(&v.description.en)
    .bind(v.opens)
    .bind(v.closes)
    .bind(&v.visibility)
    .bind(now)
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

/// The question's texts and options, checked.
fn validate_question(q: &QuestionInput) -> Result<(QuestionKind, Texts, Vec<Texts>), AppError> {
    let mut errs = Vec::new();
    let kind = QuestionKind::parse(q.kind.trim());
    if kind.is_none() {
        bad(&mut errs, "kind", FieldCode::InvalidChoice);
    }
    let text = Texts {
        kk: q.text_kk.trim().into(),
        ru: q.text_ru.trim().into(),
        en: q.text_en.trim().into(),
    };
    if text.kk.is_empty() && text.ru.is_empty() && text.en.is_empty() {
        bad(&mut errs, "text_kk", FieldCode::Required);
    }
    let lines = |s: &str| -> Vec<String> {
        s.lines()
            .map(|l| l.trim().to_string())
            .filter(|l| !l.is_empty())
            .collect()
    };
    let (kk, ru, en) = (lines(&q.options_kk), lines(&q.options_ru), lines(&q.options_en));
    let n = kk.len().max(ru.len()).max(en.len());
    let mut options = Vec::new();
    if matches!(kind, Some(QuestionKind::Single | QuestionKind::Multiple)) {
        if n < 2 {
            bad(&mut errs, "options_kk", FieldCode::TwoOptions);
        }
        for (f, l) in [("options_kk", &kk), ("options_ru", &ru), ("options_en", &en)] {
            if !l.is_empty() && l.len() != n {
                bad(&mut errs, f, FieldCode::OptionCount);
            }
        }
        for i in 0..n {
            options.push(Texts {
                kk: kk.get(i).cloned().unwrap_or_default(),
                ru: ru.get(i).cloned().unwrap_or_default(),
                en: en.get(i).cloned().unwrap_or_default(),
            });
        }
    }
    if errs.is_empty() {
        Ok((kind.expect("checked"), text, options))
    } else {
        Err(AppError::fields(errs))
    }
}

async fn responses(tx: &mut Tx, survey: i64) -> Result<i64, AppError> {
    Ok(on_tx!(tx, |c| sqlx::query_scalar(
        "SELECT COUNT(*) FROM survey_responses WHERE survey_id = $1"
    )
    .bind(survey)
    .fetch_one(c)
    .await)?)
}

fn locked() -> AppError {
    AppError::conflict("survey", FieldCode::Locked)
}

pub async fn add_question(db: &Db, survey: i64, q: &QuestionInput, now: DateTime<Utc>) -> Result<i64, AppError> {
    let (kind, text, options) = validate_question(q)?;
    let mut tx = db.begin().await?;
    if responses(&mut tx, survey).await? > 0 {
        return Err(locked());
    }
    let position: i64 = on_tx!(&mut tx, |c| sqlx::query_scalar(
        "SELECT COALESCE(MAX(position), 0) + 1 FROM survey_questions WHERE survey_id = $1"
    )
    .bind(survey)
    .fetch_one(c)
    .await)?;
    let id: i64 = on_tx!(&mut tx, |c| sqlx::query_scalar(
        "INSERT INTO survey_questions (survey_id, position, kind, required, text_kk, text_ru, text_en) \
         VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING id"
    )
    .bind(survey)
    .bind(position)
    .bind(kind.as_str())
    .bind(q.required)
    .bind(&text.kk)
    .bind(&text.ru)
    .bind(&text.en)
    .fetch_one(c)
    .await)
    .map_err(|_| AppError::not_found())?;
    for (i, o) in options.iter().enumerate() {
        on_tx!(&mut tx, |c| sqlx::query(
            "INSERT INTO survey_options (question_id, position, text_kk, text_ru, text_en) VALUES ($1, $2, $3, $4, $5)"
        )
        .bind(id)
        .bind(i as i64 + 1)
        .bind(&o.kk)
        .bind(&o.ru)
        .bind(&o.en)
        .execute(c)
        .await
        .map(|r| r.rows_affected()))?;
    }
    touch(&mut tx, survey, now).await?;
    tx.commit().await?;
    Ok(id)
}

async fn touch(tx: &mut Tx, survey: i64, now: DateTime<Utc>) -> Result<(), AppError> {
    on_tx!(tx, |c| sqlx::query("UPDATE surveys SET updated_at = $2 WHERE id = $1")
        .bind(survey)
        .bind(now)
        .execute(c)
        .await
        .map(|r| r.rows_affected()))?;
    Ok(())
}

/// Corrects a question's texts (allowed also once the survey has responses:
/// the wording may be fixed, the structure not).
pub async fn edit_question_texts(
    db: &Db,
    survey: i64,
    question: i64,
    q: &QuestionInput,
    now: DateTime<Utc>,
) -> Result<(), AppError> {
    let text = Texts {
        kk: q.text_kk.trim().into(),
        ru: q.text_ru.trim().into(),
        en: q.text_en.trim().into(),
    };
    if text.kk.is_empty() && text.ru.is_empty() && text.en.is_empty() {
        return Err(AppError::field("text_kk", FieldCode::Required));
    }
    let mut tx = db.begin().await?;
    let n = on_tx!(&mut tx, |c| sqlx::query(
        "UPDATE survey_questions SET text_kk = $3, text_ru = $4, text_en = $5 WHERE id = $1 AND survey_id = $2"
    )
    .bind(question)
    .bind(survey)
    .bind(&text.kk)
    .bind(&text.ru)
    .bind(&text.en)
    .execute(c)
    .await
    .map(|r| r.rows_affected()))?;
    if n == 0 {
        return Err(AppError::not_found());
    }
    touch(&mut tx, survey, now).await?;
    tx.commit().await?;
    Ok(())
}

/// Removes a question, or moves it one place up (`-1`) or down (`1`); both
/// only before the first response.
pub async fn change_question(
    db: &Db,
    survey: i64,
    question: i64,
    shift: i64,
    now: DateTime<Utc>,
) -> Result<(), AppError> {
    let mut tx = db.begin().await?;
    if responses(&mut tx, survey).await? > 0 {
        return Err(locked());
    }
    let rows: Vec<(i64, i64)> = on_tx!(&mut tx, |c| sqlx::query_as(
        "SELECT id, position FROM survey_questions WHERE survey_id = $1 ORDER BY position"
    )
    .bind(survey)
    .fetch_all(c)
    .await)?;
    let at = rows
        .iter()
        .position(|(id, _)| *id == question)
        .ok_or_else(AppError::not_found)?;
    if shift == 0 {
        on_tx!(&mut tx, |c| sqlx::query("DELETE FROM survey_questions WHERE id = $1")
            .bind(question)
            .execute(c)
            .await
            .map(|r| r.rows_affected()))?;
    } else {
        let other = at as i64 + shift.signum();
        if let Some(&(other_id, other_pos)) = rows.get(other.max(0) as usize).filter(|_| other >= 0) {
            let pos = rows[at].1;
            for (id, p) in [(question, other_pos), (other_id, pos)] {
                on_tx!(&mut tx, |c| sqlx::query(
                    "UPDATE survey_questions SET position = $2 WHERE id = $1"
                )
                .bind(id)
                .bind(p)
                .execute(c)
                .await
                .map(|r| r.rows_affected()))?;
            }
        }
    }
    touch(&mut tx, survey, now).await?;
    tx.commit().await?;
    Ok(())
}

/// Publishes a draft with at least one question.
pub async fn publish(db: &Db, survey: i64, now: DateTime<Utc>) -> Result<(), AppError> {
    let s = load(db, survey, now).await?;
    if s.questions.is_empty() {
        return Err(AppError::conflict("survey", FieldCode::NoQuestions));
    }
    set_status(db, survey, "published", now).await
}

pub async fn close(db: &Db, survey: i64, now: DateTime<Utc>) -> Result<(), AppError> {
    load(db, survey, now).await?;
    set_status(db, survey, "closed", now).await
}

/// Opens a closed survey again; a closing time already past is dropped, so
/// it takes answers until closed by hand or given a new closing time.
pub async fn reopen(db: &Db, survey: i64, now: DateTime<Utc>) -> Result<(), AppError> {
    let s = load(db, survey, now).await?;
    if s.state != SurveyState::Closed {
        return Err(AppError::conflict("survey", FieldCode::WrongStatus));
    }
    let mut tx = db.begin().await?;
    on_tx!(&mut tx, |c| sqlx::query(
        "UPDATE surveys SET status = 'published', closes_at = CASE WHEN closes_at <= $2 THEN NULL ELSE closes_at END, \
         updated_at = $2 WHERE id = $1"
    )
    .bind(survey)
    .bind(now)
    .execute(c)
    .await
    .map(|r| r.rows_affected()))?;
    tx.commit().await?;
    Ok(())
}

/// The department a survey belongs to (`None`: admins' own), or `not_found`.
pub async fn owner(db: &Db, survey: i64) -> Result<Option<i64>, AppError> {
    let row: Option<(Option<i64>,)> = on_read!(db, |c| sqlx::query_as(
        "SELECT department_id FROM surveys WHERE id = $1"
    )
    .bind(survey)
    .fetch_optional(c)
    .await)?;
    row.map(|r| r.0).ok_or_else(AppError::not_found)
}

async fn set_status(db: &Db, survey: i64, status: &str, now: DateTime<Utc>) -> Result<(), AppError> {
    let mut tx = db.begin().await?;
    on_tx!(&mut tx, |c| sqlx::query(
        "UPDATE surveys SET status = $2, updated_at = $3 WHERE id = $1"
    )
    .bind(survey)
    .bind(status)
    .bind(now)
    .execute(c)
    .await
    .map(|r| r.rows_affected()))?;
    tx.commit().await?;
    Ok(())
}

type SurveyRow = (
    i64,
    String,
    String,
    String,
    String,
    String,
    String,
    String,
    Option<DateTime<Utc>>,
    Option<DateTime<Utc>>,
    String,
    i64,
    Option<i64>,
);

const SURVEY_SQL: &str = "SELECT s.id, s.title_kk, s.title_ru, s.title_en, s.description_kk, s.description_ru, s.description_en, \
    s.status, s.opens_at, s.closes_at, s.visibility, (SELECT COUNT(*) FROM survey_responses r WHERE r.survey_id = s.id), \
    s.department_id FROM surveys s";

fn from_row(r: SurveyRow, now: DateTime<Utc>) -> Survey {
    Survey {
        id: r.0,
        title: Texts {
            kk: r.1,
            ru: r.2,
            en: r.3,
        },
        description: Texts {
            kk: r.4,
            ru: r.5,
            en: r.6,
        },
        state: state(&r.7, r.8, r.9, now),
        status: r.7,
        opens_at: r.8,
        closes_at: r.9,
        visibility: r.10,
        responses: r.11,
        department_id: r.12,
        questions: Vec::new(),
    }
}

/// Every survey (staff) or every published one (the public), newest first, without questions.
pub async fn list(db: &Db, include_drafts: bool, now: DateTime<Utc>) -> Result<Vec<Survey>, AppError> {
    let sql = format!(
        "{SURVEY_SQL}{} ORDER BY s.id DESC",
        if include_drafts {
            ""
        } else {
            " WHERE s.status <> 'draft'"
        }
    );
    let rows: Vec<SurveyRow> = on_read!(db, |c| sqlx::query_as(&sql).fetch_all(c).await)?;
    Ok(rows.into_iter().map(|r| from_row(r, now)).collect())
}

/// One survey with its questions and options.
pub async fn load(db: &Db, id: i64, now: DateTime<Utc>) -> Result<Survey, AppError> {
    let sql = format!("{SURVEY_SQL} WHERE s.id = $1");
    let row: SurveyRow =
        on_read!(db, |c| sqlx::query_as(&sql).bind(id).fetch_optional(c).await)?.ok_or_else(AppError::not_found)?;
    let mut s = from_row(row, now);
    let qs: Vec<(i64, i64, String, bool, String, String, String)> = on_read!(db, |c| {
        sqlx::query_as(
        "SELECT id, position, kind, required, text_kk, text_ru, text_en FROM survey_questions WHERE survey_id = $1 ORDER BY position"
    )
    .bind(id)
    .fetch_all(c)
    .await
    })?;
    let opts: Vec<(i64, i64, String, String, String)> = on_read!(db, |c| sqlx::query_as(
        "SELECT o.id, o.question_id, o.text_kk, o.text_ru, o.text_en FROM survey_options o \
         JOIN survey_questions q ON q.id = o.question_id WHERE q.survey_id = $1 ORDER BY o.position"
    )
    .bind(id)
    .fetch_all(c)
    .await)?;
    s.questions = qs
        .into_iter()
        .filter_map(|(qid, position, kind, required, kk, ru, en)| {
            Some(SurveyQuestion {
                id: qid,
                position,
                kind: QuestionKind::parse(&kind)?,
                required,
                text: Texts { kk, ru, en },
                options: opts
                    .iter()
                    .filter(|o| o.1 == qid)
                    .map(|o| SurveyOption {
                        id: o.0,
                        text: Texts {
                            kk: o.2.clone(),
                            ru: o.3.clone(),
                            en: o.4.clone(),
                        },
                    })
                    .collect(),
            })
        })
        .collect();
    Ok(s)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_survey_is_open_between_its_times_once_published() {
        let t = |h: i64| Utc::now() + chrono::Duration::hours(h);
        let now = t(0);
        assert_eq!(state("draft", None, None, now), SurveyState::Draft);
        assert_eq!(state("published", None, None, now), SurveyState::Open);
        assert_eq!(state("published", Some(t(1)), None, now), SurveyState::Scheduled);
        assert_eq!(state("published", Some(t(-1)), Some(t(1)), now), SurveyState::Open);
        assert_eq!(state("published", None, Some(t(-1)), now), SurveyState::Closed);
        assert_eq!(state("closed", Some(t(-5)), Some(t(5)), now), SurveyState::Closed);
    }

    #[test]
    fn choice_questions_need_two_options_with_the_same_count_in_each_language() {
        let q = QuestionInput {
            kind: "single".into(),
            text_ru: "Как вы узнали о нас?".into(),
            options_ru: "Сайт\nТВ".into(),
            options_kk: "Сайт".into(),
            ..Default::default()
        };
        let e = validate_question(&q).unwrap_err();
        assert_eq!(e.field_code("options_kk"), Some(FieldCode::OptionCount));
        let q = QuestionInput {
            options_kk: String::new(),
            ..q
        };
        let (_, _, options) = validate_question(&q).unwrap();
        assert_eq!(options.len(), 2);
        let scale = QuestionInput {
            kind: "scale".into(),
            text_en: "How satisfied are you?".into(),
            ..Default::default()
        };
        assert!(validate_question(&scale).unwrap().2.is_empty());
    }
}
