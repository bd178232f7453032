//! Form building blocks: labelled fields whose errors sit beside them
//! (`aria-invalid`, `aria-describedby`), and the summary above a form.

use crate::error::messages::{error_message, field_message};
use crate::error::{AppError, ErrorCode};
use crate::i18n::*;
use leptos::prelude::*;

/// The error of the last submission of a server action, if it failed.
pub fn action_error<T, S>(action: ServerAction<S>) -> Signal<Option<AppError>>
where
    S: leptos::server_fn::ServerFn<Output = T, Error = AppError> + Clone + Send + Sync + 'static,
    T: Clone + Send + Sync + 'static,
    S::Output: Send + Sync + 'static,
{
    Signal::derive(move || action.value().get().and_then(|r| r.err()))
}

/// What the person typed into `key` before a refused submission came back
/// (the error carries it, see `AppError::with_input`), else `fallback`: a
/// refused form returns filled in, with or without JavaScript.
pub fn typed_or(error: Signal<Option<AppError>>, key: &str, fallback: String) -> String {
    error
        .get_untracked()
        .and_then(|e| e.input)
        .and_then(|m| m.get(key).cloned())
        .unwrap_or(fallback)
}

/// A message above the form: what went wrong, in the visitor's language.
#[component]
pub fn FormErrors(#[prop(into)] error: Signal<Option<AppError>>) -> impl IntoView {
    let i18n = use_i18n();
    move || {
        error.get().map(|e| {
            let l = i18n.get_locale();
            // A refused decision (409) names its reason; invalid input points at the fields.
            let text = if e.code == ErrorCode::Validation {
                td_string!(l, form_has_errors).to_string()
            } else if !e.fields.is_empty() {
                e.fields
                    .iter()
                    .map(|f| field_message(l, f.code))
                    .collect::<Vec<_>>()
                    .join(" ")
            } else {
                error_message(l, e.code).to_string()
            };
            view! {
                <div class="form-errors" role="alert" tabindex="-1">
                    {text}
                </div>
            }
        })
    }
}

/// A labelled input. `name` is the form name (`input[code]`), `field` the key
/// errors use (`code`).
#[component]
pub fn Field(
    #[prop(into)] label: String,
    name: &'static str,
    field: &'static str,
    #[prop(optional, into)] value: String,
    #[prop(optional)] kind: Option<&'static str>,
    #[prop(optional, into)] hint: Option<String>,
    #[prop(optional)] required: bool,
    #[prop(optional)] autocomplete: Option<&'static str>,
    #[prop(into)] error: Signal<Option<AppError>>,
) -> impl IntoView {
    let i18n = use_i18n();
    let id = format!("f-{field}");
    let err_id = format!("f-{field}-err");
    let hint_id = format!("f-{field}-hint");
    let code = move || error.get().and_then(|e| e.field_code(field));
    let described = {
        let (err_id, hint_id, has_hint) = (err_id.clone(), hint_id.clone(), hint.is_some());
        move || {
            let mut ids = Vec::new();
            if has_hint {
                ids.push(hint_id.clone());
            }
            if code().is_some() {
                ids.push(err_id.clone());
            }
            (!ids.is_empty()).then(|| ids.join(" "))
        }
    };
    view! {
        <div class="field" class:invalid=move || code().is_some()>
            <label for=id
                .clone()>
                {label}
                {required
                    .then_some(
                        view! {
                            <span class="req" aria-hidden="true">
                                " *"
                            </span>
                        },
                    )}
            </label>
            {hint
                .map(|h| {
                    view! {
                        <p class="hint" id=hint_id.clone()>
                            {h}
                        </p>
                    }
                })}
            <input
                id=id
                name=name
                type=kind.unwrap_or("text")
                value=value
                required=required
                autocomplete=autocomplete
                aria-invalid=move || code().is_some().then_some("true")
                aria-describedby=described
            />
            {move || {
                code()
                    .map(|c| {
                        view! {
                            <p class="field-error" id=err_id.clone()>
                                {field_message(i18n.get_locale(), c)}
                            </p>
                        }
                    })
            }}
        </div>
    }
}

