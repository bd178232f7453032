//! Server functions behind the official channels admin page.

use crate::error::AppError;
use leptos::prelude::*;

#[cfg(feature = "ssr")]
use crate::platform::{authz::Action, guard};

/// The official channels for the admin page.
#[server(endpoint = "admin/channels")]
pub async fn channel_list() -> Result<Vec<crate::channels::OfficialChannel>, AppError> {
    let (st, _) = guard::require(Action::ManageChannels).await?;
    crate::channels::list(&st.db, chrono::Utc::now()).await
}

#[server(endpoint = "admin/channels_add")]
pub async fn add_channel(input: crate::channels::ChannelInput) -> Result<(), AppError> {
    let (st, _) = guard::require(Action::ManageChannels).await?;
    crate::channels::add(&st.db, &input, chrono::Utc::now())
        .await
        .map(|_| ())
        .map_err(|e| e.with_input(&input))
}

#[server(endpoint = "admin/channels_remove")]
pub async fn remove_channel(id: i64) -> Result<(), AppError> {
    let (st, _) = guard::require(Action::ManageChannels).await?;
    crate::channels::remove(&st.db, id).await
}
