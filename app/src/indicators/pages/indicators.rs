//! The public indicators page: every figure for the chosen period beside the
//! previous period, with sample sizes; weekly charts, tone and distribution
//! with data tables; problem areas and channels. Filters are a plain GET form.

use crate::components::charts::bar;
use crate::components::charts::{Chart, ChartKind};
use crate::i18n::*;
use crate::indicators::server_fns::indicator_page;
use crate::indicators::views::{channel_name, figure_row, num, signed, Filters, MediaTone, RefusedFilters};
use crate::indicators::IndicatorQuery;
use crate::publications::labels::topic_name;
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_query_map;

/// The CSV download of one table for the same query.
fn csv_href(table: &str, q: &IndicatorQuery) -> String {
    format!("/indicators/{table}.csv?{}", q.query_string())
}

#[component]
fn CsvLink(table: &'static str, q: IndicatorQuery) -> impl IntoView {
    let l = use_i18n().get_locale_untracked();
    view! {
        <p class="csv">
            <a href=csv_href(table, &q) rel="external" download="">
                {td_string!(l, ind_csv)}
            </a>
        </p>
    }
}

fn query_from_url() -> impl Fn() -> IndicatorQuery + Copy {
    let q = use_query_map();
    move || {
        let q = q.read();
        let s = |k: &str| q.get(k).unwrap_or_default();
        IndicatorQuery {
            from: s("from"),
            to: s("to"),
            department: s("department"),
            topic: s("topic"),
            channel: s("channel"),
            audience: s("audience"),
            kind: s("kind"),
        }
    }
}

#[component]
fn ProblemAreas(
    areas: Vec<crate::indicators::maths::ProblemArea>,
    depts: Vec<crate::departments::Department>,
    topics: Vec<crate::publications::Topic>,
) -> impl IntoView {
    let l = use_i18n().get_locale_untracked();
    let problems: Vec<_> = areas.iter().filter(|a| a.problem).cloned().collect();
    let area_name = move |kind: &str, key: &str| {
        if kind == "topic" {
            topics
                .iter()
                .find(|t| t.code == key)
                .map(|t| topic_name(l, t))
                .unwrap_or_else(|| key.to_string())
        } else {
            depts
                .iter()
                .find(|d| d.code == key)
                .map(|d| d.name(l.as_str()).to_string())
                .unwrap_or_else(|| key.to_string())
        }
    };
    view! {
        <section aria-labelledby="pa-h">
            <h2 id="pa-h">{td_string!(l, ind_problem_areas)}</h2>
            <p class="hint">{td_string!(l, ind_problem_rule)}</p>
            {if problems.is_empty() {
                view! { <p class="no-problems">{td_string!(l, ind_no_problems)}</p> }.into_any()
            } else {
                view! {
                    <ol class="problem-areas">
                        {problems
                            .iter()
                            .map(|a| {
                                view! {
                                    <li>
                                        <strong>{area_name(&a.kind, &a.key)}</strong>
                                        ": "
                                        {td_string!(l, ind_negative_share)}
                                        " "
                                        {num(a.negative_previous.map(|x| x * 100.0), 0)}
                                        " % → "
                                        {num(a.negative_current.map(|x| x * 100.0), 0)}
                                        " % ("
                                        {td_string!(l, ind_n)}
                                        " "
                                        {a.n_previous}
                                        " / "
                                        {a.n_current}
                                        ")"
                                    </li>
                                }
                            })
                            .collect_view()}
                    </ol>
                }
                    .into_any()
            }}
            <table class="data areas">
                <caption>{td_string!(l, ind_all_areas)}</caption>
                <thead>
                    <tr>
                        <th scope="col">{td_string!(l, ind_area)}</th>
                        <th scope="col">{td_string!(l, ind_negative_share)}</th>
                        <th scope="col">{td_string!(l, ind_change)}</th>
                        <th scope="col">{td_string!(l, ind_n)}</th>
                        <th scope="col">{td_string!(l, ind_judgement)}</th>
                    </tr>
                </thead>
                <tbody>
                    {areas
                        .iter()
                        .map(|a| {
                            view! {
                                <tr>
                                    <th scope="row">{area_name(&a.kind, &a.key)}</th>
                                    <td>{num(a.negative_current.map(|x| x * 100.0), 1)} " %"</td>
                                    <td>{signed(a.change, 1)}</td>
                                    <td>{a.n_current} " / " {a.n_previous}</td>
                                    <td>
                                        {if a.problem {
                                            td_string!(l, ind_problem)
                                        } else if a.small_sample {
                                            td_string!(l, ind_small_sample)
                                        } else {
                                            td_string!(l, ind_no_change)
                                        }}
                                    </td>
                                </tr>
                            }
                        })
                        .collect_view()}
                </tbody>
            </table>
        </section>
    }
}

