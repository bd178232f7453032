//! A small tone classifier that learns from staff: multinomial naive Bayes
//! over the character 3- to 5-grams of each word (so Kazakh and Russian word
//! forms share evidence), trained per language on the mentions whose tone a
//! person confirmed or corrected (headline and excerpt, the words around the
//! body's name). Once a language has [`MIN_LABELS`] such mentions, the
//! model takes over from the word lists for it; it is retrained in the
//! background when [`RETRAIN_AFTER`] more labels have come in.

use crate::publications::Tone;
use serde::{Deserialize, Serialize};
use std::collections::HashMap;

/// Confirmed mentions a language needs (with every tone present) before
/// its model is used.
pub const MIN_LABELS: usize = 60;
/// New labels after which a language's model is trained again.
pub const RETRAIN_AFTER: i64 = 10;

const TONES: [Tone; 3] = [Tone::Positive, Tone::Neutral, Tone::Negative];

/// The n-grams of a text: each lower-case word padded with spaces, cut
/// into its 3-, 4- and 5-letter pieces.
fn grams(text: &str) -> Vec<(usize, String)> {
    let mut out = Vec::new();
    for (w, word) in text
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .enumerate()
    {
        let padded: Vec<char> = format!(" {} ", word.to_lowercase()).chars().collect();
        for n in 3..=5 {
            for g in padded.windows(n) {
                out.push((w, g.iter().collect()));
            }
        }
    }
    out
}

/// Counts per tone (positive, neutral, negative).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Model {
    /// Labels the model was trained on, per tone.
    docs: [u64; 3],
    /// N-gram counts per tone, and all n-grams per tone.
    counts: HashMap<String, [u32; 3]>,
    totals: [u64; 3],
}

fn slot(t: Tone) -> usize {
    TONES.iter().position(|x| *x == t).expect("a tone")
}

impl Model {
    /// Trains on (text, tone) pairs; `None` below [`MIN_LABELS`] or when a
    /// tone has no example.
    pub fn train<'a>(examples: impl IntoIterator<Item = (&'a str, Tone)>) -> Option<Model> {
        let mut m = Model::default();
        for (text, tone) in examples {
            let k = slot(tone);
            m.docs[k] += 1;
            for (_, g) in grams(text) {
                m.counts.entry(g).or_default()[k] += 1;
                m.totals[k] += 1;
            }
        }
        let labels: u64 = m.docs.iter().sum();
        (labels as usize >= MIN_LABELS && m.docs.iter().all(|d| *d > 0)).then_some(m)
    }

    pub fn labels(&self) -> u64 {
        self.docs.iter().sum()
    }

    /// log P(tone) + Σ log P(gram | tone), Laplace-smoothed.
    fn scores(&self, grams: &[(usize, String)]) -> [f64; 3] {
        let vocabulary = self.counts.len().max(1) as f64;
        let labels = self.labels() as f64;
        std::array::from_fn(|k| {
            let prior = (self.docs[k] as f64 / labels).ln();
            prior + grams.iter().map(|(_, g)| self.log_p(g, k, vocabulary)).sum::<f64>()
        })
    }

    fn log_p(&self, gram: &str, k: usize, vocabulary: f64) -> f64 {
        let c = self.counts.get(gram).map(|c| c[k]).unwrap_or(0) as f64;
        ((c + 1.0) / (self.totals[k] as f64 + vocabulary)).ln()
    }

    /// The tone of `text`, and the (at most three) words that weighed most
    /// for it against the runner-up.
    pub fn predict(&self, text: &str) -> (Tone, Vec<String>) {
        let gs = grams(text);
        let scores = self.scores(&gs);
        let mut order = [0usize, 1, 2];
        order.sort_by(|a, b| scores[*b].total_cmp(&scores[*a]));
        let (best, second) = (order[0], order[1]);
        let vocabulary = self.counts.len().max(1) as f64;
        let words: Vec<&str> = text
            .split(|c: char| !c.is_alphanumeric())
            .filter(|w| !w.is_empty())
            .collect();
        let mut weight = vec![0.0f64; words.len()];
        for (w, g) in &gs {
            weight[*w] += self.log_p(g, best, vocabulary) - self.log_p(g, second, vocabulary);
        }
        let mut ranked: Vec<(f64, usize)> = weight.iter().enumerate().map(|(i, v)| (*v, i)).collect();
        ranked.sort_by(|a, b| b.0.total_cmp(&a.0));
        let deciding = ranked
            .into_iter()
            .filter(|(v, i)| *v > 0.0 && words[*i].chars().count() > 3)
            .take(3)
            .map(|(_, i)| words[i].to_lowercase())
            .collect();
        (TONES[best], deciding)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn examples() -> Vec<(String, Tone)> {
        let mut out = Vec::new();
        for i in 0..40 {
            out.push((
                format!("Журналисты хвалят работу ведомства, выпуск {i}"),
                Tone::Positive,
            ));
            out.push((
                format!("Ведомство опубликовало расписание брифингов, выпуск {i}"),
                Tone::Neutral,
            ));
            out.push((
                format!("Редакции возмущены молчанием ведомства, выпуск {i}"),
                Tone::Negative,
            ));
        }
        out
    }

    #[test]
    fn it_learns_the_staffs_labels_and_names_the_deciding_words() {
        let ex = examples();
        let model = Model::train(ex.iter().map(|(t, tone)| (t.as_str(), *tone))).expect("enough labels");
        assert_eq!(model.labels(), 120);
        let (tone, words) = model.predict("Редакции снова возмущены: ведомство хранит молчание");
        assert_eq!(tone, Tone::Negative);
        assert!(
            words.iter().any(|w| w.starts_with("возмущ") || w.starts_with("молчан")),
            "{words:?}"
        );
        assert_eq!(model.predict("Журналисты хвалили ведомство").0, Tone::Positive);
    }

    #[test]
    fn too_few_labels_or_a_missing_tone_trains_nothing() {
        let ex = examples();
        assert!(Model::train(ex.iter().take(30).map(|(t, tone)| (t.as_str(), *tone))).is_none());
        let no_neutral = ex
            .iter()
            .filter(|(_, t)| *t != Tone::Neutral)
            .map(|(t, tone)| (t.as_str(), *tone));
        assert!(Model::train(no_neutral).is_none());
    }
}
