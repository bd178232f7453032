//! The new password typed twice, with the rules beside it: on the page an
//! admin-set account goes through at sign-in, and on the account page.

use crate::components::forms::Field;
use crate::i18n::*;
use leptos::prelude::*;

/// The new password, twice (also on the account page).
#[component]
pub fn NewPasswordFields(error: Signal<Option<crate::error::AppError>>) -> impl IntoView {
    let i18n = use_i18n();
    let l = i18n.get_locale_untracked();
    view! {
        <Field
            label=td_string!(l, password_new)
            name="password"
            field="password"
            kind="password"
            required=true
            autocomplete="new-password"
            hint=td_string!(l, password_rules).to_string()
            error=error
        />
        <Field
            label=td_string!(l, password_repeat)
            name="repeat"
            field="repeat"
            kind="password"
            required=true
            autocomplete="new-password"
            error=error
        />
    }
}
