//! The anonymous visitor: a long-lived random cookie by which one person's
//! rating or survey answer is recognised. It is set only when a visitor
//! first rates or answers, never on a page view or a file. Only its SHA-256
//! is stored.

use axum::body::Body;
use axum::http::{header, HeaderValue, Request};
use axum::middleware::Next;
use axum::response::Response;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Arc;

pub const COOKIE: &str = "ashyq_visitor";
const MAX_AGE_SECS: i64 = 2 * 365 * 24 * 3600;

/// The visitor of this request: the cookie it brought, or a new value that
/// becomes its cookie if it rates or answers.
#[derive(Clone, Debug)]
pub struct Visitor {
    value: String,
    returning: bool,
    /// Set by a write that must recognise this visitor again.
    keep: Arc<AtomicBool>,
}

impl Visitor {
    /// What is stored in the database for this visitor (to read with).
    pub fn hash(&self) -> String {
        crate::platform::secrets::hash_secret(&self.value)
    }

    /// [`Self::hash`] for a rating or a survey answer: this visitor will be
    /// recognised next time, so a first one is given its cookie.
    pub fn hash_for_write(&self) -> String {
        self.keep.store(true, Ordering::Relaxed);
        self.hash()
    }

    /// Whether the request brought its cookie.
    pub fn returning(&self) -> bool {
        self.returning
    }
}

fn from_cookie_header(value: &str) -> Option<String> {
    value.split(';').map(str::trim).find_map(|kv| {
        let (k, v) = kv.split_once('=')?;
        (k == COOKIE
            && v.len() >= 32
            && v.len() <= 64
            && v.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_'))
        .then(|| v.to_string())
    })
}

fn new_value() -> String {
    crate::platform::secrets::random_token(32)
}

/// Puts the [`Visitor`] into the request and, for a first contact, sets the
/// cookie on the response (HttpOnly, SameSite=Lax, Secure over https).
pub async fn visitor_cookie(
    axum::extract::State(secure): axum::extract::State<bool>,
    mut req: Request<Body>,
    next: Next,
) -> Response {
    let existing = req
        .headers()
        .get_all(header::COOKIE)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .find_map(from_cookie_header);
    let (value, fresh) = match existing {
        Some(v) => (v, false),
        None => (new_value(), true),
    };
    let keep = Arc::new(AtomicBool::new(false));
    req.extensions_mut().insert(Visitor {
        value: value.clone(),
        returning: !fresh,
        keep: keep.clone(),
    });
    let mut res = next.run(req).await;
    if fresh && keep.load(Ordering::Relaxed) {
        let cookie = format!(
            "{COOKIE}={value}; Path=/; Max-Age={MAX_AGE_SECS}; HttpOnly; SameSite=Lax{}",
            if secure { "; Secure" } else { "" }
        );
        if let Ok(v) = HeaderValue::from_str(&cookie) {
            res.headers_mut().append(header::SET_COOKIE, v);
        }
    }
    res
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_a_well_formed_visitor_cookie_is_taken() {
        let v = new_value();
        assert_eq!(from_cookie_header(&format!("a=b; {COOKIE}={v}")), Some(v));
        assert_eq!(from_cookie_header(&format!("{COOKIE}=short")), None);
        assert_eq!(from_cookie_header(&format!("{COOKIE}={}", "x;".repeat(20))), None);
    }

    #[test]
    fn new_values_are_random() {
        assert_ne!(new_value(), new_value());
    }
}
