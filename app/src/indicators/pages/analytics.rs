//! The staff analytics page: the indicators in full, a drill-down from the
//! departments to a department's topics and publications, and from a problem
//! area to the ratings and comments behind it.

use crate::components::charts::{Chart, ChartKind, Series};
use crate::components::format::local_time;
use crate::i18n::*;
use crate::indicators::server_fns::analytics_page;
use crate::indicators::views::{figure_row, figures_head, Filters, MediaTone, RefusedFilters};
use crate::indicators::IndicatorQuery;
use crate::publications::labels::topic_name;
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_query_map;

fn href(q: &IndicatorQuery, negative: bool) -> String {
    let mut query = q.query_string();
    if negative {
        query.push_str(if query.is_empty() { "negative=1" } else { "&negative=1" });
    }
    format!("/staff/analytics?{query}")
}

fn num(l: Locale, v: Option<f64>, scale: f64, decimals: usize) -> String {
    crate::indicators::views::num(l, v.map(|v| v * scale), decimals)
}

#[component]
pub fn AnalyticsPage() -> impl IntoView {
    let i18n = use_i18n();
    let l = i18n.get_locale_untracked();
    let qm = use_query_map();
    let query = move || {
        let q = qm.read();
        let s = |k: &str| q.get(k).unwrap_or_default();
        (
            IndicatorQuery {
                from: s("from"),
                to: s("to"),
                department: s("department"),
                topic: s("topic"),
                channel: s("channel"),
                audience: s("audience"),
                kind: s("kind"),
                media_tone: s("media_tone"),
            },
            q.get("negative").is_some(),
            q.get("page").and_then(|p| p.parse::<u32>().ok()).unwrap_or(1),
        )
    };
    let data = Resource::new(query, |(q, negative, page)| analytics_page(q, negative, page));
    view! {
        <Title text=td_string!(l, analytics_title) />
        <h1>{td_string!(l, analytics_title)}</h1>
        <Suspense fallback=move || {
            view! { <p>{t!(i18n, common_loading)}</p> }
        }>
            {move || {
                data.get()
                    .map(|r| match r {
                        Err(e) => view! { <RefusedFilters action="/staff/analytics" q=query().0 error=e /> }.into_any(),
                        Ok((v, areas, pubs, ratings, depts, topics, negative_mentions)) => {
                            let (q, negative, _) = query();
                            let by_topic = !q.department.is_empty();
                            let area_name = |key: &str| {
                                if by_topic {
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
                            let drill = |key: &str| {
                                let mut next = q.clone();
                                if by_topic { next.topic = key.to_string() } else { next.department = key.to_string() }
                                href(&next, false)
                            };
                            let problems: Vec<_> = v.problem_areas.iter().filter(|a| a.problem).cloned().collect();
                            view! {
                                <Filters
                                    action="/staff/analytics"
                                    q=q.clone()
                                    from=v.period.from.to_string()
                                    to=v.period.to.to_string()
                                    depts=depts.clone()
                                    topics=topics.clone()
                                />
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
                                        {figure_row(
                                            l,
                                            "answered_on_time",
                                            td_string!(l, ind_on_time),
                                            v.answered_on_time,
                                            1,
                                            true,
                                        )}
                                    </tbody>
                                </table>
                                <table class="data drill">
                                    <caption>
                                        {if by_topic {
                                            td_string!(l, analytics_topics)
                                        } else {
                                            td_string!(l, analytics_departments)
                                        }}
                                    </caption>
                                    <thead>
                                        <tr>
                                            <th scope="col">{td_string!(l, ind_area)}</th>
                                            <th scope="col">{td_string!(l, ind_ratings)}</th>
                                            <th scope="col">{td_string!(l, ind_satisfaction)}</th>
                                            <th scope="col">{td_string!(l, ind_negative_share)}</th>
                                        </tr>
                                    </thead>
                                    <tbody>
                                        {areas
                                            .iter()
                                            .map(|a| {
                                                view! {
                                                    <tr>
                                                        <th scope="row">
                                                            <a href=drill(&a.key)>{area_name(&a.key)}</a>
                                                        </th>
                                                        <td>{a.ratings.n_current} " (" {a.ratings.n_previous} ")"</td>
                                                        <td>
                                                            {num(l, a.satisfaction.current, 1.0, 2)} " ("
                                                            {num(l, a.satisfaction.previous, 1.0, 2)} ")"
                                                        </td>
                                                        <td>
                                                            {num(l, a.negative_share.current, 100.0, 0)} " % ("
                                                            {num(l, a.negative_share.previous, 100.0, 0)} " %)"
                                                        </td>
                                                    </tr>
                                                }
                                            })
                                            .collect_view()}
                                    </tbody>
                                </table>
                                <Chart
                                    id="ch-areas"
                                    title=format!(
                                        "{} · {}",
                                        if by_topic {
                                            td_string!(l, analytics_topics)
                                        } else {
                                            td_string!(l, analytics_departments)
                                        },
                                        td_string!(l, ind_negative_share),
                                    )
                                    summary=format!("{}: {}.", td_string!(l, ind_problem_areas), problems.len())
                                    label_header=td_string!(l, ind_area)
                                    labels=areas.iter().map(|a| area_name(&a.key)).collect()
                                    series=Series::periods(
                                        l,
                                        areas.iter().map(|a| a.negative_share.current.map(|x| x * 100.0)).collect(),
                                        areas.iter().map(|a| a.negative_share.previous.map(|x| x * 100.0)).collect(),
                                    )
                                    kind=ChartKind::Rows
                                    unit=" %"
                                    own_table=true
                                />
                                <h2>{td_string!(l, ind_problem_areas)}</h2>
                                {if problems.is_empty() {
                                    view! { <p>{td_string!(l, ind_no_problems)}</p> }.into_any()
                                } else {
                                    view! {
                                        <ul class="problem-areas">
                                            {problems
                                                .iter()
                                                .map(|a| {
                                                    let mut next = q.clone();
                                                    let name = if a.kind == "topic" {
                                                        next.topic = a.key.clone();
                                                        topics
                                                            .iter()
                                                            .find(|t| t.code == a.key)
                                                            .map(|t| topic_name(l, t))
                                                    } else {
                                                        next.department = a.key.clone();
                                                        depts
                                                            .iter()
                                                            .find(|d| d.code == a.key)
                                                            .map(|d| d.name(l.as_str()).to_string())
                                                    };
                                                    view! {
                                                        <li>
                                                            <a href=format!(
                                                                "{}#ratings",
                                                                href(&next, true),
                                                            )>{name.unwrap_or_else(|| a.key.clone())}</a>
                                                            " · "
                                                            {num(l, a.change, 1.0, 1)}
                                                            " pp · n "
                                                            {a.n_current}
                                                        </li>
                                                    }
                                                })
                                                .collect_view()}
                                        </ul>
                                    }
                                        .into_any()
                                }}
                                <MediaTone m=v.media.clone() />
                                <table class="data negative-mentions">
                                    <caption>{td_string!(l, media_negative)}</caption>
                                    <thead>
                                        <tr>
                                            <th scope="col">{td_string!(l, media_date)}</th>
                                            <th scope="col">{td_string!(l, media_outlet)}</th>
                                            <th scope="col">{td_string!(l, media_headline)}</th>
                                            <th scope="col">{td_string!(l, media_reach)}</th>
                                            <th scope="col">{td_string!(l, media_response)}</th>
                                        </tr>
                                    </thead>
                                    <tbody>
                                        {negative_mentions
                                            .iter()
                                            .map(|m| {
                                                view! {
                                                    <tr>
                                                        <td>{m.day.to_string()}</td>
                                                        <td>{m.outlet.clone()}</td>
                                                        <td>
                                                            <a href=format!(
                                                                "/staff/media/mentions/{}",
                                                                m.id,
                                                            )>{m.headline.clone()}</a>
                                                        </td>
                                                        <td class="num">
                                                            {m.reach.map(|r| r.to_string()).unwrap_or_default()}
                                                        </td>
                                                        <td>{crate::media::labels::response_status(l, m)}</td>
                                                    </tr>
                                                }
                                            })
                                            .collect_view()}
                                    </tbody>
                                </table>
                                <p>
                                    <a href="/staff/media">{td_string!(l, media_title)}</a>
                                    " · "
                                    <a href="/staff/media/digest">{td_string!(l, media_digest)}</a>
                                </p>
                                <table class="data publications">
                                    <caption>{td_string!(l, analytics_publications)}</caption>
                                    <thead>
                                        <tr>
                                            <th scope="col">{td_string!(l, pubs_title)}</th>
                                            <th scope="col">{td_string!(l, ind_ratings)}</th>
                                            <th scope="col">{td_string!(l, rating_mean)}</th>
                                            <th scope="col">{td_string!(l, tone_negative)}</th>
                                        </tr>
                                    </thead>
                                    <tbody>
                                        {pubs
                                            .iter()
                                            .map(|p| {
                                                view! {
                                                    <tr>
                                                        <th scope="row">
                                                            <a href=format!(
                                                                "/publications/{}",
                                                                p.id,
                                                            )>{p.title.get(l.as_str()).to_string()}</a>
                                                        </th>
                                                        <td>{p.ratings}</td>
                                                        <td>{num(l, p.mean, 1.0, 2)}</td>
                                                        <td>{p.negative}</td>
                                                    </tr>
                                                }
                                            })
                                            .collect_view()}
                                    </tbody>
                                </table>
                                <h2 id="ratings">
                                    {if negative {
                                        td_string!(l, analytics_negative_ratings)
                                    } else {
                                        td_string!(l, analytics_ratings)
                                    }}
                                </h2>
                                <table class="data ratings-behind">
                                    <thead>
                                        <tr>
                                            <th scope="col">{td_string!(l, pub_date)}</th>
                                            <th scope="col">{td_string!(l, pubs_title)}</th>
                                            <th scope="col">{td_string!(l, rate_stars)}</th>
                                            <th scope="col">{td_string!(l, rating_tone)}</th>
                                            <th scope="col">{td_string!(l, rate_audience)}</th>
                                            <th scope="col">{td_string!(l, rate_comment)}</th>
                                        </tr>
                                    </thead>
                                    <tbody>
                                        {ratings
                                            .iter()
                                            .map(|r| {
                                                view! {
                                                    <tr>
                                                        <td>{local_time(r.at)}</td>
                                                        <td>
                                                            <a href=format!(
                                                                "/publications/{}",
                                                                r.publication_id,
                                                            )>{r.publication.get(l.as_str()).to_string()}</a>
                                                        </td>
                                                        <td>{r.stars}</td>
                                                        <td>{r.tone.clone()}</td>
                                                        <td>{r.audience.clone()}</td>
                                                        <td class="comment-text">
                                                            {r.comment.clone().unwrap_or_default()}
                                                            {r
                                                                .comment_status
                                                                .clone()
                                                                .filter(|s| s != "approved")
                                                                .map(|s| {
                                                                    view! {
                                                                        " "
                                                                        <span class="badge">{s}</span>
                                                                    }
                                                                })}
                                                        </td>
                                                    </tr>
                                                }
                                            })
                                            .collect_view()}
                                    </tbody>
                                </table>
                            }
                                .into_any()
                        }
                    })
            }}
        </Suspense>
    }
}
