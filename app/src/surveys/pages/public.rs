//! Public survey pages: the list of surveys, one survey's answer form (works
//! without JavaScript; errors beside their questions), and its results where
//! they are public, as SVG bars beside data tables.

use crate::components::format::local_time;
use crate::components::forms::Refusal;
use crate::i18n::*;
use crate::surveys::server_fns::{public_survey, public_surveys};
use crate::surveys::views::{state_label, ResultsView, SurveyForm};
use crate::surveys::SurveyState;
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::{use_params_map, use_query_map};

#[component]
pub fn SurveysPage() -> impl IntoView {
    let i18n = use_i18n();
    let l = i18n.get_locale_untracked();
    let data = Resource::new(|| (), |_| public_surveys());
    view! {
        <Title text=td_string!(l, surveys_title) />
        <h1>{td_string!(l, surveys_title)}</h1>
        <Suspense fallback=move || {
            view! { <p>{t!(i18n, common_loading)}</p> }
        }>
            {move || {
                data.get()
                    .map(|r| match r {
                        Err(e) => view! { <Refusal error=e /> }.into_any(),
                        Ok(list) if list.is_empty() => view! { <p>{td_string!(l, surveys_none)}</p> }.into_any(),
                        Ok(list) => {
                            view! {
                                <ul class="cards">
                                    {list
                                        .into_iter()
                                        .map(|s| {
                                            view! {
                                                <li class="survey-card">
                                                    <h2>
                                                        <a href=format!(
                                                            "/surveys/{}",
                                                            s.id,
                                                        )>{s.title.get(l.as_str()).to_string()}</a>
                                                    </h2>
                                                    <p class="meta">
                                                        {state_label(l, s.state)}
                                                        {s
                                                            .closes_at
                                                            .map(|c| {
                                                                view! {
                                                                    " · "
                                                                    {td_string!(l, survey_closes)}
                                                                    " "
                                                                    {local_time(c)}
                                                                }
                                                            })} " · " {td_string!(l, survey_responses)} ": "
                                                        {s.responses}
                                                    </p>
                                                </li>
                                            }
                                        })
                                        .collect_view()}
                                </ul>
                            }
                                .into_any()
                        }
                    })
            }}
        </Suspense>
    }
}

#[component]
pub fn SurveyPage() -> impl IntoView {
    let i18n = use_i18n();
    let l = i18n.get_locale_untracked();
    let params = use_params_map();
    let query = use_query_map();
    let id = move || params.read().get("id").and_then(|v| v.parse::<i64>().ok()).unwrap_or(0);
    let thanks = move || query.read().get("thanks").is_some();
    // Reloaded after answering (the redirect adds `thanks`).
    let data = Resource::new(move || (id(), thanks()), |(id, _)| public_survey(id));
    view! {
        <Title text=td_string!(l, surveys_title) />
        <Suspense fallback=move || {
            view! { <p>{t!(i18n, common_loading)}</p> }
        }>
            {move || {
                data.get()
                    .map(|r| match r {
                        Err(e) => view! { <Refusal error=e /> }.into_any(),
                        Ok((s, answered, results)) => {
                            let form = (s.state == SurveyState::Open && !answered).then(|| s.clone());
                            view! {
                                <h1>{s.title.get(l.as_str()).to_string()}</h1>
                                <p class="lead">{s.description.get(l.as_str()).to_string()}</p>
                                <p class="meta">
                                    {state_label(l, s.state)}
                                    {s
                                        .opens_at
                                        .map(|o| {
                                            view! {
                                                " · "
                                                {td_string!(l, survey_opens)}
                                                " "
                                                {local_time(o)}
                                            }
                                        })}
                                    {s
                                        .closes_at
                                        .map(|c| {
                                            view! {
                                                " · "
                                                {td_string!(l, survey_closes)}
                                                " "
                                                {local_time(c)}
                                            }
                                        })}
                                </p>
                                {thanks()
                                    .then(|| {
                                        view! {
                                            <p class="notice" role="status">
                                                {td_string!(l, survey_thanks)}
                                            </p>
                                        }
                                    })}
                                {(answered && !thanks())
                                    .then(|| {
                                        view! {
                                            <p class="notice" role="status">
                                                {td_string!(l, survey_already)}
                                            </p>
                                        }
                                    })}
                                {(s.state == SurveyState::Closed)
                                    .then(|| view! { <p class="notice">{td_string!(l, survey_is_closed)}</p> })}
                                {(s.state == SurveyState::Scheduled)
                                    .then(|| view! { <p class="notice">{td_string!(l, survey_not_yet)}</p> })}
                                {form.map(|f| view! { <SurveyForm survey=f /> })}
                                {results.map(|r| view! { <ResultsView survey=s.clone() results=r /> })}
                            }
                                .into_any()
                        }
                    })
            }}
        </Suspense>
    }
}
