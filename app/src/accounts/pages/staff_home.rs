//! The staff landing page: who is signed in, with what role and department.

use crate::accounts::labels::role_name;
use crate::accounts::viewer::use_auth;
use crate::components::forms::Refusal;
use crate::error::AppError;
use crate::i18n::*;
use crate::platform::roles::Role;
use leptos::prelude::*;
use leptos_meta::Title;

#[component]
pub fn StaffHome() -> impl IntoView {
    let i18n = use_i18n();
    let auth = use_auth();
    view! {
        <Title text=td_string!(i18n.get_locale_untracked(), staff_title) />
        <Suspense fallback=move || {
            view! { <p>{t!(i18n, common_loading)}</p> }
        }>
            {move || {
                auth.user
                    .get()
                    .map(|u| match u {
                        Ok(Some(u)) => {
                            let admin = u.role == Role::Admin;
                            view! {
                                <h1>{t!(i18n, staff_title)}</h1>
                                <dl class="facts">
                                    <dt>{t!(i18n, staff_signed_in_as)}</dt>
                                    <dd>{u.display_name.clone()} " (" {u.username.clone()} ")"</dd>
                                    <dt>{t!(i18n, staff_role)}</dt>
                                    <dd>{move || role_name(i18n.get_locale(), u.role)}</dd>
                                </dl>
                                {admin
                                    .then(|| {
                                        view! {
                                            <h2>{t!(i18n, staff_admin_links)}</h2>
                                            <ul>
                                                <li>
                                                    <a href="/admin/departments">{t!(i18n, nav_departments)}</a>
                                                </li>
                                                <li>
                                                    <a href="/admin/users">{t!(i18n, nav_users)}</a>
                                                </li>
                                                <li>
                                                    <a href="/admin/mail">{t!(i18n, nav_mail)}</a>
                                                </li>
                                            </ul>
                                        }
                                    })}
                            }
                                .into_any()
                        }
                        Ok(None) => view! { <Refusal error=AppError::unauthenticated() /> }.into_any(),
                        Err(e) => view! { <Refusal error=e /> }.into_any(),
                    })
            }}
        </Suspense>
    }
}
