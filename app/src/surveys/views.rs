//! Pieces the survey pages share: a survey's state in words, the answer form
//! (also the builder's preview) and the results with bars beside tables.

use crate::components::charts::{Chart, ChartKind, Series};
use crate::components::forms::{action_error, FormErrors};
use crate::error::messages::field_message;
use crate::error::AppError;
use crate::i18n::*;
use crate::surveys::results::QuestionKind;
use crate::surveys::server_fns::AnswerSurvey;
use crate::surveys::{Survey, SurveyQuestion, SurveyResults, SurveyState};
use leptos::prelude::*;

pub fn state_label(l: Locale, s: SurveyState) -> &'static str {
    match s {
        SurveyState::Draft => td_string!(l, survey_state_draft),
        SurveyState::Scheduled => td_string!(l, survey_state_scheduled),
        SurveyState::Open => td_string!(l, survey_state_open),
        SurveyState::Closed => td_string!(l, survey_state_closed),
    }
}

/// The questions as a form (or, with `preview`, disabled for staff).
#[component]
pub fn SurveyForm(survey: Survey, #[prop(optional)] preview: bool) -> impl IntoView {
    let l = use_i18n().get_locale_untracked();
    let answer = ServerAction::<AnswerSurvey>::new();
    let error = action_error(answer);
    if preview {
        return view! {
            <div class="preview">
                {survey
                    .questions
                    .into_iter()
                    .map(|q| view! { <QuestionField q=q error=error disabled=true /> })
                    .collect_view()}
            </div>
        }
        .into_any();
    }
    view! {
        <FormErrors error=error />
        <ActionForm action=answer attr:class="survey-form">
            <input type="hidden" name="id" value=survey.id />
            {survey.questions.into_iter().map(|q| view! { <QuestionField q=q error=error /> }).collect_view()}
            <div class="form-actions">
                <button type="submit" class="primary">
                    {td_string!(l, survey_submit)}
                </button>
            </div>
        </ActionForm>
    }
    .into_any()
}

