//! `/admin/mail`: messages waiting, sent and given up, and the failures
//! with their error, so an admin sees mail that does not arrive.

use crate::components::format::local_time;
use crate::components::forms::Refusal;
use crate::i18n::*;
use crate::mail::server_fns::delivery_overview;
use leptos::prelude::*;
use leptos_meta::Title;

#[component]
pub fn MailPage() -> impl IntoView {
    let i18n = use_i18n();
    let l = i18n.get_locale_untracked();
    let data = Resource::new(|| (), |_| delivery_overview());
    view! {
        <Title text=td_string!(l, mail_title) />
        <h1>{td_string!(l, mail_title)}</h1>
        <p class="lead">{td_string!(l, mail_intro)}</p>
        <Suspense fallback=move || {
            view! { <p>{t!(i18n, common_loading)}</p> }
        }>
            {move || {
                data.get()
                    .map(|r| match r {
                        Err(e) => view! { <Refusal error=e /> }.into_any(),
                        Ok(d) => {
                            view! {
                                <dl class="facts">
                                    <dt>{td_string!(l, mail_waiting)}</dt>
                                    <dd class="waiting">{d.waiting}</dd>
                                    <dt>{td_string!(l, mail_sent)}</dt>
                                    <dd class="sent">{d.sent}</dd>
                                    <dt>{td_string!(l, mail_failed)}</dt>
                                    <dd class="failed">{d.failed}</dd>
                                </dl>
                                <h2>{td_string!(l, mail_failures)}</h2>
                                {if d.failures.is_empty() {
                                    view! { <p>{td_string!(l, mail_no_failures)}</p> }.into_any()
                                } else {
                                    view! {
                                        <div class="table-scroll">
                                            <table class="data">
                                                <thead>
                                                    <tr>
                                                        <th scope="col">{td_string!(l, mail_failed_at)}</th>
                                                        <th scope="col">{td_string!(l, mail_to)}</th>
                                                        <th scope="col">{td_string!(l, mail_subject)}</th>
                                                        <th scope="col">{td_string!(l, mail_attempts)}</th>
                                                        <th scope="col">{td_string!(l, mail_error)}</th>
                                                    </tr>
                                                </thead>
                                                <tbody>
                                                    {d
                                                        .failures
                                                        .into_iter()
                                                        .map(|f| {
                                                            view! {
                                                                <tr>
                                                                    <td>{local_time(f.failed_at)}</td>
                                                                    <td>{f.to}</td>
                                                                    <td>{f.subject}</td>
                                                                    <td>{f.attempts}</td>
                                                                    <td class="error-text">{f.error}</td>
                                                                </tr>
                                                            }
                                                        })
                                                        .collect_view()}
                                                </tbody>
                                            </table>
                                        </div>
                                    }
                                        .into_any()
                                }}
                            }
                                .into_any()
                        }
                    })
            }}
        </Suspense>
    }
}
