//! The routes, and the layers every request passes through on its way
//! in: tracing, security headers, compression, JSON errors, a cap on
//! requests in flight, a timeout, a body limit on writes.

use std::sync::Arc;
use std::time::Duration;

use axum::error_handling::HandleErrorLayer;
use axum::extract::DefaultBodyLimit;
use axum::http::{HeaderName, HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use axum::{BoxError, Router, middleware};
use tower::ServiceBuilder;
use tower_http::compression::CompressionLayer;
use tower_http::limit::RequestBodyLimitLayer;
use tower_http::set_header::SetResponseHeaderLayer;
use tower_http::trace::{DefaultOnFailure, TraceLayer};
use tracing::Level;

use super::error::{ApiError, json_errors};
use super::handlers;
use super::limits::{MAX_IN_FLIGHT, REQUEST_MARGIN};
use super::state::AppState;
use super::{assets, openapi};

/// What the page may load and run: its own files only. No inline script
/// or style, no other origin, no frames, no plugins; `data:` images for
/// nothing but the favicon's fallback.
pub const CONTENT_SECURITY_POLICY: &str = "default-src 'none'; script-src 'self'; style-src 'self'; \
     img-src 'self' data:; connect-src 'self'; manifest-src 'self'; base-uri 'none'; form-action 'self'; \
     frame-ancestors 'none'";

/// The whole application: API, page, and the layers around them.
pub fn router(state: Arc<AppState>) -> Router {
    let request_timeout = state.time_budget.saturating_add(REQUEST_MARGIN);
    let reads = Router::new()
        .route("/search", get(handlers::search).post(handlers::search_form))
        .route("/timeline", get(handlers::timeline).post(handlers::timeline_form))
        .route("/quotes", get(handlers::quotes))
        .route("/speakers", get(handlers::speakers))
        .route("/stats", get(handlers::stats))
        .route("/articles/{*id}", get(handlers::article))
        .route("/health", get(handlers::health))
        .route("/openapi.json", get(openapi_json))
        .merge(assets::routes())
        .layer(
            ServiceBuilder::new()
                .layer(HandleErrorLayer::new(move |e| layer_error(e, request_timeout)))
                .timeout(request_timeout),
        );
    let max_body = state.max_body;
    let writes = Router::new()
        .route("/articles", post(handlers::add_articles))
        // A declared Content-Length over the limit is refused before a byte
        // of the body is read; a chunked body is cut off at the limit.
        .layer(RequestBodyLimitLayer::new(max_body))
        .layer(DefaultBodyLimit::max(max_body));
    reads
        .merge(writes)
        .fallback(not_found)
        .layer(
            ServiceBuilder::new()
                // Server errors are logged where they happen (`ApiError`), so a
                // 501 or a 503 under load is no error line of its own.
                .layer(TraceLayer::new_for_http().on_failure(DefaultOnFailure::new().level(Level::DEBUG)))
                .layer(header(header::CONTENT_SECURITY_POLICY, CONTENT_SECURITY_POLICY))
                .layer(header(header::X_CONTENT_TYPE_OPTIONS, "nosniff"))
                .layer(header(header::REFERRER_POLICY, "no-referrer"))
                .layer(header(header::X_FRAME_OPTIONS, "DENY"))
                .layer(CompressionLayer::new())
                .layer(middleware::map_response(move |response| json_errors(max_body, response)))
                .layer(HandleErrorLayer::new(move |e| layer_error(e, request_timeout)))
                .load_shed()
                .layer(tower::limit::GlobalConcurrencyLimitLayer::new(MAX_IN_FLIGHT)),
        )
        .with_state(state)
}

/// Sets a response header on every response.
fn header(name: HeaderName, value: &'static str) -> SetResponseHeaderLayer<HeaderValue> {
    SetResponseHeaderLayer::overriding(name, HeaderValue::from_static(value))
}

/// The errors of the tower layers, as JSON: a request past the cap on
/// requests in flight, or one that ran out of time.
async fn layer_error(error: BoxError, timeout: Duration) -> ApiError {
    if error.is::<tower::timeout::error::Elapsed>() {
        ApiError::new(
            StatusCode::SERVICE_UNAVAILABLE,
            format!("the request took longer than {:.0} s; try a narrower query", timeout.as_secs_f64()),
        )
    } else if error.is::<tower::load_shed::error::Overloaded>() {
        ApiError::new(
            StatusCode::SERVICE_UNAVAILABLE,
            "the server is answering as many requests as it takes; try again",
        )
    } else {
        ApiError::internal(error)
    }
}

async fn not_found() -> ApiError {
    ApiError::new(
        StatusCode::NOT_FOUND,
        "no such page: the API is /search, /timeline, /quotes, /speakers, /stats, /articles/{id}, /health \
         (described in /openapi.json), the search page is /",
    )
}

async fn openapi_json() -> Response {
    ([(header::CONTENT_TYPE, "application/json")], openapi::json()).into_response()
}
