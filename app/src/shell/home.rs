//! The public home page: what Ashyq is for, and the body's departments.

use crate::departments::server_fns::public_departments;
use crate::i18n::*;
use leptos::prelude::*;
use leptos_meta::Title;

#[component]
pub fn HomePage() -> impl IntoView {
    let i18n = use_i18n();
    let departments = Resource::new(|| (), |_| public_departments());
    view! {
        <Title text=td_string!(i18n.get_locale_untracked(), home_title) />
        <section class="hero">
            <h1>{t!(i18n, home_title)}</h1>
            <p class="lead">{t!(i18n, home_intro)}</p>
        </section>
        <section>
            <h2>{t!(i18n, home_what_title)}</h2>
            <ul class="cards">
                <li>{t!(i18n, home_rate)}</li>
                <li>{t!(i18n, home_ask)}</li>
                <li>{t!(i18n, home_press)}</li>
                <li>{t!(i18n, home_surveys)}</li>
                <li>{t!(i18n, home_indicators)}</li>
            </ul>
        </section>
        <section>
            <h2>{t!(i18n, home_departments_title)}</h2>
            <Suspense fallback=move || {
                view! { <p>{t!(i18n, common_loading)}</p> }
            }>
                {move || {
                    departments
                        .get()
                        .map(|r| match r {
                            Ok(list) if list.is_empty() => view! { <p>{t!(i18n, home_departments_none)}</p> }.into_any(),
                            Ok(list) => {
                                view! {
                                    <ul class="departments">
                                        {list
                                            .into_iter()
                                            .map(|d| {
                                                let name = move || d.name(i18n.get_locale().as_str()).to_string();
                                                view! { <li>{name}</li> }
                                            })
                                            .collect_view()}
                                    </ul>
                                }
                                    .into_any()
                            }
                            Err(e) => view! { <crate::components::forms::Refusal error=e /> }.into_any(),
                        })
                }}
            </Suspense>
        </section>
    }
}
