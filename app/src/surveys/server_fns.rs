//! Server functions behind the survey builder (staff), the public survey
//! pages (list, answer, results) and the moderation of free texts. Each
//! parses, authorises and calls `surveys::store` or `surveys::responses`.

use crate::error::AppError;
use crate::surveys::{QuestionInput, Survey, SurveyInput, SurveyResults};
use leptos::prelude::*;
use std::collections::BTreeMap;

#[cfg(feature = "ssr")]
use crate::{
    platform::{authz::Action, guard},
    surveys::{self, responses},
};

/// The state and the staff member, if they may `manage` (build, publish,
/// close, re-open, export) or else read the results of survey `id`: both
/// are decided by the department the survey belongs to. A refusal is a 403
/// and an audit event.
#[cfg(feature = "ssr")]
async fn for_survey(
    id: i64,
    manage: bool,
) -> Result<(crate::platform::state::AppState, crate::platform::roles::CurrentUser), AppError> {
    let (st, _) = guard::require(Action::UseStaffArea).await?;
    let department_id = guard::with_status(surveys::owner(&st.db, id).await)?;
    guard::require(if manage {
        Action::ManageSurveys { department_id }
    } else {
        Action::ReadSurveys { department_id }
    })
    .await
}

/// The surveys the staff member may read, drafts included, whether they may
/// create one (for their own department; admins for none in particular), and
/// the departments that own them.
#[server(endpoint = "staff/surveys")]
pub async fn staff_surveys() -> Result<(Vec<Survey>, bool, Vec<crate::departments::Department>), AppError> {
    let (st, user) = guard::require(Action::ListSurveys).await?;
    let all = surveys::list(&st.db, true, chrono::Utc::now()).await?;
    let may = |action| crate::platform::authz::authorize(Some(&user), action).is_ok();
    let readable = all
        .into_iter()
        .filter(|s| {
            may(Action::ReadSurveys {
                department_id: s.department_id,
            })
        })
        .collect();
    let may_create = may(Action::ManageSurveys {
        department_id: user.department_id,
    });
    Ok((readable, may_create, crate::departments::list(&st.db, true).await?))
}

/// One survey with its results, and whether the viewer manages it (its
/// department's officers and head, admins: free texts in full) or only
/// reads it (analysts: moderated free texts only).
#[server(endpoint = "staff/survey")]
pub async fn staff_survey(id: i64) -> Result<(Survey, SurveyResults, bool), AppError> {
    let (st, user) = for_survey(id, false).await?;
    let s = guard::with_status(surveys::load(&st.db, id, chrono::Utc::now()).await)?;
    let manages = crate::platform::authz::authorize(
        Some(&user),
        Action::ManageSurveys {
            department_id: s.department_id,
        },
    )
    .is_ok();
    let r = responses::results(&st.db, &s, manages).await?;
    Ok((s, r, manages))
}

#[server(endpoint = "staff/survey_create")]
pub async fn create_survey(input: SurveyInput) -> Result<(), AppError> {
    let (_, me) = guard::require(Action::UseStaffArea).await?;
    let (st, user) = guard::require(Action::ManageSurveys {
        department_id: me.department_id,
    })
    .await?;
    let id = surveys::create(
        &st.db,
        user.id,
        user.department_id,
        &input,
        st.config.tz(),
        chrono::Utc::now(),
    )
    .await
    .map_err(|e| e.with_input(&input))?;
    leptos_axum::redirect(&format!("/staff/surveys/{id}"));
    Ok(())
}

#[server(endpoint = "staff/survey_update")]
pub async fn update_survey(id: i64, input: SurveyInput) -> Result<(), AppError> {
    let (st, _) = for_survey(id, true).await?;
    guard::with_status(
        surveys::update(&st.db, id, &input, st.config.tz(), chrono::Utc::now())
            .await
            .map_err(|e| e.with_input(&input)),
    )
}

#[server(endpoint = "staff/survey_question_add")]
pub async fn add_survey_question(survey: i64, input: QuestionInput) -> Result<(), AppError> {
    let (st, _) = for_survey(survey, true).await?;
    guard::with_status(
        surveys::add_question(&st.db, survey, &input, chrono::Utc::now())
            .await
            .map(|_| ())
            .map_err(|e| e.with_input(&input)),
    )
}

