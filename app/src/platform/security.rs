//! Request guards that apply to every route: the cross-site request check
//! (CSRF) on state-changing requests, security headers with a per-request CSP
//! nonce for the hydration script, a JSON answer for oversized bodies, and
//! per-address throttling of sign-in attempts.

use crate::error::{AppError, ErrorCode};
use crate::platform::client::ClientAddr;
use crate::platform::state::AppState;
use axum::body::Body;
use axum::extract::State;
use axum::http::{header, HeaderValue, Method, Request, StatusCode};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use governor::{DefaultKeyedRateLimiter, Quota, RateLimiter};
use std::net::IpAddr;
use std::num::NonZeroU32;
use std::sync::Arc;

/// The CSP nonce of this request; the shell puts it on the hydration script.
#[derive(Clone, Debug)]
pub struct CspNonce(pub String);

/// Whether a state-changing request came from our own pages. Browsers send
/// `Sec-Fetch-Site` (and `Origin`) on every POST, so a forged cross-site form
/// or fetch is recognised; a request with neither header is refused too.
/// The open-data API under `/api/v1/` takes no staff cookie and is exempt, and
/// so is every method but POST, PUT, PATCH and DELETE: we change nothing on
/// any other (GET, HEAD, OPTIONS, TRACE, QUERY…), and the router answers the
/// ones an address does not take with `405`.
pub fn same_origin_request(
    method: &Method,
    path: &str,
    fetch_site: Option<&str>,
    origin: Option<&str>,
    our_origin: &str,
) -> bool {
    if !matches!(*method, Method::POST | Method::PUT | Method::PATCH | Method::DELETE) || path.starts_with("/api/v1/") {
        return true;
    }
    match (fetch_site, origin) {
        (Some(site), _) if site != "same-origin" && site != "none" => false,
        (_, Some(o)) => o == our_origin,
        (Some(_), None) => true,
        (None, None) => false,
    }
}

pub async fn csrf_guard(State(st): State<AppState>, req: Request<Body>, next: Next) -> Response {
    let h = req.headers();
    let fetch_site = h.get("sec-fetch-site").and_then(|v| v.to_str().ok());
    let origin = h.get(header::ORIGIN).and_then(|v| v.to_str().ok());
    if same_origin_request(req.method(), req.uri().path(), fetch_site, origin, &st.config.origin()) {
        return next.run(req).await;
    }
    tracing::warn!(path = req.uri().path(), "refused a cross-site state-changing request");
    let html = h
        .get(header::ACCEPT)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|a| a.contains("text/html"));
    if html {
        return plain_page(StatusCode::FORBIDDEN, ErrorCode::Csrf);
    }
    AppError::new(ErrorCode::Csrf).into_response()
}

/// A small page in all three languages, for refusals and as a last resort.
pub fn plain_page(status: StatusCode, code: ErrorCode) -> Response {
    use crate::i18n::Locale;
    let text = |l: Locale| crate::error::messages::error_message(l, code);
    let body = format!(
        "<!DOCTYPE html><html lang=\"kk\"><head><meta charset=\"utf-8\"><title>Ashyq</title></head><body>\
         <main><h1>{status}</h1><p>{}</p><p lang=\"ru\">{}</p><p lang=\"en\">{}</p><p><a href=\"/\">Ashyq</a></p></main></body></html>",
        text(Locale::kk),
        text(Locale::ru),
        text(Locale::en)
    );
    (status, [(header::CONTENT_TYPE, "text/html; charset=utf-8")], body).into_response()
}

/// The plain page for a refusal, with the status that fits its code.
pub fn refusal_page(e: &crate::error::AppError) -> Response {
    plain_page(
        StatusCode::from_u16(e.code.http_status()).unwrap_or(StatusCode::FORBIDDEN),
        e.code,
    )
}

