//! The routing rules admin page: rules in the order they are tried, adding
//! and removing them.

use crate::components::forms::{action_error, Field, FormErrors, Refusal, SelectField};
use crate::i18n::*;
use crate::items::server_fns::{routing_rules, AddRoutingRule, RemoveRoutingRule};
use leptos::prelude::*;
use leptos_meta::Title;

fn kind_label(l: Locale, k: &str) -> &'static str {
    match k {
        "question" => td_string!(l, ind_questions),
        "press_query" => td_string!(l, ind_press_queries),
        _ => td_string!(l, pubs_any),
    }
}

#[component]
pub fn RoutingPage() -> impl IntoView {
    let i18n = use_i18n();
    let l = i18n.get_locale_untracked();
    let add = ServerAction::<AddRoutingRule>::new();
    let remove = ServerAction::<RemoveRoutingRule>::new();
    let data = Resource::new(
        move || (add.version().get(), remove.version().get()),
        |_| routing_rules(),
    );
    let add_error = action_error(add);
    let remove_error = action_error(remove);
    view! {
        <Title text=td_string!(l, routing_title) />
        <h1>{td_string!(l, routing_title)}</h1>
        <p class="hint">{td_string!(l, routing_intro)}</p>
        <FormErrors error=remove_error />
        <Suspense fallback=move || {
            view! { <p>{t!(i18n, common_loading)}</p> }
        }>
            {move || {
                data.get()
                    .map(|r| match r {
                        Err(e) => view! { <Refusal error=e /> }.into_any(),
                        Ok((rules, depts, topics)) => {
                            let dept_name = |id: i64| {
                                depts
                                    .iter()
                                    .find(|d| d.id == id)
                                    .map(|d| d.name(l.as_str()).to_string())
                                    .unwrap_or_default()
                            };
                            let topic_name = |code: &str| {
                                topics
                                    .iter()
                                    .find(|t| t.code == code)
                                    .map(|t| match l {
                                        Locale::kk => t.name_kk.clone(),
                                        Locale::ru => t.name_ru.clone(),
                                        Locale::en => t.name_en.clone(),
                                    })
                                    .unwrap_or_else(|| td_string!(l, pubs_any).to_string())
                            };
                            let dept_opts: Vec<(String, String)> = std::iter::once((String::new(), "—".to_string()))
                                .chain(
                                    depts
                                        .iter()
                                        .filter(|d| d.active)
                                        .map(|d| (d.id.to_string(), d.name(l.as_str()).to_string())),
                                )
                                .collect();
                            let topic_opts: Vec<(String, String)> = std::iter::once((
                                    String::new(),
                                    td_string!(l, pubs_any).to_string(),
                                ))
                                .chain(
                                    topics
                                        .iter()
                                        .map(|t| (
                                            t.code.clone(),
                                            match l {
                                                Locale::kk => t.name_kk.clone(),
                                                Locale::ru => t.name_ru.clone(),
                                                Locale::en => t.name_en.clone(),
                                            },
                                        )),
                                )
                                .collect();
                            let kinds = vec![
                                (String::new(), td_string!(l, pubs_any).to_string()),
                                ("question".into(), td_string!(l, ind_questions).to_string()),
                                ("press_query".into(), td_string!(l, ind_press_queries).to_string()),
                            ];
                            view! {
                                <table class="data">
                                    <thead>
                                        <tr>
                                            <th scope="col">{td_string!(l, routing_position)}</th>
                                            <th scope="col">{td_string!(l, cal_name)}</th>
                                            <th scope="col">{td_string!(l, pub_kind)}</th>
                                            <th scope="col">{td_string!(l, item_topic)}</th>
                                            <th scope="col">{td_string!(l, routing_keywords)}</th>
                                            <th scope="col">{td_string!(l, pub_department)}</th>
                                            <th scope="col">{td_string!(l, common_actions)}</th>
                                        </tr>
                                    </thead>
                                    <tbody>
                                        {rules
                                            .into_iter()
                                            .map(|r| {
                                                view! {
                                                    <tr>
                                                        <td>{r.position}</td>
                                                        <td>{r.name.clone()}</td>
                                                        <td>{kind_label(l, &r.item_kind)}</td>
                                                        <td>
                                                            {if r.topic.is_empty() {
                                                                td_string!(l, pubs_any).to_string()
                                                            } else {
                                                                topic_name(&r.topic)
                                                            }}
                                                        </td>
                                                        <td>{r.keywords.clone()}</td>
                                                        <td>{dept_name(r.department_id)}</td>
                                                        <td>
                                                            <ActionForm action=remove attr:class="inline">
                                                                <input type="hidden" name="id" value=r.id />
                                                                <button type="submit" class="link">
                                                                    {td_string!(l, cal_remove)}
                                                                    <span class="visually-hidden">" " {r.name.clone()}</span>
                                                                </button>
                                                            </ActionForm>
                                                        </td>
                                                    </tr>
                                                }
                                            })
                                            .collect_view()}
                                    </tbody>
                                </table>
                                <section class="narrow" aria-labelledby="rule-add-h">
                                    <h2 id="rule-add-h">{td_string!(l, routing_add)}</h2>
                                    <FormErrors error=add_error />
                                    <ActionForm action=add>
                                        <Field
                                            label=td_string!(l, routing_position)
                                            name="input[position]"
                                            field="position"
                                            kind="number"
                                            value="100"
                                            required=true
                                            error=add_error
                                        />
                                        <Field
                                            label=td_string!(l, cal_name)
                                            name="input[name]"
                                            field="name"
                                            error=add_error
                                        />
                                        <SelectField
                                            label=td_string!(l, pub_kind)
                                            name="input[item_kind]"
                                            field="item_kind"
                                            options=kinds
                                            error=add_error
                                        />
                                        <SelectField
                                            label=td_string!(l, item_topic)
                                            name="input[topic]"
                                            field="topic"
                                            options=topic_opts
                                            error=add_error
                                        />
                                        <Field
                                            label=td_string!(l, routing_keywords)
                                            name="input[keywords]"
                                            field="keywords"
                                            hint=td_string!(l, routing_keywords_hint)
                                            error=add_error
                                        />
                                        <SelectField
                                            label=td_string!(l, pub_department)
                                            name="input[department_id]"
                                            field="department_id"
                                            options=dept_opts
                                            error=add_error
                                        />
                                        <div class="form-actions">
                                            <button type="submit" class="primary">
                                                {td_string!(l, routing_add)}
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
