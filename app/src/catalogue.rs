//! Publications and ratings as pages and the API see them: the closed lists
//! (kind, channel, tone, audience) and the shapes that cross the wire.

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

macro_rules! closed_list {
    ($(#[$m:meta])* $name:ident { $($variant:ident = $code:literal),+ $(,)? }) => {
        $(#[$m])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
        #[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
        #[serde(rename_all = "snake_case")]
        pub enum $name { $($variant),+ }

        impl $name {
            pub const ALL: &'static [$name] = &[$($name::$variant),+];
            pub fn as_str(self) -> &'static str {
                match self { $($name::$variant => $code),+ }
            }
            pub fn parse(s: &str) -> Option<$name> {
                match s { $($code => Some($name::$variant),)+ _ => None }
            }
        }
    };
}

closed_list!(
    /// What kind of output a publication is.
    Kind { PressRelease = "press_release", News = "news", Speech = "speech", Interview = "interview",
           Video = "video", Infographic = "infographic", Report = "report" }
);
closed_list!(
    /// Where a publication appeared.
    Channel { Website = "website", Tv = "tv", Radio = "radio", NewsAgency = "news_agency", Print = "print",
              OnlineMedia = "online_media", Social = "social" }
);
closed_list!(
    /// The tone a person gives their rating.
    Tone { Positive = "positive", Neutral = "neutral", Negative = "negative" }
);
closed_list!(
    /// Who is rating.
    Audience { Citizen = "citizen", Journalist = "journalist", Ngo = "ngo", Business = "business", Other = "other" }
);
closed_list!(
    /// Where a media mention appeared.
    MediaType { Tv = "tv", Radio = "radio", Print = "print", NewsAgency = "news_agency", Online = "online", Social = "social" }
);
closed_list!(
    /// What a media mention needs from the ministry.
    Response { None = "none", Clarify = "clarify", Refute = "refute", Amplify = "amplify" }
);
closed_list!(
    /// A publication's life: drafts are staff-only, archived ones leave the catalogue.
    PubStatus { Draft = "draft", Published = "published", Archived = "archived" }
);

/// Tone counts.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct ToneCounts {
    pub positive: i64,
    pub neutral: i64,
    pub negative: i64,
}

/// Ratings of one audience.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct AudienceSplit {
    pub audience: Audience,
    pub count: i64,
    pub mean: Option<f64>,
    pub tone: ToneCounts,
}

/// The rating summary of one publication.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct RatingSummary {
    pub count: i64,
    /// Mean stars, `null` without ratings.
    pub mean: Option<f64>,
    /// Ratings with 1, 2, 3, 4 and 5 stars.
    pub distribution: [i64; 5],
    pub tone: ToneCounts,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub by_audience: Vec<AudienceSplit>,
}

impl RatingSummary {
    /// Share of `n` in all ratings, 0 when there are none.
    pub fn share(&self, n: i64) -> f64 {
        if self.count == 0 {
            0.0
        } else {
            n as f64 / self.count as f64
        }
    }
}

/// A publication as the catalogue, its page and the API show it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Publication {
    pub id: i64,
    pub kind: Kind,
    pub channel: Channel,
    pub department_id: i64,
    pub department_code: String,
    pub titles: Texts,
    pub summaries: Texts,
    pub url: Option<String>,
    pub published_at: DateTime<Utc>,
    pub status: PubStatus,
    pub topics: Vec<String>,
    pub ratings: RatingSummary,
}

/// One text in up to three languages; empty where not given.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct Texts {
    pub kk: String,
    pub ru: String,
    pub en: String,
}

impl Texts {
    /// The text in `lang`, else the first language that has one (kk, ru, en).
    pub fn get(&self, lang: &str) -> &str {
        let own = match lang {
            "kk" => &self.kk,
            "ru" => &self.ru,
            _ => &self.en,
        };
        if !own.is_empty() {
            return own;
        }
        [&self.kk, &self.ru, &self.en]
            .into_iter()
            .find(|t| !t.is_empty())
            .map(|s| s.as_str())
            .unwrap_or("")
    }
}

