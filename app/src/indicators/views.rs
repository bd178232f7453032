//! Pieces the indicators and analytics pages share: a figure row against the
//! previous period, the filter form (and the same form sent back refused),
//! and the media tone table.

use crate::components::charts::{Chart, ChartKind, Series};
use crate::components::forms::{FormErrors, Refusal};
use crate::error::messages::field_message;
use crate::error::{AppError, ErrorCode};
use crate::i18n::*;
use crate::indicators::server_fns::indicator_choices;
use crate::indicators::{maths::Comparison, IndicatorQuery};
use crate::publications::labels::topic_name;
use leptos::prelude::*;

/// A figure as the page's language writes it (decimal comma in kk and ru).
pub fn num(l: Locale, v: Option<f64>, decimals: usize) -> String {
    v.map(|v| crate::components::format::number(l.as_str(), v, decimals))
        .unwrap_or_else(|| "—".into())
}

/// A change with its sign: `+0,12`, `−3`.
pub fn signed(l: Locale, v: Option<f64>, decimals: usize) -> String {
    match v {
        Some(v) if v > 0.0 => format!("+{}", num(l, Some(v), decimals)),
        v => num(l, v, decimals),
    }
}

/// The head of a figures table: indicator, now, before, change, n.
pub fn figures_head(l: Locale) -> impl IntoView {
    view! {
        <thead>
            <tr>
                <th scope="col">{td_string!(l, ind_indicator)}</th>
                <th scope="col">{td_string!(l, ind_now)}</th>
                <th scope="col">{td_string!(l, ind_before)}</th>
                <th scope="col">{td_string!(l, ind_change)}</th>
                <th scope="col">{td_string!(l, ind_n)}</th>
            </tr>
        </thead>
    }
}

/// One row of the figures table.
pub fn figure_row(
    l: Locale,
    key: &'static str,
    label: &'static str,
    c: Comparison,
    decimals: usize,
    pct: bool,
) -> impl IntoView {
    let scale = |v: Option<f64>| if pct { v.map(|v| v * 100.0) } else { v };
    let unit = if pct { " %" } else { "" };
    let direction = match c.change {
        Some(d) if d > 0.0 => td_string!(l, ind_up),
        Some(d) if d < 0.0 => td_string!(l, ind_down),
        Some(_) => td_string!(l, ind_same),
        None => "",
    };
    view! {
        <tr data-indicator=key>
            <th scope="row">{label}</th>
            <td class="current">{num(l, scale(c.current), decimals)}{unit}</td>
            <td class="previous">{num(l, scale(c.previous), decimals)}{unit}</td>
            <td class="change">{signed(l, scale(c.change), decimals)} " " <span class="meta">{direction}</span></td>
            <td class="n">{c.n_current} " / " {c.n_previous}</td>
        </tr>
    }
}

pub fn channel_name(l: Locale, c: &str) -> &'static str {
    crate::publications::Channel::parse(c)
        .map(|c| crate::publications::labels::channel(l, c))
        .unwrap_or("—")
}

