//! On a mention's page, what the press monitor knows of it (source, query,
//! language, excerpt, the story it belongs to) and the tone: a suggested
//! tone shows the words that decided it, and staff confirm or correct it.

use crate::components::forms::{action_error, FormErrors, SelectField};
use crate::i18n::*;
use crate::media::labels::tone_name;
use crate::media::sources::server_fns::ConfirmTone;
use crate::media::MentionRow;
use crate::publications::Tone;
use leptos::prelude::*;

#[component]
pub fn FoundBy(m: MentionRow, confirm: ServerAction<ConfirmTone>) -> impl IntoView {
    let i18n = use_i18n();
    let l = i18n.get_locale_untracked();
    let error = action_error(confirm);
    let tone_opts: Vec<(String, String)> = Tone::ALL
        .iter()
        .map(|t| (t.as_str().to_string(), tone_name(l, t.as_str()).to_string()))
        .collect();
    let language = match m.language.as_str() {
        "kk" => "Қазақша",
        "ru" => "Русский",
        "en" => "English",
        _ => "—",
    };
    view! {
        {m
            .source
            .clone()
            .map(|source| {
                view! {
                    <section aria-labelledby="found-h">
                        <h2 id="found-h">{td_string!(l, media_found_by)}</h2>
                        <dl class="facts">
                            <dt>{td_string!(l, media_source)}</dt>
                            <dd>{source}</dd>
                            <dt>{td_string!(l, q_query)}</dt>
                            <dd>
                                {match m.query.as_deref() {
                                    Some(crate::media::sources::OWN_NAMES) => td_string!(l, q_own_names).to_string(),
                                    other => other.unwrap_or_default().to_string(),
                                }}
                            </dd>
                            <dt>{td_string!(l, src_language)}</dt>
                            <dd>{language}</dd>
                            <dt>{td_string!(l, media_excerpt)}</dt>
                            <dd class="excerpt">{m.excerpt.clone()}</dd>
                            <dt>{td_string!(l, story_title)}</dt>
                            <dd>
                                <a href=format!(
                                    "/staff/media/stories/{}",
                                    m.story_id.unwrap_or_default(),
                                )>{td_string!(l, story_mentions)} " " {m.story_mentions}</a>
                            </dd>
                        </dl>
                    </section>
                }
            })}
        <section class="narrow" aria-labelledby="tone-h">
            <h2 id="tone-h">{td_string!(l, media_tone)}</h2>
            {if m.tone_suggested {
                view! {
                    <p class="notice suggested-tone" role="note">
                        {td_string!(l, media_tone_suggested)}
                        " "
                        <strong>{tone_name(l, &m.tone)}</strong>
                        {(!m.tone_words.is_empty())
                            .then(|| {
                                view! {
                                    " · "
                                    {td_string!(l, media_tone_words)}
                                    " "
                                    <q>{m.tone_words.clone()}</q>
                                }
                            })}
                    </p>
                }
                    .into_any()
            } else {
                view! { <p>{tone_name(l, &m.tone)} " · " {td_string!(l, media_tone_confirmed)}</p> }.into_any()
            }}
            <FormErrors error=error />
            <ActionForm action=confirm>
                <input type="hidden" name="id" value=m.id />
                <SelectField
                    label=td_string!(l, media_tone)
                    name="tone"
                    field="tone"
                    options=tone_opts
                    selected=m.tone.clone()
                    error=error
                />
                <div class="form-actions">
                    <button type="submit" class="primary">
                        {td_string!(l, media_confirm_tone)}
                    </button>
                </div>
            </ActionForm>
        </section>
    }
}
