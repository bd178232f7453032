//! The daily media digest (a day or a week, printable, with the morning
//! email subscription) and a CSV import's preview and progress page.

use crate::components::format::{date, number};
use crate::components::forms::{action_error, FormErrors, Refusal};
use crate::i18n::*;
use crate::media::charts::DigestCharts;
use crate::media::labels::{media_type_name, response_status, tone_name};
use crate::media::server_fns::{digest_page, import_view, StartImport, SubscribeDigest};
use crate::media::views::story_table::StoryTable;
use crate::media::DigestLine;
use leptos::prelude::*;
use leptos_meta::{Meta, Title};
use leptos_router::hooks::{use_params_map, use_query_map};

fn line_row(loc: &str, label: String, d: DigestLine) -> impl IntoView {
    let avg = number(loc, d.weekday_average, 1);
    let change = format!("{:+}", d.change_day());
    view! {
        <tr data-key=d.key.clone()>
            <th scope="row">{label}</th>
            <td class="num current">{d.count}</td>
            <td class="num">{d.previous_day} " (" {change} ")"</td>
            <td class="num">{avg}</td>
        </tr>
    }
}

#[component]
pub fn DigestPage() -> impl IntoView {
    let i18n = use_i18n();
    let l = i18n.get_locale_untracked();
    let q = use_query_map();
    let arg = move |k: &str| q.read().get(k).unwrap_or_default();
    let subscribe = ServerAction::<SubscribeDigest>::new();
    let data = Resource::new(
        move || (arg("day"), arg("days"), subscribe.version().get()),
        |(day, days, _)| digest_page(day, if days == "7" { 7 } else { 1 }),
    );
    let sub_error = action_error(subscribe);
    view! {
        <Title text=td_string!(l, media_digest) />
        <Suspense fallback=move || {
            view! { <p>{t!(i18n, common_loading)}</p> }
        }>
            {move || {
                data.get()
                    .map(|r| match r {
                        Err(e) => view! { <Refusal error=e /> }.into_any(),
                        Ok((d, topics)) => {
                            let week = d.days == 7;
                            let topic_label = |code: &str| {
                                topics
                                    .iter()
                                    .find(|t| t.code == code)
                                    .map(|t| crate::publications::labels::topic_name(l, t))
                                    .unwrap_or_else(|| code.to_string())
                            };
                            let heading = if week {
                                format!(
                                    "{} {} – {}",
                                    td_string!(l, media_digest),
                                    date(l.as_str(), d.day - chrono::Duration::days(6)),
                                    date(l.as_str(), d.day),
                                )
                            } else {
                                format!("{} {}", td_string!(l, media_digest), date(l.as_str(), d.day))
                            };
                            let before = if week {
                                td_string!(l, media_period_before)
                            } else {
                                td_string!(l, media_day_before)
                            };
                            let head = move || {
                                view! {
                                    <thead>
                                        <tr>
                                            <th scope="col"></th>
                                            <th scope="col">
                                                {if week {
                                                    td_string!(l, media_week)
                                                } else {
                                                    td_string!(l, media_day)
                                                }}
                                            </th>
                                            <th scope="col">{before}</th>
                                            <th scope="col">
                                                {if week {
                                                    td_string!(l, media_weeks_avg)
                                                } else {
                                                    td_string!(l, media_weekday_avg)
                                                }}
                                            </th>
                                        </tr>
                                    </thead>
                                }
                            };
                            let day_s = d.day.to_string();
                            view! {
                                <h1>{heading}</h1>
                                <form method="get" action="/staff/media/digest" class="filters no-print">
                                    <div class="field">
                                        <label for="dg-day">{td_string!(l, media_date)}</label>
                                        <input id="dg-day" name="day" type="date" value=day_s />
                                    </div>
                                    <div class="field">
                                        <label for="dg-days">{td_string!(l, media_week)}</label>
                                        <select id="dg-days" name="days">
                                            <option value="1" selected=!week>
                                                {td_string!(l, media_day)}
                                            </option>
                                            <option value="7" selected=week>
                                                {td_string!(l, media_week)}
                                            </option>
                                        </select>
                                    </div>
                                    <div class="form-actions">
                                        <button type="submit">{td_string!(l, media_show)}</button>
                                    </div>
                                </form>
                                <div class="no-print">
                                    <FormErrors error=sub_error />
                                    {d
                                        .subscribed
                                        .then(|| view! { <p class="hint">{td_string!(l, media_subscribed)}</p> })}
                                    <ActionForm action=subscribe attr:class="inline">
                                        <input type="hidden" name="on" value=(!d.subscribed).to_string() />
                                        <button type="submit" class="link">
                                            {if d.subscribed {
                                                td_string!(l, media_unsubscribe)
                                            } else {
                                                td_string!(l, media_subscribe)
                                            }}
                                        </button>
                                    </ActionForm>
                                </div>
                                <DigestCharts d=d.clone() />
                                <div class="digest-grid">
                                    <table class="data digest-types">
                                        <caption>{td_string!(l, media_type)}</caption>
                                        {head()}
                                        <tbody>
                                            {line_row(
                                                l.as_str(),
                                                td_string!(l, media_total).to_string(),
                                                d.total.clone(),
                                            )}
                                            {line_row(
                                                l.as_str(),
                                                format!(
                                                    "{} ({} {}, {} {})",
                                                    td_string!(l, digest_stories),
                                                    td_string!(l, digest_new),
                                                    d.new_stories,
                                                    td_string!(l, digest_continuing),
                                                    d.continuing_stories,
                                                ),
                                                d.stories.clone(),
                                            )}
                                            {d
                                                .by_type
                                                .iter()
                                                .map(|x| line_row(
                                                    l.as_str(),
                                                    media_type_name(l, &x.key).to_string(),
                                                    x.clone(),
                                                ))
                                                .collect_view()}
                                        </tbody>
                                    </table>
                                    <table class="data digest-tones">
                                        <caption>{td_string!(l, media_tone)}</caption>
                                        {head()}
                                        <tbody>
                                            {d
                                                .by_tone
                                                .iter()
                                                .map(|x| line_row(
                                                    l.as_str(),
                                                    tone_name(l, &x.key).to_string(),
                                                    x.clone(),
                                                ))
                                                .collect_view()}
                                        </tbody>
                                    </table>
                                    <table class="data">
                                        <caption>{td_string!(l, media_top_topics)}</caption>
                                        <tbody>
                                            {d
                                                .top_topics
                                                .iter()
                                                .map(|(t, n)| {
                                                    view! {
                                                        <tr>
                                                            <th scope="row">{topic_label(t)}</th>
                                                            <td class="num">{*n}</td>
                                                        </tr>
                                                    }
                                                })
                                                .collect_view()}
                                        </tbody>
                                    </table>
                                    <table class="data">
                                        <caption>{td_string!(l, media_top_outlets)}</caption>
                                        <tbody>
                                            {d
                                                .top_outlets
                                                .iter()
                                                .map(|(t, n)| {
                                                    view! {
                                                        <tr>
                                                            <th scope="row">{t.clone()}</th>
                                                            <td class="num">{*n}</td>
                                                        </tr>
                                                    }
                                                })
                                                .collect_view()}
                                        </tbody>
                                    </table>
                                </div>
                                <StoryTable stories=d.story_lines.clone() />
                                <h2>{td_string!(l, media_negative)}</h2>
                                <table class="data digest-negative">
                                    <thead>
                                        <tr>
                                            <th scope="col">{td_string!(l, media_outlet)}</th>
                                            <th scope="col">{td_string!(l, media_headline)}</th>
                                            <th scope="col">{td_string!(l, media_response)}</th>
                                        </tr>
                                    </thead>
                                    <tbody>
                                        {d
                                            .negative
                                            .iter()
                                            .map(|m| {
                                                view! {
                                                    <tr>
                                                        <td>{m.outlet.clone()}</td>
                                                        <td>
                                                            <a href=format!(
                                                                "/staff/media/mentions/{}",
                                                                m.id,
                                                            )>{m.headline.clone()}</a>
                                                        </td>
                                                        <td>{response_status(l, m)}</td>
                                                    </tr>
                                                }
                                            })
                                            .collect_view()}
                                    </tbody>
                                </table>
                                <h2>{td_string!(l, media_own)}</h2>
                                <table class="data">
                                    <thead>
                                        <tr>
                                            <th scope="col">{td_string!(l, media_headline)}</th>
                                            <th scope="col">{td_string!(l, rating_count)}</th>
                                            <th scope="col">{td_string!(l, rating_mean)}</th>
                                        </tr>
                                    </thead>
                                    <tbody>
                                        {d
                                            .publications
                                            .iter()
                                            .map(|p| {
                                                let title = match l {
                                                    Locale::kk => p.titles.kk.clone(),
                                                    Locale::ru => p.titles.ru.clone(),
                                                    _ => p.titles.en.clone(),
                                                };
                                                let mean = number(l.as_str(), p.mean, 1);
                                                view! {
                                                    <tr>
                                                        <th scope="row">
                                                            <a href=format!("/publications/{}", p.id)>{title}</a>
                                                        </th>
                                                        <td class="num">{p.ratings}</td>
                                                        <td class="num">{mean}</td>
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

#[component]
pub fn ImportPage() -> impl IntoView {
    let i18n = use_i18n();
    let l = i18n.get_locale_untracked();
    let params = use_params_map();
    let id = move || params.read().get("id").and_then(|s| s.parse::<i64>().ok()).unwrap_or(0);
    let start = ServerAction::<StartImport>::new();
    let data = Resource::new(move || (id(), start.version().get()), |(id, _)| import_view(id));
    let start_error = action_error(start);
    view! {
        <Title text=td_string!(l, media_import) />
        <p>
            <a href="/staff/media">{td_string!(l, media_back)}</a>
        </p>
        <h1>{td_string!(l, media_import)}</h1>
        <Suspense fallback=move || {
            view! { <p>{t!(i18n, common_loading)}</p> }
        }>
            {move || {
                data.get()
                    .map(|r| match r {
                        Err(e) => view! { <Refusal error=e /> }.into_any(),
                        Ok(v) if v.status == "preview" => {
                            view! {
                                <h2>{td_string!(l, media_preview)} ": " {v.file_name.clone()}</h2>
                                <p class="import-ok">
                                    <strong>{v.valid}</strong>
                                    " "
                                    {td_string!(l, media_lines_ok)}
                                </p>
                                {(!v.errors.is_empty())
                                    .then(|| {
                                        view! {
                                            <table class="data import-errors">
                                                <caption>{td_string!(l, media_lines_bad)}</caption>
                                                <thead>
                                                    <tr>
                                                        <th scope="col">{td_string!(l, media_line)}</th>
                                                        <th scope="col">{td_string!(l, media_field)}</th>
                                                        <th scope="col">{td_string!(l, media_problem)}</th>
                                                    </tr>
                                                </thead>
                                                <tbody>
                                                    {v
                                                        .errors
                                                        .iter()
                                                        .map(|e| {
                                                            view! {
                                                                <tr data-line=e.line>
                                                                    <td class="num">{e.line}</td>
                                                                    <td>{e.field.clone()}</td>
                                                                    <td>{crate::error::messages::field_message(l, e.code)}</td>
                                                                </tr>
                                                            }
                                                        })
                                                        .collect_view()}
                                                </tbody>
                                            </table>
                                        }
                                    })}
                                <table class="data">
                                    <tbody>
                                        {v
                                            .sample
                                            .iter()
                                            .map(|(line, outlet, headline, day, tone)| {
                                                view! {
                                                    <tr>
                                                        <td class="num">{*line}</td>
                                                        <td>{outlet.clone()}</td>
                                                        <td>{headline.clone()}</td>
                                                        <td>{day.clone()}</td>
                                                        <td>{tone_name(l, tone)}</td>
                                                    </tr>
                                                }
                                            })
                                            .collect_view()}
                                    </tbody>
                                </table>
                                <FormErrors error=start_error />
                                {(v.valid > 0)
                                    .then(|| {
                                        view! {
                                            <ActionForm action=start>
                                                <input type="hidden" name="id" value=v.id />
                                                <div class="form-actions">
                                                    <button type="submit" class="primary">
                                                        {td_string!(l, media_import_go)}
                                                        " ("
                                                        {v.valid}
                                                        ")"
                                                    </button>
                                                </div>
                                            </ActionForm>
                                        }
                                    })}
                            }
                                .into_any()
                        }
                        Ok(v) => {
                            let running = v.status == "running";
                            view! {
                                {running.then(|| view! { <Meta http_equiv="refresh" content="2" /> })}
                                <h2>
                                    {if running {
                                        td_string!(l, media_importing)
                                    } else {
                                        td_string!(l, media_imported)
                                    }}
                                </h2>
                                <p>
                                    <label for="import-progress">{td_string!(l, media_progress)}</label>
                                    " "
                                    <progress id="import-progress" max=v.total value=v.done>
                                        {v.done}
                                        " / "
                                        {v.total}
                                    </progress>
                                    " "
                                    <span class="import-count">{v.done} " / " {v.total}</span>
                                </p>
                                <p class="import-done">
                                    {td_string!(l, media_imported)} ": " <strong>{v.imported}</strong>
                                </p>
                            }
                                .into_any()
                        }
                    })
            }}
        </Suspense>
    }
}
