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
