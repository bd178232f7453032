//! Admin pages for departments: the list with activate / deactivate, and one
//! form for creating and editing.

use crate::components::forms::{action_error, typed_or, Field, FormErrors, Refusal};
use crate::departments::server_fns::{admin_department, admin_departments, SaveDepartment, SetDepartmentActive};
use crate::departments::Department;
use crate::i18n::*;
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_params_map;

#[component]
pub fn DepartmentsPage() -> impl IntoView {
    let i18n = use_i18n();
    let toggle = ServerAction::<SetDepartmentActive>::new();
    let list = Resource::new(move || toggle.version().get(), |_| admin_departments());
    let toggle_error = action_error(toggle);
    view! {
        <Title text=td_string!(i18n.get_locale_untracked(), depts_title) />
        <Suspense fallback=move || {
            view! { <p>{t!(i18n, common_loading)}</p> }
        }>
            {move || {
                list.get()
                    .map(|r| match r {
                        Err(e) => view! { <Refusal error=e /> }.into_any(),
                        Ok(items) => {
                            view! {
                                <div class="page-head">
                                    <h1>{t!(i18n, depts_title)}</h1>
                                    <a class="button primary" href="/admin/departments/new">
                                        {t!(i18n, depts_new)}
                                    </a>
                                </div>
                                <FormErrors error=toggle_error />
                                <table class="data">
                                    <thead>
                                        <tr>
                                            <th scope="col">{t!(i18n, dept_code)}</th>
                                            <th scope="col">{t!(i18n, dept_name)}</th>
                                            <th scope="col">{t!(i18n, dept_email)}</th>
                                            <th scope="col">{t!(i18n, common_status)}</th>
                                            <th scope="col">{t!(i18n, common_actions)}</th>
                                        </tr>
                                    </thead>
                                    <tbody>
                                        {items
                                            .into_iter()
                                            .map(|d| view! { <DepartmentRow d=d toggle=toggle /> })
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
fn DepartmentRow(d: Department, toggle: ServerAction<SetDepartmentActive>) -> impl IntoView {
    let i18n = use_i18n();
    let name = {
        let d = d.clone();
        move || d.name(i18n.get_locale().as_str()).to_string()
    };
    let edit = format!("/admin/departments/{}", d.id);
    view! {
        <tr class:inactive=!d.active>
            <td>
                <code>{d.code.clone()}</code>
            </td>
            <td>{name}</td>
            <td>{d.email.clone()}</td>
            <td>{if d.active { t!(i18n, common_active).into_any() } else { t!(i18n, common_inactive).into_any() }}</td>
            <td class="actions">
                <a href=edit>{t!(i18n, common_edit)}</a>
                <ActionForm action=toggle attr:class="inline">
                    <input type="hidden" name="id" value=d.id />
                    <input type="hidden" name="active" value=(!d.active).to_string() />
                    <button type="submit" class="link">
                        {if d.active {
                            t!(i18n, common_deactivate).into_any()
                        } else {
                            t!(i18n, common_activate).into_any()
                        }}
                        <span class="visually-hidden">" " {d.code.clone()}</span>
                    </button>
                </ActionForm>
            </td>
        </tr>
    }
}

#[component]
pub fn DepartmentEditPage() -> impl IntoView {
    let i18n = use_i18n();
    let params = use_params_map();
    let id = move || params.read().get("id").and_then(|s| s.parse::<i64>().ok());
    let existing = Resource::new(id, |id| async move {
        match id {
            Some(id) => admin_department(id).await.map(Some),
            // Creating: still ask the server, so a non-admin is refused here too.
            None => admin_departments().await.map(|_| None),
        }
    });
    view! {
        <Suspense fallback=move || {
            view! { <p>{t!(i18n, common_loading)}</p> }
        }>
            {move || {
                existing
                    .get()
                    .map(|r| match r {
                        Err(e) => view! { <Refusal error=e /> }.into_any(),
                        Ok(d) => view! { <DepartmentForm d=d /> }.into_any(),
                    })
            }}
        </Suspense>
    }
}

#[component]
fn DepartmentForm(d: Option<Department>) -> impl IntoView {
    let i18n = use_i18n();
    let save = ServerAction::<SaveDepartment>::new();
    let error = action_error(save);
    let l = i18n.get_locale_untracked();
    let creating = d.is_none();
    let d = d.unwrap_or(Department {
        id: 0,
        code: String::new(),
        name_kk: String::new(),
        name_ru: String::new(),
        name_en: String::new(),
        email: String::new(),
        head_user_id: None,
        active: true,
    });
    let title = if creating {
        td_string!(l, depts_new)
    } else {
        td_string!(l, depts_edit)
    };
    view! {
        <Title text=title />
        <section class="narrow">
            <h1>{title}</h1>
            <FormErrors error=error />
            <ActionForm action=save>
                <input type="hidden" name="id" value=if creating { String::new() } else { d.id.to_string() } />
                <input
                    type="hidden"
                    name="input[head_user_id]"
                    value=d.head_user_id.map(|h| h.to_string()).unwrap_or_default()
                />
                <Field
                    label=td_string!(l, dept_code)
                    name="input[code]"
                    field="code"
                    value=typed_or(error, "code", d.code)
                    required=true
                    error=error
                />
                <Field
                    label=td_string!(l, dept_name_kk)
                    name="input[name_kk]"
                    field="name_kk"
                    value=typed_or(error, "name_kk", d.name_kk)
                    required=true
                    error=error
                />
                <Field
                    label=td_string!(l, dept_name_ru)
                    name="input[name_ru]"
                    field="name_ru"
                    value=typed_or(error, "name_ru", d.name_ru)
                    required=true
                    error=error
                />
                <Field
                    label=td_string!(l, dept_name_en)
                    name="input[name_en]"
                    field="name_en"
                    value=typed_or(error, "name_en", d.name_en)
                    required=true
                    error=error
                />
                <Field
                    label=td_string!(l, dept_email)
                    name="input[email]"
                    field="email"
                    kind="email"
                    value=typed_or(error, "email", d.email)
                    required=true
                    error=error
                />
                <div class="form-actions">
                    <button type="submit" class="primary">
                        {t!(i18n, common_save)}
                    </button>
                    <a href="/admin/departments">{t!(i18n, common_cancel)}</a>
                </div>
            </ActionForm>
        </section>
    }
}