#[component]
fn Channels(
    rows: Vec<crate::indicators::ChannelRow>,
    official: Vec<crate::channels::OfficialChannel>,
) -> impl IntoView {
    let l = use_i18n().get_locale_untracked();
    let stale: Vec<_> = official.iter().filter(|c| c.stale).cloned().collect();
    view! {
        {(!stale.is_empty())
            .then(|| {
                view! {
                    <div class="notice stale-channels" role="note">
                        <strong>{td_string!(l, ind_stale_channels)}</strong>
                        ": "
                        {stale
                            .iter()
                            .map(|c| {
                                format!(
                                    "{} ({})",
                                    c.name,
                                    c
                                        .days_since_last_post
                                        .map(|d| format!("{d} {}", td_string!(l, ind_days_ago)))
                                        .unwrap_or_else(|| td_string!(l, ind_never).to_string()),
                                )
                            })
                            .collect::<Vec<_>>()
                            .join(", ")}
                    </div>
                }
            })}
        <section aria-labelledby="ch-h">
            <h2 id="ch-h">{td_string!(l, ind_channels)}</h2>
            <table class="data channels">
                <thead>
                    <tr>
                        <th scope="col">{td_string!(l, pub_channel)}</th>
                        <th scope="col">{td_string!(l, ind_publications)}</th>
                        <th scope="col">{td_string!(l, ind_ratings_per_pub)}</th>
                        <th scope="col">{td_string!(l, ind_satisfaction)}</th>
                        <th scope="col">{td_string!(l, ind_last_post)}</th>
                    </tr>
                </thead>
                <tbody>
                    {rows
                        .iter()
                        .map(|c| {
                            view! {
                                <tr class:stale=c.stale>
                                    <th scope="row">{channel_name(l, &c.channel)}</th>
                                    <td>{c.publications}</td>
                                    <td>{num(c.ratings_per_publication, 1)}</td>
                                    <td>{num(c.satisfaction, 2)}</td>
                                    <td>
                                        {c
                                            .days_since_last_post
                                            .map(|d| format!("{d} {}", td_string!(l, ind_days_ago)))
                                            .unwrap_or_else(|| "—".into())}
                                        {c
                                            .stale
                                            .then(|| {
                                                view! {
                                                    " "
                                                    <span class="badge warn">{td_string!(l, ind_stale)}</span>
                                                }
                                            })}
                                    </td>
                                </tr>
                            }
                        })
                        .collect_view()}
                </tbody>
            </table>
        </section>
    }
}

