//! The survey builder for staff: the list and a new survey's form; one
//! survey's texts, schedule and visibility, its questions (add, move, remove
//! until the first response), a preview, publishing and closing, and the full
//! results with the CSV export.

use crate::components::forms::{action_error, Field, FormErrors, Refusal, SelectField, TextArea};
use crate::error::AppError;
use crate::i18n::*;
use crate::surveys::results::QuestionKind;
use crate::surveys::server_fns::{
    staff_survey, staff_surveys, AddSurveyQuestion, ChangeSurveyQuestion, CreateSurvey, EditSurveyQuestion,
    SetSurveyStatus, UpdateSurvey,
};
use crate::surveys::views::{state_label, ResultsView, SurveyForm};
use crate::surveys::{Survey, SurveyState};
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_params_map;

fn kind_label(l: Locale, k: QuestionKind) -> &'static str {
    match k {
        QuestionKind::Single => td_string!(l, qkind_single),
        QuestionKind::Multiple => td_string!(l, qkind_multiple),
        QuestionKind::Scale => td_string!(l, qkind_scale),
        QuestionKind::Nps => td_string!(l, qkind_nps),
        QuestionKind::Text => td_string!(l, qkind_text),
    }
}

fn local_input(t: Option<chrono::DateTime<chrono::Utc>>) -> String {
    let kz = chrono::FixedOffset::east_opt(5 * 3600).expect("offset");
    t.map(|t| t.with_timezone(&kz).format("%Y-%m-%dT%H:%M").to_string())
        .unwrap_or_default()
}

/// The survey's texts, schedule and visibility (new or existing).
#[component]
fn SurveyFields(#[prop(optional)] s: Option<Survey>, error: Signal<Option<AppError>>) -> impl IntoView {
    let l = use_i18n().get_locale_untracked();
    let echo = error.get_untracked().and_then(|e| e.input).unwrap_or_default();
    let pick = |k: &str, now: String| echo.get(k).cloned().unwrap_or(now);
    let s2 = s.clone();
    let get = move |f: fn(&Survey) -> String| s2.as_ref().map(f).unwrap_or_default();
    let vis = vec![
        (
            "after_close".to_string(),
            td_string!(l, survey_vis_after_close).to_string(),
        ),
        ("live".to_string(), td_string!(l, survey_vis_live).to_string()),
        ("staff".to_string(), td_string!(l, survey_vis_staff).to_string()),
    ];
    view! {
        <Field
            label=td_string!(l, survey_title_kk)
            name="input[title_kk]"
            field="title_kk"
            value=pick("title_kk", get(|s| s.title.kk.clone()))
            error=error
        />
        <Field
            label=td_string!(l, survey_title_ru)
            name="input[title_ru]"
            field="title_ru"
            value=pick("title_ru", get(|s| s.title.ru.clone()))
            error=error
        />
        <Field
            label=td_string!(l, survey_title_en)
            name="input[title_en]"
            field="title_en"
            value=pick("title_en", get(|s| s.title.en.clone()))
            error=error
        />
        <TextArea
            label=td_string!(l, survey_desc_kk)
            name="input[description_kk]"
            field="description_kk"
            value=pick("description_kk", get(|s| s.description.kk.clone()))
            rows=2
            error=error
        />
        <TextArea
            label=td_string!(l, survey_desc_ru)
            name="input[description_ru]"
            field="description_ru"
            value=pick("description_ru", get(|s| s.description.ru.clone()))
            rows=2
            error=error
        />
        <TextArea
            label=td_string!(l, survey_desc_en)
            name="input[description_en]"
            field="description_en"
            value=pick("description_en", get(|s| s.description.en.clone()))
            rows=2
            error=error
        />
        <Field
            label=td_string!(l, survey_opens)
            name="input[opens_at]"
            field="opens_at"
            kind="datetime-local"
            value=pick("opens_at", get(|s| local_input(s.opens_at)))
            error=error
        />
        <Field
            label=td_string!(l, survey_closes)
            name="input[closes_at]"
            field="closes_at"
            kind="datetime-local"
            value=pick("closes_at", get(|s| local_input(s.closes_at)))
            error=error
        />
        <SelectField
            label=td_string!(l, survey_visibility)
            name="input[visibility]"
            field="visibility"
            options=vis
            selected=pick("visibility", get(|s| s.visibility.clone()))
            error=error
        />
    }
}

