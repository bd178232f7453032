//! The built site's scripts, styles and wasm, addressed by a hash of their
//! content (`/v/{hash}/pkg/ashyq.css`) so a browser keeps them for a year and
//! a new build is fetched by its new address. They are served outside the
//! session, cookie and CSP layers: a file needs none of them.

use axum::body::Bytes;
use axum::extract::{Path, Request};
use axum::http::{header, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use sha2::{Digest, Sha256};
use std::collections::HashMap;
use std::sync::{Arc, Mutex, OnceLock};

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

/// A built file as it is sent: read from disk once per process (its address
/// carries the hash of its content, read once per process too), with the
/// precompressed copies the build wrote beside it.
struct Built {
    plain: Bytes,
    br: Option<Bytes>,
    gzip: Option<Bytes>,
    content_type: &'static str,
}

type Cache = Mutex<HashMap<String, Option<Arc<Built>>>>;
static FILES: OnceLock<Cache> = OnceLock::new();

/// Only plain names below `pkg_dir`: no `..`, no absolute path, no backslash.
fn is_safe(file: &str) -> bool {
    !file.is_empty()
        && !file.starts_with('/')
        && !file.contains('\\')
        && file
            .split('/')
            .all(|part| !part.is_empty() && part != "." && part != "..")
}

fn content_type(file: &str) -> &'static str {
    match file.rsplit('.').next() {
        Some("css") => "text/css",
        Some("js") => "text/javascript",
        Some("wasm") => "application/wasm",
        Some("ts") => "text/plain; charset=utf-8",
        _ => "application/octet-stream",
    }
}

fn load(dir: &std::path::Path, file: &str) -> Option<Arc<Built>> {
    let path = dir.join(file);
    let plain = std::fs::read(&path).ok()?;
    let copy = |ext: &str| std::fs::read(format!("{}.{ext}", path.display())).ok().map(Bytes::from);
    Some(Arc::new(Built {
        plain: Bytes::from(plain),
        br: copy("br"),
        gzip: copy("gz"),
        content_type: content_type(file),
    }))
}

/// Whether `accept` (an `Accept-Encoding` value) takes `coding` (no `q=0`).
fn takes(accept: &str, coding: &str) -> bool {
    accept.split(',').any(|part| {
        let mut bits = part.split(';').map(str::trim);
        bits.next().is_some_and(|name| name.eq_ignore_ascii_case(coding))
            && bits.all(|p| !matches!(p.replace(' ', "").as_str(), "q=0" | "q=0.0" | "q=0.00" | "q=0.000"))
    })
}

/// `GET /v/{version}/pkg/{file}`: the file from `pkg_dir` (its precompressed
/// `.br` or `.gz` copy when the client takes it), cached for a year. Files
/// are kept in memory after their first request, so serving one is a map
/// lookup, not a read through the blocking pool.
pub async fn serve(
    axum::extract::State(pkg_dir): axum::extract::State<std::sync::Arc<String>>,
    Path((_version, file)): Path<(String, String)>,
    req: Request,
) -> Response {
    if !is_safe(&file) {
        return StatusCode::NOT_FOUND.into_response();
    }
    let cache = FILES.get_or_init(Default::default);
    let key = format!("{pkg_dir}/{file}");
    let known = cache.lock().unwrap_or_else(|p| p.into_inner()).get(&key).cloned();
    let built = match known {
        Some(b) => b,
        None => {
            let dir = std::path::PathBuf::from(pkg_dir.as_str());
            let name = file.clone();
            let b = tokio::task::spawn_blocking(move || load(&dir, &name))
                .await
                .ok()
                .flatten();
            cache.lock().unwrap_or_else(|p| p.into_inner()).insert(key, b.clone());
            b
        }
    };
    let Some(built) = built else {
        return StatusCode::NOT_FOUND.into_response();
    };
    let accept = req
        .headers()
        .get(header::ACCEPT_ENCODING)
        .and_then(|v| v.to_str().ok())
        .unwrap_or("");
    let (body, coding) = match (&built.br, &built.gzip) {
        (Some(br), _) if takes(accept, "br") => (br.clone(), Some("br")),
        (_, Some(gz)) if takes(accept, "gzip") => (gz.clone(), Some("gzip")),
        _ => (built.plain.clone(), None),
    };
    let mut res = axum::body::Body::from(body).into_response();
    let h = res.headers_mut();
    h.insert(header::CONTENT_TYPE, HeaderValue::from_static(built.content_type));
    h.insert(header::CACHE_CONTROL, HeaderValue::from_static(IMMUTABLE));
    h.insert(header::VARY, HeaderValue::from_static("accept-encoding"));
    h.insert("x-content-type-options", HeaderValue::from_static("nosniff"));
    if let Some(c) = coding {
        h.insert(header::CONTENT_ENCODING, HeaderValue::from_static(c));
    }
    res
}

#[cfg(test)]
mod tests {
    use super::*;
    use tower::ServiceExt;

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
    fn only_plain_names_below_the_folder_are_served() {
        assert!(is_safe("ashyq.css"));
        assert!(is_safe("snippets/app/inline0.js"));
        for bad in [
            "",
            "../secret.key",
            "a/../../b",
            "/etc/passwd",
            "a\\..\\b",
            "a//b",
            "./a",
        ] {
            assert!(!is_safe(bad), "{bad:?} must not be served");
        }
    }

    #[test]
    fn an_encoding_refused_with_q_zero_is_not_sent() {
        assert!(takes("gzip, deflate, br", "br"));
        assert!(takes("br;q=0.5, gzip", "br"));
        assert!(!takes("br;q=0, gzip", "br"));
        assert!(takes("br;q=0, gzip", "gzip"));
        assert!(!takes("identity", "gzip"));
        assert!(!takes("", "br"));
    }

    #[tokio::test]
    async fn a_file_is_read_from_disk_once_per_process() {
        let dir = std::env::temp_dir().join(format!("ashyq-once-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        std::fs::write(dir.join("ashyq.js"), "first").unwrap();
        let first = fetch(&dir, "/v/0123abcd/pkg/ashyq.js", None).await;
        assert_eq!(first.headers()[header::CONTENT_TYPE], "text/javascript");
        std::fs::write(dir.join("ashyq.js"), "second").unwrap();
        let again = fetch(&dir, "/v/0123abcd/pkg/ashyq.js", None).await;
        let body = axum::body::to_bytes(again.into_body(), 1024).await.unwrap();
        assert_eq!(&body[..], b"first", "served from memory, as its address promises");
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
