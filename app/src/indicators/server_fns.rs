//! Server functions behind the public indicators page.

use crate::departments::Department;
use crate::error::AppError;
use crate::indicators::{IndicatorQuery, Indicators, Weeks};
use crate::publications::Topic;
use leptos::prelude::*;

/// The indicators, the weekly series and the filter choices.
#[server(endpoint = "indicators")]
pub async fn indicator_page(q: IndicatorQuery) -> Result<(Indicators, Weeks, Vec<Department>, Vec<Topic>), AppError> {
    let st = crate::platform::state::app_state()?;
    let now = chrono::Utc::now();
    let tz = st.config.tz();
    let kept = st.caches.get::<crate::indicators::public_cache::PublicIndicators>();
    let data = crate::platform::guard::with_status(kept.figures(&st.db, &q, tz, now).await)?;
    let weeks = kept.weeks(&st.db, &q, tz, now).await?;
    Ok((
        data,
        weeks,
        crate::departments::public_choices::public_departments(&st).await?,
        crate::publications::topics::public_topics(&st).await?,
    ))
}

/// The departments and topics the indicator filters offer (for a form sent
/// back with its errors, when there are no figures to show).
#[server(endpoint = "indicator_choices")]
pub async fn indicator_choices() -> Result<(Vec<Department>, Vec<Topic>), AppError> {
    let st = crate::platform::state::app_state()?;
    Ok((
        crate::departments::public_choices::public_departments(&st).await?,
        crate::publications::topics::public_topics(&st).await?,
    ))
}

#[cfg(feature = "ssr")]
use crate::platform::{authz::Action, guard};

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
    let data = guard::with_status(crate::indicators::figures::compute(&st.db, &q, tz, now).await)?;
    let mentions = crate::media::list(&st.db, data.period.from, data.period.to, "negative", 50).await?;
    Ok((
        data,
        crate::indicators::analytics::areas(&st.db, &q, tz, now).await?,
        crate::indicators::analytics::publications(&st.db, &q, tz, now).await?,
        crate::indicators::analytics::ratings(&st.db, &q, negative, page, tz, now).await?,
        crate::departments::list(&st.db, false).await?,
        crate::publications::topics::list(&st.db).await?,
        mentions,
    ))
}
