//! The frame of every page: skip link, header with navigation, the language
//! switch (plain links, so it works without JavaScript), main and footer.

use crate::accounts::viewer::{provide_auth, use_auth};
use crate::i18n::*;
use crate::platform::roles::Role;
use crate::platform::url::encode_query_value;
use leptos::prelude::*;
use leptos_router::hooks::use_location;

#[component]
fn LangSwitch() -> impl IntoView {
    let i18n = use_i18n();
    let location = use_location();
    let next = move || {
        let (p, s) = (location.pathname.get(), location.search.get());
        if s.is_empty() {
            p
        } else {
            format!("{p}?{s}")
        }
    };
    let langs = [
        (Locale::kk, "Қазақша"),
        (Locale::ru, "Русский"),
        (Locale::en, "English"),
    ];
    view! {
        <nav class="lang" aria-label=td_string!(i18n.get_locale_untracked(), nav_language)>
            <ul>
                {langs
                    .into_iter()
                    .map(|(l, label)| {
                        let href = move || format!("/lang/{}?next={}", l.as_str(), encode_query_value(&next()));
                        view! {
                            <li>
                                <a
                                    href=href
                                    rel="external"
                                    hreflang=l.as_str()
                                    lang=l.as_str()
                                    aria-current=move || (i18n.get_locale() == l).then_some("true")
                                >
                                    {label}
                                </a>
                            </li>
                        }
                    })
                    .collect_view()}
            </ul>
        </nav>
    }
}

#[component]
fn UserMenu() -> impl IntoView {
    let i18n = use_i18n();
    let auth = use_auth();
    view! {
        <Transition fallback=|| ()>
            {move || {
                auth.user
                    .get()
                    .map(|u| match u {
                        Ok(Some(u)) => {
                            let admin = u.role == Role::Admin;
                            let moderates = matches!(u.role, Role::Admin | Role::Moderator);
                            let publishes = matches!(u.role, Role::Admin | Role::DepartmentHead | Role::Officer);
                            let reads_items = u.role != Role::Moderator || u.department_id.is_some();
                            let builds_surveys = !matches!(u.role, Role::Moderator);
                            view! {
                                <li>
                                    <a href="/staff">{t!(i18n, nav_staff)}</a>
                                </li>
                                {reads_items
                                    .then(|| {
                                        view! {
                                            <li>
                                                <a href="/staff/inbox">{t!(i18n, nav_inbox)}</a>
                                            </li>
                                        }
                                    })}
                                {matches!(u.role, Role::Admin | Role::Analyst)
                                    .then(|| {
                                        view! {
                                            <li>
                                                <a href="/staff/analytics">{t!(i18n, nav_analytics)}</a>
                                            </li>
                                            <li>
                                                <a href="/staff/media">{t!(i18n, nav_media)}</a>
                                            </li>
                                        }
                                    })}
                                {(u.role == Role::DepartmentHead)
                                    .then(|| {
                                        view! {
                                            <li>
                                                <a href="/staff/media/digest">{t!(i18n, media_digest)}</a>
                                            </li>
                                        }
                                    })}
                                {admin
                                    .then(|| {
                                        view! {
                                            <li>
                                                <a href="/admin/departments">{t!(i18n, nav_departments)}</a>
                                            </li>
                                            <li>
                                                <a href="/admin/users">{t!(i18n, nav_users)}</a>
                                            </li>
                                            <li>
                                                <a href="/admin/calendar">{t!(i18n, nav_calendar)}</a>
                                            </li>
                                            <li>
                                                <a href="/admin/routing">{t!(i18n, nav_routing)}</a>
                                            </li>
                                            <li>
                                                <a href="/admin/canned">{t!(i18n, nav_canned)}</a>
                                            </li>
                                            <li>
                                                <a href="/admin/channels">{t!(i18n, nav_channels)}</a>
                                            </li>
                                            <li>
                                                <a href="/admin/audit">{t!(i18n, nav_audit)}</a>
                                            </li>
                                        }
                                    })}
                                {builds_surveys
                                    .then(|| {
                                        view! {
                                            <li>
                                                <a href="/staff/surveys">{t!(i18n, nav_survey_builder)}</a>
                                            </li>
                                        }
                                    })}
                                {publishes
                                    .then(|| {
                                        view! {
                                            <li>
                                                <a href="/staff/publications">{t!(i18n, nav_staff_publications)}</a>
                                            </li>
                                        }
                                    })}
                                {moderates
                                    .then(|| {
                                        view! {
                                            <li>
                                                <a href="/staff/moderation">{t!(i18n, nav_moderation)}</a>
                                            </li>
                                        }
                                    })}
                                <li class="who">
                                    <a href="/staff/account" title=td_string!(i18n.get_locale_untracked(), nav_account)>
                                        {u.display_name.clone()}
                                    </a>
                                </li>
                                <li>
                                    <ActionForm action=auth.logout attr:class="inline">
                                        <button type="submit" class="link">
                                            {t!(i18n, nav_sign_out)}
                                        </button>
                                    </ActionForm>
                                </li>
                            }
                                .into_any()
                        }
                        _ => {
                            view! {
                                <li>
                                    <a href="/login">{t!(i18n, nav_sign_in)}</a>
                                </li>
                            }
                                .into_any()
                        }
                    })
            }}
        </Transition>
    }
}

#[component]
pub fn Layout(children: Children) -> impl IntoView {
    let i18n = use_i18n();
    provide_auth();
    view! {
        <a class="skip" href="#main">
            {t!(i18n, skip_to_content)}
        </a>
        <header class="site-header">
            <div class="brand">
                <a href="/" class="logo">
                    {t!(i18n, app_name)}
                </a>
                <span class="tagline">{t!(i18n, app_tagline)}</span>
            </div>
            <nav class="main-nav" aria-label=td_string!(i18n.get_locale_untracked(), nav_main)>
                <ul>
                    <li>
                        <a href="/">{t!(i18n, nav_home)}</a>
                    </li>
                    <li>
                        <a href="/publications">{t!(i18n, nav_publications)}</a>
                    </li>
                    <li>
                        <a href="/ask">{t!(i18n, nav_ask)}</a>
                    </li>
                    <li>
                        <a href="/press">{t!(i18n, nav_press)}</a>
                    </li>
                    <li>
                        <a href="/surveys">{t!(i18n, nav_surveys)}</a>
                    </li>
                    <li>
                        <a href="/indicators">{t!(i18n, nav_indicators)}</a>
                    </li>
                    <li>
                        <a href="/answers">{t!(i18n, nav_answers)}</a>
                    </li>
                    <UserMenu />
                </ul>
            </nav>
            <LangSwitch />
        </header>
        <main id="main" tabindex="-1">
            {children()}
        </main>
        <footer class="site-footer">
            <p>
                {t!(i18n, footer_text)} " " <a href="/api/v1/openapi.json" rel="external">
                    {t!(i18n, footer_open_data)}
                </a>
            </p>
        </footer>
    }
}
