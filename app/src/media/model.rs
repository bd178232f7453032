//! Media monitoring as pages and the API see it: mentions, outlets, the
//! media figures of the indicators, the daily digest, and the two rules
//! that need no database: the negative spike and the digest's comparisons.

use crate::closed_list;
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

closed_list!(
    /// Where a media mention appeared.
    MediaType { Tv = "tv", Radio = "radio", Print = "print", NewsAgency = "news_agency", Online = "online", Social = "social" }
);

closed_list!(
    /// What a media mention needs from the ministry.
    Response { None = "none", Clarify = "clarify", Refute = "refute", Amplify = "amplify" }
);

/// The outlet named in a form or a CSV line (from the managed list, any
/// case) and the media type: the one given, or the outlet's own. Each
/// problem is named by its field (`outlet`, `media_type`).
pub fn outlet_and_type<'a>(
    outlets: &'a [Outlet],
    outlet: &str,
    media_type: &str,
) -> (Option<&'a Outlet>, Option<MediaType>, Vec<crate::error::FieldError>) {
    use crate::error::{FieldCode, FieldError};
    let mut errs = Vec::new();
    let found = outlets
        .iter()
        .find(|o| o.name.trim().eq_ignore_ascii_case(outlet.trim()));
    if outlet.trim().is_empty() || found.is_none() {
        errs.push(FieldError {
            field: "outlet".into(),
            code: if outlet.trim().is_empty() {
                FieldCode::Required
            } else {
                FieldCode::UnknownOutlet
            },
        });
    }
    let media = match media_type.trim() {
        "" => found.and_then(|o| MediaType::parse(&o.media_type)),
        t => {
            let m = MediaType::parse(t);
            if m.is_none() {
                errs.push(FieldError {
                    field: "media_type".into(),
                    code: FieldCode::InvalidChoice,
                });
            }
            m
        }
    };
    (found, media, errs)
}

/// A mention as typed into the form or read from a CSV line (strings, so a
/// bad value comes back beside its field).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct MentionInput {
    pub outlet: String,
    /// Empty: the outlet's own media type.
    pub media_type: String,
    pub headline: String,
    pub url: String,
    pub day: String,
    pub tone: String,
    pub reach: String,
    pub topic: String,
    pub department: String,
    pub summary: String,
}

/// A mention in the register.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct MentionRow {
    pub id: i64,
    pub outlet: String,
    pub media_type: String,
    pub headline: String,
    pub url: String,
    pub day: NaiveDate,
    pub tone: String,
    pub reach: Option<i64>,
    pub topic: String,
    pub department: Option<String>,
    pub summary: String,
    pub response: String,
    /// The response task's tracking code and status, when there is one.
    pub task: Option<(String, String)>,
    /// What was published in response (the task's answer).
    pub outcome: Option<String>,
    /// Found by the press monitor: the words around what the query found,
    /// the text's language, the source and the query.
    pub excerpt: String,
    pub language: String,
    pub source: Option<String>,
    pub query: Option<String>,
    /// The story this mention carries (the id of the story's first item)
    /// and how many mentions the story has; `None` for one typed by hand.
    pub story_id: Option<i64>,
    pub story_mentions: i64,
    /// The tone was suggested by the portal and no person has confirmed it;
    /// the words that decided it.
    pub tone_suggested: bool,
    pub tone_words: String,
}

impl MentionRow {
    /// Whether the response asked for has been given.
    pub fn answered(&self) -> bool {
        self.task
            .as_ref()
            .is_some_and(|(_, s)| matches!(s.as_str(), "answered" | "closed"))
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Outlet {
    pub id: i64,
    pub name: String,
    pub media_type: String,
    pub mentions: i64,
}

/// Counts per media type, in `MediaType::ALL` order.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct ByType {
    pub tv: i64,
    pub radio: i64,
    pub print: i64,
    pub news_agency: i64,
    pub online: i64,
    pub social: i64,
}

impl ByType {
    pub fn add(&mut self, t: MediaType, n: i64) {
        match t {
            MediaType::Tv => self.tv += n,
            MediaType::Radio => self.radio += n,
            MediaType::Print => self.print += n,
            MediaType::NewsAgency => self.news_agency += n,
            MediaType::Online => self.online += n,
            MediaType::Social => self.social += n,
        }
    }

