//! One log line per failed request, written where the request ends, with the
//! request's id (the `x-request-id` header, also shown on the error page and
//! in the API's error body) and its matched route. Internal causes recorded
//! while a request runs wait in the request's scope for that line; a cause
//! found outside a request (the worker, the command line) is logged at once.

use axum::body::Body;
use axum::extract::MatchedPath;
use axum::http::{HeaderMap, Request};
use axum::middleware::Next;
use axum::response::Response;
use std::sync::{Arc, Mutex};

/// The header that carries a request's id, set on the way in and echoed on
/// the way out.
pub const REQUEST_ID: &str = "x-request-id";

/// The request being served by the current task.
struct Scope {
    id: String,
    causes: Mutex<Vec<String>>,
}

tokio::task_local! {
    static CURRENT: Arc<Scope>;
}

fn id_in(headers: &HeaderMap) -> Option<String> {
    headers
        .get(REQUEST_ID)
        .and_then(|v| v.to_str().ok())
        .map(str::to_string)
}

/// The route a request matched: its pattern, never the path itself (paths
/// can carry status tokens).
fn route_of(extensions: &axum::http::Extensions) -> &str {
    extensions
        .get::<MatchedPath>()
        .map(MatchedPath::as_str)
        .unwrap_or("(no route)")
}

/// Records an internal failure of the current request and returns the
/// request's id for the person who saw the error. Inside the request's own
/// task the cause waits for the request's one log line; in work a page
/// spawned while rendering it is logged at once, with the same id and route.
pub fn failed(cause: String) -> Option<String> {
    if let Ok(id) = CURRENT.try_with(|scope| {
        scope
            .causes
            .lock()
            .unwrap_or_else(|p| p.into_inner())
            .push(cause.clone());
        scope.id.clone()
    }) {
        return Some(id);
    }
    if let Some(parts) = leptos::prelude::use_context::<axum::http::request::Parts>() {
        let id = id_in(&parts.headers);
        tracing::error!(
            request_id = id.as_deref().unwrap_or("-"),
            route = route_of(&parts.extensions),
            "request failed: {cause}"
        );
        return id;
    }
    tracing::error!("failed: {cause}");
    None
}

/// The scope of the request the current task serves, to carry into work
/// done for it in another task (a grouped write): causes recorded there
/// join the request's own log line.
#[derive(Clone)]
pub struct RequestScope(Arc<Scope>);

/// The current request's scope, if this task serves one.
pub fn current_scope() -> Option<RequestScope> {
    CURRENT.try_with(|s| RequestScope(s.clone())).ok()
}

/// Runs `work` inside `scope` (as it would run outside a request without one).
pub async fn within<F: std::future::Future>(scope: Option<RequestScope>, work: F) -> F::Output {
    match scope {
        Some(RequestScope(s)) => CURRENT.scope(s, work).await,
        None => work.await,
    }
}

/// Removes an `x-request-id` the client sent, so that every id in the log
/// is one we made.
pub async fn drop_client_id(mut req: Request<Body>) -> Request<Body> {
    req.headers_mut().remove(REQUEST_ID);
    req
}

/// The middleware that opens each request's scope and writes its line: the
/// causes recorded while it ran, or the bare status of a 5xx without one.
pub async fn log_failures(req: Request<Body>, next: Next) -> Response {
    let id = id_in(req.headers()).unwrap_or_default();
    let (method, route) = (req.method().clone(), route_of(req.extensions()).to_string());
    let scope = Arc::new(Scope {
        id: id.clone(),
        causes: Mutex::new(Vec::new()),
    });
    let res = CURRENT.scope(scope.clone(), next.run(req)).await;
    let causes = std::mem::take(&mut *scope.causes.lock().unwrap_or_else(|p| p.into_inner()));
    let status = res.status().as_u16();
    if !causes.is_empty() {
        tracing::error!(request_id = %id, %method, %route, status, "request failed: {}", causes.join("; "));
    } else if status >= 500 {
        tracing::error!(request_id = %id, %method, %route, status, "request failed");
    }
    res
}

#[cfg(test)]
mod tests {
    use super::*;
    use axum::routing::get;
    use axum::Router;
    use tower::ServiceExt;
    use tracing_subscriber::layer::SubscriberExt;

    /// Collects every event's fields as text.
    #[derive(Clone, Default)]
    struct Lines(Arc<Mutex<Vec<String>>>);

    impl<S: tracing::Subscriber> tracing_subscriber::Layer<S> for Lines {
        fn on_event(&self, event: &tracing::Event<'_>, _: tracing_subscriber::layer::Context<'_, S>) {
            struct Text(String);
            impl tracing::field::Visit for Text {
                fn record_debug(&mut self, field: &tracing::field::Field, value: &dyn std::fmt::Debug) {
                    self.0.push_str(&format!("{}={:?} ", field.name(), value));
                }
            }
            let mut text = Text(String::new());
            event.record(&mut text);
            self.0.lock().unwrap().push(text.0);
        }
    }

    async fn broken() -> crate::error::AppError {
        crate::error::AppError::internal("the disk is full")
    }

    #[tokio::test]
    async fn an_internal_error_is_logged_once_with_the_request_id_and_route() {
        let lines = Lines::default();
        let _guard = tracing::subscriber::set_default(tracing_subscriber::registry().with(lines.clone()));
        let app = Router::new()
            .route("/things/{id}", get(broken))
            .layer(axum::middleware::from_fn(log_failures));
        let req = Request::get("/things/secret-token")
            .header(REQUEST_ID, "req-42")
            .body(Body::empty())
            .unwrap();
        let res = app.oneshot(req).await.unwrap();
        assert_eq!(res.status(), 500);
        let body = axum::body::to_bytes(res.into_body(), 10_000).await.unwrap();
        let body: serde_json::Value = serde_json::from_slice(&body).unwrap();
        assert_eq!(
            body["error"]["request_id"], "req-42",
            "the person who saw the error can quote its id"
        );
        let lines = lines.0.lock().unwrap().clone();
        assert_eq!(lines.len(), 1, "one line per failed request: {lines:?}");
        for part in ["req-42", "/things/{id}", "the disk is full", "500"] {
            assert!(lines[0].contains(part), "{part} missing from {}", lines[0]);
        }
        assert!(!lines[0].contains("secret-token"), "the path itself is not logged");
    }
}
