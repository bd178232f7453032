//! How times are written on the pages.

pub fn local_time(t: chrono::DateTime<chrono::Utc>) -> String {
    let kz = chrono::FixedOffset::east_opt(5 * 3600).expect("offset");
    t.with_timezone(&kz).format("%Y-%m-%d %H:%M").to_string()
}

/// A number as the page's language writes it: a decimal comma in Kazakh
/// and Russian, a point in English; a thin space between thousands.
pub fn number(locale: &str, v: f64, decimals: usize) -> String {
    let text = format!("{:.*}", decimals, v.abs());
    let (whole, fraction) = text.split_once('.').unwrap_or((&text, ""));
    let mut grouped = String::new();
    for (i, c) in whole.chars().enumerate() {
        if i > 0 && (whole.len() - i) % 3 == 0 && whole.len() > 4 {
            grouped.push('\u{202f}');
        }
        grouped.push(c);
    }
    let sign = if v < 0.0 && text.chars().any(|c| c.is_ascii_digit() && c != '0') {
        "−"
    } else {
        ""
    };
    match (fraction, locale) {
        ("", _) => format!("{sign}{grouped}"),
        (f, "en") => format!("{sign}{grouped}.{f}"),
        (f, _) => format!("{sign}{grouped},{f}"),
    }
}

const MONTHS_EN: [&str; 12] = [
    "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
];

/// A day as the page's language writes it, short (an axis label):
/// `07.12` in Kazakh and Russian, `7 Dec` in English.
pub fn short_date(locale: &str, d: chrono::NaiveDate) -> String {
    use chrono::Datelike;
    match locale {
        "en" => format!("{} {}", d.day(), MONTHS_EN[d.month0() as usize]),
        _ => d.format("%d.%m").to_string(),
    }
}

/// A day in full: `07.12.2026` in Kazakh and Russian, `7 Dec 2026` in English.
pub fn date(locale: &str, d: chrono::NaiveDate) -> String {
    use chrono::Datelike;
    match locale {
        "en" => format!("{} {}", short_date(locale, d), d.year()),
        _ => d.format("%d.%m.%Y").to_string(),
    }
}

/// The day of a moment in Kazakhstan (UTC+5 everywhere since March 2024),
/// written as [`date`] writes it.
pub fn local_day(locale: &str, t: chrono::DateTime<chrono::Utc>) -> String {
    let kz = chrono::FixedOffset::east_opt(5 * 3600).expect("offset");
    date(locale, t.with_timezone(&kz).date_naive())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_follow_the_language() {
        assert_eq!(number("ru", 4.25, 2), "4,25");
        assert_eq!(number("kk", 4.25, 1), "4,2");
        assert_eq!(number("en", 4.25, 2), "4.25");
        assert_eq!(number("en", 12_345.0, 0), "12\u{202f}345");
        assert_eq!(number("ru", 1_500.0, 0), "1500", "four digits stay together");
        assert_eq!(number("ru", -0.5, 1), "−0,5");
        assert_eq!(number("en", -0.0001, 1), "0.0", "no minus before a zero");
    }

    #[test]
    fn dates_follow_the_language() {
        let d = chrono::NaiveDate::from_ymd_opt(2026, 12, 7).unwrap();
        assert_eq!(short_date("kk", d), "07.12");
        assert_eq!(short_date("en", d), "7 Dec");
        assert_eq!(date("ru", d), "07.12.2026");
        assert_eq!(date("en", d), "7 Dec 2026");
        let late_evening = chrono::DateTime::parse_from_rfc3339("2026-12-06T20:30:00Z")
            .unwrap()
            .to_utc();
        assert_eq!(
            local_day("ru", late_evening),
            "07.12.2026",
            "already the next day in Astana"
        );
    }
}