#[component]
pub fn IndicatorsPage() -> impl IntoView {
    let i18n = use_i18n();
    let l = i18n.get_locale_untracked();
    let query = query_from_url();
    let data = Resource::new(query, indicator_page);
    view! {
        <Title text=td_string!(l, ind_title) />
        <h1>{td_string!(l, ind_title)}</h1>
        <p class="lead">{td_string!(l, ind_intro)}</p>
        <Suspense fallback=move || {
            view! { <p>{t!(i18n, common_loading)}</p> }
        }>
            {move || {
                data.get()
                    .map(|r| match r {
                        Err(e) => view! { <RefusedFilters q=query() error=e /> }.into_any(),
                        Ok((v, weeks, depts, topics)) => {
                            let q = query();
                            let week_label = |d: chrono::NaiveDate| d.format("%d.%m").to_string();
                            let sat_summary = format!(
                                "{} {} ({} {}), {} {} ({} {}).",
                                td_string!(l, ind_satisfaction),
                                num(v.satisfaction.current, 2),
                                td_string!(l, ind_n),
                                v.satisfaction.n_current,
                                td_string!(l, ind_before),
                                num(v.satisfaction.previous, 2),
                                td_string!(l, ind_n),
                                v.satisfaction.n_previous,
                            );
                            let volume_summary = format!(
                                "{}: {} ({} {}).",
                                td_string!(l, ind_ratings),
                                v.ratings.n_current,
                                td_string!(l, ind_before),
                                v.ratings.n_previous,
                            );
                            view! {
                                <Filters
                                    q=q.clone()
                                    from=v.period.from.to_string()
                                    to=v.period.to.to_string()
                                    depts=depts.clone()
                                    topics=topics.clone()
                                />
                                <p class="period" role="status">
                                    {td_string!(l, ind_period)}
                                    " "
                                    <strong>{v.period.from.to_string()} " – " {v.period.to.to_string()}</strong>
                                    ", "
                                    {td_string!(l, ind_compared)}
                                    " "
                                    {v.previous.from.to_string()}
                                    " – "
                                    {v.previous.to.to_string()}
                                </p>
                                <table class="data figures">
                                    <caption>{td_string!(l, ind_figures)}</caption>
                                    <thead>
                                        <tr>
                                            <th scope="col">{td_string!(l, ind_indicator)}</th>
                                            <th scope="col">{td_string!(l, ind_now)}</th>
                                            <th scope="col">{td_string!(l, ind_before)}</th>
                                            <th scope="col">{td_string!(l, ind_change)}</th>
                                            <th scope="col">{td_string!(l, ind_n)}</th>
                                        </tr>
                                    </thead>
                                    <tbody>
                                        {figure_row(
                                            l,
                                            "satisfaction",
                                            td_string!(l, ind_satisfaction),
                                            v.satisfaction,
                                            2,
                                            false,
                                        )}
                                        {figure_row(l, "net_tone", td_string!(l, ind_net_tone), v.net_tone, 1, false)}
                                        {figure_row(l, "ratings", td_string!(l, ind_ratings), v.ratings, 0, false)}
                                        {figure_row(l, "comments", td_string!(l, ind_comments), v.comments, 0, false)}
                                        {figure_row(l, "questions", td_string!(l, nav_ask), v.questions, 0, false)}
                                        {figure_row(
                                            l,
                                            "press_queries",
                                            td_string!(l, nav_press),
                                            v.press_queries,
                                            0,
                                            false,
                                        )}
                                        {figure_row(
                                            l,
                                            "answered_on_time",
                                            td_string!(l, ind_on_time),
                                            v.answered_on_time,
                                            1,
                                            true,
                                        )}
                                        {figure_row(
                                            l,
                                            "median_working_days",
                                            td_string!(l, ind_median_days),
                                            v.median_working_days,
                                            1,
                                            false,
                                        )}
                                    </tbody>
                                </table>
                                <CsvLink table="figures" q=q.clone() />
                                <p>
                                    {td_string!(l, inbox_overdue)} ": "
                                    <strong class="overdue-now">{v.overdue_now}</strong> " · "
                                    {td_string!(l, inbox_due_soon)} ": " <strong>{v.due_soon_now}</strong>
                                </p>
                                <Chart
                                    id="ch-ratings"
                                    title=td_string!(l, ind_ratings_per_week)
                                    summary=volume_summary
                                    columns=(
                                        td_string!(l, ind_week).to_string(),
                                        td_string!(l, ind_ratings).to_string(),
                                    )
                                    points=weeks.iter().map(|w| (week_label(w.week), Some(w.ratings as f64))).collect()
                                    kind=ChartKind::Bars
                                />
                                <CsvLink table="weeks" q=q.clone() />
                                <Chart
                                    id="ch-satisfaction"
                                    title=td_string!(l, ind_satisfaction_per_week)
                                    summary=sat_summary
                                    columns=(
                                        td_string!(l, ind_week).to_string(),
                                        td_string!(l, ind_satisfaction).to_string(),
                                    )
                                    points=weeks.iter().map(|w| (week_label(w.week), w.satisfaction)).collect()
                                    kind=ChartKind::Line
                                    max=5.0
                                    decimals=2
                                />
                                <table class="data chart-table tone">
                                    <caption>{td_string!(l, rating_tone)}</caption>
                                    <thead>
                                        <tr>
                                            <th scope="col">{td_string!(l, rating_tone)}</th>
                                            <th scope="col">{td_string!(l, ind_now)}</th>
                                            <th scope="col">{td_string!(l, ind_before)}</th>
                                        </tr>
                                    </thead>
                                    <tbody>
                                        {[
                                            (td_string!(l, tone_positive), 0usize),
                                            (td_string!(l, tone_neutral), 1),
                                            (td_string!(l, tone_negative), 2),
                                        ]
                                            .into_iter()
                                            .map(|(name, i)| {
                                                view! {
                                                    <tr>
                                                        <th scope="row">{name}</th>
                                                        <td>
                                                            {bar(v.tone[i])} " " {format!("{:.0} %", v.tone[i] * 100.0)}
                                                        </td>
                                                        <td>
                                                            {bar(v.tone_previous[i])} " "
                                                            {format!("{:.0} %", v.tone_previous[i] * 100.0)}
                                                        </td>
                                                    </tr>
                                                }
                                            })
                                            .collect_view()}
                                    </tbody>
                                </table>
                                <CsvLink table="tone" q=q.clone() />
                                <Chart
                                    id="ch-distribution"
                                    title=td_string!(l, rating_distribution)
                                    summary=format!("{} {}", td_string!(l, ind_ratings), v.ratings.n_current)
                                    columns=(
                                        td_string!(l, rating_stars_col).to_string(),
                                        td_string!(l, rating_count).to_string(),
                                    )
                                    points=(0..5)
                                        .map(|i| ("★".repeat(i + 1), Some(v.distribution[i] as f64)))
                                        .collect()
                                    kind=ChartKind::Bars
                                />
                                <CsvLink table="distribution" q=q.clone() />
                                <ProblemAreas areas=v.problem_areas.clone() depts=depts.clone() topics=topics.clone() />
                                <CsvLink table="areas" q=q.clone() />
                                <Channels rows=v.channels.clone() official=v.official.clone() />
                                <CsvLink table="channels" q=q.clone() />
                                <MediaTone m=v.media.clone() />
                            }
                                .into_any()
                        }
                    })
            }}
        </Suspense>
    }
}
