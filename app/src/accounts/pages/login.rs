//! Staff sign-in. A wrong password and too many tries answer alike beside the
//! form; the password is never echoed back.

use crate::accounts::sign_in_fns::Login;
use crate::components::forms::{action_error, Field, FormErrors};
use crate::i18n::*;
use leptos::prelude::*;
use leptos_meta::Title;

#[component]
pub fn LoginPage() -> impl IntoView {
    let i18n = use_i18n();
    // Created inside the routes, so an error carried back in the URL after a
    // form posted without JavaScript reaches it.
    let login = ServerAction::<Login>::new();
    let error = action_error(login);
    let l = i18n.get_locale_untracked();
    view! {
        <Title text=td_string!(i18n.get_locale_untracked(), login_title) />
        <section class="narrow">
            <h1>{t!(i18n, login_title)}</h1>
            <p class="hint">{t!(i18n, login_hint)}</p>
            <FormErrors error=error />
            <ActionForm action=login>
                <Field
                    label=td_string!(l, login_username)
                    name="username"
                    field="username"
                    required=true
                    autocomplete="username"
                    error=error
                />
                <Field
                    label=td_string!(l, login_password)
                    name="password"
                    field="password"
                    kind="password"
                    required=true
                    autocomplete="current-password"
                    error=error
                />
                <button type="submit" class="primary">
                    {t!(i18n, login_submit)}
                </button>
            </ActionForm>
        </section>
    }
}
