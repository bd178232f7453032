//! The top of the indicators pages: the headline figures with their change
//! against the previous period, then the charts in a grid (ratings and
//! satisfaction per week, stars and tone), each beside the previous period.

use crate::components::charts::{Chart, ChartKind, Series};
use crate::components::format::{number, short_date};
use crate::i18n::*;
use crate::indicators::maths::Comparison;
use crate::indicators::{IndicatorQuery, Indicators, Weeks};
use leptos::prelude::*;

/// The CSV download of one table for the same query.
fn csv_href(table: &str, q: &IndicatorQuery) -> String {
    format!("/indicators/{table}.csv?{}", q.query_string())
}

#[component]
pub fn CsvLink(table: &'static str, q: IndicatorQuery) -> impl IntoView {
    let l = use_i18n().get_locale_untracked();
    view! {
        <p class="csv">
            <a href=csv_href(table, &q) rel="external" download="">
                {td_string!(l, ind_csv)}
            </a>
        </p>
    }
}

/// "▲ +0,12 · previous period 4,01": a figure's change in words a person reads.
/// A share's change is in percentage points (`change_unit`), not per cent.
fn change_line(l: Locale, c: &Comparison, decimals: usize, scale: f64, unit: &str, change_unit: &str) -> String {
    let loc = l.as_str();
    let (arrow, word) = match c.change {
        Some(d) if d > 0.0 => ("▲", td_string!(l, ind_up)),
        Some(d) if d < 0.0 => ("▼", td_string!(l, ind_down)),
        Some(_) => ("=", td_string!(l, ind_same)),
        None => ("", ""),
    };
    let before = c
        .previous
        .map(|v| format!("{}{unit}", number(loc, v * scale, decimals)))
        .unwrap_or_else(|| "—".into());
    match c.change {
        Some(d) => {
            let sign = if d > 0.0 { "+" } else { "" };
            format!(
                "{arrow} {sign}{}{change_unit} ({word}) · {}: {before}",
                number(loc, d * scale, decimals),
                td_string!(l, ind_before)
            )
        }
        None => format!("{}: {before}", td_string!(l, ind_before)),
    }
}

/// The four figures a reader looks for first.
#[component]
pub fn Headline(v: Indicators) -> impl IntoView {
    let l = use_i18n().get_locale_untracked();
    let loc = l.as_str();
    let cards = [
        (
            "satisfaction",
            td_string!(l, ind_satisfaction),
            v.satisfaction,
            2,
            1.0,
            "",
            "",
        ),
        ("ratings", td_string!(l, ind_ratings), v.ratings, 0, 1.0, "", ""),
        (
            "answered_on_time",
            td_string!(l, ind_on_time),
            v.answered_on_time,
            0,
            100.0,
            " %",
            td_string!(l, ind_points),
        ),
        (
            "median_working_days",
            td_string!(l, ind_median_days),
            v.median_working_days,
            1,
            1.0,
            "",
            "",
        ),
    ];
    view! {
        <ul class="headline" aria-label=td_string!(l, ind_headline)>
            {cards
                .into_iter()
                .map(|(key, label, c, decimals, scale, unit, change_unit)| {
                    let now = c
                        .current
                        .map(|x| format!("{}{unit}", number(loc, x * scale, decimals)))
                        .unwrap_or_else(|| "—".into());
                    view! {
                        <li data-headline=key>
                            <span class="headline-label">{label}</span>
                            <strong class="headline-value">{now}</strong>
                            <span class="headline-change">
                                {change_line(l, &c, decimals, scale, unit, change_unit)}
                            </span>
                            <span class="headline-n">
                                {td_string!(l, ind_n)} " = " {number(loc, c.n_current as f64, 0)}
                            </span>
                        </li>
                    }
                })
                .collect_view()}
        </ul>
    }
}

