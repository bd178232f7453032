//! Server functions behind the public indicators page.

use crate::catalogue::Topic;
use crate::error::AppError;
use crate::indicators::{IndicatorQuery, Indicators, WeekPoint};
use crate::model::Department;
use leptos::prelude::*;

/// The indicators, the weekly series and the filter choices.
#[server(endpoint = "indicators")]
pub async fn indicator_page(
    q: IndicatorQuery,
) -> Result<(Indicators, Vec<WeekPoint>, Vec<Department>, Vec<Topic>), AppError> {
    let st = crate::ssr::state::app_state()?;
    let now = chrono::Utc::now();
    let tz = st.config.tz();
    let data = crate::ssr::guard::with_status(crate::ssr::indicator_data::compute(&st.db, &q, tz, now).await)?;
    let weeks = crate::ssr::indicator_data::weekly(&st.db, &q, tz, now).await?;
    Ok((
        data,
        weeks,
        crate::ssr::departments::list(&st.db, false).await?,
        crate::ssr::topics::list(&st.db).await?,
    ))
}

/// The departments and topics the indicator filters offer (for a form sent
/// back with its errors, when there are no figures to show).
#[server(endpoint = "indicator_choices")]
pub async fn indicator_choices() -> Result<(Vec<Department>, Vec<Topic>), AppError> {
    let st = crate::ssr::state::app_state()?;
    Ok((
        crate::ssr::departments::list(&st.db, false).await?,
        crate::ssr::topics::list(&st.db).await?,
    ))
}

#[cfg(feature = "ssr")]
use crate::ssr::{authz::Action, guard};

/// The official channels for the admin page.
#[server(endpoint = "admin/channels")]
pub async fn channel_list() -> Result<Vec<crate::indicators::OfficialChannel>, AppError> {
    let (st, _) = guard::require(Action::ManageChannels).await?;
    crate::ssr::channels::list(&st.db, chrono::Utc::now()).await
}

#[server(endpoint = "admin/channels_add")]
pub async fn add_channel(input: crate::indicators::ChannelInput) -> Result<(), AppError> {
    let (st, _) = guard::require(Action::ManageChannels).await?;
    crate::ssr::channels::add(&st.db, &input, chrono::Utc::now())
        .await
        .map(|_| ())
        .map_err(|e| e.with_input(&input))
}

#[server(endpoint = "admin/channels_remove")]
pub async fn remove_channel(id: i64) -> Result<(), AppError> {
    let (st, _) = guard::require(Action::ManageChannels).await?;
    crate::ssr::channels::remove(&st.db, id).await
}

/// The staff analytics page: the indicators in full, the departments (or a
/// department's topics), the most rated publications, and the ratings behind
/// the figures (`negative` for a problem area's).
#[server(endpoint = "staff/analytics")]
pub async fn analytics_page(
    q: IndicatorQuery,
    negative: bool,
    page: u32,
) -> Result<
    (
        Indicators,
        Vec<crate::indicators::AreaRow>,
        Vec<crate::indicators::PublicationRow>,
        Vec<crate::indicators::RatingRow>,
        Vec<Department>,
        Vec<Topic>,
        Vec<crate::media::MentionRow>,
    ),
    AppError,
> {
    let (st, _) = guard::require(Action::ReadAnalytics).await?;
    let (now, tz) = (chrono::Utc::now(), st.config.tz());
    let data = guard::with_status(crate::ssr::indicator_data::compute(&st.db, &q, tz, now).await)?;
    let mentions = crate::ssr::media::list(&st.db, data.period.from, data.period.to, "negative", 50).await?;
    Ok((
        data,
        crate::ssr::analytics::areas(&st.db, &q, tz, now).await?,
        crate::ssr::analytics::publications(&st.db, &q, tz, now).await?,
        crate::ssr::analytics::ratings(&st.db, &q, negative, page, tz, now).await?,
        crate::ssr::departments::list(&st.db, false).await?,
        crate::ssr::topics::list(&st.db).await?,
        mentions,
    ))
}
