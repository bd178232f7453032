//! The opinion indicators' maths, as plain functions over totals:
//! satisfaction and tone with their change, and problem areas — topics or
//! departments whose negative share rose by a statistically meaningful
//! amount (a one-sided two-proportion z-test at the 5 % level, z ≥ 1.645,
//! with at least 30 ratings in each period), ranked by volume × change.
//! Smaller samples are listed with their sizes and never ranked.

use crate::publications::RatingTotals;
use serde::{Deserialize, Serialize};

/// Ratings needed in each period before an area can be judged.
pub const MIN_SAMPLE: i64 = 30;

/// One-sided 5 % critical value of the standard normal distribution.
pub const Z_CRITICAL: f64 = 1.645;

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
    Some(if v.len().is_multiple_of(2) {
        (v[m - 1] + v[m]) / 2.0
    } else {
        v[m]
    })
}

/// The median of the values a histogram of `(value, count)` pairs holds (the
/// mean of the middle two for an even total), as [`median`] gives
/// for the values written out one by one.
pub fn histogram_median(h: &[(i64, i64)]) -> Option<f64> {
    let mut h: Vec<(i64, i64)> = h.iter().copied().filter(|(_, n)| *n > 0).collect();
    h.sort();
    let total: i64 = h.iter().map(|(_, n)| n).sum();
    if total == 0 {
        return None;
    }
    // The value at 0-based position `k` of the sorted list.
    let at = |k: i64| {
        let mut seen = 0;
        for (v, n) in &h {
            seen += n;
            if k < seen {
                return *v;
            }
        }
        h.last().map(|(v, _)| *v).unwrap_or(0)
    };
    Some(if total % 2 == 0 {
        (at(total / 2 - 1) + at(total / 2)) as f64 / 2.0
    } else {
        at(total / 2) as f64
    })
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

    #[test]
    fn a_histogram_median_equals_the_median_of_the_values_written_out() {
        for h in [
            vec![(3, 1)],
            vec![(1, 2), (5, 2)],
            vec![(2, 3), (7, 1), (4, 0)],
            vec![(10, 1), (0, 4), (3, 3)],
        ] {
            let values: Vec<f64> = h
                .iter()
                .flat_map(|(v, n)| std::iter::repeat_n(*v as f64, *n as usize))
                .collect();
            assert_eq!(histogram_median(&h), median(&values), "{h:?}");
        }
        assert_eq!(histogram_median(&[]), None);
        assert_eq!(histogram_median(&[(4, 0)]), None);
    }
}
