//! On a publication's staff page: the press items that carried it, each
//! with its outlet, the delay since publication and whether the headline's
//! key words survived.

use crate::components::format::number;
use crate::i18n::*;
use crate::media::sources::server_fns::release_pickup;
use leptos::prelude::*;

/// Reads the publication's id from the address (`/staff/publications/:id`).
#[component]
pub fn PickupSection() -> impl IntoView {
    let i18n = use_i18n();
    let l = i18n.get_locale_untracked();
    let params = leptos_router::hooks::use_params_map();
    let id = move || params.read().get("id").and_then(|s| s.parse::<i64>().ok()).unwrap_or(0);
    let data = Resource::new(id, release_pickup);
    let heading = move || view! { <h2 id="pickup-h">{td_string!(l, pickup_title)}</h2> };
    view! {
        <section aria-labelledby="pickup-h">
            <Suspense fallback=move || {
                view! { <p>{t!(i18n, common_loading)}</p> }
            }>
                {move || {
                    data.get()
                        .map(|r| match r {
                            Err(_) => ().into_any(),
                            Ok(rows) if rows.is_empty() => {
                                // The page above says why (not allowed, not found).
                                view! {
                                    {heading()}
                                    <p class="hint">{td_string!(l, pickup_none)}</p>
                                }
                                    .into_any()
                            }
                            Ok(rows) => {
                                let outlets = {
                                    let mut o: Vec<&str> = rows.iter().map(|r| r.outlet.as_str()).collect();
                                    o.sort_unstable();
                                    o.dedup();
                                    o.len()
                                };
                                view! {
                                    {heading()}
                                    <p class="pickup-summary">
                                        {format!(
                                            "{} {} · {} {}",
                                            td_string!(l, pickup_items),
                                            rows.len(),
                                            td_string!(l, story_outlets),
                                            outlets,
                                        )}
                                    </p>
                                    <table class="data pickup">
                                        <thead>
                                            <tr>
                                                <th scope="col">{td_string!(l, media_outlet)}</th>
                                                <th scope="col">{td_string!(l, media_headline)}</th>
                                                <th scope="col" class="num">
                                                    {td_string!(l, pickup_delay)}
                                                </th>
                                                <th scope="col">{td_string!(l, pickup_key_words)}</th>
                                            </tr>
                                        </thead>
                                        <tbody>
                                            {rows
                                                .into_iter()
                                                .map(|r| {
                                                    view! {
                                                        <tr>
                                                            <td>{r.outlet}</td>
                                                            <td>
                                                                <a href=r.url rel="external noopener">
                                                                    {r.headline}
                                                                </a>
                                                            </td>
                                                            <td class="num">{number(l.as_str(), r.delay_hours, 1)}</td>
                                                            <td>
                                                                {if r.key_words_kept {
                                                                    td_string!(l, common_yes)
                                                                } else {
                                                                    td_string!(l, common_no)
                                                                }}
                                                            </td>
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
        </section>
    }
}
