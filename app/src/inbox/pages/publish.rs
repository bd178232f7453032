//! The moderator's check before publishing an answer to the archive: the
//! question and the answer exactly as the archive will show them, every
//! redaction marked, a box for phrases to remove by hand ("Check again"
//! reloads the page with them, a plain GET form), and the button that
//! publishes exactly the texts on the page. Works without JavaScript.

use crate::components::forms::{action_error, FormErrors, Refusal};
use crate::error::messages::field_message;
use crate::i18n::*;
use crate::inbox::server_fns::{archive_check, ItemPublish};
use crate::privacy::views::{RedactedText, RedactionLegend};
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::{use_params_map, use_query_map};

#[component]
pub fn PublishPage() -> impl IntoView {
    let i18n = use_i18n();
    let l = i18n.get_locale_untracked();
    let params = use_params_map();
    let query = use_query_map();
    let publish = ServerAction::<ItemPublish>::new();
    let publish_e = action_error(publish);
    let code = move || params.read().get("code").unwrap_or_default();
    let remove = move || query.read().get("remove").unwrap_or_default();
    let data = Resource::new(
        move || (code(), remove(), publish.version().get()),
        |(c, r, _)| archive_check(c, r),
    );
    view! {
        <Title text=td_string!(l, publish_check_title) />
        <Suspense fallback=move || {
            view! { <p>{t!(i18n, common_loading)}</p> }
        }>
            {move || {
                data.get()
                    .map(|r| match r {
                        Err(e) => view! { <Refusal error=e /> }.into_any(),
                        Ok(c) => {
                            let code = c.tracking_code.clone();
                            let item_href = format!("/staff/items/{code}");
                            let action = format!("/staff/items/{code}/publish");
                            view! {
                                <p class="meta">
                                    <a href=item_href>{code.clone()}</a>
                                </p>
                                <h1>{td_string!(l, publish_check_title)}</h1>
                                {c
                                    .blocked
                                    .map(|why| {
                                        view! {
                                            <p class="form-errors" role="alert">
                                                {field_message(l, why)}
                                            </p>
                                        }
                                    })}
                                {if c.published {
                                    view! { <p class="notice published-note">{td_string!(l, publish_done)}</p> }
                                        .into_any()
                                } else {
                                    view! { <p class="hint">{td_string!(l, publish_check_hint)}</p> }.into_any()
                                }}
                                <section aria-labelledby="pq-h">
                                    <h2 id="pq-h">{td_string!(l, item_question)}</h2>
                                    <RedactedText text=c.question.clone() class="public-question" />
                                </section>
                                <section aria-labelledby="pa-h">
                                    <h2 id="pa-h">{td_string!(l, track_answer)}</h2>
                                    <RedactedText text=c.answer.clone() class="public-answer" />
                                </section>
                                <details class="legend">
                                    <summary>{td_string!(l, publish_legend)}</summary>
                                    <RedactionLegend />
                                </details>
                                {(!c.published && c.blocked.is_none())
                                    .then(|| {
                                        let by_hand = c.by_hand.clone();
                                        // One root: leptos 0.8 panicked ("arg0.remove is not a
                                        // function") unmounting this as a three-root fragment
                                        // once the answer was published.
                                        view! {
                                            <div class="narrow publish-forms">
                                                <form method="get" action=action>
                                                    <div class="field">
                                                        <label for="f-remove">
                                                            {td_string!(l, publish_remove_label)}
                                                        </label>
                                                        <textarea
                                                            id="f-remove"
                                                            name="remove"
                                                            rows="3"
                                                            aria-describedby="f-remove-hint"
                                                        >
                                                            {c.by_hand.clone()}
                                                        </textarea>
                                                        <p class="hint" id="f-remove-hint">
                                                            {td_string!(l, publish_remove_hint)}
                                                        </p>
                                                    </div>
                                                    <div class="form-actions">
                                                        <button type="submit">
                                                            {td_string!(l, publish_check_again)}
                                                        </button>
                                                    </div>
                                                </form>
                                                <FormErrors error=publish_e />
                                                <ActionForm action=publish>
                                                    <input type="hidden" name="code" value=code.clone() />
                                                    <input type="hidden" name="publish" value="true" />
                                                    <input type="hidden" name="remove" value=by_hand />
                                                    <input type="hidden" name="approved" value=c.approved.clone() />
                                                    <div class="form-actions">
                                                        <button type="submit" class="primary">
                                                            {td_string!(l, publish_these)}
                                                        </button>
                                                    </div>
                                                </ActionForm>
                                            </div>
                                        }
                                    })}
                            }
                                .into_any()
                        }
                    })
            }}
        </Suspense>
    }
}