    pub fn get(&self, t: MediaType) -> i64 {
        match t {
            MediaType::Tv => self.tv,
            MediaType::Radio => self.radio,
            MediaType::Print => self.print,
            MediaType::NewsAgency => self.news_agency,
            MediaType::Online => self.online,
            MediaType::Social => self.social,
        }
    }

    pub fn total(&self) -> i64 {
        MediaType::ALL.iter().map(|t| self.get(*t)).sum()
    }
}

/// A count now and before, with the change.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct CountChange {
    pub current: i64,
    pub previous: i64,
    pub change: i64,
}

impl CountChange {
    pub fn of(current: i64, previous: i64) -> Self {
        CountChange {
            current,
            previous,
            change: current - previous,
        }
    }
}

/// Media tone for a period beside the previous one (counts).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct MediaFigures {
    pub mentions: CountChange,
    /// Stories: reprints of one text across outlets counted once (a
    /// mention typed by hand is a story of its own).
    pub stories: CountChange,
    pub by_type: ByType,
    /// Mentions by tone toward the body: every tone (`tone_counts` `all`)
    /// or only those a person set or confirmed (`confirmed`).
    pub tone: crate::publications::ToneCounts,
    /// `all` or `confirmed`: what `tone` and `tone_previous` count.
    pub tone_counts: String,
    /// The tones the portal suggested that no person has confirmed yet
    /// (within `tone` when it counts all).
    pub tone_suggested: crate::publications::ToneCounts,
    pub by_type_previous: ByType,
    pub tone_previous: crate::publications::ToneCounts,
    /// How the press carried the ministry's releases of the period, and of
    /// the period before.
    pub pickup: PickupFigures,
    pub pickup_previous: PickupFigures,
}

/// Releases (published publications) of a period and their pickup.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct PickupFigures {
    pub releases: i64,
    /// Releases carried by at least one press item.
    pub picked_up: i64,
    /// Outlets per picked-up release, on average.
    pub outlets_per_release: f64,
    /// Hours from a release to its first pickup, the median over picked-up
    /// releases; `null` when none was picked up.
    pub median_delay_hours: Option<f64>,
}

/// A story of a period as the digest lists it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct StoryLine {
    pub story_id: i64,
    /// The headline of the story's first item.
    pub headline: String,
    pub mentions: i64,
    pub outlets: i64,
    pub negative: i64,
    /// The story had mentions before the period too.
    pub continuing: bool,
    /// The most similar story of the period before (a topic coming back),
    /// when one is similar enough without being the same story.
    pub similar_before: Option<SimilarStory>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct SimilarStory {
    pub story_id: i64,
    pub headline: String,
    /// The estimated share of shared four-word shingles.
    pub similarity: f64,
}

/// One press item that carried a release, as the publication's staff page
/// lists it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct PickupRow {
    pub outlet: String,
    pub headline: String,
    pub url: String,
    pub delay_hours: f64,
    /// The release headline's key words survived in the item's headline.
    pub key_words_kept: bool,
}

/// The negative spike rule: negative mentions in the last 24 hours are a
/// spike when there are at least [`SPIKE_MIN`] of them, at least
/// [`SPIKE_FACTOR`] times the daily average of the 30 days before, and more
/// than three standard deviations above it (counts taken as Poisson, so the
/// deviation is the square root of the average).
pub const SPIKE_MIN: i64 = 5;
pub const SPIKE_FACTOR: f64 = 3.0;

pub fn is_spike(last_24h: i64, trailing_30_days: i64) -> bool {
    let mean = trailing_30_days.max(0) as f64 / 30.0;
    let n = last_24h as f64;
    last_24h >= SPIKE_MIN && n >= SPIKE_FACTOR * mean && n > mean + 3.0 * mean.sqrt()
}

/// One check of a scope: whether it is in a spike after the check, and
/// whether to alert (only when a spike starts; it must end before another
/// alert).
pub fn spike_step(active: bool, spiking: bool) -> (bool, bool) {
    (spiking, spiking && !active)
}

/// One line of the digest: a day's count beside the day before and the
/// average of the same weekday over the four weeks before.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct DigestLine {
    pub key: String,
    pub count: i64,
    pub previous_day: i64,
    pub weekday_average: f64,
}

impl DigestLine {
    /// `weeks` holds the count on the same weekday 1, 2, 3 and 4 weeks back.
    pub fn new(key: &str, count: i64, previous_day: i64, weeks: [i64; 4]) -> Self {
        DigestLine {
            key: key.to_string(),
            count,
            previous_day,
            weekday_average: weeks.iter().sum::<i64>() as f64 / 4.0,
        }
    }

