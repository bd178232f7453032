//! The press sources page for media staff: every source with its health
//! (a paused or failing source is flagged like a stale channel), adding a
//! source, adding many from a CSV file (a plain multipart form, so it works
//! without JavaScript), switching sources on, off or back after a pause, and
//! the saved queries that turn what sources publish into mentions.

use crate::components::format::local_time;
use crate::components::forms::{action_error, Field, FormErrors, Refusal, SelectField};
use crate::i18n::*;
use crate::media::labels::media_type_name;
use crate::media::labels::source_kind_name;
use crate::media::sources::server_fns::{sources_page, AddQuery, AddSource, SwitchQuery, SwitchSource};
use crate::media::sources::{SourceKind, SourceRow};
use crate::media::views::source_parts::{import_problems, QueriesSection};
use crate::media::MediaType;
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_query_map;

/// The health of a source in words, and whether it needs attention.
fn health(l: Locale, s: &SourceRow) -> (String, bool) {
    if s.paused_at.is_some() {
        let error = s.last_error.clone().unwrap_or_default();
        return (format!("{} {error}", td_string!(l, src_paused)), true);
    }
    if !s.enabled {
        return (td_string!(l, src_off).to_string(), false);
    }
    match (&s.last_error, s.failures) {
        (Some(e), n) if n > 0 => (format!("{} ({n}): {e}", td_string!(l, src_failing)), true),
        _ if s.last_success_at.is_none() => (td_string!(l, src_not_read).to_string(), false),
        (Some(note), _) => (format!("{} · {note}", td_string!(l, src_ok)), false),
        _ => (td_string!(l, src_ok).to_string(), false),
    }
}

