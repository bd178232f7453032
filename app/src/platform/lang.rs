//! The language switch that works without JavaScript: `/lang/{code}?next=/path`
//! sets the same cookie the i18n provider reads and sends the visitor back.

use crate::i18n::Locale;
use axum::extract::{Path, Query};
use axum::http::header;
use axum::response::{IntoResponse, Redirect};
use serde::Deserialize;

pub const COOKIE: &str = "i18n_pref_locale";
pub const MAX_AGE_SECS: i64 = 365 * 24 * 3600;

#[derive(Deserialize)]
pub struct Next {
    next: Option<String>,
}

/// Only a path on this site (no open redirect): see [`local_path`].
pub fn safe_next(next: Option<&str>) -> String {
    next.and_then(crate::platform::url::local_path)
        .unwrap_or_else(|| "/".to_string())
}

pub async fn switch(Path(code): Path<String>, Query(q): Query<Next>) -> impl IntoResponse {
    let locale: Locale = code.parse().unwrap_or_default();
    let cookie = format!("{COOKIE}={locale}; Path=/; Max-Age={MAX_AGE_SECS}; SameSite=Lax");
    (
        [(header::SET_COOKIE, cookie)],
        Redirect::to(&safe_next(q.next.as_deref())),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_local_paths_are_followed() {
        assert_eq!(safe_next(Some("/admin/departments?x=1")), "/admin/departments?x=1");
        assert_eq!(safe_next(Some("//evil.example/")), "/");
        assert_eq!(safe_next(None), "/");
    }
}
