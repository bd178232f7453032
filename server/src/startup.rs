//! Builds the whole application (routes, middleware, workers) and serves it
//! until shutdown: in-flight requests and the current outbox batch finish,
//! within a hard deadline.

use app::error::request_log::REQUEST_ID;
use app::platform::config::Config;
use app::platform::db::Db;
use app::platform::mailer::Mailer;
use app::platform::state::AppState;
use app::{
    accounts::passwords,
    api,
    platform::{lang, outbox, security, sessions},
};
use app::{shell, App};
use axum::http::HeaderName;
use axum::response::IntoResponse;
use axum::{middleware, routing::get, Router};
use leptos::config::{Env, LeptosOptions};
use leptos::prelude::provide_context;
use leptos_axum::{AxumRouteListing, LeptosRoutes};
use std::net::SocketAddr;
use std::sync::Arc;
use std::time::Duration;
use tokio::net::TcpListener;
use tokio_util::sync::CancellationToken;
use tower_http::limit::RequestBodyLimitLayer;
use tower_http::request_id::{MakeRequestUuid, PropagateRequestIdLayer, SetRequestIdLayer};
use tower_http::trace::TraceLayer;

/// Where the built site (wasm, js, css) is and what it is called; cargo-leptos
/// sets these in the environment, and the defaults match `Cargo.toml`.
pub fn leptos_options(config: &Config) -> LeptosOptions {
    let var = |k: &str, d: &str| std::env::var(k).unwrap_or_else(|_| d.to_string());
    LeptosOptions::builder()
        .output_name(var("LEPTOS_OUTPUT_NAME", "ashyq"))
        .site_root(var("LEPTOS_SITE_ROOT", "target/site"))
        .site_pkg_dir(var("LEPTOS_SITE_PKG_DIR", "pkg"))
        .env(if var("LEPTOS_ENV", "PROD").eq_ignore_ascii_case("DEV") {
            Env::DEV
        } else {
            Env::PROD
        })
        .site_addr(
            config
                .bind
                .parse::<SocketAddr>()
                .unwrap_or_else(|_| SocketAddr::from(([127, 0, 0, 1], 3000))),
        )
        .build()
}

/// A running application's parts that the binary and the tests need.
pub struct Application {
    pub state: AppState,
    pub router: Router,
    session_store: sessions::Store,
}

impl Application {
    pub async fn build(config: Config, db: Db) -> anyhow::Result<Application> {
        passwords::limit_concurrency(config.security.max_concurrent_hashes);
        passwords::warm_up();
        let mailer = Mailer::from_config(&config.mail).map_err(anyhow::Error::msg)?;
        let leptos_options = leptos_options(&config);
        let state = AppState {
            db: db.clone(),
            writes: app::platform::group_commit::GroupCommit::start(&db),
            config: Arc::new(config),
            mailer,
            leptos_options,
            caches: Default::default(),
        };
        let session_store = sessions::Store::new(&db).await?;
        let router = router(state.clone(), session_store.clone());
        Ok(Application {
            state,
            router,
            session_store,
        })
    }

    /// Serves on `listener` until `shutdown` is cancelled, then drains.
    pub async fn serve(self, listener: TcpListener, shutdown: CancellationToken) -> anyhow::Result<()> {
        let grace = Duration::from_secs(self.state.config.shutdown_grace_secs);
        let workers = spawn_workers(&self.state, self.session_store.clone(), shutdown.clone());
        let service = self.router.into_make_service_with_connect_info::<SocketAddr>();
        let stop = shutdown.clone();
        let server = axum::serve(listener, service).with_graceful_shutdown(async move { stop.cancelled().await });
        let server = tokio::spawn(async move { server.await });
        shutdown.cancelled().await;
        tracing::info!("shutting down: finishing in-flight requests and the current outbox batch");
        let drain = async {
            let _ = server.await;
            for w in workers {
                let _ = w.await;
            }
        };
        if tokio::time::timeout(grace, drain).await.is_err() {
            tracing::warn!(secs = grace.as_secs(), "shutdown deadline passed; exiting anyway");
        }
        self.state.db.close().await;
        Ok(())
    }
}

