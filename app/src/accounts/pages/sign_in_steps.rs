//! The pages after a right password: the second-factor code, setting up a
//! factor (QR code and key drawn on the server, so no script is needed), and
//! the new password an admin-set account must choose. Each form posts and
//! goes on to the next step's page.

use crate::accounts::password_fields::NewPasswordFields;
use crate::accounts::sign_in_fns::{enrolment, ConfirmEnrolment, LoginCode, NewPassword};
use crate::components::forms::{action_error, Field, FormErrors, Refusal};
use crate::i18n::*;
use leptos::prelude::*;
use leptos_meta::Title;

/// The code field: six digits from the app, or a recovery code.
#[component]
fn CodeField(error: Signal<Option<crate::error::AppError>>) -> impl IntoView {
    let i18n = use_i18n();
    let l = i18n.get_locale_untracked();
    view! {
        <Field
            label=td_string!(l, code_label)
            name="code"
            field="code"
            required=true
            autocomplete="one-time-code"
            error=error
        />
    }
}

#[component]
fn StartAgain() -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <p class="hint">
            <a href="/login">{t!(i18n, login_start_again)}</a>
        </p>
    }
}

#[component]
pub fn CodePage() -> impl IntoView {
    let i18n = use_i18n();
    let l = i18n.get_locale_untracked();
    let action = ServerAction::<LoginCode>::new();
    let error = action_error(action);
    view! {
        <Title text=td_string!(l, code_title) />
        <section class="narrow">
            <h1>{t!(i18n, code_title)}</h1>
            <p class="hint">{t!(i18n, code_hint)}</p>
            <FormErrors error=error />
            <ActionForm action=action>
                <CodeField error=error />
                <button type="submit" class="primary">
                    {t!(i18n, code_submit)}
                </button>
            </ActionForm>
            <StartAgain />
        </section>
    }
}

#[component]
pub fn EnrolPage() -> impl IntoView {
    let i18n = use_i18n();
    let l = i18n.get_locale_untracked();
    let action = ServerAction::<ConfirmEnrolment>::new();
    let error = action_error(action);
    let data = Resource::new(|| (), |_| enrolment());
    view! {
        <Title text=td_string!(l, enrol_title) />
        <section class="narrow enrol">
            <h1>{t!(i18n, enrol_title)}</h1>
            <p class="lead">{t!(i18n, enrol_intro)}</p>
            <Suspense fallback=move || {
                view! { <p>{t!(i18n, common_loading)}</p> }
            }>
                {move || {
                    data.get()
                        .map(|r| match r {
                            Err(e) => {
                                view! {
                                    <Refusal error=e />
                                    <StartAgain />
                                }
                                    .into_any()
                            }
                            Ok(e) => {
                                view! {
                                    <h2>{t!(i18n, enrol_step_scan)}</h2>
                                    // The SVG is drawn by the server from the key; nothing typed by anyone.
                                    <div
                                        class="qr"
                                        role="img"
                                        aria-label=td_string!(l, enrol_qr_label)
                                        inner_html=e.qr_svg
                                    />
                                    <p>{t!(i18n, enrol_key)} ": " <code class="secret-key">{e.key_text}</code></p>
                                    <h2>{t!(i18n, enrol_step_codes)}</h2>
                                    <ol class="recovery-codes">
                                        {e
                                            .recovery_codes
                                            .into_iter()
                                            .map(|c| {
                                                view! {
                                                    <li>
                                                        <code>{c}</code>
                                                    </li>
                                                }
                                            })
                                            .collect_view()}
                                    </ol>
                                    <h2>{t!(i18n, enrol_step_confirm)}</h2>
                                    <FormErrors error=error />
                                    <ActionForm action=action>
                                        <CodeField error=error />
                                        <button type="submit" class="primary">
                                            {t!(i18n, code_submit)}
                                        </button>
                                    </ActionForm>
                                }
                                    .into_any()
                            }
                        })
                }}
            </Suspense>
        </section>
    }
}

#[component]
pub fn NewPasswordPage() -> impl IntoView {
    let i18n = use_i18n();
    let l = i18n.get_locale_untracked();
    let action = ServerAction::<NewPassword>::new();
    let error = action_error(action);
    view! {
        <Title text=td_string!(l, newpw_title) />
        <section class="narrow">
            <h1>{t!(i18n, newpw_title)}</h1>
            <p class="hint">{t!(i18n, newpw_hint)}</p>
            <FormErrors error=error />
            <ActionForm action=action>
                <NewPasswordFields error=error />
                <button type="submit" class="primary">
                    {t!(i18n, password_save)}
                </button>
            </ActionForm>
            <StartAgain />
        </section>
    }
}
