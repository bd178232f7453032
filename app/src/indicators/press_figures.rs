//! The press beside the previous period in numbers: stories (reprints
//! counted once) and how the press carried the ministry's releases:
//! releases, those picked up, outlets per picked-up release and the median
//! delay to the first pickup. A table under the media charts.

use crate::i18n::*;
use crate::indicators::maths::compare;
use crate::indicators::views::{figure_row, figures_head};
use crate::media::MediaFigures;
use leptos::prelude::*;

#[component]
pub fn PressFigures(m: MediaFigures) -> impl IntoView {
    let l = use_i18n().get_locale_untracked();
    let (p, q) = (&m.pickup, &m.pickup_previous);
    let count = |now: i64, before: i64| compare(Some(now as f64), Some(before as f64), now, before);
    let picked = |f: &crate::media::PickupFigures| (f.picked_up > 0).then_some(f.outlets_per_release);
    let rows = vec![
        figure_row(
            l,
            "media_stories",
            td_string!(l, ind_media_stories),
            count(m.stories.current, m.stories.previous),
            0,
            false,
        ),
        figure_row(
            l,
            "releases",
            td_string!(l, ind_releases),
            count(p.releases, q.releases),
            0,
            false,
        ),
        figure_row(
            l,
            "releases_picked_up",
            td_string!(l, ind_releases_picked_up),
            count(p.picked_up, q.picked_up),
            0,
            false,
        ),
        figure_row(
            l,
            "outlets_per_release",
            td_string!(l, ind_outlets_per_release),
            compare(picked(p), picked(q), p.picked_up, q.picked_up),
            1,
            false,
        ),
        figure_row(
            l,
            "median_delay_hours",
            td_string!(l, ind_median_delay_hours),
            compare(p.median_delay_hours, q.median_delay_hours, p.picked_up, q.picked_up),
            1,
            false,
        ),
    ];
    view! {
        <table class="data figures press-figures">
            <caption>{td_string!(l, ind_press_figures)}</caption>
            {figures_head(l)}
            <tbody>{rows.into_iter().collect_view()}</tbody>
        </table>
    }
}
