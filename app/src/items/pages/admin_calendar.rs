//! The calendar admin page: the non-working days and working weekend days of
//! a year, adding and removing them, and importing a year from an .ics file.

use crate::components::forms::{action_error, Field, FormErrors, Refusal, SelectField};
use crate::error::messages::field_message_named;
use crate::i18n::*;
use crate::items::server_fns::{calendar_year, PutCalendarDay, RemoveCalendarDay};
use crate::items::DayKind;
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_query_map;

fn kind_label(l: Locale, kind: DayKind) -> &'static str {
    match kind {
        DayKind::Holiday => td_string!(l, cal_kind_holiday),
        DayKind::DayOff => td_string!(l, cal_kind_day_off),
        DayKind::WorkingDay => td_string!(l, cal_kind_working_day),
    }
}

#[component]
pub fn CalendarPage() -> impl IntoView {
    let i18n = use_i18n();
    let l = i18n.get_locale_untracked();
    let q = use_query_map();
    let year = move || q.read().get("year").and_then(|y| y.parse::<i32>().ok()).unwrap_or(2026);
    let put = ServerAction::<PutCalendarDay>::new();
    let remove = ServerAction::<RemoveCalendarDay>::new();
    let days = Resource::new(
        move || (year(), put.version().get(), remove.version().get()),
        |(y, _, _)| calendar_year(y),
    );
    let put_error = action_error(put);
    let remove_error = action_error(remove);
    let imported = move || {
        let q = q.read();
        match (q.get("imported"), q.get("skipped"), q.get("error")) {
            (_, _, Some(code)) => Some(
                view! {
                    <p class="form-errors" role="alert">
                        {field_message_named(l, &code)}
                    </p>
                }
                .into_any(),
            ),
            (Some(a), Some(s), _) => Some(
                view! {
                    <p class="notice" role="status">
                        {td_string!(l, cal_imported)}
                        ": "
                        {a}
                        " · "
                        {td_string!(l, feed_skipped)}
                        ": "
                        {s}
                    </p>
                }
                .into_any(),
            ),
            _ => None,
        }
    };
    let kinds: Vec<(String, String)> = DayKind::ALL
        .iter()
        .map(|k| (k.as_str().to_string(), kind_label(l, *k).to_string()))
        .collect();
    view! {
        <Title text=td_string!(l, cal_title) />
        <h1>{td_string!(l, cal_title)}</h1>
        <p class="hint">{td_string!(l, cal_intro)}</p>
        <nav class="pager" aria-label=td_string!(l, cal_year)>
            {move || {
                let y = year();
                view! {
                    <a href=format!("/admin/calendar?year={}", y - 1)>{y - 1}</a>
                    <strong>{y}</strong>
                    <a href=format!("/admin/calendar?year={}", y + 1)>{y + 1}</a>
                }
            }}
        </nav>
        {imported}
        <FormErrors error=remove_error />
        <Suspense fallback=move || {
            view! { <p>{t!(i18n, common_loading)}</p> }
        }>
            {move || {
                days.get()
                    .map(|r| match r {
                        Err(e) => view! { <Refusal error=e /> }.into_any(),
                        Ok(list) if list.is_empty() => view! { <p>{td_string!(l, cal_none)}</p> }.into_any(),
                        Ok(list) => {
                            view! {
                                <table class="data">
                                    <thead>
                                        <tr>
                                            <th scope="col">{td_string!(l, cal_day)}</th>
                                            <th scope="col">{td_string!(l, cal_kind)}</th>
                                            <th scope="col">{td_string!(l, cal_name)}</th>
                                            <th scope="col">{td_string!(l, common_actions)}</th>
                                        </tr>
                                    </thead>
                                    <tbody>
                                        {list
                                            .into_iter()
                                            .map(|d| {
                                                view! {
                                                    <tr>
                                                        <td>
                                                            <time datetime=d
                                                                .day
                                                                .to_string()>
                                                                {d.day.format("%Y-%m-%d, %a").to_string()}
                                                            </time>
                                                        </td>
                                                        <td>{kind_label(l, d.kind)}</td>
                                                        <td>{d.name.clone()}</td>
                                                        <td>
                                                            <ActionForm action=remove attr:class="inline">
                                                                <input type="hidden" name="day" value=d.day.to_string() />
                                                                <button type="submit" class="link">
                                                                    {td_string!(l, cal_remove)}
                                                                    <span class="visually-hidden">" " {d.day.to_string()}</span>
                                                                </button>
                                                            </ActionForm>
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
        <section class="narrow" aria-labelledby="cal-add-h">
            <h2 id="cal-add-h">{td_string!(l, cal_add)}</h2>
            <FormErrors error=put_error />
            <ActionForm action=put>
                <Field label=td_string!(l, cal_day) name="day" field="day" kind="date" required=true error=put_error />
                <SelectField
                    label=td_string!(l, cal_kind)
                    name="kind"
                    field="kind"
                    options=kinds
                    selected="holiday"
                    error=put_error
                />
                <Field label=td_string!(l, cal_name) name="name" field="name" error=put_error />
                <div class="form-actions">
                    <button type="submit" class="primary">
                        {td_string!(l, cal_add)}
                    </button>
                </div>
            </ActionForm>
        </section>
        <section class="narrow" aria-labelledby="cal-import-h">
            <h2 id="cal-import-h">{td_string!(l, cal_import_title)}</h2>
            <form method="post" action="/admin/calendar/import" enctype="multipart/form-data">
                <input type="hidden" name="year" value=year />
                <div class="field">
                    <label for="cal-file">{td_string!(l, cal_import_file)}</label>
                    <input id="cal-file" name="file" type="file" accept=".ics,text/calendar" required=true />
                </div>
                <div class="form-actions">
                    <button type="submit">{td_string!(l, cal_import_submit)}</button>
                </div>
            </form>
        </section>
    }
}
