//! The previous / next links under a paged list, with "page N / M".

use crate::i18n::*;
use leptos::prelude::*;

/// `prev` and `next` are the links to the neighbouring pages, if any.
#[component]
pub fn Pager(page: u32, pages: i64, prev: Option<String>, next: Option<String>) -> impl IntoView {
    let i18n = use_i18n();
    let l = i18n.get_locale_untracked();
    view! {
        <nav class="pager" aria-label=td_string!(l, page_label)>
            {prev
                .map(|h| {
                    view! {
                        <a href=h rel="prev">
                            {td_string!(l, page_prev)}
                        </a>
                    }
                })}
            <span>{page} " / " {pages.max(1)}</span>
            {next
                .map(|h| {
                    view! {
                        <a href=h rel="next">
                            {td_string!(l, page_next)}
                        </a>
                    }
                })}
        </nav>
    }
}
