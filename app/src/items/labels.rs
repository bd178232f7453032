//! The names of item kinds, statuses and history events in each language.

use crate::i18n::*;

pub fn status_label(l: Locale, s: &str) -> &'static str {
    match s {
        "assigned" => td_string!(l, item_status_assigned),
        "in_progress" => td_string!(l, item_status_in_progress),
        "answered" => td_string!(l, item_status_answered),
        "closed" => td_string!(l, item_status_closed),
        "redirected" => td_string!(l, item_status_redirected),
        "rejected" => td_string!(l, item_status_rejected),
        _ => td_string!(l, item_status_new),
    }
}

pub fn kind_label(l: Locale, k: &str) -> &'static str {
    match k {
        "press_query" => td_string!(l, kind_press_query),
        "media_response" => td_string!(l, media_task),
        _ => td_string!(l, kind_question),
    }
}

pub fn event_label(l: Locale, kind: &str) -> &'static str {
    match kind {
        "received" => td_string!(l, ev_received),
        "routed" => td_string!(l, ev_routed),
        "assigned" => td_string!(l, ev_assigned),
        "note" => td_string!(l, ev_note),
        "reassigned" => td_string!(l, ev_reassigned),
        "redirected" => td_string!(l, ev_redirected),
        "rejected" => td_string!(l, ev_rejected),
        "extended" => td_string!(l, ev_extended),
        "answered" => td_string!(l, ev_answered),
        "published" => td_string!(l, ev_published),
        "unpublished" => td_string!(l, ev_unpublished),
        "closed" => td_string!(l, ev_closed),
        "reopened" => td_string!(l, ev_reopened),
        "notified" => td_string!(l, ev_notified),
        "escalated" => td_string!(l, ev_escalated),
        _ => td_string!(l, ev_other),
    }
}