#[component]
pub fn StaffSurveysPage() -> impl IntoView {
    let i18n = use_i18n();
    let l = i18n.get_locale_untracked();
    let create = ServerAction::<CreateSurvey>::new();
    let error = action_error(create);
    let data = Resource::new(|| (), |_| staff_surveys());
    view! {
        <Title text=td_string!(l, surveys_staff_title) />
        <h1>{td_string!(l, surveys_staff_title)}</h1>
        <Suspense fallback=move || {
            view! { <p>{t!(i18n, common_loading)}</p> }
        }>
            {move || {
                data.get()
                    .map(|r| match r {
                        Err(e) => view! { <Refusal error=e /> }.into_any(),
                        Ok((list, may_create, departments)) => {
                            view! {
                                <table class="data">
                                    <thead>
                                        <tr>
                                            <th scope="col">{td_string!(l, survey_title)}</th>
                                            <th scope="col">{td_string!(l, pub_department)}</th>
                                            <th scope="col">{td_string!(l, common_status)}</th>
                                            <th scope="col">{td_string!(l, survey_responses)}</th>
                                        </tr>
                                    </thead>
                                    <tbody>
                                        {list
                                            .into_iter()
                                            .map(|s| {
                                                let owner = s
                                                    .department_id
                                                    .and_then(|d| departments.iter().find(|x| x.id == d))
                                                    .map(|d| d.name(l.as_str()).to_string())
                                                    .unwrap_or_else(|| "—".into());
                                                view! {
                                                    <tr>
                                                        <td>
                                                            <a href=format!(
                                                                "/staff/surveys/{}",
                                                                s.id,
                                                            )>{s.title.get(l.as_str()).to_string()}</a>
                                                        </td>
                                                        <td>{owner}</td>
                                                        <td>{state_label(l, s.state)}</td>
                                                        <td>{s.responses}</td>
                                                    </tr>
                                                }
                                            })
                                            .collect_view()}
                                    </tbody>
                                </table>
                                {may_create
                                    .then(|| {
                                        view! {
                                            <section class="narrow" aria-labelledby="new-survey-h">
                                                <h2 id="new-survey-h">{td_string!(l, survey_new)}</h2>
                                                <p class="hint">{td_string!(l, survey_owned_hint)}</p>
                                                <FormErrors error=error />
                                                <ActionForm action=create>
                                                    <SurveyFields error=error />
                                                    <div class="form-actions">
                                                        <button type="submit" class="primary">
                                                            {td_string!(l, survey_create)}
                                                        </button>
                                                    </div>
                                                </ActionForm>
                                            </section>
                                        }
                                    })}
                            }
                                .into_any()
                        }
                    })
            }}
        </Suspense>
    }
}

