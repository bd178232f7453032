//! The digest's charts: mentions by media type and by tone for the chosen
//! day or week beside the one before, above the digest's tables (which add
//! the weekday average).

use crate::components::charts::{Chart, ChartKind, Series};
use crate::i18n::*;
use crate::media::labels::{media_type_name, tone_name};
use crate::media::{Digest, DigestLine};
use leptos::prelude::*;

/// This period and the one before, as two series over `lines`.
fn periods(l: Locale, lines: &[DigestLine]) -> Vec<Series> {
    vec![
        Series {
            name: td_string!(l, ind_now).to_string(),
            values: lines.iter().map(|x| Some(x.count as f64)).collect(),
        },
        Series {
            name: td_string!(l, ind_before).to_string(),
            values: lines.iter().map(|x| Some(x.previous_day as f64)).collect(),
        },
    ]
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