#[component]
pub fn Filters(
    #[prop(default = "/indicators")] action: &'static str,
    q: IndicatorQuery,
    /// The dates shown: the period's, or what was typed when it was refused.
    from: String,
    to: String,
    depts: Vec<crate::departments::Department>,
    topics: Vec<crate::publications::Topic>,
    /// Refused filters, each marked beside its field.
    #[prop(optional)]
    error: Option<AppError>,
) -> impl IntoView {
    let l = use_i18n().get_locale_untracked();
    let bad = |field: &str| {
        error
            .as_ref()
            .and_then(|e| e.field_code(field))
            .map(|c| field_message(l, c))
    };
    let attrs = |field: &str| {
        let m = bad(field);
        (m.as_ref().map(|_| "true"), m.map(|_| format!("ind-{field}-err")))
    };
    let message = |field: &str| {
        bad(field).map(|m| {
            view! {
                <p class="field-error" id=format!("ind-{field}-err")>
                    {m}
                </p>
            }
        })
    };
    let sel = |a: &str, b: &str| a == b;
    let channels = [
        "website",
        "tv",
        "radio",
        "news_agency",
        "print",
        "online_media",
        "social",
    ];
    let audiences = ["citizen", "journalist", "ngo", "business", "other"];
    let audience_name = |a: &str| {
        crate::publications::Audience::parse(a)
            .map(|a| crate::publications::labels::audience(l, a))
            .unwrap_or("—")
    };
    let (from_invalid, from_described) = attrs("from");
    let (to_invalid, to_described) = attrs("to");
    let (dept_invalid, dept_described) = attrs("department");
    view! {
        <form method="get" action=action class="filters" role="search">
            <div class="field" class:invalid=from_invalid.is_some()>
                <label for="ind-from">{td_string!(l, pubs_filter_from)}</label>
                <input
                    id="ind-from"
                    name="from"
                    type="date"
                    value=from
                    aria-invalid=from_invalid
                    aria-describedby=from_described
                />
                {message("from")}
            </div>
            <div class="field" class:invalid=to_invalid.is_some()>
                <label for="ind-to">{td_string!(l, pubs_filter_to)}</label>
                <input
                    id="ind-to"
                    name="to"
                    type="date"
                    value=to
                    aria-invalid=to_invalid
                    aria-describedby=to_described
                />
                {message("to")}
            </div>
            <div class="field" class:invalid=dept_invalid.is_some()>
                <label for="ind-dept">{td_string!(l, pub_department)}</label>
                <select id="ind-dept" name="department" aria-invalid=dept_invalid aria-describedby=dept_described>
                    <option value="">{td_string!(l, pubs_any)}</option>
                    {depts
                        .iter()
                        .map(|d| {
                            let s = d.code == q.department;
                            view! {
                                <option value=d.code.clone() selected=s>
                                    {d.name(l.as_str()).to_string()}
                                </option>
                            }
                        })
                        .collect_view()}
                </select>
                {message("department")}
            </div>
            <div class="field">
                <label for="ind-topic">{td_string!(l, item_topic)}</label>
                <select id="ind-topic" name="topic">
                    <option value="">{td_string!(l, pubs_any)}</option>
                    {topics
                        .iter()
                        .map(|t| {
                            let s = t.code == q.topic;
                            view! {
                                <option value=t.code.clone() selected=s>
                                    {topic_name(l, t)}
                                </option>
                            }
                        })
                        .collect_view()}
                </select>
            </div>
            <div class="field">
                <label for="ind-channel">{td_string!(l, pub_channel)}</label>
                <select id="ind-channel" name="channel">
                    <option value="">{td_string!(l, pubs_any)}</option>
                    {channels
                        .into_iter()
                        .map(|c| {
                            view! {
                                <option value=c selected=sel(c, &q.channel)>
                                    {channel_name(l, c)}
                                </option>
                            }
                        })
                        .collect_view()}
                </select>
            </div>
            <div class="field">
                <label for="ind-audience">{td_string!(l, rate_audience)}</label>
                <select id="ind-audience" name="audience">
                    <option value="">{td_string!(l, pubs_any)}</option>
                    {audiences
                        .into_iter()
                        .map(|a| {
                            view! {
                                <option value=a selected=sel(a, &q.audience)>
                                    {audience_name(a)}
                                </option>
                            }
                        })
                        .collect_view()}
                </select>
            </div>
            <div class="field">
                <label for="ind-media-tone">{td_string!(l, ind_media_tone)}</label>
                <select id="ind-media-tone" name="media_tone">
                    <option value="">{td_string!(l, ind_media_tone_all)}</option>
                    <option value="confirmed" selected=sel("confirmed", &q.media_tone)>
                        {td_string!(l, ind_media_tone_confirmed)}
                    </option>
                </select>
            </div>
            <div class="form-actions">
                <button type="submit" class="primary">
                    {td_string!(l, pubs_show)}
                </button>
            </div>
        </form>
    }
}