#[component]
pub fn StaffSurveyPage() -> impl IntoView {
    let i18n = use_i18n();
    let l = i18n.get_locale_untracked();
    let params = use_params_map();
    let id = move || params.read().get("id").and_then(|v| v.parse::<i64>().ok()).unwrap_or(0);
    let update = ServerAction::<UpdateSurvey>::new();
    let add = ServerAction::<AddSurveyQuestion>::new();
    let change = ServerAction::<ChangeSurveyQuestion>::new();
    let status = ServerAction::<SetSurveyStatus>::new();
    let edit = ServerAction::<EditSurveyQuestion>::new();
    let edit_e = action_error(edit);
    let (update_e, add_e, change_e, status_e) = (
        action_error(update),
        action_error(add),
        action_error(change),
        action_error(status),
    );
    let data = Resource::new(
        move || {
            (
                id(),
                update.version().get() + add.version().get() + change.version().get() + status.version().get(),
            )
        },
        |(id, _)| staff_survey(id),
    );
    let kinds: Vec<(String, String)> = QuestionKind::ALL
        .iter()
        .map(|k| (k.as_str().to_string(), kind_label(l, *k).to_string()))
        .collect();
    view! {
        <Title text=td_string!(l, surveys_staff_title) />
        <p class="meta">
            <a href="/staff/surveys">{td_string!(l, surveys_staff_title)}</a>
        </p>
        <Suspense fallback=move || {
            view! { <p>{t!(i18n, common_loading)}</p> }
        }>
            {move || {
                data.get()
                    .map(|r| match r {
                        Err(e) => view! { <Refusal error=e /> }.into_any(),
                        Ok((s, results, manages)) => {
                            let locked = s.responses > 0;
                            let sid = s.id;
                            let kinds = kinds.clone();
                            let (for_preview, for_settings, for_results) = (s.clone(), s.clone(), s.clone());
                            let questions = s.questions.clone();
                            view! {
                                <h1>{s.title.get(l.as_str()).to_string()}</h1>
                                <p class="meta">
                                    <strong class="status">{state_label(l, s.state)}</strong>
                                    " · "
                                    {td_string!(l, survey_responses)}
                                    ": "
                                    {s.responses}
                                    " · "
                                    <a href=format!("/surveys/{sid}") rel="external">
                                        {td_string!(l, survey_public_page)}
                                    </a>
                                    {manages
                                        .then(|| {
                                            view! {
                                                " · "
                                                <a
                                                    href=format!("/staff/surveys/{sid}/export.csv?lang={}", l.as_str())
                                                    rel="external"
                                                    download=""
                                                >
                                                    {td_string!(l, survey_csv)}
                                                </a>
                                            }
                                        })}
                                </p>
                                {(!manages).then(|| view! { <p class="notice">{td_string!(l, survey_read_only)}</p> })}
                                <FormErrors error=status_e />
                                {manages
                                    .then(|| {
                                        view! {
                                            <ActionForm action=status>
                                                <input type="hidden" name="id" value=sid />
                                                {match s.state {
                                                    SurveyState::Draft => {
                                                        view! {
                                                            <input type="hidden" name="publish" value="true" />
                                                            <button type="submit" class="primary">
                                                                {td_string!(l, survey_publish)}
                                                            </button>
                                                        }
                                                            .into_any()
                                                    }
                                                    SurveyState::Closed => {
                                                        view! {
                                                            <input type="hidden" name="publish" value="true" />
                                                            <button type="submit">
                                                                {td_string!(l, survey_reopen)}
                                                            </button>
                                                        }
                                                            .into_any()
                                                    }
                                                    _ => {
                                                        view! {
                                                            <input type="hidden" name="publish" value="false" />
                                                            <button type="submit">{td_string!(l, survey_close)}</button>
                                                        }
                                                            .into_any()
                                                    }
                                                }}
                                            </ActionForm>
                                        }
                                    })}
                                <section aria-labelledby="q-h">
                                    <h2 id="q-h">{td_string!(l, survey_questions)}</h2>
                                    {locked.then(|| view! { <p class="notice">{td_string!(l, survey_locked)}</p> })}
                                    <FormErrors error=change_e />
                                    <FormErrors error=edit_e />
                                    <ol class="questions">
                                        {questions
                                            .into_iter()
                                            .map(|q| {
                                                view! {
                                                    <li>
                                                        <strong>{q.text.get(l.as_str()).to_string()}</strong>
                                                        " · "
                                                        {kind_label(l, q.kind)}
                                                        {q
                                                            .required
                                                            .then(|| {
                                                                view! {
                                                                    " · "
                                                                    {td_string!(l, survey_required)}
                                                                }
                                                            })}
                                                        {(!q.options.is_empty())
                                                            .then(|| {
                                                                view! {
                                                                    <span class="meta">
                                                                        " ("
                                                                        {q
                                                                            .options
                                                                            .iter()
                                                                            .map(|o| o.text.get(l.as_str()).to_string())
                                                                            .collect::<Vec<_>>()
                                                                            .join(", ")} ")"
                                                                    </span>
                                                                }
                                                            })}
                                                        {(!locked && manages)
                                                            .then(|| {
                                                                [
                                                                    (-1i64, "↑", td_string!(l, survey_move_up)),
                                                                    (1, "↓", td_string!(l, survey_move_down)),
                                                                    (0, "×", td_string!(l, cal_remove)),
                                                                ]
                                                                    .into_iter()
                                                                    .map(|(shift, sign, label)| {
                                                                        view! {
                                                                            <ActionForm action=change attr:class="inline">
                                                                                <input type="hidden" name="survey" value=sid />
                                                                                <input type="hidden" name="question" value=q.id />
                                                                                <input type="hidden" name="shift" value=shift />
                                                                                <button type="submit" class="link" title=label>
                                                                                    <span aria-hidden="true">{sign}</span>
                                                                                    <span class="visually-hidden">{label}</span>
                                                                                </button>
                                                                            </ActionForm>
                                                                        }
                                                                    })
                                                                    .collect_view()
                                                            })}
                                                        {manages
                                                            .then(|| {
                                                                let q = q.clone();
                                                                view! {
                                                                    <details>
                                                                        <summary>{td_string!(l, survey_edit_texts)}</summary>
                                                                        <ActionForm action=edit>
                                                                            <input type="hidden" name="survey" value=sid />
                                                                            <input type="hidden" name="question" value=q.id />
                                                                            <input
                                                                                type="hidden"
                                                                                name="input[kind]"
                                                                                value=q.kind.as_str()
                                                                            />
                                                                            {[
                                                                                (
                                                                                    "input[text_kk]",
                                                                                    "kk",
                                                                                    q.text.kk.clone(),
                                                                                    td_string!(l, survey_text_kk),
                                                                                ),
                                                                                (
                                                                                    "input[text_ru]",
                                                                                    "ru",
                                                                                    q.text.ru.clone(),
                                                                                    td_string!(l, survey_text_ru),
                                                                                ),
                                                                                (
                                                                                    "input[text_en]",
                                                                                    "en",
                                                                                    q.text.en.clone(),
                                                                                    td_string!(l, survey_text_en),
                                                                                ),
                                                                            ]
                                                                                .into_iter()
                                                                                .map(|(name, lang, value, label)| {
                                                                                    let id = format!("qt-{}-{lang}", q.id);
                                                                                    view! {
                                                                                        <div class="field">
                                                                                            <label for=id.clone()>{label}</label>
                                                                                            <input id=id name=name type="text" value=value />
                                                                                        </div>
                                                                                    }
                                                                                })
                                                                                .collect_view()}
                                                                            <div class="form-actions">
                                                                                <button type="submit">{td_string!(l, common_save)}</button>
                                                                            </div>
                                                                        </ActionForm>
                                                                    </details>
                                                                }
                                                            })}
                                                    </li>
                                                }
                                            })
                                            .collect_view()}
                                    </ol>
                                </section>
                                {(!locked && manages)
                                    .then(|| {
                                        let kinds = kinds.clone();
                                        view! {
                                            <section class="narrow" aria-labelledby="add-q-h">
                                                <h2 id="add-q-h">{td_string!(l, survey_add_question)}</h2>
                                                <FormErrors error=add_e />
                                                <ActionForm action=add>
                                                    <input type="hidden" name="survey" value=sid />
                                                    <SelectField
                                                        label=td_string!(l, survey_question_kind)
                                                        name="input[kind]"
                                                        field="kind"
                                                        options=kinds
                                                        error=add_e
                                                    />
                                                    <div class="field">
                                                        <label class="choice">
                                                            <input
                                                                type="checkbox"
                                                                name="input[required]"
                                                                value="true"
                                                            />
                                                            {td_string!(l, survey_required)}
                                                        </label>
                                                    </div>
                                                    <Field
                                                        label=td_string!(l, survey_text_kk)
                                                        name="input[text_kk]"
                                                        field="text_kk"
                                                        error=add_e
                                                    />
                                                    <Field
                                                        label=td_string!(l, survey_text_ru)
                                                        name="input[text_ru]"
                                                        field="text_ru"
                                                        error=add_e
                                                    />
                                                    <Field
                                                        label=td_string!(l, survey_text_en)
                                                        name="input[text_en]"
                                                        field="text_en"
                                                        error=add_e
                                                    />
                                                    <TextArea
                                                        label=td_string!(l, survey_options_kk)
                                                        name="input[options_kk]"
                                                        field="options_kk"
                                                        rows=3
                                                        hint=td_string!(l, survey_options_hint)
                                                        error=add_e
                                                    />
                                                    <TextArea
                                                        label=td_string!(l, survey_options_ru)
                                                        name="input[options_ru]"
                                                        field="options_ru"
                                                        rows=3
                                                        error=add_e
                                                    />
                                                    <TextArea
                                                        label=td_string!(l, survey_options_en)
                                                        name="input[options_en]"
                                                        field="options_en"
                                                        rows=3
                                                        error=add_e
                                                    />
                                                    <div class="form-actions">
                                                        <button type="submit" class="primary">
                                                            {td_string!(l, survey_add_question)}
                                                        </button>
                                                    </div>
                                                </ActionForm>
                                            </section>
                                        }
                                    })}
                                <details>
                                    <summary>{td_string!(l, survey_preview)}</summary>
                                    <SurveyForm survey=for_preview preview=true />
                                </details>
                                {manages
                                    .then(|| {
                                        view! {
                                            <section class="narrow" aria-labelledby="edit-h">
                                                <h2 id="edit-h">{td_string!(l, survey_settings)}</h2>
                                                <FormErrors error=update_e />
                                                <ActionForm action=update>
                                                    <input type="hidden" name="id" value=sid />
                                                    <SurveyFields s=for_settings error=update_e />
                                                    <div class="form-actions">
                                                        <button type="submit">{td_string!(l, common_save)}</button>
                                                    </div>
                                                </ActionForm>
                                            </section>
                                        }
                                    })}
                                <ResultsView survey=for_results results=results />
                            }
                                .into_any()
                        }
                    })
            }}
        </Suspense>
    }
}
