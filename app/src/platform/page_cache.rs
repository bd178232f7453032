//! Public pages kept a moment for visitors who bring nothing of their own.
//!
//! A visitor with no cookie but the language's sees the same home page,
//! catalogue, publication, indicators, answer archive and survey list as
//! every other such visitor, so such a page (its address with its query,
//! in its language) is rendered once and served again until this process
//! commits a write and for two seconds at most, like the figures under it
//! (`read_cache`). Requests that miss together wait for one render. The
//! visitor cookie of someone who rated changes only a publication's page
//! (its form shows their rating): there they get a page rendered for them,
//! and so does a signed-in member of staff everywhere; nothing but a `200`
//! without cookies is kept. Each answer carries its own request's CSP
//! nonce: the kept page's is replaced on the way out.

use crate::platform::read_cache::ReadCache;
use crate::platform::security::CspNonce;
use crate::platform::state::AppState;
use axum::body::{Body, Bytes};
use axum::extract::{Request, State};
use axum::http::{header, HeaderMap, HeaderValue, Method, StatusCode};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use std::time::Duration;

const MAX_AGE: Duration = Duration::from_secs(2);
/// A page larger than this is served but not kept.
const MAX_BYTES: usize = 1 << 20;

/// A rendered page and the CSP nonce it was rendered with.
#[derive(Clone)]
struct KeptPage {
    headers: HeaderMap,
    body: Bytes,
    nonce: String,
}

pub struct PageCache(ReadCache<KeptPage>);

impl Default for PageCache {
    fn default() -> Self {
        PageCache(ReadCache::new(MAX_AGE))
    }
}

/// The public pages that read the same for every visitor without cookies.
pub fn keepable_path(path: &str) -> bool {
    match path {
        "/" | "/publications" | "/indicators" | "/answers" | "/surveys" => true,
        _ => path
            .strip_prefix("/publications/")
            .is_some_and(|id| !id.is_empty() && id.bytes().all(|b| b.is_ascii_digit())),
    }
}

/// Whether the page at `path` shows something of the anonymous visitor's
/// own (a publication's page prefills their earlier rating).
fn reads_the_visitor(path: &str) -> bool {
    path.starts_with("/publications/")
}

/// The language cookie's value when no cookie of the visitor's own comes
/// with the request; `None` when one does (a session, or the visitor cookie
/// on a page that reads it): such a page is theirs alone.
pub fn shared_language(headers: &HeaderMap, path: &str) -> Option<String> {
    let mut language = String::new();
    for value in headers.get_all(header::COOKIE) {
        for pair in value.to_str().ok()?.split(';') {
            let (name, v) = pair.trim().split_once('=').unwrap_or((pair.trim(), ""));
            match name {
                "" => {}
                crate::platform::lang::COOKIE => language = v.to_string(),
                crate::platform::visitor::COOKIE if !reads_the_visitor(path) => {}
                _ => return None,
            }
        }
    }
    Some(language)
}

/// Serves a kept page where one fits, renders (and keeps) it otherwise.
pub async fn serve(State(st): State<AppState>, req: Request, next: Next) -> Response {
    let Some(key) = key_of(&req) else {
        return next.run(req).await;
    };
    let nonce = req
        .extensions()
        .get::<CspNonce>()
        .map(|n| n.0.clone())
        .unwrap_or_default();
    let render = async {
        let res = next.run(req).await;
        let keep = res.status() == StatusCode::OK && !res.headers().contains_key(header::SET_COOKIE);
        if !keep {
            return Err(res);
        }
        let (parts, body) = res.into_parts();
        match axum::body::to_bytes(body, MAX_BYTES).await {
            Ok(body) => Ok(KeptPage {
                headers: parts.headers,
                body,
                nonce: nonce.clone(),
            }),
            Err(e) => {
                tracing::warn!("a public page could not be read to keep: {e}");
                Err(StatusCode::INTERNAL_SERVER_ERROR.into_response())
            }
        }
    };
    match st.caches.get::<PageCache>().0.get_or_read(key, render).await {
        Ok(page) => answer(page, &nonce),
        Err(not_kept) => not_kept,
    }
}

/// The cache key of a request that may be served a kept page.
fn key_of(req: &Request) -> Option<String> {
    let uri = req.uri();
    if req.method() != Method::GET || !keepable_path(uri.path()) {
        return None;
    }
    // A refused form's echo is for the one who sent it.
    if uri.query().is_some_and(|q| q.contains("__err")) {
        return None;
    }
    let language = shared_language(req.headers(), uri.path())?;
    let accepted = req
        .headers()
        .get(header::ACCEPT_LANGUAGE)
        .and_then(|v| v.to_str().ok())
        .unwrap_or("");
    Some(format!("{language}\n{accepted}\n{uri}"))
}

/// The kept page with this request's nonce in place of the one it was rendered with.
fn answer(page: KeptPage, nonce: &str) -> Response {
    let body = if page.nonce.is_empty() || page.nonce == nonce {
        page.body
    } else {
        let html = String::from_utf8_lossy(&page.body);
        Bytes::from(html.replace(&page.nonce, nonce))
    };
    let mut res = Response::new(Body::from(body));
    *res.headers_mut() = page.headers;
    res.headers_mut().remove(header::CONTENT_LENGTH);
    res.headers_mut().insert("x-page", HeaderValue::from_static("kept"));
    res
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_public_reading_pages_are_kept() {
        for kept in [
            "/",
            "/publications",
            "/publications/12",
            "/indicators",
            "/answers",
            "/surveys",
        ] {
            assert!(keepable_path(kept), "{kept}");
        }
        for rendered in [
            "/publications/",
            "/publications/12/x",
            "/publications/abc",
            "/ask",
            "/press",
            "/surveys/3",
            "/track/ABC",
            "/staff",
            "/staff/inbox",
            "/login",
            "/api/v1/publications",
        ] {
            assert!(!keepable_path(rendered), "{rendered}");
        }
    }

    fn cookies(v: &str) -> HeaderMap {
        let mut h = HeaderMap::new();
        h.insert(header::COOKIE, HeaderValue::from_str(v).unwrap());
        h
    }

    #[test]
    fn a_page_is_shared_only_by_visitors_without_cookies_it_reads() {
        let shared = |c: &str, path: &str| shared_language(&cookies(c), path);
        assert_eq!(shared_language(&HeaderMap::new(), "/"), Some(String::new()));
        assert_eq!(shared("i18n_pref_locale=ru", "/publications/3"), Some("ru".into()));
        let rated = "ashyq_visitor=abc; i18n_pref_locale=ru";
        assert_eq!(shared(rated, "/publications/3"), None, "their rating is on it");
        assert_eq!(
            shared(rated, "/indicators"),
            Some("ru".into()),
            "nothing of theirs on it"
        );
        assert_eq!(shared("i18n_pref_locale=en; ashyq_session=x", "/"), None, "signed in");
        assert_eq!(shared("__Host-ashyq_session=x", "/publications"), None, "signed in");
        assert_eq!(shared("other=1", "/"), None, "a cookie we do not know");
    }
}
