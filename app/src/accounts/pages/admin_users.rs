//! Admin pages for staff accounts: the list with activate / deactivate, and
//! one form for creating and editing (role, department, password).

use crate::accounts::labels::role_name;
use crate::components::forms::{action_error, Field, FormErrors, Refusal, SelectField};
use crate::i18n::*;
use crate::{
    accounts::server_fns::{admin_user, admin_users, EndUserSessions, ResetFactor, SaveUser, SetUserActive},
    departments::server_fns::admin_departments,
};
use crate::{accounts::StaffUser, departments::Department, platform::roles::Role};
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_params_map;

#[component]
pub fn UsersPage() -> impl IntoView {
    let i18n = use_i18n();
    let toggle = ServerAction::<SetUserActive>::new();
    let reset = ServerAction::<ResetFactor>::new();
    let reset_error = action_error(reset);
    let end = ServerAction::<EndUserSessions>::new();
    let end_error = action_error(end);
    let data = Resource::new(
        move || (toggle.version().get(), reset.version().get(), end.version().get()),
        |_| async move { Ok::<_, crate::error::AppError>((admin_users().await?, admin_departments().await?)) },
    );
    let toggle_error = action_error(toggle);
    let query = leptos_router::hooks::use_query_map();
    let auth = crate::accounts::viewer::use_auth();
    view! {
        <Title text=td_string!(i18n.get_locale_untracked(), users_title) />
        <Suspense fallback=move || {
            view! { <p>{t!(i18n, common_loading)}</p> }
        }>
            {move || {
                data.get()
                    .map(|r| match r {
                        Err(e) => view! { <Refusal error=e /> }.into_any(),
                        Ok((users, depts)) => {
                            view! {
                                <div class="page-head">
                                    <h1>{t!(i18n, users_title)}</h1>
                                    <a class="button primary" href="/admin/users/new">
                                        {t!(i18n, users_new)}
                                    </a>
                                </div>
                                <FormErrors error=toggle_error />
                                <FormErrors error=reset_error />
                                <FormErrors error=end_error />
                                {move || {
                                    let done = end.value().get().is_some_and(|r| r.is_ok())
                                        || query.read().get("sessions_ended").is_some();
                                    done.then(|| {
                                        view! {
                                            <p class="notice" role="status">
                                                {t!(i18n, users_sessions_were_ended)}
                                            </p>
                                        }
                                    })
                                }}
                                {move || {
                                    let done = reset.value().get().is_some_and(|r| r.is_ok())
                                        || query.read().get("factor_reset").is_some();
                                    done.then(|| {
                                        view! {
                                            <p class="notice" role="status">
                                                {t!(i18n, users_factor_was_reset)}
                                            </p>
                                        }
                                    })
                                }}
                                <table class="data">
                                    <thead>
                                        <tr>
                                            <th scope="col">{t!(i18n, user_display_name)}</th>
                                            <th scope="col">{t!(i18n, user_username)}</th>
                                            <th scope="col">{t!(i18n, user_role)}</th>
                                            <th scope="col">{t!(i18n, user_department)}</th>
                                            <th scope="col">{t!(i18n, common_status)}</th>
                                            <th scope="col">{t!(i18n, common_actions)}</th>
                                        </tr>
                                    </thead>
                                    <tbody>
                                        {users
                                            .into_iter()
                                            .map(|u| {
                                                let dept = u
                                                    .department_id
                                                    .and_then(|id| depts.iter().find(|d| d.id == id).cloned());
                                                let me = auth.user.get().and_then(|r| r.ok().flatten()).map(|m| m.id);
                                                view! {
                                                    <UserRow u=u dept=dept toggle=toggle reset=reset end=end me=me />
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

#[component]
fn UserRow(
    u: StaffUser,
    dept: Option<Department>,
    toggle: ServerAction<SetUserActive>,
    reset: ServerAction<ResetFactor>,
    end: ServerAction<EndUserSessions>,
    me: Option<i64>,
) -> impl IntoView {
    // Nobody deactivates their own account (the server refuses it too).
    let own = me == Some(u.id);
    let i18n = use_i18n();
    let edit = format!("/admin/users/{}", u.id);
    let role = u.role;
    let (name_a, name_b, name_c) = (u.username.clone(), u.username.clone(), u.username.clone());
    let dept_name = move || {
        dept.as_ref()
            .map(|d| d.name(i18n.get_locale().as_str()).to_string())
            .unwrap_or_default()
    };
    view! {
        <tr class:inactive=!u.active>
            <td>{u.display_name.clone()}</td>
            <td>
                <code>{u.username.clone()}</code>
            </td>
            <td>{move || role_name(i18n.get_locale(), role)}</td>
            <td>{dept_name}</td>
            <td>{if u.active { t!(i18n, common_active).into_any() } else { t!(i18n, common_inactive).into_any() }}</td>
            <td class="actions">
                <a href=edit>{t!(i18n, common_edit)}</a>
                {(!own)
                    .then(|| {
                        view! {
                            <ActionForm action=toggle attr:class="inline">
                                <input type="hidden" name="id" value=u.id />
                                <input type="hidden" name="active" value=(!u.active).to_string() />
                                <button type="submit" class="link">
                                    {if u.active {
                                        t!(i18n, common_deactivate).into_any()
                                    } else {
                                        t!(i18n, common_activate).into_any()
                                    }}
                                    <span class="visually-hidden">" " {name_a}</span>
                                </button>
                            </ActionForm>
                            // A lost phone: the colleague sets up a new factor at their next sign-in.
                            <ActionForm action=reset attr:class="inline">
                                <input type="hidden" name="id" value=u.id />
                                <button type="submit" class="link">
                                    {t!(i18n, users_reset_factor)}
                                    <span class="visually-hidden">" " {name_b}</span>
                                </button>
                            </ActionForm>
                            <ActionForm action=end attr:class="inline">
                                <input type="hidden" name="id" value=u.id />
                                <button type="submit" class="link">
                                    {t!(i18n, users_end_sessions)}
                                    <span class="visually-hidden">" " {name_c}</span>
                                </button>
                            </ActionForm>
                        }
                    })}
            </td>
        </tr>
    }
}

#[component]
pub fn UserEditPage() -> impl IntoView {
    let i18n = use_i18n();
    let params = use_params_map();
    let id = move || params.read().get("id").and_then(|s| s.parse::<i64>().ok());
    let data = Resource::new(id, |id| async move {
        let depts = admin_departments().await?;
        let user = match id {
            Some(id) => Some(admin_user(id).await?),
            None => None,
        };
        Ok::<_, crate::error::AppError>((user, depts))
    });
    view! {
        <Suspense fallback=move || {
            view! { <p>{t!(i18n, common_loading)}</p> }
        }>
            {move || {
                data.get()
                    .map(|r| match r {
                        Err(e) => view! { <Refusal error=e /> }.into_any(),
                        Ok((u, depts)) => view! { <UserForm u=u depts=depts /> }.into_any(),
                    })
            }}
        </Suspense>
    }
}

#[component]
fn UserForm(u: Option<StaffUser>, depts: Vec<Department>) -> impl IntoView {
    let i18n = use_i18n();
    let save = ServerAction::<SaveUser>::new();
    let error = action_error(save);
    let l = i18n.get_locale_untracked();
    let creating = u.is_none();
    let title = if creating {
        td_string!(l, users_new)
    } else {
        td_string!(l, users_edit)
    };
    let roles: Vec<(String, String)> = Role::ALL
        .iter()
        .map(|r| (r.as_str().to_string(), role_name(l, *r).to_string()))
        .collect();
    let mut dept_opts = vec![(String::new(), td_string!(l, common_none).to_string())];
    dept_opts.extend(
        depts
            .iter()
            .filter(|d| d.active)
            .map(|d| (d.id.to_string(), d.name(l.as_str()).to_string())),
    );
    let (id, username, display_name, email, role, dept) = match &u {
        Some(u) => (
            u.id.to_string(),
            u.username.clone(),
            u.display_name.clone(),
            u.email.clone(),
            u.role.as_str().to_string(),
            u.department_id.map(|d| d.to_string()).unwrap_or_default(),
        ),
        None => Default::default(),
    };
    let hint = if creating {
        td_string!(l, user_password_hint_new)
    } else {
        td_string!(l, user_password_hint_edit)
    };
    view! {
        <Title text=title />
        <section class="narrow">
            <h1>{title}</h1>
            <FormErrors error=error />
            <ActionForm action=save>
                <input type="hidden" name="id" value=id />
                <Field
                    label=td_string!(l, user_display_name)
                    name="input[display_name]"
                    field="display_name"
                    value=display_name
                    required=true
                    error=error
                />
                <Field
                    label=td_string!(l, user_username)
                    name="input[username]"
                    field="username"
                    value=username
                    required=true
                    autocomplete="off"
                    error=error
                />
                <Field
                    label=td_string!(l, user_email)
                    name="input[email]"
                    field="email"
                    kind="email"
                    value=email
                    required=true
                    error=error
                />
                <SelectField
                    label=td_string!(l, user_role)
                    name="input[role]"
                    field="role"
                    options=roles
                    selected=role
                    error=error
                />
                <SelectField
                    label=td_string!(l, user_department)
                    name="input[department_id]"
                    field="department_id"
                    options=dept_opts
                    selected=dept
                    error=error
                />
                <Field
                    label=td_string!(l, user_password)
                    name="input[password]"
                    field="password"
                    kind="password"
                    hint=hint
                    required=creating
                    autocomplete="new-password"
                    error=error
                />
                <div class="form-actions">
                    <button type="submit" class="primary">
                        {t!(i18n, common_save)}
                    </button>
                    <a href="/admin/users">{t!(i18n, common_cancel)}</a>
                </div>
            </ActionForm>
        </section>
    }
}
