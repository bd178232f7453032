//! The public catalogue of publications and the page of one publication,
//! with its rating summary, approved comments and the rating form.

use crate::components::charts::{Chart, ChartKind, Series};
use crate::components::format::number;
use crate::components::forms::{action_error, FormErrors, Refusal};
use crate::error::messages::field_message;
use crate::i18n::*;
use crate::publications::labels;
use crate::publications::server_fns::{catalogue, load_publication, topic_list, Rate};
use crate::publications::{
    Audience, CatalogueQuery, CatalogueSort, Channel, Kind, Publication, RatingInput, RatingSummary, Tone,
};
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::{use_params_map, use_query_map};

fn query_from_url() -> impl Fn() -> CatalogueQuery + Copy {
    let q = use_query_map();
    move || {
        let q = q.read();
        let s = |k: &str| q.get(k).unwrap_or_default();
        CatalogueQuery {
            department: s("department"),
            kind: s("kind"),
            channel: s("channel"),
            topic: s("topic"),
            from: s("from"),
            to: s("to"),
            q: s("q"),
            sort: s("sort"),
            page: q.get("page").and_then(|p| p.parse().ok()),
            ..Default::default()
        }
    }
}

fn page_href(q: &CatalogueQuery, page: i64) -> String {
    let enc = crate::platform::url::encode_query_value;
    let mut parts = Vec::new();
    for (k, v) in [
        ("department", &q.department),
        ("kind", &q.kind),
        ("channel", &q.channel),
        ("topic", &q.topic),
        ("from", &q.from),
        ("to", &q.to),
        ("q", &q.q),
        ("sort", &q.sort),
    ] {
        if !v.is_empty() {
            parts.push(format!("{k}={}", enc(v)));
        }
    }
    parts.push(format!("page={page}"));
    format!("/publications?{}", parts.join("&"))
}

