//! The server function behind the public archive page.

use crate::answers::{ArchivePage, ArchiveQuery};
use crate::error::AppError;
use leptos::prelude::*;

/// The public archive of published answers.
#[server(endpoint = "answers")]
pub async fn answer_archive(q: ArchiveQuery) -> Result<ArchivePage, AppError> {
    let st = crate::platform::state::app_state()?;
    crate::answers::list(&st.db, &q).await
}
