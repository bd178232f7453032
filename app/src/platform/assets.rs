//! The built site's scripts, styles and wasm, addressed by a hash of their
//! content (`/v/{hash}/pkg/ashyq.css`) so a browser keeps them for a year and
//! a new build is fetched by its new address. They are served outside the
//! session, cookie and CSP layers: a file needs none of them.

use axum::extract::{Path, Request};
use axum::http::{header, HeaderValue};
use axum::response::{IntoResponse, Response};
use sha2::{Digest, Sha256};
use std::sync::OnceLock;
use tower::ServiceExt;

/// A year, and never revalidated: the address changes with the content.
pub const IMMUTABLE: &str = "public, max-age=31536000, immutable";

static VERSION: OnceLock<String> = OnceLock::new();

/// The short hash of the bundle's files in `pkg_dir` (the `.css`, `.js` and
/// `.wasm` files), read once per process.
pub fn version(pkg_dir: &str) -> &'static str {
    VERSION.get_or_init(|| {
        let mut files: Vec<_> = std::fs::read_dir(pkg_dir)
            .map(|d| d.filter_map(Result::ok).map(|e| e.path()).collect())
            .unwrap_or_default();
        files.retain(|p| {
            p.extension()
                .and_then(|e| e.to_str())
                .is_some_and(|e| matches!(e, "css" | "js" | "wasm"))
        });
        files.sort();
        let mut h = Sha256::new();
        for f in &files {
            h.update(f.file_name().map(|n| n.as_encoded_bytes()).unwrap_or_default());
            h.update(std::fs::read(f).unwrap_or_default());
        }
        hex::encode(h.finalize())[..12].to_string()
    })
}

/// The prefix pages put before `/pkg/…` (for the hydration scripts and the
/// stylesheet).
pub fn root(pkg_dir: &str) -> String {
    format!("/v/{}", version(pkg_dir))
}

/// `GET /v/{version}/pkg/{file}`: the file from `pkg_dir` (its precompressed
/// `.br` or `.gz` copy when the client takes it), cached for a year.
pub async fn serve(
    axum::extract::State(pkg_dir): axum::extract::State<std::sync::Arc<String>>,
    Path((_version, file)): Path<(String, String)>,
    req: Request,
) -> Response {
    let mut inner = Request::builder()
        .uri(format!("/{file}"))
        .body(axum::body::Body::empty())
        .expect("a plain path");
    if let Some(accept) = req.headers().get(header::ACCEPT_ENCODING) {
        inner.headers_mut().insert(header::ACCEPT_ENCODING, accept.clone());
    }
    let files = tower_http::services::ServeDir::new(pkg_dir.as_str())
        .precompressed_br()
        .precompressed_gzip();
    let Ok(res) = files.oneshot(inner).await;
    let mut res = res.map(axum::body::Body::new).into_response();
    if res.status().is_success() {
        let h = res.headers_mut();
        h.insert(header::CACHE_CONTROL, HeaderValue::from_static(IMMUTABLE));
        h.insert("x-content-type-options", HeaderValue::from_static("nosniff"));
    }
    res
}

#[cfg(test)]
mod tests {
    use super::*;

    async fn fetch(dir: &std::path::Path, path: &str, accept: Option<&str>) -> Response {
        let router = axum::Router::new()
            .route("/v/{version}/pkg/{*file}", axum::routing::get(serve))
            .with_state(std::sync::Arc::new(dir.display().to_string()));
        let mut req = Request::builder().uri(path);
        if let Some(a) = accept {
            req = req.header(header::ACCEPT_ENCODING, a);
        }
        router
            .oneshot(req.body(axum::body::Body::empty()).unwrap())
            .await
            .unwrap()
    }

    #[tokio::test]
    async fn a_file_is_kept_a_year_and_its_brotli_copy_goes_to_who_takes_it() {
        let dir = std::env::temp_dir().join(format!("ashyq-serve-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        std::fs::write(dir.join("ashyq.css"), "body{margin:0}").unwrap();
        std::fs::write(dir.join("ashyq.css.br"), "brotli bytes").unwrap();
        let plain = fetch(&dir, "/v/0123abcd/pkg/ashyq.css", None).await;
        assert_eq!(plain.status(), 200);
        assert_eq!(plain.headers()[header::CACHE_CONTROL], IMMUTABLE);
        assert_eq!(plain.headers()["x-content-type-options"], "nosniff");
        let body = axum::body::to_bytes(plain.into_body(), 1024).await.unwrap();
        assert_eq!(&body[..], b"body{margin:0}");
        let br = fetch(&dir, "/v/0123abcd/pkg/ashyq.css", Some("gzip, br")).await;
        assert_eq!(br.headers()[header::CONTENT_ENCODING], "br");
        let missing = fetch(&dir, "/v/0123abcd/pkg/other.js", None).await;
        assert_eq!(missing.status(), 404);
        assert!(
            missing.headers().get(header::CACHE_CONTROL).is_none(),
            "a 404 is not kept"
        );
        let _ = std::fs::remove_dir_all(&dir);
    }

    #[test]
    fn the_version_is_a_short_hash_and_stays_the_same_in_a_process() {
        let dir = std::env::temp_dir().join(format!("ashyq-assets-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        std::fs::write(dir.join("a.css"), "body{}").unwrap();
        let v = version(dir.to_str().unwrap());
        assert_eq!(v.len(), 12);
        assert!(v.bytes().all(|b| b.is_ascii_hexdigit()));
        assert_eq!(version("elsewhere"), v, "read once per process");
        let _ = std::fs::remove_dir_all(&dir);
    }
}
