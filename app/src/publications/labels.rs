//! Names of the closed lists (kind, channel, tone, audience, catalogue sort) in each language.

use crate::i18n::*;
use crate::publications::{Audience, CatalogueSort, Channel, Kind, Tone, Topic};

pub fn kind(l: Locale, k: Kind) -> &'static str {
    match k {
        Kind::PressRelease => td_string!(l, kind_press_release),
        Kind::News => td_string!(l, kind_news),
        Kind::Speech => td_string!(l, kind_speech),
        Kind::Interview => td_string!(l, kind_interview),
        Kind::Video => td_string!(l, kind_video),
        Kind::Infographic => td_string!(l, kind_infographic),
        Kind::Report => td_string!(l, kind_report),
    }
}

pub fn channel(l: Locale, c: Channel) -> &'static str {
    match c {
        Channel::Website => td_string!(l, channel_website),
        Channel::Tv => td_string!(l, channel_tv),
        Channel::Radio => td_string!(l, channel_radio),
        Channel::NewsAgency => td_string!(l, channel_news_agency),
        Channel::Print => td_string!(l, channel_print),
        Channel::OnlineMedia => td_string!(l, channel_online_media),
        Channel::Social => td_string!(l, channel_social),
    }
}

pub fn tone(l: Locale, t: Tone) -> &'static str {
    match t {
        Tone::Positive => td_string!(l, tone_positive),
        Tone::Neutral => td_string!(l, tone_neutral),
        Tone::Negative => td_string!(l, tone_negative),
    }
}

pub fn audience(l: Locale, a: Audience) -> &'static str {
    match a {
        Audience::Citizen => td_string!(l, audience_citizen),
        Audience::Journalist => td_string!(l, audience_journalist),
        Audience::Ngo => td_string!(l, audience_ngo),
        Audience::Business => td_string!(l, audience_business),
        Audience::Other => td_string!(l, audience_other),
    }
}

/// A topic's name in the visitor's language.
pub fn sort(l: Locale, s: CatalogueSort) -> &'static str {
    match s {
        CatalogueSort::Newest => td_string!(l, sort_newest),
        CatalogueSort::Best => td_string!(l, sort_best),
        CatalogueSort::Most => td_string!(l, sort_most),
    }
}

pub fn topic_name(l: Locale, t: &Topic) -> String {
    match l {
        Locale::kk => t.name_kk.clone(),
        Locale::ru => t.name_ru.clone(),
        Locale::en => t.name_en.clone(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::error::messages::check::{each_reads_apart, each_reads_apart_but};

    #[test]
    fn every_kind_channel_tone_audience_and_sort_reads_differently_in_each_language() {
        each_reads_apart_but(Kind::ALL, kind, &[Kind::Infographic]);
        each_reads_apart_but(Channel::ALL, channel, &[Channel::Website, Channel::Radio]);
        each_reads_apart(Tone::ALL, tone);
        each_reads_apart_but(Audience::ALL, audience, &[Audience::Journalist, Audience::Business]);
        each_reads_apart(CatalogueSort::ALL, sort);
    }
}