/// Corrects a question's texts (also after the first response).
#[server(endpoint = "staff/survey_question_texts")]
pub async fn edit_survey_question(survey: i64, question: i64, input: QuestionInput) -> Result<(), AppError> {
    let (st, _) = for_survey(survey, true).await?;
    guard::with_status(surveys::edit_question_texts(&st.db, survey, question, &input, chrono::Utc::now()).await)
}

/// Moves a question up (`shift = -1`), down (`1`) or removes it (`0`).
#[server(endpoint = "staff/survey_question_change")]
pub async fn change_survey_question(survey: i64, question: i64, shift: i64) -> Result<(), AppError> {
    let (st, _) = for_survey(survey, true).await?;
    guard::with_status(surveys::change_question(&st.db, survey, question, shift, chrono::Utc::now()).await)
}

/// Publishes a draft (`publish = true`) or re-opens a closed survey, or
/// closes an open one (`publish = false`).
#[server(endpoint = "staff/survey_status")]
pub async fn set_survey_status(id: i64, publish: bool) -> Result<(), AppError> {
    let (st, _) = for_survey(id, true).await?;
    let now = chrono::Utc::now();
    guard::with_status(if publish {
        let s = surveys::load(&st.db, id, now).await?;
        if s.state == crate::surveys::SurveyState::Closed {
            surveys::reopen(&st.db, id, now).await
        } else {
            surveys::publish(&st.db, id, now).await
        }
    } else {
        surveys::close(&st.db, id, now).await
    })
}

/// Published surveys, newest first.
#[server(endpoint = "surveys")]
pub async fn public_surveys() -> Result<Vec<Survey>, AppError> {
    let st = crate::platform::state::app_state()?;
    surveys::list(&st.db, false, chrono::Utc::now()).await
}

/// What the public survey page needs: the survey, whether this visitor has
/// answered, and the results when they are public.
#[server(endpoint = "survey")]
pub async fn public_survey(id: i64) -> Result<(Survey, bool, Option<SurveyResults>), AppError> {
    let st = crate::platform::state::app_state()?;
    let s = guard::with_status(surveys::load(&st.db, id, chrono::Utc::now()).await)?;
    if s.state == crate::surveys::SurveyState::Draft {
        return guard::with_status(Err(AppError::not_found()));
    }
    let answered = match guard::visitor().await {
        Some(v) if v.returning() => responses::has_answered(&st.db, s.id, &v.hash()).await?,
        _ => false,
    };
    let results = if responses::public_results(&s) {
        Some(responses::results(&st.db, &s, false).await?)
    } else {
        None
    };
    Ok((s, answered, results))
}

/// The answer form: `a[q12]` holds a single option, a scale value or a text;
/// `a[q12_o34]` is a ticked multiple-choice option.
#[server(endpoint = "survey_answer")]
pub async fn answer_survey(id: i64, #[server(default)] a: BTreeMap<String, String>) -> Result<(), AppError> {
    let st = crate::platform::state::app_state()?;
    let visitor = guard::visitor()
        .await
        .ok_or_else(|| AppError::internal("no visitor cookie layer"))?;
    let s = surveys::load(&st.db, id, chrono::Utc::now()).await?;
    if s.state == crate::surveys::SurveyState::Draft {
        return Err(AppError::not_found());
    }
    let answers = responses::from_form(&s, &a);
    guard::with_status(
        responses::respond(&st.db, &s, &visitor.hash_for_write(), &answers, chrono::Utc::now())
            .await
            .map_err(|e| e.with_input(&a)),
    )?;
    leptos_axum::redirect(&format!("/surveys/{id}?thanks=1"));
    Ok(())
}

/// Free-text survey answers waiting for moderation.
#[server(endpoint = "moderation/survey_texts")]
pub async fn survey_text_queue() -> Result<Vec<crate::surveys::PendingText>, AppError> {
    let (st, _) = guard::require(Action::Moderate).await?;
    responses::pending_texts(&st.db).await
}

#[server(endpoint = "moderation/survey_text")]
pub async fn decide_survey_text(response_id: i64, question_id: i64, approve: bool) -> Result<(), AppError> {
    let (st, _) = guard::require(Action::Moderate).await?;
    guard::with_status(responses::decide_text(&st.db, response_id, question_id, approve).await)
}
