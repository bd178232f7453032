//! The public indicators page: every figure for the chosen period beside the
//! previous period, with sample sizes; weekly charts, tone and distribution
//! with data tables; problem areas and channels. Filters are a plain GET form.

use crate::components::format::date;
use crate::i18n::*;
use crate::indicators::overview::{CsvLink, Headline, IndicatorCharts};
use crate::indicators::server_fns::indicator_page;
use crate::indicators::views::{
    channel_name, figure_row, figures_head, num, signed, Filters, MediaTone, RefusedFilters,
};
use crate::indicators::IndicatorQuery;
use crate::publications::labels::topic_name;
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_query_map;

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
            media_tone: s("media_tone"),
        }
    }
}

#[component]
fn ProblemAreas(
    areas: Vec<crate::indicators::maths::ProblemArea>,
    depts: Vec<crate::departments::Department>,
    topics: Vec<crate::publications::Topic>,
    q: IndicatorQuery,
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
                                        {num(l, a.negative_previous.map(|x| x * 100.0), 0)}
                                        " % → "
                                        {num(l, a.negative_current.map(|x| x * 100.0), 0)}
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
            <details class="folded">
                <summary>{td_string!(l, ind_all_areas)}</summary>
                <table class="data areas">
                    <caption class="visually-hidden">{td_string!(l, ind_all_areas)}</caption>
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
                                        <td>{num(l, a.negative_current.map(|x| x * 100.0), 1)} " %"</td>
                                        <td>{signed(l, a.change, 1)}</td>
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
                <CsvLink table="areas" q=q />
            </details>
        </section>
    }
}

#[component]
fn Channels(
    rows: Vec<crate::indicators::ChannelRow>,
    official: Vec<crate::channels::OfficialChannel>,
    q: IndicatorQuery,
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
            <details class="folded">
                <summary>{td_string!(l, ind_channels)} " (" {rows.len()} ")"</summary>
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
                                        <td>{num(l, c.ratings_per_publication, 1)}</td>
                                        <td>{num(l, c.satisfaction, 2)}</td>
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
                <CsvLink table="channels" q=q />
            </details>
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
                            let loc = l.as_str();
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
                                    <strong>{date(loc, v.period.from)} " – " {date(loc, v.period.to)}</strong>
                                    ", "
                                    {td_string!(l, ind_compared)}
                                    " "
                                    {date(loc, v.previous.from)}
                                    " – "
                                    {date(loc, v.previous.to)}
                                </p>
                                <Headline v=v.clone() />
                                <p>
                                    {td_string!(l, inbox_overdue)} ": "
                                    <strong class="overdue-now">{v.overdue_now}</strong> " · "
                                    {td_string!(l, inbox_due_soon)} ": " <strong>{v.due_soon_now}</strong>
                                </p>
                                <IndicatorCharts v=v.clone() weeks=weeks q=q.clone() />
                                <table class="data figures">
                                    <caption>{td_string!(l, ind_figures)}</caption>
                                    {figures_head(l)}
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
                                        {figure_row(
                                            l,
                                            "questions",
                                            td_string!(l, ind_questions),
                                            v.questions,
                                            0,
                                            false,
                                        )}
                                        {figure_row(
                                            l,
                                            "press_queries",
                                            td_string!(l, ind_press_queries),
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
                                <ProblemAreas
                                    areas=v.problem_areas.clone()
                                    depts=depts.clone()
                                    topics=topics.clone()
                                    q=q.clone()
                                />
                                <Channels rows=v.channels.clone() official=v.official.clone() q=q.clone() />
                                <MediaTone m=v.media.clone() />
                            }
                                .into_any()
                        }
                    })
            }}
        </Suspense>
    }
}