/// The weekly, star and tone charts, this period beside the previous one.
#[component]
pub fn IndicatorCharts(v: Indicators, weeks: Weeks, q: IndicatorQuery) -> impl IntoView {
    let l = use_i18n().get_locale_untracked();
    let loc = l.as_str();
    let periods = |now, before| Series::periods(l, now, before);
    let n = weeks.current.len();
    let earlier = |f: fn(&crate::indicators::WeekPoint) -> Option<f64>| -> Vec<Option<f64>> {
        (0..n).map(|i| weeks.previous.get(i).and_then(f)).collect()
    };
    let week_labels: Vec<String> = weeks.current.iter().map(|w| short_date(loc, w.week)).collect();
    let ratings = periods(
        weeks.current.iter().map(|w| Some(w.ratings as f64)).collect(),
        earlier(|w| Some(w.ratings as f64)),
    );
    let satisfaction = periods(
        weeks.current.iter().map(|w| w.satisfaction).collect(),
        earlier(|w| w.satisfaction),
    );
    let count = |x: i64| number(loc, x as f64, 0);
    let mean = |x: Option<f64>| x.map(|x| number(loc, x, 2)).unwrap_or_else(|| "—".into());
    let pct = |x: f64| format!("{} %", number(loc, x * 100.0, 0));
    let before = td_string!(l, ind_before);
    view! {
        <div class="chart-grid">
            <div>
                <Chart
                    id="ch-ratings"
                    title=td_string!(l, ind_ratings_per_week)
                    summary=format!(
                        "{}: {} ({before}: {}).",
                        td_string!(l, ind_ratings),
                        count(v.ratings.n_current),
                        count(v.ratings.n_previous),
                    )
                    label_header=td_string!(l, ind_week)
                    labels=week_labels.clone()
                    series=ratings
                    kind=ChartKind::Bars
                />
                <CsvLink table="weeks" q=q.clone() />
            </div>
            <div>
                <Chart
                    id="ch-satisfaction"
                    title=td_string!(l, ind_satisfaction_per_week)
                    summary=format!(
                        "{}: {} ({before}: {}).",
                        td_string!(l, ind_satisfaction),
                        mean(v.satisfaction.current),
                        mean(v.satisfaction.previous),
                    )
                    label_header=td_string!(l, ind_week)
                    labels=week_labels
                    series=satisfaction
                    kind=ChartKind::Line
                    low=1.0
                    high=5.0
                    decimals=2
                />
                <CsvLink table="weeks" q=q.clone() />
            </div>
            <div>
                <Chart
                    id="ch-distribution"
                    title=td_string!(l, rating_distribution)
                    summary=format!(
                        "{}: {} ★★★★★, {} ★ ({before}: {}, {}).",
                        td_string!(l, ind_ratings),
                        count(v.distribution[4]),
                        count(v.distribution[0]),
                        count(v.distribution_previous[4]),
                        count(v.distribution_previous[0]),
                    )
                    label_header=td_string!(l, rating_stars_col)
                    labels=(1..=5).map(|i| format!("{i} ★")).collect()
                    series=periods(
                        v.distribution.iter().map(|x| Some(*x as f64)).collect(),
                        v.distribution_previous.iter().map(|x| Some(*x as f64)).collect(),
                    )
                    kind=ChartKind::Bars
                />
                <CsvLink table="distribution" q=q.clone() />
            </div>
            <div>
                <Chart
                    id="ch-tone"
                    title=td_string!(l, rating_tone)
                    summary=format!(
                        "{}: {} ({before}: {}).",
                        td_string!(l, tone_negative),
                        pct(v.tone[2]),
                        pct(v.tone_previous[2]),
                    )
                    label_header=td_string!(l, rating_tone)
                    labels=vec![
                        td_string!(l, tone_positive).to_string(),
                        td_string!(l, tone_neutral).to_string(),
                        td_string!(l, tone_negative).to_string(),
                    ]
                    series=periods(
                        v.tone.iter().map(|x| Some(x * 100.0)).collect(),
                        v.tone_previous.iter().map(|x| Some(x * 100.0)).collect(),
                    )
                    kind=ChartKind::Bars
                    high=100.0
                    unit=" %"
                />
                <CsvLink table="tone" q=q.clone() />
            </div>
        </div>
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::indicators::maths::compare;

    #[test]
    fn a_share_changes_by_percentage_points_in_the_pages_language() {
        let on_time = compare(Some(0.8), Some(0.75), 40, 36);
        assert_eq!(
            change_line(Locale::en, &on_time, 0, 100.0, " %", " pp"),
            "▲ +5 pp (up) · previous period: 75 %"
        );
        let satisfaction = compare(Some(3.9), Some(4.15), 40, 36);
        assert_eq!(
            change_line(Locale::ru, &satisfaction, 2, 1.0, "", ""),
            "▼ −0,25 (снижение) · предыдущий период: 4,15"
        );
        let no_before = compare(Some(3.9), None, 40, 0);
        assert_eq!(
            change_line(Locale::kk, &no_before, 2, 1.0, "", ""),
            format!("{}: —", td_string!(Locale::kk, ind_before))
        );
    }
}
