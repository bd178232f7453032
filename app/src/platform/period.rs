//! A period of days, both ends included, and the period of the same length
//! just before it: what every "against the previous period" figure compares.

use chrono::{Duration, NaiveDate};
use serde::{Deserialize, Serialize};

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

#[cfg(test)]
mod tests {
    use super::*;

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
}
