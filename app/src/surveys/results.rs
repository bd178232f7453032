//! The results maths of a survey, as plain functions over the answers: counts
//! and shares per option (a multiple-choice answer counts once for each option
//! chosen, never as a combination), mean and distribution for scales, the
//! Net Promoter Score (promoters 9–10 minus detractors 0–6, in points of
//! percent), and the completion rate.

use serde::{Deserialize, Serialize};

/// The five question kinds.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum QuestionKind {
    Single,
    Multiple,
    Scale,
    Nps,
    Text,
}

impl QuestionKind {
    pub const ALL: [QuestionKind; 5] = [Self::Single, Self::Multiple, Self::Scale, Self::Nps, Self::Text];

    pub fn as_str(self) -> &'static str {
        match self {
            Self::Single => "single",
            Self::Multiple => "multiple",
            Self::Scale => "scale",
            Self::Nps => "nps",
            Self::Text => "text",
        }
    }

    pub fn parse(s: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|k| k.as_str() == s)
    }

    /// The values a scale question takes.
    pub fn range(self) -> Option<(i64, i64)> {
        match self {
            Self::Scale => Some((1, 5)),
            Self::Nps => Some((0, 10)),
            _ => None,
        }
    }
}

/// One option's tally.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct OptionCount {
    pub id: i64,
    pub count: i64,
    /// Of the responses that answered the question (0–1).
    pub share: f64,
}

/// The results of one question.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct QuestionResult {
    pub id: i64,
    pub kind: QuestionKind,
    /// Responses that answered this question.
    pub answered: i64,
    pub options: Vec<OptionCount>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub mean: Option<f64>,
    /// Counts per value, lowest value first (1–5 or 0–10).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub distribution: Option<Vec<i64>>,
    /// Promoters minus detractors, −100 to 100.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub nps: Option<f64>,
}

/// Tallies choice answers: `chosen` holds, per response that answered, the
/// option ids it chose (one for single choice, any number for multiple).
pub fn choices(id: i64, kind: QuestionKind, option_ids: &[i64], chosen: &[Vec<i64>]) -> QuestionResult {
    let answered = chosen.iter().filter(|c| !c.is_empty()).count() as i64;
    let options = option_ids
        .iter()
        .map(|&o| {
            let count = chosen.iter().filter(|c| c.contains(&o)).count() as i64;
            OptionCount {
                id: o,
                count,
                share: share(count, answered),
            }
        })
        .collect();
    QuestionResult {
        id,
        kind,
        answered,
        options,
        mean: None,
        distribution: None,
        nps: None,
    }
}

/// Tallies scale (1–5) or NPS (0–10) answers.
pub fn scale(id: i64, kind: QuestionKind, values: &[i64]) -> QuestionResult {
    let (lo, hi) = kind.range().unwrap_or((1, 5));
    let values: Vec<i64> = values.iter().copied().filter(|v| (lo..=hi).contains(v)).collect();
    let n = values.len() as i64;
    let distribution: Vec<i64> = (lo..=hi)
        .map(|v| values.iter().filter(|&&x| x == v).count() as i64)
        .collect();
    let mean = (n > 0).then(|| values.iter().sum::<i64>() as f64 / n as f64);
    let nps = (kind == QuestionKind::Nps && n > 0).then(|| {
        let promoters = values.iter().filter(|&&v| v >= 9).count() as f64;
        let detractors = values.iter().filter(|&&v| v <= 6).count() as f64;
        (promoters - detractors) * 100.0 / n as f64
    });
    QuestionResult {
        id,
        kind,
        answered: n,
        options: Vec::new(),
        mean,
        distribution: Some(distribution),
        nps,
    }
}

/// A count as a share of `of` (0 when `of` is 0).
pub fn share(count: i64, of: i64) -> f64 {
    if of == 0 {
        0.0
    } else {
        count as f64 / of as f64
    }
}

/// Responses that answered every question, as a share of all responses.
pub fn completion_rate(answered_per_response: &[usize], questions: usize) -> f64 {
    let complete = answered_per_response.iter().filter(|&&n| n >= questions).count() as i64;
    share(complete, answered_per_response.len() as i64)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_multiple_choice_answer_counts_once_for_each_option_chosen() {
        // Three responses: {1, 2}, {2}, {2, 3}; shares are of the 3 who answered.
        let r = choices(
            7,
            QuestionKind::Multiple,
            &[1, 2, 3, 4],
            &[vec![1, 2], vec![2], vec![2, 3]],
        );
        let counts: Vec<i64> = r.options.iter().map(|o| o.count).collect();
        assert_eq!(counts, vec![1, 3, 1, 0]);
        assert_eq!(r.answered, 3);
        assert!((r.options[1].share - 1.0).abs() < 1e-9);
        assert!((r.options[0].share - 1.0 / 3.0).abs() < 1e-9);
    }

    #[test]
    fn single_choice_shares_add_up_to_one() {
        let r = choices(
            1,
            QuestionKind::Single,
            &[10, 11],
            &[vec![10], vec![10], vec![11], vec![10]],
        );
        assert_eq!(r.options[0].count, 3);
        assert!((r.options.iter().map(|o| o.share).sum::<f64>() - 1.0).abs() < 1e-9);
        assert!((r.options[0].share - 0.75).abs() < 1e-9);
    }

    #[test]
    fn the_nps_is_promoters_minus_detractors_in_points() {
        // 10, 9 promoters; 8, 7 passive; 6, 0 detractors: (2 − 2) / 6 = 0.
        let r = scale(2, QuestionKind::Nps, &[10, 9, 8, 7, 6, 0]);
        assert_eq!(r.nps, Some(0.0));
        // 3 promoters, 1 detractor of 5: (3 − 1) / 5 = 40.
        let r = scale(2, QuestionKind::Nps, &[10, 10, 9, 8, 3]);
        assert!((r.nps.unwrap() - 40.0).abs() < 1e-9);
        assert_eq!(r.distribution.as_ref().unwrap().len(), 11);
        assert_eq!(r.distribution.unwrap()[10], 2);
    }

    #[test]
    fn the_mean_and_distribution_of_a_scale() {
        let r = scale(3, QuestionKind::Scale, &[5, 4, 4, 1]);
        assert_eq!(r.mean, Some(3.5));
        assert_eq!(r.distribution, Some(vec![1, 0, 0, 2, 1]));
        assert_eq!(r.nps, None);
    }

    #[test]
    fn empty_and_single_response_cases() {
        let r = scale(3, QuestionKind::Scale, &[]);
        assert_eq!((r.answered, r.mean), (0, None));
        assert_eq!(r.distribution, Some(vec![0; 5]));
        let r = scale(4, QuestionKind::Nps, &[]);
        assert_eq!(r.nps, None);
        let r = choices(5, QuestionKind::Single, &[1, 2], &[]);
        assert!(r.options.iter().all(|o| o.count == 0 && o.share == 0.0));
        let r = scale(6, QuestionKind::Nps, &[9]);
        assert_eq!((r.mean, r.nps), (Some(9.0), Some(100.0)));
        let r = choices(7, QuestionKind::Single, &[1, 2], &[vec![2]]);
        assert_eq!(r.options[1].share, 1.0);
        assert_eq!(completion_rate(&[], 3), 0.0);
        assert_eq!(completion_rate(&[3], 3), 1.0);
        assert_eq!(completion_rate(&[3, 2, 3, 1], 3), 0.5);
    }
}
