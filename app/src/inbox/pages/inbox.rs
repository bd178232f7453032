//! The staff inbox: filters (a plain GET form), counts per filter as links,
//! the items soonest due first with their deadline badges, and paging.

use crate::components::format::local_time;
use crate::components::forms::Refusal;
use crate::i18n::*;
use crate::inbox::server_fns::inbox;
use crate::inbox::views::DeadlineBadge;
use crate::inbox::InboxQuery;
use crate::items::labels::kind_label;
use crate::items::labels::status_label;
use crate::platform::url::encode_query_value;
use crate::publications::labels::topic_name;
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_query_map;

fn query_from_url() -> impl Fn() -> InboxQuery + Copy {
    let q = use_query_map();
    move || {
        let q = q.read();
        let s = |k: &str| q.get(k).unwrap_or_default();
        let on = |k: &str| matches!(q.get(k).as_deref(), Some("1" | "true" | "on"));
        InboxQuery {
            status: s("status"),
            kind: s("kind"),
            department: s("department"),
            assignee: s("assignee"),
            mine: on("mine"),
            overdue: on("overdue"),
            due_soon: on("due_soon"),
            topic: s("topic"),
            q: s("q"),
            sort: s("sort"),
            page: q.get("page").and_then(|p| p.parse().ok()).unwrap_or(1),
        }
    }
}

/// The address of the inbox with `q`.
pub fn inbox_href(q: &InboxQuery) -> String {
    let mut parts = Vec::new();
    for (k, v) in [
        ("status", &q.status),
        ("kind", &q.kind),
        ("department", &q.department),
        ("assignee", &q.assignee),
        ("topic", &q.topic),
        ("q", &q.q),
        ("sort", &q.sort),
    ] {
        if !v.is_empty() {
            parts.push(format!("{k}={}", encode_query_value(v)));
        }
    }
    for (k, v) in [("mine", q.mine), ("overdue", q.overdue), ("due_soon", q.due_soon)] {
        if v {
            parts.push(format!("{k}=1"));
        }
    }
    if q.page > 1 {
        parts.push(format!("page={}", q.page));
    }
    if parts.is_empty() {
        "/staff/inbox".into()
    } else {
        format!("/staff/inbox?{}", parts.join("&"))
    }
}

