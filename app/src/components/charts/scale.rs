//! The value axis of a chart: a range that starts and ends on round
//! numbers, and ticks a person can read at a glance (steps of 1, 2 or 5
//! times a power of ten).

/// The ticks of a value axis, lowest first.
#[derive(Debug, Clone, PartialEq)]
pub struct Ticks {
    pub values: Vec<f64>,
    /// Decimals every tick label needs (0 for steps of 1 or more).
    pub decimals: usize,
}

impl Ticks {
    pub fn low(&self) -> f64 {
        self.values.first().copied().unwrap_or(0.0)
    }

    pub fn high(&self) -> f64 {
        self.values.last().copied().unwrap_or(1.0)
    }

    /// Where `v` falls between the lowest and the highest tick (0 to 1).
    pub fn fraction(&self, v: f64) -> f64 {
        let span = self.high() - self.low();
        if span <= 0.0 {
            return 0.0;
        }
        ((v - self.low()) / span).clamp(0.0, 1.0)
    }
}

/// A round step near `span / target`: 1, 2 or 5 times a power of ten.
fn round_step(span: f64, target: usize) -> f64 {
    let raw = span / target.max(1) as f64;
    let magnitude = 10f64.powf(raw.log10().floor());
    let residual = raw / magnitude;
    let nice = if residual <= 1.0 {
        1.0
    } else if residual <= 2.0 {
        2.0
    } else if residual <= 5.0 {
        5.0
    } else {
        10.0
    };
    nice * magnitude
}

/// About `target` ticks covering `low..=high`. `whole` keeps steps of at
/// least 1 (counts are never 2.5 ratings).
pub fn ticks(low: f64, high: f64, target: usize, whole: bool) -> Ticks {
    let (low, mut high) = (low.min(high), high.max(low));
    if !low.is_finite() || !high.is_finite() {
        return ticks(0.0, 1.0, target, whole);
    }
    if (high - low).abs() < f64::EPSILON {
        high = low + 1.0;
    }
    let mut step = round_step(high - low, target);
    if whole {
        step = step.max(1.0);
    }
    let first = (low / step).floor() * step;
    let last = (high / step - 1e-9).ceil() * step;
    let count = ((last - first) / step).round() as usize;
    let values = (0..=count).map(|i| clean(first + i as f64 * step)).collect();
    Ticks {
        values,
        decimals: decimals_of(step),
    }
}

/// The fewest decimals that write `step` exactly (0.25 needs 2).
fn decimals_of(step: f64) -> usize {
    (0..6)
        .find(|d| {
            let scaled = step * 10f64.powi(*d as i32);
            (scaled - scaled.round()).abs() < 1e-6
        })
        .unwrap_or(6)
}

/// Rounds away the float noise of repeated additions (0.30000000000000004).
fn clean(v: f64) -> f64 {
    (v * 1e9).round() / 1e9
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn counts_get_whole_round_steps_from_zero() {
        assert_eq!(ticks(0.0, 3.0, 5, true).values, vec![0.0, 1.0, 2.0, 3.0]);
        assert_eq!(ticks(0.0, 37.0, 5, true).values, vec![0.0, 10.0, 20.0, 30.0, 40.0]);
        assert_eq!(
            ticks(0.0, 1840.0, 5, true).values,
            vec![0.0, 500.0, 1000.0, 1500.0, 2000.0]
        );
        assert_eq!(
            ticks(0.0, 100.0, 5, true).values,
            vec![0.0, 20.0, 40.0, 60.0, 80.0, 100.0]
        );
    }

    #[test]
    fn the_highest_tick_is_never_below_the_highest_value() {
        for high in [0.3, 1.0, 4.2, 9.99, 17.0, 250.0, 12_345.0] {
            let t = ticks(0.0, high, 5, false);
            assert!(t.high() >= high, "{high}: {:?}", t.values);
            assert!(t.values.len() <= 11, "{high}: {:?}", t.values);
            assert!(t.values.len() >= 3, "{high}: {:?}", t.values);
        }
    }

    #[test]
    fn small_ranges_get_decimal_ticks_and_say_how_many_decimals() {
        let t = ticks(1.0, 5.0, 8, false);
        assert_eq!(t.values, vec![1.0, 1.5, 2.0, 2.5, 3.0, 3.5, 4.0, 4.5, 5.0]);
        assert_eq!(t.decimals, 1);
        let t = ticks(0.0, 0.3, 3, false);
        assert_eq!(t.values, vec![0.0, 0.1, 0.2, 0.3]);
        assert_eq!(t.decimals, 1);
        assert_eq!(ticks(0.0, 50.0, 5, false).decimals, 0);
    }

    #[test]
    fn nothing_to_show_still_gives_an_axis() {
        assert_eq!(ticks(0.0, 0.0, 5, true).values, vec![0.0, 1.0]);
        assert_eq!(ticks(0.0, f64::NAN, 5, true).values, vec![0.0, 1.0]);
    }

    #[test]
    fn fraction_places_values_between_the_end_ticks() {
        let t = ticks(1.0, 5.0, 4, false);
        assert_eq!(t.fraction(1.0), 0.0);
        assert_eq!(t.fraction(3.0), 0.5);
        assert_eq!(t.fraction(5.0), 1.0);
        assert_eq!(t.fraction(9.0), 1.0, "clamped");
    }
}