/// Security headers on every response, and the CSP with this request's nonce.
pub async fn security_headers(State(st): State<AppState>, mut req: Request<Body>, next: Next) -> Response {
    let nonce = uuid::Uuid::new_v4().simple().to_string();
    req.extensions_mut().insert(CspNonce(nonce.clone()));
    let private = is_private(req.uri().path());
    let signs_out = req.uri().path() == "/api/logout";
    let mut res = next.run(req).await;
    let signed_out = signs_out && (res.status().is_success() || res.status().is_redirection());
    let csp = format!(
        "default-src 'self'; script-src 'self' 'nonce-{nonce}' 'wasm-unsafe-eval'; style-src 'self'; \
         img-src 'self' data:; connect-src 'self'; font-src 'self'; object-src 'none'; base-uri 'self'; \
         form-action 'self'; frame-ancestors 'none'"
    );
    let h = res.headers_mut();
    let cached_already = h.contains_key("cache-control");
    let mut set = |name: &'static str, value: &str| {
        if let Ok(v) = HeaderValue::from_str(value) {
            h.insert(name, v);
        }
    };
    set("content-security-policy", &csp);
    set("x-content-type-options", "nosniff");
    set("x-frame-options", "DENY");
    set("referrer-policy", "same-origin");
    set("permissions-policy", "camera=(), microphone=(), geolocation=()");
    set("cross-origin-opener-policy", "same-origin");
    if st.config.is_https() {
        set("strict-transport-security", "max-age=31536000; includeSubDomains");
    }
    if private {
        // Staff pages show citizens' personal data: never from a cache.
        set("cache-control", "no-store");
    } else if !cached_already {
        // Public pages and data change with every rating: asked again each
        // time (their scripts and styles are the ones kept, by hash).
        set("cache-control", "no-cache");
    }
    if signed_out {
        set("clear-site-data", "\"cache\", \"cookies\", \"storage\"");
    }
    res
}

/// Pages and calls that may carry personal data or staff work: the staff and
/// admin areas, sign-in, and the server functions behind every form.
pub fn is_private(path: &str) -> bool {
    path == "/login"
        || path.starts_with("/login/")
        || path.starts_with("/staff")
        || path.starts_with("/admin")
        || path.starts_with("/track/")
        || path.starts_with("/api/v1/items/")
        || (path.starts_with("/api/") && !path.starts_with("/api/v1/"))
}

/// Turns the body-limit layer's bare 413 into the JSON error shape.
pub async fn payload_too_large_as_json(req: Request<Body>, next: Next) -> Response {
    let res = next.run(req).await;
    if res.status() == StatusCode::PAYLOAD_TOO_LARGE
        && res
            .headers()
            .get(header::CONTENT_TYPE)
            .is_none_or(|v| v.as_bytes().starts_with(b"text/plain"))
    {
        return AppError::new(ErrorCode::PayloadTooLarge).into_response();
    }
    res
}

/// Server functions answer every error with 500; this gives an error its
/// fitting status (422 for bad input, 403, 409…) from its code, so clients and
/// logs can tell a user's mistake from a fault of ours.
pub async fn server_fn_error_status(req: Request<Body>, next: Next) -> Response {
    let is_server_fn = req.uri().path().starts_with("/api/") && !req.uri().path().starts_with("/api/v1/");
    let res = next.run(req).await;
    if !is_server_fn || res.status() != StatusCode::INTERNAL_SERVER_ERROR {
        return res;
    }
    let (mut parts, body) = res.into_parts();
    let bytes = match axum::body::to_bytes(body, 256 * 1024).await {
        Ok(b) => b,
        Err(_) => return (StatusCode::INTERNAL_SERVER_ERROR, "").into_response(),
    };
    if let Ok(err) = serde_json::from_slice::<AppError>(&bytes) {
        if let Ok(status) = StatusCode::from_u16(err.code.http_status()) {
            parts.status = status;
        }
        if err.code == ErrorCode::Unavailable {
            parts.headers.insert(header::RETRY_AFTER, HeaderValue::from_static("1"));
        }
    }
    Response::from_parts(parts, Body::from(bytes))
}

/// The sign-in endpoint.
pub fn is_sign_in(path: &str) -> bool {
    path == "/api/login" || path.starts_with("/api/login/")
}

/// Writes anyone may make without signing in.
pub fn is_anonymous_write(path: &str) -> bool {
    path == "/api/rate"
        || path == "/api/submit_item"
        || path == "/api/v1/questions"
        || path == "/api/survey_answer"
        || (path.starts_with("/api/v1/surveys/") && path.ends_with("/responses"))
        || (path.starts_with("/api/v1/") && path.ends_with("/ratings"))
}