/// Results: counts and shares per option, mean, distribution and NPS, texts.
#[component]
pub fn ResultsView(survey: Survey, results: SurveyResults) -> impl IntoView {
    let l = use_i18n().get_locale_untracked();
    let pct = |s: f64| format!("{:.0}%", s * 100.0);
    view! {
        <section class="results" aria-labelledby="results-h">
            <h2 id="results-h">{td_string!(l, survey_results)}</h2>
            <dl class="facts">
                <dt>{td_string!(l, survey_responses)}</dt>
                <dd class="responses">{results.responses}</dd>
                <dt>{td_string!(l, survey_completion)}</dt>
                <dd>{pct(results.completion_rate)}</dd>
            </dl>
            {survey
                .questions
                .iter()
                .map(|q| {
                    let r = results.questions.iter().find(|r| r.id == q.id).cloned();
                    let title = q.text.get(l.as_str()).to_string();
                    let texts = results
                        .texts
                        .iter()
                        .find(|(id, _)| *id == q.id)
                        .map(|(_, t)| t.clone())
                        .unwrap_or_default();
                    view! {
                        <article class="question-result" data-question=q.id>
                            <h3>{title.clone()}</h3>
                            {r
                                .map(|r| match q.kind {
                                    QuestionKind::Single | QuestionKind::Multiple => {
                                        let name_of = |id: i64| {
                                            q.options
                                                .iter()
                                                .find(|x| x.id == id)
                                                .map(|x| x.text.get(l.as_str()).to_string())
                                                .unwrap_or_default()
                                        };
                                        let top = r.options.iter().max_by_key(|o| o.count);
                                        let summary = format!(
                                            "{}: {}. {}",
                                            td_string!(l, survey_answered),
                                            r.answered,
                                            top
                                                .filter(|o| o.count > 0)
                                                .map(|o| format!("{} — {}.", name_of(o.id), pct(o.share)))
                                                .unwrap_or_default(),
                                        );
                                        view! {
                                            <Chart
                                                id=format!("ch-q{}", q.id)
                                                title=td_string!(l, survey_answers_chart)
                                                summary=summary
                                                label_header=td_string!(l, survey_option)
                                                labels=r.options.iter().map(|o| name_of(o.id)).collect()
                                                series=vec![
                                                    Series {
                                                        name: td_string!(l, rating_share).to_string(),
                                                        values: r
                                                            .options
                                                            .iter()
                                                            .map(|o| Some(o.share * 100.0))
                                                            .collect(),
                                                    },
                                                ]
                                                kind=ChartKind::Rows
                                                high=100.0
                                                unit=" %"
                                                own_table=true
                                            />
                                            <table class="data chart-table">
                                                <caption>
                                                    {title.clone()} " · " {td_string!(l, survey_answered)} ": "
                                                    {r.answered}
                                                </caption>
                                                <thead>
                                                    <tr>
                                                        <th scope="col">{td_string!(l, survey_option)}</th>
                                                        <th scope="col">{td_string!(l, rating_count)}</th>
                                                        <th scope="col">{td_string!(l, rating_share)}</th>
                                                    </tr>
                                                </thead>
                                                <tbody>
                                                    {r
                                                        .options
                                                        .iter()
                                                        .map(|o| {
                                                            let name = q
                                                                .options
                                                                .iter()
                                                                .find(|x| x.id == o.id)
                                                                .map(|x| x.text.get(l.as_str()).to_string())
                                                                .unwrap_or_default();
                                                            view! {
                                                                <tr>
                                                                    <th scope="row">{name}</th>
                                                                    <td class="count">{o.count}</td>
                                                                    <td class="num">{pct(o.share)}</td>
                                                                </tr>
                                                            }
                                                        })
                                                        .collect_view()}
                                                </tbody>
                                            </table>
                                        }
                                            .into_any()
                                    }
                                    QuestionKind::Scale | QuestionKind::Nps => {
                                        let (lo, _) = q.kind.range().unwrap_or((1, 5));
                                        let dist = r.distribution.clone().unwrap_or_default();
                                        let n = r.answered.max(1) as f64;
                                        let chart = view! {
                                            <Chart
                                                id=format!("ch-q{}", q.id)
                                                title=td_string!(l, survey_answers_chart)
                                                summary=format!(
                                                    "{}: {} · {}: {}.",
                                                    td_string!(l, survey_answered),
                                                    r.answered,
                                                    td_string!(l, rating_mean),
                                                    r
                                                        .mean
                                                        .map(|m| crate::components::format::number(l.as_str(), m, 2))
                                                        .unwrap_or_else(|| "—".into()),
                                                )
                                                label_header=td_string!(l, survey_value)
                                                labels=(0..dist.len()).map(|i| (lo + i as i64).to_string()).collect()
                                                series=vec![
                                                    Series {
                                                        name: td_string!(l, rating_count).to_string(),
                                                        values: dist.iter().map(|c| Some(*c as f64)).collect(),
                                                    },
                                                ]
                                                kind=ChartKind::Bars
                                                own_table=true
                                            />
                                        };
                                        view! {
                                            {chart}
                                            <dl class="facts">
                                                <dt>{td_string!(l, rating_mean)}</dt>
                                                <dd class="mean">
                                                    {r
                                                        .mean
                                                        .map(|m| crate::components::format::number(l.as_str(), m, 2))
                                                        .unwrap_or_else(|| "—".into())}
                                                </dd>
                                                {r
                                                    .nps
                                                    .map(|v| {
                                                        view! {
                                                            <dt>"NPS"</dt>
                                                            <dd class="nps">{format!("{v:.0}")}</dd>
                                                        }
                                                    })}
                                                <dt>{td_string!(l, survey_answered)}</dt>
                                                <dd>{r.answered}</dd>
                                            </dl>
                                            <table class="data chart-table">
                                                <caption>
                                                    {title.clone()} " · " {td_string!(l, rating_distribution)}
                                                </caption>
                                                <thead>
                                                    <tr>
                                                        <th scope="col">{td_string!(l, survey_value)}</th>
                                                        <th scope="col">{td_string!(l, rating_count)}</th>
                                                        <th scope="col">{td_string!(l, rating_share)}</th>
                                                    </tr>
                                                </thead>
                                                <tbody>
                                                    {dist
                                                        .iter()
                                                        .enumerate()
                                                        .map(|(i, c)| {
                                                            view! {
                                                                <tr>
                                                                    <th scope="row">{lo + i as i64}</th>
                                                                    <td>{*c}</td>
                                                                    <td class="num">{pct(*c as f64 / n)}</td>
                                                                </tr>
                                                            }
                                                        })
                                                        .collect_view()}
                                                </tbody>
                                            </table>
                                        }
                                            .into_any()
                                    }
                                    QuestionKind::Text => {
                                        view! {
                                            <p class="meta">{td_string!(l, survey_answered)} ": " {r.answered}</p>
                                            <ul class="texts">
                                                {texts
                                                    .iter()
                                                    .map(|t| view! { <li class="comment-text">{t.clone()}</li> })
                                                    .collect_view()}
                                            </ul>
                                        }
                                            .into_any()
                                    }
                                })}
                        </article>
                    }
                })
                .collect_view()}
        </section>
    }
}