/// A labelled `<textarea>` with its error beside it, holding `value` as the
/// server rendered it (a canned answer chosen, a refused form echoed back).
#[component]
pub fn TextArea(
    #[prop(into)] label: String,
    name: &'static str,
    /// Also the element's id suffix: unique on the page.
    field: &'static str,
    #[prop(optional, into)] value: Signal<String>,
    #[prop(optional)] rows: Option<u32>,
    #[prop(optional)] required: bool,
    #[prop(optional, into)] hint: Option<String>,
    #[prop(into)] error: Signal<Option<AppError>>,
    /// The field name errors use, when it differs from `field`.
    #[prop(optional)]
    error_field: Option<&'static str>,
) -> impl IntoView {
    let i18n = use_i18n();
    let id = format!("f-{field}");
    let err_id = format!("f-{field}-err");
    let hint_id = format!("f-{field}-hint");
    let key = error_field.unwrap_or(field);
    let code = move || error.get().and_then(|e| e.field_code(key));
    let has_hint = hint.is_some();
    let (e2, h2) = (err_id.clone(), hint_id.clone());
    view! {
        <div class="field" class:invalid=move || code().is_some()>
            <label for=id
                .clone()>
                {label}
                {required
                    .then_some(
                        view! {
                            <span class="req" aria-hidden="true">
                                " *"
                            </span>
                        },
                    )}
            </label>
            {hint
                .map(|h| {
                    view! {
                        <p class="hint" id=hint_id.clone()>
                            {h}
                        </p>
                    }
                })}
            <textarea
                id=id
                name=name
                rows=rows.unwrap_or(5)
                required=required
                aria-invalid=move || code().is_some().then_some("true")
                aria-describedby=move || {
                    let mut ids = Vec::new();
                    if has_hint {
                        ids.push(h2.clone());
                    }
                    if code().is_some() {
                        ids.push(e2.clone());
                    }
                    (!ids.is_empty()).then(|| ids.join(" "))
                }
            >
                {value.get_untracked()}
            </textarea>
            {move || {
                code()
                    .map(|c| {
                        view! {
                            <p class="field-error" id=err_id.clone()>
                                {field_message(i18n.get_locale(), c)}
                            </p>
                        }
                    })
            }}
        </div>
    }
}

/// A labelled `<select>` with its error beside it.
#[component]
pub fn SelectField(
    #[prop(into)] label: String,
    name: &'static str,
    field: &'static str,
    /// `(value, text)` pairs; the first is chosen when `selected` matches none.
    options: Vec<(String, String)>,
    #[prop(optional, into)] selected: String,
    #[prop(into)] error: Signal<Option<AppError>>,
) -> impl IntoView {
    let i18n = use_i18n();
    let id = format!("f-{field}");
    let err_id = format!("f-{field}-err");
    let code = move || error.get().and_then(|e| e.field_code(field));
    let err_id2 = err_id.clone();
    view! {
        <div class="field" class:invalid=move || code().is_some()>
            <label for=id.clone()>{label}</label>
            <select
                id=id
                name=name
                aria-invalid=move || code().is_some().then_some("true")
                aria-describedby=move || code().is_some().then(|| err_id2.clone())
            >
                {options
                    .into_iter()
                    .map(|(v, text)| {
                        let sel = v == selected;
                        view! {
                            <option value=v selected=sel>
                                {text}
                            </option>
                        }
                    })
                    .collect_view()}
            </select>
            {move || {
                code()
                    .map(|c| {
                        view! {
                            <p class="field-error" id=err_id.clone()>
                                {field_message(i18n.get_locale(), c)}
                            </p>
                        }
                    })
            }}
        </div>
    }
}

/// Shown instead of a page the visitor may not see.
#[component]
pub fn Refusal(error: AppError) -> impl IntoView {
    let i18n = use_i18n();
    match error.code {
        ErrorCode::Unauthenticated => view! {
            <section class="refusal">
                <h1>{t!(i18n, unauthenticated_title)}</h1>
                <p>{t!(i18n, unauthenticated_text)}</p>
                <p>
                    <a href="/login">{t!(i18n, nav_sign_in)}</a>
                </p>
            </section>
        }
        .into_any(),
        ErrorCode::Forbidden => view! {
            <section class="refusal">
                <h1>{t!(i18n, forbidden_title)}</h1>
                <p>{t!(i18n, forbidden_text)}</p>
            </section>
        }
        .into_any(),
        ErrorCode::NotFound => view! {
            <section class="refusal">
                <h1>{t!(i18n, not_found_title)}</h1>
                <p>{t!(i18n, not_found_text)}</p>
            </section>
        }
        .into_any(),
        ErrorCode::Internal => {
            // A 5xx page: the status says so, and the request's id lets a
            // support desk find the one log line with the cause.
            #[cfg(feature = "ssr")]
            if let Some(res) = use_context::<leptos_axum::ResponseOptions>() {
                res.set_status(http::StatusCode::INTERNAL_SERVER_ERROR);
            }
            view! {
                <section class="refusal" role="alert">
                    <p class="form-errors">{error_message(i18n.get_locale(), ErrorCode::Internal)}</p>
                    {error
                        .request_id
                        .map(|id| {
                            view! { <p class="error-reference">{t!(i18n, error_reference)} " " <code>{id}</code></p> }
                        })}
                </section>
            }
            .into_any()
        }
        code => view! {
            <p class="form-errors" role="alert">
                {error_message(i18n.get_locale(), code)}
            </p>
        }
        .into_any(),
    }
}