    /// The change against the day before.
    pub fn change_day(&self) -> i64 {
        self.count - self.previous_day
    }

    /// The change against the weekday average, as a fraction (None when
    /// the average is zero).
    pub fn change_weekday(&self) -> Option<f64> {
        (self.weekday_average > 0.0).then(|| (self.count as f64 - self.weekday_average) / self.weekday_average)
    }
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct DigestPublication {
    pub id: i64,
    pub titles: crate::platform::texts::Texts,
    pub ratings: i64,
    pub mean: f64,
}

/// Mentions per day (or per week) of the register's period, beside the
/// same stretch of the period before.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct DailyMentions {
    pub weekly: bool,
    /// Each bucket's first day.
    pub days: Vec<NaiveDate>,
    pub current: Vec<i64>,
    pub previous: Vec<i64>,
}

/// The daily digest of a day (or a week, `days` 7).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Digest {
    pub day: NaiveDate,
    pub days: i64,
    pub total: DigestLine,
    /// Stories (reprints counted once), and of them how many began in
    /// these days and how many continue from before.
    pub stories: DigestLine,
    pub new_stories: i64,
    pub continuing_stories: i64,
    /// The most carried stories of these days, each beside the period before.
    pub story_lines: Vec<StoryLine>,
    pub by_type: Vec<DigestLine>,
    pub by_tone: Vec<DigestLine>,
    /// (topic, count) and (outlet, count), most first.
    pub top_topics: Vec<(String, i64)>,
    pub top_outlets: Vec<(String, i64)>,
    pub negative: Vec<MentionRow>,
    /// The ministry's own publications of those days with their ratings.
    pub publications: Vec<DigestPublication>,
    pub subscribed: bool,
}

/// One problem: the file's line number (the header is line 1), the field
/// and the error code.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct LineError {
    pub line: u64,
    pub field: String,
    pub code: crate::error::FieldCode,
}

/// An import as its page shows it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ImportView {
    pub id: i64,
    pub file_name: String,
    pub status: String,
    pub total: i64,
    pub valid: i64,
    pub done: i64,
    pub imported: i64,
    pub errors: Vec<LineError>,
    /// The first good lines: (line, outlet, headline, date, tone).
    pub sample: Vec<(u64, String, String, String, String)>,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_quiet_history_raises_no_alert() {
        // Two negatives a day for a month, two or three today.
        assert!(!is_spike(2, 60));
        assert!(!is_spike(3, 60));
        // Nothing for a month, then four: under the minimum.
        assert!(!is_spike(4, 0));
        // A noisy ministry: 10 a day; 20 today is not three times that.
        assert!(!is_spike(20, 300));
    }

    #[test]
    fn a_spike_far_above_the_trailing_level_raises_an_alert() {
        assert!(is_spike(8, 60));
        assert!(is_spike(5, 0));
        assert!(is_spike(31, 300));
    }

    #[test]
    fn one_alert_per_spike_and_none_repeated_until_it_ends() {
        let mut active = false;
        let mut alerts = 0;
        for spiking in [false, true, true, true, false, false, true] {
            let (now, alert) = spike_step(active, spiking);
            active = now;
            alerts += alert as i32;
            if spiking {
                assert!(active);
            }
        }
        // The first spike alerted once over three checks; the second once.
        assert_eq!(alerts, 2);
        assert_eq!(spike_step(true, true), (true, false));
        assert_eq!(spike_step(false, true), (true, true));
        assert_eq!(spike_step(true, false), (false, false));
    }

    #[test]
    fn the_digest_compares_with_the_day_before_and_the_weekday_average() {
        let l = DigestLine::new("radio", 6, 2, [4, 2, 0, 2]);
        assert_eq!(l.change_day(), 4);
        assert_eq!(l.weekday_average, 2.0);
        assert_eq!(l.change_weekday(), Some(2.0));
        let quiet = DigestLine::new("tv", 1, 0, [0, 0, 0, 0]);
        assert_eq!(quiet.change_weekday(), None);
        assert_eq!(quiet.change_day(), 1);
    }

    #[test]
    fn counts_by_type_add_up() {
        let mut b = ByType::default();
        b.add(MediaType::Radio, 2);
        b.add(MediaType::Tv, 1);
        b.add(MediaType::Radio, 1);
        assert_eq!((b.radio, b.tv, b.total()), (3, 1, 4));
    }
}
