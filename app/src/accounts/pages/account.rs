//! A staff member's own account: change the password (the current one,
//! then the new one twice), and the live sessions (browser, started, last
//! active), each of which can be ended, or all but this one.

use crate::accounts::account_fns::{my_sessions, ChangePassword, EndOtherSessions, EndSession};
use crate::accounts::password_fields::NewPasswordFields;
use crate::accounts::SessionView;
use crate::components::format::local_time;
use crate::components::forms::{action_error, Field, FormErrors, Refusal};
use crate::i18n::*;
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_query_map;

#[component]
pub fn AccountPage() -> impl IntoView {
    let i18n = use_i18n();
    let l = i18n.get_locale_untracked();
    let change = ServerAction::<ChangePassword>::new();
    let change_error = action_error(change);
    let end_one = ServerAction::<EndSession>::new();
    let end_others = ServerAction::<EndOtherSessions>::new();
    let end_error = action_error(end_one);
    let sessions = Resource::new(
        move || {
            (
                end_one.version().get(),
                end_others.version().get(),
                change.version().get(),
            )
        },
        |_| my_sessions(),
    );
    let qm = use_query_map();
    let changed = move || qm.read().get("changed").is_some() || change.value().get().is_some_and(|r| r.is_ok());
    view! {
        <Title text=td_string!(l, account_title) />
        <h1>{t!(i18n, account_title)}</h1>
        <section class="narrow">
            <h2>{t!(i18n, account_password)}</h2>
            <Show when=changed>
                <p class="notice" role="status">
                    {t!(i18n, account_changed)}
                </p>
            </Show>
            <FormErrors error=change_error />
            <ActionForm action=change>
                <Field
                    label=td_string!(l, password_current)
                    name="current"
                    field="current"
                    kind="password"
                    required=true
                    autocomplete="current-password"
                    error=change_error
                />
                <NewPasswordFields error=change_error />
                <button type="submit" class="primary">
                    {t!(i18n, password_save)}
                </button>
            </ActionForm>
        </section>
        <section>
            <h2>{t!(i18n, account_sessions)}</h2>
            <FormErrors error=end_error />
            <Suspense fallback=move || {
                view! { <p>{t!(i18n, common_loading)}</p> }
            }>
                {move || {
                    sessions
                        .get()
                        .map(|r| match r {
                            Err(e) => view! { <Refusal error=e /> }.into_any(),
                            Ok(list) => view! { <SessionTable list=list end_one=end_one /> }.into_any(),
                        })
                }}
            </Suspense>
            <ActionForm action=end_others>
                <button type="submit">{t!(i18n, sessions_end_others)}</button>
            </ActionForm>
        </section>
    }
}

#[component]
fn SessionTable(list: Vec<SessionView>, end_one: ServerAction<EndSession>) -> impl IntoView {
    let i18n = use_i18n();
    let l = i18n.get_locale_untracked();
    view! {
        <div class="table-scroll">
            <table class="data sessions">
                <thead>
                    <tr>
                        <th scope="col">{td_string!(l, sessions_browser)}</th>
                        <th scope="col">{td_string!(l, sessions_started)}</th>
                        <th scope="col">{td_string!(l, sessions_last_seen)}</th>
                        <th scope="col">{td_string!(l, common_actions)}</th>
                    </tr>
                </thead>
                <tbody>
                    {list
                        .into_iter()
                        .map(|s| {
                            view! {
                                <tr class:this-session=s.this_one>
                                    <td>
                                        {s.browser.clone()}
                                        {s
                                            .this_one
                                            .then(|| {
                                                view! {
                                                    " "
                                                    <strong>{td_string!(l, sessions_this)}</strong>
                                                }
                                            })}
                                    </td>
                                    <td>{local_time(s.started_at)}</td>
                                    <td>{local_time(s.last_seen_at)}</td>
                                    <td class="actions">
                                        <ActionForm action=end_one attr:class="inline">
                                            <input type="hidden" name="id" value=s.id.clone() />
                                            <button type="submit" class="link">
                                                {td_string!(l, sessions_end)}
                                                <span class="visually-hidden">" " {s.browser.clone()}</span>
                                            </button>
                                        </ActionForm>
                                    </td>
                                </tr>
                            }
                        })
                        .collect_view()}
                </tbody>
            </table>
        </div>
    }
}
