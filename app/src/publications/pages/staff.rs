//! Staff pages for publications: the list (drafts and archived too) with
//! publish / archive and the feed import, and one form for create and edit.

use crate::components::forms::{action_error, Field, FormErrors, Refusal, SelectField};
use crate::departments::Department;
use crate::error::messages::field_message;
use crate::i18n::*;
use crate::publications::labels;
use crate::publications::server_fns::{
    staff_publication, staff_publications, ImportFeedNow, SavePublication, SetPublicationStatus,
};
use crate::publications::{Channel, Kind, PubStatus, Publication};
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_params_map;

fn status_label(l: Locale, s: PubStatus) -> &'static str {
    match s {
        PubStatus::Draft => td_string!(l, status_draft),
        PubStatus::Published => td_string!(l, status_published),
        PubStatus::Archived => td_string!(l, status_archived),
    }
}

#[component]
pub fn StaffPublicationsPage() -> impl IntoView {
    let i18n = use_i18n();
    let l = i18n.get_locale_untracked();
    let status = ServerAction::<SetPublicationStatus>::new();
    let import = ServerAction::<ImportFeedNow>::new();
    let data = Resource::new(
        move || (status.version().get(), import.version().get()),
        |_| staff_publications(None),
    );
    let status_error = action_error(status);
    let import_error = action_error(import);
    view! {
        <Title text=td_string!(l, staffpub_title) />
        <div class="page-head">
            <h1>{td_string!(l, staffpub_title)}</h1>
            <a class="button primary" href="/staff/publications/new">
                {td_string!(l, staffpub_new)}
            </a>
        </div>
        <section class="feed-box" aria-labelledby="feed-h">
            <h2 id="feed-h">{td_string!(l, feed_title)}</h2>
            <ActionForm action=import attr:class="inline">
                <button type="submit">{td_string!(l, feed_import_now)}</button>
            </ActionForm>
            {move || {
                import_error
                    .get()
                    .map(|e| {
                        view! {
                            <p class="form-errors" role="alert">
                                {e
                                    .field_code("feed")
                                    .map(|c| field_message(l, c))
                                    .unwrap_or(crate::error::messages::error_message(l, e.code))}
                            </p>
                        }
                    })
            }}
            {move || {
                import
                    .value()
                    .get()
                    .and_then(|r| r.ok())
                    .map(|r| {
                        view! {
                            <p class="notice" role="status">
                                {td_string!(l, feed_added)}
                                ": "
                                {r.added}
                                " · "
                                {td_string!(l, feed_skipped)}
                                ": "
                                {r.skipped}
                                " · "
                                {td_string!(l, feed_failed)}
                                ": "
                                {r.failed}
                            </p>
                        }
                    })
            }}
        </section>
        <FormErrors error=status_error />
        <Suspense fallback=move || {
            view! { <p>{t!(i18n, common_loading)}</p> }
        }>
            {move || {
                data.get()
                    .map(|r| match r {
                        Err(e) => view! { <Refusal error=e /> }.into_any(),
                        Ok((page, last)) => {
                            view! {
                                {last
                                    .map(|f| {
                                        view! {
                                            <p class="hint">
                                                {td_string!(l, feed_last)} ": "
                                                {crate::components::format::local_time(f.at)} " — "
                                                {td_string!(l, feed_added)} " " {f.added} ", "
                                                {td_string!(l, feed_skipped)} " " {f.skipped} ", "
                                                {td_string!(l, feed_failed)} " " {f.failed}
                                            </p>
                                        }
                                    })}
                                <table class="data">
                                    <thead>
                                        <tr>
                                            <th scope="col">{td_string!(l, mod_publication)}</th>
                                            <th scope="col">{td_string!(l, pub_kind)}</th>
                                            <th scope="col">{td_string!(l, pub_department)}</th>
                                            <th scope="col">{td_string!(l, pub_published)}</th>
                                            <th scope="col">{td_string!(l, pub_status)}</th>
                                            <th scope="col">{td_string!(l, rating_count)}</th>
                                            <th scope="col">{td_string!(l, common_actions)}</th>
                                        </tr>
                                    </thead>
                                    <tbody>
                                        {page
                                            .items
                                            .into_iter()
                                            .map(|p| view! { <Row p=p action=status /> })
                                            .collect_view()}
                                    </tbody>
                                </table>
                            }
                                .into_any()
                        }
                    })
            }}
        </Suspense>
    }
}