fn router(state: AppState, store: sessions::Store) -> Router {
    let config = state.config.clone();
    let routes = route_list();
    let ctx_state = state.clone();
    let context = move || provide_context(ctx_state.clone());
    let shell_options = state.leptos_options.clone();
    let throttle = security::Throttle::new(config.limits.login_burst, 6, security::is_sign_in);
    let anonymous = security::Throttle::new(config.limits.anonymous_burst, 2, security::is_anonymous_write);
    Router::new()
        .merge(api::router())
        .route("/lang/{code}", get(lang::switch))
        .route("/staff/surveys/{id}/export.csv", get(app::surveys::export::export_csv))
        .route("/admin/audit.csv", get(app::accounts::audit_fns::audit_csv))
        .route("/indicators/{file}", get(app::indicators::downloads::handler))
        .route(
            "/admin/calendar/import",
            axum::routing::post(app::items::calendar::import_handler),
        )
        .route(
            "/staff/media/sources/import",
            axum::routing::post(app::media::sources::import::upload).layer(axum::extract::DefaultBodyLimit::max(
                app::media::sources::import::MAX_BYTES + 64 * 1024,
            )),
        )
        .route(
            "/staff/media/import",
            axum::routing::post(app::media::import::upload).layer(axum::extract::DefaultBodyLimit::max(
                app::media::import::MAX_BYTES + 64 * 1024,
            )),
        )
        .nest_service(
            "/pkg",
            // The unversioned addresses, for tools; pages use `/v/{hash}/pkg`.
            // A release build comes with .br and .gz copies (`--precompress`).
            tower_http::services::ServeDir::new(format!("{}/pkg", state.leptos_options.site_root))
                .precompressed_br()
                .precompressed_gzip(),
        )
        .leptos_routes_with_context(&state, routes, context.clone(), move || shell(shell_options.clone()))
        // On matched routes only, so a method an address does not take is
        // answered 405 by the router before any origin check.
        .route_layer(middleware::from_fn_with_state(state.clone(), security::csrf_guard))
        .fallback(files_or_not_found(&state, context))
        .method_not_allowed_fallback(api::method_not_allowed)
        // Public pages for visitors without cookies of their own, kept a
        // moment (inside the security headers: it needs the CSP nonce).
        .layer(middleware::from_fn_with_state(
            state.clone(),
            app::platform::page_cache::serve,
        ))
        .layer(middleware::from_fn(security::server_fn_error_status))
        .layer(middleware::from_fn_with_state(throttle, security::throttle))
        .layer(middleware::from_fn_with_state(anonymous, security::throttle))
        .layer(middleware::from_fn_with_state(
            config.is_https(),
            app::platform::visitor::visitor_cookie,
        ))
        // Who the client is (X-Forwarded-For only from a trusted proxy), for
        // the throttles, the sign-in limits and the audit log.
        .layer(middleware::from_fn_with_state(
            std::sync::Arc::new(config.security.proxies()),
            app::platform::client::client_addr,
        ))
        .layer(sessions::layer(
            store,
            config.is_https(),
            config.security.session_idle_minutes,
        ))
        .layer(middleware::from_fn_with_state(
            state.clone(),
            security::security_headers,
        ))
        .layer(RequestBodyLimitLayer::new(config.max_body_bytes))
        // No request may hold a connection forever.
        .layer(tower_http::timeout::TimeoutLayer::with_status_code(
            axum::http::StatusCode::REQUEST_TIMEOUT,
            Duration::from_secs(30),
        ))
        .layer(middleware::from_fn(security::payload_too_large_as_json))
        // One line per failed request, with its id and route.
        .layer(middleware::from_fn(app::error::request_log::log_failures))
        // gzip or brotli for pages, JSON, scripts and styles. Not the wasm
        // bundle: compressing megabytes on every request cost seconds of CPU
        // each (a release build serves its precompressed copies instead).
        .layer(tower_http::compression::CompressionLayer::new().compress_when({
            use tower_http::compression::predicate::{DefaultPredicate, NotForContentType, Predicate};
            DefaultPredicate::new().and(NotForContentType::const_new("application/wasm"))
        }))
        .layer(
            TraceLayer::new_for_http().make_span_with(|req: &axum::http::Request<_>| {
                let id = req
                    .headers()
                    .get(REQUEST_ID)
                    .and_then(|v| v.to_str().ok())
                    .unwrap_or("-");
                // The route pattern, not the path: paths and query strings
                // may carry status tokens or personal data.
                let route = req
                    .extensions()
                    .get::<axum::extract::MatchedPath>()
                    .map(|m| m.as_str())
                    .unwrap_or("(no route)");
                tracing::info_span!("http", request_id = %id, method = %req.method(), %route)
            }),
        )
        // Every request gets an id (a client's own is replaced: it is ours to
        // quote), echoed in the response's `x-request-id`.
        .layer(PropagateRequestIdLayer::new(HeaderName::from_static(REQUEST_ID)))
        .layer(SetRequestIdLayer::new(
            HeaderName::from_static(REQUEST_ID),
            MakeRequestUuid,
        ))
        .layer(middleware::map_request(app::error::request_log::drop_client_id))
        .with_state(state.clone())
        .merge(assets(&state))
        .merge(demo_press(&state))
}

