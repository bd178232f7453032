//! The canned answers admin page: prepared replies per language and topic,
//! with the placeholders they may use.

use crate::components::forms::{action_error, Field, FormErrors, Refusal, SelectField, TextArea};
use crate::i18n::*;
use crate::inbox::server_fns::{canned_answers, AddCannedAnswer, RemoveCannedAnswer};
use crate::inbox::PLACEHOLDERS;
use crate::publications::labels::topic_name;
use leptos::prelude::*;
use leptos_meta::Title;

#[component]
pub fn CannedPage() -> impl IntoView {
    let i18n = use_i18n();
    let l = i18n.get_locale_untracked();
    let add = ServerAction::<AddCannedAnswer>::new();
    let remove = ServerAction::<RemoveCannedAnswer>::new();
    let data = Resource::new(
        move || (add.version().get(), remove.version().get()),
        |_| canned_answers(),
    );
    let add_error = action_error(add);
    let remove_error = action_error(remove);
    let echo = add_error.get_untracked().and_then(|e| e.input).unwrap_or_default();
    let val = move |k: &str| echo.get(k).cloned().unwrap_or_default();
    let (title_v, body_v, lang_v, topic_v) = (val("title"), val("body"), val("language"), val("topic"));
    view! {
        <Title text=td_string!(l, canned_title) />
        <h1>{td_string!(l, canned_title)}</h1>
        <p class="hint">{td_string!(l, canned_intro)} " " {PLACEHOLDERS.join(" ")}</p>
        <FormErrors error=remove_error />
        <Suspense fallback=move || {
            view! { <p>{t!(i18n, common_loading)}</p> }
        }>
            {move || {
                data.get()
                    .map(|r| match r {
                        Err(e) => view! { <Refusal error=e /> }.into_any(),
                        Ok((list, topics)) => {
                            let tname = |code: &str| {
                                topics
                                    .iter()
                                    .find(|t| t.code == code)
                                    .map(|t| topic_name(l, t))
                                    .unwrap_or_else(|| td_string!(l, pubs_any).to_string())
                            };
                            let topic_opts: Vec<(String, String)> = std::iter::once((
                                    String::new(),
                                    td_string!(l, pubs_any).to_string(),
                                ))
                                .chain(topics.iter().map(|t| (t.code.clone(), topic_name(l, t))))
                                .collect();
                            let langs = vec![
                                ("kk".to_string(), "Қазақша".to_string()),
                                ("ru".to_string(), "Русский".to_string()),
                                ("en".to_string(), "English".to_string()),
                            ];
                            let (title_v, body_v, lang_v, topic_v) = (
                                title_v.clone(),
                                body_v.clone(),
                                lang_v.clone(),
                                topic_v.clone(),
                            );
                            view! {
                                {if list.is_empty() {
                                    view! { <p>{td_string!(l, common_none)}</p> }.into_any()
                                } else {
                                    view! {
                                        <table class="data">
                                            <thead>
                                                <tr>
                                                    <th scope="col">{td_string!(l, item_language)}</th>
                                                    <th scope="col">{td_string!(l, item_topic)}</th>
                                                    <th scope="col">{td_string!(l, canned_name)}</th>
                                                    <th scope="col">{td_string!(l, canned_body)}</th>
                                                    <th scope="col">{td_string!(l, common_actions)}</th>
                                                </tr>
                                            </thead>
                                            <tbody>
                                                {list
                                                    .into_iter()
                                                    .map(|c| {
                                                        view! {
                                                            <tr>
                                                                <td>{c.language.clone()}</td>
                                                                <td>
                                                                    {if c.topic.is_empty() {
                                                                        td_string!(l, pubs_any).to_string()
                                                                    } else {
                                                                        tname(&c.topic)
                                                                    }}
                                                                </td>
                                                                <td>{c.title.clone()}</td>
                                                                <td class="comment-text">{c.body.clone()}</td>
                                                                <td>
                                                                    <ActionForm action=remove attr:class="inline">
                                                                        <input type="hidden" name="id" value=c.id />
                                                                        <button type="submit" class="link">
                                                                            {td_string!(l, cal_remove)}
                                                                            <span class="visually-hidden">" " {c.title.clone()}</span>
                                                                        </button>
                                                                    </ActionForm>
                                                                </td>
                                                            </tr>
                                                        }
                                                    })
                                                    .collect_view()}
                                            </tbody>
                                        </table>
                                    }
                                        .into_any()
                                }}
                                <section class="narrow" aria-labelledby="canned-add-h">
                                    <h2 id="canned-add-h">{td_string!(l, canned_add)}</h2>
                                    <FormErrors error=add_error />
                                    <ActionForm action=add>
                                        <SelectField
                                            label=td_string!(l, item_language)
                                            name="input[language]"
                                            field="language"
                                            options=langs
                                            selected=lang_v
                                            error=add_error
                                        />
                                        <SelectField
                                            label=td_string!(l, item_topic)
                                            name="input[topic]"
                                            field="topic"
                                            options=topic_opts
                                            selected=topic_v
                                            error=add_error
                                        />
                                        <Field
                                            label=td_string!(l, canned_name)
                                            name="input[title]"
                                            field="title"
                                            value=title_v
                                            required=true
                                            error=add_error
                                        />
                                        <TextArea
                                            label=td_string!(l, canned_body)
                                            name="input[body]"
                                            field="body"
                                            value=body_v
                                            rows=8
                                            required=true
                                            error=add_error
                                        />
                                        <div class="form-actions">
                                            <button type="submit" class="primary">
                                                {td_string!(l, canned_add)}
                                            </button>
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