#[component]
fn QuestionField(
    q: SurveyQuestion,
    error: Signal<Option<AppError>>,
    #[prop(optional)] disabled: bool,
) -> impl IntoView {
    let l = use_i18n().get_locale_untracked();
    let code = question_error(error, q.id);
    let name = format!("a[q{}]", q.id);
    let err_id = format!("q{}-err", q.id);
    let echo = error.get_untracked().and_then(|e| e.input).unwrap_or_default();
    let was = |k: &str| echo.get(k).cloned().unwrap_or_default();
    let key = format!("q{}", q.id);
    let before = was(&key);
    let input = match q.kind {
        QuestionKind::Single => q
            .options
            .iter()
            .map(|o| {
                let checked = before == o.id.to_string();
                view! {
                    <label class="choice">
                        <input type="radio" name=name.clone() value=o.id checked=checked disabled=disabled />
                        {o.text.get(l.as_str()).to_string()}
                    </label>
                }
            })
            .collect_view()
            .into_any(),
        QuestionKind::Multiple => q
            .options
            .iter()
            .map(|o| {
                let k = format!("q{}_o{}", q.id, o.id);
                let checked = !was(&k).is_empty();
                view! {
                    <label class="choice">
                        <input type="checkbox" name=format!("a[{k}]") value="on" checked=checked disabled=disabled />
                        {o.text.get(l.as_str()).to_string()}
                    </label>
                }
            })
            .collect_view()
            .into_any(),
        QuestionKind::Scale | QuestionKind::Nps => {
            let (lo, hi) = q.kind.range().unwrap_or((1, 5));
            view! {
                <div class="scale">
                    {(lo..=hi)
                        .map(|v| {
                            let checked = before == v.to_string();
                            view! {
                                <label class="choice scale-point">
                                    <input type="radio" name=name.clone() value=v checked=checked disabled=disabled />
                                    {v}
                                </label>
                            }
                        })
                        .collect_view()}
                </div>
                <p class="hint">
                    {if q.kind == QuestionKind::Nps {
                        td_string!(l, survey_nps_hint)
                    } else {
                        td_string!(l, survey_scale_hint)
                    }}
                </p>
            }
            .into_any()
        }
        QuestionKind::Text => view! {
            <textarea
                name=name.clone()
                rows="4"
                maxlength="2000"
                disabled=disabled
                aria-label=q.text.get(l.as_str()).to_string()
            >
                {before.clone()}
            </textarea>
        }
        .into_any(),
    };
    view! {
        <fieldset
            class="question"
            class:invalid=move || code().is_some()
            aria-describedby=move || code().map(|_| err_id.clone())
        >
            <legend>
                {q.text.get(l.as_str()).to_string()}
                {q
                    .required
                    .then(|| {
                        view! {
                            <span class="req" aria-hidden="true">
                                " *"
                            </span>
                            <span class="visually-hidden">" (" {td_string!(l, survey_required)} ")"</span>
                        }
                    })}
            </legend>
            {input}
            {move || {
                code()
                    .map(|c| {
                        view! {
                            <p class="field-error" id=format!("q{}-err", q.id)>
                                {field_message(l, c)}
                            </p>
                        }
                    })
            }}
        </fieldset>
    }
}

/// The error of one question, by its field (`q12`).
fn question_error(
    e: Signal<Option<AppError>>,
    q: i64,
) -> impl Fn() -> Option<crate::error::FieldCode> + Copy + Send + Sync {
    move || e.get().and_then(|e| e.field_code(&format!("q{q}")))
}