#[component]
pub fn CataloguePage() -> impl IntoView {
    let i18n = use_i18n();
    let l = i18n.get_locale_untracked();
    let query = query_from_url();
    let results = Resource::new(query, catalogue);
    let filters = Resource::new(
        || (),
        |_| async {
            Ok::<_, crate::error::AppError>((
                crate::departments::server_fns::public_departments().await?,
                topic_list().await?,
            ))
        },
    );
    view! {
        <Title text=td_string!(l, pubs_title) />
        <h1>{t!(i18n, pubs_title)}</h1>
        <p class="lead">{t!(i18n, pubs_intro)}</p>
        <Suspense fallback=|| ()>
            {move || {
                filters
                    .get()
                    .map(|f| {
                        let (depts, topics) = f.unwrap_or_default();
                        let q = query();
                        let opt = |value: String, text: String, current: &str| {
                            let sel = value == current;
                            view! {
                                <option value=value selected=sel>
                                    {text}
                                </option>
                            }
                        };
                        view! {
                            <form method="get" action="/publications" class="filters" role="search">
                                <div class="field">
                                    <label for="flt-q">{td_string!(l, pubs_filter_q)}</label>
                                    <input id="flt-q" name="q" type="search" value=q.q.clone() />
                                </div>
                                <div class="field">
                                    <label for="flt-department">{td_string!(l, pubs_filter_department)}</label>
                                    <select id="flt-department" name="department">
                                        {opt(String::new(), td_string!(l, pubs_any).into(), &q.department)}
                                        {depts
                                            .into_iter()
                                            .map(|d| opt(d.code.clone(), d.name(l.as_str()).to_string(), &q.department))
                                            .collect_view()}
                                    </select>
                                </div>
                                <div class="field">
                                    <label for="flt-kind">{td_string!(l, pubs_filter_kind)}</label>
                                    <select id="flt-kind" name="kind">
                                        {opt(String::new(), td_string!(l, pubs_any).into(), &q.kind)}
                                        {Kind::ALL
                                            .iter()
                                            .map(|k| opt(k.as_str().into(), labels::kind(l, *k).into(), &q.kind))
                                            .collect_view()}
                                    </select>
                                </div>
                                <div class="field">
                                    <label for="flt-channel">{td_string!(l, pubs_filter_channel)}</label>
                                    <select id="flt-channel" name="channel">
                                        {opt(String::new(), td_string!(l, pubs_any).into(), &q.channel)}
                                        {Channel::ALL
                                            .iter()
                                            .map(|c| opt(c.as_str().into(), labels::channel(l, *c).into(), &q.channel))
                                            .collect_view()}
                                    </select>
                                </div>
                                <div class="field">
                                    <label for="flt-topic">{td_string!(l, pubs_filter_topic)}</label>
                                    <select id="flt-topic" name="topic">
                                        {opt(String::new(), td_string!(l, pubs_any).into(), &q.topic)}
                                        {topics
                                            .into_iter()
                                            .map(|t| {
                                                let name = match l {
                                                    Locale::kk => t.name_kk.clone(),
                                                    Locale::ru => t.name_ru.clone(),
                                                    Locale::en => t.name_en.clone(),
                                                };
                                                opt(t.code.clone(), name, &q.topic)
                                            })
                                            .collect_view()}
                                    </select>
                                </div>
                                <div class="field">
                                    <label for="flt-from">{td_string!(l, pubs_filter_from)}</label>
                                    <input id="flt-from" name="from" type="date" value=q.from.clone() />
                                </div>
                                <div class="field">
                                    <label for="flt-to">{td_string!(l, pubs_filter_to)}</label>
                                    <input id="flt-to" name="to" type="date" value=q.to.clone() />
                                </div>
                                <div class="field">
                                    <label for="flt-sort">{td_string!(l, pubs_filter_sort)}</label>
                                    <select id="flt-sort" name="sort">
                                        {CatalogueSort::ALL
                                            .iter()
                                            .map(|s| {
                                                let chosen = if q.sort.is_empty() { "newest" } else { &q.sort };
                                                opt(s.as_str().into(), labels::sort(l, *s).into(), chosen)
                                            })
                                            .collect_view()}
                                    </select>
                                </div>
                                <div class="form-actions">
                                    <button type="submit" class="primary">
                                        {td_string!(l, pubs_show)}
                                    </button>
                                </div>
                            </form>
                        }
                    })
            }}
        </Suspense>
        <Suspense fallback=move || {
            view! { <p>{t!(i18n, common_loading)}</p> }
        }>
            {move || {
                results
                    .get()
                    .map(|r| match r {
                        Err(e) if e.code == crate::error::ErrorCode::Validation => {
                            view! {
                                <div class="form-errors" role="alert">
                                    {e
                                        .fields
                                        .iter()
                                        .map(|f| view! { <p>{f.field.clone()} ": " {field_message(l, f.code)}</p> })
                                        .collect_view()}
                                </div>
                            }
                                .into_any()
                        }
                        Err(e) => view! { <Refusal error=e /> }.into_any(),
                        Ok(page) if page.items.is_empty() => view! { <p>{td_string!(l, pubs_none)}</p> }.into_any(),
                        Ok(page) => {
                            let q = query();
                            let last = (page.total + page.per_page - 1) / page.per_page;
                            view! {
                                <p class="found">{td_string!(l, pubs_found)} ": " {page.total}</p>
                                <ul class="publications">
                                    {page.items.into_iter().map(|p| view! { <PublicationCard p=p /> }).collect_view()}
                                </ul>
                                <nav class="pager" aria-label=td_string!(l, page_label)>
                                    {(page.page > 1)
                                        .then(|| {
                                            view! {
                                                <a rel="prev" href=page_href(&q, page.page - 1)>
                                                    {td_string!(l, page_prev)}
                                                </a>
                                            }
                                        })}
                                    <span>{td_string!(l, page_label)} " " {page.page} " / " {last.max(1)}</span>
                                    {(page.page < last)
                                        .then(|| {
                                            view! {
                                                <a rel="next" href=page_href(&q, page.page + 1)>
                                                    {td_string!(l, page_next)}
                                                </a>
                                            }
                                        })}
                                </nav>
                            }
                                .into_any()
                        }
                    })
            }}
        </Suspense>
    }
}

/// The publication day in Kazakhstan's time, as the page's language writes it.
fn date(l: Locale, p: &Publication) -> String {
    crate::components::format::local_day(l.as_str(), p.published_at)
}

