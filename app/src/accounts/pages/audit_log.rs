//! The admin's audit log: security events filtered by account, event and
//! period (a plain GET form), fifty a page, with the same filter as CSV.

use crate::accounts::audit_fns::audit_log;
use crate::accounts::labels::event_name;
use crate::accounts::AuditFilter;
use crate::components::format::local_time;
use crate::components::forms::Refusal;
use crate::i18n::*;
use crate::platform::audit_event::Event;
use crate::platform::url::encode_query_value;
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_query_map;

fn query_string(f: &AuditFilter, page: Option<u32>) -> String {
    let mut parts = Vec::new();
    for (k, v) in [
        ("account", &f.account),
        ("event", &f.event),
        ("from", &f.from),
        ("to", &f.to),
    ] {
        if !v.is_empty() {
            parts.push(format!("{k}={}", encode_query_value(v)));
        }
    }
    if let Some(p) = page {
        parts.push(format!("page={p}"));
    }
    parts.join("&")
}

#[component]
pub fn AuditPage() -> impl IntoView {
    let i18n = use_i18n();
    let l = i18n.get_locale_untracked();
    let qm = use_query_map();
    let filter = move || {
        let q = qm.read();
        AuditFilter {
            account: q.get("account").unwrap_or_default(),
            event: q.get("event").unwrap_or_default(),
            from: q.get("from").unwrap_or_default(),
            to: q.get("to").unwrap_or_default(),
            page: q.get("page").and_then(|p| p.parse().ok()).unwrap_or(1),
        }
    };
    let data = Resource::new(filter, audit_log);
    let f = filter();
    view! {
        <Title text=td_string!(l, audit_title) />
        <h1>{td_string!(l, audit_title)}</h1>
        <form method="get" action="/admin/audit" class="filters" role="search">
            <div class="field">
                <label for="au-account">{td_string!(l, audit_account)}</label>
                <input id="au-account" name="account" value=f.account.clone() autocomplete="off" />
            </div>
            <div class="field">
                <label for="au-event">{td_string!(l, audit_event)}</label>
                <select id="au-event" name="event">
                    <option value="">{td_string!(l, pubs_any)}</option>
                    {Event::ALL
                        .iter()
                        .map(|e| {
                            let s = e.as_str() == f.event;
                            view! {
                                <option value=e.as_str() selected=s>
                                    {event_name(l, *e)}
                                </option>
                            }
                        })
                        .collect_view()}
                </select>
            </div>
            <div class="field">
                <label for="au-from">{td_string!(l, audit_from)}</label>
                <input id="au-from" name="from" type="date" value=f.from.clone() />
            </div>
            <div class="field">
                <label for="au-to">{td_string!(l, audit_to)}</label>
                <input id="au-to" name="to" type="date" value=f.to.clone() />
            </div>
            <div class="form-actions">
                <button type="submit" class="primary">
                    {td_string!(l, pubs_show)}
                </button>
                <a class="button" href=format!("/admin/audit.csv?{}", query_string(&f, None)) download>
                    {td_string!(l, audit_csv)}
                </a>
            </div>
        </form>
        <Suspense fallback=move || {
            view! { <p>{t!(i18n, common_loading)}</p> }
        }>
            {move || {
                data.get()
                    .map(|r| match r {
                        Err(e) => view! { <Refusal error=e /> }.into_any(),
                        Ok(p) => {
                            let f = filter();
                            let pages = (p.total + i64::from(p.per_page) - 1) / i64::from(p.per_page);
                            let link = |n: u32| format!("/admin/audit?{}", query_string(&f, Some(n)));
                            let prev = (p.page > 1).then(|| link(p.page - 1));
                            let next = (i64::from(p.page) < pages).then(|| link(p.page + 1));
                            view! {
                                <p class="found" role="status">
                                    {td_string!(l, pubs_found)}
                                    ": "
                                    {p.total}
                                </p>
                                <div class="table-scroll">
                                    <table class="data audit">
                                        <thead>
                                            <tr>
                                                <th scope="col">{td_string!(l, audit_at)}</th>
                                                <th scope="col">{td_string!(l, audit_event)}</th>
                                                <th scope="col">{td_string!(l, audit_actor)}</th>
                                                <th scope="col">{td_string!(l, audit_subject)}</th>
                                                <th scope="col">{td_string!(l, audit_detail)}</th>
                                                <th scope="col">{td_string!(l, audit_client)}</th>
                                                <th scope="col">{td_string!(l, audit_agent)}</th>
                                            </tr>
                                        </thead>
                                        <tbody>
                                            {p
                                                .entries
                                                .into_iter()
                                                .map(|e| {
                                                    let name = Event::parse(&e.event)
                                                        .map(|ev| event_name(l, ev).to_string())
                                                        .unwrap_or(e.event.clone());
                                                    view! {
                                                        <tr>
                                                            <td>{local_time(e.at)}</td>
                                                            <td>{name}</td>
                                                            <td>{e.actor.unwrap_or_default()}</td>
                                                            <td>{e.subject.unwrap_or_default()}</td>
                                                            <td>{e.detail}</td>
                                                            <td>{e.client}</td>
                                                            <td>
                                                                {crate::accounts::browser::browser_of(&e.user_agent)}
                                                            </td>
                                                        </tr>
                                                    }
                                                })
                                                .collect_view()}
                                        </tbody>
                                    </table>
                                </div>
                                <crate::components::pager::Pager page=p.page pages=pages prev=prev next=next />
                            }
                                .into_any()
                        }
                    })
            }}
        </Suspense>
    }
}
