//! The media register for analysts: the mention form, the CSV upload (a
//! plain multipart form, so it works without JavaScript), the mentions of a
//! period, the outlets, and one mention's page where a response is asked for.

use crate::components::forms::{action_error, Field, FormErrors, Refusal, SelectField, TextArea};
use crate::i18n::*;
use crate::media::charts::RegisterChart;
use crate::media::labels::{media_type_name, response_status, tone_name, tone_shown};
use crate::media::server_fns::{
    add_mention, media_page, mention_page, AddMention, AddOutlet, AskResponse, RemoveOutlet,
};
use crate::media::sources::server_fns::ConfirmTone;
use crate::media::views::mention_found::FoundBy;
use crate::publications::labels::topic_name;
use crate::{media::MediaType, publications::Tone};
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::{use_params_map, use_query_map};

#[component]
pub fn MediaPage() -> impl IntoView {
    let i18n = use_i18n();
    let l = i18n.get_locale_untracked();
    let q = use_query_map();
    let arg = move |k: &str| q.read().get(k).unwrap_or_default();
    let import_error = arg("import_error");
    let add = ServerAction::<AddMention>::new();
    let outlet_add = ServerAction::<AddOutlet>::new();
    let outlet_remove = ServerAction::<RemoveOutlet>::new();
    let data = Resource::new(
        move || {
            (
                arg("from"),
                arg("to"),
                arg("tone"),
                add.version().get(),
                outlet_add.version().get() + outlet_remove.version().get(),
            )
        },
        |(from, to, tone, _, _)| media_page(from, to, tone),
    );
    let (add_error, outlet_error, remove_error) =
        (action_error(add), action_error(outlet_add), action_error(outlet_remove));
    let echo = StoredValue::new(add_error.get_untracked().and_then(|e| e.input).unwrap_or_default());
    let val = move |k: &str| echo.with_value(|e| e.get(k).cloned().unwrap_or_default());
    let _ = add_mention;
    view! {
        <Title text=td_string!(l, media_title) />
        <h1>{td_string!(l, media_title)}</h1>
        <p class="hint">
            {td_string!(l, media_intro)} " " <a href="/staff/media/digest">{td_string!(l, media_digest)}</a> " · "
            <a href="/staff/media/sources">{td_string!(l, src_title)}</a>
        </p>
        <Suspense fallback=move || {
            view! { <p>{t!(i18n, common_loading)}</p> }
        }>
            {move || {
                data.get()
                    .map(|r| match r {
                        Err(e) => view! { <Refusal error=e /> }.into_any(),
                        Ok((mentions, outlets, depts, topics, daily)) => {
                            let outlet_opts: Vec<(String, String)> = outlets
                                .iter()
                                .map(|o| (o.name.clone(), o.name.clone()))
                                .collect();
                            let mut type_opts = vec![(String::new(), td_string!(l, media_type_of_outlet).to_string())];
                            type_opts
                                .extend(
                                    MediaType::ALL
                                        .iter()
                                        .map(|t| (t.as_str().to_string(), media_type_name(l, t.as_str()).to_string())),
                                );
                            let tone_opts: Vec<(String, String)> = Tone::ALL
                                .iter()
                                .map(|t| (t.as_str().to_string(), tone_name(l, t.as_str()).to_string()))
                                .collect();
                            let mut topic_opts = vec![(String::new(), "—".to_string())];
                            topic_opts.extend(topics.iter().map(|t| (t.code.clone(), topic_name(l, t))));
                            let mut dept_opts = vec![(String::new(), "—".to_string())];
                            dept_opts.extend(depts.iter().map(|d| (d.code.clone(), d.name(l.as_str()).to_string())));
                            let new_types: Vec<(String, String)> = type_opts[1..].to_vec();
                            let file_error = import_error.clone();
                            view! {
                                <section class="narrow" aria-labelledby="media-add-h">
                                    <h2 id="media-add-h">{td_string!(l, media_add)}</h2>
                                    <FormErrors error=add_error />
                                    <ActionForm action=add>
                                        <SelectField
                                            label=td_string!(l, media_outlet)
                                            name="input[outlet]"
                                            field="outlet"
                                            options=outlet_opts
                                            selected=val("outlet")
                                            error=add_error
                                        />
                                        <SelectField
                                            label=td_string!(l, media_type)
                                            name="input[media_type]"
                                            field="media_type"
                                            options=type_opts
                                            selected=val("media_type")
                                            error=add_error
                                        />
                                        <Field
                                            label=td_string!(l, media_headline)
                                            name="input[headline]"
                                            field="headline"
                                            value=val("headline")
                                            required=true
                                            error=add_error
                                        />
                                        <Field
                                            label=td_string!(l, media_link)
                                            name="input[url]"
                                            field="url"
                                            kind="url"
                                            value=val("url")
                                            required=true
                                            error=add_error
                                        />
                                        <Field
                                            label=td_string!(l, media_date)
                                            name="input[day]"
                                            field="day"
                                            kind="date"
                                            value=val("day")
                                            required=true
                                            error=add_error
                                        />
                                        <SelectField
                                            label=td_string!(l, media_tone)
                                            name="input[tone]"
                                            field="tone"
                                            options=tone_opts
                                            selected=val("tone")
                                            error=add_error
                                        />
                                        <Field
                                            label=td_string!(l, media_reach)
                                            name="input[reach]"
                                            field="reach"
                                            kind="number"
                                            value=val("reach")
                                            error=add_error
                                        />
                                        <SelectField
                                            label=td_string!(l, item_topic)
                                            name="input[topic]"
                                            field="topic"
                                            options=topic_opts
                                            selected=val("topic")
                                            error=add_error
                                        />
                                        <SelectField
                                            label=td_string!(l, pub_department)
                                            name="input[department]"
                                            field="department"
                                            options=dept_opts
                                            selected=val("department")
                                            error=add_error
                                        />
                                        <TextArea
                                            label=td_string!(l, media_summary)
                                            name="input[summary]"
                                            field="summary"
                                            value=val("summary")
                                            rows=3
                                            error=add_error
                                        />
                                        <div class="form-actions">
                                            <button type="submit" class="primary">
                                                {td_string!(l, media_add)}
                                            </button>
                                        </div>
                                    </ActionForm>
                                </section>
                                <section class="narrow" aria-labelledby="media-import-h">
                                    <h2 id="media-import-h">{td_string!(l, media_import)}</h2>
                                    <p class="hint" id="media-file-hint">
                                        {td_string!(l, media_import_hint)}
                                    </p>
                                    <form method="post" action="/staff/media/import" enctype="multipart/form-data">
                                        <div class="field">
                                            <label for="media-file">{td_string!(l, media_file)}</label>
                                            {(!file_error.is_empty())
                                                .then(|| {
                                                    view! {
                                                        <p class="field-error" id="media-file-err" role="alert">
                                                            {crate::error::messages::field_message_named(
                                                                l,
                                                                &file_error,
                                                            )}
                                                        </p>
                                                    }
                                                })}
                                            <input
                                                id="media-file"
                                                name="file"
                                                type="file"
                                                accept=".csv,text/csv"
                                                required=true
                                                aria-invalid=(!file_error.is_empty()).then_some("true")
                                                aria-describedby=if file_error.is_empty() {
                                                    "media-file-hint"
                                                } else {
                                                    "media-file-hint media-file-err"
                                                }
                                            />
                                        </div>
                                        <div class="form-actions">
                                            <button type="submit">{td_string!(l, media_check_file)}</button>
                                        </div>
                                    </form>
                                </section>
                                <section aria-labelledby="media-list-h">
                                    <h2 id="media-list-h">{td_string!(l, media_list)}</h2>
                                    <form method="get" action="/staff/media" class="filters">
                                        <div class="field">
                                            <label for="m-from">{td_string!(l, pubs_filter_from)}</label>
                                            <input id="m-from" name="from" type="date" value=arg("from") />
                                        </div>
                                        <div class="field">
                                            <label for="m-to">{td_string!(l, pubs_filter_to)}</label>
                                            <input id="m-to" name="to" type="date" value=arg("to") />
                                        </div>
                                        <div class="field">
                                            <label for="m-tone">{td_string!(l, media_tone)}</label>
                                            <select id="m-tone" name="tone">
                                                <option value="">{td_string!(l, pubs_any)}</option>
                                                {Tone::ALL
                                                    .iter()
                                                    .map(|t| {
                                                        view! {
                                                            <option value=t.as_str() selected=arg("tone") == t.as_str()>
                                                                {tone_name(l, t.as_str())}
                                                            </option>
                                                        }
                                                    })
                                                    .collect_view()}
                                            </select>
                                        </div>
                                        <div class="form-actions">
                                            <button type="submit">{td_string!(l, media_show)}</button>
                                        </div>
                                    </form>
                                    <RegisterChart d=daily />
                                    <table class="data mentions">
                                        <thead>
                                            <tr>
                                                <th scope="col">{td_string!(l, media_date)}</th>
                                                <th scope="col">{td_string!(l, media_outlet)}</th>
                                                <th scope="col">{td_string!(l, media_type)}</th>
                                                <th scope="col">{td_string!(l, media_headline)}</th>
                                                <th scope="col">{td_string!(l, media_tone)}</th>
                                                <th scope="col">{td_string!(l, media_reach)}</th>
                                                <th scope="col">{td_string!(l, media_response)}</th>
                                            </tr>
                                        </thead>
                                        <tbody>
                                            {mentions
                                                .into_iter()
                                                .map(|m| {
                                                    view! {
                                                        <tr data-tone=m.tone.clone()>
                                                            <td>{m.day.to_string()}</td>
                                                            <td>{m.outlet.clone()}</td>
                                                            <td>{media_type_name(l, &m.media_type)}</td>
                                                            <td>
                                                                <a href=format!(
                                                                    "/staff/media/mentions/{}",
                                                                    m.id,
                                                                )>{m.headline.clone()}</a>
                                                                {(m.story_mentions > 1)
                                                                    .then(|| {
                                                                        view! {
                                                                            " "
                                                                            <a
                                                                                class="badge story"
                                                                                href=format!(
                                                                                    "/staff/media/stories/{}",
                                                                                    m.story_id.unwrap_or_default(),
                                                                                )
                                                                            >
                                                                                {format!(
                                                                                    "{} · {}",
                                                                                    td_string!(l, story_title),
                                                                                    m.story_mentions,
                                                                                )}
                                                                            </a>
                                                                        }
                                                                    })}
                                                            </td>
                                                            <td>{tone_shown(l, &m)}</td>
                                                            <td class="num">
                                                                {m.reach.map(|r| r.to_string()).unwrap_or_default()}
                                                            </td>
                                                            <td>{response_status(l, &m)}</td>
                                                        </tr>
                                                    }
                                                })
                                                .collect_view()}
                                        </tbody>
                                    </table>
                                </section>
                                <section class="narrow" aria-labelledby="media-outlets-h">
                                    <h2 id="media-outlets-h">{td_string!(l, media_outlets)}</h2>
                                    <FormErrors error=remove_error />
                                    <table class="data">
                                        <thead>
                                            <tr>
                                                <th scope="col">{td_string!(l, media_name)}</th>
                                                <th scope="col">{td_string!(l, media_type)}</th>
                                                <th scope="col">{td_string!(l, media_count)}</th>
                                                <th scope="col">{td_string!(l, common_actions)}</th>
                                            </tr>
                                        </thead>
                                        <tbody>
                                            {outlets
                                                .into_iter()
                                                .map(|o| {
                                                    view! {
                                                        <tr>
                                                            <th scope="row">{o.name.clone()}</th>
                                                            <td>{media_type_name(l, &o.media_type)}</td>
                                                            <td class="num">{o.mentions}</td>
                                                            <td>
                                                                {(o.mentions == 0)
                                                                    .then(|| {
                                                                        view! {
                                                                            <ActionForm action=outlet_remove attr:class="inline">
                                                                                <input type="hidden" name="id" value=o.id />
                                                                                <button type="submit" class="link">
                                                                                    {td_string!(l, cal_remove)}
                                                                                    <span class="visually-hidden">" " {o.name.clone()}</span>
                                                                                </button>
                                                                            </ActionForm>
                                                                        }
                                                                    })}
                                                            </td>
                                                        </tr>
                                                    }
                                                })
                                                .collect_view()}
                                        </tbody>
                                    </table>
                                    <h3>{td_string!(l, media_outlet_add)}</h3>
                                    <FormErrors error=outlet_error />
                                    <ActionForm action=outlet_add>
                                        <Field
                                            label=td_string!(l, media_name)
                                            name="outlet_name"
                                            field="outlet_name"
                                            required=true
                                            error=outlet_error
                                        />
                                        <SelectField
                                            label=td_string!(l, media_type)
                                            name="outlet_type"
                                            field="outlet_type"
                                            options=new_types
                                            error=outlet_error
                                        />
                                        <div class="form-actions">
                                            <button type="submit">{td_string!(l, media_outlet_add)}</button>
                                        </div>
                                    </ActionForm>
                                </section>
                            }
                                .into_any()
                        }
                    })
            }}
        </Suspense>
    }
}