#[component]
fn PublicationCard(p: Publication) -> impl IntoView {
    let l = use_i18n().get_locale_untracked();
    let href = format!("/publications/{}", p.id);
    let mean = p
        .ratings
        .mean
        .map(|m| number(l.as_str(), m, 1))
        .unwrap_or_else(|| "—".into());
    view! {
        <li class="publication">
            <h2>
                <a href=href>{p.titles.get(l.as_str()).to_string()}</a>
            </h2>
            <p class="meta">
                {labels::kind(l, p.kind)} " · " {labels::channel(l, p.channel)} " · "
                {p.department_names.get(l.as_str()).to_string()} " · "
                <time datetime=p.published_at.to_rfc3339()>{date(l, &p)}</time>
            </p>
            <p class="score">
                <span aria-hidden="true">"★ "</span>
                {td_string!(l, rating_mean)}
                ": "
                {mean}
                " · "
                {td_string!(l, rating_count)}
                ": "
                {p.ratings.count}
            </p>
        </li>
    }
}

#[component]
fn Summary(r: RatingSummary) -> impl IntoView {
    let l = use_i18n().get_locale_untracked();
    if r.count == 0 {
        return view! { <p>{td_string!(l, rating_none)}</p> }.into_any();
    }
    let pct = |n: i64| format!("{} %", number(l.as_str(), r.share(n) * 100.0, 0));
    let tones = [Tone::Positive, Tone::Neutral, Tone::Negative];
    view! {
        <dl class="facts">
            <dt>{td_string!(l, rating_mean)}</dt>
            <dd class="mean">{number(l.as_str(), r.mean.unwrap_or(0.0), 2)}</dd>
            <dt>{td_string!(l, rating_count)}</dt>
            <dd class="count">{r.count}</dd>
        </dl>
        <div class="chart-grid">
            <Chart
                id="ch-stars"
                title=td_string!(l, rating_distribution)
                summary=format!(
                    "{}: {} · {}: {}.",
                    td_string!(l, rating_mean),
                    number(l.as_str(), r.mean.unwrap_or(0.0), 2),
                    td_string!(l, rating_count),
                    r.count,
                )
                label_header=td_string!(l, rating_stars_col)
                labels=(1..=5).rev().map(|s| "★".repeat(s)).collect()
                series=vec![
                    Series {
                        name: td_string!(l, rating_count).to_string(),
                        values: (1..=5).rev().map(|s| Some(r.distribution[s - 1] as f64)).collect(),
                    },
                ]
                kind=ChartKind::Rows
            />
            <Chart
                id="ch-publication-tone"
                title=td_string!(l, rating_tone)
                summary=format!(
                    "{}: {} · {}: {}.",
                    labels::tone(l, Tone::Positive),
                    pct(r.tone.positive),
                    labels::tone(l, Tone::Negative),
                    pct(r.tone.negative),
                )
                label_header=td_string!(l, rating_tone)
                labels=tones.iter().map(|t| labels::tone(l, *t).to_string()).collect()
                keys=tones.iter().map(|t| t.as_str().to_string()).collect()
                series=vec![
                    Series {
                        name: td_string!(l, rating_count).to_string(),
                        values: vec![
                            Some(r.tone.positive as f64),
                            Some(r.tone.neutral as f64),
                            Some(r.tone.negative as f64),
                        ],
                    },
                ]
                kind=ChartKind::Rows
            />
        </div>
        {(!r.by_audience.is_empty())
            .then(|| {
                view! {
                    <div class="table-scroll">
                        <table class="data">
                            <caption>{td_string!(l, rating_by_audience)}</caption>
                            <thead>
                                <tr>
                                    <th scope="col">{td_string!(l, rating_audience_col)}</th>
                                    <th scope="col">{td_string!(l, rating_count)}</th>
                                    <th scope="col">{td_string!(l, rating_mean)}</th>
                                    <th scope="col">{td_string!(l, tone_positive)}</th>
                                    <th scope="col">{td_string!(l, tone_neutral)}</th>
                                    <th scope="col">{td_string!(l, tone_negative)}</th>
                                </tr>
                            </thead>
                            <tbody>
                                {r
                                    .by_audience
                                    .iter()
                                    .map(|a| {
                                        view! {
                                            <tr>
                                                <th scope="row">{labels::audience(l, a.audience)}</th>
                                                <td>{a.count}</td>
                                                <td class="num">
                                                    {a
                                                        .mean
                                                        .map(|m| number(l.as_str(), m, 2))
                                                        .unwrap_or_else(|| "—".into())}
                                                </td>
                                                <td>{a.tone.positive}</td>
                                                <td>{a.tone.neutral}</td>
                                                <td>{a.tone.negative}</td>
                                            </tr>
                                        }
                                    })
                                    .collect_view()}
                            </tbody>
                        </table>
                    </div>
                }
            })}
    }
    .into_any()
}

