//! The names of item kinds, statuses and history events in each language.

use crate::i18n::*;
use crate::items::{ItemKind, Status};

pub fn status_label(l: Locale, s: Status) -> &'static str {
    match s {
        Status::New => td_string!(l, item_status_new),
        Status::Assigned => td_string!(l, item_status_assigned),
        Status::InProgress => td_string!(l, item_status_in_progress),
        Status::Answered => td_string!(l, item_status_answered),
        Status::Closed => td_string!(l, item_status_closed),
        Status::Redirected => td_string!(l, item_status_redirected),
        Status::Rejected => td_string!(l, item_status_rejected),
    }
}

pub fn kind_label(l: Locale, k: ItemKind) -> &'static str {
    match k {
        ItemKind::Question => td_string!(l, kind_question),
        ItemKind::PressQuery => td_string!(l, kind_press_query),
        ItemKind::MediaResponse => td_string!(l, media_task),
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::error::messages::check::each_reads_apart;

    #[test]
    fn every_item_status_and_kind_reads_differently_in_each_language() {
        each_reads_apart(Status::ALL, status_label);
        each_reads_apart(ItemKind::ALL, kind_label);
    }
}