/// Filters, search, sorting and paging of the catalogue (also the API's query).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct CatalogueQuery {
    pub department: String,
    pub kind: String,
    pub channel: String,
    pub topic: String,
    /// `YYYY-MM-DD`, inclusive.
    pub from: String,
    pub to: String,
    pub q: String,
    /// `newest` (default), `best` or `most`.
    pub sort: String,
    pub page: Option<i64>,
    pub per_page: Option<i64>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct PublicationPage {
    pub items: Vec<Publication>,
    pub total: i64,
    pub page: i64,
    pub per_page: i64,
}

/// An approved public comment.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct PublicComment {
    pub stars: i64,
    pub tone: Tone,
    pub audience: Audience,
    pub text: String,
    pub at: DateTime<Utc>,
}

/// What a visitor sends to rate (the form and the API share it).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct RatingInput {
    pub stars: String,
    pub tone: String,
    pub audience: String,
    pub comment: String,
}

/// What a visitor gets back from rating: whether it replaced an earlier one.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum RateOutcome {
    Created,
    Replaced,
}

/// What staff type into the publication form.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct PublicationInput {
    pub kind: String,
    pub channel: String,
    pub department_id: String,
    /// Topic codes separated by commas or chosen in the form.
    pub topics: Vec<String>,
    /// `YYYY-MM-DD` or `YYYY-MM-DDTHH:MM`.
    pub published_at: String,
    pub url: String,
    pub title_kk: String,
    pub title_ru: String,
    pub title_en: String,
    pub summary_kk: String,
    pub summary_ru: String,
    pub summary_en: String,
}

/// A comment waiting for a moderator.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct QueuedComment {
    pub rating_id: i64,
    pub publication_id: i64,
    pub publication_title: Texts,
    pub stars: i64,
    pub tone: Tone,
    pub text: String,
    /// Why it needs a closer look: `link`, `abusive`.
    pub flags: Vec<String>,
    pub at: DateTime<Utc>,
}

/// A topic with its names.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(sqlx::FromRow, utoipa::ToSchema))]
pub struct Topic {
    pub code: String,
    pub name_kk: String,
    pub name_ru: String,
    pub name_en: String,
}

/// A day in the body's calendar: `holiday`, `day_off` or `working_day`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CalendarDay {
    pub day: chrono::NaiveDate,
    pub kind: String,
    pub name: String,
}

/// A routing rule as the admin page shows it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct RoutingRule {
    pub id: i64,
    pub position: i64,
    pub name: String,
    pub item_kind: String,
    pub topic: String,
    pub keywords: String,
    pub department_id: i64,
    pub active: bool,
}

/// What an admin types to add a routing rule.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct RoutingRuleInput {
    pub position: String,
    pub name: String,
    pub item_kind: String,
    pub topic: String,
    pub keywords: String,
    pub department_id: String,
}

/// What one feed import did.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct FeedReport {
    pub added: usize,
    pub skipped: usize,
    pub failed: usize,
    pub problems: Vec<String>,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn closed_lists_round_trip_their_codes() {
        for k in Kind::ALL {
            assert_eq!(Kind::parse(k.as_str()), Some(*k));
        }
        assert_eq!(Tone::parse("angry"), None);
        assert_eq!(serde_json::to_string(&Channel::NewsAgency).unwrap(), "\"news_agency\"");
    }

    #[test]
    fn a_missing_translation_falls_back_to_another_language() {
        let t = Texts {
            kk: String::new(),
            ru: "Новости".into(),
            en: String::new(),
        };
        assert_eq!(t.get("en"), "Новости");
        assert_eq!(t.get("ru"), "Новости");
    }

    #[test]
    fn shares_are_zero_without_ratings() {
        assert_eq!(RatingSummary::default().share(0), 0.0);
    }
}