#[component]
pub fn MentionPage() -> impl IntoView {
    let i18n = use_i18n();
    let l = i18n.get_locale_untracked();
    let params = use_params_map();
    let id = move || params.read().get("id").and_then(|s| s.parse::<i64>().ok()).unwrap_or(0);
    let ask = ServerAction::<AskResponse>::new();
    let confirm = ServerAction::<ConfirmTone>::new();
    let data = Resource::new(
        move || (id(), ask.version().get() + confirm.version().get()),
        |(id, _)| mention_page(id),
    );
    let ask_error = action_error(ask);
    view! {
        <Title text=td_string!(l, media_title) />
        <p>
            <a href="/staff/media">{td_string!(l, media_back)}</a>
        </p>
        <Suspense fallback=move || {
            view! { <p>{t!(i18n, common_loading)}</p> }
        }>
            {move || {
                data.get()
                    .map(|r| match r {
                        Err(e) => view! { <Refusal error=e /> }.into_any(),
                        Ok((m, depts)) => {
                            let status = response_status(l, &m);
                            let mut dept_opts = vec![(String::new(), "—".to_string())];
                            dept_opts.extend(depts.iter().map(|d| (d.code.clone(), d.name(l.as_str()).to_string())));
                            let responses: Vec<(String, String)> = [
                                ("refute", td_string!(l, media_refute)),
                                ("clarify", td_string!(l, media_clarify)),
                                ("amplify", td_string!(l, media_amplify)),
                            ]
                                .into_iter()
                                .map(|(a, b)| (a.to_string(), b.to_string()))
                                .collect();
                            let selected_dept = m.department.clone().unwrap_or_default();
                            view! {
                                <h1>{m.headline.clone()}</h1>
                                <dl class="facts">
                                    <dt>{td_string!(l, media_outlet)}</dt>
                                    <dd>{m.outlet.clone()} " · " {media_type_name(l, &m.media_type)}</dd>
                                    <dt>{td_string!(l, media_date)}</dt>
                                    <dd>{m.day.to_string()}</dd>
                                    <dt>{td_string!(l, media_tone)}</dt>
                                    <dd data-tone=m.tone.clone()>{tone_shown(l, &m)}</dd>
                                    <dt>{td_string!(l, media_link)}</dt>
                                    <dd>
                                        <a href=m.url.clone() rel="external noopener">
                                            {m.url.clone()}
                                        </a>
                                    </dd>
                                    <dt>{td_string!(l, media_reach)}</dt>
                                    <dd>{m.reach.map(|r| r.to_string()).unwrap_or_else(|| "—".into())}</dd>
                                    <dt>{td_string!(l, media_summary)}</dt>
                                    <dd>{m.summary.clone()}</dd>
                                    <dt>{td_string!(l, media_response)}</dt>
                                    <dd class="response-status">{status}</dd>
                                </dl>
                                <FoundBy m=m.clone() confirm=confirm />
                                {match m.task.clone() {
                                    Some((code, _)) => {
                                        view! {
                                            <section aria-labelledby="task-h">
                                                <h2 id="task-h">{td_string!(l, media_task)}</h2>
                                                <p>
                                                    <a href=format!("/staff/items/{code}")>{code.clone()}</a>
                                                </p>
                                                {m
                                                    .outcome
                                                    .clone()
                                                    .map(|o| {
                                                        view! {
                                                            <h3>{td_string!(l, media_outcome)}</h3>
                                                            <p class="outcome">{o}</p>
                                                        }
                                                    })}
                                            </section>
                                        }
                                            .into_any()
                                    }
                                    None => {
                                        view! {
                                            <section class="narrow" aria-labelledby="ask-h">
                                                <h2 id="ask-h">{td_string!(l, media_ask)}</h2>
                                                <FormErrors error=ask_error />
                                                <ActionForm action=ask>
                                                    <input type="hidden" name="id" value=m.id />
                                                    <SelectField
                                                        label=td_string!(l, media_response)
                                                        name="response"
                                                        field="response"
                                                        options=responses
                                                        error=ask_error
                                                    />
                                                    <SelectField
                                                        label=td_string!(l, pub_department)
                                                        name="department"
                                                        field="department"
                                                        options=dept_opts
                                                        selected=selected_dept
                                                        error=ask_error
                                                    />
                                                    <TextArea
                                                        label=td_string!(l, media_note)
                                                        name="note"
                                                        field="note"
                                                        rows=3
                                                        error=ask_error
                                                    />
                                                    <div class="form-actions">
                                                        <button type="submit" class="primary">
                                                            {td_string!(l, media_ask)}
                                                        </button>
                                                    </div>
                                                </ActionForm>
                                            </section>
                                        }
                                            .into_any()
                                    }
                                }}
                            }
                                .into_any()
                        }
                    })
            }}
        </Suspense>
    }
}
