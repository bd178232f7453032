//! Parts of the sources page: the saved queries (list, switch, add) and the
//! problems of a refused CSV file of sources, each named by line and field.

use crate::components::forms::{action_error, Field, FormErrors};
use crate::i18n::*;
use crate::media::sources::server_fns::{AddQuery, SwitchQuery};
use crate::media::sources::SavedQuery;
use leptos::prelude::*;

/// A refused file's problems, from the address the upload sent the browser
/// back to: `problems=LINE:FIELD:CODE,…`.
pub fn import_problems(l: Locale, problems: &str) -> impl IntoView {
    let lines: Vec<(String, &str)> = problems
        .split(',')
        .filter_map(|p| {
            let mut parts = p.splitn(3, ':');
            let (line, field, code) = (parts.next()?, parts.next()?, parts.next()?);
            let message = crate::error::messages::field_message_named(l, code);
            Some((format!("{} {line}, {field}", td_string!(l, src_line)), message))
        })
        .collect();
    (!lines.is_empty()).then(|| {
        view! {
            <div class="notice error" role="alert">
                <p>{td_string!(l, src_import_refused)}</p>
                <ul>{lines.into_iter().map(|(at, message)| view! { <li>{at} ": " {message}</li> }).collect_view()}</ul>
            </div>
        }
    })
}

#[component]
pub fn QueriesSection(
    queries: Vec<SavedQuery>,
    add: ServerAction<AddQuery>,
    switch: ServerAction<SwitchQuery>,
) -> impl IntoView {
    let i18n = use_i18n();
    let l = i18n.get_locale_untracked();
    let add_error = action_error(add);
    let echo = StoredValue::new(add_error.get_untracked().and_then(|e| e.input).unwrap_or_default());
    let val = move |k: &str| echo.with_value(|e| e.get(k).cloned().unwrap_or_default());
    view! {
        <section aria-labelledby="q-h">
            <h2 id="q-h">{td_string!(l, q_title)}</h2>
            <p class="hint">{td_string!(l, q_intro)}</p>
            <table class="data queries">
                <thead>
                    <tr>
                        <th scope="col">{td_string!(l, media_name)}</th>
                        <th scope="col">{td_string!(l, q_query)}</th>
                        <th scope="col">{td_string!(l, common_actions)}</th>
                    </tr>
                </thead>
                <tbody>
                    {queries
                        .into_iter()
                        .map(|q| {
                            let name = if q.own_names {
                                td_string!(l, q_own_names).to_string()
                            } else {
                                q.name.clone()
                            };
                            view! {
                                <tr class:off=!q.enabled>
                                    <td>{name}</td>
                                    <td>
                                        <code>{q.query.clone()}</code>
                                    </td>
                                    <td>
                                        <ActionForm action=switch attr:class="inline">
                                            <input type="hidden" name="id" value=q.id />
                                            <input type="hidden" name="on" value=(!q.enabled).to_string() />
                                            <button type="submit">
                                                {if q.enabled {
                                                    td_string!(l, src_switch_off)
                                                } else {
                                                    td_string!(l, src_switch_on)
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
            <div class="narrow">
                <h3>{td_string!(l, q_add)}</h3>
                <FormErrors error=add_error />
                <ActionForm action=add>
                    <Field
                        label=td_string!(l, media_name)
                        name="name"
                        field="query_name"
                        value=val("query_name")
                        required=true
                        error=add_error
                    />
                    <Field
                        label=td_string!(l, q_query)
                        name="query"
                        field="query"
                        value=val("query")
                        hint=td_string!(l, q_query_hint)
                        required=true
                        error=add_error
                    />
                    <div class="form-actions">
                        <button type="submit" class="primary">
                            {td_string!(l, q_add)}
                        </button>
                    </div>
                </ActionForm>
            </div>
        </section>
    }
}
