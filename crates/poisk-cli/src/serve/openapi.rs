//! The API's machine-readable description, OpenAPI 3.1, made from the
//! same types that make the JSON: `GET /openapi.json`, and
//! `docs/openapi.json` in the repository (a test keeps the two equal).

use utoipa::openapi::security::{HttpAuthScheme, HttpBuilder, SecurityScheme};
use utoipa::{Modify, OpenApi};

use super::error::{ApiErrorBody, LineError};
use super::handlers;

#[derive(OpenApi)]
#[openapi(
    info(
        title = "poisk",
        description = "Full-text search of Russian news and the quotations in it. Every endpoint answers JSON; \
            the JSON of `/search`, `/timeline`, `/quotes`, `/speakers` and `/stats` is that of the same `poisk` \
            command with `--format json`. Errors are `{\"error\": …, \"position\": …}` with a 4xx or 5xx status.",
        license(name = "MIT OR Apache-2.0"),
    ),
    paths(
        handlers::search,
        handlers::search_form,
        handlers::timeline,
        handlers::timeline_form,
        handlers::quotes,
        handlers::speakers,
        handlers::stats,
        handlers::article,
        handlers::health,
        handlers::add_articles,
    ),
    components(schemas(ApiErrorBody, LineError)),
    modifiers(&ApiKey),
)]
pub struct ApiDoc;

/// The `Authorization: Bearer KEY` of writes.
struct ApiKey;

impl Modify for ApiKey {
    fn modify(&self, openapi: &mut utoipa::openapi::OpenApi) {
        let scheme = SecurityScheme::Http(
            HttpBuilder::new()
                .scheme(HttpAuthScheme::Bearer)
                .description(Some("The key given to `poisk serve --api-key` (or POISK_API_KEY)"))
                .build(),
        );
        openapi.components.get_or_insert_with(Default::default).add_security_scheme("api_key", scheme);
    }
}

/// The description as pretty JSON, ending in a newline.
pub fn json() -> String {
    let mut text = ApiDoc::openapi().to_pretty_json().unwrap_or_default();
    text.push('\n');
    text
}

#[cfg(test)]
mod tests {
    use super::*;

    /// `docs/openapi.json` is the description the server gives; after a
    /// change to the API, `POISK_UPDATE_OPENAPI=1 cargo test -p poisk-cli
    /// openapi` writes it anew.
    #[test]
    fn the_committed_openapi_description_is_current() {
        let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../docs/openapi.json");
        let current = json();
        if std::env::var_os("POISK_UPDATE_OPENAPI").is_some() {
            std::fs::write(&path, &current).expect("write docs/openapi.json");
        }
        let committed = std::fs::read_to_string(&path).unwrap_or_default();
        assert!(
            committed == current,
            "docs/openapi.json differs from the API; run POISK_UPDATE_OPENAPI=1 cargo test -p poisk-cli openapi"
        );
    }

    #[test]
    fn every_endpoint_is_described() {
        let doc = ApiDoc::openapi();
        let paths: Vec<&str> = doc.paths.paths.keys().map(String::as_str).collect();
        for path in ["/search", "/timeline", "/quotes", "/speakers", "/stats", "/articles/{id}", "/health", "/articles"]
        {
            assert!(paths.contains(&path), "{path} is not in {paths:?}");
        }
    }
}
