//! The search page's files, compiled into the binary: the page works
//! offline, and no path outside this list can ever be served (there is no
//! file system behind these routes to walk out of).

use std::sync::Arc;

use axum::Router;
use axum::http::{HeaderMap, HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use axum::routing::get;

use super::state::AppState;

/// One file of the page.
pub struct Asset {
    /// The URL path it is served at.
    pub path: &'static str,
    pub content_type: &'static str,
    pub body: &'static [u8],
    /// A hash of the body, for `ETag`: a browser revalidates and gets 304
    /// until the binary (and so the file) changes.
    hash: u64,
}

impl Asset {
    const fn new(path: &'static str, content_type: &'static str, body: &'static [u8]) -> Asset {
        Asset { path, content_type, body, hash: fnv1a(body) }
    }

    fn respond(&self, request: &HeaderMap) -> Response {
        let etag = format!("\"{:016x}\"", self.hash);
        let cached = request
            .get(header::IF_NONE_MATCH)
            .and_then(|v| v.to_str().ok())
            .is_some_and(|tags| tags.split(',').any(|t| t.trim() == etag || t.trim() == "*"));
        let mut response = if cached { StatusCode::NOT_MODIFIED.into_response() } else { self.body.into_response() };
        let headers = response.headers_mut();
        headers.insert(header::CONTENT_TYPE, HeaderValue::from_static(self.content_type));
        headers.insert(header::CACHE_CONTROL, HeaderValue::from_static("no-cache"));
        if let Ok(etag) = HeaderValue::from_str(&etag) {
            headers.insert(header::ETAG, etag);
        }
        response
    }
}

/// FNV-1a, at compile time.
const fn fnv1a(bytes: &[u8]) -> u64 {
    let mut hash: u64 = 0xcbf2_9ce4_8422_2325;
    let mut i = 0;
    while i < bytes.len() {
        hash ^= bytes[i] as u64;
        hash = hash.wrapping_mul(0x0100_0000_01b3);
        i += 1;
    }
    hash
}

/// Every file the page has.
pub static ASSETS: &[Asset] = &[
    Asset::new("/", "text/html; charset=utf-8", include_bytes!("../../assets/index.html")),
    Asset::new("/assets/app.js", "text/javascript; charset=utf-8", include_bytes!("../../assets/app.js")),
    Asset::new("/assets/style.css", "text/css; charset=utf-8", include_bytes!("../../assets/style.css")),
    Asset::new("/favicon.svg", "image/svg+xml", include_bytes!("../../assets/favicon.svg")),
];

/// A route for each file.
pub fn routes() -> Router<Arc<AppState>> {
    ASSETS.iter().fold(Router::new(), |router, asset| {
        router.route(asset.path, get(move |headers: HeaderMap| async move { asset.respond(&headers) }))
    })
}
