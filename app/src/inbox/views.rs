//! Pieces the inbox pages share: the deadline badge.

use crate::i18n::*;
use crate::inbox::Deadline;
use leptos::prelude::*;

/// The deadline badge: words and a class, never colour alone.
#[component]
pub fn DeadlineBadge(deadline: Deadline) -> impl IntoView {
    let l = use_i18n().get_locale_untracked();
    let (class, text) = match deadline {
        Deadline::OnTime(n) => (
            "badge ok",
            format!(
                "{} · {n} {}",
                td_string!(l, badge_on_time),
                td_string!(l, badge_days_left)
            ),
        ),
        Deadline::DueSoon(n) => (
            "badge soon",
            format!(
                "{} · {n} {}",
                td_string!(l, badge_due_soon),
                td_string!(l, badge_days_left)
            ),
        ),
        Deadline::Overdue(n) => (
            "badge late",
            format!(
                "{} · {n} {}",
                td_string!(l, badge_overdue),
                td_string!(l, badge_days_late)
            ),
        ),
        Deadline::Done => ("badge done", "—".to_string()),
    };
    view! { <span class=class>{text}</span> }
}