/// Demo mode only: the sample press the demo's sources read
/// (`/demo/press/…`), so press monitoring works with no network.
fn demo_press(state: &AppState) -> Router {
    if !state.config.demo {
        return Router::new();
    }
    let config = state.config.clone();
    Router::new().route(
        "/demo/press/{*path}",
        get(
            move |axum::extract::Path(path): axum::extract::Path<String>| async move {
                use axum::response::IntoResponse;
                match app::demo::press::document(&path, &config.base_url, config.demo_now()) {
                    Some((kind, body)) => ([(axum::http::header::CONTENT_TYPE, kind)], body).into_response(),
                    None => axum::http::StatusCode::NOT_FOUND.into_response(),
                }
            },
        ),
    )
}

/// The built site's files under their content-hashed addresses: outside the
/// session, cookie, CSP and page layers (a file needs none of them), compressed
/// unless a precompressed copy or the wasm.
fn assets(state: &AppState) -> Router {
    let pkg = Arc::new(format!(
        "{}/{}",
        state.leptos_options.site_root, state.leptos_options.site_pkg_dir
    ));
    Router::new()
        .route("/v/{version}/pkg/{*file}", get(app::platform::assets::serve))
        .with_state(pkg)
        .layer(tower_http::compression::CompressionLayer::new().compress_when({
            use tower_http::compression::predicate::{DefaultPredicate, NotForContentType, Predicate};
            DefaultPredicate::new().and(NotForContentType::const_new("application/wasm"))
        }))
}

/// The app's routes, found once per process by rendering the app with
/// resource loading switched off. leptos switches it off with a flag that is
/// global to the process, not to the render: while the route list was being
/// generated for a second application in the same process (every test builds
/// one), any page another application began rendering had its resources wait
/// forever, and the page answered only when the 30 s request timeout did.
pub fn route_list() -> Vec<AxumRouteListing> {
    static ROUTES: std::sync::OnceLock<Vec<AxumRouteListing>> = std::sync::OnceLock::new();
    ROUTES.get_or_init(|| leptos_axum::generate_route_list(App)).clone()
}

/// Static files of the built site, else the app's own 404 page.
fn files_or_not_found(
    state: &AppState,
    context: impl Fn() + Clone + Send + Sync + 'static,
) -> impl Fn(
    axum::http::Request<axum::body::Body>,
) -> std::pin::Pin<Box<dyn std::future::Future<Output = axum::response::Response> + Send>>
       + Clone
       + Send
       + Sync
       + 'static {
    use tower::ServiceExt;
    let options = state.leptos_options.clone();
    let files = tower_http::services::ServeDir::new(options.site_root.as_ref());
    let shell_options = options.clone();
    let render = leptos_axum::render_app_to_stream_in_order_with_context(context, move || shell(shell_options.clone()));
    move |req| {
        let (files, render) = (files.clone(), render.clone());
        Box::pin(async move {
            let (parts, body) = req.into_parts();
            if parts.method == axum::http::Method::GET {
                let probe = axum::http::Request::from_parts(parts.clone(), axum::body::Body::empty());
                let Ok(res) = files.oneshot(probe).await;
                if res.status() != axum::http::StatusCode::NOT_FOUND {
                    return res.map(axum::body::Body::new);
                }
            }
            render(axum::http::Request::from_parts(parts, body))
                .await
                .into_response()
        })
    }
}

