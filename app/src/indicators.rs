//! The opinion indicators' maths, as plain functions over totals: a period
//! and the previous period of the same length, satisfaction and tone with
//! their change, and problem areas — topics or departments whose negative
//! share rose by a statistically meaningful amount (a one-sided
//! two-proportion z-test at the 5 % level, z ≥ 1.645, with at least 30
//! ratings in each period), ranked by volume × change. Smaller samples are
//! listed with their sizes and never ranked.

use chrono::{Duration, NaiveDate};
use serde::{Deserialize, Serialize};

/// Ratings needed in each period before an area can be judged.
pub const MIN_SAMPLE: i64 = 30;
/// One-sided 5 % critical value of the standard normal distribution.
pub const Z_CRITICAL: f64 = 1.645;

/// Days `from` to `to`, both included.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct Period {
    pub from: NaiveDate,
    pub to: NaiveDate,
}

impl Period {
    pub fn days(&self) -> i64 {
        (self.to - self.from).num_days() + 1
    }

    /// The period of the same length just before this one.
    pub fn previous(&self) -> Period {
        Period {
            from: self.from - Duration::days(self.days()),
            to: self.from - Duration::days(1),
        }
    }
}

/// A figure now and in the previous period, with the change and sample sizes.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct Comparison {
    pub current: Option<f64>,
    pub previous: Option<f64>,
    /// `current − previous`, when both exist.
    pub change: Option<f64>,
    pub n_current: i64,
    pub n_previous: i64,
}

pub fn compare(current: Option<f64>, previous: Option<f64>, n_current: i64, n_previous: i64) -> Comparison {
    Comparison {
        current,
        previous,
        change: current.zip(previous).map(|(c, p)| c - p),
        n_current,
        n_previous,
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

/// The one-sided z statistic for "the second proportion is higher than the
/// first" (pooled standard error); `None` when either sample is empty or
/// there is no variation at all.
pub fn two_proportion_z(x_before: i64, n_before: i64, x_now: i64, n_now: i64) -> Option<f64> {
    if n_before <= 0 || n_now <= 0 {
        return None;
    }
    let (p1, p2) = (x_before as f64 / n_before as f64, x_now as f64 / n_now as f64);
    let pooled = (x_before + x_now) as f64 / (n_before + n_now) as f64;
    let se = (pooled * (1.0 - pooled) * (1.0 / n_before as f64 + 1.0 / n_now as f64)).sqrt();
    (se > 0.0).then(|| (p2 - p1) / se)
}

/// A topic or department's negative share in both periods.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ProblemArea {
    /// `topic` or `department`.
    pub kind: String,
    pub key: String,
    pub n_current: i64,
    pub n_previous: i64,
    pub negative_current: Option<f64>,
    pub negative_previous: Option<f64>,
    /// Change of the negative share in percentage points.
    pub change: Option<f64>,
    pub z: Option<f64>,
    /// Volume × change: the ranking key.
    pub score: f64,
    /// Too few ratings in a period to judge (shown with its size, never ranked).
    pub small_sample: bool,
    /// A meaningful rise: ranked as a problem area.
    pub problem: bool,
}

/// Judges each area; returns the problem areas ranked by volume × change,
/// then every other area (small samples flagged), largest first.
pub fn problem_areas(areas: &[(String, String, RatingTotals, RatingTotals)]) -> Vec<ProblemArea> {
    let mut out: Vec<ProblemArea> = areas
        .iter()
        .map(|(kind, key, now, before)| {
            let small = now.count < MIN_SAMPLE || before.count < MIN_SAMPLE;
            let (nc, np) = (now.negative_share(), before.negative_share());
            let change = nc.zip(np).map(|(c, p)| (c - p) * 100.0);
            let z = two_proportion_z(before.negative, before.count, now.negative, now.count);
            let problem = !small && change.is_some_and(|c| c > 0.0) && z.is_some_and(|z| z >= Z_CRITICAL);
            ProblemArea {
                kind: kind.clone(),
                key: key.clone(),
                n_current: now.count,
                n_previous: before.count,
                negative_current: nc,
                negative_previous: np,
                change,
                z,
                score: now.count as f64 * change.unwrap_or(0.0),
                small_sample: small,
                problem,
            }
        })
        .collect();
    out.sort_by(|a, b| {
        b.problem
            .cmp(&a.problem)
            .then(if a.problem && b.problem {
                b.score.total_cmp(&a.score)
            } else {
                b.n_current.cmp(&a.n_current)
            })
            .then(a.key.cmp(&b.key))
    });
    out
}

/// The median of `values` (the mean of the middle two for an even count).
pub fn median(values: &[f64]) -> Option<f64> {
    if values.is_empty() {
        return None;
    }
    let mut v = values.to_vec();
    v.sort_by(f64::total_cmp);
    let m = v.len() / 2;
    Some(if v.len() % 2 == 0 {
        (v[m - 1] + v[m]) / 2.0
    } else {
        v[m]
    })
}

/// The query: `from`/`to` as `YYYY-MM-DD` (default: the last 30 days),
/// department code, topic, channel, audience, item kind.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::IntoParams))]
#[serde(default)]
pub struct IndicatorQuery {
    pub from: String,
    pub to: String,
    pub department: String,
    pub topic: String,
    pub channel: String,
    pub audience: String,
    pub kind: String,
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
        ]
        .into_iter()
        .filter(|(_, v)| !v.is_empty())
        .map(|(k, v)| format!("{k}={}", crate::components::layout::encode_query_value(v)))
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

/// An official channel and how long it has been silent.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct OfficialChannel {
    pub id: i64,
    pub name: String,
    /// The channel kind (`website`, `social`…).
    pub kind: String,
    pub url: String,
    pub stale_after_days: i64,
    pub last_post: Option<chrono::DateTime<chrono::Utc>>,
    pub days_since_last_post: Option<i64>,
    pub stale: bool,
}