#[component]
pub fn InboxPage() -> impl IntoView {
    let i18n = use_i18n();
    let l = i18n.get_locale_untracked();
    let query = query_from_url();
    let data = Resource::new(query, inbox);
    view! {
        <Title text=td_string!(l, inbox_title) />
        <h1>{td_string!(l, inbox_title)}</h1>
        <Suspense fallback=move || {
            view! { <p>{t!(i18n, common_loading)}</p> }
        }>
            {move || {
                data.get()
                    .map(|r| match r {
                        Err(e) => view! { <Refusal error=e /> }.into_any(),
                        Ok((page, depts, topics)) => {
                            let q = query();
                            let c = page.counts.clone();
                            let link = |label: &'static str, n: i64, f: &dyn Fn(&mut InboxQuery)| {
                                let mut x = InboxQuery::default();
                                f(&mut x);
                                let active = x == InboxQuery { page: 0, ..q.clone() }
                                    || x == InboxQuery { page: 1, ..q.clone() };
                                view! {
                                    <li>
                                        <a href=inbox_href(&x) aria-current=active.then_some("page")>
                                            {label}
                                            " "
                                            <span class="count">{n}</span>
                                        </a>
                                    </li>
                                }
                            };
                            let dept_name = |id: Option<i64>| match id {
                                Some(id) => {
                                    depts
                                        .iter()
                                        .find(|d| d.id == id)
                                        .map(|d| d.name(l.as_str()).to_string())
                                        .unwrap_or_default()
                                }
                                None => td_string!(l, track_triage).to_string(),
                            };
                            let sel = |v: &str, cur: &str| v == cur;
                            let statuses = crate::items::Status::ALL;
                            let pages = (page.total + page.per_page as i64 - 1) / page.per_page as i64;
                            let prev = (page.page > 1)
                                .then(|| inbox_href(
                                    &InboxQuery {
                                        page: page.page - 1,
                                        ..q.clone()
                                    },
                                ));
                            let next = ((page.page as i64) < pages)
                                .then(|| inbox_href(
                                    &InboxQuery {
                                        page: page.page + 1,
                                        ..q.clone()
                                    },
                                ));
                            view! {
                                <nav aria-label=td_string!(l, inbox_quick)>
                                    <ul class="chips">
                                        {link(td_string!(l, inbox_status_open), c.open, &|_| {})}
                                        {link(td_string!(l, inbox_mine), c.mine, &|x| x.mine = true)}
                                        {link(td_string!(l, inbox_overdue), c.overdue, &|x| x.overdue = true)}
                                        {link(td_string!(l, inbox_due_soon), c.due_soon, &|x| x.due_soon = true)}
                                        {link(td_string!(l, item_status_new), c.new, &|x| x.status = "new".into())}
                                        {link(
                                            td_string!(l, item_status_in_progress),
                                            c.in_progress,
                                            &|x| x.status = "in_progress".into(),
                                        )}
                                        {link(
                                            td_string!(l, item_status_answered),
                                            c.answered,
                                            &|x| x.status = "answered".into(),
                                        )}
                                        {(c.triage > 0)
                                            .then(|| link(
                                                td_string!(l, track_triage),
                                                c.triage,
                                                &|x| x.department = "triage".into(),
                                            ))}
                                    </ul>
                                </nav>
                                <form method="get" action="/staff/inbox" class="filters" role="search">
                                    <div class="field">
                                        <label for="in-q">{td_string!(l, inbox_q)}</label>
                                        <input id="in-q" name="q" type="search" value=q.q.clone() />
                                    </div>
                                    <div class="field">
                                        <label for="in-status">{td_string!(l, common_status)}</label>
                                        <select id="in-status" name="status">
                                            <option value="open" selected=sel("open", &q.status) || q.status.is_empty()>
                                                {td_string!(l, inbox_status_open)}
                                            </option>
                                            <option value="all" selected=sel("all", &q.status)>
                                                {td_string!(l, inbox_status_all)}
                                            </option>
                                            {statuses
                                                .iter()
                                                .map(|s| {
                                                    view! {
                                                        <option value=s.as_str() selected=sel(s.as_str(), &q.status)>
                                                            {status_label(l, *s)}
                                                        </option>
                                                    }
                                                })
                                                .collect_view()}
                                        </select>
                                    </div>
                                    <div class="field">
                                        <label for="in-kind">{td_string!(l, pub_kind)}</label>
                                        <select id="in-kind" name="kind">
                                            <option value="">{td_string!(l, pubs_any)}</option>
                                            <option value="question" selected=sel("question", &q.kind)>
                                                {td_string!(l, kind_question)}
                                            </option>
                                            <option value="press_query" selected=sel("press_query", &q.kind)>
                                                {td_string!(l, kind_press_query)}
                                            </option>
                                            <option value="media_response" selected=sel("media_response", &q.kind)>
                                                {td_string!(l, media_task)}
                                            </option>
                                        </select>
                                    </div>
                                    <div class="field">
                                        <label for="in-dept">{td_string!(l, pub_department)}</label>
                                        <select id="in-dept" name="department">
                                            <option value="">{td_string!(l, pubs_any)}</option>
                                            <option value="triage" selected=sel("triage", &q.department)>
                                                {td_string!(l, track_triage)}
                                            </option>
                                            {depts
                                                .iter()
                                                .map(|d| {
                                                    let v = d.id.to_string();
                                                    let s = v == q.department;
                                                    view! {
                                                        <option value=v selected=s>
                                                            {d.name(l.as_str()).to_string()}
                                                        </option>
                                                    }
                                                })
                                                .collect_view()}
                                        </select>
                                    </div>
                                    <div class="field">
                                        <label for="in-topic">{td_string!(l, item_topic)}</label>
                                        <select id="in-topic" name="topic">
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
                                        <label for="in-sort">{td_string!(l, pubs_filter_sort)}</label>
                                        <select id="in-sort" name="sort">
                                            <option value="due">{td_string!(l, inbox_sort_due)}</option>
                                            <option value="received" selected=sel("received", &q.sort)>
                                                {td_string!(l, inbox_sort_received)}
                                            </option>
                                        </select>
                                    </div>
                                    <fieldset class="field checks">
                                        <legend class="visually-hidden">{td_string!(l, inbox_quick)}</legend>
                                        <label class="choice">
                                            <input type="checkbox" name="mine" value="1" checked=q.mine />
                                            {td_string!(l, inbox_mine)}
                                        </label>
                                        <label class="choice">
                                            <input type="checkbox" name="overdue" value="1" checked=q.overdue />
                                            {td_string!(l, inbox_overdue)}
                                        </label>
                                        <label class="choice">
                                            <input type="checkbox" name="due_soon" value="1" checked=q.due_soon />
                                            {td_string!(l, inbox_due_soon)}
                                        </label>
                                    </fieldset>
                                    <div class="form-actions">
                                        <button type="submit" class="primary">
                                            {td_string!(l, pubs_show)}
                                        </button>
                                    </div>
                                </form>
                                <p class="found" role="status">
                                    {td_string!(l, pubs_found)}
                                    ": "
                                    {page.total}
                                </p>
                                {if page.rows.is_empty() {
                                    view! { <p>{td_string!(l, inbox_empty)}</p> }.into_any()
                                } else {
                                    view! {
                                        <table class="data inbox">
                                            <thead>
                                                <tr>
                                                    <th scope="col">{td_string!(l, track_code)}</th>
                                                    <th scope="col">{td_string!(l, item_subject)}</th>
                                                    <th scope="col">{td_string!(l, common_status)}</th>
                                                    <th scope="col">{td_string!(l, pub_department)}</th>
                                                    <th scope="col">{td_string!(l, inbox_assignee)}</th>
                                                    <th scope="col">{td_string!(l, track_due)}</th>
                                                    <th scope="col">{td_string!(l, inbox_deadline)}</th>
                                                </tr>
                                            </thead>
                                            <tbody>
                                                {page
                                                    .rows
                                                    .iter()
                                                    .map(|r| {
                                                        view! {
                                                            <tr>
                                                                <td>
                                                                    <a
                                                                        href=format!("/staff/items/{}", r.tracking_code)
                                                                        class="tracking-code"
                                                                    >
                                                                        {r.tracking_code.clone()}
                                                                    </a>
                                                                    <br />
                                                                    <span class="meta">{kind_label(l, r.kind)}</span>
                                                                </td>
                                                                <td>{r.subject.clone()}</td>
                                                                <td>{status_label(l, r.status)}</td>
                                                                <td>{dept_name(r.department_id)}</td>
                                                                <td>
                                                                    {r.assignee.clone().unwrap_or_else(|| "—".into())}
                                                                </td>
                                                                <td>{local_time(r.due_at)}</td>
                                                                <td>
                                                                    <DeadlineBadge deadline=r.deadline />
                                                                </td>
                                                            </tr>
                                                        }
                                                    })
                                                    .collect_view()}
                                            </tbody>
                                        </table>
                                    }
                                        .into_any()
                                }}
                                <crate::components::pager::Pager page=page.page pages=pages prev=prev next=next />
                            }
                                .into_any()
                        }
                    })
            }}
        </Suspense>
    }
}