#[component]
fn Row(p: Publication, action: ServerAction<SetPublicationStatus>) -> impl IntoView {
    let l = use_i18n().get_locale_untracked();
    let next = if p.status == PubStatus::Published {
        PubStatus::Archived
    } else {
        PubStatus::Published
    };
    let next_label = if next == PubStatus::Published {
        td_string!(l, pub_publish)
    } else {
        td_string!(l, pub_archive)
    };
    view! {
        <tr>
            <td>
                <a href=format!("/publications/{}", p.id)>{p.titles.get(l.as_str()).to_string()}</a>
            </td>
            <td>{labels::kind(l, p.kind)}</td>
            <td>{p.department_names.get(l.as_str()).to_string()}</td>
            <td>{crate::components::format::local_day(l.as_str(), p.published_at)}</td>
            <td>{status_label(l, p.status)}</td>
            <td>{p.ratings.count}</td>
            <td class="actions">
                <a href=format!("/staff/publications/{}", p.id)>{td_string!(l, common_edit)}</a>
                <ActionForm action=action attr:class="inline">
                    <input type="hidden" name="id" value=p.id />
                    <input type="hidden" name="status" value=next.as_str() />
                    <button type="submit" class="link">
                        {next_label}
                    </button>
                </ActionForm>
            </td>
        </tr>
    }
}

#[component]
pub fn StaffPublicationEditPage() -> impl IntoView {
    let i18n = use_i18n();
    let params = use_params_map();
    let id = move || params.read().get("id").and_then(|s| s.parse::<i64>().ok());
    let data = Resource::new(id, staff_publication);
    view! {
        <Suspense fallback=move || {
            view! { <p>{t!(i18n, common_loading)}</p> }
        }>
            {move || {
                data.get()
                    .map(|r| match r {
                        Err(e) => view! { <Refusal error=e /> }.into_any(),
                        Ok((p, depts, topics)) => view! { <PublicationForm p=p depts=depts topics=topics /> }.into_any(),
                    })
            }}
        </Suspense>
    }
}

