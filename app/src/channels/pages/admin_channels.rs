//! The official channels admin page: each channel with its last post, days
//! since and staleness threshold; adding and removing channels.

use crate::channels::server_fns::{channel_list, AddChannel, RemoveChannel};
use crate::components::format::local_time;
use crate::components::forms::{action_error, Field, FormErrors, Refusal, SelectField};
use crate::i18n::*;
use crate::publications::Channel;
use leptos::prelude::*;
use leptos_meta::Title;

#[component]
pub fn ChannelsPage() -> impl IntoView {
    let i18n = use_i18n();
    let l = i18n.get_locale_untracked();
    let add = ServerAction::<AddChannel>::new();
    let remove = ServerAction::<RemoveChannel>::new();
    let data = Resource::new(
        move || (add.version().get(), remove.version().get()),
        |_| channel_list(),
    );
    let (add_error, remove_error) = (action_error(add), action_error(remove));
    let echo = add_error.get_untracked().and_then(|e| e.input).unwrap_or_default();
    let val = move |k: &str| echo.get(k).cloned().unwrap_or_default();
    let (name_v, kind_v, url_v, days_v) = (val("name"), val("kind"), val("url"), val("stale_after_days"));
    let kinds: Vec<(String, String)> = Channel::ALL
        .iter()
        .map(|c| {
            (
                c.as_str().to_string(),
                crate::publications::labels::channel(l, *c).to_string(),
            )
        })
        .collect();
    view! {
        <Title text=td_string!(l, channels_title) />
        <h1>{td_string!(l, channels_title)}</h1>
        <p class="hint">{td_string!(l, channels_intro)}</p>
        <FormErrors error=remove_error />
        <Suspense fallback=move || {
            view! { <p>{t!(i18n, common_loading)}</p> }
        }>
            {move || {
                data.get()
                    .map(|r| match r {
                        Err(e) => view! { <Refusal error=e /> }.into_any(),
                        Ok(list) => {
                            let (name_v, kind_v, url_v) = (name_v.clone(), kind_v.clone(), url_v.clone());
                            let days_v = if days_v.is_empty() { "14".to_string() } else { days_v.clone() };
                            let kinds = kinds.clone();
                            view! {
                                <table class="data channels-admin">
                                    <thead>
                                        <tr>
                                            <th scope="col">{td_string!(l, cal_name)}</th>
                                            <th scope="col">{td_string!(l, pub_channel)}</th>
                                            <th scope="col">{td_string!(l, pub_url)}</th>
                                            <th scope="col">{td_string!(l, ind_last_post)}</th>
                                            <th scope="col">{td_string!(l, channels_threshold)}</th>
                                            <th scope="col">{td_string!(l, common_actions)}</th>
                                        </tr>
                                    </thead>
                                    <tbody>
                                        {list
                                            .into_iter()
                                            .map(|c| {
                                                view! {
                                                    <tr class:stale=c.stale>
                                                        <th scope="row">{c.name.clone()}</th>
                                                        <td>
                                                            {Channel::parse(&c.kind)
                                                                .map(|k| crate::publications::labels::channel(l, k))
                                                                .unwrap_or("—")}
                                                        </td>
                                                        <td>{c.url.clone()}</td>
                                                        <td>
                                                            {c
                                                                .last_post
                                                                .map(local_time)
                                                                .unwrap_or_else(|| "—".into())}
                                                            {c
                                                                .days_since_last_post
                                                                .map(|d| {
                                                                    view! {
                                                                        " ("
                                                                        {d}
                                                                        " "
                                                                        {td_string!(l, ind_days_ago)}
                                                                        ")"
                                                                    }
                                                                })}
                                                            {c
                                                                .stale
                                                                .then(|| {
                                                                    view! {
                                                                        " "
                                                                        <span class="badge warn">{td_string!(l, ind_stale)}</span>
                                                                    }
                                                                })}
                                                        </td>
                                                        <td>{c.stale_after_days}</td>
                                                        <td>
                                                            <ActionForm action=remove attr:class="inline">
                                                                <input type="hidden" name="id" value=c.id />
                                                                <button type="submit" class="link">
                                                                    {td_string!(l, cal_remove)}
                                                                    <span class="visually-hidden">" " {c.name.clone()}</span>
                                                                </button>
                                                            </ActionForm>
                                                        </td>
                                                    </tr>
                                                }
                                            })
                                            .collect_view()}
                                    </tbody>
                                </table>
                                <section class="narrow" aria-labelledby="channel-add-h">
                                    <h2 id="channel-add-h">{td_string!(l, channels_add)}</h2>
                                    <FormErrors error=add_error />
                                    <ActionForm action=add>
                                        <Field
                                            label=td_string!(l, cal_name)
                                            name="input[name]"
                                            field="name"
                                            value=name_v
                                            required=true
                                            error=add_error
                                        />
                                        <SelectField
                                            label=td_string!(l, pub_channel)
                                            name="input[kind]"
                                            field="kind"
                                            options=kinds
                                            selected=kind_v
                                            error=add_error
                                        />
                                        <Field
                                            label=td_string!(l, pub_url)
                                            name="input[url]"
                                            field="url"
                                            kind="url"
                                            value=url_v
                                            hint=td_string!(l, channels_url_hint)
                                            error=add_error
                                        />
                                        <Field
                                            label=td_string!(l, channels_threshold)
                                            name="input[stale_after_days]"
                                            field="stale_after_days"
                                            kind="number"
                                            value=days_v
                                            required=true
                                            error=add_error
                                        />
                                        <div class="form-actions">
                                            <button type="submit" class="primary">
                                                {td_string!(l, channels_add)}
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