#[component]
pub fn PublicationPage() -> impl IntoView {
    let i18n = use_i18n();
    let l = i18n.get_locale_untracked();
    let params = use_params_map();
    let query = use_query_map();
    let rate = ServerAction::<Rate>::new();
    let id = move || params.read().get("id").and_then(|s| s.parse::<i64>().ok()).unwrap_or(0);
    let data = Resource::new(move || (id(), rate.version().get()), |(id, _)| load_publication(id));
    let thanked = move || query.read().get("rated").is_some() || matches!(rate.value().get(), Some(Ok(_)));
    view! {
        <Suspense fallback=move || {
            view! { <p>{t!(i18n, common_loading)}</p> }
        }>
            {move || {
                data.get()
                    .map(|r| match r {
                        Err(e) => view! { <Refusal error=e /> }.into_any(),
                        Ok((p, comments, mine)) => {
                            view! {
                                <Title text=p.titles.get(l.as_str()).to_string() />
                                <article class="publication-page">
                                    <h1>{p.titles.get(l.as_str()).to_string()}</h1>
                                    <p class="meta">
                                        {labels::kind(l, p.kind)} " · " {labels::channel(l, p.channel)} " · "
                                        {p.department_names.get(l.as_str()).to_string()} " · "
                                        {td_string!(l, pub_published)} " "
                                        <time datetime=p.published_at.to_rfc3339()>{date(l, &p)}</time>
                                    </p>
                                    <p class="summary">{p.summaries.get(l.as_str()).to_string()}</p>
                                    {p
                                        .url
                                        .clone()
                                        .map(|u| {
                                            view! {
                                                <p>
                                                    <a href=u rel="external noopener">
                                                        {td_string!(l, pub_open_original)}
                                                    </a>
                                                </p>
                                            }
                                        })}
                                </article>
                                <section aria-labelledby="ratings-h">
                                    <h2 id="ratings-h">{td_string!(l, rating_title)}</h2>
                                    <Summary r=p.ratings.clone() />
                                </section>
                                <section id="rate" aria-labelledby="rate-h">
                                    <h2 id="rate-h">{td_string!(l, rate_title)}</h2>
                                    {move || {
                                        thanked()
                                            .then(|| {
                                                view! {
                                                    <p class="notice" role="status">
                                                        {td_string!(l, rate_thanks)}
                                                    </p>
                                                }
                                            })
                                    }}
                                    <RateForm publication_id=p.id mine=mine.clone() action=rate />
                                </section>
                                <section aria-labelledby="comments-h">
                                    <h2 id="comments-h">{td_string!(l, comments_title)}</h2>
                                    {if comments.is_empty() {
                                        view! { <p>{td_string!(l, comments_none)}</p> }.into_any()
                                    } else {
                                        view! {
                                            <ul class="comments">
                                                {comments
                                                    .into_iter()
                                                    .map(|c| {
                                                        view! {
                                                            <li class="comment">
                                                                <p class="meta">
                                                                    {"★".repeat(c.stars as usize)} " · "
                                                                    {labels::tone(l, c.tone)} " · "
                                                                    {labels::audience(l, c.audience)}
                                                                </p>
                                                                <p class="comment-text">{c.text}</p>
                                                            </li>
                                                        }
                                                    })
                                                    .collect_view()}
                                            </ul>
                                        }
                                            .into_any()
                                    }}
                                </section>
                            }
                                .into_any()
                        }
                    })
            }}
        </Suspense>
    }
}

