//! The moderators' queue: approve a comment, or reject it with a reason.

use crate::components::forms::{action_error, FormErrors, Refusal};
use crate::i18n::*;
use crate::publications::labels;
use crate::publications::server_fns::{moderation_queue, Moderate};
use crate::surveys::server_fns::{survey_text_queue, DecideSurveyText};
use leptos::prelude::*;
use leptos_meta::Title;

#[component]
pub fn ModerationPage() -> impl IntoView {
    let i18n = use_i18n();
    let l = i18n.get_locale_untracked();
    let decide = ServerAction::<Moderate>::new();
    let error = action_error(decide);
    let queue = Resource::new(move || decide.version().get(), |_| moderation_queue());
    let decide_text = ServerAction::<DecideSurveyText>::new();
    let text_error = action_error(decide_text);
    let texts = Resource::new(move || decide_text.version().get(), |_| survey_text_queue());
    view! {
        <Title text=td_string!(l, mod_title) />
        <h1>{td_string!(l, mod_title)}</h1>
        <FormErrors error=error />
        <Suspense fallback=move || {
            view! { <p>{t!(i18n, common_loading)}</p> }
        }>
            {move || {
                queue
                    .get()
                    .map(|r| match r {
                        Err(e) => view! { <Refusal error=e /> }.into_any(),
                        Ok(items) if items.is_empty() => view! { <p>{td_string!(l, mod_none)}</p> }.into_any(),
                        Ok(items) => {
                            view! {
                                <ul class="moderation">
                                    {items
                                        .into_iter()
                                        .map(|c| {
                                            let id = c.rating_id;
                                            view! {
                                                <li class="queued">
                                                    <p class="meta">
                                                        {td_string!(l, mod_publication)} ": "
                                                        <a href=format!(
                                                            "/publications/{}",
                                                            c.publication_id,
                                                        )>{c.publication_title.get(l.as_str()).to_string()}</a> " · "
                                                        {"★".repeat(c.stars as usize)} " · "
                                                        {labels::tone(l, c.tone)}
                                                    </p>
                                                    {c
                                                        .flags
                                                        .iter()
                                                        .map(|f| {
                                                            let text = if f == "link" {
                                                                td_string!(l, mod_flag_link)
                                                            } else {
                                                                td_string!(l, mod_flag_abusive)
                                                            };
                                                            view! { <span class="badge warn">{text}</span> }
                                                        })
                                                        .collect_view()}
                                                    <blockquote class="comment-text">{c.text.clone()}</blockquote>
                                                    <div class="decisions">
                                                        <ActionForm action=decide attr:class="inline">
                                                            <input type="hidden" name="rating_id" value=id />
                                                            <button type="submit" class="primary">
                                                                {td_string!(l, mod_approve)}
                                                            </button>
                                                        </ActionForm>
                                                        <ActionForm action=decide attr:class="reject">
                                                            <input type="hidden" name="rating_id" value=id />
                                                            <input type="hidden" name="reject" value="1" />
                                                            <label for=format!(
                                                                "reason-{id}",
                                                            )>{td_string!(l, mod_reason)}</label>
                                                            <input
                                                                id=format!("reason-{id}")
                                                                name="reason"
                                                                type="text"
                                                                maxlength="500"
                                                            />
                                                            <button type="submit">{td_string!(l, mod_reject)}</button>
                                                        </ActionForm>
                                                    </div>
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
        <h2>{td_string!(l, mod_survey_texts)}</h2>
        <FormErrors error=text_error />
        <Suspense fallback=move || {
            view! { <p>{t!(i18n, common_loading)}</p> }
        }>
            {move || {
                texts
                    .get()
                    .map(|r| match r {
                        Err(e) => view! { <Refusal error=e /> }.into_any(),
                        Ok(items) if items.is_empty() => view! { <p>{td_string!(l, mod_none)}</p> }.into_any(),
                        Ok(items) => {
                            view! {
                                <ul class="moderation survey-texts">
                                    {items
                                        .into_iter()
                                        .map(|t| {
                                            view! {
                                                <li class="queued">
                                                    <p class="meta">
                                                        <a href=format!(
                                                            "/staff/surveys/{}",
                                                            t.survey_id,
                                                        )>{t.survey_title.get(l.as_str()).to_string()}</a>
                                                        " · "
                                                        {t.question.get(l.as_str()).to_string()}
                                                    </p>
                                                    <blockquote class="comment-text">{t.text.clone()}</blockquote>
                                                    <div class="decisions">
                                                        {[
                                                            (true, td_string!(l, mod_approve), "primary"),
                                                            (false, td_string!(l, mod_reject), ""),
                                                        ]
                                                            .into_iter()
                                                            .map(|(approve, label, class)| {
                                                                view! {
                                                                    <ActionForm action=decide_text attr:class="inline">
                                                                        <input
                                                                            type="hidden"
                                                                            name="response_id"
                                                                            value=t.response_id
                                                                        />
                                                                        <input
                                                                            type="hidden"
                                                                            name="question_id"
                                                                            value=t.question_id
                                                                        />
                                                                        <input
                                                                            type="hidden"
                                                                            name="approve"
                                                                            value=approve.to_string()
                                                                        />
                                                                        <button type="submit" class=class>
                                                                            {label}
                                                                        </button>
                                                                    </ActionForm>
                                                                }
                                                            })
                                                            .collect_view()}
                                                    </div>
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