fn spawn_workers(
    state: &AppState,
    store: sessions::Store,
    shutdown: CancellationToken,
) -> Vec<tokio::task::JoinHandle<()>> {
    let mut handles = Vec::new();
    let (db, mailer, mail) = (state.db.clone(), state.mailer.clone(), state.config.mail.clone());
    let stop = shutdown.clone();
    handles.push(tokio::spawn(async move {
        let poll = Duration::from_secs(mail.poll_secs.max(1));
        loop {
            // Batch after batch while messages are due, then a pause.
            match outbox::drain(&db, &mailer, mail.max_attempts, &stop).await {
                Ok(r) if r.sent + r.retried + r.failed > 0 => {
                    tracing::info!(sent = r.sent, retried = r.retried, failed = r.failed, "outbox")
                }
                Ok(_) => {}
                Err(e) => tracing::error!("outbox: {e}"),
            }
            tokio::select! {
                _ = stop.cancelled() => break,
                _ = tokio::time::sleep(poll) => {}
            }
        }
    }));
    let (db, config) = (state.db.clone(), state.config.clone());
    let stop = shutdown.clone();
    handles.push(tokio::spawn(async move {
        let every = Duration::from_secs(config.workers.every_secs.max(1));
        loop {
            let started = std::time::Instant::now();
            let pass = crate::workers::run(&db, &config, chrono::Utc::now()).await;
            if started.elapsed() > Duration::from_secs(5) {
                tracing::warn!(
                    took_ms = started.elapsed().as_millis() as u64,
                    "the periodic pass took long"
                );
            }
            match pass {
                Ok(r) if !r.is_empty() => tracing::info!(
                    reminders = r.reminders,
                    escalations = r.escalations,
                    summaries = r.summaries,
                    spike_alerts = r.spike_alerts,
                    digests = r.digests,
                    purged = r.purged,
                    "periodic pass"
                ),
                Ok(_) => {}
                Err(e) => tracing::error!("periodic pass: {e}"),
            }
            tokio::select! {
                _ = stop.cancelled() => break,
                _ = tokio::time::sleep(every) => {}
            }
        }
    }));
    // Press sources: each pass reads the sources that are due (claimed once
    // across processes), then waits a minute.
    let (db, config) = (state.db.clone(), state.config.clone());
    let stop = shutdown.clone();
    if config.media.read_in_background {
        handles.push(tokio::spawn(press_sources(db, config, stop)));
    }
    let (db, feed) = (state.db.clone(), state.config.feed.clone());
    let stop = shutdown.clone();
    if !feed.url.is_empty() {
        handles.push(tokio::spawn(async move {
            loop {
                // The report is recorded in feed_imports; failures are logged there too.
                let _ = app::publications::feeds::import_url(&db, &feed.url, &feed.department, "schedule").await;
                tokio::select! {
                    _ = stop.cancelled() => break,
                    _ = tokio::time::sleep(Duration::from_secs(feed.every_minutes * 60)) => {}
                }
            }
        }));
    }
    handles.push(tokio::spawn(async move {
        loop {
            if let Err(e) = store.remove_expired().await {
                tracing::error!("session clean-up: {e}");
            }
            tokio::select! {
                _ = shutdown.cancelled() => break,
                _ = tokio::time::sleep(Duration::from_secs(600)) => {}
            }
        }
    }));
    handles
}

/// Reads the due press sources every minute until shutdown.
async fn press_sources(db: app::platform::db::Db, config: Arc<app::platform::config::Config>, stop: CancellationToken) {
    loop {
        match app::media::sources::pass::run(&db, &config, chrono::Utc::now(), false).await {
            Ok(r) if !r.is_empty() => tracing::info!(
                sources = r.len(),
                new_items = r.iter().map(|x| x.new).sum::<usize>(),
                mentions = r.iter().map(|x| x.mentions).sum::<usize>(),
                failed = r.iter().filter(|x| x.error.is_some()).count(),
                "press sources read"
            ),
            Ok(_) => {}
            Err(e) => tracing::error!("press sources: {e}"),
        }
        tokio::select! {
            _ = stop.cancelled() => break,
            _ = tokio::time::sleep(Duration::from_secs(60)) => {}
        }
    }
}
