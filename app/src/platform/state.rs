//! The state every handler and server function shares.

use crate::platform::config::Config;
use crate::platform::db::Db;
use crate::platform::mailer::Mailer;
use axum::extract::FromRef;
use leptos::config::LeptosOptions;
use std::sync::Arc;

#[derive(Clone)]
pub struct AppState {
    pub db: Db,
    /// Anonymous writes that share one durable commit (ratings).
    pub writes: crate::platform::group_commit::GroupCommit,
    pub config: Arc<Config>,
    pub mailer: Mailer,
    pub leptos_options: LeptosOptions,
    /// Costly public reads kept a moment (the indicators, the filters'
    /// departments and topics), one cache per type.
    pub caches: Arc<crate::platform::read_cache::Caches>,
}

impl FromRef<AppState> for LeptosOptions {
    fn from_ref(s: &AppState) -> Self {
        s.leptos_options.clone()
    }
}

/// The state inside a server function or an SSR render.
pub fn app_state() -> Result<AppState, crate::error::AppError> {
    leptos::prelude::use_context::<AppState>()
        .ok_or_else(|| crate::error::AppError::internal("AppState missing from context"))
}
