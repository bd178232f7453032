//! The server function behind the admins' delivery page.

use crate::error::AppError;
use crate::mail::MailDelivery;
use leptos::prelude::*;

#[cfg(feature = "ssr")]
use crate::platform::{authz::Action, guard};

#[server(endpoint = "admin/mail")]
pub async fn delivery_overview() -> Result<MailDelivery, AppError> {
    let (st, _) = guard::require(Action::SeeMailDelivery).await?;
    crate::mail::delivery(&st.db).await
}
