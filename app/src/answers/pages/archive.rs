//! The public answer archive: published answers with the question as it was
//! written minus personal data, searchable by topic, department and words.

use crate::answers::server_fns::answer_archive;
use crate::answers::ArchiveQuery;
use crate::components::forms::Refusal;
use crate::i18n::*;
use crate::platform::url::encode_query_value;
use crate::privacy::views::RedactedText;
use crate::publications::labels::topic_name;
use crate::{components::format::local_time, items::labels::kind_label};
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_query_map;

fn href(q: &ArchiveQuery, page: u32) -> String {
    let mut parts = Vec::new();
    for (k, v) in [("topic", &q.topic), ("department", &q.department), ("q", &q.q)] {
        if !v.is_empty() {
            parts.push(format!("{k}={}", encode_query_value(v)));
        }
    }
    parts.push(format!("page={page}"));
    format!("/answers?{}", parts.join("&"))
}

#[component]
pub fn ArchivePage() -> impl IntoView {
    let i18n = use_i18n();
    let l = i18n.get_locale_untracked();
    let qm = use_query_map();
    let query = move || {
        let q = qm.read();
        ArchiveQuery {
            topic: q.get("topic").unwrap_or_default(),
            department: q.get("department").unwrap_or_default(),
            q: q.get("q").unwrap_or_default(),
            page: q.get("page").and_then(|p| p.parse().ok()).unwrap_or(1),
        }
    };
    let results = Resource::new(query, answer_archive);
    let filters = Resource::new(
        || (),
        |_| async {
            Ok::<_, crate::error::AppError>((
                crate::departments::server_fns::public_departments().await?,
                crate::publications::server_fns::topic_list().await?,
            ))
        },
    );
    view! {
        <Title text=td_string!(l, answers_title) />
        <h1>{td_string!(l, answers_title)}</h1>
        <p class="lead">{td_string!(l, answers_intro)}</p>
        <Suspense fallback=|| ()>
            {move || {
                filters
                    .get()
                    .map(|f| {
                        let (depts, topics) = f.unwrap_or_default();
                        let q = query();
                        view! {
                            <form method="get" action="/answers" class="filters" role="search">
                                <div class="field">
                                    <label for="ar-q">{td_string!(l, pubs_filter_q)}</label>
                                    <input id="ar-q" name="q" type="search" value=q.q.clone() />
                                </div>
                                <div class="field">
                                    <label for="ar-topic">{td_string!(l, item_topic)}</label>
                                    <select id="ar-topic" name="topic">
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
                                    <label for="ar-dept">{td_string!(l, pub_department)}</label>
                                    <select id="ar-dept" name="department">
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
                        Err(e) => view! { <Refusal error=e /> }.into_any(),
                        Ok(p) => {
                            let q = query();
                            let depts = filters.get().and_then(|f| f.ok()).map(|f| f.0).unwrap_or_default();
                            let pages = (p.total + p.per_page as i64 - 1) / p.per_page as i64;
                            let prev = (p.page > 1).then(|| href(&q, p.page - 1));
                            let next = ((p.page as i64) < pages).then(|| href(&q, p.page + 1));
                            view! {
                                <p class="found" role="status">
                                    {td_string!(l, pubs_found)}
                                    ": "
                                    {p.total}
                                </p>
                                {p
                                    .entries
                                    .iter()
                                    .map(|e| {
                                        view! {
                                            <article class="answer-entry">
                                                <h2>
                                                    <span class="tracking-code">{e.tracking_code.clone()}</span>
                                                </h2>
                                                <p class="meta">
                                                    {kind_label(l, e.kind)} " · "
                                                    {e
                                                        .department
                                                        .as_ref()
                                                        .and_then(|code| depts.iter().find(|d| &d.code == code))
                                                        .map(|d| d.name(l.as_str()).to_string())
                                                        .unwrap_or_default()} " · " {local_time(e.received_at)}
                                                </p>
                                                <h3>{td_string!(l, item_question)}</h3>
                                                <RedactedText
                                                    text=e.question.clone()
                                                    class="question-text archive-question"
                                                />
                                                <h3>{td_string!(l, track_answer)}</h3>
                                                <RedactedText text=e.answer.clone() class="answer-text" />
                                                <p class="meta">{local_time(e.answered_at)}</p>
                                            </article>
                                        }
                                    })
                                    .collect_view()}
                                <crate::components::pager::Pager page=p.page pages=pages prev=prev next=next />
                            }
                                .into_any()
                        }
                    })
            }}
        </Suspense>
    }
}
