//! Whole numbers read from JSON as JSON Schema counts them: `68` and `68.0`
//! are the same integer to JSON Schema, and so to clients generated from our
//! OpenAPI document; serde alone refuses the second. A fraction (`68.5`) or a
//! number beyond 64 bits is still refused.

use serde::de::{self, Deserializer, Visitor};
use serde::Deserialize;
use std::fmt;

/// An `i64` that also reads from an integral float.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Whole(pub i64);

/// The largest float whose integral values are all exact in an `f64` (2^53):
/// beyond it `9007199254740993.0` would silently become another number.
const EXACT: f64 = 9_007_199_254_740_992.0;

/// A JSON number as a whole number, if it is one.
pub fn from_f64(f: f64) -> Option<i64> {
    (f.fract() == 0.0 && f.abs() <= EXACT).then_some(f as i64)
}

impl<'de> Deserialize<'de> for Whole {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V;
        impl Visitor<'_> for V {
            type Value = Whole;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("a whole number")
            }
            fn visit_i64<E: de::Error>(self, v: i64) -> Result<Whole, E> {
                Ok(Whole(v))
            }
            fn visit_u64<E: de::Error>(self, v: u64) -> Result<Whole, E> {
                i64::try_from(v)
                    .map(Whole)
                    .map_err(|_| E::custom("a whole number beyond 64 bits"))
            }
            fn visit_f64<E: de::Error>(self, v: f64) -> Result<Whole, E> {
                from_f64(v).map(Whole).ok_or_else(|| E::custom("not a whole number"))
            }
        }
        d.deserialize_any(V)
    }
}

/// `#[serde(deserialize_with = "whole_number::one")]` for an `i64` field.
pub fn one<'de, D: Deserializer<'de>>(d: D) -> Result<i64, D::Error> {
    Whole::deserialize(d).map(|w| w.0)
}

/// For an `Option<i64>` field (`null` or absent is `None`).
pub fn optional<'de, D: Deserializer<'de>>(d: D) -> Result<Option<i64>, D::Error> {
    Ok(Option::<Whole>::deserialize(d)?.map(|w| w.0))
}

/// For an `Option<Vec<i64>>` field.
pub fn optional_list<'de, D: Deserializer<'de>>(d: D) -> Result<Option<Vec<i64>>, D::Error> {
    Ok(Option::<Vec<Whole>>::deserialize(d)?.map(|v| v.into_iter().map(|w| w.0).collect()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[derive(Deserialize)]
    struct Sample {
        #[serde(deserialize_with = "one")]
        id: i64,
        #[serde(default, deserialize_with = "optional")]
        value: Option<i64>,
        #[serde(default, deserialize_with = "optional_list")]
        options: Option<Vec<i64>>,
    }

    fn read(json: &str) -> Result<Sample, serde_json::Error> {
        serde_json::from_str(json)
    }

    #[test]
    fn an_integral_float_is_the_same_whole_number() {
        let s = read(r#"{"id": 68.0, "value": -3.0, "options": [1, 2.0]}"#).unwrap();
        assert_eq!((s.id, s.value, s.options), (68, Some(-3), Some(vec![1, 2])));
        let s = read(r#"{"id": 7, "value": null}"#).unwrap();
        assert_eq!((s.id, s.value, s.options), (7, None, None));
    }

    #[test]
    fn fractions_numbers_beyond_64_bits_and_text_are_refused() {
        assert!(read(r#"{"id": 68.5}"#).is_err());
        assert!(read(r#"{"id": 18446744073709551615}"#).is_err());
        assert!(read(r#"{"id": 1e300}"#).is_err());
        assert!(read(r#"{"id": "68"}"#).is_err());
        assert!(read(r#"{"id": 1, "options": [1.5]}"#).is_err());
    }
}
