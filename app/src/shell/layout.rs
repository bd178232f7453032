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

/// One group of the staff navigation: its name and its links.
fn nav_group(name: &'static str, links: Vec<(&'static str, &'static str)>) -> impl IntoView {
    (!links.is_empty()).then(|| {
        view! {
            <div class="nav-group">
                <span class="nav-group-name">{name}</span>
                <ul>
                    {links
                        .into_iter()
                        .map(|(href, text)| {
                            view! {
                                <li>
                                    <a href=href>{text}</a>
                                </li>
                            }
                        })
                        .collect_view()}
                </ul>
            </div>
        }
    })
}

/// The staff navigation under the header, for a signed-in user: the links
/// their role may follow, grouped as work, content, analytics and
/// administration; then their name and "sign out". Nothing for visitors.
#[component]
fn StaffNav() -> impl IntoView {
    let i18n = use_i18n();
    let auth = use_auth();
    view! {
        <Transition fallback=|| ()>
            {move || {
                let l = i18n.get_locale_untracked();
                auth.user
                    .get()
                    .and_then(|u| u.ok().flatten())
                    .map(|u| {
                        let admin = u.role == Role::Admin;
                        let moderates = matches!(u.role, Role::Admin | Role::Moderator);
                        let publishes = matches!(u.role, Role::Admin | Role::DepartmentHead | Role::Officer);
                        let reads_items = u.role != Role::Moderator || u.department_id.is_some();
                        let builds_surveys = !matches!(u.role, Role::Moderator);
                        let analyses = matches!(u.role, Role::Admin | Role::Analyst);
                        let pick = |links: Vec<(bool, &'static str, &'static str)>| {
                            links.into_iter().filter(|l| l.0).map(|l| (l.1, l.2)).collect::<Vec<_>>()
                        };
                        let work = pick(
                            vec![
                                (true, "/staff", td_string!(l, nav_staff)),
                                (reads_items, "/staff/inbox", td_string!(l, nav_inbox)),
                                (moderates, "/staff/moderation", td_string!(l, nav_moderation)),
                            ],
                        );
                        let content = pick(
                            vec![
                                (publishes, "/staff/publications", td_string!(l, nav_staff_publications)),
                                (builds_surveys, "/staff/surveys", td_string!(l, nav_survey_builder)),
                            ],
                        );
                        let analytics = pick(
                            vec![
                                (analyses, "/staff/analytics", td_string!(l, nav_analytics)),
                                (analyses, "/staff/media", td_string!(l, nav_media)),
                                (u.role == Role::DepartmentHead, "/staff/media/digest", td_string!(l, media_digest)),
                            ],
                        );
                        let administration = pick(
                            vec![
                                (admin, "/admin/departments", td_string!(l, nav_departments)),
                                (admin, "/admin/users", td_string!(l, nav_users)),
                                (admin, "/admin/calendar", td_string!(l, nav_calendar)),
                                (admin, "/admin/routing", td_string!(l, nav_routing)),
                                (admin, "/admin/canned", td_string!(l, nav_canned)),
                                (admin, "/admin/channels", td_string!(l, nav_channels)),
                                (admin, "/admin/audit", td_string!(l, nav_audit)),
                            ],
                        );
                        view! {
                            <nav class="staff-nav" aria-label=td_string!(l, nav_staff_menu)>
                                {nav_group(td_string!(l, nav_group_work), work)}
                                {nav_group(td_string!(l, nav_group_content), content)}
                                {nav_group(td_string!(l, nav_group_analytics), analytics)}
                                {nav_group(td_string!(l, nav_group_admin), administration)}
                                <div class="nav-group who">
                                    <a href="/staff/account" title=td_string!(l, nav_account)>
                                        {u.display_name.clone()}
                                    </a>
                                    <ActionForm action=auth.logout attr:class="inline">
                                        <button type="submit" class="link">
                                            {t!(i18n, nav_sign_out)}
                                        </button>
                                    </ActionForm>
                                </div>
                            </nav>
                        }
                    })
            }}
        </Transition>
    }
}

/// "Staff sign-in" in the main navigation, for anyone not signed in.
#[component]
fn SignInLink() -> impl IntoView {
    let i18n = use_i18n();
    let auth = use_auth();
    view! {
        <Transition fallback=|| ()>
            {move || {
                auth.user
                    .get()
                    .filter(|u| !matches!(u, Ok(Some(_))))
                    .map(|_| {
                        view! {
                            <li>
                                <a href="/login">{t!(i18n, nav_sign_in)}</a>
                            </li>
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
                    <SignInLink />
                </ul>
            </nav>
            <LangSwitch />
            <StaffNav />
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