#[component]
pub fn SourcesPage() -> impl IntoView {
    let i18n = use_i18n();
    let l = i18n.get_locale_untracked();
    let q = use_query_map();
    let arg = move |k: &str| q.read_untracked().get(k).unwrap_or_default();
    let add = ServerAction::<AddSource>::new();
    let switch = ServerAction::<SwitchSource>::new();
    let add_query = ServerAction::<AddQuery>::new();
    let switch_query = ServerAction::<SwitchQuery>::new();
    let data = Resource::new(
        move || add.version().get() + switch.version().get() + add_query.version().get() + switch_query.version().get(),
        |_| sources_page(),
    );
    let (add_error, switch_error) = (action_error(add), action_error(switch));
    let echo = StoredValue::new(add_error.get_untracked().and_then(|e| e.input).unwrap_or_default());
    let val = move |k: &str| echo.with_value(|e| e.get(k).cloned().unwrap_or_default());
    let (added, problems) = (arg("added"), arg("problems"));
    view! {
        <Title text=td_string!(l, src_title) />
        <h1>{td_string!(l, src_title)}</h1>
        <p class="hint">{td_string!(l, src_intro)} " " <a href="/staff/media">{td_string!(l, media_title)}</a></p>
        {(!added.is_empty())
            .then(|| {
                view! {
                    <p class="notice" role="status">
                        {td_string!(l, src_added)}
                        " "
                        {added.clone()}
                    </p>
                }
            })}
        <Suspense fallback=move || {
            view! { <p>{t!(i18n, common_loading)}</p> }
        }>
            {move || {
                data.get()
                    .map(|r| match r {
                        Err(e) => view! { <Refusal error=e /> }.into_any(),
                        Ok((sources, queries, outlets)) => {
                            let outlet_opts: Vec<(String, String)> = outlets
                                .iter()
                                .map(|o| (o.name.clone(), o.name.clone()))
                                .collect();
                            let kind_opts: Vec<(String, String)> = SourceKind::ALL
                                .iter()
                                .map(|k| (k.as_str().to_string(), source_kind_name(l, *k).to_string()))
                                .collect();
                            let mut type_opts = vec![(String::new(), td_string!(l, media_type_of_outlet).to_string())];
                            type_opts
                                .extend(
                                    MediaType::ALL
                                        .iter()
                                        .map(|t| (t.as_str().to_string(), media_type_name(l, t.as_str()).to_string())),
                                );
                            let lang_opts: Vec<(String, String)> = [
                                ("", td_string!(l, src_language_auto)),
                                ("kk", "Қазақша"),
                                ("ru", "Русский"),
                                ("en", "English"),
                            ]
                                .into_iter()
                                .map(|(a, b)| (a.to_string(), b.to_string()))
                                .collect();
                            view! {
                                <section aria-labelledby="src-list-h">
                                    <h2 id="src-list-h">{td_string!(l, src_list)}</h2>
                                    <FormErrors error=switch_error />
                                    <table class="data sources">
                                        <thead>
                                            <tr>
                                                <th scope="col">{td_string!(l, media_name)}</th>
                                                <th scope="col">{td_string!(l, media_outlet)}</th>
                                                <th scope="col">{td_string!(l, src_last_read)}</th>
                                                <th scope="col">{td_string!(l, src_health)}</th>
                                                <th scope="col" class="num">
                                                    {td_string!(l, src_items)}
                                                </th>
                                                <th scope="col">{td_string!(l, common_actions)}</th>
                                            </tr>
                                        </thead>
                                        <tbody>
                                            {sources
                                                .into_iter()
                                                .map(|s| {
                                                    let (words, attention) = health(l, &s);
                                                    let outlet = outlets
                                                        .iter()
                                                        .find(|o| o.id == s.outlet_id)
                                                        .map(|o| o.name.clone())
                                                        .unwrap_or_default();
                                                    let resume = s.paused_at.is_some() || !s.enabled;
                                                    view! {
                                                        <tr class:stale=attention>
                                                            <td>
                                                                {s.name.clone()} <br />
                                                                <small>
                                                                    {source_kind_name(l, s.kind)} " · " {s.url.clone()}
                                                                </small>
                                                            </td>
                                                            <td>{outlet}</td>
                                                            <td>
                                                                {s
                                                                    .last_success_at
                                                                    .map(local_time)
                                                                    .unwrap_or_else(|| "—".into())}
                                                            </td>
                                                            <td class="health">{words}</td>
                                                            <td class="num">{s.items_seen}</td>
                                                            <td>
                                                                <ActionForm action=switch attr:class="inline">
                                                                    <input type="hidden" name="id" value=s.id />
                                                                    <input type="hidden" name="on" value=resume.to_string() />
                                                                    <button type="submit">
                                                                        {if s.paused_at.is_some() {
                                                                            td_string!(l, src_resume)
                                                                        } else if resume {
                                                                            td_string!(l, src_switch_on)
                                                                        } else {
                                                                            td_string!(l, src_switch_off)
                                                                        }}
                                                                    </button>
                                                                </ActionForm>
                                                            </td>
                                                        </tr>
                                                    }
                                                })
                                                .collect_view()}
                                        </tbody>
                                    </table>
                                </section>
                                <section class="narrow" aria-labelledby="src-add-h">
                                    <h2 id="src-add-h">{td_string!(l, src_add)}</h2>
                                    <FormErrors error=add_error />
                                    <ActionForm action=add>
                                        <Field
                                            label=td_string!(l, media_name)
                                            name="input[name]"
                                            field="name"
                                            value=val("name")
                                            required=true
                                            error=add_error
                                        />
                                        <SelectField
                                            label=td_string!(l, src_kind)
                                            name="input[kind]"
                                            field="kind"
                                            options=kind_opts
                                            selected=val("kind")
                                            error=add_error
                                        />
                                        <Field
                                            label=td_string!(l, src_address)
                                            name="input[url]"
                                            field="url"
                                            kind="url"
                                            value=val("url")
                                            hint=td_string!(l, src_address_hint)
                                            required=true
                                            error=add_error
                                        />
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
                                        <SelectField
                                            label=td_string!(l, src_language)
                                            name="input[language]"
                                            field="language"
                                            options=lang_opts
                                            selected=val("language")
                                            error=add_error
                                        />
                                        <Field
                                            label=td_string!(l, src_every)
                                            name="input[every_minutes]"
                                            field="every_minutes"
                                            kind="number"
                                            value=val("every_minutes")
                                            error=add_error
                                        />
                                        <div class="form-actions">
                                            <button type="submit" class="primary">
                                                {td_string!(l, src_add)}
                                            </button>
                                        </div>
                                    </ActionForm>
                                </section>
                                <section class="narrow" aria-labelledby="src-import-h">
                                    <h2 id="src-import-h">{td_string!(l, src_import)}</h2>
                                    <p class="hint" id="src-file-hint">
                                        {td_string!(l, src_import_hint)}
                                    </p>
                                    {import_problems(l, &problems)}
                                    <form
                                        method="post"
                                        action="/staff/media/sources/import"
                                        enctype="multipart/form-data"
                                    >
                                        <div class="field">
                                            <label for="src-file">{td_string!(l, media_file)}</label>
                                            <input
                                                id="src-file"
                                                name="file"
                                                type="file"
                                                accept=".csv,text/csv"
                                                required=true
                                                aria-describedby="src-file-hint"
                                            />
                                        </div>
                                        <div class="form-actions">
                                            <button type="submit">{td_string!(l, src_import)}</button>
                                        </div>
                                    </form>
                                </section>
                                <QueriesSection queries=queries add=add_query switch=switch_query />
                            }
                                .into_any()
                        }
                    })
            }}
        </Suspense>
    }
}
