//! The public forms: a citizen's question and a journalist's press query,
//! and the status page reached by the private link.

use crate::components::forms::{action_error, Field, FormErrors, Refusal, SelectField};
use crate::error::messages::field_message;
use crate::i18n::*;
use crate::items::labels::status_label;
use crate::items::server_fns::{track, SubmitItem};
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::{use_params_map, use_query_map};

#[component]
pub fn AskPage() -> impl IntoView {
    view! { <ItemFormPage kind="question" /> }
}

#[component]
pub fn PressPage() -> impl IntoView {
    view! { <ItemFormPage kind="press_query" /> }
}

#[component]
fn ItemFormPage(kind: &'static str) -> impl IntoView {
    let i18n = use_i18n();
    let l = i18n.get_locale_untracked();
    let press = kind == "press_query";
    let submit = ServerAction::<SubmitItem>::new();
    let error = action_error(submit);
    let choices = Resource::new(
        || (),
        |_| async {
            Ok::<_, crate::error::AppError>((
                crate::departments::server_fns::public_departments().await?,
                crate::publications::server_fns::topic_list().await?,
            ))
        },
    );
    // Refused without JavaScript: the form comes back with what was typed.
    let echo = error.get_untracked().and_then(|e| e.input).unwrap_or_default();
    let val = move |k: &str| echo.get(k).cloned().unwrap_or_default();
    let title = if press {
        td_string!(l, press_title)
    } else {
        td_string!(l, ask_title)
    };
    let intro = if press {
        td_string!(l, press_intro)
    } else {
        td_string!(l, ask_intro)
    };
    let (subject, text, outlet, accreditation, needed_by, topic_v, dept_v, lang_v) = (
        val("subject"),
        val("text"),
        val("outlet"),
        val("accreditation"),
        val("needed_by"),
        val("topic"),
        val("department"),
        val("language"),
    );
    let consent = val("consent_to_publish") == "true";
    let text_code = move || error.get().and_then(|e| e.field_code("text"));
    view! {
        <Title text=title />
        <section class="narrow wide">
            <h1>{title}</h1>
            <p class="lead">{intro}</p>
            <FormErrors error=error />
            <Suspense fallback=move || {
                view! { <p>{t!(i18n, common_loading)}</p> }
            }>
                {move || {
                    choices
                        .get()
                        .map(|r| {
                            let (depts, topics) = r.unwrap_or_default();
                            let topic_opts: Vec<(String, String)> = std::iter::once((String::new(), "—".to_string()))
                                .chain(
                                    topics
                                        .into_iter()
                                        .map(|t| {
                                            let name = match l {
                                                Locale::kk => t.name_kk,
                                                Locale::ru => t.name_ru,
                                                Locale::en => t.name_en,
                                            };
                                            (t.code, name)
                                        }),
                                )
                                .collect();
                            let dept_opts: Vec<(String, String)> = std::iter::once((
                                    String::new(),
                                    td_string!(l, item_department_any).to_string(),
                                ))
                                .chain(depts.iter().map(|d| (d.code.clone(), d.name(l.as_str()).to_string())))
                                .collect();
                            let langs = vec![
                                ("kk".to_string(), "Қазақша".to_string()),
                                ("ru".to_string(), "Русский".to_string()),
                                ("en".to_string(), "English".to_string()),
                            ];
                            let lang_sel = if lang_v.is_empty() { l.as_str().to_string() } else { lang_v.clone() };
                            let text = text.clone();
                            let (tv, dv, sv) = (topic_v.clone(), dept_v.clone(), subject.clone());
                            let (ov, av, nv) = (outlet.clone(), accreditation.clone(), needed_by.clone());
                            view! {
                                <ActionForm action=submit>
                                    <input type="hidden" name="input[kind]" value=kind />
                                    <SelectField
                                        label=td_string!(l, item_topic)
                                        name="input[topic]"
                                        field="topic"
                                        options=topic_opts
                                        selected=tv
                                        error=error
                                    />
                                    <SelectField
                                        label=td_string!(l, item_department)
                                        name="input[department]"
                                        field="department"
                                        options=dept_opts
                                        selected=dv
                                        error=error
                                    />
                                    {press
                                        .then(move || {
                                            view! {
                                                <Field
                                                    label=td_string!(l, item_outlet)
                                                    name="input[outlet]"
                                                    field="outlet"
                                                    value=ov
                                                    required=true
                                                    error=error
                                                />
                                                <Field
                                                    label=td_string!(l, item_accreditation)
                                                    name="input[accreditation]"
                                                    field="accreditation"
                                                    value=av
                                                    error=error
                                                />
                                                <Field
                                                    label=td_string!(l, item_needed_by)
                                                    name="input[needed_by]"
                                                    field="needed_by"
                                                    kind="date"
                                                    value=nv
                                                    error=error
                                                />
                                            }
                                        })}
                                    <Field
                                        label=td_string!(l, item_subject)
                                        name="input[subject]"
                                        field="subject"
                                        value=sv
                                        required=true
                                        error=error
                                    />
                                    <div class="field" class:invalid=move || text_code().is_some()>
                                        <label for="f-text">{td_string!(l, item_text)}</label>
                                        <textarea
                                            id="f-text"
                                            name="input[text]"
                                            rows="8"
                                            maxlength="5000"
                                            required=true
                                            aria-invalid=move || text_code().is_some().then_some("true")
                                            aria-describedby=move || text_code().is_some().then_some("f-text-err")
                                        >
                                            {text}
                                        </textarea>
                                        {move || {
                                            text_code()
                                                .map(|c| {
                                                    view! {
                                                        <p class="field-error" id="f-text-err">
                                                            {field_message(l, c)}
                                                        </p>
                                                    }
                                                })
                                        }}
                                    </div>
                                    <p class="hint">{td_string!(l, item_pd_notice)}</p>
                                    <Field
                                        label=td_string!(l, item_name)
                                        name="input[name]"
                                        field="name"
                                        required=true
                                        autocomplete="name"
                                        error=error
                                    />
                                    <Field
                                        label=td_string!(l, item_email)
                                        name="input[email]"
                                        field="email"
                                        kind="email"
                                        required=true
                                        autocomplete="email"
                                        error=error
                                    />
                                    <SelectField
                                        label=td_string!(l, item_language)
                                        name="input[language]"
                                        field="language"
                                        options=langs
                                        selected=lang_sel
                                        error=error
                                    />
                                    <div class="field">
                                        <label class="choice">
                                            <input
                                                type="checkbox"
                                                name="input[consent_to_publish]"
                                                value="true"
                                                checked=consent
                                            />
                                            {td_string!(l, item_consent)}
                                        </label>
                                    </div>
                                    <div class="form-actions">
                                        <button type="submit" class="primary">
                                            {td_string!(l, item_submit)}
                                        </button>
                                    </div>
                                </ActionForm>
                            }
                        })
                }}
            </Suspense>
        </section>
    }
}

