//! The page for any path no route answers (HTTP 404).

use crate::i18n::*;
use leptos::prelude::*;
use leptos_meta::Title;

#[component]
pub fn NotFound() -> impl IntoView {
    let i18n = use_i18n();
    #[cfg(feature = "ssr")]
    if let Some(res) = use_context::<leptos_axum::ResponseOptions>() {
        res.set_status(http::StatusCode::NOT_FOUND);
    }
    view! {
        <Title text=td_string!(i18n.get_locale_untracked(), not_found_title) />
        <section class="refusal">
            <h1>{t!(i18n, not_found_title)}</h1>
            <p>{t!(i18n, not_found_text)}</p>
            <p>
                <a href="/">{t!(i18n, nav_home)}</a>
            </p>
        </section>
    }
}