#[component]
fn RateForm(publication_id: i64, mine: Option<RatingInput>, action: ServerAction<Rate>) -> impl IntoView {
    let l = use_i18n().get_locale_untracked();
    let error = action_error(action);
    // After a refused submission (also without JavaScript) the form shows
    // what was sent; otherwise the visitor's current rating.
    let had = mine.is_some();
    let shown = move || {
        error
            .get()
            .and_then(|e| e.input.clone())
            .map(|m| RatingInput {
                stars: m.get("stars").cloned().unwrap_or_default(),
                tone: m.get("tone").cloned().unwrap_or_default(),
                audience: m.get("audience").cloned().unwrap_or_default(),
                comment: m.get("comment").cloned().unwrap_or_default(),
            })
            .or_else(|| mine.clone())
            .unwrap_or_default()
    };
    let msg = move |field: &'static str| {
        move || {
            error.get().and_then(|e| {
                e.field_code(field).map(|c| {
                    view! {
                        <p class="field-error" id=format!("rate-{field}-err")>
                            {field_message(l, c)}
                        </p>
                    }
                })
            })
        }
    };
    let invalid = move |field: &'static str| {
        move || {
            error
                .get()
                .is_some_and(|e| e.field_code(field).is_some())
                .then_some("true")
        }
    };
    view! {
        {had.then(|| view! { <p class="hint">{td_string!(l, rate_yours)}</p> })}
        <FormErrors error=error />
        <ActionForm action=action attr:class="rate-form">
            <input type="hidden" name="publication_id" value=publication_id />
            {move || {
                let s = shown();
                view! {
                    <fieldset
                        class="field stars"
                        aria-invalid=invalid("stars")
                        aria-describedby=move || invalid("stars")().map(|_| "rate-stars-err")
                    >
                        <legend>{td_string!(l, rate_stars)}</legend>
                        {(1..=5)
                            .map(|n| {
                                let v = n.to_string();
                                let checked = s.stars == v;
                                view! {
                                    <label class="choice">
                                        <input type="radio" name="input[stars]" value=v checked=checked />
                                        {n}
                                        " ★"
                                    </label>
                                }
                            })
                            .collect_view()}
                        {msg("stars")}
                    </fieldset>
                    <fieldset class="field" aria-invalid=invalid("tone")>
                        <legend>{td_string!(l, rate_tone)}</legend>
                        {Tone::ALL
                            .iter()
                            .map(|t| {
                                let checked = s.tone == t.as_str();
                                view! {
                                    <label class="choice">
                                        <input type="radio" name="input[tone]" value=t.as_str() checked=checked />
                                        {labels::tone(l, *t)}
                                    </label>
                                }
                            })
                            .collect_view()}
                        {msg("tone")}
                    </fieldset>
                    <div class="field">
                        <label for="rate-audience">{td_string!(l, rate_audience)}</label>
                        <select id="rate-audience" name="input[audience]" aria-invalid=invalid("audience")>
                            {Audience::ALL
                                .iter()
                                .map(|a| {
                                    let sel = s.audience == a.as_str();
                                    view! {
                                        <option value=a.as_str() selected=sel>
                                            {labels::audience(l, *a)}
                                        </option>
                                    }
                                })
                                .collect_view()}
                        </select>
                        {msg("audience")}
                    </div>
                    <div class="field">
                        <label for="rate-comment">{td_string!(l, rate_comment)}</label>
                        <p class="hint" id="rate-comment-hint">
                            {td_string!(l, rate_comment_hint)}
                        </p>
                        <textarea
                            id="rate-comment"
                            name="input[comment]"
                            rows="4"
                            maxlength="2000"
                            aria-describedby="rate-comment-hint"
                            aria-invalid=invalid("comment")
                        >
                            {s.comment.clone()}
                        </textarea>
                        {msg("comment")}
                    </div>
                }
            }}
            <div class="form-actions">
                <button type="submit" class="primary">
                    {td_string!(l, rate_submit)}
                </button>
            </div>
        </ActionForm>
    }
}
