//! A redacted text on a page: each token redaction left is marked, with
//! what was removed in words beside it for screen readers and on hover.

use crate::i18n::*;
use crate::privacy::{labels::kind_label, segments};
use leptos::prelude::*;

/// `text` (already redacted) as a paragraph with every redaction marked.
#[component]
pub fn RedactedText(text: String, #[prop(optional)] class: &'static str) -> impl IntoView {
    let i18n = use_i18n();
    let l = i18n.get_locale_untracked();
    let class = format!("comment-text {class}");
    view! {
        <p class=class>
            {segments(&text)
                .into_iter()
                .map(|s| match s.redacted {
                    Some(kind) => {
                        let what = kind_label(l, kind);
                        view! {
                            <mark class="redaction" title=what>
                                {s.text}
                                <span class="visually-hidden">" (" {what} ")"</span>
                            </mark>
                        }
                            .into_any()
                    }
                    None => s.text.into_any(),
                })
                .collect_view()}
        </p>
    }
}

/// The marks' meanings, for a page that shows redacted texts.
#[component]
pub fn RedactionLegend() -> impl IntoView {
    let i18n = use_i18n();
    let l = i18n.get_locale_untracked();
    view! {
        <ul class="redaction-legend">
            {crate::privacy::PiiKind::ALL
                .into_iter()
                .map(|k| {
                    view! {
                        <li>
                            <mark class="redaction">{k.token()}</mark>
                            " "
                            {kind_label(l, k)}
                        </li>
                    }
                })
                .collect_view()}
        </ul>
    }
}
