//! The media pages' charts: the digest's mentions by media type and by
//! tone for the chosen day or week beside the one before, above its tables
//! (which add the weekday average); the register's mentions per day.

use crate::components::charts::{Chart, ChartKind, Series};
use crate::i18n::*;
use crate::media::labels::{media_type_name, tone_name};
use crate::media::{Digest, DigestLine};
use leptos::prelude::*;

/// This period and the one before, as two series over `lines`.
fn periods(l: Locale, lines: &[DigestLine]) -> Vec<Series> {
    Series::periods(
        l,
        lines.iter().map(|x| Some(x.count as f64)).collect(),
        lines.iter().map(|x| Some(x.previous_day as f64)).collect(),
    )
}

#[component]
pub fn DigestCharts(d: Digest) -> impl IntoView {
    let l = use_i18n().get_locale_untracked();
    let negative = d.by_tone.iter().find(|x| x.key == "negative");
    let total = format!(
        "{}: {} ({}: {}).",
        td_string!(l, media_total),
        d.total.count,
        td_string!(l, ind_before),
        d.total.previous_day,
    );
    let tone = format!(
        "{}: {} ({}: {}).",
        tone_name(l, "negative"),
        negative.map(|x| x.count).unwrap_or(0),
        td_string!(l, ind_before),
        negative.map(|x| x.previous_day).unwrap_or(0),
    );
    view! {
        <div class="chart-grid">
            <Chart
                id="ch-digest-types"
                title=td_string!(l, media_type)
                summary=total
                label_header=td_string!(l, media_type)
                labels=d.by_type.iter().map(|x| media_type_name(l, &x.key).to_string()).collect()
                series=periods(l, &d.by_type)
                kind=ChartKind::Rows
                own_table=true
            />
            <Chart
                id="ch-digest-tone"
                title=td_string!(l, media_tone)
                summary=tone
                label_header=td_string!(l, media_tone)
                labels=d.by_tone.iter().map(|x| tone_name(l, &x.key).to_string()).collect()
                series=periods(l, &d.by_tone)
                kind=ChartKind::Bars
                own_table=true
            />
        </div>
    }
}

/// The register's mentions per day (or week) beside the period before.
#[component]
pub fn RegisterChart(d: crate::media::DailyMentions) -> impl IntoView {
    let l = use_i18n().get_locale_untracked();
    let loc = l.as_str();
    let (now, before): (i64, i64) = (d.current.iter().sum(), d.previous.iter().sum());
    let as_values = |v: &[i64]| v.iter().map(|n| Some(*n as f64)).collect::<Vec<_>>();
    view! {
        <Chart
            id="ch-register"
            title=if d.weekly { td_string!(l, media_per_week) } else { td_string!(l, media_per_day) }
            summary=format!("{}: {now} ({}: {before}).", td_string!(l, media_total), td_string!(l, ind_before))
            label_header=td_string!(l, media_date)
            labels=d.days.iter().map(|day| crate::components::format::short_date(loc, *day)).collect()
            keys=d.days.iter().map(|day| day.to_string()).collect()
            series=Series::periods(l, as_values(&d.current), as_values(&d.previous))
            kind=ChartKind::Bars
        />
    }
}
