//! One story: the mentions that carry it across outlets, earliest first
//! (the first is where it began), so reprints are read as one story.

use crate::components::forms::Refusal;
use crate::i18n::*;
use crate::media::labels::{media_type_name, tone_shown};
use crate::media::sources::server_fns::story_page;
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_params_map;

#[component]
pub fn StoryPage() -> impl IntoView {
    let i18n = use_i18n();
    let l = i18n.get_locale_untracked();
    let params = use_params_map();
    let id = move || params.read().get("id").and_then(|s| s.parse::<i64>().ok()).unwrap_or(0);
    let data = Resource::new(id, story_page);
    view! {
        <Title text=td_string!(l, story_title) />
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
                        Ok(mentions) => {
                            let first = mentions[0].clone();
                            let outlets = {
                                let mut o: Vec<&str> = mentions.iter().map(|m| m.outlet.as_str()).collect();
                                o.sort_unstable();
                                o.dedup();
                                o.len()
                            };
                            view! {
                                <h1>{td_string!(l, story_title)} ": " {first.headline.clone()}</h1>
                                <p class="hint story-counts">
                                    {td_string!(l, story_mentions)} " " {mentions.len()} " · "
                                    {td_string!(l, story_outlets)} " " {outlets}
                                </p>
                                <table class="data mentions">
                                    <thead>
                                        <tr>
                                            <th scope="col">{td_string!(l, media_date)}</th>
                                            <th scope="col">{td_string!(l, media_outlet)}</th>
                                            <th scope="col">{td_string!(l, media_headline)}</th>
                                            <th scope="col">{td_string!(l, media_tone)}</th>
                                        </tr>
                                    </thead>
                                    <tbody>
                                        {mentions
                                            .into_iter()
                                            .enumerate()
                                            .map(|(i, m)| {
                                                view! {
                                                    <tr data-tone=m.tone.clone()>
                                                        <td>{m.day.to_string()}</td>
                                                        <td>
                                                            {m.outlet.clone()} " · "
                                                            {media_type_name(l, &m.media_type)}
                                                        </td>
                                                        <td>
                                                            <a href=format!(
                                                                "/staff/media/mentions/{}",
                                                                m.id,
                                                            )>{m.headline.clone()}</a>
                                                            {(i == 0)
                                                                .then(|| {
                                                                    view! {
                                                                        " "
                                                                        <span class="badge">{td_string!(l, story_origin)}</span>
                                                                    }
                                                                })}
                                                        </td>
                                                        <td>{tone_shown(l, &m)}</td>
                                                    </tr>
                                                }
                                            })
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