/// Per-address limiter for sign-in attempts (and, later, anonymous writes).
#[derive(Clone)]
pub struct Throttle {
    limiter: Arc<DefaultKeyedRateLimiter<IpAddr>>,
    applies: fn(&str) -> bool,
}

impl Throttle {
    /// `burst` attempts at once per address, refilled at one per `per_secs`.
    /// `applies` tells which POST paths count against this limiter.
    pub fn new(burst: u32, per_secs: u64, applies: fn(&str) -> bool) -> Throttle {
        let burst = NonZeroU32::new(burst.max(1)).expect("non-zero");
        let quota = Quota::with_period(std::time::Duration::from_secs(per_secs.max(1)))
            .expect("non-zero period")
            .allow_burst(burst);
        Throttle {
            limiter: Arc::new(RateLimiter::keyed(quota)),
            applies,
        }
    }

    pub fn check(&self, ip: IpAddr) -> bool {
        self.limiter.check_key(&ip).is_ok()
    }
}

/// Keyed on the client's address as [`ClientAddr::limit_key`] counts it (an
/// IPv4 address or an IPv6 /64; `X-Forwarded-For` only from a trusted proxy).
pub async fn throttle(State(t): State<Throttle>, req: Request<Body>, next: Next) -> Response {
    if req.method() == Method::POST && (t.applies)(req.uri().path()) {
        let ip = req.extensions().get::<ClientAddr>().map(|c| c.limit_key());
        if let Some(ip) = ip {
            if !t.check(ip) {
                tracing::warn!(path = req.uri().path(), "rate limited");
                let html = req
                    .headers()
                    .get(header::ACCEPT)
                    .and_then(|v| v.to_str().ok())
                    .is_some_and(|a| a.contains("text/html"));
                if html {
                    return plain_page(StatusCode::TOO_MANY_REQUESTS, ErrorCode::RateLimited);
                }
                return AppError::new(ErrorCode::RateLimited).into_response();
            }
        }
    }
    t.limiter.retain_recent();
    next.run(req).await
}

#[cfg(test)]
mod tests {
    use super::*;
    const US: &str = "https://ashyq.example.kz";

    #[test]
    fn reads_are_always_allowed() {
        assert!(same_origin_request(
            &Method::GET,
            "/admin",
            Some("cross-site"),
            Some("https://evil.example"),
            US
        ));
    }

    #[test]
    fn a_post_from_our_own_page_is_allowed() {
        assert!(same_origin_request(
            &Method::POST,
            "/api/login",
            Some("same-origin"),
            Some(US),
            US
        ));
        assert!(same_origin_request(&Method::POST, "/api/login", None, Some(US), US));
    }

    #[test]
    fn a_cross_site_post_is_refused() {
        assert!(!same_origin_request(
            &Method::POST,
            "/api/login",
            Some("cross-site"),
            Some("https://evil.example"),
            US
        ));
        assert!(!same_origin_request(
            &Method::POST,
            "/api/login",
            None,
            Some("https://evil.example"),
            US
        ));
        assert!(!same_origin_request(
            &Method::POST,
            "/api/login",
            Some("same-site"),
            None,
            US
        ));
    }

    #[test]
    fn a_post_with_no_origin_at_all_is_refused() {
        assert!(!same_origin_request(
            &Method::POST,
            "/api/save_department",
            None,
            None,
            US
        ));
    }

    #[test]
    fn the_open_data_api_is_exempt() {
        assert!(same_origin_request(&Method::POST, "/api/v1/questions", None, None, US));
    }

    #[test]
    fn the_throttle_refuses_past_the_burst() {
        let t = Throttle::new(3, 60, |p| p == "/api/login");
        let ip: IpAddr = "10.0.0.1".parse().unwrap();
        assert!(t.check(ip) && t.check(ip) && t.check(ip));
        assert!(!t.check(ip));
        assert!(
            t.check("10.0.0.2".parse().unwrap()),
            "another address has its own budget"
        );
    }
}
