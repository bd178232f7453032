//! What the indicators pages and the API exchange: the query (period and
//! filters), the figures against the previous period, weekly series, channel
//! rows and the analytics drill-down rows.

use crate::channels::OfficialChannel;
use crate::indicators::maths::{Comparison, ProblemArea};
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

/// The query: `from`/`to` as `YYYY-MM-DD` (default: the last 30 days),
/// department code, topic, channel, audience, item kind.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::IntoParams))]
#[cfg_attr(feature = "ssr", into_params(parameter_in = Query))]
#[serde(default, deny_unknown_fields)]
pub struct IndicatorQuery {
    /// First day, `YYYY-MM-DD` (default: 29 days before `to`); at most three
    /// years before `to`.
    #[cfg_attr(feature = "ssr", param(schema_with = crate::platform::schema::date_or_empty))]
    pub from: String,
    /// Last day, `YYYY-MM-DD` (default: today).
    #[cfg_attr(feature = "ssr", param(schema_with = crate::platform::schema::date_or_empty))]
    pub to: String,
    /// Department code.
    pub department: String,
    /// Topic code.
    pub topic: String,
    #[cfg_attr(feature = "ssr", param(schema_with = crate::platform::schema::code_or_empty::<crate::publications::Channel>))]
    pub channel: String,
    #[cfg_attr(feature = "ssr", param(schema_with = crate::platform::schema::code_or_empty::<crate::publications::Audience>))]
    pub audience: String,
    /// `question` or `press_query`.
    #[cfg_attr(feature = "ssr", param(pattern = "^(question|press_query)?$"))]
    pub kind: String,
    /// Which press tones `media.tone` counts: `all` (default; tones the
    /// portal suggested included) or `confirmed` (only those a person set
    /// or confirmed).
    #[cfg_attr(feature = "ssr", param(pattern = "^(all|confirmed)?$"))]
    pub media_tone: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct Span {
    pub from: NaiveDate,
    pub to: NaiveDate,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct ChannelRow {
    pub channel: String,
    pub publications: i64,
    pub ratings: i64,
    pub ratings_per_publication: Option<f64>,
    pub satisfaction: Option<f64>,
    pub last_post: Option<chrono::DateTime<chrono::Utc>>,
    pub days_since_last_post: Option<i64>,
    pub stale: bool,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct Indicators {
    pub period: Span,
    pub previous: Span,
    #[cfg_attr(feature = "ssr", schema(value_type = Object))]
    pub satisfaction: Comparison,
    #[cfg_attr(feature = "ssr", schema(value_type = Object))]
    pub net_tone: Comparison,
    #[cfg_attr(feature = "ssr", schema(value_type = Object))]
    pub ratings: Comparison,
    #[cfg_attr(feature = "ssr", schema(value_type = Object))]
    pub comments: Comparison,
    #[cfg_attr(feature = "ssr", schema(value_type = Object))]
    pub questions: Comparison,
    #[cfg_attr(feature = "ssr", schema(value_type = Object))]
    pub press_queries: Comparison,
    /// Share of the items answered in the period that were answered by their due moment.
    #[cfg_attr(feature = "ssr", schema(value_type = Object))]
    pub answered_on_time: Comparison,
    /// Median working days from receipt to answer.
    #[cfg_attr(feature = "ssr", schema(value_type = Object))]
    pub median_working_days: Comparison,
    /// Open items past their due moment now, and due within 2 working days.
    pub overdue_now: i64,
    pub due_soon_now: i64,
    /// Stars 1–5 now and before.
    pub distribution: [i64; 5],
    pub distribution_previous: [i64; 5],
    /// Shares of positive, neutral and negative ratings now (0–1).
    pub tone: [f64; 3],
    pub tone_previous: [f64; 3],
    #[cfg_attr(feature = "ssr", schema(value_type = Vec<Object>))]
    pub problem_areas: Vec<ProblemArea>,
    pub channels: Vec<ChannelRow>,
    /// The official channels, stale ones flagged.
    pub official: Vec<OfficialChannel>,
    /// Media mentions by type and tone (counts for the period).
    pub media: crate::media::MediaFigures,
}

impl IndicatorQuery {
    /// The non-empty filters as `from=…&to=…`, for links that keep them.
    pub fn query_string(&self) -> String {
        [
            ("from", &self.from),
            ("to", &self.to),
            ("department", &self.department),
            ("topic", &self.topic),
            ("channel", &self.channel),
            ("audience", &self.audience),
            ("kind", &self.kind),
            ("media_tone", &self.media_tone),
        ]
        .into_iter()
        .filter(|(_, v)| !v.is_empty())
        .map(|(k, v)| format!("{k}={}", crate::platform::url::encode_query_value(v)))
        .collect::<Vec<_>>()
        .join("&")
    }
}

/// One week of a time series (the week's Monday and its ratings).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct WeekPoint {
    pub week: NaiveDate,
    pub ratings: i64,
    pub satisfaction: Option<f64>,
    pub negative_share: Option<f64>,
}

/// The weekly series of a period and of the period before it.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Weeks {
    pub current: Vec<WeekPoint>,
    pub previous: Vec<WeekPoint>,
}

/// A department or topic in the staff drill-down.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct AreaRow {
    /// Department code or topic code.
    pub key: String,
    pub ratings: crate::indicators::maths::Comparison,
    pub satisfaction: crate::indicators::maths::Comparison,
    pub negative_share: crate::indicators::maths::Comparison,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct PublicationRow {
    pub id: i64,
    pub title: crate::platform::texts::Texts,
    pub ratings: i64,
    pub mean: Option<f64>,
    pub negative: i64,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct RatingRow {
    pub at: chrono::DateTime<chrono::Utc>,
    pub publication_id: i64,
    pub publication: crate::platform::texts::Texts,
    pub stars: i64,
    pub tone: String,
    pub audience: String,
    pub comment: Option<String>,
    pub comment_status: Option<String>,
}
