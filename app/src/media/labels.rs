//! Names of media types, tones and response states in each language.

use crate::i18n::*;
use crate::media::sources::SourceKind;
use crate::media::{MediaType, MentionRow};
use crate::publications::Tone;

pub(crate) fn media_type_name(l: Locale, t: &str) -> &'static str {
    match MediaType::parse(t) {
        Some(MediaType::Tv) => td_string!(l, media_tv),
        Some(MediaType::Radio) => td_string!(l, media_radio),
        Some(MediaType::Print) => td_string!(l, media_print),
        Some(MediaType::NewsAgency) => td_string!(l, media_news_agency),
        Some(MediaType::Online) => td_string!(l, media_online),
        Some(MediaType::Social) => td_string!(l, media_social),
        None => "—",
    }
}

/// How a kind of source is written on the pages.
pub(crate) fn source_kind_name(l: Locale, kind: SourceKind) -> &'static str {
    match kind {
        SourceKind::Rss => "RSS",
        SourceKind::Atom => "Atom",
        SourceKind::Page => td_string!(l, media_source_kind_page),
        SourceKind::Telegram => "Telegram",
    }
}

pub(crate) fn tone_name(l: Locale, t: &str) -> &'static str {
    Tone::parse(t)
        .map(|t| crate::publications::labels::tone(l, t))
        .unwrap_or("—")
}

/// The response asked for and where it stands.
pub(crate) fn response_status(l: Locale, m: &MentionRow) -> String {
    let kind = match m.response.as_str() {
        "clarify" => td_string!(l, media_clarify),
        "refute" => td_string!(l, media_refute),
        "amplify" => td_string!(l, media_amplify),
        _ => return "—".into(),
    };
    let state = if m.answered() {
        td_string!(l, media_answered)
    } else {
        td_string!(l, media_waiting)
    };
    format!("{kind}: {state}")
}

/// A mention's tone as the register shows it: marked while only suggested.
pub(crate) fn tone_shown(l: Locale, m: &MentionRow) -> String {
    let tone = tone_name(l, &m.tone);
    if m.tone_suggested {
        format!("{tone} ({})", td_string!(l, media_suggested))
    } else {
        tone.to_string()
    }
}