/// The channels admin form.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct ChannelInput {
    pub name: String,
    pub kind: String,
    pub url: String,
    pub stale_after_days: String,
}

/// A department or topic in the staff drill-down.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct AreaRow {
    /// Department code or topic code.
    pub key: String,
    pub ratings: crate::indicators::Comparison,
    pub satisfaction: crate::indicators::Comparison,
    pub negative_share: crate::indicators::Comparison,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct PublicationRow {
    pub id: i64,
    pub title: crate::catalogue::Texts,
    pub ratings: i64,
    pub mean: Option<f64>,
    pub negative: i64,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct RatingRow {
    pub at: chrono::DateTime<chrono::Utc>,
    pub publication_id: i64,
    pub publication: crate::catalogue::Texts,
    pub stars: i64,
    pub tone: String,
    pub audience: String,
    pub comment: Option<String>,
    pub comment_status: Option<String>,
}

#[cfg(test)]
mod tests {
    use super::*;

    fn totals(count: i64, negative: i64) -> RatingTotals {
        RatingTotals {
            count,
            negative,
            positive: count - negative,
            stars_sum: count * 3,
            ..Default::default()
        }
    }

    fn day(s: &str) -> NaiveDate {
        NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
    }

    #[test]
    fn the_previous_period_has_the_same_length_and_ends_the_day_before() {
        let p = Period {
            from: day("2026-11-01"),
            to: day("2026-11-30"),
        };
        assert_eq!(p.days(), 30);
        assert_eq!(
            p.previous(),
            Period {
                from: day("2026-10-02"),
                to: day("2026-10-31")
            }
        );
        let one = Period {
            from: day("2026-03-01"),
            to: day("2026-03-01"),
        };
        assert_eq!(
            one.previous(),
            Period {
                from: day("2026-02-28"),
                to: day("2026-02-28")
            }
        );
    }

    #[test]
    fn an_empty_previous_period_gives_no_change() {
        let now = RatingTotals {
            count: 4,
            stars_sum: 14,
            positive: 3,
            negative: 1,
            ..Default::default()
        };
        let before = RatingTotals::default();
        let c = compare(now.mean(), before.mean(), now.count, before.count);
        assert_eq!((c.current, c.previous, c.change), (Some(3.5), None, None));
        assert_eq!((c.n_current, c.n_previous), (4, 0));
        // Net tone: (3 − 1) / 4 = 50 points.
        assert_eq!(now.net_tone(), Some(50.0));
    }

    #[test]
    fn zero_counts_have_no_mean_tone_or_test() {
        let z = RatingTotals::default();
        assert_eq!((z.mean(), z.net_tone(), z.negative_share()), (None, None, None));
        assert_eq!(two_proportion_z(0, 0, 5, 10), None);
        assert_eq!(two_proportion_z(0, 50, 0, 50), None, "no variation");
    }

    #[test]
    fn a_real_rise_in_negative_tone_is_ranked_as_a_problem_area() {
        // 10 % negative of 100 before, 30 % of 100 now: pooled p = 0.2,
        // se = √(0.2 · 0.8 · 0.02) = 0.0566, z = 0.2 / 0.0566 = 3.54.
        let z = two_proportion_z(10, 100, 30, 100).unwrap();
        assert!((z - 3.5355).abs() < 1e-3, "{z}");
        let areas = problem_areas(&[
            ("topic".into(), "youth".into(), totals(100, 30), totals(100, 10)),
            ("topic".into(), "grants".into(), totals(100, 13), totals(100, 10)),
        ]);
        assert_eq!(areas[0].key, "youth");
        assert!(areas[0].problem);
        assert!((areas[0].change.unwrap() - 20.0).abs() < 1e-9);
        assert!((areas[0].score - 2000.0).abs() < 1e-6);
        // 10 % → 13 %: z = 0.67, not meaningful.
        assert!(!areas[1].problem);
        assert!(areas[1].z.unwrap() < 1.0);
    }

    #[test]
    fn a_tiny_sample_is_shown_with_its_size_but_never_ranked() {
        let areas = problem_areas(&[
            ("department".into(), "RELIG".into(), totals(12, 10), totals(10, 0)),
            ("department".into(), "MEDIA".into(), totals(400, 120), totals(400, 60)),
        ]);
        assert_eq!(areas[0].key, "MEDIA");
        assert!(areas[0].problem);
        let tiny = &areas[1];
        assert!(tiny.small_sample && !tiny.problem);
        assert_eq!((tiny.n_current, tiny.n_previous), (12, 10));
    }

    #[test]
    fn problem_areas_are_ranked_by_volume_times_change() {
        // A: 200 ratings, +10 points → 2000; B: 1000 ratings, +5 points → 5000.
        let areas = problem_areas(&[
            ("topic".into(), "a".into(), totals(200, 40), totals(200, 20)),
            ("topic".into(), "b".into(), totals(1000, 150), totals(1000, 100)),
        ]);
        assert!(areas.iter().all(|a| a.problem));
        assert_eq!(areas[0].key, "b");
    }

    #[test]
    fn the_median_of_odd_even_and_empty_lists() {
        assert_eq!(median(&[]), None);
        assert_eq!(median(&[5.0, 1.0, 3.0]), Some(3.0));
        assert_eq!(median(&[4.0, 1.0, 3.0, 2.0]), Some(2.5));
    }
}
