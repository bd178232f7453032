//! Publications and ratings as pages and the API see them: the closed lists
//! (kind, channel, tone, audience) and the shapes that cross the wire.

use crate::closed_list;
use crate::platform::texts::Texts;
use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

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

/// Counts for ratings over some days.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct RatingTotals {
    pub count: i64,
    pub stars_sum: i64,
    pub distribution: [i64; 5],
    pub positive: i64,
    pub neutral: i64,
    pub negative: i64,
    pub comments: i64,
}

impl RatingTotals {
    pub fn add(&mut self, o: &RatingTotals) {
        self.count += o.count;
        self.stars_sum += o.stars_sum;
        for i in 0..5 {
            self.distribution[i] += o.distribution[i];
        }
        self.positive += o.positive;
        self.neutral += o.neutral;
        self.negative += o.negative;
        self.comments += o.comments;
    }

    /// Mean stars (satisfaction).
    pub fn mean(&self) -> Option<f64> {
        (self.count > 0).then(|| self.stars_sum as f64 / self.count as f64)
    }

    fn share(&self, n: i64) -> Option<f64> {
        (self.count > 0).then(|| n as f64 / self.count as f64)
    }

    pub fn negative_share(&self) -> Option<f64> {
        self.share(self.negative)
    }

    /// Positive % − negative %, in percentage points (−100 to 100).
    pub fn net_tone(&self) -> Option<f64> {
        (self.count > 0).then(|| (self.positive - self.negative) as f64 * 100.0 / self.count as f64)
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
    /// The department's name in each language, where a person reads it.
    pub department_names: Texts,
    pub titles: Texts,
    pub summaries: Texts,
    pub url: Option<String>,
    pub published_at: DateTime<Utc>,
    pub status: PubStatus,
    pub topics: Vec<String>,
    pub ratings: RatingSummary,
}

closed_list!(
    /// How the catalogue is ordered.
    CatalogueSort {
        /// Newest first (the default).
        Newest = "newest",
        /// Best rated first.
        Best = "best",
        /// Most rated first.
        Most = "most",
    }
);

/// Filters, search, sorting and paging of the catalogue: the page's address
/// and the query of `GET /api/v1/publications`. A parameter it does not
/// know is refused.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::IntoParams))]
#[cfg_attr(feature = "ssr", into_params(parameter_in = Query))]
#[serde(default, deny_unknown_fields)]
pub struct CatalogueQuery {
    /// Department code, e.g. `MEDIA`.
    pub department: String,
    #[cfg_attr(feature = "ssr", param(schema_with = crate::platform::schema::code_or_empty::<Kind>))]
    pub kind: String,
    #[cfg_attr(feature = "ssr", param(schema_with = crate::platform::schema::code_or_empty::<Channel>))]
    pub channel: String,
    /// Topic code.
    pub topic: String,
    /// First day, `YYYY-MM-DD` (the body's time zone), inclusive.
    #[cfg_attr(feature = "ssr", param(schema_with = crate::platform::schema::date_or_empty))]
    pub from: String,
    /// Last day, `YYYY-MM-DD`, inclusive.
    #[cfg_attr(feature = "ssr", param(schema_with = crate::platform::schema::date_or_empty))]
    pub to: String,
    /// Words to find in titles and summaries.
    pub q: String,
    #[cfg_attr(feature = "ssr", param(schema_with = crate::platform::schema::code_or_empty::<CatalogueSort>))]
    pub sort: String,
    #[cfg_attr(feature = "ssr", param(minimum = 1))]
    pub page: Option<i64>,
    #[cfg_attr(feature = "ssr", param(minimum = 1, maximum = 100))]
    pub per_page: Option<i64>,
    /// The API's language of `title`: `kk`, `ru` or `en` (pages use the
    /// visitor's language).
    #[cfg_attr(feature = "ssr", param(schema_with = crate::platform::schema::code_or_empty::<crate::platform::texts::Lang>))]
    pub lang: String,
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
    fn shares_are_zero_without_ratings() {
        assert_eq!(RatingSummary::default().share(0), 0.0);
    }
}