#[component]
pub fn TrackPage() -> impl IntoView {
    let i18n = use_i18n();
    let l = i18n.get_locale_untracked();
    let params = use_params_map();
    let q = use_query_map();
    let key = move || {
        (
            params.read().get("code").unwrap_or_default(),
            q.read().get("token").unwrap_or_default(),
        )
    };
    let data = Resource::new(key, |(code, token)| track(code, token));
    let fresh = move || q.read().get("new").is_some();
    let kz = chrono::FixedOffset::east_opt(5 * 3600).expect("offset");
    let when = move |t: chrono::DateTime<chrono::Utc>| t.with_timezone(&kz).format("%Y-%m-%d %H:%M").to_string();
    view! {
        <Title text=td_string!(l, track_title) />
        <h1>{td_string!(l, track_title)}</h1>
        <Suspense fallback=move || {
            view! { <p>{t!(i18n, common_loading)}</p> }
        }>
            {move || {
                data.get()
                    .map(|r| match r {
                        Err(e) => view! { <Refusal error=e /> }.into_any(),
                        Ok(v) => {
                            view! {
                                {fresh()
                                    .then(|| {
                                        view! {
                                            <p class="notice" role="status">
                                                {td_string!(l, track_saved)}
                                            </p>
                                        }
                                    })}
                                <dl class="facts">
                                    <dt>{td_string!(l, track_code)}</dt>
                                    <dd class="tracking-code">{v.tracking_code.clone()}</dd>
                                    <dt>{td_string!(l, track_status)}</dt>
                                    <dd>{status_label(l, v.status)}</dd>
                                    <dt>{td_string!(l, track_department)}</dt>
                                    <dd>
                                        {v
                                            .department
                                            .clone()
                                            .unwrap_or_else(|| td_string!(l, track_triage).to_string())}
                                    </dd>
                                    <dt>{td_string!(l, track_received)}</dt>
                                    <dd>{when(v.received_at)}</dd>
                                    <dt>{td_string!(l, track_due)}</dt>
                                    <dd class="due">{when(v.due_at)}</dd>
                                </dl>
                                <h2>{td_string!(l, track_answer)}</h2>
                                {match v.answer.clone() {
                                    Some((text, at)) => {
                                        view! {
                                            <p class="comment-text">{text}</p>
                                            <p class="meta">{when(at)}</p>
                                        }
                                            .into_any()
                                    }
                                    None => view! { <p>{td_string!(l, track_no_answer)}</p> }.into_any(),
                                }}
                                <h2>{td_string!(l, track_history)}</h2>
                                <ol class="timeline">
                                    {v
                                        .history
                                        .iter()
                                        .map(|(at, kind, detail)| {
                                            view! {
                                                <li>
                                                    <time>{when(*at)}</time>
                                                    " · "
                                                    <strong>{crate::items::labels::event_label(l, kind)}</strong>
                                                    {(!detail.is_empty())
                                                        .then(|| view! { <p class="detail">{detail.clone()}</p> })}
                                                </li>
                                            }
                                        })
                                        .collect_view()}
                                </ol>
                            }
                                .into_any()
                        }
                    })
            }}
        </Suspense>
    }
}