/// Refused filters: what went wrong beside each field, in the same form, so
/// the visitor corrects them without retyping the rest. Any other refusal
/// is shown as it is.
#[component]
pub fn RefusedFilters(
    #[prop(default = "/indicators")] action: &'static str,
    q: IndicatorQuery,
    error: AppError,
) -> impl IntoView {
    if error.code != ErrorCode::Validation {
        return view! { <Refusal error=error /> }.into_any();
    }
    let choices = Resource::new(|| (), |_| indicator_choices());
    let alert = Some(error.clone());
    view! {
        <FormErrors error=alert />
        <Suspense>
            {move || {
                choices
                    .get()
                    .map(|r| {
                        let (depts, topics) = r.unwrap_or_default();
                        let (from, to) = (q.from.clone(), q.to.clone());
                        view! {
                            <Filters
                                action=action
                                q=q.clone()
                                from=from
                                to=to
                                depts=depts
                                topics=topics
                                error=error.clone()
                            />
                        }
                    })
            }}
        </Suspense>
    }
    .into_any()
}

/// Media mentions by type and tone against the previous period (counts only).
#[component]
pub fn MediaTone(m: crate::media::MediaFigures) -> impl IntoView {
    use crate::components::format::number;
    use crate::media::labels::{media_type_name, tone_name};
    use crate::{media::MediaType, publications::Tone};
    let l = use_i18n().get_locale_untracked();
    let loc = l.as_str();
    let tone_of = |c: &crate::publications::ToneCounts, t: Tone| match t {
        Tone::Positive => c.positive,
        Tone::Neutral => c.neutral,
        Tone::Negative => c.negative,
    };
    let periods = |now, before| Series::periods(l, now, before);
    let total = format!(
        "{}: {} ({}: {}).",
        td_string!(l, media_total),
        number(loc, m.mentions.current as f64, 0),
        td_string!(l, ind_before),
        number(loc, m.mentions.previous as f64, 0),
    );
    let suggested = m.tone_suggested.positive + m.tone_suggested.neutral + m.tone_suggested.negative;
    let counted = if m.tone_counts == "confirmed" {
        td_string!(l, media_tone_counted_confirmed).to_string()
    } else {
        format!(
            "{}: {}.",
            td_string!(l, media_tone_counted_suggested),
            number(loc, suggested as f64, 0)
        )
    };
    let negative = format!(
        "{}: {} ({}: {}). {counted}",
        tone_name(l, "negative"),
        m.tone.negative,
        td_string!(l, ind_before),
        m.tone_previous.negative,
    );
    view! {
        <section aria-labelledby="media-tone-h">
            <h2 id="media-tone-h">{td_string!(l, media_indicators)}</h2>
            <div class="chart-grid">
                <Chart
                    id="ch-media"
                    title=td_string!(l, media_type)
                    summary=total
                    label_header=td_string!(l, media_type)
                    labels=MediaType::ALL.iter().map(|t| media_type_name(l, t.as_str()).to_string()).collect()
                    keys=MediaType::ALL.iter().map(|t| t.as_str().to_string()).collect()
                    series=periods(
                        MediaType::ALL.iter().map(|t| Some(m.by_type.get(*t) as f64)).collect(),
                        MediaType::ALL.iter().map(|t| Some(m.by_type_previous.get(*t) as f64)).collect(),
                    )
                    kind=ChartKind::Rows
                />
                <Chart
                    id="ch-media-tone"
                    title=td_string!(l, rating_tone)
                    summary=negative
                    label_header=td_string!(l, rating_tone)
                    labels=Tone::ALL.iter().map(|t| tone_name(l, t.as_str()).to_string()).collect()
                    keys=Tone::ALL.iter().map(|t| t.as_str().to_string()).collect()
                    series=periods(
                        Tone::ALL.iter().map(|t| Some(tone_of(&m.tone, *t) as f64)).collect(),
                        Tone::ALL.iter().map(|t| Some(tone_of(&m.tone_previous, *t) as f64)).collect(),
                    )
                    kind=ChartKind::Bars
                />
            </div>
            <crate::indicators::press_figures::PressFigures m=m />
        </section>
    }
}