#[component]
fn PublicationForm(
    p: Option<Publication>,
    depts: Vec<Department>,
    topics: Vec<crate::publications::Topic>,
) -> impl IntoView {
    let l = use_i18n().get_locale_untracked();
    let save = ServerAction::<SavePublication>::new();
    let error = action_error(save);
    let creating = p.is_none();
    let title = if creating {
        td_string!(l, staffpub_new)
    } else {
        td_string!(l, staffpub_edit)
    };
    // Values shown: what was just refused (also without JavaScript), else the publication.
    let echo = error.get_untracked().and_then(|e| e.input);
    let val = move |k: &str, from_pub: String| echo.as_ref().and_then(|m| m.get(k).cloned()).unwrap_or(from_pub);
    let kz = chrono::FixedOffset::east_opt(5 * 3600).expect("offset");
    let (id, kind, channel, dept, date, url, t, s, chosen) = match &p {
        Some(p) => (
            p.id.to_string(),
            p.kind.as_str().to_string(),
            p.channel.as_str().to_string(),
            p.department_id.to_string(),
            p.published_at.with_timezone(&kz).format("%Y-%m-%dT%H:%M").to_string(),
            p.url.clone().unwrap_or_default(),
            p.titles.clone(),
            p.summaries.clone(),
            p.topics.clone(),
        ),
        None => Default::default(),
    };
    let kinds: Vec<(String, String)> = Kind::ALL
        .iter()
        .map(|k| (k.as_str().into(), labels::kind(l, *k).into()))
        .collect();
    let channels: Vec<(String, String)> = Channel::ALL
        .iter()
        .map(|c| (c.as_str().into(), labels::channel(l, *c).into()))
        .collect();
    let dept_opts: Vec<(String, String)> = depts
        .iter()
        .map(|d| (d.id.to_string(), d.name(l.as_str()).to_string()))
        .collect();
    let summary = move |name: &'static str, field: &'static str, label: &'static str, value: String| {
        let code = move || error.get().and_then(|e| e.field_code(field));
        view! {
            <div class="field">
                <label for=format!("f-{field}")>{label}</label>
                <textarea id=format!("f-{field}") name=name rows="3">
                    {value}
                </textarea>
                {move || code().map(|c| view! { <p class="field-error">{field_message(l, c)}</p> })}
            </div>
        }
    };
    view! {
        <Title text=title />
        <section class="narrow wide">
            <h1>{title}</h1>
            <FormErrors error=error />
            <ActionForm action=save>
                <input type="hidden" name="id" value=id />
                <SelectField
                    label=td_string!(l, pub_kind)
                    name="input[kind]"
                    field="kind"
                    options=kinds
                    selected=val("kind", kind)
                    error=error
                />
                <SelectField
                    label=td_string!(l, pub_channel)
                    name="input[channel]"
                    field="channel"
                    options=channels
                    selected=val("channel", channel)
                    error=error
                />
                <SelectField
                    label=td_string!(l, pub_department)
                    name="input[department_id]"
                    field="department_id"
                    options=dept_opts
                    selected=val("department_id", dept)
                    error=error
                />
                <fieldset class="field">
                    <legend>{td_string!(l, pub_topics)}</legend>
                    {topics
                        .into_iter()
                        .enumerate()
                        .map(|(i, t)| {
                            let checked = chosen.contains(&t.code);
                            let name = match l {
                                Locale::kk => t.name_kk.clone(),
                                Locale::ru => t.name_ru.clone(),
                                Locale::en => t.name_en.clone(),
                            };
                            view! {
                                <label class="choice">
                                    <input
                                        type="checkbox"
                                        name=format!("input[topics][{i}]")
                                        value=t.code.clone()
                                        checked=checked
                                    />
                                    {name}
                                </label>
                            }
                        })
                        .collect_view()}
                    {move || {
                        error
                            .get()
                            .and_then(|e| {
                                e.field_code("topics")
                                    .map(|c| view! { <p class="field-error">{field_message(l, c)}</p> })
                            })
                    }}
                </fieldset>
                <Field
                    label=td_string!(l, pub_date)
                    name="input[published_at]"
                    field="published_at"
                    kind="datetime-local"
                    value=val("published_at", date)
                    required=true
                    error=error
                />
                <Field
                    label=td_string!(l, pub_url)
                    name="input[url]"
                    field="url"
                    kind="url"
                    value=val("url", url)
                    error=error
                />
                <Field
                    label=td_string!(l, pub_title_kk)
                    name="input[title_kk]"
                    field="title_kk"
                    value=val("title_kk", t.kk)
                    error=error
                />
                <Field
                    label=td_string!(l, pub_title_ru)
                    name="input[title_ru]"
                    field="title_ru"
                    value=val("title_ru", t.ru)
                    error=error
                />
                <Field
                    label=td_string!(l, pub_title_en)
                    name="input[title_en]"
                    field="title_en"
                    value=val("title_en", t.en)
                    error=error
                />
                {summary("input[summary_kk]", "summary_kk", td_string!(l, pub_summary_kk), val("summary_kk", s.kk))}
                {summary("input[summary_ru]", "summary_ru", td_string!(l, pub_summary_ru), val("summary_ru", s.ru))}
                {summary("input[summary_en]", "summary_en", td_string!(l, pub_summary_en), val("summary_en", s.en))}
                <div class="form-actions">
                    <button type="submit">{td_string!(l, pub_save_draft)}</button>
                    <button type="submit" name="publish" value="1" class="primary">
                        {td_string!(l, pub_save_publish)}
                    </button>
                    <a href="/staff/publications">{td_string!(l, common_cancel)}</a>
                </div>
            </ActionForm>
        </section>
    }
}
