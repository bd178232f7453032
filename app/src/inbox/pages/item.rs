//! The staff item page: the request, the submitter (to those who handle it),
//! the timeline with internal notes, and a form for every action the viewer
//! may take. Every form posts and comes back here without JavaScript.

use crate::components::forms::{action_error, Field, FormErrors, Refusal, SelectField, TextArea};
use crate::error::AppError;
use crate::i18n::*;
use crate::inbox::server_fns::{
    load_item, ItemAssign, ItemClaim, ItemClose, ItemExtend, ItemNote, ItemPublish, ItemReassign, ItemRedirect,
    ItemReject, ItemReopen, ItemReply,
};
use crate::inbox::{ItemDetail, OPEN_STATUSES, PLACEHOLDERS};
use crate::items::labels::event_label;
use crate::items::labels::status_label;
use crate::items::Status;
use crate::privacy::views::RedactedText;
use crate::{components::format::local_time, inbox::views::DeadlineBadge, items::labels::kind_label};
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::{use_params_map, use_query_map};

/// The values a refused form sent back, by key.
fn echo(e: Signal<Option<AppError>>, key: &'static str) -> String {
    crate::components::forms::typed_or(e, key, String::new())
}

#[component]
pub fn ItemPage() -> impl IntoView {
    let i18n = use_i18n();
    let l = i18n.get_locale_untracked();
    let params = use_params_map();
    let query = use_query_map();
    let code = move || params.read().get("code").unwrap_or_default();
    let note = ServerAction::<ItemNote>::new();
    let claim = ServerAction::<ItemClaim>::new();
    let assign = ServerAction::<ItemAssign>::new();
    let reassign = ServerAction::<ItemReassign>::new();
    let redirect = ServerAction::<ItemRedirect>::new();
    let reject = ServerAction::<ItemReject>::new();
    let extend = ServerAction::<ItemExtend>::new();
    let reply = ServerAction::<ItemReply>::new();
    let publish = ServerAction::<ItemPublish>::new();
    let close = ServerAction::<ItemClose>::new();
    let reopen = ServerAction::<ItemReopen>::new();
    let versions = move || {
        note.version().get()
            + claim.version().get()
            + assign.version().get()
            + reassign.version().get()
            + redirect.version().get()
            + reject.version().get()
            + extend.version().get()
            + reply.version().get()
            + publish.version().get()
            + close.version().get()
            + reopen.version().get()
    };
    let data = Resource::new(move || (code(), versions()), |(c, _)| load_item(c));
    let errors = (
        action_error(note),
        action_error(claim),
        action_error(assign),
        action_error(reassign),
        action_error(redirect),
        action_error(reject),
    );
    let (note_e, claim_e, assign_e, reassign_e, redirect_e, reject_e) = errors;
    let (extend_e, reply_e, publish_e, close_e, reopen_e) = (
        action_error(extend),
        action_error(reply),
        action_error(publish),
        action_error(close),
        action_error(reopen),
    );
    view! {
        <Title text=td_string!(l, item_page_title) />
        <Suspense fallback=move || {
            view! { <p>{t!(i18n, common_loading)}</p> }
        }>
            {move || {
                data.get()
                    .map(|r| match r {
                        Err(e) => view! { <Refusal error=e /> }.into_any(),
                        Ok((it, canned, depts, topics)) => {
                            let it: ItemDetail = it;
                            let open = OPEN_STATUSES.contains(&it.status);
                            let code = it.tracking_code.clone();
                            let dept = it
                                .department_id
                                .and_then(|d| depts.iter().find(|x| x.id == d))
                                .map(|d| d.name(l.as_str()).to_string())
                                .unwrap_or_else(|| td_string!(l, track_triage).to_string());
                            let topic = topics
                                .iter()
                                .find(|t| t.code == it.topic)
                                .map(|t| crate::publications::labels::topic_name(l, t))
                                .unwrap_or_else(|| it.topic.clone());
                            let chosen = query.read_untracked().get("canned").and_then(|c| c.parse::<i64>().ok());
                            let templates = canned.clone();
                            let reply_text = Signal::derive(move || {
                                let id = query.read().get("canned").and_then(|c| c.parse::<i64>().ok());
                                id.and_then(|id| templates.iter().find(|c| c.id == id))
                                    .map(|c| c.body.clone())
                                    .unwrap_or_else(|| echo(reply_e, "reply"))
                            });
                            let dept_opts: Vec<(String, String)> = depts
                                .iter()
                                .filter(|d| Some(d.id) != it.department_id)
                                .map(|d| (d.id.to_string(), d.name(l.as_str()).to_string()))
                                .collect();
                            let people: Vec<(String, String)> = it
                                .colleagues
                                .iter()
                                .map(|p| (p.id.to_string(), p.name.clone()))
                                .collect();
                            let assignee_sel = it.assignee_id.map(|a| a.to_string()).unwrap_or_default();
                            let answered = it.status == Status::Answered;
                            let may_publish = it.can_publish && it.consent_to_publish && it.answer_text.is_some()
                                && matches!(it.status, Status::Answered | Status::Closed);
                            let published = it.answer_published;
                            // The chosen canned answer (`?canned=`) fills the reply.
                            view! {
                                <p class="meta">
                                    <a href="/staff/inbox">{td_string!(l, inbox_title)}</a>
                                </p>
                                <h1>
                                    <span class="tracking-code">{code.clone()}</span>
                                    " · "
                                    {it.subject.clone()}
                                </h1>
                                <p>
                                    {kind_label(l, it.kind)} " · "
                                    <strong class="status">{status_label(l, it.status)}</strong> " · "
                                    <DeadlineBadge deadline=it.deadline />
                                </p>
                                <dl class="facts">
                                    <dt>{td_string!(l, pub_department)}</dt>
                                    <dd>{dept}</dd>
                                    <dt>{td_string!(l, item_topic)}</dt>
                                    <dd>{topic}</dd>
                                    <dt>{td_string!(l, item_language)}</dt>
                                    <dd>{it.language.clone()}</dd>
                                    <dt>{td_string!(l, track_received)}</dt>
                                    <dd>{local_time(it.received_at)}</dd>
                                    <dt>{td_string!(l, track_due)}</dt>
                                    <dd class="due">
                                        {local_time(it.due_at)}
                                        {it
                                            .extended
                                            .then(|| {
                                                view! {
                                                    " ("
                                                    {td_string!(l, item_extended)}
                                                    ": "
                                                    {it.extension_reason.clone().unwrap_or_default()}
                                                    ")"
                                                }
                                            })}
                                    </dd>
                                    <dt>{td_string!(l, inbox_assignee)}</dt>
                                    <dd class="assignee">{it.assignee.clone().unwrap_or_else(|| "—".into())}</dd>
                                    <dt>{td_string!(l, item_consent_short)}</dt>
                                    <dd>
                                        {if it.consent_to_publish {
                                            td_string!(l, common_yes)
                                        } else {
                                            td_string!(l, common_no)
                                        }}
                                    </dd>
                                    {it
                                        .redirected_to
                                        .clone()
                                        .map(|to| {
                                            view! {
                                                <dt>{td_string!(l, item_redirected_to)}</dt>
                                                <dd>{to}</dd>
                                            }
                                        })}
                                    {it
                                        .status_reason
                                        .clone()
                                        .map(|r| {
                                            view! {
                                                <dt>{td_string!(l, item_reason)}</dt>
                                                <dd>{r}</dd>
                                            }
                                        })}
                                </dl>
                                {it
                                    .submitter_name
                                    .clone()
                                    .map(|name| {
                                        view! {
                                            <section class="submitter" aria-labelledby="sub-h">
                                                <h2 id="sub-h">{td_string!(l, item_submitter)}</h2>
                                                <dl class="facts">
                                                    <dt>{td_string!(l, item_name)}</dt>
                                                    <dd>{name}</dd>
                                                    <dt>{td_string!(l, item_email)}</dt>
                                                    <dd>{it.submitter_email.clone().unwrap_or_default()}</dd>
                                                    {it
                                                        .outlet
                                                        .clone()
                                                        .map(|o| {
                                                            view! {
                                                                <dt>{td_string!(l, item_outlet)}</dt>
                                                                <dd>{o}</dd>
                                                            }
                                                        })}
                                                    {it
                                                        .accreditation
                                                        .clone()
                                                        .map(|o| {
                                                            view! {
                                                                <dt>{td_string!(l, item_accreditation)}</dt>
                                                                <dd>{o}</dd>
                                                            }
                                                        })}
                                                    {it
                                                        .needed_by
                                                        .map(|d| {
                                                            view! {
                                                                <dt>{td_string!(l, item_needed_by)}</dt>
                                                                <dd>{d.to_string()}</dd>
                                                            }
                                                        })}
                                                </dl>
                                            </section>
                                        }
                                    })}
                                <section aria-labelledby="q-h">
                                    <h2 id="q-h">{td_string!(l, item_question)}</h2>
                                    <RedactedText text=it.body.clone() class="question-text" />
                                </section>
                                {it
                                    .answer_text
                                    .clone()
                                    .map(|a| {
                                        view! {
                                            <section aria-labelledby="a-h">
                                                <h2 id="a-h">{td_string!(l, track_answer)}</h2>
                                                <RedactedText text=a class="answer-text" />
                                                <p class="meta">
                                                    {it.answered_at.map(local_time)} " · "
                                                    {if published {
                                                        td_string!(l, item_published)
                                                    } else {
                                                        td_string!(l, item_not_published)
                                                    }}
                                                </p>
                                            </section>
                                        }
                                    })}
                                <FormErrors error=publish_e />
                                {(may_publish || (published && it.can_publish))
                                    .then(|| {
                                        let code = code.clone();
                                        view! {
                                            <section class="narrow" aria-labelledby="pub-h">
                                                <h2 id="pub-h">{td_string!(l, item_archive)}</h2>
                                                {if published {
                                                    view! {
                                                        <ActionForm action=publish>
                                                            <input type="hidden" name="code" value=code.clone() />
                                                            <input type="hidden" name="publish" value="false" />
                                                            <input type="hidden" name="remove" value="" />
                                                            <input type="hidden" name="approved" value="" />
                                                            <button type="submit">
                                                                {td_string!(l, item_unpublish)}
                                                            </button>
                                                        </ActionForm>
                                                    }
                                                        .into_any()
                                                } else {
                                                    view! {
                                                        <p class="hint">{td_string!(l, item_archive_preview)}</p>
                                                        <p>
                                                            <a
                                                                class="button primary"
                                                                href=format!("/staff/items/{code}/publish")
                                                            >
                                                                {td_string!(l, item_publish)}
                                                            </a>
                                                        </p>
                                                    }
                                                        .into_any()
                                                }}
                                            </section>
                                        }
                                    })}
                                {(it.can_answer && open)
                                    .then(|| {
                                        let code = code.clone();
                                        let canned = canned.clone();
                                        view! {
                                            <section class="narrow" aria-labelledby="reply-h">
                                                <h2 id="reply-h">{td_string!(l, item_reply)}</h2>
                                                {(!canned.is_empty())
                                                    .then(|| {
                                                        view! {
                                                            <form method="get" class="inline-form">
                                                                <label for="canned">{td_string!(l, item_canned)}</label>
                                                                <select id="canned" name="canned">
                                                                    {canned
                                                                        .iter()
                                                                        .map(|c| {
                                                                            let s = Some(c.id) == chosen;
                                                                            view! {
                                                                                <option value=c.id selected=s>
                                                                                    {c.title.clone()}
                                                                                </option>
                                                                            }
                                                                        })
                                                                        .collect_view()}
                                                                </select>
                                                                <button type="submit">
                                                                    {td_string!(l, item_canned_use)}
                                                                </button>
                                                            </form>
                                                        }
                                                    })}
                                                <FormErrors error=reply_e />
                                                <ActionForm action=reply>
                                                    <input type="hidden" name="code" value=code.clone() />
                                                    <TextArea
                                                        label=td_string!(l, item_reply_text)
                                                        name="text"
                                                        field="reply"
                                                        error_field="text"
                                                        value=reply_text
                                                        rows=10
                                                        required=true
                                                        hint=format!(
                                                            "{} {}",
                                                            td_string!(l, item_placeholders),
                                                            PLACEHOLDERS.join(" "),
                                                        )
                                                        error=reply_e
                                                    />
                                                    <div class="form-actions">
                                                        <button type="submit" class="primary">
                                                            {td_string!(l, item_send_reply)}
                                                        </button>
                                                    </div>
                                                </ActionForm>
                                            </section>
                                        }
                                    })}
                                {it
                                    .can_answer
                                    .then(|| {
                                        let code = code.clone();
                                        view! {
                                            <section class="narrow" aria-labelledby="note-h">
                                                <h2 id="note-h">{td_string!(l, item_note)}</h2>
                                                <FormErrors error=note_e />
                                                <ActionForm action=note>
                                                    <input type="hidden" name="code" value=code.clone() />
                                                    <TextArea
                                                        label=td_string!(l, item_note_text)
                                                        name="text"
                                                        field="note"
                                                        error_field="text"
                                                        value=echo(note_e, "note")
                                                        rows=3
                                                        hint=td_string!(l, item_note_hint)
                                                        error=note_e
                                                    />
                                                    <div class="form-actions">
                                                        <button type="submit">{td_string!(l, item_add_note)}</button>
                                                    </div>
                                                </ActionForm>
                                            </section>
                                        }
                                    })}
                                {(it.can_answer && open)
                                    .then(|| {
                                        let (c1, c2, c3) = (code.clone(), code.clone(), code.clone());
                                        view! {
                                            <section class="narrow actions" aria-labelledby="act-h">
                                                <h2 id="act-h">{td_string!(l, common_actions)}</h2>
                                                <FormErrors error=claim_e />
                                                <ActionForm action=claim>
                                                    <input type="hidden" name="code" value=c1 />
                                                    <button type="submit">{td_string!(l, item_claim)}</button>
                                                </ActionForm>
                                                <details open=move || redirect_e.get().is_some()>
                                                    <summary>{td_string!(l, item_redirect)}</summary>
                                                    <FormErrors error=redirect_e />
                                                    <ActionForm action=redirect>
                                                        <input type="hidden" name="code" value=c2 />
                                                        <Field
                                                            label=td_string!(l, item_redirect_to)
                                                            name="to"
                                                            field="to"
                                                            value=echo(redirect_e, "to")
                                                            required=true
                                                            error=redirect_e
                                                        />
                                                        <TextArea
                                                            label=td_string!(l, item_reason)
                                                            name="reason"
                                                            field="redirect_reason"
                                                            error_field="reason"
                                                            value=echo(redirect_e, "redirect_reason")
                                                            rows=2
                                                            required=true
                                                            error=redirect_e
                                                        />
                                                        <div class="form-actions">
                                                            <button type="submit">
                                                                {td_string!(l, item_redirect)}
                                                            </button>
                                                        </div>
                                                    </ActionForm>
                                                </details>
                                                <details open=move || reject_e.get().is_some()>
                                                    <summary>{td_string!(l, item_reject)}</summary>
                                                    <FormErrors error=reject_e />
                                                    <ActionForm action=reject>
                                                        <input type="hidden" name="code" value=c3 />
                                                        <TextArea
                                                            label=td_string!(l, item_reason)
                                                            name="reason"
                                                            field="reject_reason"
                                                            error_field="reason"
                                                            rows=2
                                                            required=true
                                                            error=reject_e
                                                        />
                                                        <div class="form-actions">
                                                            <button type="submit">{td_string!(l, item_reject)}</button>
                                                        </div>
                                                    </ActionForm>
                                                </details>
                                            </section>
                                        }
                                    })}
                                {(it.can_supervise && open)
                                    .then(|| {
                                        let (code, c4, c5) = (code.clone(), code.clone(), code.clone());
                                        view! {
                                            <section class="narrow supervise" aria-labelledby="sup-h">
                                                <h2 id="sup-h">{td_string!(l, item_supervise)}</h2>
                                                {(!people.is_empty())
                                                    .then(|| {
                                                        let code = code.clone();
                                                        view! {
                                                            <div class="assign-form">
                                                                <FormErrors error=assign_e />
                                                                <ActionForm action=assign>
                                                                    <input type="hidden" name="code" value=code />
                                                                    <SelectField
                                                                        label=td_string!(l, item_assign_to)
                                                                        name="user_id"
                                                                        field="assignee"
                                                                        options=people
                                                                        selected=assignee_sel
                                                                        error=assign_e
                                                                    />
                                                                    <div class="form-actions">
                                                                        <button type="submit">{td_string!(l, item_assign)}</button>
                                                                    </div>
                                                                </ActionForm>
                                                            </div>
                                                        }
                                                    })}
                                                <details open=move || extend_e.get().is_some()>
                                                    <summary>{td_string!(l, item_extend)}</summary>
                                                    <p class="hint">{td_string!(l, item_extend_hint)}</p>
                                                    <FormErrors error=extend_e />
                                                    <ActionForm action=extend>
                                                        <input type="hidden" name="code" value=c4 />
                                                        <Field
                                                            label=td_string!(l, item_new_due)
                                                            name="new_due"
                                                            field="new_due"
                                                            kind="date"
                                                            value=echo(extend_e, "new_due")
                                                            required=true
                                                            error=extend_e
                                                        />
                                                        <TextArea
                                                            label=td_string!(l, item_reason)
                                                            name="reason"
                                                            field="extend_reason"
                                                            error_field="reason"
                                                            value=echo(extend_e, "extend_reason")
                                                            rows=2
                                                            required=true
                                                            error=extend_e
                                                        />
                                                        <div class="form-actions">
                                                            <button type="submit">{td_string!(l, item_extend)}</button>
                                                        </div>
                                                    </ActionForm>
                                                </details>
                                                <details open=move || reassign_e.get().is_some()>
                                                    <summary>{td_string!(l, item_reassign)}</summary>
                                                    <FormErrors error=reassign_e />
                                                    <ActionForm action=reassign>
                                                        <input type="hidden" name="code" value=c5 />
                                                        <SelectField
                                                            label=td_string!(l, pub_department)
                                                            name="department_id"
                                                            field="department_id"
                                                            options=dept_opts
                                                            error=reassign_e
                                                        />
                                                        <TextArea
                                                            label=td_string!(l, item_reason)
                                                            name="reason"
                                                            field="reassign_reason"
                                                            error_field="reason"
                                                            value=echo(reassign_e, "reassign_reason")
                                                            rows=2
                                                            required=true
                                                            error=reassign_e
                                                        />
                                                        <div class="form-actions">
                                                            <button type="submit">
                                                                {td_string!(l, item_reassign)}
                                                            </button>
                                                        </div>
                                                    </ActionForm>
                                                </details>
                                            </section>
                                        }
                                    })}
                                {(it.can_answer && answered)
                                    .then(|| {
                                        let code = code.clone();
                                        // One root: leptos 0.8 panicked unmounting an optional
                                        // fragment whose first root is a reactive closure.
                                        view! {
                                            <div class="close-form">
                                                <FormErrors error=close_e />
                                                <ActionForm action=close>
                                                    <input type="hidden" name="code" value=code />
                                                    <button type="submit">{td_string!(l, item_close)}</button>
                                                </ActionForm>
                                            </div>
                                        }
                                    })}
                                {(it.can_answer && !open)
                                    .then(|| {
                                        let code = code.clone();
                                        view! {
                                            <details class="narrow" open=move || reopen_e.get().is_some()>
                                                <summary>{td_string!(l, item_reopen)}</summary>
                                                <FormErrors error=reopen_e />
                                                <ActionForm action=reopen>
                                                    <input type="hidden" name="code" value=code />
                                                    <TextArea
                                                        label=td_string!(l, item_reason)
                                                        name="reason"
                                                        field="reopen_reason"
                                                        error_field="reason"
                                                        rows=2
                                                        required=true
                                                        error=reopen_e
                                                    />
                                                    <div class="form-actions">
                                                        <button type="submit">{td_string!(l, item_reopen)}</button>
                                                    </div>
                                                </ActionForm>
                                            </details>
                                        }
                                    })}
                                <section aria-labelledby="tl-h">
                                    <h2 id="tl-h">{td_string!(l, item_timeline)}</h2>
                                    <ol class="timeline">
                                        {it
                                            .events
                                            .iter()
                                            .map(|e| {
                                                view! {
                                                    <li class:internal=e.internal>
                                                        <time>{local_time(e.at)}</time>
                                                        " · "
                                                        <strong>{event_label(l, &e.kind)}</strong>
                                                        {e
                                                            .internal
                                                            .then(|| {
                                                                view! {
                                                                    " "
                                                                    <span class="badge internal">
                                                                        {td_string!(l, item_internal)}
                                                                    </span>
                                                                }
                                                            })}
                                                        {e
                                                            .actor
                                                            .clone()
                                                            .map(|a| {
                                                                view! {
                                                                    " · "
                                                                    <span class="actor">{a}</span>
                                                                }
                                                            })}
                                                        {(!e.detail.is_empty())
                                                            .then(|| {
                                                                view! { <p class="detail">{e.detail.clone()}</p> }
                                                            })}
                                                    </li>
                                                }
                                            })
                                            .collect_view()}
                                    </ol>
                                </section>
                            }
                                .into_any()
                        }
                    })
            }}
        </Suspense>
    }
}
