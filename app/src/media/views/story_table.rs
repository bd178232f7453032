//! The digest's stories: the most carried stories of the days, each with
//! its mentions, outlets and negative mentions, new or continuing, and the
//! most similar story of the period before.

use crate::i18n::*;
use crate::media::StoryLine;
use leptos::prelude::*;

#[component]
pub fn StoryTable(stories: Vec<StoryLine>) -> impl IntoView {
    let l = use_i18n().get_locale_untracked();
    (!stories.is_empty()).then(|| {
        view! {
            <h2>{td_string!(l, digest_stories)}</h2>
            <table class="data digest-stories">
                <thead>
                    <tr>
                        <th scope="col">{td_string!(l, story_title)}</th>
                        <th scope="col" class="num">
                            {td_string!(l, story_col_mentions)}
                        </th>
                        <th scope="col" class="num">
                            {td_string!(l, story_col_outlets)}
                        </th>
                        <th scope="col" class="num">
                            {td_string!(l, story_col_negative)}
                        </th>
                        <th scope="col">{td_string!(l, story_since)}</th>
                        <th scope="col">{td_string!(l, story_similar_before)}</th>
                    </tr>
                </thead>
                <tbody>
                    {stories
                        .into_iter()
                        .map(|s| {
                            view! {
                                <tr data-story=s.story_id>
                                    <td>
                                        <a href=format!("/staff/media/stories/{}", s.story_id)>{s.headline}</a>
                                    </td>
                                    <td class="num">{s.mentions}</td>
                                    <td class="num">{s.outlets}</td>
                                    <td class="num">{s.negative}</td>
                                    <td>
                                        {if s.continuing {
                                            td_string!(l, digest_continuing)
                                        } else {
                                            td_string!(l, digest_new)
                                        }}
                                    </td>
                                    <td>
                                        {s
                                            .similar_before
                                            .map(|p| {
                                                view! {
                                                    <a href=format!(
                                                        "/staff/media/stories/{}",
                                                        p.story_id,
                                                    )>{p.headline}</a>
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
    })
}
